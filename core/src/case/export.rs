//! The readable export of one case: pretty JSON a person can read and another Senda can import,
//! produced only together with an `Exported` entry in the case's audit trail.

use super::audit::WorkerLabel;
use super::record::Case;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Names the file's format, so that it is never mistaken for another JSON file.
pub const READABLE_EXPORT_FORMAT: &str = "senda-case-export";
/// Version of the export's wrapper; the case inside carries its own `schema_version`.
pub const READABLE_EXPORT_VERSION: u32 = 1;

/// What a readable export file holds. To read one back, take `case` as JSON and pass it to
/// `migrate`: an export made by an older Senda holds a case of an older schema version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadableCaseExport {
    /// Always `READABLE_EXPORT_FORMAT`.
    pub format: String,
    /// Always `READABLE_EXPORT_VERSION` when written by this version.
    pub format_version: u32,
    /// When the file was made: whoever holds it can tell how current it is.
    pub exported_at: DateTime<Utc>,
    /// Who made it: a file outside the vault has an owner.
    pub exported_by: WorkerLabel,
    /// The whole case record, its audit trail ending with this export.
    pub case: Case,
}

/// Records the export in `case`'s audit trail and returns the readable JSON. The caller asks
/// for explicit confirmation first. If the JSON cannot be made, `case` is left unchanged.
pub fn export_readable(
    case: &mut Case,
    now: DateTime<Utc>,
    by: &WorkerLabel,
) -> Result<String, serde_json::Error> {
    let mut exported = case.clone();
    exported.record_export(now, by);
    let file = ReadableCaseExport {
        format: READABLE_EXPORT_FORMAT.to_owned(),
        format_version: READABLE_EXPORT_VERSION,
        exported_at: now,
        exported_by: by.clone(),
        case: exported,
    };
    let json = indent(&serde_json::to_string(&file)?);
    *case = file.case;
    Ok(json)
}

/// Lays compact JSON out as `serde_json::to_string_pretty` would (two-space indent). Done here
/// rather than with serde_json's pretty printer, which would compile a second serializer for
/// every type in a case into the wasm build.
fn indent(compact: &str) -> String {
    let mut out = String::with_capacity(compact.len() * 2);
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut chars = compact.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.extend(std::iter::repeat_n("  ", depth));
    };
    while let Some(c) = chars.next() {
        out.push(c);
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' | '[' => match chars.peek() {
                Some('}' | ']') => out.extend(chars.next()),
                _ => {
                    depth += 1;
                    newline(&mut out, depth);
                }
            },
            '}' | ']' => {
                out.pop();
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(c);
            }
            ',' => newline(&mut out, depth),
            ':' => out.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{AuditAction, ChildProfile};
    use chrono::TimeZone;
    use uuid::Uuid;

    #[test]
    fn exporting_records_it_and_the_file_holds_the_case_with_that_event() {
        let by = WorkerLabel::new("AO-3");
        let opened = Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).single().unwrap_or_default();
        let later = Utc.with_ymd_and_hms(2026, 3, 11, 9, 0, 0).single().unwrap_or_default();
        let profile = ChildProfile { alias: "Estrella".into(), ..ChildProfile::default() };
        let mut case = Case::new(Uuid::from_u128(7), profile, opened, &by);

        let json = export_readable(&mut case, later, &by).expect("a case serialises");

        let last = case.audit_trail().last().map(|e| (e.action, e.at));
        assert_eq!(last, Some((AuditAction::Exported, later)));
        assert!(
            json.contains("\n  \"format\": \"senda-case-export\""),
            "pretty, with its format named"
        );
        let file: ReadableCaseExport = serde_json::from_str(&json).expect("reads back");
        assert_eq!(file.format_version, READABLE_EXPORT_VERSION);
        assert_eq!(file.exported_by, by);
        assert_eq!(file.case, case, "the file holds the case exactly as the vault keeps it");
    }

    proptest::proptest! {
        #[test]
        fn indent_lays_out_json_as_serde_json_does(case in crate::case::arbitrary::case()) {
            let compact = serde_json::to_string(&case).expect("serialises");
            let pretty = serde_json::to_string_pretty(&case).expect("serialises");
            proptest::prop_assert_eq!(indent(&compact), pretty);
        }
    }

    #[test]
    fn indent_keeps_structure_characters_inside_text() {
        let compact = r#"{"a":[],"b":{},"c":"x,{[:\"]}","d":[1,{"e":null}]}"#;
        let value: serde_json::Value = serde_json::from_str(compact).expect("valid");
        assert_eq!(indent(compact), serde_json::to_string_pretty(&value).expect("serialises"));
    }
}
