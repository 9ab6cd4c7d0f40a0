//! Child mode's rules: what is kept on the device (only "child mode is on" and the idle time —
//! nothing personal), which paths a child may see, and when idleness sends the screens back to
//! their start.

use serde::{Deserialize, Serialize};

/// Version of the stored child-mode record.
pub const CHILD_MODE_VERSION: u32 = 1;

/// Idle minutes before the child screens go back to their start, by default and allowed.
pub const DEFAULT_IDLE_MINUTES: u32 = 3;
pub const IDLE_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=30;

/// What plain storage keeps about child mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChildMode {
    pub version: u32,
    /// Whether the app shows only the child screens (survives a reload).
    pub on: bool,
    /// Minutes without a touch before the child screens return to their start.
    pub idle_minutes: u32,
}

impl Default for ChildMode {
    fn default() -> Self {
        ChildMode { version: CHILD_MODE_VERSION, on: false, idle_minutes: DEFAULT_IDLE_MINUTES }
    }
}

/// Reads the stored record. Nothing stored → defaults; anything unusable → defaults, except
/// that a record that still says `"on": true` keeps child mode on: when in doubt, the phone
/// stays on the child screens rather than opening the staff ones.
pub fn load(stored: Option<&str>) -> ChildMode {
    let Some(raw) = stored else { return ChildMode::default() };
    match serde_json::from_str::<ChildMode>(raw) {
        Ok(m) if m.version == CHILD_MODE_VERSION => {
            ChildMode { idle_minutes: clamp_idle(m.idle_minutes), ..m }
        }
        _ => {
            let on = serde_json::from_str::<serde_json::Value>(raw)
                .ok()
                .and_then(|v| v.get("on").and_then(serde_json::Value::as_bool))
                .unwrap_or(false);
            ChildMode { on, ..ChildMode::default() }
        }
    }
}

/// The JSON stored for this record.
pub fn to_json(mode: &ChildMode) -> String {
    serde_json::to_string(mode).unwrap_or_default()
}

/// An idle time within the allowed range.
pub fn clamp_idle(minutes: u32) -> u32 {
    minutes.clamp(*IDLE_MINUTES_RANGE.start(), *IDLE_MINUTES_RANGE.end())
}

/// Whether the child screens should go back to their start: the idle time has passed since
/// the last touch (times in milliseconds).
pub fn idle_expired(last_activity_ms: f64, now_ms: f64, idle_minutes: u32) -> bool {
    now_ms - last_activity_ms >= f64::from(clamp_idle(idle_minutes)) * 60_000.0
}

/// The child screens' paths (relative to the deployment base); everything else is staff-only.
pub const CHILD_PATHS: [&str; 2] = ["/child", "/children"];

/// Whether `path` (relative to the deployment base, query and fragment allowed) may be shown in
/// child mode.
pub fn allowed_in_child_mode(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let path = path.trim_end_matches('/');
    CHILD_PATHS.contains(&path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_round_trip() {
        assert_eq!(load(None), ChildMode { version: 1, on: false, idle_minutes: 3 });
        let m = ChildMode { version: 1, on: true, idle_minutes: 10 };
        assert_eq!(load(Some(&to_json(&m))), m);
    }

    #[test]
    fn unusable_records_fall_back_but_keep_child_mode_on() {
        for raw in ["", "{", "null", "[]", r#"{"version":9,"on":false,"idle_minutes":3}"#] {
            assert_eq!(load(Some(raw)), ChildMode::default(), "{raw:?}");
        }
        // Damaged but still saying "on": stays on, so a reload never opens the staff screens.
        for raw in [r#"{"version":9,"on":true}"#, r#"{"on":true,"idle_minutes":"x"}"#] {
            assert!(load(Some(raw)).on, "{raw:?}");
        }
    }

    #[test]
    fn idle_time_is_clamped_to_its_range() {
        assert_eq!(load(Some(r#"{"version":1,"on":false,"idle_minutes":0}"#)).idle_minutes, 1);
        assert_eq!(load(Some(r#"{"version":1,"on":false,"idle_minutes":500}"#)).idle_minutes, 30);
        assert_eq!(clamp_idle(7), 7);
    }

    #[test]
    fn idle_expires_after_the_configured_minutes() {
        let t0 = 1_000_000.0;
        assert!(!idle_expired(t0, t0 + 179_999.0, 3));
        assert!(idle_expired(t0, t0 + 180_000.0, 3));
        assert!(!idle_expired(t0, t0 + 9.0 * 60_000.0, 10));
        // Out-of-range settings are clamped, never "never".
        assert!(idle_expired(t0, t0 + 31.0 * 60_000.0, 999));
    }

    #[test]
    fn only_child_paths_are_allowed_in_child_mode() {
        for ok in ["/child", "/children", "/children/", "/child?x=1", "/children#top"] {
            assert!(allowed_in_child_mode(ok), "{ok}");
        }
        for staff in [
            "/",
            "",
            "/cases",
            "/cases/abc",
            "/settings",
            "/guide/first",
            "/childrenx",
            "/child/../cases",
        ] {
            assert!(!allowed_in_child_mode(staff), "{staff}");
        }
    }
}
