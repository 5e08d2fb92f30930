//! Command-line adapter: argument parsing, file I/O and output. All checking
//! is done by the library; this module only reads, prints and writes.

mod check;
mod render;

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
    /// 要检查的文件或目录（目录递归查找 .md/.txt；`-` 表示标准输入）
    /// Files or directories (recursing for .md/.txt); `-` reads stdin.
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
    /// 只检查看起来是年报的文件 Skip files that do not look like an annual report
    #[arg(long)]
    pub only_reports: bool,
}

#[derive(Subcommand)]
enum Command {
    /// 检查年报草稿 Check drafts
    Check(CheckArgs),
    /// 列出规则，或说明一条规则 List the rules, or explain one
    Rule {
        name: Option<String>,
        #[arg(long, default_value = "zh")]
        lang: String,
    },
    /// 启动语言服务器（stdio） Start the language server on stdio
    Lsp,
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    match cli.command {
        Command::Check(args) => check::run(args),
        Command::Rule { name, lang } => {
            rule(name.as_deref(), Lang::parse(&lang).unwrap_or_default())
        }
        Command::Lsp => {
            eprintln!("nianbao lsp: not built yet");
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
                println!(
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
                println!(
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
