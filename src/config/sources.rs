//! `[sources]` of citelint.toml and `--verify-sources`: one definition for both.

use serde::Deserialize;
use serde::de::{self, Deserializer};

use crate::sources::Limits;

/// A size in bytes, written as a number or with a unit (`"10MB"`, `"512KB"`, `"2MiB"`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByteSize(pub usize);

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Bytes(u64),
            Text(String),
        }
        match Raw::deserialize(d)? {
            Raw::Bytes(b) => Ok(ByteSize(b as usize)),
            Raw::Text(t) => parse_size(&t).map(ByteSize).map_err(de::Error::custom),
        }
    }
}

fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let n: usize = digits.parse().map_err(|_| format!("invalid size `{text}` (e.g. 10MB, 512KB)"))?;
    let factor = match unit.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 1,
        "KB" => 1000,
        "KIB" => 1024,
        "MB" => 1_000_000,
        "MIB" => 1024 * 1024,
        "GB" => 1_000_000_000,
        "GIB" => 1024 * 1024 * 1024,
        _ => return Err(format!("invalid size `{text}` (e.g. 10MB, 512KB)")),
    };
    Ok(n.saturating_mul(factor))
}

/// Source verification, defined once for the command line and `[sources]`.
#[derive(Clone, Debug, Default, clap::Args, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SourceConfig {
    /// Check each footnote against its source: quotations, titles, dates and names in
    /// the cited page or PDF (live, or archived when gone); needs the network
    #[arg(long = "verify-sources", conflicts_with = "offline")]
    #[serde(default, rename = "verify")]
    pub verify: bool,

    /// The most of a source's body read [default: 10MiB]
    #[arg(skip)]
    pub max_body: Option<ByteSize>,
}

/// What verification is told once resolved.
#[derive(Clone, Debug)]
pub struct SourceSettings {
    pub limits: Limits,
}

impl SourceConfig {
    /// This (the command line's) options over `file`'s.
    pub fn or(self, file: SourceConfig) -> SourceConfig {
        SourceConfig { verify: self.verify || file.verify, max_body: self.max_body.or(file.max_body) }
    }

    /// The settings when verification is asked for.
    pub fn resolve(self) -> Option<SourceSettings> {
        self.verify.then(|| SourceSettings { limits: self.resolve_limits() })
    }

    /// The limits on reading a source, whether or not verification is asked for.
    pub fn resolve_limits(self) -> Limits {
        let mut limits = Limits::default();
        if let Some(size) = self.max_body {
            limits.max_body_bytes = size.0.max(1);
        }
        limits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("10MB"), Ok(10_000_000));
        assert_eq!(parse_size("2 MiB"), Ok(2 * 1024 * 1024));
        assert_eq!(parse_size("512"), Ok(512));
        assert!(parse_size("ten").is_err());
        assert!(parse_size("3 parsecs").is_err());
    }

    #[test]
    fn verification_is_off_unless_asked_for() {
        assert!(SourceConfig::default().resolve().is_none());
        let on = SourceConfig { verify: true, max_body: Some(ByteSize(1000)) }.resolve().unwrap();
        assert_eq!(on.limits.max_body_bytes, 1000);
    }
}
