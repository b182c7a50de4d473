//! What the traceability pallet stores: products, batches, holdings, pack exceptions and
//! containers (cases and pallets), and how a call names one pack.

use carechain_primitives::{
	trace::{BatchStatus, CompanyPrefix, Day, Gs1Text, Gtin, PackException, Sscc},
	Hash32, Moment,
};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{traits::Get, BoundedVec};
use scale_info::TypeInfo;
use sp_core::H256;

/// Most hashes in a pack's Merkle path: enough for 2^32 packs, more than any batch bound.
pub const MAX_PATH: u32 = 32;

/// A pack's Merkle path, leaf to root.
pub type MerklePath = BoundedVec<H256, frame_support::traits::ConstU32<MAX_PATH>>;

/// A pack named without its serial: its batch, its salted leaf and the leaf's proof. What a
/// trading partner puts in a call, so that serials never reach the chain.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PackRef {
	/// The product.
	pub gtin: Gtin,
	/// The lot.
	pub lot: Gs1Text,
	/// The pack's leaf: `pack_leaf(salt, gtin, lot, serial, expiry)`.
	pub leaf: H256,
	/// The leaf's position among the batch's packs.
	pub index: u32,
	/// The sibling hashes from the leaf up to the batch's root.
	pub path: MerklePath,
}

/// A registered product (GTIN).
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Product<AccountId> {
	/// The manufacturer that registered it.
	pub manufacturer: AccountId,
	/// The company prefix it was allocated under (its EPC URIs need the prefix's length).
	pub prefix: CompanyPrefix,
}

/// A commissioned batch: how many packs it has and the root over their salted leaves.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Batch<AccountId> {
	/// The manufacturer that commissioned it.
	pub manufacturer: AccountId,
	/// The expiry date of every pack.
	pub expiry: Day,
	/// How many packs (leaves) it has.
	pub packs: u32,
	/// The Merkle root over the packs' leaves, in serial order.
	pub root: H256,
	/// Where it stands.
	pub status: BatchStatus,
	/// Hash of the last notice about it (recall, illegitimate product notification).
	pub notice: Option<Hash32>,
}

/// The packs of one batch an organisation holds.
#[derive(
	Clone,
	Copy,
	Default,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
)]
pub struct Holding {
	/// Packs not in any container: these can be dispensed or packed.
	pub loose: u32,
	/// Packs in containers the organisation holds (not in transit).
	pub packed: u32,
}

impl Holding {
	/// Whether it holds no pack.
	pub fn is_empty(&self) -> bool {
		self.loose == 0 && self.packed == 0
	}
}

/// An exception recorded against one pack.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct PackRecord<AccountId> {
	/// What happened.
	pub exception: PackException,
	/// The organisation that recorded it.
	pub by: AccountId,
	/// When (unix ms).
	pub at: Moment,
}

/// What a container holds.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxCases))]
#[codec(mel_bound())]
pub enum Contents<MaxCases: Get<u32>> {
	/// A case: packs of one batch.
	Packs {
		/// The product.
		gtin: Gtin,
		/// The lot.
		lot: Gs1Text,
		/// How many packs.
		packs: u32,
		/// Hash of the list of the packs' leaves, kept by the packer (EPCIS childEPCs).
		manifest: H256,
	},
	/// A pallet: cases.
	Cases(BoundedVec<Sscc, MaxCases>),
}

/// A container on its way to a trading partner.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
pub struct Shipment<AccountId> {
	/// The organisation it is shipped to.
	pub to: AccountId,
	/// Hash of the transaction information (DSCSA TI; the signed extrinsic is the transaction
	/// statement).
	pub transaction_hash: Hash32,
}

/// A case or pallet, by its SSCC.
#[derive(
	Clone, PartialEq, Eq, Debug, Encode, Decode, DecodeWithMemTracking, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxCases))]
#[codec(mel_bound(AccountId: MaxEncodedLen))]
pub struct Container<AccountId, MaxCases: Get<u32>> {
	/// The organisation that holds it (the sender, while it is in transit).
	pub custodian: AccountId,
	/// What it holds.
	pub contents: Contents<MaxCases>,
	/// The pallet it is on, if any.
	pub parent: Option<Sscc>,
	/// Set while it is in transit.
	pub shipment: Option<Shipment<AccountId>>,
}

/// A batch commissioned at genesis, for development and test chains: all its packs in one
/// case, held by the manufacturer or in transit to a trading partner.
#[derive(Clone, PartialEq, Eq, Debug, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct GenesisBatch<AccountId> {
	/// The product, registered at genesis.
	pub gtin: Gtin,
	/// The lot.
	pub lot: Gs1Text,
	/// The expiry date.
	pub expiry: Day,
	/// How many packs.
	pub packs: u32,
	/// The Merkle root over the packs' salted leaves.
	pub root: Hash32,
	/// The case that holds all the packs.
	pub case: Sscc,
	/// Hash of the list of the packs' leaves.
	pub manifest: Hash32,
	/// The trading partner the case is in transit to, and the hash of the transaction
	/// information; `None` leaves it with the manufacturer.
	pub shipped_to: Option<(AccountId, Hash32)>,
}
