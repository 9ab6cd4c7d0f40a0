//! Monitoring indicators and their CSV: counts, the median time to referral, overdue follow-ups,
//! BIDs done, small-count suppression, and that no personal value of a case reaches the file.

use super::csv::{count, to_csv};
use super::*;
use crate::case::{
    sample_case, Age, AgeBasis, Answer, ChildProfile, ClosureReason, FlagId, ItemId, WorkerLabel,
};
use crate::procedure::procedure;
use crate::procedure::timeline_settings::TimelineSettings;
use crate::vocabulary::Country;
use chrono::{DateTime, Duration, TimeZone, Utc};
use uuid::Uuid;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap()
}

fn worker() -> WorkerLabel {
    WorkerLabel::new("MT-07")
}

/// A case with values nobody could guess, opened `days_ago`, referred after `referred_after` days.
fn case(
    n: u128,
    name: &str,
    years: Option<u8>,
    country: Country,
    days_ago: i64,
    referred_after: Option<i64>,
) -> Case {
    let opened = now() - Duration::days(days_ago);
    let mut profile = ChildProfile {
        given_names: name.to_owned(),
        alias: format!("{name}-alias"),
        nationality_stated: format!("{name}-nacionalidad"),
        sex: Some(Sex::Female),
        age: Age {
            stated_years: years,
            date_of_birth: None,
            basis: years.map(|_| AgeBasis::StatedByChild),
            reason_over_17: String::new(),
        },
        ..Default::default()
    };
    profile.accompaniment.status = AccompanimentStatus::Separated;
    profile.first_contact.country = Some(country);
    profile.first_contact.place = format!("{name}-lugar");
    let mut c = Case::new(Uuid::from_u128(n), profile, opened, &worker());
    c.add_note(&format!("{name}-nota confidencial"), opened, &worker());
    if let Some(after) = referred_after {
        let at = opened + Duration::days(after);
        c.record_item(ItemId::new(REFERRAL_ITEM), ItemState::Done { at }, at, &worker());
    }
    c
}

#[test]
fn counts_each_case_once_per_dimension() {
    let cases = vec![
        case(1, "Xiomara", Some(4), Country::Guatemala, 10, None),
        case(2, "Yubelkis", Some(9), Country::Guatemala, 40, None),
        case(3, "Zoraida", Some(15), Country::Mexico, 70, None),
        case(4, "Wendolyn", None, Country::Mexico, 70, None),
    ];
    let ind =
        indicators(&cases, procedure().unwrap(), &TimelineSettings::new(), now().date_naive());
    assert_eq!(ind.total, 4);
    assert_eq!(ind.open, 4);
    assert_eq!(ind.by_country.get("GT"), Some(&2));
    assert_eq!(ind.by_country.get("MX"), Some(&2));
    assert_eq!(ind.by_age_band.get("under_6"), Some(&1));
    assert_eq!(ind.by_age_band.get("6_to_11"), Some(&1));
    assert_eq!(ind.by_age_band.get("12_to_17"), Some(&1));
    assert_eq!(
        ind.by_age_band.get("age_in_doubt"),
        Some(&1),
        "no age recorded: presumed a child, in doubt"
    );
    assert_eq!(ind.by_sex.get("female"), Some(&4));
    assert_eq!(ind.by_accompaniment.get("separated"), Some(&4));
    assert_eq!(ind.by_risk.get("not_screened"), Some(&4));
    assert_eq!(ind.period, Some(("2026-09".into(), "2026-11".into())));
    assert_eq!(ind.opened_by_month.values().sum::<usize>(), 4);
}

#[test]
fn flags_risk_closure_and_bid_decisions_are_counted() {
    let mut a = case(1, "Ana", Some(15), Country::Honduras, 30, None);
    let mut b = case(2, "Bea", Some(16), Country::Honduras, 30, None);
    let t = now() - Duration::days(1);
    a.set_flags(
        [FlagId::new("trafficking"), FlagId::new("child_labour")].into_iter().collect(),
        t,
        &worker(),
    );
    b.set_flags([FlagId::new("trafficking")].into_iter().collect(), t, &worker());
    a.set_screened_risk(Some(RiskLevel::High), t, &worker());
    a.record_item(
        ItemId::new(BID_DECISION_ITEM),
        ItemState::Answered { value: Answer::Text("reunificación".into()), at: t },
        t,
        &worker(),
    );
    b.close(ClosureReason::GoalsMet, "", t, &worker()).unwrap();
    let ind =
        indicators(&[a, b], procedure().unwrap(), &TimelineSettings::new(), now().date_naive());
    assert_eq!(ind.by_flag.get("trafficking"), Some(&2));
    assert_eq!(ind.by_flag.get("child_labour"), Some(&1));
    assert_eq!(ind.by_risk.get("high"), Some(&1));
    assert_eq!(ind.by_risk.get("not_screened"), Some(&1));
    assert_eq!(ind.open, 1);
    assert_eq!(ind.bids_done, 1);
}

#[test]
fn the_median_time_to_referral_counts_whole_days_from_first_contact() {
    let cases: Vec<Case> = [2, 9, 4, 30, 7]
        .iter()
        .enumerate()
        .map(|(i, d)| case(i as u128, "Caso", Some(12), Country::Panama, 60, Some(*d)))
        .chain([case(99, "Sin", Some(12), Country::Panama, 60, None)])
        .collect();
    let ind =
        indicators(&cases, procedure().unwrap(), &TimelineSettings::new(), now().date_naive());
    assert_eq!(ind.days_to_referral, [2, 4, 7, 9, 30]);
    assert_eq!(ind.median_days_to_referral(), Some(7));
    let csv = to_csv(&ind);
    assert!(csv.contains("referral,median_days_from_first_contact,7\r\n"), "{csv}");
    assert!(csv.contains("referral,cases_referred,5\r\n"));
}

#[test]
fn a_median_over_fewer_than_five_referrals_is_suppressed() {
    let cases: Vec<Case> = [3, 5]
        .iter()
        .enumerate()
        .map(|(i, d)| case(i as u128, "Caso", Some(12), Country::Panama, 60, Some(*d)))
        .collect();
    let ind =
        indicators(&cases, procedure().unwrap(), &TimelineSettings::new(), now().date_naive());
    assert_eq!(ind.median_days_to_referral(), Some(3));
    let csv = to_csv(&ind);
    assert!(csv.contains("referral,median_days_from_first_contact,<5\r\n"), "{csv}");
    assert!(csv.contains("referral,cases_referred,<5\r\n"));
}

#[test]
fn an_overdue_follow_up_is_counted_for_open_cases_only() {
    // A BID whose review date has passed: the review (a follow-up item) is overdue.
    let mut c = case(1, "Rev", Some(14), Country::CostaRica, 90, None);
    let t = now() - Duration::days(80);
    // A BID is required once a durable solution is being chosen.
    c.record_item(
        ItemId::new("bia.conclusion.decision_type"),
        ItemState::Answered { value: Answer::Choice("durable_solution".into()), at: t },
        t,
        &worker(),
    );
    c.record_item(
        ItemId::new("bid.decision.review_date"),
        ItemState::Answered { value: Answer::Text("2026-10-01".into()), at: t },
        t,
        &worker(),
    );
    let ind = indicators(
        std::slice::from_ref(&c),
        procedure().unwrap(),
        &TimelineSettings::new(),
        now().date_naive(),
    );
    assert_eq!(ind.follow_ups_overdue, 1);
    c.close(ClosureReason::GoalsMet, "", now(), &worker()).unwrap();
    let ind = indicators(&[c], procedure().unwrap(), &TimelineSettings::new(), now().date_naive());
    assert_eq!(ind.follow_ups_overdue, 0);
}

#[test]
fn counts_from_one_to_four_are_suppressed_zero_and_five_are_not() {
    assert_eq!(count(0), "0");
    for n in 1..=4 {
        assert_eq!(count(n), "<5");
    }
    assert_eq!(count(5), "5");
    assert_eq!(count(120), "120");
}

#[test]
fn no_personal_value_of_any_case_reaches_the_csv() {
    let mut cases: Vec<Case> = (0..40).map(|n| sample_case(n, now())).collect();
    cases.push(case(7, "Quetzalí Anaya", Some(13), Country::Guatemala, 5, Some(2)));
    let ind =
        indicators(&cases, procedure().unwrap(), &TimelineSettings::new(), now().date_naive());
    let csv = to_csv(&ind);
    let full_date = |s: &str| {
        s.as_bytes().windows(10).any(|w| {
            w[4] == b'-'
                && w[7] == b'-'
                && w.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
        })
    };
    assert!(!full_date(&csv), "no date finer than a month:\n{csv}");
    for c in &cases {
        let p = c.profile();
        let mut personal = vec![
            c.id().to_string(),
            p.given_names.clone(),
            p.nationality_stated.clone(),
            p.first_contact.place.clone(),
        ];
        personal.extend(p.languages.iter().cloned());
        personal.extend(c.notes().iter().map(|n| n.text.clone()));
        personal.extend([p.alias.clone()]);
        for audit in c.audit_trail() {
            personal.push(audit.by.as_str().to_owned());
        }
        for value in personal.iter().filter(|v| v.chars().count() >= 3) {
            assert!(!csv.contains(value.as_str()), "{value:?} leaked into the CSV");
        }
    }
    // Every line is code,code,number-or-suppressed-or-month.
    for line in csv.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        assert_eq!(fields.len(), 3, "{line}");
        assert!(
            fields[..2]
                .iter()
                .all(|f| f.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_' || ch == '-')),
            "{line}"
        );
        let v = fields[2];
        assert!(
            v.is_empty()
                || v == "<5"
                || v == "suppressed"
                || v.parse::<u32>().is_ok()
                || (v.len() == 7 && &v[4..5] == "-"),
            "{line}"
        );
    }
    assert!(csv.starts_with("indicator,category,value\r\n"));
    assert!(csv.contains("cases,total,41\r\n"));
}

#[test]
fn a_referral_recorded_from_screening_ends_the_time_to_referral_when_it_came_first() {
    use crate::case::ReferralRequest;
    let mut c = case(1, "Ref", Some(16), Country::Mexico, 20, Some(9));
    let opened = c.created_at();
    let request = ReferralRequest {
        flag: FlagId::new("international_protection"),
        action: "refer_asylum".into(),
        to: "COMAR".into(),
        kind: "asylum".into(),
        consent_required: None,
    };
    c.refer(request, opened + Duration::days(3), &worker()).unwrap();
    assert_eq!(first_referral(&c), Some((opened + Duration::days(3)).date_naive()));
    let ind = indicators(
        std::slice::from_ref(&c),
        procedure().unwrap(),
        &TimelineSettings::new(),
        now().date_naive(),
    );
    assert_eq!(ind.days_to_referral, [3]);
    let without = case(2, "Tick", Some(16), Country::Mexico, 20, Some(9));
    assert_eq!(
        first_referral(&without),
        Some((without.created_at() + Duration::days(9)).date_naive())
    );
    assert!(!to_csv(&ind).contains("COMAR"), "the body a child was referred to stays on the phone");
}

#[test]
fn a_country_timeline_counts_towards_overdue_follow_ups_as_on_the_case_screen() {
    let mut c = case(1, "Plazo", Some(12), Country::Mexico, 90, None);
    let agreed = now() - Duration::days(60);
    c.record_item(
        ItemId::new("referral_plan.case_plan.agreed"),
        ItemState::Done { at: agreed },
        agreed,
        &worker(),
    );
    let cases = [c];
    let without =
        indicators(&cases, procedure().unwrap(), &TimelineSettings::new(), now().date_naive());
    assert_eq!(without.follow_ups_overdue, 0, "no source gives the first follow-up a timeline");
    let mut timelines = TimelineSettings::new();
    timelines.set(Country::Mexico, "first_follow_up", Some(30));
    let with = indicators(&cases, procedure().unwrap(), &timelines, now().date_naive());
    assert_eq!(with.follow_ups_overdue, 1);
    timelines.set(Country::Mexico, "first_follow_up", None);
    timelines.set(Country::Guatemala, "first_follow_up", Some(30));
    let elsewhere = indicators(&cases, procedure().unwrap(), &timelines, now().date_naive());
    assert_eq!(elsewhere.follow_ups_overdue, 0, "another country's timeline does not apply");
}

/// A reader with the CSV and the rules of `csv`: for each dimension whose counts add up to the
/// total, every assignment of the "<5" (1 to 4) and "suppressed" (5 to total, or 0 to total when
/// the whole dimension is) cells consistent with the total; returns the "<5" cells that take a
/// single value in all of them.
fn derived_small_counts(csv: &str) -> Vec<String> {
    let rows: Vec<Vec<&str>> = csv.lines().skip(1).map(|l| l.split(',').collect()).collect();
    let total: usize = match rows.iter().find(|r| r[0] == "cases" && r[1] == "total") {
        Some(r) => match r[2].parse() {
            Ok(t) => t,
            Err(_) => return Vec::new(), // the total itself is "<5": nothing to subtract from
        },
        None => return Vec::new(),
    };
    let mut found = Vec::new();
    for dim in ["opened_in_month", "age_band", "sex", "accompaniment", "country", "risk_level"] {
        let cells: Vec<&Vec<&str>> = rows.iter().filter(|r| r[0] == dim).collect();
        let known: usize = cells.iter().filter_map(|r| r[2].parse::<usize>().ok()).sum();
        let all_hidden = cells.iter().all(|r| r[2] == "suppressed");
        let hidden_from = if all_hidden { 0 } else { 5 };
        let open: Vec<(usize, (usize, usize))> = cells
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r[2] {
                "<5" => Some((i, (1, 4))),
                "suppressed" => Some((i, (hidden_from, total))),
                _ => None,
            })
            .collect();
        let rest = total - known;
        // Every feasible assignment, by depth-first search (dimensions are small).
        let mut seen: Vec<std::collections::BTreeSet<usize>> = vec![Default::default(); open.len()];
        fn walk(
            open: &[(usize, (usize, usize))],
            at: usize,
            left: usize,
            chosen: &mut Vec<usize>,
            seen: &mut [std::collections::BTreeSet<usize>],
        ) {
            if at == open.len() {
                if left == 0 {
                    for (k, v) in chosen.iter().enumerate() {
                        seen[k].insert(*v);
                    }
                }
                return;
            }
            let (lo, hi) = open[at].1;
            for v in lo..=hi.min(left) {
                chosen.push(v);
                walk(open, at + 1, left - v, chosen, seen);
                chosen.pop();
            }
        }
        walk(&open, 0, rest, &mut Vec::new(), &mut seen);
        for ((i, _), values) in open.iter().zip(&seen) {
            if cells[*i][2] == "<5" && values.len() <= 1 {
                found.push(format!("{dim},{} = {values:?}", cells[*i][1]));
            }
        }
    }
    found
}

#[test]
fn the_reader_used_below_does_find_a_count_left_alone_beside_the_total() {
    // Small-count suppression alone: 12 cases, 10 of one sex, so the "<5" is 2.
    let csv = "indicator,category,value\r\ncases,total,12\r\nsex,female,10\r\nsex,male,<5\r\n";
    assert_eq!(derived_small_counts(csv), ["sex,male = {2}"]);
}

#[test]
fn no_suppressed_count_can_be_derived_from_the_totals() {
    // Many random sets of indicators, small and large, each dimension split at random.
    let mut seed: u64 = 0x5EED_1234;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut checked = 0;
    let mut hidden_seen = 0;
    for round in 0..3000 {
        let total = 1 + next(if round % 3 == 0 { 60 } else { 25 }) as usize;
        let split = |next: &mut dyn FnMut(u64) -> u64, names: &[&str]| -> Counts {
            let mut c = Counts::new();
            let k = 1 + next(names.len() as u64) as usize;
            for _ in 0..total {
                let name = names[next(k as u64) as usize];
                *c.entry(name.to_owned()).or_default() += 1;
            }
            c
        };
        let ind = Indicators {
            total,
            open: next(total as u64 + 1) as usize,
            opened_by_month: split(&mut next, &["2026-01", "2026-02", "2026-03", "2026-04"]),
            by_age_band: split(&mut next, &["under6", "6-11", "12-17", "unknown"]),
            by_sex: split(&mut next, &["female", "male", "not_recorded"]),
            by_accompaniment: split(&mut next, &["unaccompanied", "separated", "accompanied"]),
            by_country: split(&mut next, &["GT", "HN", "SV", "MX", "CR", "PA"]),
            by_risk: split(&mut next, &["high", "medium", "low", "not_assessed"]),
            ..Indicators::default()
        };
        let csv = to_csv(&ind);
        hidden_seen += csv.matches(",suppressed\r\n").count();
        assert_eq!(derived_small_counts(&csv), Vec::<String>::new(), "{csv}");
        // Nothing is hidden that needed no hiding: every exact count is the true one.
        for line in csv.lines().filter(|l| l.starts_with("sex,")) {
            let f: Vec<&str> = line.split(',').collect();
            if let Ok(n) = f[2].parse::<usize>() {
                assert_eq!(ind.by_sex[f[1]], n);
            }
        }
        checked += 1;
    }
    assert_eq!(checked, 3000);
    assert!(hidden_seen > 100, "complementary suppression was exercised: {hidden_seen}");
}

#[test]
fn complementary_suppression_hides_the_smallest_other_count_and_at_worst_the_dimension() {
    use super::csv::{protect, Shown::*};
    assert_eq!(protect(&[10, 2], 12), [Hidden, Small]);
    assert_eq!(protect(&[3, 9, 6], 18), [Small, Exact, Hidden]);
    // Two small ones that could each be 1..4 given the rest: nothing more to hide.
    assert_eq!(protect(&[3, 3, 9], 15), [Small, Small, Exact]);
    // Both small ones must be 1 (the only way to make 7 with 5 shown), and still so with the 5
    // hidden (a hidden count is at least 5): the whole dimension is hidden.
    assert_eq!(protect(&[1, 1, 5], 7), [Hidden; 3]);
    // 1 and 2 beside 11 shown: they make 3, as 1+2 or 2+1, so neither is known.
    assert_eq!(protect(&[1, 2, 5, 6], 14), [Small, Small, Exact, Exact]);
    // 1 and 1 beside 11: hiding the 5 is not enough (they would make 2 with it at least 5).
    assert_eq!(protect(&[1, 1, 5, 6], 13), [Small, Small, Hidden, Hidden]);
    // Five cases in five categories: each "<5" is 1 whatever else is hidden, so all are.
    assert_eq!(protect(&[1, 1, 1, 1, 1], 5), [Hidden; 5]);
    assert_eq!(protect(&[7, 0, 9], 16), [Exact, Exact, Exact]);
}
