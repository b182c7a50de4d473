//! System, Timestamp and Utility.

use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU32, InsideBoth},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		Weight,
	},
};
use frame_system::limits::{BlockLength, BlockWeights};
use sp_runtime::Perbill;
use sp_version::RuntimeVersion;

use crate::{
	AccountId, Aura, Balance, Block, BlockNumber, Hash, Moment, Nonce, OriginCaller, PalletInfo,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, RuntimeTask, SS58_PREFIX, VERSION,
};

/// Two seconds of compute per block.
pub const MAXIMUM_BLOCK_WEIGHT: Weight =
	Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX);

/// `ratio` of `weight`, both parts rounded down.
pub fn share_of(ratio: Perbill, weight: Weight) -> Weight {
	Weight::from_parts(ratio.mul_floor(weight.ref_time()), ratio.mul_floor(weight.proof_size()))
}

/// Share of a block available to normal (non-operational) extrinsics.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

parameter_types! {
	/// The runtime version, read by `CheckSpecVersion` and `CheckTxVersion`.
	pub const Version: RuntimeVersion = VERSION;
	/// Number of recent block hashes kept for mortal transactions.
	pub const BlockHashCount: BlockNumber = 2400;
	/// The base costs of a block and of an extrinsic are measured (`scripts/benchmark.sh`,
	/// `overhead`), the rest as in `BlockWeights::with_sensible_defaults`.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::builder()
		.base_block(crate::weights::BlockExecutionWeight::get())
		.for_class(DispatchClass::all(), |weights| {
			weights.base_extrinsic = crate::weights::ExtrinsicBaseWeight::get();
		})
		.for_class(DispatchClass::Normal, |weights| {
			weights.max_total = Some(share_of(NORMAL_DISPATCH_RATIO, MAXIMUM_BLOCK_WEIGHT));
		})
		.for_class(DispatchClass::Operational, |weights| {
			weights.max_total = Some(MAXIMUM_BLOCK_WEIGHT);
			weights.reserved = Some(
				MAXIMUM_BLOCK_WEIGHT
					.saturating_sub(share_of(NORMAL_DISPATCH_RATIO, MAXIMUM_BLOCK_WEIGHT)),
			);
		})
		.avg_block_initialization(Perbill::from_percent(10))
		.build_or_panic();
	/// At most 5 MiB per block.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(5 * 1024 * 1024)
		.modify_max_length_for_class(DispatchClass::Normal, |max| {
			*max = NORMAL_DISPATCH_RATIO.mul_floor(*max)
		})
		.build();
	/// SS58 prefix of addresses.
	pub const SS58Prefix: u16 = SS58_PREFIX;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	/// Refused at any depth: calls the Council has paused (`configs::call_pause`) and
	/// Parameters values outside their range (`configs::parameter_ranges`).
	type BaseCallFilter = InsideBoth<crate::TxPause, super::parameter_ranges::ParametersInRange>;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = BlockHashCount;
	/// The node stores state in ParityDB only.
	type DbWeight = ParityDbWeight;
	/// Measured by `scripts/benchmark.sh`.
	type SystemWeightInfo = crate::weights::frame_system::SubstrateWeight<Runtime>;
	/// Measured by `scripts/benchmark.sh`.
	type ExtensionsWeightInfo = crate::weights::frame_system_extensions::SubstrateWeight<Runtime>;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	/// Unix time in milliseconds.
	type Moment = Moment;
	type OnTimestampSet = Aura;
	/// Half a slot, from the slot duration fixed at genesis.
	type MinimumPeriod = pallet_block_time::MinimumPeriodOf<Runtime>;
	type WeightInfo = crate::weights::pallet_timestamp::SubstrateWeight<Runtime>;
}

impl pallet_utility::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type WeightInfo = crate::weights::pallet_utility::SubstrateWeight<Runtime>;
}
