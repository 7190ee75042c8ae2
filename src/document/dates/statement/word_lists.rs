//! The words the statement-date heuristic knows — reporting verbs, statement nouns, words
//! that break a clause, function words, subject pronouns, the prepositions before a date
//! and the openings of a sentence that goes on with the one before — and how a word of
//! the text is looked up in them.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::words::Word;
use crate::document::bytes::{ascii_lowercase, with_lowercase};

/// Verbs that report a statement or a publication.
pub(super) const REPORTING: &str = "announce announced announces state stated states say says said tell tells told report \
    reported reports release released releases publish published publishes issue issued issues \
    write writes wrote written declare declared declares claim claimed claims allege alleged \
    alleges noted notes confirm confirmed confirms deny denied denies inform informed informs \
    presented submitted testified explained indicated acknowledged responded replied expressed \
    asserted warned reiterated affirmed disclosed revealed stressed emphasized emphasised added \
    accused voted posted tweeted circulated sent provided";

/// Nouns naming a dated statement or publication: `in a letter dated …`.
pub(super) const STATEMENT_NOUNS: &str = "statement letter report interview email speech presentation article release publication \
    briefing submission note post remarks response";

/// Words that make the text between a reporting verb and a date something other than
/// the verb's object (`stated that it will finish in 2026`).
pub(super) const CLAUSE_BREAKERS: &str = "that to will would shall should could can may might must it they he she we be is are was \
    were by until before after since during had has have if when which";

/// Words to step over between a sentence-initial date and its verb.
pub(super) const FUNCTION_WORDS: &str = "the a an of and its his her their for in on at to de prime minister foreign deputy then also \
    again publicly officially first";

/// Pronouns a sentence-opening date's subject may be (`On 3 May, it announced…`).
pub(super) const PRONOUNS: &str = "it they he she we i";

/// The lists a word is in, as bits of one byte: one lookup answers for all of them.
pub(super) const IS_REPORTING: u8 = 1;
pub(super) const IS_STATEMENT_NOUN: u8 = 2;
pub(super) const IS_CLAUSE_BREAKER: u8 = 4;
pub(super) const IS_FUNCTION_WORD: u8 = 8;
pub(super) const IS_PRONOUN: u8 = 16;

/// The words before a date that the heuristic tells apart.
const PREPOSITIONS: [&str; 4] = ["on", "in", "of", "dated"];

/// How a sentence continuing the previous one's statement opens.
pub(super) const CONTINUATIONS: &[&str] = &[
    "it added",
    "he added",
    "she added",
    "they added",
    "it further",
    "he further",
    "she further",
    "they further",
    "moreover, it",
    "moreover, he",
    "moreover, she",
    "moreover, they",
    "it also",
    "he also",
    "she also",
    "they also",
];

/// The longest of [`CONTINUATIONS`], in bytes (a test checks).
const LONGEST_CONTINUATION: usize = 14;

/// Bytes a [`key`] holds: fifteen, and their number in the top byte of a `u128`. No list
/// word is longer (a test checks), so a longer word is in no list.
pub(super) const KEY_BYTES: usize = 15;

/// Every list word by its [`key`], with the lists it is in.
///
/// A hash map, measured against the open-addressed table it replaced (callgrind, all
/// rules, JSON, `target/sub200`, the crate built as one codegen unit so that only this
/// change is measured): statement dates cost 11.58 M instructions with the table and
/// 11.76 M with the map, 0.09% of the run. A filter of the words' lengths and first
/// letters before the lookup, which the table had, made it 11.82 M.
static LISTS: LazyLock<FxHashMap<u128, u8>> = LazyLock::new(|| {
    let mut lists = FxHashMap::default();
    for (list, bit) in [
        (REPORTING, IS_REPORTING),
        (STATEMENT_NOUNS, IS_STATEMENT_NOUN),
        (CLAUSE_BREAKERS, IS_CLAUSE_BREAKER),
        (FUNCTION_WORDS, IS_FUNCTION_WORD),
        (PRONOUNS, IS_PRONOUN),
    ] {
        for w in list.split_whitespace() {
            // List words are ASCII and at most KEY_BYTES long (a test checks): each has a key.
            *lists.entry(key(w.as_bytes()).unwrap_or_default()).or_default() |= bit;
        }
    }
    lists
});

/// Which lists `word` is in once lower-cased as [`str::to_lowercase`] does.
pub(super) fn lists_of(word: &str) -> u8 {
    match key(word.as_bytes()) {
        // For ASCII, `str::to_lowercase` lower-cases byte by byte, as `key` does.
        Some(key) => lists_by_key(key),
        // Empty, or longer than any list word.
        None if word.is_ascii() => 0,
        None => non_ascii_lists(word),
    }
}

/// [`lists_of`] a word as the reader read it: from its bytes when it loaded them, which
/// spares reading the word again for its key.
#[inline]
pub(super) fn lists_of_read(word: &Word) -> u8 {
    match *word {
        Word::Loaded { start, end, lo, hi } => lists_by_key(key_of_loaded(end - start, lo, hi)),
        Word::Other(w) => lists_of(w),
    }
}

/// The lists of the word whose [`key`] is `key`.
fn lists_by_key(key: u128) -> u8 {
    LISTS.get(&key).copied().unwrap_or(0)
}

/// An ASCII word, lower-cased, as one number: its bytes, the first lowest, and their
/// number above them; `None` if it is empty, longer than [`KEY_BYTES`] or not ASCII.
/// Distinct words have distinct keys.
pub(super) fn key(word: &[u8]) -> Option<u128> {
    if word.is_empty() || word.len() > KEY_BYTES || !word.is_ascii() {
        return None;
    }
    let bytes =
        word.iter().enumerate().fold(0, |k, (i, b)| k | u128::from(b.to_ascii_lowercase()) << (8 * i));
    Some(bytes | (word.len() as u128) << (8 * KEY_BYTES))
}

/// The [`key`] of an ASCII word of `n` bytes (up to [`KEY_BYTES`]) that the reader
/// loaded: the first eight in `lo`, the rest in `hi`, each the first lowest, zero above
/// the word.
pub(super) fn key_of_loaded(n: usize, lo: u64, hi: u64) -> u128 {
    // Most words are at most eight bytes: nothing to lower-case in `hi`.
    let hi = if hi == 0 { 0 } else { ascii_lowercase(hi) };
    u128::from(ascii_lowercase(lo)) | u128::from(hi) << 64 | (n as u128) << (8 * KEY_BYTES)
}

/// [`lists_of`] for a word with a non-ASCII character.
#[cold]
#[inline(never)]
fn non_ascii_lists(word: &str) -> u8 {
    // Every list word is ASCII. Lower-casing maps each character on its own (the
    // final-sigma rule maps `Σ` to non-ASCII either way), so a character whose lower
    // case has a non-ASCII one keeps the word out of every list: `José`, `İstanbul`.
    // The lead bytes 0xc2 to 0xc9 start U+0080 to U+027F, Latin letters that all do so
    // (a test checks each): found without decoding.
    if word.bytes().any(|b| (0xc2..=0xc9).contains(&b)) || word.chars().any(lower_case_is_not_ascii) {
        return 0;
    }
    // Others may lower-case to ASCII (KELVIN SIGN to `k`): those words take the long way.
    key(word.to_lowercase().as_bytes()).map_or(0, lists_by_key)
}

/// Whether the lower case of `c` has a non-ASCII character.
fn lower_case_is_not_ascii(c: char) -> bool {
    c.to_lowercase().any(|l| !l.is_ascii())
}

/// Which of [`PREPOSITIONS`] `word` is in any case; `""` for any other word.
#[inline]
pub(super) fn preposition(word: &str) -> &'static str {
    let bytes = word.as_bytes();
    if bytes.is_ascii() {
        // Nearly every date follows a word of two letters or none. Two ASCII bytes with
        // 0x20 set spell `on`, `in` or `of` only if they are those letters in either case.
        if let [a, b] = bytes {
            return match [a | 0x20, b | 0x20] {
                [b'o', b'n'] => "on",
                [b'i', b'n'] => "in",
                [b'o', b'f'] => "of",
                _ => "",
            };
        }
        // An ASCII word lower-cases byte by byte, and the prepositions are lower case:
        // equal in any ASCII case is equal once lower-cased, without the copy.
        return PREPOSITIONS.into_iter().find(|p| bytes.eq_ignore_ascii_case(p.as_bytes())).unwrap_or("");
    }
    with_lowercase(word, |w| PREPOSITIONS.into_iter().find(|p| *p == w)).unwrap_or("")
}

/// Whether the sentence's first 24 characters, lower-cased, start with one of
/// [`CONTINUATIONS`].
pub(super) fn opens_as_continuation(sentence: &str) -> bool {
    let b = sentence.as_bytes();
    let n = b.len().min(LONGEST_CONTINUATION);
    if b[..n].is_ascii() {
        // Each continuation is ASCII and at most 14 bytes, fewer than 24 characters. With
        // the first 14 bytes (or all of a shorter sentence) ASCII, the lower case of the
        // opening starts with those bytes lower-cased one by one (lower-casing maps each
        // character on its own), so comparing them in any case is the same test without
        // making a lower-case copy of every sentence.
        return CONTINUATIONS
            .iter()
            .any(|c| b.get(..c.len()).is_some_and(|p| p.eq_ignore_ascii_case(c.as_bytes())));
    }
    let opening = sentence.char_indices().nth(24).map_or(sentence, |(i, _)| &sentence[..i]);
    with_lowercase(opening, |opening| CONTINUATIONS.iter().any(|c| opening.starts_with(c)))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: [&str; 5] = [REPORTING, STATEMENT_NOUNS, CLAUSE_BREAKERS, FUNCTION_WORDS, PRONOUNS];

    /// Which lists `word` is in, found by lower-casing it and searching the lists.
    fn lists_by_search(word: &str) -> u8 {
        let lower = word.to_lowercase();
        let bits = [IS_REPORTING, IS_STATEMENT_NOUN, IS_CLAUSE_BREAKER, IS_FUNCTION_WORD, IS_PRONOUN];
        LISTS
            .iter()
            .zip(bits)
            .filter(|(list, _)| list.split_whitespace().any(|w| w == lower))
            .map(|(_, b)| b)
            .sum()
    }

    #[test]
    fn every_list_word_is_short_lower_case_ascii_and_found_in_any_case() {
        for list in LISTS {
            for w in list.split_whitespace() {
                assert!(w.len() <= KEY_BYTES && w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
                assert_ne!(lists_of(w), 0, "{w}");
                assert_eq!(lists_of(w), lists_by_search(w), "{w}");
                assert_eq!(lists_of(&w.to_uppercase()), lists_by_search(w), "{w}");
            }
        }
        assert_eq!(lists_of("remar\u{212A}s"), IS_STATEMENT_NOUN);
        assert_eq!(lists_of("José"), 0);
        assert_eq!(lists_of(""), 0);
    }

    #[test]
    fn words_one_byte_off_a_list_word_are_looked_up_as_the_lists_say() {
        // A byte changed, inserted or cut anywhere: the key tells every ASCII word of up
        // to 15 bytes apart.
        for list in LISTS {
            for w in list.split_whitespace() {
                for at in 0..=w.len() {
                    let (head, tail) = w.split_at(at);
                    for c in (0..=0x7fu8).map(char::from) {
                        for word in
                            [format!("{head}{c}{}", tail.get(1..).unwrap_or("")), format!("{head}{c}{tail}")]
                        {
                            assert_eq!(lists_of(&word), lists_by_search(&word), "{word:?}");
                        }
                    }
                    assert_eq!(lists_of(&w[..at]), lists_by_search(&w[..at]), "{:?}", &w[..at]);
                }
            }
        }
    }

    #[test]
    fn the_longest_continuation_is_as_long_as_said() {
        assert_eq!(CONTINUATIONS.iter().map(|c| c.len()).max(), Some(LONGEST_CONTINUATION));
        assert!(CONTINUATIONS.iter().all(|c| c.is_ascii() && c.chars().count() < 24));
    }

    #[test]
    fn prepositions_are_found_in_any_case_and_script() {
        for (word, want) in
            [("on", "on"), ("ON", "on"), ("In", "in"), ("oF", "of"), ("Dated", "dated"), ("at", ""), ("", "")]
        {
            assert_eq!(preposition(word), want, "{word}");
        }
        assert_eq!(preposition("İN"), "");
        assert_eq!(preposition("DATED"), "dated");
        assert_eq!(preposition("ſo"), "");
    }

    #[test]
    fn every_character_with_a_lead_byte_from_c2_to_c9_lower_cases_to_something_not_ascii() {
        for c in '\u{80}'..='\u{27f}' {
            assert!((0xc2..=0xc9).contains(&c.to_string().as_bytes()[0]));
            assert!(c.to_lowercase().any(|l| !l.is_ascii()), "{c:?} {:?}", c.to_lowercase().to_string());
        }
        assert!(!lower_case_is_not_ascii('\u{212A}'));
        assert!(lower_case_is_not_ascii('İ'));
    }
}
