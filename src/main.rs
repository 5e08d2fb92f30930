//! The `nianbao` binary: a thin shell over the library. `cli` parses the
//! command line and runs its own commands; the language server (`lsp`) and
//! the checking page (`serve`) are started here, so no adapter calls another.

mod cli;

/// Linting allocates many small strings; mimalloc is markedly faster at
/// that than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
mod lsp;
mod serve;

fn main() {
    let code = match cli::main() {
        cli::Run::Exit(code) => code,
        cli::Run::Lsp => lsp::run(),
        cli::Run::Serve(args) => serve::run(args.port, args.open),
        cli::Run::ServeDoubleClicked => serve::double_clicked(),
    };
    std::process::exit(code);
}
