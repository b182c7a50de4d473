//! Cross-pallet traits: each pallet depends on these behaviours, never on another pallet.

use sp_runtime::{DispatchError, DispatchResult, Weight};

use crate::{
	claim::CoverageId, sealed::SealedScope, Action, ConsentId, DataCategories, DataCategory,
	Hash32, Moment, ProviderKind, PurposeOfUse, RegistrationId, StudyId,
};

/// What other pallets need to know of the provider registry.
pub trait ProviderRegistry<AccountId> {
	/// If `who` is an active provider, or a staff member of an active organisation: the kind of
	/// that provider, the account of the organisation (the provider itself when `who` is the
	/// provider) and the organisation's current registration. `None` for anyone else, and for
	/// suspended or pending providers and their staff.
	fn active_registration(who: &AccountId) -> Option<(ProviderKind, AccountId, RegistrationId)>;

	/// The registration `who` (a provider, or a staff member) belongs to, whatever its status.
	fn registration_of(who: &AccountId) -> Option<RegistrationId>;

	/// [`Self::active_registration`] without the registration.
	fn active_provider(who: &AccountId) -> Option<(ProviderKind, AccountId)> {
		Self::active_registration(who).map(|(kind, organisation, _)| (kind, organisation))
	}
}

/// A guardian acting for a patient, as other pallets see it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct GuardianAct {
	/// When the guardianship ends (unix ms); `None`: until the patient removes the guardian.
	pub until: Option<Moment>,
}

impl GuardianAct {
	/// Whether something ending at `expires_at` ends within the guardianship.
	pub fn covers(&self, expires_at: Moment) -> bool {
		self.until.is_none_or(|until| expires_at <= until)
	}
}

/// What other pallets need to know of patient identities.
pub trait PatientRegistry<AccountId> {
	/// Whether `who` is a registered patient.
	fn is_patient(who: &AccountId) -> bool;

	/// Whether `patient` allows emergency ("break-glass") access; `false` for a non-patient.
	fn emergency_access_allowed(patient: &AccountId) -> bool;

	/// Whether `patient` is a registered patient with fee-free calls left today. Other pallets
	/// use it in `#[pallet::feeless_if]`, so that all patient calls share one daily quota.
	fn has_feeless_call(patient: &AccountId) -> bool;

	/// `Some` while a guardian is dispatching a call for `patient` (through `as_guardian`):
	/// what the patient's consents made by that call may last. `None` when the patient acts.
	fn acting_guardian(patient: &AccountId) -> Option<GuardianAct>;

	/// Whether a call signed by `signer` (`None` if unsigned) is a patient's fee-free call: the
	/// condition of every `#[pallet::feeless_if]` on a patient call, given `origin.as_signer()`.
	fn is_feeless_signer(signer: Option<&AccountId>) -> bool {
		signer.is_some_and(Self::has_feeless_call)
	}
}

/// Slashing of provider deposits, for penalties decided elsewhere (an unjustified emergency
/// access).
pub trait ProviderDeposits<AccountId, Balance> {
	/// Moves up to `amount` of `provider`'s registration deposit to `beneficiary`; returns the
	/// amount moved (less if the deposit is smaller, zero for an unknown provider).
	fn slash_deposit(provider: &AccountId, amount: Balance, beneficiary: &AccountId) -> Balance;
}

/// Emergency accesses awaiting the Council's review, as the provider registry needs them: an
/// organisation cannot leave the registry, taking its deposit, while one of its emergency
/// accesses is unreviewed.
pub trait EmergencyReviews<AccountId> {
	/// How many emergency accesses made for `organisation` await review.
	fn open_reviews(organisation: &AccountId) -> u32;
}

/// No emergency accesses, for pallets configured without the consent pallet.
impl<AccountId> EmergencyReviews<AccountId> for () {
	fn open_reviews(_: &AccountId) -> u32 {
		0
	}
}

/// What the data-rewards pallet needs of the consent pallet: research consents.
pub trait ConsentManager<AccountId> {
	/// Creates a `Research(study)` consent of `patient` for `institute`: `categories` (and, for
	/// a study of sensitive data, the `sealed` scope: the study's tags, the patient's boxes of
	/// the study's salt), read only, purpose `HRESCH`, until `expires_at` (the study's end of
	/// data use: any instant after now, not bounded by `MaxConsentDuration`). Fails as a
	/// patient's own grant would otherwise (unknown patient, inactive institute, too many
	/// consents, a malformed sealed scope).
	fn grant_research_consent(
		patient: &AccountId,
		institute: &AccountId,
		study: StudyId,
		categories: DataCategories,
		sealed: Option<SealedScope>,
		expires_at: Moment,
	) -> Result<ConsentId, DispatchError>;

	/// Creates a `Billing(coverage)` consent of `patient` (its insurer pseudonym) for
	/// `insurer`: `Billing`, read only, purpose `HPAYMT`, until `expires_at` (any instant after
	/// now, not bounded by `MaxConsentDuration`: the coverage period plus its filing limit).
	/// Fails as a patient's own grant would otherwise.
	fn grant_billing_consent(
		patient: &AccountId,
		insurer: &AccountId,
		coverage: CoverageId,
		expires_at: Moment,
	) -> Result<ConsentId, DispatchError>;

	/// Whether a consent of `patient` lets `accessor` do `action` on `category` for `purpose`
	/// now (the access check of `ConsentApi::check_access`).
	fn permits(
		patient: &AccountId,
		accessor: &AccountId,
		category: DataCategory,
		action: Action,
		purpose: PurposeOfUse,
	) -> bool;

	/// Revokes consent `id` of `patient` at once.
	fn revoke_consent(patient: &AccountId, id: ConsentId) -> DispatchResult;

	/// The organisation that anchored `patient`'s record `record_hash`, and when; `None` if the
	/// record is not anchored.
	fn anchor(patient: &AccountId, record_hash: &Hash32) -> Option<(AccountId, Moment)>;

	/// The most weight `grant_research_consent` consumes.
	fn grant_weight() -> Weight;

	/// The most weight `revoke_consent` consumes.
	fn revoke_weight() -> Weight;

	/// The most weight `permits` consumes.
	fn check_weight() -> Weight;
}

/// Called when a patient deregisters (right to erasure), so that other pallets remove what they
/// hold for the patient (consents, study enrolments, record anchors) without the identity pallet
/// depending on them.
pub trait OnPatientDeregistered<AccountId> {
	/// Removes everything held for `patient`; returns the weight consumed.
	fn on_patient_deregistered(patient: &AccountId) -> Weight;

	/// The most weight `on_patient_deregistered` can consume, charged up front.
	fn max_weight() -> Weight;
}

/// Every member of the tuple cleans up, in order; `()` has nothing to clean up.
#[impl_trait_for_tuples::impl_for_tuples(8)]
impl<AccountId> OnPatientDeregistered<AccountId> for Tuple {
	fn on_patient_deregistered(patient: &AccountId) -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::on_patient_deregistered(patient)); )* );
		weight
	}

	fn max_weight() -> Weight {
		let mut weight = Weight::zero();
		for_tuples!( #( weight = weight.saturating_add(Tuple::max_weight()); )* );
		weight
	}
}

/// A registry in which nobody is registered, for pallets configured without one.
impl<AccountId> ProviderRegistry<AccountId> for () {
	fn active_registration(_: &AccountId) -> Option<(ProviderKind, AccountId, RegistrationId)> {
		None
	}

	fn registration_of(_: &AccountId) -> Option<RegistrationId> {
		None
	}
}

/// A registry in which nobody is registered, for pallets configured without one.
impl<AccountId> PatientRegistry<AccountId> for () {
	fn is_patient(_: &AccountId) -> bool {
		false
	}

	fn emergency_access_allowed(_: &AccountId) -> bool {
		false
	}

	fn has_feeless_call(_: &AccountId) -> bool {
		false
	}

	fn acting_guardian(_: &AccountId) -> Option<GuardianAct> {
		None
	}
}

/// Cheap checks of a patient's fee-free call, run when its transaction is validated: a call
/// that would fail on them is refused before it enters the pool, so that no block space is
/// taken for free by calls that do nothing.
pub trait PrecheckFeelessCall<AccountId, Call> {
	/// `Ok` if `call`, signed by `signer`, passes the checks its pallet makes from a few reads;
	/// the error the call would fail with otherwise.
	fn precheck(signer: &AccountId, call: &Call) -> DispatchResult;

	/// The most weight `precheck` takes.
	fn max_weight() -> Weight;
}

/// No checks, for runtimes and mocks without fee-free calls of other pallets.
impl<AccountId, Call> PrecheckFeelessCall<AccountId, Call> for () {
	fn precheck(_: &AccountId, _: &Call) -> DispatchResult {
		Ok(())
	}

	fn max_weight() -> Weight {
		Weight::zero()
	}
}
