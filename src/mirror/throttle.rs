//! A bandwidth cap shared by every download of a sync: each chunk received books its share
//! of time, and the worker that received it sleeps until that time has come.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Credit a worker may run ahead of the cap, so short pauses are not lost.
const BURST: Duration = Duration::from_millis(100);

#[derive(Debug)]
pub struct Throttle {
    bytes_per_sec: f64,
    next: Mutex<Instant>,
}

impl Throttle {
    pub fn new(bytes_per_sec: u64) -> Throttle {
        Throttle {
            bytes_per_sec: bytes_per_sec.max(1) as f64,
            next: Mutex::new(Instant::now()),
        }
    }

    /// Account for `n` bytes just received; sleeps as long as the cap requires.
    pub fn take(&self, n: usize) {
        let now = Instant::now();
        let wait = match self.next.lock() {
            Ok(mut next) => {
                let floor = now.checked_sub(BURST).unwrap_or(now);
                let start = (*next).max(floor);
                *next = start + Duration::from_secs_f64(n as f64 / self.bytes_per_sec);
                next.saturating_duration_since(now)
            }
            Err(_) => Duration::ZERO,
        };
        if wait > Duration::ZERO {
            std::thread::sleep(wait);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_cap_holds_over_many_chunks() {
        let t = super::Throttle::new(1_000_000);
        let start = std::time::Instant::now();
        for _ in 0..30 {
            t.take(10_000);
        }
        let secs = start.elapsed().as_secs_f64();
        // 300 kB at 1 MB/s: 0.3 s, less the burst credit.
        assert!(secs > 0.15 && secs < 1.0, "{secs}");
    }
}
