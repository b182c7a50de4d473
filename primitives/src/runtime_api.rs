//! Runtime APIs that clients call (polkadot.js `api.call.*`, the node's custom RPC).

use codec::Codec;

use crate::ProviderView;

sp_api::decl_runtime_apis! {
	/// Reads of the provider registry.
	pub trait ProviderRegistryApi<AccountId, Balance>
	where
		AccountId: Codec,
		Balance: Codec,
	{
		/// The registration of `account`, or for a staff member their organisation's registration
		/// and standing; `None` if the account is neither.
		fn provider(account: AccountId) -> Option<ProviderView<AccountId, Balance>>;
	}
}
