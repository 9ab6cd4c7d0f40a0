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
pub mod child_exit;
pub mod child_guard;
pub mod child_screens;
pub mod child_settings;
pub mod confirm_action;
pub mod country_timelines;
pub mod erased;
pub mod guidance;
pub mod header;
pub mod icons;
pub mod neutral_screen;
pub mod phase_flowchart;
pub mod procedure_item;
pub mod security_settings;
pub mod update_banner;
pub mod vault_gate;
