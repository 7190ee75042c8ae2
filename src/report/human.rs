//! The human report: each finding as a miette diagnostic over its source excerpt, and a
//! closing summary line.

use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::ReportOptions;
use crate::rules::{Finding, Severity};
use crate::source::LineIndex;
use crate::{Outcome, Summary};

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
        let source = Window { name: &file.path, text: &file.source, index: &index };
        for finding in &file.findings {
            buf.clear();
            let diagnostic = FindingDiagnostic { finding, source: &source };
            handler.render_report(&mut buf, &diagnostic).map_err(io::Error::other)?;
            out.write_all(buf.as_bytes())?;
        }
    }
    if !options.quiet {
        writeln!(err, "{}", summary_line(&outcome.summary()))?;
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

fn handler(options: &ReportOptions) -> GraphicalReportHandler {
    let theme = if options.color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
    GraphicalReportHandler::new_themed(theme).with_width(options.width).with_links(false)
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
    line
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A finding as a miette diagnostic, built at run time: its code and severity come from
/// the registry and the configuration, not from a type.
struct FindingDiagnostic<'a> {
    finding: &'a Finding,
    source: &'a Window<'a>,
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
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let f = self.finding;
        let primary = LabeledSpan::new_primary_with_span(None, to_source_span(&f.span));
        let related = f
            .related
            .iter()
            .map(|r| LabeledSpan::new_with_span(Some(r.message.clone()), to_source_span(&r.span)));
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

fn to_source_span(span: &std::ops::Range<usize>) -> SourceSpan {
    SourceSpan::new(span.start.into(), span.end.saturating_sub(span.start))
}

/// A named source that hands miette only the lines around a span. miette's own `str`
/// source scans from the start of the text for every label, which is quadratic over a
/// long profile with many findings; the line index makes each read proportional to the
/// excerpt.
struct Window<'a> {
    name: &'a str,
    text: &'a str,
    index: &'a LineIndex,
}

impl SourceCode for Window<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let len = self.text.len();
        let start = span.offset().min(len);
        let end = (start + span.len()).min(len);
        // One line of margin each side so miette sees the same neighbourhood it would in
        // the whole text.
        let first_line = self.index.line_of(start).saturating_sub(context_lines_before + 1);
        let last_line = self.index.line_of(end) + context_lines_after + 1;
        let window_start = self.index.line_start(first_line).unwrap_or(0);
        let window_end = self.index.line_start(last_line + 1).unwrap_or(len);
        let window = &self.text[window_start..window_end];
        let inner = window.read_span(
            &SourceSpan::new((start - window_start).into(), end - start),
            context_lines_before,
            context_lines_after,
        )?;
        // miette counts the header's column in bytes; reports count characters (as the
        // JSON and SARIF columns do), so a multibyte line gets the right column.
        let column = if context_lines_before == 0 {
            let line_start = self.index.line_start(self.index.line_of(start)).unwrap_or(0);
            self.text[line_start..start].chars().count()
        } else {
            inner.column()
        };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_owned(),
            inner.data(),
            SourceSpan::new((inner.span().offset() + window_start).into(), inner.span().len()),
            inner.line() + first_line,
            column,
            inner.line_count() + first_line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_reads_the_same_excerpt_as_the_whole_text() {
        let text: String = (1..=40).map(|i| format!("line {i} with ünïcode\n")).collect();
        let index = LineIndex::new(&text);
        let window = Window { name: "x", text: &text, index: &index };
        for (start, len) in [(0, 4), (30, 10), (text.len() / 2, 20), (text.len() - 5, 5), (text.len(), 0)] {
            let span = SourceSpan::new(start.into(), len);
            for context in [0, 1, 2] {
                let whole = text.as_str().read_span(&span, context, context).unwrap();
                let part = window.read_span(&span, context, context).unwrap();
                assert_eq!(whole.data(), part.data(), "{start} {len} {context}");
                assert_eq!(whole.span(), part.span());
                assert_eq!(whole.line(), part.line());
                if context > 0 || text[..start].is_ascii() {
                    assert_eq!(whole.column(), part.column());
                }
                assert_eq!(whole.line_count(), part.line_count());
            }
        }
    }

    #[test]
    fn header_column_counts_characters() {
        let text = "ab\nՀայ [1]\n";
        let index = LineIndex::new(text);
        let window = Window { name: "x", text, index: &index };
        let at = text.find("[1]").unwrap();
        let contents = window.read_span(&SourceSpan::new(at.into(), 3), 0, 0).unwrap();
        assert_eq!((contents.line(), contents.column()), (1, 4));
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
