//! Browser tests of the IndexedDB replica (real IndexedDB in headless Chromium) and of
//! replication between two replicas through the real sync server (COUCH_URL at compile time):
//! what is stored survives reopening, edits move both ways, a conflict keeps both leaves and
//! their common base, and nothing but envelopes is stored.

#![cfg(target_arch = "wasm32")]

mod sync_support;

use senda::sync::crypto::random_bytes;
use senda::sync::local_replica::{IdbReplica, Link};
use senda::sync::replicate::replicate;
use senda_core::sync::envelope::{Content, DocId, DocKind, Sealed, TAG_LEN};
use senda_core::sync::replica::LocalReplica;
use senda_core::sync::replicator::{waiting_to_go_up, Direction};
use serde_json::json;
use sync_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn sealed(n: u8) -> Content {
    Content::Sealed(Sealed { kid: "c-1".into(), iv: [n; 12], ct: vec![n; 1024 + TAG_LEN] })
}

fn rand16() -> [u8; 16] {
    random_bytes::<16>().expect("random")
}

async fn fresh_replica() -> (String, IdbReplica) {
    let name = format!("senda-sync-{}", opaque());
    IdbReplica::delete(&name).await.expect("delete");
    (name.clone(), IdbReplica::open(&name).await.expect("open replica"))
}

#[wasm_bindgen_test]
async fn a_replica_survives_reopening_with_its_trees_links_and_checkpoints() {
    let (name, mut a) = fresh_replica().await;
    let id = DocId::new(DocKind::Mutable, rand16());
    let r1 = a.write(&id, None, sealed(1), rand16()).expect("write");
    let r2 = a.write(&id, Some(&r1), sealed(2), rand16()).expect("write");
    let r2b = a.branch(&id, &r1, sealed(3), rand16()).expect("branch");
    let event = DocId::new(DocKind::Event, rand16());
    a.write(&event, None, sealed(4), rand16()).expect("event");
    a.set_checkpoint("senda-pull-x", json!(7)).expect("checkpoint");
    let link = Link { case: "case-1".into(), section: "profile".into(), synced: Some(r2.clone()) };
    a.set_link(&id, link.clone());
    a.flush().await.expect("flush");
    let replica_id = a.replica_id().to_owned();
    let waiting = waiting_to_go_up(&a);
    a.close();

    let b = IdbReplica::open(&name).await.expect("reopen");
    assert_eq!(b.replica_id(), replica_id, "the replica keeps its id (its checkpoints' name)");
    assert_eq!(b.tree(&id).expect("tree").conflicts(), {
        let mut both = vec![r2.clone(), r2b.clone()];
        both.sort();
        both
    });
    assert_eq!(b.content(&id, &r1), Some(&sealed(1)), "the merge base is kept");
    assert_eq!(b.content(&event, &b.tree(&event).unwrap().winner().unwrap()), Some(&sealed(4)));
    assert_eq!(b.checkpoint("senda-pull-x"), Some(json!(7)));
    assert_eq!(b.link(&id), Some(&link));
    assert_eq!(waiting_to_go_up(&b), waiting);
    assert_eq!(b.changes_since(0, 10).len(), 2, "both documents are edits made here");
    b.close();
    IdbReplica::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn an_event_is_written_once_and_a_write_on_an_unknown_parent_is_refused() {
    let (name, mut a) = fresh_replica().await;
    let event = DocId::new(DocKind::Event, rand16());
    let r1 = a.write(&event, None, sealed(1), rand16()).expect("event");
    assert!(a.write(&event, Some(&r1), sealed(2), rand16()).is_err(), "events are append-only");
    let id = DocId::new(DocKind::Mutable, rand16());
    a.write(&id, None, sealed(1), rand16()).expect("write");
    assert!(a.write(&id, None, sealed(2), rand16()).is_err(), "a second root is not an edit");
    a.close();
    IdbReplica::delete(&name).await.expect("delete");
}

#[wasm_bindgen_test]
async fn two_replicas_replicate_through_the_server_and_a_conflict_keeps_both_leaves() {
    let (_, db) = fresh_db().await;
    let (name_a, mut a) = fresh_replica().await;
    let (name_b, mut b) = fresh_replica().await;

    let ids: Vec<DocId> = (0..3).map(|_| DocId::new(DocKind::Mutable, rand16())).collect();
    let mut revs = Vec::new();
    for (n, id) in ids.iter().enumerate() {
        revs.push(a.write(id, None, sealed(n as u8), rand16()).expect("write"));
    }
    let r2 = a.write(&ids[0], Some(&revs[0]), sealed(9), rand16()).expect("edit");
    assert_eq!(waiting_to_go_up(&a), 3);
    let pushed = replicate(Direction::Push, &mut a, &db).await.expect("push");
    assert_eq!(pushed.revisions, 3, "the leaves go up with their ancestry: {pushed:?}");
    assert_eq!(waiting_to_go_up(&a), 0, "nothing waits once the server confirmed it");

    let pulled = replicate(Direction::Pull, &mut b, &db).await.expect("pull");
    assert_eq!(pulled.revisions, 3, "the leaves, with their ancestry: {pulled:?}");
    assert_eq!(b.tree(&ids[0]).expect("tree").live_leaves(), vec![r2.clone()]);
    assert_eq!(b.content(&ids[0], &r2), Some(&sealed(9)));
    assert_eq!(waiting_to_go_up(&b), 0, "pulled documents are not offered back");

    // Both edit the same document from the same revision, then both sync.
    let ours = a.write(&ids[0], Some(&r2), sealed(10), rand16()).expect("a edits");
    let theirs = b.write(&ids[0], Some(&r2), sealed(11), rand16()).expect("b edits");
    replicate(Direction::Push, &mut a, &db).await.expect("a pushes");
    replicate(Direction::Push, &mut b, &db).await.expect("b pushes");
    replicate(Direction::Pull, &mut a, &db).await.expect("a pulls");
    replicate(Direction::Pull, &mut b, &db).await.expect("b pulls");
    let mut both = vec![ours.clone(), theirs.clone()];
    both.sort();
    for replica in [&a, &b] {
        let tree = replica.tree(&ids[0]).expect("tree");
        assert_eq!(tree.conflicts(), both, "both leaves, on both phones");
        assert_eq!(tree.common_ancestor(&ours, &theirs), Some(r2.clone()));
        assert_eq!(replica.content(&ids[0], &r2), Some(&sealed(9)), "the base stays for the merge");
        assert_eq!(replica.conflicted(), vec![ids[0].clone()]);
    }
    // A second pull finds nothing new; the checkpoint is reused.
    let again = replicate(Direction::Pull, &mut b, &db).await.expect("pull again");
    assert_eq!(again.revisions, 0);

    // Reopened from IndexedDB, B still knows the conflict and resumes where it stopped.
    b.close();
    let mut b = IdbReplica::open(&name_b).await.expect("reopen");
    assert_eq!(b.tree(&ids[0]).expect("tree").conflicts(), both);
    let resumed = replicate(Direction::Pull, &mut b, &db).await.expect("pull after reopening");
    assert_eq!(resumed.revisions, 0, "{resumed:?}");
    a.close();
    b.close();
    IdbReplica::delete(&name_a).await.expect("delete");
    IdbReplica::delete(&name_b).await.expect("delete");
    drop_db(&db).await;
}
