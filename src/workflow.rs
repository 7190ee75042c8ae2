//! The steps around a check that CI and hooks need: `--changed-since` (ask git which
//! files changed), baselines applied to and written from an [`Outcome`], and atomic
//! writes of new files (`citelint init`).

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use miette::Diagnostic;
use thiserror::Error;

use crate::Outcome;
use crate::baseline::{Baseline, StaleScope};

#[derive(Debug, Error, Diagnostic)]
pub enum WorkflowError {
    #[error("--changed-since: cannot run git: {source}")]
    #[diagnostic(code(citelint::git), help("--changed-since needs git on the PATH"))]
    GitMissing {
        #[source]
        source: std::io::Error,
    },
    #[error("--changed-since: not inside a git repository")]
    #[diagnostic(code(citelint::git), help("run citelint from within the repository's working tree"))]
    NotARepository,
    #[error("--changed-since: unknown revision `{rev}`")]
    #[diagnostic(
        code(citelint::git),
        help(
            "give a commit, branch or tag git knows (in CI, fetch enough history: `git fetch origin main`)"
        )
    )]
    BadRevision { rev: String },
    #[error("--changed-since: git {command} failed: {message}")]
    #[diagnostic(code(citelint::git))]
    Git { command: String, message: String },
    #[error("{} already exists", path.display())]
    #[diagnostic(code(citelint::init), help("pass --force to overwrite it"))]
    Exists { path: PathBuf },
    #[error("cannot write {}", path.display())]
    #[diagnostic(code(citelint::write))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// The files changed since `rev`, as canonical paths: tracked files that differ between
/// the merge base of `rev` and `HEAD` and the working tree (commits since, staged and
/// unstaged edits), plus untracked files that are not ignored. Deleted files are left
/// out: there is nothing to check.
pub fn changed_since(rev: &str, cwd: &Path) -> Result<HashSet<PathBuf>, WorkflowError> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        WorkflowError::Git { .. } => WorkflowError::NotARepository,
        e => e,
    })?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    // `--end-of-options` keeps a revision starting with `-` from being read as an option.
    let commit = format!("{rev}^{{commit}}");
    git(cwd, &["rev-parse", "--verify", "--quiet", "--end-of-options", &commit])
        .map_err(|_| WorkflowError::BadRevision { rev: rev.to_owned() })?;
    let base = git(cwd, &["merge-base", "--end-of-options", &commit, "HEAD"])?;
    let base = base.trim();
    let diff = git(&top, &["diff", "--name-only", "-z", "--no-renames", "--diff-filter=d", base, "--"])?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    Ok(diff
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .filter_map(|p| top.join(p).canonicalize().ok())
        .filter(|p| p.is_file())
        .collect())
}

/// Run git in `dir` and return its standard output.
fn git(dir: &Path, args: &[&str]) -> Result<String, WorkflowError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|source| WorkflowError::GitMissing { source })?;
    if !out.status.success() {
        return Err(WorkflowError::Git {
            command: args.first().copied().unwrap_or("").to_owned(),
            message: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        });
    }
    String::from_utf8(out.stdout).map_err(|_| WorkflowError::Git {
        command: args.first().copied().unwrap_or("").to_owned(),
        message: "output is not UTF-8".into(),
    })
}

/// The baseline of everything `outcome` reports. With [`StaleScope::CheckedFiles`] the
/// entries `previous` holds for files this run did not check are kept.
pub fn baseline_of(outcome: &Outcome, previous: Option<&Baseline>, scope: StaleScope) -> Baseline {
    let current = Baseline::from_parts(
        outcome.files.iter().map(|f| (f.path.as_str(), f.source.as_str(), f.findings.as_slice())),
    );
    match (previous, scope) {
        (Some(previous), StaleScope::CheckedFiles) => {
            current.with_unchecked_from(previous, outcome.files.iter().map(|f| f.path.as_str()))
        }
        _ => current,
    }
}

/// Drop the findings `baseline` records from `outcome`, counting them per file, and list
/// the entries that matched nothing.
pub fn apply_baseline(outcome: &mut Outcome, baseline: &Baseline, scope: StaleScope) {
    let mut matcher = baseline.matcher();
    for file in &mut outcome.files {
        file.baselined = matcher.retain_new(&file.path, &file.source, &mut file.findings);
    }
    outcome.stale_baseline = matcher.stale(scope);
}

/// Write `text` to `path` atomically (a temporary file beside it, then a rename). Without
/// `force`, an existing file is left alone and reported.
pub fn write_atomic(path: &Path, text: &str, force: bool) -> Result<(), WorkflowError> {
    if !force && path.exists() {
        return Err(WorkflowError::Exists { path: path.into() });
    }
    atomic_write(path, text.as_bytes(), force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            WorkflowError::Exists { path: path.into() }
        } else {
            WorkflowError::Write { path: path.into(), source: e }
        }
    })
}

/// Write `bytes` to a temporary file beside `path`, synced, then move it into place, so a
/// crash never leaves half a file behind. With `overwrite` false the move fails with
/// `AlreadyExists` if the name is taken (a hard link never clobbers).
pub(crate) fn atomic_write(path: &Path, bytes: &[u8], overwrite: bool) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if overwrite {
            fs::rename(&tmp, path)
        } else {
            fs::hard_link(&tmp, path).and_then(|()| fs::remove_file(&tmp))
        }
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_refuses_to_overwrite_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("citelint.toml");
        write_atomic(&path, "a", false).unwrap();
        assert!(matches!(write_atomic(&path, "b", false), Err(WorkflowError::Exists { .. })));
        assert_eq!(fs::read_to_string(&path).unwrap(), "a");
        write_atomic(&path, "c", true).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "c");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
