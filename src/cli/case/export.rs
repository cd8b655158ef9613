//! `tisc case export`: a case's citations for a reference manager or a spreadsheet — RIS,
//! BibTeX (biblatex) or CSV — from the snapshots kept in the case (no index needed).

use super::{case_error, parse_id, store};
use crate::corpus::Workspace;
use crate::export::{case_export, CaseFormat};
use anyhow::Context;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// CSV (RFC 4180, UTF-8): one row per citation, with category, claims, passages and note
    Csv,
    /// RIS for Zotero, EndNote, Mendeley (patents as PAT, articles as JOUR)
    Ris,
    /// BibTeX in biblatex style (@patent, @article) for JabRef and LaTeX
    Bibtex,
}

// The command's help: on the arguments, so that `case.rs` only names the command.
#[derive(Args, Debug)]
#[command(
    about = "Export the citations of a case for a reference manager or a spreadsheet (RIS, BibTeX, CSV)",
    long_about = "Export the citations of a case from the data kept in the case (no index needed).\n\n\
RIS (Zotero, EndNote, Mendeley: patents as PAT, articles as JOUR), BibTeX in biblatex style\n\
(@patent with number, holder, date; @article with doi and the PMID as eprint) for JabRef and\n\
LaTeX, or CSV (RFC 4180) for a spreadsheet. Each record links the document's public page\n\
(Espacenet, PubMed or doi.org) and keeps the category, claims, passages and note.",
    after_help = "Examples:\n  tisc case export solar-pump --format ris -o solar-pump.ris\n  tisc case export solar-pump --format bibtex > solar-pump.bib\n  tisc case export solar-pump --format csv -o exports/solar-pump.csv --mkdir"
)]
pub struct ExportArgs {
    /// The case
    #[arg(value_parser = parse_id)]
    pub id: String,
    /// Output format
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of the standard output
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Create the folders of the -o path that do not exist yet
    #[arg(long, requires = "output")]
    pub mkdir: bool,
}

pub(super) fn run(ws: &Workspace, a: ExportArgs) -> anyhow::Result<()> {
    let case = store(ws).open(&a.id).map_err(case_error)?;
    let format = match a.format {
        ExportFormat::Csv => CaseFormat::Csv,
        ExportFormat::Ris => CaseFormat::Ris,
        ExportFormat::Bibtex => CaseFormat::Bibtex,
    };
    let text = case_export(&case.citations, format);
    match &a.output {
        Some(path) => {
            crate::cli::output_folder(path, a.mkdir)?;
            crate::fsutil::write_output(path, text.as_bytes())
                .with_context(|| format!("{}: cannot write the export", path.display()))?;
            crate::errln!(
                "wrote {} ({})",
                path.display(),
                crate::lang::cli::CITATIONS.count("en", case.citations.len() as u64)
            );
        }
        None => {
            // Written as is: every writer has already made control characters spaces, and
            // RIS and CSV end their lines with CR LF, which the cleaning writer would show.
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}
