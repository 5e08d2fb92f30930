//! The `nianbao` binary: a thin shell over the library (see `cli`).

mod cli;
mod lsp;

fn main() {
    let code = cli::main();
    std::process::exit(code);
}
