//! Terminal columns: the display width of text (a CJK character takes two columns, a
//! combining accent none), padding to a width, and truncation to a width.
//!
//! `format!("{:<20}", s)` pads by counting characters, which misaligns tables as soon as a
//! title or a name holds wide or zero-width characters; [`Pad`] pads by display width instead.

use std::fmt;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The number of terminal columns `s` takes.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// The columns a prefix of `s` of `chars` characters takes (a cursor's screen column).
pub fn width_of_prefix(s: &str, chars: usize) -> usize {
    s.chars().take(chars).map(char_width).sum()
}

fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Cut `s` to at most `max` columns, marking the cut with `…` (one column). A combining mark
/// stays with the character before it; a wide character that would straddle the limit goes.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let room = max.saturating_sub(1);
    let mut used = 0;
    let mut out = String::new();
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Text that pads to a format width by display width: `format!("{:<20}", Pad(name))`.
/// Alignment and width come from the format spec (left by default, `>` right, `^` centre);
/// text wider than the width is written whole, as `format!` does.
#[derive(Debug, Clone, Copy)]
pub struct Pad<'a>(pub &'a str);

impl fmt::Display for Pad<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(target) = f.width() else {
            return f.write_str(self.0);
        };
        let fill = target.saturating_sub(width(self.0));
        let (before, after) = match f.align() {
            Some(fmt::Alignment::Right) => (fill, 0),
            Some(fmt::Alignment::Center) => (fill / 2, fill - fill / 2),
            Some(fmt::Alignment::Left) | None => (0, fill),
        };
        let spaces = |n: usize| " ".repeat(n);
        write!(f, "{}{}{}", spaces(before), self.0, spaces(after))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_combining_characters_have_their_display_width() {
        assert_eq!(width("abc"), 3);
        assert_eq!(width("太陽電池"), 8);
        assert_eq!(width("Re\u{301}sume\u{301}"), 6);
        assert_eq!(width_of_prefix("太陽x", 2), 4);
    }

    #[test]
    fn padding_counts_columns_not_characters() {
        assert_eq!(format!("{:<6}|", Pad("ab")), "ab    |");
        assert_eq!(format!("{:>6}|", Pad("太陽")), "  太陽|");
        assert_eq!(format!("{:<6}|", Pad("e\u{301}")), "e\u{301}     |");
        assert_eq!(format!("{:^5}|", Pad("x")), "  x  |");
        assert_eq!(format!("{:<2}|", Pad("long")), "long|");
        assert_eq!(format!("{}|", Pad("太")), "太|");
    }

    #[test]
    fn truncation_counts_columns() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("太陽電池パネル", 6), "太陽…");
        assert_eq!(width(&truncate("太陽電池パネル", 6)), 5);
        assert_eq!(truncate("cafe\u{301}sx", 5), "cafe\u{301}…");
        assert_eq!(truncate("cafe\u{301}", 4), "cafe\u{301}");
    }
}
