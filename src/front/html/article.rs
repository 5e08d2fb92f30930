//! Finding the report on a portal page: which lines of the rendered page are
//! the article, and which are the frame around it (navigation, breadcrumbs,
//! share buttons, related links, the footer).
//!
//! Portal CMSs differ in markup and agree in content, so the heuristic reads
//! content, not selectors:
//!
//! 1. **Landmarks**: lines that only a report has — the headings of its six
//!    parts (`一、总体情况`, `二、主动公开…`; not link text) and the rows of
//!    its statistical tables (`本年新收`, `申请人情况`, `第二十条`…).
//! 2. **The article** is the smallest element holding every landmark. With
//!    fewer than two landmarks (not a report, or a report the page holds in
//!    one block), it is the element holding most of the page's text that is
//!    not link text: from the body down, into the child that holds at least
//!    60 % of it.
//! 3. **Between the first and the last landmark everything is kept.** Before
//!    the first, lines that are mostly link text or that begin like the
//!    frame (`当前位置`, `发布时间`, `字号`, `分享到`, `索引号`…) are dropped;
//!    after the last, the same, and everything from the first line that
//!    begins the page's trailer (`相关链接`, `上一篇`, `打印本页`, `关闭窗口`,
//!    `版权所有`, `网站标识码`, `ICP备`…).
//! 4. **The title**: a report title (`…政府信息公开工作年度报告`, short, not a
//!    link) nearest before the article is read first when the article does
//!    not start with one (portals print it in its own element above).
//!
//! Each decision is visible in [`Article`] (`nianbao dump` prints it).

use super::render::{Flow, Line};
use super::tree::{NodeId, Tag, Tree};
use crate::text::without_spaces;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// The element read as the article.
    pub root: NodeId,
    /// Lines of the rendered page kept, in order (the title first when it
    /// stands outside the article).
    pub keep: Vec<usize>,
    /// Distinct landmarks found.
    pub landmarks: usize,
}

/// Section numerals and the word each section's heading holds.
const SECTION_WORDS: [(char, &[&str]); 6] = [
    ('一', &["总体", "概述", "基本情况"]),
    ('二', &["主动公开"]),
    ('三', &["申请"]),
    ('四', &["复议", "诉讼"]),
    ('五', &["问题", "改进"]),
    ('六', &["其他"]),
];

const TABLE_WORDS: &[&str] = &[
    "本年新收",
    "申请人情况",
    "第二十条",
    "行政复议",
    "本年新制作",
    "本年制发",
    "结转下年度",
];

/// How the page's frame begins a line (never a line of a report).
const FRAME: &[&str] = &[
    "当前位置",
    "您当前的位置",
    "您现在的位置",
    "您的位置",
    "所在位置",
    "当前的位置",
    "首页>",
    "首页»",
    "首页＞",
    "首页/",
    "首页-",
    "首页→",
    "首页›",
    "发布时间",
    "发布日期",
    "发布机构",
    "发文机关",
    "成文日期",
    "生成日期",
    "索引号",
    "主题分类",
    "信息来源",
    "文章来源",
    "来源：",
    "来源:",
    "作者：",
    "浏览次数",
    "阅读次数",
    "访问次数",
    "点击数",
    "浏览量",
    "字体：",
    "字体:",
    "字号：",
    "字号:",
    "字体大",
    "字号大",
    "责任编辑",
    "分享到",
    "分享：",
    "打印",
    "关闭",
    "收藏",
    "扫一扫",
    "视力保护色",
    "默认大中小",
    "【大】",
    "我要纠错",
    "无障碍",
];

/// How the trailer after the article begins: nothing after it is read.
const TRAILER: &[&str] = &[
    "相关链接",
    "相关文章",
    "相关阅读",
    "相关信息",
    "相关新闻",
    "相关文件",
    "上一篇",
    "下一篇",
    "分享到",
    "打印本页",
    "关闭窗口",
    "关闭本页",
    "扫一扫",
    "版权所有",
    "copyright",
    "网站标识码",
    "主办单位",
    "主办：",
    "网站地图",
    "联系我们",
];

/// The line's text as compared: without spaces and the brackets frames put
/// around their buttons (`【打印本页】`).
fn normalized(flow: &Flow, line: &Line) -> String {
    let t = without_spaces(&flow.text[line.range.clone()]);
    let mut t = t
        .trim_start_matches(['【', '[', '〖', '(', '（', '|', '·', '>', '»'])
        .to_string();
    t.make_ascii_lowercase();
    t
}

fn starts_with_any(t: &str, words: &[&str]) -> bool {
    words.iter().any(|w| t.starts_with(w))
}

fn link_dense(line: &Line) -> bool {
    line.link_chars > 0 && line.link_chars * 2 > line.chars
}

/// The official section a heading line names.
fn section(t: &str) -> Option<u32> {
    let mut chars = t.chars();
    let numeral = chars.next()?;
    let (i, (_, words)) = SECTION_WORDS
        .iter()
        .enumerate()
        .find(|(_, (n, _))| *n == numeral)?;
    if !matches!(chars.next(), Some('、' | '.' | '．' | '，')) {
        return None;
    }
    let head: String = chars.take(30).collect();
    words
        .iter()
        .any(|w| head.contains(w))
        .then_some(i as u32 + 1)
}

fn is_title(t: &str) -> bool {
    (t.contains("年度报告") || t.contains("年报"))
        && (t.contains("政府信息公开") || t.contains("政务公开") || t.contains("信息公开"))
        && t.chars().count() <= 60
        && !t.contains('。')
        && !t.contains(['>', '»', '＞', '›'])
        && !starts_with_any(t, FRAME)
}

/// A year as titles write it (`2023年`).
fn has_year(t: &str) -> bool {
    let b = t.as_bytes();
    b.windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && t[i + 4..].starts_with('年')
    })
}

/// The article of the page whose body rendered as `flow`.
pub fn find(tree: &Tree, flow: &Flow, body: NodeId) -> Article {
    let norm: Vec<String> = flow.lines.iter().map(|l| normalized(flow, l)).collect();
    let mut marks: Vec<(usize, NodeId)> = Vec::new();
    for (i, line) in flow.lines.iter().enumerate() {
        let t = &norm[i];
        let mark = if line.table_row {
            static WORDS: std::sync::OnceLock<crate::text::Words> = std::sync::OnceLock::new();
            WORDS
                .get_or_init(|| crate::text::Words::new(TABLE_WORDS))
                .in_text(t)
        } else {
            !link_dense(line) && section(t).is_some()
        };
        if mark {
            marks.push((i, line.block));
        }
    }
    let mut nodes: Vec<NodeId> = marks.iter().map(|m| m.1).collect();
    nodes.sort_unstable();
    nodes.dedup();
    let root = if nodes.len() >= 2 {
        let mut root = nodes
            .iter()
            .copied()
            .reduce(|a, b| tree.common_ancestor(a, b))
            .unwrap_or(body);
        while root != 0 && !tree.nodes[root].tag().is_some_and(Tag::is_block) {
            root = tree.nodes[root].parent;
        }
        root
    } else {
        densest(tree, flow, body)
    };
    let inside: Vec<usize> = (0..flow.lines.len())
        .filter(|&i| tree.contains(root, flow.lines[i].block))
        .collect();
    let marks: Vec<usize> = marks
        .iter()
        .map(|m| m.0)
        .filter(|i| inside.binary_search(i).is_ok())
        .collect();
    let (first, last) = match (marks.first(), marks.last()) {
        (Some(&f), Some(&l)) if nodes.len() >= 2 => (Some(f), Some(l)),
        _ => (None, None),
    };
    let frame = |i: usize| {
        let line = &flow.lines[i];
        !line.table_row && (link_dense(line) || starts_with_any(&norm[i], FRAME))
    };
    let mut keep = Vec::new();
    let mut trailer = false;
    for &i in &inside {
        let between = first.is_some_and(|f| i >= f) && last.is_some_and(|l| i <= l);
        let before = first.is_some_and(|f| i < f);
        if between {
            keep.push(i);
        } else if before {
            if !frame(i) {
                keep.push(i);
            }
        } else if trailer {
        } else if !flow.lines[i].table_row && starts_with_any(&norm[i], TRAILER) {
            trailer = true;
        } else if !frame(i) {
            keep.push(i);
        }
    }
    let titled = keep
        .iter()
        .take_while(|&&i| first.is_none_or(|f| i <= f))
        .any(|&i| is_title(&norm[i]));
    // Outside the article only a title with its year: a column's name
    // above the article (`政府信息公开年报`) is no report's title.
    if !titled
        && let Some(&start) = inside.first()
        && let Some(t) = (0..start).rev().find(|&i| {
            !link_dense(&flow.lines[i])
                && !flow.lines[i].table_row
                && is_title(&norm[i])
                && has_year(&norm[i])
        })
    {
        keep.insert(0, t);
    }
    Article {
        root,
        keep,
        landmarks: nodes.len(),
    }
}

/// The element holding most of the body's text that is not link text.
fn densest(tree: &Tree, flow: &Flow, body: NodeId) -> NodeId {
    let mut own = vec![0usize; tree.nodes.len()];
    for l in &flow.lines {
        own[l.block] += l.chars - l.link_chars;
    }
    for id in (1..tree.nodes.len()).rev() {
        let p = tree.nodes[id].parent;
        own[p] += own[id];
    }
    let mut cur = body;
    loop {
        let best = tree.nodes[cur]
            .children
            .iter()
            .copied()
            .filter(|&c| tree.nodes[c].element().is_some())
            .max_by_key(|&c| own[c]);
        match best {
            Some(b) if own[b] * 10 >= own[cur] * 6 && own[b] > 0 => cur = b,
            _ => return cur,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_headings_and_titles() {
        assert_eq!(section("一、总体情况"), Some(1));
        assert_eq!(section("四、政府信息公开行政复议、行政诉讼情况"), Some(4));
        assert_eq!(section("六.其他需要报告的事项"), Some(6));
        assert_eq!(section("一、加强组织领导"), None);
        assert_eq!(section("二〇二三年"), None);
        assert!(is_title("某某县某某局2023年政府信息公开工作年度报告"));
        assert!(!is_title("当前位置：首页>政务公开>政府信息公开年报"));
        assert!(!is_title(
            "首页/政务公开/某局2023年政府信息公开工作年度报告"
        ));
        assert!(has_year("某某局2023年政府信息公开工作年度报告"));
        assert!(!has_year("政府信息公开年报"));
        assert!(!has_year("第20231年"));
        assert!(!is_title(
            "本报告根据《条例》编制，是政府信息公开工作年度报告。"
        ));
    }
}
