//! The team's key rules (the cryptography itself is WebCrypto in the shell): a key pair per
//! device, a team key per epoch wrapped for each member device and for the printed recovery code,
//! a key per case wrapped under the team key; a member's removal starts a new epoch and each case
//! gets a fresh key at its next write. Joining is in person, with a one-time invite secret shown
//! as a QR payload or a short code to read out, which never reaches the server.

use super::b32::{self, CodeError};
use std::collections::BTreeMap;

/// Bytes of an invite's one-time secret (80 bits: 16 symbols to read out, plus a check symbol).
pub const INVITE_SECRET_LEN: usize = 10;
/// How long an invite can be used.
pub const INVITE_TTL_SECS: i64 = 15 * 60;
/// Bytes of the printed team recovery code (160 bits: 32 symbols, plus a check symbol).
pub const RECOVERY_SECRET_LEN: usize = 20;
/// Bytes of the public key's SHA-256 shown as a fingerprint (16 symbols).
const FINGERPRINT_BYTES: usize = 10;

/// Why a key rule refuses. Each has a message for a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyError {
    InviteExpired,
    InviteUsed,
    /// The code or QR does not belong to this invite.
    InviteWrong,
    /// Not a code at all (a foreign character, or the wrong length).
    CodeUnreadable,
    /// The check symbol does not match: a symbol was misread.
    CodeMistyped,
    UnknownDevice,
    DeviceRemoved,
    /// The team's only coordinator cannot be removed.
    LastCoordinator,
    /// A case key from an epoch this phone does not know: pull the team's keys first.
    KeysOutOfDate,
}

impl KeyError {
    pub fn message_key(self) -> &'static str {
        match self {
            KeyError::InviteExpired => "sync.error.invite_expired",
            KeyError::InviteUsed => "sync.error.invite_used",
            KeyError::InviteWrong => "sync.error.invite_wrong",
            KeyError::CodeUnreadable => "sync.error.code_unreadable",
            KeyError::CodeMistyped => "sync.error.code_mistyped",
            KeyError::UnknownDevice | KeyError::DeviceRemoved => "sync.error.unknown_device",
            KeyError::LastCoordinator => "sync.error.last_coordinator",
            KeyError::KeysOutOfDate => "sync.error.keys_out_of_date",
        }
    }
}

impl From<CodeError> for KeyError {
    fn from(e: CodeError) -> KeyError {
        match e {
            CodeError::BadCheck => KeyError::CodeMistyped,
            CodeError::BadCharacter | CodeError::WrongLength => KeyError::CodeUnreadable,
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A device's id in the team: random, not derived from anything about the phone.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DeviceId(pub String);

impl DeviceId {
    pub fn new(random: [u8; 16]) -> DeviceId {
        DeviceId(format!("d-{}", hex(&random)))
    }
}

/// A device's fingerprint as people compare it: the first 80 bits of the SHA-256 of its public
/// key (computed by WebCrypto), as four groups of four symbols, e.g. `7XQ2-M9KD-4HPW-0RTA`.
pub fn fingerprint(public_key_sha256: &[u8; 32]) -> String {
    b32::grouped(&b32::encode(&public_key_sha256[..FINGERPRINT_BYTES]), 4)
}

/// The team key's id for an epoch, as an envelope's `kid`.
pub fn team_kid(epoch: u32) -> String {
    format!("t-{epoch}")
}

/// One member device.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub fingerprint: String,
    pub coordinator: bool,
    pub joined_epoch: u32,
    /// The first epoch the device was not given (it keeps what it synced before).
    pub removed_from_epoch: Option<u32>,
}

/// Whom the new epoch's team key must be wrapped for, and whose server account to disable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rotation {
    pub new_epoch: u32,
    pub wrap_for: Vec<DeviceId>,
    /// The recovery code's wrapping is renewed too.
    pub wrap_for_recovery: bool,
    pub disable_account_of: DeviceId,
}

/// The team's membership and key epoch, as the coordinator's phone keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Team {
    pub epoch: u32,
    pub members: BTreeMap<DeviceId, Member>,
}

impl Team {
    /// A new team: the coordinator's device, epoch 1.
    pub fn create(coordinator: DeviceId, fingerprint: String) -> Team {
        let member =
            Member { fingerprint, coordinator: true, joined_epoch: 1, removed_from_epoch: None };
        Team { epoch: 1, members: BTreeMap::from([(coordinator, member)]) }
    }

    /// Devices that hold the current epoch's key.
    pub fn active(&self) -> Vec<DeviceId> {
        self.members
            .iter()
            .filter(|(_, m)| m.removed_from_epoch.is_none())
            .map(|(d, _)| d.clone())
            .collect()
    }

    /// Adds a device that joined with a valid invite; the current team key is wrapped for it.
    pub fn add(&mut self, device: DeviceId, fingerprint: String) -> Result<u32, KeyError> {
        if self.members.get(&device).is_some_and(|m| m.removed_from_epoch.is_some()) {
            return Err(KeyError::DeviceRemoved);
        }
        let member = Member {
            fingerprint,
            coordinator: false,
            joined_epoch: self.epoch,
            removed_from_epoch: None,
        };
        self.members.insert(device, member);
        Ok(self.epoch)
    }

    /// Removes a device: a new epoch, its key wrapped for everyone else.
    pub fn remove(&mut self, device: &DeviceId) -> Result<Rotation, KeyError> {
        let member = self.members.get(device).ok_or(KeyError::UnknownDevice)?;
        if member.removed_from_epoch.is_some() {
            return Err(KeyError::DeviceRemoved);
        }
        let other_coordinators = self
            .members
            .iter()
            .filter(|(d, m)| *d != device && m.coordinator && m.removed_from_epoch.is_none())
            .count();
        if member.coordinator && other_coordinators == 0 {
            return Err(KeyError::LastCoordinator);
        }
        let new_epoch = self.epoch + 1;
        if let Some(m) = self.members.get_mut(device) {
            m.removed_from_epoch = Some(new_epoch);
        }
        self.epoch = new_epoch;
        Ok(Rotation {
            new_epoch,
            wrap_for: self.active(),
            wrap_for_recovery: true,
            disable_account_of: device.clone(),
        })
    }
}

/// A case's key: its id (the envelopes' `kid`) and the team epoch it is wrapped under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseKey {
    pub kid: String,
    pub epoch: u32,
}

/// Which key a write of a case uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteKey {
    Reuse(CaseKey),
    /// Generate a fresh case key, wrap it under this epoch's team key, re-encrypt the case.
    Fresh(CaseKey),
}

/// The key rule for a write: a new case, or a case whose key predates the current epoch (a
/// member left since), gets a fresh key; otherwise the case key is reused.
pub fn key_for_write(
    current: Option<&CaseKey>,
    team_epoch: u32,
    random: [u8; 16],
) -> Result<WriteKey, KeyError> {
    match current {
        Some(key) if key.epoch > team_epoch => Err(KeyError::KeysOutOfDate),
        Some(key) if key.epoch == team_epoch => Ok(WriteKey::Reuse(key.clone())),
        _ => Ok(WriteKey::Fresh(CaseKey { kid: format!("c-{}", hex(&random)), epoch: team_epoch })),
    }
}

/// An invite in person: a one-time secret and its expiry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invite {
    pub secret: [u8; INVITE_SECRET_LEN],
    pub expires_at: i64,
}

impl Invite {
    pub fn new(random: [u8; INVITE_SECRET_LEN], now: i64) -> Invite {
        Invite { secret: random, expires_at: now + INVITE_TTL_SECS }
    }

    /// The code to read out: 16 symbols and a check symbol, `XXXX-XXXX-XXXX-XXXX-C`.
    pub fn short_code(&self) -> String {
        format!(
            "{}-{}",
            b32::grouped(&b32::encode(&self.secret), 4),
            b32::check_symbol(&self.secret)
        )
    }

    /// What the QR code shows: the code and the expiry, so the new phone can tell an old invite.
    pub fn qr_payload(&self) -> String {
        format!("SENDA-INVITE:1:{}:{}", self.short_code().replace('-', ""), self.expires_at)
    }

    /// The coordinator's phone checks what the new phone presents (the secret it proved it
    /// knows); an invite works once, before its expiry.
    pub fn accept(
        &self,
        presented: &[u8; INVITE_SECRET_LEN],
        now: i64,
        already_used: bool,
    ) -> Result<(), KeyError> {
        let differs = self.secret.iter().zip(presented).fold(0u8, |acc, (a, b)| acc | (a ^ b));
        if differs != 0 {
            Err(KeyError::InviteWrong)
        } else if already_used {
            Err(KeyError::InviteUsed)
        } else if now >= self.expires_at {
            Err(KeyError::InviteExpired)
        } else {
            Ok(())
        }
    }
}

/// Reads a code typed or read out (case, separators and look-alike letters forgiven).
pub fn parse_invite_code(text: &str) -> Result<[u8; INVITE_SECRET_LEN], KeyError> {
    parse_checked(text)
}

/// Reads a scanned QR payload; an expired invite is refused at once.
pub fn parse_invite_qr(payload: &str, now: i64) -> Result<Invite, KeyError> {
    let mut parts = payload.split(':');
    let (Some("SENDA-INVITE"), Some("1"), Some(code), Some(expiry), None) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(KeyError::CodeUnreadable);
    };
    let expires_at: i64 = expiry.parse().map_err(|_| KeyError::CodeUnreadable)?;
    let secret = parse_checked(code)?;
    if now >= expires_at {
        return Err(KeyError::InviteExpired);
    }
    Ok(Invite { secret, expires_at })
}

/// The printed team recovery code: 32 symbols in groups of four, and a check symbol.
pub fn recovery_code(secret: &[u8; RECOVERY_SECRET_LEN]) -> String {
    format!("{}-{}", b32::grouped(&b32::encode(secret), 4), b32::check_symbol(secret))
}

pub fn parse_recovery_code(text: &str) -> Result<[u8; RECOVERY_SECRET_LEN], KeyError> {
    parse_checked(text)
}

fn parse_checked<const N: usize>(text: &str) -> Result<[u8; N], KeyError> {
    let trimmed = text.trim();
    let (body, check) = match trimmed.char_indices().last() {
        Some((i, c)) => (&trimmed[..i], c.to_ascii_uppercase()),
        None => return Err(KeyError::CodeUnreadable),
    };
    let symbols = b32::normalise(body)?;
    let bytes = b32::decode_symbols(&symbols, N)?;
    let check = match check {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    if b32::check_symbol(&bytes) != check {
        return Err(KeyError::CodeMistyped);
    }
    bytes.try_into().map_err(|_| KeyError::CodeUnreadable)
}

/// The bytes the new phone authenticates with the invite secret (HMAC in WebCrypto) when it
/// sends its public key through the server: the server cannot substitute a key of its own.
pub fn join_request_message(device: &DeviceId, public_key: &[u8]) -> Vec<u8> {
    transcript(b"senda-join-request-v1", &[device.0.as_bytes(), public_key])
}

/// The bytes the coordinator authenticates with the same secret when it answers with the team
/// key wrapped for the new device: the new phone knows the key came from the coordinator.
pub fn join_reply_message(
    epoch: u32,
    coordinator_public_key: &[u8],
    wrapped_team_key: &[u8],
) -> Vec<u8> {
    transcript(
        b"senda-join-reply-v1",
        &[&epoch.to_be_bytes(), coordinator_public_key, wrapped_team_key],
    )
}

/// Length-prefixed fields after a label: no two different inputs give the same bytes.
fn transcript(label: &[u8], fields: &[&[u8]]) -> Vec<u8> {
    let mut out = label.to_vec();
    for field in fields {
        out.extend_from_slice(&(field.len() as u32).to_be_bytes());
        out.extend_from_slice(field);
    }
    out
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
