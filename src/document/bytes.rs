//! Byte-level helpers the extractors share: eight bytes tested at once (SWAR) to pass
//! over long runs of prose without decoding characters.

/// The high bit of each of eight bytes.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Eight bytes from `at` as one word, the first in the lowest byte.
pub(crate) fn load8(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap_or_default())
}

/// Of eight bytes, those that are ASCII in `lo..=hi`: each such byte's high bit is set
/// in the result (SWAR), the rest is noise to mask with [`HIGH_BITS`].
pub(crate) fn ascii_in(x: u64, lo: u8, hi: u8) -> u64 {
    let low = x & !HIGH_BITS;
    // Adding 0x80 − lo sets a byte's high bit iff it is ≥ lo, adding 0x7f − hi iff it is
    // > hi; seven-bit bytes never carry into their neighbour.
    let at_least_lo = low + u64::from(0x80 - lo) * 0x0101_0101_0101_0101;
    let above_hi = low + u64::from(0x7f - hi) * 0x0101_0101_0101_0101;
    at_least_lo & !above_hi & !x
}

/// Of eight bytes, those that are ASCII letters of either case, as their high bits: a
/// letter's byte with 0x20 set is one of `a` to `z`, and no other byte's is.
pub(crate) fn ascii_letters(x: u64) -> u64 {
    ascii_in(x | 0x2020_2020_2020_2020, b'a', b'z') & HIGH_BITS
}

/// Eight ASCII bytes lower-cased: 0x20 added to each of `A` to `Z`, as
/// [`u8::to_ascii_lowercase`] does.
pub(crate) fn ascii_lowercase(x: u64) -> u64 {
    x | (ascii_in(x, b'A', b'Z') & HIGH_BITS) >> 2
}

/// Where the run of ASCII letters from `from` ends, at `end` at the latest: eight bytes
/// tested at a time.
pub(crate) fn ascii_letters_end(bytes: &[u8], from: usize, end: usize) -> usize {
    let mut i = from;
    while i + 8 <= end {
        let others = !ascii_letters(load8(bytes, i)) & HIGH_BITS;
        if others != 0 {
            return i + others.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    while i < end && bytes[i].is_ascii_alphabetic() {
        i += 1;
    }
    i
}

/// A set of ASCII characters as a bitmask: membership is one shift, where searching a
/// string of them ran `memchr` for every char tested.
#[derive(Clone, Copy)]
pub(crate) struct AsciiSet(u128);

impl AsciiSet {
    pub(crate) const fn new(chars: &[u8]) -> AsciiSet {
        let mut mask = 0;
        let mut i = 0;
        while i < chars.len() {
            assert!(chars[i].is_ascii());
            mask |= 1 << chars[i];
            i += 1;
        }
        AsciiSet(mask)
    }

    pub(crate) fn contains(self, c: char) -> bool {
        (c as u32) < 128 && self.0 >> (c as u32) & 1 == 1
    }
}

/// Call `f` with `s` lower-cased as [`str::to_lowercase`] does, without allocating for
/// the short ASCII words that are compared with word lists and sets: lower-casing
/// allocated once per date and per word read around it.
pub(crate) fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    // Most words of prose are lower case already: no copy to make.
    if s.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
        return f(s);
    }
    let mut buf = [0u8; 32];
    match buf.get_mut(..s.len()) {
        Some(lower) if s.is_ascii() => {
            lower.copy_from_slice(s.as_bytes());
            lower.make_ascii_lowercase();
            f(std::str::from_utf8(lower).unwrap_or_default())
        }
        _ => f(&s.to_lowercase()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_and_lower_case_agree_with_the_byte_methods_at_every_position() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[pos] = b;
                let x = load8(&bytes, 0);
                let letter = if b.is_ascii_alphabetic() { 0x80u64 << (8 * pos) } else { 0 };
                assert_eq!(ascii_letters(x) & (0xff << (8 * pos)), letter, "byte {b:#x} at {pos}");
                if b.is_ascii() {
                    let want = bytes.map(|c| c.to_ascii_lowercase());
                    assert_eq!(ascii_lowercase(x).to_le_bytes(), want, "byte {b:#x} at {pos}");
                }
            }
        }
    }

    #[test]
    fn ascii_in_marks_exactly_the_bytes_in_range_at_every_position() {
        for b in 0..=255u8 {
            for pos in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[pos] = b;
                let hits = ascii_in(load8(&bytes, 0), b'0', b'9') & HIGH_BITS;
                let expected = if b.is_ascii_digit() { 0x80u64 << (8 * pos) } else { 0 };
                assert_eq!(hits, expected, "byte {b:#x} at {pos}");
            }
        }
    }

    #[test]
    fn an_ascii_set_holds_exactly_its_chars() {
        let list = "/@#_\\=:.<>`*$%&~|";
        let set = AsciiSet::new(list.as_bytes());
        for c in (0..0x3000).filter_map(char::from_u32).chain(['\u{1F600}', char::MAX]) {
            assert_eq!(set.contains(c), list.contains(c), "{c:?}");
        }
    }
}
