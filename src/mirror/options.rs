//! Settings of a mirror run — parallelism, retries, timeouts, bandwidth cap, proxy. Their
//! defaults come from the `[mirror]` table of `$TISC_HOME/config.toml` (read by
//! [`crate::config::Config`]); the command line overrides them.
//!
//! ```toml
//! [mirror]
//! parallel = 4              # files downloaded at once
//! attempts = 6              # tries per file before it is reported as failed
//! first_delay_ms = 1000     # first retry delay; doubles each time, with jitter
//! max_delay_secs = 60
//! connect_timeout_secs = 20
//! read_timeout_secs = 60    # a stalled transfer is retried (and resumed) after this
//! max_rate = "2MB/s"        # bandwidth cap for the whole sync; absent = no cap
//! proxy = "http://proxy.example.org:3128"   # or "none"; absent = HTTPS_PROXY/HTTP_PROXY
//! max_body = "64GiB"        # largest body accepted, announced or not (default 64 GiB)
//! ```

use std::time::Duration;

/// How often and how patiently a file is tried again after a transient failure (5xx,
/// timeout, connection reset, checksum mismatch).
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Tries per file, the first included.
    pub attempts: u32,
    /// Delay before the second try; it doubles for each further try, up to `max_delay`.
    pub first_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 6,
            first_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// The pause after failed try number `attempt` (1-based): exponential, with jitter that
    /// spreads it over its upper half so parallel workers do not retry in step.
    pub fn delay(&self, attempt: u32) -> Duration {
        let exp = self
            .first_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(20));
        let full = exp.min(self.max_delay);
        full.mul_f64(rand::Rng::gen_range(&mut rand::thread_rng(), 0.5..=1.0))
    }
}

/// Which proxy the HTTP client uses.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ProxySetting {
    /// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` from the environment.
    #[default]
    FromEnv,
    /// No proxy, whatever the environment says.
    Off,
    /// This proxy for every request.
    Url(String),
}

/// Everything that shapes a sync besides the corpus definition.
#[derive(Debug, Clone, PartialEq)]
pub struct MirrorOptions {
    pub parallel: usize,
    pub retry: RetryPolicy,
    pub connect_timeout: Duration,
    /// Longest wait for response headers or for the next bytes of a body.
    pub read_timeout: Duration,
    /// Bandwidth cap in bytes per second for the whole sync.
    pub max_rate: Option<u64>,
    pub proxy: ProxySetting,
    pub user_agent: String,
    /// Largest HTTP body accepted, in bytes: a file announced as larger is refused, and a
    /// body without `Content-Length` is broken off once it passes this.
    pub max_body: u64,
    /// How long a sync waits for the corpus's lock when another run holds it; `None`:
    /// refused at once. Set from the command line only.
    pub lock_wait: Option<Duration>,
}

/// The default of [`MirrorOptions::max_body`]: 64 GiB, above the largest bulk files
/// published (USPTO full-text archives with drawings are a few GiB).
pub const DEFAULT_MAX_BODY: u64 = 64 << 30;

impl Default for MirrorOptions {
    fn default() -> Self {
        MirrorOptions {
            parallel: 4,
            retry: RetryPolicy::default(),
            connect_timeout: Duration::from_secs(20),
            read_timeout: Duration::from_secs(60),
            max_rate: None,
            proxy: ProxySetting::FromEnv,
            user_agent: format!("tisc/{} (prior-art mirror)", env!("CARGO_PKG_VERSION")),
            max_body: DEFAULT_MAX_BODY,
            lock_wait: None,
        }
    }
}

/// `none`/`off` turn the proxy off; anything else is the proxy's URL.
pub fn parse_proxy(s: &str) -> ProxySetting {
    match s.trim() {
        "none" | "off" | "" => ProxySetting::Off,
        url => ProxySetting::Url(url.to_string()),
    }
}

/// A rate or a size that does not read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmountError {
    #[error("`{0}` is not a rate (e.g. 2MB/s, 500k)")]
    NotARate(String),
    #[error("`{text}`: unknown unit `{unit}` (use k, M or G)")]
    RateUnit { text: String, unit: String },
    #[error("`{0}`: a rate must be at least 1 byte per second")]
    RateTooSmall(String),
    #[error("`{0}` is not a size (e.g. 64GiB, 500MB)")]
    NotASize(String),
    #[error("`{text}`: unknown unit `{unit}` (use k, M, G, T or Ki, Mi, Gi, Ti)")]
    SizeUnit { text: String, unit: String },
    #[error("`{0}`: a size must be at least 1 byte")]
    SizeOutOfRange(String),
}

/// The leading number of an amount (`1.5` in `1.5Mi`) and the unit after it, or `None` when
/// it does not start with a number.
fn number_and_unit(t: &str) -> Option<(f64, &str)> {
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    Some((number.parse().ok()?, unit))
}

/// A rate such as `2MB/s`, `500k`, `1.5M` or `250000` (bytes per second; k and M are
/// powers of 1000, Ki and Mi of 1024).
pub fn parse_rate(s: &str) -> Result<u64, AmountError> {
    let t = s.trim().trim_end_matches("/s").trim_end_matches(['B', 'b']);
    let (n, unit) = number_and_unit(t).ok_or_else(|| AmountError::NotARate(s.to_string()))?;
    let scale = match unit.trim() {
        "" => 1.0,
        "k" | "K" => 1e3,
        "M" | "m" => 1e6,
        "G" | "g" => 1e9,
        "Ki" | "ki" => 1024.0,
        "Mi" | "mi" => 1024.0 * 1024.0,
        other => {
            return Err(AmountError::RateUnit {
                text: s.to_string(),
                unit: other.to_string(),
            })
        }
    };
    let rate = (n * scale).round();
    if rate < 1.0 {
        return Err(AmountError::RateTooSmall(s.to_string()));
    }
    Ok(rate as u64)
}

/// A size such as `64GiB`, `500MB`, `1.5G` or `1048576` (bytes; k, M, G, T are powers
/// of 1000, Ki, Mi, Gi, Ti of 1024; a trailing `B` is optional).
pub fn parse_size(s: &str) -> Result<u64, AmountError> {
    let t = s.trim();
    let t = t.strip_suffix(['B', 'b']).unwrap_or(t);
    let (n, unit) = number_and_unit(t).ok_or_else(|| AmountError::NotASize(s.to_string()))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" => 1.0,
        "k" => 1e3,
        "m" => 1e6,
        "g" => 1e9,
        "t" => 1e12,
        "ki" => 1024.0,
        "mi" => 1024.0 * 1024.0,
        "gi" => 1024.0 * 1024.0 * 1024.0,
        "ti" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        _ => {
            return Err(AmountError::SizeUnit {
                text: s.to_string(),
                unit: unit.trim().to_string(),
            })
        }
    };
    let size = (n * scale).round();
    if size < 1.0 || !size.is_finite() || size > u64::MAX as f64 {
        return Err(AmountError::SizeOutOfRange(s.to_string()));
    }
    Ok(size as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_parse_with_units() {
        assert_eq!(parse_rate("2MB/s"), Ok(2_000_000));
        assert_eq!(parse_rate("500k"), Ok(500_000));
        assert_eq!(parse_rate("1.5M"), Ok(1_500_000));
        assert_eq!(parse_rate("1MiB/s"), Ok(1_048_576));
        assert_eq!(parse_rate("250000"), Ok(250_000));
        assert!(parse_rate("fast").is_err());
        assert!(parse_rate("0").is_err());
    }

    #[test]
    fn sizes_parse_with_units() {
        assert_eq!(parse_size("64GiB"), Ok(64 << 30));
        assert_eq!(parse_size("500MB"), Ok(500_000_000));
        assert_eq!(parse_size("1.5k"), Ok(1500));
        assert_eq!(parse_size("2Mi"), Ok(2 << 20));
        assert_eq!(parse_size("4096"), Ok(4096));
        assert!(parse_size("big").is_err());
        assert!(parse_size("0").is_err());
        assert!(parse_size("3 parsecs").is_err());
    }

    #[test]
    fn backoff_doubles_with_jitter_and_caps() {
        let p = RetryPolicy {
            attempts: 6,
            first_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(700),
        };
        for (attempt, full) in [(1, 100), (2, 200), (3, 400), (4, 700), (9, 700)] {
            let d = p.delay(attempt).as_millis();
            assert!(d >= full / 2 && d <= full, "attempt {attempt}: {d} ms");
        }
    }
}
