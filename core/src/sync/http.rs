//! The protocol's plain request and response values: the replicator yields [`Request`]s, the
//! shell executes them against the team database's URL and hands back [`Response`]s.

use serde_json::Value;

/// The HTTP methods the replication protocol uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Get,
    Put,
    Post,
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// One request to the team database. `path` is relative to the database's URL (no leading
/// slash), e.g. `_changes?style=all_docs&since=0`; a body, when present, is sent as JSON.
#[derive(Clone, Debug, PartialEq)]
pub struct Request {
    pub method: Method,
    pub path: String,
    pub body: Option<Value>,
}

impl Request {
    pub fn get(path: impl Into<String>) -> Request {
        Request { method: Method::Get, path: path.into(), body: None }
    }

    pub fn post(path: impl Into<String>, body: Value) -> Request {
        Request { method: Method::Post, path: path.into(), body: Some(body) }
    }

    pub fn put(path: impl Into<String>, body: Value) -> Request {
        Request { method: Method::Put, path: path.into(), body: Some(body) }
    }
}

/// The server's answer: the status and the body parsed as JSON (`Value::Null` when empty).
#[derive(Clone, Debug, PartialEq)]
pub struct Response {
    pub status: u16,
    pub body: Value,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Percent-encodes one path segment or query value (everything but unreserved characters), so
/// a document id or a CouchDB 3 sequence string cannot change the request's shape.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn methods_are_named_as_on_the_wire() {
        let names: Vec<_> =
            [Method::Get, Method::Put, Method::Post, Method::Delete].map(Method::as_str).into();
        assert_eq!(names, ["GET", "PUT", "POST", "DELETE"]);
    }

    #[test]
    fn requests_carry_a_relative_path_and_a_body_only_when_they_send_one() {
        let get = Request::get("_changes?style=all_docs&since=0");
        assert_eq!(get.body, None);
        assert!(!get.path.starts_with('/'));
        let post = Request::post("_revs_diff", json!({"a": ["1-x"]}));
        assert_eq!(post.method, Method::Post);
        assert_eq!(post.body, Some(json!({"a": ["1-x"]})));
    }

    #[test]
    fn only_2xx_statuses_are_successes() {
        for (status, ok) in [(200, true), (201, true), (299, true), (304, false), (404, false)] {
            assert_eq!(Response { status, body: Value::Null }.is_success(), ok, "{status}");
        }
    }

    #[test]
    fn a_component_cannot_add_query_parameters_or_path_segments() {
        assert_eq!(encode_component("12-g1AA&x=/y"), "12-g1AA%26x%3D%2Fy");
        assert_eq!(encode_component("_local/senda-pull"), "_local%2Fsenda-pull");
        assert_eq!(encode_component("m0a9f-_.~"), "m0a9f-_.~");
    }
}
