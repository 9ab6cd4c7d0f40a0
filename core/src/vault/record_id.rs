//! Record ids: the only thing stored in the clear next to a record's ciphertext, so they must be
//! opaque (a uuid, never a name) — the rule below keeps anything readable out of them.

use std::fmt;

/// Longest accepted id; a hyphenated uuid is 36 characters.
pub const MAX_RECORD_ID_LEN: usize = 64;

/// Why an id cannot be used to store a record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordIdError {
    Empty,
    TooLong {
        max: usize,
    },
    /// Only ASCII letters, digits, `-` and `_`: no spaces or accents, so no names slip in.
    ForbiddenCharacter,
}

impl fmt::Display for RecordIdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RecordIdError::Empty => write!(f, "A record needs an id."),
            RecordIdError::TooLong { max } => {
                write!(f, "A record id has at most {max} characters.")
            }
            RecordIdError::ForbiddenCharacter => {
                write!(f, "A record id may hold only letters, digits, '-' and '_' (use a generated id, never a name).")
            }
        }
    }
}

/// Checks that `id` may key a stored record.
pub fn check_record_id(id: &str) -> Result<(), RecordIdError> {
    if id.is_empty() {
        return Err(RecordIdError::Empty);
    }
    if id.len() > MAX_RECORD_ID_LEN {
        return Err(RecordIdError::TooLong { max: MAX_RECORD_ID_LEN });
    }
    if !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
        return Err(RecordIdError::ForbiddenCharacter);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_uuid_is_accepted() {
        assert_eq!(check_record_id("0b6f2a4e-1c9d-4e2f-9a57-3d1c2b4a5f60"), Ok(()));
        assert_eq!(check_record_id("case_7"), Ok(()));
    }

    #[test]
    fn empty_long_and_readable_ids_are_refused() {
        assert_eq!(check_record_id(""), Err(RecordIdError::Empty));
        assert_eq!(check_record_id(&"a".repeat(65)), Err(RecordIdError::TooLong { max: 64 }));
        for id in ["María López", "ana lopez", "a/b", "x#index", "niño"] {
            assert_eq!(check_record_id(id), Err(RecordIdError::ForbiddenCharacter), "{id}");
        }
    }
}
