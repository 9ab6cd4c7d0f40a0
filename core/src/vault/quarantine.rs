//! What a damaged stored value is called when it is moved aside: which record (or the index) it
//! was, from which generation, what was wrong with it. Damage is reported, never repaired by guess.

use super::envelope::EnvelopeError;
use std::fmt;

/// What was wrong with a stored value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Damage {
    /// Whole in shape but failed authentication: changed, or sealed for another slot.
    Tampered,
    /// Shorter than any whole value, or empty.
    Truncated,
    /// Not in a format this version knows.
    UnknownFormat,
}

impl Damage {
    /// The damage a layout error stands for.
    pub fn of(error: &EnvelopeError) -> Damage {
        match error {
            EnvelopeError::Empty | EnvelopeError::Truncated { .. } => Damage::Truncated,
            EnvelopeError::UnknownFormat(_) | EnvelopeError::FutureFormat(_) => {
                Damage::UnknownFormat
            }
        }
    }

    /// The code stored with the quarantined bytes.
    pub fn code(self) -> &'static str {
        match self {
            Damage::Tampered => "tampered",
            Damage::Truncated => "truncated",
            Damage::UnknownFormat => "unknown-format",
        }
    }

    /// Reads a stored code; an unknown one is reported as an unknown format.
    pub fn from_code(code: &str) -> Damage {
        match code {
            "tampered" => Damage::Tampered,
            "truncated" => Damage::Truncated,
            _ => Damage::UnknownFormat,
        }
    }
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Damage::Tampered => "it was changed outside Senda or is damaged",
            Damage::Truncated => "it is cut short",
            Damage::UnknownFormat => "it is in a format this version of Senda does not know",
        })
    }
}

/// What was moved aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuarantinedItem {
    Record(String),
    /// The index of summaries; the records themselves are still readable one by one.
    Index,
}

/// One value moved aside, as listed to the user.
#[derive(Clone, Debug, PartialEq)]
pub struct QuarantineEntry {
    pub item: QuarantinedItem,
    pub generation: u32,
    pub damage: Damage,
    /// When it was moved aside (milliseconds since the epoch).
    pub at_ms: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_layout_errors_map_to_damage() {
        for d in [Damage::Tampered, Damage::Truncated, Damage::UnknownFormat] {
            assert_eq!(Damage::from_code(d.code()), d);
            assert!(!d.to_string().is_empty());
        }
        assert_eq!(Damage::from_code("???"), Damage::UnknownFormat);
        assert_eq!(Damage::of(&EnvelopeError::Empty), Damage::Truncated);
        assert_eq!(Damage::of(&EnvelopeError::Truncated { len: 3 }), Damage::Truncated);
        assert_eq!(Damage::of(&EnvelopeError::UnknownFormat(4)), Damage::UnknownFormat);
    }
}
