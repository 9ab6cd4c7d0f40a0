//! A case as the team database holds it: split into section documents (so that two workers
//! editing different parts do not conflict), joined back, and the rule for each section after a
//! pull: apply, keep the local edit, list a conflict, or merge an append-only list.
//!
//! A section document's plaintext (sealed under the case key before it leaves the phone) is
//! `{"t": "section", "case": <uuid>, "s": <section>, "at": <case updated_at>, "d": {fields}}`.
//! `updated_at` is not a field of any section: every edit changes it, so it would make every
//! pair of edits a conflict; the joined case takes the latest `at` of its sections.

use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The sections of a case and the top-level fields of the stored case each one holds.
pub const SECTIONS: [(&str, &[&str]); 8] = [
    ("case", &["schema_version", "id", "created_at", "status", "risk"]),
    ("profile", &["profile"]),
    ("screening", &["screening", "flags", "referrals"]),
    ("procedure", &["procedure", "casework"]),
    ("consents", &["consents"]),
    ("notes", &["notes"]),
    ("workflow", &["workflow"]),
    ("audit", &["audit"]),
];

/// Sections a case written before a given schema version does not have: a phone that has not
/// been updated yet writes no `workflow` section (its cases are version 3, which `migrate`
/// upgrades), so joining such a case must not wait for one.
const NEWER_SECTIONS: [(&str, u64); 1] = [("workflow", 4)];

/// Sections that only ever grow (lists nothing is removed from): concurrent additions are kept
/// together without asking anyone, since nothing is chosen and nothing is lost.
pub const APPEND_ONLY: [&str; 3] = ["notes", "workflow", "audit"];

/// Why a case or a section document cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SectionError {
    NotACase,
    /// A field of the stored case that no section holds (a newer case shape).
    UnknownField(String),
    NotASection,
    UnknownSection(String),
    /// Joining needs every section; this one has not arrived yet.
    MissingSection(&'static str),
    /// The sections name different cases.
    MixedCases,
    BadTime,
}

impl SectionError {
    pub fn message_key(&self) -> &'static str {
        "sync.error.bad_document"
    }
}

/// Whether a section's name is known, as the `'static` name.
pub fn section_name(name: &str) -> Option<&'static str> {
    SECTIONS.iter().map(|(n, _)| *n).find(|n| *n == name)
}

/// The case's sections, each an object of its fields (a field absent from the case is absent).
pub fn split(case: &Value) -> Result<BTreeMap<&'static str, Value>, SectionError> {
    let fields = case.as_object().ok_or(SectionError::NotACase)?;
    if let Some(extra) = fields
        .keys()
        .find(|k| *k != "updated_at" && !SECTIONS.iter().any(|(_, f)| f.contains(&k.as_str())))
    {
        return Err(SectionError::UnknownField(extra.clone()));
    }
    let mut out = BTreeMap::new();
    for (name, names) in SECTIONS {
        let mut data = Map::new();
        for field in names {
            if let Some(v) = fields.get(*field) {
                data.insert((*field).to_owned(), v.clone());
            }
        }
        out.insert(name, Value::Object(data));
    }
    Ok(out)
}

/// The case's id as the stored case writes it.
pub fn case_id(case: &Value) -> Option<&str> {
    case.get("id").and_then(Value::as_str)
}

/// The stored case back from every section and the latest time any of them was written.
pub fn join(
    sections: &BTreeMap<&'static str, Value>,
    updated_at: DateTime<Utc>,
) -> Result<Value, SectionError> {
    let mut case = Map::new();
    let version =
        sections.get("case").and_then(|c| c.get("schema_version")).and_then(Value::as_u64);
    for (name, names) in SECTIONS {
        let Some(data) = sections.get(name) else {
            let older = NEWER_SECTIONS
                .iter()
                .any(|(n, since)| *n == name && version.is_some_and(|v| v < *since));
            if older {
                continue;
            }
            return Err(SectionError::MissingSection(name));
        };
        let data = data.as_object().ok_or(SectionError::NotASection)?;
        for (field, value) in data {
            if !names.contains(&field.as_str()) {
                return Err(SectionError::UnknownField(field.clone()));
            }
            case.insert(field.clone(), value.clone());
        }
    }
    case.insert("updated_at".into(), json!(updated_at));
    Ok(Value::Object(case))
}

/// One section document's plaintext.
#[derive(Clone, Debug, PartialEq)]
pub struct SectionDoc {
    pub case: String,
    pub section: &'static str,
    pub at: DateTime<Utc>,
    pub data: Value,
}

impl SectionDoc {
    pub fn to_json(&self) -> Value {
        json!({"t": "section", "case": self.case, "s": self.section, "at": self.at, "d": self.data})
    }

    pub fn from_json(doc: &Value) -> Result<SectionDoc, SectionError> {
        if doc.get("t").and_then(Value::as_str) != Some("section") {
            return Err(SectionError::NotASection);
        }
        let case = doc.get("case").and_then(Value::as_str).ok_or(SectionError::NotASection)?;
        let name = doc.get("s").and_then(Value::as_str).ok_or(SectionError::NotASection)?;
        let section =
            section_name(name).ok_or_else(|| SectionError::UnknownSection(name.to_owned()))?;
        let at = doc
            .get("at")
            .and_then(Value::as_str)
            .and_then(|t| t.parse::<DateTime<Utc>>().ok())
            .ok_or(SectionError::BadTime)?;
        let data = doc.get("d").filter(|d| d.is_object()).ok_or(SectionError::NotASection)?;
        Ok(SectionDoc { case: case.to_owned(), section, at, data: data.clone() })
    }
}

/// The plaintext of a case key's document (an append-only entry sealed under the team key):
/// the case key wrapped under the team key of `epoch`.
pub fn case_key_doc(case: &str, kid: &str, epoch: u32, iv_b64: &str, wrapped_b64: &str) -> Value {
    json!({"t": "case_key", "case": case, "kid": kid, "epoch": epoch, "iv": iv_b64, "w": wrapped_b64})
}

/// A section's state on this phone when a pull has finished.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SectionState<'a> {
    /// The section as the vault holds it now (`None`: the case is not on this phone).
    pub vault: Option<&'a Value>,
    /// The content of the revision the vault was last made equal to (`None`: never synced).
    pub synced: Option<&'a Value>,
    /// Whether the synced revision is itself the only live leaf.
    pub synced_is_leaf: bool,
    /// The content of the only live leaf (`None` when there are several, or none).
    pub leaf: Option<&'a Value>,
    /// How many live leaves the document has.
    pub live: usize,
}

/// What to do with one section after a pull.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PullStep {
    /// The vault already shows the only live leaf.
    Nothing,
    /// One live leaf, descending from what the vault shows (or equal to it): write it to the
    /// vault and remember it as synced.
    Apply,
    /// The vault holds an edit not yet written to the team copy: the next export writes it on
    /// top of the synced revision (a conflict if the team moved on meanwhile), never lost.
    KeepLocal,
    /// Several live leaves of an append-only list: keep every entry of all of them.
    MergeLists,
    /// Several live leaves, or a copy on this phone that never synced and differs from the
    /// team's: a person decides (the conflicts list).
    Conflict,
}

pub fn on_pull(section: &str, state: SectionState) -> PullStep {
    if state.live > 1 {
        return if APPEND_ONLY.contains(&section) {
            PullStep::MergeLists
        } else {
            PullStep::Conflict
        };
    }
    if state.live == 0 || state.synced_is_leaf {
        return PullStep::Nothing;
    }
    match (state.vault, state.synced) {
        (None, _) => PullStep::Apply,
        (Some(v), _) if Some(v) == state.leaf => PullStep::Apply,
        (Some(v), Some(s)) if v == s => PullStep::Apply,
        (Some(_), Some(_)) => PullStep::KeepLocal,
        (Some(_), None) => PullStep::Conflict,
    }
}

/// Whether the vault's section must be written to the team copy.
pub fn export_needed(vault: &Value, synced: Option<&Value>) -> bool {
    synced != Some(vault)
}

/// The union of append-only lists: every entry of `base` in order, then every entry added on
/// either side, ordered by time then text, so both phones make the same merge. `None` when a
/// side removed or changed an entry: then it is not an append-only change, and a person decides.
pub fn union_lists(base: Option<&Value>, sides: &[&Value]) -> Option<Value> {
    let empty = json!({});
    let base = base.unwrap_or(&empty).as_object()?;
    let mut merged = Map::new();
    let mut keys: Vec<&String> = base.keys().collect();
    for side in sides {
        keys.extend(side.as_object()?.keys());
    }
    keys.sort();
    keys.dedup();
    for key in keys {
        let base_list: &[Value] = match base.get(key) {
            Some(Value::Array(a)) => a,
            None => &[],
            Some(_) => return None,
        };
        let mut added: Vec<&Value> = Vec::new();
        for side in sides {
            let list: &[Value] = match side.get(key) {
                Some(Value::Array(a)) => a,
                None => &[],
                Some(_) => return None,
            };
            if list.len() < base_list.len() || list[..base_list.len()] != *base_list {
                return None;
            }
            added.extend(list[base_list.len()..].iter());
        }
        let text = |v: &Value| v.to_string();
        let time = |v: &Value| {
            ["at", "written_at"]
                .iter()
                .find_map(|f| v.get(*f).and_then(Value::as_str))
                .and_then(|t| t.parse::<DateTime<Utc>>().ok())
        };
        added.sort_by_key(|v| (time(v), text(v)));
        added.dedup();
        let mut list = base_list.to_vec();
        list.extend(added.into_iter().cloned());
        merged.insert(key.clone(), Value::Array(list));
    }
    Some(Value::Object(merged))
}

#[cfg(test)]
#[path = "case_sections_tests.rs"]
mod tests;
