//! GitLab Code Quality: a JSON array of issues (the CodeClimate subset GitLab reads), for
//! a job's `artifacts:reports:codequality`.

use std::collections::HashMap;
use std::io::{self, Write};

use serde::Serialize;
use sha2::{Digest, Sha256};

use super::span_positions;
use crate::check::Outcome;
use crate::rules::Severity;
use crate::source::LineIndex;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

/// GitLab's scale is info, minor, major, critical, blocker. An error is a defect to fix
/// before publication (major); none of citelint's findings stop a build by themselves,
/// so critical and blocker stay unused.
pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Info => "info",
    }
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    let mut issues = Vec::new();
    for file in &outcome.files {
        let index = LineIndex::new(&file.source);
        let path = relative_path(&file.path);
        // The same finding twice in one file needs two fingerprints: count occurrences.
        let mut seen: HashMap<String, usize> = HashMap::new();
        for f in &file.findings {
            let (start, end) = span_positions(&index, &file.source, f);
            let base = crate::baseline::fingerprint(f, &file.source);
            let n = seen.entry(base.clone()).and_modify(|n| *n += 1).or_insert(0);
            issues.push(Issue {
                description: match &f.help {
                    Some(help) => format!("{} ({help})", f.message),
                    None => f.message.clone(),
                },
                check_name: f.rule,
                fingerprint: fingerprint(&path, &base, *n),
                severity: severity(f.severity),
                location: Location { path: path.clone(), lines: Lines { begin: start.line, end: end.line } },
            });
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}

/// Stable across runs and edits above the finding (the baseline fingerprint ignores line
/// numbers), unique within the report.
fn fingerprint(path: &str, base: &str, occurrence: usize) -> String {
    let mut h = Sha256::new();
    h.update(path.as_bytes());
    h.update([0xff]);
    h.update(base.as_bytes());
    h.update([0xff]);
    h.update(occurrence.to_string().as_bytes());
    h.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// GitLab wants paths relative to the repository; run from its root, a reported path
/// already is. An absolute path under the working directory is made relative to it.
fn relative_path(path: &str) -> String {
    let normalized = crate::source::normalize_path(path);
    let p = std::path::Path::new(&normalized);
    if p.is_absolute()
        && let Some(rel) =
            std::env::current_dir().ok().and_then(|cwd| p.strip_prefix(cwd).ok().map(|r| r.to_path_buf()))
    {
        return rel.to_string_lossy().replace('\\', "/");
    }
    normalized
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severities_map_onto_gitlab_scale() {
        assert_eq!(severity(Severity::Error), "major");
        assert_eq!(severity(Severity::Warning), "minor");
        assert_eq!(severity(Severity::Info), "info");
    }

    #[test]
    fn occurrences_of_one_finding_get_distinct_fingerprints() {
        assert_ne!(fingerprint("a.txt", "abc", 0), fingerprint("a.txt", "abc", 1));
        assert_ne!(fingerprint("a.txt", "abc", 0), fingerprint("b.txt", "abc", 0));
        assert_eq!(fingerprint("a.txt", "abc", 0), fingerprint("a.txt", "abc", 0));
    }
}
