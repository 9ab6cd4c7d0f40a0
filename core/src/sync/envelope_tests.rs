use super::*;
use proptest::prelude::*;

fn sealed_doc() -> EnvelopeDoc {
    let rev = Rev::child_of(None, [7; 16]);
    EnvelopeDoc {
        id: DocId::new(DocKind::Mutable, [0xa5; 16]),
        revisions: Some(RevPath { start: 1, ids: vec![rev.hash.clone()] }),
        rev,
        content: Content::Sealed(Sealed {
            kid: "c-0123abcd".into(),
            iv: [9; IV_LEN],
            ct: vec![3; 1024 + TAG_LEN],
        }),
    }
}

#[test]
fn ids_are_random_hex_with_a_kind_prefix_and_nothing_else() {
    let id = DocId::new(DocKind::Event, [0x0f; 16]);
    assert_eq!(id.as_str(), format!("e{}", "0f".repeat(16)));
    assert_eq!(id.kind(), DocKind::Event);
    assert_eq!(DocId::parse(id.as_str()), Ok(id));
    assert_eq!(DocId::new(DocKind::Mutable, [0; 16]).kind(), DocKind::Mutable);
    for bad in [
        "",
        "m",
        "x0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f",
        "m0F0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f",
        "_design/x",
        "case-ana",
    ] {
        assert_eq!(DocId::parse(bad), Err(EnvelopeError::BadId), "{bad}");
    }
}

#[test]
fn an_envelope_round_trips_through_its_json_with_only_envelope_fields() {
    let doc = sealed_doc();
    let json = doc.to_json();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["_id", "_rev", "_revisions", "ct", "iv", "kid", "v"]);
    assert_eq!(EnvelopeDoc::from_json(&json), Ok(doc));
}

#[test]
fn a_tombstone_has_no_content_and_round_trips() {
    let mut doc = sealed_doc();
    doc.content = Content::Tombstone;
    let json = doc.to_json();
    assert_eq!(json["_deleted"], json!(true));
    assert_eq!(EnvelopeDoc::from_json(&json), Ok(doc.clone()));
    let mut with_body = doc.to_json();
    with_body["ct"] = json!("AAAA");
    assert_eq!(EnvelopeDoc::from_json(&with_body), Err(EnvelopeError::TombstoneWithContent));
}

#[test]
fn a_later_revision_of_an_append_only_entry_is_refused_whatever_it_carries() {
    let first = Rev::child_of(None, [1; 16]);
    let mut doc = sealed_doc();
    doc.id = DocId::new(DocKind::Event, [2; 16]);
    doc.rev = first.clone();
    doc.revisions = None;
    assert!(EnvelopeDoc::from_json(&doc.to_json()).is_ok(), "the first revision is the entry");
    doc.rev = Rev::child_of(Some(&first), [3; 16]);
    assert_eq!(EnvelopeDoc::from_json(&doc.to_json()), Err(EnvelopeError::EventChanged));
    doc.content = Content::Tombstone;
    assert_eq!(EnvelopeDoc::from_json(&doc.to_json()), Err(EnvelopeError::EventChanged));
}

#[test]
fn a_plaintext_field_anywhere_at_the_top_is_refused() {
    for field in ["name", "country", "status", "updated_at", "_attachments", "_conflicts"] {
        let mut json = sealed_doc().to_json();
        json[field] = json!("Ana");
        assert_eq!(
            EnvelopeDoc::from_json(&json),
            Err(EnvelopeError::UnexpectedField(field.into()))
        );
    }
}

#[test]
fn each_malformed_field_gets_its_own_typed_error() {
    let cases: Vec<(&str, Value, EnvelopeError)> = vec![
        ("_id", json!("case-1"), EnvelopeError::BadId),
        ("_rev", json!("1-xyz"), EnvelopeError::BadRev),
        ("_revisions", json!({"start": 2, "ids": ["a"]}), EnvelopeError::BadRevisions),
        ("_revisions", json!({"start": 1, "ids": []}), EnvelopeError::BadRevisions),
        ("v", json!(2), EnvelopeError::UnknownVersion),
        ("v", json!("1"), EnvelopeError::UnknownVersion),
        ("kid", json!("Team Key!"), EnvelopeError::BadKeyId),
        ("kid", json!(""), EnvelopeError::BadKeyId),
        ("iv", json!(b64::encode(&[0; 11])), EnvelopeError::BadIv),
        ("iv", json!("not base64"), EnvelopeError::BadIv),
        ("ct", json!(b64::encode(&[0; 1000 + TAG_LEN])), EnvelopeError::BadCiphertext),
        ("ct", json!(b64::encode(&[0; 8])), EnvelopeError::BadCiphertext),
        ("ct", json!(42), EnvelopeError::MissingField("ct")),
        ("_deleted", json!("yes"), EnvelopeError::UnexpectedField("_deleted".into())),
    ];
    for (field, value, error) in cases {
        let mut json = sealed_doc().to_json();
        json[field] = value.clone();
        assert_eq!(EnvelopeDoc::from_json(&json), Err(error), "{field} = {value}");
    }
    assert_eq!(EnvelopeDoc::from_json(&json!([1])), Err(EnvelopeError::NotAnObject));
    let mut no_kid = sealed_doc().to_json();
    no_kid.as_object_mut().unwrap().remove("kid");
    assert_eq!(EnvelopeDoc::from_json(&no_kid), Err(EnvelopeError::MissingField("kid")));
}

#[test]
fn the_additional_data_binds_a_ciphertext_to_its_document_revision_and_key() {
    let id = DocId::new(DocKind::Mutable, [1; 16]);
    let other = DocId::new(DocKind::Mutable, [2; 16]);
    let rev = Rev::child_of(None, [3; 16]);
    let later = Rev::child_of(Some(&rev), [3; 16]);
    let aad = additional_data(&id, &rev, "c-1");
    assert_ne!(aad, additional_data(&other, &rev, "c-1"));
    assert_ne!(aad, additional_data(&id, &later, "c-1"));
    assert_ne!(aad, additional_data(&id, &rev, "c-2"));
    assert!(aad.starts_with(b"senda-sync-envelope-v1"));
}

#[test]
fn a_ciphertext_beyond_the_largest_bucket_is_refused_before_decoding() {
    let mut json = sealed_doc().to_json();
    json["ct"] = json!("A".repeat((padding::MAX_PADDED + TAG_LEN) / 3 * 4 + 8));
    assert_eq!(EnvelopeDoc::from_json(&json), Err(EnvelopeError::TooLarge));
    assert_eq!(EnvelopeError::TooLarge.message_key(), "sync.error.too_large");
    assert_eq!(EnvelopeError::BadIv.message_key(), "sync.error.bad_document");
}

proptest! {
    /// Whatever the server sends, reading it returns a value or a typed error, never a panic.
    #[test]
    fn reading_arbitrary_json_never_panics(
        keys in proptest::collection::vec(prop_oneof![
            Just("_id".to_owned()), Just("_rev".to_owned()), Just("_revisions".to_owned()),
            Just("v".to_owned()), Just("kid".to_owned()), Just("iv".to_owned()), Just("ct".to_owned()),
            Just("_deleted".to_owned()), "[a-z_]{1,6}"], 0..8),
        values in proptest::collection::vec(prop_oneof![
            Just(json!(null)), any::<bool>().prop_map(|b| json!(b)), any::<i64>().prop_map(|n| json!(n)),
            "\\PC{0,40}".prop_map(|s| json!(s)), Just(json!({"start": 1, "ids": [h32()]})),
            Just(json!([1, "x"])), Just(json!(format!("1-{}", h32()))), Just(json!(b64::encode(&[0; 12]))),
        ], 8),
    ) {
        let mut doc = Map::new();
        for (k, v) in keys.into_iter().zip(values) { doc.insert(k, v); }
        let _ = EnvelopeDoc::from_json(&Value::Object(doc));
    }

    #[test]
    fn any_sealed_envelope_round_trips(random in any::<[u8; 16]>(), iv in any::<[u8; 12]>(), bucket in 0u32..4, event in any::<bool>()) {
        let kind = if event { DocKind::Event } else { DocKind::Mutable };
        let doc = EnvelopeDoc {
            id: DocId::new(kind, random),
            rev: Rev::child_of(None, random),
            revisions: None,
            content: Content::Sealed(Sealed { kid: "t-3".into(), iv, ct: vec![1; (1024 << bucket) + TAG_LEN] }),
        };
        prop_assert_eq!(EnvelopeDoc::from_json(&doc.to_json()), Ok(doc));
    }
}

fn h32() -> String {
    "ab".repeat(16)
}
