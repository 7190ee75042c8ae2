//! `citelint source URL`: what was read in a source and where each value came from, so a
//! user can see why a finding was made.

use std::io::{self, Write};

use crate::sources::Reading;
use crate::sources::verify::{CheckedOn, origin_name};

/// Lines of text shown without `--full-text`.
const TEXT_LINES: usize = 20;

pub fn write(reading: &Reading, cached: bool, full_text: bool, out: &mut dyn Write) -> io::Result<()> {
    let e = &reading.extraction;
    let when = jiff::Timestamp::from_second(reading.fetched as i64)
        .map(|t| t.strftime("%-d %B %Y %H:%M UTC").to_string())
        .unwrap_or_default();
    writeln!(out, "source     {}", reading.url)?;
    writeln!(out, "read       {when}{}", if cached { " (from the cache)" } else { "" })?;
    match &reading.checked_on {
        CheckedOn::Live { url } => writeln!(out, "read at    {url}")?,
        CheckedOn::Archive { url, date } => writeln!(out, "read at    the archived copy of {date}: {url}")?,
    }
    let kind = format!("{:?}", e.kind).to_lowercase();
    let content_type = reading.content_type.as_deref().unwrap_or("no Content-Type");
    writeln!(
        out,
        "body       {kind} ({content_type}), SHA-256 {}{}",
        &reading.body_sha256[..16],
        if reading.truncated { ", cut at the size limit" } else { "" }
    )?;
    if let Some(c) = &e.charset {
        writeln!(out, "charset    {} ({:?})", c.name, c.origin)?;
    }
    if let Some(l) = &e.language {
        writeln!(out, "language   {} ({:?})", l.code, l.origin)?;
    }
    if let Some(why) = &e.unverifiable {
        writeln!(out, "cannot be checked: {}", crate::sources::describe_unverifiable(why))?;
    }
    let mut list = |label: &str, values: Vec<(String, String)>| -> io::Result<()> {
        for (i, (value, origin)) in values.iter().enumerate() {
            let head = if i == 0 { label } else { "" };
            writeln!(out, "{head:10} {value}  ({origin})")?;
        }
        Ok(())
    };
    list("titles", e.titles.iter().map(|c| (format!("“{}”", c.value), origin_name(&c.origin))).collect())?;
    list("published", e.published.iter().map(|c| (c.raw.clone(), origin_name(&c.origin))).collect())?;
    list("modified", e.modified.iter().map(|c| (c.raw.clone(), origin_name(&c.origin))).collect())?;
    list("authors", e.authors.iter().map(|c| (c.value.clone(), origin_name(&c.origin))).collect())?;
    let lines: Vec<&str> = e.text.lines().collect();
    let shown = if full_text { lines.len() } else { lines.len().min(TEXT_LINES) };
    writeln!(
        out,
        "text       {} characters, {} lines{}",
        e.text.chars().count(),
        lines.len(),
        if shown < lines.len() {
            format!(" (the first {shown}; --full-text for all)")
        } else {
            String::new()
        }
    )?;
    for line in &lines[..shown] {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}
