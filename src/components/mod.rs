//! Pieces of the app shell shared by every screen.

pub mod area_page;
pub mod backup_reminder;
pub mod backup_restore;
pub mod bottom_nav;
pub mod case_bits;
pub mod case_companions;
pub mod case_export;
pub mod case_profile_form;
pub mod case_record;
pub mod confirm_action;
pub mod directory_settings;
pub mod erased;
pub mod guidance;
pub mod header;
pub mod icons;
pub mod neutral_screen;
pub mod procedure_item;
pub mod screening_questions;
pub mod screening_referrals;
pub mod screening_result;
pub mod security_settings;
pub mod update_banner;
pub mod vault_gate;
