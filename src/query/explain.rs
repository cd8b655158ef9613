//! `explain`: the parsed tree with precedence made visible, truncation expansions,
//! classification rules and titles, and the lowered tantivy query — so a trainer can show
//! what the engine does with a strategy.

use super::ast::{Ast, Prox};
use super::fields::{self, FieldKind};
use super::lower::Lowering;
use crate::model::ClassCode;
use crate::resources::IpcTitles;
use std::fmt::Write as _;

fn label(a: &Ast) -> String {
    match a {
        Ast::Word { text, .. } if text.contains(['*', '?']) => format!("truncated word {text}"),
        Ast::Word { text, .. } => format!("word {text}"),
        Ast::Phrase { text, .. } => format!("phrase \"{text}\""),
        Ast::Field { code, .. } => {
            let desc = fields::CODES
                .iter()
                .find(|(c, _)| *c == code.as_str())
                .map_or_else(
                    || match fields::lookup(code) {
                        Some(FieldKind::Text {
                            codes,
                            lang: Some(l),
                        }) => {
                            format!(
                                "{} in {} only",
                                codes
                                    .iter()
                                    .map(|c| c.code())
                                    .collect::<Vec<_>>()
                                    .join(", "),
                                l.code()
                            )
                        }
                        _ => String::new(),
                    },
                    |(_, d)| d.to_string(),
                );
            format!("field {code} ({desc})")
        }
        Ast::DateRange { .. } => format!("date {}", a.to_query()),
        Ast::And(_) => "AND (all of)".into(),
        Ast::Or(_) => "OR (any of)".into(),
        Ast::Not { left: Some(_), .. } => "NOT (first, but not second)".into(),
        Ast::Not { left: None, .. } => "NOT (every document but)".into(),
        Ast::Prox {
            op: Prox::Near(n), ..
        } => format!("NEAR/{n} (either order, at most {n} words apart)"),
        Ast::Prox {
            op: Prox::Adj(n), ..
        } => format!("ADJ/{n} (in this order, at most {n} words apart)"),
        Ast::Prox { op: Prox::Same, .. } => {
            "SAME (in the same claim, paragraph, title or abstract)".into()
        }
        Ast::History { n, .. } => format!("history #{n}"),
        Ast::Boost { factor, .. } => format!("weight ×{factor} (changes the order, not the hits)"),
    }
}

fn children(a: &Ast) -> Vec<&Ast> {
    match a {
        Ast::Field { expr, .. } => vec![expr],
        Ast::And(v) | Ast::Or(v) => v.iter().collect(),
        Ast::Not { left, right } => left
            .iter()
            .map(|b| b.as_ref())
            .chain(std::iter::once(right.as_ref()))
            .collect(),
        Ast::Prox { left, right, .. } => vec![left, right],
        Ast::Boost { expr, .. } => vec![expr],
        _ => Vec::new(),
    }
}

fn tree(a: &Ast, prefix: &str, last: bool, top: bool, out: &mut String) {
    let (branch, next) = if top {
        ("", "")
    } else if last {
        ("└─ ", "   ")
    } else {
        ("├─ ", "│  ")
    };
    let _ = writeln!(out, "  {prefix}{branch}{}", label(a));
    let kids = children(a);
    let p = format!("{prefix}{next}");
    for (i, k) in kids.iter().enumerate() {
        tree(k, &p, i + 1 == kids.len(), false, out);
    }
}

/// Whether a strategy names IPC symbols, so that the IPC titles are worth loading for it.
pub fn mentions_ipc(ast: &Ast) -> bool {
    let mut symbols = Vec::new();
    class_symbols(ast, None, &mut symbols);
    symbols.iter().any(|(scheme, _)| scheme == "ipc")
}

/// The classification symbols a strategy names, as (`ipc`|`cpc`, symbol) in order, with a
/// truncation's `*` removed (`ipc:F04B*` names `F04B`).
pub fn classification_symbols(ast: &Ast) -> Vec<(String, String)> {
    let mut symbols = Vec::new();
    class_symbols(ast, None, &mut symbols);
    symbols
}

fn class_symbols(a: &Ast, code_in_scope: Option<&str>, out: &mut Vec<(String, String)>) {
    match a {
        Ast::Field { code, expr, .. } => class_symbols(expr, Some(code), out),
        Ast::Word { text, .. } | Ast::Phrase { text, .. } => {
            if let Some(c @ ("ipc" | "cpc")) = code_in_scope {
                out.push((c.to_string(), text.trim_end_matches('*').to_string()));
            }
        }
        _ => children(a)
            .into_iter()
            .for_each(|k| class_symbols(k, code_in_scope, out)),
    }
}

/// Explain a parsed strategy. With a lowering context (a corpus), also the expansions,
/// classification rules and the lowered query.
pub fn explain(query: &str, ast: &Ast, lowering: Option<(&Lowering, &str)>) -> String {
    explain_with_titles(query, ast, lowering, None)
}

/// [`explain`], with the title of each IPC symbol from `titles` (the installed IPC title
/// list, loaded by the caller).
pub fn explain_with_titles(
    query: &str,
    ast: &Ast,
    lowering: Option<(&Lowering, &str)>,
    titles: Option<&IpcTitles>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "query:   {query}");
    let _ = writeln!(out, "parsed:  {}", ast.to_query());
    let _ = writeln!(out, "         (precedence, tightest first: NEAR/ADJ/SAME, NOT, AND, OR; words without a field code search title, abstract and claims in every language)");
    let _ = writeln!(out, "tree:");
    tree(ast, "", true, true, &mut out);
    let mut symbols = Vec::new();
    class_symbols(ast, None, &mut symbols);
    if let Some((low, corpus)) = lowering {
        match low.lower(ast) {
            Ok(q) => {
                let exps = low.expansions.borrow();
                if !exps.is_empty() {
                    let _ = writeln!(out, "truncation (in corpus {corpus}, unstemmed words):");
                    for e in exps.iter() {
                        let shown: Vec<&str> =
                            e.words.iter().take(30).map(String::as_str).collect();
                        let more = if e.words.len() > 30 {
                            format!(" … ({} in all)", e.words.len())
                        } else {
                            format!(" ({})", e.words.len())
                        };
                        let cap = if e.capped { " — CAPPED" } else { "" };
                        let _ = writeln!(
                            out,
                            "  {} → {}{more}{cap}",
                            e.pattern,
                            if shown.is_empty() {
                                "no word".to_string()
                            } else {
                                shown.join(", ")
                            }
                        );
                    }
                }
                let notes = low.notes.borrow();
                if !notes.is_empty() {
                    let _ = writeln!(out, "classification:");
                    for n in notes.iter() {
                        let _ = writeln!(out, "  {n}");
                    }
                }
                for w in low.warnings.borrow().iter() {
                    let _ = writeln!(out, "warning: {w}");
                }
                let lowered = format!("{q:?}");
                let shown = if lowered.chars().count() > 2000 {
                    format!(
                        "{}… ({} characters)",
                        lowered.chars().take(2000).collect::<String>(),
                        lowered.len()
                    )
                } else {
                    lowered
                };
                let _ = writeln!(out, "lowered (tantivy): {shown}");
            }
            Err(e) => {
                let _ = writeln!(out, "cannot run on {corpus}:\n{}", e.render(query));
            }
        }
    }
    if !symbols.is_empty() {
        let _ = writeln!(out, "classification titles:");
        for (scheme, sym) in symbols {
            match ClassCode::parse(&sym) {
                Ok(c) if scheme == "ipc" => match (titles, titles.and_then(|t| t.title(&c))) {
                    (_, Some(t)) => {
                        let _ = writeln!(out, "  {c}: {t}");
                    }
                    (Some(_), None) => {
                        let _ = writeln!(
                            out,
                            "  {c}: (no title: the installed IPC title list lacks this symbol)"
                        );
                    }
                    (None, None) => {
                        let _ = writeln!(out, "  {c}: (no title: no IPC title list is installed — `tisc resources add ipc-titles FILE`)");
                    }
                },
                Ok(c) => {
                    let _ = writeln!(out, "  {c}: (CPC titles are not available)");
                }
                Err(e) => {
                    let _ = writeln!(out, "  {sym}: {e}");
                }
            }
        }
    }
    out
}
