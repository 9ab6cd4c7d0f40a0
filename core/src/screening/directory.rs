//! The organisation directory a coordinator fills with local services (name, kind, what they
//! offer, address, phone, hours, languages, ages) and shares as a JSON file. Not data about
//! children. An imported file is checked whole — any problem refuses it, changing nothing — and
//! its effect is previewed before it is merged by id: added names, and for each changed entry
//! every changed field side by side (what this phone has, what the file brings), so a file
//! cannot quietly replace a trusted service's phone or address. A file over `MAX_FILE_BYTES`
//! is refused before it is parsed.

use super::model::ServiceKind;
use crate::vocabulary::Country;
use serde::{Deserialize, Serialize};
use std::fmt;

pub const DIRECTORY_FORMAT: &str = "senda-directory";
pub const DIRECTORY_VERSION: u32 = 1;
/// Far more than any one coordinator's list; keeps a hostile file from filling the storage.
pub const MAX_ORGANISATIONS: usize = 2000;
/// The largest directory file read (a full list of `MAX_ORGANISATIONS` typical entries is well
/// under it); checked before parsing, and by the browser before reading the file.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;
const MAX_TEXT: usize = 500;

/// One local service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Stable id chosen by whoever created the entry: an import updates the entry with its id.
    pub id: String,
    pub name: String,
    pub kind: ServiceKind,
    pub country: Country,
    /// What they offer, in a few words.
    #[serde(default)]
    pub offers: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub hours: String,
    #[serde(default)]
    pub languages: Vec<String>,
    /// The ages served, inclusive, when the service says.
    #[serde(default)]
    pub ages: Option<AgeRange>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgeRange {
    pub from: u8,
    pub to: u8,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Directory {
    pub organisations: Vec<Organisation>,
}

/// The file shape: a marker, a version, the list.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct DirectoryFile {
    format: String,
    version: u32,
    organisations: Vec<Organisation>,
}

/// Why a directory file was refused. Nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DirectoryError {
    /// Not a Senda directory file at all (not JSON, or another kind of file).
    NotADirectory,
    /// Written by a newer Senda.
    NewerVersion {
        found: u32,
    },
    TooMany {
        count: usize,
    },
    /// Larger than `MAX_FILE_BYTES`.
    TooLarge {
        bytes: usize,
    },
    /// Entry `index` (from 1) has this problem.
    BadEntry {
        index: usize,
        problem: EntryProblem,
    },
    DuplicateId {
        id: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntryProblem {
    MissingId,
    MissingName,
    TooLong,
    AgesOutOfOrder,
    /// A field is missing, unknown, or of the wrong type (an unknown kind or country).
    WrongShape,
}

impl DirectoryError {
    /// The interface string that explains it.
    pub fn message_key(&self) -> &'static str {
        match self {
            DirectoryError::NotADirectory => "directory.error.not_directory",
            DirectoryError::NewerVersion { .. } => "directory.error.newer",
            DirectoryError::TooMany { .. } => "directory.error.too_many",
            DirectoryError::TooLarge { .. } => "directory.error.too_large",
            DirectoryError::BadEntry { problem: EntryProblem::MissingName, .. } => {
                "directory.error.missing_name"
            }
            DirectoryError::BadEntry { problem: EntryProblem::MissingId, .. } => {
                "directory.error.missing_id"
            }
            DirectoryError::BadEntry { problem: EntryProblem::TooLong, .. } => {
                "directory.error.too_long"
            }
            DirectoryError::BadEntry { problem: EntryProblem::AgesOutOfOrder, .. } => {
                "directory.error.ages"
            }
            DirectoryError::BadEntry { problem: EntryProblem::WrongShape, .. } => {
                "directory.error.wrong_shape"
            }
            DirectoryError::DuplicateId { .. } => "directory.error.duplicate",
        }
    }

    /// The entry the problem is in, counted from 1, if it is in one.
    pub fn entry(&self) -> Option<usize> {
        match self {
            DirectoryError::BadEntry { index, .. } => Some(*index),
            _ => None,
        }
    }
}

impl fmt::Display for DirectoryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DirectoryError::NotADirectory => f.write_str("This is not a Senda organisation directory file."),
            DirectoryError::NewerVersion { found } => write!(f, "This directory was written by a newer Senda (version {found})."),
            DirectoryError::TooLarge { bytes } => write!(f, "This file has {bytes} bytes; at most {MAX_FILE_BYTES} are read."),
            DirectoryError::TooMany { count } => write!(f, "This directory lists {count} organisations; at most {MAX_ORGANISATIONS} are accepted."),
            DirectoryError::BadEntry { index, problem } => write!(f, "Entry {index} of the directory is not valid ({problem:?})."),
            DirectoryError::DuplicateId { id } => write!(f, "The id {id} appears twice in this directory."),
        }
    }
}

impl std::error::Error for DirectoryError {}

impl Directory {
    /// Services of `kind` in `country`, in list order.
    pub fn services(&self, country: Country, kind: ServiceKind) -> Vec<&Organisation> {
        self.organisations.iter().filter(|o| o.country == country && o.kind == kind).collect()
    }

    /// The shareable file.
    pub fn to_file(&self) -> String {
        let file = DirectoryFile {
            format: DIRECTORY_FORMAT.into(),
            version: DIRECTORY_VERSION,
            organisations: self.organisations.clone(),
        };
        serde_json::to_string_pretty(&file).unwrap_or_default()
    }

    /// Reads a shared file, refusing it whole at the first problem.
    pub fn from_file(text: &str) -> Result<Directory, DirectoryError> {
        if text.len() > MAX_FILE_BYTES {
            return Err(DirectoryError::TooLarge { bytes: text.len() });
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|_| DirectoryError::NotADirectory)?;
        if value.get("format").and_then(|f| f.as_str()) != Some(DIRECTORY_FORMAT) {
            return Err(DirectoryError::NotADirectory);
        }
        let version =
            value.get("version").and_then(|v| v.as_u64()).ok_or(DirectoryError::NotADirectory)?;
        if version > u64::from(DIRECTORY_VERSION) {
            return Err(DirectoryError::NewerVersion {
                found: u32::try_from(version).unwrap_or(u32::MAX),
            });
        }
        let entries = value
            .get("organisations")
            .and_then(|o| o.as_array())
            .ok_or(DirectoryError::NotADirectory)?;
        if entries.len() > MAX_ORGANISATIONS {
            return Err(DirectoryError::TooMany { count: entries.len() });
        }
        let mut organisations: Vec<Organisation> = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let bad = |problem| DirectoryError::BadEntry { index: i + 1, problem };
            let org: Organisation =
                serde_json::from_value(entry.clone()).map_err(|_| bad(EntryProblem::WrongShape))?;
            if let Some(problem) = org.problem() {
                return Err(bad(problem));
            }
            if organisations.iter().any(|o| o.id == org.id) {
                return Err(DirectoryError::DuplicateId { id: org.id });
            }
            organisations.push(org);
        }
        Ok(Directory { organisations })
    }

    /// What merging `incoming` would do, by organisation name.
    pub fn preview(&self, incoming: &Directory) -> ImportPreview {
        let mut preview = ImportPreview::default();
        for org in &incoming.organisations {
            match self.organisations.iter().find(|o| o.id == org.id) {
                None => preview.added.push(org.name.clone()),
                Some(current) if current == org => preview.unchanged += 1,
                Some(current) => {
                    preview.changed.push(org.name.clone());
                    preview.changes.push(OrgChange {
                        name: current.name.clone(),
                        fields: field_changes(current, org),
                    });
                }
            }
        }
        preview
    }

    /// Adds the new entries and replaces those with the same id; keeps everything else.
    pub fn merge(&mut self, incoming: Directory) {
        for org in incoming.organisations {
            match self.organisations.iter_mut().find(|o| o.id == org.id) {
                Some(current) => *current = org,
                None => self.organisations.push(org),
            }
        }
    }

    /// Adds or replaces one entry, after checking it.
    pub fn upsert(&mut self, org: Organisation) -> Result<(), EntryProblem> {
        if let Some(problem) = org.problem() {
            return Err(problem);
        }
        self.merge(Directory { organisations: vec![org] });
        Ok(())
    }

    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.organisations.len();
        self.organisations.retain(|o| o.id != id);
        self.organisations.len() != before
    }
}

impl Organisation {
    fn problem(&self) -> Option<EntryProblem> {
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !id_ok {
            return Some(EntryProblem::MissingId);
        }
        if self.name.trim().is_empty() {
            return Some(EntryProblem::MissingName);
        }
        let texts = [&self.name, &self.offers, &self.address, &self.phone, &self.hours];
        if texts.iter().any(|t| t.chars().count() > MAX_TEXT)
            || self.languages.len() > 20
            || self.languages.iter().any(|l| l.chars().count() > 60)
        {
            return Some(EntryProblem::TooLong);
        }
        if self.ages.is_some_and(|a| a.from > a.to) {
            return Some(EntryProblem::AgesOutOfOrder);
        }
        None
    }
}

/// What an import will change, shown before the worker confirms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportPreview {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub unchanged: usize,
    /// Each changed entry, by its name on this phone, with every field that differs.
    pub changes: Vec<OrgChange>,
}

/// One entry an import would change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrgChange {
    pub name: String,
    pub fields: Vec<FieldChange>,
}

/// One field as it is on this phone and as the file would make it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// The interface key of the field's label (`directory.phone`…).
    pub label: &'static str,
    pub before: FieldValue,
    pub after: FieldValue,
}

/// A field's value, for display: text as it is, a kind or a country to be named in the
/// worker's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FieldValue {
    Text(String),
    Kind(ServiceKind),
    Country(Country),
}

/// Every field in which `after` differs from `before`, in the order of the entry form.
pub fn field_changes(before: &Organisation, after: &Organisation) -> Vec<FieldChange> {
    let ages = |a: &Option<AgeRange>| a.map(|a| format!("{}–{}", a.from, a.to)).unwrap_or_default();
    let text = |label, b: &str, a: &str| {
        (b != a).then(|| FieldChange {
            label,
            before: FieldValue::Text(b.to_owned()),
            after: FieldValue::Text(a.to_owned()),
        })
    };
    [
        text("directory.name", &before.name, &after.name),
        (before.kind != after.kind).then_some(FieldChange {
            label: "directory.kind",
            before: FieldValue::Kind(before.kind),
            after: FieldValue::Kind(after.kind),
        }),
        (before.country != after.country).then_some(FieldChange {
            label: "directory.country",
            before: FieldValue::Country(before.country),
            after: FieldValue::Country(after.country),
        }),
        text("directory.offers", &before.offers, &after.offers),
        text("directory.address", &before.address, &after.address),
        text("directory.phone", &before.phone, &after.phone),
        text("directory.hours", &before.hours, &after.hours),
        text("directory.languages", &before.languages.join(", "), &after.languages.join(", ")),
        text("directory.ages", &ages(&before.ages), &ages(&after.ages)),
    ]
    .into_iter()
    .flatten()
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: &str, name: &str) -> Organisation {
        Organisation {
            id: id.into(),
            name: name.into(),
            kind: ServiceKind::Gbv,
            country: Country::Mexico,
            offers: "Atención psicológica".into(),
            address: String::new(),
            phone: String::new(),
            hours: "L-V 9-17".into(),
            languages: vec!["español".into()],
            ages: Some(AgeRange { from: 12, to: 17 }),
        }
    }

    #[test]
    fn a_directory_round_trips_through_its_file() {
        let d = Directory { organisations: vec![org("a1", "Casa A"), org("b2", "Clínica B")] };
        assert_eq!(Directory::from_file(&d.to_file()), Ok(d.clone()));
        assert_eq!(d.services(Country::Mexico, ServiceKind::Gbv).len(), 2);
        assert!(d.services(Country::Guatemala, ServiceKind::Gbv).is_empty());
    }

    #[test]
    fn bad_files_are_refused_whole_with_a_reason() {
        let good = Directory { organisations: vec![org("a1", "Casa A")] }.to_file();
        assert_eq!(Directory::from_file("not json"), Err(DirectoryError::NotADirectory));
        assert_eq!(Directory::from_file(r#"{"cases": []}"#), Err(DirectoryError::NotADirectory));
        assert_eq!(
            Directory::from_file(&good.replace("\"version\": 1", "\"version\": 9")),
            Err(DirectoryError::NewerVersion { found: 9 })
        );
        let blank = good.replace("\"Casa A\"", "\"  \"");
        assert_eq!(
            Directory::from_file(&blank),
            Err(DirectoryError::BadEntry { index: 1, problem: EntryProblem::MissingName })
        );
        let kind = good.replace("\"gbv\"", "\"spa\"");
        assert_eq!(Directory::from_file(&kind).map_err(|e| e.entry()), Err(Some(1)));
        let ages = good.replace("\"from\": 12", "\"from\": 16").replace("\"to\": 17", "\"to\": 3");
        assert_eq!(
            Directory::from_file(&ages),
            Err(DirectoryError::BadEntry { index: 1, problem: EntryProblem::AgesOutOfOrder })
        );
        let twice = Directory { organisations: vec![org("a1", "Casa A"), org("a1", "Casa A2")] };
        assert!(Directory::from_file(&twice.to_file()).is_err());
        let many = Directory {
            organisations: (0..=MAX_ORGANISATIONS).map(|i| org(&format!("o{i}"), "X")).collect(),
        };
        assert_eq!(
            Directory::from_file(&many.to_file()),
            Err(DirectoryError::TooMany { count: MAX_ORGANISATIONS + 1 })
        );
        for e in [DirectoryError::NotADirectory, DirectoryError::DuplicateId { id: "a".into() }] {
            assert!(e.message_key().starts_with("directory.error."));
        }
    }

    #[test]
    fn an_import_is_previewed_then_merged_by_id_keeping_local_entries() {
        let mut mine = Directory { organisations: vec![org("a1", "Casa A"), org("local", "Mine")] };
        let mut changed = org("a1", "Casa A");
        changed.hours = "24 h".into();
        let incoming = Directory {
            organisations: vec![changed.clone(), org("n9", "Nueva"), org("local", "Mine")],
        };
        let preview = mine.preview(&incoming);
        assert_eq!(preview.added, ["Nueva"]);
        assert_eq!(preview.changed, ["Casa A"]);
        assert_eq!(preview.unchanged, 1);
        assert_eq!(preview.changes.len(), 1);
        mine.merge(incoming);
        assert_eq!(mine.organisations.len(), 3);
        assert_eq!(mine.organisations[0], changed);
        assert!(mine.remove("n9") && !mine.remove("n9"));
        let mut bad = org("x", " ");
        assert_eq!(mine.upsert(bad.clone()), Err(EntryProblem::MissingName));
        bad.name = "Ok".into();
        assert_eq!(mine.upsert(bad), Ok(()));
    }

    #[test]
    fn an_import_shows_every_changed_field_side_by_side() {
        let mut trusted = org("a1", "Casa A");
        trusted.phone = "+52 55 0000 0001".into();
        trusted.address = "Calle 1".into();
        let here = Directory { organisations: vec![trusted.clone(), org("b2", "Clínica B")] };
        let mut swapped = trusted.clone();
        swapped.phone = "+52 55 9999 9999".into();
        swapped.address = "Otra calle".into();
        swapped.country = Country::Guatemala;
        let file = Directory { organisations: vec![swapped, org("b2", "Clínica B")] };
        let p = here.preview(&file);
        assert_eq!(p.unchanged, 1);
        assert_eq!(p.changes.len(), 1);
        let c = &p.changes[0];
        assert_eq!(c.name, "Casa A");
        let labels: Vec<&str> = c.fields.iter().map(|f| f.label).collect();
        assert_eq!(labels, ["directory.country", "directory.address", "directory.phone"]);
        assert_eq!(c.fields[2].before, FieldValue::Text("+52 55 0000 0001".into()));
        assert_eq!(c.fields[2].after, FieldValue::Text("+52 55 9999 9999".into()));
        assert_eq!(c.fields[0].after, FieldValue::Country(Country::Guatemala));
    }

    #[test]
    fn a_file_too_large_is_refused_before_it_is_read() {
        let big =
            format!(r#"{{"format":"senda-directory","pad":"{}"}}"#, "x".repeat(MAX_FILE_BYTES));
        assert_eq!(Directory::from_file(&big), Err(DirectoryError::TooLarge { bytes: big.len() }));
        assert_eq!(
            DirectoryError::TooLarge { bytes: 1 }.message_key(),
            "directory.error.too_large"
        );
    }
}
