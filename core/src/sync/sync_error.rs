//! Why a replication run stopped, with a message for a person, and how HTTP statuses map to it.

use super::envelope::EnvelopeError;
use super::http::Response;
use super::replica::ReplicaError;

/// Why a run stopped. Nothing of the failed batch was stored and no checkpoint moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncError {
    /// 401/403: the account was removed or the password changed.
    Unauthorized,
    Server(u16),
    /// The server answered something the protocol does not allow.
    Protocol(&'static str),
    /// A document from the server is not an envelope (plaintext, damaged or tampered).
    BadDocument {
        id: String,
        error: EnvelopeError,
    },
    /// The server refused a document (e.g. its `validate_doc_update`).
    Rejected {
        id: String,
        reason: String,
    },
    /// The server said it stored a revision, then listed it as missing.
    NotStored {
        id: String,
    },
    Replica(ReplicaError),
    /// The server's checkpoint changed since this run read it (409): start a fresh run.
    CheckpointMoved,
    /// `handle` was called with no request outstanding.
    NotWaiting,
}

impl SyncError {
    pub fn message_key(&self) -> &'static str {
        match self {
            SyncError::Unauthorized => "sync.error.unauthorized",
            SyncError::Server(_) => "sync.error.server",
            SyncError::Protocol(_) | SyncError::NotWaiting | SyncError::CheckpointMoved => {
                "sync.error.protocol"
            }
            SyncError::BadDocument { .. } => "sync.error.bad_document",
            SyncError::Rejected { .. } | SyncError::NotStored { .. } => "sync.error.rejected",
            SyncError::Replica(_) => "sync.error.local_store",
        }
    }
}

impl From<ReplicaError> for SyncError {
    fn from(e: ReplicaError) -> SyncError {
        SyncError::Replica(e)
    }
}

pub(crate) fn check_status(resp: &Response, expected: &[u16]) -> Result<(), SyncError> {
    match resp.status {
        s if expected.contains(&s) => Ok(()),
        401 | 403 => Err(SyncError::Unauthorized),
        s if s >= 500 => Err(SyncError::Server(s)),
        _ => Err(SyncError::Protocol("unexpected status")),
    }
}
