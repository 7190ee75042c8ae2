//! Authors across notes: two notes that cite one source (the same URL, or the same
//! quoted title) and spell its author differently (`Jon Smith` / `John Smith`, `Human
//! Right Watch` / `Human Rights Watch`). Beside the same source, even a short word one
//! letter apart is a misspelling: the general comparison, which cannot know that two
//! mentions are one person, needs more.

use std::collections::{HashMap, HashSet};

use crate::document::names::fold;
use crate::document::{Document, Span};
use crate::strings::{edit_distance, normalize_whitespace};

/// One source cited in a note: the part of the note between semicolons that names it.
struct Cited {
    note: usize,
    /// The author: what the part writes before the title (or the URL).
    author: Span,
    /// The URL or the quoted title, normalised: the same for two citations of one source.
    key: String,
}

/// A word of an author that differs between two citations of one source.
pub(super) struct AuthorVariant {
    /// The word in the later note.
    pub word: Span,
    /// The word in the earlier note.
    pub other: Span,
    /// The earlier note (index into `Document::footnotes`).
    pub other_note: usize,
    pub note: usize,
    /// Both authors, as written.
    pub author: Span,
    pub other_author: Span,
}

/// Every author written two ways for one source, once per pair of notes and word.
///
/// Most documents cite each source in one note: every part of every note is first keyed
/// by a hash of its URL or title, read without a copy, and only parts whose keys collide
/// are read further.
pub(super) fn author_variants(doc: &Document) -> Vec<AuthorVariant> {
    let mut keyed: Vec<(u64, usize, Span)> = Vec::new();
    for (note, f) in doc.footnotes.iter().enumerate() {
        let mut start = f.text_span.start;
        for part in doc.text[f.text_span.clone()].split(';') {
            let span = start..start + part.len();
            start = span.end + 1;
            if let Some(hash) = key_hash(part) {
                keyed.push((hash, note, span));
            }
        }
    }
    if keyed.len() < 2 {
        return Vec::new();
    }
    keyed.sort_unstable_by_key(|k| (k.0, k.2.start));
    let mut by_source: HashMap<String, Vec<Cited>> = HashMap::new();
    for same in keyed.chunk_by(|a, b| a.0 == b.0).filter(|c| c.len() > 1) {
        for (_, note, span) in same {
            if let Some(cited) = citation(doc.text, span, *note) {
                by_source.entry(cited.key.clone()).or_default().push(cited);
            }
        }
    }
    let mut out = Vec::new();
    let mut seen: HashSet<(Span, Span)> = HashSet::new();
    let mut sources: Vec<&Vec<Cited>> = by_source.values().filter(|c| c.len() > 1).collect();
    sources.sort_by_key(|c| c[0].author.start);
    for cited in sources {
        // Each later citation against the first that writes the author otherwise.
        for (i, later) in cited.iter().enumerate() {
            for earlier in &cited[..i] {
                if earlier.note == later.note {
                    continue;
                }
                let Some(pairs) = differing_words(doc.text, &earlier.author, &later.author) else { continue };
                for (other, word) in pairs {
                    if seen.insert((other.clone(), word.clone())) {
                        out.push(AuthorVariant {
                            word,
                            other,
                            other_note: earlier.note,
                            note: later.note,
                            author: later.author.clone(),
                            other_author: earlier.author.clone(),
                        });
                    }
                }
                break;
            }
        }
    }
    out.sort_by_key(|v| v.word.start);
    out
}

/// A hash of what [`source_key`] would key a part by, computed without a copy: equal
/// keys have equal hashes.
fn key_hash(part: &str) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    if let Some(at) = find_url(part) {
        let url = &part[at..];
        let end = url.find(char::is_whitespace).unwrap_or(url.len());
        b'u'.hash(&mut h);
        url[..end].trim_end_matches(['.', ',', ')', ']', '>']).hash(&mut h);
        return Some(h.finish());
    }
    let (open, len) = find_quote(part, '“')?;
    let body = &part[open + len..];
    let title = body[..find_quote(body, '”')?.0].trim_end_matches([',', '.', ' ', '\u{a0}', '\n']);
    let mut words = 0;
    b't'.hash(&mut h);
    for w in title.split_whitespace() {
        words += 1;
        for c in w.chars().flat_map(char::to_lowercase) {
            c.hash(&mut h);
        }
        ' '.hash(&mut h);
    }
    (words >= 3).then(|| h.finish())
}

/// Where the first URL of a part starts (`http://` or `https://`), found with a
/// substring searcher built once: a search per part of every note is most of this
/// check's cost.
fn find_url(part: &str) -> Option<usize> {
    static HTTP: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"http"));
    let bytes = part.as_bytes();
    let mut from = 0;
    while let Some(at) = HTTP.find(&bytes[from..]).map(|i| from + i) {
        let rest = &bytes[at + 4..];
        if rest.starts_with(b"://") || rest.starts_with(b"s://") {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// Where the first quotation mark of a part is — ASCII `"`, or `curly` (`“` to open,
/// `”` to close) — and its length in bytes.
fn find_quote(part: &str, curly: char) -> Option<(usize, usize)> {
    let bytes = part.as_bytes();
    let mut buf = [0; 4];
    let curly = curly.encode_utf8(&mut buf).as_bytes();
    let mut from = 0;
    while let Some(at) = memchr::memchr2(b'"', curly[0], &bytes[from..]).map(|i| from + i) {
        if bytes[at] == b'"' {
            return Some((at, 1));
        }
        if bytes[at..].starts_with(curly) {
            return Some((at, curly.len()));
        }
        from = at + 1;
    }
    None
}

/// The source a part of a note cites, with its author, if it has both.
fn citation(text: &str, span: &Span, note: usize) -> Option<Cited> {
    let part = &text[span.clone()];
    let (key, at) = source_key(part)?;
    let head = &part[..at];
    let trimmed = head.trim_end_matches([' ', ',', '\u{a0}', '\n']);
    let lead = trimmed.len() - trimmed.trim_start().len();
    let author = span.start + lead..span.start + trimmed.len();
    plausible_author(&text[author.clone()]).then_some(Cited { note, author, key })
}

/// The URL of a part, or else its quoted title, normalised, with where the title (or
/// the URL) starts in the part.
fn source_key(part: &str) -> Option<(String, usize)> {
    let title = find_quote(part, '“').and_then(|(open, len)| {
        let body = &part[open + len..];
        let close = find_quote(body, '”')?.0;
        let title = normalize_whitespace(&body[..close]).trim_end_matches([',', '.', ' ']).to_lowercase();
        // A title of two words (`Annual report`) may be many sources'.
        (title.split_whitespace().count() >= 3).then_some((title, open))
    });
    let url = find_url(part).map(|at| {
        let url = &part[at..];
        let end = url.find(char::is_whitespace).unwrap_or(url.len());
        (url[..end].trim_end_matches(['.', ',', ')', ']', '>']).to_owned(), at)
    });
    match (url, title) {
        (Some((url, _)), Some((_, open))) => Some((format!("url {url}"), open)),
        (Some((url, at)), None) => Some((format!("url {url}"), at)),
        (None, Some((title, open))) => Some((format!("title {title}"), open)),
        (None, None) => None,
    }
}

/// Whether the text before a title looks like an author: a few capitalised words, no
/// digits, not an `Ibid.`.
fn plausible_author(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 8
        && s.chars().next().is_some_and(char::is_uppercase)
        && !s.chars().any(|c| c.is_ascii_digit())
        && !s.to_lowercase().starts_with("ibid")
}

/// The words of two authors that differ, as (earlier, later) spans, if the two are one
/// author written two ways: as many words, at least one the same, and every other pair
/// of words alike (diacritics, or one letter for a word of three or four letters, two
/// for a longer one, with the first letter kept). `None` when they are the same or simply different authors.
fn differing_words(text: &str, a: &Span, b: &Span) -> Option<Vec<(Span, Span)>> {
    let (wa, wb) = (words(text, a), words(text, b));
    if wa.len() != wb.len() {
        return None;
    }
    let mut differ = Vec::new();
    let mut same = 0;
    for (x, y) in wa.into_iter().zip(wb) {
        let (sx, sy) = (&text[x.clone()], &text[y.clone()]);
        if sx.to_lowercase() == sy.to_lowercase() {
            same += 1;
            continue;
        }
        let (fx, fy) = (fold(&sx.to_lowercase()), fold(&sy.to_lowercase()));
        let alike = fx == fy || {
            let first = |s: &str| s.chars().next();
            let n = fx.chars().count().min(fy.chars().count());
            let allowed = if n >= 5 { 2 } else { 1 };
            n >= 3 && first(&fx) == first(&fy) && edit_distance(&fx, &fy) <= allowed
        };
        if !alike {
            return None;
        }
        differ.push((x, y));
    }
    (!differ.is_empty() && (same > 0 || differ.len() == 1)).then_some(differ)
}

/// The words of an author (letters, hyphens and apostrophes), as spans.
fn words(text: &str, span: &Span) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text[span.clone()].char_indices() {
        let at = span.start + i;
        if c.is_alphabetic() || c == '-' || c == '\'' || c == '’' {
            start.get_or_insert(at);
        } else if let Some(s) = start.take() {
            out.push(s..at);
        }
    }
    if let Some(s) = start {
        out.push(s..span.end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn found(text: &str) -> Vec<(&str, &str)> {
        let doc = Document::parse(text, Format::Text);
        author_variants(&doc).iter().map(|v| (&text[v.word.clone()], &text[v.other.clone()])).collect()
    }

    #[test]
    fn one_source_with_its_author_written_two_ways_is_found() {
        let t = "T\n\nA.[1] B.[2]\n\n[1] John Smith, “Mines in the north,” Reuters, 2 May 2021.\n\n\
                 [2] Jon Smith, “Mines in the north,” Reuters, 2 May 2021.\n";
        assert_eq!(found(t), [("Jon", "John")]);
        let t = "T\n\nA.[1] B.[2]\n\n[1] Human Rights Watch, https://hrw.org/x.\n\n\
                 [2] Human Right Watch, https://hrw.org/x.\n";
        assert_eq!(found(t), [("Right", "Rights")]);
    }

    #[test]
    fn other_sources_other_authors_and_short_forms_are_not() {
        let t = "T\n\nA.[1] B.[2] C.[3]\n\n[1] John Smith, “Mines in the north,” 2021.\n\n\
                 [2] Jane Doe, “Mines in the north,” 2021.\n\n[3] HRW, “Mines in the north,” 2021.\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
        let t = "T\n\nA.[1] B.[2]\n\n[1] John Smith, “Mines in the north,” 2021.\n\n\
                 [2] Jon Smith, “Clearance in the south,” 2021.\n";
        assert!(found(t).is_empty(), "{:?}", found(t));
    }
}
