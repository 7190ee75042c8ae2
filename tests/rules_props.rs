//! Property tests: every document rule, with the date, name and URL extraction behind
//! them, runs on any text without panicking, and every span it reports is a valid slice.
//! The extractors read bytes eight at a time and walk back from years; these inputs mix
//! their triggers with multibyte text, so a slice off a char boundary would show here.

use citelint::document::{Format, Span};
use citelint::{Settings, lint_str};
use proptest::prelude::*;

fn piece() -> impl Strategy<Value = String> {
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

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..120).prop_map(|v| v.concat())
}

fn assert_span(text: &str, span: &Span, what: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "{what} {span:?} out of range in {text:?}");
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} not on char boundaries in {text:?}"
    );
}

fn check(text: &str) {
    for format in [Format::Text, Format::Markdown] {
        for f in lint_str(text, format, &Settings::default()) {
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
    fn every_rule_runs_on_text_full_of_dates_names_and_urls(text in text()) {
        check(&text);
    }

    #[test]
    fn every_rule_runs_on_any_string(text in any::<String>()) {
        check(&text);
    }
}
