//! Unit tests of the Markdown parser, one behaviour each.

use super::*;

fn labels(doc: &Document) -> Vec<String> {
    doc.citations.iter().map(|c| c.label.clone()).collect()
}

fn slices<'a>(doc: &Document<'a>, spans: &[Span]) -> Vec<&'a str> {
    spans.iter().map(|s| doc.slice(s)).collect()
}

#[test]
fn citation_span_is_the_whole_marker_and_label_drops_the_caret() {
    let doc = parse("It was said.[^smith-2020] Then.\n\n[^smith-2020]: Interview.\n");
    let c = &doc.citations[0];
    assert_eq!(c.label, "smith-2020");
    assert_eq!(doc.slice(&c.span), "[^smith-2020]");
    assert_eq!(doc.slice(&c.sentence_span), "It was said.[^smith-2020]");
}

#[test]
fn undefined_reference_is_still_a_citation() {
    let doc = parse("Defined.[^a] Undefined.[^nope]\n\n[^a]: A.\n");
    assert_eq!(labels(&doc), ["a", "nope"]);
    assert!(doc.footnote("nope").is_none());
}

#[test]
fn marker_inside_code_span_is_not_a_citation() {
    let doc = parse("Write `[^x]` for a note.[^y]\n");
    assert_eq!(labels(&doc), ["y"]);
    assert_eq!(slices(&doc, &doc.ignored), ["`[^x]`"]);
}

#[test]
fn markers_in_fenced_and_indented_code_are_not_citations() {
    let text = "Text.\n\n```md\nSee[^a]\n```\n\n    Also[^b]\n\n~~~\nunclosed[^c]\n";
    let doc = parse(text);
    assert!(doc.citations.is_empty(), "{:?}", doc.citations);
    assert_eq!(slices(&doc, &doc.ignored), ["```md\nSee[^a]\n```", "Also[^b]", "~~~\nunclosed[^c]"]);
    assert_eq!(slices(&doc, &doc.blocks.iter().map(|b| b.span.clone()).collect::<Vec<_>>()), ["Text."]);
}

#[test]
fn marker_inside_html_comment_is_not_a_citation_and_the_comment_is_recorded() {
    let text = "Said.[^a] <!-- old [^b]\nstill --> on.\n\n<!-- citelint-disable [^c] -->\n\n[^a]: A.\n";
    let doc = parse(text);
    assert_eq!(labels(&doc), ["a"]);
    assert_eq!(slices(&doc, &doc.comments), ["<!-- old [^b]\nstill -->", "<!-- citelint-disable [^c] -->"]);
    assert_eq!(doc.ignored, doc.comments);
}

#[test]
fn escaped_marker_is_not_a_citation() {
    let doc = parse("Literal \\[^x] here, and [^x\\] too.\n\n[^x]: X.\n");
    assert!(doc.citations.is_empty(), "{:?}", doc.citations);
}

#[test]
fn bang_before_a_marker_leaves_the_bang_out_of_the_span() {
    let doc = parse("a![^1] and undefined b![^2]\n\n[^1]: One.\n");
    assert_eq!(labels(&doc), ["1", "2"]);
    assert_eq!(doc.slice(&doc.citations[0].span), "[^1]");
    assert_eq!(doc.slice(&doc.citations[1].span), "[^2]");
}

#[test]
fn marker_in_a_link_destination_is_not_a_citation() {
    let doc = parse(
        "See [the page](https://example.com/[^1]) and <https://example.com/[^2]>.\n\n[^1]: x\n[^2]: y\n",
    );
    assert!(doc.citations.is_empty(), "{:?}", doc.citations);
}

#[test]
fn marker_in_link_text_is_a_citation() {
    let doc = parse("See [the page[^1]](https://example.com/).\n\n[^1]: x\n");
    assert_eq!(labels(&doc), ["1"]);
}

#[test]
fn labels_with_white_space_or_brackets_are_not_citations() {
    let doc = parse("A [^a b] B [^] C [^ ] D [^[x]] E [^x\ny]\n\n[^a b]: spaced\n");
    assert!(doc.citations.is_empty(), "{:?}", doc.citations);
    assert!(doc.footnotes.is_empty(), "{:?}", doc.footnotes);
}

#[test]
fn labels_longer_than_999_characters_are_not_citations() {
    let long = "x".repeat(1000);
    let ok = "y".repeat(999);
    let text = format!("A[^{long}] B[^{ok}]\n\n[^{long}]: long\n");
    let doc = parse(&text);
    assert_eq!(labels(&doc), [ok]);
    assert!(doc.footnotes.is_empty());
}

#[test]
fn footnote_has_its_marker_and_trimmed_text() {
    let doc = parse("Said.[^1]\n\n[^1]:   Letter from A. Smith, 2 May 2020.  \n");
    let f = &doc.footnotes[0];
    assert_eq!((f.label.as_str(), doc.slice(&f.marker_span)), ("1", "[^1]:"));
    assert_eq!(doc.slice(&f.text_span), "Letter from A. Smith, 2 May 2020.");
}

#[test]
fn footnote_runs_over_indented_and_lazy_continuation_lines() {
    let text =
        "X.[^a][^b]\n\n[^a]: First line\nlazy line\n\n    Second paragraph.\n\nBody again.\n\n[^b]: B\n";
    let doc = parse(text);
    assert_eq!(doc.slice(&doc.footnotes[0].text_span), "First line\nlazy line\n\n    Second paragraph.");
    assert_eq!(doc.slice(&doc.footnotes[1].text_span), "B");
    let body: Vec<_> = doc.blocks.iter().map(|b| doc.slice(&b.span)).collect();
    assert_eq!(body, ["X.[^a][^b]", "Body again."]);
}

#[test]
fn empty_footnote_has_an_empty_text_span_after_its_marker() {
    let doc = parse("X[^e]\n\n[^e]:\n");
    let f = &doc.footnotes[0];
    assert_eq!(f.text_span, f.marker_span.end..f.marker_span.end);
}

#[test]
fn definition_indented_four_spaces_is_code() {
    let doc = parse("X[^q]\n\n    [^q]: x\n");
    assert!(doc.footnotes.is_empty());
    assert_eq!(labels(&doc), ["q"]);
}

#[test]
fn duplicate_definitions_are_all_kept() {
    let doc = parse("X[^a]\n\n[^a]: One.\n[^A]: Two.\n");
    let notes: Vec<_> = doc.footnotes.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(notes, ["a", "A"]);
}

#[test]
fn references_inside_footnotes_are_citations_but_notes_are_not_body() {
    let doc = parse("Body.[^a]\n\n[^a]: See also.[^b]\n[^b]: B.\n");
    assert_eq!(labels(&doc), ["a", "b"]);
    assert_eq!(doc.slice(&doc.citations[1].sentence_span), "See also.[^b]");
    assert_eq!(doc.blocks.len(), 1);
}

#[test]
fn citations_in_lists_quotes_and_tables_know_their_sentences() {
    let text = "* First item.[^a] Second.\n* Other.\n\n> Quoted.[^b]\n\n| h |\n|---|\n| cell.[^c] |\n";
    let doc = parse(text);
    let sentences: Vec<_> = doc.citations.iter().map(|c| doc.slice(&c.sentence_span)).collect();
    assert_eq!(sentences, ["First item.[^a]", "Quoted.[^b]", "cell.[^c]"]);
}

#[test]
fn headings_paragraphs_title_and_last_updated_become_blocks() {
    let text =
        "# Armenia\n\n*Last updated: 22 December 2023*\n\nBody text.\n\nPolicy\n------\n\n## Stockpile\n";
    let doc = parse(text);
    let blocks: Vec<_> = doc.blocks.iter().map(|b| (b.kind, doc.slice(&b.span))).collect();
    assert_eq!(
        blocks,
        [
            (BlockKind::Title, "Armenia"),
            (BlockKind::LastUpdated, "*Last updated: 22 December 2023*"),
            (BlockKind::Paragraph, "Body text."),
            (BlockKind::Heading, "Policy"),
            (BlockKind::Heading, "Stockpile"),
        ]
    );
}

#[test]
fn front_matter_is_ignored_and_gives_the_title() {
    let text = "---\ntitle: \"Mine Ban [^1] Policy\"\ndate: 2020\n---\n# Intro\n\nText.[^1]\n\n[^1]: One.\n";
    let doc = parse(text);
    assert_eq!(labels(&doc), ["1"]);
    assert_eq!(doc.slice(&doc.ignored[0]), "---\ntitle: \"Mine Ban [^1] Policy\"\ndate: 2020\n---\n");
    assert_eq!(
        (doc.blocks[0].kind, doc.slice(&doc.blocks[0].span)),
        (BlockKind::Title, "Mine Ban [^1] Policy")
    );
    assert_eq!(doc.blocks[1].kind, BlockKind::Heading);
}

#[test]
fn toml_front_matter_is_ignored_and_gives_the_title() {
    let text = "+++\npath = \"2026/01/14/x\"\ntitle = \"Shipping Rust\"\n+++\n\nText.[^1]\n";
    let doc = parse(text);
    assert_eq!(doc.slice(&doc.ignored[0]), "+++\npath = \"2026/01/14/x\"\ntitle = \"Shipping Rust\"\n+++\n");
    assert_eq!((doc.blocks[0].kind, doc.slice(&doc.blocks[0].span)), (BlockKind::Title, "Shipping Rust"));
    assert_eq!(labels(&doc), ["1"]);
}

#[test]
fn a_thematic_break_at_the_start_is_no_front_matter() {
    let doc = parse("---\n\nText.[^1]\n");
    assert!(doc.ignored.is_empty());
    assert_eq!(labels(&doc), ["1"]);
}

#[test]
fn ignored_regions_are_sorted_and_disjoint() {
    let doc = parse("`a` <!-- b --> `c`\n\n```\nd\n```\n<!-- e -->\n\n    f\n");
    assert!(doc.ignored.windows(2).all(|w| w[0].end < w[1].start), "{:?}", doc.ignored);
    assert!(doc.is_ignored(doc.text.find('d').unwrap()));
    assert!(!doc.is_ignored(doc.text.find(' ').unwrap()));
}

#[test]
fn synthetic_definitions_do_not_leak_into_the_document() {
    // The prefix holds definitions for both labels; nothing of it may appear.
    let doc = parse("    indented code first [^a]\n\nThen[^b].\n");
    assert_eq!(labels(&doc), ["b"]);
    assert!(doc.footnotes.is_empty());
    assert_eq!(slices(&doc, &doc.ignored), ["indented code first [^a]"]);
}

#[test]
fn a_bom_is_skipped_and_spans_stay_right() {
    let doc = parse("\u{feff}# T\r\n\r\nSaid.[^1]\r\n\r\n[^1]: One.\r\n");
    assert_eq!(doc.slice(&doc.blocks[0].span), "T");
    assert_eq!(doc.slice(&doc.citations[0].span), "[^1]");
    assert_eq!(doc.slice(&doc.footnotes[0].text_span), "One.");
}
