//! The Markdown note styles beyond GFM's: one fixture each in `fixtures/markdown-styles/`
//! (written for this project: a profile's statements, letters and dates, with a missing
//! note and an unused one), read for its citations, notes and findings; then mixed
//! styles, escapes, markers set off by a space, hard-wrapped lines, exponents, code and
//! comments, a bibliography under a References heading, and what a document whose notes
//! are not understood gets instead of a silent pass.

mod support;

use std::path::Path;

use citelint::document::{Document, Format};
use citelint::rules::{RuleSettings, run};
use support::cli::{Scratch, json, run as run_cli};

/// What a fixture reads as: citations and notes as (label, marker as written), and every
/// finding of every document rule as (rule, flagged text, line).
struct Read {
    citations: Vec<(String, String)>,
    notes: Vec<(String, String)>,
    findings: Vec<(&'static str, String, usize)>,
}

fn read_text(text: &str) -> Read {
    let doc = Document::parse(text, Format::Markdown);
    let pair = |label: &str, span: &std::ops::Range<usize>| (label.to_owned(), text[span.clone()].to_owned());
    Read {
        citations: doc.citations.iter().map(|c| pair(&c.label, &c.span)).collect(),
        notes: doc.footnotes.iter().map(|f| pair(&f.label, &f.marker_span)).collect(),
        findings: run(&doc, &RuleSettings::default(), |r| Some(r.default_severity))
            .into_iter()
            .map(|f| {
                (f.rule, text[f.span.clone()].to_owned(), text[..f.span.start].matches('\n').count() + 1)
            })
            .collect(),
    }
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/markdown-styles").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(name: &str) -> Read {
    read_text(&fixture(name))
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|&(l, m)| (l.to_owned(), m.to_owned())).collect()
}

fn found(list: &[(&'static str, &str, usize)]) -> Vec<(&'static str, String, usize)> {
    list.iter().map(|&(r, t, l)| (r, t.to_owned(), l)).collect()
}

#[test]
fn plain_bracket_notes_in_markdown_are_read_like_a_plain_profile() {
    let r = read("plain-brackets.md");
    // [3] is set off by a space and names a note; [4] opens a wrapped line of the
    // paragraph, so it cites note 4 and opens no note; `[7]` in code and [5] in a comment
    // are no citations.
    assert_eq!(r.citations, pairs(&[("1", "[1]"), ("2", "[2]"), ("3", "[3]"), ("4", "[4]"), ("6", "[6]")]));
    // The notes list has no blank lines between notes 1–4.
    assert_eq!(r.notes, pairs(&[("1", "[1]"), ("2", "[2]"), ("3", "[3]"), ("4", "[4]"), ("5", "[5]")]));
    assert_eq!(
        r.findings,
        found(&[
            ("missing-footnote", "[6]", 10),
            // Note 1's statement is dated after the profile's "Last updated" date.
            ("source-after-update", "21 November 2023", 16),
            ("unused-footnote", "[5]", 21),
        ])
    );
}

#[test]
fn a_numbered_list_under_a_bold_sources_line_is_the_notes_list() {
    let r = read("numbered-notes.md");
    assert_eq!(r.citations, pairs(&[("1", "[1]"), ("2", "[2]"), ("3", "[3]"), ("5", "[5]")]));
    // The numbered steps in the body are no notes; the list under **Sources:** is.
    assert_eq!(r.notes, pairs(&[("1", "1."), ("2", "2."), ("3", "3."), ("4", "4.")]));
    assert_eq!(r.findings, found(&[("missing-footnote", "[5]", 10), ("unused-footnote", "4.", 17)]));
}

#[test]
fn pandoc_escaped_brackets_are_markers_and_escapes_read_as_their_characters() {
    let text = fixture("pandoc-escaped.md");
    let r = read_text(&text);
    assert_eq!(r.citations, pairs(&[("1", "\\[1\\]"), ("2", "\\[2\\]"), ("3", "\\[3\\]"), ("4", "\\[4\\]")]));
    assert_eq!(r.notes, pairs(&[("1", "\\[1\\]"), ("2", "\\[2\\]"), ("3", "\\[3\\]"), ("5", "\\[5\\]")]));
    // Note 3's `\"…,\"` is a balanced pair of quotation marks, not two stray backslashes.
    assert_eq!(r.findings, found(&[("missing-footnote", "\\[4\\]", 7), ("unused-footnote", "\\[5\\]", 15)]));
    let doc = Document::parse(&text, Format::Markdown);
    let urls: Vec<_> =
        doc.urls().iter().map(|u| (u.raw.clone(), u.href().into_owned(), u.footnote.clone())).collect();
    assert_eq!(
        urls,
        [(
            "https://vmac.veridia.example/national\\_strategy\\_2021.pdf".to_owned(),
            "https://vmac.veridia.example/national_strategy_2021.pdf".to_owned(),
            Some("3".to_owned())
        )]
    );
}

#[test]
fn sup_markers_are_read_and_exponents_are_not() {
    let r = read("sup.md");
    // `m<sup>2</sup>` and `10<sup>6</sup>` are exponents.
    assert_eq!(
        r.citations,
        pairs(&[
            ("1", "<sup>[1]</sup>"),
            ("2", "[2]"),
            ("3", "[3]"),
            ("4", "<sup><a href=\"#ref-4\">4</a></sup>"),
            ("6", "<sup>6</sup>"),
        ])
    );
    let notes: Vec<_> = r.notes.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(notes, ["1", "2", "3", "4", "5"]);
    assert_eq!(r.notes[0].1, "<sup>1</sup>");
    assert_eq!(
        r.findings,
        found(&[("missing-footnote", "<sup>6</sup>", 5), ("unused-footnote", "<sup>5</sup>", 13)])
    );
}

#[test]
fn notes_known_only_by_their_anchors_take_the_number_the_body_links_give_them() {
    let r = read("sup-anchors.md");
    let cited: Vec<_> = r.citations.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(cited, ["1", "2", "3"]);
    // No link points at `fn-c`; `fn-d`, which nothing links to, has no number and so is
    // no note: an anchored list can show a missing note, not an unused one.
    assert_eq!(r.notes, pairs(&[("1", "<span id=\"fn-a\">"), ("2", "<span id=\"fn-b\">")]));
    assert_eq!(r.findings, found(&[("missing-footnote", "<sup><a href=\"#fn-c\">3</a></sup>", 3)]));
}

#[test]
fn pandoc_superscripts_are_markers_and_km_squared_is_not() {
    let r = read("caret.md");
    assert_eq!(r.citations, pairs(&[("1", "^1^"), ("2", "^2^"), ("3", "^3^"), ("5", "^5^")]));
    assert_eq!(r.notes, pairs(&[("1", "^1^"), ("2", "^2^"), ("3", "^3^"), ("4", "^4^")]));
    assert_eq!(r.findings, found(&[("missing-footnote", "^5^", 5), ("unused-footnote", "^4^", 13)]));
}

#[test]
fn superscript_digits_cite_a_numbered_endnotes_list() {
    let r = read("superscript.md");
    // `km²` and `10³` are exponents.
    assert_eq!(r.citations, pairs(&[("1", "¹"), ("2", "²"), ("3", "³"), ("5", "⁵")]));
    assert_eq!(r.notes, pairs(&[("1", "1."), ("2", "2."), ("3", "3."), ("4", "4.")]));
    assert_eq!(r.findings, found(&[("missing-footnote", "⁵", 5), ("unused-footnote", "4.", 12)]));
}

#[test]
fn a_document_that_mixes_styles_is_read_in_each() {
    let r = read("mixed.md");
    // `[^x]` and `[2]` in a code span and `[3]` in a code block are no citations.
    assert_eq!(r.citations, pairs(&[("art7", "[^art7]"), ("1", "[1]"), ("june", "[^june]"), ("5", "[5]")]));
    assert_eq!(r.notes, pairs(&[("art7", "[^art7]:"), ("june", "[^june]:"), ("1", "[1]"), ("4", "[4]")]));
    assert_eq!(r.findings, found(&[("missing-footnote", "[5]", 9), ("unused-footnote", "[4]", 15)]));
}

#[test]
fn links_in_notes_of_every_form_belong_to_their_note() {
    let text = "Said.[1] Again.[2]\n\n[1] Report, [the page](https://a.example/x\\_y), 2020.\n\
                [2] Letter, <https://b.example/l>, and https://c.example/c, 2021.\n";
    let doc = Document::parse(text, Format::Markdown);
    let urls: Vec<_> = doc.urls().iter().map(|u| (u.href().into_owned(), u.footnote.clone())).collect();
    let note = |n: &str| Some(n.to_owned());
    assert_eq!(
        urls,
        [
            ("https://a.example/x_y".to_owned(), note("1")),
            ("https://b.example/l".to_owned(), note("2")),
            ("https://c.example/c".to_owned(), note("2")),
        ]
    );
}

#[test]
fn a_marker_set_off_by_a_space_cites_only_a_note_that_exists() {
    let r = read_text(
        "It was not enough. [7] In later years, [2019] was worse. [8]\n\n[7] Letter, 2 May 2020.\n",
    );
    assert_eq!(r.citations, pairs(&[("7", "[7]")]));
    // The same in plain text.
    let doc = Document::parse(
        "T\n\nIt was not enough. [7] In [2019] it was. [8]\n\n[7] Letter, 2020.\n",
        Format::Text,
    );
    let labels: Vec<_> = doc.citations.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["7"]);
}

#[test]
fn a_marker_opening_a_wrapped_line_is_no_note_in_either_reader() {
    let text =
        "Intro.\n\nThe centre said so.\n[2] It added more.\n\n[1] Statement, 2020.\n\n[2] Letter, 2021.\n";
    for format in [Format::Markdown, Format::Text] {
        let doc = Document::parse(text, format);
        let notes: Vec<_> = doc.footnotes.iter().map(|f| doc.slice(&f.marker_span)).collect();
        assert_eq!(notes, ["[1]", "[2]"], "{format:?}");
        let cited: Vec<_> = doc.citations.iter().map(|c| doc.slice(&c.span)).collect();
        assert_eq!(cited, ["[2]"], "{format:?}");
    }
}

#[test]
fn a_numbered_list_the_body_does_not_cite_is_a_bibliography() {
    let text = "# Paper\n\nWe follow earlier work closely.[^1]\n\n## References\n\n1. NIST SP 800-204.\n2. NIST SP 800-190.\n\n[^1]: Smith, 2020.\n";
    let r = read_text(text);
    assert_eq!(r.notes, pairs(&[("1", "[^1]:")]));
    assert!(r.findings.is_empty(), "{:?}", r.findings);
}

#[test]
fn notes_in_an_unread_form_are_reported_not_passed() {
    // Word's raised numbers lost in a paste: "1997.4" and a Notes list of "4 …" lines.
    let text = "# Profile\n\nVeridia acceded in 1997.4\n\n## Notes\n\n4 Statement of Veridia, 3 May 2020.\n";
    let r = read_text(text);
    assert!(r.citations.is_empty() && r.notes.is_empty());
    assert_eq!(r.findings, found(&[("unrecognised-notes", "## Notes", 5)]));
}

#[test]
fn the_human_summary_notes_each_file_without_citations_or_footnotes() {
    let s = Scratch::new();
    s.write("a-read.md", fixture("caret.md"));
    s.write("b-unread.md", "# Profile\n\nNo notes at all.\n");
    let (_, _, stderr) = run_cli(s.cmd().args(["a-read.md", "b-unread.md", "--offline"]));
    assert!(stderr.contains("note: b-unread.md: no citations or footnotes found\n"), "{stderr}");
    assert!(!stderr.contains("a-read.md: no citations"), "{stderr}");
    let (_, _, quiet) = run_cli(s.cmd().args(["a-read.md", "b-unread.md", "--offline", "--quiet"]));
    assert!(!quiet.contains("no citations or footnotes found"), "{quiet}");
    let (_, stdout, machine) =
        run_cli(s.cmd().args(["a-read.md", "b-unread.md", "--offline", "--format", "json"]));
    assert_eq!(machine, "");
    assert_eq!(json(&stdout)["summary"]["citations"], 4);
}
