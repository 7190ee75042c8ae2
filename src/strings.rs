//! Small helpers over text that every layer uses: spans made safe to slice, white space
//! collapsed, and the edit distance behind "did you mean".
//!
//! Rounding a single offset to a char boundary is the standard library's
//! `str::floor_char_boundary` / `str::ceil_char_boundary`; these build on it.

use std::ops::Range;

/// `span` clamped to `text` and widened to char boundaries, so any span is safe to slice.
pub fn char_span(text: &str, span: Range<usize>) -> Range<usize> {
    let start = text.floor_char_boundary(span.start.min(text.len()));
    let end = text.ceil_char_boundary(span.end.clamp(start, text.len()));
    start..end
}

/// Runs of white space become one space; leading and trailing runs become one space too
/// rather than nothing, as they are meaningful around a flagged text (`x [4]` vs `x[4]`).
pub fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
        } else {
            out.push(c);
            in_space = false;
        }
    }
    out
}

/// The words of `s` joined by single spaces: white space trimmed and collapsed, as a text
/// is shown in a message or compared with what a user wrote.
pub fn normalize_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Levenshtein distance over characters, in O(n·m) time and O(m) space.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// The candidate closest to `word` when it is close enough to be a typo of it: at most
/// two edits, or a quarter of the candidate's length for long names.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|&(d, c)| d <= 2.max(c.chars().count() / 4))
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_span_widens_to_boundaries_and_clamps() {
        let text = "aՀb";
        // An empty span inside a character covers that character.
        assert_eq!(char_span(text, 2..2), 1..3);
        assert_eq!(char_span(text, 1..2), 1..3);
        assert_eq!(char_span(text, 3..99), 3..4);
        let (start, end) = (9, 2);
        assert_eq!(char_span(text, start..end), 4..4);
    }

    #[test]
    fn whitespace_is_collapsed_with_or_without_its_ends() {
        assert_eq!(collapse_whitespace("  a \n\t b "), " a b ");
        assert_eq!(normalize_whitespace("  a \n\t b "), "a b");
        assert_eq!(normalize_whitespace(""), "");
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("Հայ", "Հաy"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn closest_takes_near_names_only() {
        let names = ["missing-footnote", "unused-footnote", "footnote-order"];
        assert_eq!(closest("missing-fotnote", names), Some("missing-footnote"));
        assert_eq!(closest("footnote-ordr", names), Some("footnote-order"));
        assert_eq!(closest("completely-different", names), None);
    }
}
