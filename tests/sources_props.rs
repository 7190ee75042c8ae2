//! Properties of source extraction on arbitrary input: `extract` does not panic, and
//! comes back (its guard abandons a parser past the time limit), on any bytes labelled
//! HTML or PDF, nor on random damage to a real PDF; quotation search stays within the source and finds any run of its words;
//! title similarity stays in 0..=1.

use std::path::Path;
use std::time::Duration;

use citelint::sources::{Fetched, Limits, NormalizedText, QuoteMatch, extract, find_quote, title_similarity};
use proptest::prelude::*;

fn limits() -> Limits {
    Limits { time_limit: Duration::from_secs(2), ..Limits::default() }
}

fn run(content_type: &str, body: &[u8]) {
    let out =
        extract(&Fetched { url: "https://example.org/x", content_type: Some(content_type), body }, &limits());
    // Whatever came in, what comes out serialises (it is cached as JSON).
    serde_json::to_string(&out).unwrap();
}

fn text_pdf() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sources/text.pdf")).unwrap()
}

/// Random damage: overwrite, delete or duplicate a few byte ranges.
fn damaged(pdf: Vec<u8>, edits: Vec<(usize, usize, u8, u8)>) -> Vec<u8> {
    let mut out = pdf;
    for (at, len, byte, kind) in edits {
        if out.is_empty() {
            break;
        }
        let at = at % out.len();
        let end = (at + len % 64).min(out.len());
        match kind % 3 {
            0 => out[at..end].iter_mut().for_each(|b| *b = byte),
            1 => {
                out.drain(at..end);
            }
            _ => {
                let copy = out[at..end].to_vec();
                out.splice(at..at, copy);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_labelled_html_never_panic(body in proptest::collection::vec(any::<u8>(), 0..4096)) {
        run("text/html", &body);
    }

    #[test]
    fn markup_like_soup_labelled_html_never_panics(body in "(<[a-z]{1,6}( [a-z-]{1,8}=\"[^\"]{0,12}\")?>|</[a-z]{1,6}>|[^<]{0,20}|<script>[^<]{0,40}|<!--|-->|&[a-z]{1,5};){0,200}") {
        run("text/html", body.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_labelled_pdf_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let mut body = b"%PDF-1.4\n".to_vec();
        body.extend(tail);
        run("application/pdf", &body);
    }

    #[test]
    fn a_damaged_real_pdf_never_panics_nor_hangs(edits in proptest::collection::vec((any::<usize>(), any::<usize>(), any::<u8>(), any::<u8>()), 1..6)) {
        let body = damaged(text_pdf(), edits);
        run("application/pdf", &body);
    }

    #[test]
    fn any_run_of_a_sources_words_is_found_within_it(words in proptest::collection::vec("[a-zA-Zé’'\\-]{1,8}", 1..60), start in any::<usize>(), len in 1usize..12) {
        let text = words.join(" ");
        let n = NormalizedText::new(&text);
        let start = start % words.len();
        let end = (start + len).min(words.len());
        let quote = words[start..end].join(" ");
        match find_quote(&quote, &n) {
            QuoteMatch::Found { span_in_source } => {
                prop_assert!(span_in_source.end <= text.len());
                prop_assert!(text.is_char_boundary(span_in_source.start) && text.is_char_boundary(span_in_source.end));
            }
            QuoteMatch::NoWords => prop_assert!(!quote.chars().any(char::is_alphanumeric)),
            other => prop_assert!(false, "{quote:?} not found in {text:?}: {other:?}"),
        }
    }

    #[test]
    fn quote_search_never_panics_and_scores_in_range(quote in "\\PC{0,80}", text in "\\PC{0,400}") {
        let n = NormalizedText::new(&text);
        match find_quote(&quote, &n) {
            QuoteMatch::Found { span_in_source } => prop_assert!(span_in_source.end <= text.len()),
            QuoteMatch::NotFound { similarity, .. } => prop_assert!((0.0..=1.0).contains(&similarity)),
            QuoteMatch::NoWords => {}
        }
    }

    #[test]
    fn title_similarity_is_in_range_and_one_for_the_same_title(a in "\\PC{0,60}", b in "\\PC{0,60}") {
        let s = title_similarity(&a, &b);
        prop_assert!((0.0..=1.0).contains(&s));
        if a.chars().any(char::is_alphanumeric) {
            prop_assert_eq!(title_similarity(&a, &a), 1.0);
        }
    }
}
