//! The chain as the case's log holds it: a change's actions, each device's next entry built from
//! the log, entries that change nothing else in the case, and the heads that reveal a dropped
//! last entry.
use super::*;
use crate::case::{Case, CasePart, ChildProfile, ClosureReason, WorkerLabel};
use crate::documents::kind::DocumentKind;
use crate::workflow::audit::{verify_history, ChainProblem};
use crate::workflow::handover::{EventBody, HandoverEvent, HandoverNote};
use crate::workflow::review::{PanelBody, PanelEntry, Vote};
use crate::workflow::role::Role;
use crate::workflow::signed::test_keys::{roster, Device, P256};
use crate::workflow::signed::Hash32;
use chrono::{DateTime, Duration, TimeZone, Utc};
use uuid::Uuid;

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 10, 9, 0, 0).single().unwrap_or_default()
        + Duration::minutes(minute)
}

fn new_case() -> Case {
    let profile = ChildProfile { alias: "Estrella".into(), ..Default::default() };
    Case::new(Uuid::from_u128(7), profile, at(0), &WorkerLabel::new("AO-3"))
}

fn handover(case: &Case, step: Step) -> WorkflowEntry {
    let body =
        EventBody { id: "h-1".into(), case: case.id().to_string(), by: "d-a".into(), at: 60, step };
    WorkflowEntry::Handover(HandoverEvent { body, signature: vec![1] })
}

fn panel(case: &Case, act: PanelAct) -> WorkflowEntry {
    let body = PanelBody {
        panel: "p".into(),
        case: case.id().to_string(),
        report: Hash32::default(),
        member: "d-a".into(),
        at: 70,
        act,
    };
    WorkflowEntry::Panel(PanelEntry { body, signature: vec![2] })
}

/// What one change recorded: the trail's new events and the log's new records.
fn change(case: &mut Case, apply: impl FnOnce(&mut Case)) -> Vec<ChainAction> {
    let (events, entries) = (case.audit_trail().len(), case.workflow_len());
    apply(case);
    actions_of_change(&case.audit_trail()[events..], &case.workflow_since(entries))
}

#[test]
fn each_change_names_its_acts_and_an_edit_in_the_same_session_names_none() {
    let by = WorkerLabel::new("AO-3");
    let mut case = new_case();
    // A new case: everything its trail holds.
    assert_eq!(
        actions_of_change(case.audit_trail(), &case.workflow()),
        [ChainAction::Case(AuditAction::Created)]
    );
    let edit = |c: &mut Case, alias: &str, minute| {
        let mut p = c.profile().clone();
        p.alias = alias.into();
        c.edit_profile(p, at(minute), &by);
    };
    assert_eq!(
        change(&mut case, |c| edit(c, "Luz", 1)),
        [ChainAction::Case(AuditAction::Edited(CasePart::Profile))]
    );
    assert!(change(&mut case, |c| edit(c, "Luz M.", 2)).is_empty(), "same session");
    assert_eq!(
        change(&mut case, |c| c.record_printed(DocumentKind::Registration, at(3), &by)),
        [ChainAction::Case(AuditAction::Printed(DocumentKind::Registration))]
    );
    // A workflow record is named by what it is, not by the trail's coarser event.
    let offer = handover(
        &case,
        Step::Offer {
            to: "d-b".into(),
            note: HandoverNote { child_told: "x".into(), ..Default::default() },
        },
    );
    let answer = handover(&case, Step::Accept { offer: "h-1".into() });
    let undertaking = panel(&case, PanelAct::Undertaking);
    let vote = panel(&case, PanelAct::Vote { vote: Vote::For, reasons: "r".into() });
    assert_eq!(
        change(&mut case, |c| {
            for e in [offer, answer, undertaking, vote] {
                assert!(c.add_workflow_entry(e, at(4), &by));
            }
        }),
        [
            ChainAction::HandedOver,
            ChainAction::HandoverAnswered,
            ChainAction::PanelUndertaking,
            ChainAction::PanelVoted
        ]
    );
    assert_eq!(
        change(&mut case, |c| {
            let _ = c.close(ClosureReason::GoalsMet, "", at(5), &by);
        }),
        [ChainAction::Case(AuditAction::Closed)]
    );
}

#[test]
fn entries_built_from_the_log_chain_each_device_and_change_nothing_else() {
    let a = Device::new("d-a", 4);
    let b = Device::new("d-b", 5);
    let team = roster(&[(&a, Role::Caseworker), (&b, Role::Supervisor)]);
    let mut case = new_case();
    let id = case.id().to_string();
    let (trail, updated) = (case.audit_trail().to_vec(), case.updated_at());
    let acts = [
        (&a, ChainAction::Case(AuditAction::Created)),
        (&b, ChainAction::ViewedDecision),
        (&a, ChainAction::Case(AuditAction::Exported)),
        (&a, ChainAction::HandedOver),
        (&b, ChainAction::HandoverAnswered),
    ];
    for (i, (device, action)) in acts.iter().enumerate() {
        let body = next_body(&case.workflow(), &id, &device.id, None, 100 + i as i64, *action);
        let entry = ChainEntry { signature: device.sign(&body.signing_bytes()), body };
        assert!(case.add_chain_entry(entry.clone()));
        assert!(!case.add_chain_entry(entry), "the same entry twice is one");
    }
    let log = case.workflow();
    let seqs: Vec<(&str, u64)> =
        WorkflowEntry::chain(&log).map(|e| (e.body.device.as_str(), e.body.seq)).collect();
    assert_eq!(seqs, [("d-a", 0), ("d-b", 0), ("d-a", 1), ("d-a", 2), ("d-b", 1)]);
    assert_eq!(last_entry(&log, &id, "d-a").map(|e| e.body.seq), Some(2));
    assert_eq!(case.audit_trail(), trail.as_slice(), "recording an act is not an act");
    assert_eq!(case.updated_at(), updated);
    let entries: Vec<ChainEntry> = WorkflowEntry::chain(&log).cloned().collect();
    let h = verify_history(&id, &entries, &BTreeMap::new(), &team, &P256);
    assert!(h.is_intact(), "{:?}", h.problems);
    assert_eq!(h.entries.len(), 5);
    // The log as stored says what was done, never any content.
    let json = serde_json::to_string(&case.workflow_since(0)).unwrap_or_default();
    assert!(!json.contains("Estrella"), "{json}");
    // An entry of another case is refused.
    let mut other = entries[0].clone();
    other.body.case = Uuid::from_u128(8).to_string();
    assert!(!case.add_chain_entry(other));
}

#[test]
fn heads_only_rise_and_reveal_a_dropped_last_entry() {
    let a = Device::new("d-a", 4);
    let team = roster(&[(&a, Role::Caseworker)]);
    let mut case = new_case();
    let id = case.id().to_string();
    for i in 0..3 {
        let body =
            next_body(&case.workflow(), &id, "d-a", None, 100 + i, ChainAction::ViewedDecision);
        assert!(case.add_chain_entry(ChainEntry { signature: a.sign(&body.signing_bytes()), body }));
    }
    let entries: Vec<ChainEntry> = WorkflowEntry::chain(&case.workflow()).cloned().collect();
    let mut heads = BTreeMap::new();
    assert!(raise_heads(&mut heads, &entries));
    assert_eq!(heads.get("d-a"), Some(&2));
    assert!(!raise_heads(&mut heads, &entries), "nothing new");
    assert!(!raise_heads(&mut heads, &entries[..1]), "never down");
    assert_eq!(heads.get("d-a"), Some(&2));
    // The last entry gone (a copy of the case from before it): only the head tells.
    let h = verify_history(&id, &entries[..2], &heads, &team, &P256);
    assert_eq!(h.problems, [ChainProblem::Missing { device: "d-a".into(), from: 2, to: 2 }]);
}

#[test]
fn after_an_older_copy_comes_back_no_number_is_used_twice() {
    let a = Device::new("d-a", 4);
    let team = roster(&[(&a, Role::Caseworker)]);
    let mut case = new_case();
    let id = case.id().to_string();
    let sign = |case: &mut Case, head: Option<u64>, action| {
        let body = next_body(&case.workflow(), &id, "d-a", head, 200, action);
        assert!(case.add_chain_entry(ChainEntry { signature: a.sign(&body.signing_bytes()), body }));
    };
    sign(&mut case, None, ChainAction::Case(AuditAction::Created));
    let older = case.clone();
    sign(&mut case, None, ChainAction::Case(AuditAction::Exported));
    sign(&mut case, None, ChainAction::Case(AuditAction::Closed));
    let mut heads = BTreeMap::new();
    raise_heads(&mut heads, WorkflowEntry::chain(&case.workflow()));
    // The copy from before entries 1 and 2 is restored; the phone's next entry is number 3.
    let mut case = older;
    sign(&mut case, heads.get("d-a").copied(), ChainAction::Case(AuditAction::Reopened));
    let entries: Vec<ChainEntry> = WorkflowEntry::chain(&case.workflow()).cloned().collect();
    assert_eq!(entries.iter().map(|e| e.body.seq).collect::<Vec<_>>(), [0, 3]);
    let h = verify_history(&id, &entries, &heads, &team, &P256);
    assert_eq!(h.problems, [ChainProblem::Missing { device: "d-a".into(), from: 1, to: 2 }]);
    assert_eq!(h.entries.len(), 2, "both entries that are there still count");
}
