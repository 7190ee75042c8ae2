//! The plain-text profile grammar (nom): title, `Last updated:`, headings, paragraphs,
//! `[n]` citations and the `[n] …` notes list.

use nom::bytes::complete::tag_no_case;
use nom::character::complete::{char, digit1, space0};
use nom::multi::separated_list1;
use nom::sequence::{delimited, terminated};
use nom::{IResult, Parser};

use crate::document::sentences::{boundaries, sentence_at};
use crate::document::{Block, BlockKind, Citation, Document, Footnote, Format, Span};

/// The longest label we accept as a note or citation number (keeps `[12345678901234]`,
/// which is no footnote, out).
const MAX_LABEL_DIGITS: usize = 6;

/// Parse a plain-text profile. Total: every input yields a document.
pub fn parse(text: &str) -> Document<'_> {
    let start = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut blocks = Vec::new();
    let mut footnotes: Vec<Footnote> = Vec::new();
    // The running note's extent; a paragraph that opens no note continues it.
    let mut open_note: Option<(usize, Span)> = None;

    for para in paragraphs(text, start) {
        let body = &text[para.clone()];
        if let Some((label, marker_len)) = note_marker(body) {
            close_note(text, &mut footnotes, open_note.take());
            footnotes.push(Footnote {
                label,
                marker_span: para.start..para.start + marker_len,
                text_span: para.start + marker_len..para.start + marker_len,
            });
            open_note = Some((footnotes.len() - 1, para.start + marker_len..para.end));
            continue;
        }
        if let Some((i, span)) = open_note.as_mut() {
            let _ = i;
            span.end = para.end;
            continue;
        }
        let kind = classify(body, blocks.is_empty());
        blocks.push(Block { kind, span: para });
    }
    close_note(text, &mut footnotes, open_note.take());

    let mut citations = Vec::new();
    for block in &blocks {
        if block.kind == BlockKind::Paragraph || block.kind == BlockKind::Heading {
            find_citations(text, &block.span, &mut citations);
        }
    }
    Document::new(text, Format::Text, blocks, citations, footnotes, Vec::new(), Vec::new())
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

/// Maximal runs of non-blank lines, each trimmed of surrounding white space.
fn paragraphs(text: &str, from: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut para_end = from;
    let mut pos = from;
    while pos < text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let line = &text[pos..line_end];
        if line.trim().is_empty() {
            if let Some(s) = para_start.take() {
                out.push(trimmed(text, s..para_end));
            }
        } else {
            para_start.get_or_insert(pos);
            para_end = line_end;
        }
        pos = line_end + 1;
    }
    if let Some(s) = para_start {
        out.push(trimmed(text, s..para_end));
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

/// Every `[n]` attached to the preceding text in `block`.
fn find_citations(text: &str, block: &Span, out: &mut Vec<Citation>) {
    let bytes = text.as_bytes();
    let mut bounds: Option<Vec<usize>> = None;
    let mut pos = block.start;
    while let Some(i) = memchr::memchr(b'[', &bytes[pos..block.end]) {
        let at = pos + i;
        pos = at + 1;
        // A marker is attached: the character before it is not white space.
        let attached = at > block.start && !text[..at].ends_with(char::is_whitespace);
        if !attached {
            continue;
        }
        let Some((labels, len)) = citation_group(&text[at..block.end]) else { continue };
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
mod tests {
    use super::*;

    const PROFILE: &str = "Mine Ban Policy\n\nLast updated: 22 December 2023\n\n\
The Republic has not acceded.\n\nSo it said.[1] Then [sic] it said more.[2][3] And [2019] too.[4, 5]\n\n\
Production and transfer\n\nIt made mines.[6]\n\n\
[1] Statement of Armenia, 21 June 2021.\n\n[2]Letter from Armen Yedigarian, 29 April 2010.\n\n\
[3] Ibid.\ncontinued line\n\nA continuation paragraph.\n";

    #[test]
    fn profile_structure_is_recognised() {
        let doc = parse(PROFILE);
        let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Title,
                BlockKind::LastUpdated,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph
            ]
        );
        let labels: Vec<_> = doc.citations.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["1", "2", "3", "4", "5", "6"]);
        let notes: Vec<_> = doc.footnotes.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(notes, ["1", "2", "3"]);
    }

    #[test]
    fn marker_without_space_still_opens_a_note() {
        let doc = parse(PROFILE);
        assert_eq!(doc.slice(&doc.footnotes[1].marker_span), "[2]");
        assert_eq!(doc.slice(&doc.footnotes[1].text_span), "Letter from Armen Yedigarian, 29 April 2010.");
    }

    #[test]
    fn a_note_runs_until_the_next_note() {
        let doc = parse(PROFILE);
        assert_eq!(
            doc.slice(&doc.footnotes[2].text_span),
            "Ibid.\ncontinued line\n\nA continuation paragraph."
        );
    }

    #[test]
    fn free_standing_brackets_are_text() {
        let doc = parse("T\n\nHe wrote [sic] that in [2019] it was [12] bad.\n");
        assert!(doc.citations.is_empty());
    }

    #[test]
    fn comma_lists_give_each_label_its_own_span() {
        let doc = parse("T\n\nSaid so.[3, 4]\n");
        let spans: Vec<_> = doc.citations.iter().map(|c| doc.slice(&c.span)).collect();
        assert_eq!(spans, ["3", "4"]);
    }

    #[test]
    fn citation_knows_its_sentence() {
        let doc = parse(PROFILE);
        let c = &doc.citations[1];
        assert_eq!(doc.slice(&c.sentence_span), "Then [sic] it said more.[2][3]");
    }

    #[test]
    fn crlf_and_bom_keep_spans_right() {
        let text = "\u{feff}Title\r\n\r\nIt said.[1]\r\n\r\n[1] Source, 2020.\r\n";
        let doc = parse(text);
        assert_eq!(doc.slice(&doc.citations[0].span), "[1]");
        assert_eq!(doc.slice(&doc.footnotes[0].text_span), "Source, 2020.");
        assert_eq!(doc.slice(&doc.blocks[0].span), "Title");
    }
}
