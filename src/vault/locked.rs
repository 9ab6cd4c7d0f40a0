//! The locked vault: open its database (finishing or rolling back an interrupted passcode
//! change or format move), say whether a vault exists and how many wrong passcodes were typed,
//! create one (format 2, its passcode key from Argon2id), unlock it — asking a format-4 vault's
//! authenticator first, counting wrong passcodes, wiping at the limit, and moving a
//! format-1 vault to format 2 — or wipe it (crypto-erase first: see `erase`).

use super::crypto::{data_keys, forget, new_salt, random_bytes, CryptoError, VaultKey};
use super::erase::{erase, erase_key};
use super::error::VaultError;
use super::kdf::{passcode_key, wrapping_key};
use super::migration::{move_to_format_2, StopMove};
use super::second_factor::{evaluate, PrfOutput};
use super::store::{Contents, VaultStore, WriteBatch};
use super::unlocked::UnlockedVault;
use senda_core::vault::attempts::{AfterWrongPasscode, AttemptCount, BeforeAttempt};
use senda_core::vault::data_key::{
    plan_format_move, wrapped_key_additional_data, FormatMove, FormatState, HeaderV2, DATA_KEY_LEN,
    HEADER_FORMAT_2,
};
use senda_core::vault::envelope::{additional_data, Slot};
use senda_core::vault::header::{HeaderError, KdfParams, VaultHeader, KEY_CHECK_PLAINTEXT};
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
    /// A newer Senda wrote the header (a format or a KDF this version does not know): update.
    Newer,
}

/// The vault while no key is in memory.
pub struct Vault {
    store: VaultStore,
    recovery: Recovery,
}

/// Whether an unlock counts a wrong passcode towards the wipe limit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tries {
    Counted,
    /// Leaving child mode: the caller throttles instead, and nothing is ever wiped.
    Uncounted,
}

/// How an unlock ended, when it raised no error.
enum Opening<S> {
    Open(Box<UnlockedVault<S>>),
    /// A test stopped the format move (`StopMove`).
    Stopped,
    /// An uncounted try with a wrong passcode (a counted one is `VaultError::WrongPasscode`).
    Wrong,
}

/// A stored header of either format: format 1 (records sealed under the passcode key, moved to
/// format 2 at the next unlock) or format 2.
enum AnyHeader {
    One(VaultHeader),
    Two(HeaderV2),
}

impl AnyHeader {
    fn from_bytes(bytes: &[u8]) -> Result<AnyHeader, HeaderError> {
        match bytes.first() {
            Some(&f) if f >= HEADER_FORMAT_2 => HeaderV2::from_bytes(bytes).map(AnyHeader::Two),
            _ => VaultHeader::from_bytes(bytes).map(AnyHeader::One),
        }
    }

    fn kdf(&self) -> &KdfParams {
        match self {
            AnyHeader::One(h) => &h.kdf,
            AnyHeader::Two(h) => &h.kdf,
        }
    }

    fn policy(&self) -> VaultPolicy {
        match self {
            AnyHeader::One(h) => h.policy,
            AnyHeader::Two(h) => h.policy,
        }
    }

    /// Asks the authenticator for a format-4 header's PRF output (before anything is counted).
    async fn second_factor(&self) -> Result<Option<PrfOutput>, VaultError> {
        match self {
            AnyHeader::Two(HeaderV2 { second_factor: Some(factor), .. }) => {
                Ok(Some(evaluate(factor).await?))
            }
            _ => Ok(None),
        }
    }

    fn generation(&self) -> u32 {
        match self {
            AnyHeader::One(h) => h.generation,
            AnyHeader::Two(h) => h.generation,
        }
    }
}

/// What the passcode key opened: format 1's key check, or format 2's data key.
enum Proof {
    One,
    Two(Vec<u8>),
}

/// Whether `key` is the passcode key of `header`: `None` for a wrong passcode.
async fn prove(key: &VaultKey, header: &AnyHeader) -> Result<Option<Proof>, VaultError> {
    let opened = match header {
        AnyHeader::One(h) => {
            key.open(&h.key_check()?, &additional_data(h.generation, Slot::KeyCheck)).await
        }
        AnyHeader::Two(h) => {
            key.open(&h.wrapped_key()?, &wrapped_key_additional_data(h.generation)).await
        }
    };
    match (opened, header) {
        (Ok(mut plaintext), AnyHeader::One(_)) => {
            let genuine = plaintext == KEY_CHECK_PLAINTEXT;
            forget(&mut plaintext);
            if genuine {
                Ok(Some(Proof::One))
            } else {
                Err(VaultError::Header(HeaderError::Unreadable))
            }
        }
        (Ok(data_key), AnyHeader::Two(_)) => Ok(Some(Proof::Two(data_key))),
        (Err(CryptoError::NotAuthentic), _) => Ok(None),
        (Err(other), _) => Err(other.into()),
    }
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
    /// `indexedDB`, or `undefined` for the page's own. Finishes or rolls back a passcode change or
    /// a format move a closed tab left halfway (see `senda_core::vault::passcode_change` and
    /// `senda_core::vault::data_key::plan_format_move`).
    pub async fn open_in(factory: &JsValue, name: &str) -> Result<Vault, VaultError> {
        Vault::opened(VaultStore::open(factory, name, name).await?).await
    }

    async fn opened(store: VaultStore) -> Result<Vault, VaultError> {
        let recovery = recover(&store).await?;
        Ok(Vault { store, recovery })
    }

    /// What opening did about an interrupted passcode change or format move.
    pub fn recovery(&self) -> Recovery {
        self.recovery
    }

    /// Whether a vault exists, and the wrong passcodes typed in a row.
    pub async fn status(&self) -> Result<VaultStatus, VaultError> {
        let stored = self.store.stored().await?;
        let Some(stored_header) = stored.header else {
            return Ok(VaultStatus::NotCreated);
        };
        let header = match AnyHeader::from_bytes(&stored_header) {
            Err(e) if e.is_newer() => return Ok(VaultStatus::Newer),
            header => header?,
        };
        Ok(VaultStatus::Locked(header.policy().wipe.count(stored.failed_attempts)))
    }

    /// Whether unlocking asks this device's authenticator too (header format 4), for the unlock
    /// screen to say so; `false` when there is no readable header.
    pub async fn has_second_factor(&self) -> bool {
        let Ok(stored) = self.store.stored().await else { return false };
        matches!(
            stored.header.as_deref().map(HeaderV2::from_bytes),
            Some(Ok(HeaderV2 { second_factor: Some(_), .. }))
        )
    }

    /// Creates the vault (format 2) with `passcode` (which must follow the passcode rules) and
    /// the default lock and wipe policy, and returns it unlocked: a random data key, wrapped
    /// under the passcode key; the records key and the storage-key HMAC key derived from it.
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
        // Argon2id in the key worker; where it cannot run, PBKDF2 (as before it), which the
        // next unlock with a working worker moves to Argon2id (`kdf::last_failure` says why).
        let salt = new_salt()?;
        let (kdf, key) = match passcode_key(passcode, &KdfParams::argon2id(salt)).await {
            Ok(key) => (KdfParams::argon2id(salt), key),
            Err(VaultError::KdfUnavailable) => {
                let kdf = KdfParams::pbkdf2(new_salt()?);
                let key = passcode_key(passcode, &kdf).await?;
                (kdf, key)
            }
            Err(e) => return Err(e),
        };
        let mut data_key = random_bytes::<DATA_KEY_LEN>()?;
        let wrapped = key.seal(&data_key, &wrapped_key_additional_data(1)).await;
        let keys = data_keys(&data_key).await;
        forget(&mut data_key);
        let (wrapped, keys) = (wrapped?, keys?);
        let header = HeaderV2 {
            kdf,
            generation: 1,
            policy: VaultPolicy::default(),
            counter: 0,
            second_factor: None,
            wrapped_key: wrapped.to_bytes(),
        };
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
        let empty =
            Contents { header: None, index: None, record_ids: Vec::new(), quarantine: Vec::new() };
        UnlockedVault::opened(self.store.clone(), keys, header, stored_header, empty).await
    }

    /// Whether `passcode` is the vault's, without opening it and without counting the try
    /// towards the wipe limit. For leaving child mode, where a child's key presses must never
    /// erase the cases; the caller throttles the tries instead (`senda_core::child::exit_throttle`).
    pub async fn check_passcode(&self, passcode: &str) -> Result<bool, VaultError> {
        let stored = self.store.stored().await?;
        let header = AnyHeader::from_bytes(&stored.header.ok_or(VaultError::NotCreated)?)?;
        let prf = header.second_factor().await?;
        let key = wrapping_key(passcode, header.kdf(), prf.as_ref().map(|p| &p.0)).await?;
        Ok(match prove(&key, &header).await? {
            Some(Proof::Two(mut data_key)) => {
                forget(&mut data_key);
                true
            }
            Some(Proof::One) => true,
            None => false,
        })
    }

    /// Unlocks with `passcode`. The attempt is counted before the key is derived and forgiven
    /// when it is right; at the policy's limit of wrong ones in a row, everything is wiped. A
    /// format-1 vault is moved to format 2 first (`migration`).
    pub async fn unlock<S: Serialize + DeserializeOwned>(
        &self,
        passcode: &str,
    ) -> Result<UnlockedVault<S>, VaultError> {
        self.unlock_stopping(passcode, StopMove::Never).await?.ok_or(VaultError::FormatMoveFailed)
    }

    /// Unlocks with `passcode` without counting a wrong one (`None`), for leaving child mode,
    /// whose tries the caller throttles (see [`Vault::check_passcode`]); a right one opens the
    /// vault as [`Vault::unlock`] does, with one key derivation instead of a check and an unlock.
    pub async fn unlock_uncounted<S: Serialize + DeserializeOwned>(
        &self,
        passcode: &str,
    ) -> Result<Option<UnlockedVault<S>>, VaultError> {
        match self.open_with(passcode, StopMove::Never, Tries::Uncounted).await? {
            Opening::Open(vault) => Ok(Some(*vault)),
            Opening::Stopped => Err(VaultError::FormatMoveFailed),
            Opening::Wrong => Ok(None),
        }
    }

    /// [`Vault::unlock`], stopping a format move where a test says (as a closed tab would):
    /// `None` when it stopped.
    #[doc(hidden)]
    pub async fn unlock_stopping<S: Serialize + DeserializeOwned>(
        &self,
        passcode: &str,
        stop: StopMove,
    ) -> Result<Option<UnlockedVault<S>>, VaultError> {
        match self.open_with(passcode, stop, Tries::Counted).await? {
            Opening::Open(vault) => Ok(Some(*vault)),
            Opening::Stopped => Ok(None),
            // A counted wrong try is an error (`WrongPasscode`, or `Wiped` at the limit).
            Opening::Wrong => Err(HeaderError::Unreadable.into()),
        }
    }

    async fn open_with<S: Serialize + DeserializeOwned>(
        &self,
        passcode: &str,
        stop: StopMove,
        tries: Tries,
    ) -> Result<Opening<S>, VaultError> {
        let stored = self.store.stored().await?;
        let stored_header = stored.header.ok_or(VaultError::NotCreated)?;
        let header = AnyHeader::from_bytes(&stored_header)?;
        // A format-4 vault's authenticator answers first: cancelled or failed, nothing is
        // counted and nothing opens (the passcode was not tried).
        let prf = header.second_factor().await?;
        let wipe = header.policy().wipe;
        let counted = match tries {
            Tries::Uncounted => stored.failed_attempts,
            Tries::Counted => match wipe.before_attempt(stored.failed_attempts) {
                BeforeAttempt::WipeNow => return Err(self.wipe_for_attempts().await),
                BeforeAttempt::Try { count_in_advance } => count_in_advance,
            },
        };
        // Counted without expecting the header unchanged: in format 2 every write of another
        // window raises the header's counter, and an unlock must not fail for that. A header
        // changed meanwhile is caught below, where the index is read with the header in force.
        if tries == Tries::Counted {
            let mut batch = WriteBatch::new();
            batch.put_failed_attempts(counted);
            self.store.write(batch).await?;
        }

        let key = match wrapping_key(passcode, header.kdf(), prf.as_ref().map(|p| &p.0)).await {
            Ok(key) => key,
            // No key could be derived (the key worker cannot run): the try proved nothing, so
            // it is not counted — a phone without its worker must never count towards the wipe.
            Err(e) => {
                if tries == Tries::Counted {
                    let mut batch = WriteBatch::new();
                    batch.put_failed_attempts(stored.failed_attempts);
                    self.store.write(batch).await?;
                }
                return Err(e);
            }
        };
        let Some(proof) = prove(&key, &header).await? else {
            if tries == Tries::Uncounted {
                return Ok(Opening::Wrong);
            }
            return Err(match wipe.after_wrong(counted) {
                AfterWrongPasscode::Wipe => self.wipe_for_attempts().await,
                AfterWrongPasscode::TryAgain(count) => VaultError::WrongPasscode {
                    failed_attempts: count.failed,
                    attempts_left: count.left,
                },
            });
        };
        let mut batch = WriteBatch::new();
        batch.put_failed_attempts(0);
        self.store.write(batch).await?;
        let (header, stored_header, keys) = match (proof, header) {
            (Proof::Two(mut data_key), AnyHeader::Two(header)) => {
                let keys = data_keys(&data_key).await;
                forget(&mut data_key);
                (header, stored_header, keys?)
            }
            (_, AnyHeader::One(old)) => {
                let Some(moved) =
                    move_to_format_2(&self.store, &key, &old, &stored_header, stop).await?
                else {
                    return Ok(Opening::Stopped);
                };
                (moved.header, moved.stored_header, moved.keys)
            }
            (Proof::One, AnyHeader::Two(_)) => return Err(HeaderError::Unreadable.into()),
        };
        let contents = self.store.contents(header.generation).await?;
        // Another window may have written since the header was read above (an autosave raises
        // the write counter): the header in force is the one read with the index. The same key
        // still opens it unless the passcode changed or the vault was wiped meanwhile.
        let (header, stored_header) = match contents.header.as_deref() {
            Some(now) if now == stored_header.as_slice() => (header, stored_header),
            Some(now) => {
                let newer = HeaderV2::from_bytes(now).map_err(|_| VaultError::ChangedElsewhere)?;
                let same_key = newer.generation == header.generation
                    && newer.kdf == header.kdf
                    && newer.second_factor == header.second_factor
                    && newer.wrapped_key == header.wrapped_key;
                if !same_key {
                    return Err(VaultError::ChangedElsewhere);
                }
                (newer, now.to_vec())
            }
            None => return Err(VaultError::ChangedElsewhere),
        };
        UnlockedVault::opened(self.store.clone(), keys, header, stored_header, contents)
            .await
            .map(|open| Opening::Open(Box::new(open)))
    }

    /// Erases everything the vault holds (see [`erase`]: the wrapped key first, in a
    /// transaction of its own; then every store; then, under a sub-path, the copy it was made
    /// from under the unscoped name, which would otherwise keep the vault's records on the phone).
    pub async fn wipe(&self) -> Result<(), VaultError> {
        erase(&self.store).await
    }

    /// Only the first step of a wipe, as if the deletion never reached the disk (for tests).
    #[doc(hidden)]
    pub async fn erase_key_only(&self) -> Result<(), VaultError> {
        erase_key(&self.store).await
    }

    async fn wipe_for_attempts(&self) -> VaultError {
        match self.wipe().await {
            Ok(()) => VaultError::Wiped,
            Err(e) => e,
        }
    }
}

/// Keeps only the generation the header names (see `senda_core::vault::passcode_change`), and
/// drops the pending header of a format move that never switched (`plan_format_move`: the copy
/// is in the next generation's slots, deleted with them; the move is made again at unlock). A
/// missing or unusable header is left for `status`/`unlock` to report; nothing is deleted then.
async fn recover(store: &VaultStore) -> Result<Recovery, VaultError> {
    let stored = store.stored().await?;
    let Some(stored_header) = stored.header else {
        return Ok(Recovery::default());
    };
    let Ok(header) = AnyHeader::from_bytes(&stored_header) else {
        return Ok(Recovery::default());
    };
    let live = header.generation();
    let format_move = plan_format_move(FormatState {
        header_format: if matches!(header, AnyHeader::Two(_)) { HEADER_FORMAT_2 } else { 1 },
        pending_v2_copy: stored.pending_format.is_some(),
    });
    let plan = plan_recovery(store.leftovers(live, stored.pending.is_some()).await?);
    let discard_copy = format_move == FormatMove::DiscardCopyThenMigrate;
    if plan.is_needed() || discard_copy {
        let mut batch = WriteBatch::new();
        batch.expect_header(Some(&stored_header));
        if plan.discard_older {
            batch.discard_older_than(live);
        }
        if plan.discard_newer || discard_copy {
            batch.discard_newer_than(live);
        }
        if plan.clear_pending {
            batch.delete_pending();
        }
        if discard_copy {
            batch.delete_pending_format();
        }
        store.write(batch).await?;
    }
    Ok(plan.outcome)
}
