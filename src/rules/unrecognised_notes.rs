//! `unrecognised-notes`: citation-like markers or a notes heading in a document whose
//! note style was not recognised.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::readers::text::notes::{
    MAX_LABEL_DIGITS, is_exponent_context, is_notes_heading, superscript_digit,
};
use crate::document::{Document, Span};

declare_rule! {
    /// ## What it does
    /// Flags a document in which no citation and no footnote was recognised, but which
    /// shows the signs of notes: bracketed numbers (`[4]`, `\[4\]`) or raised numbers
    /// (`<sup>4</sup>`, `⁴`, `^4^`, `^4`), two or more of them, or a Notes, Endnotes,
    /// References, Sources or Footnotes heading. It is reported once, at the first sign,
    /// saying what was seen. Exponents (`10²`, `km²`, `x^2`) and markers in code are no
    /// signs.
    ///
    /// ## Why is this bad?
    /// citelint checks only the notes it recognises. A document whose notes are written
    /// in a form it does not read would otherwise pass with no finding at all — "0
    /// citations, 0 footnotes" — as if it had been checked.
    ///
    /// ## Example
    /// A plain-text profile (`.txt`) with raised numbers, which plain text does not read:
    /// ```text
    /// Veridia acceded to the treaty in 1997.⁴
    ///
    /// Notes
    ///
    /// ⁴ Statement of Veridia, 3 May 2020.
    /// ```
    /// Read it as Markdown (`--input-format markdown`, or name it `.md`), where raised
    /// numbers with a numbered notes list are a note style; or write the plain-text form:
    /// ```text
    /// Veridia acceded to the treaty in 1997.[4]
    ///
    /// [4] Statement of Veridia, 3 May 2020.
    /// ```
    /// A document that has no notes can turn the rule off for itself with an `[[ignore]]`
    /// entry in `citelint.toml`.
    pub struct UnrecognisedNotes => "unrecognised-notes", Warning, "citation-like markers or a notes heading in a document whose note style was not recognised";
}

/// Markers seen before the rule speaks (a heading alone is enough).
const MIN_MARKERS: usize = 2;

impl Rule for UnrecognisedNotes {
    fn check(&self, doc: &Document, cx: &mut Context) {
        // A document whose notes were read is checked by the other rules.
        if !doc.citations.is_empty() || !doc.footnotes.is_empty() {
            return;
        }
        let signs = Signs::of(doc);
        let heading = signs.heading.clone();
        let markers = signs.bracketed.len() + signs.raised.len();
        let first_marker =
            signs.bracketed.first().into_iter().chain(signs.raised.first()).min_by_key(|s| s.start).cloned();
        let first_marker = first_marker.filter(|_| markers >= MIN_MARKERS);
        // Nothing that looks like notes: a document without notes passes.
        let Some(span) =
            [first_marker.clone(), heading.clone()].into_iter().flatten().min_by_key(|s| s.start)
        else {
            return;
        };
        let mut seen = Vec::new();
        if signs.bracketed.len() + signs.raised.len() >= MIN_MARKERS {
            if !signs.bracketed.is_empty() {
                seen.push(count(
                    signs.bracketed.len(),
                    "bracketed number",
                    "bracketed numbers",
                    doc,
                    &signs.bracketed[0],
                ));
            }
            if !signs.raised.is_empty() {
                seen.push(count(
                    signs.raised.len(),
                    "raised number",
                    "raised numbers",
                    doc,
                    &signs.raised[0],
                ));
            }
        }
        if let Some(h) = &heading {
            seen.push(format!("a “{}” heading", heading_words(doc.slice(h))));
        }
        let mut d = Diagnostic::new(
            span.clone(),
            format!("no citations or footnotes were recognised, but the document has {}", join(&seen)),
        )
        .help(
            "if its notes are written another way, read it with the reader that knows them: \
             `--input-format markdown` reads `[^4]`, `[4]`, `\\[4\\]`, `<sup>4</sup>`, `^4^` and `⁴` \
             with their notes list, `--input-format text` reads `[4]` markers and a `[4] …` or \
             numbered notes list; if it has no notes, add an `[[ignore]]` entry for this file and \
             rule to citelint.toml",
        );
        for other in [first_marker, heading].into_iter().flatten() {
            if other != span {
                d = d.related(other, "also here");
            }
        }
        cx.report(d);
    }
}

/// What in a document looks like notes, in text order.
#[derive(Default)]
struct Signs {
    /// `[4]`, `\[4\]`.
    bracketed: Vec<Span>,
    /// `<sup>4</sup>`, `⁴`, `^4^`, `^4`.
    raised: Vec<Span>,
    /// The first notes heading.
    heading: Option<Span>,
}

impl Signs {
    fn of(doc: &Document) -> Signs {
        let text = doc.text;
        let bytes = text.as_bytes();
        let defined = link_definitions(text);
        let mut signs =
            Signs { heading: heading_line(text, 0).filter(|_| !doc.is_ignored(0)), ..Signs::default() };
        let mut i = 0;
        while i < bytes.len() {
            let Some(k) =
                bytes[i..].iter().position(|&b| matches!(b, b'[' | b'<' | b'^' | b'\n' | 0xC2 | 0xE2))
            else {
                break;
            };
            let at = i + k;
            i = at + 1;
            if doc.is_ignored(at) {
                continue;
            }
            let len = match bytes[at] {
                b'\n' => {
                    if signs.heading.is_none() && !doc.is_ignored(at + 1) {
                        signs.heading = heading_line(text, at + 1);
                    }
                    continue;
                }
                b'[' => match bracketed(text, at).filter(|(_, label)| !defined.contains(label)) {
                    Some((span, _)) => {
                        i = span.end;
                        signs.bracketed.push(span);
                        continue;
                    }
                    None => continue,
                },
                b'<' => match sup(text, at) {
                    Some(len) => len,
                    None => continue,
                },
                b'^' => match caret(text, at) {
                    Some(len) => len,
                    None => continue,
                },
                _ => match superscripts(text, at) {
                    Some(len) => len,
                    None => continue,
                },
            };
            let before = &text[text.floor_char_boundary(at.saturating_sub(16))..at];
            i = at + len;
            if !is_exponent_context(before) {
                signs.raised.push(at..at + len);
            }
        }
        signs
    }
}

/// The notes heading on the line starting at `at`, if it is one and the first line after
/// it opens with a number, as a note does (`1.`, `[1]`, `¹`, `1 Statement…`): a Notes
/// section of remarks in prose, or a References list of unnumbered works, is no sign.
fn heading_line(text: &str, at: usize) -> Option<Span> {
    let end = text[at..].find('\n').map_or(text.len(), |k| at + k);
    let line = &text[at..end];
    if line.len() > 64 || !is_notes_heading(line) {
        return None;
    }
    let next = text[end..].trim_start_matches(['\n', '\r', ' ', '\t']);
    let next = next.split('\n').next().unwrap_or("");
    if !opens_with_number(next) {
        return None;
    }
    let lead = line.len() - line.trim_start().len();
    Some(at + lead..at + lead + line.trim().len())
}

/// Whether a line opens with a note's number, after any list bullet and HTML tags.
fn opens_with_number(line: &str) -> bool {
    let mut s = line.trim_start().trim_start_matches(['*', '-', '+']).trim_start();
    while s.starts_with('<') {
        let Some(end) = s.find('>') else { break };
        s = s[end + 1..].trim_start();
    }
    let s = s.trim_start_matches(['[', '\\', '(', '^']);
    s.starts_with(|c: char| c.is_ascii_digit() || superscript_digit(c).is_some())
}

/// The numbers defined as link labels (`[4]: https://…` on a line of its own): `[4]` is
/// then a link, not a marker.
fn link_definitions(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for line in text.lines() {
        let line = line.trim_start();
        let Some(rest) = line.strip_prefix('[') else { continue };
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with("]:") {
            out.push(&rest[..digits]);
        }
    }
    out
}

/// `[4]` (not a link, `[4](…)`, `[x][4]`, `[4][x]`, nor a link definition `[4]:`) or
/// `\[4\]`, whose `[` is at `at`: its span and label.
fn bracketed(text: &str, at: usize) -> Option<(Span, &str)> {
    if at > 0 && text.as_bytes()[at - 1] == b']' {
        return None;
    }
    let escaped = at > 0 && text.as_bytes()[at - 1] == b'\\';
    let rest = &text.as_bytes()[at + 1..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > MAX_LABEL_DIGITS {
        return None;
    }
    let close: &[u8] = if escaped { b"\\]" } else { b"]" };
    if !rest[digits..].starts_with(close) {
        return None;
    }
    let after = rest.get(digits + close.len()).copied();
    if !escaped && matches!(after, Some(b'(' | b'[' | b':')) {
        return None;
    }
    let start = if escaped { at - 1 } else { at };
    Some((start..at + 1 + digits + close.len(), &text[at + 1..at + 1 + digits]))
}

/// `<sup>4</sup>` (or `<sup>[4]</sup>`) at `at`: its length.
fn sup(text: &str, at: usize) -> Option<usize> {
    let rest = text.get(at..)?;
    if !rest.get(..5).is_some_and(|t| t.eq_ignore_ascii_case("<sup>")) {
        return None;
    }
    let inner = rest[5..].trim_start_matches('[');
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    let tail = inner[digits..].trim_start_matches(']');
    (digits > 0
        && digits <= MAX_LABEL_DIGITS
        && tail.get(..6).is_some_and(|t| t.eq_ignore_ascii_case("</sup>")))
    .then(|| rest.len() - tail.len() + 6)
}

/// `^4^`, or `^4` after a word or sentence (not `[^4]`, GFM's marker, nor a version
/// `^1` in a URL or a requirement), at `at`: its length.
fn caret(text: &str, at: usize) -> Option<usize> {
    let rest = &text.as_bytes()[at + 1..];
    let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > MAX_LABEL_DIGITS || rest.get(digits).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    let before = text[..at].chars().next_back();
    if before.is_none_or(|c| matches!(c, '[' | '^')) {
        return None;
    }
    let closed = rest.get(digits) == Some(&b'^');
    if !closed && !before.is_some_and(|c| c.is_alphabetic() || matches!(c, '.' | ',' | ';' | ')' | '”' | '"'))
    {
        return None;
    }
    Some(1 + digits + usize::from(closed))
}

/// Superscript digits at `at` (not in a word, nor UTF-8 read as Latin-1): their length.
fn superscripts(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].chars().next_back();
    if before
        .is_some_and(|c| superscript_digit(c).is_some() || (('\u{80}'..='\u{ff}').contains(&c) && c != '»'))
    {
        return None;
    }
    let len: usize =
        text[at..].chars().take_while(|&c| superscript_digit(c).is_some()).map(char::len_utf8).sum();
    let after = text[at + len..].chars().next();
    (len > 0 && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')).then_some(len)
}

/// "3 bracketed numbers (`[4]` first)".
fn count(n: usize, one: &str, many: &str, doc: &Document, first: &Span) -> String {
    let what = if n == 1 { one } else { many };
    format!("{n} {what} (`{}` first)", doc.slice(first))
}

/// A heading's words without its decoration (`## References` → `References`).
fn heading_words(line: &str) -> &str {
    line.trim_matches(|c: char| matches!(c, '#' | '*' | '_' | '=' | ' ' | ':'))
}

/// "a, b and c".
fn join(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::test_support::{check, check_markdown, check_text, flagged};

    #[test]
    fn raised_numbers_in_plain_text_are_reported_at_the_first() {
        let text = "Veridia acceded in 1997.⁴ It destroyed its stock.⁵\n\nNotes\n\n⁴ Statement, 2020.\n";
        let found = check_text(&UnrecognisedNotes::INFO, text);
        assert_eq!(flagged(text, &found), ["⁴"]);
        assert_eq!(
            found[0].message,
            "no citations or footnotes were recognised, but the document has 3 raised numbers (`⁴` first) \
             and a “Notes” heading"
        );
        assert_eq!(found[0].related.len(), 1);
    }

    #[test]
    fn a_notes_heading_over_numbered_entries_is_reported() {
        // Word's raised numbers, lost in a paste: the markers are gone, the notes remain.
        let text = "# Profile\n\nVeridia acceded in 1997.4\n\n## Notes\n\n4 Statement of Veridia, 2020.\n";
        let found = check_markdown(&UnrecognisedNotes::INFO, text);
        assert_eq!(flagged(text, &found), ["## Notes"]);
        assert!(found[0].message.ends_with("a “Notes” heading"), "{}", found[0].message);
    }

    #[test]
    fn a_notes_heading_over_prose_or_unnumbered_works_is_no_sign() {
        for text in [
            "# Crate\n\n### Notes\n\nThis crate was born out of frustration.\n",
            "## References\nJohn Keiser, [Validating UTF-8](https://arxiv.org/abs/2010.03090), 2021\n",
        ] {
            assert!(check_markdown(&UnrecognisedNotes::INFO, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn markdown_notes_in_a_style_it_reads_are_not_reported() {
        for text in [
            "Said.<sup>1</sup> Again.<sup>2</sup>\n\n## Notes\n\n<sup>1</sup> A, 2020.\n\n<sup>2</sup> B, 2021.\n",
            "Said.[1] Again.[2]\n\n[1] A, 2020.\n\n[2] B, 2021.\n",
            "Said.[^1]\n\n[^1]: A, 2020.\n",
        ] {
            assert!(check_markdown(&UnrecognisedNotes::INFO, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn exponents_links_code_and_a_single_marker_are_no_signs() {
        for text in [
            "An area of 4.2 km² and 10^6^ mines, x^2 and 1E<sup>12</sup>.\n",
            "See [1](https://example.org) and [2][ref] and `a[0] a[1]`.\n\n[ref]: https://example.org\n",
            "The array a[3] holds it.\n",
            "Use [the docs][1] and [Serde][2], or ([802]).\n\n[1]: https://a.example\n[802]: https://b.example\n",
            "GFM writes [^1] and ![^2]; see https://docs.rs/mio/^1 and `^2`.\n",
            "SzecessziÃ³ and KÃ³s are garbled.\n",
        ] {
            assert!(check_markdown(&UnrecognisedNotes::INFO, text).is_empty(), "{text}");
        }
    }

    #[test]
    fn bracketed_numbers_without_notes_are_reported_in_markdown() {
        let text = "It was said. [3] And said again. [4]\n";
        let found = check(&UnrecognisedNotes::INFO, text, Format::Markdown);
        assert_eq!(flagged(text, &found), ["[3]"]);
        assert!(found[0].message.contains("2 bracketed numbers (`[3]` first)"), "{}", found[0].message);
    }
}
