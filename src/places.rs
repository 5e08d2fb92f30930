//! Place names: the 民政部 行政区划 list (province, prefecture and county
//! level) and the common two-character words that cannot be the name part
//! of a 乡镇/街道 (`推进镇政府` is not a town). Both come from `data/` (see
//! `scripts/foreign-unit-data.py` for sources and dates) and are turned into
//! sorted arrays by `build.rs`: nothing is parsed at run time (that cost half
//! of a single-file check), and lookups are binary searches.

/// A division of the official list: its six-digit code and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Division {
    pub code: u32,
    /// The name's place in `NAMES`.
    at: u32,
    len: u8,
}

impl Division {
    pub fn name(&self) -> &'static str {
        let at = self.at as usize;
        NAMES.get(at..at + self.len as usize).unwrap_or("")
    }

    /// County level (区, 县, 县级市, 旗): the last two digits of the code
    /// are not 00.
    pub fn is_county(&self) -> bool {
        !self.code.is_multiple_of(100)
    }
}

// NAMES and BY_NAME (several divisions share a name), LONGEST, LAST_CHARS
// (most places in a text end no division name, and this says so without a
// search), WORDS and WORD_ENDS.
include!(concat!(env!("OUT_DIR"), "/places_data.rs"));

/// The divisions called `name` (several: 朝阳区 is in 北京 and 长春).
pub fn divisions(name: &str) -> &'static [Division] {
    let all = &BY_NAME;
    let from = all.partition_point(|d| d.name() < name);
    let to = from + all[from..].partition_point(|d| d.name() == name);
    &all[from..to]
}

/// The longest division name that ends at byte `end` of `text`, with its
/// start.
pub fn division_ending_at(text: &str, end: usize) -> Option<(usize, &'static [Division])> {
    let last = text.get(..end)?.chars().next_back()?;
    if LAST_CHARS.binary_search(&last).is_err() {
        return None;
    }
    // The starts of the last `longest` characters, nearest first, on the
    // stack; the longest name wins, so they are tried farthest first.
    let mut starts = [0usize; 32];
    let mut n = 0;
    for (i, _) in text[..end]
        .char_indices()
        .rev()
        .take(LONGEST.min(starts.len()))
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
    let (mut lo, mut hi) = (0, WORD_ENDS.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match common_word(mid).cmp(word) {
            std::cmp::Ordering::Less => lo = mid + 1,
            std::cmp::Ordering::Greater => hi = mid,
            std::cmp::Ordering::Equal => return true,
        }
    }
    false
}

/// The `k`th common word.
fn common_word(k: usize) -> &'static str {
    let start = k.checked_sub(1).map_or(0, |j| WORD_ENDS[j] as usize);
    WORDS.get(start..WORD_ENDS[k] as usize).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_arrays_are_sorted_for_binary_search() {
        // build.rs refuses unsorted data files; this guards its output.
        assert!(BY_NAME.is_sorted_by_key(|d| (d.name(), d.code)));
        assert!(LAST_CHARS.is_sorted());
        let words: Vec<&str> = (0..WORD_ENDS.len()).map(common_word).collect();
        assert!(words.is_sorted());
        assert!(BY_NAME.len() > 3000 && words.len() > 5000);
        assert!(BY_NAME.iter().all(|d| !d.name().is_empty()));
        assert!(words.iter().all(|w| w.chars().count() == 2));
        // Every word is found, and nothing between them.
        assert!(words.iter().all(|w| is_common_word(w)));
        assert!(!is_common_word("") && !is_common_word("一") && !is_common_word("齰齰"));
    }

    #[test]
    fn every_name_fits_the_search_window() {
        // `division_ending_at` looks back at most 32 characters.
        const { assert!(LONGEST <= 32) };
        let longest = BY_NAME.iter().map(|d| d.name().chars().count()).max();
        assert_eq!(longest, Some(LONGEST));
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
