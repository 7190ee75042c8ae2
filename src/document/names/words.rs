//! How names read the words of a text: letters and combining marks, joined across an
//! inner hyphen or apostrophe followed by a letter (`Smith-Jones`, `O’Neil`), possessive
//! `’s` left out of the name ([`word_at`], [`strip_possessive`]); the same words read
//! eight bytes at a time where they are ASCII, for the name gate ([`ascii_word`]); and the
//! words a text writes in lower case ([`lowercase_words`], [`written_in_lower_case`]).
//!
//! Statement dates read words their own way (`dates/statement/words.rs`): letters,
//! digits and apostrophes, split at hyphens. The two stay apart because each is the
//! definition its heuristic is tested against; a name must keep `Smith-Jones` whole to
//! compare its spellings, and holds no digits.

use std::hash::Hasher;

use memchr::memmem;
use rustc_hash::{FxHashSet, FxHasher};
use unicode_normalization::char::is_combining_mark;

use super::Span;
use crate::document::bytes::{HIGH_BITS, ascii_letters, ascii_letters_end};

/// A word starting at `pos`: letters and marks, with inner `-`, `'`, `’` followed by a
/// letter.
pub(super) fn word_at(text: &str, pos: usize, end: usize) -> Span {
    // Most words are ASCII letters to their end: those need no decoding, and are crossed
    // eight bytes at a time.
    let bytes = text.as_bytes();
    let mut i = ascii_letters_end(bytes, pos, end);
    if i == end || bytes[i].is_ascii() && !matches!(bytes[i], b'-' | b'\'') {
        return pos..i;
    }
    let from = i;
    let mut chars = text[from..end].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        let ok = c.is_alphabetic()
            || is_combining_mark(c)
            || (matches!(c, '-' | '\'' | '’') && chars.peek().is_some_and(|(_, n)| n.is_alphabetic()));
        if !ok {
            break;
        }
        i = from + off + c.len_utf8();
    }
    pos..i
}

/// `w` without a possessive `’s` or `'s`, and whether it had one; a word that is only
/// the ending keeps it.
pub(super) fn strip_possessive(w: &str) -> (&str, bool) {
    for suffix in ["’s", "'s"] {
        if let Some(stem) = w.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return (stem, true);
        }
    }
    (w, false)
}

/// The word of ASCII letters at `pos`, possessive left out, and its [`form_hash`],
/// found eight bytes at a time, if it is what [`word_at`] and [`strip_possessive`] make
/// of the word there: if it ends at `end` or on an ASCII byte other than `-` and `'`, or
/// on a possessive (`’s`, `'s`) that does. Most words are such; `None` for the rest.
#[inline]
pub(super) fn ascii_word(bytes: &[u8], pos: usize, end: usize) -> Option<AsciiWord> {
    let mut h = FxHasher::default();
    // Whole chunks need no bounds checks; the last bytes before `end` are read
    // zero-padded, and a zero byte ends a word as `end` does.
    let mut chunks = bytes[pos..end].chunks_exact(8);
    let mut k = 0;
    let (x, others) = loop {
        let x = match chunks.next() {
            Some(chunk) => u64::from_le_bytes(chunk.try_into().unwrap_or_default()),
            None => {
                let rest = chunks.remainder();
                let mut padded = [0; 8];
                padded[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(padded)
            }
        };
        let others = !ascii_letters(x) & HIGH_BITS;
        if others != 0 {
            break (x, others);
        }
        h.write_u64(x);
        k += 1;
    };
    let n = others.trailing_zeros() as usize / 8;
    let stem_end = pos + 8 * k + n;
    let after = match (x >> (8 * n)) as u8 {
        b'\'' => possessive_end(bytes, stem_end + 1, end)?,
        0xe2 if bytes[stem_end..end].starts_with("’".as_bytes()) => {
            possessive_end(bytes, stem_end + 3, end)?
        }
        b if !b.is_ascii() || b == b'-' => return None,
        _ => stem_end,
    };
    // As `form_hash` hashes the last bytes: zero-padded to eight.
    if n > 0 {
        h.write_u64(x & (u64::MAX >> (64 - 8 * n)));
    }
    Some(AsciiWord { word: pos..stem_end, hash: h.finish(), after })
}

/// A word [`ascii_word`] found.
pub(super) struct AsciiWord {
    /// Possessive left out.
    pub(super) word: Span,
    /// [`form_hash`] of the word.
    pub(super) hash: u64,
    /// Where the word [`word_at`] reads ends: after the possessive if there is one.
    pub(super) after: usize,
}

/// After an apostrophe ending at `at`: the end of an `s` there if it ends the word as
/// [`word_at`] reads it (at `end` or on an ASCII byte other than a letter, `-` and `'`).
fn possessive_end(bytes: &[u8], at: usize, end: usize) -> Option<usize> {
    let ends = |b: &u8| b.is_ascii() && !b.is_ascii_alphabetic() && !matches!(b, b'-' | b'\'');
    (at < end && bytes[at] == b's' && bytes[at + 1..end].first().is_none_or(ends)).then_some(at + 1)
}

/// The hash of a word's bytes that the name gate keys its forms by: [`FxHasher`] fed
/// them eight at a time, the last ones zero-padded, which a reader that loads eight bytes
/// at a time computes on the way ([`ascii_word`]).
pub(super) fn form_hash(bytes: &[u8]) -> u64 {
    let mut h = FxHasher::default();
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        h.write_u64(u64::from_le_bytes(c.try_into().unwrap_or_default()));
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut padded = [0u8; 8];
        padded[..rest.len()].copy_from_slice(rest);
        h.write_u64(u64::from_le_bytes(padded));
    }
    h.finish()
}

/// Every word the document writes in lower case (so its capitalised form is no name):
/// the runs of alphabetic chars that start with a lower-case one.
pub(super) fn lowercase_words(text: &str) -> FxHashSet<&str> {
    // Sized for a typical vocabulary up front: growing the set was a visible cost.
    let mut set = FxHashSet::with_capacity_and_hasher(text.len() / 16, Default::default());
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < text.len() {
        let b = bytes[pos];
        // Most words are ASCII letters ending on an ASCII byte: read without decoding.
        if b.is_ascii() {
            if !b.is_ascii_alphabetic() {
                pos += 1;
                continue;
            }
            let end = ascii_letters_end(bytes, pos, text.len());
            if bytes.get(end).is_none_or(u8::is_ascii) {
                if b.is_ascii_lowercase() {
                    set.insert(&text[pos..end]);
                }
                pos = end;
                continue;
            }
        }
        let rest = &text[pos..];
        let len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        match rest[..len].chars().next() {
            Some(first) => {
                if first.is_lowercase() {
                    set.insert(&rest[..len]);
                }
                pos += len;
            }
            None => pos += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    set
}

/// Whether `text` has `lowered` as a word in lower case: bounded by no letter either
/// side, starting with a lower-case letter — whether [`lowercase_words`] of the
/// text holds it, without building the set.
pub(super) fn written_in_lower_case(text: &str, lowered: &str) -> bool {
    if !lowered.chars().next().is_some_and(char::is_lowercase) || !lowered.chars().all(char::is_alphabetic) {
        return false;
    }
    whole_words(text, lowered, |c| !c.is_alphabetic()).next().is_some()
}

/// Where `text` has `word` with no letter right before it and, right after it, nothing or
/// a char that `ends` a word.
pub(super) fn whole_words<'a>(
    text: &'a str,
    word: &'a str,
    ends: impl Fn(char) -> bool + 'a,
) -> impl Iterator<Item = usize> + 'a {
    memmem::find_iter(text.as_bytes(), word.as_bytes()).filter(move |&at| {
        text[..at].chars().next_back().is_none_or(|c| !c.is_alphabetic())
            && text[at + word.len()..].chars().next().is_none_or(&ends)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_words_are_the_words_the_extraction_reads_possessive_left_out() {
        let text = "Norland’s Smith's Mine’s-field O'Neil Jones’s’ Ann’sé Abcdefghij’s. Ban\u{0}Abc";
        let bytes = text.as_bytes();
        let mut found = 0;
        for end in [text.len(), text.len() - 2] {
            for pos in (0..end).filter(|&p| bytes[p].is_ascii_alphabetic()) {
                let Some(AsciiWord { word, hash, after }) = ascii_word(bytes, pos, end) else { continue };
                let read = word_at(text, pos, end);
                let stem = strip_possessive(&text[read.clone()]).0;
                let want = (stem, form_hash(stem.as_bytes()), read.end);
                assert_eq!((&text[word], hash, after), want, "at {pos} before {end}");
                found += 1;
            }
        }
        assert!(found > 40, "{found}");
    }

    #[test]
    fn lower_case_words_are_found_as_the_extraction_finds_them() {
        let text = "Sal said; a salt-mine, Saltz’s salz. é-salt";
        for (word, expected) in [
            ("sal", false),
            ("said", true),
            ("salt", true),
            ("saltz", false),
            ("mine", true),
            ("salz", true),
            ("alt", false),
        ] {
            assert_eq!(written_in_lower_case(text, word), expected, "{word}");
            assert_eq!(lowercase_words(text).contains(word), expected, "{word}");
        }
    }

    proptest::proptest! {
        /// The byte-level reader of lower-case words finds what splitting the text on
        /// every char that is no letter finds (the definition it replaced).
        #[test]
        fn lower_case_words_are_the_alphabetic_runs_that_open_in_lower_case(
            text in "([a-zA-Z]{1,12}|[ .,’'-]|é|É|ſ|İ|\\u{212a}|ß|\u{301}|\u{a0}|Σ|1|\n){0,40}",
        ) {
            let by_chars: FxHashSet<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .collect();
            proptest::prop_assert_eq!(lowercase_words(&text), by_chars);
        }
    }
}
