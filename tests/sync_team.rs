//! Two "phones" in one page (two vaults, two IndexedDB replicas) sharing cases through the real
//! sync server (COUCH_URL at compile time): a case made on one appears on the other; edits of
//! different sections merge; the same field edited on both is a conflict listed on both, with
//! each vault keeping its own value; a ciphertext changed on the server is refused with a clear
//! error and changes nothing on the phone.

#![cfg(target_arch = "wasm32")]

#[path = "sync_support/phone.rs"]
mod phone;
mod sync_support;

use chrono::Duration;
use phone::*;
use senda::sync::team_cases::SyncWrite;
use senda_core::case::{sample_case, WorkerLabel};
use senda_core::sync::merge::Side;
use serde_json::Value;
use std::collections::BTreeMap;
use sync_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn a_case_made_on_one_phone_appears_on_the_other_and_edits_of_different_sections_merge() {
    let (db, _, mut a, mut b) = team_of_two().await;
    let case = sample_case(4, now() - Duration::minutes(30));
    let id = case.id().to_string();
    let notes_before = case.notes().len();
    a.save(&case).await;
    let first = a.sync(&db).await;
    assert!(first.refused.is_empty(), "{first:?}");
    assert_eq!(a.team.status().waiting_to_go_up, 0);

    let got = b.sync(&db).await;
    assert_eq!(got.changed, vec![id.clone()], "{got:?}");
    assert_eq!(b.load(&id).await.as_ref(), Some(&case), "the case arrives whole");
    assert!(b.vault.summary(&id).is_some(), "and in the case list");

    // A edits the profile, B adds a note: different sections.
    let worker = WorkerLabel::new("W-A");
    let mut on_a = a.load(&id).await.expect("case on A");
    let mut profile = on_a.profile().clone();
    profile.alias = "Estrella".into();
    on_a.edit_profile(profile, now(), &worker);
    a.save(&on_a).await;
    let mut on_b = b.load(&id).await.expect("case on B");
    assert!(on_b.add_note("Pidió hablar con su tía.", now(), &WorkerLabel::new("W-B")));
    b.save(&on_b).await;

    a.sync(&db).await;
    let merged_on_b = b.sync(&db).await;
    assert_eq!(merged_on_b.merged, 1, "the two audit trails are kept together: {merged_on_b:?}");
    a.sync(&db).await;
    let (on_a, on_b) = (a.load(&id).await.expect("A"), b.load(&id).await.expect("B"));
    for (phone, case) in [("A", &on_a), ("B", &on_b)] {
        assert_eq!(case.profile().alias, "Estrella", "{phone} has A's profile edit");
        assert_eq!(case.notes().len(), 1 + notes_before, "{phone}");
        assert!(case.notes().iter().any(|n| n.text == "Pidió hablar con su tía."), "{phone}");
    }
    assert_eq!(on_a.audit_trail(), on_b.audit_trail(), "both audit trails hold both edits");
    assert!(a.team.conflicts().is_empty() && b.team.conflicts().is_empty());
    // The server's database, scanned in full, holds none of the typed values.
    let all = db.request("GET", "_all_docs?include_docs=true", None).await.expect("scan");
    let text = all.body.to_string();
    assert!(all.body["rows"].as_array().is_some_and(|r| r.len() > 7), "{text}");
    for typed in ["Estrella", "Pidió hablar", &case.profile().given_names, &id] {
        assert!(!text.contains(typed), "the server holds {typed}");
    }
    assert_eq!(a.team.status().waiting_to_go_up, 0);
    assert_eq!(b.team.status().waiting_to_go_up, 0);
    a.discard().await;
    b.discard().await;
    drop_db(&db).await;
}

#[wasm_bindgen_test]
async fn the_same_field_edited_on_both_phones_is_a_conflict_listed_on_both_and_nothing_is_lost() {
    let (db, _, mut a, mut b) = team_of_two().await;
    let case = sample_case(7, now() - Duration::minutes(30));
    let id = case.id().to_string();
    a.save(&case).await;
    a.sync(&db).await;
    b.sync(&db).await;

    for (phone, alias) in [(&mut a, "Luna"), (&mut b, "Sol")] {
        let mut c = phone.load(&id).await.expect("case");
        let mut profile = c.profile().clone();
        profile.alias = alias.into();
        c.edit_profile(profile, now(), &WorkerLabel::new(alias));
        phone.save(&c).await;
    }
    a.sync(&db).await;
    b.sync(&db).await;
    a.sync(&db).await;
    for (phone, own) in [(&mut a, "Luna"), (&mut b, "Sol")] {
        let conflicts = phone.team.conflicts();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].case, id);
        assert_eq!(conflicts[0].section, "profile");
        assert_eq!(conflicts[0].leaves.len(), 2);
        let kept = phone.load(&id).await.expect("case");
        assert_eq!(
            kept.profile().alias,
            own,
            "each phone keeps its own value until a person decides"
        );
    }

    // On A, a person compares the two versions and chooses B's alias.
    let conflict = a.team.conflicts().remove(0);
    let view = a.team.compare(&conflict).await.expect("compare");
    assert_eq!(view.ours.1.data["profile"]["alias"], "Luna", "ours is what A's vault shows");
    assert_eq!(view.theirs.1.data["profile"]["alias"], "Sol");
    let fields: Vec<&str> = view.comparison.conflicts.iter().map(|c| c.pointer.as_str()).collect();
    assert_eq!(fields, ["/profile/alias"], "only the field both changed needs a choice");
    let none = BTreeMap::new();
    assert!(a.team.resolve(&view, &none, "d-a", &mut a.vault).await.is_err(), "a choice is needed");
    assert!(a.team.conflicts().len() == 1, "a refused resolution changes nothing");
    let choice = BTreeMap::from([("/profile/alias".to_owned(), Side::Theirs)]);
    a.team.resolve(&view, &choice, "d-a", &mut a.vault).await.expect("resolve");
    assert!(a.team.conflicts().is_empty());
    assert_eq!(a.load(&id).await.expect("case").profile().alias, "Sol");
    a.sync(&db).await;
    b.sync(&db).await;
    assert!(b.team.conflicts().is_empty(), "{:?}", b.team.conflicts());
    assert_eq!(b.load(&id).await.expect("case").profile().alias, "Sol");
    // The value not chosen is kept, encrypted, in the case's history on both phones.
    for phone in [&mut a, &mut b] {
        let history = phone.team.resolutions(&id).await;
        assert_eq!(history.len(), 1, "{history:?}");
        assert_eq!(history[0]["not_chosen"][0]["value"], "Luna");
    }
    a.discard().await;
    b.discard().await;
    drop_db(&db).await;
}

#[wasm_bindgen_test]
async fn a_ciphertext_changed_on_the_server_is_refused_and_changes_nothing_on_the_phone() {
    let (db, _, mut a, mut b) = team_of_two().await;
    let case = sample_case(9, now() - Duration::minutes(30));
    let id = case.id().to_string();
    a.save(&case).await;
    a.sync(&db).await;
    b.sync(&db).await;
    let before = b.load(&id).await.expect("case on B");

    // Whoever runs the server changes the profile's ciphertext (a valid envelope otherwise).
    let doc_id = a.team.doc_of(&id, "profile").expect("profile document").as_str().to_owned();
    let mut doc = db.request("GET", &doc_id, None).await.expect("get").body;
    let ct = doc["ct"].as_str().expect("ct").to_owned();
    let flipped = if ct.starts_with('A') { "B" } else { "A" };
    doc["ct"] = Value::from(format!("{flipped}{}", &ct[1..]));
    let put = db.request("PUT", &doc_id, Some(&doc.to_string())).await.expect("put");
    assert_eq!(put.status, 201, "{:?}", put.body);

    let applied = b.sync(&db).await;
    assert_eq!(applied.changed, Vec::<String>::new(), "nothing applied");
    assert_eq!(applied.refused.len(), 1, "{applied:?}");
    assert_eq!(applied.refused[0].doc.as_str(), doc_id);
    assert_eq!(applied.refused[0].message_key, "sync.crypto.not_authentic");
    assert_eq!(b.load(&id).await.as_ref(), Some(&before), "the case on B is as it was");
    a.discard().await;
    b.discard().await;
    drop_db(&db).await;
}

/// A case with an edit not yet written when the sync would write it (`sync_may_write` says no)
/// is left as it is, its sections not marked synced; written by the next sync that may.
#[wasm_bindgen_test]
async fn a_case_the_sync_may_not_write_now_waits_for_the_next_sync() {
    let (db, _, mut a, mut b) = team_of_two().await;
    let case = sample_case(5, now() - Duration::minutes(30));
    let id = case.id().to_string();
    a.save(&case).await;
    a.sync(&db).await;
    b.sync(&db).await;
    let mut on_a = a.load(&id).await.expect("case on A");
    let mut profile = on_a.profile().clone();
    profile.alias = "Lucero".into();
    on_a.edit_profile(profile, now(), &WorkerLabel::new("W-A"));
    a.save(&on_a).await;
    a.sync(&db).await;

    let asked = std::cell::RefCell::new(Vec::new());
    let refuse = |w: SyncWrite<'_>| {
        asked.borrow_mut().push(w.case().id().to_string());
        false
    };
    let held = b.team.sync_now_with(&mut b.vault, &db, &refuse).await.expect("sync");
    assert_eq!(asked.borrow().as_slice(), std::slice::from_ref(&id), "asked just before writing");
    assert_eq!(held.waiting, vec![id.clone()], "{held:?}");
    assert!(held.changed.is_empty(), "{held:?}");
    assert_eq!(b.load(&id).await.expect("B").profile().alias, case.profile().alias, "untouched");

    let later =
        b.team.sync_now_with(&mut b.vault, &db, &|_: SyncWrite<'_>| true).await.expect("sync");
    assert_eq!(later.changed, vec![id.clone()], "{later:?}");
    assert_eq!(b.load(&id).await.expect("B").profile().alias, "Lucero");
    assert!(b.team.conflicts().is_empty());
    a.discard().await;
    b.discard().await;
}
