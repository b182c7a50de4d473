//! # Upgrades
//!
//! Runtime upgrades decided by the consortium, without a sudo key (SPEC 4).
//!
//! [`authorize_upgrade`](Pallet::authorize_upgrade) records the hash of a new runtime in
//! `frame_system` (its `AuthorizedUpgrade`); `UpgradeOrigin` decides who may (in CareChain: at
//! least two thirds of the Council, or Root). Anyone then submits the code itself with
//! `system.applyAuthorizedUpgrade(code)`, which checks the hash and the new runtime's version
//! (same `spec_name`, higher `spec_version`) exactly as `set_code` does, and is free when it
//! succeeds.
//!
//! Why two steps rather than a motion dispatching `set_code`: a Council motion may only execute
//! a call lighter than the Council's `MaxProposalWeight` (half a block), while `set_code` weighs
//! a whole block. Authorizing a 32-byte hash is light, and the heavy step needs no authority
//! beyond the hash the Council approved. Members also vote on a hash they can reproduce from
//! the sources, rather than on megabytes of code inside a proposal.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]
// Runtime code never panics (tests may): no unwrap/expect, no indexing, no unchecked arithmetic.
#![cfg_attr(
	not(test),
	deny(
		clippy::unwrap_used,
		clippy::expect_used,
		clippy::indexing_slicing,
		clippy::arithmetic_side_effects,
		clippy::panic
	)
)]

/// The generated `weights.rs` names this crate by its package name, as runtime weight files do.
extern crate self as pallet_upgrades;

pub use pallet::*;
pub use weight_info::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weight_info;
pub mod weights;

// FRAME's pallet macros expand to `expect` on facts fixed at compile time (a pallet's name,
// its storage prefixes), spanned on this module; the pallet's own code uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	use crate::WeightInfo;

	/// The in-code storage version (the pallet stores nothing of its own).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who may authorize a new runtime.
		type UpgradeOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Authorize the runtime whose code hashes to `code_hash`; anyone may then apply it
		/// with `system.applyAuthorizedUpgrade`, which checks that its `spec_version` is higher.
		/// Replaces any earlier authorization. `frame_system` emits `UpgradeAuthorized`.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::authorize_upgrade())]
		pub fn authorize_upgrade(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::UpgradeOrigin::ensure_origin(origin)?;
			frame_system::Pallet::<T>::do_authorize_upgrade(code_hash, true);
			Ok(())
		}
	}
}
