//! Who is a party of a read: the patient and current guardians for the patient's own data; a
//! provider, its staff and its organisation for consents naming it and for its own accesses.

use std::marker::PhantomData;

use carechain_primitives::{
	runtime_api::{PatientIdentityApi, ProviderRegistryApi},
	ProviderRole,
};
use sp_api::ApiError;
use sp_core::crypto::AccountId32;
use sp_runtime::traits::Block as BlockT;

/// The runtime APIs a party check reads, at one block.
pub struct Parties<'a, Api, Block: BlockT, Balance> {
	api: &'a Api,
	at: Block::Hash,
	_balance: PhantomData<fn() -> Balance>,
}

impl<'a, Api, Block, Balance> Parties<'a, Api, Block, Balance>
where
	Block: BlockT,
	Api: PatientIdentityApi<Block, AccountId32> + ProviderRegistryApi<Block, AccountId32, Balance>,
	Balance: codec::Codec,
{
	/// Party checks reading `api` at block `at`.
	pub fn new(api: &'a Api, at: Block::Hash) -> Self {
		Self { api, at, _balance: PhantomData }
	}

	/// Whether `signer` is `patient` or a current guardian of `patient`.
	pub fn speaks_for_patient(
		&self,
		signer: &AccountId32,
		patient: &AccountId32,
	) -> Result<bool, ApiError> {
		if signer == patient {
			return Ok(true);
		}
		self.api.is_guardian(self.at, patient.clone(), signer.clone())
	}

	/// The organisation `account` acts for: itself for a provider, its organisation for staff.
	pub fn organisation_of(&self, account: &AccountId32) -> Result<Option<AccountId32>, ApiError> {
		Ok(self.api.provider(self.at, account.clone())?.map(|view| match view.role {
			ProviderRole::Provider => account.clone(),
			ProviderRole::Staff { organisation } => organisation,
		}))
	}

	/// Whether `signer` acts for the provider `grantee` a consent names: `grantee` itself, the
	/// organisation `grantee` is staff of, or staff of the organisation `grantee` (who act
	/// under its consents).
	pub fn acts_for_grantee(
		&self,
		signer: &AccountId32,
		grantee: &AccountId32,
	) -> Result<bool, ApiError> {
		if signer == grantee {
			return Ok(true);
		}
		if self.organisation_of(grantee)?.as_ref() == Some(signer) {
			return Ok(true);
		}
		Ok(self.organisation_of(signer)?.as_ref() == Some(grantee))
	}
}
