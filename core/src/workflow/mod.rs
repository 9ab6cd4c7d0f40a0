//! Team workflows' pure rules (issue #18): who may do what in a team, and later handovers,
//! reviews signed over a version, transfers and the audit chain. No I/O, no clock, no browser.

pub mod role;
