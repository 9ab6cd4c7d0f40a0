//! Counts the spoken syllables of a French word by rule, for the Kandel–Moles readability score.
//!
//! One syllable per group of adjacent vowels (`a e i o u y` and their accented forms, `œ`, `æ`),
//! with the corrections French spelling needs:
//! - a diaeresis (`ï`, `ë`, `ü`) and an `é` followed by a vowel start a new group: na-ïf, No-ël,
//!   ré-el, ré-u-nion;
//! - `u` after `q`, and after `g` before `e`/`i`, is part of the consonant: quand, guerre, guide;
//! - a final mute `e` or `es` that forms a group of its own is not sounded when the word has
//!   another: école (é-cole), famille, années (an-nées); one-syllable words keep theirs (le, de);
//! - `-ent` is counted as sounded (moment, souvent): verb endings such as "parlent" are then
//!   counted one too many, which only makes a text look harder than it is.
//!
//! A token of digits only, such as "18", counts as two syllables, as in the other counters.

fn is_vowel(c: char) -> bool {
    "aeiouyàâäéèêëîïôöùûüÿœæ".contains(c)
}

/// Syllables of one French word (an estimate by rule, near exact on everyday words).
pub fn syllables_fr(word: &str) -> usize {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_digit()) {
        return 2;
    }
    let w: Vec<char> = word.to_lowercase().chars().filter(|c| c.is_alphabetic()).collect();
    // Which letters are sounded as vowels: `u` in qu/gu is part of the consonant.
    let vowel: Vec<bool> = (0..w.len())
        .map(|i| {
            let c = w[i];
            if c == 'u' && i > 0 {
                let next = w.get(i + 1).copied();
                if w[i - 1] == 'q' && next.is_some_and(is_vowel) {
                    return false;
                }
                if w[i - 1] == 'g' && next.is_some_and(|n| "eiéèêy".contains(n)) {
                    return false;
                }
            }
            is_vowel(c)
        })
        .collect();
    // Groups of vowels, as (start, end) letter indices, end exclusive.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for i in 0..w.len() {
        if !vowel[i] {
            continue;
        }
        let continues =
            i > 0 && vowel[i - 1] && !matches!(w[i], 'ï' | 'ë' | 'ü') && w[i - 1] != 'é';
        match groups.last_mut() {
            Some((_, end)) if continues && *end == i => *end = i + 1,
            _ => groups.push((i, i + 1)),
        }
    }
    // A final mute e (or es) on its own, after another group.
    let n = w.len();
    if let Some(&(start, end)) = groups.last() {
        let lone_e = end == start + 1 && w[start] == 'e';
        let at_end = end == n || (end + 1 == n && w[n - 1] == 's');
        if groups.len() > 1 && lone_e && at_end {
            groups.pop();
        }
    }
    groups.len().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_syllables_of_known_words() {
        for (word, n) in [
            ("le", 1),
            ("tu", 1),
            ("y", 1),
            ("eau", 1),
            ("bien", 1),
            ("quand", 1),
            ("guerre", 1),
            ("guide", 1),
            ("choses", 1),
            ("moi", 1),
            ("aide", 1),
            ("enfant", 2),
            ("famille", 2),
            ("école", 2),
            ("asile", 2),
            ("maison", 2),
            ("oiseau", 2),
            ("idée", 2),
            ("réel", 2),
            ("naïf", 2),
            ("Noël", 2),
            ("années", 2),
            ("question", 2),
            ("personne", 2),
            ("l'enfant", 2),
            ("18", 2),
            ("protéger", 3),
            ("tribunal", 3),
            ("interprète", 3),
            ("aujourd'hui", 3),
            ("réunion", 3),
            ("adolescent", 4),
            ("sécurité", 4),
        ] {
            assert_eq!(syllables_fr(word), n, "{word}");
        }
    }
}
