//! Markdown with GFM footnotes. (Being written: see the markdown parser task.)

use super::{Document, Format};

pub fn parse(text: &str) -> Document<'_> {
    Document::new(text, Format::Markdown, Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new())
}
