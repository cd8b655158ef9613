//! The `tisc` binary: parse the command line, run it, report an error once.

use clap::Parser;

fn main() {
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
