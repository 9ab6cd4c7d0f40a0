//! Matching typed queries against names and words the way field workers type them on a phone:
//! without accents, in any case ("evaluacion" finds "evaluación", "jose" finds "José").

/// `s` in lowercase with the diacritics of Latin letters removed (á→a, ñ→n, ç→c, ...).
pub fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).map(strip_diacritic).collect()
}

fn strip_diacritic(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        other => other,
    }
}

/// Whether every word of `query` starts a word of `text`, both folded. An empty query matches.
pub fn matches_words(text: &str, query: &str) -> bool {
    let text = fold(text);
    let words: Vec<&str> =
        text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    fold(query).split_whitespace().all(|q| words.iter().any(|w| w.starts_with(q)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Evaluación"), "evaluacion");
        assert_eq!(fold("NIÑA José Ç"), "nina jose c");
        assert_eq!(fold("Kreyòl ayisyen"), "kreyol ayisyen");
    }

    #[test]
    fn every_query_word_must_start_a_word() {
        assert!(matches_words("María José Pérez", "jose"));
        assert!(matches_words("María José Pérez", "mar per"));
        assert!(!matches_words("María José Pérez", "ose"));
        assert!(!matches_words("María José Pérez", "jose lopez"));
        assert!(matches_words("anything", "  "));
        assert!(matches_words("caso 7f3a-21", "7f3a"));
    }
}
