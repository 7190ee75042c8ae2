//! Tests of suppression comments and `[[ignore]]` entries.

use super::*;
use crate::document::{Document, Format};
use crate::rules::Severity;
use crate::rules::test_support::finding_at;

/// [`apply`] to a parsed document, every rule having run.
fn apply_to(doc: &Document, path: &str, findings: Vec<Finding>, ignores: &IgnoreSet) -> Suppressed {
    apply(doc.text, &doc.comments, path, findings, ignores, &|_| true)
}

/// A Markdown document whose comments are found here, so these tests do not depend on
/// the Markdown parser.
fn md(text: &str) -> Document<'_> {
    let comments = text
        .match_indices("<!--")
        .map(|(start, _)| {
            let end = text[start..].find("-->").map_or(text.len(), |i| start + i + 3);
            start..end
        })
        .collect();
    Document::new(text, Format::Markdown, vec![], vec![], vec![], vec![], comments)
}

fn finding(rule: &'static str, text: &str, needle: &str, nth: usize) -> Finding {
    finding_at(rule, Severity::Warning, text, needle, nth)
}

fn kept_texts<'a>(text: &'a str, s: &Suppressed) -> Vec<&'a str> {
    s.kept.iter().map(|f| &text[f.span.clone()]).collect()
}

fn messages(s: &Suppressed) -> Vec<&str> {
    s.unused.iter().map(|f| f.message.as_str()).collect()
}

const MISSING: &str = "missing-footnote";
const UNUSED: &str = "unused-footnote";

#[test]
fn disable_next_line_suppresses_only_the_next_line() {
    let text = "<!-- citelint-disable-next-line missing-footnote -->\nA.[^1]\nB.[^2]\n";
    let found = vec![finding(MISSING, text, "[^1]", 0), finding(MISSING, text, "[^2]", 0)];
    let s = apply_to(&md(text), "a.md", found, &IgnoreSet::default());
    assert_eq!(kept_texts(text, &s), ["[^2]"]);
    assert_eq!(s.suppressed.len(), 1);
    assert_eq!(s.suppressed[0].1, SuppressedBy::Comment { span: 0..52 });
    assert!(s.unused.is_empty());
}

#[test]
fn disable_next_line_names_only_the_rules_it_lists() {
    let text = "<!-- citelint-disable-next-line missing-footnote -->\nA.[^1]\n";
    let found = vec![finding(MISSING, text, "[^1]", 0), finding(UNUSED, text, "[^1]", 0)];
    let s = apply_to(&md(text), "a.md", found, &IgnoreSet::default());
    assert_eq!(s.kept.iter().map(|f| f.rule).collect::<Vec<_>>(), [UNUSED]);
}

#[test]
fn disable_line_suppresses_its_own_line() {
    let text = "A.[^1] <!-- citelint-disable-line -->\nB.[^2]\n";
    let found = vec![finding(MISSING, text, "[^1]", 0), finding(MISSING, text, "[^2]", 0)];
    let s = apply_to(&md(text), "a.md", found, &IgnoreSet::default());
    assert_eq!(kept_texts(text, &s), ["[^2]"]);
}

#[test]
fn disable_and_enable_bound_a_region() {
    let text = "A.[^1]\n<!-- citelint-disable missing-footnote, unused-footnote -->\nB.[^2]\n\
                <!-- citelint-enable missing-footnote -->\nC.[^3]\n";
    let found = vec![
        finding(MISSING, text, "[^1]", 0),
        finding(MISSING, text, "[^2]", 0),
        finding(MISSING, text, "[^3]", 0),
        finding(UNUSED, text, "[^3]", 0),
    ];
    let s = apply_to(&md(text), "a.md", found, &IgnoreSet::default());
    // [^3] is still under the disable for unused-footnote, not for missing-footnote.
    let kept: Vec<_> = s.kept.iter().map(|f| (f.rule, &text[f.span.clone()])).collect();
    assert_eq!(kept, [(MISSING, "[^1]"), (MISSING, "[^3]")]);
    assert!(s.unused.is_empty(), "{:?}", messages(&s));
}

#[test]
fn enable_of_one_rule_inside_a_disable_of_all_keeps_the_others_off() {
    let text = "<!-- citelint-disable -->\n<!-- citelint-enable unused-footnote -->\nA.[^1]\n";
    let found = vec![finding(MISSING, text, "[^1]", 0), finding(UNUSED, text, "[^1]", 0)];
    let s = apply_to(&md(text), "a.md", found, &IgnoreSet::default());
    assert_eq!(s.kept.iter().map(|f| f.rule).collect::<Vec<_>>(), [UNUSED]);
}

#[test]
fn disable_file_applies_before_and_after_the_comment() {
    let text = "A.[^1]\n<!-- citelint-disable-file missing-footnote -->\nB.[^2]\n";
    let found = vec![finding(MISSING, text, "[^1]", 0), finding(MISSING, text, "[^2]", 0)];
    let s = apply_to(&md(text), "a.md", found, &IgnoreSet::default());
    assert!(s.kept.is_empty());
    assert_eq!(s.suppressed.len(), 2);
}

#[test]
fn a_comment_that_suppresses_nothing_is_reported_at_its_span() {
    let text = "<!-- citelint-disable-next-line missing-footnote -->\nA.[^1]\n\nB.\n";
    let s = apply_to(&md(text), "a.md", vec![], &IgnoreSet::default());
    assert_eq!(messages(&s), ["this `citelint-disable-next-line` comment suppresses nothing"]);
    assert_eq!(s.unused[0].rule, "unused-suppression");
    assert_eq!(s.unused[0].severity, Severity::Info);
    assert_eq!(&text[s.unused[0].span.clone()], "<!-- citelint-disable-next-line missing-footnote -->");
}

#[test]
fn a_comment_partly_used_names_the_rules_that_suppressed_nothing() {
    let text = "<!-- citelint-disable-next-line missing-footnote unused-footnote -->\nA.[^1]\n";
    let s = apply_to(&md(text), "a.md", vec![finding(MISSING, text, "[^1]", 0)], &IgnoreSet::default());
    assert_eq!(messages(&s), ["`citelint-disable-next-line` suppresses nothing for `unused-footnote`"]);
}

#[test]
fn unknown_rules_and_directives_are_reported() {
    let text = "<!-- citelint-disable mising-footnote -->\n<!-- citelint-disable-nextline -->\nA.[^1]\n";
    let s = apply_to(&md(text), "a.md", vec![finding(MISSING, text, "[^1]", 0)], &IgnoreSet::default());
    assert_eq!(s.kept.len(), 1, "an unknown rule suppresses nothing");
    assert_eq!(
        messages(&s),
        [
            "unknown rule `mising-footnote` in a suppression comment",
            "unknown directive `citelint-disable-nextline`"
        ]
    );
    assert!(s.unused[0].help.as_deref().unwrap().contains("did you mean `missing-footnote`?"));
}

#[test]
fn ordinary_comments_and_enable_comments_are_not_reported() {
    let text = "<!-- a note to the editor -->\n<!-- citelint-enable -->\nA.\n<!-- unterminated";
    let s = apply_to(&md(text), "a.md", vec![], &IgnoreSet::default());
    assert!(s.unused.is_empty(), "{:?}", messages(&s));
}

const PROFILE: &str =
    "Armenia\n\nPresident Iham Aliyev said so.[1]\n\n[1] Statement of Ilham Aliyev, 2 May 2020.\n";

fn entry(path: &str, rule: &str, text: Option<&str>) -> IgnoreEntry {
    IgnoreEntry {
        path: path.into(),
        rule: rule.into(),
        text: text.map(Into::into),
        reason: Some("spelling used by the source".into()),
    }
}

fn text_doc(text: &str) -> Document<'_> {
    Document::parse(text, Format::Text)
}

#[test]
fn an_ignore_entry_suppresses_its_text_and_echoes_its_reason() {
    let set = IgnoreSet::new(vec![entry("profiles/*.txt", MISSING, Some("Iham   Aliyev"))]).unwrap();
    let found = vec![finding(MISSING, PROFILE, "Iham Aliyev", 0), finding(MISSING, PROFILE, "[1]", 0)];
    let s = apply_to(&text_doc(PROFILE), "./profiles/armenia.txt", found, &set);
    assert_eq!(kept_texts(PROFILE, &s), ["[1]"]);
    assert_eq!(s.suppressed[0].1.reason(), Some("spelling used by the source"));
    assert_eq!(
        s.suppressed[0].1,
        SuppressedBy::Ignore { index: 0, reason: Some("spelling used by the source".into()) }
    );
    assert!(set.unused(StaleScope::Everything).is_empty());
}

#[test]
fn an_ignore_entry_without_text_covers_the_whole_rule_in_matching_files_only() {
    let set = IgnoreSet::new(vec![entry("armenia.txt", MISSING, None)]).unwrap();
    let found = || vec![finding(MISSING, PROFILE, "[1]", 0)];
    assert!(apply_to(&text_doc(PROFILE), "deep/dir/armenia.txt", found(), &set).kept.is_empty());
    assert_eq!(apply_to(&text_doc(PROFILE), "deep/dir/georgia.txt", found(), &set).kept.len(), 1);
}

#[test]
fn a_star_does_not_cross_directories() {
    let set = IgnoreSet::new(vec![entry("profiles/*.txt", MISSING, None)]).unwrap();
    let s = apply_to(
        &text_doc(PROFILE),
        "profiles/old/armenia.txt",
        vec![finding(MISSING, PROFILE, "[1]", 0)],
        &set,
    );
    assert_eq!(s.kept.len(), 1);
}

#[test]
fn an_unused_ignore_entry_is_reported_once_for_the_run() {
    let set = IgnoreSet::new(vec![
        entry("a.txt", MISSING, Some("Iham Aliyev")),
        entry("gone.txt", MISSING, None),
        entry("a.txt", UNUSED, None),
    ])
    .unwrap();
    let s = apply_to(&text_doc(PROFILE), "a.txt", vec![finding(UNUSED, PROFILE, "[1]", 1)], &set);
    assert!(s.kept.is_empty());
    let unused = set.unused(StaleScope::CheckedFiles);
    assert_eq!(unused.iter().map(|u| u.index).collect::<Vec<_>>(), [0]);
    assert_eq!(
        unused[0].message,
        "[[ignore]] entry 1 for `missing-footnote` findings on “Iham Aliyev” in `a.txt` suppresses nothing"
    );
    let all = set.unused(StaleScope::Everything);
    assert_eq!(all.iter().map(|u| u.index).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(all[1].message, "[[ignore]] entry 2: path `gone.txt` matches no checked file");
    let f = all[1].to_finding(3..9);
    assert_eq!((f.rule, f.severity, f.span), ("unused-suppression", Severity::Info, 3..9));
}

#[test]
fn ignore_entries_are_validated() {
    let err = IgnoreSet::new(vec![entry("a.txt", "missing-footnotes", None)]).unwrap_err();
    assert_eq!(err.to_string(), "[[ignore]] entry 1: unknown rule `missing-footnotes`");
    let err = IgnoreSet::new(vec![entry("a[.txt", MISSING, None)]).unwrap_err();
    assert!(matches!(err, IgnoreError::BadPath { number: 1, .. }), "{err:?}");
}

#[test]
fn ignore_entries_deserialize_strictly_from_toml() {
    #[derive(Debug, Deserialize)]
    struct Config {
        ignore: Vec<IgnoreEntry>,
    }
    let ok: Config = toml::from_str(
        "[[ignore]]\npath = \"a.txt\"\nrule = \"name-mismatch\"\ntext = \"Iham\"\nreason = \"as written\"\n",
    )
    .unwrap();
    assert_eq!(ok.ignore[0].text.as_deref(), Some("Iham"));
    let bad = toml::from_str::<Config>("[[ignore]]\npath = \"a.txt\"\nrule = \"x\"\nreasons = \"typo\"\n");
    assert!(bad.unwrap_err().to_string().contains("unknown field `reasons`"));
}

#[test]
fn odd_spans_and_multibyte_text_never_panic() {
    let text = "<!-- citelint-disable-line -->é[^1]\n<!-- citelint-disable-next-line -->";
    let mut f = finding(MISSING, text, "[^1]", 0);
    f.span = 31..200;
    let s = apply_to(&md(text), "a.md", vec![f], &IgnoreSet::default());
    assert_eq!(s.suppressed.len(), 1);
    assert_eq!(messages(&s), ["this `citelint-disable-next-line` comment suppresses nothing"]);
}

#[test]
fn a_comment_for_a_rule_that_did_not_run_is_not_unused() {
    let text = "<!-- citelint-disable-next-line missing-footnote unused-footnote -->\nA.[^1]\n";
    let ran = |rule: &str| rule != UNUSED;
    let s = apply(text, &md(text).comments, "a.md", vec![], &IgnoreSet::default(), &ran);
    assert_eq!(messages(&s), ["`citelint-disable-next-line` suppresses nothing for `missing-footnote`"]);
    let s = apply(text, &md(text).comments, "a.md", vec![], &IgnoreSet::default(), &|_| false);
    assert!(s.unused.is_empty(), "{:?}", messages(&s));
}
