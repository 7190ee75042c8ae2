//! `citelint.toml`: discovery, the schema (unknown keys are errors, shown at their span),
//! and [`Options`], what the user asked for: the config file with the command line's
//! flags laid over it.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use miette::{Diagnostic, NamedSource, SourceSpan};
use serde::Deserialize;
use serde::de::{self, Deserializer};
use thiserror::Error;

use crate::document::Format;
use crate::links::LinkSettings;
use crate::rules::{self, RuleInfo, RuleSettings, Scope, Severity};
use crate::source::FileFilter;
use crate::suppress::{IgnoreEntry, IgnoreError, IgnoreSet};

mod links;
mod sources;
mod template;
pub use links::{AbsoluteUrl, HumanDuration, LinkConfig, UrlPattern};
pub use sources::{ByteSize, SourceConfig, SourceSettings};
pub use template::template;

/// What the user asked for: the config file, then the command line over it.
#[derive(Clone, Debug)]
pub struct Options {
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
    /// Read every source with this reader instead of the one its name implies.
    pub input_format: Option<Format>,
    /// The name standard input is shown (and its format chosen) by.
    pub stdin_filename: Option<String>,
    /// Options rules read (`[names]`).
    pub rules: RuleSettings,
    /// How links are checked; `None` is `--offline`: no request at all.
    pub links: Option<LinkSettings>,
    /// How sources are verified (`--verify-sources`); `None`: not at all. Never without
    /// links: verification reads the pages the link check fetches.
    pub sources: Option<SourceSettings>,
    /// Which files a directory walk picks up.
    pub files: FileFilter,
    /// `[[ignore]]` entries of the config file.
    pub ignores: Vec<IgnoreEntry>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            levels: HashMap::new(),
            select: None,
            ignore: Vec::new(),
            fail_on: Severity::Warning,
            input_format: None,
            stdin_filename: None,
            rules: RuleSettings::default(),
            links: Some(LinkSettings::default()),
            sources: None,
            files: FileFilter::default(),
            ignores: Vec::new(),
        }
    }
}

impl Options {
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
        let stage_ran = match rule.scope {
            Scope::Links => self.links.is_some(),
            Scope::Sources => self.links.is_some() && self.sources.is_some(),
            Scope::Document | Scope::Suppressions => true,
        };
        self.severity_of(rule).is_some() && stage_ran
    }
}

/// The file name looked for in the current directory and its parents.
pub const FILE_NAME: &str = "citelint.toml";

/// A configuration that could not be used.
#[derive(Debug, Error, Diagnostic)]
pub enum ConfigError {
    #[error("cannot read config {path}: {source}")]
    #[diagnostic(code(citelint::config))]
    Read {
        path: String,
        #[source]
        source: std::io::Error,
    },

    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(Box<InvalidConfig>),

    #[error(transparent)]
    #[diagnostic(transparent)]
    Ignore(#[from] IgnoreError),

    #[error("invalid glob `{glob}`: {message}")]
    #[diagnostic(code(citelint::config), help("globs use `*`, `**`, `?`, `[ab]` and `{{a,b}}`"))]
    Glob { glob: String, message: String },
}

/// A config file that does not match the schema, shown at the offending span.
#[derive(Debug, Error, Diagnostic)]
#[error("invalid config {path}: {message}")]
#[diagnostic(code(citelint::config))]
pub struct InvalidConfig {
    pub path: String,
    pub message: String,
    #[source_code]
    pub src: NamedSource<String>,
    #[label("{message}")]
    pub span: Option<SourceSpan>,
    #[help]
    pub help: Option<String>,
}

/// How a rule is configured: off, or on at a severity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A rule name checked against the registry while the config is read, so a typo is
/// reported at its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct RuleName(pub &'static str);

impl<'de> Deserialize<'de> for RuleName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        parse_rule_name(&name).map_err(de::Error::custom)
    }
}

/// Look up a rule by name; the error says which rule was probably meant.
pub fn parse_rule_name(name: &str) -> Result<RuleName, String> {
    match rules::lookup(name) {
        Some(info) => Ok(RuleName(info.name)),
        None => Err(rules::unknown_rule_message(name)),
    }
}

/// `[files]`
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilesConfig {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// `[names]`
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamesConfig {
    /// Groups of spellings that are all acceptable.
    #[serde(default)]
    pub accept: Vec<Vec<String>>,
    /// Preferred spellings.
    #[serde(default)]
    pub canonical: Vec<String>,
}

/// The whole of `citelint.toml`.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Per-rule level: `"off"`, `"info"`, `"warning"` or `"error"`.
    #[serde(default)]
    pub rules: BTreeMap<RuleName, Level>,
    #[serde(default)]
    pub files: FilesConfig,
    #[serde(default)]
    pub names: NamesConfig,
    #[serde(default)]
    pub links: LinkConfig,
    #[serde(default)]
    pub sources: SourceConfig,
    /// `[[ignore]]` entries, with their place in the file so an unused one is reported there.
    #[serde(default)]
    pub ignore: Vec<toml::Spanned<IgnoreEntry>>,
}

/// The text of the config file, kept to report `[[ignore]]` entries that suppress nothing
/// at their place in it.
#[derive(Clone, Debug, Default)]
pub struct ConfigSource {
    /// The path as errors show it.
    pub path: String,
    pub text: String,
    /// Each `[[ignore]]` entry's span in `text`.
    pub ignore_spans: Vec<std::ops::Range<usize>>,
}

/// A config file read from disk, with the directory it applies to.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub file: ConfigFile,
    /// Where the file was found (None: no file, defaults apply).
    pub path: Option<PathBuf>,
    /// The file's text and shown path (None: no file).
    pub source: Option<ConfigSource>,
}

impl Config {
    /// Parse config text; errors carry the span of the offending key or value.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|e| {
            let message = e.message().trim().to_owned();
            let help = message.starts_with("unknown field").then(|| {
                "citelint.toml has the tables [rules], [files], [names], [links], [sources] and [[ignore]]".to_owned()
            });
            invalid(path, text, message, e.span(), help)
        })?;
        // Rules and path globs of `[[ignore]]` are checked here, so a mistake is shown at
        // its entry like any other config error.
        for entry in &file.ignore {
            if let Err(e) = IgnoreSet::new(vec![entry.get_ref().clone()]) {
                let help = match &e {
                    IgnoreError::UnknownRule { rule, .. } => Some(rules::unknown_rule_message(rule)),
                    IgnoreError::BadPath { source, .. } => Some(source.kind().to_string()),
                };
                let message = match e {
                    IgnoreError::UnknownRule { rule, .. } => format!("[[ignore]]: unknown rule `{rule}`"),
                    IgnoreError::BadPath { pattern, .. } => {
                        format!("[[ignore]]: invalid path pattern `{pattern}`")
                    }
                };
                return Err(invalid(path, text, message, Some(entry.span()), help));
            }
        }
        let source = ConfigSource {
            path: path.display().to_string(),
            text: text.to_owned(),
            ignore_spans: file.ignore.iter().map(|e| e.span()).collect(),
        };
        Ok(Config { file, path: Some(path.to_path_buf()), source: Some(source) })
    }

    /// Read the file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| ConfigError::Read { path: path.display().to_string(), source })?;
        Config::parse(&text, path)
    }

    /// The nearest `citelint.toml` in `start` or its parents; defaults when none exists.
    pub fn discover(start: &Path) -> Result<Config, ConfigError> {
        for dir in start.ancestors() {
            let candidate = dir.join(FILE_NAME);
            if candidate.is_file() {
                // Errors show it relative to where the search started, as checked paths are.
                let shown = candidate.strip_prefix(start).unwrap_or(&candidate);
                let text = std::fs::read_to_string(&candidate)
                    .map_err(|source| ConfigError::Read { path: shown.display().to_string(), source })?;
                let mut config = Config::parse(&text, shown)?;
                config.path = Some(candidate);
                return Ok(config);
            }
        }
        Ok(Config::default())
    }

    /// Options from this file alone; the command line adjusts them afterwards.
    pub fn into_options(self) -> Result<Options, ConfigError> {
        let ConfigFile { rules, files, names, links, sources, ignore } = self.file;
        for glob in files.include.iter().chain(&files.exclude) {
            globset::Glob::new(glob)
                .map_err(|e| ConfigError::Glob { glob: glob.clone(), message: e.kind().to_string() })?;
        }
        let root = self.path.as_deref().and_then(Path::parent).map(|p| {
            let p = if p.as_os_str().is_empty() { Path::new(".") } else { p };
            std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf())
        });
        Ok(Options {
            levels: rules.into_iter().map(|(k, v)| (k.0, v.severity())).collect(),
            files: FileFilter { include: files.include, exclude: files.exclude, root },
            rules: RuleSettings { names_accept: names.accept, names_canonical: names.canonical },
            links: links.resolve(),
            sources: sources.resolve(),
            ignores: ignore.into_iter().map(toml::Spanned::into_inner).collect(),
            ..Options::default()
        })
    }
}

fn invalid(
    path: &Path,
    text: &str,
    message: String,
    span: Option<std::ops::Range<usize>>,
    help: Option<String>,
) -> ConfigError {
    ConfigError::Invalid(Box::new(InvalidConfig {
        path: path.display().to_string(),
        message,
        src: NamedSource::new(path.display().to_string(), text.to_owned()),
        span: span.map(SourceSpan::from),
        help,
    }))
}

impl fmt::Display for RuleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("citelint.toml"))
    }

    fn error_span(text: &str) -> (String, String) {
        match parse(text) {
            Err(ConfigError::Invalid(e)) => {
                let span = e.span.expect("a span");
                (e.message, text[span.offset()..span.offset() + span.len()].to_owned())
            }
            other => panic!("expected an error with a span, got {other:?}"),
        }
    }

    #[test]
    fn full_config_is_read() {
        let c = parse(
            r#"
            [rules]
            unused-footnote = "off"
            missing-footnote = "warning"
            [files]
            include = ["**/*.txt"]
            exclude = ["drafts/**"]
            [names]
            accept = [["Pashinyan", "Pashinian"]]
            canonical = ["Ilham Aliyev"]
            [links]
            timeout = 5
            retries = 1
            concurrency = 4
            per-host = 1
            allow-private = true
            cache = "links.cache"
            max-age = "12h"
            exclude = ["^https://example\\.org/"]
            accept = [429]
            archive-url = "https://archive.example.org"
            "#,
        )
        .unwrap();
        let s = c.into_options().unwrap();
        assert_eq!(s.levels.get("unused-footnote"), Some(&None));
        assert_eq!(s.levels.get("missing-footnote"), Some(&Some(Severity::Warning)));
        assert_eq!(s.files.exclude, ["drafts/**"]);
        assert_eq!(s.rules.names_accept, [["Pashinyan", "Pashinian"]]);
        assert_eq!(s.rules.names_canonical, ["Ilham Aliyev"]);
        let links = s.links.as_ref().expect("links checked");
        assert_eq!(links.timeout, Duration::from_secs(5));
        assert_eq!(links.retries, 1);
        assert_eq!(links.concurrency, 4);
        assert_eq!(links.per_host, 1);
        assert!(links.allow_private);
        assert_eq!(links.cache_path.as_deref(), Some(std::path::Path::new("links.cache")));
        assert_eq!(links.max_age.alive, Duration::from_secs(12 * 3600));
        assert!(links.exclude[0].is_match("https://example.org/x"));
        assert_eq!(links.accept, [429]);
        assert_eq!(links.archive.as_ref().map(|a| a.base_url.as_str()), Some("https://archive.example.org"));
    }

    #[test]
    fn unknown_key_is_reported_at_the_key() {
        let (message, at) = error_span("[rules]\n[filez]\ninclude = []\n");
        assert!(message.contains("unknown field `filez`"), "{message}");
        assert_eq!(at, "filez");
        let (message, at) = error_span("[links]\ntimout = 3\n");
        assert!(message.contains("unknown field `timout`"), "{message}");
        assert_eq!(at, "timout");
    }

    #[test]
    fn unknown_rule_is_reported_at_its_name_with_a_suggestion() {
        let (message, at) = error_span("[rules]\nunused-fotnote = \"off\"\n");
        assert!(message.contains("did you mean `unused-footnote`"), "{message}");
        assert_eq!(at, "unused-fotnote");
    }

    #[test]
    fn bad_severity_is_reported_at_the_value() {
        let (message, at) = error_span("[rules]\nunused-footnote = \"fatal\"\n");
        assert!(message.contains("fatal"), "{message}");
        assert_eq!(at, "\"fatal\"");
    }

    #[test]
    fn bad_duration_and_pattern_are_errors() {
        assert!(parse("[links]\nmax-age = \"3 fortnights\"\n").is_err());
        assert!(parse("[links]\nexclude = [\"(\"]\n").is_err());
        assert!(parse("[links]\narchive-url = \"not a url\"\n").is_err());
    }

    #[test]
    fn close_misspellings_get_a_suggestion_and_far_ones_none() {
        assert_eq!(rules::suggest("missing-fotnote"), Some("missing-footnote"));
        assert_eq!(rules::suggest("footnote-ordr"), Some("footnote-order"));
        assert_eq!(rules::suggest("completely-different"), None);
    }

    #[test]
    fn ignore_entries_are_read_with_their_place_in_the_file() {
        let text = "[rules]\n\n[[ignore]]\npath = \"a.txt\"\nrule = \"missing-footnote\"\nreason = \"kept\"\n\n\
                    [[ignore]]\npath = \"b/*.txt\"\nrule = \"unused-footnote\"\ntext = \"[4]\"\n";
        let c = parse(text).unwrap();
        let source = c.source.clone().expect("source kept");
        let lines: Vec<usize> =
            source.ignore_spans.iter().map(|s| text[..s.start].matches('\n').count() + 1).collect();
        assert_eq!(lines, [3, 8], "each span starts at its [[ignore]] header");
        let s = c.into_options().unwrap();
        assert_eq!(s.ignores.len(), 2);
        assert_eq!(s.ignores[0].reason.as_deref(), Some("kept"));
        assert_eq!(s.ignores[1].text.as_deref(), Some("[4]"));
    }

    #[test]
    fn a_bad_ignore_entry_is_reported_at_the_entry() {
        let text = "[[ignore]]\npath = \"a.txt\"\nrule = \"unused-fotnote\"\n";
        let (message, at) = error_span(text);
        assert!(message.contains("unknown rule `unused-fotnote`"), "{message}");
        assert!(at.starts_with("[[ignore]]"), "{at}");
        let (message, _) = error_span("[[ignore]]\npath = \"a{b\"\nrule = \"unused-footnote\"\n");
        assert!(message.contains("invalid path pattern `a{b`"), "{message}");
        let (message, at) = error_span("[[ignore]]\npath = \"a.txt\"\nrule = \"unused-footnote\"\nwhy = 1\n");
        assert!(message.contains("unknown field `why`"), "{message}");
        assert_eq!(at, "why");
    }

    fn info(name: &str) -> &'static RuleInfo {
        rules::lookup(name).unwrap()
    }

    #[test]
    fn rules_run_at_default_severity_unless_configured() {
        let mut s = Options::default();
        assert_eq!(s.severity_of(info("unused-footnote")), Some(Severity::Warning));
        s.levels.insert("unused-footnote", None);
        assert_eq!(s.severity_of(info("unused-footnote")), None);
        s.levels.insert("missing-footnote", Some(Severity::Info));
        assert_eq!(s.severity_of(info("missing-footnote")), Some(Severity::Info));
    }

    #[test]
    fn select_limits_rules_and_overrides_config_off() {
        let mut s = Options::default();
        s.levels.insert("unused-footnote", None);
        s.select = Some(vec!["unused-footnote"]);
        assert_eq!(s.severity_of(info("unused-footnote")), Some(Severity::Warning));
        assert_eq!(s.severity_of(info("missing-footnote")), None);
    }

    #[test]
    fn ignore_wins_over_select() {
        let s = Options {
            select: Some(vec!["missing-footnote"]),
            ignore: vec!["missing-footnote"],
            ..Options::default()
        };
        assert_eq!(s.severity_of(info("missing-footnote")), None);
    }

    #[test]
    fn link_rules_run_only_when_links_are_checked() {
        let offline = Options { links: None, ..Options::default() };
        assert!(!offline.rule_ran(info("dead-link")));
        assert!(offline.rule_ran(info("missing-footnote")));
        assert!(Options::default().rule_ran(info("dead-link")));
    }

    #[test]
    fn bad_glob_is_an_error() {
        let c = parse("[files]\ninclude = [\"a{b\"]\n").unwrap();
        assert!(matches!(c.into_options(), Err(ConfigError::Glob { .. })));
    }
}
