//! `malformed-footnote`: marker without space, empty footnote, unbalanced quotes or brackets.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::{Document, Format, Span};

declare_rule! {
    /// ## What it does
    /// Flags a footnote whose form is broken, one finding per problem:
    ///
    /// - the marker runs into the text (`[21]Request for…`, or `\[21\]Request…` in
    ///   Markdown; not `[^21]:Request…`, where a GFM renderer supplies the space, nor a
    ///   raised number, `<sup>21</sup>Request…`, which needs none);
    /// - the note is empty;
    /// - a double quotation mark has no partner: a `”` that closes nothing, a `“` (or
    ///   `„`) never closed, or an odd number of straight `"` (the one left over is
    ///   marked); a quotation opened with one kind and closed with the other (`“Title,"`)
    ///   is one finding, at its second mark;
    /// - a parenthesis or square bracket has no partner.
    ///
    /// Single quotes are not checked (`’` is also the apostrophe), nor are `1)`, `a)` or
    /// `iv)` list numbers and the smileys `:)`, `=)`. Code spans in Markdown are skipped;
    /// an escaped character counts as the character it renders (`\"` is a quotation mark).
    ///
    /// ## Why is this bad?
    /// These are the marks of a note that was cut, pasted or merged carelessly: the
    /// beginning of a title or the opening of the citation is often lost with the
    /// missing quotation mark, and readers (and tools) cannot tell where a title ends.
    ///
    /// ## Example
    /// ```text
    /// [21]Request for the Indication of Provisional Measures of Protection,” ICJ,
    /// 3 January 2023.
    /// ```
    /// Add the space and the opening quotation mark:
    /// ```text
    /// [21] Republic of Azerbaijan, “Request for the Indication of Provisional Measures
    /// of Protection,” ICJ, 3 January 2023.
    /// ```
    pub struct MalformedFootnote => "malformed-footnote", Warning, "marker without space, empty footnote, unbalanced quotes or brackets";
}

impl Rule for MalformedFootnote {
    fn check(&self, doc: &Document, cx: &mut Context) {
        for note in &doc.footnotes {
            let label = &note.label;
            let marker = doc.slice(&note.marker_span);
            if note.text_span.is_empty() {
                cx.report(
                    Diagnostic::new(note.marker_span.clone(), format!("footnote [{label}] is empty"))
                        .note(label.clone())
                        .help("write the source it stands for, or remove it and its citations"),
                );
                continue;
            }
            // A GFM renderer supplies the space after `[^13]:`, and a raised number needs
            // none; a typed `[13]` or `\[13\]` runs into the text as written (in plain text,
            // or as rendered from HTML or Word).
            let typed = doc.format != Format::Markdown || marker.ends_with(']');
            if typed && note.text_span.start == note.marker_span.end {
                cx.report(
                    Diagnostic::new(
                        note.marker_span.clone(),
                        format!("no space between the marker {marker} and the note's text"),
                    )
                    .note(label.clone())
                    .help(format!("put a space after {marker}")),
                );
            }
            for (span, problem) in unbalanced(doc, &note.text_span) {
                let (message, help) = problem.describe();
                cx.report(
                    Diagnostic::new(span, format!("{message} in footnote [{label}]"))
                        .note(label.clone())
                        .help(help),
                );
            }
        }
    }
}

/// A mark without its partner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unmatched {
    ClosingQuote,
    OpeningQuote,
    StraightQuote,
    /// A quotation opened with one kind of mark and closed with the other (`“…"`).
    MixedQuotes,
    Closing(char),
    Opening(char),
}

impl Unmatched {
    fn describe(self) -> (String, String) {
        match self {
            Unmatched::ClosingQuote => (
                "closing quotation mark without an opening one".into(),
                "add the opening “ where the quotation or title begins, or remove this mark".into(),
            ),
            Unmatched::OpeningQuote => (
                "quotation mark opened and never closed".into(),
                "close the quotation where it ends (a title usually ends with ,”)".into(),
            ),
            Unmatched::StraightQuote => (
                "odd number of straight quotation marks; this one has no partner".into(),
                "add the missing \" or remove this one".into(),
            ),
            Unmatched::MixedQuotes => (
                "quotation opened and closed with different kinds of marks".into(),
                "use the same kind of quotation marks on both sides".into(),
            ),
            Unmatched::Closing(c) => (
                format!("`{c}` without an opening one"),
                format!("add the opening one, or remove this `{c}`"),
            ),
            Unmatched::Opening(c) => (
                format!("`{c}` never closed"),
                format!("close it where the aside ends, or remove this `{c}`"),
            ),
        }
    }
}

/// Every unmatched quotation mark and bracket in `span`, in text order.
fn unbalanced(doc: &Document, span: &Span) -> Vec<(Span, Unmatched)> {
    let text = doc.slice(span);
    let markdown = doc.format == Format::Markdown;
    let mut out = Vec::new();
    let mut quotes: Vec<(char, usize)> = Vec::new();
    let mut brackets: Vec<(char, usize)> = Vec::new();
    let mut straight: Vec<usize> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Only a few marks matter, so jump from one to the next byte-wise: the curly quotes
    // (U+201C–U+201E) all start with the byte 0xE2, the rest are ASCII, so every stop is
    // a char boundary.
    while let Some(k) =
        bytes[i..].iter().position(|&b| matches!(b, b'"' | b'(' | b')' | b'[' | b']' | b'\\' | 0xE2))
    {
        i += k;
        let Some(c) = text[i..].chars().next() else { break };
        let next = i + c.len_utf8();
        if !matches!(c, '“' | '”' | '„' | '"' | '(' | ')' | '[' | ']' | '\\') {
            i = next;
            continue;
        }
        let at = span.start + i;
        if doc.is_ignored(at) {
            i = next;
            continue;
        }
        match c {
            // A Markdown escape reads as the character it renders: `\"` is a quotation
            // mark, `\[` a bracket; `\\` is a backslash.
            '\\' if markdown => {
                i = if text[next..].starts_with('\\') { next + 1 } else { next };
                continue;
            }
            '\\' => {}
            '„' => quotes.push((c, at)),
            // In German „…“ the “ closes.
            '“' if quotes.last().is_some_and(|&(q, _)| q == '„') => drop(quotes.pop()),
            '“' => quotes.push((c, at)),
            '”' => {
                if quotes.pop().is_none() {
                    out.push((at..at + c.len_utf8(), Unmatched::ClosingQuote));
                }
            }
            '"' => straight.push(i),
            '(' | '[' => brackets.push((c, at)),
            _ => {
                let open = if c == ')' { '(' } else { '[' };
                match brackets.iter().rposition(|&(b, _)| b == open) {
                    Some(k) => {
                        // Openers above the match were never closed.
                        for (b, pos) in brackets.drain(k..).skip(1) {
                            out.push((pos..pos + 1, Unmatched::Opening(b)));
                        }
                    }
                    None if c == ')' && is_list_number_or_smiley(&text[..i]) => {}
                    None => out.push((at..at + 1, Unmatched::Closing(c))),
                }
            }
        }
        i = next;
    }
    out.extend(quotes.into_iter().map(|(q, pos)| (pos..pos + q.len_utf8(), Unmatched::OpeningQuote)));
    out.extend(brackets.into_iter().map(|(b, pos)| (pos..pos + 1, Unmatched::Opening(b))));
    if straight.len() % 2 == 1 {
        let i = span.start + leftover_straight_quote(text, &straight);
        // `“Title,"` is one slip, not two: pair the leftover with the curly mark it meets.
        let curly_open = out.iter().rposition(|(s, u)| *u == Unmatched::OpeningQuote && s.start < i);
        let curly_close = out.iter().position(|(s, u)| *u == Unmatched::ClosingQuote && s.start > i);
        match (curly_open, curly_close) {
            (Some(k), _) => {
                out.remove(k);
                out.push((i..i + 1, Unmatched::MixedQuotes));
            }
            (None, Some(k)) => out[k].1 = Unmatched::MixedQuotes,
            (None, None) => out.push((i..i + 1, Unmatched::StraightQuote)),
        }
    }
    out.sort_by_key(|(s, _)| s.start);
    out
}

/// `1)`, `a)`, `iv)` opening a list item, or `:)`, `=)`: a `)` that closes nothing by
/// design.
fn is_list_number_or_smiley(before: &str) -> bool {
    if before.ends_with([':', ';', '=']) {
        return true;
    }
    let token_start =
        before.char_indices().rev().find(|(_, c)| !c.is_alphanumeric()).map_or(0, |(p, c)| p + c.len_utf8());
    let token = &before[token_start..];
    let opens_item = before[..token_start].chars().next_back().is_none_or(char::is_whitespace);
    opens_item && (1..=3).contains(&token.chars().count())
}

/// Of an odd number of straight quotes, the one without a partner: a quote that opens
/// (after a space or at the start) pairs with the next that closes; the first closing
/// quote with nothing open, or else the last opening one, is the leftover.
fn leftover_straight_quote(text: &str, positions: &[usize]) -> usize {
    let mut open: Vec<usize> = Vec::new();
    for &i in positions {
        let opens = text[..i].chars().next_back().is_none_or(|p| p.is_whitespace() || "([—–-".contains(p));
        if opens {
            open.push(i);
        } else if open.pop().is_none() {
            return i;
        }
    }
    open.last().copied().unwrap_or(positions[positions.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_text, flagged};

    fn notes(notes: &str) -> (String, Vec<crate::rules::Finding>) {
        let cites: String = (1..=notes.matches("\n[").count()).map(|n| format!("S{n}.[{n}] ")).collect();
        let text = format!("Title\n\n{cites}\n{notes}");
        let found = check_text(&MalformedFootnote::INFO, &text);
        (text, found)
    }

    #[test]
    fn well_formed_notes_pass() {
        let (_, found) = notes(
            "\n[1] Ministry of Defense, “Mines were “found” (again),” 8 May 2022, pp. 7–13.\n\n\
             [2] “Veridia’s ‘new’ policy,” Daily [sic] News, 2 May 2021; \"Other,\" 2020.\n\n\
             [3] Interview with Ana Ruiz: 1) on stocks; a) on use :) =) and „Minen“.\n\n\
             [4] “A quotation that runs\nacross two lines,” 2020.\n",
        );
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn marker_without_space_and_stray_closing_quote_are_flagged() {
        let (text, found) = notes("\n[1]Request for Measures of Protection,” ICJ, 3 January 2023.\n");
        assert_eq!(flagged(&text, &found), ["[1]", "”"]);
        assert!(found.iter().all(|f| f.note.as_deref() == Some("1")));
    }

    #[test]
    fn empty_note_is_flagged_at_its_marker() {
        let (text, found) = notes("\n[1] Letter, 2020.\n\n[2]\n");
        assert_eq!(flagged(&text, &found), ["[2]"]);
        assert_eq!(found[0].message, "footnote [2] is empty");
    }

    #[test]
    fn unclosed_quote_and_brackets_are_flagged_each() {
        let (text, found) = notes("\n[1] “Title, (Geneva [2020), and a stray ) here.\n");
        assert_eq!(flagged(&text, &found), ["“", "[", ")"]);
    }

    #[test]
    fn a_quotation_closed_with_the_other_kind_of_mark_is_one_finding() {
        let (text, found) =
            notes("\n[1] Talk, “The Hard Parts,\" 2020.\n\n[2] Paper, \"Functions” (draft), 2021.\n");
        assert_eq!(flagged(&text, &found), ["\"", "”"]);
        assert!(found.iter().all(|f| f.message.starts_with("quotation opened and closed with different")));
    }

    #[test]
    fn a_stray_parenthesis_after_a_curly_quote_is_found_on_a_char_boundary() {
        let (text, found) = notes("\n[1] Title “x”) and “é1) here.\n");
        assert_eq!(flagged(&text, &found), [")", "“", ")"]);
    }

    #[test]
    fn a_markdown_escape_counts_as_the_character_it_renders() {
        use crate::rules::test_support::check_markdown;
        // `\"` renders a quotation mark: the pair balances, and one alone does not.
        let text = "Said.[^1] Again.[^2]\n\n[^1]: Talk, \\\"The Hard Parts,\\\" 2020.\n[^2]: Talk, \\\"Parts, 2020 \\\\.\n";
        let found = check_markdown(&MalformedFootnote::INFO, text);
        assert_eq!(flagged(text, &found), ["\""]);
        assert_eq!(found[0].note.as_deref(), Some("2"));
    }

    #[test]
    fn a_typed_markdown_marker_needs_its_space_and_a_raised_or_gfm_one_does_not() {
        use crate::rules::test_support::check_markdown;
        for (text, want) in [
            ("Said.[1]\n\n[1]Interview, 2023.\n", vec!["[1]"]),
            ("Said.\\[1\\]\n\n\\[1\\]Interview, 2023.\n", vec!["\\[1\\]"]),
            ("Said.<sup>1</sup>\n\n<sup>1</sup>Interview, 2023.\n", vec![]),
            ("Said.[^1]\n\n[^1]:Interview, 2023.\n", vec![]),
        ] {
            let found = check_markdown(&MalformedFootnote::INFO, text);
            assert_eq!(flagged(text, &found), want, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_note_is_checked_without_panicking(body in "([\\[\\]()“”„\"’é1a :;=\\\\]|\n\n\\[2\\]|\\[3\\]){0,40}") {
            let text = format!("T\n\nA.[1]\n\n[1]{body}");
            check_text(&MalformedFootnote::INFO, &text);
            crate::rules::test_support::check_markdown(&MalformedFootnote::INFO, &text);
        }
    }

    #[test]
    fn odd_straight_quotes_mark_the_leftover() {
        let (text, found) = notes("\n[1] Ministry, \"Title,\" and \"Other, 2020.\n");
        assert_eq!(flagged(&text, &found), ["\""]);
        assert_eq!(found[0].span.start, text.rfind('"').unwrap());
    }
}
