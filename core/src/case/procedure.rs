//! Progress through the Guide's procedure: the state of each checklist item, by item id. A
//! placeholder that the procedures work extends; it knows nothing of the items themselves.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The id of a checklist item, as defined in the procedure content files.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(String);

impl ItemId {
    pub fn new(id: impl Into<String>) -> Self {
        ItemId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// How far the case has come through the procedure.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcedureProgress {
    /// The state of each item worked on; an item absent here has not been touched. A sorted map
    /// so that the stored form, and the content hash, do not depend on insertion order.
    pub items: BTreeMap<ItemId, ItemState>,
}

impl ProcedureProgress {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The state of one checklist item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// The action was carried out.
    Done { at: DateTime<Utc> },
    /// The question was answered.
    Answered { value: Answer, at: DateTime<Utc> },
    /// The item does not apply to this child, and why: skipping a step is a decision.
    NotApplicable { reason: String, at: DateTime<Utc> },
}

/// The answer to a checklist question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    YesNo(bool),
    /// The id of one of the options the content file offers.
    Choice(String),
    /// Free text, as short as the question allows.
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_states_are_stored_under_their_name() {
        let mut p = ProcedureProgress::default();
        assert!(p.is_empty());
        p.items.insert(
            ItemId::new("screening.asylum_informed"),
            ItemState::Answered { value: Answer::YesNo(true), at: DateTime::UNIX_EPOCH },
        );
        assert_eq!(
            serde_json::to_string(&p).ok().as_deref(),
            Some(
                r#"{"items":{"screening.asylum_informed":{"answered":{"value":{"yes_no":true},"at":"1970-01-01T00:00:00Z"}}}}"#
            )
        );
    }
}
