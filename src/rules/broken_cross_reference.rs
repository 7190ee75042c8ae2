//! `broken-cross-reference`: "see note 45" where footnote 45 does not exist.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::cross_references::{cross_references, may_hold_reference};
use crate::document::{BlockKind, Document, Format};

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

    #[test]
    fn unicode_digits_are_not_note_numbers() {
        assert!(found("Said.[1] See note ٣ above.[2]").is_empty());
    }
}
