//! `tisc case claims`, `tisc case check` and `tisc case complete`: the invention's claims or
//! features, the consistency of the citations with them and with the case's dates, and the
//! date the search was completed.

use super::values::parse_cutoff;
use super::{case_error, finish, store, ShowFormat};
use crate::case::{check, ClaimsKind};
use crate::cli::usage;
use crate::corpus::Workspace;
use crate::model::Date;
use clap::Args;
use std::io::Read;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ClaimsArgs {
    #[arg(value_parser = super::parse_id)]
    pub id: String,
    /// Plain text: one claim (or feature) per paragraph, each starting with its number (`1.`);
    /// `-` reads standard input
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The paragraphs are the key features of an early idea, not drafted claims
    #[arg(long)]
    pub features: bool,
}

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[arg(value_parser = super::parse_id)]
    pub id: String,
    /// Output format (json: an array of problems, each with a `problem` kind and `doc`)
    #[arg(long, value_enum, default_value = "text")]
    pub format: ShowFormat,
}

#[derive(Args, Debug)]
#[command(group(clap::ArgGroup::new("when").args(["date", "reopen"])))]
pub struct CompleteArgs {
    #[arg(value_parser = super::parse_id)]
    pub id: String,
    /// Date the search was completed (default: today, UTC)
    #[arg(long, value_parser = parse_cutoff, value_name = "YYYY-MM-DD")]
    pub date: Option<Date>,
    /// Back to draft: the report no longer states a date of completion
    #[arg(long)]
    pub reopen: bool,
}

/// Read the claims file (or standard input) as bytes: an unreadable one is bad input.
fn read_claims_file(path: &std::path::Path) -> anyhow::Result<Vec<u8>> {
    if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| usage(format!("standard input: cannot read the claims: {e}")))?;
        return Ok(buf);
    }
    std::fs::read(path)
        .map_err(|e| usage(format!("{}: cannot read the claims: {e}", path.display())))
}

pub(super) fn claims(ws: &Workspace, a: ClaimsArgs) -> anyhow::Result<()> {
    let bytes = read_claims_file(&a.file)?;
    let name = if a.file.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        a.file.display().to_string()
    };
    let parsed = crate::case::parse_claims_text(&bytes)
        .map_err(|e| usage(format!("{name}:{}: {}", e.line, e.message)))?;
    let kind = if a.features {
        ClaimsKind::Features
    } else {
        ClaimsKind::Claims
    };
    let (one, many) = if a.features {
        ("feature", "features")
    } else {
        ("claim", "claims")
    };
    let mut w = store(ws).open_write(&a.id).map_err(case_error)?;
    let replaced = !w.case().claims.is_empty();
    let n = parsed.len();
    w.set_claims(kind, parsed).map_err(case_error)?;
    let stale = w.case().stale_claims().len();
    crate::outln!(
        "recorded {n} {} in case `{}`{}",
        if n == 1 { one } else { many },
        a.id,
        if replaced {
            " (the earlier set is kept in the case's history)"
        } else {
            ""
        }
    );
    if stale > 0 {
        crate::errln!(
            "warning: {stale} {} claims no longer there — `tisc case check {}` lists them",
            if stale == 1 {
                "citation names"
            } else {
                "citations name"
            },
            a.id
        );
    }
    finish(w)
}

pub(super) fn check_case(ws: &Workspace, a: CheckArgs) -> anyhow::Result<()> {
    let case = store(ws).open(&a.id).map_err(case_error)?;
    let problems = check(&case);
    match a.format {
        ShowFormat::Json => crate::outln!("{}", crate::cli::output::json_pretty(&problems)?),
        ShowFormat::Text if problems.is_empty() => {
            crate::outln!("case `{}`: no problem found", a.id);
        }
        ShowFormat::Text => {
            for p in &problems {
                crate::outln!("{p}");
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let n = problems.len();
        Err(usage(format!(
            "case `{}`: {n} problem{} to fix before the report is sent",
            a.id,
            if n == 1 { "" } else { "s" }
        )))
    }
}

/// Today in UTC (or the `SOURCE_DATE_EPOCH` day, which pins every timestamp).
fn today() -> Option<Date> {
    let now = crate::model::time::now().to_string();
    now.get(..10).and_then(|d| Date::parse(d).ok())
}

pub(super) fn complete(ws: &Workspace, a: CompleteArgs) -> anyhow::Result<()> {
    let on = if a.reopen {
        None
    } else {
        Some(
            a.date
                .or_else(today)
                .ok_or_else(|| anyhow::anyhow!("cannot tell today's date"))?,
        )
    };
    let mut w = store(ws).open_write(&a.id).map_err(case_error)?;
    w.complete(on).map_err(case_error)?;
    match on {
        Some(d) => crate::outln!("case `{}` completed on {d}", a.id),
        None => crate::outln!("case `{}` is a draft again", a.id),
    }
    finish(w)
}
