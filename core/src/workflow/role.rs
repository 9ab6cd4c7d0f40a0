//! A team member's role, carried in the coordinator-signed membership list, and what it allows.
use serde::{Deserialize, Serialize};

/// What a member does in the team. Set by a coordinator; part of the signed membership.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Runs the team: invites and removes devices, sets roles, sees team monitoring.
    Coordinator,
    /// Reviews assessments and decisions and signs approvals; also holds cases.
    Supervisor,
    /// Holds and works on cases.
    Caseworker,
    /// First contact only: sees no case.
    Volunteer,
}

impl Role {
    pub const ALL: [Role; 4] =
        [Role::Coordinator, Role::Supervisor, Role::Caseworker, Role::Volunteer];

    /// The stable id used in data and string keys (`team.role.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Supervisor => "supervisor",
            Role::Caseworker => "caseworker",
            Role::Volunteer => "volunteer",
        }
    }

    /// Whether a member with this role may manage the team (membership, roles, devices).
    pub fn manages_team(self) -> bool {
        self == Role::Coordinator
    }

    /// Whether a member with this role receives and reads the team's cases.
    pub fn sees_cases(self) -> bool {
        self != Role::Volunteer
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_have_stable_ids_and_only_a_volunteer_sees_no_case() {
        let ids: Vec<&str> = Role::ALL.iter().map(|r| r.id()).collect();
        assert_eq!(ids, ["coordinator", "supervisor", "caseworker", "volunteer"]);
        for r in Role::ALL {
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.id()));
            assert_eq!(r.sees_cases(), r != Role::Volunteer);
            assert_eq!(r.manages_team(), r == Role::Coordinator);
        }
    }
}
