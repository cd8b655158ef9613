//! `tisc case show`: a case as text (subject, dates, status, claims, history, citations,
//! notes) or as the JSON stored.

use super::{case_error, store, ShowArgs, ShowFormat};
use crate::case::{ClaimsKind, ReportLang};
use crate::corpus::Workspace;
use std::io::Write;

pub(super) fn show(ws: &Workspace, a: ShowArgs) -> anyhow::Result<()> {
    let c = store(ws).open(&a.id).map_err(case_error)?;
    if a.format == ShowFormat::Json {
        crate::outln!("{}", crate::cli::output::json_pretty(&c)?);
        return Ok(());
    }
    let dash = |v: String| if v.is_empty() { "-".to_string() } else { v };
    let mut out = crate::cli::output::stdout();
    writeln!(out, "case {} — {}", c.id, c.title)?;
    if let Some(cl) = &c.client {
        writeln!(out, "client:   {cl}")?;
    }
    let date = |d: Option<crate::model::Date>| dash(d.map(|d| d.to_string()).unwrap_or_default());
    writeln!(
        out,
        "language: {}    cutoff: {}    priority: {}    filed: {}",
        c.language.code(),
        date(c.cutoff),
        date(c.priority_date),
        date(c.filing_date)
    )?;
    match c.completed_on {
        Some(d) => writeln!(out, "status:   completed on {d}")?,
        None => writeln!(out, "status:   draft")?,
    }
    let ipc: Vec<String> = c.ipc.iter().map(crate::report::ipc_display).collect();
    writeln!(out, "IPC:      {}", dash(ipc.join("; ")))?;
    let corpora = c.corpora.join(", ");
    let corpora = if corpora.is_empty() {
        "every indexed corpus".into()
    } else {
        corpora
    };
    writeln!(out, "corpora:  {corpora}")?;
    writeln!(
        out,
        "created:  {}    updated: {}",
        c.created_at, c.updated_at
    )?;
    if !c.claims.is_empty() {
        let what = match c.claims_kind {
            ClaimsKind::Claims => "claims",
            ClaimsKind::Features => "features",
        };
        writeln!(out, "\n{what} ({})", c.claims.len())?;
        for cl in &c.claims {
            writeln!(out, "  {}. {}", cl.number, cl.text)?;
        }
    }
    writeln!(out, "\nhistory ({})", c.history.len())?;
    for s in &c.history {
        let hits: Vec<String> = s
            .hits
            .iter()
            .map(|h| format!("{}: {}", h.corpus, h.hits))
            .collect();
        writeln!(
            out,
            "  #{:<3} {:<20} {}  {}",
            s.number,
            s.at,
            hits.join(", "),
            s.query
        )?;
    }
    if !c.removed_history.is_empty() {
        writeln!(out, "\nremoved or corrected ({})", c.removed_history.len())?;
        for r in &c.removed_history {
            let how = if r.amended { "corrected" } else { "removed" };
            writeln!(
                out,
                "  #{:<3} {how} {}  {}",
                r.strategy.number, r.removed_at, r.strategy.query
            )?;
        }
    }
    writeln!(out, "\ncitations ({})", c.citations.len())?;
    let labels = crate::report::strings::labels(ReportLang::En);
    for ct in &c.citations {
        // A citation that names no claim covers none: "—", as in the report.
        let claims = if ct.claims.is_empty() {
            "—".to_string()
        } else {
            crate::lang::cli::CLAIMS.count_shown(
                "en",
                ct.claims.len() as u64,
                &crate::case::format_claims(&ct.claims),
            )
        };
        let title = crate::cli::output::truncate(
            ct.snapshot
                .biblio
                .title_in(&c.language.as_lang())
                .unwrap_or(""),
            60,
        );
        let cats = ct.categories.to_string();
        writeln!(
            out,
            "  {cats:<5} {:<18} {claims:<15} {title}",
            crate::cli::output::Pad(&ct.doc.id)
        )?;
        for p in &ct.passages {
            let place = crate::report::passage_place(p, labels).map(|p| format!(" ({p})"));
            writeln!(out, "        “{}”{}", p.text, place.unwrap_or_default())?;
        }
        if !ct.combined_with.is_empty() {
            writeln!(
                out,
                "        in combination with {}",
                ct.combined_with.join(", ")
            )?;
        }
        if !ct.family.is_empty() {
            let members: Vec<&str> = ct.family.iter().map(|m| m.id.as_str()).collect();
            writeln!(out, "        family: {}", members.join(", "))?;
        }
        if let Some(n) = &ct.note {
            writeln!(out, "        note: {n}")?;
        }
    }
    if !c.notes.is_empty() {
        writeln!(out, "\nnotes ({})", c.notes.len())?;
        for n in &c.notes {
            writeln!(out, "  {}  {}", n.at, n.text)?;
        }
    }
    Ok(())
}
