//! The statement-date heuristic as it was before the byte-level rewrite, kept as an
//! oracle: verbatim but for the `use` lines, one name and what did not change (the word
//! lists, and finding the sentence a continuing one goes on from). The tests at the
//! bottom check that the two give the same answer on any text.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::super::Dates;
use super::word_lists::{CLAUSE_BREAKERS, CONTINUATIONS, FUNCTION_WORDS, REPORTING, STATEMENT_NOUNS};
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
fn lists_of(word: &str) -> u8 {
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
fn statement_date(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
    super::statement_date_by(doc, dates, sentence, own_statement_date, opens_as_continuation)
}

/// Whether the sentence's first 24 characters, lower-cased, start with one of
/// [`CONTINUATIONS`].
fn opens_as_continuation(sentence: &str) -> bool {
    let opening = sentence.char_indices().nth(24).map_or(sentence, |(i, _)| &sentence[..i]);
    with_lowercase(opening, |opening| CONTINUATIONS.iter().any(|c| opening.starts_with(c)))
}

fn own_statement_date(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
    let text = doc.text;
    for i in dates.within(sentence) {
        let m = &dates.mentions[i];
        if m.quoted || m.span.end > sentence.end {
            continue;
        }
        let head = &text[sentence.start..m.span.start];
        // The prepositions the tests below tell apart: any other word is none of them.
        let prep = m.preceding_word_in(text, &["on", "in", "of", "dated"]).unwrap_or("");
        if date_opens_sentence(head, prep) {
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

fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(['’', '\'']))
}

/// `On`, `In`, `Later in`, `“On`: nothing but a preposition (and an adverb) before.
fn date_opens_sentence(head: &str, prep: &str) -> bool {
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
                "Later" | "Earlier" | "Also" | "Then" | "Again" | "Subsequently" | "Previously" | "Finally"
            ) && matches!(p, "on" | "in")
        }
        _ => false,
    }
}

/// The first verb-like word after a sentence-opening date reports a statement.
fn first_verb_reports(tail: &str) -> bool {
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
            if pronoun || w.chars().next().is_some_and(char::is_uppercase) || lists & IS_FUNCTION_WORD != 0 {
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

// The whole file is test code; the attribute says so to tools that read one file at a time.
#[cfg(test)]
mod tests {
    use crate::document::bytes::with_lowercase;
    use crate::document::dates::Dates;
    use crate::document::dates::extract;
    use crate::document::dates::statement::oracle;
    use crate::document::dates::statement::word_lists::{
        CLAUSE_BREAKERS, CONTINUATIONS, FUNCTION_WORDS, IS_PRONOUN, KEY_BYTES, PRONOUNS, REPORTING,
        STATEMENT_NOUNS, key, key_of_loaded, lists_of, lists_of_read, opens_as_continuation, preposition,
    };
    use crate::document::dates::statement::words::{Word, lower_case_ends_with_ed, words};
    use crate::document::dates::statement::{
        date_opens_sentence, first_verb_reports, follows_reporting, own_statement_date, statement_date_by,
    };
    use crate::document::{Document, Format, Span};

    /// The statement date as the oracle finds it: before the dates that are what was
    /// said rather than when are left out (`events::said_not_when`), a rule the oracle
    /// predates.
    fn statement_date(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
        statement_date_by(doc, dates, sentence, own_statement_date, opens_as_continuation)
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
        // Read with their bytes: the same words, each key the word's own, and each in the
        // lists it is in however it was read.
        let mut loading = words(s);
        let mut read = Vec::new();
        while let Some(word) = loading.next_loaded() {
            let w = match word {
                Word::Loaded { start, end, lo, hi } => {
                    let w = &s[start..end];
                    assert!(w.len() <= KEY_BYTES, "{w:?} in {s:?}");
                    assert_eq!(Some(key_of_loaded(w.len(), lo, hi)), key(w.as_bytes()), "{w:?} in {s:?}");
                    w
                }
                Word::Other(w) => w,
            };
            assert_eq!(lists_of_read(&word), lists_of(w), "{w:?} in {s:?}");
            assert_eq!(word.starts_upper_case(), w.chars().next().is_some_and(char::is_uppercase), "{w:?}");
            assert_eq!(word.lower_case_ends_with_ed(), w.to_lowercase().ends_with("ed"), "{w:?}");
            read.push(w);
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
            let before_date =
                with_lowercase(w, |l| ["on", "in", "of", "dated"].into_iter().find(|p| *p == l));
            assert_eq!(preposition(w), before_date.unwrap_or(""), "{w:?}");
        }
        assert_eq!(first_verb_reports(s), oracle::first_verb_reports(s), "{s:?}");
        for prep in ["", "on", "in", "of", "dated"] {
            assert_eq!(follows_reporting(s, prep), oracle::follows_reporting(s, prep), "{s:?} {prep}");
            assert_eq!(date_opens_sentence(s, prep), oracle::date_opens_sentence(s, prep), "{s:?} {prep}");
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
        let Some(shared) = crate::document::test_support::shared_dir() else {
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
}
