//! The checks that keep the interface strings complete in every locale and every part, and each
//! screen's keys in the parts it loads.

use super::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The file of `part` in `locale`, as the build ships it.
fn source(locale: Locale, part: Part) -> &'static str {
    let path = root().join(part.path(locale));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Box::leak(text.into_boxed_str())
}

/// The strings of one part's file.
fn strings_of(locale: Locale, part: Part) -> Strings {
    match part {
        Part::Shell => parse(source(locale, part)).expect("shell parses").strings,
        _ => serde_json::from_str::<PartFile>(source(locale, part)).expect("part parses").strings,
    }
}

/// What the app does for a chosen locale: fetch its files and install them.
fn install_all() {
    for l in [Locale::En, Locale::Fr] {
        for p in Part::ALL {
            install_part(l, p, source(l, p)).unwrap_or_else(|e| panic!("{}: {e}", p.path(l)));
        }
    }
}

/// Every Spanish key with the part it lives in.
fn spanish_parts() -> HashMap<String, Part> {
    let mut out = HashMap::new();
    for p in Part::ALL {
        for k in strings_of(Locale::Es, p).into_keys() {
            out.insert(k, p);
        }
    }
    out
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
        let c = parse(source(l, Part::Shell)).unwrap_or_else(|e| panic!("{}.json: {e}", l.code()));
        assert_eq!(c.language, l.code());
        assert!(!c.review_note.trim().is_empty(), "{}: review note", l.code());
        for p in &Part::ALL[1..] {
            let f: PartFile = serde_json::from_str(source(l, *p))
                .unwrap_or_else(|e| panic!("{}: {e}", p.path(l)));
            assert_eq!(f.language, l.code(), "{}", p.path(l));
        }
    }
}

#[test]
fn every_part_has_the_same_keys_in_every_locale() {
    for p in Part::ALL {
        let es: BTreeSet<String> = strings_of(Locale::Es, p).into_keys().collect();
        assert!(!es.is_empty(), "{} is empty", p.path(Locale::Es));
        for l in [Locale::En, Locale::Fr] {
            let own: BTreeSet<String> = strings_of(l, p).into_keys().collect();
            let missing: Vec<_> = es.difference(&own).collect();
            let extra: Vec<_> = own.difference(&es).collect();
            assert!(missing.is_empty(), "{} misses {missing:?}", p.path(l));
            assert!(extra.is_empty(), "{} has keys unknown to Spanish: {extra:?}", p.path(l));
        }
    }
}

#[test]
fn no_locale_misses_a_key_once_installed() {
    install_all();
    let report: Vec<String> = Locale::ALL
        .into_iter()
        .flat_map(|l| missing_keys(l).into_iter().map(move |k| format!("{}: {k}", l.code())))
        .collect();
    assert!(report.is_empty(), "missing translations:\n{}", report.join("\n"));
}

/// The keys of a file's `strings` in file order, duplicates kept (a map keeps only the last).
struct KeysInOrder(Vec<String>);

impl<'de> Deserialize<'de> for KeysInOrder {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = KeysInOrder;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an object of strings")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut m: M,
            ) -> Result<Self::Value, M::Error> {
                let mut keys = Vec::new();
                while let Some((k, _)) = m.next_entry::<String, serde::de::IgnoredAny>()? {
                    keys.push(k);
                }
                Ok(KeysInOrder(keys))
            }
        }
        d.deserialize_map(Visit)
    }
}

#[derive(Deserialize)]
struct FileKeys {
    strings: KeysInOrder,
}

/// A key written twice in one file parses silently with the last text winning, so two screens
/// that meant different things by it would show one of them wrong (seen: the case trail's
/// "transfer receipt" and the signed history's "received by transfer").
#[test]
fn no_key_is_written_twice_in_a_file() {
    for l in Locale::ALL {
        for p in Part::ALL {
            let keys = serde_json::from_str::<FileKeys>(source(l, p)).expect("parses").strings.0;
            let mut seen = BTreeSet::new();
            let twice: Vec<&String> = keys.iter().filter(|k| !seen.insert(k.as_str())).collect();
            assert!(twice.is_empty(), "{} writes {twice:?} twice", p.path(l));
        }
    }
}

#[test]
fn a_key_lives_in_one_part_only() {
    let mut seen: HashMap<String, Part> = HashMap::new();
    for p in Part::ALL {
        for k in strings_of(Locale::Es, p).into_keys() {
            if let Some(other) = seen.insert(k.clone(), p) {
                panic!("{k} is in both {} and {}", other.path(Locale::Es), p.path(Locale::Es));
            }
        }
    }
}

#[test]
fn no_string_is_blank_and_placeholders_match_spanish() {
    for p in Part::ALL {
        let es = strings_of(Locale::Es, p);
        for l in Locale::ALL {
            for (k, v) in &strings_of(l, p) {
                assert!(!v.trim().is_empty(), "{}: {k} is blank", p.path(l));
                assert_eq!(
                    placeholders(v),
                    placeholders(&es[k]),
                    "{}: {k} placeholders",
                    p.path(l)
                );
            }
        }
    }
}

#[test]
fn lookup_falls_back_to_spanish_then_reports_missing() {
    install_all();
    assert_eq!(lookup(Locale::En, "nav.cases"), Text::Own("Cases"));
    assert_eq!(lookup(Locale::Es, "nav.cases"), Text::Own("Casos"));
    let en_cases = strings_of(Locale::En, Part::Cases);
    let (key, text) = en_cases.iter().next().expect("a key");
    assert_eq!(lookup(Locale::En, key), Text::Own(text.as_str()), "an area part's own text");
    assert_eq!(lookup(Locale::Fr, "no.such.key"), Text::Missing);
}

#[test]
fn a_fetched_locale_that_is_not_a_catalog_is_refused() {
    assert!(install(Locale::Fr, "{").is_err());
    assert!(install(Locale::En, r#"{"language":"en"}"#).is_err());
    assert!(install_part(Locale::Fr, Part::Guide, "{").is_err());
    let spanish = source(Locale::Es, Part::Reference);
    assert!(install_part(Locale::Fr, Part::Reference, spanish).is_err(), "Spanish as French");
    assert!(is_installed(Locale::Es));
}

#[test]
fn fill_replaces_named_placeholders() {
    assert_eq!(fill("Versión {version}", &[("version", "0.1.0")]), "Versión 0.1.0");
    assert_eq!(fill("{a} y {a}", &[("a", "x")]), "x y x");
    assert_eq!(placeholders("{a} y {b}"), vec!["a", "b"]);
}

/// Which part a source file's keys may come from, by path from the root (first match wins):
/// `Shell` for the first load (Home, the app frame), `Common` for code several areas' screens
/// run, an area for code only that area's screens run. Every lazy screen loads `Common` and its
/// area (src/lazy_routes.rs); a key must be in the shell, `Common` or the file's own area.
const FILE_PARTS: &[(&str, Part)] = &[
    ("src/pages/home.rs", Part::Shell),
    ("src/pages/not_found.rs", Part::Shell),
    ("src/pages/cases", Part::Cases),
    ("src/pages/case_", Part::Cases),
    ("src/pages/monitoring", Part::Cases),
    ("src/pages/first_contact.rs", Part::FirstContact),
    ("src/pages/guide", Part::Guide),
    ("src/pages/child", Part::Children),
    ("src/pages/reference", Part::Reference),
    ("src/pages/glossary.rs", Part::Reference),
    ("src/pages/settings", Part::Settings),
    ("src/pages/training", Part::Training),
    ("src/pages/team_work.rs", Part::Cases),
    ("src/pages/team", Part::Settings),
    ("src/pages/handover", Part::Cases),
    ("src/components/role_gate.rs", Part::Cases),
    ("src/components/case_", Part::Cases),
    ("src/components/choice_field.rs", Part::Cases),
    ("src/components/confirm_action.rs", Part::Cases),
    ("src/components/vault_gate.rs", Part::Common),
    ("src/components/phase_flowchart.rs", Part::Common),
    ("src/components/guidance.rs", Part::Common),
    ("src/components/notices.rs", Part::Common),
    ("src/components/erased.rs", Part::Common),
    ("src/vault/", Part::Common),
    ("src/sync/", Part::Common),
    ("src/lazy_part.rs", Part::Common),
    ("src/backup_file.rs", Part::Cases),
    ("src/", Part::Shell),
    ("core/src/ui_text", Part::Shell),
    ("core/src/documents/", Part::Cases),
    ("core/src/backup", Part::Cases),
    ("core/src/case/", Part::Cases),
    ("core/src/monitoring/", Part::Cases),
    ("core/src/child/", Part::Children),
    ("core/src/reference/", Part::Reference),
    ("core/src/", Part::Common),
];

/// Keys the code builds at run time (`format!("flag.{id}")`), by prefix, and the part of the
/// code that builds them.
const BUILT_KEYS: &[(&str, Part)] = &[
    ("flag.", Part::Common),
    ("risk.", Part::Common),
    ("validation.", Part::Cases),
    ("monitoring.age.", Part::Cases),
    ("monitoring.team.band.", Part::Cases),
    ("handover.refused.", Part::Cases),
];

fn file_part(path: &str) -> Part {
    FILE_PARTS
        .iter()
        .find(|(prefix, _)| path.starts_with(prefix))
        .map(|(_, p)| *p)
        .unwrap_or_else(|| panic!("{path} is in no row of FILE_PARTS"))
}

/// Whether code of `file` (its part) finds a key of `key` (its part) loaded.
fn reaches(file: Part, key: Part) -> bool {
    key == Part::Shell || key == file || (key == Part::Common && file != Part::Shell)
}

fn source_files() -> Vec<(String, String)> {
    let mut files = Vec::new();
    for dir in ["src", "core/src"] {
        crate::conventions_tests::rust_files(&root().join(dir), &mut files);
    }
    files
        .into_iter()
        .map(|f| {
            let name = f.strip_prefix(root()).unwrap_or(&f).display().to_string();
            (name, std::fs::read_to_string(&f).expect("read file"))
        })
        .collect()
}

/// Every key a file names is in a part loaded wherever that file's code runs: a key put in the
/// wrong area's file fails here, not as a `⟦key⟧` on a field worker's screen.
#[test]
fn every_key_is_in_a_part_its_screens_load() {
    let parts = spanish_parts();
    let mut wrong = Vec::new();
    let mut seen = 0;
    for (name, text) in source_files() {
        let part = file_part(&name);
        for literal in text.split('"').skip(1).step_by(2) {
            if let Some(key_part) = parts.get(literal) {
                seen += 1;
                if !reaches(part, *key_part) {
                    wrong.push(format!(
                        "{literal} is in {} but {name} runs where only the shell{} is loaded",
                        key_part.path(Locale::Es),
                        part.folder().map(|f| format!(", common and {f}")).unwrap_or_default()
                    ));
                }
            }
        }
    }
    for (prefix, part) in BUILT_KEYS {
        for (key, key_part) in &parts {
            if key.starts_with(prefix) && !reaches(*part, *key_part) {
                wrong.push(format!(
                    "{key} (built as {prefix}…) is in {}",
                    key_part.path(Locale::Es)
                ));
            }
        }
    }
    assert!(seen > 500, "found only {seen} keys: is the scan broken?");
    assert!(wrong.is_empty(), "keys in the wrong part:\n{}", wrong.join("\n"));
}

/// Each lazy screen loads the area part of its page's code (src/lazy_routes.rs: one
/// `lazy_area!(split, Part::X => { Route => crate::pages::module::Page, … })` per area, or the
/// route's own, `Route => crate::pages::module::Page [Part::Y],`).
#[test]
fn every_lazy_screen_loads_its_pages_part() {
    let routes = std::fs::read_to_string(root().join("src/lazy_routes.rs")).expect("lazy routes");
    let mut area = None;
    let mut checked = 0;
    for line in routes.lines() {
        if let Some(rest) = line.trim_start().strip_prefix("lazy_area!(") {
            let (_, part) = rest.split_once("Part::").expect("the area's part");
            area = Some(part.split_whitespace().next().expect("part name").to_owned());
        }
        let Some((_, page)) = line.split_once("=> crate::pages::") else { continue };
        let module = page.split("::").next().expect("module");
        let file = match root().join(format!("src/pages/{module}.rs")).exists() {
            true => format!("src/pages/{module}.rs"),
            false => format!("src/pages/{module}/mod.rs"),
        };
        let expected = format!("{:?}", file_part(&file));
        let own = page.split_once("[Part::").and_then(|(_, p)| p.split(']').next());
        assert_eq!(own.or(area.as_deref()), Some(expected.as_str()), "{line}");
        checked += 1;
    }
    assert!(checked > 10, "found only {checked} lazy screens");
}

/// Every key the views ask for (`t("…")`, `tf("…", …)` or `tr("…")`) exists: a typo fails here,
/// not on a field worker's screen.
#[test]
fn every_key_used_by_the_views_exists() {
    let parts = spanish_parts();
    let mut used = Vec::new();
    for (name, text) in source_files().into_iter().filter(|(n, _)| n.starts_with("src/")) {
        for marker in [".t(\"", ".tf(\"", ".tr(\"", ".tr_with(\""] {
            for piece in text.split(marker).skip(1) {
                if let Some((key, _)) = piece.split_once('"') {
                    if key.contains('.') && !key.contains(' ') {
                        used.push((key.to_owned(), name.clone()));
                    }
                }
            }
        }
    }
    assert!(used.len() > 20, "found only {} keys: is the scan broken?", used.len());
    let unknown: Vec<_> = used.iter().filter(|(k, _)| !parts.contains_key(k)).collect();
    assert!(unknown.is_empty(), "keys used but not defined: {unknown:?}");
}

/// Every string literal in the code that names a message (`"vault.error.wiped"`, a
/// validation key, a closure reason…) — however it reaches a view — exists in Spanish.
#[test]
fn every_message_key_in_the_code_exists() {
    let parts = spanish_parts();
    let namespaces: BTreeSet<&str> = parts.keys().filter_map(|k| k.split('.').next()).collect();
    let mut unknown = Vec::new();
    let mut seen = 0;
    for (name, text) in source_files() {
        for literal in text.split('"').skip(1).step_by(2) {
            let is_key_like = literal.contains('.')
                && literal
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
                && !literal.ends_with('.')
                && literal.split('.').next().is_some_and(|ns| namespaces.contains(ns))
                // The children's screens' own words live in their content files, not here.
                && !crate::child::content::UI_KEYS.contains(&literal);
            if is_key_like {
                seen += 1;
                if !parts.contains_key(literal) {
                    unknown.push(format!("{literal} ({name})"));
                }
            }
        }
    }
    assert!(seen > 100, "found only {seen} key literals: is the scan broken?");
    assert!(unknown.is_empty(), "message keys with no text:\n{}", unknown.join("\n"));
}
