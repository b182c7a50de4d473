//! Values made by libsodium (through `carechain-pseudonyms`, libsodium-wrappers 0.8.4), which
//! this crate and the runtime's primitives must reproduce or open: the same scheme on both
//! sides of a consent. `scripts/e2e/test/sealing.test.js` checks the other direction.

use carechain_primitives::DataCategory::{Hiv, LabResults, MentalHealth};
use carechain_sealing::{open_tag, seal_scope, sealed_tag, EncryptionKeyPair};

fn bytes<const N: usize>(hex: &str) -> [u8; N] {
	let hex = hex.trim_start_matches("0x");
	let mut out = [0u8; N];
	assert_eq!(hex.len(), 2 * N, "{hex}");
	for (i, byte) in out.iter_mut().enumerate() {
		*byte = u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap();
	}
	out
}

const SALT: [u8; 32] = [7; 32];

#[test]
fn a_seed_gives_libsodium_s_key_pair() {
	let pair = EncryptionKeyPair::from_seed(&[1; 32]);
	assert_eq!(
		pair.public_key(),
		bytes("0x1b1b58dd50ea14b60da17b790cd02754d970c9bab864ebb3c0f3016fe51d3f57")
	);
}

#[test]
fn a_box_libsodium_sealed_opens_here() {
	let sealed = bytes::<80>(
		"0xffbe37e351e4cf4e3526c18093f35890701f94eebb0b7a02428f4e51bda0077c89e0f04f84b9c4062c0a8984a71ce5cb2a5a74e90e7090fc0acd50ccaaf6f9060e81a1696d1e2bbabc5e3639a8fdafb8",
	);
	let pair = EncryptionKeyPair::from_seed(&[1; 32]);
	assert_eq!(pair.open_salt(&sealed), Ok(SALT));
	assert!(EncryptionKeyPair::from_seed(&[2; 32]).open_salt(&sealed).is_err());
}

#[test]
fn tags_are_the_javascript_package_s() {
	assert_eq!(sealed_tag(&SALT, Hiv), bytes("0x3d320fbe5a82680bde89db14764981ff"));
	let scope = seal_scope(&SALT, [Hiv, MentalHealth, LabResults]);
	let expected = [
		"0x3d320fbe5a82680bde89db14764981ff",
		"0x4fd5e873cb9ebdb0193a37eb6bd56f55",
		"0x760db45e6bcff55085bdfea00027acd7",
		"0x80b4567752f3dad42a4f89e0075adb55",
		"0x910a742ff62a1d8613eda3a57afb74d8",
	]
	.map(bytes::<16>);
	assert_eq!(scope, expected);
	let opened: Vec<_> = scope.iter().filter_map(|tag| open_tag(&SALT, tag)).collect();
	assert_eq!(opened.len(), 2);
	assert!(opened.contains(&Hiv) && opened.contains(&MentalHealth));
}
