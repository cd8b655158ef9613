//! `tisc corpora`: the defined corpora, their documents and index sizes.

use crate::corpus::{self, Origin, Workspace};
use crate::index::IndexState;
use clap::Args;

#[derive(Args, Debug)]
pub struct CorporaArgs {
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ListFormat,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

#[derive(serde::Serialize)]
struct Row {
    name: String,
    kind: String,
    documents: Option<u64>,
    index_bytes: Option<u64>,
    built_at: Option<String>,
    status: String,
    /// Documents with a vector (search by meaning), as of the last `tisc embed`; null when
    /// the corpus was never embedded.
    embedded: Option<u64>,
    /// Documents in a language the model reads, as of the last `tisc embed`.
    embeddable: Option<u64>,
    /// Whether the index changed since the last `tisc embed` (new documents have no vector).
    embedded_stale: bool,
    /// The index has no unstemmed copy (`tisc index --stems-only`); as the definition asks
    /// when there is no index.
    stems_only: bool,
    /// `lz4` or `zstd` (`tisc index --store-compression`).
    store_compression: &'static str,
    origin: String,
    description: String,
}

/// What a table row's status adds for an index not in the default layout.
fn layout_note(l: &crate::index::Layout) -> String {
    let mut parts = Vec::new();
    if l.stems_only {
        parts.push("stems only".to_string());
    }
    if !l.store_compression.is_default() {
        parts.push(format!("{} store", l.store_compression.as_str()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

pub fn run(ws: &Workspace, args: CorporaArgs) -> anyhow::Result<()> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for entry in corpus::list(ws) {
        let c = match entry {
            Ok(c) => c,
            Err(e) => {
                problems.push(e.to_string());
                continue;
            }
        };
        let st = corpus::status(ws, &c);
        let status = match (&st.index, &st.unavailable) {
            (IndexState::Stale(_), _) => {
                format!(
                    "index from another tisc version: run `tisc index {}`",
                    c.name()
                )
            }
            (IndexState::Current(m), _) => format!("indexed{}", layout_note(&m.layout)),
            (IndexState::Outdated(_, (new, changed, removed)), _) => format!(
                "indexed; files changed since: {new} new, {changed} changed, {removed} removed — run `tisc index {}`",
                c.name()
            ),
            (IndexState::Missing, Some(why)) => format!("unavailable: {why}"),
            (IndexState::Missing, None) => format!("not indexed: run `tisc index {}`", c.name()),
        };
        let meta = st.index.meta();
        let layout = meta.map_or_else(|| c.def.layout(), |m| m.layout);
        let dir = ws.index_dir(c.name());
        let share = match crate::semantic::store::share(&dir, meta.map(|m| m.documents)) {
            Ok(s) => s,
            Err(e) => {
                problems.push(e.to_string());
                None
            }
        };
        rows.push(Row {
            embedded: share.map(|v| v.embedded),
            embeddable: share.map(|v| v.embeddable),
            embedded_stale: share.is_some_and(|v| v.stale),
            stems_only: layout.stems_only,
            store_compression: layout.store_compression.as_str(),
            name: st.name.clone(),
            kind: format!("{:?}", st.kind).to_lowercase(),
            documents: meta.map(|m| m.documents),
            index_bytes: st.index_bytes,
            built_at: meta.map(|m| m.built_at.to_string()),
            status,
            origin: match c.origin {
                Origin::BuiltIn => "built-in".into(),
                Origin::User(p) => p.display().to_string(),
            },
            description: c.def.description.clone().unwrap_or_default(),
        });
    }
    match args.format {
        ListFormat::Json => crate::outln!("{}", crate::cli::output::json_pretty(&rows)?),
        ListFormat::Table => {
            crate::outln!(
                "{:<16} {:<10} {:>9} {:>10} {:>11}  status",
                "corpus",
                "kind",
                "documents",
                "index",
                "embedded"
            );
            for r in &rows {
                let embedded = match (r.embedded, r.embeddable) {
                    (Some(e), Some(of)) if e > 0 || of > 0 => {
                        format!("{e}/{of}{}", if r.embedded_stale { "*" } else { "" })
                    }
                    _ => "—".to_string(),
                };
                crate::outln!(
                    "{:<16} {:<10} {:>9} {:>10} {:>11}  {}",
                    super::output::Pad(&r.name),
                    super::output::Pad(&r.kind),
                    r.documents.map_or("-".into(), |d| d.to_string()),
                    r.index_bytes.map_or("-".into(), super::output::human_bytes),
                    super::output::Pad(&embedded),
                    r.status
                );
            }
            if rows.iter().any(|r| r.embedded_stale) {
                crate::outln!(
                    "* the index changed since the last `tisc embed`: run it again to embed the new documents"
                );
            }
        }
    }
    for p in problems {
        crate::errln!("warning: {p}");
    }
    Ok(())
}
