//! The volunteer first-contact flow: what a volunteer marks while with a child — which of the
//! flow's actions are done, whether the child is alone, which red flags they noticed — and the
//! safe referral summary it ends in. The notes hold no identity and are never stored: the view
//! keeps them in memory and forgets them when the volunteer leaves or starts again.

use super::flags::FlagVocabulary;
use super::model::Procedure;
use crate::vocabulary::AccompanimentStatus;
use std::collections::BTreeSet;

/// What the volunteer marked. Nothing in it can name or trace the child.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstContactNotes {
    /// Ids of the flow's items the volunteer did.
    pub done: BTreeSet<String>,
    /// Whether the child is with family, alone, or not yet known.
    pub accompaniment: AccompanimentStatus,
    /// Ids of the flags the volunteer noticed (the flag vocabulary's ids).
    pub red_flags: BTreeSet<String>,
}

impl FirstContactNotes {
    /// Marks or unmarks one of the flow's items.
    pub fn set_done(&mut self, item: &str, done: bool) {
        if done {
            self.done.insert(item.to_owned());
        } else {
            self.done.remove(item);
        }
    }

    /// Marks or unmarks a red flag noticed.
    pub fn set_red_flag(&mut self, flag: &str, noticed: bool) {
        if noticed {
            self.red_flags.insert(flag.to_owned());
        } else {
            self.red_flags.remove(flag);
        }
    }
}

/// Why the summary asks for a hand-over without delay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Priority {
    /// A red flag was noticed: one signal is enough to act (the red-flags item's guidance).
    RedFlag,
    /// The child is alone or separated from their caregivers: the child-protection authority
    /// must be told (the notification item's guidance).
    WithoutCaregiver,
}

/// The referral summary, in the flow's order; ids for the view to name in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReferralSummary<'p> {
    /// Why to hand over now, most pressing first; empty when nothing presses.
    pub priorities: Vec<Priority>,
    /// Red flags noticed that may be said aloud, in the vocabulary's order.
    pub red_flags: Vec<&'p str>,
    /// Sensitive flags noticed, in the vocabulary's order: kept off what is read out or shown,
    /// to be shared only in private with the child-protection officer.
    pub sensitive_flags: Vec<&'p str>,
    /// The flow's items done, in the flow's order.
    pub done: Vec<&'p str>,
    /// The flow's items not done, in the flow's order: what the next person must still do.
    pub not_done: Vec<&'p str>,
    pub accompaniment: AccompanimentStatus,
}

/// The summary of `notes` against the flow in `procedure` and the flags in `vocabulary`. Ids
/// the content does not know are left out: the notes only ever hold ids the view offered.
pub fn referral_summary<'p>(
    procedure: &'p Procedure,
    vocabulary: &'p FlagVocabulary,
    notes: &FirstContactNotes,
) -> ReferralSummary<'p> {
    let items = procedure.volunteer.iter().flat_map(|s| s.items.iter().map(String::as_str));
    let (done, not_done): (Vec<&str>, Vec<&str>) = items.partition(|id| notes.done.contains(*id));
    let (mut red_flags, mut sensitive_flags) = (Vec::new(), Vec::new());
    for flag in vocabulary.flags.iter().filter(|f| notes.red_flags.contains(&f.id)) {
        if flag.sensitive {
            sensitive_flags.push(flag.id.as_str());
        } else {
            red_flags.push(flag.id.as_str());
        }
    }
    let mut priorities = Vec::new();
    if !red_flags.is_empty() || !sensitive_flags.is_empty() {
        priorities.push(Priority::RedFlag);
    }
    if matches!(
        notes.accompaniment,
        AccompanimentStatus::Unaccompanied | AccompanimentStatus::Separated
    ) {
        priorities.push(Priority::WithoutCaregiver);
    }
    ReferralSummary {
        priorities,
        red_flags,
        sensitive_flags,
        done,
        not_done,
        accompaniment: notes.accompaniment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::flags::flag_vocabulary;
    use crate::procedure::procedure;

    fn summary(notes: &FirstContactNotes) -> ReferralSummary<'static> {
        referral_summary(procedure().unwrap(), flag_vocabulary().unwrap(), notes)
    }

    #[test]
    fn the_flow_covers_safety_needs_red_flags_who_to_call_and_what_to_tell() {
        let sections: Vec<&str> =
            procedure().unwrap().volunteer.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            sections,
            ["safety", "urgent_needs", "red_flags", "who_to_call", "what_to_tell"]
        );
    }

    #[test]
    fn nothing_marked_leaves_everything_to_do_and_nothing_pressing() {
        let s = summary(&FirstContactNotes::default());
        assert!(s.done.is_empty());
        assert_eq!(s.not_done.first(), Some(&"first_contact.safety.immediate_danger"));
        assert_eq!(
            s.not_done.len(),
            procedure().unwrap().volunteer.iter().map(|v| v.items.len()).sum::<usize>()
        );
        assert!(s.priorities.is_empty());
        assert_eq!(s.accompaniment, AccompanimentStatus::NotYetKnown);
    }

    #[test]
    fn done_items_move_across_in_the_flows_order() {
        let mut notes = FirstContactNotes::default();
        notes.set_done("first_contact.information.no_detention", true);
        notes.set_done("first_contact.safety.immediate_danger", true);
        notes.set_done("first_contact.safety.urgent_needs", true);
        notes.set_done("first_contact.safety.urgent_needs", false);
        let s = summary(&notes);
        assert_eq!(
            s.done,
            ["first_contact.safety.immediate_danger", "first_contact.information.no_detention"]
        );
        assert!(s.not_done.contains(&"first_contact.safety.urgent_needs"));
        assert!(!s.not_done.contains(&"first_contact.safety.immediate_danger"));
    }

    #[test]
    fn a_red_flag_or_a_child_without_caregivers_makes_the_hand_over_pressing() {
        let mut notes = FirstContactNotes::default();
        notes.set_red_flag("trafficking", true);
        notes.set_red_flag("smuggling", true);
        notes.accompaniment = AccompanimentStatus::Separated;
        let s = summary(&notes);
        assert_eq!(s.priorities, [Priority::RedFlag, Priority::WithoutCaregiver]);
        // In the vocabulary's order, whatever order they were noticed in.
        let order: Vec<&str> = flag_vocabulary()
            .unwrap()
            .flags
            .iter()
            .map(|f| f.id.as_str())
            .filter(|id| *id == "smuggling" || *id == "trafficking")
            .collect();
        assert_eq!(s.red_flags, order);

        notes.red_flags.clear();
        notes.accompaniment = AccompanimentStatus::Accompanied;
        assert!(summary(&notes).priorities.is_empty());
        notes.accompaniment = AccompanimentStatus::Unaccompanied;
        assert_eq!(summary(&notes).priorities, [Priority::WithoutCaregiver]);
    }

    #[test]
    fn unknown_ids_never_reach_the_summary() {
        let mut notes = FirstContactNotes::default();
        notes.set_red_flag("not_a_flag", true);
        notes.set_done("not.an.item", true);
        let s = summary(&notes);
        assert!(s.red_flags.is_empty() && s.done.is_empty() && s.priorities.is_empty());
    }

    #[test]
    fn sensitive_flags_never_reach_what_is_read_aloud_but_still_press() {
        let vocabulary = flag_vocabulary().unwrap();
        for id in ["gbv", "lgbtiq_risk", "adolescent_parent", "abuse_by_carer"] {
            assert!(vocabulary.get(id).is_some_and(|f| f.sensitive), "{id} must be sensitive");
        }
        let mut notes = FirstContactNotes::default();
        notes.set_red_flag("lgbtiq_risk", true);
        notes.set_red_flag("gbv", true);
        notes.set_red_flag("adolescent_parent", true);
        notes.set_red_flag("trafficking", true);
        let s = summary(&notes);
        assert_eq!(s.red_flags, ["trafficking"]);
        assert_eq!(s.sensitive_flags.len(), 3);
        assert!(s.sensitive_flags.contains(&"lgbtiq_risk") && s.sensitive_flags.contains(&"gbv"));
        // Only sensitive flags noticed: nothing to read out, and the hand-over still presses.
        notes.set_red_flag("trafficking", false);
        let s = summary(&notes);
        assert!(s.red_flags.is_empty());
        assert_eq!(s.priorities, [Priority::RedFlag]);
    }
}
