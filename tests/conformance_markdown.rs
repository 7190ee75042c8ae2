//! `fixtures/broken-profile.txt` rendered in each Markdown note style yields the plain
//! profile's findings: the same rules, about the same notes, flagging the same text —
//! where a finding points at a marker, the marker as that style writes it.
//!
//! The renderings in `fixtures/markdown-styles/broken-profile-*.md` change only the note
//! markup: each body marker attached to the text (`[6]`) and each `[n]` opening a note
//! line is rewritten in the style; every other byte is the profile's. `render` below
//! states the rewriting and the first test checks each file is exactly its output.
//!
//! What a style cannot carry: `[13]Interview…` (a marker run into its note's text) is a
//! defect only where the marker is typed — plain `[n]` and Pandoc's `\[n\]`. A raised
//! number needs no space (`<sup>13</sup>Interview`, `^13^Interview`), and a numbered
//! list item cannot be written without one (`13.Interview` is no item), so those three
//! renderings carry every finding but that one.

use std::path::Path;

use citelint::document::{Document, Format};
use citelint::rules::{RuleSettings, run};

const STYLES: &[&str] = &["plain", "escaped", "sup", "caret", "superscript"];

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// How `style` writes a body marker and a note's opening marker for `label`.
fn markers(style: &str, label: &str) -> (String, String) {
    match style {
        "plain" => (format!("[{label}]"), format!("[{label}]")),
        "escaped" => (format!("\\[{label}\\]"), format!("\\[{label}\\]")),
        "sup" => (format!("<sup>{label}</sup>"), format!("<sup>{label}</sup>")),
        "caret" => (format!("^{label}^"), format!("^{label}^")),
        "superscript" => (label.chars().map(superscript).collect(), format!("{label}.")),
        _ => unreachable!("{style}"),
    }
}

fn superscript(d: char) -> char {
    match d {
        '1' => '¹',
        '2' => '²',
        '3' => '³',
        _ => char::from_u32(0x2070 + d.to_digit(10).unwrap_or(0)).unwrap_or(d),
    }
}

/// `[n]` at the start of `s`: its label and length.
fn bracket(s: &str) -> Option<(&str, usize)> {
    let digits = s.strip_prefix('[')?.bytes().take_while(u8::is_ascii_digit).count();
    (digits > 0 && s.as_bytes().get(1 + digits) == Some(&b']')).then(|| (&s[1..1 + digits], digits + 2))
}

/// The profile in `style`: body markers attached to the text, and the `[n]` opening each
/// line of the notes list, rewritten; for superscript digits the notes are a numbered
/// list under a `Notes` heading (whose item 13 needs the space an item needs).
fn render(profile: &str, style: &str) -> String {
    let notes_at = profile.find("\n[1] ").expect("a notes list") + 1;
    let (body, notes) = profile.split_at(notes_at);
    let mut out = String::new();
    let mut rest = body;
    while let Some(i) = rest.find('[') {
        let attached = rest[..i].chars().next_back().is_some_and(|c| !c.is_whitespace());
        match bracket(&rest[i..]).filter(|_| attached) {
            Some((label, len)) => {
                out.push_str(&rest[..i]);
                out.push_str(&markers(style, label).0);
                rest = &rest[i + len..];
            }
            None => {
                out.push_str(&rest[..=i]);
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    if style == "superscript" {
        out.push_str("Notes\n\n");
    }
    for line in notes.split_inclusive('\n') {
        match bracket(line) {
            Some((label, len)) => {
                out.push_str(&markers(style, label).1);
                let text = &line[len..];
                if style == "superscript" && !text.starts_with([' ', '\n']) {
                    out.push(' ');
                }
                out.push_str(text);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// Every finding as (rule, note label, flagged text), with a flagged marker written as
/// `marker` or `note-marker` (its text checked against the style by the caller).
type Finding = (&'static str, Option<String>, String);

fn findings(text: &str, format: Format) -> Vec<Finding> {
    let doc = Document::parse(text, format);
    let is_citation = |s: &std::ops::Range<usize>| doc.citations.iter().any(|c| c.span == *s);
    let is_note = |s: &std::ops::Range<usize>| doc.footnotes.iter().any(|f| f.marker_span == *s);
    run(&doc, &RuleSettings::default(), |r| Some(r.default_severity))
        .into_iter()
        .map(|f| {
            let flagged = if is_citation(&f.span) {
                format!("marker {}", &text[f.span.clone()])
            } else if is_note(&f.span) {
                format!("note-marker {}", &text[f.span.clone()])
            } else {
                text[f.span.clone()].to_owned()
            };
            (f.rule, f.note, flagged)
        })
        .collect()
}

#[test]
fn each_rendering_is_the_profile_with_only_its_note_markup_changed() {
    let profile = read("broken-profile.txt");
    assert_eq!(render(&profile, "plain"), profile, "plain [n] Markdown is the profile itself");
    for style in STYLES {
        let file = format!("markdown-styles/broken-profile-{style}.md");
        assert!(read(&file) == render(&profile, style), "{file} is not the rendering of broken-profile.txt");
    }
}

#[test]
fn every_rendering_yields_the_plain_profiles_findings() {
    let profile = read("broken-profile.txt");
    let want = findings(&profile, Format::Text);
    // The plain profile's findings, as a guard that this test compares something.
    let rules: Vec<_> = want.iter().map(|f| f.0).collect();
    assert_eq!(
        rules,
        [
            "date-mismatch",
            "name-mismatch",
            "footnote-order",
            "missing-footnote",
            "source-after-update",
            "ambiguous-ibid",
            "ambiguous-ibid",
            "malformed-footnote",
            "duplicate-footnote",
            "malformed-footnote",
            "malformed-footnote",
            "broken-cross-reference",
            "unused-footnote",
        ]
    );
    for style in STYLES {
        let text = read(&format!("markdown-styles/broken-profile-{style}.md"));
        let got = findings(&text, Format::Markdown);
        // Markers as the style writes them.
        let expected: Vec<Finding> = want
            .iter()
            .filter(|(rule, note, flagged)| {
                let run_in = *rule == "malformed-footnote"
                    && note.as_deref() == Some("13")
                    && flagged.starts_with("note-marker");
                !(run_in && matches!(*style, "sup" | "caret" | "superscript"))
            })
            .map(|(rule, note, flagged)| {
                let label = note.clone().unwrap_or_default();
                let (body, opening) = markers(style, &label);
                let flagged = if flagged.starts_with("marker ") {
                    format!("marker {body}")
                } else if flagged.starts_with("note-marker ") {
                    format!("note-marker {opening}")
                } else {
                    flagged.clone()
                };
                (*rule, note.clone(), flagged)
            })
            .collect();
        assert_eq!(got, expected, "{style}");
    }
}

#[test]
fn every_rendering_has_the_profiles_citations_and_notes() {
    let profile = read("broken-profile.txt");
    let doc = Document::parse(&profile, Format::Text);
    let labels = |doc: &Document| -> (Vec<String>, Vec<String>) {
        (
            doc.citations.iter().map(|c| c.label.clone()).collect(),
            doc.footnotes.iter().map(|f| f.label.clone()).collect(),
        )
    };
    let want = labels(&doc);
    assert_eq!(want.0.len(), 15);
    assert_eq!(want.1.len(), 16);
    for style in STYLES {
        let text = read(&format!("markdown-styles/broken-profile-{style}.md"));
        assert_eq!(labels(&Document::parse(&text, Format::Markdown)), want, "{style}");
    }
}
