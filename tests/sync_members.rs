//! Browser tests of the signed membership list against the real sync server (COUCH_URL at
//! compile time): a joining phone is listed with the role its invitation gave once the
//! coordinator's phone adds it; a list signed by a device that is not a coordinator, or with a
//! coordinator's id but other keys, is refused and changes nothing; removing a device shuts its
//! account out at once and gives the others a new team key it never receives; the printed
//! recovery code restores the team, every case included, on a new phone.

#![cfg(target_arch = "wasm32")]

mod sync_support;

use chrono::{DateTime, Utc};
use senda::sync::device_keys::DeviceKeys;
use senda::sync::local_replica::IdbReplica;
use senda::sync::membership::{follow, publish, remove_device};
use senda::sync::recovery::{make_recovery, remove_and_renew, restore};
use senda::sync::team::{admit_joins, create_invite, create_team, join, TeamError, TeamState};
use senda::sync::team_cases::TeamCases;
use senda::sync::team_state::SignedList;
use senda::sync::transport::TransportError;
use senda::vault::{UnlockedVault, Vault};
use senda_core::case::{sample_case, CaseSummary, WorkerLabel};
use senda_core::index_entry::IndexEntry;
use senda_core::sync::envelope::Content;
use senda_core::sync::keys::KeyError;
use senda_core::sync::team_rules::{MemberEntry, MembershipError};
use senda_core::workflow::role::Role;
use std::collections::BTreeMap;
use sync_support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> i64 {
    DateTime::<Utc>::from_timestamp_millis(js_sys::Date::now() as i64).expect("now").timestamp()
}

/// A coordinator's team and a phone that joined with `role`, added to the list and up to date.
async fn team_of_two(role: Role) -> (Server, TeamState, TeamState) {
    let server = server();
    let mut a =
        create_team(&server.origin, &server.admin, &server.password).await.expect("create team");
    let payload = create_invite(&mut a, now(), role).await.expect("invite");
    let b = join(&payload.to_text(), now()).await.expect("join");
    let (a, admitted) = admit_joins(&a, now()).await.expect("admit");
    assert_eq!(admitted, 1);
    assert!(a.pending.is_empty(), "the answered invitation is done");
    let b = follow(&b).await.expect("B follows the list");
    (server, a, b)
}

#[wasm_bindgen_test]
async fn a_joining_phone_is_listed_with_the_role_of_its_invitation() {
    let (server, a, b) = team_of_two(Role::Supervisor).await;
    let list = &b.members.as_ref().expect("B holds a list").list;
    assert_eq!((list.seq, list.epoch, list.members.len()), (2, 1, 2));
    let entry = list.entry(&b.device).expect("B is listed");
    assert_eq!(entry.role, Role::Supervisor);
    assert_eq!(Some(entry.fingerprint.clone()), b.fingerprint().await);
    assert_eq!(entry.account, b.account);
    assert_eq!(list.entry(&a.device).map(|m| m.role), Some(Role::Coordinator));
    assert_eq!(a.members, b.members, "both phones hold the same signed list");
    // The server holds no fingerprint, role or device id in the clear.
    let admin = admin_of(&server, &a.db);
    let all = admin.request("GET", "_all_docs?include_docs=true", None).await.expect("scan");
    let text = all.body.to_string();
    for secret in [entry.fingerprint.as_str(), b.device.as_str(), "supervisor"] {
        assert!(!text.contains(secret), "{secret} on the server");
    }
    drop_db(&admin).await;
}

#[wasm_bindgen_test]
async fn a_list_signed_by_a_device_that_is_not_a_coordinator_is_refused_and_changes_nothing() {
    let (server, a, b) = team_of_two(Role::Caseworker).await;
    let held = b.members.clone().expect("list");
    // B (a caseworker) signs a list that adds a device of its choosing, and puts it where the
    // next list goes.
    let b_keys = DeviceKeys::from_stored(b.device_keys.as_ref().unwrap()).await.expect("keys");
    let intruder = MemberEntry {
        device: "d-intruder".into(),
        fingerprint: "AAAA-AAAA-AAAA-AAAA".into(),
        account: "j-intruder".into(),
        role: Role::Coordinator,
        removed_from_epoch: None,
    };
    let list = held.list.adding(intruder).expect("list");
    let forged =
        SignedList::sign(list.clone(), &b_keys, &b.device, held.keys.clone(), BTreeMap::new())
            .await
            .expect("sign");
    publish(&b.transport().unwrap(), &b, &forged, 1).await.expect("the server takes any envelope");
    assert_eq!(follow(&a).await, Err(TeamError::Membership(MembershipError::NotACoordinator)));
    assert_eq!(follow(&b).await, Err(TeamError::Membership(MembershipError::NotACoordinator)));
    // With the coordinator's id but B's keys: the fingerprint the phone holds does not match.
    let mut posing = forged.clone();
    posing.signer = a.device.clone();
    assert_eq!(
        posing.verify(&a.db, Some(&held.list), None).await,
        Err(TeamError::Membership(MembershipError::SignerKey))
    );
    // Nothing changed on either phone: the list each holds is the one before.
    assert_eq!(a.members.as_ref().map(|s| s.list.seq), Some(2));
    let (a_after, admitted) = admit_joins(&a, now()).await.expect("nothing to admit");
    assert_eq!((admitted, a_after), (0, a.clone()));
    drop_db(&admin_of(&server, &a.db)).await;
}

#[wasm_bindgen_test]
async fn a_removed_device_is_shut_out_at_once_and_the_others_get_a_new_team_key() {
    let (server, a, b) = team_of_two(Role::Caseworker).await;
    let mut a = a;
    let payload = create_invite(&mut a, now(), Role::Caseworker).await.expect("invite C");
    let c = join(&payload.to_text(), now()).await.expect("C joins");
    let (a, _) = admit_joins(&a, now()).await.expect("admit C");
    let c = follow(&c).await.expect("C follows");
    // A caseworker's phone cannot remove anyone.
    assert_eq!(remove_device(&c, &b.device).await, Err(TeamError::NotCoordinator));

    let a2 = remove_device(&a, &b.device).await.expect("remove B");
    assert_eq!(a2.epoch, 2);
    assert_ne!(a2.team_key, a.team_key, "a new team key");
    assert_eq!(a2.old_keys, vec![(1, a.team_key.clone())], "the old key stays for reading");
    let list = &a2.members.as_ref().unwrap().list;
    assert_eq!(list.entry(&b.device).unwrap().removed_from_epoch, Some(2));

    // B's account is shut out at once: its sync of the list and of the cases both fail.
    assert_eq!(follow(&b).await, Err(TeamError::Removed));
    let pulled = b.transport().unwrap().request("GET", "_changes", None).await;
    assert!(
        matches!(
            pulled,
            Err(TransportError::Unauthorised { .. } | TransportError::Forbidden { .. })
        ),
        "{pulled:?}"
    );
    // C takes the new key from the list, unwrapped with its own device key.
    let c2 = follow(&c).await.expect("C follows the removal");
    assert_eq!((c2.epoch, &c2.team_key), (2, &a2.team_key));
    assert_eq!(c2.members, a2.members);
    // A phone joining after the removal gets every epoch's key.
    let mut a2 = a2;
    let payload = create_invite(&mut a2, now(), Role::Volunteer).await.expect("invite D");
    let d = join(&payload.to_text(), now()).await.expect("D joins");
    assert_eq!((d.epoch, &d.team_key), (2, &a2.team_key));
    assert_eq!(d.old_keys, a2.old_keys);
    drop_db(&admin_of(&server, &a2.db)).await;
}

async fn vault() -> UnlockedVault<IndexEntry> {
    let name = format!("senda-test-vault-{}", opaque());
    IdbReplica::delete(&name).await.expect("delete vault db");
    let vault = Vault::open_in(&JsValue::UNDEFINED, &name).await.expect("open vault");
    vault.create::<IndexEntry>("ámbar lento del río").await.expect("create vault")
}

async fn cases_of(state: &TeamState) -> TeamCases {
    let replica = IdbReplica::open(&state.replica).await.expect("replica");
    let key = state.team_key().await.expect("team key");
    let old = state.old_team_keys().await.expect("old keys");
    TeamCases::open_with_history(replica, key, state.epoch, old).await.expect("team cases")
}

/// The key id the newest revision of a case's profile section is sealed under.
fn profile_kid(cases: &TeamCases, case: &str) -> String {
    let doc = cases.doc_of(case, "profile").expect("profile section").clone();
    let rev = cases.replica.tree(&doc).and_then(|t| t.winner()).expect("a revision");
    match cases.replica.content(&doc, &rev) {
        Some(Content::Sealed(s)) => s.kid.clone(),
        other => panic!("not sealed: {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn the_recovery_code_restores_the_team_and_every_case_on_a_new_phone_after_a_removal() {
    let (server, a, b) = team_of_two(Role::Caseworker).await;
    let mut a = a;
    let code = make_recovery(&mut a).await.expect("recovery code");
    assert_eq!(code.len(), 32 + 8 + 1, "{code}");
    // A case before B's removal (under the first team key), one after (under the second).
    let mut vault_a = vault().await;
    let mut cases_a = cases_of(&a).await;
    let now_t = DateTime::<Utc>::from_timestamp(now(), 0).unwrap();
    let first = sample_case(21, now_t);
    vault_a
        .put(&first.id().to_string(), &first, IndexEntry::Case(CaseSummary::of(&first)))
        .await
        .unwrap();
    cases_a.sync_now(&mut vault_a, &a.transport().unwrap()).await.expect("A syncs");
    let case_id = first.id().to_string();
    let kid_before = profile_kid(&cases_a, &case_id);
    let a2 = remove_and_renew(&a, &b.device).await.expect("remove B");
    let mut cases_a = cases_of(&a2).await;
    // The first case's next write, after the removal, is under a fresh case key.
    let mut edited = first.clone();
    let mut profile = edited.profile().clone();
    profile.alias = "Lucero".into();
    edited.edit_profile(profile, now_t, &WorkerLabel::new("W-A"));
    vault_a.put(&case_id, &edited, IndexEntry::Case(CaseSummary::of(&edited))).await.unwrap();
    cases_a.sync_now(&mut vault_a, &a2.transport().unwrap()).await.expect("A writes the edit");
    let kid_after = profile_kid(&cases_a, &case_id);
    assert_ne!(kid_after, kid_before, "a new case key at its next write");
    let second = sample_case(22, now_t);
    vault_a
        .put(&second.id().to_string(), &second, IndexEntry::Case(CaseSummary::of(&second)))
        .await
        .unwrap();
    cases_a.sync_now(&mut vault_a, &a2.transport().unwrap()).await.expect("A syncs again");

    // A misread code, or another team's: refused.
    let mut typo = code.clone().into_bytes();
    typo[0] = if typo[0] == b'A' { b'B' } else { b'A' };
    let typo = String::from_utf8(typo).unwrap();
    assert_eq!(
        restore(&server.origin, &server.admin, &server.password, &typo).await,
        Err(TeamError::Invite(KeyError::CodeMistyped))
    );
    let unknown = senda_core::sync::keys::recovery_code(&[9; 20]);
    assert_eq!(
        restore(&server.origin, &server.admin, &server.password, &unknown).await,
        Err(TeamError::RecoveryNotFound)
    );

    // The new phone: the team at its current epoch, the member list followed, every case back.
    let d = restore(&server.origin, &server.admin, &server.password, &code).await.expect("restore");
    assert_eq!((d.db.as_str(), d.epoch, &d.team_key), (a2.db.as_str(), 2, &a2.team_key));
    assert_eq!(d.members, a2.members);
    assert!(d.coordinator && d.admin.is_some());
    assert_ne!(d.account, a2.account, "its own account");
    let mut vault_d = vault().await;
    let mut cases_d = cases_of(&d).await;
    let got = cases_d.sync_now(&mut vault_d, &d.transport().unwrap()).await.expect("D syncs");
    let mut changed = got.changed.clone();
    changed.sort();
    let mut want = vec![first.id().to_string(), second.id().to_string()];
    want.sort();
    assert_eq!(changed, want, "every case");
    let on_d: serde_json::Value = vault_d.get(&case_id).await.expect("read").expect("on D");
    let on_d = senda_core::case::migrate(on_d).expect("case");
    assert_eq!(on_d.profile().alias, "Lucero", "the edit under the new case key is read");
    for state in [&a, &d] {
        IdbReplica::delete(&state.replica).await.expect("delete replica");
    }
    drop_db(&admin_of(&server, &a.db)).await;
}

/// A review request and decisions signed on two phones, checked on the coordinator's phone with
/// WebCrypto against the signed member list: its own approval counts (and is outdated once the
/// document changes), a caseworker's "approval" is invalid, and a decision changed after it was
/// signed does not verify.
#[wasm_bindgen_test]
async fn workflow_signatures_are_checked_against_the_member_list_with_webcrypto() {
    use senda::sync::workflow_sign::{checked, roster, sign};
    use senda_core::workflow::entry::WorkflowEntry;
    use senda_core::workflow::review::{
        check_decision, version_hash, DecisionBody, DecisionStatus, InvalidDecision, RequestBody,
        ReviewDecision, ReviewRequest, ReviewSubject, Verdict,
    };
    use senda_core::workflow::signed::SignatureProblem;

    let (server, a, b) = team_of_two(Role::Caseworker).await;
    let case = "6f1c2b9e-4d3a-4c1e-9a57-0b8e2f6d4c11";
    let document = serde_json::json!({"bia": "v1"});
    let version = version_hash(case, ReviewSubject::Bia, &document);
    let body = RequestBody {
        id: "r-1".into(),
        case: case.into(),
        subject: ReviewSubject::Bia,
        version,
        by: b.device.clone(),
        at: now(),
    };
    let signature = sign(b.device_keys.as_ref().unwrap(), &body.signing_bytes()).await.expect("B");
    let request = ReviewRequest { body, signature };
    let decision = |by: &str, verdict: Verdict| DecisionBody {
        request: "r-1".into(),
        case: case.into(),
        subject: ReviewSubject::Bia,
        version,
        verdict,
        by: by.into(),
        at: now(),
    };
    let approve = decision(&a.device, Verdict::Approve);
    let signature =
        sign(a.device_keys.as_ref().unwrap(), &approve.signing_bytes()).await.expect("A");
    let approved = ReviewDecision { body: approve, signature };
    let forged = decision(&b.device, Verdict::Approve);
    let signature =
        sign(b.device_keys.as_ref().unwrap(), &forged.signing_bytes()).await.expect("B");
    let forged = ReviewDecision { body: forged, signature };
    let mut tampered = approved.clone();
    tampered.body.verdict = Verdict::Return { comment: "changed after signing".into() };

    let list = a.members.as_ref().expect("A's list");
    let entries = [
        WorkflowEntry::ReviewRequest(request.clone()),
        WorkflowEntry::ReviewDecision(approved.clone()),
        WorkflowEntry::ReviewDecision(forged.clone()),
        WorkflowEntry::ReviewDecision(tampered.clone()),
    ];
    let verified = checked(&list.keys, &entries).await;
    let roster = roster(list);
    let status =
        |d: &ReviewDecision, current| check_decision(d, &request.body, &roster, &verified, current);
    assert_eq!(status(&approved, version), DecisionStatus::Valid);
    let edited = version_hash(case, ReviewSubject::Bia, &serde_json::json!({"bia": "v2"}));
    assert_eq!(status(&approved, edited), DecisionStatus::Outdated);
    assert_eq!(status(&forged, version), DecisionStatus::Invalid(InvalidDecision::NotASupervisor));
    assert_eq!(
        status(&tampered, version),
        DecisionStatus::Invalid(InvalidDecision::Signature(SignatureProblem::BadSignature))
    );
    for state in [&a, &b] {
        IdbReplica::delete(&state.replica).await.expect("delete replica");
    }
    drop_db(&admin_of(&server, &a.db)).await;
}

/// The case screen's review rules on a case's own workflow log (`review_case::case_reviews`),
/// checked with WebCrypto against the signed member list: a caseworker's request waits; an
/// "approval" the caseworker signed with their own key is listed as invalid and the BIA is never
/// shown approved; the coordinator's approval counts, and an edit of the BIA makes it outdated.
#[wasm_bindgen_test]
async fn a_caseworker_signed_approval_on_a_case_is_shown_invalid_never_approved() {
    use senda::sync::workflow_sign::{checked, roster, sign};
    use senda_core::case::{Answer, ItemId, ItemState};
    use senda_core::workflow::entry::WorkflowEntry;
    use senda_core::workflow::review::{
        DecisionBody, InvalidDecision, RequestBody, ReviewDecision, ReviewRequest, ReviewStatus,
        ReviewSubject, Verdict,
    };
    use senda_core::workflow::review_case::{case_reviews, current_version};

    let (server, a, b) = team_of_two(Role::Caseworker).await;
    let at = DateTime::<Utc>::from_timestamp(now(), 0).expect("now");
    let worker = WorkerLabel::new("W");
    let mut case = sample_case(3, at);
    let write = |case: &mut senda_core::case::Case, text: &str| {
        let state = ItemState::Answered { value: Answer::Text(text.into()), at };
        case.record_item(ItemId::new("bia.safety.facts"), state, at, &worker);
    };
    write(&mut case, "lives with an aunt");
    let version = current_version(&case, ReviewSubject::Bia).expect("a BIA");
    let body = RequestBody {
        id: "r-1".into(),
        case: case.id().to_string(),
        subject: ReviewSubject::Bia,
        version,
        by: b.device.clone(),
        at: now(),
    };
    let signature = sign(b.device_keys.as_ref().unwrap(), &body.signing_bytes()).await.expect("B");
    assert!(case.add_workflow_entry(
        WorkflowEntry::ReviewRequest(ReviewRequest { body, signature }),
        at,
        &worker
    ));
    let case_id = case.id().to_string();
    let decision = |by: &str| DecisionBody {
        request: "r-1".into(),
        case: case_id.clone(),
        subject: ReviewSubject::Bia,
        version,
        verdict: Verdict::Approve,
        by: by.into(),
        at: now(),
    };
    let forged = decision(&b.device);
    let signature =
        sign(b.device_keys.as_ref().unwrap(), &forged.signing_bytes()).await.expect("B signs");
    let forged = WorkflowEntry::ReviewDecision(ReviewDecision { body: forged, signature });
    assert!(case.add_workflow_entry(forged, at, &worker));

    for list in [a.members.as_ref().expect("A's list"), b.members.as_ref().expect("B's list")] {
        let verified = checked(&list.keys, &case.workflow()).await;
        let bia = case_reviews(&case, &roster(list), &verified).remove(0);
        assert_eq!(bia.status, Some(ReviewStatus::Waiting), "never approved by a caseworker");
        assert_eq!(bia.invalid.len(), 1);
        assert_eq!(bia.invalid[0].1, InvalidDecision::NotASupervisor);
    }

    let real = decision(&a.device);
    let signature = sign(a.device_keys.as_ref().unwrap(), &real.signing_bytes()).await.expect("A");
    let real = WorkflowEntry::ReviewDecision(ReviewDecision { body: real, signature });
    assert!(case.add_workflow_entry(real, at, &worker));
    let list = b.members.as_ref().expect("B's list");
    let verified = checked(&list.keys, &case.workflow()).await;
    let bia = case_reviews(&case, &roster(list), &verified).remove(0);
    assert!(matches!(bia.status, Some(ReviewStatus::Approved { .. })), "{:?}", bia.status);
    write(&mut case, "lives with an aunt and her two sons");
    let bia = case_reviews(&case, &roster(list), &verified).remove(0);
    assert!(matches!(bia.status, Some(ReviewStatus::ApprovalOutdated { .. })), "{:?}", bia.status);

    for state in [&a, &b] {
        IdbReplica::delete(&state.replica).await.expect("delete replica");
    }
    drop_db(&admin_of(&server, &a.db)).await;
}

/// The audit chain signed on two phones with their device keys (WebCrypto) and checked on the
/// second against the signed member list, with the known heads kept in a real vault (closed
/// and opened again): intact as signed; an entry changed after signing is found and named
/// (and leaves a hole); the last entry dropped is found only thanks to the vault's heads; an
/// entry one phone signs in another's name is refused; and no content is in any entry.
#[wasm_bindgen_test]
async fn the_audit_chain_signed_with_webcrypto_shows_a_tampered_and_a_missing_entry() {
    use senda::sync::audit_heads;
    use senda::sync::workflow_sign::{checked, checked_chain, roster, sign};
    use senda_core::case::{AuditAction, CasePart};
    use senda_core::workflow::audit::{
        verify_history, ChainAction, ChainEntry, ChainProblem, History,
    };
    use senda_core::workflow::audit_log::next_body;
    use senda_core::workflow::entry::WorkflowEntry;

    let (server, a, b) = team_of_two(Role::Caseworker).await;
    let at = DateTime::<Utc>::from_timestamp(now(), 0).expect("now");
    let mut case = sample_case(5, at);
    let id = case.id().to_string();
    let acts = [
        (&a, ChainAction::Case(AuditAction::Created)),
        (&b, ChainAction::ViewedDecision),
        (&a, ChainAction::Case(AuditAction::Edited(CasePart::Profile))),
        (&a, ChainAction::Case(AuditAction::Exported)),
    ];
    for (phone, action) in acts {
        let body = next_body(&case.workflow(), &id, &phone.device, None, now(), action);
        let keys = phone.device_keys.as_ref().expect("device key");
        let signature = sign(keys, &body.signing_bytes()).await.expect("sign");
        assert!(case.add_chain_entry(ChainEntry { body, signature }));
    }
    let list = b.members.as_ref().expect("B's list");
    let team = roster(list);
    let history = |entries: Vec<ChainEntry>, heads: BTreeMap<String, u64>| {
        let (list, team, id) = (list.clone(), team.clone(), id.clone());
        async move {
            let verified = checked_chain(&list.keys, &entries).await;
            verify_history(&id, &entries, &heads, &team, &verified)
        }
    };
    let chain: Vec<ChainEntry> = WorkflowEntry::chain(&case.workflow()).cloned().collect();
    let whole: History = history(chain.clone(), BTreeMap::new()).await;
    assert!(whole.is_intact(), "{:?}", whole.problems);
    assert_eq!(whole.entries.len(), 4);
    // The handover and review check leaves the chain to the history's own check.
    let log: Vec<WorkflowEntry> = chain.iter().cloned().map(WorkflowEntry::Audit).collect();
    let other = checked(&list.keys, &log).await;
    let unchecked = verify_history(&id, &chain, &BTreeMap::new(), &team, &other);
    assert!(unchecked.entries.is_empty() && unchecked.problems.len() == 4);
    let log_text = serde_json::to_string(&case.workflow_since(0)).expect("json");
    assert!(!log_text.contains(&case.profile().alias), "no content in the chain");

    // B's phone keeps what it verified as heads, in its vault, across a lock.
    let name = format!("senda-test-vault-{}", opaque());
    IdbReplica::delete(&name).await.expect("delete vault db");
    let passcode = "ámbar lento del río";
    let mut vault = Vault::open_in(&JsValue::UNDEFINED, &name)
        .await
        .expect("open vault")
        .create::<IndexEntry>(passcode)
        .await
        .expect("create vault");
    audit_heads::raise(&mut vault, &id, &whole.entries).await.expect("keep heads");
    vault.lock();
    let mut vault = Vault::open_in(&JsValue::UNDEFINED, &name)
        .await
        .expect("open again")
        .unlock::<IndexEntry>(passcode)
        .await
        .expect("unlock");
    let heads = audit_heads::of_case(&mut vault, &id).await.expect("heads");
    assert_eq!(heads, BTreeMap::from([(a.device.clone(), 2), (b.device.clone(), 0)]));

    // A's second entry (number 2 on screen) changed after it was signed.
    let mut tampered = chain.clone();
    let ChainEntry { body, .. } = &mut tampered[2];
    assert_eq!(body.device, a.device);
    body.action = ChainAction::Case(AuditAction::Edited(CasePart::Notes));
    let h = history(tampered, heads.clone()).await;
    assert_eq!(
        h.problems,
        [
            ChainProblem::Tampered { device: a.device.clone(), seq: 1 },
            ChainProblem::Missing { device: a.device.clone(), from: 1, to: 1 },
        ]
    );
    assert_eq!(h.entries.len(), 3, "the altered entry is not shown");

    // A's last entry dropped: whole-looking without the heads, missing with them.
    let dropped: Vec<ChainEntry> = chain[..3].to_vec();
    assert!(history(dropped.clone(), BTreeMap::new()).await.is_intact());
    let h = history(dropped, heads).await;
    assert_eq!(h.problems, [ChainProblem::Missing { device: a.device.clone(), from: 2, to: 2 }]);

    // B signs an entry in A's name: not A's signature.
    let mut forged = chain.clone();
    let body = next_body(
        &case.workflow(),
        &id,
        &a.device,
        None,
        now(),
        ChainAction::Case(AuditAction::Closed),
    );
    let signature =
        sign(b.device_keys.as_ref().unwrap(), &body.signing_bytes()).await.expect("B signs");
    forged.push(ChainEntry { body, signature });
    let h = history(forged, BTreeMap::new()).await;
    assert_eq!(h.problems, [ChainProblem::Tampered { device: a.device.clone(), seq: 3 }]);

    vault.lock();
    IdbReplica::delete(&name).await.expect("delete vault db");
    for state in [&a, &b] {
        IdbReplica::delete(&state.replica).await.expect("delete replica");
    }
    drop_db(&admin_of(&server, &a.db)).await;
}
