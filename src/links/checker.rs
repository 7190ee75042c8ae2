//! The HTTP side: one polite, bounded request at a time per slot, HEAD before GET,
//! redirects followed by hand, retries for what may pass, and a verdict at the end.

use std::collections::{HashMap, HashSet};
use std::error::Error as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::Method;
use reqwest::header::{self, HeaderMap};
use tokio::sync::Semaphore;
use tokio::time::{Instant, sleep, sleep_until};
use url::Url;

use super::LinkSettings;
use super::landing::{
    MAX_PREFIX, NOT_FOUND_TITLE, is_front_page, read_page, read_prefix, says_not_found, title_of,
};
use super::policy::{self, PolicyResolver, Refusal, ResolveError};
use super::verdict::{Hop, Landing, UrlCheck, Verdict, describe_status};

/// Redirects followed before the chain counts as endless.
pub const MAX_REDIRECTS: usize = 10;

/// The answer to one request, read no further than its headers (and, for a title, a
/// small prefix of the body).
pub(crate) struct Reply {
    pub status: u16,
    pub location: Option<String>,
    pub retry_after: Option<Duration>,
    /// A bot wall says so in a header (Cloudflare's `cf-mitigated: challenge`).
    pub bot_wall: bool,
    pub title: Option<String>,
    /// The body's first [`MAX_PREFIX`](super::landing::MAX_PREFIX) bytes, for [`Read::Body`];
    /// the page up to its limit for [`Read::Page`].
    pub body: Vec<u8>,
    /// The `Content-Type` header.
    pub content_type: Option<String>,
    /// The body was longer than [`Read::Page`]'s limit.
    pub truncated: bool,
}

/// How much of a response to read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Read {
    Headers,
    /// An HTML page's `<title>`.
    Title,
    /// A small body (the archive's JSON).
    Body,
    /// A whole page, up to this many bytes, when its type is one sources are checked in
    /// (HTML, XHTML, plain text, PDF, or undeclared).
    Page(usize),
}

/// A page read whole for source verification.
pub(crate) struct FetchedPage {
    /// Where it was read (after redirects).
    pub url: String,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    pub truncated: bool,
}

/// Whether a page of this `Content-Type` is read for source verification.
pub(crate) fn is_readable_type(content_type: Option<&str>) -> bool {
    let Some(ct) = content_type else { return true };
    let mime = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    matches!(
        mime.as_str(),
        "" | "text/html"
            | "application/xhtml+xml"
            | "text/plain"
            | "application/pdf"
            | "application/x-pdf"
            | "application/octet-stream"
            | "binary/octet-stream"
    )
}

/// Why a request got no answer.
#[derive(Debug)]
pub(crate) enum Failure {
    Timeout,
    Refused(Refusal),
    NoSuchHost(String),
    ConnectionRefused,
    /// Resets, closed connections, temporary DNS failures: worth a retry.
    Transient(String),
    /// TLS and other errors a retry will not fix.
    Other(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Timeout => f.write_str("no answer in time"),
            Failure::Refused(r) => r.fmt(f),
            Failure::NoSuchHost(h) => write!(f, "no such host: {h}"),
            Failure::ConnectionRefused => f.write_str("connection refused"),
            Failure::Transient(m) | Failure::Other(m) => f.write_str(m),
        }
    }
}

impl Failure {
    fn is_transient(&self) -> bool {
        matches!(self, Failure::Timeout | Failure::Transient(_))
    }
}

/// A host's share of the run: at most `per_host` requests in flight and request starts
/// at least `min_interval` apart.
struct HostGate {
    permits: Semaphore,
    /// When the next request to this host may start. Held while waiting for a global
    /// slot, so the host's requests leave in order and spaced.
    next: tokio::sync::Mutex<Instant>,
}

pub(crate) struct Checker {
    client: reqwest::Client,
    settings: Arc<LinkSettings>,
    global: Semaphore,
    hosts: Mutex<HashMap<String, Arc<HostGate>>>,
    requests: AtomicU64,
}

impl Checker {
    pub fn new(settings: Arc<LinkSettings>) -> Result<Self, reqwest::Error> {
        // reqwest is built without a bundled crypto provider; ring compiles quickly and
        // needs no C toolchain. Installing twice is harmless (the first one stays).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let mut overrides: HashMap<String, Vec<_>> = HashMap::new();
        for (host, addr) in &settings.resolve_overrides {
            overrides.entry(host.to_ascii_lowercase()).or_default().push(*addr);
        }
        let resolver = PolicyResolver {
            allow_private: settings.allow_private,
            allow_hosts: settings.allow_hosts.clone(),
            dns_works: Arc::new(tokio::sync::OnceCell::new()),
            overrides: Arc::new(overrides),
        };
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            header::HeaderValue::from_static(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            ),
        );
        // Titles are read from the raw prefix: no compression.
        headers.insert(header::ACCEPT_ENCODING, header::HeaderValue::from_static("identity"));
        let client = reqwest::Client::builder()
            .user_agent(settings.user_agent.clone())
            .default_headers(headers)
            .redirect(reqwest::redirect::Policy::none())
            .timeout(settings.timeout)
            .connect_timeout(settings.timeout.min(settings.connect_timeout))
            .dns_resolver(resolver)
            // A proxy would resolve names itself, out of the address policy's sight.
            .no_proxy()
            .build()?;
        Ok(Checker {
            client,
            global: Semaphore::new(settings.concurrency.max(1)),
            hosts: Mutex::new(HashMap::new()),
            requests: AtomicU64::new(0),
            settings,
        })
    }

    /// Requests sent so far.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }

    fn gate(&self, url: &Url) -> Arc<HostGate> {
        let host = url.host_str().unwrap_or_default().to_ascii_lowercase();
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        Arc::clone(hosts.entry(host).or_insert_with(|| {
            Arc::new(HostGate {
                permits: Semaphore::new(self.settings.per_host.max(1)),
                next: tokio::sync::Mutex::new(Instant::now()),
            })
        }))
    }

    /// Hold the host's requests back until `until` (a `Retry-After`).
    async fn pause_host(&self, url: &Url, until: Instant) {
        let gate = self.gate(url);
        let mut next = gate.next.lock().await;
        *next = (*next).max(until);
    }

    /// One request within the politeness limits. Only the headers are read, and, as
    /// `read` asks, at most [`MAX_PREFIX`](super::landing::MAX_PREFIX) bytes of the body.
    pub async fn fetch(&self, method: Method, url: &Url, read: Read) -> Result<Reply, Failure> {
        if !self.settings.allow_private
            && let Some(r) = policy::refused_literal(url)
        {
            return Err(Failure::Refused(r));
        }
        let gate = self.gate(url);
        let _host = gate.permits.acquire().await.expect("semaphores are never closed");
        let _slot = {
            let mut next = gate.next.lock().await;
            sleep_until(*next).await;
            let slot = self.global.acquire().await.expect("semaphores are never closed");
            *next = Instant::now() + self.settings.min_interval;
            slot
        };
        self.requests.fetch_add(1, Ordering::Relaxed);
        let response = self.client.request(method, url.clone()).send().await.map_err(classify)?;
        let headers = response.headers();
        let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let html = text("content-type").is_some_and(|t| t.to_ascii_lowercase().contains("html"));
        let mut reply = Reply {
            status: response.status().as_u16(),
            location: text("location"),
            retry_after: text("retry-after").and_then(|v| parse_retry_after(&v)),
            bot_wall: headers.contains_key("cf-mitigated"),
            title: None,
            body: Vec::new(),
            content_type: text("content-type"),
            truncated: false,
        };
        if response.status().is_success() {
            match read {
                Read::Title if html => {
                    reply.title = title_of(&String::from_utf8_lossy(&read_prefix(response, b"</title").await))
                }
                Read::Body => reply.body = read_prefix(response, b"").await,
                Read::Page(limit) if is_readable_type(reply.content_type.as_deref()) => {
                    (reply.body, reply.truncated) = read_page(response, limit).await;
                    if html {
                        reply.title = title_of(&String::from_utf8_lossy(
                            &reply.body[..reply.body.len().min(MAX_PREFIX)],
                        ));
                    }
                }
                _ => {}
            }
        }
        // Dropping the response here closes the connection instead of reading the body.
        Ok(reply)
    }

    /// HEAD, then GET when HEAD is refused or unreliable; retries for transient
    /// failures. A page to read ([`Read::Page`]) is asked for with GET at once: one
    /// request serves the verdict and the page. Returns the last reply and the requests
    /// it took.
    async fn fetch_with_retries(&self, url: &Url, requests: &mut u32, read: Read) -> Result<Reply, Failure> {
        let mut use_get = matches!(read, Read::Page(_));
        let mut attempt = 0;
        loop {
            let method = if use_get { Method::GET } else { Method::HEAD };
            *requests += 1;
            let result = self.fetch(method.clone(), url, if use_get { read } else { Read::Headers }).await;
            let retry_left = attempt < self.settings.retries;
            match result {
                Ok(r) => {
                    let s = r.status;
                    if self.settings.accept.contains(&s) || (200..400).contains(&s) {
                        return Ok(r);
                    }
                    // Servers answer HEAD with 405, 501, 403 or even 404 where GET
                    // works: only GET's answer counts.
                    if !use_get && (400..500).contains(&s) && s != 429 {
                        use_get = true;
                        continue;
                    }
                    if !(s == 429 || s >= 500) || !retry_left {
                        return Ok(r);
                    }
                    match r.retry_after {
                        Some(wait) if wait > self.settings.retry_after_cap => return Ok(r),
                        Some(wait) => self.pause_host(url, Instant::now() + wait).await,
                        None if s == 429 => {
                            self.pause_host(url, Instant::now() + self.backoff(attempt)).await
                        }
                        None => sleep(self.backoff(attempt)).await,
                    }
                    // A server failing HEAD may still serve GET.
                    use_get = true;
                }
                Err(f) if f.is_transient() && retry_left => sleep(self.backoff(attempt)).await,
                Err(f) => return Err(f),
            }
            attempt += 1;
        }
    }

    /// GET a small body (at most [`MAX_PREFIX`](super::landing::MAX_PREFIX) bytes) that must come with a success.
    pub async fn fetch_body(&self, url: &Url) -> Result<Vec<u8>, String> {
        let reply = self.fetch(Method::GET, url, Read::Body).await.map_err(|f| f.to_string())?;
        if (200..300).contains(&reply.status) { Ok(reply.body) } else { Err(describe_status(reply.status)) }
    }

    /// Exponential backoff with jitter, so retries from many links do not arrive together.
    fn backoff(&self, attempt: u32) -> Duration {
        let base = self.settings.backoff.saturating_mul(1 << attempt.min(16));
        let jitter = base.mul_f64(fastrand::f64() * 0.5);
        (base + jitter).min(self.settings.retry_after_cap)
    }

    /// Check one URL: follow its redirects and conclude. With [`Read::Page`], also the
    /// page it ends on, when it answered with a success.
    pub async fn check(&self, start: &Url, read: Read) -> (UrlCheck, Option<FetchedPage>) {
        let mut requests = 0;
        let (mut outcome, page) = self.follow(start, &mut requests, read).await;
        outcome.requests = requests;
        (outcome, page)
    }

    /// GET a page whole (an archived copy), following no redirects beyond the archive's own.
    pub async fn read_page(&self, url: &Url, limit: usize) -> Result<FetchedPage, String> {
        let mut requests = 0;
        let (outcome, page) = self.follow(url, &mut requests, Read::Page(limit)).await;
        page.ok_or(outcome.reason)
    }

    async fn follow(&self, start: &Url, requests: &mut u32, read: Read) -> (UrlCheck, Option<FetchedPage>) {
        let mut url = start.clone();
        let mut redirects: Vec<Hop> = Vec::new();
        let mut seen = HashSet::from([url.to_string()]);
        loop {
            let reply = match self.fetch_with_retries(&url, requests, read).await {
                Ok(r) => r,
                Err(f) => {
                    return (with_chain(failure_outcome(f, &self.settings, *requests), redirects), None);
                }
            };
            let status = reply.status;
            if self.settings.accept.contains(&status) || (200..300).contains(&status) {
                let mut outcome = UrlCheck::new(Verdict::Alive, Some(status), describe_status(status));
                if !redirects.is_empty() {
                    let title = matches!(read, Read::Page(_)).then(|| reply.title.clone());
                    outcome.landing = self.landing(start, &url, requests, title).await;
                }
                let page = matches!(read, Read::Page(_)).then(|| FetchedPage {
                    url: url.to_string(),
                    content_type: reply.content_type,
                    body: reply.body,
                    truncated: reply.truncated,
                });
                return (with_chain(outcome, redirects), page);
            }
            if matches!(status, 301 | 302 | 303 | 307 | 308) {
                let Some(location) = reply.location else {
                    let why = format!("{} without a Location header", describe_status(status));
                    return (
                        with_chain(UrlCheck::new(Verdict::Unverified, Some(status), why), redirects),
                        None,
                    );
                };
                let Ok(mut next) = url.join(&location) else {
                    let why = format!("redirects to an invalid URL `{location}`");
                    return (
                        with_chain(UrlCheck::new(Verdict::Unverified, Some(status), why), redirects),
                        None,
                    );
                };
                next = policy::check_key(&next);
                redirects.push(Hop { status, to: next.to_string() });
                if !policy::is_fetchable(&next) {
                    let why = format!("redirects to a {} URL, which is not checked", next.scheme());
                    return (
                        with_chain(UrlCheck::new(Verdict::Unverified, Some(status), why), redirects),
                        None,
                    );
                }
                if !seen.insert(next.to_string()) {
                    return (with_chain(loop_outcome(&redirects, &next), redirects), None);
                }
                if redirects.len() > MAX_REDIRECTS {
                    let why = format!("more than {MAX_REDIRECTS} redirects");
                    return (with_chain(UrlCheck::new(Verdict::Dead, Some(status), why), redirects), None);
                }
                url = next;
                continue;
            }
            return (with_chain(status_outcome(&reply, *requests), redirects), None);
        }
    }

    /// Whether a redirected deep link landed somewhere that says the page is gone.
    /// `title`: the landing page's title when its body was read already (`Some(None)`: it
    /// has none), so no request is needed for it.
    async fn landing(
        &self,
        start: &Url,
        end: &Url,
        requests: &mut u32,
        title: Option<Option<String>>,
    ) -> Option<Landing> {
        if is_front_page(start) {
            return None;
        }
        if is_front_page(end) {
            return Some(Landing::FrontPage);
        }
        if says_not_found(end) && !says_not_found(start) {
            return Some(Landing::NotFoundUrl);
        }
        // A move that keeps the path (http to https, a new host name, a trailing slash)
        // moved the page, not lost it: spare the request for its title.
        if end.path().trim_end_matches('/') == start.path().trim_end_matches('/')
            && end.query() == start.query()
        {
            return None;
        }
        let title = match title {
            Some(known) => known?,
            None => {
                *requests += 1;
                self.fetch(Method::GET, end, Read::Title).await.ok()?.title?
            }
        };
        NOT_FOUND_TITLE.is_match(&title).then_some(Landing::SoftNotFound(title))
    }
}

fn with_chain(mut outcome: UrlCheck, redirects: Vec<Hop>) -> UrlCheck {
    outcome.redirects = redirects;
    outcome
}

/// A redirect chain that comes back to a URL it passed. Only a loop of permanent
/// redirects is certain; sites send browsers without cookies round a loop of temporary
/// ones (set cookie, redirect to self).
fn loop_outcome(redirects: &[Hop], back_to: &Url) -> UrlCheck {
    let from = redirects.iter().position(|h| h.to == back_to.as_str()).map_or(0, |i| i + 1);
    let all_permanent = redirects[from..].iter().all(Hop::is_permanent);
    let status = redirects.last().map(|h| h.status);
    if all_permanent {
        UrlCheck::new(Verdict::Dead, status, format!("redirect loop back to {back_to}"))
    } else {
        let why = format!("temporary redirects loop back to {back_to} (the site may want cookies)");
        UrlCheck::new(Verdict::Unverified, status, why)
    }
}

/// The verdict for a final status that is neither success nor redirect.
fn status_outcome(reply: &Reply, requests: u32) -> UrlCheck {
    let s = reply.status;
    let described = describe_status(s);
    let (verdict, why) = match s {
        404 | 410 => (Verdict::Dead, described),
        403 if reply.bot_wall => {
            (Verdict::Unverified, format!("{described}: a bot wall (cf-mitigated) turned the checker away"))
        }
        401 | 402 | 403 | 407 => {
            (Verdict::Unverified, format!("{described}: the site does not let robots in"))
        }
        999 => (Verdict::Unverified, "999: the site refuses robots".to_owned()),
        429 => (Verdict::Unverified, after_attempts(&described, reply, requests)),
        500.. => (Verdict::Unverified, after_attempts(&described, reply, requests)),
        _ => (Verdict::Unverified, described),
    };
    UrlCheck::new(verdict, Some(s), why)
}

fn after_attempts(described: &str, reply: &Reply, requests: u32) -> String {
    match reply.retry_after {
        Some(wait) => format!("{described}, asked to retry after {} s", wait.as_secs()),
        None => format!("{described} after {}", attempts(requests)),
    }
}

fn failure_outcome(f: Failure, settings: &LinkSettings, requests: u32) -> UrlCheck {
    match f {
        Failure::Timeout => UrlCheck::new(
            Verdict::Unverified,
            None,
            format!("no answer within {} after {}", human_duration(settings.timeout), attempts(requests)),
        ),
        Failure::Refused(r) => UrlCheck::new(Verdict::Refused, None, r.to_string()),
        Failure::NoSuchHost(h) => UrlCheck::new(Verdict::Dead, None, format!("no such host: {h}")),
        Failure::ConnectionRefused => UrlCheck::new(Verdict::Dead, None, "connection refused"),
        Failure::Transient(m) => {
            UrlCheck::new(Verdict::Unverified, None, format!("{m} after {}", attempts(requests)))
        }
        Failure::Other(m) => UrlCheck::new(Verdict::Unverified, None, m),
    }
}

fn attempts(n: u32) -> String {
    if n == 1 { "1 attempt".to_owned() } else { format!("{n} attempts") }
}

fn human_duration(d: Duration) -> String {
    if d.as_millis().is_multiple_of(1000) {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// Sort a reqwest error into what it means for the verdict, looking through its causes
/// for the resolver's own error and the socket's.
fn classify(e: reqwest::Error) -> Failure {
    if e.is_timeout() {
        return Failure::Timeout;
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = e.source();
    let mut innermost = e.to_string();
    while let Some(c) = cause {
        // io::Error's `source` skips the error it wraps, so look inside it as well.
        let wrapped = c
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
            .map(|w| w as &(dyn std::error::Error + 'static));
        for candidate in [Some(c), wrapped].into_iter().flatten() {
            if let Some(r) = candidate.downcast_ref::<ResolveError>() {
                return match r {
                    ResolveError::NoSuchHost(h) => Failure::NoSuchHost(h.clone()),
                    ResolveError::Refused(refusal) => Failure::Refused(refusal.clone()),
                    ResolveError::Transient(m) => Failure::Transient(m.clone()),
                };
            }
            if let Some(io) = candidate.downcast_ref::<std::io::Error>() {
                use std::io::ErrorKind::*;
                match io.kind() {
                    ConnectionRefused => return Failure::ConnectionRefused,
                    TimedOut => return Failure::Timeout,
                    ConnectionReset | ConnectionAborted | BrokenPipe | UnexpectedEof => {
                        return Failure::Transient(io.to_string());
                    }
                    _ => {}
                }
            }
            if candidate.downcast_ref::<rustls::Error>().is_some() {
                return Failure::Other(format!("TLS: {candidate}"));
            }
        }
        innermost = c.to_string();
        cause = c.source();
    }
    // hyper reports a connection closed mid-message in words only.
    if e.is_request() || e.is_body() || innermost.contains("closed") || innermost.contains("reset") {
        Failure::Transient(innermost)
    } else {
        Failure::Other(innermost)
    }
}

/// `Retry-After`: delay seconds or an HTTP date.
pub(crate) fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(value)?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// IMF-fixdate (`Wed, 21 Oct 2015 07:28:00 GMT`) as seconds since the epoch.
fn parse_http_date(s: &str) -> Option<u64> {
    let mut parts = s.split_whitespace().skip(1);
    let day: i64 = parts.next()?.parse().ok()?;
    let month_name = parts.next()?;
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .iter()
        .position(|m| *m == month_name)? as i64
        + 1;
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    // Days from civil (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    u64::try_from(days * 86_400 + h * 3600 + m * 60 + sec).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_http_date("Wed, 21 Oct 2015 07:28:00 GMT"), Some(1_445_412_480));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), Some(Duration::ZERO));
        assert_eq!(parse_retry_after("soon"), None);
    }
}
