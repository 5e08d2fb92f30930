//! A report and a script of edits, each read from the previous version's
//! report as the language server does; must equal a full read (checks.rs).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::reread(data));
