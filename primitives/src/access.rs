//! What may be done with data ([`Action`]) and why ([`PurposeOfUse`]), SPEC 2.

bit_set! {
	/// An action on data. Names are those of the RPC.
	flag Action;
	/// The actions a call names (`grant`, `request_access`).
	list ActionList;
	/// A set of actions (`u8` bit set: `Read = 1`, `Write = 2`).
	set Actions(u8) {
		/// Read a record (FHIR provision action `access`).
		Read = 0 => "read",
		/// Write or amend a record (FHIR provision action `correct`).
		Write = 1 => "write",
	}
}

bit_set! {
	/// A purpose of use: an HL7 v3 ActReason code.
	flag PurposeOfUse;
	/// The purposes a call names (`grant`, `request_access`).
	list PurposeList;
	/// A set of purposes of use (`u16` bit set).
	set Purposes(u16) {
		/// Treatment.
		Treatment = 0 => "TREAT",
		/// Emergency treatment: only ever granted through emergency access.
		EmergencyTreatment = 1 => "ETREAT",
		/// Healthcare payment.
		Payment = 2 => "HPAYMT",
		/// Healthcare operations.
		Operations = 3 => "HOPERAT",
		/// Healthcare research.
		Research = 4 => "HRESCH",
		/// Public health.
		PublicHealth = 5 => "PUBHLTH",
		/// Requested by the patient.
		PatientRequest = 6 => "PATRQT",
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn action_bits_match_the_spec() {
		assert_eq!(Action::Read.bit(), 1);
		assert_eq!(Action::Write.bit(), 2);
		assert_eq!(Actions::KNOWN, 3);
		assert_eq!(Action::from_name("read"), Some(Action::Read));
		assert_eq!(Actions::from_bits(4), Err(crate::UnknownBits(4)));
	}

	#[test]
	fn purpose_codes_round_trip() {
		let table = [
			(PurposeOfUse::Treatment, 0, "TREAT"),
			(PurposeOfUse::EmergencyTreatment, 1, "ETREAT"),
			(PurposeOfUse::Payment, 2, "HPAYMT"),
			(PurposeOfUse::Operations, 3, "HOPERAT"),
			(PurposeOfUse::Research, 4, "HRESCH"),
			(PurposeOfUse::PublicHealth, 5, "PUBHLTH"),
			(PurposeOfUse::PatientRequest, 6, "PATRQT"),
		];
		assert_eq!(PurposeOfUse::ALL.len(), table.len());
		for (purpose, bit, code) in table {
			assert_eq!(purpose.index(), bit);
			assert_eq!(purpose.name(), code);
			assert_eq!(PurposeOfUse::from_name(code), Some(purpose));
		}
		assert_eq!(Purposes::KNOWN, 0x7F);
		assert!(Purposes::from_bits(0x80).is_err());
	}
}
