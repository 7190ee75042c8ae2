//! Sentence boundaries, shared by both parsers: which sentence a citation belongs to.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use super::Span;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Col", "Gen", "Lt", "Maj", "Capt", "Sgt", "Prof", "Rev", "St", "No", "Nos",
    "pp", "p", "para", "paras", "vol", "Vol", "ed", "eds", "etc", "e.g", "i.e", "vs", "cf", "al", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.N", "Inc", "Ltd",
    "Co", "Corp", "Art", "Sr", "Jr", "Amb", "Gov", "Sen", "Rep", "Hon", "approx", "ca", "op", "cit", "Ibid",
    "Id",
];

/// The span of the sentence around `at` within `block` (a paragraph's span).
///
/// A sentence ends after `.`, `!` or `?` (and any closing quotes, brackets and citation
/// markers that follow) when white space and then an upper-case letter, a digit or an
/// opening quote come next. A citation marker sitting right after the end punctuation
/// belongs to the sentence it follows.
pub fn sentence_around(text: &str, block: &Span, at: usize) -> Span {
    sentence_at(text, block, &boundaries(text, block), at)
}

/// Like [`sentence_around`], with the block's [`boundaries`] computed once by the caller
/// (a block with many citations must not be rescanned for each).
pub fn sentence_at(text: &str, block: &Span, bounds: &[usize], at: usize) -> Span {
    let i = bounds.partition_point(|&end| end <= at);
    let start = if i == 0 { block.start } else { bounds[i - 1] };
    let end = bounds.get(i).copied().unwrap_or(block.end);
    trim(text, start..end)
}

/// Every sentence end inside `block`, in order (byte offsets just past the sentence).
pub fn boundaries(text: &str, block: &Span) -> Vec<usize> {
    let s = &text[block.clone()];
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        // Only `.`, `!` and `?` can end a sentence: jump to the next one.
        let Some(k) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]) else { break };
        i += k;
        let c = bytes[i];
        if c == b'.' || c == b'!' || c == b'?' {
            if c == b'.' && is_abbreviation(s, i) {
                i += 1;
                continue;
            }
            // Swallow closing punctuation, quotes and attached citation markers.
            let mut j = i + 1;
            loop {
                let rest = &s[j..];
                if let Some(ch) = rest.chars().next() {
                    if matches!(ch, '"' | '\'' | ')' | '”' | '’' | '»' | '.' | '!' | '?') {
                        j += ch.len_utf8();
                        continue;
                    }
                    if matches!(
                        ch,
                        '[' | '\\' | '<' | '^' | '\u{b9}' | '\u{b2}' | '\u{b3}' | '\u{2070}'..='\u{2079}'
                    ) && let Some(len) = marker_len(rest)
                    {
                        j += len;
                        continue;
                    }
                }
                break;
            }
            let rest = &s[j..];
            let after_ws = rest.trim_start();
            if rest.len() != after_ws.len() || after_ws.is_empty() {
                let next = after_ws.chars().next();
                if next.is_none_or(|n| {
                    n.is_uppercase() || n.is_ascii_digit() || matches!(n, '“' | '"' | '‘' | '(' | '[')
                }) {
                    out.push(block.start + j);
                }
            }
            i = j.max(i + 1);
            continue;
        }
        i += 1;
    }
    out
}

/// The length of the citation marker opening `rest`, if one does: `[4]`, `[^x]`,
/// `[3, 4]`, and the Markdown forms `\[4\]`, `<sup>4</sup>`, `^4^` and `⁴`.
fn marker_len(rest: &str) -> Option<usize> {
    // Markers are short: look for their end only within a small window, so a paragraph
    // of `.[` does not rescan to its end at every dot.
    let window = &rest[..rest.floor_char_boundary(MAX_MARKER + 8)];
    let b = rest.as_bytes();
    match b[0] {
        b'[' | b'\\' => {
            let escaped = b[0] == b'\\';
            if escaped && b.get(1) != Some(&b'[') {
                return None;
            }
            let (open, close) = if escaped { (2, 2) } else { (1, 1) };
            // The `]` (a char search: a string searcher costs more to set up than this
            // whole look takes).
            let bracket = window.find(']')?;
            let end = if escaped { bracket.checked_sub(1).filter(|&e| b[e] == b'\\')? } else { bracket };
            if end < open {
                return None;
            }
            let inner = &rest[open..end];
            let fits = !inner.is_empty()
                && inner.len() <= MAX_MARKER
                && ((b[0] == b'[' && inner.starts_with('^'))
                    || inner.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b' '));
            fits.then_some(end + close)
        }
        b'<' => {
            let open = window.get(..5)?;
            if !open.eq_ignore_ascii_case("<sup>") && !open.eq_ignore_ascii_case("<sup ") {
                return None;
            }
            let window = &rest[..rest.floor_char_boundary(MAX_SUP)];
            let end = window.to_ascii_lowercase().find("</sup>")?;
            Some(end + "</sup>".len())
        }
        b'^' => {
            let digits = b[1..].iter().take_while(|c| c.is_ascii_digit() || **c == b',').count();
            (digits > 0 && b.get(1 + digits) == Some(&b'^')).then_some(digits + 2)
        }
        _ => {
            let len: usize = rest
                .chars()
                .take_while(|c| matches!(c, '\u{b9}' | '\u{b2}' | '\u{b3}' | '\u{2070}'..='\u{2079}'))
                .map(char::len_utf8)
                .sum();
            (len > 0).then_some(len)
        }
    }
}

fn is_abbreviation(s: &str, dot: usize) -> bool {
    // Abbreviations are short: look back a few bytes only, so a paragraph of dots
    // without spaces stays linear.
    let from = s.ceil_char_boundary(dot.saturating_sub(MAX_ABBREVIATION));
    let before = &s[from..dot];
    let Some(word_start) = before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .map(|p| p + before[p..].chars().next().map_or(1, char::len_utf8))
        .or((from == 0).then_some(0))
    else {
        // The word runs past the window: too long to be an abbreviation.
        return false;
    };
    let word = &before[word_start..];
    // Single capital initials ("J. Smith") do not end sentences.
    if word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    // A set, not a scan of the list: this is asked at every period of every paragraph.
    static SET: LazyLock<FxHashSet<&str>> = LazyLock::new(|| ABBREVIATIONS.iter().copied().collect());
    SET.contains(word)
}

/// The longest label inside a citation marker that ends a sentence.
const MAX_MARKER: usize = 40;
/// The longest `<sup>…</sup>` that ends a sentence.
const MAX_SUP: usize = 200;
/// Longer than any entry of [`ABBREVIATIONS`]; a longer word is no abbreviation.
const MAX_ABBREVIATION: usize = 12;

fn trim(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return span.start..span.start;
    }
    span.start + lead..span.end - trail
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str, needle: &str) -> String {
        let at = text.find(needle).unwrap();
        text[sentence_around(text, &(0..text.len()), at)].to_owned()
    }

    #[test]
    fn citation_after_period_belongs_to_the_sentence_before() {
        let t = "It stated so.[1] Then it left.[2]";
        assert_eq!(sentence(t, "[1]"), "It stated so.[1]");
        assert_eq!(sentence(t, "[2]"), "Then it left.[2]");
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        let t = "Interview with Col. J. Adoyan in Yerevan. Next one.";
        assert_eq!(sentence(t, "Yerevan"), "Interview with Col. J. Adoyan in Yerevan.");
    }

    #[test]
    fn long_runs_of_dots_and_markers_split_in_linear_time() {
        // Quadratic scanning would take minutes here; linear takes milliseconds.
        for unit in [".[", "a.", "x. ", ".[1]"] {
            let text = unit.repeat(200_000);
            let bounds = boundaries(&text, &(0..text.len()));
            assert!(bounds.windows(2).all(|w| w[0] < w[1]));
        }
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        let t = "It said “no.”[3] Later, yes.";
        assert_eq!(sentence(t, "no"), "It said “no.”[3]");
    }

    #[test]
    fn markdown_markers_after_a_period_belong_to_the_sentence_before() {
        for marker in
            ["\\[3\\]", "<sup>3</sup>", "<sup><a href=\"#n3\">3</a></sup>", "^3^", "³", "<sup>[3],[4]</sup>"]
        {
            let t = format!("It stated so.{marker} Then it left.");
            assert_eq!(sentence(&t, "It"), format!("It stated so.{marker}"), "{marker}");
        }
    }
}
