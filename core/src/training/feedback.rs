//! Feedback on a practice scenario: the trainee's record and screening run through the real rules and compared with the rules' answer for the child as they really are — flags raised and missed, obliged actions skipped, consent needed, "never" crossed, each with the guide's why and its sources — and a score per skill.

use super::model::Scenario;
use super::truth::{consular_contact_allowed, rules_say, Truth, CONSULAR_ITEM, ORIGIN_GATE_ITEM};
use crate::case::{CareKind, ConsentPurpose, IndicatorAnswer};
use crate::procedure::Procedure;
use crate::screening::{ScreeningInput, ScreeningStructure, ServiceKind};
use crate::vocabulary::AccompanimentStatus;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// What comes before everything else when the worker meets the child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FirstStep {
    /// Medical or mental-health care now.
    UrgentCare,
    /// Make the child safe now, before any procedure.
    Safety,
    /// No emergency: listen, record and screen calmly.
    Listen,
    /// Call the authorities of the child's country.
    CallConsulate,
}

impl FirstStep {
    pub const ALL: [FirstStep; 4] =
        [FirstStep::UrgentCare, FirstStep::Safety, FirstStep::Listen, FirstStep::CallConsulate];

    pub fn code(self) -> &'static str {
        match self {
            FirstStep::UrgentCare => "urgent_care",
            FirstStep::Safety => "safety",
            FirstStep::Listen => "listen",
            FirstStep::CallConsulate => "call_consulate",
        }
    }
}

/// Things a worker may do that the guide sometimes forbids.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Choice {
    ContactConsulate,
    TraceFamily,
    HandOverToAdult,
    KeepInMigrationFacility,
    AskForDetails,
    TellTheCarer,
    AdultInterprets,
}

impl Choice {
    pub const ALL: [Choice; 7] = [
        Choice::ContactConsulate,
        Choice::TraceFamily,
        Choice::HandOverToAdult,
        Choice::KeepInMigrationFacility,
        Choice::AskForDetails,
        Choice::TellTheCarer,
        Choice::AdultInterprets,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Choice::ContactConsulate => "contact_consulate",
            Choice::TraceFamily => "trace_family",
            Choice::HandOverToAdult => "hand_over_to_adult",
            Choice::KeepInMigrationFacility => "keep_in_migration_facility",
            Choice::AskForDetails => "ask_for_details",
            Choice::TellTheCarer => "tell_the_carer",
            Choice::AdultInterprets => "adult_interprets",
        }
    }

    pub fn from_code(code: &str) -> Option<Choice> {
        Choice::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The screening actions that are prohibitions: the trainee crosses them through a [`Choice`],
/// so they are not counted again as actions skipped.
const PROHIBITIONS: [&str; 5] = [
    "no_contact_origin",
    "no_handover_unverified",
    "no_detention",
    "no_details",
    "carer_not_involved",
];

/// Everything the trainee recorded and chose for one scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TraineeAnswers {
    pub accompaniment: Option<AccompanimentStatus>,
    pub care: Option<CareKind>,
    pub documents_held_by_others: bool,
    pub only_unrelated_adults: bool,
    pub relationship_unverified: bool,
    /// Screening answers; a question left out is unanswered.
    pub answers: BTreeMap<String, IndicatorAnswer>,
    pub first: Option<FirstStep>,
    pub referrals: BTreeSet<ServiceKind>,
    pub consent: BTreeSet<ConsentPurpose>,
    pub choices: BTreeSet<Choice>,
}

impl TraineeAnswers {
    /// The screening input of the child as the trainee recorded them.
    pub fn input(&self, scenario: &Scenario) -> ScreeningInput {
        ScreeningInput {
            answers: self.answers.clone(),
            age: scenario.child_age(),
            accompaniment: self.accompaniment.unwrap_or_default(),
            documents_held_by_others: self.documents_held_by_others,
            only_unrelated_adults: self.only_unrelated_adults,
            relationship_unverified: self.relationship_unverified,
            care: self.care,
            country: Some(scenario.country),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Skill {
    /// Recording who the child is with and where (the data that decides the profile).
    Identification,
    /// Asking the screening questions so the rules raise the right flags.
    Screening,
    /// What comes first, the protective actions, and the "never".
    Protection,
    /// Referrals and the consent they need.
    Referral,
}

impl Skill {
    pub const ALL: [Skill; 4] =
        [Skill::Identification, Skill::Screening, Skill::Protection, Skill::Referral];

    pub fn code(self) -> &'static str {
        match self {
            Skill::Identification => "identification",
            Skill::Screening => "screening",
            Skill::Protection => "protection",
            Skill::Referral => "referral",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FindingKind {
    /// A recorded fact differs from the child's situation (`subject` is the field).
    IdentifiedWrong,
    FlagRaised,
    FlagMissed,
    /// Raised though the child's situation does not raise it: do less.
    FlagNotNeeded,
    /// The risk level the trainee's screening gives differs from the rules' answer.
    RiskDiffers,
    FirstStepWrong,
    /// An action the child's situation obliges, not reached because its flag was missed.
    ActionSkipped,
    ReferralMissed,
    /// A referral the child's situation does not call for: do less.
    ReferralNotNeeded,
    ConsentNeeded,
    NeverCrossed,
}

impl FindingKind {
    pub fn code(&self) -> &'static str {
        match self {
            FindingKind::IdentifiedWrong => "identified_wrong",
            FindingKind::FlagRaised => "flag_raised",
            FindingKind::FlagMissed => "flag_missed",
            FindingKind::FlagNotNeeded => "flag_not_needed",
            FindingKind::RiskDiffers => "risk_differs",
            FindingKind::FirstStepWrong => "first_step_wrong",
            FindingKind::ActionSkipped => "action_skipped",
            FindingKind::ReferralMissed => "referral_missed",
            FindingKind::ReferralNotNeeded => "referral_not_needed",
            FindingKind::ConsentNeeded => "consent_needed",
            FindingKind::NeverCrossed => "never_crossed",
        }
    }

    /// Whether this finding is something done right.
    pub fn is_good(&self) -> bool {
        matches!(self, FindingKind::FlagRaised)
    }
}

/// Where the why of a finding is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// A key of the screening texts (`content/screening/<locale>.json`).
    Screening(String),
    /// A key of the training texts (`content/training/<locale>.json`).
    Training(String),
}

/// One point of feedback.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub skill: Skill,
    /// The flag, action, service kind, consent purpose, choice or field it is about.
    pub subject: String,
    pub why: Why,
    /// Source ids (`content/sources.json`).
    pub sources: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SkillScore {
    pub skill: Skill,
    pub earned: u32,
    pub possible: u32,
}

impl SkillScore {
    /// Whole percent; a skill with nothing to score is 100.
    pub fn percent(self) -> u32 {
        (self.earned * 100).checked_div(self.possible).unwrap_or(100)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Feedback {
    pub truth: Truth,
    /// What the trainee's own record and screening give under the same rules.
    pub trainee: Truth,
    pub findings: Vec<Finding>,
    pub scores: [SkillScore; 4],
}

impl Feedback {
    pub fn score(&self, skill: Skill) -> SkillScore {
        self.scores[skill as usize]
    }

    pub fn has(&self, kind: &FindingKind, subject: &str) -> bool {
        self.findings.iter().any(|f| f.kind == *kind && f.subject == subject)
    }

    /// Findings about something missed or crossed (everything but what was done right).
    pub fn problems(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| !f.kind.is_good())
    }
}

struct Tally {
    scores: [SkillScore; 4],
    findings: Vec<Finding>,
}

impl Tally {
    fn point(&mut self, skill: Skill, earned: bool) {
        let s = &mut self.scores[skill as usize];
        s.possible += 1;
        s.earned += u32::from(earned);
    }

    fn find(
        &mut self,
        kind: FindingKind,
        skill: Skill,
        subject: &str,
        why: Why,
        sources: &[String],
    ) {
        self.findings.push(Finding {
            kind,
            skill,
            subject: subject.to_owned(),
            why,
            sources: sources.to_vec(),
        });
    }
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// Compares the trainee's answers for `scenario` with what the rules say of the child as they are.
pub fn feedback(
    structure: &ScreeningStructure,
    procedure: &Procedure,
    scenario: &Scenario,
    answers: &TraineeAnswers,
) -> Feedback {
    let truth = Truth::of(structure, procedure, scenario);
    let input = answers.input(scenario);
    let trainee = rules_say(structure, procedure, &input);
    let mut tally = Tally {
        scores: Skill::ALL.map(|skill| SkillScore { skill, earned: 0, possible: 0 }),
        findings: Vec::new(),
    };
    identification(&mut tally, scenario, answers);
    screening(&mut tally, structure, &truth, &trainee);
    protection(&mut tally, structure, procedure, &truth, &trainee, answers, &input);
    referral(&mut tally, structure, &truth, answers);
    Feedback { truth, trainee, findings: tally.findings, scores: tally.scores }
}

fn identification(tally: &mut Tally, scenario: &Scenario, answers: &TraineeAnswers) {
    let checks: [(&str, bool, &[&str]); 5] = [
        ("accompaniment", answers.accompaniment == Some(scenario.accompaniment), &["S23", "S24"]),
        ("care", answers.care == Some(scenario.care), &["S45", "S46"]),
        (
            "documents_held_by_others",
            answers.documents_held_by_others == scenario.documents_held_by_others,
            &["S50", "S52"],
        ),
        (
            "only_unrelated_adults",
            answers.only_unrelated_adults == scenario.only_unrelated_adults,
            &["S23", "S50"],
        ),
        (
            "relationship_unverified",
            answers.relationship_unverified == scenario.relationship_unverified,
            &["S73", "S70-PA"],
        ),
    ];
    for (field, right, sources) in checks {
        tally.point(Skill::Identification, right);
        if !right {
            let why = Why::Training(format!("why.identify.{field}"));
            tally.find(
                FindingKind::IdentifiedWrong,
                Skill::Identification,
                field,
                why,
                &ids(sources),
            );
        }
    }
}

fn screening(tally: &mut Tally, structure: &ScreeningStructure, truth: &Truth, trainee: &Truth) {
    for rule in &structure.flags {
        let expected = truth.flags.contains(&rule.id);
        let raised = trainee.flags.contains(&rule.id);
        if !expected && !raised {
            continue;
        }
        tally.point(Skill::Screening, expected && raised);
        let kind = match (expected, raised) {
            (true, true) => FindingKind::FlagRaised,
            (true, false) => FindingKind::FlagMissed,
            _ => FindingKind::FlagNotNeeded,
        };
        let why = Why::Screening(format!("flag.{}.why", rule.id));
        tally.find(kind, Skill::Screening, &rule.id, why, &rule.sources);
    }
    if truth.flags.is_empty() && trainee.flags.is_empty() {
        // Doing less was the right answer.
        tally.point(Skill::Screening, true);
    }
    let same_risk = truth.risk == trainee.risk;
    tally.point(Skill::Screening, same_risk);
    if !same_risk {
        let why = Why::Training("why.risk".to_owned());
        tally.find(FindingKind::RiskDiffers, Skill::Screening, "risk", why, &ids(&["S26"]));
    }
}

/// Whether the child's situation forbids `choice`, and the action or item that says so.
fn forbidden(choice: Choice, truth: &Truth) -> Option<&'static str> {
    let by = |action: &'static str| truth.obliges(action).then_some(action);
    match choice {
        Choice::ContactConsulate => (!truth.origin_contact).then_some("no_contact_origin"),
        Choice::TraceFamily => None,
        Choice::HandOverToAdult => {
            by("no_handover_unverified").or_else(|| by("carer_not_involved"))
        }
        // Never for migration reasons, whatever the flags (S45, S46).
        Choice::KeepInMigrationFacility => Some("no_detention"),
        Choice::AskForDetails => by("no_details"),
        Choice::TellTheCarer => by("carer_not_involved"),
        Choice::AdultInterprets => by("interpreter"),
    }
}

fn action_sources(structure: &ScreeningStructure, action: &str) -> Vec<String> {
    structure.action(action).map(|a| a.sources.clone()).unwrap_or_default()
}

fn protection(
    tally: &mut Tally,
    structure: &ScreeningStructure,
    procedure: &Procedure,
    truth: &Truth,
    trainee: &Truth,
    answers: &TraineeAnswers,
    input: &ScreeningInput,
) {
    let first_right = answers.first == Some(truth.first);
    tally.point(Skill::Protection, first_right);
    if !first_right {
        let sources = match truth.first {
            FirstStep::UrgentCare => action_sources(structure, "urgent_care"),
            FirstStep::Safety => action_sources(structure, "immediate_safety"),
            _ => ids(&["S10", "S45"]),
        };
        let why = Why::Training(format!("why.first.{}", truth.first.code()));
        tally.find(
            FindingKind::FirstStepWrong,
            Skill::Protection,
            truth.first.code(),
            why,
            &sources,
        );
    }
    for id in &truth.actions {
        let Some(action) = structure.action(id) else { continue };
        if action.refer_to.is_some() || PROHIBITIONS.contains(&id.as_str()) {
            continue;
        }
        let reached = trainee.obliges(id);
        tally.point(Skill::Protection, reached);
        if !reached {
            let why = Why::Screening(format!("action.{id}"));
            tally.find(FindingKind::ActionSkipped, Skill::Protection, id, why, &action.sources);
        }
    }
    for choice in Choice::ALL {
        let chose = answers.choices.contains(&choice);
        let mut crossed = forbidden(choice, truth)
            .map(|action| (action, Why::Screening(format!("action.{action}"))));
        if choice == Choice::ContactConsulate && crossed.is_none() && chose {
            // Allowed for this child, but only after the trainee's own screening heard a clear no.
            if !consular_contact_allowed(procedure, input, &trainee.flags) {
                crossed =
                    Some(("no_contact_origin", Why::Training("why.consulate_unasked".to_owned())));
            }
        }
        let Some((action, why)) = crossed else { continue };
        tally.point(Skill::Protection, !chose);
        if chose {
            let mut sources = action_sources(structure, action);
            if choice == Choice::ContactConsulate {
                for item in [CONSULAR_ITEM, ORIGIN_GATE_ITEM] {
                    for s in procedure_sources(procedure, item) {
                        if !sources.contains(&s) {
                            sources.push(s);
                        }
                    }
                }
            }
            tally.find(FindingKind::NeverCrossed, Skill::Protection, choice.code(), why, &sources);
        }
    }
}

fn procedure_sources(procedure: &Procedure, item: &str) -> Vec<String> {
    procedure
        .phases
        .iter()
        .flat_map(|p| &p.steps)
        .flat_map(|s| &s.items)
        .find(|i| i.id == item)
        .map(|i| i.sources.clone())
        .unwrap_or_default()
}

fn referral(
    tally: &mut Tally,
    structure: &ScreeningStructure,
    truth: &Truth,
    answers: &TraineeAnswers,
) {
    let mut needed: BTreeMap<ServiceKind, &str> = BTreeMap::new();
    for id in &truth.actions {
        if let Some(kind) = structure.action(id).and_then(|a| a.refer_to) {
            needed.entry(kind).or_insert(id.as_str());
        }
    }
    for (kind, action) in &needed {
        let chosen = answers.referrals.contains(kind);
        tally.point(Skill::Referral, chosen);
        if !chosen {
            let why = Why::Screening(format!("action.{action}"));
            let sources = action_sources(structure, action);
            tally.find(FindingKind::ReferralMissed, Skill::Referral, kind.code(), why, &sources);
        }
    }
    for kind in &answers.referrals {
        if !needed.contains_key(kind) {
            tally.point(Skill::Referral, false);
            let why = Why::Training("why.referral_not_needed".to_owned());
            let sources = ids(&["S40", "S41"]);
            tally.find(FindingKind::ReferralNotNeeded, Skill::Referral, kind.code(), why, &sources);
        }
    }
    // The consent each chosen referral, and family tracing, needs before acting.
    let mut consents: BTreeMap<ConsentPurpose, &str> = BTreeMap::new();
    for kind in &answers.referrals {
        let action = needed.get(kind).and_then(|id| structure.action(id)).or_else(|| {
            structure.actions.iter().find(|a| a.refer_to == Some(*kind) && a.consent.is_some())
        });
        if let Some(action) = action {
            if let Some(purpose) = action.consent {
                consents.entry(purpose).or_insert(action.id.as_str());
            }
        }
    }
    if answers.choices.contains(&Choice::TraceFamily) {
        consents.entry(ConsentPurpose::FamilyTracing).or_insert("open_tracing");
    }
    for (purpose, action) in consents {
        let given = answers.consent.contains(&purpose);
        tally.point(Skill::Referral, given);
        if !given {
            let why = Why::Screening(format!("action.{action}"));
            let sources = action_sources(structure, action);
            tally.find(FindingKind::ConsentNeeded, Skill::Referral, purpose.code(), why, &sources);
        }
    }
}
