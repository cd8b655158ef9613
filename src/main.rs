//! The `tisc` binary: parse the command line, run it, report an error once.

use clap::Parser;

fn main() {
    // Output piped into `head` or a pager that quits early ends the program quietly, as
    // other command-line tools do, instead of a panic on the next write.
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = tisc::cli::Cli::parse();
    if let Err(e) = tisc::cli::run(cli) {
        eprintln!("error: {e:#}");
        let code = if e.downcast_ref::<tisc::cli::UsageError>().is_some() {
            tisc::cli::EXIT_USAGE
        } else {
            1
        };
        std::process::exit(code);
    }
}
