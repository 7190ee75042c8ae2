//! `--changed-since`: ask git which files changed since a revision, so CI and hooks
//! check only those.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use miette::Diagnostic;
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum GitError {
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
}

/// The files changed since `rev`, as canonical paths: tracked files that differ between
/// the merge base of `rev` and `HEAD` and the working tree (commits since, staged and
/// unstaged edits), plus untracked files that are not ignored. Deleted files are left
/// out: there is nothing to check.
pub fn changed_since(rev: &str, cwd: &Path) -> Result<HashSet<PathBuf>, GitError> {
    let top = git(cwd, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        GitError::Git { .. } => GitError::NotARepository,
        e => e,
    })?;
    let top = PathBuf::from(top.trim_end_matches(['\n', '\r']));
    // `--end-of-options` keeps a revision starting with `-` from being read as an option.
    let commit = format!("{rev}^{{commit}}");
    git(cwd, &["rev-parse", "--verify", "--quiet", "--end-of-options", &commit])
        .map_err(|_| GitError::BadRevision { rev: rev.to_owned() })?;
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
fn git(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|source| GitError::GitMissing { source })?;
    if !out.status.success() {
        return Err(GitError::Git {
            command: args.first().copied().unwrap_or("").to_owned(),
            message: String::from_utf8_lossy(&out.stderr).trim().to_owned(),
        });
    }
    String::from_utf8(out.stdout).map_err(|_| GitError::Git {
        command: args.first().copied().unwrap_or("").to_owned(),
        message: "output is not UTF-8".into(),
    })
}
