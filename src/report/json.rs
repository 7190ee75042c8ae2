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
