//! A case's documents and their review state from its workflow log, with real P-256 signatures:
//! what each document's hash covers, asked, returned with a comment, fixed, approved, outdated
//! after an edit, and a caseworker's "approval" shown as invalid; the queue across cases.
use super::*;
use crate::case::{ChildProfile, ItemId, WorkerLabel};
use crate::workflow::review::{DecisionBody, Verdict};
use crate::workflow::role::Role;
use crate::workflow::signed::test_keys::{roster, Device, P256};
use crate::workflow::signed::SignatureProblem;
use chrono::{TimeZone, Utc};

fn when(s: i64) -> chrono::DateTime<Utc> {
    Utc.timestamp_opt(1_800_000_000 + s, 0).unwrap()
}

fn by() -> WorkerLabel {
    WorkerLabel::new("W")
}

fn case(n: u128) -> Case {
    let profile = ChildProfile { given_names: "Ana".into(), ..ChildProfile::default() };
    Case::new(uuid::Uuid::from_u128(n), profile, when(0), &by())
}

fn write(case: &mut Case, item: &str, text: &str, at: i64) {
    let state = ItemState::Answered { value: Answer::Text(text.into()), at: when(at) };
    case.record_item(ItemId::new(item), state, when(at), &by());
}

fn ask(case: &mut Case, dev: &Device, id: &str, at: i64) {
    let body = RequestBody {
        id: id.into(),
        case: case.id().to_string(),
        subject: ReviewSubject::Bia,
        version: current_version(case, ReviewSubject::Bia).unwrap(),
        by: dev.id.clone(),
        at,
    };
    let entry = ReviewRequest { signature: dev.sign(&body.signing_bytes()), body };
    assert!(case.add_workflow_entry(WorkflowEntry::ReviewRequest(entry), when(at), &by()));
}

fn decide(case: &mut Case, dev: &Device, request: &str, verdict: Verdict, at: i64) {
    let body = DecisionBody {
        request: request.into(),
        case: case.id().to_string(),
        subject: ReviewSubject::Bia,
        version: current_version(case, ReviewSubject::Bia).unwrap(),
        verdict,
        by: dev.id.clone(),
        at,
    };
    let entry = ReviewDecision { signature: dev.sign(&body.signing_bytes()), body };
    assert!(case.add_workflow_entry(WorkflowEntry::ReviewDecision(entry), when(at), &by()));
}

fn bia_of(case: &Case, roster: &Roster) -> DocumentReview {
    case_reviews(case, roster, &P256).remove(0)
}

#[test]
fn each_document_covers_its_own_items_and_not_when_they_were_saved() {
    let mut c = case(1);
    assert_eq!(document(&c, ReviewSubject::Bia), None, "nothing recorded: nothing to review");
    write(&mut c, "bia.safety.facts", "lives with aunt", 10);
    write(&mut c, "bid.preparation.question", "where to live", 10);
    let bia = current_version(&c, ReviewSubject::Bia).unwrap();
    let report = current_version(&c, ReviewSubject::BidReport).unwrap();
    assert_ne!(bia, report);
    // Another document's edit, or the BID panel's, leaves the BIA's hash alone.
    write(&mut c, "bid.panel.members", "three", 20);
    write(&mut c, "closure.close.transfer", "x", 20);
    assert_eq!(current_version(&c, ReviewSubject::Bia), Some(bia));
    assert_eq!(current_version(&c, ReviewSubject::BidReport), Some(report));
    // The same words saved again later are the same version; other words are not.
    write(&mut c, "bia.safety.facts", "lives with aunt", 30);
    assert_eq!(current_version(&c, ReviewSubject::Bia), Some(bia));
    write(&mut c, "bia.safety.facts", "lives with aunt.", 40);
    assert_ne!(current_version(&c, ReviewSubject::Bia), Some(bia));
    assert_eq!(current_version(&case(1), ReviewSubject::CasePlan), None);
}

#[test]
fn asked_returned_fixed_approved_then_outdated_after_an_edit() {
    let (ana, sup) = (Device::new("d-ana", 4), Device::new("d-sup", 3));
    let r = roster(&[(&ana, Role::Caseworker), (&sup, Role::Supervisor)]);
    let mut c = case(2);
    write(&mut c, "bia.safety.facts", "first", 10);
    let never = bia_of(&c, &r);
    assert_eq!((never.status.clone(), never.can_ask()), (None, true));
    ask(&mut c, &ana, "r-1", 20);
    let asked = bia_of(&c, &r);
    assert_eq!(asked.status, Some(ReviewStatus::Waiting));
    assert!(!asked.can_ask(), "asked already");
    assert_eq!(asked.open_request().map(|b| b.id.as_str()), Some("r-1"));
    decide(&mut c, &sup, "r-1", Verdict::Return { comment: "add sources".into() }, 30);
    let returned = bia_of(&c, &r);
    assert_eq!(
        returned.status,
        Some(ReviewStatus::Returned { by: "d-sup".into(), at: 30, comment: "add sources".into() })
    );
    assert!(returned.can_ask() && returned.open_request().is_none());
    write(&mut c, "bia.safety.facts", "first, with sources", 40);
    ask(&mut c, &ana, "r-2", 50);
    assert_eq!(bia_of(&c, &r).status, Some(ReviewStatus::Waiting), "the new request counts");
    decide(&mut c, &sup, "r-2", Verdict::Approve, 60);
    let approved = bia_of(&c, &r);
    assert_eq!(approved.status, Some(ReviewStatus::Approved { by: "d-sup".into(), at: 60 }));
    assert!(!approved.can_ask());
    write(&mut c, "bia.safety.facts", "edited after approval", 70);
    let outdated = bia_of(&c, &r);
    assert_eq!(
        outdated.status,
        Some(ReviewStatus::ApprovalOutdated { by: "d-sup".into(), at: 60 })
    );
    assert!(outdated.can_ask(), "the edited version can be sent again");
}

#[test]
fn an_approval_signed_by_a_caseworkers_key_is_invalid_and_the_request_still_waits() {
    let (ana, luis, sup) =
        (Device::new("d-ana", 4), Device::new("d-luis", 5), Device::new("d-sup", 3));
    let r =
        roster(&[(&ana, Role::Caseworker), (&luis, Role::Caseworker), (&sup, Role::Supervisor)]);
    let mut c = case(3);
    write(&mut c, "bia.safety.facts", "first", 10);
    ask(&mut c, &ana, "r-1", 20);
    decide(&mut c, &luis, "r-1", Verdict::Approve, 30);
    let d = bia_of(&c, &r);
    assert_eq!(d.status, Some(ReviewStatus::Waiting));
    assert_eq!(d.invalid.len(), 1);
    assert_eq!(d.invalid[0].1, InvalidDecision::NotASupervisor);
    // A supervisor's name on a caseworker's signature: the signature does not verify.
    let mut claimed = d.invalid[0].0.clone();
    claimed.body.by = sup.id.clone();
    claimed.signature = luis.sign(&claimed.body.signing_bytes());
    assert!(c.add_workflow_entry(WorkflowEntry::ReviewDecision(claimed), when(40), &by()));
    let d = bia_of(&c, &r);
    assert_eq!(d.status, Some(ReviewStatus::Waiting), "never shown as approved");
    assert_eq!(d.invalid[1].1, InvalidDecision::Signature(SignatureProblem::BadSignature));
    // It stays in the supervisors' queue.
    let q = queue_of(std::slice::from_ref(&c), &r, &P256, 100);
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].request, "r-1");
}

#[test]
fn the_queue_spans_the_cases_oldest_first_and_drops_what_was_decided() {
    let (ana, sup) = (Device::new("d-ana", 4), Device::new("d-sup", 3));
    let r = roster(&[(&ana, Role::Caseworker), (&sup, Role::Supervisor)]);
    let (mut a, mut b, mut done) = (case(4), case(5), case(6));
    for (c, at) in [(&mut a, 50), (&mut b, 20), (&mut done, 10)] {
        write(c, "bia.safety.facts", "x", at);
        ask(c, &ana, &format!("r-{at}"), at);
    }
    decide(&mut done, &sup, "r-10", Verdict::Approve, 60);
    let q = queue_of(&[a, b, done], &r, &P256, 100);
    let ids: Vec<&str> = q.iter().map(|i| i.request.as_str()).collect();
    assert_eq!(ids, ["r-20", "r-50"]);
    assert_eq!(q[0].waiting_secs, 80);
}

#[test]
fn a_request_not_signed_by_its_author_is_not_a_request() {
    let (ana, luis) = (Device::new("d-ana", 4), Device::new("d-luis", 5));
    let r = roster(&[(&ana, Role::Caseworker)]);
    let mut c = case(7);
    write(&mut c, "bia.safety.facts", "x", 10);
    ask(&mut c, &luis, "r-1", 20);
    assert_eq!(bia_of(&c, &r).status, None, "an unknown signer's request is not shown as asked");
}

fn panel_act(case: &mut Case, dev: &Device, act: crate::workflow::review::PanelAct, at: i64) {
    use crate::workflow::review::{PanelBody, PanelEntry};
    let body = PanelBody {
        panel: "p-1".into(),
        case: case.id().to_string(),
        report: current_version(case, ReviewSubject::BidReport).unwrap(),
        member: dev.id.clone(),
        at,
        act,
    };
    let entry = PanelEntry { signature: dev.sign(&body.signing_bytes()), body };
    assert!(case.add_workflow_entry(WorkflowEntry::Panel(entry), when(at), &by()));
}

#[test]
fn a_panel_member_undertakes_then_votes_once_and_dissent_is_kept() {
    use crate::workflow::review::{PanelAct, PanelOutcome, PanelRefusal, Vote};
    let devs = [Device::new("d-1", 11), Device::new("d-2", 12), Device::new("d-3", 13)];
    let r = roster(&[
        (&devs[0], Role::Caseworker),
        (&devs[1], Role::Supervisor),
        (&devs[2], Role::Coordinator),
    ]);
    let mut c = case(8);
    assert_eq!(case_panel(&c, "p-1", "d-1", &r, &P256), None, "no BID report yet");
    write(&mut c, "bid.preparation.question", "where to live", 10);
    let step = |c: &Case, m: &str| case_panel(c, "p-1", m, &r, &P256).unwrap().1;
    assert_eq!(step(&c, "d-1"), PanelStep::Undertake);
    let vote = |v, why: &str| PanelAct::Vote { vote: v, reasons: why.into() };
    // A vote before the undertaking does not count.
    panel_act(&mut c, &devs[0], vote(Vote::For, "early"), 20);
    let (res, s) = case_panel(&c, "p-1", "d-1", &r, &P256).unwrap();
    assert_eq!((res.votes.len(), s), (0, PanelStep::Undertake));
    assert_eq!(res.refused[0].1, PanelRefusal::NoUndertaking);
    for (i, d) in devs.iter().enumerate() {
        panel_act(&mut c, d, PanelAct::Undertaking, 30 + i as i64);
    }
    assert_eq!(step(&c, "d-1"), PanelStep::Vote);
    panel_act(&mut c, &devs[0], vote(Vote::For, "family is safe"), 40);
    panel_act(&mut c, &devs[1], vote(Vote::For, "agreed"), 41);
    panel_act(&mut c, &devs[2], vote(Vote::Against, "tracing not finished"), 42);
    // A second vote is kept but not counted.
    panel_act(&mut c, &devs[0], vote(Vote::Against, "changed my mind"), 43);
    let (res, s) = case_panel(&c, "p-1", "d-1", &r, &P256).unwrap();
    assert_eq!(s, PanelStep::Voted);
    assert_eq!(res.outcome, PanelOutcome::Adopted);
    assert_eq!(res.dissent.len(), 1);
    assert_eq!(res.dissent[0].reasons, "tracing not finished");
    assert!(res.refused.iter().any(|(_, why)| *why == PanelRefusal::AlreadyVoted));
    // Editing the report after the votes: they were over another version and no longer count.
    write(&mut c, "bid.preparation.question", "where to live, and with whom", 50);
    let (res, _) = case_panel(&c, "p-1", "d-1", &r, &P256).unwrap();
    assert_eq!(res.outcome, PanelOutcome::NoQuorum { counted: 0, needed: 3 });
}
