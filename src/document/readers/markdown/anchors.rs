//! Anchors in Markdown's inline HTML: the `<a name="n4">`, `<a id="n4">` or
//! `<span id="n4">` opening a note, and the links in the body that point to them
//! (`<sup><a href="#n4">4</a></sup>`), which give a note without a visible number its
//! number.

use rustc_hash::FxHashMap;

use super::markers::Source;
use crate::document::Span;

/// Anchors opening a block (`<a name="n1"></a>`, `<a id="n1">`, `<span id="n1"></span>`):
/// where the text after them starts, and each anchor's span and id.
pub(super) fn skip_anchors(src: &Source, start: usize, end: usize) -> (usize, Vec<(Span, String)>) {
    let mut pos = start;
    let mut anchors = Vec::new();
    while pos < end {
        let Some(tag) = src.tag_at(pos) else { break };
        let t = &src.text[tag.clone()];
        let id = attribute(t, "id").or_else(|| attribute(t, "name"));
        let closing = t.starts_with("</");
        if id.is_none() && !closing {
            break;
        }
        if let Some(id) = id {
            anchors.push((tag.clone(), id.to_owned()));
        }
        pos = tag.end;
        pos += src.text[pos..end].len() - src.text[pos..end].trim_start().len();
    }
    (pos, anchors)
}

/// The labels body links give the anchors they point to: `<sup><a href="#n4">4</a></sup>`
/// and `[4](#n4)` make `n4` note 4.
pub(super) fn anchor_targets(src: &Source) -> FxHashMap<String, String> {
    let mut out = FxHashMap::default();
    for (i, tag) in src.tags.iter().enumerate() {
        let t = &src.text[tag.clone()];
        let Some(href) = attribute(t, "href").and_then(|h| h.strip_prefix('#')) else { continue };
        let Some(close) = src.tags.get(i + 1) else { continue };
        let inner = src.text[tag.end..close.start.max(tag.end)].trim();
        let inner = inner.trim_start_matches('[').trim_end_matches(']');
        if !inner.is_empty() && inner.len() <= 6 && inner.bytes().all(|b| b.is_ascii_digit()) {
            out.entry(href.to_owned()).or_insert_with(|| inner.to_owned());
        }
    }
    out
}

/// The value of attribute `name` in an HTML tag, quoted or not.
fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower[from..].find(name) {
        let at = from + k;
        from = at + name.len();
        let before = lower.as_bytes()[at.saturating_sub(1)];
        let rest = lower[from..].trim_start();
        if !(before.is_ascii_whitespace() && rest.starts_with('=')) {
            continue;
        }
        let value_at = tag.len() - rest[1..].trim_start().len();
        let value = &tag[value_at..];
        return match value.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => value[1..].find(q as char).map(|e| &value[1..1 + e]),
            _ => Some(value.split(|c: char| c.is_ascii_whitespace() || c == '>').next().unwrap_or("")),
        };
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read_quoted_or_not_in_any_case() {
        assert_eq!(attribute("<a name=\"n1\">", "name"), Some("n1"));
        assert_eq!(attribute("<A ID='n2' class=x>", "id"), Some("n2"));
        assert_eq!(attribute("<span id=n3>", "id"), Some("n3"));
        assert_eq!(attribute("<a href=\"#n4\">", "id"), None);
        assert_eq!(attribute("<a data-id=\"n5\">", "id"), None);
    }
}
