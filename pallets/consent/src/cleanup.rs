//! Removing what has ended: expired consents and lapsed requests (from the expiry queue, in
//! `on_idle`), and everything of a patient who deregisters. Also the pallet's invariants.

use super::*;

impl<T: Config> Pallet<T> {
	/// The expiry-queue bucket of instant `at`.
	pub(crate) fn bucket(at: Moment) -> Moment {
		at / EXPIRY_BUCKET_MS
	}

	/// Queues `item` for clean-up once `at` has passed: on the bucket's last page, or a new
	/// page when that one is full. Keeps the cursor at or before every queued bucket.
	pub(crate) fn enqueue(at: Moment, item: Expiring) {
		let bucket = Self::bucket(at);
		let pages = ExpiryPageCount::<T>::get(bucket);
		let added = pages > 0
			&& ExpiryPages::<T>::try_mutate(bucket, pages.saturating_sub(1), |page| {
				page.try_push(item).map_err(|_| ())
			})
			.is_ok();
		if !added {
			ExpiryPages::<T>::insert(bucket, pages, ExpiryPage::truncate_from(alloc::vec![item]));
			ExpiryPageCount::<T>::insert(bucket, pages.saturating_add(1));
		}
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
			if !meter.can_consume(per_item.max(per_bucket)) {
				break;
			}
			let pages = ExpiryPageCount::<T>::get(cursor);
			let Some(last) = pages.checked_sub(1) else {
				meter.consume(per_bucket);
				cursor = cursor.saturating_add(1);
				continue;
			};
			// The bucket's last page, item by item from its end; what the meter leaves is
			// written back for the next block.
			let mut page = ExpiryPages::<T>::take(cursor, last);
			while let Some(item) = page.pop() {
				if !meter.can_consume(per_item) {
					// Room was made by `pop`: this cannot fail.
					let _ = page.try_push(item);
					ExpiryPages::<T>::insert(cursor, last, page);
					break 'buckets;
				}
				meter.consume(per_item);
				Self::expire(item, cursor);
			}
			if last == 0 {
				ExpiryPageCount::<T>::remove(cursor);
			} else {
				ExpiryPageCount::<T>::insert(cursor, last);
			}
		}
		if cursor != start {
			CleanupCursor::<T>::put(cursor);
		}
	}

	/// Removes an item queued in `bucket`, whose time has passed (its queue entry is gone
	/// already). An item no longer stored, or renewed to another bucket, is passed over.
	pub(crate) fn expire(item: Expiring, bucket: Moment) {
		match item {
			Expiring::Consent(consent_id) => {
				let Some((patient, grantee)) = ConsentParties::<T>::get(consent_id) else {
					return;
				};
				let ends_here = Self::terms(&patient, &grantee, consent_id)
					.is_some_and(|terms| Self::bucket(terms.expires_at) == bucket);
				if !ends_here {
					return;
				}
				ConsentParties::<T>::remove(consent_id);
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
				SealedSalts::<T>::remove(consent_id);
				if let Some(kind) = kind {
					let count = Self::count_of(&patient, kind);
					Self::set_count(&patient, kind, count.saturating_sub(1));
				}
				Self::deposit_event(Event::ConsentExpired { consent_id, patient });
			},
			Expiring::Request(request_id) => {
				let Some(request) = Requests::<T>::get(request_id) else { return };
				if Self::bucket(request.lapses_at) != bucket {
					return;
				}
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
		for (_grantee, pair) in ConsentsByPair::<T>::drain_prefix(patient) {
			for terms in pair {
				ConsentParties::<T>::remove(terms.id);
				SealedSalts::<T>::remove(terms.id);
				consents = consents.saturating_add(1);
			}
		}
		ConsentCount::<T>::remove(patient);
		EmergencyConsentCount::<T>::remove(patient);
		let _ = PendingRequestsFrom::<T>::clear_prefix(patient, u32::MAX, None);
		for request_id in PendingRequests::<T>::take(patient) {
			SealedRequests::<T>::remove(request_id);
			Requests::<T>::remove(request_id);
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

	/// Checks the pallet's invariants: every indexed consent exists in every index and is
	/// queued in the bucket of its expiry (as is every request at its lapse), counts match,
	/// every queued page is at or after the cursor and counted with its bucket, and the anchor
	/// deposits held match the anchors.
	#[cfg(any(feature = "try-runtime", feature = "std", test))]
	pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
		use alloc::collections::{BTreeMap, BTreeSet};
		use frame_support::traits::fungible::InspectHold;

		let cursor = CleanupCursor::<T>::get();
		let mut queued: BTreeSet<(Moment, Expiring)> = BTreeSet::new();
		let mut pages_of: BTreeMap<Moment, u32> = BTreeMap::new();
		for (bucket, number, page) in ExpiryPages::<T>::iter() {
			ensure!(cursor.is_some_and(|c| c <= bucket), "a queued bucket before the cursor");
			ensure!(!page.is_empty(), "an empty expiry page is stored");
			ensure!(
				number < ExpiryPageCount::<T>::get(bucket),
				"an expiry page past its bucket's page count"
			);
			let pages = pages_of.entry(bucket).or_default();
			*pages = pages.saturating_add(1);
			queued.extend(page.into_iter().map(|item| (bucket, item)));
		}
		for (bucket, count) in ExpiryPageCount::<T>::iter() {
			ensure!(pages_of.get(&bucket) == Some(&count), "a bucket's page count differs");
		}

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
					queued.contains(&(Self::bucket(terms.expires_at), Expiring::Consent(terms.id))),
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
		let mut naming: BTreeMap<T::AccountId, u64> = BTreeMap::new();
		let genesis = GenesisConsents::<T>::get();
		for (id, (patient, grantee)) in ConsentParties::<T>::iter() {
			ensure!(Self::terms(&patient, &grantee, id).is_some(), "parties of a missing consent");
			if id >= genesis {
				let named = naming.entry(grantee).or_default();
				*named = named.saturating_add(1);
			}
		}
		for (grantee, named) in naming {
			ensure!(
				GranteeListings::<T>::get(&grantee) >= named,
				"a grantee's listing is shorter than the consents naming it"
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

		for (id, request) in Requests::<T>::iter() {
			ensure!(
				PendingRequests::<T>::get(&request.patient).contains(&id),
				"a request missing from the patient's pending list"
			);
			ensure!(
				queued.contains(&(Self::bucket(request.lapses_at), Expiring::Request(id))),
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
