//! The corpora: status, documents, index size and when each index was last built; the
//! progress of an indexing job is drawn over it, that of an embedding run (in the
//! background) on its last row.

use super::{dim, heading, human_bytes, selected, visible_offset};
use crate::columns::Pad;
use crate::tui::state::{EmbedJob, State};
use crate::tui::strings::fill;
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
    // The last row: the embedding run, else the selected corpus's vectors.
    let embed_row = match &s.embed_job {
        Some(job) => Some(embed_line(s, job)),
        None => s
            .corpora
            .get(s.corpora_cursor.selected)
            .filter(|c| c.indexed)
            .map(|c| meaning_line(s, c.meaning)),
    };
    // The last row wraps onto a second one when it is too long for the width.
    let foot = embed_row.as_ref().map_or(0u16, |text| {
        let width = crate::columns::width(text) + 1;
        if width > usize::from(inner.width) {
            2
        } else {
            1
        }
    });
    let h = usize::from(inner.height.saturating_sub(1 + foot));
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
    if let Some(text) = embed_row {
        if inner.height > foot {
            let last = Rect {
                y: inner.y + inner.height - foot,
                height: foot,
                ..inner
            };
            let text = Paragraph::new(Line::styled(format!(" {text}"), heading()))
                .wrap(ratatui::widgets::Wrap { trim: false });
            f.render_widget(text, last);
        }
    }
}

/// How much of a corpus has vectors for search by meaning.
pub fn meaning_line(s: &State, share: Option<crate::semantic::store::Share>) -> String {
    let st = s.strings();
    match share {
        None => st.meaning_unembedded.to_string(),
        Some(v) => {
            let mut text = fill(
                &fill(st.meaning_share, "with", &v.embedded.to_string()),
                "of",
                &v.embeddable.to_string(),
            );
            if v.stale {
                text.push_str(" · ");
                text.push_str(st.meaning_stale);
            }
            text
        }
    }
}

/// `h:mm:ss` of a number of seconds.
fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0).round() as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// The embedding run's progress: documents done of those to do, then the rate and the time
/// left once the first batch is done.
pub fn embed_line(s: &State, job: &EmbedJob) -> String {
    let st = s.strings();
    let mut text = fill(
        &fill(
            &fill(st.embed_progress, "id", &job.corpus),
            "done",
            &job.done.to_string(),
        ),
        "total",
        &job.total.to_string(),
    );
    if job.per_second > 0.0 {
        let left = job.total.saturating_sub(job.done) as f64 / job.per_second;
        let rate = fill(
            &fill(st.embed_rate, "rate", &format!("{:.1}", job.per_second)),
            "eta",
            &clock(left),
        );
        text.push_str(" · ");
        text.push_str(&rate);
    }
    text
}

/// The run's progress for the tab bar: `embedding scifact: 42 %`, and a shorter form for
/// when that does not fit (`scifact: 42 %`).
pub fn embed_share(s: &State, job: &EmbedJob) -> (String, String) {
    let done = job
        .done
        .saturating_mul(100)
        .checked_div(job.total)
        .map_or_else(|| "…".to_string(), |p| format!("{} %", p.min(100)));
    let long = fill(
        &fill(s.strings().embed_share, "id", &job.corpus),
        "pct",
        &done,
    );
    (long, format!("{}: {done}", job.corpus))
}
