//! HTML as a list of tokens with byte spans into the source, from html5gum's WHATWG
//! tokenizer: start tags with the few attributes the reader uses, end tags, comments, and
//! text as pieces that say which source bytes each rendered byte comes from (a character
//! reference such as `&amp;` is one piece rendering `&`).

use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

use html5gum::emitters::callback::{CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Span, Tokenizer};
use rustc_hash::FxHashMap;

/// Attribute values longer than this are dropped: no id, href or class the reader needs
/// is near it, and a hostile file's megabyte attribute is not copied.
const MAX_ATTRIBUTE: usize = 16 * 1024;

/// An element name the reader gives a meaning to, or another name (interned).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tag {
    A,
    Sup,
    Br,
    P,
    Div,
    Li,
    Ol,
    Ul,
    Dl,
    Dt,
    Dd,
    H(u8),
    Title,
    Head,
    Body,
    Html,
    /// Elements whose content is never shown as text: `script`, `style`, Word's `xml`
    /// islands, `template`, `noscript`, `iframe`, `object`, `svg`, `select`.
    Hidden,
    Pre,
    Textarea,
    /// `code`, `kbd`, `samp`, `var`: not prose.
    Code,
    /// Other elements that begin and end a block.
    Block,
    Table,
    Tr,
    Td,
    Hr,
    /// Elements with no content (`img`, `meta`, `input`…), except `br` and `hr`.
    Void,
    Meta,
    /// Any other element; the number names it.
    Other(u32),
}

impl Tag {
    fn from_name(name: &[u8], names: &mut FxHashMap<Box<[u8]>, u32>) -> Tag {
        match name {
            b"a" => Tag::A,
            b"sup" => Tag::Sup,
            b"br" => Tag::Br,
            b"p" => Tag::P,
            b"div" => Tag::Div,
            b"li" => Tag::Li,
            b"ol" => Tag::Ol,
            b"ul" | b"menu" => Tag::Ul,
            b"dl" => Tag::Dl,
            b"dt" => Tag::Dt,
            b"dd" => Tag::Dd,
            [b'h', d @ b'1'..=b'6'] => Tag::H(d - b'0'),
            b"title" => Tag::Title,
            b"head" => Tag::Head,
            b"body" => Tag::Body,
            b"html" => Tag::Html,
            b"script" | b"style" | b"xml" | b"template" | b"noscript" | b"iframe" | b"object" | b"svg"
            | b"select" | b"noembed" | b"noframes" => Tag::Hidden,
            b"pre" | b"listing" | b"plaintext" | b"xmp" => Tag::Pre,
            b"textarea" => Tag::Textarea,
            b"code" | b"kbd" | b"samp" | b"var" => Tag::Code,
            b"section" | b"aside" | b"article" | b"header" | b"footer" | b"nav" | b"main" | b"blockquote"
            | b"figure" | b"figcaption" | b"address" | b"details" | b"summary" | b"form" | b"fieldset"
            | b"center" | b"caption" | b"hgroup" | b"dialog" | b"search" | b"legend" => Tag::Block,
            b"table" => Tag::Table,
            b"tr" => Tag::Tr,
            b"td" | b"th" => Tag::Td,
            b"hr" => Tag::Hr,
            b"meta" => Tag::Meta,
            b"img" | b"input" | b"wbr" | b"col" | b"area" | b"base" | b"embed" | b"link" | b"param"
            | b"source" | b"track" | b"keygen" => Tag::Void,
            _ => {
                let next = names.len() as u32;
                Tag::Other(*names.entry(name.into()).or_insert(next))
            }
        }
    }

    /// Whether the element has no content and no end tag.
    pub fn is_void(self) -> bool {
        matches!(self, Tag::Br | Tag::Hr | Tag::Void | Tag::Meta)
    }

    /// Whether the element begins and ends a block of text.
    pub fn is_block(self) -> bool {
        matches!(
            self,
            Tag::P
                | Tag::Div
                | Tag::Li
                | Tag::Ol
                | Tag::Ul
                | Tag::Dl
                | Tag::Dt
                | Tag::Dd
                | Tag::H(_)
                | Tag::Title
                | Tag::Pre
                | Tag::Textarea
                | Tag::Block
                | Tag::Table
                | Tag::Tr
                | Tag::Td
                | Tag::Hr
                | Tag::Body
                | Tag::Html
        )
    }
}

/// The attributes the reader reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AttrName {
    Id,
    Name,
    Href,
    Class,
    Style,
    Role,
    EpubType,
    Start,
    Value,
    Charset,
    HttpEquiv,
    Content,
    /// `data-footnote-ref` (GitHub's note references).
    DataFootnoteRef,
}

impl AttrName {
    fn from_name(name: &[u8]) -> Option<AttrName> {
        Some(match name {
            b"id" => AttrName::Id,
            b"name" => AttrName::Name,
            b"href" => AttrName::Href,
            b"class" => AttrName::Class,
            b"style" => AttrName::Style,
            b"role" => AttrName::Role,
            b"epub:type" => AttrName::EpubType,
            b"start" => AttrName::Start,
            b"value" => AttrName::Value,
            b"charset" => AttrName::Charset,
            b"http-equiv" => AttrName::HttpEquiv,
            b"content" => AttrName::Content,
            b"data-footnote-ref" => AttrName::DataFootnoteRef,
            _ => return None,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Attr {
    pub name: AttrName,
    /// The value with character references decoded.
    pub value: String,
    /// Where the value is written (empty for an attribute without one).
    pub span: Range<usize>,
}

/// A piece of text: the source bytes `raw` render as themselves, or as `decoded`.
#[derive(Clone, Debug)]
pub struct Piece {
    pub raw: Range<usize>,
    pub decoded: Option<Box<str>>,
}

#[derive(Clone, Debug)]
pub enum Kind {
    Start {
        tag: Tag,
        attrs: Range<u32>,
        self_closing: bool,
    },
    End {
        tag: Tag,
    },
    /// Text: `pieces` indexes [`Tokens::pieces`].
    Text {
        pieces: Range<u32>,
    },
    Comment,
}

#[derive(Clone, Debug)]
pub struct Token {
    pub kind: Kind,
    pub span: Range<usize>,
}

/// A tokenized document.
#[derive(Debug, Default)]
pub struct Tokens {
    pub tokens: Vec<Token>,
    pub attrs: Vec<Attr>,
    pub pieces: Vec<Piece>,
}

impl Tokens {
    /// The attributes of a start tag.
    pub fn attrs(&self, token: &Token) -> &[Attr] {
        match &token.kind {
            Kind::Start { attrs, .. } => &self.attrs[attrs.start as usize..attrs.end as usize],
            _ => &[],
        }
    }

    /// The value of attribute `name` of a start tag.
    pub fn attr(&self, token: &Token, name: AttrName) -> Option<&Attr> {
        self.attrs(token).iter().find(|a| a.name == name)
    }

    /// The text pieces of a text token.
    pub fn pieces(&self, token: &Token) -> &[Piece] {
        match &token.kind {
            Kind::Text { pieces } => &self.pieces[pieces.start as usize..pieces.end as usize],
            _ => &[],
        }
    }
}

/// A piece as the tokenizer emitted it: where it ended in the source, and its bytes when
/// they are not the source's own.
struct Emitted {
    end: usize,
    len: usize,
    decoded: Option<Box<str>>,
}

/// What the tokenizer's events build.
struct Sink<'s> {
    source: &'s str,
    out: Tokens,
    /// Pieces of the text being read, not yet flushed as a text token.
    pending: Vec<Emitted>,
    names: FxHashMap<Box<[u8]>, u32>,
    /// The start tag being read: its name and where it starts.
    tag: Option<(Tag, usize)>,
    attrs_start: u32,
    attr: Option<(AttrName, Range<usize>)>,
}

impl Sink<'_> {
    fn event(&mut self, event: CallbackEvent<'_>, span: Span<usize>) {
        match event {
            CallbackEvent::OpenStartTag { name } => {
                self.tag = Some((Tag::from_name(name, &mut self.names), span.start));
                self.attrs_start = self.out.attrs.len() as u32;
                self.attr = None;
            }
            CallbackEvent::AttributeName { name } => {
                let known = AttrName::from_name(name);
                let already = known
                    .is_some_and(|n| self.out.attrs[self.attrs_start as usize..].iter().any(|a| a.name == n));
                // The first of two same-named attributes wins, as in a browser.
                self.attr = known.filter(|_| !already).map(|n| (n, span.end..span.end));
                if let Some((name, _)) = self.attr {
                    self.out.attrs.push(Attr { name, value: String::new(), span: span.end..span.end });
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if self.attr.take().is_some()
                    && let Some(last) = self.out.attrs.last_mut()
                {
                    if value.len() <= MAX_ATTRIBUTE {
                        last.value = String::from_utf8_lossy(value).into_owned();
                        last.span = span.start..span.end;
                    } else {
                        self.out.attrs.pop();
                    }
                }
            }
            CallbackEvent::CloseStartTag { self_closing } => {
                if let Some((tag, start)) = self.tag.take() {
                    let attrs = self.attrs_start..self.out.attrs.len() as u32;
                    self.out.tokens.push(Token {
                        kind: Kind::Start { tag, attrs, self_closing },
                        span: start..span.end,
                    });
                }
            }
            CallbackEvent::EndTag { name } => {
                let tag = Tag::from_name(name, &mut self.names);
                self.out.tokens.push(Token { kind: Kind::End { tag }, span: span.start..span.end });
            }
            CallbackEvent::String { .. } => self.flush_text(span.start..span.end),
            CallbackEvent::Comment { .. } => {
                self.out.tokens.push(Token { kind: Kind::Comment, span: span.start..span.end });
            }
            CallbackEvent::Doctype { .. } | CallbackEvent::Error(_) => {}
        }
    }

    /// The pending pieces become a text token spanning `span`.
    fn flush_text(&mut self, span: Range<usize>) {
        let first = self.out.pieces.len() as u32;
        let mut cursor = span.start;
        for e in self.pending.drain(..) {
            let start = match e.decoded {
                None => e.end - e.len,
                Some(_) => cursor.min(e.end),
            };
            let raw = start..e.end;
            cursor = e.end;
            // Contiguous exact pieces are one.
            let in_run = self.out.pieces.len() as u32 > first;
            if e.decoded.is_none()
                && in_run
                && let Some(last) = self.out.pieces.last_mut()
                && last.decoded.is_none()
                && last.raw.end == raw.start
            {
                last.raw.end = raw.end;
                continue;
            }
            self.out.pieces.push(Piece { raw, decoded: e.decoded });
        }
        let pieces = first..self.out.pieces.len() as u32;
        if !pieces.is_empty() {
            self.out.tokens.push(Token { kind: Kind::Text { pieces }, span });
        }
    }

    /// A string the tokenizer emitted, ending at source offset `end`.
    fn emitted(&mut self, s: &[u8], end: usize) {
        let exact = end >= s.len() && self.source.as_bytes().get(end - s.len()..end) == Some(s);
        if exact {
            if let Some(last) = self.pending.last_mut()
                && last.decoded.is_none()
                && last.end == end - s.len()
            {
                last.end = end;
                last.len += s.len();
                return;
            }
            self.pending.push(Emitted { end, len: s.len(), decoded: None });
            return;
        }
        let text = String::from_utf8_lossy(s);
        // `\r\n` is read as `\n`: the piece ends with the source's own bytes.
        if let Some(last) = self.pending.last_mut()
            && let Some(d) = &mut last.decoded
            && last.end == end
        {
            let mut joined = d.to_string();
            joined.push_str(&text);
            *d = joined.into();
            return;
        }
        self.pending.push(Emitted { end, len: s.len(), decoded: Some(text.into()) });
    }
}

/// The tokenizer's emitter: html5gum's callback emitter, with each emitted string seen
/// (and where the tokenizer stood) before the emitter folds them into one text event.
struct Pieces<'s, E> {
    inner: E,
    position: usize,
    sink: Rc<RefCell<Sink<'s>>>,
}

impl<E: Emitter> ForwardingEmitter for Pieces<'_, E> {
    type Token = E::Token;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn emit_string(&mut self, s: &[u8]) {
        self.sink.borrow_mut().emitted(s, self.position);
        self.inner.emit_string(s);
    }

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
        self.inner.move_position(offset);
    }

    /// Parse errors change nothing the reader does; not asking for them spares the
    /// tokenizer checking every character for them.
    fn should_emit_errors(&mut self) -> bool {
        false
    }
}

/// Tokenize `source`. Never fails: the tokenizer recovers from any input as a browser's
/// does (text in `script`, `style`, `title` and `textarea` is read as their raw text).
pub fn tokenize(source: &str) -> Tokens {
    let sink = Rc::new(RefCell::new(Sink {
        source,
        out: Tokens::default(),
        pending: Vec::new(),
        names: FxHashMap::default(),
        tag: None,
        attrs_start: 0,
        attr: None,
    }));
    let events = Rc::clone(&sink);
    let mut callback = CallbackEmitter::new(move |event: CallbackEvent<'_>, span: Span<usize>| {
        events.borrow_mut().event(event, span);
        None::<std::convert::Infallible>
    });
    callback.naively_switch_states(true);
    let emitter = Pieces { inner: callback, position: 0, sink: Rc::clone(&sink) };
    // Reading a `&str` cannot fail.
    let _ = Tokenizer::new_with_emitter(source, emitter).finish();
    let mut sink = sink.borrow_mut();
    if !sink.pending.is_empty() {
        let end = sink.pending.last().map_or(source.len(), |e| e.end);
        let start = sink.pending.first().map_or(end, |e| e.end - e.len);
        sink.flush_text(start..end);
    }
    std::mem::take(&mut sink.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(source: &str, t: &Tokens) -> Vec<(String, String)> {
        t.tokens
            .iter()
            .flat_map(|tok| t.pieces(tok))
            .map(|p| {
                let raw = source[p.raw.clone()].to_owned();
                (raw.clone(), p.decoded.as_deref().map_or(raw, str::to_owned))
            })
            .collect()
    }

    #[test]
    fn character_references_are_pieces_of_their_own() {
        let src = "<p class=x>A &amp; B&#8220;q&notit; z</P>";
        let t = tokenize(src);
        let pieces = text_of(src, &t);
        assert_eq!(
            pieces,
            [
                ("A ".into(), "A ".into()),
                ("&amp;".into(), "&".into()),
                (" B".into(), " B".into()),
                ("&#8220;".into(), "“".into()),
                ("q".into(), "q".into()),
                ("&not".into(), "¬".into()),
                ("it; z".into(), "it; z".into()),
            ]
        );
        assert!(matches!(t.tokens.last().unwrap().kind, Kind::End { tag: Tag::P }));
    }

    #[test]
    fn attributes_keep_their_decoded_value_and_source_span() {
        let src = "<A HREF=\"#_ftn1\" name=_ftnref1 style='mso-footnote-id: ftn1' data-x=1>";
        let t = tokenize(src);
        let tok = &t.tokens[0];
        assert!(matches!(tok.kind, Kind::Start { tag: Tag::A, .. }));
        let href = t.attr(tok, AttrName::Href).unwrap();
        assert_eq!(href.value, "#_ftn1");
        assert_eq!(&src[href.span.clone()], "#_ftn1");
        assert_eq!(t.attr(tok, AttrName::Name).unwrap().value, "_ftnref1");
        assert_eq!(t.attrs(tok).len(), 3);
        assert_eq!(tok.span, 0..src.len());
    }

    #[test]
    fn crlf_maps_the_text_after_it_to_its_own_bytes() {
        let src = "<p>x\r\ny</p>";
        let t = tokenize(src);
        for (raw, rendered) in text_of(src, &t) {
            assert!(raw.ends_with(&rendered) || (raw == "\r" && rendered == "\n"), "{raw:?} {rendered:?}");
        }
    }

    #[test]
    fn comments_and_raw_text_elements() {
        let src = "<!-- citelint-disable x --><script>a<b</script><title>T &lt;</title>";
        let t = tokenize(src);
        assert!(matches!(t.tokens[0].kind, Kind::Comment));
        assert_eq!(&src[t.tokens[0].span.clone()], "<!-- citelint-disable x -->");
        let texts = text_of(src, &t);
        assert_eq!(texts[0].1, "a<b");
        assert_eq!(texts.last().unwrap().1, "<");
    }
}
