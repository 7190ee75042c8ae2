//! Dates that a sentence gives events (`Armenia destroyed its stockpile in March 2020`,
//! `the report was presented on 3 June 2021`), and dates that are what was said rather
//! than when (`said that it would finish in 2023`, `plans to clear it by 2025`, `expected
//! in 2026`, `reported that the mines were laid in 2019`).
//!
//! A source cannot report what had not yet happened: an event a sentence dates after
//! every date of the footnote it cites is `date-mismatch`'s finding. So the event dates
//! here are the dates of a sentence that place something in the past — whatever the
//! verb, in a reported clause or not — and never a date that is a plan, a projection, a
//! deadline or a bound (`by`, `until`, `since`, `before`), nor one inside a quotation or
//! brackets.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::{DateMention, Dates};
use crate::document::{Document, Span};

/// Words that make a date what was said, planned or foreseen: modals, plans and
/// projections, deadlines and targets.
const PROSPECTIVE: &[&str] = &[
    "would",
    "will",
    "shall",
    "could",
    "might",
    "may",
    "should",
    "must",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "aim",
    "aims",
    "aimed",
    "expect",
    "expects",
    "expected",
    "expecting",
    "project",
    "projects",
    "projected",
    "projection",
    "projections",
    "forecast",
    "forecasts",
    "anticipate",
    "anticipates",
    "anticipated",
    "scheduled",
    "envisaged",
    "envisages",
    "foresees",
    "foreseen",
    "hope",
    "hopes",
    "hoped",
    "due",
    "deadline",
    "deadlines",
    "target",
    "targets",
    "goal",
    "commit",
    "commits",
    "committed",
    "pledge",
    "pledged",
    "pledges",
    "request",
    "requested",
    "extension",
    "unless",
    "if",
];

/// Verbs that open a reported clause with `that` (`stated that …`).
const REPORTING: &[&str] = &[
    "said",
    "says",
    "stated",
    "states",
    "reported",
    "reports",
    "announced",
    "announces",
    "told",
    "claimed",
    "claims",
    "alleged",
    "noted",
    "confirmed",
    "declared",
    "indicated",
    "informed",
    "wrote",
    "added",
    "explained",
    "asserted",
    "acknowledged",
    "warned",
    "believed",
    "believes",
    "estimated",
    "estimates",
];

/// Words before a date that make it a bound, a span or a description rather than when
/// an event happened; `al` ends `et al.`, whose date is a work's, not an event's.
const NOT_WHEN: &[&str] = &[
    "by", "until", "till", "before", "after", "since", "from", "through", "to", "between", "and", "or", "of",
    "the", "for", "than", "beyond", "within", "per", "around", "circa", "c", "ca", "nor", "early", "late",
    "mid", "end", "al",
];

/// Where the clause holding the end of `head` starts: after its last `,` `;` `:`
/// bracket, quotation mark or dash.
fn clause_start(head: &[u8]) -> usize {
    for i in (0..head.len()).rev() {
        match head[i] {
            b',' | b';' | b':' | b'(' | b')' | b'"' => return i + 1,
            // “ ” — –: E2 80 9C, 9D, 94, 93.
            0x9c | 0x9d | 0x94 | 0x93 if i >= 2 && head[i - 2] == 0xe2 && head[i - 1] == 0x80 => {
                return i + 1;
            }
            _ => {}
        }
    }
    0
}

/// The ASCII words of a clause read backward from a position, as written, stopping at
/// the clause's punctuation, at most twelve. Every list word is ASCII: other
/// characters only separate words.
fn words_back(text: &str, from: usize, to: usize) -> impl Iterator<Item = &[u8]> {
    let head = &text.as_bytes()[from..to];
    head[clause_start(head)..].split(|b| !b.is_ascii_alphabetic()).filter(|w| !w.is_empty()).rev().take(12)
}

/// The ASCII words after a position up to its clause's end (or the sentence's), as
/// written, at most eight.
fn words_on(text: &str, from: usize, to: usize) -> impl Iterator<Item = &[u8]> {
    let tail = text[from..to].trim_start_matches([',', ' ', '\u{a0}']).as_bytes();
    let stop = tail
        .iter()
        .enumerate()
        .position(|(i, &b)| {
            matches!(b, b',' | b';' | b':' | b'(' | b')' | b'"' | b'.')
                || (matches!(b, 0x9c | 0x9d | 0x94) && i >= 2 && tail[i - 2] == 0xe2 && tail[i - 1] == 0x80)
        })
        .map_or(tail.len(), |i| if tail[i] >= 0x80 { i - 2 } else { i });
    tail[..stop].split(|b| !b.is_ascii_alphabetic()).filter(|w| !w.is_empty()).take(8)
}

/// Whether `w` is one of `list`'s words, through a set built once per list.
fn listed(set: &'static LazyLock<FxHashSet<&'static [u8]>>, w: &[u8]) -> bool {
    set.contains(w)
}

static PROSPECTIVE_SET: LazyLock<FxHashSet<&'static [u8]>> =
    LazyLock::new(|| PROSPECTIVE.iter().map(|w| w.as_bytes()).collect());
static REPORTING_SET: LazyLock<FxHashSet<&'static [u8]>> =
    LazyLock::new(|| REPORTING.iter().map(|w| w.as_bytes()).collect());

/// Whether the date `m` of `sentence` is what was said rather than when, by what comes
/// before it in its clause: a modal or a word of planning or projection (`would … in
/// 2023`, `projected … in 2023`, `expected in 2026`; see [`prospective`]), or a reported
/// clause (`stated that … in 2019`). Words are compared as written: `May 2021` is no
/// modal.
pub(super) fn said_not_when(text: &str, sentence: &Span, m: &DateMention) -> bool {
    // Read back: `stated that …` is a reported clause, read back to its verb.
    let mut after_that = false;
    for w in words_back(text, sentence.start, m.span.start) {
        if listed(&PROSPECTIVE_SET, w) || (after_that && listed(&REPORTING_SET, w)) {
            return true;
        }
        after_that = matches!(w, b"that" | b"whether");
    }
    false
}

/// Whether the date `m` of `sentence` is a plan, a projection or a deadline: a modal or
/// a word of planning in its clause, before the date or after it (`In 2026, Armenia
/// will complete…`, `completion in 2026 is expected`). A past event reported in a
/// clause (`reported that 8 civilians were injured in August 2023`) is still an event.
pub(super) fn prospective(text: &str, sentence: &Span, m: &DateMention) -> bool {
    words_back(text, sentence.start, m.span.start).any(|w| listed(&PROSPECTIVE_SET, w))
        || words_on(text, m.span.end, sentence.end).any(|w| listed(&PROSPECTIVE_SET, w))
}

/// Whether the date `i` of `sentence` places a past event: not quoted, not impossible,
/// not in brackets, not a bound or a span (`by`, `until`, `since`, `from`, `between`,
/// `of` before it), and not [`prospective`]. Reads the words around the date: a rule
/// asks it last, of the few dates that could make a finding.
pub fn is_event(doc: &Document, dates: &Dates, sentence: &Span, i: usize) -> bool {
    let text = doc.text;
    let m = &dates.mentions[i];
    if m.quoted || m.problem.is_some() || m.span.start < sentence.start || m.span.end > sentence.end {
        return false;
    }
    let head = &text[sentence.start..m.span.start];
    if head.trim_end_matches([' ', '\u{a0}']).ends_with(['(', '[', '/', '-', '–', '#', '$', '§'])
        || inside_brackets(head)
    {
        return false;
    }
    m.preceding_word_in(text, NOT_WHEN).is_none() && !prospective(text, sentence, m)
}

/// Whether a position after `head` is inside brackets opened in `head`.
fn inside_brackets(head: &str) -> bool {
    head.rfind('(').is_some_and(|open| !head[open..].contains(')'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn events(sentence: &str) -> Vec<String> {
        let t = format!("T\n\n{sentence}\n");
        let doc = Document::parse(&t, Format::Text);
        let d = super::super::extract(&doc);
        let span = doc.blocks[1].span.clone();
        d.within(&span)
            .filter(|&i| is_event(&doc, &d, &span, i))
            .map(|i| t[d.mentions[i].span.clone()].to_owned())
            .collect()
    }

    #[test]
    fn dates_of_past_events_whatever_the_verb() {
        for (s, want) in [
            ("Armenia destroyed 1,200 stockpiled mines in March 2020.", "March 2020"),
            ("The report was presented on 3 June 2021 in Geneva.", "3 June 2021"),
            ("On 12 May 2019, the deminers recorded 40 casualties.", "12 May 2019"),
            ("The law was adopted in 1997 and amended in 2019.", "1997"),
        ] {
            assert_eq!(events(s).first().map(String::as_str), Some(want), "{s}");
        }
        assert_eq!(events("The law was adopted in 1997 and amended in 2019."), ["1997", "2019"]);
    }

    #[test]
    fn plans_projections_bounds_and_reported_clauses_are_not_events() {
        for s in [
            "Armenia said that it would complete clearance in 2023.",
            "The operator projected clearance of the area in 2023.",
            "It plans to finish clearance by 2025.",
            "Completion is expected in 2026.",
            "In 2026, Armenia will complete clearance.",
            "Mines laid since 2018 remain, and clearance continues until 2030.",
            "The survey (conducted in 2019) found mines.",
            "It set a deadline of 1 March 2025.",
            "It said: “We cleared it in 2019.”",
            "Clearance ran from 2015 to 2019.",
        ] {
            assert!(events(s).is_empty(), "{s}: {:?}", events(s));
        }
    }
}
