//! # CareChain runtime
//!
//! The FRAME runtime of CareChain, a consortium chain on which patients control who may use their
//! medical data. This crate composes the pallets (`runtime` module below), configures them
//! (`configs/`, one file per concern), exposes the runtime APIs (`apis.rs`) and the genesis presets
//! (`genesis_config_presets.rs`).
//!
//! No health data is ever stored by this runtime: only identities as commitments, registrations,
//! consents, record hashes and the access log.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`-style macros expand to large recursive types.
#![recursion_limit = "256"]
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

#[cfg(all(feature = "std", not(feature = "upgrade-test"), not(feature = "runtime-benchmarks")))]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
// The upgrade test's and the benchmarks' builds write their wasm under other names (see
// `build.rs`), so that they never replace the wasm the node embeds.
#[cfg(all(feature = "std", feature = "upgrade-test"))]
include!(concat!(env!("OUT_DIR"), "/wasm_binary_upgrade_test.rs"));
#[cfg(all(feature = "std", feature = "runtime-benchmarks", not(feature = "upgrade-test")))]
include!(concat!(env!("OUT_DIR"), "/wasm_binary_benchmarks.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod mortal_era;
pub mod staff_fees;
pub mod weights;

use alloc::{borrow::Cow, vec::Vec};
use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use configs::{dynamic_params, RuntimeParameters};
pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;
#[cfg(feature = "std")]
pub use sp_runtime::BuildStorage;

/// Opaque types: what the node needs to know of blocks without knowing the runtime's call types.
pub mod opaque {
	use super::*;
	use sp_runtime::traits::Hash as HashT;

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;
}

impl_opaque_keys! {
	/// The keys a validator registers: Aura for block production, GRANDPA for finality.
	pub struct SessionKeys {
		/// Aura (block authoring) key.
		pub aura: Aura,
		/// GRANDPA (finality voting) key.
		pub grandpa: Grandpa,
	}
}

/// The runtime version. `spec_version` must be raised by every runtime upgrade that changes
/// behaviour; `transaction_version` whenever call indices or extrinsic formats change.
#[cfg(not(feature = "upgrade-test"))]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("carechain"),
	impl_name: Cow::Borrowed("carechain"),
	authoring_version: 1,
	spec_version: 110,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The same runtime one `spec_version` higher: the "new" runtime the end-to-end upgrade test
/// builds from these sources (feature `upgrade-test`, never in a release). `runtime_version`
/// reads literals only, hence the second constant rather than an expression.
#[cfg(feature = "upgrade-test")]
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: Cow::Borrowed("carechain"),
	impl_name: Cow::Borrowed("carechain"),
	authoring_version: 1,
	spec_version: 111,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// Block and slot timing: one block every 6 seconds on production chains. A test chain's genesis
/// may choose a shorter slot (`blockTime.slotDurationMs`, see `pallet_block_time`); the block
/// counts below assume the 6 seconds.
pub mod time {
	use super::BlockNumber;

	/// Target time between two blocks, in milliseconds: the slot duration of a chain whose
	/// genesis sets none. It cannot be changed once the chain has started.
	pub const MILLISECS_PER_BLOCK: u64 = 6_000;

	/// Blocks per minute.
	pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
	/// Blocks per hour.
	pub const HOURS: BlockNumber = MINUTES * 60;
	/// Blocks per day.
	pub const DAYS: BlockNumber = HOURS * 24;
}

/// The CARE token: 12 decimals.
pub mod currency {
	use super::Balance;

	/// Number of decimals of CARE.
	pub const DECIMALS: u8 = 12;
	/// Symbol of the native token.
	pub const TOKEN_SYMBOL: &str = "CARE";
	/// One CARE in its smallest unit.
	pub const CARE: Balance = 1_000_000_000_000;
	/// One thousandth of a CARE.
	pub const MILLI_CARE: Balance = CARE / 1_000;
	/// One millionth of a CARE.
	pub const MICRO_CARE: Balance = CARE / 1_000_000;
	/// The minimum balance an account must keep to exist.
	pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_CARE;
}

/// SS58 address prefix: 42, the generic Substrate prefix.
pub const SS58_PREFIX: u16 = 42;

/// Signature type of transactions (sr25519 for patients' and providers' accounts).
pub type Signature = MultiSignature;
/// An account identifier: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// A balance, in the smallest unit of CARE.
pub type Balance = u128;
/// Transaction counter of an account.
pub type Nonce = u32;
/// A block hash.
pub type Hash = sp_core::H256;
/// A block number.
pub type BlockNumber = u32;
/// Unix time in milliseconds, as kept by pallet-timestamp.
pub type Moment = u64;
/// The address format of extrinsics.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The transaction extensions, checked in this order for every signed transaction.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	// `CheckMortality`, refusing immortal transactions (no replay after an account is reaped).
	mortal_era::CheckMortalEra,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	// Counts patients' fee-free calls against the quota, failed ones included. It comes before
	// the fee so that the weight it gives back for every other call (all of its own) is
	// taken off the fee, not only off the block: extensions give weight back after dispatch in
	// this order, and the fee is settled on what is left when the payment extension's turn
	// comes.
	pallet_patient_identity::CountFeelessCalls<Runtime>,
	// Patients' own calls within their daily quota skip the fee (`#[pallet::feeless_if]`);
	// staff members' role calls are charged to their organisation. Wallets still see
	// `ChargeTransactionPayment`.
	staff_fees::ChargeStaffFeesToOrganisation<
		pallet_skip_feeless_payment::SkipCheckIfFeeless<
			Runtime,
			pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
		>,
	>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// How many blocks a transaction built by [`wallet_tx_extension`] callers stays valid: 64, as
/// polkadot.js signs by default (about six minutes).
pub const WALLET_ERA_PERIOD: u64 = 64;

/// The extensions a wallet signs with for the account's `nonce`, born in block `birth` (the
/// best block, normally) and valid for [`WALLET_ERA_PERIOD`] blocks: no tip, no metadata hash.
/// Off-chain tools (the node's `clinic` command, tests) build transactions with it.
pub fn wallet_tx_extension(nonce: Nonce, birth: BlockNumber) -> TxExtension {
	(
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		mortal_era::CheckMortalEra::from(generic::Era::mortal(WALLET_ERA_PERIOD, birth.into())),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_patient_identity::CountFeelessCalls::new(),
		staff_fees::ChargeStaffFeesToOrganisation::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	)
}

/// What [`wallet_tx_extension`] signs without including it in the transaction, for a chain
/// with this `genesis` hash running runtime version `spec_version` / `transaction_version`,
/// the transaction born in the block with hash `birth_hash`.
pub fn wallet_tx_implicit(
	spec_version: u32,
	transaction_version: u32,
	genesis: Hash,
	birth_hash: Hash,
) -> <TxExtension as sp_runtime::traits::TransactionExtension<RuntimeCall>>::Implicit {
	((), spec_version, transaction_version, genesis, birth_hash, (), (), (), (), None, ())
}

/// An extrinsic as the runtime decodes it.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload that is signed in a transaction.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on the next runtime upgrade, beyond those declared by the pallets.
/// Each entry is a `VersionedMigration`, which runs only while the stored version is its `FROM`.
/// The provider registry's v2 hands out registrations before consent v3 binds consents to them.
type Migrations = (
	pallet_consent::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_patient_identity::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_provider_registry::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_consent::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_data_rewards::migrations::v2::MigrateV1ToV2<Runtime>,
	pallet_patient_identity::migrations::v3::MigrateV2ToV3<Runtime>,
	pallet_consent::migrations::v4::MigrateV3ToV4<Runtime>,
	pallet_consent::migrations::v5::MigrateV4ToV5<Runtime>,
	pallet_consent::migrations::v6::MigrateV5ToV6<Runtime>,
	pallet_consent::migrations::v7::MigrateV6ToV7<Runtime>,
);

/// Executive: dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets of the runtime. Indices are part of the transaction format: never reorder them.
#[frame_support::runtime]
mod runtime {
	/// The CareChain runtime.
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	/// Accounts, blocks, events.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	/// Wall-clock time (unix ms), the time base of consent expiry.
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	/// Block production.
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	/// Finality.
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	/// The CARE token.
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	/// Transaction fees.
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	/// Superuser key; set on development chains only.
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	/// Batches of calls.
	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	/// Lets patients' own calls skip the transaction fee, within their daily quota.
	#[runtime::pallet_index(8)]
	pub type SkipFeelessPayment = pallet_skip_feeless_payment;

	/// The slot duration, fixed at genesis (Aura and Timestamp read it).
	#[runtime::pallet_index(9)]
	pub type BlockTime = pallet_block_time;

	/// The consortium council: motions and votes of member organisations.
	#[runtime::pallet_index(10)]
	pub type Council = pallet_collective<Instance1>;

	/// Who sits on the council.
	#[runtime::pallet_index(11)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	/// Values the council can change by motion (deposits, durations, limits).
	#[runtime::pallet_index(12)]
	pub type Parameters = pallet_parameters;

	/// Runtime upgrades authorized by at least two thirds of the Council.
	#[runtime::pallet_index(13)]
	pub type Upgrades = pallet_upgrades;

	/// The operators' emergency brake: the Council pauses and unpauses single calls.
	#[runtime::pallet_index(14)]
	pub type TxPause = pallet_tx_pause;

	/// Healthcare providers and their staff, approved by the Council.
	#[runtime::pallet_index(20)]
	pub type ProviderRegistry = pallet_provider_registry;

	/// Patients: identity commitments, guardians, emergency-access choice, erasure.
	#[runtime::pallet_index(21)]
	pub type PatientIdentity = pallet_patient_identity;

	/// Consents, access requests, emergency access, the access log and record anchors.
	#[runtime::pallet_index(22)]
	pub type Consent = pallet_consent;

	/// Research studies with escrowed rewards for the patients who share data.
	#[runtime::pallet_index(23)]
	pub type DataRewards = pallet_data_rewards;

	/// Drug traceability: products, serialised batches, custody, verification and dispense.
	#[runtime::pallet_index(24)]
	pub type Traceability = pallet_traceability;

	/// Insurance claims: plans, coverages, claims, adjudication paid from insurers' floats.
	#[runtime::pallet_index(25)]
	pub type Claims = pallet_claims;
}
