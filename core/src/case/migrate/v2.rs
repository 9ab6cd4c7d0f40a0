//! Schema version 2 (2026, before casework was recorded), frozen as its one step to version 3:
//! a v2 record is a v3 record without `casework`, which the step adds empty (then `v3` goes on).

use super::MigrationError;
use crate::case::record::Case;
use serde_json::{json, Value};

/// Upgrades a version-2 record. Errors name `version`, the version the record was written in
/// (2, or 1 for a record that came through `v1`).
pub(super) fn into_v3(mut record: Value, version: u32) -> Result<Case, MigrationError> {
    let Some(fields) = record.as_object_mut() else {
        return Err(MigrationError::NotAnObject);
    };
    if fields.contains_key("casework") {
        return Err(MigrationError::WrongShape {
            version,
            detail: format!("field `casework` did not exist in version {version}"),
        });
    }
    fields.insert("schema_version".into(), json!(3));
    fields.insert(
        "casework".into(),
        json!({
            "interview": { "interviewer": "", "interpreter": "", "language": "" },
            "panel": [],
            "conferences": [],
            "bid_reviews": [],
            "consent_explanations": {}
        }),
    );
    super::v3::into_v4(record, version)
}
