//! Stage 1: the PDF's pages as positioned glyphs and ruling lines, read
//! in-process by `hayro-interpret` (see docs/pdf-crates.md for why this
//! crate). Coordinates are PDF points with the origin at the top left of the
//! page (y grows downward), after the page's rotation and crop box.
//!
//! What is kept of the drawing: every glyph with its Unicode text, origin,
//! size and writing mode; every straight horizontal or vertical stroke and
//! every thin filled rectangle (the ruling lines of tables); whether the
//! page draws an image (a scanned page is an image and no glyph). A glyph
//! drawn twice at the same place (bold as fill + stroke, `2 Tr`, or a
//! fake bold drawn with a small offset) is kept once.

use super::PdfError;
use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::hayro_syntax::object::{Name, Object};
use hayro_interpret::hayro_syntax::{DecryptionError, LoadPdfError};
use hayro_interpret::hayro_syntax::{Filter, Pdf};
use hayro_interpret::kurbo::{Affine, BezPath, PathEl, Point, Rect, Shape};
use hayro_interpret::{
    BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps,
    InterpreterCache, InterpreterSettings, RenderContent, SoftMask, interpret_page,
};
use std::io::Read;

/// More pages than any report has; a file past it is not read (a bound on
/// the work a hostile file can ask for).
pub const MAX_PAGES: usize = 500;
/// Glyphs over the whole document (a report has 5–20 thousand).
pub const MAX_GLYPHS: usize = 500_000;
/// Path segments over the whole document.
pub const MAX_SEGMENTS: usize = 2_000_000;
/// What one stream (page content, font, form) may decode to, and all of
/// them together. The crate decodes streams whole and unbounded, so a
/// compression bomb is measured here first. (Images are never decoded.)
pub const MAX_STREAM: u64 = 32 << 20;
pub const MAX_STREAMS: u64 = 128 << 20;

/// A glyph as drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    /// The character; `None` when the font gives no Unicode for the glyph
    /// (no `ToUnicode` map): the text there cannot be read.
    pub ch: Option<char>,
    /// Origin (horizontal text: left end of the baseline).
    pub x: f32,
    pub y: f32,
    /// Font size in points (the height of an em on the page).
    pub size: f32,
    /// Shown with a vertical (Identity-V) font.
    pub vertical: bool,
}

impl Glyph {
    /// A point inside the glyph's box, used to place it in a table cell:
    /// a quarter em right of the origin and a third of an em above the
    /// baseline (vertical fonts: below the origin).
    pub fn anchor(&self) -> (f32, f32) {
        if self.vertical {
            (self.x, self.y + self.size * 0.5)
        } else {
            (self.x + self.size * 0.25, self.y - self.size * 0.3)
        }
    }
}

/// A straight ruling line: horizontal (`from..to` along x at `at` = y) or
/// vertical (`from..to` along y at `at` = x).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub horizontal: bool,
    pub at: f32,
    pub from: f32,
    pub to: f32,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// The page draws at least one image.
    pub images: bool,
}

/// The longest a filled rectangle may be across to count as a line.
const THIN: f64 = 2.5;
/// The shortest a line must be to count as a ruling line.
const MIN_RULE: f64 = 3.0;

struct Collector {
    page: Page,
    glyphs_left: usize,
    segments_left: usize,
    overflow: bool,
}

impl Collector {
    fn rule(&mut self, horizontal: bool, at: f64, a: f64, b: f64) {
        if self.segments_left == 0 {
            self.overflow = true;
            return;
        }
        self.segments_left -= 1;
        let (from, to) = if a <= b { (a, b) } else { (b, a) };
        if to - from >= MIN_RULE && at.is_finite() && from.is_finite() && to.is_finite() {
            self.page.rules.push(Rule {
                horizontal,
                at: at as f32,
                from: from as f32,
                to: to as f32,
            });
        }
    }

    /// Straight axis-parallel segments of a stroked path.
    fn stroke(&mut self, path: &BezPath) {
        let (mut start, mut last) = (Point::ZERO, Point::ZERO);
        for el in path.elements() {
            match *el {
                PathEl::MoveTo(p) => {
                    start = p;
                    last = p;
                }
                PathEl::LineTo(p) => {
                    self.segment(last, p);
                    last = p;
                }
                PathEl::ClosePath => {
                    self.segment(last, start);
                    last = start;
                }
                PathEl::QuadTo(_, p) | PathEl::CurveTo(_, _, p) => last = p,
            }
            if self.overflow {
                return;
            }
        }
    }

    fn segment(&mut self, a: Point, b: Point) {
        if (a.y - b.y).abs() < 0.5 {
            self.rule(true, (a.y + b.y) / 2.0, a.x, b.x);
        } else if (a.x - b.x).abs() < 0.5 {
            self.rule(false, (a.x + b.x) / 2.0, a.y, b.y);
        }
    }

    /// A filled path that is a thin rectangle is a line (some writers draw
    /// table borders as filled rectangles); a larger one is a shading.
    fn fill(&mut self, path: &BezPath) {
        let straight = path
            .elements()
            .iter()
            .all(|e| !matches!(e, PathEl::QuadTo(..) | PathEl::CurveTo(..)));
        if !straight {
            return;
        }
        // Each closed sub-path separately (a table's borders can be one
        // path of many rectangles).
        let mut sub = BezPath::new();
        for el in path.elements() {
            if matches!(el, PathEl::MoveTo(_)) && !sub.elements().is_empty() {
                self.thin_rect(sub.bounding_box());
                sub = BezPath::new();
            }
            sub.push(*el);
            if self.overflow {
                return;
            }
        }
        if !sub.elements().is_empty() {
            self.thin_rect(sub.bounding_box());
        }
    }

    fn thin_rect(&mut self, r: Rect) {
        if r.height() <= THIN && r.width() > r.height() {
            self.rule(true, (r.y0 + r.y1) / 2.0, r.x0, r.x1);
        } else if r.width() <= THIN && r.height() > r.width() {
            self.rule(false, (r.x0 + r.x1) / 2.0, r.y0, r.y1);
        }
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, mode: &DrawMode) {
        if self.overflow {
            return;
        }
        let path = props.transform * path.clone();
        match mode {
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => self.stroke(&path),
            DrawMode::Fill(_) => self.fill(&path),
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, _: &ClipPath) {}

    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'a>>, _: BlendMode) {}

    fn draw_glyph_run(&mut self, run: &GlyphRun<'_, 'a>, props: DrawProps<'a>, _: &DrawMode) {
        let vertical = matches!(run.writing_mode(), WritingMode::Vertical);
        for g in run.glyphs() {
            if self.glyphs_left == 0 {
                self.overflow = true;
                return;
            }
            self.glyphs_left -= 1;
            let t = props.transform * g.transform();
            let origin = t * Point::ZERO;
            let c = t.as_coeffs();
            // The glyph space is 1000 units to the em.
            let size = ((c[2] * c[2] + c[3] * c[3]).sqrt() * 1000.0) as f32;
            let (x, y) = (origin.x as f32, origin.y as f32);
            if !(x.is_finite() && y.is_finite() && size.is_finite()) {
                continue;
            }
            let size = size.clamp(0.1, 1000.0);
            let push = |page: &mut Page, ch: Option<char>, k: usize| {
                page.glyphs.push(Glyph {
                    ch,
                    // A glyph standing for several characters (a ligature):
                    // each gets its share of the advance.
                    x: x + k as f32 * size * 0.5,
                    y,
                    size,
                    vertical,
                });
            };
            match g.as_unicode() {
                Some(BfString::Char(ch)) => push(&mut self.page, Some(ch), 0),
                Some(BfString::String(s)) => {
                    for (k, ch) in s.chars().take(8).enumerate() {
                        push(&mut self.page, Some(ch), k);
                    }
                }
                None => push(&mut self.page, None, 0),
            }
        }
    }

    fn draw_image(&mut self, _: Image<'a, '_>, _: ImageDrawProps<'a>) {
        self.page.images = true;
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {}
}

/// Reads every page's glyphs and ruling lines. Runs the interpreter under
/// `catch_unwind` as a last line of defence: the crate is written not to
/// panic, but a panic on a hostile file must become an error, not a crash.
pub fn read(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    std::panic::catch_unwind(|| read_unguarded(bytes)).unwrap_or(Err(PdfError::Damaged))
}

fn read_unguarded(bytes: &[u8]) -> Result<Vec<Page>, PdfError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        LoadPdfError::Decryption(DecryptionError::PasswordProtected) => PdfError::Password,
        LoadPdfError::Decryption(DecryptionError::UnsupportedAlgorithm) => {
            PdfError::UnsupportedEncryption
        }
        LoadPdfError::Decryption(_) | LoadPdfError::Invalid => PdfError::Damaged,
    })?;
    check_streams(&pdf)?;
    let pages = pdf.pages();
    if pages.len() > MAX_PAGES {
        return Err(PdfError::TooManyPages(pages.len()));
    }
    let cache = InterpreterCache::new();
    let settings = InterpreterSettings {
        // The page's own content: annotations (comments, form fields) are
        // not the report.
        render_content: RenderContent::PAGE,
        ..InterpreterSettings::default()
    };
    let mut out = Vec::with_capacity(pages.len());
    let mut dev = Collector {
        page: Page::default(),
        glyphs_left: MAX_GLYPHS,
        segments_left: MAX_SEGMENTS,
        overflow: false,
    };
    for page in pages.iter() {
        let (width, height) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let mut ctx = Context::new(
            initial,
            Rect::new(0.0, 0.0, width as f64, height as f64),
            &cache,
            pdf.xref(),
            settings.clone(),
        );
        dev.page = Page {
            width,
            height,
            ..Page::default()
        };
        interpret_page(page, &mut ctx, &mut dev);
        if dev.overflow {
            return Err(PdfError::TooComplex);
        }
        let mut p = std::mem::take(&mut dev.page);
        drop_doubles(&mut p.glyphs);
        out.push(p);
    }
    Ok(out)
}

/// Refuses a file whose streams would decode to more than [`MAX_STREAM`]
/// each or [`MAX_STREAMS`] together (a compression bomb), measuring Flate
/// streams by inflating them into nothing, and other filters by the most
/// they can expand (LZW by 4096×, run-length by 128×).
fn check_streams(pdf: &Pdf) -> Result<(), PdfError> {
    let mut total = 0u64;
    for obj in pdf.objects() {
        let Object::Stream(s) = obj else { continue };
        let image = s
            .dict()
            .get::<Name>(b"Subtype".as_slice())
            .is_some_and(|n| n.as_ref() == b"Image");
        if image {
            continue;
        }
        let raw = s.raw_data();
        let size = match s.filters().first() {
            Some(Filter::FlateDecode) => inflated_size(&raw),
            Some(Filter::LzwDecode) => raw.len() as u64 * 4096,
            Some(Filter::RunLengthDecode) => raw.len() as u64 * 128,
            _ => raw.len() as u64,
        };
        total += size;
        if size > MAX_STREAM || total > MAX_STREAMS {
            return Err(PdfError::TooComplex);
        }
    }
    Ok(())
}

/// How many bytes Flate data inflates to, counted up to one byte past
/// [`MAX_STREAM`] (zlib-wrapped, or raw deflate as some writers emit).
fn inflated_size(data: &[u8]) -> u64 {
    let count = |r: &mut dyn Read| {
        std::io::copy(&mut r.take(MAX_STREAM + 1), &mut std::io::sink()).unwrap_or(0)
    };
    let zlib = count(&mut flate2::read::ZlibDecoder::new(data));
    if zlib > 0 {
        zlib
    } else {
        count(&mut flate2::read::DeflateDecoder::new(data))
    }
}

/// Drops a glyph drawn again at (nearly) the same place with the same
/// character: bold drawn as a fill and a stroke, or as copies offset by a
/// fraction of a point. Repeated characters in text (`00`) are a full
/// advance apart and stay.
fn drop_doubles(glyphs: &mut Vec<Glyph>) {
    let mut kept: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs.drain(..) {
        let near = |k: &Glyph| {
            k.ch == g.ch
                && k.vertical == g.vertical
                && (k.x - g.x).abs() < 0.2 * g.size
                && (k.y - g.y).abs() < 0.2 * g.size
        };
        // The copies are drawn right after the glyph or after the run they
        // belong to: look back a short way.
        let from = kept.len().saturating_sub(256);
        if !kept[from..].iter().any(near) {
            kept.push(g);
        }
    }
    *glyphs = kept;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn g(ch: char, x: f32) -> Glyph {
        Glyph {
            ch: Some(ch),
            x,
            y: 100.0,
            size: 10.0,
            vertical: false,
        }
    }

    #[test]
    fn a_glyph_drawn_twice_is_kept_once_but_repeated_characters_stay() {
        let mut v = vec![
            g('本', 10.0),
            g('本', 10.0),
            g('年', 20.0),
            g('年', 20.3),
            g('0', 30.0),
            g('0', 35.0),
        ];
        drop_doubles(&mut v);
        let s: String = v.iter().filter_map(|g| g.ch).collect();
        assert_eq!(s, "本年00");
    }
}
