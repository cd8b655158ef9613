//! Limits on what one input may cost, so that a hostile or broken file fails alone instead of
//! taking the whole run down.
//!
//! - **Expansion** (decompression bombs): a compressed stream — a plain `.gz` file, an archive
//!   member, the stream of a `.tar.gz` — may expand at most [`Limits::max_ratio`] times the
//!   compressed bytes it consumed, once it has produced [`Limits::ratio_floor`] bytes, and never
//!   past [`Limits::max_total`] bytes. One [`Guard`] enforces both, for every kind of input.
//! - **XML nesting depth**: [`max_xml_depth`] levels per record; a deeper record is malformed.
//!
//! Defaults admit real bulk data (a weekly USPTO file is about 1 GB unpacked, at 10–20×) and
//! can be overridden from the environment: `TISC_MAX_EXPANDED_BYTES`,
//! `TISC_MAX_EXPANSION_RATIO`, `TISC_XML_MAX_DEPTH` (at most [`MAX_XML_DEPTH_CAP`]). A value
//! that is not a positive whole number is reported by [`check_env`]; the library then keeps
//! the default.

use std::io::{self, Read, Seek, SeekFrom};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// Default most bytes one input (a file, or all members of an archive) may expand to: 64 GiB.
pub const DEFAULT_MAX_EXPANDED: u64 = 64 << 30;
/// Default most a compressed stream may expand relative to its compressed bytes.
pub const DEFAULT_MAX_RATIO: u64 = 100;
/// Expanded bytes below which the ratio is not judged (10 MB: small files of repeated markup
/// compress very well and are harmless).
pub const DEFAULT_RATIO_FLOOR: u64 = 10_000_000;
/// Default deepest element nesting of one XML record.
pub const DEFAULT_XML_DEPTH: usize = 1000;
/// The deepest nesting `TISC_XML_MAX_DEPTH` may allow: the recursive walks over a record's
/// tree must fit a worker thread's 2 MiB stack (they need about 200 bytes a level).
pub const MAX_XML_DEPTH_CAP: usize = 5000;

/// Environment variable overriding [`Limits::max_total`].
pub const ENV_MAX_EXPANDED: &str = "TISC_MAX_EXPANDED_BYTES";
/// Environment variable overriding [`Limits::max_ratio`].
pub const ENV_MAX_RATIO: &str = "TISC_MAX_EXPANSION_RATIO";
/// Environment variable overriding [`max_xml_depth`].
pub const ENV_XML_DEPTH: &str = "TISC_XML_MAX_DEPTH";

/// Limits against decompression bombs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes an input may expand to in all (all members of an archive together).
    pub max_total: u64,
    /// Most a stream may expand relative to the compressed bytes it consumed.
    pub max_ratio: u64,
    /// Below this many expanded bytes the ratio is not judged.
    pub ratio_floor: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_total: DEFAULT_MAX_EXPANDED,
            max_ratio: DEFAULT_MAX_RATIO,
            ratio_floor: DEFAULT_RATIO_FLOOR,
        }
    }
}

impl Limits {
    /// The defaults, with the environment's overrides that are valid.
    pub fn from_env() -> Limits {
        let d = Limits::default();
        Limits {
            max_total: env_number(ENV_MAX_EXPANDED).unwrap_or(d.max_total),
            max_ratio: env_number(ENV_MAX_RATIO).unwrap_or(d.max_ratio),
            ratio_floor: d.ratio_floor,
        }
    }
}

/// The deepest element nesting an XML record may have ([`DEFAULT_XML_DEPTH`], or
/// `TISC_XML_MAX_DEPTH` up to [`MAX_XML_DEPTH_CAP`]), read once per process.
pub fn max_xml_depth() -> usize {
    static DEPTH: OnceLock<usize> = OnceLock::new();
    *DEPTH.get_or_init(|| {
        env_number(ENV_XML_DEPTH)
            .and_then(|n| usize::try_from(n).ok())
            .unwrap_or(DEFAULT_XML_DEPTH)
            .min(MAX_XML_DEPTH_CAP)
    })
}

/// A limit setting in the environment that is not a positive whole number.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{var}={value}: expected a positive whole number")]
pub struct BadSetting {
    pub var: &'static str,
    pub value: String,
}

/// Check the limit settings of the environment (front ends call it before a run).
pub fn check_env() -> Result<(), BadSetting> {
    for var in [ENV_MAX_EXPANDED, ENV_MAX_RATIO, ENV_XML_DEPTH] {
        if let Some(value) = std::env::var_os(var) {
            let value = value.to_string_lossy().into_owned();
            if parse_number(&value).is_none() {
                return Err(BadSetting { var, value });
            }
        }
    }
    Ok(())
}

fn parse_number(s: &str) -> Option<u64> {
    s.trim()
        .replace('_', "")
        .parse::<u64>()
        .ok()
        .filter(|n| *n > 0)
}

fn env_number(var: &str) -> Option<u64> {
    std::env::var(var).ok().as_deref().and_then(parse_number)
}

/// Why a stream was cut off.
#[derive(Debug, thiserror::Error)]
pub enum LimitError {
    #[error("`{what}` expands past {limit} bytes (limit {var}): refused as a decompression bomb")]
    TooLarge {
        what: String,
        limit: u64,
        var: &'static str,
    },
    #[error("`{what}` expands {ratio}× its compressed size (limit {limit}×, {var}): refused as a decompression bomb")]
    Ratio {
        what: String,
        ratio: u64,
        limit: u64,
        var: &'static str,
    },
}

/// Byte counters shared by the readers of one input: compressed bytes read from the file,
/// and bytes expanded from them.
#[derive(Debug, Default)]
pub struct Counters {
    pub compressed: AtomicU64,
    pub expanded: AtomicU64,
}

impl Counters {
    /// Compressed bytes read so far.
    pub fn compressed_now(&self) -> u64 {
        self.compressed.load(Ordering::Relaxed)
    }
}

/// Counts the bytes read from an input file into [`Counters::compressed`].
pub struct Counting<R> {
    pub inner: R,
    pub counters: Arc<Counters>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counters
            .compressed
            .fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counting<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Enforces [`Limits`] on one expanded stream: its own ratio (against the compressed bytes
/// read since it started), and the input's total.
pub struct Guard<R> {
    inner: R,
    what: String,
    limits: Limits,
    counters: Arc<Counters>,
    start_compressed: u64,
    expanded: u64,
}

impl<R> Guard<R> {
    /// Guard `inner`, named `what` in errors. `start_compressed` is the compressed count when
    /// its stream began: take it before making a decoder, which may read ahead (a gzip
    /// decoder reads its header as it is made).
    pub fn new(
        inner: R,
        what: &str,
        limits: Limits,
        counters: Arc<Counters>,
        start_compressed: u64,
    ) -> Guard<R> {
        Guard {
            inner,
            what: what.to_string(),
            limits,
            counters,
            start_compressed,
            expanded: 0,
        }
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.expanded += n as u64;
        let total = self
            .counters
            .expanded
            .fetch_add(n as u64, Ordering::Relaxed)
            + n as u64;
        if total > self.limits.max_total {
            return Err(io::Error::other(LimitError::TooLarge {
                what: self.what.clone(),
                limit: self.limits.max_total,
                var: ENV_MAX_EXPANDED,
            }));
        }
        if self.expanded > self.limits.ratio_floor {
            let compressed = self.counters.compressed.load(Ordering::Relaxed);
            let used = compressed.saturating_sub(self.start_compressed).max(1);
            let ratio = self.expanded / used;
            if ratio > self.limits.max_ratio {
                return Err(io::Error::other(LimitError::Ratio {
                    what: self.what.clone(),
                    ratio,
                    limit: self.limits.max_ratio,
                    var: ENV_MAX_RATIO,
                }));
            }
        }
        Ok(n)
    }
}

/// Whether an I/O error is a limit's refusal (a decompression bomb).
pub fn is_limit(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<LimitError>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_must_be_positive_numbers() {
        assert_eq!(parse_number("1_000"), Some(1000));
        assert_eq!(parse_number(" 7 "), Some(7));
        assert_eq!(parse_number("0"), None);
        assert_eq!(parse_number("-1"), None);
        assert_eq!(parse_number("lots"), None);
    }

    #[test]
    fn a_guard_cuts_a_stream_past_the_ratio_but_not_before_the_floor() {
        let counters = Arc::new(Counters::default());
        counters.compressed.store(10, Ordering::Relaxed);
        let limits = Limits {
            max_total: 1 << 30,
            max_ratio: 100,
            ratio_floor: 1000,
        };
        let data = vec![b'a'; 5000];
        let mut g = Guard::new(&data[..], "x.gz", limits, counters.clone(), 10);
        let mut buf = vec![0; 900];
        assert_eq!(g.read(&mut buf).unwrap(), 900, "below the floor");
        counters.compressed.fetch_add(1, Ordering::Relaxed);
        let e = g.read(&mut buf).unwrap_err();
        assert!(is_limit(&e));
        assert!(e.to_string().contains("`x.gz` expands 1800×"), "{e}");
        let mut g = Guard::new(
            &data[..],
            "y",
            Limits {
                max_total: 100,
                ..limits
            },
            Arc::new(Counters::default()),
            0,
        );
        let e = g.read(&mut buf).unwrap_err();
        assert!(e.to_string().contains("past 100 bytes"), "{e}");
    }
}
