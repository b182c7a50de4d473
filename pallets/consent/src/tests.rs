//! Tests of the consent pallet through its calls, hooks and the functions behind `ConsentApi`.

use carechain_primitives::{
	sealed::{
		seal_scope, sealed_tag, ConsentSalt, SealedSalt, SealedScope, SEALED_SALT_BOXES,
		SEALED_SALT_LEN,
	},
	traits::{ConsentManager, EmergencyReviews},
	AccessDecision, AccessEntry, AccessLogHead, AccessedCategory, Action, Actions, ConsentKind,
	ConsentStatus, DataCategories, DataCategory, DenyReason, PurposeOfUse, Purposes,
	StandardCategory,
};
use codec::{Decode, Encode};
use frame_support::{
	assert_noop, assert_ok,
	traits::{
		fungible::{Inspect, InspectHold, Mutate},
		Hooks,
	},
	weights::Weight,
};
use sp_runtime::DispatchError;

use crate::{
	mock::*, AccessLogs, AnchorCount, CleanupCursor, ConsentCount, ConsentParties, ConsentsByPair,
	EmergencyAccesses, EmergencyConsentCount, Error, Event, Expiring, ExpiryPages, HoldReason,
	PendingRequests, RecordAnchors, Requests, EXPIRY_BUCKET_MS,
};

mod property;
mod sealed;

/// A sealed box whose ephemeral key is usable: the runtime checks no more of a box.
const SALT_BOX: SealedSalt = {
	let mut salt_box = [0u8; SEALED_SALT_LEN];
	salt_box[0] = 9;
	salt_box
};

/// The sealed scope of the sensitive `categories` under `salt`, with boxes the runtime accepts.
fn sealed_scope(
	salt: &ConsentSalt,
	categories: impl IntoIterator<Item = DataCategory>,
) -> SealedScope {
	SealedScope { tags: seal_scope(salt, categories), salts: [SALT_BOX; SEALED_SALT_BOXES] }
}

/// A grant that must fail: patient, grantee, categories, actions, purposes, expiry, error.
type GrantCase = (u64, u64, DataCategories, Actions, Purposes, u64, Error<Test>);
/// A row of the access-check table: patient, accessor, what is asked, the expected decision.
type CheckRow = (u64, u64, DataCategory, Action, PurposeOfUse, Box<dyn Fn(AccessDecision) -> bool>);

const LAB_RESULTS: DataCategories = DataCategories(1 << 5);
const READ: Actions = Actions(1);
const READ_WRITE: Actions = Actions(3);
const TREAT: Purposes = Purposes(1);
const HASH: [u8; 32] = [7; 32];

/// What a record anchor costs in the mock: the price of the pallet's anchor footprint.
fn anchor_deposit() -> Balance {
	use sp_runtime::traits::Convert;
	frame_support::traits::LinearStoragePrice::<
		frame_support::traits::ConstU64<10>,
		frame_support::traits::ConstU64<1>,
		Balance,
	>::convert(Consent::anchor_footprint())
}

fn origin(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

/// The emergency bonds `organisation` holds.
fn bond_held(organisation: u64) -> Balance {
	Balances::balance_on_hold(&HoldReason::EmergencyBond.into(), &organisation)
}

/// `PATIENT` grants `grantee` lab-results `actions` for treatment for `days`; returns the id.
fn grant(grantee: u64, actions: Actions, days: u64) -> u64 {
	let id = crate::NextConsentId::<Test>::get();
	assert_ok!(Consent::grant(
		origin(PATIENT),
		grantee,
		LAB_RESULTS.into(),
		actions.into(),
		TREAT.into(),
		Now::get() + days * DAY
	));
	id
}

fn check(
	accessor: u64,
	category: impl Into<AccessedCategory>,
	action: Action,
	purpose: PurposeOfUse,
) -> AccessDecision {
	Consent::check_access(&PATIENT, &accessor, &category.into(), action, purpose)
}

fn lab_read(accessor: u64) -> AccessDecision {
	check(accessor, StandardCategory::LabResults, Action::Read, PurposeOfUse::Treatment)
}

fn deny(reason: DenyReason) -> AccessDecision {
	AccessDecision::Deny(reason)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Consent(event) => Some(event),
			_ => None,
		})
		.next_back()
		.expect("a consent event")
}

fn consent_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|record| match record.event {
			RuntimeEvent::Consent(event) => Some(event),
			_ => None,
		})
		.collect()
}

/// The items queued in expiry bucket `bucket`, page by page.
fn queued(bucket: u64) -> Vec<Expiring> {
	let mut pages: Vec<_> = ExpiryPages::<Test>::iter_prefix(bucket).collect();
	pages.sort_by_key(|(number, _)| *number);
	pages.into_iter().flat_map(|(_, page)| page.into_inner()).collect()
}

fn on_idle(limit: Weight) -> Weight {
	<Consent as Hooks<u64>>::on_idle(1, limit)
}

// ---- grant / revoke / renew -------------------------------------------------------------

#[test]
fn grant_stores_the_consent_and_permits_the_grantee() {
	let ((), index) = build_execute_and_read_index(|| {
		let expires_at = START + 30 * DAY;
		assert_ok!(Consent::grant(
			origin(PATIENT),
			HOSPITAL,
			LAB_RESULTS.into(),
			READ.into(),
			TREAT.into(),
			expires_at
		));
		assert_eq!(
			last_event(),
			Event::ConsentGranted {
				consent_id: 0,
				patient: PATIENT,
				grantee: HOSPITAL,
				kind: ConsentKind::Standard,
			}
		);
		let consent = Consent::consent(0).expect("stored");
		assert_eq!(
			(consent.patient, consent.grantee, consent.created_at),
			(PATIENT, HOSPITAL, START)
		);
		assert_eq!(consent.status, ConsentStatus::Active);
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 1);
		assert_eq!(lab_read(HOSPITAL), AccessDecision::Permit { consent_id: 0, expires_at });
		assert_eq!(Consent::consents_by_patient(&PATIENT).len(), 1);
		// The grantee's listing (its ids in the off-chain index) has the consent; state keeps
		// only the listing's length.
		assert_eq!(Consent::grantee_listing_length(&HOSPITAL), 1);
		assert_eq!(Consent::consents_listed(&HOSPITAL, vec![0, 0, 7])[0].0, 0);
		assert_eq!(Consent::consents_listed(&HOSPITAL, vec![0, 0, 7]).len(), 1);
		assert!(Consent::consents_listed(&LAB, vec![0]).is_empty(), "not LAB's consent");
	});
	assert_eq!(listing(&index, &HOSPITAL), vec![0]);
	assert!(listing(&index, &LAB).is_empty());
}

#[test]
fn grant_errors_change_nothing() {
	build_and_execute(|| {
		let later = START + DAY;
		let cases: Vec<GrantCase> = vec![
			(STRANGER, HOSPITAL, LAB_RESULTS, READ, TREAT, later, Error::NotRegistered),
			(PATIENT, STRANGER, LAB_RESULTS, READ, TREAT, later, Error::GranteeNotActive),
			(PATIENT, PENDING_CLINIC, LAB_RESULTS, READ, TREAT, later, Error::GranteeNotActive),
			(PATIENT, HOSPITAL, DataCategories(0), READ, TREAT, later, Error::InvalidCategories),
			(PATIENT, HOSPITAL, LAB_RESULTS, Actions(0), TREAT, later, Error::InvalidActions),
			(PATIENT, HOSPITAL, LAB_RESULTS, READ, Purposes(0), later, Error::InvalidPurposes),
			(
				PATIENT,
				HOSPITAL,
				LAB_RESULTS,
				READ,
				Purposes(0b11),
				later,
				Error::EmergencyPurposeNotGrantable,
			),
			(PATIENT, HOSPITAL, LAB_RESULTS, READ, TREAT, START, Error::ExpiryInPast),
			(PATIENT, HOSPITAL, LAB_RESULTS, READ, TREAT, START + 366 * DAY, Error::ExpiryTooFar),
		];
		for (patient, grantee, categories, actions, purposes, expires_at, error) in cases {
			assert_noop!(
				Consent::grant(
					origin(patient),
					grantee,
					categories.into(),
					actions.into(),
					purposes.into(),
					expires_at
				),
				error
			);
		}
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::root(),
				HOSPITAL,
				LAB_RESULTS.into(),
				READ.into(),
				TREAT.into(),
				later
			),
			DispatchError::BadOrigin
		);
	});
}

/// A call's lists are lists of the enums: an entry no variant names, or more entries than there
/// are variants, does not decode, so no such grant reaches the pallet; a repeat counts once.
#[test]
fn grant_lists_decode_only_known_entries_within_their_bound() {
	build_and_execute(|| {
		let grant = |categories: Vec<u8>| {
			let mut bytes = crate::Call::<Test>::grant {
				grantee: HOSPITAL,
				categories: Default::default(),
				actions: READ.into(),
				purposes: TREAT.into(),
				expires_at: START + DAY,
			}
			.encode();
			// Call index, grantee (u64), then the categories list (empty: one zero byte).
			let at = 1 + 8;
			assert_eq!(bytes[at], 0);
			bytes.splice(at..at + 1, codec::Compact(categories.len() as u32).encode());
			bytes.splice(at + 1..at + 1, categories);
			crate::Call::<Test>::decode(&mut &bytes[..])
		};
		// Billing is variant 12, the last standard category: 13 (MentalHealth, a sensitive
		// category) is none a call may name in clear.
		assert!(grant(vec![12]).is_ok());
		assert!(grant(vec![13]).is_err());
		assert!(grant(vec![17]).is_err());
		assert!(grant((0..13).collect()).is_ok());
		assert!(grant((0..13).chain([0]).collect()).is_err());
		let Ok(crate::Call::grant { categories, .. }) = grant(vec![5, 5]) else {
			panic!("a repeated category decodes")
		};
		assert_ok!(Consent::grant(
			origin(PATIENT),
			HOSPITAL,
			categories,
			READ.into(),
			TREAT.into(),
			START + DAY
		));
		assert_eq!(
			Consent::consents_by_patient(&PATIENT).first().map(|(_, c)| c.categories),
			Some(LAB_RESULTS)
		);
	});
}

#[test]
fn grants_are_bounded_per_grantee_and_per_patient() {
	build_and_execute(|| {
		for _ in 0..3 {
			grant(HOSPITAL, READ, 1);
		}
		assert_noop!(
			Consent::grant(
				origin(PATIENT),
				HOSPITAL,
				LAB_RESULTS.into(),
				READ.into(),
				TREAT.into(),
				START + DAY
			),
			Error::<Test>::TooManyConsentsForGrantee
		);
		for grantee in [LAB, LAB_TECH, INSTITUTE, PHYSICIAN, NURSE] {
			grant(grantee, READ, 1);
		}
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 8);
		assert_noop!(
			Consent::grant(
				origin(PATIENT),
				LAB,
				LAB_RESULTS.into(),
				READ.into(),
				TREAT.into(),
				START + DAY
			),
			Error::<Test>::TooManyConsents
		);
	});
}

#[test]
fn revoke_takes_effect_in_the_same_block() {
	build_and_execute(|| {
		let id = grant(HOSPITAL, READ, 30);
		assert_ok!(Consent::record_access(
			origin(NURSE),
			PATIENT,
			StandardCategory::LabResults,
			PurposeOfUse::Treatment,
			Action::Read,
			None
		));
		assert_ok!(Consent::revoke(origin(PATIENT), id));
		assert_eq!(last_event(), Event::ConsentRevoked { consent_id: id, patient: PATIENT });
		assert_eq!(lab_read(HOSPITAL), deny(DenyReason::Revoked));
		assert_noop!(
			Consent::record_access(
				origin(NURSE),
				PATIENT,
				StandardCategory::LabResults,
				PurposeOfUse::Treatment,
				Action::Read,
				None
			),
			Error::<Test>::NoValidConsent
		);
		assert_eq!(Consent::consent(id).map(|c| c.status), Some(ConsentStatus::Revoked));
	});
}

#[test]
fn revoke_errors_change_nothing() {
	build_and_execute(|| {
		let id = grant(HOSPITAL, READ, 1);
		assert_noop!(Consent::revoke(origin(PATIENT), 99), Error::<Test>::UnknownConsent);
		assert_noop!(Consent::revoke(origin(OTHER_PATIENT), id), Error::<Test>::NotYours);
		assert_ok!(Consent::revoke(origin(PATIENT), id));
		assert_noop!(Consent::revoke(origin(PATIENT), id), Error::<Test>::NotActive);
		let expired = grant(HOSPITAL, READ, 1);
		set_time(START + DAY);
		assert_noop!(Consent::revoke(origin(PATIENT), expired), Error::<Test>::NotActive);
	});
}

#[test]
fn renew_moves_the_expiry_and_the_queue_entry() {
	build_and_execute(|| {
		let id = grant(HOSPITAL, READ, 1);
		let later = START + 60 * DAY;
		assert_ok!(Consent::renew(origin(PATIENT), id, later));
		assert_eq!(last_event(), Event::ConsentRenewed { consent_id: id, patient: PATIENT });
		// Queued at the new expiry; the old bucket's entry stays there and is passed over.
		assert!(queued((START + DAY) / EXPIRY_BUCKET_MS).contains(&Expiring::Consent(id)));
		assert_eq!(queued(later / EXPIRY_BUCKET_MS), vec![Expiring::Consent(id)]);
		set_time(START + 2 * DAY);
		on_idle(Weight::MAX);
		assert!(queued((START + DAY) / EXPIRY_BUCKET_MS).is_empty(), "the old bucket is cleaned");
		assert_eq!(
			lab_read(HOSPITAL),
			AccessDecision::Permit { consent_id: id, expires_at: later }
		);
		assert!(
			!consent_events().contains(&Event::ConsentExpired { consent_id: id, patient: PATIENT })
		);
	});
}

#[test]
fn renew_errors_change_nothing() {
	build_and_execute(|| {
		let id = grant(HOSPITAL, READ, 1);
		assert_noop!(
			Consent::renew(origin(PATIENT), 99, START + DAY),
			Error::<Test>::UnknownConsent
		);
		assert_noop!(
			Consent::renew(origin(OTHER_PATIENT), id, START + DAY),
			Error::<Test>::NotYours
		);
		assert_noop!(Consent::renew(origin(PATIENT), id, START), Error::<Test>::ExpiryInPast);
		assert_noop!(
			Consent::renew(origin(PATIENT), id, START + 400 * DAY),
			Error::<Test>::ExpiryTooFar
		);
		assert_ok!(Consent::emergency_access(origin(NURSE), PATIENT, LAB_RESULTS.into(), HASH));
		assert_noop!(
			Consent::renew(origin(PATIENT), id + 1, START + DAY),
			Error::<Test>::NotRenewable
		);
		assert_ok!(Consent::revoke(origin(PATIENT), id));
		assert_noop!(Consent::renew(origin(PATIENT), id, START + DAY), Error::<Test>::NotActive);
	});
}

// ---- requests ---------------------------------------------------------------------------

fn request(requester: u64) -> u64 {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(ask_for_lab_results(requester, 10 * DAY));
	id
}

/// `requester` asks `PATIENT` to read lab results for treatment for `duration`.
fn ask_for_lab_results(requester: u64, duration: u64) -> sp_runtime::DispatchResult {
	Consent::request_access(
		origin(requester),
		PATIENT,
		LAB_RESULTS.into(),
		READ.into(),
		TREAT.into(),
		duration,
		HASH,
	)
}

#[test]
fn approving_a_request_creates_a_request_consent() {
	build_and_execute(|| {
		let request_id = request(LAB_TECH);
		assert_eq!(
			last_event(),
			Event::AccessRequested { request_id, patient: PATIENT, requester: LAB_TECH }
		);
		// What is asked reaches the patient through the runtime API, not the event.
		let pending = Consent::pending_requests_of(&PATIENT);
		assert_eq!(pending.len(), 1);
		let (id, asked) = &pending[0];
		assert_eq!(*id, request_id);
		assert_eq!(
			(asked.categories, asked.actions, asked.purposes, asked.duration_ms),
			(LAB_RESULTS, READ, TREAT, 10 * DAY)
		);
		assert_eq!(
			(asked.justification_hash, asked.lapses_at, asked.organisation),
			(HASH, START + 7 * DAY, LAB)
		);
		assert_eq!(lab_read(LAB_TECH), deny(DenyReason::NoConsent));
		set_time(START + DAY);
		assert_ok!(Consent::approve_request(origin(PATIENT), request_id));
		assert_eq!(
			last_event(),
			Event::RequestApproved { request_id, patient: PATIENT, consent_id: 0 }
		);
		let consent = Consent::consent(0).expect("created");
		assert_eq!(consent.kind, ConsentKind::Request(request_id));
		assert_eq!(consent.expires_at, START + 11 * DAY);
		assert_eq!(
			lab_read(LAB_TECH),
			AccessDecision::Permit { consent_id: 0, expires_at: START + 11 * DAY }
		);
		assert!(Requests::<Test>::get(request_id).is_none());
		assert!(!PendingRequests::<Test>::contains_key(PATIENT));
	});
}

#[test]
fn denying_a_request_removes_it() {
	build_and_execute(|| {
		let request_id = request(HOSPITAL);
		assert_ok!(Consent::deny_request(origin(PATIENT), request_id));
		assert_eq!(last_event(), Event::RequestDenied { request_id, patient: PATIENT });
		assert!(Requests::<Test>::get(request_id).is_none());
		assert_noop!(
			Consent::approve_request(origin(PATIENT), request_id),
			Error::<Test>::UnknownRequest
		);
	});
}

#[test]
fn request_errors_change_nothing() {
	build_and_execute(|| {
		let req =
			|who: u64, patient: u64, categories: DataCategories, purposes: Purposes, duration| {
				Consent::request_access(
					origin(who),
					patient,
					categories.into(),
					READ.into(),
					purposes.into(),
					duration,
					HASH,
				)
			};
		assert_noop!(req(STRANGER, PATIENT, LAB_RESULTS, TREAT, DAY), Error::<Test>::NotAProvider);
		assert_noop!(
			req(HOSPITAL, STRANGER, LAB_RESULTS, TREAT, DAY),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			req(HOSPITAL, PATIENT, DataCategories(0), TREAT, DAY),
			Error::<Test>::InvalidCategories
		);
		assert_noop!(
			req(HOSPITAL, PATIENT, LAB_RESULTS, Purposes(2), DAY),
			Error::<Test>::EmergencyPurposeNotGrantable
		);
		assert_noop!(
			req(HOSPITAL, PATIENT, LAB_RESULTS, TREAT, 0),
			Error::<Test>::DurationOutOfRange
		);
		assert_noop!(
			req(HOSPITAL, PATIENT, LAB_RESULTS, TREAT, 366 * DAY),
			Error::<Test>::DurationOutOfRange
		);
		request(HOSPITAL);
		assert_noop!(
			req(NURSE, PATIENT, LAB_RESULTS, TREAT, DAY),
			Error::<Test>::TooManyRequestsFromOrganisation
		);
		let second = request(LAB);
		assert_noop!(
			req(PHYSICIAN, PATIENT, LAB_RESULTS, TREAT, DAY),
			Error::<Test>::TooManyPendingRequests
		);
		assert_noop!(
			Consent::approve_request(origin(OTHER_PATIENT), second),
			Error::<Test>::NotYours
		);
		assert_noop!(Consent::deny_request(origin(OTHER_PATIENT), second), Error::<Test>::NotYours);
		assert_noop!(Consent::deny_request(origin(PATIENT), 99), Error::<Test>::UnknownRequest);
		// The requester lost its standing before the patient answered.
		suspend(LAB);
		assert_noop!(
			Consent::approve_request(origin(PATIENT), second),
			Error::<Test>::GranteeNotActive
		);
		set_time(START + 7 * DAY);
		assert_noop!(
			Consent::approve_request(origin(PATIENT), second),
			Error::<Test>::RequestLapsed
		);
	});
}

#[test]
fn lapsed_requests_are_cleaned_up() {
	build_and_execute(|| {
		let request_id = request(HOSPITAL);
		set_time(START + 7 * DAY + EXPIRY_BUCKET_MS);
		on_idle(Weight::MAX);
		assert!(consent_events().contains(&Event::RequestLapsed { request_id, patient: PATIENT }));
		assert!(Requests::<Test>::get(request_id).is_none());
		assert!(!PendingRequests::<Test>::contains_key(PATIENT));
	});
}

// ---- emergency access -------------------------------------------------------------------

#[test]
fn emergency_access_opens_a_read_only_window_and_is_reviewable() {
	build_and_execute(|| {
		assert_ok!(Consent::emergency_access(origin(NURSE), PATIENT, LAB_RESULTS.into(), HASH));
		let expires_at = START + DAY / 2;
		assert_eq!(
			last_event(),
			Event::EmergencyAccessInvoked {
				consent_id: 0,
				patient: PATIENT,
				accessor: NURSE,
				organisation: HOSPITAL,
			}
		);
		let etreat = |action| {
			check(NURSE, StandardCategory::LabResults, action, PurposeOfUse::EmergencyTreatment)
		};
		assert_eq!(etreat(Action::Read), AccessDecision::Permit { consent_id: 0, expires_at });
		assert_eq!(etreat(Action::Write), deny(DenyReason::ActionNotCovered));
		assert_eq!(lab_read(NURSE), deny(DenyReason::PurposeNotCovered));
		// Personal to the invoker: the hospital's other staff get nothing from it.
		assert_eq!(
			check(
				HOSPITAL,
				StandardCategory::LabResults,
				Action::Read,
				PurposeOfUse::EmergencyTreatment
			),
			deny(DenyReason::NoConsent)
		);
		// The hospital holds the bond and cannot leave the registry until the review.
		assert_eq!(bond_held(HOSPITAL), EMERGENCY_BOND);
		assert_eq!(Consent::open_reviews(&HOSPITAL), 1);
		// Still reviewable after it expired and was cleaned up.
		set_time(expires_at + EXPIRY_BUCKET_MS);
		on_idle(Weight::MAX);
		assert!(Consent::consent(0).is_none());
		assert!(EmergencyAccesses::<Test>::contains_key(0));
		assert_ok!(Consent::review_emergency_access(RuntimeOrigin::root(), 0, true));
		assert_eq!(
			last_event(),
			Event::EmergencyAccessReviewed { consent_id: 0, justified: true, slashed: 0 }
		);
		assert_eq!(Balances::free_balance(PATIENT), ENDOWMENT);
		// Justified: the bond is back with the hospital.
		assert_eq!(bond_held(HOSPITAL), 0);
		assert_eq!(Balances::free_balance(HOSPITAL), ENDOWMENT);
		assert_eq!(Consent::open_reviews(&HOSPITAL), 0);
	});
}

#[test]
fn an_unjustified_emergency_access_is_revoked_and_slashed_to_the_patient() {
	build_and_execute(|| {
		assert_ok!(Consent::emergency_access(origin(PHYSICIAN), PATIENT, LAB_RESULTS.into(), HASH));
		assert_ok!(Consent::review_emergency_access(RuntimeOrigin::root(), 0, false));
		// The patient receives the forfeited bond and the slash of the deposit.
		assert_eq!(
			last_event(),
			Event::EmergencyAccessReviewed {
				consent_id: 0,
				justified: false,
				slashed: EMERGENCY_SLASH + EMERGENCY_BOND
			}
		);
		assert_eq!(Balances::free_balance(PATIENT), ENDOWMENT + EMERGENCY_SLASH + EMERGENCY_BOND);
		assert_eq!(bond_held(PHYSICIAN), 0);
		assert_eq!(
			Balances::total_balance(&PHYSICIAN),
			ENDOWMENT - EMERGENCY_SLASH - EMERGENCY_BOND
		);
		assert_eq!(Consent::consent(0).map(|c| c.status), Some(ConsentStatus::Revoked));
		assert_noop!(
			Consent::review_emergency_access(RuntimeOrigin::root(), 0, false),
			Error::<Test>::UnknownEmergencyAccess
		);
	});
}

#[test]
fn the_emergency_window_never_exceeds_a_day() {
	build_and_execute(|| {
		EmergencyAccessWindow::set(3 * DAY);
		assert_ok!(Consent::emergency_access(origin(HOSPITAL), PATIENT, LAB_RESULTS.into(), HASH));
		assert_eq!(Consent::consent(0).map(|c| c.expires_at), Some(START + DAY));
	});
}

#[test]
fn emergency_access_errors_change_nothing() {
	build_and_execute(|| {
		let call = |who: u64, patient: u64, categories: DataCategories| {
			Consent::emergency_access(origin(who), patient, categories.into(), HASH)
		};
		assert_noop!(call(STRANGER, PATIENT, LAB_RESULTS), Error::<Test>::NotAProvider);
		assert_noop!(call(LAB_TECH, PATIENT, LAB_RESULTS), Error::<Test>::NotClinical);
		assert_noop!(call(HOSPITAL, STRANGER, LAB_RESULTS), Error::<Test>::NotRegistered);
		assert_noop!(
			call(HOSPITAL, OPTED_OUT, LAB_RESULTS),
			Error::<Test>::EmergencyAccessOptedOut
		);
		assert_noop!(call(HOSPITAL, PATIENT, DataCategories(0)), Error::<Test>::InvalidCategories);
		assert_noop!(
			Consent::review_emergency_access(origin(HOSPITAL), 0, false),
			DispatchError::BadOrigin
		);
		// Break-glass is rate-limited per patient: two emergency consents at once in the mock.
		assert_ok!(call(HOSPITAL, PATIENT, LAB_RESULTS));
		assert_ok!(call(NURSE, PATIENT, LAB_RESULTS));
		assert_noop!(
			call(PHYSICIAN, PATIENT, LAB_RESULTS),
			Error::<Test>::TooManyEmergencyAccesses
		);
		// An organisation that cannot hold the bond cannot break the glass.
		let _ = Balances::set_balance(&PHYSICIAN, EMERGENCY_BOND - 1);
		assert_noop!(call(PHYSICIAN, OTHER_PATIENT, LAB_RESULTS), Error::<Test>::InsufficientBond);
	});
}

#[test]
fn emergency_consents_never_use_up_the_patients_own_budget() {
	build_and_execute(|| {
		// The patient's own budget (8) is full: three grantees, three consents each but one.
		for grantee in [HOSPITAL, LAB, PHYSICIAN] {
			for _ in 0..3 {
				let _ = Consent::grant(
					origin(PATIENT),
					grantee,
					LAB_RESULTS.into(),
					READ.into(),
					TREAT.into(),
					START + DAY,
				);
			}
		}
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 8);
		// Break-glass still works, counted apart.
		assert_ok!(Consent::emergency_access(origin(NURSE), PATIENT, LAB_RESULTS.into(), HASH));
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 8);
		assert_eq!(EmergencyConsentCount::<Test>::get(PATIENT), 1);
		// And emergency consents leave the patient's budget alone: after one own consent
		// expires, the patient can grant again although an emergency consent is held.
		set_time(START + DAY + EXPIRY_BUCKET_MS);
		on_idle(Weight::MAX);
		assert_eq!(EmergencyConsentCount::<Test>::get(PATIENT), 0);
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 0);
		assert_ok!(Consent::emergency_access(origin(NURSE), PATIENT, LAB_RESULTS.into(), HASH));
		assert_ok!(Consent::emergency_access(origin(HOSPITAL), PATIENT, LAB_RESULTS.into(), HASH));
		for _ in 0..3 {
			assert_ok!(Consent::grant(
				origin(PATIENT),
				LAB,
				LAB_RESULTS.into(),
				READ.into(),
				TREAT.into(),
				START + 2 * DAY
			));
		}
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 3);
		assert_eq!(EmergencyConsentCount::<Test>::get(PATIENT), 2);
	});
}

// ---- record_access, the log and anchors -------------------------------------------------

#[test]
fn record_access_appends_to_the_hash_chained_log() {
	let (expected, indexed) = build_execute_and_read_log(&PATIENT, || {
		grant(HOSPITAL, READ_WRITE, 30);
		for round in 0..6u8 {
			let who = if round % 2 == 0 { NURSE } else { HOSPITAL };
			assert_ok!(Consent::record_access(
				origin(who),
				PATIENT,
				StandardCategory::LabResults,
				PurposeOfUse::Treatment,
				Action::Read,
				Some([round; 32])
			));
			set_time(Now::get() + 1_000);
		}
		// The events carry no scope: each entry is the event's parties and consent, the call's
		// arguments and the block's time, as a patient's wallet rebuilds it.
		let events: Vec<_> = consent_events()
			.into_iter()
			.filter_map(|event| match event {
				Event::AccessRecorded {
					patient: PATIENT,
					index,
					accessor,
					organisation,
					consent_id,
				} => Some((index, accessor, organisation, consent_id)),
				_ => None,
			})
			.collect();
		assert_eq!(events.iter().map(|e| e.0).collect::<Vec<_>>(), vec![0, 1, 2, 3, 4, 5]);
		let entries: Vec<_> = events
			.iter()
			.map(|&(index, accessor, organisation, consent_id)| {
				let round = index as u8;
				let entry = AccessEntry {
					accessor,
					organisation,
					category: StandardCategory::LabResults.into(),
					purpose: PurposeOfUse::Treatment,
					action: Action::Read,
					consent_id,
					time: START + u64::from(round) * 1_000,
					record_hash: Some([round; 32]),
				};
				(index, entry)
			})
			.collect();
		assert_eq!(entries[0].1.organisation, HOSPITAL);
		assert_eq!(entries[0].1.accessor, NURSE);
		let head = entries.iter().fold([0u8; 32], |head, (_, entry)| Consent::chain(&head, entry));
		// State keeps the count and the head only.
		assert_eq!(Consent::access_log_head(&PATIENT), AccessLogHead { count: 6, head });
		// Reads anchor nothing.
		assert_eq!(AnchorCount::<Test>::get(PATIENT), 0);
		entries.into_iter().map(|(_, entry)| entry).collect::<Vec<_>>()
	});
	// Every entry is in the off-chain index, in order, each with the head before it: any run
	// of them up to the last folds into the head in state.
	assert_eq!(indexed.iter().map(|e| e.entry.clone()).collect::<Vec<_>>(), expected);
	let mut head = [0u8; 32];
	for indexed in &indexed {
		assert_eq!(indexed.previous, Some(head));
		head = Consent::chain(&head, &indexed.entry);
	}
}

#[test]
fn a_patient_removes_an_anchor_and_the_organisation_gets_its_deposit_back() {
	build_and_execute(|| {
		grant(HOSPITAL, READ_WRITE, 30);
		assert_ok!(Consent::record_access(
			origin(NURSE),
			PATIENT,
			StandardCategory::LabResults,
			PurposeOfUse::Treatment,
			Action::Write,
			Some(HASH)
		));
		let deposit = anchor_deposit();
		let log_before = Consent::access_log_head(&PATIENT);
		assert_noop!(
			Consent::remove_anchor(origin(OTHER_PATIENT), HASH),
			Error::<Test>::UnknownAnchor
		);
		assert_ok!(Consent::remove_anchor(origin(PATIENT), HASH));
		assert_eq!(
			last_event(),
			Event::AnchorRemoved {
				patient: PATIENT,
				record_hash: HASH,
				organisation: HOSPITAL,
				deposit
			}
		);
		assert!(Consent::record_anchor(&PATIENT, &HASH).is_none());
		assert_eq!(AnchorCount::<Test>::get(PATIENT), 0);
		assert_eq!(Balances::balance_on_hold(&HoldReason::AnchorDeposit.into(), &HOSPITAL), 0);
		// The log keeps the entry that anchored it.
		assert_eq!(Consent::access_log_head(&PATIENT), log_before);
		assert_noop!(Consent::remove_anchor(origin(PATIENT), HASH), Error::<Test>::UnknownAnchor);
		assert_eq!(
			Consent::precheck_feeless(&PATIENT, &crate::Call::remove_anchor { record_hash: HASH }),
			Err(Error::<Test>::UnknownAnchor.into())
		);
	});
}

#[test]
fn no_organisation_fills_a_patients_pending_requests_alone() {
	build_and_execute(|| {
		let first = request(NURSE);
		// The hospital itself is the nurse's organisation: its share (1 here) is taken.
		assert_noop!(
			ask_for_lab_results(HOSPITAL, DAY),
			Error::<Test>::TooManyRequestsFromOrganisation
		);
		// Another organisation still may ask, up to the patient's list (2 here).
		request(LAB_TECH);
		assert_noop!(ask_for_lab_results(PHYSICIAN, DAY), Error::<Test>::TooManyPendingRequests);
		// Answered, the request frees the hospital's share.
		assert_ok!(Consent::deny_request(origin(PATIENT), first));
		assert_eq!(crate::PendingRequestsFrom::<Test>::get(PATIENT, HOSPITAL), 0);
		assert_ok!(ask_for_lab_results(HOSPITAL, DAY));
		assert_eq!(crate::PendingRequestsFrom::<Test>::get(PATIENT, HOSPITAL), 1);
	});
}

#[test]
fn a_write_with_a_record_hash_anchors_the_record() {
	build_and_execute(|| {
		grant(HOSPITAL, READ_WRITE, 30);
		assert_ok!(Consent::record_access(
			origin(NURSE),
			PATIENT,
			StandardCategory::LabResults,
			PurposeOfUse::Treatment,
			Action::Write,
			Some(HASH)
		));
		let deposit = anchor_deposit();
		assert!(consent_events().contains(&Event::RecordAnchored {
			patient: PATIENT,
			record_hash: HASH,
			organisation: HOSPITAL,
			deposit
		}));
		let anchor = Consent::record_anchor(&PATIENT, &HASH).expect("anchored");
		assert_eq!(
			(anchor.writer, anchor.organisation, anchor.category),
			(NURSE, HOSPITAL, StandardCategory::LabResults.into())
		);
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::AnchorDeposit.into(), &HOSPITAL),
			deposit
		);
		assert_noop!(
			Consent::record_access(
				origin(HOSPITAL),
				PATIENT,
				StandardCategory::LabResults,
				PurposeOfUse::Treatment,
				Action::Write,
				Some(HASH)
			),
			Error::<Test>::RecordAlreadyAnchored
		);
		for n in 1..3u8 {
			assert_ok!(Consent::record_access(
				origin(NURSE),
				PATIENT,
				StandardCategory::LabResults,
				PurposeOfUse::Treatment,
				Action::Write,
				Some([n; 32])
			));
		}
		assert_noop!(
			Consent::record_access(
				origin(NURSE),
				PATIENT,
				StandardCategory::LabResults,
				PurposeOfUse::Treatment,
				Action::Write,
				Some([9; 32])
			),
			Error::<Test>::TooManyAnchors
		);
	});
}

#[test]
fn record_access_errors_change_nothing() {
	build_and_execute(|| {
		let call = |who: u64, action, hash| {
			Consent::record_access(
				origin(who),
				PATIENT,
				StandardCategory::LabResults,
				PurposeOfUse::Treatment,
				action,
				hash,
			)
		};
		assert_noop!(call(HOSPITAL, Action::Read, None), Error::<Test>::NoValidConsent);
		// The physician has no funds for the anchor deposit.
		assert_ok!(Balances::transfer_all(origin(PHYSICIAN), STRANGER, false));
		assert_ok!(Consent::grant(
			origin(PATIENT),
			PHYSICIAN,
			LAB_RESULTS.into(),
			READ_WRITE.into(),
			TREAT.into(),
			START + DAY
		));
		assert_noop!(
			call(PHYSICIAN, Action::Write, Some(HASH)),
			Error::<Test>::InsufficientDeposit
		);
		assert_eq!(Consent::access_log_head(&PATIENT).count, 0);
	});
}

// ---- check_access -----------------------------------------------------------------------

#[test]
fn check_access_covers_every_permit_path_and_deny_reason() {
	build_and_execute(|| {
		let standard = grant(HOSPITAL, READ, 30);
		let request_id = request(LAB);
		assert_ok!(Consent::approve_request(origin(PATIENT), request_id));
		let by_request = standard + 1;
		assert_ok!(Consent::emergency_access(origin(PHYSICIAN), PATIENT, LAB_RESULTS.into(), HASH));
		let emergency = standard + 2;
		let research = <Consent as ConsentManager<u64>>::grant_research_consent(
			&PATIENT,
			&INSTITUTE,
			4,
			LAB_RESULTS,
			None,
			START + 30 * DAY,
		)
		.expect("granted");
		let revoked = Consent::grant(
			origin(PATIENT),
			LAB_TECH,
			LAB_RESULTS.into(),
			READ.into(),
			TREAT.into(),
			START + DAY,
		);
		assert_ok!(revoked);
		assert_ok!(Consent::revoke(origin(PATIENT), research + 1));

		let permit = |id: u64| move |d: AccessDecision| matches!(d, AccessDecision::Permit { consent_id, .. } if consent_id == id);
		use Action::*;
		use DataCategory::*;
		use PurposeOfUse::*;
		let table: Vec<CheckRow> = vec![
			(PATIENT, HOSPITAL, LabResults, Read, Treatment, Box::new(permit(standard))),
			(PATIENT, NURSE, LabResults, Read, Treatment, Box::new(permit(standard))),
			(PATIENT, LAB_TECH, LabResults, Read, Treatment, Box::new(permit(by_request))),
			(PATIENT, PHYSICIAN, LabResults, Read, EmergencyTreatment, Box::new(permit(emergency))),
			(PATIENT, INSTITUTE, LabResults, Read, Research, Box::new(permit(research))),
			(
				STRANGER,
				HOSPITAL,
				LabResults,
				Read,
				Treatment,
				Box::new(|d| d == deny(DenyReason::NotRegistered)),
			),
			(
				PATIENT,
				STRANGER,
				LabResults,
				Read,
				Treatment,
				Box::new(|d| d == deny(DenyReason::AccessorNotActive)),
			),
			(
				PATIENT,
				PENDING_CLINIC,
				LabResults,
				Read,
				Treatment,
				Box::new(|d| d == deny(DenyReason::AccessorNotActive)),
			),
			(
				OTHER_PATIENT,
				HOSPITAL,
				LabResults,
				Read,
				Treatment,
				Box::new(|d| d == deny(DenyReason::NoConsent)),
			),
			(
				PATIENT,
				HOSPITAL,
				Imaging,
				Read,
				Treatment,
				Box::new(|d| d == deny(DenyReason::CategoryNotCovered)),
			),
			(
				PATIENT,
				HOSPITAL,
				LabResults,
				Write,
				Treatment,
				Box::new(|d| d == deny(DenyReason::ActionNotCovered)),
			),
			(
				PATIENT,
				HOSPITAL,
				LabResults,
				Read,
				Payment,
				Box::new(|d| d == deny(DenyReason::PurposeNotCovered)),
			),
			(
				PATIENT,
				INSTITUTE,
				LabResults,
				Read,
				Treatment,
				Box::new(|d| d == deny(DenyReason::PurposeNotCovered)),
			),
		];
		for (patient, accessor, category, action, purpose, expected) in &table {
			let decision =
				Consent::check_access(patient, accessor, &(*category).into(), *action, *purpose);
			assert!(
				expected(decision),
				"{patient} {accessor} {category:?} {action:?} {purpose:?}: {decision:?}"
			);
		}
		// Revoked: the lab technician's own consent was revoked; the lab's (by request) still
		// permits it, so ask about what only the revoked one covered.
		assert_eq!(
			Consent::check_access(&PATIENT, &LAB_TECH, &LabResults.into(), Read, Payment),
			deny(DenyReason::PurposeNotCovered)
		);
		assert_ok!(Consent::revoke(origin(PATIENT), by_request));
		assert_eq!(
			Consent::check_access(&PATIENT, &LAB_TECH, &LabResults.into(), Read, Treatment),
			deny(DenyReason::Revoked)
		);
		// Expired, and a suspended organisation's staff.
		set_time(START + 30 * DAY);
		assert_eq!(lab_read(HOSPITAL), deny(DenyReason::Expired));
		suspend(HOSPITAL);
		assert_eq!(lab_read(NURSE), deny(DenyReason::AccessorNotActive));
	});
}

#[test]
fn expiry_is_exclusive_at_the_boundary_instant() {
	build_and_execute(|| {
		let expires_at = START + DAY;
		let id = grant(HOSPITAL, READ, 1);
		set_time(expires_at - 1);
		assert_eq!(lab_read(HOSPITAL), AccessDecision::Permit { consent_id: id, expires_at });
		assert_ok!(Consent::record_access(
			origin(HOSPITAL),
			PATIENT,
			StandardCategory::LabResults,
			PurposeOfUse::Treatment,
			Action::Read,
			None
		));
		set_time(expires_at);
		assert_eq!(lab_read(HOSPITAL), deny(DenyReason::Expired));
		assert_eq!(Consent::consent(id).map(|c| c.status), Some(ConsentStatus::Expired));
		assert_noop!(
			Consent::record_access(
				origin(HOSPITAL),
				PATIENT,
				StandardCategory::LabResults,
				PurposeOfUse::Treatment,
				Action::Read,
				None
			),
			Error::<Test>::NoValidConsent
		);
	});
}

// ---- on_idle clean-up -------------------------------------------------------------------

#[test]
fn on_idle_removes_exactly_the_expired_consents() {
	build_and_execute(|| {
		let short: Vec<u64> = (0..3).map(|_| grant(HOSPITAL, READ, 1)).collect();
		let long = grant(LAB, READ, 2);
		let revoked = grant(PHYSICIAN, READ, 1);
		assert_ok!(Consent::revoke(origin(PATIENT), revoked));
		// Expired, but its hour has not passed yet: left for a later block.
		set_time(START + DAY);
		on_idle(Weight::MAX);
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 5);
		set_time(START + DAY + EXPIRY_BUCKET_MS);
		on_idle(Weight::MAX);
		for id in short.iter().chain([&revoked]) {
			assert!(Consent::consent(*id).is_none());
			assert!(consent_events()
				.contains(&Event::ConsentExpired { consent_id: *id, patient: PATIENT }));
		}
		assert_eq!(Consent::consent(long).map(|c| c.status), Some(ConsentStatus::Active));
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 1);
		assert!(!ConsentsByPair::<Test>::contains_key(PATIENT, HOSPITAL));
		assert_eq!(
			CleanupCursor::<Test>::get(),
			Some((START + DAY + EXPIRY_BUCKET_MS) / EXPIRY_BUCKET_MS)
		);
	});
}

#[test]
fn on_idle_respects_the_weight_limit_and_resumes() {
	build_and_execute(|| {
		let ids: Vec<u64> =
			(0..3).map(|_| grant(HOSPITAL, READ, 1)).chain([grant(LAB, READ, 1)]).collect();
		set_time(START + 2 * DAY);
		// Unit weights: 10 for the hook, 100 per item.
		assert_eq!(on_idle(Weight::from_parts(5, 0)), Weight::zero());
		assert_eq!(on_idle(Weight::from_parts(10 + 2 * 100 + 50, 0)), Weight::from_parts(210, 0));
		let left = ids.iter().filter(|id| ConsentParties::<Test>::contains_key(**id)).count();
		assert_eq!(left, 2);
		on_idle(Weight::MAX);
		assert!(ids.iter().all(|id| !ConsentParties::<Test>::contains_key(*id)));
		assert_eq!(ExpiryPages::<Test>::iter().count(), 0);
		assert_eq!(crate::ExpiryPageCount::<Test>::iter().count(), 0);
	});
}

// ---- feeless, research, erasure ---------------------------------------------------------

#[test]
fn patient_calls_are_feeless_within_the_quota() {
	use frame_support::dispatch::CheckIfFeeless;
	build_and_execute(|| {
		let call = RuntimeCall::Consent(crate::Call::revoke { consent_id: 0 });
		assert!(call.is_feeless(&origin(PATIENT)));
		assert!(!call.is_feeless(&origin(STRANGER)));
		FeelessQuotaLeft::set(false);
		assert!(!call.is_feeless(&origin(PATIENT)));
		let provider_call = RuntimeCall::Consent(crate::Call::emergency_access {
			patient: PATIENT,
			categories: LAB_RESULTS.into(),
			justification_hash: HASH,
		});
		FeelessQuotaLeft::set(true);
		assert!(!provider_call.is_feeless(&origin(HOSPITAL)));
	});
}

#[test]
fn research_consents_are_read_only_hresch_and_revocable() {
	build_and_execute(|| {
		let manager = |expires_at| {
			<Consent as ConsentManager<u64>>::grant_research_consent(
				&PATIENT,
				&INSTITUTE,
				4,
				LAB_RESULTS,
				None,
				expires_at,
			)
		};
		assert_eq!(manager(START), Err(Error::<Test>::ExpiryInPast.into()));
		// A study's data use may outlast MaxConsentDuration (a year here).
		let id = manager(START + 400 * DAY).expect("granted");
		let consent = Consent::consent(id).expect("stored");
		assert_eq!(
			(consent.kind, consent.actions, consent.purposes),
			(ConsentKind::Research(4), READ, Purposes(1 << 4))
		);
		assert_ok!(<Consent as ConsentManager<u64>>::revoke_consent(&PATIENT, id));
		assert_eq!(Consent::consent(id).map(|c| c.status), Some(ConsentStatus::Revoked));
		assert_eq!(
			<Consent as ConsentManager<u64>>::grant_research_consent(
				&STRANGER,
				&INSTITUTE,
				4,
				LAB_RESULTS,
				None,
				START + DAY
			),
			Err(Error::<Test>::NotRegistered.into())
		);
	});
}

#[test]
fn deregistration_erases_everything_and_returns_anchor_deposits() {
	build_and_execute(|| {
		grant(HOSPITAL, READ_WRITE, 30);
		grant(LAB, READ, 30);
		request(PHYSICIAN);
		assert_ok!(Consent::emergency_access(origin(PHYSICIAN), PATIENT, LAB_RESULTS.into(), HASH));
		let emergency = 2;
		assert_ok!(Consent::record_access(
			origin(NURSE),
			PATIENT,
			StandardCategory::LabResults,
			PurposeOfUse::Treatment,
			Action::Write,
			Some(HASH)
		));
		let other = Consent::grant(
			origin(OTHER_PATIENT),
			HOSPITAL,
			LAB_RESULTS.into(),
			READ.into(),
			TREAT.into(),
			START + DAY,
		);
		assert_ok!(other);

		deregister(PATIENT);
		assert_eq!(
			last_event(),
			Event::PatientDataErased { patient: PATIENT, consents: 3, anchors: 1 }
		);
		assert!(Consent::consents_by_patient(&PATIENT).is_empty());
		// The listing keeps every id it was given; only the other patient's is still stored.
		let every_id: Vec<_> = (0..crate::NextConsentId::<Test>::get()).collect();
		assert_eq!(Consent::grantee_listing_length(&HOSPITAL), 2);
		assert_eq!(Consent::consents_listed(&HOSPITAL, every_id).len(), 1);
		assert!(!AccessLogs::<Test>::contains_key(PATIENT));
		assert!(RecordAnchors::<Test>::iter_prefix(PATIENT).next().is_none());
		assert_eq!(Balances::balance_on_hold(&HoldReason::AnchorDeposit.into(), &HOSPITAL), 0);
		assert!(Requests::<Test>::iter().next().is_none());
		assert_eq!(lab_read(HOSPITAL), deny(DenyReason::NotRegistered));
		// The Council can still judge the emergency access, and the slash still reaches them.
		assert_ok!(Consent::review_emergency_access(RuntimeOrigin::root(), emergency, false));
		assert_eq!(Balances::free_balance(PATIENT), ENDOWMENT + EMERGENCY_SLASH + EMERGENCY_BOND);
	});
}

#[test]
fn genesis_consents_are_stored_and_queued() {
	use sp_runtime::BuildStorage;
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> {
		consents: vec![
			(PATIENT, HOSPITAL, LAB_RESULTS, READ, TREAT, START + DAY),
			// ETREAT is never granted, so left out.
			(PATIENT, LAB, LAB_RESULTS, READ, Purposes(0b10), START + DAY),
		],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		set_time(START);
		assert_eq!(
			lab_read(NURSE),
			AccessDecision::Permit { consent_id: 0, expires_at: START + DAY }
		);
		assert_eq!(crate::NextConsentId::<Test>::get(), 1);
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 1);
		Consent::do_try_state().expect("invariants hold");
	});
}

// ---- guardians ---------------------------------------------------------------------------

/// A guardian acts for the patient until `until` (unix ms), as `as_guardian` would say.
fn guardian_acts(until: Option<u64>) {
	ActingGuardian::set(Some(carechain_primitives::traits::GuardianAct { until }));
}

#[test]
fn a_guardian_cannot_make_a_consent_that_outlasts_the_guardianship() {
	build_and_execute(|| {
		guardian_acts(Some(START + 10 * DAY));
		assert_noop!(
			Consent::grant(
				origin(PATIENT),
				HOSPITAL,
				LAB_RESULTS.into(),
				READ.into(),
				TREAT.into(),
				START + 11 * DAY
			),
			Error::<Test>::OutlastsGuardianship
		);
		let id = grant(HOSPITAL, READ, 10);
		assert!(Consent::consent(id).is_some_and(|c| c.by_guardian), "marked");
		assert_noop!(
			Consent::renew(origin(PATIENT), id, START + 20 * DAY),
			Error::<Test>::OutlastsGuardianship
		);
		// A request the guardian approves lasts its requested 10 days: past the guardianship
		// if approved a day later.
		let request_id = request(NURSE);
		set_time(START + DAY);
		assert_noop!(
			Consent::approve_request(origin(PATIENT), request_id),
			Error::<Test>::OutlastsGuardianship
		);
		set_time(START);
		assert_ok!(Consent::approve_request(origin(PATIENT), request_id));
		let consents = Consent::consents_by_patient(&PATIENT);
		assert!(consents.iter().all(|(_, c)| c.by_guardian));
		ActingGuardian::set(None);
	});
}

#[test]
fn consents_the_patient_makes_are_not_marked_and_a_guardians_renewal_marks_them() {
	build_and_execute(|| {
		let id = grant(HOSPITAL, READ, 10);
		assert!(Consent::consent(id).is_some_and(|c| !c.by_guardian));
		// A guardian without an end may renew it as far as the patient could.
		guardian_acts(None);
		assert_ok!(Consent::renew(origin(PATIENT), id, START + 300 * DAY));
		assert_eq!(last_event(), Event::ConsentRenewed { consent_id: id, patient: PATIENT });
		assert_eq!(Consent::consent(id).map(|c| c.expires_at), Some(START + 300 * DAY));
		assert!(Consent::consent(id).is_some_and(|c| c.by_guardian));
		ActingGuardian::set(None);
	});
}

// ---- consents bound to a registration ----------------------------------------------------

#[test]
fn a_consent_to_a_staff_member_does_not_follow_them_to_another_organisation() {
	build_and_execute(|| {
		let id = grant(NURSE, READ, 10);
		assert_eq!(
			lab_read(NURSE),
			AccessDecision::Permit { consent_id: id, expires_at: START + 10 * DAY }
		);
		employ_nurse_at(LAB);
		assert_eq!(lab_read(NURSE), deny(DenyReason::NoConsent));
		assert_noop!(
			Consent::record_access(
				origin(NURSE),
				PATIENT,
				StandardCategory::LabResults,
				PurposeOfUse::Treatment,
				Action::Read,
				None
			),
			Error::<Test>::NoValidConsent
		);
		// Back with the hospital, the consent permits again: it was never the nurse's alone.
		employ_nurse_at(HOSPITAL);
		assert_eq!(
			lab_read(NURSE),
			AccessDecision::Permit { consent_id: id, expires_at: START + 10 * DAY }
		);
	});
}

#[test]
fn a_provider_approved_again_does_not_get_its_old_consents_back() {
	build_and_execute(|| {
		grant(HOSPITAL, READ, 10);
		assert!(matches!(lab_read(NURSE), AccessDecision::Permit { .. }));
		reregister(HOSPITAL);
		assert_eq!(lab_read(HOSPITAL), deny(DenyReason::NoConsent));
		assert_eq!(lab_read(NURSE), deny(DenyReason::NoConsent));
		// A consent granted under the new registration permits.
		let id = grant(HOSPITAL, READ, 5);
		assert_eq!(
			lab_read(NURSE),
			AccessDecision::Permit { consent_id: id, expires_at: START + 5 * DAY }
		);
	});
}

// ---- fee-free pre-checks -----------------------------------------------------------------

#[test]
fn the_fee_free_precheck_refuses_what_the_calls_refuse() {
	use crate::Call;
	build_and_execute(|| {
		let precheck = |who: u64, call: Call<Test>| Consent::precheck_feeless(&who, &call);
		let later = START + DAY;
		let grant_to = |grantee: u64, expires_at: u64| Call::grant {
			grantee,
			categories: LAB_RESULTS.into(),
			actions: READ.into(),
			purposes: TREAT.into(),
			expires_at,
		};
		assert_ok!(precheck(PATIENT, grant_to(HOSPITAL, later)));
		assert_eq!(
			precheck(PATIENT, grant_to(STRANGER, later)),
			Err(Error::<Test>::GranteeNotActive.into())
		);
		assert_eq!(
			precheck(PATIENT, grant_to(HOSPITAL, START)),
			Err(Error::<Test>::ExpiryInPast.into())
		);
		assert_eq!(
			precheck(
				PATIENT,
				Call::grant {
					grantee: HOSPITAL,
					categories: DataCategories(0).into(),
					actions: READ.into(),
					purposes: TREAT.into(),
					expires_at: later,
				}
			),
			Err(Error::<Test>::InvalidCategories.into())
		);

		let id = grant(HOSPITAL, READ, 30);
		assert_ok!(precheck(PATIENT, Call::revoke { consent_id: id }));
		assert_ok!(precheck(PATIENT, Call::renew { consent_id: id, expires_at: later }));
		assert_eq!(
			precheck(PATIENT, Call::revoke { consent_id: 99 }),
			Err(Error::<Test>::UnknownConsent.into())
		);
		assert_eq!(
			precheck(OTHER_PATIENT, Call::revoke { consent_id: id }),
			Err(Error::<Test>::NotYours.into())
		);
		assert_eq!(
			precheck(PATIENT, Call::renew { consent_id: id, expires_at: START + 10_000 * DAY }),
			Err(Error::<Test>::ExpiryTooFar.into())
		);
		assert_ok!(Consent::revoke(origin(PATIENT), id));
		assert_eq!(
			precheck(PATIENT, Call::revoke { consent_id: id }),
			Err(Error::<Test>::NotActive.into())
		);
		assert_eq!(
			precheck(PATIENT, Call::renew { consent_id: id, expires_at: later }),
			Err(Error::<Test>::NotActive.into())
		);

		let request_id = request(NURSE);
		assert_ok!(precheck(PATIENT, Call::approve_request { request_id }));
		assert_ok!(precheck(PATIENT, Call::deny_request { request_id }));
		assert_eq!(
			precheck(OTHER_PATIENT, Call::deny_request { request_id }),
			Err(Error::<Test>::NotYours.into())
		);
		assert_eq!(
			precheck(PATIENT, Call::approve_request { request_id: 99 }),
			Err(Error::<Test>::UnknownRequest.into())
		);
		Now::set(START + 30 * DAY);
		assert_eq!(
			precheck(PATIENT, Call::approve_request { request_id }),
			Err(Error::<Test>::RequestLapsed.into())
		);
		Now::set(START);
	});
}

// ---- storage migration ------------------------------------------------------------------

#[test]
fn the_v2_migration_counts_open_reviews_and_moves_emergency_consents_out_of_the_budget() {
	use crate::migrations::v2::{EmergencyAccessV1, MigrateV1ToV2};
	use codec::Encode;
	use frame_support::traits::{
		fungible::MutateHold, GetStorageVersion, OnRuntimeUpgrade, StorageVersion,
	};

	build_and_execute(|| {
		grant(HOSPITAL, READ, 30);
		assert_ok!(Consent::emergency_access(origin(PHYSICIAN), PATIENT, LAB_RESULTS.into(), HASH));
		// Turn the emergency access back into what v1 stored: no bond held, no review count,
		// the emergency consent counted in the patient's own budget.
		let access = EmergencyAccesses::<Test>::get(1).unwrap();
		let v1 = EmergencyAccessV1 {
			patient: access.patient,
			accessor: access.accessor,
			organisation: access.organisation,
			justification_hash: access.justification_hash,
			invoked_at: access.invoked_at,
		};
		frame_support::storage::unhashed::put_raw(
			&EmergencyAccesses::<Test>::hashed_key_for(1),
			&v1.encode(),
		);
		assert_ok!(Balances::release(
			&HoldReason::EmergencyBond.into(),
			&PHYSICIAN,
			EMERGENCY_BOND,
			frame_support::traits::tokens::Precision::Exact
		));
		crate::OpenEmergencyReviews::<Test>::remove(PHYSICIAN);
		EmergencyConsentCount::<Test>::remove(PATIENT);
		ConsentCount::<Test>::insert(PATIENT, 2);
		StorageVersion::new(1).put::<Consent>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Consent::on_chain_storage_version(), 2);
		assert_eq!(EmergencyAccesses::<Test>::get(1).map(|a| a.bond), Some(0));
		assert_eq!(Consent::open_reviews(&PHYSICIAN), 1);
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 1);
		assert_eq!(EmergencyConsentCount::<Test>::get(PATIENT), 1);
		// Run again: the version says it is done, nothing changes.
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(Consent::open_reviews(&PHYSICIAN), 1);
		assert_eq!(EmergencyConsentCount::<Test>::get(PATIENT), 1);
		// A review of a migrated access releases the bond it never held: nothing.
		assert_ok!(Consent::review_emergency_access(RuntimeOrigin::root(), 1, true));
		assert_eq!(Balances::free_balance(PHYSICIAN), ENDOWMENT);
	});
}

#[test]
fn the_v3_migration_binds_each_consent_to_its_grantees_registration() {
	use crate::migrations::v3::{AccessRequestV2, ConsentTermsV2, MigrateV2ToV3, NO_REGISTRATION};
	use codec::Encode;
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

	build_and_execute(|| {
		let nurses = grant(NURSE, READ, 30);
		grant(NURSE, READ_WRITE, 20);
		// What v2 stored: terms without the guardian mark or the registration; and a consent
		// of a grantee that has since left the registry.
		let as_v2 = |terms: &crate::ConsentTerms| ConsentTermsV2 {
			id: terms.id,
			categories: terms.categories,
			actions: terms.actions,
			purposes: terms.purposes,
			created_at: terms.created_at,
			expires_at: terms.expires_at,
			status: terms.status,
			kind: terms.kind,
		};
		let pair = ConsentsByPair::<Test>::get(PATIENT, NURSE);
		let v2: Vec<ConsentTermsV2> = pair.iter().map(as_v2).collect();
		frame_support::storage::unhashed::put_raw(
			&ConsentsByPair::<Test>::hashed_key_for(PATIENT, NURSE),
			&v2.encode(),
		);
		let request_id = request(NURSE);
		let pending = crate::Requests::<Test>::get(request_id).unwrap();
		let v2_request = AccessRequestV2 {
			patient: pending.patient,
			requester: pending.requester,
			categories: pending.categories,
			actions: pending.actions,
			purposes: pending.purposes,
			duration_ms: pending.duration_ms,
			justification_hash: pending.justification_hash,
			lapses_at: pending.lapses_at,
		};
		frame_support::storage::unhashed::put_raw(
			&crate::Requests::<Test>::hashed_key_for(request_id),
			&v2_request.encode(),
		);
		crate::PendingRequestsFrom::<Test>::remove(PATIENT, HOSPITAL);
		let gone = vec![ConsentTermsV2 { id: 99, ..as_v2(&pair[0]) }];
		frame_support::storage::unhashed::put_raw(
			&ConsentsByPair::<Test>::hashed_key_for(PATIENT, STRANGER),
			&gone.encode(),
		);
		StorageVersion::new(2).put::<Consent>();

		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(Consent::on_chain_storage_version(), 3);
		// Then on to v4, whose layout the checks below read.
		crate::migrations::v4::MigrateV3ToV4::<Test>::on_runtime_upgrade();
		let migrated = ConsentsByPair::<Test>::get(PATIENT, NURSE);
		assert_eq!(migrated.len(), 2);
		assert!(migrated.iter().all(|terms| !terms.by_guardian && terms.registration == 100));
		assert_eq!(
			ConsentsByPair::<Test>::get(PATIENT, STRANGER).first().map(|t| t.registration),
			Some(NO_REGISTRATION)
		);
		assert!(
			matches!(lab_read(NURSE), AccessDecision::Permit { consent_id, .. } if consent_id == nurses)
		);
		assert_eq!(
			crate::Requests::<Test>::get(request_id).map(|r| r.organisation),
			Some(HOSPITAL)
		);
		assert_eq!(crate::PendingRequestsFrom::<Test>::get(PATIENT, HOSPITAL), 1);
		// Not part of the state the other invariants expect.
		ConsentsByPair::<Test>::remove(PATIENT, STRANGER);
		// Run again: the version says it is done.
		MigrateV2ToV3::<Test>::on_runtime_upgrade();
		assert_eq!(ConsentsByPair::<Test>::get(PATIENT, NURSE), migrated);
	});
}

#[test]
fn the_v6_migration_moves_the_by_grantee_index_to_the_off_chain_listings() {
	use crate::migrations::v6::{ConsentsByGranteeV5, UncheckedMigrateV5ToV6};
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	let ((first, second), index) = build_execute_and_read_index(|| {
		let first = grant(HOSPITAL, READ, 10);
		let second = grant(LAB, READ, 10);
		// The index as v5 kept it, and no listing yet.
		crate::GranteeListings::<Test>::remove(HOSPITAL);
		crate::GranteeListings::<Test>::remove(LAB);
		ConsentsByGranteeV5::<Test>::insert(HOSPITAL, first, ());
		ConsentsByGranteeV5::<Test>::insert(LAB, second, ());

		UncheckedMigrateV5ToV6::<Test>::on_runtime_upgrade();

		assert!(ConsentsByGranteeV5::<Test>::iter_keys().next().is_none(), "the old index is gone");
		assert_eq!(Consent::grantee_listing_length(&HOSPITAL), 1);
		assert_eq!(Consent::grantee_listing_length(&LAB), 1);
		(first, second)
	});
	// Each grantee's listing has its consent once (the migration lists it from length 0, under
	// the key the grant itself had written before the test put the v5 layout back).
	assert_eq!(listing(&index, &HOSPITAL), vec![first]);
	assert_eq!(listing(&index, &LAB), vec![second]);
}

#[test]
fn the_expiry_queue_fills_pages_in_order_and_the_clean_up_empties_them() {
	build_and_execute(|| {
		let per_page = crate::EXPIRY_PAGE_ITEMS;
		let bucket = (START + 1) / EXPIRY_BUCKET_MS;
		// A page and one more item: two pages, the second being filled.
		for n in 0..=per_page {
			Consent::enqueue(START + 1, Expiring::Request(u64::from(n) + 1_000));
		}
		assert_eq!(crate::ExpiryPageCount::<Test>::get(bucket), 2);
		assert_eq!(ExpiryPages::<Test>::get(bucket, 0).len() as u32, per_page);
		assert_eq!(ExpiryPages::<Test>::get(bucket, 1).len(), 1);
		assert_eq!(queued(bucket).len() as u32, per_page + 1);
		// None of them is stored: the clean-up passes over each and empties the bucket.
		set_time(START + EXPIRY_BUCKET_MS);
		on_idle(Weight::MAX);
		assert!(queued(bucket).is_empty());
		assert!(!crate::ExpiryPageCount::<Test>::contains_key(bucket));
		assert_eq!(CleanupCursor::<Test>::get(), Some(bucket + 1));
	});
}

#[test]
fn the_v7_migration_pages_the_minute_queue_by_hour() {
	use crate::migrations::v7::{ExpiryQueueV6, UncheckedMigrateV6ToV7, MINUTE_BUCKET_MS};
	use frame_support::traits::UncheckedOnRuntimeUpgrade;
	build_and_execute(|| {
		let short = grant(HOSPITAL, READ, 1);
		let long = grant(LAB, READ, 2);
		// The queue as v6 kept it: one entry per item, by minute, and a cursor in minutes.
		let _ = ExpiryPages::<Test>::clear(u32::MAX, None);
		let _ = crate::ExpiryPageCount::<Test>::clear(u32::MAX, None);
		ExpiryQueueV6::<Test>::insert(
			(START + DAY) / MINUTE_BUCKET_MS,
			Expiring::Consent(short),
			(),
		);
		ExpiryQueueV6::<Test>::insert(
			(START + 2 * DAY) / MINUTE_BUCKET_MS,
			Expiring::Consent(long),
			(),
		);
		CleanupCursor::<Test>::put((START + DAY) / MINUTE_BUCKET_MS);

		UncheckedMigrateV6ToV7::<Test>::on_runtime_upgrade();

		assert!(ExpiryQueueV6::<Test>::iter_keys().next().is_none(), "the old queue is gone");
		assert_eq!(queued((START + DAY) / EXPIRY_BUCKET_MS), vec![Expiring::Consent(short)]);
		assert_eq!(queued((START + 2 * DAY) / EXPIRY_BUCKET_MS), vec![Expiring::Consent(long)]);
		assert_eq!(CleanupCursor::<Test>::get(), Some((START + DAY) / EXPIRY_BUCKET_MS));
		// The clean-up goes on from there.
		set_time(START + DAY + EXPIRY_BUCKET_MS);
		on_idle(Weight::MAX);
		assert!(Consent::consent(short).is_none());
		assert!(Consent::consent(long).is_some());
	});
}
