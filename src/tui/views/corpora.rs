//! The corpora: status, documents, index size and when each index was last built; the
//! progress of an indexing job is drawn over it.

use super::{dim, heading, human_bytes, selected, visible_offset};
use crate::columns::Pad;
use crate::tui::state::State;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn render(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let block = Block::bordered()
        .border_style(dim())
        .title(format!(" {} ", st.corpora));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let head = Line::styled(
        format!(
            " {:<16} {:<14} {:>10} {:>11}  {}",
            Pad(st.name),
            Pad(st.status),
            Pad(st.documents),
            Pad(st.index_size),
            st.last_ingest
        ),
        heading(),
    );
    let h = usize::from(inner.height.saturating_sub(1));
    let offset = visible_offset(s.corpora_cursor.selected, s.corpora_cursor.offset, h);
    let mut rows = vec![head];
    for (i, c) in s.corpora.iter().enumerate().skip(offset).take(h) {
        let (status, color) = if c.indexed {
            (st.indexed, Color::Green)
        } else if c.unavailable.is_some() {
            (st.unavailable, Color::DarkGray)
        } else {
            (st.not_indexed, Color::Yellow)
        };
        let (docs, size, built) = if c.indexed {
            let built: String = c
                .built_at
                .as_deref()
                .unwrap_or("")
                .chars()
                .take(19)
                .collect();
            let mut when = built.replace('T', " ");
            if let Some(m) = &c.last_mirror {
                let m: String = m.chars().take(10).collect();
                when.push_str(&format!(" · {m}"));
                if c.mirror_failures > 0 {
                    let failed = st
                        .mirror_failed
                        .count(s.lang.code(), c.mirror_failures as u64);
                    when.push_str(&format!(" {failed}"));
                }
            }
            (c.documents.to_string(), human_bytes(c.index_bytes), when)
        } else {
            (
                String::new(),
                String::new(),
                c.unavailable.clone().unwrap_or_default(),
            )
        };
        let line = Line::from(vec![
            Span::raw(format!(" {:<16} ", Pad(&c.name))),
            Span::styled(format!("{:<14}", Pad(status)), Style::default().fg(color)),
            Span::raw(format!(" {docs:>10} {size:>11}  ")),
            Span::styled(built, dim()),
        ]);
        rows.push(if i == s.corpora_cursor.selected {
            line.style(selected())
        } else {
            line
        });
    }
    f.render_widget(Paragraph::new(rows), inner);
}
