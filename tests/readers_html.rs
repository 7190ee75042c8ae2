//! The HTML reader on real HTML (`shared/corpus/formats/html-word`, `html-pandoc`: Word's
//! clipboard HTML as four browsers serialised it, pandoc's own output and test inputs),
//! on each note style it reads, and on hostile input.

mod support;

use std::path::Path;

use citelint::document::readers::{self, ReadError, View};
use citelint::{Format, Options, Plan, check};
use proptest::prelude::*;
use support::readers::{corpus, pairs, rules, structure};

fn html(text: &str) -> View {
    readers::open(text.as_bytes().to_vec(), Format::Html).expect("decodes")
}

fn open_file(path: &Path) -> View {
    readers::open(std::fs::read(path).unwrap(), Format::Html).unwrap()
}

#[test]
fn word_clipboard_html_has_its_two_notes_in_every_browser_serialisation() {
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("html-word/ckeditor4-7269Test_with_footnote");
    // chrome keeps Word's conditional comments, firefox starts with Word's XML settings,
    // ie8 writes upper-case unquoted markup, both IE variants absolute hrefs ending in
    // `#_ftn1`, ie11 has no MsoFootnoteReference class; CKEditor's cleaned output keeps
    // the anchors as plain links with lower-cased text.
    for (file, first, second) in [
        ("word2013/chrome.html", "A simple footnote", "Another simple footnote"),
        ("word2013/firefox.html", "A simple footnote", "Another simple footnote"),
        ("word2013/ie8.html", "A simple footnote", "Another simple footnote"),
        ("word2013/ie11.html", "A simple footnote", "Another simple footnote"),
        ("expected.html", "a simple footnote", "another simple footnote"),
        ("word2013/expected_ie8.html", "a simple footnote", "another simple footnote"),
        ("word2013/expected_ie11.html", "a simple footnote", "another simple footnote"),
    ] {
        let view = open_file(&dir.join(file));
        let (citations, notes) = structure(&view);
        assert_eq!(citations, ["1", "2"], "{file}");
        assert_eq!(notes, pairs(&[("1", first), ("2", second)]), "{file}");
        // The citation points at Word's `[1]` in the markup, the note's mark at its back link.
        let doc = view.document();
        for c in &doc.citations {
            assert_eq!(
                view.source[view.to_source(c.span.clone())].trim(),
                format!("[{}]", c.label),
                "{file}"
            );
        }
        assert_eq!(doc.text.matches("[1]").count(), 2, "{file}: one citation and one note mark");
        // Every reference has its note (corpus README): nothing to report.
        assert_eq!(rules(&view), [], "{file}");
    }
}

#[test]
fn pandocs_html5_writer_output_has_its_five_notes() {
    let Some(corpus) = corpus() else { return };
    let view = open_file(&corpus.join("html-pandoc/writer.html5"));
    let (citations, notes) = structure(&view);
    assert_eq!(citations, ["1", "2", "3", "4", "5"]);
    let starts: Vec<(String, String)> = notes
        .iter()
        .map(|(l, t)| (l.clone(), t.split_whitespace().take(3).collect::<Vec<_>>().join(" ")))
        .collect();
    // testsuite.txt's notes: [^1], [^longnote], the inline ^[...], one in a block quote,
    // one in a list item; back links (↩︎) are not note text.
    assert_eq!(
        starts,
        pairs(&[
            ("1", "Here is the"),
            ("2", "Here’s the long"),
            ("3", "This is easier"),
            ("4", "In quote."),
            ("5", "In list."),
        ])
    );
    assert!(!view.document().text.contains('↩'));
    // The long note keeps its paragraphs; its code block is not prose.
    let doc = view.document();
    assert!(notes[1].1.contains("\n\nSubsequent blocks"));
    assert!(doc.ignored.iter().any(|r| doc.slice(r).contains("{ <code> }")));
    // The inline note's link shows its address, which the link checks then read.
    assert!(notes[2].1.contains("links <http://google.com>"));
    let urls: Vec<(String, Option<String>)> =
        doc.urls().iter().map(|u| (u.raw.clone(), u.footnote.clone())).collect();
    assert!(urls.contains(&("http://google.com".into(), Some("3".into()))), "{urls:?}");
    // Findings on it: none (every note is cited, none is malformed).
    assert_eq!(rules(&view), []);
}

/// The HTML of a pandoc command test: its input for a `-f html` test, else its output.
fn command_html(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let body = text.split_once("```\n").map_or(text.as_str(), |(_, b)| b);
    let (command, rest) = body.split_once('\n').unwrap();
    let (input, output) = rest.split_once("^D\n").unwrap();
    if command.contains("-f html") {
        input.to_owned()
    } else {
        output.split("```").next().unwrap().to_owned()
    }
}

#[test]
fn pandoc_command_tests_id_prefix_figures_epub_and_block_notes() {
    let Some(corpus) = corpus() else { return };
    let dir = corpus.join("html-pandoc");
    for (file, cited, notes) in [
        // --id-prefix=foo: ids foofn1/foofnref1.
        ("command-4235.md", vec!["1"], pairs(&[("1", "Has a footnote.")])),
        // A note holding a figure: its caption is note text.
        ("command-7006.md", vec!["1"], pairs(&[("1", "Foo:\n\nCaption.")])),
        // EPUB: epub:type=noteref / footnote.
        ("command-7884.md", vec!["1", "2"], pairs(&[("1", "This is a test"), ("2", "This is another test")])),
        // --reference-location=block: notes in an aside after each block, the second
        // list starting at 2.
        (
            "command-8770-block.md",
            vec!["1", "2", "3", "4", "5"],
            pairs(&[
                ("1", "doc footnote"),
                ("2", "caption footnote"),
                ("3", "header footnote"),
                ("4", "table cell footnote"),
                ("5", "doc footnote"),
            ]),
        ),
    ] {
        let view = html(&command_html(&dir.join(file)));
        let (c, n) = structure(&view);
        assert_eq!(c, cited, "{file}");
        assert_eq!(n, notes, "{file}");
        assert_eq!(rules(&view), [], "{file}");
    }
    // With notes after each block, the body between them is still body text.
    let view = html(&command_html(&dir.join("command-8770-block.md")));
    let doc = view.document();
    let blocks: Vec<&str> = doc.blocks.iter().map(|b| doc.slice(&b.span)).collect();
    assert!(blocks.contains(&"dolly[5]"), "{blocks:?}");
}

#[test]
fn pandocs_html_reader_test_links_that_look_like_notes_are_not_notes() {
    let Some(corpus) = corpus() else { return };
    let view = open_file(&corpus.join("html-pandoc/html-reader.html"));
    // `<a href="#note_1">(1)</a>` names no element, is neither marked nor superscript:
    // pandoc reads it as a plain link (html-reader.native has no Note), and so do we.
    let (citations, notes) = structure(&view);
    assert_eq!((citations, notes), (vec![], vec![]));
    assert!(view.document().text.contains("Here is a footnote reference(1), and another(longnote)."));
    // Findings on it: none.
    assert_eq!(rules(&view), []);
}

#[test]
fn a_marked_note_link_to_nothing_is_a_missing_footnote_labelled_as_shown() {
    let view = html(
        "<p>Said.<sup><a href=\"#fn2\">2</a></sup> And.<a href=\"#_ftn9\" style=\"mso-footnote-id:ftn9\">[9]</a></p>\
         <p>A <a href=\"#intro\">link</a> to a section.</p>",
    );
    let found = rules(&view);
    assert_eq!(
        found,
        [("missing-footnote".into(), Some("2".into())), ("missing-footnote".into(), Some("9".into()))]
    );
    assert!(view.document().text.contains("A link to a section."));
}

#[test]
fn superscript_links_into_a_list_or_to_named_anchors_are_notes() {
    let view = html(
        "<h1>T</h1><p>One.<sup><a href=\"#n1\">1</a></sup> Two.<sup><a href=\"#n2\">2</a></sup></p>\
         <h2>Notes</h2><ol><li id=\"n1\">First, 2020.</li><li id=\"n2\">Second, 2021.</li><li id=\"n3\">Third.</li></ol>",
    );
    let (c, n) = structure(&view);
    assert_eq!(c, ["1", "2"]);
    assert_eq!(n, pairs(&[("1", "First, 2020."), ("2", "Second, 2021."), ("3", "Third.")]));
    assert_eq!(rules(&view), [("unused-footnote".into(), Some("3".into()))]);

    let view = html(
        "<p>Said.<sup><a href=\"#note4\">4</a></sup></p>\
         <p><a name=\"note4\"></a>4. Letter from A, 2 May 2019.</p>",
    );
    let (c, n) = structure(&view);
    assert_eq!(c, ["4"]);
    assert_eq!(n, pairs(&[("4", "4. Letter from A, 2 May 2019.")]));
}

#[test]
fn github_footnotes_and_their_back_references() {
    let view = html(
        "<p>Claim.<sup><a href=\"#user-content-fn-a\" id=\"user-content-fnref-a\" data-footnote-ref>1</a></sup></p>\
         <section data-footnotes class=\"footnotes\"><h2 id=\"footnote-label\" class=\"sr-only\">Footnotes</h2>\
         <ol><li id=\"user-content-fn-a\"><p>Source, 2020. <a href=\"#user-content-fnref-a\" data-footnote-backref class=\"data-footnote-backref\">↩</a></p></li></ol></section>",
    );
    assert_eq!(structure(&view), (vec!["1".into()], pairs(&[("1", "Source, 2020.")])));
}

#[test]
fn typed_notes_in_html_read_as_a_plain_profile() {
    let view = html(
        "<html><head><title>Profile</title></head><body><p>Last updated: 1 May 2020</p>\
         <p>It said so.[1] And more.[2]</p><p>[1] Statement, 3 March 2020.</p><p>[2]Letter, 2021.</p></body></html>",
    );
    let doc = view.document();
    assert_eq!(
        doc.text,
        "Profile\n\nLast updated: 1 May 2020\n\nIt said so.[1] And more.[2]\n\n[1] Statement, 3 March 2020.\n\n[2]Letter, 2021."
    );
    let kinds: Vec<_> = doc.blocks.iter().map(|b| b.kind).collect();
    use citelint::document::BlockKind::*;
    assert_eq!(kinds, [Title, LastUpdated, Paragraph]);
    let found = rules(&view);
    assert!(found.contains(&("malformed-footnote".into(), Some("2".into()))), "{found:?}");
    assert!(found.contains(&("source-after-update".into(), Some("2".into()))), "{found:?}");
}

#[test]
fn entities_tags_and_white_space_render_and_map_back() {
    let src = "<p>Ana   R&uacute;iz\n<b>said</b>&nbsp;so<br>on 3&nbsp;May&#160;2019.</p><script>var x = '[1]';</script><!-- c -->";
    let view = html(src);
    let doc = view.document();
    assert_eq!(doc.text, "Ana Rúiz said so\non 3 May 2019.");
    let at = doc.text.find("Rúiz").unwrap();
    assert_eq!(&view.source[view.to_source(at..at + "Rúiz".len())], "R&uacute;iz");
    let at = doc.text.find("said").unwrap();
    assert_eq!(&view.source[view.to_source(at..at + 4)], "said");
    assert_eq!(doc.comments.len(), 1);
    assert_eq!(&view.source[doc.comments[0].clone()], "<!-- c -->");
}

#[test]
fn a_link_whose_text_is_not_its_address_shows_it_for_the_link_checks() {
    let view = html(
        "<p>See <a href=\"https://a.example/r?x=1&amp;y=2\">the report</a>, or <a href=\"https://b.example/\">https://b.example/</a>.</p>",
    );
    let doc = view.document();
    assert_eq!(doc.text, "See the report <https://a.example/r?x=1&y=2>, or https://b.example/.");
    let urls: Vec<String> = doc.urls().iter().map(|u| u.href().into_owned()).collect();
    assert_eq!(urls, ["https://a.example/r?x=1&y=2", "https://b.example/"]);
    // The address's finding would point at the attribute it is written in.
    let u = &doc.urls()[0];
    assert!(view.source[view.to_source(u.span.clone())].contains("a.example/r?x=1&amp;y=2"));
}

#[test]
fn the_declared_charset_decides_how_the_bytes_read() {
    // Word's "Save as Web Page" writes windows-1252.
    let mut bytes = b"<html><head><meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"></head><body><p>".to_vec();
    bytes.extend(b"Kova\xe8 said \x93so\x94.</p></body></html>");
    let view = readers::open(bytes, Format::Html).unwrap();
    assert_eq!(view.document().text, "Kovač said “so”.".replace('č', "è"));
    // A byte order mark outranks a declaration; UTF-16 decodes.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("<meta charset=windows-1252><p>Kovač</p>".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(readers::open(utf16, Format::Html).unwrap().document().text, "Kovač");
    // A UTF-8 byte order mark is no text.
    let bom = "\u{feff}<p>A.</p>".as_bytes().to_vec();
    assert_eq!(readers::open(bom, Format::Html).unwrap().document().text, "A.");
    // Invalid UTF-8 where UTF-8 is declared is an error naming the byte.
    let bad = b"<meta charset=utf-8><p>\xff</p>".to_vec();
    assert!(matches!(readers::open(bad, Format::Html), Err(ReadError::Decode { offset: 23, .. })));
}

#[test]
fn suppression_comments_in_html_work_as_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.html");
    std::fs::write(
        &path,
        "<p>One.<sup><a href=\"#fn7\">7</a></sup></p>\n<!-- citelint-disable-next-line missing-footnote -->\n<p>Two.<sup><a href=\"#fn8\">8</a></sup></p>\n",
    )
    .unwrap();
    let offline = Options { links: None, ..Options::default() };
    let outcome = check::run(&Plan::new(vec![path]), &offline).unwrap();
    let file = &outcome.files[0];
    let kept: Vec<_> = file.findings.iter().map(|f| f.note.clone().unwrap()).collect();
    assert_eq!(kept, ["7"]);
    assert_eq!(file.suppressed.len(), 1);
    // Line 1 in the HTML, where `7` is written.
    let at = file.findings[0].span.start;
    assert_eq!(file.source[..at].matches('\n').count(), 0);
    assert_eq!(&file.source[file.findings[0].span.clone()], "7");
}

#[test]
fn a_hundred_thousand_nested_tags_are_read_without_overflow() {
    let n = 100_000;
    let src = format!(
        "{}deep[1]{}<p>[1] Note.</p>{}",
        "<div><span>".repeat(n),
        "</i>".repeat(n),
        "</div>".repeat(n)
    );
    let view = html(&src);
    let (citations, notes) = structure(&view);
    assert_eq!((citations.len(), notes.len()), (1, 1));
    let src = format!("{}<p>x</p>", "<a href=\"#x\"><sup>".repeat(n));
    // One superscript link around the text, pointing nowhere: one citation, no note.
    let (citations, notes) = structure(&html(&src));
    assert_eq!((citations.len(), notes.len()), (1, 0));
}

#[test]
fn a_ten_megabyte_attribute_is_read_and_dropped() {
    let src = format!(
        "<p id=\"{}\" href=\"{}\">Text.<sup><a href=\"#fn1\">1</a></sup></p>",
        "x".repeat(10 << 20),
        "y".repeat(64)
    );
    let view = html(&src);
    assert_eq!(view.document().text, "Text.[1]");
    assert_eq!(rules(&view), [("missing-footnote".into(), Some("1".into()))]);
}

/// HTML-like text: tags that matter to the reader, entities, note links, text.
fn html_soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<div style='mso-element:footnote' id=ftn1>".to_owned()),
        Just("</div>".to_owned()),
        Just("<a href=\"#_ftn1\" style=\"mso-footnote-id:ftn1\">[1]</a>".to_owned()),
        Just("<a href=\"#_ftnref1\" name=\"_ftn1\">[1]</a>".to_owned()),
        Just("<sup><a href=\"#fn2\">2</a></sup>".to_owned()),
        Just("<ol><li id=fn2>".to_owned()),
        Just("<a href=\"https://é.example/x\">é</a>".to_owned()),
        Just("<br>".to_owned()),
        Just("<pre>".to_owned()),
        Just("</pre>".to_owned()),
        Just("<code>".to_owned()),
        Just("<title>".to_owned()),
        Just("<h1>".to_owned()),
        Just("<!-- c -->".to_owned()),
        Just("&amp;".to_owned()),
        Just("&nbsp;".to_owned()),
        Just("&#8220;".to_owned()),
        Just("&notit;".to_owned()),
        Just("\r\n".to_owned()),
        Just("[^3]".to_owned()),
        "[a-zA-Z .,é€\u{a0}\n<>&\"'\\[\\]0-9]{0,12}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn check_spans(view: &View) -> Result<(), TestCaseError> {
    let doc = view.document();
    let mut spans: Vec<std::ops::Range<usize>> = Vec::new();
    spans.extend(doc.blocks.iter().map(|b| b.span.clone()));
    spans.extend(doc.citations.iter().flat_map(|c| [c.span.clone(), c.sentence_span.clone()]));
    spans.extend(doc.footnotes.iter().flat_map(|f| [f.marker_span.clone(), f.text_span.clone()]));
    spans.extend(doc.ignored.iter().cloned());
    spans.extend(doc.urls().iter().map(|u| u.span.clone()));
    for span in spans {
        prop_assert!(doc.text.is_char_boundary(span.start) && doc.text.is_char_boundary(span.end));
        let s = view.to_source(span.clone());
        prop_assert!(s.start <= s.end && s.end <= view.source.len(), "{span:?} -> {s:?}");
        prop_assert!(
            view.source.is_char_boundary(s.start) && view.source.is_char_boundary(s.end),
            "{span:?} -> {s:?}"
        );
    }
    let offline = Options { links: None, ..Options::default() };
    for f in check::rules(&doc, &offline) {
        let s = view.to_source(f.span.clone());
        prop_assert!(view.source.get(s.clone()).is_some(), "{} {:?} -> {s:?}", f.rule, f.span);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_reader_never_panics_and_spans_map_inside_the_source_on_char_boundaries(src in html_soup()) {
        let view = html(&src);
        check_spans(&view)?;
    }

    #[test]
    fn arbitrary_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let lossy = String::from_utf8_lossy(&bytes).into_owned();
        if let Ok(view) = readers::open(bytes, Format::Html) {
            check_spans(&view)?;
        }
        check_spans(&html(&lossy))?;
    }
}
