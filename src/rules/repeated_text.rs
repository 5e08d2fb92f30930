//! # repeated-text（正文与上年年报雷同）
//!
//! ## 作用 What it does
//! 找到同一机关上一年度的年报（同一目录下，或命令行、检查页面同时给出；语言服务器中为同一目录的文件）时，
//! 按句比较两年的正文：一句话的文字有八成以上在上年年报中原样出现（数字、年份、空格和标点不计），
//! 这句话就算“与上年相同”。先去掉每份年报都有的内容——部分和小标题、表格、
//! “本报告根据《中华人民共和国政府信息公开条例》……编制”“统计期限”“电子版”“联系方式”、
//! 信息处理费的固定表述、“（请填写）”等——再按字数计算每个部分和全文中相同文字所占的比例。
//!
//! - 某个部分的比例达到阈值（默认 50%，`nianbao.toml` 中 `[repeated-text] threshold`）时，
//!   在该部分标题上给出警告，写明比例、句数，并以相关位置列出最长的几段照搬文字：本年的位置和上年年报中的原文。
//! - 全文另给一条：达到阈值为警告，否则为提示，写明全文和各部分的比例。
//!
//! With last year's report of the same unit at hand, compares the narrative
//! sentence by sentence (a sentence is the same when 80 % of its characters,
//! numbers and punctuation aside, stand in last year's text), after removing
//! what every report shares (headings, tables, the standard sentences).
//! A section whose share reaches the threshold (default 50 %) gets a warning
//! with the longest copied passages as related places in last year's file;
//! the whole text gets a warning at the threshold, else an info with its share.
//!
//! ## 原因 Why
//! 各地的年报考评把“内容与上年雷同”（照搬上年文字超过一半）列为扣分项：第五部分“存在的主要问题及改进情况”
//! 年年照抄，说明问题没有整改。只比较句子、不比较固定表述，诚实的年报不会因为格式相同而被提示。
//!
//! ## 示例 Example
//! 2024 年报“五、存在的主要问题及改进情况”十句中有六句与 2023 年报一字不差（只改了年份）：
//! `“五、存在的主要问题及改进情况”有 71% 的文字与上年年报（2023.txt）相同（10 句中 6 句）`，
//! 相关位置指向本年的三段照搬文字和上年年报中的原文。
//!
//! ## 修复 Fix
//! 没有自动修复：请按本年的实际情况重写这些段落（问题是否整改、取得了什么效果、下一步怎么做）。
//! 阈值可在 `nianbao.toml` 中调整（`[repeated-text]` 下 `threshold = 60`），或把本规则设为 `off`。
//!
//! ## 有意不报告 Deliberately not flagged
//! 只有一份年报时不做任何检查；标题、小标题、表格；“本报告根据《中华人民共和国政府信息公开条例》……编制”、
//! 统计期限、电子版、联系方式（地址、电话、邮编、电子邮箱、传真）、信息处理费的固定表述、“（请填写）”；
//! 不足 10 个字的句子；计入的文字不足 60 字的部分（只计入全文）；只改了数字或年份的句子仍算相同。

use crate::diagnostic::{Diagnostic, Msg, Severity};
use crate::model::Report;
use crate::rules::{Ctx, Meta};
use crate::text::Span;
use std::collections::HashMap;

pub const META: Meta = Meta {
    name: "repeated-text",
    severity: Severity::Warning,
    summary: "正文与上年年报雷同",
    summary_en: "the text repeats last year's report",
};

/// The share (percent) from which a section or the whole text is a warning.
pub const DEFAULT_THRESHOLD: u32 = 50;

/// A single report has nothing to compare with.
pub fn check(_: &Ctx, _: &mut Vec<Diagnostic>) {}

/// Characters per shingle: a run this long found in last year's text is
/// copied, not a shared phrase (`政府信息公开` is six).
const K: usize = 8;
/// Share of a sentence's characters that must stand in last year's text
/// for the sentence to count as the same.
const SENTENCE_SHARE: usize = 80;
/// Sentences shorter than this (after normalizing) are not counted:
/// `无。`, a signature, a date.
const MIN_SENTENCE: usize = 10;
/// Sections with less counted text than this get no finding of their own.
const MIN_SECTION: usize = 60;
/// Below this much counted text the whole report gets no finding.
const MIN_TOTAL: usize = 100;
/// Copied passages named per finding.
const PASSAGES: usize = 3;

/// A counted sentence of a report.
struct Unit {
    span: Span,
    /// Which official section (1–6) it is in; 0 before the first.
    section: u32,
    /// Its normalized characters.
    chars: Vec<char>,
}

/// Normalizes a sentence: letters and CJK characters kept (ASCII lowered,
/// full-width folded), every run of digits one `#`, spaces, punctuation and
/// Markdown marks dropped.
fn normalize(text: &str, out: &mut Vec<char>) {
    out.clear();
    let mut in_digits = false;
    for c in text.chars() {
        let c = crate::text::half_width(c);
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
            continue;
        }
        in_digits = false;
        if c.is_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        }
    }
}

/// What every report says in the same words (and placeholders): not the
/// unit's own text, so never counted as copied. Each test is a set of
/// words searched with finders built once per process.
fn is_boilerplate(s: &str) -> bool {
    use crate::text::Words;
    use std::sync::OnceLock;
    struct Sets {
        report: Words,
        about_report: Words,
        always: Words,
        address: Words,
        contact: Words,
        regulation: Words,
        basis: Words,
        demand: Words,
    }
    static SETS: OnceLock<Sets> = OnceLock::new();
    let w = SETS.get_or_init(|| Sets {
        report: Words::new(&["报告"]),
        about_report: Words::new(&[
            "根据",
            "依据",
            "编制",
            "统计期限",
            "电子版",
            "查阅",
            "下载",
            "疑问",
            "联系",
            "发布",
            "公布",
            "网站",
        ]),
        always: Words::new(&[
            "统计期限",
            "信息处理费",
            "请填写",
            "勾稽关系",
            "如有疑问",
            "联系电话",
            "电子邮箱",
            "邮政编码",
            "传真",
        ]),
        address: Words::new(&["地址"]),
        contact: Words::new(&["电话", "邮编"]),
        regulation: Words::new(&["政府信息公开条例"]),
        basis: Words::new(&["根据", "依据", "按照"]),
        demand: Words::new(&["规定", "要求"]),
    });
    // About the report itself: what it was compiled from, its period,
    // where to read it, whom to ask.
    (w.report.in_text(s) && w.about_report.in_text(s))
        || w.always.in_text(s)
        || (w.address.in_text(s) && w.contact.in_text(s))
        // The 条例's own sentences quoted as the basis of the work.
        || (w.regulation.in_text(s)
            && w.basis.in_text(s)
            && w.demand.in_text(s)
            && s.chars().count() < 60)
}

/// The counted sentences of a report, in order.
fn units(r: &Report) -> Vec<Unit> {
    let title = r.title.as_ref().map(|t| t.lines);
    let mut headings: Vec<(usize, u32)> = r
        .sections
        .iter()
        .filter_map(|s| Some((s.line, s.matched?)))
        .collect();
    headings.sort_unstable();
    let sub: std::collections::HashSet<usize> = r.subsections.iter().map(|s| s.line).collect();
    let mut out = Vec::new();
    let mut norm = Vec::new();
    for (line, span) in crate::prose::lines(r) {
        if title.is_some_and(|(a, b)| (a..=b).contains(&line)) || sub.contains(&line) {
            continue;
        }
        let section = headings
            .iter()
            .take_while(|(l, _)| *l <= line)
            .last()
            .map_or(0, |(_, n)| *n);
        for s in clauses(r.text(span), span.start) {
            let text = r.text(s);
            normalize(text, &mut norm);
            if norm.len() < MIN_SENTENCE {
                continue;
            }
            let folded: String = norm.iter().collect();
            if is_boilerplate(&folded) {
                continue;
            }
            out.push(Unit {
                span: s,
                section,
                chars: norm.clone(),
            });
        }
    }
    out
}

/// The sentences of a line, a lead-in ending in `：` (`下一步，我局将重点做好
/// 以下工作：`) cut off from the list it introduces: a list copied whole
/// under a new lead-in is copied sentence for sentence.
fn clauses(text: &str, base: usize) -> Vec<Span> {
    let mut out = Vec::new();
    for s in crate::prose::sentences(text, base) {
        let mut start = s.start;
        let t = &text[s.start - base..s.end - base];
        for (i, c) in t.char_indices() {
            if matches!(c, '：' | ':') {
                let end = s.start + i + c.len_utf8();
                out.push(Span::new(start, end));
                start = end;
            }
        }
        if start < s.end {
            out.push(Span::new(start, s.end));
        }
    }
    out
}

/// The hashes of a text's shingles, K characters each (polynomial, so
/// each next hash is one multiply-add away from the last).
fn shingles(chars: &[char], mut each: impl FnMut(usize, u64)) {
    const B: u64 = 0x100_0000_01b3;
    if chars.len() < K {
        return;
    }
    let mut top = 1u64; // B^(K-1)
    for _ in 1..K {
        top = top.wrapping_mul(B);
    }
    let mut h = 0u64;
    for (i, &c) in chars.iter().enumerate() {
        if i >= K {
            h = h.wrapping_sub((chars[i - K] as u64 + 1).wrapping_mul(top));
        }
        h = h.wrapping_mul(B).wrapping_add(c as u64 + 1);
        if i + 1 >= K {
            each(i + 1 - K, h);
        }
    }
}

/// Hashes are already well mixed: used as they are.
#[derive(Default)]
struct Ident(u64);

impl std::hash::Hasher for Ident {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

type Index = HashMap<u64, u32, std::hash::BuildHasherDefault<Ident>>;

/// A run of consecutive copied sentences.
struct Passage {
    /// Index of its first and last sentence in this year's units.
    this: (usize, usize),
    /// Last year's sentences it was copied from (first, last).
    last: (usize, usize),
    chars: usize,
    section: u32,
}

/// This year's sentences against last year's: for each, whether it is the
/// same and which of last year's sentences most of it came from.
fn compare(this: &[Unit], last: &[Unit]) -> Vec<Option<usize>> {
    let mut index = Index::default();
    for (i, u) in last.iter().enumerate() {
        shingles(&u.chars, |_, h| {
            index.entry(h).or_insert(i as u32);
        });
    }
    let mut covered = Vec::new();
    let mut votes: HashMap<u32, usize> = HashMap::new();
    this.iter()
        .map(|u| {
            covered.clear();
            covered.resize(u.chars.len(), false);
            votes.clear();
            shingles(&u.chars, |at, h| {
                if let Some(&j) = index.get(&h) {
                    covered[at..at + K].iter_mut().for_each(|c| *c = true);
                    *votes.entry(j).or_default() += 1;
                }
            });
            let n = covered.iter().filter(|c| **c).count();
            if n * 100 < u.chars.len() * SENTENCE_SHARE {
                return None;
            }
            votes
                .iter()
                .max_by_key(|(j, v)| (**v, std::cmp::Reverse(**j)))
                .map(|(j, _)| *j as usize)
        })
        .collect()
}

fn passages(this: &[Unit], same: &[Option<usize>]) -> Vec<Passage> {
    let mut out: Vec<Passage> = Vec::new();
    for (i, m) in same.iter().enumerate() {
        let Some(j) = *m else { continue };
        let len = this[i].chars.len();
        match out.last_mut() {
            Some(p)
                if p.this.1 + 1 == i
                    && p.section == this[i].section
                    // Last year's text continues where the run left off.
                    && j > p.last.1
                    && j <= p.last.1 + 2 =>
            {
                p.this.1 = i;
                p.last.1 = j;
                p.chars += len;
            }
            _ => out.push(Passage {
                this: (i, i),
                last: (j, j),
                chars: len,
                section: this[i].section,
            }),
        }
    }
    out
}

fn percent(part: usize, whole: usize) -> usize {
    (part * 100 + whole / 2) / whole.max(1)
}

const NUMERALS: [&str; 7] = ["", "一", "二", "三", "四", "五", "六"];

/// Compares this year's report with last year's (`last_file` names it as
/// the adapter knows it; messages give its file name). `threshold` is the
/// share in percent from which a section or the whole is a warning.
pub fn check_pair(
    this: &Report,
    last: &Report,
    last_file: &str,
    threshold: u32,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let (now, before) = (units(this), units(last));
    let total: usize = now.iter().map(|u| u.chars.len()).sum();
    if total < MIN_TOTAL || before.is_empty() {
        return out;
    }
    let same = compare(&now, &before);
    let mut runs = passages(&now, &same);
    runs.sort_by_key(|p| (std::cmp::Reverse(p.chars), p.this.0));
    let name = crate::text::file_name(last_file);
    let threshold = threshold.min(100) as usize;
    // Per section: (counted chars, same chars, sentences, same sentences).
    let mut by_section = [(0usize, 0usize, 0usize, 0usize); 7];
    for (u, m) in now.iter().zip(&same) {
        let s = &mut by_section[u.section as usize];
        s.0 += u.chars.len();
        s.2 += 1;
        if m.is_some() {
            s.1 += u.chars.len();
            s.3 += 1;
        }
    }
    let related = |mut d: Diagnostic, section: Option<u32>| {
        let chosen = runs
            .iter()
            .filter(|p| section.is_none_or(|s| p.section == s))
            .take(PASSAGES);
        for (k, p) in chosen.enumerate() {
            let here = now[p.this.0].span.cover(now[p.this.1].span);
            let there = before[p.last.0].span.cover(before[p.last.1].span);
            d = d
                .with_related(
                    here,
                    Msg::new(
                        format!("照搬上年的文字（第 {} 段，{} 字）", k + 1, p.chars),
                        format!(
                            "copied from last year (passage {}, {} characters)",
                            k + 1,
                            p.chars
                        ),
                    ),
                )
                .with_related_in(
                    last_file,
                    there,
                    Msg::new(
                        format!("上年年报中的原文（第 {} 段）", k + 1),
                        format!("the original in last year's report (passage {})", k + 1),
                    ),
                );
        }
        d
    };
    for (n, heading) in NUMERALS.iter().enumerate().skip(1) {
        let (chars, copied, sentences, copied_sentences) = by_section[n];
        if chars < MIN_SECTION {
            continue;
        }
        let share = percent(copied, chars);
        if share < threshold || copied_sentences == 0 {
            continue;
        }
        let Some(h) = this.section(n as u32) else {
            continue;
        };
        let title = format!(
            "{heading}、{}",
            crate::text::without_spaces(this.text(h.title)).trim_matches('*')
        );
        let d = Diagnostic::new(
            META.name,
            META.severity,
            h.span,
            Msg::new(
                format!(
                    "“{title}”有 {share}% 的文字与上年年报（{name}）相同（{sentences} 句中 {copied_sentences} 句），请按本年实际情况重写"
                ),
                format!(
                    "{share} % of section {heading}'s text is the same as last year's report ({name}) ({copied_sentences} of {sentences} sentences)"
                ),
            ),
        );
        out.push(related(d, Some(n as u32)));
    }
    let copied: usize = by_section.iter().map(|s| s.1).sum();
    let share = percent(copied, total);
    let parts: Vec<(String, String)> = NUMERALS
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(n, _)| by_section[*n].0 >= MIN_SECTION)
        .map(|(n, h)| {
            let p = percent(by_section[n].1, by_section[n].0);
            (format!("{h} {p}%"), format!("{h} {p} %"))
        })
        .collect();
    let (parts_zh, parts_en) = if parts.is_empty() {
        (String::new(), String::new())
    } else {
        let zh: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
        let en: Vec<&str> = parts.iter().map(|p| p.1.as_str()).collect();
        (
            format!("；各部分：{}", zh.join("，")),
            format!("; by section: {}", en.join(", ")),
        )
    };
    let span = this
        .title
        .as_ref()
        .map(|t| t.span)
        .unwrap_or_else(|| this.first_text_line());
    let warn = share >= threshold && copied > 0;
    let d = Diagnostic::new(
        META.name,
        if warn { META.severity } else { Severity::Info },
        span,
        if warn {
            Msg::new(
                format!("全文有 {share}% 的文字与上年年报（{name}）相同{parts_zh}"),
                format!(
                    "{share} % of the text is the same as last year's report ({name}){parts_en}"
                ),
            )
        } else {
            Msg::new(
                format!("与上年年报（{name}）相同的文字占全文的 {share}%{parts_zh}"),
                format!(
                    "{share} % of the text is the same as last year's report ({name}){parts_en}"
                ),
            )
        },
    );
    out.push(if warn { related(d, None) } else { d });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shingles_roll_like_hashing_each_window() {
        let chars: Vec<char> = "政府信息公开工作年度报告编制".chars().collect();
        let mut rolled = Vec::new();
        shingles(&chars, |i, h| rolled.push((i, h)));
        assert_eq!(rolled.len(), chars.len() - K + 1);
        for (i, h) in rolled {
            let mut one = Vec::new();
            shingles(&chars[i..i + K], |_, h| one.push(h));
            assert_eq!(one, vec![h], "window {i}");
        }
    }

    #[test]
    fn normalizing_drops_numbers_spaces_and_marks() {
        let mut n = Vec::new();
        normalize("**二是** 2024 年共收到申请 １２ 件，办结12件。", &mut n);
        assert_eq!(n.iter().collect::<String>(), "二是#年共收到申请#件办结#件");
    }

    #[test]
    fn boilerplate_is_what_every_report_says() {
        for s in [
            "本报告根据中华人民共和国政府信息公开条例和中华人民共和国政府信息公开工作年度报告格式要求编制",
            "所列数据统计期限为#年#月#日至#年#月#日",
            "本年度未收取政府信息公开信息处理费",
            "地址某某县某某路#号电话#",
        ] {
            assert!(is_boilerplate(s), "{s}");
        }
        for s in [
            "一是主动公开的深度和广度还不够部分栏目内容更新不够及时",
            "全年共收到政府信息公开申请#件均按时答复",
        ] {
            assert!(!is_boilerplate(s), "{s}");
        }
    }
}

#[cfg(test)]
mod pair_tests {
    use super::*;
    use crate::model::{Options, bind};
    use crate::text::LineIndex;

    const EDU_2023: &str = include_str!(
        "../../tests/fixtures/crossyear/青石县教育局2023年政府信息公开工作年度报告.txt"
    );
    const EDU_2024: &str = include_str!(
        "../../tests/fixtures/crossyear/青石县教育局2024年政府信息公开工作年度报告.txt"
    );
    const HEALTH_2023: &str = include_str!(
        "../../tests/fixtures/crossyear/青石县卫生健康局2023年政府信息公开工作年度报告.txt"
    );
    const HEALTH_2024: &str = include_str!(
        "../../tests/fixtures/crossyear/青石县卫生健康局2024年政府信息公开工作年度报告.txt"
    );

    /// Each finding with its line, and each related place with its file,
    /// line and the text it covers.
    fn show(this: &str, last: &str) -> String {
        let (a, b) = (
            bind(this, &Options::default()),
            bind(last, &Options::default()),
        );
        let found = check_pair(&a, &b, "dir/2023.txt", DEFAULT_THRESHOLD);
        let (ia, ib) = (LineIndex::new(this), LineIndex::new(last));
        let mut out = String::new();
        for d in found {
            out.push_str(&format!(
                "{} {}:{}\n",
                d.severity.as_str(),
                ia.line_of(d.span.start) + 1,
                d.message.zh
            ));
            for r in d.related {
                let (text, idx, file) = match &r.file {
                    Some(f) => (last, &ib, f.as_str()),
                    None => (this, &ia, "this"),
                };
                let covered: Vec<char> = text[r.span.range()].chars().collect();
                let head: String = covered.iter().take(12).collect();
                let tail: String = covered[covered.len().saturating_sub(8)..].iter().collect();
                out.push_str(&format!(
                    "  {file}:{} {}: {head}…{tail}\n",
                    idx.line_of(r.span.start) + 1,
                    r.message.zh
                ));
            }
        }
        out
    }

    #[test]
    fn section_five_reused_sentence_for_sentence() {
        expect_test::expect![[r#"
            warning 85:“五、存在的主要问题及改进情况”有 69% 的文字与上年年报（2023.txt）相同（10 句中 6 句），请按本年实际情况重写
              this:89 照搬上年的文字（第 1 段，136 字）: 一是加强栏目内容保障，建…水平和业务能力。
              dir/2023.txt:89 上年年报中的原文（第 1 段）: 一是加强栏目内容保障，建…水平和业务能力。
              this:87 照搬上年的文字（第 2 段，117 字）: 一是主动公开的深度和广度…理解还不够深入。
              dir/2023.txt:87 上年年报中的原文（第 2 段）: 一是主动公开的深度和广度…理解还不够深入。
            info 1:与上年年报（2023.txt）相同的文字占全文的 35%；各部分：一 0%，五 69%
        "#]].assert_eq(&show(EDU_2024, EDU_2023));
    }

    #[test]
    fn the_threshold_is_the_options() {
        let (a, b) = (
            bind(EDU_2024, &Options::default()),
            bind(EDU_2023, &Options::default()),
        );
        let found = check_pair(&a, &b, "2023.txt", 70);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].severity, Severity::Info);
    }

    /// Last year's report with this year's dates: every section copied.
    #[test]
    fn a_report_copied_whole() {
        let copy = EDU_2023
            .replace("2023", "2024")
            .replace("2024年1月20日", "2025年1月20日");
        expect_test::expect![[r#"
            warning 5:“一、总体情况”有 100% 的文字与上年年报（2023.txt）相同（9 句中 9 句），请按本年实际情况重写
              this:7 照搬上年的文字（第 1 段，360 字）: 2024年，青石县教育局…5条并逐一回复。
              dir/2023.txt:7 上年年报中的原文（第 1 段）: 2023年，青石县教育局…5条并逐一回复。
            warning 85:“五、存在的主要问题及改进情况”有 100% 的文字与上年年报（2023.txt）相同（10 句中 10 句），请按本年实际情况重写
              this:87 照搬上年的文字（第 1 段，366 字）: 2024年，我局政府信息…一答复文书格式。
              dir/2023.txt:87 上年年报中的原文（第 1 段）: 2023年，我局政府信息…一答复文书格式。
            warning 1:全文有 100% 的文字与上年年报（2023.txt）相同；各部分：一 100%，五 100%
              this:87 照搬上年的文字（第 1 段，366 字）: 2024年，我局政府信息…一答复文书格式。
              dir/2023.txt:87 上年年报中的原文（第 1 段）: 2023年，我局政府信息…一答复文书格式。
              this:7 照搬上年的文字（第 2 段，360 字）: 2024年，青石县教育局…5条并逐一回复。
              dir/2023.txt:7 上年年报中的原文（第 2 段）: 2023年，青石县教育局…5条并逐一回复。
        "#]].assert_eq(&show(&copy, EDU_2023));
    }

    #[test]
    fn honest_reports_share_only_boilerplate() {
        expect_test::expect![[r#"
            info 1:与上年年报（2023.txt）相同的文字占全文的 0%；各部分：一 0%，五 0%
        "#]]
        .assert_eq(&show(HEALTH_2024, HEALTH_2023));
    }
}
