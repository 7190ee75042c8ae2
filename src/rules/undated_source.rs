//! `undated-source`: a footnote whose source carries no date, or says "undated".

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::Document;

declare_rule! {
    /// ## What it does
    /// Notes footnotes whose source has no date: those that say so (`undated`, `n.d.`,
    /// `no date`) and those that name a source — a statement, letter, interview or
    /// e-mail (`Letter from …`), or a quoted title (`“Title,”`) — without any date but
    /// an access date. Notes that only explain (`Armenia has never participated…`) and
    /// back-references (`Ibid.`, `See note 3`) are left alone: there is no source to date.
    ///
    /// ## Why is this bad?
    /// A source without a date cannot be checked against the sentence that cites it, and
    /// readers cannot tell how current it is. It is often fine (some web pages carry no
    /// date), which is why this is information, not a warning.
    ///
    /// ## Example
    /// ```text
    /// [11] Fenix Insight, “PMN-E Mine: Armenia,” undated.
    /// ```
    /// If the source has a date after all, give it:
    /// ```text
    /// [11] Fenix Insight, “PMN-E Mine: Armenia,” 3 March 2023.
    /// ```
    pub struct UndatedSource => "undated-source", Info, "a footnote whose source carries no date, or says \"undated\"";
}

/// How notes that name a source open.
const OPENERS: &[&str] = &[
    "statement of",
    "statement by",
    "letter from",
    "letter to",
    "email from",
    "e-mail from",
    "interview with",
    "response to",
    "presentation by",
    "speech by",
    "remarks by",
    "press release",
    "report of",
    "report by",
    "submission of",
    "submission by",
    "message from",
];

impl Rule for UndatedSource {
    fn check(&self, doc: &Document, cx: &mut Context) {
        let dates = doc.dates();
        for (note, nd) in doc.footnotes.iter().zip(&dates.notes) {
            // A note with a date of its own and no undated marker has nothing to report:
            // leave it before the costlier tests below.
            let dated = dates.source_dates(nd).next().is_some();
            if nd.undated_marker.is_none() && dated {
                continue;
            }
            let text = doc.slice(&note.text_span);
            let lower = text.trim_start_matches(['*', '_', ' ']).to_lowercase();
            // Back-references give their source elsewhere.
            if doc.is_ibid(note)
                || lower.starts_with("see note")
                || lower.starts_with("see footnote")
                || lower.starts_with("op. cit")
            {
                continue;
            }
            if let Some(marker) = &nd.undated_marker {
                cx.report(
                    Diagnostic::new(marker.clone(), format!("the source of footnote [{}] is undated", note.label))
                        .note(note.label.clone())
                        .help("give the source's date if it has one; an undated source cannot be checked against the text"),
                );
                continue;
            }
            let names_source = OPENERS.iter().any(|o| lower.starts_with(o))
                || lower
                    .match_indices("; ")
                    .any(|(i, _)| OPENERS.iter().any(|o| lower[i + 2..].starts_with(o)))
                || text.contains(",”")
                || text.contains(",\"");
            if dated || !names_source {
                continue;
            }
            let access =
                if dates.access_dates(nd).next().is_none() { "" } else { " (only when it was accessed)" };
            cx.report(
                Diagnostic::new(
                    note.marker_span.clone(),
                    format!("footnote [{}] gives no date for its source{access}", note.label),
                )
                .note(note.label.clone())
                .help("add the date of the statement, letter or publication, or write \"undated\""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_text, flagged};

    #[test]
    fn notes_that_say_undated_are_noted() {
        let t = "T\n\nIt was listed.[1] Again.[2]\n\n[1] Fenix Insight, “PMN-E Mine: Armenia,” undated.\n\n\
                 [2] Smith, “Title,” n.d.\n";
        assert_eq!(flagged(t, &check_text(&UndatedSource::INFO, t)), ["undated", "n.d."]);
    }

    #[test]
    fn sources_without_a_date_are_noted_even_with_an_access_date() {
        let t = "T\n\nSaid.[1] Again.[2]\n\n[1] Letter from Armen Yedigarian, Ministry of Foreign Affairs.\n\n\
                 [2] Ministry, “Mines cleared,” https://x.org, accessed 3 June 2024.\n";
        let found = check_text(&UndatedSource::INFO, t);
        assert_eq!(flagged(t, &found), ["[1]", "[2]"]);
        assert!(found[1].message.contains("accessed"));
    }

    #[test]
    fn dated_sources_explanations_and_back_references_pass() {
        let t = "T\n\nA.[1] B.[2] C.[3] D.[4]\n\n[1] Letter from Armen Yedigarian, 29 April 2010.\n\n[2] Ibid.\n\n\
                 [3] Armenia has never participated in a Review Conference.\n\n[4] See note 1.\n";
        assert!(check_text(&UndatedSource::INFO, t).is_empty());
    }
}
