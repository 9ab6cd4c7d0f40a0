//! Deletions through the real sync server (COUCH_URL at compile time), two "phones" in one page:
//! a case deleted on one leaves the other at its next sync, as sealed revisions padded like the
//! ones they replace; deleted on one while edited on the other, it is one conflict listed on
//! both, nothing lost, until a person keeps the edit or confirms the deletion, and the choice
//! reaches the other phone. Before leaving the team, the cases not yet on the server are counted.

#![cfg(target_arch = "wasm32")]

#[path = "sync_support/phone.rs"]
mod phone;
mod sync_support;

use chrono::Duration;
use phone::*;
use senda::sync::local_replica::IdbReplica;
use senda::sync::team_cases::TeamCases;
use senda::sync::transport::Transport;
use senda_core::case::sample_case;
use senda_core::sync::case_deletion::DELETION;
use serde_json::Value;
use sync_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every revision the server holds of every document: (id, rev, ciphertext length).
async fn server_revisions(db: &Transport) -> Vec<(String, String, usize)> {
    let all = db.request("GET", "_all_docs", None).await.expect("list");
    let mut out = Vec::new();
    for row in all.body["rows"].as_array().expect("rows") {
        let id = row["id"].as_str().expect("id").to_owned();
        let path = format!("{id}?revs_info=true");
        let doc = db.request("GET", &path, None).await.expect("doc");
        for info in doc.body["_revs_info"].as_array().into_iter().flatten() {
            let rev = info["rev"].as_str().expect("rev");
            let one = db.request("GET", &format!("{id}?rev={rev}"), None).await.expect("rev");
            let ct = one.body["ct"].as_str().map(str::len).unwrap_or(0);
            out.push((id.clone(), rev.to_owned(), ct));
        }
    }
    out
}

#[wasm_bindgen_test]
async fn a_case_deleted_on_one_phone_leaves_the_other_at_its_next_sync() {
    let (db, _, mut a, mut b) = team_of_two().await;
    let case = sample_case(4, now() - Duration::minutes(30));
    let id = case.id().to_string();
    a.save(&case).await;
    a.sync(&db).await;
    assert_eq!(b.sync(&db).await.changed, vec![id.clone()]);
    let before = server_revisions(&db).await;

    a.vault.delete(&id).await.expect("delete on A");
    a.sync(&db).await;
    assert_eq!(a.team.status().waiting_to_go_up, 0, "the deletion went up");
    let got = b.sync(&db).await;
    assert_eq!(got.removed, vec![id.clone()], "{got:?}");
    assert!(b.load(&id).await.is_none(), "gone from B's vault");
    assert!(b.vault.summary(&id).is_none(), "and from its case list");
    assert!(a.team.conflicts().is_empty() && b.team.conflicts().is_empty());

    // The server learned new revisions of the same documents, each the size of an edit: no
    // `_deleted`, no plaintext, no new kind of document.
    let after = server_revisions(&db).await;
    let all = db.request("GET", "_all_docs?include_docs=true", None).await.expect("scan");
    assert_eq!(
        all.body["rows"].as_array().map(Vec::len),
        Some(before.iter().map(|r| &r.0).collect::<std::collections::BTreeSet<_>>().len())
    );
    let rows = all.body["rows"].as_array().expect("rows");
    let docs: Vec<&Value> =
        rows.iter().filter(|r| !r["id"].as_str().unwrap_or("").starts_with('_')).collect();
    let text = serde_json::to_string(&docs).expect("text");
    for typed in [id.as_str(), "deleted", &case.profile().given_names] {
        assert!(!text.contains(typed), "the server holds {typed}");
    }
    let sizes = |revs: &[(String, String, usize)], doc: &str| -> Vec<usize> {
        revs.iter().filter(|r| r.0 == doc).map(|r| r.2).collect()
    };
    let sections: Vec<&String> =
        after.iter().filter(|r| r.0.starts_with('m')).map(|r| &r.0).collect();
    for doc in sections {
        let (old, new) = (sizes(&before, doc), sizes(&after, doc));
        assert_eq!(new.len(), old.len() + 1, "one deletion revision of {doc}");
        assert_eq!(
            new.iter().max(),
            old.iter().max(),
            "the deletion of {doc} is padded like the edit"
        );
    }

    // Nothing comes back at later syncs, on either phone.
    assert!(a.sync(&db).await.changed.is_empty());
    assert!(b.sync(&db).await.changed.is_empty());
    assert!(a.load(&id).await.is_none() && b.load(&id).await.is_none());
    a.discard().await;
    b.discard().await;
    drop_db(&db).await;
}

#[wasm_bindgen_test]
async fn deleted_on_one_phone_while_edited_offline_on_the_other_is_a_conflict_a_person_settles() {
    let (db, _, mut a, mut b) = team_of_two().await;
    let case = sample_case(5, now() - Duration::minutes(30));
    let id = case.id().to_string();
    a.save(&case).await;
    a.sync(&db).await;
    b.sync(&db).await;

    // Offline: A deletes, B edits the profile. Then both sync.
    a.vault.delete(&id).await.expect("delete on A");
    b.rename(&id, "Estrella").await;
    a.sync(&db).await;
    let on_b = b.sync(&db).await;
    assert!(on_b.removed.is_empty(), "B's edit is not deleted: {on_b:?}");
    a.sync(&db).await;
    for (name, phone) in [("A", &mut a), ("B", &mut b)] {
        let conflicts = phone.team.conflicts();
        assert_eq!(conflicts.len(), 1, "{name}: one conflict for the whole case: {conflicts:?}");
        assert_eq!(
            (conflicts[0].case.as_str(), conflicts[0].section.as_str()),
            (id.as_str(), DELETION)
        );
        let view = phone.team.deletion_view(&id).await.expect("view");
        assert!(view.edited.contains(&"profile"), "{name}: {view:?}");
        assert_eq!(view.label.as_deref(), Some("Estrella"), "{name}: the edited version's label");
    }
    assert_eq!(b.load(&id).await.expect("B keeps its edit").profile().alias, "Estrella");
    assert!(a.load(&id).await.is_none(), "A does not get the case back until someone decides");

    // On A (which no longer has the case), a person keeps the edit: the case comes back whole.
    a.team.resolve_deletion(&id, true, &mut a.vault).await.expect("keep the edit");
    assert!(a.team.conflicts().is_empty());
    let back = a.load(&id).await.expect("the case is back on A");
    assert_eq!(back.profile().alias, "Estrella");
    assert_eq!(back.notes(), case.notes(), "the sections nobody edited come back as they were");
    a.sync(&db).await;
    b.sync(&db).await;
    assert!(b.team.conflicts().is_empty(), "{:?}", b.team.conflicts());
    assert_eq!(b.load(&id).await.expect("B").profile().alias, "Estrella");
    let (on_a, on_b) = (a.load(&id).await.expect("A"), b.load(&id).await.expect("B"));
    let (va, vb) = (serde_json::to_value(&on_a).unwrap(), serde_json::to_value(&on_b).unwrap());
    for (k, v) in va.as_object().unwrap() {
        assert_eq!(Some(v), vb.get(k), "{k} is the same on both phones");
    }
    a.discard().await;
    b.discard().await;
    drop_db(&db).await;
}

#[wasm_bindgen_test]
async fn confirming_the_deletion_against_an_edit_removes_the_case_everywhere() {
    let (db, _, mut a, mut b) = team_of_two().await;
    let case = sample_case(6, now() - Duration::minutes(30));
    let id = case.id().to_string();
    a.save(&case).await;
    a.sync(&db).await;
    b.sync(&db).await;
    a.vault.delete(&id).await.expect("delete on A");
    b.rename(&id, "Sol").await;
    a.sync(&db).await;
    b.sync(&db).await;
    assert_eq!(b.team.conflicts().len(), 1);

    // On B, which made the edit, a person confirms the deletion.
    b.team.resolve_deletion(&id, false, &mut b.vault).await.expect("confirm");
    assert!(b.load(&id).await.is_none() && b.team.conflicts().is_empty());
    b.sync(&db).await;
    let on_a = a.sync(&db).await;
    assert!(a.team.conflicts().is_empty(), "{on_a:?} {:?}", a.team.conflicts());
    assert!(a.load(&id).await.is_none());
    // And it stays deleted.
    assert!(a.sync(&db).await.changed.is_empty() && b.sync(&db).await.changed.is_empty());
    assert!(a.load(&id).await.is_none() && b.load(&id).await.is_none());
    a.discard().await;
    b.discard().await;
    drop_db(&db).await;
}

#[wasm_bindgen_test]
async fn a_deletion_conflict_is_still_listed_after_the_phone_opens_its_replica_again() {
    let (db, team_key, mut a, mut b) = team_of_two().await;
    let case = sample_case(8, now() - Duration::minutes(30));
    let id = case.id().to_string();
    a.save(&case).await;
    a.sync(&db).await;
    b.sync(&db).await;
    a.vault.delete(&id).await.expect("delete on A");
    b.rename(&id, "Luz").await;
    a.sync(&db).await;
    b.sync(&db).await;
    assert_eq!(b.team.conflicts().len(), 1);
    // B locks and unlocks: the replica is opened again from IndexedDB.
    let Phone { replica, vault, team } = b;
    team.replica.close();
    let idb = IdbReplica::open(&replica).await.expect("replica again");
    let team = TeamCases::open(idb, team_key, 1).await.expect("team cases again");
    let b = Phone { replica, vault, team };
    let conflicts = b.team.conflicts();
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    assert_eq!(conflicts[0].section, DELETION);
    a.discard().await;
    b.discard().await;
    drop_db(&db).await;
}

#[wasm_bindgen_test]
async fn the_cases_not_yet_on_the_server_are_counted_before_leaving_the_team() {
    let (db, _, mut a, b) = team_of_two().await;
    let one = sample_case(2, now() - Duration::minutes(30));
    let two = sample_case(3, now() - Duration::minutes(20));
    let (id1, id2) = (one.id().to_string(), two.id().to_string());
    assert!(a.team.unsynced(&mut a.vault).await.expect("count").is_empty(), "nothing yet");
    a.save(&one).await;
    a.save(&two).await;
    let never = a.team.unsynced(&mut a.vault).await.expect("count");
    assert_eq!(never.len(), 2, "two cases never synced: {never:?}");
    a.sync(&db).await;
    assert!(a.team.unsynced(&mut a.vault).await.expect("count").is_empty(), "all on the server");

    // An edit saved, not yet written to the team copy; a deletion not yet written.
    a.rename(&id1, "Brisa").await;
    a.vault.delete(&id2).await.expect("delete");
    let changed = a.team.unsynced(&mut a.vault).await.expect("count");
    assert_eq!(
        changed,
        [id1.clone(), id2.clone()].into_iter().collect(),
        "the edit and the deletion"
    );
    // Written to the team copy but not pushed: still not on the server.
    a.team.export_vault(&mut a.vault).await.expect("export");
    assert_eq!(a.team.unsynced(&mut a.vault).await.expect("count").len(), 2, "written, not pushed");
    a.sync(&db).await;
    assert!(a.team.unsynced(&mut a.vault).await.expect("count").is_empty(), "pushed");
    a.discard().await;
    b.discard().await;
    drop_db(&db).await;
}
