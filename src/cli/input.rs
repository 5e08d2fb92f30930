//! Reading and writing the files `check` works on, with limits: only
//! regular files are opened (a FIFO would block forever, a device never
//! end), sizes are capped before anything is read, and every refusal is a
//! Chinese message saying why. `--fix` writes through [`write_atomic`]: the
//! file is always either its old or its new bytes, whatever kills us.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Real reports are 5–50 KB of text; anything this large is not a draft,
/// and reading it would cost memory and seconds for nothing.
pub const MAX_TEXT_BYTES: u64 = 16 << 20;
/// Word files carry images; the parts read from them are capped separately
/// (`nianbao::docx`), so only the file as a whole is limited here.
pub const MAX_DOCX_BYTES: u64 = 128 << 20;
/// Published report PDFs are 0.1–5 MB (a scan of one: tens of MB, refused
/// after reading anyway); the work on a PDF is bounded separately
/// (`nianbao::front::pdf`).
pub const MAX_PDF_BYTES: u64 = 64 << 20;
/// A `nianbao.toml` is a few hundred bytes.
pub const MAX_CONFIG_BYTES: u64 = 1 << 20;

fn megabytes(n: u64) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

/// The Chinese (and English) reason an I/O error stopped a read.
pub fn io_message(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "文件不存在 (not found)".into(),
        K::PermissionDenied => "没有读取权限 (permission denied)".into(),
        _ if e.raw_os_error() == Some(40) => {
            "符号链接循环或层数过多，无法读取 (symbolic link loop)".into()
        }
        _ => format!("无法读取 ({e})"),
    }
}

fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "命名管道 FIFO";
        }
        if t.is_socket() {
            return "套接字 socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "设备 device";
        }
    }
    if t.is_dir() {
        "目录 directory"
    } else {
        "特殊文件"
    }
}

/// Why a path that is not a regular file is not read.
fn not_regular(meta: &std::fs::Metadata) -> String {
    format!(
        "不是普通文件（{}），已跳过 (not a regular file; skipped)",
        kind_of(meta)
    )
}

fn too_large(len: u64, limit: u64) -> String {
    format!(
        "文件过大（{}，上限 {}），不像年报草稿，已跳过 (file too large; skipped)",
        megabytes(len),
        megabytes(limit)
    )
}

/// The byte limit for a checked file, by its extension.
pub fn limit_for(path: &Path) -> u64 {
    let ext = path.extension().and_then(|x| x.to_str()).unwrap_or("");
    let docx = ext.eq_ignore_ascii_case("docx") || ext.eq_ignore_ascii_case("doc");
    if docx {
        MAX_DOCX_BYTES
    } else if ext.eq_ignore_ascii_case("pdf") {
        MAX_PDF_BYTES
    } else {
        MAX_TEXT_BYTES
    }
}

/// Reads a regular file of at most `limit` bytes (symbolic links followed).
pub fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    // Look before opening: opening a FIFO for reading blocks until a writer
    // comes.
    let meta = std::fs::metadata(path).map_err(|e| io_message(&e))?;
    if !meta.is_file() {
        return Err(not_regular(&meta));
    }
    if meta.len() > limit {
        return Err(too_large(meta.len(), limit));
    }
    let file = File::open(path).map_err(|e| io_message(&e))?;
    // Swapped for something else between the two looks.
    let size = match file.metadata() {
        Ok(m) if m.is_file() => m.len(),
        Ok(m) => return Err(not_regular(&m)),
        Err(e) => return Err(io_message(&e)),
    };
    // Room for the whole file and one byte more: read in one call, and the
    // extra byte tells a file that grew past the limit. (`take` hides the
    // file's size from `read_to_end`, which would otherwise grow the buffer
    // from 32 bytes, reading and copying again at each step.)
    let room = usize::try_from(size.min(limit))
        .unwrap_or(0)
        .saturating_add(1);
    read_limited_into(file, limit, Vec::with_capacity(room))
}

/// Reads at most `limit` bytes from a stream (stdin, a file that grows).
pub fn read_limited(reader: impl Read, limit: u64) -> Result<Vec<u8>, String> {
    read_limited_into(reader, limit, Vec::new())
}

fn read_limited_into(reader: impl Read, limit: u64, mut buf: Vec<u8>) -> Result<Vec<u8>, String> {
    reader
        .take(limit + 1)
        .read_to_end(&mut buf)
        .map_err(|e| io_message(&e))?;
    if buf.len() as u64 > limit {
        return Err(format!(
            "输入过大（超过 {}），已跳过 (input too large; skipped)",
            megabytes(limit)
        ));
    }
    Ok(buf)
}

/// Reads standard input: a Word file (zip) up to the .docx limit, anything
/// else up to the text limit, decided by its first bytes.
pub fn read_stdin(mut reader: impl Read) -> Result<Vec<u8>, String> {
    let mut head = Vec::new();
    (&mut reader)
        .take(4)
        .read_to_end(&mut head)
        .map_err(|e| io_message(&e))?;
    let limit = if head.starts_with(b"PK\x03\x04") {
        MAX_DOCX_BYTES
    } else if head.starts_with(b"%PDF") {
        MAX_PDF_BYTES
    } else {
        MAX_TEXT_BYTES
    };
    let rest = read_limited(reader, limit.saturating_sub(head.len() as u64))?;
    head.extend(rest);
    Ok(head)
}

/// Where text that is neither UTF-8 nor GB18030 goes wrong: the line of the
/// first byte sequence GB18030 cannot decode (in GB18030, as in UTF-8, a
/// 0x0A byte is always a line feed).
pub fn undecodable_line(bytes: &[u8]) -> Option<usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            let at = read.saturating_sub(usize::from(bad) + usize::from(after));
            Some(bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1)
        }
        _ => None,
    }
}

/// A note for a symbolic link met while walking a folder: links there are
/// not followed (a link can loop, or lead out of the folder); a link with
/// a checked extension gets a note so that nothing is skipped silently.
pub fn skipped_link_note(path: &Path) -> String {
    let target = match std::fs::metadata(path) {
        Ok(m) if m.is_file() => "指向文件",
        Ok(_) => "指向目录",
        Err(e) if e.raw_os_error() == Some(40) => "循环",
        Err(_) => "目标不存在",
    };
    format!(
        "nianbao: {}: 符号链接（{target}）未跟随，已跳过；可直接在命令行给出目标文件 (symbolic link in a folder: not followed)",
        path.display()
    )
}

/// Why `--fix` must not write `path`, if it must not: a read-only file
/// stays read-only (a rename would replace it regardless).
pub fn refuse_to_write(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    meta.permissions()
        .readonly()
        .then(|| "文件为只读，未写入修复 (read-only file; fixes not written)".to_string())
}

/// The file a write to `path` must replace: the target of a symbolic link,
/// so that the link stays a link.
fn write_target(path: &Path) -> PathBuf {
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
        && let Ok(real) = std::fs::canonicalize(path)
    {
        return real;
    }
    path.to_path_buf()
}

/// Replaces a file's contents atomically: a new file beside it (created
/// with the old file's permissions, so its contents are never more visible
/// than the old ones), written and synced, renamed over the old one, and
/// the directory synced. Killed at any point, the file holds either its old
/// or its new bytes; at worst a hidden `.NAME.nianbao-*.tmp` is left.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let path = write_target(path);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let serial = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = dir.join(format!(
        ".{name}.nianbao-{}-{serial}.tmp",
        std::process::id()
    ));
    let permissions = std::fs::metadata(&path).map(|m| m.permissions()).ok();
    let result = (|| {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        if let Some(p) = &permissions {
            use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
            options.mode(p.mode() & 0o7777);
        }
        let mut f = options.open(&tmp)?;
        write_slowly_under_test(&mut f, bytes)?;
        if let Some(p) = permissions {
            // The umask may have narrowed the mode given at creation.
            f.set_permissions(p)?;
        }
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
        return result;
    }
    // The rename itself survives a power cut only once the directory is
    // synced; not every platform can open a directory, so best effort.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Writes `bytes`; with `NIANBAO_TEST_SLOW_WRITES=N` set, in 1 KiB chunks
/// N µs apart. Fault injection for tests/crash_fix.rs only: a write takes a
/// microsecond, so without it a random kill would practically never land in
/// the middle of one, and the test could not tell an atomic write from an
/// in-place one.
fn write_slowly_under_test(f: &mut File, bytes: &[u8]) -> std::io::Result<()> {
    let pause = std::env::var("NIANBAO_TEST_SLOW_WRITES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok());
    let Some(micros) = pause else {
        return f.write_all(bytes);
    };
    for chunk in bytes.chunks(1024) {
        f.write_all(chunk)?;
        f.flush()?;
        std::thread::sleep(std::time::Duration::from_micros(micros));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undecodable_line_points_at_the_bad_bytes() {
        let (gb, _, _) = encoding_rs::GB18030.encode("第一行\n第二行\n第三");
        let mut bytes = gb.into_owned();
        assert_eq!(undecodable_line(&bytes), None);
        bytes.extend_from_slice(&[0xFF, 0x30, b'\n']);
        assert_eq!(undecodable_line(&bytes), Some(3));
    }

    #[test]
    fn limited_reads() {
        assert_eq!(read_limited(&b"abc"[..], 3).unwrap(), b"abc");
        assert!(read_limited(&b"abcd"[..], 3).unwrap_err().contains("过大"));
        assert_eq!(read_stdin(&b"ab"[..]).unwrap(), b"ab");
        assert_eq!(read_stdin(&b"PK\x03\x04zip"[..]).unwrap(), b"PK\x03\x04zip");
    }

    #[test]
    fn files_are_read_whole_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("报告.txt");
        let text = "一、总体情况\n".repeat(3000);
        std::fs::write(&path, &text).unwrap();
        let len = text.len() as u64;
        assert_eq!(read_file(&path, len).unwrap(), text.as_bytes());
        assert!(read_file(&path, len - 1).unwrap_err().contains("过大"));
        std::fs::write(&path, "").unwrap();
        assert_eq!(read_file(&path, len).unwrap(), b"");
        assert!(read_file(dir.path(), len).is_err());
    }
}
