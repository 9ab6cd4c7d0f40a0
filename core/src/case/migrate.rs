//! Reads a stored case record of any schema version Senda ever wrote and upgrades it to the
//! current `Case`; refuses records from a future version or of the wrong shape with a clear error.
//!
//! Each old shape is frozen in its own submodule (`v0`, `v1`, `v2`, `v3`), with one step to the next version
//! and a fixture test in `tests/fixtures/`.

use super::record::{Case, CASE_SCHEMA_VERSION};
use serde_json::Value;
use std::fmt;

mod v0;
mod v1;
mod v2;
mod v3;

/// Why a stored record could not be read as a case. Messages never quote the record's content.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MigrationError {
    /// The text is not JSON at all.
    NotJson { line: usize, column: usize },
    /// The JSON is not an object, so it cannot be a case record.
    NotAnObject,
    /// The record has no `schema_version`.
    MissingSchemaVersion,
    /// `schema_version` is not a whole number.
    InvalidSchemaVersion,
    /// Written by a newer Senda than this one.
    FutureVersion { found: u64 },
    /// Fields are missing or of the wrong type for the record's version.
    WrongShape { version: u32, detail: String },
}

impl fmt::Display for MigrationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MigrationError::NotJson { line, column } => {
                write!(f, "This case record is damaged: it is not readable data (line {line}, column {column}).")
            }
            MigrationError::NotAnObject => f.write_str("This is not a case record."),
            MigrationError::MissingSchemaVersion => {
                f.write_str("This case record does not say which version of Senda wrote it.")
            }
            MigrationError::InvalidSchemaVersion => f.write_str("This case record's version number is not valid."),
            MigrationError::FutureVersion { found } => write!(
                f,
                "This case record was written by a newer version of Senda (record version {found}; this \
                 version reads up to {CASE_SCHEMA_VERSION}). Update Senda to open it."
            ),
            MigrationError::WrongShape { version, detail } => {
                write!(f, "This case record (version {version}) is damaged or incomplete: {detail}.")
            }
        }
    }
}

impl std::error::Error for MigrationError {}

/// Reads a stored record's JSON text, of any version.
///
/// Always through `Value` and `migrate`, even for current records: every typed read of a
/// `Case` then goes through one deserializer, which keeps the wasm build smaller (a second,
/// direct path from text cost about 19 KB gzipped) for a few microseconds per record.
pub fn parse_stored(json: &str) -> Result<Case, MigrationError> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| MigrationError::NotJson { line: e.line(), column: e.column() })?;
    migrate(value)
}

/// Upgrades a stored record of any known version to the current `Case`.
pub fn migrate(record: Value) -> Result<Case, MigrationError> {
    let Value::Object(fields) = &record else {
        return Err(MigrationError::NotAnObject);
    };
    let version = fields
        .get("schema_version")
        .ok_or(MigrationError::MissingSchemaVersion)?
        .as_u64()
        .ok_or(MigrationError::InvalidSchemaVersion)?;
    match version {
        0 => v0::read(&record).map(v0::CaseV0::into_v1),
        1 => v1::into_v2(record).and_then(|v2| v2::into_v3(v2, 1)),
        2 => v2::into_v3(record, 2),
        3 => v3::into_v4(record, 3),
        4 => serde_json::from_value(record)
            .map_err(|e| MigrationError::WrongShape { version: 4, detail: describe(&e) }),
        found => Err(MigrationError::FutureVersion { found }),
    }
}

/// serde's message without any value it quotes from the record (which may be personal data);
/// field names in "missing field" messages come from our own schema and are kept.
pub(crate) fn describe(error: &serde_json::Error) -> String {
    let message = error.to_string();
    if message.starts_with("missing field") {
        return message;
    }
    let mut out = String::with_capacity(message.len());
    let mut quote: Option<char> = None;
    for ch in message.chars() {
        match (quote, ch) {
            (None, '"' | '`') => {
                quote = Some(ch);
                out.push(ch);
                out.push('…');
            }
            (Some(open), _) if ch == open => {
                quote = None;
                out.push(ch);
            }
            (Some(_), _) => {}
            (None, _) => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests;
