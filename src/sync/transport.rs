//! The browser's HTTP transport to a team's CouchDB database: one request at a time with `fetch`
//! (CORS, credentials, JSON, timeouts through AbortController), only ever to the configured
//! server, with typed errors (offline, timed out, unauthorised, server error, bad JSON). An answer
//! times out when its headers are late (the time allowed grows with the body sent, which a slow
//! uplink takes long to carry) or when its body stops arriving, not when a large body is merely
//! slow: a batch of a thousand documents takes half a minute on a slow 3G network.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use std::cell::Cell;
use std::fmt;
use std::rc::Rc;
use wasm_bindgen::{closure::Closure, JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, Headers, ReferrerPolicy, RequestCache, RequestCredentials, RequestInit,
    RequestMode, RequestRedirect, Response, Url,
};

/// Why a request did not give an answer the replicator can use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TransportError {
    /// The server URL or the database name cannot be used (not https, credentials in the URL…).
    BadServer(&'static str),
    /// A request the transport refuses to send (another origin, an unknown method).
    Refused(&'static str),
    /// No network, the server is unreachable, or the browser blocked the response (CORS).
    Offline,
    /// No complete answer within the time allowed.
    TimedOut,
    /// The server does not know these credentials, or the session ended (401).
    Unauthorised { reason: String },
    /// The server knows the account but refuses: not a member of this database, or the
    /// database's validation refused the document (403).
    Forbidden { reason: String },
    /// The server failed (5xx).
    Server { status: u16 },
    /// The answer was not JSON.
    BadJson,
}

impl TransportError {
    /// The UI string key that explains this error to a person.
    pub fn message_key(&self) -> &'static str {
        match self {
            TransportError::BadServer(_) => "sync.transport.bad_server",
            TransportError::Refused(_) => "sync.transport.refused",
            TransportError::Offline => "sync.transport.offline",
            TransportError::TimedOut => "sync.transport.timed_out",
            TransportError::Unauthorised { .. } => "sync.transport.unauthorised",
            TransportError::Forbidden { .. } => "sync.transport.forbidden",
            TransportError::Server { .. } => "sync.transport.server",
            TransportError::BadJson => "sync.transport.bad_json",
        }
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TransportError::BadServer(why) => write!(f, "This sync server cannot be used: {why}."),
            TransportError::Refused(why) => write!(f, "Request not sent: {why}."),
            TransportError::Offline => write!(f, "The sync server cannot be reached."),
            TransportError::TimedOut => write!(f, "The sync server did not answer in time."),
            TransportError::Unauthorised { reason } => {
                write!(f, "The sync server does not accept these credentials ({reason}).")
            }
            TransportError::Forbidden { reason } => {
                write!(f, "The sync server refused this ({reason}).")
            }
            TransportError::Server { status } => write!(f, "The sync server failed ({status})."),
            TransportError::BadJson => write!(f, "The sync server's answer was not JSON."),
        }
    }
}

/// An answer: its HTTP status (2xx, or a 4xx the replicator handles: 400, 404, 409, 412…) and
/// its JSON body (`null` when empty).
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    pub status: u16,
    pub body: serde_json::Value,
}

/// How requests prove who is asking.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Auth {
    /// The `AuthSession` cookie set by [`Transport::log_in`] (the browser keeps it, HttpOnly).
    Cookie,
    /// An `Authorization: Basic …` header on every request (for servers on another site, where
    /// browsers may block the cookie).
    Basic(String),
}

/// A team database on one sync server.
#[derive(Clone, Debug)]
pub struct Transport {
    origin: String,
    base: String,
    db: String,
    auth: Auth,
    timeout_ms: i32,
}

const METHODS: [&str; 5] = ["GET", "PUT", "POST", "DELETE", "HEAD"];

/// The slowest uplink allowed for before an answer's headers are late: bytes per millisecond
/// (10 KB/s, a fifth of a slow 3G network's), on top of the timeout.
const SLOWEST_UPLINK_BYTES_PER_MS: usize = 10;

fn is_loopback(host: &str) -> bool {
    host == "127.0.0.1" || host == "localhost" || host == "[::1]"
}

fn valid_db_name(db: &str) -> bool {
    let mut chars = db.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && db.len() <= 128
}

/// A path inside the database: no scheme, no leading slash, no `..`, no fragment, no spaces.
fn valid_path(path: &str) -> bool {
    !path.starts_with('/')
        && !path.contains("://")
        && !path.contains("..")
        && !path.contains('#')
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_whitespace() || c.is_control())
}

impl Transport {
    /// The database `db` on the server at `server_url` (`https://…`, or `http://` on this machine
    /// only). Credentials never go in the URL.
    pub fn new(server_url: &str, db: &str) -> Result<Transport, TransportError> {
        let url = Url::new(server_url).map_err(|_| TransportError::BadServer("not a URL"))?;
        if !url.username().is_empty() || !url.password().is_empty() {
            return Err(TransportError::BadServer("the URL holds a name or password"));
        }
        match url.protocol().as_str() {
            "https:" => {}
            "http:" if is_loopback(&url.hostname()) => {}
            "http:" => return Err(TransportError::BadServer("it is not https")),
            _ => return Err(TransportError::BadServer("it is not http or https")),
        }
        if !url.search().is_empty() || !url.hash().is_empty() {
            return Err(TransportError::BadServer("the URL has a query or fragment"));
        }
        if !valid_db_name(db) {
            return Err(TransportError::BadServer("the database name is not valid"));
        }
        let base = format!("{}{}", url.origin(), url.pathname().trim_end_matches('/'));
        Ok(Transport {
            origin: url.origin(),
            base,
            db: db.to_owned(),
            auth: Auth::Cookie,
            timeout_ms: 20_000,
        })
    }

    /// Sends `name` and `password` as a Basic authorization header on every request instead of
    /// relying on the session cookie.
    pub fn with_basic_auth(
        mut self,
        name: &str,
        password: &str,
    ) -> Result<Transport, TransportError> {
        let pair = format!("{name}:{password}");
        // btoa wants one character per byte: the UTF-8 bytes as Latin-1 code points.
        let latin1: String = pair.bytes().map(char::from).collect();
        let window = web_sys::window().ok_or(TransportError::Offline)?;
        let encoded = window.btoa(&latin1).map_err(|_| TransportError::Refused("credentials"))?;
        self.auth = Auth::Basic(format!("Basic {encoded}"));
        Ok(self)
    }

    /// The time allowed for an answer's headers (plus what a slow uplink needs for the body sent),
    /// and then for each piece of its body.
    pub fn with_timeout_ms(mut self, timeout_ms: i32) -> Transport {
        self.timeout_ms = timeout_ms.max(1);
        self
    }

    /// The database's name.
    pub fn db(&self) -> &str {
        &self.db
    }

    /// Logs in with CouchDB's `_session`: the server sets an HttpOnly cookie the browser then
    /// sends with every request to it.
    pub async fn log_in(&self, name: &str, password: &str) -> Result<(), TransportError> {
        let body = serde_json::json!({ "name": name, "password": password }).to_string();
        let reply = self.send("POST", &format!("{}/_session", self.base), Some(&body)).await?;
        match reply.status {
            200 => Ok(()),
            _ => Err(TransportError::Unauthorised { reason: reason(&reply.body) }),
        }
    }

    /// Ends the cookie session.
    pub async fn log_out(&self) -> Result<(), TransportError> {
        self.send("DELETE", &format!("{}/_session", self.base), None).await.map(|_| ())
    }

    /// The account the server sees, if any (`GET /_session`'s `userCtx.name`).
    pub async fn who(&self) -> Result<Option<String>, TransportError> {
        let reply = self.send("GET", &format!("{}/_session", self.base), None).await?;
        Ok(reply.body.pointer("/userCtx/name").and_then(|n| n.as_str()).map(str::to_owned))
    }

    /// Creates or updates a server account (`_users`), as the server's administrator: what a
    /// coordinator does when creating a team or inviting a phone. Nothing else outside the team
    /// database is ever addressed.
    pub async fn put_user(&self, name: &str, password: &str) -> Result<(), TransportError> {
        let ok_name = !name.is_empty()
            && name.len() <= 64
            && name.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-');
        if !ok_name {
            return Err(TransportError::Refused("not an account name"));
        }
        let users = format!("{}/_users", self.base);
        let made = self.send("PUT", &users, None).await?;
        if ![201, 202, 412].contains(&made.status) {
            return Err(TransportError::Server { status: made.status });
        }
        let url = format!("{users}/org.couchdb.user%3A{name}");
        let old = self.send("GET", &url, None).await?;
        let mut doc = serde_json::json!({
            "_id": format!("org.couchdb.user:{name}"), "name": name, "password": password,
            "roles": [], "type": "user",
        });
        if old.status == 200 {
            doc["_rev"] = old.body["_rev"].clone();
        }
        let put = self.send("PUT", &url, Some(&doc.to_string())).await?;
        match put.status {
            201 | 202 => Ok(()),
            status => Err(TransportError::Server { status }),
        }
    }

    /// The server's databases (`_all_dbs`, as its administrator): where a recovery code looks
    /// for its team.
    pub async fn all_dbs(&self) -> Result<Vec<String>, TransportError> {
        let reply = self.send("GET", &format!("{}/_all_dbs", self.base), None).await?;
        match reply.status {
            200 => Ok(reply
                .body
                .as_array()
                .map(|a| a.iter().filter_map(|n| n.as_str().map(str::to_owned)).collect())
                .unwrap_or_default()),
            status => Err(TransportError::Server { status }),
        }
    }

    /// One request to the team database: `method` is GET, PUT, POST, DELETE or HEAD; `path` is
    /// relative to the database (`""`, `"_changes?style=all_docs"`, `"_local/abc"`, a document id);
    /// `body` is JSON text.
    pub async fn request(
        &self,
        method: &str,
        path: &str,
        body: Option<&str>,
    ) -> Result<Reply, TransportError> {
        if !valid_path(path) {
            return Err(TransportError::Refused("the path leaves the team database"));
        }
        let url = if path.is_empty() {
            format!("{}/{}", self.base, self.db)
        } else {
            format!("{}/{}/{}", self.base, self.db, path)
        };
        self.send(method, &url, body).await
    }

    async fn send(
        &self,
        method: &str,
        url: &str,
        body: Option<&str>,
    ) -> Result<Reply, TransportError> {
        if !METHODS.contains(&method) {
            return Err(TransportError::Refused("unknown method"));
        }
        // Defence in depth: whatever the path did, the request stays on the configured origin.
        let parsed = Url::new(url).map_err(|_| TransportError::Refused("not a URL"))?;
        if parsed.origin() != self.origin {
            return Err(TransportError::Refused("another origin"));
        }
        let window = web_sys::window().ok_or(TransportError::Offline)?;
        if !window.navigator().on_line() {
            return Err(TransportError::Offline);
        }
        let controller = AbortController::new().map_err(|_| TransportError::Offline)?;
        let headers = Headers::new().map_err(|_| TransportError::Offline)?;
        let set = |name: &str, value: &str| {
            headers.set(name, value).map_err(|_| TransportError::Refused("header"))
        };
        set("Accept", "application/json")?;
        if body.is_some() {
            set("Content-Type", "application/json")?;
        }
        let init = RequestInit::new();
        init.set_method(method);
        init.set_mode(RequestMode::Cors);
        init.set_cache(RequestCache::NoStore);
        init.set_redirect(RequestRedirect::Error);
        init.set_referrer_policy(ReferrerPolicy::NoReferrer);
        match &self.auth {
            Auth::Cookie => init.set_credentials(RequestCredentials::Include),
            Auth::Basic(value) => {
                set("Authorization", value)?;
                init.set_credentials(RequestCredentials::Omit);
            }
        }
        init.set_headers_headers(&headers);
        if let Some(text) = body {
            init.set_body(&JsValue::from_str(text));
        }
        init.set_signal(Some(&controller.signal()));

        let sent = body.map_or(0, str::len);
        let headers_ms = i64::from(self.timeout_ms)
            .saturating_add((sent / SLOWEST_UPLINK_BYTES_PER_MS) as i64)
            .min(i64::from(i32::MAX)) as i32;
        let timer = Timer::new(&window, &controller);
        timer.arm(headers_ms).map_err(|_| TransportError::Offline)?;
        let outcome = exchange(&window, url, &init, &timer, self.timeout_ms).await;
        timer.disarm();
        let (status, text) = outcome.map_err(|e| classify(&e, controller.signal().aborted()))?;
        answer(status, &text)
    }
}

/// Aborts a request when it fires; armed again whenever the request makes progress.
struct Timer {
    window: web_sys::Window,
    on_timeout: Closure<dyn FnMut()>,
    handle: Rc<Cell<Option<i32>>>,
}

impl Timer {
    fn new(window: &web_sys::Window, controller: &AbortController) -> Timer {
        let abort = controller.clone();
        let handle = Rc::new(Cell::new(None));
        let fired = handle.clone();
        let on_timeout = Closure::<dyn FnMut()>::new(move || {
            fired.set(None);
            abort.abort();
        });
        Timer { window: window.clone(), on_timeout, handle }
    }

    fn arm(&self, ms: i32) -> Result<(), JsValue> {
        self.disarm();
        let handle = self.window.set_timeout_with_callback_and_timeout_and_arguments_0(
            self.on_timeout.as_ref().unchecked_ref::<Function>(),
            ms,
        )?;
        self.handle.set(Some(handle));
        Ok(())
    }

    fn disarm(&self) {
        if let Some(handle) = self.handle.take() {
            self.window.clear_timeout_with_handle(handle);
        }
    }
}

/// The request, then its body read as it arrives: each piece arms the timer again for `idle_ms`.
async fn exchange(
    window: &web_sys::Window,
    url: &str,
    init: &RequestInit,
    timer: &Timer,
    idle_ms: i32,
) -> Result<(u16, String), JsValue> {
    let response: Response =
        JsFuture::from(window.fetch_with_str_and_init(url, init)).await?.unchecked_into();
    let status = response.status();
    timer.arm(idle_ms)?;
    let stream = Reflect::get(&response, &JsValue::from_str("body"))?;
    if stream.is_null() || stream.is_undefined() {
        return Ok((status, String::new()));
    }
    let method = |target: &JsValue, name: &str| -> Result<Function, JsValue> {
        Reflect::get(target, &JsValue::from_str(name))?.dyn_into::<Function>()
    };
    let reader = method(&stream, "getReader")?.call0(&stream)?;
    let read = method(&reader, "read")?;
    let mut bytes = Vec::new();
    loop {
        let next: Promise = read.call0(&reader)?.dyn_into()?;
        let chunk = JsFuture::from(next).await?;
        if Reflect::get(&chunk, &JsValue::from_str("done"))?.as_bool() == Some(true) {
            break;
        }
        let value: Uint8Array = Reflect::get(&chunk, &JsValue::from_str("value"))?.dyn_into()?;
        let at = bytes.len();
        bytes.resize(at + value.length() as usize, 0);
        value.copy_to(&mut bytes[at..]);
        timer.arm(idle_ms)?;
    }
    // Not UTF-8 is not JSON either: `answer` says so.
    Ok((status, String::from_utf8_lossy(&bytes).into_owned()))
}

/// A rejected fetch: aborted by our timer, or a network failure (offline, refused, CORS).
fn classify(error: &JsValue, aborted: bool) -> TransportError {
    let name = Reflect::get(error, &JsValue::from_str("name")).ok().and_then(|n| n.as_string());
    if aborted || name.as_deref() == Some("AbortError") {
        TransportError::TimedOut
    } else {
        TransportError::Offline
    }
}

fn reason(body: &serde_json::Value) -> String {
    body.get("reason").and_then(|r| r.as_str()).unwrap_or("").chars().take(200).collect()
}

fn answer(status: u16, text: &str) -> Result<Reply, TransportError> {
    if (500..=599).contains(&status) {
        return Err(TransportError::Server { status });
    }
    let body = if text.trim().is_empty() {
        Ok(serde_json::Value::Null)
    } else {
        serde_json::from_str(text).map_err(|_| TransportError::BadJson)
    };
    match status {
        401 => Err(TransportError::Unauthorised {
            reason: body.map(|b| reason(&b)).unwrap_or_default(),
        }),
        403 => {
            Err(TransportError::Forbidden { reason: body.map(|b| reason(&b)).unwrap_or_default() })
        }
        _ => Ok(Reply { status, body: body? }),
    }
}
