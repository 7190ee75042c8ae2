//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` line per finding,
//! which the runner turns into annotations on the changed lines.

use std::io::{self, Write};

use super::span_positions;
use crate::check::Outcome;
use crate::rules::Severity;
use crate::source::LineIndex;

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    for e in &outcome.errors {
        writeln!(out, "::error file={},title=citelint::{}", property(e.path()), data(&e.to_string()))?;
    }
    for file in &outcome.files {
        let index = LineIndex::new(&file.source);
        for f in &file.findings {
            let (start, end) = span_positions(&index, &file.source, f);
            let command = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            write!(out, "::{command} file={},line={},", property(&file.path), start.line)?;
            // GitHub honours columns only on a one-line annotation.
            if start.line == end.line {
                write!(out, "col={},endColumn={},", start.column, end.column.max(start.column + 1) - 1)?;
            } else {
                write!(out, "col={},", start.column)?;
            }
            writeln!(
                out,
                "endLine={},title={}::{}",
                end.line,
                property(&format!("citelint({})", f.rule)),
                data(&f.message)
            )?;
        }
    }
    Ok(())
}

/// Escape a command's message: `%`, CR and LF.
pub fn data(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escape a property value: as [`data`], plus `:` and `,` which delimit properties.
pub fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_line_breaks() {
        assert_eq!(data("100% done\r\nnext"), "100%25 done%0D%0Anext");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }
}
