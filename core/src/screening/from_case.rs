//! Connects screening to a stored case: what the rules read from it, and recording the flags
//! and screened risk level that follow from its answers (a worker's override still applies).

use super::condition::ScreeningInput;
use super::model::ScreeningStructure;
use super::rules::screen;
use crate::case::{Case, DocumentHolder, IndicatorAnswer, Relationship, WorkerLabel};
use crate::procedure::case_facts;
use chrono::{DateTime, NaiveDate, Utc};

/// What the rules know of `case` on `today`: its answers and the child's recorded data.
pub fn screening_input(case: &Case, today: NaiveDate) -> ScreeningInput {
    let facts = case_facts(case, today);
    let adults = &case.profile().accompaniment.with;
    ScreeningInput {
        answers: case.screening().answers.clone(),
        age: facts.age,
        accompaniment: facts.accompaniment,
        documents_held_by_others: case.profile().documents.iter().any(|d| {
            matches!(
                d.held_by,
                DocumentHolder::AccompanyingAdult | DocumentHolder::ElsewhereOrUnknown
            )
        }),
        only_unrelated_adults: !adults.is_empty()
            && adults.iter().all(|a| a.relationship == Relationship::Unrelated),
        relationship_unverified: adults.iter().any(|a| !a.verified),
        care: case.profile().current_care.kind,
        country: facts.country,
    }
}

/// Records one answer and the flags and screened risk that follow from the whole screening.
pub fn answer_and_rescreen(
    case: &mut Case,
    structure: &ScreeningStructure,
    question: &str,
    answer: Option<IndicatorAnswer>,
    now: DateTime<Utc>,
    by: &WorkerLabel,
) {
    match answer {
        Some(answer) => case.answer_indicator(question, answer, now, by),
        None => {
            case.clear_indicator(question, now, by);
        }
    }
    rescreen(case, structure, now, by);
}

/// Brings the case's flags and screened risk level in line with its answers and data.
pub fn rescreen(
    case: &mut Case,
    structure: &ScreeningStructure,
    now: DateTime<Utc>,
    by: &WorkerLabel,
) {
    let result = screen(structure, &screening_input(case, now.date_naive()));
    let (flags, risk) = (result.flag_ids(), result.risk);
    case.set_flags(flags, now, by);
    case.set_screened_risk(risk, now, by);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{ChildProfile, DocumentHeld, DocumentKind, FlagId, RiskLevel};
    use crate::procedure::{evaluate, procedure, LocalTimelines, Outcomes};
    use crate::vocabulary::{AccompanimentStatus, Country};
    use chrono::TimeZone;
    use uuid::Uuid;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 3, 10, minute, 0).single().unwrap_or_default()
    }

    #[test]
    fn answers_on_a_case_raise_flags_and_risk_that_the_procedure_then_applies() {
        let structure = super::super::content_tests::structure();
        let by = WorkerLabel::new("AO-3");
        let mut profile = ChildProfile { alias: "Luz".into(), ..Default::default() };
        profile.age.stated_years = Some(14);
        profile.accompaniment.status = AccompanimentStatus::Accompanied;
        profile.first_contact.country = Some(Country::Mexico);
        let mut case = Case::new(Uuid::nil(), profile, at(0), &by);
        answer_and_rescreen(
            &mut case,
            &structure,
            "violence.disclosed",
            Some(IndicatorAnswer::Yes),
            at(1),
            &by,
        );
        assert_eq!(case.flags().iter().map(FlagId::as_str).collect::<Vec<_>>(), ["gbv"]);
        assert_eq!(case.risk().screened, Some(RiskLevel::High));
        // The procedure's GBV items now apply to this case.
        let facts = crate::procedure::case_facts(&case, at(1).date_naive());
        let content = procedure().expect("procedure parses");
        let outcomes = Outcomes::new();
        let status =
            evaluate(content, &facts, &outcomes, &LocalTimelines::default(), at(1).date_naive());
        let items: Vec<&str> = status
            .phases
            .iter()
            .flat_map(|p| &p.steps)
            .flat_map(|s| &s.items)
            .map(|i| i.id)
            .collect();
        assert!(items.contains(&"immediate_protection.specialised.gbv"), "{items:?}");
        // A worker's override survives rescreening; clearing the answer lowers the screened level.
        case.override_risk(RiskLevel::Medium, "Safe with her aunt now", at(2), &by)
            .expect("with a reason");
        answer_and_rescreen(&mut case, &structure, "violence.disclosed", None, at(3), &by);
        assert!(case.flags().is_empty());
        assert_eq!(case.risk().screened, None);
        assert_eq!(case.risk().level(), Some(RiskLevel::Medium));
    }

    #[test]
    fn documents_kept_by_an_adult_are_read_from_the_profile() {
        let by = WorkerLabel::new("AO-3");
        let mut profile = ChildProfile::default();
        profile.documents.push(DocumentHeld {
            kind: DocumentKind::Passport,
            held_by: DocumentHolder::AccompanyingAdult,
        });
        let case = Case::new(Uuid::nil(), profile, at(0), &by);
        assert!(screening_input(&case, at(0).date_naive()).documents_held_by_others);
        let mut own = ChildProfile::default();
        own.documents
            .push(DocumentHeld { kind: DocumentKind::Passport, held_by: DocumentHolder::Child });
        assert!(
            !screening_input(&Case::new(Uuid::nil(), own, at(0), &by), at(0).date_naive())
                .documents_held_by_others
        );
    }
}
