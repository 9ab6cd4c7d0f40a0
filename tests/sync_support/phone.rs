//! A test "phone" for the two-phone sync tests: its own vault and IndexedDB replica in the page,
//! the team's cases wired between them, and the few acts the tests repeat (save, load, sync,
//! rename, discard). Included with `#[path]` by the tests that use it.
#![allow(dead_code)]

use chrono::{DateTime, Utc};
use senda::sync::crypto::{KeyKind, SecretKey};
use senda::sync::local_replica::IdbReplica;
use senda::sync::team_cases::{Applied, TeamCases};
use senda::sync::transport::Transport;
use senda::vault::{UnlockedVault, Vault};
use senda_core::case::{migrate, Case, CaseSummary, WorkerLabel};
use senda_core::index_entry::IndexEntry;
use serde_json::Value;
use wasm_bindgen::JsValue;

use super::sync_support::{fresh_db, opaque};

pub struct Phone {
    /// The replica's IndexedDB name (to open it again, or delete it).
    pub replica: String,
    pub vault: UnlockedVault<IndexEntry>,
    pub team: TeamCases,
}

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).expect("now")
}

/// A new phone of the team whose key is `team_key`: an empty vault and an empty replica.
pub async fn phone(team_key: &SecretKey) -> Phone {
    let vault_name = format!("senda-test-vault-{}", opaque());
    let replica = format!("senda-sync-{}", opaque());
    let vault = Vault::open_in(&JsValue::UNDEFINED, &vault_name).await.expect("open vault");
    let vault = vault.create::<IndexEntry>("ámbar lento del río").await.expect("create vault");
    let idb = IdbReplica::open(&replica).await.expect("replica");
    let team = TeamCases::open(idb, team_key.clone(), 1).await.expect("team cases");
    Phone { replica, vault, team }
}

/// A fresh database on the test server, the team key, and two phones of that team.
pub async fn team_of_two() -> (Transport, SecretKey, Phone, Phone) {
    let (_, db) = fresh_db().await;
    let key = SecretKey::generate(KeyKind::Team).await.expect("team key");
    let (a, b) = (phone(&key).await, phone(&key).await);
    (db, key, a, b)
}

impl Phone {
    pub async fn save(&mut self, case: &Case) {
        let summary = IndexEntry::Case(CaseSummary::of(case));
        self.vault.put(&case.id().to_string(), case, summary).await.expect("save case");
    }

    pub async fn load(&mut self, id: &str) -> Option<Case> {
        let value: Option<Value> = self.vault.get(id).await.expect("read case");
        value.map(|v| migrate(v).expect("a readable case"))
    }

    pub async fn sync(&mut self, db: &Transport) -> Applied {
        self.team.sync_now(&mut self.vault, db).await.expect("sync")
    }

    /// Changes the case's alias on this phone and saves it.
    pub async fn rename(&mut self, id: &str, alias: &str) {
        let mut case = self.load(id).await.expect("case");
        let mut profile = case.profile().clone();
        profile.alias = alias.into();
        case.edit_profile(profile, now(), &WorkerLabel::new("W"));
        self.save(&case).await;
    }

    /// Locks the vault and deletes the replica.
    pub async fn discard(self) {
        let Phone { replica, team, vault } = self;
        team.replica.close();
        vault.lock();
        IdbReplica::delete(&replica).await.expect("delete replica");
    }
}
