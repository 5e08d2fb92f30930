//! Command-line adapter: argument parsing, file I/O and output. All checking
//! is done by the library; this module only reads, prints and writes.

/// Writes to stdout, ignoring a closed pipe (`nianbao rule | head`) instead
/// of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout().lock(), $($arg)*);
    }};
}

macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}

mod annotate;
mod check;
pub mod config_file;
mod input;
mod json_out;
mod launch;
mod outcome;
pub(crate) mod pairs;
mod render;
mod sheet;

use clap::{Parser, Subcommand, ValueEnum};
use nianbao::{Lang, Severity, rules};
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "nianbao",
    version,
    about = "政府信息公开工作年度报告检查工具 (linter and language server for annual reports on government information disclosure)"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum Format {
    Human,
    Json,
    Sarif,
    Github,
    /// 每份年报一行的汇总表 One row per report (UTF-8 with BOM)
    Csv,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    Never,
}

#[derive(clap::Args, Debug)]
pub struct CheckArgs {
    /// 要检查的文件或目录（目录递归查找 .html/.htm/.shtml/.docx/.md/.txt，
    /// 不是年报的文件跳过，见下文）；`-` 表示标准输入
    /// Files or folders (searched for .html/.htm/.shtml/.docx/.md/.txt;
    /// files that are not reports are skipped, see below); `-` reads stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// 输出格式 Output format
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// 达到此级别即以退出码 1 结束 Exit 1 when a finding at or above this level exists
    #[arg(long, value_enum, default_value = "error")]
    pub fail_on: FailOn,
    /// 消息语言 Message language (zh, en)
    #[arg(long, default_value = "zh")]
    pub lang: String,
    /// 按指定格式版本检查 Check against this format version (2019, 2021)
    #[arg(long = "format-version")]
    pub format_version: Option<String>,
    /// 报告年度（正文未写明时使用） Report year when the draft does not state one
    #[arg(long)]
    pub year: Option<i32>,
    /// 应用安全修复并写回文件 Apply safe fixes and write the files
    #[arg(long)]
    pub fix: bool,
    /// 同时应用不安全修复 Also apply unsafe fixes (with --fix or --diff)
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// 只显示修复的差异，不写文件 Show the fixes as a diff without writing
    #[arg(long)]
    pub diff: bool,
    /// 只输出问题，不输出摘要 Print findings only, no summary
    #[arg(long, short)]
    pub quiet: bool,
    /// 按规则统计问题数 Count findings per rule
    #[arg(long)]
    pub statistics: bool,
    /// 关闭颜色 Disable colour (also NO_COLOR)
    #[arg(long)]
    pub no_color: bool,
    /// 关闭某条规则（可重复） Turn a rule off (repeatable)
    #[arg(long = "disable", value_name = "RULE")]
    pub disable: Vec<String>,
    /// 直接给出的文件也只检查看起来是年报的（目录中的文件总是如此）
    /// Skip named files that do not look like a report too (files found in
    /// folders always are)
    #[arg(long)]
    pub only_reports: bool,
    /// 同时写出汇总工作簿：汇总表与全部问题两张工作表
    /// Also write a workbook: the summary table and every finding
    #[arg(long, value_name = "FILE.xlsx")]
    pub xlsx: Option<PathBuf>,
    /// 配置文件（默认从文件所在目录向上查找 nianbao.toml） Config file (default: nearest nianbao.toml)
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// 为每个 .docx 写出带批注的副本 X.nianbao.docx（不改动原文件） Write X.nianbao.docx with a Word comment per finding
    #[arg(long, conflicts_with = "fix")]
    pub annotate: bool,
    /// 审核决定文件（检查页面写出的 决定.toml）：忽略的问题不再显示、只计数，确认的问题附上说明
    /// Review decisions (决定.toml, written by the checking page): dismissed findings are
    /// counted, not shown; confirmed ones carry the comment
    #[arg(long, value_name = "决定.toml")]
    pub decisions: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum TableStyle {
    Tsv,
    Pipe,
}

/// How `check` decides what a file is; printed by `nianbao check --help`.
const CHECK_HELP: &str = "\
目录中的文件：只检查年报。一个文件算作年报，当它有《政府信息公开工作年度报告》六个部分中
至少 3 个部分的标题，或读出了表二、表三、表四之一的数据行，或有带年度的年报标题且至少有 1 个部分的标题。
部分标题须是报告自己的标题：单独成行，或（网页文本）接在句末、数字之后；引号、代码、列表项、表格单元格、
目录里提到的标题，以及一行一个、后面接着说明文字的一串标题（编写要求、审核清单）都不算。
其他文件（README、通知、审核意见）各以一行说明跳过，并在最后一行计数。命令行直接给出的文件总是检查
（加 --only-reports 时同样判断）。
Files found in folders are checked only if they are reports: three of the six parts' headings,
or rows of table 二/三/四 read, or a dated report title and one part's heading. A heading counts
where it stands as the report's own (on its own line, or in web text after a sentence or a
number), not quoted, in code, in a list item or a table cell, in a table of contents, or in a
run of headings each followed by instructions. Others (a README, a notice, review notes) are
skipped with one line each and counted at the end. Files named on the command line are always
checked (judged too with --only-reports).

单位与年度（用于与上年年报比对 carry-over）：取自正文标题（年度也可取自统计期限）；正文没有标题时
取自文件名，如“某某县某某局2023年政府信息公开工作年度报告.pdf”“2023年某某县某某局年报.html”。
正文和文件名都没有单位时，所在文件夹的名称像一个单位（“某某局/2024年报告.pdf”“某某局/2024/报告.pdf”）
且文件夹里只有这一个单位的年报（没有别的单位的，同一年度不超过一份）时，用它来找上年年报（不作为报告的单位显示）。
Unit and year (to pair a report with last year's for carry-over) come from the report's title
(the year also from its 统计期限), else from the file name as reviewers name files. With no unit
in either, a folder named like a unit (某某局/2024年报告.pdf) pairs the reports in it, if it holds
one unit's reports (no other unit's, no two of a year); it is not shown as the report's unit.

跨文件的检查（同一单位两年的年报：carry-over、repeated-text；nianbao.toml 的 [rollup]：rollup-sum）
在各文件的输出之后列出。--decisions 决定.toml：按审核决定忽略或确认问题（按单位、年度、规则和问题内容对应，与行号无关）。
Cross-file checks (a unit's two years: carry-over, repeated-text; [rollup] in nianbao.toml:
rollup-sum) are printed after the files. --decisions applies a reviewer's decisions (keyed by
unit, year, rule and what the finding says, not its line).

--format csv 与 --xlsx：每份年报一行（文件、单位、年度、格式、各级别与各规则的问题数、第一个错误）；
CSV 为带 BOM 的 UTF-8，Excel 与 WPS 表格可直接打开。
--format csv and --xlsx write one row per report (file, unit, year, format, counts per severity
and per rule, the first error); the CSV is UTF-8 with a BOM.";

#[derive(Subcommand)]
enum Command {
    /// 检查年报草稿 Check drafts
    #[command(after_long_help = CHECK_HELP, after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// 列出规则，或说明一条规则 List the rules, or explain one
    Rule {
        name: Option<String>,
        #[arg(long, default_value = "zh")]
        lang: String,
        /// 输出 README 中的规则表（Markdown） Print the README's rule table (Markdown)
        #[arg(long, conflicts_with = "name")]
        markdown: bool,
    },
    /// 启动语言服务器（stdio） Start the language server on stdio
    Lsp,
    /// 启动本机检查页面（仅 127.0.0.1） Start the local checking page (127.0.0.1 only)
    Serve(ServeArgs),
    /// 显示 nianbao 如何读取一份报告（章节、表格、各行数值、未能读取之处）
    /// Show how nianbao reads a report: sections, tables, values, what it could not read
    Dump {
        /// .md / .txt / .docx / .pdf
        file: PathBuf,
        /// 也列出读取时所见的各行（含网页文本切分出的虚拟行） Also list the lines as read
        #[arg(long)]
        lines: bool,
    },
    /// 输出一份官方格式的年报骨架 Print a complete skeleton draft in the official format
    New {
        /// 报告年度 Report year (2019–2020: 2019 format; 2021 on: 2021 format)
        #[arg(long)]
        year: i32,
        /// 机关名称 The unit's name
        #[arg(long)]
        unit: String,
        /// 机关类型 部门 or 政府
        #[arg(long, default_value = "部门")]
        kind: String,
        /// 表格风格 Table style
        #[arg(long, value_enum, default_value = "tsv")]
        style: TableStyle,
    },
    /// 在当前目录写入带注释的默认 nianbao.toml Write a commented default nianbao.toml
    Init {
        /// 覆盖已有文件 Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
}

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// 端口（默认任选一个空闲端口） Port (default: any free port)
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// 启动后在浏览器中打开页面 Open the page in the browser
    #[arg(long)]
    pub open: bool,
}

/// What the command line asks for: a command the CLI ran itself (its exit
/// code), or one of the binary's other adapters, which `main` starts (the
/// adapters do not call each other).
pub enum Run {
    Exit(i32),
    Lsp,
    Serve(ServeArgs),
    /// `nianbao.exe` double-clicked on Windows (see `launch`): the page,
    /// opened in the browser, in a window that is the page's own.
    ServeDoubleClicked,
}

pub fn main() -> Run {
    launch::prepare_console();
    if launch::default_action(std::env::args_os().len(), cfg!(windows))
        == launch::Action::ServeAndOpen
    {
        return Run::ServeDoubleClicked;
    }
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return Run::Exit(code);
        }
    };
    Run::Exit(match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rule { markdown: true, .. } => {
            out!("{}", rules::markdown_table());
            0
        }
        Command::Rule { name, lang, .. } => {
            rule(name.as_deref(), Lang::parse(&lang).unwrap_or_default())
        }
        Command::Lsp => return Run::Lsp,
        Command::Serve(args) => return Run::Serve(args),
        Command::Dump { file, lines } => dump(&file, lines),
        Command::New {
            year,
            unit,
            kind,
            style,
        } => new(year, &unit, &kind, style),
        Command::Init { force } => init(force),
    })
}

fn dump(path: &std::path::Path, lines: bool) -> i32 {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("错误：无法读取 {}：{e}", path.display());
            return 2;
        }
    };
    let input = nianbao::front::read(&path.to_string_lossy(), &bytes).map_err(|e| e.to_string());
    match input {
        Ok(input) => {
            // A web page: what was read as the article, and what not.
            if let nianbao::front::Source::Html(h) = &input.source {
                let a = &h.article;
                let lines = a
                    .lines
                    .map_or("none".to_string(), |(f, l)| format!("{f}–{l}"));
                outln!(
                    "page: {} · encoding {} · article {} (lines {lines} of the page) · {} landmarks · {} lines of frame not read · {} images",
                    path.display(),
                    h.encoding,
                    a.element,
                    a.landmarks,
                    a.dropped,
                    a.images
                );
            }
            let text = input.text;
            let report = nianbao::model::bind(&text, &Default::default());
            if lines {
                for (i, l) in report.doc.lines.iter().enumerate() {
                    outln!("{i:>4} {:?}\t{}", l.sep, report.text(l.span));
                }
            }
            out!("{}", report.dump());
            0
        }
        Err(e) => {
            eprintln!("错误：{}：{e}", path.display());
            2
        }
    }
}

fn rule(name: Option<&str>, lang: Lang) -> i32 {
    match name {
        None => {
            for r in rules::RULES {
                let summary = if lang == Lang::En {
                    r.meta.summary_en
                } else {
                    r.meta.summary
                };
                outln!(
                    "{:<20} {:<8} {}",
                    r.meta.name,
                    r.meta.severity.as_str(),
                    summary
                );
            }
            0
        }
        Some(n) => match rules::find(n) {
            Some(r) => {
                outln!(
                    "{}\n\n默认级别 Default severity: {}",
                    r.doc(),
                    r.meta.severity.as_str()
                );
                0
            }
            None => {
                eprintln!(
                    "nianbao: 没有名为“{n}”的规则（运行 `nianbao rule` 查看全部）/ no rule named “{n}”"
                );
                2
            }
        },
    }
}

pub fn severity_passes(s: Severity, fail_on: FailOn) -> bool {
    match fail_on {
        FailOn::Never => false,
        FailOn::Error => s >= Severity::Error,
        FailOn::Warning => s >= Severity::Warning,
        FailOn::Info => s >= Severity::Info,
        FailOn::Hint => true,
    }
}

fn new(year: i32, unit: &str, kind: &str, style: TableStyle) -> i32 {
    if !(2019..=2100).contains(&year) {
        eprintln!(
            "nianbao: --year 应在 2019–2100 之间（统一格式自 2019 年起）/ --year must be 2019–2100"
        );
        return 2;
    }
    let government = match kind {
        "政府" | "government" => true,
        "部门" | "department" => false,
        _ => {
            eprintln!("nianbao: --kind 只能是“部门”或“政府” / --kind takes 部门 or 政府");
            return 2;
        }
    };
    let unit = unit.trim();
    if unit.is_empty() {
        eprintln!("nianbao: --unit 不能为空 / --unit must not be empty");
        return 2;
    }
    let style = match style {
        TableStyle::Tsv => nianbao::model::Style::Tab,
        TableStyle::Pipe => nianbao::model::Style::Pipe,
    };
    out!(
        "{}",
        nianbao::template::skeleton(&nianbao::template::SkeletonOptions {
            year,
            unit,
            government,
            style
        })
    );
    0
}

fn init(force: bool) -> i32 {
    let path = std::path::Path::new(nianbao::config::FILE_NAME);
    if path.exists() && !force {
        eprintln!(
            "nianbao: {} 已存在（用 --force 覆盖）/ already exists (use --force)",
            path.display()
        );
        return 2;
    }
    match std::fs::write(path, nianbao::config::DEFAULT) {
        Ok(()) => {
            outln!("已写入 {} / wrote {}", path.display(), path.display());
            0
        }
        Err(e) => {
            eprintln!("nianbao: 无法写入 {}: {e}", path.display());
            2
        }
    }
}
