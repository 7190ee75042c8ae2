//! `missing-footnote`: a citation whose footnote does not exist.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::Document;

declare_rule! {
    /// ## What it does
    /// Flags a citation marker (`[4]`, `[^smith]`) for which the document has no
    /// footnote with that label.
    ///
    /// ## Why is this bad?
    /// The reader is promised a source and finds none. It usually means a footnote was
    /// deleted, or the notes were renumbered, while the sentence citing it stayed.
    ///
    /// ## Example
    /// ```text
    /// Armenia voted in favor of Resolution 77/63.[4]
    ///
    /// [3] Statement of Armenia, Geneva, 21 June 2021.
    /// ```
    /// Restore the note (or cite the right one):
    /// ```text
    /// Armenia voted in favor of Resolution 77/63.[4]
    ///
    /// [3] Statement of Armenia, Geneva, 21 June 2021.
    ///
    /// [4] “Voting results,” UNGA, 7 December 2022.
    /// ```
    pub struct MissingFootnote => "missing-footnote", Error, "a citation whose footnote does not exist";
}

impl Rule for MissingFootnote {
    fn check(&self, doc: &Document, cx: &mut Context) {
        for citation in &doc.citations {
            if doc.footnote(&citation.label).is_some() {
                continue;
            }
            let mut d = Diagnostic::new(
                citation.span.clone(),
                format!("footnote [{}] is cited but does not exist", citation.label),
            )
            .note(citation.label.clone())
            .help(format!(
                "add footnote [{}] to the notes, or cite the footnote that holds this source",
                citation.label
            ));
            // Point at the neighbouring notes: that is where the missing one belongs.
            if let Some(prev) = neighbour_before(doc, &citation.label) {
                d = d.related(prev, "the notes around it are here");
            }
            cx.report(d);
        }
    }
}

/// For a numeric label, the marker of the highest-numbered footnote below it.
fn neighbour_before(doc: &Document, label: &str) -> Option<crate::document::Span> {
    let n: u64 = label.parse().ok()?;
    doc.footnotes
        .iter()
        .filter_map(|f| Some((f.label.parse::<u64>().ok()?, f)))
        .filter(|(m, _)| *m < n)
        .max_by_key(|(m, _)| *m)
        .map(|(_, f)| f.marker_span.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_markdown, check_text, flagged};

    #[test]
    fn citation_without_footnote_is_flagged() {
        let text = "Title\n\nIt was said.[1] Then more.[2]\n\n[1] Statement, 2 May 2020.\n";
        let found = check_text(&MissingFootnote::INFO, text);
        assert_eq!(flagged(text, &found), ["[2]"]);
        assert_eq!(found[0].note.as_deref(), Some("2"));
        assert_eq!(found[0].related.len(), 1);
    }

    #[test]
    fn cited_footnotes_that_exist_pass() {
        let text = "Title\n\nIt was said.[1]\n\n[1] Statement, 2 May 2020.\n";
        assert!(check_text(&MissingFootnote::INFO, text).is_empty());
    }

    #[test]
    fn gfm_labels_match_case_insensitively() {
        let text = "Said.[^Smith]\n\n[^smith]: Interview with Smith.\n";
        assert!(check_markdown(&MissingFootnote::INFO, text).is_empty());
        let text = "Said.[^jones]\n\n[^smith]: Interview with Smith.\n";
        assert_eq!(flagged(text, &check_markdown(&MissingFootnote::INFO, text)), ["[^jones]"]);
    }
}
