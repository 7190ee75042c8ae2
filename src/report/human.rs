//! The human report: each finding as a miette diagnostic over its source excerpt, and a
//! closing summary line.

use std::fmt;
use std::io::{self, Write};

use miette::{Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::ReportOptions;
use super::excerpt::Excerpt;
use crate::check::{Outcome, Summary};
use crate::document::readers::Place;
use crate::rules::{Finding, Severity};
use crate::source::LineIndex;
use crate::suppress::SuppressedBy;

/// Write every finding to `out` and the summary line to `err`.
pub fn write(
    outcome: &Outcome,
    options: &ReportOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<()> {
    let handler = handler(options);
    let mut buf = String::new();
    for file in &outcome.files {
        if file.findings.is_empty() {
            continue;
        }
        let index = LineIndex::new(&file.source);
        for finding in &file.findings {
            buf.clear();
            let mut diagnostic =
                FindingDiagnostic::new(finding, &file.path, &file.source, &index, options.width);
            diagnostic.place = file.places.at(finding.span.start).map(describe_place);
            handler.render_report(&mut buf, &diagnostic).map_err(io::Error::other)?;
            out.write_all(buf.as_bytes())?;
        }
    }
    // Findings first, then the closing lines: when both streams go to one pipe, the
    // buffered report must not arrive after the summary.
    out.flush()?;
    if !options.quiet {
        write_suppressed(outcome, err)?;
        write_stale_baseline(outcome, err)?;
        write_empty_files(outcome, err)?;
        writeln!(err, "{}", summary_line(&outcome.summary()))?;
    }
    Ok(())
}

/// One line per finding an `[[ignore]]` entry silenced, echoing the entry's reason. (A
/// comment's suppression is visible in the file itself; those are only counted.)
pub fn write_suppressed(outcome: &Outcome, err: &mut dyn Write) -> io::Result<()> {
    for file in &outcome.files {
        let mut index = None;
        for s in &file.suppressed {
            let SuppressedBy::Ignore { index: entry, reason } = &s.by else { continue };
            let index = index.get_or_insert_with(|| LineIndex::new(&file.source));
            let at = index.position(&file.source, s.finding.span.start);
            write!(
                err,
                "suppressed: {}:{}:{}: {}: {} ([[ignore]] entry {})",
                file.path,
                at.line,
                at.column,
                s.finding.rule,
                s.finding.message,
                entry + 1
            )?;
            match reason {
                Some(reason) => writeln!(err, ": {reason}")?,
                None => writeln!(err)?,
            }
        }
    }
    Ok(())
}

/// One line per baseline entry that no longer matches, so the baseline can be pruned.
pub fn write_stale_baseline(outcome: &Outcome, err: &mut dyn Write) -> io::Result<()> {
    for s in &outcome.stale_baseline {
        let e = &s.entry;
        let gone = if e.count > 1 { format!(" ({} of {} gone)", s.missing, e.count) } else { String::new() };
        writeln!(err, "stale baseline entry: {}: {} “{}”{gone}: {}", e.path, e.rule, e.text, e.message)?;
    }
    if !outcome.stale_baseline.is_empty() {
        writeln!(
            err,
            "note: {} no longer {} a finding; rewrite the baseline with --write-baseline to prune {}",
            plural(outcome.stale_baseline.len(), "baseline entry", "baseline entries"),
            if outcome.stale_baseline.len() == 1 { "matches" } else { "match" },
            if outcome.stale_baseline.len() == 1 { "it" } else { "them" },
        )?;
    }
    Ok(())
}

/// One note per checked file in which no citation and no footnote was found: the totals
/// of the summary line would hide a file whose notes were not read.
pub fn write_empty_files(outcome: &Outcome, err: &mut dyn Write) -> io::Result<()> {
    for file in outcome.files.iter().filter(|f| !f.is_config && f.citations == 0 && f.footnotes == 0) {
        writeln!(err, "note: {}: no citations or footnotes found", file.path)?;
    }
    Ok(())
}

/// Render any diagnostic (a path error, a config error) the way findings are rendered.
pub fn write_diagnostic(
    diagnostic: &dyn Diagnostic,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut buf = String::new();
    handler(options).render_report(&mut buf, diagnostic).map_err(io::Error::other)?;
    out.write_all(buf.as_bytes())
}

/// Lines shown above and below each label (miette's default).
const CONTEXT_LINES: usize = 1;

/// The narrowest clipped line, however narrow the terminal.
const MIN_EXCERPT_WIDTH: usize = 40;

fn handler(options: &ReportOptions) -> GraphicalReportHandler {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false)
        .with_context_lines(CONTEXT_LINES)
}

/// `checked 3 files (41 citations, 35 footnotes): 9 errors, 4 warnings, 1 info`
pub fn summary_line(s: &Summary) -> String {
    let mut line = format!(
        "checked {} ({}, {}): ",
        plural(s.files, "file", "files"),
        plural(s.citations, "citation", "citations"),
        plural(s.footnotes, "footnote", "footnotes"),
    );
    if s.findings == 0 {
        line.push_str("no findings");
    } else {
        line.push_str(&format!(
            "{}, {}, {}",
            plural(s.errors, "error", "errors"),
            plural(s.warnings, "warning", "warnings"),
            plural(s.infos, "info", "info"),
        ));
    }
    if s.unreadable > 0 {
        line.push_str(&format!("; {} not checked", plural(s.unreadable, "path", "paths")));
    }
    if s.skipped > 0 {
        line.push_str(&format!("; {} skipped", plural(s.skipped, "file", "files")));
    }
    if s.suppressed > 0 {
        line.push_str(&format!("; {} suppressed", s.suppressed));
    }
    if s.baselined > 0 {
        line.push_str(&format!("; {} baselined", s.baselined));
    }
    if s.links > 0 {
        line.push_str(&format!(
            "; {} checked ({}, {} cached)",
            plural(s.links, "link", "links"),
            plural(s.link_requests as usize, "request", "requests"),
            s.link_cache_hits
        ));
    }
    line
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Where a finding is, for formats whose lines mean little (Word): `in paragraph 12`, `in
/// footnote [3], paragraph 1`.
fn describe_place(place: &Place) -> String {
    match &place.note {
        Some(label) => format!("in footnote [{label}], paragraph {}", place.paragraph),
        None => format!("in paragraph {}", place.paragraph),
    }
}

/// A finding as a miette diagnostic, built at run time: its code and severity come from
/// the registry and the configuration, not from a type.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    /// The paragraph (and note) the finding is in, shown on its label, where the format
    /// has places.
    place: Option<String>,
    /// The lines the finding's labels touch, long ones clipped around the labels.
    excerpt: Excerpt,
}

impl<'a> FindingDiagnostic<'a> {
    fn new(finding: &'a Finding, path: &str, text: &str, index: &LineIndex, width: usize) -> Self {
        let spans: Vec<_> = std::iter::once(finding.span.clone())
            .chain(finding.related.iter().map(|r| r.span.clone()))
            .collect();
        // The gutter (` 123 │ `) and miette's margins take about a dozen columns.
        let max = width.saturating_sub(12).max(MIN_EXCERPT_WIDTH);
        FindingDiagnostic {
            finding,
            place: None,
            excerpt: Excerpt::new(path, text, index, &spans, CONTEXT_LINES, max),
        }
    }
}

impl fmt::Debug for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.finding, f)
    }
}

impl fmt::Display for FindingDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for FindingDiagnostic<'_> {}

impl Diagnostic for FindingDiagnostic<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(self.finding.rule))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.finding.help.as_ref().map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.excerpt)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let primary = LabeledSpan::new_primary_with_span(self.place.clone(), self.excerpt.map_span(&f.span));
        let related = f
            .related
            .iter()
            .map(|r| LabeledSpan::new_with_span(Some(r.message.clone()), self.excerpt.map_span(&r.span)));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, citations: usize, footnotes: usize) -> crate::check::FileReport {
        crate::check::FileReport {
            path: path.into(),
            source: String::new(),
            format: crate::document::Format::Markdown,
            places: Default::default(),
            findings: Vec::new(),
            citations,
            footnotes,
            markers: Default::default(),
            suppressed: Vec::new(),
            baselined: Vec::new(),
            is_config: false,
        }
    }

    #[test]
    fn a_file_without_citations_or_footnotes_gets_a_note_unless_quiet() {
        let outcome = Outcome {
            files: vec![file("a.md", 3, 2), file("b.md", 0, 0), file("c.md", 0, 1)],
            ..Outcome::default()
        };
        let stderr = |quiet: bool| {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let options = ReportOptions { quiet, ..ReportOptions::default() };
            write(&outcome, &options, &mut out, &mut err).unwrap();
            String::from_utf8(err).unwrap()
        };
        assert_eq!(
            stderr(false),
            "note: b.md: no citations or footnotes found\n\
             checked 3 files (3 citations, 3 footnotes): no findings\n"
        );
        assert_eq!(stderr(true), "");
    }

    #[test]
    fn a_place_names_the_paragraph_and_the_note() {
        assert_eq!(describe_place(&Place { note: None, paragraph: 12 }), "in paragraph 12");
        let in_note = Place { note: Some("3".into()), paragraph: 1 };
        assert_eq!(describe_place(&in_note), "in footnote [3], paragraph 1");
    }

    #[test]
    fn summary_line_counts_and_pluralises() {
        let s = Summary {
            files: 3,
            citations: 41,
            footnotes: 35,
            findings: 14,
            errors: 9,
            warnings: 4,
            infos: 1,
            ..Summary::default()
        };
        assert_eq!(
            summary_line(&s),
            "checked 3 files (41 citations, 35 footnotes): 9 errors, 4 warnings, 1 info"
        );
        let s = Summary { files: 1, citations: 1, footnotes: 1, unreadable: 2, ..Summary::default() };
        assert_eq!(
            summary_line(&s),
            "checked 1 file (1 citation, 1 footnote): no findings; 2 paths not checked"
        );
    }
}
