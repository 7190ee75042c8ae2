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
use checker::{Checker, Read};
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
    /// Pages read whole for source verification (live pages and archived copies).
    pub pages_read: usize,
}

/// A page read whole for source verification, as the [`PageReader`] gets it.
#[derive(Clone, Copy, Debug)]
pub struct Page<'a> {
    /// Where it was read: the cited URL after its redirects, or the archived copy's raw
    /// address.
    pub url: &'a str,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
    /// The page was longer than the reader's limit and was cut there.
    pub truncated: bool,
    /// The archived copy this is, when the cited page is dead or gone.
    pub archived: Option<&'a Snapshot>,
}

/// What a run does with the pages whose sources are verified (`--verify-sources`): the
/// GET that checks such a URL reads its body too, and the run hands it here, off the
/// async runtime, so one request serves the link verdict and the source checks. At
/// most `concurrency` pages are held at once.
pub trait PageReader: Send + Sync {
    /// Whether the page of distinct URL `key` is wanted (cited with something to verify,
    /// and not known from an earlier run).
    fn wants(&self, key: &str) -> bool;
    /// The most bytes of a page read.
    fn max_body(&self) -> usize;
    /// The page of `key`, or of its archived copy, as read. Called at most once per key
    /// with a live page, and once more with an archived copy when the page is dead.
    fn read(&self, key: &str, page: Page<'_>);
    /// Why the page of `key` could not be read (dead with no archived copy to read, an
    /// archived copy that failed to load).
    fn unread(&self, key: &str, why: &str);
}

/// Whether a page title says the page was not found (a soft 404).
pub fn says_not_found(title: &str) -> bool {
    landing::NOT_FOUND_TITLE.is_match(title)
}

/// The key a URL is checked and cached by (fragment and credentials removed), or `None`
/// when it is not checked (does not parse, not HTTP(S)).
pub fn url_key(href: &str) -> Option<String> {
    let url = Url::parse(href).ok()?;
    policy::is_fetchable(&url).then(|| policy::check_key(&url).to_string())
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
/// pick the archived copy closest to what the author saw. With a `reader`, the pages it
/// wants are read whole by the same request (see [`PageReader`]).
pub fn check(
    files: &[Vec<UrlOccurrence>],
    settings: &LinkSettings,
    reader: Option<Arc<dyn PageReader>>,
) -> Result<LinkRun, LinkError> {
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

    // The runtime and client are built only when something must be asked. A cached
    // verdict does not spare the request for a page the reader wants: it brings both.
    let mut net: Option<(tokio::runtime::Runtime, Arc<Checker>)> = None;
    let wanted: Vec<bool> =
        keys.iter().map(|k| reader.as_ref().is_some_and(|r| r.wants(k.as_str()))).collect();
    let todo: Vec<usize> = (0..keys.len()).filter(|&i| outcomes[i].is_none() || wanted[i]).collect();
    if !todo.is_empty() {
        let (runtime, checker) = net.insert(network(settings)?);
        let pages = Pages { reader: reader.clone(), wanted: &wanted, concurrency: settings.concurrency };
        let (fresh, read) = runtime.block_on(check_all(checker, &keys, &todo, settings.progress, pages));
        run.stats.requests = checker.requests();
        run.stats.pages_read = read;
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

    // A wanted page that is dead or gone is read from its archived copy, the one for the
    // first date citing it.
    if let Some(reader) = &reader {
        let copies = archived_pages(files, &key_of, &keys, &outcomes, &wanted, &rescues);
        let mut gone = Vec::new();
        for (i, rescue, date) in copies {
            match rescue {
                Rescue::Found(snapshot) => gone.push((keys[i].to_string(), snapshot, date)),
                Rescue::NoCopy => {
                    reader.unread(keys[i].as_str(), "the page is gone and the archive holds no copy")
                }
                Rescue::Failed(why) => reader.unread(
                    keys[i].as_str(),
                    &format!("the page is gone and the archive could not be asked ({why})"),
                ),
                Rescue::Off => reader.unread(keys[i].as_str(), "the page is gone (archive lookups are off)"),
            }
        }
        if !gone.is_empty() {
            if net.is_none() {
                net = Some(network(settings)?);
            }
            let (runtime, checker) = net.as_ref().expect("just built");
            let before = checker.requests();
            let base = settings.archive.as_ref().and_then(|a| Url::parse(&a.base_url).ok());
            run.stats.pages_read += runtime.block_on(read_archived(checker, reader, base, gone));
            run.stats.archive_requests += checker.requests() - before;
        }
    }

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

/// Which pages [`check_all`] reads whole, and for whom.
struct Pages<'w> {
    reader: Option<Arc<dyn PageReader>>,
    wanted: &'w [bool],
    /// Pages held at once, fetched or being read.
    concurrency: usize,
}

/// Check the URLs at `todo` concurrently (the checker enforces the limits), reading the
/// pages `pages` asks for and handing each to its reader. Returns the checks and how
/// many pages were read.
async fn check_all(
    checker: &Arc<Checker>,
    keys: &[Url],
    todo: &[usize],
    progress: bool,
    pages: Pages<'_>,
) -> (Vec<(usize, UrlCheck)>, usize) {
    let bar = (progress && todo.len() > 8 && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(todo.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("checking links {bar:30} {pos}/{len} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    });
    // A page is held from its request until its reader is done with it: this bounds the
    // memory pages take by the concurrency, not by the number of sources.
    let held = Arc::new(tokio::sync::Semaphore::new(pages.concurrency.max(1)));
    // Reading a page is work for a core: no more at once than there are cores, so the
    // blocking pool does not grow a thread (and an allocator arena) per page in flight.
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    let reading = Arc::new(tokio::sync::Semaphore::new(cores));
    let read = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut tasks = tokio::task::JoinSet::new();
    for &i in todo {
        let checker = Arc::clone(checker);
        let url = keys[i].clone();
        let reader = pages.reader.clone().filter(|_| pages.wanted[i]);
        let (held, reading, read) = (Arc::clone(&held), Arc::clone(&reading), Arc::clone(&read));
        tasks.spawn(async move {
            let Some(reader) = reader else { return (i, checker.check(&url, Read::Headers).await.0) };
            let _held = held.acquire_owned().await.expect("semaphores are never closed");
            let (outcome, page) = checker.check(&url, Read::Page(reader.max_body())).await;
            if let Some(page) = page {
                read.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let key = url.to_string();
                let _reading = reading.acquire_owned().await.expect("semaphores are never closed");
                let handed = tokio::task::spawn_blocking(move || {
                    reader.read(
                        &key,
                        Page {
                            url: &page.url,
                            content_type: page.content_type.as_deref(),
                            body: &page.body,
                            truncated: page.truncated,
                            archived: None,
                        },
                    )
                });
                let _ = handed.await;
            }
            (i, outcome)
        });
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
    (done, read.load(std::sync::atomic::Ordering::Relaxed))
}

/// Read the archived copies of wanted pages that are gone: `(key, snapshot, footnote
/// date)`. The copy read is the one closest to the footnote's date, preferring one from
/// before it (what the author can have seen): when the closest is later, the archive is
/// asked for the last capture before. Returns how many were read.
async fn read_archived(
    checker: &Arc<Checker>,
    reader: &Arc<dyn PageReader>,
    base: Option<Url>,
    gone: Vec<(String, Snapshot, Option<String>)>,
) -> usize {
    let mut tasks = tokio::task::JoinSet::new();
    for (key, closest, date) in gone {
        let checker = Arc::clone(checker);
        let reader = Arc::clone(reader);
        let base = base.clone();
        tasks.spawn(async move {
            let later = date.as_deref().filter(|d| closest.timestamp.get(..8).is_some_and(|t| t > *d));
            let before = match (later, &base) {
                (Some(d), Some(base)) => archive::latest_before(&checker, base, &key, d).await,
                _ => None,
            };
            let snapshot = before.unwrap_or(closest);
            let Some(raw) = archive::raw_url(&snapshot) else {
                reader.unread(
                    &key,
                    &format!(
                        "the archived copy's address {} is not one the archive serves raw",
                        snapshot.url
                    ),
                );
                return 0;
            };
            match checker.read_page(&raw, reader.max_body()).await {
                Ok(page) => {
                    let raw = raw.to_string();
                    let _ = tokio::task::spawn_blocking(move || {
                        reader.read(
                            &key,
                            Page {
                                url: &raw,
                                content_type: page.content_type.as_deref(),
                                body: &page.body,
                                truncated: page.truncated,
                                archived: Some(&snapshot),
                            },
                        )
                    })
                    .await;
                    1
                }
                Err(why) => {
                    reader.unread(
                        &key,
                        &format!(
                            "the page is gone and its archived copy {} could not be read ({why})",
                            snapshot.url
                        ),
                    );
                    0
                }
            }
        });
    }
    let mut read = 0;
    while let Some(joined) = tasks.join_next().await {
        read += joined.unwrap_or(0);
    }
    read
}

/// For each wanted URL whose page is dead or gone: the archive's answer for the first
/// date citing it, and that date.
fn archived_pages(
    files: &[Vec<UrlOccurrence>],
    key_of: &[Vec<Option<usize>>],
    keys: &[Url],
    outcomes: &[Option<UrlCheck>],
    wanted: &[bool],
    rescues: &HashMap<String, Rescue>,
) -> Vec<(usize, Rescue, Option<String>)> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (occurrences, keys_here) in files.iter().zip(key_of) {
        for (occ, key) in occurrences.iter().zip(keys_here) {
            let Some(i) = *key else { continue };
            let gone =
                outcomes[i].as_ref().is_some_and(|o| o.verdict == Verdict::Dead || o.landing.is_some());
            if !wanted[i] || !gone || !seen.insert(i) {
                continue;
            }
            let date = valid_date(occ);
            let cache_key = archive_key(keys[i].as_str(), date);
            out.push((i, rescues.get(&cache_key).cloned().unwrap_or(Rescue::Off), date.map(str::to_owned)));
        }
    }
    out
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
