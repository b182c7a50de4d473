//! Storage deposits as `Consideration` tickets (the pallet-preimage / pallet-collective model).
//!
//! A pallet asks its `Config` for a `Consideration<AccountId, Footprint>` and stores the ticket
//! `new` returns beside what it pays for; `drop` gives the deposit back. In the runtime the ticket
//! is a [`HoldConsideration`] priced by a `LinearStoragePrice` of Parameters values, so a
//! deposit is `base + per_byte × bytes`, held under the pallet's hold reason. A ticket keeps the
//! amount it held, whatever the price later becomes.

use frame_support::traits::{
	fungible::{HoldConsideration, MutateHold},
	Footprint,
};

/// The amount a deposit ticket holds: what `try_state` checks against the holds, and what
/// runtime APIs show.
pub trait HeldDeposit<Balance> {
	/// The amount held.
	fn held(&self) -> Balance;
}

impl<A, F, R, D, Fp> HeldDeposit<F::Balance> for HoldConsideration<A, F, R, D, Fp>
where
	F: MutateHold<A>,
{
	fn held(&self) -> F::Balance {
		use codec::{Decode, Encode};
		// A `HoldConsideration` is SCALE-encoded as exactly the balance it holds (its only field
		// beside a `PhantomData`); it exposes no getter.
		F::Balance::decode(&mut &self.encode()[..]).unwrap_or_default()
	}
}

/// The footprint of one stored item of `bytes` bytes: the unit every CareChain deposit is
/// priced in.
pub fn footprint_of(bytes: usize) -> Footprint {
	Footprint::from_parts(1, bytes)
}
