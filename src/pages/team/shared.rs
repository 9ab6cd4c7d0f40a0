//! The team's cases as the team screen's parts share them: the automatic sync engine's copy
//! (`crate::sync::auto`), so the screen and the engine never open the replica twice.

pub(crate) use crate::sync::auto::SharedCases;
