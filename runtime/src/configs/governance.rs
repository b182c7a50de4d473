//! Consortium governance: the Council (pallet-collective), its membership, Sudo, and the origins
//! other pallets use to require a Council decision.

use frame_support::{
	parameter_types,
	traits::{ConstU32, EitherOfDiverse},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

use super::{dynamic_params, RuntimeBlockWeights};
use crate::{AccountId, Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin};

/// The instance of pallet-collective that is the consortium Council.
pub type CouncilCollective = pallet_collective::Instance1;
/// The instance of pallet-membership that manages who sits on the Council.
pub type CouncilMembershipInstance = pallet_membership::Instance1;

/// More than half of the Council voted for the motion.
pub type CouncilMajority =
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>;
/// At least two thirds of the Council voted for the motion.
pub type CouncilTwoThirds =
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;
/// Root (sudo on development chains) or a Council majority: approves providers, changes parameters.
pub type RootOrCouncilMajority = EitherOfDiverse<EnsureRoot<AccountId>, CouncilMajority>;
/// Root or two thirds of the Council: changes who sits on the Council.
pub type RootOrCouncilTwoThirds = EitherOfDiverse<EnsureRoot<AccountId>, CouncilTwoThirds>;

/// Upper bound on the Council's size (and on the validator set of a consortium).
pub const COUNCIL_MAX_MEMBERS: u32 = 32;

parameter_types! {
	/// A motion may dispatch a call of at most half a block's weight.
	pub MaxProposalWeight: Weight =
		super::system::share_of(Perbill::from_percent(50), RuntimeBlockWeights::get().max_block);
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	/// How long a motion stays open: a Parameters value the Council itself can change.
	type MotionDuration = dynamic_params::governance::MotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
	/// Members who did not vote follow the prime member's vote, if there is one.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = crate::weights::pallet_collective::SubstrateWeight<Runtime>;
	/// Membership is managed by `CouncilMembership`; only Root may bypass it.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = RootOrCouncilTwoThirds;
	type KillOrigin = RootOrCouncilTwoThirds;
	/// Proposing needs no deposit: only Council members can propose.
	type Consideration = ();
}

impl pallet_membership::Config<CouncilMembershipInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = RootOrCouncilTwoThirds;
	type RemoveOrigin = RootOrCouncilTwoThirds;
	type SwapOrigin = RootOrCouncilTwoThirds;
	type ResetOrigin = RootOrCouncilTwoThirds;
	type PrimeOrigin = RootOrCouncilTwoThirds;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = ConstU32<COUNCIL_MAX_MEMBERS>;
	type WeightInfo = crate::weights::pallet_membership::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = crate::weights::pallet_sudo::SubstrateWeight<Runtime>;
}

/// Runtime upgrades: at least two thirds of the Council (or Root, on development chains)
/// authorize the hash of a new runtime; anyone then applies the code with
/// `system.applyAuthorizedUpgrade`. See `pallets/upgrades` for why two steps.
impl pallet_upgrades::Config for Runtime {
	type UpgradeOrigin = RootOrCouncilTwoThirds;
	type WeightInfo = pallet_upgrades::weights::SubstrateWeight<Runtime>;
}
