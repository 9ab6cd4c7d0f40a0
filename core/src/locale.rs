//! The staff interface languages Senda ships, their codes and their names in themselves.

use serde::{Deserialize, Serialize};

/// A staff interface language. Spanish is the first language of the guide and the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    Es,
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::Es, Locale::En, Locale::Fr];

    /// BCP 47 code, as used in `<html lang>` and in storage.
    pub fn code(self) -> &'static str {
        match self {
            Locale::Es => "es",
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// The language named in itself, so that anyone can find their own without reading another.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Es => "Español",
            Locale::En => "English",
            Locale::Fr => "Français",
        }
    }

    /// Parses a code such as `"es"` or `"es-MX"`; unknown codes give `None`.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_code(l.code()), Some(l));
        }
    }

    #[test]
    fn regional_codes_map_to_the_language() {
        assert_eq!(Locale::from_code("es-MX"), Some(Locale::Es));
        assert_eq!(Locale::from_code("fr_CA"), Some(Locale::Fr));
        assert_eq!(Locale::from_code("EN"), Some(Locale::En));
        assert_eq!(Locale::from_code("ht"), None);
        assert_eq!(Locale::from_code(""), None);
    }

    #[test]
    fn spanish_is_the_default() {
        assert_eq!(Locale::default(), Locale::Es);
    }
}
