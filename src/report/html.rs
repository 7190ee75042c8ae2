//! The HTML report: one self-contained page for editors, with each profile's text, every
//! finding highlighted in place, a sidebar of findings by rule and severity, and links
//! between citations and their footnotes.
//!
//! The page needs no network and no JavaScript for the basics: anchors jump to findings
//! and footnotes, `title` attributes carry messages, the legend's checkboxes filter by
//! severity through CSS. A little inline script adds selection and a detail panel.

use std::collections::HashMap;
use std::fmt::Write;

use crate::document::{Markers, Span, fold_label};
use crate::rules::{Finding, Severity};
use crate::source::LineIndex;
use crate::strings::char_span;

/// One checked file, as the HTML report needs it.
#[derive(Clone, Debug)]
pub struct HtmlFile<'a> {
    pub path: &'a str,
    pub source: &'a str,
    pub findings: &'a [Finding],
    /// Citation and footnote markers, linked on the page.
    pub markers: &'a Markers,
}

const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// The whole page. Deterministic: the same input gives the same bytes.
pub fn render(files: &[HtmlFile]) -> String {
    let mut totals = [0usize; 3];
    for f in files.iter().flat_map(|f| f.findings) {
        totals[sev_index(f.severity)] += 1;
    }
    let mut out = String::with_capacity(files.iter().map(|f| f.source.len() * 2).sum::<usize>() + 16_384);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<meta name=\"generator\" content=\"citelint\">\n<title>citelint report</title>\n");
    let _ = write!(out, "<style>\n{CSS}</style>\n</head>\n<body>\n");
    for sev in SEVERITIES {
        let _ = writeln!(out, "<input type=\"checkbox\" class=\"filter\" id=\"show-{sev}\" checked hidden>");
    }
    out.push_str("<header class=\"top\">\n<h1>citelint report</h1>\n<p class=\"summary\">");
    let _ = write!(out, "{} ", plural(files.len(), "file", "files"));
    for sev in SEVERITIES {
        let n = totals[sev_index(sev)];
        let _ = write!(
            out,
            "· <span class=\"total sev-{sev}\">{}</span> ",
            plural(n, sev_noun(sev), sev_plural(sev))
        );
    }
    out.push_str("</p>\n<div class=\"legend\" aria-label=\"Severity legend; click to show or hide\">\n");
    for sev in SEVERITIES {
        let _ = writeln!(
            out,
            "<label for=\"show-{sev}\" class=\"sev-{sev}\"><span class=\"swatch\"></span>{sev}</label>"
        );
    }
    out.push_str(
        "</div>\n</header>\n<div class=\"layout\">\n<nav class=\"sidebar\" aria-label=\"Findings\">\n",
    );
    for (i, file) in files.iter().enumerate() {
        sidebar(&mut out, i, file);
    }
    out.push_str("</nav>\n<main>\n");
    for (i, file) in files.iter().enumerate() {
        file_section(&mut out, i, file);
    }
    out.push_str("</main>\n</div>\n");
    out.push_str("<aside id=\"detail\" class=\"detail\" hidden aria-live=\"polite\"></aside>\n");
    let _ = write!(out, "<script>\n{JS}</script>\n</body>\n</html>\n");
    out
}

fn sidebar(out: &mut String, i: usize, file: &HtmlFile) {
    let lines = LineIndex::new(file.source);
    let _ =
        write!(out, "<section class=\"nav-file\">\n<h2><a href=\"#file-{i}\">{}</a>", path_html(file.path));
    if file.findings.is_empty() {
        out.push_str(" <span class=\"clean\">no findings</span></h2>\n</section>\n");
        return;
    }
    let _ = writeln!(out, " <span class=\"count\">{}</span></h2>", file.findings.len());
    // Groups: most severe first, then by rule name; inside, by position.
    let mut groups: Vec<((Severity, &str), Vec<usize>)> = Vec::new();
    let mut order: Vec<usize> = (0..file.findings.len()).collect();
    order.sort_by_key(|&j| {
        let f = &file.findings[j];
        (std::cmp::Reverse(f.severity), f.rule, f.span.start, f.span.end, j)
    });
    for j in order {
        let key = (file.findings[j].severity, file.findings[j].rule);
        match groups.last_mut() {
            Some((k, members)) if *k == key => members.push(j),
            _ => groups.push((key, vec![j])),
        }
    }
    for ((sev, rule), members) in groups {
        let _ = write!(
            out,
            "<details open class=\"group sev-{sev}\" data-group=\"{rule}\">\n<summary><span class=\"badge\">{sev}</span> \
             <span class=\"rule\">{rule}</span> <span class=\"count\">{}</span></summary>\n<ol>\n",
            members.len(),
            rule = esc(rule),
        );
        for j in members {
            let f = &file.findings[j];
            let crate::source::Position { line, column: col } = lines.position(file.source, f.span.start);
            let _ = write!(
                out,
                "<li><a class=\"nav-finding\" href=\"#f{i}-d{j}\"><span class=\"loc\">{line}:{col}</span> {}</a>",
                esc(&f.message)
            );
            for (k, r) in f.related.iter().enumerate() {
                let _ = write!(
                    out,
                    "<a class=\"nav-related\" href=\"#f{i}-d{j}-r{k}\">↳ {}</a>",
                    esc(&r.message)
                );
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n</details>\n");
    }
    out.push_str("</section>\n");
}

fn file_section(out: &mut String, i: usize, file: &HtmlFile) {
    let _ = write!(out, "<section class=\"file\" id=\"file-{i}\">\n<h2>{}", path_html(file.path));
    for sev in SEVERITIES {
        let n = file.findings.iter().filter(|f| f.severity == sev).count();
        if n > 0 {
            let _ = write!(
                out,
                " <span class=\"total sev-{sev}\">{}</span>",
                plural(n, sev_noun(sev), sev_plural(sev))
            );
        }
    }
    out.push_str("</h2>\n");
    // A clean profile is there to read on demand, not to scroll past.
    if file.findings.is_empty() {
        out.push_str("<details class=\"clean-file\"><summary>No findings — show the text</summary>\n");
    }
    out.push_str("<div class=\"source\">");
    highlight(out, i, file);
    out.push_str("</div>\n");
    if file.findings.is_empty() {
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

/// What a highlighted span is. The order is the nesting order for equal spans: a finding
/// wraps the link it is about, so clicking it selects the finding.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Finding(usize),
    Related(usize, usize),
    Citation(usize),
    Note(usize),
}

struct Item {
    span: Span,
    kind: Kind,
}

/// Write the file's text with every span wrapped in its element. Spans may nest and
/// overlap: when an inner span outlives an outer one, the inner is closed and reopened
/// as a continuation piece, so the HTML stays well formed.
fn highlight(out: &mut String, i: usize, file: &HtmlFile) {
    let src = file.source;
    let links = Links::new(file);
    let mut items: Vec<Item> = Vec::new();
    for (j, f) in file.findings.iter().enumerate() {
        items.push(Item { span: char_span(src, f.span.clone()), kind: Kind::Finding(j) });
        for (k, r) in f.related.iter().enumerate() {
            items.push(Item { span: char_span(src, r.span.clone()), kind: Kind::Related(j, k) });
        }
    }
    for (k, (span, _)) in file.markers.citations.iter().enumerate() {
        items.push(Item { span: char_span(src, span.clone()), kind: Kind::Citation(k) });
    }
    for (k, (span, _)) in file.markers.footnotes.iter().enumerate() {
        items.push(Item { span: char_span(src, span.clone()), kind: Kind::Note(k) });
    }
    items.sort_by_key(|it| (it.span.start, std::cmp::Reverse(it.span.end), it.kind));

    let cx = Render { i, file, links: &links };
    let mut stack: Vec<(usize, &'static str)> = Vec::new(); // (item index, tag)
    let mut pos = 0;
    let mut next = 0;
    loop {
        let next_start = items.get(next).map(|it| it.span.start);
        let next_end = stack.iter().map(|&(k, _)| items[k].span.end).min();
        let at = match (next_start, next_end) {
            (None, None) => break,
            (Some(s), None) => s,
            (None, Some(e)) => e,
            (Some(s), Some(e)) => s.min(e),
        };
        out.push_str(&esc(&src[pos..at]));
        pos = at;
        if next_end == Some(at) {
            // Close down to the deepest span ending here, then reopen the survivors.
            let deepest =
                stack.iter().position(|&(k, _)| items[k].span.end == at).expect("min end is in stack");
            let popped: Vec<_> = stack.drain(deepest..).collect();
            for &(_, tag) in popped.iter().rev() {
                let _ = write!(out, "</{tag}>");
            }
            for (k, _) in popped {
                if items[k].span.end != at {
                    let tag = cx.open(out, &items[k], &stack, true);
                    stack.push((k, tag));
                }
            }
            continue;
        }
        while let Some(it) = items.get(next).filter(|it| it.span.start == at) {
            let tag = cx.open(out, it, &stack, false);
            if it.span.is_empty() {
                let _ = write!(out, "</{tag}>");
            } else {
                stack.push((next, tag));
            }
            next += 1;
        }
    }
    out.push_str(&esc(&src[pos..]));
}

struct Render<'r> {
    i: usize,
    file: &'r HtmlFile<'r>,
    links: &'r Links,
}

impl Render<'_> {
    /// Write the opening tag of `it` and return the tag name. A continuation piece has no
    /// id; it points at its head with `data-part-of`.
    fn open(&self, out: &mut String, it: &Item, stack: &[(usize, &str)], cont: bool) -> &'static str {
        let i = self.i;
        // Links never nest (the parser would split them); an inner one becomes a span.
        let in_link = stack.iter().any(|&(_, tag)| tag == "a");
        let link_tag = if in_link { "span" } else { "a" };
        match it.kind {
            Kind::Finding(j) => {
                let f = &self.file.findings[j];
                let mut title = format!("{} ({}): {}", f.rule, f.severity, f.message);
                if let Some(help) = &f.help {
                    let _ = write!(title, "\n{help}");
                }
                let empty = if it.span.is_empty() { " empty" } else { "" };
                if cont {
                    let _ = write!(
                        out,
                        "<mark class=\"finding cont sev-{}\" data-part-of=\"f{i}-d{j}\" title=\"{}\">",
                        f.severity,
                        esc(&title)
                    );
                } else {
                    let _ = write!(
                        out,
                        "<mark class=\"finding sev-{sev}{empty}\" id=\"f{i}-d{j}\" data-rule=\"{}\" \
                         data-severity=\"{sev}\" data-message=\"{}\" data-help=\"{}\" title=\"{}\">",
                        esc(f.rule),
                        esc(&f.message),
                        esc(f.help.as_deref().unwrap_or("")),
                        esc(&title),
                        sev = f.severity,
                    );
                }
                "mark"
            }
            Kind::Related(j, k) => {
                let r = &self.file.findings[j].related[k];
                let id = if cont { String::new() } else { format!(" id=\"f{i}-d{j}-r{k}\"") };
                let _ = write!(
                    out,
                    "<span class=\"related\"{id} data-for=\"f{i}-d{j}\" title=\"{}\">",
                    esc(&r.message)
                );
                "span"
            }
            Kind::Citation(k) => {
                let label = &self.file.markers.citations[k].1;
                let id = if cont { String::new() } else { format!(" id=\"f{i}-c{k}\"") };
                match self.links.note_of(label) {
                    Some(n) if link_tag == "a" => {
                        let _ = write!(
                            out,
                            "<a class=\"cite\"{id} href=\"#f{i}-n{n}\" title=\"go to footnote {}\">",
                            esc(label)
                        );
                        "a"
                    }
                    _ => {
                        let _ = write!(out, "<span class=\"cite unlinked\"{id}>");
                        "span"
                    }
                }
            }
            Kind::Note(k) => {
                let label = &self.file.markers.footnotes[k].1;
                let id = if cont { String::new() } else { format!(" id=\"f{i}-n{k}\"") };
                match self.links.first_citation(label) {
                    Some(c) if link_tag == "a" => {
                        let _ = write!(
                            out,
                            "<a class=\"note-marker\"{id} href=\"#f{i}-c{c}\" title=\"back to where footnote {} is first cited\">",
                            esc(label)
                        );
                        "a"
                    }
                    _ => {
                        let _ = write!(out, "<span class=\"note-marker unlinked\"{id}>");
                        "span"
                    }
                }
            }
        }
    }
}

/// Label lookups between citations and footnotes (first of each, labels folded as GFM does).
struct Links {
    notes: HashMap<String, usize>,
    citations: HashMap<String, usize>,
}

impl Links {
    fn new(file: &HtmlFile) -> Links {
        let mut notes = HashMap::new();
        for (k, (_, label)) in file.markers.footnotes.iter().enumerate() {
            notes.entry(fold_label(label)).or_insert(k);
        }
        let mut citations = HashMap::new();
        for (k, (_, label)) in file.markers.citations.iter().enumerate() {
            citations.entry(fold_label(label)).or_insert(k);
        }
        Links { notes, citations }
    }

    fn note_of(&self, label: &str) -> Option<usize> {
        self.notes.get(&fold_label(label)).copied()
    }

    fn first_citation(&self, label: &str) -> Option<usize> {
        self.citations.get(&fold_label(label)).copied()
    }
}

/// A path with its directory muted, so the file name stands out.
fn path_html(path: &str) -> String {
    match path.rfind(['/', '\\']) {
        Some(i) => format!("<span class=\"dir\">{}</span>{}", esc(&path[..=i]), esc(&path[i + 1..])),
        None => esc(path),
    }
}

/// HTML-escape text for element content and quoted attributes.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn sev_index(s: Severity) -> usize {
    match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Info => 2,
    }
}

fn sev_noun(s: Severity) -> &'static str {
    s.as_str()
}

fn sev_plural(s: Severity) -> &'static str {
    match s {
        Severity::Error => "errors",
        Severity::Warning => "warnings",
        Severity::Info => "info",
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

#[cfg(test)]
mod tests;
