//! Right-to-left reports: in an Arabic report, Latin runs (publication numbers, ISO dates,
//! claim numbers such as `1-3, 5`, collection names, IPC symbols) are isolated so that each
//! reads left to right inside the right-to-left sentence, and lists of numbers keep their
//! order.

use crate::case::ReportLang;

/// Characters that may continue a left-to-right run once it has started (a run always
/// starts and ends on an ASCII letter or digit).
fn continues_run(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(c, ' ' | '-' | ',' | '.' | '/' | ':' | '_' | '+' | '–' | '#')
}

/// Wrap every left-to-right run of escaped HTML text in `<bdi dir="ltr">`. Entities
/// (`&amp;`, `&#39;`) are copied whole, never split.
pub fn isolate_ltr_runs(escaped: &str) -> String {
    let chars: Vec<char> = escaped.chars().collect();
    let mut out = String::with_capacity(escaped.len() + 32);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '&' {
            // An entity: copy through its `;`.
            let end = chars[i..]
                .iter()
                .position(|&x| x == ';')
                .map_or(chars.len(), |p| i + p + 1);
            out.extend(&chars[i..end]);
            i = end;
            continue;
        }
        // A run starts on a letter or digit, or on `#` before one (`#1`, a strategy).
        let starts = c.is_ascii_alphanumeric()
            || (c == '#' && chars.get(i + 1).is_some_and(char::is_ascii_alphanumeric));
        if !starts {
            out.push(c);
            i += 1;
            continue;
        }
        // The run: as far as it continues, then back to its last letter or digit.
        let mut end = i;
        let mut last_alnum = i;
        while end < chars.len() {
            if chars[end] == '&' {
                // An entity inside the run (`SUN &amp; WATER`) is part of it.
                match chars[end..].iter().position(|&x| x == ';') {
                    Some(p) => end += p + 1,
                    None => break,
                }
                continue;
            }
            if !continues_run(chars[end]) {
                break;
            }
            if chars[end].is_ascii_alphanumeric() {
                last_alnum = end;
            }
            end += 1;
        }
        out.push_str("<bdi dir=\"ltr\">");
        out.extend(&chars[i..=last_alnum]);
        out.push_str("</bdi>");
        i = last_alnum + 1;
    }
    out
}

/// Escaped text as a report in `lang` prints it: Latin runs isolated in a right-to-left
/// language, unchanged otherwise.
pub fn directed(lang: ReportLang, escaped: String) -> String {
    if lang.is_rtl() {
        isolate_ltr_runs(&escaped)
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_runs_are_isolated_and_entities_kept_whole() {
        assert_eq!(
            isolate_ltr_runs("المطالبات 1-3, 5: US 2010/0123 A1."),
            "المطالبات <bdi dir=\"ltr\">1-3, 5: US 2010/0123 A1</bdi>."
        );
        assert_eq!(
            isolate_ltr_runs("نُشرت في 2010-01-05 &amp; A&#39;s &amp;"),
            "نُشرت في <bdi dir=\"ltr\">2010-01-05 &amp; A&#39;s</bdi> &amp;"
        );
        assert_eq!(isolate_ltr_runs("بلا أرقام"), "بلا أرقام");
        assert_eq!(
            isolate_ltr_runs("IPC F04B (#1) # ب"),
            "<bdi dir=\"ltr\">IPC F04B</bdi> (<bdi dir=\"ltr\">#1</bdi>) # ب"
        );
        assert_eq!(directed(ReportLang::Pt, "US 1 A".into()), "US 1 A");
        assert_eq!(
            directed(ReportLang::Ar, "(US 1 A)".into()),
            "(<bdi dir=\"ltr\">US 1 A</bdi>)"
        );
    }
}
