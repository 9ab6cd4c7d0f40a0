//! What a backup holds once decrypted: the cases as JSON, written out, and read back under
//! limits that make a hostile file fail with a clear error before it can exhaust the phone.

use super::{BackupError, MAX_BACKUP_BYTES};
use crate::case::{describe_serde_error, migrate, Case};
use chrono::{DateTime, Utc};
use serde::de::{Deserializer, IgnoredAny, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt;

/// The most cases one backup may hold: five times the 2,000 one phone is sized for. It bounds
/// the restore preview a worker must read through, and the work a hostile file can cause.
pub const MAX_CASES: usize = 10_000;

/// The deepest JSON nesting accepted. A backup nests about 8 levels deep; anything far deeper
/// was not written by Senda. Checked by a byte scan before parsing, well below serde_json's own
/// recursion limit (128), so no input can exhaust the stack.
pub const MAX_NESTING: usize = 32;

/// A backup's decrypted contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupContents {
    /// When the backup was made, to show the user before restoring.
    pub made_at: DateTime<Utc>,
    /// Every case, migrated to the current schema, in the order of the file.
    pub cases: Vec<Case>,
}

#[derive(Serialize)]
struct PayloadOut<'a> {
    made_at: DateTime<Utc>,
    cases: &'a [Case],
}

#[derive(Deserialize)]
struct PayloadIn {
    made_at: DateTime<Utc>,
    cases: MigratedCases,
}

/// The `cases` list, each record migrated as soon as it is read, so that only one record at a
/// time is held as loose JSON. The first problem is kept, and the rest of the list is then only
/// counted, so that the caller gets our own error rather than serde's.
#[derive(Default)]
struct MigratedCases {
    cases: Vec<Case>,
    count: usize,
    failure: Option<BackupError>,
}

impl<'de> Deserialize<'de> for MigratedCases {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(CasesVisitor)
    }
}

struct CasesVisitor;

impl<'de> Visitor<'de> for CasesVisitor {
    type Value = MigratedCases;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of case records")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<MigratedCases, A::Error> {
        let mut out = MigratedCases::default();
        let mut seen = BTreeSet::new();
        loop {
            if out.failure.is_some() || out.count >= MAX_CASES {
                match seq.next_element::<IgnoredAny>()? {
                    Some(_) => out.count += 1,
                    None => return Ok(out),
                }
                continue;
            }
            let Some(record) = seq.next_element::<Value>()? else {
                return Ok(out);
            };
            let index = out.count;
            out.count += 1;
            match migrate(record) {
                Ok(case) if !seen.insert(case.id()) => {
                    out.failure = Some(BackupError::DuplicateCase { id: case.id() });
                }
                Ok(case) => out.cases.push(case),
                Err(error) => out.failure = Some(BackupError::InvalidCase { index, error }),
            }
        }
    }
}

/// The plaintext of a backup of `cases`. Refused if it would be larger than any reader accepts:
/// better to know when making the backup than when it is needed.
pub fn encode_payload(cases: &[Case], made_at: DateTime<Utc>) -> Result<Vec<u8>, BackupError> {
    if cases.len() > MAX_CASES {
        return Err(BackupError::TooManyCases { count: cases.len() });
    }
    let bytes = serde_json::to_vec(&PayloadOut { made_at, cases })
        .map_err(|_| BackupError::EncodeFailed)?;
    // Leave room for the envelope's header and tag within the file limit.
    if bytes.len() > MAX_BACKUP_BYTES - 1024 {
        return Err(BackupError::TooLarge { size: bytes.len() });
    }
    Ok(bytes)
}

/// Reads a decrypted backup: size, nesting, JSON and shape, then every case (migrated from its
/// own schema version), their number and their ids. Any problem refuses the whole backup, so a
/// restore never goes ahead on part of a file; a count over `MAX_CASES` is reported first.
pub fn parse_payload(bytes: &[u8]) -> Result<BackupContents, BackupError> {
    if bytes.len() > MAX_BACKUP_BYTES {
        return Err(BackupError::TooLarge { size: bytes.len() });
    }
    if nests_deeper_than(bytes, MAX_NESTING) {
        return Err(BackupError::TooDeeplyNested);
    }
    let payload: PayloadIn = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => {
            BackupError::PayloadWrongShape { detail: describe_serde_error(&e) }
        }
        _ => BackupError::PayloadNotJson,
    })?;
    let MigratedCases { cases, count, failure } = payload.cases;
    if count > MAX_CASES {
        return Err(BackupError::TooManyCases { count });
    }
    if let Some(failure) = failure {
        return Err(failure);
    }
    Ok(BackupContents { made_at: payload.made_at, cases })
}

/// Whether JSON text opens more than `max` arrays or objects inside one another. Brackets
/// inside strings do not count; malformed text is left for the parser to report.
fn nests_deeper_than(json: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in json {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests;
