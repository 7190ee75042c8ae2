//! The project's fixtures: each profile yields exactly the footnote findings it was
//! written to contain.

mod support;

use std::path::Path;

use citelint::document::{Document, Format};
use citelint::rules::{RuleSettings, run};
use support::FOOTNOTE_RULES;

/// (rule, flagged text, line) of every footnote-rule finding on a fixture.
fn footnote_findings(name: &str, format: Format) -> Vec<(&'static str, String, usize)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = Document::parse(&text, format);
    run(&doc, &RuleSettings::default(), |r| Some(r.default_severity))
        .into_iter()
        .filter(|f| FOOTNOTE_RULES.contains(&f.rule))
        .map(|f| (f.rule, text[f.span.clone()].to_owned(), text[..f.span.start].matches('\n').count() + 1))
        .collect()
}

fn expected(list: &[(&'static str, &str, usize)]) -> Vec<(&'static str, String, usize)> {
    list.iter().map(|&(rule, flagged, line)| (rule, flagged.to_owned(), line)).collect()
}

#[test]
fn clean_profile_has_no_footnote_findings() {
    assert_eq!(footnote_findings("clean-profile.txt", Format::Text), []);
}

#[test]
fn broken_profile_has_each_footnote_defect() {
    assert_eq!(
        footnote_findings("broken-profile.txt", Format::Text),
        expected(&[
            // [7] is first cited before [6].
            ("footnote-order", "[6]", 16),
            // [8] is cited, and there is no note 8.
            ("missing-footnote", "[8]", 20),
            // Note 9's "Ibid." repeats the missing note 8.
            ("ambiguous-ibid", "Ibid.", 44),
            // Note 11's "Ibid." follows note 10, which cites two sources.
            ("ambiguous-ibid", "Ibid.", 48),
            // Note 12 opens a title with “ and never closes it.
            ("malformed-footnote", "“", 50),
            // A second note [12].
            ("duplicate-footnote", "[12]", 52),
            // `[13]Interview…`: no space after the marker.
            ("malformed-footnote", "[13]", 54),
            // Note 14 is empty.
            ("malformed-footnote", "[14]", 56),
            // Note 15 says "See note 31"; the notes stop at 16.
            ("broken-cross-reference", "31", 58),
            // Nothing cites note 16.
            ("unused-footnote", "[16]", 60),
        ])
    );
}

#[test]
fn markdown_broken_profile_has_each_footnote_defect() {
    assert_eq!(
        footnote_findings("broken-profile.md", Format::Markdown),
        expected(&[
            ("footnote-order", "[^6]", 16),
            // GFM prints an undefined `[^8]` as text; the linter still finds it.
            ("missing-footnote", "[^8]", 20),
            ("ambiguous-ibid", "Ibid.", 44),
            ("ambiguous-ibid", "Ibid.", 48),
            ("malformed-footnote", "“", 50),
            ("duplicate-footnote", "[^12]:", 52),
            // `[^13]:Interview…` is not flagged: a Markdown renderer supplies the space.
            ("malformed-footnote", "[^14]:", 56),
            ("broken-cross-reference", "31", 58),
            ("unused-footnote", "[^16]:", 60),
        ])
    );
}
