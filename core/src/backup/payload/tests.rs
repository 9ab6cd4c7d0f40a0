//! Tests of the decrypted backup contents: round trips, migration and every hostile-input limit.

use super::*;
use crate::case::arbitrary::{self, at, complete_case, worker};
use crate::case::{ChildProfile, MigrationError};
use proptest::prelude::*;
use uuid::Uuid;

const V0_FIXTURE: &str = include_str!("../../../tests/fixtures/case_v0.json");

fn case(id: u128) -> Case {
    let profile = ChildProfile { alias: format!("child {id}"), ..ChildProfile::default() };
    Case::new(Uuid::from_u128(id), profile, at(0), &worker())
}

fn payload_with(cases: &str) -> Vec<u8> {
    format!(r#"{{"made_at":"2026-03-10T09:00:00Z","cases":{cases}}}"#).into_bytes()
}

fn json_of(case: &Case) -> String {
    serde_json::to_string(case).unwrap_or_default()
}

#[test]
fn cases_written_into_a_payload_read_back_with_its_date() {
    let cases = vec![case(1), case(2), complete_case(3)];
    let bytes = encode_payload(&cases, at(90)).expect("encodes");
    assert_eq!(parse_payload(&bytes), Ok(BackupContents { made_at: at(90), cases }));
}

#[test]
fn records_of_older_versions_are_migrated_on_the_way_in() {
    let bytes = payload_with(&format!("[{}, {V0_FIXTURE}]", json_of(&case(1))));
    let contents = parse_payload(&bytes).expect("reads");
    let ids: Vec<String> = contents.cases.iter().map(|c| c.id().to_string()).collect();
    assert_eq!(
        ids,
        ["00000000-0000-0000-0000-000000000001", "6f1c2b9e-4d3a-4c1e-9a57-0b8e2f6d4c11"]
    );
    assert_eq!(contents.cases[1].profile().given_names, "Wendy Yamileth");
}

#[test]
fn contents_that_are_not_json_are_refused() {
    let cut_off = payload_with(&format!("[{}]", json_of(&case(1))));
    for bytes in [&b"not json"[..], b"", b"\xff\xfe{}", &cut_off[..cut_off.len() - 3]] {
        assert_eq!(
            parse_payload(bytes),
            Err(BackupError::PayloadNotJson),
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn deeply_nested_contents_are_refused_before_parsing() {
    for depth in [MAX_NESTING + 1, 129, 100_000] {
        let bomb = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(
            parse_payload(bomb.as_bytes()),
            Err(BackupError::TooDeeplyNested),
            "depth {depth}"
        );
        let in_a_case = payload_with(&format!("[{{\"schema_version\":1,\"x\":{bomb}}}]"));
        assert_eq!(
            parse_payload(&in_a_case),
            Err(BackupError::TooDeeplyNested),
            "depth {depth} inside a case"
        );
    }
    let unclosed = "{\"a\":".repeat(50_000);
    assert_eq!(parse_payload(unclosed.as_bytes()), Err(BackupError::TooDeeplyNested));
}

#[test]
fn serde_json_s_own_recursion_limit_also_holds() {
    // The byte scan above is the first line of defence; this is the second, checked here so a
    // serde_json upgrade that dropped its limit would be noticed.
    let deep = "[".repeat(10_000);
    let err = serde_json::from_str::<Value>(&deep).err().map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.starts_with("recursion limit exceeded")));
}

#[test]
fn brackets_inside_text_do_not_count_as_nesting() {
    let mut c = case(1);
    c.add_note(&format!("{} \\\" {}", "[{".repeat(200), "\\"), at(1), &worker());
    let bytes = encode_payload(std::slice::from_ref(&c), at(2)).expect("encodes");
    assert_eq!(parse_payload(&bytes).map(|p| p.cases), Ok(vec![c]));
    assert!(!nests_deeper_than(br#"["\"[[[[", "\\", "]"]"#, 1));
    assert!(nests_deeper_than(br#"["\\", [[]]]"#, 2));
}

#[test]
fn contents_of_the_wrong_shape_are_refused() {
    for bytes in [
        &b"[]"[..],
        b"{}",
        b"null",
        br#"{"made_at":"2026-03-10T09:00:00Z"}"#,
        br#"{"made_at":5,"cases":[]}"#,
        br#"{"made_at":"2026-03-10T09:00:00Z","cases":{}}"#,
        br#"{"made_at":"yesterday","cases":[]}"#,
    ] {
        let result = parse_payload(bytes);
        assert!(
            matches!(result, Err(BackupError::PayloadWrongShape { .. })),
            "{}: {result:?}",
            String::from_utf8_lossy(bytes)
        );
    }
}

#[test]
fn a_huge_payload_is_refused_before_parsing() {
    let huge = vec![b' '; MAX_BACKUP_BYTES + 1];
    assert_eq!(parse_payload(&huge), Err(BackupError::TooLarge { size: MAX_BACKUP_BYTES + 1 }));
}

#[test]
fn too_many_cases_are_refused_before_any_is_read() {
    let records = vec!["{}"; MAX_CASES + 1].join(",");
    assert_eq!(
        parse_payload(&payload_with(&format!("[{records}]"))),
        Err(BackupError::TooManyCases { count: MAX_CASES + 1 })
    );
    let many: Vec<Case> = (0..=MAX_CASES as u128).map(case).collect();
    assert_eq!(
        encode_payload(&many, at(0)),
        Err(BackupError::TooManyCases { count: MAX_CASES + 1 })
    );
}

#[test]
fn a_case_of_the_wrong_shape_or_a_future_version_is_named_by_its_position() {
    let good = json_of(&case(1));
    let wrong = good.replacen(r#""alias":"child 1""#, r#""alias":["child 1"]"#, 1);
    let result = parse_payload(&payload_with(&format!("[{good},{wrong}]")));
    assert!(
        matches!(
            result,
            Err(BackupError::InvalidCase {
                index: 1,
                error: MigrationError::WrongShape { version: 4, .. }
            })
        ),
        "{result:?}"
    );
    let future = good.replacen(r#""schema_version":4"#, r#""schema_version":5"#, 1);
    assert_eq!(
        parse_payload(&payload_with(&format!("[{future}]"))),
        Err(BackupError::InvalidCase {
            index: 0,
            error: MigrationError::FutureVersion { found: 5 }
        })
    );
    assert_eq!(
        parse_payload(&payload_with("[7]")),
        Err(BackupError::InvalidCase { index: 0, error: MigrationError::NotAnObject })
    );
}

#[test]
fn the_same_case_twice_is_refused() {
    let a = json_of(&case(5));
    let mut b = case(5);
    b.add_note("a later copy", at(3), &worker());
    let result = parse_payload(&payload_with(&format!("[{a},{}]", json_of(&b))));
    assert_eq!(result, Err(BackupError::DuplicateCase { id: Uuid::from_u128(5) }));
}

#[test]
fn the_size_cap_holds_two_thousand_complete_cases_with_room_to_spare() {
    let one = json_of(&complete_case(1)).len();
    assert!(
        (40_000..48_000).contains(&one),
        "a complete case is {one} bytes: update MAX_BACKUP_BYTES's doc"
    );
    assert!(2_000 * one * 3 / 2 < MAX_BACKUP_BYTES, "2,000 cases of {one} bytes, plus half");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_cases_round_trip_through_a_payload(cases in proptest::collection::vec(arbitrary::case(), 0..4)) {
        let mut cases = cases;
        cases.sort_by_key(Case::id);
        cases.dedup_by_key(|c| c.id());
        let bytes = encode_payload(&cases, at(9)).expect("encodes");
        prop_assert_eq!(parse_payload(&bytes), Ok(BackupContents { made_at: at(9), cases }));
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let _ = parse_payload(&bytes);
    }
}
