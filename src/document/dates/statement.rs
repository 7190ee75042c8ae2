//! The statement date of a citing sentence: the date that scopes a reported statement
//! or publication (`On 12 June 2021, the ministry announced…`), as opposed to a date
//! that is the subject matter (`during the 1992–1994 conflict`).

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::{Dates, with_lowercase};
use crate::document::sentences::sentence_around;
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
    if let Some(i) = own_statement_date(doc, dates, sentence) {
        return Some(i);
    }
    // `It added that…`, `Moreover, it alleged…`: the statement goes on from the sentence
    // before, which dates it.
    let sentence_text = &doc.text[sentence.clone()];
    let opening = sentence_text.char_indices().nth(24).map_or(sentence_text, |(i, _)| &sentence_text[..i]);
    if !with_lowercase(opening, |opening| CONTINUATIONS.iter().any(|c| opening.starts_with(c))) {
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

fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '’' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(['’', '\'']))
}

/// `On`, `In`, `Later in`, `“On`: nothing but a preposition (and an adverb) before.
fn opens_sentence(head: &str, prep: &str) -> bool {
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

#[cfg(test)]
mod tests {
    use super::super::extract;
    use super::*;
    use crate::document::Format;

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
}
