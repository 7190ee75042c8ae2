//! citelint: a linter for citations and provenance in policy-profile documents.
//!
//! [`check_paths`] lints a set of files and directories, [`lint_str`] one source string;
//! [`report`] renders the outcome. The binary is a thin layer over these.

pub mod baseline;
pub mod cli;
pub mod config;
pub mod document;
pub mod links;
pub mod report;
pub mod rules;
pub mod source;
pub mod sources;
pub mod suppress;
pub mod workflow;

pub use crate::document::Format;
pub use crate::rules::{Finding, Severity};
pub use crate::source::SourceError;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::document::Document;
use crate::rules::{RuleInfo, RuleSettings};
use crate::source::{FileFilter, ReadResult};

/// How links are checked. Parsed from the command line and `[links]` (see
/// [`config::LinkConfig`]); the link stage consumes it.
#[derive(Clone, Debug, Default)]
pub struct LinkOptions {
    /// Check no links (`--offline`): no request at all.
    pub offline: bool,
    /// Everything the checker is told: limits, timeouts, cache, archive lookups.
    pub check: links::LinkSettings,
}

/// Everything a run is configured with: the config file, then the command line over it.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Per-rule levels from the config file (`None`: off). Rules not named keep their
    /// default severity.
    pub levels: HashMap<&'static str, Option<Severity>>,
    /// `--select`: when set, only these rules run (and run even if the config turned them
    /// off).
    pub select: Option<Vec<&'static str>>,
    /// `--ignore`: these rules never run.
    pub ignore: Vec<&'static str>,
    /// Findings at or above this severity fail the run.
    pub fail_on: Severity,
    /// Read every source with this grammar instead of the one its name implies.
    pub input_format: Option<Format>,
    /// The name standard input is shown (and its format chosen) by.
    pub stdin_filename: Option<String>,
    /// Options rules read (`[names]`).
    pub rule_settings: RuleSettings,
    /// How links are checked.
    pub links: LinkOptions,
    /// Which files a directory walk picks up.
    pub files: FileFilter,
    /// `[[ignore]]` entries of the config file.
    pub ignores: Vec<suppress::IgnoreEntry>,
    /// The config file's text, where unused `[[ignore]]` entries are reported.
    pub config_source: Option<config::ConfigSource>,
    /// Whether this run covers the whole collection (only then is an `[[ignore]]` entry
    /// or baseline entry whose file was not checked reported) or only some files.
    pub scope: baseline::StaleScope,
    /// `--changed-since`: check only these files (canonical paths) among those the paths
    /// name or a walk finds.
    pub only: Option<std::collections::HashSet<PathBuf>>,
    /// Keep the text of every checked file in [`FileReport::source`] (the HTML report
    /// shows every file). Otherwise a file keeps its text only when a finding, a
    /// suppression or a link points into it.
    pub keep_sources: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            levels: HashMap::new(),
            select: None,
            ignore: Vec::new(),
            fail_on: Severity::Warning,
            input_format: None,
            stdin_filename: None,
            rule_settings: RuleSettings::default(),
            links: LinkOptions::default(),
            files: FileFilter::default(),
            ignores: Vec::new(),
            config_source: None,
            scope: baseline::StaleScope::CheckedFiles,
            only: None,
            keep_sources: false,
        }
    }
}

impl Settings {
    /// The severity `rule` runs at, or `None` when it is off.
    pub fn severity_of(&self, rule: &RuleInfo) -> Option<Severity> {
        if self.ignore.contains(&rule.name) {
            return None;
        }
        let configured = self.levels.get(rule.name).copied().unwrap_or(Some(rule.default_severity));
        match &self.select {
            // Naming a rule on the command line beats the config turning it off.
            Some(selected) => {
                selected.contains(&rule.name).then(|| configured.unwrap_or(rule.default_severity))
            }
            None => configured,
        }
    }

    /// Whether `rule` produced findings this run: on, and for link rules, links checked.
    /// A suppression of a rule that did not run is not reported as unused.
    pub fn rule_ran(&self, rule: &RuleInfo) -> bool {
        self.severity_of(rule).is_some() && (rule.scope != rules::Scope::Links || !self.links.offline)
    }
}

/// Lint one source string with the document rules. Findings come sorted by position.
pub fn lint_str(text: &str, format: Format, settings: &Settings) -> Vec<Finding> {
    let doc = Document::parse(text, format);
    rules::run(&doc, &settings.rule_settings, |r| settings.severity_of(r))
}

/// One checked file.
#[derive(Debug)]
pub struct FileReport {
    /// The path as given (or found by walking), or the stdin name.
    pub path: String,
    /// The file's text; empty for a file without findings or suppressions unless
    /// [`Settings::keep_sources`] is set.
    pub source: String,
    pub format: Format,
    /// Sorted by position.
    pub findings: Vec<Finding>,
    pub citations: usize,
    pub footnotes: usize,
    /// The citation and footnote markers, kept when [`Settings::keep_sources`] is set (the
    /// HTML report links them); empty otherwise.
    pub markers: document::Markers,
    /// Findings a suppression comment or `[[ignore]]` entry silenced, with the reason.
    pub suppressed: Vec<SuppressedFinding>,
    /// How many findings the baseline absorbed.
    pub baselined: usize,
    /// This is the config file, reported for its unused `[[ignore]]` entries; not a
    /// checked profile.
    pub is_config: bool,
}

/// A finding that a suppression silenced.
#[derive(Clone, Debug)]
pub struct SuppressedFinding {
    pub finding: Finding,
    pub by: suppress::SuppressedBy,
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Checked files, in the order their paths were given (directories walked in path order).
    pub files: Vec<FileReport>,
    /// Paths that could not be checked.
    pub errors: Vec<SourceError>,
    /// Files skipped while walking (binaries), one note each.
    pub notes: Vec<String>,
    /// Baseline entries that matched nothing (with `--baseline`), to prune.
    pub stale_baseline: Vec<baseline::StaleEntry>,
    /// Problems that did not stop the run (a corrupt link cache, rebuilt).
    pub warnings: Vec<String>,
    /// Counts of the link check, when one ran.
    pub link_stats: Option<links::LinkStats>,
}

/// Counts over a run, for the summary line and the JSON summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub citations: usize,
    pub footnotes: usize,
    pub findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Paths that could not be read or decoded.
    pub unreadable: usize,
    /// Files skipped while walking.
    pub skipped: usize,
    /// Findings silenced by a suppression comment or `[[ignore]]` entry.
    pub suppressed: usize,
    /// Findings the baseline absorbed.
    pub baselined: usize,
    /// Distinct URLs the link stage looked at (0 when offline).
    pub links: usize,
    /// HTTP requests the link stage sent.
    pub link_requests: u64,
    /// Distinct URLs answered from the cache.
    pub link_cache_hits: usize,
}

impl Outcome {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.files.iter().filter(|f| !f.is_config).count(),
            unreadable: self.errors.len(),
            skipped: self.notes.len(),
            ..Summary::default()
        };
        if let Some(links) = &self.link_stats {
            s.links = links.distinct_urls;
            s.link_requests = links.requests;
            s.link_cache_hits = links.cache_hits;
        }
        for file in &self.files {
            s.citations += file.citations;
            s.footnotes += file.footnotes;
            s.suppressed += file.suppressed.len();
            s.baselined += file.baselined;
            for f in &file.findings {
                s.findings += 1;
                match f.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                }
            }
        }
        s
    }

    /// Whether any finding is at or above `fail_on`.
    pub fn has_failures(&self, fail_on: Severity) -> bool {
        self.files.iter().flat_map(|f| &f.findings).any(|f| f.severity >= fail_on)
    }

    /// 2 when a path could not be checked, 1 when findings reach `fail_on`, else 0.
    pub fn exit_code(&self, fail_on: Severity) -> u8 {
        if !self.errors.is_empty() {
            2
        } else if self.has_failures(fail_on) {
            1
        } else {
            0
        }
    }
}

/// A parsed file, as the link stage sees it.
pub struct ParsedFile<'a> {
    pub path: &'a str,
    pub doc: Document<'a>,
}

/// Check files and directories (`-` is standard input). Every path is checked even when
/// others fail; failures land in [`Outcome::errors`].
///
/// Each file is read, parsed and checked by the document rules in one parallel pass that
/// keeps only findings, URLs and comments; then [`check_links`] sees every file's URLs
/// at once. Output order does not depend on
/// the parallelism.
pub fn check_paths(paths: &[PathBuf], settings: &Settings) -> Result<Outcome, config::ConfigError> {
    let stdin_name = settings.stdin_filename.as_deref().unwrap_or(source::STDIN_NAME);
    let collected = source::collect(paths, &settings.files, stdin_name).map_err(|e| {
        config::ConfigError::Glob { glob: e.glob().unwrap_or("").to_owned(), message: e.kind().to_string() }
    })?;
    let mut outcome = Outcome { errors: collected.errors, notes: collected.notes, ..Outcome::default() };
    let mut inputs = collected.inputs;
    if let Some(only) = &settings.only {
        inputs.retain(|input| match input {
            source::Input::File { path, .. } => path.canonicalize().is_ok_and(|p| only.contains(&p)),
            source::Input::Stdin { .. } => true,
        });
    }
    let ignores = suppress::IgnoreSet::new(settings.ignores.clone())?;

    // One pass per file: read, parse, run the rules, and keep only what later stages need
    // (findings, URLs for the link stage, comments for suppression, counts). The document
    // and its caches of dates, names and URLs are dropped as soon as the file is done, and
    // so is the text of a file nothing points into: memory holds the findings and the
    // sources they need, not every parsed document or source at once.
    let wants_urls = !settings.links.offline;
    let reads: Vec<(ReadResult, Option<Checked>)> = inputs
        .par_iter()
        .map(|input| {
            let mut read = source::read(input, settings.input_format);
            let checked = match &mut read {
                ReadResult::Loaded(l) => {
                    let c = check_loaded(l, settings, wants_urls);
                    if !settings.keep_sources
                        && c.findings.is_empty()
                        && c.comments.is_empty()
                        && c.urls.is_empty()
                    {
                        // Nothing will point into this text: free it now instead of holding
                        // every source of the run until the report.
                        l.source = String::new();
                    }
                    Some(c)
                }
                ReadResult::Skipped(_) | ReadResult::Failed(_) => None,
            };
            (read, checked)
        })
        .collect();
    let mut loaded = Vec::with_capacity(reads.len());
    let mut checked = Vec::with_capacity(reads.len());
    for read in reads {
        match read {
            (ReadResult::Loaded(l), c) => {
                loaded.push(l);
                checked.push(c.unwrap_or_default());
            }
            (ReadResult::Skipped(note), _) => outcome.notes.push(note),
            (ReadResult::Failed(e), _) => outcome.errors.push(e),
        }
    }

    let occurrences: Vec<Vec<document::urls::UrlOccurrence>> =
        checked.iter_mut().map(|c| std::mem::take(&mut c.urls)).collect();
    match check_links(&occurrences, settings) {
        Ok(stage) => {
            for (file, link_findings) in checked.iter_mut().zip(stage.findings) {
                file.findings.extend(link_findings);
            }
            outcome.warnings.extend(stage.warnings);
            outcome.link_stats = stage.stats;
        }
        // Links were not checked: say so and fail the run rather than present the
        // document findings as a complete check.
        Err(e) => outcome.errors.push(SourceError::Links { message: e.to_string() }),
    }
    drop(occurrences);
    let sorted: Vec<suppress::Suppressed> = loaded
        .par_iter()
        .zip(checked.par_iter_mut())
        .map(|(l, c)| {
            if c.findings.is_empty() && c.comments.is_empty() && ignores.is_empty() {
                // Nothing to suppress, no suppression comment to report as unused, and no
                // `[[ignore]]` entry to mark as in scope.
                return suppress::Suppressed::default();
            }
            // Suppression reads only the text and its comments.
            let doc = Document::new(
                &l.source,
                l.format,
                Vec::new(),
                Vec::new(),
                Vec::new(),
                Vec::new(),
                std::mem::take(&mut c.comments),
            );
            let p = ParsedFile { path: &l.path, doc };
            suppress_findings(&p, std::mem::take(&mut c.findings), &ignores, settings)
        })
        .collect();

    for ((l, sorted), c) in loaded.into_iter().zip(sorted).zip(checked) {
        outcome.files.push(FileReport {
            path: l.path,
            source: l.source,
            format: l.format,
            findings: sorted.kept,
            citations: c.citations,
            footnotes: c.footnotes,
            markers: c.markers,
            suppressed: sorted
                .suppressed
                .into_iter()
                .map(|(finding, by)| SuppressedFinding { finding, by })
                .collect(),
            baselined: 0,
            is_config: false,
        });
    }
    if let Some(config) = unused_ignores(&ignores, settings) {
        outcome.files.push(config);
    }
    Ok(outcome)
}

/// What the stages after the rules need of one file.
#[derive(Default)]
struct Checked {
    /// The document rules' findings (the link stage adds its own).
    findings: Vec<Finding>,
    /// The file's URLs for the link stage (empty when links are not checked).
    urls: Vec<document::urls::UrlOccurrence>,
    /// Where suppression comments may be.
    comments: Vec<document::Span>,
    citations: usize,
    footnotes: usize,
    /// Kept only for [`Settings::keep_sources`].
    markers: document::Markers,
}

/// Parse one loaded file and run the document rules on it; the document is dropped on
/// return.
fn check_loaded(l: &source::Loaded, settings: &Settings, wants_urls: bool) -> Checked {
    let doc = Document::parse(&l.source, l.format);
    let findings = rules::run(&doc, &settings.rule_settings, |r| settings.severity_of(r));
    let urls = if wants_urls { dated_urls(&doc) } else { Vec::new() };
    Checked {
        findings,
        urls,
        citations: doc.citations.len(),
        footnotes: doc.footnotes.len(),
        markers: if settings.keep_sources { doc.markers() } else { document::Markers::default() },
        comments: doc.comments,
    }
}

/// The document's URLs, each carrying the date of the footnote it is written in (the
/// note's first source date, `YYYYMMDD`): archive lookups pick the copy closest to it.
fn dated_urls(doc: &Document) -> Vec<document::urls::UrlOccurrence> {
    let mut urls = doc.urls().to_vec();
    if urls.iter().all(|u| u.footnote.is_none()) {
        return urls;
    }
    let dates = doc.dates();
    for occ in &mut urls {
        let Some(label) = &occ.footnote else { continue };
        let Some(pos) = doc.footnote_position(label) else { continue };
        if let Some(mention) = dates.notes.get(pos).and_then(|n| dates.source_dates(n).next()) {
            let d = mention.start;
            occ.date = Some(format!("{:04}{:02}{:02}", d.year, d.month.max(1), d.day.max(1)));
        }
    }
    urls
}

/// Sort one file's findings into kept and suppressed; its unused suppression comments
/// join the kept findings at the configured severity of `unused-suppression`.
fn suppress_findings(
    p: &ParsedFile,
    findings: Vec<Finding>,
    ignores: &suppress::IgnoreSet,
    settings: &Settings,
) -> suppress::Suppressed {
    let path = ignore_path(p.path, settings);
    let ran = |rule: &str| rules::lookup(rule).is_some_and(|r| settings.rule_ran(r));
    let mut sorted = suppress::apply_with(&p.doc, &path, findings, ignores, &ran);
    if let Some(severity) = settings.severity_of(&suppress::UNUSED_SUPPRESSION) {
        sorted.kept.extend(sorted.unused.drain(..).map(|f| Finding { severity, ..f }));
    }
    rules::sort_findings(&mut sorted.kept);
    sorted
}

/// The path `[[ignore]]` entries match: relative to the config file's directory when the
/// file lies under it (entries are written from there), else the path as reported.
fn ignore_path(path: &str, settings: &Settings) -> String {
    let Some(root) = &settings.files.root else { return path.to_owned() };
    let Ok(abs) = std::path::absolute(path) else { return path.to_owned() };
    match abs.strip_prefix(root) {
        Ok(rel) => rel.to_string_lossy().into_owned(),
        Err(_) => path.to_owned(),
    }
}

/// The config file as a report of its `[[ignore]]` entries that suppressed nothing, when
/// `unused-suppression` is on and there are any. Entries for rules that did not run are
/// not held against the config.
fn unused_ignores(ignores: &suppress::IgnoreSet, settings: &Settings) -> Option<FileReport> {
    let severity = settings.severity_of(&suppress::UNUSED_SUPPRESSION)?;
    let source = settings.config_source.as_ref()?;
    let mut findings: Vec<Finding> = ignores
        .unused(settings.scope)
        .into_iter()
        .filter(|u| rules::lookup(&u.entry.rule).is_some_and(|r| settings.rule_ran(r)))
        .map(|u| {
            let span = source.ignore_spans.get(u.index).cloned().unwrap_or(0..0);
            Finding { severity, ..u.to_finding(span) }
        })
        .collect();
    if findings.is_empty() {
        return None;
    }
    rules::sort_findings(&mut findings);
    Some(FileReport {
        path: source.path.clone(),
        source: source.text.clone(),
        format: Format::Text,
        findings,
        citations: 0,
        footnotes: 0,
        markers: document::Markers::default(),
        suppressed: Vec::new(),
        baselined: 0,
        is_config: true,
    })
}

/// What the link stage adds to a run.
#[derive(Debug, Default)]
pub struct LinkStage {
    /// Link findings per parsed file, in the files' order (unsorted).
    pub findings: Vec<Vec<Finding>>,
    /// Problems worth telling that did not stop the check (a corrupt cache rebuilt).
    pub warnings: Vec<String>,
    /// Counts of the check, when one ran.
    pub stats: Option<links::LinkStats>,
}

/// The link stage: every URL of every file (`occurrences`, one list per file, in the
/// files' order), checked once per run, turned into findings at each place it occurs. Rules of [`rules::Scope::Links`] get their severity
/// from `settings.severity_of`; `settings.links` says how (and whether) to check.
/// `--offline`, or every link rule turned off, sends no request.
pub fn check_links(
    occurrences: &[Vec<document::urls::UrlOccurrence>],
    settings: &Settings,
) -> Result<LinkStage, links::LinkError> {
    let none = || LinkStage { findings: vec![Vec::new(); occurrences.len()], ..LinkStage::default() };
    if settings.links.offline || occurrences.iter().all(Vec::is_empty) {
        return Ok(none());
    }
    let run = links::check_links(occurrences, &settings.links.check, |r| settings.severity_of(r))?;
    Ok(LinkStage { findings: run.findings_per_file, warnings: run.warnings, stats: Some(run.stats) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(name: &str) -> &'static RuleInfo {
        rules::lookup(name).unwrap()
    }

    #[test]
    fn rules_run_at_default_severity_unless_configured() {
        let mut s = Settings::default();
        assert_eq!(s.severity_of(info("unused-footnote")), Some(Severity::Warning));
        s.levels.insert("unused-footnote", None);
        assert_eq!(s.severity_of(info("unused-footnote")), None);
        s.levels.insert("missing-footnote", Some(Severity::Info));
        assert_eq!(s.severity_of(info("missing-footnote")), Some(Severity::Info));
    }

    #[test]
    fn select_limits_rules_and_overrides_config_off() {
        let mut s = Settings::default();
        s.levels.insert("unused-footnote", None);
        s.select = Some(vec!["unused-footnote"]);
        assert_eq!(s.severity_of(info("unused-footnote")), Some(Severity::Warning));
        assert_eq!(s.severity_of(info("missing-footnote")), None);
    }

    #[test]
    fn ignore_wins_over_select() {
        let s = Settings {
            select: Some(vec!["missing-footnote"]),
            ignore: vec!["missing-footnote"],
            ..Settings::default()
        };
        assert_eq!(s.severity_of(info("missing-footnote")), None);
    }

    #[test]
    fn lint_str_reports_sorted_findings() {
        let text = "T\n\nSaid.[2] And.[1]\n\n[1] A, 2020.\n\n[3] B, 2021.\n";
        let found = lint_str(text, Format::Text, &Settings::default());
        let starts: Vec<usize> = found.iter().map(|f| f.span.start).collect();
        let mut sorted = starts.clone();
        sorted.sort();
        assert_eq!(starts, sorted);
        assert!(found.iter().any(|f| f.rule == "missing-footnote"));
        assert!(found.iter().any(|f| f.rule == "unused-footnote"));
    }

    #[test]
    fn only_files_with_findings_keep_their_text_unless_every_source_is_asked_for() {
        let dir = tempfile::tempdir().unwrap();
        let clean = "T\n\nSaid.[1]\n\n[1] A, 2020.\n";
        let broken = "T\n\nSaid.[2]\n\n[1] A, 2020.\n";
        std::fs::write(dir.path().join("a-clean.txt"), clean).unwrap();
        std::fs::write(dir.path().join("b-broken.txt"), broken).unwrap();
        let sources = |settings: &Settings| -> Vec<String> {
            let outcome = check_paths(&[dir.path().to_path_buf()], settings).unwrap();
            outcome.files.into_iter().map(|f| f.source).collect()
        };
        let mut settings = Settings::default();
        assert_eq!(sources(&settings), ["", broken]);
        settings.keep_sources = true;
        assert_eq!(sources(&settings), [clean, broken]);
    }

    #[test]
    fn exit_code_prefers_usage_errors_then_failures() {
        let mut o = Outcome::default();
        assert_eq!(o.exit_code(Severity::Warning), 0);
        o.files.push(FileReport {
            path: "a.txt".into(),
            source: String::new(),
            format: Format::Text,
            findings: vec![Finding {
                rule: "unused-footnote",
                severity: Severity::Warning,
                span: 0..0,
                message: String::new(),
                help: None,
                note: None,
                related: Vec::new(),
            }],
            citations: 0,
            footnotes: 0,
            markers: document::Markers::default(),
            suppressed: Vec::new(),
            baselined: 0,
            is_config: false,
        });
        assert_eq!(o.exit_code(Severity::Warning), 1);
        assert_eq!(o.exit_code(Severity::Error), 0);
        o.errors.push(SourceError::NotFound { path: "b.txt".into() });
        assert_eq!(o.exit_code(Severity::Error), 2);
    }
}
