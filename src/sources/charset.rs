//! Decoding bodies: the byte-order mark, then the `Content-Type` charset, then (HTML) a
//! `<meta charset>` in the first 1024 bytes found by the WHATWG prescan, then detection
//! (valid UTF-8, else chardetng with the URL's top-level domain as a hint).

use encoding_rs::{Encoding, UTF_8};

use super::model::{Charset, CharsetOrigin};

pub(crate) struct Decoded {
    pub text: String,
    pub charset: Charset,
}

/// Decode an HTML body.
pub(crate) fn decode_html(body: &[u8], content_type: Option<&str>, url: &str) -> Decoded {
    decode(body, content_type, url, true)
}

/// Decode a plain-text body (no `<meta>` to consult).
pub(crate) fn decode_text(body: &[u8], content_type: Option<&str>) -> Decoded {
    decode(body, content_type, "", false)
}

fn decode(body: &[u8], content_type: Option<&str>, url: &str, html: bool) -> Decoded {
    let (encoding, origin, bom_len) = choose(body, content_type, url, html);
    let (text, _had_errors) = encoding.decode_without_bom_handling(&body[bom_len..]);
    Decoded { text: text.into_owned(), charset: Charset { name: encoding.name().to_owned(), origin } }
}

fn choose(
    body: &[u8],
    content_type: Option<&str>,
    url: &str,
    html: bool,
) -> (&'static Encoding, CharsetOrigin, usize) {
    if let Some((enc, len)) = Encoding::for_bom(body) {
        return (enc, CharsetOrigin::Bom, len);
    }
    if let Some(enc) = content_type.and_then(header_charset) {
        return (enc, CharsetOrigin::Header, 0);
    }
    if html && let Some(enc) = prescan(&body[..body.len().min(1024)]) {
        // A page cannot declare itself UTF-16 in ASCII-compatible bytes (WHATWG).
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE { UTF_8 } else { enc };
        let enc = if enc == encoding_rs::X_USER_DEFINED { encoding_rs::WINDOWS_1252 } else { enc };
        return (enc, CharsetOrigin::Meta, 0);
    }
    (detect(body, url), CharsetOrigin::Detected, 0)
}

/// `text/html; charset="ISO-8859-1"` → windows-1252.
fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| Encoding::for_label(value.trim().trim_matches(['"', '\'']).as_bytes()))?
    })
}

fn detect(body: &[u8], url: &str) -> &'static Encoding {
    if std::str::from_utf8(body).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&body[..body.len().min(64 * 1024)], true);
    detector.guess(tld(url).as_deref().map(str::as_bytes), chardetng::Utf8Detection::Allow)
}

/// The URL's top-level domain as chardetng wants it: lower-case ASCII letters, digits and
/// hyphens only (it asserts as much).
fn tld(url: &str) -> Option<String> {
    let host = url::Url::parse(url).ok()?.host_str()?.to_owned();
    let last = host.trim_end_matches('.').rsplit('.').next()?.to_ascii_lowercase();
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')).then_some(last)
}

/// The WHATWG prescan: the first `<meta charset>` or `<meta http-equiv=content-type
/// content="…charset=…">`, skipping comments and other tags' attributes.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let mut i = 0;
    while i < head.len() {
        let rest = &head[i..];
        if rest.starts_with(b"<!--") {
            i += memchr::memmem::find(&rest[4..], b"-->").map_or(head.len(), |p| p + 7);
        } else if rest.len() > 5 && rest[..5].eq_ignore_ascii_case(b"<meta") && is_space_or_slash(rest[5]) {
            let (attrs, end) = attributes(head, i + 5);
            if let Some(enc) = meta_charset(&attrs) {
                return Some(enc);
            }
            i = end;
        } else if rest.len() > 1
            && (rest[1].is_ascii_alphabetic() || (rest[1] == b'/' && rest.len() > 2))
            && rest[0] == b'<'
        {
            let name_end = rest.iter().position(|&b| is_space_or_slash(b) || b == b'>').unwrap_or(rest.len());
            i = attributes(head, i + name_end.max(2)).1;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") || rest.starts_with(b"<?") {
            i += memchr::memchr(b'>', rest).map_or(head.len(), |p| p + 1);
        } else {
            i += 1;
        }
    }
    None
}

fn is_space_or_slash(b: u8) -> bool {
    b.is_ascii_whitespace() || b == b'/'
}

/// A lower-cased attribute name and its value.
type Attribute = (Vec<u8>, Vec<u8>);

/// A tag's attributes from `i` to its `>`: lower-cased names with their values, and the
/// position after the tag.
fn attributes(b: &[u8], mut i: usize) -> (Vec<Attribute>, usize) {
    let mut out = Vec::new();
    loop {
        while i < b.len() && is_space_or_slash(b[i]) {
            i += 1;
        }
        if i >= b.len() || b[i] == b'>' {
            return (out, i + 1);
        }
        let start = i;
        while i < b.len() && !is_space_or_slash(b[i]) && b[i] != b'>' && (b[i] != b'=' || i == start) {
            i += 1;
        }
        let name = b[start..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = Vec::new();
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let quote = b[i];
                let end = memchr::memchr(quote, &b[i + 1..]).map_or(b.len(), |p| i + 1 + p);
                value = b[i + 1..end].to_vec();
                i = end + 1;
            } else {
                let start = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = b[start..i].to_vec();
            }
        }
        out.push((name, value));
    }
}

fn meta_charset(attrs: &[Attribute]) -> Option<&'static Encoding> {
    let get = |n: &[u8]| attrs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_slice());
    if let Some(label) = get(b"charset") {
        return Encoding::for_label(label.trim_ascii());
    }
    let is_content_type =
        get(b"http-equiv").is_some_and(|v| v.trim_ascii().eq_ignore_ascii_case(b"content-type"));
    let content = get(b"content").filter(|_| is_content_type)?;
    let lower = content.to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"charset")? + 7;
    let rest = content[at..].trim_ascii_start().strip_prefix(b"=")?.trim_ascii_start();
    let label: Vec<u8> = rest
        .iter()
        .copied()
        .skip_while(|&b| b == b'"' || b == b'\'')
        .take_while(|&b| !b.is_ascii_whitespace() && b != b';' && b != b'"' && b != b'\'')
        .collect();
    Encoding::for_label(&label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chosen(body: &[u8], ct: Option<&str>) -> (String, CharsetOrigin) {
        let d = decode_html(body, ct, "https://example.de/x");
        (d.charset.name, d.charset.origin)
    }

    #[test]
    fn bom_beats_header_and_meta() {
        let body = b"\xEF\xBB\xBF<meta charset=latin1><p>\xC3\xA9";
        assert_eq!(chosen(body, Some("text/html; charset=koi8-r")), ("UTF-8".into(), CharsetOrigin::Bom));
        assert_eq!(decode_html(body, None, "").text, "<meta charset=latin1><p>é");
    }

    #[test]
    fn header_beats_meta() {
        let body = b"<meta charset=utf-8><p>\xE9";
        assert_eq!(
            chosen(body, Some("text/html; charset=\"ISO-8859-1\"")),
            ("windows-1252".into(), CharsetOrigin::Header)
        );
    }

    #[test]
    fn meta_charset_and_http_equiv_are_found_but_not_inside_comments() {
        assert_eq!(chosen(b"<!-- <meta charset=koi8-r> --><meta charset='latin1'>", None).0, "windows-1252");
        let equiv =
            b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">";
        assert_eq!(chosen(equiv, None), ("Shift_JIS".into(), CharsetOrigin::Meta));
        assert_eq!(chosen(b"<meta charset=utf-16>", None).0, "UTF-8");
    }

    #[test]
    fn a_charset_word_in_another_attribute_is_not_a_declaration() {
        let body = b"<div title=\"<meta charset=koi8-r>\"></div><p>plain";
        assert_eq!(chosen(body, None), ("UTF-8".into(), CharsetOrigin::Detected));
    }

    #[test]
    fn undeclared_latin1_is_detected() {
        let body = "<p>Die Straße führt über den Fluß, schön und grün, für alle Bürger.</p>".as_bytes();
        let latin1: Vec<u8> =
            encoding_rs::WINDOWS_1252.encode(std::str::from_utf8(body).unwrap()).0.into_owned();
        let d = decode_html(&latin1, None, "https://www.example.de/");
        assert_eq!(d.charset.origin, CharsetOrigin::Detected);
        assert!(d.text.contains("Straße führt über"), "{}", d.text);
    }

    #[test]
    fn odd_hosts_give_no_tld_hint_rather_than_a_panic() {
        assert_eq!(tld("https://EXAMPLE.DE./"), Some("de".into()));
        assert_eq!(tld("not a url"), None);
        assert_eq!(tld("https://[::1]/"), None);
        assert_eq!(tld("https://例え.テスト/"), Some("xn--zckzah".into()));
    }
}
