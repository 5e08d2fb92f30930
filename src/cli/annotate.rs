//! `nianbao check --annotate`: for each Word draft checked, writes
//! `X.nianbao.docx` beside `X.docx` with one comment per finding. The
//! original is never written; the copy is written atomically.

use super::outcome::Outcome;
use nianbao::Lang;
use nianbao::front::docx::annotate::{Author, annotate, comments_for};
use std::path::{Path, PathBuf};

/// `报告.docx` → `报告.nianbao.docx`.
pub fn copy_path(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    path.with_file_name(format!("{stem}.nianbao.docx"))
}

/// Writes the annotated copies; false if one could not be written.
pub fn write_copies(outcomes: &[Outcome], lang: Lang) -> bool {
    let date = nianbao::front::docx::annotate::word_date(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    );
    let author = Author {
        date: Some(&date),
        ..Author::default()
    };
    let mut ok = true;
    for o in outcomes {
        let Outcome::Checked(r) = o else { continue };
        let path = Path::new(&r.path);
        if r.source.word().is_none() {
            eprintln!(
                "nianbao: {} 不是 .docx，不写批注版 / not a Word file: no annotated copy",
                r.path
            );
            continue;
        }
        if r.path == "<stdin>" {
            eprintln!("nianbao: 标准输入不写批注版 / no annotated copy for stdin");
            continue;
        }
        if r.path.ends_with(".nianbao.docx") {
            continue;
        }
        let target = copy_path(path);
        match write_one(path, &target, &r.text, &r.diagnostics, lang, &author) {
            Ok(n) => eprintln!(
                "nianbao: 已写入 {}（{n} 条批注）/ wrote {} ({n} comments)",
                target.display(),
                target.display()
            ),
            Err(e) => {
                eprintln!("nianbao: {}: 未写入批注版：{e}", r.path);
                ok = false;
            }
        }
    }
    ok
}

fn write_one(
    path: &Path,
    target: &Path,
    checked_text: &str,
    diagnostics: &[nianbao::Diagnostic],
    lang: Lang,
    author: &Author,
) -> Result<usize, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("无法读取 ({e})"))?;
    // The findings' offsets belong to the text that was checked.
    let now = nianbao::front::docx::to_text(&bytes).map_err(|e| e.to_string())?;
    if now.text != checked_text {
        return Err("文件在检查期间被修改 (file changed while checking)".into());
    }
    let out =
        annotate(&bytes, &comments_for(diagnostics, lang), author).map_err(|e| e.to_string())?;
    super::input::write_atomic(target, &out.bytes).map_err(|e| format!("写入失败 ({e})"))?;
    Ok(out.comments)
}
