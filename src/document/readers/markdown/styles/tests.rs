//! Unit tests of the Markdown note styles beyond GFM's, one behaviour each.

use crate::document::Document;
use crate::document::readers::markdown::parse;

fn notes<'a>(doc: &Document<'a>) -> Vec<(&'a str, &'a str)> {
    doc.footnotes.iter().map(|f| (doc.slice(&f.marker_span), doc.slice(&f.text_span))).collect()
}

fn cited(doc: &Document) -> Vec<String> {
    doc.citations.iter().map(|c| c.label.clone()).collect()
}

#[test]
fn a_heading_line_a_dump_ran_into_a_paragraph_opens_the_notes_list() {
    let text = "Text cites it.[1] And this.[2]\n***** References[edit] *****\n   1. ^Kalnay, E. (1996).\n   2. ^ http://example.org/a\n";
    let doc = parse(text);
    assert_eq!(notes(&doc), [("1.", "Kalnay, E. (1996)."), ("2.", "http://example.org/a")]);
    assert_eq!(cited(&doc), ["1", "2"]);
}

#[test]
fn an_empty_item_of_a_notes_list_is_an_empty_note_and_a_stray_number_is_none() {
    let text = "A.[1] B.[2] C.[3]\n\n## Notes\n\n1. One.\n2.\n3. Three.\n1. Stray.\n";
    let doc = parse(text);
    assert_eq!(notes(&doc), [("1.", "One."), ("2.", ""), ("3.", "Three.")]);
    // The `1.` after `3.` breaks the numbering: it is body text.
    assert_eq!(doc.blocks.last().map(|b| doc.slice(&b.span)), Some("Stray."));
}

#[test]
fn colliding_numbered_lists_leave_the_most_cited_as_the_notes() {
    let text = "A.[1] B.[2] C.[3]\n\n## Notes\n\n1. An aside citing [3].\n\n## References\n\n1. One.\n2. Two.\n3. Three.\n";
    let doc = parse(text);
    let markers: Vec<_> = doc.footnotes.iter().map(|f| f.marker_span.start).collect();
    assert_eq!(markers.len(), 3);
    assert!(markers.iter().all(|&m| m > text.find("## References").unwrap()));
    // The aside is body text again, and its [3] a citation.
    assert_eq!(cited(&doc), ["1", "2", "3", "3"]);
}

#[test]
fn a_link_definition_that_failed_is_no_note() {
    let text = "Said.<sup>[1]</sup>\n\n[1]: #n-1 \"A \"quoted\" title\"\n\n<a name=\"n-1\"></a><sup>1</sup>The source.\n";
    let doc = parse(text);
    assert_eq!(notes(&doc), [("<sup>1</sup>", "The source.")]);
}
