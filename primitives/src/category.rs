//! Data categories (SPEC 2): what part of a patient's record a consent or an access covers.

bit_set! {
	/// One category of medical data. The discriminant is the category's bit in
	/// [`DataCategories`]; names are those of the RPC and the FHIR mapping.
	flag DataCategory;
	/// The categories a call names, at most one entry per category (`grant`, `request_access`,
	/// `emergency_access`, `create_study`).
	list DataCategoryList;
	/// A set of data categories, one bit per category (`u32`), so that a consent check is a mask
	/// test. Bits no category names are refused by [`DataCategories::from_bits`].
	set DataCategories(u32) {
		/// Patient, RelatedPerson.
		Demographics = 0 => "Demographics",
		/// AllergyIntolerance.
		Allergies = 1 => "Allergies",
		/// MedicationRequest, MedicationStatement, MedicationDispense.
		Medications = 2 => "Medications",
		/// Condition.
		Conditions = 3 => "Conditions",
		/// Immunization.
		Immunizations = 4 => "Immunizations",
		/// Laboratory Observation, DiagnosticReport (LAB), Specimen.
		LabResults = 5 => "LabResults",
		/// Vital-signs Observation.
		VitalSigns = 6 => "VitalSigns",
		/// ImagingStudy, imaging DiagnosticReport.
		Imaging = 7 => "Imaging",
		/// Procedure.
		Procedures = 8 => "Procedures",
		/// DocumentReference, Composition.
		ClinicalNotes = 9 => "ClinicalNotes",
		/// CarePlan, Goal.
		CarePlans = 10 => "CarePlans",
		/// Encounter.
		Encounters = 11 => "Encounters",
		/// Claim, ExplanationOfBenefit, Coverage.
		Billing = 12 => "Billing",
		/// Sensitive: security label PSY.
		MentalHealth = 13 => "MentalHealth",
		/// Sensitive: security label SUD (42 CFR Part 2).
		SubstanceUse = 14 => "SubstanceUse",
		/// Sensitive: security label SEX.
		SexualReproductive = 15 => "SexualReproductive",
		/// Sensitive: MolecularSequence, genetics Observation, security label GDIS.
		Genomics = 16 => "Genomics",
		/// Sensitive: security label HIV.
		Hiv = 17 => "Hiv",
	}
}

impl DataCategory {
	/// Whether the category is sensitive: shared only when named one by one, never through the
	/// "all standard categories" mask.
	pub const fn is_sensitive(self) -> bool {
		(self as u8) >= DataCategory::MentalHealth as u8
	}
}

impl DataCategories {
	/// "All standard categories": bits 0-12. Sensitive categories are not in it.
	pub const STANDARD: DataCategories = DataCategories((1 << 13) - 1);

	/// Whether any sensitive category is in the set.
	pub const fn has_sensitive(self) -> bool {
		self.0 & !Self::STANDARD.0 != 0
	}
}

bit_set! {
	/// A standard data category: what a call may name in clear. The five sensitive categories
	/// are not among them: a call names those only by a consent's sealed tag (`crate::sealed`),
	/// so they never appear in an extrinsic's arguments. Each variant has its [`DataCategory`]'s
	/// index and name, so the two encode alike.
	flag StandardCategory;
	/// The standard categories a call names (`grant`, `request_access`, `emergency_access`,
	/// `create_study`), at most one entry per category.
	list StandardCategoryList;
	/// A set of standard categories (`u16` bit set), the bits of [`DataCategories`]'.
	set StandardCategories(u16) {
		/// Patient, RelatedPerson.
		Demographics = 0 => "Demographics",
		/// AllergyIntolerance.
		Allergies = 1 => "Allergies",
		/// MedicationRequest, MedicationStatement, MedicationDispense.
		Medications = 2 => "Medications",
		/// Condition.
		Conditions = 3 => "Conditions",
		/// Immunization.
		Immunizations = 4 => "Immunizations",
		/// Laboratory Observation, DiagnosticReport (LAB), Specimen.
		LabResults = 5 => "LabResults",
		/// Vital-signs Observation.
		VitalSigns = 6 => "VitalSigns",
		/// ImagingStudy, imaging DiagnosticReport.
		Imaging = 7 => "Imaging",
		/// Procedure.
		Procedures = 8 => "Procedures",
		/// DocumentReference, Composition.
		ClinicalNotes = 9 => "ClinicalNotes",
		/// CarePlan, Goal.
		CarePlans = 10 => "CarePlans",
		/// Encounter.
		Encounters = 11 => "Encounters",
		/// Claim, ExplanationOfBenefit, Coverage.
		Billing = 12 => "Billing",
	}
}

impl StandardCategory {
	/// The data category this is.
	pub fn category(self) -> DataCategory {
		// Every standard index is a category's (checked by a test), and Demographics is never
		// reached.
		DataCategory::from_index(self.index()).unwrap_or(DataCategory::Demographics)
	}
}

impl From<StandardCategory> for DataCategory {
	fn from(standard: StandardCategory) -> Self {
		standard.category()
	}
}

/// A sensitive category is not a standard one.
impl TryFrom<DataCategory> for StandardCategory {
	type Error = DataCategory;

	fn try_from(category: DataCategory) -> Result<Self, DataCategory> {
		Self::ALL.iter().copied().find(|s| s.category() == category).ok_or(category)
	}
}

impl DataCategories {
	/// The set of the standard categories `list` names.
	pub fn from_standard_list(list: &StandardCategoryList) -> Self {
		Self::from_flags(list.iter().map(|standard| standard.category()))
	}
}

impl DataCategories {
	/// The standard categories of the set, as a call names them (sensitive ones are left out:
	/// a call names them only sealed).
	pub fn to_standard_list(self) -> StandardCategoryList {
		let standard = self.iter().filter_map(|category| StandardCategory::try_from(category).ok());
		frame_support::BoundedVec::truncate_from(standard.collect())
	}
}

/// The standard categories of a set (see [`DataCategories::to_standard_list`]).
impl From<DataCategories> for StandardCategoryList {
	fn from(set: DataCategories) -> Self {
		set.to_standard_list()
	}
}

/// The category of an access, as the access log and record anchors keep it: a category in
/// clear (standard, or sensitive logged before sealed scopes existed), or a sensitive one as
/// the tag of the consent that permitted it.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Debug,
	codec::Encode,
	codec::Decode,
	codec::DecodeWithMemTracking,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
pub enum AccessedCategory {
	/// A category in clear.
	Clear(DataCategory),
	/// A sensitive category, as the permitting consent's tag: only the consent's parties can
	/// tell which.
	Sealed(crate::sealed::SealedTag),
}

impl From<DataCategory> for AccessedCategory {
	fn from(category: DataCategory) -> Self {
		Self::Clear(category)
	}
}

impl From<StandardCategory> for AccessedCategory {
	fn from(standard: StandardCategory) -> Self {
		Self::Clear(standard.category())
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_category_name_round_trips() {
		let table: [(DataCategory, u8, &str, bool); 18] = [
			(DataCategory::Demographics, 0, "Demographics", false),
			(DataCategory::Allergies, 1, "Allergies", false),
			(DataCategory::Medications, 2, "Medications", false),
			(DataCategory::Conditions, 3, "Conditions", false),
			(DataCategory::Immunizations, 4, "Immunizations", false),
			(DataCategory::LabResults, 5, "LabResults", false),
			(DataCategory::VitalSigns, 6, "VitalSigns", false),
			(DataCategory::Imaging, 7, "Imaging", false),
			(DataCategory::Procedures, 8, "Procedures", false),
			(DataCategory::ClinicalNotes, 9, "ClinicalNotes", false),
			(DataCategory::CarePlans, 10, "CarePlans", false),
			(DataCategory::Encounters, 11, "Encounters", false),
			(DataCategory::Billing, 12, "Billing", false),
			(DataCategory::MentalHealth, 13, "MentalHealth", true),
			(DataCategory::SubstanceUse, 14, "SubstanceUse", true),
			(DataCategory::SexualReproductive, 15, "SexualReproductive", true),
			(DataCategory::Genomics, 16, "Genomics", true),
			(DataCategory::Hiv, 17, "Hiv", true),
		];
		assert_eq!(DataCategory::ALL.len(), table.len());
		for (category, bit, name, sensitive) in table {
			assert_eq!(category.index(), bit, "{name}");
			assert_eq!(category.bit(), 1u32 << bit, "{name}");
			assert_eq!(category.name(), name);
			assert_eq!(DataCategory::from_name(name), Some(category));
			assert_eq!(DataCategory::from_index(bit), Some(category));
			assert_eq!(category.is_sensitive(), sensitive, "{name}");
			assert_eq!(DataCategories::STANDARD.contains(category), !sensitive, "{name}");
		}
	}

	#[test]
	fn sensitive_categories_are_never_in_the_standard_mask() {
		for category in DataCategory::ALL.iter().filter(|c| c.is_sensitive()) {
			assert!(!DataCategories::STANDARD.contains(*category), "{category:?}");
		}
		assert!(!DataCategories::STANDARD.has_sensitive());
		assert!(DataCategories::from(DataCategory::Hiv).has_sensitive());
		assert_eq!(DataCategories::STANDARD.bits(), 0x1FFF);
	}

	#[test]
	fn standard_categories_are_the_thirteen_first_and_encode_alike() {
		use codec::Encode;
		assert_eq!(StandardCategory::ALL.len(), 13);
		for standard in StandardCategory::ALL.iter().copied() {
			let category = standard.category();
			assert!(!category.is_sensitive(), "{standard:?}");
			assert_eq!(standard as u8, category.index(), "{standard:?}");
			assert_eq!(standard.encode(), category.encode(), "{standard:?}");
			assert_eq!(StandardCategory::try_from(category), Ok(standard));
			assert_eq!(standard.name(), category.name());
		}
		for sensitive in DataCategory::ALL.iter().filter(|c| c.is_sensitive()) {
			assert_eq!(StandardCategory::try_from(*sensitive), Err(*sensitive));
		}
	}

	#[test]
	fn unknown_bits_are_refused() {
		assert_eq!(DataCategories::KNOWN, 0x3FFFF);
		assert_eq!(DataCategories::from_bits(1 << 18), Err(crate::UnknownBits(1 << 18)));
		assert_eq!(DataCategories::from_bits(0x3FFFF).map(|s| s.iter().count()), Ok(18));
		assert!(!DataCategories(1 << 31).is_known());
		assert_eq!(DataCategory::from_name("labresults"), None);
		assert_eq!(DataCategory::from_index(18), None);
	}

	#[test]
	fn a_set_lists_its_names_in_bit_order() {
		let set = DataCategories::from_flags([DataCategory::LabResults, DataCategory::Hiv]);
		assert_eq!(DataCategories::from_names(["Hiv", "LabResults"]), Ok(set));
		assert_eq!(set.names().collect::<Vec<_>>(), ["LabResults", "Hiv"]);
		assert_eq!(DataCategories::from_names(["LabResults", "Gossip"]), Err("Gossip"));
	}
}
