//! Child-friendly information: the content model (topics × age bands × languages, each topic
//! with sources), the reading-level scorer it is checked with, and child mode's rules.

pub mod content;
pub mod exit_throttle;
pub mod mode;
pub mod reading_level;
pub mod syllables_fr;

#[cfg(test)]
mod content_tests;
