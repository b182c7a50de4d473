//! # Drug traceability
//!
//! Serialised packs from manufacturer to pharmacy, verified and decommissioned at dispense
//! (US DSCSA, EU FMD, GS1 EPCIS 2.0). Every actor is a provider approved by the Council; staff
//! act for their organisation.
//!
//! - **Product directory.** The Council (`ApproveOrigin`) gives a `Manufacturer` its GS1
//!   company prefixes ([`register_company_prefix`](Pallet::register_company_prefix)); the
//!   manufacturer registers the GTINs allocated under them
//!   ([`register_product`](Pallet::register_product)).
//! - **Commissioning** ([`commission`](Pallet::commission)): a batch (GTIN, lot, expiry, number
//!   of packs) commits to its serials as a Merkle root over salted leaves ([`serials`]), so no
//!   storage item is written per pack and serial ranges stay private. A pack is proven by its
//!   leaf and path ([`PackRef`]).
//! - **Custody.** Packs are counted per holder and batch ([`Holdings`]); cases (packs of one
//!   batch) and pallets (cases) are containers named by their SSCC
//!   ([`aggregate`](Pallet::aggregate), [`aggregate_cases`](Pallet::aggregate_cases),
//!   [`disaggregate`](Pallet::disaggregate): EPCIS AggregationEvents). Only the custodian ships a
//!   container, to a named trading partner with the hash of the transaction information
//!   ([`ship`](Pallet::ship)); the partner [`receive`](Pallet::receive)s it.
//! - **Exceptions only in state**: per pack ([`PackExceptions`]: dispensed, quarantined,
//!   stolen, destroyed) and per batch ([`Batch::status`]: suspect, illegitimate, recalled).
//!   Everything else is derived.
//! - **Dispense** ([`dispense`](Pallet::dispense)): a pharmacy decommissions a pack it holds.
//!   Dispensing a pack that was dispensed already is the sign of a cloned serial: the call
//!   succeeds without dispensing, the batch becomes suspect and
//!   [`Event::DuplicateDispenseCaught`] tells the pharmacy not to hand the pack out (a failed
//!   call would undo the flag). [`undo_dispense`](Pallet::undo_dispense) within `UndoWindow`.
//!   Nothing about the patient goes on chain.
//! - **Verification** ([`Pallet::verify`], behind the runtime API): a pack's identifier and
//!   proof give a [`TraceVerdict`].

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

extern crate alloc;

/// The generated `weights.rs` names this crate by its package name, as runtime weight files do.
extern crate self as pallet_traceability;

pub use pallet::*;
pub use types::*;
pub use weight_info::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod serials;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weight_info;
pub mod weights;

use alloc::vec::Vec;
use carechain_primitives::{
	trace::{
		day_of, is_gs1_text, BatchKey, BatchStatus, CompanyPrefix, Day, Gs1Text, Gtin,
		PackException, PackId, PackProof, Sscc, TraceVerdict,
	},
	traits::ProviderRegistry,
	Hash32, Moment, ProviderKind,
};
use frame_support::{dispatch::DispatchResultWithPostInfo, pallet_prelude::*, traits::Time};
use frame_system::pallet_prelude::*;
use sp_core::H256;

/// A container as stored.
pub type ContainerOf<T> =
	Container<<T as frame_system::Config>::AccountId, <T as Config>::MaxCases>;
/// A container's contents as stored.
pub type ContentsOf<T> = Contents<<T as Config>::MaxCases>;

/// Where the pallet logs.
const LOG_TARGET: &str = "runtime::traceability";

/// Logs an entry of the genesis config that its call refused (and that is left out).
fn log_refusal<Entry: core::fmt::Debug>(kind: &str, entry: &Entry, result: DispatchResult) {
	if let Err(error) = result {
		log::error!(target: LOG_TARGET, "genesis {kind} {entry:?} left out: {error:?}");
	}
}

/// What the benchmarks need from the rest of the runtime.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An active provider of `kind`; `index` tells several apart.
	fn provider(kind: ProviderKind, index: u32) -> AccountId;
	/// Sets the wall-clock time (unix ms).
	fn set_time(now: Moment);
}

// FRAME's pallet macros expand to `expect` on facts fixed at compile time (a pallet's name,
// its storage prefixes), spanned on this module; the pallet's own code uses none.
#[allow(clippy::expect_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the pallet.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who is an active provider, of which kind, for which organisation.
		type Providers: ProviderRegistry<Self::AccountId>;

		/// Wall-clock time (unix ms).
		type Time: Time<Moment = Moment>;

		/// Who approves company prefixes, and may clear, recall or declare illegitimate any
		/// batch (the Council, or Root).
		type ApproveOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Most packs a batch may have; the deepest Merkle path follows from it.
		#[pallet::constant]
		type MaxPacksPerBatch: Get<u32>;

		/// Most cases on a pallet.
		#[pallet::constant]
		type MaxCases: Get<u32>;

		/// How long (ms) a pharmacy may undo a dispense.
		#[pallet::constant]
		type UndoWindow: Get<Moment>;

		/// Weights of the calls, from the benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The manufacturer each approved GS1 company prefix belongs to.
	#[pallet::storage]
	pub type CompanyPrefixes<T: Config> =
		StorageMap<_, Blake2_128Concat, CompanyPrefix, T::AccountId>;

	/// Registered products.
	#[pallet::storage]
	pub type Products<T: Config> = StorageMap<_, Blake2_128Concat, Gtin, Product<T::AccountId>>;

	/// Commissioned batches, by product and lot.
	#[pallet::storage]
	pub type Batches<T: Config> = StorageMap<_, Blake2_128Concat, BatchKey, Batch<T::AccountId>>;

	/// How many packs of each batch each organisation holds (rows that reach zero are removed).
	#[pallet::storage]
	pub type Holdings<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Blake2_128Concat,
		BatchKey,
		Holding,
		ValueQuery,
	>;

	/// The exceptions of single packs, by batch and leaf: the only per-pack state.
	#[pallet::storage]
	pub type PackExceptions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, BatchKey, Identity, H256, PackRecord<T::AccountId>>;

	/// Cases and pallets, by SSCC; removed when unpacked.
	#[pallet::storage]
	pub type Containers<T: Config> = StorageMap<_, Identity, Sscc, ContainerOf<T>>;

	/// A product directory and batches at genesis, for development and test chains. Each
	/// entry is made by the call a provider would sign (so it is checked as the call checks
	/// it) and is left out, loudly, if the call refuses it; the providers come from the
	/// provider registry's genesis.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// `(prefix, manufacturer)` of each approved company prefix.
		pub company_prefixes: Vec<(CompanyPrefix, T::AccountId)>,
		/// `(gtin, prefix)` of each product, registered by the prefix's manufacturer.
		pub products: Vec<(Gtin, CompanyPrefix)>,
		/// Batches commissioned by their product's manufacturer, each packed in one case.
		pub batches: Vec<GenesisBatch<T::AccountId>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (prefix, manufacturer) in &self.company_prefixes {
				let approved = Pallet::<T>::register_company_prefix(
					frame_system::RawOrigin::Root.into(),
					manufacturer.clone(),
					*prefix,
				);
				log_refusal("company prefix", prefix, approved);
			}
			for (gtin, prefix) in &self.products {
				let registered = match CompanyPrefixes::<T>::get(prefix) {
					Some(manufacturer) => Pallet::<T>::register_product(
						frame_system::RawOrigin::Signed(manufacturer).into(),
						*gtin,
						*prefix,
					),
					None => Err(Error::<T>::NotYourCompanyPrefix.into()),
				};
				log_refusal("product", gtin, registered);
			}
			for batch in &self.batches {
				// All of a batch or none of it: a refused step undoes the steps before it.
				let made = frame_support::storage::with_storage_layer(|| {
					Pallet::<T>::genesis_batch(batch)
				});
				log_refusal("batch", &(batch.gtin, &batch.lot), made);
			}
		}
	}

	/// Events of the pallet: each maps onto an EPCIS 2.0 event (see the README).
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A company prefix was approved for a manufacturer.
		CompanyPrefixRegistered {
			/// The prefix.
			prefix: CompanyPrefix,
			/// The manufacturer.
			manufacturer: T::AccountId,
		},
		/// A manufacturer registered a product.
		ProductRegistered {
			/// The product.
			gtin: Gtin,
			/// The manufacturer.
			manufacturer: T::AccountId,
		},
		/// A batch was commissioned (EPCIS ObjectEvent ADD, bizStep commissioning).
		Commissioned {
			/// The product.
			gtin: Gtin,
			/// The lot.
			lot: Gs1Text,
			/// The expiry date.
			expiry: Day,
			/// How many packs.
			packs: u32,
			/// The Merkle root over the packs' salted leaves.
			root: H256,
			/// The manufacturer.
			manufacturer: T::AccountId,
		},
		/// Packs were put in a case (EPCIS AggregationEvent ADD, bizStep packing).
		Aggregated {
			/// The case.
			sscc: Sscc,
			/// The product.
			gtin: Gtin,
			/// The lot.
			lot: Gs1Text,
			/// How many packs.
			packs: u32,
			/// Hash of the list of the packs' leaves.
			manifest: H256,
			/// The packer.
			by: T::AccountId,
		},
		/// Cases were put on a pallet (EPCIS AggregationEvent ADD).
		CasesAggregated {
			/// The pallet.
			sscc: Sscc,
			/// Its cases.
			cases: Vec<Sscc>,
			/// The packer.
			by: T::AccountId,
		},
		/// A container was unpacked (EPCIS AggregationEvent DELETE, bizStep unpacking).
		Disaggregated {
			/// The container.
			sscc: Sscc,
			/// Its custodian.
			by: T::AccountId,
		},
		/// A container was shipped (EPCIS ObjectEvent OBSERVE shipping, with a
		/// TransactionEvent's business transaction).
		Shipped {
			/// The container.
			sscc: Sscc,
			/// The sender.
			from: T::AccountId,
			/// The trading partner it is shipped to.
			to: T::AccountId,
			/// Hash of the transaction information.
			transaction_hash: Hash32,
		},
		/// A container was received (EPCIS ObjectEvent OBSERVE, bizStep receiving).
		Received {
			/// The container.
			sscc: Sscc,
			/// The receiver.
			by: T::AccountId,
		},
		/// A pack was dispensed (EPCIS ObjectEvent DELETE, bizStep dispensing).
		Dispensed {
			/// The product.
			gtin: Gtin,
			/// The lot.
			lot: Gs1Text,
			/// The pack's leaf.
			leaf: H256,
			/// The dispenser.
			by: T::AccountId,
		},
		/// A dispense was undone within the undo window.
		DispenseUndone {
			/// The product.
			gtin: Gtin,
			/// The lot.
			lot: Gs1Text,
			/// The pack's leaf.
			leaf: H256,
			/// The dispenser.
			by: T::AccountId,
		},
		/// A pack dispensed already was presented for dispense again: a cloned serial. It was
		/// not dispensed, and its batch is now suspect.
		DuplicateDispenseCaught {
			/// The product.
			gtin: Gtin,
			/// The lot.
			lot: Gs1Text,
			/// The pack's leaf.
			leaf: H256,
			/// The pharmacy that presented it.
			by: T::AccountId,
		},
		/// A pack was quarantined, reported stolen or destroyed.
		PackFlagged {
			/// The product.
			gtin: Gtin,
			/// The lot.
			lot: Gs1Text,
			/// The pack's leaf.
			leaf: H256,
			/// What happened.
			exception: PackException,
			/// Who flagged it.
			by: T::AccountId,
		},
		/// A pack's quarantine was lifted.
		PackCleared {
			/// The product.
			gtin: Gtin,
			/// The lot.
			lot: Gs1Text,
			/// The pack's leaf.
			leaf: H256,
		},
		/// A batch's status changed (suspect, cleared, illegitimate, recalled).
		BatchStatusChanged {
			/// The product.
			gtin: Gtin,
			/// The lot.
			lot: Gs1Text,
			/// The new status.
			status: BatchStatus,
			/// Hash of the notice (recall, illegitimate product notification), if any.
			notice: Option<Hash32>,
		},
	}

	/// Errors of the pallet.
	#[pallet::error]
	pub enum Error<T> {
		/// The caller is no active provider (nor staff of one).
		NotAProvider,
		/// Only an active manufacturer may do this.
		NotAManufacturer,
		/// Only an active pharmacy (or a hospital's pharmacy) may dispense.
		NotADispenser,
		/// A company prefix must be 4 to 12 digits.
		InvalidCompanyPrefix,
		/// The company prefix is approved already.
		CompanyPrefixTaken,
		/// The company prefix is not the caller's.
		NotYourCompanyPrefix,
		/// Not a 14-digit GTIN with a valid check digit.
		InvalidGtin,
		/// The GTIN was not allocated under the company prefix: another manufacturer's.
		GtinOutsidePrefix,
		/// The product is registered already.
		ProductExists,
		/// No such product.
		UnknownProduct,
		/// The product is another manufacturer's.
		NotYourProduct,
		/// A lot must be 1 to 20 characters of GS1's character set 82.
		InvalidLot,
		/// The expiry date has passed (or is today).
		ExpiryInPast,
		/// A batch has 1 to `MaxPacksPerBatch` packs.
		InvalidPackCount,
		/// The batch is commissioned already.
		BatchExists,
		/// No such batch.
		UnknownBatch,
		/// Not an 18-digit SSCC with a valid check digit.
		InvalidSscc,
		/// The SSCC names a container already.
		ContainerExists,
		/// No such container.
		UnknownContainer,
		/// The caller's organisation does not hold this.
		NotCustodian,
		/// The caller's organisation does not hold that many loose packs of the batch.
		NotEnoughPacks,
		/// A pallet needs at least one case.
		NoCases,
		/// A case is listed twice.
		DuplicateCase,
		/// Only cases go on a pallet.
		NotACase,
		/// The container is on a pallet: unpack the pallet first.
		OnAPallet,
		/// The container is in transit.
		InTransit,
		/// The container is not in transit to the caller's organisation.
		NotAddressee,
		/// Containers are shipped to an active provider other than the sender.
		InvalidTradingPartner,
		/// The Merkle path does not have the length the leaf's position needs.
		InvalidProofLength,
		/// The Merkle path does not lead to the batch's root.
		InvalidProof,
		/// The batch is recalled.
		BatchRecalled,
		/// The batch is declared illegitimate.
		BatchIllegitimate,
		/// The batch is suspect: quarantined until cleared.
		BatchSuspect,
		/// The pack is past its expiry date.
		Expired,
		/// The pack is quarantined, stolen or destroyed.
		PackUnavailable,
		/// The pack has not been dispensed (by the caller's organisation).
		NotDispensed,
		/// The undo window has passed.
		UndoWindowPassed,
		/// Only quarantine, theft and destruction are flagged; dispense through `dispense`.
		InvalidException,
		/// The pack is dispensed, stolen or destroyed already.
		PackHasException,
		/// The pack is not quarantined.
		NotQuarantined,
		/// The batch is not active.
		BatchNotActive,
		/// The batch is not suspect.
		NotSuspect,
		/// The batch is recalled or declared illegitimate already: that is final.
		BatchFinal,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxPacksPerBatch::get() > 0, "MaxPacksPerBatch must allow a pack");
			assert!(
				serials::max_path_length(T::MaxPacksPerBatch::get()) <= MAX_PATH,
				"MaxPacksPerBatch needs longer paths than a PackRef holds"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Approve GS1 company prefix `prefix` for `manufacturer`.
		///
		/// Origin: `ApproveOrigin`. Complexity: O(1).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_company_prefix())]
		pub fn register_company_prefix(
			origin: OriginFor<T>,
			manufacturer: T::AccountId,
			prefix: CompanyPrefix,
		) -> DispatchResult {
			T::ApproveOrigin::ensure_origin(origin)?;
			ensure!(prefix.is_valid(), Error::<T>::InvalidCompanyPrefix);
			ensure!(
				T::Providers::active_provider(&manufacturer)
					== Some((ProviderKind::Manufacturer, manufacturer.clone())),
				Error::<T>::NotAManufacturer
			);
			ensure!(!CompanyPrefixes::<T>::contains_key(prefix), Error::<T>::CompanyPrefixTaken);
			CompanyPrefixes::<T>::insert(prefix, &manufacturer);
			Self::deposit_event(Event::CompanyPrefixRegistered { prefix, manufacturer });
			Ok(())
		}

		/// Register product `gtin`, allocated under the manufacturer's company prefix `prefix`.
		///
		/// Origin: an active manufacturer or its staff. Complexity: O(1).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::register_product())]
		pub fn register_product(
			origin: OriginFor<T>,
			gtin: Gtin,
			prefix: CompanyPrefix,
		) -> DispatchResult {
			let manufacturer = Self::manufacturer(origin)?;
			ensure!(gtin.is_valid(), Error::<T>::InvalidGtin);
			ensure!(
				CompanyPrefixes::<T>::get(prefix).as_ref() == Some(&manufacturer),
				Error::<T>::NotYourCompanyPrefix
			);
			ensure!(gtin.has_prefix(prefix), Error::<T>::GtinOutsidePrefix);
			ensure!(!Products::<T>::contains_key(gtin), Error::<T>::ProductExists);
			Products::<T>::insert(gtin, Product { manufacturer: manufacturer.clone(), prefix });
			Self::deposit_event(Event::ProductRegistered { gtin, manufacturer });
			Ok(())
		}

		/// Commission a batch of `packs` packs of `gtin`, lot `lot`, expiring on `expiry`,
		/// whose salted leaves (in serial order) have the Merkle root `root`. The packs are the
		/// manufacturer's, loose.
		///
		/// Origin: the product's active manufacturer or its staff. Complexity: O(1).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::commission())]
		pub fn commission(
			origin: OriginFor<T>,
			gtin: Gtin,
			lot: Gs1Text,
			expiry: Day,
			packs: u32,
			root: H256,
		) -> DispatchResult {
			let manufacturer = Self::manufacturer(origin)?;
			let product = Products::<T>::get(gtin).ok_or(Error::<T>::UnknownProduct)?;
			ensure!(product.manufacturer == manufacturer, Error::<T>::NotYourProduct);
			ensure!(is_gs1_text(&lot), Error::<T>::InvalidLot);
			ensure!(expiry > Self::today(), Error::<T>::ExpiryInPast);
			ensure!(packs > 0 && packs <= T::MaxPacksPerBatch::get(), Error::<T>::InvalidPackCount);
			let key = (gtin, lot.clone());
			ensure!(!Batches::<T>::contains_key(&key), Error::<T>::BatchExists);
			Batches::<T>::insert(
				&key,
				Batch {
					manufacturer: manufacturer.clone(),
					expiry,
					packs,
					root,
					status: BatchStatus::Active,
					notice: None,
				},
			);
			Holdings::<T>::insert(&manufacturer, &key, Holding { loose: packs, packed: 0 });
			Self::deposit_event(Event::Commissioned {
				gtin,
				lot,
				expiry,
				packs,
				root,
				manufacturer,
			});
			Ok(())
		}

		/// Put `packs` loose packs of batch (`gtin`, `lot`) in case `sscc`; `manifest` is the
		/// hash of the list of their leaves, which the packer keeps.
		///
		/// Origin: an active provider holding the packs, or its staff. Complexity: O(1).
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::aggregate())]
		pub fn aggregate(
			origin: OriginFor<T>,
			sscc: Sscc,
			gtin: Gtin,
			lot: Gs1Text,
			packs: u32,
			manifest: H256,
		) -> DispatchResult {
			let (_, by) = Self::provider(origin)?;
			Self::ensure_new_container(sscc)?;
			let key = (gtin, lot.clone());
			ensure!(Batches::<T>::contains_key(&key), Error::<T>::UnknownBatch);
			let mut holding = Holdings::<T>::get(&by, &key);
			ensure!(packs > 0 && holding.loose >= packs, Error::<T>::NotEnoughPacks);
			holding.loose = holding.loose.saturating_sub(packs);
			holding.packed = holding.packed.saturating_add(packs);
			Holdings::<T>::insert(&by, &key, holding);
			Containers::<T>::insert(
				sscc,
				Container {
					custodian: by.clone(),
					contents: Contents::Packs { gtin, lot: lot.clone(), packs, manifest },
					parent: None,
					shipment: None,
				},
			);
			Self::deposit_event(Event::Aggregated { sscc, gtin, lot, packs, manifest, by });
			Ok(())
		}

		/// Put cases `cases` (held, not in transit, on no pallet) on pallet `sscc`.
		///
		/// Origin: an active provider holding the cases, or its staff. Complexity: O(C) in the
		/// cases.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::aggregate_cases(cases.len() as u32))]
		pub fn aggregate_cases(
			origin: OriginFor<T>,
			sscc: Sscc,
			cases: BoundedVec<Sscc, T::MaxCases>,
		) -> DispatchResult {
			let (_, by) = Self::provider(origin)?;
			Self::ensure_new_container(sscc)?;
			ensure!(!cases.is_empty(), Error::<T>::NoCases);
			let mut seen = cases.to_vec();
			seen.sort_unstable();
			seen.dedup();
			ensure!(seen.len() == cases.len(), Error::<T>::DuplicateCase);
			let mut children = Vec::with_capacity(cases.len());
			for case in cases.iter() {
				let container = Self::movable(*case, &by)?;
				ensure!(matches!(container.contents, Contents::Packs { .. }), Error::<T>::NotACase);
				children.push((*case, container));
			}
			for (case, mut container) in children {
				container.parent = Some(sscc);
				Containers::<T>::insert(case, container);
			}
			Containers::<T>::insert(
				sscc,
				Container {
					custodian: by.clone(),
					contents: Contents::Cases(cases.clone()),
					parent: None,
					shipment: None,
				},
			);
			Self::deposit_event(Event::CasesAggregated { sscc, cases: cases.into_inner(), by });
			Ok(())
		}

		/// Unpack container `sscc`: a case's packs become loose, a pallet's cases stand alone.
		/// The container is removed.
		///
		/// Origin: the container's custodian (an active provider) or its staff. Complexity:
		/// O(C) in the pallet's cases.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::disaggregate(T::MaxCases::get()))]
		pub fn disaggregate(origin: OriginFor<T>, sscc: Sscc) -> DispatchResultWithPostInfo {
			let (_, by) = Self::provider(origin)?;
			let container = Self::movable(sscc, &by)?;
			let cases = match container.contents {
				Contents::Packs { gtin, lot, packs, .. } => {
					let key = (gtin, lot);
					Holdings::<T>::mutate(&by, &key, |holding| {
						holding.packed = holding.packed.saturating_sub(packs);
						holding.loose = holding.loose.saturating_add(packs);
					});
					0
				},
				Contents::Cases(cases) => {
					for case in cases.iter() {
						Containers::<T>::mutate(case, |child| {
							if let Some(child) = child {
								child.parent = None;
							}
						});
					}
					cases.len() as u32
				},
			};
			Containers::<T>::remove(sscc);
			Self::deposit_event(Event::Disaggregated { sscc, by });
			Ok(Some(T::WeightInfo::disaggregate(cases)).into())
		}

		/// Ship container `sscc` to trading partner `to`; `transaction_hash` is the hash of the
		/// transaction information sent with it. Until `to` receives it, nobody holds it.
		///
		/// Origin: the container's custodian (an active provider) or its staff. Complexity:
		/// O(C) in the pallet's cases.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::ship(T::MaxCases::get()))]
		pub fn ship(
			origin: OriginFor<T>,
			sscc: Sscc,
			to: T::AccountId,
			transaction_hash: Hash32,
		) -> DispatchResultWithPostInfo {
			let (_, from) = Self::provider(origin)?;
			let mut container = Self::movable(sscc, &from)?;
			ensure!(
				to != from
					&& T::Providers::active_provider(&to)
						.is_some_and(|(_, organisation)| organisation == to),
				Error::<T>::InvalidTradingPartner
			);
			let cases = Self::move_holdings(&container.contents, &from, false);
			container.shipment = Some(Shipment { to: to.clone(), transaction_hash });
			Containers::<T>::insert(sscc, container);
			Self::deposit_event(Event::Shipped { sscc, from, to, transaction_hash });
			Ok(Some(T::WeightInfo::ship(cases)).into())
		}

		/// Receive container `sscc`, in transit to the caller's organisation, which becomes its
		/// custodian (and of the cases on it).
		///
		/// Origin: the addressee (an active provider) or its staff. Complexity: O(C) in the
		/// pallet's cases.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::receive(T::MaxCases::get()))]
		pub fn receive(origin: OriginFor<T>, sscc: Sscc) -> DispatchResultWithPostInfo {
			let (_, by) = Self::provider(origin)?;
			let mut container = Containers::<T>::get(sscc).ok_or(Error::<T>::UnknownContainer)?;
			ensure!(
				container.shipment.as_ref().is_some_and(|shipment| shipment.to == by),
				Error::<T>::NotAddressee
			);
			let cases = Self::move_holdings(&container.contents, &by, true);
			if let Contents::Cases(children) = &container.contents {
				for case in children.iter() {
					Containers::<T>::mutate(case, |child| {
						if let Some(child) = child {
							child.custodian = by.clone();
						}
					});
				}
			}
			container.shipment = None;
			container.custodian = by.clone();
			Containers::<T>::insert(sscc, container);
			Self::deposit_event(Event::Received { sscc, by });
			Ok(Some(T::WeightInfo::receive(cases)).into())
		}

		/// Dispense (decommission) a loose pack the caller's organisation holds. A pack that was
		/// dispensed already is not dispensed again: the call succeeds with
		/// [`Event::DuplicateDispenseCaught`] and the batch becomes suspect.
		///
		/// Origin: an active pharmacy or hospital, or its staff. Complexity: O(D) in the path.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::dispense(Pallet::<T>::deepest_path()))]
		pub fn dispense(origin: OriginFor<T>, pack: PackRef) -> DispatchResultWithPostInfo {
			let (kind, by) = Self::provider(origin)?;
			ensure!(
				matches!(kind, ProviderKind::Pharmacy | ProviderKind::Hospital),
				Error::<T>::NotADispenser
			);
			let key = (pack.gtin, pack.lot.clone());
			let mut batch = Self::proven_batch(&key, &pack)?;
			match batch.status {
				BatchStatus::Recalled => return Err(Error::<T>::BatchRecalled.into()),
				BatchStatus::Illegitimate => return Err(Error::<T>::BatchIllegitimate.into()),
				BatchStatus::Suspect => return Err(Error::<T>::BatchSuspect.into()),
				BatchStatus::Active => {},
			}
			ensure!(Self::today() <= batch.expiry, Error::<T>::Expired);
			let mut holding = Holdings::<T>::get(&by, &key);
			ensure!(holding.loose > 0, Error::<T>::NotCustodian);
			let weight = Some(T::WeightInfo::dispense(pack.path.len() as u32)).into();
			match PackExceptions::<T>::get(&key, pack.leaf) {
				Some(record) if record.exception == PackException::Dispensed => {
					batch.status = BatchStatus::Suspect;
					Batches::<T>::insert(&key, batch);
					Self::deposit_event(Event::DuplicateDispenseCaught {
						gtin: pack.gtin,
						lot: pack.lot.clone(),
						leaf: pack.leaf,
						by,
					});
					Self::deposit_event(Event::BatchStatusChanged {
						gtin: pack.gtin,
						lot: pack.lot,
						status: BatchStatus::Suspect,
						notice: None,
					});
					return Ok(weight);
				},
				Some(_) => return Err(Error::<T>::PackUnavailable.into()),
				None => {},
			}
			holding.loose = holding.loose.saturating_sub(1);
			Self::store_holding(&by, &key, holding);
			PackExceptions::<T>::insert(
				&key,
				pack.leaf,
				PackRecord { exception: PackException::Dispensed, by: by.clone(), at: Self::now() },
			);
			Self::deposit_event(Event::Dispensed {
				gtin: pack.gtin,
				lot: pack.lot,
				leaf: pack.leaf,
				by,
			});
			Ok(weight)
		}

		/// Undo a dispense of the caller's organisation within `UndoWindow` (the pack was not
		/// handed out): the pack is loose in its holdings again.
		///
		/// Origin: the dispensing organisation or its staff. Complexity: O(1).
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::undo_dispense())]
		pub fn undo_dispense(
			origin: OriginFor<T>,
			gtin: Gtin,
			lot: Gs1Text,
			leaf: H256,
		) -> DispatchResult {
			let (_, by) = Self::provider(origin)?;
			let key = (gtin, lot.clone());
			let record = PackExceptions::<T>::get(&key, leaf)
				.filter(|record| record.exception == PackException::Dispensed && record.by == by)
				.ok_or(Error::<T>::NotDispensed)?;
			ensure!(
				Self::now() <= record.at.saturating_add(T::UndoWindow::get()),
				Error::<T>::UndoWindowPassed
			);
			PackExceptions::<T>::remove(&key, leaf);
			Holdings::<T>::mutate(&by, &key, |holding| {
				holding.loose = holding.loose.saturating_add(1)
			});
			Self::deposit_event(Event::DispenseUndone { gtin, lot, leaf, by });
			Ok(())
		}

		/// Flag a pack quarantined, stolen or destroyed (a quarantined pack may then be
		/// reported stolen or destroyed).
		///
		/// Origin: an active provider holding packs of the batch, its manufacturer, or their
		/// staff. Complexity: O(D) in the path.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::flag_pack(Pallet::<T>::deepest_path()))]
		pub fn flag_pack(
			origin: OriginFor<T>,
			pack: PackRef,
			exception: PackException,
		) -> DispatchResultWithPostInfo {
			let (_, by) = Self::provider(origin)?;
			ensure!(exception != PackException::Dispensed, Error::<T>::InvalidException);
			let key = (pack.gtin, pack.lot.clone());
			let batch = Self::proven_batch(&key, &pack)?;
			Self::ensure_partner(&by, &key, &batch)?;
			let current = PackExceptions::<T>::get(&key, pack.leaf).map(|record| record.exception);
			ensure!(
				current.is_none()
					|| (current == Some(PackException::Quarantined)
						&& exception != PackException::Quarantined),
				Error::<T>::PackHasException
			);
			PackExceptions::<T>::insert(
				&key,
				pack.leaf,
				PackRecord { exception, by: by.clone(), at: Self::now() },
			);
			Self::deposit_event(Event::PackFlagged {
				gtin: pack.gtin,
				lot: pack.lot,
				leaf: pack.leaf,
				exception,
				by,
			});
			Ok(Some(T::WeightInfo::flag_pack(pack.path.len() as u32)).into())
		}

		/// Lift a pack's quarantine.
		///
		/// Origin: the organisation that quarantined it, the batch's manufacturer, or their
		/// staff. Complexity: O(1).
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::clear_pack())]
		pub fn clear_pack(
			origin: OriginFor<T>,
			gtin: Gtin,
			lot: Gs1Text,
			leaf: H256,
		) -> DispatchResult {
			let (_, by) = Self::provider(origin)?;
			let key = (gtin, lot.clone());
			let batch = Batches::<T>::get(&key).ok_or(Error::<T>::UnknownBatch)?;
			let record = PackExceptions::<T>::get(&key, leaf)
				.filter(|record| record.exception == PackException::Quarantined)
				.ok_or(Error::<T>::NotQuarantined)?;
			ensure!(record.by == by || batch.manufacturer == by, Error::<T>::NotCustodian);
			PackExceptions::<T>::remove(&key, leaf);
			Self::deposit_event(Event::PackCleared { gtin, lot, leaf });
			Ok(())
		}

		/// Flag an active batch suspect (DSCSA suspect product): it is quarantined everywhere
		/// until cleared.
		///
		/// Origin: an active provider holding packs of the batch, its manufacturer, or their
		/// staff. Complexity: O(1).
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::flag_suspect())]
		pub fn flag_suspect(origin: OriginFor<T>, gtin: Gtin, lot: Gs1Text) -> DispatchResult {
			let (_, by) = Self::provider(origin)?;
			let key = (gtin, lot);
			let batch = Batches::<T>::get(&key).ok_or(Error::<T>::UnknownBatch)?;
			Self::ensure_partner(&by, &key, &batch)?;
			ensure!(batch.status == BatchStatus::Active, Error::<T>::BatchNotActive);
			Self::set_status(key, batch, BatchStatus::Suspect, None);
			Ok(())
		}

		/// Clear a suspect batch after investigation: it is active again.
		///
		/// Origin: the batch's manufacturer (or its staff), or `ApproveOrigin`. Complexity: O(1).
		#[pallet::call_index(13)]
		#[pallet::weight(T::WeightInfo::clear_suspect())]
		pub fn clear_suspect(origin: OriginFor<T>, gtin: Gtin, lot: Gs1Text) -> DispatchResult {
			let (key, batch) = Self::batch_for_authority(origin, gtin, lot)?;
			ensure!(batch.status == BatchStatus::Suspect, Error::<T>::NotSuspect);
			Self::set_status(key, batch, BatchStatus::Active, None);
			Ok(())
		}

		/// Declare a batch illegitimate; `notice_hash` is the hash of the notification sent to
		/// the regulator (e.g. FDA Form 3911). Final.
		///
		/// Origin: the batch's manufacturer (or its staff), or `ApproveOrigin`. Complexity: O(1).
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::declare_illegitimate())]
		pub fn declare_illegitimate(
			origin: OriginFor<T>,
			gtin: Gtin,
			lot: Gs1Text,
			notice_hash: Hash32,
		) -> DispatchResult {
			let (key, batch) = Self::batch_for_authority(origin, gtin, lot)?;
			Self::ensure_not_final(&batch)?;
			Self::set_status(key, batch, BatchStatus::Illegitimate, Some(notice_hash));
			Ok(())
		}

		/// Recall a batch; `notice_hash` is the hash of the recall notice. Final.
		///
		/// Origin: the batch's manufacturer (or its staff), or `ApproveOrigin`. Complexity: O(1).
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::recall())]
		pub fn recall(
			origin: OriginFor<T>,
			gtin: Gtin,
			lot: Gs1Text,
			notice_hash: Hash32,
		) -> DispatchResult {
			let (key, batch) = Self::batch_for_authority(origin, gtin, lot)?;
			Self::ensure_not_final(&batch)?;
			Self::set_status(key, batch, BatchStatus::Recalled, Some(notice_hash));
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// What a pack with identifier `id` and proof `proof` verifies as; `verifier`, if given,
	/// must hold packs of its batch. The runtime API's answer.
	pub fn verify<Path: AsRef<[H256]>>(
		id: &PackId,
		proof: &PackProof<Path>,
		verifier: Option<&T::AccountId>,
	) -> TraceVerdict {
		let leaf = serials::pack_leaf(&proof.salt, id.gtin, &id.lot, &id.serial, id.expiry);
		let key = (id.gtin, id.lot.clone());
		let Some(batch) = Batches::<T>::get(&key) else { return TraceVerdict::Unknown };
		if batch.expiry != id.expiry
			|| !serials::leads_to_root(
				&batch.root,
				batch.packs,
				proof.index,
				leaf,
				proof.path.as_ref(),
			) {
			return TraceVerdict::Unknown;
		}
		match batch.status {
			BatchStatus::Recalled => return TraceVerdict::Recalled,
			BatchStatus::Illegitimate => return TraceVerdict::Illegitimate,
			BatchStatus::Suspect | BatchStatus::Active => {},
		}
		match PackExceptions::<T>::get(&key, leaf).map(|record| record.exception) {
			Some(PackException::Dispensed) => return TraceVerdict::AlreadyDispensed,
			Some(PackException::Quarantined) => return TraceVerdict::Quarantined,
			Some(PackException::Stolen) => return TraceVerdict::Stolen,
			Some(PackException::Destroyed) => return TraceVerdict::Destroyed,
			None => {},
		}
		if batch.status == BatchStatus::Suspect {
			return TraceVerdict::Suspect;
		}
		if Self::today() > batch.expiry {
			return TraceVerdict::Expired;
		}
		if let Some(verifier) = verifier {
			let holds = T::Providers::active_provider(verifier).is_some_and(|(_, organisation)| {
				!Holdings::<T>::get(organisation, &key).is_empty()
			});
			if !holds {
				return TraceVerdict::NotCustodian;
			}
		}
		TraceVerdict::Verified
	}

	/// Commissions, packs and (if asked) ships a batch of the genesis config, by the calls its
	/// manufacturer would sign.
	fn genesis_batch(batch: &GenesisBatch<T::AccountId>) -> DispatchResult {
		let product = Products::<T>::get(batch.gtin).ok_or(Error::<T>::UnknownProduct)?;
		let signed = || -> OriginFor<T> {
			frame_system::RawOrigin::Signed(product.manufacturer.clone()).into()
		};
		let (gtin, lot) = (batch.gtin, batch.lot.clone());
		Self::commission(
			signed(),
			gtin,
			lot.clone(),
			batch.expiry,
			batch.packs,
			batch.root.into(),
		)?;
		Self::aggregate(signed(), batch.case, gtin, lot, batch.packs, batch.manifest.into())?;
		if let Some((to, transaction_hash)) = &batch.shipped_to {
			Self::ship(signed(), batch.case, to.clone(), *transaction_hash)
				.map_err(|error| error.error)?;
		}
		Ok(())
	}

	/// The longest Merkle path a batch can need: what pack calls are charged before the
	/// refund to the path given.
	pub fn deepest_path() -> u32 {
		serials::max_path_length(T::MaxPacksPerBatch::get())
	}

	/// The time now (unix ms).
	fn now() -> Moment {
		T::Time::now()
	}

	/// Today.
	fn today() -> Day {
		day_of(Self::now())
	}

	/// The kind and organisation of the signer, an active provider or its staff.
	fn provider(origin: OriginFor<T>) -> Result<(ProviderKind, T::AccountId), DispatchError> {
		let who = ensure_signed(origin)?;
		T::Providers::active_provider(&who).ok_or_else(|| Error::<T>::NotAProvider.into())
	}

	/// The organisation of the signer, an active manufacturer or its staff.
	fn manufacturer(origin: OriginFor<T>) -> Result<T::AccountId, DispatchError> {
		match Self::provider(origin) {
			Ok((ProviderKind::Manufacturer, organisation)) => Ok(organisation),
			_ => Err(Error::<T>::NotAManufacturer.into()),
		}
	}

	/// Fails unless `sscc` is valid and names no container.
	fn ensure_new_container(sscc: Sscc) -> DispatchResult {
		ensure!(sscc.is_valid(), Error::<T>::InvalidSscc);
		ensure!(!Containers::<T>::contains_key(sscc), Error::<T>::ContainerExists);
		Ok(())
	}

	/// Container `sscc`, if `by` holds it and may move it: not in transit, on no pallet.
	fn movable(sscc: Sscc, by: &T::AccountId) -> Result<ContainerOf<T>, DispatchError> {
		let container = Containers::<T>::get(sscc).ok_or(Error::<T>::UnknownContainer)?;
		ensure!(&container.custodian == by, Error::<T>::NotCustodian);
		ensure!(container.shipment.is_none(), Error::<T>::InTransit);
		ensure!(container.parent.is_none(), Error::<T>::OnAPallet);
		Ok(container)
	}

	/// Adds (`arriving`) or removes the packs of `contents` to or from `holder`'s packed
	/// holdings; returns the number of cases visited (0 for a case).
	fn move_holdings(contents: &ContentsOf<T>, holder: &T::AccountId, arriving: bool) -> u32 {
		let apply = |gtin: Gtin, lot: &Gs1Text, packs: u32| {
			let key = (gtin, lot.clone());
			let mut holding = Holdings::<T>::get(holder, &key);
			holding.packed = if arriving {
				holding.packed.saturating_add(packs)
			} else {
				holding.packed.saturating_sub(packs)
			};
			Self::store_holding(holder, &key, holding);
		};
		match contents {
			Contents::Packs { gtin, lot, packs, .. } => {
				apply(*gtin, lot, *packs);
				0
			},
			Contents::Cases(cases) => {
				for case in cases.iter() {
					if let Some(Container {
						contents: Contents::Packs { gtin, lot, packs, .. },
						..
					}) = Containers::<T>::get(case)
					{
						apply(gtin, &lot, packs);
					}
				}
				cases.len() as u32
			},
		}
	}

	/// Writes `holding`, or removes the row once it holds nothing.
	fn store_holding(holder: &T::AccountId, key: &BatchKey, holding: Holding) {
		if holding.is_empty() {
			Holdings::<T>::remove(holder, key);
		} else {
			Holdings::<T>::insert(holder, key, holding);
		}
	}

	/// The batch of `pack`, if its path has the right length and leads to the batch's root.
	fn proven_batch(key: &BatchKey, pack: &PackRef) -> Result<Batch<T::AccountId>, DispatchError> {
		let batch = Batches::<T>::get(key).ok_or(Error::<T>::UnknownBatch)?;
		let expected = serials::path_length(pack.index, batch.packs);
		ensure!(expected == Some(pack.path.len() as u32), Error::<T>::InvalidProofLength);
		ensure!(
			serials::leads_to_root(&batch.root, batch.packs, pack.index, pack.leaf, &pack.path),
			Error::<T>::InvalidProof
		);
		Ok(batch)
	}

	/// Fails unless `by` holds packs of the batch or is its manufacturer.
	fn ensure_partner(
		by: &T::AccountId,
		key: &BatchKey,
		batch: &Batch<T::AccountId>,
	) -> DispatchResult {
		ensure!(
			&batch.manufacturer == by || !Holdings::<T>::get(by, key).is_empty(),
			Error::<T>::NotCustodian
		);
		Ok(())
	}

	/// Batch (`gtin`, `lot`), if the origin is `ApproveOrigin` or its manufacturer (or staff).
	fn batch_for_authority(
		origin: OriginFor<T>,
		gtin: Gtin,
		lot: Gs1Text,
	) -> Result<(BatchKey, Batch<T::AccountId>), DispatchError> {
		let key = (gtin, lot);
		let approved = T::ApproveOrigin::try_origin(origin.clone()).is_ok();
		let manufacturer = if approved { None } else { Some(Self::manufacturer(origin)?) };
		let batch = Batches::<T>::get(&key).ok_or(Error::<T>::UnknownBatch)?;
		if let Some(manufacturer) = manufacturer {
			ensure!(batch.manufacturer == manufacturer, Error::<T>::NotYourProduct);
		}
		Ok((key, batch))
	}

	/// Fails if the batch is recalled or illegitimate.
	fn ensure_not_final(batch: &Batch<T::AccountId>) -> DispatchResult {
		ensure!(
			matches!(batch.status, BatchStatus::Active | BatchStatus::Suspect),
			Error::<T>::BatchFinal
		);
		Ok(())
	}

	/// Stores the batch with its new status (and notice) and says so.
	fn set_status(
		key: BatchKey,
		mut batch: Batch<T::AccountId>,
		status: BatchStatus,
		notice: Option<Hash32>,
	) {
		batch.status = status;
		if notice.is_some() {
			batch.notice = notice;
		}
		Batches::<T>::insert(&key, batch);
		let (gtin, lot) = key;
		Self::deposit_event(Event::BatchStatusChanged { gtin, lot, status, notice });
	}

	/// Checks the pallet's invariants: every container's links agree; for every batch, the
	/// packs held loose, packed, in transit and dispensed add up to its packs.
	#[cfg(any(feature = "try-runtime", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::btree_map::BTreeMap;
		fn add<K: Ord>(map: &mut BTreeMap<K, u64>, key: K, packs: u32) {
			let total = map.entry(key).or_default();
			*total = total.saturating_add(packs.into());
		}
		let mut counted: BTreeMap<BatchKey, u64> = BTreeMap::new();
		let mut packed: BTreeMap<(T::AccountId, BatchKey), u64> = BTreeMap::new();
		for (holder, key, holding) in Holdings::<T>::iter() {
			ensure!(!holding.is_empty(), "an empty holding is stored");
			ensure!(Batches::<T>::contains_key(&key), "a holding of an unknown batch");
			add(&mut counted, key.clone(), holding.loose);
			add(&mut counted, key.clone(), holding.packed);
			packed.insert((holder, key), 0);
		}
		let mut in_containers: BTreeMap<(T::AccountId, BatchKey), u64> = BTreeMap::new();
		for (sscc, container) in Containers::<T>::iter() {
			match &container.contents {
				Contents::Packs { gtin, lot, packs, .. } => {
					let key = (*gtin, lot.clone());
					ensure!(Batches::<T>::contains_key(&key), "a case of an unknown batch");
					let in_transit = match container.parent {
						Some(parent) => Containers::<T>::get(parent)
							.ok_or("a case on a missing pallet")?
							.shipment
							.is_some(),
						None => container.shipment.is_some(),
					};
					if in_transit {
						add(&mut counted, key, *packs);
					} else {
						add(&mut in_containers, (container.custodian.clone(), key), *packs);
					}
				},
				Contents::Cases(cases) => {
					ensure!(container.parent.is_none(), "a pallet on a pallet");
					for case in cases.iter() {
						let child =
							Containers::<T>::get(case).ok_or("a pallet lists a missing case")?;
						ensure!(child.parent == Some(sscc), "a case does not name its pallet");
						ensure!(
							child.custodian == container.custodian,
							"a case and its pallet part"
						);
						ensure!(child.shipment.is_none(), "a case on a pallet is shipped alone");
					}
				},
			}
		}
		for ((holder, key), packs) in &in_containers {
			let holding = Holdings::<T>::get(holder, key);
			ensure!(u64::from(holding.packed) == *packs, "packed holdings differ from containers");
		}
		for ((holder, key), _) in packed {
			let holding = Holdings::<T>::get(&holder, &key);
			let in_cases = in_containers.get(&(holder, key)).copied().unwrap_or(0);
			ensure!(u64::from(holding.packed) == in_cases, "packed packs are in no container");
		}
		for (key, _, record) in PackExceptions::<T>::iter() {
			if record.exception == PackException::Dispensed {
				add(&mut counted, key, 1);
			}
		}
		for (key, batch) in Batches::<T>::iter() {
			ensure!(
				counted.get(&key).copied().unwrap_or(0) == u64::from(batch.packs),
				"a batch's packs do not add up"
			);
		}
		Ok(())
	}
}
