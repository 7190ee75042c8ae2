//! Suppressions: `citelint-disable` comments in Markdown and `[[ignore]]` entries in
//! `citelint.toml` for plain profiles, which cannot carry unpublished comments.
//!
//! Markdown directives are HTML comments (the markdownlint convention):
//!
//! - `<!-- citelint-disable RULE… -->` until a matching `<!-- citelint-enable RULE… -->`
//!   (no rules: every rule);
//! - `<!-- citelint-disable-next-line RULE… -->` and `<!-- citelint-disable-line RULE… -->`;
//! - `<!-- citelint-disable-file RULE… -->` anywhere in the file.
//!
//! Rule names are separated by spaces or commas. A suppression that suppresses nothing, an
//! unknown directive and an unknown rule name each become an `unused-suppression` finding,
//! so stale suppressions get pruned.

mod comments;

use std::sync::atomic::{AtomicBool, Ordering};

use globset::{GlobBuilder, GlobMatcher};
use miette::Diagnostic;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use self::comments::Comments;
use crate::document::Span;
use crate::rules::{self, Finding, UnusedSuppression};
use crate::source::{StaleScope, normalize_path};
use crate::strings::normalize_whitespace;

/// An `[[ignore]]` entry of `citelint.toml`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IgnoreEntry {
    /// A path or glob, `/`-separated, matched against the path as reported; a pattern
    /// without `/` matches the file name in any directory. `*` does not cross `/`, `**` does.
    pub path: String,
    /// The rule whose findings it suppresses.
    pub rule: String,
    /// The flagged text (white space is normalized); absent: every finding of the rule.
    #[serde(default)]
    pub text: Option<String>,
    /// Why the finding is accepted; reports echo it.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Error, Diagnostic)]
pub enum IgnoreError {
    #[error("[[ignore]] entry {number}: invalid path pattern `{pattern}`")]
    #[diagnostic(code(citelint::config::ignore_path))]
    BadPath {
        number: usize,
        pattern: String,
        #[source]
        source: globset::Error,
    },
    #[error("[[ignore]] entry {number}: unknown rule `{rule}`")]
    #[diagnostic(code(citelint::config::ignore_rule), help("{}", rules::unknown_rule_help(rule)))]
    UnknownRule { number: usize, rule: String },
}

/// The `[[ignore]]` entries of a run, compiled. It records which entries matched a
/// checked file and which suppressed something, so [`IgnoreSet::unused`] can be asked
/// once every file has gone through [`apply`] (files may be applied in parallel).
#[derive(Debug, Default)]
pub struct IgnoreSet {
    entries: Vec<CompiledIgnore>,
}

#[derive(Debug)]
struct CompiledIgnore {
    entry: IgnoreEntry,
    matcher: GlobMatcher,
    by_name: bool,
    text: Option<String>,
    in_scope: AtomicBool,
    used: AtomicBool,
}

/// An `[[ignore]]` entry that suppressed nothing. The profile has no place for it, so it
/// is reported against the configuration file: see [`UnusedIgnore::to_finding`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnusedIgnore {
    /// Index of the entry among the `[[ignore]]` entries.
    pub index: usize,
    pub entry: IgnoreEntry,
    pub message: String,
}

impl UnusedIgnore {
    /// The finding to report in the configuration file, at `span` (the entry's place in
    /// `citelint.toml`, or `0..0` where it is not known).
    pub fn to_finding(&self, span: Span) -> Finding {
        Finding {
            rule: UnusedSuppression::INFO.name,
            severity: UnusedSuppression::INFO.default_severity,
            span,
            message: self.message.clone(),
            help: Some("remove the entry, or correct its path, rule or text".into()),
            note: None,
            related: Vec::new(),
        }
    }
}

impl IgnoreSet {
    /// Compile `entries`; an invalid glob or unknown rule is a configuration error.
    pub fn new(entries: Vec<IgnoreEntry>) -> Result<IgnoreSet, IgnoreError> {
        let mut compiled = Vec::with_capacity(entries.len());
        for (i, entry) in entries.into_iter().enumerate() {
            if rules::lookup(&entry.rule).is_none() {
                return Err(IgnoreError::UnknownRule { number: i + 1, rule: entry.rule });
            }
            let pattern = normalize_path(&entry.path);
            let matcher = GlobBuilder::new(&pattern)
                .literal_separator(true)
                .build()
                .map_err(|source| IgnoreError::BadPath {
                    number: i + 1,
                    pattern: entry.path.clone(),
                    source,
                })?
                .compile_matcher();
            compiled.push(CompiledIgnore {
                by_name: !pattern.contains('/'),
                matcher,
                text: entry.text.as_deref().map(normalize_whitespace),
                entry,
                in_scope: AtomicBool::new(false),
                used: AtomicBool::new(false),
            });
        }
        Ok(IgnoreSet { entries: compiled })
    }

    /// Entries that suppressed nothing. With [`StaleScope::CheckedFiles`] only entries
    /// whose path matched a checked file count: a run on a few files says nothing of the
    /// others.
    pub fn unused(&self, scope: StaleScope) -> Vec<UnusedIgnore> {
        let mut out = Vec::new();
        for (index, c) in self.entries.iter().enumerate() {
            if c.used.load(Ordering::Relaxed) {
                continue;
            }
            let in_scope = c.in_scope.load(Ordering::Relaxed);
            if !in_scope && scope == StaleScope::CheckedFiles {
                continue;
            }
            let what = match &c.entry.text {
                Some(text) => format!("`{}` findings on “{text}”", c.entry.rule),
                None => format!("`{}` findings", c.entry.rule),
            };
            let message = if in_scope {
                format!("[[ignore]] entry {} for {what} in `{}` suppresses nothing", index + 1, c.entry.path)
            } else {
                format!("[[ignore]] entry {}: path `{}` matches no checked file", index + 1, c.entry.path)
            };
            out.push(UnusedIgnore { index, entry: c.entry.clone(), message });
        }
        out
    }

    /// Whether the config has no `[[ignore]]` entry.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn matching(&self, path: &str) -> Vec<usize> {
        let name = path.rsplit('/').next().unwrap_or(path);
        let mut hits = Vec::new();
        for (i, c) in self.entries.iter().enumerate() {
            if c.matcher.is_match(path) || (c.by_name && c.matcher.is_match(name)) {
                c.in_scope.store(true, Ordering::Relaxed);
                hits.push(i);
            }
        }
        hits
    }
}

/// What suppressed a finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SuppressedBy {
    /// A `citelint-disable…` comment at `span`.
    Comment { span: Span },
    /// The `[[ignore]]` entry at `index`, with its reason.
    Ignore { index: usize, reason: Option<String> },
}

impl SuppressedBy {
    /// The reason a report should echo, where the suppression gives one.
    pub fn reason(&self) -> Option<&str> {
        match self {
            SuppressedBy::Ignore { reason, .. } => reason.as_deref(),
            SuppressedBy::Comment { .. } => None,
        }
    }
}

/// The findings of one file, sorted out.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Suppressed {
    /// Findings to report, in their original order.
    pub kept: Vec<Finding>,
    pub suppressed: Vec<(Finding, SuppressedBy)>,
    /// `unused-suppression` findings for this file's comments, by position. Their
    /// severity is the rule's default: the caller re-stamps or drops them per config.
    pub unused: Vec<Finding>,
}

/// Split the `findings` of the file at `path` into kept and suppressed, by its
/// suppression `comments` (spans into `text`) and the `[[ignore]]` entries; and report
/// the comments that suppressed nothing. `ran` tells which rules ran: a comment that
/// names only rules that did not run (turned off, not selected, links offline) could not
/// have suppressed anything this run, so it is not reported as unused.
pub fn apply(
    text: &str,
    comments: &[Span],
    path: &str,
    findings: Vec<Finding>,
    ignores: &IgnoreSet,
    ran: &dyn Fn(&str) -> bool,
) -> Suppressed {
    let path = normalize_path(path);
    let hits = ignores.matching(&path);
    let mut comments = Comments::parse(text, comments);
    let mut out = Suppressed::default();
    for finding in findings {
        let flagged = normalize_whitespace(slice(text, &finding.span));
        let mut by = None;
        // Every suppression that matches is marked used, so two that overlap do not
        // leave one reported as unused.
        for &i in &hits {
            let c = &ignores.entries[i];
            if c.entry.rule == finding.rule && c.text.as_ref().is_none_or(|t| *t == flagged) {
                c.used.store(true, Ordering::Relaxed);
                by.get_or_insert(SuppressedBy::Ignore { index: i, reason: c.entry.reason.clone() });
            }
        }
        if let Some(span) = comments.suppressing(&finding) {
            by.get_or_insert(SuppressedBy::Comment { span });
        }
        match by {
            Some(by) => out.suppressed.push((finding, by)),
            None => out.kept.push(finding),
        }
    }
    out.unused = comments.unused(ran);
    out
}

/// The text of `span`, or "" where the span does not fit the text.
fn slice<'t>(text: &'t str, span: &Span) -> &'t str {
    text.get(span.clone()).unwrap_or("")
}

#[cfg(test)]
mod tests;
