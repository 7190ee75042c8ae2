//! The JSON report (`"version": 1`): every finding with 1-based lines and character
//! columns, byte offsets, the paths that could not be checked, and the run's summary.

use std::io::{self, Write};

use serde::Serialize;

use super::span_positions;
use crate::check::{Outcome, Summary};
use crate::source::LineIndex;
use crate::suppress::SuppressedBy;

/// The format's version; bumped when a field changes meaning or disappears.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    /// Paths that could not be checked (not found, unreadable, not UTF-8…).
    errors: Vec<JsonError>,
    summary: Summary,
    /// Findings a suppression silenced, each with what silenced it and why.
    suppressed: Vec<JsonSuppressed<'a>>,
    /// Baseline entries that matched no finding (with `--baseline`): prune them.
    stale_baseline: Vec<JsonStale<'a>>,
}

#[derive(Serialize)]
struct JsonSuppressed<'a> {
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
    /// `comment` (a `citelint-disable…` comment) or `ignore` (an `[[ignore]]` entry).
    by: &'static str,
    /// The comment's line, or the `[[ignore]]` entry's number (1-based).
    #[serde(skip_serializing_if = "Option::is_none")]
    comment_line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ignore_entry: Option<usize>,
    reason: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonStale<'a> {
    path: &'a str,
    rule: &'a str,
    fingerprint: &'a str,
    text: &'a str,
    message: &'a str,
    /// How many of the entry's `count` findings are gone.
    missing: u32,
    count: u32,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'a str,
    severity: &'a str,
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    offset: usize,
    length: usize,
    message: &'a str,
    help: Option<&'a str>,
    note: Option<&'a str>,
    related: Vec<JsonRelated<'a>>,
    /// For formats whose lines mean little to an editor (Word): the paragraph the finding
    /// is in, counted from 1 in the body, or within its note.
    #[serde(skip_serializing_if = "Option::is_none")]
    paragraph: Option<usize>,
    /// The label of the footnote or endnote whose text holds the finding (Word).
    #[serde(skip_serializing_if = "Option::is_none")]
    in_note: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonError {
    path: String,
    message: String,
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut findings = Vec::new();
    for file in &outcome.files {
        let index = LineIndex::new(&file.source);
        for f in &file.findings {
            let (start, end) = span_positions(&index, &file.source, f);
            let place = file.places.at(f.span.start);
            findings.push(JsonFinding {
                rule: f.rule,
                severity: f.severity.as_str(),
                path: &file.path,
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                offset: f.span.start,
                length: f.span.len(),
                message: &f.message,
                help: f.help.as_deref(),
                note: f.note.as_deref(),
                related: f
                    .related
                    .iter()
                    .map(|r| {
                        let at = index.position(&file.source, r.span.start);
                        JsonRelated {
                            path: &file.path,
                            line: at.line,
                            column: at.column,
                            message: &r.message,
                        }
                    })
                    .collect(),
                paragraph: place.map(|p| p.paragraph),
                in_note: place.and_then(|p| p.note.as_deref()),
            });
        }
    }
    let mut suppressed = Vec::new();
    for file in &outcome.files {
        if file.suppressed.is_empty() {
            continue;
        }
        let index = LineIndex::new(&file.source);
        for s in &file.suppressed {
            let at = index.position(&file.source, s.finding.span.start);
            let (by, comment_line, ignore_entry) = match &s.by {
                SuppressedBy::Comment { span } => {
                    ("comment", Some(index.position(&file.source, span.start).line), None)
                }
                SuppressedBy::Ignore { index, .. } => ("ignore", None, Some(index + 1)),
            };
            suppressed.push(JsonSuppressed {
                rule: s.finding.rule,
                severity: s.finding.severity.as_str(),
                path: &file.path,
                line: at.line,
                column: at.column,
                message: &s.finding.message,
                by,
                comment_line,
                ignore_entry,
                reason: s.by.reason(),
            });
        }
    }
    let stale_baseline = outcome
        .stale_baseline
        .iter()
        .map(|s| JsonStale {
            path: &s.entry.path,
            rule: &s.entry.rule,
            fingerprint: &s.entry.fingerprint,
            text: &s.entry.text,
            message: &s.entry.message,
            missing: s.missing,
            count: s.entry.count,
        })
        .collect();
    let errors = outcome
        .errors
        .iter()
        .map(|e| JsonError { path: e.path().to_owned(), message: e.to_string() })
        .collect();
    let report =
        Report { version: VERSION, findings, errors, summary: outcome.summary(), suppressed, stale_baseline };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::FileReport;
    use crate::document::readers::{Place, Places};
    use crate::document::{Format, Markers};
    use crate::rules::{Finding, Severity};

    fn outcome(places: Places) -> Outcome {
        let source = "Body text.[2]\n\n[1] A note.\n".to_owned();
        let finding = Finding {
            rule: "missing-footnote",
            severity: Severity::Error,
            span: 10..13,
            message: "footnote [2] is cited but does not exist".into(),
            help: None,
            note: Some("2".into()),
            related: Vec::new(),
        };
        let file = FileReport {
            path: "a.docx".into(),
            source,
            format: Format::Text,
            places,
            findings: vec![finding],
            citations: 1,
            footnotes: 1,
            markers: Markers::default(),
            suppressed: Vec::new(),
            baselined: Vec::new(),
            is_config: false,
        };
        Outcome { files: vec![file], ..Outcome::default() }
    }

    fn first_finding(o: &Outcome) -> serde_json::Value {
        let mut out = Vec::new();
        write(o, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        v["findings"][0].clone()
    }

    #[test]
    fn a_finding_names_its_paragraph_and_note_where_the_format_has_them() {
        let mut places = Places::default();
        places.push(0, Place { note: None, paragraph: 7 });
        places.push(15, Place { note: Some("1".into()), paragraph: 1 });
        let mut o = outcome(places);
        let f = first_finding(&o);
        assert_eq!(f["paragraph"], 7);
        assert!(f.get("in_note").is_none());
        o.files[0].findings[0].span = 19..23;
        let f = first_finding(&o);
        assert_eq!((f["paragraph"].as_u64(), f["in_note"].as_str()), (Some(1), Some("1")));
        let without = first_finding(&outcome(Places::default()));
        assert!(without.get("paragraph").is_none() && without.get("in_note").is_none());
        assert_eq!(without["line"], 1);
    }
}
