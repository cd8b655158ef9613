//! The `tisc` binary: parse the command line, run it, report an error once
//! ([`tisc::cli::main`]).

fn main() {
    let code = tisc::cli::main();
    if code != 0 {
        std::process::exit(code);
    }
}
