//! The `nianbao` binary: a thin shell over the library (see `cli`).

mod cli;

fn main() {
    let code = cli::main();
    std::process::exit(code);
}
