"""Writes a text draft (tables as tab- or pipe-separated lines) as a Word
document with python-docx, the way a clerk has it: one paragraph per line,
each run of table lines a real Word table."""

import sys

import docx


def cells(line):
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    t = line.strip()
    if t.count("|") >= 2 or t.startswith("|"):
        t = t[1:] if t.startswith("|") else t
        t = t[:-1] if t.endswith("|") else t
        return [c.strip() for c in t.split("|")]
    return None


def write(text, path):
    d = docx.Document()
    rows = []

    def flush():
        if not rows:
            return
        width = max(len(r) for r in rows)
        table = d.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for i, r in enumerate(rows):
            for j, c in enumerate(r):
                table.cell(i, j).text = c
        rows.clear()

    for line in text.splitlines():
        c = cells(line)
        if c is not None:
            rows.append(c)
            continue
        flush()
        d.add_paragraph(line)
    flush()
    d.save(path)


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        write(f.read(), sys.argv[2])
