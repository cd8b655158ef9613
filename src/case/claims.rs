//! Reading the invention's claims (or key features) from plain text: one per paragraph,
//! paragraphs separated by blank lines, each starting with its number (`1.`, `2.` …) and
//! numbered 1, 2, 3 … in order. The lines of a paragraph are joined with single spaces.

use super::InventionClaim;

/// Why a claims text was refused, with the line (1-based) where it goes wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ClaimsTextError {
    pub line: usize,
    pub message: String,
}

fn refuse(line: usize, message: impl Into<String>) -> ClaimsTextError {
    ClaimsTextError {
        line,
        message: message.into(),
    }
}

/// The leading `N.` of a paragraph: the number and the rest of the line after it.
fn leading_number(line: &str) -> Option<(u64, &str)> {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    // ASCII digits are one byte each, so `digits` is a char boundary.
    let (num, rest) = line.split_at(digits);
    let rest = rest.strip_prefix('.')?;
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some((num.parse().unwrap_or(u64::MAX), rest.trim()))
}

/// Parse a claims file's bytes. Refuses text that is not UTF-8, holds no claim, or has a
/// paragraph without its number or numbered out of order.
pub fn parse_claims_text(bytes: &[u8]) -> Result<Vec<InventionClaim>, ClaimsTextError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
            let line = 1 + valid.iter().filter(|b| **b == b'\n').count();
            return Err(refuse(
                line,
                format!(
                    "not UTF-8 text (bad byte at offset {}): save the file as UTF-8",
                    e.valid_up_to()
                ),
            ));
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut claims: Vec<InventionClaim> = Vec::new();
    // The paragraph being read: its number, the line it starts on, its lines of text.
    let mut current: Option<(u32, Vec<&str>)> = None;
    let mut start_line = 0;
    let close = |current: &mut Option<(u32, Vec<&str>)>,
                 start_line: usize,
                 claims: &mut Vec<InventionClaim>|
     -> Result<(), ClaimsTextError> {
        if let Some((number, lines)) = current.take() {
            let text = lines.join(" ");
            if text.is_empty() {
                return Err(refuse(
                    start_line,
                    format!("{number}. has no text after its number"),
                ));
            }
            claims.push(InventionClaim { number, text });
        }
        Ok(())
    };
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = raw.trim();
        if line.is_empty() {
            close(&mut current, start_line, &mut claims)?;
            continue;
        }
        if let Some((_, lines)) = current.as_mut() {
            lines.push(line);
            continue;
        }
        let Some((n, rest)) = leading_number(line) else {
            return Err(refuse(
                line_no,
                "this paragraph does not start with its number: write `1.`, `2.` … at the start of each claim or feature, with a blank line between them",
            ));
        };
        let expected = claims.last().map_or(1, |c| u64::from(c.number) + 1);
        if claims.iter().any(|c| u64::from(c.number) == n) {
            return Err(refuse(
                line_no,
                format!("number {n} is repeated (expected {expected})"),
            ));
        }
        if n != expected {
            return Err(refuse(
                line_no,
                format!("number {n} does not follow the previous one (expected {expected})"),
            ));
        }
        let number = u32::try_from(n).map_err(|_| refuse(line_no, "number too large"))?;
        start_line = line_no;
        current = Some((
            number,
            if rest.is_empty() {
                Vec::new()
            } else {
                vec![rest]
            },
        ));
    }
    close(&mut current, start_line, &mut claims)?;
    if claims.is_empty() {
        return Err(refuse(
            1,
            "no claim or feature in it: write one per paragraph, starting with `1.`",
        ));
    }
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &[InventionClaim]) -> Vec<(u32, &str)> {
        c.iter().map(|c| (c.number, c.text.as_str())).collect()
    }

    #[test]
    fn paragraphs_become_numbered_claims_with_their_lines_joined() {
        let c = parse_claims_text(
            "\u{feff}1. A pump comprising\n   a float switch.\r\n\r\n\n2. The pump of claim 1,\nwherein the float is magnetic.\n\n3.\nA solar panel — 太陽.\n"
                .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            texts(&c),
            [
                (1, "A pump comprising a float switch."),
                (2, "The pump of claim 1, wherein the float is magnetic."),
                (3, "A solar panel — 太陽."),
            ]
        );
    }

    #[test]
    fn a_malformed_text_is_refused_at_its_line() {
        let cases: [(&[u8], usize, &str); 8] = [
            (b"", 1, "no claim"),
            (b"\n  \n", 1, "no claim"),
            (b"A pump.\n", 1, "does not start with its number"),
            (b"1. A pump.\n\n3. A float.\n", 3, "expected 2"),
            (b"2. A pump.\n", 1, "expected 1"),
            (b"1. A pump.\n\n1. A float.\n", 3, "repeated"),
            (b"1. A pump.\n\n2.\n\n", 3, "no text"),
            (b"1. A pump.\n\n2. A fl\xffoat.\n", 3, "not UTF-8"),
        ];
        for (input, line, words) in cases {
            let e = parse_claims_text(input).unwrap_err();
            assert_eq!(e.line, line, "{input:?}: {e}");
            assert!(e.message.contains(words), "{input:?}: {e}");
        }
        // `1.5` or `1a.` is not a number followed by a point.
        assert!(parse_claims_text(b"1.5 kW pump\n").is_err());
    }
}
