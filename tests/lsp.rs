//! End-to-end tests of `nianbao lsp`: the real binary, spoken to over its
//! stdio with Content-Length framing.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::{Client, action_edits, apply_text_edits, offset_of, position_of, range_of};
use nianbao::model::Style;
use nianbao::template::{SkeletonOptions, skeleton};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;
use std::time::Duration;

const FIXTURES: [&str; 5] = [
    "000_6ca4560e20b73f61.txt",
    "001_1f886fd727df4157.txt",
    "002_bf80b47987e57cd0.txt",
    "003_bd2728a2fb5b3f82.txt",
    "004_4ecd57e04841b2f1.txt",
];

fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> String {
    let text = std::fs::read_to_string(fixture_path(name)).expect("fixture");
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

fn fixture_uri(name: &str) -> String {
    format!("file://{}", fixture_path(name))
}

fn draft(style: Style) -> String {
    skeleton(&SkeletonOptions {
        year: 2022,
        unit: "某市某局",
        government: false,
        style,
    })
}

fn start() -> Client {
    Client::start(None, Value::Null).0
}

fn rule(d: &Value) -> &str {
    d["code"].as_str().unwrap_or("")
}

fn rules_of(diags: &[Value]) -> Vec<&str> {
    diags.iter().map(rule).collect()
}

/// (rule, message) multiset of findings.
fn findings(diags: &[Value]) -> BTreeMap<(String, String), usize> {
    let mut m = BTreeMap::new();
    for d in diags {
        *m.entry((
            rule(d).to_string(),
            d["message"].as_str().unwrap_or("").to_string(),
        ))
        .or_insert(0) += 1;
    }
    m
}

/// Findings in `after` that were not in `before`.
fn new_findings(before: &[Value], after: &[Value]) -> Vec<(String, String)> {
    let b = findings(before);
    findings(after)
        .into_iter()
        .filter(|(k, n)| b.get(k).is_none_or(|m| n > m))
        .map(|(k, _)| k)
        .collect()
}

fn line_of(d: &Value) -> u64 {
    d["range"]["start"]["line"].as_u64().expect("line")
}

fn code_actions(
    c: &mut Client,
    uri: &str,
    range: Value,
    diags: Vec<Value>,
    only: Option<&[&str]>,
) -> Vec<Value> {
    let mut context = json!({"diagnostics": diags});
    if let Some(o) = only {
        context["only"] = json!(o);
    }
    let res = c.call(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
    );
    res.as_array().cloned().unwrap_or_default()
}

fn hover_text(c: &mut Client, uri: &str, pos: Value) -> String {
    let res = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    res["contents"]["value"].as_str().unwrap_or("").to_string()
}

// ---------------------------------------------------------------- tests

#[test]
fn initialize_negotiates_the_position_encoding() {
    for (offered, expected) in [
        (None, "utf-16"),
        (Some(&["utf-16"][..]), "utf-16"),
        (Some(&["utf-32", "utf-16"][..]), "utf-16"),
        (Some(&["utf-8", "utf-16"][..]), "utf-8"),
    ] {
        let (mut c, res) = Client::start(offered, Value::Null);
        let caps = &res["result"]["capabilities"];
        assert_eq!(caps["positionEncoding"], expected, "offered {offered:?}");
        assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
        assert_eq!(caps["diagnosticProvider"]["identifier"], "nianbao");
        assert!(
            caps["codeActionProvider"]["codeActionKinds"]
                .as_array()
                .unwrap()
                .contains(&json!("source.fixAll.nianbao"))
        );
        for p in [
            "hoverProvider",
            "inlayHintProvider",
            "documentSymbolProvider",
            "foldingRangeProvider",
            "completionProvider",
        ] {
            assert!(!caps[p].is_null(), "{p} advertised");
        }
        assert!(c.shutdown_and_exit().success());
    }
}

#[test]
fn fixtures_match_the_cli() {
    let mut c = start();
    for name in FIXTURES {
        let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
            .args(["check", "--format", "json", &fixture_path(name)])
            .output()
            .expect("run check");
        let cli: Vec<Value> = serde_json::from_slice(&out.stdout).expect("json output");
        let cli_set: BTreeSet<(String, u64)> = cli
            .iter()
            .map(|d| {
                (
                    d["rule"].as_str().unwrap().to_string(),
                    d["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let diags = c.open(&fixture_uri(name), "markdown", &fixture(name));
        let lsp_set: BTreeSet<(String, u64)> = diags
            .iter()
            .map(|d| (rule(d).to_string(), line_of(d) + 1))
            .collect();
        assert!(!cli_set.is_empty(), "{name}: the CLI finds something");
        assert_eq!(lsp_set, cli_set, "{name}");
        assert_eq!(diags.len(), cli.len(), "{name}");
        for d in &diags {
            assert_eq!(d["source"], "nianbao");
            assert_eq!(d["data"]["rule"], d["code"]);
            assert!(d["data"]["start"].is_u64() && d["data"]["version"] == 1);
        }
    }
}

#[test]
fn table_sum_quick_fix_on_002_writes_1() {
    let mut c = start();
    let name = "002_bf80b47987e57cd0.txt";
    let uri = fixture_uri(name);
    let text = fixture(name);
    let diags = c.open(&uri, "markdown", &text);
    let d = diags
        .iter()
        .find(|d| rule(d) == "table-sum")
        .expect("table-sum")
        .clone();
    assert_eq!(
        d["range"]["start"],
        json!({"line": 53, "character": 8}),
        "{d}"
    );
    assert_eq!(d["range"]["end"], json!({"line": 53, "character": 9}));
    assert_eq!(d["severity"], 1);
    assert!(d["message"].as_str().unwrap().contains("应为 1"), "{d}");
    assert_eq!(d["relatedInformation"].as_array().map(Vec::len), Some(3));
    assert_eq!(d["relatedInformation"][0]["location"]["uri"], uri);

    let actions = code_actions(
        &mut c,
        &uri,
        d["range"].clone(),
        vec![d.clone()],
        Some(&["quickfix"]),
    );
    let fix = actions
        .iter()
        .find(|a| a["diagnostics"][0]["code"] == "table-sum")
        .expect("quick fix");
    assert_eq!(fix["kind"], "quickfix");
    assert_eq!(fix["isPreferred"], true);
    let edits = action_edits(fix, &uri);
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["newText"], "1");
    assert_eq!(edits[0]["range"], d["range"]);

    // Apply it client-side, send it as an incremental change, re-lint.
    let fixed = apply_text_edits(&text, &edits, false);
    c.change(&uri, 2, json!([{"range": edits[0]["range"], "text": "1"}]));
    let after = c.diagnostics(&uri, 2);
    assert!(!rules_of(&after).contains(&"table-sum"), "{after:?}");
    assert!(new_findings(&diags, &after).is_empty());
    // The server's text is the client's: a full re-open agrees.
    let again = c.open("file:///tmp/nianbao-lsp/002-fixed.md", "markdown", &fixed);
    assert_eq!(findings(&again), findings(&after));
}

/// Every quick fix offered on the real reports and on drafts with each kind
/// of defect, applied and re-linted, introduces no new finding.
#[test]
fn every_quick_fix_applies_cleanly() {
    let (mut c, _) = Client::start(Some(&["utf-16"]), Value::Null);
    let base = draft(Style::Tab);
    let pipe = draft(Style::Pipe);
    let mut docs: Vec<(String, String)> = FIXTURES
        .iter()
        .map(|n| (fixture_uri(n), fixture(n)))
        .collect();
    // missing-row (tabs and pipes)
    let cut = |t: &str, needle: &str| -> String {
        t.lines()
            .filter(|l| !l.contains(needle))
            .map(|l| format!("{l}\n"))
            .collect()
    };
    docs.push(("file:///d/missing-row.md".into(), cut(&base, "2.重复申请")));
    docs.push((
        "file:///d/missing-row-pipe.md".into(),
        cut(&pipe, "3.补正后申请内容仍不明确"),
    ));
    // placeholder-date with a known year
    docs.push((
        "file:///d/placeholder.md".into(),
        base.replace(
            "统计期限为2022年1月1日至2022年12月31日",
            "统计期限为20XX年1月1日至20XX年12月31日",
        ),
    ));
    // missing-table: table 四 removed
    let t4 = nianbao::template::table4_text(Style::Tab, "\n");
    assert!(base.contains(&t4));
    docs.push((
        "file:///d/missing-table.md".into(),
        base.replace(&t4, "本年度无行政复议、行政诉讼。"),
    ));
    // missing-section: 六 removed (from a 2020 report: the 2021 format wants
    // more than the template's “无。” there), and 五 removed (heading before 六)
    let old = skeleton(&SkeletonOptions {
        year: 2020,
        unit: "某市某局",
        government: false,
        style: Style::Tab,
    });
    let six = old.find("## 六、").unwrap();
    docs.push(("file:///d/missing-six.md".into(), old[..six].to_string()));
    docs.push((
        "file:///d/missing-five.md".into(),
        base.replace("## 五、存在的主要问题及改进情况\n", ""),
    ));
    // empty-cell in two rows of table 三 (whole-table fill) and label variants
    docs.push((
        "file:///d/blanks.md".into(),
        base.replace(
            "2.重复申请\t0\t0\t0\t0\t0\t0\t0",
            "2.重复申请\t\t\t\t\t\t\t",
        )
        .replace("3.要求提供公开出版物\t0\t0", "3.要求提供公开出版物\t\t0")
        .replace("属于四类过程性信息", "属于四类过程信息"),
    ));

    let mut covered: BTreeSet<String> = BTreeSet::new();
    let mut whole_table = false;
    let mut n = 0;
    for (uri, text) in &docs {
        let before = c.open(uri, "markdown", text);
        for d in before.iter().filter(|d| !d["data"]["fix"].is_null()) {
            let actions = code_actions(
                &mut c,
                uri,
                d["range"].clone(),
                vec![d.clone()],
                Some(&["quickfix"]),
            );
            assert!(!actions.is_empty(), "{uri}: no action for {d}");
            let mine: Vec<&Value> = actions
                .iter()
                .filter(|a| a["diagnostics"].as_array().is_some_and(|x| x.contains(d)))
                .collect();
            assert!(!mine.is_empty(), "{uri}: no action names {d}");
            for a in mine {
                let safe = d["data"]["fix"] == "safe";
                let title = a["title"].as_str().unwrap();
                assert_eq!(a["isPreferred"] == true, safe, "{title}");
                if !safe {
                    assert!(title.contains("（需核对）"), "{title}");
                }
                let fixed = apply_text_edits(text, &action_edits(a, uri), false);
                assert_ne!(&fixed, text, "{title} changes nothing");
                n += 1;
                let probe = format!("file:///tmp/nianbao-lsp/fix-{n}.md");
                let after = c.open(&probe, "markdown", &fixed);
                c.notify(
                    "textDocument/didClose",
                    json!({"textDocument": {"uri": probe}}),
                );
                let new = new_findings(&before, &after);
                assert!(new.is_empty(), "{uri}: “{title}” introduced {new:?}");
                assert!(after.len() < before.len(), "{uri}: “{title}” fixed nothing");
                covered.insert(rule(d).to_string());
                whole_table |= a["diagnostics"].as_array().map(Vec::len).unwrap_or(0) > 1;
            }
        }
    }
    for r in [
        "table-sum",
        "empty-cell",
        "missing-row",
        "missing-section",
        "missing-table",
        "label-variant",
        "placeholder-date",
    ] {
        assert!(covered.contains(r), "no fix of {r} exercised: {covered:?}");
    }
    assert!(whole_table, "the whole-table fill was offered");
}

#[test]
fn one_fix_fills_the_blank_columns_and_rows_of_a_table() {
    let mut c = start();
    let name = "000_6ca4560e20b73f61.txt";
    let uri = fixture_uri(name);
    let text = fixture(name);
    let before = c.open(&uri, "markdown", &text);
    // Table 三's five blank columns and 20 blank rows are one finding.
    let blanks: Vec<&Value> = before.iter().filter(|d| rule(d) == "empty-cell").collect();
    assert_eq!(blanks.len(), 1, "{blanks:?}");
    let d = blanks[0].clone();
    let actions = code_actions(&mut c, &uri, d["range"].clone(), vec![d], None);
    let fill = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("个空单元格填为 0"))
        .expect("fill action");
    let fixed = apply_text_edits(&text, &action_edits(fill, &uri), false);
    c.change_full(&uri, 2, &fixed);
    let after = c.diagnostics(&uri, 2);
    assert!(!rules_of(&after).contains(&"empty-cell"), "{after:?}");
    assert!(new_findings(&before, &after).is_empty());
}

#[test]
fn fix_all_applies_every_safe_fix() {
    let mut c = start();
    for name in ["002_bf80b47987e57cd0.txt", "004_4ecd57e04841b2f1.txt"] {
        let uri = fixture_uri(name);
        let text = fixture(name);
        let before = c.open(&uri, "markdown", &text);
        let safe = before.iter().filter(|d| d["data"]["fix"] == "safe").count();
        assert!(safe >= 2, "{name}");
        let range = range_of(&text, 0, 0, false);
        let actions = code_actions(&mut c, &uri, range, vec![], Some(&["source.fixAll"]));
        assert_eq!(actions.len(), 1, "{actions:?}");
        let a = &actions[0];
        assert_eq!(a["kind"], "source.fixAll.nianbao");
        let edits = action_edits(a, &uri);
        assert_eq!(edits.len(), 1);
        let fixed = apply_text_edits(&text, &edits, false);
        c.change_full(&uri, 2, &fixed);
        let after = c.diagnostics(&uri, 2);
        assert!(
            after.iter().all(|d| d["data"]["fix"] != "safe"),
            "{name}: safe fixes left {after:?}"
        );
        assert!(new_findings(&before, &after).is_empty(), "{name}");
        assert_eq!(after.len(), before.len() - safe, "{name}");
        // Nothing left to do: no fix-all offered any more.
        let actions = code_actions(
            &mut c,
            &uri,
            range_of(&fixed, 0, 0, false),
            vec![],
            Some(&["source.fixAll.nianbao"]),
        );
        assert!(actions.is_empty(), "{actions:?}");
    }
}

#[test]
fn completion_in_table_three_offers_the_missing_row() {
    let mut c = start();
    let uri = "file:///d/completion.md";
    let base = draft(Style::Tab);
    let row = "2.重复申请\t0\t0\t0\t0\t0\t0\t0";
    let text = base.replace(row, "");
    let diags = c.open(uri, "markdown", &text);
    assert!(rules_of(&diags).contains(&"missing-row"), "{diags:?}");
    let at = text.find("1.信访举报投诉类申请").unwrap();
    let line_start = at + text[at..].find('\n').unwrap() + 1;
    let pos = position_of(&text, line_start, false);
    let res = c.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    let items = res.as_array().expect("items");
    let item = items
        .iter()
        .find(|i| i["label"] == "2.重复申请")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert_eq!(item["preselect"], true);
    assert_eq!(item["textEdit"]["newText"], row);
    assert!(
        items
            .iter()
            .all(|i| !i["label"].as_str().unwrap().starts_with("插入"))
    );
    let fixed = apply_text_edits(&text, &[item["textEdit"].clone()], false);
    assert_eq!(fixed, base);
    c.change_full(uri, 2, &fixed);
    assert!(!rules_of(&c.diagnostics(uri, 2)).contains(&"missing-row"));

    // Inside a cell: nothing.
    let cell = fixed.find("（七）总计\t0").unwrap() + "（七）总计\t".len();
    let res = c.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": position_of(&fixed, cell, false)}),
    );
    assert!(
        res.is_null() || res.as_array().is_some_and(Vec::is_empty),
        "{res}"
    );
}

#[test]
fn completion_of_section_headings_and_tables() {
    let mut c = start();
    let uri = "file:///d/sections.md";
    let base = draft(Style::Pipe);
    let six = base.find("## 六、").unwrap();
    let text = format!("{}## 六、", &base[..six]);
    c.open(uri, "markdown", &text);
    let pos = position_of(&text, text.len(), false);
    let res = c.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    let items = res.as_array().expect("items");
    let six_item = items
        .iter()
        .find(|i| i["label"] == "六、其他需要报告的事项")
        .unwrap_or_else(|| panic!("{items:?}"));
    assert_eq!(six_item["preselect"], true);
    let done = apply_text_edits(&text, &[six_item["textEdit"].clone()], false);
    assert!(done.ends_with("## 六、其他需要报告的事项"), "{done}");

    // At the start of a line outside tables: whole tables in the document's
    // style (pipes here).
    let para = base.find("## 五、").unwrap();
    let pos = position_of(&base, para, false);
    c.change_full(uri, 2, &base);
    c.diagnostics(uri, 2);
    let res = c.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": pos}),
    );
    let items = res.as_array().expect("items");
    let t3 = items
        .iter()
        .find(|i| i["label"] == "插入表三（2021格式）")
        .unwrap_or_else(|| panic!("{items:?}"));
    let expected =
        nianbao::template::table3_text(nianbao::schema::Version::V2021, Style::Pipe, "\n");
    assert_eq!(t3["textEdit"]["newText"], expected);
    assert!(items.iter().any(|i| i["label"] == "插入表四"));
}

#[test]
fn hover_on_a_total_shows_the_computation() {
    let mut c = start();
    let name = "002_bf80b47987e57cd0.txt";
    let uri = fixture_uri(name);
    let text = fixture(name);
    c.open(&uri, "markdown", &text);
    // Row 一: 1 | 0 | 0 | 0 | 0 | 0 | 1 — its 总计 holds.
    let row = text.find("一、本年新收政府信息公开申请数量 | 1").unwrap();
    let line_end = row + text[row..].find('\n').unwrap();
    let total = row + text[row..line_end].rfind("| 1").unwrap() + 2;
    let h = hover_text(&mut c, &uri, position_of(&text, total, false));
    assert!(h.contains("总计 = 1 + 0 + 0 + 0 + 0 + 0 = 1` ✓"), "{h}");
    // (七)总计: 0 … 0 | 1 — the row total fails, the value shown.
    let row = text.find("(七)总计 |").unwrap();
    let line_end = row + text[row..].find('\n').unwrap();
    let total = row + text[row..line_end].rfind("| 1").unwrap() + 2;
    let h = hover_text(&mut c, &uri, position_of(&text, total, false));
    assert!(
        h.contains("总计 = 0 + 0 + 0 + 0 + 0 + 0 = 0` ✗（当前为 1）"),
        "{h}"
    );
    // Its 自然人 cell is the total of the column: 1 = (一)予以公开.
    let natural = row + "(七)总计 | ".len();
    let h = hover_text(&mut c, &uri, position_of(&text, natural, false));
    assert!(h.contains("“（七）总计”行“自然人”列"), "{h}");
    assert!(h.contains("（七）总计 = 1 + 0"), "{h}");
    assert!(h.contains("✗（当前为 0）"), "{h}");
    // A row label: official wording and meaning.
    let h = hover_text(&mut c, &uri, position_of(&text, row + 1, false));
    assert!(h.contains("**（七）总计**"), "{h}");
    // A column header.
    let head = text.find("自然人 |").unwrap();
    let h = hover_text(&mut c, &uri, position_of(&text, head + 3, false));
    assert!(h.contains("申请人为公民个人"), "{h}");
}

#[test]
fn inlay_hints_name_columns_and_show_computed_totals() {
    let mut c = start();
    let name = "002_bf80b47987e57cd0.txt";
    let uri = fixture_uri(name);
    let text = fixture(name);
    c.open(&uri, "markdown", &text);
    let all = range_of(&text, 0, text.len(), false);
    let hints = c.call(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": &uri}, "range": all}),
    );
    let hints = hints.as_array().expect("hints").clone();
    let row = text.find("(七)总计 |").unwrap();
    let natural = row + "(七)总计 | ".len();
    let label_at = |off: usize| -> Vec<String> {
        let p = position_of(&text, off, false);
        hints
            .iter()
            .filter(|h| h["position"] == p)
            .map(|h| h["label"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert!(
        label_at(natural).contains(&"自然人:".to_string()),
        "{:?}",
        label_at(natural)
    );
    // After the 自然人 cell of (七)总计: the column wants 1.
    assert!(
        label_at(natural + 1).contains(&"= 1".to_string()),
        "{:?}",
        label_at(natural + 1)
    );
    // After the row's 总计 (1): the row wants 0.
    let line_end = row + text[row..].find('\n').unwrap();
    let total_end = row + text[row..line_end].rfind("| 1").unwrap() + 3;
    assert!(label_at(total_end).contains(&"= 0".to_string()));
    // Table 四 and table 二 columns too.
    assert!(hints.iter().any(|h| h["label"] == "行政复议·结果维持:"));
    assert!(hints.iter().any(|h| h["label"] == "本年新制作数量:"));

    // The range is honoured.
    let line = text[..row].matches('\n').count() as u64;
    let only =
        json!({"start": {"line": line, "character": 0}, "end": {"line": line, "character": 200}});
    let part = c.call(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": &uri}, "range": only}),
    );
    let part = part.as_array().expect("hints");
    assert!(
        part.len() >= 9 && part.len() < hints.len(),
        "{}",
        part.len()
    );
    assert!(part.iter().all(|h| h["position"]["line"] == line));

    // Each kind can be switched off.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"inlayHints": {"columnNames": false}}}}),
    );
    let hints = c.call(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": &uri}, "range": all}),
    );
    let hints = hints.as_array().expect("hints");
    assert!(!hints.is_empty());
    assert!(
        hints
            .iter()
            .all(|h| h["label"].as_str().unwrap().starts_with("= ")),
        "{hints:?}"
    );
}

#[test]
fn document_symbols_and_folding_ranges() {
    let mut c = start();
    let uri = "file:///d/outline.md";
    let text = draft(Style::Tab);
    c.open(uri, "markdown", &text);
    let syms = c.call(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let syms = syms.as_array().expect("symbols");
    let names: Vec<&str> = syms.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 6, "{names:?}");
    assert!(names[0].starts_with("一、总体情况"));
    assert!(names[5].starts_with("六、其他需要报告的事项"));
    for (i, table) in [(1, "表二"), (2, "表三"), (3, "表四")] {
        let children = syms[i]["children"].as_array().expect("children");
        assert!(
            children
                .iter()
                .any(|k| k["name"].as_str().unwrap().starts_with(table)),
            "{i} {children:?}"
        );
    }
    assert_eq!(
        syms[0]["children"].as_array().map(Vec::len),
        Some(5),
        "the five items of 一"
    );
    // Sections run to the next section.
    for w in syms.windows(2) {
        assert!(w[0]["range"]["end"]["line"].as_u64() < w[1]["range"]["start"]["line"].as_u64());
    }
    let folds = c.call(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": uri}}),
    );
    let folds = folds.as_array().expect("folds");
    let t3_line = text[..text.find("（本列数据的勾稽关系").unwrap()]
        .matches('\n')
        .count() as u64;
    assert!(
        folds.iter().any(|f| f["startLine"] == t3_line),
        "table 三 folds"
    );
    assert!(folds.len() >= 6 + 3);
}

#[test]
fn non_bmp_characters_and_crlf_give_exact_columns() {
    for crlf in [false, true] {
        let nl = if crlf { "\r\n" } else { "\n" };
        let text = [
            "某局2022年政府信息公开工作年度报告",
            "统计期限为2022年1月1日至2022年12月31日。",
            "落款😀𠀀20XX年X月X日 其后",
        ]
        .join(nl)
            + nl;
        let start = text.find("20XX").unwrap();
        let mut ranges = Vec::new();
        for (offer, utf8) in [(&["utf-16"][..], false), (&["utf-8", "utf-16"][..], true)] {
            let (mut c, _) = Client::start(Some(offer), Value::Null);
            assert_eq!(c.utf8, utf8);
            let diags = c.open("file:///d/emoji.md", "markdown", &text);
            let d = diags
                .iter()
                .find(|d| rule(d) == "placeholder-date")
                .unwrap_or_else(|| panic!("{diags:?}"));
            let col = d["range"]["start"]["character"].as_u64().unwrap();
            assert_eq!(d["range"]["start"]["line"], 2);
            assert_eq!(col, if utf8 { 14 } else { 6 }, "crlf={crlf}");
            let a = offset_of(&text, &d["range"]["start"], utf8);
            let b = offset_of(&text, &d["range"]["end"], utf8);
            assert_eq!(a, start);
            assert!(text[a..b].starts_with("20XX年X月X日"), "{:?}", &text[a..b]);
            ranges.push((a, b));
            // An incremental edit in the same encoding lands exactly: the
            // server's findings equal those of the client's text re-opened.
            let hit = range_of(&text, start, start + 4, utf8);
            c.change(
                "file:///d/emoji.md",
                2,
                json!([{"range": hit, "text": "2O22"}]),
            );
            let after = c.diagnostics("file:///d/emoji.md", 2);
            let edited = format!("{}2O22{}", &text[..start], &text[start + 4..]);
            let fresh = c.open("file:///d/emoji-fresh.md", "markdown", &edited);
            assert_eq!(
                after,
                fresh
                    .iter()
                    .map(|d| {
                        let mut d = d.clone();
                        d["data"]["version"] = json!(2);
                        d
                    })
                    .collect::<Vec<_>>()
            );
            assert!(edited.contains("落款😀𠀀2O22年X月X日"));
        }
        assert_eq!(ranges[0], ranges[1], "both encodings name the same bytes");
    }
}

#[test]
fn only_reports_globs_and_the_nianbao_language_are_linted() {
    let note = "# 学习笔记\n\n今天读了条例。落款 20XX年X月X日\n\n| a | b |\n| 1 | 2 |\n";
    let mut c = start();
    let uri = "file:///home/u/notes/a.md";
    assert!(c.open(uri, "markdown", note).is_empty());
    let h = c.call(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": {"line": 4, "character": 2}}),
    );
    assert!(h.is_null());
    let comp = c.call(
        "textDocument/completion",
        json!({"textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}}),
    );
    assert!(comp.is_null(), "{comp}");
    let pulled = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri}}),
    );
    assert_eq!(pulled["items"], json!([]));
    // The languageId nianbao is always linted.
    assert!(!c.open("file:///x/b.txt", "nianbao", note).is_empty());
    // So is a path matching lintGlobs (percent-encoded Chinese file name).
    let (mut c, _) = Client::start(None, json!({"lintGlobs": ["**/*年报*.md"]}));
    let hit = "file:///home/u/%E5%B9%B4%E6%8A%A5%E8%8D%89%E7%A8%BF.md";
    assert!(rules_of(&c.open(hit, "markdown", note)).contains(&"placeholder-date"));
    assert!(
        c.open("file:///home/u/other.md", "markdown", note)
            .is_empty()
    );
}

#[test]
fn pull_diagnostics_match_push() {
    let mut c = start();
    let name = "003_bd2728a2fb5b3f82.txt";
    let uri = fixture_uri(name);
    let pushed = c.open(&uri, "markdown", &fixture(name));
    let res = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": &uri}}),
    );
    assert_eq!(res["kind"], "full");
    assert_eq!(res["items"], json!(pushed));
    let id = res["resultId"].clone();
    let res = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": &uri}, "previousResultId": id}),
    );
    assert_eq!(res["kind"], "unchanged");
    let unknown = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": "file:///nope.md"}}),
    );
    assert_eq!(unknown["items"], json!([]));
}

#[test]
fn configuration_changes_relint_open_documents() {
    let (mut c, _) = Client::start(None, json!({"rules": {"label-variant": "error"}}));
    let name = "002_bf80b47987e57cd0.txt";
    let uri = fixture_uri(name);
    let diags = c.open(&uri, "markdown", &fixture(name));
    let lv = diags
        .iter()
        .find(|d| rule(d) == "label-variant")
        .expect("label-variant");
    assert_eq!(lv["severity"], 1, "initializationOptions apply");
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"rules": {"table-sum": "off", "label-variant": "warning"}, "lang": "en"}}}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert!(!rules_of(&diags).contains(&"table-sum"), "{diags:?}");
    let lv = diags
        .iter()
        .find(|d| rule(d) == "label-variant")
        .expect("label-variant");
    assert_eq!(lv["severity"], 2);
    assert!(
        lv["message"].as_str().unwrap().contains("official wording"),
        "{lv}"
    );
    // The object itself (no "nianbao" key) works too; formatVersion applies.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"formatVersion": "2019"}}),
    );
    let diags = c.diagnostics(&uri, 1);
    assert!(rules_of(&diags).contains(&"table-sum"));
    assert!(
        diags
            .iter()
            .all(|d| !d["message"].as_str().unwrap().contains("official wording"))
    );
}

#[test]
fn garbage_never_kills_the_server() {
    let mut c = start();
    let name = "002_bf80b47987e57cd0.txt";
    let uri = fixture_uri(name);
    let text = fixture(name);
    c.open(&uri, "markdown", &text);
    let far = json!({"line": 99999, "character": 99999});
    for method in ["textDocument/hover", "textDocument/completion"] {
        let res = c.request(
            method,
            json!({"textDocument": {"uri": &uri}, "position": far}),
        );
        assert!(res.get("error").is_none(), "{method}: {res}");
    }
    let res = c.request(
        "textDocument/inlayHint",
        json!({"textDocument": {"uri": &uri}, "range": {"start": far, "end": {"line": 0, "character": 0}}}),
    );
    assert!(res.get("error").is_none(), "{res}");
    let res = c.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": &uri}, "range": {"start": far, "end": far}, "context": {"diagnostics": []}}),
    );
    assert!(res.get("error").is_none(), "{res}");
    // Requests about unknown documents.
    let res = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///unknown.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert!(
        res.get("error").is_none() && res["result"].is_null(),
        "{res}"
    );
    // didChange for an unknown document: logged and ignored.
    c.change("file:///unknown.md", 7, json!([{"text": "x"}]));
    // Malformed params: an error response, not a crash.
    let res = c.request("textDocument/hover", json!({"foo": 1}));
    assert_eq!(res["error"]["code"], -32602, "{res}");
    let res = c.request("textDocument/codeAction", json!([1, 2, 3]));
    assert!(res.get("error").is_some(), "{res}");
    c.notify("textDocument/didChange", json!({"textDocument": 5}));
    // Not JSON at all, not JSON-RPC, junk headers: errors, and the session
    // goes on.
    c.send_raw(b"{this is not json");
    let err = c.wait_for("parse error", |m| m["error"]["code"] == -32700);
    assert!(err["id"].is_null());
    c.send(&json!({"jsonrpc": "2.0", "id": 77, "method": 5}));
    let err = c.wait_for("invalid request", |m| m["error"]["code"] == -32600);
    assert_eq!(err["id"], 77);
    c.write_unframed(b"not a header\r\n\r\n");
    c.send(&json!({"jsonrpc": "1.0", "method": "x"}));
    // Out-of-range edit ranges clamp.
    c.change(
        &uri,
        2,
        json!([{"range": {"start": {"line": 5000, "character": 3}, "end": {"line": 4000, "character": 1}}, "text": "\n末尾"}]),
    );
    let after = c.diagnostics(&uri, 2);
    assert!(!after.is_empty());
    for _ in 0..200 {
        if c.stderr().contains("not open") {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(c.stderr().contains("not open"), "{}", c.stderr());
    // Still alive and correct.
    let again = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": &uri}}),
    );
    assert_eq!(again["items"].as_array().map(Vec::len), Some(after.len()));
    assert!(c.shutdown_and_exit().success());
}

#[test]
fn a_megabyte_document_is_linted() {
    let mut c = start();
    let mut text = fixture("002_bf80b47987e57cd0.txt");
    let para = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开工作。\n";
    while text.len() < 1 << 20 {
        text.push_str(para);
    }
    let uri = "file:///d/big.md";
    let diags = c.open(uri, "markdown", &text);
    assert!(rules_of(&diags).contains(&"table-sum"));
    let end = position_of(&text, text.len(), false);
    c.change(
        uri,
        2,
        json!([{"range": {"start": end, "end": end}, "text": "落款 20XX年X月X日\n"}]),
    );
    let after = c.diagnostics(uri, 2);
    assert!(rules_of(&after).contains(&"placeholder-date"));
    let res = c.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": end}),
    );
    assert!(res.get("error").is_none());
}

/// Typing reads again only what the keystroke changed: the server counts
/// (`nianbao/stats`) every analysis after an edit that parsed the whole text
/// anyway or ran every rule on every line, and the edits an editor sends
/// most — a digit appended at the end of the first table row, a hundred
/// times; the first edit after opening; a tab that changes a row's cell
/// count; a digit in each table's last row — do neither. Each is
/// published, so each is analyzed. A digit that only changes a number is
/// not even a table read: the table is taken with the number's new value.
#[test]
fn typing_in_tables_never_reads_or_lints_the_whole_text() {
    let mut c = start();
    let text = fixture("000_6ca4560e20b73f61.txt");
    let uri = "file:///d/typing.md";
    c.open(uri, "markdown", &text);
    let mut text = text;
    let mut version = 1;
    let mut type_at = |c: &mut Client, text: &mut String, at: usize, typed: &str| {
        version += 1;
        let range = range_of(text, at, at, false);
        text.insert_str(at, typed);
        c.change(uri, version, json!([{"range": range, "text": typed}]));
        c.diagnostics(uri, version)
    };
    let end_of = |text: &str, row: &str| text.find(row).expect("row") + row.len();
    // The first edit after opening, then 99 more digits at the row's end.
    let first_row = end_of(&text, "规章\t0\t0\t0");
    for k in 0..100 {
        let digit = ((k % 9) + 1).to_string();
        type_at(&mut c, &mut text, first_row + k, &digit);
    }
    // A cell more in table 三's first row, a digit in every table's last row.
    let at = end_of(&text, "一、本年新收政府信息公开申请数量\t4\t\t\t\t\t\t4");
    type_at(&mut c, &mut text, at, "\t");
    type_at(&mut c, &mut text, at + 1, "5");
    let table4 = format!("4{}", "\t0".repeat(14));
    for row in ["政府集中采购\t0\t0", "四、结转下年度继续办理", &table4] {
        let at = end_of(&text, row);
        type_at(&mut c, &mut text, at, "1");
    }
    let stats = c.call("nianbao/stats", Value::Null);
    assert_eq!(
        stats,
        json!({
            "analyses": 106,
            "afterEdit": 105,
            "fullReads": 0,
            "fullLints": 0,
            // Three on opening, then the edited table only: read again
            // where a row got a cell more, a blank cell a number, a label a
            // character; patched where a number's digits changed.
            "tablesRead": 3 + 3,
            "tablesPatched": 102,
        })
    );
}

#[test]
fn a_flood_of_edits_publishes_the_last_version_last() {
    let mut c = start();
    let name = "002_bf80b47987e57cd0.txt";
    let uri = fixture_uri(name);
    let text = fixture(name);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": &uri, "languageId": "markdown", "version": 1, "text": &text}}),
    );
    let row = text.find("(七)总计 | ").unwrap() + "(七)总计 | ".len();
    let cell = range_of(&text, row, row + 1, false);
    // Version v writes 1 when v is odd: the last (201) fixes the table.
    for v in 2..=201i64 {
        let value = if v % 2 == 1 { "1" } else { "0" };
        c.change(&uri, v, json!([{"range": cell, "text": value}]));
    }
    // Every publication, in arrival order, up to the last version.
    let mut versions = Vec::new();
    let last = loop {
        let m = c
            .try_wait_for(lsp_client::TIMEOUT, &|m| {
                m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
            })
            .expect("publication");
        let v = m["params"]["version"].as_i64().expect("version");
        versions.push(v);
        if v == 201 {
            break m;
        }
    };
    let mut sorted = versions.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(versions, sorted, "published out of order or twice");
    let diags = last["params"]["diagnostics"].as_array().unwrap();
    assert!(!rules_of(diags).contains(&"table-sum"), "{diags:?}");
    // Nothing is published after it.
    let rest = c.drain(Duration::from_millis(500));
    let later: Vec<&Value> = rest
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        .collect();
    assert!(
        later.is_empty(),
        "published after the last version: {later:?}"
    );
    // And the server's text is right: version 200 wrote 0, 201 wrote 1.
    let pulled = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": &uri}}),
    );
    assert_eq!(&pulled["items"], &last["params"]["diagnostics"]);
}

#[test]
fn shutdown_then_exit_exits_with_0() {
    let mut c = start();
    c.open("file:///d/a.md", "markdown", &draft(Style::Tab));
    let status = c.shutdown_and_exit();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut c = start();
    c.notify("exit", Value::Null);
    let status = c.wait_exit(Duration::from_secs(10)).expect("exits");
    assert_eq!(status.code(), Some(1));
}

#[test]
fn closing_stdin_exits() {
    let mut c = start();
    c.open("file:///d/a.md", "markdown", &draft(Style::Tab));
    c.close_stdin();
    assert!(
        c.wait_exit(Duration::from_secs(10)).is_some(),
        "server exits at end of input"
    );
    // Even before initialize.
    let mut c = Client::spawn();
    c.close_stdin();
    assert!(c.wait_exit(Duration::from_secs(10)).is_some());
}

#[test]
fn the_project_nianbao_toml_applies_under_editor_settings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("年报").join("2020");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(
        dir.path().join("nianbao.toml"),
        "[rules]\ntable-sum = \"off\"\nlabel-variant = \"error\"\n",
    )
    .unwrap();
    let file = sub.join("draft.md");
    let uri = format!(
        "file://{}",
        file.to_str().unwrap().replace("年报", "%E5%B9%B4%E6%8A%A5")
    );
    let mut c = start();
    let text = fixture("002_bf80b47987e57cd0.txt");
    let diags = c.open(&uri, "markdown", &text);
    assert!(!rules_of(&diags).contains(&"table-sum"), "{diags:?}");
    let lv = diags
        .iter()
        .find(|d| rule(d) == "label-variant")
        .expect("label-variant");
    assert_eq!(lv["severity"], 1);
    // Editor settings win over the file.
    c.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"nianbao": {"rules": {"table-sum": "warning"}}}}),
    );
    let diags = c.diagnostics(&uri, 1);
    let ts = diags
        .iter()
        .find(|d| rule(d) == "table-sum")
        .expect("table-sum");
    assert_eq!(ts["severity"], 2);
    // A broken file is reported and ignored.
    std::fs::write(dir.path().join("nianbao.toml"), "[rules\n").unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}/nianbao.toml", dir.path().display()), "type": 2}]}),
    );
    let diags = c.diagnostics(&uri, 1);
    let lv = diags
        .iter()
        .find(|d| rule(d) == "label-variant")
        .expect("label-variant");
    assert_eq!(lv["severity"], 4, "default severity again");
    for _ in 0..200 {
        if c.stderr().contains("nianbao.toml") {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(c.stderr().contains("nianbao.toml"), "{}", c.stderr());
}

/// A client that pulls diagnostics gets them by pull only, never pushed as
/// well: editors keep pushed and pulled findings apart and would show each
/// twice.
#[test]
fn pull_clients_are_not_pushed_to() {
    let (mut c, res) = Client::start_with(None, Value::Null, true);
    assert_eq!(
        res["result"]["capabilities"]["diagnosticProvider"]["identifier"],
        "nianbao"
    );
    let name = "002_bf80b47987e57cd0.txt";
    let uri = fixture_uri(name);
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": &uri, "languageId": "markdown", "version": 1, "text": fixture(name)}}),
    );
    let pulled = c.call(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": &uri}}),
    );
    assert!(
        pulled["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "table-sum")
    );
    let later = c.drain(std::time::Duration::from_millis(500));
    assert!(
        later
            .iter()
            .all(|m| m["method"] != "textDocument/publishDiagnostics"),
        "{later:?}"
    );
}

/// Last year's report beside the document on disk is compared with it.
#[test]
fn carry_over_uses_last_years_report_in_the_folder() {
    let dir = std::env::temp_dir().join(format!("nianbao-lsp-carry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let report = |year: i32| {
        skeleton(&SkeletonOptions {
            year,
            unit: "某某区某某局",
            government: false,
            style: Style::Tab,
        })
    };
    let last = report(2020).replace(
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
        "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2",
    );
    std::fs::write(dir.join("report-2020.md"), last).unwrap();
    let this = dir.join("report-2021.md");
    let text = report(2021);
    std::fs::write(&this, &text).unwrap();
    let mut c = start();
    let diags = c.open(&format!("file://{}", this.display()), "markdown", &text);
    let carry: Vec<&Value> = diags.iter().filter(|d| rule(d) == "carry-over").collect();
    assert_eq!(carry.len(), 2, "{diags:?}");
    assert!(
        carry[0]["message"]
            .as_str()
            .unwrap()
            .contains("report-2020.md")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// Copied text in the editor: last year's report of the unit beside the
/// document (tests/fixtures/crossyear/) gives `repeated-text` on the
/// section 五 the 2024 draft reuses, its passages pointing into last
/// year's file.
#[test]
fn repeated_text_uses_last_years_report_in_the_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixtures =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crossyear");
    let (last, this) = (
        "青石县教育局2023年政府信息公开工作年度报告.txt",
        "青石县教育局2024年政府信息公开工作年度报告.txt",
    );
    // ASCII names: the unit and year come from the titles.
    std::fs::copy(fixtures.join(last), dir.path().join("edu-2023.txt")).unwrap();
    let text = std::fs::read_to_string(fixtures.join(this)).unwrap();
    let path = dir.path().join("edu-2024.txt");
    std::fs::write(&path, &text).unwrap();
    let last_uri = format!("file://{}", dir.path().join("edu-2023.txt").display());
    let mut c = start();
    let diags = c.open(&format!("file://{}", path.display()), "plaintext", &text);
    let copied: Vec<String> = diags
        .iter()
        .filter(|d| rule(d) == "repeated-text")
        .map(|d| {
            let into_last = d["relatedInformation"].as_array().map_or(0, |r| {
                r.iter()
                    .filter(|r| r["location"]["uri"] == last_uri.as_str())
                    .count()
            });
            format!(
                "{}:{} {} ({into_last} in last year's file)",
                d["severity"],
                d["range"]["start"]["line"],
                d["message"].as_str().unwrap()
            )
        })
        .collect();
    expect_test::expect![[r#"
        3:0 与上年年报（edu-2023.txt）相同的文字占全文的 35%；各部分：一 0%，五 69% (0 in last year's file)
        2:84 “五、存在的主要问题及改进情况”有 69% 的文字与上年年报（edu-2023.txt）相同（10 句中 6 句），请按本年实际情况重写 (2 in last year's file)"#]].assert_eq(&copied.join("\n"));
}

/// Last year's report is read when the document is opened and then only
/// when the client says it changed (watched files, registered by the server
/// when the client can, or a save): typing uses the copy read on open.
#[test]
fn last_years_report_is_refreshed_from_file_events_not_from_typing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let report = |year: i32, carried: u32| {
        skeleton(&SkeletonOptions {
            year,
            unit: "某某区某某局",
            government: false,
            style: Style::Tab,
        })
        .replace(
            "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
            &format!("四、结转下年度继续办理\t{carried}\t0\t0\t0\t0\t0\t{carried}"),
        )
    };
    let last = dir.path().join("report-2020.md");
    std::fs::write(&last, report(2020, 2)).unwrap();
    let this = dir.path().join("report-2021.md");
    let text = report(2021, 0);
    std::fs::write(&this, &text).unwrap();
    let (mut c, _) = Client::start_custom(None, Value::Null, false, |caps| {
        caps["workspace"] = json!({"didChangeWatchedFiles": {"dynamicRegistration": true}});
    });
    let reg = c.wait_for("registerCapability", |m| {
        m["method"] == "client/registerCapability"
    });
    let watchers = &reg["params"]["registrations"][0]["registerOptions"]["watchers"];
    let globs: Vec<&str> = watchers
        .as_array()
        .expect("watchers")
        .iter()
        .filter_map(|w| w["globPattern"].as_str())
        .collect();
    // Every kind of file a folder can hold a report in.
    let reports = globs
        .iter()
        .find(|g| g.starts_with("**/*.{"))
        .expect("a glob of report files");
    for ext in nianbao::front::Kind::extensions() {
        assert!(
            reports.contains(&format!("{ext},")) || reports.contains(&format!("{ext}}}")),
            "{ext}: {reports}"
        );
    }
    assert!(globs.contains(&"**/nianbao.toml"), "{globs:?}");

    let uri = format!("file://{}", this.display());
    let carried = |d: &[Value]| d.iter().filter(|d| rule(d) == "carry-over").count();
    assert_eq!(carried(&c.open(&uri, "markdown", &text)), 2);
    // Corrected on disk, but nobody said so: typing keeps the copy read on
    // open (the server does not look at the disk while typing).
    std::fs::write(&last, report(2020, 0)).unwrap();
    let at = text.find("一、本年新收政府信息公开申请数量\t").unwrap()
        + "一、本年新收政府信息公开申请数量\t".len();
    c.change(
        &uri,
        2,
        json!([{"range": range_of(&text, at, at + 1, false), "text": "0"}]),
    );
    assert_eq!(carried(&c.diagnostics(&uri, 2)), 2);
    // The watcher reports the change: the document is checked again.
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", last.display()), "type": 2}]}),
    );
    assert_eq!(carried(&c.diagnostics(&uri, 2)), 0);
    // A save (clients without watchers) does the same.
    std::fs::write(&last, report(2020, 5)).unwrap();
    c.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": format!("file://{}", last.display())}}),
    );
    assert_eq!(carried(&c.diagnostics(&uri, 2)), 2);
    // Deleted.
    std::fs::remove_file(&last).unwrap();
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": format!("file://{}", last.display()), "type": 3}]}),
    );
    assert_eq!(carried(&c.diagnostics(&uri, 2)), 0);
}
