//! Readers: one per input format, each turning a file's text into a [`Document`].
//!
//! A reader's only job is the document's structure — blocks, citations, footnotes, the
//! regions that are not prose — as byte spans into the text. What is derived from that
//! structure (dates, names, URLs, "Ibid." targets) is computed by the document itself, so
//! a new format is a new reader and nothing else. Readers are total: any input yields a
//! document; odd structure becomes a finding, never an error.

pub mod markdown;
pub mod text;

use super::{Document, Format};

/// Read `text` with the reader of `format`.
pub fn read(text: &str, format: Format) -> Document<'_> {
    match format {
        Format::Text => text::parse(text),
        Format::Markdown => markdown::parse(text),
    }
}
