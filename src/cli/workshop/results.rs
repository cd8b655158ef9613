//! `tisc workshop results`: score every submission in the trainer's folder against the pack's
//! gold and print the leaderboards and each exercise's statistics.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::submit::{family_of, fingerprint, open_corpus};
use super::workshop_error;
use crate::case::ReportLang;
use crate::cli::case::parse_lang;
use crate::cli::usage;
use crate::corpus::Workspace;
use crate::index::CorpusIndex;
use crate::workshop::score::{self, Families};
use crate::workshop::submit::is_main_file;
use crate::workshop::{gold, pack, results, Submission};

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultsFormat {
    /// Aligned text for a terminal
    Table,
    /// One self-contained HTML page
    Html,
    /// CSV (RFC 4180), one row per trainee and exercise
    Csv,
    /// A JSON array, one object per trainee and exercise
    Json,
}

#[derive(Args, Debug)]
pub struct ResultsArgs {
    /// The pack: a folder's path or a pack name (its gold.toml is needed)
    pub pack: String,
    /// The folder the submissions were written to (`tisc workshop submit … --to DIR`)
    pub dir: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    pub format: ResultsFormat,
    /// Language of the table and HTML labels: en, fr, es, pt or ar (default: `[ui] lang` in
    /// config.toml)
    #[arg(long, value_parser = parse_lang)]
    pub lang: Option<ReportLang>,
}

/// The submissions read from a folder, each with its file, and why other files were skipped.
type Read = (Vec<(PathBuf, Submission)>, Vec<String>);

/// The submissions of the folder: every main file, read; unreadable ones are reasons.
fn read_submissions(dir: &std::path::Path) -> anyhow::Result<Read> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| usage(format!("{}: cannot read the folder: {e}", dir.display())))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for e in entries {
        let e = e.map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?;
        let name = e.file_name().to_string_lossy().into_owned();
        if is_main_file(&name) && e.path().is_file() {
            paths.push(e.path());
        }
    }
    paths.sort();
    let mut subs = Vec::new();
    let mut skipped = Vec::new();
    for p in paths {
        let parsed = std::fs::read_to_string(&p)
            .map_err(|e| e.to_string())
            .and_then(|t| {
                serde_json::from_str::<Submission>(&t).map_err(|e| {
                    format!(
                        "not a submission (line {}, column {}: {e})",
                        e.line(),
                        e.column()
                    )
                })
            });
        match parsed {
            Ok(s) => subs.push((p, s)),
            Err(why) => skipped.push(format!("{}: {why}", p.display())),
        }
    }
    Ok((subs, skipped))
}

pub fn run(ws: &Workspace, a: ResultsArgs) -> anyhow::Result<()> {
    let p = pack::open(ws, &a.pack).map_err(workshop_error)?;
    let Some(gold) = gold::load(&p.dir).map_err(workshop_error)? else {
        return Err(usage(format!(
            "{}: the pack has no gold.toml — the results need the examiner's answer beside pack.toml",
            p.dir.display()
        )));
    };
    if !a.dir.is_dir() {
        return Err(usage(format!("{}: no such folder", a.dir.display())));
    }
    let lang = match a.lang {
        Some(l) => l,
        None => {
            let config = crate::config::Config::load(ws).map_err(|e| usage(e.to_string()))?;
            ReportLang::parse(config.ui.lang.code()).unwrap_or_default()
        }
    };
    let (subs, mut skipped) = read_submissions(&a.dir)?;

    // One submission per trainee and exercise of this pack: the latest.
    let mut kept: Vec<(PathBuf, Submission)> = Vec::new();
    for (path, s) in subs {
        if p.exercise(&s.exercise).is_err() {
            skipped.push(format!(
                "{}: exercise `{}` is not in pack `{}`",
                path.display(),
                s.exercise,
                p.name
            ));
            continue;
        }
        match kept
            .iter_mut()
            .find(|(_, k)| k.trainee == s.trainee && k.exercise == s.exercise)
        {
            Some(k) if k.1.submitted_at < s.submitted_at => {
                skipped.push(format!(
                    "{}: an earlier submission of the same trainee",
                    k.0.display()
                ));
                *k = (path, s);
            }
            Some(_) => skipped.push(format!(
                "{}: an earlier submission of the same trainee",
                path.display()
            )),
            None => kept.push((path, s)),
        }
    }

    // Families from the pack's corpora; a corpus that cannot be opened leaves its
    // documents as families of their own, said once.
    let mut corpora: Vec<String> = Vec::new();
    for e in &p.exercises {
        for c in p.corpora_of(e) {
            if !corpora.contains(c) {
                corpora.push(c.clone());
            }
        }
    }
    let mut opened: Vec<(String, Vec<CorpusIndex>)> = Vec::new();
    for name in &corpora {
        match open_corpus(ws, name) {
            Ok(s) => opened.push((name.clone(), s)),
            Err(e) => crate::errln!(
                "warning: corpus `{name}` cannot be opened ({e}): families are the document ids"
            ),
        }
    }
    let mut docs: BTreeSet<String> = BTreeSet::new();
    for g in &gold.exercises {
        docs.extend(g.citations.iter().map(|c| c.doc.clone()));
    }
    for (_, s) in &kept {
        docs.extend(s.citations.iter().map(|c| c.doc.clone()));
        docs.extend(s.strategies.iter().flat_map(|st| st.top.iter().cloned()));
    }
    let mut families = Families::new();
    for d in &docs {
        for (_, shards) in &opened {
            if let Some(f) = family_of(shards, d)? {
                families.insert(d.clone(), f);
                break;
            }
        }
    }
    for (path, s) in &kept {
        for f in &s.corpora {
            let Some((_, shards)) = opened.iter().find(|(n, _)| *n == f.name) else {
                continue;
            };
            let here = fingerprint(ws, &f.name, shards);
            if here.documents != f.documents || here.generation != f.generation {
                crate::errln!(
                    "warning: {}: corpus `{}` was searched with {} documents (index {}); here it has {} (index {}): the scores may differ",
                    path.display(),
                    f.name,
                    f.documents,
                    f.generation,
                    here.documents,
                    here.generation
                );
            }
        }
    }

    let exercises: Vec<(String, Vec<crate::workshop::GoldCitation>)> = p
        .exercises
        .iter()
        .map(|e| {
            (
                e.id.clone(),
                gold.citations(&e.id).map(<[_]>::to_vec).unwrap_or_default(),
            )
        })
        .collect();
    let scores = kept
        .iter()
        .map(|(_, s)| {
            let g = exercises
                .iter()
                .find(|(id, _)| *id == s.exercise)
                .map(|(_, g)| g.as_slice())
                .unwrap_or_default();
            score::score(g, &families, s)
        })
        .collect();
    let r = results::build(&p.name, &p.title, &exercises, scores);
    let text = match a.format {
        ResultsFormat::Table => results::table(&r, lang),
        ResultsFormat::Html => results::html(&r, lang),
        ResultsFormat::Csv => results::csv(&r),
        ResultsFormat::Json => crate::cli::output::json_pretty(&r.rows)? + "\n",
    };
    if a.format == ResultsFormat::Csv {
        // CSV records end with CR LF, and its cells are already made safe.
        let mut raw = std::io::stdout().lock();
        raw.write_all(text.as_bytes())?;
        raw.flush()?;
    } else {
        let mut out = crate::cli::output::stdout();
        out.write_all(text.as_bytes())?;
        out.flush()?;
    }
    if !skipped.is_empty() {
        return Err(super::partial_with(
            crate::lang::cli::FILES_SKIPPED.count("en", skipped.len() as u64),
            &skipped,
        ));
    }
    Ok(())
}
