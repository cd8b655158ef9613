//! Every string key of the workbench tables (main table, plural forms, action and key help,
//! workshop strings) must have its own text in every interface language: an empty text, a
//! key one language lacks, a lost `{placeholder}` or a text identical to English outside the
//! reviewed list below fails here — there is no silent English fallback.

use super::{UiLang, EN};
use std::collections::BTreeSet;

/// Texts that are the same in English and in a language, reviewed one by one: punctuation,
/// key names as printed on keyboards, and words the language spells as English does.
const SAME_AS_ENGLISH: [(&str, &str); 16] = [
    // Typographic marks that every language of this list shares with English.
    ("*", ":"),
    ("pt", "“"),
    ("pt", "”"),
    // French words spelt as in English, the right translation here.
    ("fr", "Message"),
    ("fr", "Description"),
    ("fr", "Notes"),
    ("fr", "Format"),
    ("fr", "Source"),
    ("fr", "Document"),
    ("fr", "Documents"),
    ("fr", "Passage"),
    ("fr", "Note"),
    ("fr", "Citations"),
    ("fr", "Client"),
    ("fr", "[image]"),
    // The Spanish word is the English one.
    ("es", "Error"),
];

/// Key names kept as printed on the keyboard (the first column of the text-input help).
const KEY_NAMES: [&str; 11] = [
    "Enter",
    "Alt-Enter",
    "Tab",
    "Home, Ctrl-A",
    "End, Ctrl-E",
    "Backspace, Delete",
    "Ctrl-U",
    "Ctrl-W",
    "Ctrl-K",
    "Esc",
    "Ctrl-C, q, Esc",
];

/// Every text of a table with its key (`hits.one`, `actions.3.1`, `workshop.left`), read from
/// the table's pretty debug form so that a field added later is walked without a change here.
fn entries(table: &super::Strings) -> Vec<(String, String)> {
    let dump = format!("{table:#?}");
    // Open containers: (name, children seen so far).
    let mut stack: Vec<(String, usize)> = Vec::new();
    let mut out = Vec::new();
    for line in dump.lines() {
        let t = line.trim().trim_end_matches(',');
        if t.starts_with('}') || t.starts_with(']') || t.starts_with(')') {
            stack.pop();
            continue;
        }
        let (name, rest) = match t.split_once(": ") {
            Some((n, r)) if !n.starts_with('"') => (n.to_string(), r),
            _ => {
                let i = stack.last().map_or(0, |(_, c)| *c);
                (i.to_string(), t)
            }
        };
        if let Some(top) = stack.last_mut() {
            top.1 += 1;
        }
        if rest.ends_with('{') || rest.ends_with('[') || rest.ends_with('(') {
            stack.push((name, 0));
            continue;
        }
        let path: Vec<&str> = stack.iter().skip(1).map(|(n, _)| n.as_str()).collect();
        let key = path
            .into_iter()
            .chain([name.as_str()])
            .collect::<Vec<_>>()
            .join(".");
        out.push((key, rest.to_string()));
    }
    out
}

/// The `{name}` placeholders of a debug-escaped text (not its `\u{a0}` escapes).
fn placeholders(text: &str) -> BTreeSet<String> {
    text.match_indices('{')
        .filter(|(i, _)| !text[..*i].ends_with("\\u"))
        .filter_map(|(i, _)| text[i + 1..].split_once('}'))
        .map(|(name, _)| name.to_string())
        .filter(|name| name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
        .filter(|name| !name.is_empty())
        .collect()
}

/// What is wrong with `lang`'s table against English, one line per fault.
fn faults(lang: UiLang) -> Vec<String> {
    faults_of(lang.strings(), lang.code())
}

fn faults_of(table: &super::Strings, code: &str) -> Vec<String> {
    let en = entries(&EN);
    let other = entries(table);
    let mut out = Vec::new();
    let en_keys: Vec<&String> = en.iter().map(|(k, _)| k).collect();
    let other_keys: Vec<&String> = other.iter().map(|(k, _)| k).collect();
    if en_keys != other_keys {
        let missing: Vec<&&String> = en_keys.iter().filter(|k| !other_keys.contains(k)).collect();
        out.push(format!(
            "{code}: keys differ from English, missing {missing:?}"
        ));
    }
    for ((key, e), (_, t)) in en.iter().zip(&other) {
        // Action names are ids (checked equal by `every_language_describes_the_same_actions`).
        if key.starts_with("actions.") && key.ends_with(".0") {
            continue;
        }
        if t == "\"\"" {
            out.push(format!("{code}: {key} is empty"));
            continue;
        }
        let reviewed = SAME_AS_ENGLISH
            .iter()
            .any(|(l, s)| (*l == "*" || *l == code) && format!("{s:?}") == *e)
            || (key.starts_with("text_keys.")
                && key.ends_with(".0")
                && KEY_NAMES.iter().any(|k| format!("{k:?}") == *e));
        if t == e && !reviewed {
            out.push(format!("{code}: {key} is the English text {e}"));
        }
        let (pe, pt) = (placeholders(e), placeholders(t));
        // A singular may name its number in words ("واحدة") instead of `{n}`.
        let lost: Vec<&String> = pe
            .difference(&pt)
            .filter(|p| !(key.ends_with(".one") && *p == "n"))
            .collect();
        let added: Vec<&String> = pt.difference(&pe).collect();
        if !lost.is_empty() || !added.is_empty() {
            out.push(format!(
                "{code}: {key} placeholders lost {lost:?} added {added:?}: {t}"
            ));
        }
    }
    out
}

#[test]
fn every_workbench_string_is_translated_in_every_language() {
    let en = entries(&EN);
    // The walk reaches every part of the table.
    for key in [
        "query",
        "hits.other",
        "actions.0.1",
        "text_keys.0.0",
        "workshop.failed",
    ] {
        assert!(en.iter().any(|(k, _)| k == key), "{key} not walked");
    }
    assert!(en.len() > 200, "{} texts", en.len());
    let all: Vec<String> = UiLang::ALL
        .into_iter()
        .filter(|l| *l != UiLang::En)
        .flat_map(faults)
        .collect();
    assert!(all.is_empty(), "{}", all.join("\n"));
}

#[test]
fn the_walk_catches_a_missing_english_or_broken_text() {
    use super::{Strings, PT};
    use crate::lang::Plural;
    assert!(faults_of(&PT, "pt").is_empty());
    let broken = Strings {
        cases: "",
        history: "History",
        hits: Plural::new("{n} resultado em {corpus}", "{n} resultados em {base}"),
        colon: ":",
        ..PT
    };
    let found = faults_of(&broken, "pt");
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0].contains("history is the English text"),
        "{}",
        found[0]
    );
    assert!(found[1].contains("cases is empty"), "{}", found[1]);
    assert!(
        found[2].contains("hits.other placeholders lost [\"corpus\"] added [\"base\"]"),
        "{}",
        found[2]
    );
    let short = Strings {
        text_keys: &PT.text_keys[1..],
        ..PT
    };
    assert!(faults_of(&short, "pt")[0].contains("keys differ"));
    assert_eq!(
        placeholders("{n} hits\\u{a0}in {corpus} {"),
        BTreeSet::from(["n".to_string(), "corpus".to_string()])
    );
}

/// The names of screens and dialogs sit in tabs and frame titles, which are sized by the text's
/// width: a lam-alef pair ("لا") counts one column there but takes two cells when drawn, which
/// would cut the end of the name. Arabic names of screens avoid the pair.
#[test]
fn screen_names_take_as_many_columns_as_they_are_wide() {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    for lang in UiLang::ALL {
        let st = lang.strings();
        let names = [
            st.query,
            st.history,
            st.results,
            st.document,
            st.cases,
            st.case,
            st.report,
            st.corpora,
            st.keys,
            st.cite,
            st.new_case,
            st.edit_case,
            st.confirm,
            st.message,
            st.error,
        ];
        for name in names {
            let cells: usize = name.chars().filter_map(|c| c.width()).sum();
            assert_eq!(name.width(), cells, "{lang:?}: {name}");
        }
    }
    // The pair the check is about.
    assert_ne!(
        "الاستعلام".width(),
        "الاستعلام".chars().filter_map(|c| c.width()).sum::<usize>()
    );
}
