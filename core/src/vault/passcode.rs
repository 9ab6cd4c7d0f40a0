//! The passcode rules stated on the set-passcode screen, and the check that returns each rule a
//! passcode breaks as a value with its message key.
//!
//! Two kinds are accepted. A **PIN** (only digits) of at least 6 digits is quick to type in front
//! of a child and, with the wipe after 10 wrong tries, stops someone who finds the phone. A
//! **passphrase** (anything else) of at least 10 characters also resists someone who copies the
//! phone's storage and guesses offline, where the wipe cannot help: Argon2id at 64 MiB slows
//! each guess, but a million PINs still fall within minutes on one graphics card. So a
//! passphrase is the default, and a PIN is accepted only when the worker chooses it explicitly,
//! with that warning on screen (`check_chosen_passcode`). Beyond length, only what is guessed first is refused (one character repeated, a run
//! such as 123456 or abcdef, a short group repeated such as 121212, a well-known passcode, spaces
//! at either end that a phone keyboard may add or drop); no "one capital and one symbol" rules,
//! which NIST SP 800-63B advises against.

use std::fmt;

/// Fewest digits of a PIN.
pub const MIN_PIN_DIGITS: usize = 6;
/// Fewest characters of a passphrase.
pub const MIN_PASSPHRASE_CHARS: usize = 10;
/// Most characters of either.
pub const MAX_PASSCODE_CHARS: usize = 128;

/// A PIN is made of ASCII digits only; anything else is a passphrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasscodeKind {
    Pin,
    Passphrase,
}

/// One rule a passcode breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PasscodeProblem {
    Empty,
    PinTooShort {
        min: usize,
    },
    PassphraseTooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    /// Starts or ends with a space, which phone keyboards add and drop unseen.
    SpaceAtEdge,
    OneRepeatedCharacter,
    /// A run such as 123456, 987654, 890123 or abcdefghij.
    Sequence,
    /// A group of up to four characters repeated, such as 121212 or 123123.
    RepeatedGroup,
    /// Among the passcodes tried first.
    TooCommon,
    /// Digits only, but the worker has not chosen a PIN (the weaker kind) on purpose.
    PinNotChosen,
}

impl PasscodeProblem {
    /// Key of the message shown for this problem.
    pub fn message_key(&self) -> &'static str {
        match self {
            PasscodeProblem::Empty => "vault.passcode.empty",
            PasscodeProblem::PinTooShort { .. } => "vault.passcode.pin_too_short",
            PasscodeProblem::PassphraseTooShort { .. } => "vault.passcode.passphrase_too_short",
            PasscodeProblem::TooLong { .. } => "vault.passcode.too_long",
            PasscodeProblem::SpaceAtEdge => "vault.passcode.space_at_edge",
            PasscodeProblem::OneRepeatedCharacter => "vault.passcode.one_repeated_character",
            PasscodeProblem::Sequence => "vault.passcode.sequence",
            PasscodeProblem::RepeatedGroup => "vault.passcode.repeated_group",
            PasscodeProblem::TooCommon => "vault.passcode.too_common",
            PasscodeProblem::PinNotChosen => "vault.passcode.pin_not_chosen",
        }
    }
}

impl fmt::Display for PasscodeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PasscodeProblem::Empty => write!(f, "Choose a passcode."),
            PasscodeProblem::PinTooShort { min } => write!(f, "A PIN needs at least {min} digits."),
            PasscodeProblem::PassphraseTooShort { min } => {
                write!(f, "A passphrase needs at least {min} characters.")
            }
            PasscodeProblem::TooLong { max } => write!(f, "Use at most {max} characters."),
            PasscodeProblem::SpaceAtEdge => write!(f, "Do not start or end with a space."),
            PasscodeProblem::OneRepeatedCharacter => {
                write!(f, "Do not repeat one character all the way.")
            }
            PasscodeProblem::Sequence => write!(f, "Do not use a run such as 123456 or abcdef."),
            PasscodeProblem::RepeatedGroup => {
                write!(f, "Do not repeat a short group such as 121212.")
            }
            PasscodeProblem::TooCommon => {
                write!(f, "This passcode is among the first ones tried. Choose another.")
            }
            PasscodeProblem::PinNotChosen => write!(
                f,
                "Only digits is a PIN, the weaker kind: add words, or choose a PIN on purpose below."
            ),
        }
    }
}

/// A rule as the set-passcode screen states it, before anything is typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PasscodeRule {
    pub message_key: &'static str,
    pub english: &'static str,
}

/// The rules, in the order the screen states them. `{n}` is the wipe limit in force.
pub const PASSCODE_RULES: [PasscodeRule; 5] = [
    PasscodeRule {
        message_key: "vault.passcode.rule.kinds",
        english: "Use a passphrase of at least 10 characters, such as a few words; a PIN of at least 6 digits only if you choose it below.",
    },
    PasscodeRule {
        message_key: "vault.passcode.rule.prefer_passphrase",
        english: "Why: someone who copies the phone's storage can try every 6-digit PIN within minutes on one graphics card; several words hold out far longer.",
    },
    PasscodeRule {
        message_key: "vault.passcode.rule.not_guessable",
        english: "Not one character repeated, not a run like 123456, not a repeated group like 121212, not a well-known passcode.",
    },
    PasscodeRule {
        message_key: "vault.passcode.rule.no_recovery",
        english: "Nobody can recover a forgotten passcode: without it the cases cannot be read.",
    },
    PasscodeRule {
        message_key: "vault.passcode.rule.wipe",
        english: "After {n} wrong passcodes in a row, everything on this phone is erased.",
    },
];

/// Whether `passcode` is a PIN or a passphrase.
pub fn passcode_kind(passcode: &str) -> PasscodeKind {
    if !passcode.is_empty() && passcode.bytes().all(|b| b.is_ascii_digit()) {
        PasscodeKind::Pin
    } else {
        PasscodeKind::Passphrase
    }
}

/// Every rule `passcode` breaks; empty when it may be used.
pub fn check_passcode(passcode: &str) -> Vec<PasscodeProblem> {
    let chars: Vec<char> = passcode.chars().collect();
    if chars.is_empty() {
        return vec![PasscodeProblem::Empty];
    }
    let mut problems = Vec::new();
    match passcode_kind(passcode) {
        PasscodeKind::Pin if chars.len() < MIN_PIN_DIGITS => {
            problems.push(PasscodeProblem::PinTooShort { min: MIN_PIN_DIGITS })
        }
        PasscodeKind::Passphrase if chars.len() < MIN_PASSPHRASE_CHARS => {
            problems.push(PasscodeProblem::PassphraseTooShort { min: MIN_PASSPHRASE_CHARS })
        }
        _ => {}
    }
    if chars.len() > MAX_PASSCODE_CHARS {
        problems.push(PasscodeProblem::TooLong { max: MAX_PASSCODE_CHARS });
    }
    if chars.first().is_some_and(|c| c.is_whitespace())
        || chars.last().is_some_and(|c| c.is_whitespace())
    {
        problems.push(PasscodeProblem::SpaceAtEdge);
    }
    if chars.len() > 1 && chars.iter().all(|c| *c == chars[0]) {
        problems.push(PasscodeProblem::OneRepeatedCharacter);
    } else if is_sequence(&chars) {
        problems.push(PasscodeProblem::Sequence);
    } else if has_short_period(&chars) {
        problems.push(PasscodeProblem::RepeatedGroup);
    }
    if is_common(passcode) {
        problems.push(PasscodeProblem::TooCommon);
    }
    problems
}

/// The rules for a new passcode as the worker chose its kind: a passphrase unless `pin_chosen`
/// (digits only are then refused as `PinNotChosen`); a chosen PIN follows the PIN rules.
pub fn check_chosen_passcode(passcode: &str, pin_chosen: bool) -> Vec<PasscodeProblem> {
    let mut problems = check_passcode(passcode);
    if !pin_chosen && passcode_kind(passcode) == PasscodeKind::Pin {
        problems.insert(0, PasscodeProblem::PinNotChosen);
    }
    problems
}

/// Each character one up (or one down) from the last; digits wrap (…8, 9, 0, 1…).
fn is_sequence(chars: &[char]) -> bool {
    if chars.len() < 3 {
        return false;
    }
    let step = |a: char, b: char| -> Option<i64> {
        if a.is_ascii_digit() && b.is_ascii_digit() {
            let d = (i64::from(b as u8) - i64::from(a as u8)).rem_euclid(10);
            Some(if d == 9 { -1 } else { d })
        } else {
            Some(
                i64::from(u32::from(b.to_ascii_lowercase()))
                    - i64::from(u32::from(a.to_ascii_lowercase())),
            )
        }
    };
    let first = step(chars[0], chars[1]);
    (first == Some(1) || first == Some(-1)) && chars.windows(2).all(|w| step(w[0], w[1]) == first)
}

/// The whole passcode is a group of 2 to 4 characters repeated (the last repeat may be partial).
fn has_short_period(chars: &[char]) -> bool {
    (2..=4)
        .any(|p| chars.len() >= 2 * p && chars.iter().enumerate().all(|(i, c)| *c == chars[i % p]))
}

/// PINs and words tried first, in the staff languages; a passphrase also matches with digits or
/// punctuation added at its end ("Password2024!"). A short list by design: a breach corpus would
/// cost more download than it is worth with the wipe limit in place.
const COMMON: [&str; 27] = [
    "112233",
    "121314",
    "123321",
    "123654",
    "147258",
    "147852",
    "159753",
    "102030",
    "111222",
    "258369",
    "789456",
    "963852",
    "000123",
    "998877",
    "password",
    "passw0rd",
    "contraseña",
    "contrasena",
    "motdepasse",
    "qwertyuiop",
    "azertyuiop",
    "asdfghjkl",
    "iloveyou",
    "teamo",
    "1q2w3e4r5t",
    "senda",
    "bienvenido",
];

fn is_common(passcode: &str) -> bool {
    // ASCII lowercasing: Unicode's tables would cost the app ~4 KB for "CONTRASEÑA".
    let lower = passcode.to_ascii_lowercase();
    let stem = lower.trim_end_matches(|c: char| {
        c.is_ascii_digit() || c.is_ascii_punctuation() || c.is_whitespace()
    });
    COMMON.iter().any(|c| {
        *c == lower
            || (!stem.is_empty()
                && *c == stem
                && passcode_kind(passcode) == PasscodeKind::Passphrase)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use PasscodeProblem::*;

    #[test]
    fn good_pins_and_passphrases_pass() {
        for ok in [
            "284017",
            "90817263",
            "río verde de tarde",
            "correct horse battery",
            "kreyòl pale 7",
            "x9!kQ2#mZp",
        ] {
            assert_eq!(check_passcode(ok), vec![], "{ok:?}");
        }
        assert_eq!(passcode_kind("284017"), PasscodeKind::Pin);
        assert_eq!(passcode_kind("28401a"), PasscodeKind::Passphrase);
    }

    #[test]
    fn length_depends_on_the_kind() {
        assert_eq!(check_passcode(""), vec![Empty]);
        assert_eq!(check_passcode("28401"), vec![PinTooShort { min: 6 }]);
        assert_eq!(check_passcode("río verde"), vec![PassphraseTooShort { min: 10 }]);
        // Length is counted in characters, not bytes: ten accented letters are enough.
        assert_eq!(check_passcode("ñandú azul"), vec![]);
        assert_eq!(check_passcode(&"ab1".repeat(50))[..], [TooLong { max: 128 }, RepeatedGroup]);
    }

    #[test]
    fn guessable_shapes_are_refused() {
        assert_eq!(check_passcode("000000"), vec![OneRepeatedCharacter]);
        assert_eq!(check_passcode("aaaaaaaaaaaa"), vec![OneRepeatedCharacter]);
        for run in ["123456", "987654", "890123", "0987654321", "abcdefghij", "ZYXWVUTSRQ"] {
            assert_eq!(check_passcode(run), vec![Sequence], "{run}");
        }
        for group in ["121212", "123123", "20242024", "abcabcabcab"] {
            assert_eq!(check_passcode(group), vec![RepeatedGroup], "{group}");
        }
        assert_eq!(check_passcode("159753"), vec![TooCommon]);
        assert_eq!(check_passcode("Password2024!"), vec![TooCommon]);
        assert_eq!(check_passcode("Contraseña123"), vec![TooCommon]);
    }

    #[test]
    fn a_passphrase_is_the_default_and_a_pin_only_an_explicit_choice() {
        assert_eq!(check_chosen_passcode("284017", false), vec![PinNotChosen]);
        assert_eq!(check_chosen_passcode("284017", true), vec![]);
        assert_eq!(
            check_chosen_passcode("28401", false),
            vec![PinNotChosen, PinTooShort { min: 6 }]
        );
        assert_eq!(check_chosen_passcode("río verde de tarde", false), vec![]);
        // Choosing a PIN does not make a weak passphrase acceptable, nor the reverse.
        assert_eq!(check_chosen_passcode("río verde", true), vec![PassphraseTooShort { min: 10 }]);
        assert_eq!(check_chosen_passcode("123456", true), vec![Sequence]);
    }

    #[test]
    fn a_space_at_either_end_is_refused() {
        assert_eq!(check_passcode(" río verde de tarde"), vec![SpaceAtEdge]);
        assert_eq!(check_passcode("río verde de tarde "), vec![SpaceAtEdge]);
    }

    #[test]
    fn every_problem_and_rule_has_a_distinct_vault_message_key() {
        let problems = [
            Empty,
            PinTooShort { min: 6 },
            PassphraseTooShort { min: 10 },
            TooLong { max: 128 },
            SpaceAtEdge,
            OneRepeatedCharacter,
            Sequence,
            RepeatedGroup,
            TooCommon,
            PinNotChosen,
        ];
        let mut keys: Vec<&str> = problems.iter().map(PasscodeProblem::message_key).collect();
        keys.extend(PASSCODE_RULES.iter().map(|r| r.message_key));
        let count = keys.len();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), count);
        assert!(keys.iter().all(|k| k.starts_with("vault.passcode.")));
        assert!(problems.iter().all(|p| !p.to_string().is_empty()));
    }
}
