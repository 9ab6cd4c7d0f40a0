//! The stored form of one encrypted value (format byte, IV, AES-GCM ciphertext with its tag) and
//! the additional data that binds each ciphertext to its slot, so stored values cannot be swapped.

use std::fmt;

/// Version of the envelope layout; the first byte of every stored envelope.
pub const ENVELOPE_FORMAT: u8 = 1;
/// AES-GCM nonce length: 96 bits, fresh and random for every write.
pub const IV_LEN: usize = 12;
/// AES-GCM authentication tag length (WebCrypto's default, 128 bits).
pub const TAG_LEN: usize = 16;
/// The shortest envelope that can be whole: format byte, IV and a tag over empty plaintext.
pub const MIN_ENVELOPE_LEN: usize = 1 + IV_LEN + TAG_LEN;

/// One sealed value as stored: `[format][iv; 12][ciphertext ‖ tag]`, raw bytes (not base64).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub iv: [u8; IV_LEN],
    /// The AES-GCM output: ciphertext followed by the 16-byte tag.
    pub ciphertext: Vec<u8>,
}

/// Why stored bytes are not an envelope; the value is then quarantined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    Empty,
    /// A format byte no version of Senda writes (damage in its first byte).
    UnknownFormat(u8),
    /// Written by a newer version of Senda: not damage, and never to be set aside as such.
    FutureFormat(u8),
    /// Shorter than any whole envelope: the write was cut or the bytes were truncated.
    Truncated {
        len: usize,
    },
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::Empty => write!(f, "The stored entry is empty."),
            EnvelopeError::UnknownFormat(v) => {
                write!(f, "The stored entry has an unknown format ({v}).")
            }
            EnvelopeError::FutureFormat(v) => {
                write!(f, "The stored entry was written by a newer version of Senda ({v}).")
            }
            EnvelopeError::Truncated { len } => {
                write!(f, "The stored entry is cut short ({len} bytes).")
            }
        }
    }
}

impl Envelope {
    /// The bytes to store.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(1 + IV_LEN + self.ciphertext.len());
        out.push(ENVELOPE_FORMAT);
        out.extend_from_slice(&self.iv);
        out.extend_from_slice(&self.ciphertext);
        out
    }

    /// Reads stored bytes. Only the layout is checked here; authenticity is the decryption's job.
    pub fn from_bytes(bytes: &[u8]) -> Result<Envelope, EnvelopeError> {
        let (&format, rest) = bytes.split_first().ok_or(EnvelopeError::Empty)?;
        if format > ENVELOPE_FORMAT {
            return Err(EnvelopeError::FutureFormat(format));
        }
        if format != ENVELOPE_FORMAT {
            return Err(EnvelopeError::UnknownFormat(format));
        }
        if bytes.len() < MIN_ENVELOPE_LEN {
            return Err(EnvelopeError::Truncated { len: bytes.len() });
        }
        let (iv, ciphertext) = rest.split_at(IV_LEN);
        let mut fixed = [0u8; IV_LEN];
        fixed.copy_from_slice(iv);
        Ok(Envelope { iv: fixed, ciphertext: ciphertext.to_vec() })
    }
}

/// Which slot a sealed value belongs to. Its additional data names the slot, so a ciphertext
/// moved to another id, generation or purpose fails authentication instead of being believed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot<'a> {
    KeyCheck,
    Index,
    Record(&'a str),
}

/// The AES-GCM additional data of a slot in a key generation.
pub fn additional_data(generation: u32, slot: Slot<'_>) -> Vec<u8> {
    let prefix = format!("senda-vault/{ENVELOPE_FORMAT}/{generation}/");
    let mut out = prefix.into_bytes();
    match slot {
        Slot::KeyCheck => out.extend_from_slice(b"key-check"),
        Slot::Index => out.extend_from_slice(b"index"),
        Slot::Record(id) => {
            out.extend_from_slice(b"record/");
            out.extend_from_slice(id.as_bytes());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Envelope {
        Envelope { iv: [7; IV_LEN], ciphertext: (0..40).collect() }
    }

    #[test]
    fn bytes_round_trip() {
        let bytes = sample().to_bytes();
        assert_eq!(bytes[0], ENVELOPE_FORMAT);
        assert_eq!(&bytes[1..13], &[7; 12]);
        assert_eq!(Envelope::from_bytes(&bytes), Ok(sample()));
    }

    #[test]
    fn damaged_layouts_are_named() {
        assert_eq!(Envelope::from_bytes(&[]), Err(EnvelopeError::Empty));
        let mut bytes = sample().to_bytes();
        bytes[0] = 0;
        assert_eq!(Envelope::from_bytes(&bytes), Err(EnvelopeError::UnknownFormat(0)));
        bytes[0] = 9;
        assert_eq!(Envelope::from_bytes(&bytes), Err(EnvelopeError::FutureFormat(9)));
        let whole = sample().to_bytes();
        assert_eq!(Envelope::from_bytes(&whole[..20]), Err(EnvelopeError::Truncated { len: 20 }));
        // A tag over empty plaintext is the shortest whole envelope.
        assert!(Envelope::from_bytes(&whole[..MIN_ENVELOPE_LEN]).is_ok());
        assert!(Envelope::from_bytes(&whole[..MIN_ENVELOPE_LEN - 1]).is_err());
    }

    #[test]
    fn additional_data_differs_by_slot_and_generation() {
        let all = [
            additional_data(1, Slot::KeyCheck),
            additional_data(1, Slot::Index),
            additional_data(1, Slot::Record("a")),
            additional_data(1, Slot::Record("b")),
            additional_data(2, Slot::Record("a")),
        ];
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(additional_data(3, Slot::Record("x1")), b"senda-vault/1/3/record/x1".to_vec());
    }
}
