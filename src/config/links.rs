//! `[links]` of citelint.toml and the link flags: one definition for both, values
//! checked (durations, patterns, URLs) while the config is read.

use std::path::PathBuf;
use std::time::Duration;

use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::links::{ArchiveSettings, LinkSettings};

/// A duration written as seconds (`30`) or with a unit (`"250ms"`, `"90s"`, `"15m"`,
/// `"12h"`, `"7d"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct HumanDuration(pub Duration);

impl<'de> Deserialize<'de> for HumanDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Secs(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Secs(s) => Ok(HumanDuration(Duration::from_secs(s))),
            Raw::Text(t) => parse_duration(&t).map(HumanDuration).map_err(de::Error::custom),
        }
    }
}

impl std::str::FromStr for HumanDuration {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_duration(s).map(HumanDuration)
    }
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: u64 =
        digits.parse().map_err(|_| format!("invalid duration `{text}` (e.g. 250ms, 30s, 15m, 12h, 7d)"))?;
    if unit.trim() == "ms" {
        return Ok(Duration::from_millis(n));
    }
    let secs = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => return Err(format!("invalid duration `{text}` (e.g. 250ms, 30s, 15m, 12h, 7d)")),
    };
    Ok(Duration::from_secs(n.saturating_mul(secs)))
}

/// A URL pattern (regular expression), compiled while the config is read.
#[derive(Clone, Debug)]
pub struct UrlPattern(pub regex::Regex);

impl<'de> Deserialize<'de> for UrlPattern {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        regex::Regex::new(&s).map(UrlPattern).map_err(de::Error::custom)
    }
}

/// An absolute URL, checked while the config is read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AbsoluteUrl(pub String);

impl<'de> Deserialize<'de> for AbsoluteUrl {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        url::Url::parse(&s).map_err(|e| de::Error::custom(format!("invalid URL `{s}`: {e}")))?;
        Ok(AbsoluteUrl(s))
    }
}

/// The link-checking options, defined once for the command line and `[links]` (as lychee
/// does): a flag given on the command line wins over the config file, the config file
/// over the defaults. Options without a flag are config-only.
#[derive(Clone, Debug, Default, clap::Args, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LinkConfig {
    /// Check no links
    #[arg(long)]
    #[serde(default)]
    pub offline: bool,

    /// Seconds to wait for a server before giving up on a request [default: 20]
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<u64>,

    /// Retries after a timeout, 5xx or 429 [default: 2]
    #[arg(long, value_name = "N")]
    pub retries: Option<u32>,

    /// Requests in flight at once [default: 64]
    #[arg(long, value_name = "N")]
    pub concurrency: Option<usize>,

    /// Requests in flight to one host at once [default: 4]
    #[arg(long, value_name = "N")]
    pub per_host: Option<usize>,

    /// Least time between two requests to one host, e.g. `100ms` [default: 100ms]
    #[arg(long, value_name = "DURATION")]
    pub interval: Option<HumanDuration>,

    /// Check loopback, private and link-local addresses (refused by default)
    #[arg(long)]
    #[serde(default)]
    pub allow_private: bool,

    /// Where verdicts are kept between runs [default: .citelint-cache]
    #[arg(long, value_name = "PATH")]
    pub cache: Option<PathBuf>,

    /// Keep no verdicts between runs
    #[arg(long)]
    #[serde(default)]
    pub no_cache: bool,

    /// How long a cached "alive" verdict stays valid (dead and unverified links are
    /// checked again every run) [default: 1d]
    #[arg(skip)]
    pub max_age: Option<HumanDuration>,

    /// URLs (regular expressions) never checked
    #[arg(skip)]
    #[serde(default)]
    pub exclude: Vec<UrlPattern>,

    /// HTTP status codes accepted as alive besides 2xx
    #[arg(skip)]
    #[serde(default)]
    pub accept: Vec<u16>,

    /// The web archive asked for copies of dead links (default <https://web.archive.org>)
    #[arg(skip)]
    pub archive_url: Option<AbsoluteUrl>,

    /// Look up no archived copies of dead links
    #[arg(long)]
    #[serde(default)]
    pub no_archive: bool,
}

impl LinkConfig {
    /// This (the command line's) options over `file`'s.
    pub fn or(self, file: LinkConfig) -> LinkConfig {
        LinkConfig {
            offline: self.offline || file.offline,
            timeout: self.timeout.or(file.timeout),
            retries: self.retries.or(file.retries),
            concurrency: self.concurrency.or(file.concurrency),
            per_host: self.per_host.or(file.per_host),
            interval: self.interval.or(file.interval),
            allow_private: self.allow_private || file.allow_private,
            cache: self.cache.or(file.cache),
            no_cache: self.no_cache || file.no_cache,
            max_age: self.max_age.or(file.max_age),
            exclude: if self.exclude.is_empty() { file.exclude } else { self.exclude },
            accept: if self.accept.is_empty() { file.accept } else { self.accept },
            archive_url: self.archive_url.or(file.archive_url),
            no_archive: self.no_archive || file.no_archive,
        }
    }

    /// The checker's settings with its defaults filled in; `None` with `offline`.
    pub fn resolve(self) -> Option<LinkSettings> {
        if self.offline {
            return None;
        }
        let mut check = LinkSettings::default();
        if let Some(secs) = self.timeout {
            check.timeout = Duration::from_secs(secs.max(1));
            check.connect_timeout = check.connect_timeout.min(check.timeout);
        }
        if let Some(retries) = self.retries {
            check.retries = retries;
        }
        check.concurrency = self.concurrency.unwrap_or(check.concurrency).max(1);
        check.per_host = self.per_host.unwrap_or(check.per_host).max(1);
        if let Some(interval) = self.interval {
            check.min_interval = interval.0;
        }
        check.allow_private = self.allow_private;
        if let Some(path) = self.cache {
            check.cache_path = Some(path);
        }
        if self.no_cache {
            check.cache_path = None;
        }
        if let Some(age) = self.max_age {
            check.max_age.alive = age.0;
        }
        check.exclude = self.exclude.into_iter().map(|p| p.0).collect();
        check.accept = self.accept;
        if let Some(url) = self.archive_url {
            check.archive = Some(ArchiveSettings { base_url: url.0 });
        }
        if self.no_archive {
            check.archive = None;
        }
        Some(check)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_take_units() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("7d"), Ok(Duration::from_secs(7 * 86_400)));
        assert_eq!(parse_duration("50ms"), Ok(Duration::from_millis(50)));
        assert!(parse_duration("d").is_err());
    }

    #[test]
    fn command_line_link_options_win_over_the_file() {
        let file = LinkConfig { timeout: Some(5), retries: Some(4), ..LinkConfig::default() };
        let cli = LinkConfig { timeout: Some(9), ..LinkConfig::default() };
        let merged = cli.clone().or(file.clone()).resolve().expect("online");
        assert_eq!(merged.timeout, Duration::from_secs(9));
        assert_eq!(merged.retries, 4);
        let offline = LinkConfig { offline: true, ..cli };
        assert!(offline.or(file).resolve().is_none());
    }

    #[test]
    fn no_cache_and_no_archive_turn_them_off() {
        let defaults = LinkConfig::default().resolve().expect("online");
        assert!(defaults.cache_path.is_some() && defaults.archive.is_some());
        let off = LinkConfig { no_cache: true, no_archive: true, ..LinkConfig::default() }
            .resolve()
            .expect("online");
        assert!(off.cache_path.is_none() && off.archive.is_none());
    }
}
