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
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use thiserror::Error;

use crate::rules::Finding;
use crate::source::{Overwrite, StaleScope, normalize_path};
use crate::strings::{char_span, collapse_whitespace};

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
    pub fn from_findings(files: &[FileFindings<'_>]) -> Baseline {
        Baseline::from_parts(files.iter().map(|f| (f.path, f.source, f.findings.as_slice())))
    }

    /// Record every finding of `(path, source, findings)` triples, for callers that keep
    /// findings in their own structures.
    pub fn from_parts<'a>(files: impl IntoIterator<Item = (&'a str, &'a str, &'a [Finding])>) -> Baseline {
        let mut by_key: BTreeMap<(String, String, String), Entry> = BTreeMap::new();
        for (path, source, findings) in files {
            let path = normalize_path(path);
            for finding in findings {
                let fingerprint = fingerprint(finding, source);
                let key = (path.clone(), finding.rule.to_owned(), fingerprint.clone());
                by_key.entry(key).and_modify(|e| e.count += 1).or_insert_with(|| Entry {
                    path: path.clone(),
                    rule: finding.rule.to_owned(),
                    fingerprint,
                    count: 1,
                    text: shorten(&collapse_whitespace(flagged(finding, source)), TEXT_CHARS),
                    message: finding.message.clone(),
                });
            }
        }
        let mut baseline = Baseline { version: FORMAT_VERSION, findings: by_key.into_values().collect() };
        baseline.sort();
        baseline
    }

    /// Keep `previous`'s entries for files this run did not check: `--write-baseline` on a
    /// few files must not forget the rest of the collection.
    pub fn with_unchecked_from<'p>(
        mut self,
        previous: &Baseline,
        checked: impl IntoIterator<Item = &'p str>,
    ) -> Baseline {
        let checked: std::collections::HashSet<String> = checked.into_iter().map(normalize_path).collect();
        self.findings.extend(previous.findings.iter().filter(|e| !checked.contains(&e.path)).cloned());
        self.sort();
        self
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
        crate::source::write_atomic(path, self.to_json().as_bytes(), Overwrite::Yes)
            .map_err(|source| BaselineError::Write { path: path.into(), source })
    }

    /// Drop the findings this baseline records from `files`, leaving only new ones.
    pub fn apply(&self, files: &mut [FileFindings<'_>], scope: StaleScope) -> Applied {
        let mut remaining = self.remaining();
        let baselined =
            files.iter_mut().map(|f| remaining.take_known(f.path, f.source, &mut f.findings).len()).sum();
        Applied { baselined, stale: remaining.stale(scope) }
    }

    /// The entries not yet matched, for callers that hold their findings in their own
    /// structures and match them file by file.
    pub fn remaining(&self) -> Remaining<'_> {
        let mut remaining: HashMap<&str, HashMap<&str, (usize, u32)>> = HashMap::new();
        for (i, e) in self.findings.iter().enumerate() {
            remaining.entry(e.path.as_str()).or_default().insert(e.fingerprint.as_str(), (i, e.count));
        }
        Remaining { baseline: self, remaining, checked: Vec::new() }
    }

    fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (&a.path, &a.rule, &a.text, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.text, &b.fingerprint))
        });
    }
}

/// A baseline's entries not yet matched: files are matched against it one at a time,
/// then it tells which entries stayed unmatched.
pub struct Remaining<'b> {
    baseline: &'b Baseline,
    /// path → fingerprint (which covers the rule) → (entry index, findings still allowed).
    remaining: HashMap<&'b str, HashMap<&'b str, (usize, u32)>>,
    checked: Vec<String>,
}

impl Remaining<'_> {
    /// Move out of `findings` those the baseline records for `path`, and return them.
    /// Findings are consumed in order, so with `count: k` the first `k` are taken.
    pub fn take_known(&mut self, path: &str, source: &str, findings: &mut Vec<Finding>) -> Vec<Finding> {
        let path = normalize_path(path);
        let entries = &self.baseline.findings;
        let known = match self.remaining.get_mut(path.as_str()) {
            Some(file) => findings
                .extract_if(.., |f| match file.get_mut(fingerprint(f, source).as_str()) {
                    Some((i, left)) if *left > 0 && entries[*i].rule == f.rule => {
                        *left -= 1;
                        true
                    }
                    _ => false,
                })
                .collect(),
            None => Vec::new(),
        };
        self.checked.push(path);
        known
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
    for part in [finding.rule, &collapse_whitespace(&source[span]), &before, &after] {
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
    let lo = source.floor_char_boundary(span.start.saturating_sub(window));
    let hi = source.ceil_char_boundary((span.end + window).min(source.len()));
    let before = &source[lo..span.start];
    let before = before.rfind("\n\n").map_or(before, |i| &before[i + 2..]);
    let after = &source[span.end..hi];
    let after = after.find("\n\n").map_or(after, |i| &after[..i]);
    let before = collapse_whitespace(before);
    let after = collapse_whitespace(after);
    let skip = before.chars().count().saturating_sub(CONTEXT_CHARS);
    (before.chars().skip(skip).collect(), after.chars().take(CONTEXT_CHARS).collect())
}

fn flagged<'s>(finding: &Finding, source: &'s str) -> &'s str {
    &source[char_span(source, finding.span.clone())]
}

fn shorten(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests;
