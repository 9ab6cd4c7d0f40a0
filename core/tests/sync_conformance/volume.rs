//! A team's caseload through the real server: how many round trips a new phone's first sync and
//! one edit's trip take (the figures that matter on a slow network), and that nothing is missed.

use crate::server::TestDb;
use crate::{leaf, new_id, phone, random_array, sealed};
use senda_core::sync::envelope::DocKind;
use senda_core::sync::replicator::{waiting_to_go_up, Direction};
use std::time::Instant;

#[test]
fn a_new_phone_gets_two_thousand_documents_in_bounded_round_trips_and_one_edit_travels_in_seven() {
    let db = TestDb::create();
    let (mut a, mut b) = (phone("a"), phone("b"));
    let ids: Vec<_> = (0..2_000).map(|_| new_id(DocKind::Mutable)).collect();
    for id in &ids {
        a.write(id, None, sealed("c-10"), random_array()).unwrap();
    }
    let started = Instant::now();
    let pushed = db.run(Direction::Push, &mut a, 100).unwrap();
    let push_time = started.elapsed();
    // The checkpoint read, then per batch: _revs_diff, _bulk_docs, the verifying _revs_diff and
    // the checkpoint write; a last look finds nothing more.
    assert_eq!((pushed.revisions, pushed.batches), (2_000, 20));
    assert!(pushed.requests <= 1 + 20 * 4 + 1, "{} requests", pushed.requests);

    let started = Instant::now();
    let pulled = db.run(Direction::Pull, &mut b, 100).unwrap();
    let pull_time = started.elapsed();
    assert_eq!(pulled.revisions, 2_000);
    // The checkpoint read, then per batch: _changes, _bulk_get, the checkpoint write; and an
    // empty _changes at the end.
    assert!(pulled.requests <= 1 + 20 * 3 + 1, "{} requests", pulled.requests);
    assert_eq!(b.snapshot(), a.snapshot());
    assert_eq!(waiting_to_go_up(&b), 0, "what a phone pulled is not waiting to go up");
    assert_eq!(db.run(Direction::Push, &mut b, 100).unwrap().requests, 1, "nothing to offer back");

    // One edit on A reaches B.
    let edited = &ids[1_234];
    let parent = leaf(&a, edited);
    let rev = a.write(edited, Some(&parent), sealed("c-10"), random_array()).unwrap();
    // A session keeps each direction's checkpoint between runs (the first round trip saved).
    let a_push = pushed.checkpoint.expect("a finished run reports its checkpoint");
    let b_pull = pulled.checkpoint.expect("a finished run reports its checkpoint");
    let up = db.run_resumed(Direction::Push, &mut a, 100, &a_push).unwrap();
    let down = db.run_resumed(Direction::Pull, &mut b, 100, &b_pull).unwrap();
    assert_eq!(leaf(&b, edited), rev);
    assert_eq!((up.requests, down.requests), (4, 3), "push: _revs_diff, _bulk_docs, _revs_diff, checkpoint; pull: _changes, _bulk_get, checkpoint");
    let idle =
        db.run_resumed(Direction::Push, &mut a, 100, up.checkpoint.as_ref().unwrap()).unwrap();
    assert_eq!(idle.requests, 0, "a push with nothing new costs nothing");
    eprintln!(
        "2,000 documents: push {} requests in {push_time:?}, first pull {} requests in {pull_time:?}; \
         one edit: {} + {} requests",
        pushed.requests, pulled.requests, up.requests, down.requests
    );
}
