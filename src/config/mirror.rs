//! The `[mirror]` section of `config.toml`: the defaults of a mirror run.

use super::EntryError;
use crate::mirror::{parse_proxy, parse_rate, parse_size, MirrorOptions};
use std::time::Duration;

/// The keys of `[mirror]`.
const KEYS: &str = "parallel, attempts, first_delay_ms, max_delay_secs, connect_timeout_secs, \
                    read_timeout_secs, max_rate, proxy, max_body";

/// The mirror defaults with the `[mirror]` section `t` applied.
pub(super) fn options(t: &toml::Table) -> Result<MirrorOptions, EntryError> {
    let mut o = MirrorOptions::default();
    for (name, value) in t {
        let key = format!("mirror.{name}");
        let bad = |message: String| EntryError::Bad {
            key: key.clone(),
            message,
        };
        let number = || -> Result<u64, EntryError> {
            value
                .as_integer()
                .and_then(|n| u64::try_from(n).ok())
                .ok_or_else(|| bad(format!("{value} is not a whole number of 0 or more")))
        };
        let text = || -> Result<&str, EntryError> {
            value
                .as_str()
                .ok_or_else(|| bad(format!("{value} is not a string (write it in quotes)")))
        };
        match name.as_str() {
            "parallel" => o.parallel = number()?.clamp(1, 64) as usize,
            "attempts" => o.retry.attempts = number()?.clamp(1, u64::from(u32::MAX)) as u32,
            "first_delay_ms" => o.retry.first_delay = Duration::from_millis(number()?),
            "max_delay_secs" => o.retry.max_delay = Duration::from_secs(number()?),
            "connect_timeout_secs" => o.connect_timeout = Duration::from_secs(number()?.max(1)),
            "read_timeout_secs" => o.read_timeout = Duration::from_secs(number()?.max(1)),
            "max_rate" => o.max_rate = Some(parse_rate(text()?).map_err(|e| bad(e.to_string()))?),
            "proxy" => o.proxy = parse_proxy(text()?),
            "max_body" => o.max_body = parse_size(text()?).map_err(|e| bad(e.to_string()))?,
            _ => return Err(EntryError::Unknown { key, known: KEYS }),
        }
    }
    Ok(o)
}
