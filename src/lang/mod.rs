//! Language rules for generated text: which plural form a count takes, dates written in
//! words, and French spacing before high punctuation.
//!
//! Every generated sentence that holds a count is a [`Plural`] template in a string table (the
//! report's `Labels`, the workbench's `Strings`, the command line's [`cli`]) rendered through
//! [`Plural::pick`] or [`Plural::count`]; every date inside a sentence goes through
//! [`long_date`]; French strings carry their no-break spaces (which [`typography`] can add to
//! a template built elsewhere). So a rule is written once, per language, here.
//!
//! [`guess`] tells which of the languages tisc analyses a text is written in.

use crate::model::Date;

pub mod cli;
pub mod guess;
#[cfg(test)]
mod tests_all;

/// The plural category of a count. These are the CLDR category names, so that a language with
/// more forms (Arabic has all six) adds its rule to [`plural_form`] and its extra forms to
/// [`Plural`] without touching the languages already there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralForm {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The plural form `n` takes in `lang` (a language code: `en`, `fr`, `es`, `pt`…).
///
/// French and Portuguese treat 0 and 1 as singular ("0 document trouvé"); English and
/// Spanish only 1 ("0 documents", "0 documentos").
pub fn plural_form(lang: &str, n: u64) -> PluralForm {
    match lang {
        "fr" | "pt" => {
            if n <= 1 {
                PluralForm::One
            } else {
                PluralForm::Other
            }
        }
        _ => {
            if n == 1 {
                PluralForm::One
            } else {
                PluralForm::Other
            }
        }
    }
}

/// A message with a count, in each plural form its language uses: the data behind every
/// generated sentence that holds a number. `{n}` stands for the number; a template may hold
/// other placeholders, filled by its caller.
///
/// The interface languages (en, fr, es, pt) need only `one` and `other`; the other CLDR forms
/// fall back to `other` until a language that uses them brings its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plural {
    pub one: &'static str,
    pub other: &'static str,
}

impl Plural {
    pub const fn new(one: &'static str, other: &'static str) -> Plural {
        Plural { one, other }
    }

    /// The template for `n` in `lang`, placeholders left as they are.
    pub fn pick(&self, lang: &str, n: u64) -> &'static str {
        match plural_form(lang, n) {
            PluralForm::One => self.one,
            PluralForm::Zero | PluralForm::Two | PluralForm::Few | PluralForm::Many => self.other,
            PluralForm::Other => self.other,
        }
    }

    /// The template for `n` in `lang` with `{n}` replaced by the number.
    pub fn count(&self, lang: &str, n: u64) -> String {
        self.pick(lang, n).replace("{n}", &n.to_string())
    }

    /// The template for `n` in `lang` with `{n}` replaced by `shown`: the same number as
    /// the caller wants it written (`1,204`, `3.4 MB`…).
    pub fn count_shown(&self, lang: &str, n: u64, shown: &str) -> String {
        self.pick(lang, n).replace("{n}", shown)
    }

    /// Every form, for tests that render each template.
    pub fn forms(&self) -> [&'static str; 2] {
        [self.one, self.other]
    }
}

/// `one` or `other`, whichever form `n` takes in `lang`.
pub fn plural<'a>(lang: &str, n: u64, one: &'a str, other: &'a str) -> &'a str {
    match plural_form(lang, n) {
        PluralForm::One => one,
        _ => other,
    }
}

/// A count in words: the form `n` takes in `lang`, with `{n}` replaced by the number.
/// `count("en", 1, "{n} citation", "{n} citations")` is `1 citation`.
pub fn count(lang: &str, n: u64, one: &str, other: &str) -> String {
    plural(lang, n, one, other).replace("{n}", &n.to_string())
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const MONTHS_PT: [&str; 12] = [
    "janeiro",
    "fevereiro",
    "março",
    "abril",
    "maio",
    "junho",
    "julho",
    "agosto",
    "setembro",
    "outubro",
    "novembro",
    "dezembro",
];

/// The Gregorian months as Arabic writes them in Egypt, the Gulf and most of the Arab world.
const MONTHS_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];

/// A date as written inside a sentence of `lang`: `7 December 2026`, `1er décembre 2026`,
/// `7 de diciembre de 2026`. Tables and identifiers keep the ISO form.
pub fn long_date(lang: &str, d: Date) -> String {
    let m = usize::from(d.month.clamp(1, 12)) - 1;
    match lang {
        "fr" => {
            let day = if d.day == 1 {
                "1er".to_string()
            } else {
                d.day.to_string()
            };
            format!("{day}\u{a0}{}\u{a0}{}", MONTHS_FR[m], d.year)
        }
        "es" => format!("{} de {} de {}", d.day, MONTHS_ES[m], d.year),
        "pt" => format!("{} de {} de {}", d.day, MONTHS_PT[m], d.year),
        "ar" => format!("{} {} {}", d.day, MONTHS_AR[m], d.year),
        _ => format!("{}\u{a0}{} {}", d.day, MONTHS_EN[m], d.year),
    }
}

/// French spacing: a no-break space before `:` and a narrow no-break space before `;`, `?`
/// and `!`, replacing an ordinary space there if there is one. Other languages are returned
/// as they are. A `:` not followed by a space or the end (`https://`, `12:30`, `PMID:123`) is
/// left alone, as are punctuation marks already preceded by a no-break space.
pub fn typography(lang: &str, text: &str) -> String {
    if lang != "fr" {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let space = match c {
            ':' => '\u{a0}',
            ';' | '?' | '!' => '\u{202f}',
            _ => {
                out.push(c);
                continue;
            }
        };
        let next = chars.get(i + 1).copied();
        let ends_sentence_part = next.is_none_or(|n| n.is_whitespace() || n == '"' || n == '»');
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let word_before = prev.is_some_and(|p| !p.is_whitespace() || p == ' ');
        if ends_sentence_part && word_before && !matches!(prev, Some('\u{a0}' | '\u{202f}')) {
            if prev == Some(' ') {
                out.pop();
            }
            out.push(space);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_treats_zero_as_singular_english_and_spanish_do_not() {
        for (lang, zero, one, two) in [
            ("en", PluralForm::Other, PluralForm::One, PluralForm::Other),
            ("es", PluralForm::Other, PluralForm::One, PluralForm::Other),
            ("fr", PluralForm::One, PluralForm::One, PluralForm::Other),
            ("pt", PluralForm::One, PluralForm::One, PluralForm::Other),
        ] {
            assert_eq!(
                [
                    plural_form(lang, 0),
                    plural_form(lang, 1),
                    plural_form(lang, 2)
                ],
                [zero, one, two],
                "{lang}"
            );
        }
        assert_eq!(count("en", 1, "{n} hit", "{n} hits"), "1 hit");
        assert_eq!(count("en", 0, "{n} hit", "{n} hits"), "0 hits");
        assert_eq!(
            count("fr", 0, "{n} résultat", "{n} résultats"),
            "0 résultat"
        );
    }

    #[test]
    fn dates_in_sentences_are_written_out() {
        let d = Date::new(2026, 12, 1).unwrap();
        assert_eq!(long_date("en", d), "1\u{a0}December 2026");
        assert_eq!(long_date("fr", d), "1er\u{a0}décembre\u{a0}2026");
        assert_eq!(long_date("es", d), "1 de diciembre de 2026");
        assert_eq!(long_date("pt", d), "1 de dezembro de 2026");
        assert_eq!(long_date("ar", d), "1 ديسمبر 2026");
        let d = Date::new(2024, 3, 7).unwrap();
        assert_eq!(long_date("fr", d), "7\u{a0}mars\u{a0}2024");
    }

    #[test]
    fn french_high_punctuation_gets_a_no_break_space() {
        assert_eq!(typography("fr", "Note : voir"), "Note\u{a0}: voir");
        assert_eq!(typography("fr", "Note: voir"), "Note\u{a0}: voir");
        assert_eq!(typography("fr", "Nouveau ?"), "Nouveau\u{202f}?");
        assert_eq!(typography("fr", "a; b"), "a\u{202f}; b");
        // Links, times and identifiers keep their colons.
        let kept = "https://doi.org/10.1/x à 12:30, PMID:123";
        assert_eq!(typography("fr", kept), kept);
        assert_eq!(typography("en", "Note: see"), "Note: see");
        // Already spaced: unchanged.
        assert_eq!(typography("fr", "Note\u{a0}: voir"), "Note\u{a0}: voir");
    }
}
