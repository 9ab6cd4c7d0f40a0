//! The team's own monitoring figures for its coordinator: open cases per worker, reviews waiting
//! and how long, open cases with a follow-up overdue, days from first contact to first referral;
//! and their CSV, with small counts suppressed as in the anonymous monitoring CSV
//! (`monitoring::csv`: 1–4 as "<5", complementary suppression where counts add up to a total).
//! Computed from plain inputs derived ([`team_case`]) from the cases on the coordinator's phone.
use super::handover::Assignment;
use super::review::QueueItem;
use super::role::Role;
use crate::case::{Case, CaseStatus};
use crate::monitoring::csv::{count, protect, Shown, HIDDEN, SMALLEST_SHOWN, SUPPRESSED};
use crate::monitoring::{first_referral, follow_up_overdue};
use crate::procedure::timeline_settings::TimelineSettings;
use crate::procedure::Procedure;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What the figures need of one case (no content).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TeamCase {
    /// The device holding it (`handover::Assignment::holder`).
    pub holder: Option<String>,
    pub open: bool,
    /// An open follow-up deadline is past (`monitoring::indicators`' rule).
    pub follow_up_overdue: bool,
    pub first_contact: NaiveDate,
    /// `monitoring::first_referral`.
    pub first_referral: Option<NaiveDate>,
}

/// What the figures need of `case`, given its assignment (folded from its checked workflow log),
/// on `today`: who holds it, open or closed, a follow-up overdue (the anonymous indicators' rule,
/// with the case's country timelines), its first contact (the day it was opened) and first
/// referral. Nothing of the case's content is kept.
pub fn team_case(
    case: &Case,
    assignment: &Assignment,
    procedure: &Procedure,
    timelines: &TimelineSettings,
    today: NaiveDate,
) -> TeamCase {
    let open = !matches!(case.status(), CaseStatus::Closed { .. });
    TeamCase {
        holder: assignment.holder.clone(),
        open,
        follow_up_overdue: open && follow_up_overdue(case, procedure, timelines, today),
        first_contact: case.created_at().date_naive(),
        first_referral: first_referral(case),
    }
}

/// How a member is named in the team CSV: their role and the first two groups of their key's
/// fingerprint, as the team screen shows them (the member list holds no names, and the device
/// id is never written).
pub fn member_label(role: Role, fingerprint: &str) -> String {
    let short: Vec<&str> = fingerprint.split('-').take(2).collect();
    format!("{} {}", role.id(), short.join("-"))
}

/// The label of a holder the member list does not name.
pub const UNKNOWN_MEMBER: &str = "unknown_member";

/// How long reviews have waited, in bands (whole days).
pub const REVIEW_AGE_BANDS: [(&str, i64); 4] =
    [("under_1_day", 1), ("1_to_2_days", 3), ("3_to_6_days", 7), ("7_days_or_more", i64::MAX)];

/// The key of open cases nobody holds.
pub const UNASSIGNED: &str = "unassigned";

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TeamIndicators {
    pub open: usize,
    /// Open cases by holder (device id, or [`UNASSIGNED`]).
    pub open_per_worker: BTreeMap<String, usize>,
    pub reviews_waiting: usize,
    /// Reviews waiting, by [`REVIEW_AGE_BANDS`] (every band present).
    pub reviews_by_age: BTreeMap<&'static str, usize>,
    pub oldest_review_days: Option<i64>,
    pub follow_ups_overdue: usize,
    /// Whole days from first contact to first referral, one per referred case (sorted).
    pub days_to_first_referral: Vec<i64>,
}

impl TeamIndicators {
    /// The lower median, as `monitoring::Indicators` computes it.
    pub fn median_days_to_first_referral(&self) -> Option<i64> {
        let n = self.days_to_first_referral.len();
        (n > 0).then(|| self.days_to_first_referral[(n - 1) / 2])
    }
}

const DAY: i64 = 24 * 60 * 60;

/// The figures for `cases` and the supervisors' review `queue` (`review::review_queue`).
pub fn team_indicators(cases: &[TeamCase], queue: &[QueueItem]) -> TeamIndicators {
    let mut out = TeamIndicators::default();
    for c in cases {
        if c.open {
            out.open += 1;
            let holder = c.holder.clone().unwrap_or_else(|| UNASSIGNED.to_owned());
            *out.open_per_worker.entry(holder).or_insert(0) += 1;
            if c.follow_up_overdue {
                out.follow_ups_overdue += 1;
            }
        }
        if let Some(r) = c.first_referral {
            out.days_to_first_referral.push((r - c.first_contact).num_days().max(0));
        }
    }
    out.days_to_first_referral.sort_unstable();
    out.reviews_by_age = REVIEW_AGE_BANDS.iter().map(|(band, _)| (*band, 0)).collect();
    for item in queue {
        let days = item.waiting_secs / DAY;
        let band = REVIEW_AGE_BANDS.iter().find(|(_, below)| days < *below).map(|(b, _)| *b);
        if let Some(band) = band.and_then(|b| out.reviews_by_age.get_mut(b)) {
            *band += 1;
        }
        out.reviews_waiting += 1;
        out.oldest_review_days = Some(out.oldest_review_days.map_or(days, |d| d.max(days)));
    }
    out
}

fn field(value: &str) -> String {
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn protected(counts: &[usize], total: usize) -> Vec<String> {
    let shown = if total >= SMALLEST_SHOWN {
        protect(counts, total)
    } else {
        counts
            .iter()
            .map(|n| if *n > 0 && *n < SMALLEST_SHOWN { Shown::Small } else { Shown::Exact })
            .collect()
    };
    counts
        .iter()
        .zip(shown)
        .map(|(n, how)| match how {
            Shown::Exact => n.to_string(),
            Shown::Small => SUPPRESSED.to_owned(),
            Shown::Hidden => HIDDEN.to_owned(),
        })
        .collect()
}

/// The CSV (`indicator,category,value` rows). Workers appear by the label `label_of` gives
/// their device (a staff code, as in the case's audit trail), never by device id; the oldest
/// review's age and the median are shown only when five or more reviews or referrals lie
/// behind them.
pub fn to_csv(ind: &TeamIndicators, label_of: impl Fn(&str) -> String) -> String {
    let mut rows: Vec<[String; 3]> = Vec::new();
    let mut row = |a: &str, b: &str, c: String| rows.push([a.into(), b.into(), c]);
    row("cases", "open", count(ind.open));
    let workers: Vec<(String, usize)> = ind
        .open_per_worker
        .iter()
        .map(|(d, n)| (if d == UNASSIGNED { d.clone() } else { label_of(d) }, *n))
        .collect();
    let values: Vec<usize> = workers.iter().map(|(_, n)| *n).collect();
    for ((label, _), shown) in workers.iter().zip(protected(&values, ind.open)) {
        row("open_cases_per_worker", label, shown);
    }
    row("reviews", "waiting", count(ind.reviews_waiting));
    let names: Vec<&str> = REVIEW_AGE_BANDS.iter().map(|(b, _)| *b).collect();
    let by_band: Vec<usize> =
        names.iter().map(|b| ind.reviews_by_age.get(b).copied().unwrap_or(0)).collect();
    for (band, shown) in names.iter().zip(protected(&by_band, ind.reviews_waiting)) {
        row("reviews_waiting_for", band, shown);
    }
    let oldest = match ind.oldest_review_days {
        Some(d) if ind.reviews_waiting >= SMALLEST_SHOWN => d.to_string(),
        Some(_) => SUPPRESSED.to_owned(),
        None => String::new(),
    };
    row("reviews", "oldest_waiting_days", oldest);
    row("follow_up", "open_cases_overdue", count(ind.follow_ups_overdue));
    let referred = ind.days_to_first_referral.len();
    row("referral", "cases_referred", count(referred));
    let median = match ind.median_days_to_first_referral() {
        Some(d) if referred >= SMALLEST_SHOWN => d.to_string(),
        Some(_) => SUPPRESSED.to_owned(),
        None => String::new(),
    };
    row("referral", "median_days_from_first_contact", median);
    let mut out = String::from("indicator,category,value\r\n");
    for r in rows {
        out.push_str(&r.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workflow::review::ReviewSubject;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn case(holder: Option<&str>, open: bool, overdue: bool, referred_on: Option<u32>) -> TeamCase {
        TeamCase {
            holder: holder.map(str::to_owned),
            open,
            follow_up_overdue: overdue,
            first_contact: day(1),
            first_referral: referred_on.map(day),
        }
    }

    fn waiting(id: &str, days: i64) -> QueueItem {
        QueueItem {
            request: id.into(),
            case: format!("c-{id}"),
            subject: ReviewSubject::Bia,
            asked_by: "d-ana".into(),
            waiting_secs: days * DAY + 60,
        }
    }

    #[test]
    fn the_counts_match_the_cases_and_the_queue() {
        let mut cases =
            vec![case(Some("d-ana"), true, true, Some(3)), case(None, true, false, None)];
        cases.extend((0..6).map(|i| case(Some("d-luis"), true, i == 0, Some(2 + i))));
        cases.push(case(Some("d-ana"), false, true, Some(20)));
        let queue = [waiting("a", 0), waiting("b", 2), waiting("c", 9)];
        let ind = team_indicators(&cases, &queue);
        assert_eq!(ind.open, 8);
        let per: Vec<(&str, usize)> =
            ind.open_per_worker.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(per, [("d-ana", 1), ("d-luis", 6), ("unassigned", 1)]);
        assert_eq!(ind.follow_ups_overdue, 2, "a closed case's follow-ups do not count");
        assert_eq!(ind.days_to_first_referral, [1, 2, 2, 3, 4, 5, 6, 19]);
        assert_eq!(ind.median_days_to_first_referral(), Some(3));
        assert_eq!(ind.reviews_waiting, 3);
        let bands: Vec<usize> =
            REVIEW_AGE_BANDS.iter().map(|(b, _)| ind.reviews_by_age[b]).collect();
        assert_eq!(bands, [1, 1, 0, 1]);
        assert_eq!(ind.oldest_review_days, Some(9));
    }

    mod derived {
        use super::super::*;
        use crate::case::{Age, AgeBasis, FlagId};
        use crate::case::{
            Answer, ChildProfile, ClosureReason, ItemId, ItemState, ReferralRequest, WorkerLabel,
        };
        use crate::monitoring::REFERRAL_ITEM;
        use crate::procedure::procedure;
        use crate::vocabulary::{AccompanimentStatus, Country};
        use crate::workflow::entry::WorkflowEntry;
        use crate::workflow::handover::{EventBody, HandoverEvent, HandoverNote, Step};
        use crate::workflow::review::{RequestBody, ReviewRequest, ReviewSubject};
        use crate::workflow::review_case::{current_version, queue_of};
        use crate::workflow::signed::test_keys::{roster, Device, P256};
        use chrono::{DateTime, Duration, TimeZone, Utc};
        use uuid::Uuid;

        fn now() -> DateTime<Utc> {
            Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
        }

        fn by() -> WorkerLabel {
            WorkerLabel::new("AO-3")
        }

        /// A case opened `days_ago` with values nobody could guess.
        fn case(n: u128, name: &str, days_ago: i64) -> Case {
            let mut profile = ChildProfile {
                given_names: name.to_owned(),
                alias: format!("{name}-alias"),
                age: Age {
                    stated_years: Some(14),
                    date_of_birth: None,
                    basis: Some(AgeBasis::StatedByChild),
                    reason_over_17: String::new(),
                },
                ..Default::default()
            };
            profile.accompaniment.status = AccompanimentStatus::Separated;
            profile.first_contact.country = Some(Country::CostaRica);
            Case::new(Uuid::from_u128(n), profile, now() - Duration::days(days_ago), &by())
        }

        fn handover(case: &mut Case, who: &Device, id: &str, at: i64, step: Step) {
            let body = EventBody {
                id: id.into(),
                case: case.id().to_string(),
                by: who.id.clone(),
                at,
                step,
            };
            let signature = who.sign(&body.signing_bytes());
            let entry = WorkflowEntry::Handover(HandoverEvent { body, signature });
            assert!(case.add_workflow_entry(entry, now(), &by()));
        }

        fn assignment(case: &Case, roster: &Roster) -> Assignment {
            let events: Vec<HandoverEvent> =
                WorkflowEntry::handovers(&case.workflow()).cloned().collect();
            Assignment::from_events(&case.id().to_string(), &events, roster, &P256)
        }

        use crate::workflow::signed::Roster;

        #[test]
        fn a_case_gives_its_holder_state_overdue_follow_up_and_first_referral() {
            let (ana, luis) = (Device::new("d-ana", 4), Device::new("d-luis", 5));
            let team = roster(&[(&ana, Role::Caseworker), (&luis, Role::Caseworker)]);
            let t0 = now().timestamp() - 20 * 86_400;

            // Taken by Ana, handed over to Luis, who accepts: Luis holds it. Referred to
            // services on day 4 (the procedure item) after a screening referral on day 6.
            let mut handed = case(1, "Xiomara", 20);
            handover(&mut handed, &ana, "e1", t0, Step::Assign { to: ana.id.clone() });
            let note = HandoverNote { child_told: "told".into(), ..HandoverNote::default() };
            handover(&mut handed, &ana, "e2", t0 + 1, Step::Offer { to: luis.id.clone(), note });
            handover(&mut handed, &luis, "e3", t0 + 2, Step::Accept { offer: "e2".into() });
            let opened = handed.created_at();
            let at = opened + Duration::days(4);
            handed.record_item(ItemId::new(REFERRAL_ITEM), ItemState::Done { at }, at, &by());
            let request = ReferralRequest {
                flag: FlagId::new("international_protection"),
                action: "refer_asylum".into(),
                to: "COMAR".into(),
                kind: "asylum".into(),
                consent_required: None,
            };
            handed.refer(request, opened + Duration::days(6), &by()).unwrap();

            // Nobody took it; a BID review date passed: a follow-up is overdue.
            let mut overdue = case(2, "Yadira", 90);
            let t = now() - Duration::days(80);
            overdue.record_item(
                ItemId::new("bia.conclusion.decision_type"),
                ItemState::Answered { value: Answer::Choice("durable_solution".into()), at: t },
                t,
                &by(),
            );
            overdue.record_item(
                ItemId::new("bid.decision.review_date"),
                ItemState::Answered { value: Answer::Text("2026-10-01".into()), at: t },
                t,
                &by(),
            );

            let (p, tl, today) =
                (procedure().unwrap(), TimelineSettings::new(), now().date_naive());
            let a = team_case(&handed, &assignment(&handed, &team), p, &tl, today);
            assert_eq!(a.holder.as_deref(), Some("d-luis"), "the accepted handover counts");
            assert!(a.open && !a.follow_up_overdue);
            assert_eq!(a.first_contact, opened.date_naive());
            assert_eq!(a.first_referral, Some(at.date_naive()), "the earlier of the two");
            let b = team_case(&overdue, &assignment(&overdue, &team), p, &tl, today);
            assert_eq!(b.holder, None);
            assert!(b.open && b.follow_up_overdue);
            assert_eq!(b.first_referral, None);

            // An offer not answered yet leaves the case with its holder; a forged step (Luis
            // signing an assignment to himself for Ana's case) does not count.
            let mut offered = case(3, "Zulema", 10);
            handover(&mut offered, &ana, "f1", t0, Step::Assign { to: ana.id.clone() });
            let note = HandoverNote { child_told: "told".into(), ..HandoverNote::default() };
            handover(&mut offered, &ana, "f2", t0 + 1, Step::Offer { to: luis.id.clone(), note });
            handover(&mut offered, &luis, "f3", t0 + 2, Step::Assign { to: luis.id.clone() });
            let c = team_case(&offered, &assignment(&offered, &team), p, &tl, today);
            assert_eq!(c.holder.as_deref(), Some("d-ana"));

            // Closed: not open, and its overdue follow-up does not count.
            let mut closed = overdue.clone();
            closed.close(ClosureReason::GoalsMet, "", now(), &by()).unwrap();
            let d = team_case(&closed, &assignment(&closed, &team), p, &tl, today);
            assert!(!d.open && !d.follow_up_overdue);

            let cases = [a, b, c, d];
            let ind = team_indicators(&cases, &[]);
            assert_eq!(ind.open, 3);
            let per: Vec<(&str, usize)> =
                ind.open_per_worker.iter().map(|(k, v)| (k.as_str(), *v)).collect();
            assert_eq!(per, [("d-ana", 1), ("d-luis", 1), ("unassigned", 1)]);
            assert_eq!(ind.follow_ups_overdue, 1);
            assert_eq!(ind.days_to_first_referral, [4]);
        }

        #[test]
        fn the_team_csv_of_real_cases_holds_no_name_id_or_referral_body() {
            let (ana, sup) = (Device::new("d-ana", 4), Device::new("d-sup", 3));
            let team = roster(&[(&ana, Role::Caseworker), (&sup, Role::Supervisor)]);
            let mut c = case(7, "Wendolyn", 5);
            let t0 = now().timestamp() - 4 * 86_400;
            handover(&mut c, &ana, "g1", t0, Step::Assign { to: ana.id.clone() });
            let at = now() - Duration::days(4);
            c.record_item(
                ItemId::new("bia.safety.facts"),
                ItemState::Answered { value: Answer::Text("Wendolyn-secreto".into()), at },
                at,
                &by(),
            );
            let version = current_version(&c, ReviewSubject::Bia).unwrap();
            let body = RequestBody {
                id: "r1".into(),
                case: c.id().to_string(),
                subject: ReviewSubject::Bia,
                version,
                by: ana.id.clone(),
                at: t0 + 60,
            };
            let signature = ana.sign(&body.signing_bytes());
            let entry = WorkflowEntry::ReviewRequest(ReviewRequest { body, signature });
            assert!(c.add_workflow_entry(entry, now(), &by()));
            let cases = [c];
            let queue = queue_of(&cases, &team, &P256, now().timestamp());
            assert_eq!(queue.len(), 1);
            let (p, tl, today) =
                (procedure().unwrap(), TimelineSettings::new(), now().date_naive());
            let derived: Vec<TeamCase> =
                cases.iter().map(|c| team_case(c, &assignment(c, &team), p, &tl, today)).collect();
            let ind = team_indicators(&derived, &queue);
            assert_eq!(ind.reviews_by_age["3_to_6_days"], 1);
            let csv = to_csv(&ind, |d| {
                if d == "d-ana" {
                    member_label(Role::Caseworker, "K7QM-2XHD-99ZZ-AAAA")
                } else {
                    UNKNOWN_MEMBER.into()
                }
            });
            assert!(csv.contains("open_cases_per_worker,caseworker K7QM-2XHD,<5"), "{csv}");
            assert!(csv.contains("reviews_waiting_for,3_to_6_days,<5"), "{csv}");
            for leak in ["Wendolyn", "d-ana", "99ZZ", "r1", &cases[0].id().to_string()] {
                assert!(!csv.contains(leak), "{leak} in {csv}");
            }
            assert!(!csv.contains("0000-"), "no case id: {csv}");
        }
    }

    #[test]
    fn the_csv_suppresses_small_counts_and_holds_no_device_id() {
        let mut cases =
            vec![case(Some("d-ana"), true, true, Some(3)), case(None, true, false, None)];
        cases.extend((0..6).map(|i| case(Some("d-luis"), true, false, Some(2 + i))));
        let queue = [waiting("a", 0), waiting("b", 2), waiting("c", 9)];
        let ind = team_indicators(&cases, &queue);
        let csv = to_csv(&ind, |d| if d == "d-ana" { "AO-3".into() } else { "LM-1".into() });
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "indicator,category,value");
        assert!(lines.contains(&"cases,open,8"), "{csv}");
        // AO-3's single case and the unassigned one are "<5"; LM-1's six would give them away
        // (8 − 6 = 2), so it is hidden as well.
        assert!(lines.contains(&"open_cases_per_worker,AO-3,<5"), "{csv}");
        assert!(lines.contains(&"open_cases_per_worker,unassigned,<5"), "{csv}");
        assert!(lines.contains(&"open_cases_per_worker,LM-1,suppressed"), "{csv}");
        assert!(lines.contains(&"reviews,waiting,<5"), "{csv}");
        assert!(lines.contains(&"reviews,oldest_waiting_days,<5"), "{csv}");
        assert!(lines.contains(&"reviews_waiting_for,3_to_6_days,0"), "{csv}");
        assert!(lines.contains(&"follow_up,open_cases_overdue,<5"), "{csv}");
        assert!(lines.contains(&"referral,cases_referred,7"), "{csv}");
        assert!(lines.contains(&"referral,median_days_from_first_contact,3"), "{csv}");
        assert!(!csv.contains("d-"), "no device id: {csv}");
        assert!(!csv.contains("c-"), "no case id: {csv}");
    }
}
