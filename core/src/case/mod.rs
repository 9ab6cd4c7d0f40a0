//! A child's case: the record, its parts, its validation, its readable export and the
//! migrations that read records stored by earlier versions.

mod audit;
mod casework;
mod child;
mod consent;
mod export;
mod migrate;
mod procedure;
mod record;
mod sample;
mod screening;
mod status;
mod summary;
mod validation;

#[cfg(test)]
pub(crate) mod arbitrary;

pub use audit::{AuditAction, AuditEvent, CasePart, WorkerLabel, EDIT_SESSION};
pub use casework::{
    AgreedAction, BidReview, CaseConference, Casework, InterviewDetails, PanelMember, ReviewOutcome,
};
pub use child::{
    Accompaniment, AccompanyingAdult, Age, AgeBasis, CareArrangement, CareKind, ChildProfile,
    DocumentHeld, DocumentHolder, DocumentKind, FirstContact, Relationship, Sex,
};
pub use consent::{ChildAssent, Consent, ConsentGiver, ConsentPurpose};
pub use export::{
    export_readable, ReadableCaseExport, READABLE_EXPORT_FORMAT, READABLE_EXPORT_VERSION,
};
pub(crate) use migrate::describe as describe_serde_error;
pub use migrate::{migrate, parse_stored, MigrationError};
pub use procedure::{Answer, ItemId, ItemState, ProcedureProgress};
pub use record::{ActionRefused, Case, FlagId, Note, CASE_SCHEMA_VERSION};
pub use sample::sample_case;
pub use screening::{
    IndicatorAnswer, Referral, ReferralOutcome, ReferralRequest, ScreeningAnswers,
};
pub use status::{CaseStatus, ClosureReason, Risk, RiskLevel, RiskOverride};
pub use summary::{select, CaseQuery, CaseSummary, StatusFilter};
pub use validation::{validate, ValidationIssue};
