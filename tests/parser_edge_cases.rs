//! Edge cases for both parsers: empty and one-sided documents, line endings, a BOM,
//! very large and deeply bracketed inputs, markers at the end of the file, and
//! non-Latin scripts, with exact spans.

use std::time::Instant;

use citelint::document::{BlockKind, Document, Format};

fn md(text: &str) -> Document<'_> {
    Document::parse(text, Format::Markdown)
}

fn txt(text: &str) -> Document<'_> {
    Document::parse(text, Format::Text)
}

fn cited<'a>(doc: &Document<'a>) -> Vec<&'a str> {
    doc.citations.iter().map(|c| doc.slice(&c.span)).collect()
}

fn notes<'a>(doc: &Document<'a>) -> Vec<(&'a str, &'a str)> {
    doc.footnotes.iter().map(|f| (doc.slice(&f.marker_span), doc.slice(&f.text_span))).collect()
}

#[test]
fn empty_file_gives_an_empty_document() {
    for doc in [md(""), txt("")] {
        assert!(doc.blocks.is_empty() && doc.citations.is_empty() && doc.footnotes.is_empty());
        assert!(doc.ignored.is_empty() && doc.comments.is_empty());
    }
}

#[test]
fn white_space_only_file_gives_an_empty_document() {
    for doc in [md(" \n\t\r\n\n"), txt(" \n\t\r\n\n")] {
        assert!(doc.blocks.is_empty() && doc.citations.is_empty() && doc.footnotes.is_empty());
    }
}

#[test]
fn a_file_of_only_notes_has_footnotes_and_no_citations() {
    let doc = md("[^1]: One.\n[^2]: Two.\n");
    assert_eq!(notes(&doc), [("[^1]:", "One."), ("[^2]:", "Two.")]);
    assert!(doc.citations.is_empty() && doc.blocks.is_empty());
    let doc = txt("[1] One.\n\n[2] Two.\n");
    assert_eq!(notes(&doc), [("[1]", "One."), ("[2]", "Two.")]);
    assert!(doc.citations.is_empty() && doc.blocks.is_empty());
}

#[test]
fn a_file_of_only_body_has_citations_and_no_footnotes() {
    let doc = md("Title\n\nIt was said.[^1] And again.[^2]\n");
    assert_eq!(cited(&doc), ["[^1]", "[^2]"]);
    assert!(doc.footnotes.is_empty());
    let doc = txt("Title\n\nIt was said.[1] And again.[2]\n");
    assert_eq!(cited(&doc), ["[1]", "[2]"]);
    assert!(doc.footnotes.is_empty());
}

#[test]
fn crlf_line_endings_keep_spans_exact() {
    let doc = md("# Title\r\n\r\nIt was said.[^1]\r\nNext line.\r\n\r\n[^1]: Source,\r\n    2020.\r\n");
    assert_eq!(cited(&doc), ["[^1]"]);
    assert_eq!(notes(&doc), [("[^1]:", "Source,\r\n    2020.")]);
    assert_eq!(doc.slice(&doc.blocks[0].span), "Title");
    assert_eq!(doc.slice(&doc.blocks[1].span), "It was said.[^1]\r\nNext line.");
    let doc = txt("Title\r\n\r\nIt was said.[1]\r\n\r\n[1] Source, 2020.\r\n");
    assert_eq!(cited(&doc), ["[1]"]);
    assert_eq!(notes(&doc), [("[1]", "Source, 2020.")]);
}

#[test]
fn a_bom_is_not_part_of_any_span() {
    let doc = md("\u{feff}Said.[^1]\n\n[^1]: One.\n");
    assert_eq!(doc.slice(&doc.blocks[0].span), "Said.[^1]");
    assert_eq!(notes(&doc), [("[^1]:", "One.")]);
    let doc = md("\u{feff}[^1]: One.\n");
    assert_eq!(notes(&doc), [("[^1]:", "One.")]);
    let doc = txt("\u{feff}Title\n\nSaid.[1]\n\n[1] One.\n");
    assert_eq!(doc.slice(&doc.blocks[0].span), "Title");
    assert_eq!(cited(&doc), ["[1]"]);
}

#[test]
fn markers_at_the_end_of_the_file_without_a_newline_are_found() {
    let doc = md("Said.[^1]");
    assert_eq!(cited(&doc), ["[^1]"]);
    let doc = md("Said.[^1]\n\n[^1]: One.");
    assert_eq!(notes(&doc), [("[^1]:", "One.")]);
    let doc = md("Said.[^1]\n\n[^1]:");
    assert_eq!(notes(&doc), [("[^1]:", "")]);
    let doc = txt("Title\n\nSaid.[1]");
    assert_eq!(cited(&doc), ["[1]"]);
    let doc = txt("Title\n\nSaid.[1]\n\n[1]");
    assert_eq!(notes(&doc), [("[1]", "")]);
    // Unfinished markers at the very end are text, not a panic.
    for end in ["Said.[^", "Said.[^1", "Said.[", "Said.[1", "[^1]", "[^1]:", "\\", "`", "<!--"] {
        md(end);
        txt(end);
    }
}

#[test]
fn armenian_cyrillic_and_arabic_text_keeps_exact_spans() {
    // One paragraph per script: the shared sentence splitter ends a sentence only before
    // an upper-case letter, and Arabic has no case.
    let text = "# Հայաստան\n\nՀայաստանը հայտարարեց.[^հ]\n\nРоссия заявила.[^р] Тогда.\n\nقالت مصر.[^ع]\n\n\
[^հ]: Նամակ, 29 ապրիլի 2010։\n[^р]: Письмо, 29 апреля 2010.\n[^ع]: رسالة، 29 أبريل 2010.\n";
    let doc = md(text);
    assert_eq!(doc.slice(&doc.blocks[0].span), "Հայաստան");
    assert_eq!(cited(&doc), ["[^հ]", "[^р]", "[^ع]"]);
    let labels: Vec<_> = doc.citations.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["հ", "р", "ع"]);
    let sentences: Vec<_> = doc.citations.iter().map(|c| doc.slice(&c.sentence_span)).collect();
    assert_eq!(sentences, ["Հայաստանը հայտարարեց.[^հ]", "Россия заявила.[^р]", "قالت مصر.[^ع]"]);
    assert_eq!(
        notes(&doc),
        [
            ("[^հ]:", "Նամակ, 29 ապրիլի 2010։"),
            ("[^р]:", "Письмо, 29 апреля 2010."),
            ("[^ع]:", "رسالة، 29 أبريل 2010.")
        ]
    );
    assert!(doc.citations.iter().all(|c| doc.footnote(&c.label).is_some()));

    let text = "Հայաստան\n\nՀայաստանը հայտարարեց.[1]\n\nРоссия заявила.[2] Тогда.\n\nقالت مصر.[3]\n\n\
[1] Նամակ, 29 ապրիլի 2010։\n\n[2] Письмо, 29 апреля 2010.\n\n[3] رسالة، 29 أبريل 2010.\n";
    let doc = txt(text);
    assert_eq!(doc.slice(&doc.blocks[0].span), "Հայաստան");
    assert_eq!(cited(&doc), ["[1]", "[2]", "[3]"]);
    let sentences: Vec<_> = doc.citations.iter().map(|c| doc.slice(&c.sentence_span)).collect();
    assert_eq!(sentences, ["Հայաստանը հայտարարեց.[1]", "Россия заявила.[2]", "قالت مصر.[3]"]);
    assert_eq!(
        notes(&doc),
        [
            ("[1]", "Նամակ, 29 ապրիլի 2010։"),
            ("[2]", "Письмо, 29 апреля 2010."),
            ("[3]", "رسالة، 29 أبريل 2010.")
        ]
    );
}

#[test]
fn ten_thousand_nested_brackets_parse() {
    let n = 10_000;
    let text = format!("Said{}[^1]{}\n\n[^1]: One.\n", "[".repeat(n), "]".repeat(n));
    let doc = md(&text);
    assert_eq!(cited(&doc), ["[^1]"]);
    assert_eq!(doc.footnotes.len(), 1);
    let text = format!("Title\n\nSaid{}[1]{}\n", "[".repeat(n), "]".repeat(n));
    let doc = txt(&text);
    assert_eq!(cited(&doc), ["[1]"]);
    // Unclosed runs of openers, carets and markers.
    for text in ["[".repeat(n), "[^".repeat(n), "[^a".repeat(n), "![".repeat(n), "[[^1]".repeat(n)] {
        md(&text);
        txt(&text);
    }
    // Linear parsers take milliseconds here; a quadratic pass would take many minutes.
    // Speed itself is measured in the benchmark, not asserted here.
}

#[test]
fn a_hundred_thousand_footnotes_are_all_found() {
    let n = 100_000;
    let mut md_text = String::from("# Title\n\n");
    let mut txt_text = String::from("Title\n\n");
    for i in 1..=n {
        md_text.push_str(&format!("Claim {i}.[^{i}]\n"));
        txt_text.push_str(&format!("Claim {i}.[{i}]\n"));
    }
    md_text.push('\n');
    txt_text.push('\n');
    for i in 1..=n {
        md_text.push_str(&format!("[^{i}]: Source {i}.\n"));
        txt_text.push_str(&format!("[{i}] Source {i}.\n\n"));
    }
    let doc = md(&md_text);
    assert_eq!((doc.citations.len(), doc.footnotes.len()), (n, n));
    assert_eq!(doc.slice(&doc.footnotes[n - 1].text_span), format!("Source {n}."));
    assert!(doc.citations.iter().all(|c| doc.footnote(&c.label).is_some()));
    let doc = txt(&txt_text);
    assert_eq!((doc.citations.len(), doc.footnotes.len()), (n, n));
    assert_eq!(doc.slice(&doc.footnotes[n - 1].text_span), format!("Source {n}."));
}

/// A ~50 MB profile in each format. Time is printed, not asserted (debug builds on a
/// shared machine vary too much); what is asserted is that every marker is found.
#[test]
fn a_fifty_megabyte_profile_parses() {
    const SIZE: usize = 50_000_000;
    let para = "The Republic of Armenia stated in Geneva that it would not use mines, and Հայաստան agreed.";
    let note = "Statement of Armenia, Intersessional Meetings, Geneva, 29 April 2010, https://example.org/x.";
    for format in [Format::Markdown, Format::Text] {
        let (cite, def) = match format {
            Format::Markdown => (("[^", "]"), ("[^", "]: ")),
            Format::Text | Format::Html | Format::Docx => (("[", "]"), ("[", "] ")),
        };
        let title = if format == Format::Markdown { "# Profile" } else { "Profile" };
        let mut body = format!("{title}\n\nLast updated: 1 May 2024\n\n");
        let mut defs = String::new();
        let mut n = 0;
        while body.len() + defs.len() < SIZE {
            n += 1;
            body.push_str(&format!("{para}{}{n}{} It was said again.\n\n", cite.0, cite.1));
            defs.push_str(&format!("{}{n}{}{note}\n\n", def.0, def.1));
        }
        let text = body + &defs;
        let started = Instant::now();
        let doc = Document::parse(&text, format);
        println!("{format:?}: {} MB, {n} notes, parsed in {:?}", text.len() / 1_000_000, started.elapsed());
        assert_eq!((doc.citations.len(), doc.footnotes.len()), (n, n), "{format:?}");
        assert_eq!(doc.last_updated().map(|b| doc.slice(&b.span)), Some("Last updated: 1 May 2024"));
        assert_eq!(doc.blocks.iter().filter(|b| b.kind == BlockKind::Paragraph).count(), n);
    }
}

/// A long paragraph of sentence punctuation with one citation: the sentence splitter
/// bounds its look-back and look-ahead, so this parses in linear time (a quadratic
/// splitter would keep this test running for many minutes).
#[test]
fn a_long_paragraph_of_dots_with_a_citation_parses() {
    for unit in [".[", "a.", "x. "] {
        let body = unit.repeat(100_000);
        let source = format!("Said.[^1] {body}\n\n[^1]: One.\n");
        assert_eq!(cited(&md(&source)), ["[^1]"]);
        let source = format!("Title\n\nSaid.[1] {body}\n");
        assert_eq!(cited(&txt(&source)), ["[1]"]);
    }
}
