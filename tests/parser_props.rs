//! Property tests: both parsers are total and every span they return is a valid slice.

use citelint::document::{Document, Format, Span};
use proptest::prelude::*;

/// Pieces that exercise the grammars' edges: brackets, carets, digits, code, comments,
/// containers, line endings, escapes and multibyte text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "[", "]", "^", "[^", "]:", "[^1]", "[^1]:", "[^a]", "[1]", "[12]", "0", "7", "42", "`", "```", "~~~",
            "<!--", "-->", "<!-->", "\n", "\n\n", "\r\n", "\r", "\t", "    ", " ", "> ", "* ", "1. ", "# ", "---",
            "===", "|", "!", "\\", "(", ")", "<", ">", "*", "_", ".", ". ", "?", "”", "“", "ա", "Հայաստան", "ж",
            "Россия", "ع", "العربية", "日本", "é", "\u{feff}", "\u{200b}", "🙂", "Last updated:", "title: x",
        ])
        .prop_map(str::to_owned),
        1 => "[a-zA-Z ]{1,8}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn biased_text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn assert_span(text: &str, span: &Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of range in {text:?}");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries in {text:?}"
    );
}

fn assert_sorted_disjoint(spans: &[Span], what: &str) {
    assert!(spans.windows(2).all(|w| w[0].end <= w[1].start), "{what} not sorted and disjoint: {spans:?}");
}

/// Every span of the document is a valid slice of its text; Markdown markers look right.
fn check(text: &str, format: Format) {
    let doc = Document::parse(text, format);
    for b in &doc.blocks {
        assert_span(text, &b.span, "block");
    }
    for c in &doc.citations {
        assert_span(text, &c.span, "citation");
        assert_span(text, &c.sentence_span, "sentence");
        assert!(!c.label.is_empty());
    }
    for f in &doc.footnotes {
        assert_span(text, &f.marker_span, "marker");
        assert_span(text, &f.text_span, "footnote text");
        assert!(f.marker_span.end <= f.text_span.start, "text before marker: {f:?}");
    }
    for s in doc.ignored.iter().chain(&doc.comments) {
        assert_span(text, s, "ignored/comment");
    }
    assert_sorted_disjoint(&doc.ignored, "ignored");
    assert_sorted_disjoint(&doc.comments, "comments");
    if format == Format::Markdown {
        for c in &doc.citations {
            assert_eq!(doc.slice(&c.span), format!("[^{}]", c.label), "citation span is its marker");
            assert!(!doc.is_ignored(c.span.start), "citation {c:?} inside an ignored region");
        }
        for f in &doc.footnotes {
            assert_eq!(doc.slice(&f.marker_span), format!("[^{}]:", f.label), "footnote marker");
        }
        for c in &doc.comments {
            assert!(doc.slice(c).starts_with("<!--"), "comment {c:?}");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_string_parses_to_valid_spans(text in any::<String>()) {
        check(&text, Format::Text);
        check(&text, Format::Markdown);
    }

    #[test]
    fn marker_heavy_strings_parse_to_valid_spans(text in biased_text()) {
        check(&text, Format::Text);
        check(&text, Format::Markdown);
    }
}

#[test]
fn tricky_inputs_parse_to_valid_spans() {
    for text in
        ["[^\u{feff}]", "\u{feff}---\n", "[^a]:\n    [^a]:", "<!--", "`[^1]`[^1]:", "\r\n[^1]:\r\n\r\n    x"]
    {
        check(text, Format::Text);
        check(text, Format::Markdown);
    }
}
