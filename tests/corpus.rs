//! The 48 real documents of `shared/corpus/real/`: every finding of the footnote,
//! date, URL and suppression rules is listed here, each one looked at in the document.
//! (`name-mismatch` and `date-mismatch` have their own corpus test with reasons:
//! `provenance_corpus.rs`.) A new finding here is either a false alarm to fix or a real
//! defect to add to the list, with the reason.
//!
//! The `<sup>` articles (bssw.io) and the encyclopedia dumps (`*_wiki.md`) are read in
//! their own note styles since the Markdown reader finds the style per document; before,
//! they passed with no citation at all. Their findings are listed after the GFM ones.
//! `tests/markdown_styles.rs` has the styles themselves.

mod support;

use citelint::{Options, Plan, check};
use support::shared_dir as shared;

const APOLLO_1: &str = "betterscientificsoftware__bssw.io__Articles__Blog__ApolloGuidanceComputerPart1.md";
const APOLLO_2: &str = "betterscientificsoftware__bssw.io__Articles__Blog__ApolloGuidanceComputerPart2.md";
const COVID: &str = "betterscientificsoftware__bssw.io__Articles__Blog__Covid19WorkstationCleanliness.md";
const CPP: &str = "betterscientificsoftware__bssw.io__Articles__Blog__2026-05-modern-memory-safe-cpp.md";
const DECISION: &str =
    "betterscientificsoftware__bssw.io__Articles__Blog__2026-08-research-decision-engineering.md";
const OPENSSF: &str =
    "betterscientificsoftware__bssw.io__Articles__Blog__OpenssfBestPracticesBadgeProgram.md";
const PULL_REQUESTS: &str =
    "betterscientificsoftware__bssw.io__Articles__Blog__PullRequestSizeConsiderations.md";
const DCO: &str = "betterscientificsoftware__bssw.io__Articles__Blog__TheDeveloperCertificateOfOrigin.md";
const ART_NOUVEAU: &str = "ayelearn__fet__topics__Art_nouveau__wiki.md";
const ASSIMILATION: &str = "ayelearn__fet__topics__Data_Assimilation__wiki.md";
const SAFETY: &str = "ayelearn__fet__topics__Occupational_safety__wiki.md";
const SMART_CITY: &str = "ayelearn__fet__topics__Smart_City__wiki.md";
const TRANSGENIC: &str = "ayelearn__fet__topics__Transgenic_animals___wiki.md";
const INVASIVE: &str = "ayelearn__fet__topics__invasive_species__wiki.md";

/// (line, label) of each note first cited out of sequence.
type FirstCitations = &'static [(usize, &'static str)];

/// `footnote-order` in the `<sup>` articles: their reference lists number the works in
/// the order the authors added them, not in the order the text first cites them. (An
/// independent reading of every `<sup>…</sup>` by regular expression gives the same first
/// citations, in the same order.) The rule names the fewest notes whose moving puts the
/// others in order (a note cited too early is one finding, not one per note it precedes),
/// and a document with most of its notes out of order gets one finding at the first:
/// (file, why, [(line, label)]).
const OUT_OF_SEQUENCE: &[(&str, &str, FirstCitations)] = &[
    (
        APOLLO_1,
        "numbered as a bibliography: 19 of 36 notes first cited out of sequence, from [9] at line 19",
        &[(19, "9")],
    ),
    (
        APOLLO_2,
        "numbered as a bibliography: 35 of 52 notes first cited out of sequence, from [35] at line 17",
        &[(17, "35")],
    ),
    (
        COVID,
        "numbered as a bibliography: 22 of 37 notes first cited out of sequence, from [9] at line 22",
        &[(22, "9")],
    ),
    (
        CPP,
        "[15] is first cited at line 80, before 10–14; [17] at line 143, after [22]",
        &[(80, "15"), (143, "17")],
    ),
    (
        DECISION,
        "[12] (line 13), [17] (line 53) and [18] (line 101) are cited early, [15], [14] and [13] late",
        &[(13, "12"), (53, "17"), (59, "15"), (73, "14"), (101, "18"), (143, "13")],
    ),
    (
        OPENSSF,
        "[8] is cited before [6], [13] (in a `\\[x\\]([13])`) before 7 and 9",
        &[(70, "6"), (95, "7"), (206, "9")],
    ),
    (
        PULL_REQUESTS,
        "first cited 10, 11, 1–3, 12, 4–6, 13–16, 7–9, 17…: [10], [11] and [12] early, [7]–[9] late",
        &[(33, "10"), (36, "11"), (51, "12"), (73, "7"), (73, "8"), (73, "9")],
    ),
    (DCO, "[8] is first cited at line 61, before [3],[4] on the same line", &[(61, "4")]),
];

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
    // The encyclopedia dumps, read as their numbered References lists. Art Nouveau
    // also has a Notes list numbered 1–2, which collides with the references and so is
    // read as text; its two notes cite references 29 and 52, which in the dump come last,
    // after the text's [165].
    ("footnote-order", ART_NOUVEAU, 2006, "29"),
    ("footnote-order", ART_NOUVEAU, 2008, "52"),
    // Note 34 ends “pp. 391-413)”: a stray parenthesis.
    ("malformed-footnote", ART_NOUVEAU, 1830, "34"),
    // Six numbers whose text the dump lost: `  58.` alone on its line, and so on.
    ("malformed-footnote", ART_NOUVEAU, 1864, "58"),
    ("malformed-footnote", ART_NOUVEAU, 1873, "65"),
    ("malformed-footnote", ART_NOUVEAU, 1876, "68"),
    ("malformed-footnote", ART_NOUVEAU, 1881, "73"),
    ("malformed-footnote", ART_NOUVEAU, 1925, "111"),
    ("malformed-footnote", ART_NOUVEAU, 1933, "119"),
    // The dumped text cites up to [165]; nothing in it cites 166–173.
    ("unused-footnote", ART_NOUVEAU, 1994, "166"),
    ("unused-footnote", ART_NOUVEAU, 1995, "167"),
    ("unused-footnote", ART_NOUVEAU, 1996, "168"),
    ("unused-footnote", ART_NOUVEAU, 1997, "169"),
    ("unused-footnote", ART_NOUVEAU, 1999, "170"),
    ("unused-footnote", ART_NOUVEAU, 2000, "171"),
    ("unused-footnote", ART_NOUVEAU, 2002, "172"),
    ("unused-footnote", ART_NOUVEAU, 2003, "173"),
    // The text cites up to [34]; note 35 (Vetra-Carvalho et al. 2018) is cited nowhere.
    ("unused-footnote", ASSIMILATION, 502, "35"),
    // `"Quality of Work âA future … workâ`: the inner curly quotes are garbled into
    // `â`, and the straight quotation mark opening the title is never closed.
    ("malformed-footnote", SAFETY, 1329, "82"),
    // The text cites up to [132]; notes 133–140 are cited nowhere in it.
    ("unused-footnote", SAFETY, 1434, "133"),
    ("unused-footnote", SAFETY, 1436, "134"),
    ("unused-footnote", SAFETY, 1439, "135"),
    ("unused-footnote", SAFETY, 1441, "136"),
    ("unused-footnote", SAFETY, 1443, "137"),
    ("unused-footnote", SAFETY, 1445, "138"),
    ("unused-footnote", SAFETY, 1447, "139"),
    ("unused-footnote", SAFETY, 1448, "140"),
    // No [143] in the text.
    ("unused-footnote", SMART_CITY, 1117, "143"),
    // No [169], [170] or [171] in the text.
    ("unused-footnote", TRANSGENIC, 1003, "169"),
    ("unused-footnote", TRANSGENIC, 1007, "170"),
    ("unused-footnote", TRANSGENIC, 1010, "171"),
    // Note 114's title ends `concern?"".`: a doubled closing quotation mark.
    ("malformed-footnote", INVASIVE, 1224, "114"),
    // Note 122 has `FWPRDC];` with no `[` before it.
    ("malformed-footnote", INVASIVE, 1256, "122"),
    // The text cites up to [130]; notes 131–133 are cited nowhere in it.
    ("unused-footnote", INVASIVE, 1286, "131"),
    ("unused-footnote", INVASIVE, 1288, "132"),
    ("unused-footnote", INVASIVE, 1290, "133"),
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
    let mut expected: Vec<_> =
        EXPECTED.iter().map(|&(r, n, l, note)| (r, n.to_owned(), l, note.to_owned())).collect();
    for &(file, _why, notes) in OUT_OF_SEQUENCE {
        expected
            .extend(notes.iter().map(|&(l, note)| ("footnote-order", file.to_owned(), l, note.to_owned())));
    }
    got.sort();
    let mut want = expected.clone();
    want.sort();
    println!("{} findings on 48 real documents (names and dates aside)", got.len());
    assert_eq!(got, want);
}

/// The encyclopedia dumps are plain text that happens to be named `.md`: read as text,
/// they give the citations, notes and findings they give as Markdown.
#[test]
fn encyclopedia_dumps_read_alike_as_text_and_as_markdown() {
    use citelint::document::{Document, Format};
    use citelint::rules::{RuleSettings, run};
    let Some(shared) = shared() else {
        eprintln!("skipping: no shared folder (set CITELINT_SHARED)");
        return;
    };
    for name in [ART_NOUVEAU, ASSIMILATION, SAFETY, SMART_CITY, TRANSGENIC, INVASIVE] {
        let Ok(text) = std::fs::read_to_string(shared.join("corpus/real").join(name)) else {
            eprintln!("skipping {name}: absent");
            continue;
        };
        let read = |format| {
            let doc = Document::parse(&text, format);
            let labels = |l: &mut dyn Iterator<Item = &String>| l.cloned().collect::<Vec<_>>();
            let cites = labels(&mut doc.citations.iter().map(|c| &c.label));
            let notes = labels(&mut doc.footnotes.iter().map(|f| &f.label));
            let found: Vec<_> = run(&doc, &RuleSettings::default(), |r| Some(r.default_severity))
                .into_iter()
                .map(|f| (f.rule, f.span, f.note))
                .collect();
            (cites, notes, found)
        };
        let (markdown, plain) = (read(Format::Markdown), read(Format::Text));
        assert!(markdown.0.len() > 30 && markdown.1.len() > 30, "{name}");
        assert_eq!(markdown, plain, "{name}");
    }
}
