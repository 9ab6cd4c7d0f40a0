//! Where the app is deployed (the root or a sub-path such as `/senda/`), parsed from the
//! document's base URI, how in-app paths become links under it, and the browser storage names
//! scoped to it.

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

    /// A browser storage name (an IndexedDB database, a localStorage key, a Web Lock, a
    /// BroadcastChannel) of this deployment: unchanged at the root, `"<name>:<prefix>/"` below it
    /// (`"senda-vault"` → `"senda-vault:/senda/"`), so deployments under two paths of one origin
    /// never share one. A root name never holds `":/"`, so it cannot be a sub-path's either.
    pub fn scoped(&self, name: &str) -> String {
        if self.0.is_empty() {
            name.to_owned()
        } else {
            format!("{name}:{}/", self.0)
        }
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

    #[test]
    fn storage_names_stay_as_they_were_at_the_root_and_carry_the_path_below_it() {
        let root = BasePath::from_base_uri("https://example.org/");
        assert_eq!(root.scoped("senda-vault"), "senda-vault");
        assert_eq!(root.scoped("senda.settings"), "senda.settings");
        let senda = BasePath::from_base_uri("https://example.org/senda/");
        assert_eq!(senda.scoped("senda-vault"), "senda-vault:/senda/");
        assert_eq!(senda.scoped("senda-vault/writer"), "senda-vault/writer:/senda/");
        let other = BasePath::from_base_uri("https://example.org/senda/b/");
        assert_ne!(other.scoped("senda-vault"), senda.scoped("senda-vault"));
        assert_eq!(other.scoped("senda-vault"), "senda-vault:/senda/b/");
        // The trailing slash of the <base href> does not make a second name.
        assert_eq!(BasePath::from_base_uri("https://example.org/senda").scoped("x"), "x:/senda/");
    }
}
