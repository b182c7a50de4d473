//! Pallet configurations, one file per concern.
//!
//! - [`system`]: System, Timestamp, Utility.
//! - [`call_pause`]: the Council's emergency brake on single calls (pallet-tx-pause).
//! - [`claims`]: insurance coverages, claims and their settlement.
//! - [`consent`]: consents, requests, emergency access, the access log.
//! - [`feeless_calls`]: how much of a block fee-free patient calls take, and their pre-checks.
//! - [`data_rewards`]: research studies and their escrowed rewards.
//! - [`deposits`]: how storage deposits are priced and held.
//! - [`consensus`]: Aura and GRANDPA.
//! - [`monetary`]: Balances and TransactionPayment.
//! - [`governance`]: Council, CouncilMembership, Sudo, Upgrades and the origins they define.
//! - [`parameters`]: the values the Council can change by motion (pallet-parameters).
//! - [`parameter_ranges`]: the range each of those values may be set to.
//! - [`patients`]: patient identity, guardians and fee-free patient calls.
//! - [`providers`]: the provider registry.
//! - [`traceability`]: drug traceability from manufacturer to pharmacy.

#[cfg(feature = "runtime-benchmarks")]
mod benchmark_parties;
pub mod call_pause;
pub mod claims;
pub mod consensus;
pub mod consent;
pub mod data_rewards;
pub mod deposits;
pub mod feeless_calls;
pub mod governance;
pub mod monetary;
pub mod parameter_ranges;
pub mod parameters;
pub mod patients;
pub mod providers;
pub mod system;
pub mod traceability;

pub use governance::{
	CouncilCollective, CouncilMajority, CouncilTwoThirds, RootOrCouncilMajority,
	RootOrCouncilTwoThirds,
};
pub use parameters::{dynamic_params, RuntimeParameters};
pub use system::RuntimeBlockWeights;
