//! The locked vault: open its database (finishing or rolling back an interrupted passcode
//! change), say whether a vault exists and how many wrong passcodes were typed, create one,
//! unlock it — counting wrong passcodes and wiping at the limit — or wipe it.

use super::crypto::{derive_key, forget, new_salt, CryptoError};
use super::error::VaultError;
use super::store::{Contents, VaultStore, WriteBatch};
use super::unlocked::UnlockedVault;
use senda_core::vault::attempts::{AfterWrongPasscode, AttemptCount, BeforeAttempt};
use senda_core::vault::envelope::{additional_data, Slot};
use senda_core::vault::header::{KdfParams, VaultHeader, KEY_CHECK_PLAINTEXT};
use senda_core::vault::passcode::check_passcode;
use senda_core::vault::passcode_change::{plan_recovery, Recovery};
use senda_core::vault::policy::VaultPolicy;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// The IndexedDB database the app's vault lives in, unscoped: at the root this name, under a
/// sub-path `storage_names::scoped` of it.
pub const DATABASE_NAME: &str = "senda-vault";

/// Whether there is a vault, and the wrong-passcode count to show on the unlock screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VaultStatus {
    NotCreated,
    Locked(AttemptCount),
}

/// The vault while no key is in memory.
pub struct Vault {
    store: VaultStore,
    recovery: Recovery,
}

impl Vault {
    /// Opens the app's vault in this page's IndexedDB, under this deployment's name (see
    /// `open_adopting`).
    pub async fn open() -> Result<Vault, VaultError> {
        Vault::open_adopting(DATABASE_NAME, &crate::storage_names::scoped(DATABASE_NAME)).await
    }

    /// Opens the vault database `name` in this page's IndexedDB. The first time (no database
    /// `name` yet), a vault under `unscoped` is copied into it, record by record, read back and
    /// compared, and left where it was: an install under a sub-path from before the names were
    /// scoped. A database `name` that exists, even emptied by a wipe, is never written over; two
    /// tabs at once copy once (a Web Lock, and the emptiness check in the copy's transaction).
    pub async fn open_adopting(unscoped: &str, name: &str) -> Result<Vault, VaultError> {
        Vault::opened(VaultStore::open(&JsValue::UNDEFINED, name, unscoped).await?).await
    }

    /// Opens the vault database `name` in `factory` — an `IDBFactory` such as a storage bucket's
    /// `indexedDB`, or `undefined` for the page's own. Finishes or rolls back a passcode change a
    /// closed tab left halfway (see `senda_core::vault::passcode_change`).
    pub async fn open_in(factory: &JsValue, name: &str) -> Result<Vault, VaultError> {
        Vault::opened(VaultStore::open(factory, name, name).await?).await
    }

    async fn opened(store: VaultStore) -> Result<Vault, VaultError> {
        let recovery = recover(&store).await?;
        Ok(Vault { store, recovery })
    }

    /// What opening did about an interrupted passcode change.
    pub fn recovery(&self) -> Recovery {
        self.recovery
    }

    /// Whether a vault exists, and the wrong passcodes typed in a row.
    pub async fn status(&self) -> Result<VaultStatus, VaultError> {
        let stored = self.store.stored().await?;
        let Some(stored_header) = stored.header else {
            return Ok(VaultStatus::NotCreated);
        };
        let header = VaultHeader::from_bytes(&stored_header)?;
        Ok(VaultStatus::Locked(header.policy.wipe.count(stored.failed_attempts)))
    }

    /// Creates the vault with `passcode` (which must follow the passcode rules) and the default
    /// lock and wipe policy, and returns it unlocked.
    pub async fn create<S: Serialize + DeserializeOwned>(
        &self,
        passcode: &str,
    ) -> Result<UnlockedVault<S>, VaultError> {
        let problems = check_passcode(passcode);
        if !problems.is_empty() {
            return Err(VaultError::WeakPasscode(problems));
        }
        if self.store.stored().await?.header.is_some() {
            return Err(VaultError::AlreadyCreated);
        }
        let kdf = KdfParams::pbkdf2(new_salt()?);
        let key = derive_key(passcode, &kdf).await?;
        let key_check = key.seal(KEY_CHECK_PLAINTEXT, &additional_data(1, Slot::KeyCheck)).await?;
        let header = VaultHeader::new(kdf, &key_check, VaultPolicy::default());
        let stored_header = header.to_bytes();
        let mut batch = WriteBatch::new();
        batch
            .expect_header(None)
            .clear_everything()
            .put_header(&stored_header)
            .put_failed_attempts(0);
        self.store.write(batch).await.map_err(|e| match VaultError::from(e) {
            VaultError::ChangedElsewhere => VaultError::AlreadyCreated,
            other => other,
        })?;
        let empty = Contents { index: None, record_ids: Vec::new(), quarantine: Vec::new() };
        UnlockedVault::opened(self.store.clone(), key, header, stored_header, empty).await
    }

    /// Whether `passcode` is the vault's, without opening it and without counting the try
    /// towards the wipe limit. For leaving child mode, where a child's key presses must never
    /// erase the cases; the caller throttles the tries instead (`senda_core::child::exit_throttle`).
    pub async fn check_passcode(&self, passcode: &str) -> Result<bool, VaultError> {
        let stored = self.store.stored().await?;
        let header = VaultHeader::from_bytes(&stored.header.ok_or(VaultError::NotCreated)?)?;
        let key = derive_key(passcode, &header.kdf).await?;
        match key
            .open(&header.key_check()?, &additional_data(header.generation, Slot::KeyCheck))
            .await
        {
            Ok(mut plaintext) => {
                let genuine = plaintext == KEY_CHECK_PLAINTEXT;
                forget(&mut plaintext);
                Ok(genuine)
            }
            Err(CryptoError::NotAuthentic) => Ok(false),
            Err(other) => Err(other.into()),
        }
    }

    /// Unlocks with `passcode`. The attempt is counted before the key is derived and forgiven
    /// when it is right; at the policy's limit of wrong ones in a row, everything is wiped.
    pub async fn unlock<S: Serialize + DeserializeOwned>(
        &self,
        passcode: &str,
    ) -> Result<UnlockedVault<S>, VaultError> {
        let stored = self.store.stored().await?;
        let stored_header = stored.header.ok_or(VaultError::NotCreated)?;
        let header = VaultHeader::from_bytes(&stored_header)?;
        let wipe = header.policy.wipe;
        let counted = match wipe.before_attempt(stored.failed_attempts) {
            BeforeAttempt::WipeNow => return Err(self.wipe_for_attempts().await),
            BeforeAttempt::Try { count_in_advance } => count_in_advance,
        };
        let mut batch = WriteBatch::new();
        batch.expect_header(Some(&stored_header)).put_failed_attempts(counted);
        self.store.write(batch).await?;

        let key = derive_key(passcode, &header.kdf).await?;
        match key
            .open(&header.key_check()?, &additional_data(header.generation, Slot::KeyCheck))
            .await
        {
            Ok(mut plaintext) => {
                let genuine = plaintext == KEY_CHECK_PLAINTEXT;
                forget(&mut plaintext);
                if !genuine {
                    return Err(VaultError::Header(
                        senda_core::vault::header::HeaderError::Unreadable,
                    ));
                }
            }
            Err(CryptoError::NotAuthentic) => {
                return Err(match wipe.after_wrong(counted) {
                    AfterWrongPasscode::Wipe => self.wipe_for_attempts().await,
                    AfterWrongPasscode::TryAgain(count) => VaultError::WrongPasscode {
                        failed_attempts: count.failed,
                        attempts_left: count.left,
                    },
                });
            }
            Err(other) => return Err(other.into()),
        }
        let mut batch = WriteBatch::new();
        batch.put_failed_attempts(0);
        self.store.write(batch).await?;
        let contents = self.store.contents(header.generation).await?;
        UnlockedVault::opened(self.store.clone(), key, header, stored_header, contents).await
    }

    /// Erases everything the vault holds, in one transaction; then, under a sub-path, the copy
    /// it was made from under the unscoped name (`open_adopting`), which would otherwise keep
    /// the vault's records on the phone after a wipe.
    pub async fn wipe(&self) -> Result<(), VaultError> {
        let mut batch = WriteBatch::new();
        batch.clear_everything();
        self.store.write(batch).await?;
        Ok(self.store.clear_unscoped().await?)
    }

    async fn wipe_for_attempts(&self) -> VaultError {
        match self.wipe().await {
            Ok(()) => VaultError::Wiped,
            Err(e) => e,
        }
    }
}

/// Keeps only the generation the header names (see `senda_core::vault::passcode_change`). A
/// missing or unusable header is left for `status`/`unlock` to report; nothing is deleted then.
async fn recover(store: &VaultStore) -> Result<Recovery, VaultError> {
    let stored = store.stored().await?;
    let Some(stored_header) = stored.header else {
        return Ok(Recovery::default());
    };
    let Ok(header) = VaultHeader::from_bytes(&stored_header) else {
        return Ok(Recovery::default());
    };
    let live = header.generation;
    let plan = plan_recovery(store.leftovers(live, stored.pending.is_some()).await?);
    if plan.is_needed() {
        let mut batch = WriteBatch::new();
        batch.expect_header(Some(&stored_header));
        if plan.discard_older {
            batch.discard_older_than(live);
        }
        if plan.discard_newer {
            batch.discard_newer_than(live);
        }
        if plan.clear_pending {
            batch.delete_pending();
        }
        store.write(batch).await?;
    }
    Ok(plan.outcome)
}
