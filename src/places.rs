//! Place names: the 民政部 行政区划 list (province, prefecture and county
//! level) and the common two-character words that cannot be the name part
//! of a 乡镇/街道 (`推进镇政府` is not a town). Both are compiled in from
//! `data/` (see `scripts/foreign-unit-data.py` for sources and dates) and
//! parsed once per process, on first use.

use std::sync::OnceLock;

const DIVISIONS: &str = include_str!("../data/divisions.txt");
const COMMON_WORDS: &str = include_str!("../data/common-words.txt");

/// A division of the official list: its six-digit code and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Division {
    pub code: u32,
    pub name: &'static str,
}

impl Division {
    /// County level (区, 县, 县级市, 旗): the last two digits of the code
    /// are not 00.
    pub fn is_county(&self) -> bool {
        !self.code.is_multiple_of(100)
    }
}

/// Sorted arrays, not hash maps: built in a fraction of the time (this is
/// on the path of a single-file check and of the first keystroke), and
/// looked up by binary search.
struct Tables {
    /// Every division, sorted by name (several share a name).
    by_name: Vec<Division>,
    longest: usize,
    /// The last character of every name, sorted: most places in a text end
    /// no division name, and this says so without a search.
    last_chars: Vec<char>,
    common: Vec<&'static str>,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut by_name: Vec<Division> = DIVISIONS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|line| {
                let (code, name) = line.split_once(' ')?;
                Some(Division {
                    code: code.parse().ok()?,
                    name,
                })
            })
            .collect();
        // The data file is sorted by name; sort only if an edit broke that.
        let order = |a: &Division, b: &Division| a.name.cmp(b.name).then(a.code.cmp(&b.code));
        if !by_name.is_sorted_by(|a, b| order(a, b).is_le()) {
            by_name.sort_by(order);
        }
        let longest = by_name
            .iter()
            .map(|d| d.name.chars().count())
            .max()
            .unwrap_or(0);
        let mut last_chars: Vec<char> = by_name
            .iter()
            .filter_map(|d| d.name.chars().last())
            .collect();
        last_chars.sort_unstable();
        last_chars.dedup();
        let mut common: Vec<&'static str> = COMMON_WORDS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .collect();
        if !common.is_sorted() {
            common.sort_unstable();
        }
        Tables {
            by_name,
            longest,
            last_chars,
            common,
        }
    })
}

/// The divisions called `name` (several: 朝阳区 is in 北京 and 长春).
pub fn divisions(name: &str) -> &'static [Division] {
    let all = &tables().by_name;
    let from = all.partition_point(|d| d.name < name);
    let to = from + all[from..].partition_point(|d| d.name == name);
    &all[from..to]
}

/// The longest division name that ends at byte `end` of `text`, with its
/// start.
pub fn division_ending_at(text: &str, end: usize) -> Option<(usize, &'static [Division])> {
    let t = tables();
    let last = text.get(..end)?.chars().next_back()?;
    if t.last_chars.binary_search(&last).is_err() {
        return None;
    }
    // The starts of the last `longest` characters, nearest first, on the
    // stack; the longest name wins, so they are tried farthest first.
    let mut starts = [0usize; 32];
    let mut n = 0;
    for (i, _) in text[..end]
        .char_indices()
        .rev()
        .take(t.longest.min(starts.len()))
    {
        starts[n] = i;
        n += 1;
    }
    starts[..n]
        .iter()
        .rev()
        .find_map(|&s| Some(s).zip(Some(divisions(&text[s..end])).filter(|d| !d.is_empty())))
}

/// The county-level divisions named in `text` (a unit's name).
pub fn counties_in(text: &str) -> Vec<Division> {
    let mut out = Vec::new();
    for (end, c) in text.char_indices() {
        let end = end + c.len_utf8();
        if let Some((_, ds)) = division_ending_at(text, end) {
            out.extend(ds.iter().filter(|d| d.is_county()));
        }
    }
    out
}

/// Whether `word` is a common two-character word that is not a place name.
pub fn is_common_word(word: &str) -> bool {
    tables().common.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_data_files_are_sorted_so_no_process_sorts_them() {
        let names: Vec<(&str, u32)> = DIVISIONS
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split_once(' '))
            .map(|(c, n)| (n, c.parse().unwrap_or(0)))
            .collect();
        assert!(names.is_sorted(), "run scripts/foreign-unit-data.py");
    }

    #[test]
    fn every_name_fits_the_search_window() {
        // `division_ending_at` looks back at most 32 characters.
        assert!(tables().longest <= 32, "{}", tables().longest);
    }

    #[test]
    fn official_names_and_common_words() {
        let d = divisions("兴庆区");
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, 640104);
        assert!(d[0].is_county());
        assert!(!divisions("银川市")[0].is_county());
        assert!(divisions("推进区").is_empty());
        let t = "宁夏回族自治区吴忠市利通区人民政府";
        let end = t.find("人民政府").unwrap();
        let (s, d) = division_ending_at(t, end).unwrap();
        assert_eq!(&t[s..end], "利通区");
        assert_eq!(d[0].code, 640302);
        // The longest name wins: 沙坡头区, not 坡头区 (湛江).
        let t = "中卫市沙坡头区";
        let (s, _) = division_ending_at(t, t.len()).unwrap();
        assert_eq!(&t[s..], "沙坡头区");
        let counties: Vec<u32> = counties_in("银川市兴庆区大新镇")
            .iter()
            .map(|d| d.code)
            .collect();
        assert_eq!(counties, [640104]);
        for w in ["推进", "加强", "坚持", "督促", "按照", "全面"] {
            assert!(is_common_word(w), "{w}");
        }
        for w in ["掌政", "大新", "惠安", "镇罗", "兴隆"] {
            assert!(!is_common_word(w), "{w}");
        }
    }
}
