use super::*;
use proptest::prelude::*;

fn h(c: char) -> String {
    std::iter::repeat_n(c, 32).collect()
}

fn rev(pos: u64, c: char) -> Rev {
    Rev { pos, hash: h(c) }
}

fn path(start: u64, hashes: &str) -> RevPath {
    RevPath { start, ids: hashes.chars().map(h).collect() }
}

#[test]
fn revisions_read_and_write_as_n_dash_hash() {
    let r: Rev = format!("3-{}", h('a')).parse().unwrap();
    assert_eq!(r, rev(3, 'a'));
    assert_eq!(r.to_string(), format!("3-{}", h('a')));
    for bad in [
        "",
        "3",
        "3-",
        "-abc",
        "0-".to_owned().as_str(),
        "03-x",
        "x-1",
        "1-ABC",
        "99999999999999-a",
    ] {
        assert!(bad.parse::<Rev>().is_err(), "{bad}");
    }
    assert!(format!("1-{}", h('g')).parse::<Rev>().is_err(), "not hex");
}

#[test]
fn a_child_revision_is_one_deeper_and_named_by_the_random_bytes_given() {
    let first = Rev::child_of(None, [0xab; 16]);
    assert_eq!(first.pos, 1);
    assert_eq!(first.hash, "ab".repeat(16));
    assert_eq!(Rev::child_of(Some(&first), [1; 16]).pos, 2);
}

#[test]
fn a_linear_history_has_one_leaf_and_no_conflict() {
    let mut tree = RevTree::default();
    assert!(tree.merge(&path(3, "cba"), false));
    assert!(!tree.merge(&path(2, "ba"), false), "an ancestor adds nothing");
    assert_eq!(tree.leaves(), vec![(rev(3, 'c'), false)]);
    assert_eq!(tree.winner(), Some(rev(3, 'c')));
    assert!(tree.conflicts().is_empty());
}

#[test]
fn two_edits_of_one_revision_are_a_conflict_with_both_leaves_kept() {
    let mut tree = RevTree::default();
    tree.merge(&path(2, "ba"), false);
    tree.merge(&path(2, "ca"), false);
    assert_eq!(tree.conflicts(), vec![rev(2, 'b'), rev(2, 'c')]);
    assert_eq!(tree.common_ancestor(&rev(2, 'b'), &rev(2, 'c')), Some(rev(1, 'a')));
}

#[test]
fn the_winner_is_live_then_deepest_then_greatest_hash() {
    let mut tree = RevTree::default();
    tree.merge(&path(2, "ba"), false);
    tree.merge(&path(2, "ca"), false);
    assert_eq!(tree.winner(), Some(rev(2, 'c')), "greatest hash at equal depth");
    tree.merge(&path(3, "db"), false);
    assert_eq!(tree.winner(), Some(rev(3, 'd')), "deepest");
    tree.merge(&path(4, "ed"), true);
    assert_eq!(tree.winner(), Some(rev(2, 'c')), "a live leaf before a deeper deleted one");
    assert_eq!(tree.leaves(), vec![(rev(2, 'c'), false), (rev(4, 'e'), true)]);
}

#[test]
fn a_tombstone_closing_a_branch_ends_the_conflict() {
    let mut tree = RevTree::default();
    tree.merge(&path(2, "ba"), false);
    tree.merge(&path(2, "ca"), false);
    tree.merge(&path(3, "dc"), true);
    assert!(tree.conflicts().is_empty());
    assert_eq!(tree.live_leaves(), vec![rev(2, 'b')]);
}

#[test]
fn deleting_against_editing_is_a_conflict_because_deletion_is_a_sealed_revision() {
    // Phone A records "case closed/deleted" as a sealed revision; phone B edits the same base.
    let mut tree = RevTree::default();
    tree.merge(&path(2, "da"), false);
    tree.merge(&path(2, "ea"), false);
    assert_eq!(tree.conflicts().len(), 2);
}

#[test]
fn a_stemmed_path_is_joined_to_its_parent_when_learnt_later() {
    let mut tree = RevTree::default();
    tree.merge(&path(3, "c"), false);
    tree.merge(&path(2, "ba"), false);
    assert_eq!(tree.leaves().len(), 2, "unjoined: two leaves");
    tree.merge(&path(3, "cb"), false);
    assert_eq!(tree.leaves(), vec![(rev(3, 'c'), false)]);
    assert_eq!(tree.path_to(&rev(3, 'c'), 10), Some(path(3, "cba")));
    assert_eq!(tree.path_to(&rev(3, 'c'), 2), Some(path(3, "cb")));
}

proptest! {
    /// The tree does not depend on the order paths arrive in: two replicas that received the
    /// same revisions in any order agree on leaves, winner and conflicts.
    #[test]
    fn merging_is_order_independent(branches in proptest::collection::vec((1u64..5, 0usize..4), 1..6), seed in any::<u64>()) {
        let letters = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
        let paths: Vec<RevPath> = branches.iter().enumerate().map(|(i, &(len, base))| {
            let mut ids: Vec<String> = (0..len).map(|k| format!("{:x}{:031x}", (i % 15) + 1, k)).collect();
            ids.push(h(letters[base % letters.len()]));
            ids.push(h('0'));
            RevPath { start: len + 2, ids }
        }).collect();
        let mut forward = RevTree::default();
        for p in &paths { forward.merge(p, false); }
        let mut shuffled = paths.clone();
        let n = shuffled.len();
        for i in 0..n { shuffled.swap(i, (seed as usize).wrapping_add(i * 7) % n); }
        let mut other = RevTree::default();
        for p in &shuffled { other.merge(p, false); }
        prop_assert_eq!(forward.leaves(), other.leaves());
        prop_assert_eq!(forward.winner(), other.winner());
    }
}
