//! The staff interface strings of each locale (content/ui/*.json), looked up by key with a
//! visible fallback to Spanish, plus the checks that keep the locales complete.

use crate::locale::Locale;
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// How far a locale's strings have been reviewed; shown to users in Settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Review {
    Reviewed,
    Draft,
}

/// One locale's strings as stored in its content file.
#[derive(Debug, Deserialize)]
pub struct Catalog {
    pub language: String,
    pub review: Review,
    pub review_note: String,
    pub strings: HashMap<String, String>,
}

/// The result of looking a key up: the locale's own text, Spanish standing in for a missing
/// translation (the view marks it so the gap is visible), or nothing at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text<'a> {
    Own(&'a str),
    Fallback(&'a str),
    Missing,
}

/// Spanish, the default and the fallback of every other locale, is built into the app; the
/// others are fetched at run time (only the one in use) and installed with [`install`].
const SPANISH: &str = include_str!("../../content/ui/es.json");

/// Parses one locale's file. An unreadable file is a build defect caught by the tests below, so
/// at run time it degrades to an empty catalog (every lookup then falls back) rather than a panic.
pub fn parse(json: &str) -> Result<Catalog, serde_json::Error> {
    serde_json::from_str(json)
}

fn empty(locale: Locale) -> Catalog {
    Catalog {
        language: locale.code().to_owned(),
        review: Review::Draft,
        review_note: String::new(),
        strings: HashMap::new(),
    }
}

fn slot(locale: Locale) -> &'static OnceLock<Catalog> {
    static CATALOGS: [OnceLock<Catalog>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    &CATALOGS[Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0)]
}

/// Whether `locale`'s strings are available (Spanish always is).
pub fn is_installed(locale: Locale) -> bool {
    locale == Locale::Es || slot(locale).get().is_some()
}

/// Makes a locale's strings available from its file's JSON (fetched by the app).
pub fn install(locale: Locale, json: &str) -> Result<(), serde_json::Error> {
    let catalog = parse(json)?;
    // A second install of the same locale keeps the first: both came from the same build.
    let _ = slot(locale).set(catalog);
    Ok(())
}

/// The catalog of a locale; an empty one while a fetched locale is not installed.
pub fn catalog(locale: Locale) -> &'static Catalog {
    if locale == Locale::Es {
        return slot(locale).get_or_init(|| parse(SPANISH).unwrap_or_else(|_| empty(locale)));
    }
    static NOT_YET: OnceLock<Catalog> = OnceLock::new();
    slot(locale).get().unwrap_or_else(|| NOT_YET.get_or_init(|| empty(locale)))
}

/// Looks `key` up in `locale`, falling back to Spanish.
pub fn lookup(locale: Locale, key: &str) -> Text<'static> {
    if let Some(s) = catalog(locale).strings.get(key) {
        return Text::Own(s);
    }
    match catalog(Locale::Es).strings.get(key) {
        Some(s) => Text::Fallback(s),
        None => Text::Missing,
    }
}

/// Replaces each `{name}` in `template` with its value.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |acc, (name, value)| acc.replace(&format!("{{{name}}}"), value))
}

/// Keys that Spanish (the reference locale) has and `locale` lacks, sorted.
pub fn missing_keys(locale: Locale) -> Vec<&'static str> {
    let own = &catalog(locale).strings;
    let mut missing: Vec<&str> = catalog(Locale::Es)
        .strings
        .keys()
        .filter(|k| !own.contains_key(*k))
        .map(String::as_str)
        .collect();
    missing.sort_unstable();
    missing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(locale: Locale) -> &'static str {
        match locale {
            Locale::Es => SPANISH,
            Locale::En => include_str!("../../content/ui/en.json"),
            Locale::Fr => include_str!("../../content/ui/fr.json"),
        }
    }

    /// What the app does for a chosen locale: fetch its file and install it.
    fn install_all() {
        for l in [Locale::En, Locale::Fr] {
            install(l, source(l)).unwrap_or_else(|e| panic!("{}.json: {e}", l.code()));
        }
    }

    /// The `{placeholders}` a string uses, sorted.
    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_locale_file_parses_and_names_its_language() {
        for l in Locale::ALL {
            let c = parse(source(l)).unwrap_or_else(|e| panic!("{}.json: {e}", l.code()));
            assert_eq!(c.language, l.code());
            assert!(!c.review_note.trim().is_empty(), "{}: review note", l.code());
        }
    }

    #[test]
    fn no_locale_misses_a_key() {
        install_all();
        let report: Vec<String> = Locale::ALL
            .into_iter()
            .flat_map(|l| missing_keys(l).into_iter().map(move |k| format!("{}: {k}", l.code())))
            .collect();
        assert!(report.is_empty(), "missing translations:\n{}", report.join("\n"));
    }

    #[test]
    fn no_locale_has_keys_spanish_lacks() {
        install_all();
        let es = &catalog(Locale::Es).strings;
        for l in Locale::ALL {
            let extra: Vec<_> =
                catalog(l).strings.keys().filter(|k| !es.contains_key(*k)).collect();
            assert!(extra.is_empty(), "{} has keys unknown to es: {extra:?}", l.code());
        }
    }

    #[test]
    fn no_string_is_blank_and_placeholders_match_spanish() {
        install_all();
        for l in Locale::ALL {
            for (k, v) in &catalog(l).strings {
                assert!(!v.trim().is_empty(), "{}: {k} is blank", l.code());
                let es = &catalog(Locale::Es).strings[k];
                assert_eq!(placeholders(v), placeholders(es), "{}: {k} placeholders", l.code());
            }
        }
    }

    #[test]
    fn lookup_falls_back_to_spanish_then_reports_missing() {
        install_all();
        assert_eq!(lookup(Locale::En, "nav.cases"), Text::Own("Cases"));
        assert_eq!(lookup(Locale::Es, "nav.cases"), Text::Own("Casos"));
        assert_eq!(lookup(Locale::Fr, "no.such.key"), Text::Missing);
    }

    #[test]
    fn a_fetched_locale_that_is_not_a_catalog_is_refused() {
        assert!(install(Locale::Fr, "{").is_err());
        assert!(install(Locale::En, r#"{"language":"en"}"#).is_err());
        assert!(is_installed(Locale::Es));
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(fill("Versión {version}", &[("version", "0.1.0")]), "Versión 0.1.0");
        assert_eq!(fill("{a} y {a}", &[("a", "x")]), "x y x");
        assert_eq!(placeholders("{a} y {b}"), vec!["a", "b"]);
    }

    /// Every key the views ask for (`t("…")`, `tf("…", …)` or `tr("…")`) exists: a typo fails here, not on
    /// a field worker's screen.
    #[test]
    fn every_key_used_by_the_views_exists() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../src");
        let mut used = Vec::new();
        collect_keys(&src, &mut used);
        assert!(used.len() > 20, "found only {} keys: is the scan broken?", used.len());
        let es = &catalog(Locale::Es).strings;
        let unknown: Vec<_> = used.iter().filter(|(k, _)| !es.contains_key(k)).collect();
        assert!(unknown.is_empty(), "keys used but not defined: {unknown:?}");
    }

    /// Every string literal in the code that names a message (`"vault.error.wiped"`, a
    /// validation key, a closure reason…) — however it reaches a view — exists in Spanish.
    #[test]
    fn every_message_key_in_the_code_exists() {
        let es = &catalog(Locale::Es).strings;
        let namespaces: std::collections::BTreeSet<&str> =
            es.keys().filter_map(|k| k.split('.').next()).collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = Vec::new();
        for dir in ["src", "core/src"] {
            crate::conventions_tests::rust_files(&root.join(dir), &mut files);
        }
        let mut unknown = Vec::new();
        let mut seen = 0;
        for file in files {
            let text = std::fs::read_to_string(&file).expect("read file");
            for literal in text.split('"').skip(1).step_by(2) {
                let is_key_like = literal.contains('.')
                    && literal.chars().all(|c| {
                        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.'
                    })
                    && !literal.ends_with('.')
                    && literal.split('.').next().is_some_and(|ns| namespaces.contains(ns));
                if is_key_like {
                    seen += 1;
                    if !es.contains_key(literal) {
                        unknown.push(format!("{literal} ({})", file.display()));
                    }
                }
            }
        }
        assert!(seen > 100, "found only {seen} key literals: is the scan broken?");
        assert!(unknown.is_empty(), "message keys with no text:\n{}", unknown.join("\n"));
    }

    fn collect_keys(dir: &std::path::Path, out: &mut Vec<(String, String)>) {
        for entry in std::fs::read_dir(dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                collect_keys(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read file");
                for marker in [".t(\"", ".tf(\"", ".tr(\"", ".tr_with(\""] {
                    for piece in text.split(marker).skip(1) {
                        if let Some((key, _)) = piece.split_once('"') {
                            if key.contains('.') && !key.contains(' ') {
                                out.push((key.to_owned(), path.display().to_string()));
                            }
                        }
                    }
                }
            }
        }
    }
}
