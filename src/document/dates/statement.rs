//! The statement date of a citing sentence: the date that scopes a reported statement
//! or publication (`On 12 June 2021, the ministry announced…`), as opposed to a date
//! that is the subject matter (`during the 1992–1994 conflict`).

use std::sync::LazyLock;

use super::{DateMention, Dates};
use crate::document::bytes::{
    HIGH_BITS, ascii_in, ascii_letters, ascii_lowercase, load4, load8, with_lowercase,
};
use crate::document::sentences::sentence_around;
use crate::document::{Document, Span};

/// The lists a word is in, as bits: [`REPORTING`], [`STATEMENT_NOUNS`],
/// [`CLAUSE_BREAKERS`], [`FUNCTION_WORDS`], and the subject pronouns [`PRONOUNS`].
const IS_REPORTING: u8 = 1;
const IS_STATEMENT_NOUN: u8 = 2;
const IS_CLAUSE_BREAKER: u8 = 4;
const IS_FUNCTION_WORD: u8 = 8;
const IS_PRONOUN: u8 = 16;

/// Pronouns a sentence-opening date's subject may be (`On 3 May, it announced…`).
const PRONOUNS: &str = "it they he she we i";

/// Bytes a list key holds: fifteen, and their number in the top byte of a `u128`. No
/// list word is longer (a test checks), so a longer word is in no list.
const KEY_BYTES: usize = 15;

/// Slots of the list table: a power of two, over three times the number of words, so
/// that probes stay short.
const SLOTS: usize = 512;

/// Every list word by its [`ascii_key`], in an open-addressed table (linear probing;
/// the key 0, which no word has, marks an empty slot).
///
/// A lookup is a multiplication and a compare or two: looking words up in a hash map
/// cost more than the rest of finding statement dates. Lookups are exact whatever the
/// hash, which only decides how far a probe goes.
struct Lists {
    slots: Box<[(u128, u8); SLOTS]>,
    /// By length, the first letters of list words (bit 0 for `a`): a word whose first
    /// letter is not among them is in no list, and needs no key or probe.
    initials: [u32; KEY_BYTES + 1],
    /// The same for [`REPORTING`] alone.
    reporting_initials: [u32; KEY_BYTES + 1],
}

impl Lists {
    fn build() -> Lists {
        let mut slots = Box::new([(0u128, 0u8); SLOTS]);
        let mut initials = [0; KEY_BYTES + 1];
        let mut reporting_initials = [0; KEY_BYTES + 1];
        for (list, bit) in [
            (REPORTING, IS_REPORTING),
            (STATEMENT_NOUNS, IS_STATEMENT_NOUN),
            (CLAUSE_BREAKERS, IS_CLAUSE_BREAKER),
            (FUNCTION_WORDS, IS_FUNCTION_WORD),
            (PRONOUNS, IS_PRONOUN),
        ] {
            for w in list.split_whitespace() {
                // List words are lower-case letters (a test checks), at most KEY_BYTES long.
                let initial = 1 << (w.as_bytes()[0] - b'a');
                initials[w.len()] |= initial;
                if bit == IS_REPORTING {
                    reporting_initials[w.len()] |= initial;
                }
                let key = ascii_key(w.as_bytes()).unwrap_or_default();
                let mut i = slot(key);
                while slots[i].0 != 0 && slots[i].0 != key {
                    i = (i + 1) % SLOTS;
                }
                slots[i].0 = key;
                slots[i].1 |= bit;
            }
        }
        Lists { slots, initials, reporting_initials }
    }

    /// The lists of the word whose key is `key`.
    fn get(&self, key: u128) -> u8 {
        let mut i = slot(key);
        // The table is never full: an empty slot ends every probe.
        loop {
            let (k, bits) = self.slots[i];
            if k == key {
                return bits;
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) % SLOTS;
        }
    }
}

/// Where a probe for `key` starts.
fn slot(key: u128) -> usize {
    let x = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    (x.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - SLOTS.trailing_zeros())) as usize
}

/// An ASCII word, lower-cased, as one number: its bytes, the first lowest, and their
/// number above them; `None` if it is empty, longer than [`KEY_BYTES`] or not ASCII.
/// Distinct words have distinct keys, none of them 0.
fn ascii_key(word: &[u8]) -> Option<u128> {
    // A few loads cover every byte, overlapping where the word is not a multiple of their
    // width (an overlapping byte is the same byte at the same place): reading byte by
    // byte, or copying into a buffer, cost several times more.
    let n = word.len();
    let (lo, hi) = match n {
        1..=3 => (
            u64::from(word[0])
                | u64::from(word[n / 2]) << (8 * (n / 2))
                | u64::from(word[n - 1]) << (8 * (n - 1)),
            0,
        ),
        4..=7 => (u64::from(load4(word, 0)) | u64::from(load4(word, n - 4)) << (8 * (n - 4)), 0),
        8 => (load8(word, 0), 0),
        9..=KEY_BYTES => (load8(word, 0), load8(word, n - 8) >> (8 * (16 - n))),
        _ => return None,
    };
    if (lo | hi) & HIGH_BITS != 0 {
        return None;
    }
    let bytes = u128::from(ascii_lowercase(lo)) | u128::from(ascii_lowercase(hi)) << 64;
    Some(bytes | (n as u128) << (8 * KEY_BYTES))
}

/// The lists of the word whose [`ascii_key`] is `key`.
fn lists_by_key(key: u128) -> u8 {
    the_lists().get(key)
}

/// The list table, built on first use.
fn the_lists() -> &'static Lists {
    static LISTS: LazyLock<Lists> = LazyLock::new(Lists::build);
    &LISTS
}

/// Which lists `word` is in once lower-cased as [`str::to_lowercase`] does.
fn lists_of(word: &str) -> u8 {
    match ascii_key(word.as_bytes()) {
        // For ASCII, `str::to_lowercase` lower-cases byte by byte, as `ascii_key` does.
        Some(key) => lists_by_key(key),
        // Empty, or longer than any list word.
        None if word.is_ascii() => 0,
        None => non_ascii_lists(word),
    }
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
    ascii_key(word.to_lowercase().as_bytes()).map_or(0, lists_by_key)
}

/// Whether the lower case of `c` has a non-ASCII character.
fn lower_case_is_not_ascii(c: char) -> bool {
    c.to_lowercase().any(|l| !l.is_ascii())
}

/// Whether `word` lower-cased ends with `ed`.
fn lower_case_ends_with_ed(word: &str) -> bool {
    let b = word.as_bytes();
    match b.len().checked_sub(2).map(|at| &b[at..]) {
        // Two ASCII bytes end the word as two characters, each lower-cased on its own.
        Some(last) if last.is_ascii() => last.eq_ignore_ascii_case(b"ed"),
        // An ASCII word of one byte lower-cases to one byte.
        None if word.is_ascii() => false,
        _ => word.to_lowercase().ends_with("ed"),
    }
}

/// Verbs that report a statement or a publication.
const REPORTING: &str = "announce announced announces state stated states say says said tell tells told report \
    reported reports release released releases publish published publishes issue issued issues \
    write writes wrote written declare declared declares claim claimed claims allege alleged \
    alleges noted notes confirm confirmed confirms deny denied denies inform informed informs \
    presented submitted testified explained indicated acknowledged responded replied expressed \
    asserted warned reiterated affirmed disclosed revealed stressed emphasized emphasised added \
    accused voted posted tweeted circulated sent provided";

/// Nouns naming a dated statement or publication: `in a letter dated …`.
const STATEMENT_NOUNS: &str = "statement letter report interview email speech presentation article release publication \
    briefing submission note post remarks response";

/// Words that make the text between a reporting verb and a date something other than
/// the verb's object (`stated that it will finish in 2026`).
const CLAUSE_BREAKERS: &str = "that to will would shall should could can may might must it they he she we be is are was \
    were by until before after since during had has have if when which";

/// Words to step over between a sentence-initial date and its verb.
const FUNCTION_WORDS: &str = "the a an of and its his her their for in on at to de prime minister foreign deputy then also \
    again publicly officially first";

/// The statement date of a citing sentence: the date that scopes the reported statement
/// or publication, as an index into [`Dates::mentions`].
///
/// Either the sentence opens with `On <date>,` / `In <date>,` (after an optional
/// `Later`, `Earlier`…) and its first verb reports (`announced`, `told`, `stated`), or
/// a date follows a reporting verb or a statement noun through `on`/`in`/`dated`/`of`
/// (`told reporters on 3 May 2019`, `a report released on 18 October 2020`, `a letter
/// dated 13 September 2022`). Dates in quotations and dates that are the subject
/// matter (`during`, `since`, `by`, `deadline of`) are never statement dates. A sentence
/// that goes on with the previous one's statement (`It added that…`, `Moreover, it
/// alleged…`) takes that sentence's statement date, unless it cites a source itself.
pub fn statement_date(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
    statement_date_by(doc, dates, sentence, own_statement_date, opens_as_continuation)
}

/// [`statement_date`], given how to find a sentence's own statement date and how to tell
/// that a sentence continues the one before: the tests pass the implementation this one
/// replaced, to check that the two agree.
fn statement_date_by(
    doc: &Document,
    dates: &Dates,
    sentence: &Span,
    own_statement_date: fn(&Document, &Dates, &Span) -> Option<usize>,
    opens_as_continuation: fn(&str) -> bool,
) -> Option<usize> {
    if let Some(i) = own_statement_date(doc, dates, sentence) {
        return Some(i);
    }
    // `It added that…`, `Moreover, it alleged…`: the statement goes on from the sentence
    // before, which dates it.
    if !opens_as_continuation(&doc.text[sentence.clone()]) {
        return None;
    }
    let at = doc.blocks.partition_point(|b| b.span.start <= sentence.start).checked_sub(1)?;
    let block = doc.blocks.get(at).filter(|b| sentence.end <= b.span.end)?;
    let before = doc.text[block.span.start..sentence.start].trim_end();
    if before.is_empty() {
        return None;
    }
    let previous = sentence_around(doc.text, &block.span, block.span.start + before.len() - 1);
    // A previous sentence that cites a source of its own is not continued.
    let from = doc.citations.partition_point(|c| c.sentence_span.start < previous.start);
    if doc.citations.get(from).is_some_and(|c| c.sentence_span == previous) {
        return None;
    }
    own_statement_date(doc, dates, &previous)
}

/// How a sentence continuing the previous one's statement opens.
const CONTINUATIONS: &[&str] = &[
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

/// Whether the sentence's first 24 characters, lower-cased, start with one of
/// [`CONTINUATIONS`].
fn opens_as_continuation(sentence: &str) -> bool {
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

fn own_statement_date(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
    let text = doc.text;
    // The mentions are sorted by start: one binary search finds the first in the
    // sentence, as `Dates::within` does, and the rest follow it.
    let from = dates.mentions.partition_point(|m| m.span.start < sentence.start);
    for (i, m) in dates.mentions.iter().enumerate().skip(from) {
        if m.span.start >= sentence.end {
            break;
        }
        if m.quoted || m.span.end > sentence.end {
            continue;
        }
        let head = &text[sentence.start..m.span.start];
        // The prepositions the tests below tell apart: any other word is none of them.
        let prep = preposition_before(text, m);
        if opens_sentence(head, prep) {
            if first_verb_reports(&text[m.span.end..sentence.end]) {
                return Some(i);
            }
            continue;
        }
        if follows_reporting(head, prep) {
            return Some(i);
        }
    }
    None
}

/// Which of `on`, `in`, `of`, `dated` the word before the date is, in any case; `""`
/// for any other word.
fn preposition_before(text: &str, m: &DateMention) -> &'static str {
    const PREPOSITIONS: [&str; 4] = ["on", "in", "of", "dated"];
    let word = &text.as_bytes()[m.preceded_by.clone()];
    if word.is_ascii() {
        // Two ASCII bytes with 0x20 set spell `on`, `in` or `of` only if they are those
        // letters in either case.
        if let [a, b] = word {
            return match [a | 0x20, b | 0x20] {
                [b'o', b'n'] => "on",
                [b'i', b'n'] => "in",
                [b'o', b'f'] => "of",
                _ => "",
            };
        }
        // An ASCII word lower-cases byte by byte, and the prepositions are lower case:
        // equal in any ASCII case is equal once lower-cased, without the copy.
        return PREPOSITIONS.into_iter().find(|p| word.eq_ignore_ascii_case(p.as_bytes())).unwrap_or("");
    }
    m.preceding_word_in(text, &PREPOSITIONS).unwrap_or("")
}

/// Class of a byte for [`Words`]: between words, part of a word, a non-ASCII byte whose
/// character decides, or between words and one that `up_to_quote` stops at.
const GAP: u8 = 0;
const WORD: u8 = 1;
const NON_ASCII: u8 = 2;
const STOP: u8 = 3;

/// [`GAP`], [`WORD`], [`NON_ASCII`] or [`STOP`] for each byte: ASCII letters, digits and
/// `'` are word bytes, as [`char::is_alphanumeric`] has it for ASCII; `"`, `;` and `:`
/// stop.
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
            STOP
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
    super::prev_char(text, at).unwrap_or_default()
}

/// The words of a text: maximal runs of [`is_word_char`] characters, each without its
/// trailing apostrophes (so a run of apostrophes is an empty word), from either end.
///
/// It reads bytes and decodes a character only at a non-ASCII byte: splitting on a
/// character predicate decoded every character, most of the cost of finding statement
/// dates.
struct Words<'a> {
    text: &'a str,
    /// The words not read yet lie in `front..back`, both char boundaries at word edges.
    front: usize,
    back: usize,
    /// Stop before the first `“`, `"`, `;` or `:` (only when reading from the front).
    up_to_quote: bool,
}

fn words(text: &str) -> Words<'_> {
    Words { text, front: 0, back: text.len(), up_to_quote: false }
}

/// `word` without its trailing `’` and `'`.
fn trim_apostrophes(word: &str) -> &str {
    // `’` ends with the byte 0x99, `'` is 0x27: a word ending otherwise keeps its end.
    match word.as_bytes().last() {
        Some(b'\'' | 0x99) => word.trim_end_matches(['’', '\'']),
        _ => word,
    }
}

/// A word read by [`Words::next_keyed`].
enum Read<'a> {
    /// An ASCII word of up to [`KEY_BYTES`] bytes at `start..end` of the text: its
    /// bytes, the first lowest, eight in `lo` and the rest in `hi` (see [`key_of`]).
    Keyed { start: usize, end: usize, lo: u64, hi: u64 },
    /// Any other word, as [`Iterator::next`] reads it.
    Other(&'a str),
}

impl<'a> Words<'a> {
    /// The next word from the front, as [`Iterator::next`] reads it, with its
    /// [`ascii_key`] when that is read on the way: an ASCII word of up to 15 bytes with
    /// at least 16 bytes from its start to the back, which are read eight at a time.
    fn next_keyed(&mut self) -> Option<Read<'a>> {
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
                return Some(Read::Keyed { start: at, end, lo, hi });
            }
        }
        self.next().map(Read::Other)
    }
}

/// The [`ascii_key`] of a [`Read::Keyed`] word of `n` bytes.
fn key_of(n: usize, lo: u64, hi: u64) -> u128 {
    // Most words are at most eight bytes: nothing to lower-case in `hi`.
    let hi = if hi == 0 { 0 } else { ascii_lowercase(hi) };
    u128::from(ascii_lowercase(lo)) | u128::from(hi) << 64 | (n as u128) << (8 * KEY_BYTES)
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
                STOP if self.up_to_quote => {
                    self.front = self.back;
                    return None;
                }
                STOP => at += 1,
                _ => {
                    let c = char_at(text, at);
                    if is_word_char(c) {
                        break at;
                    }
                    if c == '“' && self.up_to_quote {
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

/// `On`, `In`, `Later in`, `“On`: nothing but a preposition (and an adverb) before.
fn opens_sentence(head: &str, prep: &str) -> bool {
    if !matches!(prep, "on" | "in") {
        return false;
    }
    // Most sentences open `On <date>` or `In <date>`: one word, which trims to itself,
    // no need to trim or split.
    if matches!(head, "On " | "In ") {
        return true;
    }
    let head = head.trim_start_matches(['“', '"', '(', ' ', '*', '_']).trim_end();
    // Two words at most are accepted: reading a third says enough.
    let mut ws = words(head);
    match (ws.next(), ws.next(), ws.next()) {
        (Some(p), None, None) => matches!(p, "On" | "In"),
        (Some(adv), Some(p), None) => {
            matches!(
                adv,
                "Later" | "Earlier" | "Also" | "Then" | "Again" | "Subsequently" | "Previously" | "Finally"
            ) && matches!(p, "on" | "in")
        }
        _ => false,
    }
}

/// The first verb-like word after a sentence-opening date reports a statement.
fn first_verb_reports(tail: &str) -> bool {
    // Up to the first `“`, `"`, `;` or `:`: the words stop there rather than the tail
    // being searched for them to its end.
    let bytes = tail.as_bytes();
    let mut ws = Words { up_to_quote: true, ..words(tail) };
    for _ in 0..14 {
        let verdict = match ws.next_keyed() {
            None => break,
            Some(Read::Keyed { start, end, lo, hi }) => {
                // The word is ASCII: its first letter is upper case as its first byte is.
                let upper = bytes[start].is_ascii_uppercase();
                let n = end - start;
                let lists = the_lists();
                // A byte with 0x20 set is one of `a` to `z` only if it is a letter (of
                // either case). An upper-case word reports or is read over, whatever
                // other lists it is in: only the reporting verbs' initials matter for it.
                let letter = (bytes[start] | 0x20).wrapping_sub(b'a');
                let initials = if upper { lists.reporting_initials[n] } else { lists.initials[n] };
                let listed = letter < 26 && initials >> letter & 1 != 0;
                let lists = if listed { lists.get(key_of(n, lo, hi)) } else { 0 };
                // `e` and `d` in either case, and nothing else, have these bytes with 0x20 set.
                verdict(lists, upper, || {
                    n >= 2 && bytes[end - 2] | 0x20 == b'e' && bytes[end - 1] | 0x20 == b'd'
                })
            }
            Some(Read::Other(w)) => {
                let upper = w.chars().next().is_some_and(char::is_uppercase);
                verdict(lists_of(w), upper, || lower_case_ends_with_ed(w))
            }
        };
        if let Some(verdict) = verdict {
            return verdict;
        }
    }
    false
}

/// What a word after a sentence-opening date says: `Some(true)` it reports, `Some(false)`
/// it is another verb or starts a clause, `None` read on.
///
/// `lists` are the word's, `upper` whether its first character is upper case, and
/// `ends_with_ed` whether it ends with `ed` once lower-cased.
fn verdict(lists: u8, upper: bool, ends_with_ed: impl FnOnce() -> bool) -> Option<bool> {
    if lists & IS_REPORTING != 0 {
        return Some(true);
    }
    // Capitalized words are the subject's name; possessives belong to it too.
    if lists & (IS_PRONOUN | IS_FUNCTION_WORD) != 0 || upper {
        return None;
    }
    (lists & IS_CLAUSE_BREAKER != 0 || ends_with_ed()).then_some(false)
}

/// `told reporters on`, `released on`, `stated in`, `a letter dated`, `its report of`.
fn follows_reporting(head: &str, prep: &str) -> bool {
    if prep == "dated" {
        return true;
    }
    if !matches!(prep, "on" | "in" | "of") {
        return false;
    }
    let mut ws = words(head).rev();
    ws.next(); // the preposition itself
    for (n, w) in ws.take(3).enumerate() {
        let lists = lists_of(w);
        if prep != "of" && lists & IS_REPORTING != 0 {
            return true;
        }
        if n <= 1 && lists & IS_STATEMENT_NOUN != 0 && prep != "in" {
            return true;
        }
        if lists & IS_CLAUSE_BREAKER != 0 {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::*;
    use crate::document::Format;

    /// The implementation before the byte-level rewrite, verbatim but for the `use`
    /// lines and what did not change (the word lists, and finding the sentence a
    /// continuing one goes on from): the property tests below check that the two give
    /// the same answer on any text.
    mod oracle {
        use std::sync::LazyLock;

        use rustc_hash::FxHashMap;

        use super::super::super::Dates;
        use super::super::{CLAUSE_BREAKERS, CONTINUATIONS, FUNCTION_WORDS, REPORTING, STATEMENT_NOUNS};
        use crate::document::bytes::with_lowercase;
        use crate::document::{Document, Span};

        /// The lists a word is in, as bits: [`REPORTING`], [`STATEMENT_NOUNS`],
        /// [`CLAUSE_BREAKERS`], [`FUNCTION_WORDS`].
        const IS_REPORTING: u8 = 1;
        const IS_STATEMENT_NOUN: u8 = 2;
        const IS_CLAUSE_BREAKER: u8 = 4;
        const IS_FUNCTION_WORD: u8 = 8;

        /// Which of the word lists `word` (lower case) is in.
        ///
        /// One map built once for all lists: splitting the lists on every lookup was most of the
        /// cost of finding statement dates, then hashing each word read once per list with
        /// SipHash a quarter of it; the keys are fixed words, so Fx hashing is enough.
        pub(super) fn lists_of(word: &str) -> u8 {
            static LISTS: LazyLock<FxHashMap<&str, u8>> = LazyLock::new(|| {
                let mut map = FxHashMap::default();
                for (list, bit) in [
                    (REPORTING, IS_REPORTING),
                    (STATEMENT_NOUNS, IS_STATEMENT_NOUN),
                    (CLAUSE_BREAKERS, IS_CLAUSE_BREAKER),
                    (FUNCTION_WORDS, IS_FUNCTION_WORD),
                ] {
                    for w in list.split_whitespace() {
                        *map.entry(w).or_default() |= bit;
                    }
                }
                map
            });
            LISTS.get(word).copied().unwrap_or(0)
        }

        /// The statement date of a citing sentence, found with the old tests for a
        /// sentence's own date and for a continuing opening (the rest is shared).
        pub fn statement_date(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
            super::super::statement_date_by(doc, dates, sentence, own_statement_date, opens_as_continuation)
        }

        /// Whether the sentence's first 24 characters, lower-cased, start with one of
        /// [`CONTINUATIONS`].
        fn opens_as_continuation(sentence: &str) -> bool {
            let opening = sentence.char_indices().nth(24).map_or(sentence, |(i, _)| &sentence[..i]);
            with_lowercase(opening, |opening| CONTINUATIONS.iter().any(|c| opening.starts_with(c)))
        }

        pub(super) fn own_statement_date(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
            let text = doc.text;
            for i in dates.within(sentence) {
                let m = &dates.mentions[i];
                if m.quoted || m.span.end > sentence.end {
                    continue;
                }
                let head = &text[sentence.start..m.span.start];
                // The prepositions the tests below tell apart: any other word is none of them.
                let prep = m.preceding_word_in(text, &["on", "in", "of", "dated"]).unwrap_or("");
                if opens_sentence(head, prep) {
                    if first_verb_reports(&text[m.span.end..sentence.end]) {
                        return Some(i);
                    }
                    continue;
                }
                if follows_reporting(head, prep) {
                    return Some(i);
                }
            }
            None
        }

        pub(super) fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
            s.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
                .filter(|w| !w.is_empty())
                .map(|w| w.trim_end_matches(['’', '\'']))
        }

        /// `On`, `In`, `Later in`, `“On`: nothing but a preposition (and an adverb) before.
        pub(super) fn opens_sentence(head: &str, prep: &str) -> bool {
            if !matches!(prep, "on" | "in") {
                return false;
            }
            let head = head.trim_start_matches(['“', '"', '(', ' ', '*', '_']).trim_end();
            // Two words at most are accepted: reading a third says enough.
            let mut ws = words(head);
            match (ws.next(), ws.next(), ws.next()) {
                (Some(p), None, None) => matches!(p, "On" | "In"),
                (Some(adv), Some(p), None) => {
                    matches!(
                        adv,
                        "Later"
                            | "Earlier"
                            | "Also"
                            | "Then"
                            | "Again"
                            | "Subsequently"
                            | "Previously"
                            | "Finally"
                    ) && matches!(p, "on" | "in")
                }
                _ => false,
            }
        }

        /// The first verb-like word after a sentence-opening date reports a statement.
        pub(super) fn first_verb_reports(tail: &str) -> bool {
            // Up to the first `“`, `"`, `;` or `:`, found by bytes rather than char by char.
            let bytes = tail.as_bytes();
            let end = memchr::memchr3(b'"', b';', b':', bytes).unwrap_or(tail.len());
            // One finder for all sentences: building one per call cost more than the search.
            static OPEN_QUOTE: LazyLock<memchr::memmem::Finder<'static>> =
                LazyLock::new(|| memchr::memmem::Finder::new("“"));
            let end = OPEN_QUOTE.find(&bytes[..end]).unwrap_or(end);
            for w in words(&tail[..end]).take(14) {
                // Some(verdict) once the word decides, None to read on.
                let verdict = with_lowercase(w, |lower| {
                    let lists = lists_of(lower);
                    if lists & IS_REPORTING != 0 {
                        return Some(true);
                    }
                    // Capitalized words are the subject's name; possessives belong to it too.
                    let pronoun = matches!(lower, "it" | "they" | "he" | "she" | "we" | "i");
                    if pronoun
                        || w.chars().next().is_some_and(char::is_uppercase)
                        || lists & IS_FUNCTION_WORD != 0
                    {
                        return None;
                    }
                    (lower.ends_with("ed") || lists & IS_CLAUSE_BREAKER != 0).then_some(false)
                });
                if let Some(verdict) = verdict {
                    return verdict;
                }
            }
            false
        }

        /// `told reporters on`, `released on`, `stated in`, `a letter dated`, `its report of`.
        pub(super) fn follows_reporting(head: &str, prep: &str) -> bool {
            if prep == "dated" {
                return true;
            }
            if !matches!(prep, "on" | "in" | "of") {
                return false;
            }
            let mut ws = words(head).rev();
            ws.next(); // the preposition itself
            for (n, w) in ws.take(3).enumerate() {
                let verdict = with_lowercase(w, |lower| {
                    let lists = lists_of(lower);
                    if prep != "of" && lists & IS_REPORTING != 0 {
                        return Some(true);
                    }
                    if n <= 1 && lists & IS_STATEMENT_NOUN != 0 && prep != "in" {
                        return Some(true);
                    }
                    (lists & IS_CLAUSE_BREAKER != 0).then_some(false)
                });
                if let Some(verdict) = verdict {
                    return verdict;
                }
            }
            false
        }
    }

    fn statement(sentence: &str) -> Option<String> {
        let t = format!("T\n\n{sentence}\n");
        let doc = Document::parse(&t, Format::Text);
        let d = extract(&doc);
        let span = doc.blocks[1].span.clone();
        statement_date(&doc, &d, &span).map(|i| t[d.mentions[i].span.clone()].to_owned())
    }

    #[test]
    fn statement_dates_scope_a_reported_statement() {
        for (s, want) in [
            ("On 12 June 2021, the Ministry of Foreign Affairs announced that it had maps.", "12 June 2021"),
            ("In June 2021, Armenia stated that it values the treaty.", "June 2021"),
            (
                "Armenia’s prime minister, Nikol Pashinyan, told reporters on 3 May 2019 that it was so.",
                "3 May 2019",
            ),
            ("The figures appear in a report released on 18 October 2020 by the agency.", "18 October 2020"),
            (
                "It stated in a letter to the Council, dated 13 September 2022, that it was false.",
                "13 September 2022",
            ),
            ("Later in September 2022, Azerbaijan claimed that mines were laid.", "September 2022"),
        ] {
            assert_eq!(statement(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn subject_matter_dates_are_not_statement_dates() {
        for s in [
            "Armenia last used mines during the 1992–1994 conflict, officials said.",
            "It set a completion deadline of 1 January 2030.",
            "The operator plans to clear 5km² by 2026, the ministry said.",
            "The director, in office since March 2018, stated this.",
            "On 27 May 2021, the armed forces captured six soldiers that it said were laying mines.",
            "Armenia stated that it will finish clearance in 2026.",
            "It said: “On 3 May 2019, we reported nothing.”",
        ] {
            assert_eq!(statement(s), None, "{s}");
        }
    }

    #[test]
    fn a_continuing_sentence_takes_the_statement_date_before_it() {
        let t = "T\n\nIn January 2023, Azerbaijan reported that mines were found. It added that they were new.[1]\n";
        let doc = Document::parse(t, Format::Text);
        let d = extract(&doc);
        let i = statement_date(&doc, &d, &doc.citations[0].sentence_span).unwrap();
        assert_eq!(&t[d.mentions[i].span.clone()], "January 2023");
        let t = "T\n\nIn January 2023, Azerbaijan reported that.[2] It added that they were new.[1]\n";
        let doc = Document::parse(t, Format::Text);
        let d = extract(&doc);
        assert_eq!(statement_date(&doc, &d, &doc.citations[1].sentence_span), None);
    }

    /// Words the statement-date tests turn on, in several cases and scripts: list words,
    /// names, words that lower-case to list words only through Unicode (`remar\u{212A}s`
    /// with KELVIN SIGN is `remarks`), apostrophes, and dates.
    const VOCABULARY: &[&str] = &[
        "announced",
        "Announced",
        "ANNOUNCED",
        "stated",
        "States",
        "told",
        "said",
        "SAID",
        "report",
        "Report",
        "letter",
        "statement",
        "released",
        "published",
        "issued",
        "dated",
        "Dated",
        "DATED",
        "remarks",
        "remar\u{212A}s",
        "\u{212A}",
        "that",
        "That",
        "will",
        "to",
        "during",
        "since",
        "by",
        "until",
        "when",
        "the",
        "The",
        "of",
        "Of",
        "OF",
        "and",
        "prime",
        "Minister",
        "foreign",
        "de",
        "it",
        "It",
        "IT",
        "they",
        "They",
        "he",
        "He",
        "she",
        "We",
        "we",
        "I",
        "i",
        "On",
        "on",
        "ON",
        "In",
        "in",
        "IN",
        "Later",
        "later",
        "Earlier",
        "Also",
        "Then",
        "Again",
        "Subsequently",
        "Previously",
        "Finally",
        "Moreover",
        "moreover",
        "added",
        "Added",
        "further",
        "also",
        "laid",
        "captured",
        "ed",
        "ED",
        "Ed",
        "mined",
        "reporters",
        "José",
        "Martínez",
        "JOSÉ",
        "İstanbul",
        "İt",
        "İN",
        "ſaid",
        "ΣΑΣ",
        "Ὰ",
        "ǅ",
        "Ⅻ",
        "٣",
        "ß",
        "straße",
        "Armenia’s",
        "Armenia's",
        "it’s",
        "’s",
        "'s",
        "''",
        "’",
        "'",
        "don't",
        "x",
        "Q",
        "12",
        "2026",
        "12 June 2021",
        "June 2021",
        "2020",
        "1992–1994",
        "3 May 2019",
        "13 September 2022",
        "January 2023",
        "1 January 2030",
        "May 2019",
        "18 October 2020",
    ];

    /// What goes between words: spaces, punctuation, quotation marks, citation markers,
    /// sentence and paragraph breaks.
    const SEPARATORS: &[&str] = &[
        " ", " ", " ", " ", ", ", ". ", "“", "”", " “", "” ", "\"", " \"", ": ", "; ", "(", ")", "*", "_",
        "\u{a0}", "—", "-", "’", "'", "[1]", ".[1] ", ".[2] ", "[^1]", ".[^2] ", "\n", "\n\n", "? ", "",
    ];

    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            6 => (prop::sample::select(VOCABULARY), prop::sample::select(SEPARATORS))
                .prop_map(|(w, s)| format!("{w}{s}")),
            1 => any::<char>().prop_map(String::from),
            1 => "[a-zA-Z’'“” ]{1,6}",
        ]
    }

    fn text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
    }

    /// Every sentence of every block, as the rules would ask about it, and the spans of
    /// the citing sentences.
    fn sentences(doc: &Document) -> Vec<Span> {
        use crate::document::sentences::{boundaries, sentence_at};
        let mut spans = Vec::new();
        for block in &doc.blocks {
            let bounds = boundaries(doc.text, &block.span);
            for at in std::iter::once(block.span.start).chain(bounds.iter().copied()) {
                if at < block.span.end {
                    spans.push(sentence_at(doc.text, &block.span, &bounds, at));
                }
            }
        }
        spans.extend(doc.citations.iter().map(|c| c.sentence_span.clone()));
        spans
    }

    fn same_statement_dates(body: &str) {
        for (t, format) in [
            (format!("T\n\n{body}\n\n[1] Note, 2020.\n\n[2] Letter, 3 May 2019.\n"), Format::Text),
            (format!("{body}\n\n[^1]: Note, 2020.\n[^2]: Letter, 3 May 2019.\n"), Format::Markdown),
        ] {
            let doc = Document::parse(&t, format);
            let d = extract(&doc);
            for span in sentences(&doc) {
                assert_eq!(
                    statement_date(&doc, &d, &span),
                    oracle::statement_date(&doc, &d, &span),
                    "{format:?} {span:?} in {t:?}"
                );
                assert_eq!(
                    own_statement_date(&doc, &d, &span),
                    oracle::own_statement_date(&doc, &d, &span),
                    "{format:?} {span:?} in {t:?}"
                );
            }
        }
    }

    /// The helpers agree with the old ones on `s`, read as a sentence head, a tail, a
    /// sentence opening and a run of words (from either end and both at once).
    fn same_helpers(s: &str) {
        let old: Vec<&str> = oracle::words(s).collect();
        assert_eq!(words(s).collect::<Vec<_>>(), old, "{s:?}");
        // Read with keys: the same words, each key the word's own.
        let mut keyed = words(s);
        let mut read = Vec::new();
        while let Some(word) = keyed.next_keyed() {
            read.push(match word {
                Read::Keyed { start, end, lo, hi } => {
                    let w = &s[start..end];
                    assert_eq!(Some(key_of(w.len(), lo, hi)), ascii_key(w.as_bytes()), "{w:?} in {s:?}");
                    w
                }
                Read::Other(w) => w,
            });
        }
        assert_eq!(read, old, "{s:?}");
        assert_eq!(words(s).rev().collect::<Vec<_>>(), oracle::words(s).rev().collect::<Vec<_>>(), "{s:?}");
        // From both ends at once, as a double-ended iterator may be read.
        let (mut new, mut old) = (words(s), oracle::words(s));
        for k in 0.. {
            let (a, b) =
                if k % 3 == 1 { (new.next_back(), old.next_back()) } else { (new.next(), old.next()) };
            assert_eq!(a, b, "{s:?} step {k}");
            if a.is_none() {
                break;
            }
        }
        for w in words(s) {
            let lower = w.to_lowercase();
            let pronoun = matches!(lower.as_str(), "it" | "they" | "he" | "she" | "we" | "i");
            let want = oracle::lists_of(&lower) | if pronoun { IS_PRONOUN } else { 0 };
            assert_eq!(lists_of(w), want, "{w:?}");
            assert_eq!(lower_case_ends_with_ed(w), lower.ends_with("ed"), "{w:?}");
        }
        assert_eq!(first_verb_reports(s), oracle::first_verb_reports(s), "{s:?}");
        for prep in ["", "on", "in", "of", "dated"] {
            assert_eq!(follows_reporting(s, prep), oracle::follows_reporting(s, prep), "{s:?} {prep}");
            assert_eq!(opens_sentence(s, prep), oracle::opens_sentence(s, prep), "{s:?} {prep}");
        }
        let opening = s.char_indices().nth(24).map_or(s, |(i, _)| &s[..i]);
        let old = opening.to_lowercase();
        assert_eq!(opens_as_continuation(s), CONTINUATIONS.iter().any(|c| old.starts_with(c)), "{s:?}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        #[test]
        fn statement_dates_are_the_same_as_before_on_any_sentences(body in text()) {
            same_statement_dates(&body);
        }

        #[test]
        fn the_helpers_answer_as_before_on_any_text(s in text()) {
            same_helpers(&s);
        }

        #[test]
        fn the_helpers_answer_as_before_on_arbitrary_strings(s in proptest::prelude::any::<String>()) {
            same_helpers(&s);
        }
    }

    #[test]
    fn the_helpers_answer_as_before_on_each_word_and_separator() {
        for w in VOCABULARY.iter().chain(SEPARATORS) {
            same_helpers(w);
            for s in SEPARATORS {
                same_helpers(&format!("{w}{s}"));
                same_helpers(&format!("{s}{w}"));
            }
        }
        // Every list word in three cases, first and after a name, read eight bytes at a time.
        for list in [REPORTING, STATEMENT_NOUNS, CLAUSE_BREAKERS, FUNCTION_WORDS, PRONOUNS] {
            for w in list.split_whitespace() {
                let mut title = w.to_owned();
                title[..1].make_ascii_uppercase();
                for w in [w.to_owned(), title, w.to_uppercase()] {
                    same_helpers(&format!("{w} and then some more words, to read on."));
                    same_helpers(&format!(", Norland {w}ed it, then some more words, to read on."));
                }
            }
        }
        for s in ["It added that", "moreover, THEY", "MOREOVER, \u{212A}", "he also", "İt added", "\u{212A}"]
        {
            same_helpers(s);
        }
    }

    #[test]
    fn statement_dates_are_the_same_as_before_on_the_real_documents() {
        let Some(shared) = crate::rules::test_support::shared_dir() else {
            eprintln!("no shared folder: skipped");
            return;
        };
        let mut documents = 0;
        for dir in ["corpus/real", "profiles"] {
            let Ok(entries) = std::fs::read_dir(shared.join(dir)) else { continue };
            for entry in entries.flatten() {
                let Ok(t) = std::fs::read_to_string(entry.path()) else { continue };
                for format in [Format::Text, Format::Markdown] {
                    let doc = Document::parse(&t, format);
                    let d = extract(&doc);
                    for span in sentences(&doc) {
                        assert_eq!(
                            statement_date(&doc, &d, &span),
                            oracle::statement_date(&doc, &d, &span),
                            "{:?} {span:?}",
                            entry.path()
                        );
                    }
                }
                documents += 1;
            }
        }
        assert!(documents > 0, "no documents under {shared:?}");
    }

    #[test]
    fn the_list_table_holds_every_list_word_with_its_lists() {
        for list in [REPORTING, STATEMENT_NOUNS, CLAUSE_BREAKERS, FUNCTION_WORDS, PRONOUNS] {
            for w in list.split_whitespace() {
                assert!(w.len() <= KEY_BYTES && w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
                let pronoun = if PRONOUNS.split_whitespace().any(|p| p == w) { IS_PRONOUN } else { 0 };
                assert_eq!(lists_of(w), oracle::lists_of(w) | pronoun, "{w}");
                assert_eq!(lists_of(&w.to_uppercase()), oracle::lists_of(w) | pronoun, "{w}");
            }
        }
        assert_eq!(lists_of("remar\u{212A}s"), IS_STATEMENT_NOUN);
        // Words one byte off a list word, a byte shorter or longer, are looked up as the
        // old map looked them up: the key tells every ASCII word of up to 15 bytes apart.
        for list in [REPORTING, STATEMENT_NOUNS, CLAUSE_BREAKERS, FUNCTION_WORDS] {
            for w in list.split_whitespace() {
                for at in 0..=w.len() {
                    for b in 0..=0x7fu8 {
                        let (head, tail) = w.split_at(at);
                        let c = char::from(b);
                        for word in
                            [format!("{head}{c}{}", tail.get(1..).unwrap_or("")), format!("{head}{c}{tail}")]
                        {
                            let lower = word.to_lowercase();
                            let pronoun = matches!(lower.as_str(), "it" | "they" | "he" | "she" | "we" | "i");
                            let want = oracle::lists_of(&lower) | if pronoun { IS_PRONOUN } else { 0 };
                            assert_eq!(lists_of(&word), want, "{word:?}");
                        }
                    }
                    assert_eq!(
                        lists_of(&w[..at]),
                        oracle::lists_of(&w[..at]) | lists_of(&w[..at]) & IS_PRONOUN
                    );
                }
            }
        }
        assert_eq!(lists_of("José"), 0);
        assert_eq!(lists_of(""), 0);
    }

    #[test]
    fn latin_letters_are_word_characters_as_unicode_has_it() {
        for c in '\u{0}'..='\u{2ff}' {
            assert_eq!(is_word_char(c), c.is_alphanumeric() || c == '’' || c == '\'', "{c:?}");
        }
    }

    #[test]
    fn the_longest_continuation_is_as_long_as_said() {
        assert_eq!(CONTINUATIONS.iter().map(|c| c.len()).max(), Some(LONGEST_CONTINUATION));
        assert!(CONTINUATIONS.iter().all(|c| c.is_ascii() && c.chars().count() < 24));
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
