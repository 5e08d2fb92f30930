//! `nianbao lsp`: the language server adapter over stdio (tower-lsp-server,
//! documents kept in ropey ropes). All checking is done by the library; this
//! module converts positions, stores documents and answers requests. See the
//! "Language server" section of ARCHITECTURE.md for why and how ordering is
//! guaranteed.

mod actions;
mod analysis;
mod cells;
mod completion;
mod config;
mod convert;
mod crossyear;
mod diagnostics;
mod disk;
mod hints;
mod hover;
mod project;
mod server;
mod symbols;
mod transport;

use std::sync::Arc;

use tokio::sync::mpsc;
use tower_lsp_server::{LspService, Server};

/// Serves the language server on stdin/stdout until `exit` or end of input.
/// Returns the process exit code: 0 after a `shutdown` request, else 1.
pub fn run() -> i32 {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("nianbao lsp: cannot start the runtime: {e}");
            return 2;
        }
    };
    let code = runtime.block_on(async {
        let (tx, rx) = mpsc::unbounded_channel();
        let shared = Arc::new(server::Shared::new(tx));
        let for_service = shared.clone();
        let (service, socket) = LspService::build(move |client| {
            tokio::spawn(server::publish_loop(for_service.clone(), rx));
            server::Backend::new(client, for_service)
        })
        .custom_method(transport::INVALID_MESSAGE, server::Backend::invalid_message)
        .custom_method(server::STATS, server::Backend::stats)
        .finish();
        Server::new(transport::stdin(), transport::stdout(), socket)
            .serve(service)
            .await;
        if shared.shutdown_requested() || transport::orderly_exit() {
            0
        } else {
            1
        }
    });
    // Nothing left worth waiting for (the stdin thread may be blocked in a
    // read; the process exit ends it).
    runtime.shutdown_background();
    code
}
