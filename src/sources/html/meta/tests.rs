use super::*;

fn extraction(html: &str, url: &str) -> Extraction {
    let mut out = Extraction::new(crate::sources::SourceKind::Html);
    collect(&Html::parse_document(html), url, &mut out);
    out
}

#[test]
fn an_svg_title_is_not_the_page_title() {
    let out = extraction("<html><body><svg><title>icon</title></svg><h1>Real heading</h1></body></html>", "");
    assert!(out.titles.iter().all(|t| t.value != "icon"), "{:?}", out.titles);
    assert_eq!(out.titles[0].origin, Origin::FirstH1);
}

#[test]
fn unparseable_dates_and_link_authors_are_dropped() {
    let out = extraction(
        "<meta name=\"date\" content=\"last Tuesday\"><meta property=\"article:author\" \
         content=\"https://facebook.com/someone\"><meta name=\"author\" content=\"By Jane Roe\">",
        "",
    );
    assert!(out.published.is_empty());
    assert_eq!(out.authors.len(), 1);
    assert_eq!(out.authors[0].value, "Jane Roe");
}

#[test]
fn microdata_dates_and_headlines_are_read_from_any_element() {
    let out = extraction(
        "<article itemscope><h2 itemprop=\"headline\">A headline</h2>\
         <span itemprop=\"datePublished\" content=\"2018-02-01\">1 Feb</span>\
         <span itemprop=\"dateModified\" content=\"2018-03-01\"></span>\
         <div itemprop=\"author\"><span itemprop=\"name\">Ann Lee</span></div></article>",
        "",
    );
    assert_eq!(
        out.titles[0],
        Candidate { value: "A headline".into(), origin: Origin::Microdata("headline".into()) }
    );
    assert_eq!(out.published[0].date, parse_date("2018-02-01").unwrap());
    assert_eq!(out.modified[0].date, parse_date("2018-03-01").unwrap());
    assert_eq!(out.authors[0].value, "Ann Lee");
}

#[test]
fn a_url_path_date_is_the_least_trusted_publication_date() {
    let out = extraction(
        "<meta property=\"article:published_time\" content=\"2019-12-29\">",
        "https://example.com/news/2019/12/30/story",
    );
    assert_eq!(out.published.len(), 2);
    assert_eq!(out.published[0].origin, Origin::ArticlePublishedTime);
    assert_eq!(out.published[1].origin, Origin::UrlPath);
    assert_eq!(out.published[1].date, parse_date("2019-12-30").unwrap());
}

#[test]
fn bylines_give_names_but_not_dates_or_labels() {
    let out = extraction(
        "<p class=\"byline\">By Sam Ortiz</p><span class=\"author-date\">12.03.2020, 10:15</span>\
         <label class=\"comment-author\">Name *</label><a rel=\"author\" href=\"/u/k\">Kim Park</a>",
        "",
    );
    let names: Vec<&str> = out.authors.iter().map(|a| a.value.as_str()).collect();
    assert_eq!(names, ["Sam Ortiz", "Kim Park"]);
}

#[test]
fn html_lang_wins_over_og_locale() {
    let out = extraction(
        "<html lang=\"fr-CA\"><head><meta property=\"og:locale\" content=\"en_US\"></head></html>",
        "",
    );
    let lang = out.language.unwrap();
    assert_eq!((lang.code.as_str(), lang.origin), ("fr", LanguageOrigin::HtmlLang));
}
