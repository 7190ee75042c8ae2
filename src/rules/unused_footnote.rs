//! `unused-footnote`: a footnote that nothing cites.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::Document;

declare_rule! {
    /// ## What it does
    /// Flags a footnote whose label no citation marker in the document uses.
    ///
    /// ## Why is this bad?
    /// An orphaned note is usually the other half of an editing slip: the sentence that
    /// cited it was cut or rewritten, or its marker was mistyped. Either the source no
    /// longer supports anything, or a sentence lost its source.
    ///
    /// ## Example
    /// ```text
    /// It said so.[1]
    ///
    /// [1] Statement of Armenia, 21 June 2021.
    ///
    /// [2] Letter from Armen Yedigarian, 29 April 2010.
    /// ```
    /// Cite note 2 where it belongs, or remove it.
    pub struct UnusedFootnote => "unused-footnote", Warning, "a footnote that nothing cites";
}

impl Rule for UnusedFootnote {
    fn check(&self, doc: &Document, cx: &mut Context) {
        // Cited notes by the position of the first note with their label (duplicates
        // share it): one lookup per citation, no key built.
        let mut cited = vec![false; doc.footnotes.len()];
        for c in &doc.citations {
            if let Some(p) = doc.footnote_position(&c.label) {
                cited[p] = true;
            }
        }
        for note in &doc.footnotes {
            if doc.footnote_position(&note.label).is_some_and(|p| cited[p]) {
                continue;
            }
            cx.report(
                Diagnostic::new(
                    note.marker_span.clone(),
                    format!("footnote [{}] is never cited", note.label),
                )
                .note(note.label.clone())
                .help("cite it where its source is used, or remove it"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_text, flagged};

    #[test]
    fn uncited_footnote_is_flagged() {
        let text = "T\n\nSaid.[1]\n\n[1] A, 2020.\n\n[2] B, 2021.\n";
        let found = check_text(&UnusedFootnote::INFO, text);
        assert_eq!(flagged(text, &found), ["[2]"]);
        assert_eq!(found[0].note.as_deref(), Some("2"));
    }

    #[test]
    fn footnote_cited_twice_is_fine() {
        let text = "T\n\nSaid.[1] Again.[1]\n\n[1] A, 2020.\n";
        assert!(check_text(&UnusedFootnote::INFO, text).is_empty());
    }
}
