//! What the workflow's signed records share: SHA-256 and a canonical JSON encoding, the
//! [`Verifier`] the shell implements with WebCrypto, and the team roster that says whose device
//! key signs with which role.
use super::role::Role;
use crate::sync::team_rules::Membership;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// SHA-256 of the concatenation of `parts`.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// Lower-case hex, as hashes are shown and stored.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// A JSON value's canonical text: object keys sorted by their UTF-8 bytes, no whitespace,
/// strings and numbers as `serde_json` writes them. The same value gives the same bytes on every
/// phone, whatever order its fields were built or received in.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_unstable();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// The bytes a record is signed over: a domain label, a newline, its canonical JSON.
pub fn signing_bytes(domain: &str, body: &impl Serialize) -> Vec<u8> {
    let value = serde_json::to_value(body).unwrap_or(Value::Null);
    let mut out = domain.as_bytes().to_vec();
    out.push(b'\n');
    out.extend(canonical_json(&value).into_bytes());
    out
}

/// Checks a device's signature. The app's implementation is WebCrypto (ECDSA P-256 with
/// SHA-256, raw 64-byte `r‖s` signatures, or Ed25519 where the device suite has it); native
/// tests use real P-256 signatures. WebCrypto answers asynchronously, so the shell can verify
/// first and pass a [`Checked`] set.
pub trait Verifier {
    /// Whether `signature` is the holder of `public_key`'s signature of `message`.
    fn verify(&self, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool;
}

/// Signatures the shell has already verified (with WebCrypto, asynchronously): a verifier that
/// answers yes only for exactly those (key, message, signature) triples.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checked(BTreeSet<[u8; 32]>);

impl Checked {
    fn digest(public_key: &[u8], message: &[u8], signature: &[u8]) -> [u8; 32] {
        let len = |b: &[u8]| (b.len() as u64).to_be_bytes();
        sha256(&[&len(public_key), public_key, &len(message), message, &len(signature), signature])
    }

    /// Records that the shell verified this triple.
    pub fn insert(&mut self, public_key: &[u8], message: &[u8], signature: &[u8]) {
        self.0.insert(Self::digest(public_key, message, signature));
    }
}

impl Verifier for Checked {
    fn verify(&self, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
        self.0.contains(&Self::digest(public_key, message, signature))
    }
}

/// One device as the workflow rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RosterEntry {
    pub role: Role,
    /// The device's raw public signing key (the one its fingerprint was compared against).
    pub sign_key: Vec<u8>,
    /// Removed from the team: its signatures are no longer trusted.
    pub removed: bool,
}

/// The team's devices and roles, from the coordinator-signed membership list the phone trusts
/// (`sync::team_rules::Membership::check`) and the public keys it holds for them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roster(BTreeMap<String, RosterEntry>);

/// Why a signature is not trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureProblem {
    /// The signing device is not in the team's membership (or the phone has no key for it).
    UnknownSigner,
    /// The device was removed from the team: a removed (perhaps lost) phone could sign anything
    /// with any date, so none of its signatures is trusted.
    SignerRemoved,
    /// The signature does not match: the record was changed, or signed by another key.
    BadSignature,
}

impl SignatureProblem {
    /// Stable id for the screens (`workflow.signature.<id>`).
    pub fn id(self) -> &'static str {
        match self {
            SignatureProblem::UnknownSigner => "unknown_signer",
            SignatureProblem::SignerRemoved => "signer_removed",
            SignatureProblem::BadSignature => "bad_signature",
        }
    }
}

impl Roster {
    /// The roster of a trusted membership list; `sign_key_of` gives each device's public
    /// signing key (devices without one are left out: their signatures are unknown).
    pub fn from_membership(
        membership: &Membership,
        sign_key_of: impl Fn(&str) -> Option<Vec<u8>>,
    ) -> Roster {
        let mut roster = Roster::default();
        for m in &membership.members {
            if let Some(key) = sign_key_of(&m.device) {
                roster.insert(&m.device, m.role, key, m.removed_from_epoch.is_some());
            }
        }
        roster
    }

    pub fn insert(&mut self, device: &str, role: Role, sign_key: Vec<u8>, removed: bool) {
        self.0.insert(device.to_owned(), RosterEntry { role, sign_key, removed });
    }

    /// The role of an active device.
    pub fn role(&self, device: &str) -> Option<Role> {
        self.0.get(device).filter(|e| !e.removed).map(|e| e.role)
    }

    /// Checks that `device` signed `message`; on success, the device's role.
    pub fn check(
        &self,
        verifier: &dyn Verifier,
        device: &str,
        message: &[u8],
        signature: &[u8],
    ) -> Result<Role, SignatureProblem> {
        let entry = self.0.get(device).ok_or(SignatureProblem::UnknownSigner)?;
        if entry.removed {
            return Err(SignatureProblem::SignerRemoved);
        }
        if verifier.verify(&entry.sign_key, message, signature) {
            Ok(entry.role)
        } else {
            Err(SignatureProblem::BadSignature)
        }
    }
}

/// A 32-byte SHA-256, stored and shown as hex.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Hash32(pub [u8; 32]);

impl Hash32 {
    pub fn hex(&self) -> String {
        hex(&self.0)
    }
}

impl Serialize for Hash32 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

impl<'de> Deserialize<'de> for Hash32 {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Hash32, D::Error> {
        let text = String::deserialize(d)?;
        let bad = || serde::de::Error::custom("not a 64-digit hex hash");
        if text.len() != 64 {
            return Err(bad());
        }
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(text.get(2 * i..2 * i + 2).ok_or_else(bad)?, 16)
                .map_err(|_| bad())?;
        }
        Ok(Hash32(out))
    }
}

/// Test support: real ECDSA P-256 keys and signatures (the `p256` dev-dependency), as WebCrypto
/// makes them: raw SEC1 public keys and 64-byte `r‖s` signatures.
#[cfg(test)]
pub(crate) mod test_keys {
    use super::*;
    use p256::ecdsa::signature::{Signer as _, Verifier as _};
    use p256::ecdsa::{Signature, SigningKey, VerifyingKey};

    pub struct P256;

    impl Verifier for P256 {
        fn verify(&self, public_key: &[u8], message: &[u8], signature: &[u8]) -> bool {
            let (Ok(key), Ok(sig)) =
                (VerifyingKey::from_sec1_bytes(public_key), Signature::from_slice(signature))
            else {
                return false;
            };
            key.verify(message, &sig).is_ok()
        }
    }

    /// A device's signing key from a fixed seed (deterministic RFC 6979 signatures).
    pub struct Device {
        pub id: String,
        key: SigningKey,
    }

    impl Device {
        pub fn new(id: &str, seed: u8) -> Device {
            let mut bytes = [seed; 32];
            bytes[0] = 1;
            let key = SigningKey::from_bytes(&bytes.into()).expect("a valid scalar");
            Device { id: id.to_owned(), key }
        }

        pub fn public(&self) -> Vec<u8> {
            self.key.verifying_key().to_encoded_point(false).as_bytes().to_vec()
        }

        pub fn sign(&self, message: &[u8]) -> Vec<u8> {
            let sig: Signature = self.key.sign(message);
            sig.to_bytes().to_vec()
        }
    }

    /// A roster of `devices` with their roles.
    pub fn roster(devices: &[(&Device, Role)]) -> Roster {
        let mut r = Roster::default();
        for (d, role) in devices {
            r.insert(&d.id, *role, d.public(), false);
        }
        r
    }
}

#[cfg(test)]
mod tests {
    use super::test_keys::{roster, Device, P256};
    use super::*;
    use crate::sync::team_rules::MemberEntry;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth() {
        let a: Value =
            serde_json::from_str(r#"{"b":1,"a":{"y":[{"d":1,"c":"é"}],"x":null}}"#).unwrap();
        assert_eq!(canonical_json(&a), r#"{"a":{"x":null,"y":[{"c":"é","d":1}]},"b":1}"#);
        let b: Value =
            serde_json::from_str(r#"{"a":{"x":null,"y":[{"c":"é","d":1}]},"b":1}"#).unwrap();
        assert_eq!(canonical_json(&a), canonical_json(&b));
    }

    #[test]
    fn sha256_matches_the_standard_test_vector() {
        assert_eq!(
            hex(&sha256(&[b"a", b"bc"])),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let h = Hash32(sha256(&[b"abc"]));
        let json = serde_json::to_string(&h).unwrap();
        assert_eq!(serde_json::from_str::<Hash32>(&json).unwrap(), h);
        assert!(serde_json::from_str::<Hash32>("\"abc\"").is_err());
    }

    #[test]
    fn a_roster_trusts_an_active_members_real_signature_only() {
        let sup = Device::new("d-sup", 7);
        let other = Device::new("d-other", 9);
        let mut r = roster(&[(&sup, Role::Supervisor)]);
        let sig = sup.sign(b"hello");
        assert_eq!(r.check(&P256, "d-sup", b"hello", &sig), Ok(Role::Supervisor));
        assert_eq!(r.check(&P256, "d-sup", b"hellO", &sig), Err(SignatureProblem::BadSignature));
        assert_eq!(
            r.check(&P256, "d-sup", b"hello", &other.sign(b"hello")),
            Err(SignatureProblem::BadSignature)
        );
        assert_eq!(r.check(&P256, "d-other", b"hello", &sig), Err(SignatureProblem::UnknownSigner));
        r.insert("d-sup", Role::Supervisor, sup.public(), true);
        assert_eq!(r.check(&P256, "d-sup", b"hello", &sig), Err(SignatureProblem::SignerRemoved));
        assert_eq!(r.role("d-sup"), None);
    }

    #[test]
    fn a_checked_set_answers_only_for_the_triples_the_shell_verified() {
        let mut c = Checked::default();
        c.insert(b"key", b"message", b"sig");
        assert!(c.verify(b"key", b"message", b"sig"));
        assert!(!c.verify(b"key", b"messag", b"esig"), "lengths are part of the digest");
        assert!(!c.verify(b"key", b"message", b"sih"));
    }

    #[test]
    fn the_roster_follows_the_membership_roles_and_removals() {
        let entry = |device: &str, role, removed| MemberEntry {
            device: device.into(),
            fingerprint: "K7Q2-9XMD-4T0B-WZ3E".into(),
            account: format!("acct-{device}"),
            role,
            removed_from_epoch: removed,
        };
        let membership = Membership {
            team: "senda-t-1".into(),
            epoch: 2,
            seq: 3,
            members: vec![
                entry("d-a", Role::Coordinator, None),
                entry("d-b", Role::Caseworker, Some(2)),
                entry("d-c", Role::Supervisor, None),
            ],
        };
        let r = Roster::from_membership(&membership, |d| (d != "d-c").then(|| vec![1, 2]));
        assert_eq!(r.role("d-a"), Some(Role::Coordinator));
        assert_eq!(r.role("d-b"), None, "removed");
        assert_eq!(r.role("d-c"), None, "no key known");
    }
}
