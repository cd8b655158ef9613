//! The `tisc` command line with fault points compiled in, for the crash tests: with
//! `TISC_FAILPOINT=<point>` it aborts (or fails) at that point, as a kill or a full disk would.

fn main() {
    let code = tisc::cli::main();
    if code != 0 {
        std::process::exit(code);
    }
}
