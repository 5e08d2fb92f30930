#!/usr/bin/env bash
# A reviewer's folder of 100 reports: 50 units × 2 years (2023, 2024), each
# unit's two years paired by the cross-year rules (carry-over, repeated-text).
# Half the units copy section 五 from last year (tests/fixtures/crossyear's
# 教育局 pair), half write it anew (its 卫生健康局 pair); the unit's name is
# changed in title, text and file name. Times `nianbao check` on the folder
# with and without the cross-year rules (hyperfine, release build).
#
#     scripts/bench-folder.sh [RUNS]        # default 20 runs each
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
dir=target/bench-folder
rm -rf "$dir" && mkdir -p "$dir"
python3 - "$dir" <<'PY'
import pathlib, sys
src = pathlib.Path("tests/fixtures/crossyear")
out = pathlib.Path(sys.argv[1])
pairs = [("青石县教育局", True), ("青石县卫生健康局", False)]
names = ["东", "西", "南", "北", "中", "上", "下", "前", "后", "左",
         "右", "新", "老", "大", "小", "高", "长", "平", "安", "宁",
         "丰", "富", "康", "泰", "兴"]
n = 0
for k, town in enumerate(names):
    for unit, _ in pairs:
        new_unit = unit.replace("青石县", f"{town}山县")
        for year in (2023, 2024):
            text = (src / f"{unit}{year}年政府信息公开工作年度报告.txt").read_text(encoding="utf-8")
            text = text.replace(unit, new_unit).replace("青石县", f"{town}山县")
            (out / f"{new_unit}{year}年政府信息公开工作年度报告.txt").write_text(text, encoding="utf-8")
            n += 1
print(f"{n} reports in {out}")
PY
cargo build --release --locked --quiet
bin=target/release/nianbao
"$bin" check "$dir" | tail -1
hyperfine --warmup 3 --runs "$runs" -N \
  --command-name "100 reports, paired (carry-over, repeated-text)" \
  "$bin check --quiet --format json $dir" \
  --command-name "100 reports, cross-year rules off" \
  "$bin check --quiet --format json --disable carry-over --disable repeated-text $dir"
