//! The mirror benchmark (`tisc-bench mirror`): sync a set of bulk files from a loopback
//! server (the test kit's [`Server`]) and, in the same run and from the same server,
//! download them with `curl` followed by `md5sum` of each — the baseline a shell script
//! would give. Once at full loopback speed and once with the server capped (2 MB/s by
//! default, a TISC link). The ratio of the two throughputs is the figure; nothing here
//! prints: [`cli`] does.

pub mod cli;

use crate::fileio::{fresh_dir, io_err as io};
use md5::{Digest, Md5};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;
use tisc::corpus::Workspace;
use tisc::mirror::{add, sync, MirrorError, MirrorOptions, ProxySetting, RemoteSpec};
use tisc_test_kit::serve::Server;

/// The lowest acceptable tisc / curl+md5sum throughput ratio: at full loopback speed, and
/// against a rate-capped server.
pub const TARGET_FULL: f64 = 0.90;
pub const TARGET_CAPPED: f64 = 0.95;

#[derive(Debug, Clone)]
pub struct BenchConfig {
    /// Bytes served in the full-speed run.
    pub total_bytes: u64,
    /// Bytes served in the capped run.
    pub capped_bytes: u64,
    /// The cap, bytes per second.
    pub cap_rate: u64,
    pub files: usize,
    /// Work folder (downloads, a scratch `TISC_HOME`); emptied between runs.
    pub work: PathBuf,
    pub curl: String,
    pub md5sum: String,
    pub parallel: usize,
}

/// One scenario's figures.
#[derive(Debug, Clone, Serialize)]
pub struct BenchRun {
    pub label: String,
    pub files: usize,
    pub bytes: u64,
    pub curl_seconds: f64,
    pub tisc_seconds: f64,
    pub curl_mb_s: f64,
    pub tisc_mb_s: f64,
    /// tisc throughput / curl+md5sum throughput.
    pub ratio: f64,
    pub target: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error(transparent)]
    Io(#[from] crate::fileio::PathIoError),
    #[error("`{tool}` failed: {message}")]
    Tool { tool: String, message: String },
    #[error("the downloads differ from the source: {0}")]
    Mismatch(String),
    #[error(transparent)]
    Mirror(#[from] MirrorError),
}

/// Incompressible bytes, quickly (xorshift64*).
fn fill(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        out.extend_from_slice(&x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

fn run_tool(cmd: &mut Command, tool: &str) -> Result<String, BenchError> {
    let out = cmd.output().map_err(|e| BenchError::Tool {
        tool: tool.to_string(),
        message: e.to_string(),
    })?;
    if !out.status.success() {
        return Err(BenchError::Tool {
            tool: tool.to_string(),
            message: String::from_utf8_lossy(&out.stderr).trim().to_string(),
        });
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Run both scenarios; `on_phase` is told what is starting.
pub fn run(cfg: &BenchConfig, on_phase: &dyn Fn(&str)) -> Result<Vec<BenchRun>, BenchError> {
    let mut runs = Vec::new();
    let scenarios = [
        ("full loopback speed", cfg.total_bytes, None, TARGET_FULL),
        (
            "capped server",
            cfg.capped_bytes,
            Some(cfg.cap_rate),
            TARGET_CAPPED,
        ),
    ];
    for (label, bytes, rate, target) in scenarios {
        if bytes == 0 {
            continue;
        }
        let label = match rate {
            Some(r) => format!("{label} ({:.1} MB/s)", r as f64 / 1e6),
            None => label.to_string(),
        };
        runs.push(scenario(cfg, &label, bytes, rate, target, on_phase)?);
    }
    Ok(runs)
}

fn scenario(
    cfg: &BenchConfig,
    label: &str,
    total: u64,
    rate: Option<u64>,
    target: f64,
    on_phase: &dyn Fn(&str),
) -> Result<BenchRun, BenchError> {
    on_phase(&format!("{label}: preparing {} MB", total / 1_000_000));
    let server = Server::start().map_err(io(Path::new("127.0.0.1")))?;
    let files = cfg.files.max(1);
    let each = (total / files as u64).max(1) as usize;
    let mut names = Vec::new();
    let mut sums = Vec::new();
    for i in 0..files {
        let name = format!("bulk{i:02}.xml.gz");
        let bytes = fill(0x9E37_79B9_7F4A_7C15 ^ i as u64, each);
        let md5 = format!("{:x}", Md5::digest(&bytes));
        server.put(
            &format!("data/{name}.md5"),
            format!("{md5}  {name}\n").into_bytes(),
        );
        server.put(&format!("data/{name}"), bytes);
        names.push(name);
        sums.push(md5);
    }
    let bytes = each as u64 * files as u64;
    server.set_rate(rate);

    // Baseline: curl, one file after the other, then md5sum of each.
    on_phase(&format!("{label}: curl + md5sum"));
    let curl_dir = cfg.work.join("curl");
    fresh_dir(&curl_dir)?;
    let started = Instant::now();
    for name in &names {
        run_tool(
            Command::new(&cfg.curl)
                .args(["-sS", "--fail", "--noproxy", "*", "-o"])
                .arg(curl_dir.join(name))
                .arg(server.url(&format!("data/{name}"))),
            &cfg.curl,
        )?;
    }
    let listing = run_tool(
        Command::new(&cfg.md5sum).args(names.iter().map(|n| curl_dir.join(n))),
        &cfg.md5sum,
    )?;
    let curl_seconds = started.elapsed().as_secs_f64();
    for sum in &sums {
        if !listing.contains(sum.as_str()) {
            return Err(BenchError::Mismatch(format!("curl: md5 {sum} missing")));
        }
    }
    fresh_dir(&curl_dir)?;

    // tisc: a sync of a corpus defined on the same files, checksums verified.
    on_phase(&format!("{label}: tisc mirror sync"));
    let home = cfg.work.join("tisc-home");
    fresh_dir(&home)?;
    let ws = Workspace::at(&home);
    let spec = RemoteSpec {
        urls: names
            .iter()
            .map(|n| server.url(&format!("data/{n}")))
            .collect(),
        checksum_suffix: Some(".md5".into()),
        ..RemoteSpec::default()
    };
    add(&ws, "bench-mirror", &spec)?;
    let opts = MirrorOptions {
        parallel: cfg.parallel,
        proxy: ProxySetting::Off,
        ..MirrorOptions::default()
    };
    let started = Instant::now();
    let report = sync(&ws, "bench-mirror", &opts, false, &|_| {})?;
    let tisc_seconds = started.elapsed().as_secs_f64();
    if report.failed() > 0 || report.received_bytes < bytes {
        return Err(BenchError::Mismatch(format!(
            "tisc: {} failed, {} of {bytes} bytes received",
            report.failed(),
            report.received_bytes
        )));
    }
    fresh_dir(&home)?;
    let mb = bytes as f64 / 1e6;
    let curl_mb_s = mb / curl_seconds.max(1e-9);
    let tisc_mb_s = mb / tisc_seconds.max(1e-9);
    Ok(BenchRun {
        label: label.to_string(),
        files,
        bytes,
        curl_seconds,
        tisc_seconds,
        curl_mb_s,
        tisc_mb_s,
        ratio: tisc_mb_s / curl_mb_s,
        target,
    })
}
