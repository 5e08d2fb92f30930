//! Markdown with HTML tables, as PDF-to-Markdown converters (MinerU and its
//! kind) write a table with merged cells: the whole `<table>` on one line,
//! each merged cell once with its `rowspan`/`colspan`, sometimes `<th>`
//! header cells inside `<thead>`, upper-case tags, `&nbsp;` in blank cells,
//! or one `<tr>` per line; in some documents the headings and paragraphs
//! are HTML too (`<h2>…</h2>`, `<p align="center">…</p>`).

use super::{Part, parts};
use crate::shapes::doc::Doc;
use crate::shapes::grid::{Grid, Kind};
use crate::shapes::rng::Rng;

pub fn render(doc: &Doc) -> String {
    let mut rng = Rng::for_name(&doc.name, 0x47);
    let html_text = rng.chance(50);
    let mut out: Vec<String> = Vec::new();
    for p in parts(doc) {
        match &p {
            Part::Heading(1, t) if html_text => {
                out.push(format!("<p align=\"center\"><b>{t}</b></p>"))
            }
            Part::Heading(_, t) if html_text => out.push(format!("<h2>{t}</h2>")),
            Part::Para(t) if html_text => out.push(format!("<p>{t}</p>")),
            Part::Heading(1, t) => out.push(format!("# {t}")),
            Part::Heading(_, t) => out.push(format!("## {t}")),
            Part::Para(t) => out.push(t.to_string()),
            Part::Table(g) => out.push(table(g, &mut rng)),
        }
        out.push(String::new());
    }
    out.join("\n")
}

fn table(g: &Grid, rng: &mut Rng) -> String {
    let upper = rng.chance(15);
    let tag = |t: &str| {
        if upper {
            t.to_uppercase()
        } else {
            t.to_string()
        }
    };
    let header_cells = rng.chance(40);
    let nbsp = rng.chance(30);
    let row_per_line = rng.chance(25);
    let sep = if row_per_line { "\n" } else { "" };
    let mut out = format!("<{}>", tag("table"));
    let head = header_cells && g.header_rows > 0;
    if head {
        out.push_str(&format!("<{}>", tag("thead")));
    }
    for r in 0..g.height {
        if head && r == g.header_rows {
            out.push_str(&format!("</{}><{}>", tag("thead"), tag("tbody")));
        }
        out.push_str(sep);
        out.push_str(&format!("<{}>", tag("tr")));
        for cell in g.row(r) {
            let name = if head && r < g.header_rows && cell.kind == Kind::Header {
                tag("th")
            } else {
                tag("td")
            };
            let mut attrs = String::new();
            if cell.rowspan > 1 {
                attrs.push_str(&format!(" rowspan=\"{}\"", cell.rowspan));
            }
            if cell.colspan > 1 {
                attrs.push_str(&format!(" colspan=\"{}\"", cell.colspan));
            }
            let text = if cell.text.is_empty() && nbsp {
                "&nbsp;"
            } else {
                &cell.text
            };
            out.push_str(&format!("<{name}{attrs}>{text}</{name}>"));
        }
        out.push_str(&format!("</{}>", tag("tr")));
    }
    if head {
        out.push_str(&format!("</{}>", tag("tbody")));
    }
    out.push_str(sep);
    out.push_str(&format!("</{}>", tag("table")));
    out
}
