//! Benchmark support, compiled only with `--features bench` (never in the shipped build): fills
//! the vault with invented cases through the real vault code, so the benchmark can time the
//! real screens with 2,000 cases.

use crate::session::{now, IndexEntry};
use crate::vault::Vault;
use senda_core::case::{sample_case, CaseSummary};
use wasm_bindgen::prelude::*;

/// Creates a vault with `passcode` holding `count` invented cases; the page must be reloaded
/// afterwards so the app opens the vault as a worker would.
#[wasm_bindgen]
pub async fn senda_bench_fill(passcode: String, count: u32) -> Result<(), JsValue> {
    let err = |e: crate::vault::VaultError| JsValue::from_str(&e.to_string());
    let vault = Vault::open().await.map_err(err)?;
    let mut open = vault.create::<IndexEntry>(&passcode).await.map_err(err)?;
    open.put("worker", &"BENCH".to_owned(), IndexEntry::Worker("BENCH".to_owned()))
        .await
        .map_err(err)?;
    let today = now();
    for start in (0..count).step_by(250) {
        let batch = (start..(start + 250).min(count)).map(|n| {
            let case = sample_case(n, today);
            (case.id().to_string(), case.clone(), IndexEntry::Case(CaseSummary::of(&case)))
        });
        open.put_many(batch).await.map_err(err)?;
    }
    Ok(())
}
