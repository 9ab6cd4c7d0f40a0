//! Transfers: refused without consent (and for the other reasons, each named), a signed record
//! and receipt both teams can check, tampering found.
use super::*;
use crate::case::{ChildAssent, ChildProfile, ClosureReason, ConsentGiver, WorkerLabel};
use crate::workflow::signed::test_keys::{roster, Device, P256};
use chrono::TimeZone;
use uuid::Uuid;

fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, day, 10, 0, 0).single().unwrap_or_default()
}

fn by() -> WorkerLabel {
    WorkerLabel::new("AO-3")
}

fn case_with(consents: &[ConsentPurpose]) -> Case {
    let mut case = Case::new(Uuid::nil(), ChildProfile::default(), at(1), &by());
    for p in consents {
        case.give_consent(*p, ConsentGiver::Child, ChildAssent::NotSought, at(1), at(1), &by())
            .unwrap();
    }
    case
}

struct Sides {
    sup: Device,
    ana: Device,
    partner: Device,
    receiver: Receiver,
}

fn sides() -> Sides {
    let partner = Device::new("d-partner", 21);
    let receiver = Receiver {
        team: "senda-t-partner".into(),
        fingerprint: "K7Q2-9XMD-4T0B-WZ3E".into(),
        compared_in_person: true,
        sign_key: partner.public(),
    };
    Sides { sup: Device::new("d-sup", 3), ana: Device::new("d-ana", 4), partner, receiver }
}

fn prepare(case: &Case, role: Role, receiver: &Receiver) -> Result<TransferBody, TransferRefused> {
    prepare_transfer(case, role, "senda-t-home", receiver, "x-1", "d-sup", at(5))
}

#[test]
fn a_transfer_is_refused_without_consent_and_consent_is_checked_first() {
    let s = sides();
    let none = case_with(&[]);
    assert_eq!(
        prepare(&none, Role::Supervisor, &s.receiver),
        Err(TransferRefused::WithoutConsent(ConsentPurpose::Referral))
    );
    // Checked before anything else: even a caseworker's attempt names the missing consent.
    assert_eq!(
        prepare(&none, Role::Caseworker, &s.receiver),
        Err(TransferRefused::WithoutConsent(ConsentPurpose::Referral))
    );
    let referral_only = case_with(&[ConsentPurpose::Referral]);
    let refused = prepare(&referral_only, Role::Supervisor, &s.receiver);
    assert_eq!(refused, Err(TransferRefused::WithoutConsent(ConsentPurpose::InformationSharing)));
    assert_eq!(refused.unwrap_err().id(), "without_sharing_consent");
    // A withdrawn consent allows nothing.
    let mut withdrawn = case_with(&TRANSFER_CONSENTS);
    withdrawn.withdraw_consent(ConsentPurpose::Referral, at(3), &by());
    assert_eq!(
        prepare(&withdrawn, Role::Supervisor, &s.receiver),
        Err(TransferRefused::WithoutConsent(ConsentPurpose::Referral))
    );
}

#[test]
fn with_consent_the_other_rules_still_apply() {
    let s = sides();
    let case = case_with(&TRANSFER_CONSENTS);
    assert_eq!(prepare(&case, Role::Caseworker, &s.receiver), Err(TransferRefused::NotPermitted));
    let mut not_compared = s.receiver.clone();
    not_compared.compared_in_person = false;
    assert_eq!(
        prepare(&case, Role::Supervisor, &not_compared),
        Err(TransferRefused::ReceiverNotIdentified)
    );
    let mut garbled = s.receiver.clone();
    garbled.fingerprint = "K7Q2-9XMD-4T0B-WZ3".into();
    assert_eq!(
        prepare(&case, Role::Supervisor, &garbled),
        Err(TransferRefused::ReceiverNotIdentified)
    );
    let mut home = s.receiver.clone();
    home.team = "senda-t-home".into();
    assert_eq!(prepare(&case, Role::Supervisor, &home), Err(TransferRefused::SameTeam));
    let mut closed = case.clone();
    closed.close(ClosureReason::GoalsMet, "", at(4), &by()).unwrap();
    assert_eq!(prepare(&closed, Role::Supervisor, &s.receiver), Err(TransferRefused::CaseClosed));
}

#[test]
fn with_consent_both_sides_keep_a_signed_record_and_receipt() {
    let s = sides();
    let home = roster(&[(&s.sup, Role::Supervisor), (&s.ana, Role::Caseworker)]);
    let case = case_with(&TRANSFER_CONSENTS);
    let body = prepare(&case, Role::Supervisor, &s.receiver).unwrap();
    assert_eq!(body.case, Uuid::nil().to_string());
    assert_eq!(body.consents.len(), 2);
    assert_eq!(
        body.consents[0],
        ConsentBasis { purpose: ConsentPurpose::Referral, given_at: at(1) }
    );
    let record = TransferRecord { signature: s.sup.sign(&body.signing_bytes()), body };
    assert_eq!(verify_record(&record, &home, &P256), Ok(()));
    assert_eq!(verify_delivery(&record, "senda-t-partner", &s.sup.public(), &P256), Ok(()));
    assert_eq!(
        verify_delivery(&record, "senda-t-other", &s.sup.public(), &P256),
        Err(RecordProblem::NotForThis)
    );

    let rbody = receipt_for(&record, "d-partner", at(6));
    let receipt =
        TransferReceipt { signature: s.partner.sign(&rbody.signing_bytes()), body: rbody };
    assert_eq!(verify_receipt(&receipt, &record, &s.receiver, &P256), Ok(()));

    // A record changed after signing (another team), a receipt for another record, a receipt
    // signed by another device: all refused.
    let bad = Err(RecordProblem::Signature(SignatureProblem::BadSignature));
    let mut moved = record.clone();
    moved.body.to_team = "senda-t-other".into();
    assert_eq!(verify_record(&moved, &home, &P256), bad);
    assert_eq!(verify_delivery(&moved, "senda-t-other", &s.sup.public(), &P256), bad);
    let mut other_body = record.body.clone();
    other_body.id = "x-2".into();
    let other =
        TransferRecord { signature: s.sup.sign(&other_body.signing_bytes()), body: other_body };
    assert_eq!(
        verify_receipt(&receipt, &other, &s.receiver, &P256),
        Err(RecordProblem::NotForThis)
    );
    let mut by_sup = receipt.clone();
    by_sup.signature = s.sup.sign(&receipt.body.signing_bytes());
    assert_eq!(verify_receipt(&by_sup, &record, &s.receiver, &P256), bad);

    // A record a caseworker signed, or one without the consents, is not trusted at home.
    let mut cw_body = record.body.clone();
    cw_body.by = "d-ana".into();
    let by_cw = TransferRecord { signature: s.ana.sign(&cw_body.signing_bytes()), body: cw_body };
    assert_eq!(verify_record(&by_cw, &home, &P256), Err(RecordProblem::NotPermitted));
    let mut bare = record.body.clone();
    bare.consents.pop();
    let bare = TransferRecord { signature: s.sup.sign(&bare.signing_bytes()), body: bare };
    assert_eq!(verify_record(&bare, &home, &P256), Err(RecordProblem::NoConsent));
    assert_eq!(
        verify_delivery(&bare, "senda-t-partner", &s.sup.public(), &P256),
        Err(RecordProblem::NoConsent)
    );
}

#[test]
fn fingerprints_have_the_shape_phones_show() {
    assert!(is_fingerprint("K7Q2-9XMD-4T0B-WZ3E"));
    for bad in
        ["", "K7Q2-9XMD-4T0B", "k7q2-9xmd-4t0b-wz3e", "K7Q2-9XMD-4T0B-WZ3U", "K7Q29XMD4T0BWZ3E"]
    {
        assert!(!is_fingerprint(bad), "{bad}");
    }
}

#[test]
fn the_case_log_keeps_the_record_and_the_receipt_and_shows_it_received() {
    use crate::workflow::entry::{WorkflowAct, WorkflowEntry};
    let s = sides();
    let mut case = case_with(&TRANSFER_CONSENTS);
    let body = prepare(&case, Role::Supervisor, &s.receiver).unwrap();
    let record = TransferRecord { signature: s.sup.sign(&body.signing_bytes()), body };
    let key = |d: &Device| SignKey { suite: "p256".into(), key: d.public() };
    let logged =
        TransferLogged { record: record.clone(), sender: key(&s.sup), receiver: key(&s.partner) };
    assert!(case.add_workflow_entry(WorkflowEntry::Transfer(logged.clone()), at(5), &by()));
    assert!(!case.add_workflow_entry(WorkflowEntry::Transfer(logged), at(5), &by()), "kept once");
    let entries = case.workflow();
    let (records, receipts) = WorkflowEntry::transfers(&entries);
    let shown = transfer_log(&records, &receipts, &P256);
    assert_eq!(shown.len(), 1);
    assert!(shown[0].signed);
    assert_eq!(shown[0].received, None, "waiting for the receipt");
    assert_eq!(entries[0].act(), Some(WorkflowAct::Transferred));
    assert_eq!(entries[0].author(), "d-sup");

    // A receipt signed by another device does not count; the receiving device's does.
    let rbody = receipt_for(&record, "d-partner", at(6));
    let forged =
        TransferReceipt { signature: s.ana.sign(&rbody.signing_bytes()), body: rbody.clone() };
    let real =
        TransferReceipt { signature: s.partner.sign(&rbody.signing_bytes()), body: rbody.clone() };
    for receipt in [forged, real] {
        let entry = ReceiptLogged { case: case.id().to_string(), receipt };
        assert!(case.add_workflow_entry(WorkflowEntry::TransferReceipt(entry), at(6), &by()));
    }
    let entries = case.workflow();
    let (records, receipts) = WorkflowEntry::transfers(&entries);
    assert_eq!(receipts.len(), 2);
    assert_eq!(transfer_log(&records, &receipts, &P256)[0].received, Some(rbody));
    assert_eq!(entries[1].act(), Some(WorkflowAct::TransferReceived));
    // The log round-trips through its stored JSON (what syncs between phones).
    let again: Vec<WorkflowEntry> =
        serde_json::from_value(serde_json::to_value(&entries).unwrap()).unwrap();
    assert_eq!(again, entries);
}

#[test]
fn the_sending_teams_log_stays_with_it_and_a_returning_case_keeps_this_phones_log() {
    use crate::workflow::entry::WorkflowEntry;
    let s = sides();
    let mut case = case_with(&TRANSFER_CONSENTS);
    let body = prepare(&case, Role::Supervisor, &s.receiver).unwrap();
    let record = TransferRecord { signature: s.sup.sign(&body.signing_bytes()), body };
    let key = |d: &Device| SignKey { suite: "p256".into(), key: d.public() };
    let logged = TransferLogged { record, sender: key(&s.sup), receiver: key(&s.partner) };
    assert!(case.add_workflow_entry(WorkflowEntry::Transfer(logged), at(5), &by()));
    assert_eq!(case.workflow_len(), 1);

    let sent = case_for_transfer(&case);
    assert_eq!(sent.workflow_len(), 0, "the sending team's records are not sent");
    assert_eq!(sent.profile(), case.profile(), "the content is");
    assert_eq!(sent.consents(), case.consents());
    assert_eq!(sent.audit_trail(), case.audit_trail());
    assert_eq!(case.workflow_len(), 1, "the sender's copy keeps them");

    // A sender that did not drop them: the receiver drops them.
    let received = received_case(&case, None);
    assert_eq!(received.workflow_len(), 0);
    assert_eq!(received.profile(), case.profile());
    // The case comes back to a phone that held it: its own log is kept, the content is new.
    let mut newer = sent.clone();
    let profile = ChildProfile { alias: "Back again".into(), ..ChildProfile::default() };
    newer.edit_profile(profile, at(9), &by());
    let back = received_case(&newer, Some(&case));
    assert_eq!(back.workflow(), case.workflow(), "this phone's log kept");
    assert_eq!(back.profile(), newer.profile(), "the content received");
    // Another case's log is never taken.
    let other = Case::new(Uuid::from_u128(7), ChildProfile::default(), at(1), &by());
    assert_eq!(received_case(&other, Some(&case)).workflow_len(), 0);
}
