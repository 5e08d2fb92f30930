//! styles.xml: which paragraph styles are headings (by name or outline
//! level, through `basedOn`), tables of contents, and the lists styles number.

use super::W_NS;
use super::parts::attr;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::collections::HashMap;

#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    /// The list the style numbers its paragraphs with: (numId, ilvl).
    num: Option<(Option<String>, Option<usize>)>,
}

#[derive(Debug, Default)]
pub(super) struct Styles {
    by_id: HashMap<String, Style>,
}

/// “heading 1”, “Heading1”, “标题 1”, “标题1” → 1.
pub(super) fn heading_level_of_name(name: &str) -> Option<u8> {
    let n = name.trim().to_lowercase();
    let rest = n
        .strip_prefix("heading")
        .or_else(|| n.strip_prefix("标题"))?;
    let digits = rest.trim();
    let level: u8 = digits.parse().ok()?;
    (1..=9).contains(&level).then_some(level)
}

impl Styles {
    pub(super) fn heading_level(&self, id: &str) -> Option<u8> {
        if self.by_id.is_empty() || !self.by_id.contains_key(id) {
            // Chinese Word names its heading styles "1", "2", …
            if let Ok(n) = id.trim().parse::<u8>() {
                return (1..=9).contains(&n).then_some(n);
            }
            return heading_level_of_name(id);
        }
        let mut cur = id;
        for _ in 0..10 {
            let s = self.by_id.get(cur)?;
            if let Some(l) = heading_level_of_name(&s.name) {
                return Some(l);
            }
            if let Some(o) = s.outline {
                return (o < 9).then_some(o + 1);
            }
            cur = s.based_on.as_deref()?;
        }
        None
    }

    /// A table of contents entry (“toc 1”, “目录 1”): not part of the text.
    pub(super) fn is_toc(&self, id: &str) -> bool {
        let name = self
            .by_id
            .get(id)
            .map_or(id.to_lowercase(), |s| s.name.to_lowercase());
        name.starts_with("toc ") || name.starts_with("目录")
    }

    /// The numbering a paragraph of style `id` gets from its style chain.
    pub(super) fn numbering(&self, id: &str) -> (Option<String>, Option<usize>) {
        let (mut num, mut lvl) = (None, None);
        let mut cur = id;
        for _ in 0..10 {
            let Some(s) = self.by_id.get(cur) else { break };
            if let Some((n, l)) = &s.num {
                num = num.or_else(|| n.clone());
                lvl = lvl.or(*l);
            }
            match &s.based_on {
                Some(b) => cur = b,
                None => break,
            }
        }
        (num, lvl)
    }
}

pub(super) fn is_w(ns: &ResolveResult) -> bool {
    matches!(ns, ResolveResult::Bound(n) if W_NS.contains(&n.as_ref()))
}

pub(super) fn parse_styles(xml: &str) -> Styles {
    let mut styles = Styles::default();
    let mut reader = NsReader::from_str(xml);
    let mut cur: Option<(String, Style)> = None;
    loop {
        let ev = reader.read_resolved_event();
        match ev {
            Ok((ns, Event::Start(e))) | Ok((ns, Event::Empty(e))) if is_w(&ns) => {
                match e.local_name().as_ref() {
                    "style" => {
                        let paragraph = attr(&e, "type").is_none_or(|t| t == "paragraph");
                        cur = match attr(&e, "styleId") {
                            Some(id) if paragraph => Some((id, Style::default())),
                            _ => None,
                        };
                    }
                    "name" => {
                        if let (Some((_, s)), Some(v)) = (cur.as_mut(), attr(&e, "val")) {
                            s.name = v;
                        }
                    }
                    "basedOn" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.based_on = attr(&e, "val");
                        }
                    }
                    "outlineLvl" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.outline = attr(&e, "val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    "numId" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.num.get_or_insert((None, None)).0 = attr(&e, "val");
                        }
                    }
                    "ilvl" => {
                        if let Some((_, s)) = cur.as_mut() {
                            s.num.get_or_insert((None, None)).1 =
                                attr(&e, "val").and_then(|v| v.trim().parse().ok());
                        }
                    }
                    _ => {}
                }
            }
            Ok((ns, Event::End(e))) if is_w(&ns) && e.local_name().as_ref() == "style" => {
                if let Some((id, s)) = cur.take() {
                    styles.by_id.insert(id, s);
                }
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => {}
        }
    }
    styles
}
