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
