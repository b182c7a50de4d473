//! Tests of the data-rewards pallet through its calls, with the real consent pallet behind it.

use carechain_primitives::{
	AccessDecision, Action, ConsentKind, DataCategories, DataCategory, DenyReason, PurposeOfUse,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use sp_runtime::DispatchError;

use crate::{
	mock::*, Enrollments, Error, Event, HoldReason, PaidWithdrawals, PayoutAccounts, Studies,
	StudiesOf,
};

mod sealed;

const LAB_RESULTS: DataCategories = DataCategories(1 << 5);
const REWARD: Balance = 100;
const PROTOCOL: [u8; 32] = [3; 32];
const DATASET: [u8; 32] = [4; 32];
const ENROLMENT_ENDS: u64 = START + 10 * DAY;
const DATA_USE_ENDS: u64 = START + 100 * DAY;

fn origin(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The institute opens a study with `max` places; returns its id.
fn study(max: u32) -> u64 {
	let id = crate::NextStudyId::<Test>::get();
	assert_ok!(DataRewards::create_study(
		origin(INSTITUTE),
		LAB_RESULTS.into(),
		REWARD,
		max,
		ENROLMENT_ENDS,
		DATA_USE_ENDS,
		PROTOCOL
	));
	id
}

fn held(reason: HoldReason, who: u64) -> Balance {
	Balances::balance_on_hold(&reason.into(), &who)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::DataRewards(event) => Some(event),
			_ => None,
		})
		.expect("a data-rewards event")
}

/// What the institute may read of `patient` for research.
fn research_read(patient: u64) -> AccessDecision {
	Consent::check_access(
		&patient,
		&INSTITUTE,
		&DataCategory::LabResults.into(),
		Action::Read,
		PurposeOfUse::Research,
	)
}

/// Free plus held balance of every account: what no call may change.
fn total_funds() -> Balance {
	accounts().into_iter().map(|who| Balances::total_balance(&who)).sum()
}

#[test]
fn create_study_escrows_every_reward_and_the_deposit() {
	build_and_execute(|| {
		let id = study(5);
		assert_eq!(
			last_event(),
			Event::StudyCreated { study_id: id, institute: INSTITUTE, escrow: 5 * REWARD }
		);
		assert_eq!(held(HoldReason::StudyEscrow, INSTITUTE), 5 * REWARD);
		assert_eq!(held(HoldReason::StudyDeposit, INSTITUTE), STUDY_DEPOSIT);
		let stored = DataRewards::study(id).expect("open");
		assert_eq!((stored.institute, stored.max_participants, stored.escrow), (INSTITUTE, 5, 500));
		assert_eq!(DataRewards::studies_of(&INSTITUTE).len(), 1);
	});
}

#[test]
fn create_study_errors_change_nothing() {
	build_and_execute(|| {
		let create =
			|who, categories: DataCategories, reward, max, enrolment_ends, data_use_ends| {
				DataRewards::create_study(
					origin(who),
					categories.to_standard_list(),
					reward,
					max,
					enrolment_ends,
					data_use_ends,
					PROTOCOL,
				)
			};
		let (c, e, d) = (LAB_RESULTS, ENROLMENT_ENDS, DATA_USE_ENDS);
		assert_noop!(create(HOSPITAL, c, REWARD, 5, e, d), Error::<Test>::NotAResearchInstitute);
		assert_noop!(create(STRANGER, c, REWARD, 5, e, d), Error::<Test>::NotAResearchInstitute);
		assert_noop!(
			create(INSTITUTE, DataCategories(0), REWARD, 5, e, d),
			Error::<Test>::InvalidCategories
		);
		assert_noop!(create(INSTITUTE, c, MIN_REWARD - 1, 5, e, d), Error::<Test>::RewardTooLow);
		assert_noop!(create(INSTITUTE, c, REWARD, 0, e, d), Error::<Test>::InvalidParticipantLimit);
		assert_noop!(
			create(INSTITUTE, c, REWARD, 21, e, d),
			Error::<Test>::InvalidParticipantLimit
		);
		assert_noop!(create(INSTITUTE, c, REWARD, 5, START, d), Error::<Test>::InvalidSchedule);
		assert_noop!(create(INSTITUTE, c, REWARD, 5, e, e), Error::<Test>::InvalidSchedule);
		assert_noop!(create(POOR_INSTITUTE, c, REWARD, 5, e, d), Error::<Test>::InsufficientFunds);
	});
}

#[test]
fn create_study_refuses_a_pool_that_overflows_or_cannot_be_held() {
	build_and_execute(|| {
		let create = |reward| {
			DataRewards::create_study(
				origin(INSTITUTE),
				LAB_RESULTS.into(),
				reward,
				2,
				ENROLMENT_ENDS,
				DATA_USE_ENDS,
				PROTOCOL,
			)
		};
		assert_noop!(create(Balance::MAX), Error::<Test>::Overflow);
		// The pool fits, the deposit on top does not: neither is held.
		assert_noop!(create((ENDOWMENT - 20) / 2), Error::<Test>::InsufficientFunds);
	});
}

#[test]
fn enrolling_creates_a_research_consent_for_the_institute() {
	build_and_execute(|| {
		let id = study(5);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		let enrollment = Enrollments::<Test>::get(id, PATIENT).expect("enrolled");
		assert_eq!(
			last_event(),
			Event::Enrolled { study_id: id, patient: PATIENT, consent_id: enrollment.consent_id }
		);
		let consent = Consent::consent(enrollment.consent_id).expect("stored");
		assert_eq!(consent.kind, ConsentKind::Research(id));
		assert_eq!(consent.expires_at, DATA_USE_ENDS);
		assert!(research_read(PATIENT).is_permit());
		assert_eq!(
			Consent::check_access(
				&PATIENT,
				&INSTITUTE,
				&DataCategory::LabResults.into(),
				Action::Write,
				PurposeOfUse::Research
			),
			AccessDecision::Deny(DenyReason::ActionNotCovered)
		);
		assert_eq!(DataRewards::enrollments_of(&PATIENT), vec![(id, enrollment)]);
		assert_eq!(DataRewards::study(id).map(|s| s.participants), Some(1));
	});
}

#[test]
fn enroll_errors_change_nothing() {
	build_and_execute(|| {
		let id = study(1);
		assert_noop!(DataRewards::enroll(origin(STRANGER), id), Error::<Test>::NotRegistered);
		assert_noop!(DataRewards::enroll(origin(PATIENT), 99), Error::<Test>::UnknownStudy);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		assert_noop!(DataRewards::enroll(origin(PATIENT), id), Error::<Test>::AlreadyEnrolled);
		assert_noop!(DataRewards::enroll(origin(OTHER_PATIENT), id), Error::<Test>::StudyFull);
		let (second, third) = (study(5), study(5));
		assert_ok!(DataRewards::enroll(origin(PATIENT), second));
		assert_noop!(DataRewards::enroll(origin(PATIENT), third), Error::<Test>::TooManyStudies);
		set_time(ENROLMENT_ENDS);
		assert_noop!(
			DataRewards::enroll(origin(OTHER_PATIENT), third),
			Error::<Test>::EnrollmentClosed
		);
	});
}

#[test]
fn the_fee_free_precheck_refuses_what_enroll_and_withdraw_refuse() {
	use crate::Call;
	build_and_execute(|| {
		let precheck = |who: u64, call: Call<Test>| DataRewards::precheck_feeless(&who, &call);
		let id = study(1);
		assert_ok!(precheck(PATIENT, Call::enroll { study_id: id }));
		assert_eq!(
			precheck(PATIENT, Call::enroll { study_id: 99 }),
			Err(Error::<Test>::UnknownStudy.into())
		);
		assert_eq!(
			precheck(PATIENT, Call::withdraw { study_id: id }),
			Err(Error::<Test>::NotEnrolled.into())
		);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		assert_eq!(
			precheck(PATIENT, Call::enroll { study_id: id }),
			Err(Error::<Test>::AlreadyEnrolled.into())
		);
		assert_eq!(
			precheck(OTHER_PATIENT, Call::enroll { study_id: id }),
			Err(Error::<Test>::StudyFull.into())
		);
		assert_ok!(precheck(PATIENT, Call::withdraw { study_id: id }));
		assert_ok!(DataRewards::withdraw(origin(PATIENT), id));
		assert_eq!(
			precheck(PATIENT, Call::withdraw { study_id: id }),
			Err(Error::<Test>::NotEnrolled.into())
		);
		let open = study(5);
		set_time(ENROLMENT_ENDS);
		assert_eq!(
			precheck(OTHER_PATIENT, Call::enroll { study_id: open }),
			Err(Error::<Test>::EnrollmentClosed.into())
		);
	});
}

#[test]
fn an_institutes_staff_cannot_open_its_studies_nor_be_paid_by_them() {
	build_and_execute(|| {
		assert_noop!(
			DataRewards::create_study(
				origin(RESEARCHER),
				LAB_RESULTS.into(),
				REWARD,
				1,
				ENROLMENT_ENDS,
				DATA_USE_ENDS,
				PROTOCOL
			),
			Error::<Test>::NotTheInstituteItself
		);
		let id = study(2);
		// A staff member registered as a patient cannot enrol in the institute's study...
		assert_noop!(DataRewards::enroll(origin(STAFF_PATIENT), id), Error::<Test>::OwnStudy);
		// ... nor have a patient's reward paid to them.
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		assert_ok!(DataRewards::set_payout_account(origin(PATIENT), Some(RESEARCHER)));
		assert_noop!(
			DataRewards::confirm_contribution(origin(RESEARCHER), id, PATIENT, DATASET),
			Error::<Test>::OwnStudy
		);
		assert_ok!(DataRewards::set_payout_account(origin(PATIENT), Some(INSTITUTE)));
		assert_noop!(
			DataRewards::confirm_contribution(origin(RESEARCHER), id, PATIENT, DATASET),
			Error::<Test>::OwnStudy
		);
		assert_ok!(DataRewards::set_payout_account(origin(PATIENT), None));
		assert_ok!(DataRewards::confirm_contribution(origin(RESEARCHER), id, PATIENT, DATASET));
	});
}

#[test]
fn enroll_fails_as_the_consent_pallet_decides() {
	build_and_execute(|| {
		let id = study(2);
		// The patient holds the consent pallet's most consents (eight) already.
		for _ in 0..8 {
			assert_ok!(Consent::grant(
				origin(PATIENT),
				INSTITUTE,
				LAB_RESULTS.into(),
				carechain_primitives::Actions(1).into(),
				carechain_primitives::Purposes(1).into(),
				START + DAY
			));
		}
		assert_noop!(
			DataRewards::enroll(origin(PATIENT), id),
			pallet_consent::Error::<Test>::TooManyConsents
		);
	});
}

#[test]
fn confirming_pays_the_reward_exactly_once() {
	build_and_execute(|| {
		let id = study(3);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		let before = Balances::free_balance(PATIENT);
		assert_ok!(DataRewards::confirm_contribution(origin(RESEARCHER), id, PATIENT, DATASET));
		assert_eq!(
			last_event(),
			Event::ContributionConfirmed {
				study_id: id,
				patient: PATIENT,
				dataset_hash: DATASET,
				paid_to: PATIENT,
				reward: REWARD,
			}
		);
		assert_eq!(Balances::free_balance(PATIENT), before + REWARD);
		assert_eq!(held(HoldReason::StudyEscrow, INSTITUTE), 2 * REWARD);
		assert_noop!(
			DataRewards::confirm_contribution(origin(INSTITUTE), id, PATIENT, DATASET),
			Error::<Test>::AlreadyPaid
		);
	});
}

#[test]
fn rewards_go_to_the_payout_account_the_patient_named() {
	build_and_execute(|| {
		let id = study(3);
		assert_ok!(DataRewards::set_payout_account(origin(PATIENT), Some(WALLET)));
		assert_eq!(
			last_event(),
			Event::PayoutAccountSet { patient: PATIENT, payout: Some(WALLET) }
		);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		let (patient_before, wallet_before) =
			(Balances::free_balance(PATIENT), Balances::free_balance(WALLET));
		assert_ok!(DataRewards::confirm_contribution(origin(INSTITUTE), id, PATIENT, DATASET));
		assert_eq!(Balances::free_balance(WALLET), wallet_before + REWARD);
		assert_eq!(Balances::free_balance(PATIENT), patient_before);
		assert_ok!(DataRewards::set_payout_account(origin(PATIENT), None));
		assert!(!PayoutAccounts::<Test>::contains_key(PATIENT));
		assert_noop!(
			DataRewards::set_payout_account(origin(STRANGER), Some(WALLET)),
			Error::<Test>::NotRegistered
		);
	});
}

#[test]
fn confirm_errors_change_nothing() {
	build_and_execute(|| {
		let id = study(3);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		let confirm = |who, study_id, patient| {
			DataRewards::confirm_contribution(origin(who), study_id, patient, DATASET)
		};
		assert_noop!(confirm(HOSPITAL, id, PATIENT), Error::<Test>::NotAResearchInstitute);
		assert_noop!(confirm(INSTITUTE, 99, PATIENT), Error::<Test>::UnknownStudy);
		assert_noop!(confirm(OTHER_INSTITUTE, id, PATIENT), Error::<Test>::NotStudyInstitute);
		assert_noop!(confirm(INSTITUTE, id, OTHER_PATIENT), Error::<Test>::NotEnrolled);
		suspend(INSTITUTE);
		assert_noop!(confirm(RESEARCHER, id, PATIENT), Error::<Test>::NotAResearchInstitute);
	});
}

#[test]
fn withdrawing_revokes_the_consent_and_frees_an_unpaid_place() {
	build_and_execute(|| {
		let id = study(1);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		assert_ok!(DataRewards::withdraw(origin(PATIENT), id));
		assert_eq!(last_event(), Event::Withdrawn { study_id: id, patient: PATIENT });
		assert_eq!(research_read(PATIENT), AccessDecision::Deny(DenyReason::Revoked));
		assert!(Enrollments::<Test>::get(id, PATIENT).is_none());
		assert_ok!(DataRewards::enroll(origin(OTHER_PATIENT), id));
		assert_noop!(DataRewards::withdraw(origin(PATIENT), id), Error::<Test>::NotEnrolled);
	});
}

#[test]
fn withdrawing_after_payment_keeps_the_payment_and_the_place() {
	build_and_execute(|| {
		let id = study(1);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		assert_ok!(DataRewards::confirm_contribution(origin(INSTITUTE), id, PATIENT, DATASET));
		let paid = Balances::free_balance(PATIENT);
		assert_ok!(DataRewards::withdraw(origin(PATIENT), id));
		assert_eq!(Balances::free_balance(PATIENT), paid);
		assert_eq!(research_read(PATIENT), AccessDecision::Deny(DenyReason::Revoked));
		// Only the participant's tag is kept: no enrolment names them any more.
		assert!(Enrollments::<Test>::get(id, PATIENT).is_none());
		let tag = DataRewards::participant_tag(id, &PATIENT);
		assert!(PaidWithdrawals::<Test>::contains_key(id, tag));
		assert_ne!(tag, DataRewards::participant_tag(id + 1, &PATIENT), "tags differ per study");
		assert!(!StudiesOf::<Test>::contains_key(PATIENT));
		assert_noop!(DataRewards::withdraw(origin(PATIENT), id), Error::<Test>::Withdrawn);
		assert_noop!(DataRewards::enroll(origin(PATIENT), id), Error::<Test>::AlreadyEnrolled);
		assert_noop!(
			DataRewards::confirm_contribution(origin(INSTITUTE), id, PATIENT, DATASET),
			Error::<Test>::AlreadyPaid
		);
		assert_noop!(DataRewards::enroll(origin(OTHER_PATIENT), id), Error::<Test>::StudyFull);
		// Closing the study removes the tag with the study.
		set_time(ENROLMENT_ENDS);
		assert_ok!(DataRewards::close_study(origin(INSTITUTE), id));
		assert_eq!(PaidWithdrawals::<Test>::iter_prefix(id).count(), 0);
	});
}

#[test]
fn the_institute_closes_after_enrolment_and_gets_the_rest_back() {
	build_and_execute(|| {
		let id = study(3);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		assert_ok!(DataRewards::confirm_contribution(origin(INSTITUTE), id, PATIENT, DATASET));
		assert_noop!(
			DataRewards::close_study(origin(INSTITUTE), id),
			Error::<Test>::EnrollmentOpen
		);
		set_time(ENROLMENT_ENDS);
		assert_noop!(
			DataRewards::close_study(origin(OTHER_INSTITUTE), id),
			Error::<Test>::NotStudyInstitute
		);
		assert_noop!(
			DataRewards::close_study(origin(STRANGER), id),
			Error::<Test>::NotStudyInstitute
		);
		assert_noop!(DataRewards::close_study(origin(INSTITUTE), 99), Error::<Test>::UnknownStudy);
		assert_noop!(
			DataRewards::close_study(origin(RESEARCHER), id),
			Error::<Test>::NotTheInstituteItself
		);
		let free_before = Balances::free_balance(INSTITUTE);
		assert_ok!(DataRewards::close_study(origin(INSTITUTE), id));
		assert_eq!(
			last_event(),
			Event::StudyClosed { study_id: id, escrow_returned: 2 * REWARD, settled: 0 }
		);
		assert_eq!(Balances::free_balance(INSTITUTE), free_before + 2 * REWARD + STUDY_DEPOSIT);
		assert_eq!(held(HoldReason::StudyEscrow, INSTITUTE), 0);
		assert!(Studies::<Test>::get(id).is_none());
		assert!(DataRewards::enrollments_of(&PATIENT).is_empty());
		// The research consent ends by its own expiry, not with the study.
		assert!(research_read(PATIENT).is_permit());
	});
}

#[test]
fn governance_closes_any_study_at_any_time() {
	build_and_execute(|| {
		let id = study(3);
		assert_ok!(DataRewards::enroll(origin(PATIENT), id));
		assert_ok!(DataRewards::close_study(RuntimeOrigin::root(), id));
		assert_eq!(
			last_event(),
			Event::StudyClosed { study_id: id, escrow_returned: 3 * REWARD, settled: 0 }
		);
		assert_noop!(
			DataRewards::close_study(RuntimeOrigin::none(), 0),
			Error::<Test>::UnknownStudy
		);
	});
}

#[test]
fn settling_pays_every_enrolled_unpaid_participant_then_closes() {
	build_and_execute(|| {
		let id = study(4);
		for patient in [PATIENT, OTHER_PATIENT, PATIENT + 2] {
			assert_ok!(DataRewards::enroll(origin(patient), id));
		}
		assert_ok!(DataRewards::confirm_contribution(origin(INSTITUTE), id, PATIENT, DATASET));
		assert_ok!(DataRewards::withdraw(origin(PATIENT + 2), id));
		suspend(INSTITUTE);
		let before = |who| Balances::free_balance(who);
		let (first, second, third) = (before(PATIENT), before(OTHER_PATIENT), before(PATIENT + 2));
		assert_noop!(DataRewards::settle_study(origin(INSTITUTE), id), DispatchError::BadOrigin);
		assert_noop!(
			DataRewards::settle_study(RuntimeOrigin::root(), 99),
			Error::<Test>::UnknownStudy
		);
		assert_ok!(DataRewards::settle_study(RuntimeOrigin::root(), id));
		assert_eq!(
			last_event(),
			Event::StudyClosed { study_id: id, escrow_returned: 2 * REWARD, settled: 1 }
		);
		assert_eq!(before(PATIENT), first, "paid already");
		assert_eq!(before(OTHER_PATIENT), second + REWARD, "enrolled, unpaid: settled");
		assert_eq!(before(PATIENT + 2), third, "withdrew before payment");
	});
}

#[test]
fn a_whole_study_with_many_patients_conserves_every_balance() {
	build_and_execute(|| {
		let issuance = <Balances as Inspect<u64>>::total_issuance();
		let funds = total_funds();
		let conserved = || {
			assert_eq!(total_funds(), funds);
			assert_eq!(<Balances as Inspect<u64>>::total_issuance(), issuance);
		};
		let id = study(20);
		conserved();
		let patients: Vec<u64> = (PATIENT..PATIENT + 20).collect();
		for patient in &patients {
			assert_ok!(DataRewards::enroll(origin(*patient), id));
			conserved();
		}
		for patient in patients.iter().step_by(2) {
			assert_ok!(DataRewards::confirm_contribution(
				origin(RESEARCHER),
				id,
				*patient,
				DATASET
			));
			conserved();
		}
		for patient in patients.iter().skip(1).step_by(4) {
			assert_ok!(DataRewards::withdraw(origin(*patient), id));
			conserved();
		}
		assert_ok!(DataRewards::set_payout_account(origin(PATIENT + 3), Some(WALLET)));
		assert_ok!(DataRewards::confirm_contribution(origin(INSTITUTE), id, PATIENT + 3, DATASET));
		conserved();
		DataRewards::do_try_state().expect("invariants hold mid-study");
		set_time(ENROLMENT_ENDS);
		assert_ok!(DataRewards::close_study(origin(INSTITUTE), id));
		conserved();
		let paid = patients
			.iter()
			.filter(|p| Balances::free_balance(**p) + Balances::free_balance(WALLET) > ENDOWMENT)
			.count();
		assert!(paid >= 10);
		assert_eq!(
			Balances::free_balance(INSTITUTE),
			ENDOWMENT - 11 * REWARD,
			"the institute paid exactly the eleven confirmed rewards"
		);
	});
}

#[test]
fn deregistering_withdraws_the_patient_from_every_study() {
	build_and_execute(|| {
		let (first, second) = (study(2), study(2));
		assert_ok!(DataRewards::enroll(origin(PATIENT), first));
		assert_ok!(DataRewards::enroll(origin(PATIENT), second));
		assert_ok!(DataRewards::confirm_contribution(origin(INSTITUTE), first, PATIENT, DATASET));
		assert_ok!(DataRewards::set_payout_account(origin(PATIENT), Some(WALLET)));
		deregister(PATIENT);
		assert!(DataRewards::enrollments_of(&PATIENT).is_empty());
		assert!(!PayoutAccounts::<Test>::contains_key(PATIENT));
		assert_eq!(DataRewards::study(second).map(|s| s.participants), Some(0));
		// The paid place stays used, so the escrow still matches, and is kept under a tag.
		assert_eq!(DataRewards::study(first).map(|s| (s.participants, s.paid)), Some((1, 1)));
		assert!(Consent::consents_by_patient(&PATIENT).is_empty());
		assert!(Enrollments::<Test>::iter_keys().all(|(_, patient)| patient != PATIENT));
		assert!(PaidWithdrawals::<Test>::contains_key(
			first,
			DataRewards::participant_tag(first, &PATIENT)
		));
	});
}

// ---- storage migration ------------------------------------------------------------------

#[test]
fn the_v2_migration_turns_paid_withdrawals_into_tags() {
	use crate::migrations::v2::{EnrollmentV1, MigrateV1ToV2};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	build_and_execute(|| {
		let id = study(3);
		for patient in [PATIENT, OTHER_PATIENT] {
			assert_ok!(DataRewards::enroll(origin(patient), id));
		}
		assert_ok!(DataRewards::confirm_contribution(origin(INSTITUTE), id, PATIENT, DATASET));
		// What v1 stored: PATIENT paid and withdrawn, kept as an enrolment naming them;
		// OTHER_PATIENT enrolled and unpaid.
		let v1 = |patient, paid, withdrawn| {
			let consent_id = Enrollments::<Test>::get(id, patient).unwrap().consent_id;
			frame_support::storage::unhashed::put_raw(
				&Enrollments::<Test>::hashed_key_for(id, patient),
				&EnrollmentV1 { consent_id, paid, withdrawn }.encode(),
			);
			consent_id
		};
		v1(PATIENT, true, true);
		let other_consent = v1(OTHER_PATIENT, false, false);
		StudiesOf::<Test>::remove(PATIENT);
		StorageVersion::new(1).put::<DataRewards>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(DataRewards::on_chain_storage_version(), 2);
		assert!(Enrollments::<Test>::get(id, PATIENT).is_none());
		assert!(PaidWithdrawals::<Test>::contains_key(
			id,
			DataRewards::participant_tag(id, &PATIENT)
		));
		assert_eq!(
			Enrollments::<Test>::get(id, OTHER_PATIENT),
			Some(carechain_primitives::Enrollment { consent_id: other_consent, paid: false })
		);
		assert_eq!(DataRewards::study(id).map(|s| (s.participants, s.paid)), Some((2, 1)));
		// Run again: the version says it is done, nothing changes.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(PaidWithdrawals::<Test>::iter_prefix(id).count(), 1);
		assert_noop!(DataRewards::enroll(origin(PATIENT), id), Error::<Test>::AlreadyEnrolled);
	});
}

#[test]
fn patient_calls_are_feeless() {
	use frame_support::dispatch::CheckIfFeeless;
	build_and_execute(|| {
		let enroll = RuntimeCall::DataRewards(crate::Call::enroll { study_id: 0 });
		let withdraw = RuntimeCall::DataRewards(crate::Call::withdraw { study_id: 0 });
		assert!(enroll.is_feeless(&origin(PATIENT)));
		assert!(withdraw.is_feeless(&origin(PATIENT)));
		assert!(!enroll.is_feeless(&origin(STRANGER)));
		let confirm = RuntimeCall::DataRewards(crate::Call::confirm_contribution {
			study_id: 0,
			patient: PATIENT,
			dataset_hash: DATASET,
		});
		assert!(!confirm.is_feeless(&origin(INSTITUTE)));
	});
}

#[test]
fn genesis_opens_funded_studies_and_leaves_out_the_rest() {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(INSTITUTE, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		studies: vec![
			(INSTITUTE, LAB_RESULTS, REWARD, 5, ENROLMENT_ENDS, DATA_USE_ENDS, PROTOCOL),
			// No funds for the pool, so left out.
			(POOR_INSTITUTE, LAB_RESULTS, REWARD, 5, ENROLMENT_ENDS, DATA_USE_ENDS, PROTOCOL),
		],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(DataRewards::study(0).map(|s| (s.institute, s.escrow)), Some((INSTITUTE, 500)));
		assert!(DataRewards::study(1).is_none());
		assert_eq!(held(HoldReason::StudyEscrow, INSTITUTE), 5 * REWARD);
		DataRewards::do_try_state().expect("invariants hold");
	});
}
