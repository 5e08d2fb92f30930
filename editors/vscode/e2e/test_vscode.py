#!/usr/bin/env python3
"""End-to-end test of the nianbao extension in a real VS Code.

VS Code here is code-server (the browser build of VS Code), driven by the system Chromium through
Playwright. The test installs the built .vsix into a fresh extensions dir, opens a workspace with
copies of seed report 002, and works through the UI as a user would: the table-sum finding in the
Problems panel, its quick fix from the light bulb, the commands 新建年度报告 and 修复全部问题 from
the command palette. Expected results come from the nianbao CLI (`nianbao new`, `check --fix`),
not from hard-coded text.

    python test_vscode.py --code-server DIR/node_modules/.bin/code-server \
        --vsix nianbao.vsix --nianbao target/debug/nianbao --report 002.txt [--screenshots DIR]

With --bundled the .vsix is a platform package carrying its own server (package-targets.sh): the
test sets no `nianbao.path`, runs code-server with no `nianbao` on PATH, and checks that the
extension started the server from inside its own folder. `--nianbao` is then only what the
expected results are computed with.

Every wait is on DOM or ARIA state with a timeout; a failure prints what was awaited, saves a
screenshot (fail-*.png) and the tail of code-server's log and of the extension's output channel.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from playwright.sync_api import Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

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

# What a first-time user would see minus the distractions that steal focus or cover the editor.
USER_SETTINGS = {
    "security.workspace.trust.enabled": False,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": False,
    "workbench.enableExperiments": False,
    "telemetry.telemetryLevel": "off",
    "extensions.autoCheckUpdates": False,
    "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True,
    "update.mode": "none",
    "git.enabled": False,
    "files.autoSave": "off",
    "editor.minimap.enabled": False,
    "editor.stickyScroll.enabled": False,
    "chat.commandCenter.enabled": False,
    # LSP traffic in the nianbao output channel: printed when a step fails.
    "nianbao.trace.server": "messages",
}

QUICKFIX_FILE = "002-快速修复.txt"
# A name in the extension's own language association (*.nianbao.md → 年报 (nianbao)).
FIXALL_FILE = "002-全部修复.nianbao.md"
SUM_LINE = 54  # （七）总计 in report 002: its 自然人 cell is 0 and should be 1.
NEW_REPORT = {"year": "2024", "unit": "某某市测试局", "kind": "部门", "style": "tsv"}

WAIT_MS = 30_000
STARTUP_MS = 120_000


class StepFailed(Exception):
    pass


@dataclass
class Harness:
    page: Page
    workspace: Path
    nianbao: Path
    shots: Path
    log_path: Path
    user_data: Path | None = None
    shot_count: int = 0
    shots_taken: list[str] = field(default_factory=list)

    # ---- waiting, with messages that say what did not happen ----

    def wait_js(self, what: str, js: str, arg=None, timeout: int = WAIT_MS):
        try:
            return self.page.wait_for_function(js, arg=arg, timeout=timeout).json_value()
        except PlaywrightTimeout:
            raise StepFailed(f"timed out after {timeout / 1000:.0f}s waiting for: {what}") from None

    def wait_visible(self, what: str, selector: str, timeout: int = WAIT_MS):
        try:
            loc = self.page.locator(selector).first
            loc.wait_for(state="visible", timeout=timeout)
            return loc
        except PlaywrightTimeout:
            raise StepFailed(f"timed out after {timeout / 1000:.0f}s waiting for: {what} ({selector})") from None

    def wait_hidden(self, what: str, selector: str, timeout: int = WAIT_MS):
        try:
            self.page.locator(selector).first.wait_for(state="hidden", timeout=timeout)
        except PlaywrightTimeout:
            raise StepFailed(f"timed out after {timeout / 1000:.0f}s waiting for: {what} ({selector})") from None

    def shot(self, name: str) -> None:
        self.shot_count += 1
        path = self.shots / f"{self.shot_count:02d}-{name}.png"
        self.page.screenshot(path=str(path))
        self.shots_taken.append(path.name)

    # ---- VS Code UI ----

    def press(self, keys: str) -> None:
        self.page.keyboard.press(keys)

    def quick_input(self) -> str:
        """Wait for the quick input (palette, input box, quick pick) and return its selector."""
        sel = ".quick-input-widget"
        self.wait_visible("the quick input widget", sel)
        return sel

    def run_command(self, title: str) -> None:
        """Run a command from the command palette by its title, as a user types it."""
        self.press("F1")
        self.quick_input()
        self.page.keyboard.type(title)
        # The list filters as one types; Enter runs the focused row, which must be this one
        # (before the filter catches up it is the most recently used command).
        row = f'.quick-input-widget .monaco-list-row.focused[aria-label*="{title}"]'
        self.wait_visible(f"the command palette entry {title!r} to be the focused one", row)
        self.press("Enter")
        self.wait_hidden("the command palette to close", row)

    def open_file(self, name: str) -> None:
        self.press("Control+P")
        self.quick_input()
        self.page.keyboard.type(name)
        self.wait_visible(
            f"{name!r} to be the focused entry in quick open",
            f'.quick-input-widget .monaco-list-row.focused[aria-label*="{name}"]',
        )
        self.press("Enter")
        self.wait_visible(f"the editor tab of {name!r}", f'.tab.active[aria-label*="{name}"]')
        self.wait_visible("the editor text", ".editor-instance .monaco-editor .view-lines .view-line")

    def go_to(self, line: int, column: int) -> None:
        self.press("Control+G")
        self.quick_input()
        self.page.keyboard.type(f"{line}:{column}")
        self.press("Enter")
        self.wait_hidden("the go-to-line box to close", ".quick-input-widget")
        self.wait_js(
            f"the cursor at Ln {line}, Col {column} in the status bar",
            """([l, c]) => Array.from(document.querySelectorAll('.statusbar-item'))
                 .some(e => (e.textContent || '').trim() === `Ln ${l}, Col ${c}`)""",
            [line, column],
        )

    def editor_line(self, line: int) -> str:
        """The rendered text of a visible line of the active editor, inlay hints included."""
        return self.wait_js(
            f"line {line} rendered in the active editor",
            """(line) => {
                const ed = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
                if (!ed) return null;
                const num = Array.from(ed.querySelectorAll('.margin-view-overlays .line-numbers'))
                    .find(e => e.textContent.trim() === String(line));
                if (!num) return null;
                const top = num.parentElement.style.top;
                const row = Array.from(ed.querySelectorAll('.view-lines .view-line'))
                    .find(e => e.style.top === top);
                return row ? {text: row.textContent} : null;
            }""",
            line,
        )["text"]

    def wait_line(self, what: str, line: int, pattern: str) -> str:
        """Wait until rendered line `line` matches the regex `pattern` (after normalizing spaces)."""
        return self.wait_js(
            f"line {line} to show {what} (regex {pattern!r})",
            """([line, pattern]) => {
                const ed = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
                if (!ed) return null;
                const num = Array.from(ed.querySelectorAll('.margin-view-overlays .line-numbers'))
                    .find(e => e.textContent.trim() === String(line));
                if (!num) return null;
                const top = num.parentElement.style.top;
                const row = Array.from(ed.querySelectorAll('.view-lines .view-line'))
                    .find(e => e.style.top === top);
                if (!row) return null;
                // nbsp is how spaces render; a hair space pads each inlay hint.
                const text = row.textContent.replace(/\\u00a0/g, ' ').replace(/\\u200a/g, '');
                return new RegExp(pattern).test(text) ? text : null;
            }""",
            [line, pattern],
        )

    def bold_tokens(self, line: int) -> list[str]:
        """Texts of the bold tokens (`mtkb`: how the theme draws a heading) on a rendered line."""
        return self.wait_js(
            f"the tokens of line {line}",
            """(line) => {
                const ed = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
                const num = Array.from(ed?.querySelectorAll('.margin-view-overlays .line-numbers') || [])
                    .find(e => e.textContent.trim() === String(line));
                if (!num) return null;
                const row = Array.from(ed.querySelectorAll('.view-lines .view-line'))
                    .find(e => e.style.top === num.parentElement.style.top);
                return row ? {bold: Array.from(row.querySelectorAll('.mtkb')).map(e => e.textContent)} : null;
            }""",
            line,
        )["bold"]

    def messages(self) -> list[str]:
        """Notifications and editor overlay messages (e.g. "no code actions available")."""
        return self.page.evaluate(
            """() => [
                ...Array.from(document.querySelectorAll('.notifications-toasts .monaco-list-row'))
                    .map(e => e.getAttribute('aria-label') || ''),
                ...Array.from(document.querySelectorAll('.monaco-editor-overlaymessage'))
                    .map(e => e.textContent || ''),
            ].map(t => t.trim()).filter(t => t)"""
        )

    def problems(self) -> list[str]:
        return self.page.evaluate(
            """() => Array.from(document.querySelectorAll('.markers-panel .monaco-list-row'))
                 .map(e => e.getAttribute('aria-label') || '')"""
        )

    def show_problems(self) -> None:
        self.press("Control+Shift+M")
        self.wait_visible("the Problems panel", ".markers-panel")

    def wait_problem(self, what: str, pattern: str, present: bool = True, timeout: int = WAIT_MS) -> None:
        verb = "appear in" if present else "leave"
        self.wait_js(
            f"{what} to {verb} the Problems panel (aria-label regex {pattern!r})",
            """([pattern, present]) => {
                const re = new RegExp(pattern);
                const rows = Array.from(document.querySelectorAll('.markers-panel .monaco-list-row'));
                return rows.some(e => re.test(e.getAttribute('aria-label') || '')) === present;
            }""",
            [pattern, present],
            timeout=timeout,
        )

    def status_language(self) -> str:
        return self.wait_js(
            "the language mode in the status bar",
            """() => { const e = document.getElementById('status.editor.mode');
                       return e ? e.textContent.trim() : null; }""",
        )

    def save(self, name: str) -> None:
        self.press("Control+S")
        self.wait_hidden(f"{name!r} to be saved (no dirty tab)", f'.tab.dirty[aria-label*="{name}"]')


def squash(text: str) -> str:
    """Whitespace as the editor renders it (tabs, nbsp) squashed to single spaces."""
    return re.sub(r"[\s\u00a0\u200a]+", " ", text).strip()


def cli(nianbao: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(nianbao), *args], cwd=cwd, capture_output=True, text=True, timeout=60)


# ---------------------------------------------------------------- steps


def step_table_sum_in_problems(h: Harness) -> None:
    h.open_file(QUICKFIX_FILE)
    h.show_problems()
    h.wait_problem(
        "the table-sum error of （七）总计",
        rf"^Error: “（七）总计”行“自然人”列为 0，应为 1.* at line {SUM_LINE} and character 9\.",
        timeout=STARTUP_MS,  # the first diagnostics wait for the extension host and the server
    )
    h.go_to(SUM_LINE, 9)
    # Inlay hints name each cell's column: the 自然人 cell of 总计 reads 0 before the fix.
    h.wait_line("自然人 = 0", SUM_LINE, r"^\(七\)总计 \| 自然人:0(?!\d)")
    h.shot("problems-table-sum")


def step_quick_fix_from_light_bulb(h: Harness) -> None:
    # Go to Line previews the position while one types, so on Enter the cursor may not move and
    # VS Code does not ask for code actions again. Step onto the cell as a user does.
    h.go_to(SUM_LINE, 8)
    h.press("ArrowRight")
    h.wait_js(
        f"the cursor at Ln {SUM_LINE}, Col 9",
        """(l) => Array.from(document.querySelectorAll('.statusbar-item'))
             .some(e => (e.textContent || '').trim() === `Ln ${l}, Col 9`)""",
        SUM_LINE,
    )
    # VS Code 1.99 draws the light bulb in the gutter; "auto-fix" marks a preferred (safe) fix.
    bulb = h.wait_visible(
        "the auto-fix light bulb in the gutter",
        '.editor-group-container.active .glyph-margin-widgets [class*="codicon-gutter-lightbulb-auto-fix"]',
    )
    h.wait_js(
        f"the light bulb to stand on line {SUM_LINE}",
        """(line) => {
            const ed = document.querySelector('.editor-group-container.active .editor-instance .monaco-editor');
            const bulb = ed?.querySelector('.glyph-margin-widgets [class*="codicon-gutter-lightbulb"]');
            const num = Array.from(ed?.querySelectorAll('.margin-view-overlays .line-numbers') || [])
                .find(e => e.textContent.trim() === String(line));
            return !!bulb && !!num && bulb.getBoundingClientRect().top === num.getBoundingClientRect().top;
        }""",
        SUM_LINE,
    )
    bulb.click()
    item = '.action-widget .monaco-list-row.action[aria-label="改为 1"]'
    h.wait_visible("the quick fix 改为 1 in the light bulb menu", item)
    h.shot("quick-fix-menu")
    # The menu lays a pointer block over the page until the mouse moves, as a real mouse does.
    box = h.page.locator(item).first.bounding_box()
    if box is None:
        raise StepFailed("the quick fix 改为 1 has no box on the page")
    h.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    h.wait_hidden("the menu's pointer block to go once the mouse moves", ".context-view-pointerBlock")
    h.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    h.wait_hidden("the light bulb menu to close", ".action-widget .monaco-list-row.action")
    h.wait_line("自然人 = 1", SUM_LINE, r"^\(七\)总计 \| 自然人:1(?!\d)")
    h.wait_problem("the table-sum error", r"“（七）总计”行“自然人”列", present=False)
    h.shot("after-quick-fix")
    h.save(QUICKFIX_FILE)
    saved = (h.workspace / QUICKFIX_FILE).read_text(encoding="utf-8").splitlines()
    cells = [c.strip() for c in saved[SUM_LINE - 1].split("|")]
    if cells[:3] != ["(七)总计", "1", "0"]:
        raise StepFailed(f"line {SUM_LINE} on disk after the quick fix: {saved[SUM_LINE - 1]!r}")
    check = json.loads(cli(h.nianbao, "check", "--format", "json", str(h.workspace / QUICKFIX_FILE)).stdout)
    if any(d["rule"] == "table-sum" for d in check):
        raise StepFailed(f"the CLI still reports table-sum after the quick fix: {check}")


def step_new_report_command(h: Harness) -> None:
    h.run_command("新建年度报告")
    box = ".quick-input-widget .quick-input-box input"
    h.wait_visible("the year input box", box)
    default_year = str(datetime.date.today().year - 1)
    h.wait_js(
        f"the year box to offer last year ({default_year})",
        "(y) => document.querySelector('.quick-input-widget .quick-input-box input')?.value === y",
        default_year,
    )
    # The real input box validates as the user types.
    h.page.locator(box).fill("19")
    h.wait_visible(
        "the validation message for a bad year",
        '.quick-input-widget .quick-input-message:has-text("请输入四位数字年份")',
    )
    h.shot("new-report-year")
    h.page.locator(box).fill(NEW_REPORT["year"])
    h.wait_js(
        "the validation message to clear",
        """() => !(document.querySelector('.quick-input-widget .quick-input-message')?.textContent || '')
                 .includes('请输入')""",
    )
    h.press("Enter")
    h.wait_js(
        "the unit name prompt",
        """() => (document.querySelector('.quick-input-widget')?.textContent || '').includes('单位名称')""",
    )
    h.page.locator(box).fill(NEW_REPORT["unit"])
    h.press("Enter")
    for what in ("kind", "style"):
        label = NEW_REPORT[what]
        row = f'.quick-input-widget .monaco-list-row[aria-label*="{label}"]'
        h.wait_visible(f"the {what} choice {label!r}", row)
        h.page.locator(row).first.click()
    expected = cli(
        h.nianbao,
        "new",
        "--year", NEW_REPORT["year"],
        "--unit", NEW_REPORT["unit"],
        "--kind", NEW_REPORT["kind"],
        "--style", NEW_REPORT["style"],
    ).stdout.splitlines()
    if not expected:
        raise StepFailed("`nianbao new` printed nothing")
    h.wait_visible("a new untitled editor", '.tab.active[aria-label*="Untitled"]')
    language = h.status_language()
    if language != "Markdown":
        raise StepFailed(f"the new report opened as {language!r}, not Markdown")
    compared = 0
    for n in range(1, min(12, len(expected)) + 1):
        want = squash(expected[n - 1])
        got = squash(h.editor_line(n))
        # Inlay hints (column names) may be interleaved in table rows: compare prose lines only.
        if ":" in got:
            continue
        # Markdown wraps long lines, so the first visual line of a text line is a prefix of it.
        if not (want.startswith(got) and (got or not want)):
            raise StepFailed(f"new report line {n}: editor shows {got!r}, `nianbao new` gives {want!r}")
        compared += 1
    if compared < 8:
        raise StepFailed(f"only {compared} of the first 12 lines of the new report could be compared")
    # The server lints untitled documents too: the skeleton's date is a placeholder on purpose.
    date_line = next((i + 1 for i, t in enumerate(expected) if "20XX年X月X日" in t), None)
    if date_line is None:
        raise StepFailed("`nianbao new` no longer writes the placeholder date 20XX年X月X日")
    h.wait_problem(
        "the placeholder-date error of the new report",
        rf"^Error: 日期“20XX年X月X日”仍是占位符.* at line {date_line} and character 1\.",
    )
    title = squash(expected[0])
    if NEW_REPORT["unit"] not in title or NEW_REPORT["year"] not in title:
        raise StepFailed(f"the generated title {title!r} lacks the unit or the year")
    h.shot("new-report")


def step_fix_all_command(h: Harness) -> None:
    h.open_file(FIXALL_FILE)
    language = h.status_language()
    if language != "年报 (nianbao)":
        raise StepFailed(f"{FIXALL_FILE} opened as {language!r}, not 年报 (nianbao)")
    h.show_problems()
    h.wait_problem(
        f"the table-sum error in {FIXALL_FILE}",
        rf"^Error: “（七）总计”行“自然人”列为 0.* at line {SUM_LINE} and character 9\.",
    )
    h.run_command("修复全部问题")
    # The edit lands asynchronously (the server computes it); wait for it before moving on.
    h.wait_visible("修复全部问题 to change the document (dirty tab)", f'.tab.dirty[aria-label*="{FIXALL_FILE}"]')
    h.go_to(SUM_LINE, 1)
    h.wait_line("自然人 = 1", SUM_LINE, r"^\(七\)总计 \| 自然人:1(?!\d)")
    h.wait_problem("the table-sum error", r"“（七）总计”行“自然人”列", present=False)
    # The language's grammar: section 四 is a heading, the table row 四、结转下年度继续办理 is not.
    heading, row = SUM_LINE + 2, SUM_LINE + 1
    if not "".join(h.bold_tokens(heading)).startswith("四、政府信息公开行政复议"):
        raise StepFailed(f"line {heading} (section 四) is not drawn as a heading: bold {h.bold_tokens(heading)}")
    if h.bold_tokens(row):
        raise StepFailed(f"the table row on line {row} is drawn as a heading: bold {h.bold_tokens(row)}")
    h.shot("after-fix-all")
    h.save(FIXALL_FILE)
    # Oracle: the CLI's --fix on an identical copy.
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / FIXALL_FILE
        shutil.copyfile(h.workspace.parent / "original" / FIXALL_FILE, copy)
        cli(h.nianbao, "check", "--fix", str(copy))
        want = copy.read_text(encoding="utf-8")
    got = (h.workspace / FIXALL_FILE).read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), "cli --fix", "vscode"))
        raise StepFailed(f"修复全部问题 differs from `nianbao check --fix`:\n{diff}")
    # Once more, with nothing left to fix: the user is told so, in Chinese.
    h.run_command("修复全部问题")
    h.wait_visible(
        "the notification 没有可以自动修复的问题",
        '.notifications-toasts .monaco-list-row[aria-label*="没有可以自动修复的问题"]',
    )
    if (h.workspace / FIXALL_FILE).read_text(encoding="utf-8") != got:
        raise StepFailed("修复全部问题 with nothing to fix changed the file")
    h.wait_visible("the notification to finish fading in", ".notification-toast.notification-fade-in-done")
    h.shot("nothing-to-fix")


def step_bundled_server(h: Harness) -> None:
    """The server that answered is the one inside the extension (no setting, nothing on PATH)."""
    assert h.user_data is not None
    deadline = time.monotonic() + 15
    while True:
        # The output channel's log file is written by VS Code in its own time: poll the file.
        log = extension_log(h.user_data)
        used = re.search(r"使用 \(using\) (\S+) \[(\w+)\]", log)
        if used is not None or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    if used is None:
        raise StepFailed(f"the nianbao output channel does not say which server it started:\n{log[-1500:]}")
    path, source = used.group(1), used.group(2)
    if source != "bundled" or "/server/linux-x64/nianbao" not in path:
        raise StepFailed(f"the extension started {path} [{source}], not its bundled server")
    print(f"     server: {path} [{source}]")


STEPS: list[tuple[str, Callable[[Harness], None]]] = [
    ("table-sum finding of line 54 in the Problems panel", step_table_sum_in_problems),
    ("quick fix 改为 1 from the light bulb", step_quick_fix_from_light_bulb),
    ("command 新建年度报告 from the palette", step_new_report_command),
    ("command 修复全部问题 from the palette", step_fix_all_command),
]


# ---------------------------------------------------------------- code-server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(work: Path, args) -> tuple[Path, Path, Path]:
    user_data, extensions, workspace, original = (work / d for d in ("user-data", "extensions", "workspace", "original"))
    for d in (user_data / "User", extensions, workspace, original):
        d.mkdir(parents=True)
    settings = dict(USER_SETTINGS) if args.bundled else dict(USER_SETTINGS, **{"nianbao.path": str(args.nianbao)})
    (user_data / "User" / "settings.json").write_text(json.dumps(settings, indent=2), encoding="utf-8")
    for name in (QUICKFIX_FILE, FIXALL_FILE):
        shutil.copyfile(args.report, workspace / name)
        shutil.copyfile(args.report, original / name)
    return user_data, extensions, workspace


def without_nianbao(env: dict[str, str]) -> dict[str, str]:
    """env with every PATH directory that holds a `nianbao` left out."""
    dirs = [d for d in env.get("PATH", "").split(os.pathsep) if d and not (Path(d) / "nianbao").exists()]
    env = dict(env, PATH=os.pathsep.join(dirs))
    if shutil.which("nianbao", path=env["PATH"]) is not None:
        raise StepFailed("nianbao is still on PATH")
    return env


# code-server's environment (--bundled: without nianbao on PATH).
BASE_ENV: dict[str, str] = dict(os.environ)


def install_extension(code_server: Path, user_data: Path, extensions: Path, vsix: Path, config: Path) -> None:
    out = subprocess.run(
        [str(code_server), "--config", str(config), "--user-data-dir", str(user_data),
         "--extensions-dir", str(extensions), "--install-extension", str(vsix)],
        capture_output=True, text=True, timeout=120,
        env=dict(BASE_ENV, XDG_DATA_HOME=str(config.parent / "xdg-data"),
                 XDG_CONFIG_HOME=str(config.parent / "xdg-config")),
    )
    print(out.stdout.strip())
    if out.returncode != 0 or not any(extensions.glob("nianbao.nianbao-*")):
        raise StepFailed(f"code-server --install-extension failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")


def start_code_server(code_server: Path, user_data: Path, extensions: Path, workspace: Path,
                      config: Path, log_path: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    log = open(log_path, "w")
    proc = subprocess.Popen(
        [str(code_server), "--config", str(config), "--bind-addr", f"127.0.0.1:{port}", "--auth", "none",
         "--user-data-dir", str(user_data), "--extensions-dir", str(extensions),
         "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust",
         "--disable-getting-started-override", "--ignore-last-opened", str(workspace)],
        stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        # code-server keeps a heartbeat and logs under XDG dirs: keep them in the work dir too.
        env=dict(BASE_ENV, XDG_DATA_HOME=str(config.parent / "xdg-data"),
                 XDG_CONFIG_HOME=str(config.parent / "xdg-config")),
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while True:
        if proc.poll() is not None:
            raise StepFailed(f"code-server exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url + "healthz", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline:
                raise StepFailed(f"code-server did not answer on {url} within 60s") from None
            time.sleep(0.2)  # polling a socket that is not up yet; not a wait on UI state
    return proc, url


def stop(proc: subprocess.Popen) -> None:
    """Stop code-server and what it started (extension host, nianbao lsp): its own process group."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def extension_log(user_data: Path) -> str:
    logs = sorted(user_data.glob("logs/**/*nianbao*.log"), key=lambda p: p.stat().st_mtime)
    return logs[-1].read_text(errors="replace")[-20000:] if logs else "(no nianbao output channel log found)"


def run(args) -> int:
    shots = Path(args.screenshots).resolve()
    shots.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="nianbao-vscode-e2e-"))
    config = work / "code-server.yaml"
    config.write_text("auth: none\ncert: false\n", encoding="utf-8")
    global BASE_ENV
    if args.bundled:
        BASE_ENV = without_nianbao(dict(os.environ))
    steps = [STEPS[0], ("the server is the one bundled in the .vsix", step_bundled_server), *STEPS[1:]] \
        if args.bundled else STEPS
    user_data, extensions, workspace = prepare(work, args)
    log_path = work / "code-server.log"
    install_extension(args.code_server, user_data, extensions, args.vsix, config)
    proc, url = start_code_server(args.code_server, user_data, extensions, workspace, config, log_path)
    passed = failed = 0
    h: Harness | None = None
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
            page.goto(f"{url}?folder={workspace}")
            h = Harness(page, workspace, args.nianbao, shots, log_path, user_data)
            h.wait_visible("the VS Code workbench", ".monaco-workbench .part.editor", timeout=STARTUP_MS)
            h.wait_visible("the Explorer with the workspace", f'.explorer-folders-view [aria-label*="{QUICKFIX_FILE}"]',
                           timeout=STARTUP_MS)
            for name, step in steps:
                started = time.monotonic()
                try:
                    step(h)
                except Exception as err:  # noqa: BLE001 - every failure is reported the same way
                    failed += 1
                    fail_shot = shots / f"fail-{step.__name__}.png"
                    try:
                        page.screenshot(path=str(fail_shot))
                    except Exception:  # noqa: BLE001
                        fail_shot = None
                    print(f"FAIL {name}: {err}")
                    if not isinstance(err, StepFailed):
                        traceback.print_exc()
                    print(f"  screenshot: {fail_shot}")
                    print(f"  Problems panel: {h.problems()}")
                    print(f"  messages on screen: {h.messages()}")
                    print("  --- code-server log (tail) ---\n" + log_path.read_text(errors="replace")[-2000:])
                    print("  --- nianbao output channel (tail) ---\n" + extension_log(user_data))
                    break  # later steps build on this one
                passed += 1
                print(f"ok   {name} ({time.monotonic() - started:.1f}s)")
            browser.close()
    finally:
        stop(proc)
    skipped = len(steps) - passed - failed
    print(f"screenshots in {shots}: {', '.join(h.shots_taken) if h else '(none)'}")
    if failed == 0 and not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    else:
        print(f"work dir kept: {work}")
    print(f"vscode-e2e: {passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
    return 1 if failed else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--code-server", type=Path, required=True)
    ap.add_argument("--vsix", type=Path, required=True)
    ap.add_argument("--nianbao", type=Path, required=True)
    ap.add_argument("--report", type=Path, required=True, help="seed report 002")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--screenshots", default=os.environ.get("NIANBAO_E2E_SCREENSHOTS", "vscode-e2e-screenshots"))
    ap.add_argument("--keep", action="store_true", help="keep the work dir (user data, logs)")
    ap.add_argument("--bundled", action="store_true",
                    help="the .vsix carries its server: no nianbao.path, no nianbao on PATH")
    args = ap.parse_args()
    for p in ("code_server", "vsix", "nianbao", "report"):
        setattr(args, p, getattr(args, p).resolve())
    try:
        return run(args)
    except StepFailed as err:
        print(f"FAIL setup: {err}")
        print("vscode-e2e: 0 passed, 1 failed")
        return 1


if __name__ == "__main__":
    sys.exit(main())
