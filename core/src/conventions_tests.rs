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
