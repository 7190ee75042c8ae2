//! The `citelint.toml` that `citelint init` writes: every option at its default, each with
//! a comment saying what it does. Rules come from the registry, so new rules appear here.

use std::fmt::Write;

use crate::links::LinkSettings;
use crate::rules::REGISTRY;

/// The commented default configuration.
pub fn template() -> String {
    let c = LinkSettings::default();
    let mut t = String::from(
        "# citelint configuration. Every option is shown at its default; delete what you do not\n\
         # change. citelint reads the nearest citelint.toml in the working directory or its parents.\n\
         \n\
         # Per-rule level: \"error\", \"warning\", \"info\" or \"off\". `citelint explain RULE` describes\n\
         # each rule. Findings at or above --fail-on (default: warning) fail the run.\n\
         [rules]\n",
    );
    let width = REGISTRY.iter().map(|r| r.name.len()).max().unwrap_or(0);
    for r in REGISTRY {
        let value = format!("\"{}\"", r.default_severity);
        let _ = writeln!(t, "{:width$} = {value:9} # {}", r.name, r.summary);
    }
    let _ = write!(
        t,
        "\n\
         # Which files a directory walk checks. Files named on the command line are always checked.\n\
         [files]\n\
         # Globs a walked file must match; empty means {default_globs}.\n\
         include = []\n\
         # Globs (relative to this file's directory) that leave files or directories out,\n\
         # e.g. [\"drafts/**\", \"archive\"]. .gitignore is respected as well.\n\
         exclude = []\n\
         \n\
         # Spellings for name-mismatch.\n\
         [names]\n\
         # Groups of spellings that are all acceptable, e.g. [[\"Pashinyan\", \"Pashinian\"]].\n\
         accept = []\n\
         # Preferred spellings, e.g. [\"Ilham Aliyev\"].\n\
         canonical = []\n\
         \n\
         # Link checking. Command-line flags (--offline, --timeout, ...) win over these.\n\
         [links]\n\
         # Check no links.\n\
         offline = false\n\
         # Seconds to wait for a server per request.\n\
         timeout = {timeout}\n\
         # Retries after a timeout, 5xx or 429.\n\
         retries = {retries}\n\
         # Requests in flight at once, and to one host at once.\n\
         concurrency = {concurrency}\n\
         per-host = {per_host}\n\
         # Least time between two requests to one host (250ms, 1s, ...).\n\
         interval = \"{interval}\"\n\
         # Check loopback, private and link-local addresses (refused by default: a link must\n\
         # not be a way into the network CI runs in).\n\
         allow-private = false\n\
         # Where verdicts are kept between runs, and how long an \"alive\" verdict stays valid\n\
         # (30s, 15m, 12h, 7d; dead and unverified links are checked again every run).\n\
         cache = \"{cache}\"\n\
         no-cache = false\n\
         max-age = \"{max_age}\"\n\
         # URLs never checked (regular expressions), e.g. [\"^https://intranet\\\\.example\\\\.org/\"].\n\
         exclude = []\n\
         # HTTP status codes accepted as alive besides 2xx, e.g. [429].\n\
         accept = []\n\
         # The web archive asked for copies of dead links, or no archive lookups at all.\n\
         archive-url = \"{archive_url}\"\n\
         no-archive = false\n\
         \n\
         [sources]\n\
         # Read each cited page (or its archived copy) and check that it holds what the\n\
         # sentence quotes and the title, date and names the footnote gives. Needs the link\n\
         # check: offline, no source is verified.\n\
         verify = false\n\
         # The most of a source's body read (bytes, or 512KB, 10MiB, ...).\n\
         max-body = \"10MiB\"\n\
         \n\
         # Suppressions for plain-text profiles, which cannot carry comments. One table per\n\
         # accepted finding; the reason is echoed in reports. An entry that suppresses nothing\n\
         # is reported (unused-suppression). For example:\n\
         #\n\
         # [[ignore]]\n\
         # path = \"profiles/armenia.txt\"   # a path or glob; without `/`, a file name anywhere\n\
         # rule = \"missing-footnote\"\n\
         # text = \"[4]\"                    # the flagged text; leave out to cover every finding of the rule\n\
         # reason = \"Note 4 was withdrawn by the editor; the marker stays for the print edition.\"\n",
        default_globs = crate::source::default_include_globs(),
        timeout = c.timeout.as_secs(),
        retries = c.retries,
        concurrency = c.concurrency,
        per_host = c.per_host,
        interval = duration(c.min_interval),
        cache = c.cache_path.as_deref().map(|p| p.display().to_string()).unwrap_or_default(),
        max_age = duration(c.max_age.alive),
        archive_url = c.archive.as_ref().map(|a| a.base_url.as_str()).unwrap_or_default(),
    );
    t
}

/// A duration in the largest unit that divides it, as the config reads it back.
fn duration(d: std::time::Duration) -> String {
    if d.subsec_nanos() != 0 {
        return format!("{}ms", d.as_millis());
    }
    let s = d.as_secs();
    for (unit, secs) in [("d", 86_400), ("h", 3600), ("m", 60)] {
        if s > 0 && s.is_multiple_of(secs) {
            return format!("{}{unit}", s / secs);
        }
    }
    format!("{s}s")
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;

    #[test]
    fn the_template_parses_to_the_defaults() {
        let parsed = Config::parse(&template(), Path::new("citelint.toml")).expect("template parses");
        let settings = parsed.into_options().expect("template is valid");
        let defaults = Config::default().into_options().unwrap();
        for r in REGISTRY {
            assert_eq!(settings.severity_of(r), defaults.severity_of(r), "{}", r.name);
            assert_eq!(settings.levels.get(r.name), Some(&Some(r.default_severity)), "{} listed", r.name);
        }
        assert_eq!(format!("{:?}", settings.links), format!("{:?}", defaults.links));
        assert_eq!(format!("{:?}", settings.sources), format!("{:?}", defaults.sources));
        // The size written is the default the reader applies when verifying.
        let verifying = crate::config::SourceConfig { verify: true, max_body: None }.resolve().unwrap();
        let written = parsed_max_body(&template());
        assert_eq!(Some(verifying.limits.max_body_bytes), written);
        assert_eq!(settings.files.include, defaults.files.include);
        assert_eq!(settings.files.exclude, defaults.files.exclude);
        assert_eq!(settings.rules.names_accept, defaults.rules.names_accept);
        assert_eq!(settings.rules.names_canonical, defaults.rules.names_canonical);
        assert!(settings.ignores.is_empty());
    }

    #[test]
    fn every_config_key_appears_in_the_template() {
        let t = template();
        for key in [
            "[rules]",
            "[files]",
            "include",
            "exclude",
            "[names]",
            "accept",
            "canonical",
            "[links]",
            "offline",
            "timeout",
            "retries",
            "concurrency",
            "per-host",
            "interval",
            "allow-private",
            "cache",
            "max-age",
            "archive-url",
            "[sources]",
            "verify",
            "max-body",
            "[[ignore]]",
            "path",
            "rule",
            "text",
            "reason",
        ] {
            assert!(t.contains(key), "template lacks {key}");
        }
    }

    /// The `max-body` the template writes, in bytes.
    fn parsed_max_body(t: &str) -> Option<usize> {
        let parsed = Config::parse(t, Path::new("citelint.toml")).ok()?;
        let on = crate::config::SourceConfig { verify: true, ..parsed.file.sources.clone() };
        Some(on.resolve()?.limits.max_body_bytes)
    }

    #[test]
    fn durations_use_the_largest_whole_unit() {
        assert_eq!(duration(std::time::Duration::from_secs(86_400)), "1d");
        assert_eq!(duration(std::time::Duration::from_secs(5400)), "90m");
        assert_eq!(duration(std::time::Duration::from_secs(45)), "45s");
        assert_eq!(duration(std::time::Duration::from_millis(100)), "100ms");
    }
}
