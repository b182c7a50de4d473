//! Tests of every call through the pallet's public interface.

use carechain_primitives::deposit::HeldDeposit;
use carechain_primitives::traits::PatientRegistry as _;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::InspectHold, Hooks},
};
use sp_runtime::DispatchError;

use crate::{
	mock::*, Error, Event, FeelessPool, FeelessPools, FeelessUsage, Guardian, HoldReason,
	NonceFloor, Patients,
};

const COMMITMENT: [u8; 32] = [1; 32];
const NEW_COMMITMENT: [u8; 32] = [2; 32];
const DAY: u64 = 86_400_000;

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn register(who: u64) {
	assert_ok!(PatientIdentity::register(signed(who), COMMITMENT));
}

/// What a registration costs in the mock: the price of the pallet's deposit footprint.
fn registration_deposit() -> Balance {
	use sp_runtime::traits::Convert;
	frame_support::traits::LinearStoragePrice::<
		frame_support::traits::ConstU64<DEPOSIT_BASE>,
		frame_support::traits::ConstU64<1>,
		Balance,
	>::convert(PatientIdentity::deposit_footprint())
}

fn held(who: u64) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::PatientIdentity(HoldReason::PatientDeposit), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::PatientIdentity(event) => Some(event),
			_ => None,
		})
		.expect("the pallet emitted an event")
}

fn set_emergency_access_call(allowed: bool) -> Box<RuntimeCall> {
	Box::new(RuntimeCall::PatientIdentity(crate::Call::set_emergency_access { allowed }))
}

mod register {
	use super::*;

	#[test]
	fn stores_the_commitment_and_holds_a_deposit_sized_by_the_record() {
		build_and_execute(|| {
			register(PATIENT);
			let record = Patients::<Test>::get(PATIENT).unwrap();
			assert_eq!(record.commitment, COMMITMENT);
			assert_eq!(record.depositor, PATIENT);
			assert!(record.emergency_access, "emergency access is allowed by default");
			assert!(record.guardians.is_empty());
			use codec::MaxEncodedLen;
			let bytes = crate::PatientRecordOf::<Test>::max_encoded_len() as u64;
			assert_eq!(record.deposit.held(), DEPOSIT_BASE + bytes);
			assert_eq!(registration_deposit(), DEPOSIT_BASE + bytes);
			assert_eq!(held(PATIENT), record.deposit.held());
			assert!(PatientIdentity::is_patient(&PATIENT));
			assert_eq!(last_event(), Event::Registered { patient: PATIENT });
		});
	}

	#[test]
	fn refuses_a_second_registration() {
		build_and_execute(|| {
			register(PATIENT);
			assert_noop!(
				PatientIdentity::register(signed(PATIENT), NEW_COMMITMENT),
				Error::<Test>::AlreadyRegistered
			);
		});
	}

	#[test]
	fn refuses_an_account_that_cannot_pay() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::register(signed(NEWBORN), COMMITMENT),
				Error::<Test>::InsufficientDeposit
			);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::register(RuntimeOrigin::root(), COMMITMENT),
				DispatchError::BadOrigin
			);
		});
	}
}

mod onboard {
	use super::*;

	#[test]
	fn a_provider_registers_an_account_without_tokens_and_pays_the_deposit() {
		build_and_execute(|| {
			assert_eq!(System::sufficients(&NEWBORN), 0);
			assert_ok!(PatientIdentity::onboard(signed(HOSPITAL), NEWBORN, COMMITMENT));
			let record = Patients::<Test>::get(NEWBORN).unwrap();
			assert_eq!(record.depositor, HOSPITAL);
			assert!(record.sufficient);
			assert_eq!(held(HOSPITAL), record.deposit.held());
			assert_eq!(Balances::free_balance(NEWBORN), 0);
			assert_eq!(System::sufficients(&NEWBORN), 1);
			assert!(System::account_exists(&NEWBORN));
			assert_eq!(
				last_event(),
				Event::Onboarded { patient: NEWBORN, provider: HOSPITAL, organisation: HOSPITAL }
			);
		});
	}

	#[test]
	fn staff_onboard_on_behalf_of_their_organisation() {
		build_and_execute(|| {
			assert_ok!(PatientIdentity::onboard(signed(NURSE), NEWBORN, COMMITMENT));
			assert_eq!(Patients::<Test>::get(NEWBORN).unwrap().depositor, HOSPITAL);
			assert_eq!(held(HOSPITAL), registration_deposit());
			assert_eq!(held(NURSE), 0);
		});
	}

	#[test]
	fn only_active_providers_onboard() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::onboard(signed(SUSPENDED_CLINIC), NEWBORN, COMMITMENT),
				Error::<Test>::NotAProvider
			);
			assert_noop!(
				PatientIdentity::onboard(signed(PARENT), NEWBORN, COMMITMENT),
				Error::<Test>::NotAProvider
			);
		});
	}

	#[test]
	fn refuses_a_registered_patient() {
		build_and_execute(|| {
			register(PATIENT);
			assert_noop!(
				PatientIdentity::onboard(signed(HOSPITAL), PATIENT, COMMITMENT),
				Error::<Test>::AlreadyRegistered
			);
		});
	}

	#[test]
	fn refuses_when_the_organisation_cannot_pay() {
		build_and_execute(|| {
			let deposit = registration_deposit();
			// Leave the hospital less than the deposit.
			assert_ok!(Balances::transfer_allow_death(
				signed(HOSPITAL),
				PARENT,
				ENDOWMENT - deposit + 1
			));
			assert_noop!(
				PatientIdentity::onboard(signed(HOSPITAL), NEWBORN, COMMITMENT),
				Error::<Test>::InsufficientDeposit
			);
		});
	}
}

mod commitment {
	use super::*;

	#[test]
	fn update_replaces_the_commitment() {
		build_and_execute(|| {
			register(PATIENT);
			assert_ok!(PatientIdentity::update_commitment(signed(PATIENT), NEW_COMMITMENT));
			assert_eq!(Patients::<Test>::get(PATIENT).unwrap().commitment, NEW_COMMITMENT);
			assert_eq!(last_event(), Event::CommitmentUpdated { patient: PATIENT });
		});
	}

	#[test]
	fn update_needs_a_patient_and_a_new_commitment() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::update_commitment(signed(PATIENT), NEW_COMMITMENT),
				Error::<Test>::NotRegistered
			);
			register(PATIENT);
			assert_noop!(
				PatientIdentity::update_commitment(signed(PATIENT), COMMITMENT),
				Error::<Test>::CommitmentUnchanged
			);
		});
	}
}

mod guardians {
	use super::*;

	#[test]
	fn add_and_remove_a_guardian() {
		build_and_execute(|| {
			register(PATIENT);
			let until = Some(Now::get() + DAY);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), PARENT, until));
			assert_eq!(
				Patients::<Test>::get(PATIENT).unwrap().guardians.into_inner(),
				vec![Guardian { account: PARENT, until }]
			);
			assert_eq!(
				last_event(),
				Event::GuardianAdded { patient: PATIENT, guardian: PARENT, until }
			);
			assert_ok!(PatientIdentity::remove_guardian(signed(PATIENT), PARENT));
			assert!(Patients::<Test>::get(PATIENT).unwrap().guardians.is_empty());
			assert_eq!(last_event(), Event::GuardianRemoved { patient: PATIENT, guardian: PARENT });
		});
	}

	#[test]
	fn add_guardian_errors() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::add_guardian(signed(PATIENT), PARENT, None),
				Error::<Test>::NotRegistered
			);
			register(PATIENT);
			assert_noop!(
				PatientIdentity::add_guardian(signed(PATIENT), PATIENT, None),
				Error::<Test>::CannotGuardSelf
			);
			assert_noop!(
				PatientIdentity::add_guardian(signed(PATIENT), PARENT, Some(Now::get())),
				Error::<Test>::ExpiryInPast
			);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), PARENT, None));
			assert_noop!(
				PatientIdentity::add_guardian(signed(PATIENT), PARENT, None),
				Error::<Test>::AlreadyGuardian
			);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), CARER, None));
			assert_noop!(
				PatientIdentity::add_guardian(signed(PATIENT), OTHER_PATIENT, None),
				Error::<Test>::TooManyGuardians
			);
			// The limit is a parameter: raised, a third guardian fits.
			MaxGuardians::set(3);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), OTHER_PATIENT, None));
			MaxGuardians::set(2);
		});
	}

	#[test]
	fn remove_guardian_of_a_stranger_fails() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::remove_guardian(signed(PATIENT), PARENT),
				Error::<Test>::NotRegistered
			);
			register(PATIENT);
			assert_noop!(
				PatientIdentity::remove_guardian(signed(PATIENT), PARENT),
				Error::<Test>::NotGuardian
			);
		});
	}

	#[test]
	fn a_guardian_acts_with_the_patients_origin() {
		build_and_execute(|| {
			register(PATIENT);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), PARENT, None));
			assert_ok!(PatientIdentity::as_guardian(
				signed(PARENT),
				PATIENT,
				set_emergency_access_call(false)
			));
			assert!(!PatientIdentity::emergency_access_allowed(&PATIENT));
			assert_eq!(
				last_event(),
				Event::GuardianActed { patient: PATIENT, guardian: PARENT, result: Ok(()) }
			);
		});
	}

	#[test]
	fn the_result_of_the_dispatched_call_is_reported() {
		build_and_execute(|| {
			register(PATIENT);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), PARENT, None));
			// Emergency access is already allowed: the inner call fails, the outer succeeds.
			assert_ok!(PatientIdentity::as_guardian(
				signed(PARENT),
				PATIENT,
				set_emergency_access_call(true)
			));
			assert_eq!(
				last_event(),
				Event::GuardianActed {
					patient: PATIENT,
					guardian: PARENT,
					result: Err(Error::<Test>::EmergencyAccessUnchanged.into())
				}
			);
		});
	}

	#[test]
	fn an_expired_guardian_can_no_longer_act() {
		build_and_execute(|| {
			register(PATIENT);
			let until = Now::get() + DAY;
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), PARENT, Some(until)));
			Now::set(until - 1);
			assert_ok!(PatientIdentity::as_guardian(
				signed(PARENT),
				PATIENT,
				set_emergency_access_call(false)
			));
			Now::set(until);
			assert_noop!(
				PatientIdentity::as_guardian(
					signed(PARENT),
					PATIENT,
					set_emergency_access_call(true)
				),
				Error::<Test>::GuardianExpired
			);
			// The patient can still remove the expired guardian.
			assert_ok!(PatientIdentity::remove_guardian(signed(PATIENT), PARENT));
			Now::set(1_700_000_000_000);
		});
	}

	#[test]
	fn as_guardian_refuses_strangers_unknown_patients_and_filtered_calls() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::as_guardian(
					signed(PARENT),
					PATIENT,
					set_emergency_access_call(false)
				),
				Error::<Test>::NotRegistered
			);
			register(PATIENT);
			assert_noop!(
				PatientIdentity::as_guardian(
					signed(CARER),
					PATIENT,
					set_emergency_access_call(false)
				),
				Error::<Test>::NotGuardian
			);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), PARENT, None));
			// Guardians may not deregister the patient, nor anything else the filter refuses.
			let deregister = Box::new(RuntimeCall::PatientIdentity(crate::Call::deregister {}));
			assert_noop!(
				PatientIdentity::as_guardian(signed(PARENT), PATIENT, deregister),
				Error::<Test>::CallNotAllowed
			);
			let transfer =
				Box::new(RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
					dest: PARENT,
					value: 1,
				}));
			assert_noop!(
				PatientIdentity::as_guardian(signed(PARENT), PATIENT, transfer),
				Error::<Test>::CallNotAllowed
			);
		});
	}
}

mod emergency_access {
	use super::*;

	#[test]
	fn a_patient_opts_out_and_back_in() {
		build_and_execute(|| {
			register(PATIENT);
			assert!(PatientIdentity::emergency_access_allowed(&PATIENT));
			assert_ok!(PatientIdentity::set_emergency_access(signed(PATIENT), false));
			assert!(!PatientIdentity::emergency_access_allowed(&PATIENT));
			assert_eq!(
				last_event(),
				Event::EmergencyAccessSet { patient: PATIENT, allowed: false }
			);
			assert_ok!(PatientIdentity::set_emergency_access(signed(PATIENT), true));
			assert!(PatientIdentity::emergency_access_allowed(&PATIENT));
		});
	}

	#[test]
	fn setting_the_same_value_or_as_a_stranger_fails() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::set_emergency_access(signed(PATIENT), false),
				Error::<Test>::NotRegistered
			);
			assert!(!PatientIdentity::emergency_access_allowed(&PATIENT));
			register(PATIENT);
			assert_noop!(
				PatientIdentity::set_emergency_access(signed(PATIENT), true),
				Error::<Test>::EmergencyAccessUnchanged
			);
		});
	}
}

mod deregister {
	use super::*;

	fn storage_mentions(who: u64) -> usize {
		Patients::<Test>::iter_keys().filter(|k| *k == who).count()
			+ FeelessUsage::<Test>::iter_keys().filter(|k| *k == who).count()
			+ FeelessPools::<Test>::iter_keys().filter(|k| *k == who).count()
			+ Patients::<Test>::iter_values()
				.filter(|r| r.depositor == who || r.guardians.iter().any(|g| g.account == who))
				.count()
	}

	#[test]
	fn leaves_nothing_behind_and_returns_the_deposit() {
		build_and_execute(|| {
			register(PATIENT);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), PARENT, None));
			PatientIdentity::note_feeless_call(&PATIENT, &HOSPITAL);
			assert!(storage_mentions(PATIENT) > 0);

			assert_ok!(PatientIdentity::deregister(signed(PATIENT)));
			assert_eq!(storage_mentions(PATIENT), 0);
			assert_eq!(held(PATIENT), 0);
			assert_eq!(Balances::free_balance(PATIENT), ENDOWMENT);
			assert!(!PatientIdentity::is_patient(&PATIENT));
			assert_eq!(last_event(), Event::Deregistered { patient: PATIENT });
		});
	}

	#[test]
	fn an_onboarded_patient_returns_the_deposit_to_the_organisation() {
		build_and_execute(|| {
			assert_ok!(PatientIdentity::onboard(signed(NURSE), NEWBORN, COMMITMENT));
			assert_ok!(PatientIdentity::deregister(signed(NEWBORN)));
			assert_eq!(held(HOSPITAL), 0);
			assert_eq!(Balances::free_balance(HOSPITAL), ENDOWMENT);
			assert_eq!(System::sufficients(&NEWBORN), 0);
			assert_eq!(storage_mentions(NEWBORN), 0);
		});
	}

	#[test]
	fn a_stranger_cannot_deregister() {
		build_and_execute(|| {
			assert_noop!(
				PatientIdentity::deregister(signed(PATIENT)),
				Error::<Test>::NotRegistered
			);
		});
	}
}

mod feeless_quota {
	use super::*;

	/// Accounts that never held a token, onboarded in these tests.
	const TWIN: u64 = 31;

	fn origin(who: u64) -> frame_system::pallet_prelude::OriginFor<Test> {
		signed(who)
	}

	fn onboard(who: u64) {
		assert_ok!(PatientIdentity::onboard(signed(NURSE), who, COMMITMENT));
	}

	/// Uses up `who`'s fee-free calls of today, as `CountFeelessCalls` would.
	fn use_quota(who: u64) {
		while let Some(organisation) = PatientIdentity::feeless_organisation(&who) {
			PatientIdentity::note_feeless_call(&who, &organisation);
		}
	}

	#[test]
	fn onboarded_patients_have_a_daily_quota_of_fee_free_calls() {
		build_and_execute(|| {
			assert!(!PatientIdentity::has_feeless_call(&origin(NEWBORN)), "not a patient yet");
			onboard(NEWBORN);
			for used in 0..FeelessCallsPerDay::get() {
				assert_eq!(PatientIdentity::feeless_calls_today(&NEWBORN), used);
				assert_eq!(PatientIdentity::feeless_organisation(&NEWBORN), Some(HOSPITAL));
				assert!(PatientIdentity::has_feeless_call(&origin(NEWBORN)));
				PatientIdentity::note_feeless_call(&NEWBORN, &HOSPITAL);
			}
			assert!(!PatientIdentity::has_feeless_call(&origin(NEWBORN)));
			// A new day, a new quota.
			Now::set(Now::get() + DAY);
			assert_eq!(PatientIdentity::feeless_calls_today(&NEWBORN), 0);
			assert!(PatientIdentity::has_feeless_call(&origin(NEWBORN)));
			PatientIdentity::note_feeless_call(&NEWBORN, &HOSPITAL);
			assert_eq!(PatientIdentity::feeless_calls_today(&NEWBORN), 1);
			Now::set(1_700_000_000_000);
		});
	}

	#[test]
	fn the_patient_view_shows_the_calls_of_today_and_whether_the_pool_still_pays() {
		build_and_execute(|| {
			assert_eq!(PatientIdentity::patient_view(&NEWBORN), None, "not registered");
			onboard(NEWBORN);
			assert_ok!(PatientIdentity::add_guardian(
				signed(NEWBORN),
				PARENT,
				Some(Now::get() + DAY)
			));
			PatientIdentity::note_feeless_call(&NEWBORN, &HOSPITAL);
			let view = PatientIdentity::patient_view(&NEWBORN).expect("registered");
			assert_eq!(
				view,
				carechain_primitives::PatientView {
					onboarded: true,
					emergency_access: true,
					guardians: vec![(PARENT, Some(Now::get() + DAY))],
					feeless_calls_today: 1,
					feeless_calls_per_day: FeelessCallsPerDay::get(),
					pool_open: true,
				}
			);
			use_quota(NEWBORN);
			let spent = PatientIdentity::patient_view(&NEWBORN).expect("registered");
			assert_eq!(spent.feeless_calls_today, FeelessCallsPerDay::get());
			assert!(!spent.pool_open, "the pool holds one patient's quota, now spent");

			register(PATIENT);
			let paying = PatientIdentity::patient_view(&PATIENT).expect("registered");
			assert!(!paying.onboarded && !paying.pool_open);
			assert_eq!(paying.feeless_calls_per_day, 0);
		});
	}

	#[test]
	fn patients_who_registered_with_their_own_funds_pay_their_fees() {
		build_and_execute(|| {
			register(PATIENT);
			assert!(!PatientIdentity::has_feeless_call(&origin(PATIENT)));
			assert_eq!(PatientIdentity::feeless_organisation(&PATIENT), None);
		});
	}

	#[test]
	fn deregistering_and_being_onboarded_again_buys_no_fee_free_calls() {
		build_and_execute(|| {
			onboard(NEWBORN);
			use_quota(NEWBORN);
			assert_ok!(PatientIdentity::deregister(signed(NEWBORN)));
			// The organisation's pool remembers the calls, not the patient.
			assert_eq!(
				FeelessPools::<Test>::get(HOSPITAL),
				Some(FeelessPool {
					patients: 0,
					usage: crate::DailyUsage { day: 19_675, calls: FeelessCallsPerDay::get() },
				})
			);
			assert!(!FeelessUsage::<Test>::contains_key(NEWBORN));

			onboard(NEWBORN);
			assert_eq!(PatientIdentity::feeless_calls_today(&NEWBORN), 0, "own count is new");
			assert!(!PatientIdentity::has_feeless_call(&origin(NEWBORN)), "the pool is spent");
			// The next day the pool holds one patient's quota again.
			Now::set(Now::get() + DAY);
			assert!(PatientIdentity::has_feeless_call(&origin(NEWBORN)));
			Now::set(1_700_000_000_000);
		});
	}

	#[test]
	fn one_patient_cannot_spend_another_patients_share_of_the_pool() {
		build_and_execute(|| {
			onboard(NEWBORN);
			onboard(TWIN);
			use_quota(NEWBORN);
			assert_eq!(PatientIdentity::feeless_calls_today(&NEWBORN), FeelessCallsPerDay::get());
			assert!(PatientIdentity::has_feeless_call(&origin(TWIN)));
			use_quota(TWIN);
			assert_eq!(PatientIdentity::feeless_calls_today(&TWIN), FeelessCallsPerDay::get());
			assert_eq!(
				FeelessPools::<Test>::get(HOSPITAL).map(|pool| pool.usage.calls),
				Some(2 * FeelessCallsPerDay::get())
			);
		});
	}

	#[test]
	fn a_pool_goes_with_its_last_patient_on_a_day_without_calls() {
		build_and_execute(|| {
			onboard(NEWBORN);
			assert_eq!(FeelessPools::<Test>::get(HOSPITAL).map(|pool| pool.patients), Some(1));
			assert_ok!(PatientIdentity::deregister(signed(NEWBORN)));
			assert!(!FeelessPools::<Test>::contains_key(HOSPITAL));
		});
	}

	#[test]
	fn only_signed_patients_are_fee_free() {
		build_and_execute(|| {
			assert!(!PatientIdentity::has_feeless_call(&RuntimeOrigin::root()));
			assert!(!PatientIdentity::has_feeless_call(&RuntimeOrigin::none()));
			assert!(!PatientIdentity::has_feeless_call(&origin(HOSPITAL)));
		});
	}

	#[test]
	fn the_feeless_calls_are_those_a_patient_makes_for_themselves() {
		use frame_support::dispatch::CheckIfFeeless;
		build_and_execute(|| {
			onboard(NEWBORN);
			let patient_calls = [
				RuntimeCall::PatientIdentity(crate::Call::update_commitment {
					identity_commitment: NEW_COMMITMENT,
				}),
				RuntimeCall::PatientIdentity(crate::Call::add_guardian {
					guardian: PARENT,
					until: None,
				}),
				RuntimeCall::PatientIdentity(crate::Call::remove_guardian { guardian: PARENT }),
				RuntimeCall::PatientIdentity(crate::Call::set_emergency_access { allowed: false }),
				RuntimeCall::PatientIdentity(crate::Call::deregister {}),
			];
			for call in &patient_calls {
				assert!(call.is_feeless(&origin(NEWBORN)), "{call:?}");
				assert!(!call.is_feeless(&origin(OTHER_PATIENT)), "{call:?}: not a patient");
			}
			let paid = RuntimeCall::PatientIdentity(crate::Call::register {
				identity_commitment: COMMITMENT,
			});
			assert!(!paid.is_feeless(&origin(NEWBORN)));
		});
	}

	#[test]
	fn the_precheck_refuses_what_the_call_would_refuse() {
		use crate::Call;
		build_and_execute(|| {
			let precheck = |call: Call<Test>| PatientIdentity::precheck_feeless(&NEWBORN, &call);
			assert_eq!(
				precheck(Call::set_emergency_access { allowed: false }),
				Err(Error::<Test>::NotRegistered.into())
			);
			onboard(NEWBORN);
			assert_ok!(precheck(Call::set_emergency_access { allowed: false }));
			assert_ok!(precheck(Call::deregister {}));
			assert_ok!(precheck(Call::add_guardian { guardian: PARENT, until: None }));
			assert_eq!(
				precheck(Call::set_emergency_access { allowed: true }),
				Err(Error::<Test>::EmergencyAccessUnchanged.into())
			);
			assert_eq!(
				precheck(Call::update_commitment { identity_commitment: COMMITMENT }),
				Err(Error::<Test>::CommitmentUnchanged.into())
			);
			assert_eq!(
				precheck(Call::add_guardian { guardian: NEWBORN, until: None }),
				Err(Error::<Test>::CannotGuardSelf.into())
			);
			assert_eq!(
				precheck(Call::add_guardian { guardian: PARENT, until: Some(1) }),
				Err(Error::<Test>::ExpiryInPast.into())
			);
			assert_eq!(
				precheck(Call::remove_guardian { guardian: PARENT }),
				Err(Error::<Test>::NotGuardian.into())
			);
			assert_ok!(PatientIdentity::add_guardian(signed(NEWBORN), PARENT, None));
			assert_eq!(
				precheck(Call::add_guardian { guardian: PARENT, until: None }),
				Err(Error::<Test>::AlreadyGuardian.into())
			);
			assert_ok!(PatientIdentity::add_guardian(signed(NEWBORN), CARER, None));
			assert_eq!(
				precheck(Call::add_guardian { guardian: 40, until: None }),
				Err(Error::<Test>::TooManyGuardians.into())
			);
		});
	}
}

/// A guardian of an onboarded patient needs no tokens: its key exists while appointed, and its
/// calls for the patient are fee-free when the patient's own would be.
mod token_free_guardians {
	use super::*;
	use crate::{Call, FeelessRefusal};
	use frame_support::dispatch::CheckIfFeeless;

	/// A key that never held a token.
	const GUARDIAN_KEY: u64 = 41;
	/// Another key that never held a token, guarding nobody.
	const STRANGER_KEY: u64 = 42;

	fn onboard_with_guardian(until: Option<u64>) {
		assert_ok!(PatientIdentity::onboard(signed(NURSE), NEWBORN, COMMITMENT));
		assert_ok!(PatientIdentity::add_guardian(signed(NEWBORN), GUARDIAN_KEY, until));
	}

	fn for_newborn(call: Call<Test>) -> RuntimeCall {
		RuntimeCall::PatientIdentity(Call::as_guardian {
			patient: NEWBORN,
			call: Box::new(RuntimeCall::PatientIdentity(call)),
		})
	}

	fn open_emergency_access() -> Call<Test> {
		Call::set_emergency_access { allowed: true }
	}

	#[test]
	fn the_key_exists_while_appointed_and_is_reaped_when_removed() {
		build_and_execute(|| {
			onboard_with_guardian(None);
			assert_eq!(System::sufficients(&GUARDIAN_KEY), 1);
			assert!(System::account_exists(&GUARDIAN_KEY));
			assert_eq!(Balances::free_balance(GUARDIAN_KEY), 0);
			System::inc_account_nonce(GUARDIAN_KEY);
			System::inc_account_nonce(GUARDIAN_KEY);

			assert_ok!(PatientIdentity::remove_guardian(signed(NEWBORN), GUARDIAN_KEY));
			assert!(!System::account_exists(&GUARDIAN_KEY), "the empty key was reaped");
			assert_eq!(NonceFloor::<Test>::get(), 2, "its nonces are not used again");

			assert_ok!(PatientIdentity::add_guardian(signed(NEWBORN), GUARDIAN_KEY, None));
			assert_eq!(System::account_nonce(GUARDIAN_KEY), 2);
		});
	}

	#[test]
	fn the_key_is_released_when_the_ward_deregisters() {
		build_and_execute(|| {
			onboard_with_guardian(None);
			assert_ok!(PatientIdentity::add_guardian(signed(NEWBORN), PARENT, None));
			assert_eq!(System::sufficients(&PARENT), 1);
			assert_ok!(PatientIdentity::deregister(signed(NEWBORN)));
			assert!(!System::account_exists(&GUARDIAN_KEY));
			assert_eq!(System::sufficients(&PARENT), 0);
			assert!(System::account_exists(&PARENT), "a funded guardian keeps its account");
		});
	}

	#[test]
	fn a_guardian_of_a_self_registered_patient_gets_no_reference() {
		build_and_execute(|| {
			register(PATIENT);
			assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), GUARDIAN_KEY, None));
			assert_eq!(System::sufficients(&GUARDIAN_KEY), 0);
			assert!(!System::account_exists(&GUARDIAN_KEY));
			assert_ok!(PatientIdentity::remove_guardian(signed(PATIENT), GUARDIAN_KEY));
			assert_eq!(System::sufficients(&GUARDIAN_KEY), 0);
		});
	}

	#[test]
	fn a_guardians_call_is_fee_free_when_the_patients_own_would_be() {
		build_and_execute(|| {
			onboard_with_guardian(Some(Now::get() + DAY));
			let call = for_newborn(open_emergency_access());
			assert!(call.is_feeless(&signed(GUARDIAN_KEY)));
			assert!(!call.is_feeless(&signed(STRANGER_KEY)), "not a guardian");
			assert!(!call.is_feeless(&RuntimeOrigin::none()));
			let register = for_newborn(Call::register { identity_commitment: COMMITMENT });
			assert!(!register.is_feeless(&signed(GUARDIAN_KEY)), "not fee-free for the patient");

			// The patient's quota spent: the guardian's call pays, like the patient's.
			while let Some(organisation) = PatientIdentity::feeless_organisation(&NEWBORN) {
				PatientIdentity::note_feeless_call(&NEWBORN, &organisation);
			}
			assert!(!call.is_feeless(&signed(GUARDIAN_KEY)));

			// A new day; then the guardianship ends.
			Now::set(Now::get() + DAY - 1);
			assert!(call.is_feeless(&signed(GUARDIAN_KEY)));
			Now::set(Now::get() + 1);
			assert!(!call.is_feeless(&signed(GUARDIAN_KEY)), "the guardianship has ended");
		});
	}

	#[test]
	fn a_guardians_fee_free_call_is_counted_against_the_ward() {
		build_and_execute(|| {
			onboard_with_guardian(None);
			assert_ok!(PatientIdentity::set_emergency_access(signed(NEWBORN), false));
			let call = for_newborn(open_emergency_access());
			assert_eq!(
				PatientIdentity::feeless_payer(&GUARDIAN_KEY, &call),
				Ok((NEWBORN, HOSPITAL))
			);

			let direct = RuntimeCall::PatientIdentity(open_emergency_access());
			assert_eq!(PatientIdentity::feeless_payer(&NEWBORN, &direct), Ok((NEWBORN, HOSPITAL)));
		});
	}

	#[test]
	fn the_precheck_refuses_what_as_guardian_would_refuse() {
		build_and_execute(|| {
			onboard_with_guardian(Some(Now::get() + DAY));
			let refusal = |signer: u64, call: Call<Test>| {
				PatientIdentity::feeless_payer(&signer, &for_newborn(call))
			};
			let would_fail =
				|error: Error<Test>| Err(FeelessRefusal::WouldFail(DispatchError::from(error)));
			assert_eq!(
				refusal(GUARDIAN_KEY, open_emergency_access()),
				would_fail(Error::<Test>::EmergencyAccessUnchanged)
			);
			assert_eq!(
				refusal(STRANGER_KEY, open_emergency_access()),
				would_fail(Error::<Test>::NotGuardian)
			);
			assert_eq!(
				refusal(GUARDIAN_KEY, Call::deregister {}),
				would_fail(Error::<Test>::CallNotAllowed),
				"only calls the guardian filter allows"
			);
			Now::set(Now::get() + DAY);
			assert_eq!(
				refusal(GUARDIAN_KEY, Call::set_emergency_access { allowed: false }),
				would_fail(Error::<Test>::GuardianExpired)
			);
			while let Some(organisation) = PatientIdentity::feeless_organisation(&NEWBORN) {
				PatientIdentity::note_feeless_call(&NEWBORN, &organisation);
			}
			assert_eq!(
				refusal(GUARDIAN_KEY, Call::set_emergency_access { allowed: false }),
				Err(FeelessRefusal::NoFeelessCallLeft)
			);
		});
	}
}

mod nonce_floor {
	use super::*;

	#[test]
	fn an_account_onboarded_again_after_being_reaped_starts_above_its_old_nonces() {
		build_and_execute(|| {
			assert_ok!(PatientIdentity::onboard(signed(NURSE), NEWBORN, COMMITMENT));
			for _ in 0..5 {
				System::inc_account_nonce(NEWBORN);
			}
			assert_ok!(PatientIdentity::deregister(signed(NEWBORN)));
			assert!(!System::account_exists(&NEWBORN), "the empty account was reaped");
			assert_eq!(NonceFloor::<Test>::get(), 5);

			assert_ok!(PatientIdentity::onboard(signed(NURSE), NEWBORN, COMMITMENT));
			assert_eq!(System::account_nonce(NEWBORN), 5);
		});
	}

	#[test]
	fn the_floor_never_lowers_a_nonce_and_never_falls() {
		build_and_execute(|| {
			NonceFloor::<Test>::put(3);
			assert_ok!(PatientIdentity::onboard(signed(NURSE), NEWBORN, COMMITMENT));
			assert_eq!(System::account_nonce(NEWBORN), 3);
			System::inc_account_nonce(PATIENT);
			for _ in 0..7 {
				System::inc_account_nonce(PATIENT);
			}
			assert_ok!(PatientIdentity::onboard(signed(NURSE), PATIENT, COMMITMENT));
			assert_eq!(System::account_nonce(PATIENT), 8, "a higher nonce stays");
			assert_ok!(PatientIdentity::deregister(signed(NEWBORN)));
			assert_eq!(NonceFloor::<Test>::get(), 3, "the floor does not fall");
		});
	}
}

#[test]
fn genesis_registers_patients_with_guardians() {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(PATIENT, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		patients: vec![
			(PATIENT, COMMITMENT, frame_support::BoundedVec::truncate_from(vec![PARENT])),
			// Cannot pay the deposit, so left out.
			(NEWBORN, COMMITMENT, frame_support::BoundedVec::new()),
		],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		let record = Patients::<Test>::get(PATIENT).unwrap();
		assert_eq!(record.guardians.into_inner(), vec![Guardian { account: PARENT, until: None }]);
		assert_eq!(held(PATIENT), record.deposit.held());
		assert!(!Patients::<Test>::contains_key(NEWBORN));
		PatientIdentity::do_try_state().unwrap();
	});
}

#[test]
fn the_v2_migration_puts_each_onboarded_patient_in_its_organisations_pool() {
	use crate::migrations::v2::MigrateV1ToV2;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		register(PATIENT);
		assert_ok!(PatientIdentity::onboard(signed(NURSE), NEWBORN, COMMITMENT));
		assert_ok!(PatientIdentity::onboard(signed(HOSPITAL), 31, COMMITMENT));
		// What v1 stored: no pools.
		let _ = FeelessPools::<Test>::clear(u32::MAX, None);
		StorageVersion::new(1).put::<PatientIdentity>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(PatientIdentity::on_chain_storage_version(), 2);
		assert_eq!(FeelessPools::<Test>::get(HOSPITAL).map(|pool| pool.patients), Some(2));
		assert_eq!(FeelessPools::<Test>::iter().count(), 1, "no pool for a self-registration");
		// Run again: the version says it is done, nothing changes.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(FeelessPools::<Test>::get(HOSPITAL).map(|pool| pool.patients), Some(2));
	});
}

#[test]
fn the_v3_migration_gives_the_guardians_of_onboarded_patients_their_references() {
	use crate::migrations::v3::MigrateV2ToV3;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		register(PATIENT);
		assert_ok!(PatientIdentity::add_guardian(signed(PATIENT), CARER, None));
		assert_ok!(PatientIdentity::onboard(signed(NURSE), NEWBORN, COMMITMENT));
		assert_ok!(PatientIdentity::onboard(signed(NURSE), 31, COMMITMENT));
		assert_ok!(PatientIdentity::add_guardian(signed(NEWBORN), PARENT, None));
		assert_ok!(PatientIdentity::add_guardian(signed(31), PARENT, None));
		assert_ok!(PatientIdentity::add_guardian(signed(31), 41, None));
		// What v2 left: guardians without references.
		for _ in 0..2 {
			System::dec_sufficients(&PARENT);
		}
		System::dec_sufficients(&41);
		assert!(!System::account_exists(&41));
		StorageVersion::new(2).put::<PatientIdentity>();

		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(PatientIdentity::on_chain_storage_version(), 3);
		assert_eq!(System::sufficients(&PARENT), 2, "one per onboarded ward");
		assert_eq!(System::sufficients(&41), 1);
		assert_eq!(System::sufficients(&CARER), 0, "a self-registered ward vouches for nobody");
		// Run again: the version says it is done, nothing changes.
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(System::sufficients(&PARENT), 2);
	});
}

#[test]
fn integrity() {
	new_test_ext().execute_with(|| {
		<PatientIdentity as Hooks<u64>>::integrity_test();
	});
}
