//! Padding of a plaintext to a size bucket before encryption, so a ciphertext's length tells the
//! server little more than "small, medium or large": `[length: u32 BE][plaintext][zeros]`.

/// The smallest bucket: most section documents fit in it.
pub const MIN_BUCKET: usize = 1024;
/// Up to here buckets double; above, they grow in steps of this size.
pub const STEP: usize = 64 * 1024;
/// The largest padded plaintext accepted (a case section with long notes stays far below).
pub const MAX_PADDED: usize = 4 * 1024 * 1024;
const LEN_PREFIX: usize = 4;

/// Why a padded plaintext (after decryption) is not well formed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaddingError {
    TooLarge,
    NotABucket,
    BadLength,
    /// The padding bytes are not zero: not written by Senda.
    DirtyPadding,
}

/// The padded size for a plaintext of `plain_len` bytes, `None` when it is too large.
pub fn padded_len(plain_len: usize) -> Option<usize> {
    let framed = plain_len.checked_add(LEN_PREFIX)?;
    let bucket = if framed <= STEP {
        framed.max(MIN_BUCKET).next_power_of_two()
    } else {
        framed.div_ceil(STEP) * STEP
    };
    (bucket <= MAX_PADDED).then_some(bucket)
}

/// Whether `len` is one of the bucket sizes.
pub fn is_bucket(len: usize) -> bool {
    (MIN_BUCKET..=MAX_PADDED).contains(&len)
        && if len <= STEP { len.is_power_of_two() } else { len.is_multiple_of(STEP) }
}

/// The plaintext framed and padded, ready for encryption.
pub fn pad(plain: &[u8]) -> Result<Vec<u8>, PaddingError> {
    let len = padded_len(plain.len()).ok_or(PaddingError::TooLarge)?;
    let mut out = Vec::with_capacity(len);
    out.extend_from_slice(&(plain.len() as u32).to_be_bytes());
    out.extend_from_slice(plain);
    out.resize(len, 0);
    Ok(out)
}

/// The plaintext inside a decrypted, padded buffer.
pub fn unpad(padded: &[u8]) -> Result<&[u8], PaddingError> {
    if !is_bucket(padded.len()) {
        return Err(PaddingError::NotABucket);
    }
    let mut prefix = [0u8; LEN_PREFIX];
    prefix.copy_from_slice(&padded[..LEN_PREFIX]);
    let len = u32::from_be_bytes(prefix) as usize;
    let end = LEN_PREFIX
        .checked_add(len)
        .filter(|&e| e <= padded.len())
        .ok_or(PaddingError::BadLength)?;
    if padded[end..].iter().any(|&b| b != 0) {
        return Err(PaddingError::DirtyPadding);
    }
    Ok(&padded[LEN_PREFIX..end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn sizes_fall_into_few_buckets() {
        assert_eq!(padded_len(0), Some(1024));
        assert_eq!(padded_len(1020), Some(1024));
        assert_eq!(padded_len(1021), Some(2048));
        assert_eq!(padded_len(STEP - 4), Some(STEP));
        assert_eq!(padded_len(STEP - 3), Some(2 * STEP));
        assert_eq!(padded_len(MAX_PADDED - 4), Some(MAX_PADDED));
        assert_eq!(padded_len(MAX_PADDED), None);
        assert_eq!(padded_len(usize::MAX), None);
        let small: std::collections::BTreeSet<_> = (0..60_000).map(padded_len).collect();
        assert_eq!(small.len(), 7, "1, 2, 4, 8, 16, 32 and 64 KiB");
    }

    #[test]
    fn a_padded_buffer_that_was_not_written_by_pad_is_refused() {
        assert_eq!(unpad(&[0; 1000]), Err(PaddingError::NotABucket));
        let mut long = pad(b"abc").unwrap();
        long[0] = 0xff;
        assert_eq!(unpad(&long), Err(PaddingError::BadLength));
        let mut dirty = pad(b"abc").unwrap();
        dirty[100] = 1;
        assert_eq!(unpad(&dirty), Err(PaddingError::DirtyPadding));
        assert_eq!(pad(&vec![0; MAX_PADDED]), Err(PaddingError::TooLarge));
    }

    proptest! {
        #[test]
        fn padding_round_trips_and_always_lands_on_a_bucket(plain in proptest::collection::vec(any::<u8>(), 0..5000)) {
            let padded = pad(&plain).unwrap();
            prop_assert!(is_bucket(padded.len()));
            prop_assert_eq!(Some(padded.len()), padded_len(plain.len()));
            prop_assert_eq!(unpad(&padded), Ok(&plain[..]));
        }

        #[test]
        fn unpadding_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..3000)) {
            let _ = unpad(&bytes);
        }
    }
}
