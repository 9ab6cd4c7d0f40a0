//! Who holds a case, and handing it over: a case's assignment and handover state computed from
//! its append-only, signed handover events, the handover note's parts, "my cases" and the shift
//! view's order.
//!
//! A case is assigned → offered (to a teammate, with a note) → accepted, declined or withdrawn.
//! Each step is one append-only entry signed by its author's device; [`Assignment::from_events`]
//! folds them in one canonical order (author's time, then entry id), so two phones that received
//! the same entries in any order compute the same state. An answer whose offer sorts later (a
//! phone's clock behind) is applied right after its offer; one whose offer this phone has not
//! received yet waits. An entry the rules refuse is kept in [`Assignment::refused`] with its
//! reason, never dropped silently.
use super::permission::Action;
use super::role::Role;
use super::signed::{signing_bytes, Roster, SignatureProblem, Verifier};
use crate::case::RiskLevel;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One deadline the receiver must know about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteDeadline {
    pub what: String,
    pub due: NaiveDate,
}

/// The handover note, in the parts the receiver needs (sealed with the case: it is case content).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverNote {
    /// What is pending: one line each.
    pub pending: Vec<String>,
    /// The next deadlines.
    pub deadlines: Vec<NoteDeadline>,
    /// What the child was told (about the handover, and what happens next).
    pub child_told: String,
}

impl HandoverNote {
    /// A note must say what the child was told: the receiver must not contradict it.
    pub fn is_complete(&self) -> bool {
        !self.child_told.trim().is_empty()
            && self.pending.iter().all(|p| !p.trim().is_empty())
            && self.deadlines.iter().all(|d| !d.what.trim().is_empty())
    }
}

/// What one handover event does.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "snake_case")]
pub enum Step {
    /// Gives the case to a member (a supervisor or coordinator; or a worker taking an
    /// unassigned case themself).
    Assign { to: String },
    /// The holder offers the case to a teammate.
    Offer { to: String, note: HandoverNote },
    /// The offered member takes the case.
    Accept { offer: String },
    /// The offered member says no: the case stays with its holder.
    Decline { offer: String },
    /// The holder takes the offer back.
    Withdraw { offer: String },
}

/// The signed part of an event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventBody {
    /// The entry's id (random, unique).
    pub id: String,
    pub case: String,
    /// The author's device.
    pub by: String,
    /// The author's clock, seconds since 1970 (the shell passes `now`).
    pub at: i64,
    pub step: Step,
}

/// One append-only handover entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandoverEvent {
    pub body: EventBody,
    pub signature: Vec<u8>,
}

const DOMAIN: &str = "senda-handover-v1";

impl EventBody {
    /// The bytes the author's device signs.
    pub fn signing_bytes(&self) -> Vec<u8> {
        signing_bytes(DOMAIN, self)
    }
}

/// Why an event does not count. Stable ids for the screens (`workflow.handover.<id>`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HandoverRefusal {
    Signature(SignatureProblem),
    /// Another event already has this id.
    DuplicateId,
    /// The event is for another case.
    OtherCase,
    /// The author's role may not do this (a volunteer, or assigning without being a supervisor).
    NotPermitted,
    /// Only the case's holder offers it.
    NotTheHolder,
    /// An offer is already open: it must be answered or withdrawn first.
    AlreadyOffered,
    /// The receiver is not an active member who may hold cases, or is the sender.
    BadReceiver,
    /// The note does not say what the child was told (or has a blank line).
    NoteIncomplete,
    /// Only the offered member accepts or declines.
    NotTheReceiver,
    /// Only the sender withdraws.
    NotTheSender,
    /// The offer was already answered or withdrawn (or is not the open one).
    OfferClosed,
}

impl HandoverRefusal {
    pub fn id(self) -> &'static str {
        match self {
            HandoverRefusal::Signature(p) => p.id(),
            HandoverRefusal::DuplicateId => "duplicate_id",
            HandoverRefusal::OtherCase => "other_case",
            HandoverRefusal::NotPermitted => "not_permitted",
            HandoverRefusal::NotTheHolder => "not_the_holder",
            HandoverRefusal::AlreadyOffered => "already_offered",
            HandoverRefusal::BadReceiver => "bad_receiver",
            HandoverRefusal::NoteIncomplete => "note_incomplete",
            HandoverRefusal::NotTheReceiver => "not_the_receiver",
            HandoverRefusal::NotTheSender => "not_the_sender",
            HandoverRefusal::OfferClosed => "offer_closed",
        }
    }
}

/// An open offer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenOffer {
    pub id: String,
    pub from: String,
    pub to: String,
    pub note: HandoverNote,
    pub at: i64,
}

/// How a past offer ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferOutcome {
    Accepted,
    Declined,
    Withdrawn,
}

/// A past offer, for the case's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClosedOffer {
    pub id: String,
    pub from: String,
    pub to: String,
    pub outcome: OfferOutcome,
    pub at: i64,
}

/// The state in one word, for lists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HandoverState {
    Unassigned,
    Assigned { to: String },
    Offered { from: String, to: String },
}

/// A case's assignment as the events say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Assignment {
    pub case: String,
    pub holder: Option<String>,
    pub offer: Option<OpenOffer>,
    pub past: Vec<ClosedOffer>,
    /// Events that do not count, with why (shown, never dropped silently).
    pub refused: Vec<(String, HandoverRefusal)>,
    /// Answers to an offer this phone has not received yet.
    pub waiting: Vec<String>,
}

impl Assignment {
    pub fn state(&self) -> HandoverState {
        match (&self.holder, &self.offer) {
            (Some(h), Some(o)) => HandoverState::Offered { from: h.clone(), to: o.to.clone() },
            (Some(h), None) => HandoverState::Assigned { to: h.clone() },
            (None, _) => HandoverState::Unassigned,
        }
    }

    /// Folds `events` (in any order, duplicates allowed) for `case`.
    pub fn from_events(
        case: &str,
        events: &[HandoverEvent],
        roster: &Roster,
        verifier: &dyn Verifier,
    ) -> Assignment {
        let mut out = Assignment { case: case.to_owned(), ..Assignment::default() };
        let mut sorted: Vec<&HandoverEvent> = events.iter().collect();
        sorted.sort_by(|a, b| {
            (a.body.at, &a.body.id, &a.signature).cmp(&(b.body.at, &b.body.id, &b.signature))
        });
        sorted.dedup_by(|a, b| a == b);
        let mut seen_ids = BTreeSet::new();
        let mut valid: Vec<(&EventBody, Role)> = Vec::new();
        for e in sorted {
            let b = &e.body;
            if !seen_ids.insert(b.id.clone()) {
                out.refused.push((b.id.clone(), HandoverRefusal::DuplicateId));
                continue;
            }
            if b.case != case {
                out.refused.push((b.id.clone(), HandoverRefusal::OtherCase));
                continue;
            }
            match roster.check(verifier, &b.by, &b.signing_bytes(), &e.signature) {
                Ok(role) => valid.push((b, role)),
                Err(p) => out.refused.push((b.id.clone(), HandoverRefusal::Signature(p))),
            }
        }
        let offer_ids: BTreeSet<&str> = valid
            .iter()
            .filter(|(b, _)| matches!(b.step, Step::Offer { .. }))
            .map(|(b, _)| b.id.as_str())
            .collect();
        let mut parked: BTreeMap<&str, Vec<(&EventBody, Role)>> = BTreeMap::new();
        let mut applied_offers = BTreeSet::new();
        for (b, role) in valid {
            match &b.step {
                Step::Accept { offer } | Step::Decline { offer } | Step::Withdraw { offer }
                    if !applied_offers.contains(offer.as_str()) =>
                {
                    if offer_ids.contains(offer.as_str()) {
                        parked.entry(offer.as_str()).or_default().push((b, role));
                    } else {
                        out.waiting.push(b.id.clone());
                    }
                }
                _ => {
                    out.apply(b, role, roster);
                    if matches!(b.step, Step::Offer { .. }) {
                        applied_offers.insert(b.id.as_str());
                        for (r, r_role) in parked.remove(b.id.as_str()).unwrap_or_default() {
                            out.apply(r, r_role, roster);
                        }
                    }
                }
            }
        }
        out
    }

    fn refuse(&mut self, b: &EventBody, why: HandoverRefusal) {
        self.refused.push((b.id.clone(), why));
    }

    fn apply(&mut self, b: &EventBody, role: Role, roster: &Roster) {
        let holds_cases = |d: &str| roster.role(d).is_some_and(|r| r.may(Action::ConfirmHandover));
        match &b.step {
            Step::Assign { to } => {
                let supervises = role.may(Action::DecideReview);
                let takes_unassigned =
                    self.holder.is_none() && *to == b.by && role.may(Action::EditCase);
                if !(supervises || takes_unassigned) {
                    return self.refuse(b, HandoverRefusal::NotPermitted);
                }
                if self.offer.is_some() {
                    return self.refuse(b, HandoverRefusal::AlreadyOffered);
                }
                if !holds_cases(to) {
                    return self.refuse(b, HandoverRefusal::BadReceiver);
                }
                self.holder = Some(to.clone());
            }
            Step::Offer { to, note } => {
                if !role.may(Action::HandOver) {
                    return self.refuse(b, HandoverRefusal::NotPermitted);
                }
                if self.holder.as_deref() != Some(b.by.as_str()) {
                    return self.refuse(b, HandoverRefusal::NotTheHolder);
                }
                if self.offer.is_some() {
                    return self.refuse(b, HandoverRefusal::AlreadyOffered);
                }
                if *to == b.by || !holds_cases(to) {
                    return self.refuse(b, HandoverRefusal::BadReceiver);
                }
                if !note.is_complete() {
                    return self.refuse(b, HandoverRefusal::NoteIncomplete);
                }
                self.offer = Some(OpenOffer {
                    id: b.id.clone(),
                    from: b.by.clone(),
                    to: to.clone(),
                    note: note.clone(),
                    at: b.at,
                });
            }
            Step::Accept { offer } | Step::Decline { offer } | Step::Withdraw { offer } => {
                let Some(open) = self.offer.as_ref().filter(|o| o.id == *offer) else {
                    return self.refuse(b, HandoverRefusal::OfferClosed);
                };
                let outcome = match b.step {
                    Step::Accept { .. } => OfferOutcome::Accepted,
                    Step::Decline { .. } => OfferOutcome::Declined,
                    _ => OfferOutcome::Withdrawn,
                };
                let author_ok = match outcome {
                    OfferOutcome::Withdrawn => open.from == b.by,
                    _ => open.to == b.by,
                };
                if !author_ok {
                    let why = match outcome {
                        OfferOutcome::Withdrawn => HandoverRefusal::NotTheSender,
                        _ => HandoverRefusal::NotTheReceiver,
                    };
                    return self.refuse(b, why);
                }
                if outcome == OfferOutcome::Accepted && !role.may(Action::ConfirmHandover) {
                    return self.refuse(b, HandoverRefusal::NotPermitted);
                }
                let open = self.offer.take().unwrap_or_else(|| unreachable!());
                if outcome == OfferOutcome::Accepted {
                    self.holder = Some(open.to.clone());
                }
                self.past.push(ClosedOffer {
                    id: open.id,
                    from: open.from,
                    to: open.to,
                    outcome,
                    at: b.at,
                });
            }
        }
    }
}

/// A member's own cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MyCases {
    /// Cases the member holds (including those they have offered and not yet seen answered).
    pub holding: Vec<String>,
    /// Cases offered to the member, waiting for them to accept or decline.
    pub offered_to_me: Vec<String>,
    /// Cases the member offered, waiting for the receiver.
    pub offered_by_me: Vec<String>,
}

/// "My cases" for device `me`, each list in case-id order.
pub fn my_cases<'a>(me: &str, assignments: impl IntoIterator<Item = &'a Assignment>) -> MyCases {
    let mut out = MyCases::default();
    for a in assignments {
        if a.holder.as_deref() == Some(me) {
            out.holding.push(a.case.clone());
            if a.offer.is_some() {
                out.offered_by_me.push(a.case.clone());
            }
        }
        if a.offer.as_ref().is_some_and(|o| o.to == me) {
            out.offered_to_me.push(a.case.clone());
        }
    }
    for list in [&mut out.holding, &mut out.offered_to_me, &mut out.offered_by_me] {
        list.sort();
    }
    out
}

/// What the shift view needs of a case (the screen derives it from the case's procedure).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftCase {
    pub case: String,
    pub open: bool,
    /// Its earliest deadline not yet met.
    pub next_deadline: Option<NaiveDate>,
    pub risk: Option<RiskLevel>,
    pub holder: Option<String>,
}

/// One row of the shift view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftRow {
    pub case: String,
    /// Days past its deadline, if overdue.
    pub days_overdue: Option<i64>,
    pub next_deadline: Option<NaiveDate>,
    pub risk: Option<RiskLevel>,
    pub holder: Option<String>,
}

/// The team's open cases for a shift: overdue first, then by deadline (earliest first, none
/// last), then by risk (high first, unknown last), then by case id.
pub fn shift_view(cases: &[ShiftCase], today: NaiveDate) -> Vec<ShiftRow> {
    let mut rows: Vec<ShiftRow> = cases
        .iter()
        .filter(|c| c.open)
        .map(|c| ShiftRow {
            case: c.case.clone(),
            days_overdue: c.next_deadline.filter(|d| *d < today).map(|d| (today - d).num_days()),
            next_deadline: c.next_deadline,
            risk: c.risk,
            holder: c.holder.clone(),
        })
        .collect();
    rows.sort_by(|a, b| {
        let key = |r: &ShiftRow| {
            (
                r.days_overdue.is_none(),
                r.next_deadline.is_none(),
                r.next_deadline,
                std::cmp::Reverse(r.risk.map(|l| l as u8 + 1).unwrap_or(0)),
                r.case.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    rows
}

#[cfg(test)]
#[path = "handover_tests.rs"]
mod tests;
