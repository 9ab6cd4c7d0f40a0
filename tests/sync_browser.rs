//! Browser tests of team sync's transport against the real sync server (headless Chromium, CORS
//! included: the test page's origin is not the server's). The server's admin URL comes from
//! COUCH_URL at compile time (`COUCH_URL=$(scripts/sync-server.sh url) cargo test …`); every test
//! fails loudly without it. Each test makes and deletes its own database.

#![cfg(target_arch = "wasm32")]

use senda::sync::crypto::{random_bytes, KeyKind, Sealed, SecretKey};
use senda::sync::transport::{Transport, TransportError};
use serde_json::{json, Value};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const VALIDATE: &str = include_str!("../server/validate_doc_update.js");

struct Server {
    origin: String,
    admin: String,
    password: String,
}

fn server() -> Server {
    // A runtime panic rather than `env!`: the other targets still build without a server.
    let Some(couch_url) = option_env!("COUCH_URL") else {
        panic!(
            "COUCH_URL was not set when this test was compiled: run `scripts/sync-server.sh start`, then \
             `COUCH_URL=$(scripts/sync-server.sh url) cargo test -p senda --target wasm32-unknown-unknown --test sync_browser`"
        );
    };
    let url = web_sys::Url::new(couch_url).expect("COUCH_URL is a URL");
    let decode = |s: String| js_sys::decode_uri_component(&s).map(String::from).unwrap_or(s);
    Server { origin: url.origin(), admin: decode(url.username()), password: decode(url.password()) }
}

fn b64(bytes: &[u8]) -> String {
    let latin1: String = bytes.iter().copied().map(char::from).collect();
    web_sys::window().expect("window").btoa(&latin1).expect("btoa")
}

fn unb64(text: &str) -> Vec<u8> {
    let latin1 = web_sys::window().expect("window").atob(text).expect("atob");
    latin1.chars().map(|c| c as u8).collect()
}

fn opaque() -> String {
    random_bytes::<12>().expect("random").iter().map(|b| format!("{b:02x}")).collect()
}

/// A mutable document's id as the core makes them: `m` and 32 hex digits.
fn mid() -> String {
    let hex: String =
        random_bytes::<16>().expect("random").iter().map(|b| format!("{b:02x}")).collect();
    format!("m{hex}")
}

/// A fresh database with the envelope-only validation, as the admin (Basic authorization).
async fn fresh_db() -> (Server, Transport) {
    let server = server();
    let db = format!("senda-browser-{}", opaque());
    let admin = Transport::new(&server.origin, &db)
        .expect("transport")
        .with_basic_auth(&server.admin, &server.password)
        .expect("basic auth");
    assert_eq!(admin.request("PUT", "", None).await.expect("create db").status, 201);
    let source: String =
        VALIDATE.lines().skip_while(|l| l.starts_with("//")).collect::<Vec<_>>().join("\n");
    let design = json!({ "validate_doc_update": source }).to_string();
    assert_eq!(
        admin.request("PUT", "_design/senda", Some(&design)).await.expect("design").status,
        201
    );
    (server, admin)
}

async fn drop_db(admin: &Transport) {
    assert_eq!(admin.request("DELETE", "", None).await.expect("delete db").status, 200);
}

#[wasm_bindgen_test]
async fn an_envelope_goes_up_comes_back_and_shows_in_changes() {
    let (_, db) = fresh_db().await;
    let case = SecretKey::generate(KeyKind::Case).await.expect("case key");
    let id = mid();
    let sealed = case.seal("perfil de Luz, 14 años".as_bytes(), id.as_bytes()).await.expect("seal");
    let envelope = json!({ "v": 1, "kid": "c1", "iv": b64(&sealed.iv), "ct": b64(&sealed.ct) });

    let put = db.request("PUT", &id, Some(&envelope.to_string())).await.expect("put");
    assert_eq!(put.status, 201, "{:?}", put.body);
    let rev = put.body["rev"].as_str().expect("rev").to_owned();

    let got = db.request("GET", &id, None).await.expect("get");
    assert_eq!(got.status, 200);
    assert_eq!(got.body["ct"], envelope["ct"]);
    let iv: [u8; 12] = unb64(got.body["iv"].as_str().expect("iv")).try_into().expect("12-byte iv");
    let back = Sealed { iv, ct: unb64(got.body["ct"].as_str().expect("ct")) };
    assert_eq!(
        case.open(&back, id.as_bytes()).await.as_deref(),
        Ok("perfil de Luz, 14 años".as_bytes())
    );

    let changes =
        db.request("GET", "_changes?style=all_docs&since=0", None).await.expect("changes");
    let row = changes.body["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["id"] == id.as_str())
        .cloned()
        .expect("the envelope is in _changes");
    assert_eq!(row["changes"][0]["rev"], Value::from(rev.as_str()));

    // The replicator's calls: what the server lacks, then a replicated revision.
    let next = format!("2-{}", "b".repeat(32));
    let hash = rev.split('-').nth(1).expect("rev hash");
    let diff = db
        .request("POST", "_revs_diff", Some(&json!({ &id: [&rev, &next] }).to_string()))
        .await
        .expect("revs_diff");
    assert_eq!(diff.body[&id]["missing"], json!([next]));
    let doc = json!({ "_id": id, "_rev": next, "_revisions": { "start": 2, "ids": ["b".repeat(32), hash] },
        "v": 1, "kid": "c1", "iv": b64(&sealed.iv), "ct": b64(&sealed.ct) });
    let bulk = db
        .request(
            "POST",
            "_bulk_docs",
            Some(&json!({ "new_edits": false, "docs": [doc] }).to_string()),
        )
        .await
        .expect("bulk");
    assert_eq!(bulk.status, 201);
    let leaf = db.request("GET", &id, None).await.expect("get");
    assert_eq!(leaf.body["_rev"], Value::from(next.as_str()));

    // A 404 is an answer, not an error.
    assert_eq!(db.request("GET", &mid(), None).await.expect("missing").status, 404);
    drop_db(&db).await;
}

#[wasm_bindgen_test]
async fn the_validation_refuses_plaintext_as_forbidden() {
    let (_, db) = fresh_db().await;
    let res = db.request("PUT", &mid(), Some(r#"{"name":"Luz","age":14}"#)).await;
    match res {
        Err(TransportError::Forbidden { reason }) => {
            assert!(reason.contains("envelope"), "{reason}")
        }
        other => panic!("plaintext was not refused: {other:?}"),
    }
    drop_db(&db).await;
}

#[wasm_bindgen_test]
async fn a_session_cookie_logs_in_across_origins_and_logging_out_ends_it() {
    let (server, admin) = fresh_db().await;
    // Members only, and the admin is not the member: without credentials the database is closed.
    let security = json!({ "admins": { "names": [], "roles": [] }, "members": { "names": ["someone-else"], "roles": [] } });
    assert_eq!(
        admin
            .request("PUT", "_security", Some(&security.to_string()))
            .await
            .expect("security")
            .status,
        200
    );

    let cookie = Transport::new(&server.origin, admin.db()).expect("transport");
    let wrong = cookie.log_in(&server.admin, &format!("{}-wrong", server.password)).await;
    assert!(matches!(wrong, Err(TransportError::Unauthorised { .. })), "{wrong:?}");
    cookie.log_in(&server.admin, &server.password).await.expect("log in");
    assert_eq!(cookie.who().await, Ok(Some(server.admin.clone())));
    assert_eq!(cookie.request("GET", "", None).await.expect("db info").status, 200);
    cookie.log_out().await.expect("log out");
    assert_eq!(cookie.who().await, Ok(None));
    assert!(matches!(
        cookie.request("GET", "", None).await,
        Err(TransportError::Unauthorised { .. })
    ));
    drop_db(&admin).await;
}

#[wasm_bindgen_test]
async fn requests_never_leave_the_team_database_or_the_server() {
    let server = server();
    let db = Transport::new(&server.origin, "senda-team").expect("transport");
    for path in [
        "/_users",
        "../_users/org.couchdb.user:x",
        "http://example.org/x",
        "a#b",
        "a b",
        "..%2f",
        "a\\b",
    ] {
        assert!(
            matches!(db.request("GET", path, None).await, Err(TransportError::Refused(_))),
            "{path} was sent"
        );
    }
    assert!(matches!(db.request("PATCH", "x", None).await, Err(TransportError::Refused(_))));
    for (url, name) in [
        ("http://example.org", "senda-team"),
        (&format!("http://a:b@{}", server.origin.trim_start_matches("http://")), "senda-team"),
        ("ftp://example.org", "senda-team"),
        ("https://example.org/?x=1", "senda-team"),
        (&server.origin, "_users"),
        (&server.origin, "Team One"),
    ] {
        assert!(
            matches!(Transport::new(url, name), Err(TransportError::BadServer(_))),
            "{url} {name}"
        );
    }
    assert!(Transport::new("https://couch.example.org/sub/", "senda-team").is_ok());
}

#[wasm_bindgen_test]
async fn an_unreachable_server_is_offline_and_a_slow_answer_times_out() {
    // Port 9 (discard) has no listener here: the connection is refused.
    let nowhere = Transport::new("http://127.0.0.1:9", "senda-team").expect("transport");
    assert_eq!(nowhere.request("GET", "", None).await, Err(TransportError::Offline));

    let (server, admin) = fresh_db().await;
    let slow = Transport::new(&server.origin, admin.db())
        .expect("transport")
        .with_basic_auth(&server.admin, &server.password)
        .expect("basic")
        .with_timeout_ms(300);
    let started = js_sys::Date::now();
    let res = slow.request("GET", "_changes?feed=longpoll&timeout=5000&since=now", None).await;
    assert_eq!(res, Err(TransportError::TimedOut));
    assert!(js_sys::Date::now() - started < 3_000.0, "the timeout did not abort the request");
    drop_db(&admin).await;
}

#[wasm_bindgen_test]
async fn an_answer_that_is_not_json_is_bad_json() {
    let (_, admin) = fresh_db().await;
    // A design document's attachment is served as stored: here, text that is not JSON.
    let design = admin.request("PUT", "_design/files", Some("{}")).await.expect("design doc");
    let rev = design.body["rev"].as_str().expect("rev").to_owned();
    let put = admin
        .request("PUT", &format!("_design/files/note?rev={rev}"), Some("not json at all"))
        .await
        .expect("attachment");
    assert_eq!(put.status, 201, "{:?}", put.body);
    assert_eq!(
        admin.request("GET", "_design/files/note", None).await,
        Err(TransportError::BadJson)
    );
    drop_db(&admin).await;
}
