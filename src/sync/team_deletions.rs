//! Deleted cases through the team copy: a case deleted here gets a sealed deletion revision on
//! each of its sections (padded like the revision it replaces); one deleted elsewhere leaves this
//! phone at the next sync; deleted on one phone and edited on another, it is listed for a person
//! to keep the edit or confirm the deletion (rules in `senda_core::sync::case_deletion`).

use super::*;
use senda_core::sync::case_deletion::{
    case_fate, deleted_here, deletion_doc, settle, CaseFate, SectionLeaves, Settle,
};

impl TeamCases {
    /// Every section document of `case` with its live leaves, decrypted (tombstones left out).
    pub(super) async fn case_leaves(&mut self, case: &str) -> Result<CaseLeaves, Refused> {
        let mut out = Vec::new();
        for (section, _) in SECTIONS {
            let Some(id) = self.by_section.get(&(case.to_owned(), section.to_owned())).cloned()
            else {
                continue;
            };
            let live = self.replica.tree(&id).map(|t| t.live_leaves()).unwrap_or_default();
            let mut leaves = Vec::new();
            for rev in live {
                if let Some(d) = self.section_of(&id, &rev, case, section).await? {
                    leaves.push((rev, d));
                }
            }
            out.push((section, id, leaves));
        }
        Ok(out)
    }

    /// At opening: the cases whose live leaves hold a deletion and an edit.
    pub(super) async fn find_deletion_conflicts(&mut self) {
        let cases: BTreeSet<String> = self.by_section.keys().map(|(c, _)| c.clone()).collect();
        for case in cases {
            let Ok(leaves) = self.case_leaves(&case).await else { continue };
            if case_fate(&counts(&leaves), false) == CaseFate::EditAgainstDelete {
                self.deletion_conflicts.insert(case);
            }
        }
    }

    /// Writes a deletion revision on each section of every case deleted from this vault since it
    /// last synced. Returns how many.
    pub(super) async fn export_deletions(
        &mut self,
        vault: &UnlockedVault<IndexEntry>,
    ) -> Result<usize, CaseSyncError> {
        let cases: BTreeSet<String> = self.by_section.keys().map(|(c, _)| c.clone()).collect();
        let mut written = 0;
        for case in cases {
            let Some(shown) = self.deletion_to_write(&case, vault).await else { continue };
            // Should the case come back (undone), its next export reads it again.
            self.exported.remove(&case);
            let (kid, key) = self.case_key(&case).await?;
            let at = now();
            for (section, id, synced, like_len) in shown {
                let doc = deletion_doc(&case, section, at, like_len);
                let rev =
                    self.write(&key, &kid, &id, Some(&synced), &doc, random_bytes::<16>()?).await?;
                let link =
                    Link { case: case.clone(), section: section.to_owned(), synced: Some(rev) };
                self.set_link(&id, link);
                written += 1;
            }
        }
        Ok(written)
    }

    /// When `case` was deleted from this vault and the deletion is not yet written: the sections
    /// the vault last showed with content (each with its document, revision and length).
    pub(super) async fn deletion_to_write(
        &mut self,
        case: &str,
        vault: &UnlockedVault<IndexEntry>,
    ) -> Option<Vec<(&'static str, DocId, Rev, usize)>> {
        // The index first: one look-up, not a list of every id per case.
        let in_vault = vault.summary(case).is_some() || vault.ids().contains(&case);
        let set_aside = vault.is_quarantined(case);
        if in_vault || set_aside {
            return None;
        }
        let mut shown = Vec::new();
        for (section, _) in SECTIONS {
            let key = (case.to_owned(), section.to_owned());
            let Some(id) = self.by_section.get(&key).cloned() else { continue };
            let Some(synced) = self.replica.link(&id).and_then(|l| l.synced.clone()) else {
                continue;
            };
            if let Ok(Some(d)) = self.section_of(&id, &synced, case, section).await {
                if !is_deleted(&d) {
                    shown.push((section, id, synced, d.to_json().to_string().len()));
                }
            }
        }
        deleted_here(in_vault, set_aside, !shown.is_empty()).then_some(shown)
    }

    /// A pull brought a deletion of `case`: removed here when every live leaf is one and the
    /// vault holds nothing newer, listed for a person when an edit is live beside it.
    pub(super) async fn apply_deletion(
        &mut self,
        case: &str,
        vault_sections: Option<&BTreeMap<&'static str, Value>>,
        leaves: CaseLeaves,
        vault: &mut UnlockedVault<IndexEntry>,
        applied: &mut Applied,
        may_write: &dyn Fn(SyncWrite<'_>) -> bool,
    ) -> Result<(), CaseSyncError> {
        let mut unsynced = false;
        if let Some(shown) = vault_sections {
            for (section, id, _) in &leaves {
                let Some(synced) = self.replica.link(id).and_then(|l| l.synced.clone()) else {
                    continue;
                };
                let then = self.section_of(id, &synced, case, section).await.ok().flatten();
                if then.map(|d| d.data).as_ref() != shown.get(section) {
                    unsynced = true;
                }
            }
        }
        match case_fate(&counts(&leaves), unsynced) {
            CaseFate::EditAgainstDelete => {
                self.deletion_conflicts.insert(case.to_owned());
                return Ok(());
            }
            CaseFate::KeepLocal | CaseFate::Sections => {
                self.deletion_conflicts.remove(case);
                return Ok(());
            }
            CaseFate::Remove => {}
        }
        self.deletion_conflicts.remove(case);
        if let Some(value) = vault.get::<Value>(case).await? {
            if let Ok(record) = migrate(value) {
                if !may_write(SyncWrite::Remove(&record)) {
                    applied.waiting.push(case.to_owned());
                    return Ok(());
                }
            }
            vault.delete(case).await?;
            applied.removed.push(case.to_owned());
        }
        for (section, id, leaves) in leaves {
            if let Some((rev, _)) = leaves.first() {
                let link = Link {
                    case: case.to_owned(),
                    section: section.to_owned(),
                    synced: Some(rev.clone()),
                };
                self.set_link(&id, link);
            }
        }
        Ok(())
    }

    /// The section as it was before `deletion` (the revision the deletion was written on).
    async fn before(
        &mut self,
        id: &DocId,
        deletion: &Rev,
        case: &str,
        section: &str,
    ) -> Option<Value> {
        let path = self.replica.tree(id)?.path_to(deletion, 2)?;
        let parent = Rev { pos: deletion.pos.checked_sub(1)?, hash: path.ids.get(1)?.clone() };
        let d = self.section_of(id, &parent, case, section).await.ok().flatten()?;
        (!is_deleted(&d)).then_some(d.data)
    }

    /// The case as keeping the edit makes it: each section's edit, else what the vault shows,
    /// else the section as it was before the deletion. `None` when a section cannot be found.
    async fn kept(
        &mut self,
        case: &str,
        leaves: &CaseLeaves,
        vault_sections: Option<&BTreeMap<&'static str, Value>>,
    ) -> Option<(BTreeMap<&'static str, Value>, DateTime<Utc>)> {
        let mut sections = vault_sections.cloned().unwrap_or_default();
        let mut at = None;
        for (section, id, revs) in leaves {
            if let Some((_, edit)) = revs.iter().find(|(_, d)| !is_deleted(d)) {
                at = at.max(Some(edit.at));
                sections.insert(section, edit.data.clone());
            } else if !sections.contains_key(section) {
                let (deletion, _) = revs.first()?;
                let data = self.before(id, deletion, case, section).await?;
                sections.insert(section, data);
            }
        }
        Some((sections, at.unwrap_or_else(now)))
    }

    /// What the conflicts list shows of a case deleted on one phone and edited on another.
    pub async fn deletion_view(&mut self, case: &str) -> Result<DeletionView, CaseSyncError> {
        let leaves =
            self.case_leaves(case).await.map_err(|r| CaseSyncError::Merge(r.message_key))?;
        let edited = leaves
            .iter()
            .filter(|(_, _, l)| l.iter().any(|(_, d)| !is_deleted(d)))
            .map(|(s, _, _)| *s)
            .filter(|s| *s != "audit")
            .collect();
        let label = match self.kept(case, &leaves, None).await {
            Some((sections, at)) => case_sections::join(&sections, at)
                .ok()
                .and_then(|v| migrate(v).ok())
                .map(|c| CaseSummary::of(&c).label),
            None => None,
        };
        Ok(DeletionView { case: case.to_owned(), label, edited })
    }

    /// A person settles a deletion against an edit for the whole case: keep the edit (the
    /// deletions are closed and the sections nobody edited come back as they were) or confirm
    /// the deletion (the edits are closed and the case leaves this phone). Nothing is written if
    /// a section the kept case needs cannot be found.
    pub async fn resolve_deletion(
        &mut self,
        case: &str,
        keep_edit: bool,
        vault: &mut UnlockedVault<IndexEntry>,
    ) -> Result<(), CaseSyncError> {
        self.exported.remove(case);
        let leaves =
            self.case_leaves(case).await.map_err(|r| CaseSyncError::Merge(r.message_key))?;
        let in_vault: Option<Value> = vault.get(case).await?;
        let vault_sections = in_vault.as_ref().map(split).transpose()?;
        // One time for the restored sections and the case, as the other phones will join it.
        let at = now();
        // Everything the result needs is read before anything is written.
        let kept = if keep_edit {
            let Some((sections, edited_at)) =
                self.kept(case, &leaves, vault_sections.as_ref()).await
            else {
                return Err(CaseSyncError::Merge("sync.deletion.cannot_restore"));
            };
            let record = migrate(case_sections::join(&sections, edited_at.max(at))?)
                .map_err(|_| SectionError::NotACase)?;
            Some((sections, record))
        } else {
            None
        };
        let (kid, key) = self.case_key(case).await?;
        for (section, id, revs) in &leaves {
            let marked: Vec<(Rev, bool)> =
                revs.iter().map(|(r, d)| (r.clone(), is_deleted(d))).collect();
            let mut synced = None;
            for step in settle(&marked, keep_edit) {
                match step {
                    Settle::Keep(rev) => synced = synced.or(Some(rev)),
                    Settle::Close(rev) => {
                        self.replica.write(
                            id,
                            Some(&rev),
                            Content::Tombstone,
                            random_bytes::<16>()?,
                        )?;
                    }
                    Settle::Restore(rev) => {
                        let data = kept
                            .as_ref()
                            .and_then(|(s, _)| s.get(section).cloned())
                            .ok_or(SectionError::MissingSection(section))?;
                        let doc = SectionDoc { case: case.to_owned(), section, at, data };
                        let written = self
                            .write(
                                &key,
                                &kid,
                                id,
                                Some(&rev),
                                &doc.to_json(),
                                random_bytes::<16>()?,
                            )
                            .await?;
                        synced = Some(written);
                    }
                    Settle::Delete(rev) => {
                        let like = revs
                            .iter()
                            .find(|(r, _)| *r == rev)
                            .map(|(_, d)| d.to_json().to_string().len())
                            .unwrap_or(0);
                        let doc = deletion_doc(case, section, at, like);
                        let written = self
                            .write(&key, &kid, id, Some(&rev), &doc, random_bytes::<16>()?)
                            .await?;
                        synced = Some(written);
                    }
                }
            }
            if let Some(synced) = synced {
                let section = (*section).to_owned();
                self.set_link(id, Link { case: case.to_owned(), section, synced: Some(synced) });
            }
        }
        self.replica.flush().await?;
        match kept {
            Some((_, record)) => {
                vault.put(case, &record, IndexEntry::Case(CaseSummary::of(&record))).await?;
            }
            None => {
                if in_vault.is_some() {
                    vault.delete(case).await?;
                }
            }
        }
        self.deletion_conflicts.remove(case);
        Ok(())
    }
}

fn counts(leaves: &CaseLeaves) -> Vec<SectionLeaves> {
    leaves
        .iter()
        .map(|(_, _, l)| {
            let deletions = l.iter().filter(|(_, d)| is_deleted(d)).count();
            SectionLeaves { deletions, edits: l.len() - deletions }
        })
        .collect()
}
