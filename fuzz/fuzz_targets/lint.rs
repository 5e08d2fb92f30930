//! Any bytes: decode, lint, apply every fix, re-lint (see checks.rs).
#![no_main]

#[path = "../checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::lint(data));
