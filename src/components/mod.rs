//! Pieces that two or more features use: the area-page frame, the case-screen frame and its
//! header bits, notices, confirmations, the vault gate, guidance items, the phase flowchart,
//! the header and bottom navigation (the app frame and Home), icons, private-text field marks.

pub mod area_page;
pub mod bottom_nav;
pub mod case_bits;
pub mod case_frame;
pub mod choice_field;
pub mod confirm_action;
pub mod erased;
pub mod guidance;
pub mod header;
pub mod icons;
pub mod notices;
pub mod phase_flowchart;
pub mod private_text;
pub mod role_gate;
pub mod vault_gate;
