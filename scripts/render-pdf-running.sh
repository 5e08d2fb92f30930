#!/usr/bin/env bash
# Regenerates tests/fixtures/pdf-running/: LibreOffice PDFs of shape-suite
# documents with running page headers and footers, as published reports
# print them (the report's title, a rule, the unit's name, `第 N 页 共 M 页`,
# `— N —`, a date), for tests/pdf.rs. The bodies are the `pdf` rendering's
# (scripts/render-pdf.sh: the suite's .docx with its tables' borders drawn),
# so each PDF must read to the values and findings of
# tests/fixtures/shapes/pdf/NAME.pdf, which has no running lines.
#
#   NAME.running.pdf        header on every page (the title over a rule);
#                           footer: the unit's name, then 第 N 页 共 M 页
#   NAME.running-repeat.pdf the same, and tables 三 and 四 repeat their
#                           three header rows on every page they run onto
#   NAME.running-unruled.pdf the same without the tables' borders (as the
#                           `pdf-unruled` rendering: NAME.unruled.pdf)
#   NAME.running-first.pdf  a different first page: page 1 has only `— 1 —`;
#                           pages 2..n: the title and a date, a site's name
#                           and `— N —`
#   one-page.running.pdf    one page with a header and a footer: nothing
#                           proves them running lines, so they are kept
#
# Needs: libreoffice-writer and a CJK font (fonts-noto-cjk). A MANIFEST holds
# the fingerprint of each canonical document used, as render-pdf.sh's does.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v soffice >/dev/null || { echo "render-pdf-running: soffice not found" >&2; exit 2; }

echo "== renderings (NIANBAO_SHAPES_WRITE=1 cargo test --test shapes)"
rm -rf target/shapes
NIANBAO_SHAPES_WRITE=1 cargo test -q --test shapes renderings_are_deterministic >/dev/null

work=target/pdf-running
rm -rf "$work"
mkdir -p "$work"
python3 - "$work" filled-2021a seed-004 <<'PY'
import sys, zipfile, os, re

work, names = sys.argv[1], sys.argv[2:]
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
borders = ('<w:tblBorders>' + ''.join(
    f'<w:{s} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
    for s in ["top", "left", "bottom", "right", "insideH", "insideV"]) + '</w:tblBorders>')


def run(text):
    return f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def field(instr, shown):
    return f'<w:fldSimple w:instr="{instr}">{run(shown)}</w:fldSimple>'


def para(runs, jc="center", rule=False, tab=None):
    ppr = f'<w:jc w:val="{jc}"/>'
    if rule:
        ppr = '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>' + ppr
    if tab:
        ppr = f'<w:tabs><w:tab w:val="right" w:pos="{tab}"/></w:tabs>' + ppr
    return f'<w:p><w:pPr>{ppr}</w:pPr>{"".join(runs)}</w:p>'


def part(tag, paras):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag} {W}>{"".join(paras)}</w:{tag}>'


def title_of(doc):
    m = re.search(r'<w:t[^>]*>([^<]*年度报告)</w:t>', doc)
    return m.group(1) if m else "政府信息公开工作年度报告"


def unit_of(title):
    return re.split(r'\s*\d{4}\s*年', title)[0]


def write(src, dst, parts, first_page=False, repeat=False, body=None, ruled=True):
    """Copies the .docx `src` to `dst` with the tables' borders drawn (unless
    not `ruled`) and the header/footer `parts` {(kind, type): xml}
    referenced by the section."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        refs = ""
        for i, ((kind, typ), xml) in enumerate(parts.items()):
            refs += f'<w:{kind}Reference w:type="{typ}" r:id="rIdRun{i}"/>'
        for item in zin.infolist():
            data = zin.read(item.filename).decode("utf-8")
            if item.filename == "word/document.xml":
                if body is not None:
                    data = re.sub(r'<w:body>.*?(<w:sectPr)', '<w:body>' + body + r'\1', data, flags=re.S)
                if ruled:
                    data = data.replace("<w:tblLook", borders + "<w:tblLook")
                if repeat:
                    # The first three rows of tables 三 and 四 (the 2nd
                    # and 3rd tables) repeat on every page.
                    tables = data.split("<w:tbl>")
                    for t in (2, 3):
                        if t < len(tables):
                            rows = tables[t].split("<w:tr>")
                            for r in range(1, min(4, len(rows))):
                                rows[r] = '<w:trPr><w:tblHeader/></w:trPr>' + rows[r]
                            tables[t] = "<w:tr>".join(rows)
                    data = "<w:tbl>".join(tables)
                # The page of the `pdf` rendering (A4, LibreOffice's 1 inch
                # margins), header and footer half an inch from the edge.
                sect = ('<w:sectPr>' + refs +
                        '<w:pgSz w:w="11906" w:h="16838"/>'
                        '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" '
                        'w:header="720" w:footer="720" w:gutter="0"/>' +
                        ('<w:titlePg/>' if first_page else '') + '</w:sectPr>')
                data = re.sub(r'<w:sectPr>.*?</w:sectPr>', sect, data, flags=re.S)
            elif item.filename == "word/_rels/document.xml.rels":
                rels = "".join(
                    f'<Relationship Id="rIdRun{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{kind}{i}.xml"/>'
                    for i, (kind, _) in enumerate(parts))
                data = data.replace("</Relationships>", rels + "</Relationships>")
            elif item.filename == "[Content_Types].xml":
                types = "".join(
                    f'<Override PartName="/word/{kind}{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"/>'
                    for i, (kind, _) in enumerate(parts))
                data = data.replace("</Types>", types + "</Types>")
            zout.writestr(item, data.encode("utf-8"))
        for i, ((kind, _), xml) in enumerate(parts.items()):
            zout.writestr(f"word/{kind}{i}.xml", xml.encode("utf-8"))


page_of = [run("第 "), field("PAGE", "1"), run(" 页 共 "), field("NUMPAGES", "1"), run(" 页")]
dashed = [run("— "), field("PAGE", "1"), run(" —")]
for name in names:
    src = f"target/shapes/{name}/docx.docx"
    with zipfile.ZipFile(src) as z:
        title = title_of(z.read("word/document.xml").decode("utf-8"))
    unit = unit_of(title)
    every = {
        ("header", "default"): part("hdr", [para([run(title)], rule=True)]),
        ("footer", "default"): part("ftr", [para([run(unit)]), para(page_of)]),
    }
    write(src, f"{work}/{name}.running.docx", every)
    write(src, f"{work}/{name}.running-repeat.docx", every, repeat=True)
    write(src, f"{work}/{name}.running-unruled.docx", every, ruled=False)
    first = {
        ("header", "default"): part("hdr", [para([run(title), run("\t"), run("2024年1月20日")], jc="left", tab=8300)]),
        ("footer", "default"): part("ftr", [para([run("某某市人民政府门户网站")], jc="right"), para(dashed)]),
        ("header", "first"): part("hdr", [para([])]),
        ("footer", "first"): part("ftr", [para(dashed)]),
    }
    write(src, f"{work}/{name}.running-first.docx", first, first_page=True)

# One page: a header and a footer a single page cannot prove running.
body = "".join(
    f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
    for t in ["某某市生态环境局2023年政府信息公开工作年度报告",
              "本报告根据《中华人民共和国政府信息公开条例》要求编制。",
              "一、总体情况",
              "2023年，本机关扎实推进政府信息公开工作。"])
write(f"target/shapes/{names[0]}/docx.docx", f"{work}/one-page.running.docx", {
    ("header", "default"): part("hdr", [para([run("某某市人民政府信息公开专栏")], rule=True)]),
    ("footer", "default"): part("ftr", [para([run("某某市生态环境局")]), para(page_of)]),
}, body=body)
PY

echo "== LibreOffice: .docx -> .pdf"
soffice -env:UserInstallation="file://$PWD/$work/profile" --headless \
  --convert-to pdf --outdir "$work" "$work"/*.docx >/dev/null

out=tests/fixtures/pdf-running
rm -rf "$out"
mkdir -p "$out"
cp "$work"/*.pdf "$out/"
python3 scripts/shapes-manifest.py "$out/MANIFEST" \
  tests/fixtures/shapes/docs/filled-2021a.doc tests/fixtures/shapes/docs/seed-004.doc
ls "$out"
