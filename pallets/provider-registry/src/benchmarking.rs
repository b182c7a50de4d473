//! Benchmarks of every call (frame-benchmarking v2), also run as tests against the mock.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::fungible::Mutate;
use frame_system::RawOrigin;
use sp_runtime::traits::Bounded;

const LICENSE: Hash32 = [7; 32];
/// A usable X25519 public key (u = 9, the base point).
const KEY: EncryptionKey = {
	let mut key = [0u8; 32];
	key[0] = 9;
	key
};

/// Gives `provider` an encryption key, as the worst case of removing a registration.
fn with_key<T: Config>(provider: &T::AccountId) {
	Pallet::<T>::set_encryption_key(RawOrigin::Signed(provider.clone()).into(), KEY)
		.expect("a registered provider publishes a key");
}

/// An account holding enough to pay any deposit.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = BalanceOf::<T>::max_value() / 1_000_000u32.into();
	T::Currency::set_balance(&who, amount);
	who
}

/// A registered provider, with a name of `MaxNameLength` bytes, in `status`.
fn registered<T: Config>(kind: ProviderKind, status: ProviderStatus) -> T::AccountId {
	let who = funded::<T>("provider", 0);
	let name = "n".repeat(T::MaxNameLength::get() as usize);
	let info = Pallet::<T>::register(&who, kind, name, *b"GB", LICENSE, status)
		.expect("a valid application");
	Providers::<T>::insert(&who, info);
	who
}

/// Gives `organisation` `count` staff members.
fn with_staff<T: Config>(organisation: &T::AccountId, count: u32) {
	for index in 0..count {
		let member: T::AccountId = account("staff", index, 0);
		Pallet::<T>::add_staff(RawOrigin::Signed(organisation.clone()).into(), member)
			.expect("room for staff");
	}
}

/// The origin the Council's decisions come from.
fn approver<T: Config>() -> Result<T::RuntimeOrigin, BenchmarkError> {
	T::ApproveOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn apply(n: Linear<1, { T::MaxNameLength::get() }>) {
		let caller = funded::<T>("caller", 0);
		let name = "n".repeat(n as usize);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), ProviderKind::Hospital, name, *b"GB", LICENSE);

		assert_eq!(Providers::<T>::get(&caller).map(|i| i.status), Some(ProviderStatus::Pending));
	}

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Pending);
		let origin = approver::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, provider.clone());

		assert_eq!(Providers::<T>::get(&provider).map(|i| i.status), Some(ProviderStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn reject(
		s: Linear<0, { T::MaxStaffCeiling::get().min(T::MaxStaff::get()) }>,
	) -> Result<(), BenchmarkError> {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Active);
		with_staff::<T>(&provider, s);
		with_key::<T>(&provider);
		Pallet::<T>::update_license(RawOrigin::Signed(provider.clone()).into(), [8; 32])?;
		let origin = approver::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, provider.clone());

		assert!(!Providers::<T>::contains_key(&provider));
		Ok(())
	}

	#[benchmark]
	fn suspend() -> Result<(), BenchmarkError> {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Active);
		let origin = approver::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, provider.clone(), SuspensionReason::ComplianceFinding);

		assert_eq!(
			Providers::<T>::get(&provider).map(|i| i.status),
			Some(ProviderStatus::Suspended)
		);
		Ok(())
	}

	#[benchmark]
	fn reinstate() -> Result<(), BenchmarkError> {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Suspended);
		let origin = approver::<T>()?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, provider.clone());

		assert_eq!(Providers::<T>::get(&provider).map(|i| i.status), Some(ProviderStatus::Active));
		Ok(())
	}

	#[benchmark]
	fn update_license() {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Active);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), [8; 32]);

		assert_eq!(Providers::<T>::get(&provider).map(|i| i.status), Some(ProviderStatus::Pending));
	}

	#[benchmark]
	fn add_staff() {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Active);
		let member: T::AccountId = account("member", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), member.clone());

		assert_eq!(StaffOf::<T>::get(&member), Some(provider));
	}

	#[benchmark]
	fn remove_staff() {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Active);
		with_staff::<T>(&provider, 1);
		let member: T::AccountId = account("staff", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider), member.clone());

		assert_eq!(StaffOf::<T>::get(&member), None);
	}

	/// A staff member who has been paid for today already (the fee-day record is read and
	/// rewritten).
	#[benchmark]
	fn charge_staff_fee() {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Active);
		with_staff::<T>(&provider, 1);
		let member: T::AccountId = account("staff", 0, 0);
		let fee: BalanceOf<T> = 1u32.into();
		Pallet::<T>::note_staff_fee(&provider, &member, fee);
		let before = Pallet::<T>::staff_fees_today(&provider, &member);

		#[block]
		{
			if let Some(organisation) = Pallet::<T>::staff_fee_payer(&member, fee) {
				Pallet::<T>::note_staff_fee(&organisation, &member, fee);
			}
		}

		assert_eq!(Pallet::<T>::staff_fees_today(&provider, &member), before.saturating_add(fee));
	}

	#[benchmark]
	fn retire(s: Linear<0, { T::MaxStaffCeiling::get().min(T::MaxStaff::get()) }>) {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Active);
		with_staff::<T>(&provider, s);
		with_key::<T>(&provider);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()));

		assert!(!Providers::<T>::contains_key(&provider));
		assert!(!EncryptionKeys::<T>::contains_key(&provider));
	}

	/// The first key of a provider: it holds the key's deposit and rewrites the registration
	/// (a rotation only overwrites the key).
	#[benchmark]
	fn set_encryption_key() {
		let provider = registered::<T>(ProviderKind::Hospital, ProviderStatus::Active);
		let deposit_before = Providers::<T>::get(&provider).map(|info| info.deposit);

		#[extrinsic_call]
		_(RawOrigin::Signed(provider.clone()), KEY);

		assert_eq!(EncryptionKeys::<T>::get(&provider), Some(KEY));
		assert_eq!(
			Providers::<T>::get(&provider).map(|info| info.deposit),
			deposit_before.map(|d| d.saturating_add(Pallet::<T>::encryption_key_deposit()))
		);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
