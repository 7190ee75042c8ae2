//! The provenance rules (names and dates) on the Armenia profile and on the fixtures in
//! `fixtures/provenance/`.

mod support;

use std::path::PathBuf;
use support::shared_dir as shared;

use citelint::document::{Document, Format};
use citelint::rules::{Finding, RuleSettings, run};

const RULES: &[&str] =
    &["name-mismatch", "date-mismatch", "invalid-date", "source-after-update", "undated-source"];

fn lint(text: &str) -> Vec<Finding> {
    let doc = Document::parse(text, Format::Text);
    run(&doc, &RuleSettings::default(), |r| RULES.contains(&r.name).then_some(r.default_severity))
}

/// `rule: flagged text` for each finding.
fn summary(text: &str, found: &[Finding]) -> Vec<String> {
    found.iter().map(|f| format!("{}: {}", f.rule, &text[f.span.clone()])).collect()
}

#[test]
fn armenia_profile_flags_iham_aliyev_and_no_date_but_its_undated_source() {
    let Some(dir) = shared() else {
        eprintln!("shared profiles not found; skipping (set CITELINT_SHARED)");
        return;
    };
    let text = std::fs::read_to_string(dir.join("profiles/armenia-mine-ban-policy.txt")).unwrap();
    let found = lint(&text);
    for f in &found {
        eprintln!("{}: {} | {}", f.rule, &text[f.span.clone()], f.message);
    }
    assert_eq!(summary(&text, &found), ["name-mismatch: Iham", "undated-source: undated"]);
    let iham = &found[0];
    assert_eq!(
        iham.message,
        "“Iham Aliyev” is spelled “Ilham Aliyev” in footnote [20], which this sentence cites"
    );
    assert_eq!(iham.note.as_deref(), Some("20"));
    assert_eq!(&text[iham.related[0].span.clone()], "Ilham");
    assert_eq!(found[1].note.as_deref(), Some("11"));
}

#[test]
fn armenia_profile_dated_sentences_all_agree_with_their_footnotes() {
    let Some(dir) = shared() else {
        eprintln!("shared profiles not found; skipping (set CITELINT_SHARED)");
        return;
    };
    let text = std::fs::read_to_string(dir.join("profiles/armenia-mine-ban-policy.txt")).unwrap();
    let doc = Document::parse(&text, Format::Text);
    let dates = doc.dates();
    // Every citing sentence with a statement date, and whether its footnote agrees (None:
    // the footnote is missing). [14] and [21] close a sentence that goes on with the
    // statement before it (“Moreover, it alleged…”, “It added…”) and takes its date.
    let mut checked = Vec::new();
    for c in &doc.citations {
        let Some(i) = citelint::document::dates::statement_date(&doc, dates, &c.sentence_span) else {
            continue;
        };
        let said = &dates.mentions[i];
        let agrees = doc
            .footnote_position(&c.label)
            .map(|n| dates.source_dates(&dates.notes[n]).any(|d| d.agrees_with(said)));
        checked.push((c.label.clone(), text[said.span.clone()].to_owned(), agrees));
    }
    let want: Vec<(String, String, Option<bool>)> = [
        ("1", "June 2021", Some(true)),
        ("2", "2010", Some(true)),
        ("4", "December 2022", None),
        ("7", "September 2022", Some(true)),
        ("10", "13 September 2022", Some(true)),
        ("14", "April 2021", None),
        ("19", "12 June 2021", Some(true)),
        ("21", "January 2023", Some(true)),
        ("22", "19 September 2023", None),
    ]
    .into_iter()
    .map(|(l, d, a)| (l.to_owned(), d.to_owned(), a))
    .collect();
    assert_eq!(checked, want);
}

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/provenance").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn findings_in(name: &str) -> Vec<String> {
    let text = fixture(name);
    summary(&text, &lint(&text))
}

#[test]
fn every_date_form_is_extracted_and_look_alike_numbers_are_not() {
    let text = fixture("date-forms.txt");
    let doc = Document::parse(&text, Format::Text);
    let written: Vec<_> = doc.dates().mentions.iter().map(|m| text[m.span.clone()].to_owned()).collect();
    assert_eq!(
        written,
        [
            "3 March 2024",
            "21 June 2021",
            "June 21, 2021",
            "21 Jun. 2021",
            "June 2021",
            "2021",
            "8–12 May 2019",
            "30 April–2 May 2019",
            "1992–1994",
            "2020–2021",
            "2021-06-21",
            "September–November 2020",
            "1996–97",
            "Friday, 2 February 2024",
        ]
    );
    assert!(findings_in("date-forms.txt").is_empty());
}

#[test]
fn impossible_dates_are_errors_and_real_ones_pass() {
    assert_eq!(
        findings_in("invalid-dates.txt"),
        [
            "invalid-date: 31 September 2016",
            "invalid-date: 29 February 2023",
            "invalid-date: Thursday, 2 February 2024",
            "invalid-date: 12–8 May 2019",
            "invalid-date: 2021-02-30",
        ]
    );
}

#[test]
fn statement_dates_that_disagree_with_their_footnotes_are_flagged() {
    assert_eq!(
        findings_in("date-mismatch.txt"),
        [
            "date-mismatch: 12 June 2021",
            "date-mismatch: June 2021",
            "date-mismatch: 3 May 2019",
            "date-mismatch: 18 October 2020",
            "date-mismatch: 13 September 2022",
            "date-mismatch: 2012",
        ]
    );
}

#[test]
fn agreeing_dates_subject_matter_dates_and_access_dates_pass() {
    // Only the undated note is noted; no sentence disagrees with its footnote.
    assert_eq!(findings_in("date-agreement.txt"), ["undated-source: undated"]);
}

#[test]
fn sources_dated_after_the_last_update_are_flagged() {
    assert_eq!(
        findings_in("source-after-update.txt"),
        ["source-after-update: 12 June 2024", "source-after-update: 2024"]
    );
}

#[test]
fn undated_sources_are_noted_and_explanations_and_back_references_are_not() {
    assert_eq!(
        findings_in("undated-source.txt"),
        ["undated-source: undated", "undated-source: n.d.", "undated-source: [3]", "undated-source: [4]"]
    );
}

#[test]
fn names_spelled_two_ways_are_flagged() {
    let text = fixture("name-mismatch.txt");
    let found = lint(&text);
    assert_eq!(
        summary(&text, &found),
        ["name-mismatch: Iham", "name-mismatch: Pashinian", "name-mismatch: Jose", "name-mismatch: Adoyan",]
    );
    // The sentence and the note it cites disagree: the note's spelling is suggested.
    assert!(
        found[0].help.as_deref().unwrap().contains("“Ilham”, the spelling of the source in footnote [1]")
    );
    assert!(
        found[3].help.as_deref().unwrap().contains("“Adoyian”, the spelling of the source in footnote [2]")
    );
    // Two words of one name differ, one finding says so.
    assert_eq!(found[2].message, "“Jose Martinez” is spelled “José Martínez” elsewhere in this document");
    // Across the document: three spellings of one name are one finding, with the
    // majority spelling suggested and every other place labelled.
    assert_eq!(
        found[1].message,
        "“Pashinian” is spelled “Nikol Pashinyan” elsewhere in this document, and written “Pachinyan” too"
    );
    assert!(found[1].help.as_deref().unwrap().contains("“Pashinyan”, the spelling used most (2 times)"));
    let labelled: Vec<_> = found[1].related.iter().map(|r| &text[r.span.clone()]).collect();
    assert_eq!(labelled, ["Pashinyan", "Pachinyan"]);
}

#[test]
fn demonyms_gendered_pairs_different_people_and_quotations_are_not_flagged() {
    assert!(findings_in("name-clean.txt").is_empty(), "{:?}", findings_in("name-clean.txt"));
}

#[test]
fn configured_variants_are_accepted_and_canonical_spellings_preferred() {
    let text = fixture("name-mismatch.txt");
    let doc = Document::parse(&text, Format::Text);
    let settings = RuleSettings {
        names_accept: vec![vec!["Pashinyan".into(), "Pashinian".into(), "Pachinyan".into()]],
        names_canonical: vec!["Jose Martinez".into()],
    };
    let found = run(&doc, &settings, |r| (r.name == "name-mismatch").then_some(r.default_severity));
    assert_eq!(
        summary(&text, &found),
        ["name-mismatch: Iham", "name-mismatch: José", "name-mismatch: Adoyan"]
    );
    assert!(found[1].help.as_deref().unwrap().contains("canonical"));
}

mod robustness {
    use super::*;
    use proptest::prelude::*;

    /// The pieces dates, names and notes are built from.
    const PIECES: &[&str] = &[
        "21 June 2021",
        "Friday, ",
        "–",
        "-",
        "\u{a0}",
        "’s",
        "“",
        "”",
        "\"",
        "[1]",
        "\n\n[1] ",
        "Ibid.",
        "Iham",
        "Ilham Aliyev",
        "On ",
        "In ",
        ", ",
        ".",
        " ",
        "é",
        "2020",
        "99",
        "/",
        "Last updated: ",
        "accessed ",
        "undated",
        "told reporters on ",
        "dated ",
        "Col. ",
        "J.",
        "\n",
        "ß",
        "29 February 2023",
        "8–12 May ",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]
        /// Any text made of those pieces and random characters lints without a panic.
        #[test]
        fn the_provenance_rules_never_panic(parts in proptest::collection::vec(prop_oneof![
            proptest::sample::select(PIECES).prop_map(str::to_owned),
            "[a-zA-Z0-9 ,.–\u{a0}é’]{0,12}",
        ], 0..40)) {
            let text: String = parts.concat();
            let _ = lint(&text);
            let _ = lint(&format!("T\n\n{text}"));
        }
    }
}
