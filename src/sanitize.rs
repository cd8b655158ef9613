//! Making document and user text safe to show: control characters escaped for terminals and
//! text files, bidirectional controls kept from leaking out of the text that holds them.
//!
//! Document text comes from files and servers tisc does not control. Written raw, an `ESC`
//! sequence in a title would move the cursor, clear the screen, set the terminal's title or
//! (OSC 52) write the clipboard; a `U+202E` would reverse everything after it on the line.
//! Every terminal, text and Markdown output passes its text through [`escape_controls`]
//! (or [`escape_line`] for one-line cells); JSON through [`json_c1`]; HTML through
//! [`close_bidi`] after its own escaping.

use std::borrow::Cow;

/// Whether `c` is a control character that must not reach a terminal raw: C0 (U+0000–U+001F)
/// and DEL, and C1 (U+0080–U+009F, which some terminals read as `ESC` + a letter: U+009B is
/// CSI).
fn is_control(c: char) -> bool {
    c.is_control()
}

/// A visible stand-in for a control character: the Unicode "control picture" for C0 and DEL
/// (`␛` for ESC, `␇` for BEL), and `[U+009B]` for C1.
pub fn push_visible(out: &mut String, c: char) {
    let code = u32::from(c);
    match code {
        0..=0x1F => out.push(char::from_u32(0x2400 + code).unwrap_or('\u{FFFD}')),
        0x7F => out.push('\u{2421}'),
        _ => {
            use std::fmt::Write;
            let _ = write!(out, "[U+{code:04X}]");
        }
    }
}

/// Text with line structure (reports, a disclosure, notes): line feeds and tabs stay, a CR LF
/// becomes a line feed, every other control character is replaced by a visible stand-in.
pub fn escape_controls(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_control(c) && c != '\n' && c != '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => {}
            c if is_control(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// One line of a table or a status message: line breaks and tabs become spaces, every other
/// control character a visible stand-in.
pub fn escape_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_control(c) => push_visible(&mut out, c),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Serialised JSON with every C1 control character written as a `\u00XX` escape. The data is
/// unchanged (a JSON reader decodes the same string); only the bytes a terminal would act on
/// are gone. C0 characters are already escaped by the serialiser.
pub fn json_c1(json: String) -> String {
    if !json.chars().any(|c| ('\u{80}'..='\u{9F}').contains(&c)) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if ('\u{80}'..='\u{9F}').contains(&c) {
            use std::fmt::Write;
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    out
}

/// Text with every bidirectional embedding, override and isolate it opens closed at its end,
/// so that a stray `U+202E` reverses only the text that holds it and not the page after it.
/// The controls themselves are kept: they may be what the author meant.
pub fn close_bidi(s: &str) -> Cow<'_, str> {
    // Open embeddings/overrides (LRE, RLE, LRO, RLO) and isolates (LRI, RLI, FSI).
    let mut stack: Vec<char> = Vec::new();
    for c in s.chars() {
        match c {
            '\u{202A}'..='\u{202B}' | '\u{202D}'..='\u{202E}' => stack.push('\u{202C}'),
            '\u{2066}'..='\u{2068}' => stack.push('\u{2069}'),
            '\u{202C}' if stack.last() == Some(&'\u{202C}') => {
                stack.pop();
            }
            '\u{2069}' => {
                // A PDI closes the innermost isolate and every embedding opened inside it.
                if let Some(pos) = stack.iter().rposition(|&x| x == '\u{2069}') {
                    stack.truncate(pos);
                }
            }
            '\n' | '\u{2029}' => stack.clear(),
            _ => {}
        }
    }
    if stack.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + stack.len() * 3);
    out.push_str(s);
    while let Some(close) = stack.pop() {
        out.push(close);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terminal_sequences_are_made_visible() {
        let hostile = "Title\u{1b}]0;pwned\u{7}\u{1b}[2J end\u{9b}31m";
        let out = escape_controls(hostile);
        assert!(!out.chars().any(|c| c.is_control()), "{out:?}");
        assert_eq!(
            out,
            "Title\u{241b}]0;pwned\u{2407}\u{241b}[2J end[U+009B]31m"
        );
    }

    #[test]
    fn line_structure_is_kept_in_text_and_flattened_in_lines() {
        assert_eq!(escape_controls("a\r\nb\tc\rd"), "a\nb\tc\u{240d}d");
        assert_eq!(escape_line("a\r\nb\tc"), "a  b c");
        assert!(matches!(escape_controls("plain text"), Cow::Borrowed(_)));
        assert!(matches!(escape_line("café"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_keeps_the_data_and_loses_the_raw_bytes() {
        let v = serde_json::json!({ "title": "x\u{9b}2Jy\u{1b}" });
        let s = json_c1(serde_json::to_string(&v).unwrap_or_default());
        assert!(!s.chars().any(|c| c.is_control()), "{s}");
        let back: serde_json::Value = serde_json::from_str(&s).unwrap_or_default();
        assert_eq!(back, v);
    }

    #[test]
    fn bidi_overrides_are_closed_not_deleted() {
        assert_eq!(close_bidi("abc\u{202E}def"), "abc\u{202E}def\u{202C}");
        assert_eq!(
            close_bidi("\u{2067}x\u{202E}y"),
            "\u{2067}x\u{202E}y\u{202C}\u{2069}"
        );
        assert!(matches!(
            close_bidi("\u{202E}balanced\u{202C}"),
            Cow::Borrowed(_)
        ));
        assert!(matches!(close_bidi("كتاب"), Cow::Borrowed(_)));
    }
}
