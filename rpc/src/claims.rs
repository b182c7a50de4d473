//! `claims_*`: insurance coverages and claims over `ClaimsApi`. Eligibility is open (yes or no
//! for a coverage id, naming nobody); coverages, claims and explanations of benefit answer only
//! their parties (the member and its guardians; the insurer; for a claim, the billing
//! organisation), and the check of an opened service commitment only the claim's insurer: its
//! question names the hospital pseudonym, which nobody else may link to the claim.

use carechain_primitives::{
	claim::{
		Adjustment, Claim, ClaimId, Coverage, CoverageId, Day, ExplanationOfBenefit,
		ServiceMismatch,
	},
	runtime_api::ClaimsApi,
	ConsentId, Hash32,
};
use codec::Codec;
use jsonrpsee::core::{async_trait, RpcResult};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_core::crypto::AccountId32;
use sp_runtime::traits::Block as BlockT;

use crate::{
	api::ClaimsRpcServer,
	auth::{not_a_party, Canonical, ReadAuth},
	json::{address, hex},
	param::{kind_of, read_at, FromParam, Param},
	party::Parties,
	runtime_error, CareChainApis, CareChainRpc,
};

/// Most record keys one opening names (a claim bills a visit's records, not a history).
pub const MAX_RECORD_KEYS: usize = 64;

/// A day: days since 1970-01-01 (UTC), as a non-negative integer.
impl FromParam for Day {
	fn from_param(value: &Value) -> Result<Self, String> {
		let what = "a day (days since 1970-01-01, a non-negative integer)";
		match value {
			Value::Number(number) => number
				.as_u64()
				.and_then(|n| Day::try_from(n).ok())
				.ok_or_else(|| format!("expected {what}, got {number}")),
			Value::Null => Err(format!("required: {what}")),
			other => Err(format!("expected {what}, got {}", kind_of(other))),
		}
	}

	fn to_param(&self) -> Value {
		Value::from(*self)
	}
}

/// The record keys a provider hands the insurer: 1 to [`MAX_RECORD_KEYS`] 32-byte keys, each
/// `0x` + 64 hex digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordKeys(pub Vec<Hash32>);

impl FromParam for RecordKeys {
	fn from_param(value: &Value) -> Result<Self, String> {
		let Value::Array(items) = value else {
			return Err(format!("expected an array of record keys, got {}", kind_of(value)));
		};
		if items.is_empty() || items.len() > MAX_RECORD_KEYS {
			return Err(format!(
				"expected 1 to {MAX_RECORD_KEYS} record keys, got {}",
				items.len()
			));
		}
		items
			.iter()
			.enumerate()
			.map(|(index, item)| {
				Hash32::from_param(item).map_err(|reason| format!("key {index}: {reason}"))
			})
			.collect::<Result<_, _>>()
			.map(RecordKeys)
	}

	fn to_param(&self) -> Value {
		Value::Array(self.0.iter().map(|key| Value::String(hex(key))).collect())
	}
}

impl Canonical for RecordKeys {
	fn canonical(&self) -> Value {
		self.to_param()
	}
}

/// A coverage as the RPC answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CoverageJson {
	/// The coverage id.
	pub id: CoverageId,
	/// The insurer.
	pub insurer: String,
	/// The member (the patient's insurer pseudonym).
	pub member: String,
	/// The insurer's plan.
	pub plan: u32,
	/// First covered day.
	pub starts_on: Day,
	/// Last covered day.
	pub ends_on: Day,
	/// Salted hash of the member id.
	pub member_id_hash: String,
	/// The billing consent, once the member accepted.
	pub billing_consent: Option<ConsentId>,
	/// Paid under the coverage, in plancks (decimal text).
	pub paid: String,
	/// Claims not closed yet.
	pub open_claims: u32,
	/// The insurer's deposit, in plancks.
	pub deposit: String,
}

impl CoverageJson {
	fn new<Balance: ToString>(
		id: CoverageId,
		coverage: &Coverage<AccountId32, Balance, Balance>,
	) -> Self {
		Self {
			id,
			insurer: address(&coverage.insurer),
			member: address(&coverage.member),
			plan: coverage.plan,
			starts_on: coverage.starts_on,
			ends_on: coverage.ends_on,
			member_id_hash: hex(&coverage.member_id_hash),
			billing_consent: coverage.billing_consent,
			paid: coverage.paid.to_string(),
			open_claims: coverage.open_claims,
			deposit: coverage.deposit.to_string(),
		}
	}
}

/// One adjustment: X12 group code, CARC number, RARC code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AdjustmentJson {
	/// `CO`, `PR`, `OA` or `PI`.
	pub group: String,
	/// The CARC number.
	pub reason: u8,
	/// The RARC code, if any.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub remark: Option<String>,
}

impl From<&Adjustment> for AdjustmentJson {
	fn from(adjustment: &Adjustment) -> Self {
		Self {
			group: adjustment.group.code().into(),
			reason: adjustment.reason.code(),
			remark: adjustment.remark.map(|remark| remark.code().into()),
		}
	}
}

/// A claim as the RPC answers it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimJson {
	/// The claim id.
	pub id: ClaimId,
	/// The coverage billed.
	pub coverage: CoverageId,
	/// The insurer.
	pub insurer: String,
	/// The billing organisation.
	pub organisation: String,
	/// Who submitted it.
	pub submitter: String,
	/// `claim` or `preauthorization` (FHIR `Claim.use`).
	pub r#use: String,
	/// Where the service was given: `outpatient`, `inpatient`, `emergency`, `laboratory`,
	/// `imaging`, `pharmacy` or `home`.
	pub setting: String,
	/// The day of service.
	pub service_date: Day,
	/// Billed, in plancks.
	pub amount: String,
	/// Salted hash of the FHIR Claim.
	pub claim_hash: String,
	/// The commitment to the records billed for.
	pub service_commitment: String,
	/// The prior authorisation relied on.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub prior_authorisation: Option<ClaimId>,
	/// When it was submitted (unix ms).
	pub submitted_at: u64,
	/// When the insurer's answer is due (unix ms).
	pub answer_due: u64,
	/// `submitted`, `adjudicated`, `appealed`, `escalated` or `reversed`.
	pub status: String,
	/// `approved`, `partial` or `denied`, once answered.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub outcome: Option<String>,
	/// When it was last answered (unix ms), once answered.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub adjudicated_at: Option<u64>,
	/// Paid so far, in plancks.
	pub paid: String,
	/// Whether the member disputes it.
	pub disputed: bool,
}

impl ClaimJson {
	fn new<Balance: ToString>(id: ClaimId, claim: &Claim<AccountId32, Balance, Balance>) -> Self {
		Self {
			id,
			coverage: claim.coverage,
			insurer: address(&claim.insurer),
			organisation: address(&claim.organisation),
			submitter: address(&claim.submitter),
			r#use: claim.claim_use.name().into(),
			setting: claim.setting.name().into(),
			service_date: claim.service_date,
			amount: claim.amount.to_string(),
			claim_hash: hex(&claim.claim_hash),
			service_commitment: hex(&claim.service_commitment),
			prior_authorisation: claim.prior_authorisation,
			submitted_at: claim.submitted_at,
			answer_due: claim.answer_due,
			status: claim.status.name().into(),
			outcome: claim.adjudication.as_ref().map(|a| a.outcome.name().into()),
			adjudicated_at: claim.adjudication.as_ref().map(|a| a.at),
			paid: claim.paid.to_string(),
			disputed: claim.disputed,
		}
	}
}

/// The member's explanation of benefit of a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplanationJson {
	/// The claim id.
	pub claim: ClaimId,
	/// The coverage.
	pub coverage: CoverageId,
	/// The day of service.
	pub service_date: Day,
	/// Billed, in plancks.
	pub billed: String,
	/// Paid by the insurer.
	pub paid: String,
	/// Owed by the patient.
	pub patient_share: String,
	/// The claim's status.
	pub status: String,
	/// The decision, once answered.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub outcome: Option<String>,
	/// Why less than billed was paid.
	pub adjustments: Vec<AdjustmentJson>,
}

impl<Balance: ToString> From<&ExplanationOfBenefit<Balance>> for ExplanationJson {
	fn from(eob: &ExplanationOfBenefit<Balance>) -> Self {
		Self {
			claim: eob.claim,
			coverage: eob.coverage,
			service_date: eob.service_date,
			billed: eob.billed.to_string(),
			paid: eob.paid.to_string(),
			patient_share: eob.patient_share.to_string(),
			status: eob.status.name().into(),
			outcome: eob.outcome.map(|outcome| outcome.name().into()),
			adjustments: eob.adjustments.iter().map(AdjustmentJson::from).collect(),
		}
	}
}

/// Whether a coverage is in force on a day.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EligibilityJson {
	/// The coverage asked about.
	pub coverage: CoverageId,
	/// The day asked about.
	pub day: Day,
	/// In force (FHIR CoverageEligibilityResponse `insurance.inforce`).
	pub inforce: bool,
}

/// The insurer's check of an opened service commitment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ServiceCheckJson {
	/// Whether the opening holds.
	pub holds: bool,
	/// Why not: `unknownClaim`, `commitmentDiffers`, `duplicateKeyDiffers`, `noRecords`,
	/// `notAnchored`, `anchoredByAnotherOrganisation`, `anchoredAfterSubmission`.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub mismatch: Option<String>,
	/// The record key at fault, by its index.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub record: Option<u32>,
	/// The CARC to deny such a claim with.
	#[serde(default, skip_serializing_if = "Option::is_none")]
	pub carc: Option<u8>,
}

impl From<Result<(), ServiceMismatch>> for ServiceCheckJson {
	fn from(result: Result<(), ServiceMismatch>) -> Self {
		let Err(mismatch) = result else {
			return Self { holds: true, mismatch: None, record: None, carc: None };
		};
		let (name, record) = match mismatch {
			ServiceMismatch::UnknownClaim => ("unknownClaim", None),
			ServiceMismatch::CommitmentDiffers => ("commitmentDiffers", None),
			ServiceMismatch::DuplicateKeyDiffers => ("duplicateKeyDiffers", None),
			ServiceMismatch::NoRecords => ("noRecords", None),
			ServiceMismatch::NotAnchored(index) => ("notAnchored", Some(index)),
			ServiceMismatch::AnchoredByAnotherOrganisation(index) => {
				("anchoredByAnotherOrganisation", Some(index))
			},
			ServiceMismatch::AnchoredAfterSubmission(index) => {
				("anchoredAfterSubmission", Some(index))
			},
		};
		Self {
			holds: false,
			mismatch: Some(name.into()),
			record,
			carc: Some(mismatch.carc().code()),
		}
	}
}

impl<C, Block, Balance> CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: FromParam + Canonical,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CareChainApis<Block, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	/// Whether `signer` is a party of a coverage: its member or a current guardian, or acts
	/// for its insurer.
	fn coverage_party(
		&self,
		signer: &AccountId32,
		coverage: &Coverage<AccountId32, Balance, Balance>,
		at: Block::Hash,
	) -> Result<bool, jsonrpsee::types::ErrorObjectOwned> {
		let api = self.client.runtime_api();
		let parties = Parties::<_, Block, Balance>::new(&*api, at);
		parties
			.speaks_for_patient(signer, &coverage.member)
			.and_then(|yes| Ok(yes || parties.acts_for_grantee(signer, &coverage.insurer)?))
			.map_err(|e| runtime_error("a party check", at, e))
	}

	/// Claim `id` if `signer` is a party of it: the member of its coverage (or a guardian),
	/// or someone who acts for its insurer or its billing organisation.
	fn claim_for(
		&self,
		method: &str,
		id: ClaimId,
		signer: &AccountId32,
		at: Block::Hash,
	) -> Result<Option<Claim<AccountId32, Balance, Balance>>, jsonrpsee::types::ErrorObjectOwned> {
		let api = self.client.runtime_api();
		let claim = api.claim(at, id).map_err(|e| runtime_error("ClaimsApi::claim", at, e))?;
		let Some(claim) = claim else { return Ok(None) };
		let parties = Parties::<_, Block, Balance>::new(&*api, at);
		let acts_for = |account: &AccountId32| parties.acts_for_grantee(signer, account);
		let mut party = acts_for(&claim.insurer)
			.and_then(|yes| Ok(yes || acts_for(&claim.organisation)?))
			.map_err(|e| runtime_error("a party check", at, e))?;
		if !party {
			let coverage = api
				.coverage(at, claim.coverage)
				.map_err(|e| runtime_error("ClaimsApi::coverage", at, e))?;
			if let Some(coverage) = coverage {
				party = parties
					.speaks_for_patient(signer, &coverage.member)
					.map_err(|e| runtime_error("a party check", at, e))?;
			}
		}
		if !party {
			return Err(not_a_party(
				signer,
				&format!("the member, a guardian, the insurer or the billing provider of claim {id} ({method})"),
			));
		}
		Ok(Some(claim))
	}
}

#[async_trait]
impl<C, Block, Balance> ClaimsRpcServer<Block::Hash> for CareChainRpc<C, Block, Balance>
where
	Block: BlockT,
	Block::Hash: FromParam + Canonical,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: CareChainApis<Block, Balance>,
	Balance: Codec + ToString + Send + Sync + 'static,
{
	fn eligibility(
		&self,
		coverage: Param<CoverageId>,
		day: Param<Day>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<EligibilityJson> {
		let (coverage, day) = (coverage.read("coverage")?, day.read("day")?);
		let at = self.block(read_at(&at)?)?;
		let inforce = self
			.client
			.runtime_api()
			.coverage_active(at, coverage, day)
			.map_err(|e| runtime_error("ClaimsApi::coverage_active", at, e))?;
		Ok(EligibilityJson { coverage, day, inforce })
	}

	fn coverage(
		&self,
		id: Param<CoverageId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<CoverageJson>> {
		let (id, at) = (id.read("id")?, read_at(&at)?);
		let signer = self.signer("claims_coverage", &[id.canonical(), at.canonical()], &auth)?;
		let at = self.block(at)?;
		let coverage = self
			.client
			.runtime_api()
			.coverage(at, id)
			.map_err(|e| runtime_error("ClaimsApi::coverage", at, e))?;
		let Some(coverage) = coverage else { return Ok(None) };
		if !self.coverage_party(&signer, &coverage, at)? {
			return Err(not_a_party(
				&signer,
				&format!("the member, a guardian or the insurer of coverage {id}"),
			));
		}
		Ok(Some(CoverageJson::new(id, &coverage)))
	}

	fn coverages_of(
		&self,
		member: Param<AccountId32>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Vec<CoverageJson>> {
		let (member, at) = self.patient_read("claims_coveragesOf", &member, &auth, &at)?;
		let coverages = self
			.client
			.runtime_api()
			.coverages_of(at, member)
			.map_err(|e| runtime_error("ClaimsApi::coverages_of", at, e))?;
		Ok(coverages.iter().map(|(id, coverage)| CoverageJson::new(*id, coverage)).collect())
	}

	fn claim(
		&self,
		id: Param<ClaimId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<ClaimJson>> {
		let (id, at) = (id.read("id")?, read_at(&at)?);
		let signer = self.signer("claims_claim", &[id.canonical(), at.canonical()], &auth)?;
		let at = self.block(at)?;
		Ok(self.claim_for("claims_claim", id, &signer, at)?.map(|claim| ClaimJson::new(id, &claim)))
	}

	fn explanation_of_benefit(
		&self,
		id: Param<ClaimId>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<Option<ExplanationJson>> {
		let (id, at) = (id.read("id")?, read_at(&at)?);
		let method = "claims_explanationOfBenefit";
		let signer = self.signer(method, &[id.canonical(), at.canonical()], &auth)?;
		let at = self.block(at)?;
		if self.claim_for(method, id, &signer, at)?.is_none() {
			return Ok(None);
		}
		let eob = self
			.client
			.runtime_api()
			.explanation_of_benefit(at, id)
			.map_err(|e| runtime_error("ClaimsApi::explanation_of_benefit", at, e))?;
		Ok(eob.as_ref().map(ExplanationJson::from))
	}

	fn verify_service(
		&self,
		id: Param<ClaimId>,
		hospital_pseudonym: Param<AccountId32>,
		record_keys: Param<RecordKeys>,
		auth: Option<Param<ReadAuth>>,
		at: Option<Param<Block::Hash>>,
	) -> RpcResult<ServiceCheckJson> {
		let id = id.read("id")?;
		let pseudonym = hospital_pseudonym.read("hospitalPseudonym")?;
		let keys = record_keys.read("recordKeys")?;
		let at = read_at(&at)?;
		let params = [id.canonical(), pseudonym.canonical(), keys.canonical(), at.canonical()];
		let signer = self.signer("claims_verifyService", &params, &auth)?;
		let at = self.block(at)?;
		let api = self.client.runtime_api();
		let claim = api.claim(at, id).map_err(|e| runtime_error("ClaimsApi::claim", at, e))?;
		let Some(claim) = claim else { return Ok(Err(ServiceMismatch::UnknownClaim).into()) };
		let insurer = Parties::<_, Block, Balance>::new(&*api, at)
			.acts_for_grantee(&signer, &claim.insurer)
			.map_err(|e| runtime_error("a party check", at, e))?;
		if !insurer {
			return Err(not_a_party(&signer, &format!("the insurer of claim {id}")));
		}
		let result = api
			.verify_service(at, id, pseudonym, keys.0)
			.map_err(|e| runtime_error("ClaimsApi::verify_service", at, e))?;
		Ok(result.into())
	}
}
