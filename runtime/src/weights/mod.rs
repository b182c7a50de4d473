//! Weights of the FRAME pallets the runtime uses and the base costs of a block and an
//! extrinsic, all measured on the CareChain runtime by `scripts/benchmark.sh` (CareChain's own
//! pallets keep theirs in `pallets/*/src/weights.rs`). Every file here is generated: run the
//! script again rather than edit one.

pub mod block_weights;
pub mod extrinsic_weights;
pub mod frame_system;
pub mod frame_system_extensions;
pub mod pallet_balances;
pub mod pallet_collective;
pub mod pallet_membership;
pub mod pallet_parameters;
pub mod pallet_sudo;
pub mod pallet_timestamp;
pub mod pallet_transaction_payment;
pub mod pallet_tx_pause;
pub mod pallet_utility;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
