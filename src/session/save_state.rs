//! Where saving a case stands: written by autosave, shown by the case screens.

/// Where saving stands, shown next to the case's title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    /// A new case is kept only once it has a name or an alias (an empty case is not a case).
    NotYet,
    Saving,
    /// The message key of what went wrong; the previous saved state is intact.
    Failed(&'static str),
}
