//! Table-driven vignettes: children a field worker meets, run through the real screening
//! content, asserting the flags raised (exactly), the obliged actions, the risk level and
//! whether the procedure then requires a best-interests determination once a durable solution
//! is being chosen.

use super::content_tests::structure;
use super::*;
use crate::case::{IndicatorAnswer, RiskLevel};
use crate::procedure::{
    bid::bid_requirement, procedure, AgeBand, Answer, CaseFacts, ChildAge, ItemOutcome, Outcomes,
};
use crate::vocabulary::{AccompanimentStatus as Acc, Country};
use chrono::NaiveDate;
use std::collections::BTreeSet;

pub(super) struct Vignette {
    name: &'static str,
    age: ChildAge,
    accompaniment: Acc,
    country: Option<Country>,
    documents_held_by_others: bool,
    only_unrelated_adults: bool,
    relationship_unverified: bool,
    care: Option<crate::case::CareKind>,
    yes: &'static [&'static str],
    /// Answered "no" or "don't know": must raise nothing.
    not_yes: &'static [(&'static str, IndicatorAnswer)],
    flags: &'static [&'static str],
    actions: &'static [&'static str],
    risk: Option<RiskLevel>,
    bid: bool,
}

const fn v(
    name: &'static str,
    age: ChildAge,
    accompaniment: Acc,
    country: Option<Country>,
) -> Vignette {
    Vignette {
        name,
        age,
        accompaniment,
        country,
        documents_held_by_others: false,
        only_unrelated_adults: false,
        relationship_unverified: false,
        care: None,
        yes: &[],
        not_yes: &[],
        flags: &[],
        actions: &[],
        risk: None,
        bid: false,
    }
}

const fn years(y: u8) -> ChildAge {
    ChildAge::Years(y)
}

const IN_DOUBT: ChildAge = ChildAge::Unknown { apparent_band: None };
const MX: Option<Country> = Some(Country::Mexico);
const GT: Option<Country> = Some(Country::Guatemala);
const SV: Option<Country> = Some(Country::ElSalvador);
const PA: Option<Country> = Some(Country::Panama);
const CR: Option<Country> = Some(Country::CostaRica);
const HN: Option<Country> = Some(Country::Honduras);
const US: Option<Country> = Some(Country::UnitedStates);
use IndicatorAnswer::{DontKnow, No};
use RiskLevel::{High, Low, Medium};

fn vignettes() -> Vec<Vignette> {
    vec![
        Vignette {
            yes: &["journey.owes_debt", "work.works", "work.unpaid_or_controlled"],
            flags: &["unaccompanied", "trafficking", "smuggling", "child_labour"],
            actions: &[
                "immediate_safety",
                "notify_child_protection",
                "appoint_guardian",
                "refer_anti_trafficking",
                "protect_from_worst_forms",
                "check_exploitation",
            ],
            risk: Some(High),
            bid: true,
            ..v(
                "15, travelling alone, owes the trip's organiser and works without pay",
                years(15),
                Acc::Unaccompanied,
                MX,
            )
        },
        Vignette {
            yes: &["family.adult_found_child"],
            flags: &["unaccompanied", "trafficking"],
            actions: &[
                "immediate_safety",
                "notify_child_protection",
                "appoint_guardian",
                "open_tracing",
                "refer_anti_trafficking",
            ],
            risk: Some(High),
            bid: true,
            ..v("9, with an adult who says he \"found\" her", years(9), Acc::NotYetKnown, GT)
        },
        Vignette {
            yes: &["safety.fear_return", "safety.threatened_at_home", "safety.wants_protection"],
            flags: &["international_protection"],
            actions: &["inform_asylum", "refer_asylum", "no_contact_origin"],
            // Threatened at home and afraid to go back: a credible threat of serious harm.
            risk: Some(High),
            ..v(
                "16, with his mother, fears a gang at home and wants asylum",
                years(16),
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            yes: &["safety.held_in_detention"],
            flags: &["deprivation_of_liberty"],
            actions: &["release_from_detention", "notify_child_protection"],
            risk: Some(High),
            ..v("3, with her mother in a detention facility", years(3), Acc::Accompanied, MX)
        },
        Vignette {
            flags: &["separated"],
            actions: &[
                "notify_child_protection",
                "verify_relationship",
                "appoint_guardian",
                "open_tracing",
                "no_detention",
            ],
            risk: Some(Low),
            bid: true,
            ..v("17, travelling with an uncle, nothing else found", years(17), Acc::Separated, PA)
        },
        Vignette {
            flags: &["separated"],
            actions: &["verify_relationship"],
            risk: Some(Medium),
            bid: true,
            ..v("4, with her grandmother, parents abroad", years(4), Acc::Separated, SV)
        },
        Vignette {
            flags: &["unaccompanied"],
            actions: &["appoint_guardian", "open_tracing", "no_detention"],
            risk: Some(High),
            bid: true,
            ..v("2, found alone at a border crossing", years(2), Acc::Unaccompanied, PA)
        },
        Vignette {
            yes: &["work.works", "work.hazardous"],
            flags: &["child_labour"],
            actions: &["protect_from_worst_forms", "case_plan_child_labour"],
            risk: Some(High),
            ..v("13, with his father, sprays pesticides on a farm", years(13), Acc::Accompanied, GT)
        },
        Vignette {
            yes: &["work.works"],
            not_yes: &[("work.hazardous", No), ("work.unpaid_or_controlled", No)],
            flags: &["child_labour"],
            actions: &["case_plan_child_labour"],
            risk: Some(Medium),
            ..v(
                "12, with her mother, sells sweets at traffic lights",
                years(12),
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            yes: &["work.works"],
            not_yes: &[("work.hazardous", No), ("work.unpaid_or_controlled", No)],
            ..v(
                "16, with his parents, paid work in a shop: above the minimum age, not hazardous",
                years(16),
                Acc::Accompanied,
                CR,
            )
        },
        Vignette {
            yes: &["work.works"],
            flags: &["child_labour"],
            risk: Some(Medium),
            ..v(
                "age in doubt, works: presumed a child, so under the minimum age",
                IN_DOUBT,
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            yes: &["violence.disclosed"],
            flags: &["gbv"],
            actions: &["immediate_safety", "no_details", "refer_gbv"],
            risk: Some(High),
            ..v(
                "14, with her aunt, told of sexual violence on the way",
                years(14),
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            yes: &["violence.unsafe_now"],
            flags: &["gbv"],
            actions: &["no_details", "refer_gbv"],
            risk: Some(Medium),
            ..v(
                "15, with her mother, sleeps next to unknown men in a camp",
                years(15),
                Acc::Accompanied,
                PA,
            )
        },
        Vignette {
            yes: &["identity.birth_unregistered", "identity.nationality_unclear"],
            flags: &["statelessness_risk"],
            actions: &["refer_nationality"],
            risk: Some(Low),
            ..v("11, born on the way, never registered", years(11), Acc::Accompanied, PA)
        },
        Vignette {
            yes: &["identity.lgbtiq_shared", "identity.lgbtiq_harmed", "safety.fear_return"],
            flags: &["international_protection", "lgbtiq_risk"],
            actions: &["safe_disclosure", "inform_asylum", "refer_asylum"],
            risk: Some(Medium),
            ..v(
                "16, with a cousin, rejected at home for being gay, afraid to go back",
                years(16),
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            yes: &["identity.indigenous", "identity.language"],
            flags: &["language_barrier"],
            actions: &["interpreter"],
            risk: Some(Low),
            ..v(
                "10, speaks K'iche' and little Spanish, with her father",
                years(10),
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            yes: &["health.pregnant_or_parent"],
            flags: &["adolescent_parent"],
            actions: &["refer_health"],
            risk: Some(Medium),
            ..v("15, pregnant, with her partner's family", years(15), Acc::Accompanied, GT)
        },
        Vignette {
            yes: &["health.disability"],
            flags: &["disability"],
            actions: &["adapt_communication", "refer_disability"],
            risk: Some(Low),
            ..v("8, deaf, with his parents", years(8), Acc::Accompanied, CR)
        },
        Vignette {
            yes: &["journey.returned"],
            flags: &["unaccompanied", "returned_child"],
            actions: &["returned_reception", "notify_child_protection", "appoint_guardian"],
            risk: Some(Medium),
            bid: true,
            ..v("14, returned alone by air", years(14), Acc::Unaccompanied, HN)
        },
        Vignette {
            yes: &["work.armed_group", "safety.fear_return"],
            flags: &["international_protection", "child_labour", "armed_group_recruitment"],
            actions: &[
                "immediate_safety",
                "notify_child_protection",
                "inform_asylum",
                "refer_asylum",
                "protect_from_worst_forms",
            ],
            risk: Some(High),
            ..v("15, with his mother, a gang tried to recruit him", years(15), Acc::Accompanied, SV)
        },
        Vignette {
            yes: &["health.urgent"],
            flags: &["urgent_health"],
            actions: &["immediate_safety", "urgent_care"],
            risk: Some(High),
            ..v(
                "6, dehydrated after the jungle crossing, with her mother",
                years(6),
                Acc::Accompanied,
                PA,
            )
        },
        Vignette {
            yes: &["health.distress"],
            flags: &["separated", "urgent_health"],
            actions: &["urgent_care", "verify_relationship"],
            risk: Some(High),
            bid: true,
            ..v("16, speaks of hurting himself, with his brother", years(16), Acc::Separated, US)
        },
        Vignette {
            yes: &["journey.paid_crossing"],
            not_yes: &[("journey.owes_debt", No), ("work.works", No)],
            flags: &["smuggling"],
            actions: &["check_exploitation"],
            risk: Some(Low),
            ..v(
                "14, with her mother, a smuggler was paid, no debt",
                years(14),
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            documents_held_by_others: true,
            flags: &["trafficking"],
            actions: &["refer_anti_trafficking"],
            risk: Some(Medium),
            ..v("15, an accompanying adult keeps her passport", years(15), Acc::Accompanied, MX)
        },
        Vignette {
            yes: &["work.illicit"],
            flags: &["trafficking", "child_labour"],
            actions: &["refer_anti_trafficking", "protect_from_worst_forms"],
            risk: Some(High),
            ..v(
                "17, made to carry drugs across the border, no sexual violence flagged",
                years(17),
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            yes: &["work.sexual_exploitation"],
            flags: &["trafficking", "child_labour", "gbv"],
            actions: &["refer_anti_trafficking", "no_details", "refer_gbv"],
            risk: Some(High),
            ..v("16, sexually exploited for a place to sleep", years(16), Acc::Accompanied, GT)
        },
        Vignette {
            not_yes: &[
                ("safety.fear_return", DontKnow),
                ("work.works", DontKnow),
                ("violence.disclosed", DontKnow),
                ("family.adult_found_child", DontKnow),
            ],
            ..v(
                "12, with both parents, every answer \"don't know\": nothing raised",
                years(12),
                Acc::Accompanied,
                MX,
            )
        },
        Vignette {
            not_yes: &[
                ("safety.fear_return", No),
                ("journey.paid_crossing", No),
                ("health.urgent", No),
            ],
            ..v("7, with her parents, every answer no", years(7), Acc::Accompanied, CR)
        },
        Vignette {
            yes: &["safety.threatened_at_home", "safety.wants_protection"],
            flags: &["unaccompanied", "international_protection"],
            actions: &["appoint_guardian", "inform_asylum", "refer_asylum", "no_contact_origin"],
            risk: Some(Medium),
            bid: true,
            ..v(
                "9, alone, family threatened at home, wants asylum",
                years(9),
                Acc::Unaccompanied,
                MX,
            )
        },
        Vignette {
            yes: &["safety.held_in_detention"],
            flags: &["unaccompanied", "deprivation_of_liberty"],
            actions: &["release_from_detention", "appoint_guardian", "no_detention"],
            risk: Some(High),
            bid: true,
            ..v("15, alone, held in a migration station", years(15), Acc::Unaccompanied, MX)
        },
        Vignette {
            yes: &["family.no_parent_contact"],
            flags: &["separated"],
            actions: &["verify_relationship", "open_tracing"],
            risk: Some(Low),
            bid: true,
            ..v(
                "13, with a family friend, cannot reach her parents",
                years(13),
                Acc::NotYetKnown,
                HN,
            )
        },
        Vignette {
            age: ChildAge::Unknown { apparent_band: Some(AgeBand::UnderSix) },
            flags: &["unaccompanied"],
            risk: Some(High),
            bid: true,
            ..v(
                "looks about 5, alone, no document: very young by the worker's estimate",
                IN_DOUBT,
                Acc::Unaccompanied,
                GT,
            )
        },
    ]
}

impl Vignette {
    fn input(&self) -> ScreeningInput {
        let mut answers: std::collections::BTreeMap<String, IndicatorAnswer> =
            self.yes.iter().map(|q| ((*q).to_owned(), IndicatorAnswer::Yes)).collect();
        answers.extend(self.not_yes.iter().map(|(q, a)| ((*q).to_owned(), *a)));
        ScreeningInput {
            answers,
            age: self.age,
            accompaniment: self.accompaniment,
            documents_held_by_others: self.documents_held_by_others,
            only_unrelated_adults: self.only_unrelated_adults,
            relationship_unverified: self.relationship_unverified,
            care: self.care,
            country: self.country,
        }
    }
}

#[test]
fn every_vignette_raises_its_flags_actions_risk_and_bid() {
    let structure = structure();
    let procedure = procedure().expect("procedure parses");
    let all = vignettes();
    assert!(all.len() >= 25, "only {} vignettes", all.len());
    for vg in &all {
        let input = vg.input();
        for q in vg.yes.iter().chain(vg.not_yes.iter().map(|(q, _)| q)) {
            assert!(structure.question(q).is_some(), "{}: unknown question {q}", vg.name);
        }
        let result = screen(&structure, &input);
        let raised: BTreeSet<&str> = result.flags.iter().map(|f| f.id()).collect();
        let expected: BTreeSet<&str> = vg.flags.iter().copied().collect();
        assert_eq!(raised, expected, "{}: flags", vg.name);
        for action in vg.actions {
            assert!(result.obliges(action), "{}: {action} is not obliged", vg.name);
        }
        assert_eq!(result.risk, vg.risk, "{}: risk", vg.name);
        // Every raised flag explains itself: a trigger, and the yes answers it read.
        for flag in &result.flags {
            assert!(!flag.triggers.is_empty(), "{}: {}", vg.name, flag.id());
            assert!(flag.answers.iter().all(|q| vg.yes.contains(q)), "{}: {}", vg.name, flag.id());
        }
        // The procedure sees the same flags and decides on a BID from them.
        let facts = CaseFacts {
            age: vg.age,
            accompaniment: vg.accompaniment,
            country: vg.country,
            flags: raised.iter().map(|f| (*f).to_owned()).collect(),
            answered_no: Default::default(),
            case_opened: NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
            first_contact: NaiveDate::from_ymd_opt(2026, 3, 3).expect("date"),
        };
        // No BID from day one (issue #13): only once a durable solution is being chosen, and
        // then for exactly the children `bid` names.
        assert!(!bid_requirement(procedure, &facts, &Outcomes::new()).is_required(), "{}", vg.name);
        let mut durable = Outcomes::new();
        durable.insert(
            "bia.conclusion.decision_type".to_owned(),
            ItemOutcome::Answered {
                value: Answer::Choice("durable_solution".to_owned()),
                at: chrono::DateTime::UNIX_EPOCH,
            },
        );
        let bid = bid_requirement(procedure, &facts, &durable);
        assert_eq!(bid.is_required(), vg.bid, "{}: BID", vg.name);
    }
}

#[test]
fn the_risk_reasons_name_the_triggers_highest_first() {
    let structure = structure();
    let first = &vignettes()[0];
    let result = screen(&structure, &first.input());
    let levels: Vec<RiskLevel> = result.reasons.iter().map(|r| r.level).collect();
    let mut sorted = levels.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(levels, sorted);
    assert!(result.reasons.iter().any(|r| r.trigger == "trafficking.debt_and_work"));
    assert!(result
        .reasons
        .iter()
        .any(|r| r.trigger == "unaccompanied.recorded" && r.level == Medium));
    let trafficking = result.flag("trafficking").expect("raised");
    assert_eq!(
        trafficking.answers,
        ["work.unpaid_or_controlled", "journey.owes_debt", "work.works"]
    );
}

#[test]
fn a_flag_for_a_child_needs_no_coercion_question() {
    // Trafficking of a child needs no "means": exploitation alone raises it (SOURCES c4).
    let structure = structure();
    let rule = structure.flag("trafficking").expect("rule");
    let reads: Vec<&str> = rule.triggers.iter().flat_map(|t| t.when.questions()).collect();
    assert!(!reads
        .iter()
        .any(|q| q.contains("force") || q.contains("threat") || q.contains("deceiv")));
}
