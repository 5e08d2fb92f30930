//! # unused-suppression（未屏蔽任何问题的抑制注释）
//!
//! ## 作用 What it does
//! Markdown 草稿中可用注释屏蔽某些规则：`<!-- nianbao-disable-next-line 规则名 -->` 屏蔽下一行（非空行），
//! `<!-- nianbao-disable 规则名 -->` …… `<!-- nianbao-enable 规则名 -->` 屏蔽一段；不写规则名则屏蔽全部规则，
//! 多个规则名用逗号或空格分隔。没有屏蔽任何问题的抑制注释由本规则报告。
//!
//! Reports a suppression comment that silences nothing.
//!
//! ## 原因 Why
//! 问题修好后留下的抑制注释会在以后掩盖新的问题。
//!
//! ## 示例 Example
//! ```text
//! <!-- nianbao-disable-next-line table-sum -->
//! （七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1
//! ```
//! 该行的勾稽关系成立，注释没有作用。
//!
//! ## 修复 Fix
//! 删除该注释（安全修复）。
//!
//! ## 有意不报告 Deliberately not flagged
//! 屏蔽了问题的注释。

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::{Ctx, Meta};

pub const META: Meta = Meta {
    name: "unused-suppression",
    severity: Severity::Hint,
    summary: "抑制注释没有屏蔽任何问题",
    summary_en: "a suppression comment silences nothing",
};

/// Reported by `crate::suppress`, which sees the other rules' findings.
pub fn check(_: &Ctx, _: &mut Vec<Diagnostic>) {}
