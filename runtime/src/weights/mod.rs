//! BOOTSTRAP SHIM (never committed): the FRAME pallets' reference weights, so that the runtime
//! builds before the first run of scripts/benchmark.sh writes the measured files.
pub mod frame_system { pub use ::frame_system::weights::SubstrateWeight; }
pub mod pallet_balances { pub use ::pallet_balances::weights::SubstrateWeight; }
pub mod pallet_collective { pub use ::pallet_collective::weights::SubstrateWeight; }
pub mod pallet_membership { pub use ::pallet_membership::weights::SubstrateWeight; }
pub mod pallet_sudo { pub use ::pallet_sudo::weights::SubstrateWeight; }
pub mod pallet_timestamp { pub use ::pallet_timestamp::weights::SubstrateWeight; }
pub mod pallet_transaction_payment { pub use ::pallet_transaction_payment::weights::SubstrateWeight; }
pub mod pallet_tx_pause { pub use ::pallet_tx_pause::weights::SubstrateWeight; }
pub mod pallet_utility { pub use ::pallet_utility::weights::SubstrateWeight; }
pub use frame_support::weights::constants::{BlockExecutionWeight, ExtrinsicBaseWeight};
