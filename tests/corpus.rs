//! The 48 real documents of `shared/corpus/real/`: every finding of the footnote,
//! date, URL and suppression rules is listed here, each one looked at in the document.
//! (`name-mismatch` and `date-mismatch` have their own corpus test with reasons:
//! `provenance_corpus.rs`.) A new finding here is either a false alarm to fix or a real
//! defect to add to the list, with the reason.

mod support;

use citelint::{Options, Plan, check};
use support::shared_dir as shared;

/// (rule, file name, line, footnote label): each a real defect of the document.
const EXPECTED: &[(&str, &str, usize, &str)] = &[
    // ReportAid's paper first cites [^3] and [^4], then [^2], then [^1].
    ("footnote-order", "Godtide__ReportAid__docs__paper__humanitarianBlockchain.md", 86, "2"),
    ("footnote-order", "Godtide__ReportAid__docs__paper__humanitarianBlockchain.md", 98, "1"),
    // It cites [^705]; its notes run 1 to 9.
    ("missing-footnote", "Godtide__ReportAid__docs__paper__humanitarianBlockchain.md", 132, "705"),
    // Note 1 ends with a stray `)` after its URL.
    ("malformed-footnote", "Godtide__ReportAid__docs__paper__humanitarianBlockchain.md", 205, "1"),
    // Four notes of the 9N235 page that the text never cites.
    (
        "unused-footnote",
        "adamhrv__vframeio__content__docs__detectors__9n235__index.md",
        278,
        "hrw_ukraine_cluster",
    ),
    (
        "unused-footnote",
        "adamhrv__vframeio__content__docs__detectors__9n235__index.md",
        279,
        "hrw_syria_cluster",
    ),
    ("unused-footnote", "adamhrv__vframeio__content__docs__detectors__9n235__index.md", 280, "hrw_kherson"),
    (
        "unused-footnote",
        "adamhrv__vframeio__content__docs__detectors__9n235__index.md",
        281,
        "gichd_ukraine_ed2",
    ),
    // The Italian translation of the whitepaper lost its citation of note 5.
    (
        "unused-footnote",
        "cncf__tag-security__community__resources__security-whitepaper__v2__cloud-native-security-whitepaper-it.md",
        1145,
        "5",
    ),
    // So did the simplified Chinese one; its note 7 also has a stray `)` after a link.
    (
        "unused-footnote",
        "cncf__tag-security__community__resources__security-whitepaper__v2__cloud-native-security-whitepaper-simplified-chinese.md",
        921,
        "5",
    ),
    (
        "malformed-footnote",
        "cncf__tag-security__community__resources__security-whitepaper__v2__cloud-native-security-whitepaper-simplified-chinese.md",
        923,
        "7",
    ),
];

#[test]
fn real_documents_give_exactly_their_known_defects() {
    let Some(shared) = shared() else {
        eprintln!("skipping the real-corpus test: no shared folder (set CITELINT_SHARED)");
        return;
    };
    let real = shared.join("corpus/real");
    if !real.is_dir() {
        eprintln!("skipping the real-corpus test: {} is absent", real.display());
        return;
    }
    let offline = Options { links: None, ..Options::default() };
    let outcome = check::run(&Plan::new(vec![real]), &offline).expect("default options are valid");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.files.len(), 48);

    let mut got = Vec::new();
    for file in &outcome.files {
        let name = file.path.rsplit('/').next().unwrap_or(&file.path);
        for f in &file.findings {
            if f.rule == "name-mismatch" || f.rule == "date-mismatch" {
                continue;
            }
            let line = file.source[..f.span.start].matches('\n').count() + 1;
            got.push((f.rule, name.to_owned(), line, f.note.clone().unwrap_or_default()));
        }
    }
    let expected: Vec<_> =
        EXPECTED.iter().map(|&(r, n, l, note)| (r, n.to_owned(), l, note.to_owned())).collect();
    got.sort();
    let mut want = expected.clone();
    want.sort();
    println!("{} findings on 48 real documents (names and dates aside)", got.len());
    assert_eq!(got, want);
}
