//! Risk and vulnerability screening: indicator questions as data, the rules that turn answers
//! and the child's data into explained flags (the vocabulary of `content/flags.json`, which the
//! procedure's conditions read), obliged actions, a risk level with its reasons, national age
//! thresholds, and each country's bodies to refer to.
//!
//! Content lives in `content/screening/` (structure, pathways, one text file per locale) and is
//! fetched by the app at run time; the tests here embed it to check it.

pub mod age;
pub mod condition;
pub mod directory;
pub mod from_case;
pub mod model;
pub mod outcome;
pub mod pathways;
pub mod referral_targets;
pub mod rules;
pub mod texts;

#[cfg(test)]
mod content_tests;
#[cfg(test)]
mod vignettes;
#[cfg(test)]
mod vignettes_safety;

pub use age::{read_age, AgeReading, AgeStage, NationalThreshold};
pub use condition::{IndicatorCondition, ScreeningInput};
pub use directory::{
    AgeRange, Directory, DirectoryError, FieldChange, FieldValue, ImportPreview, OrgChange,
    Organisation, MAX_FILE_BYTES,
};
pub use from_case::{answer_and_rescreen, rescreen, screening_input};
pub use model::{
    FlagRule, ObligedAction, Question, QuestionGroup, ScreeningStructure, ServiceKind, Trigger,
};
pub use pathways::{Body, Pathways};
pub use rules::{screen, ActionDue, RaisedFlag, RiskReason, ScreeningResult};
pub use texts::ScreeningTexts;
