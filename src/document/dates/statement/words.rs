//! The words of a sentence as the statement-date heuristic reads them: maximal runs of
//! letters, digits and apostrophes of any script, each without its trailing apostrophes
//! (`Armenia’s`, `don't`, `2021`, `5km`), read from either end.
//!
//! Names read words their own way (`names/words.rs`): letters and marks only, joined
//! across inner hyphens and apostrophes (`Smith-Jones`, `O’Neil`). The two stay apart
//! because each is the definition its heuristic is tested against — here a number counts
//! as one of the words read after a date, and a hyphen splits `Foreign-Minister`; a
//! name must keep `Smith-Jones` whole to compare its spellings.
//!
//! The reader reads bytes and decodes a character only at a non-ASCII byte: splitting on
//! a character predicate decoded every character, most of the cost of finding statement
//! dates.

use super::word_lists::KEY_BYTES;
use crate::document::bytes::{HIGH_BITS, ascii_in, ascii_letters, load8};

/// The class of a byte for [`Words`]: between words, part of a word, a non-ASCII byte
/// whose character decides, or between words and a quotation mark or clause break that
/// [`words_up_to_quote_or_break`] stops at.
const GAP: u8 = 0;
const WORD: u8 = 1;
const NON_ASCII: u8 = 2;
const QUOTE_OR_BREAK: u8 = 3;

/// [`GAP`], [`WORD`], [`NON_ASCII`] or [`QUOTE_OR_BREAK`] for each byte: ASCII letters,
/// digits and `'` are word bytes, as [`char::is_alphanumeric`] has it for ASCII; `"`,
/// `;` and `:` are quotes or breaks.
static BYTE_CLASS: [u8; 256] = {
    let mut class = [GAP; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        class[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_alphanumeric() || byte == b'\'' {
            WORD
        } else if matches!(byte, b'"' | b';' | b':') {
            QUOTE_OR_BREAK
        } else {
            GAP
        };
        b += 1;
    }
    class
};

/// Whether a word has `c`: letters and digits of any script, and apostrophes.
fn is_word_char(c: char) -> bool {
    // Latin-1 and Latin Extended-A and -B letters (`é`, `ł`, `ș`) are all alphabetic but
    // for `×` and `÷` (a test checks each): no table search for accented names.
    if ('\u{c0}'..='\u{24f}').contains(&c) {
        return c != '×' && c != '÷';
    }
    c.is_alphanumeric() || c == '’' || c == '\''
}

/// The character starting at `at`, a char boundary before the end of `text`.
fn char_at(text: &str, at: usize) -> char {
    text[at..].chars().next().unwrap_or_default()
}

/// The character ending at `at`, a char boundary after the start of `text`.
fn char_before(text: &str, at: usize) -> char {
    super::super::prev_char(text, at).unwrap_or_default()
}

/// The words of a text (see the module documentation), from either end.
pub(super) struct Words<'a> {
    text: &'a str,
    /// The words not read yet lie in `front..back`, both char boundaries at word edges.
    front: usize,
    back: usize,
    /// Stop before the first `“`, `"`, `;` or `:` (only when reading from the front).
    up_to_quote_or_break: bool,
}

/// The words of `text`.
pub(super) fn words(text: &str) -> Words<'_> {
    Words { text, front: 0, back: text.len(), up_to_quote_or_break: false }
}

/// The words of `text` before its first `“`, `"`, `;` or `:` (read from the front): what
/// follows is a quotation or another clause.
pub(super) fn words_up_to_quote_or_break(text: &str) -> Words<'_> {
    Words { up_to_quote_or_break: true, ..words(text) }
}

/// `word` without its trailing `’` and `'`.
fn trim_apostrophes(word: &str) -> &str {
    // `’` ends with the byte 0x99, `'` is 0x27: a word ending otherwise keeps its end.
    match word.as_bytes().last() {
        Some(b'\'' | 0x99) => word.trim_end_matches(['’', '\'']),
        _ => word,
    }
}

/// A word read by [`Words::next_loaded`].
pub(super) enum Word<'a> {
    /// An ASCII word of up to [`KEY_BYTES`] bytes at `start..end` of the text, with its
    /// bytes as they were loaded to read it: the first eight in `lo`, the rest in `hi`,
    /// each the first lowest and zero past the word. What is asked of the word is
    /// answered from them, without reading the word again.
    Loaded { start: usize, end: usize, lo: u64, hi: u64 },
    /// Any other word, as [`Iterator::next`] reads it.
    Other(&'a str),
}

impl Word<'_> {
    /// Whether the word's first character is upper case.
    pub(super) fn starts_upper_case(&self) -> bool {
        match *self {
            Word::Loaded { lo, .. } => (lo as u8).is_ascii_uppercase(),
            Word::Other(w) => w.chars().next().is_some_and(char::is_uppercase),
        }
    }

    /// Whether the word ends with `ed` once lower-cased.
    pub(super) fn lower_case_ends_with_ed(&self) -> bool {
        match *self {
            Word::Loaded { start, end, lo, hi } => {
                let n = end - start;
                let byte = |i: usize| if i < 8 { lo >> (8 * i) } else { hi >> (8 * (i - 8)) } as u8;
                // `e` and `d` in either case, and nothing else, have these bytes with 0x20 set.
                n >= 2 && byte(n - 2) | 0x20 == b'e' && byte(n - 1) | 0x20 == b'd'
            }
            Word::Other(w) => lower_case_ends_with_ed(w),
        }
    }
}

impl<'a> Words<'a> {
    /// The next word from the front, as [`Iterator::next`] reads it, with its bytes when
    /// they are loaded on the way: an ASCII word of up to 15 bytes with at least 16 bytes
    /// from its start to the back, which are read eight at a time.
    #[inline]
    pub(super) fn next_loaded(&mut self) -> Option<Word<'a>> {
        let bytes = self.text.as_bytes();
        let mut at = self.front;
        // ASCII bytes between words that no reading stops at: skipping them is what
        // `next` does first.
        while at < self.back && BYTE_CLASS[usize::from(bytes[at])] == GAP {
            at += 1;
        }
        self.front = at;
        if at + 16 <= self.back && BYTE_CLASS[usize::from(bytes[at])] == WORD {
            // `at` starts a word: the character before it, if any, is not a word's.
            let x = load8(bytes, at);
            let (n, lo, hi) = match ascii_word_bytes(x) {
                n @ 0..8 => (n, x & low_bytes(n), 0),
                _ => {
                    let y = load8(bytes, at + 8);
                    let n = ascii_word_bytes(y);
                    (8 + n, x, y & low_bytes(n))
                }
            };
            let end = at + n;
            // The word ends at an ASCII byte that is no word's (a non-ASCII one may go on
            // with it), without an apostrophe to trim, and is at most 15 bytes long.
            if n <= KEY_BYTES && bytes[end].is_ascii() && bytes[end - 1] != b'\'' {
                self.front = end;
                return Some(Word::Loaded { start: at, end, lo, hi });
            }
        }
        self.next().map(Word::Other)
    }
}

/// Whether `word` lower-cased ends with `ed`.
pub(super) fn lower_case_ends_with_ed(word: &str) -> bool {
    let b = word.as_bytes();
    match b.len().checked_sub(2).map(|at| &b[at..]) {
        // Two ASCII bytes end the word as two characters, each lower-cased on its own.
        Some(last) if last.is_ascii() => last.eq_ignore_ascii_case(b"ed"),
        // An ASCII word of one byte lower-cases to one byte.
        None if word.is_ascii() => false,
        _ => word.to_lowercase().ends_with("ed"),
    }
}

/// How many of eight bytes, from the first, are ASCII word bytes (letters, digits, `'`).
fn ascii_word_bytes(x: u64) -> usize {
    let word = ascii_letters(x) | (ascii_in(x, b'0', b'9') | ascii_in(x, b'\'', b'\'')) & HIGH_BITS;
    ((!word & HIGH_BITS).trailing_zeros() / 8) as usize
}

/// A mask of the first `n` (up to 8) of eight bytes.
fn low_bytes(n: usize) -> u64 {
    u64::MAX.checked_shr((64 - 8 * n) as u32).unwrap_or(0)
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut at = self.front;
        // To the next word's first character.
        let start = loop {
            if at >= self.back {
                self.front = self.back;
                return None;
            }
            match BYTE_CLASS[usize::from(bytes[at])] {
                WORD => break at,
                GAP => at += 1,
                QUOTE_OR_BREAK if self.up_to_quote_or_break => {
                    self.front = self.back;
                    return None;
                }
                QUOTE_OR_BREAK => at += 1,
                _ => {
                    let c = char_at(text, at);
                    if is_word_char(c) {
                        break at;
                    }
                    if c == '“' && self.up_to_quote_or_break {
                        self.front = self.back;
                        return None;
                    }
                    at += c.len_utf8();
                }
            }
        };
        // Past its last one: ASCII word bytes in a tight loop, a character decoded only at
        // a non-ASCII byte.
        loop {
            let rest = &bytes[at..self.back];
            at += rest.iter().position(|&b| BYTE_CLASS[usize::from(b)] != WORD).unwrap_or(rest.len());
            if at == self.back || bytes[at].is_ascii() {
                break;
            }
            let c = char_at(text, at);
            if !is_word_char(c) {
                break;
            }
            at += c.len_utf8();
        }
        self.front = at;
        Some(trim_apostrophes(&text[start..at]))
    }
}

impl DoubleEndedIterator for Words<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let mut at = self.back;
        // Back to the previous word's last character.
        let end = loop {
            if at <= self.front {
                self.back = self.front;
                return None;
            }
            match BYTE_CLASS[usize::from(bytes[at - 1])] {
                WORD => break at,
                NON_ASCII => {
                    let c = char_before(text, at);
                    if is_word_char(c) {
                        break at;
                    }
                    at -= c.len_utf8();
                }
                _ => at -= 1,
            }
        };
        // Back before its first one.
        while at > self.front {
            match BYTE_CLASS[usize::from(bytes[at - 1])] {
                WORD => at -= 1,
                NON_ASCII => {
                    let c = char_before(text, at);
                    if !is_word_char(c) {
                        break;
                    }
                    at -= c.len_utf8();
                }
                _ => break,
            }
        }
        self.back = at;
        Some(trim_apostrophes(&text[at..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_letters_are_word_characters_as_unicode_has_it() {
        for c in '\u{0}'..='\u{2ff}' {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || c == '’' || c == '\'', "{c:?}");
        }
    }

    #[test]
    fn words_are_runs_of_letters_digits_and_apostrophes_without_trailing_apostrophes() {
        let s = "On 3 May, Armenia’s Foreign-Minister said: “don't”; the states' 5km² plan";
        let read: Vec<&str> = words(s).collect();
        let want = [
            "On",
            "3",
            "May",
            "Armenia’s",
            "Foreign",
            "Minister",
            "said",
            "don't",
            "the",
            "states",
            "5km²",
            "plan",
        ];
        assert_eq!(read, want);
        assert_eq!(words_up_to_quote_or_break(s).collect::<Vec<_>>(), want[..7]);
        assert_eq!(words(s).rev().take(2).collect::<Vec<_>>(), ["plan", "5km²"]);
    }
}
