//! The pull half of the replicator: reading `_changes` and `_bulk_get` answers.

use super::{Replicator, State, Step};
use crate::sync::envelope::{DocId, EnvelopeDoc, EnvelopeError};
use crate::sync::http::{Request, Response};
use crate::sync::replica::LocalReplica;
use crate::sync::revtree::Rev;
use crate::sync::sync_error::{check_status, SyncError};
use serde_json::{json, Value};
use std::collections::BTreeMap;

impl Replicator {
    pub(super) fn on_changes(
        &mut self,
        resp: &Response,
        replica: &mut impl LocalReplica,
    ) -> Result<Step, SyncError> {
        check_status(resp, &[200])?;
        let rows = resp
            .body
            .get("results")
            .and_then(Value::as_array)
            .ok_or(SyncError::Protocol("_changes without results"))?;
        let last_seq =
            resp.body.get("last_seq").filter(|v| v.is_number() || v.is_string()).cloned();
        let last_seq = last_seq.ok_or(SyncError::Protocol("_changes without last_seq"))?;
        let more = rows.len() >= self.batch;
        let mut wanted = BTreeMap::new();
        for row in rows {
            let raw_id = row
                .get("id")
                .and_then(Value::as_str)
                .ok_or(SyncError::Protocol("change without id"))?;
            if raw_id.starts_with("_design/") {
                continue;
            }
            let bad =
                |error| SyncError::BadDocument { id: raw_id.chars().take(64).collect(), error };
            let id = DocId::parse(raw_id).map_err(bad)?;
            let changes = row
                .get("changes")
                .and_then(Value::as_array)
                .ok_or(SyncError::Protocol("change without revisions"))?;
            let revs: Vec<Rev> = changes
                .iter()
                .map(|c| c.get("rev").and_then(Value::as_str).and_then(|r| r.parse().ok()))
                .collect::<Option<_>>()
                .ok_or_else(|| bad(EnvelopeError::BadRev))?;
            let missing = replica.missing(&id, &revs);
            if !missing.is_empty() {
                wanted.insert(id, missing);
            }
        }
        if wanted.is_empty() {
            if rows.is_empty() && last_seq == self.since {
                return Ok(self.finish());
            }
            return self.save_checkpoint(replica, last_seq, more);
        }
        let docs: Vec<Value> = wanted
            .iter()
            .flat_map(|(id, revs)| {
                revs.iter().map(move |r| json!({"id": id.as_str(), "rev": r.to_string()}))
            })
            .collect();
        self.state = State::BulkGet { last_seq, more, wanted };
        Ok(Step::Send(Request::post("_bulk_get?revs=true", json!({ "docs": docs }))))
    }

    pub(super) fn read_bulk_get(
        &mut self,
        resp: &Response,
        wanted: &BTreeMap<DocId, Vec<Rev>>,
    ) -> Result<Vec<EnvelopeDoc>, SyncError> {
        let results = resp
            .body
            .get("results")
            .and_then(Value::as_array)
            .ok_or(SyncError::Protocol("_bulk_get without results"))?;
        let mut docs = Vec::new();
        for result in results {
            let entries = result
                .get("docs")
                .and_then(Value::as_array)
                .ok_or(SyncError::Protocol("_bulk_get result without docs"))?;
            for entry in entries {
                if let Some(raw) = entry.get("ok") {
                    let id = raw
                        .get("_id")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .chars()
                        .take(64)
                        .collect();
                    let doc = EnvelopeDoc::from_json(raw)
                        .map_err(|error| SyncError::BadDocument { id, error })?;
                    if doc.revisions.is_none() {
                        let id = doc.id.as_str().to_owned();
                        return Err(SyncError::BadDocument {
                            id,
                            error: EnvelopeError::MissingField("_revisions"),
                        });
                    }
                    if !wanted.get(&doc.id).is_some_and(|revs| revs.contains(&doc.rev)) {
                        return Err(SyncError::Protocol("_bulk_get sent a revision not asked for"));
                    }
                    docs.push(doc);
                } else if entry.get("error").is_some() {
                    self.report.unavailable += 1;
                } else {
                    return Err(SyncError::Protocol("_bulk_get entry neither ok nor error"));
                }
            }
        }
        Ok(docs)
    }
}
