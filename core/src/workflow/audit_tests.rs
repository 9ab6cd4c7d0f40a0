//! The audit chain: built entry by entry, verified in any order, and each kind of damage found
//! and named.
use super::*;
use crate::case::CasePart;
use crate::workflow::role::Role;
use crate::workflow::signed::test_keys::{roster, Device, P256};

fn chain(device: &Device, actions: &[ChainAction], start_at: i64) -> Vec<ChainEntry> {
    let mut out: Vec<ChainEntry> = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        let body =
            EntryBody::next("c-1", &device.id, out.last(), start_at + i as i64 * 10, *action);
        out.push(ChainEntry { signature: device.sign(&body.signing_bytes()), body });
    }
    out
}

fn resign(device: &Device, mut e: ChainEntry) -> ChainEntry {
    e.signature = device.sign(&e.body.signing_bytes());
    e
}

struct Fixture {
    ana: Device,
    sup: Device,
    roster: Roster,
    ana_chain: Vec<ChainEntry>,
    sup_chain: Vec<ChainEntry>,
}

fn fixture() -> Fixture {
    let ana = Device::new("d-ana", 4);
    let sup = Device::new("d-sup", 3);
    let roster = roster(&[(&ana, Role::Caseworker), (&sup, Role::Supervisor)]);
    let ana_chain = chain(
        &ana,
        &[
            ChainAction::Case(AuditAction::Created),
            ChainAction::Case(AuditAction::Edited(CasePart::Profile)),
            ChainAction::ReviewRequested,
            ChainAction::Case(AuditAction::Exported),
        ],
        100,
    );
    let sup_chain = chain(&sup, &[ChainAction::ViewedDecision, ChainAction::ReviewDecided], 115);
    Fixture { ana, sup, roster, ana_chain, sup_chain }
}

fn verify(f: &Fixture, entries: &[ChainEntry], heads: &[(&str, u64)]) -> History {
    let heads = heads.iter().map(|(d, h)| ((*d).to_owned(), *h)).collect();
    verify_history("c-1", entries, &heads, &f.roster, &P256)
}

#[test]
fn an_intact_history_merges_the_devices_chains_by_time_in_any_order() {
    let f = fixture();
    let mut all: Vec<ChainEntry> = f.ana_chain.iter().chain(&f.sup_chain).cloned().collect();
    let h = verify(&f, &all, &[("d-ana", 3), ("d-sup", 1)]);
    assert!(h.is_intact(), "{:?}", h.problems);
    let order: Vec<(&str, u64)> =
        h.entries.iter().map(|e| (e.body.device.as_str(), e.body.seq)).collect();
    assert_eq!(
        order,
        [("d-ana", 0), ("d-ana", 1), ("d-sup", 0), ("d-ana", 2), ("d-sup", 1), ("d-ana", 3)]
    );
    all.reverse();
    all.push(all[0].clone());
    assert_eq!(verify(&f, &all, &[]), h, "order and duplicates do not matter");
    // Entries say what was done, never any content.
    let json = serde_json::to_string(&h.entries[1].body).unwrap();
    assert!(json.contains(r#""action":{"case":{"edited":"profile"}}"#), "{json}");
}

#[test]
fn a_tampered_entry_is_found_and_named() {
    let f = fixture();
    let mut entries = f.ana_chain.clone();
    entries[1].body.action = ChainAction::Case(AuditAction::Edited(CasePart::Notes));
    let h = verify(&f, &entries, &[]);
    // Its signature fails, so the chain has a hole where it was.
    assert_eq!(
        h.problems,
        [
            ChainProblem::Tampered { device: "d-ana".into(), seq: 1 },
            ChainProblem::Missing { device: "d-ana".into(), from: 1, to: 1 },
        ]
    );
    // An entry signed by a key outside the team.
    let stranger = Device::new("d-x", 11);
    let mut forged = f.ana_chain[3].clone();
    forged.signature = stranger.sign(&forged.body.signing_bytes());
    let mut entries = f.ana_chain[..3].to_vec();
    entries.push(forged);
    let h = verify(&f, &entries, &[]);
    assert_eq!(h.problems, [ChainProblem::Tampered { device: "d-ana".into(), seq: 3 }]);
}

#[test]
fn a_missing_entry_is_found_in_the_middle_and_at_the_end() {
    let f = fixture();
    let mut entries = f.ana_chain.clone();
    entries.remove(1);
    entries.extend(f.sup_chain.clone());
    let h = verify(&f, &entries, &[]);
    assert_eq!(h.problems, [ChainProblem::Missing { device: "d-ana".into(), from: 1, to: 1 }]);
    // The last entries dropped (by a server, or never synced): only the known head tells.
    let h = verify(&f, &f.ana_chain[..2], &[("d-ana", 3), ("d-sup", 1)]);
    assert_eq!(
        h.problems,
        [
            ChainProblem::Missing { device: "d-ana".into(), from: 2, to: 3 },
            ChainProblem::Missing { device: "d-sup".into(), from: 0, to: 1 },
        ]
    );
    assert!(
        verify(&f, &f.ana_chain[..2], &[]).is_intact(),
        "without a head, a short chain is whole"
    );
}

#[test]
fn a_reordered_entry_is_found() {
    let f = fixture();
    // Entry 2 re-signed by its device to follow entry 0 instead of entry 1.
    let mut entries = f.ana_chain[..2].to_vec();
    let mut moved = f.ana_chain[2].clone();
    moved.body.prev = f.ana_chain[0].hash();
    entries.push(resign(&f.ana, moved));
    let h = verify(&f, &entries, &[]);
    assert_eq!(h.problems, [ChainProblem::Reordered { device: "d-ana".into(), seq: 2 }]);
    // Two entries swapped numbers (re-signed): both links break.
    let mut a = f.ana_chain[1].clone();
    let mut b = f.ana_chain[2].clone();
    std::mem::swap(&mut a.body.seq, &mut b.body.seq);
    let entries =
        vec![f.ana_chain[0].clone(), resign(&f.ana, a), resign(&f.ana, b), f.ana_chain[3].clone()];
    let h = verify(&f, &entries, &[]);
    assert!(
        h.problems.iter().all(|p| p.id() == "reordered" || p.id() == "missing"),
        "{:?}",
        h.problems
    );
    assert!(h.problems.contains(&ChainProblem::Reordered { device: "d-ana".into(), seq: 2 }));
}

#[test]
fn a_fork_and_an_entry_of_another_case_are_found() {
    let f = fixture();
    let mut entries = f.sup_chain.clone();
    let mut other = f.sup_chain[1].clone();
    other.body.action = ChainAction::PanelVoted;
    entries.push(resign(&f.sup, other));
    let mut elsewhere = f.ana_chain[0].clone();
    elsewhere.body.case = "c-2".into();
    entries.push(resign(&f.ana, elsewhere));
    let h = verify(&f, &entries, &[]);
    assert_eq!(
        h.problems,
        [
            ChainProblem::Forked { device: "d-sup".into(), seq: 1 },
            ChainProblem::OtherCase { device: "d-ana".into(), seq: 0 },
        ]
    );
}
