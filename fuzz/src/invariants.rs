//! What must hold after every block of a fuzzed chain.

use carechain_runtime::{
	configs::{governance::CouncilMembershipInstance, CouncilCollective},
	Balance, Runtime,
};

/// A pallet's `do_try_state`.
type TryState = fn() -> Result<(), sp_runtime::TryRuntimeError>;

/// Panics, naming what broke, unless every invariant holds:
/// - `try_state` of every CareChain pallet (their `do_try_state`, the same checks
///   `try-runtime` runs);
/// - every account's free and reserved balance (holds included) add up to the total issuance,
///   and the issuance is at most what genesis created: nothing in CareChain mints;
/// - the Council's members are exactly its membership pallet's members.
pub fn check(genesis_issuance: Balance) {
	let pallets: [(&str, TryState); 5] = [
		("BlockTime", pallet_block_time::Pallet::<Runtime>::do_try_state),
		("ProviderRegistry", pallet_provider_registry::Pallet::<Runtime>::do_try_state),
		("PatientIdentity", pallet_patient_identity::Pallet::<Runtime>::do_try_state),
		("Consent", pallet_consent::Pallet::<Runtime>::do_try_state),
		("DataRewards", pallet_data_rewards::Pallet::<Runtime>::do_try_state),
	];
	for (pallet, try_state) in pallets {
		if let Err(error) = try_state() {
			panic!("{pallet}::try_state failed: {error:?}");
		}
	}

	let issuance = pallet_balances::Pallet::<Runtime>::total_issuance();
	let held: Balance = frame_system::Account::<Runtime>::iter_values()
		.map(|account| account.data.free.saturating_add(account.data.reserved))
		.fold(0, Balance::saturating_add);
	assert_eq!(held, issuance, "the accounts' balances do not add up to the total issuance");
	assert!(
		issuance <= genesis_issuance,
		"issuance grew from {genesis_issuance} to {issuance}: something minted"
	);

	let council = pallet_collective::Members::<Runtime, CouncilCollective>::get();
	let membership = pallet_membership::Members::<Runtime, CouncilMembershipInstance>::get();
	assert_eq!(council, membership.into_inner(), "the Council and its membership disagree");
}
