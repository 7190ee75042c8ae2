//! Property tests: both parsers are total and every span they return is a valid slice;
//! every document rule, with the date, name and URL extraction behind it, runs on any
//! text without panicking and reports only valid spans. The extractors read bytes eight
//! at a time and walk back from years; the inputs mix their triggers with multibyte text,
//! so a slice off a char boundary would show here.

use citelint::document::{Document, Format, Span};
use citelint::{Options, lint_str};
use proptest::prelude::*;

/// Pieces that exercise the grammars' edges: brackets, carets, digits, code, comments,
/// containers, line endings, escapes and multibyte text, and the markers, anchors and
/// notes headings of every Markdown note style.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "[", "]", "^", "[^", "]:", "[^1]", "[^1]:", "[^a]", "[1]", "[12]", "0", "7", "42", "`", "```", "~~~",
            "<!--", "-->", "<!-->", "\n", "\n\n", "\r\n", "\r", "\t", "    ", " ", "> ", "* ", "1. ", "# ", "---",
            "===", "|", "!", "\\", "(", ")", "<", ">", "*", "_", ".", ". ", "?", "”", "“", "ա", "Հայաստան", "ж",
            "Россия", "ع", "العربية", "日本", "é", "\u{feff}", "\u{200b}", "🙂", "Last updated:", "title: x",
            "\\[", "\\]", "\\[1\\]", "<sup>", "</sup>", "<sup>1</sup>", "<sup>[2]</sup>", "<a id=\"n1\"></a>",
            "<a href=\"#n1\">", "</a>", "^1^", "^", "¹", "²³", "⁰", "Ã", "Notes", "## References\n", "***** Notes *****",
            "1. ", "12) ", "\n1. ", "[1]:", "[2] ", "[7] ", "[1](#n1)",
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
            let marker = doc.slice(&c.span);
            if marker.starts_with("[^") {
                assert_eq!(marker, format!("[^{}]", c.label), "citation span is its marker");
            } else {
                assert!(numbers(marker).contains(&c.label), "citation {c:?} span {marker:?} names its label");
            }
            assert!(!doc.is_ignored(c.span.start), "citation {c:?} inside an ignored region");
        }
        for f in &doc.footnotes {
            let marker = doc.slice(&f.marker_span);
            if marker.starts_with("[^") {
                assert_eq!(marker, format!("[^{}]:", f.label), "footnote marker");
            } else {
                // The other styles' notes are numbered, and the marker names the number
                // (an anchor's note takes the number a link gives it).
                assert!(f.label.bytes().all(|b| b.is_ascii_digit()), "footnote {f:?}");
                assert!(
                    numbers(marker).contains(&f.label) || marker.starts_with('<'),
                    "footnote marker {marker:?}"
                );
            }
        }
        for c in &doc.comments {
            assert!(doc.slice(c).starts_with("<!--"), "comment {c:?}");
        }
    }
}

/// The numbers written in a marker, superscript digits read as digits (`<sup>12</sup>`,
/// `\\[3\\]` and `¹²` name 12, 3 and 12).
fn numbers(marker: &str) -> Vec<String> {
    let digits: String = marker
        .chars()
        .map(|c| match c {
            '⁰' => '0',
            '¹' => '1',
            '²' => '2',
            '³' => '3',
            '⁴'..='⁹' => char::from_u32(c as u32 - 0x2070 + u32::from(b'0')).unwrap_or(' '),
            c if c.is_ascii_digit() => c,
            _ => ' ',
        })
        .collect();
    digits.split_whitespace().map(str::to_owned).collect()
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

/// Pieces that trigger the extractors: dates and their look-alikes, names and their
/// variants, URLs, cross-references, quotes, and multibyte text.
fn provenance_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::sample::select(vec![
            "21 June 2021", "June 21, 2021", "2021", "1992–1994", "1996–97", "2021-06-21", "31 September 2016",
            "Friday, 2 February 2024", "8–12 May", "May", "Sept.", "Jun.", "Wednesday", "30 April–2 ", "1st",
            "\u{a0}", "–", "—", "-", ", ", " ", "\n", "\n\n", "[1]", "[2]", "[12]", "[^1]", "[^1]: ", "[1] ",
            "Ibid.", "Id.", "see note 3", "notes 2–4 above", "n. 5", "NOTE 7", "noteſ 8", "https://", "http://",
            "www.", "doi:10.1000/x", "mailto:", "<a href=\"", "\">", "](", "example.org/a.pdf", "xn--", ":99999",
            "On ", "In ", "stated", "told", "accessed ", "undated", "n.d.", "Last updated: 3 May 2020",
            "José", "Martínez", "Jose Martinez", "Iham Aliyev", "Ilham Aliyev", "Pashinyan", "Pashinian",
            "Col. ", "President ", "’s", "'s", "“", "”", "\"", "(", ")", "Ministry of Defense", "ARMENIA",
            "Հայաստան", "Россия", "العربية", "日本", "é", "\u{301}", "\u{200b}", "🙂", "ſ", "K",
        ])
        .prop_map(str::to_owned),
        1 => "[A-Za-z]{1,9}",
        1 => "[0-9]{1,6}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn provenance_text() -> impl Strategy<Value = String> {
    prop::collection::vec(provenance_piece(), 0..120).prop_map(|v| v.concat())
}

/// Every rule's findings, in both grammars, point at valid slices.
fn check_rules(text: &str) {
    for format in [Format::Text, Format::Markdown] {
        for f in lint_str(text, format, &Options::default()) {
            assert_span(text, &f.span, f.rule);
            for r in &f.related {
                assert_span(text, &r.span, f.rule);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2048))]

    #[test]
    fn every_rule_runs_on_text_full_of_dates_names_and_urls(text in provenance_text()) {
        check_rules(&text);
    }

    #[test]
    fn every_rule_runs_on_any_string(text in any::<String>()) {
        check_rules(&text);
    }
}
