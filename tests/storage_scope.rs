//! Browser tests of storage scoped by the deployment's path (real IndexedDB and localStorage in
//! headless Chromium): two paths of one origin keep separate vaults, a vault under the unscoped
//! name is copied under a sub-path and left in place, a scoped vault (even one a wipe emptied) is
//! never written over, two tabs copy once, and the plain-storage keys follow the same rules.

#![cfg(target_arch = "wasm32")]

mod support;

use gloo_storage::{LocalStorage, Storage};
use senda::base_path::BasePath;
use senda::storage_names::{self, adopt_plain_storage, CHILD_MODE, SETTINGS};
use senda::vault::{Vault, VaultError, VaultStatus, DATABASE_NAME};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn under(path: &str) -> BasePath {
    BasePath::from_base_uri(&format!("http://127.0.0.1:8080{path}"))
}

async fn delete(names: &[&str]) {
    for name in names {
        support::delete_database(name).await;
    }
}

#[wasm_bindgen_test]
fn the_test_page_is_a_root_deployment_whose_names_are_unchanged() {
    assert_eq!(senda::base_path::from_document().as_str(), "");
    assert_eq!(storage_names::scoped(DATABASE_NAME), "senda-vault");
    assert_eq!(storage_names::scoped(SETTINGS), "senda.settings");
}

/// What the app does at start: opens `scoped`, copying `legacy` in when `scoped` does not exist.
async fn open_adopting(legacy: &str, scoped: &str) -> Vault {
    match Vault::open_adopting(legacy, scoped).await {
        Ok(v) => v,
        Err(e) => panic!("open {scoped}: {e}"),
    }
}

#[wasm_bindgen_test]
async fn two_paths_of_one_origin_keep_separate_vaults() {
    let legacy = "t-scope-two";
    let a = under("/a/").scoped(legacy);
    let b = under("/b/").scoped(legacy);
    delete(&[legacy, &a, &b]).await;
    let vault_a = open_adopting(legacy, &a).await;
    assert!(
        !database_names().await.contains(&format!("\"{legacy}\"")),
        "the unscoped name was created"
    );
    let mut cases_a = create(&vault_a).await;
    put(&mut cases_a, "c1", "Luz", "en /a/").await;
    cases_a.lock();

    let vault_b = open_adopting(legacy, &b).await;
    assert_eq!(vault_b.status().await, Ok(VaultStatus::NotCreated), "/b/ sees /a/'s vault");
    let mut cases_b = match vault_b.create(NEW_PASSCODE).await {
        Ok(v) => v,
        Err(e) => panic!("create b: {e}"),
    };
    put(&mut cases_b, "c2", "Ana", "en /b/").await;
    cases_b.lock();

    let mut cases_a = unlock(&open_adopting(legacy, &a).await, PASSCODE).await;
    assert_eq!(cases_a.ids(), vec!["c1"]);
    assert_eq!(get(&mut cases_a, "c1").await.expect("get").map(|c| c.notes), Some("en /a/".into()));
    let cases_b = unlock(&open_adopting(legacy, &b).await, NEW_PASSCODE).await;
    assert_eq!(cases_b.ids(), vec!["c2"]);
}

#[wasm_bindgen_test]
async fn a_vault_under_the_unscoped_name_is_copied_under_a_sub_path_and_left_in_place() {
    let legacy = "t-scope-legacy";
    let scoped = under("/senda/").scoped(legacy);
    delete(&[legacy, &scoped]).await;
    let mut cases = create(&fresh(legacy).await).await;
    put(&mut cases, "c1", "Luz", "llegó sola, 14 años").await;
    put(&mut cases, "c2", "Ana", "con su tía").await;
    cases.lock();
    let before = raw_bytes(legacy).await;

    let vault = open_adopting(legacy, &scoped).await;
    assert_eq!(raw_bytes(&scoped).await, before, "the copy differs");
    for store in ["meta", "records", "index", "quarantine"] {
        assert_eq!(raw_keys(&scoped, store).await, raw_keys(legacy, store).await, "{store}");
    }
    assert_eq!(raw_bytes(legacy).await, before, "the unscoped vault changed");

    let mut cases = unlock(&vault, PASSCODE).await;
    assert_eq!(cases.ids(), vec!["c1", "c2"]);
    let (expected, _) = case("Luz", "llegó sola, 14 años");
    assert_eq!(get(&mut cases, "c1").await, Ok(Some(expected)));
    put(&mut cases, "c3", "Eva", "después de copiar").await;
    cases.lock();

    // Later starts keep the scoped copy, and what it gained; the unscoped one stays as it was.
    let vault = open_adopting(legacy, &scoped).await;
    assert_eq!(unlock(&vault, PASSCODE).await.ids(), vec!["c1", "c2", "c3"]);
    assert_eq!(raw_bytes(legacy).await, before);
    assert_eq!(unlock(&reopen(legacy).await, PASSCODE).await.ids(), vec!["c1", "c2"]);

    // Wiped under the sub-path, the vault stays wiped, and the unscoped copy it was made from
    // is erased too: a wipe leaves none of the vault's records behind under the old name.
    let cases = unlock(&open_adopting(legacy, &scoped).await, PASSCODE).await;
    cases.wipe().await.expect("wipe");
    let vault = open_adopting(legacy, &scoped).await;
    assert_eq!(vault.status().await, Ok(VaultStatus::NotCreated));
    assert_eq!(reopen(legacy).await.status().await, Ok(VaultStatus::NotCreated), "old copy kept");
    for store in ["meta", "records", "index", "quarantine"] {
        assert_eq!(raw_keys(legacy, store).await, "[]", "{store} of the unscoped copy");
    }
}

#[wasm_bindgen_test]
async fn ten_wrong_passcodes_under_a_sub_path_erase_the_unscoped_copy_too() {
    let legacy = "t-scope-attempts";
    let scoped = under("/senda/").scoped(legacy);
    delete(&[legacy, &scoped]).await;
    let mut cases = create(&fresh(legacy).await).await;
    put(&mut cases, "c1", "Luz", "llegó sola").await;
    let mut policy = senda_core::vault::policy::VaultPolicy::default();
    policy.wipe.after_failures = 3;
    cases.set_policy(policy).await.expect("policy");
    cases.lock();
    let vault = open_adopting(legacy, &scoped).await;
    let mut wiped = false;
    for _ in 0..3 {
        if matches!(vault.unlock::<CaseSummary>("no es la clave").await, Err(VaultError::Wiped)) {
            wiped = true;
            break;
        }
    }
    assert!(wiped, "the wrong passcodes never wiped the vault");
    assert_eq!(vault.status().await, Ok(VaultStatus::NotCreated));
    assert_eq!(raw_keys(legacy, "records").await, "[]", "the unscoped copy kept its records");
    assert_eq!(reopen(legacy).await.status().await, Ok(VaultStatus::NotCreated));
}

#[wasm_bindgen_test]
async fn a_scoped_vault_is_never_overwritten_by_the_unscoped_one() {
    let legacy = "t-scope-keep";
    let scoped = under("/senda/").scoped(legacy);
    delete(&[legacy, &scoped]).await;
    let mut old = create(&fresh(legacy).await).await;
    put(&mut old, "old", "Luz", "antes").await;
    old.lock();
    let mut new = match fresh(&scoped).await.create(NEW_PASSCODE).await {
        Ok(v) => v,
        Err(e) => panic!("create scoped: {e}"),
    };
    put(&mut new, "new", "Ana", "después").await;
    new.lock();
    let (legacy_before, scoped_before) = (raw_bytes(legacy).await, raw_bytes(&scoped).await);

    let vault = open_adopting(legacy, &scoped).await;
    assert_eq!(raw_bytes(&scoped).await, scoped_before, "the scoped vault was written");
    assert_eq!(raw_bytes(legacy).await, legacy_before);
    assert_eq!(unlock(&vault, NEW_PASSCODE).await.ids(), vec!["new"]);

    // Nor is one that exists with nothing in it (opened when there was nothing to copy).
    let empty = under("/other/").scoped(legacy);
    drop(fresh(&empty).await);
    let vault = open_adopting(legacy, &empty).await;
    assert_eq!(vault.status().await, Ok(VaultStatus::NotCreated));
}

#[wasm_bindgen_test]
async fn two_tabs_starting_at_once_copy_once() {
    let legacy = "t-scope-race";
    let scoped = under("/senda/").scoped(legacy);
    delete(&[legacy, &scoped]).await;
    let mut cases = create(&fresh(legacy).await).await;
    put(&mut cases, "c1", "Luz", "una vez").await;
    cases.lock();
    let before = raw_bytes(legacy).await;

    let (first, second) = futures::future::join(
        Vault::open_adopting(legacy, &scoped),
        Vault::open_adopting(legacy, &scoped),
    )
    .await;
    assert_eq!(raw_bytes(&scoped).await, before);
    for vault in [first.expect("first"), second.expect("second")] {
        assert_eq!(unlock(&vault, PASSCODE).await.ids(), vec!["c1"]);
    }
}

#[wasm_bindgen_test]
async fn the_root_keeps_the_unscoped_database() {
    let name = under("/").scoped(DATABASE_NAME);
    assert_eq!(name, DATABASE_NAME);
}

#[wasm_bindgen_test]
fn plain_storage_keys_are_copied_once_and_never_over_a_scoped_one() {
    let base = under("/t-plain/");
    let storage = LocalStorage::raw();
    let (settings, child) = (base.scoped(SETTINGS), base.scoped(CHILD_MODE));
    for key in [SETTINGS, CHILD_MODE, settings.as_str(), child.as_str()] {
        storage.remove_item(key).unwrap();
    }
    storage.set_item(SETTINGS, r#"{"version":1,"locale":"fr"}"#).unwrap();
    storage.set_item(CHILD_MODE, r#"{"version":1,"on":true,"idle_minutes":5}"#).unwrap();
    storage.set_item(&child, r#"{"version":1,"on":false,"idle_minutes":5}"#).unwrap();

    adopt_plain_storage(&base);
    assert_eq!(
        storage.get_item(&settings).unwrap().as_deref(),
        Some(r#"{"version":1,"locale":"fr"}"#)
    );
    assert_eq!(
        storage.get_item(&child).unwrap().as_deref(),
        Some(r#"{"version":1,"on":false,"idle_minutes":5}"#),
        "a scoped key was overwritten"
    );
    // The unscoped keys stay for whoever else on this origin reads them.
    assert_eq!(
        storage.get_item(SETTINGS).unwrap().as_deref(),
        Some(r#"{"version":1,"locale":"fr"}"#)
    );

    // Copied once: a later change of the unscoped key does not follow.
    storage.set_item(SETTINGS, r#"{"version":1,"locale":"en"}"#).unwrap();
    adopt_plain_storage(&base);
    assert_eq!(
        storage.get_item(&settings).unwrap().as_deref(),
        Some(r#"{"version":1,"locale":"fr"}"#)
    );

    // At the root there is nothing to copy: the names are the unscoped ones.
    adopt_plain_storage(&under("/"));
    assert_eq!(
        storage.get_item(SETTINGS).unwrap().as_deref(),
        Some(r#"{"version":1,"locale":"en"}"#)
    );
    for key in [SETTINGS, CHILD_MODE, settings.as_str(), child.as_str()] {
        storage.remove_item(key).unwrap();
    }
}
