//! The results list: corpus badge, date, id, markers (after cutoff, cited, family members),
//! the strategies that found the row and title, one row per hit (a patent family or an
//! article), and the snippet of the selected row under the list when there is room. Only
//! the visible rows are built, so scrolling 10,000 hits is as fast as 10.

use super::{dim, heading, selected, textbox, visible_offset};
use crate::columns::{width, Pad};
use crate::search::Hit;
use crate::tui::state::{Sort, State};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState, Wrap};
use ratatui::Frame;

/// Which strategies found a row: `#3` for one (its history number), `1:3 2:1` (strategy:
/// rank) for several.
pub fn strategies_cell(hit: &Hit) -> String {
    match hit.strategies.len() {
        1 => hit
            .strategies
            .keys()
            .map(|k| format!("#{k}"))
            .collect::<String>(),
        _ => hit
            .strategies
            .iter()
            .map(|(k, r)| format!("{k}:{r}"))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The family marker of a row: `+2` when it stands for three publications.
pub fn family_cell(hit: &Hit) -> String {
    if hit.family.len() > 1 {
        format!("+{}", hit.family.len() - 1)
    } else {
        String::new()
    }
}

/// The snippet of the selected row: where it is, then the text with the matches marked.
fn preview(hit: &Hit) -> Option<Line<'static>> {
    let sn = hit.snippet.as_ref()?;
    let mark = Style::default()
        .bg(Color::Yellow)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD);
    let mut spans = vec![Span::styled(format!("{}: ", sn.field), dim())];
    let mut at = 0;
    for &[a, b] in &sn.highlights {
        // Ranges come from the snippet itself; skip any that would not cut at characters.
        if a < at
            || b > sn.text.len()
            || !sn.text.is_char_boundary(a)
            || !sn.text.is_char_boundary(b)
        {
            continue;
        }
        spans.push(Span::raw(
            sn.text.get(at..a).unwrap_or_default().to_string(),
        ));
        spans.push(Span::styled(
            sn.text.get(a..b).unwrap_or_default().to_string(),
            mark,
        ));
        at = b;
    }
    spans.push(Span::raw(sn.text.get(at..).unwrap_or_default().to_string()));
    Some(Line::from(spans))
}

/// Rows at most of the counts line and of the strategy above the list.
const SUMMARY_ROWS: usize = 2;

/// Above the list: the hits per corpus, how many are shown and the sort, then the strategy;
/// each wraps (at most [`SUMMARY_ROWS`] rows) instead of being cut at the screen's edge.
fn summary_lines(s: &State, width: usize) -> Vec<Line<'static>> {
    let st = s.strings();
    let lang = s.lang.code();
    let r = &s.results;
    let room = width.saturating_sub(1).max(1);
    let (rest, style) = if r.searching {
        (st.searching.to_string(), Style::default())
    } else if r.query.is_empty() {
        (st.write_query.to_string(), dim())
    } else {
        let per: Vec<String> = r
            .per_corpus
            .iter()
            .map(|(c, n)| crate::tui::strings::fill(&st.hits.count(lang, *n), "corpus", c))
            .collect();
        let sort = match r.sort {
            Sort::Rank => st.by_rank,
            Sort::Date => st.by_date,
        };
        let shown = st.showing.count(lang, r.hits.len() as u64);
        // Search by meaning is shown once it has been asked for: on, or `—` when no corpus
        // could use it; off after it was turned off again.
        let meaning = match (s.meaning, r.meaning) {
            (_, Some(true)) => format!(" · {}", st.meaning_on),
            (_, Some(false)) => format!(" · {}", st.meaning_none),
            (true, None) => format!(" · {}", st.meaning_off),
            (false, None) => String::new(),
        };
        (
            format!("{} — {shown} · {sort}{meaning}", per.join(" · ")),
            Style::default(),
        )
    };
    let mut out = Vec::new();
    let head = textbox::clamp_rows(&format!("{} {rest}", st.results), room, SUMMARY_ROWS);
    for (i, row) in head.into_iter().enumerate() {
        match row.strip_prefix(st.results) {
            Some(tail) if i == 0 => out.push(Line::from(vec![
                Span::styled(format!(" {}", st.results), heading()),
                Span::styled(tail.to_string(), style),
            ])),
            _ => out.push(Line::styled(format!(" {row}"), style)),
        }
    }
    let query = r.query.replace('\n', " ");
    let rows = textbox::clamp_rows(&query, room, SUMMARY_ROWS);
    if rows.is_empty() {
        out.push(Line::default());
    }
    out.extend(
        rows.into_iter()
            .map(|q| Line::styled(format!(" {q}"), dim())),
    );
    out
}

pub fn render(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let r = &s.results;
    let preview_h = if r.hits.iter().any(|h| h.snippet.is_some()) {
        s.preview_rows()
    } else {
        0
    };
    let summary_lines = summary_lines(s, usize::from(area.width));
    let [summary, list, snippet, legend] = Layout::vertical([
        Constraint::Length(summary_lines.len() as u16),
        Constraint::Min(1),
        Constraint::Length(preview_h),
        Constraint::Length(1),
    ])
    .areas(area);
    f.render_widget(Paragraph::new(summary_lines), summary);

    let block = Block::bordered().border_style(dim());
    let inner = block.inner(list);
    f.render_widget(block, list);
    if r.hits.is_empty() {
        if !r.searching && !r.query.is_empty() {
            f.render_widget(Line::from(format!(" {}", st.no_hits)), inner);
        }
        return;
    }
    let h = usize::from(inner.height);
    let offset = visible_offset(r.cursor.selected, r.cursor.offset, h);
    let badge_w = r
        .per_corpus
        .iter()
        .map(|(c, _)| width(c))
        .max()
        .unwrap_or(4)
        + 2;
    let visible: Vec<(usize, &Hit)> = r
        .order
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .filter_map(|(pos, &i)| r.hits.get(i).map(|hit| (pos, hit)))
        .collect();
    // Columns as wide as their widest visible cell, so that one run's rows line up.
    let strat_w = visible
        .iter()
        .map(|(_, hit)| width(&strategies_cell(hit)))
        .max()
        .unwrap_or(0)
        .min(16);
    let fam_w = visible
        .iter()
        .map(|(_, hit)| width(&family_cell(hit)))
        .max()
        .unwrap_or(0);
    let rows: Vec<Line> = visible
        .into_iter()
        .map(|(pos, hit)| {
            let date = hit.date.map_or("—".to_string(), |d| d.to_string());
            let cut = match hit.after_cutoff {
                Some(true) => "!",
                Some(false) => " ",
                None => "?",
            };
            let cited = if s.is_cited(&hit.id) { "✓" } else { " " };
            let fam = if fam_w == 0 {
                String::new()
            } else {
                format!("{:<fam_w$} ", Pad(&family_cell(hit)))
            };
            let line = Line::from(vec![
                Span::styled(format!("{:>5} ", hit.rank), dim()),
                Span::styled(
                    format!("{:<badge_w$}", Pad(&format!("[{}]", hit.corpus))),
                    Style::default().fg(Color::Cyan),
                ),
                Span::raw(format!(" {date:<10}")),
                Span::styled(cut, Style::default().fg(Color::Yellow)),
                Span::styled(cited, Style::default().fg(Color::Green)),
                Span::raw(format!(" {:<16} ", Pad(&hit.id))),
                Span::styled(fam, Style::default().fg(Color::Magenta)),
                Span::styled(
                    format!("{:<strat_w$} ", Pad(&strategies_cell(hit))),
                    Style::default().fg(Color::Blue),
                ),
                Span::raw(hit.title.clone()),
            ]);
            if pos == r.cursor.selected {
                line.style(selected())
            } else {
                line
            }
        })
        .collect();
    f.render_widget(Paragraph::new(rows), inner);
    if r.order.len() > h {
        let mut sb = ScrollbarState::new(r.order.len().saturating_sub(h)).position(offset);
        f.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight),
            list.inner(Margin {
                vertical: 1,
                horizontal: 0,
            }),
            &mut sb,
        );
    }
    if preview_h > 0 {
        if let Some(line) = r.selected().and_then(preview) {
            // Indented by one column, wrapped lines too.
            let at = snippet.inner(Margin {
                vertical: 0,
                horizontal: 1,
            });
            f.render_widget(Paragraph::new(line).wrap(Wrap { trim: false }), at);
        }
    }
    let mut marks = vec![format!("{}/{}", r.cursor.selected + 1, r.order.len())];
    if r.hits.iter().any(|h| h.after_cutoff == Some(true)) {
        marks.push(format!("! {}", st.after_cutoff));
    }
    if r.hits.iter().any(|h| h.after_cutoff.is_none()) {
        marks.push(format!("? {}", st.date_unknown));
    }
    if s.case.as_ref().is_some_and(|c| !c.citations.is_empty()) {
        marks.push(format!("✓ {}", st.cited));
    }
    if !r.warnings.is_empty() {
        marks.push(r.warnings.join("; "));
    }
    f.render_widget(
        Line::styled(format!(" {}", marks.join(" · ")), dim()),
        legend,
    );
}
