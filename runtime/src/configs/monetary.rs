//! The CARE token (Balances) and transaction fees (TransactionPayment, SkipFeelessPayment).

use frame_support::{
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU8, VariantCountOf},
	weights::{
		ConstantMultiplier, WeightToFeeCoefficient, WeightToFeeCoefficients, WeightToFeePolynomial,
	},
};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::traits::One;
use sp_runtime::Perbill;

use crate::{
	currency::{EXISTENTIAL_DEPOSIT, MICRO_CARE},
	Balance, Balances, Runtime, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
};

impl pallet_balances::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type WeightInfo = crate::weights::pallet_balances::SubstrateWeight<Runtime>;
	type Balance = Balance;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = frame_system::Pallet<Runtime>;
	type ReserveIdentifier = [u8; 8];
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxLocks = ConstU32<50>;
	/// Deposits are fungible holds, never named reserves.
	type MaxReserves = ConstU32<0>;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type DoneSlashHandler = ();
}

parameter_types! {
	/// Fees do not float with congestion: a consortium chain wants predictable costs.
	pub FeeMultiplier: Multiplier = Multiplier::one();
	/// Fee per byte of an extrinsic.
	pub const TransactionByteFee: Balance = 10 * MICRO_CARE;
}

/// What one picosecond of compute (one unit of `ref_time`) costs, in CARE's smallest unit.
pub const FEE_PER_PICOSECOND: Balance = 100;

/// Fees for compute, chosen from what a block of spam must cost. A block's normal class holds
/// 1.5 s of compute, so a full block of paid spam costs 150 CARE, and filling every block for a
/// day (14,400 six-second blocks) costs 2.16 million CARE, twice what a development account
/// starts with. A transfer pays about 0.064 CARE: the 625 µs its block counts, base weight
/// included, and its bytes (`runtime/tests/fees.rs`). `IdentityFee` priced that block at 1.5
/// CARE.
///
/// Linear, with no congestion multiplier: a consortium chain wants predictable costs, and the
/// block's weight limit, not the price, bounds what a block holds.
pub struct WeightToFee;

impl WeightToFeePolynomial for WeightToFee {
	type Balance = Balance;

	fn polynomial() -> WeightToFeeCoefficients<Balance> {
		core::iter::once(WeightToFeeCoefficient {
			coeff_integer: FEE_PER_PICOSECOND,
			coeff_frac: Perbill::zero(),
			negative: false,
			degree: 1,
		})
		.collect()
	}
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees are burnt.
	type OnChargeTransaction = FungibleAdapter<Balances, ()>;
	type WeightToFee = WeightToFee;
	type LengthToFee = ConstantMultiplier<Balance, TransactionByteFee>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightInfo = crate::weights::pallet_transaction_payment::SubstrateWeight<Runtime>;
}

/// Wraps `ChargeTransactionPayment` so that calls marked `#[pallet::feeless_if]` (patients' own
/// calls, within their daily quota) pay no fee.
impl pallet_skip_feeless_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
}
