//! Training mode: fictional practice scenarios as content, checked against the real screening rules and procedure, and the feedback a trainee's answers earn.
//!
//! Content lives in `content/training/` (`scenarios.json` plus one text file per locale) and is
//! fetched by the practice space only; nothing here reads or writes a real case.

pub mod feedback;
pub mod lessons;
pub mod model;
pub mod progress;
pub mod texts;
pub mod truth;

#[cfg(test)]
mod content_tests;
#[cfg(test)]
mod feedback_tests;

pub use feedback::{
    feedback, Choice, Feedback, Finding, FindingKind, FirstStep, Skill, SkillScore, TraineeAnswers,
};
pub use model::{Expectation, Scenario, Scenarios};
pub use texts::TrainingTexts;
pub use truth::{Truth, CONSULAR_ITEM, ORIGIN_GATE_ITEM};
