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

use pulldown_cmark::{Event, HeadingLevel, LinkType, Options, Parser, Tag, TagEnd};

mod anchors;
mod front_matter;
mod markers;
mod styles;

use crate::document::sentences::{boundaries, sentence_at};
use crate::document::{Block, BlockKind, Citation, Document, Footnote, Format, Span};
use front_matter::front_matter;
use markers::{LinkKind, Source};
use styles::Item;

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
    let prefix_len = prefix.len();
    let source: Cow<str> = if prefix.is_empty() { Cow::Borrowed(body) } else { Cow::Owned(prefix + body) };
    out.walk(&source, prefix_len, body_start);
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
    /// The open lists: whether each is ordered, and its number in document order.
    lists: Vec<(bool, usize)>,
    /// How many lists have opened so far.
    list_count: usize,
    /// Every list item, in order.
    items: Vec<Item>,
    /// Inline HTML tags other than comments, in order.
    tags: Vec<Span>,
    /// Link destinations, reference labels and autolinks: no prose, though URLs are
    /// read from them.
    opaque: Vec<Span>,
    /// Where each link's `[` is, and what the link is.
    links: Vec<(usize, LinkKind)>,
    /// The links and images being read: span, type, and where their text last ended.
    open_links: Vec<(Span, LinkType, usize)>,
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
            lists: Vec::new(),
            list_count: 0,
            items: Vec::new(),
            tags: Vec::new(),
            opaque: Vec::new(),
            links: Vec::new(),
            open_links: Vec::new(),
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
            // The synthetic definitions are no part of the document; nothing else starts
            // in them, since they are closed before the text begins.
            if range.start < prefix_len {
                continue;
            }
            // The text after the prefix is the original from `base` on, byte for byte, so
            // the parser's char boundaries are the original's.
            let span = range.start - prefix_len + base..range.end.max(range.start) - prefix_len + base;
            self.event(event, span);
        }
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        let closes_link = matches!(event, Event::End(TagEnd::Link | TagEnd::Image));
        if !closes_link && let Some(link) = self.open_links.last_mut() {
            link.2 = link.2.max(span.end);
        }
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
                } else if span.start >= self.comment_end {
                    self.tags.push(span.clone());
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
            Tag::Link { link_type, ref dest_url, .. } | Tag::Image { link_type, ref dest_url, .. } => {
                let image = matches!(tag, Tag::Image { .. });
                let bracket = span.start + usize::from(image);
                let kind = if link_type == LinkType::Inline && dest_url.starts_with('#') && !image {
                    LinkKind::Anchor
                } else {
                    LinkKind::Other
                };
                self.links.push((bracket, kind));
                self.open_links.push((span.clone(), link_type, bracket + 1));
                self.inline(span);
                return;
            }
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript => {
                self.inline(span);
                return;
            }
            Tag::List(start) => {
                self.lists.push((start.is_some(), self.list_count));
                self.list_count += 1;
            }
            Tag::Item => {
                let (ordered, list) = self.lists.last().copied().unwrap_or((false, 0));
                self.items.push(Item { span: span.clone(), ordered, list });
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
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Link | TagEnd::Image => {
                self.close_link();
                return;
            }
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript => {
                return;
            }
            TagEnd::List(_) => drop(self.lists.pop()),
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

    /// A link or image ends: what follows its text (`](destination)`, `][label]`) or all
    /// of an autolink is no prose.
    fn close_link(&mut self) {
        let Some((span, link_type, text_end)) = self.open_links.pop() else { return };
        let opaque = match link_type {
            LinkType::Autolink | LinkType::Email => span.clone(),
            LinkType::Shortcut | LinkType::ShortcutUnknown => return,
            _ => text_end.min(span.end)..span.end,
        };
        if let Some(parent) = self.open_links.last_mut() {
            parent.2 = parent.2.max(span.end);
        }
        self.opaque.push(opaque);
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
        let skip = merge(ignored.iter().cloned().chain(self.opaque.iter().cloned()).collect());
        let source = Source { text: self.text, skip: &skip, tags: &self.tags, links: &self.links };
        let found = styles::read(&source, &self.blocks, &self.items, &self.footnotes);
        let mut in_note = found.in_note.into_iter();
        self.blocks.retain(|_| !in_note.next().unwrap_or(false));
        self.citations.extend(found.citations);
        self.footnotes.extend(found.footnotes);
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
mod tests;
