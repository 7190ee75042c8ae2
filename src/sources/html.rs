//! HTML sources: decode (see [`super::charset`]), parse with html5ever (through
//! `scraper`), then read the metadata ([`meta`]), the main text ([`main_text`]) and
//! whether a script, a consent wall or a paywall stands in the text's place ([`walls`]).

mod jsonld;
mod main_text;
mod meta;
mod walls;

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use super::model::{Extraction, SourceKind};
use super::{Fetched, Limits, charset, guard};

/// Parse and read a page under [`guard`]: html5ever is total and safe, but its time grows
/// with the square of the nesting depth, and a hostile page can nest deeply.
pub(crate) fn extract(f: &Fetched, limits: &Limits) -> Extraction {
    let decoded = charset::decode_html(f.body, f.content_type, f.url);
    let charset = decoded.charset;
    let (text, url) = (decoded.text, f.url.to_owned());
    let mut out = guard::run(limits.time_limit, move |_| read(&text, &url))
        .unwrap_or_else(|why| Extraction::unreadable(SourceKind::Html, why));
    out.charset = Some(charset);
    out
}

fn read(html: &str, url: &str) -> Extraction {
    let doc = Html::parse_document(html);
    let mut out = Extraction::new(SourceKind::Html);
    meta::collect(&doc, url, &mut out);
    let main = main_text::extract(&doc);
    out.unverifiable = walls::judge(&doc, &main, url);
    out.text = main.text;
    out
}

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// The element at `node`, when it is an HTML element (not SVG or MathML).
fn html_element(node: NodeRef<'_, Node>) -> Option<ElementRef<'_>> {
    ElementRef::wrap(node).filter(|e| &*e.value().name.ns == XHTML)
}

/// The text of a small element (at most `max_nodes` nodes and `max_chars` bytes of text),
/// whitespace collapsed; `None` for a larger one. Reading a big element's text for each
/// of its nested elements would make a deeply nested page quadratic.
fn small_text(e: ElementRef<'_>, max_nodes: usize, max_chars: usize) -> Option<String> {
    let mut raw = String::new();
    for (seen, node) in e.descendants().enumerate() {
        if seen >= max_nodes || raw.len() > max_chars {
            return None;
        }
        if let Some(t) = node.value().as_text() {
            raw.push_str(t);
        }
    }
    Some(collapse_whitespace(&raw))
}

/// The text of an element with runs of whitespace collapsed to one space.
fn collapsed_text(e: ElementRef<'_>) -> String {
    collapse_whitespace(&e.text().collect::<String>())
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
