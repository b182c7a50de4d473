//! What the data rewards pallet's calls and hooks weigh: the trait the runtime implements with the
//! generated weights (`weights.rs`, written by `scripts/benchmark.sh`), and small fixed weights
//! for the pallet's own tests.

use frame_support::weights::Weight;

/// The weight of each call of the pallet.
pub trait WeightInfo {
	/// `create_study`.
	fn create_study() -> Weight;
	/// `create_study_sealed` (the tags stored beside the study).
	fn create_study_sealed() -> Weight;
	/// `enroll_sealed`, excluding the consent pallet's grant.
	fn enroll_sealed() -> Weight;
	/// `enroll`, excluding the consent pallet's grant.
	fn enroll() -> Weight;
	/// The fee-free pre-check of a patient call (`precheck_feeless`), at its worst.
	fn precheck_feeless() -> Weight;
	/// `confirm_contribution`.
	fn confirm_contribution() -> Weight;
	/// `withdraw`, excluding the consent pallet's revocation.
	fn withdraw() -> Weight;
	/// `close_study` of a study with `p` enrolments.
	fn close_study(p: u32) -> Weight;
	/// `settle_study` of a study with `p` enrolments, all unpaid.
	fn settle_study(p: u32) -> Weight;
	/// `set_payout_account`.
	fn set_payout_account() -> Weight;
	/// Withdrawing a deregistered patient from `s` studies (consent revocations included).
	fn withdraw_all(s: u32) -> Weight;
}

/// Fixed weights for the pallet's own tests (not measurements; the runtime uses `weights.rs`).
impl WeightInfo for () {
	fn create_study_sealed() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn enroll_sealed() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn create_study() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn enroll() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn precheck_feeless() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn confirm_contribution() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn withdraw() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn close_study(p: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(p.into()), 0)
	}
	fn settle_study(p: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(2u64.saturating_mul(p.into())), 0)
	}
	fn set_payout_account() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn withdraw_all(s: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(s.into()), 0)
	}
}
