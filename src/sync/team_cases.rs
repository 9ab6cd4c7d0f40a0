//! A team's cases through the local replica: the vault's cases split into section documents
//! sealed under each case's key (itself wrapped under the team key, in an append-only entry),
//! and back after a pull: each section verified and decrypted, applied only over what the vault
//! last synced, append-only lists merged, and any other document with several live leaves listed
//! as a conflict for a person. Nothing is overwritten silently.

use super::crypto::{random_bytes, resolve, subtle, KeyKind, Sealed, SecretKey, SyncCryptoError};
use super::local_replica::{IdbReplica, Link};
use super::replicate::{replicate_resuming, RunError};
use super::transport::Transport;
pub use crate::session::arrivals::SyncWrite;
use crate::vault::{UnlockedVault, VaultError};
use chrono::{DateTime, Utc};
use senda_core::case::{migrate, Case, CaseSummary};
use senda_core::index_entry::IndexEntry;
use senda_core::sync::b64;
use senda_core::sync::case_deletion::{is_deleted, DELETION};
use senda_core::sync::case_sections::{
    self, case_key_doc, export_needed, on_pull, split, union_lists, PullStep, SectionDoc,
    SectionError, SectionState, SECTIONS,
};
use senda_core::sync::envelope::{self, additional_data, Content, DocId, DocKind};
use senda_core::sync::keys::{key_for_write, team_kid, CaseKey, WriteKey};
use senda_core::sync::merge::{
    self, compare, Comparison, ResolutionContext, Role, SectionKind, Side,
};
use senda_core::sync::replica::ReplicaError;
use senda_core::sync::replicator::{waiting_to_go_up, Checkpoint, Direction};
use senda_core::sync::revtree::Rev;
use senda_core::sync::sealing::{open_output, seal_input, SealError};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use wasm_bindgen::JsCast;

/// Why exporting or applying stopped. The vault is as it was before the failing case.
#[derive(Clone, Debug, PartialEq)]
pub enum CaseSyncError {
    Crypto(SyncCryptoError),
    Replica(ReplicaError),
    Vault(VaultError),
    Seal(SealError),
    Section(SectionError),
    Run(RunError),
    /// A resolution the merge rules refuse (a choice missing, a supervisor's field).
    Merge(&'static str),
}

impl CaseSyncError {
    pub fn message_key(&self) -> &'static str {
        match self {
            CaseSyncError::Crypto(e) => e.message_key(),
            CaseSyncError::Replica(_) => "sync.error.local_store",
            CaseSyncError::Vault(e) => e.message_key(),
            CaseSyncError::Seal(e) => e.message_key(),
            CaseSyncError::Section(e) => e.message_key(),
            CaseSyncError::Run(e) => e.message_key(),
            CaseSyncError::Merge(key) => key,
        }
    }
}

impl fmt::Display for CaseSyncError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseSyncError::Crypto(e) => fmt::Display::fmt(e, f),
            CaseSyncError::Run(e) => fmt::Display::fmt(e, f),
            other => write!(f, "Sync stopped: {other:?}"),
        }
    }
}

macro_rules! from_error {
    ($($t:ty => $v:ident),*) => {$(
        impl From<$t> for CaseSyncError {
            fn from(e: $t) -> CaseSyncError { CaseSyncError::$v(e) }
        }
    )*};
}
from_error!(SyncCryptoError => Crypto, ReplicaError => Replica, VaultError => Vault,
    SealError => Seal, SectionError => Section, RunError => Run);

/// A revision this phone refused to use: it did not decrypt (changed on the server, or sealed
/// with a key this phone was not given) or is not a section of a case. Nothing of it was applied.
#[derive(Clone, Debug, PartialEq)]
pub struct Refused {
    pub doc: DocId,
    pub rev: Rev,
    /// The UI string key that explains it.
    pub message_key: &'static str,
}

/// A section document with several live leaves: a person decides.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictRef {
    pub doc: DocId,
    pub case: String,
    pub section: String,
    pub leaves: Vec<Rev>,
}

/// A conflict's two versions and their field-by-field comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct ConflictView {
    pub conflict: ConflictRef,
    pub ours: (Rev, SectionDoc),
    pub theirs: (Rev, SectionDoc),
    pub comparison: Comparison,
}

fn section_kind(section: &str) -> SectionKind {
    match section {
        "profile" => SectionKind::Profile,
        "screening" => SectionKind::Screening,
        "procedure" => SectionKind::Procedure,
        _ => SectionKind::Other,
    }
}

/// What a pull changed on this phone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applied {
    /// Cases written to the vault (ids).
    pub changed: Vec<String>,
    /// Append-only lists merged from several leaves.
    pub merged: usize,
    pub refused: Vec<Refused>,
    /// Cases not written because an edit of them was not yet written (the next sync takes them).
    pub waiting: Vec<String>,
    /// Cases deleted on another phone and removed from this one (ids).
    pub removed: Vec<String>,
}

/// A case deleted on one phone and edited on another, as the conflicts list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct DeletionView {
    pub case: String,
    /// The label of the edited version (the case may no longer be on this phone).
    pub label: Option<String>,
    /// The sections someone changed beside the deletion.
    pub edited: Vec<&'static str>,
}

/// Cases a pull writes to the vault in one transaction.
const WRITE_BATCH: usize = 200;

/// What applying a case may write: the question asked before a write, and the writes held.
type Writing<'a> = (&'a dyn Fn(SyncWrite<'_>) -> bool, &'a mut Vec<Arrival>);

/// A case a pull is about to write, with the section revisions it then marks synced.
struct Arrival {
    case: String,
    record: Case,
    synced: Vec<(DocId, Rev)>,
}

/// A case's section documents with their live leaves, decrypted.
type CaseLeaves = Vec<(&'static str, DocId, Vec<(Rev, SectionDoc)>)>;

/// The state the team screens show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncStatus {
    pub waiting_to_go_up: usize,
    pub conflicts: Vec<ConflictRef>,
    pub refused: Vec<Refused>,
}

/// A team's cases on this phone.
pub struct TeamCases {
    pub replica: IdbReplica,
    epoch: u32,
    team_key: SecretKey,
    /// Earlier epochs' team keys by key id: older case keys are wrapped under them.
    old_team_keys: BTreeMap<String, SecretKey>,
    /// Case keys by key id, the team epoch each was made in, and each case's key id.
    keys: BTreeMap<String, SecretKey>,
    key_epoch: BTreeMap<String, u32>,
    case_kid: BTreeMap<String, String>,
    /// Key entries already read.
    read_key_docs: BTreeSet<DocId>,
    /// (case, section) → its document.
    by_section: BTreeMap<(String, String), DocId>,
    /// Decrypted revisions, in memory only.
    opened: BTreeMap<(DocId, Rev), Option<Value>>,
    /// Cases deleted on one phone and edited on another: a person decides for the whole case.
    deletion_conflicts: BTreeSet<String>,
    /// Where this session's last complete push and pull ended (their first round trip saved).
    pushed_to: Option<Checkpoint>,
    pulled_to: Option<Checkpoint>,
    /// Each case's summary when this session last exported it: a case whose summary (its time
    /// among it) is the same has no edit to export, and is not read again. Forgotten for a case
    /// whenever a pull or a settled conflict touches it.
    exported: BTreeMap<String, CaseSummary>,
}

/// Sixteen bytes both phones derive alike: the revision id of a merge both may make.
async fn derived(label: &str, parts: &[String]) -> Result<[u8; 16], SyncCryptoError> {
    let text = format!("{label}\n{}", parts.join("\n"));
    let digest = resolve(
        subtle()?.digest_with_str_and_u8_array("SHA-256", text.as_bytes()),
        SyncCryptoError::Failed("digest".into()),
    )
    .await?;
    let bytes = js_sys::Uint8Array::new(&digest.unchecked_into::<js_sys::ArrayBuffer>()).to_vec();
    let mut out = [0u8; 16];
    out.copy_from_slice(&bytes[..16]);
    Ok(out)
}

fn key_ad(case: &str, kid: &str) -> Vec<u8> {
    format!("senda-case-key-v1\n{case}\n{kid}").into_bytes()
}

impl TeamCases {
    /// The team's cases in `replica`, with the team key of `epoch`: reads the case keys.
    pub async fn open(
        replica: IdbReplica,
        team_key: SecretKey,
        epoch: u32,
    ) -> Result<TeamCases, CaseSyncError> {
        TeamCases::open_with_history(replica, team_key, epoch, Vec::new()).await
    }

    /// The same, with the team keys of earlier epochs (after a member's removal).
    pub async fn open_with_history(
        replica: IdbReplica,
        team_key: SecretKey,
        epoch: u32,
        old_team_keys: Vec<(u32, SecretKey)>,
    ) -> Result<TeamCases, CaseSyncError> {
        let by_section = replica
            .links()
            .map(|(id, l)| ((l.case.clone(), l.section.clone()), id.clone()))
            .collect();
        let mut cases = TeamCases {
            replica,
            epoch,
            team_key,
            old_team_keys: old_team_keys.into_iter().map(|(e, k)| (team_kid(e), k)).collect(),
            keys: BTreeMap::new(),
            key_epoch: BTreeMap::new(),
            case_kid: BTreeMap::new(),
            read_key_docs: BTreeSet::new(),
            by_section,
            opened: BTreeMap::new(),
            deletion_conflicts: BTreeSet::new(),
            pushed_to: None,
            pulled_to: None,
            exported: BTreeMap::new(),
        };
        cases.learn_keys(&mut Vec::new()).await?;
        cases.find_deletion_conflicts().await;
        Ok(cases)
    }

    fn team_kid(&self) -> String {
        team_kid(self.epoch)
    }

    async fn seal(
        &self,
        key: &SecretKey,
        kid: &str,
        id: &DocId,
        rev: &Rev,
        plain: &Value,
    ) -> Result<Content, CaseSyncError> {
        let mut input = seal_input(plain)?;
        let sealed = key.seal(&input, &additional_data(id, rev, kid)).await;
        input.fill(0);
        let sealed = sealed?;
        Ok(Content::Sealed(envelope::Sealed { kid: kid.to_owned(), iv: sealed.iv, ct: sealed.ct }))
    }

    /// A new revision of `id`: on `parent` when it is a leaf, else as a new branch.
    async fn write(
        &mut self,
        key: &SecretKey,
        kid: &str,
        id: &DocId,
        parent: Option<&Rev>,
        plain: &Value,
        random: [u8; 16],
    ) -> Result<Rev, CaseSyncError> {
        let rev = Rev::child_of(parent, random);
        let content = self.seal(key, kid, id, &rev, plain).await?;
        let is_leaf = match (parent, self.replica.tree(id)) {
            (Some(p), Some(tree)) => tree.leaves().iter().any(|(l, _)| l == p),
            _ => true,
        };
        let written = match parent {
            Some(p) if !is_leaf => self.replica.branch(id, p, content, random)?,
            _ => self.replica.write(id, parent, content, random)?,
        };
        self.opened.insert((id.clone(), written.clone()), Some(plain.clone()));
        Ok(written)
    }

    /// Decrypts one stored revision (`None` for a tombstone).
    async fn open_rev(&mut self, id: &DocId, rev: &Rev) -> Result<Option<Value>, &'static str> {
        if let Some(v) = self.opened.get(&(id.clone(), rev.clone())) {
            return Ok(v.clone());
        }
        let sealed = match self.replica.content(id, rev) {
            None => return Err("sync.error.local_store"),
            Some(Content::Tombstone) => return Ok(None),
            Some(Content::Sealed(s)) => s.clone(),
        };
        let key = if sealed.kid == self.team_kid() {
            &self.team_key
        } else if let Some(old) = self.old_team_keys.get(&sealed.kid) {
            old
        } else {
            self.keys.get(&sealed.kid).ok_or("sync.error.keys_out_of_date")?
        };
        let ad = additional_data(id, rev, &sealed.kid);
        let opened = key.open(&Sealed { iv: sealed.iv, ct: sealed.ct }, &ad).await;
        let mut plain = opened.map_err(|e| e.message_key())?;
        let value = open_output(&plain).map_err(SealError::message_key);
        plain.fill(0);
        let value = value?;
        self.opened.insert((id.clone(), rev.clone()), Some(value.clone()));
        Ok(Some(value))
    }

    /// Reads every case-key entry not read yet.
    async fn learn_keys(&mut self, refused: &mut Vec<Refused>) -> Result<(), CaseSyncError> {
        let team_kid = self.team_kid();
        for id in self.replica.ids() {
            if id.kind() != DocKind::Event || self.read_key_docs.contains(&id) {
                continue;
            }
            let Some(tree) = self.replica.tree(&id) else { continue };
            let Some(rev) = tree.winner() else { continue };
            let sealing = match self.replica.content(&id, &rev) {
                Some(Content::Sealed(s)) if s.kid == team_kid => self.team_key.clone(),
                Some(Content::Sealed(s)) => match self.old_team_keys.get(&s.kid) {
                    Some(old) => old.clone(),
                    None => continue,
                },
                _ => continue,
            };
            let doc = match self.open_rev(&id, &rev).await {
                Ok(Some(doc)) => doc,
                Ok(None) => continue,
                Err(message_key) => {
                    refused.push(Refused { doc: id.clone(), rev, message_key });
                    continue;
                }
            };
            let text = |f: &str| doc.get(f).and_then(Value::as_str).map(str::to_owned);
            let (Some(case), Some(kid), Some(iv), Some(w)) =
                (text("case"), text("kid"), text("iv"), text("w"))
            else {
                continue;
            };
            let iv: Option<[u8; 12]> = b64::decode(&iv).ok().and_then(|b| b.try_into().ok());
            let (Some(iv), Ok(ct)) = (iv, b64::decode(&w)) else { continue };
            let epoch = doc.get("epoch").and_then(Value::as_u64).unwrap_or(1) as u32;
            match sealing.unwrap(&Sealed { iv, ct }, KeyKind::Case, &key_ad(&case, &kid)).await {
                Ok(key) => {
                    self.keys.insert(kid.clone(), key);
                    self.key_epoch.insert(kid.clone(), epoch);
                    // A case's newest key is the one its next write uses (or replaces).
                    let newer = self
                        .case_kid
                        .get(&case)
                        .and_then(|k| self.key_epoch.get(k))
                        .is_none_or(|e| *e <= epoch);
                    if newer {
                        self.case_kid.insert(case, kid);
                    }
                    self.read_key_docs.insert(id);
                }
                Err(e) => refused.push(Refused { doc: id, rev, message_key: e.message_key() }),
            }
        }
        Ok(())
    }

    /// The case's key, made (and its entry written) on the case's first export.
    async fn case_key(&mut self, case: &str) -> Result<(String, SecretKey), CaseSyncError> {
        let current = self.case_kid.get(case).and_then(|kid| {
            let epoch = *self.key_epoch.get(kid)?;
            Some(CaseKey { kid: kid.clone(), epoch })
        });
        // A key from before a member's removal is not reused: the case gets a fresh one.
        let kid = match key_for_write(current.as_ref(), self.epoch, random_bytes::<16>()?) {
            Ok(WriteKey::Reuse(k)) => match self.keys.get(&k.kid) {
                Some(key) => return Ok((k.kid, key.clone())),
                None => format!("c-{}", hex(&random_bytes::<16>()?)),
            },
            Ok(WriteKey::Fresh(k)) => k.kid,
            Err(e) => return Err(CaseSyncError::Merge(e.message_key())),
        };
        let key = SecretKey::generate(KeyKind::Case).await?;
        let wrapped = self.team_key.wrap(&key, &key_ad(case, &kid)).await?;
        let doc = case_key_doc(
            case,
            &kid,
            self.epoch,
            &b64::encode(&wrapped.iv),
            &b64::encode(&wrapped.ct),
        );
        let id = DocId::new(DocKind::Event, random_bytes::<16>()?);
        let team_kid = self.team_kid();
        let team_key = self.team_key.clone();
        self.write(&team_key, &team_kid, &id, None, &doc, random_bytes::<16>()?).await?;
        self.read_key_docs.insert(id);
        self.keys.insert(kid.clone(), key.clone());
        self.key_epoch.insert(kid.clone(), self.epoch);
        self.case_kid.insert(case.to_owned(), kid.clone());
        Ok((kid, key))
    }

    fn set_link(&mut self, id: &DocId, link: Link) {
        self.by_section.insert((link.case.clone(), link.section.clone()), id.clone());
        self.replica.set_link(id, link);
    }

    /// Writes the case's changed sections to the replica (each on the revision the vault last
    /// synced: if the team moved on meanwhile, the two meet as a conflict). Returns how many.
    pub async fn export(&mut self, case: &Value) -> Result<usize, CaseSyncError> {
        let case_id = case_sections::case_id(case).ok_or(SectionError::NotACase)?.to_owned();
        let at: DateTime<Utc> = case
            .get("updated_at")
            .and_then(Value::as_str)
            .and_then(|t| t.parse().ok())
            .ok_or(SectionError::BadTime)?;
        let (kid, key) = self.case_key(&case_id).await?;
        let mut written = 0;
        for (section, data) in split(case)? {
            let existing = self.by_section.get(&(case_id.clone(), section.to_owned())).cloned();
            let parent = match &existing {
                None => None,
                Some(id) => {
                    // A section never applied here (its conflict is open): nothing to build on.
                    let Some(synced) = self.replica.link(id).and_then(|l| l.synced.clone()) else {
                        continue;
                    };
                    let old = self.open_rev(id, &synced).await.ok().flatten();
                    let old = old.and_then(|v| SectionDoc::from_json(&v).ok()).map(|d| d.data);
                    if !export_needed(&data, old.as_ref()) {
                        continue;
                    }
                    Some(synced)
                }
            };
            let id = existing.unwrap_or_else(|| {
                DocId::new(DocKind::Mutable, random_bytes::<16>().unwrap_or([0; 16]))
            });
            let doc = SectionDoc { case: case_id.clone(), section, at, data }.to_json();
            let rev =
                self.write(&key, &kid, &id, parent.as_ref(), &doc, random_bytes::<16>()?).await?;
            let link =
                Link { case: case_id.clone(), section: section.to_owned(), synced: Some(rev) };
            self.set_link(&id, link);
            written += 1;
        }
        Ok(written)
    }

    /// Exports every case in the vault.
    pub async fn export_vault(
        &mut self,
        vault: &mut UnlockedVault<IndexEntry>,
    ) -> Result<usize, CaseSyncError> {
        let cases: Vec<(String, CaseSummary)> = vault
            .summaries()
            .filter_map(|(id, s)| match s {
                IndexEntry::Case(summary) => Some((id.to_owned(), summary.clone())),
                _ => None,
            })
            .collect();
        let mut written = 0;
        for (id, summary) in cases {
            // Every edit moves the case's time: the same summary, nothing new to export.
            if self.exported.get(&id) == Some(&summary) {
                continue;
            }
            if let Some(case) = vault.get::<Value>(&id).await? {
                written += self.export(&case).await?;
                self.exported.insert(id, summary);
            }
        }
        written += self.export_deletions(vault).await?;
        self.replica.flush().await?;
        Ok(written)
    }

    /// Links documents that arrived to their case and section (decrypting one leaf of each).
    async fn link_new(&mut self, refused: &mut Vec<Refused>) {
        for id in self.replica.ids() {
            if id.kind() != DocKind::Mutable || self.replica.link(&id).is_some() {
                continue;
            }
            let live = self.replica.tree(&id).map(|t| t.live_leaves()).unwrap_or_default();
            for rev in live {
                match self.open_rev(&id, &rev).await {
                    Ok(Some(doc)) => match SectionDoc::from_json(&doc) {
                        Ok(d) => {
                            let link =
                                Link { case: d.case, section: d.section.to_owned(), synced: None };
                            self.set_link(&id, link);
                            break;
                        }
                        Err(e) => refused.push(Refused {
                            doc: id.clone(),
                            rev,
                            message_key: e.message_key(),
                        }),
                    },
                    Ok(None) => {}
                    Err(message_key) => refused.push(Refused { doc: id.clone(), rev, message_key }),
                }
            }
        }
    }

    /// Opens a leaf as a section of `case`; a revision that is not one is refused.
    async fn section_of(
        &mut self,
        id: &DocId,
        rev: &Rev,
        case: &str,
        section: &str,
    ) -> Result<Option<SectionDoc>, Refused> {
        let refuse = |message_key| Refused { doc: id.clone(), rev: rev.clone(), message_key };
        match self.open_rev(id, rev).await.map_err(refuse)? {
            None => Ok(None),
            Some(v) => {
                let d = SectionDoc::from_json(&v).map_err(|e| refuse(e.message_key()))?;
                if d.case != case || d.section != section {
                    return Err(refuse("sync.error.bad_document"));
                }
                Ok(Some(d))
            }
        }
    }

    /// After a pull: applies to the vault what can be applied without overwriting anything.
    pub async fn apply(
        &mut self,
        vault: &mut UnlockedVault<IndexEntry>,
    ) -> Result<Applied, CaseSyncError> {
        self.apply_with(vault, &|_: SyncWrite<'_>| true).await
    }

    /// Like [`apply`](Self::apply), asking `may_write` just before each case is written (nothing
    /// runs in between): a case it refuses (an edit of it is not yet written) is left as it is,
    /// its sections not marked synced, for the next sync to meet that edit by the normal rules.
    pub async fn apply_with(
        &mut self,
        vault: &mut UnlockedVault<IndexEntry>,
        may_write: &dyn Fn(SyncWrite<'_>) -> bool,
    ) -> Result<Applied, CaseSyncError> {
        let mut applied = Applied::default();
        self.learn_keys(&mut applied.refused).await?;
        self.link_new(&mut applied.refused).await;
        // Cases with a section whose live leaves are not just the revision the vault shows.
        let mut cases: BTreeSet<String> = BTreeSet::new();
        for (id, link) in self.replica.links() {
            let live = self.replica.tree(id).map(|t| t.live_leaves()).unwrap_or_default();
            if live.len() != 1 || link.synced.as_ref() != live.first() {
                cases.insert(link.case.clone());
            }
        }
        let mut arrivals = Vec::new();
        for case in cases {
            let writing = (may_write, &mut arrivals);
            if let Err(refused) = self.apply_case(&case, vault, &mut applied, writing).await? {
                applied.refused.push(refused);
            }
            if arrivals.len() >= WRITE_BATCH {
                self.write_arrivals(vault, &mut arrivals, &mut applied, may_write).await?;
            }
        }
        self.write_arrivals(vault, &mut arrivals, &mut applied, may_write).await?;
        self.replica.flush().await?;
        Ok(applied)
    }

    /// Writes the cases a pull brought, many to a transaction (each write of the vault seals its
    /// whole index again: one per case made a new phone's first sync of 2,000 cases quadratic),
    /// asking `may_write` of each just before; their sections are marked synced once written.
    async fn write_arrivals(
        &mut self,
        vault: &mut UnlockedVault<IndexEntry>,
        arrivals: &mut Vec<Arrival>,
        applied: &mut Applied,
        may_write: &dyn Fn(SyncWrite<'_>) -> bool,
    ) -> Result<(), CaseSyncError> {
        let mut records = Vec::new();
        let mut written = Vec::new();
        for arrival in arrivals.drain(..) {
            if !may_write(SyncWrite::Put(&arrival.record)) {
                applied.waiting.push(arrival.case);
                continue;
            }
            let summary = IndexEntry::Case(CaseSummary::of(&arrival.record));
            records.push((arrival.case.clone(), arrival.record, summary));
            written.push((arrival.case, arrival.synced));
        }
        if records.is_empty() {
            return Ok(());
        }
        vault.put_many(records).await?;
        for (case, synced) in written {
            for (id, rev) in synced {
                if let Some(mut link) = self.replica.link(&id).cloned() {
                    link.synced = Some(rev);
                    self.set_link(&id, link);
                }
            }
            applied.changed.push(case);
        }
        Ok(())
    }

    async fn apply_case(
        &mut self,
        case: &str,
        vault: &mut UnlockedVault<IndexEntry>,
        applied: &mut Applied,
        (may_write, arrivals): Writing<'_>,
    ) -> Result<Result<(), Refused>, CaseSyncError> {
        // Whatever happens here, the next export reads this case again.
        self.exported.remove(case);
        let in_vault: Option<Value> = vault.get(case).await?;
        let vault_sections = in_vault.as_ref().map(split).transpose()?;
        // A deletion among the live leaves: the case is removed, or a person decides.
        let leaves = match self.case_leaves(case).await {
            Ok(leaves) => leaves,
            Err(refused) => return Ok(Err(refused)),
        };
        if leaves.iter().any(|(_, _, l)| l.iter().any(|(_, d)| is_deleted(d))) {
            let vault_sections = vault_sections.as_ref();
            self.apply_deletion(case, vault_sections, leaves, vault, applied, may_write).await?;
            return Ok(Ok(()));
        }
        self.deletion_conflicts.remove(case);
        let mut updated_at: Option<DateTime<Utc>> =
            in_vault.as_ref().and_then(|c| c.get("updated_at")?.as_str()?.parse().ok());
        let mut sections: BTreeMap<&'static str, Value> = BTreeMap::new();
        let mut synced_now: Vec<(DocId, Rev)> = Vec::new();
        let mut complete = true;
        for (section, _) in SECTIONS {
            let from_vault = vault_sections.as_ref().and_then(|s| s.get(section)).cloned();
            let Some(id) = self.by_section.get(&(case.to_owned(), section.to_owned())).cloned()
            else {
                match from_vault {
                    Some(v) => drop(sections.insert(section, v)),
                    None => complete = false,
                }
                continue;
            };
            let synced = self.replica.link(&id).and_then(|l| l.synced.clone());
            let live = self.replica.tree(&id).map(|t| t.live_leaves()).unwrap_or_default();
            let mut leaves = Vec::new();
            for rev in &live {
                match self.section_of(&id, rev, case, section).await {
                    Ok(Some(d)) => leaves.push((rev.clone(), d)),
                    Ok(None) => {}
                    Err(refused) => return Ok(Err(refused)),
                }
            }
            let synced_data = match &synced {
                Some(r) => {
                    self.section_of(&id, r, case, section).await.ok().flatten().map(|d| d.data)
                }
                None => None,
            };
            let state = SectionState {
                vault: from_vault.as_ref(),
                synced: synced_data.as_ref(),
                synced_is_leaf: live.len() == 1 && synced.as_ref() == live.first(),
                leaf: if leaves.len() == 1 { Some(&leaves[0].1.data) } else { None },
                live: live.len(),
            };
            let step = on_pull(section, state);
            let chosen = match step {
                PullStep::Apply => {
                    let (rev, d) = &leaves[0];
                    updated_at = updated_at.max(Some(d.at));
                    synced_now.push((id.clone(), rev.clone()));
                    Some(d.data.clone())
                }
                PullStep::Nothing => {
                    from_vault.or_else(|| leaves.first().map(|(_, d)| d.data.clone()))
                }
                PullStep::KeepLocal | PullStep::Conflict => from_vault,
                PullStep::MergeLists => {
                    match self
                        .merge_lists(
                            &id,
                            case,
                            section,
                            &leaves,
                            from_vault.as_ref(),
                            synced_data.as_ref(),
                        )
                        .await?
                    {
                        Some((rev, d)) => {
                            updated_at = updated_at.max(Some(d.at));
                            synced_now.push((id.clone(), rev));
                            applied.merged += 1;
                            Some(d.data)
                        }
                        None => from_vault,
                    }
                }
            };
            match chosen {
                Some(v) => drop(sections.insert(section, v)),
                None => complete = false,
            }
        }
        if !complete || synced_now.is_empty() {
            return Ok(Ok(()));
        }
        let updated_at = updated_at.unwrap_or_else(now);
        let joined = case_sections::join(&sections, updated_at)?;
        if in_vault.as_ref() != Some(&joined) {
            let Ok(record) = migrate(joined) else {
                let (doc, rev) = synced_now[0].clone();
                return Ok(Err(Refused { doc, rev, message_key: "sync.error.bad_document" }));
            };
            arrivals.push(Arrival { case: case.to_owned(), record, synced: synced_now });
            return Ok(Ok(()));
        }
        for (id, rev) in synced_now {
            if let Some(mut link) = self.replica.link(&id).cloned() {
                link.synced = Some(rev);
                self.set_link(&id, link);
            }
        }
        Ok(Ok(()))
    }

    /// Several live leaves of a list that only grows: one revision holding every entry (and any
    /// entry added here since), on the winning leaf, with the other leaves closed. Both phones
    /// derive the same revision ids, so their merges do not conflict again.
    async fn merge_lists(
        &mut self,
        id: &DocId,
        case: &str,
        section: &'static str,
        leaves: &[(Rev, SectionDoc)],
        vault: Option<&Value>,
        synced: Option<&Value>,
    ) -> Result<Option<(Rev, SectionDoc)>, CaseSyncError> {
        let Some(tree) = self.replica.tree(id).cloned() else { return Ok(None) };
        let base_rev = match leaves {
            [(a, _), (b, _), ..] => tree.common_ancestor(a, b),
            _ => None,
        };
        let base = match base_rev {
            Some(r) => self.section_of(id, &r, case, section).await.ok().flatten().map(|d| d.data),
            None => None,
        };
        let mut sides: Vec<&Value> = leaves.iter().map(|(_, d)| &d.data).collect();
        if let Some(v) = vault.filter(|v| Some(*v) != synced) {
            sides.push(v);
        }
        let Some(data) = union_lists(base.as_ref(), &sides) else { return Ok(None) };
        let Some(winner) = tree.winner() else { return Ok(None) };
        let revs: Vec<String> = leaves.iter().map(|(r, _)| r.to_string()).collect();
        let at = leaves.iter().map(|(_, d)| d.at).max().unwrap_or_else(now);
        let doc = SectionDoc { case: case.to_owned(), section, at, data };
        let (kid, key) = self.case_key(case).await?;
        let merged = self
            .write(
                &key,
                &kid,
                id,
                Some(&winner),
                &doc.to_json(),
                derived("senda-merge", &revs).await?,
            )
            .await?;
        for (rev, _) in leaves.iter().filter(|(r, _)| *r != winner) {
            let random = derived("senda-close", &[merged.to_string(), rev.to_string()]).await?;
            self.replica.write(id, Some(rev), Content::Tombstone, random)?;
        }
        Ok(Some((merged, doc)))
    }

    /// The document that holds a case's section, once exported or pulled.
    pub fn doc_of(&self, case: &str, section: &str) -> Option<&DocId> {
        self.by_section.get(&(case.to_owned(), section.to_owned()))
    }

    /// Both versions of a conflicted section, compared field by field against their common base:
    /// "ours" is the one this phone's vault shows.
    pub async fn compare(&mut self, conflict: &ConflictRef) -> Result<ConflictView, CaseSyncError> {
        let (case, section) = (conflict.case.as_str(), conflict.section.as_str());
        let synced = self.replica.link(&conflict.doc).and_then(|l| l.synced.clone());
        let mut leaves = conflict.leaves.clone();
        // Ours first: the leaf the vault shows, if it is one of them.
        if let Some(pos) = synced.as_ref().and_then(|s| leaves.iter().position(|l| l == s)) {
            leaves.swap(0, pos);
        }
        let [ours_rev, theirs_rev, ..] = leaves.as_slice() else {
            return Err(SectionError::NotASection.into());
        };
        let refused = |_| CaseSyncError::Section(SectionError::NotASection);
        let ours =
            self.section_of(&conflict.doc, ours_rev, case, section).await.map_err(refused)?;
        let theirs =
            self.section_of(&conflict.doc, theirs_rev, case, section).await.map_err(refused)?;
        let (Some(ours), Some(theirs)) = (ours, theirs) else {
            return Err(SectionError::NotASection.into());
        };
        let tree = self.replica.tree(&conflict.doc).cloned().unwrap_or_default();
        let base = match tree.common_ancestor(ours_rev, theirs_rev) {
            Some(r) => self.section_of(&conflict.doc, &r, case, section).await.ok().flatten(),
            None => None,
        };
        let comparison = compare(
            base.as_ref().map(|b| &b.data),
            &ours.data,
            &theirs.data,
            section_kind(section),
        )
        .map_err(|_| SectionError::NotASection)?;
        Ok(ConflictView {
            conflict: conflict.clone(),
            ours: (ours_rev.clone(), ours),
            theirs: (theirs_rev.clone(), theirs),
            comparison,
        })
    }

    /// Settles a conflict with a person's choice per field: the chosen section becomes the one
    /// live revision (the other leaf is closed), an append-only entry sealed under the case key
    /// keeps every value not chosen, and the vault shows the result.
    pub async fn resolve(
        &mut self,
        view: &ConflictView,
        choices: &BTreeMap<String, Side>,
        by_device: &str,
        vault: &mut UnlockedVault<IndexEntry>,
    ) -> Result<(), CaseSyncError> {
        let doc = view.conflict.doc.clone();
        self.exported.remove(&view.conflict.case);
        let ctx = ResolutionContext {
            doc: doc.clone(),
            ours_rev: view.ours.0.clone(),
            theirs_rev: view.theirs.0.clone(),
            by_device: by_device.to_owned(),
            at_unix: now().timestamp(),
        };
        let resolution = merge::resolve(&view.comparison, choices, Role::Worker, &ctx)
            .map_err(|e| CaseSyncError::Merge(e.message_key()))?;
        let case = view.conflict.case.clone();
        let section = view.ours.1.section;
        let (kid, key) = self.case_key(&case).await?;
        let at = view.ours.1.at.max(view.theirs.1.at).max(now());
        let settled =
            SectionDoc { case: case.clone(), section, at, data: resolution.resolved.clone() };
        let in_vault: Option<Value> = vault.get(&case).await?;
        let mut sections = match &in_vault {
            Some(c) => split(c)?,
            None => return Err(SectionError::MissingSection("case").into()),
        };
        sections.insert(section, settled.data.clone());
        let record =
            migrate(case_sections::join(&sections, at)?).map_err(|_| SectionError::NotACase)?;
        let rev = self
            .write(&key, &kid, &doc, Some(&view.ours.0), &settled.to_json(), random_bytes::<16>()?)
            .await?;
        self.replica.write(
            &doc,
            Some(&view.theirs.0),
            Content::Tombstone,
            random_bytes::<16>()?,
        )?;
        let event = DocId::new(DocKind::Event, random_bytes::<16>()?);
        self.write(&key, &kid, &event, None, &resolution.event, random_bytes::<16>()?).await?;
        self.replica.flush().await?;
        vault.put(&case, &record, IndexEntry::Case(CaseSummary::of(&record))).await?;
        let link = Link { case, section: section.to_owned(), synced: Some(rev) };
        self.set_link(&doc, link);
        self.replica.flush().await?;
        Ok(())
    }

    /// The case's conflict resolutions, each with the values not chosen (decrypted here only).
    pub async fn resolutions(&mut self, case: &str) -> Vec<Value> {
        let Some(kid) = self.case_kid.get(case).cloned() else { return Vec::new() };
        let mut out = Vec::new();
        for id in self.replica.ids() {
            if id.kind() != DocKind::Event {
                continue;
            }
            let Some(rev) = self.replica.tree(&id).and_then(|t| t.winner()) else { continue };
            let ours =
                matches!(self.replica.content(&id, &rev), Some(Content::Sealed(s)) if s.kid == kid);
            if !ours {
                continue;
            }
            if let Ok(Some(v)) = self.open_rev(&id, &rev).await {
                if v.get("type").and_then(Value::as_str) == Some("conflict_resolution") {
                    out.push(v);
                }
            }
        }
        out
    }

    /// Section documents with several live leaves, and cases deleted on one phone and edited on
    /// another (one entry per case, section [`DELETION`], instead of its sections' conflicts).
    pub fn conflicts(&self) -> Vec<ConflictRef> {
        let mut list: Vec<ConflictRef> = self
            .replica
            .conflicted()
            .into_iter()
            .filter_map(|doc| {
                let link = self.replica.link(&doc)?;
                if self.deletion_conflicts.contains(&link.case) {
                    return None;
                }
                let leaves = self.replica.tree(&doc)?.conflicts();
                Some(ConflictRef {
                    case: link.case.clone(),
                    section: link.section.clone(),
                    doc,
                    leaves,
                })
            })
            .collect();
        for case in &self.deletion_conflicts {
            let Some(doc) = self.by_section.get(&(case.clone(), "case".to_owned())) else {
                continue;
            };
            let leaves = self.replica.tree(doc).map(|t| t.live_leaves()).unwrap_or_default();
            let conflict = ConflictRef {
                doc: doc.clone(),
                case: case.clone(),
                section: DELETION.to_owned(),
                leaves,
            };
            list.push(conflict);
        }
        list
    }

    /// One "sync now": the vault's edits written to the replica, pushed, the team's pulled and
    /// applied, and anything applying wrote (merges) pushed again.
    pub async fn sync_now(
        &mut self,
        vault: &mut UnlockedVault<IndexEntry>,
        transport: &Transport,
    ) -> Result<Applied, CaseSyncError> {
        self.sync_now_with(vault, transport, &|_: SyncWrite<'_>| true).await
    }

    /// One "sync now", asking `may_write` before each case it writes (see `apply_with`).
    pub async fn sync_now_with(
        &mut self,
        vault: &mut UnlockedVault<IndexEntry>,
        transport: &Transport,
        may_write: &dyn Fn(SyncWrite<'_>) -> bool,
    ) -> Result<Applied, CaseSyncError> {
        self.export_vault(vault).await?;
        let (replica, pushed, pulled) =
            (&mut self.replica, &mut self.pushed_to, &mut self.pulled_to);
        replicate_resuming(Direction::Push, replica, transport, pushed).await?;
        replicate_resuming(Direction::Pull, replica, transport, pulled).await?;
        let applied = self.apply_with(vault, may_write).await?;
        if waiting_to_go_up(&self.replica) > 0 {
            let (replica, pushed) = (&mut self.replica, &mut self.pushed_to);
            replicate_resuming(Direction::Push, replica, transport, pushed).await?;
        }
        Ok(applied)
    }

    pub fn status(&self) -> SyncStatus {
        SyncStatus {
            waiting_to_go_up: waiting_to_go_up(&self.replica),
            conflicts: self.conflicts(),
            refused: Vec::new(),
        }
    }
}

#[path = "team_deletions.rs"]
mod deletions;
#[path = "team_unsynced.rs"]
mod unsynced;

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
