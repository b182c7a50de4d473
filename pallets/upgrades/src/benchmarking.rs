//! Benchmark of the call (frame-benchmarking v2), also run as a test against the mock.

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn authorize_upgrade() -> Result<(), BenchmarkError> {
		let origin =
			T::UpgradeOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let code_hash = T::Hash::default();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, code_hash);

		frame_system::Pallet::<T>::assert_last_event(
			frame_system::Event::<T>::UpgradeAuthorized { code_hash, check_version: true }.into(),
		);
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
