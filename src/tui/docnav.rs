//! Finding one's way in a long document: where its abstract, claims and description start,
//! a find inside the laid-out text, the position shown in the viewer's frame, and the
//! placeholders ingest leaves for formulas, tables and images in the interface language.

use super::highlight::{DocLine, LineKind};
use super::strings::{Strings, UiLang};

/// A find inside the open document: while it is shown, its lines are what `n`/`N` go
/// through, and the strategy's matches come back with Esc.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Find {
    pub input: super::input::TextInput,
    /// True while the text is being typed.
    pub editing: bool,
    /// The text searched for, once submitted.
    pub text: String,
    /// Every occurrence: (line, start byte, end byte).
    pub hits: Vec<(usize, usize, usize)>,
    /// The strategy's match lines and current match, put back when the find ends.
    pub saved: (Vec<usize>, Option<usize>),
}

/// A part of a document the viewer can jump to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Abstract,
    Claims,
    Description,
}

/// Where each part starts (one entry per language of the part), in line order.
///
/// A part starts at a heading laid out as `Label (lang)` after a blank line, with the label
/// of any interface language, so that a layout made just before a language switch is read.
pub fn sections(lines: &[DocLine]) -> Vec<(Part, usize)> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if l.kind != LineKind::Heading || (i > 0 && lines[i - 1].kind != LineKind::Blank) {
            continue;
        }
        let Some((label, rest)) = l.text.rsplit_once(" (") else {
            continue;
        };
        if !rest.ends_with(')') {
            continue;
        }
        let part = UiLang::ALL.iter().find_map(|lang| {
            let st = lang.strings();
            if label == st.abstract_ {
                Some(Part::Abstract)
            } else if label == st.claims {
                Some(Part::Claims)
            } else if label == st.description {
                Some(Part::Description)
            } else {
                None
            }
        });
        if let Some(p) = part {
            out.push((p, i));
        }
    }
    out
}

/// The line to jump to for `part` from the first line shown: the next start of that part
/// below it, else (wrapping around) the first one. `None` when the document lacks the part.
pub fn jump(sections: &[(Part, usize)], part: Part, scroll: usize) -> Option<usize> {
    let starts = sections.iter().filter(|(p, _)| *p == part).map(|(_, l)| *l);
    starts
        .clone()
        .find(|&l| l > scroll)
        .or_else(|| starts.min())
}

/// Every occurrence of `needle` in the lines, case-insensitively: (line, start, end) with
/// byte offsets on character boundaries of the line's text.
pub fn find(lines: &[DocLine], needle: &str) -> Vec<(usize, usize, usize)> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.iter().all(|c| c.is_whitespace()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let text = &l.text;
        let mut from = 0;
        for (start, _) in text.char_indices() {
            if start < from {
                continue;
            }
            if let Some(end) = match_at(text, start, &needle) {
                out.push((i, start, end));
                from = end;
            }
        }
    }
    out
}

/// The end of a case-insensitive match of `needle` (lower-cased) starting at byte `start`.
fn match_at(text: &str, start: usize, needle: &[char]) -> Option<usize> {
    let mut want = needle.iter();
    let mut next = want.next();
    for (off, c) in text.get(start..)?.char_indices() {
        for lc in c.to_lowercase() {
            match next {
                Some(&w) if w == lc => next = want.next(),
                _ => return None,
            }
        }
        if next.is_none() {
            return Some(start + off + c.len_utf8());
        }
    }
    None
}

/// The placeholders of [`crate::ingest::xml`] with their wording in the interface language.
pub fn placeholders(st: &Strings) -> [(&'static str, &'static str); 3] {
    [
        (crate::ingest::xml::FORMULA, st.placeholder_formula),
        (crate::ingest::xml::TABLE, st.placeholder_table),
        (crate::ingest::xml::IMAGE, st.placeholder_image),
    ]
}

/// `line 120/940 · 13%`: the first line shown, the number of lines, and how far down it is.
pub fn position(st: &Strings, scroll: usize, total: usize) -> String {
    let total = total.max(1);
    let line = (scroll + 1).min(total);
    let pct = if total <= 1 {
        100
    } else {
        scroll.min(total - 1) * 100 / (total - 1)
    };
    let text = super::strings::fill(st.line_position, "n", &line.to_string());
    let text = super::strings::fill(&text, "total", &total.to_string());
    format!("{text} · {pct}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(kind: LineKind, text: &str) -> DocLine {
        DocLine {
            kind,
            text: text.into(),
            matches: Vec::new(),
        }
    }

    fn lines() -> Vec<DocLine> {
        vec![
            line(LineKind::Text, "Solar pump"),
            line(LineKind::Blank, ""),
            line(LineKind::Heading, "Abstract (en)"),
            line(LineKind::Text, "A PUMP. Ünïcode pümp."),
            line(LineKind::Blank, ""),
            line(LineKind::Heading, "Claims (en)"),
            line(LineKind::Text, "1. A pump."),
            line(LineKind::Blank, ""),
            line(LineKind::Heading, "Revendications (fr)"),
            line(LineKind::Text, "1. Une pompe."),
            line(LineKind::Blank, ""),
            line(LineKind::Heading, "Description (en)"),
            line(LineKind::Heading, "Claims (en)"),
        ]
    }

    #[test]
    fn parts_start_at_their_headings_in_any_interface_language() {
        let s = sections(&lines());
        assert_eq!(
            s,
            [
                (Part::Abstract, 2),
                (Part::Claims, 5),
                (Part::Claims, 8),
                (Part::Description, 11)
            ],
            "a heading inside the description is not a part"
        );
        assert_eq!(jump(&s, Part::Claims, 0), Some(5));
        assert_eq!(jump(&s, Part::Claims, 5), Some(8));
        assert_eq!(jump(&s, Part::Claims, 9), Some(5), "wraps around");
        assert_eq!(jump(&s[..1], Part::Description, 0), None);
    }

    #[test]
    fn find_is_case_insensitive_and_keeps_char_boundaries() {
        let l = lines();
        let hits = find(&l, "PUMP");
        assert_eq!(
            hits.iter().map(|h| h.0).collect::<Vec<_>>(),
            [0, 3, 6],
            "{hits:?}"
        );
        let hits = find(&l, "PÜMP");
        assert_eq!(hits.len(), 1);
        let (i, a, b) = hits[0];
        assert_eq!(&l[i].text[a..b], "pümp");
        assert!(find(&l, "  ").is_empty());
        assert!(find(&l, "zebra").is_empty());
    }

    #[test]
    fn position_reads_line_total_and_percent() {
        let st = &super::super::strings::EN;
        assert_eq!(position(st, 0, 940), "line 1/940 · 0%");
        assert_eq!(position(st, 119, 940), "line 120/940 · 12%");
        assert_eq!(position(st, 939, 940), "line 940/940 · 100%");
        assert_eq!(position(st, 0, 0), "line 1/1 · 100%");
    }
}
