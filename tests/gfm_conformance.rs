//! Agreement of the Markdown parser with other GFM footnote implementations' own tests
//! (cmark-gfm, pulldown-cmark, micromark), read from `shared/corpus/peers/`.
//!
//! For each example, the expected HTML says which `[^x]` became footnote references; ours
//! are the citations whose label has a footnote in our document. The two multisets of
//! labels (or, where the HTML numbers references instead of naming them, their counts)
//! must agree, except for the examples listed in `KNOWN_DISAGREEMENTS`.

mod support;

use std::collections::BTreeSet;
use support::shared_dir as shared;

use citelint::document::{Document, Format, normalize_label};

/// Examples where we knowingly differ from the peer, each with the reason.
const KNOWN_DISAGREEMENTS: &[(&str, &str)] = &[];

struct Example {
    name: String,
    markdown: String,
    html: String,
}

/// The examples of a spec-style file: a fence of 32 backticks and ` example`, the
/// Markdown, a `.` line, the HTML, the closing fence; `→` stands for a tab.
fn spec_examples(file: &str, text: &str) -> Vec<Example> {
    let fence = "`".repeat(32);
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if !(line.starts_with(&fence) && line[fence.len()..].trim_start().starts_with("example")) {
            continue;
        }
        let (mut markdown, mut html, mut in_html) = (String::new(), String::new(), false);
        for (_, line) in lines.by_ref() {
            if line == fence {
                break;
            }
            if line == "." && !in_html {
                in_html = true;
                continue;
            }
            let target = if in_html { &mut html } else { &mut markdown };
            target.push_str(&line.replace('→', "\t"));
            target.push('\n');
        }
        out.push(Example { name: format!("{file}:{}", n + 1), markdown, html });
    }
    out
}

/// What the HTML says became a reference: labels where it names them, else just a count.
enum Expected {
    Labels(Vec<String>),
    Count(usize),
}

fn expected_refs(html: &str) -> Expected {
    // micromark: its footnote section lists each referenced note with one `↩` back
    // reference per call. (Counting the calls' `data-footnote-ref` anchors instead would
    // miss a call inside an image's alt text, which micromark counts but cannot render.)
    if html.contains("data-footnote-ref") || html.contains("<section data-footnotes") {
        let mut labels = Vec::new();
        let section = html.find("<section data-footnotes").map_or("", |i| &html[i..]);
        for item in section.split("<li id=\"user-content-fn-").skip(1) {
            let label = decode(&item[..item.find('"').unwrap_or(0)]);
            // Up to the next note (notes may hold lists, so not up to the first `</li>`).
            labels.extend(std::iter::repeat_n(label, item.matches('↩').count()));
        }
        return Expected::Labels(labels);
    }
    // pulldown-cmark: <sup class="footnote-reference"><a href="#LABEL">
    if html.contains("class=\"footnote-reference\"") {
        let labels = html
            .match_indices("<sup class=\"footnote-reference\"><a href=\"#")
            .map(|(i, m)| {
                let rest = &html[i + m.len()..];
                decode(&rest[..rest.find('"').unwrap_or(0)])
            })
            .collect();
        return Expected::Labels(labels);
    }
    // cmark-gfm numbers its references (`#fn1`): only the count says anything.
    Expected::Count(html.matches("<sup class=\"footnote-ref\">").count())
}

/// Undo HTML entities and percent-encoding, then fold case as GFM matching does.
fn decode(s: &str) -> String {
    let s = s
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = s.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    normalize_label(&String::from_utf8_lossy(&out), Format::Markdown)
}

/// Our references: citations whose label has a footnote.
fn our_refs(markdown: &str) -> Vec<String> {
    let doc = Document::parse(markdown, Format::Markdown);
    doc.citations
        .iter()
        .filter(|c| doc.footnote(&c.label).is_some())
        .map(|c| normalize_label(&c.label, Format::Markdown))
        .collect()
}

fn agrees(example: &Example) -> Result<(), String> {
    let mut ours = our_refs(&example.markdown);
    match expected_refs(&example.html) {
        Expected::Labels(mut theirs) => {
            ours.sort();
            theirs.sort();
            if ours == theirs { Ok(()) } else { Err(format!("ours {ours:?}, theirs {theirs:?}")) }
        }
        Expected::Count(n) => {
            if ours.len() == n {
                Ok(())
            } else {
                Err(format!("ours {ours:?}, theirs {n} references"))
            }
        }
    }
}

/// Every example of the GFM-semantics peers that involves a footnote.
fn gfm_examples(peers: &std::path::Path) -> Vec<Example> {
    let mut out = Vec::new();
    for file in [
        "github__cmark-gfm__test__extensions.txt",
        "github__cmark-gfm__test__regression.txt",
        "pulldown-cmark__pulldown-cmark__pulldown-cmark__specs__footnotes.txt",
        "pulldown-cmark__pulldown-cmark__pulldown-cmark__specs__regression.txt",
    ] {
        let text = std::fs::read_to_string(peers.join(file)).expect("peer spec file is readable");
        let short = file.rsplit("__").next().unwrap_or(file);
        let short = format!("{}/{short}", file.split("__").next().unwrap_or(file));
        // Examples without a caret say nothing about footnotes (tables, autolinks, …).
        out.extend(spec_examples(&short, &text).into_iter().filter(|e| e.markdown.contains("[^")));
    }
    let mut fixtures: Vec<_> = std::fs::read_dir(peers)
        .expect("peers folder is readable")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("micromark__micromark-extension-gfm-footnote__") && n.ends_with(".md"))
        .collect();
    fixtures.sort();
    for md in fixtures {
        let html = md.trim_end_matches(".md").to_owned() + ".html";
        let Ok(expected) = std::fs::read_to_string(peers.join(&html)) else { continue };
        let markdown = std::fs::read_to_string(peers.join(&md)).expect("fixture is readable");
        let name = format!("micromark/{}", md.rsplit("__").next().unwrap_or(&md));
        out.push(Example { name, markdown, html: expected });
    }
    out
}

#[test]
fn footnote_references_agree_with_gfm_implementations() {
    let Some(shared) = shared() else {
        eprintln!("notice: shared/ not found; skipping the GFM conformance comparison");
        return;
    };
    let examples = gfm_examples(&shared.join("corpus/peers"));
    assert!(examples.len() > 50, "expected the peers' footnote examples, found {}", examples.len());
    let mut disagreeing = BTreeSet::new();
    for example in &examples {
        if let Err(why) = agrees(example) {
            println!("disagree: {}: {why}", example.name);
            disagreeing.insert(example.name.clone());
        }
    }
    println!(
        "GFM footnote examples: {}, agreeing: {}, disagreeing: {} {:?}",
        examples.len(),
        examples.len() - disagreeing.len(),
        disagreeing.len(),
        disagreeing
    );
    let known: BTreeSet<String> = KNOWN_DISAGREEMENTS.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(disagreeing, known, "disagreements changed (left: now, right: known)");
}

/// pulldown-cmark's `old_footnotes.txt` specifies its pre-GFM footnotes (undefined
/// references still render as references, definitions swallow the following paragraph):
/// not the grammar we follow, so it is only reported, never asserted.
#[test]
fn old_pulldown_footnote_semantics_are_only_reported() {
    let Some(shared) = shared() else {
        eprintln!("notice: shared/ not found; skipping");
        return;
    };
    let file = "pulldown-cmark__pulldown-cmark__pulldown-cmark__specs__old_footnotes.txt";
    let text = std::fs::read_to_string(shared.join("corpus/peers").join(file)).expect("readable");
    let examples = spec_examples("old_footnotes.txt", &text);
    let agreeing = examples.iter().filter(|e| agrees(e).is_ok()).count();
    println!("old (pre-GFM) footnote examples: {}, agreeing with GFM reading: {agreeing}", examples.len());
    assert!(!examples.is_empty(), "the spec parser reads old_footnotes.txt");
}

/// The 32 `style=gfm` files of `corpus/real/`: citations, citations whose footnote is
/// missing, and footnotes, as counted by reading each file (grep for `[^…]` and `[^…]:`,
/// then checking each hit by eye). No file has a marker inside code or an HTML comment,
/// so these equal the manifest's pattern counts.
const REAL_GFM: &[(&str, usize, usize, usize)] = &[
    ("nikomatsakis__babysteps__content__blog__2023-10-14-eurorust-reflections.markdown.md", 11, 0, 11),
    (
        "nikomatsakis__babysteps__content__blog__2022-09-21-dyn-async-traits-part-9-callee-site-selection.markdown.md",
        13,
        0,
        13,
    ),
    ("nikomatsakis__babysteps__content__blog__2021-05-01-aic-vision-docs.markdown.md", 10, 0, 10),
    ("nikomatsakis__babysteps__content__blog__2024-06-21-claim-auto-and-otherwise.markdown.md", 8, 0, 8),
    (
        "nikomatsakis__babysteps__content__blog__2023-09-18-stability-without-stressing-the-out.markdown.md",
        9,
        0,
        9,
    ),
    ("nikomatsakis__babysteps__content__blog__2024-10-14-overwrite-and-pin.markdown.md", 8, 0, 8),
    (
        "nikomatsakis__babysteps__content__blog__2022-02-09-dare-to-ask-for-more-rust2024.markdown.md",
        14,
        0,
        14,
    ),
    ("nikomatsakis__babysteps__content__blog__2023-09-27-empathy-in-open-source.markdown.md", 12, 0, 12),
    ("rust-lang__blog.rust-lang.org__content__inside-rust__all-hands-2026-retrospective__index.md", 9, 0, 9),
    ("rust-lang__blog.rust-lang.org__content__what-does-it-take-to-ship-rust-in-safety-critical.md", 5, 0, 5),
    ("rust-lang__blog.rust-lang.org__content__inside-rust__async-fn-in-trait-nightly.md", 5, 0, 5),
    ("rust-lang__blog.rust-lang.org__content__inside-rust__imposter-syndrome__index.md", 5, 0, 5),
    ("rust-lang__blog.rust-lang.org__content__inside-rust__follow-up-on-the-moderation-issue.md", 5, 0, 5),
    ("rust-lang__blog.rust-lang.org__content__inside-rust__test-infra-jan-feb-2025__index.md", 5, 0, 5),
    ("rust-lang__blog.rust-lang.org__content__inside-rust__test-infra-oct-2024-2__index.md", 5, 0, 5),
    (
        "cncf__tag-security__community__working-groups__supply-chain-security__supply-chain-security-paper__sscsp.md",
        69,
        0,
        69,
    ),
    (
        "cncf__tag-security__community__resources__security-whitepaper__v2__cloud-native-security-whitepaper.md",
        9,
        0,
        9,
    ),
    // Cites [^2] twice and [^10]; defines [^5] but never cites it.
    (
        "cncf__tag-security__community__resources__security-whitepaper__v2__cloud-native-security-whitepaper-it.md",
        10,
        0,
        10,
    ),
    (
        "cncf__tag-security__community__resources__security-whitepaper__v2__cloud-native-security-whitepaper-ja.md",
        9,
        0,
        9,
    ),
    // The translation dropped the citation of [^5]; its note is still there.
    (
        "cncf__tag-security__community__resources__security-whitepaper__v2__cloud-native-security-whitepaper-simplified-chinese.md",
        8,
        0,
        9,
    ),
    (
        "cncf__tag-security__community__resources__security-whitepaper__v1__secure-software-factory.md",
        6,
        0,
        6,
    ),
    (
        "cncf__tag-security__community__working-groups__supply-chain-security__supply-chain-security-paper-v2__SSCBPv2.md",
        5,
        0,
        5,
    ),
    ("rust-lang__rfcs__text__3559-rust-has-provenance.md", 5, 0, 5),
    ("rust-lang__rfcs__text__3595-move-crates-io-team-under-dev-tools.md", 5, 0, 5),
    ("golang__proposal__design__59960-heap-hugepage-util.md", 7, 0, 7),
    // 18 named notes, several cited more than once.
    ("bitcoin__bips__bip-0003.md", 24, 0, 18),
    ("polkadot-fellows__RFCs__text__0014-improve-locking-mechanism-for-parachains.md", 5, 0, 5),
    ("swiftlang__swift-evolution__proposals__0494-add-is-identical-methods.md", 16, 0, 16),
    ("project-open-data__project-open-data.github.io__policy-memo.md", 41, 0, 41),
    // Four notes (hrw_*, gichd_ukraine_ed2) that nothing cites.
    ("adamhrv__vframeio__content__docs__detectors__9n235__index.md", 4, 0, 8),
    // Cites [^705], which does not exist (notes run 1–9).
    ("Godtide__ReportAid__docs__paper__humanitarianBlockchain.md", 10, 1, 9),
    ("rognoni__markpedia__wiki__Andrew_Koenig_(programmer).md", 10, 0, 10),
];

#[test]
fn real_gfm_documents_have_the_counted_citations_and_footnotes() {
    let Some(shared) = shared() else {
        eprintln!("notice: shared/ not found; skipping the real-corpus counts");
        return;
    };
    let real = shared.join("corpus/real");
    let manifest = std::fs::read_to_string(real.join("MANIFEST.tsv")).expect("manifest is readable");
    let mut gfm_files = 0;
    for row in manifest.lines().skip(1) {
        let cols: Vec<&str> = row.split('\t').collect();
        if cols.get(5) != Some(&"gfm") {
            continue;
        }
        gfm_files += 1;
        let file = cols[0];
        let text = std::fs::read_to_string(real.join(file)).expect("corpus file is readable");
        let doc = Document::parse(&text, Format::Markdown);
        let undefined = doc.citations.iter().filter(|c| doc.footnote(&c.label).is_none()).count();
        let counted =
            REAL_GFM.iter().find(|(f, ..)| *f == file).unwrap_or_else(|| panic!("{file} is not counted"));
        assert_eq!(
            (doc.citations.len(), undefined, doc.footnotes.len()),
            (counted.1, counted.2, counted.3),
            "{file}"
        );
        // The manifest counts by pattern; with no markers in code, it must agree.
        let refs: usize = cols[6].parse().expect("footnote_refs is a number");
        let defs: usize = cols[7].parse().expect("footnote_defs is a number");
        assert_eq!((doc.citations.len(), doc.footnotes.len()), (refs, defs), "{file} against the manifest");
        println!(
            "{file}: {} citations ({undefined} undefined), {} footnotes",
            doc.citations.len(),
            doc.footnotes.len()
        );
    }
    assert_eq!(gfm_files, REAL_GFM.len());
}
