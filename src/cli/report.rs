//! `tisc report`: write the search report of a case as Markdown, HTML or JSON.
//!
//! Reading a case needs no lock, so a report can be written while another process works on
//! the case. A copy of each report is kept in the case's `exports/` folder.

use super::case::{case_error, parse_id, parse_lang, store};
use crate::case::ReportLang;
use crate::config::Config;
use crate::corpus::Workspace;
use crate::report::{Format, Report};
use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportFormat {
    /// Markdown (GitHub-style tables)
    Md,
    /// One self-contained HTML file, for the screen and A4 paper
    Html,
    /// JSON (schema in docs/report-format.md)
    Json,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// The case
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// Output format
    #[arg(long, value_enum, default_value = "md")]
    pub format: ReportFormat,
    /// Language of the report: en, fr, es, pt or ar (default: the case's language)
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<ReportLang>,
    /// Write to this file instead of the standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Create the folders of the -o path that do not exist yet
    #[arg(long, requires = "output")]
    pub mkdir: bool,
    /// Name of the searcher printed on the report (default: `[report] searcher` in
    /// config.toml)
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub searcher: Option<String>,
    /// Organisation printed on the report (default: `[report] organisation` in config.toml)
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub organisation: Option<String>,
}

/// A name for the report: one line, not blank.
fn parse_name(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        return Err("is empty".into());
    }
    if s.chars().any(char::is_control) {
        return Err("must be one line, without control characters".into());
    }
    Ok(s.trim().to_string())
}

pub fn run(ws: &Workspace, a: ReportArgs, config: &Config) -> anyhow::Result<()> {
    if let Some(path) = &a.output {
        crate::cli::output_folder(path, a.mkdir)?;
    }
    let st = store(ws);
    let case = st.open(&a.id).map_err(case_error)?;
    let lang = a.lang.unwrap_or(case.language);
    let format = match a.format {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
    };
    let now = crate::model::time::check_source_date_epoch()
        .map_err(|e| crate::cli::usage(e.to_string()))?;
    let searcher = a.searcher.or_else(|| config.report.searcher.clone());
    let organisation = a
        .organisation
        .or_else(|| config.report.organisation.clone());
    let text = Report::build(&case, lang, &now.to_string())
        .signed(searcher, organisation)
        .render(format)?;
    let copy_name = format!("report-{}.{}", lang.code(), format.extension());
    let copy = st.save_export(&a.id, &copy_name, text.as_bytes());
    match &a.output {
        Some(path) => {
            crate::fsutil::write_output(path, text.as_bytes())
                .with_context(|| format!("{}: cannot write the report", path.display()))?;
            crate::errln!("wrote {}", path.display());
        }
        None => {
            let mut out = crate::cli::output::stdout();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    if let Err(e) = copy {
        crate::errln!("warning: no copy kept in the case folder: {e}");
    }
    Ok(())
}
