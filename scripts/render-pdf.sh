#!/usr/bin/env bash
# Regenerates tests/fixtures/shapes/pdf/: real PDFs and PDF text for the
# shape suite. Writes the .docx rendering of every canonical document
# (tests/shapes.rs), turns each into PDF with LibreOffice and extracts its
# text three ways: `pdftotext -layout`, plain `pdftotext` (poppler-utils) and
# pypdf; and keeps the PDF of the same .docx with its tables' borders drawn
# (the `pdf` rendering, read by nianbao's own PDF front end) and the PDF
# without borders (`pdf-unruled`: tables from glyph positions alone). The PDFs, the
# texts and a MANIFEST (a fingerprint of each canonical
# document they were made from) are committed; CI reads them and needs none
# of these tools.
#
# Needs: libreoffice-writer, poppler-utils, a CJK font (fonts-noto-cjk), and
# pypdf (`pip install pypdf`). On Debian:
#   apt-get install -y --no-install-recommends libreoffice-writer poppler-utils fonts-noto-cjk
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in soffice pdftotext python3; do
  command -v "$tool" >/dev/null || { echo "render-pdf: $tool not found" >&2; exit 2; }
done
python3 -c 'import pypdf' 2>/dev/null || { echo "render-pdf: pip install pypdf" >&2; exit 2; }

echo "== renderings (NIANBAO_SHAPES_WRITE=1 cargo test --test shapes)"
rm -rf target/shapes
NIANBAO_SHAPES_WRITE=1 cargo test -q --test shapes renderings_are_deterministic >/dev/null

work=target/shapes-pdf
rm -rf "$work"
mkdir -p "$work"
for dir in target/shapes/*/; do
  name=$(basename "$dir")
  cp "$dir/docx.docx" "$work/$name.docx"
done

# The `pdf` rendering: the same documents with the single borders the
# official templates draw round every cell (the suite's .docx has none), so
# the export has the ruling lines of a real report's tables.
mkdir -p "$work/ruled"
python3 - "$work" <<'PY'
import sys, zipfile, glob, os
borders = ('<w:tblBorders>' + ''.join(
    f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for s in ["top", "left", "bottom", "right", "insideH", "insideV"]) + '</w:tblBorders>')
for src in glob.glob(os.path.join(sys.argv[1], "*.docx")):
    dst = os.path.join(sys.argv[1], "ruled", os.path.basename(src))
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.decode("utf-8").replace("<w:tblLook", borders + "<w:tblLook").encode("utf-8")
            zout.writestr(item, data)
PY

echo "== LibreOffice: .docx -> .pdf"
for d in "$work" "$work/ruled"; do
  soffice -env:UserInstallation="file://$PWD/$work/profile" --headless \
    --convert-to pdf --outdir "$d" "$d"/*.docx >/dev/null
done

out=tests/fixtures/shapes/pdf
rm -rf "$out"
mkdir -p "$out"
echo "== text"
for pdf in "$work"/*.pdf; do
  name=$(basename "$pdf" .pdf)
  cp "$work/ruled/$name.pdf" "$out/$name.pdf"
  cp "$pdf" "$out/$name.unruled.pdf"
  pdftotext -enc UTF-8 -layout "$pdf" "$out/$name.pdftotext-layout.text"
  pdftotext -enc UTF-8 "$pdf" "$out/$name.pdftotext.text"
  python3 - "$pdf" "$out/$name.pypdf.text" <<'PY'
import sys
from pypdf import PdfReader
pages = [p.extract_text() or "" for p in PdfReader(sys.argv[1]).pages]
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(pages) + "\n")
PY
done

python3 scripts/shapes-manifest.py "$out/MANIFEST" tests/fixtures/shapes/docs/*.doc
ls "$out" | wc -l | xargs echo "== wrote files:"
