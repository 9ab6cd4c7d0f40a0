//! Runs the core's sans-IO replicator over the browser transport: each request sent, each answer
//! handed back, and the local replica flushed to IndexedDB before the next request goes out (that
//! request may move the server's checkpoint past what was just stored). A session keeps each
//! direction's checkpoint between runs, so a later run skips reading it (one round trip less,
//! two seconds on a slow 3G network), and a push with nothing new sends nothing.

use super::local_replica::IdbReplica;
use super::transport::{Transport, TransportError};
use senda_core::sync::http::Response;
use senda_core::sync::replica::ReplicaError;
use senda_core::sync::replicator::{
    Checkpoint, Direction, Replicator, Report, Step, SyncError, MAX_BATCH,
};
use std::fmt;

/// Why a replication run stopped. Nothing of the failed batch was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RunError {
    Transport(TransportError),
    Sync(SyncError),
}

impl RunError {
    pub fn message_key(&self) -> &'static str {
        match self {
            RunError::Transport(e) => e.message_key(),
            RunError::Sync(e) => e.message_key(),
        }
    }
}

impl fmt::Display for RunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::Transport(e) => fmt::Display::fmt(e, f),
            RunError::Sync(e) => write!(f, "Sync stopped: {e:?}"),
        }
    }
}

impl From<TransportError> for RunError {
    fn from(e: TransportError) -> RunError {
        RunError::Transport(e)
    }
}

impl From<SyncError> for RunError {
    fn from(e: SyncError) -> RunError {
        RunError::Sync(e)
    }
}

impl From<ReplicaError> for RunError {
    fn from(e: ReplicaError) -> RunError {
        RunError::Sync(SyncError::Replica(e))
    }
}

/// One run in one direction, to its end or its first error.
pub async fn replicate(
    direction: Direction,
    replica: &mut IdbReplica,
    transport: &Transport,
) -> Result<Report, RunError> {
    run(direction, replica, transport, None).await
}

/// One run that starts from `kept`, the checkpoint the last complete run of this session in this
/// direction ended at, and keeps the one it ends at. After a failure nothing is kept (the next
/// run reads the server's checkpoint again); if the server's checkpoint moved meanwhile, the run
/// starts afresh once.
pub async fn replicate_resuming(
    direction: Direction,
    replica: &mut IdbReplica,
    transport: &Transport,
    kept: &mut Option<Checkpoint>,
) -> Result<Report, RunError> {
    let resumed = kept.take();
    let mut result = run(direction, replica, transport, resumed.as_ref()).await;
    if resumed.is_some() && matches!(result, Err(RunError::Sync(SyncError::CheckpointMoved))) {
        result = run(direction, replica, transport, None).await;
    }
    if let Ok(report) = &result {
        kept.clone_from(&report.checkpoint);
    }
    result
}

async fn run(
    direction: Direction,
    replica: &mut IdbReplica,
    transport: &Transport,
    from: Option<&Checkpoint>,
) -> Result<Report, RunError> {
    let (mut run, first) = match from {
        Some(checkpoint) => Replicator::resume(direction, replica, MAX_BATCH, checkpoint)?,
        None => {
            let (run, request) = Replicator::start(direction, replica, MAX_BATCH);
            (run, Step::Send(request))
        }
    };
    let mut request = match first {
        Step::Send(request) => request,
        Step::Done(report) => return Ok(report),
    };
    loop {
        let body = request.body.as_ref().map(serde_json::Value::to_string);
        let reply =
            transport.request(request.method.as_str(), &request.path, body.as_deref()).await;
        // A refusal the server gives as 403 (its validation) is an answer the replicator reads.
        let reply = match reply {
            Ok(r) => Response { status: r.status, body: r.body },
            Err(TransportError::Forbidden { reason }) => {
                Response { status: 403, body: serde_json::json!({ "reason": reason }) }
            }
            Err(e) => return Err(e.into()),
        };
        let step = run.handle(&reply, replica)?;
        replica.flush().await?;
        match step {
            Step::Send(next) => request = next,
            Step::Done(report) => return Ok(report),
        }
    }
}
