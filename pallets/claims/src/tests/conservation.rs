//! A month of claims between two insurers, driven by a seeded generator, for seeds proptest
//! draws (and shrinks on failure): every call either succeeds or fails with nothing changed, and
//! after every day the money is all there (free balances plus holds equal what the accounts
//! started with; total issuance never changes: the mock charges no fees), the insurers' floats
//! are what was funded less what the events say was paid and not repaid (a model of the float),
//! and the pallets' invariants hold.

use carechain_primitives::claim::{Carc, ClaimStatus, ClaimUse, Outcome, ServiceSetting};
use frame_support::{
	assert_ok,
	traits::fungible::{Inspect, InspectHold},
};
use proptest::prelude::*;

use super::because;
use crate::mock::*;

/// A small linear congruential generator: the same month every run.
struct Dice(u64);
impl Dice {
	fn roll(&mut self, sides: u64) -> u64 {
		self.0 =
			self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
		(self.0 >> 33) % sides
	}
}

fn total_money() -> Balance {
	let mut accounts = accounts();
	accounts.push(POOR_HOSPITAL);
	accounts.iter().map(Balances::total_balance).sum()
}

/// What the floats should hold, from the events: funded, less paid, plus repaid.
fn float_model(funded: Balance) -> Balance {
	let mut held = funded;
	for record in System::events() {
		match record.event {
			RuntimeEvent::Claims(crate::Event::ClaimAdjudicated { paid_now, .. }) => {
				held -= paid_now
			},
			RuntimeEvent::Claims(crate::Event::ClaimReversed { repaid, .. })
			| RuntimeEvent::Claims(crate::Event::DisputeReviewed { repaid, .. }) => held += repaid,
			_ => {},
		}
	}
	held
}

fn floats() -> Balance {
	[INSURER, OTHER_INSURER]
		.iter()
		.map(|insurer| Balances::balance_on_hold(&crate::HoldReason::ClaimsFloat.into(), insurer))
		.sum()
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(8))]

	#[test]
	fn a_month_of_claims_conserves_every_token(seed in any::<u64>()) {
		a_month_of_claims(seed);
	}
}

fn a_month_of_claims(seed: u64) {
	build_and_execute(|| {
		let issuance = Balances::total_issuance();
		let money = total_money();
		let coverage = setup();
		let mut terms = plan_terms();
		terms.prompt_pay_days = 5;
		terms.appeal_window_days = 3;
		terms.filing_limit_days = 10;
		terms.coverage_cap = 1_000_000;
		assert_ok!(Claims::set_plan(RuntimeOrigin::signed(INSURER), PLAN, terms));
		assert_ok!(Claims::set_plan(RuntimeOrigin::signed(OTHER_INSURER), PLAN, terms));
		assert_ok!(Claims::fund_float(RuntimeOrigin::signed(OTHER_INSURER), FLOAT));
		let other = crate::NextCoverageId::<Test>::get();
		assert_ok!(Claims::register_coverage(
			RuntimeOrigin::signed(OTHER_INSURER),
			OTHER_MEMBER,
			PLAN,
			TODAY - 10,
			TODAY + 100,
			[2; 32]
		));
		assert_ok!(Claims::accept_coverage(RuntimeOrigin::signed(OTHER_MEMBER), other));
		let mut dice = Dice(seed);
		let funded = floats();
		let (mut submitted, mut settled, mut paid) = (0u32, 0u32, 0u32);
		let mut record_seed = 0u8;
		for _day in 0..31 {
			for _ in 0..4 {
				record_seed = record_seed.wrapping_add(1);
				let keys = record_keys(record_seed.wrapping_mul(3), 1);
				anchor(&keys);
				let draft = ClaimDraft {
					coverage: if dice.roll(2) == 0 { coverage } else { other },
					amount: 100 + 10 * dice.roll(90),
					keys,
					setting: ServiceSetting::Outpatient,
					..ClaimDraft::new(coverage)
				};
				if draft.submit(if dice.roll(2) == 0 { BILLER } else { HOSPITAL }).is_ok() {
					submitted += 1;
				}
			}
			let open: Vec<_> = crate::Claims::<Test>::iter().collect();
			for (id, claim) in open {
				let insurer_staff = if claim.insurer == INSURER { CLERK } else { OTHER_INSURER };
				let result = match (claim.status, dice.roll(8)) {
					(
						ClaimStatus::Submitted | ClaimStatus::Appealed | ClaimStatus::Escalated,
						0..=4,
					) => {
						let (outcome, payable, share, why) = match dice.roll(3) {
							0 => (Outcome::Approved, claim.amount - 20, 20, Default::default()),
							1 => {
								(Outcome::Partial, claim.amount / 2, 10, because(Carc::FeeSchedule))
							},
							_ => (Outcome::Denied, 0, 0, because(Carc::NonCovered)),
						};
						let payable = payable.max(claim.paid);
						let outcome = if payable > 0 && outcome == Outcome::Denied {
							Outcome::Partial
						} else {
							outcome
						};
						Claims::adjudicate(
							RuntimeOrigin::signed(insurer_staff),
							id,
							outcome,
							payable,
							share,
							why,
						)
					},
					(ClaimStatus::Submitted | ClaimStatus::Appealed, _) => {
						Claims::escalate(RuntimeOrigin::signed(BILLER), id)
					},
					(ClaimStatus::Escalated, _) => {
						Claims::pay_escalated(RuntimeOrigin::root(), id, claim.amount / 3)
					},
					(ClaimStatus::Adjudicated, 0) => {
						Claims::appeal(RuntimeOrigin::signed(BILLER), id)
					},
					(ClaimStatus::Adjudicated, 1) => {
						Claims::reverse(RuntimeOrigin::signed(insurer_staff), id)
					},
					(ClaimStatus::Adjudicated, 2) if !claim.disputed => {
						let member = if claim.coverage == coverage { MEMBER } else { OTHER_MEMBER };
						Claims::dispute_claim(RuntimeOrigin::signed(member), id)
					},
					(ClaimStatus::Adjudicated, 3) if claim.disputed => {
						Claims::review_dispute(RuntimeOrigin::root(), id, dice.roll(2) == 0)
					},
					_ => Claims::close_claim(RuntimeOrigin::signed(STRANGER), id),
				};
				if result.is_ok() {
					settled += 1;
				}
				if claim.claim_use == ClaimUse::Claim && claim.paid > 0 {
					paid += 1;
				}
			}
			pass_days(1);
			assert_eq!(Balances::total_issuance(), issuance, "issuance changed");
			assert_eq!(total_money(), money, "tokens appeared or vanished");
			assert_eq!(floats(), float_model(funded), "the floats differ from what was paid");
			crate::Pallet::<Test>::do_try_state().expect("claims invariants hold");
		}
		assert!(submitted > 60, "only {submitted} claims were submitted");
		assert!(settled > 60, "only {settled} answers, appeals and closings succeeded");
		assert!(paid > 20, "only {paid} claims were paid");
		assert!(floats() < funded, "something was paid");
	});
}
