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

#[cfg(test)]
mod tests {
    use super::*;

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
}
