//! The parts the interface strings are split into: the shell's, built into the first load, and one per area, fetched with that area's screens.

use crate::locale::Locale;

/// One file of strings per locale. The shell's (`content/ui/<locale>.json`) holds what the app
/// frame, Home and the lazy-screen fallback show, and the locale's review status; `Common`
/// (`content/ui/common/<locale>.json`) what screens of several areas show; each area's own file
/// (`content/ui/<area>/<locale>.json`) what only that area's screens show. A key lives in one
/// part only; the tests in `ui_text` check each screen finds its keys in the parts it loads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    Shell,
    Common,
    Cases,
    FirstContact,
    Guide,
    Children,
    Reference,
    Settings,
    Training,
}

impl Part {
    pub const ALL: [Part; 9] = [
        Part::Shell,
        Part::Common,
        Part::Cases,
        Part::FirstContact,
        Part::Guide,
        Part::Children,
        Part::Reference,
        Part::Settings,
        Part::Training,
    ];

    /// The folder of the part's files under `content/ui/` (none for the shell).
    pub fn folder(self) -> Option<&'static str> {
        match self {
            Part::Shell => None,
            Part::Common => Some("common"),
            Part::Cases => Some("cases"),
            Part::FirstContact => Some("first_contact"),
            Part::Guide => Some("guide"),
            Part::Children => Some("children"),
            Part::Reference => Some("reference"),
            Part::Settings => Some("settings"),
            Part::Training => Some("training"),
        }
    }

    /// The path of the part's file for `locale`, from the build's root.
    pub fn path(self, locale: Locale) -> String {
        match self.folder() {
            None => format!("content/ui/{}.json", locale.code()),
            Some(folder) => format!("content/ui/{folder}/{}.json", locale.code()),
        }
    }

    /// Its position in [`Part::ALL`].
    pub fn index(self) -> usize {
        Part::ALL.iter().position(|p| *p == self).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_part_has_its_own_file_per_locale() {
        let mut paths: Vec<String> =
            Part::ALL.iter().flat_map(|p| Locale::ALL.map(|l| p.path(l))).collect();
        assert_eq!(Part::Shell.path(Locale::En), "content/ui/en.json");
        assert_eq!(Part::Cases.path(Locale::Fr), "content/ui/cases/fr.json");
        let n = paths.len();
        paths.sort();
        paths.dedup();
        assert_eq!(paths.len(), n);
        for (i, p) in Part::ALL.iter().enumerate() {
            assert_eq!(p.index(), i);
        }
    }
}
