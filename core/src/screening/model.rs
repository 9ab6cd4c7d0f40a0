//! The screening content's structure (`content/screening/structure.json`): questions in groups,
//! the flags they raise through triggers (each with a risk level and sources), and the actions
//! each flag obliges (with the consent and the kind of body a referral needs).

use super::condition::IndicatorCondition;
use crate::case::{ConsentPurpose, RiskLevel};
use serde::Deserialize;

/// The whole screening structure, in the order the interview presents it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningStructure {
    pub groups: Vec<QuestionGroup>,
    pub flags: Vec<FlagRule>,
    pub actions: Vec<ObligedAction>,
}

/// A few questions on one topic, asked together.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionGroup {
    pub id: String,
    pub questions: Vec<Question>,
}

/// One indicator question, answered yes, no or don't know.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    /// Asked with special care: the texts then say how to ask.
    #[serde(default)]
    pub sensitive: bool,
    pub sources: Vec<String>,
}

/// How answers and the child's data raise one flag of the shared vocabulary.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagRule {
    /// An id from `content/flags.json`, so the procedure's conditions see the flag.
    pub id: String,
    pub sources: Vec<String>,
    /// The obliged actions, by id, in the order to do them.
    pub actions: Vec<String>,
    pub triggers: Vec<Trigger>,
}

/// One reason a flag is raised, with the risk level it points to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Trigger {
    pub id: String,
    pub risk: RiskLevel,
    pub when: IndicatorCondition,
    /// Sources specific to this trigger, beyond the flag's own.
    #[serde(default)]
    pub sources: Vec<String>,
}

/// Something a flag obliges the worker to do.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObligedAction {
    pub id: String,
    /// The kind of body or service to refer to, when the action is a referral.
    #[serde(default)]
    pub refer_to: Option<ServiceKind>,
    /// The consent that must be in force before acting; `None` for a duty (notifying the
    /// child-protection authority) or an urgent need.
    #[serde(default)]
    pub consent: Option<ConsentPurpose>,
    pub sources: Vec<String>,
}

/// Kinds of bodies and services: the first four are the national authorities of SOURCES (f);
/// the others are local services an organisation directory lists.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, serde::Serialize,
)]
#[serde(rename_all = "snake_case")]
pub enum ServiceKind {
    ChildProtection,
    Asylum,
    Migration,
    AntiTrafficking,
    Gbv,
    Health,
    Psychosocial,
    Legal,
    Shelter,
    Disability,
    Education,
    Other,
}

impl ServiceKind {
    pub const ALL: [ServiceKind; 12] = [
        ServiceKind::ChildProtection,
        ServiceKind::Asylum,
        ServiceKind::Migration,
        ServiceKind::AntiTrafficking,
        ServiceKind::Gbv,
        ServiceKind::Health,
        ServiceKind::Psychosocial,
        ServiceKind::Legal,
        ServiceKind::Shelter,
        ServiceKind::Disability,
        ServiceKind::Education,
        ServiceKind::Other,
    ];

    /// Stable code, as stored and as the texts key it.
    pub fn code(self) -> &'static str {
        match self {
            ServiceKind::ChildProtection => "child_protection",
            ServiceKind::Asylum => "asylum",
            ServiceKind::Migration => "migration",
            ServiceKind::AntiTrafficking => "anti_trafficking",
            ServiceKind::Gbv => "gbv",
            ServiceKind::Health => "health",
            ServiceKind::Psychosocial => "psychosocial",
            ServiceKind::Legal => "legal",
            ServiceKind::Shelter => "shelter",
            ServiceKind::Disability => "disability",
            ServiceKind::Education => "education",
            ServiceKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<ServiceKind> {
        ServiceKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl ScreeningStructure {
    pub fn parse(json: &str) -> Result<ScreeningStructure, String> {
        serde_json::from_str(json).map_err(|e| format!("content/screening/structure.json: {e}"))
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.groups.iter().flat_map(|g| &g.questions)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions().find(|q| q.id == id)
    }

    pub fn flag(&self, id: &str) -> Option<&FlagRule> {
        self.flags.iter().find(|f| f.id == id)
    }

    pub fn action(&self, id: &str) -> Option<&ObligedAction> {
        self.actions.iter().find(|a| a.id == id)
    }
}
