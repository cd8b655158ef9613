//! `tisc-bench gen-corpus`: synthetic collections of any size, for scale tests.
//!
//! Documents are built from tables measured on the shared real data ([`tables`], made by
//! `scripts/make_vocab.py`): word frequencies per language, field lengths of real US grants
//! and PubMed-like abstracts, real IPC symbols by frequency, real names and journals. The
//! output is USPTO weekly-style bulk XML or tisc's own JSON lines, both read by `tisc index`.
//!
//! Same arguments, same bytes: the random numbers come from a generator fixed in [`rng`], and
//! each file draws from its own stream (seed, file's first id), so files are written in
//! parallel. `--first-id` continues a collection into new files, never touching old ones.

// As in tisc itself: no byte slicing of text, no unwrap outside tests.
#![cfg_attr(
    not(test),
    warn(clippy::string_slice, clippy::unwrap_used, clippy::expect_used)
)]

mod lang;
pub(crate) mod rng;
mod synth;
pub(crate) mod tables;
#[cfg(test)]
mod tests;
mod uspto;

use anyhow::Context;
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use synth::{Kind, Synth, MAX_ID};
use tables::Tables;
use tisc::cli::usage;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutFormat {
    /// USPTO grant full-text XML, weekly bulk style (`tisc index --format uspto`)
    Uspto,
    /// tisc's own document model, one JSON object a line (`tisc index --format jsonl`)
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Profile {
    /// Full grants: title, abstract, all claims, description capped at 800 words (~12 KB of text)
    Patent,
    /// Front pages: title, abstract and the first claim (~2 KB of text)
    Biblio,
    /// PubMed-like records: title, abstract, authors, journal (jsonl only)
    Article,
    /// 45 % patent, 25 % biblio, 30 % article families (jsonl only)
    Mixed,
}

impl Profile {
    fn kinds(self) -> &'static [(Kind, u32)] {
        match self {
            Profile::Patent => &[(Kind::Patent, 1)],
            Profile::Biblio => &[(Kind::Biblio, 1)],
            Profile::Article => &[(Kind::Article, 1)],
            Profile::Mixed => &[(Kind::Patent, 45), (Kind::Biblio, 25), (Kind::Article, 30)],
        }
    }

    fn name(self) -> &'static str {
        match self {
            Profile::Patent => "patent",
            Profile::Biblio => "biblio",
            Profile::Article => "article",
            Profile::Mixed => "mixed",
        }
    }
}

#[derive(clap::Args, Debug, Clone)]
#[command(
    long_about = "Write a synthetic collection: documents whose words, field lengths, IPC codes, \
names and journals follow tables measured on real data (bench/data/, made by \
scripts/make_vocab.py), in a format `tisc index` reads.\n\n\
Patents come in families of 1-5 sharing a priority claim (and, in jsonl, a family id); \
publication dates are Tuesdays over 30 years (1995-2024); about 10 % of the documents are in \
French, German or Spanish (USPTO: the `lang` attribute; jsonl: the `lang` field).\n\n\
The same arguments give the same bytes. Files are named after the id range they hold \
(ipg-syn-FIRST-LAST.xml, syn-FIRST-LAST.jsonl); a run never overwrites a file, and refuses ids \
that a collection already in --out holds: continue one with --first-id past its last id.",
    after_help = "Examples:\n  \
cargo run --release -p tisc-bench -- gen-corpus --docs 100000 --seed 1 --out /tmp/syn\n  \
cargo run --release -p tisc-bench -- gen-corpus --docs 1000 --seed 1 --first-id 100000 --out /tmp/syn\n  \
cargo run --release -p tisc-bench -- gen-corpus --docs 50000 --profile mixed --format jsonl --out /tmp/mix"
)]
pub struct GenArgs {
    /// How many documents to write
    #[arg(long)]
    pub docs: u64,
    /// Seed of the random numbers: the same seed and arguments give the same bytes
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Folder to write into (created if missing); files already there are never overwritten
    #[arg(long)]
    pub out: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value_t = OutFormat::Uspto)]
    pub format: OutFormat,
    /// What the documents are
    #[arg(long, value_enum, default_value_t = Profile::Patent)]
    pub profile: Profile,
    /// Number of the first document: to grow a collection, the last id of the previous run + 1
    #[arg(long, default_value_t = 0)]
    pub first_id: u64,
    /// Documents per file (a real weekly USPTO file holds about 5,000-7,000 grants)
    #[arg(long, default_value_t = 5000)]
    pub per_file: u64,
    /// Worker threads (default: one per core)
    #[arg(long)]
    pub threads: Option<usize>,
}

/// What a run wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub docs: u64,
    pub files: Vec<PathBuf>,
    pub bytes: u64,
}

/// Why a run could not be done.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    #[error("{0}")]
    Usage(String),
    #[error(transparent)]
    Table(#[from] tables::TableError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// One output file: ids `first..end`.
struct Job {
    first: u64,
    end: u64,
    name: String,
}

fn file_name(format: OutFormat, first: u64, last: u64) -> String {
    match format {
        OutFormat::Uspto => format!("ipg-syn-{first:08}-{last:08}.xml"),
        OutFormat::Jsonl => format!("syn-{first:08}-{last:08}.jsonl"),
    }
}

/// The id range (first, last) a generated file's name states.
fn range_of(name: &str) -> Option<(u64, u64)> {
    let rest = name
        .strip_prefix("ipg-syn-")
        .or_else(|| name.strip_prefix("syn-"))?;
    let stem = rest
        .strip_suffix(".xml")
        .or_else(|| rest.strip_suffix(".jsonl"))?;
    let (a, b) = stem.split_once('-')?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

fn check(args: &GenArgs) -> Result<(), GenError> {
    let bad = |m: String| Err(GenError::Usage(m));
    if args.docs == 0 {
        return bad("--docs must be at least 1".into());
    }
    if args.per_file == 0 {
        return bad("--per-file must be at least 1".into());
    }
    if args.threads == Some(0) {
        return bad("--threads must be at least 1".into());
    }
    if args.format == OutFormat::Uspto && matches!(args.profile, Profile::Article | Profile::Mixed)
    {
        return bad(format!(
            "--profile {} holds journal articles, which USPTO grant XML cannot carry: use --format jsonl",
            args.profile.name()
        ));
    }
    match args.first_id.checked_add(args.docs) {
        Some(end) if end - 1 <= MAX_ID => Ok(()),
        _ => bad(format!(
            "ids run from --first-id {} to {}, past the largest id {MAX_ID} (8-digit publication numbers)",
            args.first_id,
            u128::from(args.first_id) + u128::from(args.docs) - 1
        )),
    }
}

/// Plan the files, refusing ids that files already in `out` hold.
fn plan(args: &GenArgs) -> Result<Vec<Job>, GenError> {
    let end = args.first_id + args.docs;
    let io = |source| GenError::Io {
        path: args.out.clone(),
        source,
    };
    if args.out.exists() && !args.out.is_dir() {
        return Err(GenError::Usage(format!(
            "--out {}: not a folder",
            args.out.display()
        )));
    }
    if args.out.exists() {
        for entry in std::fs::read_dir(&args.out).map_err(io)? {
            let name = entry.map_err(io)?.file_name();
            let name = name.to_string_lossy();
            if let Some((a, b)) = range_of(&name) {
                if a < end && args.first_id <= b {
                    return Err(GenError::Usage(format!(
                        "{}: holds ids {a}-{b}, which this run would write again: continue with --first-id {} or write to another folder",
                        args.out.join(&*name).display(),
                        b + 1
                    )));
                }
            }
        }
    }
    let mut jobs = Vec::new();
    let mut first = args.first_id;
    while first < end {
        let stop = (first + args.per_file).min(end);
        jobs.push(Job {
            first,
            end: stop,
            name: file_name(args.format, first, stop - 1),
        });
        first = stop;
    }
    Ok(jobs)
}

/// Write one file: into a hidden partial file first, renamed when complete.
fn write_file(args: &GenArgs, synth: &Synth<'_>, job: &Job) -> Result<(PathBuf, u64), GenError> {
    let path = args.out.join(&job.name);
    let part = args.out.join(format!(".{}.part", job.name));
    let io = |source| GenError::Io {
        path: path.clone(),
        source,
    };
    let file = std::fs::File::create(&part).map_err(io)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut rng = rng::Rng::new(args.seed, job.first);
    let mut buf = String::with_capacity(1 << 16);
    let mut bytes = 0u64;
    synth
        .documents(&mut rng, job.first, job.end, args.profile.kinds(), |doc| {
            buf.clear();
            match args.format {
                OutFormat::Uspto => uspto::write_grant(&mut buf, &doc),
                OutFormat::Jsonl => {
                    let line = serde_json::to_string(&doc).map_err(std::io::Error::other)?;
                    buf.push_str(&line);
                    buf.push('\n');
                }
            }
            bytes += buf.len() as u64;
            w.write_all(buf.as_bytes())
        })
        .map_err(io)?;
    w.flush().map_err(io)?;
    drop(w);
    std::fs::rename(&part, &path).map_err(io)?;
    Ok((path, bytes))
}

/// Generate the collection `args` describes (no output on the terminal).
pub fn generate(args: &GenArgs) -> Result<Summary, GenError> {
    check(args)?;
    let jobs = plan(args)?;
    std::fs::create_dir_all(&args.out).map_err(|source| GenError::Io {
        path: args.out.clone(),
        source,
    })?;
    let tables = Tables::load()?;
    let synth = Synth::new(&tables, args.seed)?;
    let work = || -> Result<Vec<(PathBuf, u64)>, GenError> {
        jobs.par_iter()
            .map(|job| write_file(args, &synth, job))
            .collect()
    };
    let written = match args.threads {
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| GenError::Usage(format!("--threads {n}: {e}")))?
            .install(work)?,
        None => work()?,
    };
    Ok(Summary {
        docs: args.docs,
        bytes: written.iter().map(|w| w.1).sum(),
        files: written.into_iter().map(|w| w.0).collect(),
    })
}

/// The command: generate, then print a one-line summary to stderr.
pub fn run(args: &GenArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let summary = match generate(args) {
        Ok(s) => s,
        Err(GenError::Usage(m)) => return Err(usage(m)),
        Err(e @ GenError::Table(_)) => return Err(e).context("the compiled-in tables are damaged"),
        Err(e) => return Err(e.into()),
    };
    let secs = start.elapsed().as_secs_f64();
    let mb = summary.bytes as f64 / 1e6;
    eprintln!(
        "gen-corpus: {} documents ({}, {}) in {} files, {} bytes ({mb:.1} MB) in {secs:.1} s: {:.0} docs/s, {:.1} MB/s, {:.0} bytes/doc -> {}",
        summary.docs,
        args.profile.name(),
        match args.format {
            OutFormat::Uspto => "uspto",
            OutFormat::Jsonl => "jsonl",
        },
        summary.files.len(),
        summary.bytes,
        summary.docs as f64 / secs.max(1e-9),
        mb / secs.max(1e-9),
        summary.bytes as f64 / summary.docs as f64,
        display(&args.out),
    );
    Ok(())
}

fn display(p: &Path) -> String {
    p.display().to_string()
}
