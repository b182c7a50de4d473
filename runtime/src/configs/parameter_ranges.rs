//! The range each Parameters value may be set to, checked when it is set.
//!
//! pallet-parameters checks who may set a value, not what the value is. This filter, part of
//! the runtime's `BaseCallFilter`, refuses a `parameters.setParameter` whose value lies outside
//! its range: a Council motion that tries it executes with `System.CallFiltered` and changes
//! nothing. Resetting a value to its default (`None`) is always allowed, and every default lies
//! inside its range (tested). Root bypasses call filters, as it does everywhere: only
//! development chains have a sudo key.
//!
//! Every parameter must appear in [`in_range`] (the match is exhaustive), so a new parameter
//! cannot be added without a range.

use core::ops::RangeInclusive;

use carechain_primitives::{Moment, DAY_MS};
use frame_support::traits::Contains;

use super::{
	dynamic_params::{claims, consent, governance, patients, providers, rewards},
	patients::MAX_GUARDIANS_CEILING,
	providers::MAX_STAFF_CEILING,
	RuntimeParameters,
};
use crate::{
	currency::{CARE, EXISTENTIAL_DEPOSIT, MICRO_CARE, MILLI_CARE},
	time::{DAYS, HOURS},
	RuntimeCall,
};

/// An hour in unix milliseconds.
const HOUR_MS: Moment = DAY_MS / 24;

/// Whether `value` (`None`: back to the default) lies in `range`.
fn within<V: PartialOrd>(value: &Option<V>, range: RangeInclusive<V>) -> bool {
	value.as_ref().is_none_or(|value| range.contains(value))
}

/// Whether a parameter's new value lies in its range. The ranges keep the chain usable
/// whatever a motion decides: deposits never so low that storage is free nor so high that
/// patients cannot be onboarded, limits never zero, durations long enough to act on.
pub fn in_range(parameter: &RuntimeParameters) -> bool {
	use RuntimeParameters as P;
	match parameter {
		// A motion stays open at least an hour (members vote across time zones), at most 30 days.
		P::Governance(governance::Parameters::MotionDuration(_, v)) => within(v, HOURS..=30 * DAYS),
		P::Providers(providers::Parameters::DepositBase(_, v)) => within(v, CARE..=1_000 * CARE),
		P::Providers(providers::Parameters::DepositPerByte(_, v)) => within(v, MILLI_CARE..=CARE),
		P::Providers(providers::Parameters::StaffDeposit(_, v)) => {
			within(v, 100 * MILLI_CARE..=100 * CARE)
		},
		P::Providers(providers::Parameters::MaxStaff(_, v)) => within(v, 1..=MAX_STAFF_CEILING),
		// Zero: staff pay their own fees; at most what a full day of a busy clinician costs.
		P::Providers(providers::Parameters::StaffFeeAllowance(_, v)) => within(v, 0..=1_000 * CARE),
		P::Patients(patients::Parameters::DepositBase(_, v)) => {
			within(v, 100 * MILLI_CARE..=100 * CARE)
		},
		P::Patients(patients::Parameters::DepositPerByte(_, v)) => {
			within(v, MILLI_CARE..=100 * MILLI_CARE)
		},
		P::Patients(patients::Parameters::MaxGuardians(_, v)) => {
			within(v, 1..=MAX_GUARDIANS_CEILING)
		},
		// Never zero: patients must not need tokens to control their data.
		P::Patients(patients::Parameters::FeelessCallsPerDay(_, v)) => within(v, 1..=200),
		P::Consent(consent::Parameters::MaxConsentDuration(_, v)) => {
			within(v, DAY_MS..=5 * 365 * DAY_MS)
		},
		P::Consent(consent::Parameters::RequestTtl(_, v)) => within(v, HOUR_MS..=30 * DAY_MS),
		// Long enough to treat, never more than a day.
		P::Consent(consent::Parameters::EmergencyAccessWindow(_, v)) => within(v, HOUR_MS..=DAY_MS),
		P::Consent(consent::Parameters::EmergencySlash(_, v)) => within(v, CARE..=1_000 * CARE),
		P::Consent(consent::Parameters::EmergencyBond(_, v)) => within(v, CARE..=1_000 * CARE),
		P::Consent(consent::Parameters::AnchorDepositBase(_, v)) => within(v, MILLI_CARE..=CARE),
		P::Consent(consent::Parameters::AnchorDepositPerByte(_, v)) => {
			within(v, MICRO_CARE..=10 * MILLI_CARE)
		},
		P::Rewards(rewards::Parameters::StudyDeposit(_, v)) => within(v, CARE..=1_000 * CARE),
		// Far above the existential deposit, so a paid reward always creates an account.
		P::Rewards(rewards::Parameters::MinReward(_, v)) => {
			within(v, 10 * EXISTENTIAL_DEPOSIT..=100 * CARE)
		},
		P::Claims(claims::Parameters::ClaimDepositBase(_, v)) => within(v, MILLI_CARE..=10 * CARE),
		P::Claims(claims::Parameters::CoverageDepositBase(_, v)) => {
			within(v, MILLI_CARE..=10 * CARE)
		},
		P::Claims(claims::Parameters::DepositPerByte(_, v)) => {
			within(v, MICRO_CARE..=10 * MILLI_CARE)
		},
		P::Claims(claims::Parameters::DisputeSlash(_, v)) => within(v, CARE..=1_000 * CARE),
	}
}

/// The call filter: refuses `parameters.setParameter` with a value outside its range.
pub struct ParametersInRange;

impl Contains<RuntimeCall> for ParametersInRange {
	fn contains(call: &RuntimeCall) -> bool {
		match call {
			RuntimeCall::Parameters(pallet_parameters::Call::set_parameter { key_value }) => {
				in_range(key_value)
			},
			_ => true,
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use frame_support::traits::Get;

	/// `parameter` set to `value`.
	macro_rules! set {
		($group:ident, $variant:ident, $name:ident, $value:expr) => {
			RuntimeParameters::$variant($group::Parameters::$name($group::$name, $value))
		};
	}

	/// Every parameter at its default, and reset to the default (`None`).
	macro_rules! defaults {
		($($group:ident :: $variant:ident :: $name:ident),* $(,)?) => {
			[$(
				set!($group, $variant, $name, Some($group::$name::get())),
				set!($group, $variant, $name, None),
			)*]
		};
	}

	#[test]
	fn every_default_lies_in_its_range() {
		sp_io::TestExternalities::default().execute_with(|| {
			let all = defaults![
				governance::Governance::MotionDuration,
				providers::Providers::DepositBase,
				providers::Providers::DepositPerByte,
				providers::Providers::StaffDeposit,
				providers::Providers::MaxStaff,
				providers::Providers::StaffFeeAllowance,
				patients::Patients::DepositBase,
				patients::Patients::DepositPerByte,
				patients::Patients::MaxGuardians,
				patients::Patients::FeelessCallsPerDay,
				consent::Consent::MaxConsentDuration,
				consent::Consent::RequestTtl,
				consent::Consent::EmergencyAccessWindow,
				consent::Consent::EmergencySlash,
				consent::Consent::EmergencyBond,
				consent::Consent::AnchorDepositBase,
				consent::Consent::AnchorDepositPerByte,
				rewards::Rewards::StudyDeposit,
				rewards::Rewards::MinReward,
				claims::Claims::ClaimDepositBase,
				claims::Claims::CoverageDepositBase,
				claims::Claims::DepositPerByte,
				claims::Claims::DisputeSlash,
			];
			for parameter in all {
				assert!(in_range(&parameter), "{parameter:?}");
			}
		});
	}

	#[test]
	fn values_outside_a_range_are_refused() {
		assert!(!in_range(&set!(providers, Providers, MaxStaff, Some(0))));
		assert!(!in_range(&set!(providers, Providers, MaxStaff, Some(MAX_STAFF_CEILING + 1))));
		assert!(in_range(&set!(providers, Providers, MaxStaff, Some(MAX_STAFF_CEILING))));
		assert!(!in_range(&set!(patients, Patients, DepositBase, Some(0))));
		assert!(!in_range(&set!(patients, Patients, FeelessCallsPerDay, Some(0))));
		assert!(!in_range(&set!(consent, Consent, EmergencyAccessWindow, Some(DAY_MS + 1))));
		assert!(!in_range(&set!(governance, Governance, MotionDuration, Some(1))));
		assert!(!in_range(&set!(rewards, Rewards, MinReward, Some(EXISTENTIAL_DEPOSIT))));
	}
}
