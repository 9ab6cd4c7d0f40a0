//! Schema version 1 (2026, before screening was recorded), frozen as its one step to version 2:
//! a v1 record is a v2 record without `screening` and `referrals`, which the step adds empty.

use super::MigrationError;
use serde_json::{json, Value};

/// Upgrades a version-1 record to a version-2 one (then read on by `v2`).
pub(super) fn into_v2(mut record: Value) -> Result<Value, MigrationError> {
    let Some(fields) = record.as_object_mut() else {
        return Err(MigrationError::NotAnObject);
    };
    for added in ["screening", "referrals"] {
        if fields.contains_key(added) {
            return Err(MigrationError::WrongShape {
                version: 1,
                detail: format!("field `{added}` did not exist in version 1"),
            });
        }
    }
    fields.insert("schema_version".into(), json!(2));
    fields.insert("screening".into(), json!({ "answers": {}, "updated_at": null }));
    fields.insert("referrals".into(), json!([]));
    Ok(record)
}
