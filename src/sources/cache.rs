//! The cache of what sources said (`.citelint-cache.sources/`, one JSON file per URL,
//! beside the link cache): the extracted text and metadata of each page read, with the
//! body's hash and when it was read, so a run within `max-age` reads nothing again and
//! `citelint source URL` can show why a finding was made.
//!
//! A file that cannot be read is ignored and rewritten: the cache only saves time.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::Extraction;
use super::verify::CheckedOn;
use crate::source::{Overwrite, write_atomic};

const FORMAT: &str = "citelint-source";
const VERSION: u32 = 1;

/// One page read: what it said, where and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    format: String,
    version: u32,
    /// The cited URL (as checked: fragment and credentials removed).
    pub url: String,
    /// Where the text was read: the page itself (after redirects) or an archived copy.
    pub checked_on: CheckedOn,
    /// Seconds since the epoch.
    pub fetched: u64,
    /// Hex SHA-256 of the body as read.
    pub body_sha256: String,
    pub content_type: Option<String>,
    /// The body was cut at the size limit.
    pub truncated: bool,
    pub extraction: Extraction,
}

impl Reading {
    pub fn new(
        url: &str,
        checked_on: CheckedOn,
        body: &[u8],
        content_type: Option<&str>,
        truncated: bool,
        extraction: Extraction,
    ) -> Reading {
        let fetched = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        Reading {
            format: FORMAT.to_owned(),
            version: VERSION,
            url: url.to_owned(),
            checked_on,
            fetched,
            body_sha256: hex(&Sha256::digest(body)),
            content_type: content_type.map(str::to_owned),
            truncated,
            extraction,
        }
    }
}

/// The directory of readings, or none (`--no-cache`).
#[derive(Clone, Debug)]
pub struct ReadingCache {
    dir: Option<PathBuf>,
    max_age: Duration,
}

impl ReadingCache {
    /// The cache beside the link cache at `link_cache` (`None`: no cache); readings
    /// older than `max_age` are read again.
    pub fn beside(link_cache: Option<&Path>, max_age: Duration) -> ReadingCache {
        let dir = link_cache.map(|p| {
            let mut name =
                p.file_name().map(|n| n.to_os_string()).unwrap_or_else(|| ".citelint-cache".into());
            name.push(".sources");
            p.with_file_name(name)
        });
        ReadingCache { dir, max_age }
    }

    fn path(&self, url: &str) -> Option<PathBuf> {
        let dir = self.dir.as_ref()?;
        Some(dir.join(format!("{}.json", &hex(&Sha256::digest(url.as_bytes()))[..32])))
    }

    /// The fresh reading of `url`, if there is one.
    pub fn get(&self, url: &str) -> Option<Reading> {
        let bytes = std::fs::read(self.path(url)?).ok()?;
        let reading: Reading = serde_json::from_slice(&bytes).ok()?;
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let fresh = now.saturating_sub(reading.fetched) < self.max_age.as_secs();
        (reading.format == FORMAT && reading.version == VERSION && reading.url == url && fresh)
            .then_some(reading)
    }

    /// Keep `reading`; a cache that cannot be written says why.
    pub fn put(&self, reading: &Reading) -> Result<(), String> {
        let Some(path) = self.path(&reading.url) else { return Ok(()) };
        let dir = path.parent().expect("a file in the cache directory");
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let json = serde_json::to_vec(reading).map_err(|e| format!("cannot encode a source reading: {e}"))?;
        write_atomic(&path, &json, Overwrite::Yes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::{Fetched, Limits, extract};

    #[test]
    fn a_reading_is_kept_beside_the_link_cache_until_it_grows_old() {
        let dir = tempfile::tempdir().unwrap();
        let cache =
            ReadingCache::beside(Some(&dir.path().join(".citelint-cache")), Duration::from_secs(3600));
        let body =
            b"<html><head><title>A page</title></head><body><p>Some words of text here.</p></body></html>";
        let url = "https://example.org/a";
        let extraction = extract(&Fetched { url, content_type: Some("text/html"), body }, &Limits::default());
        let on = CheckedOn::Live { url: url.to_owned() };
        let reading = Reading::new(url, on, body, Some("text/html"), false, extraction);
        cache.put(&reading).unwrap();
        assert!(dir.path().join(".citelint-cache.sources").is_dir());
        assert_eq!(cache.get(url), Some(reading.clone()));
        assert_eq!(cache.get("https://example.org/b"), None);
        let stale = ReadingCache::beside(Some(&dir.path().join(".citelint-cache")), Duration::ZERO);
        assert_eq!(stale.get(url), None);
        assert_eq!(ReadingCache::beside(None, Duration::from_secs(60)).get(url), None);
    }
}
