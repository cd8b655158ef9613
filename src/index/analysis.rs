//! Text analysis: one word tokenizer shared by every analyzer, so that the stemmed and the
//! unstemmed copy of a field see exactly the same words at exactly the same positions.
//!
//! Each value of a field (one claim, one paragraph) starts [`VALUE_GAP`] positions after the
//! end of the previous one, so that proximity never matches across two claims or paragraphs.
//! No filter drops or splits a token: stop words keep their position, stemming rewrites a
//! token in place, folding maps accented letters to their base letters.
//!
//! Before any filter, the tokenizer normalises Arabic spelling (see [`super::arabic`]) and
//! drops combining marks, so every analyzer, the query side and highlighting see the same
//! normalised words. Folding (`relatório` → `relatorio`) applies to both copies of a field
//! in every language: the unstemmed copy is lower-cased and folded, the stemmed copy is
//! stemmed on the accented word and folded after.

use super::arabic::normalize_char;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, TextAnalyzer, Token, TokenStream, Tokenizer,
};

/// Positions between the last word of one value and the first word of the next. Larger than
/// any claim or paragraph is long, so that "in the same value" is "closer than the gap".
pub const VALUE_GAP: usize = 10_000;

/// The languages with their own stemmed analyzer; every other language is indexed under
/// [`IndexLang::Other`] (lower-cased and folded, not stemmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IndexLang {
    En,
    Fr,
    Es,
    Pt,
    De,
    Ar,
    Other,
}

impl IndexLang {
    pub const ALL: [IndexLang; 7] = [
        IndexLang::En,
        IndexLang::Fr,
        IndexLang::Es,
        IndexLang::Pt,
        IndexLang::De,
        IndexLang::Ar,
        IndexLang::Other,
    ];

    pub fn of(lang: &crate::model::Lang) -> IndexLang {
        match lang.as_str() {
            "en" => IndexLang::En,
            "fr" => IndexLang::Fr,
            "es" => IndexLang::Es,
            "pt" => IndexLang::Pt,
            "de" => IndexLang::De,
            "ar" => IndexLang::Ar,
            _ => IndexLang::Other,
        }
    }

    /// The suffix used in field names (`ti_en`, `cl_fr`); `xx` for other languages.
    pub fn code(self) -> &'static str {
        match self {
            IndexLang::En => "en",
            IndexLang::Fr => "fr",
            IndexLang::Es => "es",
            IndexLang::Pt => "pt",
            IndexLang::De => "de",
            IndexLang::Ar => "ar",
            IndexLang::Other => "xx",
        }
    }

    pub fn from_code(code: &str) -> Option<IndexLang> {
        IndexLang::ALL.into_iter().find(|l| l.code() == code)
    }

    fn stemmer(self) -> Option<Language> {
        match self {
            IndexLang::En => Some(Language::English),
            IndexLang::Fr => Some(Language::French),
            IndexLang::Es => Some(Language::Spanish),
            IndexLang::Pt => Some(Language::Portuguese),
            IndexLang::De => Some(Language::German),
            IndexLang::Ar => Some(Language::Arabic),
            IndexLang::Other => None,
        }
    }

    /// Name of the stemmed analyzer registered for this language.
    pub fn analyzer(self) -> String {
        format!("tisc_stem_{}", self.code())
    }
}

/// Name of the unstemmed (lower-cased, folded) analyzer.
pub const RAW_ANALYZER: &str = "tisc_raw";

/// Splits text into words: runs of letters and digits, with combining marks (accents
/// written as separate code points, Arabic vowel marks) kept inside the word and dropped
/// from the token text. Positions start at `start` for every value.
#[derive(Clone)]
pub struct WordTokenizer {
    start: usize,
    token: Token,
}

impl WordTokenizer {
    /// For indexing: every value starts [`VALUE_GAP`] positions further on.
    pub fn indexing() -> WordTokenizer {
        WordTokenizer {
            start: VALUE_GAP,
            token: Token::default(),
        }
    }
    /// For analysing query text: positions from 0.
    pub fn query() -> WordTokenizer {
        WordTokenizer {
            start: 0,
            token: Token::default(),
        }
    }
}

/// Combining marks that belong inside a word.
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED
        | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

pub struct WordStream<'a> {
    text: &'a str,
    pos: usize,
    next_position: usize,
    token: &'a mut Token,
    /// Take plain ASCII words on the fast path ([`WordStream::next_ascii`]); off only in
    /// the test that compares the two paths.
    ascii: bool,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            pos: 0,
            next_position: self.start,
            token: &mut self.token,
            ascii: true,
        }
    }
}

/// Whether the word at `start..end` of `text` is the word of a placeholder ingest left for
/// a formula, table or image (`[formula]`): not a word of the document, so neither indexed
/// nor marked.
fn is_placeholder(text: &str, start: usize, end: usize) -> bool {
    let (Some(from), Some(to)) = (start.checked_sub(1), end.checked_add(1)) else {
        return false;
    };
    text.get(from..to)
        .is_some_and(|w| crate::ingest::xml::PLACEHOLDERS.contains(&w))
}

impl WordStream<'_> {
    /// The next word when it is plain ASCII letters and digits (most words of most texts),
    /// which normalise to themselves: `Some(None)` at the end of the text, `None` when the
    /// next word needs the general path (which then starts at the word or at the non-ASCII
    /// character before it).
    fn next_ascii(&mut self) -> Option<Option<(usize, usize)>> {
        let bytes = self.text.as_bytes();
        loop {
            let mut i = self.pos;
            while i < bytes.len() && bytes[i].is_ascii() && !bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            self.pos = i;
            if i == bytes.len() {
                return Some(None);
            }
            if !bytes[i].is_ascii() {
                return None;
            }
            let mut j = i + 1;
            while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                j += 1;
            }
            if j < bytes.len() && !bytes[j].is_ascii() {
                // The word may go on with a letter or a mark.
                return None;
            }
            self.pos = j;
            if !is_placeholder(self.text, i, j) {
                return Some(Some((i, j)));
            }
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        let fast = if self.ascii { self.next_ascii() } else { None };
        let (start, end) = match fast {
            Some(None) => return false,
            Some(Some((start, end))) => {
                self.token.text.clear();
                self.token
                    .text
                    .push_str(self.text.get(start..end).unwrap_or_default());
                (start, end)
            }
            None => {
                let (start, end, word) = loop {
                    let rest = self.text.get(self.pos..).unwrap_or_default();
                    let Some((s, _)) = rest.char_indices().find(|(_, c)| c.is_alphanumeric())
                    else {
                        self.pos = self.text.len();
                        return false;
                    };
                    let start = self.pos + s;
                    let end = self
                        .text
                        .get(start..)
                        .unwrap_or_default()
                        .char_indices()
                        .find(|(_, c)| !is_word_char(*c))
                        .map_or(self.text.len(), |(i, _)| start + i);
                    self.pos = end;
                    let word = self.text.get(start..end).unwrap_or_default();
                    // A run of tatweel alone normalises to nothing: not a word.
                    if !is_placeholder(self.text, start, end)
                        && word.chars().any(|c| normalize_char(c).is_some())
                    {
                        break (start, end, word);
                    }
                };
                self.token.text.clear();
                self.token.text.extend(
                    word.chars()
                        .filter(|c| !is_mark(*c))
                        .filter_map(normalize_char),
                );
                (start, end)
            }
        };
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.next_position;
        self.token.position_length = 1;
        self.next_position += 1;
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The stemmed analyzer for a language (`tokenizer` decides the starting position).
pub fn stemmed(lang: IndexLang, tokenizer: WordTokenizer) -> TextAnalyzer {
    match lang.stemmer() {
        Some(l) => TextAnalyzer::builder(tokenizer)
            .filter(LowerCaser)
            .filter(super::stemcache::CachedStemmer::new(l))
            .filter(AsciiFoldingFilter)
            .build(),
        None => raw(tokenizer),
    }
}

/// The unstemmed analyzer: lower-cased and folded.
pub fn raw(tokenizer: WordTokenizer) -> TextAnalyzer {
    TextAnalyzer::builder(tokenizer)
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// Register every tisc analyzer on an index.
pub fn register(index: &tantivy::Index) {
    let m = index.tokenizers();
    for l in IndexLang::ALL {
        m.register(&l.analyzer(), stemmed(l, WordTokenizer::indexing()));
    }
    m.register(RAW_ANALYZER, raw(WordTokenizer::indexing()));
}

thread_local! {
    /// Query analyzers, built once per thread (a stemmer is not free to build).
    static QUERY_ANALYZERS: std::cell::RefCell<std::collections::HashMap<Option<IndexLang>, TextAnalyzer>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Run `f` with this thread's query analyzer for `lang` (stemmed) or the raw copy (`None`).
fn with_query_analyzer<R>(lang: Option<IndexLang>, f: impl FnOnce(&mut TextAnalyzer) -> R) -> R {
    QUERY_ANALYZERS.with(|cell| {
        let mut map = cell.borrow_mut();
        let a = map.entry(lang).or_insert_with(|| match lang {
            Some(l) => stemmed(l, WordTokenizer::query()),
            None => raw(WordTokenizer::query()),
        });
        f(a)
    })
}

/// Analyse query text into terms (positions from 0), as the field with `lang` (stemmed) or
/// the raw copy (`lang == None`) would index it.
pub fn analyze(text: &str, lang: Option<IndexLang>) -> Vec<String> {
    with_query_analyzer(lang, |a| {
        let mut out = Vec::new();
        let mut ts = a.token_stream(text);
        while ts.advance() {
            out.push(ts.token().text.clone());
        }
        out
    })
}

thread_local! {
    /// The whole-string folding analyzer of [`fold`], built once per thread.
    static FOLDER: std::cell::RefCell<TextAnalyzer> = std::cell::RefCell::new(
        TextAnalyzer::builder(tantivy::tokenizer::RawTokenizer::default())
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .build(),
    );
}

/// Lower-case, normalise and fold a string as the unstemmed copy does, without splitting it
/// into words (for the fixed parts of truncated words such as `colo?r`).
pub fn fold(text: &str) -> String {
    let normalised: String = text
        .chars()
        .filter(|c| !is_mark(*c))
        .filter_map(normalize_char)
        .collect();
    FOLDER.with(|cell| {
        let mut a = cell.borrow_mut();
        let mut ts = a.token_stream(&normalised);
        let mut out = String::new();
        while ts.advance() {
            out.push_str(&ts.token().text);
        }
        out
    })
}

thread_local! {
    /// The word splitter of [`for_each_word`], its own so that `f` may analyse text too.
    static WORDS: std::cell::RefCell<TextAnalyzer> =
        std::cell::RefCell::new(raw(WordTokenizer::query()));
}

/// Each word of `text` with its byte range, lower-cased and folded (as the unstemmed copy
/// indexes it), handed to `f(from, to, word)` in order: for highlighting. `f` may call any
/// other function of this module, but not `for_each_word` itself.
pub fn for_each_word(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    WORDS.with(|cell| {
        let mut a = cell.borrow_mut();
        let mut ts = a.token_stream(text);
        while ts.advance() {
            let t = ts.token();
            f(t.offset_from, t.offset_to, &t.text);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(a: &mut TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut ts = a.token_stream(text);
        let mut out = Vec::new();
        while ts.advance() {
            out.push((ts.token().text.clone(), ts.token().position));
        }
        out
    }

    #[test]
    fn stemmed_and_raw_copies_keep_identical_positions() {
        let text = "Nasal cannula for acquiring breathing information; pumps, l'irrigation.";
        let mut s = stemmed(IndexLang::En, WordTokenizer::query());
        let mut r = raw(WordTokenizer::query());
        let a = tokens(&mut s, text);
        let b = tokens(&mut r, text);
        assert_eq!(a.len(), b.len());
        assert!(a.iter().zip(&b).all(|(x, y)| x.1 == y.1));
        assert_eq!(a[4].0, "breath");
        assert_eq!(b[4].0, "breathing");
        assert_eq!(
            b[2],
            ("for".to_string(), 2),
            "stop words keep their position"
        );
    }

    #[test]
    fn accents_fold_and_arabic_marks_stay_in_the_word() {
        assert_eq!(analyze("Évaluation été", None), ["evaluation", "ete"]);
        // "kataba" with vowel marks is one word, marks dropped.
        assert_eq!(
            analyze("\u{643}\u{64e}\u{62a}\u{64e}\u{628}\u{64e}", None),
            ["\u{643}\u{62a}\u{628}"]
        );
        assert_eq!(
            analyze("pompes solaires", Some(IndexLang::Fr)),
            ["pomp", "solair"]
        );
    }

    #[test]
    fn placeholders_of_formulas_tables_and_images_are_not_words() {
        let mut a = raw(WordTokenizer::indexing());
        let text = "Q = [formula] where [table] and [image] show a formula, table [image of] it";
        let words: Vec<String> = tokens(&mut a, text).into_iter().map(|t| t.0).collect();
        assert_eq!(
            words,
            ["q", "where", "and", "show", "a", "formula", "table", "image", "of", "it"]
        );
        let mut marked = Vec::new();
        for_each_word("[formula] formula", |from, to, w| {
            marked.push((from, to, w.to_string()))
        });
        assert_eq!(marked, [(10, 17, "formula".to_string())]);
    }

    #[test]
    fn plain_ascii_words_take_the_fast_path_to_the_same_tokens() {
        let pieces = [
            "pump",
            "Valve12",
            " ",
            ", ",
            "-",
            "na\u{ef}ve",
            "caf\u{e9}",
            "x\u{b2}y",
            "e\u{301}",
            "[formula]",
            "[image]",
            "\u{643}\u{64e}\u{62a}",
            "\u{2014}",
            "\u{640}\u{640}",
            "\u{660}7",
            "  ",
            "A",
            "\u{3b1}\u{3b2}",
            ".",
            "[table",
            "]",
        ];
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let run = |text: &str, ascii: bool| -> Vec<(String, usize, usize, usize)> {
            let mut token = Token::default();
            let mut ts = WordStream {
                text,
                pos: 0,
                next_position: 0,
                token: &mut token,
                ascii,
            };
            let mut out = Vec::new();
            while ts.advance() {
                let t = ts.token();
                out.push((t.text.clone(), t.offset_from, t.offset_to, t.position));
            }
            out
        };
        let mut fast_words = 0;
        for _ in 0..2000 {
            let text: String = (0..next() % 12)
                .map(|_| pieces[next() % pieces.len()])
                .collect();
            let fast = run(&text, true);
            assert_eq!(fast, run(&text, false), "{text:?}");
            fast_words += fast.len();
        }
        assert!(fast_words > 1000, "{fast_words}");
    }

    #[test]
    fn indexing_positions_start_after_the_gap() {
        let mut a = raw(WordTokenizer::indexing());
        let t = tokens(&mut a, "a b");
        assert_eq!(t[0].1, VALUE_GAP);
        assert_eq!(t[1].1, VALUE_GAP + 1);
    }

    /// Real Arabic words (FreeDict ara-eng): each spelling variant, as writers and keyboards
    /// produce it, analysed by the unstemmed and the Arabic stemmed analyzer.
    #[test]
    fn arabic_spelling_variants_of_one_word_are_one_term() {
        let families: &[&[&str]] = &[
            // adwiya "medicines": hamza on alef or not, teh marbuta or heh, tatweel, marks.
            &["أدوية", "ادوية", "أدويه", "ادويه", "أدويـــة", "أَدْوِيَة"],
            // asmida "fertilisers": hamza under or over alef as typed, marks.
            &["أسمدة", "إسمدة", "اسمده", "أسـمدة", "أَسْمِدَة"],
            // ala "machine": madda on alef.
            &["آلة", "الة", "اله", "آلَة"],
            // mustashfa "hospital": alef maksura or yeh.
            &["مستشفى", "مستشفي", "مُسْتَشْفَى", "مستـشفى"],
        ];
        for lang in [None, Some(IndexLang::Ar)] {
            for family in families {
                let first = analyze(family[0], lang);
                assert_eq!(first.len(), 1, "{first:?}");
                for variant in &family[1..] {
                    assert_eq!(analyze(variant, lang), first, "{variant} ({lang:?})");
                }
            }
        }
        assert_eq!(analyze("أدوية", None), ["ادويه"]);
        // Digits fold to ASCII; a lone tatweel is no word.
        assert_eq!(analyze("عام ٢٠١٩ و۱۴۰۰ ـ", None), ["عام", "2019", "و1400"]);
        // Truncation's fixed parts are normalised the same way.
        assert_eq!(fold("أَدْوِيـة"), "ادويه");
    }

    #[test]
    fn arabic_normalisation_keeps_offsets_of_the_written_text() {
        let text = "كتـاب أدوية";
        let mut marked = Vec::new();
        for_each_word(text, |from, to, w| marked.push((from, to, w.to_string())));
        assert_eq!(marked.len(), 2);
        assert_eq!(&text[marked[0].0..marked[0].1], "كتـاب");
        assert_eq!(marked[0].2, "كتاب");
        assert_eq!(&text[marked[1].0..marked[1].1], "أدوية");
        assert_eq!(marked[1].2, "ادويه");
    }

    /// Portuguese and Spanish words (FreeDict por-eng, spa-eng) with and without their
    /// accents: the same unstemmed term; and what the stemmed copy makes of each.
    #[test]
    fn portuguese_and_spanish_accents_fold_on_the_unstemmed_copy() {
        let pairs = [
            ("relatório", "relatorio"),
            ("informação", "informacao"),
            ("ação", "acao"),
            ("máquina", "maquina"),
            ("información", "informacion"),
            ("relación", "relacion"),
            ("energía", "energia"),
        ];
        for (accented, bare) in pairs {
            assert_eq!(analyze(accented, None), analyze(bare, None), "{accented}");
            assert_eq!(analyze(accented, None), [bare]);
        }
        // The stemmed copy stems the accented word and folds after: the same term when the
        // stemmer strips no accented suffix...
        for (l, accented, bare) in [
            (IndexLang::Pt, "relatório", "relatorio"),
            (IndexLang::Pt, "máquina", "maquina"),
            (IndexLang::Es, "relación", "relacion"),
        ] {
            assert_eq!(
                analyze(accented, Some(l)),
                analyze(bare, Some(l)),
                "{accented}"
            );
        }
        // ...and not when it does (-ção, -ción, -ía): the unaccented word then finds the
        // accented one through the unstemmed copy (truncation), as docs/query-language.md says.
        for (l, accented, bare) in [
            (IndexLang::Pt, "informação", "informacao"),
            (IndexLang::Es, "información", "informacion"),
            (IndexLang::Es, "energía", "energia"),
        ] {
            assert_ne!(
                analyze(accented, Some(l)),
                analyze(bare, Some(l)),
                "{accented}"
            );
        }
    }
}
