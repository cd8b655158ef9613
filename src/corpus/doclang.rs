//! The language of a document whose source states none (`und`), settled at ingest: guessed
//! from its own text when that has enough content words (see [`crate::lang::guess`]), else
//! the corpus's declared default, else left `und`. The document's untagged parts (titles,
//! abstracts, claims, description) follow it. [`declared_lang`] reads a corpus's default.

use super::Workspace;
use crate::lang::guess::{content_word_count, guess_document_text, MIN_CONTENT_WORDS};
use crate::model::{Document, Lang};

/// The default language the definition of corpus `name` declares (its `lang`), `None` when
/// it declares none or no such corpus is defined.
pub fn declared_lang(ws: &Workspace, name: &str) -> Option<Lang> {
    let lang = super::find(ws, name).ok()?.def.lang?;
    Some(Lang::new(&lang)).filter(|l| *l != Lang::und())
}

/// At most this many bytes of a document's text are read to guess its language: plenty for
/// function words to show, and a long description costs nothing more.
const MAX_GUESS_BYTES: usize = 4000;

/// At most this many claims and description paragraphs are added when the title and abstract
/// are too short to guess from.
const MAX_EXTRA_PARTS: usize = 5;

/// Settle the language of `doc` if its source stated none: guessed from its text, else
/// `default` (the corpus's `lang`), else left `und`; its parts in no language take the
/// document's. A document that states its language is left as it is.
pub(super) fn settle_lang(doc: &mut Document, default: Option<&Lang>) {
    if doc.biblio.lang != Lang::und() {
        return;
    }
    let lang = guess_document_text(&own_text(doc))
        .or_else(|| default.filter(|l| **l != Lang::und()).cloned());
    if let Some(lang) = lang {
        apply_lang(doc, &lang);
    }
}

/// The text of `doc` to guess its language from: its untagged titles and abstracts, then
/// (when those have too few content words) the first of its untagged claims and description
/// paragraphs. A document whose every part is tagged gives its titles and abstracts.
fn own_text(doc: &Document) -> String {
    let und = Lang::und();
    let b = &doc.biblio;
    let heads = || b.titles.iter().chain(b.abstracts.iter());
    let mut text = String::new();
    for t in heads().filter(|t| t.lang == und) {
        push_capped(&mut text, &t.text);
    }
    if content_word_count(&text) < MIN_CONTENT_WORDS {
        let claims = doc
            .claims
            .iter()
            .filter(|c| c.lang == und)
            .flat_map(|c| c.claims.iter().map(|c| c.text.as_str()));
        let paragraphs = doc
            .description
            .iter()
            .filter(|d| d.lang == und)
            .flat_map(|d| d.paragraphs.iter().map(|p| p.text.as_str()));
        for part in claims
            .take(MAX_EXTRA_PARTS)
            .chain(paragraphs.take(MAX_EXTRA_PARTS))
        {
            push_capped(&mut text, part);
        }
    }
    if text.trim().is_empty() {
        for t in heads() {
            push_capped(&mut text, &t.text);
        }
    }
    text
}

/// Append `part` and a space to `text`, keeping it within [`MAX_GUESS_BYTES`] (cut at a
/// character boundary).
fn push_capped(text: &mut String, part: &str) {
    let room = MAX_GUESS_BYTES.saturating_sub(text.len());
    if room == 0 {
        return;
    }
    let mut end = part.len().min(room);
    while !part.is_char_boundary(end) {
        end -= 1;
    }
    text.push_str(part.get(..end).unwrap_or_default());
    text.push(' ');
}

/// Give `doc` the language `lang`, and its parts in no language too.
fn apply_lang(doc: &mut Document, lang: &Lang) {
    let und = Lang::und();
    let b = &mut doc.biblio;
    b.lang = lang.clone();
    for t in b.titles.iter_mut().chain(b.abstracts.iter_mut()) {
        if t.lang == und {
            t.lang = lang.clone();
        }
    }
    for c in doc.claims.iter_mut().filter(|c| c.lang == und) {
        c.lang = lang.clone();
    }
    for d in doc.description.iter_mut().filter(|d| d.lang == und) {
        d.lang = lang.clone();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, ClaimSet, LangText};

    fn untagged(title: &str, claim: &str) -> Document {
        let mut d = Document::default();
        d.biblio.titles.push(LangText {
            lang: Lang::und(),
            text: title.into(),
        });
        d.claims.push(ClaimSet {
            lang: Lang::und(),
            claims: vec![Claim {
                num: 1,
                text: claim.into(),
                depends_on: Vec::new(),
            }],
        });
        d
    }

    #[test]
    fn a_short_title_is_completed_by_the_claims() {
        let mut d = untagged(
            "Bomba solar",
            "Bomba de água caracterizada por compreender painéis fotovoltaicos, \
             um controlador e uma válvula de retenção nos poços.",
        );
        settle_lang(&mut d, Some(&Lang::en()));
        assert_eq!(d.biblio.lang.as_str(), "pt");
        assert_eq!(d.biblio.titles[0].lang.as_str(), "pt");
        assert_eq!(d.claims[0].lang.as_str(), "pt");
    }

    #[test]
    fn too_little_text_takes_the_corpus_language_or_stays_undetermined() {
        let mut d = untagged("Bomba solar", "Bomba de água.");
        settle_lang(&mut d, Some(&Lang::new("es")));
        assert_eq!(d.biblio.lang.as_str(), "es");
        assert_eq!(d.claims[0].lang.as_str(), "es");
        let mut d = untagged("Bomba solar", "Bomba de água.");
        settle_lang(&mut d, None);
        assert_eq!(d.biblio.lang, Lang::und());
        assert_eq!(d.claims[0].lang, Lang::und());
    }

    #[test]
    fn a_stated_language_and_tagged_parts_are_kept() {
        let text = "A solar water pump for the wells of rural villages, without batteries.";
        let mut d = untagged(text, text);
        d.biblio.lang = Lang::fr();
        settle_lang(&mut d, Some(&Lang::en()));
        assert_eq!(d.biblio.lang, Lang::fr());
        assert_eq!(d.claims[0].lang, Lang::und());
        // An untagged document with a German title beside its own untagged one: only the
        // untagged text is read, and the German title keeps its tag.
        let mut d = untagged(text, text);
        d.biblio.titles.push(LangText {
            lang: Lang::de(),
            text: "Solarpumpe für ländliche Brunnen ohne Batterien".into(),
        });
        settle_lang(&mut d, None);
        assert_eq!(d.biblio.lang, Lang::en());
        assert_eq!(d.biblio.titles[1].lang, Lang::de());
    }

    #[test]
    fn the_text_read_is_capped_at_a_character_boundary() {
        let mut text = String::new();
        push_capped(&mut text, &"é".repeat(MAX_GUESS_BYTES));
        assert!(text.len() <= MAX_GUESS_BYTES + 1 && text.len() > MAX_GUESS_BYTES - 2);
        let before = text.len();
        push_capped(&mut text, "more");
        assert_eq!(text.len(), before);
    }
}
