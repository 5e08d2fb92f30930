//! Tidy checks (rust-analyzer's `tidy` tests): the layers `src/lib.rs`
//! states, and the slow test tier.
//!
//! The layers:
//! Every `crate::`, `nianbao::`, `super::` and `self::` path in every file
//! under `src/` (outside `#[cfg(test)]` items, comments and strings) is
//! checked against [`LAYERS`]: a library module names only modules below
//! it, the binary's adapters never name each other, and no files of one
//! folder import each other in a cycle. A backward import fails
//! `cargo test`; the exceptions are listed below, each with its reason.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The library's modules, lowest first: a module may name only modules of a
/// lower rank (and itself). The data flows the other way (`lib.rs`): bytes →
/// `front` → text → `syntax` → `schema` + `model` → `rules` → `lint`.
const LAYERS: &[(&str, u8)] = &[
    // Characters, spans and positions.
    ("text", 0),
    ("syntax", 1),
    ("diagnostic", 1),
    ("dates", 1),
    ("places", 1),
    // The official format as data.
    ("schema", 2),
    // File bytes → text (Word comments write findings back: diagnostic).
    ("front", 3),
    // The reader.
    ("model", 3),
    ("options", 4),
    // Which report a file is (unit, year) and whether it is one.
    ("identity", 4),
    ("template", 4),
    ("arith", 4),
    ("prose", 4),
    ("rules", 5),
    ("suppress", 6),
    // A finding kept or dismissed by a reviewer, keyed by unit and year.
    ("decisions", 5),
    // Rules over several reports (last year's, a roll-up's units).
    ("crossdoc", 6),
    ("lint", 7),
    // `nianbao.toml` fills the options and names rules.
    ("config", 8),
    // The binary's adapters: anything of the library, never each other.
    ("cli", 9),
    ("lsp", 9),
    ("serve", 9),
];

const ADAPTERS: &[&str] = &["cli", "lsp", "serve"];

/// What `lib.rs` re-exports at the crate root, by the module it comes from.
const ROOT_REEXPORTS: &[(&str, &str)] = &[
    ("Diagnostic", "diagnostic"),
    ("Fix", "diagnostic"),
    ("Lang", "diagnostic"),
    ("Msg", "diagnostic"),
    ("Severity", "diagnostic"),
    ("LintOptions", "options"),
];

/// Imports against the table that stay for now, each with its reason.
const ALLOWED: &[(&str, &str)] = &[];

/// File-level cycles that stay for now, each with its reason (none today:
/// the last two were cut by moving the shared types down, `cli/outcome.rs`
/// and `model/reads.rs`).
const ALLOWED_CYCLES: &[&[&str]] = &[];

#[test]
fn imports_follow_the_layers() {
    let files = sources();
    let scan = scan(&files);
    // The scan sees real imports (a broken scanner would pass vacuously).
    for (from, to) in [
        ("rules::table_sum", "arith"),
        ("lint", "rules"),
        ("model", "schema"),
        ("lsp::analysis", "lint"),
        ("cli::check", "front"),
    ] {
        assert!(
            scan.edges.iter().any(|e| e.from == from && e.to_top == to),
            "the scan misses {from} → {to}"
        );
    }
    let problems = check(&files, &scan);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The check itself, on files made up for it: a backward import and an
/// adapter naming another adapter fail, a forward import passes.
#[test]
fn a_backward_import_fails() {
    let files = vec![
        (
            "syntax.rs".to_string(),
            "use crate::text::Span;\nuse crate::model::Report;\n".to_string(),
        ),
        (
            "text.rs".to_string(),
            "// crate::lint in a comment is no import\nfn f() { let s = \"crate::lint\"; }\n"
                .to_string(),
        ),
        (
            "lsp/hover.rs".to_string(),
            "use nianbao::lint::lint;\nfn f() { crate::cli::main(); }\n".to_string(),
        ),
        (
            "model/mod.rs".to_string(),
            "#[cfg(test)]\nmod tests {\n    use crate::lint::lint;\n}\n".to_string(),
        ),
        // Two files of one folder that import each other.
        (
            "cli/check.rs".to_string(),
            "use super::render::Shown;\npub struct FileResult;\n".to_string(),
        ),
        (
            "cli/render.rs".to_string(),
            "use super::check::FileResult;\npub struct Shown;\n".to_string(),
        ),
    ];
    let scan = scan(&files);
    expect_test::expect![[r#"
        src/syntax.rs: syntax (layer 1) imports model (layer 3)
        src/lsp/hover.rs: the adapter lsp imports the adapter cli
        files import each other: cli::check ↔ cli::render"#]]
    .assert_eq(&check(&files, &scan).join("\n"));
}

/// The slow tier (≈18 s each): `cargo test -- --skip slow_` leaves it out
/// while editing, so every test of these files must be named `slow_…`, and
/// no other test may be.
const SLOW: &[&str] = &["crash_fix.rs", "incremental.rs", "soak.rs"];

#[test]
fn the_slow_tier_is_named_slow() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let mut problems = Vec::new();
    let mut slow: BTreeMap<String, usize> = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap().flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".rs") {
            continue;
        }
        let code = strip(&std::fs::read_to_string(entry.path()).unwrap());
        let in_tier = SLOW.contains(&name.as_str());
        for test in test_names(&code) {
            if in_tier {
                *slow.entry(name.clone()).or_default() += 1;
            }
            if in_tier != test.starts_with("slow_") {
                problems.push(format!("tests/{name}: {test}"));
            }
        }
    }
    assert_eq!(
        slow.len(),
        SLOW.len(),
        "a file of the tier without tests: {slow:?}"
    );
    assert!(
        problems.is_empty(),
        "tests in {SLOW:?} are named slow_…, others are not:\n{}",
        problems.join("\n")
    );
}

/// The names of the `#[test]` functions and `proptest!` cases in `code`.
fn test_names(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut next_is_test = false;
    let mut in_proptest = 0usize;
    for line in code.lines() {
        let t = line.trim();
        if t.starts_with("proptest!") || t.starts_with("proptest::proptest!") {
            in_proptest = 1;
            continue;
        }
        if t == "#[test]" {
            next_is_test = true;
            continue;
        }
        if let Some(rest) = t.strip_prefix("fn ").or_else(|| t.strip_prefix("pub fn ")) {
            if next_is_test || in_proptest > 0 {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
            next_is_test = false;
        }
        if in_proptest > 0 && t == "}" && line.starts_with('}') {
            in_proptest = 0;
        }
    }
    out
}

// ------------------------------------------------------------- the scanner

/// `(path under src/, source)` of every `.rs` file under `src/`.
fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap().to_string_lossy();
                let rel = rel.replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// A file's module path: `rules/table_sum.rs` → `rules::table_sum`,
/// `model/mod.rs` → `model`; `lib.rs` and `main.rs` are the roots (empty).
fn module_of(file: &str) -> String {
    let stem = file.trim_end_matches(".rs");
    let stem = stem.strip_suffix("/mod").unwrap_or(stem);
    if stem == "lib" || stem == "main" {
        return String::new();
    }
    stem.replace('/', "::")
}

fn top(module: &str) -> &str {
    module.split("::").next().unwrap_or("")
}

/// Whether a file belongs to the binary (its `crate::` is `main.rs`).
fn in_binary(file: &str) -> bool {
    file == "main.rs" || ADAPTERS.iter().any(|a| file.starts_with(&format!("{a}/")))
}

struct Edge {
    file: String,
    from: String,
    /// The module file named (longest known prefix of the path).
    to: String,
    to_top: String,
}

struct Scan {
    edges: Vec<Edge>,
    unknown: Vec<String>,
}

fn scan(files: &[(String, String)]) -> Scan {
    let modules: BTreeSet<String> = files.iter().map(|(f, _)| module_of(f)).collect();
    let mut edges = Vec::new();
    let mut unknown = Vec::new();
    for (file, source) in files {
        let me = module_of(file);
        if me.is_empty() {
            continue; // lib.rs / main.rs declare the modules.
        }
        let code = without_tests(&strip(source));
        for path in paths(&code) {
            let mut segs: Vec<&str> = path.split("::").collect();
            let head = segs.remove(0);
            let mut abs: Vec<&str> = match head {
                "crate" | "nianbao" => Vec::new(),
                "self" => me.split("::").collect(),
                _ => me.split("::").collect::<Vec<_>>()[..me.matches("::").count()].to_vec(),
            };
            while segs.first() == Some(&"super") {
                segs.remove(0);
                abs.pop();
            }
            abs.extend(segs.into_iter().filter(|s| *s != "self"));
            // `crate::` in the binary is main.rs, whose modules are the
            // adapters; `nianbao::`, and `crate::` in the library, is the
            // library, whose root re-exports a few items.
            let binary = match head {
                "crate" => in_binary(file),
                "nianbao" => false,
                _ => ADAPTERS.contains(&top(&me)),
            };
            let Some(first) = abs.first_mut() else {
                continue;
            };
            if !binary && let Some((_, module)) = ROOT_REEXPORTS.iter().find(|(n, _)| n == first) {
                *first = module;
            }
            let first = *first;
            let known = if binary {
                ADAPTERS.contains(&first)
            } else {
                LAYERS.iter().any(|(m, _)| *m == first) && !ADAPTERS.contains(&first)
            };
            if !known {
                unknown.push(format!("src/{file}: {path}"));
                continue;
            }
            let to = (1..=abs.len())
                .rev()
                .map(|k| abs[..k].join("::"))
                .find(|m| modules.contains(m))
                .unwrap_or_else(|| first.to_string());
            // A parent naming its own children declares them.
            if to == me || to.starts_with(&format!("{me}::")) {
                continue;
            }
            edges.push(Edge {
                file: file.clone(),
                from: me.clone(),
                to_top: top(&to).to_string(),
                to,
            });
        }
    }
    Scan { edges, unknown }
}

fn rank(module: &str) -> Option<u8> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|(_, r)| *r)
}

/// Every way `files` break the layers, one line each.
fn check(files: &[(String, String)], scan: &Scan) -> Vec<String> {
    let mut problems: Vec<String> = scan
        .unknown
        .iter()
        .map(|u| format!("{u}: a path the layer table does not know"))
        .collect();
    for (file, _) in files {
        let t = top(&module_of(file)).to_string();
        if !t.is_empty() && rank(&t).is_none() {
            problems.push(format!("src/{file}: module {t} is not in LAYERS"));
        }
    }
    let mut seen = BTreeSet::new();
    for e in &scan.edges {
        let from = top(&e.from);
        if from == e.to_top || ALLOWED.contains(&(from, e.to_top.as_str())) {
            continue;
        }
        let (Some(a), Some(b)) = (rank(from), rank(&e.to_top)) else {
            continue;
        };
        let problem = if ADAPTERS.contains(&from) && ADAPTERS.contains(&e.to_top.as_str()) {
            format!(
                "src/{}: the adapter {from} imports the adapter {}",
                e.file, e.to_top
            )
        } else if b >= a {
            format!(
                "src/{}: {from} (layer {a}) imports {} (layer {b})",
                e.file, e.to_top
            )
        } else {
            continue;
        };
        if seen.insert(problem.clone()) {
            problems.push(problem);
        }
    }
    let found = cycles(&scan.edges);
    for cycle in &found {
        let allowed = ALLOWED_CYCLES
            .iter()
            .any(|c| c.iter().copied().eq(cycle.iter().map(String::as_str)));
        if !allowed {
            problems.push(format!("files import each other: {}", cycle.join(" ↔ ")));
        }
    }
    // An exception nothing needs any more goes (only when checking the
    // whole tree: a made-up file set has none of them).
    if files.iter().any(|(f, _)| f == "lib.rs") {
        for (from, to) in ALLOWED {
            if !scan
                .edges
                .iter()
                .any(|e| top(&e.from) == *from && e.to_top == *to)
            {
                problems.push(format!(
                    "ALLOWED lists {from} → {to}, which nothing imports now"
                ));
            }
        }
        for c in ALLOWED_CYCLES {
            if !found
                .iter()
                .any(|f| c.iter().copied().eq(f.iter().map(String::as_str)))
            {
                problems.push(format!(
                    "ALLOWED_CYCLES lists {}, which is no cycle now",
                    c.join(" ↔ ")
                ));
            }
        }
    }
    problems
}

/// The strongly connected groups of more than one module file (Tarjan).
fn cycles(edges: &[Edge]) -> Vec<Vec<String>> {
    let mut graph: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for e in edges {
        graph.entry(&e.from).or_default().insert(&e.to);
        graph.entry(&e.to).or_default();
    }
    struct Tarjan<'g> {
        graph: &'g BTreeMap<&'g str, BTreeSet<&'g str>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on: BTreeSet<&'g str>,
        out: Vec<Vec<String>>,
    }
    impl<'g> Tarjan<'g> {
        fn visit(&mut self, v: &'g str) {
            let i = self.index.len();
            self.index.insert(v, i);
            self.low.insert(v, i);
            self.stack.push(v);
            self.on.insert(v);
            for &w in &self.graph[v] {
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut group = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on.remove(w);
                    group.push(w.to_string());
                    if w == v {
                        break;
                    }
                }
                if group.len() > 1 {
                    group.sort();
                    self.out.push(group);
                }
            }
        }
    }
    let mut t = Tarjan {
        graph: &graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on: BTreeSet::new(),
        out: Vec::new(),
    };
    for &v in graph.keys() {
        if !t.index.contains_key(v) {
            t.visit(v);
        }
    }
    t.out.sort();
    t.out
}

/// `source` with comments removed and string and character literals
/// emptied, so that braces and paths can be read from what is left.
fn strip(source: &str) -> String {
    let s: Vec<char> = source.chars().collect();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < s.len() {
        let c = s[i];
        let next = s.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < s.len() && s[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < s.len() {
                if s[i] == '/' && s.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if s[i] == '*' && s.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if c == 'r' && matches!(next, Some('#' | '"')) && !ident_before(&s, i) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while s.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if s.get(j) != Some(&'"') {
                out.push(c);
                i += 1;
                continue;
            }
            j += 1;
            while j < s.len()
                && !(s[j] == '"' && (0..hashes).all(|k| s.get(j + 1 + k) == Some(&'#')))
            {
                j += 1;
            }
            out.push_str("\"\"");
            i = j + 1 + hashes;
        } else if c == '"' {
            let mut j = i + 1;
            while j < s.len() && s[j] != '"' {
                j += if s[j] == '\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = j + 1;
        } else if c == '\'' {
            // A character literal ('x', '\n', '\u{3000}'), or a lifetime.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < s.len() && s[j] != '\'' {
                    j += 1;
                }
                out.push_str("' '");
                i = j + 1;
            } else if s.get(i + 2) == Some(&'\'') {
                out.push_str("' '");
                i += 3;
            } else {
                out.push(c);
                i += 1;
            }
        } else {
            out.push(c);
            i += 1;
        }
    }
    out
}

fn ident_before(s: &[char], i: usize) -> bool {
    i > 0 && (s[i - 1].is_alphanumeric() || s[i - 1] == '_')
}

/// `code` (stripped) without the items under `#[cfg(test)]`: test code may
/// use any layer.
fn without_tests(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        rest = &rest[at + "#[cfg(test)]".len()..];
        // The item ends at its first `;` before any `{`, or with the
        // block that `{` opens.
        let semi = rest.find(';');
        let brace = rest.find('{');
        match (semi, brace) {
            (Some(s), Some(b)) if s < b => rest = &rest[s + 1..],
            (_, Some(b)) => {
                let mut depth = 0;
                let mut end = rest.len();
                for (k, ch) in rest[b..].char_indices() {
                    match ch {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                rest = &rest[end..];
            }
            (Some(s), None) => rest = &rest[s + 1..],
            (None, None) => rest = "",
        }
    }
    out.push_str(rest);
    out
}

/// Every path that starts at `crate`, `nianbao`, `super` or `self`, with
/// `use` trees (`use super::{a, b::{c, d}}`) expanded.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let is_start = i == 0
            || !(bytes[i - 1].is_ascii_alphanumeric()
                || bytes[i - 1] == b'_'
                || bytes[i - 1] == b':');
        let head = ["crate::", "nianbao::", "super::", "self::"]
            .into_iter()
            .find(|h| code[i..].starts_with(h));
        let (true, Some(_)) = (is_start, head) else {
            i += 1;
            continue;
        };
        // The path and, when it ends in `::{`, its use tree.
        let mut j = i;
        while j < bytes.len()
            && (bytes[j].is_ascii_alphanumeric() || bytes[j] == b'_' || bytes[j] == b':')
        {
            j += 1;
        }
        let prefix = code[i..j].trim_end_matches(':');
        if code[..j].ends_with("::") && bytes.get(j) == Some(&b'{') {
            let mut depth = 0;
            let mut end = j;
            for (k, ch) in code[j..].char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = j + k + 1;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            expand(prefix, &code[j + 1..end.saturating_sub(1)], &mut out);
            i = end;
        } else {
            out.push(prefix.to_string());
            i = j;
        }
    }
    out
}

/// `prefix::{tree}` as one path per leaf.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let mut depth = 0;
    let mut start = 0;
    let mut items = Vec::new();
    for (k, ch) in tree.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&tree[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    items.push(&tree[start..]);
    for item in items {
        let item = item.trim();
        let item = item.split(" as ").next().unwrap_or(item).trim();
        if item.is_empty() {
            continue;
        }
        if let Some(open) = item.find("::{") {
            let inner = &item[open + 3..item.len().saturating_sub(1)];
            expand(&format!("{prefix}::{}", &item[..open]), inner, out);
        } else if item == "self" || item == "*" {
            out.push(prefix.to_string());
        } else {
            out.push(format!("{prefix}::{item}"));
        }
    }
}
