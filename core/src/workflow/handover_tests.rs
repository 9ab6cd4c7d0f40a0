//! Handover states from signed events in any order, who may do each step, "my cases" and the
//! shift view's order.
use super::*;
use crate::workflow::signed::test_keys::{roster, Device, P256};
use crate::workflow::signed::Checked;

struct Team {
    sup: Device,
    ana: Device,
    luis: Device,
    vol: Device,
    roster: Roster,
}

fn team() -> Team {
    let sup = Device::new("d-sup", 3);
    let ana = Device::new("d-ana", 4);
    let luis = Device::new("d-luis", 5);
    let vol = Device::new("d-vol", 6);
    let roster = roster(&[
        (&sup, Role::Supervisor),
        (&ana, Role::Caseworker),
        (&luis, Role::Caseworker),
        (&vol, Role::Volunteer),
    ]);
    Team { sup, ana, luis, vol, roster }
}

fn event(by: &Device, id: &str, at: i64, step: Step) -> HandoverEvent {
    let body = EventBody { id: id.into(), case: "c-1".into(), by: by.id.clone(), at, step };
    let signature = by.sign(&body.signing_bytes());
    HandoverEvent { body, signature }
}

fn note() -> HandoverNote {
    HandoverNote {
        pending: vec!["School enrolment letter".into()],
        deadlines: vec![NoteDeadline {
            what: "Asylum interview".into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 9).unwrap(),
        }],
        child_told: "That Luis will see her from Monday".into(),
    }
}

fn offer(by: &Device, id: &str, at: i64, to: &Device) -> HandoverEvent {
    event(by, id, at, Step::Offer { to: to.id.clone(), note: note() })
}

/// A verifier holding exactly the events' real P-256 signatures (checked once each), as the
/// shell passes WebCrypto's answers: the permutations then run fast.
fn checked(t: &Team, events: &[HandoverEvent]) -> Checked {
    let mut c = Checked::default();
    for e in events {
        let msg = e.body.signing_bytes();
        for d in [&t.sup, &t.ana, &t.luis, &t.vol] {
            if P256.verify(&d.public(), &msg, &e.signature) {
                c.insert(&d.public(), &msg, &e.signature);
            }
        }
    }
    c
}

fn permutations<T: Clone>(items: &[T]) -> Vec<Vec<T>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut out = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut p in permutations(&rest) {
            p.insert(0, first.clone());
            out.push(p);
        }
    }
    out
}

#[test]
fn assigned_then_offered_then_accepted_moves_the_case_to_the_receiver() {
    let t = team();
    let events = vec![
        event(&t.sup, "e-1", 100, Step::Assign { to: t.ana.id.clone() }),
        offer(&t.ana, "e-2", 200, &t.luis),
    ];
    let a = Assignment::from_events("c-1", &events, &t.roster, &P256);
    assert_eq!(a.state(), HandoverState::Offered { from: "d-ana".into(), to: "d-luis".into() });
    assert_eq!(a.offer.as_ref().map(|o| &o.note), Some(&note()));
    let mut events = events;
    events.push(event(&t.luis, "e-3", 300, Step::Accept { offer: "e-2".into() }));
    let a = Assignment::from_events("c-1", &events, &t.roster, &P256);
    assert_eq!(a.state(), HandoverState::Assigned { to: "d-luis".into() });
    assert_eq!(a.past.len(), 1);
    assert_eq!(a.past[0].outcome, OfferOutcome::Accepted);
    assert!(a.refused.is_empty(), "{:?}", a.refused);
}

#[test]
fn every_order_of_the_same_events_gives_the_same_state() {
    let t = team();
    let events = vec![
        event(&t.sup, "e-1", 100, Step::Assign { to: t.ana.id.clone() }),
        offer(&t.ana, "e-2", 200, &t.luis),
        event(&t.luis, "e-3", 300, Step::Decline { offer: "e-2".into() }),
        offer(&t.ana, "e-4", 400, &t.sup),
        // A third party's "accept" of someone else's offer: refused in every order.
        event(&t.luis, "e-5", 450, Step::Accept { offer: "e-4".into() }),
        event(&t.sup, "e-6", 500, Step::Accept { offer: "e-4".into() }),
    ];
    let verifier = checked(&t, &events);
    let expected = Assignment::from_events("c-1", &events, &t.roster, &P256);
    assert_eq!(expected.holder.as_deref(), Some("d-sup"));
    assert_eq!(expected.refused, vec![("e-5".to_owned(), HandoverRefusal::NotTheReceiver)]);
    let outcomes: Vec<OfferOutcome> = expected.past.iter().map(|p| p.outcome).collect();
    assert_eq!(outcomes, [OfferOutcome::Declined, OfferOutcome::Accepted]);
    let all = permutations(&events);
    assert_eq!(all.len(), 720);
    for order in all {
        assert_eq!(Assignment::from_events("c-1", &order, &t.roster, &verifier), expected);
    }
    // An entry received twice counts once.
    let mut twice = events.clone();
    twice.push(events[1].clone());
    assert_eq!(Assignment::from_events("c-1", &twice, &t.roster, &verifier), expected);
}

#[test]
fn only_the_offered_member_answers_and_only_the_sender_withdraws() {
    let t = team();
    let base = vec![
        event(&t.sup, "e-1", 100, Step::Assign { to: t.ana.id.clone() }),
        offer(&t.ana, "e-2", 200, &t.luis),
    ];
    let with = |extra: HandoverEvent| {
        let mut e = base.clone();
        e.push(extra);
        Assignment::from_events("c-1", &e, &t.roster, &P256)
    };
    let a = with(event(&t.ana, "e-3", 300, Step::Accept { offer: "e-2".into() }));
    assert_eq!(a.refused, [("e-3".to_owned(), HandoverRefusal::NotTheReceiver)]);
    let a = with(event(&t.sup, "e-3", 300, Step::Decline { offer: "e-2".into() }));
    assert_eq!(a.refused, [("e-3".to_owned(), HandoverRefusal::NotTheReceiver)]);
    let a = with(event(&t.luis, "e-3", 300, Step::Withdraw { offer: "e-2".into() }));
    assert_eq!(a.refused, [("e-3".to_owned(), HandoverRefusal::NotTheSender)]);
    assert!(a.offer.is_some(), "the offer is still open");
    let a = with(event(&t.ana, "e-3", 300, Step::Withdraw { offer: "e-2".into() }));
    assert_eq!(a.state(), HandoverState::Assigned { to: "d-ana".into() });
    assert_eq!(a.past[0].outcome, OfferOutcome::Withdrawn);
    // Accepting after the withdrawal: the offer is closed.
    let mut e = base.clone();
    e.push(event(&t.ana, "e-3", 300, Step::Withdraw { offer: "e-2".into() }));
    e.push(event(&t.luis, "e-4", 400, Step::Accept { offer: "e-2".into() }));
    let a = Assignment::from_events("c-1", &e, &t.roster, &P256);
    assert_eq!(a.holder.as_deref(), Some("d-ana"));
    assert_eq!(a.refused, [("e-4".to_owned(), HandoverRefusal::OfferClosed)]);
}

#[test]
fn roles_and_signatures_are_enforced() {
    let t = team();
    // A caseworker cannot assign a case to someone else, nor take one already held.
    let e = vec![
        event(&t.ana, "e-1", 100, Step::Assign { to: t.luis.id.clone() }),
        event(&t.ana, "e-2", 110, Step::Assign { to: t.ana.id.clone() }),
        event(&t.luis, "e-3", 120, Step::Assign { to: t.luis.id.clone() }),
        // A volunteer cannot receive a case.
        offer(&t.ana, "e-4", 200, &t.vol),
        // Nor offer one to oneself, nor offer a case one does not hold.
        offer(&t.ana, "e-5", 210, &t.ana),
        offer(&t.luis, "e-6", 220, &t.sup),
    ];
    let a = Assignment::from_events("c-1", &e, &t.roster, &P256);
    assert_eq!(a.holder.as_deref(), Some("d-ana"));
    let why: Vec<(&str, HandoverRefusal)> =
        a.refused.iter().map(|(id, r)| (id.as_str(), *r)).collect();
    assert_eq!(
        why,
        [
            ("e-1", HandoverRefusal::NotPermitted),
            ("e-3", HandoverRefusal::NotPermitted),
            ("e-4", HandoverRefusal::BadReceiver),
            ("e-5", HandoverRefusal::BadReceiver),
            ("e-6", HandoverRefusal::NotTheHolder),
        ]
    );
    // A tampered event (the receiver changed after signing) is refused.
    let mut forged = offer(&t.ana, "e-7", 300, &t.luis);
    forged.body.step = Step::Offer { to: t.sup.id.clone(), note: note() };
    let a = Assignment::from_events("c-1", &[e[1].clone(), forged], &t.roster, &P256);
    assert_eq!(
        a.refused,
        [("e-7".to_owned(), HandoverRefusal::Signature(SignatureProblem::BadSignature))]
    );
    assert!(a.offer.is_none());
}

#[test]
fn a_note_must_say_what_the_child_was_told_and_one_offer_is_open_at_a_time() {
    let t = team();
    let mut blank = note();
    blank.child_told = "  ".into();
    let e = vec![
        event(&t.ana, "e-1", 100, Step::Assign { to: t.ana.id.clone() }),
        event(&t.ana, "e-2", 200, Step::Offer { to: t.luis.id.clone(), note: blank }),
        offer(&t.ana, "e-3", 300, &t.luis),
        offer(&t.ana, "e-4", 400, &t.sup),
    ];
    let a = Assignment::from_events("c-1", &e, &t.roster, &P256);
    assert_eq!(
        a.refused,
        [
            ("e-2".to_owned(), HandoverRefusal::NoteIncomplete),
            ("e-4".to_owned(), HandoverRefusal::AlreadyOffered)
        ]
    );
    assert_eq!(a.offer.map(|o| o.id).as_deref(), Some("e-3"));
}

#[test]
fn an_answer_from_a_phone_with_its_clock_behind_still_counts_and_an_orphan_waits() {
    let t = team();
    let e = vec![
        event(&t.sup, "e-1", 100, Step::Assign { to: t.ana.id.clone() }),
        offer(&t.ana, "e-2", 200, &t.luis),
        event(&t.luis, "e-3", 50, Step::Accept { offer: "e-2".into() }),
    ];
    let a = Assignment::from_events("c-1", &e, &t.roster, &P256);
    assert_eq!(a.holder.as_deref(), Some("d-luis"));
    // The accept arrived before its offer: it waits, and the case stays where it was.
    let a = Assignment::from_events("c-1", &[e[0].clone(), e[2].clone()], &t.roster, &P256);
    assert_eq!(a.holder.as_deref(), Some("d-ana"));
    assert_eq!(a.waiting, ["e-3"]);
    assert!(a.refused.is_empty());
}

#[test]
fn my_cases_lists_what_i_hold_and_what_is_offered_to_me() {
    let t = team();
    let mk = |case: &str, events: Vec<HandoverEvent>| {
        let events: Vec<HandoverEvent> = events
            .into_iter()
            .map(|mut e| {
                e.body.case = case.into();
                let by = [&t.sup, &t.ana, &t.luis].into_iter().find(|d| d.id == e.body.by);
                e.signature = by.map(|d| d.sign(&e.body.signing_bytes())).unwrap_or_default();
                e
            })
            .collect();
        Assignment::from_events(case, &events, &t.roster, &P256)
    };
    let assign = |to: &Device| event(&t.sup, "e-a", 1, Step::Assign { to: to.id.clone() });
    let cases = [
        mk("c-3", vec![assign(&t.ana)]),
        mk("c-1", vec![assign(&t.ana), offer(&t.ana, "e-o", 2, &t.luis)]),
        mk("c-2", vec![assign(&t.luis), offer(&t.luis, "e-o", 2, &t.ana)]),
        mk("c-4", vec![]),
    ];
    let mine = my_cases("d-ana", &cases);
    assert_eq!(mine.holding, ["c-1", "c-3"]);
    assert_eq!(mine.offered_by_me, ["c-1"]);
    assert_eq!(mine.offered_to_me, ["c-2"]);
    assert_eq!(my_cases("d-vol", &cases), MyCases::default());
}

#[test]
fn the_shift_view_puts_overdue_first_then_deadline_then_risk() {
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d);
    let case = |id: &str, open, deadline, risk| ShiftCase {
        case: id.into(),
        open,
        next_deadline: deadline,
        risk,
        holder: None,
    };
    let cases = [
        case("no-deadline-high", true, None, Some(RiskLevel::High)),
        case("later-low", true, day(10), Some(RiskLevel::Low)),
        case("later-high", true, day(10), Some(RiskLevel::High)),
        case("later-unknown", true, day(10), None),
        case("overdue-recent", true, day(1), Some(RiskLevel::Low)),
        case("overdue-old", true, day(1).map(|d| d - chrono::Days::new(5)), None),
        case("closed-overdue", false, day(1), Some(RiskLevel::High)),
        case("today", true, day(2), Some(RiskLevel::Medium)),
    ];
    let rows = shift_view(&cases, day(2).unwrap());
    let order: Vec<&str> = rows.iter().map(|r| r.case.as_str()).collect();
    assert_eq!(
        order,
        [
            "overdue-old",
            "overdue-recent",
            "today",
            "later-high",
            "later-low",
            "later-unknown",
            "no-deadline-high"
        ]
    );
    assert_eq!(rows[0].days_overdue, Some(6));
    assert_eq!(rows[1].days_overdue, Some(1));
    assert_eq!(rows[2].days_overdue, None, "due today is not overdue");
}
