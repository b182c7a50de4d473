//! Aura block production and GRANDPA finality.

use frame_support::traits::{ConstBool, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;

use crate::{time::MILLISECS_PER_BLOCK, Runtime, RuntimeEvent};

/// Upper bound on the number of validators (consortium members running a node).
pub type MaxAuthorities = ConstU32<32>;

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type MaxAuthorities = MaxAuthorities;
	type DisabledValidators = ();
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	/// Fixed at genesis by the block-time pallet (6 s unless the chain spec says otherwise).
	type SlotDuration = pallet_block_time::SlotDurationOf<Runtime>;
}

/// Production chains: one block every 6 seconds.
pub type DefaultSlotDuration = ConstU64<MILLISECS_PER_BLOCK>;
/// Test and demo chains may go down to one block a second.
pub type MinSlotDuration = ConstU64<1_000>;
/// Nothing slower than one block a minute.
pub type MaxSlotDuration = ConstU64<60_000>;

impl pallet_block_time::Config for Runtime {
	type DefaultSlotDuration = DefaultSlotDuration;
	type MinSlotDuration = MinSlotDuration;
	type MaxSlotDuration = MaxSlotDuration;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	/// No staking, hence no equivocation reports with key-ownership proofs.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}
