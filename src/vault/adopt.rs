//! Carries an install under a sub-path over to its scoped database name: the vault's unscoped
//! database is copied, verified, into the scoped one when that does not exist yet (`adopt.js`),
//! and left as it was.

use super::error::VaultError;
use super::store::StoreError;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/src/vault/adopt.js")]
extern "C" {
    fn adopt(from: &str, to: &str) -> js_sys::Promise;
}

/// What starting under a scoped name did with the unscoped database.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Adoption {
    /// The names are the same (a root deployment): nothing to do.
    SameName,
    /// No unscoped database, or one that holds nothing.
    NothingToCopy,
    /// The scoped database exists already (even empty, as a wipe leaves it): it was not touched.
    KeptScoped,
    /// Every record was copied and read back the same.
    Copied,
}

/// Copies the database `legacy` into `scoped` if `scoped` does not exist and `legacy` holds
/// something, then compares the copy with what was read (same keys, same bytes). Never writes to
/// `legacy` nor into an existing `scoped` — one a wipe emptied stays empty, so a wiped vault never
/// comes back from the unscoped copy; two tabs at once copy once (a Web Lock; the emptiness check
/// and the copy in one transaction besides). A copy that fails or reads back differently is
/// deleted, and the error returned: the next start copies again.
pub async fn adopt_legacy(legacy: &str, scoped: &str) -> Result<Adoption, VaultError> {
    if legacy == scoped {
        return Ok(Adoption::SameName);
    }
    let outcome = JsFuture::from(adopt(legacy, scoped))
        .await
        .map_err(|e| VaultError::from(StoreError::from_js(e)))?;
    Ok(match outcome.as_string().as_deref() {
        Some("copied") => Adoption::Copied,
        Some("kept") => Adoption::KeptScoped,
        _ => Adoption::NothingToCopy,
    })
}
