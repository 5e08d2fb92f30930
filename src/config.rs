//! `nianbao.toml`: an office's own settings. Parsing is pure; finding and
//! reading the file ([`discover`], [`load`]) goes through closures the
//! adapters give (`std::fs` in both the CLI and the language server), so the
//! core does no I/O. A bad file is an error naming the line and key, never
//! silently ignored.
//!
//! ```toml
//! [report]
//! unit = "银川市市政管理局"   # 本机关名称
//! kind = "部门"              # 部门 | 政府（决定公开期限）
//! year = 2020                # 报告年度（正文未写明时）
//! format-version = "auto"    # auto | 2019 | 2021
//!
//! [rules]
//! empty-cell = "off"         # error | warning | info | hint | off
//!
//! [files]
//! include = ["**/*.md", "**/*.txt"]
//! exclude = ["archive/**"]
//! ```

use crate::diagnostic::Severity;
use crate::options::LintOptions;
use crate::schema::Version;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the project file, looked up from each checked file upwards.
pub const FILE_NAME: &str = "nianbao.toml";

/// The nearest `nianbao.toml` at or above `dir`; `is_file` answers whether a
/// candidate path exists (the adapters pass `Path::is_file`).
pub fn discover(dir: &Path, mut is_file: impl FnMut(&Path) -> bool) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| is_file(candidate))
}

/// Reads (through `read`, whose error says why it could not), decodes and
/// parses a config file; the error names the file, line and key.
pub fn load(
    path: &Path,
    read: impl FnOnce(&Path) -> Result<Vec<u8>, String>,
) -> Result<Config, String> {
    let bytes = read(path).map_err(|e| format!("{}: 无法读取配置文件：{e}", path.display()))?;
    let (text, _) = crate::front::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    parse(&text).map_err(|e| {
        let key = if e.key.is_empty() {
            String::new()
        } else {
            format!("（{}）", e.key)
        };
        format!(
            "{}:{}:{}: 配置错误{key}: {}",
            path.display(),
            e.line,
            e.column,
            e.message
        )
    })
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    pub unit: Option<String>,
    /// True for 政府 (published by 3月31日), false for 部门 (by 1月31日).
    pub government: Option<bool>,
    pub year: Option<i32>,
    pub version: Option<Version>,
    /// Rule → severity; `None` turns the rule off.
    pub rules: BTreeMap<String, Option<Severity>>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    /// `[repeated-text] threshold`: percent from which copied text is a warning.
    pub repeated_text_threshold: Option<u32>,
    /// `[rollup]`: reports that are the sum of others.
    pub rollups: Vec<Rollup>,
}

/// A report named as the sum of others (`rollup-sum`).
#[derive(Debug, Clone, PartialEq)]
pub struct Rollup {
    /// The parent's unit (a 县 matches its 人民政府's report too).
    pub parent: String,
    pub units: RollupUnits,
}

#[derive(Debug, Clone, PartialEq)]
pub enum RollupUnits {
    /// The units named.
    Named(Vec<String>),
    /// Every other unit with a report in the config file's folder (or below).
    Folder,
}

impl Rollup {
    /// Whether a report's unit (compared without spaces) is this roll-up's
    /// parent: the name itself, or its 人民政府 (`某某县` = `某某县人民政府`).
    pub fn is_parent(&self, unit: &str) -> bool {
        same_unit(&self.parent, unit)
    }
}

/// Whether two unit names name the same unit: equal without spaces, or one
/// is the other's 人民政府.
pub fn same_unit(a: &str, b: &str) -> bool {
    let (a, b) = (crate::identity::unit_key(a), crate::identity::unit_key(b));
    let bare = |s: &str| {
        s.strip_suffix("人民政府")
            .or_else(|| s.strip_suffix("政府"))
            .map(str::to_string)
            .unwrap_or_else(|| s.to_string())
    };
    a == b || bare(&a) == bare(&b)
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ConfigError {
    pub line: usize,
    pub column: usize,
    pub key: String,
    pub message: String,
}

fn position(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..crate::text::floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0)
        + 1;
    (line, col)
}

fn err(text: &str, offset: usize, key: &str, message: String) -> ConfigError {
    let (line, column) = position(text, offset);
    ConfigError {
        line,
        column,
        key: key.to_string(),
        message,
    }
}

/// Offset of `key = …` inside `[table]`, for error positions.
fn key_offset(text: &str, table: &str, key: &str) -> usize {
    let start = text.find(&format!("[{table}]")).unwrap_or(0);
    text[start..]
        .lines()
        .scan(start, |pos, l| {
            let here = *pos;
            *pos += l.len() + 1;
            Some((here, l))
        })
        .find(|(_, l)| {
            let t = l.trim_start();
            t.starts_with(key) && t[key.len()..].trim_start().starts_with('=')
                || t.starts_with(&format!("\"{key}\""))
        })
        .map(|(o, l)| o + (l.len() - l.trim_start().len()))
        .unwrap_or(start)
}

pub fn parse(text: &str) -> Result<Config, ConfigError> {
    let value: toml::Table = text.parse::<toml::Table>().map_err(|e| {
        let off = e.span().map(|s| s.start).unwrap_or(0);
        let message = e.message();
        let message = if message.contains("recurs") {
            format!("TOML 嵌套过深 (nesting too deep: {message})")
        } else {
            format!("TOML 语法错误：{message}")
        };
        err(text, off, "", message)
    })?;
    let mut c = Config::default();
    for (section, v) in &value {
        if section == "rollup"
            && let Some(table) = v.as_table()
        {
            c.rollups = rollups(text, table)?;
            continue;
        }
        let Some(table) = v.as_table() else {
            return Err(err(
                text,
                key_offset(text, "", section),
                section,
                format!("“{section}”应为一个表（[{section}]）"),
            ));
        };
        for (key, v) in table {
            let at = || key_offset(text, section, key);
            let want_str = |v: &toml::Value| v.as_str().map(str::to_string);
            match (section.as_str(), key.as_str()) {
                ("report", "unit") => {
                    c.unit = Some(
                        want_str(v)
                            .ok_or_else(|| err(text, at(), key, "report.unit 应为字符串".into()))?,
                    )
                }
                ("report", "kind") => {
                    let s = want_str(v).unwrap_or_default();
                    c.government = Some(match s.as_str() {
                        "政府" | "government" => true,
                        "部门" | "department" => false,
                        _ => {
                            return Err(err(
                                text,
                                at(),
                                key,
                                format!("report.kind 只能是“部门”或“政府”，不是“{s}”"),
                            ));
                        }
                    });
                }
                ("report", "year") => {
                    let y = v.as_integer().filter(|y| (2008..=2100).contains(y));
                    c.year = Some(y.ok_or_else(|| {
                        err(
                            text,
                            at(),
                            key,
                            "report.year 应为 2008–2100 之间的整数".into(),
                        )
                    })? as i32);
                }
                ("report", "format-version") => {
                    let s = match v {
                        toml::Value::Integer(i) => i.to_string(),
                        _ => want_str(v).unwrap_or_default(),
                    };
                    c.version = match s.as_str() {
                        "auto" => None,
                        other => Some(Version::parse(other).ok_or_else(|| {
                            err(
                                text,
                                at(),
                                key,
                                format!(
                                    "report.format-version 只能是 auto、2019 或 2021，不是“{other}”"
                                ),
                            )
                        })?),
                    };
                }
                ("rules", name) => {
                    if crate::rules::find(name).is_none() {
                        return Err(err(
                            text,
                            at(),
                            key,
                            format!("没有名为“{name}”的规则（nianbao rule 可列出全部规则）"),
                        ));
                    }
                    let s = want_str(v).unwrap_or_default();
                    let sev = if s == "off" {
                        None
                    } else {
                        Some(Severity::parse(&s).ok_or_else(|| err(text, at(), key, format!("rules.{name} 只能是 error、warning、info、hint 或 off，不是“{s}”")))?)
                    };
                    c.rules.insert(name.to_string(), sev);
                }
                ("repeated-text", "threshold") => {
                    let t = v.as_integer().filter(|t| (1..=100).contains(t));
                    c.repeated_text_threshold = Some(t.ok_or_else(|| {
                        err(
                            text,
                            at(),
                            key,
                            "repeated-text.threshold 应为 1–100 之间的整数（百分比）".into(),
                        )
                    })? as u32);
                }
                ("files", "include") | ("files", "exclude") => {
                    let list: Option<Vec<String>> = v
                        .as_array()
                        .and_then(|a| a.iter().map(|x| x.as_str().map(str::to_string)).collect());
                    let list = list.ok_or_else(|| {
                        err(text, at(), key, format!("files.{key} 应为字符串数组"))
                    })?;
                    if list.iter().any(|g| g.chars().count() > MAX_GLOB_CHARS) {
                        return Err(err(
                            text,
                            at(),
                            key,
                            format!("files.{key} 中的模式过长（超过 {MAX_GLOB_CHARS} 个字符）"),
                        ));
                    }
                    if key == "include" {
                        c.include = list;
                    } else {
                        c.exclude = list;
                    }
                }
                _ => {
                    return Err(err(
                        text,
                        at(),
                        key,
                        format!("未知的配置项“{section}.{key}”"),
                    ));
                }
            }
        }
    }
    Ok(c)
}

/// The `[rollup]` table: parent = [units] or "本目录".
fn rollups(text: &str, table: &toml::Table) -> Result<Vec<Rollup>, ConfigError> {
    let mut out = Vec::new();
    for (parent, units) in table {
        let bad = |what: &str| {
            err(
                text,
                key_offset(text, "rollup", parent),
                parent,
                format!("rollup.{parent} {what}"),
            )
        };
        let units = match units {
            toml::Value::String(s) if matches!(s.as_str(), "*" | "本目录") => {
                RollupUnits::Folder
            }
            toml::Value::Array(a) => {
                let names: Option<Vec<String>> =
                    a.iter().map(|x| x.as_str().map(str::to_string)).collect();
                match names {
                    Some(n) if !n.is_empty() => RollupUnits::Named(n),
                    _ => return Err(bad("应为单位名称的数组（或 \"本目录\"）")),
                }
            }
            _ => {
                return Err(bad(
                    "应为单位名称的数组，或 \"本目录\"（本目录中其他单位的年报）",
                ));
            }
        };
        out.push(Rollup {
            parent: parent.clone(),
            units,
        });
    }
    Ok(out)
}

impl Config {
    /// Settings of the config on top of `o` (command-line flags apply after).
    pub fn apply(&self, o: &mut LintOptions) {
        for (k, v) in &self.rules {
            o.severities.insert(k.clone(), *v);
        }
        if self.version.is_some() {
            o.model.version = self.version;
        }
        if self.year.is_some() {
            o.model.year = self.year;
        }
        if self.unit.is_some() {
            o.model.unit = self.unit.clone();
        }
        if self.government.is_some() {
            o.model.government = self.government;
        }
        if self.repeated_text_threshold.is_some() {
            o.repeated_text_threshold = self.repeated_text_threshold;
        }
    }

    /// Whether `path` (relative, `/`-separated) is selected by the
    /// include/exclude globs.
    pub fn selects(&self, path: &str) -> bool {
        let included = self.include.is_empty() || self.include.iter().any(|g| glob_match(g, path));
        included && !self.exclude.iter().any(|g| glob_match(g, path))
    }
}

/// Longest include/exclude pattern accepted (matching costs pattern ×
/// path length in time and memory).
pub const MAX_GLOB_CHARS: usize = 512;

/// Matches `*` (within a path segment), `**` (any number of segments) and `?`.
/// Memoized: a pattern like `*a*a*a*a*b` costs pattern × path² steps, not
/// exponentially many.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    // A pattern without `/` matches the file name anywhere.
    let s: Vec<char> = if pattern.contains('/') {
        path.chars().collect()
    } else {
        path.rsplit('/').next().unwrap_or(path).chars().collect()
    };
    let mut memo = vec![None; (p.len() + 1) * (s.len() + 1)];
    glob_from(&p, &s, 0, 0, &mut memo)
}

fn glob_from(p: &[char], s: &[char], pi: usize, si: usize, memo: &mut [Option<bool>]) -> bool {
    let key = pi * (s.len() + 1) + si;
    if let Some(Some(r)) = memo.get(key) {
        return *r;
    }
    let r = match p.get(pi) {
        None => si == s.len(),
        Some('*') if p.get(pi + 1) == Some(&'*') => {
            let next = if p.get(pi + 2) == Some(&'/') {
                pi + 3
            } else {
                pi + 2
            };
            next >= p.len()
                || (si..=s.len())
                    .any(|k| (k == si || s[k - 1] == '/') && glob_from(p, s, next, k, memo))
        }
        Some('*') => (si..=s.len())
            .take_while(|&k| k == si || s[k - 1] != '/')
            .any(|k| glob_from(p, s, pi + 1, k, memo)),
        Some('?') => si < s.len() && s[si] != '/' && glob_from(p, s, pi + 1, si + 1, memo),
        Some(c) => si < s.len() && s[si] == *c && glob_from(p, s, pi + 1, si + 1, memo),
    };
    if let Some(slot) = memo.get_mut(key) {
        *slot = Some(r);
    }
    r
}

/// The commented default written by `nianbao init`.
pub const DEFAULT: &str = r#"# nianbao.toml — 年报检查配置（nianbao 从被检查文件所在目录向上查找此文件）
# nianbao configuration; found by walking up from each checked file.

[report]
# 本机关名称，用于核对标题与落款 / the unit's name
# unit = "某某市某某局"
# 机关类型：部门（1月31日前公布）或 政府（3月31日前公布）/ 部门 or 政府
# kind = "部门"
# 报告年度（正文未写明时使用）/ report year when the draft does not state it
# year = 2024
# 格式版本：auto（按年度）、2019 或 2021 / format version
format-version = "auto"

[rules]
# 每条规则的级别：error、warning、info、hint 或 off / per-rule severity or off
# empty-cell = "warning"
# label-variant = "hint"

[files]
# 检查目录时包含、排除的文件 / globs for directory checks
include = ["**/*.md", "**/*.txt", "**/*.docx"]
exclude = []

[repeated-text]
# 与上年年报相同的文字占比（%）达到此值时警告，低于时给出提示 / share of text
# repeating last year's report from which a section is a warning
threshold = 50

# [rollup]
# 汇总年报：县（区）年报的表三、表四应等于所属单位之和（rollup-sum；不写则不检查）
# a report that is the sum of others (tables 三 and 四), opt-in
# "某某县" = ["某某县教育局", "某某县财政局", "某某县卫生健康局"]
# "某某县" = "本目录"    # 本目录（含子目录）中其他单位的年报 / every other unit in this folder
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_default_and_a_full_config() {
        assert_eq!(parse(DEFAULT).unwrap().include.len(), 3);
        let c = parse("[report]\nunit = \"某局\"\nkind = \"政府\"\nyear = 2022\nformat-version = 2021\n[rules]\nempty-cell = \"off\"\ntable-sum = \"warning\"\n").unwrap();
        assert_eq!(c.government, Some(true));
        assert_eq!(c.version, Some(Version::V2021));
        assert_eq!(c.rules.get("empty-cell"), Some(&None));
        assert_eq!(c.rules.get("table-sum"), Some(&Some(Severity::Warning)));
    }

    #[test]
    fn thresholds_and_rollups() {
        let c = parse("[repeated-text]\nthreshold = 60\n\n[rollup]\n\"某某县\" = [\"某某县教育局\", \"某某县财政局\"]\n\"某某市\" = \"本目录\"\n").unwrap();
        assert_eq!(c.repeated_text_threshold, Some(60));
        assert_eq!(
            c.rollups,
            vec![
                Rollup {
                    parent: "某某县".into(),
                    units: RollupUnits::Named(vec!["某某县教育局".into(), "某某县财政局".into()])
                },
                Rollup {
                    parent: "某某市".into(),
                    units: RollupUnits::Folder
                },
            ]
        );
        assert!(c.rollups[0].is_parent("某某县人民政府"));
        assert!(c.rollups[0].is_parent("某某 县"));
        assert!(!c.rollups[0].is_parent("某某县教育局"));
        let mut o = LintOptions::default();
        c.apply(&mut o);
        assert_eq!(o.repeated_text_threshold, Some(60));
        let e = parse("[repeated-text]\nthreshold = 150\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "threshold"));
        let e = parse("[rollup]\n\"某某县\" = \"教育局\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "某某县"), "{e:?}");
        assert!(parse("[rollup]\n\"某某县\" = []\n").is_err());
        assert_eq!(parse(DEFAULT).unwrap().repeated_text_threshold, Some(50));
    }

    #[test]
    fn bad_configs_name_line_and_key() {
        let e = parse("[report]\nkind = \"部门\"\n\n[rules]\ntable-summ = \"off\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (5, "table-summ"));
        let e = parse("[rules]\ntable-sum = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("loud"));
        let e = parse("[report]\ncolour = 1\n").unwrap_err();
        assert!(e.message.contains("report.colour"));
        let e = parse("[report\n").unwrap_err();
        assert_eq!(e.line, 1);
        let deep = format!(
            "[report]\nunit = {}{}\n",
            "[".repeat(5000),
            "]".repeat(5000)
        );
        let e = parse(&deep).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("嵌套过深"), "{}", e.message);
    }

    #[test]
    fn discovery_walks_up_and_loading_names_the_file() {
        let present = Path::new("/a/nianbao.toml");
        let mut asked = Vec::new();
        let found = discover(Path::new("/a/b/c"), |p| {
            asked.push(p.to_path_buf());
            p == present
        });
        assert_eq!(found.as_deref(), Some(present));
        assert_eq!(asked.len(), 3, "{asked:?}");
        assert_eq!(discover(Path::new("/x/y"), |_| false), None);
        let ok = load(present, |_| Ok(b"[rules]\nempty-cell = \"off\"\n".to_vec())).unwrap();
        assert_eq!(ok.rules.get("empty-cell"), Some(&None));
        let bad = load(present, |_| Ok(b"[rules\n".to_vec())).unwrap_err();
        assert!(bad.starts_with("/a/nianbao.toml:1:"), "{bad}");
        let unreadable = load(present, |_| Err("文件不存在 (not found)".into())).unwrap_err();
        assert!(unreadable.contains("无法读取配置文件"), "{unreadable}");
    }

    #[test]
    fn globs() {
        assert!(glob_match("**/*.md", "a/b/c.md"));
        assert!(glob_match("**/*.md", "c.md"));
        assert!(glob_match("*年报*.md", "dir/2024年报草稿.md"));
        assert!(!glob_match("archive/**", "drafts/a.md"));
        assert!(glob_match("archive/**", "archive/2019/a.md"));
        assert!(glob_match("a?.txt", "ab.txt"));
        assert!(!glob_match("a?.txt", "a/.txt"));
        assert!(glob_match("archive/**/", "archive/x"));
        assert!(glob_match("a/**/b/*.md", "a/b/c.md"));
        assert!(glob_match("a/**/b/*.md", "a/x/y/b/c.md"));
        assert!(!glob_match("a/**/b/*.md", "a/xb/c.md"));
    }

    /// Backtracking over every `*` took minutes on this (fuzzing the
    /// config found it): a hostile nianbao.toml must not hang `check`.
    #[test]
    fn many_stars_do_not_backtrack_exponentially() {
        let pattern = "*a".repeat(30) + "b";
        let path = "a".repeat(200) + ".txt";
        let started = std::time::Instant::now();
        assert!(!glob_match(&pattern, &path));
        assert!(glob_match(&"*a".repeat(30), &path.replace(".txt", "")));
        let deep = "**/".repeat(40) + "x";
        assert!(!glob_match(&deep, &"d/".repeat(100)));
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn overlong_globs_are_config_errors() {
        let long = "*".repeat(MAX_GLOB_CHARS + 1);
        let e = parse(&format!("[files]\nexclude = [\"a\", \"{long}\"]\n")).unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "exclude"));
        assert!(e.message.contains("过长"), "{}", e.message);
        let ok = "*".repeat(MAX_GLOB_CHARS);
        assert!(parse(&format!("[files]\ninclude = [\"{ok}\"]\n")).is_ok());
    }
}
