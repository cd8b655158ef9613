//! Every report string in every language: none empty, none left in English outside a short
//! reviewed list, every placeholder of the English text kept.

use crate::case::ReportLang;
use crate::report::strings::{labels, Labels};

/// Every string of a table with its key (`report_title`, `docs.one`, `meanings.3`…), read
/// from the pretty debug form of the table so that a new field is walked without being
/// listed here.
fn keyed(l: &Labels) -> Vec<(String, String)> {
    let dump = format!("{l:#?}");
    let mut path: Vec<String> = Vec::new();
    let mut index: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for line in dump.lines().skip(1) {
        let t = line.trim();
        if t.starts_with('}') || t.starts_with(']') {
            path.pop();
            index.pop();
            continue;
        }
        let (name, value) = match t.split_once(": ") {
            Some((n, v)) if !t.starts_with('"') => (n.to_string(), v),
            _ => {
                // An element of an array: keyed by its position.
                let i = index.last_mut().map_or(0, |i| {
                    *i += 1;
                    *i - 1
                });
                (i.to_string(), t)
            }
        };
        if value.ends_with('{') || value.ends_with('[') {
            path.push(name);
            index.push(0);
        } else if let Some(v) = value.trim_end_matches(',').strip_prefix('"') {
            let mut key = path.clone();
            key.push(name);
            out.push((key.join("."), unescape(v.trim_end_matches('"'))));
        }
    }
    out
}

/// A string as its debug form wrote it, escapes undone.
fn unescape(debug: &str) -> String {
    let mut out = String::new();
    let mut chars = debug.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                let code = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
                out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
            }
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// Strings that may read the same as in English, reviewed one by one: punctuation, and words
/// the language writes as English does.
const SAME_AS_ENGLISH: [(&str, &str); 13] = [
    ("fr", "col_collection"),
    ("fr", "col_date"),
    ("fr", "total"),
    ("fr", "note"),
    ("fr", "docs.one"),
    ("fr", "docs.other"),
    ("fr", "section_description"),
    ("fr", "client"),
    ("fr", "sources"),
    ("es", "total"),
    ("es", "colon"),
    ("pt", "colon"),
    ("ar", "colon"),
];

fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = s
        .match_indices('{')
        .filter_map(|(i, _)| s[i..].find('}').map(|j| &s[i..=i + j]))
        .collect();
    out.sort_unstable();
    out
}

#[test]
fn every_report_string_is_translated_in_every_language() {
    let english = keyed(labels(ReportLang::En));
    assert!(english.len() > 150, "{} English strings", english.len());
    assert!(english.iter().any(|(k, _)| k == "docs.other"));
    assert!(english.iter().any(|(k, _)| k == "meanings.8"));
    let mut faults = Vec::new();
    for lang in ReportLang::ALL.into_iter().filter(|l| *l != ReportLang::En) {
        let code = lang.code();
        let other = keyed(labels(lang));
        let keys: Vec<&String> = other.iter().map(|(k, _)| k).collect();
        let english_keys: Vec<&String> = english.iter().map(|(k, _)| k).collect();
        assert_eq!(keys, english_keys, "{code}: the keys differ");
        for ((key, text), (_, en)) in other.iter().zip(&english) {
            if text.trim().is_empty() {
                faults.push(format!("{code} {key}: empty"));
            }
            let reviewed = SAME_AS_ENGLISH.contains(&(code, key.as_str()));
            if text == en && !reviewed {
                faults.push(format!("{code} {key}: same as English {en:?}"));
            }
            if text != en && reviewed {
                faults.push(format!("{code} {key}: on the reviewed list but translated"));
            }
            if placeholders(text) != placeholders(en) {
                faults.push(format!("{code} {key}: placeholders {text:?} vs {en:?}"));
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

#[test]
fn the_walk_sees_a_missing_or_untranslated_text() {
    // The walker itself: keys of nested plurals and arrays, and values with escapes.
    let en = keyed(labels(ReportLang::En));
    assert!(en
        .iter()
        .any(|(k, v)| k == "the_claims" && v == "the claims"));
    let get = |k: &str| en.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    assert_eq!(
        get("report_title").as_deref(),
        Some("Prior-art search report")
    );
    assert_eq!(get("docs.one").as_deref(), Some("{n} document"));
    let fr = keyed(labels(ReportLang::Fr));
    assert!(fr.contains(&("colon".to_string(), "\u{a0}:".to_string())));
    assert_eq!(unescape("a\\u{651}\\\"b"), "a\u{651}\"b");
    assert_eq!(
        get("plain.5").as_deref(),
        Some("It is cited in the application itself.")
    );
    assert_eq!(
        placeholders("Page {page} of {pages}"),
        ["{pages}", "{page}"]
    );
}
