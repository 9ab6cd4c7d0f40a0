//! The screening's words in one locale (`content/screening/<locale>.json`): group titles,
//! questions with how to ask the sensitive ones, each flag's why and standard, each trigger's
//! explanation, each action, kinds of services and risk levels. Spanish and English are
//! complete; French falls back to Spanish, visibly.

use crate::ui_text::Review;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScreeningTexts {
    pub language: String,
    pub review: Review,
    pub review_note: String,
    pub groups: BTreeMap<String, GroupText>,
    pub questions: BTreeMap<String, QuestionText>,
    pub flags: BTreeMap<String, FlagText>,
    pub triggers: BTreeMap<String, String>,
    pub actions: BTreeMap<String, String>,
    pub kinds: BTreeMap<String, String>,
    pub risk: RiskTexts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupText {
    pub title: String,
    pub intro: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionText {
    /// The question in plain words.
    pub text: String,
    /// For a sensitive question: how to ask it, or how to answer it without asking.
    #[serde(default)]
    pub how_to_ask: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagText {
    /// What the flag means for this child.
    pub why: String,
    /// What the standards say, paraphrased, with the flag's sources.
    pub standard: String,
}

/// The inter-agency risk definitions (SOURCES a4) and the note on response times.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskTexts {
    pub high: String,
    pub medium: String,
    pub low: String,
    pub response_time: String,
}

impl ScreeningTexts {
    pub fn parse(json: &str) -> Result<ScreeningTexts, String> {
        serde_json::from_str(json).map_err(|e| format!("content/screening/<locale>.json: {e}"))
    }

    /// A text by id, or the id itself when missing (the content tests make that a build defect).
    pub fn action(&self, id: &str) -> String {
        self.actions.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }

    pub fn trigger(&self, id: &str) -> String {
        self.triggers.get(id).cloned().unwrap_or_else(|| id.to_owned())
    }

    pub fn kind(&self, code: &str) -> String {
        self.kinds.get(code).cloned().unwrap_or_else(|| code.to_owned())
    }
}
