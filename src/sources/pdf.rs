//! PDF sources: lopdf parses the file, pdf-extract walks its pages' content streams into
//! our [`sink::TextSink`], and [`meta`] reads the Info dictionary and the XMP packet.
//!
//! PDFs are untrusted and their parsers are not hardened: the work runs under
//! [`super::guard`] (a worker thread, `catch_unwind`, [`Limits::time_limit`]), streams
//! are checked for compression bombs before anything is inflated, and the text sink
//! stops itself at the deadline.

mod meta;
mod sink;

use std::time::Instant;

use super::Limits;
use super::guard;
use super::model::{Extraction, SourceKind, Unverifiable};

pub(crate) fn extract(body: &[u8], limits: &Limits) -> Extraction {
    let bytes = body.to_vec();
    let (max_chars, max_inflated) = (limits.max_text_chars, limits.max_pdf_inflated_bytes as u64);
    guard::run(limits.time_limit, move |deadline| read(&bytes, deadline, max_chars, max_inflated))
        .unwrap_or_else(|why| Extraction::unreadable(SourceKind::Pdf, why))
}

/// Parse and extract, on the worker thread.
fn read(bytes: &[u8], deadline: Instant, max_chars: usize, max_inflated: u64) -> Extraction {
    let late = || Instant::now() >= deadline;
    if late() {
        return Extraction::unreadable(SourceKind::Pdf, Unverifiable::TimedOut);
    }
    let doc = match lopdf::Document::load_mem(bytes) {
        Ok(doc) => doc,
        Err(e) => return Extraction::unreadable(SourceKind::Pdf, Unverifiable::Malformed(e.to_string())),
    };
    if doc.is_encrypted() {
        let why = Unverifiable::Malformed("encrypted: a password is needed to read it".into());
        return Extraction::unreadable(SourceKind::Pdf, why);
    }
    if !inflates_within(&doc, max_inflated) {
        return Extraction::unreadable(SourceKind::Pdf, Unverifiable::TooLarge);
    }
    if late() {
        return Extraction::unreadable(SourceKind::Pdf, Unverifiable::TimedOut);
    }
    let mut out = Extraction::new(SourceKind::Pdf);
    meta::collect(&doc, &mut out);
    let mut text = sink::TextSink::new(deadline, max_chars);
    let result = pdf_extract::output_doc(&doc, &mut text);
    let timed_out = text.timed_out() || late();
    out.text = text.finish();
    let words = out.text.split_whitespace().filter(|w| w.chars().any(char::is_alphanumeric)).count();
    out.unverifiable = if timed_out {
        Some(Unverifiable::TimedOut)
    } else if let Err(e) = result {
        Some(Unverifiable::Malformed(format!("text extraction stopped: {e:?}")))
    } else if words < 3 * doc.get_pages().len().max(1) && has_images(&doc) {
        Some(Unverifiable::NoTextLayer)
    } else {
        None
    };
    out
}

/// Whether the Flate streams the text extraction may decode (all but images, which it
/// never decodes) inflate to at most `budget` bytes together. Counted with a bounded
/// decoder into a sink, so a compression bomb costs time up to the budget, not memory.
/// (Object streams are inflated by lopdf while loading, before this check.)
fn inflates_within(doc: &lopdf::Document, budget: u64) -> bool {
    use std::io::Read;
    let mut total = 0u64;
    for stream in doc.objects.values().filter_map(|o| o.as_stream().ok()) {
        if stream.dict.get(b"Subtype").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Image") {
            continue;
        }
        let flate = stream.filters().ok().and_then(|f| f.first().copied()) == Some(b"FlateDecode".as_slice());
        if !flate {
            total += stream.content.len() as u64;
        } else {
            let mut decoder = flate2::read::ZlibDecoder::new(&stream.content[..]).take(budget - total + 1);
            total += std::io::copy(&mut decoder, &mut std::io::sink()).unwrap_or(0);
        }
        if total > budget {
            return false;
        }
    }
    true
}

/// Whether the file holds an image XObject.
fn has_images(doc: &lopdf::Document) -> bool {
    doc.objects.values().any(|o| {
        o.as_stream().is_ok_and(|s| {
            s.dict.get(b"Subtype").and_then(lopdf::Object::as_name).is_ok_and(|n| n == b"Image")
        })
    })
}

#[cfg(test)]
mod tests;
