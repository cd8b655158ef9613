//! The cases list and the view of the open case: its subject, disclosure, cutoff, client,
//! language, strategies, citations and notes.

use super::{dim, heading, selected, visible_offset};
use crate::columns::Pad;
use crate::tui::state::State;
use ratatui::layout::Rect;
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use ratatui::Frame;

pub fn render_list(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let block = Block::bordered()
        .border_style(dim())
        .title(format!(" {} ", st.cases));
    let inner = block.inner(area);
    f.render_widget(block, area);
    if s.cases.is_empty() {
        f.render_widget(Line::from(format!(" {}", st.no_cases)), inner);
        return;
    }
    let head = Line::styled(
        format!(
            " {:<20} {:>10} {:>10}  {:<20}  {}",
            Pad(st.name),
            Pad(st.strategies),
            Pad(st.citations),
            Pad(st.updated),
            st.title
        ),
        heading(),
    );
    let h = usize::from(inner.height.saturating_sub(1));
    let offset = visible_offset(s.cases_cursor.selected, s.cases_cursor.offset, h);
    let mut rows = vec![head];
    for (i, c) in s.cases.iter().enumerate().skip(offset).take(h) {
        let open = if s.case.as_ref().is_some_and(|o| o.id == c.id) {
            "●"
        } else {
            " "
        };
        let updated: String = c.updated_at.chars().take(19).collect();
        let line = Line::from(format!(
            "{open}{:<20} {:>10} {:>10}  {:<20}  {}",
            Pad(&c.id),
            c.history.len(),
            c.citations.len(),
            updated,
            c.title
        ));
        rows.push(if i == s.cases_cursor.selected {
            line.style(selected())
        } else {
            line
        });
    }
    f.render_widget(Paragraph::new(rows), inner);
}

fn field<'a>(st: &crate::tui::strings::Strings, label: &str, value: String) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label}{} ", st.colon), heading()),
        Span::raw(value),
    ])
}

pub fn render_case(s: &State, f: &mut Frame, area: Rect) {
    let st = s.strings();
    let Some(c) = &s.case else {
        f.render_widget(Line::from(format!(" {}", st.need_case)), area);
        return;
    };
    let dash = |v: Option<String>| v.filter(|v| !v.is_empty()).unwrap_or_else(|| "—".into());
    let mut lines = vec![
        field(st, st.title, c.title.clone()),
        field(st, st.client, dash(c.client.clone())),
        field(
            st,
            st.cutoff.split(" (").next().unwrap_or(st.cutoff),
            dash(c.cutoff.map(|d| d.to_string())),
        ),
        field(st, st.language, c.language.code().to_string()),
        field(
            st,
            st.corpora,
            if c.corpora.is_empty() {
                st.every_corpus.to_string()
            } else {
                c.corpora.join(", ")
            },
        ),
        Line::default(),
        Line::styled(st.disclosure, heading()),
    ];
    for l in c.disclosure.as_deref().unwrap_or("—").lines() {
        lines.push(Line::from(format!("  {l}")));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{} ({})", st.strategies, c.history.len()),
        heading(),
    ));
    for h in &c.history {
        let hits: Vec<String> = h
            .hits
            .iter()
            .map(|x| format!("{}: {}", x.corpus, x.hits))
            .collect();
        lines.push(Line::from(vec![
            Span::styled(format!("  #{:<3}", h.number), heading()),
            Span::raw(format!(
                " {:<20} {}",
                Pad(&hits.join(", ")),
                h.query.replace('\n', " ")
            )),
        ]));
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        format!("{} ({})", st.citations, c.citations.len()),
        heading(),
    ));
    for (i, ct) in c.citations.iter().enumerate() {
        let claims = crate::case::format_claims(&ct.claims);
        // The citation `d` would remove.
        let mark = if i == s.citation_cursor { "▶" } else { " " };
        lines.push(Line::from(vec![
            Span::styled(
                format!("{mark} {:<5}", ct.categories.to_string()),
                Style::default().fg(Color::Yellow),
            ),
            Span::raw(format!(
                " {:<16} {:<8} {}",
                Pad(&ct.doc.id),
                Pad(&claims),
                ct.snapshot
                    .biblio
                    .title_in(&c.language.as_lang())
                    .unwrap_or("")
            )),
        ]));
        for p in &ct.passages {
            lines.push(Line::styled(
                format!("        {}{}{}", st.quote_open, p.text, st.quote_close),
                dim(),
            ));
        }
        if let Some(n) = &ct.note {
            lines.push(Line::styled(
                format!("        {}{} {n}", st.note, st.colon),
                dim(),
            ));
        }
    }
    if !c.notes.is_empty() {
        lines.push(Line::default());
        lines.push(Line::styled(
            format!("{} ({})", st.notes, c.notes.len()),
            heading(),
        ));
        for n in &c.notes {
            lines.push(Line::from(format!("  {}", n.text)));
        }
    }
    let scroll = s.case_scroll.min(lines.len().saturating_sub(1));
    let block = Block::bordered()
        .border_style(dim())
        .title(format!(" {} {} ", st.case, c.id));
    let p = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((scroll as u16, 0))
        .block(block);
    f.render_widget(p, area);
}
