//! Front matter: the YAML (`---`) or TOML (`+++`) header of blog and site generators.

use super::{Span, trimmed};

/// Front matter at `start`: YAML between `---` lines (or closed by `...`), or TOML
/// between `+++` lines (Hugo, Zola), the first line inside not blank. Its whole span, and
/// the span of its title's value.
pub(super) fn front_matter(text: &str, start: usize) -> Option<(Span, Option<Span>)> {
    let mut lines = lines_from(text, start);
    let (first, _) = lines.next()?;
    let fence = text[first.clone()].trim_end();
    if fence != "---" && fence != "+++" {
        return None;
    }
    let mut title = None;
    let mut first_line = true;
    for (line, next) in lines {
        let s = text[line.clone()].trim_end();
        if first_line && s.is_empty() {
            return None;
        }
        first_line = false;
        if s == fence || (fence == "---" && s == "...") {
            return Some((start..next, title));
        }
        if title.is_none() {
            title = title_value(text, &line);
        }
    }
    None
}

/// Lines from `start`: each line's span without its line ending, and where the next begins.
fn lines_from(text: &str, start: usize) -> impl Iterator<Item = (Span, usize)> + '_ {
    let mut pos = start;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &text.as_bytes()[pos..]).map_or(text.len(), |i| pos + i);
        let next = (end + 1).min(text.len());
        let content_end = if text[pos..end].ends_with('\r') { end - 1 } else { end };
        let line = pos..content_end;
        pos = next;
        Some((line, next))
    })
}

/// The value of a front matter `title: …` (YAML) or `title = …` (TOML) line, unquoted.
fn title_value(text: &str, line: &Span) -> Option<Span> {
    let s = &text[line.clone()];
    let rest = s.strip_prefix("title")?.trim_start();
    let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
    let mut span = trimmed(text, line.end - value.len()..line.end);
    let v = &text[span.clone()];
    if v.len() >= 2 && (v.starts_with('"') && v.ends_with('"') || v.starts_with('\'') && v.ends_with('\'')) {
        span = span.start + 1..span.end - 1;
    }
    (!span.is_empty()).then_some(span)
}
