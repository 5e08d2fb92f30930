//! Settings from `initializationOptions` and `workspace/didChangeConfiguration`
//! (either `{"nianbao": {...}}` or the object itself), and the tiny glob
//! matcher for `lintGlobs`. Unknown keys are ignored; bad values are reported
//! as warnings and leave the default in place.

use nianbao::options::LintOptions;
use nianbao::schema::Version;
use nianbao::{Lang, Severity};
use serde_json::Value;

#[derive(Debug, Clone)]
pub struct Config {
    pub lint: LintOptions,
    pub column_names: bool,
    pub computed_totals: bool,
    pub lint_globs: Vec<String>,
    pub lang: Lang,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            lint: LintOptions::default(),
            column_names: true,
            computed_totals: true,
            lint_globs: Vec::new(),
            lang: Lang::Zh,
        }
    }
}

fn known_rule(name: &str) -> bool {
    nianbao::rules::find(name).is_some() || name == "unused-suppression"
}

impl Config {
    /// Reads settings; returns the config and warnings about values it could
    /// not use.
    pub fn from_json(value: &Value) -> (Config, Vec<String>) {
        let mut c = Config::default();
        let mut warnings = Vec::new();
        let v = match value.get("nianbao") {
            Some(inner) if inner.is_object() => inner,
            _ => value,
        };
        let Some(obj) = v.as_object() else {
            if !v.is_null() {
                warnings.push(format!("settings must be an object, got {v}"));
            }
            return (c, warnings);
        };
        if let Some(rules) = obj.get("rules") {
            match rules.as_object() {
                Some(map) => {
                    for (name, level) in map {
                        if !known_rule(name) {
                            warnings.push(format!("rules: unknown rule “{name}”"));
                            continue;
                        }
                        let sev = match level {
                            Value::Bool(false) => Some(None),
                            Value::Bool(true) => None,
                            Value::String(s) if s.eq_ignore_ascii_case("off") => Some(None),
                            Value::String(s) if s.eq_ignore_ascii_case("default") => None,
                            Value::String(s) => match Severity::parse(s) {
                                Some(x) => Some(Some(x)),
                                None => {
                                    warnings.push(format!(
                                        "rules.{name}: “{s}” is not off/error/warning/info/hint"
                                    ));
                                    None
                                }
                            },
                            other => {
                                warnings.push(format!("rules.{name}: unexpected {other}"));
                                None
                            }
                        };
                        if let Some(s) = sev {
                            c.lint.severities.insert(name.clone(), s);
                        }
                    }
                }
                None => warnings.push("rules must be an object".into()),
            }
        }
        if let Some(fv) = obj.get("formatVersion") {
            let s = match fv {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => String::new(),
            };
            if s.eq_ignore_ascii_case("auto") || s.is_empty() && fv.is_null() {
                c.lint.model.version = None;
            } else {
                match Version::parse(&s) {
                    Some(v) => c.lint.model.version = Some(v),
                    None => {
                        warnings.push(format!("formatVersion: “{fv}” is not auto, 2019 or 2021"))
                    }
                }
            }
        }
        if let Some(h) = obj.get("inlayHints") {
            if let Some(b) = h.get("columnNames").and_then(Value::as_bool) {
                c.column_names = b;
            }
            if let Some(b) = h.get("computedTotals").and_then(Value::as_bool) {
                c.computed_totals = b;
            }
            if let Some(b) = h.as_bool() {
                c.column_names = b;
                c.computed_totals = b;
            }
        }
        if let Some(g) = obj.get("lintGlobs") {
            match g {
                Value::Array(items) => {
                    c.lint_globs = items
                        .iter()
                        .filter_map(Value::as_str)
                        .map(str::to_string)
                        .collect();
                }
                Value::String(s) => c.lint_globs = vec![s.clone()],
                _ => warnings.push("lintGlobs must be a list of strings".into()),
            }
        }
        if let Some(l) = obj.get("lang") {
            match l.as_str().and_then(Lang::parse) {
                Some(lang) => c.lang = lang,
                None => warnings.push(format!("lang: “{l}” is not zh or en")),
            }
        }
        (c, warnings)
    }

    /// The lint options for a document: its project's `nianbao.toml`, then
    /// these settings on top (as command-line flags for the CLI).
    pub fn options_with(&self, project: Option<&nianbao::config::Config>) -> LintOptions {
        let mut o = LintOptions::default();
        if let Some(p) = project {
            p.apply(&mut o);
        }
        for (k, v) in &self.lint.severities {
            o.severities.insert(k.clone(), *v);
        }
        if self.lint.model.version.is_some() {
            o.model.version = self.lint.model.version;
        }
        o
    }

    pub fn matches_glob(&self, path: &str) -> bool {
        self.lint_globs.iter().any(|g| glob_match(g, path))
    }
}

/// The path of a URI, percent-decoded (`file:///a/%E5%B9%B4.md` → `/a/年.md`).
pub fn uri_path(uri: &str) -> String {
    let rest = match uri.find(':') {
        Some(p)
            if uri[..p]
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)) =>
        {
            &uri[p + 1..]
        }
        _ => uri,
    };
    let rest = match rest.strip_prefix("//") {
        Some(after) => match after.find('/') {
            Some(p) => &after[p..],
            None => "",
        },
        None => rest,
    };
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    percent_decode(&rest[..end])
}

/// The `file:` URI of a path (percent-encoded; `\\` as `/`, a drive letter
/// after a `/`), the inverse of [`uri_path`].
pub fn file_uri(path: &str) -> Option<tower_lsp_server::ls_types::Uri> {
    let path = path.replace('\\', "/");
    let mut out = String::from("file://");
    if !path.starts_with('/') {
        out.push('/');
    }
    for &b in path.as_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~:".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.parse().ok()
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Lit(char),
    Any,
    Star,
    /// `**`, with the `/` after it when there is one.
    Deep,
}

fn tokens(pattern: &str) -> Vec<Tok> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' if chars.get(i + 1) == Some(&'*') => {
                i += 2;
                while chars.get(i) == Some(&'*') {
                    i += 1;
                }
                if chars.get(i) == Some(&'/') {
                    i += 1;
                }
                out.push(Tok::Deep);
                continue;
            }
            '*' => out.push(Tok::Star),
            '?' => out.push(Tok::Any),
            '\\' => out.push(Tok::Lit('/')),
            c => out.push(Tok::Lit(c)),
        }
        i += 1;
    }
    out
}

fn match_from(p: &[Tok], t: &[char], memo: &mut Vec<Option<bool>>, pi: usize, ti: usize) -> bool {
    let key = pi * (t.len() + 1) + ti;
    if let Some(Some(r)) = memo.get(key) {
        return *r;
    }
    let r = match p.get(pi) {
        None => ti == t.len(),
        Some(Tok::Lit(c)) => t.get(ti) == Some(c) && match_from(p, t, memo, pi + 1, ti + 1),
        Some(Tok::Any) => {
            t.get(ti).is_some_and(|c| *c != '/') && match_from(p, t, memo, pi + 1, ti + 1)
        }
        Some(Tok::Star) => {
            match_from(p, t, memo, pi + 1, ti)
                || (t.get(ti).is_some_and(|c| *c != '/') && match_from(p, t, memo, pi, ti + 1))
        }
        // `**/` matches zero or more whole directories; a final `**` anything.
        Some(Tok::Deep) => {
            pi + 1 == p.len()
                || match_from(p, t, memo, pi + 1, ti)
                || match t[ti.min(t.len())..].iter().position(|c| *c == '/') {
                    Some(k) => match_from(p, t, memo, pi, ti + k + 1),
                    None => false,
                }
        }
    };
    if let Some(slot) = memo.get_mut(key) {
        *slot = Some(r);
    }
    r
}

/// Matches `path` against a glob with `*` (within a path segment), `?` (one
/// character) and `**` (any number of directories). A relative pattern may
/// match any trailing part of the path (`docs/*.md` matches `/x/docs/a.md`).
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let path = path.replace('\\', "/");
    let t: Vec<char> = path.chars().collect();
    let p = tokens(pattern.trim());
    if p.is_empty() {
        return false;
    }
    let try_at = |start: usize| {
        let mut memo = vec![None; (p.len() + 1) * (t.len() - start + 1)];
        match_from(&p, &t[start..], &mut memo, 0, 0)
    };
    if try_at(0) {
        return true;
    }
    if pattern.starts_with('/') {
        return false;
    }
    (0..t.len()).filter(|&i| t[i] == '/').any(|i| try_at(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn globs() {
        let yes = [
            ("**/*年报*.md", "/home/u/docs/2020年报.md"),
            ("**/*年报*.md", "/2020年报草稿.md"),
            ("*.md", "/a/b/c.md"),
            ("docs/**/*.txt", "/x/docs/a/b/c.txt"),
            ("docs/**/*.txt", "/x/docs/c.txt"),
            ("/tmp/?.md", "/tmp/a.md"),
            ("**", "/anything/at/all"),
        ];
        for (p, t) in yes {
            assert!(glob_match(p, t), "{p} should match {t}");
        }
        let no = [
            ("**/*年报*.md", "/home/u/docs/2020报告.md"),
            ("/tmp/*.md", "/tmp/a/b.md"),
            ("/tmp/?.md", "/tmp/ab.md"),
            ("docs/*.txt", "/x/docs/a/c.txt"),
            ("", "/a"),
        ];
        for (p, t) in no {
            assert!(!glob_match(p, t), "{p} should not match {t}");
        }
    }

    #[test]
    fn file_uris_round_trip() {
        for p in ["/tmp/年报 2023.md", "/a/b%c#d.txt", "C:\\报告\\2023.txt"] {
            let uri = file_uri(p).expect("uri");
            assert_eq!(
                uri_path(uri.as_str()),
                format!(
                    "{}{}",
                    if p.starts_with('/') { "" } else { "/" },
                    p.replace('\\', "/")
                )
            );
        }
    }

    #[test]
    fn uri_paths_are_decoded() {
        assert_eq!(
            uri_path("file:///tmp/%E5%B9%B4%E6%8A%A5.md"),
            "/tmp/年报.md"
        );
        assert_eq!(uri_path("file://host/a/b.md?x#y"), "/a/b.md");
        assert_eq!(uri_path("untitled:Untitled-1"), "Untitled-1");
        assert_eq!(uri_path("file:///a%2"), "/a%2");
    }

    #[test]
    fn settings_shapes() {
        let (c, w) = Config::from_json(&json!({"nianbao": {
            "rules": {"table-sum": "warning", "empty-cell": "off", "nope": "error"},
            "formatVersion": "2021",
            "inlayHints": {"columnNames": false},
            "lintGlobs": ["**/*年报*.md"],
            "lang": "en"
        }}));
        assert_eq!(w.len(), 1, "{w:?}");
        assert_eq!(
            c.lint.severities.get("table-sum"),
            Some(&Some(Severity::Warning))
        );
        assert_eq!(c.lint.severities.get("empty-cell"), Some(&None));
        assert_eq!(c.lint.model.version, Some(Version::V2021));
        assert!(!c.column_names && c.computed_totals);
        assert_eq!(c.lang, Lang::En);
        assert!(c.matches_glob("/d/2021年报.md"));
        let (c, w) = Config::from_json(&json!({"formatVersion": "auto", "lang": "fr"}));
        assert_eq!(c.lint.model.version, None);
        assert_eq!(c.lang, Lang::Zh);
        assert_eq!(w.len(), 1);
        let (_, w) = Config::from_json(&Value::Null);
        assert!(w.is_empty());
    }
}
