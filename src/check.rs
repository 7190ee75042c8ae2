//! The check pipeline, as named stages:
//!
//! ```text
//! collect ─▶ per file, in parallel: read ─▶ parse ─▶ rules     (keeps only what later stages need)
//!         ─▶ links (every URL of every file, each distinct one checked once)
//!         ─▶ suppress (comments, [[ignore]] entries) ─▶ baseline ─▶ outcome
//! ```
//!
//! [`run`] drives them; each stage is a function whose arguments and result say what
//! flows between them. What the user asked for is a [`config::Options`]; what this run
//! covers and keeps is a [`Plan`]. Output order never depends on the parallelism: files
//! keep the order of their paths, findings are sorted by position.

use std::collections::HashSet;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::baseline::{Baseline, StaleEntry};
use crate::config::{ConfigError, ConfigSource, Options};
use std::sync::Arc;

use crate::document::readers::{self, Places, ReadError, View};
use crate::document::urls::UrlOccurrence;
use crate::document::{Document, Format, Markers, Span};
use crate::links;
use crate::rules::{self, Finding, Severity, UnusedSuppression};
use crate::source::{self, Input, ReadResult, SourceError, StaleScope};
use crate::sources::ReadingCache;
use crate::sources::claims::FileClaims;
use crate::sources::reader::Verifier;
use crate::sources::verify::Questions;
use crate::suppress::{self, IgnoreSet, SuppressedBy};

/// What a run covers and keeps, apart from the user's options: the paths, the files a
/// `--changed-since` narrows them to, the baseline, the config file to report unused
/// `[[ignore]]` entries in.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    /// Files and directories to check (`-` is standard input).
    pub paths: Vec<PathBuf>,
    /// `--changed-since`: check only these files (canonical paths) among those the paths
    /// name or a walk finds.
    pub only: Option<HashSet<PathBuf>>,
    /// Whether this run covers the whole collection (only then is an `[[ignore]]` or
    /// baseline entry whose file was not checked reported as stale) or only some files.
    pub scope: StaleScope,
    /// Keep the text and markers of every checked file (the HTML report shows every
    /// file). Otherwise a file keeps its text only when a finding, a suppression or a
    /// link points into it.
    pub keep_sources: bool,
    /// The config file, where unused `[[ignore]]` entries are reported.
    pub config_file: Option<ConfigSource>,
    /// `--baseline`: findings it records are moved out of the report.
    pub baseline: Option<Baseline>,
}

impl Plan {
    /// A plan that checks `paths` and keeps nothing extra.
    pub fn new(paths: Vec<PathBuf>) -> Plan {
        Plan { paths, ..Plan::default() }
    }
}

/// One checked file.
#[derive(Debug)]
pub struct FileReport {
    /// The path as given (or found by walking), or the stdin name.
    pub path: String,
    /// The text findings point into (the file's own text; for a rendered format its
    /// markup, or the rendered text where there is nothing else to show); empty for a
    /// file nothing points into unless [`Plan::keep_sources`] is set.
    pub source: String,
    pub format: Format,
    /// The paragraph and note of each part of `source`, for formats whose lines mean
    /// little to an editor (Word); empty otherwise.
    pub places: Places,
    /// Sorted by position.
    pub findings: Vec<Finding>,
    pub citations: usize,
    pub footnotes: usize,
    /// The citation and footnote markers, kept with [`Plan::keep_sources`] (the HTML
    /// report links them); empty otherwise.
    pub markers: Markers,
    /// Findings a suppression comment or `[[ignore]]` entry silenced, with the reason.
    pub suppressed: Vec<SuppressedFinding>,
    /// Findings the baseline absorbed.
    pub baselined: Vec<Finding>,
    /// This is the config file, reported for its unused `[[ignore]]` entries; not a
    /// checked profile.
    pub is_config: bool,
}

/// A finding that a suppression silenced.
#[derive(Clone, Debug)]
pub struct SuppressedFinding {
    pub finding: Finding,
    pub by: SuppressedBy,
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
    /// Baseline entries that matched nothing (with a baseline), to prune.
    pub stale_baseline: Vec<StaleEntry>,
    /// Problems that did not stop the run (a corrupt link cache, rebuilt).
    pub warnings: Vec<String>,
    /// Counts of the link check, when one ran.
    pub link_stats: Option<links::LinkStats>,
    /// Counts of source verification, when it ran.
    pub source_stats: Option<SourceStats>,
}

/// What source verification did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SourceStats {
    /// Distinct sources with something to verify.
    pub sources: usize,
    /// Of them, answered from the cache of earlier readings.
    pub cached: usize,
    /// Pages read whole (live pages and archived copies).
    pub pages_read: usize,
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
    /// Distinct sources verified (`--verify-sources`; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sources_verified: Option<usize>,
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
        s.sources_verified = self.source_stats.map(|v| v.sources);
        for file in &self.files {
            s.citations += file.citations;
            s.footnotes += file.footnotes;
            s.suppressed += file.suppressed.len();
            s.baselined += file.baselined.len();
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

    /// The baseline that records every finding of this run, the ones a baseline absorbed
    /// included. With [`StaleScope::CheckedFiles`] the entries `previous` holds for files
    /// this run did not check are kept.
    pub fn to_baseline(&self, previous: Option<&Baseline>, scope: StaleScope) -> Baseline {
        let everything: Vec<Vec<Finding>> =
            self.files.iter().map(|f| f.findings.iter().chain(&f.baselined).cloned().collect()).collect();
        let current = Baseline::from_parts(
            self.files
                .iter()
                .zip(&everything)
                .map(|(f, all)| (f.path.as_str(), f.source.as_str(), all.as_slice())),
        );
        match (previous, scope) {
            (Some(previous), StaleScope::CheckedFiles) => {
                current.with_unchecked_from(previous, self.files.iter().map(|f| f.path.as_str()))
            }
            _ => current,
        }
    }
}

/// Lint one source string with the document rules. Findings come sorted by position.
pub fn lint_str(text: &str, format: Format, options: &Options) -> Vec<Finding> {
    rules(&parse(text, format), options)
}

/// Check the plan's files and directories. Every path is checked even when others fail;
/// failures land in [`Outcome::errors`]. Fails only on a configuration the run cannot
/// use (an invalid glob or `[[ignore]]` entry).
pub fn run(plan: &Plan, options: &Options) -> Result<Outcome, ConfigError> {
    let ignores = IgnoreSet::new(options.ignores.clone())?;
    let (inputs, mut outcome) = collect(plan, options)?;

    // One pass per file: read, open, parse, run the rules, and keep only what later
    // stages need. The document and its caches of dates, names and URLs are dropped as
    // soon as the file is done, and so is the text of a file nothing points into: memory
    // holds the findings and the sources they need, not every parsed document at once.
    let reads: Vec<Result<(Opened, Checked), NotChecked>> =
        inputs.par_iter().map(|input| check_file(input, options, plan)).collect();
    let mut files = Vec::with_capacity(reads.len());
    for read in reads {
        match read {
            Ok(file) => files.push(file),
            Err(NotChecked::Skipped(note)) => outcome.notes.push(note),
            Err(NotChecked::Failed(e)) => outcome.errors.push(e),
        }
    }

    let urls: Vec<Vec<UrlOccurrence>> = files.iter_mut().map(|(_, c)| std::mem::take(&mut c.urls)).collect();
    let claims: Vec<FileClaims> = files.iter_mut().map(|(_, c)| std::mem::take(&mut c.claims)).collect();
    match check_links(&urls, &claims, options) {
        Ok(stage) => {
            for ((_, checked), found) in files.iter_mut().zip(stage.findings) {
                checked.findings.extend(found);
            }
            outcome.warnings.extend(stage.warnings);
            outcome.link_stats = stage.stats;
            outcome.source_stats = stage.sources;
        }
        // Links were not checked: say so and fail the run rather than present the
        // document findings as a complete check.
        Err(e) => outcome.errors.push(SourceError::Links { message: e.to_string() }),
    }
    drop((urls, claims));

    let sorted: Vec<suppress::Suppressed> = files
        .par_iter_mut()
        .map(|(file, checked)| suppress_findings(file, checked, &ignores, options))
        .collect();
    let mut reports: Vec<FileReport> = files
        .into_iter()
        .zip(sorted)
        .map(|((file, checked), sorted)| report(file, checked, sorted))
        .collect();
    if let Some(b) = &plan.baseline {
        outcome.stale_baseline = apply_baseline(&mut reports, b, plan.scope);
    }
    outcome.files = reports;
    if let Some(config) = unused_ignores(&ignores, options, plan) {
        outcome.files.push(config);
    }
    Ok(outcome)
}

/// Stage "collect": the inputs the plan's paths name or a walk finds (narrowed to the
/// changed files), and an outcome holding the paths that failed and the files skipped.
pub fn collect(plan: &Plan, options: &Options) -> Result<(Vec<Input>, Outcome), ConfigError> {
    let stdin_name = options.stdin_filename.as_deref().unwrap_or(source::STDIN_NAME);
    let collected = source::collect(&plan.paths, &options.files, stdin_name).map_err(|e| {
        ConfigError::Glob { glob: e.glob().unwrap_or("").to_owned(), message: e.kind().to_string() }
    })?;
    let mut inputs = collected.inputs;
    if let Some(only) = &plan.only {
        inputs.retain(|input| match input {
            Input::File { path, .. } => path.canonicalize().is_ok_and(|p| only.contains(&p)),
            Input::Stdin { .. } => true,
        });
    }
    let outcome = Outcome { errors: collected.errors, notes: collected.notes, ..Outcome::default() };
    Ok((inputs, outcome))
}

/// Stages "read", "open", "parse" and "rules" for one file: what later stages need of
/// it, or why it was skipped or failed.
fn check_file(input: &Input, options: &Options, plan: &Plan) -> Result<(Opened, Checked), NotChecked> {
    let loaded = match source::read(input, options.input_format) {
        ReadResult::Loaded(loaded) => loaded,
        ReadResult::Skipped(note) => return Err(NotChecked::Skipped(note)),
        ReadResult::Failed(e) => return Err(NotChecked::Failed(e)),
    };
    let view = open(loaded.bytes, loaded.format, &loaded.path).map_err(NotChecked::Failed)?;
    let doc = view.document();
    let mut checked = Checked::of(&doc, rules(&doc, options), options.links.is_some(), plan.keep_sources);
    if options.links.is_some() && options.sources.is_some() {
        checked.claims = FileClaims::of(&doc);
    }
    drop(doc);
    checked.move_to_source(&view);
    let places = view.places();
    let keep = plan.keep_sources || !checked.points_nowhere();
    // Nothing will point into this text: free it now instead of holding every source of
    // the run until the report.
    let source = if keep { view.source } else { String::new() };
    Ok((Opened { path: loaded.path, format: loaded.format, source, places }, checked))
}

/// Stage "open": a file's bytes as the reader of `format` opens them (decoded, and
/// rendered for formats whose text is markup or packed).
pub fn open(bytes: Vec<u8>, format: Format, path: &str) -> Result<View, SourceError> {
    readers::open(bytes, format).map_err(|e| {
        let path = path.to_owned();
        match e {
            ReadError::Decode { offset, line, encoding: "UTF-8" } => {
                SourceError::InvalidUtf8 { path, offset, line }
            }
            ReadError::Decode { offset, line, encoding } => {
                SourceError::Undecodable { path, encoding, offset, line }
            }
            ReadError::Unreadable(reason) => SourceError::Unreadable { path, format: format.name(), reason },
        }
    })
}

/// Stage "parse": the document a text makes, read with the reader of a text `format`
/// ([`View::document`] gives any file's).
pub fn parse(text: &str, format: Format) -> Document<'_> {
    Document::parse(text, format)
}

/// Why a file went no further than reading.
enum NotChecked {
    /// A binary file met while walking, with the note to show.
    Skipped(String),
    Failed(SourceError),
}

/// A file as the stages after the rules see it.
struct Opened {
    path: String,
    format: Format,
    /// The text findings point into; emptied when nothing does.
    source: String,
    places: Places,
}

/// Stage "rules": the findings of every document rule the options turn on, sorted.
pub fn rules(doc: &Document, options: &Options) -> Vec<Finding> {
    rules::run(doc, &options.rules, |r| options.severity_of(r))
}

/// What the stages after the rules need of one file.
#[derive(Default)]
struct Checked {
    /// The document rules' findings (the link stage adds its own).
    findings: Vec<Finding>,
    /// The file's URLs for the link stage (empty when links are not checked).
    urls: Vec<UrlOccurrence>,
    /// Where suppression comments may be.
    comments: Vec<Span>,
    citations: usize,
    footnotes: usize,
    /// Kept only for [`Plan::keep_sources`].
    markers: Markers,
    /// What the file claims about its sources (only with `--verify-sources`).
    claims: FileClaims,
}

impl Checked {
    fn of(doc: &Document, findings: Vec<Finding>, wants_urls: bool, keep_markers: bool) -> Checked {
        Checked {
            findings,
            urls: if wants_urls { doc.dated_urls() } else { Vec::new() },
            comments: doc.comments.clone(),
            citations: doc.citations.len(),
            footnotes: doc.footnotes.len(),
            markers: if keep_markers { doc.markers() } else { Markers::default() },
            claims: FileClaims::default(),
        }
    }

    /// Move every span from the document's text to the file's (see [`View::to_source`]).
    fn move_to_source(&mut self, view: &View) {
        if !view.is_mapped() {
            return;
        }
        for f in &mut self.findings {
            f.span = view.to_source(f.span.clone());
            for r in &mut f.related {
                r.span = view.to_source(r.span.clone());
            }
        }
        for u in &mut self.urls {
            u.span = view.to_source(u.span.clone());
        }
        for (span, _) in self.markers.citations.iter_mut().chain(&mut self.markers.footnotes) {
            *span = view.to_source(span.clone());
        }
        self.claims.move_spans(|span| view.to_source(span));
    }

    /// Whether no later stage will point into the file's text.
    fn points_nowhere(&self) -> bool {
        self.findings.is_empty() && self.comments.is_empty() && self.urls.is_empty() && self.claims.is_empty()
    }
}

/// What the link stage adds to a run.
#[derive(Debug, Default)]
pub struct LinkStage {
    /// Link findings per file, in the files' order (unsorted).
    pub findings: Vec<Vec<Finding>>,
    /// Problems worth telling that did not stop the check (a corrupt cache rebuilt).
    pub warnings: Vec<String>,
    /// Counts of the check, when one ran.
    pub stats: Option<links::LinkStats>,
    /// Counts of source verification, when it ran.
    pub sources: Option<SourceStats>,
}

/// Stage "links" (and "sources"): every URL of every file (`urls`, one list per file,
/// in the files' order), each distinct one checked once, and the link rules' findings
/// at each place it is written. With `--verify-sources`, the request that checks a
/// cited source's URL also reads its page (or its archived copy when it is gone), and
/// what the files claim about it (`claims`, parallel to `urls`) is checked against it:
/// the source rules' findings join the link rules'. `--offline`, or every link and
/// source rule turned off, sends no request.
pub fn check_links(
    urls: &[Vec<UrlOccurrence>],
    claims: &[FileClaims],
    options: &Options,
) -> Result<LinkStage, links::LinkError> {
    let none = || LinkStage { findings: vec![Vec::new(); urls.len()], ..LinkStage::default() };
    let Some(settings) = &options.links else { return Ok(none()) };
    let severities = rules::links::Severities::new(&|r| options.severity_of(r));
    let source_severities = rules::sources::Severities::new(&|r| options.severity_of(r));
    let verify = options.sources.as_ref().filter(|_| source_severities.any());
    if !(severities.any() || verify.is_some()) || urls.iter().all(Vec::is_empty) {
        return Ok(none());
    }
    let verifier = verify.map(|v| {
        let mut questions = std::collections::BTreeMap::new();
        for file in claims {
            for (key, q) in file.questions() {
                questions.entry(key).or_insert_with(Questions::default).merge(q);
            }
        }
        let cache = ReadingCache::beside(settings.cache_path.as_deref(), settings.max_age.alive);
        Arc::new(Verifier::new(questions, cache, v.limits.clone()))
    });
    let cached = verifier.as_ref().map_or(0, |v| v.answered());
    let reader = verifier.clone().map(|v| v as Arc<dyn links::PageReader>);
    let run = links::check(urls, settings, reader)?;
    let mut findings = rules::links::findings(urls, &run, &severities);
    let mut warnings = run.warnings;
    let mut sources = None;
    if let Some(verifier) = verifier {
        let questions = verifier.questions_asked();
        let (answers, problems) = verifier.finish();
        warnings.extend(problems);
        for (found, file) in findings.iter_mut().zip(claims) {
            found.extend(rules::sources::findings(file, &answers, &source_severities));
        }
        sources = Some(SourceStats { sources: questions, cached, pages_read: run.stats.pages_read });
    }
    Ok(LinkStage { findings, warnings, stats: Some(run.stats), sources })
}

/// Stage "suppress": sort one file's findings into kept and suppressed; its unused
/// suppression comments join the kept findings at the configured severity of
/// `unused-suppression`.
fn suppress_findings(
    file: &Opened,
    checked: &mut Checked,
    ignores: &IgnoreSet,
    options: &Options,
) -> suppress::Suppressed {
    let findings = std::mem::take(&mut checked.findings);
    if findings.is_empty() && checked.comments.is_empty() && ignores.is_empty() {
        // Nothing to suppress, no suppression comment to report as unused, and no
        // `[[ignore]]` entry to mark as in scope.
        return suppress::Suppressed::default();
    }
    let path = ignore_path(&file.path, options);
    let ran = |rule: &str| rules::lookup(rule).is_some_and(|r| options.rule_ran(r));
    let mut sorted = suppress::apply(&file.source, &checked.comments, &path, findings, ignores, &ran);
    if let Some(severity) = options.severity_of(&UnusedSuppression::INFO) {
        sorted.kept.extend(sorted.unused.drain(..).map(|f| Finding { severity, ..f }));
    }
    rules::sort_findings(&mut sorted.kept);
    sorted
}

/// The path `[[ignore]]` entries match: relative to the config file's directory when the
/// file lies under it (entries are written from there), else the path as reported.
fn ignore_path(path: &str, options: &Options) -> String {
    let Some(root) = &options.files.root else { return path.to_owned() };
    let Ok(abs) = std::path::absolute(path) else { return path.to_owned() };
    match abs.strip_prefix(root) {
        Ok(rel) => rel.to_string_lossy().into_owned(),
        Err(_) => path.to_owned(),
    }
}

/// Stage "baseline": move the findings `baseline` records out of each file's findings,
/// and list the entries that matched nothing.
pub fn apply_baseline(files: &mut [FileReport], baseline: &Baseline, scope: StaleScope) -> Vec<StaleEntry> {
    let mut remaining = baseline.remaining();
    for file in files {
        file.baselined = remaining.take_known(&file.path, &file.source, &mut file.findings);
    }
    remaining.stale(scope)
}

/// Stage "outcome": one file's report from what the stages made of it.
fn report(file: Opened, checked: Checked, sorted: suppress::Suppressed) -> FileReport {
    FileReport {
        path: file.path,
        source: file.source,
        format: file.format,
        places: file.places,
        findings: sorted.kept,
        citations: checked.citations,
        footnotes: checked.footnotes,
        markers: checked.markers,
        suppressed: sorted
            .suppressed
            .into_iter()
            .map(|(finding, by)| SuppressedFinding { finding, by })
            .collect(),
        baselined: Vec::new(),
        is_config: false,
    }
}

/// The config file as a report of its `[[ignore]]` entries that suppressed nothing, when
/// `unused-suppression` is on and there are any. Entries for rules that did not run are
/// not held against the config.
fn unused_ignores(ignores: &IgnoreSet, options: &Options, plan: &Plan) -> Option<FileReport> {
    let severity = options.severity_of(&UnusedSuppression::INFO)?;
    let config = plan.config_file.as_ref()?;
    let mut findings: Vec<Finding> = ignores
        .unused(plan.scope)
        .into_iter()
        .filter(|u| rules::lookup(&u.entry.rule).is_some_and(|r| options.rule_ran(r)))
        .map(|u| {
            let span = config.ignore_spans.get(u.index).cloned().unwrap_or(0..0);
            Finding { severity, ..u.to_finding(span) }
        })
        .collect();
    if findings.is_empty() {
        return None;
    }
    rules::sort_findings(&mut findings);
    Some(FileReport {
        path: config.path.clone(),
        source: config.text.clone(),
        format: Format::Text,
        places: Places::default(),
        findings,
        citations: 0,
        footnotes: 0,
        markers: Markers::default(),
        suppressed: Vec::new(),
        baselined: Vec::new(),
        is_config: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lint_str_reports_sorted_findings() {
        let text = "T\n\nSaid.[2] And.[1]\n\n[1] A, 2020.\n\n[3] B, 2021.\n";
        let found = lint_str(text, Format::Text, &Options::default());
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
        let sources = |plan: &Plan| -> Vec<String> {
            let outcome = run(plan, &Options::default()).unwrap();
            outcome.files.into_iter().map(|f| f.source).collect()
        };
        let mut plan = Plan::new(vec![dir.path().to_path_buf()]);
        assert_eq!(sources(&plan), ["", broken]);
        plan.keep_sources = true;
        assert_eq!(sources(&plan), [clean, broken]);
    }

    #[test]
    fn a_baseline_moves_the_findings_it_records_out_of_the_report() {
        let dir = tempfile::tempdir().unwrap();
        let broken = "T\n\nSaid.[2]\n\n[1] A, 2020.\n";
        std::fs::write(dir.path().join("a.txt"), broken).unwrap();
        let mut plan = Plan::new(vec![dir.path().join("a.txt")]);
        let options = Options { links: None, ..Options::default() };
        let before = run(&plan, &options).unwrap();
        let rules: Vec<&str> = before.files[0].findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["missing-footnote", "unused-footnote"]);
        plan.baseline = Some(before.to_baseline(None, plan.scope));
        let after = run(&plan, &options).unwrap();
        assert!(after.files[0].findings.is_empty());
        assert_eq!(after.files[0].baselined.len(), 2);
        assert_eq!(after.summary().baselined, 2);
        // Recording again keeps what the baseline absorbed.
        assert_eq!(after.to_baseline(None, plan.scope), before.to_baseline(None, plan.scope));
    }

    #[test]
    fn exit_code_prefers_usage_errors_then_failures() {
        let mut o = Outcome::default();
        assert_eq!(o.exit_code(Severity::Warning), 0);
        o.files.push(FileReport {
            path: "a.txt".into(),
            source: String::new(),
            format: Format::Text,
            places: Places::default(),
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
            markers: Markers::default(),
            suppressed: Vec::new(),
            baselined: Vec::new(),
            is_config: false,
        });
        assert_eq!(o.exit_code(Severity::Warning), 1);
        assert_eq!(o.exit_code(Severity::Error), 0);
        o.errors.push(SourceError::NotFound { path: "b.txt".into() });
        assert_eq!(o.exit_code(Severity::Error), 2);
    }
}
