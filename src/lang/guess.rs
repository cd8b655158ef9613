//! Guessing the language of a text among English, French, Spanish, Portuguese and Arabic:
//! a disclosure for query by example ([`guess_lang_or`]), a document whose source states no
//! language at ingest ([`guess_document_text`]). A text is guessed only when it has at least
//! [`MIN_CONTENT_WORDS`] content words; otherwise it takes a fallback, and [`LangGuess`] says
//! which: the corpus's declared language or the interface's ([`fallback`]).

use crate::index::analysis::{analyze, fold};
use crate::model::Lang;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// Function words and the boilerplate of patent drafting, per language: never key terms.
/// (Also the evidence for guessing a text's language.)
const STOP: &[(&str, &str)] = &[
    (
        "en",
        "the a an of and or to in is are was were be been being for with without within on by \
         as this that these those which who whose it its from at can could may might must \
         shall should will would such said wherein whereby comprising comprises having has \
         have had into onto than also each one more most other their there then thus not no \
         nor we our us between about after before during when where while through over under \
         upon via only both any all some so if but very same further used using use uses \
         invention example embodiment embodiments according herein thereof",
    ),
    (
        "fr",
        "le la les l de des du d un une et ou en au aux pour par sur sous dans sans entre est \
         sont été être avoir a ont que qui dont avec ce cet cette ces son sa ses leur leurs \
         selon lorsque quand où tout tous toute toutes plus moins ne pas ni si mais aussi \
         ainsi invention comprenant comprend mode réalisation",
    ),
    (
        "es",
        "el la los las lo de del un una unos unas y o u e en por para con sin entre sobre \
         bajo que cual cuyo es son fue ser estar al se su sus este esta estos estas cuando \
         donde todo todos toda todas más menos no ni si pero también así según invención \
         comprende comprendiendo realización",
    ),
    (
        "pt",
        "o a os as de do da dos das um uma uns umas e ou em no na nos nas ao aos por para \
         pelo pela pelos pelas com sem entre sobre sob que qual cujo é são foi ser estar se \
         seu sua seus suas este esta estes estas isso quando onde todo todos toda todas mais \
         menos não nem mas também assim segundo invenção compreende compreendendo realização",
    ),
    (
        "ar",
        "في من على إلى عن مع هذا هذه ذلك تلك التي الذي الذين أو ثم أن إن كان كانت ما لا لم \
         قد بين عند حيث كل بعض غير هو هي هم وفقا الاختراع يتضمن يشتمل",
    ),
];

/// A text must have at least this many content words (words of three letters or more that
/// are no stop word of any language, not numbers) for its language to be guessed.
pub const MIN_CONTENT_WORDS: usize = 5;

/// Where the language of a text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LangSource {
    /// Guessed from the text's function words and spelling.
    Guessed,
    /// Too few content words to guess: the default language of the corpus.
    Corpus,
    /// Too few content words to guess: the interface language.
    Interface,
}

/// The language of a text and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LangGuess {
    pub lang: Lang,
    pub source: LangSource,
}

impl LangGuess {
    /// The language to use when the text is too short to guess (`source` is
    /// [`LangSource::Corpus`] or [`LangSource::Interface`]).
    pub fn fallback(lang: Lang, source: LangSource) -> LangGuess {
        LangGuess { lang, source }
    }
}

/// The stop words of each language as the analyser writes them (lower-cased, folded:
/// `être` → `etre`), built once.
fn folded_stop_words() -> &'static HashMap<&'static str, HashSet<String>> {
    static FOLDED: OnceLock<HashMap<&'static str, HashSet<String>>> = OnceLock::new();
    FOLDED.get_or_init(|| {
        STOP.iter()
            .map(|(l, words)| (*l, words.split_whitespace().map(fold).collect()))
            .collect()
    })
}

/// Whether `word` (lower-cased and folded, as the analyser gives it) is a stop word of `lang`.
pub(crate) fn is_stopword(lang: &str, word: &str) -> bool {
    folded_stop_words()
        .get(lang)
        .is_some_and(|words| words.contains(word))
}

/// Spellings only one of two close languages uses, on the lower-cased, unfolded text:
/// Portuguese nasal vowels and digraphs against Spanish ñ and -ción.
const SPELLING: &[(&str, &[&str])] = &[
    ("pt", &["ão", "ões", "ção", "ã", "õ", "lh", "nh", "ê"]),
    ("es", &["ñ", "ción", "ll", "¿", "¡"]),
];

/// Whether `c` is a letter of the Arabic script.
fn is_arabic(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
        && c.is_alphabetic()
}

/// How many words of `text` are content words: three letters or more, not numbers, no
/// stop word of any language.
pub fn content_word_count(text: &str) -> usize {
    analyze(text, None)
        .iter()
        .filter(|w| {
            w.chars().count() >= 3
                && !w.chars().all(|c| c.is_ascii_digit())
                && !STOP.iter().any(|(l, _)| is_stopword(l, w))
        })
        .count()
}

/// The language of a text among English, French, Spanish, Portuguese and Arabic, guessed
/// when it has at least [`MIN_CONTENT_WORDS`] content words; `fallback` otherwise.
///
/// Arabic is told by its script (most letters Arabic); the others by their function words,
/// Portuguese and Spanish also by the spellings only one of them uses.
pub fn guess_lang_or(text: &str, fallback: &LangGuess) -> LangGuess {
    if content_word_count(text) < MIN_CONTENT_WORDS {
        return fallback.clone();
    }
    LangGuess {
        lang: Lang::new(vote(text)),
        source: LangSource::Guessed,
    }
}

/// The language whose script, function words and spelling `text` shows most (English when
/// none), however short the text.
pub(crate) fn vote(text: &str) -> &'static str {
    tally(text).lang
}

/// What [`vote`] found: the language, how many function words and spellings of it the text
/// shows (its letters in Arabic script for Arabic), and how many words the text has.
struct Tally {
    lang: &'static str,
    evidence: usize,
    words: usize,
}

fn tally(text: &str) -> Tally {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let arabic = text.chars().filter(|c| is_arabic(*c)).count();
    let words = analyze(text, None);
    if arabic * 2 > letters && arabic > 0 {
        return Tally {
            lang: "ar",
            evidence: words.len(),
            words: words.len(),
        };
    }
    let lower = text.to_lowercase();
    let mut best = ("en", 0usize);
    for (l, _) in STOP.iter().filter(|(l, _)| *l != "ar") {
        let mut n = words.iter().filter(|w| is_stopword(l, w)).count();
        if let Some((_, marks)) = SPELLING.iter().find(|(s, _)| s == l) {
            n += marks
                .iter()
                .map(|m| lower.matches(m).count())
                .sum::<usize>();
        }
        if n > best.1 {
            best = (l, n);
        }
    }
    Tally {
        lang: best.0,
        evidence: best.1,
        words: words.len(),
    }
}

/// The language of a text as [`guess_lang_or`] guesses it, English when too short.
pub fn guess_lang(text: &str) -> Lang {
    guess_lang_or(
        text,
        &LangGuess::fallback(Lang::new("en"), LangSource::Interface),
    )
    .lang
}

/// A text in one of the guessed languages shows at least this share of function words and
/// spellings of it (one word in ten); a text in another language (German, Italian…), which
/// shows few, is not taken for one of them.
const MIN_EVIDENCE_SHARE: usize = 10;

/// The language of a document's own text (its title and abstract, say), when it can be told:
/// at least [`MIN_CONTENT_WORDS`] content words, and either mostly Arabic script or, for
/// the others, at least two function words or spellings of the language, one word in ten
/// (see [`MIN_EVIDENCE_SHARE`]). `None` when it cannot: the caller falls back.
pub fn guess_document_text(text: &str) -> Option<Lang> {
    if content_word_count(text) < MIN_CONTENT_WORDS {
        return None;
    }
    let t = tally(text);
    let enough = t.evidence >= 2 && t.evidence * MIN_EVIDENCE_SHARE >= t.words;
    enough.then(|| Lang::new(t.lang))
}

/// The language a text too short to guess is taken to be in, when searching corpora that
/// declare `corpus_langs` (each corpus's `lang`, `None` when it declares none): the language
/// they all declare, when there is at least one and they agree ([`LangSource::Corpus`]);
/// otherwise `interface` ([`LangSource::Interface`]).
pub fn fallback(corpus_langs: &[Option<Lang>], interface: Lang) -> LangGuess {
    let declared = |l: &Option<Lang>| l.clone().filter(|l| *l != Lang::und());
    match corpus_langs.first().and_then(declared) {
        Some(first)
            if corpus_langs
                .iter()
                .all(|l| declared(l).as_ref() == Some(&first)) =>
        {
            LangGuess::fallback(first, LangSource::Corpus)
        }
        _ => LangGuess::fallback(interface, LangSource::Interface),
    }
}

#[cfg(test)]
#[path = "guess_tests.rs"]
mod tests;
