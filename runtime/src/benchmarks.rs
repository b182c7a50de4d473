//! The pallets benchmarked in this runtime (used by `frame_benchmarking::Benchmark` and by
//! `scripts/benchmark.sh`).

frame_benchmarking::define_benchmarks!(
	[frame_system, SystemBench::<Runtime>]
	[frame_system_extensions, SystemExtensionsBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_transaction_payment, TransactionPayment]
	[pallet_utility, Utility]
	[pallet_sudo, Sudo]
	[pallet_collective, Council]
	[pallet_membership, CouncilMembership]
	[pallet_parameters, Parameters]
	[pallet_tx_pause, TxPause]
	[pallet_upgrades, Upgrades]
	[pallet_provider_registry, ProviderRegistry]
	[pallet_patient_identity, PatientIdentity]
	[pallet_consent, Consent]
	[pallet_data_rewards, DataRewards]
	[pallet_claims, Claims]
	[pallet_traceability, Traceability]
);

pub use crate::*;
pub use frame_system_benchmarking::{
	extensions::Pallet as SystemExtensionsBench, Pallet as SystemBench,
};

impl frame_system_benchmarking::Config for Runtime {}

impl pallet_transaction_payment::BenchmarkConfig for Runtime {}
