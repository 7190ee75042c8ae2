//! Where the names of a region are: maximal runs of capitalised words, with titles,
//! initials, stop words and the document's common words left out, and connectors
//! (`of`, `de`) kept inside a run.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};

use super::word_lists::{is_connector, is_stop, is_title};
use super::words::{lowercase_words, strip_possessive, word_at, written_in_lower_case};
use crate::document::bytes::{AsciiSet, with_lowercase};
use crate::document::{Document, Span};

/// The maximal runs of name words in `region`, each a list of word spans (connectors
/// included, titles and initials left out), appended to `words` with their ranges in
/// `out`.
pub(super) fn runs<'t>(
    doc: &Document<'t>,
    region: &Span,
    vocabulary: &mut Vocabulary<'t>,
    words: &mut Vec<Span>,
    out: &mut Vec<Range<usize>>,
) {
    let text = doc.text;
    let Vocabulary { run, pending, .. } = vocabulary;
    let (mut run, mut pending) = (std::mem::take(run), std::mem::take(pending));
    let mut last_end = region.start;
    let mut pos = region.start;
    // Runs go into one flat list of words, each run a range of it: one allocation per
    // document rather than one per run.
    let mut flush = |run: &mut Vec<Span>, pending: &mut Vec<Span>, out: &mut Vec<Range<usize>>| {
        pending.clear();
        if !run.is_empty() {
            let start = words.len();
            words.append(run);
            out.push(start..words.len());
        }
    };
    let bytes = text.as_bytes();
    while pos < region.end {
        // Most chars are ASCII, read without decoding.
        let c = match bytes[pos] {
            b if b.is_ascii() => char::from(b),
            _ => match text[pos..region.end].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        if !c.is_alphabetic() {
            pos += c.len_utf8();
            continue;
        }
        let word = word_at(text, pos, region.end);
        pos = word.end;
        // A lower-case word outside a run only ends the (empty) run: most words are such,
        // and need nothing more read.
        if run.is_empty() && c.is_lowercase() {
            last_end = word.end;
            continue;
        }
        // Only spaces (or one line break) between words keep a name together.
        // One pass over the gap: it is read for every word.
        let (mut lines, mut dots, mut spaces_only) = (0, 0, true);
        for c in text[last_end..word.start].chars() {
            match c {
                '\n' => lines += 1,
                '.' => dots += 1,
                ' ' | '\u{a0}' => {}
                _ => spaces_only = false,
            }
        }
        let joined = spaces_only && lines <= 1 && dots <= 1;
        last_end = word.end;
        if !joined || dots > 0 && !ends_with_abbreviation(&text[..word.start]) {
            flush(&mut run, &mut pending, out);
        }
        if doc.is_ignored(word.start) || !in_prose(text, &word, region) {
            flush(&mut run, &mut pending, out);
            continue;
        }
        let w = &text[word.clone()];
        let (w, possessive) = strip_possessive(w);
        let word = word.start..word.start + w.len();
        let first = w.chars().next().unwrap_or(' ');
        if first.is_lowercase() {
            if !run.is_empty() && is_connector(w) {
                pending.push(word);
            } else {
                flush(&mut run, &mut pending, out);
            }
            continue;
        }
        // Initials and titles stand beside a name without being part of its spelling.
        let kind = vocabulary.kind(w);
        if kind == Kind::Title {
            flush(&mut run, &mut pending, out);
            continue;
        }
        if text[word.end..].starts_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() == 1 {
            continue;
        }
        if kind == Kind::Other {
            flush(&mut run, &mut pending, out);
            continue;
        }
        run.append(&mut pending);
        run.push(word);
        if possessive {
            flush(&mut run, &mut pending, out);
        }
    }
    flush(&mut run, &mut pending, out);
    // The buffers, empty, serve the next region.
    (vocabulary.run, vocabulary.pending) = (run, pending);
}

/// What a capitalised word (possessive left out) is to a name, by its letters and the
/// document's vocabulary alone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A title ([`is_title`]), which stands before a name.
    Title,
    /// No name word: not [`name_shaped`], a stop word or a word the document also
    /// writes in lower case.
    Other,
    /// A name word.
    Name,
}

/// What [`runs`] needs of the whole document: its lower-case words, and the [`Kind`] of
/// each capitalised word, found once per distinct word (a name recurs, and classifying
/// it took four set lookups). Also the buffers of a run, kept from region to region.
pub(super) struct Vocabulary<'t> {
    text: &'t str,
    lower: Lower<'t>,
    kinds: FxHashMap<&'t str, Kind>,
    run: Vec<Span>,
    pending: Vec<Span>,
}

/// How a [`Vocabulary`] tells whether the document writes a word in lower case.
enum Lower<'t> {
    /// From the set of its [`lowercase_words`].
    Set(FxHashSet<&'t str>),
    /// By searching the text for the word, up to this many more times, then from the
    /// set: when a few regions are read, a few searches cost less than the set, and the
    /// bound keeps the work linear in the text.
    Search(usize),
}

impl<'t> Vocabulary<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Vocabulary::with(text, Lower::Set(lowercase_words(text)))
    }

    /// A vocabulary for reading a few regions: it searches rather than builds a set.
    pub(super) fn searching(text: &'t str) -> Self {
        Vocabulary::with(text, Lower::Search(MAX_SEARCHES))
    }

    fn with(text: &'t str, lower: Lower<'t>) -> Self {
        let (kinds, run, pending) = (FxHashMap::default(), Vec::new(), Vec::new());
        Vocabulary { text, lower, kinds, run, pending }
    }

    fn kind(&mut self, w: &'t str) -> Kind {
        let Vocabulary { text, lower, kinds, .. } = self;
        *kinds.entry(w).or_insert_with(|| {
            if is_title(w) {
                return Kind::Title;
            }
            if !name_shaped(w) || is_stop(w) {
                return Kind::Other;
            }
            let common = with_lowercase(w, |lowered| match lower {
                Lower::Search(left) if *left > 0 => {
                    *left -= 1;
                    written_in_lower_case(text, lowered)
                }
                Lower::Search(_) => {
                    let set = lowercase_words(text);
                    let common = set.contains(lowered);
                    *lower = Lower::Set(set);
                    common
                }
                Lower::Set(set) => set.contains(lowered),
            });
            if common { Kind::Other } else { Kind::Name }
        })
    }
}

/// See [`Lower::Search`].
const MAX_SEARCHES: usize = 64;

/// Whether a word that starts with a capital (possessive left out, not a title) may be
/// a name word by its letters alone: two letters or more, not all capitals (an acronym),
/// not mixed case, no lower-case part after a hyphen. Stop words ([`is_stop`]) are
/// name-shaped but no names; the rest (a common word, an initial) depends on the document.
pub(super) fn name_shaped(w: &str) -> bool {
    let bytes = w.as_bytes();
    if bytes.iter().all(u8::is_ascii_alphabetic) {
        // Most words are ASCII letters, every letter upper or lower case: such a word has
        // a lower-case letter and none before a capital (mixed case) if it is capitals
        // followed by lower case, to its end.
        let capitals = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
        return bytes.len() >= 2
            && capitals < bytes.len()
            && bytes[capitals..].iter().all(u8::is_ascii_lowercase);
    }
    // One pass over the letters: this runs for every distinct capitalised word.
    let (mut letters, mut lower, mut mixed, mut hyphen_lower, mut digit) = (0, false, false, false, false);
    let mut prev = ' ';
    for c in w.chars() {
        letters += usize::from(c.is_alphabetic());
        let is_lower = c.is_lowercase();
        lower |= is_lower;
        // `GitHub`, `SlovenÅ` (mojibake): mixed case is an identifier or broken text.
        mixed |= prev.is_lowercase() && c.is_uppercase();
        hyphen_lower |= prev == '-' && is_lower;
        digit |= c.is_ascii_digit();
        prev = c;
    }
    letters >= 2 && lower && !mixed && !hyphen_lower && !digit
}

/// Not part of a URL, path, e-mail address, identifier or number.
fn in_prose(text: &str, word: &Span, region: &Span) -> bool {
    let before = text[region.start..word.start].chars().next_back();
    let after = text[word.end..region.end].chars().next();
    const BAD_BEFORE: AsciiSet = AsciiSet::new(b"/@#_\\=:.<>`*$%&~|");
    const BAD_AFTER: AsciiSet = AsciiSet::new(b"/@_\\=<>`(|");
    let bad_before = before.is_some_and(|c| c.is_alphanumeric() || BAD_BEFORE.contains(c));
    let bad_after = after.is_some_and(|c| c.is_alphanumeric() || BAD_AFTER.contains(c))
        || text[word.end..region.end].starts_with('.')
            && text[word.end + 1..region.end].starts_with(|c: char| c.is_alphanumeric());
    !bad_before && !bad_after
}

fn ends_with_abbreviation(head: &str) -> bool {
    let head = head.trim_end().strip_suffix('.').unwrap_or("");
    let word = head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    word.chars().count() == 1 || is_title(word)
}

/// Whether `word` is the first word of its sentence (or of its region), where any word
/// is capitalised: nothing but opening punctuation between it and a sentence end, unless
/// that end is an initial or a title's period.
pub(super) fn is_sentence_initial(text: &str, region: &Span, word: &Span) -> bool {
    let head = text[region.start..word.start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '(' | '[' | '*' | '_' | '#' | '>' | '-' | '•')
    });
    match head.chars().next_back() {
        None => true,
        Some('.') => !ends_with_abbreviation(head),
        Some(c) => matches!(c, '!' | '?' | ':' | ';' | '|' | ']' | ')'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_searching_vocabulary_classifies_words_as_the_whole_set_does() {
        let text = "Salt and pepper. Pepper, Salt, Mine and mine: Ilham Aliyev said so. Said Aliyev’s aide.";
        let words = ["Salt", "Pepper", "Mine", "Ilham", "Aliyev", "Said", "President", "The", "Aide"];
        let mut whole = Vocabulary::new(text);
        // Two searches, then the set: both ways are asked.
        let mut searching = Vocabulary::with(text, Lower::Search(2));
        for w in words {
            assert!(whole.kind(w) == searching.kind(w), "{w}");
        }
        assert!(matches!(searching.lower, Lower::Set(_)));
        let kinds: Vec<bool> = words.iter().map(|w| whole.kind(w) == Kind::Name).collect();
        assert_eq!(kinds, [true, false, false, true, true, false, false, false, false]);
    }
}
