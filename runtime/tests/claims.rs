//! The claims pallet inside the runtime, through real signed extrinsics: an insurer approved by
//! Root registers a coverage, the member accepts it fee-free (the billing consent lands in the
//! Consent pallet), a biller who never held a token submits a claim its hospital pays the fee
//! and the deposit of, the insurer's answer pays the hospital from the float in the same
//! extrinsic, and the member's erasure closes the coverage. The Council pays an escalated claim.

mod common;

use carechain_primitives::{
	claim::{
		day_of, duplicate_key, service_commitment, Adjustment, AdjustmentGroup, Carc, ClaimStatus,
		ClaimTerms, ClaimUse, Outcome, PlanTerms, Rarc, ServiceSetting, ServiceSettings,
	},
	Action, DataCategory, ProviderKind, PurposeOfUse,
};
use carechain_runtime::{
	currency::CARE, Balances, Claims, Consent, PatientIdentity, ProviderRegistry, Runtime,
	RuntimeCall, RuntimeOrigin,
};
use common::{apply_signed as apply, new_test_ext, TEST_NOW};
use frame_support::{assert_ok, traits::fungible::Mutate};
use sp_genesis_builder::DEV_RUNTIME_PRESET;
use sp_keyring::Sr25519Keyring::{self, *};

/// The insurer: an organisation approved by Root in these tests.
const INSURER: Sr25519Keyring = DaveStash;
/// A biller on the hospital's (Bob's) staff, who never held a token.
const BILLER: Sr25519Keyring = One;
/// The member: a patient's insurer pseudonym, onboarded by the hospital, holding no tokens.
const MEMBER: Sr25519Keyring = Two;
const PLAN: u32 = 1;

fn free(who: Sr25519Keyring) -> u128 {
	Balances::free_balance(who.to_account_id())
}

fn claims(call: pallet_claims::Call<Runtime>) -> RuntimeCall {
	RuntimeCall::Claims(call)
}

/// Block 2; the insurer applied, approved, with a plan and a float; Bob employs the biller;
/// the member holds a coverage it has not accepted yet.
fn start() -> u64 {
	common::start_block_two();
	let insurer = INSURER.to_account_id();
	Balances::set_balance(&insurer, 10_000 * CARE);
	assert_ok!(ProviderRegistry::apply(
		RuntimeOrigin::signed(insurer.clone()),
		ProviderKind::Insurer,
		"Meridian Mutual".into(),
		*b"GB",
		[5; 32],
	));
	assert_ok!(ProviderRegistry::approve(RuntimeOrigin::root(), insurer.clone()));
	let terms = PlanTerms {
		filing_limit_days: 90,
		per_claim_cap: 1_000 * CARE,
		coverage_cap: 10_000 * CARE,
		prior_authorisation: ServiceSettings::from_flags([ServiceSetting::Inpatient]),
		prompt_pay_days: 30,
		appeal_window_days: 60,
	};
	assert_ok!(Claims::set_plan(RuntimeOrigin::signed(insurer.clone()), PLAN, terms));
	assert_ok!(Claims::fund_float(RuntimeOrigin::signed(insurer.clone()), 1_000 * CARE));
	assert_ok!(ProviderRegistry::add_staff(
		RuntimeOrigin::signed(Bob.to_account_id()),
		BILLER.to_account_id()
	));
	common::onboard_by_the_hospital(MEMBER, [4; 32]);
	let today = day_of(TEST_NOW);
	assert_ok!(Claims::register_coverage(
		RuntimeOrigin::signed(insurer),
		MEMBER.to_account_id(),
		PLAN,
		today - 30,
		today + 300,
		[9; 32],
	));
	0
}

/// A claim of 120 CARE for yesterday's outpatient visit at Bob's, of one record.
fn claim_terms() -> ClaimTerms<u128> {
	let service_date = day_of(TEST_NOW) - 1;
	let commitment = service_commitment(&Eve.to_account_id(), &[[3; 32]]);
	ClaimTerms {
		claim_use: ClaimUse::Claim,
		setting: ServiceSetting::Outpatient,
		service_date,
		amount: 120 * CARE,
		claim_hash: [8; 32],
		service_commitment: commitment,
		duplicate_key: duplicate_key(&Bob.to_account_id(), service_date, &commitment),
		prior_authorisation: None,
	}
}

#[test]
fn a_claim_is_submitted_by_staff_and_paid_from_the_float_in_the_same_extrinsic() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let coverage = start();
		assert_eq!(
			apply(MEMBER, claims(pallet_claims::Call::accept_coverage { coverage_id: coverage })),
			Ok(Ok(()))
		);
		assert_eq!(free(MEMBER), 0, "accepting a coverage is fee-free: the member holds nothing");
		assert!(Consent::check_access(
			&MEMBER.to_account_id(),
			&INSURER.to_account_id(),
			&DataCategory::Billing.into(),
			Action::Read,
			PurposeOfUse::Payment,
		)
		.is_permit());
		assert!(Claims::coverage_active(coverage, day_of(TEST_NOW)));

		let hospital_before = free(Bob);
		let submit = claims(pallet_claims::Call::submit_claim {
			coverage_id: coverage,
			terms: claim_terms(),
		});
		assert_eq!(apply(BILLER, submit.clone()), Ok(Ok(())));
		assert_eq!(free(BILLER), 0, "the biller paid nothing");
		let claim = Claims::claim(0).expect("the claim is stored");
		assert!(claim.deposit > 0);
		assert!(
			hospital_before - free(Bob) > claim.deposit,
			"the hospital paid the deposit and the fee"
		);
		// The same service again, by anyone, with any payer: refused.
		assert!(matches!(apply(Bob, submit), Ok(Err(_))));

		let hospital_before = free(Bob);
		let answer = claims(pallet_claims::Call::adjudicate {
			claim_id: 0,
			outcome: Outcome::Partial,
			payable: 80 * CARE,
			patient_share: 20 * CARE,
			adjustments: vec![
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
			.unwrap(),
		});
		assert_eq!(apply(INSURER, answer), Ok(Ok(())));
		assert_eq!(free(Bob), hospital_before + 80 * CARE, "paid in the same extrinsic");
		let eob = Claims::explanation_of_benefit(0).unwrap();
		assert_eq!((eob.billed, eob.paid, eob.patient_share), (120 * CARE, 80 * CARE, 20 * CARE));
		assert_eq!(Claims::float_of(&INSURER.to_account_id()), (920 * CARE, 0));
		Claims::do_try_state().expect("claims invariants hold");
	});
}

#[test]
fn the_council_pays_an_escalated_claim_and_erasure_closes_the_coverage() {
	new_test_ext(DEV_RUNTIME_PRESET).execute_with(|| {
		let coverage = start();
		assert_ok!(Claims::accept_coverage(
			RuntimeOrigin::signed(MEMBER.to_account_id()),
			coverage
		));
		assert_ok!(Claims::submit_claim(
			RuntimeOrigin::signed(Bob.to_account_id()),
			coverage,
			claim_terms()
		));
		pallet_timestamp::Now::<Runtime>::put(TEST_NOW + 31 * carechain_primitives::DAY_MS);
		assert_ok!(Claims::escalate(RuntimeOrigin::signed(BILLER.to_account_id()), 0));
		let before = free(Bob);
		let pay = RuntimeCall::Claims(pallet_claims::Call::pay_escalated {
			claim_id: 0,
			payable: 120 * CARE,
		});
		assert!(matches!(
			common::run_motion(pay, 2, &[Alice, Bob], &[]),
			pallet_collective::Event::Executed { result: Ok(()), .. }
		));
		assert_eq!(free(Bob), before + 120 * CARE);
		assert_eq!(Claims::claim(0).map(|claim| claim.status), Some(ClaimStatus::Adjudicated));

		assert_ok!(PatientIdentity::deregister(RuntimeOrigin::signed(MEMBER.to_account_id())));
		assert!(Claims::coverage(coverage).is_none());
		assert!(Claims::coverages_of(&MEMBER.to_account_id()).is_empty());
		assert!(Claims::claim(0).is_some(), "the claim names no member and stays");
		Claims::do_try_state().expect("claims invariants hold");
	});
}
