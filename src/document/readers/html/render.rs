//! Render a tokenized HTML document to the text rules read: tags removed, references
//! decoded, white space collapsed, a blank line between blocks, `<br>` a line break;
//! `head`, `script`, `style` and Word's XML islands dropped; citations as `[n]`, notes as
//! `[n] text` paragraphs; the address of a link whose text does not show it after the
//! text as `<https://…>` (an autolink, which the URL extraction reads as written).

use rustc_hash::FxHashMap;

use super::notes::{Notes, Role};
use super::tokens::{AttrName, Kind, Tag, Tokens};
use super::tree::{NONE, Tree};
use crate::document::BlockKind;
use crate::document::readers::Rendering;
use crate::document::readers::rendered::{Builder, NoteStyle};

/// Render `source` (tokenized as `tokens`, built into `tree`, its notes found). The text
/// before `skip` (a byte order mark) is not content.
pub fn render(source: &str, skip: usize, tokens: &Tokens, tree: &Tree, notes: &Notes) -> Rendering {
    let mut r = Renderer {
        source,
        skip_bytes: skip,
        tokens,
        tree,
        notes,
        b: Builder::mapped(source),
        skip: None,
        head: 0,
        title: false,
        use_title: !tree.elements.iter().any(|e| e.tag == Tag::H(1)),
        seen_h1: false,
        headings: FxHashMap::default(),
        links: FxHashMap::default(),
    };
    let mut comments = Vec::new();
    let mut closes = tree.closes.iter().peekable();
    for (i, token) in tokens.tokens.iter().enumerate() {
        while let Some(&&(at, e)) = closes.peek() {
            if at as usize > i {
                break;
            }
            r.close(e);
            closes.next();
        }
        match &token.kind {
            Kind::Comment => comments.push(token.span.clone()),
            Kind::Start { tag, self_closing, .. } => {
                let e = tree.of_token[i];
                if e != NONE {
                    r.open(e);
                    if tag.is_void() || *self_closing {
                        r.close(e);
                    }
                }
            }
            // `</br>` is read as `<br>`.
            Kind::End { tag: Tag::Br } if r.skip.is_none() => r.b.line_break(),
            Kind::End { .. } => {}
            Kind::Text { .. } => r.text(i),
        }
    }
    for &(_, e) in closes {
        r.close(e);
    }
    let style = if notes.anchored() { NoteStyle::Anchored } else { NoteStyle::Typed };
    let mut rendering = r.b.finish(style);
    rendering.parts.comments = comments;
    rendering
}

struct Renderer<'a> {
    source: &'a str,
    skip_bytes: usize,
    tokens: &'a Tokens,
    tree: &'a Tree,
    notes: &'a Notes,
    b: Builder<'a>,
    /// The element whose content is not rendered (a citation, a script…).
    skip: Option<u32>,
    /// How many `head` elements are open: only a title is read there.
    head: u32,
    title: bool,
    /// The document has no `h1`: its `<title>` is the title.
    use_title: bool,
    seen_h1: bool,
    /// Open headings (their end closes the heading block).
    headings: FxHashMap<u32, ()>,
    /// Open links to web addresses, with where their text starts.
    links: FxHashMap<u32, usize>,
}

impl Renderer<'_> {
    fn tag(&self, e: u32) -> Tag {
        self.tree.elements[e as usize].tag
    }

    fn open(&mut self, e: u32) {
        if self.skip.is_some() {
            return;
        }
        match self.notes.roles.get(&e) {
            Some(Role::Citation { label, src }) => {
                self.b.citation(label, src.clone());
                self.skip = Some(e);
                return;
            }
            Some(Role::BackLink) => {
                self.skip = Some(e);
                return;
            }
            Some(Role::Note { label, marker }) => self.b.open_note(label, marker.clone()),
            Some(Role::Link { .. }) => {
                self.links.insert(e, self.b.len());
            }
            None => {}
        }
        let tag = self.tag(e);
        match tag {
            Tag::Hidden => self.skip = Some(e),
            Tag::Head => self.head += 1,
            Tag::Title if self.use_title => {
                self.use_title = false;
                self.title = true;
                self.heading(e, BlockKind::Title);
            }
            Tag::Title => self.skip = Some(e),
            Tag::H(n) => {
                let kind = if n == 1 && !self.seen_h1 { BlockKind::Title } else { BlockKind::Heading };
                self.seen_h1 |= n == 1;
                self.heading(e, kind);
            }
            Tag::P if self.is_word_title(e) => self.heading(e, BlockKind::Title),
            Tag::Pre | Tag::Textarea => {
                self.b.block_break();
                self.b.begin_preserve();
            }
            Tag::Code => self.b.begin_ignored(),
            Tag::Br => self.b.line_break(),
            t if t.is_block() => self.b.block_break(),
            _ => {}
        }
    }

    fn heading(&mut self, e: u32, kind: BlockKind) {
        if self.b.in_note() {
            self.b.block_break();
            return;
        }
        self.headings.insert(e, ());
        self.b.begin_heading(kind);
    }

    /// Word's Title style: `<p class=MsoTitle>`.
    fn is_word_title(&self, e: u32) -> bool {
        let start = self.tree.elements[e as usize].start as usize;
        self.tokens
            .attr(&self.tokens.tokens[start], AttrName::Class)
            .is_some_and(|c| c.value.split_ascii_whitespace().any(|w| w.eq_ignore_ascii_case("MsoTitle")))
    }

    fn close(&mut self, e: u32) {
        if let Some(s) = self.skip {
            if s == e {
                self.skip = None;
            }
            return;
        }
        let tag = self.tag(e);
        if self.headings.remove(&e).is_some() {
            self.b.end_heading();
        }
        match tag {
            Tag::Head => self.head = self.head.saturating_sub(1),
            Tag::Title => self.title = false,
            Tag::Pre | Tag::Textarea => {
                self.b.end_preserve();
                self.b.block_break();
            }
            Tag::Code => self.b.end_ignored(),
            t if t.is_block() => self.b.block_break(),
            _ => {}
        }
        match self.notes.roles.get(&e) {
            Some(Role::Note { .. }) => self.b.close_note(),
            Some(Role::Link { url, src }) => {
                let start = self.links.remove(&e).unwrap_or(0);
                let shown = &self.b.rendered()[start.min(self.b.len())..];
                if !shown.contains(url.as_str()) && !shown.contains(url.trim_end_matches('/')) {
                    self.b.annotation(&format!("<{url}>"), src.clone());
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, i: usize) {
        if self.skip.is_some() || (self.head > 0 && !self.title) {
            return;
        }
        let token = &self.tokens.tokens[i];
        for piece in self.tokens.pieces(token) {
            let raw = piece.raw.clone();
            if raw.end <= self.skip_bytes {
                continue;
            }
            match &piece.decoded {
                Some(d) => self.b.text(d, raw, false),
                None => match self.source.get(raw.clone()) {
                    Some(s) => self.b.text(s, raw, true),
                    None => {
                        let s = String::from_utf8_lossy(&self.source.as_bytes()[raw.clone()]).into_owned();
                        self.b.text(&s, raw, false);
                    }
                },
            }
        }
    }
}
