//! The HTML reader on small documents of each note style.

use super::*;
use crate::document::{BlockKind, Document};

fn view(html: &str) -> View {
    open(html.as_bytes().to_vec()).expect("decodes")
}

fn labels(doc: &Document) -> (Vec<String>, Vec<String>) {
    (
        doc.citations.iter().map(|c| c.label.clone()).collect(),
        doc.footnotes.iter().map(|f| f.label.clone()).collect(),
    )
}

#[test]
fn pandoc_footnotes_are_citations_and_notes() {
    let v = view(
        "<h1>T</h1><p>Said so.<a href=\"#fn1\" class=\"footnote-ref\" id=\"fnref1\" role=\"doc-noteref\"><sup>1</sup></a></p>\
         <section class=\"footnotes\" role=\"doc-endnotes\"><hr /><ol><li id=\"fn1\"><p>Letter, 2 May 2019.<a href=\"#fnref1\" class=\"footnote-back\" role=\"doc-backlink\">↩︎</a></p></li></ol></section>",
    );
    let doc = v.document();
    assert_eq!(doc.text, "T\n\nSaid so.[1]\n\n[1] Letter, 2 May 2019.");
    assert_eq!(labels(&doc), (vec!["1".into()], vec!["1".into()]));
    assert_eq!(doc.blocks[0].kind, BlockKind::Title);
    assert_eq!(doc.slice(&doc.citations[0].sentence_span), "Said so.[1]");
    let span = v.to_source(doc.citations[0].span.clone());
    assert_eq!(&v.source[span], "1");
}
