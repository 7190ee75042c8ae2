//! Markdown with GFM footnotes: `[^label]` citations, `[^label]:` notes, and the regions
//! (code, HTML comments, front matter) whose markers are not citations.
//!
//! pulldown-cmark supplies the block and inline structure. One difficulty remains: a GFM
//! renderer prints an undefined `[^x]` as plain text, so its events only show the
//! references that happen to be defined, and `missing-footnote` needs the others. We ask
//! the parser the question we care about — "would this be a reference if its note
//! existed?" — by parsing the text behind a prefix that defines every label that occurs
//! after a `[^` anywhere. The prefix is closed by an HTML comment block and a blank line,
//! so it cannot swallow or reinterpret what follows, and every event in it is dropped.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::sentences::{boundaries, sentence_at};
use super::{Block, BlockKind, Citation, Document, Footnote, Format, Span};

/// GFM's limit on a label's length, in characters.
const MAX_LABEL_CHARS: usize = 999;

/// What closes the synthetic definitions: an HTML comment block ends a footnote definition
/// (and a paragraph), and the blank line after it ends the HTML block.
const PREFIX_END: &str = "\n<!-- -->\n\n";

/// Parse a Markdown document. Total: every input yields a document.
pub fn parse(text: &str) -> Document<'_> {
    let bom = if text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let mut out = Collector::new(text);
    let body_start = match front_matter(text, bom) {
        Some((span, title)) => {
            if let Some(title) = title {
                out.blocks.push(Block { kind: BlockKind::Title, span: title });
                out.has_title = true;
            }
            out.ignored.push(span.clone());
            span.end
        }
        None => bom,
    };
    let body = &text[body_start..];
    let prefix = candidate_definitions(body);
    let source: Cow<str> =
        if prefix.is_empty() { Cow::Borrowed(body) } else { Cow::Owned(prefix.clone() + body) };
    out.walk(&source, prefix.len(), body_start);
    out.finish()
}

/// Everything gathered while walking the parser's events, in original-text offsets.
struct Collector<'a> {
    text: &'a str,
    blocks: Vec<Block>,
    citations: Vec<Citation>,
    footnotes: Vec<Footnote>,
    ignored: Vec<Span>,
    comments: Vec<Span>,
    has_title: bool,
    seen_block: bool,
    /// How many footnote definitions enclose the current event.
    note_depth: usize,
    /// The heading being read, with its level.
    heading: Option<(HeadingLevel, Span)>,
    /// The current run of inline content (a paragraph, a heading's text, a tight list
    /// item's text, a table cell): sentences are found within it.
    run: Option<Span>,
    /// References seen in the current run: label and marker span.
    pending: Vec<(String, Span)>,
    /// Where the last inline HTML comment ended (later pieces of it are skipped).
    comment_end: usize,
    /// Inside a code block, whose text is no prose.
    in_code: bool,
}

impl<'a> Collector<'a> {
    fn new(text: &'a str) -> Self {
        Collector {
            text,
            blocks: Vec::new(),
            citations: Vec::new(),
            footnotes: Vec::new(),
            ignored: Vec::new(),
            comments: Vec::new(),
            has_title: false,
            seen_block: false,
            note_depth: 0,
            heading: None,
            run: None,
            pending: Vec::new(),
            comment_end: 0,
            in_code: false,
        }
    }

    /// Walk the events of `source` (`prefix_len` synthetic bytes, then the original text
    /// from `base` on).
    fn walk(&mut self, source: &str, prefix_len: usize, base: usize) {
        let options = Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        for (event, range) in Parser::new_ext(source, options).into_offset_iter() {
            // Events of the synthetic definitions, and anything that is not on char
            // boundaries of the original, are no part of the document.
            if range.start < prefix_len || range.end < range.start {
                continue;
            }
            let span = range.start - prefix_len + base..range.end - prefix_len + base;
            if span.end > self.text.len()
                || !self.text.is_char_boundary(span.start)
                || !self.text.is_char_boundary(span.end)
            {
                continue;
            }
            self.event(event, span);
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        match event {
            Event::Start(tag) => self.start(tag, span),
            Event::End(tag) => self.end(tag),
            Event::Text(_) if self.in_code => {}
            Event::Text(_) | Event::SoftBreak | Event::HardBreak | Event::TaskListMarker(_) => {
                self.inline(span)
            }
            Event::Code(_) | Event::InlineMath(_) => {
                self.ignored.push(span.clone());
                self.inline(span);
            }
            Event::InlineHtml(_) => {
                if span.start >= self.comment_end && self.text[span.start..].starts_with("<!--") {
                    let end = comment_end(self.text, span.start, self.text.len());
                    self.comment_end = end;
                    self.comments.push(span.start..end);
                    self.ignored.push(span.start..end);
                }
                self.inline(span);
            }
            Event::FootnoteReference(label) => {
                let raw = self.text[span.clone()].strip_prefix("[^").and_then(|s| s.strip_suffix(']'));
                let label = raw.map_or_else(|| label.to_string(), str::to_owned);
                if is_gfm_label(&label) {
                    self.pending.push((label, span.clone()));
                }
                self.inline(span);
            }
            Event::Html(_) | Event::DisplayMath(_) | Event::Rule => self.flush(),
        }
    }

    fn start(&mut self, tag: Tag<'_>, span: Span) {
        match tag {
            Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. } => {
                self.inline(span);
                return;
            }
            _ => {}
        }
        self.flush();
        match tag {
            Tag::Heading { level, .. } => self.heading = Some((level, span)),
            Tag::FootnoteDefinition(label) => {
                self.note_depth += 1;
                self.footnote(&label, span);
            }
            Tag::CodeBlock(_) => {
                self.in_code = true;
                self.ignored.push(trim_end(self.text, span));
            }
            Tag::HtmlBlock => self.html_comments(span),
            Tag::MetadataBlock(_) => self.ignored.push(span),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image => return,
            _ => {}
        }
        let was_heading = matches!(tag, TagEnd::Heading(_));
        if was_heading {
            self.flush_heading();
        }
        self.flush();
        if tag == TagEnd::CodeBlock {
            self.in_code = false;
        }
        if tag == TagEnd::FootnoteDefinition {
            self.note_depth = self.note_depth.saturating_sub(1);
        }
    }

    /// Inline content at `span` extends the current run.
    fn inline(&mut self, span: Span) {
        match &mut self.run {
            Some(run) => run.end = run.end.max(span.end),
            None => self.run = Some(span),
        }
    }

    /// A heading ends: record it as a block (its text, or the whole construct when empty).
    fn flush_heading(&mut self) {
        let Some((level, whole)) = self.heading.take() else { return };
        let span =
            self.run.take().map(|r| trimmed(self.text, r)).unwrap_or_else(|| trimmed(self.text, whole));
        self.cite_pending(&span);
        if self.note_depth > 0 {
            return;
        }
        let kind = if level == HeadingLevel::H1 && !self.has_title && !self.seen_block {
            BlockKind::Title
        } else {
            BlockKind::Heading
        };
        self.has_title |= kind == BlockKind::Title;
        self.seen_block = true;
        self.blocks.push(Block { kind, span });
    }

    /// A run of inline content ends: its citations get their sentences, and in the body it
    /// becomes a paragraph block.
    fn flush(&mut self) {
        let Some(run) = self.run.take() else { return };
        let span = trimmed(self.text, run);
        self.cite_pending(&span);
        if self.note_depth > 0 || span.is_empty() || self.heading.is_some() {
            return;
        }
        let kind = if is_last_updated(&self.text[span.clone()]) {
            BlockKind::LastUpdated
        } else {
            BlockKind::Paragraph
        };
        self.seen_block = true;
        self.blocks.push(Block { kind, span });
    }

    fn cite_pending(&mut self, block: &Span) {
        if self.pending.is_empty() {
            return;
        }
        // Sentence ends are found once per run, however many markers it holds.
        let bounds = boundaries(self.text, block);
        for (label, span) in self.pending.drain(..) {
            let sentence_span = if block.start <= span.start && span.end <= block.end {
                sentence_at(self.text, block, &bounds, span.start)
            } else {
                span.clone()
            };
            self.citations.push(Citation { label, span, sentence_span });
        }
    }

    /// A footnote definition spanning `span`: its `[^label]:` marker and trimmed text.
    fn footnote(&mut self, label: &str, span: Span) {
        let s = &self.text[span.clone()];
        // Where the label's `]` is, relative to `s`.
        let close = s.strip_prefix("[^").and_then(label_end).map(|close| close + 2);
        let (label, marker_end) = match close {
            Some(close) if s[close..].starts_with("]:") => (s[2..close].to_owned(), span.start + close + 2),
            _ => (label.to_owned(), span.start),
        };
        // `[^a b]: …` defines no footnote in GFM (pulldown-cmark accepts it).
        if !is_gfm_label(&label) {
            return;
        }
        let text_span = trimmed(self.text, marker_end..span.end);
        let text_span = if text_span.is_empty() { marker_end..marker_end } else { text_span };
        self.footnotes.push(Footnote { label, marker_span: span.start..marker_end, text_span });
    }

    /// Every `<!-- … -->` inside an HTML block (one left open runs to the block's end).
    fn html_comments(&mut self, block: Span) {
        let mut pos = block.start;
        while let Some(i) = memchr::memmem::find(&self.text.as_bytes()[pos..block.end], b"<!--") {
            let start = pos + i;
            let end = comment_end(self.text, start, block.end);
            self.comments.push(start..end);
            self.ignored.push(start..end);
            pos = end;
        }
    }

    fn finish(mut self) -> Document<'a> {
        self.flush();
        let ignored = merge(self.ignored);
        self.comments.sort_by_key(|c| (c.start, c.end));
        self.comments.dedup();
        self.citations.sort_by_key(|c| c.span.start);
        self.footnotes.sort_by_key(|f| f.marker_span.start);
        Document::new(
            self.text,
            Format::Markdown,
            self.blocks,
            self.citations,
            self.footnotes,
            ignored,
            self.comments,
        )
    }
}

/// The end of the HTML comment opening at `start`, no further than `limit`. CommonMark
/// 0.31 also counts `<!-->` and `<!--->` as complete comments.
fn comment_end(text: &str, start: usize, limit: usize) -> usize {
    let after = start + 4;
    let rest = &text.as_bytes()[after.min(limit)..limit];
    if rest.starts_with(b">") {
        return after + 1;
    }
    if rest.starts_with(b"->") {
        return after + 2;
    }
    memchr::memmem::find(rest, b"-->").map_or(limit, |i| after + i + 3)
}

/// The byte index of the `]` closing a label that starts at `s[0]`, if `s` holds a valid
/// footnote label: one line, no unescaped `[`, not blank, at most 999 characters. (GFM
/// also forbids white space inside; callers check that.)
fn label_end(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut chars = 0;
    let mut blank = true;
    while chars <= MAX_LABEL_CHARS {
        match *bytes.get(i)? {
            b']' => return (!blank && i > 0).then_some(i),
            b'[' | b'\n' | b'\r' => return None,
            b'\\' if bytes.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
                blank = false;
                i += 2;
                chars += 2;
                continue;
            }
            b => {
                blank &= b.is_ascii_whitespace();
                // Count characters by their first byte.
                if b & 0xC0 != 0x80 {
                    chars += 1;
                }
            }
        }
        i += 1;
    }
    None
}

/// What GFM accepts as a label beyond pulldown-cmark's own checks: no white space at all
/// (micromark, GitHub) and at most 999 characters (pulldown-cmark counts only non-ASCII).
fn is_gfm_label(label: &str) -> bool {
    !label.is_empty() && !label.contains(char::is_whitespace) && label.chars().count() <= MAX_LABEL_CHARS
}

/// Synthetic definitions for every label written after a `[^` in `body`, closed by
/// [`PREFIX_END`]; empty when there is none.
fn candidate_definitions(body: &str) -> String {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut out = String::new();
    let add = |label: &str, out: &mut String| {
        out.push_str("[^");
        out.push_str(label);
        out.push_str("]: x\n");
    };
    for at in memchr::memmem::find_iter(body.as_bytes(), b"[^") {
        let rest = &body[at + 2..];
        let Some(close) = label_end(rest) else { continue };
        let label = &rest[..close];
        if !is_gfm_label(label) || !seen.insert(label) {
            continue;
        }
        add(label, &mut out);
        // In a table cell `\|` is read as `|`; define that spelling too.
        if label.contains("\\|") {
            add(&label.replace("\\|", "|"), &mut out);
        }
    }
    if !out.is_empty() {
        out.push_str(PREFIX_END);
    }
    out
}

/// Front matter at `start`: YAML between `---` lines (or closed by `...`), or TOML
/// between `+++` lines (Hugo, Zola), the first line inside not blank. Its whole span, and
/// the span of its title's value.
fn front_matter(text: &str, start: usize) -> Option<(Span, Option<Span>)> {
    let mut lines = lines_from(text, start);
    let (first, _) = lines.next()?;
    let fence = text[first.clone()].trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let mut title = None;
    let mut first_line = true;
    for (line, next) in lines {
        let s = text[line.clone()].trim_end();
        if first_line && s.is_empty() {
            return None;
        }
        first_line = false;
        if s == fence || (fence == "---" && s == "...") {
            return Some((start..next, title));
        }
        if title.is_none() {
            title = title_value(text, &line);
        }
    }
    None
}

/// Lines from `start`: each line's span without its line ending, and where the next begins.
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (Span, usize)> + '_ {
    let mut pos = start;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let next = (end + 1).min(text.len());
        let content_end = if text[pos..end].ends_with('\r') { end - 1 } else { end };
        let line = pos..content_end;
        pos = next;
        Some((line, next))
    })
}

/// The value of a front matter `title: …` (YAML) or `title = …` (TOML) line, unquoted.
fn title_value(text: &str, line: &Span) -> Option<Span> {
    let s = &text[line.clone()];
    let rest = s.strip_prefix("title")?.trim_start();
    let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
    let mut span = trimmed(text, line.end - value.len()..line.end);
    let v = &text[span.clone()];
    if v.len() >= 2 && (v.starts_with('"') && v.ends_with('"') || v.starts_with('\'') && v.ends_with('\'')) {
        span = span.start + 1..span.end - 1;
    }
    (!span.is_empty()).then_some(span)
}

/// `Last updated: …`, possibly emphasised.
fn is_last_updated(s: &str) -> bool {
    let s = s.trim_start_matches(['*', '_', ' ']);
    let Some(head) = s.get(..12) else { return false };
    head.eq_ignore_ascii_case("last updated") && s[12..].trim_start().starts_with(':')
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if body.is_empty() {
        return span.start..span.start;
    }
    span.start + lead..span.start + lead + body.len()
}

/// A span without its trailing white space (a code block's range ends after its newline).
fn trim_end(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    span.start..span.start + s.trim_end().len()
}

/// Sort spans and merge overlapping or touching ones, so they are sorted and disjoint.
fn merge(mut spans: Vec<Range<usize>>) -> Vec<Span> {
    spans.retain(|s| !s.is_empty());
    spans.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len());
    for s in spans {
        match out.last_mut() {
            Some(last) if s.start <= last.end => last.end = last.end.max(s.end),
            _ => out.push(s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(doc: &Document) -> Vec<String> {
        doc.citations.iter().map(|c| c.label.clone()).collect()
    }

    fn slices<'a>(doc: &Document<'a>, spans: &[Span]) -> Vec<&'a str> {
        spans.iter().map(|s| doc.slice(s)).collect()
    }

    #[test]
    fn citation_span_is_the_whole_marker_and_label_drops_the_caret() {
        let doc = parse("It was said.[^smith-2020] Then.\n\n[^smith-2020]: Interview.\n");
        let c = &doc.citations[0];
        assert_eq!(c.label, "smith-2020");
        assert_eq!(doc.slice(&c.span), "[^smith-2020]");
        assert_eq!(doc.slice(&c.sentence_span), "It was said.[^smith-2020]");
    }

    #[test]
    fn undefined_reference_is_still_a_citation() {
        let doc = parse("Defined.[^a] Undefined.[^nope]\n\n[^a]: A.\n");
        assert_eq!(labels(&doc), ["a", "nope"]);
        assert!(doc.footnote("nope").is_none());
    }

    #[test]
    fn marker_inside_code_span_is_not_a_citation() {
        let doc = parse("Write `[^x]` for a note.[^y]\n");
        assert_eq!(labels(&doc), ["y"]);
        assert_eq!(slices(&doc, &doc.ignored), ["`[^x]`"]);
    }

    #[test]
    fn markers_in_fenced_and_indented_code_are_not_citations() {
        let text = "Text.\n\n```md\nSee[^a]\n```\n\n    Also[^b]\n\n~~~\nunclosed[^c]\n";
        let doc = parse(text);
        assert!(doc.citations.is_empty(), "{:?}", doc.citations);
        assert_eq!(slices(&doc, &doc.ignored), ["```md\nSee[^a]\n```", "Also[^b]", "~~~\nunclosed[^c]"]);
        assert_eq!(slices(&doc, &doc.blocks.iter().map(|b| b.span.clone()).collect::<Vec<_>>()), ["Text."]);
    }

    #[test]
    fn marker_inside_html_comment_is_not_a_citation_and_the_comment_is_recorded() {
        let text = "Said.[^a] <!-- old [^b]\nstill --> on.\n\n<!-- citelint-disable [^c] -->\n\n[^a]: A.\n";
        let doc = parse(text);
        assert_eq!(labels(&doc), ["a"]);
        assert_eq!(
            slices(&doc, &doc.comments),
            ["<!-- old [^b]\nstill -->", "<!-- citelint-disable [^c] -->"]
        );
        assert_eq!(doc.ignored, doc.comments);
    }

    #[test]
    fn escaped_marker_is_not_a_citation() {
        let doc = parse("Literal \\[^x] here, and [^x\\] too.\n\n[^x]: X.\n");
        assert!(doc.citations.is_empty(), "{:?}", doc.citations);
    }

    #[test]
    fn bang_before_a_marker_leaves_the_bang_out_of_the_span() {
        let doc = parse("a![^1] and undefined b![^2]\n\n[^1]: One.\n");
        assert_eq!(labels(&doc), ["1", "2"]);
        assert_eq!(doc.slice(&doc.citations[0].span), "[^1]");
        assert_eq!(doc.slice(&doc.citations[1].span), "[^2]");
    }

    #[test]
    fn marker_in_a_link_destination_is_not_a_citation() {
        let doc = parse(
            "See [the page](https://example.com/[^1]) and <https://example.com/[^2]>.\n\n[^1]: x\n[^2]: y\n",
        );
        assert!(doc.citations.is_empty(), "{:?}", doc.citations);
    }

    #[test]
    fn marker_in_link_text_is_a_citation() {
        let doc = parse("See [the page[^1]](https://example.com/).\n\n[^1]: x\n");
        assert_eq!(labels(&doc), ["1"]);
    }

    #[test]
    fn labels_with_white_space_or_brackets_are_not_citations() {
        let doc = parse("A [^a b] B [^] C [^ ] D [^[x]] E [^x\ny]\n\n[^a b]: spaced\n");
        assert!(doc.citations.is_empty(), "{:?}", doc.citations);
        assert!(doc.footnotes.is_empty(), "{:?}", doc.footnotes);
    }

    #[test]
    fn labels_longer_than_999_characters_are_not_citations() {
        let long = "x".repeat(1000);
        let ok = "y".repeat(999);
        let text = format!("A[^{long}] B[^{ok}]\n\n[^{long}]: long\n");
        let doc = parse(&text);
        assert_eq!(labels(&doc), [ok]);
        assert!(doc.footnotes.is_empty());
    }

    #[test]
    fn footnote_has_its_marker_and_trimmed_text() {
        let doc = parse("Said.[^1]\n\n[^1]:   Letter from A. Smith, 2 May 2020.  \n");
        let f = &doc.footnotes[0];
        assert_eq!((f.label.as_str(), doc.slice(&f.marker_span)), ("1", "[^1]:"));
        assert_eq!(doc.slice(&f.text_span), "Letter from A. Smith, 2 May 2020.");
    }

    #[test]
    fn footnote_runs_over_indented_and_lazy_continuation_lines() {
        let text =
            "X.[^a][^b]\n\n[^a]: First line\nlazy line\n\n    Second paragraph.\n\nBody again.\n\n[^b]: B\n";
        let doc = parse(text);
        assert_eq!(doc.slice(&doc.footnotes[0].text_span), "First line\nlazy line\n\n    Second paragraph.");
        assert_eq!(doc.slice(&doc.footnotes[1].text_span), "B");
        let body: Vec<_> = doc.blocks.iter().map(|b| doc.slice(&b.span)).collect();
        assert_eq!(body, ["X.[^a][^b]", "Body again."]);
    }

    #[test]
    fn empty_footnote_has_an_empty_text_span_after_its_marker() {
        let doc = parse("X[^e]\n\n[^e]:\n");
        let f = &doc.footnotes[0];
        assert_eq!(f.text_span, f.marker_span.end..f.marker_span.end);
    }

    #[test]
    fn definition_indented_four_spaces_is_code() {
        let doc = parse("X[^q]\n\n    [^q]: x\n");
        assert!(doc.footnotes.is_empty());
        assert_eq!(labels(&doc), ["q"]);
    }

    #[test]
    fn duplicate_definitions_are_all_kept() {
        let doc = parse("X[^a]\n\n[^a]: One.\n[^A]: Two.\n");
        let notes: Vec<_> = doc.footnotes.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(notes, ["a", "A"]);
    }

    #[test]
    fn references_inside_footnotes_are_citations_but_notes_are_not_body() {
        let doc = parse("Body.[^a]\n\n[^a]: See also.[^b]\n[^b]: B.\n");
        assert_eq!(labels(&doc), ["a", "b"]);
        assert_eq!(doc.slice(&doc.citations[1].sentence_span), "See also.[^b]");
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn citations_in_lists_quotes_and_tables_know_their_sentences() {
        let text = "* First item.[^a] Second.\n* Other.\n\n> Quoted.[^b]\n\n| h |\n|---|\n| cell.[^c] |\n";
        let doc = parse(text);
        let sentences: Vec<_> = doc.citations.iter().map(|c| doc.slice(&c.sentence_span)).collect();
        assert_eq!(sentences, ["First item.[^a]", "Quoted.[^b]", "cell.[^c]"]);
    }

    #[test]
    fn headings_paragraphs_title_and_last_updated_become_blocks() {
        let text =
            "# Armenia\n\n*Last updated: 22 December 2023*\n\nBody text.\n\nPolicy\n------\n\n## Stockpile\n";
        let doc = parse(text);
        let blocks: Vec<_> = doc.blocks.iter().map(|b| (b.kind, doc.slice(&b.span))).collect();
        assert_eq!(
            blocks,
            [
                (BlockKind::Title, "Armenia"),
                (BlockKind::LastUpdated, "*Last updated: 22 December 2023*"),
                (BlockKind::Paragraph, "Body text."),
                (BlockKind::Heading, "Policy"),
                (BlockKind::Heading, "Stockpile"),
            ]
        );
    }

    #[test]
    fn front_matter_is_ignored_and_gives_the_title() {
        let text =
            "---\ntitle: \"Mine Ban [^1] Policy\"\ndate: 2020\n---\n# Intro\n\nText.[^1]\n\n[^1]: One.\n";
        let doc = parse(text);
        assert_eq!(labels(&doc), ["1"]);
        assert_eq!(doc.slice(&doc.ignored[0]), "---\ntitle: \"Mine Ban [^1] Policy\"\ndate: 2020\n---\n");
        assert_eq!(
            (doc.blocks[0].kind, doc.slice(&doc.blocks[0].span)),
            (BlockKind::Title, "Mine Ban [^1] Policy")
        );
        assert_eq!(doc.blocks[1].kind, BlockKind::Heading);
    }

    #[test]
    fn toml_front_matter_is_ignored_and_gives_the_title() {
        let text = "+++\npath = \"2026/01/14/x\"\ntitle = \"Shipping Rust\"\n+++\n\nText.[^1]\n";
        let doc = parse(text);
        assert_eq!(
            doc.slice(&doc.ignored[0]),
            "+++\npath = \"2026/01/14/x\"\ntitle = \"Shipping Rust\"\n+++\n"
        );
        assert_eq!((doc.blocks[0].kind, doc.slice(&doc.blocks[0].span)), (BlockKind::Title, "Shipping Rust"));
        assert_eq!(labels(&doc), ["1"]);
    }

    #[test]
    fn a_thematic_break_at_the_start_is_no_front_matter() {
        let doc = parse("---\n\nText.[^1]\n");
        assert!(doc.ignored.is_empty());
        assert_eq!(labels(&doc), ["1"]);
    }

    #[test]
    fn ignored_regions_are_sorted_and_disjoint() {
        let doc = parse("`a` <!-- b --> `c`\n\n```\nd\n```\n<!-- e -->\n\n    f\n");
        assert!(doc.ignored.windows(2).all(|w| w[0].end < w[1].start), "{:?}", doc.ignored);
        assert!(doc.is_ignored(doc.text.find('d').unwrap()));
        assert!(!doc.is_ignored(doc.text.find(' ').unwrap()));
    }

    #[test]
    fn synthetic_definitions_do_not_leak_into_the_document() {
        // The prefix holds definitions for both labels; nothing of it may appear.
        let doc = parse("    indented code first [^a]\n\nThen[^b].\n");
        assert_eq!(labels(&doc), ["b"]);
        assert!(doc.footnotes.is_empty());
        assert_eq!(slices(&doc, &doc.ignored), ["indented code first [^a]"]);
    }

    #[test]
    fn a_bom_is_skipped_and_spans_stay_right() {
        let doc = parse("\u{feff}# T\r\n\r\nSaid.[^1]\r\n\r\n[^1]: One.\r\n");
        assert_eq!(doc.slice(&doc.blocks[0].span), "T");
        assert_eq!(doc.slice(&doc.citations[0].span), "[^1]");
        assert_eq!(doc.slice(&doc.footnotes[0].text_span), "One.");
    }
}
