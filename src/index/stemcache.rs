//! A stemming filter that remembers its words.
//!
//! Snowball stemming was a quarter of the CPU time of indexing (profiled on synthetic
//! patents), and most of it was spent on the same words again: word frequencies are Zipfian,
//! so a few thousand words make most of a collection's tokens. [`CachedStemmer`] gives the
//! same stems as tantivy's `Stemmer` filter — the same Snowball algorithms, applied to the
//! same lower-cased token — but keeps each analyzer's last words and their stems, and builds
//! its stemmer once per analyzer instead of once per field value.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;

/// The cache's hasher: a fast one for short words, seeded at random per process (documents
/// are untrusted input, so a fixed-key hash would let a crafted file make every word collide).
type Hasher = foldhash::fast::RandomState;
use tantivy::tokenizer::{Language, Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered by one analyzer (then forgotten all at once and remembered anew).
const CACHE_WORDS: usize = 65_536;

/// The Snowball algorithm of a language tisc stems.
fn algorithm(lang: Language) -> Algorithm {
    match lang {
        Language::French => Algorithm::French,
        Language::Spanish => Algorithm::Spanish,
        Language::Portuguese => Algorithm::Portuguese,
        Language::German => Algorithm::German,
        Language::Arabic => Algorithm::Arabic,
        _ => Algorithm::English,
    }
}

/// The word the Arabic stemmer is given for `word`, which the tokenizer has already
/// normalised (teh marbuta written as heh, among others): a final heh goes back to teh
/// marbuta when the word without its article has four letters or more, so that the
/// stemmer removes it as the feminine ending it nearly always is there. Without this the
/// article stops the stemmer at the heh (المضخه stems to مضخه, مضخه to مضخ); a short word
/// such as وجه keeps its heh, which is a root letter.
fn arabic_stemmer_input(word: &str) -> Option<String> {
    let stem = word.strip_suffix('\u{647}')?;
    let bare = [
        "\u{648}\u{627}\u{644}",
        "\u{628}\u{627}\u{644}",
        "\u{643}\u{627}\u{644}",
        "\u{641}\u{627}\u{644}",
        "\u{627}\u{644}",
        "\u{644}\u{644}",
    ]
    .iter()
    .find_map(|article| word.strip_prefix(article))
    .unwrap_or(word);
    (bare.chars().count() >= 4).then(|| format!("{stem}\u{629}"))
}

/// A token filter that replaces each token by its Snowball stem, remembering stems.
#[derive(Clone)]
pub struct CachedStemmer {
    algorithm: Algorithm,
}

impl CachedStemmer {
    pub fn new(lang: Language) -> CachedStemmer {
        CachedStemmer {
            algorithm: algorithm(lang),
        }
    }
}

impl TokenFilter for CachedStemmer {
    type Tokenizer<T: Tokenizer> = CachedStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> CachedStemmerFilter<T> {
        CachedStemmerFilter {
            algorithm: self.algorithm,
            stemmer: None,
            cache: HashMap::default(),
            inner: tokenizer,
        }
    }
}

/// The analyzer stage (one per analyzer clone, so one cache per indexing thread).
pub struct CachedStemmerFilter<T> {
    algorithm: Algorithm,
    /// Built on first use (a `Stemmer` is not `Clone`).
    stemmer: Option<Stemmer>,
    cache: HashMap<String, String, Hasher>,
    inner: T,
}

impl<T: Clone> Clone for CachedStemmerFilter<T> {
    fn clone(&self) -> Self {
        CachedStemmerFilter {
            algorithm: self.algorithm,
            stemmer: None,
            cache: HashMap::default(),
            inner: self.inner.clone(),
        }
    }
}

impl<T: Tokenizer> Tokenizer for CachedStemmerFilter<T> {
    type TokenStream<'a> = CachedStemmerStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let algorithm = self.algorithm;
        let stemmer = self
            .stemmer
            .get_or_insert_with(|| Stemmer::create(algorithm));
        CachedStemmerStream {
            tail: self.inner.token_stream(text),
            stemmer,
            arabic: matches!(algorithm, Algorithm::Arabic),
            cache: &mut self.cache,
        }
    }
}

pub struct CachedStemmerStream<'a, S> {
    tail: S,
    stemmer: &'a Stemmer,
    arabic: bool,
    cache: &'a mut HashMap<String, String, Hasher>,
}

impl<S: TokenStream> TokenStream for CachedStemmerStream<'_, S> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if let Some(stem) = self.cache.get(&token.text) {
            token.text.clear();
            token.text.push_str(stem);
            return true;
        }
        let input = if self.arabic {
            arabic_stemmer_input(&token.text)
        } else {
            None
        };
        let stem = self
            .stemmer
            .stem(input.as_deref().unwrap_or(&token.text))
            .into_owned();
        if self.cache.len() >= CACHE_WORDS {
            self.cache.clear();
        }
        let word = std::mem::replace(&mut token.text, stem.clone());
        self.cache.insert(word, stem);
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arabic_noun_with_and_without_its_article_has_one_stem() {
        let s = Stemmer::create(Algorithm::Arabic);
        let stem = |w: &str| {
            let input = arabic_stemmer_input(w);
            s.stem(input.as_deref().unwrap_or(w)).into_owned()
        };
        // pump, water, medicines, fertilisers: with the article, with a preposition and
        // the article, and bare (teh marbuta already written as heh by the tokenizer).
        for group in [
            ["مضخه", "المضخه", "بالمضخه"],
            ["مياه", "المياه", "بالمياه"],
            ["ادويه", "الادويه", "للادويه"],
            ["اسمده", "الاسمده", "بالاسمده"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{group:?} -> {stems:?}"
            );
        }
        // A short word whose heh is a root letter keeps it, with or without the article.
        assert_eq!(stem("وجه"), stem("الوجه"));
        assert_eq!(arabic_stemmer_input("وجه"), None);
        assert_eq!(arabic_stemmer_input("pump"), None);
    }
    use tantivy::tokenizer::{
        LowerCaser, SimpleTokenizer, Stemmer as TantivyStemmer, TextAnalyzer,
    };

    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut stream = analyzer.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position));
        }
        out
    }

    #[test]
    fn the_same_stems_as_tantivy_in_every_language_twice_over() {
        let text = "Pumping pumps pumped the PUMPS; les pompes pompées, bombas bombeando, \
                    Pumpen gepumpt, as bombas bombeadas, المضخات والمضخة pumping pumps";
        for lang in [
            Language::English,
            Language::French,
            Language::Spanish,
            Language::Portuguese,
            Language::German,
            Language::Arabic,
        ] {
            let mut ours = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(CachedStemmer::new(lang))
                .build();
            let mut theirs = TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(TantivyStemmer::new(lang))
                .build();
            // The second pass reads the stems from the cache.
            for _ in 0..2 {
                assert_eq!(
                    tokens(&mut ours, text),
                    tokens(&mut theirs, text),
                    "{lang:?}"
                );
            }
        }
    }
}
