//! A sans-IO replicator between a [`LocalReplica`] and the team database, pull or push, built on
//! revision trees and checkpoints (state, not a queue): `_changes?style=all_docs`, `_revs_diff`,
//! `_bulk_get?revs=true`, `_bulk_docs` with `new_edits:false`, `_local/<replication id>`.
//!
//! It yields one [`Request`] at a time and consumes its [`Response`]. A response that never comes
//! (the network cut) simply ends the run: checkpoints move only after a batch is stored on the
//! receiving side, so the next run starts from the last whole batch and loses nothing.

use super::envelope::DocId;
use super::http::{encode_component, Request, Response};
use super::replica::{LocalReplica, ReplicaError};
use super::revtree::Rev;
use super::sync_error::check_status;
pub use super::sync_error::SyncError;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The most documents handled per round trip. On a slow 3G network (2 s a round trip, 50 KB/s)
/// every round trip counts: a new phone's first sync of 2,000 cases (18,000 documents) takes 3
/// round trips a batch, so 540 at 100 a batch (18 minutes of waiting alone) and 108 at 500. A
/// batch of 500 sealed sections is about 0.8 MB, 16 s at that speed: a cut network loses at most
/// that much of the transfer.
pub const MAX_BATCH: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Server → this phone.
    Pull,
    /// This phone → server.
    Push,
}

/// What a finished run did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Revisions stored on the receiving side.
    pub revisions: usize,
    /// Batches completed (each ends with a checkpoint).
    pub batches: usize,
    /// Revisions the server listed but could no longer give (compacted meanwhile).
    pub unavailable: usize,
    /// Round trips made (the cost on a slow network).
    pub requests: usize,
    /// Where the run ended, for the next run of this session ([`Replicator::resume`]).
    pub checkpoint: Option<Checkpoint>,
}

/// A checkpoint as both sides hold it after a complete run: the sequence reached and the
/// server's `_local` revision, kept in memory between runs to save the first round trip.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkpoint {
    pub since: Value,
    pub rev: Option<String>,
}

/// How many documents edited on this phone the team database has not yet confirmed: "waiting
/// to go up", always visible. Zero right after a complete push.
pub fn waiting_to_go_up(replica: &impl LocalReplica) -> usize {
    let id = format!("senda-push-{}", replica.replica_id());
    let since = replica.checkpoint(&id).and_then(|v| v.as_u64()).unwrap_or(0);
    replica.changes_since(since, usize::MAX).len()
}

/// What to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Send(Request),
    Done(Report),
}

#[derive(Clone, Debug, PartialEq)]
enum State {
    LoadCheckpoint,
    Changes,
    BulkGet {
        last_seq: Value,
        more: bool,
        wanted: BTreeMap<DocId, Vec<Rev>>,
    },
    /// `verify`: asking again after `_bulk_docs`, to be sure the server kept what it accepted.
    RevsDiff {
        last_seq: Value,
        more: bool,
        offered: BTreeMap<DocId, Vec<Rev>>,
        verify: bool,
    },
    BulkDocs {
        last_seq: Value,
        more: bool,
        sent: BTreeMap<DocId, Vec<Rev>>,
    },
    SaveCheckpoint {
        last_seq: Value,
        more: bool,
    },
    Finished,
}

/// One replication run in one direction.
#[derive(Clone, Debug)]
pub struct Replicator {
    direction: Direction,
    batch: usize,
    id: String,
    state: State,
    since: Value,
    checkpoint_rev: Option<String>,
    report: Report,
}

impl Replicator {
    /// Starts a run; the first request reads the server's checkpoint for this replica.
    pub fn start(
        direction: Direction,
        replica: &impl LocalReplica,
        batch: usize,
    ) -> (Replicator, Request) {
        let name = match direction {
            Direction::Pull => "pull",
            Direction::Push => "push",
        };
        let id = format!("senda-{name}-{}", replica.replica_id());
        let rep = Replicator {
            direction,
            batch: batch.clamp(1, MAX_BATCH),
            state: State::LoadCheckpoint,
            since: json!(0),
            checkpoint_rev: None,
            report: Report::default(),
            id,
        };
        let request = Request::get(rep.checkpoint_path());
        (rep, request)
    }

    /// Starts a run from the checkpoint the previous run of this session ended at, without
    /// reading it again; it is used only if this replica still records the same sequence. A push
    /// with nothing new is then done at once, with no request at all. If another run moved the
    /// server's checkpoint meanwhile, its write fails (409) and the caller starts afresh.
    pub fn resume(
        direction: Direction,
        replica: &impl LocalReplica,
        batch: usize,
        checkpoint: &Checkpoint,
    ) -> Result<(Replicator, Step), SyncError> {
        let (mut rep, request) = Replicator::start(direction, replica, batch);
        if replica.checkpoint(&rep.id).as_ref() != Some(&checkpoint.since) {
            return Ok((rep, Step::Send(request)));
        }
        rep.since = checkpoint.since.clone();
        rep.checkpoint_rev = checkpoint.rev.clone();
        let step = rep.next_batch(replica)?;
        Ok((rep, step))
    }

    /// The checkpoint's name, `_local/<this>` on the server and in the replica.
    pub fn replication_id(&self) -> &str {
        &self.id
    }

    fn checkpoint_path(&self) -> String {
        format!("_local/{}", encode_component(&self.id))
    }

    /// Consumes the response to the last request. After an error the run is over: start another.
    pub fn handle(
        &mut self,
        response: &Response,
        replica: &mut impl LocalReplica,
    ) -> Result<Step, SyncError> {
        self.report.requests += 1;
        let state = std::mem::replace(&mut self.state, State::Finished);
        let step = self.advance(state, response, replica);
        if step.is_err() {
            self.state = State::Finished;
        }
        step
    }

    fn advance(
        &mut self,
        state: State,
        resp: &Response,
        replica: &mut impl LocalReplica,
    ) -> Result<Step, SyncError> {
        match state {
            State::Finished => Err(SyncError::NotWaiting),
            State::LoadCheckpoint => {
                check_status(resp, &[200, 404])?;
                if resp.status == 200 {
                    let last = resp
                        .body
                        .get("last_seq")
                        .ok_or(SyncError::Protocol("checkpoint without last_seq"))?;
                    self.checkpoint_rev =
                        resp.body.get("_rev").and_then(Value::as_str).map(str::to_owned);
                    // Trust the server's checkpoint only when this replica recorded the same one.
                    if replica.checkpoint(&self.id).as_ref() == Some(last) {
                        self.since = last.clone();
                    }
                }
                self.next_batch(replica)
            }
            State::Changes => self.on_changes(resp, replica),
            State::BulkGet { last_seq, more, wanted } => {
                check_status(resp, &[200])?;
                let docs = self.read_bulk_get(resp, &wanted)?;
                replica.store_pulled(&docs)?;
                self.report.revisions += docs.len();
                self.save_checkpoint(replica, last_seq, more)
            }
            State::RevsDiff { last_seq, more, offered, verify } => {
                self.on_revs_diff(resp, replica, (last_seq, more), &offered, verify)
            }
            State::BulkDocs { last_seq, more, sent } => {
                check_status(resp, &[200, 201])?;
                let rows = resp
                    .body
                    .as_array()
                    .ok_or(SyncError::Protocol("_bulk_docs answer is not a list"))?;
                if let Some(row) = rows.iter().find(|r| r.get("error").is_some()) {
                    let text = |k: &str| {
                        row.get(k).and_then(Value::as_str).unwrap_or("").chars().take(200).collect()
                    };
                    return Err(SyncError::Rejected { id: text("id"), reason: text("reason") });
                }
                // A server may answer "ok" and keep nothing (PouchDB's validation did, with
                // `new_edits:false`): the checkpoint moves only once `_revs_diff` agrees.
                let body = revs_body(&sent);
                self.state = State::RevsDiff { last_seq, more, offered: sent, verify: true };
                Ok(Step::Send(Request::post("_revs_diff", body)))
            }
            State::SaveCheckpoint { last_seq, more } => {
                if resp.status == 409 {
                    return Err(SyncError::CheckpointMoved);
                }
                check_status(resp, &[200, 201])?;
                self.checkpoint_rev =
                    resp.body.get("rev").and_then(Value::as_str).map(str::to_owned);
                self.since = last_seq;
                self.report.batches += 1;
                if more {
                    self.next_batch(replica)
                } else {
                    Ok(self.finish())
                }
            }
        }
    }

    fn finish(&mut self) -> Step {
        self.state = State::Finished;
        let mut report = std::mem::take(&mut self.report);
        report.checkpoint =
            Some(Checkpoint { since: self.since.clone(), rev: self.checkpoint_rev.clone() });
        Step::Done(report)
    }

    fn next_batch(&mut self, replica: &impl LocalReplica) -> Result<Step, SyncError> {
        match self.direction {
            Direction::Pull => {
                let since = match &self.since {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) => encode_component(s),
                    _ => {
                        return Err(SyncError::Protocol(
                            "checkpoint sequence is not a number or string",
                        ))
                    }
                };
                self.state = State::Changes;
                Ok(Step::Send(Request::get(format!(
                    "_changes?style=all_docs&since={since}&limit={}",
                    self.batch
                ))))
            }
            Direction::Push => {
                let since = self.since.as_u64().unwrap_or(0);
                let changes = replica.changes_since(since, self.batch);
                let Some(last) = changes.last() else { return Ok(self.finish()) };
                let last_seq = json!(last.seq);
                let more = changes.len() >= self.batch;
                let offered: BTreeMap<DocId, Vec<Rev>> =
                    changes.into_iter().map(|c| (c.id, c.leaves)).collect();
                let body = revs_body(&offered);
                self.state = State::RevsDiff { last_seq, more, offered, verify: false };
                Ok(Step::Send(Request::post("_revs_diff", body)))
            }
        }
    }

    /// Records the checkpoint here first, then on the server: if the server's answer is lost,
    /// the two may differ, and a differing pair is never trusted (the next run starts over
    /// from 0 and `_revs_diff` finds nothing missing).
    fn save_checkpoint(
        &mut self,
        replica: &mut impl LocalReplica,
        last_seq: Value,
        more: bool,
    ) -> Result<Step, SyncError> {
        replica.set_checkpoint(&self.id, last_seq.clone())?;
        let mut body = json!({ "last_seq": last_seq });
        if let Some(rev) = &self.checkpoint_rev {
            body["_rev"] = json!(rev);
        }
        self.state = State::SaveCheckpoint { last_seq, more };
        Ok(Step::Send(Request::put(self.checkpoint_path(), body)))
    }

    fn on_revs_diff(
        &mut self,
        resp: &Response,
        replica: &mut impl LocalReplica,
        (last_seq, more): (Value, bool),
        offered: &BTreeMap<DocId, Vec<Rev>>,
        verify: bool,
    ) -> Result<Step, SyncError> {
        check_status(resp, &[200])?;
        let diff = resp
            .body
            .as_object()
            .ok_or(SyncError::Protocol("_revs_diff answer is not an object"))?;
        let mut docs = Vec::new();
        let mut sent: BTreeMap<DocId, Vec<Rev>> = BTreeMap::new();
        for (raw_id, entry) in diff {
            let id = DocId::parse(raw_id)
                .map_err(|_| SyncError::Protocol("_revs_diff named a document not offered"))?;
            let revs = offered
                .get(&id)
                .ok_or(SyncError::Protocol("_revs_diff named a document not offered"))?;
            let missing = entry
                .get("missing")
                .and_then(Value::as_array)
                .ok_or(SyncError::Protocol("_revs_diff without missing"))?;
            for raw in missing {
                let rev: Rev = raw
                    .as_str()
                    .and_then(|r| r.parse().ok())
                    .ok_or(SyncError::Protocol("_revs_diff revision unreadable"))?;
                if !revs.contains(&rev) {
                    return Err(SyncError::Protocol("_revs_diff named a revision not offered"));
                }
                if verify {
                    return Err(SyncError::NotStored { id: id.as_str().to_owned() });
                }
                let doc = replica
                    .revision(&id, &rev)
                    .ok_or(ReplicaError::Storage("a local revision is gone".into()))?;
                docs.push(doc.to_json());
                sent.entry(id.clone()).or_default().push(rev);
            }
        }
        if verify {
            self.report.revisions += offered.values().map(Vec::len).sum::<usize>();
        }
        if docs.is_empty() {
            return self.save_checkpoint(replica, last_seq, more);
        }
        self.state = State::BulkDocs { last_seq, more, sent };
        Ok(Step::Send(Request::post("_bulk_docs", json!({ "docs": docs, "new_edits": false }))))
    }
}

/// A `_revs_diff` body: each document's revisions, as text.
fn revs_body(revs: &BTreeMap<DocId, Vec<Rev>>) -> Value {
    let body: Map<String, Value> = revs
        .iter()
        .map(|(id, r)| {
            (id.as_str().to_owned(), json!(r.iter().map(Rev::to_string).collect::<Vec<_>>()))
        })
        .collect();
    Value::Object(body)
}

#[path = "replicator_pull.rs"]
mod pull;

#[cfg(test)]
#[path = "replicator_tests.rs"]
mod tests;
