//! The statement date of a citing sentence: the date that scopes a reported statement
//! or publication (`On 12 June 2021, the ministry announced…`), as opposed to a date
//! that is the subject matter (`during the 1992–1994 conflict`).
//!
//! The words it knows are in `statement/word_lists.rs`, and how it reads a sentence's
//! words in `statement/words.rs`; this file is the heuristic.

use super::Dates;
use crate::document::sentences::sentence_around;
use crate::document::{Document, Span};

#[cfg(test)]
mod oracle;
mod word_lists;
mod words;

use word_lists::{
    IS_CLAUSE_BREAKER, IS_FUNCTION_WORD, IS_PRONOUN, IS_REPORTING, IS_STATEMENT_NOUN, lists_of,
    lists_of_read, opens_as_continuation, preposition,
};
use words::{words, words_up_to_quote_or_break};

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
/// A date that is what was said, not when — after a modal or a word of planning or
/// projection (`said that it would report in 2023`, `plans to publish in 2025`), or in a
/// reported clause (`stated that the report was released on 3 May 2019`) — is never a
/// statement date.
pub fn statement_date(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
    statement_date_by(doc, dates, sentence, said_when, opens_as_continuation)
}

/// [`own_statement_date`], unless that date is what was said rather than when: after a
/// modal or a word of planning in its clause, or inside a reported clause (`stated that
/// it would report on 3 May 2019`; see [`super::events::said_not_when`]).
fn said_when(doc: &Document, dates: &Dates, sentence: &Span) -> Option<usize> {
    own_statement_date(doc, dates, sentence)
        .filter(|&i| !super::events::said_not_when(doc.text, sentence, &dates.mentions[i]))
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

/// The statement date of the sentence itself, not of one it continues.
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
        let prep = preposition(&text[m.preceded_by.clone()]);
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

/// Whether the date after `head` opens its sentence: `On`, `In`, `Later in`, `“On`, that
/// is nothing but a preposition (and an adverb) before it.
fn date_opens_sentence(head: &str, prep: &str) -> bool {
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
    // A quotation or another clause after the date holds no verb of its subject.
    let mut ws = words_up_to_quote_or_break(tail);
    for _ in 0..14 {
        let Some(w) = ws.next_loaded() else { break };
        if let Some(verdict) =
            verdict(lists_of_read(&w), w.starts_upper_case(), || w.lower_case_ends_with_ed())
        {
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
