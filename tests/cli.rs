//! End-to-end tests of the `nianbao` binary: output formats, exit codes,
//! --fix, encodings, stdin, config files, skeletons.

use std::path::Path;

mod support;
use std::process::{Command, Output, Stdio};
use support::fixture_path as fixture;

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_nianbao"));
    c.env_remove("NO_COLOR");
    c
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn json_over_the_corpus_has_the_documented_shape() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let o = run(&["check", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let items = v.as_array().unwrap();
    assert!(items.len() >= 30, "{}", items.len());
    for it in items {
        for k in [
            "path",
            "rule",
            "severity",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
            "fix",
        ] {
            assert!(it.get(k).is_some(), "missing {k}: {it}");
        }
        assert!(["error", "warning", "info", "hint"].contains(&it["severity"].as_str().unwrap()));
    }
    let sum = items
        .iter()
        .find(|i| i["rule"] == "table-sum" && i["path"].as_str().unwrap().contains("002_"))
        .unwrap();
    assert_eq!(
        (sum["line"].as_u64(), sum["column"].as_u64()),
        (Some(54), Some(9))
    );
    assert_eq!(sum["fix"]["edits"][0]["text"], "1");
    assert_eq!(sum["fix"]["edits"][0]["column"], 9);
    // Deterministic order: files sorted (as paths, component by component:
    // `real/` before `real-pdf/`), findings by position; the cross-file
    // findings (tests/fixtures/crossyear/ holds two years of two units)
    // after every file's own, files sorted again.
    let cross = ["carry-over", "repeated-text", "rollup-sum"];
    let first_cross = items
        .iter()
        .position(|i| cross.contains(&i["rule"].as_str().unwrap()))
        .expect("the cross-year fixtures pair");
    for part in [&items[..first_cross], &items[first_cross..]] {
        let paths: Vec<&str> = part.iter().map(|i| i["path"].as_str().unwrap()).collect();
        let mut sorted = paths.clone();
        sorted.sort_by(|a, b| Path::new(a).cmp(Path::new(b)));
        assert_eq!(paths, sorted);
    }
    assert!(
        items[first_cross..]
            .iter()
            .all(|i| cross.contains(&i["rule"].as_str().unwrap()))
    );
}

#[test]
fn human_output_points_at_the_cell() {
    let o = bin()
        .args(["check", fixture("002").to_str().unwrap()])
        .output()
        .unwrap();
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.starts_with("54 | (七)总计"))
        .expect(&out);
    // `(七)总计 | ` is 11 display columns wide (CJK counts 2).
    assert_eq!(lines[i + 1], format!("   | {}^", " ".repeat(11)));
    assert!(out.contains("应为 1"));
    assert!(!out.contains('\x1b'), "no colour when not a TTY");
    assert!(out.contains("检查了 1 个文件，发现 3 个问题"));
    let en = run(&["check", "--lang", "en", fixture("002").to_str().unwrap()]);
    assert!(stdout(&en).contains("should be 1"));
}

#[test]
fn exit_codes() {
    let tmp = tempfile::tempdir().unwrap();
    let clean = tmp.path().join("clean.md");
    let o = run(&["new", "--year", "2022", "--unit", "某某区某某局"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o).replace("20XX年X月X日", "2023年1月20日");
    std::fs::write(&clean, text).unwrap();
    assert_eq!(
        run(&["check", clean.to_str().unwrap()]).status.code(),
        Some(0)
    );
    // A hint does not fail by default, does with --fail-on hint.
    let hinted = tmp.path().join("hint.md");
    let t = std::fs::read_to_string(&clean)
        .unwrap()
        .replacen("\t商业企业\t", "\t商业机构\t", 1);
    std::fs::write(&hinted, t).unwrap();
    assert_eq!(
        run(&["check", hinted.to_str().unwrap()]).status.code(),
        Some(0)
    );
    assert_eq!(
        run(&["check", "--fail-on", "hint", hinted.to_str().unwrap()])
            .status
            .code(),
        Some(1)
    );
    // A missing file is reported by name; the others are still checked.
    let o = run(&[
        "check",
        "--format",
        "json",
        "/nonexistent/x.md",
        fixture("002").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/x.md"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(!v.as_array().unwrap().is_empty());
    assert_eq!(
        run(&["check", "--lang", "fr", clean.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["check", "--bogus"]).status.code(), Some(2));
}

#[test]
fn fix_writes_the_cell_and_converges() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("002.txt");
    std::fs::copy(fixture("002"), &f).unwrap();
    let before = std::fs::read_to_string(&f).unwrap();
    let diff = run(&["check", "--diff", f.to_str().unwrap()]);
    assert!(
        stdout(&diff).contains("+(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||"),
        "{}",
        stdout(&diff)
    );
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        before,
        "--diff writes nothing"
    );
    let o = run(&["check", "--fix", f.to_str().unwrap()]);
    let after = std::fs::read_to_string(&f).unwrap();
    assert!(after.contains("(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||"));
    assert!(after.contains("6.属于四类过程性信息"));
    assert!(stdout(&o).contains("已应用"));
    let second = run(&["check", "--fix", "--format", "json", f.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), after, "idempotent");
    let v: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "table-sum")
    );
    // Unsafe fixes only on request: the title is inferred.
    assert!(!after.starts_with("银川市市政管理局2020年"));
    run(&["check", "--fix", "--unsafe-fixes", f.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(&f)
            .unwrap()
            .starts_with("银川市市政管理局2020年政府信息公开工作年度报告")
    );
}

#[test]
fn gb18030_crlf_and_stdin() {
    let tmp = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("002"))
        .unwrap()
        .replace('\n', "\r\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let f = tmp.path().join("gbk.txt");
    std::fs::write(&f, &bytes).unwrap();
    let o = run(&["check", "--format", "json", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let sum = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "table-sum")
        .unwrap();
    assert_eq!(
        (sum["line"].as_u64(), sum["column"].as_u64()),
        (Some(54), Some(9))
    );
    let h = run(&["check", f.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&h.stderr).contains("GB18030"));
    run(&["check", "--fix", f.to_str().unwrap()]);
    let fixed = std::fs::read(&f).unwrap();
    let (decoded, _, bad) = encoding_rs::GB18030.decode(&fixed);
    assert!(!bad);
    assert!(
        decoded.contains("(七)总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1 | ||\r\n"),
        "GB18030 and CRLF kept"
    );
    // stdin
    let mut child = bin()
        .args(["check", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(std::fs::read_to_string(fixture("002")).unwrap().as_bytes())
        .unwrap();
    let o = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|d| d["path"] == "<stdin>" && d["rule"] == "table-sum")
    );
    // Binary junk is a clear error, not a panic.
    let junk = tmp.path().join("junk.txt");
    std::fs::write(&junk, [0u8, 159, 146, 150, 0, 1]).unwrap();
    let o = run(&["check", junk.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("junk.txt"));
}

#[test]
fn rule_documentation() {
    let o = run(&["rule"]);
    let out = stdout(&o);
    let names: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    for name in [
        "table-sum",
        "row-shape",
        "missing-row",
        "empty-cell",
        "invalid-number",
        "label-variant",
        "missing-table",
        "missing-title",
        "missing-section",
        "section-order",
        "missing-subsection",
        "empty-section",
        "placeholder-date",
        "invalid-date",
        "year-mismatch",
        "narrative-mismatch",
        "narrative-sum",
        "foreign-unit",
        "stale-year",
        "template-version",
        "carry-over",
        "late-publication",
        "missing-fee-statement",
        "unused-suppression",
    ] {
        assert!(names.contains(&name), "{name}");
    }
    for name in names {
        let doc = stdout(&run(&["rule", name]));
        assert!(
            doc.contains("## 作用") && doc.contains("## 示例") && doc.contains("## 修复"),
            "{name}: {doc}"
        );
    }
    assert_eq!(run(&["rule", "no-such-rule"]).status.code(), Some(2));
    // The README's rule table, as the README test compares it.
    assert_eq!(
        stdout(&run(&["rule", "--markdown"])),
        nianbao::rules::markdown_table()
    );
}

#[test]
fn config_file_is_discovered_and_validated() {
    let tmp = tempfile::tempdir().unwrap();
    let sub = tmp.path().join("a/b");
    std::fs::create_dir_all(&sub).unwrap();
    let f = sub.join("000.txt");
    std::fs::copy(fixture("000"), &f).unwrap();
    let count = |o: &Output, rule: &str| {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == rule)
            .count()
    };
    let before = run(&["check", "--format", "json", f.to_str().unwrap()]);
    // Table 三's blank columns and rows: one finding.
    assert_eq!(count(&before, "empty-cell"), 1);
    std::fs::write(
        tmp.path().join("nianbao.toml"),
        "[rules]\nempty-cell = \"off\"\ntable-sum = \"warning\"\n",
    )
    .unwrap();
    let after = run(&["check", "--format", "json", f.to_str().unwrap()]);
    assert_eq!(count(&after, "empty-cell"), 0);
    assert_eq!(
        after.status.code(),
        Some(0),
        "table-sum is only a warning now"
    );
    std::fs::write(
        tmp.path().join("nianbao.toml"),
        "[rules]\nempty-cell = \"off\"\n\ntable-summ = \"off\"\n",
    )
    .unwrap();
    let bad = run(&["check", f.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("nianbao.toml:4:1") && err.contains("table-summ"),
        "{err}"
    );
    // --config overrides discovery; init writes a default that parses.
    let good = tmp.path().join("other.toml");
    std::fs::write(&good, nianbao::config::DEFAULT).unwrap();
    assert_eq!(
        run(&[
            "check",
            "--config",
            good.to_str().unwrap(),
            "--format",
            "json",
            f.to_str().unwrap()
        ])
        .status
        .code(),
        Some(1)
    );
    let o = bin().arg("init").current_dir(&sub).output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(
        nianbao::config::parse(&std::fs::read_to_string(sub.join("nianbao.toml")).unwrap()).is_ok()
    );
    assert_eq!(
        bin()
            .arg("init")
            .current_dir(&sub)
            .output()
            .unwrap()
            .status
            .code(),
        Some(2),
        "no overwrite"
    );
}

#[test]
fn sarif_and_github_formats() {
    let o = run(&[
        "check",
        "--format",
        "sarif",
        fixture("002").to_str().unwrap(),
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["version"], "2.1.0");
    let results = v["runs"][0]["results"].as_array().unwrap();
    let sum = results.iter().find(|r| r["ruleId"] == "table-sum").unwrap();
    assert_eq!(
        sum["locations"][0]["physicalLocation"]["region"]["startLine"],
        54
    );
    assert_eq!(sum["level"], "error");
    let g = stdout(&run(&[
        "check",
        "--format",
        "github",
        fixture("002").to_str().unwrap(),
    ]));
    assert!(
        g.lines().any(|l| l.starts_with("::error file=")
            && l.contains("line=54,col=9")
            && l.contains("应为 1")),
        "{g}"
    );
}

#[test]
fn skeletons_for_2020_and_2024() {
    for (year, style, marker) in [
        ("2020", "tsv", "本年新制作数量"),
        ("2024", "pipe", "本年制发件数"),
    ] {
        let o = run(&[
            "new",
            "--year",
            year,
            "--unit",
            "某某县人民政府",
            "--kind",
            "政府",
            "--style",
            style,
        ]);
        let text = stdout(&o);
        assert!(text.contains(marker));
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("draft.md");
        std::fs::write(&f, &text).unwrap();
        let v: serde_json::Value = serde_json::from_slice(
            &run(&["check", "--format", "json", f.to_str().unwrap()]).stdout,
        )
        .unwrap();
        let rules: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        assert_eq!(rules, ["placeholder-date"], "{year}");
    }
    assert_eq!(
        run(&["new", "--year", "2018", "--unit", "x"]).status.code(),
        Some(2)
    );
}

/// The SARIF output validates against the official SARIF 2.1.0 schema
/// (vendored from the MIT-licensed @microsoft/jest-sarif package).
#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("schemas/sarif-2.1.0.json")).unwrap();
    let validator = jsonschema::draft4::new(&schema).unwrap();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let o = run(&[
        "check",
        "--format",
        "sarif",
        dir.to_str().unwrap(),
        "/nonexistent.md",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .take(10)
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert!(v["runs"][0]["results"].as_array().unwrap().len() >= 30);
    // The validator does reject a broken log.
    let mut bad = v.clone();
    bad["runs"][0]["results"][0]["level"] = serde_json::json!("fatal");
    assert!(!validator.is_valid(&bad));
}

#[test]
fn carry_over_finds_last_years_report_beside_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let new = |year: &str| stdout(&run(&["new", "--year", year, "--unit", "某某区某某局"]));
    let last = new("2020").replace(
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
        "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2",
    );
    std::fs::write(tmp.path().join("2020年报.md"), last).unwrap();
    let this = tmp.path().join("2021年报.md");
    std::fs::write(&this, new("2021")).unwrap();
    let o = run(&["check", "--format", "json", this.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let carry: Vec<&serde_json::Value> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "carry-over")
        .collect();
    assert_eq!(carry.len(), 2, "自然人 and 总计: {v:#}");
    assert!(
        carry[0]["message"]
            .as_str()
            .unwrap()
            .contains("2020年报.md")
    );
    // Another unit's report is not last year's report.
    std::fs::write(
        tmp.path().join("2020年报.md"),
        new("2020").replace("某某区某某局", "另一个局"),
    )
    .unwrap();
    let o = run(&["check", "--format", "json", this.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .all(|d| d["rule"] != "carry-over")
    );
}

#[test]
fn inline_suppressions_end_to_end() {
    let tmp = tempfile::tempdir().unwrap();
    let f = tmp.path().join("002.md");
    let text = std::fs::read_to_string(fixture("002"))
        .unwrap()
        .replace(
            "(七)总计 |",
            "<!-- nianbao-disable-next-line table-sum -->\n(七)总计 |",
        )
        .replace(
            "六、其他需要报告的事项",
            "<!-- nianbao-disable-next-line empty-cell -->\n六、其他需要报告的事项",
        );
    std::fs::write(&f, text).unwrap();
    let o = run(&["check", "--format", "json", f.to_str().unwrap()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rules: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(!rules.contains(&"table-sum"), "{rules:?}");
    assert_eq!(
        rules.iter().filter(|r| **r == "unused-suppression").count(),
        1,
        "{rules:?}"
    );
    // --fix removes the unused comment and nothing else changes after.
    run(&["check", "--fix", f.to_str().unwrap()]);
    let fixed = std::fs::read_to_string(&f).unwrap();
    assert!(!fixed.contains("nianbao-disable-next-line empty-cell"));
    assert!(fixed.contains("nianbao-disable-next-line table-sum"));
}

/// `nianbao rule | head -1`: a reader that stops early is not a crash.
#[test]
fn closed_stdout_is_not_a_panic() {
    for args in [
        &["rule"][..],
        &["new", "--year", "2024", "--unit", "某局"][..],
        &["check", fixture("000").to_str().unwrap()][..],
    ] {
        let mut child = bin()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_ne!(
            o.status.code(),
            Some(101),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            !String::from_utf8_lossy(&o.stderr).contains("panicked"),
            "{args:?}"
        );
    }
}

/// Files beside a report that are not last year's report of its unit give
/// no carry-over finding.
#[test]
fn carry_over_negatives() {
    let tmp = tempfile::tempdir().unwrap();
    let new = |year: &str| stdout(&run(&["new", "--year", year, "--unit", "某某区某某局"]));
    let carried2 = |t: String| {
        t.replace(
            "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
            "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2",
        )
    };
    let this = tmp.path().join("2021年报.md");
    std::fs::write(&this, new("2021")).unwrap();
    for (what, text) in [
        (
            "another unit",
            carried2(new("2020")).replace("某某区某某局", "另一个局"),
        ),
        ("two years back", carried2(new("2019"))),
        ("the same year", carried2(new("2021"))),
        ("carried over consistently", new("2020")),
        (
            "not a report",
            "# 会议纪要\n\n讨论 2020 年工作。\n".to_string(),
        ),
    ] {
        std::fs::write(tmp.path().join("other.md"), text).unwrap();
        let o = run(&["check", "--format", "json", this.to_str().unwrap()]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(
            v.as_array()
                .unwrap()
                .iter()
                .all(|d| d["rule"] != "carry-over"),
            "{what}"
        );
    }
}

fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin().current_dir(dir).args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The saved portal pages committed under tests/fixtures/portal/ (made by
/// the shape suite's `portal` rendering of the seed reports).
fn portal_fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/portal")
        .join(name)
}

const PAGES: [&str; 3] = [
    "银川市兴庆区大新镇2020年政府信息公开工作年度报告.html",
    "2020年银川市市政管理局政府信息公开工作年度报告.htm",
    "吴忠市利通区人民政府办公室2020年政府信息公开工作年度报告.shtml",
];

/// A reviewer's folder: three published reports (saved portal pages, two in
/// GBK) and a README. The reports' findings, one line for the README, and
/// the summary as CSV and as a workbook.
#[test]
fn a_folder_as_a_reviewer_checks_it() {
    let tmp = tempfile::tempdir().unwrap();
    for p in PAGES {
        std::fs::copy(portal_fixture(p), tmp.path().join(p)).unwrap();
    }
    std::fs::write(
        tmp.path().join("README.md"),
        "# 说明\n\n本目录存放各单位 2020 年政府信息公开工作年度报告（网页另存），\n一、总体情况等部分见各报告。\n",
    )
    .unwrap();
    let o = run_in(tmp.path(), &["check", "."]);
    assert_eq!(o.status.code(), Some(1));
    let human = stdout(&o);
    insta::assert_snapshot!("folder_human", human);
    insta::assert_snapshot!("folder_human_stderr", stderr(&o));
    let skips: Vec<&str> = human.lines().filter(|l| l.contains("已跳过")).collect();
    assert_eq!(skips.len(), 1, "{skips:?}");
    assert!(skips[0].starts_with("./README.md："));

    let csv = run_in(tmp.path(), &["check", "--format", "csv", "."]);
    assert_eq!(csv.status.code(), Some(1));
    assert!(csv.stdout.starts_with("\u{feff}".as_bytes()), "a BOM");
    let text = stdout(&csv);
    insta::assert_snapshot!("folder_csv", text.replace("\r\n", "\n"));
    assert_eq!(
        text.matches("\r\n").count(),
        4,
        "a header and three reports"
    );
    assert!(
        stderr(&csv).contains("README.md"),
        "the skip line goes to stderr"
    );

    // The same table as a workbook, and every finding on a second sheet.
    let o = run_in(
        tmp.path(),
        &["check", "--quiet", "--xlsx", "汇总.xlsx", "."],
    );
    assert_eq!(o.status.code(), Some(1));
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> = open_workbook(tmp.path().join("汇总.xlsx")).unwrap();
    assert_eq!(book.sheet_names(), ["汇总", "全部问题"]);
    let summary = book.worksheet_range("汇总").unwrap();
    let as_text = |c: &Data| match c {
        Data::Float(f) => format!("{f}"),
        Data::Empty => String::new(),
        other => other.to_string(),
    };
    let from_book: Vec<String> = summary
        .rows()
        .map(|r| r.iter().map(as_text).collect::<Vec<_>>().join("|"))
        .collect();
    let from_csv: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(|l| csv_fields(l).join("|"))
        .collect();
    assert_eq!(from_book, from_csv);
    let findings = book.worksheet_range("全部问题").unwrap();
    let json = run_in(tmp.path(), &["check", "--format", "json", "."]);
    let all: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(findings.height(), all.as_array().unwrap().len() + 1);
    let first = findings.rows().nth(1).unwrap();
    let j = &all[0];
    assert_eq!(as_text(&first[0]), j["path"].as_str().unwrap());
    assert_eq!(as_text(&first[2]), j["line"].to_string());
    assert_eq!(as_text(&first[5]), j["rule"].as_str().unwrap());
}

/// The fields of one CSV line (no line breaks inside fields here).
fn csv_fields(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                out.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(String::new()),
            (c, _) => out.last_mut().unwrap().push(c),
        }
    }
    out
}

/// A page's findings point at the page's own lines and columns, in every
/// format; the page is never rewritten.
#[test]
fn a_saved_page_is_located_in_its_own_lines() {
    let tmp = tempfile::tempdir().unwrap();
    let name = PAGES[1];
    std::fs::copy(portal_fixture(name), tmp.path().join(name)).unwrap();
    let o = run_in(tmp.path(), &["check", name]);
    insta::assert_snapshot!("page_human", stdout(&o));
    assert!(stderr(&o).contains("按 GBK 编码读取"), "{}", stderr(&o));
    let page = std::fs::read(tmp.path().join(name)).unwrap();
    let (page_text, _, _) = encoding_rs::GB18030.decode(&page);
    let row = page_text
        .lines()
        .position(|l| l.contains(">（七）总计</td>"))
        .unwrap();
    let json = run_in(tmp.path(), &["check", "--format", "json", name]);
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sum = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "table-sum")
        .unwrap();
    assert_eq!(sum["line"], row + 1);
    let line = page_text.lines().nth(row).unwrap();
    let col = line.find("<td>0</td>").unwrap() + "<td>".len();
    assert_eq!(sum["column"], line[..col].chars().count() + 1);
    assert_eq!(sum["end_column"], line[..col].chars().count() + 2);
    assert!(sum.get("location").is_none(), "the line is the file's own");
    let sarif = run_in(tmp.path(), &["check", "--format", "sarif", name]);
    let s: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    let regions: Vec<&serde_json::Value> = s["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["locations"][0]["physicalLocation"]["region"])
        .collect();
    assert!(regions.iter().any(|r| r["startLine"] == row + 1));
    // --fix: named, refused; the page is untouched.
    let fix = run_in(tmp.path(), &["check", "--fix", name]);
    assert_eq!(fix.status.code(), Some(2));
    assert!(stderr(&fix).contains("网页文件只检查，不修复"));
    assert_eq!(std::fs::read(tmp.path().join(name)).unwrap(), page);
}

/// "未发现问题" only when something was checked: a file that cannot be read,
/// an empty folder, a folder of notes each say what happened.
#[test]
fn the_closing_line_says_what_was_not_checked() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("扫描件.pdf"), b"%PDF-1.4\n\0\x01binary").unwrap();
    let o = run_in(tmp.path(), &["check", "扫描件.pdf"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "没有检查任何文件；1 个文件无法读取。\n");
    let en = run_in(tmp.path(), &["check", "--lang", "en", "扫描件.pdf"]);
    assert_eq!(stdout(&en), "No file checked; 1 files could not be read.\n");
    let empty = tmp.path().join("空");
    std::fs::create_dir(&empty).unwrap();
    let o = run_in(tmp.path(), &["check", "空"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stdout(&o).starts_with("没有找到可检查的文件（.pdf、.html、"),
        "{}",
        stdout(&o)
    );
    let notes = tmp.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(
        notes.join("会议纪要.md"),
        "# 会议纪要\n\n讨论 2020 年政府信息公开工作年度报告的编制。\n",
    )
    .unwrap();
    let o = run_in(tmp.path(), &["check", "notes"]);
    insta::assert_snapshot!("notes_only", stdout(&o));
    // Named, a file that is no report is checked, and said to be no report.
    let o = run_in(tmp.path(), &["check", "notes/会议纪要.md"]);
    insta::assert_snapshot!("named_note", stdout(&o));
    let o = run_in(
        tmp.path(),
        &["check", "--only-reports", "notes/会议纪要.md"],
    );
    assert!(
        stdout(&o).contains("跳过 1 个不是年报的文件"),
        "{}",
        stdout(&o)
    );
}

/// A reviewer's folder holds notes beside the reports: review notes, a
/// README with a checklist, a table of contents, an email, the template's
/// instructions, reader notes in English (tests/fixtures/notes/, each
/// naming the six sections, quoting table rows, dates and values). Each is
/// skipped with its one line; every report — real, damaged drafts, PDF,
/// PDF text, web text, Word, converter Markdown, a portal page — is checked.
#[test]
fn notes_beside_the_reports_are_skipped_and_no_report_is() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let tmp = tempfile::tempdir().unwrap();
    let notes: Vec<String> = {
        let mut v: Vec<String> = std::fs::read_dir(root.join("tests/fixtures/notes"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                std::fs::copy(&p, tmp.path().join(&name)).unwrap();
                name
            })
            .collect();
        v.sort();
        v
    };
    assert!(notes.len() >= 6, "{notes:?}");
    let mut reports: Vec<String> = Vec::new();
    for (from, to) in [
        ("tests/fixtures/real/09_huaian-szf-2024-pdftext.txt", ""),
        (
            "tests/fixtures/real/D1_huaian-2024_cell-and-narrative.txt",
            "",
        ),
        (
            "tests/fixtures/real/D2_huaian-2024_no-sec6_placeholder_t4.txt",
            "",
        ),
        ("tests/fixtures/real/R1_pingtan-jspq-2024-web.txt", ""),
        ("tests/fixtures/real/14_template-2021-blank.docx", ""),
        ("tests/fixtures/real-pdf/P1_hongze-2024.pdf", ""),
        ("tests/fixtures/004_4ecd57e04841b2f1.txt", ""),
        ("tests/drafts/2019_blank_zeros.txt", ""),
        ("tests/drafts/2024_converter_html.md", ""),
        ("tests/fixtures/shapes/pandoc/real-R1.plain.md", ""),
        ("tests/fixtures/shapes/pandoc/seed-002.gfm.md", ""),
        ("tests/fixtures/shapes/pdf/seed-001.pdf", ""),
        (
            "tests/fixtures/shapes/pdf/real-R1.pypdf.text",
            "real-R1.pypdf.txt",
        ),
        (
            "tests/fixtures/shapes/pdf/seed-003.pdftotext-layout.text",
            "seed-003.layout.txt",
        ),
        (
            "tests/fixtures/portal/2024年某某局政府信息公开工作年度报告.html",
            "",
        ),
    ] {
        let from = root.join(from);
        let name = if to.is_empty() {
            from.file_name().unwrap().to_string_lossy().into_owned()
        } else {
            to.to_string()
        };
        std::fs::copy(&from, tmp.path().join(&name)).unwrap();
        reports.push(name);
    }
    reports.sort();

    let o = run_in(tmp.path(), &["check", "."]);
    let human = stdout(&o);
    let skips: Vec<&str> = human.lines().filter(|l| l.contains("已跳过")).collect();
    let skipped: Vec<String> = {
        let mut v: Vec<String> = skips
            .iter()
            .map(|l| {
                l.trim_start_matches("./")
                    .split('：')
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(skipped, notes, "{human}");
    insta::assert_snapshot!("notes_skipped", skips.join("\n"));
    assert!(
        human.contains(&format!("跳过 {} 个不是年报的文件", notes.len())),
        "{human}"
    );
    // One CSV row per report checked: every report, nothing else.
    let csv = run_in(tmp.path(), &["check", "--format", "csv", "."]);
    let text = stdout(&csv);
    let mut checked: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| csv_fields(l)[0].trim_start_matches("./").to_string())
        .collect();
    checked.sort();
    assert_eq!(checked, reports);
}

/// A unit's published reports in one folder pair for `carry-over` even when
/// a page has no title line: its file name says whose and which year.
#[test]
fn carry_over_pairs_published_files_by_their_names() {
    let new = |year: &str| stdout(&run(&["new", "--year", year, "--unit", "某某县某某局"]));
    let untitled = |t: String| t.lines().skip(1).collect::<Vec<_>>().join("\n");
    let carried = |t: String| {
        t.replace(
            "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
            "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2",
        )
    };
    for (last_name, last, this_name, this) in [
        (
            "某某县某某局2023年政府信息公开工作年度报告.html",
            support::portal_page(&untitled(carried(new("2023")))),
            "2024年报.md",
            new("2024"),
        ),
        (
            "2023年报.md",
            carried(new("2023")),
            "2024年某某县某某局年报.htm",
            support::portal_page(&untitled(new("2024"))),
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join(last_name), &last).unwrap();
        std::fs::write(tmp.path().join(this_name), &this).unwrap();
        let o = run_in(tmp.path(), &["check", "--format", "json", "."]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let carry: Vec<&serde_json::Value> = v
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "carry-over")
            .collect();
        assert_eq!(carry.len(), 2, "{last_name} → {this_name}: {v:#}");
        assert!(carry.iter().all(|d| d["path"] == format!("./{this_name}")));
        assert!(carry[0]["message"].as_str().unwrap().contains(last_name));
        // Named alone, the report finds last year's beside it.
        let o = run_in(tmp.path(), &["check", "--format", "json", this_name]);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(
            v.as_array()
                .unwrap()
                .iter()
                .filter(|d| d["rule"] == "carry-over")
                .count(),
            2,
            "{this_name} alone"
        );
    }
}

/// Reviewers keep a unit's reports in a folder named for it
/// (`某某县某某局/2023年报告.html`, `某某县某某局/2024年报告.md`, or
/// `某某局/2023/报告.html`): a report whose text and file name name no unit
/// takes its folder's, to find last year's report (carry-over) — only where
/// the folder holds one unit's reports, and never as the report's unit.
#[test]
fn a_units_folder_pairs_reports_that_name_no_unit() {
    let new = |year: &str| stdout(&run(&["new", "--year", year, "--unit", "某某县某某局"]));
    // No title, and the unit nowhere in the text (a portal page's body).
    let anonymous = |t: String| {
        t.lines()
            .skip(1)
            .collect::<Vec<_>>()
            .join("\n")
            .replace("某某县某某局", "本机关")
    };
    let carried = |t: String| {
        t.replace(
            "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
            "四、结转下年度继续办理\t2\t0\t0\t0\t0\t0\t2",
        )
    };
    let last = support::portal_page(&anonymous(carried(new("2023"))));
    let this = anonymous(new("2024"));
    let carry_over = |dir: &Path, args: &[&str]| -> Vec<String> {
        let o = run_in(dir, args);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "carry-over")
            .map(|d| d["path"].as_str().unwrap().to_string())
            .collect()
    };
    for (what, last_at, this_at) in [
        (
            "a unit's folder",
            "某某县某某局/2023年报告.html",
            "某某县某某局/2024年报告.md",
        ),
        (
            "year folders in a unit's",
            "03 某某局/2023/报告.html",
            "03 某某局/2024/报告.md",
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        for (at, text) in [(last_at, &last), (this_at, &this)] {
            let p = tmp.path().join(at);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let found = carry_over(tmp.path(), &["check", "--format", "json", "."]);
        assert_eq!(found, vec![format!("./{this_at}"); 2], "{what}");
        // Named alone, from inside its folder: last year's beside it (in
        // the year folder beside this year's).
        let inside = tmp.path().join(Path::new(this_at).parent().unwrap());
        let name = Path::new(this_at).file_name().unwrap().to_str().unwrap();
        let found = carry_over(&inside, &["check", "--format", "json", name]);
        assert_eq!(found.len(), 2, "{what}, named alone");
        let o = run_in(&inside, &["check", name]);
        let last_name = Path::new(last_at).file_name().unwrap().to_str().unwrap();
        let shown = if what.starts_with("year") {
            format!("../2023/{last_name}")
        } else {
            last_name.to_string()
        };
        assert!(stdout(&o).contains(&shown), "{what}: {}", stdout(&o));
        // The folder's name pairs; it is not the report's unit.
        let csv = stdout(&run_in(tmp.path(), &["check", "--format", "csv", "."]));
        assert!(!csv.contains(",某某"), "{what}: {csv}");
    }

    // Kept by year, the unit in the file name: named alone, this year's
    // report finds last year's in the year folder beside its own.
    let tmp = tempfile::tempdir().unwrap();
    for (at, text) in [
        ("2023年/某某县某某局.html", &last),
        ("2024年/某某县某某局.md", &this),
    ] {
        let p = tmp.path().join(at);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let found = carry_over(
        tmp.path(),
        &["check", "--format", "json", "2024年/某某县某某局.md"],
    );
    assert_eq!(found.len(), 2, "year folders");
    let o = run_in(tmp.path(), &["check", "2024年/某某县某某局.md"]);
    assert!(
        stdout(&o).contains("2023年/某某县某某局.html"),
        "{}",
        stdout(&o)
    );

    // Not one unit's folder: no pairing (it could pair two units' reports).
    let other_unit = carried(new("2023")).replace("某某县某某局", "某某县另一个局");
    for (what, files) in [
        (
            "two reports of one year: a county's folder of its departments' pages",
            vec![
                ("某某县/2023年报告.html", last.clone()),
                ("某某县/2024年报告.md", this.clone()),
                ("某某县/2024年报告（二）.md", this.clone()),
            ],
        ),
        (
            "a report in it names another unit",
            vec![
                ("某某县某某局/2023年报告.md", other_unit.clone()),
                ("某某县某某局/2024年报告.md", this.clone()),
            ],
        ),
        (
            "a folder named for the work, not a unit",
            vec![
                ("2024年报审核材料/2023年报告.html", last.clone()),
                ("2024年报审核材料/2024年报告.md", this.clone()),
            ],
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        for (at, text) in &files {
            let p = tmp.path().join(at);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        let found = carry_over(tmp.path(), &["check", "--format", "json", "."]);
        assert!(found.is_empty(), "{what}: {found:?}");
    }
}

/// A made-up report of `unit` for `year` whose table 三 has `n` requests
/// from 自然人, all made public; (`total`: the 总计 column of 一, if it
/// differs from `n`).
fn report_with_requests(unit: &str, kind: &str, year: &str, n: u32, total: u32) -> String {
    let skeleton = stdout(&run(&[
        "new", "--year", year, "--unit", unit, "--kind", kind,
    ]));
    let row = |label: &str, a: u32, t: u32| {
        (
            format!("{label}\t0\t0\t0\t0\t0\t0\t0"),
            format!("{label}\t{a}\t0\t0\t0\t0\t0\t{t}"),
        )
    };
    let mut text = skeleton;
    for (from, to) in [
        row("一、本年新收政府信息公开申请数量", n, total),
        row("（一）予以公开", total, total),
        row("（七）总计", total, total),
    ] {
        assert!(text.contains(&from), "{from}");
        text = text.replacen(&from, &to, 1);
    }
    text
}

/// A county's report is the sum of its three units' (`[rollup]` in
/// nianbao.toml): in 2024 the county's 自然人 cell of 一、本年新收 says 9
/// where its units say 3 + 4 + 1 (one finding, the units' values as
/// related places in their files); in 2023 one unit has no report, and it
/// is named.
#[test]
fn a_county_is_the_sum_of_its_units() {
    let tmp = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| std::fs::write(tmp.path().join(name), text).unwrap();
    let units = [
        ("青石县教育局", 3),
        ("青石县财政局", 4),
        ("青石县卫生健康局", 1),
    ];
    for (unit, n) in units {
        write(
            &format!("{unit}2024.txt"),
            &report_with_requests(unit, "部门", "2024", n, n),
        );
    }
    for (unit, n) in &units[..2] {
        write(
            &format!("{unit}2023.txt"),
            &report_with_requests(unit, "部门", "2023", *n, *n),
        );
    }
    write(
        "青石县2024.txt",
        &report_with_requests("青石县人民政府", "政府", "2024", 9, 8),
    );
    write(
        "青石县2023.txt",
        &report_with_requests("青石县人民政府", "政府", "2023", 7, 7),
    );
    // Without a roll-up declared: nothing of it.
    let json = |o: &Output| -> Vec<serde_json::Value> {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == "rollup-sum")
            .cloned()
            .collect()
    };
    assert!(json(&run_in(tmp.path(), &["check", "--format", "json", "."])).is_empty());
    let mut seen = Vec::new();
    for declared in [
        "\"青石县\" = [\"青石县教育局\", \"青石县财政局\", \"青石县卫生健康局\"]",
        "\"青石县\" = \"本目录\"",
    ] {
        write("nianbao.toml", &format!("[rollup]\n{declared}\n"));
        let found = json(&run_in(tmp.path(), &["check", "--format", "json", "."]));
        let summary: Vec<String> = found
            .iter()
            .map(|d| {
                // The units in the order of their names (named in the
                // config; found in the folder, by path).
                let mut related = related_places(d);
                related.sort();
                format!(
                    "{}:{} {}{}",
                    d["path"].as_str().unwrap(),
                    d["line"],
                    d["message"].as_str().unwrap(),
                    related.concat()
                )
            })
            .collect();
        seen.push(summary.join("\n"));
    }
    assert_eq!(seen[0], seen[1], "named units and the folder's agree");
    expect_test::expect![[r#"
        ./青石县2023.txt:1 汇总的单位中有 1 个没有 2023 年的年报：青石县卫生健康局；表三、表四只核对汇总数不小于已有 2 个单位之和
        ./青石县2024.txt:52 表三“一、本年新收政府信息公开申请数量”行“自然人”列为 9，应为所属 3 个单位之和 8
          ./青石县卫生健康局2024.txt:52 青石县卫生健康局：1
          ./青石县教育局2024.txt:52 青石县教育局：3
          ./青石县财政局2024.txt:52 青石县财政局：4"#]].assert_eq(&seen[0]);
    // In the human output, after the files.
    let o = run_in(tmp.path(), &["check", "--no-color", "."]);
    let out = stdout(&o);
    assert!(out.contains("= ./青石县教育局2024.txt:"), "{out}");
}

/// `--fix` leaves alone what the reviewer dismissed.
#[test]
fn fix_skips_dismissed_findings() {
    let tmp = tempfile::tempdir().unwrap();
    let draft = tmp.path().join("002.txt");
    std::fs::copy(fixture("002"), &draft).unwrap();
    let o = run_in(tmp.path(), &["check", "--format", "json", "002.txt"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let sum = v
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "table-sum")
        .unwrap();
    // The report's unit and year, as the summary table gives them.
    let csv = stdout(&run_in(
        tmp.path(),
        &["check", "--format", "csv", "002.txt"],
    ));
    let row = csv_fields(csv.lines().nth(1).unwrap());
    let (unit, year) = (row[1].clone(), row[2].clone());
    std::fs::write(
        tmp.path().join("决定.toml"),
        format!(
            "[[decision]]\nunit = \"{unit}\"\nyear = {year}\nrule = \"table-sum\"\nfingerprint = \"{}\"\ndecision = \"忽略\"\n",
            sum["fingerprint"].as_str().unwrap()
        ),
    )
    .unwrap();
    let before = std::fs::read(&draft).unwrap();
    let o = run_in(
        tmp.path(),
        &["check", "--fix", "--decisions", "决定.toml", "002.txt"],
    );
    let after = std::fs::read_to_string(&draft).unwrap();
    let line = |t: &str| t.lines().nth(53).unwrap().to_string();
    assert_eq!(
        line(&after),
        line(&String::from_utf8(before).unwrap()),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).contains("已按审核决定忽略"), "{}", stdout(&o));
}

/// Copied text across a folder (issue 26): two years of two units
/// (tests/fixtures/crossyear/). 教育局 2024 reuses 2023's section 五
/// sentence for sentence (6 of 10 sentences): a warning on 五 with the
/// share and the copied passages in last year's file. 卫生健康局's two
/// years share only boilerplate: an info with the share, no warning.
#[test]
fn copied_text_is_found_across_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/crossyear");
    for e in std::fs::read_dir(&from).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            std::fs::copy(&p, tmp.path().join(p.file_name().unwrap())).unwrap();
        }
    }
    let o = run_in(tmp.path(), &["check", "--format", "json", "."]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let found: Vec<String> = v
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == "repeated-text")
        .map(|d| {
            let related = related_places(d);
            format!(
                "{} {}:{} {}{}",
                d["severity"].as_str().unwrap(),
                d["path"].as_str().unwrap(),
                d["line"],
                d["message"].as_str().unwrap(),
                related.concat()
            )
        })
        .collect();
    expect_test::expect![[r#"
        info ./青石县卫生健康局2024年政府信息公开工作年度报告.txt:1 与上年年报（青石县卫生健康局2023年政府信息公开工作年度报告.txt）相同的文字占全文的 0%；各部分：一 0%，五 0%
        info ./青石县教育局2024年政府信息公开工作年度报告.txt:1 与上年年报（青石县教育局2023年政府信息公开工作年度报告.txt）相同的文字占全文的 35%；各部分：一 0%，五 69%
        warning ./青石县教育局2024年政府信息公开工作年度报告.txt:85 “五、存在的主要问题及改进情况”有 69% 的文字与上年年报（青石县教育局2023年政府信息公开工作年度报告.txt）相同（10 句中 6 句），请按本年实际情况重写
          -:89 照搬上年的文字（第 1 段，136 字）
          ./青石县教育局2023年政府信息公开工作年度报告.txt:89 上年年报中的原文（第 1 段）
          -:87 照搬上年的文字（第 2 段，117 字）
          ./青石县教育局2023年政府信息公开工作年度报告.txt:87 上年年报中的原文（第 2 段）"#]].assert_eq(&found.join("\n"));
}

/// A JSON finding's related places, one `\n  path:line message` each.
fn related_places(d: &serde_json::Value) -> Vec<String> {
    d["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "\n  {}:{} {}",
                r["path"].as_str().unwrap_or("-"),
                r["line"],
                r["message"].as_str().unwrap()
            )
        })
        .collect()
}
