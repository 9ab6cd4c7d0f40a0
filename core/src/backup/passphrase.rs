//! The rules for a backup's passphrase, stated on the backup screen. Stricter than the vault's
//! passcode: a backup file leaves the phone, and whoever holds a copy can guess at it without
//! limit and without the vault's wipe, so a PIN is not enough.

use crate::vault::passcode::{check_passcode, PasscodeProblem, MIN_PASSPHRASE_CHARS};

/// One rule a backup passphrase breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BackupPassphraseProblem {
    /// Only digits: a PIN, which falls to offline guessing within minutes.
    DigitsOnly { min: usize },
    /// One of the vault passcode's rules (length, runs, repeats, well-known words…).
    Passcode(PasscodeProblem),
}

impl BackupPassphraseProblem {
    /// Key of the message shown for this problem.
    pub fn message_key(&self) -> &'static str {
        match self {
            BackupPassphraseProblem::DigitsOnly { .. } => "backup.passphrase.digits_only",
            BackupPassphraseProblem::Passcode(p) => p.message_key(),
        }
    }

    /// The limit its message names as `{min}` or `{max}`, if any.
    pub fn limit(&self) -> Option<usize> {
        match self {
            BackupPassphraseProblem::DigitsOnly { min }
            | BackupPassphraseProblem::Passcode(PasscodeProblem::PassphraseTooShort { min })
            | BackupPassphraseProblem::Passcode(PasscodeProblem::PinTooShort { min }) => Some(*min),
            BackupPassphraseProblem::Passcode(PasscodeProblem::TooLong { max }) => Some(*max),
            BackupPassphraseProblem::Passcode(_) => None,
        }
    }
}

/// The rules as the backup screen states them (message keys; `{min}` is the shortest length).
pub const BACKUP_PASSPHRASE_RULES: [&str; 3] = [
    "backup.passphrase.rule.phrase",
    "vault.passcode.rule.not_guessable",
    "backup.passphrase.rule.keep",
];

/// The shortest passphrase a backup accepts.
pub const MIN_BACKUP_PASSPHRASE_CHARS: usize = MIN_PASSPHRASE_CHARS;

/// Every rule `passphrase` breaks; empty when it may protect a backup.
pub fn check_backup_passphrase(passphrase: &str) -> Vec<BackupPassphraseProblem> {
    let digits_only = !passphrase.is_empty() && passphrase.bytes().all(|b| b.is_ascii_digit());
    let mut problems = Vec::new();
    if digits_only {
        problems.push(BackupPassphraseProblem::DigitsOnly { min: MIN_BACKUP_PASSPHRASE_CHARS });
    }
    problems.extend(
        check_passcode(passphrase)
            .into_iter()
            .filter(|p| !matches!(p, PasscodeProblem::PinTooShort { .. }))
            .map(BackupPassphraseProblem::Passcode),
    );
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_phrase_passes_and_a_pin_never_does() {
        assert_eq!(check_backup_passphrase("lluvia sobre el puerto"), vec![]);
        assert_eq!(
            check_backup_passphrase("84920175366"),
            vec![BackupPassphraseProblem::DigitsOnly { min: 10 }],
            "a long PIN the vault would accept"
        );
        assert_eq!(
            check_backup_passphrase("8492"),
            vec![BackupPassphraseProblem::DigitsOnly { min: 10 }],
            "reported once, as digits only, not also as a short PIN"
        );
    }

    #[test]
    fn the_vault_rules_apply_too() {
        assert_eq!(
            check_backup_passphrase(""),
            vec![BackupPassphraseProblem::Passcode(PasscodeProblem::Empty)]
        );
        assert_eq!(
            check_backup_passphrase("corto"),
            vec![BackupPassphraseProblem::Passcode(PasscodeProblem::PassphraseTooShort {
                min: 10
            })]
        );
        assert!(check_backup_passphrase("abcdefghijkl")
            .contains(&BackupPassphraseProblem::Passcode(PasscodeProblem::Sequence)));
        assert!(check_backup_passphrase(" lluvia sobre el puerto")
            .contains(&BackupPassphraseProblem::Passcode(PasscodeProblem::SpaceAtEdge)));
    }

    #[test]
    fn every_problem_names_its_message_and_limit() {
        let short =
            BackupPassphraseProblem::Passcode(PasscodeProblem::PassphraseTooShort { min: 10 });
        assert_eq!(short.message_key(), "vault.passcode.passphrase_too_short");
        assert_eq!(short.limit(), Some(10));
        let digits = BackupPassphraseProblem::DigitsOnly { min: 10 };
        assert_eq!(digits.message_key(), "backup.passphrase.digits_only");
        assert_eq!(digits.limit(), Some(10));
        assert_eq!(BackupPassphraseProblem::Passcode(PasscodeProblem::Sequence).limit(), None);
    }
}
