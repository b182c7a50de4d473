//! Weights of `pallet_data_rewards`: interim figures, replaced by the output of `scripts/benchmark.sh`.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_data_rewards::WeightInfo for SubstrateWeight<T> {
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
