//! Argon2id in wasm for the key-derivation benchmark (`scripts/bench_kdf.mjs`): one exported
//! function that derives a 32-byte key, so the page can time it beside WebCrypto's PBKDF2.

use argon2::{Algorithm, Argon2, Params, Version};
use wasm_bindgen::prelude::*;

/// Derives 32 bytes from `passcode` and `salt` with Argon2id (version 0x13) at `memory_kib`,
/// `passes` and one lane; an error names a parameter the crate refuses.
#[wasm_bindgen]
pub fn argon2id(passcode: &str, salt: &[u8], memory_kib: u32, passes: u32) -> Result<Vec<u8>, JsError> {
    let params = Params::new(memory_kib, passes, 1, Some(32)).map_err(|e| JsError::new(&e.to_string()))?;
    let mut out = vec![0u8; 32];
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(passcode.as_bytes(), salt, &mut out)
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(out)
}
