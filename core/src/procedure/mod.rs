//! The Guide's procedure as data, and the pure engine that applies it to a case: eight phases
//! from first contact to closure, their steps and checklist items, when each applies, BID
//! triggers, the deadlines that follow, and the volunteer first-contact flow.
//!
//! Content lives in `content/procedure/` (structure plus one text file per locale),
//! `content/flags.json` and `content/sources.json`; it is embedded at build time and checked
//! by the tests in `content_tests`.

pub mod bid;
pub mod condition;
pub mod deadlines;
pub mod engine;
pub mod error;
pub mod facts;
pub mod flags;
pub mod flowchart;
pub mod from_case;
pub mod model;
pub mod progress;
pub mod text_lookup;
pub mod texts;
pub mod timeline_settings;
pub mod validate;
pub mod validate_texts;
pub mod volunteer;

#[cfg(test)]
mod content_tests;
#[cfg(test)]
mod scenario_support;
#[cfg(test)]
mod scenarios_bid_and_deadlines;
#[cfg(test)]
mod scenarios_profiles;
#[cfg(test)]
mod scenarios_progress;
#[cfg(test)]
mod scenarios_safety;

pub use bid::BidRequirement;
pub use condition::Condition;
pub use deadlines::{Deadline, DeadlineBasis, DeadlineStatus, Due, LocalTimelines};
pub use engine::{evaluate, ItemProgress, PhaseStatus, ProcedureStatus, StepRef, StepStatus};
pub use error::ContentError;
pub use facts::{AgeBand, Answer, CaseFacts, ChildAge, ItemOutcome, Outcomes};
pub use flowchart::{Flowchart, StepMark};
pub use from_case::{case_facts, case_outcomes, date_answer};
pub use model::{Item, ItemKind, Phase, Procedure, Step};
pub use texts::{texts, LocalisedTexts, ProcedureTexts};

use std::sync::OnceLock;

/// The procedure structure, parsed once. An unreadable file is a build defect the tests
/// catch; at run time it comes back as an error the view can show, never a panic.
pub fn procedure() -> Result<&'static Procedure, &'static ContentError> {
    static PARSED: OnceLock<Result<Procedure, ContentError>> = OnceLock::new();
    PARSED
        .get_or_init(|| Procedure::parse(include_str!("../../../content/procedure/structure.json")))
        .as_ref()
}
