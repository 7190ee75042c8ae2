//! Readers: one per input format, each turning a file into a [`Document`].
//!
//! A reader's only job is the document's structure — blocks, citations, footnotes, the
//! regions that are not prose — as byte spans into the text rules read. What is derived
//! from that structure (dates, names, URLs, "Ibid." targets) is computed by the document
//! itself, so a new format is a new reader and nothing else. Readers are total on text
//! they can decode: odd structure becomes a finding, never an error.
//!
//! Plain text and Markdown are read as they are: rules read the file's own text. A format
//! whose text is markup or packed (HTML, Word) is *rendered*: rules read the rendered text
//! (tags removed, entities decoded, block boundaries kept) and a [`SourceMap`] takes each
//! finding back to the file's own text, so reports point at the markup; [`Places`] name
//! the paragraph and note a finding is in where lines mean little.

pub mod docx;
pub mod html;
pub mod markdown;
mod rendered;
pub mod text;

use std::ops::Range;

use super::{Block, Citation, Document, Footnote, Format, Span};

/// Why a reader could not open a file. The run reports it against the file and goes on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Bytes that are not text in the encoding the file declares or implies.
    Decode { offset: usize, line: usize, encoding: &'static str },
    /// A file that is not what its format says (a corrupt or encrypted package, a part
    /// missing), with the reason.
    Unreadable(String),
}

/// The structure a reader found, as spans into the text rules read — except `comments`,
/// which are spans into the file's own text, where suppression comments are looked up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parts {
    pub blocks: Vec<Block>,
    pub citations: Vec<Citation>,
    pub footnotes: Vec<Footnote>,
    pub ignored: Vec<Span>,
    pub comments: Vec<Span>,
}

/// A file as its reader opened it.
#[derive(Clone, Debug)]
pub struct View {
    /// The text reports show and findings point into: the file's own text, or for HTML
    /// its decoded markup, or for a packed format (Word) the rendered text itself.
    pub source: String,
    pub format: Format,
    rendering: Option<Rendering>,
}

/// A rendered document: the text rules read, its parts, and where it came from.
#[derive(Clone, Debug, Default)]
pub struct Rendering {
    pub text: String,
    pub parts: Parts,
    /// Rendered offsets to offsets into [`View::source`]; empty when the rendered text
    /// is itself the source.
    pub map: SourceMap,
    /// The paragraph and note of each part of the rendered text.
    pub places: Places,
}

impl View {
    /// A file whose own text is what rules read.
    pub fn plain(source: String, format: Format) -> View {
        View { source, format, rendering: None }
    }

    /// A file rules read through a rendering. When `rendering.map` is empty, the
    /// rendered text is the source (a packed format with nothing else to show).
    pub fn rendered(source: String, format: Format, rendering: Rendering) -> View {
        View { source, format, rendering: Some(rendering) }
    }

    /// A rendered file whose rendered text is all there is to show (`.docx`).
    pub fn rendered_only(format: Format, rendering: Rendering) -> View {
        let source = rendering.text.clone();
        View { source, format, rendering: Some(Rendering { map: SourceMap::default(), ..rendering }) }
    }

    /// The document rules read.
    pub fn document(&self) -> Document<'_> {
        match &self.rendering {
            None => read(&self.source, self.format),
            Some(r) => {
                let p = r.parts.clone();
                Document::new(&r.text, self.format, p.blocks, p.citations, p.footnotes, p.ignored, p.comments)
            }
        }
    }

    /// A span of the document's text as a span of [`View::source`].
    pub fn to_source(&self, span: Range<usize>) -> Range<usize> {
        match &self.rendering {
            Some(r) if !r.map.is_empty() => r.map.span(span),
            _ => span,
        }
    }

    /// Whether spans of the document need [`View::to_source`] to point into the source.
    pub fn is_mapped(&self) -> bool {
        self.rendering.as_ref().is_some_and(|r| !r.map.is_empty())
    }

    /// The places of the source's text (paragraphs and notes), where the format has them.
    pub fn places(&self) -> Places {
        self.rendering.as_ref().map(|r| r.places.clone()).unwrap_or_default()
    }
}

/// Open a file's bytes with the reader of `format`.
pub fn open(bytes: Vec<u8>, format: Format) -> Result<View, ReadError> {
    match format {
        Format::Text | Format::Markdown => match String::from_utf8(bytes) {
            Ok(text) => Ok(View::plain(text, format)),
            Err(e) => Err(utf8_error(e.as_bytes(), e.utf8_error())),
        },
        Format::Html => html::open(bytes),
        Format::Docx => docx::open(&bytes),
    }
}

/// The decode error for bytes that are not UTF-8.
pub fn utf8_error(bytes: &[u8], e: std::str::Utf8Error) -> ReadError {
    let offset = e.valid_up_to();
    let line = memchr::memchr_iter(b'\n', &bytes[..offset]).count() + 1;
    ReadError::Decode { offset, line, encoding: "UTF-8" }
}

/// Read `text` with the reader of a text `format`.
pub fn read(text: &str, format: Format) -> Document<'_> {
    match format {
        Format::Text => text::parse(text),
        Format::Markdown => markdown::parse(text),
        // A rendered format's text (what `open` renders) reads as a plain profile.
        Format::Html | Format::Docx => text::parse(text),
    }
}

/// Where each piece of a rendered text came from in the source: a sorted list of
/// pieces, each a rendered range and the source range it renders. A piece of equal
/// length maps byte for byte (text copied as is); another maps as a whole (an entity
/// `&amp;` rendered `&`, a line break inserted between blocks).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// `(rendered start, source start, source length)`, sorted by rendered start; a
    /// piece runs to the next one's rendered start.
    pieces: Vec<(usize, usize, usize)>,
    rendered_len: usize,
}

impl SourceMap {
    /// Record that the rendered text from `rendered` on (up to the next piece) renders
    /// `source`. Pieces must come in rendered order.
    pub fn push(&mut self, rendered: usize, source: Range<usize>) {
        debug_assert!(self.pieces.last().is_none_or(|p| p.0 <= rendered));
        if let Some(last) = self.pieces.last_mut()
            && last.0 == rendered
        {
            *last = (rendered, source.start, source.len());
            return;
        }
        self.pieces.push((rendered, source.start, source.len()));
    }

    /// Close the map at the rendered text's length.
    pub fn finish(&mut self, rendered_len: usize) {
        self.rendered_len = rendered_len;
    }

    pub fn is_empty(&self) -> bool {
        self.pieces.is_empty()
    }

    /// The piece holding rendered offset `at`, with its rendered length.
    fn piece(&self, at: usize) -> Option<((usize, usize, usize), usize)> {
        let i = self.pieces.partition_point(|p| p.0 <= at).checked_sub(1)?;
        let p = self.pieces[i];
        let end = self.pieces.get(i + 1).map_or(self.rendered_len.max(p.0), |n| n.0);
        Some((p, end - p.0))
    }

    /// Where rendered offset `at` starts in the source.
    pub fn start(&self, at: usize) -> usize {
        match self.piece(at) {
            None => self.pieces.first().map_or(at, |p| p.1),
            Some(((r, s, len), rendered_len)) if rendered_len == len => s + (at - r).min(len),
            Some(((_, s, _), _)) => s,
        }
    }

    /// Where a span ending at rendered offset `end` (exclusive) ends in the source: at
    /// the end of what its last byte renders, not at the start of what follows.
    pub fn end(&self, end: usize) -> usize {
        if end == 0 {
            return self.start(0);
        }
        match self.piece(end - 1) {
            None => self.start(end),
            Some(((r, s, len), rendered_len)) if rendered_len == len => s + (end - r).min(len),
            Some(((_, s, len), _)) => s + len,
        }
    }

    /// A rendered span as a source span.
    pub fn span(&self, span: Range<usize>) -> Range<usize> {
        let start = self.start(span.start);
        if span.is_empty() {
            return start..start;
        }
        start..self.end(span.end).max(start)
    }
}

/// Where a part of a document is, for formats whose lines mean little to an editor (a
/// Word file): the paragraph, counted from 1 in the body or within its note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    /// The note's label when the text is in a footnote or endnote.
    pub note: Option<String>,
    pub paragraph: usize,
}

/// The places of a text: from each offset on (up to the next), the place it is in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Places {
    starts: Vec<(usize, Place)>,
}

impl Places {
    /// Record that the text from `offset` on is in `place`; offsets must come in order.
    pub fn push(&mut self, offset: usize, place: Place) {
        self.starts.push((offset, place));
    }

    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    /// The place of `offset`, if the text has places.
    pub fn at(&self, offset: usize) -> Option<&Place> {
        let i = self.starts.partition_point(|(o, _)| *o <= offset).checked_sub(1)?;
        Some(&self.starts[i].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `<p>A &amp; B</p>\n<p>C</p>` rendered `A & B\n\nC`.
    fn html_map() -> (String, &'static str, SourceMap) {
        let source = "<p>A &amp; B</p>\n<p>C</p>";
        let mut map = SourceMap::default();
        map.push(0, 3..5); // "A "
        map.push(2, 5..10); // "&amp;" -> "&"
        map.push(3, 10..12); // " B"
        map.push(5, 12..20); // "</p>\n<p>" -> "\n\n"
        map.push(7, 20..21); // "C"
        map.finish(8);
        ("A & B\n\nC".to_owned(), source, map)
    }

    #[test]
    fn copied_text_maps_byte_for_byte_and_entities_as_a_whole() {
        let (rendered, source, map) = html_map();
        let at = |s: &str| rendered.find(s).unwrap();
        let b = at("B");
        assert_eq!(&source[map.span(b..b + 1)], "B");
        assert_eq!(&source[map.span(at("&")..at("&") + 1)], "&amp;");
        assert_eq!(&source[map.span(0..5)], "A &amp; B");
        assert_eq!(&source[map.span(at("C")..at("C") + 1)], "C");
    }

    #[test]
    fn a_span_ends_where_its_last_byte_comes_from_not_where_the_next_starts() {
        let (_, source, map) = html_map();
        // "B" ends the paragraph: its end is before `</p>`, not after `<p>`.
        assert_eq!(&source[map.span(4..5)], "B");
        assert_eq!(map.span(3..3), 10..10);
        assert!(map.span(0..8).end <= source.len());
    }

    #[test]
    fn places_hold_from_their_offset_on() {
        let mut places = Places::default();
        places.push(0, Place { note: None, paragraph: 1 });
        places.push(10, Place { note: Some("2".into()), paragraph: 1 });
        assert_eq!(places.at(3).unwrap().paragraph, 1);
        assert_eq!(places.at(10).unwrap().note.as_deref(), Some("2"));
        assert!(Places::default().at(0).is_none());
    }
}
