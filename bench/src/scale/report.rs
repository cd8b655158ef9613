//! The figures of a scale run: per system and size, per class of strategy, the ratios
//! tisc / twin and tisc / FTS5, the agreement of hit counts with the twin, and the human
//! table.

use super::queries::{nearest_rank, Class};
use super::{IngestFigures, JobFigures, QueryTiming, ServeFigures, TuiFigures};
use crate::ingest::Machine;
use serde::Serialize;

/// What the FTS5 columns say in a build without the `peers` feature.
pub const FTS5_NOT_BUILT: &str = "not built (--features peers)";

/// Latency of one class of strategy on one system, in milliseconds (nearest rank over the
/// warm runs; the cold pass separately).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClassStats {
    pub class: Class,
    pub queries: usize,
    pub warm_runs: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub cold_p50_ms: f64,
    pub cold_p95_ms: f64,
    /// Mean matching documents (none for ranked classes).
    pub mean_count: Option<f64>,
}

/// Per-class statistics of a system's timings.
pub fn class_stats(timings: &[QueryTiming]) -> Vec<ClassStats> {
    let mut out = Vec::new();
    for class in Class::ALL {
        let of: Vec<&QueryTiming> = timings.iter().filter(|t| t.class == class).collect();
        if of.is_empty() {
            continue;
        }
        let mut warm: Vec<f64> = of.iter().flat_map(|t| t.warm_ms.iter().copied()).collect();
        let mut cold: Vec<f64> = of.iter().map(|t| t.cold_ms).collect();
        warm.sort_by(f64::total_cmp);
        cold.sort_by(f64::total_cmp);
        let counts: Vec<u64> = of.iter().filter_map(|t| t.count).collect();
        let p = |v: &[f64], x| nearest_rank(v, x).unwrap_or(0.0);
        out.push(ClassStats {
            class,
            queries: of.len(),
            warm_runs: warm.len(),
            p50_ms: p(&warm, 50.0),
            p95_ms: p(&warm, 95.0),
            p99_ms: p(&warm, 99.0),
            cold_p50_ms: p(&cold, 50.0),
            cold_p95_ms: p(&cold, 95.0),
            mean_count: (!counts.is_empty())
                .then(|| counts.iter().sum::<u64>() as f64 / counts.len() as f64),
        });
    }
    out
}

/// One system at one size.
#[derive(Debug, Clone, Serialize, Default)]
pub struct SystemReport {
    pub system: String,
    /// Why the system has no figures (not built, skipped, failed).
    pub note: Option<String>,
    pub ingest: Option<IngestFigures>,
    pub docs_per_sec: Option<f64>,
    pub mb_per_sec: Option<f64>,
    pub index_bytes_per_doc: Option<f64>,
    /// Index bytes over raw (generated file) bytes.
    pub index_ratio: Option<f64>,
    pub rss_serving_bytes: Option<u64>,
    pub classes: Vec<ClassStats>,
    /// Every query's timings.
    pub serve: Option<ServeFigures>,
}

impl SystemReport {
    pub fn new(
        system: &str,
        raw_bytes: u64,
        ingest: Option<IngestFigures>,
        serve: Option<ServeFigures>,
        note: Option<String>,
    ) -> SystemReport {
        let mut r = SystemReport {
            system: system.into(),
            note,
            ..SystemReport::default()
        };
        if let Some(i) = &ingest {
            let secs = i.seconds.max(1e-9);
            r.docs_per_sec = Some(i.documents as f64 / secs);
            r.mb_per_sec = Some(raw_bytes as f64 / 1e6 / secs);
            r.index_bytes_per_doc = Some(i.index_bytes as f64 / (i.documents.max(1)) as f64);
            r.index_ratio = Some(i.index_bytes as f64 / (raw_bytes.max(1)) as f64);
        }
        if let Some(s) = &serve {
            r.classes = class_stats(&s.queries);
            r.rss_serving_bytes = s.rss_serving_bytes;
        }
        r.ingest = ingest;
        r.serve = serve;
        r
    }

    fn class(&self, c: Class) -> Option<&ClassStats> {
        self.classes.iter().find(|s| s.class == c)
    }
}

/// tisc's figure over a peer's.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Ratio {
    pub what: String,
    pub tisc_over_twin: Option<f64>,
    pub tisc_over_fts5: Option<f64>,
}

fn ratio(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    a.zip(b).filter(|(_, b)| *b > 0.0).map(|(a, b)| a / b)
}

/// The ratios for ingest MB/s, index size and each class's latency percentiles.
pub fn ratios(tisc: &SystemReport, twin: &SystemReport, fts5: &SystemReport) -> Vec<Ratio> {
    let mut out = Vec::new();
    let mut push = |what: String, f: &dyn Fn(&SystemReport) -> Option<f64>| {
        out.push(Ratio {
            what,
            tisc_over_twin: ratio(f(tisc), f(twin)),
            tisc_over_fts5: ratio(f(tisc), f(fts5)),
        });
    };
    push("ingest MB/s".into(), &|s| s.mb_per_sec);
    push("index bytes".into(), &|s| {
        s.ingest.as_ref().map(|i| i.index_bytes as f64)
    });
    for c in Class::ALL {
        push(format!("{} p50", c.name()), &|s| {
            s.class(c).map(|x| x.p50_ms)
        });
        push(format!("{} p95", c.name()), &|s| {
            s.class(c).map(|x| x.p95_ms)
        });
        push(format!("{} p99", c.name()), &|s| {
            s.class(c).map(|x| x.p99_ms)
        });
    }
    out
}

/// Agreement of the matching-document counts with the twin, per class.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Agreement {
    pub class: Class,
    pub compared: bool,
    pub why: String,
    /// Queries whose counts were equal, out of `total` compared.
    pub equal: usize,
    pub total: usize,
    /// The first few differences: `tisc strategy: tisc count vs twin count`.
    pub differences: Vec<String>,
}

pub fn agreement(tisc: &[QueryTiming], twin: &[QueryTiming]) -> Vec<Agreement> {
    Class::ALL
        .iter()
        .map(|&class| {
            let (compared, why) = class.comparison();
            let mut a = Agreement {
                class,
                compared,
                why: why.into(),
                equal: 0,
                total: 0,
                differences: Vec::new(),
            };
            if compared {
                let ours = tisc.iter().filter(|t| t.class == class);
                let theirs = twin.iter().filter(|t| t.class == class);
                for (x, y) in ours.zip(theirs) {
                    let (Some(cx), Some(cy)) = (x.count, y.count) else {
                        continue;
                    };
                    a.total += 1;
                    if cx == cy {
                        a.equal += 1;
                    } else if a.differences.len() < 5 {
                        a.differences.push(format!("{}: {cx} vs {cy}", x.query));
                    }
                }
            }
            a
        })
        .collect()
}

/// One collection size.
#[derive(Debug, Clone, Serialize)]
pub struct SizeReport {
    pub docs: u64,
    pub raw_bytes: u64,
    pub files: usize,
    pub generate_seconds: f64,
    pub systems: Vec<SystemReport>,
    pub ratios: Vec<Ratio>,
    pub agreement: Vec<Agreement>,
    pub job: Option<JobFigures>,
    pub tui: Option<TuiFigures>,
}

/// A whole run.
#[derive(Debug, Clone, Serialize)]
pub struct ScaleReport {
    pub machine: Machine,
    pub build: &'static str,
    pub profile: String,
    pub seed: u64,
    pub queries_per_class: usize,
    pub warm_passes: usize,
    pub writer_memory_bytes: usize,
    /// tisc's index layout (`tisc index --stems-only`, `--store-compression`).
    pub stems_only: bool,
    pub store_compression: &'static str,
    pub sizes: Vec<SizeReport>,
}

fn opt(v: Option<f64>, digits: usize) -> String {
    v.map_or_else(|| "-".into(), |x| format!("{x:.digits$}"))
}

fn mb(b: Option<u64>) -> String {
    b.map_or_else(|| "-".into(), |b| format!("{:.0}", b as f64 / 1e6))
}

/// The human table of one size.
pub fn print_size(s: &SizeReport) {
    println!(
        "\n== {} documents, {:.1} MB raw in {} files (generated in {:.1} s) ==",
        s.docs,
        s.raw_bytes as f64 / 1e6,
        s.files,
        s.generate_seconds
    );
    println!(
        "{:<6} {:>9} {:>7} {:>8} {:>9} {:>9} {:>10} {:>7} {:>10}",
        "system",
        "docs/s",
        "MB/s",
        "CPU s",
        "peak MB",
        "index MB",
        "bytes/doc",
        "ix/raw",
        "serve MB"
    );
    for r in &s.systems {
        if let Some(note) = &r.note {
            println!("{:<6} {note}", r.system);
            if r.ingest.is_none() {
                continue;
            }
        }
        let i = r.ingest.as_ref();
        println!(
            "{:<6} {:>9} {:>7} {:>8} {:>9} {:>9} {:>10} {:>7} {:>10}",
            r.system,
            opt(r.docs_per_sec, 0),
            opt(r.mb_per_sec, 2),
            opt(i.map(|i| i.cpu_seconds), 1),
            mb(i.and_then(|i| i.peak_rss_bytes)),
            mb(i.map(|i| i.index_bytes)),
            opt(r.index_bytes_per_doc, 0),
            opt(r.index_ratio, 2),
            mb(r.rss_serving_bytes),
        );
    }
    println!(
        "\nlatency, ms (warm p50/p95/p99 | cold p50/p95), top {} + count",
        super::TOP
    );
    println!(
        "{:<15} {:<6} {:>5} {:>24} {:>16} {:>10}",
        "class", "system", "n", "p50 / p95 / p99", "cold p50 / p95", "mean hits"
    );
    for c in Class::ALL {
        for r in &s.systems {
            let Some(x) = r.class(c) else { continue };
            println!(
                "{:<15} {:<6} {:>5} {:>24} {:>16} {:>10}",
                c.name(),
                r.system,
                x.queries,
                format!("{:.2} / {:.2} / {:.2}", x.p50_ms, x.p95_ms, x.p99_ms),
                format!("{:.2} / {:.2}", x.cold_p50_ms, x.cold_p95_ms),
                opt(x.mean_count, 0),
            );
        }
    }
    let fts5_note = s
        .systems
        .iter()
        .find(|r| r.system == "fts5")
        .and_then(|r| r.note.clone());
    println!("\nratios tisc / twin and tisc / fts5");
    for r in &s.ratios {
        let f = r.tisc_over_fts5.map_or_else(
            || fts5_note.clone().unwrap_or_else(|| "-".into()),
            |x| format!("{x:.2}"),
        );
        println!("  {:<22} {:>8}   {}", r.what, opt(r.tisc_over_twin, 2), f);
    }
    println!("\nhit counts against the twin");
    for a in &s.agreement {
        if a.compared {
            println!("  {:<15} {}/{} equal", a.class.name(), a.equal, a.total);
            for d in &a.differences {
                println!("      differs: {d}");
            }
        } else {
            println!("  {:<15} not compared: {}", a.class.name(), a.why);
        }
    }
    if let Some(j) = &s.job {
        let mut w = j.warm_ms.clone();
        w.sort_by(f64::total_cmp);
        println!(
            "\nsearch job, {} strategies × {} corpora: cold {:.1} ms, warm p50 {:.1} ms ({} rows)",
            j.strategies,
            j.corpora,
            j.cold_ms,
            nearest_rank(&w, 50.0).unwrap_or(0.0),
            j.rows
        );
    }
    if let Some(t) = &s.tui {
        println!(
            "workbench: first frame {:.1} ms, corpora listed {:.1} ms, first result list {:.1} ms ({} hits of `{}`)",
            t.first_frame_ms, t.corpora_listed_ms, t.first_results_ms, t.hits, t.strategy
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn timing(class: Class, count: Option<u64>, cold: f64, warm: &[f64]) -> QueryTiming {
        QueryTiming {
            class,
            query: format!("q{cold}"),
            count,
            top: 0,
            cold_ms: cold,
            warm_ms: warm.to_vec(),
        }
    }

    #[test]
    fn class_stats_use_the_warm_runs_and_report_the_cold_pass_apart() {
        let t = vec![
            timing(Class::Boolean, Some(10), 100.0, &[1.0, 2.0]),
            timing(Class::Boolean, Some(20), 50.0, &[3.0, 4.0]),
            timing(Class::FreeText, None, 9.0, &[5.0]),
        ];
        let s = class_stats(&t);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].p50_ms, s[0].p95_ms, s[0].p99_ms), (2.0, 4.0, 4.0));
        assert_eq!((s[0].cold_p50_ms, s[0].cold_p95_ms), (50.0, 100.0));
        assert_eq!(s[0].mean_count, Some(15.0));
        assert_eq!(s[1].mean_count, None);
    }

    #[test]
    fn agreement_compares_only_the_classes_with_the_same_semantics() {
        let ours = vec![
            timing(Class::Boolean, Some(10), 1.0, &[]),
            timing(Class::Boolean, Some(7), 2.0, &[]),
            timing(Class::NearAdj, Some(3), 3.0, &[]),
        ];
        let theirs = vec![
            timing(Class::Boolean, Some(10), 1.0, &[]),
            timing(Class::Boolean, Some(8), 2.0, &[]),
            timing(Class::NearAdj, Some(4), 3.0, &[]),
        ];
        let a = agreement(&ours, &theirs);
        let b = a.iter().find(|a| a.class == Class::Boolean).unwrap();
        assert_eq!((b.equal, b.total), (1, 2));
        assert_eq!(b.differences, ["q2: 7 vs 8"]);
        let n = a.iter().find(|a| a.class == Class::NearAdj).unwrap();
        assert!(!n.compared && n.total == 0);
    }

    #[test]
    fn ratios_divide_tisc_by_each_peer_and_leave_missing_peers_empty() {
        let ingest = |secs: f64, bytes: u64| IngestFigures {
            documents: 10,
            seconds: secs,
            index_bytes: bytes,
            ..IngestFigures::default()
        };
        let tisc = SystemReport::new("tisc", 1_000_000, Some(ingest(2.0, 400)), None, None);
        let twin = SystemReport::new("twin", 1_000_000, Some(ingest(1.0, 200)), None, None);
        let fts5 = SystemReport::new("fts5", 1_000_000, None, None, Some(FTS5_NOT_BUILT.into()));
        let r = ratios(&tisc, &twin, &fts5);
        assert_eq!(r[0].what, "ingest MB/s");
        assert_eq!(r[0].tisc_over_twin, Some(0.5));
        assert_eq!(r[1].tisc_over_twin, Some(2.0));
        assert!(r.iter().all(|r| r.tisc_over_fts5.is_none()));
        assert_eq!(tisc.index_ratio, Some(400.0 / 1e6));
    }

    #[test]
    fn the_json_names_every_figure() {
        let s = SystemReport::new("tisc", 100, None, None, None);
        let v = serde_json::to_value(&s).unwrap();
        for k in [
            "system",
            "note",
            "ingest",
            "docs_per_sec",
            "mb_per_sec",
            "index_bytes_per_doc",
            "index_ratio",
            "rss_serving_bytes",
            "classes",
            "serve",
        ] {
            assert!(v.get(k).is_some(), "{k}");
        }
    }
}
