//! The Reference section's content: the normative framework in the app's own words
//! (`content/reference/`), the glossary of harmonised terms (`content/glossary/`), and the
//! offline search over them and the Guide's steps. Fetched at run time per locale, parsed here.

pub mod framework;
pub mod glossary;
pub mod search;

#[cfg(test)]
mod content_tests;

pub use framework::{Framework, FrameworkStructure, FrameworkTexts};
pub use glossary::{Glossary, GlossaryStructure, GlossaryTexts, Segment};
pub use search::{guide_entries, reference_entries, SearchEntry, SearchIndex, SearchTarget};

use std::fmt;

/// A reference or glossary file that is not what the app expects (a defect of the build).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferenceUnreadable {
    pub file: &'static str,
    pub detail: String,
}

impl fmt::Display for ReferenceUnreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "The reference file {} could not be read: {}", self.file, self.detail)
    }
}

impl std::error::Error for ReferenceUnreadable {}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    file: &'static str,
    json: &str,
) -> Result<T, ReferenceUnreadable> {
    serde_json::from_str(json).map_err(|e| ReferenceUnreadable { file, detail: e.to_string() })
}
