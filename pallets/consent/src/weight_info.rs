//! What the consent pallet's calls and hooks weigh: the trait the runtime implements with the
//! generated weights (`weights.rs`, written by `scripts/benchmark.sh`), and small fixed weights
//! for the pallet's own tests.

use frame_support::weights::Weight;

/// The weight of each call and hook of the pallet.
pub trait WeightInfo {
	/// `grant`.
	fn grant() -> Weight;
	/// `grant_sealed` (a sealed scope's tags and salts stored beside the terms).
	fn grant_sealed() -> Weight;
	/// `revoke`.
	fn revoke() -> Weight;
	/// `renew`.
	fn renew() -> Weight;
	/// The fee-free pre-check of a patient call (`precheck_feeless`), at its worst.
	fn precheck_feeless() -> Weight;
	/// `request_access`.
	fn request_access() -> Weight;
	/// `request_access_sealed` (the sealed scope stored beside the request).
	fn request_access_sealed() -> Weight;
	/// `approve_request` (of a sealed request: its scope moves to the consent).
	fn approve_request() -> Weight;
	/// `deny_request`.
	fn deny_request() -> Weight;
	/// `emergency_access`.
	fn emergency_access() -> Weight;
	/// `review_emergency_access` (unjustified: revocation and slash).
	fn review_emergency_access() -> Weight;
	/// `record_access` (a write that anchors a record, with a full recent-entries list).
	fn record_access() -> Weight;
	/// `record_sealed_access` (a write that anchors a record, with a full recent-entries list,
	/// the tag matched against the pair's last sealed consent).
	fn record_sealed_access() -> Weight;
	/// `emergency_access_sealed`.
	fn emergency_access_sealed() -> Weight;
	/// `remove_anchor`.
	fn remove_anchor() -> Weight;
	/// `on_idle` removing `n` expired consents from one bucket that has passed.
	fn on_idle(n: u32) -> Weight;
	/// `on_idle` removing `n` lapsed access requests from one bucket that has passed.
	fn on_idle_lapsed_requests(n: u32) -> Weight;
	/// `on_idle` passing over `b` empty buckets (the chain was idle for `b` minutes).
	fn on_idle_empty_buckets(b: u32) -> Weight;
	/// Erasing a deregistered patient's `c` consents and `a` record anchors.
	fn erase_patient(c: u32, a: u32) -> Weight;
}

/// Fixed weights for the pallet's own tests (not measurements; the runtime uses `weights.rs`).
impl WeightInfo for () {
	fn grant() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn grant_sealed() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn revoke() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn renew() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn precheck_feeless() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn request_access() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn request_access_sealed() -> Weight {
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
	fn record_sealed_access() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn emergency_access_sealed() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn remove_anchor() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn record_access() -> Weight {
		Weight::from_parts(1, 0)
	}
	fn on_idle(n: u32) -> Weight {
		Weight::from_parts(10, 0)
			.saturating_add(Weight::from_parts(100, 0).saturating_mul(n.into()))
	}
	fn on_idle_lapsed_requests(n: u32) -> Weight {
		Weight::from_parts(10, 0)
			.saturating_add(Weight::from_parts(100, 0).saturating_mul(n.into()))
	}
	fn on_idle_empty_buckets(b: u32) -> Weight {
		Weight::from_parts(10, 0).saturating_add(Weight::from_parts(1, 0).saturating_mul(b.into()))
	}
	fn erase_patient(c: u32, a: u32) -> Weight {
		Weight::from_parts(1u64.saturating_add(c.into()).saturating_add(a.into()), 0)
	}
}
