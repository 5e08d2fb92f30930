//! The `nianbao` binary: a thin shell over the library (see `cli`).

mod cli;

/// Linting allocates many small strings; mimalloc is markedly faster at
/// that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
mod lsp;
mod serve;

fn main() {
    let code = cli::main();
    std::process::exit(code);
}
