//! The parsed form of a search strategy.

use crate::model::Date;
use std::fmt;

/// A byte range in the query text, for error carets and explain output.
pub type Span = std::ops::Range<usize>;

/// Proximity operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prox {
    /// Either order, word positions differ by at most n.
    Near(u32),
    /// Left before right, positions differ by at most n.
    Adj(u32),
    /// In the same claim, paragraph, title or abstract.
    Same,
}

/// Comparison operators for dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
}

impl Cmp {
    pub fn as_str(self) -> &'static str {
        match self {
            Cmp::Lt => "<",
            Cmp::Le => "<=",
            Cmp::Gt => ">",
            Cmp::Ge => ">=",
            Cmp::Eq => ":",
        }
    }
}

/// A date as written: a year, a year and month, or a full date. Comparisons use the whole
/// period (`pd<2015` is before 2015-01-01, `pd<=2015` up to 2015-12-31).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateValue {
    pub first: Date,
    pub last: Date,
    pub text_len: u8,
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.text_len {
            4 => write!(f, "{:04}", self.first.year),
            7 => write!(f, "{:04}-{:02}", self.first.year, self.first.month),
            _ => write!(f, "{}", self.first),
        }
    }
}

/// A node of the query tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    /// A word; may contain `*` (any suffix or prefix) and `?` (one character).
    Word {
        text: String,
        span: Span,
    },
    /// A quoted phrase (its words, in order).
    Phrase {
        text: String,
        span: Span,
    },
    /// Field scope: `ti:(…)`, `ti=…`.
    Field {
        code: String,
        expr: Box<Ast>,
        span: Span,
    },
    /// A date comparison or range on a date field.
    DateRange {
        code: String,
        from: Option<(DateValue, bool)>,
        to: Option<(DateValue, bool)>,
        span: Span,
    },
    And(Vec<Ast>),
    Or(Vec<Ast>),
    /// `left NOT right`; `left` is `None` for a leading `NOT`.
    Not {
        left: Option<Box<Ast>>,
        right: Box<Ast>,
    },
    Prox {
        op: Prox,
        left: Box<Ast>,
        right: Box<Ast>,
        span: Span,
    },
    /// A reference to a history entry: `#3`.
    History {
        n: u32,
        span: Span,
    },
    /// A weight on a term or group: `solar^2.5` counts its score 2.5 times. Weights change
    /// the order of hits, never which documents match.
    Boost {
        expr: Box<Ast>,
        factor: f32,
        span: Span,
    },
}

fn needs_quotes(w: &str) -> bool {
    w.is_empty()
        || w.chars()
            .any(|c| c.is_whitespace() || "()[]\"#:=<>^".contains(c))
        || matches!(w, "AND" | "OR" | "NOT" | "SAME" | "TO")
        || w.starts_with("NEAR/")
        || w.starts_with("ADJ/")
}

impl Ast {
    /// Print the tree as query text with every group parenthesised, so that precedence is
    /// visible and the text parses back to the same tree.
    pub fn to_query(&self) -> String {
        let mut s = String::new();
        self.write(&mut s, true);
        s
    }

    fn write(&self, out: &mut String, top: bool) {
        match self {
            Ast::Word { text, .. } => out.push_str(text),
            Ast::Phrase { text, .. } => {
                out.push('"');
                out.push_str(&text.replace('"', ""));
                out.push('"');
            }
            Ast::Field { code, expr, .. } => {
                out.push_str(code);
                out.push(':');
                match expr.as_ref() {
                    Ast::Word { .. } | Ast::Phrase { .. } => expr.write(out, false),
                    _ => {
                        out.push('(');
                        expr.write(out, true);
                        out.push(')');
                    }
                }
            }
            Ast::DateRange { code, from, to, .. } => match (from, to) {
                (Some((a, true)), Some((b, true))) if a == b => {
                    out.push_str(&format!("{code}:{a}"))
                }
                (Some((a, true)), Some((b, true))) => {
                    out.push_str(&format!("{code}:[{a} TO {b}]"));
                }
                (Some((a, inc)), None) => {
                    out.push_str(&format!("{code}{}{a}", if *inc { ">=" } else { ">" }))
                }
                (None, Some((b, inc))) => {
                    out.push_str(&format!("{code}{}{b}", if *inc { "<=" } else { "<" }))
                }
                (Some((a, ia)), Some((b, ib))) => out.push_str(&format!(
                    "({code}{}{a} AND {code}{}{b})",
                    if *ia { ">=" } else { ">" },
                    if *ib { "<=" } else { "<" }
                )),
                (None, None) => out.push_str(&format!("{code}:[* TO *]")),
            },
            Ast::And(items) | Ast::Or(items) => {
                let op = if matches!(self, Ast::And(_)) {
                    " AND "
                } else {
                    " OR "
                };
                if !top {
                    out.push('(');
                }
                for (i, it) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(op);
                    }
                    it.write(out, false);
                }
                if !top {
                    out.push(')');
                }
            }
            Ast::Not { left, right } => {
                if !top {
                    out.push('(');
                }
                if let Some(l) = left {
                    l.write(out, false);
                    out.push(' ');
                }
                out.push_str("NOT ");
                right.write(out, false);
                if !top {
                    out.push(')');
                }
            }
            Ast::Prox {
                op, left, right, ..
            } => {
                if !top {
                    out.push('(');
                }
                left.write(out, false);
                match op {
                    Prox::Near(n) => out.push_str(&format!(" NEAR/{n} ")),
                    Prox::Adj(n) => out.push_str(&format!(" ADJ/{n} ")),
                    Prox::Same => out.push_str(" SAME "),
                }
                right.write(out, false);
                if !top {
                    out.push(')');
                }
            }
            Ast::History { n, .. } => out.push_str(&format!("#{n}")),
            Ast::Boost { expr, factor, .. } => {
                match expr.as_ref() {
                    Ast::Field { .. } | Ast::DateRange { .. } => {
                        out.push('(');
                        expr.write(out, true);
                        out.push(')');
                    }
                    _ => expr.write(out, false),
                }
                out.push_str(&format!("^{factor}"));
            }
        }
    }

    /// The same tree with spans cleared (for comparing trees parsed from different text).
    pub fn without_spans(&self) -> Ast {
        match self {
            Ast::Word { text, .. } => Ast::Word {
                text: text.clone(),
                span: 0..0,
            },
            Ast::Phrase { text, .. } => Ast::Phrase {
                text: text.clone(),
                span: 0..0,
            },
            Ast::Field { code, expr, .. } => Ast::Field {
                code: code.clone(),
                expr: Box::new(expr.without_spans()),
                span: 0..0,
            },
            Ast::DateRange { code, from, to, .. } => Ast::DateRange {
                code: code.clone(),
                from: *from,
                to: *to,
                span: 0..0,
            },
            Ast::And(v) => Ast::And(v.iter().map(Ast::without_spans).collect()),
            Ast::Or(v) => Ast::Or(v.iter().map(Ast::without_spans).collect()),
            Ast::Not { left, right } => Ast::Not {
                left: left.as_ref().map(|l| Box::new(l.without_spans())),
                right: Box::new(right.without_spans()),
            },
            Ast::Prox {
                op, left, right, ..
            } => Ast::Prox {
                op: *op,
                left: Box::new(left.without_spans()),
                right: Box::new(right.without_spans()),
                span: 0..0,
            },
            Ast::History { n, .. } => Ast::History { n: *n, span: 0..0 },
            Ast::Boost { expr, factor, .. } => Ast::Boost {
                expr: Box::new(expr.without_spans()),
                factor: *factor,
                span: 0..0,
            },
        }
    }

    /// The words a hit may contain in its text: words, and the words of phrases, in text and
    /// name fields (truncated words as written, `pump*`), in query order. Words under `NOT`,
    /// and classification, numbers, dates and codes, are left out. For highlighting.
    pub fn text_words(&self) -> Vec<String> {
        let mut out = Vec::new();
        self.collect_text_words(&mut out);
        out
    }

    fn collect_text_words(&self, out: &mut Vec<String>) {
        match self {
            Ast::Word { text, .. } => out.push(text.clone()),
            Ast::Phrase { text, .. } => out.extend(text.split_whitespace().map(str::to_string)),
            Ast::Field { code, expr, .. } => {
                if matches!(
                    super::fields::lookup(code),
                    Some(super::fields::FieldKind::Text { .. } | super::fields::FieldKind::Name(_))
                ) {
                    expr.collect_text_words(out);
                }
            }
            Ast::And(items) | Ast::Or(items) => {
                items.iter().for_each(|a| a.collect_text_words(out))
            }
            Ast::Not { left, .. } => {
                if let Some(l) = left {
                    l.collect_text_words(out);
                }
            }
            Ast::Prox { left, right, .. } => {
                left.collect_text_words(out);
                right.collect_text_words(out);
            }
            Ast::Boost { expr, .. } => expr.collect_text_words(out),
            Ast::DateRange { .. } | Ast::History { .. } => {}
        }
    }

    /// Whether a word would need quoting to print back as one word.
    pub fn word_needs_quotes(w: &str) -> bool {
        needs_quotes(w)
    }

    /// The history sets (`#n`) the tree refers to, in query order, each once.
    pub fn set_references(&self) -> Vec<u32> {
        let mut out = Vec::new();
        self.collect_set_references(&mut out);
        out
    }

    fn collect_set_references(&self, out: &mut Vec<u32>) {
        match self {
            Ast::History { n, .. } => {
                if !out.contains(n) {
                    out.push(*n);
                }
            }
            Ast::Field { expr, .. } | Ast::Boost { expr, .. } => expr.collect_set_references(out),
            Ast::And(items) | Ast::Or(items) => {
                items.iter().for_each(|a| a.collect_set_references(out))
            }
            Ast::Not { left, right } => {
                if let Some(l) = left {
                    l.collect_set_references(out);
                }
                right.collect_set_references(out);
            }
            Ast::Prox { left, right, .. } => {
                left.collect_set_references(out);
                right.collect_set_references(out);
            }
            Ast::Word { .. } | Ast::Phrase { .. } | Ast::DateRange { .. } => {}
        }
    }

    /// [`Ast::text_words`] of this tree and of every history set it contains: each `#n`
    /// (outside `NOT`) is replaced by the words of strategy `n`'s query, looked up with
    /// `history` and parsed, recursively. A set met twice (or a cycle) is expanded once; a set
    /// that cannot be found or parsed adds nothing.
    pub fn text_words_with(&self, history: &dyn Fn(u32) -> Option<String>) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        self.collect_words_with(history, &mut seen, &mut out);
        let mut unique: Vec<String> = Vec::with_capacity(out.len());
        for w in out {
            if !unique.contains(&w) {
                unique.push(w);
            }
        }
        unique
    }

    fn collect_words_with(
        &self,
        history: &dyn Fn(u32) -> Option<String>,
        seen: &mut Vec<u32>,
        out: &mut Vec<String>,
    ) {
        match self {
            Ast::History { n, .. } => {
                if seen.contains(n) {
                    return;
                }
                seen.push(*n);
                if let Some(tree) = history(*n).and_then(|q| super::parse(&q).ok()) {
                    tree.collect_words_with(history, seen, out);
                }
            }
            Ast::Field { code, expr, .. } => {
                if matches!(
                    super::fields::lookup(code),
                    Some(super::fields::FieldKind::Text { .. } | super::fields::FieldKind::Name(_))
                ) {
                    expr.collect_words_with(history, seen, out);
                }
            }
            Ast::And(items) | Ast::Or(items) => items
                .iter()
                .for_each(|a| a.collect_words_with(history, seen, out)),
            Ast::Not { left, .. } => {
                if let Some(l) = left {
                    l.collect_words_with(history, seen, out);
                }
            }
            Ast::Prox { left, right, .. } => {
                left.collect_words_with(history, seen, out);
                right.collect_words_with(history, seen, out);
            }
            Ast::Boost { expr, .. } => expr.collect_words_with(history, seen, out),
            Ast::Word { text, .. } => out.push(text.clone()),
            Ast::Phrase { text, .. } => out.extend(text.split_whitespace().map(str::to_string)),
            Ast::DateRange { .. } => {}
        }
    }
}
