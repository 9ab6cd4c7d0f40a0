//! The staff interface strings of each locale (content/ui/, split by area into [`Part`]s), looked
//! up by key with a visible fallback to Spanish, plus the checks that keep the locales complete.

mod part;

pub use part::Part;

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

/// One locale's shell strings as stored in its file, with the locale's review status.
#[derive(Debug, Deserialize)]
pub struct Catalog {
    pub language: String,
    pub review: Review,
    pub review_note: String,
    pub strings: HashMap<String, String>,
}

impl Catalog {
    /// Every key and its text, for the content checks.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &str)> {
        self.strings.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.strings.get(key).map(String::as_str)
    }

    /// The text under `key`, or the key itself when missing (content files' tests make that a
    /// build defect, so a worker never sees it).
    pub fn text(&self, key: &str) -> String {
        self.get(key).map_or_else(|| key.to_owned(), str::to_owned)
    }
}

/// One locale's strings of an area part (`content/ui/<area>/<locale>.json`).
#[derive(Debug, Deserialize)]
struct PartFile {
    language: String,
    strings: HashMap<String, String>,
}

/// The result of looking a key up: the locale's own text, Spanish standing in for a missing
/// translation (the view marks it so the gap is visible), or nothing at all.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Text<'a> {
    Own(&'a str),
    Fallback(&'a str),
    Missing,
}

/// The Spanish shell, the default and the fallback of every other locale, is built into the app;
/// the other parts and locales are fetched at run time (only those in use) and installed with
/// [`install`] and [`install_part`].
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

fn locale_index(locale: Locale) -> usize {
    Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0)
}

fn slot(locale: Locale) -> &'static OnceLock<Catalog> {
    static CATALOGS: [OnceLock<Catalog>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    &CATALOGS[locale_index(locale)]
}

type Strings = HashMap<String, String>;

fn part_slot(locale: Locale, part: Part) -> &'static OnceLock<Strings> {
    static PARTS: [[OnceLock<Strings>; Part::ALL.len()]; 3] =
        [const { [const { OnceLock::new() }; Part::ALL.len()] }; 3];
    &PARTS[locale_index(locale)][part.index()]
}

/// The native tests see every Spanish part as built in, as a screen sees the parts it loads.
#[cfg(test)]
fn built_in(part: Part) -> Option<Strings> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(part.path(Locale::Es));
    let json = std::fs::read_to_string(path).ok()?;
    serde_json::from_str::<PartFile>(&json).ok().map(|f| f.strings)
}

/// A Spanish area part's strings; in the app only once fetched.
fn part_strings(locale: Locale, part: Part) -> Option<&'static Strings> {
    #[cfg(test)]
    if locale == Locale::Es {
        return Some(part_slot(locale, part).get_or_init(|| built_in(part).unwrap_or_default()));
    }
    part_slot(locale, part).get()
}

/// Whether `locale`'s shell strings are available (Spanish always are).
pub fn is_installed(locale: Locale) -> bool {
    locale == Locale::Es || slot(locale).get().is_some()
}

/// Whether `locale`'s strings of `part` are available.
pub fn is_part_installed(locale: Locale, part: Part) -> bool {
    match part {
        Part::Shell => is_installed(locale),
        _ => part_strings(locale, part).is_some(),
    }
}

/// Makes a locale's shell strings available from its file's JSON (fetched by the app).
pub fn install(locale: Locale, json: &str) -> Result<(), serde_json::Error> {
    let catalog = parse(json)?;
    // A second install of the same locale keeps the first: both came from the same build.
    let _ = slot(locale).set(catalog);
    Ok(())
}

/// Makes a locale's strings of `part` available from its file's JSON (fetched with the part's
/// screens). A file of another language is refused, so a mix-up cannot show it as this one.
pub fn install_part(locale: Locale, part: Part, json: &str) -> Result<(), String> {
    if part == Part::Shell {
        return install(locale, json).map_err(|e| e.to_string());
    }
    let file: PartFile = serde_json::from_str(json).map_err(|e| e.to_string())?;
    if file.language != locale.code() {
        return Err(format!("{} is not {}", file.language, locale.code()));
    }
    let _ = part_slot(locale, part).set(file.strings);
    Ok(())
}

/// The shell catalog of a locale (its review status); an empty one while a fetched locale is not
/// installed.
pub fn catalog(locale: Locale) -> &'static Catalog {
    if locale == Locale::Es {
        return slot(locale).get_or_init(|| parse(SPANISH).unwrap_or_else(|_| empty(locale)));
    }
    static NOT_YET: OnceLock<Catalog> = OnceLock::new();
    slot(locale).get().unwrap_or_else(|| NOT_YET.get_or_init(|| empty(locale)))
}

/// `key` in `locale`'s installed parts.
fn find(locale: Locale, key: &str) -> Option<&'static str> {
    if let Some(s) = catalog(locale).strings.get(key) {
        return Some(s);
    }
    Part::ALL[1..].iter().find_map(|p| part_strings(locale, *p)?.get(key)).map(String::as_str)
}

/// Looks `key` up in `locale`, falling back to Spanish.
pub fn lookup(locale: Locale, key: &str) -> Text<'static> {
    if let Some(s) = find(locale, key) {
        return Text::Own(s);
    }
    match find(Locale::Es, key) {
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

/// Keys that Spanish (the reference locale) has in the parts `locale` has installed and
/// `locale` lacks, sorted.
pub fn missing_keys(locale: Locale) -> Vec<&'static str> {
    let mut missing = Vec::new();
    for part in Part::ALL {
        let (own, es) = match part {
            Part::Shell => (&catalog(locale).strings, &catalog(Locale::Es).strings),
            _ => match (part_strings(locale, part), part_strings(Locale::Es, part)) {
                (Some(own), Some(es)) => (own, es),
                _ => continue,
            },
        };
        missing.extend(es.keys().filter(|k| !own.contains_key(*k)).map(String::as_str));
    }
    missing.sort_unstable();
    missing
}

#[cfg(test)]
mod tests;
