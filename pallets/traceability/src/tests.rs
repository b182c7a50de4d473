//! Tests of every call through the pallet's public interface, an `assert_noop!` for every
//! error, and the pallet's invariants after each test.

use carechain_primitives::trace::{BatchStatus, CompanyPrefix, Gtin, PackException, TraceVerdict};
use frame_support::{assert_noop, assert_ok, BoundedVec};
use sp_core::H256;

use crate::{mock::*, Batches, Containers, Error, Event, Holding, Holdings, PackExceptions};

type Calls = Traceability;

/// Commissions `count` packs of the product, lot `lot`, as the manufacturer's staff.
fn commissioned(lot: &str, count: u32) -> SerialisedBatch {
	let batch = SerialisedBatch::new(product(), lot, count);
	assert_ok!(Calls::commission(
		RuntimeOrigin::signed(MAKER_STAFF),
		batch.gtin,
		batch.lot.clone(),
		batch.expiry,
		count,
		batch.root
	));
	batch
}

/// Packs `packs` loose packs of `batch` held by `by` into case `n`.
fn pack_case(by: u64, n: u64, batch: &SerialisedBatch, packs: u32) {
	assert_ok!(Calls::aggregate(
		RuntimeOrigin::signed(by),
		sscc(n),
		batch.gtin,
		batch.lot.clone(),
		packs,
		H256::repeat_byte(n as u8)
	));
}

/// Ships container `n` from `from` to `to`, who receives it.
fn hand_over(from: u64, to: u64, n: u64) {
	assert_ok!(Calls::ship(RuntimeOrigin::signed(from), sscc(n), to, [n as u8; 32]));
	assert_ok!(Calls::receive(RuntimeOrigin::signed(to), sscc(n)));
}

/// A batch of 8 packs whose case 1 (4 packs) went maker → distributor → pharmacy and was
/// unpacked there: packs 0..4 are loose at the pharmacy.
fn at_the_pharmacy() -> SerialisedBatch {
	let batch = commissioned("L1", 8);
	pack_case(MAKER, 1, &batch, 4);
	hand_over(MAKER, DISTRIBUTOR, 1);
	hand_over(DISTRIBUTOR, PHARMACY, 1);
	assert_ok!(Calls::disaggregate(RuntimeOrigin::signed(PHARMACIST), sscc(1)));
	batch
}

fn holding(who: u64, batch: &SerialisedBatch) -> Holding {
	Holdings::<Test>::get(who, (batch.gtin, batch.lot.clone()))
}

fn status(batch: &SerialisedBatch) -> BatchStatus {
	Batches::<Test>::get((batch.gtin, batch.lot.clone())).unwrap().status
}

fn verdict(batch: &SerialisedBatch, index: u32, verifier: Option<u64>) -> TraceVerdict {
	let (id, proof) = batch.id_and_proof(index);
	Traceability::verify(&id, &proof, verifier.as_ref())
}

#[test]
fn the_council_approves_company_prefixes_for_manufacturers() {
	run(|| {
		assert_ok!(Calls::register_company_prefix(
			RuntimeOrigin::root(),
			OTHER_MAKER,
			OTHER_PREFIX
		));
		System::assert_last_event(
			Event::CompanyPrefixRegistered { prefix: OTHER_PREFIX, manufacturer: OTHER_MAKER }
				.into(),
		);
		assert_noop!(
			Calls::register_company_prefix(RuntimeOrigin::signed(MAKER), MAKER, OTHER_PREFIX),
			sp_runtime::DispatchError::BadOrigin
		);
		assert_noop!(
			Calls::register_company_prefix(RuntimeOrigin::root(), OTHER_MAKER, PREFIX),
			Error::<Test>::CompanyPrefixTaken
		);
		for bad in
			[CompanyPrefix { digits: 1, length: 3 }, CompanyPrefix { digits: 10_000, length: 4 }]
		{
			assert_noop!(
				Calls::register_company_prefix(RuntimeOrigin::root(), MAKER, bad),
				Error::<Test>::InvalidCompanyPrefix
			);
		}
		// Only a manufacturer's own account, never its staff or another kind.
		let fresh = CompanyPrefix { digits: 5_000_000, length: 7 };
		for who in [MAKER_STAFF, DISTRIBUTOR, STRANGER] {
			assert_noop!(
				Calls::register_company_prefix(RuntimeOrigin::root(), who, fresh),
				Error::<Test>::NotAManufacturer
			);
		}
	});
}

#[test]
fn manufacturers_register_gtins_under_their_own_prefixes() {
	run(|| {
		assert_ok!(Calls::register_company_prefix(
			RuntimeOrigin::root(),
			OTHER_MAKER,
			OTHER_PREFIX
		));
		let theirs = gtin(765_432_100_001);
		assert_noop!(
			Calls::register_product(RuntimeOrigin::signed(MAKER), theirs, OTHER_PREFIX),
			Error::<Test>::NotYourCompanyPrefix
		);
		// A GTIN of another manufacturer, claimed under one's own prefix.
		assert_noop!(
			Calls::register_product(RuntimeOrigin::signed(MAKER), theirs, PREFIX),
			Error::<Test>::GtinOutsidePrefix
		);
		assert_noop!(
			Calls::register_product(RuntimeOrigin::signed(MAKER), Gtin(product().0 + 1), PREFIX),
			Error::<Test>::InvalidGtin
		);
		assert_noop!(
			Calls::register_product(RuntimeOrigin::signed(MAKER), product(), PREFIX),
			Error::<Test>::ProductExists
		);
		for who in [DISTRIBUTOR, PHARMACIST] {
			assert_noop!(
				Calls::register_product(RuntimeOrigin::signed(who), gtin(61_414_199_999), PREFIX),
				Error::<Test>::NotAManufacturer
			);
		}
		assert_ok!(Calls::register_product(
			RuntimeOrigin::signed(OTHER_MAKER),
			theirs,
			OTHER_PREFIX
		));
		System::assert_last_event(
			Event::ProductRegistered { gtin: theirs, manufacturer: OTHER_MAKER }.into(),
		);
	});
}

#[test]
fn commissioning_stores_one_batch_and_no_pack() {
	run(|| {
		let batch = commissioned("L1", 8);
		assert_eq!(holding(MAKER, &batch), Holding { loose: 8, packed: 0 });
		System::assert_last_event(
			Event::Commissioned {
				gtin: batch.gtin,
				lot: batch.lot.clone(),
				expiry: batch.expiry,
				packs: 8,
				root: batch.root,
				manufacturer: MAKER,
			}
			.into(),
		);
		assert_eq!(PackExceptions::<Test>::iter().count(), 0);
		assert_eq!(verdict(&batch, 5, None), TraceVerdict::Verified);
	});
}

#[test]
fn commissioning_refuses_bad_batches() {
	run(|| {
		let batch = SerialisedBatch::new(product(), "L1", 4);
		let commission = |who: u64, gtin: Gtin, lot: &str, expiry: u32, packs: u32| {
			Calls::commission(
				RuntimeOrigin::signed(who),
				gtin,
				text(lot),
				expiry,
				packs,
				batch.root,
			)
		};
		let expiry = batch.expiry;
		assert_noop!(commission(MAKER, product(), "L 1", expiry, 4), Error::<Test>::InvalidLot);
		assert_noop!(commission(MAKER, product(), "L1", today(), 4), Error::<Test>::ExpiryInPast);
		assert_noop!(
			commission(MAKER, product(), "L1", today() - 1, 4),
			Error::<Test>::ExpiryInPast
		);
		assert_noop!(
			commission(MAKER, product(), "L1", expiry, 0),
			Error::<Test>::InvalidPackCount
		);
		assert_noop!(
			commission(MAKER, product(), "L1", expiry, 1025),
			Error::<Test>::InvalidPackCount
		);
		assert_noop!(
			commission(MAKER, gtin(61_414_100_000), "L1", expiry, 4),
			Error::<Test>::UnknownProduct
		);
		assert_noop!(
			commission(OTHER_MAKER, product(), "L1", expiry, 4),
			Error::<Test>::NotYourProduct
		);
		assert_noop!(
			commission(DISTRIBUTOR, product(), "L1", expiry, 4),
			Error::<Test>::NotAManufacturer
		);
		assert_ok!(commission(MAKER, product(), "L1", expiry, 4));
		assert_noop!(commission(MAKER, product(), "L1", expiry, 4), Error::<Test>::BatchExists);
	});
}

#[test]
fn cases_and_pallets_travel_to_the_pharmacy() {
	run(|| {
		let batch = commissioned("L1", 8);
		pack_case(MAKER, 1, &batch, 3);
		pack_case(MAKER, 2, &batch, 3);
		assert_eq!(holding(MAKER, &batch), Holding { loose: 2, packed: 6 });
		let cases: BoundedVec<_, _> = vec![sscc(1), sscc(2)].try_into().unwrap();
		assert_ok!(Calls::aggregate_cases(RuntimeOrigin::signed(MAKER), sscc(9), cases));
		assert_eq!(Containers::<Test>::get(sscc(1)).unwrap().parent, Some(sscc(9)));
		assert_ok!(Calls::ship(RuntimeOrigin::signed(MAKER_STAFF), sscc(9), DISTRIBUTOR, [9; 32]));
		System::assert_last_event(
			Event::Shipped {
				sscc: sscc(9),
				from: MAKER,
				to: DISTRIBUTOR,
				transaction_hash: [9; 32],
			}
			.into(),
		);
		// In transit, nobody holds it.
		assert_eq!(holding(MAKER, &batch), Holding { loose: 2, packed: 0 });
		assert_eq!(holding(DISTRIBUTOR, &batch), Holding::default());
		assert_eq!(verdict(&batch, 0, Some(DISTRIBUTOR)), TraceVerdict::NotCustodian);
		assert_ok!(Calls::receive(RuntimeOrigin::signed(DISTRIBUTOR), sscc(9)));
		System::assert_last_event(Event::Received { sscc: sscc(9), by: DISTRIBUTOR }.into());
		assert_eq!(holding(DISTRIBUTOR, &batch), Holding { loose: 0, packed: 6 });
		assert_eq!(Containers::<Test>::get(sscc(2)).unwrap().custodian, DISTRIBUTOR);
		assert_eq!(verdict(&batch, 0, Some(DISTRIBUTOR)), TraceVerdict::Verified);
		// The distributor breaks the pallet and sends one case on.
		assert_ok!(Calls::disaggregate(RuntimeOrigin::signed(DISTRIBUTOR), sscc(9)));
		assert!(!Containers::<Test>::contains_key(sscc(9)));
		assert_eq!(Containers::<Test>::get(sscc(1)).unwrap().parent, None);
		hand_over(DISTRIBUTOR, PHARMACY, 1);
		assert_eq!(holding(PHARMACY, &batch), Holding { loose: 0, packed: 3 });
		assert_ok!(Calls::disaggregate(RuntimeOrigin::signed(PHARMACIST), sscc(1)));
		System::assert_last_event(Event::Disaggregated { sscc: sscc(1), by: PHARMACY }.into());
		assert_eq!(holding(PHARMACY, &batch), Holding { loose: 3, packed: 0 });
		assert_eq!(holding(DISTRIBUTOR, &batch), Holding { loose: 0, packed: 3 });
	});
}

#[test]
fn aggregation_refuses_what_the_packer_does_not_hold() {
	run(|| {
		let batch = commissioned("L1", 4);
		let aggregate = |who: u64, n: u64, lot: &str, packs: u32| {
			Calls::aggregate(
				RuntimeOrigin::signed(who),
				sscc(n),
				product(),
				text(lot),
				packs,
				H256::zero(),
			)
		};
		assert_noop!(aggregate(MAKER, 1, "L1", 5), Error::<Test>::NotEnoughPacks);
		assert_noop!(aggregate(MAKER, 1, "L1", 0), Error::<Test>::NotEnoughPacks);
		assert_noop!(aggregate(DISTRIBUTOR, 1, "L1", 1), Error::<Test>::NotEnoughPacks);
		assert_noop!(aggregate(MAKER, 1, "L2", 1), Error::<Test>::UnknownBatch);
		assert_noop!(aggregate(STRANGER, 1, "L1", 1), Error::<Test>::NotAProvider);
		assert_noop!(
			Calls::aggregate(
				RuntimeOrigin::signed(MAKER),
				carechain_primitives::trace::Sscc(sscc(1).0 / 10 * 10 + (sscc(1).0 % 10 + 1) % 10),
				product(),
				text("L1"),
				1,
				H256::zero()
			),
			Error::<Test>::InvalidSscc
		);
		pack_case(MAKER, 1, &batch, 2);
		assert_noop!(aggregate(MAKER, 1, "L1", 1), Error::<Test>::ContainerExists);
		let pallet = |cases: Vec<u64>| {
			let cases: Vec<_> = cases.into_iter().map(sscc).collect();
			Calls::aggregate_cases(RuntimeOrigin::signed(MAKER), sscc(9), cases.try_into().unwrap())
		};
		assert_noop!(pallet(vec![]), Error::<Test>::NoCases);
		assert_noop!(pallet(vec![1, 1]), Error::<Test>::DuplicateCase);
		assert_noop!(pallet(vec![1, 3]), Error::<Test>::UnknownContainer);
		assert_noop!(
			Calls::aggregate_cases(
				RuntimeOrigin::signed(DISTRIBUTOR),
				sscc(9),
				vec![sscc(1)].try_into().unwrap()
			),
			Error::<Test>::NotCustodian
		);
		assert_ok!(pallet(vec![1]));
		assert_noop!(
			Calls::aggregate_cases(
				RuntimeOrigin::signed(MAKER),
				sscc(8),
				vec![sscc(9)].try_into().unwrap()
			),
			Error::<Test>::NotACase
		);
		assert_noop!(
			Calls::aggregate_cases(
				RuntimeOrigin::signed(MAKER),
				sscc(8),
				vec![sscc(1)].try_into().unwrap()
			),
			Error::<Test>::OnAPallet
		);
		assert_noop!(
			Calls::disaggregate(RuntimeOrigin::signed(MAKER), sscc(1)),
			Error::<Test>::OnAPallet
		);
		assert_noop!(
			Calls::disaggregate(RuntimeOrigin::signed(MAKER), sscc(5)),
			Error::<Test>::UnknownContainer
		);
	});
}

#[test]
fn only_the_custodian_ships_and_only_the_addressee_receives() {
	run(|| {
		let batch = commissioned("L1", 4);
		pack_case(MAKER, 1, &batch, 2);
		let ship =
			|who: u64, to: u64| Calls::ship(RuntimeOrigin::signed(who), sscc(1), to, [1; 32]);
		// A shipment by a non-custodian.
		assert_noop!(ship(DISTRIBUTOR, PHARMACY), Error::<Test>::NotCustodian);
		assert_noop!(ship(MAKER, MAKER), Error::<Test>::InvalidTradingPartner);
		assert_noop!(ship(MAKER, STRANGER), Error::<Test>::InvalidTradingPartner);
		assert_noop!(ship(MAKER, PHARMACIST), Error::<Test>::InvalidTradingPartner);
		assert_noop!(
			Calls::ship(RuntimeOrigin::signed(MAKER), sscc(2), DISTRIBUTOR, [1; 32]),
			Error::<Test>::UnknownContainer
		);
		assert_ok!(ship(MAKER, DISTRIBUTOR));
		assert_noop!(ship(MAKER, PHARMACY), Error::<Test>::InTransit);
		assert_noop!(
			Calls::disaggregate(RuntimeOrigin::signed(MAKER), sscc(1)),
			Error::<Test>::InTransit
		);
		assert_noop!(
			Calls::receive(RuntimeOrigin::signed(PHARMACY), sscc(1)),
			Error::<Test>::NotAddressee
		);
		assert_noop!(
			Calls::receive(RuntimeOrigin::signed(DISTRIBUTOR), sscc(2)),
			Error::<Test>::UnknownContainer
		);
		assert_ok!(Calls::receive(RuntimeOrigin::signed(DISTRIBUTOR), sscc(1)));
		assert_noop!(
			Calls::receive(RuntimeOrigin::signed(DISTRIBUTOR), sscc(1)),
			Error::<Test>::NotAddressee
		);
	});
}

#[test]
fn a_pharmacy_verifies_and_dispenses_at_the_counter() {
	run(|| {
		let batch = at_the_pharmacy();
		assert_eq!(verdict(&batch, 2, Some(PHARMACIST)), TraceVerdict::Verified);
		assert_eq!(verdict(&batch, 2, Some(OTHER_PHARMACY)), TraceVerdict::NotCustodian);
		assert_eq!(verdict(&batch, 2, Some(STRANGER)), TraceVerdict::NotCustodian);
		assert_ok!(Calls::dispense(RuntimeOrigin::signed(PHARMACIST), batch.pack(2)));
		System::assert_last_event(
			Event::Dispensed {
				gtin: batch.gtin,
				lot: batch.lot.clone(),
				leaf: batch.leaves[2],
				by: PHARMACY,
			}
			.into(),
		);
		assert_eq!(holding(PHARMACY, &batch).loose, 3);
		assert_eq!(verdict(&batch, 2, Some(PHARMACY)), TraceVerdict::AlreadyDispensed);
		assert_eq!(verdict(&batch, 3, Some(PHARMACY)), TraceVerdict::Verified);
	});
}

#[test]
fn a_second_dispense_of_one_serial_is_caught_and_the_batch_becomes_suspect() {
	run(|| {
		let batch = at_the_pharmacy();
		assert_ok!(Calls::dispense(RuntimeOrigin::signed(PHARMACY), batch.pack(0)));
		// The cloned pack comes back to the counter: the call succeeds so that the flag stays.
		assert_ok!(Calls::dispense(RuntimeOrigin::signed(PHARMACIST), batch.pack(0)));
		assert!(System::events().iter().any(|record| record.event
			== Event::DuplicateDispenseCaught {
				gtin: batch.gtin,
				lot: batch.lot.clone(),
				leaf: batch.leaves[0],
				by: PHARMACY
			}
			.into()));
		assert_eq!(status(&batch), BatchStatus::Suspect);
		assert_eq!(holding(PHARMACY, &batch).loose, 3, "the clone was not dispensed");
		assert_eq!(verdict(&batch, 1, None), TraceVerdict::Suspect);
		assert_noop!(
			Calls::dispense(RuntimeOrigin::signed(PHARMACY), batch.pack(1)),
			Error::<Test>::BatchSuspect
		);
	});
}

#[test]
fn dispense_refuses_what_may_not_be_handed_out() {
	run(|| {
		let batch = at_the_pharmacy();
		let dispense = |who: u64, pack| Calls::dispense(RuntimeOrigin::signed(who), pack);
		assert_noop!(dispense(DISTRIBUTOR, batch.pack(0)), Error::<Test>::NotADispenser);
		assert_noop!(dispense(LAB, batch.pack(0)), Error::<Test>::NotADispenser);
		assert_noop!(dispense(STRANGER, batch.pack(0)), Error::<Test>::NotAProvider);
		assert_noop!(dispense(OTHER_PHARMACY, batch.pack(0)), Error::<Test>::NotCustodian);
		// A proof of the wrong length, and a forged one.
		let mut short = batch.pack(0);
		short.path.pop();
		assert_noop!(dispense(PHARMACY, short), Error::<Test>::InvalidProofLength);
		let mut forged = batch.pack(0);
		forged.leaf = H256::repeat_byte(1);
		assert_noop!(dispense(PHARMACY, forged), Error::<Test>::InvalidProof);
		let mut elsewhere = batch.pack(0);
		elsewhere.index = 8;
		assert_noop!(dispense(PHARMACY, elsewhere), Error::<Test>::InvalidProofLength);
		let mut unknown = batch.pack(0);
		unknown.lot = text("NOPE");
		assert_noop!(dispense(PHARMACY, unknown), Error::<Test>::UnknownBatch);
		assert_ok!(Calls::flag_pack(
			RuntimeOrigin::signed(PHARMACY),
			batch.pack(1),
			PackException::Quarantined
		));
		assert_noop!(dispense(PHARMACY, batch.pack(1)), Error::<Test>::PackUnavailable);
		advance_days(366);
		assert_noop!(dispense(PHARMACY, batch.pack(0)), Error::<Test>::Expired);
		assert_eq!(verdict(&batch, 0, None), TraceVerdict::Expired);
	});
}

#[test]
fn recalled_and_illegitimate_batches_are_never_dispensed() {
	run(|| {
		let batch = at_the_pharmacy();
		assert_ok!(Calls::recall(
			RuntimeOrigin::signed(MAKER_STAFF),
			batch.gtin,
			batch.lot.clone(),
			[7; 32]
		));
		System::assert_last_event(
			Event::BatchStatusChanged {
				gtin: batch.gtin,
				lot: batch.lot.clone(),
				status: BatchStatus::Recalled,
				notice: Some([7; 32]),
			}
			.into(),
		);
		assert_eq!(verdict(&batch, 0, Some(PHARMACY)), TraceVerdict::Recalled);
		assert_noop!(
			Calls::dispense(RuntimeOrigin::signed(PHARMACY), batch.pack(0)),
			Error::<Test>::BatchRecalled
		);
		assert_noop!(
			Calls::declare_illegitimate(
				RuntimeOrigin::root(),
				batch.gtin,
				batch.lot.clone(),
				[8; 32]
			),
			Error::<Test>::BatchFinal
		);

		let other = commissioned("L2", 2);
		assert_ok!(Calls::declare_illegitimate(
			RuntimeOrigin::root(),
			other.gtin,
			other.lot.clone(),
			[8; 32]
		));
		assert_eq!(verdict(&other, 0, None), TraceVerdict::Illegitimate);
		assert_noop!(
			Calls::dispense(RuntimeOrigin::signed(HOSPITAL), other.pack(0)),
			Error::<Test>::BatchIllegitimate
		);
		assert_noop!(
			Calls::recall(RuntimeOrigin::signed(MAKER), other.gtin, other.lot.clone(), [9; 32]),
			Error::<Test>::BatchFinal
		);
	});
}

#[test]
fn only_the_manufacturer_or_the_council_clears_recalls_or_declares() {
	run(|| {
		let batch = commissioned("L1", 2);
		let (gtin, lot) = (batch.gtin, batch.lot.clone());
		assert_noop!(
			Calls::clear_suspect(RuntimeOrigin::signed(MAKER), gtin, lot.clone()),
			Error::<Test>::NotSuspect
		);
		assert_noop!(
			Calls::recall(RuntimeOrigin::signed(OTHER_MAKER), gtin, lot.clone(), [1; 32]),
			Error::<Test>::NotYourProduct
		);
		assert_noop!(
			Calls::recall(RuntimeOrigin::signed(DISTRIBUTOR), gtin, lot.clone(), [1; 32]),
			Error::<Test>::NotAManufacturer
		);
		assert_noop!(
			Calls::recall(RuntimeOrigin::root(), gtin, text("L9"), [1; 32]),
			Error::<Test>::UnknownBatch
		);
		assert_ok!(Calls::flag_suspect(RuntimeOrigin::signed(MAKER), gtin, lot.clone()));
		assert_noop!(
			Calls::flag_suspect(RuntimeOrigin::signed(MAKER), gtin, lot.clone()),
			Error::<Test>::BatchNotActive
		);
		assert_ok!(Calls::clear_suspect(RuntimeOrigin::root(), gtin, lot.clone()));
		assert_eq!(status(&batch), BatchStatus::Active);
		assert_eq!(verdict(&batch, 1, None), TraceVerdict::Verified);
	});
}

#[test]
fn trading_partners_flag_suspect_batches() {
	run(|| {
		let batch = at_the_pharmacy();
		let (gtin, lot) = (batch.gtin, batch.lot.clone());
		assert_noop!(
			Calls::flag_suspect(RuntimeOrigin::signed(OTHER_PHARMACY), gtin, lot.clone()),
			Error::<Test>::NotCustodian
		);
		assert_noop!(
			Calls::flag_suspect(RuntimeOrigin::signed(PHARMACY), gtin, text("L9")),
			Error::<Test>::UnknownBatch
		);
		assert_ok!(Calls::flag_suspect(RuntimeOrigin::signed(PHARMACIST), gtin, lot.clone()));
		assert_eq!(status(&batch), BatchStatus::Suspect);
		assert_eq!(verdict(&batch, 0, Some(PHARMACY)), TraceVerdict::Suspect);
		assert_ok!(Calls::clear_suspect(RuntimeOrigin::signed(MAKER_STAFF), gtin, lot));
		assert_eq!(verdict(&batch, 0, Some(PHARMACY)), TraceVerdict::Verified);
	});
}

#[test]
fn packs_are_quarantined_cleared_and_reported() {
	run(|| {
		let batch = at_the_pharmacy();
		let flag = |who: u64, index: u32, exception| {
			Calls::flag_pack(RuntimeOrigin::signed(who), batch.pack(index), exception)
		};
		assert_noop!(flag(PHARMACY, 0, PackException::Dispensed), Error::<Test>::InvalidException);
		assert_noop!(
			flag(OTHER_PHARMACY, 0, PackException::Quarantined),
			Error::<Test>::NotCustodian
		);
		assert_ok!(flag(PHARMACIST, 0, PackException::Quarantined));
		assert_eq!(verdict(&batch, 0, None), TraceVerdict::Quarantined);
		assert_noop!(
			flag(PHARMACY, 0, PackException::Quarantined),
			Error::<Test>::PackHasException
		);
		let clear = |who: u64, index: usize| {
			Calls::clear_pack(
				RuntimeOrigin::signed(who),
				batch.gtin,
				batch.lot.clone(),
				batch.leaves[index],
			)
		};
		assert_noop!(clear(OTHER_PHARMACY, 0), Error::<Test>::NotCustodian);
		assert_noop!(clear(PHARMACY, 1), Error::<Test>::NotQuarantined);
		assert_noop!(
			Calls::clear_pack(
				RuntimeOrigin::signed(PHARMACY),
				batch.gtin,
				text("L9"),
				batch.leaves[0]
			),
			Error::<Test>::UnknownBatch
		);
		assert_ok!(clear(MAKER, 0));
		System::assert_last_event(
			Event::PackCleared { gtin: batch.gtin, lot: batch.lot.clone(), leaf: batch.leaves[0] }
				.into(),
		);
		assert_eq!(verdict(&batch, 0, None), TraceVerdict::Verified);
		// Quarantined, then found stolen; a stolen pack stays stolen.
		assert_ok!(flag(PHARMACY, 1, PackException::Quarantined));
		assert_ok!(flag(PHARMACY, 1, PackException::Stolen));
		assert_eq!(verdict(&batch, 1, None), TraceVerdict::Stolen);
		assert_noop!(flag(PHARMACY, 1, PackException::Destroyed), Error::<Test>::PackHasException);
		assert_noop!(clear(PHARMACY, 1), Error::<Test>::NotQuarantined);
		assert_ok!(flag(MAKER, 5, PackException::Destroyed));
		assert_eq!(verdict(&batch, 5, None), TraceVerdict::Destroyed);
	});
}

#[test]
fn a_dispense_is_undone_only_within_the_window_by_its_pharmacy() {
	run(|| {
		let batch = at_the_pharmacy();
		assert_ok!(Calls::dispense(RuntimeOrigin::signed(PHARMACY), batch.pack(0)));
		assert_ok!(Calls::dispense(RuntimeOrigin::signed(PHARMACY), batch.pack(1)));
		let undo = |who: u64, index: usize| {
			Calls::undo_dispense(
				RuntimeOrigin::signed(who),
				batch.gtin,
				batch.lot.clone(),
				batch.leaves[index],
			)
		};
		assert_noop!(undo(OTHER_PHARMACY, 0), Error::<Test>::NotDispensed);
		assert_noop!(undo(PHARMACY, 2), Error::<Test>::NotDispensed);
		assert_ok!(undo(PHARMACIST, 0));
		assert_eq!(holding(PHARMACY, &batch).loose, 3);
		assert_eq!(verdict(&batch, 0, Some(PHARMACY)), TraceVerdict::Verified);
		advance_days(2);
		assert_noop!(undo(PHARMACY, 1), Error::<Test>::UndoWindowPassed);
	});
}

#[test]
fn a_forged_or_mismatched_code_verifies_as_unknown() {
	run(|| {
		let batch = at_the_pharmacy();
		let (id, proof) = batch.id_and_proof(1);
		let mut forged = id.clone();
		forged.serial = text("SN99999999");
		assert_eq!(Traceability::verify(&forged, &proof, None), TraceVerdict::Unknown);
		let mut wrong_expiry = id.clone();
		wrong_expiry.expiry += 1;
		assert_eq!(Traceability::verify(&wrong_expiry, &proof, None), TraceVerdict::Unknown);
		let mut wrong_salt = proof.clone();
		wrong_salt.salt[0] ^= 1;
		assert_eq!(Traceability::verify(&id, &wrong_salt, None), TraceVerdict::Unknown);
		let mut short = proof.clone();
		short.path.pop();
		assert_eq!(Traceability::verify(&id, &short, None), TraceVerdict::Unknown);
		let mut unknown_lot = id.clone();
		unknown_lot.lot = text("L9");
		assert_eq!(Traceability::verify(&unknown_lot, &proof, None), TraceVerdict::Unknown);
		assert_eq!(Traceability::verify(&id, &proof, None), TraceVerdict::Verified);
	});
}

#[test]
fn a_suspended_provider_can_do_nothing() {
	run(|| {
		let batch = at_the_pharmacy();
		Suspended::set(vec![PHARMACY]);
		assert_noop!(
			Calls::dispense(RuntimeOrigin::signed(PHARMACIST), batch.pack(0)),
			Error::<Test>::NotAProvider
		);
		assert_eq!(verdict(&batch, 0, Some(PHARMACY)), TraceVerdict::NotCustodian);
		Suspended::set(vec![MAKER]);
		assert_noop!(
			Calls::commission(
				RuntimeOrigin::signed(MAKER),
				product(),
				text("L5"),
				today() + 9,
				1,
				H256::zero()
			),
			Error::<Test>::NotAManufacturer
		);
		Suspended::set(vec![]);
	});
}

#[test]
fn genesis_builds_the_directory_and_a_batch_in_transit_by_the_calls_checks() {
	use crate::{CompanyPrefixes, GenesisBatch, GenesisConfig, Products};
	use sp_runtime::BuildStorage;
	let batch = SerialisedBatch::new(product(), "G1", 6);
	let in_transit = GenesisBatch {
		gtin: batch.gtin,
		lot: batch.lot.clone(),
		expiry: batch.expiry,
		packs: 6,
		root: batch.root.0,
		case: sscc(1),
		manifest: [1; 32],
		shipped_to: Some((DISTRIBUTOR, [7; 32])),
	};
	let config = RuntimeGenesisConfig {
		system: Default::default(),
		traceability: GenesisConfig {
			// A distributor is no manufacturer: refused.
			company_prefixes: vec![(PREFIX, MAKER), (OTHER_PREFIX, DISTRIBUTOR)],
			// A GTIN under nobody's prefix: refused.
			products: vec![(product(), PREFIX), (gtin(76_543_210_001), OTHER_PREFIX)],
			batches: vec![
				in_transit,
				// Expired: refused, nothing of it stored.
				GenesisBatch {
					gtin: batch.gtin,
					lot: text("G2"),
					expiry: 0,
					packs: 6,
					root: batch.root.0,
					case: sscc(2),
					manifest: [2; 32],
					shipped_to: None,
				},
				// Commissioned, then refused at aggregation (the case exists): the batch's
				// commissioning is undone too.
				GenesisBatch {
					gtin: batch.gtin,
					lot: text("G3"),
					expiry: batch.expiry,
					packs: 6,
					root: batch.root.0,
					case: sscc(1),
					manifest: [3; 32],
					shipped_to: None,
				},
			],
		},
	};
	let mut ext: sp_io::TestExternalities = config.build_storage().unwrap().into();
	ext.execute_with(|| {
		System::set_block_number(1);
		assert_eq!(CompanyPrefixes::<Test>::iter().collect::<Vec<_>>(), vec![(PREFIX, MAKER)]);
		assert_eq!(Products::<Test>::iter_keys().collect::<Vec<_>>(), vec![product()]);
		assert_eq!(
			Batches::<Test>::iter_keys().collect::<Vec<_>>(),
			vec![(batch.gtin, text("G1"))]
		);
		// In transit: nobody holds it, so no verifier is its custodian yet.
		assert_eq!(verdict(&batch, 0, None), TraceVerdict::Verified);
		assert_eq!(verdict(&batch, 0, Some(DISTRIBUTOR)), TraceVerdict::NotCustodian);
		crate::Pallet::<Test>::do_try_state().unwrap();
		assert_ok!(Calls::receive(RuntimeOrigin::signed(DISTRIBUTOR), sscc(1)));
		assert_eq!(holding(DISTRIBUTOR, &batch), Holding { loose: 0, packed: 6 });
		assert_eq!(verdict(&batch, 5, Some(DISTRIBUTOR)), TraceVerdict::Verified);
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}
