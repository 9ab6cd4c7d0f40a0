//! Senda's pure core: everything that can be decided without a browser — locales and their
//! strings, settings, and (as the work grows) the case model, procedure engine and screening rules.
//! Nothing here may depend on `web-sys`, `js-sys` or Leptos; it is tested natively with `cargo test`.

pub mod backup;
pub mod case;
pub mod child;
#[cfg(test)]
mod conventions_tests;
pub mod dates;
pub mod deploy;
pub mod documents;
#[cfg(test)]
mod fuzz_tests;
pub mod index_entry;
pub mod locale;
pub mod monitoring;
pub mod procedure;
pub mod reference;
pub mod retry;
pub mod screening;
pub mod settings;
pub mod sources;
pub mod sync;
pub mod text_search;
pub mod training;
pub mod ui_text;
pub mod vault;
pub mod vocabularies;
pub mod vocabulary;
pub mod workflow;
