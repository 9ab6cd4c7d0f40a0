//! The key worker's wasm: Argon2id (senda-core's `vault::kdf::argon2id`) over bytes the worker script (public/kdf_worker.js) writes into this module's memory; no wasm-bindgen, no imports.
//!
//! Memory is one buffer per derivation, `[passcode][salt][key out]`; the passcode is zeroed as
//! soon as the key is derived, and the page ends the worker (and so this memory, Argon2id's
//! 64 MiB with it) after each key.

use senda_core::vault::kdf::{argon2id, Argon2idCost, Argon2idError, KEY_LEN};

/// A zeroed buffer of `len` bytes for the worker script to fill (never freed: the worker ends).
#[no_mangle]
pub extern "C" fn kdf_alloc(len: usize) -> *mut u8 {
    let mut buffer = vec![0u8; len].into_boxed_slice();
    let ptr = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    ptr
}

fn zero(bytes: &mut [u8]) {
    for b in bytes.iter_mut() {
        // SAFETY: `b` is a valid, exclusive reference; volatile so the zeroing is not dropped.
        unsafe { std::ptr::write_volatile(b, 0) };
    }
}

/// Derives the key of the passcode and salt at `buffer` into the `KEY_LEN` bytes after them:
/// 0 when derived, 1 for a cost no vault header may name, 2 for an input Argon2id refuses.
///
/// # Safety
/// `buffer` must come from [`kdf_alloc`] with at least `passcode_len + salt_len + KEY_LEN` bytes.
#[no_mangle]
pub unsafe extern "C" fn kdf_derive(
    buffer: *mut u8,
    passcode_len: usize,
    salt_len: usize,
    memory_kib: u32,
    passes: u32,
    lanes: u32,
) -> u32 {
    // SAFETY: the caller gives a buffer of this length from `kdf_alloc`.
    let bytes =
        unsafe { std::slice::from_raw_parts_mut(buffer, passcode_len + salt_len + KEY_LEN) };
    let (passcode, rest) = bytes.split_at_mut(passcode_len);
    let (salt, out) = rest.split_at_mut(salt_len);
    let derived = argon2id(passcode, salt, Argon2idCost { memory_kib, passes, lanes });
    zero(passcode);
    match derived {
        Ok(mut key) => {
            out.copy_from_slice(&key);
            zero(&mut key);
            0
        }
        Err(Argon2idError::Cost) => 1,
        Err(Argon2idError::Input) => 2,
    }
}
