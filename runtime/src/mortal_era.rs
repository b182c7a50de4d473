//! `CheckMortalEra`: frame-system's `CheckMortality`, refusing immortal transactions.
//!
//! An immortal transaction stays valid for ever: once its account is reaped (a patient's
//! erasure empties an onboarded account) and created again, its nonce starts afresh and the old
//! transaction could be replayed. Every transaction must therefore name the block it was born
//! in and die `period` blocks later (at most `BlockHashCount`). The extension encodes, signs and
//! describes itself in metadata exactly like `CheckMortality` (same identifier, same `Era`
//! type, same implicit birth-block hash), so wallets sign it without knowing it; they only must
//! not pick an immortal era, which the default of polkadot.js and of the node's clinic command
//! never do.

use codec::{Decode, DecodeWithMemTracking, Encode};
use frame_support::{pallet_prelude::TransactionSource, weights::Weight};
use scale_info::{Type, TypeInfo};
use sp_runtime::{
	generic::Era,
	traits::{DispatchInfoOf, DispatchOriginOf, Implication, TransactionExtension, ValidateResult},
	transaction_validity::{InvalidTransaction, TransactionValidityError},
};

use crate::{Runtime, RuntimeCall};

/// `InvalidTransaction::Custom` code of an immortal transaction.
pub const IMMORTAL_TRANSACTION: u8 = carechain_primitives::invalid_transaction::IMMORTAL;

/// `CheckMortality` that refuses `Era::Immortal` (see the module documentation).
#[derive(Encode, Decode, DecodeWithMemTracking, Clone, Eq, PartialEq, Debug)]
pub struct CheckMortalEra(pub frame_system::CheckMortality<Runtime>);

impl CheckMortalEra {
	/// The extension for `era`.
	pub fn from(era: Era) -> Self {
		Self(frame_system::CheckMortality::from(era))
	}
}

/// Described as `CheckMortality` is, by the `Era` it carries.
impl TypeInfo for CheckMortalEra {
	type Identity = Era;

	fn type_info() -> Type {
		Era::type_info()
	}
}

impl TransactionExtension<RuntimeCall> for CheckMortalEra {
	const IDENTIFIER: &'static str = "CheckMortality";
	type Implicit =
		<frame_system::CheckMortality<Runtime> as TransactionExtension<RuntimeCall>>::Implicit;
	type Val = ();
	type Pre = ();

	fn implicit(&self) -> Result<Self::Implicit, TransactionValidityError> {
		self.0.implicit()
	}

	fn weight(&self, call: &RuntimeCall) -> Weight {
		self.0.weight(call)
	}

	fn validate(
		&self,
		origin: DispatchOriginOf<RuntimeCall>,
		call: &RuntimeCall,
		info: &DispatchInfoOf<RuntimeCall>,
		len: usize,
		self_implicit: Self::Implicit,
		inherited_implication: &impl Implication,
		source: TransactionSource,
	) -> ValidateResult<Self::Val, RuntimeCall> {
		if self.0 .0.is_immortal() {
			return Err(InvalidTransaction::Custom(IMMORTAL_TRANSACTION).into());
		}
		self.0.validate(origin, call, info, len, self_implicit, inherited_implication, source)
	}

	sp_runtime::impl_tx_ext_default!(RuntimeCall; prepare);
}
