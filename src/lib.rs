//! nianbao (年报): a linter and language server for drafts of the Chinese
//! government annual report on information disclosure
//! (政府信息公开工作年度报告).
//!
//! Data flows [`front`] (file bytes → text) → [`text`] → [`syntax`] → [`schema`] + [`model`] →
//! [`rules`] → [`diagnostic`]; [`lint::lint`] runs the pipeline. The core does no I/O.
//!
//! Layers, each naming only the ones below it (`tests/tidy.rs` enforces the table):
//! [`text`] → [`syntax`], [`diagnostic`], [`dates`], [`places`] → [`schema`] → [`front`],
//! [`model`] → [`options`], [`template`], [`arith`], [`prose`] → [`rules`] → [`suppress`] →
//! [`lint`](mod@lint) → [`config`]. The binary's adapters (`cli`, `lsp`, `serve`) use the library and
//! never each other.

pub mod arith;
pub mod config;
pub mod crossdoc;
pub mod dates;
pub mod decisions;
pub mod diagnostic;
pub mod front;
pub mod identity;
pub mod lint;
pub mod model;
pub mod options;
pub mod places;
pub mod prose;
pub mod rules;
pub mod schema;
pub mod suppress;
pub mod syntax;
pub mod template;
pub mod text;

pub use diagnostic::{Diagnostic, Fix, Lang, Msg, Severity};
pub use lint::lint;
pub use options::LintOptions;
