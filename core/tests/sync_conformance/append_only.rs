//! The id-prefix rule for append-only entries, enforced by a `validate_doc_update` on the real
//! server: every revision of an `e…` document but a first one (`1-…`) is refused, even a forged
//! one offered with `new_edits:false` and no parent the server could check.

use crate::server::TestDb;
use crate::{new_id, phone, random_array, sealed};
use senda_core::sync::envelope::EnvelopeError;
use senda_core::sync::envelope::{Content, DocKind};
use senda_core::sync::replica::ReplicaError;
use senda_core::sync::replicator::{Direction, SyncError};
use senda_core::sync::revtree::Rev;
use serde_json::json;

/// The rule as a design document (the team database's full validate_doc_update also refuses
/// anything that is not an envelope).
const APPEND_ONLY: &str = "function (newDoc, oldDoc) {
  var later = !!newDoc._rev && String(newDoc._rev).indexOf('1-') !== 0;
  if (newDoc._id.charAt(0) === 'e' && (oldDoc || later)) {
    throw { forbidden: 'an append-only entry cannot be changed or deleted' };
  }
}";

#[test]
fn the_server_refuses_any_later_revision_of_an_append_only_entry_and_the_replicator_says_so() {
    let db = TestDb::create();
    db.put_raw("_design/append-only", json!({ "validate_doc_update": APPEND_ONLY }));
    let mut a = phone("a");
    let event = new_id(DocKind::Event);
    let section = new_id(DocKind::Mutable);
    let first = a.write(&event, None, sealed("c-9"), random_array()).unwrap();
    let s1 = a.write(&section, None, sealed("c-9"), random_array()).unwrap();
    assert_eq!(db.run(Direction::Push, &mut a, 10).unwrap().revisions, 2, "first revisions pass");
    let s2 = a.write(&section, Some(&s1), sealed("c-9"), random_array()).unwrap();
    let pushed = db.run(Direction::Push, &mut a, 10).expect(
        "an edit pushed into a database with a validate_doc_update was not kept: PouchDB Server \
         4.2.0 needs tools/sync-server/patch.mjs (scripts/sync-server.sh applies it)",
    );
    assert_eq!(pushed.revisions, 1, "sections may change");
    let stored = db.get(&format!("{}?revs=true", section.as_str()));
    assert_eq!(stored["_rev"], s2.to_string(), "the server stored the edit");
    assert_eq!(stored["_revisions"]["ids"], json!([s2.hash, s1.hash]), "with its ancestry");

    // A phone (or a forger) offering an edit, a deletion, or a parentless later revision.
    let edit = sealed_json(
        &event.as_str().to_owned(),
        &Rev::child_of(Some(&first), random_array()),
        Some(&first),
    );
    let orphan =
        sealed_json(&event.as_str().to_owned(), &Rev::child_of(Some(&first), random_array()), None);
    let tomb_rev = Rev::child_of(Some(&first), random_array());
    let tombstone = json!({"_id": event.as_str(), "_rev": tomb_rev.to_string(), "_deleted": true,
        "_revisions": {"start": 2, "ids": [tomb_rev.hash, first.hash]}});
    for (what, doc) in [("edit", edit), ("parentless", orphan), ("deletion", tombstone)] {
        let answer = db.bulk_docs_replicated(doc);
        assert!(answer.to_string().contains("forbidden"), "{what}: {answer}");
    }
    assert_eq!(db.get(&format!("{}?conflicts=true", event.as_str()))["_rev"], first.to_string());

    assert_eq!(
        a.write(&event, Some(&first), Content::Tombstone, random_array()),
        Err(ReplicaError::AppendOnly),
        "the phone never makes one either"
    );
}

pub(crate) fn sealed_json(id: &str, rev: &Rev, parent: Option<&Rev>) -> serde_json::Value {
    let mut ids = vec![rev.hash.clone()];
    ids.extend(parent.map(|p| p.hash.clone()));
    let ct = senda_core::sync::b64::encode(&[5; 1024 + 16]);
    json!({"_id": id, "_rev": rev.to_string(), "_revisions": {"start": rev.pos, "ids": ids},
        "v": 1, "kid": "c-9", "iv": senda_core::sync::b64::encode(&[1; 12]), "ct": ct})
}

#[test]
fn a_changed_append_only_entry_from_a_server_without_the_rule_is_refused_on_pull() {
    let db = TestDb::create();
    let (mut a, mut b) = (phone("a"), phone("b"));
    let event = new_id(DocKind::Event);
    let first = a.write(&event, None, sealed("c-9"), random_array()).unwrap();
    db.run(Direction::Push, &mut a, 10).unwrap();
    // No validate_doc_update here: the server (or whoever controls it) edits the entry.
    let mut edited = sealed_json(event.as_str(), &first, None);
    edited.as_object_mut().map(|d| d.remove("_revisions"));
    edited["ct"] = json!(senda_core::sync::b64::encode(&[6; 1024 + 16]));
    db.put_raw(event.as_str(), edited);
    let err = db.run(Direction::Pull, &mut b, 10).unwrap_err();
    assert!(
        matches!(&err, SyncError::BadDocument { error: EnvelopeError::EventChanged, .. }),
        "{err:?}"
    );
    assert!(b.snapshot().is_empty(), "nothing stored");
}
