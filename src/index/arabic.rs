//! Orthographic normalisation of Arabic script, applied to every word before any other
//! filter (so to the stemmed and the unstemmed copy, to query words, to the fixed parts of
//! truncated words and to highlighting alike): the spelling variants writers use for one
//! word become one term.
//!
//! - hamza and madda forms of alef (أ إ آ) and alef wasla (ٱ) → bare alef ا;
//! - alef maksura ى → yeh ي; teh marbuta ة → heh ه;
//! - tatweel ـ (the stretching stroke) is dropped, as are vowel marks (see
//!   [`super::analysis`], which keeps marks inside a word and drops them from its text);
//! - Arabic-Indic digits ٠–٩ and Persian digits ۰–۹ → ASCII 0–9.
//!
//! Text in any other script passes through unchanged.

/// The tatweel (kashida): lengthens a joining stroke, carries no meaning.
pub const TATWEEL: char = '\u{640}';

/// The normalised form of one character: `None` when it is dropped (tatweel), itself when
/// nothing applies.
pub fn normalize_char(c: char) -> Option<char> {
    Some(match c {
        // أ إ آ ٱ
        '\u{623}' | '\u{625}' | '\u{622}' | '\u{671}' => '\u{627}',
        // ى
        '\u{649}' => '\u{64A}',
        // ة
        '\u{629}' => '\u{647}',
        TATWEEL => return None,
        // ٠-٩
        '\u{660}'..='\u{669}' => digit(c as u32 - 0x660),
        // ۰-۹
        '\u{6F0}'..='\u{6F9}' => digit(c as u32 - 0x6F0),
        c => c,
    })
}

fn digit(n: u32) -> char {
    char::from_digit(n, 10).unwrap_or('0')
}

/// Whether `text` has a character [`normalize_char`] changes (to skip the copy when not).
pub fn needs_normalizing(text: &str) -> bool {
    text.chars().any(|c| normalize_char(c) != Some(c))
}

/// `text` with every character normalised.
pub fn normalize(text: &str) -> String {
    text.chars().filter_map(normalize_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_digits_and_tatweel_are_normalised_and_latin_is_untouched() {
        // أحمد / إسلام / آلة / ٱلله
        assert_eq!(normalize("أحمد"), "احمد");
        assert_eq!(normalize("إسلام"), "اسلام");
        assert_eq!(normalize("آلة"), "اله");
        assert_eq!(normalize("ٱلكتاب"), "الكتاب");
        assert_eq!(normalize("مستشفى"), "مستشفي");
        assert_eq!(normalize("مدرسة"), "مدرسه");
        assert_eq!(normalize("كتـــاب"), "كتاب");
        assert_eq!(normalize("٢٠١٩ ۱۲۳"), "2019 123");
        assert_eq!(normalize("Relatório 42"), "Relatório 42");
        assert!(!needs_normalizing("pompe solaire"));
        assert!(needs_normalizing("مدرسة"));
    }
}
