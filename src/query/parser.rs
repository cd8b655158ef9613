//! Recursive-descent parser for search strategies (the words and operators come from `lex`).
//!
//! Precedence, tightest first: proximity (`NEAR/n`, `ADJ/n`, `SAME`), `NOT`, `AND` (also
//! implicit between adjacent terms), `OR`. Operators are upper-case; lower-case `and`, `or`,
//! `near` are ordinary words. Every error carries the byte span it is about and a hint.

use super::ast::{Ast, DateValue, Span};
use super::fields;
use super::lex::{lex, Tok};
use super::limits::{Limits, DEPTH_VAR, MAX_MAX_DEPTH};
use crate::model::Date;

/// A parse error: what went wrong, where, and what to try.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    pub span: Span,
    pub message: String,
}

impl ParseError {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> ParseError {
        ParseError {
            span,
            message: message.into(),
        }
    }

    /// The query with a caret line under the offending part, then the message.
    pub fn render(&self, query: &str) -> String {
        let (start, width) = caret(query, &self.span);
        format!(
            "  {query}\n  {}{}\n{}",
            " ".repeat(start),
            "^".repeat(width),
            self.message
        )
    }
}

/// Where the caret goes under `query` for `span`: characters before it and its width in
/// characters (at least one). Spans that do not fall on character boundaries are widened to
/// the characters they touch.
fn caret(query: &str, span: &Span) -> (usize, usize) {
    let mut start = 0;
    let mut width = 0;
    for (i, c) in query.char_indices() {
        let end = i + c.len_utf8();
        if end <= span.start {
            start += 1;
        } else if i < span.end.max(span.start + 1) {
            width += 1;
        }
    }
    (start, width.max(1))
}

/// Parse a date as written in a query: `2015`, `2015-06`, `2015-06-30`, `20150630`.
pub fn parse_date_value(s: &str) -> Option<DateValue> {
    let t = s.trim();
    let digits = t.chars().filter(char::is_ascii_digit).count();
    let (first, len) = match (t.len(), digits) {
        (4, 4) => (Date::new(t.parse().ok()?, 1, 1)?, 4),
        (7, 6) => {
            let (y, m) = t.split_once('-').filter(|(y, _)| y.len() == 4)?;
            (Date::new(y.parse().ok()?, m.parse().ok()?, 1)?, 7)
        }
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
            Date::from_days_since_epoch(next.days_since_epoch() - 1)?
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
    q: &'q str,
    /// Parentheses and field codes open around the current position.
    open: usize,
    max_depth: usize,
}

/// A parsed node and its depth: 0 for a term, one more than its deepest part for an
/// operator, a field code or a weight.
type Node = (Ast, usize);

/// Parse a search strategy under the limits of the environment (see [`Limits::from_env`]).
pub fn parse(q: &str) -> Result<Ast, ParseError> {
    let limits =
        Limits::from_env().map_err(|e| ParseError::new(0..q.len().max(1), e.to_string()))?;
    parse_with(q, &limits)
}

/// Parse a search strategy under the given limits.
pub fn parse_with(q: &str, limits: &Limits) -> Result<Ast, ParseError> {
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
        q,
        open: 0,
        max_depth: limits.max_depth,
    };
    let (ast, _) = p.or()?;
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

    /// The last character of the query (for errors about its end).
    fn end_span(&self) -> Span {
        match self.q.char_indices().next_back() {
            Some((i, c)) => i..i + c.len_utf8(),
            None => 0..self.len.max(1),
        }
    }

    fn too_deep(&self, span: Span) -> ParseError {
        ParseError::new(
            span,
            format!(
                "the query nests too deeply here: at most {} levels (each parenthesis, field code, \
                 operator over a group, and each link of a chain of NOT, NEAR/ADJ/SAME or weights \
                 adds one) — split it into history steps (#1, #2…) or simplify it; \
                 {DEPTH_VAR} raises the limit (up to {MAX_MAX_DEPTH})",
                self.max_depth
            ),
        )
    }

    /// A node over parts as deep as `below`, built at `span`: its depth, or an error there.
    fn over(&self, below: usize, span: Span) -> Result<usize, ParseError> {
        let depth = below + 1;
        if depth > self.max_depth {
            return Err(self.too_deep(span));
        }
        Ok(depth)
    }

    /// Open a parenthesis or field code at `span` (the parser recurses into it).
    fn enter(&mut self, span: Span) -> Result<(), ParseError> {
        if self.open >= self.max_depth {
            return Err(self.too_deep(span));
        }
        self.open += 1;
        Ok(())
    }

    fn or(&mut self) -> Result<Node, ParseError> {
        let (first, mut depth) = self.and()?;
        let mut items = vec![first];
        let mut op_span = None;
        while matches!(self.peek(), Some((Tok::Or, _))) {
            let (_, span) = self.next().unwrap_or((Tok::Or, 0..0));
            if self.at_operand_end() {
                return Err(ParseError::new(span, "OR needs a term on each side"));
            }
            let (item, d) = self.and()?;
            depth = depth.max(d);
            op_span.get_or_insert(span);
            items.push(item);
        }
        self.join(items, depth, op_span, Ast::Or)
    }

    /// One operand as it is, or the operands joined by `make` (one level deeper, judged at
    /// the first operator's span).
    fn join(
        &self,
        mut items: Vec<Ast>,
        depth: usize,
        op_span: Option<Span>,
        make: fn(Vec<Ast>) -> Ast,
    ) -> Result<Node, ParseError> {
        match op_span {
            None => Ok((items.remove(0), depth)),
            Some(span) => Ok((make(items), self.over(depth, span)?)),
        }
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

    fn and(&mut self) -> Result<Node, ParseError> {
        let (first, mut depth) = self.not()?;
        let mut items = vec![first];
        // The first AND, or the first term joined without one.
        let mut op_span = None;
        loop {
            let span = match self.peek() {
                Some((Tok::And, span)) => {
                    let span = span.clone();
                    self.pos += 1;
                    if self.at_operand_end() {
                        return Err(ParseError::new(span, "AND needs a term on each side"));
                    }
                    span
                }
                Some((_, span)) if self.starts_operand() => span.clone(),
                _ => break,
            };
            let (item, d) = self.not()?;
            depth = depth.max(d);
            op_span.get_or_insert(span);
            items.push(item);
        }
        self.join(items, depth, op_span, Ast::And)
    }

    fn not(&mut self) -> Result<Node, ParseError> {
        let (mut node, mut depth) = if matches!(self.peek(), Some((Tok::Not, _))) {
            let (_, span) = self.next().unwrap_or((Tok::Not, 0..0));
            if self.at_operand_end() {
                return Err(ParseError::new(span, "NOT needs a term after it"));
            }
            let (right, d) = self.prox()?;
            let depth = self.over(d, span)?;
            (
                Ast::Not {
                    left: None,
                    right: Box::new(right),
                },
                depth,
            )
        } else {
            self.prox()?
        };
        while matches!(self.peek(), Some((Tok::Not, _))) {
            let (_, span) = self.next().unwrap_or((Tok::Not, 0..0));
            if self.at_operand_end() {
                return Err(ParseError::new(span, "NOT needs a term after it"));
            }
            let (right, d) = self.prox()?;
            depth = self.over(depth.max(d), span)?;
            node = Ast::Not {
                left: Some(Box::new(node)),
                right: Box::new(right),
            };
        }
        Ok((node, depth))
    }

    fn prox(&mut self) -> Result<Node, ParseError> {
        let (mut left, mut depth) = self.primary()?;
        let mut checked = false;
        while let Some((Tok::Prox(op), span)) = self.peek().cloned() {
            self.pos += 1;
            // A chain's left side is the proximity built by the previous link, its parts
            // already checked.
            if !checked {
                check_prox_operand(&left)?;
                checked = true;
            }
            if self.at_operand_end() {
                return Err(ParseError::new(
                    span,
                    "a proximity operator needs a term on each side",
                ));
            }
            let (right, d) = self.primary()?;
            check_prox_operand(&right)?;
            depth = self.over(depth.max(d), span.clone())?;
            let full = span_of(&left).start.min(span.start)..span_of(&right).end.max(span.end);
            left = Ast::Prox {
                op,
                left: Box::new(left),
                right: Box::new(right),
                span: full,
            };
        }
        Ok((left, depth))
    }

    fn primary(&mut self) -> Result<Node, ParseError> {
        let (mut node, mut depth) = self.atom()?;
        while let Some((Tok::Boost(factor), span)) = self.peek().cloned() {
            self.pos += 1;
            depth = self.over(depth, span.clone())?;
            let start = span_of(&node).start;
            node = Ast::Boost {
                expr: Box::new(node),
                factor,
                span: start..span.end,
            };
        }
        Ok((node, depth))
    }

    fn atom(&mut self) -> Result<Node, ParseError> {
        let Some((tok, span)) = self.next() else {
            return Err(ParseError::new(
                self.end_span(),
                "the query ends where a term was expected",
            ));
        };
        match tok {
            Tok::LParen => self.group(span),
            Tok::Word(w) => Ok((Ast::Word { text: w, span }, 0)),
            Tok::Phrase(p) => Ok((Ast::Phrase { text: p, span }, 0)),
            Tok::Hash(n) => Ok((Ast::History { n, span }, 0)),
            Tok::Field(code, op) => self.field(code, op, span),
            other => Err(misplaced(other, span)),
        }
    }

    /// `( … )`: the group inside (its own frame, kept small: the parser recurses here).
    fn group(&mut self, span: Span) -> Result<Node, ParseError> {
        if matches!(self.peek(), Some((Tok::RParen, _))) {
            return Err(ParseError::new(span, "empty parentheses: put terms inside"));
        }
        self.enter(span.clone())?;
        let inner = self.or()?;
        self.open -= 1;
        match self.next() {
            Some((Tok::RParen, _)) => Ok(inner),
            _ => Err(ParseError::new(
                span,
                "unbalanced parenthesis opened here: close it with )",
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

    fn field(&mut self, code: String, op: String, span: Span) -> Result<Node, ParseError> {
        if fields::is_date(&code) {
            return self.date_field(code, op, span).map(|a| (a, 0));
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
        // `ti:(…)` opens one level, counted at its parenthesis.
        let bare = !matches!(self.peek(), Some((Tok::LParen, _)));
        if bare {
            self.enter(span.clone())?;
        }
        let (expr, d) = self.primary()?;
        if bare {
            self.open -= 1;
        }
        let depth = self.over(d, span.clone())?;
        let end = span_of(&expr).end.max(span.end);
        Ok((
            Ast::Field {
                code,
                expr: Box::new(expr),
                span: span.start..end,
            },
            depth,
        ))
    }

    fn date_field(&mut self, code: String, op: String, span: Span) -> Result<Ast, ParseError> {
        let incl = op.ends_with('=') && op.len() == 2;
        match op.as_str() {
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
        }
    }
}

/// The error for a token where a term should start (kept out of the parser's recursive
/// frames).
#[cold]
#[inline(never)]
fn misplaced(tok: Tok, span: Span) -> ParseError {
    match tok {
        Tok::RParen => ParseError::new(
            span,
            "unbalanced parenthesis: nothing to close here",
        ),
        Tok::And | Tok::Or => ParseError::new(
            span,
            "this operator needs a term before it",
        ),
        Tok::Prox(_) => ParseError::new(
            span,
            "a proximity operator needs a term on each side",
        ),
        Tok::Not => ParseError::new(span, "NOT needs a term after it"),
        Tok::Boost(_) => ParseError::new(
            span,
            "a weight follows the word, phrase or group it weighs, e.g. solar^2 or (pump OR motor)^1.5",
        ),
        Tok::To => ParseError::new(
            span,
            "TO belongs in a date range, e.g. pd:[2010 TO 2015]",
        ),
        Tok::LBracket | Tok::RBracket => ParseError::new(
            span,
            "brackets belong to date ranges, e.g. pd:[2010-01-01 TO 2015-12-31]",
        ),
        Tok::LParen | Tok::Word(_) | Tok::Phrase(_) | Tok::Hash(_) | Tok::Field(..) => {
            ParseError::new(span, "unexpected text here")
        }
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
    fn text_words_leave_out_negated_words_and_non_text_fields() {
        let a = parse(
            "ti:(solar pump*)^2 AND \"drip line\" NOT wind AND ipc:A01G AND pd<2015 AND pa:diallo",
        )
        .unwrap();
        assert_eq!(a.text_words(), ["solar", "pump*", "drip", "line", "diallo"]);
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
