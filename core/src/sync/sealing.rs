//! What the shell hands to AES-GCM and gets back: a section or event as JSON, padded to its
//! bucket ([`super::padding`]); the additional data is [`super::envelope::additional_data`].
//! After decryption the plaintext is read strictly: a document that decrypts but is not padded
//! JSON is refused like a tampered one.

use super::padding::{self, PaddingError};
use serde_json::Value;

/// Why a plaintext cannot be sealed, or a decrypted one read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SealError {
    TooLarge,
    Padding(PaddingError),
    NotJson,
    /// Sections and events are JSON objects.
    NotAnObject,
}

impl SealError {
    pub fn message_key(self) -> &'static str {
        match self {
            SealError::TooLarge | SealError::Padding(PaddingError::TooLarge) => {
                "sync.error.too_large"
            }
            _ => "sync.error.bad_document",
        }
    }
}

/// The bytes to encrypt for a section or event document.
pub fn seal_input(doc: &Value) -> Result<Vec<u8>, SealError> {
    if !doc.is_object() {
        return Err(SealError::NotAnObject);
    }
    let json = serde_json::to_vec(doc).map_err(|_| SealError::NotJson)?;
    padding::pad(&json).map_err(|e| match e {
        PaddingError::TooLarge => SealError::TooLarge,
        other => SealError::Padding(other),
    })
}

/// The document inside decrypted bytes.
pub fn open_output(padded: &[u8]) -> Result<Value, SealError> {
    let json = padding::unpad(padded).map_err(SealError::Padding)?;
    let doc: Value = serde_json::from_slice(json).map_err(|_| SealError::NotJson)?;
    if doc.is_object() {
        Ok(doc)
    } else {
        Err(SealError::NotAnObject)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn a_section_round_trips_and_its_size_is_a_bucket() {
        let doc = json!({"given_name": "Ana", "age": 14});
        let sealed = seal_input(&doc).unwrap();
        assert!(padding::is_bucket(sealed.len()));
        assert_eq!(open_output(&sealed), Ok(doc));
        let longer = json!({"given_name": "Ana María de los Ángeles", "age": 14});
        assert_eq!(
            seal_input(&longer).unwrap().len(),
            sealed.len(),
            "both land in the same bucket"
        );
    }

    #[test]
    fn only_objects_are_sealed_or_opened() {
        assert_eq!(seal_input(&json!([1, 2])), Err(SealError::NotAnObject));
        assert_eq!(open_output(&padding::pad(b"[1]").unwrap()), Err(SealError::NotAnObject));
        assert_eq!(open_output(&padding::pad(b"{nope").unwrap()), Err(SealError::NotJson));
        assert_eq!(open_output(&[0; 10]), Err(SealError::Padding(PaddingError::NotABucket)));
        let huge = json!({"notes": "x".repeat(padding::MAX_PADDED)});
        assert_eq!(seal_input(&huge), Err(SealError::TooLarge));
        assert_eq!(SealError::TooLarge.message_key(), "sync.error.too_large");
    }

    proptest! {
        #[test]
        fn opening_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2100)) {
            let _ = open_output(&bytes);
        }
    }
}
