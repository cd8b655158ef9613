//! Lexer and recursive-descent parser for search strategies.
//!
//! Precedence, tightest first: proximity (`NEAR/n`, `ADJ/n`, `SAME`), `NOT`, `AND` (also
//! implicit between adjacent terms), `OR`. Operators are upper-case; lower-case `and`, `or`,
//! `near` are ordinary words. Every error carries the byte span it is about and a hint.

use super::ast::{Ast, DateValue, Prox, Span};
use super::fields;
use crate::model::Date;

/// A parse error: what went wrong, where, and what to try.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

impl ParseError {
    fn new(span: Span, message: impl Into<String>) -> ParseError {
        ParseError {
            span,
            message: message.into(),
        }
    }

    /// The query with a caret line under the offending part, then the message.
    pub fn render(&self, query: &str) -> String {
        let start = query[..self.span.start.min(query.len())].chars().count();
        let width = query
            .get(self.span.clone())
            .map_or(1, |s| s.chars().count().max(1));
        format!(
            "  {query}\n  {}{}\n{}",
            " ".repeat(start),
            "^".repeat(width),
            self.message
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
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

fn lex(q: &str) -> Result<Vec<(Tok, Span)>, ParseError> {
    let mut out = Vec::new();
    let b = q.as_bytes();
    let mut i = 0;
    while i < q.len() {
        let c = q[i..].chars().next().unwrap_or(' ');
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
                let Some(end) = q[i + 1..].find('"') else {
                    return Err(ParseError::new(
                        i..i + 1,
                        "unclosed quote opened here: end the phrase with \"",
                    ));
                };
                let text = q[i + 1..i + 1 + end].to_string();
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
                let start = i;
                let mut end = i;
                while end < q.len() {
                    let ch = q[end..].chars().next().unwrap_or(' ');
                    if is_word_end(ch) {
                        break;
                    }
                    end += ch.len_utf8();
                }
                let word = &q[start..end];
                lex_word(word, start, &mut out)?;
                i = end;
                continue;
            }
        }
        i += clen;
        let _ = b;
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
        .count();
    if ident_len > 0 {
        let rest = &word[ident_len..];
        let op = ["<=", ">=", ":", "=", "<", ">"]
            .into_iter()
            .find(|op| rest.starts_with(op));
        if let Some(op) = op {
            let code = &word[..ident_len];
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
            let value = &word[ident_len + op.len()..];
            if !value.is_empty() {
                lex_word_value(value, op_end, out)?;
            }
            return Ok(());
        }
    }
    lex_word_value(word, span.start, out)
}

fn lex_word_value(word: &str, start: usize, out: &mut Vec<(Tok, Span)>) -> Result<(), ParseError> {
    if let Some(caret) = word.find('^') {
        if caret > 0 {
            lex_word_value(&word[..caret], start, out)?;
        }
        let mut at = start + caret;
        for part in word[caret + 1..].split('^') {
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
            let n: u32 = w[1..].parse().map_err(|_| {
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

/// Parse a date as written in a query: `2015`, `2015-06`, `2015-06-30`, `20150630`.
pub fn parse_date_value(s: &str) -> Option<DateValue> {
    let t = s.trim();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let (first, len) = match (t.len(), digits) {
        (4, 4) => (Date::new(t.parse().ok()?, 1, 1)?, 4),
        (7, 6) if t.as_bytes()[4] == b'-' => (
            Date::new(t[..4].parse().ok()?, t[5..7].parse().ok()?, 1)?,
            7,
        ),
        _ => (Date::parse(t).ok()?, 10),
    };
    let last = match len {
        4 => Date::new(first.year, 12, 31)?,
        7 => {
            let next = if first.month == 12 {
                Date::new(first.year + 1, 1, 1)?
            } else {
                Date::new(first.year, first.month + 1, 1)?
            };
            Date::from_days_since_epoch(next.days_since_epoch() - 1)
        }
        _ => first,
    };
    Some(DateValue {
        first,
        last,
        text_len: len,
    })
}

struct Parser<'q> {
    toks: Vec<(Tok, Span)>,
    pos: usize,
    len: usize,
    _q: &'q str,
}

/// Parse a search strategy.
pub fn parse(q: &str) -> Result<Ast, ParseError> {
    let toks = lex(q)?;
    if toks.is_empty() {
        return Err(ParseError::new(
            0..q.len().max(1),
            "the query is empty: type some words",
        ));
    }
    let mut p = Parser {
        toks,
        pos: 0,
        len: q.len(),
        _q: q,
    };
    let ast = p.or()?;
    if let Some((t, span)) = p.peek() {
        let msg = match t {
            Tok::RParen => "unbalanced parenthesis: nothing to close here".to_string(),
            Tok::RBracket => "`]` without a date range opened with `[`".to_string(),
            _ => "unexpected text here".to_string(),
        };
        return Err(ParseError::new(span.clone(), msg));
    }
    Ok(ast)
}

impl Parser<'_> {
    fn peek(&self) -> Option<&(Tok, Span)> {
        self.toks.get(self.pos)
    }

    fn next(&mut self) -> Option<(Tok, Span)> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn end_span(&self) -> Span {
        self.len.saturating_sub(1)..self.len.max(1)
    }

    fn or(&mut self) -> Result<Ast, ParseError> {
        let mut items = vec![self.and()?];
        while matches!(self.peek(), Some((Tok::Or, _))) {
            let (_, span) = self.next().unwrap_or((Tok::Or, 0..0));
            if self.at_operand_end() {
                return Err(ParseError::new(span, "OR needs a term on each side"));
            }
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Ast::Or(items)
        })
    }

    fn at_operand_end(&self) -> bool {
        matches!(
            self.peek(),
            None | Some((Tok::RParen | Tok::Or | Tok::And, _))
        )
    }

    fn starts_operand(&self) -> bool {
        matches!(
            self.peek(),
            Some((
                Tok::Word(_)
                    | Tok::Phrase(_)
                    | Tok::LParen
                    | Tok::Field(..)
                    | Tok::Hash(_)
                    | Tok::Not,
                _
            ))
        )
    }

    fn and(&mut self) -> Result<Ast, ParseError> {
        let mut items = vec![self.not()?];
        loop {
            match self.peek() {
                Some((Tok::And, span)) => {
                    let span = span.clone();
                    self.pos += 1;
                    if self.at_operand_end() {
                        return Err(ParseError::new(span, "AND needs a term on each side"));
                    }
                    items.push(self.not()?);
                }
                _ if self.starts_operand() => items.push(self.not()?),
                _ => break,
            }
        }
        Ok(if items.len() == 1 {
            items.remove(0)
        } else {
            Ast::And(items)
        })
    }

    fn not(&mut self) -> Result<Ast, ParseError> {
        let mut node = if matches!(self.peek(), Some((Tok::Not, _))) {
            let (_, span) = self.next().unwrap_or((Tok::Not, 0..0));
            if self.at_operand_end() {
                return Err(ParseError::new(span, "NOT needs a term after it"));
            }
            Ast::Not {
                left: None,
                right: Box::new(self.prox()?),
            }
        } else {
            self.prox()?
        };
        while matches!(self.peek(), Some((Tok::Not, _))) {
            let (_, span) = self.next().unwrap_or((Tok::Not, 0..0));
            if self.at_operand_end() {
                return Err(ParseError::new(span, "NOT needs a term after it"));
            }
            node = Ast::Not {
                left: Some(Box::new(node)),
                right: Box::new(self.prox()?),
            };
        }
        Ok(node)
    }

    fn prox(&mut self) -> Result<Ast, ParseError> {
        let mut left = self.primary()?;
        while let Some((Tok::Prox(op), span)) = self.peek().cloned() {
            self.pos += 1;
            check_prox_operand(&left)?;
            if self.at_operand_end() {
                return Err(ParseError::new(
                    span,
                    "a proximity operator needs a term on each side",
                ));
            }
            let right = self.primary()?;
            check_prox_operand(&right)?;
            let full = span_of(&left).start.min(span.start)..span_of(&right).end.max(span.end);
            left = Ast::Prox {
                op,
                left: Box::new(left),
                right: Box::new(right),
                span: full,
            };
        }
        Ok(left)
    }

    fn primary(&mut self) -> Result<Ast, ParseError> {
        let mut node = self.atom()?;
        while let Some((Tok::Boost(factor), span)) = self.peek().cloned() {
            self.pos += 1;
            let start = span_of(&node).start;
            node = Ast::Boost {
                expr: Box::new(node),
                factor,
                span: start..span.end,
            };
        }
        Ok(node)
    }

    fn atom(&mut self) -> Result<Ast, ParseError> {
        let Some((tok, span)) = self.next() else {
            return Err(ParseError::new(
                self.end_span(),
                "the query ends where a term was expected",
            ));
        };
        match tok {
            Tok::LParen => {
                if matches!(self.peek(), Some((Tok::RParen, _))) {
                    return Err(ParseError::new(span, "empty parentheses: put terms inside"));
                }
                let inner = self.or()?;
                match self.next() {
                    Some((Tok::RParen, _)) => Ok(inner),
                    _ => Err(ParseError::new(
                        span,
                        "unbalanced parenthesis opened here: close it with )",
                    )),
                }
            }
            Tok::Word(w) => Ok(Ast::Word { text: w, span }),
            Tok::Phrase(p) => Ok(Ast::Phrase { text: p, span }),
            Tok::Hash(n) => Ok(Ast::History { n, span }),
            Tok::Field(code, op) => self.field(code, op, span),
            Tok::RParen => Err(ParseError::new(
                span,
                "unbalanced parenthesis: nothing to close here",
            )),
            Tok::And | Tok::Or => Err(ParseError::new(
                span,
                "this operator needs a term before it",
            )),
            Tok::Prox(_) => Err(ParseError::new(
                span,
                "a proximity operator needs a term on each side",
            )),
            Tok::Not => Err(ParseError::new(span, "NOT needs a term after it")),
            Tok::Boost(_) => Err(ParseError::new(
                span,
                "a weight follows the word, phrase or group it weighs, e.g. solar^2 or (pump OR motor)^1.5",
            )),
            Tok::To => Err(ParseError::new(
                span,
                "TO belongs in a date range, e.g. pd:[2010 TO 2015]",
            )),
            Tok::LBracket | Tok::RBracket => Err(ParseError::new(
                span,
                "brackets belong to date ranges, e.g. pd:[2010-01-01 TO 2015-12-31]",
            )),
        }
    }

    fn date_at(&mut self, code: &str) -> Result<(DateValue, Span), ParseError> {
        match self.next() {
            Some((Tok::Word(w), span)) => parse_date_value(&w)
                .map(|d| (d, span.clone()))
                .ok_or_else(|| {
                    ParseError::new(
                        span,
                        format!("`{w}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
                    )
                }),
            Some((_, span)) => Err(ParseError::new(
                span,
                format!("{code} needs a date here, e.g. 2015-06-30"),
            )),
            None => Err(ParseError::new(
                self.end_span(),
                format!("{code} needs a date, e.g. {code}<2015"),
            )),
        }
    }

    fn field(&mut self, code: String, op: String, span: Span) -> Result<Ast, ParseError> {
        if fields::is_date(&code) {
            let incl = op.ends_with('=') && op.len() == 2;
            return match op.as_str() {
                "<" | "<=" => {
                    let (d, s) = self.date_at(&code)?;
                    Ok(Ast::DateRange {
                        code,
                        from: None,
                        to: Some((d, incl)),
                        span: span.start..s.end,
                    })
                }
                ">" | ">=" => {
                    let (d, s) = self.date_at(&code)?;
                    Ok(Ast::DateRange {
                        code,
                        from: Some((d, incl)),
                        to: None,
                        span: span.start..s.end,
                    })
                }
                _ => {
                    if matches!(self.peek(), Some((Tok::LBracket, _))) {
                        let (_, open) = self.next().unwrap_or((Tok::LBracket, 0..0));
                        let (a, _) = self.date_at(&code)?;
                        match self.next() {
                            Some((Tok::To, _)) => {}
                            Some((_, s)) => {
                                return Err(ParseError::new(
                                    s,
                                    "a date range is [FROM TO UNTIL], e.g. [2010 TO 2015]",
                                ))
                            }
                            None => {
                                return Err(ParseError::new(
                                    open,
                                    "date range opened here is not finished",
                                ))
                            }
                        }
                        let (b, _) = self.date_at(&code)?;
                        let close = match self.next() {
                            Some((Tok::RBracket, s)) => s,
                            _ => {
                                return Err(ParseError::new(
                                    open,
                                    "date range opened here: close it with ]",
                                ))
                            }
                        };
                        if b.last < a.first {
                            return Err(ParseError::new(
                                span.start..close.end,
                                "the range ends before it starts",
                            ));
                        }
                        Ok(Ast::DateRange {
                            code,
                            from: Some((a, true)),
                            to: Some((b, true)),
                            span: span.start..close.end,
                        })
                    } else {
                        let (d, s) = self.date_at(&code)?;
                        Ok(Ast::DateRange {
                            code,
                            from: Some((d, true)),
                            to: Some((d, true)),
                            span: span.start..s.end,
                        })
                    }
                }
            };
        }
        if op != ":" && op != "=" {
            return Err(ParseError::new(
                span,
                format!("`{op}` compares dates: use it with pd, ad or pr"),
            ));
        }
        if self.peek().is_none() {
            return Err(ParseError::new(
                span,
                format!("`{code}:` needs something to search for"),
            ));
        }
        let expr = self.primary()?;
        let end = span_of(&expr).end.max(span.end);
        Ok(Ast::Field {
            code,
            expr: Box::new(expr),
            span: span.start..end,
        })
    }
}

/// The span an AST node covers (approximate for groups).
pub fn span_of(a: &Ast) -> Span {
    match a {
        Ast::Word { span, .. }
        | Ast::Phrase { span, .. }
        | Ast::Field { span, .. }
        | Ast::DateRange { span, .. }
        | Ast::Prox { span, .. }
        | Ast::History { span, .. }
        | Ast::Boost { span, .. } => span.clone(),
        Ast::And(v) | Ast::Or(v) => {
            let s = v.first().map(span_of).unwrap_or(0..0);
            let e = v.last().map(span_of).unwrap_or(0..0);
            s.start..e.end
        }
        Ast::Not { left, right } => {
            let r = span_of(right);
            let s = left.as_ref().map_or(r.start, |l| span_of(l).start);
            s..r.end
        }
    }
}

fn check_prox_operand(a: &Ast) -> Result<(), ParseError> {
    match a {
        Ast::Word { .. } | Ast::Phrase { .. } => Ok(()),
        Ast::Prox { left, right, .. } => {
            check_prox_operand(left)?;
            check_prox_operand(right)
        }
        Ast::Or(items) => items.iter().try_for_each(check_prox_operand),
        Ast::Field { code, span, .. } => Err(ParseError::new(
            span.clone(),
            format!("put the field code around the whole proximity: {code}:(a NEAR/3 b)"),
        )),
        Ast::Boost { span, .. } => Err(ParseError::new(
            span.clone(),
            "weigh the whole proximity, not one side of it: (a NEAR/3 b)^2",
        )),
        other => Err(ParseError::new(
            span_of(other),
            "proximity works between words, phrases, truncated words and OR-groups, not AND/NOT groups or dates",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> String {
        parse(q)
            .map(|a| a.to_query())
            .unwrap_or_else(|e| format!("ERR {}", e.message))
    }

    #[test]
    fn weights_bind_to_the_term_or_group_before_them() {
        assert_eq!(p("solar^2 pump"), "solar^2 AND pump");
        assert_eq!(p("(pump OR motor)^1.5"), "(pump OR motor)^1.5");
        assert_eq!(
            p("\"drip irrigation\"^3 OR well"),
            "\"drip irrigation\"^3 OR well"
        );
        assert_eq!(p("ti:solar^2"), "ti:(solar^2)");
        assert_eq!(p("(ti:solar)^2"), "(ti:solar)^2");
        assert_eq!(p("(a NEAR/3 b)^2"), "(a NEAR/3 b)^2");
        assert_eq!(p("solar^2^3"), "solar^2^3");
        for q in [
            "solar^2 pump",
            "(pump OR motor)^1.5",
            "ti:solar^2",
            "(ti:solar)^2",
        ] {
            let a = parse(q).unwrap();
            assert_eq!(
                parse(&a.to_query()).unwrap().without_spans(),
                a.without_spans()
            );
        }
        assert!(
            p("solar^x").contains("a weight is ^ and a number"),
            "{}",
            p("solar^x")
        );
        assert!(p("solar^0").contains("more than 0"));
        assert!(p("solar^").contains("a weight is ^ and a number"));
        assert!(p("^2 solar").contains("a weight follows"));
        assert!(p("a^2 NEAR/3 b").contains("weigh the whole proximity"));
        let e = parse("pump AND solar^x").unwrap_err();
        assert_eq!(e.span, 14..16);
    }

    #[test]
    fn precedence_is_prox_not_and_or() {
        assert_eq!(p("a OR b AND c"), "a OR (b AND c)");
        assert_eq!(p("a b NOT c"), "a AND (b NOT c)");
        assert_eq!(p("a NEAR/3 b OR c"), "(a NEAR/3 b) OR c");
        assert_eq!(
            p("(pump* OR compressor) NEAR/5 (solar OR photovoltaic)"),
            "(pump* OR compressor) NEAR/5 (solar OR photovoltaic)"
        );
        assert_eq!(p("NOT a"), "NOT a");
        assert_eq!(p("solar and pump"), "solar AND and AND pump");
    }

    #[test]
    fn fields_dates_and_history() {
        assert_eq!(p("ti:(solar AND pump*)"), "ti:(solar AND pump*)");
        assert_eq!(p("ti=solar"), "ti:solar");
        assert_eq!(
            p("pd:[2010-01-01 TO 2015-12-31]"),
            "pd:[2010-01-01 TO 2015-12-31]"
        );
        assert_eq!(p("pd<2015"), "pd<2015");
        assert_eq!(p("pr<=2012-06-30"), "pr<=2012-06-30");
        assert_eq!(p("#1 AND #3 NOT #2"), "#1 AND (#3 NOT #2)");
        assert_eq!(
            p("cl_fr:(conservateur NEAR/3 respiration)"),
            "cl_fr:(conservateur NEAR/3 respiration)"
        );
        assert_eq!(p("pn:\"US 7,640,932 B2\""), "pn:\"US 7,640,932 B2\"");
    }

    #[test]
    fn errors_point_at_the_problem_and_teach() {
        let e = parse("(solar AND pump").unwrap_err();
        assert_eq!(e.span, 0..1);
        assert!(e.message.contains("unbalanced parenthesis opened here"));
        let e = parse("solar NEAR pump").unwrap_err();
        assert!(e.message.contains("NEAR needs a distance, e.g. NEAR/5"));
        let e = parse("tl:solar").unwrap_err();
        assert_eq!(e.message, "unknown field code `tl` — did you mean `ti`?");
        assert_eq!(e.span, 0..2);
        assert!(parse("a NEAR/0 b").is_err());
        assert!(parse("a NEAR/101 b").is_err());
        assert!(parse("\"open").is_err());
        assert!(parse("a AND").is_err());
        assert!(parse("(a AND b) NEAR/2 c").is_err());
        assert!(parse("pd<20x5").is_err());
        assert!(parse("ti<2015").is_err());
        let r = parse("solar NEAR pump")
            .unwrap_err()
            .render("solar NEAR pump");
        assert!(r.contains("\n        ^^^^\n"), "{r}");
    }

    #[test]
    fn date_values_cover_their_period() {
        let d = parse_date_value("2015").unwrap();
        assert_eq!(
            (d.first.to_string(), d.last.to_string()),
            ("2015-01-01".into(), "2015-12-31".into())
        );
        let d = parse_date_value("2016-02").unwrap();
        assert_eq!(d.last.to_string(), "2016-02-29");
        assert!(parse_date_value("2015-13").is_none());
    }
}
