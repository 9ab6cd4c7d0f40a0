//! Conventions of the code base made mechanical: dates are formatted only by `dates`, and a
//! risk level is spelled as text only in its vocabulary. Both scan the sources of the core and
//! of the app (`src/`), outside tests.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, recursively (also used by the UI-key scan in `ui_text`).
pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every source file of the core and the app with its code outside tests, by path from the root.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    for dir in ["src", "core/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    let mut out = Vec::new();
    for file in files {
        let name = file.strip_prefix(&root).unwrap_or(&file).display().to_string();
        if name.ends_with("tests.rs") || name.contains("/scenario") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("read file");
        let code = text.split("#[cfg(test)]").next().unwrap_or_default().to_owned();
        out.push((name, code));
    }
    assert!(out.len() > 100, "found only {} files: is the scan broken?", out.len());
    out
}

#[test]
fn dates_are_formatted_only_through_the_dates_module() {
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(name, _)| name != "core/src/dates.rs")
        .filter(|(_, code)| code.contains(".format(\"%"))
        .map(|(name, _)| name)
        .collect();
    assert!(
        offenders.is_empty(),
        "use senda_core::dates instead of chrono's format in {offenders:?}"
    );
}

#[test]
fn a_risk_level_is_spelled_as_text_only_in_its_vocabulary() {
    // The vocabulary itself, and the first record version's reader (a frozen format).
    let allowed = ["core/src/vocabularies.rs", "core/src/case/migrate/v0.rs"];
    let offenders: Vec<String> = sources()
        .into_iter()
        .filter(|(name, _)| !allowed.contains(&name.as_str()))
        .filter(|(_, code)| ["\"high\"", "\"medium\"", "\"low\""].iter().any(|l| code.contains(l)))
        .map(|(name, _)| name)
        .collect();
    assert!(offenders.is_empty(), "use RiskLevel's code() or name_key() in {offenders:?}");
}

/// Every `<input …/>` and `<textarea …</textarea>` written in the app's views, with its file.
fn form_fields() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (name, code) in sources().into_iter().filter(|(n, _)| n.starts_with("src/")) {
        for (open, close) in [("<input", "/>"), ("<textarea", "</textarea>")] {
            let mut rest = code.as_str();
            while let Some(at) = rest.find(open) {
                let tag = &rest[at..];
                let end = tag.find(close).map_or(tag.len(), |e| e + close.len());
                out.push((name.clone(), tag[..end].to_owned()));
                rest = &tag[end..];
            }
        }
    }
    assert!(out.len() > 30, "found only {} fields: is the scan broken?", out.len());
    out
}

/// The attributes that keep a field's text on the phone: no machine translation, no enhanced
/// spell check or autocorrection (both may send the text to a server), no capitalisation
/// guesses, no browser autofill history.
pub(crate) const PRIVATE_TEXT: [&str; 5] = [
    "translate=\"no\"",
    "spellcheck=\"false\"",
    "{crate::components::private_text::autocorrect_off()}",
    "autocapitalize=\"off\"",
    "autocomplete=\"off\"",
];

/// What tells browsers and password managers not to save or fill a passcode: a one-time-code
/// field is not a reusable credential to Chromium, Safari and Firefox, and the managers that
/// ignore that honour their own marks.
pub(crate) const NOT_A_SAVED_PASSWORD: [&str; 5] = [
    "autocomplete=\"one-time-code\"",
    "data-1p-ignore",
    "data-lpignore=\"true\"",
    "data-bwignore",
    "data-form-type=\"other\"",
];

#[test]
fn every_field_that_takes_text_keeps_it_on_the_phone() {
    let skip = [
        "type=\"radio\"",
        "type=\"checkbox\"",
        "type=\"file\"",
        "type=\"date\"",
        "type=\"number\"",
    ];
    let offenders: Vec<String> = form_fields()
        .into_iter()
        .filter(|(_, tag)| !skip.iter().any(|s| tag.contains(s)))
        .filter(|(_, tag)| !tag.contains("type=\"password\""))
        .filter(|(_, tag)| PRIVATE_TEXT.iter().any(|a| !tag.contains(a)))
        .map(|(name, tag)| format!("{name}: {}", tag.lines().next().unwrap_or_default()))
        .collect();
    assert!(offenders.is_empty(), "add {PRIVATE_TEXT:?} to {offenders:#?}");
}

#[test]
fn no_passcode_field_invites_a_password_manager() {
    let fields: Vec<(String, String)> =
        form_fields().into_iter().filter(|(_, tag)| tag.contains("type=\"password\"")).collect();
    assert!(fields.len() >= 8, "found only {} passcode fields", fields.len());
    let want = NOT_A_SAVED_PASSWORD.iter().chain(&PRIVATE_TEXT[..4]);
    let offenders: Vec<String> = fields
        .into_iter()
        .filter(|(_, tag)| want.clone().any(|a| !tag.contains(a)))
        .map(|(name, tag)| format!("{name}: {}", tag.lines().next().unwrap_or_default()))
        .collect();
    assert!(offenders.is_empty(), "mark {offenders:#?} with {NOT_A_SAVED_PASSWORD:?}");
}
