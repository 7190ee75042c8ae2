//! What the readers of rendered formats (HTML, Word) share: a [`Builder`] that writes the
//! text rules read — blocks apart by a blank line, footnote markers as `[n]`, notes as
//! `[n] text` paragraphs, as in a plain-text profile — while recording where each piece
//! came from, and the assembly of that text into [`Parts`].
//!
//! Two note styles come out of a rendering. *Anchored*: the format said which marks are
//! citations and which elements are notes (HTML footnote links, Word's native notes); the
//! builder was told each one and they are taken as told. *Typed*: the author typed `[n]`
//! markers and a `[n] …` notes list; the rendered text is then read by the plain-text
//! reader, so that such a document reads exactly as the same profile saved as `.txt`.

use std::ops::Range;

use super::{Parts, Place, Places, Rendering, SourceMap, text};
use crate::document::sentences::{boundaries, sentence_at};
use crate::document::{Block, BlockKind, Citation, Footnote, Span};

/// How the notes of a rendered document were found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteStyle {
    /// The format marks citations and notes (HTML links to a notes list, Word's notes).
    Anchored,
    /// `[n]` typed in the text, with a typed `[n] …` notes list.
    Typed,
}

/// A break owed before the next content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    None,
    Line,
    Block,
}

/// A note being written: its label, the rendered `[label]` and the extent of its text.
#[derive(Clone, Debug)]
struct NoteDraft {
    label: String,
    marker: Span,
    text: Span,
}

/// One piece of the map: from rendered offset `r` on, the source from `s` (`len` bytes
/// when the piece maps as a whole; byte for byte when `exact`).
#[derive(Clone, Copy, Debug)]
struct Piece {
    r: usize,
    s: usize,
    len: usize,
    exact: bool,
}

/// Writes a rendered text. Content comes in as text (collapsed like HTML white space
/// unless the builder preserves it), breaks, and synthetic marks; each piece of output
/// records the source range it renders, unless the builder has no source (Word, whose
/// rendered text is all there is).
pub struct Builder<'s> {
    source: Option<&'s str>,
    collapse: bool,
    text: String,
    pieces: Vec<Piece>,
    brk: Break,
    /// Collapsed white space owed before the next content, and where it came from.
    space: Option<Range<usize>>,
    /// Where the last content's source ended (breaks map to the gap after it).
    last_src: usize,
    preserve: u32,
    notes: Vec<NoteDraft>,
    open_note: Option<usize>,
    /// A note's marker was just written: the first block break inside it is its own.
    note_fresh: bool,
    citations: Vec<(String, Span)>,
    kinds: Vec<(Span, BlockKind)>,
    heading: Option<(Option<usize>, BlockKind)>,
    ignored: Vec<Span>,
    ignoring: Option<Option<usize>>,
    places: Places,
    pending_place: Option<Place>,
}

const NBSP: char = '\u{a0}';

/// ASCII white space as HTML collapses it (not U+00A0, which is content).
fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

impl<'s> Builder<'s> {
    /// A builder whose output maps back to `source`, white space collapsed as in HTML.
    pub fn mapped(source: &'s str) -> Self {
        Builder::new(Some(source), true)
    }

    /// A builder for a text with nothing behind it (Word): white space kept as written.
    pub fn unmapped() -> Self {
        Builder::new(None, false)
    }

    fn new(source: Option<&'s str>, collapse: bool) -> Self {
        Builder {
            source,
            collapse,
            text: String::new(),
            pieces: Vec::new(),
            brk: Break::None,
            space: None,
            last_src: 0,
            preserve: 0,
            notes: Vec::new(),
            open_note: None,
            note_fresh: false,
            citations: Vec::new(),
            kinds: Vec::new(),
            heading: None,
            ignored: Vec::new(),
            ignoring: None,
            places: Places::default(),
            pending_place: None,
        }
    }

    /// The length of the rendered text so far.
    pub fn len(&self) -> usize {
        self.text.len()
    }

    /// Owe a line break before the next content (`<br>`, `w:br`). A second one in a row
    /// makes a blank line, which ends the paragraph as it does in plain text.
    pub fn line_break(&mut self) {
        self.brk = match self.brk {
            Break::None => Break::Line,
            _ => Break::Block,
        };
        self.space = None;
    }

    /// Owe a paragraph break (a blank line) before the next content.
    pub fn block_break(&mut self) {
        if !self.note_fresh {
            self.brk = Break::Block;
        }
        self.space = None;
    }

    /// Keep white space as written until the matching [`Builder::end_preserve`] (`<pre>`).
    pub fn begin_preserve(&mut self) {
        self.preserve += 1;
    }

    pub fn end_preserve(&mut self) {
        self.preserve = self.preserve.saturating_sub(1);
    }

    /// Write the breaks and space owed before content whose source starts at `src`.
    fn before_content(&mut self, src: usize) {
        if self.text.is_empty() {
            self.brk = Break::None;
            self.space = None;
        }
        if self.note_fresh {
            // The marker's own space separates it from the note's text.
            self.brk = Break::None;
            self.space = None;
            self.note_fresh = false;
        }
        let r = self.text.len();
        match self.brk {
            Break::None => {
                if let Some(space) = self.space.take()
                    && !self.text.ends_with([' ', '\n', '\t'])
                {
                    self.text.push(' ');
                    self.map_whole(r, space);
                }
            }
            brk => {
                let want = if brk == Break::Block { 2 } else { 1 };
                let have = self.text.bytes().rev().take_while(|&b| b == b'\n').count().min(want);
                let r = self.text.len();
                for _ in have..want {
                    self.text.push('\n');
                }
                if self.text.len() > r {
                    let gap = self.last_src.min(src)..src;
                    self.map_whole(r, gap);
                }
            }
        }
        self.brk = Break::None;
        self.space = None;
        let at = self.text.len();
        if let Some(place) = self.pending_place.take() {
            self.places.push(at, place);
        }
        if let Some((start @ None, _)) = &mut self.heading {
            *start = Some(at);
        }
        if let Some(start @ None) = &mut self.ignoring {
            *start = Some(at);
        }
    }

    /// After content: the open note and the source position move on.
    fn after_content(&mut self, src_end: usize) {
        self.last_src = self.last_src.max(src_end);
        if let Some(i) = self.open_note {
            self.notes[i].text.end = self.text.len();
        }
    }

    /// Text from the source: `src` is where it is written. When `exact`, `s` is the
    /// source's own bytes there (copied byte for byte); otherwise it renders `src` as a
    /// whole (a character reference, a decoded field).
    pub fn text(&mut self, s: &str, src: Range<usize>, exact: bool) {
        if s.is_empty() {
            return;
        }
        // A no-break space is a space to the rules (dates and names are written with
        // either): it is rendered as one, mapped to its two bytes as a whole.
        if s.contains(NBSP) {
            let mut at = 0;
            for (k, _) in s.match_indices(NBSP) {
                let part =
                    |a: usize, b: usize| if exact { src.start + a..src.start + b } else { src.clone() };
                self.text(&s[at..k], part(at, k), exact);
                self.text_run(" ", part(k, k + NBSP.len_utf8()), false, false);
                at = k + NBSP.len_utf8();
            }
            let rest = if exact { src.start + at..src.end } else { src.clone() };
            self.text(&s[at..], rest, exact);
            return;
        }
        if !self.collapse || self.preserve > 0 {
            // The note's mark brings its own space (Word writes one after it, too).
            let s = if self.note_fresh && !self.collapse { s.trim_start() } else { s };
            if s.is_empty() {
                return;
            }
            self.before_content(src.start);
            self.push_mapped(s, src.clone(), exact);
            self.after_content(src.end);
            return;
        }
        let bytes = s.as_bytes();
        let sub = |a: usize, b: usize| if exact { src.start + a..src.start + b } else { src.clone() };
        let mut i = 0;
        while i < bytes.len() {
            let ws = bytes[i..].iter().take_while(|&&b| is_html_space(b)).count();
            if ws > 0 {
                self.text_run(&s[i..i + ws], sub(i, i + ws), exact, true);
                i += ws;
                continue;
            }
            // Content runs on over single spaces between words, which collapse to
            // themselves: one piece a line rather than one a word.
            let mut j = i;
            loop {
                j += bytes[j..].iter().take_while(|&&b| !is_html_space(b)).count();
                if j + 1 < bytes.len() && bytes[j] == b' ' && !is_html_space(bytes[j + 1]) {
                    j += 1;
                    continue;
                }
                break;
            }
            self.text_run(&s[i..j], sub(i, j), exact, false);
            i = j;
        }
    }

    /// A run of collapsible white space (`ws`), or of content.
    fn text_run(&mut self, s: &str, piece_src: Range<usize>, exact: bool, ws: bool) {
        if ws && self.collapse && self.preserve == 0 {
            match &mut self.space {
                Some(space) => space.end = piece_src.end.max(space.end),
                None => self.space = Some(piece_src),
            }
            return;
        }
        self.before_content(piece_src.start);
        // Runs split only at ASCII bytes (or around a no-break space), so both ends are
        // char boundaries.
        self.push_mapped(s, piece_src.clone(), exact);
        self.after_content(piece_src.end);
    }

    fn push_mapped(&mut self, s: &str, src: Range<usize>, exact: bool) {
        let r = self.text.len();
        self.text.push_str(s);
        if exact {
            self.map_exact(r, src.start);
        } else {
            self.map_whole(r, src);
        }
    }

    /// Text the format implies rather than writes (a footnote mark `[3]`, a link's
    /// address), rendering `src` as a whole.
    pub fn synthetic(&mut self, s: &str, src: Range<usize>) {
        self.before_content(src.start);
        let r = self.text.len();
        self.text.push_str(s);
        self.map_whole(r, src.clone());
        self.after_content(src.end);
    }

    /// An address shown after a link's text (` <https://…>`), rendering `src` as a whole.
    pub fn annotation(&mut self, s: &str, src: Range<usize>) {
        if self.brk == Break::None && self.space.is_none() {
            self.space = Some(src.start..src.start);
        }
        self.synthetic(s, src);
    }

    /// The rendered text so far.
    pub fn rendered(&self) -> &str {
        &self.text
    }

    /// A citation of note `label`, rendered `[label]`.
    pub fn citation(&mut self, label: &str, src: Range<usize>) {
        self.before_content(src.start);
        let r = self.text.len();
        self.synthetic(&format!("[{label}]"), src);
        self.citations.push((label.to_owned(), r..self.text.len()));
    }

    /// Open a note: a paragraph break, then `[label] `; its text follows until
    /// [`Builder::close_note`].
    pub fn open_note(&mut self, label: &str, marker_src: Range<usize>) {
        self.close_note();
        self.note_fresh = false;
        self.brk = Break::Block;
        self.before_content(marker_src.start);
        let r = self.text.len();
        let marker = format!("[{label}]");
        self.text.push_str(&marker);
        self.text.push(' ');
        self.map_whole(r, marker_src.clone());
        self.after_content(marker_src.end);
        let end = r + marker.len();
        self.notes.push(NoteDraft { label: label.to_owned(), marker: r..end, text: end + 1..end + 1 });
        self.open_note = Some(self.notes.len() - 1);
        self.note_fresh = true;
    }

    /// Close the open note, if any.
    pub fn close_note(&mut self) {
        if self.open_note.take().is_some() {
            self.note_fresh = false;
            self.brk = Break::Block;
            self.space = None;
        }
    }

    /// Whether a note is open.
    pub fn in_note(&self) -> bool {
        self.open_note.is_some()
    }

    /// The next content up to [`Builder::end_heading`] is a block of `kind` (a heading or
    /// the title).
    pub fn begin_heading(&mut self, kind: BlockKind) {
        self.block_break();
        self.heading = Some((None, kind));
    }

    pub fn end_heading(&mut self) {
        if let Some((Some(start), kind)) = self.heading.take() {
            self.kinds.push((start..self.text.len(), kind));
        }
        self.block_break();
    }

    /// Content up to [`Builder::end_ignored`] is not prose (code).
    pub fn begin_ignored(&mut self) {
        if self.ignoring.is_none() {
            self.ignoring = Some(None);
        }
    }

    pub fn end_ignored(&mut self) {
        if let Some(Some(start)) = self.ignoring.take()
            && self.text.len() > start
        {
            self.ignored.push(start..self.text.len());
        }
    }

    /// The next paragraph's place (Word): recorded where its first content is written.
    pub fn begin_paragraph(&mut self, place: Place) {
        self.pending_place = Some(place);
    }

    fn map_exact(&mut self, r: usize, s: usize) {
        if self.source.is_none() {
            return;
        }
        if let Some(last) = self.pieces.last()
            && last.exact
            && last.s + (r - last.r) == s
        {
            return;
        }
        self.pieces.push(Piece { r, s, len: 0, exact: true });
    }

    fn map_whole(&mut self, r: usize, src: Range<usize>) {
        if self.source.is_none() {
            return;
        }
        self.pieces.push(Piece { r, s: src.start, len: src.len(), exact: false });
    }

    /// The source map: each exact piece byte for byte, each other piece as a whole.
    fn source_map(&self) -> SourceMap {
        let mut map = SourceMap::default();
        let Some(source) = self.source else { return map };
        for (i, p) in self.pieces.iter().enumerate() {
            let end = self.pieces.get(i + 1).map_or(self.text.len(), |n| n.r);
            if end <= p.r {
                continue;
            }
            let rendered = &self.text[p.r..end];
            let src = if p.exact {
                p.s..(p.s + rendered.len()).min(source.len())
            } else {
                whole_range(source, rendered, p.s..(p.s + p.len).min(source.len()))
            };
            map.push(p.r, src);
        }
        map.finish(self.text.len());
        map
    }

    /// The rendering, its parts assembled for `style`.
    pub fn finish(mut self, style: NoteStyle) -> Rendering {
        self.close_note();
        self.end_ignored();
        let map = self.source_map();
        let parts = assemble(&self.text, style, &self.notes, &self.citations, &self.kinds, self.ignored);
        Rendering { text: self.text, parts, map, places: self.places }
    }
}

/// The source range a piece renders as a whole. A range as long as the rendered piece
/// would map byte for byte, so unless that is harmless (the same bytes, or ASCII on both
/// sides, whose every offset is a char boundary) it is shortened by a character.
fn whole_range(source: &str, rendered: &str, src: Range<usize>) -> Range<usize> {
    if src.len() != rendered.len() {
        return src;
    }
    let Some(written) = source.get(src.clone()) else { return src.start..src.start };
    if written == rendered || (written.is_ascii() && rendered.is_ascii()) {
        return src;
    }
    let end = source.floor_char_boundary(src.end.saturating_sub(1)).max(src.start);
    src.start..end
}

/// Maximal runs of non-blank lines, trimmed: the paragraphs of a rendered text.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    while pos <= text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        if text[pos..line_end].trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(trim(text, s..end));
            }
        } else {
            start.get_or_insert(pos);
            end = line_end;
        }
        pos = line_end + 1;
    }
    if let Some(s) = start {
        out.push(trim(text, s..end));
    }
    out
}

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    span.start + lead..span.start + lead + s.trim().len()
}

/// Whether a paragraph is the `Last updated: …` line.
fn is_last_updated(para: &str) -> bool {
    const KEY: &str = "last updated";
    para.get(..KEY.len()).is_some_and(|k| k.eq_ignore_ascii_case(KEY))
        && para[KEY.len()..].trim_start_matches([' ', '\t']).starts_with(':')
}

/// The parts of a rendered text.
fn assemble(
    text: &str,
    style: NoteStyle,
    notes: &[NoteDraft],
    citations: &[(String, Span)],
    kinds: &[(Span, BlockKind)],
    ignored: Vec<Span>,
) -> Parts {
    let kind_of = |para: &Span| -> Option<BlockKind> {
        kinds
            .iter()
            .find(|(k, _)| k.start <= para.start && para.start < k.end.max(k.start + 1))
            .map(|(_, kind)| *kind)
    };
    let mut parts = match style {
        NoteStyle::Typed => {
            let doc = text::parse(text);
            let mut blocks = doc.blocks.clone();
            for b in &mut blocks {
                if let Some(kind) = kind_of(&b.span) {
                    b.kind = kind;
                }
            }
            Parts {
                blocks,
                citations: doc.citations.clone(),
                footnotes: doc.footnotes.clone(),
                ..Parts::default()
            }
        }
        NoteStyle::Anchored => anchored(text, notes, citations, &kind_of),
    };
    parts.citations.extend(unrendered_references(text, &parts.blocks));
    parts.citations.sort_by_key(|c| c.span.start);
    parts.ignored = ignored;
    parts
}

/// The parts of a text whose citations and notes the format marked.
fn anchored(
    text: &str,
    notes: &[NoteDraft],
    citations: &[(String, Span)],
    kind_of: &dyn Fn(&Span) -> Option<BlockKind>,
) -> Parts {
    let regions: Vec<Span> = notes.iter().map(|n| n.marker.start..n.text.end.max(n.marker.end)).collect();
    let in_note = |at: usize| {
        let i = regions.partition_point(|r| r.start <= at);
        i > 0 && at < regions[i - 1].end
    };
    let paras = paragraphs(text);
    let mut blocks = Vec::new();
    for para in &paras {
        if in_note(para.start) {
            continue;
        }
        let kind = match kind_of(para) {
            Some(kind) => kind,
            None if is_last_updated(&text[para.clone()]) => BlockKind::LastUpdated,
            None => BlockKind::Paragraph,
        };
        blocks.push(Block { kind, span: para.clone() });
    }
    let footnotes = notes
        .iter()
        .map(|n| {
            let body = trim(text, n.text.start.min(n.text.end)..n.text.end);
            let text_span = if body.is_empty() { n.marker.end..n.marker.end } else { body };
            Footnote { label: n.label.clone(), marker_span: n.marker.clone(), text_span }
        })
        .collect();
    let mut bounds: Option<(usize, Vec<usize>)> = None;
    let mut out = Vec::with_capacity(citations.len());
    for (label, span) in citations {
        let i = paras.partition_point(|p| p.start <= span.start);
        let para = match i.checked_sub(1).map(|i| &paras[i]) {
            Some(p) if span.start < p.end => p.clone(),
            _ => span.clone(),
        };
        if bounds.as_ref().is_none_or(|(at, _)| *at != para.start) {
            bounds = Some((para.start, boundaries(text, &para)));
        }
        let b = &bounds.as_ref().expect("set above").1;
        let sentence = sentence_at(text, &para, b, span.start);
        out.push(Citation { label: label.clone(), span: span.clone(), sentence_span: sentence });
    }
    Parts { blocks, citations: out, footnotes, ..Parts::default() }
}

/// A Markdown footnote reference a renderer printed as text because its note did not
/// exist (`treaty.[^8]`): a citation of a missing note, labelled as written (`^8`), so it
/// cannot be taken for a note the renderer numbered 8.
fn unrendered_references(text: &str, blocks: &[Block]) -> Vec<Citation> {
    let mut out = Vec::new();
    for block in blocks {
        if !matches!(block.kind, BlockKind::Paragraph | BlockKind::Heading) {
            continue;
        }
        let s = &text[block.span.clone()];
        let mut from = 0;
        while let Some(k) = memchr::memmem::find(&s.as_bytes()[from..], b"[^") {
            let at = from + k;
            from = at + 2;
            let attached = s[..at].chars().next_back().is_some_and(|c| !c.is_whitespace());
            let len = s[at + 2..].bytes().take_while(|&b| b != b']' && !b.is_ascii_whitespace()).count();
            if !attached || len == 0 || len > 64 || s.as_bytes().get(at + 2 + len) != Some(&b']') {
                continue;
            }
            let start = block.span.start + at;
            let span = start..start + len + 3;
            let label = format!("^{}", &text[start + 2..start + 2 + len]);
            let sentence = crate::document::sentences::sentence_around(text, &block.span, start);
            out.push(Citation { label, span, sentence_span: sentence });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(f: impl FnOnce(&mut Builder), source: &str, style: NoteStyle) -> Rendering {
        let mut b = Builder::mapped(source);
        f(&mut b);
        b.finish(style)
    }

    #[test]
    fn white_space_collapses_and_blocks_are_apart_by_a_blank_line() {
        let src = "<p>A  b\n c</p><p>D</p>";
        let r = render(
            |b| {
                b.block_break();
                b.text("A  b\n c", 3..10, true);
                b.block_break();
                b.text("D", 17..18, true);
            },
            src,
            NoteStyle::Anchored,
        );
        assert_eq!(r.text, "A b c\n\nD");
        let at = r.text.find('c').unwrap();
        assert_eq!(&src[r.map.span(at..at + 1)], "c");
        assert_eq!(&src[r.map.span(7..8)], "D");
    }

    #[test]
    fn notes_are_paragraphs_opening_with_their_marker() {
        let src = "x<a>1</a> <li>Note text</li>";
        let r = render(
            |b| {
                b.text("x", 0..1, true);
                b.citation("1", 4..5);
                b.open_note("1", 10..14);
                b.block_break();
                b.text("Note text", 14..23, true);
                b.close_note();
            },
            src,
            NoteStyle::Anchored,
        );
        assert_eq!(r.text, "x[1]\n\n[1] Note text");
        let p = &r.parts;
        assert_eq!(p.footnotes.len(), 1);
        assert_eq!(&r.text[p.footnotes[0].text_span.clone()], "Note text");
        assert_eq!(&r.text[p.footnotes[0].marker_span.clone()], "[1]");
        assert_eq!(p.citations[0].label, "1");
        assert_eq!(p.blocks.len(), 1);
        assert_eq!(&src[r.map.span(p.citations[0].span.clone())], "1");
    }

    #[test]
    fn an_equal_length_whole_piece_never_maps_inside_a_character() {
        // A two-byte piece rendering "é" (two bytes) as "ab" must not map byte for byte.
        let source = "é";
        assert_eq!(whole_range(source, "ab", 0..2), 0..0);
        assert_eq!(whole_range(source, "é", 0..2), 0..2);
        assert_eq!(whole_range("ab", "\n\n", 0..2), 0..2);
    }

    #[test]
    fn an_unrendered_reference_is_a_citation_of_a_missing_note() {
        let text = "Title\n\nIt was so.[^8] And [^9] not.";
        let blocks = vec![Block { kind: BlockKind::Paragraph, span: 7..text.len() }];
        let found = unrendered_references(text, &blocks);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, "^8");
        assert_eq!(&text[found[0].span.clone()], "[^8]");
    }

    #[test]
    fn last_updated_lines_are_recognised() {
        assert!(is_last_updated("Last updated: 1 May 2020"));
        assert!(is_last_updated("LAST UPDATED : 2020"));
        assert!(!is_last_updated("Last updates: 2020"));
    }
}
