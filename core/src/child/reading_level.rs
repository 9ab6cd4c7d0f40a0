//! Readability scores for children's texts: Fernández-Huerta for Spanish, Flesch reading ease
//! for English and Kandel–Moles for French, with the syllable counters they need (French's in
//! `syllables_fr`). Pure and deterministic.
//!
//! Formulas (higher is easier; 80 and above reads as "easy" on both scales):
//!
//! - **Fernández-Huerta** (Spanish, 1959): `206.84 − 0.60·P − 1.02·F`, where `P` is syllables
//!   per 100 words and `F` sentences per 100 words. This is the form the project's brief names
//!   and the one most often published. (Some authors read `F` as words per sentence instead;
//!   with the short sentences children's texts use, both readings differ by a few points.)
//! - **Flesch reading ease** (English, 1948): `206.835 − 1.015·(words / sentences) −
//!   84.6·(syllables / words)`.
//! - **Kandel–Moles** (French, 1958, Flesch adapted to French): `207 − 1.015·(words / sentences)
//!   − 73.6·(syllables / words)`.
//!
//! Counting rules: a *word* is a run of letters or digits (apostrophes and hyphens inside a word
//! keep it one word); a token of digits only, such as "18", counts as two syllables. A
//! *sentence* ends at `.`, `!`, `?` or `…` (Spanish opening `¿` and `¡` do not count); text with
//! words and no final mark is one sentence. Syllables are counted by rule, not from a
//! dictionary: Spanish by vowel nuclei with diphthongs and hiatus, which is near exact;
//! English by vowel groups with the usual corrections (silent final "e", "-ed", "-es"), which is
//! an estimate — good enough to compare texts, as Flesch's own counts were.

/// The languages a score exists for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Fernández-Huerta, for Spanish.
    FernandezHuerta,
    /// Flesch reading ease, for English.
    FleschReadingEase,
    /// Kandel–Moles, for French.
    KandelMoles,
}

/// What was counted in a text, and its score.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Reading {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub score: f64,
}

/// Scores `text` on `scale`; `None` when it has no words.
pub fn score(scale: Scale, text: &str) -> Option<Reading> {
    let words = words(text);
    if words.is_empty() {
        return None;
    }
    let count = |w: &str| match scale {
        Scale::FernandezHuerta => syllables_es(w),
        Scale::FleschReadingEase => syllables_en(w),
        Scale::KandelMoles => super::syllables_fr::syllables_fr(w),
    };
    let syllables: usize = words.iter().map(|w| count(w)).sum();
    let sentences = sentences(text).max(1);
    let (w, s, y) = (words.len() as f64, sentences as f64, syllables as f64);
    let score = match scale {
        Scale::FernandezHuerta => 206.84 - 0.60 * (y * 100.0 / w) - 1.02 * (s * 100.0 / w),
        Scale::FleschReadingEase => 206.835 - 1.015 * (w / s) - 84.6 * (y / w),
        Scale::KandelMoles => 207.0 - 1.015 * (w / s) - 73.6 * (y / w),
    };
    Some(Reading { words: words.len(), sentences, syllables, score })
}

/// The words of a text, in order.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(pos, c)) in chars.iter().enumerate() {
        let inner_joiner = (c == '\'' || c == '’' || c == '-')
            && start.is_some()
            && chars.get(i + 1).is_some_and(|&(_, n)| n.is_alphanumeric());
        if c.is_alphanumeric() || inner_joiner {
            start.get_or_insert(pos);
        } else if let Some(s) = start.take() {
            out.push(&text[s..pos]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// How many sentences a text has: runs of closing marks after some words.
pub fn sentences(text: &str) -> usize {
    let mut count = 0;
    let mut open = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            open = true;
        } else if matches!(c, '.' | '!' | '?' | '…') && open {
            count += 1;
            open = false;
        }
    }
    count + usize::from(open)
}

fn is_digits(word: &str) -> bool {
    word.chars().all(|c| c.is_ascii_digit())
}

/// Syllables of one Spanish word: one per vowel nucleus, where two adjacent vowels share a
/// nucleus (diphthong) unless both are strong — a, e, o, or an accented í/ú — (hiatus). "y" is
/// a vowel when no vowel follows it ("hoy", "muy", "y").
pub fn syllables_es(word: &str) -> usize {
    if is_digits(word) {
        return 2;
    }
    let letters: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    let vowel = |c: char| "aeiouáéíóúü".contains(c);
    let strong = |c: char| "aeoáéóíú".contains(c);
    let mut count = 0;
    let mut prev: Option<char> = None;
    for (i, &c) in letters.iter().enumerate() {
        let is_vowel = vowel(c)
            || (c == 'y' && !letters.get(i + 1).is_some_and(|&n| vowel(n)) && i > 0)
            || (c == 'y' && letters.len() == 1);
        let c = if c == 'y' { 'i' } else { c };
        if is_vowel {
            match prev {
                Some(p) if !(strong(p) && strong(c)) => {}
                _ => count += 1,
            }
            prev = Some(c);
        } else {
            prev = None;
        }
    }
    count.max(1)
}

/// Syllables of one English word, estimated: groups of vowels (y included after the first
/// letter), less a silent final "e", "-ed" and "-es" where they are not sounded, plus a split
/// for "ia", "io", "iu" and "ua" where English usually sounds two vowels.
pub fn syllables_en(word: &str) -> usize {
    if is_digits(word) {
        return 2;
    }
    let w: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_ascii_alphabetic()).collect();
    if w.is_empty() {
        return 1;
    }
    let vowel = |i: usize| matches!(w[i], 'a' | 'e' | 'i' | 'o' | 'u') || (w[i] == 'y' && i > 0);
    let mut count = 0;
    for i in 0..w.len() {
        if vowel(i) && (i == 0 || !vowel(i - 1)) {
            count += 1;
        }
        // Two vowels sounded apart inside one group: gi-ant, ra-di-o, me-di-um, u-su-al.
        if i > 0 && vowel(i) && vowel(i - 1) {
            let before = if i >= 2 { Some(w[i - 2]) } else { None };
            let soft = matches!(before, Some('c' | 't' | 's' | 'g' | 'x'));
            let split = match (w[i - 1], w[i]) {
                ('i', 'a') | ('i', 'o') => !soft,
                ('i', 'u') => true,
                ('u', 'a') => !matches!(before, Some('g' | 'q')),
                _ => false,
            };
            if split {
                count += 1;
            }
        }
    }
    let n = w.len();
    let ends = |s: &str| w.iter().rev().take(s.len()).rev().copied().eq(s.chars());
    if n > 2 && w[n - 1] == 'e' && !vowel(n - 2) {
        let le = w[n - 2] == 'l' && n > 3 && !vowel(n - 3);
        if !le {
            count -= usize::from(count > 1);
        }
    } else if n > 3 && ends("ed") && !matches!(w[n - 3], 't' | 'd') && !vowel(n - 3) {
        count -= usize::from(count > 1);
    } else if n > 3 && ends("es") && !vowel(n - 3) {
        let sounded =
            matches!(w[n - 3], 's' | 'x' | 'z' | 'g' | 'c') || ends("ches") || ends("shes");
        let le = w[n - 3] == 'l' && !vowel(n - 4);
        if !sounded && !le {
            count -= usize::from(count > 1);
        }
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spanish_syllables_of_known_words() {
        for (word, n) in [
            ("y", 1),
            ("a", 1),
            ("sol", 1),
            ("hoy", 1),
            ("muy", 1),
            ("buey", 1),
            ("niño", 2),
            ("país", 2),
            ("día", 2),
            ("leer", 2),
            ("ciudad", 2),
            ("guardián", 2),
            ("ahora", 3),
            ("oído", 3),
            ("ayuda", 3),
            ("proteger", 3),
            ("familia", 3),
            ("aéreo", 4),
            ("adolescente", 5),
            ("Prohibir", 3),
            ("cigüeña", 3),
            ("qué", 1),
            ("quieres", 2),
            ("mamá", 2),
            ("asilo", 3),
            ("intérprete", 4),
        ] {
            assert_eq!(syllables_es(word), n, "{word}");
        }
    }

    #[test]
    fn english_syllables_of_known_words() {
        for (word, n) in [
            ("cat", 1),
            ("the", 1),
            ("we", 1),
            ("safe", 1),
            ("make", 1),
            ("asked", 1),
            ("help", 1),
            ("table", 2),
            ("happy", 2),
            ("people", 2),
            ("wanted", 2),
            ("doctor", 2),
            ("language", 2),
            ("places", 2),
            ("boxes", 2),
            ("children", 2),
            ("nation", 2),
            ("special", 2),
            ("makes", 1),
            ("family", 3),
            ("guardian", 3),
            ("radio", 3),
            ("usual", 3),
            ("asylum", 3),
            ("eighteen", 2),
            ("you're", 1),
            ("don't", 1),
            ("18", 2),
            ("protection", 3),
        ] {
            assert_eq!(syllables_en(word), n, "{word}");
        }
    }

    #[test]
    fn words_and_sentences_are_counted_as_documented() {
        assert_eq!(
            words("¿Qué pasa? ¡Nada! Don't worry, well-known."),
            vec!["Qué", "pasa", "Nada", "Don't", "worry", "well-known"]
        );
        assert_eq!(sentences("¿Qué pasa? ¡Nada!"), 2);
        assert_eq!(sentences("One. Two... Three"), 3);
        assert_eq!(sentences(""), 0);
        assert!(score(Scale::FleschReadingEase, " … ").is_none());
    }

    #[test]
    fn flesch_matches_a_hand_computed_text() {
        // 6 words, 1 sentence, 6 syllables: 206.835 − 1.015·6 − 84.6·1 = 116.145.
        let r = score(Scale::FleschReadingEase, "The cat sat on the mat.").expect("words");
        assert_eq!((r.words, r.sentences, r.syllables), (6, 1, 6));
        assert!((r.score - 116.145).abs() < 1e-9, "{}", r.score);
    }

    #[test]
    fn fernandez_huerta_matches_a_hand_computed_text() {
        // "Estás a salvo aquí." = es·tás a sal·vo a·quí: 4 words, 7 syllables, 1 sentence.
        // P = 175, F = 25: 206.84 − 105 − 25.5 = 76.34.
        let r = score(Scale::FernandezHuerta, "Estás a salvo aquí.").expect("words");
        assert_eq!((r.words, r.sentences, r.syllables), (4, 1, 7));
        assert!((r.score - 76.34).abs() < 1e-9, "{}", r.score);
    }

    #[test]
    fn kandel_moles_matches_a_hand_computed_text() {
        // "Tu es en sécurité ici." = tu / es / en / sé·cu·ri·té / i·ci: 5 words, 9 syllables,
        // 1 sentence: 207 − 1.015·5 − 73.6·9/5 = 207 − 5.075 − 132.48 = 69.445.
        let r = score(Scale::KandelMoles, "Tu es en sécurité ici.").expect("words");
        assert_eq!((r.words, r.sentences, r.syllables), (5, 1, 9));
        assert!((r.score - 69.445).abs() < 1e-9, "{}", r.score);
        let easy =
            score(Scale::KandelMoles, "Ici, tu es bien. On est là pour toi.").expect("words").score;
        let hard = score(
            Scale::KandelMoles,
            "La détermination administrative de l'intérêt supérieur nécessite une documentation exhaustive.",
        )
        .expect("words")
        .score;
        assert!(easy > 80.0 && hard < 30.0, "{easy} {hard}");
    }

    #[test]
    fn harder_text_scores_lower() {
        let easy = score(Scale::FleschReadingEase, "You are safe here. We help kids.")
            .expect("words")
            .score;
        let hard = score(
            Scale::FleschReadingEase,
            "Administrative determinations concerning international protection necessitate comprehensive documentation.",
        )
        .expect("words")
        .score;
        assert!(easy > 80.0 && hard < 0.0, "{easy} {hard}");
        let facil =
            score(Scale::FernandezHuerta, "Tú vas a la casa con tu mamá.").expect("words").score;
        let dificil = score(
            Scale::FernandezHuerta,
            "La determinación administrativa del interés superior requiere documentación exhaustiva.",
        )
        .expect("words")
        .score;
        assert!(facil > 80.0 && dificil < 30.0, "{facil} {dificil}");
    }
}
