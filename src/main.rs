//! The `tisc` binary: parse the command line, run it, report an error once
//! ([`tisc::cli::main`]).

// As in the library: no byte slicing of text, no unwrapping.
#![deny(clippy::string_slice, clippy::unwrap_used, clippy::expect_used)]

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let code = tisc::cli::main();
    if code != 0 {
        std::process::exit(code);
    }
}
