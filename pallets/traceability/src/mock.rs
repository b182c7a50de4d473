//! A test runtime: System and the traceability pallet, with a provider registry the tests can
//! change, a settable clock, and helpers that build a serialised batch the way a manufacturer's
//! system would.

use carechain_primitives::{
	trace::{gs1_check_digit, CompanyPrefix, Day, Gs1Text, Gtin, PackId, PackProof, Sscc},
	traits::ProviderRegistry,
	Moment, ProviderKind, RegistrationId, DAY_MS,
};
use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU32, ConstU64, Time},
};
use frame_system::EnsureRoot;
use sp_core::H256;
use sp_runtime::{traits::BlakeTwo256, BuildStorage};

use crate::{self as pallet_traceability, serials, MerklePath, PackRef};

type Block = frame_system::mocking::MockBlock<Test>;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Traceability: pallet_traceability,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// A manufacturer.
pub const MAKER: u64 = 1;
/// A member of the manufacturer's staff.
pub const MAKER_STAFF: u64 = 2;
/// Another manufacturer.
pub const OTHER_MAKER: u64 = 3;
/// A distributor.
pub const DISTRIBUTOR: u64 = 10;
/// A pharmacy.
pub const PHARMACY: u64 = 20;
/// A pharmacist on the pharmacy's staff.
pub const PHARMACIST: u64 = 21;
/// Another pharmacy.
pub const OTHER_PHARMACY: u64 = 22;
/// A hospital (its pharmacy dispenses too).
pub const HOSPITAL: u64 = 30;
/// A laboratory: a provider, but no dispenser.
pub const LAB: u64 = 40;
/// Nobody in the registry.
pub const STRANGER: u64 = 99;
/// The tests' start time (unix ms): day 19,675.
pub const START: Moment = 1_700_000_000_000;
/// The manufacturer's company prefix 0614141.
pub const PREFIX: CompanyPrefix = CompanyPrefix { digits: 614_141, length: 7 };
/// The other manufacturer's prefix.
pub const OTHER_PREFIX: CompanyPrefix = CompanyPrefix { digits: 7_654_321, length: 7 };

/// A GTIN-14 from its first 13 digits, with its check digit.
pub fn gtin(data: u64) -> Gtin {
	Gtin(data * 10 + gs1_check_digit(data))
}

/// The product of the tests: 0 0614141 12345 and its check digit.
pub fn product() -> Gtin {
	gtin(61_414_112_345)
}

/// SSCC number `n` under the manufacturer's prefix, with its check digit.
pub fn sscc(n: u64) -> Sscc {
	let data = 10_614_141_000_000_000 + n;
	Sscc(data * 10 + gs1_check_digit(data))
}

/// A lot or serial from text.
pub fn text(value: &str) -> Gs1Text {
	value.as_bytes().to_vec().try_into().unwrap()
}

/// Today, in the pallet's days.
pub fn today() -> Day {
	carechain_primitives::trace::day_of(Now::get())
}

parameter_types! {
	/// The clock (unix ms).
	pub static Now: Moment = START;
	/// Providers the tests suspended.
	pub static Suspended: Vec<u64> = Vec::new();
}

/// The clock of the tests.
pub struct MockTime;
impl Time for MockTime {
	type Moment = Moment;
	fn now() -> Moment {
		Now::get()
	}
}

/// Moves the clock by `days`.
pub fn advance_days(days: u64) {
	Now::set(Now::get() + days * DAY_MS);
}

/// The provider registry of the tests.
pub struct Providers;
impl ProviderRegistry<u64> for Providers {
	fn active_registration(who: &u64) -> Option<(ProviderKind, u64, RegistrationId)> {
		let (kind, organisation) = match *who {
			MAKER | MAKER_STAFF => (ProviderKind::Manufacturer, MAKER),
			OTHER_MAKER => (ProviderKind::Manufacturer, OTHER_MAKER),
			DISTRIBUTOR => (ProviderKind::Distributor, DISTRIBUTOR),
			PHARMACY | PHARMACIST => (ProviderKind::Pharmacy, PHARMACY),
			OTHER_PHARMACY => (ProviderKind::Pharmacy, OTHER_PHARMACY),
			HOSPITAL => (ProviderKind::Hospital, HOSPITAL),
			LAB => (ProviderKind::Laboratory, LAB),
			_ => return None,
		};
		(!Suspended::get().contains(&organisation)).then_some((kind, organisation, 1))
	}

	fn registration_of(who: &u64) -> Option<RegistrationId> {
		Self::active_registration(who).map(|(_, _, registration)| registration)
	}
}

impl pallet_traceability::Config for Test {
	type Providers = Providers;
	type Time = MockTime;
	type ApproveOrigin = EnsureRoot<u64>;
	type MaxPacksPerBatch = ConstU32<1024>;
	type MaxCases = ConstU32<4>;
	type UndoWindow = ConstU64<{ DAY_MS }>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchmarkParties;
}

/// The benchmarks' parties: the mock's providers by kind.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchmarkParties;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for BenchmarkParties {
	fn provider(kind: ProviderKind, index: u32) -> u64 {
		match (kind, index) {
			(ProviderKind::Manufacturer, 0) => MAKER,
			(ProviderKind::Manufacturer, _) => OTHER_MAKER,
			(ProviderKind::Distributor, _) => DISTRIBUTOR,
			(ProviderKind::Pharmacy, 0) => PHARMACY,
			(ProviderKind::Pharmacy, _) => OTHER_PHARMACY,
			_ => HOSPITAL,
		}
	}

	fn set_time(now: Moment) {
		Now::set(now);
	}
}

/// A batch as the manufacturer's system makes it: serials, their salts and leaves, the root.
pub struct SerialisedBatch {
	/// The product.
	pub gtin: Gtin,
	/// The lot.
	pub lot: Gs1Text,
	/// The expiry date.
	pub expiry: Day,
	/// Each pack's serial and salt.
	pub packs: Vec<(Gs1Text, [u8; 32])>,
	/// The leaves, in pack order.
	pub leaves: Vec<H256>,
	/// The Merkle root.
	pub root: H256,
}

impl SerialisedBatch {
	/// `count` packs of `gtin`, lot `lot`, expiring in a year.
	pub fn new(gtin: Gtin, lot: &str, count: u32) -> Self {
		let lot = text(lot);
		let expiry = today() + 365;
		let packs: Vec<_> = (0..count)
			.map(|i| {
				let mut salt = [0u8; 32];
				salt[..4].copy_from_slice(&i.to_le_bytes());
				salt[31] = 0xa5;
				(text(&format!("SN{:08}", 1000 + i)), salt)
			})
			.collect();
		let leaves: Vec<H256> = packs
			.iter()
			.map(|(serial, salt)| serials::pack_leaf(salt, gtin, &lot, serial, expiry))
			.collect();
		let root = binary_merkle_tree::merkle_root_raw::<BlakeTwo256, _>(leaves.clone());
		Self { gtin, lot, expiry, packs, leaves, root }
	}

	/// The path of pack `index`.
	pub fn path(&self, index: u32) -> MerklePath {
		binary_merkle_tree::merkle_proof_raw::<BlakeTwo256, _>(self.leaves.clone(), index)
			.proof
			.try_into()
			.unwrap()
	}

	/// Pack `index` as a call names it.
	pub fn pack(&self, index: u32) -> PackRef {
		PackRef {
			gtin: self.gtin,
			lot: self.lot.clone(),
			leaf: self.leaves[index as usize],
			index,
			path: self.path(index),
		}
	}

	/// Pack `index`'s identifier, as its 2D code says, and its proof.
	pub fn id_and_proof(&self, index: u32) -> (PackId, PackProof<MerklePath>) {
		let (serial, salt) = self.packs[index as usize].clone();
		(
			PackId { gtin: self.gtin, serial, lot: self.lot.clone(), expiry: self.expiry },
			PackProof { salt, index, path: self.path(index) },
		)
	}
}

/// A chain with the manufacturer's prefix approved and its product registered.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| {
		System::set_block_number(1);
		Now::set(START);
		Suspended::set(Vec::new());
		Traceability::register_company_prefix(RuntimeOrigin::root(), MAKER, PREFIX).unwrap();
		Traceability::register_product(RuntimeOrigin::signed(MAKER), product(), PREFIX).unwrap();
	});
	ext
}

/// Runs `test` on [`new_test_ext`], then checks the pallet's invariants.
pub fn run(test: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		test();
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}
