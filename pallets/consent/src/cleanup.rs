//! Removing what has ended: expired consents and lapsed requests (from the expiry queue, in
//! `on_idle`), and everything of a patient who deregisters. Also the pallet's invariants.

use super::*;

impl<T: Config> Pallet<T> {
	/// The expiry-queue bucket of instant `at`.
	pub(crate) fn bucket(at: Moment) -> Moment {
		at / EXPIRY_BUCKET_MS
	}

	/// Queues `item` for clean-up once `at` has passed, keeping the cursor at or before every
	/// queued bucket.
	pub(crate) fn enqueue(at: Moment, item: Expiring) {
		let bucket = Self::bucket(at);
		ExpiryQueue::<T>::insert(bucket, item, ());
		if CleanupCursor::<T>::get().is_none_or(|cursor| bucket < cursor) {
			CleanupCursor::<T>::put(bucket);
		}
	}

	/// Removes what ended in the buckets that lie wholly before `now`, oldest bucket first,
	/// as far as `meter` allows; resumes there next time. Each removed item is charged the
	/// dearer of an expired consent and a lapsed request, each bucket passed the measured cost
	/// of an empty one (all three are benchmarks of their own): the number of consents stored
	/// plays no part.
	pub(crate) fn clean_up_expired(now: Moment, meter: &mut WeightMeter) {
		let base = T::WeightInfo::on_idle(0);
		let per_consent = T::WeightInfo::on_idle(1).saturating_sub(base);
		let per_request = T::WeightInfo::on_idle_lapsed_requests(1)
			.saturating_sub(T::WeightInfo::on_idle_lapsed_requests(0));
		let per_item = per_consent.max(per_request);
		let per_bucket = T::WeightInfo::on_idle_empty_buckets(1)
			.saturating_sub(T::WeightInfo::on_idle_empty_buckets(0));
		if meter.try_consume(base).is_err() {
			return;
		}
		let Some(start) = CleanupCursor::<T>::get() else { return };
		let due_before = Self::bucket(now);
		let mut cursor = start;
		'buckets: while cursor < due_before {
			let mut drained = ExpiryQueue::<T>::drain_prefix(cursor);
			loop {
				if !meter.can_consume(per_item.max(per_bucket)) {
					break 'buckets;
				}
				match drained.next() {
					Some((item, ())) => {
						meter.consume(per_item);
						Self::expire(item);
					},
					None => {
						meter.consume(per_bucket);
						cursor = cursor.saturating_add(1);
						break;
					},
				}
			}
		}
		if cursor != start {
			CleanupCursor::<T>::put(cursor);
		}
	}

	/// Removes an item whose time has passed (its queue entry is gone already).
	pub(crate) fn expire(item: Expiring) {
		match item {
			Expiring::Consent(consent_id) => {
				let Some((patient, grantee)) = ConsentParties::<T>::take(consent_id) else {
					return;
				};
				let mut kind = None;
				ConsentsByPair::<T>::mutate_exists(&patient, &grantee, |pair| {
					if let Some(consents) = pair {
						kind = consents.iter().find(|terms| terms.id == consent_id).map(|t| t.kind);
						consents.retain(|terms| terms.id != consent_id);
						if consents.is_empty() {
							*pair = None;
						}
					}
				});
				ConsentsByGrantee::<T>::remove(&grantee, consent_id);
				SealedSalts::<T>::remove(consent_id);
				if let Some(kind) = kind {
					let count = Self::count_of(&patient, kind);
					Self::set_count(&patient, kind, count.saturating_sub(1));
				}
				Self::deposit_event(Event::ConsentExpired { consent_id, patient });
			},
			Expiring::Request(request_id) => {
				let Some(request) = Requests::<T>::get(request_id) else { return };
				// Its queue entry was drained already.
				Self::forget_request(request_id, &request);
				Self::deposit_event(Event::RequestLapsed { request_id, patient: request.patient });
			},
		}
	}

	/// Removes every consent, pending request, the access log and the record anchors of
	/// `patient` (returning the anchor deposits); emergency accesses stay reviewable. Returns
	/// the weight used.
	pub(crate) fn erase_patient(patient: &T::AccountId) -> Weight {
		let mut consents = 0u32;
		for (grantee, pair) in ConsentsByPair::<T>::drain_prefix(patient) {
			for terms in pair {
				ConsentParties::<T>::remove(terms.id);
				ConsentsByGrantee::<T>::remove(&grantee, terms.id);
				SealedSalts::<T>::remove(terms.id);
				ExpiryQueue::<T>::remove(
					Self::bucket(terms.expires_at),
					Expiring::Consent(terms.id),
				);
				consents = consents.saturating_add(1);
			}
		}
		ConsentCount::<T>::remove(patient);
		EmergencyConsentCount::<T>::remove(patient);
		let _ = PendingRequestsFrom::<T>::clear_prefix(patient, u32::MAX, None);
		for request_id in PendingRequests::<T>::take(patient) {
			SealedRequests::<T>::remove(request_id);
			if let Some(request) = Requests::<T>::take(request_id) {
				ExpiryQueue::<T>::remove(
					Self::bucket(request.lapses_at),
					Expiring::Request(request_id),
				);
			}
		}
		AccessLogs::<T>::remove(patient);
		let mut anchors = 0u32;
		for (_, anchor) in RecordAnchors::<T>::drain_prefix(patient) {
			Self::release_anchor_deposit(anchor);
			anchors = anchors.saturating_add(1);
		}
		AnchorCount::<T>::remove(patient);
		Self::deposit_event(Event::PatientDataErased {
			patient: patient.clone(),
			consents,
			anchors,
		});
		T::WeightInfo::erase_patient(consents, anchors)
	}

	/// Checks the pallet's invariants: every indexed consent exists in every index and in the
	/// expiry queue and vice versa, counts match, every queued item exists and is queued at its
	/// time at or after the cursor, and the anchor deposits held match the anchors.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::BTreeMap;
		use frame_support::traits::fungible::InspectHold;

		let next_id = NextConsentId::<T>::get();
		let mut per_patient: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let mut emergency_per_patient: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (patient, grantee, pair) in ConsentsByPair::<T>::iter() {
			ensure!(!pair.is_empty(), "an empty pair index is stored");
			for terms in pair {
				ensure!(terms.id < next_id, "a consent id not yet assigned");
				ensure!(terms.status != ConsentStatus::Expired, "Expired is never stored");
				ensure!(!terms.categories.has_sensitive(), "a sensitive category in clear");
				ensure!(
					terms.sealed_tags.is_some() == SealedSalts::<T>::contains_key(terms.id),
					"a sealed consent's tags and salts are stored together"
				);
				ensure!(
					!terms.categories.is_empty() || terms.sealed_tags.is_some(),
					"a consent that covers nothing"
				);
				ensure!(
					ConsentParties::<T>::get(terms.id) == Some((patient.clone(), grantee.clone())),
					"an indexed consent without its parties"
				);
				ensure!(
					ConsentsByGrantee::<T>::contains_key(&grantee, terms.id),
					"a consent missing from the grantee index"
				);
				ensure!(
					ExpiryQueue::<T>::contains_key(
						Self::bucket(terms.expires_at),
						Expiring::Consent(terms.id)
					),
					"a consent missing from the expiry queue"
				);
				let counts = match terms.kind {
					ConsentKind::Emergency => &mut emergency_per_patient,
					_ => &mut per_patient,
				};
				let count = counts.entry(patient.clone()).or_default();
				*count = count.saturating_add(1);
			}
		}
		for id in SealedSalts::<T>::iter_keys() {
			ensure!(ConsentParties::<T>::contains_key(id), "salts of a missing consent");
		}
		for id in SealedRequests::<T>::iter_keys() {
			ensure!(Requests::<T>::contains_key(id), "a sealed scope of a missing request");
		}
		for (id, (patient, grantee)) in ConsentParties::<T>::iter() {
			ensure!(Self::terms(&patient, &grantee, id).is_some(), "parties of a missing consent");
		}
		for (grantee, id) in ConsentsByGrantee::<T>::iter_keys() {
			ensure!(
				ConsentParties::<T>::get(id).is_some_and(|(_, g)| g == grantee),
				"grantee index entry of a missing consent"
			);
		}
		ensure!(
			ConsentCount::<T>::iter().count() == per_patient.len(),
			"a consent count without consents"
		);
		for (patient, count) in &per_patient {
			ensure!(ConsentCount::<T>::get(patient) == *count, "consent count differs");
			ensure!(*count <= T::MaxConsentsPerPatient::get(), "more consents than allowed");
		}
		ensure!(
			EmergencyConsentCount::<T>::iter().count() == emergency_per_patient.len(),
			"an emergency consent count without emergency consents"
		);
		for (patient, count) in &emergency_per_patient {
			ensure!(
				EmergencyConsentCount::<T>::get(patient) == *count,
				"emergency consent count differs"
			);
			ensure!(
				*count <= T::MaxEmergencyConsentsPerPatient::get(),
				"more emergency consents than allowed"
			);
		}

		let mut reviews: BTreeMap<T::AccountId, (u32, BalanceOf<T>)> = BTreeMap::new();
		for (_, access) in EmergencyAccesses::<T>::iter() {
			let (open, bonds) = reviews.entry(access.organisation).or_default();
			*open = open.saturating_add(1);
			*bonds = bonds.saturating_add(access.bond);
		}
		ensure!(
			OpenEmergencyReviews::<T>::iter().count() == reviews.len(),
			"an open-review count without emergency accesses"
		);
		for (organisation, (open, bonds)) in reviews {
			ensure!(
				OpenEmergencyReviews::<T>::get(&organisation) == open,
				"open-review count differs"
			);
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::EmergencyBond.into(), &organisation)
					== bonds,
				"emergency bonds held differ from the open reviews"
			);
		}

		let cursor = CleanupCursor::<T>::get();
		for (bucket, item) in ExpiryQueue::<T>::iter_keys() {
			ensure!(cursor.is_some_and(|c| c <= bucket), "a queued bucket before the cursor");
			let at = match item {
				Expiring::Consent(id) => ConsentParties::<T>::get(id)
					.and_then(|(patient, grantee)| Self::terms(&patient, &grantee, id))
					.map(|terms| terms.expires_at),
				Expiring::Request(id) => Requests::<T>::get(id).map(|request| request.lapses_at),
			};
			ensure!(
				at.is_some_and(|at| Self::bucket(at) == bucket),
				"a queued item that is not stored, or queued at the wrong time"
			);
		}
		for (id, request) in Requests::<T>::iter() {
			ensure!(
				PendingRequests::<T>::get(&request.patient).contains(&id),
				"a request missing from the patient's pending list"
			);
			ensure!(
				ExpiryQueue::<T>::contains_key(
					Self::bucket(request.lapses_at),
					Expiring::Request(id)
				),
				"a request missing from the expiry queue"
			);
		}
		let mut from: BTreeMap<(T::AccountId, T::AccountId), u32> = BTreeMap::new();
		for request in Requests::<T>::iter_values() {
			let count = from.entry((request.patient, request.organisation)).or_default();
			*count = count.saturating_add(1);
		}
		for (patient, organisation, count) in PendingRequestsFrom::<T>::iter() {
			ensure!(
				from.remove(&(patient, organisation)) == Some(count) && count > 0,
				"an organisation's pending-request count differs from its requests"
			);
		}
		ensure!(from.is_empty(), "pending requests missing from their organisation's count");
		for (patient, pending) in PendingRequests::<T>::iter() {
			ensure!(!pending.is_empty(), "an empty pending list is stored");
			ensure!(
				pending
					.iter()
					.all(|id| Requests::<T>::get(id).is_some_and(|r| r.patient == patient)),
				"a pending request that is not stored"
			);
		}

		let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
		let mut anchors: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		for (patient, _, anchor) in RecordAnchors::<T>::iter() {
			let total = held.entry(anchor.organisation).or_default();
			*total = total.saturating_add(anchor.deposit.held());
			let count = anchors.entry(patient).or_default();
			*count = count.saturating_add(1);
		}
		ensure!(
			AnchorCount::<T>::iter().count() == anchors.len(),
			"an anchor count without anchors"
		);
		for (patient, count) in anchors {
			ensure!(AnchorCount::<T>::get(&patient) == count, "anchor count differs");
		}
		for (organisation, total) in held {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::AnchorDeposit.into(), &organisation)
					== total,
				"anchor deposits held differ from the anchors"
			);
		}
		Ok(())
	}
}
