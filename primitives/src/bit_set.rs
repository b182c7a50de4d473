//! A macro for the small bit sets of SPEC section 2: a flag enum whose discriminant is the bit
//! index, a set type over a fixed-width integer that refuses bits no flag names, and the bounded
//! list of flags that calls take (a wallet renders a list of an enum as dropdowns; storage and
//! the consent check keep the bit set).

use codec::{Decode, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A bit pattern held bits that no flag of the set names.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct UnknownBits(pub u32);

/// Declares a flag enum `$Flag` (one variant per bit, each with its wire name), the set type
/// `$Set($Bits)` of such flags and `$List`, a list of at most one entry per flag.
macro_rules! bit_set {
	(
		$(#[$flag_meta:meta])*
		flag $Flag:ident;
		$(#[$list_meta:meta])*
		list $List:ident;
		$(#[$set_meta:meta])*
		set $Set:ident($Bits:ty) {
			$( $(#[$variant_meta:meta])* $Variant:ident = $bit:literal => $name:literal, )+
		}
	) => {
		$(#[$flag_meta])*
		#[derive(
			Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug,
			codec::Encode, codec::Decode, codec::DecodeWithMemTracking, codec::MaxEncodedLen,
			scale_info::TypeInfo,
		)]
		#[repr(u8)]
		pub enum $Flag {
			$( $(#[$variant_meta])* $Variant = $bit, )+
		}

		impl $Flag {
			/// Every flag, in bit order.
			pub const ALL: &'static [$Flag] = &[ $( $Flag::$Variant, )+ ];

			/// How many flags there are: the bound of [`$List`].
			pub const COUNT: u32 = Self::ALL.len() as u32;

			/// The bit index of this flag.
			pub const fn index(self) -> u8 {
				self as u8
			}

			/// The bit mask of this flag.
			pub const fn bit(self) -> $Bits {
				1 << (self as u8)
			}

			/// The name used on the wire (RPC, FHIR codes).
			pub const fn name(self) -> &'static str {
				match self {
					$( $Flag::$Variant => $name, )+
				}
			}

			/// The flag with this wire name (exact match), if any.
			pub fn from_name(name: &str) -> Option<Self> {
				Self::ALL.iter().copied().find(|flag| flag.name() == name)
			}

			/// The flag at this bit index, if any.
			pub fn from_index(index: u8) -> Option<Self> {
				Self::ALL.iter().copied().find(|flag| flag.index() == index)
			}
		}

		$(#[$list_meta])*
		pub type $List =
			frame_support::BoundedVec<$Flag, frame_support::traits::ConstU32<{ $Flag::COUNT }>>;

		$(#[$set_meta])*
		#[derive(
			Clone, Copy, PartialEq, Eq, Default, Debug,
			codec::Encode, codec::Decode, codec::DecodeWithMemTracking, codec::MaxEncodedLen,
			scale_info::TypeInfo, serde::Serialize, serde::Deserialize,
		)]
		#[serde(transparent)]
		pub struct $Set(pub $Bits);

		impl $Set {
			/// Every bit some flag names.
			pub const KNOWN: $Bits = 0 $( | (1 << $bit) )+;

			/// The empty set.
			pub const fn empty() -> Self {
				Self(0)
			}

			/// The set of exactly these bits, refusing any bit no flag names.
			pub const fn from_bits(bits: $Bits) -> Result<Self, $crate::UnknownBits> {
				if bits & !Self::KNOWN == 0 {
					Ok(Self(bits))
				} else {
					Err($crate::UnknownBits((bits & !Self::KNOWN) as u32))
				}
			}

			/// The set of these flags.
			pub fn from_flags(flags: impl IntoIterator<Item = $Flag>) -> Self {
				Self(flags.into_iter().fold(0, |bits, flag| bits | flag.bit()))
			}

			/// The set of the flags of a call's list; a flag listed twice counts once.
			pub fn from_list(list: &$List) -> Self {
				Self::from_flags(list.iter().copied())
			}

			/// The flags of the set as a call's list, in bit order.
			pub fn to_list(self) -> $List {
				// A set holds each flag at most once, so the list is within its bound.
				$List::truncate_from(self.iter().collect())
			}

			/// The raw bits.
			pub const fn bits(self) -> $Bits {
				self.0
			}

			/// Whether no flag is set.
			pub const fn is_empty(self) -> bool {
				self.0 == 0
			}

			/// Whether only bits that flags name are set.
			pub const fn is_known(self) -> bool {
				self.0 & !Self::KNOWN == 0
			}

			/// Whether `flag` is in the set.
			pub const fn contains(self, flag: $Flag) -> bool {
				self.0 & flag.bit() != 0
			}

			/// Whether every flag of `other` is in the set.
			pub const fn contains_all(self, other: Self) -> bool {
				self.0 & other.0 == other.0
			}

			/// The set with `flag` added.
			pub const fn with(self, flag: $Flag) -> Self {
				Self(self.0 | flag.bit())
			}

			/// The flags of the set, in bit order.
			pub fn iter(self) -> impl Iterator<Item = $Flag> {
				$Flag::ALL.iter().copied().filter(move |flag| self.contains(*flag))
			}

			/// The wire names of the flags of the set, in bit order.
			pub fn names(self) -> impl Iterator<Item = &'static str> {
				self.iter().map($Flag::name)
			}

			/// The set of the flags with these wire names; the first unknown name is the error.
			pub fn from_names<'a>(
				names: impl IntoIterator<Item = &'a str>,
			) -> Result<Self, &'a str> {
				names.into_iter().try_fold(Self::empty(), |set, name| {
					$Flag::from_name(name).map(|flag| set.with(flag)).ok_or(name)
				})
			}
		}

		impl From<$Flag> for $List {
			fn from(flag: $Flag) -> Self {
				$List::truncate_from(alloc::vec![flag])
			}
		}

		impl From<$Set> for $List {
			fn from(set: $Set) -> Self {
				set.to_list()
			}
		}

		impl From<$Flag> for $Set {
			fn from(flag: $Flag) -> Self {
				Self(flag.bit())
			}
		}

		impl TryFrom<$Bits> for $Set {
			type Error = $crate::UnknownBits;
			fn try_from(bits: $Bits) -> Result<Self, Self::Error> {
				Self::from_bits(bits)
			}
		}
	};
}

#[cfg(test)]
#[allow(dead_code)] // the macro generates more than these tests use
mod tests {
	bit_set! {
		/// A test flag.
		flag Colour;
		/// A test list.
		list ColourList;
		/// A test set.
		set Colours(u8) {
			/// Red.
			Red = 0 => "red",
			/// Blue.
			Blue = 3 => "blue",
		}
	}

	#[test]
	fn known_bits_are_exactly_the_declared_ones() {
		assert_eq!(Colours::KNOWN, 0b1001);
		assert_eq!(Colours::from_bits(0b1001), Ok(Colours(0b1001)));
		assert_eq!(Colours::from_bits(0b0011), Err(crate::UnknownBits(0b0010)));
	}

	#[test]
	fn names_round_trip() {
		let set = Colours::from_flags([Colour::Red, Colour::Blue]);
		assert_eq!(Colours::from_names(["blue", "red"]), Ok(set));
		assert_eq!(set.names().collect::<Vec<_>>(), vec!["red", "blue"]);
		assert_eq!(Colours::from_names(["red", "green"]), Err("green"));
		assert!(set.contains_all(Colour::Red.into()));
		assert!(!Colours::from(Colour::Red).contains(Colour::Blue));
	}

	#[test]
	fn lists_hold_each_flag_once_and_fold_repeats() {
		assert_eq!(Colour::COUNT, 2);
		let both = Colours::from_flags([Colour::Red, Colour::Blue]);
		assert_eq!(both.to_list().into_inner(), vec![Colour::Red, Colour::Blue]);
		assert_eq!(Colours::from_list(&both.to_list()), both);
		let repeated = ColourList::truncate_from(vec![Colour::Blue, Colour::Blue]);
		assert_eq!(Colours::from_list(&repeated), Colours::from(Colour::Blue));
		assert!(ColourList::try_from(vec![Colour::Red; 3]).is_err());
		assert_eq!(Colours::empty().to_list().len(), 0);
	}
}
