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

    /// The locale a kind of content is shown in for staff working in `self`: its own where the
    /// content is written in it (`written_in`), otherwise Spanish, the guide's first language.
    pub fn shown_in(self, written_in: &[Locale]) -> Locale {
        if written_in.contains(&self) {
            self
        } else {
            Locale::Es
        }
    }

    /// Whether a screen or printed page whose parts are shown in `shown`, for staff working in
    /// `self`, shows any text in another language — and so must carry the fallback notice.
    pub fn falls_back(self, shown: &[Locale]) -> bool {
        shown.iter().any(|l| *l != self)
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
    fn content_not_written_in_a_locale_is_shown_in_spanish_and_the_page_says_so() {
        assert_eq!(Locale::Fr.shown_in(&[Locale::Es, Locale::En]), Locale::Es);
        assert_eq!(Locale::Fr.shown_in(&Locale::ALL), Locale::Fr);
        assert_eq!(Locale::En.shown_in(&[Locale::Es, Locale::En]), Locale::En);
        // A page falls back if any one of its parts does.
        assert!(Locale::Fr.falls_back(&[Locale::Fr, Locale::Es]));
        assert!(!Locale::Fr.falls_back(&[Locale::Fr, Locale::Fr]));
        assert!(!Locale::Es.falls_back(&[Locale::Es]));
    }

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
