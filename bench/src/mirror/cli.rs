//! `tisc-bench mirror`: mirror throughput against `curl` + `md5sum`, at full
//! loopback speed and with the server capped as a TISC link would be.

use crate::mirror::{self as bench, BenchConfig};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct MirrorArgs {
    /// MB (10^6 bytes) served in the full-speed run
    #[arg(long, default_value_t = 200)]
    pub mb: u64,
    /// MB served in the capped run (0 skips it)
    #[arg(long, default_value_t = 200)]
    pub capped_mb: u64,
    /// The server's cap in the capped run, MB/s
    #[arg(long, default_value_t = 2.0)]
    pub rate_mb: f64,
    /// Number of files the bytes are split into
    #[arg(long, default_value_t = 8)]
    pub files: usize,
    /// Files tisc downloads at once
    #[arg(long, default_value_t = 4)]
    pub parallel: usize,
    /// Work folder (emptied as the runs go)
    #[arg(long, default_value = "bench-data/mirror")]
    pub work: PathBuf,
    /// The curl to compare with
    #[arg(long, default_value = "curl")]
    pub curl: String,
    /// Print the results as JSON
    #[arg(long)]
    pub json: bool,
}

pub fn run(a: MirrorArgs) -> anyhow::Result<()> {
    let cfg = BenchConfig {
        total_bytes: a.mb * 1_000_000,
        capped_bytes: a.capped_mb * 1_000_000,
        cap_rate: (a.rate_mb * 1e6).max(1.0) as u64,
        files: a.files,
        work: a.work,
        curl: a.curl,
        md5sum: "md5sum".into(),
        parallel: a.parallel.max(1),
    };
    let runs = bench::run(&cfg, &|phase| eprintln!("… {phase}"))?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&runs)?);
        return Ok(());
    }
    println!(
        "{:<34} {:>8} {:>12} {:>12} {:>7} {:>7}",
        "run", "MB", "curl+md5sum", "tisc", "ratio", "target"
    );
    for r in &runs {
        println!(
            "{:<34} {:>8.0} {:>7.1} MB/s {:>7.1} MB/s {:>6.1}% {:>6.0}%{}",
            r.label,
            r.bytes as f64 / 1e6,
            r.curl_mb_s,
            r.tisc_mb_s,
            r.ratio * 100.0,
            r.target * 100.0,
            if r.ratio >= r.target {
                ""
            } else {
                "  (below target)"
            }
        );
    }
    Ok(())
}
