//! `footnote-order`: numbered footnotes first cited out of sequence.

use rustc_hash::FxHashSet;

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::{Citation, Document};

declare_rule! {
    /// ## What it does
    /// Checks that numbered footnotes are first cited in ascending order: the first
    /// citation of `[n]` should come after the first citation of every lower number.
    /// Only numeric labels take part; named GFM labels (`[^smith]`) have no order.
    ///
    /// It names the fewest notes whose moving puts the others in order (the notes outside
    /// a longest ascending run of first citations): a note cited too early (`[15]`
    /// before `[10]`…`[14]`) is one finding, "first cited before footnote [10]", not one
    /// for each note it precedes; a note cited late is "first cited after" the higher
    /// one. When six or more notes, and more than a third of them, are out of order, the
    /// notes are numbered some other way (as a bibliography): one finding at the first
    /// says so.
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
        // Each numbered note's first citation, in text order.
        let mut seen = FxHashSet::default();
        let mut firsts: Vec<(u64, &Citation)> = Vec::new();
        for citation in &doc.citations {
            let Ok(n) = citation.label.parse::<u64>() else { continue };
            // A marker whose note is missing is `missing-footnote`'s finding; letting a
            // typo such as `[705]` set the sequence would flag every note after it.
            // Citing an earlier note again is normal.
            if doc.footnote(&citation.label).is_some() && seen.insert(n) {
                firsts.push((n, citation));
            }
        }
        let kept = in_order(&firsts);
        let displaced: Vec<usize> = (0..firsts.len()).filter(|&i| !kept[i]).collect();
        let Some(&first) = displaced.first() else { return };
        // Most notes out of order: the notes are numbered some other way (a
        // bibliography's order), one finding says so rather than one per note.
        if displaced.len() >= MANY && displaced.len() * 3 > firsts.len() {
            let (n, citation) = firsts[first];
            cx.report(
                Diagnostic::new(
                    citation.span.clone(),
                    format!(
                        "the notes are not numbered in the order they are first cited: {} of {} are first cited out of sequence, from [{n}] on",
                        displaced.len(),
                        firsts.len()
                    ),
                )
                .note(citation.label.clone())
                .help("number the notes by first citation; if they are numbered as a bibliography, turn footnote-order off for this document"),
            );
            return;
        }
        for i in displaced {
            let (n, citation) = firsts[i];
            // A note cited late (after a higher one), or one cited early (before lower
            // ones, which are then in order among themselves).
            let higher_before = firsts[..i].iter().filter(|(h, _)| *h > n).max_by_key(|(h, _)| *h);
            let d = if let Some(&(h, at)) = higher_before {
                Diagnostic::new(
                    citation.span.clone(),
                    format!("footnote [{n}] is first cited after footnote [{h}]"),
                )
                .related(at.span.clone(), format!("[{h}] is first cited here"))
            } else {
                let Some(&(m, at)) = firsts[i + 1..].iter().find(|(m, _)| *m < n) else { continue };
                Diagnostic::new(
                    citation.span.clone(),
                    format!("footnote [{n}] is first cited before footnote [{m}]"),
                )
                .related(at.span.clone(), format!("[{m}] is first cited here"))
            };
            cx.report(
                d.note(citation.label.clone()).help(
                    "renumber the notes so they are first cited in ascending order, or check the marker",
                ),
            );
        }
    }
}

/// Out-of-sequence notes from which on one finding speaks for the document (and only
/// when they are more than a third of its notes).
const MANY: usize = 6;

/// Which first citations are in sequence: the longest run of ascending numbers among
/// them (a longest increasing subsequence), and of those the one that keeps the earliest
/// citations. The others are the fewest notes whose moving puts the rest in order: a
/// note cited too early (`[15]` before `[10]`…`[14]`) is one finding, not one per note
/// it precedes.
fn in_order(firsts: &[(u64, &Citation)]) -> Vec<bool> {
    // Per citation, the length of the longest ascending run starting at it, found from
    // the end (patience sorting, on the numbers read backwards as a descending run).
    let mut starting = vec![0; firsts.len()];
    let mut tails: Vec<u64> = Vec::new();
    for i in (0..firsts.len()).rev() {
        let n = firsts[i].0;
        // `tails[p]`: the highest first number of an ascending run of length p + 1.
        let p = tails.partition_point(|&t| t > n);
        if p == tails.len() {
            tails.push(n);
        } else {
            tails[p] = n;
        }
        starting[i] = p + 1;
    }
    let mut kept = vec![false; firsts.len()];
    let (mut need, mut last) = (tails.len(), None);
    for (i, &(n, _)) in firsts.iter().enumerate() {
        if need > 0 && starting[i] == need && last.is_none_or(|l| n > l) {
            kept[i] = true;
            need -= 1;
            last = Some(n);
        }
    }
    kept
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
    fn a_note_cited_too_early_is_one_finding_not_one_per_note_it_precedes() {
        let text = "T\n\nA.[1] B.[4] C.[2] D.[3] E.[5]\n\n[1] A.\n\n[2] B.\n\n[3] C.\n\n[4] D.\n\n[5] E.\n";
        let found = check_text(&FootnoteOrder::INFO, text);
        assert_eq!(flagged(text, &found), ["[4]"]);
        assert_eq!(found[0].message, "footnote [4] is first cited before footnote [2]");
    }

    #[test]
    fn notes_numbered_in_another_order_are_one_finding() {
        let notes: String = (1..=12).map(|n| format!("[{n}] Source {n}.\n\n")).collect();
        let body: String =
            [7, 3, 11, 1, 9, 5, 12, 2, 8, 4, 10, 6].iter().map(|n| format!("Claim.[{n}] ")).collect();
        let text = format!("T\n\n{body}\n\n{notes}");
        let found = check_text(&FootnoteOrder::INFO, &text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.starts_with("the notes are not numbered in the order they are first cited"));
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
