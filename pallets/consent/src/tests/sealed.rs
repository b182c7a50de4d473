//! Sealed scopes (PRIVACY.md goal 2): grants that cover sensitive categories only as tags, and
//! accesses to them named by the tag, checked and logged without the category.

use super::*;
use crate::{migrations::v4, SealedSalts};
use frame_support::traits::UncheckedOnRuntimeUpgrade;

/// The salt the patient's wallet chose for the test's sealed consent.
const SALT: ConsentSalt = [42; 32];
/// Another consent's salt.
const OTHER_SALT: ConsentSalt = [43; 32];

fn hiv_tag(salt: &ConsentSalt) -> [u8; 16] {
	sealed_tag(salt, DataCategory::Hiv)
}

/// `PATIENT` grants `grantee` lab results in clear and HIV and mental health sealed under
/// `salt`, read and write, for treatment, for a day from now; returns the id.
fn grant_sealed(grantee: u64, salt: &ConsentSalt) -> u64 {
	let id = crate::NextConsentId::<Test>::get();
	assert_ok!(Consent::grant_sealed(
		origin(PATIENT),
		grantee,
		LAB_RESULTS.into(),
		sealed_scope(salt, [DataCategory::Hiv, DataCategory::MentalHealth]),
		READ_WRITE.into(),
		TREAT.into(),
		Now::get() + DAY,
	));
	id
}

/// `accessor` logs a sealed access to `PATIENT`'s data.
fn record_sealed(
	accessor: u64,
	tag: [u8; 16],
	action: Action,
	record: Option<[u8; 32]>,
) -> frame_support::dispatch::DispatchResult {
	Consent::record_sealed_access(
		origin(accessor),
		PATIENT,
		tag,
		PurposeOfUse::Treatment,
		action,
		record,
	)
}

/// The decision for a sealed read of `tag` by `accessor`.
fn sealed_read(accessor: u64, tag: [u8; 16]) -> AccessDecision {
	check(accessor, AccessedCategory::Sealed(tag), Action::Read, PurposeOfUse::Treatment)
}

#[test]
fn a_sealed_grant_keeps_tags_and_boxes_and_no_sensitive_category() {
	build_and_execute(|| {
		let id = grant_sealed(HOSPITAL, &SALT);
		assert_eq!(
			last_event(),
			Event::ConsentGranted {
				consent_id: id,
				patient: PATIENT,
				grantee: HOSPITAL,
				kind: ConsentKind::Standard
			}
		);
		let consent = Consent::consent(id).expect("stored");
		assert_eq!(consent.categories, LAB_RESULTS, "only the standard category in clear");
		let sealed = consent.sealed.expect("sealed");
		assert_eq!(sealed, sealed_scope(&SALT, [DataCategory::Hiv, DataCategory::MentalHealth]));
		assert_eq!(SealedSalts::<Test>::get(id), Some([SALT_BOX; SEALED_SALT_BOXES]));
		// The stored terms and their encoding name no sensitive category: the bits are clear,
		// and nothing but the tags stands for them.
		let pair = ConsentsByPair::<Test>::get(PATIENT, HOSPITAL);
		assert!(pair.iter().all(|terms| !terms.categories.has_sensitive()));
		assert_eq!(sealed.tags.iter().filter(|t| open_tag_of(t).is_some()).count(), 2);
		// The standard category and each sealed one are permitted; the sealed ones only by tag.
		assert!(lab_read(HOSPITAL).is_permit());
		assert_eq!(
			sealed_read(HOSPITAL, hiv_tag(&SALT)),
			AccessDecision::Permit { consent_id: id, expires_at: START + DAY }
		);
		assert!(sealed_read(HOSPITAL, sealed_tag(&SALT, DataCategory::MentalHealth)).is_permit());
		assert_eq!(
			check(HOSPITAL, DataCategory::Hiv, Action::Read, PurposeOfUse::Treatment),
			deny(DenyReason::CategoryNotCovered),
			"a sensitive category in clear is never covered"
		);
		assert_eq!(
			sealed_read(HOSPITAL, sealed_tag(&SALT, DataCategory::Genomics)),
			deny(DenyReason::CategoryNotCovered)
		);
	});
}

/// The sensitive category `tag` stands for under the test's salt.
fn open_tag_of(tag: &[u8; 16]) -> Option<DataCategory> {
	carechain_primitives::sealed::open_tag(&SALT, tag)
}

#[test]
fn a_sealed_grant_may_cover_sensitive_categories_only() {
	build_and_execute(|| {
		assert_ok!(Consent::grant_sealed(
			origin(PATIENT),
			HOSPITAL,
			Default::default(),
			sealed_scope(&SALT, [DataCategory::Hiv]),
			READ.into(),
			TREAT.into(),
			START + DAY,
		));
		assert!(sealed_read(HOSPITAL, hiv_tag(&SALT)).is_permit());
		assert_eq!(lab_read(HOSPITAL), deny(DenyReason::CategoryNotCovered));
	});
}

#[test]
fn a_sealed_access_is_logged_and_anchored_under_its_tag() {
	let ((tag, log), indexed) = build_execute_and_read_log(&PATIENT, || {
		let id = grant_sealed(HOSPITAL, &SALT);
		let tag = hiv_tag(&SALT);
		assert_ok!(record_sealed(NURSE, tag, Action::Read, None));
		assert_ok!(record_sealed(HOSPITAL, tag, Action::Write, Some(HASH)));
		assert_eq!(
			last_event(),
			Event::AccessRecorded {
				patient: PATIENT,
				index: 1,
				accessor: HOSPITAL,
				organisation: HOSPITAL,
				consent_id: id
			}
		);
		let anchor = Consent::record_anchor(&PATIENT, &HASH).expect("anchored");
		assert_eq!(anchor.category, AccessedCategory::Sealed(tag));
		(tag, Consent::access_log_head(&PATIENT))
	});
	assert_eq!(log.count, 2);
	let entries: Vec<_> = indexed.into_iter().map(|indexed| indexed.entry).collect();
	assert_eq!(entries.len(), 2);
	assert!(entries.iter().all(|entry| entry.category == AccessedCategory::Sealed(tag)));
	assert_eq!(entries[0].accessor, NURSE);
	// The chain's head is over the entries as logged, tag and all.
	let head = entries.iter().fold([0u8; 32], |head, entry| Consent::chain(&head, entry));
	assert_eq!(head, log.head);
}

#[test]
fn a_sealed_access_without_a_consent_holding_the_tag_is_refused_and_writes_nothing() {
	build_and_execute(|| {
		let id = grant_sealed(HOSPITAL, &SALT);
		grant_sealed(LAB, &OTHER_SALT);
		let tag = hiv_tag(&SALT);
		// A tag of no consent; a sensitive category the consent does not cover; another
		// grantee's consent's tag; the right tag for a purpose it does not permit.
		assert_noop!(
			record_sealed(HOSPITAL, [0; 16], Action::Read, None),
			Error::<Test>::NoValidConsent
		);
		assert_noop!(
			record_sealed(HOSPITAL, sealed_tag(&SALT, DataCategory::Genomics), Action::Read, None),
			Error::<Test>::NoValidConsent
		);
		assert_noop!(
			record_sealed(HOSPITAL, hiv_tag(&OTHER_SALT), Action::Read, None),
			Error::<Test>::NoValidConsent
		);
		assert_noop!(
			record_sealed(LAB, tag, Action::Write, Some(HASH)),
			Error::<Test>::NoValidConsent
		);
		assert_noop!(
			record_sealed(STRANGER, tag, Action::Read, None),
			Error::<Test>::NoValidConsent
		);
		assert_noop!(
			Consent::record_sealed_access(
				origin(HOSPITAL),
				PATIENT,
				tag,
				PurposeOfUse::Payment,
				Action::Read,
				None
			),
			Error::<Test>::NoValidConsent
		);
		// Revoked, then (another consent) expired.
		assert_ok!(Consent::revoke(origin(PATIENT), id));
		assert_eq!(sealed_read(HOSPITAL, tag), deny(DenyReason::Revoked));
		assert_noop!(
			record_sealed(HOSPITAL, tag, Action::Read, None),
			Error::<Test>::NoValidConsent
		);
		set_time(START + DAY);
		assert_eq!(sealed_read(LAB, hiv_tag(&OTHER_SALT)), deny(DenyReason::Expired));
		assert_noop!(
			record_sealed(LAB, hiv_tag(&OTHER_SALT), Action::Read, None),
			Error::<Test>::NoValidConsent
		);
		assert_eq!(Consent::access_log_head(&PATIENT).count, 0);
	});
}

#[test]
fn grant_sealed_errors_change_nothing() {
	build_and_execute(|| {
		let grant = |who, grantee, categories: DataCategories, scope| {
			Consent::grant_sealed(
				origin(who),
				grantee,
				categories.into(),
				scope,
				READ.into(),
				TREAT.into(),
				START + DAY,
			)
		};
		let scope = sealed_scope(&SALT, [DataCategory::Hiv]);
		let mut disordered = scope.clone();
		disordered.tags.swap(0, 1);
		assert_noop!(
			grant(PATIENT, HOSPITAL, LAB_RESULTS, disordered),
			Error::<Test>::TagsNotCanonical
		);
		// Four tags, padded with zeros as polkadot.js pads a short fixed-length list.
		let mut padded = scope.clone();
		padded.tags = [[0; 16], padded.tags[1], padded.tags[2], padded.tags[3], padded.tags[4]];
		assert_noop!(
			grant(PATIENT, HOSPITAL, LAB_RESULTS, padded),
			Error::<Test>::TagsNotCanonical
		);
		let mut repeated = scope.clone();
		repeated.tags[1] = repeated.tags[0];
		assert_noop!(
			grant(PATIENT, HOSPITAL, LAB_RESULTS, repeated),
			Error::<Test>::TagsNotCanonical
		);
		// A box whose ephemeral key is of small order (zero): no client makes one.
		let mut small_order = scope.clone();
		small_order.salts[1] = [0; SEALED_SALT_LEN];
		assert_noop!(
			grant(PATIENT, HOSPITAL, LAB_RESULTS, small_order),
			Error::<Test>::MalformedSealedSalt
		);
		// A non-canonical ephemeral key (above the field's prime).
		let mut non_canonical = scope.clone();
		non_canonical.salts[0][..32].copy_from_slice(&[0xff; 32]);
		assert_noop!(
			grant(PATIENT, HOSPITAL, LAB_RESULTS, non_canonical),
			Error::<Test>::MalformedSealedSalt
		);
		assert_noop!(
			grant(STRANGER, HOSPITAL, LAB_RESULTS, scope.clone()),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			grant(PATIENT, PENDING_CLINIC, LAB_RESULTS, scope.clone()),
			Error::<Test>::GranteeNotActive
		);
		assert_ok!(grant(PATIENT, HOSPITAL, DataCategories(0), scope));
	});
}

#[test]
fn sealed_break_glass_is_reviewable_and_reveals_only_its_tags() {
	build_and_execute(|| {
		let scope = sealed_scope(&SALT, [DataCategory::Hiv]);
		assert_ok!(Consent::emergency_access_sealed(
			origin(NURSE),
			PATIENT,
			LAB_RESULTS.into(),
			scope.clone(),
			HASH
		));
		let consent = Consent::consent(0).expect("stored");
		assert_eq!((consent.kind, consent.sealed), (ConsentKind::Emergency, Some(scope.clone())));
		let etreat = |action| {
			check(
				NURSE,
				AccessedCategory::Sealed(hiv_tag(&SALT)),
				action,
				PurposeOfUse::EmergencyTreatment,
			)
		};
		assert!(etreat(Action::Read).is_permit());
		assert_eq!(etreat(Action::Write), deny(DenyReason::ActionNotCovered));
		assert_ok!(Consent::record_sealed_access(
			origin(NURSE),
			PATIENT,
			hiv_tag(&SALT),
			PurposeOfUse::EmergencyTreatment,
			Action::Read,
			None
		));
		// The Council judges it unjustified: revoked, bond and slash paid to the patient.
		assert_ok!(Consent::review_emergency_access(RuntimeOrigin::root(), 0, false));
		assert_eq!(etreat(Action::Read), deny(DenyReason::Revoked));
		assert_eq!(bond_held(HOSPITAL), 0);
		// Its errors: a disordered scope, an opted-out patient, a non-clinical provider.
		let mut disordered = scope.clone();
		disordered.tags.swap(3, 4);
		assert_noop!(
			Consent::emergency_access_sealed(
				origin(NURSE),
				PATIENT,
				LAB_RESULTS.into(),
				disordered,
				HASH
			),
			Error::<Test>::TagsNotCanonical
		);
		let mut malformed = scope.clone();
		malformed.salts[2] = [0; SEALED_SALT_LEN];
		assert_noop!(
			Consent::emergency_access_sealed(
				origin(NURSE),
				PATIENT,
				LAB_RESULTS.into(),
				malformed,
				HASH
			),
			Error::<Test>::MalformedSealedSalt
		);
		assert_noop!(
			Consent::emergency_access_sealed(
				origin(NURSE),
				OPTED_OUT,
				LAB_RESULTS.into(),
				scope.clone(),
				HASH
			),
			Error::<Test>::EmergencyAccessOptedOut
		);
		assert_noop!(
			Consent::emergency_access_sealed(
				origin(INSTITUTE),
				PATIENT,
				LAB_RESULTS.into(),
				scope,
				HASH
			),
			Error::<Test>::NotClinical
		);
	});
}

#[test]
fn a_sealed_consents_boxes_go_with_it_on_expiry_and_on_erasure() {
	build_and_execute(|| {
		let expiring = grant_sealed(HOSPITAL, &SALT);
		set_time(START + DAY + EXPIRY_BUCKET_MS);
		on_idle(Weight::MAX);
		assert!(!SealedSalts::<Test>::contains_key(expiring));
		let erased = grant_sealed(HOSPITAL, &OTHER_SALT);
		assert!(SealedSalts::<Test>::contains_key(erased));
		deregister(PATIENT);
		assert!(!SealedSalts::<Test>::contains_key(erased));
		assert_eq!(SealedSalts::<Test>::iter().count(), 0);
	});
}

#[test]
fn the_v4_migration_strikes_sensitive_categories_in_clear_and_keeps_the_log() {
	build_and_execute(|| {
		// Two consents as v3 stored them: lab results with HIV in clear, and HIV alone.
		let mixed = grant(HOSPITAL, READ, 10);
		let hiv_only = grant(HOSPITAL, READ, 5);
		let hiv = DataCategory::Hiv.bit();
		let v3_terms: Vec<v4::ConsentTermsV3> = ConsentsByPair::<Test>::get(PATIENT, HOSPITAL)
			.into_iter()
			.map(|terms| v4::ConsentTermsV3 {
				id: terms.id,
				categories: if terms.id == hiv_only {
					DataCategories(hiv)
				} else {
					DataCategories(terms.categories.bits() | hiv)
				},
				actions: terms.actions,
				purposes: terms.purposes,
				created_at: terms.created_at,
				expires_at: terms.expires_at,
				status: terms.status,
				kind: terms.kind,
				by_guardian: terms.by_guardian,
				registration: terms.registration,
			})
			.collect();
		v4::ConsentsByPairV3::<Test>::insert(
			PATIENT,
			HOSPITAL,
			frame_support::BoundedVec::truncate_from(v3_terms),
		);
		// An access logged before the upgrade, as v3 stored it: its category in clear.
		let entry = AccessEntry {
			accessor: HOSPITAL,
			organisation: HOSPITAL,
			category: AccessedCategory::Clear(DataCategory::LabResults),
			purpose: PurposeOfUse::Treatment,
			action: Action::Read,
			consent_id: mixed,
			time: START,
			record_hash: None,
		};
		let head = Consent::chain(&[0; 32], &entry);
		let v3_entry = v4::AccessEntryV3 {
			accessor: entry.accessor,
			organisation: entry.organisation,
			category: DataCategory::LabResults,
			purpose: entry.purpose,
			action: entry.action,
			consent_id: entry.consent_id,
			time: entry.time,
			record_hash: entry.record_hash,
		};
		let v3_log = (1u64, head, vec![v3_entry]);
		frame_support::storage::unhashed::put(
			&AccessLogs::<Test>::hashed_key_for(PATIENT),
			&v3_log,
		);
		let bits_before = ConsentCount::<Test>::get(PATIENT);
		assert_eq!(bits_before, 2);

		v4::UncheckedMigrateV3ToV4::<Test>::on_runtime_upgrade();

		let consent = Consent::consent(mixed).expect("kept");
		assert_eq!((consent.categories, consent.sealed), (LAB_RESULTS, None));
		assert!(Consent::consent(hiv_only).is_none(), "a consent left covering nothing is removed");
		let events = consent_events();
		let expired = Event::ConsentExpired { consent_id: hiv_only, patient: PATIENT };
		assert!(events.contains(&expired), "{events:?}");
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 1);
		let migrated = v4::AccessLogsV4::<Test>::get(PATIENT).expect("the log is kept");
		// The hash chain was over the v3 encoding, which a clear category keeps but for the
		// variant's byte: a wallet hashes each entry as the block that logged it encoded it.
		assert_eq!(migrated, v4::AccessLogV4 { count: 1, head, recent: vec![entry] });
	});
}

/// Bytes of every key and value in state.
fn state_bytes() -> usize {
	let mut total = 0;
	let mut key = Vec::new();
	while let Some(next) = sp_io::storage::next_key(&key) {
		total += next.len() + sp_io::storage::get(&next).map_or(0, |value| value.len());
		key = next;
	}
	total
}

/// What the pallet README states: a sealed consent costs its five tags in the pair index (80
/// bytes) and its three salt boxes with their key (240 + 48) more than one in clear.
#[test]
fn a_sealed_consent_costs_its_tags_and_boxes_in_state() {
	build_and_execute(|| {
		// The patient's count, the block's event entries and the expiry bucket's page exist
		// from the first grant on (all three consents end in the same hour).
		grant(PHYSICIAN, READ, 1);
		let before = state_bytes();
		grant(HOSPITAL, READ, 1);
		let clear = state_bytes() - before;
		let before = state_bytes();
		grant_sealed(LAB, &SALT);
		let sealed = state_bytes() - before;
		println!("state bytes per consent: {clear} in clear, {sealed} sealed");
		assert_eq!(sealed - clear, 80 + 240 + 48);
	});
}

// ---- sealed requests --------------------------------------------------------------------

/// `HOSPITAL` asks `PATIENT` for lab results in clear and HIV sealed under `salt`, read only,
/// for treatment, for ten days from approval; returns the request's id.
fn request_sealed(salt: &ConsentSalt) -> u64 {
	let id = crate::NextRequestId::<Test>::get();
	assert_ok!(Consent::request_access_sealed(
		origin(HOSPITAL),
		PATIENT,
		LAB_RESULTS.into(),
		sealed_scope(salt, [DataCategory::Hiv]),
		READ.into(),
		TREAT.into(),
		10 * DAY,
		HASH,
	));
	id
}

#[test]
fn an_approved_sealed_request_becomes_a_sealed_consent() {
	build_and_execute(|| {
		let request_id = request_sealed(&SALT);
		assert_eq!(
			last_event(),
			Event::AccessRequested { request_id, patient: PATIENT, requester: HOSPITAL }
		);
		let asked = sealed_scope(&SALT, [DataCategory::Hiv]);
		assert_eq!(Consent::sealed_request_scope(request_id), Some(asked.clone()));
		let (_, pending) = Consent::pending_requests_of(&PATIENT).remove(0);
		assert!(!pending.categories.has_sensitive(), "the request names HIV only as a tag");
		assert!(!sealed_read(HOSPITAL, hiv_tag(&SALT)).is_permit());

		let consent_id = crate::NextConsentId::<Test>::get();
		assert_ok!(Consent::approve_request(origin(PATIENT), request_id));
		let consent = Consent::consent(consent_id).expect("granted");
		assert_eq!(consent.kind, ConsentKind::Request(request_id));
		assert_eq!(consent.sealed, Some(asked), "the tags and boxes move to the consent");
		assert!(!consent.categories.has_sensitive());
		assert_eq!(Consent::sealed_request_scope(request_id), None);
		assert_eq!(
			sealed_read(HOSPITAL, hiv_tag(&SALT)),
			AccessDecision::Permit { consent_id, expires_at: START + 10 * DAY }
		);
		// A sensitive category the request did not ask for stays closed.
		let mental_health = sealed_tag(&SALT, DataCategory::MentalHealth);
		assert!(!sealed_read(HOSPITAL, mental_health).is_permit());
		assert_ok!(record_sealed(HOSPITAL, hiv_tag(&SALT), Action::Read, None));
	});
}

#[test]
fn a_sealed_requests_scope_goes_with_it_when_denied_lapsed_or_erased() {
	build_and_execute(|| {
		let denied = request_sealed(&SALT);
		assert_ok!(Consent::deny_request(origin(PATIENT), denied));
		assert_eq!(Consent::sealed_request_scope(denied), None);

		let lapsed = request_sealed(&OTHER_SALT);
		set_time(START + 7 * DAY + EXPIRY_BUCKET_MS);
		on_idle(Weight::MAX);
		assert!(consent_events()
			.contains(&Event::RequestLapsed { request_id: lapsed, patient: PATIENT }));
		assert_eq!(Consent::sealed_request_scope(lapsed), None);

		let erased = request_sealed(&SALT);
		assert!(crate::SealedRequests::<Test>::contains_key(erased));
		deregister(PATIENT);
		assert_eq!(crate::SealedRequests::<Test>::iter().count(), 0);
	});
}

#[test]
fn request_access_sealed_errors_change_nothing() {
	build_and_execute(|| {
		let ask = |who, categories: DataCategories, scope| {
			Consent::request_access_sealed(
				origin(who),
				PATIENT,
				categories.into(),
				scope,
				READ.into(),
				TREAT.into(),
				DAY,
				HASH,
			)
		};
		let scope = sealed_scope(&SALT, [DataCategory::Hiv]);
		let mut disordered = scope.clone();
		disordered.tags.swap(0, 1);
		assert_noop!(ask(HOSPITAL, LAB_RESULTS, disordered), Error::<Test>::TagsNotCanonical);
		let mut small_order = scope.clone();
		small_order.salts[2] = [0; SEALED_SALT_LEN];
		assert_noop!(ask(HOSPITAL, LAB_RESULTS, small_order), Error::<Test>::MalformedSealedSalt);
		assert_noop!(ask(STRANGER, LAB_RESULTS, scope.clone()), Error::<Test>::NotAProvider);
		// Sealed categories only is a valid request.
		assert_ok!(ask(HOSPITAL, DataCategories(0), scope));
	});
}

/// A log as v4 kept it: `count` entries ever, the last `kept` of them in state.
fn v4_log(count: u64, kept: usize) -> (v4::AccessLogV4<AccountId>, Vec<AccessEntry<AccountId>>) {
	let entries: Vec<_> = (0..count)
		.map(|n| AccessEntry {
			accessor: HOSPITAL,
			organisation: HOSPITAL,
			category: AccessedCategory::Clear(DataCategory::LabResults),
			purpose: PurposeOfUse::Treatment,
			action: Action::Read,
			consent_id: 0,
			time: START + n,
			record_hash: None,
		})
		.collect();
	let head = entries.iter().fold([0u8; 32], |head, entry| Consent::chain(&head, entry));
	let recent = entries[entries.len() - kept..].to_vec();
	(v4::AccessLogV4 { count, head, recent }, entries)
}

#[test]
fn the_v5_migration_moves_the_logs_entries_to_the_off_chain_index_and_keeps_count_and_head() {
	use crate::migrations::v5;
	// A log whose every entry is still in state, and one whose first entry had left it.
	let (whole, whole_entries) = v4_log(3, 3);
	let (cut, cut_entries) = v4_log(5, 4);
	let ((), indexed) = build_execute_and_read_log(&PATIENT, || {
		v4::AccessLogsV4::<Test>::insert(PATIENT, whole.clone());
		v4::AccessLogsV4::<Test>::insert(OTHER_PATIENT, cut.clone());
		v5::UncheckedMigrateV4ToV5::<Test>::on_runtime_upgrade();
		assert_eq!(
			Consent::access_log_head(&PATIENT),
			AccessLogHead { count: whole.count, head: whole.head }
		);
		assert_eq!(
			Consent::access_log_head(&OTHER_PATIENT),
			AccessLogHead { count: cut.count, head: cut.head }
		);
	});
	// Each entry with the head before it: a run of them folds into the head in state.
	assert_eq!(indexed.iter().map(|e| e.entry.clone()).collect::<Vec<_>>(), whole_entries);
	let mut head = [0u8; 32];
	for indexed in &indexed {
		assert_eq!(indexed.previous, Some(head));
		head = Consent::chain(&head, &indexed.entry);
	}
	assert_eq!(head, whole.head);

	// The cut log's kept entries are at their own indices (1 to 4), their links unknown.
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		v4::AccessLogsV4::<Test>::insert(OTHER_PATIENT, cut.clone());
		v5::UncheckedMigrateV4ToV5::<Test>::on_runtime_upgrade();
	});
	ext.persist_offchain_overlay();
	let index = ext.offchain_db();
	let key = |n: usize| carechain_primitives::access_log_entry_key(&OTHER_PATIENT, n as u64);
	assert!(index.get(&key(0)).is_none(), "entry 0 had left state");
	for (n, entry) in cut_entries.iter().enumerate().skip(1) {
		let stored = index.get(&key(n)).expect("moved");
		let stored =
			<carechain_primitives::IndexedAccessEntry<AccountId>>::decode(&mut &stored[..])
				.expect("decodes");
		assert_eq!((stored.previous, &stored.entry), (None, entry));
	}
}
