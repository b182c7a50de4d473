//! Drug traceability: batches of up to 2^20 packs (paths of at most 20 hashes), pallets of up
//! to 64 cases, a day to undo a dispense; the Council approves company prefixes and may clear,
//! recall or declare illegitimate any batch.

use carechain_primitives::DAY_MS;
use frame_support::traits::{ConstU32, ConstU64};

use super::governance::RootOrCouncilMajority;
use crate::{ProviderRegistry, Runtime, Timestamp};

impl pallet_traceability::Config for Runtime {
	type Providers = ProviderRegistry;
	type Time = Timestamp;
	/// Root or more than half of the Council.
	type ApproveOrigin = RootOrCouncilMajority;
	/// 2^20 packs: the deepest Merkle path is 20 hashes.
	type MaxPacksPerBatch = ConstU32<{ 1 << 20 }>;
	type MaxCases = ConstU32<64>;
	type UndoWindow = ConstU64<DAY_MS>;
	type WeightInfo = pallet_traceability::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::benchmark_parties::BenchmarkParties;
}
