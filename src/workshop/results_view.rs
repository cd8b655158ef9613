//! The results as a terminal table and as a self-contained HTML page, in the language asked.

use std::fmt::Write;

use super::{duration, labels, num, ExerciseStats, Results};
use crate::case::ReportLang;
use crate::columns::{truncate, Pad};
use crate::report::html::escape;
use crate::workshop::results_strings::{fill, ResultLabels};
use crate::workshop::score::Score;

/// The widest a name (a trainee, a document id) is shown in the terminal table.
const NAME_COLUMNS: usize = 32;

/// One line of text from a file, safe for a terminal and cut to `max` columns.
fn cell(s: &str, max: usize) -> String {
    truncate(&crate::sanitize::escape_line(s), max)
}

/// Columns aligned by display width, two spaces apart, numbers right-aligned.
fn aligned(out: &mut String, header: &[&str], rows: &[Vec<String>], right: &[bool]) {
    let mut widths: Vec<usize> = header.iter().map(|h| crate::columns::width(h)).collect();
    for row in rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(crate::columns::width(c));
        }
    }
    let line = |out: &mut String, cells: Vec<&str>| {
        let mut text = String::new();
        for (i, c) in cells.iter().enumerate() {
            let w = widths[i];
            if i > 0 {
                text.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                let _ = write!(text, "{:>w$}", Pad(c));
            } else {
                let _ = write!(text, "{:<w$}", Pad(c));
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(out, header.to_vec());
    for row in rows {
        line(out, row.iter().map(String::as_str).collect());
    }
}

fn exercise_header(l: &ResultLabels) -> [&'static str; 11] {
    [
        l.rank,
        l.trainee,
        l.f1,
        l.recall,
        l.precision,
        l.pres,
        l.map,
        l.strategies,
        l.time,
        l.categories_agree,
        l.found_not_cited,
    ]
}

/// The cells of a score's row (text not yet escaped); the trainee's name carries the late
/// mark.
fn exercise_cells(s: &Score, l: &ResultLabels) -> Vec<String> {
    let name = if s.late {
        format!("{} ({})", s.trainee, l.late_mark)
    } else {
        s.trainee.clone()
    };
    vec![
        s.rank.to_string(),
        name,
        num(s.f1),
        num(s.recall),
        num(s.precision),
        num(s.pres),
        num(s.map),
        s.strategies.to_string(),
        duration(s.elapsed_secs),
        format!("{}/{}", s.categories.agreeing(), s.cited_gold_families),
        s.found_not_cited.len().to_string(),
    ]
}

fn stats_line(st: &ExerciseStats, l: &ResultLabels) -> String {
    let median = st
        .median_secs
        .map_or_else(|| "-".to_string(), |m| duration(m.round() as u64));
    format!(
        "{}: {} · {}: {} · {}: {}",
        l.submissions, st.submissions, l.median_time, median, l.late_count, st.late
    )
}

fn trainee_header(l: &ResultLabels) -> [&'static str; 9] {
    [
        l.rank,
        l.trainee,
        l.exercises_done,
        l.mean_f1,
        l.mean_recall,
        l.mean_pres,
        l.mean_ap,
        l.total_time,
        l.late_count,
    ]
}

fn trainee_cells(t: &super::TraineeTotal) -> Vec<String> {
    vec![
        t.rank.to_string(),
        t.trainee.clone(),
        t.exercises.to_string(),
        num(t.mean_f1),
        num(t.mean_recall),
        num(t.mean_pres),
        num(t.map),
        duration(t.total_secs),
        t.late.to_string(),
    ]
}

/// The results as aligned text for a terminal.
pub fn table(r: &Results, lang: ReportLang) -> String {
    let l = labels(lang);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} — {} ({})\n",
        l.title,
        cell(&r.title, 60),
        cell(&r.pack, NAME_COLUMNS)
    );
    let _ = writeln!(out, "{}\n", l.by_exercise);
    let right = [
        true, false, true, true, true, true, true, true, true, true, true,
    ];
    for st in &r.exercises {
        let _ = writeln!(out, "{} {}", l.exercise, cell(&st.exercise, NAME_COLUMNS));
        let rows: Vec<Vec<String>> = r
            .rows
            .iter()
            .filter(|s| s.exercise == st.exercise)
            .map(|s| {
                let mut c = exercise_cells(s, l);
                c[1] = cell(&c[1], NAME_COLUMNS);
                c
            })
            .collect();
        if rows.is_empty() {
            let _ = writeln!(out, "  ({})\n", l.no_submissions);
            continue;
        }
        aligned(&mut out, &exercise_header(l), &rows, &right);
        let _ = writeln!(out, "{}", stats_line(st, l));
        let _ = writeln!(out, "{}:", l.most_missed);
        let missed: Vec<_> = st.missed.iter().filter(|m| m.missed_by > 0).collect();
        if missed.is_empty() {
            let _ = writeln!(out, "  {}", l.none_missed);
        }
        for m in missed {
            let _ = writeln!(
                out,
                "  {} ({}): {}",
                cell(&m.doc, NAME_COLUMNS),
                m.category,
                fill(l.missed_by, m.missed_by, st.submissions)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "{}\n", l.by_trainee);
    let rows: Vec<Vec<String>> = r
        .trainees
        .iter()
        .map(|t| {
            let mut c = trainee_cells(t);
            c[1] = cell(&c[1], NAME_COLUMNS);
            c
        })
        .collect();
    let right = [true, false, true, true, true, true, true, true, true];
    aligned(&mut out, &trainee_header(l), &rows, &right);
    let _ = writeln!(out, "\n{}", l.definitions);
    out
}

const STYLE: &str = "body{font:15px/1.45 system-ui,'Segoe UI',Arial,sans-serif;color:#1d2330;max-width:70em;margin:2em auto;padding:0 1em}\
h1{font-size:1.5em}h2{color:#1f4e79;border-bottom:2px solid #1f4e79;margin-top:1.6em}\
table{border-collapse:collapse;margin:.4em 0 .8em}th,td{border:1px solid #c9cfd9;padding:3px 7px;text-align:left}\
th{background:#f2f4f8}td.n{text-align:right;font-variant-numeric:tabular-nums}.late{color:#9c2f00}.muted{color:#5b6475}";

fn html_table(out: &mut String, header: &[&str], rows: &[Vec<String>], right: &[bool]) {
    out.push_str("<table>\n<tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let class = if right.get(i).copied().unwrap_or(false) {
                " class=\"n\""
            } else {
                ""
            };
            let _ = write!(out, "<td{class}>{}</td>", escape(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

/// The results as one self-contained HTML page (no external resource; every text escaped).
pub fn html(r: &Results, lang: ReportLang) -> String {
    let l = labels(lang);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        lang.code(),
        escape(l.title),
        escape(&r.title)
    );
    let _ = writeln!(
        out,
        "<h1>{} — {}</h1>\n<p class=\"muted\">{}: {}</p>",
        escape(l.title),
        escape(&r.title),
        escape(l.pack),
        escape(&r.pack)
    );
    let _ = writeln!(out, "<h2>{}</h2>", escape(l.by_exercise));
    let right = [
        true, false, true, true, true, true, true, true, true, true, true,
    ];
    for st in &r.exercises {
        let _ = writeln!(
            out,
            "<h3>{} {}</h3>",
            escape(l.exercise),
            escape(&st.exercise)
        );
        let rows: Vec<Vec<String>> = r
            .rows
            .iter()
            .filter(|s| s.exercise == st.exercise)
            .map(|s| exercise_cells(s, l))
            .collect();
        if rows.is_empty() {
            let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(l.no_submissions));
            continue;
        }
        html_table(&mut out, &exercise_header(l), &rows, &right);
        let _ = writeln!(out, "<p>{}</p>", escape(&stats_line(st, l)));
        let _ = writeln!(out, "<h4>{}</h4>", escape(l.most_missed));
        let missed: Vec<Vec<String>> = st
            .missed
            .iter()
            .filter(|m| m.missed_by > 0)
            .map(|m| {
                vec![
                    m.doc.clone(),
                    m.category.clone(),
                    fill(l.missed_by, m.missed_by, st.submissions),
                ]
            })
            .collect();
        if missed.is_empty() {
            let _ = writeln!(out, "<p class=\"muted\">{}</p>", escape(l.none_missed));
        } else {
            html_table(
                &mut out,
                &[l.gold_document, l.category, l.statistics],
                &missed,
                &[],
            );
        }
    }
    let _ = writeln!(out, "<h2>{}</h2>", escape(l.by_trainee));
    let rows: Vec<Vec<String>> = r.trainees.iter().map(trainee_cells).collect();
    let right = [true, false, true, true, true, true, true, true, true];
    html_table(&mut out, &trainee_header(l), &rows, &right);
    let _ = writeln!(
        out,
        "<p class=\"muted\">{}</p>\n</body>\n</html>",
        escape(l.definitions)
    );
    out
}
