//! The runtime APIs the node and clients (polkadot.js, clinic software) call into.

use alloc::vec::Vec;
use carechain_primitives::{
	claim::{Claim, ClaimId, Coverage, CoverageId, ExplanationOfBenefit, ServiceMismatch},
	trace::{Day, PackId, PackProof, TraceVerdict},
	AccessDecision, AccessLogHead, AccessRequest, Action, Consent as ConsentView, ConsentId,
	DataCategory, Enrollment, Hash32, ProviderView, PurposeOfUse, RecordAnchor, RequestId, Study,
	StudyId,
};
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use pallet_grandpa::AuthorityId as GrandpaId;
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata, H256};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

use crate::{
	AccountId, Aura, Balance, Block, Claims, Consent, DataRewards, Executive, Grandpa,
	InherentDataExt, Nonce, PatientIdentity, ProviderRegistry, Runtime, RuntimeCall,
	RuntimeGenesisConfig, SessionKeys, System, Traceability, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl frame_support::view_functions::runtime_api::RuntimeViewFunction<Block> for Runtime {
		fn execute_view_function(
			id: frame_support::view_functions::ViewFunctionId,
			input: Vec<u8>,
		) -> Result<Vec<u8>, frame_support::view_functions::ViewFunctionDispatchError> {
			Runtime::execute_view_function(id, input)
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			_equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			_key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			None
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			_authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			// No staking, hence no key-ownership proofs (`KeyOwnerProof = Void`).
			None
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[api_version(2)]
	impl carechain_primitives::runtime_api::ProviderRegistryApi<Block, AccountId, Balance> for Runtime {
		fn provider(account: AccountId) -> Option<ProviderView<AccountId, Balance>> {
			ProviderRegistry::provider_view(account)
		}

		fn encryption_key(account: AccountId) -> Option<carechain_primitives::sealed::EncryptionKey> {
			ProviderRegistry::encryption_key(&account)
		}
	}

	#[api_version(2)]
	impl carechain_primitives::runtime_api::PatientIdentityApi<Block, AccountId> for Runtime {
		fn is_guardian(patient: AccountId, account: AccountId) -> bool {
			PatientIdentity::is_current_guardian(&patient, &account)
		}

		fn patient(patient: AccountId) -> Option<carechain_primitives::PatientView<AccountId>> {
			PatientIdentity::patient_view(&patient)
		}
	}

	#[api_version(6)]
	impl carechain_primitives::runtime_api::ConsentApi<Block, AccountId, Balance> for Runtime {
		fn check_access(
			patient: AccountId,
			accessor: AccountId,
			category: DataCategory,
			action: Action,
			purpose: PurposeOfUse,
		) -> AccessDecision {
			Consent::check_access(&patient, &accessor, &category.into(), action, purpose)
		}

		fn check_sealed_access(
			patient: AccountId,
			accessor: AccountId,
			tag: carechain_primitives::sealed::SealedTag,
			action: Action,
			purpose: PurposeOfUse,
		) -> AccessDecision {
			let category = carechain_primitives::AccessedCategory::Sealed(tag);
			Consent::check_access(&patient, &accessor, &category, action, purpose)
		}

		fn consent(id: ConsentId) -> Option<ConsentView<AccountId>> {
			Consent::consent(id)
		}

		fn consents_by_patient(patient: AccountId) -> Vec<(ConsentId, ConsentView<AccountId>)> {
			Consent::consents_by_patient(&patient)
		}

		fn grantee_listing_length(grantee: AccountId) -> u64 {
			Consent::grantee_listing_length(&grantee)
		}

		fn genesis_consents() -> ConsentId {
			Consent::genesis_consents()
		}

		fn consents_listed(
			grantee: AccountId,
			ids: Vec<ConsentId>,
		) -> Vec<(ConsentId, ConsentView<AccountId>)> {
			Consent::consents_listed(&grantee, ids)
		}

		fn access_log_head(patient: AccountId) -> AccessLogHead {
			Consent::access_log_head(&patient)
		}

		fn record_anchor(
			patient: AccountId,
			record_hash: Hash32,
		) -> Option<RecordAnchor<AccountId, Balance>> {
			Consent::record_anchor(&patient, &record_hash)
		}

		fn pending_requests(patient: AccountId) -> Vec<(RequestId, AccessRequest<AccountId>)> {
			Consent::pending_requests_of(&patient)
		}

		fn sealed_request_scope(
			request_id: RequestId,
		) -> Option<carechain_primitives::sealed::SealedScope> {
			Consent::sealed_request_scope(request_id)
		}
	}

	#[api_version(2)]
	impl carechain_primitives::runtime_api::DataRewardsApi<Block, AccountId, Balance> for Runtime {
		fn study(id: StudyId) -> Option<Study<AccountId, Balance>> {
			DataRewards::study(id)
		}

		fn studies_of(institute: AccountId) -> Vec<(StudyId, Study<AccountId, Balance>)> {
			DataRewards::studies_of(&institute)
		}

		fn enrollments_of(patient: AccountId) -> Vec<(StudyId, Enrollment)> {
			DataRewards::enrollments_of(&patient)
		}

		fn study_sealed_tags(
			id: StudyId,
		) -> Option<[carechain_primitives::sealed::SealedTag; carechain_primitives::sealed::SEALED_TAGS]> {
			DataRewards::study_sealed_tags(id)
		}
	}

	impl carechain_primitives::runtime_api::ClaimsApi<Block, AccountId, Balance> for Runtime {
		fn coverage(id: CoverageId) -> Option<Coverage<AccountId, Balance, Balance>> {
			Claims::coverage(id)
		}

		fn coverage_active(id: CoverageId, day: Day) -> bool {
			Claims::coverage_active(id, day)
		}

		fn coverages_of(
			member: AccountId,
		) -> Vec<(CoverageId, Coverage<AccountId, Balance, Balance>)> {
			Claims::coverages_of(&member)
		}

		fn claim(id: ClaimId) -> Option<Claim<AccountId, Balance, Balance>> {
			Claims::claim(id)
		}

		fn claims_of_coverage(
			id: CoverageId,
		) -> Vec<(ClaimId, Claim<AccountId, Balance, Balance>)> {
			Claims::claims_of_coverage(id)
		}

		fn explanation_of_benefit(id: ClaimId) -> Option<ExplanationOfBenefit<Balance>> {
			Claims::explanation_of_benefit(id)
		}

		fn float_of(insurer: AccountId) -> (Balance, Balance) {
			Claims::float_of(&insurer)
		}

		fn verify_service(
			id: ClaimId,
			hospital_pseudonym: AccountId,
			record_keys: Vec<Hash32>,
		) -> Result<(), ServiceMismatch> {
			Claims::verify_service(id, &hospital_pseudonym, &record_keys)
		}
	}

	impl carechain_primitives::runtime_api::TraceabilityApi<Block, AccountId> for Runtime {
		fn verify(
			pack: PackId,
			proof: PackProof<Vec<Hash32>>,
			verifier: Option<AccountId>,
		) -> TraceVerdict {
			// No path is longer than a `PackRef` holds; a longer one cannot verify.
			if proof.path.len() > pallet_traceability::MAX_PATH as usize {
				return TraceVerdict::Unknown;
			}
			let path: Vec<H256> = proof.path.into_iter().map(H256::from).collect();
			let proof = PackProof { salt: proof.salt, index: proof.index, path };
			Traceability::verify(&pack, &proof, verifier.as_ref())
		}

		fn today() -> Day {
			carechain_primitives::trace::day_of(pallet_timestamp::Now::<Runtime>::get())
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;
			use crate::benchmarks::*;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			let storage_info = crate::AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;
			use sp_storage::TrackedStorageKey;
			use crate::benchmarks::*;

			let whitelist: Vec<TrackedStorageKey> =
				crate::AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			// try-runtime is an off-chain tool: a failed check must abort it loudly.
			let weight = Executive::try_runtime_upgrade(checks).unwrap(); // proof: try-runtime only
			(weight, crate::configs::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			// try-runtime is an off-chain tool: a failed block must abort it loudly.
			let result = Executive::try_execute_block(block, state_root_check, signature_check, select);
			result.expect("execute-block failed") // proof: try-runtime only
		}
	}
}
