//! What each role may do in a team: the actions of the team workflows and the rule table.
use super::role::Role;
use serde::{Deserialize, Serialize};

/// Something a member does in a team workflow. Screens a role may not use are not shown, and the
/// rules that can be enforced (a signature, a handover's sender) check [`Role::may`] too.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// See the team's cases (the case list, "my cases", the shift view).
    OpenCaseList,
    /// Change a case the member can see.
    EditCase,
    /// Offer a case one holds to a teammate, with a handover note.
    HandOver,
    /// Accept (or decline) a case offered to oneself.
    ConfirmHandover,
    /// Ask a supervisor to review a BIA, a BID report, a case plan or a closure.
    RequestReview,
    /// Approve a document under review, or return it with a comment (signed).
    DecideReview,
    /// Record one's confidentiality undertaking and vote as a member of a BID panel.
    VoteOnBidPanel,
    /// Move a case to another organisation (its key leaves the team).
    TransferOut,
    /// Invite and remove devices, set roles.
    ManageTeam,
    /// The team's own monitoring figures (cases per worker, reviews waiting…).
    ViewTeamMonitoring,
    /// Record a first contact (identification, immediate safety) without seeing any case.
    FirstContact,
}

impl Action {
    pub const ALL: [Action; 11] = [
        Action::OpenCaseList,
        Action::EditCase,
        Action::HandOver,
        Action::ConfirmHandover,
        Action::RequestReview,
        Action::DecideReview,
        Action::VoteOnBidPanel,
        Action::TransferOut,
        Action::ManageTeam,
        Action::ViewTeamMonitoring,
        Action::FirstContact,
    ];

    /// The stable id used in data and string keys (`workflow.action.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Action::OpenCaseList => "open_case_list",
            Action::EditCase => "edit_case",
            Action::HandOver => "hand_over",
            Action::ConfirmHandover => "confirm_handover",
            Action::RequestReview => "request_review",
            Action::DecideReview => "decide_review",
            Action::VoteOnBidPanel => "vote_on_bid_panel",
            Action::TransferOut => "transfer_out",
            Action::ManageTeam => "manage_team",
            Action::ViewTeamMonitoring => "view_team_monitoring",
            Action::FirstContact => "first_contact",
        }
    }
}

impl Role {
    /// The rule table. Roles nest: a volunteer does first contact only and sees no case; a
    /// caseworker holds and works on cases; a supervisor also decides reviews and transfers
    /// cases out; a coordinator also runs the team and sees its monitoring. This is Senda's
    /// choice of how a team divides the work (the guide names who assesses and who decides,
    /// not which device may press which button); a team that needs another split changes it here.
    pub fn may(self, action: Action) -> bool {
        use Action::*;
        match self {
            Role::Volunteer => matches!(action, FirstContact),
            Role::Caseworker => matches!(
                action,
                OpenCaseList
                    | EditCase
                    | HandOver
                    | ConfirmHandover
                    | RequestReview
                    | VoteOnBidPanel
                    | FirstContact
            ),
            Role::Supervisor => !matches!(action, ManageTeam | ViewTeamMonitoring),
            Role::Coordinator => true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allowed(role: Role) -> Vec<&'static str> {
        Action::ALL.into_iter().filter(|a| role.may(*a)).map(Action::id).collect()
    }

    #[test]
    fn a_volunteer_does_first_contact_and_sees_no_case() {
        assert_eq!(allowed(Role::Volunteer), ["first_contact"]);
        assert!(!Role::Volunteer.may(Action::OpenCaseList));
    }

    #[test]
    fn a_caseworker_works_on_cases_but_cannot_decide_a_review_or_transfer_out() {
        assert_eq!(
            allowed(Role::Caseworker),
            [
                "open_case_list",
                "edit_case",
                "hand_over",
                "confirm_handover",
                "request_review",
                "vote_on_bid_panel",
                "first_contact"
            ]
        );
        assert!(!Role::Caseworker.may(Action::DecideReview));
        assert!(!Role::Caseworker.may(Action::TransferOut));
    }

    #[test]
    fn a_supervisor_decides_reviews_but_does_not_manage_the_team() {
        assert!(Role::Supervisor.may(Action::DecideReview));
        assert!(Role::Supervisor.may(Action::TransferOut));
        assert!(!Role::Supervisor.may(Action::ManageTeam));
        assert!(!Role::Supervisor.may(Action::ViewTeamMonitoring));
    }

    #[test]
    fn only_a_coordinator_manages_the_team_and_sees_its_monitoring() {
        assert_eq!(allowed(Role::Coordinator).len(), Action::ALL.len());
        for role in Role::ALL {
            assert_eq!(role.may(Action::ManageTeam), role == Role::Coordinator);
            assert_eq!(role.may(Action::ManageTeam), role.manages_team());
            assert_eq!(role.may(Action::ViewTeamMonitoring), role == Role::Coordinator);
            // The flag `role.rs` gives sync agrees with the table.
            assert_eq!(role.may(Action::OpenCaseList), role.sees_cases());
            assert!(role.may(Action::FirstContact));
        }
    }

    #[test]
    fn action_ids_are_stable_and_serialised_as_such() {
        let mut ids: Vec<&str> = Action::ALL.iter().map(|a| a.id()).collect();
        for a in Action::ALL {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.id()));
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Action::ALL.len());
    }
}
