//! One module per screen of the app.

pub mod case_backup;
pub mod case_detail;
pub mod case_documents;
pub mod case_procedure;
pub mod case_review;
pub mod case_screening;
pub mod case_transfer;
pub mod cases;
pub mod child;
pub mod children;
pub mod first_contact;
pub mod glossary;
pub mod guide;
pub mod guide_phase;
pub mod handover;
pub mod home;
pub mod monitoring;
pub mod not_found;
pub mod reference;
pub mod reference_section;
pub mod settings;
pub mod team;
pub mod team_work;
pub mod training;
