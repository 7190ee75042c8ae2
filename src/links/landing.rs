//! Does a redirect's landing page say the cited page is gone? The front page, a
//! "not found" address, or a page titled "not found" (a soft 404), read from at most a
//! small prefix of its body.

use std::sync::LazyLock;

use crate::strings::normalize_whitespace;
use regex::Regex;
use url::Url;

/// The most of a body ever read: enough for a page's `<title>`.
pub const MAX_PREFIX: usize = 64 * 1024;

/// A front page: no path beyond `/`, a language code (`/en/`, `/pt-br/`), an index or
/// home page (`/index.html`, `/home`), or a language code and then one of those
/// (`/en/index.html`), and no query.
pub fn is_front_page(url: &Url) -> bool {
    if url.query().is_some_and(|q| !q.is_empty()) {
        return false;
    }
    let segments: Vec<String> =
        url.path().split('/').filter(|s| !s.is_empty()).map(str::to_ascii_lowercase).collect();
    let is_language = |s: &str| {
        let b = s.as_bytes();
        (b.len() == 2 && b.iter().all(u8::is_ascii_lowercase))
            || (b.len() == 5 && b[2] == b'-' && b[..2].iter().chain(&b[3..]).all(u8::is_ascii_alphabetic))
    };
    let is_index = |s: &str| {
        s.starts_with("index.") || s.starts_with("default.") || s == "home" || s.starts_with("home.")
    };
    match segments.as_slice() {
        [] => true,
        [one] => is_index(one) || is_language(one),
        [language, page] => is_language(language) && is_index(page),
        _ => false,
    }
}

/// The landing URL itself says the page was not found.
pub(crate) fn says_not_found(url: &Url) -> bool {
    let tail = format!("{}?{}", url.path(), url.query().unwrap_or_default()).to_ascii_lowercase();
    tail.contains("404")
        || ["notfound", "not-found", "not_found", "pagenotfound"].iter().any(|w| tail.contains(w))
}

pub(crate) static NOT_FOUND_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(404|not found|page (cannot|can't|could not|couldn't) be found|(does not|doesn't|no longer) exists?|page (is )?(missing|unavailable|no longer available))\b",
    )
    .expect("the pattern is valid")
});

/// Read at most [`MAX_PREFIX`] bytes of the body, stopping early once `stop` (lower
/// case, non-empty) has been seen.
pub(crate) async fn read_prefix(mut response: reqwest::Response, stop: &[u8]) -> Vec<u8> {
    let mut prefix = Vec::new();
    while prefix.len() < MAX_PREFIX {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                prefix.extend_from_slice(&chunk[..chunk.len().min(MAX_PREFIX - prefix.len())]);
                if !stop.is_empty() && memchr::memmem::find(&prefix.to_ascii_lowercase(), stop).is_some() {
                    break;
                }
            }
            _ => break,
        }
    }
    prefix
}

/// Read the body up to `limit` bytes; whether there was more.
pub(crate) async fn read_page(mut response: reqwest::Response, limit: usize) -> (Vec<u8>, bool) {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = limit.saturating_sub(body.len());
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if chunk.len() > room {
                    return (body, true);
                }
            }
            _ => return (body, false),
        }
    }
}

/// The text of the first `<title>` element, white space collapsed.
pub fn title_of(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let title = normalize_whitespace(html.get(start..end)?);
    let title = title.replace("&amp;", "&").replace("&#39;", "'").replace("&quot;", "\"");
    (!title.is_empty()).then_some(title)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(s: &str) -> Url {
        Url::parse(s).unwrap()
    }

    #[test]
    fn front_pages_are_recognized() {
        for u in [
            "https://example.org/",
            "https://example.org/en/",
            "https://example.org/index.html",
            "http://x.org/fr-ca",
            "https://example.org/en/index.html",
            "https://example.org/pt-br/home",
        ] {
            assert!(is_front_page(&url(u)), "{u}");
        }
        for u in [
            "https://example.org/report.pdf",
            "https://example.org/?p=12",
            "https://example.org/en/news/",
            "https://example.org/news/index.html",
            "https://example.org/de/2019.html",
        ] {
            assert!(!is_front_page(&url(u)), "{u}");
        }
    }

    #[test]
    fn not_found_landings_are_recognized() {
        assert!(says_not_found(&url("https://example.org/errors/404.html")));
        assert!(says_not_found(&url("https://example.org/page-not-found")));
        assert!(!says_not_found(&url("https://example.org/news/2019/05/article")));
        assert!(NOT_FOUND_TITLE.is_match("Page not found – Example"));
        assert!(NOT_FOUND_TITLE.is_match("Error 404"));
        assert!(!NOT_FOUND_TITLE.is_match("Mine Ban Treaty: status of ratification"));
    }

    #[test]
    fn titles_are_read_from_a_prefix() {
        assert_eq!(title_of("<html><head><TITLE>\n Not   Found </TITLE>").as_deref(), Some("Not Found"));
        assert_eq!(title_of("<title>unterminated"), None);
        assert_eq!(title_of("<title>é</title>").as_deref(), Some("é"));
    }
}
