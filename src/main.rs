//! The `tisc` binary: parse the command line, run it, report an error once.

fn main() {
    // Output piped into `head` or a pager that quits early ends the program quietly, as
    // other command-line tools do, instead of a panic on the next write.
    #[cfg(unix)]
    // SAFETY: called first thing, before any other thread exists; SIG_DFL is a valid action.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = tisc::cli::parse();
    if let Err(e) = tisc::cli::run(cli) {
        let code = tisc::cli::exit_code(&e);
        let text = tisc::cli::error_text(&e);
        if code == tisc::cli::EXIT_PARTIAL {
            eprintln!("partial: {text}");
        } else {
            eprintln!("error: {text}");
        }
        std::process::exit(code);
    }
}
