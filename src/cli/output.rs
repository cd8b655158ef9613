//! Output helpers shared by subcommands: terminal detection, text truncation, tables, and
//! the standard output and error streams with control characters made visible.
//!
//! Every line a command prints goes through [`outln!`]/[`errln!`] or a [`Clean`] writer, so a
//! title or a file name holding terminal escapes (`ESC ] 0;…`, `ESC [2J`, CSI) is shown as
//! text and never acted on by the terminal (see `crate::sanitize`).

use std::io::{IsTerminal, Write};

/// A writer that passes text through with every control character except line feeds and
/// tabs replaced by a visible stand-in. Formatting writes whole `str` pieces, so each write is
/// complete UTF-8; bytes that are not are replaced, never written raw.
pub struct Clean<W: Write>(pub W);

impl<W: Write> Write for Clean<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let valid = match std::str::from_utf8(buf) {
            Ok(s) => s,
            // Keep the valid start; the rest comes back in the next call.
            Err(e) if e.valid_up_to() > 0 => {
                std::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or_default()
            }
            // Bytes that are not text are never written raw (a lone 0x9B is CSI to some
            // terminals): each invalid sequence becomes U+FFFD.
            Err(e) => {
                self.0.write_all("\u{FFFD}".as_bytes())?;
                return Ok(e.error_len().unwrap_or(buf.len()));
            }
        };
        self.0
            .write_all(crate::sanitize::escape_controls(valid).as_bytes())?;
        Ok(valid.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// The standard output, locked, with control characters made visible.
pub fn stdout() -> Clean<std::io::StdoutLock<'static>> {
    Clean(std::io::stdout().lock())
}

/// The standard error, locked, with control characters made visible.
pub fn stderr() -> Clean<std::io::StderrLock<'static>> {
    Clean(std::io::stderr().lock())
}

/// A failed write to the standard output or error (a full disk behind a redirection, say)
/// ends the program with exit code 1 and a message, not a panic.
pub fn write_failed(stream: &str, e: &std::io::Error) -> ! {
    let _ = writeln!(
        std::io::stderr(),
        "error: cannot write the standard {stream}: {e}"
    );
    std::process::exit(super::EXIT_RUNTIME)
}

/// `println!` for text that may hold document or user text: control characters are made
/// visible, and a failed write ends the program with exit code 1.
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if let Err(e) = writeln!($crate::cli::output::stdout(), $($arg)*) {
            $crate::cli::output::write_failed("output", &e);
        }
    }};
}

/// `eprintln!` for text that may hold document or user text: control characters are made
/// visible.
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!($crate::cli::output::stderr(), $($arg)*);
    }};
}

/// Serialised JSON for output: pretty, with C1 control characters escaped (the data is the
/// same for a JSON reader).
pub fn json_pretty<T: serde::Serialize + ?Sized>(v: &T) -> serde_json::Result<String> {
    Ok(crate::sanitize::json_c1(serde_json::to_string_pretty(v)?))
}

/// A progress bar on stderr drawn with `template` after `prefix` when stderr is a terminal,
/// else hidden (its updates cost nothing and print nothing).
pub fn progress_bar(template: &str, prefix: String) -> indicatif::ProgressBar {
    let bar = if stderr_is_terminal() {
        indicatif::ProgressBar::new(0)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_prefix(prefix);
    bar
}

pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

pub use crate::columns::{truncate, Pad};
pub use crate::fsutil::human_bytes;

#[cfg(test)]
mod tests {
    #[test]
    fn truncation_and_sizes() {
        assert_eq!(super::truncate("abcdef", 4), "abc…");
        assert_eq!(super::truncate("abc", 4), "abc");
        assert_eq!(super::human_bytes(512), "512 B");
        assert_eq!(super::human_bytes(1536), "1.5 KiB");
    }
}
