//! Browser tests of creating a team, inviting a phone and joining (real sync server, COUCH_URL at
//! compile time): the team database is members only, the invite's secret gives the new phone its
//! account and the team key, a wrong or expired code is refused, and a case made on the
//! coordinator's phone reaches the new one with each phone using its own account.

#![cfg(target_arch = "wasm32")]

mod sync_support;

use chrono::{DateTime, Duration, Utc};
use senda::sync::local_replica::IdbReplica;
use senda::sync::team::{create_invite, create_team, join, TeamError, TeamState};
use senda::sync::team_cases::TeamCases;
use senda::sync::transport::{Transport, TransportError};
use senda::vault::{UnlockedVault, Vault};
use senda_core::case::{migrate, sample_case, CaseSummary};
use senda_core::index_entry::IndexEntry;
use senda_core::sync::keys::KeyError;
use senda_core::sync::team_rules::JoinPayload;
use senda_core::workflow::role::Role;
use serde_json::Value;
use sync_support::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).expect("now")
}

async fn vault() -> UnlockedVault<IndexEntry> {
    let name = format!("senda-test-vault-{}", opaque());
    IdbReplica::delete(&name).await.expect("delete vault db");
    let vault = Vault::open_in(&JsValue::UNDEFINED, &name).await.expect("open vault");
    vault.create::<IndexEntry>("ámbar lento del río").await.expect("create vault")
}

async fn cases_of(state: &TeamState) -> TeamCases {
    let replica = IdbReplica::open(&state.replica).await.expect("replica");
    let key = state.team_key().await.expect("team key");
    TeamCases::open(replica, key, state.epoch).await.expect("team cases")
}

#[wasm_bindgen_test]
async fn a_coordinator_creates_a_team_invites_a_phone_and_a_case_reaches_it() {
    let server = server();
    let mut a =
        create_team(&server.origin, &server.admin, &server.password).await.expect("create team");
    assert!(a.coordinator && a.db.starts_with("senda-t-"));
    let admin = admin_of(&server, &a.db);
    assert_eq!(a.transport().unwrap().request("GET", "", None).await.expect("member").status, 200);
    let stranger = Transport::new(&server.origin, &a.db).unwrap();
    assert!(
        matches!(stranger.request("GET", "", None).await, Err(TransportError::Unauthorised { .. })),
        "members only"
    );

    let payload = create_invite(&mut a, now().timestamp(), Role::Caseworker).await.expect("invite");
    let text = payload.to_text();
    // The secret is in the code the phone shows, never in anything the server holds.
    let code = payload.invite.short_code().replace('-', "");
    let all = admin.request("GET", "_all_docs?include_docs=true", None).await.expect("scan");
    assert!(!all.body.to_string().contains(&code));

    // A mistyped code, another invite's code, an expired invite: refused, nothing joined.
    let mut typo = code.clone().into_bytes();
    typo[5] = if typo[5] == b'A' { b'B' } else { b'A' };
    let typo = text.replace(&code, std::str::from_utf8(&typo).unwrap());
    assert_eq!(
        join(&typo, now().timestamp()).await,
        Err(TeamError::Invite(KeyError::CodeMistyped))
    );
    let other = JoinPayload {
        invite: senda_core::sync::keys::Invite::new([3; 10], now().timestamp()),
        ..payload.clone()
    };
    assert_eq!(
        join(&other.to_text(), now().timestamp()).await,
        Err(TeamError::Invite(KeyError::InviteWrong))
    );
    assert_eq!(
        join(&text, payload.invite.expires_at).await,
        Err(TeamError::Invite(KeyError::InviteExpired))
    );

    let b = join(&text, now().timestamp()).await.expect("join");
    assert_eq!(b.team_key, a.team_key, "the new phone holds the team key");
    assert!(!b.coordinator && b.admin.is_none());
    assert_ne!(b.account, a.account);
    assert_ne!(b.replica, a.replica);

    // Each phone syncs with its own account.
    let (mut vault_a, mut vault_b) = (vault().await, vault().await);
    let (mut cases_a, mut cases_b) = (cases_of(&a).await, cases_of(&b).await);
    let case = sample_case(11, now() - Duration::minutes(5));
    let id = case.id().to_string();
    vault_a.put(&id, &case, IndexEntry::Case(CaseSummary::of(&case))).await.expect("save");
    cases_a.sync_now(&mut vault_a, &a.transport().unwrap()).await.expect("A syncs");
    let got = cases_b.sync_now(&mut vault_b, &b.transport().unwrap()).await.expect("B syncs");
    assert_eq!(got.changed, vec![id.clone()]);
    let on_b: Value = vault_b.get(&id).await.expect("read").expect("the case is on B");
    assert_eq!(migrate(on_b).expect("case"), case);

    for state in [&a, &b] {
        IdbReplica::delete(&state.replica).await.expect("delete replica");
    }
    drop_db(&admin).await;
}
