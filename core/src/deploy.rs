//! Where the app is deployed (the root or a sub-path such as `/senda/`), parsed from the
//! document's base URI, and how in-app paths become links under it.

/// The deployment's path prefix without a trailing slash: `""` at the root, `"/senda"` below it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BasePath(String);

impl BasePath {
    /// `"http://host/senda/"` → `"/senda"`; `"http://host/"` → `""`.
    pub fn from_base_uri(uri: &str) -> BasePath {
        let after_scheme = uri.split_once("://").map_or(uri, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        let path = path.split(['?', '#']).next().unwrap_or("");
        BasePath(path.trim_end_matches('/').to_owned())
    }

    /// The prefix itself, for the router.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// An in-app path (`"/cases"`) as a link under the prefix (`"/senda/cases"`).
    pub fn href(&self, path: &str) -> String {
        format!("{}/{}", self.0, path.trim_start_matches('/'))
    }
}

#[cfg(test)]
mod tests {
    use super::BasePath;

    #[test]
    fn reads_root_and_sub_path_deployments() {
        assert_eq!(BasePath::from_base_uri("http://127.0.0.1:8080/").as_str(), "");
        assert_eq!(BasePath::from_base_uri("https://example.org/senda/").as_str(), "/senda");
        assert_eq!(BasePath::from_base_uri("https://example.org/a/b/?x=1").as_str(), "/a/b");
        assert_eq!(BasePath::from_base_uri("").as_str(), "");
    }

    #[test]
    fn links_stay_under_the_prefix() {
        let base = BasePath::from_base_uri("https://example.org/senda/");
        assert_eq!(base.href("/cases"), "/senda/cases");
        assert_eq!(base.href("/"), "/senda/");
        assert_eq!(BasePath::from_base_uri("http://h/").href("/guide"), "/guide");
    }
}
