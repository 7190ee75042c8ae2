//! The JSON report (`"version": 1`): every finding with 1-based lines and character
//! columns, byte offsets, the paths that could not be checked, and the run's summary.

use std::io::{self, Write};

use serde::Serialize;

use super::span_positions;
use crate::source::LineIndex;
use crate::{Outcome, Summary};

/// The format's version; bumped when a field changes meaning or disappears.
pub const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    findings: Vec<JsonFinding<'a>>,
    /// Paths that could not be checked (not found, unreadable, not UTF-8…).
    errors: Vec<JsonError>,
    summary: Summary,
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
    let errors = outcome
        .errors
        .iter()
        .map(|e| JsonError { path: e.path().to_owned(), message: e.to_string() })
        .collect();
    let report = Report { version: VERSION, findings, errors, summary: outcome.summary() };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
