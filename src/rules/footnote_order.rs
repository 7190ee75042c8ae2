//! `footnote-order`: numbered footnotes first cited out of sequence.

use rustc_hash::FxHashSet;

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::Document;

declare_rule! {
    /// ## What it does
    /// Checks that numbered footnotes are first cited in ascending order: the first
    /// citation of `[n]` should come after the first citation of every lower number.
    /// Only numeric labels take part; named GFM labels (`[^smith]`) have no order.
    ///
    /// ## Why is this bad?
    /// Numbered notes are read in sequence. A note first cited out of order usually means
    /// a paragraph was moved without renumbering, or a marker was mistyped (`[31]` for
    /// `[13]`) — which may also point the reader at the wrong source.
    ///
    /// ## Example
    /// ```text
    /// First claim.[1] Second claim.[3] Third claim.[2]
    /// ```
    /// Renumber so the notes are first cited as 1, 2, 3.
    pub struct FootnoteOrder => "footnote-order", Warning, "numbered footnotes first cited out of sequence";
}

impl Rule for FootnoteOrder {
    fn check(&self, doc: &Document, cx: &mut Context) {
        let mut seen = FxHashSet::default();
        // The highest number first-cited so far, with its citation's span.
        let mut highest: Option<(u64, &crate::document::Span)> = None;
        for citation in &doc.citations {
            let Ok(n) = citation.label.parse::<u64>() else { continue };
            if doc.footnote(&citation.label).is_none() {
                // A marker whose note is missing is `missing-footnote`'s finding; letting
                // a typo such as `[705]` set the sequence would flag every note after it.
                continue;
            }
            if !seen.insert(n) {
                // Citing an earlier note again is normal.
                continue;
            }
            match highest {
                Some((h, h_span)) if n < h => {
                    cx.report(
                        Diagnostic::new(
                            citation.span.clone(),
                            format!("footnote [{n}] is first cited after footnote [{h}]"),
                        )
                        .note(citation.label.clone())
                        .related(h_span.clone(), format!("[{h}] is first cited here"))
                        .help("renumber the notes so they are first cited in ascending order, or check the marker"),
                    );
                }
                _ => highest = Some((n, &citation.span)),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_markdown, check_text, flagged};

    #[test]
    fn out_of_sequence_first_citation_is_flagged() {
        let text = "T\n\nOne.[1] Three.[3] Two.[2]\n\n[1] A.\n\n[2] B.\n\n[3] C.\n";
        let found = check_text(&FootnoteOrder::INFO, text);
        assert_eq!(flagged(text, &found), ["[2]"]);
    }

    #[test]
    fn citing_an_earlier_note_again_is_fine() {
        let text = "T\n\nOne.[1] Two.[2] One again.[1] Three.[3]\n\n[1] A.\n\n[2] B.\n\n[3] C.\n";
        assert!(check_text(&FootnoteOrder::INFO, text).is_empty());
    }

    #[test]
    fn a_missing_note_does_not_set_the_sequence() {
        let text = "T\n\nOne.[1] Typo.[705] Two.[2]\n\n[1] A.\n\n[2] B.\n";
        assert!(check_text(&FootnoteOrder::INFO, text).is_empty());
    }

    #[test]
    fn gaps_are_not_order_problems() {
        let text = "T\n\nOne.[1] Five.[5]\n\n[1] A.\n\n[5] E.\n";
        assert!(check_text(&FootnoteOrder::INFO, text).is_empty());
    }

    #[test]
    fn named_labels_have_no_order() {
        let text = "A.[^zeta] B.[^alpha]\n\n[^zeta]: Z.\n[^alpha]: A.\n";
        assert!(check_markdown(&FootnoteOrder::INFO, text).is_empty());
    }
}
