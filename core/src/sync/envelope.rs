//! The only documents the team database holds: encrypted envelopes `{_id, _rev, v, kid, iv, ct}`
//! with random ids, and a strict reader of what the server sends back.
//!
//! Append-only entries (notes, handovers, reviews, resolutions, audit) are told apart by their
//! **id prefix**, not a field: `e…` ids are events, `m…` ids are mutable section documents. An id
//! never changes across revisions, so the server's `validate_doc_update` can refuse any revision
//! of an `e…` document but the first (`1-…`) even when it is offered as a new branch with no
//! parent it knows; a marker field would have to be checked against an old document the server
//! may not be given. The server learns one bit per document (event or section), as it would from
//! a marker.

use super::b64;
use super::padding;
use super::revtree::{Rev, RevPath};
use serde_json::{json, Map, Value};

/// The envelope layout's version, the `v` field.
pub const ENVELOPE_VERSION: u64 = 1;
/// AES-GCM nonce length (96 bits).
pub const IV_LEN: usize = 12;
/// AES-GCM tag length (128 bits), part of `ct`.
pub const TAG_LEN: usize = 16;
/// Longest key id accepted.
pub const MAX_KID_LEN: usize = 64;
/// CouchDB's default `revs_limit`: the longest `_revisions` path accepted.
pub const MAX_REVISIONS: usize = 1000;

/// Whether a document may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocKind {
    /// A case section (profile, screening, procedure, BIA, BID…): edited, so it can conflict.
    Mutable,
    /// An append-only entry: written once, never updated or deleted.
    Event,
}

impl DocKind {
    fn prefix(self) -> char {
        match self {
            DocKind::Mutable => 'm',
            DocKind::Event => 'e',
        }
    }
}

/// A document id: the kind's prefix and 32 hex digits of caller-supplied randomness.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocId(String);

impl DocId {
    pub fn new(kind: DocKind, random: [u8; 16]) -> DocId {
        let mut id = String::with_capacity(33);
        id.push(kind.prefix());
        for b in random {
            id.push_str(&format!("{b:02x}"));
        }
        DocId(id)
    }

    pub fn parse(text: &str) -> Result<DocId, EnvelopeError> {
        let ok = text.len() == 33
            && matches!(text.as_bytes()[0], b'm' | b'e')
            && text[1..].bytes().all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c));
        if ok {
            Ok(DocId(text.to_owned()))
        } else {
            Err(EnvelopeError::BadId)
        }
    }

    pub fn kind(&self) -> DocKind {
        if self.0.starts_with('e') {
            DocKind::Event
        } else {
            DocKind::Mutable
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Encrypted content: which key, the nonce, the AES-GCM output (padded plaintext + tag).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sealed {
    pub kid: String,
    pub iv: [u8; IV_LEN],
    pub ct: Vec<u8>,
}

/// A revision's content: sealed, or CouchDB's `_deleted` tombstone. Senda never deletes a case
/// with a tombstone (a deletion is a sealed revision saying so, so deleting against editing is
/// two live leaves, a conflict); tombstones only close the losing branches of a resolved conflict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    Sealed(Sealed),
    Tombstone,
}

/// One revision of one document as exchanged with the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnvelopeDoc {
    pub id: DocId,
    pub rev: Rev,
    /// The revision's ancestry, newest first (`_revisions`), when the server sent it.
    pub revisions: Option<RevPath>,
    pub content: Content,
}

/// Why a document from the server is refused. Nothing of it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    NotAnObject,
    /// A field that is not part of an envelope: plaintext, or tampering.
    UnexpectedField(String),
    MissingField(&'static str),
    BadId,
    BadRev,
    BadRevisions,
    UnknownVersion,
    BadKeyId,
    BadIv,
    /// `ct` is not base64, shorter than a tag, or not of a padded size.
    BadCiphertext,
    /// A tombstone that carries content.
    TombstoneWithContent,
    /// A later revision of an append-only entry: changed or deleted after it was written.
    EventChanged,
    TooLarge,
}

impl EnvelopeError {
    pub fn message_key(&self) -> &'static str {
        match self {
            EnvelopeError::TooLarge => "sync.error.too_large",
            _ => "sync.error.bad_document",
        }
    }
}

/// The additional data every envelope's AES-GCM encryption is bound to: the document, the
/// revision and the key id. A server that moves a ciphertext to another document or revision, or
/// relabels its key, makes decryption fail (and the shell then refuses the revision).
pub fn additional_data(id: &DocId, rev: &Rev, kid: &str) -> Vec<u8> {
    let mut out = b"senda-sync-envelope-v1".to_vec();
    for field in [id.as_str(), &rev.to_string(), kid] {
        out.extend_from_slice(&(field.len() as u32).to_be_bytes());
        out.extend_from_slice(field.as_bytes());
    }
    out
}

const FIELDS: [&str; 8] = ["_id", "_rev", "_revisions", "_deleted", "v", "kid", "iv", "ct"];

impl EnvelopeDoc {
    /// The JSON to send; `_revisions` is included when known (`_bulk_docs` with `new_edits:false`
    /// needs it to graft the revision into the server's tree).
    pub fn to_json(&self) -> Value {
        let mut doc = Map::new();
        doc.insert("_id".into(), json!(self.id.as_str()));
        doc.insert("_rev".into(), json!(self.rev.to_string()));
        if let Some(path) = &self.revisions {
            doc.insert("_revisions".into(), json!({"start": path.start, "ids": path.ids}));
        }
        match &self.content {
            Content::Tombstone => {
                doc.insert("_deleted".into(), json!(true));
            }
            Content::Sealed(s) => {
                doc.insert("v".into(), json!(ENVELOPE_VERSION));
                doc.insert("kid".into(), json!(s.kid));
                doc.insert("iv".into(), json!(b64::encode(&s.iv)));
                doc.insert("ct".into(), json!(b64::encode(&s.ct)));
            }
        }
        Value::Object(doc)
    }

    /// Reads a document from the server, refusing anything that is not exactly an envelope.
    pub fn from_json(value: &Value) -> Result<EnvelopeDoc, EnvelopeError> {
        let doc = value.as_object().ok_or(EnvelopeError::NotAnObject)?;
        if let Some(extra) = doc.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(EnvelopeError::UnexpectedField(extra.chars().take(40).collect()));
        }
        let text = |name: &'static str| {
            doc.get(name)
                .ok_or(EnvelopeError::MissingField(name))?
                .as_str()
                .ok_or(EnvelopeError::MissingField(name))
        };
        let id = DocId::parse(text("_id")?)?;
        let rev: Rev = text("_rev")?.parse().map_err(|_| EnvelopeError::BadRev)?;
        if id.kind() == DocKind::Event && rev.pos != 1 {
            return Err(EnvelopeError::EventChanged);
        }
        let revisions = match doc.get("_revisions") {
            None => None,
            Some(r) => Some(read_revisions(r, &rev)?),
        };
        let deleted = match doc.get("_deleted") {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(EnvelopeError::UnexpectedField("_deleted".into())),
        };
        let content = if deleted {
            if ["v", "kid", "iv", "ct"].iter().any(|f| doc.contains_key(*f)) {
                return Err(EnvelopeError::TombstoneWithContent);
            }
            Content::Tombstone
        } else {
            Content::Sealed(read_sealed(doc, text)?)
        };
        Ok(EnvelopeDoc { id, rev, revisions, content })
    }
}

fn read_sealed<'a>(
    doc: &'a Map<String, Value>,
    text: impl Fn(&'static str) -> Result<&'a str, EnvelopeError>,
) -> Result<Sealed, EnvelopeError> {
    if doc.get("v").and_then(Value::as_u64) != Some(ENVELOPE_VERSION) {
        return Err(if doc.contains_key("v") {
            EnvelopeError::UnknownVersion
        } else {
            EnvelopeError::MissingField("v")
        });
    }
    let kid = text("kid")?;
    let kid_ok = !kid.is_empty()
        && kid.len() <= MAX_KID_LEN
        && kid.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
    if !kid_ok {
        return Err(EnvelopeError::BadKeyId);
    }
    let iv: [u8; IV_LEN] = b64::decode(text("iv")?)
        .ok()
        .and_then(|b| b.try_into().ok())
        .ok_or(EnvelopeError::BadIv)?;
    let ct_text = text("ct")?;
    if ct_text.len() > (padding::MAX_PADDED + TAG_LEN).div_ceil(3) * 4 {
        return Err(EnvelopeError::TooLarge);
    }
    let ct = b64::decode(ct_text).map_err(|_| EnvelopeError::BadCiphertext)?;
    let padded = ct.len().checked_sub(TAG_LEN).ok_or(EnvelopeError::BadCiphertext)?;
    if !padding::is_bucket(padded) {
        return Err(EnvelopeError::BadCiphertext);
    }
    Ok(Sealed { kid: kid.to_owned(), iv, ct })
}

fn read_revisions(value: &Value, rev: &Rev) -> Result<RevPath, EnvelopeError> {
    let obj = value.as_object().ok_or(EnvelopeError::BadRevisions)?;
    if obj.keys().any(|k| k != "start" && k != "ids") {
        return Err(EnvelopeError::BadRevisions);
    }
    let start = obj.get("start").and_then(Value::as_u64).ok_or(EnvelopeError::BadRevisions)?;
    let ids = obj.get("ids").and_then(Value::as_array).ok_or(EnvelopeError::BadRevisions)?;
    if ids.is_empty() || ids.len() > MAX_REVISIONS || ids.len() as u64 > start {
        return Err(EnvelopeError::BadRevisions);
    }
    let ids: Vec<String> = ids
        .iter()
        .map(|h| h.as_str().filter(|h| Rev::is_hash(h)).map(str::to_owned))
        .collect::<Option<_>>()
        .ok_or(EnvelopeError::BadRevisions)?;
    let path = RevPath { start, ids };
    if path.leaf() != *rev {
        return Err(EnvelopeError::BadRevisions);
    }
    Ok(path)
}

#[cfg(test)]
#[path = "envelope_tests.rs"]
mod tests;
