//! The team's cases as the team screen's parts share them: the automatic sync engine's copy
//! (`crate::sync::auto`), so the screen and the engine never open the replica twice; opened
//! again after the team key changed (a member's removal).

pub(crate) use crate::sync::auto::{reopen, SharedCases};
