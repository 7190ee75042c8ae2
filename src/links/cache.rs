//! The on-disk cache of verdicts and archive lookups (`.citelint-cache`, JSON), so a
//! second run over the same links sends no request for what it knows to be fresh.
//!
//! A cache that cannot be read is reported and rebuilt, never fatal: it only saves time.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::MaxAge;
use super::archive::Snapshot;
use super::verdict::{UrlCheck, Verdict};
use crate::source::{Overwrite, write_atomic};

/// Names the file's format, so a foreign JSON file is told apart from an old cache.
const FORMAT: &str = "citelint-link-cache";
const VERSION: u32 = 1;

/// How long an archive answer stays fresh: a found snapshot does not go away; "none"
/// may change as the archive crawls.
const ARCHIVE_FOUND_AGE: Duration = Duration::from_secs(30 * 86_400);
const ARCHIVE_NONE_AGE: Duration = Duration::from_secs(86_400);

#[derive(Serialize, Deserialize)]
struct CacheFile {
    format: String,
    version: u32,
    links: BTreeMap<String, LinkEntry>,
    archive: BTreeMap<String, ArchiveEntry>,
}

#[derive(Clone, Serialize, Deserialize)]
struct LinkEntry {
    /// Seconds since the epoch.
    checked: u64,
    outcome: UrlCheck,
}

#[derive(Clone, Serialize, Deserialize)]
struct ArchiveEntry {
    checked: u64,
    snapshot: Option<Snapshot>,
}

pub(crate) struct Cache {
    path: Option<PathBuf>,
    links: BTreeMap<String, LinkEntry>,
    archive: BTreeMap<String, ArchiveEntry>,
    max_age: MaxAge,
    now: u64,
    dirty: bool,
}

impl Cache {
    /// Open the cache at `path` (`None`: no cache). Problems are pushed to `warnings`.
    pub fn open(path: Option<&Path>, max_age: MaxAge, warnings: &mut Vec<String>) -> Cache {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
        let mut cache = Cache {
            path: path.map(Path::to_path_buf),
            links: BTreeMap::new(),
            archive: BTreeMap::new(),
            max_age,
            now,
            dirty: false,
        };
        let Some(path) = path else { return cache };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return cache,
            Err(e) => {
                warnings
                    .push(format!("cannot read the link cache {}: {e}; checking every link", path.display()));
                return cache;
            }
        };
        match serde_json::from_slice::<CacheFile>(&bytes) {
            Ok(file) if file.format == FORMAT && file.version == VERSION => {
                cache.links = file.links;
                cache.archive = file.archive;
            }
            Ok(file) => {
                warnings.push(format!(
                    "the link cache {} has format {} version {} (expected {FORMAT} version {VERSION}); rebuilding it",
                    path.display(),
                    file.format,
                    file.version
                ));
                cache.dirty = true;
            }
            Err(e) => {
                warnings.push(format!(
                    "the link cache {} is corrupt or not a citelint cache ({e}); rebuilding it",
                    path.display()
                ));
                cache.dirty = true;
            }
        }
        cache
    }

    fn max_age_of(&self, verdict: Verdict) -> Option<Duration> {
        match verdict {
            Verdict::Alive => Some(self.max_age.alive),
            Verdict::Dead => Some(self.max_age.dead),
            Verdict::Unverified => Some(self.max_age.unverified),
            // The address policy is a setting of the run, not a fact about the link.
            Verdict::Refused => None,
        }
    }

    fn fresh(&self, checked: u64, age: Duration) -> bool {
        checked <= self.now && self.now - checked < age.as_secs()
    }

    fn entry_fresh(&self, entry: &LinkEntry) -> bool {
        self.max_age_of(entry.outcome.verdict).is_some_and(|age| self.fresh(entry.checked, age))
    }

    /// A fresh verdict for `key`.
    pub fn get(&self, key: &str) -> Option<UrlCheck> {
        let entry = self.links.get(key)?;
        self.entry_fresh(entry).then(|| entry.outcome.clone())
    }

    pub fn put(&mut self, key: &str, outcome: &UrlCheck) {
        if self.path.is_none() || self.max_age_of(outcome.verdict).is_none() {
            return;
        }
        self.links.insert(key.to_owned(), LinkEntry { checked: self.now, outcome: outcome.clone() });
        self.dirty = true;
    }

    /// A fresh archive answer for `key` (`Some(None)`: the archive has no copy).
    pub fn get_archive(&self, key: &str) -> Option<Option<Snapshot>> {
        let entry = self.archive.get(key)?;
        let age = if entry.snapshot.is_some() { ARCHIVE_FOUND_AGE } else { ARCHIVE_NONE_AGE };
        self.fresh(entry.checked, age).then(|| entry.snapshot.clone())
    }

    pub fn put_archive(&mut self, key: &str, snapshot: Option<Snapshot>) {
        if self.path.is_none() {
            return;
        }
        self.archive.insert(key.to_owned(), ArchiveEntry { checked: self.now, snapshot });
        self.dirty = true;
    }

    /// Write the cache back (dropping stale entries) if anything changed.
    pub fn save(mut self, warnings: &mut Vec<String>) {
        let Some(path) = self.path.take() else { return };
        if !self.dirty {
            return;
        }
        let links = std::mem::take(&mut self.links);
        let links = links.into_iter().filter(|(_, e)| self.entry_fresh(e)).collect();
        let archive = std::mem::take(&mut self.archive);
        let archive = archive
            .into_iter()
            .filter(|(_, e)| {
                let age = if e.snapshot.is_some() { ARCHIVE_FOUND_AGE } else { ARCHIVE_NONE_AGE };
                self.fresh(e.checked, age)
            })
            .collect();
        let file = CacheFile { format: FORMAT.to_owned(), version: VERSION, links, archive };
        let json = match serde_json::to_vec(&file) {
            Ok(j) => j,
            Err(e) => return warnings.push(format!("cannot encode the link cache: {e}")),
        };
        // A run that is killed leaves the old cache whole.
        if let Err(e) = write_atomic(&path, &json, Overwrite::Yes) {
            warnings.push(format!("cannot write the link cache {}: {e}", path.display()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ages() -> MaxAge {
        MaxAge { alive: Duration::from_secs(86_400), dead: Duration::ZERO, unverified: Duration::ZERO }
    }

    #[test]
    fn alive_verdicts_are_kept_and_dead_ones_rechecked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache");
        let mut warnings = Vec::new();
        let mut cache = Cache::open(Some(&path), ages(), &mut warnings);
        cache.put("https://a.org/", &UrlCheck::new(Verdict::Alive, Some(200), "200 OK"));
        cache.put("https://b.org/", &UrlCheck::new(Verdict::Dead, Some(404), "404 Not Found"));
        cache.put("https://c.org/", &UrlCheck::new(Verdict::Refused, None, "loopback"));
        cache.put_archive("https://b.org/ 20190101", None);
        cache.save(&mut warnings);
        let cache = Cache::open(Some(&path), ages(), &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(cache.get("https://a.org/").map(|o| o.verdict), Some(Verdict::Alive));
        assert!(cache.get("https://b.org/").is_none());
        assert!(cache.get("https://c.org/").is_none());
        assert_eq!(cache.get_archive("https://b.org/ 20190101"), Some(None));
    }

    #[test]
    fn a_corrupt_or_foreign_cache_is_reported_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        for content in ["{not json", r#"{"format":"other","version":1,"links":{},"archive":{}}"#] {
            let path = dir.path().join("cache");
            std::fs::write(&path, content).unwrap();
            let mut warnings = Vec::new();
            let mut cache = Cache::open(Some(&path), ages(), &mut warnings);
            assert_eq!(warnings.len(), 1, "{content}");
            cache.put("https://a.org/", &UrlCheck::new(Verdict::Alive, Some(200), "200 OK"));
            cache.save(&mut warnings);
            let mut again = Vec::new();
            assert!(Cache::open(Some(&path), ages(), &mut again).get("https://a.org/").is_some());
            assert!(again.is_empty());
        }
    }
}
