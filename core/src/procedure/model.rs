//! The procedure's language-neutral structure, as typed data read from
//! `content/procedure/structure.json`: phases → steps → items, BID triggers, deadline rules and
//! the volunteer first-contact flow. Texts live in the locale files (see `texts`).

use super::condition::Condition;
use super::error::ContentError;
use serde::Deserialize;

/// The whole procedure, from first contact to closure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Procedure {
    /// Bumped when ids change meaning; ids are never reused for something else.
    pub content_version: u32,
    pub phases: Vec<Phase>,
    pub bid_triggers: Vec<BidTrigger>,
    pub deadlines: Vec<DeadlineRule>,
    pub volunteer: Vec<VolunteerSection>,
}

/// One of the eight phases of the procedure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub id: String,
    #[serde(default)]
    pub when: Option<Condition>,
    pub steps: Vec<Step>,
}

/// A step of a phase: what a worker does at one sitting, shown one at a time.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// `<phase id>.<name>`.
    pub id: String,
    #[serde(default)]
    pub when: Option<Condition>,
    pub items: Vec<Item>,
}

/// A checklist item: something to do, ask or record.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// `<step id>.<name>`: stable, never reused.
    pub id: String,
    pub kind: ItemKind,
    /// Option ids of a question item; empty for every other kind.
    #[serde(default)]
    pub options: Vec<String>,
    #[serde(default = "required_unless_said")]
    pub required: bool,
    #[serde(default)]
    pub when: Option<Condition>,
    /// Ids into `content/sources.json`; at least one.
    pub sources: Vec<String>,
    /// The item rests on something the sources could not confirm; the texts carry a note.
    #[serde(default)]
    pub verify_locally: bool,
}

fn required_unless_said() -> bool {
    true
}

/// How an item is completed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Ticked when done.
    Check,
    /// Answered by choosing one of `options`.
    Question,
    /// Answered in free text, kept in the encrypted case record.
    Text,
    /// Answered with a date.
    Date,
}

/// A situation in which a best-interests determination is required.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BidTrigger {
    pub id: String,
    pub when: Condition,
    pub sources: Vec<String>,
    #[serde(default)]
    pub verify_locally: bool,
}

/// A deadline that follows from the procedure: when it starts, how long it runs, and which
/// item meets it. It applies exactly when its `met_by` item applies.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRule {
    pub id: String,
    pub met_by: String,
    pub from: Anchor,
    pub due: DueRule,
    pub sources: Vec<String>,
    /// The timeline is not confirmed by a source; the texts carry a note.
    #[serde(default)]
    pub verify_locally: bool,
}

/// The date a deadline counts from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    CaseOpened,
    FirstContact,
    /// The day the item was done or answered.
    ItemDone(String),
    /// The date given as the answer to a date item.
    ItemDate(String),
}

/// How long a deadline runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DueRule {
    /// Calendar days after the anchor.
    Days(u32),
    /// Monday-to-Friday days after the anchor (public holidays are not known).
    WorkingDays(u32),
    /// The standard says "promptly" or "as soon as identified" and gives no number.
    AsSoonAsPossible,
    /// No source gives a timeline: only a country setting can give one.
    SetLocally,
}

/// A section of the volunteer first-contact flow: it only points at items of the procedure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VolunteerSection {
    pub id: String,
    pub items: Vec<String>,
}

/// Where an item sits in the procedure.
#[derive(Clone, Copy, Debug)]
pub struct Placed<'p> {
    pub phase: &'p Phase,
    pub step: &'p Step,
    pub item: &'p Item,
}

impl Procedure {
    /// Reads the structure file. Unknown fields are refused so a misspelt key in content
    /// fails the tests instead of being silently ignored.
    pub fn parse(json: &str) -> Result<Procedure, ContentError> {
        serde_json::from_str(json).map_err(|e| ContentError::Unreadable {
            file: "content/procedure/structure.json",
            detail: e.to_string(),
        })
    }

    /// Every item in procedure order, with its phase and step.
    pub fn items(&self) -> impl Iterator<Item = Placed<'_>> {
        self.phases.iter().flat_map(|phase| {
            phase.steps.iter().flat_map(move |step| {
                step.items.iter().map(move |item| Placed { phase, step, item })
            })
        })
    }

    pub fn item(&self, id: &str) -> Option<Placed<'_>> {
        self.items().find(|p| p.item.id == id)
    }

    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.id == id)
    }

    pub fn step(&self, id: &str) -> Option<&Step> {
        self.phases.iter().flat_map(|p| &p.steps).find(|s| s.id == id)
    }

    pub fn bid_trigger(&self, id: &str) -> Option<&BidTrigger> {
        self.bid_triggers.iter().find(|t| t.id == id)
    }

    pub fn deadline(&self, id: &str) -> Option<&DeadlineRule> {
        self.deadlines.iter().find(|d| d.id == id)
    }
}

impl Placed<'_> {
    /// Whether the item applies whatever the case: no condition on it, its step or its phase.
    pub fn is_unconditional(&self) -> bool {
        self.phase.when.is_none() && self.step.when.is_none() && self.item.when.is_none()
    }
}
