//! Schema version 0, the pilot's first draft of a case record, frozen: how to read it and its
//! one step to version 1.
//!
//! Read by hand from the JSON object rather than through a derived deserializer: old records
//! are read rarely, and this costs about 10 KB less of the gzipped wasm build.

use super::MigrationError;
use crate::case::audit::{AuditAction, AuditEvent, WorkerLabel};
use crate::case::child::{Accompaniment, ChildProfile, FirstContact, Sex};
use crate::case::procedure::{ItemId, ItemState, ProcedureProgress};
use crate::case::record::{Case, CurrentSchema, FlagId, Note};
use crate::case::status::{CaseStatus, Risk, RiskLevel};
use crate::vocabulary::{AccompanimentStatus, Country};
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// A version-0 record (2025 pilot). It had one `name` field for name or alias, a bare `age`,
/// sex as a letter, a yes/no "unaccompanied", free-text `notes`, checklist items as done/not
/// done, and no consents, gender, documents, care arrangement, closure reason or audit trail.
///
/// ```json
/// {"schema_version": 0, "id": "<uuid>", "created": "<RFC 3339>", "modified": "<RFC 3339>",
///  "name": "…", "age": 15 | null, "sex": "F" | "M" | "", "nationality": "…",
///  "country": "<ISO code>" | "", "place": "…", "unaccompanied": true,
///  "status": "open" | "closed", "risk": "low" | "medium" | "high" | null,
///  "flags": ["<flag id>", …], "notes": "…", "checklist": {"<item id>": true, …}}
/// ```
pub(super) struct CaseV0 {
    id: Uuid,
    created: DateTime<Utc>,
    modified: DateTime<Utc>,
    name: String,
    age: Option<u8>,
    sex: String,
    nationality: String,
    country: String,
    place: String,
    unaccompanied: bool,
    closed: bool,
    risk: Option<RiskLevel>,
    flags: Vec<String>,
    notes: String,
    /// The ids of the items marked done (v0 also stored `false` for items not done).
    done: Vec<String>,
}

/// Reads a version-0 record; a missing or wrong-typed field is named in the error, its value never.
pub(super) fn read(record: &Value) -> Result<CaseV0, MigrationError> {
    let Some(fields) = record.as_object() else {
        return Err(MigrationError::NotAnObject);
    };
    let r = Fields(fields);
    Ok(CaseV0 {
        id: r.parsed("id", "a UUID")?,
        created: r.parsed("created", "a date and time")?,
        modified: r.parsed("modified", "a date and time")?,
        name: r.text("name")?,
        age: match r.get("age")? {
            Value::Null => None,
            v => Some(
                v.as_u64()
                    .and_then(|n| u8::try_from(n).ok())
                    .ok_or_else(|| wrong("age", "a whole number from 0 to 255, or null"))?,
            ),
        },
        sex: r.text("sex")?,
        nationality: r.text("nationality")?,
        country: r.text("country")?,
        place: r.text("place")?,
        unaccompanied: r
            .get("unaccompanied")?
            .as_bool()
            .ok_or_else(|| wrong("unaccompanied", "true or false"))?,
        closed: match r.get("status")?.as_str() {
            Some("open") => false,
            Some("closed") => true,
            _ => return Err(wrong("status", "\"open\" or \"closed\"")),
        },
        risk: match r.get("risk")? {
            Value::Null => None,
            v => Some(match v.as_str() {
                Some("low") => RiskLevel::Low,
                Some("medium") => RiskLevel::Medium,
                Some("high") => RiskLevel::High,
                _ => return Err(wrong("risk", "\"low\", \"medium\", \"high\" or null")),
            }),
        },
        flags: r
            .get("flags")?
            .as_array()
            .and_then(|flags| flags.iter().map(|f| f.as_str().map(str::to_owned)).collect())
            .ok_or_else(|| wrong("flags", "a list of texts"))?,
        notes: r.text("notes")?,
        done: {
            let items =
                r.get("checklist")?.as_object().ok_or_else(|| wrong("checklist", "an object"))?;
            let mut done = Vec::new();
            for (id, state) in items {
                match state.as_bool() {
                    Some(true) => done.push(id.clone()),
                    Some(false) => {}
                    None => return Err(wrong("checklist", "an object of true or false")),
                }
            }
            done
        },
    })
}

struct Fields<'a>(&'a Map<String, Value>);

impl Fields<'_> {
    fn get(&self, field: &str) -> Result<&Value, MigrationError> {
        self.0.get(field).ok_or_else(|| MigrationError::WrongShape {
            version: 0,
            detail: format!("missing field `{field}`"),
        })
    }

    fn text(&self, field: &str) -> Result<String, MigrationError> {
        self.get(field)?.as_str().map(str::to_owned).ok_or_else(|| wrong(field, "text"))
    }

    fn parsed<T: std::str::FromStr>(&self, field: &str, what: &str) -> Result<T, MigrationError> {
        self.get(field)?.as_str().and_then(|s| s.parse().ok()).ok_or_else(|| wrong(field, what))
    }
}

fn wrong(field: &str, expected: &str) -> MigrationError {
    MigrationError::WrongShape { version: 0, detail: format!("field `{field}` must be {expected}") }
}

impl CaseV0 {
    /// v0 → v1. Nothing is lost: a value v1 cannot hold in a field (a country outside the RCM,
    /// an unknown sex letter) is kept in a note. What v0 never recorded stays empty, and
    /// validation then asks for it (a closed case without a reason, for instance).
    pub(super) fn into_v1(self) -> Case {
        let by = WorkerLabel::not_recorded();
        let mut kept = Vec::new();
        let sex = match self.sex.trim() {
            "" => None,
            s if s.eq_ignore_ascii_case("f") => Some(Sex::Female),
            s if s.eq_ignore_ascii_case("m") => Some(Sex::Male),
            other => {
                kept.push(format!("sex: {other}"));
                None
            }
        };
        let country = match self.country.trim() {
            "" => None,
            code => Country::from_code(code).or_else(|| {
                kept.push(format!("country of first contact: {code}"));
                None
            }),
        };
        let mut profile = ChildProfile {
            // v0 could not tell a name from an alias; the worker sees it as a name and can move it.
            given_names: self.name.trim().to_owned(),
            sex,
            nationality_stated: self.nationality.trim().to_owned(),
            accompaniment: Accompaniment {
                // v0 only knew "unaccompanied or not": "not" may be separated or accompanied.
                status: if self.unaccompanied {
                    AccompanimentStatus::Unaccompanied
                } else {
                    AccompanimentStatus::NotYetKnown
                },
                with: Vec::new(),
            },
            first_contact: FirstContact { country, place: self.place.trim().to_owned() },
            ..ChildProfile::default()
        };
        profile.age.stated_years = self.age;

        let mut notes = Vec::new();
        if !self.notes.trim().is_empty() {
            let text = self.notes.trim().to_owned();
            notes.push(Note { written_at: self.modified, by: by.clone(), text });
        }
        if !kept.is_empty() {
            let text = format!("Kept from an earlier version of Senda — {}", kept.join("; "));
            notes.push(Note { written_at: self.modified, by: by.clone(), text });
        }
        let at = self.modified;
        // `extend`, not `collect`: collecting into a B-tree sorts first, which would compile a
        // sort into the wasm build that nothing else needs.
        let mut items = BTreeMap::new();
        items.extend(self.done.into_iter().map(|id| (ItemId::new(id), ItemState::Done { at })));
        let mut flags = BTreeSet::new();
        flags.extend(self.flags.into_iter().map(FlagId::new));
        let status = if self.closed {
            CaseStatus::Closed { at, reason: None, explanation: String::new() }
        } else {
            CaseStatus::Open
        };

        Case {
            schema_version: CurrentSchema,
            id: self.id,
            created_at: self.created,
            updated_at: self.modified,
            profile,
            status,
            risk: Risk { screened: self.risk, overridden: None },
            flags,
            consents: Vec::new(),
            notes,
            procedure: ProcedureProgress { items },
            // Neither v0 nor v1 had screening answers or referrals (added in v2).
            screening: Default::default(),
            referrals: Vec::new(),
            casework: crate::case::Casework::default(),
            workflow: Vec::new(),
            // v0 kept no trail; its creation is the one event known, by a worker not recorded.
            audit: vec![AuditEvent { at: self.created, by, action: AuditAction::Created }],
        }
    }
}
