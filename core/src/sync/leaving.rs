//! Before a phone leaves its team: which cases hold changes the team has not received, and
//! whether leaving must ask first (it never drops them silently).

use std::collections::BTreeSet;

/// What "leave the team" does first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BeforeLeaving {
    /// Everything this phone changed is on the server: one confirmation.
    Confirm,
    /// `cases` cases have changes not yet synced: say how many, offer to sync first.
    SyncFirst { cases: usize },
}

/// The cases with changes not on the server: edits or deletions not yet written to the team copy,
/// and revisions written to it but not yet pushed (their cases, once each).
pub fn unsynced_cases<'a>(
    not_written: impl IntoIterator<Item = &'a str>,
    not_pushed: impl IntoIterator<Item = &'a str>,
) -> BTreeSet<String> {
    not_written.into_iter().chain(not_pushed).map(str::to_owned).collect()
}

pub fn before_leaving(unsynced: &BTreeSet<String>) -> BeforeLeaving {
    match unsynced.len() {
        0 => BeforeLeaving::Confirm,
        cases => BeforeLeaving::SyncFirst { cases },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_changed_in_two_ways_counts_once_and_nothing_unsynced_only_confirms() {
        let set = unsynced_cases(["c1", "c2"], ["c2", "c3", "c1"]);
        assert_eq!(set.len(), 3);
        assert_eq!(before_leaving(&set), BeforeLeaving::SyncFirst { cases: 3 });
        assert_eq!(before_leaving(&unsynced_cases([], [])), BeforeLeaving::Confirm);
    }
}
