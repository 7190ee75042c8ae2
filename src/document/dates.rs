//! Dates in prose and footnotes: extraction with precision and spans (nom), calendar
//! validation (jiff), the dates each footnote carries and the statement date of a
//! citing sentence.
//!
//! Recognised: `21 June 2021`, `June 21, 2021`, `21 Jun. 2021`, `June 2021`, `2021`,
//! ranges `8–12 May 2019`, `30 April–2 May 2019`, `September–November 2020`,
//! `1992–1994`, `1996–97`, ISO `2021-06-21`, and a leading weekday
//! (`Friday, 2 February 2024`), which is checked against the calendar. Numbers that only
//! look like years are not dates: page numbers (`p. 2010`), resolution and decree
//! numbers (`76/47`, `12/2011`), counts (`1,318`, `2000 mines`) and amounts (`$2021`).

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::bytes::with_lowercase;
use super::{BlockKind, Document, Span};

mod events;
mod grammar;
mod statement;

pub use events::is_event;
use grammar::{chain_start, parse_at};
pub use statement::statement_date;

/// How much of a date is given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar position; `month`/`day` are 0 when the precision leaves them out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub year: i16,
    pub month: u8,
    pub day: u8,
}

impl Ymd {
    fn key(self, precision: Precision) -> u32 {
        let y = self.year.max(0) as u32;
        match precision {
            Precision::Year => y * 10_000,
            Precision::Month => y * 10_000 + u32::from(self.month) * 100,
            Precision::Day => y * 10_000 + u32::from(self.month) * 100 + u32::from(self.day),
        }
    }
}

/// One date (or date range) written in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// The whole date as written, weekday included.
    pub span: Span,
    /// The first day (month, year) the mention covers.
    pub start: Ymd,
    /// The last; equal to `start` unless the mention is a range.
    pub end: Ymd,
    pub precision: Precision,
    /// Why the date cannot exist (`September has 30 days`), if it cannot.
    pub problem: Option<String>,
    /// Inside quotation marks (a quoted title or statement).
    pub quoted: bool,
    /// Introduced by "accessed", "retrieved", "viewed": not the source's own date.
    pub accessed: bool,
    /// Where the word right before the date is (`on`, `by`, `since`, `dated`); see
    /// [`DateMention::preceding_word_in`].
    pub preceded_by: Span,
}

impl DateMention {
    /// Whether two mentions share a day, month or year at the coarser of their
    /// precisions: June 2021 agrees with 21 June 2021, 10 May 2019 with 8–12 May 2019.
    pub fn agrees_with(&self, other: &DateMention) -> bool {
        let p = self.precision.min(other.precision);
        self.start.key(p) <= other.end.key(p) && other.start.key(p) <= self.end.key(p)
    }

    /// Which of `words` (lower case) the word right before the date is, in any case.
    pub fn preceding_word_in<'w>(&self, text: &str, words: &[&'w str]) -> Option<&'w str> {
        with_lowercase(&text[self.preceded_by.clone()], |w| words.iter().find(|x| **x == w).copied())
    }

    /// Whether this mention lies wholly after `other` at the coarser precision.
    pub fn is_after(&self, other: &DateMention) -> bool {
        let p = self.precision.min(other.precision);
        self.start.key(p) > other.end.key(p)
    }
}

/// The dates of one footnote.
///
/// A note's mentions are adjacent in [`Dates::mentions`], so a range of indices holds
/// them: a list per note cost an allocation for every footnote of every document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NoteDates {
    /// Indices into [`Dates::mentions`] of the note's dates, access dates included; see
    /// [`Dates::source_dates`] and [`Dates::access_dates`].
    pub mentions: std::ops::Range<usize>,
    /// Where the note says it is undated (`undated`, `n.d.`, `no date`).
    pub undated_marker: Option<Span>,
}

/// Every date of a document, computed once and shared by the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dates {
    /// Every date in the prose and the notes, in text order.
    pub mentions: Vec<DateMention>,
    /// Per footnote, aligned with `Document::footnotes`.
    pub notes: Vec<NoteDates>,
    /// Index of the date on the `Last updated:` line.
    pub last_updated: Option<usize>,
}

impl Dates {
    /// The source's own dates in a note, in text order: access dates left out.
    pub fn source_dates<'d>(&'d self, note: &NoteDates) -> impl Iterator<Item = &'d DateMention> + 'd {
        self.mentions[note.mentions.clone()].iter().filter(|m| !m.accessed)
    }

    /// The dates a note gives for a visit ("accessed 3 June 2024").
    pub fn access_dates<'d>(&'d self, note: &NoteDates) -> impl Iterator<Item = &'d DateMention> + 'd {
        self.mentions[note.mentions.clone()].iter().filter(|m| m.accessed)
    }

    /// Undated: the note says so, or carries no date of its own.
    pub fn is_undated(&self, note: &NoteDates) -> bool {
        note.undated_marker.is_some() || self.source_dates(note).next().is_none()
    }

    /// The mentions that start inside `span`, as indices.
    pub fn within(&self, span: &Span) -> std::ops::Range<usize> {
        let from = self.mentions.partition_point(|m| m.span.start < span.start);
        let to = self.mentions.partition_point(|m| m.span.start < span.end);
        from..to.max(from)
    }
}

/// Extract every date of `doc` (blocks and footnotes, skipping ignored regions).
pub fn extract(doc: &Document) -> Dates {
    let mut regions: Vec<Span> = doc.blocks.iter().map(|b| b.span.clone()).collect();
    regions.extend(doc.footnotes.iter().map(|f| f.text_span.clone()));
    // Both come in text order unless blocks and notes interleave: sorting only when they
    // do spares a sort buffer per document.
    if !regions.is_sorted_by_key(|r| r.start) {
        regions.sort_by_key(|r| r.start);
    }
    let mut mentions = Vec::new();
    for region in &regions {
        scan(doc, region, &mut mentions);
    }
    if !mentions.is_sorted_by_key(|m| m.span.start) {
        mentions.sort_by_key(|m| m.span.start);
    }
    mentions.dedup_by_key(|m| m.span.start);

    let mut dates = Dates { mentions, notes: Vec::with_capacity(doc.footnotes.len()), last_updated: None };
    for note in &doc.footnotes {
        let mentions = dates.within(&note.text_span);
        dates.notes.push(NoteDates { mentions, undated_marker: undated_marker(doc.text, &note.text_span) });
    }
    if let Some(block) = doc.blocks.iter().find(|b| b.kind == BlockKind::LastUpdated) {
        dates.last_updated = dates.within(&block.span).next();
    }
    dates
}

/// Find the dates of one region, left to right, each starting at a word start after the
/// previous date.
///
/// A date starts no further left than the [`chain_start`] of its first year, and no
/// four-digit number lies between its start and that year, so only the starts from a
/// year's chain start up to the year are tried: each start that could open a date is
/// still tried, in the same order, so this finds the same dates as trying every word
/// start, in a fraction of the time.
fn scan(doc: &Document, region: &Span, out: &mut Vec<DateMention>) {
    let text = doc.text;
    let body = &text[region.clone()];
    let bytes = text.as_bytes();
    let mut quotes = None;
    // Starts before `next` were tried already or lie inside a date.
    let mut next = region.start;
    for year in four_digit_runs(body.as_bytes()) {
        let year = region.start + year;
        // Byte by byte: a date opens with an ASCII digit or letter, which is never inside
        // a multi-byte character.
        let mut pos = next.max(region.start + chain_start(&body[..year - region.start]));
        while pos <= year {
            // Most bytes open no date: a digit or a capital first, before the word tests.
            let opens = match bytes[pos] {
                b'0'..=b'9' => true,
                b'A'..=b'Z' => may_name_a_day(&bytes[pos..region.end]),
                _ => false,
            };
            if opens
                && (pos == region.start || !prev_char(text, pos).is_some_and(char::is_alphanumeric))
                && !doc.is_ignored(pos)
                && let Some(end) = accept(doc, region, pos, &mut quotes, out)
            {
                pos = end;
                continue;
            }
            pos += 1;
        }
        next = next.max(pos);
    }
}

/// Parse a date at `pos` and keep it if it is one: where it ends.
fn accept(
    doc: &Document,
    region: &Span,
    pos: usize,
    quotes: &mut Option<Vec<Span>>,
    out: &mut Vec<DateMention>,
) -> Option<usize> {
    let text = doc.text;
    let (len, raw) = parse_at(&text[pos..region.end])?;
    let span = pos..pos + len;
    // A bare four-digit number is a year only in a plausible range.
    let plausible = raw.precision != Precision::Year || (1500..=2199).contains(&raw.start.year);
    if !plausible || !context_allows(text, &span, raw.precision == Precision::Year) {
        return None;
    }
    let quotes = quotes.get_or_insert_with(|| quoted_regions(text, region));
    out.push(DateMention {
        problem: raw.problem(),
        quoted: in_spans(quotes, pos),
        accessed: is_accessed(text, region.start, pos),
        preceded_by: word_before(text, region.start, pos),
        span: span.clone(),
        start: raw.start,
        end: raw.end,
        precision: raw.precision,
    });
    Some(span.end)
}

/// Offsets of the runs of exactly four ASCII digits in `bytes`, in order.
///
/// Every run of four or more digits that starts in `i..i + 4` covers byte `i + 3`, so
/// when that byte is not a digit the scan moves on four bytes having read one. Between
/// runs `i` never lies inside one: it moves past a non-digit or to the end of a run.
fn four_digit_runs(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(probe) = bytes.get(i + 3) {
            if !probe.is_ascii_digit() {
                i += 4;
                continue;
            }
            // The run around the probe, which starts no earlier than `i`.
            let mut start = i + 3;
            while start > i && bytes[start - 1].is_ascii_digit() {
                start -= 1;
            }
            let mut end = i + 4;
            while bytes.get(end).is_some_and(u8::is_ascii_digit) {
                end += 1;
            }
            i = end;
            if end - start == 4 {
                return Some(start);
            }
        }
        None
    })
}

/// Whether `s` opens with a month or weekday name (a cheap test before parsing).
fn may_name_a_day(s: &[u8]) -> bool {
    matches!(
        s.get(..3),
        Some(
            b"Jan"
                | b"Feb"
                | b"Mar"
                | b"Apr"
                | b"May"
                | b"Jun"
                | b"Jul"
                | b"Aug"
                | b"Sep"
                | b"Oct"
                | b"Nov"
                | b"Dec"
                | b"Mon"
                | b"Tue"
                | b"Wed"
                | b"Thu"
                | b"Fri"
                | b"Sat"
                | b"Sun"
        )
    )
}

fn prev_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

/// Whether `at` lies in one of `spans` (sorted and disjoint).
pub(crate) fn in_spans(spans: &[Span], at: usize) -> bool {
    let i = spans.partition_point(|s| s.end <= at);
    spans.get(i).is_some_and(|s| s.start <= at)
}

/// Regions between quotation marks within `region` (`“…”`, `"…"`); an unclosed quote
/// runs to the end of the region.
pub(crate) fn quoted_regions(text: &str, region: &Span) -> Vec<Span> {
    let bytes = &text.as_bytes()[region.clone()];
    let mut out = Vec::new();
    // Where the open quote starts and the mark that closes it.
    let mut open: Option<(usize, &str)> = None;
    // Quotation marks are rare: jump from one `"` or first byte of `“`/`”` (0xE2) to the next.
    for i in memchr::memchr2_iter(b'"', 0xE2, bytes) {
        let at = region.start + i;
        let rest = &bytes[i..];
        match open {
            None if rest.starts_with("“".as_bytes()) => open = Some((at, "”")),
            None if rest[0] == b'"' => open = Some((at, "\"")),
            Some((s, close)) if rest.starts_with(close.as_bytes()) => {
                out.push(s..at + close.len());
                open = None;
            }
            _ => {}
        }
    }
    if let Some((s, _)) = open {
        out.push(s..region.end);
    }
    out
}

/// Rule out numbers that only look like dates, by what surrounds them.
fn context_allows(text: &str, span: &Span, year_only: bool) -> bool {
    let before = &text[..span.start];
    let after = &text[span.end..];
    let prev = before.chars().next_back();
    // Part of a larger token: `76/2011`, `ABC-2021`, `$2021`, `#2021`, `[^2021]`.
    if prev.is_some_and(|c| {
        matches!(
            c,
            '/' | '\\' | '-' | '.' | ',' | '$' | '€' | '£' | '¥' | '#' | '^' | '_' | '@' | ':' | '+' | '='
        )
    }) {
        return false;
    }
    let mut next = after.chars();
    match next.next() {
        Some(c) if c.is_alphanumeric() || matches!(c, '/' | '%' | '_' | '@' | '=' | '\\') => return false,
        Some('.' | ',' | '-' | ':') if next.next().is_some_and(|c| c.is_ascii_digit()) => return false,
        _ => {}
    }
    // Inside a path, URL, DOI or markup attribute: `doi:10.1175/1520-0477(1986)067`.
    let (chunk_start, chunk_end) = ascii_chunk(text.as_bytes(), span).unwrap_or_else(|| {
        let start =
            before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
        (start, after.find(char::is_whitespace).map_or(text.len(), |i| span.end + i))
    });
    // The marks are ASCII, so bytes tell as well as characters.
    let marked = |c: &[u8]| {
        c.iter().any(|b| matches!(b, b'/' | b'\\' | b'=' | b'@')) || c.windows(4).any(|w| w == b"doi:")
    };
    let bytes = text.as_bytes();
    if marked(&bytes[chunk_start..span.start]) || marked(&bytes[span.end..chunk_end]) {
        return false;
    }
    if !year_only {
        return true;
    }

    const NUMBERED: &str = "p pp page pages no nos number resolution para paras paragraph art article vol volume \
    section chapter isbn issn decree law order rfc issue pr port usd us eur rule item table \
    figure fig bip version v line lines step code approximately around some nearly";
    // Sets built once: splitting the lists for every year was a large part of the scan.
    static NUMBERED_SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| NUMBERED.split_whitespace().collect());
    static COUNTED_SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| COUNTED.split_whitespace().collect());
    if with_lowercase(&text[word_before(text, 0, span.start)], |w| NUMBERED_SET.contains(w)) {
        return false;
    }
    let next = after.trim_start_matches([' ', '\u{a0}']);
    let next_word = &next[..next.find(|c: char| !(c.is_alphanumeric() || c == '²')).unwrap_or(next.len())];
    const COUNTED: &str = "million billion thousand people persons mines landmines km km² m² m2 hectares ha sq square \
    casualties victims items units lines words pages times bytes kb mb gb ms tonnes tons kg \
    devices dollars euros members users students men women children soldiers households \
    families meters metres miles feet hours days weeks months years minutes seconds percent \
    per";
    !with_lowercase(next_word, |w| COUNTED_SET.contains(w))
}

/// The run of text without white space around `span` (a date), read by bytes; `None`
/// where it meets a multi-byte character, which may be white space.
fn ascii_chunk(bytes: &[u8], span: &Span) -> Option<(usize, usize)> {
    // The ASCII white space of `char::is_whitespace`: tab to carriage return, space.
    let space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
    let mut start = span.start;
    while start > 0 && !space(bytes[start - 1]) {
        if !bytes[start - 1].is_ascii() {
            return None;
        }
        start -= 1;
    }
    let mut end = span.end;
    while end < bytes.len() && !space(bytes[end]) {
        if !bytes[end].is_ascii() {
            return None;
        }
        end += 1;
    }
    Some((start, end))
}

/// Where the word right before `pos` is (skipping white space and one trailing `.`),
/// within `from..pos`.
fn word_before(text: &str, from: usize, pos: usize) -> Span {
    ascii_word_before(text.as_bytes(), from, pos).unwrap_or_else(|| word_before_in_chars(text, from, pos))
}

/// [`word_before`] read by bytes, or `None` where a byte it must read is not ASCII (and
/// characters must be decoded): every date has its word before it read, and decoding
/// characters backwards was a good part of the cost of keeping a date.
fn ascii_word_before(bytes: &[u8], from: usize, pos: usize) -> Option<Span> {
    let mut end = pos;
    // `str::trim_end`: the ASCII white space is tab to carriage return and the space.
    while end > from && matches!(bytes[end - 1], b'\t'..=b'\r' | b' ') {
        end -= 1;
    }
    if end > from && bytes[end - 1] == b'.' {
        end -= 1;
    }
    let mut start = end;
    while start > from && bytes[start - 1].is_ascii_alphanumeric() {
        start -= 1;
    }
    // A multi-byte character may be white space or alphanumeric: decode instead.
    (start == from || bytes[start - 1].is_ascii()).then_some(start..end)
}

fn word_before_in_chars(text: &str, from: usize, pos: usize) -> Span {
    let head = text[from..pos].trim_end();
    let head = head.strip_suffix('.').unwrap_or(head);
    let start = head
        .rfind(|c: char| !c.is_alphanumeric())
        .map_or(0, |i| i + head[i..].chars().next().map_or(1, char::len_utf8));
    from + start..from + head.len()
}

/// "accessed 3 June 2024", "(retrieved on: 3 June 2024)": the date of a visit.
fn is_accessed(text: &str, from: usize, pos: usize) -> bool {
    // By bytes: each of the marks trimmed is one ASCII byte, or C2 A0 (a no-break space,
    // whose lead byte C2 never continues another character).
    let bytes = text.as_bytes();
    let mut end = pos;
    loop {
        match bytes[from..end] {
            [.., b' ' | b':' | b',' | b'(' | b'\n'] => end -= 1,
            [.., 0xC2, 0xA0] => end -= 2,
            _ => break,
        }
    }
    let head = &text[from..end];
    let head = head.strip_suffix(" on").unwrap_or(head);
    // Every word ends with `d`, and no other character lower-cases to one that ends with
    // `d`: most dates are settled by one byte.
    if !matches!(head.as_bytes().last(), Some(b'd' | b'D')) {
        return false;
    }
    // Only the tail can end with one of the words: lower-casing the whole region before
    // every date made the scan quadratic in the length of a paragraph. Lower-casing maps
    // each character on its own (the final-sigma rule yields no ASCII), so the tail's
    // lower case ends like the whole head's.
    let tail = head.char_indices().rev().nth(15).map_or(head, |(i, _)| &head[i..]);
    with_lowercase(tail, |tail| {
        ["accessed", "retrieved", "viewed", "visited", "consulted", "last checked"]
            .iter()
            .any(|w| tail.ends_with(w))
    })
}

/// Where a note says its source is undated: the first of the markers, in this order, that
/// stands as a word.
fn undated_marker(text: &str, span: &Span) -> Option<Span> {
    // Each marker has one `n`, at this offset: the `n`s of a note are few enough to try
    // every marker at each, where searching the note once per marker was not.
    const MARKERS: [(&str, usize); 5] =
        [("undated", 1), ("Undated", 1), ("n.d.", 0), ("n. d.", 0), ("no date", 0)];
    let s = &text[span.clone()];
    // The best marker so far: its index in MARKERS and where it starts.
    let mut best: Option<(usize, usize)> = None;
    for n in memchr::memchr_iter(b'n', s.as_bytes()) {
        // Every marker goes on from its `n` with `d`, `.` or `o`.
        if !matches!(s.as_bytes().get(n + 1), Some(b'd' | b'.' | b'o')) {
            continue;
        }
        for (k, (marker, offset)) in MARKERS.iter().enumerate() {
            if best.is_some_and(|(b, _)| b <= k) {
                break;
            }
            // Only a marker that goes on from its `n` with this byte can stand here.
            if marker.as_bytes()[offset + 1] != s.as_bytes()[n + 1] {
                continue;
            }
            let Some(at) = n.checked_sub(*offset) else { continue };
            if !s.as_bytes()[at..].starts_with(marker.as_bytes()) {
                continue;
            }
            let before_ok = !s[..at].ends_with(|c: char| c.is_alphanumeric());
            let after_ok =
                marker.ends_with('.') || !s[at + marker.len()..].starts_with(char::is_alphanumeric);
            if before_ok && after_ok {
                best = Some((k, at));
            }
        }
    }
    best.map(|(k, at)| span.start + at..span.start + at + MARKERS[k].0.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn found(text: &str) -> Vec<(&str, Precision)> {
        let doc = Document::parse(text, Format::Text);
        extract(&doc).mentions.iter().map(|m| (&text[m.span.clone()], m.precision)).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        found(text).into_iter().map(|(s, _)| s).collect()
    }

    /// Every run of exactly four digits, found by reading every byte.
    fn four_digit_runs_read_bytewise(bytes: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                out.push(start);
            }
            i = i.max(start + 1);
        }
        out
    }

    /// `is_accessed` as it was before it read bytes: the oracle for the byte-level one.
    fn is_accessed_in_chars(text: &str, from: usize, pos: usize) -> bool {
        let head = text[from..pos].trim_end_matches([' ', ':', ',', '(', '\u{a0}', '\n']);
        let head = head.strip_suffix(" on").unwrap_or(head);
        let tail = head.char_indices().rev().nth(15).map_or(head, |(i, _)| &head[i..]);
        let lower = tail.to_lowercase();
        ["accessed", "retrieved", "viewed", "visited", "consulted", "last checked"]
            .iter()
            .any(|w| lower.ends_with(w))
    }

    /// Text around dates: white space of every kind, marks, letters that lower-case oddly
    /// (the Kelvin sign `K` becomes `k`, `İ` two characters) and the words looked for.
    fn surroundings() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(
            prop_oneof![
                Just("accessed"),
                Just("ACCESSED"),
                Just("Last chec\u{212a}ed"),
                Just("retrieved on"),
                Just(" "),
                Just("\u{a0}"),
                Just("\u{2003}"),
                Just("\t"),
                Just("\n"),
                Just(":"),
                Just(","),
                Just("("),
                Just("."),
                Just("é"),
                Just("İ"),
                Just("x"),
                Just("2021"),
                Just("/"),
                Just("doi:"),
                Just("="),
                Just("d"),
                Just("D"),
                Just("on"),
            ],
            0..12,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]
        #[test]
        fn byte_level_context_reads_agree_with_character_level_ones(head in surroundings(), tail in surroundings()) {
            let text = format!("{head}2021{tail}");
            let pos = head.len();
            for from in (0..=pos).filter(|&i| text.is_char_boundary(i)) {
                proptest::prop_assert_eq!(word_before(&text, from, pos), word_before_in_chars(&text, from, pos));
                proptest::prop_assert_eq!(is_accessed(&text, from, pos), is_accessed_in_chars(&text, from, pos));
            }
            let span = pos..pos + 4;
            if let Some((start, end)) = ascii_chunk(text.as_bytes(), &span) {
                let before = &text[..span.start];
                let want_start =
                    before.char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
                let want_end = text[span.end..].find(char::is_whitespace).map_or(text.len(), |i| span.end + i);
                proptest::prop_assert_eq!((start, end), (want_start, want_end));
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        #[test]
        fn the_strided_year_scan_finds_every_run_of_four_digits(s in "[0-9a– ]{0,40}") {
            let found: Vec<usize> = four_digit_runs(s.as_bytes()).collect();
            proptest::prop_assert_eq!(found, four_digit_runs_read_bytewise(s.as_bytes()));
        }
    }

    #[test]
    fn every_written_form_is_found_with_its_precision() {
        let t = "T\n\nOn 21 June 2021 and June 21, 2021 and 21 Jun. 2021 and June 2021 and 2021, \
                 also 8–12 May 2019, 1992–1994, 2020–2021, 2021-06-21, September–November 2020, \
                 30 April–2 May 2019 and 1996–97.\n";
        use Precision::*;
        assert_eq!(
            found(t),
            [
                ("21 June 2021", Day),
                ("June 21, 2021", Day),
                ("21 Jun. 2021", Day),
                ("June 2021", Month),
                ("2021", Year),
                ("8–12 May 2019", Day),
                ("1992–1994", Year),
                ("2020–2021", Year),
                ("2021-06-21", Day),
                ("September–November 2020", Month),
                ("30 April–2 May 2019", Day),
                ("1996–97", Year),
            ]
        );
    }

    #[test]
    fn the_widest_dates_are_found_whole_among_other_numbers() {
        // Each part at its widest: the year lies 76 bytes after the start.
        let wide = "Wednesday,\u{a0}\u{a0}\u{a0}10th\u{a0}\u{a0}\u{a0}September\u{a0}\u{a0}\u{a0}–\u{a0}\u{a0}\u{a0}\
                    30th\u{a0}\u{a0}\u{a0}September,\u{a0}\u{a0}\u{a0}2019";
        let t =
            format!("T\n\nIn 2018 and 1992–1994, then {wide}, then Saturday, 12 May 2018 and 12345 2020.\n");
        assert_eq!(spans(&t), ["2018", "1992–1994", wide, "Saturday, 12 May 2018", "2020"]);
    }

    #[test]
    fn numbers_that_are_not_dates_are_left_alone() {
        let t = "T\n\nResolution 76/47 and decree 12/2011 counted 1,318 mines, 2,700 more, \
                 2000 mines, $2021, pp. 658–659, p. 1998, 2021/22, 25%, No. 2019 and USD 2020.\n";
        assert!(spans(t).is_empty(), "{:?}", spans(t));
    }

    #[test]
    fn weekday_joins_the_date_and_is_checked() {
        let t = "T\n\nFriday, 2 February 2024 and Thursday, 2 February 2024.\n";
        let doc = Document::parse(t, Format::Text);
        let d = extract(&doc);
        assert_eq!(t[d.mentions[0].span.clone()].to_owned(), "Friday, 2 February 2024");
        assert_eq!(d.mentions[0].problem, None);
        assert_eq!(d.mentions[1].problem.as_deref(), Some("2 February 2024 was a Friday, not a Thursday"));
    }

    #[test]
    fn impossible_calendar_dates_carry_their_reason() {
        let t = "T\n\n31 September 2016, 29 February 2023, 29 February 2024, 2021-02-30.\n";
        let doc = Document::parse(t, Format::Text);
        let problems: Vec<_> = extract(&doc).mentions.into_iter().map(|m| m.problem).collect();
        assert_eq!(
            problems,
            [
                Some("September 2016 has 30 days".to_owned()),
                Some("2023 is not a leap year".to_owned()),
                None,
                Some("February 2021 has 28 days".to_owned())
            ]
        );
    }

    #[test]
    fn coarser_precision_decides_agreement() {
        let t = "T\n\nJune 2021, 21 June 2021, 10 May 2019, 8–12 May 2019, 14 May 2019, 2020–2021, 2021.\n";
        let doc = Document::parse(t, Format::Text);
        let m = extract(&doc).mentions;
        assert!(m[0].agrees_with(&m[1]));
        assert!(m[2].agrees_with(&m[3]));
        assert!(!m[4].agrees_with(&m[3]));
        assert!(m[5].agrees_with(&m[6]));
        assert!(!m[2].agrees_with(&m[1]));
    }

    #[test]
    fn access_dates_and_undated_notes_are_told_apart() {
        let t = "T\n\nSaid.[1] More.[2]\n\n[1] “Title,” 3 May 2020, https://x.org, accessed 3 June 2024.\n\n\
                 [2] Fenix Insight, “PMN-E Mine,” undated.\n";
        let doc = Document::parse(t, Format::Text);
        let d = extract(&doc);
        assert_eq!(d.source_dates(&d.notes[0]).count(), 1);
        assert_eq!(d.access_dates(&d.notes[0]).count(), 1);
        assert!(!d.is_undated(&d.notes[0]));
        assert!(d.is_undated(&d.notes[1]));
        assert_eq!(&t[d.notes[1].undated_marker.clone().unwrap()], "undated");
    }
}
