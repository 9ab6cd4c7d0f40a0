//! Team sync's pure core: the CouchDB replication protocol as plain values, encrypted envelopes,
//! revision trees, the three-way merge of a conflict, the key rules and a sans-IO replicator.
//!
//! Nothing here does I/O, reads a clock or draws randomness: the browser shell executes the
//! [`http::Request`]s, passes the [`http::Response`]s back, supplies `now` and random bytes, and
//! does the cryptography (WebCrypto). The server only ever stores [`envelope::EnvelopeDoc`]s.

pub mod b32;
pub mod b64;
pub mod envelope;
pub mod http;
pub mod keys;
pub mod merge;
pub mod padding;
pub mod replica;
pub mod replicator;
pub mod revtree;
pub mod sealing;
pub mod sync_error;
