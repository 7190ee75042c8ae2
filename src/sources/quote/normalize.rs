//! The one normalisation both a source and a quotation go through before they are
//! compared: word tokens, lower-cased, compatibility-decomposed (so `é` typed as one
//! character or two, and a PDF's `ﬁ` ligature, compare equal; diacritics stay), with
//! soft hyphens and zero-width characters dropped and words hyphenated across a line
//! break (`recon-\nstruction`) joined. Punctuation, quotation marks, dashes and
//! whitespace of any kind only separate words, so curly and straight quotes, NBSP and
//! line breaks never matter.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// A word of a text: its folded form and its byte span in the text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct RawToken {
    pub word: String,
    pub start: usize,
    pub end: usize,
    /// Where a line-break hyphen was removed (byte offset into `word`), 0 when none:
    /// `well-\nknown` is one token `wellknown` split at 4, so both "well-known" and
    /// "wellknown" can match it.
    pub split: usize,
}

/// First private-use character: quotation parsing stands these in for bracketed
/// insertions so they stay attached to the word they are part of (`produce[d]`).
pub(crate) const PLACEHOLDER_BASE: u32 = 0xE000;

pub(crate) fn is_placeholder(c: char) -> bool {
    (PLACEHOLDER_BASE..PLACEHOLDER_BASE + 0x1000).contains(&(c as u32))
}

/// Split `text` into folded word tokens. With `placeholders`, private-use characters
/// count as word characters (and are kept unfolded).
pub(crate) fn tokenize(text: &str, placeholders: bool, mut emit: impl FnMut(RawToken)) {
    let mut word = String::new();
    let (mut start, mut end, mut split) = (0, 0, 0);
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let next = i + c.len_utf8();
        if is_word_char(c) || (placeholders && is_placeholder(c)) {
            if word.is_empty() {
                start = i;
            }
            fold_into(c, &mut word);
            end = next;
            i = next;
            continue;
        }
        if is_hyphen(c)
            && word.chars().last().is_some_and(char::is_alphabetic)
            && let Some(resume) = line_break_continuation(text, next)
        {
            split = word.len();
            i = resume;
            continue;
        }
        if !is_invisible(c) && !word.is_empty() {
            emit(RawToken { word: std::mem::take(&mut word), start, end, split });
            split = 0;
        }
        i = next;
    }
    if !word.is_empty() {
        emit(RawToken { word, start, end, split });
    }
}

/// After a hyphen at `at`: when only whitespace including a line break follows, then a
/// lower-case letter, the position of that letter.
fn line_break_continuation(text: &str, at: usize) -> Option<usize> {
    let rest = &text[at..];
    let ws_len = rest.find(|c: char| !c.is_whitespace())?;
    let ws = &rest[..ws_len];
    let next = rest[ws_len..].chars().next()?;
    (ws.contains(['\n', '\r']) && next.is_lowercase()).then_some(at + ws_len)
}

/// Fold one word character into `out`: compatibility decomposition, then lower case.
pub(crate) fn fold_into(c: char, out: &mut String) {
    if is_placeholder(c) || c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    decompose_compatible(c, |d| {
        if is_word_char(d) {
            out.extend(d.to_lowercase());
        }
    });
}

/// Fold a string that is all word characters (a part of a bracketed word pattern).
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().filter(|&c| is_word_char(c)) {
        fold_into(c, &mut out);
    }
    out
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Hyphens that may end a line inside a word (not the dashes used as punctuation).
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}')
}

/// Characters that neither belong to a word nor separate words.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(text, false, |t| out.push(t.word));
        out
    }

    #[test]
    fn case_quotes_dashes_and_spaces_only_separate_words() {
        assert_eq!(words("“Mine\u{a0}Action”—in 2010"), ["mine", "action", "in", "2010"]);
        assert_eq!(words("‘mine action’ - in 2010"), words("\"Mine action\" – in  2010"));
    }

    #[test]
    fn soft_hyphens_and_zero_width_characters_do_not_split_words() {
        assert_eq!(words("recon\u{AD}struction of\u{200B}fices"), ["reconstruction", "offices"]);
    }

    #[test]
    fn a_word_hyphenated_across_a_line_break_is_joined_and_remembers_where() {
        let mut toks = Vec::new();
        tokenize("the recon-\n  struction plan", false, |t| toks.push(t));
        assert_eq!(toks[1].word, "reconstruction");
        assert_eq!(toks[1].split, 5);
        assert_eq!(&"the recon-\n  struction plan"[toks[1].start..toks[1].end], "recon-\n  struction");
        assert_eq!(words("Armenia-\nAzerbaijan"), ["armenia", "azerbaijan"]);
    }

    #[test]
    fn composed_and_decomposed_accents_and_ligatures_compare_equal() {
        assert_eq!(words("Erlk\u{f6}nig ﬁnal"), words("Erlko\u{308}nig final"));
        assert_ne!(words("resume"), words("résumé"));
    }

    #[test]
    fn spans_point_at_the_original_bytes() {
        let text = "  «Ça va»";
        let mut toks = Vec::new();
        tokenize(text, false, |t| toks.push(t));
        assert_eq!(&text[toks[0].start..toks[0].end], "Ça");
        assert_eq!(&text[toks[1].start..toks[1].end], "va");
    }
}
