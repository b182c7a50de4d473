//! Tests of the claims pallet through its calls, against the real consent pallet.

mod conservation;

use carechain_primitives::{
	claim::{
		Adjustment, AdjustmentGroup, Adjustments, Carc, ClaimStatus, ClaimUse, Outcome, Rarc,
		ServiceMismatch, ServiceSetting,
	},
	ConsentKind, DataCategory,
};
use frame_support::{
	assert_noop, assert_ok,
	traits::fungible::{Inspect, InspectHold, Mutate},
};
use sp_runtime::DispatchError;

use crate::{
	mock::*, ClaimsOfCoverage, Coverages, CoveragesOf, DuplicateKeys, Error, Event, HoldReason,
	Outstanding,
};

/// One adjustment with `reason`, borne by the provider.
fn because(reason: Carc) -> Adjustments {
	vec![Adjustment { group: AdjustmentGroup::ContractualObligation, reason, remark: None }]
		.try_into()
		.unwrap()
}

/// The insurer's answer to claim `id`.
fn answer(id: u64, outcome: Outcome, payable: Balance, share: Balance, why: Adjustments) {
	assert_ok!(Claims::adjudicate(RuntimeOrigin::signed(CLERK), id, outcome, payable, share, why));
}

fn float() -> Balance {
	Balances::balance_on_hold(&HoldReason::ClaimsFloat.into(), &INSURER)
}

fn claim_status(id: u64) -> ClaimStatus {
	Claims::claim(id).unwrap().status
}

mod plans_and_coverage {
	use super::*;

	#[test]
	fn an_insurer_sets_a_plan_registers_a_coverage_and_the_member_accepts_it() {
		build_and_execute(|| {
			assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, plan_terms()));
			assert_eq!(last_event(), Event::PlanSet { insurer: INSURER, plan: PLAN });
			let id = register(MEMBER);
			assert_eq!(
				last_event(),
				Event::CoverageRegistered {
					coverage_id: id,
					insurer: INSURER,
					member: MEMBER,
					plan: PLAN
				}
			);
			assert_eq!(
				Balances::balance_on_hold(&HoldReason::CoverageDeposit.into(), &INSURER),
				COVERAGE_DEPOSIT
			);
			assert!(!Claims::coverage_active(id, TODAY), "not active before acceptance");

			assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), id));
			let coverage = Claims::coverage(id).unwrap();
			let consent_id = coverage.billing_consent.unwrap();
			assert_eq!(last_event(), Event::CoverageAccepted { coverage_id: id, consent_id });
			let consent = Consent::consent(consent_id).unwrap();
			assert_eq!(consent.kind, ConsentKind::Billing(id));
			assert_eq!(consent.grantee, INSURER);
			assert_eq!(consent.categories, DataCategory::Billing.into());
			// Until the last day a claim of the last covered day can be filed.
			assert_eq!(consent.expires_at, (u64::from(TODAY + 265 + 90) + 1) * DAY);
			assert!(Claims::coverage_active(id, TODAY));
			assert!(Claims::coverage_active(id, TODAY - 100));
			assert!(!Claims::coverage_active(id, TODAY - 101));
			assert!(!Claims::coverage_active(id, TODAY + 266));
			assert_eq!(Claims::coverages_of(&MEMBER).len(), 1);
		});
	}

	#[test]
	fn revoking_the_billing_consent_or_suspending_the_insurer_ends_eligibility() {
		build_and_execute(|| {
			let id = setup();
			let consent = Claims::coverage(id).unwrap().billing_consent.unwrap();
			suspend(INSURER);
			assert!(!Claims::coverage_active(id, TODAY));
			Suspended::set(Vec::new());
			assert_ok!(Consent::revoke(RuntimeOrigin::signed(MEMBER), consent));
			assert!(!Claims::coverage_active(id, TODAY));
		});
	}

	#[test]
	fn plan_and_coverage_errors_change_nothing() {
		build_and_execute(|| {
			let mut bad = plan_terms();
			bad.coverage_cap = 10;
			assert_noop!(
				Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, bad),
				Error::<Test>::InvalidPlan
			);
			let mut bad = plan_terms();
			bad.filing_limit_days = 0;
			assert_noop!(
				Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, bad),
				Error::<Test>::InvalidPlan
			);
			let mut bad = plan_terms();
			bad.appeal_window_days = 366;
			assert_noop!(
				Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, bad),
				Error::<Test>::InvalidPlan
			);
			assert_noop!(
				Claims::set_plan(RuntimeOrigin::signed(HOSPITAL), PLAN, plan_terms()),
				Error::<Test>::NotAnInsurer
			);
			assert_noop!(
				Claims::set_plan(RuntimeOrigin::signed(CLERK), PLAN, plan_terms()),
				Error::<Test>::NotTheInsurerItself
			);
			assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), 1, plan_terms()));
			assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), 2, plan_terms()));
			assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), 2, plan_terms()));
			assert_noop!(
				Claims::set_plan(RuntimeOrigin::signed(INSURER), 3, plan_terms()),
				Error::<Test>::TooManyPlans
			);
			let register = |who, member, plan, from, to| {
				Claims::register_coverage(
					RuntimeOrigin::signed(who),
					member,
					plan,
					from,
					to,
					[0; 32],
				)
			};
			assert_noop!(
				register(INSURER, MEMBER, 9, TODAY, TODAY + 10),
				Error::<Test>::UnknownPlan
			);
			assert_noop!(
				register(INSURER, MEMBER, 1, TODAY, TODAY - 1),
				Error::<Test>::InvalidPeriod
			);
			assert_noop!(
				register(INSURER, MEMBER, 1, TODAY - 20, TODAY - 1),
				Error::<Test>::InvalidPeriod
			);
			assert_noop!(
				register(INSURER, MEMBER, 1, TODAY, TODAY + 366),
				Error::<Test>::InvalidPeriod
			);
			assert_noop!(
				register(INSURER, STRANGER, 1, TODAY, TODAY + 10),
				Error::<Test>::NotAPatient
			);
			assert_noop!(
				register(HOSPITAL, MEMBER, 1, TODAY, TODAY + 10),
				Error::<Test>::NotAnInsurer
			);
			assert_ok!(register(INSURER, MEMBER, 1, TODAY, TODAY + 10));
			assert_ok!(register(INSURER, MEMBER, 2, TODAY, TODAY + 10));
			assert_noop!(
				register(INSURER, MEMBER, 1, TODAY, TODAY + 10),
				Error::<Test>::TooManyCoverages
			);
			Balances::set_balance(&INSURER, 1);
			assert_noop!(
				register(INSURER, OTHER_MEMBER, 1, TODAY, TODAY + 10),
				Error::<Test>::InsufficientFunds
			);
		});
	}

	#[test]
	fn acceptance_errors_change_nothing() {
		build_and_execute(|| {
			assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, plan_terms()));
			let id = register(MEMBER);
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), 9),
				Error::<Test>::UnknownCoverage
			);
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(OTHER_MEMBER), id),
				Error::<Test>::NotTheMember
			);
			assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), id));
			assert_noop!(
				Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), id),
				Error::<Test>::AlreadyAccepted
			);
			assert_eq!(
				Claims::precheck_feeless(
					&MEMBER,
					&crate::Call::accept_coverage { coverage_id: id }
				),
				Err(Error::<Test>::AlreadyAccepted.into())
			);
		});
	}

	#[test]
	fn a_coverage_closes_once_no_claim_can_be_filed_and_its_consent_goes() {
		build_and_execute(|| {
			let id = setup();
			let consent = Claims::coverage(id).unwrap().billing_consent.unwrap();
			let draft = ClaimDraft::new(id);
			anchor(&draft.keys);
			let claim = submit(&draft);
			assert_noop!(
				Claims::close_coverage(RuntimeOrigin::signed(CLERK), id),
				Error::<Test>::CoverageInUse
			);
			assert_noop!(
				Claims::close_coverage(RuntimeOrigin::signed(HOSPITAL), id),
				Error::<Test>::NotTheInsurer
			);
			assert_noop!(
				Claims::close_coverage(RuntimeOrigin::signed(CLERK), 9),
				Error::<Test>::UnknownCoverage
			);
			answer(claim, Outcome::Approved, 600, 0, Default::default());
			set_time(START + (265 + 91) * DAY);
			assert_ok!(Claims::close_claim(RuntimeOrigin::signed(STRANGER), claim));
			assert_ok!(Claims::close_coverage(RuntimeOrigin::signed(CLERK), id));
			assert_eq!(last_event(), Event::CoverageClosed { coverage_id: id });
			assert!(Claims::coverage(id).is_none());
			assert_ne!(
				Consent::consent(consent).unwrap().status,
				carechain_primitives::ConsentStatus::Active
			);
			assert_eq!(Balances::balance_on_hold(&HoldReason::CoverageDeposit.into(), &INSURER), 0);
			assert!(CoveragesOf::<Test>::get(MEMBER).is_empty());
		});
	}

	#[test]
	fn a_member_declines_a_coverage_it_never_accepted() {
		build_and_execute(|| {
			assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, plan_terms()));
			let first = register(MEMBER);
			let second = register(MEMBER);
			// The list is full (two in the tests), until the member declines one.
			assert_noop!(
				Claims::register_coverage(
					RuntimeOrigin::signed(INSURER),
					MEMBER,
					PLAN,
					TODAY,
					TODAY + 9,
					[0; 32]
				),
				Error::<Test>::TooManyCoverages
			);
			assert_noop!(
				Claims::decline_coverage(RuntimeOrigin::signed(MEMBER), 9),
				Error::<Test>::UnknownCoverage
			);
			assert_noop!(
				Claims::decline_coverage(RuntimeOrigin::signed(OTHER_MEMBER), first),
				Error::<Test>::NotTheMember
			);
			assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(MEMBER), second));
			assert_noop!(
				Claims::decline_coverage(RuntimeOrigin::signed(MEMBER), second),
				Error::<Test>::AlreadyAccepted
			);
			assert_ok!(Claims::decline_coverage(RuntimeOrigin::signed(MEMBER), first));
			assert_eq!(last_event(), Event::CoverageClosed { coverage_id: first });
			assert!(Claims::coverage(first).is_none());
			assert_eq!(
				Balances::balance_on_hold(&HoldReason::CoverageDeposit.into(), &INSURER),
				COVERAGE_DEPOSIT
			);
			assert_ok!(Claims::register_coverage(
				RuntimeOrigin::signed(INSURER),
				MEMBER,
				PLAN,
				TODAY,
				TODAY + 9,
				[0; 32]
			));
		});
	}

	#[test]
	fn an_unaccepted_coverage_closes_at_any_time() {
		build_and_execute(|| {
			assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, plan_terms()));
			let id = register(MEMBER);
			assert_ok!(Claims::close_coverage(RuntimeOrigin::signed(INSURER), id));
			assert!(Coverages::<Test>::get(id).is_none());
		});
	}

	#[test]
	fn erasing_the_member_removes_its_coverages_and_keeps_its_claims() {
		build_and_execute(|| {
			let (id, _, claim) = submitted_claim();
			deregister(MEMBER);
			assert!(Coverages::<Test>::get(id).is_none());
			assert!(CoveragesOf::<Test>::get(MEMBER).is_empty());
			// The claim names the insurer and the hospital, not the member: it is still paid.
			answer(claim, Outcome::Approved, 600, 0, Default::default());
			assert_eq!(Claims::claim(claim).unwrap().paid, 600);
		});
	}
}

mod floats {
	use super::*;

	#[test]
	fn an_insurer_funds_and_withdraws_its_float_but_keeps_what_it_may_owe() {
		build_and_execute(|| {
			let id = setup();
			assert_eq!(float(), FLOAT);
			let draft = ClaimDraft::new(id);
			anchor(&draft.keys);
			submit(&draft);
			assert_eq!(Claims::float_of(&INSURER), (FLOAT, 600));
			assert_noop!(
				Claims::withdraw_float(RuntimeOrigin::signed(INSURER), FLOAT - 599),
				Error::<Test>::FloatCommitted
			);
			assert_ok!(Claims::withdraw_float(RuntimeOrigin::signed(INSURER), FLOAT - 600));
			assert_eq!(
				last_event(),
				Event::FloatWithdrawn { insurer: INSURER, amount: FLOAT - 600 }
			);
			assert_noop!(
				Claims::withdraw_float(RuntimeOrigin::signed(INSURER), 0),
				Error::<Test>::ZeroAmount
			);
			assert_noop!(
				Claims::fund_float(RuntimeOrigin::signed(INSURER), 0),
				Error::<Test>::ZeroAmount
			);
			assert_noop!(
				Claims::fund_float(RuntimeOrigin::signed(INSURER), ENDOWMENT * 2),
				Error::<Test>::InsufficientFunds
			);
			assert_noop!(
				Claims::fund_float(RuntimeOrigin::signed(CLERK), 5),
				Error::<Test>::NotTheInsurerItself
			);
		});
	}
}

mod submission {
	use super::*;

	#[test]
	fn a_claim_is_stored_with_its_deposit_duplicate_key_and_exposure() {
		build_and_execute(|| {
			let id = setup();
			let draft = ClaimDraft::new(id);
			anchor(&draft.keys);
			let claim_id = submit(&draft);
			assert_eq!(
				last_event(),
				Event::ClaimSubmitted {
					claim_id,
					coverage_id: id,
					organisation: HOSPITAL,
					claim_use: ClaimUse::Claim,
					amount: 600,
				}
			);
			let claim = Claims::claim(claim_id).unwrap();
			assert_eq!(claim.organisation, HOSPITAL);
			assert_eq!(claim.submitter, BILLER);
			assert_eq!(claim.status, ClaimStatus::Submitted);
			assert_eq!(claim.deposit, CLAIM_DEPOSIT);
			assert_eq!(claim.answer_due, START + 30 * DAY);
			assert_eq!(
				Balances::balance_on_hold(&HoldReason::ClaimDeposit.into(), &HOSPITAL),
				CLAIM_DEPOSIT
			);
			assert_eq!(DuplicateKeys::<Test>::get(claim.duplicate_key), Some(claim_id));
			assert_eq!(Outstanding::<Test>::get(INSURER), 600);
			assert_eq!(Claims::coverage(id).unwrap().open_claims, 1);
			assert_eq!(Claims::claims_of_coverage(id).len(), 1);
			// The claim names neither the hospital pseudonym nor a record.
			let stored = codec::Encode::encode(&crate::Claims::<Test>::get(claim_id).unwrap());
			let pseudonym = codec::Encode::encode(&HOSPITAL_PSEUDONYM);
			assert!(!stored.windows(8).any(|w| w == pseudonym.as_slice()));
			for key in &draft.keys {
				let anchor = carechain_primitives::claim::anchor_of(key);
				assert!(!stored.windows(32).any(|w| w == anchor.as_slice() || w == key.as_slice()));
			}
		});
	}

	#[test]
	fn the_same_service_is_refused_as_a_duplicate_by_every_payer() {
		build_and_execute(|| {
			let id = setup();
			assert_ok!(Claims::set_plan(RuntimeOrigin::signed(OTHER_INSURER), PLAN, plan_terms()));
			let other = pallet_claims::NextCoverageId::<Test>::get();
			assert_ok!(Claims::register_coverage(
				RuntimeOrigin::signed(OTHER_INSURER),
				OTHER_MEMBER,
				PLAN,
				TODAY - 10,
				TODAY + 10,
				[1; 32]
			));
			assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(OTHER_MEMBER), other));
			let draft = ClaimDraft::new(id);
			anchor(&draft.keys);
			submit(&draft);
			assert_noop!(draft.submit(HOSPITAL), Error::<Test>::DuplicateClaim);
			// Billed to another payer (under the patient's other insurer pseudonym): the key is
			// the same, because it is made of the organisation, the day and the records.
			let elsewhere = ClaimDraft { coverage: other, ..ClaimDraft::new(other) };
			assert_noop!(elsewhere.submit(BILLER), Error::<Test>::DuplicateClaim);
			// Other records are another service.
			let another = ClaimDraft { keys: record_keys(20, 1), ..ClaimDraft::new(other) };
			assert_ok!(another.submit(BILLER));
		});
	}

	#[test]
	fn a_claim_without_the_billing_consent_is_refused() {
		build_and_execute(|| {
			let id = setup();
			let consent = Claims::coverage(id).unwrap().billing_consent.unwrap();
			assert_ok!(Consent::revoke(RuntimeOrigin::signed(MEMBER), consent));
			let draft = ClaimDraft::new(id);
			anchor(&draft.keys);
			assert_noop!(draft.submit(BILLER), Error::<Test>::NoBillingConsent);
		});
	}

	#[test]
	fn submission_errors_change_nothing() {
		build_and_execute(|| {
			let id = setup();
			let draft = ClaimDraft::new(id);
			anchor(&draft.keys);
			assert_noop!(draft.submit(INSTITUTE), Error::<Test>::NotABillingProvider);
			assert_noop!(draft.submit(CLERK), Error::<Test>::NotABillingProvider);
			assert_noop!(draft.submit(STRANGER), Error::<Test>::NotABillingProvider);
			assert_noop!(ClaimDraft::new(9).submit(BILLER), Error::<Test>::UnknownCoverage);
			let unaccepted = register(OTHER_MEMBER);
			assert_noop!(
				ClaimDraft::new(unaccepted).submit(BILLER),
				Error::<Test>::CoverageNotAccepted
			);
			let outside = ClaimDraft { service_date: TODAY - 101, ..ClaimDraft::new(id) };
			assert_noop!(outside.submit(BILLER), Error::<Test>::ServiceOutsideCoverage);
			let future = ClaimDraft { service_date: TODAY + 1, ..ClaimDraft::new(id) };
			assert_noop!(future.submit(BILLER), Error::<Test>::ServiceInFuture);
			let late = ClaimDraft { service_date: TODAY - 91, ..ClaimDraft::new(id) };
			assert_noop!(late.submit(BILLER), Error::<Test>::FilingLimitPassed);
			let free = ClaimDraft { amount: 0, ..ClaimDraft::new(id) };
			assert_noop!(free.submit(BILLER), Error::<Test>::ZeroAmount);
			let over = ClaimDraft { amount: 1_001, ..ClaimDraft::new(id) };
			assert_noop!(over.submit(BILLER), Error::<Test>::AmountOverCap);
			let inpatient =
				ClaimDraft { setting: ServiceSetting::Inpatient, ..ClaimDraft::new(id) };
			assert_noop!(inpatient.submit(BILLER), Error::<Test>::PriorAuthorisationRequired);
			let unknown_prior = ClaimDraft { prior: Some(99), ..ClaimDraft::new(id) };
			assert_noop!(unknown_prior.submit(BILLER), Error::<Test>::InvalidPriorAuthorisation);
			let poor = ClaimDraft { organisation: POOR_HOSPITAL, ..ClaimDraft::new(id) };
			assert_noop!(poor.submit(POOR_HOSPITAL), Error::<Test>::InsufficientFunds);
			suspend(INSURER);
			assert_noop!(draft.submit(BILLER), Error::<Test>::InsurerNotActive);
		});
	}

	#[test]
	fn a_prior_authorisation_is_answered_without_payment_and_authorises_one_claim() {
		build_and_execute(|| {
			let id = setup();
			let planned = ClaimDraft {
				claim_use: ClaimUse::Preauthorization,
				setting: ServiceSetting::Inpatient,
				service_date: TODAY + 5,
				amount: 900,
				..ClaimDraft::new(id)
			};
			let prior = submit(&planned);
			assert_eq!(Outstanding::<Test>::get(INSURER), 0, "a prior authorisation owes nothing");
			answer(prior, Outcome::Partial, 800, 0, because(Carc::FeeSchedule));
			assert_eq!(float(), FLOAT, "nothing is paid for an authorisation");
			set_time(START + 6 * DAY);
			anchor(&planned.keys);
			let stay = ClaimDraft {
				setting: ServiceSetting::Inpatient,
				service_date: TODAY + 5,
				amount: 801,
				prior: Some(prior),
				..ClaimDraft::new(id)
			};
			assert_noop!(stay.submit(BILLER), Error::<Test>::AuthorisationExceeded);
			let stay = ClaimDraft { amount: 800, ..stay };
			let claim = submit(&stay);
			assert!(Claims::claim(prior).unwrap().authorisation_used);
			let again = ClaimDraft { keys: record_keys(30, 1), ..stay };
			assert_noop!(again.submit(BILLER), Error::<Test>::InvalidPriorAuthorisation);
			// Voiding the claim frees the authorisation.
			assert_ok!(Claims::void_claim(RuntimeOrigin::signed(BILLER), claim));
			assert!(!Claims::claim(prior).unwrap().authorisation_used);
			assert_ok!(again.submit(BILLER));
		});
	}
}

mod adjudication {
	use super::*;

	#[test]
	fn a_partial_payment_moves_from_the_float_in_the_same_call_and_the_eob_shows_the_split() {
		build_and_execute(|| {
			let (id, _, claim) = submitted_claim();
			let hospital_before = Balances::balance(&HOSPITAL);
			let why: Adjustments = vec![
				Adjustment {
					group: AdjustmentGroup::ContractualObligation,
					reason: Carc::FeeSchedule,
					remark: Some(Rarc::N381),
				},
				Adjustment {
					group: AdjustmentGroup::PatientResponsibility,
					reason: Carc::Copayment,
					remark: None,
				},
			]
			.try_into()
			.unwrap();
			answer(claim, Outcome::Partial, 450, 50, why.clone());
			assert_eq!(
				last_event(),
				Event::ClaimAdjudicated {
					claim_id: claim,
					outcome: Outcome::Partial,
					billed: 600,
					payable: 450,
					patient_share: 50,
					paid_now: 450,
					by_council: false,
				}
			);
			assert_eq!(Balances::balance(&HOSPITAL), hospital_before + 450);
			assert_eq!(float(), FLOAT - 450);
			assert_eq!(Outstanding::<Test>::get(INSURER), 0);
			let eob = Claims::explanation_of_benefit(claim).unwrap();
			assert_eq!((eob.billed, eob.paid, eob.patient_share), (600, 450, 50));
			assert_eq!(eob.outcome, Some(Outcome::Partial));
			assert_eq!(eob.adjustments, why);
			assert_eq!(Claims::coverage(id).unwrap().paid, 450);
		});
	}

	#[test]
	fn adjudication_errors_change_nothing() {
		build_and_execute(|| {
			let id = setup();
			let draft = ClaimDraft::new(id);
			anchor(&draft.keys);
			// The float is low before the claim arrives; submission does not need it.
			assert_ok!(Claims::withdraw_float(RuntimeOrigin::signed(INSURER), FLOAT - 100));
			let claim = submit(&draft);
			let adjudicate = |who, outcome, payable, share, why| {
				Claims::adjudicate(RuntimeOrigin::signed(who), claim, outcome, payable, share, why)
			};
			assert_noop!(
				Claims::adjudicate(
					RuntimeOrigin::signed(CLERK),
					9,
					Outcome::Approved,
					600,
					0,
					Default::default()
				),
				Error::<Test>::UnknownClaim
			);
			assert_noop!(
				adjudicate(HOSPITAL, Outcome::Approved, 600, 0, Default::default()),
				Error::<Test>::NotAnInsurer
			);
			assert_noop!(
				adjudicate(OTHER_INSURER, Outcome::Approved, 600, 0, Default::default()),
				Error::<Test>::NotTheInsurer
			);
			assert_noop!(
				adjudicate(CLERK, Outcome::Approved, 600, 1, Default::default()),
				Error::<Test>::SplitExceedsBilled
			);
			assert_noop!(
				adjudicate(CLERK, Outcome::Approved, 500, 0, Default::default()),
				Error::<Test>::OutcomeInconsistent
			);
			assert_noop!(
				adjudicate(CLERK, Outcome::Partial, 500, 0, Default::default()),
				Error::<Test>::OutcomeInconsistent
			);
			assert_noop!(
				adjudicate(CLERK, Outcome::Denied, 10, 0, because(Carc::NonCovered)),
				Error::<Test>::OutcomeInconsistent
			);
			assert_noop!(
				adjudicate(CLERK, Outcome::Denied, 0, 0, Default::default()),
				Error::<Test>::OutcomeInconsistent
			);
			assert_noop!(
				adjudicate(CLERK, Outcome::Approved, 600, 0, Default::default()),
				Error::<Test>::FloatTooLow
			);
			assert_ok!(Claims::fund_float(RuntimeOrigin::signed(INSURER), 500));
			answer(claim, Outcome::Denied, 0, 0, because(Carc::NonCovered));
			assert_noop!(
				adjudicate(CLERK, Outcome::Approved, 600, 0, Default::default()),
				Error::<Test>::NotAwaitingAnswer
			);
		});
	}

	#[test]
	fn an_unknown_reason_code_does_not_decode() {
		use codec::Decode;
		// An adjustment naming CARC 17 (not in the closed list) cannot even be decoded, so a
		// call carrying it is refused before it runs.
		let adjustment = [0u8, 17, 0];
		assert!(Adjustment::decode(&mut &adjustment[..]).is_err());
		let adjustment = [0u8, 45, 0];
		assert_eq!(Adjustment::decode(&mut &adjustment[..]).unwrap().reason, Carc::FeeSchedule);
	}

	#[test]
	fn the_coverage_cap_bounds_what_one_coverage_is_paid() {
		build_and_execute(|| {
			let id = setup();
			assert_ok!(Claims::fund_float(RuntimeOrigin::signed(INSURER), 10_000));
			for visit in 0..6u8 {
				let draft = ClaimDraft {
					amount: 1_000,
					keys: record_keys(10 * visit + 1, 1),
					..ClaimDraft::new(id)
				};
				anchor(&draft.keys);
				let claim = submit(&draft);
				if visit < 5 {
					answer(claim, Outcome::Approved, 1_000, 0, Default::default());
				} else {
					assert_noop!(
						Claims::adjudicate(
							RuntimeOrigin::signed(CLERK),
							claim,
							Outcome::Approved,
							1_000,
							0,
							Default::default()
						),
						Error::<Test>::CoverageCapExceeded
					);
					answer(claim, Outcome::Denied, 0, 0, because(Carc::BenefitMaximum));
				}
			}
			assert_eq!(Claims::coverage(id).unwrap().paid, 5_000);
		});
	}

	#[test]
	fn the_insurer_checks_the_opened_commitment_against_the_anchors() {
		build_and_execute(|| {
			let (id, draft, claim) = submitted_claim();
			assert_eq!(Claims::verify_service(claim, &HOSPITAL_PSEUDONYM, &draft.keys), Ok(()));
			assert_eq!(
				Claims::verify_service(9, &HOSPITAL_PSEUDONYM, &draft.keys),
				Err(ServiceMismatch::UnknownClaim)
			);
			assert_eq!(
				Claims::verify_service(claim, &MEMBER, &draft.keys),
				Err(ServiceMismatch::CommitmentDiffers)
			);
			assert_eq!(
				Claims::verify_service(claim, &HOSPITAL_PSEUDONYM, &[]),
				Err(ServiceMismatch::NoRecords)
			);

			// Records the clinic anchored, billed by the hospital: the commitment opens, the
			// anchors are another organisation's.
			let keys = record_keys(50, 1);
			assert_ok!(Consent::grant(
				RuntimeOrigin::signed(HOSPITAL_PSEUDONYM),
				CLINIC,
				carechain_primitives::StandardCategory::Encounters.into(),
				vec![carechain_primitives::Action::Write].try_into().unwrap(),
				carechain_primitives::PurposeOfUse::Treatment.into(),
				START + 10 * DAY,
			));
			assert_ok!(Consent::record_access(
				RuntimeOrigin::signed(CLINIC),
				HOSPITAL_PSEUDONYM,
				carechain_primitives::StandardCategory::Encounters,
				carechain_primitives::PurposeOfUse::Treatment,
				carechain_primitives::Action::Write,
				Some(carechain_primitives::claim::anchor_of(&keys[0])),
			));
			let foreign = ClaimDraft { keys: keys.clone(), ..ClaimDraft::new(id) };
			let foreign_claim = submit(&foreign);
			assert_eq!(
				Claims::verify_service(foreign_claim, &HOSPITAL_PSEUDONYM, &keys),
				Err(ServiceMismatch::AnchoredByAnotherOrganisation(0))
			);
			// Undocumented care: nothing anchored, or anchored after the claim.
			let undocumented = ClaimDraft { keys: record_keys(60, 2), ..ClaimDraft::new(id) };
			let late = submit(&undocumented);
			assert_eq!(
				Claims::verify_service(late, &HOSPITAL_PSEUDONYM, &undocumented.keys),
				Err(ServiceMismatch::NotAnchored(0))
			);
			set_time(START + 1);
			anchor(&undocumented.keys);
			assert_eq!(
				Claims::verify_service(late, &HOSPITAL_PSEUDONYM, &undocumented.keys),
				Err(ServiceMismatch::AnchoredAfterSubmission(0))
			);
			// The insurer denies with the CARC the mismatch names; nothing is paid.
			let carc = ServiceMismatch::AnchoredByAnotherOrganisation(0).carc();
			answer(foreign_claim, Outcome::Denied, 0, 0, because(carc));
			assert_eq!(Claims::claim(foreign_claim).unwrap().paid, 0);
		});
	}
}

mod appeals_and_reversals {
	use super::*;

	#[test]
	fn an_appeal_is_answered_again_and_pays_the_difference() {
		build_and_execute(|| {
			let (_, _, claim) = submitted_claim();
			answer(claim, Outcome::Partial, 300, 0, because(Carc::FeeSchedule));
			pass_days(10);
			assert_ok!(Claims::appeal(RuntimeOrigin::signed(BILLER), claim));
			assert_eq!(last_event(), Event::ClaimAppealed { claim_id: claim });
			assert_eq!(claim_status(claim), ClaimStatus::Appealed);
			assert_eq!(Outstanding::<Test>::get(INSURER), 300);
			assert_noop!(
				Claims::adjudicate(
					RuntimeOrigin::signed(CLERK),
					claim,
					Outcome::Partial,
					200,
					0,
					because(Carc::FeeSchedule)
				),
				Error::<Test>::BelowAlreadyPaid
			);
			answer(claim, Outcome::Approved, 600, 0, Default::default());
			assert_eq!(Claims::claim(claim).unwrap().paid, 600);
			assert_eq!(float(), FLOAT - 600);
			assert_noop!(
				Claims::appeal(RuntimeOrigin::signed(BILLER), claim),
				Error::<Test>::NotAppealable
			);
		});
	}

	#[test]
	fn appeal_errors_change_nothing() {
		build_and_execute(|| {
			let (_, _, claim) = submitted_claim();
			assert_noop!(
				Claims::appeal(RuntimeOrigin::signed(BILLER), claim),
				Error::<Test>::NotAppealable
			);
			assert_noop!(
				Claims::appeal(RuntimeOrigin::signed(BILLER), 9),
				Error::<Test>::UnknownClaim
			);
			answer(claim, Outcome::Denied, 0, 0, because(Carc::NonCovered));
			assert_noop!(
				Claims::appeal(RuntimeOrigin::signed(CLINIC), claim),
				Error::<Test>::NotTheBillingProvider
			);
			pass_days(60);
			assert_noop!(
				Claims::appeal(RuntimeOrigin::signed(BILLER), claim),
				Error::<Test>::AppealWindowPassed
			);
		});
	}

	#[test]
	fn a_reversal_takes_the_payment_back_into_the_float() {
		build_and_execute(|| {
			let (id, draft, claim) = submitted_claim();
			assert_noop!(
				Claims::reverse(RuntimeOrigin::signed(CLERK), claim),
				Error::<Test>::NotReversible
			);
			answer(claim, Outcome::Approved, 600, 0, Default::default());
			assert_noop!(
				Claims::reverse(RuntimeOrigin::signed(OTHER_INSURER), claim),
				Error::<Test>::NotTheInsurer
			);
			assert_ok!(Claims::reverse(RuntimeOrigin::signed(CLERK), claim));
			assert_eq!(last_event(), Event::ClaimReversed { claim_id: claim, repaid: 600 });
			assert_eq!(float(), FLOAT);
			assert_eq!(claim_status(claim), ClaimStatus::Reversed);
			assert_eq!(Claims::coverage(id).unwrap().paid, 0);
			// Reversed is final: it closes at once, and the service may be billed anew.
			assert_ok!(Claims::close_claim(RuntimeOrigin::signed(BILLER), claim));
			assert_ok!(draft.submit(BILLER));
		});
	}

	#[test]
	fn a_provider_that_cannot_repay_cannot_be_reversed() {
		build_and_execute(|| {
			let (_, _, claim) = submitted_claim();
			answer(claim, Outcome::Approved, 600, 0, Default::default());
			let held = Balances::total_balance_on_hold(&HOSPITAL);
			Balances::set_balance(&HOSPITAL, held + 10);
			assert_noop!(
				Claims::reverse(RuntimeOrigin::signed(CLERK), claim),
				Error::<Test>::ProviderCannotRepay
			);
		});
	}
}

mod escalation {
	use super::*;

	#[test]
	fn a_late_answer_is_escalated_and_the_council_pays_from_the_float() {
		build_and_execute(|| {
			let (_, _, claim) = submitted_claim();
			assert_noop!(
				Claims::escalate(RuntimeOrigin::signed(BILLER), claim),
				Error::<Test>::AnswerNotDue
			);
			assert_noop!(
				Claims::pay_escalated(RuntimeOrigin::root(), claim, 600),
				Error::<Test>::NotEscalated
			);
			pass_days(31);
			assert_noop!(
				Claims::escalate(RuntimeOrigin::signed(CLINIC), claim),
				Error::<Test>::NotTheBillingProvider
			);
			assert_ok!(Claims::escalate(RuntimeOrigin::signed(BILLER), claim));
			assert_eq!(last_event(), Event::ClaimEscalated { claim_id: claim });
			assert_noop!(
				Claims::escalate(RuntimeOrigin::signed(BILLER), claim),
				Error::<Test>::NotAwaitingAnswer
			);
			assert_noop!(
				Claims::pay_escalated(RuntimeOrigin::signed(INSURER), claim, 600),
				DispatchError::BadOrigin
			);
			assert_noop!(
				Claims::pay_escalated(RuntimeOrigin::root(), claim, 601),
				Error::<Test>::SplitExceedsBilled
			);
			let before = Balances::balance(&HOSPITAL);
			assert_ok!(Claims::pay_escalated(RuntimeOrigin::root(), claim, 600));
			assert_eq!(Balances::balance(&HOSPITAL), before + 600);
			let adjudication = Claims::claim(claim).unwrap().adjudication.unwrap();
			assert!(adjudication.by_council);
			assert_eq!(adjudication.outcome, Outcome::Approved);
		});
	}
}

mod disputes {
	use super::*;

	#[test]
	fn an_upheld_dispute_reverses_the_claim_and_slashes_the_provider() {
		build_and_execute(|| {
			let (_, _, claim) = submitted_claim();
			assert_noop!(
				Claims::dispute_claim(RuntimeOrigin::signed(MEMBER), claim),
				Error::<Test>::NotDisputable
			);
			answer(claim, Outcome::Approved, 600, 0, Default::default());
			assert_noop!(
				Claims::dispute_claim(RuntimeOrigin::signed(OTHER_MEMBER), claim),
				Error::<Test>::NotTheMember
			);
			assert_noop!(
				Claims::review_dispute(RuntimeOrigin::root(), claim, true),
				Error::<Test>::NotDisputed
			);
			assert_ok!(Claims::dispute_claim(RuntimeOrigin::signed(MEMBER), claim));
			assert_eq!(last_event(), Event::ClaimDisputed { claim_id: claim });
			assert_noop!(
				Claims::dispute_claim(RuntimeOrigin::signed(MEMBER), claim),
				Error::<Test>::NotDisputable
			);
			assert_noop!(
				Claims::review_dispute(RuntimeOrigin::signed(MEMBER), claim, true),
				DispatchError::BadOrigin
			);
			let member_before = Balances::balance(&MEMBER);
			assert_ok!(Claims::review_dispute(RuntimeOrigin::root(), claim, true));
			assert_eq!(
				last_event(),
				Event::DisputeReviewed {
					claim_id: claim,
					upheld: true,
					repaid: 600,
					slashed: DISPUTE_SLASH
				}
			);
			assert_eq!(Balances::balance(&MEMBER), member_before + DISPUTE_SLASH);
			assert_eq!(float(), FLOAT);
			assert_eq!(claim_status(claim), ClaimStatus::Reversed);
		});
	}

	#[test]
	fn a_rejected_dispute_leaves_the_claim_and_lets_it_close() {
		build_and_execute(|| {
			let (_, _, claim) = submitted_claim();
			answer(claim, Outcome::Approved, 600, 0, Default::default());
			assert_ok!(Claims::dispute_claim(RuntimeOrigin::signed(MEMBER), claim));
			set_time(START + 100 * DAY);
			assert_noop!(
				Claims::close_claim(RuntimeOrigin::signed(STRANGER), claim),
				Error::<Test>::NotSettled
			);
			assert_ok!(Claims::review_dispute(RuntimeOrigin::root(), claim, false));
			assert_eq!(claim_status(claim), ClaimStatus::Adjudicated);
			assert_eq!(Claims::claim(claim).unwrap().paid, 600);
			assert_ok!(Claims::close_claim(RuntimeOrigin::signed(STRANGER), claim));
		});
	}
}

mod closing {
	use super::*;

	#[test]
	fn voiding_an_unanswered_claim_frees_its_key_and_deposit() {
		build_and_execute(|| {
			let (id, draft, claim) = submitted_claim();
			assert_noop!(
				Claims::void_claim(RuntimeOrigin::signed(CLINIC), claim),
				Error::<Test>::NotTheBillingProvider
			);
			assert_ok!(Claims::void_claim(RuntimeOrigin::signed(HOSPITAL), claim));
			assert_eq!(last_event(), Event::ClaimVoided { claim_id: claim });
			assert!(Claims::claim(claim).is_none());
			assert_eq!(Outstanding::<Test>::get(INSURER), 0);
			assert_eq!(Balances::balance_on_hold(&HoldReason::ClaimDeposit.into(), &HOSPITAL), 0);
			assert!(ClaimsOfCoverage::<Test>::iter_prefix(id).next().is_none());
			let again = submit(&draft);
			answer(again, Outcome::Approved, 600, 0, Default::default());
			assert_noop!(
				Claims::void_claim(RuntimeOrigin::signed(BILLER), again),
				Error::<Test>::NotVoidable
			);
		});
	}

	#[test]
	fn a_claim_closes_once_it_can_neither_be_appealed_nor_filed_again() {
		build_and_execute(|| {
			let (id, _, claim) = submitted_claim();
			assert_noop!(
				Claims::close_claim(RuntimeOrigin::signed(STRANGER), claim),
				Error::<Test>::NotSettled
			);
			answer(claim, Outcome::Approved, 600, 0, Default::default());
			pass_days(61);
			// The appeal window has passed, the filing limit (90 days from the service) not yet.
			assert_noop!(
				Claims::close_claim(RuntimeOrigin::signed(STRANGER), claim),
				Error::<Test>::NotSettled
			);
			pass_days(30);
			assert_ok!(Claims::close_claim(RuntimeOrigin::signed(STRANGER), claim));
			assert_eq!(last_event(), Event::ClaimClosed { claim_id: claim });
			assert!(DuplicateKeys::<Test>::iter().next().is_none());
			assert_eq!(Claims::coverage(id).unwrap().open_claims, 0);
			assert_noop!(
				Claims::close_claim(RuntimeOrigin::signed(STRANGER), claim),
				Error::<Test>::UnknownClaim
			);
		});
	}
}
