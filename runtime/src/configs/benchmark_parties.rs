//! The parties the pallet benchmarks need from other pallets: funded providers approved by Root,
//! registered patients, and the clock. One implementation serves every pallet's
//! `BenchmarkHelper`.

use carechain_primitives::{Moment, ProviderKind};
use codec::Encode;
use frame_support::traits::fungible::Mutate;
use frame_system::RawOrigin;

use crate::{currency::CARE, AccountId, Balance, Balances, Runtime};

/// What a benchmark provider holds: enough for any deposit, study pool or fee.
const PROVIDER_FUNDS: Balance = 1_000_000_000 * CARE;

/// A provider of `kind`, funded, applied and approved by Root.
fn approved_provider(name: &'static str, index: u32, kind: ProviderKind) -> AccountId {
	let provider: AccountId = frame_benchmarking::account(name, index, 0);
	let _ = Balances::set_balance(&provider, PROVIDER_FUNDS);
	let _ = pallet_provider_registry::Pallet::<Runtime>::apply(
		RawOrigin::Signed(provider.clone()).into(),
		kind,
		"Benchmark Provider".into(),
		*b"GB",
		[0; 32],
	);
	let _ = pallet_provider_registry::Pallet::<Runtime>::approve(
		RawOrigin::Root.into(),
		provider.clone(),
	);
	provider
}

/// A funded patient registered with their own deposit.
fn registered_patient(index: u32) -> AccountId {
	let patient: AccountId = frame_benchmarking::account("patient", index, 0);
	let _ = Balances::set_balance(&patient, 1_000 * CARE);
	let _ = pallet_patient_identity::Pallet::<Runtime>::register(
		RawOrigin::Signed(patient.clone()).into(),
		[1; 32],
	);
	patient
}

/// Sets pallet-timestamp's clock.
fn set_time(now: Moment) {
	pallet_timestamp::Now::<Runtime>::put(now);
}

/// The benchmark helper of every CareChain pallet.
pub struct BenchmarkParties;

impl pallet_patient_identity::BenchmarkHelper<AccountId> for BenchmarkParties {
	fn active_provider() -> AccountId {
		approved_provider("hospital", 0, ProviderKind::Hospital)
	}

	fn raise_max_guardians_to_ceiling() {
		use super::{dynamic_params::patients, patients::MAX_GUARDIANS_CEILING};
		let ceiling = crate::RuntimeParameters::Patients(patients::Parameters::MaxGuardians(
			patients::MaxGuardians,
			Some(MAX_GUARDIANS_CEILING),
		));
		let _ =
			pallet_parameters::Pallet::<Runtime>::set_parameter(RawOrigin::Root.into(), ceiling);
	}
}

impl pallet_consent::BenchmarkHelper<AccountId> for BenchmarkParties {
	fn active_provider(index: u32) -> AccountId {
		approved_provider("hospital", index, ProviderKind::Hospital)
	}

	fn patient(index: u32) -> AccountId {
		registered_patient(index)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}

impl pallet_data_rewards::BenchmarkHelper<AccountId> for BenchmarkParties {
	fn research_institute(index: u32) -> AccountId {
		approved_provider("institute", index, ProviderKind::ResearchInstitute)
	}

	fn patient(index: u32) -> AccountId {
		registered_patient(index)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}

impl pallet_claims::BenchmarkHelper<AccountId> for BenchmarkParties {
	fn insurer() -> AccountId {
		approved_provider("insurer", 0, ProviderKind::Insurer)
	}

	fn hospital() -> AccountId {
		approved_provider("hospital", 0, ProviderKind::Hospital)
	}

	fn patient(index: u32) -> AccountId {
		registered_patient(index)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}

impl pallet_traceability::BenchmarkHelper<AccountId> for BenchmarkParties {
	/// One account per kind and index: a manufacturer, a distributor and a pharmacy of the
	/// same index are three trading partners.
	fn provider(kind: ProviderKind, index: u32) -> AccountId {
		let kind_index = kind.encode().first().copied().map_or(0, u32::from);
		approved_provider("trade", index.saturating_add(kind_index.saturating_mul(1_000)), kind)
	}

	fn set_time(now: Moment) {
		set_time(now);
	}
}
