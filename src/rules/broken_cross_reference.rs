//! `broken-cross-reference`: "see note 45" where footnote 45 does not exist.

use std::sync::LazyLock;

use regex::Regex;

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::{BlockKind, Document, Format, Span};

declare_rule! {
    /// ## What it does
    /// Flags a reference to another note — `see note 45`, `See footnotes 3 and 4`,
    /// `note 12 above`, `supra note 7`, `see n. 9` — when the document has no footnote
    /// with that number. References are looked for in the body and in the notes.
    ///
    /// A number counts as a note reference only when the wording says it points inside
    /// this document: `see`, `see also`, `cf.`, `supra` or `infra` before it, or `above`,
    /// `below`, `supra` or `infra` after it. `see note 3 of the report` and
    /// `Ibid., note 4` name a note of the cited source and are left alone, as are
    /// documents without any footnotes (their "notes" are something else). In Markdown
    /// with named labels (`[^smith]`), notes are numbered as rendered: 1 up to their count.
    ///
    /// ## Why is this bad?
    /// The reader follows the reference and finds nothing, or the wrong source. It
    /// usually means notes were removed or renumbered and the reference was not updated.
    ///
    /// ## Example
    /// ```text
    /// [6] See note 45 for the full statement.
    /// ```
    /// Point the reference at the note that holds the source:
    /// ```text
    /// [6] See note 5 for the full statement.
    /// ```
    pub struct BrokenCrossReference => "broken-cross-reference", Error, "\"see note 45\" where footnote 45 does not exist";
}

impl Rule for BrokenCrossReference {
    fn check(&self, doc: &Document, cx: &mut Context) {
        // Without footnotes, "note 3" names something else (a numbered remark of a spec).
        let Some(last) = highest_note(doc) else { return };
        // One search of the whole text rules out most documents at once.
        if !may_hold_reference(doc.text) {
            return;
        }
        let body = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Paragraph | BlockKind::Heading))
            .map(|b| b.span.clone());
        let notes = doc.footnotes.iter().map(|f| f.text_span.clone());
        for region in body.chain(notes) {
            for reference in cross_references(doc.text, &region) {
                if doc.is_ignored(reference.span.start) || exists(doc, &reference.label) {
                    continue;
                }
                let help = match reference.label.parse::<u64>() {
                    Ok(n) if last > 0 && n > last => format!(
                        "the notes stop at [{last}], so they were probably cut or renumbered: \
                         point the reference at the note that holds the source, or remove it"
                    ),
                    _ => "point the reference at the note that holds the source, or remove it".to_owned(),
                };
                cx.report(
                    Diagnostic::new(
                        reference.span,
                        format!("the reference points to note {}, which does not exist", reference.label),
                    )
                    .note(reference.label)
                    .help(help),
                );
            }
        }
    }
}

/// Whether the note a reference names is there. GFM renderers number notes 1, 2, …
/// whatever their labels, so with named labels any number up to the count is a note.
fn exists(doc: &Document, label: &str) -> bool {
    if doc.footnote(label).is_some() {
        return true;
    }
    let named = doc.footnotes.iter().any(|f| f.label.parse::<u64>().is_err());
    let n = label.parse::<usize>().unwrap_or(0);
    doc.format == Format::Markdown && named && (1..=doc.footnotes.len()).contains(&n)
}

/// The highest numeric footnote label, or 0 when there are footnotes but none numeric;
/// `None` when the document has no footnotes at all.
fn highest_note(doc: &Document) -> Option<u64> {
    if doc.footnotes.is_empty() {
        return None;
    }
    Some(doc.footnotes.iter().filter_map(|f| f.label.parse::<u64>().ok()).max().unwrap_or(0))
}

/// One number of a cross-reference: the note it names and where the digits are.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct CrossReference {
    pub label: String,
    pub span: Span,
    /// Where the whole reference (`see note 3 above`) ends.
    pub end: usize,
}

/// The opening of a possible reference: an optional `see`/`cf.`/`supra`/`infra` and the
/// word `note(s)`/`footnote(s)` or the abbreviation `n.`/`nn.`. The numbers and what
/// follows them are read by hand, because which of them count depends on the wording.
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<pre>see(?:\s+also)?|cf\.|supra|infra),?\s+)?(?:(?P<word>footnotes?|notes?)\s+|(?P<abbr>nn?\.)\s*)[0-9]",
    )
    .expect("the cross-reference pattern compiles")
});

/// Every note reference in `region` of `text` (see the rule's docs for what counts).
pub(super) fn cross_references(text: &str, region: &Span) -> Vec<CrossReference> {
    let s = &text[region.clone()];
    let mut out = Vec::new();
    // The pattern has no literal to anchor on, so its search walks the whole region
    // (most regions hold no reference at all); a linear scan for what every match needs
    // rejects those first.
    if !may_hold_reference(s) {
        return out;
    }
    let mut from = 0;
    while let Some(m) = OPENING.captures_at(s, from) {
        let whole = m.get(0).expect("group 0 always matches");
        let digits_at = whole.end() - 1;
        from = whole.end();
        let plural = match (m.name("word"), m.name("abbr")) {
            (Some(w), _) => w.as_str().ends_with(['s', 'S']),
            (_, Some(a)) => a.as_str().eq_ignore_ascii_case("nn."),
            _ => false,
        };
        let Some((numbers, after)) = numbers(s, digits_at, plural) else { continue };
        let (post, end) = pointer_after(s, after);
        let inside = m.name("pre").is_some() || post;
        if !inside || (!post && names_other_document(&s[after..])) {
            continue;
        }
        from = end;
        for span in numbers {
            out.push(CrossReference {
                label: s[span.clone()].to_owned(),
                span: region.start + span.start..region.start + span.end,
                end: region.start + end,
            });
        }
    }
    out
}

/// Whether `s` has what every match of [`OPENING`] ends with: `note`/`notes` (any case,
/// `ſ` for `s` as `(?i)` allows), white space and a digit, or `n.`, optional white space
/// and a digit. False means the pattern cannot match anywhere in `s`. Both forms start
/// with an `n`, which `memchr` finds fast; two bytes after it rule out almost every one.
fn may_hold_reference(s: &str) -> bool {
    let bytes = s.as_bytes();
    let digit_next = |t: &str| t.starts_with(|c: char| c.is_ascii_digit());
    memchr::memchr2_iter(b'n', b'N', bytes).any(|i| {
        match bytes.get(i + 1) {
            // `n` and `.` are one byte each, so `i + 2` is a char boundary.
            Some(b'.') => digit_next(s[i + 2..].trim_start()),
            Some(b'o' | b'O') if bytes.get(i + 2..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"te")) => {
                let rest = &s[i + 4..];
                let after = rest.strip_prefix(['s', 'S', '\u{17f}']).unwrap_or(rest);
                let trimmed = after.trim_start();
                trimmed.len() < after.len() && digit_next(trimmed)
            }
            _ => false,
        }
    })
}

/// The numbers from `at`: one for `note`, a list or range (`3, 4 and 5`, `3–5`) for
/// `notes`. Returns their spans and where the list ends; `None` when the digits run on
/// into a word (`3rd`) or are too long to be a note number.
fn numbers(s: &str, at: usize, plural: bool) -> Option<(Vec<Span>, usize)> {
    let first = number(s, at)?;
    let mut spans = vec![first.clone()];
    let mut end = first.end;
    if !plural {
        return Some((spans, end));
    }
    loop {
        // Separators may stack (`3, and 4`); at least one must come before the next number.
        let mut rest = &s[end..];
        let mut separated = false;
        loop {
            let trimmed = rest.trim_start();
            match [",", "and", "or", "to", "&", "–", "—", "-"]
                .iter()
                .find_map(|sep| trimmed.strip_prefix(sep))
            {
                Some(r) => {
                    rest = r;
                    separated = true;
                }
                None => {
                    rest = trimmed;
                    break;
                }
            }
        }
        let next_at = s.len() - rest.len();
        let Some(next) = number(s, next_at).filter(|_| separated) else { break };
        end = next.end;
        spans.push(next);
    }
    Some((spans, end))
}

/// The digits at `at`, if they form a whole number of at most six digits.
fn number(s: &str, at: usize) -> Option<Span> {
    let len = s[at..].bytes().take_while(u8::is_ascii_digit).count();
    let end = at + len;
    let runs_on = s[end..].chars().next().is_some_and(char::is_alphanumeric);
    (len > 0 && len <= 6 && !runs_on).then_some(at..end)
}

/// Whether `above`/`below`/`supra`/`infra` follows (after an optional comma), and where
/// the reference ends.
fn pointer_after(s: &str, at: usize) -> (bool, usize) {
    let rest = s[at..].trim_start_matches([' ', ',']);
    for word in ["above", "below", "supra", "infra"] {
        let Some(head) = rest.get(..word.len()) else { continue };
        let tail = &rest[word.len()..];
        if head.eq_ignore_ascii_case(word) && !tail.starts_with(char::is_alphanumeric) {
            return (true, s.len() - tail.len());
        }
    }
    (false, at)
}

/// `see note 3 of the report`, `see note 3 in Smith (2019)`: a note of another text.
fn names_other_document(after: &str) -> bool {
    let mut words = after.split_whitespace();
    after.starts_with(char::is_whitespace) && words.next().is_some_and(|w| w == "of" || w == "in")
}

/// Whether a note consists of nothing but a cross-reference (`See note 3.`): it names no
/// source of its own.
pub(super) fn is_only_cross_reference(text: &str, note: &Span) -> bool {
    let refs = cross_references(text, note);
    let Some(last) = refs.last() else { return false };
    let first_start = refs[0].span.start;
    let head = &text[note.start..first_start];
    let tail = &text[last.end..note.end];
    // What precedes the first number is the opening (`See also notes`) by construction.
    let opening_only = head.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || ",.".contains(c));
    opening_only && tail.trim_matches(|c: char| c.is_whitespace() || ".,;".contains(c)).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_markdown, check_text, flagged};

    const NOTES: &str =
        "\n\n[1] Statement of Veridia, 3 May 2020.\n\n[2] Letter from Ana Ruiz, 4 June 2021.\n";

    fn found(body: &str) -> Vec<String> {
        let text = format!("Title\n\n{body}{NOTES}");
        let findings = check_text(&BrokenCrossReference::INFO, &text);
        flagged(&text, &findings).into_iter().map(str::to_owned).collect()
    }

    #[test]
    fn see_note_to_a_missing_footnote_is_flagged() {
        assert_eq!(found("It said so.[1] See note 45 for more.[2]"), ["45"]);
        assert_eq!(found("It said so,[1] as in footnote 7 above.[2]"), ["7"]);
        assert_eq!(found("It said so.[1] Cf. supra note 9.[2]"), ["9"]);
        assert_eq!(found("It said so.[1] (See n. 12.)[2]"), ["12"]);
    }

    #[test]
    fn each_number_of_a_list_or_range_is_checked() {
        assert_eq!(found("Said.[1] See notes 2, 3 and 4.[2]"), ["3", "4"]);
        assert_eq!(found("Said.[1] See notes 1–6 above.[2]"), ["6"]);
    }

    #[test]
    fn references_to_existing_notes_pass() {
        assert!(found("It said so.[1] See note 1 and footnote 2 below.[2]").is_empty());
        assert!(found("Said.[1] See notes 1 and 2.[2]").is_empty());
    }

    #[test]
    fn notes_that_do_not_point_inside_the_document_pass() {
        // "note" as a verb, "Note:" sentences, articles and a cited source's own notes.
        assert!(found("We note 3 concerns.[1] Note: 7 were heard.[2] Article 7 applies.").is_empty());
        assert!(found("Said.[1] See note 9 of the 2019 report.[2] Ibid., note 4.").is_empty());
        // A singular "note" takes one number: the year after it is not a second note.
        assert!(found("Said.[1] See note 2, 2019 edition.[2]").is_empty());
    }

    #[test]
    fn references_inside_notes_are_checked() {
        let text = "T\n\nSaid.[1] Again.[2]\n\n[1] Statement, 2020.\n\n[2] See footnote 3.\n";
        let findings = check_text(&BrokenCrossReference::INFO, text);
        assert_eq!(flagged(text, &findings), ["3"]);
        assert_eq!(findings[0].note.as_deref(), Some("3"));
    }

    #[test]
    fn named_markdown_notes_are_referred_to_by_their_rendered_number() {
        let text = "A.[^smith] B.[^jones]\n\n[^smith]: Interview, 2020.\n[^jones]: See note 1 above; \
                    see note 3 above.\n";
        let findings = check_markdown(&BrokenCrossReference::INFO, text);
        assert_eq!(flagged(text, &findings), ["3"]);
    }

    #[test]
    fn documents_without_footnotes_are_left_alone() {
        let text = "T\n\nSee note 3 below.\n\nNote 3: the order matters.\n";
        assert!(check_text(&BrokenCrossReference::INFO, text).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_checked_without_panicking(body in "([\\[\\]()“”\"٣1-9 .,;–]|see |note|notes |n\\. |above|\n\n\\[2\\]){0,40}") {
            let text = format!("T\n\nA.[1]\n\n[1] X.{body}");
            check_text(&BrokenCrossReference::INFO, &text);
        }
    }

    proptest::proptest! {
        #[test]
        fn the_prefilter_never_hides_a_match(s in "([0-9 .,\t\n\u{a0}éſ]|[nN][oO][tT][eE]|note|n|N|nn|see |cf\\. |abc){0,30}") {
            proptest::prop_assert!(may_hold_reference(&s) || OPENING.find(&s).is_none());
        }
    }

    #[test]
    fn the_prefilter_keeps_every_opening_form() {
        for s in ["see note 3", "NOTES\t4", "footnote\u{a0}5", "noteſ 6", "n.7", "nn. 8", "x n.\n9"] {
            assert!(OPENING.is_match(s) && may_hold_reference(s), "{s}");
        }
        for s in ["In July 2018, 1,318 mines.", "n 3", "note3", "the 4", "no. 5"] {
            assert!(!may_hold_reference(s), "{s}");
        }
    }

    #[test]
    fn unicode_digits_are_not_note_numbers() {
        assert!(found("Said.[1] See note ٣ above.[2]").is_empty());
    }

    #[test]
    fn a_note_of_only_a_reference_is_recognised() {
        let t = "See note 3 above.";
        assert!(is_only_cross_reference(t, &(0..t.len())));
        let t = "Statement of Veridia, 2020; see note 3.";
        assert!(!is_only_cross_reference(t, &(0..t.len())));
    }
}
