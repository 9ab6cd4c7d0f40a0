//! Checks of the screening content: it parses, every id is unique and referenced where it
//! should be, every flag is in the shared vocabulary, every source resolves, Spanish, English and French
//! are complete, sensitive questions say how to ask, and every country has its bodies, by name only.

use super::*;
use crate::procedure::flags::flag_vocabulary;
use crate::sources::sources;
use crate::ui_text::Review;
use crate::vocabulary::Country;
use std::collections::BTreeSet;

pub(super) fn structure() -> ScreeningStructure {
    ScreeningStructure::parse(include_str!("../../../content/screening/structure.json"))
        .expect("structure parses")
}

fn texts() -> [ScreeningTexts; 3] {
    [
        ScreeningTexts::parse(include_str!("../../../content/screening/es.json"))
            .expect("es parses"),
        ScreeningTexts::parse(include_str!("../../../content/screening/en.json"))
            .expect("en parses"),
        ScreeningTexts::parse(include_str!("../../../content/screening/fr.json"))
            .expect("fr parses"),
    ]
}

pub(super) fn pathways() -> Pathways {
    Pathways::parse(include_str!("../../../content/screening/pathways.json"))
        .expect("pathways parse")
}

fn assert_unique<'a>(what: &str, ids: impl Iterator<Item = &'a str>) -> BTreeSet<&'a str> {
    let mut seen = BTreeSet::new();
    for id in ids {
        assert!(seen.insert(id), "duplicate {what} id {id}");
        assert!(!id.trim().is_empty(), "blank {what} id");
    }
    seen
}

#[test]
fn ids_are_unique_and_every_reference_resolves() {
    let s = structure();
    let questions = assert_unique("question", s.questions().map(|q| q.id.as_str()));
    assert_unique("group", s.groups.iter().map(|g| g.id.as_str()));
    assert_unique("flag", s.flags.iter().map(|f| f.id.as_str()));
    assert_unique("trigger", s.flags.iter().flat_map(|f| &f.triggers).map(|t| t.id.as_str()));
    let actions = assert_unique("action", s.actions.iter().map(|a| a.id.as_str()));
    let mut asked = BTreeSet::new();
    let mut obliged = BTreeSet::new();
    for flag in &s.flags {
        assert!(!flag.triggers.is_empty(), "{} can never be raised", flag.id);
        assert!(!flag.actions.is_empty(), "{} obliges nothing", flag.id);
        for t in &flag.triggers {
            assert!(
                t.id.starts_with(&format!("{}.", flag.id)),
                "trigger {} outside its flag",
                t.id
            );
            for q in t.when.questions() {
                assert!(questions.contains(q), "{} reads unknown question {q}", t.id);
                asked.insert(q);
            }
        }
        for a in &flag.actions {
            assert!(actions.contains(a.as_str()), "{} obliges unknown action {a}", flag.id);
            obliged.insert(a.as_str());
        }
    }
    assert_eq!(asked, questions, "every question raises something");
    assert_eq!(obliged, actions, "every action is obliged by some flag");
}

#[test]
fn the_flags_are_exactly_the_shared_vocabulary_the_procedure_reads() {
    let vocabulary = flag_vocabulary().expect("flags.json parses");
    let s = structure();
    let ours: Vec<&str> = s.flags.iter().map(|f| f.id.as_str()).collect();
    let theirs: Vec<&str> = vocabulary.flags.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(ours, theirs);
}

#[test]
fn every_source_id_resolves() {
    let list = sources().expect("sources parse");
    let s = structure();
    let mut cited: Vec<(String, &str)> = Vec::new();
    for q in s.questions() {
        assert!(!q.sources.is_empty(), "question {} has no source", q.id);
        cited.extend(q.sources.iter().map(|id| (q.id.clone(), id.as_str())));
    }
    for f in &s.flags {
        assert!(!f.sources.is_empty(), "flag {} has no source", f.id);
        cited.extend(f.sources.iter().map(|id| (f.id.clone(), id.as_str())));
        for t in &f.triggers {
            cited.extend(t.sources.iter().map(|id| (t.id.clone(), id.as_str())));
        }
    }
    for a in &s.actions {
        assert!(!a.sources.is_empty(), "action {} has no source", a.id);
        cited.extend(a.sources.iter().map(|id| (a.id.clone(), id.as_str())));
    }
    let p = pathways();
    for c in &p.countries {
        for b in &c.bodies {
            cited.extend(b.sources.iter().map(|id| (b.id.clone(), id.as_str())));
        }
    }
    for threshold in age::THRESHOLDS {
        cited.extend(threshold.sources.iter().map(|id| (format!("{:?}", threshold.country), *id)));
    }
    for (owner, id) in cited {
        assert!(list.contains(id), "{owner} cites unknown source {id}");
    }
}

#[test]
fn spanish_english_and_french_are_complete_and_marked_as_drafts() {
    let s = structure();
    // Exactly the keys the structure needs, each with words.
    let mut expected: BTreeSet<String> = BTreeSet::new();
    for g in &s.groups {
        expected.insert(format!("group.{}.title", g.id));
        expected.insert(format!("group.{}.intro", g.id));
    }
    for q in s.questions() {
        expected.insert(format!("question.{}", q.id));
        // A sensitive question always says how to ask it; the others have no such note.
        if q.sensitive {
            expected.insert(format!("question.{}.how", q.id));
        }
    }
    for f in &s.flags {
        expected.insert(format!("flag.{}.why", f.id));
        expected.insert(format!("flag.{}.standard", f.id));
        for t in &f.triggers {
            expected.insert(format!("trigger.{}", t.id));
        }
    }
    for a in &s.actions {
        expected.insert(format!("action.{}", a.id));
    }
    for kind in ServiceKind::ALL {
        expected.insert(format!("kind.{}", kind.code()));
    }
    for level in ["high", "medium", "low", "response_time"] {
        expected.insert(format!("risk.{level}"));
    }
    // One file per locale the app fetches, each in its own language.
    for (t, locale) in texts().iter().zip(super::texts::WRITTEN_IN) {
        let lang = t.language.to_owned();
        assert_eq!(lang, locale.code(), "a file in the wrong language");
        assert_eq!(t.review, Review::Draft, "{lang}");
        assert!(!t.review_note.trim().is_empty());
        let keys: BTreeSet<String> = t.entries().map(|(k, _)| k.to_owned()).collect();
        let missing: Vec<_> = expected.difference(&keys).collect();
        let extra: Vec<_> = keys.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, extra {extra:?}"
        );
        for (k, v) in t.entries() {
            assert!(!v.trim().is_empty(), "{lang}: {k} is blank");
        }
    }
}

#[test]
fn the_risk_note_invents_no_response_time() {
    // SOURCES a4: response times per risk level are UNVERIFIED, so no figure may appear.
    for t in texts() {
        for level in ["high", "medium", "low", "response_time"] {
            let text = t.risk(level);
            assert!(!text.chars().any(|c| c.is_ascii_digit()), "{}: {text}", t.language);
        }
    }
}

#[test]
fn referrals_that_share_information_need_consent_and_duties_do_not() {
    use crate::case::ConsentPurpose;
    let s = structure();
    let consent = |id: &str| s.action(id).and_then(|a| a.consent);
    for id in [
        "refer_asylum",
        "refer_gbv",
        "refer_anti_trafficking",
        "refer_health",
        "refer_disability",
        "refer_nationality",
    ] {
        assert_eq!(consent(id), Some(ConsentPurpose::Referral), "{id}");
    }
    assert_eq!(consent("open_tracing"), Some(ConsentPurpose::FamilyTracing));
    for duty in ["notify_child_protection", "urgent_care", "release_from_detention"] {
        assert_eq!(consent(duty), None, "{duty}");
    }
}

#[test]
fn every_country_has_named_bodies_and_no_invented_contacts() {
    let p = pathways();
    assert_unique("body", p.countries.iter().flat_map(|c| &c.bodies).map(|b| b.id.as_str()));
    let countries: Vec<Country> = p.countries.iter().map(|c| c.country).collect();
    assert_eq!(countries, Country::ALL);
    for country in Country::ALL {
        for kind in [ServiceKind::ChildProtection, ServiceKind::Asylum, ServiceKind::Migration] {
            assert!(!p.bodies(country, kind).is_empty(), "{country:?} has no {kind:?} body");
        }
    }
    for b in p.countries.iter().flat_map(|c| &c.bodies) {
        assert!(b.confirmed || !b.name.is_empty(), "{}", b.id);
        if b.confirmed {
            assert!(!b.sources.is_empty(), "{} is confirmed without a source", b.id);
        }
        assert!(
            !b.name.contains("http") && !b.name.contains('@') && !b.name.contains("www"),
            "{}",
            b.id
        );
        let digits = b.name.chars().filter(char::is_ascii_digit).count();
        assert!(digits <= 4, "{} looks like it holds a phone number", b.id);
    }
    // SOURCES f marks these as unconfirmed: they must say so.
    for unconfirmed in [
        "do.conare",
        "hn.inm_asylum",
        "ni.conapre",
        "us.uscis_eoir",
        "gt.igm_asylum",
        "us.state_child_welfare",
        "do.conani_trafficking",
    ] {
        let body = p
            .countries
            .iter()
            .flat_map(|c| &c.bodies)
            .find(|b| b.id == unconfirmed)
            .expect("listed");
        assert!(!body.confirmed, "{unconfirmed}");
    }
}

/// Body names stay in the country's official language; a Spanish-speaking country's name holds
/// no English words (issue 14 found "Child Protection Officers" and "at the border").
#[test]
fn body_names_in_spanish_speaking_countries_hold_no_english_fragments() {
    const ENGLISH: [&str; 8] = [
        " the ",
        " at ",
        " and ",
        "Officers",
        "Protection Unit",
        "Department",
        "Office ",
        "Border",
    ];
    let p = pathways();
    for c in p
        .countries
        .iter()
        .filter(|c| !matches!(c.country, Country::Belize | Country::Canada | Country::UnitedStates))
    {
        for b in &c.bodies {
            for word in ENGLISH {
                assert!(!b.name.contains(word), "{}: English {word:?} in {:?}", b.id, b.name);
            }
        }
    }
}

#[test]
fn the_french_texts_ask_for_review_by_french_speaking_staff() {
    let fr = &texts()[2];
    assert_eq!(fr.language, "fr");
    assert!(fr.review_note.contains("francophone"), "{}", fr.review_note);
}

#[test]
fn the_interface_names_the_flags_as_the_vocabulary_does() {
    use crate::locale::Locale;
    let vocabulary = flag_vocabulary().expect("flags.json parses");
    // The flags' names are strings several areas show (content/ui/common/: cases, practice).
    let catalogs = [
        (Locale::Es, include_str!("../../../content/ui/common/es.json")),
        (Locale::En, include_str!("../../../content/ui/common/en.json")),
        (Locale::Fr, include_str!("../../../content/ui/common/fr.json")),
    ]
    .map(|(l, json)| (l, serde_json::from_str::<serde_json::Value>(json).expect("common part")));
    for flag in &vocabulary.flags {
        let key = format!("flag.{}", flag.id);
        for (locale, catalog) in &catalogs {
            assert_eq!(
                catalog["strings"][&key].as_str(),
                Some(flag.name.get(*locale)),
                "{key} in {locale:?}"
            );
        }
    }
}

#[test]
fn the_pathways_name_each_body_for_what_it_is() {
    let p = pathways();
    let body =
        |id: &str| p.countries.iter().flat_map(|c| &c.bodies).find(|b| b.id == id).expect("listed");
    // ORR is the federal custodian of unaccompanied children, not a child-welfare agency.
    assert!(body("us.orr").name.contains("not a child-welfare agency"));
    // CONANI's role in trafficking is a check, not the anti-trafficking authority itself.
    assert!(!body("do.conani_trafficking").confirmed);
    // The children's courts that take protection measures (SOURCES a7, f).
    for (country, id) in
        [(Country::Guatemala, "gt.juzgados_ninez"), (Country::Panama, "pa.juzgado_ninez")]
    {
        let courts = p.bodies(country, ServiceKind::ChildProtection);
        assert!(courts.iter().any(|b| b.id == id && b.confirmed), "{id}");
    }
}
