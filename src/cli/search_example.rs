//! `tisc search --disclosure`: query by example on the command line — the disclosure's key
//! terms selected over the corpora to search, and the line that says in which language the
//! disclosure was read and why.

use super::search::{query_error, SearchArgs};
use super::usage;
use crate::corpus::Workspace;
use crate::index::CorpusIndex;
use crate::model::Lang;
use crate::search::{qbe, sharded, Session};

/// A corpus opened for query by example: one index, or its shards.
enum Opened<'a> {
    One(Session<'a>),
    Shards(sharded::Sharded<'a>),
}

/// The language of a disclosure too short to guess, searching the corpora `names`: the
/// language they all declare, else the command line's, English.
pub(super) fn fallback(ws: &Workspace, names: &[&str]) -> qbe::LangGuess {
    let declared: Vec<Option<Lang>> = names
        .iter()
        .map(|n| crate::corpus::declared_lang(ws, n))
        .collect();
    qbe::fallback(&declared, Lang::en())
}

/// How the line above the strategy says in which language the disclosure was read:
/// `pt, guessed from the disclosure`, or `fr: fewer than 5 content words to guess from; the
/// corpus language` (or `the interface language`).
pub(super) fn lang_note(guess: &qbe::LangGuess) -> String {
    let too_few =
        || crate::lang::cli::TOO_FEW_CONTENT_WORDS.count("en", qbe::MIN_CONTENT_WORDS as u64);
    match guess.source {
        qbe::LangSource::Guessed => format!("{}, guessed from the disclosure", guess.lang),
        qbe::LangSource::Corpus => format!("{}: {}; the corpus language", guess.lang, too_few()),
        qbe::LangSource::Interface => {
            format!("{}: {}; the interface language", guess.lang, too_few())
        }
    }
}

/// Query by example: select the disclosure's key terms over every corpus to search (their
/// document frequencies pooled), optionally expand them by feedback, and return the
/// strategy (shown on stderr, or above the table). A disclosure too short to guess its
/// language from is read in `fallback`.
pub(super) fn disclosure_strategy(
    indexes: &[Vec<CorpusIndex>],
    text: &str,
    args: &SearchArgs,
    fallback: &qbe::LangGuess,
) -> anyhow::Result<String> {
    let mut opened = Vec::with_capacity(indexes.len());
    for shards in indexes {
        match shards.as_slice() {
            [] => {}
            [one] => opened.push(Opened::One(Session::new(one)?)),
            _ => opened.push(Opened::Shards(sharded::Sharded::new(shards)?)),
        }
    }
    let sources: Vec<qbe::Source> = opened
        .iter()
        .filter_map(|o| match o {
            Opened::One(session) => Some(qbe::Source::of_session(session)),
            Opened::Shards(s) => s.example_source(),
        })
        .collect();
    if sources.is_empty() {
        return Err(usage("query by example needs a corpus"));
    }
    let names = sources
        .iter()
        .map(|s| s.name)
        .collect::<Vec<_>>()
        .join(", ");
    let (terms, guess) =
        qbe::example_terms(&sources, text, args.terms, args.prf, fallback).map_err(query_error)?;
    if terms.is_empty() {
        return Err(usage(format!(
            "the disclosure has no word that occurs in {names}"
        )));
    }
    let strategy = qbe::strategy(&terms);
    let info = format!(
        "query by example ({}): {} over {names}, weighted relative to the strongest\n  strategy: {strategy}",
        lang_note(&guess),
        crate::lang::cli::TERMS_SELECTED.count("en", terms.len() as u64),
    );
    // Above the table in table format; on stderr otherwise, so that JSON/TREC stay clean.
    if args.format == super::search::OutFormat::Table {
        crate::outln!("{info}\n");
    } else {
        crate::errln!("{info}");
    }
    Ok(strategy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_says_where_the_language_came_from() {
        let g = |lang: &str, source| qbe::LangGuess::fallback(Lang::new(lang), source);
        assert_eq!(
            lang_note(&g("pt", qbe::LangSource::Guessed)),
            "pt, guessed from the disclosure"
        );
        assert_eq!(
            lang_note(&g("fr", qbe::LangSource::Corpus)),
            "fr: fewer than 5 content words to guess from; the corpus language"
        );
        assert_eq!(
            lang_note(&g("en", qbe::LangSource::Interface)),
            "en: fewer than 5 content words to guess from; the interface language"
        );
    }
}
