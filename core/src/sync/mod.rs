//! Team sync's pure core: the CouchDB replication protocol as plain values, encrypted envelopes,
//! revision trees, the three-way merge of a conflict, the key rules and a sans-IO replicator.
//!
//! Nothing here does I/O, reads a clock or draws randomness: the browser shell executes the
//! [`http::Request`]s, passes the [`http::Response`]s back, supplies `now` and random bytes, and
//! does the cryptography (WebCrypto). The server only ever stores [`envelope::EnvelopeDoc`]s.
//!
//! Decisions the shell and the server rely on:
//! - ids are random: `m…` for a mutable section document, `e…` for an append-only entry; the
//!   server's `validate_doc_update` refuses any revision of an `e…` document but `1-…`, and the
//!   phone refuses to read or write one ([`envelope`]);
//! - deleting a case or section is a sealed revision ([`merge::deletion`]), never CouchDB's
//!   `_deleted`, so deleting against editing is two live leaves: a conflict; `_deleted`
//!   tombstones only close the losing branches of a resolved conflict ([`revtree`]);
//! - each ciphertext is bound to its document, revision and key id by AES-GCM's additional data
//!   ([`envelope::additional_data`]) and its plaintext padded to a bucket ([`sealing`]);
//! - replication is state, not a queue: checkpoints move only after a batch is stored on the
//!   receiving side (and, for a push, confirmed again by `_revs_diff`), and are trusted only when
//!   both sides recorded the same one ([`replicator`]); a push offers only edits made on this
//!   phone ([`replica::LocalReplica::changes_since`]).

pub mod auto_sync;
pub mod b32;
pub mod b64;
pub mod case_deletion;
pub mod case_sections;
pub mod envelope;
pub mod http;
pub mod invite_qr;
pub mod keys;
pub mod leaving;
pub mod merge;
pub mod padding;
pub mod replica;
pub mod replicator;
pub mod revtree;
pub mod sealing;
pub mod sync_error;
pub mod team_rules;
