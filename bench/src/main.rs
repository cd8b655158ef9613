//! `tisc-bench`: the benchmarks of tisc and the synthetic collections they run on.

mod gen;

use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "tisc-bench",
    about = "Benchmarks of tisc, and the synthetic collections they run on"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Write a synthetic collection (USPTO bulk XML or JSON lines) of any size
    GenCorpus(gen::GenArgs),
}

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::GenCorpus(args) => gen::run(args),
    };
    if let Err(e) = result {
        eprintln!("error: {}", tisc::cli::error_text(&e));
        std::process::exit(tisc::cli::exit_code(&e));
    }
}
