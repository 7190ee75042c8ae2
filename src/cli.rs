//! The command line (clap): `check` (the default), `rules`, `explain` and the helper
//! commands, and turning the flags plus `citelint.toml` into a check's options and plan.
//! Part of the binary: the library never sees it.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use miette::Diagnostic;
use thiserror::Error;

use citelint::baseline::Baseline;
use citelint::check::{self, Plan};
use citelint::config::{self, Config, ConfigError, LinkConfig, Options, RuleName, SourceConfig};
use citelint::document::Format;
use citelint::git;
use citelint::report::{self, OutputFormat, ReportOptions};
use citelint::rules::{REGISTRY, RuleInfo, Severity};
use citelint::source::{self, Overwrite, StaleScope};

/// Lint citations and footnotes in policy-profile documents.
#[derive(Debug, Parser)]
#[command(name = "citelint", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// `citelint PATHS…` is `citelint check PATHS…`.
    #[command(flatten)]
    pub check: CheckArgs,
}

impl Cli {
    /// The command to run; with none named, `check`.
    pub fn into_command(self) -> Command {
        self.command.unwrap_or(Command::Check(self.check))
    }
}

// `check`'s arguments dwarf the other commands', but a command is built once per run.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check profiles (the default command)
    Check(CheckArgs),
    /// List every rule with its default severity
    Rules,
    /// Print a rule's documentation
    Explain {
        /// The rule's name, as `citelint rules` lists it
        #[arg(value_parser = config::parse_rule_name)]
        rule: RuleName,
    },
    /// Write a commented citelint.toml with every option at its default
    Init {
        /// Where to write it
        #[arg(value_name = "PATH", default_value = config::FILE_NAME)]
        path: PathBuf,
        /// Overwrite an existing file
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from this command line's definition
    #[command(alias = "manpage")]
    Man,
    /// Show what citelint reads in a cited source: its text, titles, dates, authors and
    /// language, each with where it was found (from the cache when fresh)
    Source(SourceArgs),
}

/// `citelint source URL`.
#[derive(Clone, Debug, Args)]
pub struct SourceArgs {
    /// The source's URL, as a footnote cites it
    pub url: String,

    /// Print JSON (the reading as the cache keeps it) instead of a summary
    #[arg(long)]
    pub json: bool,

    /// Print the whole text, not only its first lines
    #[arg(long)]
    pub full_text: bool,

    /// Use this config file instead of looking for citelint.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    #[command(flatten, next_help_heading = "Links")]
    pub links: LinkConfig,
}

/// When to colour output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// When writing to a terminal and NO_COLOR is not set
    Auto,
    Always,
    Never,
}

#[derive(Clone, Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check; `-` reads standard input [default: .]
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,

    /// Output format
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Fail (exit 1) on findings at or above this severity
    #[arg(long, value_name = "SEVERITY", default_value = "warning", value_parser = parse_severity)]
    pub fail_on: Severity,

    /// Run only these rules (comma-separated)
    #[arg(long, value_name = "RULE,…", value_delimiter = ',', value_parser = config::parse_rule_name)]
    pub select: Option<Vec<RuleName>>,

    /// Never run these rules (comma-separated)
    #[arg(long, value_name = "RULE,…", value_delimiter = ',', value_parser = config::parse_rule_name)]
    pub ignore: Vec<RuleName>,

    /// Print findings only: no summary line, no notes
    #[arg(short, long)]
    pub quiet: bool,

    /// When to use colour
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Read every source as this format instead of choosing by its extension
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,

    /// The name standard input is shown by (and its format guessed from); with no
    /// PATHS, standard input is read
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    /// Use this config file instead of looking for citelint.toml
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Use no config file
    #[arg(long, conflicts_with = "config")]
    pub no_config: bool,

    /// Report only findings this baseline file does not record; list its entries that no
    /// longer match
    #[arg(long, value_name = "FILE", help_heading = "CI")]
    pub baseline: Option<PathBuf>,

    /// Record the findings of this run in a baseline file and exit 0 (entries of files
    /// not checked this run are kept)
    #[arg(long, value_name = "FILE", help_heading = "CI")]
    pub write_baseline: Option<PathBuf>,

    /// Check only files changed since this git revision (its merge base with HEAD), plus
    /// untracked files, among the given paths
    #[arg(long, value_name = "REV", help_heading = "CI")]
    pub changed_since: Option<String>,

    #[command(flatten, next_help_heading = "Links")]
    pub links: LinkConfig,

    #[command(flatten, next_help_heading = "Sources")]
    pub sources: SourceConfig,
}

fn parse_severity(s: &str) -> Result<Severity, String> {
    s.parse()
}

/// A reader's name on the command line: every [`Format`], listed in help and
/// completions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InputFormat(pub Format);

impl ValueEnum for InputFormat {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::LazyLock<Vec<InputFormat>> =
            std::sync::LazyLock::new(|| Format::ALL.iter().map(|&f| InputFormat(f)).collect());
        &ALL
    }

    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.0.name()))
    }
}

/// A check run, ready to go: what the user asked for, what to read, how to report it.
#[derive(Debug)]
pub struct Run {
    pub options: Options,
    /// The baseline is read by [`check`], so that a broken file is reported like the
    /// other errors.
    pub plan: Plan,
    pub format: OutputFormat,
    pub report: ReportOptions,
    pub baseline: Option<PathBuf>,
    pub write_baseline: Option<PathBuf>,
    pub changed_since: Option<String>,
}

impl CheckArgs {
    /// Read the config (`--config`, or the nearest citelint.toml) and lay the flags
    /// over it.
    pub fn into_run(self) -> Result<Run, ConfigError> {
        let config = if self.no_config {
            Config::default()
        } else if let Some(path) = &self.config {
            Config::load(path)?
        } else {
            let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            Config::discover(&cwd)?
        };
        let file_links = config.file.links.clone();
        let file_sources = config.file.sources.clone();
        let config_file = config.source.clone();
        let mut options = config.into_options()?;
        options.links = self.links.or(file_links).resolve();
        // Verification reads the pages the link check fetches: offline, there are none.
        // (`--verify-sources` with `--offline` is refused; the config's `verify` is
        // overruled, and the user is told so rather than shown a silent pass.)
        let sources = self.sources.or(file_sources).resolve();
        if sources.is_some() && options.links.is_none() && !self.quiet {
            eprintln!("note: [sources] verify is on, but links are offline: no source is verified");
        }
        options.sources = sources.filter(|_| options.links.is_some());
        options.select = self.select.map(|rules| rules.into_iter().map(|r| r.0).collect());
        options.ignore = self.ignore.into_iter().map(|r| r.0).collect();
        options.fail_on = self.fail_on;
        options.input_format = self.input_format.map(|f| f.0);
        options.stdin_filename = self.stdin_filename.clone();

        let paths = if !self.paths.is_empty() {
            self.paths
        } else if self.stdin_filename.is_some() {
            vec![PathBuf::from("-")]
        } else {
            vec![PathBuf::from(".")]
        };
        // Only a run over whole directories speaks for the collection: then an `[[ignore]]`
        // or baseline entry for a file that was not found is stale. A run on named files
        // (pre-commit) or on changed files says nothing about the others.
        let scope = if self.changed_since.is_none() && paths.iter().all(|p| p.is_dir()) {
            StaleScope::Everything
        } else {
            StaleScope::CheckedFiles
        };
        let plan = Plan {
            paths,
            scope,
            keep_sources: self.format == OutputFormat::Html,
            config_file,
            ..Plan::default()
        };
        let report = ReportOptions {
            color: use_color(self.color, std::io::stdout().is_terminal()),
            color_stderr: use_color(self.color, std::io::stderr().is_terminal()),
            width: width(std::io::stdout().is_terminal()),
            quiet: self.quiet,
        };
        Ok(Run {
            options,
            plan,
            format: self.format,
            report,
            baseline: self.baseline,
            write_baseline: self.write_baseline,
            changed_since: self.changed_since,
        })
    }
}

/// Exit code for usage, configuration and I/O errors.
pub const EXIT_ERROR: u8 = 2;

/// Run a check: changed files, the check itself, the baseline, the report. Returns the
/// exit code; errors that stop the run are rendered on `err` (exit 2).
pub fn check(mut run: Run, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let fail = |e: &dyn miette::Diagnostic, err: &mut dyn Write| {
        report::human::write_diagnostic(e, &run.report.err_options(), err).map(|()| EXIT_ERROR)
    };
    if let Some(rev) = &run.changed_since {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        match git::changed_since(rev, &cwd) {
            Ok(changed) => run.plan.only = Some(changed),
            Err(e) => return fail(&e, err),
        }
    }
    // Read the baselines before checking: a broken file should not cost a whole run.
    run.plan.baseline = match run.baseline.as_deref().map(Baseline::load).transpose() {
        Ok(b) => b,
        Err(e) => return fail(&e, err),
    };
    let previous = match run.write_baseline.as_deref().filter(|p| p.exists()).map(Baseline::load).transpose()
    {
        Ok(b) => b,
        Err(e) => return fail(&e, err),
    };
    let outcome = match check::run(&run.plan, &run.options) {
        Ok(o) => o,
        Err(e) => return fail(&e, err),
    };
    // Writing records everything found, the findings the baseline absorbed included: so
    // `--baseline B --write-baseline B` accepts today's new findings and prunes stale
    // entries, while the report still shows what is new.
    let mut written = None;
    if let Some(path) = &run.write_baseline {
        let new = outcome.to_baseline(previous.as_ref(), run.plan.scope);
        if let Err(e) = new.save(path) {
            return fail(&e, err);
        }
        written = Some((path, new.findings.iter().map(|e| e.count).sum::<u32>()));
    }
    report::render(&outcome, run.format, &run.report, out, err)?;
    match written {
        // Recording findings is the point of the run: they do not fail it.
        Some((path, n)) => {
            out.flush()?;
            if !run.report.quiet {
                writeln!(err, "wrote baseline {} ({n} findings)", path.display())?;
            }
            Ok(if outcome.errors.is_empty() { 0 } else { EXIT_ERROR })
        }
        None => Ok(outcome.exit_code(run.options.fail_on)),
    }
}

/// Why `citelint init` wrote nothing.
#[derive(Debug, Error, Diagnostic)]
pub enum InitError {
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

/// `citelint source URL`: read one source as verification reads it, and show what was
/// read and from where. 0 when it was read, 2 when it could not be.
pub fn source(args: SourceArgs, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    let fail = |e: &dyn miette::Diagnostic, err: &mut dyn Write| {
        report::human::write_diagnostic(e, &ReportOptions::default(), err).map(|()| EXIT_ERROR)
    };
    let config = match &args.config {
        Some(path) => Config::load(path),
        None => Config::discover(&std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))),
    };
    let config = match config {
        Ok(c) => c,
        Err(e) => return fail(&e, err),
    };
    let limits = config.file.sources.clone().resolve_limits();
    // Offline, only the cache can answer: the settings still say where it is.
    let mut links = args.links.or(config.file.links.clone());
    let offline = std::mem::take(&mut links.offline);
    let settings = links.resolve().expect("settings resolve when online");
    let read = if offline {
        let cache =
            citelint::sources::ReadingCache::beside(settings.cache_path.as_deref(), settings.max_age.alive);
        citelint::links::url_key(&args.url)
            .and_then(|key| cache.get(&key))
            .map(|r| (r, true))
            .ok_or_else(|| "not in the cache, and --offline reads nothing".to_owned())
    } else {
        citelint::sources::reader::read_one(&args.url, &settings, &limits)
    };
    match read {
        Ok((reading, cached)) => {
            if args.json {
                serde_json::to_writer_pretty(&mut *out, &reading)?;
                writeln!(out)?;
            } else {
                report::source::write(&reading, cached, args.full_text, out)?;
            }
            Ok(0)
        }
        Err(why) => {
            writeln!(err, "citelint: {}: {why}", args.url)?;
            Ok(EXIT_ERROR)
        }
    }
}

/// `citelint init`: write the commented default config (atomically; an existing file
/// only with `force`).
pub fn init(path: &Path, force: bool, err: &mut dyn Write) -> std::io::Result<u8> {
    let overwrite = if force { Overwrite::Yes } else { Overwrite::No };
    let written = match source::write_atomic(path, config::template().as_bytes(), overwrite) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(InitError::Exists { path: path.into() })
        }
        Err(source) => Err(InitError::Write { path: path.into(), source }),
    };
    match written {
        Ok(()) => writeln!(err, "wrote {}", path.display()).map(|()| 0),
        Err(e) => report::human::write_diagnostic(&e, &ReportOptions::default(), err).map(|()| EXIT_ERROR),
    }
}

/// `citelint completions SHELL`.
pub fn write_completions(shell: clap_complete::Shell, out: &mut dyn Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "citelint", out);
    Ok(())
}

/// `citelint man`: the man page (its SUBCOMMANDS section lists every command).
pub fn write_man(out: &mut dyn Write) -> std::io::Result<()> {
    use clap::CommandFactory;
    clap_mangen::Man::new(Cli::command()).render(out)
}

/// Colour when asked, or when writing to a terminal and NO_COLOR is unset or empty.
pub fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// The terminal's width from COLUMNS; a fixed width when not writing to a terminal, so
/// piped and tested output does not depend on the environment.
fn width(terminal: bool) -> usize {
    const FIXED: usize = 100;
    if !terminal {
        return FIXED;
    }
    std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()).filter(|&w| w >= 40).unwrap_or(FIXED)
}

/// `citelint rules`: name, default severity and summary, one rule a line.
pub fn write_rules(out: &mut dyn Write) -> std::io::Result<()> {
    let width = REGISTRY.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in REGISTRY {
        writeln!(out, "{:width$}  {:7}  {}", r.name, r.default_severity.as_str(), r.summary)?;
    }
    Ok(())
}

/// `citelint explain RULE`: the rule's documentation as written in its source.
pub fn write_explain(rule: &RuleInfo, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "# {}\n", rule.name)?;
    writeln!(out, "Default severity: {}. {}.\n", rule.default_severity, capitalise(rule.summary))?;
    out.write_all(rule.docs_text().as_bytes())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn bare_paths_mean_check() {
        let cli = Cli::try_parse_from(["citelint", "fixtures/", "--format", "json"]).unwrap();
        match cli.into_command() {
            Command::Check(args) => {
                assert_eq!(args.paths, [PathBuf::from("fixtures/")]);
                assert_eq!(args.format, OutputFormat::Json);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn select_splits_on_commas_and_rejects_unknown_rules() {
        let cli = Cli::try_parse_from(["citelint", "check", "--select", "missing-footnote,unused-footnote"])
            .unwrap();
        let Command::Check(args) = cli.into_command() else { panic!() };
        assert_eq!(args.select.unwrap().len(), 2);
        let err = Cli::try_parse_from(["citelint", "--ignore", "unused-fotnote"]).unwrap_err();
        assert!(err.to_string().contains("did you mean `unused-footnote`"), "{err}");
    }

    #[test]
    fn docs_lose_the_doc_comment_space() {
        let text = REGISTRY[0].docs_text();
        assert!(text.starts_with("## What it does\n"), "{text}");
    }
}
