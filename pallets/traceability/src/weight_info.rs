//! What the traceability pallet's calls weigh: the trait the runtime implements with the
//! generated weights (`weights.rs`, written by `scripts/benchmark.sh`), and small fixed weights
//! for the pallet's own tests.

use frame_support::weights::Weight;

/// The weight of each call of the pallet; `d` is the length of a pack's Merkle path, `c` the
/// number of cases on a pallet (0 for a case).
pub trait WeightInfo {
	/// `register_company_prefix`.
	fn register_company_prefix() -> Weight;
	/// `register_product`.
	fn register_product() -> Weight;
	/// `commission`.
	fn commission() -> Weight;
	/// `aggregate`.
	fn aggregate() -> Weight;
	/// `aggregate_cases` of `c` cases.
	fn aggregate_cases(c: u32) -> Weight;
	/// `disaggregate` of a container of `c` cases (0: a case).
	fn disaggregate(c: u32) -> Weight;
	/// `ship` of a container of `c` cases (0: a case), each of another batch.
	fn ship(c: u32) -> Weight;
	/// `receive` of a container of `c` cases (0: a case), each of another batch.
	fn receive(c: u32) -> Weight;
	/// `dispense` with a path of `d` hashes.
	fn dispense(d: u32) -> Weight;
	/// `undo_dispense`.
	fn undo_dispense() -> Weight;
	/// `flag_pack` with a path of `d` hashes.
	fn flag_pack(d: u32) -> Weight;
	/// `clear_pack`.
	fn clear_pack() -> Weight;
	/// `flag_suspect`.
	fn flag_suspect() -> Weight;
	/// `clear_suspect`.
	fn clear_suspect() -> Weight;
	/// `declare_illegitimate`.
	fn declare_illegitimate() -> Weight;
	/// `recall`.
	fn recall() -> Weight;
	/// A verification (`TraceabilityApi::verify`) with a path of `d` hashes: not a call, but
	/// what a pharmacy's check costs the node.
	fn verify_pack(d: u32) -> Weight;
}

/// Fixed weights for the pallet's own tests (not measurements; the runtime uses `weights.rs`).
impl WeightInfo for () {
	fn register_company_prefix() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn register_product() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn commission() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn aggregate() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn aggregate_cases(c: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(c.into()), 0)
	}
	fn disaggregate(c: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(c.into()), 0)
	}
	fn ship(c: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(c.into()), 0)
	}
	fn receive(c: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(c.into()), 0)
	}
	fn dispense(d: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(d.into()), 0)
	}
	fn undo_dispense() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn flag_pack(d: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(d.into()), 0)
	}
	fn clear_pack() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn flag_suspect() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn clear_suspect() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn declare_illegitimate() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn recall() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn verify_pack(d: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(d.into()), 0)
	}
}
