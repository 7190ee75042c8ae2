//! Reports: one module per output format, over an [`Outcome`].
//!
//! Findings go to standard output; errors about paths, notes on skipped files and the
//! human summary line go to standard error, so `citelint --format json > out.json`
//! captures only the report.

mod excerpt;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod sarif;
pub mod source;

use std::io::{self, Write};

use crate::check::Outcome;
use crate::rules::Finding;
use crate::source::{LineIndex, Position};

/// How findings are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// Annotated source excerpts (miette).
    Human,
    /// One JSON document: findings, errors and a summary.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands (annotations on the pull request).
    Github,
    /// GitLab Code Quality JSON (a job's `codequality` report).
    Gitlab,
    /// One self-contained HTML page for editors.
    Html,
}

/// Rendering choices independent of the format.
#[derive(Clone, Copy, Debug)]
pub struct ReportOptions {
    /// Colour the human report (standard output).
    pub color: bool,
    /// Colour errors and notes (standard error).
    pub color_stderr: bool,
    /// Columns the human report wraps at.
    pub width: usize,
    /// Human report: findings only, no summary line and no notes.
    pub quiet: bool,
}

impl ReportOptions {
    /// The options for writing to standard error (its own colour choice).
    pub fn err_options(&self) -> ReportOptions {
        ReportOptions { color: self.color_stderr, ..*self }
    }
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions { color: false, color_stderr: false, width: 100, quiet: false }
    }
}

/// Write `outcome` as `format`: the report on `out`, path errors and notes on `err`.
pub fn render(
    outcome: &Outcome,
    format: OutputFormat,
    options: &ReportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    if !options.quiet || format != OutputFormat::Human {
        for note in &outcome.notes {
            writeln!(err, "note: {note}")?;
        }
    }
    for warning in &outcome.warnings {
        writeln!(err, "warning: {warning}")?;
    }
    let err_options = options.err_options();
    for e in &outcome.errors {
        human::write_diagnostic(e, &err_options, err)?;
    }
    match format {
        OutputFormat::Human => human::write(outcome, options, out, err),
        OutputFormat::Json => json::write(outcome, out),
        OutputFormat::Sarif => sarif::write(outcome, out),
        OutputFormat::Github => github::write(outcome, out),
        OutputFormat::Gitlab => gitlab::write(outcome, out),
        OutputFormat::Html => write_html(outcome, out),
    }?;
    // The human report lists these itself, before its summary; JSON carries them.
    if !matches!(format, OutputFormat::Human | OutputFormat::Json) {
        human::write_stale_baseline(outcome, err)?;
    }
    Ok(())
}

/// The HTML page. Citations and footnotes are linked on the page: the check kept each
/// file's markers for it ([`crate::Settings::keep_sources`]), so no file is parsed again.
fn write_html(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let files: Vec<html::HtmlFile> = outcome
        .files
        .iter()
        .map(|f| html::HtmlFile {
            path: &f.path,
            source: &f.source,
            findings: &f.findings,
            markers: &f.markers,
        })
        .collect();
    out.write_all(html::render(&files).as_bytes())
}

/// A finding's span as 1-based start and end positions (the end is the position just
/// after the last character, as SARIF's `endColumn` is).
pub(crate) fn span_positions(index: &LineIndex, text: &str, finding: &Finding) -> (Position, Position) {
    (index.position(text, finding.span.start), index.position(text, finding.span.end))
}
