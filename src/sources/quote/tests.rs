use super::*;

const SOURCE: &str = "Ministry of Foreign Affairs\n\n\
    On 12 May 2019 the Minister said: \u{201C}Armenia is not in a position to join the Mine Ban \
    Treaty\u{a0}at this time\u{201D}, adding that the recon-\nstruction of the border area had \
    produced results \u{2014} \u{201C}real, well-\nknown results.\u{201D}\n\n\
    Cafe\u{301} owners welcomed the decision.";

fn found(quote: &str) -> Option<String> {
    let n = NormalizedText::new(SOURCE);
    match find_quote(quote, &n) {
        QuoteMatch::Found { span_in_source } => Some(SOURCE[span_in_source].to_owned()),
        _ => None,
    }
}

#[test]
fn a_quote_with_other_quotes_case_and_spaces_is_found_with_its_span() {
    let span = found("\"ARMENIA is not in a position to join the Mine  Ban Treaty at this time.\"").unwrap();
    assert!(span.starts_with("Armenia is") && span.ends_with("this time"), "{span}");
}

#[test]
fn line_break_hyphenation_in_the_source_is_undone() {
    assert!(found("the reconstruction of the border area").is_some());
    assert!(found("real, well-known results").is_some());
}

#[test]
fn ellipses_split_a_quote_into_pieces_that_must_come_in_order() {
    assert!(found("Armenia is not in a position […] at this time").is_some());
    assert!(found("Armenia is not ... at this time").is_some());
    assert_eq!(found("at this time … Armenia is not"), None);
}

#[test]
fn bracketed_insertions_match_anything_or_nothing() {
    assert!(found("[t]he recon-struction of the border area had produce[d] results").is_some());
    assert!(found("[t]he reconstruction of the border area had produce[d] results").is_some());
    assert!(found("the reconstruction of the border area [has] produced results").is_some());
    assert!(found("[The country] is not in a position to join").is_some());
    assert!(found("Armenia [sic] is not in a position").is_some());
}

#[test]
fn composed_and_decomposed_accents_match() {
    assert!(found("Caf\u{e9} owners welcomed").is_some());
    assert!(found("Cafe owners welcomed").is_none());
}

#[test]
fn a_missing_quote_reports_the_closest_passage() {
    let n = NormalizedText::new(SOURCE);
    let QuoteMatch::NotFound { closest, similarity } =
        find_quote("Armenia is in a position to join the Mine Ban Treaty", &n)
    else {
        panic!("found a quote the source contradicts")
    };
    assert!(closest.contains("position to join the Mine Ban"), "{closest}");
    assert!(similarity > 0.7 && similarity < 1.0, "{similarity}");
    let QuoteMatch::NotFound { similarity, .. } = find_quote("zebras graze quietly", &n) else { panic!() };
    assert_eq!(similarity, 0.0);
}

#[test]
fn a_quote_without_words_is_reported_as_such() {
    let n = NormalizedText::new(SOURCE);
    assert_eq!(find_quote(" … ", &n), QuoteMatch::NoWords);
    assert_eq!(find_quote("", &n), QuoteMatch::NoWords);
}

#[test]
fn an_empty_source_finds_nothing() {
    let n = NormalizedText::new("");
    assert_eq!(find_quote("anything", &n), QuoteMatch::NotFound { closest: String::new(), similarity: 0.0 });
}

#[test]
fn many_gaps_cannot_make_the_search_explode() {
    let text = "a ".repeat(20_000);
    let n = NormalizedText::new(&text);
    let quote = "a [x] ".repeat(40) + "b";
    // A search that tried every way to fill the gaps would not come back from this.
    assert!(matches!(find_quote(&quote, &n), QuoteMatch::NotFound { .. }));
}

#[test]
fn a_megabyte_source_answers_fifty_quotes() {
    let mut rng = fastrand::Rng::with_seed(3);
    let vocabulary: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
    let mut text = String::new();
    while text.len() < 1_000_000 {
        text.push_str(&vocabulary[rng.usize(..vocabulary.len())]);
        text.push_str(if rng.u8(..20) == 0 { ".\n\n" } else { " " });
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = NormalizedText::new(&text);
    let mut found_count = 0;
    for i in 0..50 {
        let start = rng.usize(..words.len() - 20);
        let mut quote = words[start..start + 20].join(" ");
        if i % 2 == 1 {
            quote.push_str(" zebra");
        }
        found_count += usize::from(matches!(find_quote(&quote, &n), QuoteMatch::Found { .. }));
    }
    // How fast is `examples/extract_bench.rs`'s to say.
    assert_eq!(found_count, 25);
}
