#!/usr/bin/env python3
"""Runs release binaries of nianbao the way their users will, on this Linux machine, and compares
what they find with a reference build (the host's `cargo build`). Called by scripts/check-release.sh,
which installs wine / qemu-user and unpacks the archives; see there for the usage.

Each platform is given as NAME=BINARY:
  linux-x64    the static x86_64 musl build, run directly
  linux-arm64  the static aarch64 musl build, run under qemu-aarch64
  windows-x64  nianbao.exe under wine (WINEPREFIX from the environment)

For every platform: the five seed reports, a copy with a Chinese file name (with a space), a
GB18030 copy and the lot as one directory give the same `--format json` findings (paths compared
by file name: Windows prints its own separators) and exit codes as the reference; `serve` answers
on loopback (the page, and /api/check finds the seed's table-sum). Windows only: human output to a
console whose code page is 936 (a Chinese Windows) reads as the right Chinese, while a control
program writing UTF-8 bytes to the same console comes out garbled (so the check can fail); and
`nianbao.exe` with no arguments (a double-click) starts the page, says how to stop it and asks
the desktop to open the browser. Prints one line per check and ends with `N passed, N failed`.
"""
from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "tests" / "fixtures").glob("00*.txt"))
CHINESE_NAME = "某某市 2020 年报（副本）.txt"
GB18030_NAME = "GB18030 编码的年报.txt"
# Seed 002: line 54's 自然人 cell should be 1 (README's first example).
TABLE_SUM_SEED = ROOT / "tests" / "fixtures" / "002_bf80b47987e57cd0.txt"
TABLE_SUM_ZH = "“（七）总计”行“自然人”列为 0，应为 1"

passed = failed = 0


def report(ok: bool, name: str, detail: str = "") -> bool:
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {name}" + (f" ({detail})" if detail else ""))
    else:
        failed += 1
        print(f"FAIL {name}" + (f": {detail}" if detail else ""))
    sys.stdout.flush()
    return ok


def normalize(findings: list) -> list:
    """Paths reduced to the file name (Windows prints backslashes, and its own absolute form)."""

    def fix(v):
        if isinstance(v, dict):
            return {k: (re.split(r"[\\/]", x)[-1] if k == "path" and isinstance(x, str) else fix(x))
                    for k, x in v.items()}
        if isinstance(v, list):
            return [fix(x) for x in v]
        return v

    out = fix(findings)
    out.sort(key=lambda d: (d["path"], d["line"], d["column"], d["rule"], d["message"]))
    return out


class Platform:
    def __init__(self, name: str, binary: Path, wrapper: list[str], env: dict[str, str]):
        self.name, self.binary, self.wrapper, self.env = name, binary, wrapper, env

    def argv(self, *args: str) -> list[str]:
        return [*self.wrapper, str(self.binary), *args]

    def run(self, *args: str, cwd: Path | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(self.argv(*args), cwd=cwd, env=self.env, capture_output=True,
                              timeout=timeout, stdin=subprocess.DEVNULL)


def findings(p: Platform, target: Path) -> tuple[int, list]:
    r = p.run("check", "--format", "json", str(target))
    try:
        data = json.loads(r.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise RuntimeError(f"{p.name}: no JSON for {target.name} (exit {r.returncode}): {e}\n"
                           f"{r.stderr.decode('utf-8', 'replace')[-2000:]}") from None
    return r.returncode, normalize(data)


def make_inputs(work: Path) -> Path:
    """The seeds, a Chinese-named copy and a GB18030 copy, in one directory."""
    d = work / "输入 inputs"
    d.mkdir()
    for s in SEEDS:
        shutil.copyfile(s, d / s.name)
    shutil.copyfile(TABLE_SUM_SEED, d / CHINESE_NAME)
    gb = TABLE_SUM_SEED.read_text(encoding="utf-8").encode("gb18030")
    if gb == TABLE_SUM_SEED.read_bytes():
        raise RuntimeError("the GB18030 copy is byte-identical to the UTF-8 seed: it tests nothing")
    (d / GB18030_NAME).write_bytes(gb)
    return d


def compare_findings(p: Platform, ref: Platform, inputs: Path) -> None:
    files = sorted(inputs.iterdir())
    total = 0
    by_name: dict[str, list] = {}
    for f in files:
        try:
            (rc, got), (ref_rc, want) = findings(p, f), findings(ref, f)
        except (RuntimeError, subprocess.TimeoutExpired) as e:
            report(False, f"{p.name}: findings for {f.name}", str(e))
            continue
        total += len(got)
        if f.name in (CHINESE_NAME, GB18030_NAME):
            by_name[f.name] = [dict(d, path="") for d in got]
        same = rc == ref_rc and got == want
        detail = f"{len(got)} findings, exit {rc}" if same else first_difference(got, want, rc, ref_rc)
        report(same, f"{p.name}: {f.name} identical to the reference", detail)
    # Both copies of seed 002 hold the same text: the GB18030 one must read the same.
    gb, utf8 = by_name.get(GB18030_NAME), by_name.get(CHINESE_NAME)
    report(gb is not None and gb == utf8, f"{p.name}: the GB18030 copy gives the UTF-8 copy's findings",
           f"{len(gb or [])} findings")
    try:
        (rc, got), (ref_rc, want) = findings(p, inputs), findings(ref, inputs)
        same = rc == ref_rc and got == want
        report(same, f"{p.name}: the folder of {len(files)} files identical to the reference",
               f"{len(got)} findings, exit {rc}" if same else first_difference(got, want, rc, ref_rc))
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        report(False, f"{p.name}: findings for the folder", str(e))
    print(f"     {p.name}: {total} findings over {len(files)} files")


def first_difference(got: list, want: list, rc: int, ref_rc: int) -> str:
    if rc != ref_rc:
        return f"exit {rc}, reference {ref_rc}"
    for i, (a, b) in enumerate(zip(got, want)):
        if a != b:
            return f"finding {i}: {json.dumps(a, ensure_ascii=False)} vs {json.dumps(b, ensure_ascii=False)}"
    return f"{len(got)} findings, reference {len(want)}"


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, headers=headers or {})
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()


def frame(files: list[tuple[str, bytes]]) -> bytes:
    """What the page sends to /api/check: each name and content, length-prefixed."""
    out = b""
    for name, data in files:
        n = name.encode("utf-8")
        out += len(n).to_bytes(4, "big") + n + len(data).to_bytes(4, "big") + data
    return out


class Started:
    """A long-running process whose output is read line by line."""

    def __init__(self, argv: list[str], env: dict[str, str], cwd: Path):
        self.proc = subprocess.Popen(argv, env=env, cwd=cwd, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        self.text = ""

    def wait_for(self, pattern: str, timeout: float) -> re.Match | None:
        deadline = time.monotonic() + timeout
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        while (m := re.search(pattern, self.text)) is None:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                return None
            self.text += chunk.decode("utf-8", "replace")
        return m

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def check_page(p: Platform, url: str, what: str) -> None:
    try:
        status, body = http(url)
        report(status == 200 and b"nianbao" in body, f"{p.name}: {what} serves the page on {url}",
               f"HTTP {status}, {len(body)} bytes")
        origin = url.rstrip("/")
        status, body = http(url + "api/check", frame([(CHINESE_NAME, TABLE_SUM_SEED.read_bytes())]),
                            {"Content-Type": "application/octet-stream", "Origin": origin})
        text = body.decode("utf-8")
        report(status == 200 and "table-sum" in text and CHINESE_NAME in text,
               f"{p.name}: {what} checks a draft sent to /api/check", f"HTTP {status}, {len(body)} bytes")
    except (OSError, UnicodeDecodeError) as e:
        report(False, f"{p.name}: {what} answers on loopback", repr(e))


def check_serve(p: Platform, work: Path) -> None:
    s = Started(p.argv("serve"), p.env, work)
    try:
        m = s.wait_for(r"http://127\.0\.0\.1:\d+/", 90)
        if not report(m is not None, f"{p.name}: serve prints its address", s.text.strip()[:200]):
            return
        check_page(p, m.group(0), "serve")
    finally:
        s.stop()


def check_double_click(p: Platform, work: Path) -> None:
    """No arguments on Windows: the page starts, the browser is asked for, the window says how
    to stop. wine's `start` hands the address to winebrowser, which runs xdg-open: a stand-in
    xdg-open on PATH records what it was given."""
    bindir = work / "fake-desktop"
    bindir.mkdir()
    opened = work / "opened.txt"
    opener = bindir / "xdg-open"
    opener.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{opened}'\n", encoding="utf-8")
    opener.chmod(0o755)
    env = dict(p.env, PATH=f"{bindir}:{p.env.get('PATH', '')}")
    s = Started(p.argv(), env, work)
    try:
        m = s.wait_for(r"http://127\.0\.0\.1:\d+/", 90)
        if not report(m is not None, f"{p.name}: no arguments starts the checking page", s.text.strip()[:300]):
            return
        url = m.group(0)
        stop_line = s.wait_for(r"关闭此窗口或按 Ctrl\+C 停止", 10)
        report(stop_line is not None, f"{p.name}: the window says 关闭此窗口或按 Ctrl+C 停止")
        check_page(p, url, "the double-clicked page")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not (opened.exists() and url in opened.read_text()):
            time.sleep(0.2)  # wine starts winebrowser in its own time; poll the file it writes
        seen = opened.read_text().strip() if opened.exists() else "(xdg-open never ran)"
        report(url in seen, f"{p.name}: the browser is asked to open the page", seen)
        print("     window text:\n       " + "\n       ".join(s.text.strip().splitlines()))
    finally:
        s.stop()


def in_console(argv: list[str], env: dict[str, str], cwd: Path, timeout: float = 120) -> bytes:
    """Runs argv on a pseudo-terminal: under wine the program then writes to a real console."""
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(cwd)
        os.execvpe(argv[0], argv, env)
    out = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO: the child closed the terminal
                break
            if not chunk:
                break
            out += chunk
    else:
        os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    os.close(fd)
    return out


def check_console(p: Platform, work: Path, inputs: Path, control_exe: Path | None) -> None:
    """Chinese in a Windows console with the code page of a Chinese Windows (936)."""
    env = dict(p.env, LANG="zh_CN.UTF-8", LC_ALL="zh_CN.UTF-8")
    env.pop("NO_COLOR", None)  # colours on, as in a real console: the escapes are stripped below
    cp = in_console(["wine", "cmd", "/c", "chcp"], env, work).decode("utf-8", "replace")
    report("936" in cp, f"{p.name}: the wine console has code page 936", cp.strip()[-40:])
    out = in_console(p.argv("check", CHINESE_NAME), env, inputs)
    try:
        text = out.decode("utf-8")
    except UnicodeDecodeError as e:
        report(False, f"{p.name}: console output is readable Chinese", repr(e))
        return
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    ok = TABLE_SUM_ZH in plain and CHINESE_NAME in plain and "\ufffd" not in plain
    line = next((l for l in plain.splitlines() if "应为 1" in l), plain[:200])
    report(ok, f"{p.name}: console shows the Chinese message and file name", line.strip())
    if control_exe is not None:
        raw = in_console(["wine", str(control_exe)], env, work).decode("utf-8", "replace")
        report("检查年报" not in raw, f"{p.name}: control: UTF-8 bytes written to the same console are garbled",
               raw.strip()[-40:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reference", type=Path, required=True, help="host build (target/debug/nianbao)")
    ap.add_argument("--control-exe", type=Path, help="Windows program writing UTF-8 bytes (console control)")
    ap.add_argument("platforms", nargs="+", help="NAME=BINARY, NAME one of linux-x64, linux-arm64, windows-x64")
    args = ap.parse_args()
    base_env = dict(os.environ, LANG="C.UTF-8", LC_ALL="C.UTF-8", NO_COLOR="1")
    ref = Platform("reference", args.reference.resolve(), [], base_env)
    work = Path(tempfile.mkdtemp(prefix="nianbao-check-release-"))
    try:
        inputs = make_inputs(work)
        for spec in args.platforms:
            name, _, binary = spec.partition("=")
            binary_path = Path(binary).resolve()
            wrapper = {"linux-x64": [], "linux-arm64": ["qemu-aarch64"], "windows-x64": ["wine"]}.get(name)
            if wrapper is None or not binary_path.is_file():
                report(False, f"{spec}: unknown platform or missing binary")
                continue
            env = dict(base_env, WINEDEBUG="-all") if name == "windows-x64" else base_env
            p = Platform(name, binary_path, wrapper, env)
            t0 = time.monotonic()
            version = p.run("--version").stdout.decode("utf-8", "replace").strip()
            report(version.startswith("nianbao "), f"{name}: runs", f"{version}, {binary_path.stat().st_size} bytes")
            compare_findings(p, ref, inputs)
            check_serve(p, work)
            if name == "windows-x64":
                check_console(p, work, inputs, args.control_exe)
                check_double_click(p, work)
            else:
                r = p.run()
                report(r.returncode == 2 and b"Usage" in r.stderr + r.stdout,
                       f"{name}: no arguments still prints the usage", f"exit {r.returncode}")
            print(f"     {name}: {time.monotonic() - t0:.1f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"check-release: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
