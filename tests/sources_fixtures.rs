//! Source extraction on fixtures written for it (`fixtures/sources/`): each metadata
//! form, a script-rendered page, a consent wall, a paywall, a Latin-1 page, and two
//! PDFs built here with lopdf (a text PDF with Info, XMP and /Lang; an image-only PDF).
//! The PDFs are committed; `CITELINT_BLESS=1 cargo test --test sources_fixtures`
//! rewrites them from the builders below, and the test fails when they drift.

use std::path::{Path, PathBuf};
use std::time::Duration;

use citelint::sources::{
    CharsetOrigin, Extraction, Fetched, LanguageOrigin, Limits, NormalizedText, Origin, QuoteMatch,
    SourceKind, Unverifiable, extract, find_quote, parse_date, title_similarity,
};
use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, Stream, dictionary};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sources").join(name)
}

fn extract_file(name: &str, content_type: &str) -> Extraction {
    let body = std::fs::read(fixture(name)).unwrap();
    extract(
        &Fetched { url: "https://example.org/news/item", content_type: Some(content_type), body: &body },
        &Limits::default(),
    )
}

fn values(list: &[citelint::sources::Candidate], origin: &Origin) -> Vec<String> {
    list.iter().filter(|c| &c.origin == origin).map(|c| c.value.clone()).collect()
}

#[test]
fn highwire_dublin_core_and_opengraph_tags_become_candidates_in_order_of_trust() {
    let out = extract_file("citation-meta.html", "text/html");
    assert_eq!(out.kind, SourceKind::Html);
    assert_eq!(out.titles[0].origin, Origin::CitationTitle);
    assert_eq!(
        values(&out.titles, &Origin::DublinCore("DC.title".into())),
        ["Mine Action in the South Caucasus"]
    );
    assert_eq!(
        values(&out.titles, &Origin::OpenGraph("og:title".into())),
        ["Mine action in the South Caucasus"]
    );
    assert_eq!(out.titles.last().unwrap().origin, Origin::FirstH1);
    assert_eq!(values(&out.authors, &Origin::CitationAuthor), ["Hakobyan, Anna", "Brown, Peter"]);
    let day = parse_date("2019-05-12").unwrap();
    assert_eq!(out.published[0].origin, Origin::CitationPublicationDate);
    assert_eq!(out.published[0].date, day);
    // The offset date-time keeps its own calendar day, not UTC's 13 May.
    let article = out.published.iter().find(|d| d.origin == Origin::ArticlePublishedTime).unwrap();
    assert_eq!(article.date, day);
    assert!(
        out.published
            .iter()
            .any(|d| d.origin == Origin::CitationDate && d.date == parse_date("2019-05").unwrap())
    );
    // Modified dates never appear among published ones, nor the reverse.
    let modified = parse_date("2020-01-03").unwrap();
    assert!(out.published.iter().all(|d| d.date != modified));
    assert_eq!(out.modified.len(), 2, "{:?}", out.modified);
    assert!(out.modified.iter().all(|d| d.date == modified));
    assert_eq!(
        out.language.as_ref().map(|l| (l.code.as_str(), &l.origin)),
        Some(("en", &LanguageOrigin::HtmlLang))
    );
    // Navigation and footer are not main text.
    assert!(out.text.contains("Armenia is not in a position"));
    assert!(!out.text.contains("All rights reserved") && !out.text.contains("Issues"), "{}", out.text);
    assert_eq!(out.unverifiable, None);
}

#[test]
fn json_ld_graphs_give_headline_dates_and_nested_authors_but_not_site_names() {
    let out = extract_file("jsonld-graph.html", "text/html; charset=utf-8");
    assert_eq!(
        values(&out.titles, &Origin::JsonLd("headline".into())),
        ["Ministerio informa sobre desminado"]
    );
    assert!(!out.titles.iter().any(|t| t.origin == Origin::JsonLd("name".into())), "{:?}", out.titles);
    assert_eq!(values(&out.authors, &Origin::JsonLd("author".into())), ["María López", "Oficina de Prensa"]);
    assert_eq!(out.published[0].origin, Origin::JsonLd("datePublished".into()));
    assert_eq!(out.published[0].date, parse_date("2021-03-04").unwrap());
    assert_eq!(out.modified[0].date, parse_date("2021-03-05").unwrap());
    // <time> elements: the plain one is published, the one marked "updated" modified.
    assert!(
        out.published
            .iter()
            .any(|d| d.origin == Origin::TimeElement && d.date == parse_date("2021-03-04").unwrap())
    );
    assert!(
        out.modified
            .iter()
            .any(|d| d.origin == Origin::TimeElement && d.date == parse_date("2021-03-05").unwrap())
    );
    let lang = out.language.unwrap();
    assert_eq!((lang.code.as_str(), lang.origin), ("es", LanguageOrigin::ContentLanguage));
    assert_eq!(out.charset.unwrap().origin, CharsetOrigin::Header);
    // The <title>'s site suffix does not stop it matching the footnote's title.
    let title = out.titles.iter().find(|t| t.origin == Origin::TitleElement).unwrap();
    assert_eq!(title_similarity("“Ministerio informa sobre desminado,”", &title.value), 1.0);
}

#[test]
fn a_page_rendered_by_scripts_is_unverifiable_not_empty() {
    let out = extract_file("script-rendered.html", "text/html");
    assert_eq!(out.unverifiable, Some(Unverifiable::ScriptRendered));
}

#[test]
fn a_consent_wall_and_a_paywall_are_unverifiable() {
    assert_eq!(
        extract_file("consent-wall.html", "text/html").unverifiable,
        Some(Unverifiable::ConsentOrPaywall)
    );
    assert_eq!(extract_file("paywall.html", "text/html").unverifiable, Some(Unverifiable::ConsentOrPaywall));
}

#[test]
fn a_latin1_page_declared_in_http_equiv_decodes() {
    let out = extract_file("latin1-meta.html", "text/html");
    let charset = out.charset.unwrap();
    assert_eq!((charset.name.as_str(), charset.origin), ("windows-1252", CharsetOrigin::Meta));
    assert!(out.text.contains("Räumung der Minenfelder"), "{}", out.text);
    assert_eq!(out.titles[0].value, "Erklärung des Ministeriums");
    // Nothing declares the language; it is detected from the text.
    assert!(
        matches!(out.language.map(|l| (l.code, l.origin)), Some((c, LanguageOrigin::Detected { .. })) if c == "de")
    );
}

#[test]
fn extractions_round_trip_through_json() {
    let out = extract_file("jsonld-graph.html", "text/html");
    let json = serde_json::to_string(&out).unwrap();
    assert_eq!(serde_json::from_str::<Extraction>(&json).unwrap(), out);
}

/// A one-page PDF: Helvetica text in two paragraphs, an Info dictionary, an XMP packet
/// and a catalog /Lang.
fn text_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let lines = [
        (720, "Statement of the Ministry of Foreign Affairs"),
        (700, "Yerevan, 29 April 2010"),
        (660, "Armenia is not in a position to join the Mine Ban"),
        (646, "Treaty at this time, the Minister said."),
    ];
    let mut ops = vec![Operation::new("BT", vec![]), Operation::new("Tf", vec!["F1".into(), 12.into()])];
    let mut y_prev = 0;
    for (i, (y, text)) in lines.iter().enumerate() {
        let (dx, dy) = if i == 0 { (72, *y) } else { (0, y - y_prev) };
        ops.push(Operation::new("Td", vec![dx.into(), dy.into()]));
        ops.push(Operation::new("Tj", vec![Object::string_literal(*text)]));
        y_prev = *y;
    }
    ops.push(Operation::new("ET", vec![]));
    let content = doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().unwrap()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let xmp = r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreateDate="2010-04-29T10:00:00+04:00" xmp:ModifyDate="2010-05-02T09:00:00+04:00">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Statement on the Mine Ban Treaty</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>Ministry of Foreign Affairs of Armenia</rdf:li></rdf:Seq></dc:creator>
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>"#;
    let metadata = doc.add_object(Stream::new(
        dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
        xmp.as_bytes().to_vec(),
    ));
    let catalog = doc.add_object(dictionary! {
        "Type" => "Catalog", "Pages" => pages_id, "Metadata" => metadata, "Lang" => Object::string_literal("en-GB"),
    });
    let info = doc.add_object(dictionary! {
        "Title" => Object::string_literal("Microsoft Word - Document1"),
        "Author" => Object::string_literal("Armen Yedigarian"),
        "CreationDate" => Object::string_literal("D:20100429100000+04'00'"),
        "ModDate" => Object::string_literal("D:20100502090000+04'00'"),
    });
    doc.trailer.set("Root", catalog);
    doc.trailer.set("Info", info);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

/// A one-page PDF whose page is an 8×8 grey image and nothing else, as a scan without
/// OCR.
fn image_only_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let pixels: Vec<u8> = (0..64u8).map(|i| i.wrapping_mul(4)).collect();
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject", "Subtype" => "Image", "Width" => 8, "Height" => 8,
            "ColorSpace" => "DeviceGray", "BitsPerComponent" => 8,
        },
        pixels,
    ));
    let ops = vec![
        Operation::new("q", vec![]),
        Operation::new("cm", vec![400.into(), 0.into(), 0.into(), 400.into(), 100.into(), 200.into()]),
        Operation::new("Do", vec!["Im1".into()]),
        Operation::new("Q", vec![]),
    ];
    let content = doc.add_object(Stream::new(dictionary! {}, Content { operations: ops }.encode().unwrap()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content,
        "Resources" => dictionary! { "XObject" => dictionary! { "Im1" => image } },
        "MediaBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn committed_pdf_fixtures_are_what_the_builders_make() {
    for (name, bytes) in [("text.pdf", text_pdf()), ("image-only.pdf", image_only_pdf())] {
        let path = fixture(name);
        if std::env::var_os("CITELINT_BLESS").is_some() {
            std::fs::write(&path, &bytes).unwrap();
        }
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} drifted; rerun with CITELINT_BLESS=1");
    }
}

#[test]
fn a_text_pdf_gives_its_text_info_xmp_and_language() {
    let out = extract_file("text.pdf", "application/pdf");
    assert_eq!((out.kind, &out.unverifiable), (SourceKind::Pdf, &None));
    assert!(
        out.text.starts_with("Statement of the Ministry of Foreign Affairs\nYerevan, 29 April 2010\n\n"),
        "{:?}",
        out.text
    );
    let n = NormalizedText::new(&out.text);
    let quote = "“Armenia is not in a position to join the Mine Ban Treaty at this time”";
    assert!(matches!(find_quote(quote, &n), QuoteMatch::Found { .. }));
    // Word's placeholder Info title is dropped; the XMP title stays.
    assert_eq!(values(&out.titles, &Origin::Xmp("dc:title".into())), ["Statement on the Mine Ban Treaty"]);
    assert!(out.titles.iter().all(|t| !t.value.contains("Document1")));
    assert_eq!(values(&out.authors, &Origin::PdfInfo("Author".into())), ["Armen Yedigarian"]);
    assert_eq!(
        values(&out.authors, &Origin::Xmp("dc:creator".into())),
        ["Ministry of Foreign Affairs of Armenia"]
    );
    let created = parse_date("2010-04-29").unwrap();
    assert!(
        out.published.iter().any(|d| d.origin == Origin::PdfInfo("CreationDate".into()) && d.date == created)
    );
    assert!(
        out.published.iter().any(|d| d.origin == Origin::Xmp("xmp:CreateDate".into()) && d.date == created)
    );
    assert!(
        out.modified.iter().all(|d| d.date == parse_date("2010-05-02").unwrap()) && out.modified.len() == 2
    );
    let lang = out.language.unwrap();
    assert_eq!(
        (lang.code.as_str(), lang.raw.as_str(), lang.origin),
        ("en", "en-GB", LanguageOrigin::PdfLang)
    );
}

#[test]
fn an_image_only_pdf_has_no_text_layer() {
    let out = extract_file("image-only.pdf", "application/pdf");
    assert_eq!(out.unverifiable, Some(Unverifiable::NoTextLayer));
}

#[test]
fn a_truncated_pdf_is_malformed_not_empty() {
    let body = std::fs::read(fixture("text.pdf")).unwrap();
    let cut = &body[..body.len() / 3];
    let out = extract(
        &Fetched { url: "https://example.org/a.pdf", content_type: None, body: cut },
        &Limits::default(),
    );
    assert_eq!(out.kind, SourceKind::Pdf);
    assert!(matches!(out.unverifiable, Some(Unverifiable::Malformed(_))), "{:?}", out.unverifiable);
}

#[test]
fn a_pdf_that_outlasts_its_time_limit_is_timed_out() {
    let body = std::fs::read(fixture("text.pdf")).unwrap();
    let limits = Limits { time_limit: Duration::ZERO, ..Limits::default() };
    let out = extract(
        &Fetched { url: "https://example.org/a.pdf", content_type: Some("application/pdf"), body: &body },
        &limits,
    );
    assert_eq!(out.unverifiable, Some(Unverifiable::TimedOut));
}

#[test]
fn a_page_nested_too_deeply_to_parse_in_time_is_timed_out_not_waited_for() {
    // html5ever's time grows with the square of the nesting depth: this takes it
    // seconds to minutes.
    let html = format!("{}deep{}", "<div>".repeat(60_000), "</div>".repeat(60_000));
    // A guard that waited for the parser would keep this test running for minutes.
    let limits = Limits { time_limit: Duration::from_millis(100), ..Limits::default() };
    let out = extract(
        &Fetched { url: "https://example.org/", content_type: Some("text/html"), body: html.as_bytes() },
        &limits,
    );
    assert_eq!(out.unverifiable, Some(Unverifiable::TimedOut));
}
