//! What the claims pallet's calls and hooks weigh: the trait the runtime implements with the
//! generated weights (`weights.rs`, written by `scripts/benchmark.sh`), and small fixed weights
//! for the pallet's own tests.

use frame_support::weights::Weight;

/// The weight of each call of the pallet.
pub trait WeightInfo {
	/// `set_plan`.
	fn set_plan() -> Weight;
	/// `register_coverage`.
	fn register_coverage() -> Weight;
	/// `accept_coverage`, excluding the consent pallet's grant.
	fn accept_coverage() -> Weight;
	/// `fund_float`.
	fn fund_float() -> Weight;
	/// `withdraw_float`.
	fn withdraw_float() -> Weight;
	/// `submit_claim` of a claim relying on a prior authorisation (its worst case), excluding the consent pallet's check.
	fn submit_claim() -> Weight;
	/// `adjudicate` paying from the float.
	fn adjudicate() -> Weight;
	/// `appeal`.
	fn appeal() -> Weight;
	/// `reverse`.
	fn reverse() -> Weight;
	/// `escalate`.
	fn escalate() -> Weight;
	/// `pay_escalated` paying from the float.
	fn pay_escalated() -> Weight;
	/// `dispute_claim`.
	fn dispute_claim() -> Weight;
	/// `review_dispute` upheld (repayment and slash).
	fn review_dispute() -> Weight;
	/// `void_claim` of a claim relying on a prior authorisation.
	fn void_claim() -> Weight;
	/// `close_claim`.
	fn close_claim() -> Weight;
	/// `close_coverage`, excluding the consent pallet's revocation.
	fn close_coverage() -> Weight;
	/// `decline_coverage`.
	fn decline_coverage() -> Weight;
	/// The fee-free pre-check of a member call (`precheck_feeless`), at its worst.
	fn precheck_feeless() -> Weight;
	/// Erasing a deregistered member's `c` coverages (consent revocations included).
	fn erase_member(c: u32) -> Weight;
}

/// Fixed weights for the pallet's own tests (not measurements; the runtime uses `weights.rs`).
impl WeightInfo for () {
	fn set_plan() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn register_coverage() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn accept_coverage() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn fund_float() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn withdraw_float() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn submit_claim() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn adjudicate() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn appeal() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn reverse() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn escalate() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn pay_escalated() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn dispute_claim() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn review_dispute() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn void_claim() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn close_claim() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn close_coverage() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn decline_coverage() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn precheck_feeless() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn erase_member(c: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(c.into()), 0)
	}
}
