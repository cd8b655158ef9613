//! Checks over every generated message of the report, the workbench and the command line:
//! plural forms for 0, 1 and 2 in each interface language, French spacing, and the words for
//! the person who searches.

use super::{cli, Plural};
use crate::case::ReportLang;
use crate::report::strings::labels;
use crate::tui::strings::UiLang;

/// Every template with a count: (where, language, template).
fn every_template() -> Vec<(String, &'static str, Plural)> {
    let mut all = Vec::new();
    for lang in ReportLang::ALL {
        for (name, p) in labels(lang).plurals() {
            all.push((format!("report.{name}"), lang.code(), *p));
        }
    }
    for lang in UiLang::ALL {
        for (name, p) in lang.strings().plurals() {
            all.push((format!("workbench.{name}"), lang.code(), *p));
        }
    }
    for (name, p) in cli::ALL {
        all.push((format!("cli.{name}"), "en", *p));
    }
    all
}

/// Report sentences counted by documents (`{docs}`) rather than by `{n}` or `{claims}`.
const COUNTED_BY_DOCUMENTS: [&str; 6] = [
    "report.combines",
    "report.new_x",
    "report.new_y",
    "report.new_rest",
    "report.step_x",
    "report.step_dates",
];

/// Report sentences whose number shows in a verb or participle agreeing with a list named
/// elsewhere (`{what} is…`/`{what} are…`, "Published…"/"Publiés…"), not in a noun: only the
/// form chosen is checked.
const AGREEMENT_WITHOUT_NOUN: [&str; 2] = ["report.late_x", "report.uncovered"];

/// English words that may stand between a number and its noun ("2 new files", "2 key terms").
const ADJECTIVES: [&str; 8] = [
    "other",
    "content",
    "new",
    "malformed",
    "damaged",
    "key",
    "input",
    "family",
];

fn fill_all(template: &str, n: u64) -> String {
    let docs: Vec<String> = (1..=n).map(|i| format!("D{i}")).collect();
    let claims: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
    template
        .replace("{n}", &n.to_string())
        .replace("{docs}", &docs.join(", "))
        .replace("{claims}", &claims.join(", "))
        .replace("{corpus}", "demo")
        .replace("{id}", "c1")
        .replace("{lang}", "fr")
        .replace("{what}", &format!("Claims {}", claims.join(", ")))
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || "(),.:;".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The noun a count governs: the word after `{n}` (past English adjectives), or before it
/// when nothing follows (`claims {n}`), or before `{claims}`.
fn counted_noun(template: &str) -> Option<String> {
    if let Some((before, after)) = template.split_once("{n}") {
        return words(after)
            .into_iter()
            .find(|w| !ADJECTIVES.contains(&w.as_str()))
            .or_else(|| words(before).pop());
    }
    let (before, _) = template.split_once("{claims}")?;
    words(before).pop()
}

fn is_plural_noun(w: &str) -> bool {
    w.ends_with('s') || w.ends_with('x')
}

#[test]
fn every_count_template_takes_the_form_of_its_number_in_every_language() {
    let all = every_template();
    assert!(all.len() > 40, "{} templates", all.len());
    let mut failures = Vec::new();
    for (name, lang, p) in &all {
        if p.one == p.other {
            failures.push(format!("{name} ({lang}): singular and plural are the same"));
        }
        for n in [0u64, 1, 2] {
            let singular = n == 1 || (n == 0 && matches!(*lang, "fr" | "pt"));
            let template = p.pick(lang, n);
            let expected = if singular { p.one } else { p.other };
            if template != expected {
                failures.push(format!("{name} ({lang}) {n}: wrong form {template:?}"));
            }
            let text = fill_all(template, n);
            if let Some(open) = text.find('{') {
                failures.push(format!(
                    "{name} ({lang}) {n}: placeholder left at {open}: {text}"
                ));
            }
            // Arabic nouns carry no final -s: its forms are checked only to differ (above)
            // and to leave no placeholder.
            if AGREEMENT_WITHOUT_NOUN.contains(&name.as_str()) || *lang == "ar" {
                continue;
            }
            if *lang == "ar" {
                // Arabic names one thing with "واحد/واحدة" and gives any other count after a
                // colon ("عدد النتائج: 2"), which agrees with every number.
                let ok = if singular {
                    template.contains("واحد")
                } else {
                    template.contains(": {n}") || template.contains(" {n}")
                };
                if !ok {
                    failures.push(format!("{name} (ar) {n}: no agreeing form in {text}"));
                }
                continue;
            }
            let noun = if COUNTED_BY_DOCUMENTS.contains(&name.as_str()) {
                // "document"/"documento" in the singular, "documents"/"documentos" else.
                words(template)
                    .into_iter()
                    .find(|w| w.starts_with("document"))
            } else {
                counted_noun(template)
            };
            match noun {
                Some(w) if singular && is_plural_noun(&w) => {
                    failures.push(format!("{name} ({lang}) {n}: plural noun {w:?} in {text}"))
                }
                Some(w) if !singular && !is_plural_noun(&w) => failures.push(format!(
                    "{name} ({lang}) {n}: singular noun {w:?} in {text}"
                )),
                Some(_) => {}
                None => failures.push(format!("{name} ({lang}): no counted noun found")),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The string values inside a `{:?}` dump, unescaped.
fn string_values(debug: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = debug.chars();
    while let Some(c) = chars.next() {
        if c != '"' {
            continue;
        }
        let mut s = String::new();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('u') => {
                        let hex: String =
                            chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                        let code = u32::from_str_radix(&hex, 16).unwrap_or(0xfffd);
                        s.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    Some('n') => s.push('\n'),
                    Some(other) => s.push(other),
                    None => {}
                },
                c => s.push(c),
            }
        }
        out.push(s);
    }
    out
}

fn french_texts() -> Vec<String> {
    let mut all = string_values(&format!("{:?}", labels(ReportLang::Fr)));
    all.extend(string_values(&format!("{:?}", UiLang::Fr.strings())));
    all
}

/// Where `text` breaks the French rule: a high punctuation mark that closes a word (`:` with
/// U+00A0 before it, `; ? !` with U+202F) must have its no-break space. A mark after a
/// separator (`· ? keys`) is a key name, and `:` inside a token (`12:30`, `https://`) is no
/// punctuation.
fn french_spacing_faults(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut faults = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        let wanted = match c {
            ':' => '\u{a0}',
            ';' | '?' | '!' => '\u{202f}',
            _ => continue,
        };
        let next = chars.get(i + 1).copied();
        if next.is_some_and(|n| !n.is_whitespace() && n != '"' && n != '»') {
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let before = i.checked_sub(2).map(|p| chars[p]);
        let closes_word = match prev {
            Some(' ') => before.is_some_and(|b| b.is_alphanumeric() || ")}»…".contains(b)),
            Some(p) => p != wanted,
            None => false,
        };
        if closes_word {
            faults.push(format!("{c:?} at {i} in {text:?}"));
        }
    }
    faults
}

#[test]
fn french_high_punctuation_has_its_no_break_space_everywhere() {
    let texts = french_texts();
    assert!(texts.len() > 150, "{} French texts", texts.len());
    let faults: Vec<String> = texts
        .iter()
        .flat_map(|t| french_spacing_faults(t))
        .collect();
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    // The checker itself: a plain space or no space at all is a fault.
    assert_eq!(french_spacing_faults("Note : voir").len(), 1);
    assert_eq!(french_spacing_faults("Nouveau?").len(), 1);
    assert_eq!(french_spacing_faults("a\u{a0}; b").len(), 1);
    assert!(french_spacing_faults("Note\u{a0}: voir · ? touches, https://x 12:30").is_empty());
}

#[test]
fn the_searcher_is_a_documentalist_in_french_and_spanish() {
    let mut spanish = string_values(&format!("{:?}", labels(ReportLang::Es)));
    spanish.extend(string_values(&format!("{:?}", UiLang::Es.strings())));
    for t in french_texts() {
        assert!(!t.to_lowercase().contains("chercheur"), "{t}");
    }
    for t in &spanish {
        assert!(!t.to_lowercase().contains("buscador"), "{t}");
    }
    assert_eq!(
        labels(ReportLang::Fr).searcher_notes,
        "Notes du documentaliste"
    );
    assert_eq!(
        labels(ReportLang::Es).searcher_notes,
        "Notas del documentalista"
    );
}
