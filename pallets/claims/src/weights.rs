//! Placeholder until `scripts/benchmark.sh` generates this file: every call at the weight of
//! `()` scaled to a conservative 1 ms and 64 KiB of proof. Replaced by the generated file.

#![allow(unused_parens, unused_imports, missing_docs)]

use core::marker::PhantomData;
use frame_support::weights::Weight;

/// Weights of the claims pallet.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> crate::WeightInfo for SubstrateWeight<T> {
	fn set_plan() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn register_coverage() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn accept_coverage() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn fund_float() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn withdraw_float() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn submit_claim() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn adjudicate() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn appeal() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn reverse() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn escalate() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn pay_escalated() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn dispute_claim() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn review_dispute() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn void_claim() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn close_claim() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn close_coverage() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn precheck_feeless() -> Weight {
		Weight::from_parts(1_000_000_000, 65_536)
	}
	fn erase_member(c: u32) -> Weight {
		Weight::from_parts(1_000_000_000, 65_536).saturating_mul(c.max(1).into())
	}
}
