//! Source extraction: a fetched body (HTML, PDF, plain text) turned into evidence — its
//! main text, the titles, dates, authors and language it declares — and the matchers that
//! compare a footnote with that evidence ([`find_quote`], [`title_similarity`]).
//!
//! Bodies are hostile input: [`extract`] never panics, refuses bodies over
//! [`Limits::max_body_bytes`], runs the HTML and PDF parsers on a worker thread under a
//! time limit,
//! and says why a text cannot be trusted ([`Unverifiable`]) instead of returning a text
//! that would make a check fail for the wrong reason.

mod cache;
mod charset;
pub mod claims;
mod dates;
mod guard;
mod html;
mod language;
mod model;
mod pdf;
mod quote;
pub mod reader;
mod title;
pub mod verify;

use std::time::Duration;

pub use cache::{Reading, ReadingCache};
pub use dates::{Precision, SourceDate, parse_date};
pub use guard::MAX_ABANDONED;
pub use model::{
    Candidate, Charset, CharsetOrigin, DateCandidate, Extraction, Language, LanguageOrigin, Origin,
    SourceKind, Unverifiable,
};
pub use quote::{NormalizedText, QuoteMatch, find_quote};
pub use title::{is_placeholder_title, title_similarity};

/// Why a source cannot be checked, in words for a finding.
pub fn describe_unverifiable(why: &Unverifiable) -> String {
    match why {
        Unverifiable::ScriptRendered => {
            "the page's text is written by scripts, and its HTML holds almost none of it".into()
        }
        Unverifiable::ConsentOrPaywall => {
            "a consent wall or a paywall stands where the text should be".into()
        }
        Unverifiable::NoTextLayer => "the PDF has no text layer (its pages are images)".into(),
        Unverifiable::UnsupportedType(t) => format!("it is neither HTML, PDF nor text ({t})"),
        Unverifiable::Malformed(reason) => format!("it could not be read: {reason}"),
        Unverifiable::TooLarge => "it is larger than the size limit ([sources] max-body)".into(),
        Unverifiable::TimedOut => "reading it took longer than the time limit".into(),
        Unverifiable::Empty => "it holds no text".into(),
    }
}

/// The language of a text (ISO 639-1 code where there is one), when it can be told.
pub fn detect_language(text: &str) -> Option<String> {
    language::detect(text).map(|l| l.code)
}

/// A fetched body and what the server said about it.
#[derive(Clone, Copy, Debug)]
pub struct Fetched<'a> {
    /// The final URL (after redirects); its path and host help sniffing and charset
    /// detection.
    pub url: &'a str,
    /// The `Content-Type` header, parameters included (`text/html; charset=utf-8`).
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

/// Bounds on what one extraction may cost.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Limits {
    /// Bodies larger than this are not parsed ([`Unverifiable::TooLarge`]).
    pub max_body_bytes: usize,
    /// Wall-clock time the HTML or PDF parser gets before its result is abandoned
    /// ([`Unverifiable::TimedOut`]).
    pub time_limit: Duration,
    /// Characters of main text kept; a longer text is cut at a paragraph boundary.
    pub max_text_chars: usize,
    /// Bytes a PDF's compressed (Flate) streams other than images may inflate to, in
    /// all; a PDF over it is [`Unverifiable::TooLarge`] (a compression bomb would
    /// otherwise exhaust memory).
    pub max_pdf_inflated_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 10 * 1024 * 1024,
            time_limit: Duration::from_secs(5),
            max_text_chars: 4_000_000,
            max_pdf_inflated_bytes: 256 * 1024 * 1024,
        }
    }
}

/// Turn a fetched body into text and metadata. Never panics; an unreadable body gives an
/// [`Extraction`] whose [`Extraction::unverifiable`] says why.
pub fn extract(f: &Fetched, limits: &Limits) -> Extraction {
    let kind = sniff(f);
    if f.body.len() > limits.max_body_bytes {
        return Extraction::unreadable(kind.unwrap_or(SourceKind::Text), Unverifiable::TooLarge);
    }
    let mut out = match kind {
        Ok(SourceKind::Html) => html::extract(f, limits),
        Ok(SourceKind::Pdf) => pdf::extract(f.body, limits),
        Ok(SourceKind::Text) => plain_text(f),
        Err(unsupported) => return Extraction::unreadable(SourceKind::Text, unsupported),
    };
    truncate_text(&mut out.text, limits.max_text_chars);
    if out.unverifiable.is_none() && out.text.trim().is_empty() {
        out.unverifiable = Some(Unverifiable::Empty);
    }
    if out.language.is_none() {
        out.language = language::detect(&out.text);
    }
    out
}

/// Which extractor reads the body: the declared type, corrected by what the bytes say
/// (servers label PDFs `text/html` or `application/octet-stream`).
fn sniff(f: &Fetched) -> Result<SourceKind, Unverifiable> {
    let head = &f.body[..f.body.len().min(1024)];
    let mime = f
        .content_type
        .map(|ct| ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase())
        .unwrap_or_default();
    // A PDF opens with its header (readers accept junk before it within the first KiB);
    // an HTML page merely mentioning "%PDF-" is not one.
    let opens_as_pdf = head.trim_ascii_start().starts_with(b"%PDF-");
    let labelled_html = matches!(mime.as_str(), "text/html" | "application/xhtml+xml");
    if opens_as_pdf || (!labelled_html && memchr::memmem::find(head, b"%PDF-").is_some()) {
        return Ok(SourceKind::Pdf);
    }
    match mime.as_str() {
        "text/html" | "application/xhtml+xml" => return Ok(SourceKind::Html),
        "application/pdf" | "application/x-pdf" => return Ok(SourceKind::Pdf),
        "text/plain" => return Ok(SourceKind::Text),
        "" | "application/octet-stream" | "binary/octet-stream" | "text/xml" | "application/xml" => {}
        other if other.starts_with("text/") => {}
        other => return Err(Unverifiable::UnsupportedType(other.to_owned())),
    }
    if looks_like_html(head) {
        return Ok(SourceKind::Html);
    }
    if head.contains(&0) && !head.starts_with(&[0xFF, 0xFE]) && !head.starts_with(&[0xFE, 0xFF]) {
        let what = if mime.is_empty() { "binary data".to_owned() } else { mime };
        return Err(Unverifiable::UnsupportedType(what));
    }
    Ok(SourceKind::Text)
}

/// Whether the first bytes open an HTML document (after a BOM and whitespace; a leading
/// comment or XML declaration counts when an `<html` tag follows).
fn looks_like_html(head: &[u8]) -> bool {
    let head = head.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(head.len());
    let lower = head[start..].to_ascii_lowercase();
    let opens = |p: &str| lower.starts_with(p.as_bytes());
    if ["<!doctype html", "<html", "<head", "<body", "<meta", "<title"].iter().any(|p| opens(p)) {
        return true;
    }
    (opens("<!--") || opens("<?xml")) && memchr::memmem::find(&lower, b"<html").is_some()
}

fn plain_text(f: &Fetched) -> Extraction {
    let decoded = charset::decode_text(f.body, f.content_type);
    let mut out = Extraction::new(SourceKind::Text);
    out.text = decoded.text;
    out.charset = Some(decoded.charset);
    out
}

/// Cut `text` to at most `max` characters, at the last paragraph break before the limit
/// when there is one.
fn truncate_text(text: &mut String, max: usize) {
    let Some((cut, _)) = text.char_indices().nth(max) else { return };
    let at = text[..cut].rfind("\n\n").unwrap_or(cut);
    text.truncate(at);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetched<'a>(ct: Option<&'a str>, body: &'a [u8]) -> Fetched<'a> {
        Fetched { url: "https://example.org/a", content_type: ct, body }
    }

    #[test]
    fn pdf_bytes_win_over_an_html_label() {
        assert_eq!(sniff(&fetched(Some("text/html"), b"%PDF-1.4\n...")), Ok(SourceKind::Pdf));
    }

    #[test]
    fn an_html_page_mentioning_a_pdf_header_stays_html() {
        assert_eq!(
            sniff(&fetched(Some("text/html"), b"<p>Files start with %PDF-1.7</p>")),
            Ok(SourceKind::Html)
        );
    }

    #[test]
    fn unlabelled_markup_is_html_and_unlabelled_prose_is_text() {
        assert_eq!(sniff(&fetched(None, b"  <!DOCTYPE html><p>x")), Ok(SourceKind::Html));
        assert_eq!(sniff(&fetched(None, b"Plain words.")), Ok(SourceKind::Text));
    }

    #[test]
    fn images_are_unsupported() {
        assert_eq!(
            sniff(&fetched(Some("image/png"), b"\x89PNG")),
            Err(Unverifiable::UnsupportedType("image/png".into()))
        );
    }

    #[test]
    fn a_body_over_the_limit_is_not_parsed() {
        let limits = Limits { max_body_bytes: 4, ..Limits::default() };
        let out = extract(&fetched(Some("text/plain"), b"12345"), &limits);
        assert_eq!(out.unverifiable, Some(Unverifiable::TooLarge));
        assert!(out.text.is_empty());
    }

    #[test]
    fn long_text_is_cut_at_a_paragraph_break() {
        let mut t = "aaaa\n\nbbbb\n\ncccc".to_owned();
        truncate_text(&mut t, 12);
        assert_eq!(t, "aaaa\n\nbbbb");
    }

    #[test]
    fn an_empty_text_body_is_flagged() {
        let out = extract(&fetched(Some("text/plain"), b"  \n "), &Limits::default());
        assert_eq!(out.unverifiable, Some(Unverifiable::Empty));
    }
}
