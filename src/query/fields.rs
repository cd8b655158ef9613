//! The field codes of the query language and what each one searches.

use crate::index::{IndexLang, TextCode};

/// What a field code stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    /// Text fields (title, abstract, claims, description), in one language or all.
    Text {
        codes: Vec<TextCode>,
        lang: Option<IndexLang>,
    },
    /// Names and journal: `pa`, `in`, `au`, `jo` (words, not stemmed).
    Name(&'static str),
    /// `ipc` or `cpc`.
    Class(&'static str),
    /// Publication number in any spelling.
    Number,
    /// `pd`, `ad`, `pr`.
    Date(&'static str),
    /// Exact terms: `cc`, `lang`, `doi`, `pmid`.
    Exact(&'static str),
}

/// Every field code with a one-line description (for help and explain).
pub const CODES: &[(&str, &str)] = &[
    ("ti", "title"),
    ("ab", "abstract"),
    ("cl", "claims"),
    ("de", "description"),
    ("txt", "all text: title, abstract, claims, description"),
    ("pa", "applicant / assignee"),
    ("in", "inventor"),
    ("au", "author (articles)"),
    ("jo", "journal"),
    ("ipc", "IPC classification, any level"),
    ("cpc", "CPC classification, any level"),
    ("pn", "publication number, any spelling"),
    ("pd", "publication date"),
    ("ad", "filing (application) date"),
    ("pr", "priority date"),
    ("cc", "office / country code"),
    ("lang", "language of the text"),
    ("doi", "DOI"),
    ("pmid", "PubMed id"),
];

fn text_code(s: &str) -> Option<TextCode> {
    TextCode::ALL.into_iter().find(|c| c.code() == s)
}

/// Look a field code up (case-insensitive). Language-scoped codes: `ti_fr`, `cl_en`, …
pub fn lookup(code: &str) -> Option<FieldKind> {
    let c = code.to_ascii_lowercase();
    if let Some((base, lang)) = c.split_once('_') {
        let tc = text_code(base)?;
        let l = IndexLang::from_code(lang)?;
        return Some(FieldKind::Text {
            codes: vec![tc],
            lang: Some(l),
        });
    }
    Some(match c.as_str() {
        "txt" => FieldKind::Text {
            codes: TextCode::ALL.to_vec(),
            lang: None,
        },
        "pa" => FieldKind::Name("pa"),
        "in" => FieldKind::Name("in"),
        "au" => FieldKind::Name("au"),
        "jo" => FieldKind::Name("jo"),
        "ipc" => FieldKind::Class("ipc"),
        "cpc" => FieldKind::Class("cpc"),
        "pn" => FieldKind::Number,
        "pd" => FieldKind::Date("pd"),
        "ad" => FieldKind::Date("ad"),
        "pr" => FieldKind::Date("pr"),
        "cc" => FieldKind::Exact("cc"),
        "lang" => FieldKind::Exact("lang"),
        "doi" => FieldKind::Exact("doi"),
        "pmid" => FieldKind::Exact("pmid"),
        other => FieldKind::Text {
            codes: vec![text_code(other)?],
            lang: None,
        },
    })
}

/// The default field: title, abstract and claims in every language.
pub fn default_kind() -> FieldKind {
    FieldKind::Text {
        codes: vec![TextCode::Ti, TextCode::Ab, TextCode::Cl],
        lang: None,
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known code closest to an unknown one, if any is close.
pub fn suggest(code: &str) -> Option<String> {
    let c = code.to_ascii_lowercase();
    let mut candidates: Vec<String> = CODES.iter().map(|(k, _)| k.to_string()).collect();
    if let Some((_, lang)) = c.split_once('_') {
        for t in TextCode::ALL {
            candidates.push(format!("{}_{lang}", t.code()));
        }
    }
    // Closest first; among equally close codes, the one listed first (the commoner).
    candidates
        .into_iter()
        .enumerate()
        .map(|(i, k)| (edit_distance(&c, &k), i, k))
        .filter(|(d, _, k)| *d <= 2 && *d < k.len())
        .min()
        .map(|(_, _, k)| k)
}

/// Codes that take a value compared as a date.
pub fn is_date(code: &str) -> bool {
    matches!(lookup(code), Some(FieldKind::Date(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_resolve_and_typos_get_suggestions() {
        assert!(matches!(lookup("TI"), Some(FieldKind::Text { .. })));
        assert_eq!(
            lookup("cl_fr"),
            Some(FieldKind::Text {
                codes: vec![TextCode::Cl],
                lang: Some(IndexLang::Fr)
            })
        );
        assert_eq!(lookup("tl"), None);
        assert_eq!(suggest("tl").as_deref(), Some("ti"));
        assert_eq!(suggest("ipcc").as_deref(), Some("ipc"));
        assert_eq!(suggest("zzzzzz"), None);
    }
}
