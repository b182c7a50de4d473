//! What the provider registry pallet's calls and hooks weigh: the trait the runtime implements with the
//! generated weights (`weights.rs`, written by `scripts/benchmark.sh`), and small fixed weights
//! for the pallet's own tests.

use frame_support::weights::Weight;

/// The weight of each call of the pallet.
pub trait WeightInfo {
	/// `apply` with a name of `n` bytes.
	fn apply(n: u32) -> Weight;
	/// `approve`.
	fn approve() -> Weight;
	/// `reject` of a provider with `s` staff members.
	fn reject(s: u32) -> Weight;
	/// `suspend`.
	fn suspend() -> Weight;
	/// `reinstate`.
	fn reinstate() -> Weight;
	/// `update_license`.
	fn update_license() -> Weight;
	/// `add_staff`.
	fn add_staff() -> Weight;
	/// `remove_staff`.
	fn remove_staff() -> Weight;
	/// `retire` of a provider with `s` staff members.
	fn retire(s: u32) -> Weight;
	/// `set_encryption_key`, the first key of a provider (which holds a deposit).
	fn set_encryption_key() -> Weight;
	/// What the runtime's `ChargeStaffFeesToOrganisation` adds to a staff member's call: the
	/// staff link, the organisation, today's fees and counting the fee.
	fn charge_staff_fee() -> Weight;
}

/// Fixed weights for the pallet's own tests (not measurements; the runtime uses `weights.rs`).
impl WeightInfo for () {
	fn apply(_n: u32) -> Weight {
		Weight::from_parts(60_000_000, 3_700)
	}
	fn approve() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
	}
	fn reject(s: u32) -> Weight {
		Weight::from_parts(55_000_000, 3_700)
			.saturating_add(Weight::from_parts(12_000_000, 2_600).saturating_mul(s.into()))
	}
	fn suspend() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
	}
	fn reinstate() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
	}
	fn update_license() -> Weight {
		Weight::from_parts(18_000_000, 3_700)
	}
	fn add_staff() -> Weight {
		Weight::from_parts(55_000_000, 3_700)
	}
	fn remove_staff() -> Weight {
		Weight::from_parts(50_000_000, 3_700)
	}
	fn set_encryption_key() -> Weight {
		Weight::from_parts(40_000_000, 3_700)
	}
	fn charge_staff_fee() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn retire(s: u32) -> Weight {
		Weight::from_parts(55_000_000, 3_700)
			.saturating_add(Weight::from_parts(12_000_000, 2_600).saturating_mul(s.into()))
	}
}
