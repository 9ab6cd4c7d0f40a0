//! The suite's side of the wire: COUCH_URL, a throw-away database per test, and a blocking
//! client that executes the replicator's requests (plain http; the core does the protocol).

use senda_core::sync::b64::encode;
use senda_core::sync::http::{Method, Request, Response};
use senda_core::sync::replica::LocalReplica;
use senda_core::sync::replicator::{Checkpoint, Direction, Replicator, Report, Step, SyncError};
use serde_json::{json, Value};
use std::io::Read;

const HOW_TO: &str = "COUCH_URL is not set. Start the local server with `scripts/sync-server.sh start` \
(it prints COUCH_URL), or by hand (PouchDB Server 4.2.0 patched by tools/sync-server/patch.mjs, \
else validated replicated writes are dropped): `pouchdb-server --host 127.0.0.1 --port 5985 --in-memory`, then \
`curl -X PUT http://127.0.0.1:5985/_config/admins/admin -d '\"pass\"'` and \
`COUCH_URL=http://admin:pass@127.0.0.1:5985/ cargo test -p senda-core --features sync-conformance --test sync_conformance`.";

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn b64(bytes: &[u8]) -> String {
    encode(bytes)
}

/// Test randomness from the OS (ids, revisions, database names); the core itself takes bytes.
pub fn random_bytes(n: usize) -> Vec<u8> {
    let mut out = vec![0; n];
    let mut file = std::fs::File::open("/dev/urandom").expect("/dev/urandom");
    file.read_exact(&mut out).expect("random bytes");
    out
}

struct Server {
    base: String,
    auth: Option<String>,
}

fn server() -> Server {
    let url = match std::env::var("COUCH_URL") {
        Ok(url) if !url.trim().is_empty() => url,
        // Never a silent pass: without a server this suite fails, in CI and on a laptop alike.
        _ => {
            let ci = std::env::var("CI").is_ok_and(|v| v == "true");
            panic!(
                "{}{HOW_TO}",
                if ci { "CI: the sync conformance suite needs its server. " } else { "" }
            );
        }
    };
    let rest = url.strip_prefix("http://").unwrap_or_else(|| {
        panic!("COUCH_URL must be http:// (this native client has no TLS): {url}")
    });
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    let (auth, host) = match authority.rsplit_once('@') {
        Some((userinfo, host)) => (Some(format!("Basic {}", encode(userinfo.as_bytes()))), host),
        None => (None, authority),
    };
    let path = path.trim_end_matches('/');
    let base =
        if path.is_empty() { format!("http://{host}/") } else { format!("http://{host}/{path}/") };
    Server { base, auth }
}

fn call(server: &Server, method: &str, url: &str, body: Option<&Value>) -> Response {
    let mut req = ureq::request(method, url).set("Accept", "application/json");
    if let Some(auth) = &server.auth {
        req = req.set("Authorization", auth);
    }
    let result = match body {
        Some(b) => req.set("Content-Type", "application/json").send_string(&b.to_string()),
        None => req.call(),
    };
    let resp = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("cannot reach the sync server at {url}: {e}\n{HOW_TO}"),
    };
    let status = resp.status();
    let text = resp.into_string().expect("response body");
    let body = if text.trim().is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).expect("server sent JSON")
    };
    Response { status, body }
}

/// A database made for one test, deleted when the test ends (even when it fails).
pub struct TestDb {
    server: Server,
    url: String,
    /// Only the admin's handle deletes the database; a member's handle shares it.
    owner: bool,
}

/// A `_users` account made for one test, deleted when the test ends.
pub struct TestUser {
    admin: Server,
    name: String,
    password: String,
}

impl Drop for TestUser {
    fn drop(&mut self) {
        let url = format!("{}_users/org.couchdb.user:{}", self.admin.base, self.name);
        let doc = call(&self.admin, "GET", &url, None);
        if let Some(rev) = doc.body.get("_rev").and_then(Value::as_str) {
            let _ = call(&self.admin, "DELETE", &format!("{url}?rev={rev}"), None);
        }
    }
}

impl TestDb {
    pub fn create() -> TestDb {
        let server = server();
        let url = format!("{}senda-conformance-{}", server.base, hex(&random_bytes(8)));
        let made = call(&server, "PUT", &url, None);
        assert_eq!(made.status, 201, "creating a test database: {:?}", made.body);
        TestDb { server, url, owner: true }
    }

    /// Makes an account and lets only it (and admins) use this database, as a team's does.
    pub fn add_member(&self) -> TestUser {
        let name = format!("senda-member-{}", hex(&random_bytes(6)));
        let password = hex(&random_bytes(12));
        let user = json!({"name": name, "password": password, "roles": [], "type": "user"});
        let url = format!("{}_users/org.couchdb.user:{name}", self.server.base);
        let made = call(&self.server, "PUT", &url, Some(&user));
        assert!(made.is_success(), "creating a member: {:?}", made.body);
        self.set_members(&[&name]);
        TestUser {
            admin: Server { base: self.server.base.clone(), auth: self.server.auth.clone() },
            name,
            password,
        }
    }

    /// Sets the database's members (never empty: an empty list makes a CouchDB database public).
    pub fn set_members(&self, names: &[&str]) {
        assert!(!names.is_empty());
        let security =
            json!({"admins": {"names": [], "roles": []}, "members": {"names": names, "roles": []}});
        let resp = call(&self.server, "PUT", &format!("{}/_security", self.url), Some(&security));
        assert!(resp.is_success(), "_security: {:?}", resp.body);
    }

    /// The same database, as seen with a member's credentials.
    pub fn as_user(&self, user: &TestUser) -> TestDb {
        let auth = Some(format!(
            "Basic {}",
            encode(format!("{}:{}", user.name, user.password).as_bytes())
        ));
        TestDb {
            server: Server { base: self.server.base.clone(), auth },
            url: self.url.clone(),
            owner: false,
        }
    }

    /// Executes one of the replicator's requests against this database.
    pub fn execute(&self, request: &Request) -> Response {
        let method = match request.method {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        };
        assert_eq!(method, request.method.as_str());
        call(&self.server, method, &format!("{}/{}", self.url, request.path), request.body.as_ref())
    }

    /// Writes a document as the admin, bypassing the replicator (garbage, design documents).
    pub fn put_raw(&self, id: &str, body: Value) {
        let resp = call(&self.server, "PUT", &format!("{}/{id}", self.url), Some(&body));
        assert!(resp.is_success(), "PUT {id}: {:?}", resp.body);
    }

    /// Offers one document as a replicator would (`new_edits:false`), returning the answer.
    pub fn bulk_docs_replicated(&self, doc: Value) -> Value {
        let body = json!({"docs": [doc], "new_edits": false});
        let resp = call(&self.server, "POST", &format!("{}/_bulk_docs", self.url), Some(&body));
        assert!(resp.status < 500, "_bulk_docs: {:?}", resp.body);
        resp.body
    }

    pub fn get(&self, path: &str) -> Value {
        let resp = call(&self.server, "GET", &format!("{}/{path}", self.url), None);
        assert_eq!(resp.status, 200, "GET {path}: {:?}", resp.body);
        resp.body
    }

    /// One whole replication run.
    pub fn run(
        &self,
        direction: Direction,
        replica: &mut impl LocalReplica,
        batch: usize,
    ) -> Result<Report, SyncError> {
        let (mut rep, mut request) = Replicator::start(direction, replica, batch);
        for _ in 0..10_000 {
            match rep.handle(&self.execute(&request), replica)? {
                Step::Send(next) => request = next,
                Step::Done(report) => return Ok(report),
            }
        }
        panic!("a replication run that never ends");
    }

    /// A run resumed from the checkpoint the previous one ended at.
    pub fn run_resumed(
        &self,
        direction: Direction,
        replica: &mut impl LocalReplica,
        batch: usize,
        checkpoint: &Checkpoint,
    ) -> Result<Report, SyncError> {
        let (mut rep, mut step) = Replicator::resume(direction, replica, batch, checkpoint)?;
        for _ in 0..10_000 {
            match step {
                Step::Send(request) => step = rep.handle(&self.execute(&request), replica)?,
                Step::Done(report) => return Ok(report),
            }
        }
        panic!("a replication run that never ends");
    }

    /// Push then pull, as the app's "sync now" does.
    pub fn sync(&self, replica: &mut impl LocalReplica) {
        self.run(Direction::Push, replica, 50).expect("push");
        self.run(Direction::Pull, replica, 50).expect("pull");
    }

    /// A run whose `k`-th request (from 0) reaches the server but whose answer is lost. Returns
    /// how many requests were sent, or `None` when the run ended before request `k`.
    pub fn run_cut_after(
        &self,
        direction: Direction,
        replica: &mut impl LocalReplica,
        batch: usize,
        k: usize,
    ) -> Option<usize> {
        let (mut rep, mut request) = Replicator::start(direction, replica, batch);
        for sent in 0.. {
            let response = self.execute(&request);
            if sent == k {
                return Some(sent + 1);
            }
            match rep.handle(&response, replica).expect("no error before the cut") {
                Step::Send(next) => request = next,
                Step::Done(_) => return None,
            }
        }
        None
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if self.owner {
            let _ = call(&self.server, "DELETE", &self.url, None);
        }
    }
}
