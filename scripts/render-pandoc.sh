#!/usr/bin/env bash
# Regenerates tests/fixtures/shapes/pandoc/: Word drafts converted to
# Markdown and text by pandoc, as offices turn a .docx into Markdown.
# Writes the .docx rendering of every canonical document (tests/shapes.rs)
# and converts each with pandoc to: its Markdown (multiline tables),
# GitHub Markdown (pipe tables), CommonMark (merged cells as raw HTML
# tables, one tag per line), grid tables, and plain text.
# The texts and a MANIFEST (a fingerprint of each canonical document they
# were made from) are committed; CI reads them and needs no pandoc.
#
# Needs: pandoc (Debian: apt-get install -y --no-install-recommends pandoc).
set -euo pipefail
cd "$(dirname "$0")/.."

command -v pandoc >/dev/null || { echo "render-pandoc: pandoc not found" >&2; exit 2; }

echo "== renderings (NIANBAO_SHAPES_WRITE=1 cargo test --test shapes)"
rm -rf target/shapes
NIANBAO_SHAPES_WRITE=1 cargo test -q --test shapes renderings_are_deterministic >/dev/null

out=tests/fixtures/shapes/pandoc
rm -rf "$out"
mkdir -p "$out"
echo "== pandoc $(pandoc --version | head -1 | cut -d' ' -f2): .docx -> Markdown, text"
for dir in target/shapes/*/; do
  name=$(basename "$dir")
  [ -f "tests/fixtures/shapes/docs/$name.doc" ] || continue
  docx="$dir/docx.docx"
  pandoc -f docx -t markdown "$docx" -o "$out/$name.markdown.md"
  pandoc -f docx -t gfm "$docx" -o "$out/$name.gfm.md"
  pandoc -f docx -t commonmark "$docx" -o "$out/$name.commonmark.md"
  pandoc -f docx -t markdown-multiline_tables-simple_tables "$docx" -o "$out/$name.grid.md"
  pandoc -f docx -t plain "$docx" -o "$out/$name.plain.md"
done

python3 scripts/shapes-manifest.py "$out/MANIFEST" tests/fixtures/shapes/docs/*.doc
ls "$out" | wc -l | xargs echo "== wrote files:"
