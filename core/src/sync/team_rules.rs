//! A team's pure rules: its database's opaque name, the join payload a coordinator's phone shows
//! (QR text, or the short code read out beside the server's address), what each phone derives
//! from the invite's one-time secret (never sent to the server), and the membership list a
//! coordinator signs, with the checks every phone makes before trusting a new one.

use super::keys::{
    parse_invite_code, DeviceId, Invite, KeyError, Member, Rotation, Team, INVITE_SECRET_LEN,
};
use crate::workflow::role::Role;
use serde::{Deserialize, Serialize};

/// A team database's name: opaque, the same shape for every team.
pub fn team_db_name(random: [u8; 12]) -> String {
    format!("senda-t-{}", hex(&random))
}

pub fn is_team_db_name(name: &str) -> bool {
    name.strip_prefix("senda-t-").is_some_and(|h| {
        h.len() == 24 && h.bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a new phone needs to join: where the team is, and the invite's secret and expiry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinPayload {
    pub server: String,
    pub db: String,
    pub invite: Invite,
}

const JOIN_PREFIX: &str = "SENDA-JOIN:1:";

impl JoinPayload {
    /// The text a QR code shows and a person can paste: `SENDA-JOIN:1:<db>:<code>:<expiry>:<server>`
    /// (the server last: its address has colons of its own).
    pub fn to_text(&self) -> String {
        let code = self.invite.short_code().replace('-', "");
        format!("{JOIN_PREFIX}{}:{code}:{}:{}", self.db, self.invite.expires_at, self.server)
    }

    /// Reads a pasted or scanned payload; an expired invite is refused at once.
    pub fn parse(text: &str, now: i64) -> Result<JoinPayload, KeyError> {
        let rest = text.trim().strip_prefix(JOIN_PREFIX).ok_or(KeyError::CodeUnreadable)?;
        let mut parts = rest.splitn(4, ':');
        let (Some(db), Some(code), Some(expiry), Some(server)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(KeyError::CodeUnreadable);
        };
        if !is_team_db_name(db)
            || !(server.starts_with("https://") || server.starts_with("http://"))
        {
            return Err(KeyError::CodeUnreadable);
        }
        let expires_at: i64 = expiry.parse().map_err(|_| KeyError::CodeUnreadable)?;
        let secret = parse_invite_code(code)?;
        if now >= expires_at {
            return Err(KeyError::InviteExpired);
        }
        Ok(JoinPayload {
            server: server.to_owned(),
            db: db.to_owned(),
            invite: Invite { secret, expires_at },
        })
    }
}

/// The purposes the invite secret is stretched for (HMAC-SHA-256 with the secret as key, in the
/// shell): each output is independent, so the password the server learns reveals neither the
/// key that seals the team key nor the secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InviteUse {
    /// The new phone's server account's name.
    Account,
    /// Its password (the server learns this one, as it must).
    Password,
    /// The id of the entry that carries the team key to the new phone.
    Offer,
    /// The AES-GCM key that seals that entry.
    Key,
    /// The id of the entry the new phone answers with (its device's public keys).
    Request,
}

impl InviteUse {
    pub fn label(self) -> &'static [u8] {
        match self {
            InviteUse::Account => b"senda-invite-account-v1",
            InviteUse::Password => b"senda-invite-password-v1",
            InviteUse::Offer => b"senda-invite-offer-v1",
            InviteUse::Key => b"senda-invite-key-v1",
            InviteUse::Request => b"senda-invite-request-v1",
        }
    }
}

/// The invited phone's account name, from the secret's `Account` output.
pub fn invite_account(derived: &[u8]) -> String {
    format!("j-{}", hex(&derived[..derived.len().min(10)]))
}

/// The key id of an invite's sealed entry (never a team or case key's).
pub const OFFER_KID: &str = "i-1";
/// The key id of the new phone's answer to an invite (sealed under the same invite key).
pub const REQUEST_KID: &str = "i-2";

/// What the printed recovery code is stretched into (HMAC-SHA-256 with the code's secret as key):
/// the seed of its entries' ids, and the key that seals them.
pub const RECOVERY_ID_LABEL: &[u8] = b"senda-recovery-id-v1";
pub const RECOVERY_KEY_LABEL: &[u8] = b"senda-recovery-key-v1";

/// The key id of the recovery entry of team key epoch `epoch` (one entry per epoch: append-only).
pub fn recovery_kid(epoch: u32) -> String {
    format!("r-{epoch}")
}

/// The key id of a membership list sealed under the team key of `epoch` (never a case key's,
/// and not the team key's own id, so the case rules never take a list for a case key entry).
pub fn list_kid(epoch: u32) -> String {
    format!("l-{epoch}")
}

/// Whether an invite secret has the right length (for the shell's byte arrays).
pub fn secret_len_ok(bytes: &[u8]) -> bool {
    bytes.len() == INVITE_SECRET_LEN
}

/// One device in the signed membership list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberEntry {
    pub device: String,
    pub fingerprint: String,
    pub account: String,
    /// What the member does; a coordinator's signature sets it (issue #18 reads it).
    pub role: Role,
    /// The first epoch the device was not given.
    pub removed_from_epoch: Option<u32>,
}

/// Who is in the team, as a coordinator signed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub team: String,
    pub epoch: u32,
    /// Grows with every new list: an old list replayed by the server is refused.
    pub seq: u64,
    pub members: Vec<MemberEntry>,
}

/// Why a membership list is not trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MembershipError {
    NoCoordinator,
    DuplicateDevice,
    /// The signer is not an active coordinator of the list it replaces (or of the first list).
    NotACoordinator,
    OtherTeam,
    /// Not newer than the list this phone has: replayed or out of order.
    Stale,
    /// A removed device is back, or a removal did not start a new epoch.
    RemovalUndone,
    /// A device left the list without being marked removed (its removal must rotate the key).
    MemberDropped,
    BadEpoch,
    /// The signer's public keys are not the ones its fingerprint in the trusted list names.
    SignerKey,
    /// The device is not an active member of the list.
    NotActive,
}

impl MembershipError {
    pub fn message_key(self) -> &'static str {
        "sync.error.membership"
    }
}

impl Membership {
    /// The first list: the coordinator's device alone, epoch 1.
    pub fn first(team: &str, coordinator: MemberEntry) -> Membership {
        Membership { team: team.to_owned(), epoch: 1, seq: 1, members: vec![coordinator] }
    }

    /// The bytes a coordinator signs (and every phone verifies) with its device key.
    pub fn signing_bytes(&self) -> Vec<u8> {
        let mut out = b"senda-membership-v1\n".to_vec();
        // Struct fields serialise in declaration order: the same bytes on every phone.
        out.extend(serde_json::to_vec(self).unwrap_or_default());
        out
    }

    /// The entry of `device`, removed or not.
    pub fn entry(&self, device: &str) -> Option<&MemberEntry> {
        self.members.iter().find(|m| m.device == device)
    }

    /// The devices that hold the current epoch's team key.
    pub fn active(&self) -> impl Iterator<Item = &MemberEntry> {
        self.members.iter().filter(|m| m.removed_from_epoch.is_none())
    }

    /// The next list with a joining device added (same epoch, next sequence number).
    pub fn adding(&self, entry: MemberEntry) -> Result<Membership, MembershipError> {
        if self.entry(&entry.device).is_some() {
            return Err(MembershipError::DuplicateDevice);
        }
        let mut next = self.clone();
        next.seq += 1;
        next.members.push(MemberEntry { removed_from_epoch: None, ..entry });
        Ok(next)
    }

    /// The next list with `device`'s role changed (same epoch, next sequence number): a member
    /// who no longer supervises, say. Every phone reads roles from the newest list it trusts, so
    /// what the device signs in its old role no longer counts once a phone has this list.
    /// Refused for a device not active in the list, and when no active coordinator would remain.
    pub fn changing_role(&self, device: &str, role: Role) -> Result<Membership, MembershipError> {
        let mut next = self.clone();
        let entry = next
            .members
            .iter_mut()
            .find(|m| m.device == device && m.removed_from_epoch.is_none())
            .ok_or(MembershipError::NotActive)?;
        entry.role = role;
        if !next.members.iter().any(|m| m.role.manages_team() && m.removed_from_epoch.is_none()) {
            return Err(MembershipError::NoCoordinator);
        }
        next.seq += 1;
        Ok(next)
    }

    /// The next list with `device` removed: a new epoch (the key rules of [`Team::remove`]), and
    /// whom the new team key must be wrapped for.
    pub fn removing(&self, device: &str) -> Result<(Membership, Rotation), KeyError> {
        let mut team = self.key_team();
        let rotation = team.remove(&DeviceId(device.to_owned()))?;
        let mut next = self.clone();
        next.seq += 1;
        next.epoch = rotation.new_epoch;
        for m in &mut next.members {
            if m.device == device {
                m.removed_from_epoch = Some(rotation.new_epoch);
            }
        }
        Ok((next, rotation))
    }

    /// The list as the key rules see it.
    pub fn key_team(&self) -> Team {
        let members = self
            .members
            .iter()
            .map(|m| {
                let member = Member {
                    fingerprint: m.fingerprint.clone(),
                    coordinator: m.role.manages_team(),
                    joined_epoch: 1,
                    removed_from_epoch: m.removed_from_epoch,
                };
                (DeviceId(m.device.clone()), member)
            })
            .collect();
        Team { epoch: self.epoch, members }
    }

    fn active_coordinator(&self, device: &str) -> bool {
        self.members
            .iter()
            .any(|m| m.device == device && m.role.manages_team() && m.removed_from_epoch.is_none())
    }

    /// Whether this list, signed by `signer`, may replace `previous` (`None`: the first list).
    pub fn check(
        &self,
        previous: Option<&Membership>,
        signer: &str,
    ) -> Result<(), MembershipError> {
        let mut devices: Vec<&str> = self.members.iter().map(|m| m.device.as_str()).collect();
        devices.sort_unstable();
        if devices.windows(2).any(|w| w[0] == w[1]) {
            return Err(MembershipError::DuplicateDevice);
        }
        if !self.members.iter().any(|m| m.role.manages_team() && m.removed_from_epoch.is_none()) {
            return Err(MembershipError::NoCoordinator);
        }
        if self
            .members
            .iter()
            .any(|m| m.removed_from_epoch.is_some_and(|e| e > self.epoch || e < 2))
        {
            return Err(MembershipError::BadEpoch);
        }
        let Some(prev) = previous else {
            return if self.active_coordinator(signer) {
                Ok(())
            } else {
                Err(MembershipError::NotACoordinator)
            };
        };
        if self.team != prev.team {
            return Err(MembershipError::OtherTeam);
        }
        if self.seq <= prev.seq || self.epoch < prev.epoch {
            return Err(MembershipError::Stale);
        }
        if !prev.active_coordinator(signer) {
            return Err(MembershipError::NotACoordinator);
        }
        for old in &prev.members {
            let now = self.members.iter().find(|m| m.device == old.device);
            match (old.removed_from_epoch, now) {
                (Some(_), Some(n)) if n.removed_from_epoch != old.removed_from_epoch => {
                    return Err(MembershipError::RemovalUndone)
                }
                (Some(_), None) => return Err(MembershipError::RemovalUndone),
                (None, None) => return Err(MembershipError::MemberDropped),
                (None, Some(n)) if n.removed_from_epoch.is_some() && self.epoch <= prev.epoch => {
                    return Err(MembershipError::RemovalUndone)
                }
                _ => {}
            }
        }
        Ok(())
    }
}

/// The bytes a coordinator signs for a list and what travels with it (the new epoch's team key
/// wrapped for each device): length-prefixed, so no two inputs give the same bytes.
pub fn signed_message(list: &Membership, attachment: &[u8]) -> Vec<u8> {
    let body = list.signing_bytes();
    let mut out = (body.len() as u32).to_be_bytes().to_vec();
    out.extend(body);
    out.extend((attachment.len() as u32).to_be_bytes());
    out.extend_from_slice(attachment);
    out
}

/// Whether this phone trusts `next`, signed by `signer` whose presented public keys have the
/// fingerprint `signer_fingerprint` (computed here, never read from the list). Against the list it
/// holds, the signer must be an active coordinator there with that very fingerprint; with no list
/// yet (a phone that just joined), the signer must be the coordinator whose fingerprint the
/// invitation carried (`anchor`), listed in `next` with it.
pub fn trust(
    next: &Membership,
    held: Option<&Membership>,
    anchor: Option<&str>,
    signer: &str,
    signer_fingerprint: &str,
) -> Result<(), MembershipError> {
    next.check(held, signer)?;
    let expected = match held {
        Some(list) => list.entry(signer).map(|m| m.fingerprint.as_str()),
        None => {
            let listed = next.entry(signer).map(|m| m.fingerprint.as_str());
            match anchor {
                Some(a) if listed == Some(a) => Some(a),
                _ => None,
            }
        }
    };
    if expected == Some(signer_fingerprint) {
        Ok(())
    } else {
        Err(MembershipError::SignerKey)
    }
}

#[cfg(test)]
#[path = "team_rules_tests.rs"]
mod tests;
