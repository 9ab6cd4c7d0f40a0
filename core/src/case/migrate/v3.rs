//! Schema version 3 (2026, before team workflows), frozen as its one step to version 4: a v3
//! record is a v4 record without `workflow`, which the step adds empty.

use super::{describe, MigrationError};
use crate::case::record::{Case, CASE_SCHEMA_VERSION};
use serde_json::{json, Value};

/// Upgrades a version-3 record. Errors name `version`, the version the record was written in
/// (3, or an older one for a record that came through the earlier steps).
pub(super) fn into_v4(mut record: Value, version: u32) -> Result<Case, MigrationError> {
    let Some(fields) = record.as_object_mut() else {
        return Err(MigrationError::NotAnObject);
    };
    if fields.contains_key("workflow") {
        return Err(MigrationError::WrongShape {
            version,
            detail: format!("field `workflow` did not exist in version {version}"),
        });
    }
    fields.insert("schema_version".into(), json!(CASE_SCHEMA_VERSION));
    fields.insert("workflow".into(), json!([]));
    serde_json::from_value(record)
        .map_err(|e| MigrationError::WrongShape { version, detail: describe(&e) })
}
