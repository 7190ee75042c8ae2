//! Unit tests of the plain-text profile grammar, one behaviour each.

use super::*;

const PROFILE: &str = "Mine Ban Policy\n\nLast updated: 22 December 2023\n\n\
The Republic has not acceded.\n\nSo it said.[1] Then [sic] it said more.[2][3] And [2019] too.[4, 5]\n\n\
Production and transfer\n\nIt made mines.[6]\n\n\
[1] Statement of Armenia, 21 June 2021.\n\n[2]Letter from Armen Yedigarian, 29 April 2010.\n\n\
[3] Ibid.\ncontinued line\n\nA continuation paragraph.\n";

#[test]
fn profile_structure_is_recognised() {
    let doc = parse(PROFILE);
    let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
    assert_eq!(
        kinds,
        [
            BlockKind::Title,
            BlockKind::LastUpdated,
            BlockKind::Paragraph,
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Paragraph
        ]
    );
    let labels: Vec<_> = doc.citations.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["1", "2", "3", "4", "5", "6"]);
    let notes: Vec<_> = doc.footnotes.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(notes, ["1", "2", "3"]);
}

#[test]
fn marker_without_space_still_opens_a_note() {
    let doc = parse(PROFILE);
    assert_eq!(doc.slice(&doc.footnotes[1].marker_span), "[2]");
    assert_eq!(doc.slice(&doc.footnotes[1].text_span), "Letter from Armen Yedigarian, 29 April 2010.");
}

#[test]
fn a_note_runs_until_the_next_note() {
    let doc = parse(PROFILE);
    assert_eq!(doc.slice(&doc.footnotes[2].text_span), "Ibid.\ncontinued line\n\nA continuation paragraph.");
}

#[test]
fn free_standing_brackets_are_text() {
    let doc = parse("T\n\nHe wrote [sic] that in [2019] it was [12] bad.\n");
    assert!(doc.citations.is_empty());
}

#[test]
fn comma_lists_give_each_label_its_own_span() {
    let doc = parse("T\n\nSaid so.[3, 4]\n");
    let spans: Vec<_> = doc.citations.iter().map(|c| doc.slice(&c.span)).collect();
    assert_eq!(spans, ["3", "4"]);
}

#[test]
fn citation_knows_its_sentence() {
    let doc = parse(PROFILE);
    let c = &doc.citations[1];
    assert_eq!(doc.slice(&c.sentence_span), "Then [sic] it said more.[2][3]");
}

#[test]
fn crlf_and_bom_keep_spans_right() {
    let text = "\u{feff}Title\r\n\r\nIt said.[1]\r\n\r\n[1] Source, 2020.\r\n";
    let doc = parse(text);
    assert_eq!(doc.slice(&doc.citations[0].span), "[1]");
    assert_eq!(doc.slice(&doc.footnotes[0].text_span), "Source, 2020.");
    assert_eq!(doc.slice(&doc.blocks[0].span), "Title");
}

fn labels(doc: &Document) -> Vec<String> {
    doc.citations.iter().map(|c| c.label.clone()).collect()
}

fn notes<'a>(doc: &Document<'a>) -> Vec<(&'a str, &'a str)> {
    doc.footnotes.iter().map(|f| (doc.slice(&f.marker_span), doc.slice(&f.text_span))).collect()
}

#[test]
fn a_marker_set_off_by_a_space_is_a_citation_when_it_names_a_note() {
    let doc =
        parse("T\n\nIt was not enough. [7] In later years [2019] it was. [3, 7] And.\n\n[7] Letter, 2020.\n");
    assert_eq!(labels(&doc), ["7"]);
    assert_eq!(doc.slice(&doc.citations[0].span), "[7]");
}

#[test]
fn a_marker_opening_a_wrapped_line_of_prose_is_a_citation_not_a_note() {
    let text = "T\n\nThe dataset is public.\n[7] In later years it grew.\n\n[7] Letter, 2020.\n";
    let doc = parse(text);
    assert_eq!(notes(&doc), [("[7]", "Letter, 2020.")]);
    assert_eq!(labels(&doc), ["7"]);
    assert_eq!(doc.slice(&doc.blocks[1].span), "The dataset is public.\n[7] In later years it grew.");
}

#[test]
fn notes_written_without_blank_lines_are_each_a_note() {
    let doc = parse(
        "T\n\nSaid.[1] Again.[2]\n\n[1] Statement, 2020.\n[2] Letter, 2021\n[2019] report.\n[9] Email.\n",
    );
    assert_eq!(
        notes(&doc),
        [("[1]", "Statement, 2020."), ("[2]", "Letter, 2021\n[2019] report."), ("[9]", "Email.")]
    );
}

#[test]
fn a_numbered_list_under_a_notes_heading_is_the_notes_list() {
    let text = "T\n\nSaid.[1] Again.[2]\n\nNotes\n\n1. Statement, 2020.\n2. Letter,\n   2021.\n\nAnnex\n";
    let doc = parse(text);
    assert_eq!(notes(&doc), [("1.", "Statement, 2020."), ("2.", "Letter,\n   2021.\n\nAnnex")]);
    assert_eq!(doc.blocks.last().map(|b| (b.kind, doc.slice(&b.span))), Some((BlockKind::Heading, "Notes")));
}

#[test]
fn a_numbered_list_without_a_notes_heading_is_body_text() {
    let doc = parse("T\n\nSteps:\n\n1. Clear the field.\n2. Mark it.\n");
    assert!(doc.footnotes.is_empty());
}

#[test]
fn an_encyclopedia_dump_has_its_references_read_and_ends_them_at_the_next_heading() {
    let text = "Intro text.[1] More text\n[2] on a wrapped line.\n***** References[edit] *****\n   \
                1. ^Kalnay, E. (1996). \"Reanalysis\".\n      BAMS.\n   2. ^ http://example.org/a\n\
                ***** Further reading[edit] *****\n    1. Daley, R. (1991).\n";
    let doc = parse(text);
    assert_eq!(
        notes(&doc),
        [("1.", "Kalnay, E. (1996). \"Reanalysis\".\n      BAMS."), ("2.", "http://example.org/a")]
    );
    assert_eq!(labels(&doc), ["1", "2"]);
    let headings: Vec<_> =
        doc.blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| doc.slice(&b.span)).collect();
    assert_eq!(headings, ["***** References[edit] *****", "***** Further reading[edit] *****"]);
}
