//! Storage names scoped by the deployment's base path (the vault's IndexedDB database, the plain
//! localStorage keys), so two deployments on one origin never share them, and the plan that moves
//! a vault stored under the old unscoped name into the scoped one once, without a half-way state.

use crate::deploy::BasePath;

/// The vault database's name before names were scoped: every deployment of an origin shared it.
pub const LEGACY_DATABASE_NAME: &str = "senda-vault";

/// The vault database of the deployment at `base`: `senda-vault@/` at the root,
/// `senda-vault@/senda` under `/senda/`. Never the legacy name, so a root deployment cannot
/// take over the vault another deployment of the origin has not moved yet.
pub fn database_name(base: &BasePath) -> String {
    scoped(LEGACY_DATABASE_NAME, base)
}

/// A plain-storage (localStorage) key of the deployment at `base`: `senda.settings@/senda`.
pub fn storage_key(key: &str, base: &BasePath) -> String {
    scoped(key, base)
}

fn scoped(name: &str, base: &BasePath) -> String {
    let path = if base.as_str().is_empty() { "/" } else { base.as_str() };
    format!("{name}@{path}")
}

/// What a plain-storage key's move needs, from whether each name holds a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyMove {
    /// Copy the old value under the scoped key, then remove the old key.
    Move,
    /// The scoped key already holds this deployment's value: the old one is left as it is
    /// (another deployment of the origin may still move it; nothing is overwritten).
    KeepScoped,
    /// Nothing under the old key.
    Nothing,
}

/// The move of one plain-storage key.
pub fn plan_key_move(old_present: bool, scoped_present: bool) -> KeyMove {
    match (old_present, scoped_present) {
        (true, false) => KeyMove::Move,
        (true, true) => KeyMove::KeepScoped,
        (false, _) => KeyMove::Nothing,
    }
}

/// What is stored under the two database names when the vault opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DatabaseState {
    /// The scoped database holds a vault header.
    pub scoped_has_vault: bool,
    /// The scoped database says it was filled by a move from the legacy database.
    pub scoped_moved_from_legacy: bool,
    /// The legacy database exists and holds a vault header.
    pub legacy_has_vault: bool,
}

/// What to do before the vault is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DatabaseMove {
    /// Use the scoped database as it is.
    UseScoped,
    /// Copy every store of the legacy database into the empty scoped one in one transaction
    /// (it lands whole or not at all), read the copy back and compare it byte for byte, check
    /// the legacy one did not change meanwhile, and only then delete the legacy database.
    /// Until the copy is verified the legacy vault stays as it was and is what opens.
    Move,
    /// An earlier move was written and verified but the legacy database was not deleted yet
    /// (the tab closed): delete it now.
    DeleteLegacy,
}

/// The move the stored state calls for. A scoped vault that did not come from the legacy
/// database never causes the legacy one to be deleted (it may be another deployment's).
pub fn plan_database_move(state: DatabaseState) -> DatabaseMove {
    match state {
        DatabaseState { scoped_has_vault: false, legacy_has_vault: true, .. } => DatabaseMove::Move,
        DatabaseState {
            scoped_has_vault: true,
            scoped_moved_from_legacy: true,
            legacy_has_vault: true,
        } => DatabaseMove::DeleteLegacy,
        _ => DatabaseMove::UseScoped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(uri: &str) -> BasePath {
        BasePath::from_base_uri(uri)
    }

    #[test]
    fn two_deployments_of_one_origin_never_share_a_name() {
        let root = base("https://example.org/");
        let senda = base("https://example.org/senda/");
        let other = base("https://example.org/senda-test/");
        let names: Vec<String> = [&root, &senda, &other].iter().map(|b| database_name(b)).collect();
        assert_eq!(names, ["senda-vault@/", "senda-vault@/senda", "senda-vault@/senda-test"]);
        for (i, a) in names.iter().enumerate() {
            assert_ne!(a, LEGACY_DATABASE_NAME, "the root does not keep the shared name");
            for b in &names[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(storage_key("senda.settings", &senda), "senda.settings@/senda");
        assert_eq!(storage_key("senda.settings", &root), "senda.settings@/");
        assert_ne!(storage_key("senda.settings", &senda), storage_key("senda.settings", &other));
    }

    #[test]
    fn a_plain_key_moves_once_and_never_overwrites() {
        assert_eq!(plan_key_move(true, false), KeyMove::Move);
        assert_eq!(plan_key_move(true, true), KeyMove::KeepScoped);
        assert_eq!(plan_key_move(false, true), KeyMove::Nothing);
        assert_eq!(plan_key_move(false, false), KeyMove::Nothing);
    }

    #[test]
    fn the_legacy_vault_moves_once_and_is_deleted_only_after_a_verified_move() {
        let state = |scoped_has_vault, scoped_moved_from_legacy, legacy_has_vault| DatabaseState {
            scoped_has_vault,
            scoped_moved_from_legacy,
            legacy_has_vault,
        };
        assert_eq!(plan_database_move(state(false, false, true)), DatabaseMove::Move);
        // The move was interrupted after its one transaction: the copy is whole (it carries
        // the marker), so only the deletion is left.
        assert_eq!(plan_database_move(state(true, true, true)), DatabaseMove::DeleteLegacy);
        // A vault created here, not moved: the legacy one belongs to someone else.
        assert_eq!(plan_database_move(state(true, false, true)), DatabaseMove::UseScoped);
        assert_eq!(plan_database_move(state(true, true, false)), DatabaseMove::UseScoped);
        assert_eq!(plan_database_move(state(false, false, false)), DatabaseMove::UseScoped);
    }
}
