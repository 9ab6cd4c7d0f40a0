//! Shared helpers of the team-sync browser tests: the real sync server from COUCH_URL (read at
//! compile time), a fresh team database with the envelope-only validation, random names.
#![allow(dead_code)]

use senda::sync::crypto::random_bytes;
use senda::sync::transport::Transport;
use serde_json::json;

const VALIDATE: &str = include_str!("../../server/validate_doc_update.js");

pub struct Server {
    pub origin: String,
    pub admin: String,
    pub password: String,
}

pub fn server() -> Server {
    // A runtime panic rather than `env!`: the other targets still build without a server.
    let Some(couch_url) = option_env!("COUCH_URL") else {
        panic!(
            "COUCH_URL was not set when this test was compiled: run `scripts/sync-server.sh start`, then \
             `COUCH_URL=$(scripts/sync-server.sh url) cargo test -p senda --target wasm32-unknown-unknown --test <name>`"
        );
    };
    let url = web_sys::Url::new(couch_url).expect("COUCH_URL is a URL");
    let decode = |s: String| js_sys::decode_uri_component(&s).map(String::from).unwrap_or(s);
    Server { origin: url.origin(), admin: decode(url.username()), password: decode(url.password()) }
}

pub fn opaque() -> String {
    random_bytes::<12>().expect("random").iter().map(|b| format!("{b:02x}")).collect()
}

/// The admin's transport to a database.
pub fn admin_of(server: &Server, db: &str) -> Transport {
    Transport::new(&server.origin, db)
        .expect("transport")
        .with_basic_auth(&server.admin, &server.password)
        .expect("basic auth")
}

/// A fresh team database with the envelope-only validation, as the admin.
pub async fn fresh_db() -> (Server, Transport) {
    let server = server();
    let db = format!("senda-browser-{}", opaque());
    let admin = admin_of(&server, &db);
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

pub async fn drop_db(admin: &Transport) {
    assert_eq!(admin.request("DELETE", "", None).await.expect("delete db").status, 200);
}
