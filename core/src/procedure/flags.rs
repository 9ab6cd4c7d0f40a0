//! The vocabulary of screening flag ids (`content/flags.json`) that procedure conditions may
//! refer to, with their names. The screening rules attach indicators to these ids.

use super::error::ContentError;
use crate::locale::Locale;
use serde::Deserialize;
use std::sync::OnceLock;

const FILE: &str = "content/flags.json";

/// One risk or vulnerability profile that screening can raise.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningFlag {
    pub id: String,
    pub name: FlagName,
    /// Saying it aloud or in front of others could out or endanger the child (sexual violence,
    /// LGBTIQ+, pregnancy, abuse by the carer): kept off what is read out or shown by default.
    #[serde(default)]
    pub sensitive: bool,
}

/// A flag's name in the locales the content is written in.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagName {
    pub es: String,
    pub en: String,
    pub fr: String,
}

impl FlagName {
    /// The name in `locale`: every staff language has its own.
    pub fn get(&self, locale: Locale) -> &str {
        match locale {
            Locale::Es => &self.es,
            Locale::En => &self.en,
            Locale::Fr => &self.fr,
        }
    }
}

/// All flags, in the order screening presents them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagVocabulary {
    pub flags: Vec<ScreeningFlag>,
}

impl FlagVocabulary {
    pub fn parse(json: &str) -> Result<FlagVocabulary, ContentError> {
        serde_json::from_str(json)
            .map_err(|e| ContentError::Unreadable { file: FILE, detail: e.to_string() })
    }

    pub fn get(&self, id: &str) -> Option<&ScreeningFlag> {
        self.flags.iter().find(|f| f.id == id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    /// Duplicate ids and blank names.
    pub fn defects(&self) -> Vec<ContentError> {
        let mut out = Vec::new();
        for (i, flag) in self.flags.iter().enumerate() {
            if self.flags[..i].iter().any(|f| f.id == flag.id) {
                out.push(ContentError::DuplicateId { id: flag.id.clone() });
            }
            for (field, name) in [
                ("Spanish name", &flag.name.es),
                ("English name", &flag.name.en),
                ("French name", &flag.name.fr),
            ] {
                if flag.id.trim().is_empty() || name.trim().is_empty() {
                    out.push(ContentError::BlankText { file: FILE, id: flag.id.clone(), field });
                }
            }
        }
        out
    }
}

/// The flag vocabulary, parsed once.
pub fn flag_vocabulary() -> Result<&'static FlagVocabulary, &'static ContentError> {
    static PARSED: OnceLock<Result<FlagVocabulary, ContentError>> = OnceLock::new();
    PARSED
        .get_or_init(|| FlagVocabulary::parse(include_str!("../../../content/flags.json")))
        .as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The profiles issue 5 lists, under the ids the procedure and the screening rules share.
    const PROFILES: [&str; 21] = [
        "unaccompanied",
        "separated",
        "relationship_unverified",
        "international_protection",
        "statelessness_risk",
        "trafficking",
        "smuggling",
        "crime_on_route",
        "child_labour",
        "gbv",
        "abuse_by_carer",
        "lgbtiq_risk",
        "disability",
        "language_barrier",
        "adolescent_parent",
        "deprivation_of_liberty",
        "returned_child",
        "return_pending",
        "returned_at_risk",
        "urgent_health",
        "armed_group_recruitment",
    ];

    #[test]
    fn the_vocabulary_is_exactly_the_screening_profiles_with_names() {
        let vocabulary = flag_vocabulary().expect("flags.json parses");
        assert_eq!(vocabulary.defects(), Vec::new());
        let ids: Vec<&str> = vocabulary.flags.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, PROFILES);
        let gbv = vocabulary.get("gbv").expect("gbv");
        assert_eq!(gbv.name.get(Locale::En), "Gender-based or sexual violence");
        assert_eq!(gbv.name.get(Locale::Fr), "Violence sexuelle ou basée sur le genre");
    }

    #[test]
    fn duplicates_and_blank_names_are_reported() {
        let v = FlagVocabulary::parse(
            r#"{"flags":[{"id":"a","name":{"es":"A","en":" ","fr":"A"}},{"id":"a","name":{"es":"A","en":"A","fr":""}}]}"#,
        )
        .expect("parses");
        assert_eq!(v.defects().len(), 3);
        assert!(FlagVocabulary::parse(r#"{"flags":[{"id":"a","name":{"es":"A"}}]}"#).is_err());
        // A missing French name fails to parse, naming the field.
        let missing_fr =
            FlagVocabulary::parse(r#"{"flags":[{"id":"a","name":{"es":"A","en":"A"}}]}"#);
        assert!(format!("{:?}", missing_fr.err()).contains("`fr`"));
    }
}
