//! `source-after-update`: a footnote dated after the profile's `Last updated` date.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::Document;
use crate::strings::normalize_whitespace;

declare_rule! {
    /// ## What it does
    /// Compares each footnote's dates with the profile's `Last updated:` date and flags
    /// a footnote whose source is dated after it (at the coarser precision: a source of
    /// `December 2023` is not after `22 December 2023`). Access dates ("accessed …"),
    /// dates inside quoted titles (`“Plan 2025–2030”`) and target dates (`by 2030`,
    /// `until 2030`) are not the source's date and are left out.
    ///
    /// ## Why is this bad?
    /// A profile cannot cite a source that did not exist when it was last updated. Either
    /// the `Last updated` line was not bumped when the note was added, or the note's date
    /// is wrong.
    ///
    /// ## Example
    /// ```text
    /// Last updated: 22 December 2023
    /// …
    /// [19] Joshua Kucera, “Exchange of detainees,” Eurasianet, 12 June 2024.
    /// ```
    /// Update the `Last updated` line, or correct the note's date:
    /// ```text
    /// Last updated: 15 July 2024
    /// ```
    pub struct SourceAfterUpdate => "source-after-update", Warning, "a footnote dated after the profile's \"Last updated\" date";
}

/// Words that make the following date a target, not the source's date.
const TARGET_WORDS: &[&str] = &["by", "until", "till", "through", "before", "to", "deadline", "target"];

impl Rule for SourceAfterUpdate {
    fn check(&self, doc: &Document, cx: &mut Context) {
        let dates = doc.dates();
        let Some(updated) = dates.last_updated.map(|i| &dates.mentions[i]) else { return };
        for (note, nd) in doc.footnotes.iter().zip(&dates.notes) {
            let late = dates
                .source_dates(nd)
                .filter(|d| !d.quoted && d.is_after(updated))
                .filter(|d| d.preceding_word_in(doc.text, TARGET_WORDS).is_none())
                .max_by_key(|d| d.start);
            let Some(late) = late else { continue };
            let written = |s| normalize_whitespace(doc.slice(s));
            cx.report(
                Diagnostic::new(
                    late.span.clone(),
                    format!(
                        "footnote [{}] is dated {}, after the profile was last updated ({})",
                        note.label,
                        written(&late.span),
                        written(&updated.span)
                    ),
                )
                .note(note.label.clone())
                .related(updated.span.clone(), "the profile says it was last updated here")
                .help("update the `Last updated` date, or correct the footnote's date"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_text, flagged};

    #[test]
    fn a_source_dated_after_the_update_is_flagged() {
        let t = "T\n\nLast updated: 22 December 2023\n\nSaid.[1] Again.[2]\n\n\
                 [1] Eurasianet, 12 June 2024.\n\n[2] Statement, 2024.\n";
        let found = check_text(&SourceAfterUpdate::INFO, t);
        assert_eq!(flagged(t, &found), ["12 June 2024", "2024"]);
        assert_eq!(&t[found[0].related[0].span.clone()], "22 December 2023");
    }

    #[test]
    fn same_month_access_dates_titles_and_targets_pass() {
        let t = "T\n\nLast updated: 22 December 2023\n\nSaid.[1] Again.[2]\n\n\
                 [1] Statement, December 2023, accessed 3 June 2024.\n\n\
                 [2] Ministry, “Strategy 2025–2030,” 2023, with clearance by 2026.\n";
        assert!(check_text(&SourceAfterUpdate::INFO, t).is_empty());
    }

    #[test]
    fn profiles_without_a_last_updated_line_are_not_checked() {
        let t = "T\n\nSaid.[1]\n\n[1] Statement, 2099.\n";
        assert!(check_text(&SourceAfterUpdate::INFO, t).is_empty());
    }
}
