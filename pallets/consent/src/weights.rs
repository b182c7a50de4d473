//! Weights of `pallet_consent`: interim figures, replaced by the output of `scripts/benchmark.sh`.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> pallet_consent::WeightInfo for SubstrateWeight<T> {
	/// Reads the patient, the grantee's standing (2), the count, the next id, the pair index
	/// and the cursor; writes the pair index, count, next id, parties, grantee index, queue.
	fn grant() -> Weight {
		Weight::from_parts(40_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	/// Reads the parties and the pair index; writes the pair index.
	fn revoke() -> Weight {
		Weight::from_parts(20_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	/// As `revoke`, plus moving the queue entry (cursor read).
	fn renew() -> Weight {
		Weight::from_parts(25_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Reads the requester's standing (2), the patient, the pending list, the next id, the
	/// cursor; writes the pending list, next id, request, queue.
	fn request_access() -> Weight {
		Weight::from_parts(35_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	/// Reads the request, then as `grant`; removes the request, its pending entry and queue
	/// entry.
	fn approve_request() -> Weight {
		Weight::from_parts(55_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(9))
	}
	/// Reads the request and the pending list; removes the request, pending and queue entries.
	fn deny_request() -> Weight {
		Weight::from_parts(25_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(3))
	}
	/// Reads the accessor's standing (2), the patient, the count, the next id, the pair index
	/// and the cursor; writes as `grant` plus the emergency record.
	fn emergency_access() -> Weight {
		Weight::from_parts(45_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	/// Takes the emergency record, revokes the consent (2 reads, 1 write) and slashes the
	/// provider's deposit (registration, holds, both accounts).
	fn review_emergency_access() -> Weight {
		Weight::from_parts(70_000_000, 8_000)
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	/// The access check (patient, standing (2), two pair entries), the anchor (exists, count,
	/// holds, account), the log; writes the anchor, count, holds, account and the log.
	fn record_access() -> Weight {
		Weight::from_parts(80_000_000, 12_000)
			.saturating_add(T::DbWeight::get().reads(10))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	/// Reads the cursor; per item: the queue entry, parties, pair index, count (4 reads) and
	/// their removal (5 writes).
	fn on_idle(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(Weight::from_parts(25_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(4).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().writes(5).saturating_mul(n.into()))
	}
	fn on_idle_lapsed_requests(n: u32) -> Weight {
		Weight::from_parts(5_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(Weight::from_parts(25_000_000, 8_000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads(3).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().writes(4).saturating_mul(n.into()))
	}
	fn on_idle_empty_buckets(b: u32) -> Weight {
		Weight::from_parts(5_000_000, 1_000)
			.saturating_add(T::DbWeight::get().reads_writes(1, 1))
			.saturating_add(T::DbWeight::get().reads(1).saturating_mul(b.into()))
	}
	/// Per consent: 3 removals; per anchor: the anchor and the organisation's holds and
	/// account; plus the pending requests, log and counts.
	fn erase_patient(c: u32, a: u32) -> Weight {
		Weight::from_parts(30_000_000, 4_000)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(Weight::from_parts(8_000_000, 100).saturating_mul(c.into()))
			.saturating_add(T::DbWeight::get().writes(3).saturating_mul(c.into()))
			.saturating_add(Weight::from_parts(30_000_000, 4_000).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().reads(3).saturating_mul(a.into()))
			.saturating_add(T::DbWeight::get().writes(3).saturating_mul(a.into()))
	}
}
