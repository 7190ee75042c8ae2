//! Baselines for CI gating: record today's findings so that only new ones fail a run.
//!
//! A finding is identified by its path, its rule and a fingerprint of the flagged text
//! plus a little white-space-normalized context on each side — never by line or offset,
//! so an edit above a finding leaves it matched. When one fingerprint occurs `k` times
//! in a file the baseline stores `count: k`; a `k+1`th occurrence is new.
//!
//! The file is JSON, sorted and pretty-printed so that it diffs well in review:
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     {
//!       "path": "profiles/armenia.txt",
//!       "rule": "missing-footnote",
//!       "fingerprint": "5f0c…",
//!       "count": 1,
//!       "text": "[4]",
//!       "message": "footnote [4] is cited but does not exist"
//!     }
//!   ]
//! }
//! ```
//!
//! `text` and `message` are there for the reader of the file; matching uses only `path`,
//! `rule` and `fingerprint`.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::rules::Finding;

/// The version of the file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// How many characters of context on each side of the flagged text go into a fingerprint.
const CONTEXT_CHARS: usize = 24;
/// Longest flagged text kept verbatim in the file (the fingerprint covers all of it).
const TEXT_CHARS: usize = 80;

/// The findings of one checked file, as the baseline sees them.
#[derive(Clone, Debug)]
pub struct FileFindings<'a> {
    /// The path as reported (relative, `/`-separated; `\` and a leading `./` are
    /// normalized away).
    pub path: &'a str,
    /// The file's text, which the findings' spans index into.
    pub source: &'a str,
    pub findings: Vec<Finding>,
}

/// One recorded finding (or `count` identical ones) of a baseline file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub rule: String,
    /// Hex SHA-256 (first 16 bytes) of the rule, flagged text and context.
    pub fingerprint: String,
    /// How many findings in the file share this fingerprint.
    pub count: u32,
    /// The flagged text, shortened; informative only.
    #[serde(default)]
    pub text: String,
    /// The first such finding's message; informative only.
    #[serde(default)]
    pub message: String,
}

/// A baseline: the findings a collection is allowed to keep.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    pub findings: Vec<Entry>,
}

/// A baseline entry that matched fewer findings than it records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaleEntry {
    pub entry: Entry,
    /// How many of the entry's `count` findings are gone.
    pub missing: u32,
}

/// Which unmatched entries count as stale.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StaleScope {
    /// Only entries of files that were checked: a run on a few files (pre-commit,
    /// `--changed-since`) says nothing about the others.
    CheckedFiles,
    /// Every unmatched entry, including those of files that no longer exist: for a run
    /// over the whole collection.
    Everything,
}

/// What applying a baseline left.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    /// How many findings the baseline absorbed.
    pub baselined: usize,
    /// Entries to prune, sorted like the file.
    pub stale: Vec<StaleEntry>,
}

#[derive(Debug, Error, Diagnostic)]
pub enum BaselineError {
    #[error("cannot read baseline {}", path.display())]
    #[diagnostic(code(citelint::baseline::read))]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("baseline {} is not a valid citelint baseline: {reason}", path.display())]
    #[diagnostic(
        code(citelint::baseline::corrupt),
        help("regenerate it with `citelint check --write-baseline {}`", path.display())
    )]
    Corrupt { path: PathBuf, reason: String },
    #[error("baseline {} has format version {found}; this citelint reads version {FORMAT_VERSION}", path.display())]
    #[diagnostic(
        code(citelint::baseline::version),
        help("regenerate it with `citelint check --write-baseline {}`", path.display())
    )]
    Version { path: PathBuf, found: u32 },
    #[error("cannot write baseline {}", path.display())]
    #[diagnostic(code(citelint::baseline::write))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl Baseline {
    /// Record every finding of `files`.
    pub fn from_findings<'a, 'b: 'a>(files: impl IntoIterator<Item = &'a FileFindings<'b>>) -> Baseline {
        let mut by_key: BTreeMap<(String, String, String), Entry> = BTreeMap::new();
        for file in files {
            let path = normalize_path(file.path);
            for finding in &file.findings {
                let fingerprint = fingerprint(finding, file.source);
                let key = (path.clone(), finding.rule.to_owned(), fingerprint.clone());
                by_key.entry(key).and_modify(|e| e.count += 1).or_insert_with(|| Entry {
                    path: path.clone(),
                    rule: finding.rule.to_owned(),
                    fingerprint,
                    count: 1,
                    text: shorten(&collapse_ws(flagged(finding, file.source)), TEXT_CHARS),
                    message: finding.message.clone(),
                });
            }
        }
        let mut baseline = Baseline { version: FORMAT_VERSION, findings: by_key.into_values().collect() };
        baseline.sort();
        baseline
    }

    /// Read a baseline file.
    pub fn load(path: &Path) -> Result<Baseline, BaselineError> {
        let text =
            fs::read_to_string(path).map_err(|source| BaselineError::Read { path: path.into(), source })?;
        Baseline::from_json(&text, path)
    }

    /// Parse a baseline; `path` only names the file in errors.
    pub fn from_json(text: &str, path: &Path) -> Result<Baseline, BaselineError> {
        let corrupt = |reason: String| BaselineError::Corrupt { path: path.into(), reason };
        // Read the version first, so a file from a future format says so instead of
        // failing on a field this build does not know.
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| corrupt(e.to_string()))?;
        let version = value
            .get("version")
            .ok_or_else(|| corrupt("no `version` field".into()))?
            .as_u64()
            .ok_or_else(|| corrupt("`version` is not a number".into()))?;
        if version != u64::from(FORMAT_VERSION) {
            return Err(BaselineError::Version {
                path: path.into(),
                found: u32::try_from(version).unwrap_or(u32::MAX),
            });
        }
        let mut baseline: Baseline = serde_json::from_value(value).map_err(|e| corrupt(e.to_string()))?;
        if let Some(e) = baseline.findings.iter().find(|e| e.count == 0) {
            return Err(corrupt(format!("entry for {} ({}) has count 0", e.path, e.rule)));
        }
        for e in &mut baseline.findings {
            e.path = normalize_path(&e.path);
        }
        baseline.sort();
        Ok(baseline)
    }

    /// The file's text: sorted, pretty-printed, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut sorted = self.clone();
        sorted.sort();
        let mut text = serde_json::to_string_pretty(&sorted).expect("a baseline always serializes");
        text.push('\n');
        text
    }

    /// Write the baseline atomically: a temporary file in the same directory, then a
    /// rename, so a crash never leaves half a baseline behind.
    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        let write_err = |source| BaselineError::Write { path: path.into(), source };
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let result = (|| {
            let mut file = fs::File::create(&tmp)?;
            file.write_all(self.to_json().as_bytes())?;
            file.sync_all()?;
            fs::rename(&tmp, path)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result.map_err(write_err)
    }

    /// Drop the findings this baseline records from `files`, leaving only new ones.
    pub fn apply(&self, files: &mut [FileFindings<'_>], scope: StaleScope) -> Applied {
        let mut matcher = self.matcher();
        let baselined = files.iter_mut().map(|f| matcher.retain_new(f.path, f.source, &mut f.findings)).sum();
        Applied { baselined, stale: matcher.stale(scope) }
    }

    /// A matcher for callers that hold their findings in their own structures.
    pub fn matcher(&self) -> Matcher<'_> {
        let mut remaining: HashMap<&str, HashMap<&str, (usize, u32)>> = HashMap::new();
        for (i, e) in self.findings.iter().enumerate() {
            remaining.entry(e.path.as_str()).or_default().insert(e.fingerprint.as_str(), (i, e.count));
        }
        Matcher { baseline: self, remaining, checked: Vec::new() }
    }

    fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (&a.path, &a.rule, &a.text, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.text, &b.fingerprint))
        });
    }
}

/// Matches files against a baseline one at a time, then reports what stayed unmatched.
pub struct Matcher<'b> {
    baseline: &'b Baseline,
    /// path → fingerprint (which covers the rule) → (entry index, findings still allowed).
    remaining: HashMap<&'b str, HashMap<&'b str, (usize, u32)>>,
    checked: Vec<String>,
}

impl Matcher<'_> {
    /// Remove from `findings` those the baseline records for `path`; returns how many.
    /// Findings are consumed in order, so with `count: k` the first `k` stay quiet.
    pub fn retain_new(&mut self, path: &str, source: &str, findings: &mut Vec<Finding>) -> usize {
        let path = normalize_path(path);
        let before = findings.len();
        let entries = &self.baseline.findings;
        if let Some(file) = self.remaining.get_mut(path.as_str()) {
            findings.retain(|f| match file.get_mut(fingerprint(f, source).as_str()) {
                Some((i, left)) if *left > 0 && entries[*i].rule == f.rule => {
                    *left -= 1;
                    false
                }
                _ => true,
            });
        }
        self.checked.push(path);
        before - findings.len()
    }

    /// Entries that matched fewer findings than they record, sorted like the file.
    pub fn stale(self, scope: StaleScope) -> Vec<StaleEntry> {
        let checked: std::collections::HashSet<&str> = self.checked.iter().map(String::as_str).collect();
        let mut stale: Vec<(usize, u32)> = self
            .remaining
            .iter()
            .filter(|(path, _)| scope == StaleScope::Everything || checked.contains(*path))
            .flat_map(|(_, file)| file.values().copied())
            .filter(|&(_, left)| left > 0)
            .collect();
        stale.sort_unstable();
        stale
            .into_iter()
            .map(|(i, missing)| StaleEntry { entry: self.baseline.findings[i].clone(), missing })
            .collect()
    }
}

/// The fingerprint of a finding in `source`: rule, flagged text and a little context,
/// each white-space-normalized, hashed with SHA-256 (stable across builds and platforms).
pub fn fingerprint(finding: &Finding, source: &str) -> String {
    let span = char_span(source, finding.span.clone());
    let (before, after) = context(source, span.clone());
    let mut hasher = Sha256::new();
    for part in [finding.rule, &collapse_ws(&source[span]), &before, &after] {
        hasher.update(part.as_bytes());
        // A separator that cannot occur in text keeps ("ab","c") apart from ("a","bc").
        hasher.update([0xff]);
    }
    hasher.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Up to [`CONTEXT_CHARS`] normalized characters on each side of `span`, not crossing a
/// blank line (a paragraph or note boundary: edits in the neighbouring note should not
/// disturb a finding).
fn context(source: &str, span: std::ops::Range<usize>) -> (String, String) {
    // Look a bounded number of bytes away so the cost per finding stays constant.
    let window = CONTEXT_CHARS * 8;
    let lo = floor_char(source, span.start.saturating_sub(window));
    let hi = ceil_char(source, (span.end + window).min(source.len()));
    let before = &source[lo..span.start];
    let before = before.rfind("\n\n").map_or(before, |i| &before[i + 2..]);
    let after = &source[span.end..hi];
    let after = after.find("\n\n").map_or(after, |i| &after[..i]);
    let before = collapse_ws(before);
    let after = collapse_ws(after);
    let skip = before.chars().count().saturating_sub(CONTEXT_CHARS);
    (before.chars().skip(skip).collect(), after.chars().take(CONTEXT_CHARS).collect())
}

fn flagged<'s>(finding: &Finding, source: &'s str) -> &'s str {
    &source[char_span(source, finding.span.clone())]
}

/// `span` clamped to `source` and widened to char boundaries, so any span is safe to slice.
fn char_span(source: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = floor_char(source, span.start.min(source.len()));
    let end = ceil_char(source, span.end.clamp(start, source.len()));
    start..end
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Runs of white space become one space; both ends are kept as they are otherwise
/// meaningful ("x [4]" vs "x[4]"), except that leading/trailing runs become one space too.
fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_ws = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !in_ws {
                out.push(' ');
            }
            in_ws = true;
        } else {
            out.push(c);
            in_ws = false;
        }
    }
    out
}

fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

/// Paths compare with `/` separators and without a leading `./`.
pub fn normalize_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut p = path.as_str();
    while let Some(rest) = p.strip_prefix("./") {
        p = rest;
    }
    p.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{Related, Severity};

    fn finding(rule: &'static str, source: &str, needle: &str, nth: usize) -> Finding {
        let start = source.match_indices(needle).nth(nth).expect("needle in source").0;
        Finding {
            rule,
            severity: Severity::Error,
            span: start..start + needle.len(),
            message: format!("{needle} is wrong"),
            help: None,
            note: None,
            related: Vec::<Related>::new(),
        }
    }

    fn file<'a>(path: &'a str, source: &'a str, findings: Vec<Finding>) -> FileFindings<'a> {
        FileFindings { path, source, findings }
    }

    const PROFILE: &str =
        "Armenia\n\nArmenia voted in favor.[4] It said so.[5]\n\n[5] Statement, 2 May 2020.\n";

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
        let findings = vec![
            finding("missing-footnote", PROFILE, "[4]", 0),
            finding("unused-footnote", PROFILE, "[5]", 1),
        ];
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
        let err = Baseline::from_json("{\"version\": 1, \"findings\": [], \"x\": 1}", Path::new("b.json"))
            .unwrap_err();
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
}
