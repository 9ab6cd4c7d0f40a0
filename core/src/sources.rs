//! The list of public sources the content cites (`content/sources.json`), by stable id such as
//! "S40": short title, issuing body, year and URLs — URLs only where the project's source
//! notes give them verbatim.

use serde::Deserialize;
use std::fmt;
use std::sync::OnceLock;

/// One cited source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id used in content files, e.g. "S40" or "S70-GT".
    pub id: String,
    pub title: String,
    pub issuer: String,
    #[serde(default)]
    pub year: Option<u16>,
    /// Empty when no verbatim address is known.
    #[serde(default)]
    pub urls: Vec<String>,
}

/// All cited sources.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceList {
    pub sources: Vec<Source>,
}

/// `content/sources.json` could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourcesUnreadable(pub String);

impl fmt::Display for SourcesUnreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The list of sources (content/sources.json) could not be read: {}", self.0)
    }
}

impl std::error::Error for SourcesUnreadable {}

impl SourceList {
    pub fn parse(json: &str) -> Result<SourceList, SourcesUnreadable> {
        serde_json::from_str(json).map_err(|e| SourcesUnreadable(e.to_string()))
    }

    pub fn get(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }
}

/// The source list, parsed once.
pub fn sources() -> Result<&'static SourceList, &'static SourcesUnreadable> {
    static PARSED: OnceLock<Result<SourceList, SourcesUnreadable>> = OnceLock::new();
    PARSED.get_or_init(|| SourceList::parse(include_str!("../../content/sources.json"))).as_ref()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_source_has_a_unique_id_and_a_title_and_issuer() {
        let list = sources().expect("sources.json parses");
        assert!(list.sources.len() > 40, "only {} sources", list.sources.len());
        for (i, s) in list.sources.iter().enumerate() {
            assert!(!list.sources[..i].iter().any(|o| o.id == s.id), "{} twice", s.id);
            assert!(s.id.starts_with('S') && s.id.len() > 1, "{}", s.id);
            assert!(!s.title.trim().is_empty() && !s.issuer.trim().is_empty(), "{}", s.id);
        }
    }

    #[test]
    fn addresses_are_whole_web_addresses_and_years_are_plausible() {
        for s in &sources().expect("parses").sources {
            for url in &s.urls {
                assert!(
                    url.starts_with("https://") || url.starts_with("http://"),
                    "{}: {url}",
                    s.id
                );
                assert!(!url.contains(' ') && !url.ends_with("..."), "{}: {url}", s.id);
            }
            if let Some(year) = s.year {
                assert!((1989..=2026).contains(&year), "{}: {year}", s.id);
            }
        }
    }

    #[test]
    fn lookup_finds_known_ids_only() {
        let list = sources().expect("parses");
        assert_eq!(list.get("S28").map(|s| s.issuer.as_str()), Some("Global Protection Cluster"));
        assert!(list.contains("S70-GT"));
        assert!(!list.contains("S999"));
        // The 1996 UNHCR page has no verbatim address in the source notes: none is invented.
        assert_eq!(list.get("S24").map(|s| s.urls.len()), Some(0));
    }

    #[test]
    fn a_malformed_list_is_refused_with_a_message() {
        let err = SourceList::parse(r#"{"sources":[{"id":"S1"}]}"#).expect_err("refused");
        assert!(err.to_string().contains("content/sources.json"));
    }
}
