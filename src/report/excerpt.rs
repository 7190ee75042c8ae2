//! Excerpts for the human report: the lines a finding's labels touch, long lines clipped
//! around the labels (profiles keep each paragraph on one line, often 500+ characters,
//! which miette would print whole and underline far off screen).
//!
//! An [`Excerpt`] is a small synthetic text (the clipped lines, `…` where text was cut)
//! plus the map back to the original lines, so miette prints the original line numbers
//! and the header's `path:line:column` points into the real file.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};

use crate::source::LineIndex;

const ELLIPSIS: &str = "…";

/// One original line as it appears in the excerpt.
#[derive(Debug)]
struct ExcerptLine {
    /// 0-based line number in the original text.
    line: usize,
    /// The original byte range shown (inside the line, without its newline).
    shown: Range<usize>,
    /// Where the line starts in the excerpt.
    start: usize,
    /// Bytes of the leading `…` (0 when the line is shown from its start).
    prefix: usize,
    /// Characters cut from the front of the line.
    cut_chars: usize,
    /// The run of consecutive original lines this line belongs to.
    run: usize,
}

/// The clipped lines around a set of spans.
#[derive(Debug)]
pub struct Excerpt {
    name: String,
    text: String,
    lines: Vec<ExcerptLine>,
}

impl Excerpt {
    /// The lines `spans` touch, with `context` lines around them, each clipped to `max`
    /// characters around the spans it holds.
    pub fn new(
        name: &str,
        text: &str,
        index: &LineIndex,
        spans: &[Range<usize>],
        context: usize,
        max: usize,
    ) -> Excerpt {
        // The empty "line" after a final newline is no line to show as context.
        let last_text_line = index.line_of(text.len().saturating_sub(1));
        // Which lines to show, and on each the character range the spans need.
        let mut wanted: Vec<(usize, Option<Range<usize>>)> = Vec::new();
        for span in spans {
            let (start, end) =
                (text.floor_char_boundary(span.start), text.floor_char_boundary(span.end.max(span.start)));
            let (first, last) = (index.line_of(start), index.line_of(end));
            for line in first.saturating_sub(context)..=(last + context).min(last_text_line.max(last)) {
                let bounds = line_bounds(text, index, line);
                let need =
                    (first..=last).contains(&line).then(|| start.max(bounds.start)..end.min(bounds.end));
                wanted.push((line, need));
            }
        }
        wanted.sort_by_key(|(line, _)| *line);
        let mut merged: Vec<(usize, Option<Range<usize>>)> = Vec::with_capacity(wanted.len());
        for (line, need) in wanted {
            match merged.last_mut() {
                Some((l, n)) if *l == line => {
                    *n = match (n.take(), need) {
                        (Some(a), Some(b)) => Some(a.start.min(b.start)..a.end.max(b.end)),
                        (a, b) => a.or(b),
                    }
                }
                _ => merged.push((line, need)),
            }
        }

        let mut excerpt = Excerpt { name: name.to_owned(), text: String::new(), lines: Vec::new() };
        let mut run = 0;
        for (i, (line, need)) in merged.into_iter().enumerate() {
            if i > 0 && excerpt.lines[i - 1].line + 1 != line {
                run += 1;
            }
            let bounds = line_bounds(text, index, line);
            let shown = clip(text, bounds.clone(), need, max);
            let start = excerpt.text.len();
            let prefix = if shown.start > bounds.start { ELLIPSIS.len() } else { 0 };
            if prefix > 0 {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.text.push_str(&text[shown.clone()]);
            if shown.end < bounds.end {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.text.push('\n');
            let cut_chars = text[bounds.start..shown.start].chars().count();
            excerpt.lines.push(ExcerptLine { line, shown, start, prefix, cut_chars, run });
        }
        excerpt
    }

    /// Where original byte `offset` appears in the excerpt (clamped into the shown part
    /// of its line; offsets on lines not shown map to the nearest shown line).
    pub fn map(&self, offset: usize) -> usize {
        let i = self.lines.partition_point(|l| l.shown.start <= offset).saturating_sub(1);
        let Some(l) = self.lines.get(i) else { return 0 };
        let within = offset.clamp(l.shown.start, l.shown.end) - l.shown.start;
        l.start + l.prefix + within
    }

    /// An original span as an excerpt span.
    pub fn map_span(&self, span: &Range<usize>) -> SourceSpan {
        let (start, end) = (self.map(span.start), self.map(span.end.max(span.start)));
        SourceSpan::new(start.into(), end.saturating_sub(start))
    }

    /// The excerpt line holding excerpt offset `offset`.
    fn line_at(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.start <= offset).saturating_sub(1)
    }

    fn line_end(&self, i: usize) -> usize {
        self.lines.get(i + 1).map_or(self.text.len(), |l| l.start)
    }
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let start = span.offset().min(self.text.len());
        let end = (start + span.len()).min(self.text.len());
        if self.lines.is_empty() {
            return Err(MietteError::OutOfBounds);
        }
        let (first, last) = (self.line_at(start), self.line_at(end.saturating_sub(1).max(start)));
        let run = self.lines[first].run;
        // A span across two runs would print unrelated lines as neighbours.
        if self.lines[last].run != run {
            return Err(MietteError::OutOfBounds);
        }
        let mut from = first;
        while from > 0 && first - from < context_lines_before && self.lines[from - 1].run == run {
            from -= 1;
        }
        let mut to = last;
        while to + 1 < self.lines.len() && to - last < context_lines_after && self.lines[to + 1].run == run {
            to += 1;
        }
        let line = &self.lines[from];
        // miette reads the header's line and column with no context, from the span start;
        // the column counts characters of the original line, cut ones included.
        let (data_start, column) = if context_lines_before == 0 {
            let l = &self.lines[first];
            let shown_from = (l.start + l.prefix).min(start);
            (start, l.cut_chars + self.text[shown_from..start].chars().count())
        } else {
            (line.start, 0)
        };
        let data_end = self.line_end(to);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[data_start..data_end],
            SourceSpan::new(data_start.into(), data_end - data_start),
            line.line,
            column,
            to - from + 1,
        )))
    }
}

/// The byte range of 0-based `line`, without its line break.
fn line_bounds(text: &str, index: &LineIndex, line: usize) -> Range<usize> {
    let start = index.line_start(line).unwrap_or(text.len());
    let end = index.line_start(line + 1).map_or(text.len(), |s| s - 1);
    let end = if end > start && text.as_bytes()[end - 1] == b'\r' { end - 1 } else { end };
    start..end.max(start)
}

/// The part of `bounds` to show: all of it when it fits in `max` characters, else `max`
/// characters around `need` (or from the line start for a line that needs nothing).
fn clip(text: &str, bounds: Range<usize>, need: Option<Range<usize>>, max: usize) -> Range<usize> {
    let line = &text[bounds.clone()];
    let total = line.chars().count();
    if total <= max {
        return bounds;
    }
    let char_at = |byte: usize| text[bounds.start..byte].chars().count();
    let (need_start, need_end) = match &need {
        Some(n) => (char_at(n.start), char_at(n.end)),
        None => (0, 0),
    };
    // Room for the `…` at either end.
    let budget = max.saturating_sub(2).max(1);
    let width = need_end - need_start;
    let from = if width >= budget {
        need_start
    } else {
        let slack = budget - width;
        need_start.saturating_sub(slack / 2).min(total.saturating_sub(budget))
    };
    let to = (from + budget).min(total);
    let byte_of = |chars: usize| line.char_indices().nth(chars).map_or(line.len(), |(b, _)| b) + bounds.start;
    byte_of(from)..byte_of(to)
}

#[cfg(test)]
// A one-element array of spans is what these tests mean, not a range of indices.
#[allow(clippy::single_range_in_vec_init)]
mod tests {
    use super::*;

    fn excerpt(text: &str, spans: &[Range<usize>], max: usize) -> Excerpt {
        Excerpt::new("x.txt", text, &LineIndex::new(text), spans, 1, max)
    }

    #[test]
    fn short_lines_are_shown_whole_with_context() {
        let text = "one\ntwo [1]\nthree\nfour\n";
        let at = text.find("[1]").unwrap();
        let e = excerpt(text, &[at..at + 3], 80);
        assert_eq!(e.text, "one\ntwo [1]\nthree\n");
        assert_eq!(&e.text[e.map(at)..e.map(at + 3)], "[1]");
    }

    #[test]
    fn long_line_is_clipped_around_the_span() {
        let line = format!("{}Հայ [4]{}", "a".repeat(300), "b".repeat(300));
        let text = format!("T\n\n{line}\n");
        let at = text.find("[4]").unwrap();
        let e = excerpt(&text, &[at..at + 3], 40);
        let shown = e.text.lines().nth(1).unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert!(shown.chars().count() <= 40, "{shown}");
        let mapped = e.map_span(&(at..at + 3));
        assert_eq!(&e.text[mapped.offset()..mapped.offset() + mapped.len()], "[4]");
    }

    #[test]
    fn header_position_is_the_original_line_and_character_column() {
        let line = format!("{}Հայ [4] tail", "a".repeat(300));
        let text = format!("T\n\n{line}\n");
        let at = text.find("[4]").unwrap();
        let e = excerpt(&text, &[at..at + 3], 40);
        let contents = e.read_span(&e.map_span(&(at..at + 3)), 0, 0).unwrap();
        assert_eq!(contents.line(), 2);
        assert_eq!(contents.column(), 304);
    }

    #[test]
    fn distant_spans_make_separate_runs_that_do_not_merge() {
        let mut text = String::from("T\n");
        for i in 0..20 {
            text.push_str(&format!("line {i}\n"));
        }
        let a = text.find("line 2").unwrap();
        let b = text.find("line 15").unwrap();
        let e = excerpt(&text, &[a..a + 6, b..b + 7], 80);
        assert!(e.read_span(&e.map_span(&(a..b)), 1, 1).is_err());
        let first = e.read_span(&e.map_span(&(a..a + 6)), 1, 1).unwrap();
        assert_eq!(first.line(), 2, "starts one line above `line 2` (line 3 of the file)");
        assert_eq!(std::str::from_utf8(first.data()).unwrap(), "line 1\nline 2\nline 3\n");
    }

    #[test]
    fn empty_span_at_the_end_of_the_text_is_readable() {
        let text = "abc";
        let e = excerpt(text, &[3..3], 80);
        assert!(e.read_span(&e.map_span(&(3..3)), 1, 1).is_ok());
    }
}
