//! Browser tests of transfers between organisations (real WebCrypto in headless Chromium, the
//! real sync server from COUCH_URL at compile time): a delivery sealed for one device opens on
//! that device only, changed bytes are refused; a transfer without consent sends nothing; with
//! both consents the case reaches the other team's inbox, is accepted with a signed receipt that
//! comes back to the sender's inbox, and both logs show it received.

#![cfg(target_arch = "wasm32")]

mod sync_support;

use chrono::{DateTime, Utc};
use senda::sync::crypto::SyncCryptoError;
use senda::sync::device_keys::{DeviceKeys, DeviceSuite};
use senda::sync::team::{create_team, TeamState};
use senda::sync::transfer::{
    accept, card_fingerprint, check_inbox, holds, inbox_is_open, my_card, open, seal, send,
    statuses, TransferError,
};
use senda_core::case::{sample_case, ChildAssent, ConsentGiver, ConsentPurpose, WorkerLabel};
use senda_core::sync::envelope::{DocId, DocKind};
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::partner_card::PartnerCard;
use senda_core::workflow::role::Role;
use senda_core::workflow::transfer::{ReceiptLogged, TransferRefused};
use serde_json::Value;
use sync_support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).expect("now")
}

async fn device() -> DeviceKeys {
    let stored = DeviceKeys::generate_stored(DeviceSuite::Curve25519).await.expect("keys");
    DeviceKeys::from_stored(&stored).await.expect("import")
}

#[wasm_bindgen_test]
async fn a_delivery_opens_on_its_device_only_and_changed_bytes_are_refused() {
    let (mine, other) = (device().await, device().await);
    let id = DocId::new(DocKind::Event, [7; 16]);
    let payload = br#"{"t":"receipt"}"#;
    let doc = seal(mine.public(), "senda-t-b", &id, payload).await.expect("seal");
    assert_eq!(open(&mine, "senda-t-b", &doc).await.expect("open"), payload);
    assert!(!doc.to_string().contains("receipt"), "nothing in clear");
    assert_eq!(open(&other, "senda-t-b", &doc).await, Err(SyncCryptoError::KeyRefused));
    assert_eq!(open(&mine, "senda-t-c", &doc).await, Err(SyncCryptoError::KeyRefused));
    let mut moved = doc.clone();
    moved["_id"] = Value::String(DocId::new(DocKind::Event, [8; 16]).as_str().into());
    assert_eq!(open(&mine, "senda-t-b", &moved).await, Err(SyncCryptoError::NotAuthentic));
    let mut changed = doc.clone();
    let ct = changed["ct"].as_str().unwrap().to_owned();
    let flipped =
        if ct.starts_with('A') { ct.replacen('A', "B", 1) } else { format!("A{}", &ct[1..]) };
    changed["ct"] = Value::String(flipped);
    assert_eq!(open(&mine, "senda-t-b", &changed).await, Err(SyncCryptoError::NotAuthentic));
}

async fn team() -> TeamState {
    let server = server();
    create_team(&server.origin, &server.admin, &server.password).await.expect("create team")
}

async fn drop_team(state: &TeamState) {
    let server = server();
    for db in [state.db.clone(), format!("{}-inbox", state.db)] {
        let _ = admin_of(&server, &db).request("DELETE", "", None).await;
    }
}

#[wasm_bindgen_test]
async fn a_transfer_is_refused_without_consent_then_delivered_accepted_and_received() {
    let (a, b) = (team().await, team().await);
    let by = WorkerLabel::new("W-A");
    let mut case = sample_case(3, now());
    let card_b = PartnerCard::parse(&my_card(&b).await.expect("card").to_text()).expect("parse");
    let fingerprint = card_fingerprint(&card_b).await.expect("fingerprint");
    assert_eq!(Some(fingerprint), b.fingerprint().await, "the card's keys give B's fingerprint");
    // B's coordinator opens its inbox by showing the card (the partner card screen does it).
    senda::sync::transfer::open_inbox(&b).await.expect("open B's inbox");
    assert!(inbox_is_open(&b).await.expect("B's inbox"));
    assert!(!inbox_is_open(&a).await.expect("A's inbox"), "A opens its own when it sends");

    // Without consent: refused, and nothing reaches B's inbox.
    for purpose in [ConsentPurpose::Referral, ConsentPurpose::InformationSharing] {
        while case.consent_in_force(purpose, now()).is_some() {
            case.withdraw_consent(purpose, now(), &by);
        }
    }
    let refused = send(&a, &case, Role::Coordinator, &card_b, true, now()).await;
    assert_eq!(
        refused,
        Err(TransferError::Refused(TransferRefused::WithoutConsent(ConsentPurpose::Referral)))
    );
    // A caseworker may not, even with consent; a fingerprint not compared is not enough.
    for purpose in [ConsentPurpose::Referral, ConsentPurpose::InformationSharing] {
        let given = now() - chrono::Duration::minutes(5);
        case.give_consent(purpose, ConsentGiver::Child, ChildAssent::NotSought, given, now(), &by)
            .expect("consent");
    }
    let as_caseworker = send(&a, &case, Role::Caseworker, &card_b, true, now()).await;
    assert_eq!(as_caseworker, Err(TransferError::Refused(TransferRefused::NotPermitted)));
    let not_compared = send(&a, &case, Role::Coordinator, &card_b, false, now()).await;
    assert_eq!(not_compared, Err(TransferError::Refused(TransferRefused::ReceiverNotIdentified)));
    assert_eq!(check_inbox(&b).await.expect("B's inbox").transfers.len(), 0, "nothing sent");

    // With both consents: delivered; A keeps the signed record.
    let entry = send(&a, &case, Role::Coordinator, &card_b, true, now()).await.expect("send");
    assert!(case.add_workflow_entry(entry, now(), &by));
    let on_a = statuses(&case).await;
    assert_eq!(on_a.len(), 1);
    assert!(on_a[0].signed && on_a[0].received.is_none(), "{on_a:?}");
    assert!(inbox_is_open(&a).await.expect("A's inbox"), "A's coordinator opened its inbox");

    let inbox = check_inbox(&b).await.expect("B's inbox");
    assert_eq!(inbox.transfers.len(), 1, "{inbox:?}");
    let incoming = &inbox.transfers[0];
    assert_eq!(incoming.problem, None);
    assert_eq!(Some(incoming.from_fingerprint.clone()), a.fingerprint().await);
    assert_eq!(incoming.case.id(), case.id());
    assert_eq!(incoming.case.profile(), case.profile(), "the whole case arrives");
    // A's team cannot read B's deliveries: they are sealed for B's device.
    assert_eq!(check_inbox(&a).await.expect("A's inbox").transfers.len(), 0);

    let accepted =
        accept(&b, incoming, None, now(), &WorkerLabel::new("W-B")).await.expect("accept");
    assert_eq!(accepted.workflow_len(), 2, "B's log: the record and its receipt");
    let on_b = statuses(&accepted).await;
    assert!(on_b[0].signed && on_b[0].received.is_some(), "{on_b:?}");

    // The receipt reaches A's inbox, sealed for A's device; A's log shows the case received.
    let back = check_inbox(&a).await.expect("A's inbox");
    assert_eq!(back.receipts.len(), 1, "{back:?}");
    let (case_id, receipt) = back.receipts[0].clone();
    assert_eq!(case_id, case.id().to_string());
    let logged = ReceiptLogged { case: case_id, receipt };
    assert!(case.add_workflow_entry(WorkflowEntry::TransferReceipt(logged), now(), &by));
    let on_a = statuses(&case).await;
    assert_eq!(on_a[0].received.as_ref().map(|r| r.to_team.as_str()), Some(b.db.as_str()));

    // Sent again, A's own log (its records and signed history) stays on A: B gets the content
    // only, and B's copy keeps the log B holds.
    assert_eq!(case.workflow_len(), 2);
    let entry = send(&a, &case, Role::Coordinator, &card_b, true, now()).await.expect("again");
    assert!(case.add_workflow_entry(entry, now(), &by));
    let inbox = check_inbox(&b).await.expect("B's inbox");
    let second = inbox.transfers.iter().find(|t| !holds(&accepted, &t.record)).expect("second");
    assert_eq!(second.case.workflow_len(), 0, "A's log is not sent");
    let again = accept(&b, second, Some(&accepted), now(), &WorkerLabel::new("W-B"))
        .await
        .expect("accept again");
    assert_eq!(again.workflow_len(), 4, "B's two records kept, and the second transfer's two");
    assert_eq!(statuses(&again).await.len(), 2);
    drop_team(&a).await;
    drop_team(&b).await;
}
