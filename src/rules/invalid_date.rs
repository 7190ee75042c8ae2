//! `invalid-date`: a date that cannot exist.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::Document;
use crate::strings::normalize_whitespace;

declare_rule! {
    /// ## What it does
    /// Flags dates that the calendar does not have: a day past the end of its month
    /// (`31 September 2016`), 29 February in a common year (`29 February 2023`), a
    /// weekday that does not fall on the date (`Thursday, 2 February 2024`), and a range
    /// that ends before it starts (`12–8 May 2019`). Dates are read in the body and in
    /// the notes, outside code.
    ///
    /// ## Why is this bad?
    /// An impossible date is certainly a typo, and the reader cannot tell which part is
    /// wrong — the day, the month or the weekday — without going back to the source.
    ///
    /// ## Example
    /// ```text
    /// [7] Letter from the Ministry of Defense, 31 September 2016.
    /// ```
    /// Check the source for the right date:
    /// ```text
    /// [7] Letter from the Ministry of Defense, 30 September 2016.
    /// ```
    pub struct InvalidDate => "invalid-date", Error, "a date that cannot exist (30 February 2019, a wrong weekday)";
}

impl Rule for InvalidDate {
    fn check(&self, doc: &Document, cx: &mut Context) {
        for date in &doc.dates().mentions {
            let Some(problem) = &date.problem else { continue };
            let written = normalize_whitespace(doc.slice(&date.span));
            cx.report(
                Diagnostic::new(date.span.clone(), format!("{written} cannot exist: {problem}"))
                    .help("check the source for the right date"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_text, flagged};

    #[test]
    fn impossible_days_and_wrong_weekdays_are_flagged() {
        let t = "T\n\nIt met on 31 September 2016 and Thursday, 2 February 2024 and 29 February 2023.[1]\n\n\
                 [1] Letter, 2021-02-30.\n";
        let found = check_text(&InvalidDate::INFO, t);
        assert_eq!(
            flagged(t, &found),
            ["31 September 2016", "Thursday, 2 February 2024", "29 February 2023", "2021-02-30"]
        );
        assert!(found[1].message.contains("was a Friday"), "{}", found[1].message);
    }

    #[test]
    fn real_dates_pass() {
        let t = "T\n\nFriday, 2 February 2024, 29 February 2024, 30 September 2016, 8–12 May 2019.\n";
        assert!(check_text(&InvalidDate::INFO, t).is_empty());
    }

    #[test]
    fn reversed_ranges_are_flagged() {
        let t = "T\n\nThe meetings of 12–8 May 2019 ended.\n";
        assert_eq!(flagged(t, &check_text(&InvalidDate::INFO, t)), ["12–8 May 2019"]);
    }
}
