//! Training mode's practice space: fictional scenarios screened with the real rules, with feedback; its own content and its own store, never the vault.
//!
//! Everything here is lazy (two routes in `lazy_routes.rs`) and reads its words from
//! `content/training/<locale>.json`; the only first-load strings are the Home entry and the
//! banner. Progress lives under its own localStorage key (`progress_store`): no case, no name.

pub mod content;
pub mod feedback_view;
pub mod form;
pub mod frame;
pub mod lessons;
pub mod list;
pub mod progress_store;
pub mod scenario;
