//! Lexer for search strategies: splits the text into words, phrases, operators, field
//! prefixes, history references and weights, each with its byte span.

use super::ast::{Prox, Span};
use super::fields;
use super::parser::ParseError;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    LParen,
    RParen,
    LBracket,
    RBracket,
    Word(String),
    Phrase(String),
    And,
    Or,
    Not,
    Prox(Prox),
    To,
    /// A field code and its operator (`:`, `=`, `<`, `<=`, `>`, `>=`).
    Field(String, String),
    Hash(u32),
    /// A weight: `^2.5` after a word, phrase or group.
    Boost(f32),
}

fn is_word_end(c: char) -> bool {
    c.is_whitespace() || "()[]\"".contains(c)
}

/// The text from byte `i` on (empty if `i` is not at a character boundary; the lexer only
/// moves by whole characters).
fn from(q: &str, i: usize) -> &str {
    q.get(i..).unwrap_or("")
}

pub(crate) fn lex(q: &str) -> Result<Vec<(Tok, Span)>, ParseError> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < q.len() {
        let Some(c) = from(q, i).chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        if c.is_whitespace() {
            i += clen;
            continue;
        }
        match c {
            '(' => out.push((Tok::LParen, i..i + 1)),
            ')' => out.push((Tok::RParen, i..i + 1)),
            '[' => out.push((Tok::LBracket, i..i + 1)),
            ']' => out.push((Tok::RBracket, i..i + 1)),
            '"' => {
                let after = from(q, i + 1);
                let Some((inside, _)) = after.split_once('"') else {
                    return Err(ParseError::new(
                        i..i + 1,
                        "unclosed quote opened here: end the phrase with \"",
                    ));
                };
                let end = inside.len();
                let text = inside.to_string();
                let span = i..i + end + 2;
                if text.trim().is_empty() {
                    return Err(ParseError::new(
                        span,
                        "empty phrase: put words between the quotes",
                    ));
                }
                out.push((Tok::Phrase(text), span.clone()));
                i = span.end;
                continue;
            }
            _ => {
                let rest = from(q, i);
                let word = rest.split(is_word_end).next().unwrap_or(rest);
                lex_word(word, i, &mut out)?;
                i += word.len();
                continue;
            }
        }
        i += clen;
    }
    Ok(out)
}

/// Split a whitespace-delimited word into tokens: a field prefix, an operator, a history
/// reference or a plain word.
fn lex_word(word: &str, start: usize, out: &mut Vec<(Tok, Span)>) -> Result<(), ParseError> {
    let span = start..start + word.len();
    // Field prefix: identifier followed by : = < <= > >=
    let ident_len = word
        .char_indices()
        .take_while(|(i, c)| {
            c.is_ascii_alphabetic() || (*i > 0 && (c.is_ascii_alphanumeric() || *c == '_'))
        })
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    if ident_len > 0 {
        let (code, rest) = word.split_at(ident_len);
        let op = ["<=", ">=", ":", "=", "<", ">"]
            .into_iter()
            .find(|op| rest.starts_with(op));
        if let Some(op) = op {
            if fields::lookup(code).is_none() {
                let hint = match fields::suggest(code) {
                    Some(s) => format!(" — did you mean `{s}`?"),
                    None => " — field codes are ti, ab, cl, de, txt, pa, in, au, jo, ipc, cpc, pn, pd, ad, pr, cc, lang, doi, pmid".into(),
                };
                return Err(ParseError::new(
                    start..start + ident_len,
                    format!("unknown field code `{code}`{hint}"),
                ));
            }
            let op_end = start + ident_len + op.len();
            out.push((
                Tok::Field(code.to_ascii_lowercase(), op.to_string()),
                start..op_end,
            ));
            let value = rest.strip_prefix(op).unwrap_or("");
            if !value.is_empty() {
                lex_word_value(value, op_end, out)?;
            }
            return Ok(());
        }
    }
    lex_word_value(word, span.start, out)
}

fn lex_word_value(word: &str, start: usize, out: &mut Vec<(Tok, Span)>) -> Result<(), ParseError> {
    if let Some((before, weights)) = word.split_once('^') {
        if !before.is_empty() {
            lex_word_value(before, start, out)?;
        }
        let mut at = start + before.len();
        for part in weights.split('^') {
            let span = at..at + part.len() + 1;
            let factor: f32 = part
                .parse()
                .ok()
                .filter(|f: &f32| f.is_finite())
                .ok_or_else(|| {
                    ParseError::new(
                        span.clone(),
                        "a weight is ^ and a number after a word, phrase or group, e.g. solar^2",
                    )
                })?;
            if !(factor > 0.0 && factor <= 100.0) {
                return Err(ParseError::new(
                    span,
                    "a weight must be more than 0 and at most 100",
                ));
            }
            out.push((Tok::Boost(factor), span.clone()));
            at = span.end;
        }
        return Ok(());
    }
    let span = start..start + word.len();
    let tok = match word {
        "AND" => Tok::And,
        "OR" => Tok::Or,
        "NOT" => Tok::Not,
        "SAME" => Tok::Prox(Prox::Same),
        "TO" => Tok::To,
        "NEAR" | "ADJ" => {
            return Err(ParseError::new(
                span,
                format!("{word} needs a distance, e.g. {word}/5"),
            ));
        }
        w if w.starts_with("NEAR/") || w.starts_with("ADJ/") => {
            let (name, n) = w.split_once('/').unwrap_or((w, ""));
            let n: u32 = n.parse().map_err(|_| {
                ParseError::new(
                    span.clone(),
                    format!("{name} needs a distance in words, e.g. {name}/5"),
                )
            })?;
            if !(1..=100).contains(&n) {
                return Err(ParseError::new(
                    span,
                    format!("{name} distance must be between 1 and 100 words"),
                ));
            }
            Tok::Prox(if name == "NEAR" {
                Prox::Near(n)
            } else {
                Prox::Adj(n)
            })
        }
        w if w.starts_with('#') => {
            let n: u32 = w.strip_prefix('#').unwrap_or(w).parse().map_err(|_| {
                ParseError::new(
                    span.clone(),
                    "a history reference is # and a number, e.g. #2",
                )
            })?;
            if n == 0 {
                return Err(ParseError::new(span, "history numbers start at #1"));
            }
            Tok::Hash(n)
        }
        w => Tok::Word(w.to_string()),
    };
    out.push((tok, span));
    Ok(())
}
