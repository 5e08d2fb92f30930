//! Any bytes: decode (as `nianbao check` does), lint, apply every fix, and
//! check that every range lies on character boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = nianbao::text::decode(data) else {
        return;
    };
    let diags = nianbao::lint(&text, &Default::default());
    let ok = |s: nianbao::text::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for d in &diags {
        assert!(ok(d.span));
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(ok(e.span));
        }
    }
    let _ = nianbao::diagnostic::apply_fixes(&text, &diags, true);
    let _ = nianbao::docx::to_text(data);
});
