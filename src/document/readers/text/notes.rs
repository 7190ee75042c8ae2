//! What a notes list and its markers look like, shared by the text and Markdown readers
//! and by `unrecognised-notes`: notes headings, numbered list markers, superscript digits,
//! and the places where a raised number is an exponent rather than a note.

/// The longest label we accept as a note or citation number (keeps `[12345678901234]`,
/// which is no footnote, out).
pub const MAX_LABEL_DIGITS: usize = 6;

/// The words a notes heading is made of (`Notes`, `Sources and notes`, `End notes`).
const NOTES_WORDS: &[&str] = &["notes", "endnotes", "references", "sources", "footnotes", "end", "foot"];

/// A heading line longer than this is prose, whatever its words.
const MAX_HEADING_LEN: usize = 60;

/// Whether `line` is a notes heading: Notes, Endnotes, References, Sources or Footnotes
/// (alone or joined by "and", "&" or a comma), in any case, bare or decorated as
/// headings and bold lines are: `## Notes`, `**References:**`, `NOTES`, and the
/// encyclopedia dumps' `***** References[edit] *****`.
pub fn is_notes_heading(line: &str) -> bool {
    // Every notes word starts with one of these letters: most headings are ruled out by
    // their first letter, before any trimming.
    let first = line.bytes().find(u8::is_ascii_alphabetic).map(|b| b.to_ascii_lowercase());
    if !matches!(first, Some(b'n' | b'e' | b'r' | b's' | b'f')) {
        return false;
    }
    let Some(inner) = heading_text(line) else { return false };
    let mut words = 0;
    let mut notes = false;
    for word in inner.split(|c: char| c.is_whitespace() || c == ',') {
        if word.is_empty() {
            continue;
        }
        words += 1;
        if word.eq_ignore_ascii_case("and") || word == "&" {
            continue;
        }
        let Some(known) = NOTES_WORDS.iter().find(|w| word.eq_ignore_ascii_case(w)) else { return false };
        notes |= *known != "end" && *known != "foot";
    }
    notes && words <= 5
}

/// The text of a line that may be a heading, without its decoration: leading `#`, `*`,
/// `_` and `=`, the same trailing, a trailing `[edit]` and `:`. `None` when the line is
/// too long to be a heading.
fn heading_text(line: &str) -> Option<&str> {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_HEADING_LEN {
        return None;
    }
    let decoration = |c: char| matches!(c, '#' | '*' | '_' | '=' | ' ' | '\t');
    let mut inner = line.trim_matches(decoration);
    inner = inner.strip_suffix(':').unwrap_or(inner).trim_end_matches(decoration);
    if let Some(rest) = inner.get(inner.len().saturating_sub(6)..)
        && rest.eq_ignore_ascii_case("[edit]")
    {
        inner = &inner[..inner.len() - 6];
    }
    let inner = inner.trim_end_matches(':').trim();
    (!inner.is_empty()).then_some(inner)
}

/// Whether `line` is set apart as a heading by decoration: `***** Further reading *****`,
/// `## Annex`, `**Annex**`. Such a line ends a notes list.
pub fn is_decorated_heading(line: &str) -> bool {
    let line = line.trim();
    let opens = line.starts_with('#') || line.starts_with("**") || line.starts_with("==");
    let closes = line.starts_with('#') || line.ends_with("**") || line.ends_with("==");
    opens
        && closes
        && line.len() <= MAX_HEADING_LEN
        && heading_text(line).is_some_and(|t| t.chars().any(char::is_alphabetic))
}

/// The sections that follow the notes in encyclopedia articles and reports, whose
/// heading ends a notes list even when written as a plain line.
const BACK_MATTER: &[&str] = &["see also", "further reading", "external links", "bibliography"];

/// Whether `line` ends a notes list: a decorated heading, or the plain heading of a
/// section that follows the notes (`Further reading`, `External links`).
pub fn ends_notes(line: &str) -> bool {
    let first = line.trim_start().bytes().next().map(|b| b.to_ascii_lowercase());
    match first {
        Some(b'#' | b'*' | b'=') => is_decorated_heading(line),
        Some(b's' | b'f' | b'e' | b'b') => {
            heading_text(line).is_some_and(|t| BACK_MATTER.iter().any(|b| t.eq_ignore_ascii_case(b)))
        }
        _ => false,
    }
}

/// A numbered list item's marker at the start of `line` (after up to three spaces of
/// indentation; a note's wrapped lines are indented further): `12.` or `12)` followed by
/// white space or the line's end. The label and the marker's range within `line`.
pub fn numbered_marker(line: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > MAX_LABEL_DIGITS {
        return None;
    }
    // The point, then white space or the line's end (an empty item).
    let after = &rest.as_bytes()[digits..];
    if !matches!(after.first(), Some(b'.' | b')')) || !after.get(1).is_none_or(u8::is_ascii_whitespace) {
        return None;
    }
    Some((&rest[..digits], indent..indent + digits + 1))
}

/// The digit a superscript character stands for (`¹` is 1, `⁰` is 0).
pub fn superscript_digit(c: char) -> Option<u8> {
    match c {
        '⁰' => Some(0),
        '¹' => Some(1),
        '²' => Some(2),
        '³' => Some(3),
        '⁴'..='⁹' => Some(c as u32 as u8 - 0x70),
        _ => None,
    }
}

/// A run of superscript digits at the start of `s`: the label (`¹²` is "12") and the
/// run's length in bytes.
pub fn superscript_number(s: &str) -> Option<(String, usize)> {
    let mut label = String::new();
    let mut len = 0;
    for c in s.chars() {
        let Some(d) = superscript_digit(c) else { break };
        label.push(char::from(b'0' + d));
        len += c.len_utf8();
    }
    (!label.is_empty() && label.len() <= MAX_LABEL_DIGITS).then_some((label, len))
}

/// Units and one-letter names a raised number follows as an exponent (`km²`, `m<sup>3</sup>`,
/// `x^2^`).
const UNITS: &[&str] = &["cm", "mm", "km", "nm", "dm", "ft", "in", "mi", "yd", "sq", "µm", "μm"];

/// Whether a raised number written right after `before` is an exponent, not a note: it
/// follows a number of up to three digits (`10²`; a year or a count, `in 1997¹`, may
/// carry a note), a number's exponent letter (`1E<sup>12</sup>`), a unit (`km²`) or a
/// one-letter name (`x²`, `m³`).
pub fn is_exponent_context(before: &str) -> bool {
    let digits = before.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let ahead = before[..before.len() - digits].chars().next_back();
        // `48,210¹` is a count.
        return digits <= 3 && ahead != Some(',');
    }
    let word_start =
        before.char_indices().rev().find(|(_, c)| !c.is_alphabetic()).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // `1E` (a number's exponent) or `x` (a name), but not the pronoun `I`.
    if word.chars().count() == 1 {
        return word != "I";
    }
    UNITS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_headings_are_recognised_bare_and_decorated() {
        for h in [
            "Notes",
            "NOTES",
            "## References",
            "**Sources:**",
            "***** References[edit] *****",
            "Endnotes",
            "End notes",
            "Notes and sources",
            "Footnotes:",
            "### Notes & References",
        ] {
            assert!(is_notes_heading(h), "{h}");
        }
        for h in ["Notes on the treaty", "Prior Art and References:", "notes.", "Reference", "", "End", "**"]
        {
            assert!(!is_notes_heading(h), "{h}");
        }
    }

    #[test]
    fn decorated_headings_are_set_apart_by_their_marks() {
        assert!(is_decorated_heading("***** Further reading[edit] *****"));
        assert!(is_decorated_heading("## Annex"));
        assert!(is_decorated_heading("**Annex**"));
        assert!(!is_decorated_heading("**Disclaimer:** *This article distills information.*"));
        assert!(!is_decorated_heading("Annex"));
        assert!(!is_decorated_heading("*****"));
    }

    #[test]
    fn back_matter_headings_end_a_notes_list_even_when_plain() {
        assert!(ends_notes("  Further reading"));
        assert!(ends_notes("***** External links[edit] *****"));
        assert!(!ends_notes("Further reading is advised."));
    }

    #[test]
    fn numbered_markers_need_a_space_after_the_point() {
        assert_eq!(numbered_marker("   1. ^Kalnay"), Some(("1", 3..5)));
        assert_eq!(numbered_marker("12) Letter"), Some(("12", 0..3)));
        assert_eq!(numbered_marker("1.5 million"), None);
        assert_eq!(numbered_marker("  58."), Some(("58", 2..5)));
        assert_eq!(numbered_marker("2019.5"), None);
        assert_eq!(numbered_marker("      2008. Retrieved"), None);
    }

    #[test]
    fn superscript_digits_read_as_a_number() {
        assert_eq!(superscript_number("¹²³ rest"), Some(("123".into(), 6)));
        assert_eq!(superscript_number("⁴⁵⁰"), Some(("450".into(), 9)));
        assert_eq!(superscript_number("x¹"), None);
    }

    #[test]
    fn exponents_follow_numbers_units_and_single_letters() {
        for before in ["10", "4.2 km", "(m", "1E", "14E", "x", "a+b"] {
            assert!(is_exponent_context(before), "{before}");
        }
        for before in ["treaty.", "in 1997", "Assembly", "mines", "“Title,”", "48,210", "I", ""] {
            assert!(!is_exponent_context(before), "{before}");
        }
    }
}
