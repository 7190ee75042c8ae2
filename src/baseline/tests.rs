//! Tests of baselines: matching across edits, counts, staleness, the file.

use super::*;
use crate::rules::Severity;
use crate::rules::test_support::finding_at;

fn finding(rule: &'static str, source: &str, needle: &str, nth: usize) -> Finding {
    finding_at(rule, Severity::Error, source, needle, nth)
}

fn file<'a>(path: &'a str, source: &'a str, findings: Vec<Finding>) -> FileFindings<'a> {
    FileFindings { path, source, findings }
}

const PROFILE: &str = "Armenia\n\nArmenia voted in favor.[4] It said so.[5]\n\n[5] Statement, 2 May 2020.\n";

#[test]
fn an_edit_above_a_finding_keeps_it_matched() {
    let base = Baseline::from_findings(&[file(
        "a.txt",
        PROFILE,
        vec![finding("missing-footnote", PROFILE, "[4]", 0)],
    )]);
    let edited =
        PROFILE.replace("Armenia\n\n", "Armenia\n\nLast updated: 1 May 2024\n\nA new paragraph.\n\n");
    let mut files = [file("a.txt", &edited, vec![finding("missing-footnote", &edited, "[4]", 0)])];
    let applied = base.apply(&mut files, StaleScope::CheckedFiles);
    assert!(files[0].findings.is_empty());
    assert_eq!(applied, Applied { baselined: 1, stale: vec![] });
}

#[test]
fn rewrapping_the_line_keeps_it_matched() {
    let base = Baseline::from_findings(&[file(
        "a.txt",
        PROFILE,
        vec![finding("missing-footnote", PROFILE, "[4]", 0)],
    )]);
    let wrapped = PROFILE.replace("voted in", "voted\n   in");
    let mut files = [file("a.txt", &wrapped, vec![finding("missing-footnote", &wrapped, "[4]", 0)])];
    assert_eq!(base.apply(&mut files, StaleScope::CheckedFiles).baselined, 1);
}

#[test]
fn a_new_finding_is_new() {
    let base = Baseline::from_findings(&[file(
        "a.txt",
        PROFILE,
        vec![finding("missing-footnote", PROFILE, "[4]", 0)],
    )]);
    let new = finding("unused-footnote", PROFILE, "[5]", 1);
    let mut files =
        [file("a.txt", PROFILE, vec![finding("missing-footnote", PROFILE, "[4]", 0), new.clone()])];
    let applied = base.apply(&mut files, StaleScope::CheckedFiles);
    assert_eq!(files[0].findings, vec![new]);
    assert_eq!(applied.baselined, 1);
}

#[test]
fn the_same_text_in_another_file_or_rule_is_new() {
    let base = Baseline::from_findings(&[file(
        "a.txt",
        PROFILE,
        vec![finding("missing-footnote", PROFILE, "[4]", 0)],
    )]);
    let mut files = [
        file("b.txt", PROFILE, vec![finding("missing-footnote", PROFILE, "[4]", 0)]),
        file("a.txt", PROFILE, vec![finding("footnote-order", PROFILE, "[4]", 0)]),
    ];
    let applied = base.apply(&mut files, StaleScope::CheckedFiles);
    assert_eq!(applied.baselined, 0);
    assert_eq!(files[0].findings.len() + files[1].findings.len(), 2);
    // a.txt was checked and its entry matched nothing.
    assert_eq!(applied.stale.len(), 1);
}

#[test]
fn a_fixed_finding_becomes_stale() {
    let base = Baseline::from_findings(&[file(
        "a.txt",
        PROFILE,
        vec![finding("missing-footnote", PROFILE, "[4]", 0)],
    )]);
    let mut files = [file("./a.txt", PROFILE, vec![])];
    let applied = base.apply(&mut files, StaleScope::CheckedFiles);
    assert_eq!(applied.stale.len(), 1);
    assert_eq!(applied.stale[0].missing, 1);
    assert_eq!(applied.stale[0].entry.text, "[4]");
}

#[test]
fn entries_of_unchecked_files_are_stale_only_for_a_full_run() {
    let base = Baseline::from_findings(&[file(
        "gone.txt",
        PROFILE,
        vec![finding("missing-footnote", PROFILE, "[4]", 0)],
    )]);
    assert!(base.apply(&mut [file("a.txt", PROFILE, vec![])], StaleScope::CheckedFiles).stale.is_empty());
    assert_eq!(base.apply(&mut [file("a.txt", PROFILE, vec![])], StaleScope::Everything).stale.len(), 1);
}

#[test]
fn duplicates_are_counted_and_one_more_is_new() {
    let src = "T\n\nA.[9] B.[9]\n\nC.[9]\n";
    // "[9]" after "A." and after "B." have different context; make them identical.
    let src_same = "T\n\nx.[9]\n\nx.[9]\n\nx.[9]\n";
    let two = vec![
        finding("missing-footnote", src_same, "[9]", 0),
        finding("missing-footnote", src_same, "[9]", 1),
    ];
    let base = Baseline::from_findings(&[file("a.txt", src_same, two)]);
    assert_eq!(base.findings.len(), 1);
    assert_eq!(base.findings[0].count, 2);
    let three: Vec<_> = (0..3).map(|i| finding("missing-footnote", src_same, "[9]", i)).collect();
    let mut files = [file("a.txt", src_same, three.clone())];
    let applied = base.apply(&mut files, StaleScope::CheckedFiles);
    assert_eq!(applied.baselined, 2);
    assert_eq!(files[0].findings, vec![three[2].clone()]);
    // Distinct contexts give distinct entries.
    let distinct: Vec<_> = (0..3).map(|i| finding("missing-footnote", src, "[9]", i)).collect();
    assert_eq!(Baseline::from_findings(&[file("a.txt", src, distinct)]).findings.len(), 3);
}

#[test]
fn a_finding_that_drops_below_its_count_leaves_a_partly_stale_entry() {
    let src = "T\n\nx.[9]\n\nx.[9]\n";
    let two: Vec<_> = (0..2).map(|i| finding("missing-footnote", src, "[9]", i)).collect();
    let base = Baseline::from_findings(&[file("a.txt", src, two.clone())]);
    let applied = base.apply(&mut [file("a.txt", src, vec![two[0].clone()])], StaleScope::CheckedFiles);
    assert_eq!(applied.baselined, 1);
    assert_eq!(applied.stale[0].missing, 1);
}

#[test]
fn the_file_is_sorted_and_round_trips() {
    let findings =
        vec![finding("missing-footnote", PROFILE, "[4]", 0), finding("unused-footnote", PROFILE, "[5]", 1)];
    let a = Baseline::from_findings(&[
        file("b.txt", PROFILE, findings.clone()),
        file("a.txt", PROFILE, findings.clone()),
    ]);
    let b = Baseline::from_findings(&[
        file("a.txt", PROFILE, findings.clone()),
        file("b.txt", PROFILE, findings),
    ]);
    assert_eq!(a.to_json(), b.to_json());
    let paths: Vec<_> = a.findings.iter().map(|e| (e.path.as_str(), e.rule.as_str())).collect();
    assert_eq!(
        paths,
        [
            ("a.txt", "missing-footnote"),
            ("a.txt", "unused-footnote"),
            ("b.txt", "missing-footnote"),
            ("b.txt", "unused-footnote")
        ]
    );
    assert_eq!(Baseline::from_json(&a.to_json(), Path::new("x")).unwrap(), a);
}

#[test]
fn rewriting_for_a_few_files_keeps_the_entries_of_the_others() {
    let old = Baseline::from_findings(&[
        file("a.txt", PROFILE, vec![finding("missing-footnote", PROFILE, "[4]", 0)]),
        file("b.txt", PROFILE, vec![finding("missing-footnote", PROFILE, "[4]", 0)]),
    ]);
    // a.txt was fixed; b.txt was not checked this time.
    let new =
        Baseline::from_findings(&[file("a.txt", PROFILE, vec![])]).with_unchecked_from(&old, ["./a.txt"]);
    assert_eq!(new.findings.iter().map(|e| e.path.as_str()).collect::<Vec<_>>(), ["b.txt"]);
}

#[test]
fn save_writes_atomically_and_load_reads_it_back() {
    let dir = std::env::temp_dir().join(format!("citelint-baseline-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let path = dir.join("baseline.json");
    let base = Baseline::from_findings(&[file(
        "a.txt",
        PROFILE,
        vec![finding("missing-footnote", PROFILE, "[4]", 0)],
    )]);
    base.save(&path).unwrap();
    assert_eq!(Baseline::load(&path).unwrap(), base);
    let leftovers: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers, [std::ffi::OsString::from("baseline.json")]);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_corrupt_file_is_a_clear_error() {
    let err = Baseline::from_json("{\"version\": 1, \"findings\": [", Path::new("b.json")).unwrap_err();
    assert!(matches!(err, BaselineError::Corrupt { .. }), "{err:?}");
    assert!(err.to_string().starts_with("baseline b.json is not a valid citelint baseline"), "{err}");
    let err = Baseline::from_json("[]", Path::new("b.json")).unwrap_err();
    assert!(err.to_string().contains("no `version` field"), "{err}");
    let err = Baseline::from_json("{\"version\": 2, \"findings\": []}", Path::new("b.json")).unwrap_err();
    assert!(matches!(err, BaselineError::Version { found: 2, .. }), "{err:?}");
    let err =
        Baseline::from_json("{\"version\": 1, \"findings\": [], \"x\": 1}", Path::new("b.json")).unwrap_err();
    assert!(err.to_string().contains("unknown field `x`"), "{err}");
    let err = Baseline::load(Path::new("/nonexistent/citelint/b.json")).unwrap_err();
    assert!(matches!(err, BaselineError::Read { .. }));
}

#[test]
fn fingerprints_are_stable_and_survive_odd_spans() {
    // Pinned: a change here breaks every user's baseline, so it must be deliberate.
    let f = finding("missing-footnote", PROFILE, "[4]", 0);
    assert_eq!(fingerprint(&f, PROFILE), "0ea83119fd820085e9b4a15efa1702cd");
    // Spans off char boundaries or past the end never panic.
    let src = "é[1]ü";
    for span in [0..1, 1..9, std::ops::Range { start: 7, end: 3 }, 2..2] {
        let f = Finding { span, ..f.clone() };
        assert_eq!(fingerprint(&f, src).len(), 32);
    }
}

#[test]
fn every_marker_of_the_real_corpus_stays_matched_after_an_edit_above_it() {
    let Some(dir) =
        crate::rules::test_support::shared_dir().map(|s| s.join("corpus/real")).filter(|d| d.is_dir())
    else {
        eprintln!("note: shared/corpus/real not found; skipping");
        return;
    };
    // Each footnote marker stands in for a finding: real text around real spans.
    let markers = |src: &str| -> Vec<Finding> {
        let mut out = Vec::new();
        for (start, _) in src.match_indices("[^") {
            if let Some(len) = src[start..].find(']').filter(|&l| l < 64) {
                out.push(Finding {
                    span: start..start + len + 1,
                    ..finding("missing-footnote", "x", "x", 0)
                });
            }
        }
        out
    };
    let (mut findings, mut entries, mut docs) = (0, 0, 0);
    let mut paths: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
        let src = fs::read_to_string(path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let found = markers(&src);
        let base = Baseline::from_findings(&[file(name, &src, found.clone())]);
        let edited = format!("An inserted paragraph, with a [^new] marker.\n\n{src}");
        let mut files = [file(name, &edited, markers(&edited))];
        let applied = base.apply(&mut files, StaleScope::CheckedFiles);
        assert_eq!(applied.baselined, found.len(), "{name}");
        assert!(applied.stale.is_empty(), "{name}: {:?}", applied.stale);
        let new: Vec<_> = files[0].findings.iter().map(|f| &edited[f.span.clone()]).collect();
        assert_eq!(new, ["[^new]"], "{name}");
        (findings, entries, docs) = (findings + found.len(), entries + base.findings.len(), docs + 1);
    }
    // Identical marker-in-context pairs share an entry with a count; print how often.
    eprintln!("{docs} documents, {findings} markers, {entries} baseline entries");
}
