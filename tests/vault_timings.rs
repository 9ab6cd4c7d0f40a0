//! Timing note for the vault in headless Chromium: unlock (PBKDF2 600,000 + the index of 2,000
//! records), list and search, get and put of one record. Prints figures; asserts none of them
//! (the project's benchmark owns targets). Run with `-- --nocapture` to see them.

#![cfg(target_arch = "wasm32")]

mod support;

use senda::vault::crypto::pbkdf2_key;
use senda_core::vault::header::KdfParams;
use serde::{Deserialize, Serialize};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const RECORDS: usize = 2_000;

/// Summary of the size a case list needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct ListEntry {
    alias: String,
    status: String,
    risk: String,
    updated: String,
}

/// A record of about the size of a complete case (~4 KB of JSON).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct FullCase {
    alias: String,
    notes: Vec<String>,
    answers: Vec<(String, bool)>,
    audit: Vec<(String, String)>,
}

fn full_case(i: usize) -> (String, FullCase, ListEntry) {
    let alias = format!("Niña {i} {}", ["Ana", "Luz", "Río", "Zoé", "Iker"][i % 5]);
    let record = FullCase {
        alias: alias.clone(),
        notes: (0..12)
            .map(|n| {
                format!("Nota {n} del caso {i}: llegó con su tía, refiere que viajó tres semanas.")
            })
            .collect(),
        answers: (0..60).map(|n| (format!("indicador.{n}"), (n + i).is_multiple_of(3))).collect(),
        audit: (0..20)
            .map(|n| (format!("2026-11-{:02}T10:{:02}:00Z", n % 28 + 1, n), "editado".into()))
            .collect(),
    };
    let summary = ListEntry {
        alias,
        status: if i.is_multiple_of(7) { "closed".into() } else { "open".into() },
        risk: ["high", "medium", "low"][i % 3].into(),
        updated: format!("2026-11-{:02}T{:02}:00:00Z", i % 28 + 1, i % 24),
    };
    (format!("case-{i:05}"), record, summary)
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

#[wasm_bindgen_test]
async fn timings_of_the_vault_with_2000_cases() {
    let db = "t-timings";
    let vault = fresh(db).await;
    let mut cases = match vault.create::<ListEntry>(PASSCODE).await {
        Ok(v) => v,
        Err(e) => panic!("{e}"),
    };
    let plain_bytes: usize =
        (0..RECORDS).map(|i| serde_json::to_vec(&full_case(i).1).map_or(0, |v| v.len())).sum();
    let start = now();
    cases.put_many((0..RECORDS).map(full_case)).await.expect("fill");
    let fill_ms = now() - start;
    cases.lock();

    let start = now();
    let _key = pbkdf2_key(PASSCODE, &KdfParams::pbkdf2([1; 16])).await.expect("derive");
    let derive_ms = now() - start;

    let vault = reopen(db).await;
    let start = now();
    let mut cases = vault.unlock::<ListEntry>(PASSCODE).await.expect("unlock");
    let unlock_ms = now() - start;
    assert_eq!(cases.summaries().count(), RECORDS);

    let start = now();
    let mut list: Vec<(&str, &ListEntry)> = cases.summaries().collect();
    list.sort_by(|a, b| b.1.updated.cmp(&a.1.updated));
    let list_ms = now() - start;
    let start = now();
    let found = cases
        .summaries()
        .filter(|(_, s)| s.alias.to_lowercase().contains("río") && s.risk == "high")
        .count();
    let search_ms = now() - start;
    assert!(found > 0);

    let (mut gets, mut puts) = (Vec::new(), Vec::new());
    for i in 0..20 {
        let id = format!("case-{:05}", i * 97);
        let start = now();
        let record: FullCase = cases.get(&id).await.expect("get").expect("present");
        gets.push(now() - start);
        let mut summary = cases.summary(&id).cloned().expect("listed");
        summary.status = "referred".into();
        let start = now();
        cases.put(&id, &record, summary).await.expect("put");
        puts.push(now() - start);
    }
    let usage = storage_usage().await;

    console_log!(
        "vault timings, headless Chromium, {RECORDS} records of ~{} B JSON each:",
        plain_bytes / RECORDS
    );
    console_log!("  PBKDF2-SHA-256 600k derivation alone: {derive_ms:.0} ms");
    console_log!(
        "  unlock (count, derive, key check, load + decrypt index of {RECORDS}): {unlock_ms:.0} ms"
    );
    console_log!(
        "  list sorted by last change: {list_ms:.2} ms; search alias+risk: {search_ms:.2} ms"
    );
    console_log!("  get one record (median of 20): {:.1} ms", median(gets));
    console_log!("  put one record + rewrite index (median of 20): {:.1} ms", median(puts));
    console_log!("  first fill, put_many of {RECORDS} in one transaction: {fill_ms:.0} ms");
    console_log!(
        "  origin storage usage after the fill (navigator.storage.estimate): {:.1} MB",
        usage / 1e6
    );
}
