//! What can be wrong with the procedure's content files, in words a content editor can act on.
//! The loader reports unreadable files; the validator reports everything else.

use std::fmt;

/// A defect in the procedure content (structure, texts, flags) or in how it cites sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentError {
    /// The file is not valid JSON of the expected shape (including misspelt keys).
    Unreadable { file: &'static str, detail: String },
    /// An id is not made of lowercase letters, digits and underscores joined by dots.
    BadId { id: String },
    /// An id is defined twice.
    DuplicateId { id: String },
    /// An id does not start with the id of the phase or step that holds it.
    MisplacedId { id: String, parent: String },
    /// An item, trigger or deadline cites no source.
    NoSource { id: String },
    /// A cited source id is not in `content/sources.json`.
    UnknownSource { at: String, source: String },
    /// A condition names a flag missing from `content/flags.json`.
    UnknownFlag { at: String, flag: String },
    /// An id that should name an item names none.
    UnknownItem { at: String, item: String },
    /// A condition asks for an option the question does not offer.
    UnknownOption { at: String, item: String, option: String },
    /// A condition on an answer is not usable: the item is not a question, is itself
    /// conditional, or comes later in the procedure.
    UnusableAnswer { at: String, item: String, problem: &'static str },
    /// `all` or `any` with nothing inside.
    EmptyCondition { at: String },
    /// A BID trigger depends on whether a BID is required.
    CircularTrigger { at: String },
    /// Options on something other than a question, or a question with fewer than two options.
    BadOptions { id: String },
    /// A deadline counts from an item of the wrong kind.
    BadAnchor { at: String, item: String },
    /// A volunteer-flow item could record something, or depends on case facts.
    UnsafeVolunteerItem { section: String, item: String },
    /// A locale file is for another language than its name says.
    WrongLanguage { file: &'static str, found: String },
    /// A locale file lacks the text of an id.
    MissingText { file: &'static str, id: String },
    /// A locale file has text for an id that no longer exists.
    StaleText { file: &'static str, id: String },
    /// A text field is empty.
    BlankText { file: &'static str, id: String, field: &'static str },
    /// Option labels do not match the question's options.
    OptionTexts { file: &'static str, id: String },
    /// A verify-locally mark without its note, or a note without the mark.
    VerifyNote { file: &'static str, id: String },
    /// One locale warns "never do" for an item and another does not.
    NeverNoteDiffers { id: String },
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ContentError::*;
        match self {
            Unreadable { file, detail } => write!(f, "{file} could not be read: {detail}"),
            BadId { id } => write!(
                f,
                "\"{id}\" is not a valid id: use lowercase letters, digits and underscores, joined by dots."
            ),
            DuplicateId { id } => write!(f, "The id \"{id}\" is defined more than once."),
            MisplacedId { id, parent } => write!(f, "\"{id}\" should start with \"{parent}.\"."),
            NoSource { id } => write!(f, "\"{id}\" cites no source."),
            UnknownSource { at, source } => {
                write!(f, "\"{at}\" cites {source}, which is not in content/sources.json.")
            }
            UnknownFlag { at, flag } => {
                write!(f, "\"{at}\" refers to the flag \"{flag}\", which is not in content/flags.json.")
            }
            UnknownItem { at, item } => write!(f, "\"{at}\" refers to the item \"{item}\", which does not exist."),
            UnknownOption { at, item, option } => {
                write!(f, "\"{at}\" asks whether \"{item}\" was answered \"{option}\", which it does not offer.")
            }
            UnusableAnswer { at, item, problem } => {
                write!(f, "\"{at}\" depends on the answer to \"{item}\", but that item {problem}.")
            }
            EmptyCondition { at } => write!(f, "\"{at}\" has an \"all\" or \"any\" with nothing inside."),
            CircularTrigger { at } => write!(f, "The BID trigger \"{at}\" cannot depend on a BID being required."),
            BadOptions { id } => {
                write!(f, "\"{id}\": a question needs at least two distinct options, and only questions have options.")
            }
            BadAnchor { at, item } => {
                write!(f, "The deadline \"{at}\" counts from \"{item}\", which cannot give that date.")
            }
            UnsafeVolunteerItem { section, item } => write!(
                f,
                "The volunteer section \"{section}\" lists \"{item}\", which is not an unconditional check item: the volunteer flow records nothing about the child."
            ),
            WrongLanguage { file, found } => write!(f, "{file} says its language is \"{found}\"."),
            MissingText { file, id } => write!(f, "{file} has no text for \"{id}\"."),
            StaleText { file, id } => write!(f, "{file} has text for \"{id}\", which no longer exists."),
            BlankText { file, id, field } => write!(f, "{file}: the {field} of \"{id}\" is empty."),
            OptionTexts { file, id } => {
                write!(f, "{file}: the option labels of \"{id}\" do not match its options.")
            }
            VerifyNote { file, id } => write!(
                f,
                "{file}: \"{id}\" needs a verify note exactly when it is marked verify_locally."
            ),
            NeverNoteDiffers { id } => {
                write!(f, "\"{id}\" has a \"never do\" note in one language and not in another.")
            }
        }
    }
}

impl std::error::Error for ContentError {}
