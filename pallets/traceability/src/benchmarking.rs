//! Benchmarks of every call and of a verification (frame-benchmarking v2), also run as tests
//! against the mock. Pack calls are measured with paths of every length up to the deepest a
//! batch of `MaxPacksPerBatch` packs needs; pallet calls with up to `MaxCases` cases, each of
//! another batch.

// Benchmark set-up runs outside any block: a failed `expect` is a broken benchmark, and the
// arithmetic is on small constants.
#![allow(clippy::expect_used, clippy::arithmetic_side_effects)]

use super::*;
use carechain_primitives::trace::gs1_check_digit;
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use sp_runtime::traits::{BlakeTwo256, Hash};

/// The benchmarks' clock (unix ms).
const START: Moment = 1_700_000_000_000;
/// The benchmarks' company prefix, 0614141.
const PREFIX: CompanyPrefix = CompanyPrefix { digits: 614_141, length: 7 };
/// A prefix nobody holds, for `register_company_prefix`.
const NEW_PREFIX: CompanyPrefix = CompanyPrefix { digits: 9_999_999, length: 7 };

/// A GTIN under the prefix, item reference `item`.
fn gtin(item: u64) -> Gtin {
	let data = 61_414_100_000 + item;
	Gtin(data * 10 + gs1_check_digit(data))
}

/// SSCC number `n`.
fn sscc(n: u32) -> Sscc {
	let data = 10_614_141_000_000_000 + u64::from(n);
	Sscc(data * 10 + gs1_check_digit(data))
}

/// Lot number `n`, 20 characters (the longest).
fn lot(n: u32) -> Gs1Text {
	alloc::format!("LOT{n:017}").into_bytes().try_into().expect("20 characters")
}

/// The manufacturer, with the prefix and product 1 registered; the clock at `START`.
fn manufacturer<T: Config>() -> T::AccountId {
	T::BenchmarkHelper::set_time(START);
	let maker = T::BenchmarkHelper::provider(ProviderKind::Manufacturer, 0);
	CompanyPrefixes::<T>::insert(PREFIX, &maker);
	Products::<T>::insert(gtin(1), Product { manufacturer: maker.clone(), prefix: PREFIX });
	maker
}

/// A leaf, a path of `depth` hashes at index 0, and the root they lead to in a tree of
/// `2^depth` leaves (folded by hand: building a tree of a million leaves is not the point).
fn deep_proof(depth: u32) -> (H256, MerklePath, H256, u32) {
	let leaf = BlakeTwo256::hash(b"pack");
	let mut path = Vec::new();
	let mut node = leaf;
	for level in 0..depth {
		let sibling = BlakeTwo256::hash(&level.to_le_bytes());
		node = BlakeTwo256::hash(&[node.as_bytes(), sibling.as_bytes()].concat());
		path.push(sibling);
	}
	(leaf, path.try_into().expect("depth <= MAX_PATH"), node, 1u32 << depth)
}

/// Commissions batch `n` of product 1 whose pack 0 has a path of `depth` hashes; `holder`
/// holds `loose` loose packs of it. Returns the pack.
fn batch_with_path<T: Config>(
	maker: &T::AccountId,
	n: u32,
	depth: u32,
	holder: &T::AccountId,
	loose: u32,
) -> PackRef {
	let (leaf, path, root, packs) = deep_proof(depth);
	let key = (gtin(1), lot(n));
	Batches::<T>::insert(
		&key,
		Batch {
			manufacturer: maker.clone(),
			expiry: day_of(START) + 365,
			packs,
			root,
			status: BatchStatus::Active,
			notice: None,
		},
	);
	Holdings::<T>::insert(holder, &key, Holding { loose, packed: 0 });
	PackRef { gtin: gtin(1), lot: lot(n), leaf, index: 0, path }
}

/// A case (`cases == 0`) or a pallet of `cases` cases, each of another batch, held by `holder`.
/// Returns its SSCC.
fn container<T: Config>(maker: &T::AccountId, holder: &T::AccountId, cases: u32) -> Sscc {
	let case = |n: u32| {
		batch_with_path::<T>(maker, n, 1, holder, 0);
		let key = (gtin(1), lot(n));
		Holdings::<T>::insert(holder, &key, Holding { loose: 0, packed: 2 });
		Containers::<T>::insert(
			sscc(n),
			Container {
				custodian: holder.clone(),
				contents: Contents::Packs {
					gtin: gtin(1),
					lot: lot(n),
					packs: 2,
					manifest: H256::zero(),
				},
				parent: None,
				shipment: None,
			},
		);
		sscc(n)
	};
	if cases == 0 {
		return case(0);
	}
	let top = sscc(10_000);
	let children: Vec<Sscc> = (1..=cases).map(case).collect();
	for child in &children {
		Containers::<T>::mutate(child, |c| {
			if let Some(c) = c {
				c.parent = Some(top);
			}
		});
	}
	Containers::<T>::insert(
		top,
		Container {
			custodian: holder.clone(),
			contents: Contents::Cases(children.try_into().expect("cases <= MaxCases")),
			parent: None,
			shipment: None,
		},
	);
	top
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_company_prefix() -> Result<(), BenchmarkError> {
		let origin =
			T::ApproveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let maker = T::BenchmarkHelper::provider(ProviderKind::Manufacturer, 0);

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, maker.clone(), NEW_PREFIX);

		assert_eq!(CompanyPrefixes::<T>::get(NEW_PREFIX), Some(maker));
		Ok(())
	}

	#[benchmark]
	fn register_product() {
		let maker = manufacturer::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), gtin(2), PREFIX);

		assert!(Products::<T>::contains_key(gtin(2)));
	}

	#[benchmark]
	fn commission() {
		let maker = manufacturer::<T>();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(maker.clone()),
			gtin(1),
			lot(1),
			day_of(START) + 365,
			T::MaxPacksPerBatch::get(),
			H256::repeat_byte(1),
		);

		assert!(!Holdings::<T>::get(&maker, (gtin(1), lot(1))).is_empty());
	}

	#[benchmark]
	fn aggregate() {
		let maker = manufacturer::<T>();
		batch_with_path::<T>(&maker, 1, 1, &maker, 2);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), sscc(1), gtin(1), lot(1), 2, H256::zero());

		assert!(Containers::<T>::contains_key(sscc(1)));
	}

	#[benchmark]
	fn aggregate_cases(c: Linear<1, { T::MaxCases::get() }>) {
		let maker = manufacturer::<T>();
		let cases: Vec<Sscc> = (1..=c)
			.map(|n| {
				let case = container::<T>(&maker, &maker, 0);
				// `container` makes case 0 each time: move it to number `n`.
				let stored = Containers::<T>::take(case).expect("just made");
				Containers::<T>::insert(sscc(n), stored);
				sscc(n)
			})
			.collect();
		let cases: BoundedVec<Sscc, T::MaxCases> = cases.try_into().expect("c <= MaxCases");

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), sscc(10_000), cases);

		assert!(Containers::<T>::contains_key(sscc(10_000)));
	}

	#[benchmark]
	fn disaggregate(c: Linear<0, { T::MaxCases::get() }>) {
		let maker = manufacturer::<T>();
		let top = container::<T>(&maker, &maker, c);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), top);

		assert!(!Containers::<T>::contains_key(top));
	}

	#[benchmark]
	fn ship(c: Linear<0, { T::MaxCases::get() }>) {
		let maker = manufacturer::<T>();
		let distributor = T::BenchmarkHelper::provider(ProviderKind::Distributor, 0);
		let top = container::<T>(&maker, &maker, c);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), top, distributor, [1; 32]);

		assert!(Containers::<T>::get(top).is_some_and(|c| c.shipment.is_some()));
	}

	#[benchmark]
	fn receive(c: Linear<0, { T::MaxCases::get() }>) {
		let maker = manufacturer::<T>();
		let distributor = T::BenchmarkHelper::provider(ProviderKind::Distributor, 0);
		let top = container::<T>(&maker, &maker, c);
		Pallet::<T>::ship(RawOrigin::Signed(maker).into(), top, distributor.clone(), [1; 32])
			.expect("the manufacturer holds it");

		#[extrinsic_call]
		_(RawOrigin::Signed(distributor.clone()), top);

		assert!(Containers::<T>::get(top).is_some_and(|c| c.custodian == distributor));
	}

	#[benchmark]
	fn dispense(d: Linear<0, { Pallet::<T>::deepest_path() }>) {
		let maker = manufacturer::<T>();
		let pharmacy = T::BenchmarkHelper::provider(ProviderKind::Pharmacy, 0);
		let pack = batch_with_path::<T>(&maker, 1, d, &pharmacy, 2);
		let leaf = pack.leaf;

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), pack);

		assert!(PackExceptions::<T>::contains_key((gtin(1), lot(1)), leaf));
	}

	#[benchmark]
	fn undo_dispense() {
		let maker = manufacturer::<T>();
		let pharmacy = T::BenchmarkHelper::provider(ProviderKind::Pharmacy, 0);
		let pack = batch_with_path::<T>(&maker, 1, 1, &pharmacy, 2);
		let leaf = pack.leaf;
		Pallet::<T>::dispense(RawOrigin::Signed(pharmacy.clone()).into(), pack)
			.expect("the pharmacy holds it");

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), gtin(1), lot(1), leaf);

		assert!(!PackExceptions::<T>::contains_key((gtin(1), lot(1)), leaf));
	}

	#[benchmark]
	fn flag_pack(d: Linear<0, { Pallet::<T>::deepest_path() }>) {
		let maker = manufacturer::<T>();
		let pharmacy = T::BenchmarkHelper::provider(ProviderKind::Pharmacy, 0);
		let pack = batch_with_path::<T>(&maker, 1, d, &pharmacy, 2);
		let leaf = pack.leaf;

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), pack, PackException::Quarantined);

		assert!(PackExceptions::<T>::contains_key((gtin(1), lot(1)), leaf));
	}

	#[benchmark]
	fn clear_pack() {
		let maker = manufacturer::<T>();
		let pharmacy = T::BenchmarkHelper::provider(ProviderKind::Pharmacy, 0);
		let pack = batch_with_path::<T>(&maker, 1, 1, &pharmacy, 2);
		let leaf = pack.leaf;
		Pallet::<T>::flag_pack(
			RawOrigin::Signed(pharmacy.clone()).into(),
			pack,
			PackException::Quarantined,
		)
		.expect("the pharmacy holds it");

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), gtin(1), lot(1), leaf);

		assert!(!PackExceptions::<T>::contains_key((gtin(1), lot(1)), leaf));
	}

	#[benchmark]
	fn flag_suspect() {
		let maker = manufacturer::<T>();
		let pharmacy = T::BenchmarkHelper::provider(ProviderKind::Pharmacy, 0);
		batch_with_path::<T>(&maker, 1, 1, &pharmacy, 2);

		#[extrinsic_call]
		_(RawOrigin::Signed(pharmacy), gtin(1), lot(1));

		assert!(Batches::<T>::get((gtin(1), lot(1)))
			.is_some_and(|batch| batch.status == BatchStatus::Suspect));
	}

	#[benchmark]
	fn clear_suspect() {
		let maker = manufacturer::<T>();
		batch_with_path::<T>(&maker, 1, 1, &maker, 2);
		Pallet::<T>::flag_suspect(RawOrigin::Signed(maker.clone()).into(), gtin(1), lot(1))
			.expect("the manufacturer may");

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), gtin(1), lot(1));

		assert!(Batches::<T>::get((gtin(1), lot(1)))
			.is_some_and(|batch| batch.status == BatchStatus::Active));
	}

	#[benchmark]
	fn declare_illegitimate() {
		let maker = manufacturer::<T>();
		batch_with_path::<T>(&maker, 1, 1, &maker, 2);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), gtin(1), lot(1), [2; 32]);

		assert!(Batches::<T>::get((gtin(1), lot(1)))
			.is_some_and(|batch| batch.status == BatchStatus::Illegitimate));
	}

	#[benchmark]
	fn recall() {
		let maker = manufacturer::<T>();
		batch_with_path::<T>(&maker, 1, 1, &maker, 2);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), gtin(1), lot(1), [3; 32]);

		assert!(Batches::<T>::get((gtin(1), lot(1)))
			.is_some_and(|batch| batch.status == BatchStatus::Recalled));
	}

	/// A verification as the runtime API makes it, with a verifier: the leaf is hashed from
	/// the pack's identifier, so the batch is built around that leaf.
	#[benchmark]
	fn verify_pack(d: Linear<0, { Pallet::<T>::deepest_path() }>) {
		let maker = manufacturer::<T>();
		let pharmacy = T::BenchmarkHelper::provider(ProviderKind::Pharmacy, 0);
		let id = PackId { gtin: gtin(1), serial: lot(9), lot: lot(1), expiry: day_of(START) + 365 };
		let salt = [5u8; 32];
		let leaf = serials::pack_leaf(&salt, id.gtin, &id.lot, &id.serial, id.expiry);
		let mut pack = batch_with_path::<T>(&maker, 1, d, &pharmacy, 2);
		// Rebuild the root around the pack's own leaf.
		let mut node = leaf;
		for sibling in pack.path.iter() {
			node = BlakeTwo256::hash(&[node.as_bytes(), sibling.as_bytes()].concat());
		}
		Batches::<T>::mutate((gtin(1), lot(1)), |batch| {
			if let Some(batch) = batch {
				batch.root = node;
			}
		});
		pack.leaf = leaf;
		let proof = PackProof { salt, index: 0, path: pack.path };
		let verdict;

		#[block]
		{
			verdict = Pallet::<T>::verify(&id, &proof, Some(&pharmacy));
		}

		assert_eq!(verdict, TraceVerdict::Verified);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
