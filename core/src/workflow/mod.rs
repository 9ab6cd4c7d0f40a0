//! Team workflows' pure rules (issue #18): roles and what each may do, handovers, supervisor
//! review and the BID panel, the signed audit chain, transfers to another organisation.
//!
//! Every rule here is a pure function over plain values: no I/O, no clock (the shell passes
//! `now`), no randomness (ids come in), no browser types. Each step a member takes is an
//! append-only record signed by their device's key ([`signed`]: SHA-256 over a domain label and
//! a canonical JSON encoding), and every phone computes the same state from the same records in
//! any order. Signatures are checked through [`signed::Verifier`] (WebCrypto in the app, real
//! ECDSA P-256 in the native tests) against the team [`signed::Roster`], which comes from the
//! coordinator-signed membership (`sync::team_rules`): a role is what the membership says, so a
//! caseworker's key cannot make a supervisor's decision. [`permission`] is the rule table of
//! [`role::Role::may`]; [`handover`] folds a case's assignment and handover events and orders
//! the shift view; [`review`] binds a decision to the version hash of the exact document
//! reviewed (an edit after approval makes it outdated) and counts a BID panel's undertakings and
//! votes, dissent kept, against a quorum the sources do not fix; [`audit`] verifies each
//! device's hash-linked chain of who/what/when entries; [`transfer`] checks the child's consent
//! first and produces the record and receipt both teams keep; [`team_monitoring`] gives the
//! coordinator the team's own figures and their CSV, small counts suppressed. Refusals are
//! returned as stable ids (`id()`), not strings: the screens that show them will add their
//! texts. [`entry::WorkflowEntry`] is how these records live in a case: its `workflow` section,
//! append-only, merged by union between phones.

pub mod audit;
pub mod audit_log;
pub mod entry;
pub mod handover;
pub mod handover_input;
pub mod partner_card;
pub mod permission;
pub mod review;
pub mod review_case;
pub mod role;
pub mod signed;
pub mod team_monitoring;
pub mod transfer;
