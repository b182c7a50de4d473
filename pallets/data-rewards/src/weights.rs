//! Weights of the data-rewards calls.
//!
//! The storage reads and writes are those each call performs (counted from the code and checked
//! by the benchmarks in `benchmarking.rs`). The execution times are estimates for the reference
//! machine, pending a run of the benchmarks with a node built with `runtime-benchmarks`.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The weight of each call of the pallet.
pub trait WeightInfo {
	/// `create_study`.
	fn create_study() -> Weight;
	/// `enroll`, excluding the consent pallet's grant.
	fn enroll() -> Weight;
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

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// The caller's standing (2), holds and account; writes holds, account, study, next id,
	/// institute index.
	fn create_study() -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	/// The patient, the study, the enrolment, the patient's list; writes three of them.
	fn enroll() -> Weight {
		Weight::from_parts(30_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// The caller's standing (2), study, enrolment, payout account, holds and both accounts;
	/// writes holds, accounts, enrolment, study.
	fn confirm_contribution() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// The enrolment, the patient's list, the study; writes them.
	fn withdraw() -> Weight {
		Weight::from_parts(25_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// The study, holds and account; per enrolment its removal and the patient's list.
	fn close_study(p: u32) -> Weight {
		Weight::from_parts(60_000_000, 6_000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(Weight::from_parts(10_000_000, 3_000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(p.into()))
	}
	/// As `close_study`, plus a payment per enrolment (payout account, holds, accounts).
	fn settle_study(p: u32) -> Weight {
		Self::close_study(p)
			.saturating_add(Weight::from_parts(45_000_000, 3_000).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads_writes(4, 3).saturating_mul(p.into()))
	}
	/// The patient; writes the payout account.
	fn set_payout_account() -> Weight {
		Weight::from_parts(15_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// Per study: the enrolment, the consent revocation (2 reads, 1 write), the list, the study.
	fn withdraw_all(s: u32) -> Weight {
		Weight::from_parts(15_000_000, 3_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 2))
			.saturating_add(Weight::from_parts(40_000_000, 8_000).saturating_mul(s.into()))
			.saturating_add(T::DbWeight::get().reads_writes(5, 4).saturating_mul(s.into()))
	}
}

/// Unit weights, for tests.
impl WeightInfo for () {
	fn create_study() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn enroll() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn confirm_contribution() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn withdraw() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn close_study(p: u32) -> Weight {
		Weight::from_parts(1 + u64::from(p), 0)
	}
	fn settle_study(p: u32) -> Weight {
		Weight::from_parts(1 + 2 * u64::from(p), 0)
	}
	fn set_payout_account() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn withdraw_all(s: u32) -> Weight {
		Weight::from_parts(1 + u64::from(s), 0)
	}
}
