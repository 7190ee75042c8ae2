//! The plain-text profile grammar (nom): title, `Last updated:`, headings, paragraphs,
//! `[n]` citations and the `[n] …` notes list.

use nom::bytes::complete::tag_no_case;
use nom::character::complete::{char, digit1, space0};
use nom::multi::separated_list1;
use nom::sequence::{delimited, terminated};
use nom::{IResult, Parser};

pub mod notes;

use crate::document::sentences::{boundaries, sentence_at};
use crate::document::{Block, BlockKind, Citation, Document, Footnote, Format, Span};
use notes::{MAX_LABEL_DIGITS, ends_notes, is_notes_heading, numbered_marker};

/// How far past the running note's number a marker opening a line inside that note may
/// go and still open the next note (`[7] …` then `[9] …` on the next line; a wrapped
/// `[2019] report` line does not).
const MAX_NOTE_STEP: u64 = 10;

/// A line longer than this is no heading (a heading's text is at most 60 bytes).
const MAX_HEADING_LINE: usize = 64;

/// Parse a plain-text profile. Total: every input yields a document.
pub fn parse(text: &str) -> Document<'_> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut reader = Reader {
        text,
        blocks: Vec::new(),
        footnotes: Vec::new(),
        open_note: None,
        numbered: false,
        lists: 0,
        highest: None,
        numbered_notes: Vec::new(),
    };
    for (para, lines) in paragraphs(text, start) {
        reader.paragraph(para, lines);
    }
    let Reader { mut blocks, mut footnotes, open_note, numbered_notes, .. } = reader;
    close_note(text, &mut footnotes, open_note);

    let mut citations = all_citations(text, &blocks, &footnotes);
    if !numbered_notes.is_empty()
        && settle_numbered_lists(text, &mut blocks, &mut footnotes, &numbered_notes, &citations)
    {
        citations = all_citations(text, &blocks, &footnotes);
    }
    Document::new(text, Format::Text, blocks, citations, footnotes, Vec::new(), Vec::new())
}

fn all_citations(text: &str, blocks: &[Block], footnotes: &[Footnote]) -> Vec<Citation> {
    let mut citations = Vec::new();
    for block in blocks {
        if block.kind == BlockKind::Paragraph || block.kind == BlockKind::Heading {
            find_citations(text, &block.span, footnotes, &mut citations);
        }
    }
    citations
}

/// Which numbered lists under notes headings are notes lists. One the body does not cite
/// (two of its numbers, or its one) is a bibliography. When two use the same numbers (an
/// article's Notes 1–3 and its References 1–140), only one can be the notes list: the
/// one whose numbers the body cites most. The others are body text again (their own
/// markers become citations). Whether anything changed.
fn settle_numbered_lists(
    text: &str,
    blocks: &mut Vec<Block>,
    footnotes: &mut Vec<Footnote>,
    numbered: &[(usize, usize)],
    citations: &[Citation],
) -> bool {
    let mut lists: Vec<(usize, Vec<usize>)> = Vec::new();
    for &(note, list) in numbered {
        match lists.last_mut() {
            Some((l, notes)) if *l == list => notes.push(note),
            _ => lists.push((list, vec![note])),
        }
    }
    let in_lists: std::collections::HashSet<usize> = numbered.iter().map(|&(n, _)| n).collect();
    let mut taken: std::collections::HashSet<&str> = footnotes
        .iter()
        .enumerate()
        .filter(|(i, _)| !in_lists.contains(i))
        .map(|(_, f)| f.label.as_str())
        .collect();
    let cited: std::collections::HashSet<&str> = citations.iter().map(|c| c.label.as_str()).collect();
    let cited_in =
        |notes: &[usize]| notes.iter().filter(|&&n| cited.contains(footnotes[n].label.as_str())).count();
    lists.sort_by_key(|(list, notes)| (std::cmp::Reverse(cited_in(notes)), *list));
    let mut dropped = Vec::new();
    for (_, notes) in &lists {
        let bibliography = cited_in(notes) < notes.len().min(2);
        if bibliography || notes.iter().any(|&n| taken.contains(footnotes[n].label.as_str())) {
            dropped.extend(notes.iter().copied());
        } else {
            taken.extend(notes.iter().map(|&n| footnotes[n].label.as_str()));
        }
    }
    if dropped.is_empty() {
        return false;
    }
    dropped.sort_unstable();
    for &n in dropped.iter().rev() {
        let note = footnotes.remove(n);
        let span = trimmed(text, note.marker_span.start..note.text_span.end.max(note.marker_span.end));
        blocks.push(Block { kind: BlockKind::Paragraph, span });
    }
    blocks.sort_by_key(|b| b.span.start);
    true
}

/// What a piece of a paragraph is: a paragraph is one piece unless a line inside it
/// opens a notes list, a note or a heading (notes lists written without blank lines,
/// encyclopedia dumps).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    Heading,
    Note,
    /// Body text, or the running note's continuation.
    Other,
}

/// The reader's state between paragraphs.
struct Reader<'a> {
    text: &'a str,
    blocks: Vec<Block>,
    footnotes: Vec<Footnote>,
    /// The running note's index and extent; a paragraph that opens nothing continues it.
    open_note: Option<(usize, Span)>,
    /// After a notes heading: numbered lines (`1. …`) open notes until a decorated
    /// heading ends the list.
    numbered: bool,
    /// How many notes headings have been read (numbering the numbered lists).
    lists: usize,
    /// The highest number of the current numbered list.
    highest: Option<u64>,
    /// The notes of numbered lists: index into `footnotes` and the list's number.
    numbered_notes: Vec<(usize, usize)>,
}

impl Reader<'_> {
    /// Read one paragraph: its first line, and each later line that opens a piece, start
    /// a piece running to the next.
    fn paragraph(&mut self, para: Span, lines: bool) {
        if !lines {
            let piece = self.begin(para.start, para.end);
            self.end(piece, para);
            return;
        }
        let bytes = self.text.as_bytes();
        let line_end =
            |from: usize| memchr::memchr(b'\n', &bytes[from..para.end]).map_or(para.end, |i| from + i);
        let mut piece_start = para.start;
        let mut end = line_end(para.start);
        let mut piece = self.begin(para.start, end);
        while end < para.end {
            let next = end + 1;
            let next_end = line_end(next);
            if self.breaks(piece, &self.text[next..next_end]) {
                self.end(piece, trimmed(self.text, piece_start..end));
                piece_start = next;
                piece = self.begin(next, next_end);
            }
            end = next_end;
        }
        self.end(piece, trimmed(self.text, piece_start..para.end));
    }

    /// Whether `line`, inside a paragraph whose current piece is `piece`, opens a new one.
    fn breaks(&self, piece: Piece, line: &str) -> bool {
        if piece == Piece::Heading {
            return true;
        }
        let first = line.trim_start().as_bytes().first().copied().unwrap_or(b' ');
        let in_notes = self.numbered || self.open_note.is_some();
        let may_head = line.len() <= MAX_HEADING_LINE
            && (first.is_ascii_alphabetic() || matches!(first, b'#' | b'*' | b'=' | b'_'));
        if may_head && (is_notes_heading(line) || (in_notes && ends_notes(line))) {
            return true;
        }
        if self.numbered && first.is_ascii_digit() && numbered_marker(line).is_some() {
            return true;
        }
        first == b'[' && self.next_note_label(line).is_some()
    }

    /// The label of a `[n]` opening `line` inside the running note that continues its
    /// numbering (a little past the running note's number).
    fn next_note_label(&self, line: &str) -> Option<String> {
        let (i, _) = self.open_note.as_ref()?;
        let running: u64 = self.footnotes[*i].label.parse().ok()?;
        let (label, _) = note_marker(line.trim_start())?;
        let n: u64 = label.parse().ok()?;
        (running < n && n <= running + MAX_NOTE_STEP).then_some(label)
    }

    /// Start a piece at the line `start..line_end`: what it is, and for a note its marker.
    fn begin(&mut self, start: usize, line_end: usize) -> Piece {
        let line = &self.text[start..line_end];
        // Most lines are prose, far longer than a heading.
        let short = line.len() <= MAX_HEADING_LINE;
        if short && is_notes_heading(line) {
            self.close();
            self.numbered = true;
            self.lists += 1;
            self.highest = None;
            return Piece::Heading;
        }
        if short && (self.numbered || self.open_note.is_some()) && ends_notes(line) {
            self.close();
            self.numbered = false;
            return Piece::Heading;
        }
        let lead = line.len() - line.trim_start().len();
        // Inside a paragraph, only a marker that continues the running note's numbering
        // opens a note ([`Reader::breaks`] said so): a wrapped line of prose that starts
        // with `[7]` opens nothing.
        if line.as_bytes().get(lead) == Some(&b'[')
            && let Some((label, marker_len)) = note_marker(&line[lead..])
        {
            let at = start + lead;
            self.open(label, at..at + marker_len, at + marker_len);
            return Piece::Note;
        }
        if self.numbered
            && let Some((label, marker)) = numbered_marker(line)
            && self.continues_list(label)
        {
            let marker = start + marker.start..start + marker.end;
            // Encyclopedia dumps open each note with a `^` back-reference.
            let after = &self.text[marker.end..line_end];
            let body = after.trim_start().strip_prefix('^').unwrap_or(after.trim_start());
            let text_start = line_end - body.len();
            self.open(label.to_owned(), marker, text_start);
            self.numbered_notes.push((self.footnotes.len() - 1, self.lists));
            return Piece::Note;
        }
        Piece::Other
    }

    /// Whether a numbered line labelled `label` continues the numbered notes list: notes
    /// count up a little at a time (a number may repeat, a duplicate note); a `7.` after
    /// `133.` or a wrapped `2008. Retrieved …` is text.
    fn continues_list(&mut self, label: &str) -> bool {
        let Ok(n) = label.parse::<u64>() else { return false };
        let fits = self.highest.is_none_or(|h| h <= n && n <= h + MAX_NOTE_STEP);
        if fits {
            self.highest = Some(n);
        }
        fits
    }

    /// A piece ends at `span`: a heading becomes a block, a note or its continuation
    /// extends the running note, other text becomes a body block.
    fn end(&mut self, piece: Piece, span: Span) {
        match piece {
            Piece::Heading => self.blocks.push(Block { kind: BlockKind::Heading, span }),
            Piece::Note | Piece::Other if self.open_note.is_some() => {
                if let Some((_, extent)) = self.open_note.as_mut() {
                    extent.end = extent.end.max(span.end);
                }
            }
            Piece::Note | Piece::Other => {
                let kind = classify(&self.text[span.clone()], self.blocks.is_empty());
                self.blocks.push(Block { kind, span });
            }
        }
    }

    /// Open a note with this label and marker, its text starting at `text_start`.
    fn open(&mut self, label: String, marker_span: Span, text_start: usize) {
        self.close();
        self.footnotes.push(Footnote { label, marker_span, text_span: text_start..text_start });
        self.open_note = Some((self.footnotes.len() - 1, text_start..text_start));
    }

    fn close(&mut self) {
        close_note(self.text, &mut self.footnotes, self.open_note.take());
    }
}

/// Set the trimmed text span of the note that just ended.
fn close_note(text: &str, footnotes: &mut [Footnote], open: Option<(usize, Span)>) {
    let Some((i, span)) = open else { return };
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    let begin = span.start + lead;
    footnotes[i].text_span = begin..begin + trimmed.len();
}

/// Maximal runs of non-blank lines, each trimmed of surrounding white space, and whether
/// it has more than one line.
fn paragraphs(text: &str, from: usize) -> Vec<(Span, bool)> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut para_end = from;
    // Whether the current paragraph has more than one line.
    let mut lines = false;
    let mut pos = from;
    while pos < text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        if line.trim().is_empty() {
            if let Some(s) = para_start.take() {
                out.push((trimmed(text, s..para_end), lines));
            }
        } else {
            lines = para_start.is_some();
            para_start.get_or_insert(pos);
            para_end = line_end;
        }
        pos = line_end + 1;
    }
    if let Some(s) = para_start {
        out.push((trimmed(text, s..para_end), lines));
    }
    out
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    span.start + lead..span.start + lead + s.trim().len()
}

/// `[12]` at the start of a paragraph: the label and the marker's length.
fn note_marker(para: &str) -> Option<(String, usize)> {
    let (rest, digits) =
        delimited(char('['), digit1::<&str, nom::error::Error<&str>>, char(']')).parse(para).ok()?;
    if digits.len() > MAX_LABEL_DIGITS {
        return None;
    }
    Some((digits.to_owned(), para.len() - rest.len()))
}

fn classify(para: &str, first: bool) -> BlockKind {
    if last_updated(para).is_ok() {
        return BlockKind::LastUpdated;
    }
    // Cheapest tests first: most paragraphs end a sentence, and counting a paragraph's
    // characters costs a pass over it.
    let ends_sentence = para.ends_with(['.', ':', ';', ',', '!', '?', '"', '”', ']', ')']);
    let starts_upper = para.chars().next().is_some_and(|c| c.is_uppercase() || c.is_numeric());
    let short = || para.chars().nth(120).is_none();
    let single_line = || !para.contains('\n');
    if !ends_sentence && starts_upper && short() && single_line() {
        return if first { BlockKind::Title } else { BlockKind::Heading };
    }
    BlockKind::Paragraph
}

fn last_updated(para: &str) -> IResult<&str, &str> {
    terminated(tag_no_case("last updated"), (space0, char(':'), space0)).parse(para)
}

/// A citation group at the start of `s`: `[3]`, `[3, 4]`, `[3,4]`. Each label with its
/// byte range relative to `s`, and the group's length.
fn citation_group(s: &str) -> Option<(Vec<(String, Span)>, usize)> {
    let list = separated_list1((char(','), space0), digit1::<&str, nom::error::Error<&str>>);
    let (rest, labels) = delimited(char('['), list, char(']')).parse(s).ok()?;
    let mut out = Vec::with_capacity(labels.len());
    for label in labels {
        if label.len() > MAX_LABEL_DIGITS {
            return None;
        }
        let at = label.as_ptr() as usize - s.as_ptr() as usize;
        out.push((label.to_owned(), at..at + label.len()));
    }
    Some((out, s.len() - rest.len()))
}

/// Every citation in `block`: a `[n]` attached to the preceding text, or set off by
/// white space in mid-paragraph when each of its labels is one of `notes`.
fn find_citations(text: &str, block: &Span, notes: &[Footnote], out: &mut Vec<Citation>) {
    let bytes = text.as_bytes();
    let mut bounds: Option<Vec<usize>> = None;
    let mut pos = block.start;
    while let Some(i) = memchr::memchr(b'[', &bytes[pos..block.end]) {
        let at = pos + i;
        pos = at + 1;
        if at == block.start {
            continue;
        }
        let Some((labels, len)) = citation_group(&text[at..block.end]) else { continue };
        // A marker is attached when the character before it is not white space; one set
        // off by a space must name notes (`[2019]` in prose is a year).
        let set_off = text[..at].ends_with(char::is_whitespace);
        if set_off && !labels.iter().all(|(label, _)| notes.iter().any(|n| n.label == *label)) {
            continue;
        }
        let bounds = bounds.get_or_insert_with(|| boundaries(text, block));
        let sentence = sentence_at(text, block, bounds, at);
        let single = labels.len() == 1;
        for (label, range) in labels {
            let span = if single { at..at + len } else { at + range.start..at + range.end };
            out.push(Citation { label, span, sentence_span: sentence.clone() });
        }
        pos = at + len;
    }
}

#[cfg(test)]
mod tests;
