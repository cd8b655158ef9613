//! Fault points for crash tests.
//!
//! `point("name")` marks a place where a test may want the process to die, as a kill or a
//! power cut would end it. Only a build with the `failpoints` feature (which the test kit
//! turns on) compiles them in: there, the process aborts at the point named by the
//! `TISC_FAILPOINT` environment variable. In any other build, `point` is an empty inline
//! function.

/// Abort here when `TISC_FAILPOINT` names this point (`failpoints` builds only).
#[cfg(feature = "failpoints")]
pub fn point(name: &str) {
    if std::env::var("TISC_FAILPOINT").is_ok_and(|v| v == name) {
        eprintln!("failpoint {name}: aborting");
        std::process::abort();
    }
}

/// Abort here when `TISC_FAILPOINT` names this point (`failpoints` builds only).
#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub fn point(_name: &str) {}

/// Fail here with a "no space left on device" error when `TISC_FAILPOINT` names this point
/// (`failpoints` builds only): for tests of what a failed write leaves behind.
#[cfg(feature = "failpoints")]
pub fn check(name: &str) -> std::io::Result<()> {
    if std::env::var("TISC_FAILPOINT").is_ok_and(|v| v == name) {
        return Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            format!("no space left on device (fault point {name})"),
        ));
    }
    Ok(())
}

/// Fail here with a "no space left on device" error when `TISC_FAILPOINT` names this point
/// (`failpoints` builds only).
#[cfg(not(feature = "failpoints"))]
#[inline(always)]
pub fn check(_name: &str) -> std::io::Result<()> {
    Ok(())
}
