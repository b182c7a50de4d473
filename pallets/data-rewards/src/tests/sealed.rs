//! Studies of sensitive data (PRIVACY.md goal 2): the categories studied are tags under the
//! protocol's salt, and an enrolment's research consent carries them, so neither the study nor
//! its enrolments say what is studied.

use super::*;
use crate::SealedStudyTags;
use carechain_primitives::{
	sealed::{seal_scope, sealed_tag, ConsentSalt, SealedSalt, SEALED_SALT_BOXES, SEALED_SALT_LEN},
	AccessedCategory,
};

/// The salt the institute publishes with the protocol.
const PROTOCOL_SALT: ConsentSalt = [21; 32];

/// Boxes whose ephemeral key is usable: the runtime checks no more of a box.
const SALT_BOXES: [SealedSalt; SEALED_SALT_BOXES] = {
	let mut salt_box = [0u8; SEALED_SALT_LEN];
	salt_box[0] = 9;
	[salt_box; SEALED_SALT_BOXES]
};

/// The tags of a study of HIV data under the protocol's salt.
fn hiv_study_tags() -> [[u8; 16]; 5] {
	seal_scope(&PROTOCOL_SALT, [DataCategory::Hiv])
}

/// The institute opens a study of lab results in clear and HIV sealed, with `max` places.
fn sealed_study(max: u32) -> u64 {
	let id = crate::NextStudyId::<Test>::get();
	assert_ok!(DataRewards::create_study_sealed(
		origin(INSTITUTE),
		LAB_RESULTS.into(),
		hiv_study_tags(),
		REWARD,
		max,
		ENROLMENT_ENDS,
		DATA_USE_ENDS,
		PROTOCOL
	));
	id
}

/// Whether the institute may read `patient`'s data that `tag` stands for, for research.
fn sealed_research_read(patient: u64, tag: [u8; 16]) -> bool {
	Consent::check_access(
		&patient,
		&INSTITUTE,
		&AccessedCategory::Sealed(tag),
		Action::Read,
		PurposeOfUse::Research,
	)
	.is_permit()
}

#[test]
fn a_sealed_study_keeps_its_tags_and_names_no_sensitive_category() {
	build_and_execute(|| {
		let id = sealed_study(3);
		assert_eq!(
			last_event(),
			Event::StudyCreated { study_id: id, institute: INSTITUTE, escrow: 3 * REWARD }
		);
		let study = DataRewards::study(id).expect("open");
		assert!(!study.categories.has_sensitive());
		assert_eq!(DataRewards::study_sealed_tags(id), Some(hiv_study_tags()));
		// A study of sensitive data only has nothing in clear.
		assert_ok!(DataRewards::create_study_sealed(
			origin(INSTITUTE),
			Default::default(),
			hiv_study_tags(),
			REWARD,
			1,
			ENROLMENT_ENDS,
			DATA_USE_ENDS,
			PROTOCOL
		));
	});
}

#[test]
fn enrolling_in_a_sealed_study_grants_its_tags_with_the_patients_boxes() {
	build_and_execute(|| {
		let id = sealed_study(3);
		assert_ok!(DataRewards::enroll_sealed(origin(PATIENT), id, SALT_BOXES));
		let enrollment = Enrollments::<Test>::get(id, PATIENT).expect("enrolled");
		assert_eq!(
			last_event(),
			Event::Enrolled { study_id: id, patient: PATIENT, consent_id: enrollment.consent_id }
		);
		let consent = Consent::consent(enrollment.consent_id).expect("stored");
		assert_eq!(consent.kind, ConsentKind::Research(id));
		assert!(!consent.categories.has_sensitive());
		let sealed = consent.sealed.expect("the research consent is sealed");
		assert_eq!((sealed.tags, sealed.salts), (hiv_study_tags(), SALT_BOXES));
		let hiv = sealed_tag(&PROTOCOL_SALT, DataCategory::Hiv);
		assert!(sealed_research_read(PATIENT, hiv));
		assert!(research_read(PATIENT).is_permit(), "the clear categories too");
		let genomics = sealed_tag(&PROTOCOL_SALT, DataCategory::Genomics);
		assert!(!sealed_research_read(PATIENT, genomics), "only what the study named");
		assert!(!sealed_research_read(OTHER_PATIENT, hiv), "only the enrolled patient");

		assert_ok!(DataRewards::withdraw(origin(PATIENT), id));
		assert!(!sealed_research_read(PATIENT, hiv), "withdrawing closes the sealed scope too");
	});
}

#[test]
fn a_sealed_studys_tags_go_when_it_closes() {
	build_and_execute(|| {
		let id = sealed_study(2);
		assert_ok!(DataRewards::enroll_sealed(origin(PATIENT), id, SALT_BOXES));
		set_time(ENROLMENT_ENDS);
		assert_ok!(DataRewards::close_study(origin(INSTITUTE), id));
		assert_eq!(SealedStudyTags::<Test>::iter().count(), 0);
		assert_eq!(DataRewards::study_sealed_tags(id), None);
	});
}

#[test]
fn sealed_study_errors_change_nothing() {
	build_and_execute(|| {
		let create = |who, categories: DataCategories, tags| {
			DataRewards::create_study_sealed(
				origin(who),
				categories.into(),
				tags,
				REWARD,
				2,
				ENROLMENT_ENDS,
				DATA_USE_ENDS,
				PROTOCOL,
			)
		};
		let mut disordered = hiv_study_tags();
		disordered.swap(0, 4);
		assert_noop!(create(INSTITUTE, LAB_RESULTS, disordered), Error::<Test>::TagsNotCanonical);
		let mut zero_padded = hiv_study_tags();
		zero_padded[0] = [0; 16];
		assert_noop!(create(INSTITUTE, LAB_RESULTS, zero_padded), Error::<Test>::TagsNotCanonical);
		assert_noop!(
			create(HOSPITAL, LAB_RESULTS, hiv_study_tags()),
			Error::<Test>::NotAResearchInstitute
		);
		assert_noop!(
			create(RESEARCHER, LAB_RESULTS, hiv_study_tags()),
			Error::<Test>::NotTheInstituteItself
		);

		let (plain, sealed) = (study(2), sealed_study(2));
		assert_noop!(DataRewards::enroll(origin(PATIENT), sealed), Error::<Test>::StudyIsSealed);
		assert_noop!(
			DataRewards::enroll_sealed(origin(PATIENT), plain, SALT_BOXES),
			Error::<Test>::StudyNotSealed
		);
		let mut small_order = SALT_BOXES;
		small_order[1] = [0; SEALED_SALT_LEN];
		assert_noop!(
			DataRewards::enroll_sealed(origin(PATIENT), sealed, small_order),
			pallet_consent::Error::<Test>::MalformedSealedSalt
		);
		assert_noop!(
			DataRewards::enroll_sealed(origin(STRANGER), sealed, SALT_BOXES),
			Error::<Test>::NotRegistered
		);
		assert_noop!(
			DataRewards::enroll_sealed(origin(PATIENT), 99, SALT_BOXES),
			Error::<Test>::UnknownStudy
		);
	});
}
