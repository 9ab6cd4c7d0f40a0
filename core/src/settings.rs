//! The user's device settings (not personal data) and how they are read back from storage,
//! falling back to defaults when what is stored is missing, corrupt or from an unknown version.

use crate::locale::Locale;
use serde::{Deserialize, Serialize};

/// Version of the stored settings format; bump it and add a migration when the shape changes.
pub const SETTINGS_VERSION: u32 = 1;

/// Settings kept on the device in plain storage. Nothing here may identify a child or a worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub version: u32,
    pub locale: Locale,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { version: SETTINGS_VERSION, locale: Locale::default() }
    }
}

/// What reading stored settings gave: the settings to use, and whether storage must be
/// rewritten because what was there could not be used as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub settings: Settings,
    pub rewrite: bool,
}

/// Reads settings from their stored JSON. Missing → defaults (nothing to rewrite); corrupt,
/// wrong-typed or of a future version → defaults, and the caller rewrites storage.
pub fn load(stored: Option<&str>) -> Loaded {
    let Some(raw) = stored else {
        return Loaded { settings: Settings::default(), rewrite: false };
    };
    match serde_json::from_str::<Settings>(raw) {
        Ok(s) if s.version == SETTINGS_VERSION => Loaded { settings: s, rewrite: false },
        _ => Loaded { settings: Settings::default(), rewrite: true },
    }
}

/// The JSON that is stored for these settings.
pub fn to_json(settings: &Settings) -> String {
    // Serialising a struct of an integer and a unit enum cannot fail.
    serde_json::to_string(settings).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_stored_gives_defaults_without_rewrite() {
        assert_eq!(load(None), Loaded { settings: Settings::default(), rewrite: false });
    }

    #[test]
    fn stored_settings_round_trip() {
        let s = Settings { version: SETTINGS_VERSION, locale: Locale::Fr };
        assert_eq!(load(Some(&to_json(&s))), Loaded { settings: s, rewrite: false });
    }

    #[test]
    fn corrupt_or_foreign_values_fall_back_and_ask_for_rewrite() {
        for raw in [
            "",
            "{",
            "null",
            "[]",
            "\"es\"",
            r#"{"version":1,"locale":"xx"}"#,
            r#"{"version":1,"locale":7}"#,
            r#"{"version":99,"locale":"en"}"#,
            r#"{"locale":"en"}"#,
        ] {
            let loaded = load(Some(raw));
            assert_eq!(loaded.settings, Settings::default(), "input {raw:?}");
            assert!(loaded.rewrite, "input {raw:?} should be rewritten");
        }
    }
}
