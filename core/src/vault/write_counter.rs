//! The vault format 2's rollback rule: a monotonic write counter kept in the header, bound into
//! the authenticated data of every record and of the index, so an older copy of either put back
//! in storage still decrypts but is recognised as older than what this device last wrote — and
//! refused and reported, never used, never deleted. Also the layout of a format-2 envelope
//! (`[2][counter u64 LE][iv; 12][ciphertext ‖ tag]`) and of its additional data.
//!
//! Not browser code: the browser side (`senda::vault`) follows these rules for every format-2
//! vault (README, "Older copies put back").

use super::envelope::{EnvelopeError, IV_LEN, TAG_LEN};

/// The envelope format that carries a write counter.
pub const COUNTED_ENVELOPE_FORMAT: u8 = 2;
/// Shortest whole format-2 envelope: format, counter, IV and a tag over empty plaintext.
pub const MIN_COUNTED_ENVELOPE_LEN: usize = 1 + 8 + IV_LEN + TAG_LEN;

/// A sealed value of format 2 as stored. The counter is plain (the reader needs it to build the
/// additional data) but authenticated: changing it makes the decryption fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountedEnvelope {
    pub counter: u64,
    pub iv: [u8; IV_LEN],
    pub ciphertext: Vec<u8>,
}

impl CountedEnvelope {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + 8 + IV_LEN + self.ciphertext.len());
        out.push(COUNTED_ENVELOPE_FORMAT);
        out.extend_from_slice(&self.counter.to_le_bytes());
        out.extend_from_slice(&self.iv);
        out.extend_from_slice(&self.ciphertext);
        out
    }

    /// Reads stored bytes; only the layout is checked (authenticity is the decryption's job).
    pub fn from_bytes(bytes: &[u8]) -> Result<CountedEnvelope, EnvelopeError> {
        let (&format, rest) = bytes.split_first().ok_or(EnvelopeError::Empty)?;
        if format > COUNTED_ENVELOPE_FORMAT {
            return Err(EnvelopeError::FutureFormat(format));
        }
        if format != COUNTED_ENVELOPE_FORMAT {
            return Err(EnvelopeError::UnknownFormat(format));
        }
        if bytes.len() < MIN_COUNTED_ENVELOPE_LEN {
            return Err(EnvelopeError::Truncated { len: bytes.len() });
        }
        let (counter, rest) = rest.split_at(8);
        let (iv, ciphertext) = rest.split_at(IV_LEN);
        let mut c = [0u8; 8];
        c.copy_from_slice(counter);
        let mut fixed = [0u8; IV_LEN];
        fixed.copy_from_slice(iv);
        Ok(CountedEnvelope {
            counter: u64::from_le_bytes(c),
            iv: fixed,
            ciphertext: ciphertext.to_vec(),
        })
    }
}

/// What a format-2 ciphertext is bound to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CountedSlot<'a> {
    Index,
    /// A record by its opaque storage key (never the case id: see `data_key::record_key_input`).
    Record(&'a str),
}

/// The additional data of a format-2 value:
/// `senda-vault/2/<generation>/<counter>/index` or `…/<counter>/record/<opaque key>`.
pub fn counted_additional_data(generation: u32, counter: u64, slot: CountedSlot<'_>) -> Vec<u8> {
    let mut out =
        format!("senda-vault/{COUNTED_ENVELOPE_FORMAT}/{generation}/{counter}/").into_bytes();
    match slot {
        CountedSlot::Index => out.extend_from_slice(b"index"),
        CountedSlot::Record(key) => {
            out.extend_from_slice(b"record/");
            out.extend_from_slice(key.as_bytes());
        }
    }
    out
}

/// The counter to write with the next transaction, after `last` (the header's). `None` when it
/// cannot grow any more (after 2^64 − 1 writes): the vault then refuses to write.
pub fn next_counter(last: u64) -> Option<u64> {
    last.checked_add(1)
}

/// What a value's counter says against what this device expects.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// Exactly what this device last wrote: use it.
    Current,
    /// Older than what this device last wrote: an earlier copy put back. Refused, reported,
    /// left where it is.
    RolledBack { found: u64, expected: u64 },
    /// Newer than the expectation: the expectation itself (index or header) was put back.
    /// Refused and reported the same way: the device cannot tell which copy is the real one.
    AheadOfRecord { found: u64, expected: u64 },
}

/// The index's counter against the header's. Every write puts the index and the header in one
/// transaction with the same counter, so anything else is a copy put back.
pub fn check_index(index_counter: u64, header_counter: u64) -> Freshness {
    compare(index_counter, header_counter)
}

/// A record's counter against the one the index lists for it (written in the same transaction).
pub fn check_record(record_counter: u64, listed_counter: u64) -> Freshness {
    compare(record_counter, listed_counter)
}

/// A record met while rebuilding an index that could not be used: nothing lists it, so only a
/// counter beyond the header's (written after the last header: impossible, so a header put back)
/// is refused.
pub fn check_unlisted_record(record_counter: u64, header_counter: u64) -> Freshness {
    if record_counter > header_counter {
        Freshness::AheadOfRecord { found: record_counter, expected: header_counter }
    } else {
        Freshness::Current
    }
}

fn compare(found: u64, expected: u64) -> Freshness {
    match found.cmp(&expected) {
        std::cmp::Ordering::Equal => Freshness::Current,
        std::cmp::Ordering::Less => Freshness::RolledBack { found, expected },
        std::cmp::Ordering::Greater => Freshness::AheadOfRecord { found, expected },
    }
}

impl Freshness {
    /// Whether the value may be used.
    pub fn is_current(&self) -> bool {
        matches!(self, Freshness::Current)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(counter: u64) -> CountedEnvelope {
        CountedEnvelope { counter, iv: [3; IV_LEN], ciphertext: (0..30).collect() }
    }

    #[test]
    fn a_counted_envelope_round_trips_and_damage_is_named() {
        let e = sample(0x0102_0304_0506_0708);
        let bytes = e.to_bytes();
        assert_eq!(bytes[0], 2);
        assert_eq!(&bytes[1..9], &[8, 7, 6, 5, 4, 3, 2, 1]);
        assert_eq!(CountedEnvelope::from_bytes(&bytes), Ok(e));
        assert_eq!(CountedEnvelope::from_bytes(&[]), Err(EnvelopeError::Empty));
        assert_eq!(
            CountedEnvelope::from_bytes(&bytes[..20]),
            Err(EnvelopeError::Truncated { len: 20 })
        );
        let mut newer = bytes.clone();
        newer[0] = 3;
        assert_eq!(CountedEnvelope::from_bytes(&newer), Err(EnvelopeError::FutureFormat(3)));
        // A format-1 envelope is not mistaken for a counted one.
        let mut older = bytes;
        older[0] = 1;
        assert_eq!(CountedEnvelope::from_bytes(&older), Err(EnvelopeError::UnknownFormat(1)));
        assert!(
            CountedEnvelope::from_bytes(&sample(1).to_bytes()[..MIN_COUNTED_ENVELOPE_LEN]).is_ok()
        );
    }

    #[test]
    fn the_additional_data_binds_generation_counter_and_slot() {
        assert_eq!(
            counted_additional_data(3, 41, CountedSlot::Record("k1")),
            b"senda-vault/2/3/41/record/k1".to_vec()
        );
        let all = [
            counted_additional_data(1, 1, CountedSlot::Index),
            counted_additional_data(1, 2, CountedSlot::Index),
            counted_additional_data(2, 1, CountedSlot::Index),
            counted_additional_data(1, 1, CountedSlot::Record("a")),
            counted_additional_data(1, 2, CountedSlot::Record("a")),
            counted_additional_data(1, 1, CountedSlot::Record("b")),
            // Format 1's additional data never equals format 2's.
            crate::vault::envelope::additional_data(1, crate::vault::envelope::Slot::Index),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn an_older_copy_is_refused_and_only_the_current_one_is_used() {
        assert_eq!(check_index(9, 9), Freshness::Current);
        assert_eq!(check_index(7, 9), Freshness::RolledBack { found: 7, expected: 9 });
        assert_eq!(check_index(10, 9), Freshness::AheadOfRecord { found: 10, expected: 9 });
        assert_eq!(check_record(4, 4), Freshness::Current);
        assert_eq!(check_record(3, 4), Freshness::RolledBack { found: 3, expected: 4 });
        assert_eq!(check_unlisted_record(4, 9), Freshness::Current);
        assert!(matches!(check_unlisted_record(10, 9), Freshness::AheadOfRecord { .. }));
        assert!(Freshness::Current.is_current());
        assert!(!check_record(1, 2).is_current());
    }

    #[test]
    fn the_counter_only_grows() {
        let mut last = 0;
        for _ in 0..1000 {
            let next = next_counter(last).unwrap_or(last);
            assert!(next > last);
            last = next;
        }
        assert_eq!(next_counter(u64::MAX), None);
    }
}
