//! The HTML reader: Word's "Save as Web Page" and clipboard HTML, LibreOffice's export,
//! pandoc's and GitHub's rendered footnotes, `<sup><a href="#…">` note links, or typed
//! `[n]` markers with a typed notes list.
//!
//! The file is decoded (byte order mark, then `<meta charset>` or `http-equiv`, else
//! UTF-8), tokenized by html5gum (a WHATWG tokenizer), built into an element tree
//! ([`tree`]), its notes and citations found ([`notes`]), and rendered ([`render`]):
//! rules read the rendered text, and a [`SourceMap`](super::SourceMap) built while
//! rendering takes their findings back to the markup. HTML comments are the document's
//! comments, so `<!-- citelint-disable … -->` works as in Markdown.

mod notes;
mod render;
mod tokens;
mod tree;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use super::{ReadError, Rendering, View};
use crate::document::Format;

/// How far into the file a `<meta>` declaring its encoding is looked for. The standard's
/// prescan reads 1,024 bytes; Word's declaration comes after a long `<html>` tag.
const PRESCAN: usize = 4096;

/// Open an HTML file's bytes.
pub fn open(bytes: Vec<u8>) -> Result<View, ReadError> {
    let (source, bom) = decode(bytes)?;
    let rendering = render_source(&source, bom);
    Ok(View::rendered(source, Format::Html, rendering))
}

/// Render decoded HTML (the first `bom` bytes are a byte order mark, not content).
pub fn render_source(source: &str, bom: usize) -> Rendering {
    let tokens = tokens::tokenize(source);
    let tree = tree::Tree::build(&tokens);
    let notes = notes::analyse(source, &tokens, &tree);
    render::render(source, bom, &tokens, &tree, &notes)
}

/// The file's text and the length of a UTF-8 byte order mark it keeps (a UTF-16 file's is
/// decoded away).
fn decode(bytes: Vec<u8>) -> Result<(String, usize), ReadError> {
    let (encoding, bom) = match Encoding::for_bom(&bytes) {
        Some((encoding, len)) => (encoding, len),
        None => (declared(&bytes[..bytes.len().min(PRESCAN)]).unwrap_or(UTF_8), 0),
    };
    if encoding == UTF_8 {
        return match String::from_utf8(bytes) {
            Ok(text) => Ok((text, bom)),
            Err(e) => Err(super::utf8_error(e.as_bytes(), e.utf8_error())),
        };
    }
    let body = &bytes[bom..];
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(decoder.max_utf8_buffer_length(body.len()).unwrap_or(body.len()));
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok((out, 0)),
        _ => {
            let offset = bom + read;
            let line = memchr::memchr_iter(b'\n', &bytes[..offset.min(bytes.len())]).count() + 1;
            Err(ReadError::Decode { offset, line, encoding: encoding.name() })
        }
    }
}

/// The encoding a `<meta>` at the start of the file declares, as the standard's prescan
/// reads it (UTF-16 declared in a file read as bytes means UTF-8; `x-user-defined` means
/// windows-1252).
fn declared(prefix: &[u8]) -> Option<&'static Encoding> {
    let text = String::from_utf8_lossy(prefix);
    let found = tokens::tokenize(&text);
    for token in &found.tokens {
        let tokens::Kind::Start { tag: tokens::Tag::Meta, .. } = token.kind else { continue };
        let label = match found.attr(token, tokens::AttrName::Charset) {
            Some(charset) => Some(charset.value.clone()),
            None => {
                let http_equiv = found.attr(token, tokens::AttrName::HttpEquiv);
                let content = found.attr(token, tokens::AttrName::Content);
                match (http_equiv, content) {
                    (Some(h), Some(c)) if h.value.trim().eq_ignore_ascii_case("content-type") => {
                        charset_of_content(&c.value)
                    }
                    _ => None,
                }
            }
        };
        let Some(encoding) = label.and_then(|l| Encoding::for_label(l.trim().as_bytes())) else { continue };
        return Some(match encoding.name() {
            "UTF-16LE" | "UTF-16BE" => UTF_8,
            "x-user-defined" => WINDOWS_1252,
            _ => encoding,
        });
    }
    None
}

/// `text/html; charset=windows-1252` → `windows-1252`.
fn charset_of_content(content: &str) -> Option<String> {
    let lower = content.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split(|c: char| c == ';' || c.is_whitespace()).next()?,
    };
    (!value.is_empty()).then(|| value.to_owned())
}

#[cfg(test)]
mod tests;
