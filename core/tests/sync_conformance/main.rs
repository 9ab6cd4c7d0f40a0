//! Conformance of the sync core with a real CouchDB-protocol server, driven by one URL.
//!
//! Run: `COUCH_URL=http://admin:pass@127.0.0.1:5984/ cargo test -p senda-core --features sync-conformance --test sync_conformance`
//! (`scripts/sync-server.sh start` starts PouchDB Server and prints such a URL; the same suite
//! runs unchanged against CouchDB 3.x over plain http). The account must be able to create and
//! delete databases: each test makes its own, with a random name, and deletes it at the end.
//! Two in-memory replicas stand for two phones; every request goes to the server.

mod append_only;
mod server;
mod volume;

use senda_core::sync::envelope::{Content, DocId, DocKind, Sealed, TAG_LEN};
use senda_core::sync::replica::{LocalReplica, MemoryReplica};
use senda_core::sync::replicator::{waiting_to_go_up, Direction, SyncError};
use senda_core::sync::revtree::Rev;
use serde_json::json;
use server::{random_bytes, TestDb};

/// A sealed revision standing for an encrypted section: random bytes in a padded bucket (the
/// server cannot tell them from AES-GCM output, which is the point).
fn sealed(kid: &str) -> Content {
    let mut ct = vec![0; 1024 + TAG_LEN];
    ct.iter_mut().zip(random_bytes(1024 + TAG_LEN)).for_each(|(b, r)| *b = r);
    Content::Sealed(Sealed { kid: kid.into(), iv: random_array(), ct })
}

fn random_array<const N: usize>() -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&random_bytes(N));
    out
}

fn new_id(kind: DocKind) -> DocId {
    DocId::new(kind, random_array())
}

fn phone(name: &str) -> MemoryReplica {
    MemoryReplica::new(format!("{name}-{}", server::hex(&random_bytes(4))))
}

/// The current leaf of a document with no conflict.
fn leaf(replica: &MemoryReplica, id: &DocId) -> Rev {
    let leaves = replica.tree(id).expect("document present").live_leaves();
    assert_eq!(leaves.len(), 1, "one live leaf expected");
    leaves[0].clone()
}

#[test]
fn a_case_made_on_one_phone_appears_on_the_other_and_a_second_run_moves_nothing() {
    let db = TestDb::create();
    let (mut a, mut b) = (phone("a"), phone("b"));
    let profile = new_id(DocKind::Mutable);
    let screening = new_id(DocKind::Mutable);
    let note = new_id(DocKind::Event);
    let r1 = a.write(&profile, None, sealed("c-1"), random_array()).unwrap();
    a.write(&profile, Some(&r1), sealed("c-1"), random_array()).unwrap();
    a.write(&screening, None, sealed("c-1"), random_array()).unwrap();
    a.write(&note, None, sealed("c-1"), random_array()).unwrap();
    // The real team database holds the validate_doc_update design document: pulls skip it.
    db.put_raw("_design/senda", json!({"validate_doc_update": "function (n, o) {}"}));

    assert_eq!(waiting_to_go_up(&a), 3);
    let pushed = db.run(Direction::Push, &mut a, 2).unwrap();
    assert_eq!(pushed.revisions, 3);
    assert!(pushed.batches >= 2, "three documents in batches of two");
    let pulled = db.run(Direction::Pull, &mut b, 2).unwrap();
    assert_eq!(pulled.revisions, 3);
    assert_eq!(b.snapshot().len(), 3);
    for id in [&profile, &screening, &note] {
        let rev = leaf(&a, id);
        assert_eq!(b.content(id, &rev), a.content(id, &rev), "same sealed bytes on both phones");
        assert_eq!(b.tree(id).unwrap().live_leaves(), vec![rev.clone()]);
        assert_eq!(
            db.get(id.as_str())["_rev"],
            rev.to_string(),
            "the server stored the same revision"
        );
    }
    assert_eq!(
        db.run(Direction::Pull, &mut b, 2).unwrap().revisions,
        0,
        "incremental: nothing new"
    );
    assert_eq!(db.run(Direction::Push, &mut a, 2).unwrap().revisions, 0);
    assert_eq!(
        db.run(Direction::Push, &mut b, 2).unwrap().revisions,
        0,
        "what B pulled is already there"
    );
}

#[test]
fn both_phones_editing_one_section_offline_keep_both_leaves_and_see_the_same_conflict() {
    let db = TestDb::create();
    let (mut a, mut b) = (phone("a"), phone("b"));
    let section = new_id(DocKind::Mutable);
    let base = a.write(&section, None, sealed("c-1"), random_array()).unwrap();
    db.sync(&mut a);
    db.sync(&mut b);
    let ours = a.write(&section, Some(&base), sealed("c-1"), random_array()).unwrap();
    let theirs = b.write(&section, Some(&base), sealed("c-1"), random_array()).unwrap();
    db.sync(&mut a);
    db.sync(&mut b);
    db.sync(&mut a);

    let mut both = vec![ours.clone(), theirs.clone()];
    both.sort();
    for replica in [&a, &b] {
        let tree = replica.tree(&section).unwrap();
        assert_eq!(tree.conflicts(), both, "both leaves kept and the conflict detected");
        assert_eq!(replica.conflicted(), vec![section.clone()], "listed as a conflict");
        assert_eq!(tree.common_ancestor(&ours, &theirs), Some(base.clone()));
        assert!(
            replica.content(&section, &ours).is_some()
                && replica.content(&section, &theirs).is_some()
        );
    }
    // The server agrees: the same two leaves, and the same deterministic winner.
    let server_doc = db.get(&format!("{}?conflicts=true", section.as_str()));
    let winner = a.tree(&section).unwrap().winner().unwrap();
    assert_eq!(server_doc["_rev"], winner.to_string());
    let loser = both.iter().find(|r| **r != winner).unwrap();
    assert_eq!(server_doc["_conflicts"], json!([loser.to_string()]));
}

#[test]
fn edits_to_different_sections_of_one_case_merge_without_conflict() {
    let db = TestDb::create();
    let (mut a, mut b) = (phone("a"), phone("b"));
    let profile = new_id(DocKind::Mutable);
    let procedure = new_id(DocKind::Mutable);
    let p0 = a.write(&profile, None, sealed("c-2"), random_array()).unwrap();
    let q0 = a.write(&procedure, None, sealed("c-2"), random_array()).unwrap();
    db.sync(&mut a);
    db.sync(&mut b);
    let p1 = a.write(&profile, Some(&p0), sealed("c-2"), random_array()).unwrap();
    let q1 = b.write(&procedure, Some(&q0), sealed("c-2"), random_array()).unwrap();
    db.sync(&mut a);
    db.sync(&mut b);
    db.sync(&mut a);
    for replica in [&a, &b] {
        assert_eq!(replica.tree(&profile).unwrap().live_leaves(), vec![p1.clone()]);
        assert_eq!(replica.tree(&procedure).unwrap().live_leaves(), vec![q1.clone()]);
        assert!(replica.tree(&profile).unwrap().conflicts().is_empty());
        assert!(replica.tree(&procedure).unwrap().conflicts().is_empty());
    }
    assert_eq!(a.snapshot(), b.snapshot());
}

#[test]
fn closing_the_losing_branch_with_a_tombstone_resolves_the_conflict_on_every_phone_and_the_server()
{
    let db = TestDb::create();
    let (mut a, mut b) = (phone("a"), phone("b"));
    let section = new_id(DocKind::Mutable);
    let base = a.write(&section, None, sealed("c-3"), random_array()).unwrap();
    db.sync(&mut a);
    db.sync(&mut b);
    let ours = a.write(&section, Some(&base), sealed("c-3"), random_array()).unwrap();
    let theirs = b.write(&section, Some(&base), sealed("c-3"), random_array()).unwrap();
    db.sync(&mut a);
    db.sync(&mut b);
    db.sync(&mut a);
    // A resolves: the merged version on top of its leaf, a tombstone on the other.
    let merged = a.write(&section, Some(&ours), sealed("c-3"), random_array()).unwrap();
    a.write(&section, Some(&theirs), Content::Tombstone, random_array()).unwrap();
    db.sync(&mut a);
    db.sync(&mut b);
    for replica in [&a, &b] {
        let tree = replica.tree(&section).unwrap();
        assert!(tree.conflicts().is_empty());
        assert_eq!(tree.live_leaves(), vec![merged.clone()]);
    }
    let server_doc = db.get(&format!("{}?conflicts=true", section.as_str()));
    assert_eq!(server_doc["_rev"], merged.to_string());
    assert!(server_doc.get("_conflicts").is_none(), "{server_doc}");
}

/// The network is cut after the server received request `k` of a push: its answer never
/// arrives. Whatever `k`, the next run completes and the other phone gets every revision.
#[test]
fn a_cut_at_any_point_of_a_push_loses_nothing_and_the_next_run_completes() {
    let mut cut_points = 0;
    for k in 0.. {
        let db = TestDb::create();
        let (mut a, mut b) = (phone("a"), phone("b"));
        let ids: Vec<DocId> = (0..5).map(|_| new_id(DocKind::Mutable)).collect();
        for id in &ids {
            a.write(id, None, sealed("c-4"), random_array()).unwrap();
        }
        let Some(sent) = db.run_cut_after(Direction::Push, &mut a, 2, k) else { break };
        assert_eq!(sent, k + 1);
        cut_points += 1;
        // Requests: the checkpoint read, then per batch of two _revs_diff, _bulk_docs, the
        // verifying _revs_diff and the checkpoint write (recorded here as it is sent).
        assert_eq!(
            waiting_to_go_up(&a),
            5usize.saturating_sub(2 * (k / 4)),
            "cut after request {k}"
        );
        let resumed = db.run(Direction::Push, &mut a, 2).unwrap();
        assert!(resumed.revisions <= 5);
        assert_eq!(waiting_to_go_up(&a), 0);
        db.run(Direction::Pull, &mut b, 2).unwrap();
        assert_eq!(b.snapshot(), a.snapshot(), "cut after request {k}");
    }
    assert_eq!(cut_points, 13, "a push of 5 documents in batches of 2 makes 13 requests");
}

#[test]
fn a_cut_during_a_pull_loses_nothing_and_the_next_run_completes() {
    for k in 0..6 {
        let db = TestDb::create();
        let (mut a, mut b) = (phone("a"), phone("b"));
        for _ in 0..3 {
            a.write(&new_id(DocKind::Event), None, sealed("c-5"), random_array()).unwrap();
        }
        db.run(Direction::Push, &mut a, 10).unwrap();
        let stopped = db.run_cut_after(Direction::Pull, &mut b, 2, k);
        db.run(Direction::Pull, &mut b, 2).unwrap();
        assert_eq!(b.snapshot(), a.snapshot(), "cut after request {k} ({stopped:?} sent)");
    }
}

#[test]
fn a_garbage_or_tampered_document_from_the_server_is_refused_and_changes_nothing_locally() {
    let garbage = [
        ("plaintext", json!({"name": "Ana", "country": "CO"})),
        (
            "extra field",
            json!({"v": 1, "kid": "c-1", "iv": "AAAAAAAAAAAAAAAA", "ct": "", "status": "open"}),
        ),
        (
            "unpadded",
            json!({"v": 1, "kid": "c-1", "iv": "AAAAAAAAAAAAAAAA", "ct": server::b64(&[7; 100])}),
        ),
        (
            "short iv",
            json!({"v": 1, "kid": "c-1", "iv": "AAAA", "ct": server::b64(&[7; 1024 + TAG_LEN])}),
        ),
        (
            "future version",
            json!({"v": 9, "kid": "c-1", "iv": "AAAAAAAAAAAAAAAA", "ct": server::b64(&[7; 1024 + TAG_LEN])}),
        ),
    ];
    for (what, body) in garbage {
        let db = TestDb::create();
        let (mut a, mut b) = (phone("a"), phone("b"));
        a.write(&new_id(DocKind::Mutable), None, sealed("c-6"), random_array()).unwrap();
        db.sync(&mut a);
        db.sync(&mut b);
        let before = b.snapshot();
        let checkpoint = b.checkpoint(&format!("senda-pull-{}", b.replica_id()));
        db.put_raw(new_id(DocKind::Mutable).as_str(), body);
        let err = db.run(Direction::Pull, &mut b, 10).unwrap_err();
        assert!(matches!(err, SyncError::BadDocument { .. }), "{what}: {err:?}");
        assert_eq!(err.message_key(), "sync.error.bad_document");
        assert_eq!(b.snapshot(), before, "{what}: nothing stored");
        assert_eq!(
            b.checkpoint(&format!("senda-pull-{}", b.replica_id())),
            checkpoint,
            "{what}: checkpoint unmoved"
        );
    }
    let db = TestDb::create();
    let mut b = phone("b");
    db.put_raw("case-ana", json!({"name": "Ana"}));
    let err = db.run(Direction::Pull, &mut b, 10).unwrap_err();
    assert!(
        matches!(err, SyncError::BadDocument { .. }),
        "a document id that is not random: {err:?}"
    );
    assert!(b.snapshot().is_empty());
}

#[test]
fn a_member_removed_from_the_database_can_no_longer_pull_or_push_and_keeps_its_local_copy() {
    let db = TestDb::create();
    let member = db.add_member();
    let as_member = db.as_user(&member);
    let mut phone = phone("m");
    phone.write(&new_id(DocKind::Mutable), None, sealed("c-7"), random_array()).unwrap();
    assert_eq!(
        as_member.run(Direction::Push, &mut phone, 10).unwrap().revisions,
        1,
        "a member syncs"
    );
    let before = phone.snapshot();
    db.set_members(&["senda-coordinator-only"]);
    phone.write(&new_id(DocKind::Mutable), None, sealed("c-7"), random_array()).unwrap();
    for direction in [Direction::Pull, Direction::Push] {
        let err = as_member.run(direction, &mut phone, 10).unwrap_err();
        assert_eq!(err, SyncError::Unauthorized, "{direction:?}");
        assert_eq!(err.message_key(), "sync.error.unauthorized");
    }
    assert_eq!(phone.snapshot().len(), before.len() + 1, "nothing local is lost");
}

#[test]
fn many_documents_move_in_bounded_batches() {
    let db = TestDb::create();
    let (mut a, mut b) = (phone("a"), phone("b"));
    for _ in 0..1_250 {
        a.write(&new_id(DocKind::Event), None, sealed("c-8"), random_array()).unwrap();
    }
    let pushed = db.run(Direction::Push, &mut a, 5_000).unwrap();
    assert_eq!((pushed.revisions, pushed.batches), (1_250, 3), "at most 500 per batch");
    let pulled = db.run(Direction::Pull, &mut b, 5_000).unwrap();
    assert_eq!(pulled.revisions, 1_250);
    assert!(pulled.batches >= 3);
    assert_eq!(b.snapshot(), a.snapshot());
}
