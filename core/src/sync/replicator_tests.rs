//! The replicator's answers to responses shaped as CouchDB documents them (the conversation with
//! a real server is in `core/tests/sync_conformance.rs`).
use super::*;
use crate::sync::envelope::{Content, DocKind, EnvelopeError, Sealed, TAG_LEN};
use crate::sync::replica::MemoryReplica;

fn ok(body: Value) -> Response {
    Response { status: 200, body }
}

fn sealed() -> Content {
    Content::Sealed(Sealed { kid: "c-1".into(), iv: [1; 12], ct: vec![2; 1024 + TAG_LEN] })
}

#[test]
fn a_run_starts_by_reading_this_replicas_checkpoint() {
    let replica = MemoryReplica::new("r1");
    let (rep, first) = Replicator::start(Direction::Pull, &replica, 5_000);
    assert_eq!(first, Request::get("_local/senda-pull-r1"));
    assert_eq!(rep.replication_id(), "senda-pull-r1");
    assert_eq!(rep.batch, MAX_BATCH, "batches are bounded");
}

#[test]
fn a_server_checkpoint_this_replica_did_not_record_is_not_trusted() {
    let mut replica = MemoryReplica::new("r1");
    let (mut rep, _) = Replicator::start(Direction::Pull, &replica, 10);
    let step = rep
        .handle(
            &ok(json!({"_id": "_local/senda-pull-r1", "_rev": "0-3", "last_seq": 40})),
            &mut replica,
        )
        .unwrap();
    assert_eq!(step, Step::Send(Request::get("_changes?style=all_docs&since=0&limit=10")));
    replica.set_checkpoint("senda-pull-r1", json!(40)).unwrap();
    let (mut rep, _) = Replicator::start(Direction::Pull, &replica, 10);
    let step = rep.handle(&ok(json!({"_rev": "0-3", "last_seq": 40})), &mut replica).unwrap();
    assert_eq!(step, Step::Send(Request::get("_changes?style=all_docs&since=40&limit=10")));
}

#[test]
fn a_plaintext_document_in_a_pull_is_refused_and_nothing_is_stored() {
    let mut replica = MemoryReplica::new("r1");
    let id = DocId::new(DocKind::Mutable, [3; 16]);
    let rev = Rev::child_of(None, [4; 16]);
    let (mut rep, _) = Replicator::start(Direction::Pull, &replica, 10);
    rep.handle(&Response { status: 404, body: json!({"error": "not_found"}) }, &mut replica)
        .unwrap();
    let changes = json!({"results": [{"seq": 1, "id": id.as_str(), "changes": [{"rev": rev.to_string()}]}], "last_seq": 1});
    let Step::Send(get) = rep.handle(&ok(changes), &mut replica).unwrap() else {
        panic!("expected _bulk_get")
    };
    assert_eq!(get.path, "_bulk_get?revs=true");
    let plaintext = json!({"_id": id.as_str(), "_rev": rev.to_string(), "_revisions": {"start": 1, "ids": [rev.hash]}, "name": "Ana"});
    let answer = ok(json!({"results": [{"id": id.as_str(), "docs": [{"ok": plaintext}]}]}));
    let err = rep.handle(&answer, &mut replica).unwrap_err();
    assert_eq!(
        err,
        SyncError::BadDocument {
            id: id.as_str().into(),
            error: EnvelopeError::UnexpectedField("name".into())
        }
    );
    assert_eq!(err.message_key(), "sync.error.bad_document");
    assert!(replica.ids().is_empty());
    assert_eq!(replica.checkpoint("senda-pull-r1"), None);
    assert_eq!(
        rep.handle(&ok(json!({})), &mut replica),
        Err(SyncError::NotWaiting),
        "the run is over"
    );
}

#[test]
fn a_refused_account_is_told_apart_from_a_server_fault() {
    let mut replica = MemoryReplica::new("r1");
    for (status, error) in [
        (401, SyncError::Unauthorized),
        (403, SyncError::Unauthorized),
        (503, SyncError::Server(503)),
    ] {
        let (mut rep, _) = Replicator::start(Direction::Push, &replica, 10);
        assert_eq!(rep.handle(&Response { status, body: Value::Null }, &mut replica), Err(error));
    }
}

#[test]
fn a_push_with_nothing_new_ends_without_writing() {
    let mut replica = MemoryReplica::new("r1");
    let (mut rep, _) = Replicator::start(Direction::Push, &replica, 10);
    let step = rep.handle(&Response { status: 404, body: json!({}) }, &mut replica).unwrap();
    let checkpoint = Some(Checkpoint { since: json!(0), rev: None });
    assert_eq!(step, Step::Done(Report { requests: 1, checkpoint, ..Report::default() }));
}

#[test]
fn a_push_offers_every_leaf_and_sends_only_what_the_server_lacks_with_its_ancestry() {
    let mut replica = MemoryReplica::new("r1");
    let id = DocId::new(DocKind::Mutable, [5; 16]);
    let first = replica.write(&id, None, sealed(), [6; 16]).unwrap();
    let second = replica.write(&id, Some(&first), sealed(), [7; 16]).unwrap();
    let (mut rep, _) = Replicator::start(Direction::Push, &replica, 10);
    let Step::Send(diff) =
        rep.handle(&Response { status: 404, body: json!({}) }, &mut replica).unwrap()
    else {
        panic!()
    };
    assert_eq!(diff.body, Some(json!({ id.as_str(): [second.to_string()] })));
    let missing = ok(json!({ id.as_str(): {"missing": [second.to_string()]} }));
    let Step::Send(bulk) = rep.handle(&missing, &mut replica).unwrap() else { panic!() };
    let body = bulk.body.unwrap();
    assert_eq!(body["new_edits"], false);
    assert_eq!(
        body["docs"][0]["_revisions"],
        json!({"start": 2, "ids": [second.hash, first.hash]})
    );
    let rejected = Response {
        status: 201,
        body: json!([{"id": id.as_str(), "error": "forbidden", "reason": "not an envelope"}]),
    };
    let err = rep.handle(&rejected, &mut replica).unwrap_err();
    assert_eq!(
        err,
        SyncError::Rejected { id: id.as_str().into(), reason: "not an envelope".into() }
    );
    assert_eq!(replica.checkpoint("senda-push-r1"), None, "a refused batch moves no checkpoint");
}

#[test]
fn a_server_that_accepts_a_push_but_keeps_nothing_is_caught_before_the_checkpoint_moves() {
    let mut replica = MemoryReplica::new("r1");
    let id = DocId::new(DocKind::Event, [8; 16]);
    let rev = replica.write(&id, None, sealed(), [9; 16]).unwrap();
    let (mut rep, _) = Replicator::start(Direction::Push, &replica, 10);
    rep.handle(&Response { status: 404, body: json!({}) }, &mut replica).unwrap();
    let missing = ok(json!({ id.as_str(): {"missing": [rev.to_string()]} }));
    rep.handle(&missing, &mut replica).unwrap();
    let Step::Send(verify) =
        rep.handle(&Response { status: 201, body: json!([]) }, &mut replica).unwrap()
    else {
        panic!("expected a second _revs_diff")
    };
    assert_eq!(verify.path, "_revs_diff");
    assert_eq!(
        rep.handle(&missing, &mut replica),
        Err(SyncError::NotStored { id: id.as_str().into() })
    );
    assert_eq!(replica.checkpoint("senda-push-r1"), None);
}

#[test]
fn a_couchdb_3_sequence_string_is_sent_back_encoded() {
    let mut replica = MemoryReplica::new("r1");
    let seq = json!("12-g1AAAAB&x=1/y");
    replica.set_checkpoint("senda-pull-r1", seq.clone()).unwrap();
    let (mut rep, _) = Replicator::start(Direction::Pull, &replica, 10);
    let step = rep.handle(&ok(json!({"_rev": "0-1", "last_seq": seq})), &mut replica).unwrap();
    let expected = "_changes?style=all_docs&since=12-g1AAAAB%26x%3D1%2Fy&limit=10";
    assert_eq!(step, Step::Send(Request::get(expected)));
}
