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
use super::{Fetched, Limits, charset};

pub(crate) fn extract(f: &Fetched, _limits: &Limits) -> Extraction {
    let decoded = charset::decode_html(f.body, f.content_type, f.url);
    let doc = Html::parse_document(&decoded.text);
    let mut out = Extraction::new(SourceKind::Html);
    out.charset = Some(decoded.charset);
    meta::collect(&doc, f.url, &mut out);
    let main = main_text::extract(&doc);
    out.unverifiable = walls::judge(&doc, &main, f.url);
    out.text = main.text;
    out
}

const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// The element at `node`, when it is an HTML element (not SVG or MathML).
fn html_element(node: NodeRef<'_, Node>) -> Option<ElementRef<'_>> {
    ElementRef::wrap(node).filter(|e| &*e.value().name.ns == XHTML)
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
