"""`nianbao serve` in a real browser (Debian's Chromium driven by Playwright;
no browser is downloaded).

Starts the server in an empty working directory with an empty TMPDIR,
uploads seed report 002 as .txt, as .docx, as .pdf and as a saved portal page, and checks in the rendered
page: the 自然人 cell of （七）总计 is marked with “应为 1”; the list shows
the findings `nianbao check --format json` gives; the fixed download has 1
in that cell; the Word copy with comments has the table-sum comment on
that cell (python-docx) and converts to PDF with LibreOffice; a 5 MB file
that is not a report gets a clear message; two reports of one unit give
carry-over findings; a reviewer's decisions (忽略 with a comment, 确认) made
on the page come back as a 决定.toml download that, kept beside the drafts,
survives an edit above the findings and a run of `nianbao check
--decisions`; the page works from the keyboard and at 125 % zoom; and nothing
was written to disk.

    python3 tests/browser/serve_check.py --nianbao target/debug/nianbao \
        [--screenshots DIR]

Ends with the line “N passed, M failed”; exit code 1 if any check failed.
"""

import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import traceback

import docx
from docx.oxml.ns import qn
from playwright.sync_api import sync_playwright

sys.dont_write_bytecode = True  # leave the source tree as it was
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import make_docx  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Run:
    def __init__(self, args):
        self.args = args
        self.passed = []
        self.failed = []
        self.work = tempfile.mkdtemp(prefix="nianbao-browser-")
        self.shots = args.screenshots

    def check(self, name, fn, *a):
        t = time.monotonic()
        try:
            fn(*a)
        except Exception:  # noqa: BLE001 - report every failure, go on
            self.failed.append(name)
            print(f"FAIL {name}\n{traceback.format_exc()}", flush=True)
            return
        self.passed.append(name)
        print(f"ok   {name} ({time.monotonic() - t:.1f} s)", flush=True)

    def shot(self, page, name, full=False):
        if self.shots:
            os.makedirs(self.shots, exist_ok=True)
            page.screenshot(path=os.path.join(self.shots, name), full_page=full)

    def nianbao_json(self, path):
        out = subprocess.run(
            [self.args.nianbao, "check", "--format", "json", path],
            capture_output=True,
            check=False,
        )
        assert out.returncode in (0, 1), out
        return json.loads(out.stdout)


def start_server(nianbao, cwd, tmp):
    env = dict(os.environ, TMPDIR=tmp, TEMP=tmp, TMP=tmp)
    p = subprocess.Popen(
        [nianbao, "serve"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    line = p.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert m, f"no address in {line!r}"
    return p, m.group(0)


def wait_until(page, js, timeout=30):
    """Polls `js` from here: the page's CSP forbids the eval that
    Playwright's wait_for_function uses."""
    end = time.monotonic() + timeout
    while not page.evaluate(js):
        assert time.monotonic() < end, f"timed out waiting for {js}"
        time.sleep(0.05)


def upload(page, paths):
    page.evaluate("document.getElementById('status').textContent = ''")
    page.set_input_files("#files", paths)
    wait_until(
        page,
        "document.getElementById('status').textContent.startsWith('已检查')"
        " || document.getElementById('status').classList.contains('error')",
    )


def page_findings(page, section):
    return page.eval_on_selector_all(
        f"#{section} .finding",
        """els => els.map(e => ({
            rule: e.dataset.rule, severity: e.dataset.severity,
            line: Number(e.dataset.line), location: e.dataset.location,
            message: e.querySelector('.msg').textContent }))""",
    )


def column_of(page, element_id):
    """The grid column a cell starts at (colspans of the cells before it)."""
    return page.evaluate(
        """id => { let c = 0, e = document.getElementById(id);
                   for (let p = e.previousElementSibling; p; p = p.previousElementSibling)
                     c += p.colSpan; return c; }""",
        element_id,
    )


def check_total_cell(page, section):
    """The 自然人 cell of （七）总计 is marked as an error with “应为 1”."""
    target = page.get_attribute(f"#{section} .finding[data-rule='table-sum']", "data-target")
    cell = page.locator(f"#{target}")
    assert cell.evaluate("e => e.tagName") == "TD"
    classes = cell.get_attribute("class")
    assert "mark-error" in classes, classes
    assert "应为 1" in cell.inner_text(), cell.inner_text()
    assert cell.evaluate("e => e.firstChild.textContent.trim()") == "0"
    row_label = cell.evaluate("e => e.parentElement.firstElementChild.textContent")
    assert "总计" in row_label and "七" in row_label, row_label
    # Under the 自然人 column: the column names row (or the draft's own
    # header) has 自然人 at the same grid column.
    col = column_of(page, target)
    header_cols = page.evaluate(
        """([sec, name]) => {
            const out = [];
            for (const tr of document.querySelectorAll(`#${sec} table tr`)) {
              let c = 0;
              for (const td of tr.children) {
                if (td.textContent.replace(/\\s/g, '') === name) out.push(c);
                c += td.colSpan;
              }
            }
            return out; }""",
        [section, "自然人"],
    )
    assert col in header_cols, (col, header_cols)
    # Related cells are outlined.
    assert page.locator(f"#{section} .related-mark").count() >= 2


def same_findings(page, section, cli, key):
    got = sorted((f["rule"], f["severity"], f[key], f["message"]) for f in page_findings(page, section))
    want = sorted((d["rule"], d["severity"], d[key], d["message"]) for d in cli)
    assert got == want, f"page {got}\ncli  {want}"
    assert got, "no findings at all"


def text_draft(run, page, path):
    upload(page, [path])
    sec = "f0"
    assert page.inner_text(f"#{sec} h2") == os.path.basename(path)
    check_total_cell(page, sec)
    same_findings(page, sec, run.nianbao_json(path), "line")
    run.shot(page, "serve-text.png")
    page.click(f"#{sec} .finding[data-rule='table-sum'] .goto")
    page.wait_for_timeout(800)
    run.shot(page, "serve-table-sum.png")


def fixed_download(run, page, path):
    upload(page, [path])
    page.click("#f0 .show-diff")
    diff = page.inner_text("#f0 .diff")
    assert re.search(r"^\+\(七\)总计 \| 1 \|", diff, re.M), diff
    assert re.search(r"^-\(七\)总计 \| 0 \|", diff, re.M), diff
    run.shot(page, "serve-diff.png")
    with page.expect_download() as d:
        page.click("#f0 a.fixed")
    out = os.path.join(run.work, "fixed.txt")
    d.value.save_as(out)
    assert d.value.suggested_filename.endswith("（已修复）.txt"), d.value.suggested_filename
    with open(out, encoding="utf-8") as f:
        lines = [l for l in f.read().splitlines() if l.startswith("(七)总计")]
    assert len(lines) == 1, lines
    cells = [c.strip() for c in lines[0].split("|")]
    assert cells[1] == "1", cells
    assert all(d["rule"] != "table-sum" for d in run.nianbao_json(out))


def word_draft(run, page, path):
    upload(page, [path])
    sec = "f0"
    assert "Word" in page.inner_text(f"#{sec} .meta")
    check_total_cell(page, sec)
    same_findings(page, sec, run.nianbao_json(path), "location")
    assert page.inner_text(f"#{sec} .finding[data-rule='table-sum'] .loc").startswith("表三 第")
    run.shot(page, "serve-docx.png")


def web_page(run, page, path):
    """A saved portal page (GBK): the cell marked, findings as the CLI gives
    them, on the page's own lines; nothing to download."""
    upload(page, [path])
    sec = "f0"
    assert "网页" in page.inner_text(f"#{sec} .meta"), page.inner_text(f"#{sec} .meta")
    assert "GBK" in page.inner_text(f"#{sec} .meta")
    check_total_cell(page, sec)
    same_findings(page, sec, run.nianbao_json(path), "line")
    assert page.locator(f"#{sec} a.fixed, #{sec} a.annotated").count() == 0
    run.shot(page, "serve-html.png")


def pdf_report(run, page, path):
    """Seed 002 exported to PDF by LibreOffice: the wrong cell marked in
    table 三, the findings as the CLI gives them, each on its page."""
    upload(page, [path])
    sec = "f0"
    assert "PDF" in page.inner_text(f"#{sec} .meta")
    check_total_cell(page, sec)
    same_findings(page, sec, run.nianbao_json(path), "location")
    loc = page.inner_text(f"#{sec} .finding[data-rule='table-sum'] .loc")
    assert loc.startswith("第3页 表三 第"), loc
    run.shot(page, "serve-pdf.png")


def comment_cells(path):
    """(comment text, table index, row index, cell text, column) of each
    comment anchored in a table cell, read with python-docx."""
    d = docx.Document(path)
    texts = {c.comment_id: (c.author, c.text) for c in d.comments}
    out = []
    for ti, table in enumerate(d.tables):
        for ri, row in enumerate(table.rows):
            for ci, tc in enumerate(row._tr.tc_lst):
                for ref in tc.iter(qn("w:commentReference")):
                    cid = int(ref.get(qn("w:id")))
                    author, text = texts[cid]
                    cell_text = "".join(t.text or "" for t in tc.iter(qn("w:t")))
                    first = "".join(t.text or "" for t in row._tr.tc_lst[0].iter(qn("w:t")))
                    out.append((author, text, ti, ri, ci, cell_text, first))
    return d, texts, out


def annotated_download(run, page, path):
    upload(page, [path])
    link = page.locator("#f0 a.annotated")
    assert "批注" in link.inner_text()
    with page.expect_download() as d:
        link.click()
    out = os.path.join(run.work, "annotated.docx")
    d.value.save_as(out)
    assert d.value.suggested_filename == "002.nianbao.docx", d.value.suggested_filename
    doc, texts, cells = comment_cells(out)
    assert len(texts) == len(run.nianbao_json(path)), texts
    assert all(a == "nianbao" for a, _ in texts.values())
    sums = [c for c in cells if "table-sum" in c[1]]
    assert len(sums) == 1, cells
    author, text, ti, ri, ci, cell_text, first = sums[0]
    assert "应为 1：它使 3 条勾稽关系不成立" in text, text
    assert ti == 1 and ci == 1 and cell_text == "0", sums
    assert "总计" in first and "七" in first, first
    # The original text is intact.
    assert any("本报告由银川市市政管理局" in p.text for p in doc.paragraphs)
    libreoffice_pdf(run, out)


def libreoffice_pdf(run, path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    assert soffice, "LibreOffice is not installed"
    outdir = os.path.join(run.work, "pdf")
    profile = os.path.join(run.work, "lo-profile")
    r = subprocess.run(
        [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
         "--convert-to", "pdf", "--outdir", outdir, path],
        capture_output=True, text=True, timeout=180, check=False,
    )
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    assert r.returncode == 0, r
    assert "Error" not in r.stderr, r.stderr
    assert os.path.getsize(pdf) > 10_000, os.path.getsize(pdf)
    with open(pdf, "rb") as f:
        assert f.read(5) == b"%PDF-"


def not_a_report(run, page):
    big = os.path.join(run.work, "会议纪要.txt")
    line = "本次会议研究了下一阶段的工作安排，各部门要按照分工抓好落实。\n"
    with open(big, "w", encoding="utf-8") as f:
        f.write(line * (5 * 1024 * 1024 // len(line.encode("utf-8")) + 1))
    assert os.path.getsize(big) >= 5 * 1024 * 1024
    upload(page, [big])
    notice = page.inner_text("#f0 .notice")
    assert "不是政府信息公开工作年度报告" in notice, notice
    assert page.locator("#f0 .doc").count() == 0
    run.shot(page, "serve-not-a-report.png")
    # Too large: refused before anything is sent, with the limit named.
    huge = os.path.join(run.work, "扫描件.txt")
    with open(huge, "wb") as f:
        f.truncate(21 * 1024 * 1024)
    page.set_input_files("#files", [huge])
    wait_until(page, "document.getElementById('status').classList.contains('error')")
    msg = page.inner_text("#status")
    assert "超过 20.0 MB" in msg, msg
    # Not a draft format.
    xls = os.path.join(run.work, "报告.xls")
    with open(xls, "wb") as f:
        f.write(b"\xd0\xcf\x11\xe0" + b"0" * 1000)
    upload(page, [xls])
    assert "不支持的文件类型" in page.inner_text("#f0 .file-error")
    # A PDF that is not one: its sentence.
    pdf = os.path.join(run.work, "报告.pdf")
    with open(pdf, "wb") as f:
        f.write(b"%PDF-1.4\n" + b"0" * 1000)
    upload(page, [pdf])
    assert "PDF 文件已损坏" in page.inner_text("#f0 .file-error")


def carry_over(run, page, text_path):
    with open(text_path, encoding="utf-8") as f:
        this = f.read()
    last = this.replace("2020", "2019").replace(
        "四、结转下年度继续办理 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |",
        "四、结转下年度继续办理 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |",
    )
    assert last != this.replace("2020", "2019")
    last_path = os.path.join(run.work, "2019年报.txt")
    with open(last_path, "w", encoding="utf-8") as f:
        f.write(last)
    upload(page, [text_path, last_path])
    pair = page.inner_text("#f0 .pair")
    assert "2019年报.txt" in pair, pair
    carried = page.locator("#f0 .finding[data-rule='carry-over']")
    assert carried.count() == 3, carried.count()
    assert "2019年报.txt" in carried.first.inner_text()
    # The same findings as the CLI given both files.
    out = subprocess.run(
        [run.args.nianbao, "check", "--format", "json", "002.txt", "2019年报.txt"],
        capture_output=True, cwd=run.work, check=False,
    )
    cli = [d for d in json.loads(out.stdout) if d["path"] == "002.txt"]
    same_findings(page, "f0", cli, "line")
    run.shot(page, "serve-carry-over.png")


def decisions(run, page):
    src = os.path.join(ROOT, "tests/fixtures/crossyear")
    last_name = "青石县教育局2023年政府信息公开工作年度报告.txt"
    this_name = "青石县教育局2024年政府信息公开工作年度报告.txt"
    folder = os.path.join(run.work, "青石县")
    os.makedirs(folder, exist_ok=True)
    shutil.copy(os.path.join(src, last_name), os.path.join(folder, last_name))
    with open(os.path.join(src, this_name), encoding="utf-8") as f:
        this = f.read()
    # 予以公开's 总计 written 5 instead of 4: a table-sum error.
    wrong = this.replace("（一）予以公开\t3\t1\t0\t0\t0\t0\t4", "（一）予以公开\t3\t1\t0\t0\t0\t0\t5")
    assert wrong != this
    this_path = os.path.join(folder, this_name)
    with open(this_path, "w", encoding="utf-8") as f:
        f.write(wrong)
    upload(page, [os.path.join(folder, last_name), this_path])
    sec = "#f1"
    assert page.locator(f"{sec} .finding[data-rule='repeated-text'].sev-warning").count() == 1
    # 忽略 the table-sum error, with a comment.
    item = page.locator(f"{sec} .finding[data-rule='table-sum']").first
    item.locator(".comment").fill("总计系笔误，单位已说明")
    page.evaluate("document.getElementById('status').textContent = ''")
    item.locator("button.dismiss").click()
    wait_until(page, "document.getElementById('status').textContent.includes('已按审核决定忽略')")
    assert page.locator(f"{sec} ol .finding[data-rule='table-sum']:not(.dismissed)").count() == 0
    assert page.locator(f"{sec} details.dismissed .finding[data-rule='table-sum']").count() == 1
    assert "已忽略 1" in page.inner_text(f"{sec} .summary")
    # 确认 the copied section 五.
    item = page.locator(f"{sec} .finding[data-rule='repeated-text'].sev-warning")
    item.locator(".comment").fill("第五部分须重写")
    page.evaluate("document.getElementById('status').textContent = ''")
    item.locator("button.confirm").click()
    wait_until(page, "document.getElementById('status').textContent.startsWith('已检查')")
    verdict = page.inner_text(f"{sec} .finding[data-rule='repeated-text'].sev-warning .verdict")
    assert verdict == "已确认：第五部分须重写", verdict
    run.shot(page, "serve-decisions.png")
    # The decisions file, kept beside the drafts.
    with page.expect_download() as d:
        page.click(".save-decisions")
    decisions_path = os.path.join(folder, "决定.toml")
    d.value.save_as(decisions_path)
    assert d.value.suggested_filename == "决定.toml", d.value.suggested_filename
    # The unit edits its draft above both findings.
    with open(this_path, "w", encoding="utf-8") as f:
        f.write(wrong.replace(
            "## 一、总体情况\n",
            "## 一、总体情况\n\n本年度，我局按照县政府办公室的统一部署，对政务公开工作进行了专题研究。\n",
            1,
        ))
    out = subprocess.run(
        [run.args.nianbao, "check", "--decisions", "决定.toml", "."],
        capture_output=True, cwd=folder, check=False, text=True,
        env=dict(os.environ, NO_COLOR="1"),
    )
    assert "table-sum" not in out.stdout, out.stdout
    assert "审核确认: 第五部分须重写" in out.stdout, out.stdout
    assert "另有 1 个问题已按审核决定忽略" in out.stdout, out.stdout
    # And the page, given the edited drafts and the file again.
    upload(page, [os.path.join(folder, last_name), this_path, decisions_path])
    assert page.locator(f"{sec} details.dismissed .finding[data-rule='table-sum']").count() == 1
    assert "2 条" in page.inner_text(".save-decisions")


def keyboard(run, page, path):
    page.goto(page.url)
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "choose"
    upload(page, [path])
    # The results take the focus; Tab reaches the first finding, Enter goes
    # to its place in the document.
    assert page.evaluate("document.activeElement.id") == "results"
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('goto')"):
            break
    else:
        raise AssertionError("no finding reachable with Tab")
    target = page.evaluate("document.activeElement.closest('.finding').dataset.target")
    page.keyboard.press("Enter")
    page.wait_for_timeout(200)
    assert page.evaluate("document.activeElement.id") == target
    # The rule's documentation opens from the keyboard too.
    page.focus("#f0 .finding[data-rule='table-sum'] .explain")
    page.keyboard.press("Enter")
    page.wait_for_selector("#f0 .finding[data-rule='table-sum'] .rule-doc:not([hidden])")
    assert "table-sum" in page.inner_text("#f0 .finding[data-rule='table-sum'] .rule-doc")


def zoom_125(run, context, url, path):
    # 125 % zoom on a 1366 px wide screen: a CSS viewport 1.25 times narrower.
    page = context.new_page()
    page.set_viewport_size({"width": 1093, "height": 700})
    page.goto(url)
    upload(page, [path])
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"page scrolls sideways by {overflow}px"
    font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.doc p')).fontSize)")
    assert font >= 14, font
    page.click("#f0 .finding[data-rule='table-sum'] .goto")
    page.wait_for_timeout(600)
    run.shot(page, "serve-125.png")
    page.close()


def nothing_on_disk(cwd, tmp):
    for d in (cwd, tmp):
        left = [os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs]
        assert not left, left


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--nianbao", default=os.path.join(ROOT, "target/debug/nianbao"))
    ap.add_argument("--screenshots", default=None)
    args = ap.parse_args()
    args.nianbao = os.path.abspath(args.nianbao)
    if args.screenshots:
        args.screenshots = os.path.abspath(args.screenshots)
    run = Run(args)
    text_path = os.path.join(run.work, "002.txt")
    shutil.copy(glob.glob(os.path.join(ROOT, "tests/fixtures/002_*.txt"))[0], text_path)
    docx_path = os.path.join(run.work, "002.docx")
    with open(text_path, encoding="utf-8") as f:
        make_docx.write(f.read(), docx_path)
    html_path = os.path.join(run.work, "2020年银川市市政管理局政府信息公开工作年度报告.htm")
    shutil.copy(os.path.join(ROOT, "tests/fixtures/portal", os.path.basename(html_path)), html_path)

    cwd = tempfile.mkdtemp(prefix="nianbao-serve-cwd-")
    tmp = tempfile.mkdtemp(prefix="nianbao-serve-tmp-")
    server, url = start_server(args.nianbao, cwd, tmp)
    profile = tempfile.mkdtemp(prefix="nianbao-chromium-")
    try:
        with sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile,
                executable_path=CHROMIUM,
                headless=True,
                args=CHROMIUM_ARGS,
                viewport={"width": 1400, "height": 900},
                accept_downloads=True,
            )
            page = context.new_page()
            page.goto(url)
            run.shot(page, "serve-start.png")
            run.check("text draft: cell marked, findings as the CLI", text_draft, run, page, text_path)
            run.check("text draft: diff, then fixed download", fixed_download, run, page, text_path)
            run.check("Word draft: cell marked, findings as the CLI", word_draft, run, page, docx_path)
            run.check("Word draft: comments (python-docx), PDF (LibreOffice)",
                      annotated_download, run, page, docx_path)
            run.check("saved web page (GBK): cell marked, findings as the CLI",
                      web_page, run, page, html_path)
            run.check("PDF: cell marked, findings as the CLI, pages named", pdf_report, run, page,
                      os.path.join(ROOT, "tests/fixtures/shapes/pdf/seed-002.pdf"))
            run.check("5 MB non-report, too large, wrong type: clear messages", not_a_report, run, page)
            run.check("two years of one unit: carry-over", carry_over, run, page, text_path)
            run.check("review decisions: page, download, edit, CLI", decisions, run, page)
            run.check("keyboard", keyboard, run, page, text_path)
            run.check("125 % zoom", zoom_125, run, context, url, text_path)
            context.close()
        run.check("nothing written to disk (cwd, TMPDIR)", nothing_on_disk, cwd, tmp)
        run.check("server still running", lambda: server.poll() is None or (_ for _ in ()).throw(
            AssertionError(server.stderr.read())))
    finally:
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(profile, ignore_errors=True)
        shutil.rmtree(run.work, ignore_errors=True)
        shutil.rmtree(cwd, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(run.passed)} passed, {len(run.failed)} failed")
    return 1 if run.failed else 0


if __name__ == "__main__":
    sys.exit(main())
