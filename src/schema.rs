//! The official format as data, in one place: the 2019 template
//! (国办公开办函〔2019〕60号) and the 2021 revision (国办公开办函〔2021〕30号).
//! Sections, the standard items of 一、总体情况, the three tables with every
//! row and column, known label variants, and every arithmetic relation.
//! Sources and open questions: `../shared/docs/format.md`, decisions in
//! ARCHITECTURE.md.

use crate::text::normalize_label;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Version {
    /// 国办公开办函〔2019〕60号, report years 2019–2020.
    V2019,
    /// 国办公开办函〔2021〕30号, report years 2021 on.
    V2021,
}

impl Version {
    /// The format a report for `year` must use.
    pub fn for_year(year: i32) -> Version {
        if year >= 2021 {
            Version::V2021
        } else {
            Version::V2019
        }
    }
    pub fn parse(s: &str) -> Option<Version> {
        match s.trim() {
            "2019" | "v2019" | "60" | "60号" => Some(Version::V2019),
            "2021" | "v2021" | "30" | "30号" => Some(Version::V2021),
            _ => None,
        }
    }
    pub fn label(&self) -> &'static str {
        match self {
            Version::V2019 => "2019",
            Version::V2021 => "2021",
        }
    }
    pub fn document(&self) -> &'static str {
        match self {
            Version::V2019 => "国办公开办函〔2019〕60号",
            Version::V2021 => "国办公开办函〔2021〕30号",
        }
    }
}

// ---------------------------------------------------------------- sections

pub struct SectionDef {
    pub number: u32,
    /// The heading as the template prints it, without the numbering.
    pub title: &'static str,
    /// Keyword sets: a heading whose normalized title contains every keyword
    /// of any one set is this section.
    pub keywords: &'static [&'static [&'static str]],
    /// The sentence a fix writes under a newly inserted heading.
    pub template_sentence: &'static str,
    pub template_sentence_en: &'static str,
}

pub const SECTIONS: [SectionDef; 6] = [
    SectionDef {
        number: 1,
        title: "总体情况",
        keywords: &[&["总体"], &["总体情况"], &["工作概述"], &["基本情况"]],
        template_sentence: "（请概述本机关主动公开、依申请公开、政府信息管理、政府信息公开平台建设、监督保障等情况。）",
        template_sentence_en: "(Summarise proactive disclosure, disclosure on request, information management, platforms and oversight.)",
    },
    SectionDef {
        number: 2,
        title: "主动公开政府信息情况",
        keywords: &[&["主动公开"]],
        template_sentence: "",
        template_sentence_en: "",
    },
    SectionDef {
        number: 3,
        title: "收到和处理政府信息公开申请情况",
        keywords: &[&["收到", "申请"], &["处理", "申请"], &["依申请"]],
        template_sentence: "",
        template_sentence_en: "",
    },
    SectionDef {
        number: 4,
        title: "政府信息公开行政复议、行政诉讼情况",
        keywords: &[&["行政复议"], &["行政诉讼"], &["复议", "诉讼"]],
        template_sentence: "",
        template_sentence_en: "",
    },
    SectionDef {
        number: 5,
        title: "存在的主要问题及改进情况",
        keywords: &[&["问题"], &["改进"]],
        template_sentence: "（请写明本年度政府信息公开工作存在的主要问题及改进情况。）",
        template_sentence_en: "(State the main problems of this year's work and how they are being addressed.)",
    },
    SectionDef {
        number: 6,
        title: "其他需要报告的事项",
        keywords: &[&["其他", "事项"], &["其他需要"], &["其它", "事项"]],
        template_sentence: "无。",
        template_sentence_en: "None.",
    },
];

/// Headings of the six sections as reports word them: the template's,
/// then other accepted wordings (the 条例's for 四, the longer 五).
pub const SECTION_TITLES: [(u32, &str); 10] = [
    (1, "总体情况"),
    (2, "主动公开政府信息情况"),
    (3, "收到和处理政府信息公开申请情况"),
    (4, "政府信息公开行政复议、行政诉讼情况"),
    (4, "因政府信息公开工作被申请行政复议、提起行政诉讼的情况"),
    (4, "政府信息公开行政复议、行政诉讼"),
    (5, "存在的主要问题及改进情况"),
    (5, "政府信息公开工作存在的主要问题及改进情况"),
    (6, "其他需要报告的事项"),
    (6, "其它需要报告的事项"),
];

pub struct SubItemDef {
    pub key: &'static str,
    pub title: &'static str,
    pub keywords: &'static [&'static str],
}

/// The five standard items of 一、总体情况 (both versions; 2021 names the
/// fourth 政府信息公开平台建设). Matched by keyword, since reports add
/// 方面/情况/工作 or verbs.
pub const SUBITEMS: [SubItemDef; 5] = [
    SubItemDef {
        key: "proactive",
        title: "主动公开",
        keywords: &["主动公开"],
    },
    SubItemDef {
        key: "on-request",
        title: "依申请公开",
        keywords: &["依申请"],
    },
    SubItemDef {
        key: "management",
        title: "政府信息管理",
        keywords: &["信息管理"],
    },
    SubItemDef {
        key: "platform",
        title: "平台建设",
        keywords: &["平台"],
    },
    SubItemDef {
        key: "oversight",
        title: "监督保障",
        keywords: &["监督", "保障"],
    },
];

/// The five items of 一 by meaning (missing-subsection): words that show a
/// heading of 一 — or, failing the headings, its body — is about the item.
/// Reports name the items in their own words (`（五）强化考核问责，主动接受社会监督`
/// is 监督保障), so each item has a list, not one keyword.
pub struct SubItemWords {
    /// The `SubItemDef::key` of the item.
    pub key: &'static str,
    /// The item as the 2021 format names it.
    pub title: &'static str,
    pub words: &'static [&'static str],
}

/// The first report year whose format (国办公开办函〔2021〕30号) requires the
/// five items; the 2019 format's text does not list them.
pub const SUBITEMS_REQUIRED_FROM: i32 = 2021;

pub const SUBITEM_WORDS: [SubItemWords; 5] = [
    SubItemWords {
        key: "proactive",
        title: "主动公开",
        words: &["主动公开", "主动发布", "重点领域", "政策解读", "解读回应"],
    },
    SubItemWords {
        key: "on-request",
        title: "依申请公开",
        words: &[
            "依申请",
            "申请公开",
            "公开申请",
            "依法申请",
            "申请办理",
            "申请答复",
        ],
    },
    SubItemWords {
        key: "management",
        title: "政府信息管理",
        words: &[
            "信息管理",
            "公开属性",
            "属性认定",
            "源头认定",
            "审查",
            "审核",
            "保密",
            "目录",
            "指南",
            "规范性文件",
            "文件管理",
            "动态更新",
            "清理",
            "管理制度",
        ],
    },
    SubItemWords {
        key: "platform",
        title: "政府信息公开平台建设",
        words: &[
            "平台",
            "网站",
            "新媒体",
            "微博",
            "微信",
            "公众号",
            "专栏",
            "公报",
            "公开栏",
            "查阅点",
            "门户",
            "政务服务",
        ],
    },
    SubItemWords {
        key: "oversight",
        title: "监督保障",
        words: &[
            "监督",
            "考核",
            "培训",
            "评议",
            "问责",
            "保障",
            "责任追究",
            "督查",
            "督导",
            "组织领导",
            "领导小组",
        ],
    },
];

// ---------------------------------------------------------------- table 三

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// A row that carries numbers.
    Data,
    /// A merged group label such as （三）不予公开: no numbers of its own.
    Group,
}

pub struct RowDef {
    pub key: &'static str,
    /// Numbering as printed: `一、`, `（一）`, `1.`.
    pub numbering: &'static str,
    /// The label after the numbering, exactly as the template prints it.
    pub label: &'static str,
    /// Unofficial wordings seen in real reports (compared after normalizing).
    pub variants: &'static [&'static str],
    /// Group this row belongs to (3, 4, 5 or 6 for （三）…（六）).
    pub group: Option<u32>,
    pub kind: RowKind,
    pub in_2019: bool,
    pub in_2021: bool,
    /// Meaning, shown on hover.
    pub meaning: &'static str,
}

impl RowDef {
    pub fn in_version(&self, v: Version) -> bool {
        match v {
            Version::V2019 => self.in_2019,
            Version::V2021 => self.in_2021,
        }
    }
    pub fn full_label(&self) -> String {
        format!("{}{}", self.numbering, self.label)
    }
}

macro_rules! row {
    ($key:expr, $num:expr, $label:expr, $group:expr, $kind:expr, $v19:expr, $v21:expr, $variants:expr, $meaning:expr) => {
        RowDef {
            key: $key,
            numbering: $num,
            label: $label,
            variants: $variants,
            group: $group,
            kind: $kind,
            in_2019: $v19,
            in_2021: $v21,
            meaning: $meaning,
        }
    };
}

use RowKind::{Data, Group};

/// Every row of table 三 in template order, both versions. (六)其他处理 is a
/// data row in 2019 and a group over three sub-rows in 2021.
pub const TABLE3_ROWS: &[RowDef] = &[
    row!(
        "new",
        "一、",
        "本年新收政府信息公开申请数量",
        None,
        Data,
        true,
        true,
        &["本年新收申请数量", "本年新收政府信息公开申请"],
        "本年度新收到的政府信息公开申请件数。"
    ),
    row!(
        "carried",
        "二、",
        "上年结转政府信息公开申请数量",
        None,
        Data,
        true,
        true,
        &["上年结转申请数量", "上年结转政府信息公开申请"],
        "上一年度结转到本年度继续办理的申请件数，应等于上年报告的“四、结转下年度继续办理”。"
    ),
    row!(
        "results",
        "三、",
        "本年度办理结果",
        None,
        Group,
        true,
        true,
        &["本年度办理结果情况", "办理结果"],
        "本年度办结申请的处理结果，下分（一）至（七）。"
    ),
    row!(
        "granted",
        "（一）",
        "予以公开",
        None,
        Data,
        true,
        true,
        &["公开"],
        "全部予以公开的申请件数。"
    ),
    row!(
        "partial",
        "（二）",
        "部分公开（区分处理的，只计这一情形，不计其他情形）",
        None,
        Data,
        true,
        true,
        &["部分公开"],
        "区分处理、部分公开的申请件数（只计这一情形，不计其他情形）。"
    ),
    row!(
        "denied",
        "（三）",
        "不予公开",
        None,
        Group,
        true,
        true,
        &[],
        "不予公开的申请，按理由分 8 项（条例第十四、十五、十六条）。"
    ),
    row!(
        "denied1",
        "1.",
        "属于国家秘密",
        Some(3),
        Data,
        true,
        true,
        &["国家秘密"],
        "条例第十四条：依法确定为国家秘密的政府信息。"
    ),
    row!(
        "denied2",
        "2.",
        "其他法律行政法规禁止公开",
        Some(3),
        Data,
        true,
        true,
        &[
            "其他法律法规禁止公开",
            "法律行政法规禁止公开",
            "其他法律、行政法规禁止公开"
        ],
        "条例第十四条：法律、行政法规禁止公开的政府信息。"
    ),
    row!(
        "denied3",
        "3.",
        "危及“三安全一稳定”",
        Some(3),
        Data,
        true,
        true,
        &["危及三安全一稳定"],
        "条例第十四条：公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
    ),
    row!(
        "denied4",
        "4.",
        "保护第三方合法权益",
        Some(3),
        Data,
        true,
        true,
        &["保护第三方权益"],
        "条例第十五条：涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
    ),
    row!(
        "denied5",
        "5.",
        "属于三类内部事务信息",
        Some(3),
        Data,
        true,
        true,
        &["三类内部事务信息", "属于内部事务信息"],
        "条例第十六条第一款：人事管理、后勤管理、内部工作流程等内部事务信息。"
    ),
    row!(
        "denied6",
        "6.",
        "属于四类过程性信息",
        Some(3),
        Data,
        true,
        true,
        &["属于四类过程信息", "四类过程性信息", "属于过程性信息"],
        "条例第十六条第二款：讨论记录、过程稿、磋商信函、请示报告等过程性信息。"
    ),
    row!(
        "denied7",
        "7.",
        "属于行政执法案卷",
        Some(3),
        Data,
        true,
        true,
        &["行政执法案卷"],
        "条例第十六条第二款：行政执法案卷信息。"
    ),
    row!(
        "denied8",
        "8.",
        "属于行政查询事项",
        Some(3),
        Data,
        true,
        true,
        &["行政查询事项"],
        "属于行政查询事项（如工商、不动产登记资料查询）。"
    ),
    row!(
        "unable",
        "（四）",
        "无法提供",
        None,
        Group,
        true,
        true,
        &[],
        "无法提供的申请，分 3 项。"
    ),
    row!(
        "unable1",
        "1.",
        "本机关不掌握相关政府信息",
        Some(4),
        Data,
        true,
        true,
        &["本机关不掌握相关信息", "不掌握相关政府信息"],
        "条例第三十六条第（四）项：本机关不掌握该政府信息。"
    ),
    row!(
        "unable2",
        "2.",
        "没有现成信息需要另行制作",
        Some(4),
        Data,
        true,
        true,
        &["没有现成信息需另行制作"],
        "条例第三十八条：需要对现有信息进行加工、分析的，可以不予提供。"
    ),
    row!(
        "unable3",
        "3.",
        "补正后申请内容仍不明确",
        Some(4),
        Data,
        true,
        true,
        &["补正后申请内容不明确"],
        "条例第二十九、三十条：补正后申请内容仍不明确。"
    ),
    row!(
        "notprocessed",
        "（五）",
        "不予处理",
        None,
        Group,
        true,
        true,
        &[],
        "不予处理的申请，分 5 项。"
    ),
    row!(
        "notprocessed1",
        "1.",
        "信访举报投诉类申请",
        Some(5),
        Data,
        true,
        true,
        &["信访举报投诉类"],
        "条例第三十九条：以申请形式进行信访、投诉、举报。"
    ),
    row!(
        "notprocessed2",
        "2.",
        "重复申请",
        Some(5),
        Data,
        true,
        true,
        &[],
        "条例第三十六条第（六）项：重复申请。"
    ),
    row!(
        "notprocessed3",
        "3.",
        "要求提供公开出版物",
        Some(5),
        Data,
        true,
        true,
        &[],
        "条例第三十九条：要求提供公开出版物。"
    ),
    row!(
        "notprocessed4",
        "4.",
        "无正当理由大量反复申请",
        Some(5),
        Data,
        true,
        true,
        &["无正当理由大量反复"],
        "条例第三十五条：申请数量、频次明显超过合理范围。"
    ),
    row!(
        "notprocessed5",
        "5.",
        "要求行政机关确认或重新出具已获取信息",
        Some(5),
        Data,
        true,
        true,
        &["要求行政机关确认或重新出具已获取的信息"],
        "要求行政机关确认或者重新出具已获取的信息。"
    ),
    row!(
        "other",
        "（六）",
        "其他处理",
        None,
        Data,
        true,
        false,
        &[],
        "（2019 格式）其他处理情形的申请件数。"
    ),
    row!(
        "other-group",
        "（六）",
        "其他处理",
        None,
        Group,
        false,
        true,
        &[],
        "（2021 格式）其他处理，分 3 项。"
    ),
    row!(
        "other1",
        "1.",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        Some(6),
        Data,
        false,
        true,
        &["申请人无正当理由逾期不补正,行政机关不再处理其政府信息公开申请"],
        "条例第三十条：申请人无正当理由逾期不补正，行政机关不再处理。"
    ),
    row!(
        "other2",
        "2.",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        Some(6),
        Data,
        false,
        true,
        &["申请人逾期未按收费通知要求缴纳费用,行政机关不再处理其政府信息公开申请"],
        "条例第四十二条、国办函〔2020〕109号：逾期未缴纳信息处理费，不再处理。"
    ),
    row!(
        "other3",
        "3.",
        "其他",
        Some(6),
        Data,
        false,
        true,
        &[],
        "其他处理情形。"
    ),
    row!(
        "total",
        "（七）",
        "总计",
        None,
        Data,
        true,
        true,
        &["合计"],
        "本年度办理结果总计，等于（一）至（六）各项之和。"
    ),
    row!(
        "carry-next",
        "四、",
        "结转下年度继续办理",
        None,
        Data,
        true,
        true,
        &["结转下年度继续办理申请数量", "结转下年度办理"],
        "本年度未办结、结转到下一年度继续办理的申请件数。"
    ),
];

pub fn table3_row(key: &str) -> Option<usize> {
    TABLE3_ROWS.iter().position(|r| r.key == key)
}

pub struct ColumnDef {
    pub key: &'static str,
    pub label: &'static str,
    pub variants: &'static [&'static str],
    pub meaning: &'static str,
}

pub const TABLE3_COLUMNS: [ColumnDef; 7] = [
    ColumnDef {
        key: "natural",
        label: "自然人",
        variants: &["个人"],
        meaning: "申请人为公民个人。",
    },
    ColumnDef {
        key: "commercial",
        label: "商业企业",
        variants: &["商业机构", "企业"],
        meaning: "法人或其他组织：商业企业。",
    },
    ColumnDef {
        key: "research",
        label: "科研机构",
        variants: &["科研单位"],
        meaning: "法人或其他组织：科研机构。",
    },
    ColumnDef {
        key: "social",
        label: "社会公益组织",
        variants: &["社会组织", "公益组织"],
        meaning: "法人或其他组织：社会公益组织。",
    },
    ColumnDef {
        key: "legal",
        label: "法律服务机构",
        variants: &["律师事务所"],
        meaning: "法人或其他组织：法律服务机构。",
    },
    ColumnDef {
        key: "other",
        label: "其他",
        variants: &["其他组织"],
        meaning: "法人或其他组织：其他。",
    },
    ColumnDef {
        key: "total",
        label: "总计",
        variants: &["合计"],
        meaning: "本行六类申请人之和。",
    },
];

/// Index of the 总计 column of table 三.
pub const T3_TOTAL_COL: usize = 6;

/// The note printed at the head of table 三's first column.
pub const TABLE3_NOTE: &str =
    "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

/// Words of table 三's header besides its column labels.
pub const TABLE3_HEADER_WORDS: [&str; 3] = ["申请人情况", "法人或其他组织", "申请人"];

/// The group （三）…（六） a group label of table 三 stands over.
pub fn group_headed_by(key: &str) -> Option<u32> {
    match key {
        "denied" => Some(3),
        "unable" => Some(4),
        "notprocessed" => Some(5),
        "other-group" => Some(6),
        _ => None,
    }
}

// ---------------------------------------------------------------- table 四

pub const TABLE4_COLUMNS: [&str; 15] = [
    "行政复议·结果维持",
    "行政复议·结果纠正",
    "行政复议·其他结果",
    "行政复议·尚未审结",
    "行政复议·总计",
    "行政诉讼·未经复议直接起诉·结果维持",
    "行政诉讼·未经复议直接起诉·结果纠正",
    "行政诉讼·未经复议直接起诉·其他结果",
    "行政诉讼·未经复议直接起诉·尚未审结",
    "行政诉讼·未经复议直接起诉·总计",
    "行政诉讼·复议后起诉·结果维持",
    "行政诉讼·复议后起诉·结果纠正",
    "行政诉讼·复议后起诉·其他结果",
    "行政诉讼·复议后起诉·尚未审结",
    "行政诉讼·复议后起诉·总计",
];

pub const TABLE4_GROUPS: [&str; 3] = ["行政复议", "未经复议直接起诉", "复议后起诉"];

/// Column header labels of table 四 (compared after normalizing).
pub const TABLE4_HEADER_WORDS: [&str; 8] = [
    "行政复议",
    "行政诉讼",
    "结果维持",
    "结果纠正",
    "其他结果",
    "尚未审结",
    "未经复议直接起诉",
    "复议后起诉",
];

// ---------------------------------------------------------------- table 二

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    /// A non-negative integer.
    Count,
    /// An integer that may be negative (本年增/减).
    SignedCount,
    /// An amount that may be a decimal and carry a unit (元, 万元).
    Money,
}

#[derive(Debug)]
pub struct Table2Block {
    /// The item of 条例第二十条: 1, 5, 6, 8, 9.
    pub item: u32,
    pub columns: &'static [(&'static str, ValueKind)],
    pub rows: &'static [&'static str],
}

pub const TABLE2_2019: &[Table2Block] = &[
    Table2Block {
        item: 1,
        columns: &[
            ("本年新制作数量", ValueKind::Count),
            ("本年新公开数量", ValueKind::Count),
            ("对外公开总数量", ValueKind::Count),
        ],
        rows: &["规章", "规范性文件"],
    },
    Table2Block {
        item: 5,
        columns: &[
            ("上一年项目数量", ValueKind::Count),
            ("本年增/减", ValueKind::SignedCount),
            ("处理决定数量", ValueKind::Count),
        ],
        rows: &["行政许可", "其他对外管理服务事项"],
    },
    Table2Block {
        item: 6,
        columns: &[
            ("上一年项目数量", ValueKind::Count),
            ("本年增/减", ValueKind::SignedCount),
            ("处理决定数量", ValueKind::Count),
        ],
        rows: &["行政处罚", "行政强制"],
    },
    Table2Block {
        item: 8,
        columns: &[
            ("上一年项目数量", ValueKind::Count),
            ("本年增/减", ValueKind::SignedCount),
        ],
        rows: &["行政事业性收费"],
    },
    Table2Block {
        item: 9,
        columns: &[
            ("采购项目数量", ValueKind::Count),
            ("采购总金额", ValueKind::Money),
        ],
        rows: &["政府集中采购"],
    },
];

pub const TABLE2_2021: &[Table2Block] = &[
    Table2Block {
        item: 1,
        columns: &[
            ("本年制发件数", ValueKind::Count),
            ("本年废止件数", ValueKind::Count),
            ("现行有效件数", ValueKind::Count),
        ],
        rows: &["规章", "行政规范性文件"],
    },
    Table2Block {
        item: 5,
        columns: &[("本年处理决定数量", ValueKind::Count)],
        rows: &["行政许可"],
    },
    Table2Block {
        item: 6,
        columns: &[("本年处理决定数量", ValueKind::Count)],
        rows: &["行政处罚", "行政强制"],
    },
    Table2Block {
        item: 8,
        columns: &[("本年收费金额（单位：万元）", ValueKind::Money)],
        rows: &["行政事业性收费"],
    },
];

pub fn table2(version: Version) -> &'static [Table2Block] {
    match version {
        Version::V2019 => TABLE2_2019,
        Version::V2021 => TABLE2_2021,
    }
}

/// Column headers of table 二 and the format version each belongs to.
pub const TABLE2_VERSION_HEADERS: [(&str, Version); 11] = [
    ("本年新制作数量", Version::V2019),
    ("本年新公开数量", Version::V2019),
    ("对外公开总数量", Version::V2019),
    ("上一年项目数量", Version::V2019),
    ("本年增/减", Version::V2019),
    ("采购项目数量", Version::V2019),
    ("采购总金额", Version::V2019),
    ("本年制发件数", Version::V2021),
    ("本年废止件数", Version::V2021),
    ("现行有效件数", Version::V2021),
    ("本年处理决定数量", Version::V2021),
];

/// Other words of table 二's header.
pub const TABLE2_HEADER_WORDS: [&str; 7] = [
    "信息内容",
    "处理决定数量",
    "本年收费金额",
    "单位:万元",
    "(单位:万元)",
    "万元",
    "元",
];

/// The three statistical tables of the format, by the section they stand
/// in: 二 (主动公开), 三 (收到和处理申请), 四 (行政复议、行政诉讼). Every reader and
/// adapter names and finds them through this one type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub enum Table {
    T2,
    T3,
    T4,
}

impl Table {
    pub const ALL: [Table; 3] = [Table::T2, Table::T3, Table::T4];

    /// The section the table belongs to (2, 3, 4).
    pub fn section(self) -> u32 {
        match self {
            Table::T2 => 2,
            Table::T3 => 3,
            Table::T4 => 4,
        }
    }
    /// `表二（主动公开政府信息情况）`: how findings name the table.
    pub fn name(self) -> &'static str {
        match self {
            Table::T2 => "表二（主动公开政府信息情况）",
            Table::T3 => "表三（收到和处理政府信息公开申请情况）",
            Table::T4 => "表四（政府信息公开行政复议、行政诉讼情况）",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Table::T2 => "table 2 (proactive disclosure)",
            Table::T3 => "table 3 (requests received and handled)",
            Table::T4 => "table 4 (administrative review and litigation)",
        }
    }
    /// `表二`.
    pub fn short(self) -> &'static str {
        match self {
            Table::T2 => "表二",
            Table::T3 => "表三",
            Table::T4 => "表四",
        }
    }
    pub fn short_en(self) -> &'static str {
        match self {
            Table::T2 => "table 2",
            Table::T3 => "table 3",
            Table::T4 => "table 4",
        }
    }
    /// The names of the number columns as the official header gives them,
    /// short (表四's group words, shown in the rows above, dropped); 表二's
    /// columns differ from block to block: `None`.
    pub fn column_names(self) -> Option<Vec<&'static str>> {
        match self {
            Table::T3 => Some(TABLE3_COLUMNS.iter().map(|c| c.label).collect()),
            Table::T4 => Some(
                TABLE4_COLUMNS
                    .iter()
                    .map(|c| c.rsplit('·').next().unwrap_or(c))
                    .collect(),
            ),
            Table::T2 => None,
        }
    }
    /// The title of the table's section, which is also the table's title.
    pub fn title(self) -> &'static str {
        SECTIONS[self.section() as usize - 1].title
    }
    /// Words only this table has: where one stands (a word of seven
    /// characters or more also with one character edited), the table is
    /// there even when it cannot be read.
    pub fn words(self) -> &'static [&'static str] {
        match self {
            Table::T2 => &["第二十条", "信息内容", "本年制发件数", "本年新制作数量"],
            Table::T3 => &[
                "本年新收政府信息公开申请",
                "勾稽关系",
                "申请人情况",
                "上年结转政府信息公开申请",
                "本列数据的勾稽关系",
            ],
            Table::T4 => &["结果维持", "尚未审结", "复议后起诉", "未经复议直接起诉"],
        }
    }
    /// Whether normalized text (see [`normalize_label`]) holds one of
    /// [`Table::words`]: the short ones exactly, the longer ones with at
    /// most one character substituted, deleted or inserted.
    pub fn named_in(self, norm: &[char]) -> bool {
        static WORDS: std::sync::OnceLock<[Vec<Vec<char>>; 3]> = std::sync::OnceLock::new();
        let words = WORDS.get_or_init(|| {
            Table::ALL.map(|t| t.words().iter().map(|w| w.chars().collect()).collect())
        });
        words[self as usize].iter().any(|w| {
            if w.len() >= 7 {
                crate::text::find_near(norm, w).is_some()
            } else {
                norm.windows(w.len()).any(|x| x == w.as_slice())
            }
        })
    }
    /// The table a Word table's text is (its cells' words), for the .docx
    /// front end, which sees whole tables: 三 by its note or header, 四 by
    /// 行政复议 with 行政诉讼, 二 by its block headings.
    pub fn of_table_text(text: &str) -> Option<Table> {
        let norm: Vec<char> = normalize_label(text).chars().collect();
        if Table::T3.named_in(&norm) {
            return Some(Table::T3);
        }
        let has = |w: &str| {
            let w: Vec<char> = w.chars().collect();
            norm.windows(w.len()).any(|x| x == w.as_slice())
        };
        if (has("行政复议") && has("行政诉讼")) || Table::T4.named_in(&norm) {
            Some(Table::T4)
        } else if has("第二十条") || Table::T2.named_in(&norm) {
            Some(Table::T2)
        } else {
            None
        }
    }
    /// The table a heading right before a table announces (`三、收到和处理…`,
    /// `表四 政府信息公开行政复议、行政诉讼情况`).
    pub fn of_heading(text: &str) -> Option<Table> {
        let norm = normalize_label(text);
        if norm.contains("收到和处理") || norm.contains("依申请") {
            Some(Table::T3)
        } else if norm.contains("行政复议") || norm.contains("行政诉讼") {
            Some(Table::T4)
        } else if norm.contains("主动公开政府信息") {
            Some(Table::T2)
        } else {
            None
        }
    }
}

/// The heading of a block of table 二: 第二十条第（一）项.
pub fn table2_block_heading(item: u32) -> String {
    format!("第二十条第（{}）项", crate::syntax::cn_numeral(item))
}

/// Row labels of table 二 seen under the other version's name.
pub const TABLE2_ROW_VARIANTS: &[(&str, &str)] = &[
    ("规范性文件", "行政规范性文件"),
    ("行政规范性文件", "规范性文件"),
];

// ---------------------------------------------------------------- relations

/// A cell of table 三 (row index into [`TABLE3_ROWS`], column) or table 四.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CellRef {
    T3 { row: usize, col: usize },
    T4 { col: usize },
}

impl CellRef {
    /// A cell of the subtotal printed on 表三's group label line
    /// （三）…（六）: rows beyond [`TABLE3_ROWS`] stand for them.
    pub fn subtotal(group: u32, col: usize) -> CellRef {
        CellRef::T3 {
            row: TABLE3_ROWS.len() + group as usize,
            col,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RelationKind {
    /// R3-1: 一 + 二 = 三(七)总计 + 四, per column.
    Balance,
    /// R3-2: a row's 总计 = its six applicant cells.
    RowTotal,
    /// R3-3: (七)总计 = the outcome rows, per column.
    ColumnTotal,
    /// A subtotal printed on a group label line = its sub-rows.
    GroupSubtotal,
    /// R4-1: each 行政复议 / 诉讼 group's 总计 = its four results.
    ReviewTotal,
}

/// `sum(left) = sum(right)`. The cells of `right` are the totals: when one
/// of them is blank the relation is not checked (the blank is an empty-cell).
#[derive(Debug, Clone)]
pub struct Relation {
    pub kind: RelationKind,
    pub left: Vec<CellRef>,
    pub right: Vec<CellRef>,
    /// Which column (table 三) or group (table 四) this relation is about.
    pub index: usize,
}

fn build_relations(version: Version) -> Vec<Relation> {
    let rows: Vec<usize> = (0..TABLE3_ROWS.len())
        .filter(|&i| TABLE3_ROWS[i].in_version(version) && TABLE3_ROWS[i].kind == Data)
        .collect();
    let idx = |k| table3_row(k).unwrap_or(0);
    let (new, carried, total, carry_next) =
        (idx("new"), idx("carried"), idx("total"), idx("carry-next"));
    let outcomes: Vec<usize> = rows
        .iter()
        .copied()
        .filter(|&r| ![new, carried, total, carry_next].contains(&r))
        .collect();
    let mut out = Vec::new();
    for col in 0..7 {
        out.push(Relation {
            kind: RelationKind::Balance,
            left: vec![
                CellRef::T3 { row: new, col },
                CellRef::T3 { row: carried, col },
            ],
            right: vec![
                CellRef::T3 { row: total, col },
                CellRef::T3 {
                    row: carry_next,
                    col,
                },
            ],
            index: col,
        });
    }
    for &row in &rows {
        out.push(Relation {
            kind: RelationKind::RowTotal,
            left: (0..6).map(|col| CellRef::T3 { row, col }).collect(),
            right: vec![CellRef::T3 {
                row,
                col: T3_TOTAL_COL,
            }],
            index: row,
        });
    }
    for col in 0..7 {
        out.push(Relation {
            kind: RelationKind::ColumnTotal,
            left: outcomes
                .iter()
                .map(|&row| CellRef::T3 { row, col })
                .collect(),
            right: vec![CellRef::T3 { row: total, col }],
            index: col,
        });
    }
    for g in 0..3 {
        out.push(Relation {
            kind: RelationKind::ReviewTotal,
            left: (0..4).map(|i| CellRef::T4 { col: g * 5 + i }).collect(),
            right: vec![CellRef::T4 { col: g * 5 + 4 }],
            index: g,
        });
    }
    out
}

/// Every arithmetic relation of the version's tables 三 and 四.
pub fn relations(version: Version) -> &'static [Relation] {
    use std::sync::OnceLock;
    static R2019: OnceLock<Vec<Relation>> = OnceLock::new();
    static R2021: OnceLock<Vec<Relation>> = OnceLock::new();
    match version {
        Version::V2019 => R2019.get_or_init(|| build_relations(Version::V2019)),
        Version::V2021 => R2021.get_or_init(|| build_relations(Version::V2021)),
    }
}

// ---------------------------------------------------------------- labels

/// Splits a normalized label into its numbering (`一、`, `(一)`, `1.`) and
/// body. Returns the numbering's kind and value when there is one.
pub fn split_numbering(norm: &str) -> (Option<(crate::syntax::NumberingKind, u32)>, &str) {
    use crate::syntax::{NumberingKind, chinese_numeral};
    if let Some(p) = norm.find('、') {
        if let Some(v) = chinese_numeral(&norm[..p]) {
            return (
                Some((NumberingKind::Chinese, v)),
                &norm[p + '、'.len_utf8()..],
            );
        }
        if !norm[..p].is_empty() && norm[..p].bytes().all(|b| b.is_ascii_digit()) && p <= 2 {
            let v = norm[..p].parse().unwrap_or(0);
            return (
                Some((NumberingKind::Arabic, v)),
                &norm[p + '、'.len_utf8()..],
            );
        }
    }
    if let Some(rest) = norm.strip_prefix('(')
        && let Some(p) = rest.find(')')
        && let Some(v) = chinese_numeral(&rest[..p])
    {
        return (Some((NumberingKind::ParenChinese, v)), &rest[p + 1..]);
    }
    let d = norm.bytes().take_while(|b| b.is_ascii_digit()).count();
    if (1..=2).contains(&d) && norm[d..].starts_with('.') {
        let v = norm[..d].parse().unwrap_or(0);
        return (Some((NumberingKind::Arabic, v)), &norm[d + 1..]);
    }
    (None, norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_as_the_page_heads_them() {
        let t3 = Table::T3.column_names().unwrap_or_default();
        assert_eq!(t3.len(), 7);
        assert_eq!((t3[0], t3[6]), ("自然人", "总计"));
        let t4 = Table::T4.column_names().unwrap_or_default();
        assert_eq!(t4.len(), 15);
        assert_eq!(
            &t4[..5],
            ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
        );
        assert_eq!(Table::T2.column_names(), None);
    }

    #[test]
    fn row_counts_match_the_templates() {
        let count = |v| {
            TABLE3_ROWS
                .iter()
                .filter(|r| r.in_version(v) && r.kind == Data)
                .count()
        };
        assert_eq!(count(Version::V2019), 23);
        assert_eq!(count(Version::V2021), 25);
        let cells = |v: Version| -> usize {
            table2(v)
                .iter()
                .map(|b| b.columns.len() * b.rows.len())
                .sum()
        };
        assert_eq!(cells(Version::V2019), 22);
        assert_eq!(cells(Version::V2021), 10);
    }

    #[test]
    fn relations_cover_every_row_and_column() {
        let r = relations(Version::V2021);
        let by = |k| r.iter().filter(|x| x.kind == k).count();
        assert_eq!(by(RelationKind::Balance), 7);
        assert_eq!(by(RelationKind::RowTotal), 25);
        assert_eq!(by(RelationKind::ColumnTotal), 7);
        assert_eq!(by(RelationKind::ReviewTotal), 3);
        let col = r
            .iter()
            .find(|x| x.kind == RelationKind::ColumnTotal)
            .unwrap();
        assert_eq!(col.left.len(), 21, "（一）（二）+8+3+5+3 outcome rows");
        assert_eq!(
            relations(Version::V2019)
                .iter()
                .find(|x| x.kind == RelationKind::ColumnTotal)
                .unwrap()
                .left
                .len(),
            19
        );
    }

    #[test]
    fn normalizes_and_splits_labels() {
        use crate::text::normalize_label;
        let n = normalize_label("(三) 不 予 公 开");
        assert_eq!(n, normalize_label("（三）不予公开"));
        let (num, body) = split_numbering(&n);
        assert_eq!(num.map(|x| x.1), Some(3));
        assert_eq!(body, "不予公开");
        let n = normalize_label("6. 属于四类过程性信息");
        assert_eq!(split_numbering(&n).1, "属于四类过程性信息");
        let n = normalize_label("3.危及“三安全一稳定”");
        assert_eq!(split_numbering(&n).1, "危及三安全一稳定");
    }
}
