//! Weights of the consent calls and hooks.
//!
//! The storage reads and writes are those each call performs (counted from the code and checked
//! by the benchmarks in `benchmarking.rs`). The execution times are estimates for the reference
//! machine, pending a run of the benchmarks with a node built with `runtime-benchmarks`.

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::Weight};

/// The weight of each call and hook of the pallet.
pub trait WeightInfo {
	/// `grant`.
	fn grant() -> Weight;
	/// `revoke`.
	fn revoke() -> Weight;
	/// `renew`.
	fn renew() -> Weight;
	/// `request_access`.
	fn request_access() -> Weight;
	/// `approve_request`.
	fn approve_request() -> Weight;
	/// `deny_request`.
	fn deny_request() -> Weight;
	/// `emergency_access`.
	fn emergency_access() -> Weight;
	/// `review_emergency_access` (unjustified: revocation and slash).
	fn review_emergency_access() -> Weight;
	/// `record_access` (a write that anchors a record, with a full recent-entries list).
	fn record_access() -> Weight;
	/// `on_idle` removing `n` expired items.
	fn on_idle(n: u32) -> Weight;
	/// Erasing a deregistered patient's `c` consents and `a` record anchors.
	fn erase_patient(c: u32, a: u32) -> Weight;
}

/// Weights for a runtime using the node's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
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

/// Unit weights, for tests.
impl WeightInfo for () {
	fn grant() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn revoke() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn renew() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn request_access() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn approve_request() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn deny_request() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn emergency_access() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn review_emergency_access() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn record_access() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn on_idle(n: u32) -> Weight {
		Weight::from_parts(10, 0)
			.saturating_add(Weight::from_parts(100, 0).saturating_mul(n.into()))
	}
	fn erase_patient(c: u32, a: u32) -> Weight {
		Weight::from_parts(1 + u64::from(c) + u64::from(a), 0)
	}
}
