//! Crockford base32 for codes a person reads, types or reads out (invite codes, recovery codes,
//! fingerprints): no I, L, O or U; decoding forgives case, I/L for 1, O for 0, and separators;
//! a mod-37 check symbol catches one wrong symbol and two swapped neighbours.

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Crockford's five extra check symbols (values 32..=36).
const CHECK_EXTRA: &[u8; 5] = b"*~$=U";

/// Why a typed code cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// A character that is neither a symbol nor a separator.
    BadCharacter,
    /// The wrong number of symbols for this kind of code.
    WrongLength,
    /// The check symbol does not match: a symbol was misread or mistyped.
    BadCheck,
}

/// Encodes bits in 5-bit symbols, most significant first (the last symbol zero-padded).
pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// The symbols of a typed code, normalised, separators (`-`, spaces) dropped.
pub fn normalise(text: &str) -> Result<Vec<u8>, CodeError> {
    let mut out = Vec::new();
    for c in text.chars() {
        let v = match c.to_ascii_uppercase() {
            '-' | ' ' => continue,
            'O' => 0,
            'I' | 'L' => 1,
            u => symbol_value(u).ok_or(CodeError::BadCharacter)?,
        };
        out.push(v);
    }
    Ok(out)
}

fn symbol_value(c: char) -> Option<u8> {
    ALPHABET.iter().position(|&a| a as char == c).map(|p| p as u8)
}

/// Decodes symbol values (from [`normalise`]) into `len` bytes; padding bits must be zero.
pub fn decode_symbols(symbols: &[u8], len: usize) -> Result<Vec<u8>, CodeError> {
    if symbols.len() != (len * 8).div_ceil(5) {
        return Err(CodeError::WrongLength);
    }
    let mut out = Vec::with_capacity(len);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &s in symbols {
        acc = (acc << 5) | u32::from(s);
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if acc != 0 {
        return Err(CodeError::BadCharacter);
    }
    Ok(out)
}

/// Crockford's check symbol: the bytes' value modulo 37.
pub fn check_symbol(bytes: &[u8]) -> char {
    let rem = bytes.iter().fold(0u32, |r, &b| (r * 256 + u32::from(b)) % 37) as usize;
    if rem < 32 {
        ALPHABET[rem] as char
    } else {
        CHECK_EXTRA[rem - 32] as char
    }
}

/// Splits symbols into groups joined by `-`, for reading out and printing.
pub fn grouped(symbols: &str, size: usize) -> String {
    let chars: Vec<char> = symbols.chars().collect();
    chars.chunks(size.max(1)).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn reading_forgives_case_lookalike_letters_and_separators() {
        let code = encode(&[0x01, 0x23, 0x45, 0x67, 0x89]);
        assert_eq!(code, "04HMASW9");
        let typed = "o4hm-asw9";
        assert_eq!(
            decode_symbols(&normalise(typed).unwrap(), 5).unwrap(),
            [1, 0x23, 0x45, 0x67, 0x89]
        );
        assert_eq!(normalise("1IL"), Ok(vec![1, 1, 1]));
        assert_eq!(normalise("U"), Err(CodeError::BadCharacter));
        assert_eq!(normalise("A#"), Err(CodeError::BadCharacter));
    }

    /// Every single misread symbol and every swap of two different neighbours is caught: either
    /// the symbols no longer decode or the check symbol no longer matches.
    #[test]
    fn the_check_symbol_catches_one_misread_symbol_and_a_swap_of_neighbours() {
        let bytes = [10u8, 200, 33, 7, 99, 150, 1, 2, 3, 4];
        let check = check_symbol(&bytes);
        let symbols = normalise(&encode(&bytes)).unwrap();
        let caught =
            |s: &[u8]| decode_symbols(s, bytes.len()).map(|b| check_symbol(&b)) != Ok(check);
        for i in 0..symbols.len() {
            for v in 0..32u8 {
                let mut misread = symbols.clone();
                if misread[i] != v {
                    misread[i] = v;
                    assert!(caught(&misread), "symbol {i} read as {v}");
                }
            }
            if i + 1 < symbols.len() && symbols[i] != symbols[i + 1] {
                let mut swapped = symbols.clone();
                swapped.swap(i, i + 1);
                assert!(caught(&swapped), "symbols {i} and {} swapped", i + 1);
            }
        }
    }

    #[test]
    fn codes_are_grouped_for_reading_out() {
        assert_eq!(grouped("ABCDEFGHJK", 4), "ABCD-EFGH-JK");
    }

    proptest! {
        #[test]
        fn any_bytes_round_trip(bytes in proptest::collection::vec(any::<u8>(), 1..40)) {
            let symbols = normalise(&encode(&bytes)).unwrap();
            prop_assert_eq!(decode_symbols(&symbols, bytes.len()), Ok(bytes));
        }
    }
}
