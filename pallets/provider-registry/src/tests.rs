//! Tests of every call through the pallet's public interface.

use carechain_primitives::{
	traits::ProviderRegistry as _, Jurisdiction, ProviderKind, ProviderRole, ProviderStatus,
	SuspensionReason,
};
use codec::{Decode, Encode};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use sp_runtime::DispatchError;

use crate::{mock::*, EncryptionKeys, Error, Event, HoldReason, Providers, Staff, StaffOf};

const LICENSE: [u8; 32] = [7; 32];
const NEW_LICENSE: [u8; 32] = [8; 32];

fn signed(who: u64) -> RuntimeOrigin {
	RuntimeOrigin::signed(who)
}

fn apply(who: u64, kind: ProviderKind) -> sp_runtime::DispatchResult {
	ProviderRegistry::apply(signed(who), kind, "St Mary's Hospital".into(), *b"GB", LICENSE)
}

fn register_active(who: u64, kind: ProviderKind) {
	assert_ok!(apply(who, kind));
	assert_ok!(ProviderRegistry::approve(RuntimeOrigin::root(), who));
}

fn held(reason: HoldReason, who: u64) -> Balance {
	Balances::balance_on_hold(&RuntimeHoldReason::ProviderRegistry(reason), &who)
}

fn status(who: u64) -> Option<ProviderStatus> {
	Providers::<Test>::get(who).map(|info| info.status)
}

fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::ProviderRegistry(event) => Some(event),
			_ => None,
		})
		.expect("the registry emitted an event")
}

mod apply {
	use super::*;

	#[test]
	fn stores_a_pending_registration_and_holds_a_deposit_sized_by_its_bytes() {
		build_and_execute(|| {
			assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
			let info = Providers::<Test>::get(HOSPITAL).unwrap();
			assert_eq!(info.status, ProviderStatus::Pending);
			assert_eq!(info.kind, ProviderKind::Hospital);
			assert_eq!(info.name.to_vec(), b"St Mary's Hospital".to_vec());
			assert_eq!(info.jurisdiction, Jurisdiction::new(*b"GB").unwrap());
			assert_eq!(info.license_hash, LICENSE);
			assert_eq!(info.deposit, DEPOSIT_BASE + DEPOSIT_PER_BYTE * info.encoded_size() as u64);
			assert_eq!(held(HoldReason::ProviderDeposit, HOSPITAL), info.deposit);
			assert_eq!(Balances::free_balance(HOSPITAL), ENDOWMENT - info.deposit);
			assert_eq!(
				last_event(),
				Event::Applied {
					provider: HOSPITAL,
					registration: info.registration,
					kind: ProviderKind::Hospital,
					deposit: info.deposit
				}
			);
		});
	}

	#[test]
	fn a_longer_name_holds_a_larger_deposit() {
		build_and_execute(|| {
			assert_ok!(ProviderRegistry::apply(
				signed(LAB),
				ProviderKind::Laboratory,
				"Lab".into(),
				*b"DE",
				LICENSE
			));
			assert_ok!(ProviderRegistry::apply(
				signed(HOSPITAL),
				ProviderKind::Hospital,
				"Lab and some more".into(),
				*b"DE",
				LICENSE
			));
			assert_eq!(
				held(HoldReason::ProviderDeposit, HOSPITAL)
					- held(HoldReason::ProviderDeposit, LAB),
				14 * DEPOSIT_PER_BYTE
			);
		});
	}

	#[test]
	fn refuses_a_duplicate_application() {
		build_and_execute(|| {
			assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
			assert_noop!(apply(HOSPITAL, ProviderKind::Clinic), Error::<Test>::AlreadyRegistered);
		});
	}

	#[test]
	fn refuses_a_staff_member() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_noop!(apply(NURSE, ProviderKind::Physician), Error::<Test>::IsStaffMember);
		});
	}

	#[test]
	fn refuses_bad_names() {
		build_and_execute(|| {
			let apply_named = |name: &str| {
				ProviderRegistry::apply(
					signed(HOSPITAL),
					ProviderKind::Hospital,
					name.into(),
					*b"GB",
					LICENSE,
				)
			};
			assert_noop!(apply_named(""), Error::<Test>::NameEmpty);
			assert_noop!(apply_named(&"a".repeat(33)), Error::<Test>::NameTooLong);
			// 16 two-byte characters: 32 bytes, the bound counts bytes.
			assert_noop!(apply_named(&"é".repeat(17)), Error::<Test>::NameTooLong);
			assert_ok!(apply_named(&"a".repeat(32)));
		});
	}

	#[test]
	fn a_name_that_is_not_utf8_does_not_decode_as_a_call() {
		build_and_execute(|| {
			let call = crate::Call::<Test>::apply {
				kind: ProviderKind::Hospital,
				name: "ab".into(),
				jurisdiction: *b"GB",
				license_hash: LICENSE,
			};
			let mut bytes = call.encode();
			// The name's two bytes follow the call index and the kind: make them invalid UTF-8.
			let at = bytes.windows(2).position(|w| w == b"ab").unwrap();
			bytes[at..at + 2].copy_from_slice(&[0xff, 0xfe]);
			assert!(crate::Call::<Test>::decode(&mut &bytes[..]).is_err());
			bytes[at..at + 2].copy_from_slice("é".as_bytes());
			assert_eq!(
				crate::Call::<Test>::decode(&mut &bytes[..]).ok().map(|c| matches!(
					c,
					crate::Call::apply { name, .. } if name == "é"
				)),
				Some(true)
			);
		});
	}

	#[test]
	fn accepts_a_utf8_name() {
		build_and_execute(|| {
			let name = String::from("Hôpital Saint-Louis");
			assert_ok!(ProviderRegistry::apply(
				signed(HOSPITAL),
				ProviderKind::Hospital,
				name.clone(),
				*b"FR",
				LICENSE
			));
			assert_eq!(Providers::<Test>::get(HOSPITAL).unwrap().name.to_vec(), name.as_bytes());
		});
	}

	#[test]
	fn refuses_an_invalid_jurisdiction() {
		build_and_execute(|| {
			for code in [*b"UK", *b"gb", *b"ZZ", [0, 0]] {
				assert_noop!(
					ProviderRegistry::apply(
						signed(HOSPITAL),
						ProviderKind::Hospital,
						"H".into(),
						code,
						LICENSE
					),
					Error::<Test>::InvalidJurisdiction
				);
			}
		});
	}

	#[test]
	fn refuses_an_account_that_cannot_pay_the_deposit() {
		build_and_execute(|| {
			assert_noop!(apply(PAUPER, ProviderKind::Clinic), Error::<Test>::InsufficientDeposit);
		});
	}

	#[test]
	fn needs_a_signed_origin() {
		build_and_execute(|| {
			assert_noop!(
				ProviderRegistry::apply(
					RuntimeOrigin::root(),
					ProviderKind::Clinic,
					"C".into(),
					*b"GB",
					LICENSE
				),
				DispatchError::BadOrigin
			);
		});
	}
}

mod council_decisions {
	use super::*;

	#[test]
	fn approve_makes_a_pending_provider_active() {
		build_and_execute(|| {
			assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
			assert_eq!(ProviderRegistry::active_provider(&HOSPITAL), None);
			assert_ok!(ProviderRegistry::approve(RuntimeOrigin::root(), HOSPITAL));
			assert_eq!(status(HOSPITAL), Some(ProviderStatus::Active));
			assert_eq!(last_event(), Event::Approved { provider: HOSPITAL });
			assert_eq!(
				ProviderRegistry::active_provider(&HOSPITAL),
				Some((ProviderKind::Hospital, HOSPITAL))
			);
		});
	}

	#[test]
	fn approve_of_an_unknown_account_fails() {
		build_and_execute(|| {
			assert_noop!(
				ProviderRegistry::approve(RuntimeOrigin::root(), HOSPITAL),
				Error::<Test>::NotRegistered
			);
		});
	}

	#[test]
	fn approve_of_an_active_provider_fails() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_noop!(
				ProviderRegistry::approve(RuntimeOrigin::root(), HOSPITAL),
				Error::<Test>::NotPending
			);
		});
	}

	#[test]
	fn council_calls_need_the_approve_origin() {
		build_and_execute(|| {
			assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
			assert_noop!(
				ProviderRegistry::approve(signed(HOSPITAL), HOSPITAL),
				DispatchError::BadOrigin
			);
			assert_noop!(ProviderRegistry::reject(signed(LAB), HOSPITAL), DispatchError::BadOrigin);
			assert_noop!(
				ProviderRegistry::suspend(signed(LAB), HOSPITAL, SuspensionReason::Other),
				DispatchError::BadOrigin
			);
			assert_noop!(
				ProviderRegistry::reinstate(signed(LAB), HOSPITAL),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn reject_removes_the_application_and_returns_the_deposit() {
		build_and_execute(|| {
			assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
			let deposit = Providers::<Test>::get(HOSPITAL).unwrap().deposit;
			assert_ok!(ProviderRegistry::reject(RuntimeOrigin::root(), HOSPITAL));
			assert!(!Providers::<Test>::contains_key(HOSPITAL));
			assert_eq!(held(HoldReason::ProviderDeposit, HOSPITAL), 0);
			assert_eq!(Balances::free_balance(HOSPITAL), ENDOWMENT);
			assert_eq!(last_event(), Event::Rejected { provider: HOSPITAL, deposit });
		});
	}

	#[test]
	fn reject_of_an_active_or_unknown_provider_fails() {
		build_and_execute(|| {
			assert_noop!(
				ProviderRegistry::reject(RuntimeOrigin::root(), HOSPITAL),
				Error::<Test>::NotRegistered
			);
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_noop!(
				ProviderRegistry::reject(RuntimeOrigin::root(), HOSPITAL),
				Error::<Test>::NotPending
			);
		});
	}

	#[test]
	fn suspend_and_reinstate_switch_an_active_provider_off_and_on() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::suspend(
				RuntimeOrigin::root(),
				HOSPITAL,
				SuspensionReason::MisuseOfAccess
			));
			assert_eq!(status(HOSPITAL), Some(ProviderStatus::Suspended));
			assert_eq!(
				last_event(),
				Event::Suspended { provider: HOSPITAL, reason: SuspensionReason::MisuseOfAccess }
			);
			assert_eq!(ProviderRegistry::active_provider(&HOSPITAL), None);

			assert_ok!(ProviderRegistry::reinstate(RuntimeOrigin::root(), HOSPITAL));
			assert_eq!(status(HOSPITAL), Some(ProviderStatus::Active));
			assert_eq!(last_event(), Event::Reinstated { provider: HOSPITAL });
		});
	}

	#[test]
	fn suspend_needs_an_active_provider() {
		build_and_execute(|| {
			assert_noop!(
				ProviderRegistry::suspend(RuntimeOrigin::root(), HOSPITAL, SuspensionReason::Other),
				Error::<Test>::NotRegistered
			);
			assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
			assert_noop!(
				ProviderRegistry::suspend(RuntimeOrigin::root(), HOSPITAL, SuspensionReason::Other),
				Error::<Test>::NotActive
			);
		});
	}

	#[test]
	fn reinstate_needs_a_suspended_provider() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_noop!(
				ProviderRegistry::reinstate(RuntimeOrigin::root(), HOSPITAL),
				Error::<Test>::NotSuspended
			);
		});
	}
}

mod license {
	use super::*;

	#[test]
	fn an_update_sends_an_active_provider_back_to_pending() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::update_license(signed(HOSPITAL), NEW_LICENSE));
			let info = Providers::<Test>::get(HOSPITAL).unwrap();
			assert_eq!(info.status, ProviderStatus::Pending);
			assert_eq!(info.license_hash, NEW_LICENSE);
			assert_eq!(
				last_event(),
				Event::LicenseUpdated { provider: HOSPITAL, license_hash: NEW_LICENSE }
			);
			assert_eq!(ProviderRegistry::active_provider(&HOSPITAL), None);
		});
	}

	#[test]
	fn a_suspended_provider_stays_suspended() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::suspend(
				RuntimeOrigin::root(),
				HOSPITAL,
				SuspensionReason::LicenceLapsed
			));
			assert_ok!(ProviderRegistry::update_license(signed(HOSPITAL), NEW_LICENSE));
			assert_eq!(status(HOSPITAL), Some(ProviderStatus::Suspended));
		});
	}

	#[test]
	fn an_update_needs_a_registration_and_a_new_hash() {
		build_and_execute(|| {
			assert_noop!(
				ProviderRegistry::update_license(signed(HOSPITAL), NEW_LICENSE),
				Error::<Test>::NotRegistered
			);
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_noop!(
				ProviderRegistry::update_license(signed(HOSPITAL), LICENSE),
				Error::<Test>::LicenseUnchanged
			);
		});
	}
}

mod staff {
	use super::*;

	#[test]
	fn add_staff_links_a_member_and_holds_the_staff_deposit() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_eq!(StaffOf::<Test>::get(NURSE), Some(HOSPITAL));
			assert_eq!(Staff::<Test>::get(HOSPITAL, NURSE), Some(StaffDeposit::get()));
			assert_eq!(Providers::<Test>::get(HOSPITAL).unwrap().staff_count, 1);
			assert_eq!(held(HoldReason::StaffDeposit, HOSPITAL), StaffDeposit::get());
			assert_eq!(last_event(), Event::StaffAdded { organisation: HOSPITAL, member: NURSE });
			assert_eq!(
				ProviderRegistry::active_provider(&NURSE),
				Some((ProviderKind::Hospital, HOSPITAL))
			);
			// The member's account exists without tokens, until the link goes.
			assert_eq!(frame_system::Pallet::<Test>::sufficients(&NURSE), 1);
			assert_ok!(ProviderRegistry::remove_staff(signed(HOSPITAL), NURSE));
			assert_eq!(frame_system::Pallet::<Test>::sufficients(&NURSE), 0);
		});
	}

	#[test]
	fn the_organisation_pays_its_staff_fees_up_to_the_daily_allowance() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_eq!(ProviderRegistry::staff_fee_payer(&NURSE, 60), Some(HOSPITAL));
			ProviderRegistry::note_staff_fee(&HOSPITAL, &NURSE, 60);
			assert_eq!(
				last_event(),
				Event::StaffFeeCharged {
					organisation: HOSPITAL,
					staff: NURSE,
					fee: 60,
					paid_today: 60
				}
			);
			// The allowance (100) does not cover 60 more today.
			assert_eq!(ProviderRegistry::staff_fee_payer(&NURSE, 60), None);
			assert_eq!(ProviderRegistry::staff_fee_payer(&NURSE, 40), Some(HOSPITAL));
			// Not the organisation's own calls, nor a stranger's.
			assert_eq!(ProviderRegistry::staff_fee_payer(&HOSPITAL, 1), None);
			assert_eq!(ProviderRegistry::staff_fee_payer(&LAB, 1), None);
			// A new day, a new allowance.
			Now::set(Now::get() + 86_400_000);
			assert_eq!(ProviderRegistry::staff_fees_today(&HOSPITAL, &NURSE), 0);
			assert_eq!(ProviderRegistry::staff_fee_payer(&NURSE, 60), Some(HOSPITAL));
			// A suspended organisation pays for nobody; the record goes with the link.
			assert_ok!(ProviderRegistry::suspend(
				RuntimeOrigin::root(),
				HOSPITAL,
				SuspensionReason::Other
			));
			assert_eq!(ProviderRegistry::staff_fee_payer(&NURSE, 1), None);
			assert_ok!(ProviderRegistry::remove_staff(signed(HOSPITAL), NURSE));
			assert!(crate::StaffFeesPaid::<Test>::iter().next().is_none());
		});
	}

	#[test]
	fn a_member_belongs_to_one_organisation() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::apply(
				signed(LAB),
				ProviderKind::Laboratory,
				"Lab".into(),
				*b"GB",
				LICENSE
			));
			assert_ok!(ProviderRegistry::approve(RuntimeOrigin::root(), LAB));
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_noop!(
				ProviderRegistry::add_staff(signed(LAB), NURSE),
				Error::<Test>::AlreadyStaff
			);
			assert_noop!(
				ProviderRegistry::add_staff(signed(HOSPITAL), NURSE),
				Error::<Test>::AlreadyStaff
			);
		});
	}

	#[test]
	fn only_an_active_organisation_adds_staff() {
		build_and_execute(|| {
			assert_noop!(
				ProviderRegistry::add_staff(signed(HOSPITAL), NURSE),
				Error::<Test>::NotRegistered
			);
			assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
			assert_noop!(
				ProviderRegistry::add_staff(signed(HOSPITAL), NURSE),
				Error::<Test>::NotActive
			);
			register_active(PHYSICIAN, ProviderKind::Physician);
			assert_noop!(
				ProviderRegistry::add_staff(signed(PHYSICIAN), NURSE),
				Error::<Test>::NotAnOrganisation
			);
		});
	}

	#[test]
	fn a_provider_or_the_organisation_itself_cannot_be_staff() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			register_active(PHYSICIAN, ProviderKind::Physician);
			assert_noop!(
				ProviderRegistry::add_staff(signed(HOSPITAL), PHYSICIAN),
				Error::<Test>::MemberIsProvider
			);
			assert_noop!(
				ProviderRegistry::add_staff(signed(HOSPITAL), HOSPITAL),
				Error::<Test>::CannotAddSelf
			);
		});
	}

	#[test]
	fn max_staff_is_enforced_and_follows_its_parameter() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			MaxStaff::set(2);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), DOCTOR));
			assert_noop!(
				ProviderRegistry::add_staff(signed(HOSPITAL), PORTER),
				Error::<Test>::TooManyStaff
			);
			MaxStaff::set(3);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), PORTER));
			// The parameter can never lift the limit above the ceiling (10 in the mock).
			MaxStaff::set(1_000);
			assert_eq!(ProviderRegistry::max_staff(), 10);
			MaxStaff::set(3);
		});
	}

	#[test]
	fn an_organisation_that_cannot_pay_the_staff_deposit_adds_no_one() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			StaffDeposit::set(ENDOWMENT);
			assert_noop!(
				ProviderRegistry::add_staff(signed(HOSPITAL), NURSE),
				Error::<Test>::InsufficientDeposit
			);
			StaffDeposit::set(7);
		});
	}

	#[test]
	fn remove_staff_unlinks_and_returns_the_deposit() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_ok!(ProviderRegistry::remove_staff(signed(HOSPITAL), NURSE));
			assert_eq!(StaffOf::<Test>::get(NURSE), None);
			assert_eq!(Providers::<Test>::get(HOSPITAL).unwrap().staff_count, 0);
			assert_eq!(held(HoldReason::StaffDeposit, HOSPITAL), 0);
			assert_eq!(last_event(), Event::StaffRemoved { organisation: HOSPITAL, member: NURSE });
			assert_eq!(ProviderRegistry::active_provider(&NURSE), None);
		});
	}

	#[test]
	fn remove_staff_needs_a_member_of_the_caller() {
		build_and_execute(|| {
			assert_noop!(
				ProviderRegistry::remove_staff(signed(LAB), NURSE),
				Error::<Test>::NotRegistered
			);
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::apply(
				signed(LAB),
				ProviderKind::Laboratory,
				"Lab".into(),
				*b"GB",
				LICENSE
			));
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_noop!(
				ProviderRegistry::remove_staff(signed(LAB), NURSE),
				Error::<Test>::NotStaff
			);
			assert_noop!(
				ProviderRegistry::remove_staff(signed(HOSPITAL), DOCTOR),
				Error::<Test>::NotStaff
			);
		});
	}

	#[test]
	fn the_view_of_a_staff_member_shows_the_organisation() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			let view = ProviderRegistry::provider_view(NURSE).unwrap();
			assert_eq!(view.account, NURSE);
			assert_eq!(view.role, ProviderRole::Staff { organisation: HOSPITAL });
			assert_eq!(view.kind, ProviderKind::Hospital);
			assert!(view.is_active());
			assert_eq!(view.name, "St Mary's Hospital");
			assert_eq!(
				ProviderRegistry::provider_view(HOSPITAL).unwrap().role,
				ProviderRole::Provider
			);
			assert_eq!(ProviderRegistry::provider_view(DOCTOR), None);
		});
	}
}

mod retire {
	use super::*;

	#[test]
	fn removes_the_provider_its_staff_and_returns_every_deposit() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), DOCTOR));
			let deposit = Providers::<Test>::get(HOSPITAL).unwrap().deposit;
			assert_ok!(ProviderRegistry::retire(signed(HOSPITAL)));
			assert!(!Providers::<Test>::contains_key(HOSPITAL));
			assert_eq!(StaffOf::<Test>::get(NURSE), None);
			assert_eq!(StaffOf::<Test>::get(DOCTOR), None);
			assert_eq!(Staff::<Test>::iter_prefix(HOSPITAL).count(), 0);
			assert_eq!(Balances::free_balance(HOSPITAL), ENDOWMENT);
			assert_eq!(
				last_event(),
				Event::Retired { provider: HOSPITAL, staff_removed: 2, deposit }
			);
		});
	}

	#[test]
	fn a_provider_approved_again_holds_a_new_registration() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			let first = ProviderRegistry::registration_of(&HOSPITAL).unwrap();
			assert_eq!(
				ProviderRegistry::registration_of(&NURSE),
				Some(first),
				"staff act under it"
			);
			assert_eq!(
				ProviderRegistry::active_registration(&NURSE),
				Some((ProviderKind::Hospital, HOSPITAL, first))
			);
			assert_ok!(ProviderRegistry::retire(signed(HOSPITAL)));
			assert_eq!(ProviderRegistry::registration_of(&HOSPITAL), None);
			register_active(HOSPITAL, ProviderKind::Hospital);
			let second = ProviderRegistry::registration_of(&HOSPITAL).unwrap();
			assert!(second > first, "registrations are never handed out twice");
			assert_eq!(crate::NextRegistration::<Test>::get(), second + 1);
		});
	}

	#[test]
	fn refuses_an_unknown_or_suspended_provider() {
		build_and_execute(|| {
			assert_noop!(ProviderRegistry::retire(signed(HOSPITAL)), Error::<Test>::NotRegistered);
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::suspend(
				RuntimeOrigin::root(),
				HOSPITAL,
				SuspensionReason::Other
			));
			assert_noop!(ProviderRegistry::retire(signed(HOSPITAL)), Error::<Test>::Suspended);
		});
	}

	#[test]
	fn refuses_while_an_emergency_access_awaits_review() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			OpenReviews::set(vec![(HOSPITAL, 1)]);
			assert_noop!(
				ProviderRegistry::retire(signed(HOSPITAL)),
				Error::<Test>::EmergencyReviewsOpen
			);
			OpenReviews::set(vec![(HOSPITAL, 0)]);
			assert_ok!(ProviderRegistry::retire(signed(HOSPITAL)));
		});
	}
}

mod encryption_keys {
	use super::*;

	/// Two usable X25519 public keys (u = 9, the base point, and u = 10).
	const KEY: [u8; 32] = {
		let mut key = [0u8; 32];
		key[0] = 9;
		key
	};
	const NEXT_KEY: [u8; 32] = {
		let mut key = [0u8; 32];
		key[0] = 10;
		key
	};

	#[test]
	fn the_first_key_holds_a_deposit_and_a_rotation_holds_nothing_more() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			let registration_deposit = Providers::<Test>::get(HOSPITAL).unwrap().deposit;
			let key_deposit = ProviderRegistry::encryption_key_deposit();
			assert_eq!(key_deposit, DEPOSIT_BASE + 32 * DEPOSIT_PER_BYTE);

			assert_ok!(ProviderRegistry::set_encryption_key(signed(HOSPITAL), KEY));
			assert_eq!(EncryptionKeys::<Test>::get(HOSPITAL), Some(KEY));
			assert_eq!(
				last_event(),
				Event::EncryptionKeySet { provider: HOSPITAL, key: KEY, rotated: false }
			);
			let deposit = registration_deposit + key_deposit;
			assert_eq!(Providers::<Test>::get(HOSPITAL).unwrap().deposit, deposit);
			assert_eq!(held(HoldReason::ProviderDeposit, HOSPITAL), deposit);

			assert_ok!(ProviderRegistry::set_encryption_key(signed(HOSPITAL), NEXT_KEY));
			assert_eq!(EncryptionKeys::<Test>::get(HOSPITAL), Some(NEXT_KEY));
			assert_eq!(
				last_event(),
				Event::EncryptionKeySet { provider: HOSPITAL, key: NEXT_KEY, rotated: true }
			);
			assert_eq!(held(HoldReason::ProviderDeposit, HOSPITAL), deposit, "no second deposit");
		});
	}

	#[test]
	fn staff_are_sealed_to_under_their_organisation_s_key() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_eq!(ProviderRegistry::encryption_key(&NURSE), None);
			assert_ok!(ProviderRegistry::set_encryption_key(signed(HOSPITAL), KEY));
			assert_eq!(ProviderRegistry::encryption_key(&HOSPITAL), Some(KEY));
			assert_eq!(ProviderRegistry::encryption_key(&NURSE), Some(KEY));
			assert_eq!(ProviderRegistry::encryption_key(&DOCTOR), None);
		});
	}

	#[test]
	fn pending_and_suspended_providers_may_set_a_key() {
		build_and_execute(|| {
			assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
			assert_ok!(ProviderRegistry::set_encryption_key(signed(HOSPITAL), KEY));
			assert_ok!(ProviderRegistry::approve(RuntimeOrigin::root(), HOSPITAL));
			assert_ok!(ProviderRegistry::suspend(
				RuntimeOrigin::root(),
				HOSPITAL,
				SuspensionReason::SecurityIncident
			));
			assert_ok!(ProviderRegistry::set_encryption_key(signed(HOSPITAL), NEXT_KEY));
		});
	}

	#[test]
	fn refuses_strangers_staff_unusable_keys_and_the_same_key() {
		build_and_execute(|| {
			assert_noop!(
				ProviderRegistry::set_encryption_key(signed(HOSPITAL), KEY),
				Error::<Test>::NotRegistered
			);
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
			assert_noop!(
				ProviderRegistry::set_encryption_key(signed(NURSE), KEY),
				Error::<Test>::NotRegistered
			);
			let mut small_order = [0u8; 32];
			small_order[0] = 1;
			let mut non_canonical = [0xff; 32];
			non_canonical[31] = 0x7f;
			for key in [[0u8; 32], small_order, non_canonical] {
				assert_noop!(
					ProviderRegistry::set_encryption_key(signed(HOSPITAL), key),
					Error::<Test>::UnusableEncryptionKey
				);
			}
			assert_ok!(ProviderRegistry::set_encryption_key(signed(HOSPITAL), KEY));
			assert_noop!(
				ProviderRegistry::set_encryption_key(signed(HOSPITAL), KEY),
				Error::<Test>::EncryptionKeyUnchanged
			);
			assert_noop!(
				ProviderRegistry::set_encryption_key(RuntimeOrigin::none(), NEXT_KEY),
				DispatchError::BadOrigin
			);
		});
	}

	#[test]
	fn a_provider_that_cannot_pay_the_key_deposit_publishes_nothing() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			let free = Balances::free_balance(HOSPITAL);
			assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::burn_from(
				&HOSPITAL,
				free,
				frame_support::traits::tokens::Preservation::Expendable,
				frame_support::traits::tokens::Precision::BestEffort,
				frame_support::traits::tokens::Fortitude::Polite,
			));
			assert_noop!(
				ProviderRegistry::set_encryption_key(signed(HOSPITAL), KEY),
				Error::<Test>::InsufficientDeposit
			);
		});
	}

	#[test]
	fn the_key_goes_with_the_registration_and_its_deposit_comes_back() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			assert_ok!(ProviderRegistry::set_encryption_key(signed(HOSPITAL), KEY));
			assert_ok!(ProviderRegistry::retire(signed(HOSPITAL)));
			assert_eq!(EncryptionKeys::<Test>::get(HOSPITAL), None);
			assert_eq!(Balances::free_balance(HOSPITAL), ENDOWMENT);

			assert_ok!(apply(LAB, ProviderKind::Laboratory));
			assert_ok!(ProviderRegistry::set_encryption_key(signed(LAB), KEY));
			assert_ok!(ProviderRegistry::reject(RuntimeOrigin::root(), LAB));
			assert_eq!(EncryptionKeys::<Test>::get(LAB), None);
			assert_eq!(Balances::free_balance(LAB), ENDOWMENT);
		});
	}
}

#[test]
fn the_v2_migration_hands_every_registration_an_id_of_its_own() {
	use crate::migrations::v2::{MigrateV1ToV2, ProviderInfoV1};
	use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
	build_and_execute(|| {
		register_active(HOSPITAL, ProviderKind::Hospital);
		assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
		assert_ok!(apply(LAB, ProviderKind::Laboratory));
		// What v1 kept of the nurse: a staff link, no sufficients reference.
		frame_system::Pallet::<Test>::dec_sufficients(&NURSE);
		// Turn both back into what v1 stored: no ids.
		for who in [HOSPITAL, LAB] {
			let info = Providers::<Test>::get(who).unwrap();
			let v1 = ProviderInfoV1::<Balance, <Test as crate::Config>::MaxNameLength> {
				kind: info.kind,
				status: info.status,
				name: info.name,
				jurisdiction: info.jurisdiction,
				license_hash: info.license_hash,
				deposit: info.deposit,
				staff_count: info.staff_count,
			};
			frame_support::storage::unhashed::put_raw(
				&Providers::<Test>::hashed_key_for(who),
				&v1.encode(),
			);
		}
		crate::NextRegistration::<Test>::kill();
		StorageVersion::new(1).put::<ProviderRegistry>();

		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(ProviderRegistry::on_chain_storage_version(), 2);
		let mut ids: Vec<u32> =
			Providers::<Test>::iter_values().map(|info| info.registration).collect();
		ids.sort();
		assert_eq!(ids, vec![0, 1]);
		assert_eq!(crate::NextRegistration::<Test>::get(), 2);
		assert_eq!(status(LAB), Some(ProviderStatus::Pending), "nothing else changed");
		assert_eq!(frame_system::Pallet::<Test>::sufficients(&NURSE), 1);
		MigrateV1ToV2::<Test>::on_runtime_upgrade();
		assert_eq!(crate::NextRegistration::<Test>::get(), 2, "runs once");
	});
}

#[test]
fn full_lifecycle() {
	build_and_execute(|| {
		// apply -> approve
		assert_ok!(apply(HOSPITAL, ProviderKind::Hospital));
		assert_ok!(ProviderRegistry::approve(RuntimeOrigin::root(), HOSPITAL));
		// add_staff
		assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
		assert!(ProviderRegistry::active_provider(&NURSE).is_some());
		// suspend: the staff member is inactive too
		assert_ok!(ProviderRegistry::suspend(
			RuntimeOrigin::root(),
			HOSPITAL,
			SuspensionReason::ComplianceFinding
		));
		assert_eq!(ProviderRegistry::active_provider(&HOSPITAL), None);
		assert_eq!(ProviderRegistry::active_provider(&NURSE), None);
		assert_eq!(
			ProviderRegistry::provider_view(NURSE).unwrap().status,
			ProviderStatus::Suspended
		);
		// reinstate
		assert_ok!(ProviderRegistry::reinstate(RuntimeOrigin::root(), HOSPITAL));
		assert_eq!(
			ProviderRegistry::active_provider(&NURSE),
			Some((ProviderKind::Hospital, HOSPITAL))
		);
		// update_license: back to pending, staff inactive until approved again
		assert_ok!(ProviderRegistry::update_license(signed(HOSPITAL), NEW_LICENSE));
		assert_eq!(status(HOSPITAL), Some(ProviderStatus::Pending));
		assert_eq!(ProviderRegistry::active_provider(&NURSE), None);
		assert_ok!(ProviderRegistry::approve(RuntimeOrigin::root(), HOSPITAL));
		assert!(ProviderRegistry::active_provider(&NURSE).is_some());
		// retire: deposit back, staff links gone
		assert_ok!(ProviderRegistry::retire(signed(HOSPITAL)));
		assert_eq!(Balances::free_balance(HOSPITAL), ENDOWMENT);
		assert_eq!(Balances::total_balance_on_hold(&HOSPITAL), 0);
		assert_eq!(StaffOf::<Test>::get(NURSE), None);
		assert_eq!(ProviderRegistry::active_provider(&NURSE), None);
	});
}

#[test]
fn rejecting_a_licence_update_removes_the_registration_and_its_staff() {
	build_and_execute(|| {
		register_active(HOSPITAL, ProviderKind::Hospital);
		assert_ok!(ProviderRegistry::add_staff(signed(HOSPITAL), NURSE));
		assert_ok!(ProviderRegistry::update_license(signed(HOSPITAL), NEW_LICENSE));
		assert_ok!(ProviderRegistry::reject(RuntimeOrigin::root(), HOSPITAL));
		assert_eq!(StaffOf::<Test>::get(NURSE), None);
		assert_eq!(Balances::free_balance(HOSPITAL), ENDOWMENT);
	});
}

#[test]
fn genesis_registers_active_providers_with_their_deposits() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(HOSPITAL, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	crate::GenesisConfig::<Test> {
		providers: vec![
			(HOSPITAL, ProviderKind::Hospital, "General".into(), *b"CH", LICENSE),
			// Refused, so left out: no funds; an invalid jurisdiction.
			(PAUPER, ProviderKind::Clinic, "Unfunded".into(), *b"CH", LICENSE),
			(LAB, ProviderKind::Laboratory, "Nowhere".into(), *b"ZZ", LICENSE),
		],
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(
			ProviderRegistry::active_provider(&HOSPITAL),
			Some((ProviderKind::Hospital, HOSPITAL))
		);
		let deposit = Providers::<Test>::get(HOSPITAL).unwrap().deposit;
		assert_eq!(held(HoldReason::ProviderDeposit, HOSPITAL), deposit);
		assert!(!Providers::<Test>::contains_key(PAUPER));
		assert!(!Providers::<Test>::contains_key(LAB));
		assert_eq!(held(HoldReason::ProviderDeposit, LAB), 0);
		ProviderRegistry::do_try_state().unwrap();
	});
}

use sp_runtime::BuildStorage;

mod slash_deposit {
	use super::*;
	use carechain_primitives::traits::ProviderDeposits;

	#[test]
	fn moves_part_of_the_deposit_to_the_beneficiary_and_records_it() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			let deposit = held(HoldReason::ProviderDeposit, HOSPITAL);
			let before = Balances::free_balance(NURSE);
			let moved = <ProviderRegistry as ProviderDeposits<u64, Balance>>::slash_deposit(
				&HOSPITAL, 10, &NURSE,
			);
			assert_eq!(moved, 10);
			assert_eq!(
				last_event(),
				Event::DepositSlashed { provider: HOSPITAL, beneficiary: NURSE, amount: 10 }
			);
			assert_eq!(Balances::free_balance(NURSE), before + 10);
			assert_eq!(held(HoldReason::ProviderDeposit, HOSPITAL), deposit - 10);
			assert_eq!(Providers::<Test>::get(HOSPITAL).unwrap().deposit, deposit - 10);
		});
	}

	#[test]
	fn never_takes_more_than_the_deposit_nor_from_an_unknown_provider() {
		build_and_execute(|| {
			register_active(HOSPITAL, ProviderKind::Hospital);
			let deposit = held(HoldReason::ProviderDeposit, HOSPITAL);
			let slash = |who: u64| {
				<ProviderRegistry as ProviderDeposits<u64, Balance>>::slash_deposit(
					&who,
					Balance::MAX,
					&NURSE,
				)
			};
			assert_eq!(slash(HOSPITAL), deposit);
			assert_eq!(Providers::<Test>::get(HOSPITAL).unwrap().deposit, 0);
			assert_eq!(slash(LAB), 0);
		});
	}
}
