//! The markers of the note styles beyond GFM's, recognised where they start in the
//! Markdown source: `[n]`, Pandoc's escaped `\[n\]`, `<sup>n</sup>` (with brackets or a
//! link inside), Pandoc's `^n^`, and superscript digits `¹²`.
//!
//! The source is read as written, with the regions the parser found not to be prose
//! skipped: code, HTML comments, link destinations, the inside of HTML tags.

use crate::document::Span;
use crate::document::readers::text::notes::{MAX_LABEL_DIGITS, superscript_digit, superscript_number};

/// A note style beyond GFM's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) enum Style {
    /// `[4]`
    Bracket,
    /// `\[4\]`, as Pandoc writes a typed `[4]`.
    Escaped,
    /// `<sup>4</sup>`, `<sup>[4]</sup>`, `<sup><a href="#n4">4</a></sup>`.
    Sup,
    /// `^4^` (Pandoc's superscript).
    Caret,
    /// `⁴`
    Superscript,
}

/// A marker of one of those styles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Marker {
    pub style: Style,
    /// The whole marker.
    pub span: Span,
    /// Each label with its own span: the whole marker when it holds one label, else the
    /// label's digits (with their brackets, when each has its own).
    pub labels: Vec<(String, Span)>,
    /// A raised bare number (no brackets, no link), which may be an exponent instead.
    pub bare: bool,
}

/// What a link starting at some `[` is, as the parser saw it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LinkKind {
    /// `[4](#note-4)`: a link to an anchor in the document, a citation when its text is
    /// a number.
    Anchor,
    /// Any other link: `[4]` with a definition `[4]: https://…`, `[x](https://…)`.
    Other,
}

/// The Markdown source with what the parser told us about it.
pub(super) struct Source<'a> {
    pub text: &'a str,
    /// Regions that are not prose (code, comments, link destinations), sorted, disjoint.
    pub skip: &'a [Span],
    /// Inline HTML tags (not comments), sorted.
    pub tags: &'a [Span],
    /// Where each link or image starts, and what it is, sorted.
    pub links: &'a [(usize, LinkKind)],
}

impl Source<'_> {
    /// Every marker in `block`, in order.
    pub fn markers_in(&self, block: &Span) -> Vec<Marker> {
        let bytes = self.text.as_bytes();
        let mut out = Vec::new();
        let mut skip = self.skip.partition_point(|s| s.end <= block.start);
        let mut i = block.start;
        while i < block.end {
            let Some(k) = bytes[i..block.end].iter().position(|&b| is_candidate(b)) else { break };
            i += k;
            while self.skip.get(skip).is_some_and(|s| s.end <= i) {
                skip += 1;
            }
            if let Some(s) = self.skip.get(skip).filter(|s| s.start <= i) {
                i = s.end;
                continue;
            }
            if let Some(tag) = self.tag_at(i) {
                match self.sup_at(i, block.end) {
                    Some(m) => {
                        i = m.span.end;
                        out.push(m);
                    }
                    None => i = tag.end,
                }
                continue;
            }
            match self.marker_at(i, block.end) {
                Some(m) => {
                    i = m.span.end;
                    out.push(m);
                }
                None => i += 1,
            }
        }
        out
    }

    /// The marker starting exactly at `at`, reading no further than `limit`.
    pub fn marker_at(&self, at: usize, limit: usize) -> Option<Marker> {
        let bytes = self.text.as_bytes();
        match *bytes.get(at)? {
            b'[' if !escaped(bytes, at) => match self.link_at(at) {
                Some(LinkKind::Other) => None,
                _ => bracket_group(self.text, at, limit, false),
            },
            // The parser's text for `\[` starts after the backslash, and so may a block.
            b'[' => bracket_group(self.text, at - 1, limit, true),
            // The `[` first: a long run of backslashes is walked back only once.
            b'\\' if bytes.get(at + 1) == Some(&b'[') && !escaped(bytes, at) => {
                bracket_group(self.text, at, limit, true)
            }
            b'<' => self.sup_at(at, limit),
            b'^' => caret(self.text, at, limit),
            0xC2 | 0xE2 => superscripts(self.text, at, limit),
            _ => None,
        }
    }

    fn link_at(&self, at: usize) -> Option<LinkKind> {
        let i = self.links.partition_point(|(start, _)| *start < at);
        self.links.get(i).filter(|(start, _)| *start == at).map(|(_, kind)| *kind)
    }

    /// The inline HTML tag starting at `at`.
    pub fn tag_at(&self, at: usize) -> Option<Span> {
        let i = self.tags.partition_point(|t| t.start < at);
        self.tags.get(i).filter(|t| t.start == at).cloned()
    }

    /// `<sup>…</sup>` at `at`, holding numbers (`1`, `1, 2`, `[1],[2]`, a link whose text
    /// is a number) or bracketed numbers among other text.
    fn sup_at(&self, at: usize, limit: usize) -> Option<Marker> {
        let open = self.tag_at(at)?;
        if !is_tag(&self.text[open.clone()], "sup") {
            return None;
        }
        let first = self.tags.partition_point(|t| t.start < open.end);
        let close = self.tags[first..]
            .iter()
            .take_while(|t| t.end <= limit && t.start - open.end <= MAX_SUP_LEN)
            .find(|t| is_tag(&self.text[(*t).clone()], "/sup"))?
            .clone();
        let inner = open.end..close.start;
        let inner_tags: Vec<&Span> =
            self.tags[first..].iter().take_while(|t| t.start < close.start).collect();
        let linked = inner_tags.iter().any(|t| is_tag(&self.text[(*t).clone()], "a"));
        let span = at..close.end;
        // The content, tags aside: numbers, brackets, commas and spaces only?
        let mut labels = Vec::new();
        let mut bracketed = false;
        let mut plain = true;
        for piece in gaps(&inner, &inner_tags) {
            let s = &self.text[piece.clone()];
            let b = s.as_bytes();
            let mut k = 0;
            while k < b.len() {
                match b[k] {
                    b'0'..=b'9' => {
                        let len = b[k..].iter().take_while(|c| c.is_ascii_digit()).count();
                        let start = piece.start + k;
                        let wrapped = k > 0 && b[k - 1] == b'[' && b.get(k + len) == Some(&b']');
                        let own = if wrapped { start - 1..start + len + 1 } else { start..start + len };
                        labels.push((s[k..k + len].to_owned(), own));
                        k += len;
                    }
                    b'[' | b']' => {
                        bracketed = true;
                        k += 1;
                    }
                    b',' | b' ' | b'\t' | b'\n' | b'\r' => k += 1,
                    _ => {
                        plain = false;
                        break;
                    }
                }
            }
        }
        if !plain {
            // Other text: the bracketed numbers in it (`\[interact\]([11])`).
            labels.clear();
            let mut i = inner.start;
            while let Some(k) = self.text[i..inner.end].find('[') {
                let at = i + k;
                match bracket_group(self.text, at, inner.end, false)
                    .filter(|_| !escaped(self.text.as_bytes(), at))
                {
                    Some(m) => {
                        labels.extend(m.labels.into_iter().map(|(l, _)| (l, m.span.clone())));
                        i = m.span.end;
                    }
                    None => i = at + 1,
                }
            }
            bracketed = true;
        }
        if labels.is_empty() || labels.iter().any(|(l, _)| l.len() > MAX_LABEL_DIGITS) {
            return None;
        }
        if labels.len() == 1 {
            labels[0].1 = span.clone();
        }
        Some(Marker { style: Style::Sup, span, labels, bare: !bracketed && !linked })
    }
}

/// The longest content of a `<sup>` read as a marker.
const MAX_SUP_LEN: usize = 200;

/// Bytes a marker may start with.
fn is_candidate(b: u8) -> bool {
    matches!(b, b'[' | b'\\' | b'<' | b'^' | 0xC2 | 0xE2)
}

/// Whether the byte at `at` is escaped by an odd run of backslashes before it.
pub(super) fn escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at].iter().rev().take_while(|&&b| b == b'\\').count() % 2 == 1
}

/// Whether `tag` (`<sup>`, `</sup >`, `<sup class="x">`) is the tag `name`.
fn is_tag(tag: &str, name: &str) -> bool {
    let Some(rest) = tag.strip_prefix('<') else { return false };
    rest.get(..name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name))
        && rest[name.len()..].starts_with(|c: char| c == '>' || c == '/' || c.is_ascii_whitespace())
}

/// The parts of `inner` between `tags`.
fn gaps(inner: &Span, tags: &[&Span]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = inner.start;
    for t in tags {
        if t.start > at {
            out.push(at..t.start);
        }
        at = at.max(t.end);
    }
    if at < inner.end {
        out.push(at..inner.end);
    }
    out
}

/// `[3]`, `[3, 4]` (or, `escaped`, `\[3\]`, `\[3, 4\]`) at `at`.
fn bracket_group(text: &str, at: usize, limit: usize, escaped: bool) -> Option<Marker> {
    let bytes = &text.as_bytes()[..limit];
    let open = if escaped { 2 } else { 1 };
    let mut i = at + open;
    let mut labels = Vec::new();
    loop {
        let len = bytes.get(i..)?.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 || len > MAX_LABEL_DIGITS {
            return None;
        }
        labels.push((text[i..i + len].to_owned(), i..i + len));
        i += len;
        match bytes.get(i)? {
            b',' => {
                i += 1;
                while bytes.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            b'\\' if escaped && bytes.get(i + 1) == Some(&b']') => {
                i += 2;
                break;
            }
            b']' if !escaped => {
                i += 1;
                break;
            }
            _ => return None,
        }
    }
    let span = at..i;
    if labels.len() == 1 {
        labels[0].1 = span.clone();
    }
    let style = if escaped { Style::Escaped } else { Style::Bracket };
    Some(Marker { style, span, labels, bare: false })
}

/// `^4^` or `^3,4^` at `at` (not `^[…]`, Pandoc's inline note, nor `^^`).
fn caret(text: &str, at: usize, limit: usize) -> Option<Marker> {
    let bytes = &text.as_bytes()[..limit];
    if at > 0 && bytes[at - 1] == b'^' {
        return None;
    }
    let mut i = at + 1;
    let mut labels = Vec::new();
    loop {
        let len = bytes.get(i..)?.iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 || len > MAX_LABEL_DIGITS {
            return None;
        }
        labels.push((text[i..i + len].to_owned(), i..i + len));
        i += len;
        match bytes.get(i)? {
            b',' => i += 1,
            b'^' => break,
            _ => return None,
        }
    }
    let span = at..i + 1;
    if labels.len() == 1 {
        labels[0].1 = span.clone();
    }
    Some(Marker { style: Style::Caret, span, labels, bare: true })
}

/// `¹²` or `¹,²` at `at` (not inside a longer run of superscript digits, nor inside a
/// word, nor the tail of UTF-8 read as Latin-1 or Windows-1252: `Ã³` is a garbled `ó`,
/// `Å³` a `ų`, `â€³` a `″` — the bytes before a `²`, `³` or `¹` in such text read as
/// Latin-1 letters and signs, of which only `»` and the no-break space may stand before
/// a note).
fn superscripts(text: &str, at: usize, limit: usize) -> Option<Marker> {
    let s = &text[..limit];
    let garbled = |c: char| ('\u{80}'..='\u{ff}').contains(&c) && !matches!(c, '»' | '\u{a0}');
    if s[..at].chars().next_back().is_some_and(|c| superscript_digit(c).is_some() || garbled(c)) {
        return None;
    }
    let mut i = at;
    let mut labels = Vec::new();
    loop {
        let (label, len) = superscript_number(&s[i..])?;
        labels.push((label, i..i + len));
        i += len;
        let Some(sep) = s[i..].chars().next().filter(|c| matches!(c, ',' | '˒')) else { break };
        if superscript_number(&s[i + sep.len_utf8()..]).is_none() {
            break;
        }
        i += sep.len_utf8();
    }
    if s[i..].chars().next().is_some_and(|c| c.is_alphanumeric() || c == '_') {
        return None;
    }
    let span = at..i;
    if labels.len() == 1 {
        labels[0].1 = span.clone();
    }
    Some(Marker { style: Style::Superscript, span, labels, bare: true })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source<'a>(text: &'a str, tags: &'a [Span]) -> Source<'a> {
        Source { text, skip: &[], tags, links: &[] }
    }

    fn tags(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(k) = text[i..].find('<') {
            let end = i + k + text[i + k..].find('>').unwrap() + 1;
            out.push(i + k..end);
            i = end;
        }
        out
    }

    fn found(text: &str) -> Vec<(Style, Vec<String>, &str)> {
        let tags = tags(text);
        source(text, &tags)
            .markers_in(&(0..text.len()))
            .into_iter()
            .map(|m| (m.style, m.labels.into_iter().map(|(l, _)| l).collect(), &text[m.span]))
            .collect()
    }

    #[test]
    fn each_style_is_recognised_with_its_labels() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            found("a.[1] b.\\[2\\] c.<sup>3</sup> d.^4^ e.⁵ f.[6, 7] g.<sup>[8],[9]</sup> h.¹,² i.^1,2^"),
            [
                (Style::Bracket, v(&["1"]), "[1]"),
                (Style::Escaped, v(&["2"]), "\\[2\\]"),
                (Style::Sup, v(&["3"]), "<sup>3</sup>"),
                (Style::Caret, v(&["4"]), "^4^"),
                (Style::Superscript, v(&["5"]), "⁵"),
                (Style::Bracket, v(&["6", "7"]), "[6, 7]"),
                (Style::Sup, v(&["8", "9"]), "<sup>[8],[9]</sup>"),
                (Style::Superscript, v(&["1", "2"]), "¹,²"),
                (Style::Caret, v(&["1", "2"]), "^1,2^"),
            ]
        );
    }

    #[test]
    fn a_linked_sup_is_no_bare_number_and_other_text_in_a_sup_is_no_marker() {
        let text = "a<sup><a href=\"#fn1\">1</a></sup> b<sup>th</sup> c<sup>\\[x\\]([12])</sup>";
        let tags = tags(text);
        let found = source(text, &tags).markers_in(&(0..text.len()));
        assert_eq!(found.len(), 2);
        assert!(!found[0].bare);
        assert_eq!(found[0].labels[0].0, "1");
        assert_eq!(found[1].labels[0].0, "12");
    }

    #[test]
    fn escaped_brackets_carets_and_long_numbers_are_no_markers() {
        assert!(found("x\\[1] y[1234567] z^^2^ w^[note] ²³⁴⁵⁶⁷⁸ SzecessziÃ³ KÃ³s a¹b LietuviÅ³ â\u{80}³Kyiv à¤²_ café³").is_empty());
        // An escaped backslash leaves the bracket a bracket.
        assert_eq!(found("\\\\[1]")[0].0, Style::Bracket);
    }

    #[test]
    fn each_label_of_a_group_has_its_own_span() {
        let text = "said.<sup>[1],[2]</sup>";
        let tags = tags(text);
        let m = &source(text, &tags).markers_in(&(0..text.len()))[0];
        let spans: Vec<_> = m.labels.iter().map(|(_, s)| &text[s.clone()]).collect();
        assert_eq!(spans, ["[1]", "[2]"]);
    }
}
