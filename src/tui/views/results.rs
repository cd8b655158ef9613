//! The results list: corpus badge, date, id, markers (after cutoff, cited) and title, one
//! row per hit. Only the visible rows are built, so scrolling 10,000 hits is as fast as 10.

use super::{dim, heading, selected, visible_offset};
use crate::tui::state::{Sort, State};
use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

pub fn render(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let r = &s.results;
    let [summary, list, legend] = Layout::vertical([
        Constraint::Length(2),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);

    let mut head = vec![Span::styled(format!(" {} ", st.results), heading())];
    if r.searching {
        head.push(Span::raw(st.searching));
    } else if r.query.is_empty() {
        head.push(Span::styled(st.write_query, dim()));
    } else {
        let per: Vec<String> = r
            .per_corpus
            .iter()
            .map(|(c, n)| format!("{n} {} {} {c}", st.hits, st.in_corpus))
            .collect();
        let sort = match r.sort {
            Sort::Rank => st.by_rank,
            Sort::Date => st.by_date,
        };
        head.push(Span::raw(format!(
            "{} — {} {} · {sort}",
            per.join(" · "),
            r.hits.len(),
            st.showing
        )));
    }
    let q = Line::styled(format!(" {}", r.query.replace('\n', " ")), dim());
    f.render_widget(Paragraph::new(vec![Line::from(head), q]), summary);

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
        .map(|(c, _)| c.chars().count())
        .max()
        .unwrap_or(4)
        + 2;
    let rows: Vec<Line> = r
        .order
        .iter()
        .enumerate()
        .skip(offset)
        .take(h)
        .filter_map(|(pos, &i)| r.hits.get(i).map(|hit| (pos, hit)))
        .map(|(pos, hit)| {
            let date = hit.date.map_or("—".to_string(), |d| d.to_string());
            let cut = if hit.after_cutoff { "!" } else { " " };
            let cited = if s.is_cited(&hit.id) { "✓" } else { " " };
            let line = Line::from(vec![
                Span::styled(format!("{:>5} ", hit.rank), dim()),
                Span::styled(
                    format!("{:<badge_w$}", format!("[{}]", hit.corpus)),
                    Style::default().fg(Color::Cyan),
                ),
                Span::raw(format!(" {date:<10}")),
                Span::styled(cut, Style::default().fg(Color::Yellow)),
                Span::styled(cited, Style::default().fg(Color::Green)),
                Span::raw(format!(" {:<16} ", hit.id)),
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
    let mut marks = vec![format!("{}/{}", r.cursor.selected + 1, r.order.len())];
    if r.hits.iter().any(|h| h.after_cutoff) {
        marks.push(format!("! {}", st.after_cutoff));
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
