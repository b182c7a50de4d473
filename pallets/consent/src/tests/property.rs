//! Property test: random sequences of grant (in clear or sealed) / revoke / renew / time
//! advance / clean-up, with `check_access` compared against a plain reference model after every
//! step: categories in clear by name, and sensitive ones by the tag of each consent's salt (and
//! a tag of no consent), which the model decides in plain categories.

use proptest::prelude::*;

use super::*;

/// The accounts that grant and are checked: a hospital and its nurse, a laboratory and its
/// technician, a physician, and (checked only) a stranger.
const GRANTEES: [u64; 5] = [HOSPITAL, NURSE, LAB, LAB_TECH, PHYSICIAN];
const ACCESSORS: [u64; 6] = [HOSPITAL, NURSE, LAB, LAB_TECH, PHYSICIAN, STRANGER];
const CATEGORY_SETS: [u32; 3] = [1 << 5, 1 << 7, (1 << 5) | (1 << 7)];
const PURPOSE_SETS: [u16; 3] = [1, 1 << 2, 1 | (1 << 2)];
/// Sensitive categories a grant covers: none (an unsealed grant), HIV, mental health, both.
const SENSITIVE_SETS: [u32; 4] = [0, 1 << 17, 1 << 13, (1 << 17) | (1 << 13)];
const SENSITIVE: [DataCategory; 2] = [DataCategory::Hiv, DataCategory::MentalHealth];

/// The salt of consent `id` in this test: each consent its own.
fn salt_of(id: u64) -> ConsentSalt {
	sp_io::hashing::blake2_256(&id.to_le_bytes())
}

#[derive(Clone, Debug)]
enum Op {
	Grant {
		grantee: usize,
		categories: usize,
		sensitive: usize,
		actions: u8,
		purposes: usize,
		duration: u64,
	},
	Revoke {
		pick: usize,
	},
	Renew {
		pick: usize,
		duration: u64,
	},
	Advance {
		ms: u64,
	},
	/// Moves the clock to a consent's expiry instant, or the millisecond before it.
	ToExpiry {
		pick: usize,
		before: bool,
	},
	CleanUp,
}

fn duration() -> impl Strategy<Value = u64> {
	prop_oneof![8 => 0..3 * DAY, 1 => Just(366 * DAY)]
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		4 => (0..5usize, 0..3usize, 0..4usize, 1..4u8, 0..3usize, duration()).prop_map(
			|(grantee, categories, sensitive, actions, purposes, duration)| Op::Grant {
				grantee,
				categories,
				sensitive,
				actions,
				purposes,
				duration
			}
		),
		2 => any::<usize>().prop_map(|pick| Op::Revoke { pick }),
		2 => (any::<usize>(), duration()).prop_map(|(pick, duration)| Op::Renew { pick, duration }),
		2 => (0..DAY).prop_map(|ms| Op::Advance { ms }),
		1 => (any::<usize>(), any::<bool>()).prop_map(|(pick, before)| Op::ToExpiry { pick, before }),
		1 => Just(Op::CleanUp),
	]
}

/// A consent as the model sees it.
#[derive(Clone, Debug)]
struct Modelled {
	id: u64,
	grantee: u64,
	categories: u32,
	/// The sensitive categories covered, sealed under [`salt_of`] its id.
	sensitive: u32,
	actions: u8,
	purposes: u16,
	expires_at: u64,
	revoked: bool,
	/// Removed by the clean-up.
	removed: bool,
}

/// The organisation an accessor acts for, if it is an active provider.
fn organisation(accessor: u64) -> Option<u64> {
	match accessor {
		HOSPITAL | NURSE => Some(HOSPITAL),
		LAB | LAB_TECH => Some(LAB),
		PHYSICIAN => Some(PHYSICIAN),
		_ => None,
	}
}

#[derive(Default)]
struct Model {
	consents: Vec<Modelled>,
	now: u64,
}

impl Model {
	fn stored(&self) -> impl Iterator<Item = &Modelled> {
		self.consents.iter().filter(|c| !c.removed)
	}

	/// The decision for `category` in clear, or (`via_consent`) for sensitive `category` named by
	/// its tag under that consent's salt, which only that consent can cover.
	fn decide(
		&self,
		accessor: u64,
		(category, via_consent): (DataCategory, Option<u64>),
		action: Action,
		purpose: PurposeOfUse,
	) -> AccessDecision {
		let Some(organisation) = organisation(accessor) else {
			return deny(DenyReason::AccessorNotActive);
		};
		let own = self.stored().filter(|c| c.grantee == accessor);
		let via = self.stored().filter(|c| c.grantee == organisation && organisation != accessor);
		let mut nearest = DenyReason::NoConsent;
		for c in own.chain(via) {
			let reason = if c.revoked {
				DenyReason::Revoked
			} else if self.now >= c.expires_at {
				DenyReason::Expired
			} else if !match via_consent {
				None => c.categories & category.bit() != 0,
				Some(id) => c.id == id && c.sensitive & category.bit() != 0,
			} {
				DenyReason::CategoryNotCovered
			} else if c.actions & action.bit() == 0 {
				DenyReason::ActionNotCovered
			} else if c.purposes & purpose.bit() == 0 {
				DenyReason::PurposeNotCovered
			} else {
				return AccessDecision::Permit { consent_id: c.id, expires_at: c.expires_at };
			};
			nearest = nearest.max(reason);
		}
		deny(nearest)
	}

	fn expiry_error(&self, duration: u64) -> Option<Error<Test>> {
		if duration == 0 {
			Some(Error::ExpiryInPast)
		} else if duration > 365 * DAY {
			Some(Error::ExpiryTooFar)
		} else {
			None
		}
	}
}

fn run(ops: Vec<Op>) -> Result<(), TestCaseError> {
	let mut model = Model { now: START, ..Default::default() };
	for op in ops {
		match op {
			Op::Grant { grantee, categories, sensitive, actions, purposes, duration } => {
				let grantee = GRANTEES[grantee];
				let id = crate::NextConsentId::<Test>::get();
				let sensitive = SENSITIVE_SETS[sensitive];
				let (standard, actions_list, purposes_list, expires_at) = (
					DataCategories(CATEGORY_SETS[categories]).into(),
					Actions(actions).into(),
					Purposes(PURPOSE_SETS[purposes]).into(),
					model.now + duration,
				);
				let result = if sensitive == 0 {
					Consent::grant(
						origin(PATIENT),
						grantee,
						standard,
						actions_list,
						purposes_list,
						expires_at,
					)
				} else {
					let scope = sealed_scope(&salt_of(id), DataCategories(sensitive).iter());
					Consent::grant_sealed(
						origin(PATIENT),
						grantee,
						standard,
						scope,
						actions_list,
						purposes_list,
						expires_at,
					)
				};
				let expected = model.expiry_error(duration).or_else(|| {
					if model.stored().count() >= 8 {
						Some(Error::TooManyConsents)
					} else if model.stored().filter(|c| c.grantee == grantee).count() >= 3 {
						Some(Error::TooManyConsentsForGrantee)
					} else {
						None
					}
				});
				let granted = expected.is_none();
				prop_assert_eq!(result, expected.map_or(Ok(()), |e| Err(e.into())));
				if granted {
					model.consents.push(Modelled {
						id: model.consents.len() as u64,
						grantee,
						categories: CATEGORY_SETS[categories],
						sensitive,
						actions,
						purposes: PURPOSE_SETS[purposes],
						expires_at: model.now + duration,
						revoked: false,
						removed: false,
					});
				}
			},
			Op::Revoke { pick } if !model.consents.is_empty() => {
				let index = pick % model.consents.len();
				let c = &mut model.consents[index];
				let expected = if c.removed {
					Err(Error::<Test>::UnknownConsent.into())
				} else if c.revoked || model.now >= c.expires_at {
					Err(Error::<Test>::NotActive.into())
				} else {
					Ok(())
				};
				prop_assert_eq!(Consent::revoke(origin(PATIENT), c.id), expected);
				c.revoked |= expected.is_ok();
			},
			Op::Renew { pick, duration } if !model.consents.is_empty() => {
				let index = pick % model.consents.len();
				let now = model.now;
				let expiry_error = model.expiry_error(duration);
				let c = &mut model.consents[index];
				let expected = match expiry_error {
					Some(error) => Err(error.into()),
					None if c.removed => Err(Error::<Test>::UnknownConsent.into()),
					None if c.revoked || now >= c.expires_at => {
						Err(Error::<Test>::NotActive.into())
					},
					None => Ok(()),
				};
				prop_assert_eq!(Consent::renew(origin(PATIENT), c.id, now + duration), expected);
				if expected.is_ok() {
					c.expires_at = now + duration;
				}
			},
			Op::Advance { ms } => {
				model.now += ms;
				set_time(model.now);
			},
			Op::ToExpiry { pick, before } if !model.consents.is_empty() => {
				let at = model.consents[pick % model.consents.len()].expires_at - u64::from(before);
				// The clock never goes back.
				model.now = model.now.max(at);
				set_time(model.now);
			},
			Op::CleanUp => {
				on_idle(Weight::MAX);
				let due_before = model.now / EXPIRY_BUCKET_MS;
				for c in model.consents.iter_mut() {
					c.removed |= c.expires_at / EXPIRY_BUCKET_MS < due_before;
				}
			},
			Op::Revoke { .. } | Op::Renew { .. } | Op::ToExpiry { .. } => {},
		}
		// Every category in clear, and each sensitive one by the tag of every stored consent and
		// of one consent never granted (a wrong tag).
		let clear = [DataCategory::LabResults, DataCategory::Imaging]
			.map(|category| (AccessedCategory::Clear(category), (category, None)));
		// The stored consents' tags and a tag of the next id, which no consent has (a consent
		// cleaned up permits nothing, as the clear checks show).
		let next_id = crate::NextConsentId::<Test>::get();
		let ids: Vec<u64> = model.stored().map(|c| c.id).chain(core::iter::once(next_id)).collect();
		let sealed = SENSITIVE.into_iter().flat_map(|category| {
			ids.iter().map(move |&id| {
				let tag = sealed_tag(&salt_of(id), category);
				(AccessedCategory::Sealed(tag), (category, Some(id)))
			})
		});
		let asked: Vec<_> = clear.into_iter().chain(sealed).collect();
		for accessor in ACCESSORS {
			for (category, plain) in &asked {
				for action in [Action::Read, Action::Write] {
					for purpose in [PurposeOfUse::Treatment, PurposeOfUse::Payment] {
						prop_assert_eq!(
							Consent::check_access(&PATIENT, &accessor, category, action, purpose),
							model.decide(accessor, *plain, action, purpose),
							"{:?} {:?} {:?} {:?}",
							accessor,
							plain,
							action,
							purpose
						);
					}
				}
			}
		}
		for c in &model.consents {
			prop_assert_eq!(Consent::consent(c.id).is_some(), !c.removed);
		}
		Consent::do_try_state().map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
	}
	Ok(())
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

	#[test]
	fn check_access_matches_the_reference_model(ops in proptest::collection::vec(op(), 1..40)) {
		new_test_ext().execute_with(|| run(ops))?;
	}
}
