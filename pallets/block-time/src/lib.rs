//! # Block time
//!
//! Aura's slot duration (one block per slot) as a value of the chain's genesis rather than a
//! constant compiled into the runtime. A production chain keeps [`Config::DefaultSlotDuration`]
//! (6 s in CareChain); a dev or test chain built from the same runtime may choose a shorter one in
//! its chain spec (`blockTime.slotDurationMs`), so tests run on faster blocks without a second
//! runtime build.
//!
//! The value is written once, at genesis, and no call changes it: Aura derives the slot of every
//! block from it, so changing it on a running chain would put the next block in a slot that
//! Aura's import refuses. A runtime upgrade that adds this pallet to a running chain needs no
//! migration: the unset value reads as the default, the slot duration the chain always had.
//!
//! [`SlotDurationOf`] is what `pallet_aura::Config::SlotDuration` reads, and [`MinimumPeriodOf`]
//! (half a slot) what `pallet_timestamp::Config::MinimumPeriod` reads.

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

pub use pallet::*;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

// FRAME's pallet macros expand to `expect` on facts fixed at compile time (a pallet's name,
// its storage prefixes), spanned on this module; the pallet's own code uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Slot duration in milliseconds when the genesis sets none: the production block time.
		#[pallet::constant]
		type DefaultSlotDuration: Get<u64>;
		/// Shortest slot duration a genesis may choose, in milliseconds.
		#[pallet::constant]
		type MinSlotDuration: Get<u64>;
		/// Longest slot duration a genesis may choose, in milliseconds.
		#[pallet::constant]
		type MaxSlotDuration: Get<u64>;
	}

	/// The default slot duration, for a chain whose genesis set none.
	#[pallet::type_value]
	pub fn DefaultSlotDurationOf<T: Config>() -> u64 {
		T::DefaultSlotDuration::get()
	}

	/// Aura's slot duration in milliseconds, fixed at genesis.
	#[pallet::storage]
	pub type SlotDuration<T: Config> = StorageValue<_, u64, ValueQuery, DefaultSlotDurationOf<T>>;

	/// The chain's block time.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Slot duration in milliseconds; `None` (or absent from the JSON) keeps the default. A
		/// value outside `MinSlotDuration..=MaxSlotDuration` is refused with an error log and the
		/// default kept.
		pub slot_duration_ms: Option<u64>,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let Some(duration) = self.slot_duration_ms else { return };
			if Pallet::<T>::is_allowed(duration) {
				SlotDuration::<T>::put(duration);
			} else {
				log::error!(
					target: "runtime::block-time",
					"genesis slot duration {duration} ms is outside {}..={} ms; keeping {} ms",
					T::MinSlotDuration::get(),
					T::MaxSlotDuration::get(),
					T::DefaultSlotDuration::get(),
				);
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MinSlotDuration::get() <= T::DefaultSlotDuration::get()
					&& T::DefaultSlotDuration::get() <= T::MaxSlotDuration::get(),
				"DefaultSlotDuration must lie within MinSlotDuration..=MaxSlotDuration"
			);
			assert!(T::MinSlotDuration::get() >= 2, "a slot must last at least 2 ms");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether a genesis may choose `duration` (milliseconds).
		pub fn is_allowed(duration: u64) -> bool {
			(T::MinSlotDuration::get()..=T::MaxSlotDuration::get()).contains(&duration)
		}

		/// The slot duration in force lies within the allowed range.
		#[cfg(any(feature = "try-runtime", feature = "std", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			ensure!(
				Self::is_allowed(SlotDuration::<T>::get()),
				"slot duration outside MinSlotDuration..=MaxSlotDuration"
			);
			Ok(())
		}
	}
}

/// Aura's slot duration: `pallet_aura::Config::SlotDuration = SlotDurationOf<Runtime>`.
pub struct SlotDurationOf<T>(core::marker::PhantomData<T>);

impl<T: Config> frame_support::traits::Get<u64> for SlotDurationOf<T> {
	fn get() -> u64 {
		SlotDuration::<T>::get()
	}
}

/// The shortest time between two blocks' timestamps, half a slot:
/// `pallet_timestamp::Config::MinimumPeriod = MinimumPeriodOf<Runtime>`.
pub struct MinimumPeriodOf<T>(core::marker::PhantomData<T>);

impl<T: Config> frame_support::traits::Get<u64> for MinimumPeriodOf<T> {
	fn get() -> u64 {
		SlotDuration::<T>::get() / 2
	}
}
