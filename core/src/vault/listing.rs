//! The vault format 2's plaintext layouts: the index's listing (each record's case id, opaque
//! storage key and write counter) ahead of the summaries, and a record's plaintext (its case id
//! ahead of its content), so a case id is stored only inside ciphertexts.
//!
//! Index plaintext: `[listing format=1][count u32 LE]{[id-len u8][id][key-len u8][key]
//! [counter u64 LE]}…[summaries: `index::index_to_json`]`. Record plaintext: `[id-len u8][id][JSON]`.

use super::header::Reader;

/// Version of the listing layout; a higher one was written by a newer Senda.
pub const LISTING_FORMAT: u8 = 1;

/// Where a record is stored and the write counter it was last written with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    /// The opaque storage key (`data_key::storage_key_from_mac`).
    pub key: String,
    /// The counter of the transaction that last wrote the record (`write_counter`).
    pub counter: u64,
}

/// Every stored record by case id, as the index lists it: a vector sorted by id (less wasm than
/// a map, as for `index::RecordIndex`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    entries: Vec<(String, Listed)>,
}

/// Why an index plaintext cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListingError {
    /// Written by a newer Senda: refused, left as it is.
    FutureFormat,
    Unreadable,
}

impl Listing {
    fn find(&self, id: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(e, _)| e.as_str().cmp(id))
    }

    pub fn get(&self, id: &str) -> Option<&Listed> {
        self.find(id).ok().map(|i| &self.entries[i].1)
    }

    pub fn insert(&mut self, id: String, listed: Listed) -> Option<Listed> {
        match self.find(&id) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, listed)),
            Err(i) => {
                self.entries.insert(i, (id, listed));
                None
            }
        }
    }

    pub fn remove(&mut self, id: &str) -> Option<Listed> {
        self.find(id).ok().map(|i| self.entries.remove(i).1)
    }

    /// Entries in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Listed)> {
        self.entries.iter().map(|(id, l)| (id.as_str(), l))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

fn push_short(out: &mut Vec<u8>, text: &str) {
    out.push(text.len() as u8);
    out.extend_from_slice(text.as_bytes());
}

fn read_short(r: &mut Reader<'_>) -> Option<String> {
    let len = usize::from(r.byte()?);
    String::from_utf8(r.take(len)?.to_vec()).ok()
}

/// The plaintext sealed as the index: the listing, then the summaries' JSON. Ids and keys are
/// at most 64 characters (`record_id::check_record_id`), so one length byte each.
pub fn index_plaintext(listing: &Listing, summaries: &[u8]) -> Vec<u8> {
    let mut out = vec![LISTING_FORMAT];
    out.extend_from_slice(&(listing.len() as u32).to_le_bytes());
    for (id, listed) in listing.iter() {
        push_short(&mut out, id);
        push_short(&mut out, &listed.key);
        out.extend_from_slice(&listed.counter.to_le_bytes());
    }
    out.extend_from_slice(summaries);
    out
}

/// The listing and the summaries' JSON of an index plaintext.
pub fn split_index_plaintext(bytes: &[u8]) -> Result<(Listing, &[u8]), ListingError> {
    let mut r = Reader::new(bytes);
    match r.byte() {
        Some(LISTING_FORMAT) => {}
        Some(found) if found > LISTING_FORMAT => return Err(ListingError::FutureFormat),
        _ => return Err(ListingError::Unreadable),
    }
    let count = r.u32().ok_or(ListingError::Unreadable)?;
    let mut listing = Listing::default();
    for _ in 0..count {
        let mut entry = || -> Option<(String, Listed)> {
            let id = read_short(&mut r)?;
            let key = read_short(&mut r)?;
            let low = u64::from(r.u32()?);
            let high = u64::from(r.u32()?);
            Some((id, Listed { key, counter: low | (high << 32) }))
        };
        let (id, listed) = entry().ok_or(ListingError::Unreadable)?;
        listing.insert(id, listed);
    }
    Ok((listing, r.rest()))
}

/// The plaintext sealed as a record: its case id, then its JSON.
pub fn record_plaintext(id: &str, json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(1 + id.len() + json.len());
    push_short(&mut out, id);
    out.extend_from_slice(json);
    out
}

/// The case id and the JSON of a record plaintext.
pub fn split_record_plaintext(bytes: &[u8]) -> Option<(&str, &[u8])> {
    let (&len, rest) = bytes.split_first()?;
    let len = usize::from(len);
    if rest.len() < len {
        return None;
    }
    let (id, json) = rest.split_at(len);
    Some((std::str::from_utf8(id).ok()?, json))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(key: &str, counter: u64) -> Listed {
        Listed { key: key.to_owned(), counter }
    }

    #[test]
    fn an_index_plaintext_round_trips_with_every_counter() {
        let mut listing = Listing::default();
        listing.insert("3f2a9c1d-aa".into(), listed("00ff", (9u64 << 32) | 7));
        listing.insert("b".into(), listed("abcd", 1));
        let bytes = index_plaintext(&listing, b"{\"v\":1}");
        let (back, summaries) = split_index_plaintext(&bytes).unwrap();
        assert_eq!(back, listing);
        assert_eq!(summaries, b"{\"v\":1}");
        assert_eq!(back.get("3f2a9c1d-aa").unwrap().counter, (9u64 << 32) | 7);
        let mut changed = back.clone();
        assert_eq!(changed.insert("b".into(), listed("ef", 2)), Some(listed("abcd", 1)));
        assert_eq!(changed.insert("0".into(), listed("01", 3)), None);
        let ids: Vec<&str> = changed.iter().map(|(id, _)| id).collect();
        assert_eq!(ids, ["0", "3f2a9c1d-aa", "b"]);
        assert_eq!(changed.remove("3f2a9c1d-aa"), Some(listed("00ff", (9u64 << 32) | 7)));
        assert_eq!(changed.remove("zz"), None);
        assert_eq!(changed.len(), 2);
        let empty = index_plaintext(&Listing::default(), b"");
        assert_eq!(split_index_plaintext(&empty).unwrap().0, Listing::default());
    }

    #[test]
    fn a_cut_or_newer_listing_is_named() {
        let mut listing = Listing::default();
        listing.insert("a".into(), listed("k", 2));
        let bytes = index_plaintext(&listing, b"");
        for cut in 0..bytes.len() {
            assert!(split_index_plaintext(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut newer = bytes.clone();
        newer[0] = 2;
        assert_eq!(split_index_plaintext(&newer), Err(ListingError::FutureFormat));
        newer[0] = 0;
        assert_eq!(split_index_plaintext(&newer), Err(ListingError::Unreadable));
    }

    #[test]
    fn a_record_plaintext_carries_its_id() {
        let bytes = record_plaintext("case-1", b"[1,2]");
        assert_eq!(split_record_plaintext(&bytes), Some(("case-1", &b"[1,2]"[..])));
        assert_eq!(split_record_plaintext(&[]), None);
        assert_eq!(split_record_plaintext(&[9, b'a']), None);
        assert_eq!(split_record_plaintext(&record_plaintext("", b"x")), Some(("", &b"x"[..])));
    }
}
