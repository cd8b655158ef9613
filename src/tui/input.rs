//! A small multi-line text input (the query editor, the disclosure, form fields) and
//! field-code completion for the query editor.
//!
//! The cursor is a (row, column) pair counted in characters; [`TextInput::byte_offset`] and
//! [`TextInput::position_of`] convert to and from byte offsets in the joined text, which is
//! what query parse errors point into.

use super::action::InputKey;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextInput {
    lines: Vec<String>,
    row: usize,
    col: usize,
    multiline: bool,
}

impl Default for TextInput {
    fn default() -> Self {
        TextInput::new(true)
    }
}

fn byte_at(s: &str, col: usize) -> usize {
    s.char_indices().nth(col).map_or(s.len(), |(i, _)| i)
}

impl TextInput {
    pub fn new(multiline: bool) -> TextInput {
        TextInput {
            lines: vec![String::new()],
            row: 0,
            col: 0,
            multiline,
        }
    }

    /// A single-line input holding `text`.
    pub fn single(text: &str) -> TextInput {
        let mut t = TextInput::new(false);
        t.set_text(text);
        t
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// The whole text, lines joined with `\n`.
    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// Replace the text; the cursor goes to its end.
    pub fn set_text(&mut self, text: &str) {
        self.lines = if self.multiline {
            text.split('\n').map(str::to_string).collect()
        } else {
            vec![text.replace('\n', " ")]
        };
        if self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.row = self.lines.len() - 1;
        self.col = self.lines[self.row].chars().count();
    }

    fn line_len(&self) -> usize {
        self.lines[self.row].chars().count()
    }

    /// Apply an editing key. `Submit` and `Complete` are not editing keys: they are handled
    /// by the owner of the input and ignored here.
    pub fn apply(&mut self, key: InputKey) {
        match key {
            InputKey::Char(c) if !c.is_control() => {
                let at = byte_at(&self.lines[self.row], self.col);
                self.lines[self.row].insert(at, c);
                self.col += 1;
            }
            InputKey::Char(_) | InputKey::Submit | InputKey::Complete => {}
            InputKey::Newline if self.multiline => {
                let at = byte_at(&self.lines[self.row], self.col);
                let rest = self.lines[self.row].split_off(at);
                self.lines.insert(self.row + 1, rest);
                self.row += 1;
                self.col = 0;
            }
            InputKey::Newline => {}
            InputKey::EraseToStart => {
                let at = byte_at(&self.lines[self.row], self.col);
                self.lines[self.row].replace_range(..at, "");
                self.col = 0;
            }
            InputKey::EraseToEnd => {
                let at = byte_at(&self.lines[self.row], self.col);
                self.lines[self.row].truncate(at);
            }
            InputKey::EraseWord => {
                let chars: Vec<char> = self.lines[self.row].chars().collect();
                let mut start = self.col.min(chars.len());
                while start > 0 && chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                while start > 0 && !chars[start - 1].is_whitespace() {
                    start -= 1;
                }
                let (a, b) = (
                    byte_at(&self.lines[self.row], start),
                    byte_at(&self.lines[self.row], self.col),
                );
                self.lines[self.row].replace_range(a..b, "");
                self.col = start;
            }
            InputKey::Backspace => {
                if self.col > 0 {
                    let at = byte_at(&self.lines[self.row], self.col - 1);
                    self.lines[self.row].remove(at);
                    self.col -= 1;
                } else if self.row > 0 {
                    let line = self.lines.remove(self.row);
                    self.row -= 1;
                    self.col = self.line_len();
                    self.lines[self.row].push_str(&line);
                }
            }
            InputKey::Delete => {
                if self.col < self.line_len() {
                    let at = byte_at(&self.lines[self.row], self.col);
                    self.lines[self.row].remove(at);
                } else if self.row + 1 < self.lines.len() {
                    let next = self.lines.remove(self.row + 1);
                    self.lines[self.row].push_str(&next);
                }
            }
            InputKey::Left => {
                if self.col > 0 {
                    self.col -= 1;
                } else if self.row > 0 {
                    self.row -= 1;
                    self.col = self.line_len();
                }
            }
            InputKey::Right => {
                if self.col < self.line_len() {
                    self.col += 1;
                } else if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = 0;
                }
            }
            InputKey::Up => {
                if self.row > 0 {
                    self.row -= 1;
                    self.col = self.col.min(self.line_len());
                }
            }
            InputKey::Down => {
                if self.row + 1 < self.lines.len() {
                    self.row += 1;
                    self.col = self.col.min(self.line_len());
                }
            }
            InputKey::Home => self.col = 0,
            InputKey::End => self.col = self.line_len(),
        }
    }

    /// Insert `text` at the cursor in one go (a paste): its lines are kept in a multi-line
    /// input and joined with spaces in a single-line one; `\r\n` and `\r` count as line
    /// breaks, tabs become spaces and other control characters are dropped. The cost is
    /// linear in the lengths of the text and of the line, however long the paste.
    pub fn insert_str(&mut self, text: &str) {
        let clean: String = text
            .replace("\r\n", "\n")
            .chars()
            .filter_map(|c| match c {
                '\r' | '\n' if self.multiline => Some('\n'),
                '\r' | '\n' | '\t' => Some(' '),
                c if c.is_control() => None,
                c => Some(c),
            })
            .collect();
        let at = byte_at(&self.lines[self.row], self.col);
        let tail = self.lines[self.row].split_off(at);
        let mut parts = clean.split('\n');
        if let Some(first) = parts.next() {
            self.lines[self.row].push_str(first);
        }
        for part in parts {
            self.row += 1;
            self.lines.insert(self.row, part.to_string());
        }
        self.col = self.line_len();
        self.lines[self.row].push_str(&tail);
    }

    /// Byte offset of the cursor in [`TextInput::text`].
    pub fn byte_offset(&self) -> usize {
        let before: usize = self.lines[..self.row].iter().map(|l| l.len() + 1).sum();
        before + byte_at(&self.lines[self.row], self.col)
    }

    /// (row, column in characters) of a byte offset in [`TextInput::text`].
    pub fn position_of(&self, offset: usize) -> (usize, usize) {
        let mut start = 0;
        for (r, line) in self.lines.iter().enumerate() {
            let end = start + line.len();
            if offset <= end || r + 1 == self.lines.len() {
                let within = offset.saturating_sub(start).min(line.len());
                let col = line.char_indices().take_while(|(i, _)| *i < within).count();
                return (r, col);
            }
            start = end + 1;
        }
        (0, 0)
    }

    /// The run of letters, digits and `_` just before the cursor.
    fn word_before_cursor(&self) -> String {
        let line = &self.lines[self.row];
        let before: Vec<char> = line.chars().take(self.col).collect();
        let start = before
            .iter()
            .rposition(|c| !(c.is_alphanumeric() || *c == '_'))
            .map_or(0, |p| p + 1);
        before[start..].iter().collect()
    }

    /// Complete the field code before the cursor (Tab in the query editor). A unique match
    /// is completed with its `:`; several matches are completed to their common prefix and
    /// returned so that they can be shown.
    pub fn complete_field_code(&mut self) -> Vec<&'static str> {
        let word = self.word_before_cursor().to_ascii_lowercase();
        if word.is_empty() {
            return Vec::new();
        }
        let candidates: Vec<&'static str> = crate::query::fields::CODES
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| c.starts_with(&word))
            .collect();
        let insert = match candidates.as_slice() {
            [] => return Vec::new(),
            [one] => format!("{}:", one.get(word.len()..).unwrap_or_default()),
            many => {
                let first = many[0];
                let common = (word.len()..=first.len())
                    .rev()
                    .find(|&n| many.iter().all(|c| c.get(..n) == first.get(..n)))
                    .unwrap_or(word.len());
                first
                    .get(word.len()..common)
                    .unwrap_or_default()
                    .to_string()
            }
        };
        for c in insert.chars() {
            self.apply(InputKey::Char(c));
        }
        if candidates.len() == 1 {
            Vec::new()
        } else {
            candidates
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> TextInput {
        let mut t = TextInput::new(true);
        for c in s.chars() {
            t.apply(InputKey::Char(c));
        }
        t
    }

    #[test]
    fn ctrl_u_w_k_erase_to_the_start_a_word_and_to_the_end_of_the_line() {
        let mut t = typed("énergie solaire  pompe");
        // Ctrl-W takes the word before the cursor and the spaces after it.
        t.apply(InputKey::EraseWord);
        assert_eq!(t.text(), "énergie solaire  ");
        t.apply(InputKey::EraseWord);
        assert_eq!(t.text(), "énergie ");
        assert_eq!(t.cursor(), (0, 8));
        // Ctrl-K from the middle keeps what is before the cursor.
        t.apply(InputKey::Left);
        t.apply(InputKey::Left);
        t.apply(InputKey::EraseToEnd);
        assert_eq!(t.text(), "énergi");
        // Ctrl-U on the second line leaves the first alone.
        t.apply(InputKey::Newline);
        for c in "pump*".chars() {
            t.apply(InputKey::Char(c));
        }
        t.apply(InputKey::EraseToStart);
        assert_eq!(t.text(), "énergi\n");
        assert_eq!(t.cursor(), (1, 0));
        t.apply(InputKey::EraseWord);
        assert_eq!(
            t.text(),
            "énergi\n",
            "nothing before the cursor: nothing erased"
        );
    }

    #[test]
    fn editing_keys_move_and_join_lines() {
        let mut t = typed("solar");
        t.apply(InputKey::Newline);
        for c in "pump".chars() {
            t.apply(InputKey::Char(c));
        }
        assert_eq!(t.text(), "solar\npump");
        t.apply(InputKey::Home);
        t.apply(InputKey::Backspace);
        assert_eq!(t.text(), "solarpump");
        assert_eq!(t.cursor(), (0, 5));
        t.apply(InputKey::Delete);
        assert_eq!(t.text(), "solarump");
        t.apply(InputKey::End);
        t.apply(InputKey::Left);
        t.apply(InputKey::Char('é'));
        assert_eq!(t.text(), "solarumép");
        assert_eq!(t.byte_offset(), "solarumé".len());
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_in_one_go() {
        let mut t = typed("(x) pump*");
        for _ in 0.." pump*".len() {
            t.apply(InputKey::Left);
        }
        t.insert_str("(solar OR photovoltaic*)\r\nAND");
        assert_eq!(t.text(), "(x)(solar OR photovoltaic*)\nAND pump*");
        assert_eq!(t.cursor(), (1, 3));
        let mut one = TextInput::single("a");
        one.insert_str(" b\nc\td\u{7}");
        assert_eq!(one.text(), "a b c d");
        // A long paste is inserted at once, not key by key.
        let long = "word ".repeat(200_000);
        let mut t = TextInput::new(true);
        let started = std::time::Instant::now();
        t.insert_str(&long);
        assert_eq!(t.text().len(), long.len());
        assert!(started.elapsed().as_secs() < 2, "{:?}", started.elapsed());
    }

    #[test]
    fn single_line_inputs_ignore_new_lines() {
        let mut t = TextInput::single("a b");
        t.apply(InputKey::Newline);
        assert_eq!(t.text(), "a b");
    }

    #[test]
    fn byte_offsets_map_to_rows_and_columns() {
        let mut t = TextInput::new(true);
        t.set_text("ab\nçd ef");
        assert_eq!(t.position_of(0), (0, 0));
        assert_eq!(t.position_of(3), (1, 0));
        assert_eq!(t.position_of(3 + "çd ".len()), (1, 3));
    }

    #[test]
    fn tab_completes_unique_codes_and_common_prefixes() {
        let mut t = typed("solar AND ip");
        assert!(t.complete_field_code().is_empty());
        assert_eq!(t.text(), "solar AND ipc:");
        let mut t = typed("p");
        let shown = t.complete_field_code();
        assert!(
            shown.contains(&"pa") && shown.contains(&"pmid"),
            "{shown:?}"
        );
        assert_eq!(t.text(), "p");
        let mut t = typed("pm");
        t.complete_field_code();
        assert_eq!(t.text(), "pmid:");
        let mut t = typed("zz");
        assert!(t.complete_field_code().is_empty());
        assert_eq!(t.text(), "zz");
    }
}
