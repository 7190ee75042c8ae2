//! `duplicate-footnote`: two footnotes with one label.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::Document;

declare_rule! {
    /// ## What it does
    /// Flags every footnote whose label an earlier footnote already uses.
    ///
    /// ## Why is this bad?
    /// A citation can only lead to one of them: the other source is silently lost, and
    /// readers (and renderers) disagree about which one is meant.
    ///
    /// ## Example
    /// ```text
    /// [5] Letter from Armen Yedigarian, 29 April 2010.
    ///
    /// [5] Interview with Col. Vostanik Adoyan, 25 February 2004.
    /// ```
    /// Renumber the second note and its citations.
    pub struct DuplicateFootnote => "duplicate-footnote", Error, "two footnotes with one label";
}

impl Rule for DuplicateFootnote {
    fn check(&self, doc: &Document, cx: &mut Context) {
        for note in &doc.footnotes {
            let first = doc.footnote(&note.label).expect("every footnote is indexed by its label");
            if first.marker_span == note.marker_span {
                continue;
            }
            cx.report(
                Diagnostic::new(
                    note.marker_span.clone(),
                    format!("footnote [{}] is defined more than once", note.label),
                )
                .note(note.label.clone())
                .related(first.marker_span.clone(), "first defined here")
                .help("give this note its own label and update the citations meant for it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_markdown, check_text, flagged};

    #[test]
    fn second_definition_is_flagged_with_the_first_as_related() {
        let text = "T\n\nSaid.[1]\n\n[1] A, 2020.\n\n[1] B, 2021.\n";
        let found = check_text(&DuplicateFootnote::INFO, text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.start, text.rfind("[1]").unwrap());
        assert_eq!(&text[found[0].related[0].span.clone()], "[1]");
    }

    #[test]
    fn distinct_labels_pass() {
        let text = "T\n\nSaid.[1][2]\n\n[1] A, 2020.\n\n[2] B, 2021.\n";
        assert!(check_text(&DuplicateFootnote::INFO, text).is_empty());
    }

    #[test]
    fn gfm_labels_differing_only_in_case_are_duplicates() {
        let text = "Said.[^a]\n\n[^a]: One.\n[^A]: Two.\n";
        assert_eq!(flagged(text, &check_markdown(&DuplicateFootnote::INFO, text)).len(), 1);
    }
}
