//! Terms shared by the case model, the procedures and the screening rules: the RCM member
//! countries and a child's accompaniment status. Display names live in content, not here.

use serde::{Deserialize, Serialize};

/// The 11 member countries of the Regional Conference on Migration, by ISO 3166-1 alpha-2 code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Country {
    #[serde(rename = "BZ")]
    Belize,
    #[serde(rename = "CA")]
    Canada,
    #[serde(rename = "CR")]
    CostaRica,
    #[serde(rename = "DO")]
    DominicanRepublic,
    #[serde(rename = "SV")]
    ElSalvador,
    #[serde(rename = "GT")]
    Guatemala,
    #[serde(rename = "HN")]
    Honduras,
    #[serde(rename = "MX")]
    Mexico,
    #[serde(rename = "NI")]
    Nicaragua,
    #[serde(rename = "PA")]
    Panama,
    #[serde(rename = "US")]
    UnitedStates,
}

impl Country {
    pub const ALL: [Country; 11] = [
        Country::Belize,
        Country::Canada,
        Country::CostaRica,
        Country::DominicanRepublic,
        Country::ElSalvador,
        Country::Guatemala,
        Country::Honduras,
        Country::Mexico,
        Country::Nicaragua,
        Country::Panama,
        Country::UnitedStates,
    ];

    /// ISO 3166-1 alpha-2 code, as used in content files and storage.
    pub fn code(self) -> &'static str {
        match self {
            Country::Belize => "BZ",
            Country::Canada => "CA",
            Country::CostaRica => "CR",
            Country::DominicanRepublic => "DO",
            Country::ElSalvador => "SV",
            Country::Guatemala => "GT",
            Country::Honduras => "HN",
            Country::Mexico => "MX",
            Country::Nicaragua => "NI",
            Country::Panama => "PA",
            Country::UnitedStates => "US",
        }
    }

    /// The message key of the country's name in the interface strings.
    pub fn name_key(self) -> &'static str {
        match self {
            Country::Belize => "country.BZ",
            Country::Canada => "country.CA",
            Country::CostaRica => "country.CR",
            Country::DominicanRepublic => "country.DO",
            Country::ElSalvador => "country.SV",
            Country::Guatemala => "country.GT",
            Country::Honduras => "country.HN",
            Country::Mexico => "country.MX",
            Country::Nicaragua => "country.NI",
            Country::Panama => "country.PA",
            Country::UnitedStates => "country.US",
        }
    }

    pub fn from_code(code: &str) -> Option<Country> {
        Country::ALL.into_iter().find(|c| c.code().eq_ignore_ascii_case(code))
    }
}

/// Whether a child travels with, or has been separated from, the adults responsible for them
/// (the CRC Committee's General Comment 6 distinction used throughout the guide).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccompanimentStatus {
    /// Separated from both parents and other relatives, with no adult responsible by law or custom.
    Unaccompanied,
    /// Separated from both parents or their previous legal or customary caregiver, but possibly
    /// with other relatives.
    Separated,
    /// With a parent or legal/customary caregiver, relationship verified or not yet.
    Accompanied,
    /// Not yet established.
    #[default]
    NotYetKnown,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn country_codes_round_trip_and_are_unique() {
        let mut codes: Vec<_> = Country::ALL.iter().map(|c| c.code()).collect();
        for c in Country::ALL {
            assert_eq!(Country::from_code(c.code()), Some(c));
            assert_eq!(serde_json::to_string(&c).unwrap(), format!("\"{}\"", c.code()));
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 11);
        assert_eq!(Country::from_code("mx"), Some(Country::Mexico));
        assert_eq!(Country::from_code("CO"), None);
    }
}
