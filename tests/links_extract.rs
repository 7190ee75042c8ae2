//! URL extraction measured against other projects' fixtures: linkify-it's `links.txt` /
//! `not_links.txt` and lychee's Markdown and HTML fixtures (in `shared/corpus/peers`).

mod support;

use support::shared_dir as shared;

use citelint::document::urls::{extract, extract_from_text};
use citelint::document::{Document, Format};

fn peer(name: &str) -> Option<String> {
    std::fs::read_to_string(shared()?.join("corpus/peers").join(name)).ok()
}

/// Drop linkify-it's inline comments (` % why`).
fn strip_comment(line: &str) -> &str {
    match line.find(" %") {
        Some(i) => line[..i].trim_end(),
        None => line,
    }
}

/// linkify-it's `links.txt`: an input line, then either the expected link on the next
/// line or a blank line (the whole input is the link).
fn linkify_cases(text: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut cases = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if line.starts_with('%') || line.trim().is_empty() {
            i += 1;
            continue;
        }
        let input = strip_comment(line).to_owned();
        match lines.get(i + 1) {
            Some(next) if !next.trim().is_empty() && !next.starts_with('%') => {
                cases.push((input, strip_comment(next).to_owned()));
                i += 2;
            }
            _ => {
                cases.push((input.clone(), input));
                i += 1;
            }
        }
    }
    cases
}

/// The links we claim to find: those written with a scheme we extract, or `www.`.
fn in_scope(expected: &str) -> bool {
    let lower = expected.to_ascii_lowercase();
    ["http://", "https://", "ftp://", "mailto:", "www."].iter().any(|p| lower.starts_with(p))
}

#[test]
fn linkify_links_with_a_scheme_or_www_are_extracted_exactly() {
    let Some(text) = peer("markdown-it__linkify-it__test__fixtures__links.txt") else { return };
    let cases = linkify_cases(&text);
    let scoped: Vec<_> = cases.iter().filter(|(_, expected)| in_scope(expected)).collect();
    let mut disagree = Vec::new();
    for (input, expected) in &scoped {
        let found = extract_from_text(input, &[]);
        if !found.iter().any(|o| &o.raw == expected) {
            disagree.push(format!(
                "{input:?}: expected {expected:?}, got {:?}",
                found.iter().map(|o| &o.raw).collect::<Vec<_>>()
            ));
        }
    }
    println!(
        "linkify-it links.txt: {} of {} cases with a scheme or www. agree ({} cases in all; schemeless names and bare e-mail addresses are out of scope)",
        scoped.len() - disagree.len(),
        scoped.len(),
        cases.len()
    );
    assert!(scoped.len() > 80, "the fixture parsed into too few cases: {}", scoped.len());
    assert!(disagree.is_empty(), "disagreements:\n{}", disagree.join("\n"));
}

#[test]
fn linkify_non_links_are_not_extracted() {
    let Some(text) = peer("markdown-it__linkify-it__test__fixtures__not_links.txt") else { return };
    let lines: Vec<&str> =
        text.lines().filter(|l| !l.starts_with('%') && !l.trim().is_empty()).map(strip_comment).collect();
    let extracted: Vec<_> = lines.iter().filter(|l| !extract_from_text(l, &[]).is_empty()).copied().collect();
    println!(
        "linkify-it not_links.txt: {} of {} lines yield no URL",
        lines.len() - extracted.len(),
        lines.len()
    );
    assert!(lines.len() > 30);
    // The one deliberate disagreement: GFM strips a trailing `_` from an autolink (it is
    // Markdown emphasis, `_http://example.com_`), where linkify-it rejects the whole link.
    assert_eq!(extracted, ["http://example.com_"], "extracted from non-links");
}

#[test]
fn lychee_markdown_fixture_yields_its_absolute_links() {
    let Some(text) = peer("lycheeverse__lychee__fixtures__TEST.md") else { return };
    let doc = Document::parse(&text, Format::Markdown);
    let found: Vec<_> =
        extract(&doc).into_iter().map(|o| o.url().expect("fixture URLs parse").to_string()).collect();
    assert_eq!(
        found,
        [
            "https://en.wikipedia.org/wiki/Static_program_analysis",
            "https://endler.dev/",
            "https://github.com/analysis-tools-dev/static-analysis/issues/350",
            "https://ldra.com/",
            "https://licensebuttons.net/p/zero/1.0/88x31.png",
            "https://creativecommons.org/publicdomain/zero/1.0/",
            "http://example.com/",
            "https://example.com/",
            "mailto:test2@example.com",
        ]
    );
}

#[test]
fn lychee_link_period_fixture_keeps_the_period_inside_href() {
    let Some(text) = peer("lycheeverse__lychee__fixtures__LINK_PERIOD.html") else { return };
    let found: Vec<_> = extract_from_text(&text, &[]).into_iter().map(|o| o.raw).collect();
    assert_eq!(found, ["https://www.example.com/smth."]);
}

#[test]
fn lychee_code_block_fixture_yields_only_the_links_outside_code() {
    let Some(text) = peer("lycheeverse__lychee__fixtures__TEST_CODE_BLOCKS.md") else { return };
    let doc = Document::parse(&text, Format::Markdown);
    if doc.ignored.is_empty() {
        eprintln!("notice: the Markdown parser marks no code regions yet; skipping");
        return;
    }
    assert!(extract(&doc).is_empty(), "{:?}", extract(&doc));
}

#[test]
fn real_documents_have_no_malformed_url_findings() {
    let Some(shared) = shared() else {
        eprintln!("notice: shared/corpus not found; skipping");
        return;
    };
    let Ok(entries) = std::fs::read_dir(shared.join("corpus/real")) else { return };
    let mut paths: Vec<_> =
        entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e != "tsv")).collect();
    paths.sort();
    let (mut urls, mut flagged) = (0, Vec::new());
    for path in &paths {
        let text = std::fs::read_to_string(path).unwrap();
        let doc = Document::parse(&text, Format::from_path(path));
        urls += extract(&doc).len();
        let findings = citelint::rules::run(&doc, &Default::default(), |r| {
            (r.name == "malformed-url").then_some(r.default_severity)
        });
        flagged.extend(findings.into_iter().map(|f| format!("{}: {}", path.display(), f.message)));
    }
    println!("corpus/real: {} documents, {urls} URLs, {} malformed-url findings", paths.len(), flagged.len());
    assert!(urls > 1000, "extraction finds the corpus's links");
    assert!(flagged.is_empty(), "{flagged:#?}");
}

#[test]
fn every_corpus_url_gets_the_parse_error_that_parsing_gives() {
    let Some(shared) = shared() else {
        eprintln!("notice: shared/corpus not found; skipping");
        return;
    };
    // `parse_error` skips the parser for plainly valid URLs: on every URL of the real
    // documents and of the peers' fixtures (many of them deliberately odd), in both
    // formats, it must say what parsing says.
    let (mut urls, mut malformed) = (0, 0);
    for dir in ["corpus/real", "corpus/peers"] {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            for format in [Format::Markdown, Format::Text] {
                for occ in extract(&Document::parse(&text, format)) {
                    let parsed = occ.url().err();
                    assert_eq!(occ.parse_error(), parsed, "{}: {}", path.display(), occ.raw);
                    urls += 1;
                    malformed += usize::from(parsed.is_some());
                }
            }
        }
    }
    println!("{urls} URLs, {malformed} malformed");
    assert!(urls > 2000 && malformed > 0, "the corpus has well-formed and malformed URLs");
}
