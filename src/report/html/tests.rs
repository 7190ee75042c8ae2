//! Tests of the HTML report.

use super::*;
use crate::document::{Document, Format};
use crate::rules::{Related, RuleSettings, run};

fn finding(rule: &'static str, severity: Severity, span: Span, message: &str) -> Finding {
    Finding { rule, severity, span, message: message.into(), help: None, note: None, related: vec![] }
}

fn bare(source: &str, findings: &[Finding]) -> String {
    let file = HtmlFile { path: "a.txt", source, findings, markers: &Markers::default() };
    let mut out = String::new();
    highlight(&mut out, 0, &file);
    out
}

/// A parsed document as the report shows it.
fn file<'a>(
    path: &'a str,
    doc: &Document<'a>,
    markers: &'a Markers,
    findings: &'a [Finding],
) -> HtmlFile<'a> {
    HtmlFile { path, source: doc.text, findings, markers }
}

/// The page between the header and the script: what changes with the input.
fn body(page: &str) -> &str {
    let start = page.find("<div class=\"layout\">").unwrap();
    let end = page.find("<aside id=\"detail\"").unwrap();
    &page[start..end]
}

#[test]
fn overlapping_findings_are_split_into_well_formed_pieces() {
    let found =
        [finding("a-rule", Severity::Error, 0..6, "A"), finding("b-rule", Severity::Warning, 3..9, "B")];
    let html = bare("abcdefghij", &found);
    let a = "<mark class=\"finding sev-error\" id=\"f0-d0\" data-rule=\"a-rule\" data-severity=\"error\" \
             data-message=\"A\" data-help=\"\" title=\"a-rule (error): A\">";
    let b = "<mark class=\"finding sev-warning\" id=\"f0-d1\" data-rule=\"b-rule\" data-severity=\"warning\" \
             data-message=\"B\" data-help=\"\" title=\"b-rule (warning): B\">";
    let b_cont =
        "<mark class=\"finding cont sev-warning\" data-part-of=\"f0-d1\" title=\"b-rule (warning): B\">";
    assert_eq!(html, format!("{a}abc{b}def</mark></mark>{b_cont}ghi</mark>j"));
}

#[test]
fn nested_and_empty_spans_keep_their_order() {
    let found = [
        finding("inner", Severity::Info, 2..3, "i"),
        finding("outer", Severity::Error, 1..5, "o"),
        finding("point", Severity::Warning, 4..4, "p"),
    ];
    let html = bare("abcdef", &found);
    let tags: Vec<&str> =
        html.match_indices('<').map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1]).collect();
    let shape: Vec<String> = tags
        .iter()
        .map(|t| {
            if t.starts_with("</") {
                "/".into()
            } else {
                t.split("data-rule=\"").nth(1).unwrap().split('"').next().unwrap().into()
            }
        })
        .collect();
    assert_eq!(shape, ["outer", "inner", "/", "point", "/", "/"]);
    assert!(html.contains("class=\"finding sev-warning empty\""));
    let text: String = html.split('<').map(|s| s.split_once('>').map_or(s, |(_, t)| t)).collect();
    assert_eq!(text, "abcdef");
}

#[test]
fn text_and_messages_are_escaped() {
    let src = "<script>alert('x')</script> & \"q\"";
    let found = [finding("r", Severity::Error, 0..8, "bad <b> & \"c\"")];
    let html = bare(src, &found);
    assert!(!html.contains("<script>"));
    assert!(
        html.contains("&lt;script&gt;</mark>alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"),
        "{html}"
    );
    assert!(html.contains("data-message=\"bad &lt;b&gt; &amp; &quot;c&quot;\""));
}

#[test]
fn spans_off_char_boundaries_or_past_the_end_never_panic() {
    let src = "é“x”ü";
    let found = [
        finding("r", Severity::Error, 1..4, "mid-char"),
        finding("r", Severity::Error, 5..99, "past the end"),
        finding("r", Severity::Error, Span { start: 9, end: 2 }, "reversed"),
    ];
    let html = bare(src, &found);
    let text: String = html.split('<').map(|s| s.split_once('>').map_or(s, |(_, t)| t)).collect();
    assert_eq!(text, src);
}

#[test]
fn citations_link_to_their_footnotes_and_back() {
    let src = "Title\n\nSaid.[1] Again.[1] Lost.[2]\n\n[1] Statement, 2 May 2020.\n";
    let doc = Document::parse(src, Format::Text);
    let page = render(&[file("p.txt", &doc, &doc.markers(), &[])]);
    assert_eq!(page.matches("href=\"#f0-n0\"").count(), 2, "both [1] link to the note");
    assert!(page.contains("<a class=\"note-marker\" id=\"f0-n0\" href=\"#f0-c0\""));
    assert!(page.contains("<span class=\"cite unlinked\" id=\"f0-c2\">[2]</span>"));
}

#[test]
fn the_page_is_self_contained() {
    let src = "Title\n\nSaid.[1]\n";
    let doc = Document::parse(src, Format::Text);
    let findings = run(&doc, &RuleSettings::default(), |r| Some(r.default_severity));
    let page = render(&[file("p.txt", &doc, &doc.markers(), &findings)]);
    for external in ["http:", "https:", "<link", " src=", "url(", "@import", "//cdn"] {
        assert!(!page.contains(external), "page refers to {external}");
    }
    assert_eq!(page, render(&[file("p.txt", &doc, &doc.markers(), &findings)]));
}

#[test]
fn sidebar_groups_by_severity_then_rule_with_counts() {
    let src = "one two three\nfour five\n";
    let found = [
        finding("b-rule", Severity::Warning, 4..7, "w1"),
        finding("a-rule", Severity::Info, 0..3, "i1"),
        finding("c-rule", Severity::Error, 14..18, "e1"),
        finding("b-rule", Severity::Warning, 19..23, "w2"),
    ];
    let page =
        render(&[HtmlFile { path: "x.md", source: src, findings: &found, markers: &Markers::default() }]);
    let groups: Vec<&str> = page
        .match_indices("data-group=\"")
        .map(|(i, m)| page[i + m.len()..].split('"').next().unwrap())
        .collect();
    assert_eq!(groups, ["c-rule", "b-rule", "a-rule"]);
    assert!(page.contains("<span class=\"rule\">b-rule</span> <span class=\"count\">2</span>"));
    assert!(page.contains("<span class=\"loc\">2:6</span> w2"));
    assert!(page.contains("1 file · <span class=\"total sev-error\">1 error</span> · <span class=\"total sev-warning\">2 warnings</span> · <span class=\"total sev-info\">1 info</span>"));
}

#[test]
fn report_of_a_small_profile() {
    let src = "Armenia\n\nPresident Iham Aliyev spoke.[1] Armenia voted “yes.”[2]\n\n[1] Statement of Ilham Aliyev, 2 May 2020.\n\n[3] Unused note.\n";
    let doc = Document::parse(src, Format::Text);
    let mut findings = run(&doc, &RuleSettings::default(), |r| Some(r.default_severity));
    // A second, wider finding over the rule's own name-mismatch: overlapping marks
    // must nest.
    let name = src.find("Iham").unwrap();
    let other = src.find("Ilham").unwrap();
    findings.push(Finding {
        rule: "name-mismatch",
        severity: Severity::Warning,
        span: name..name + "Iham Aliyev".len(),
        message: "“Iham Aliyev” is spelled “Ilham Aliyev” in footnote [1]".into(),
        help: Some("use one spelling".into()),
        note: Some("1".into()),
        related: vec![Related {
            span: other..other + "Ilham Aliyev".len(),
            message: "the other spelling".into(),
        }],
    });
    let page = render(&[file("profiles/armenia.txt", &doc, &doc.markers(), &findings)]);
    insta::assert_snapshot!(body(&page));
}
