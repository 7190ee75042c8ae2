//! The link checker: every URL of every document, checked once per run, politely, with
//! a disk cache and an archive rescue for what is dead.
//!
//! [`check`] is a synchronous facade over an async core (reqwest + tokio): it
//! deduplicates the URLs (fragment and credentials removed), answers what it can from
//! the cache, checks the rest under a global and a per-host limit, and looks dead links
//! up in the Wayback Machine. It answers with a [`UrlCheck`] per distinct URL and, for
//! each place a URL is written, which check and which archived copy belong to it; the
//! link rules (`crate::rules::links`) turn those into findings.

pub mod archive;
mod cache;
mod checker;
mod landing;
pub mod policy;
pub mod verdict;

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::IsTerminal;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use regex::Regex;
use url::Url;

use crate::document::urls::UrlOccurrence;
pub use archive::{Rescue, Snapshot};
use cache::Cache;
use checker::Checker;
pub use verdict::{Hop, Landing, UrlCheck, Verdict};

/// How long a cached verdict stays fresh, per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaxAge {
    pub alive: Duration,
    /// Zero: a dead link is checked again on every run (it may have come back, and
    /// a finding that fails the build deserves a fresh look).
    pub dead: Duration,
    pub unverified: Duration,
}

impl Default for MaxAge {
    fn default() -> Self {
        MaxAge { alive: Duration::from_secs(86_400), dead: Duration::ZERO, unverified: Duration::ZERO }
    }
}

/// Where to look for archived copies of dead pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveSettings {
    /// Serves `/wayback/available` and `/web/<timestamp>/<url>`.
    pub base_url: String,
}

impl Default for ArchiveSettings {
    fn default() -> Self {
        ArchiveSettings { base_url: "https://web.archive.org".to_owned() }
    }
}

/// Everything the checker can be told. [`Default`] gives the documented defaults.
#[derive(Clone, Debug)]
pub struct LinkSettings {
    /// Total time for one request, headers included (`--timeout`).
    pub timeout: Duration,
    /// Time to establish a connection (capped by `timeout`).
    pub connect_timeout: Duration,
    /// Retries after a transient failure (`--retries`).
    pub retries: u32,
    /// First backoff before a retry; doubles each time, plus up to half again of jitter.
    pub backoff: Duration,
    /// The longest wait honoured, from `Retry-After` or backoff; a server asking for
    /// longer gets an "unverified" instead.
    pub retry_after_cap: Duration,
    /// Requests in flight in all (`--concurrency`).
    pub concurrency: usize,
    /// Requests in flight to one host (`[links] per-host`).
    pub per_host: usize,
    /// Least time between the starts of two requests to one host.
    pub min_interval: Duration,
    /// Fetch loopback, private, link-local and unspecified addresses (`--allow-private`).
    pub allow_private: bool,
    /// The cache file (`--cache`); `None` is `--no-cache`.
    pub cache_path: Option<PathBuf>,
    pub max_age: MaxAge,
    /// URLs matching any of these are not checked (`[links] exclude`).
    pub exclude: Vec<Regex>,
    /// Status codes that count as alive (`[links] accept`), e.g. 403 for a site that
    /// refuses robots.
    pub accept: Vec<u16>,
    /// Archive lookups for dead links; `None` turns them off.
    pub archive: Option<ArchiveSettings>,
    pub user_agent: String,
    /// Host names exempt from the address policy (an intranet mirror you trust). Only
    /// these names: a redirect from them to another private address is still refused.
    pub allow_hosts: Vec<String>,
    /// Names resolved to these addresses instead of asking DNS (tests); the address
    /// policy still applies to them.
    pub resolve_overrides: Vec<(String, SocketAddr)>,
    /// Draw a progress bar on stderr (only when it is a terminal and the run checks more
    /// than a handful of links).
    pub progress: bool,
}

impl Default for LinkSettings {
    fn default() -> Self {
        LinkSettings {
            timeout: Duration::from_secs(20),
            connect_timeout: Duration::from_secs(10),
            retries: 2,
            backoff: Duration::from_millis(500),
            retry_after_cap: Duration::from_secs(60),
            concurrency: 64,
            per_host: 4,
            min_interval: Duration::from_millis(100),
            allow_private: false,
            cache_path: Some(PathBuf::from(".citelint-cache")),
            max_age: MaxAge::default(),
            exclude: Vec::new(),
            accept: Vec::new(),
            archive: Some(ArchiveSettings::default()),
            user_agent: user_agent(),
            allow_hosts: Vec::new(),
            resolve_overrides: Vec::new(),
            progress: true,
        }
    }
}

/// `citelint/<version> (+<repository>)`: names the tool so a site owner can find out
/// who is knocking.
pub fn user_agent() -> String {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let version = env!("CARGO_PKG_VERSION");
    if repo.is_empty() { format!("citelint/{version}") } else { format!("citelint/{version} (+{repo})") }
}

/// What a run did, for the summary and the benchmark.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkStats {
    /// URL occurrences looked at (fetchable, not excluded).
    pub occurrences: usize,
    /// Distinct URLs among them (fragment and credentials removed).
    pub distinct_urls: usize,
    /// Distinct URLs answered from the cache.
    pub cache_hits: usize,
    /// HTTP requests sent to check links.
    pub requests: u64,
    /// Archive lookups made (not answered by the cache) and requests they sent.
    pub archive_lookups: usize,
    pub archive_requests: u64,
    /// Occurrences not checked: other schemes (mailto, ftp, file) or excluded.
    pub skipped: usize,
}

/// What a run found out, and what it cost.
#[derive(Debug, Default)]
pub struct LinkRun {
    /// One check per distinct URL.
    pub checks: Vec<UrlCheck>,
    /// Parallel to the `files` argument and each file's occurrences: the answer for each
    /// place a URL is written, `None` where it was not checked (malformed, not HTTP(S),
    /// excluded).
    pub answers: Vec<Vec<Option<Answer>>>,
    pub stats: LinkStats,
    /// Problems that did not stop the run (an unreadable cache).
    pub warnings: Vec<String>,
}

/// What the run says about one written URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Index into [`LinkRun::checks`].
    pub check: usize,
    /// What the archive holds of it, for a dead or gone-looking page.
    pub rescue: Rescue,
}

/// What stops a run before it starts.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum LinkError {
    #[error("cannot start the link checker's runtime")]
    #[diagnostic(code(citelint::links::runtime))]
    Runtime(#[source] std::io::Error),
    #[error("cannot build the HTTP client")]
    #[diagnostic(code(citelint::links::client), help("the TLS setup or the resolver failed to initialize"))]
    Client(#[source] reqwest::Error),
}

/// Check every URL in `files` (one list per file), each distinct one once. Unparseable
/// URLs are skipped here: `malformed-url` is a document rule and runs without the
/// network.
///
/// Each occurrence may carry the date of the footnote citing it (`YYYYMMDD`), used to
/// pick the archived copy closest to what the author saw.
pub fn check(files: &[Vec<UrlOccurrence>], settings: &LinkSettings) -> Result<LinkRun, LinkError> {
    let mut run = LinkRun::default();

    // Distinct URLs, and for each occurrence the index of its URL. A URL written many
    // times is parsed once: what it came to is remembered by its text.
    let mut keys: Vec<Url> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut written: HashMap<Cow<'_, str>, Written> = HashMap::new();
    let mut key_of: Vec<Vec<Option<usize>>> = Vec::with_capacity(files.len());
    for occurrences in files {
        let mut per_file = Vec::with_capacity(occurrences.len());
        for occ in occurrences {
            let what = *written.entry(occ.href()).or_insert_with_key(|href| match Url::parse(href) {
                Err(_) => Written::Malformed,
                Ok(url)
                    if !policy::is_fetchable(&url)
                        || settings.exclude.iter().any(|r| r.is_match(url.as_str())) =>
                {
                    Written::Skipped
                }
                Ok(url) => {
                    let key = policy::check_key(&url);
                    let next = keys.len();
                    let i = *index.entry(key.to_string()).or_insert(next);
                    if i == next {
                        keys.push(key);
                    }
                    Written::Checked(i)
                }
            });
            per_file.push(match what {
                Written::Malformed => None,
                Written::Skipped => {
                    run.stats.skipped += 1;
                    None
                }
                Written::Checked(i) => {
                    run.stats.occurrences += 1;
                    Some(i)
                }
            });
        }
        key_of.push(per_file);
    }
    run.stats.distinct_urls = keys.len();

    let mut cache = Cache::open(settings.cache_path.as_deref(), settings.max_age, &mut run.warnings);
    let mut outcomes: Vec<Option<UrlCheck>> = keys.iter().map(|k| cache.get(k.as_str())).collect();
    run.stats.cache_hits = outcomes.iter().filter(|o| o.is_some()).count();

    // The runtime and client are built only when something must be asked.
    let mut net: Option<(tokio::runtime::Runtime, Arc<Checker>)> = None;
    let todo: Vec<usize> = (0..keys.len()).filter(|&i| outcomes[i].is_none()).collect();
    if !todo.is_empty() {
        let (runtime, checker) = net.insert(network(settings)?);
        let fresh = runtime.block_on(check_all(checker, &keys, &todo, settings.progress));
        run.stats.requests = checker.requests();
        for (i, outcome) in fresh {
            cache.put(keys[i].as_str(), &outcome);
            outcomes[i] = Some(outcome);
        }
    }

    // Archive lookups: each dead (or gone-looking) URL with each date citing it.
    let mut rescues: HashMap<String, Rescue> = HashMap::new();
    if let Some(archive) = &settings.archive {
        let mut lookups = Vec::new();
        for (cache_key, target, date) in rescue_requests(files, &key_of, &keys, &outcomes) {
            match cache.get_archive(&cache_key) {
                Some(found) => {
                    rescues.insert(cache_key, found.map_or(Rescue::NoCopy, Rescue::Found));
                }
                None => lookups.push((cache_key, target, date)),
            }
        }
        run.stats.archive_lookups = lookups.len();
        if !lookups.is_empty() {
            if net.is_none() {
                net = Some(network(settings)?);
            }
            let (runtime, checker) = net.as_ref().expect("just built");
            let before = checker.requests();
            let answers = match Url::parse(&archive.base_url) {
                Ok(base) => runtime.block_on(lookup_all(checker, &base, lookups)),
                Err(e) => {
                    let why = format!("the archive URL `{}` is invalid: {e}", archive.base_url);
                    lookups.into_iter().map(|(k, ..)| (k, Err(why.clone()))).collect()
                }
            };
            run.stats.archive_requests = checker.requests() - before;
            for (cache_key, answer) in answers {
                let rescue = match answer {
                    Ok(found) => {
                        cache.put_archive(&cache_key, found.clone());
                        found.map_or(Rescue::NoCopy, Rescue::Found)
                    }
                    Err(e) => Rescue::Failed(e),
                };
                rescues.insert(cache_key, rescue);
            }
        }
    }
    cache.save(&mut run.warnings);

    // A URL whose check was lost (its task panicked) gets no answer rather than a guess.
    let index_of: Vec<Option<usize>> = {
        let mut next = 0;
        outcomes
            .iter()
            .map(|o| {
                o.as_ref().map(|_| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    };
    run.answers = files
        .iter()
        .zip(&key_of)
        .map(|(occurrences, keys_here)| {
            occurrences
                .iter()
                .zip(keys_here)
                .map(|(occ, key)| {
                    let i = (*key)?;
                    let check = index_of[i]?;
                    let rescue = if settings.archive.is_none() {
                        Rescue::Off
                    } else {
                        let cache_key = archive_key(keys[i].as_str(), valid_date(occ));
                        rescues.get(&cache_key).cloned().unwrap_or(Rescue::Off)
                    };
                    Some(Answer { check, rescue })
                })
                .collect()
        })
        .collect();
    run.checks = outcomes.into_iter().flatten().collect();
    Ok(run)
}

/// A runtime and a client, for the runs that need the network.
fn network(settings: &LinkSettings) -> Result<(tokio::runtime::Runtime, Arc<Checker>), LinkError> {
    let runtime =
        tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(LinkError::Runtime)?;
    let checker = {
        let _in_runtime = runtime.enter();
        Checker::new(Arc::new(settings.clone())).map_err(LinkError::Client)?
    };
    Ok((runtime, Arc::new(checker)))
}

/// Check the URLs at `todo` concurrently (the checker enforces the limits).
async fn check_all(
    checker: &Arc<Checker>,
    keys: &[Url],
    todo: &[usize],
    progress: bool,
) -> Vec<(usize, UrlCheck)> {
    let bar = (progress && todo.len() > 8 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(todo.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("checking links {bar:30} {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    let mut tasks = tokio::task::JoinSet::new();
    for &i in todo {
        let checker = Arc::clone(checker);
        let url = keys[i].clone();
        tasks.spawn(async move { (i, checker.check(&url).await) });
    }
    let mut done = Vec::with_capacity(todo.len());
    while let Some(joined) = tasks.join_next().await {
        if let Ok(result) = joined {
            done.push(result);
        }
        if let Some(bar) = &bar {
            bar.inc(1);
        }
    }
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    done
}

type Lookup = (String, String, Option<String>);

async fn lookup_all(
    checker: &Arc<Checker>,
    base: &Url,
    lookups: Vec<Lookup>,
) -> Vec<(String, Result<Option<Snapshot>, String>)> {
    let mut tasks = tokio::task::JoinSet::new();
    for (cache_key, target, date) in lookups {
        let checker = Arc::clone(checker);
        let base = base.clone();
        tasks.spawn(async move {
            let answer = archive::lookup(&checker, &base, &target, date.as_deref()).await;
            (cache_key, answer)
        });
    }
    let mut done = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        if let Ok(result) = joined {
            done.push(result);
        }
    }
    done
}

/// What the occurrences of one written URL come to in [`check`].
#[derive(Clone, Copy)]
enum Written {
    /// It does not parse (`malformed-url` reports it).
    Malformed,
    /// Not fetched: not HTTP(S), or excluded by the settings.
    Skipped,
    /// Checked as `keys[i]`.
    Checked(usize),
}

/// The occurrence's citing date if it is a plausible `YYYYMMDD`.
fn valid_date(occ: &UrlOccurrence) -> Option<&str> {
    occ.date.as_deref().filter(|d| d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()))
}

fn archive_key(url: &str, date: Option<&str>) -> String {
    match date {
        Some(d) => format!("{url} {d}"),
        None => url.to_owned(),
    }
}

/// The distinct (cache key, URL, date) archive lookups the outcomes call for.
fn rescue_requests(
    files: &[Vec<UrlOccurrence>],
    key_of: &[Vec<Option<usize>>],
    keys: &[Url],
    outcomes: &[Option<UrlCheck>],
) -> Vec<Lookup> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (occurrences, keys_here) in files.iter().zip(key_of) {
        for (occ, key) in occurrences.iter().zip(keys_here) {
            let Some(i) = *key else { continue };
            if !outcomes[i].as_ref().is_some_and(|o| o.verdict == Verdict::Dead || o.landing.is_some()) {
                continue;
            }
            let date = valid_date(occ);
            let cache_key = archive_key(keys[i].as_str(), date);
            if seen.insert(cache_key.clone()) {
                out.push((cache_key, keys[i].to_string(), date.map(str::to_owned)));
            }
        }
    }
    out
}
