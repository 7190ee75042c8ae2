//! Archive rescue: the Wayback Machine's copy of a dead page closest to the date of the
//! footnote that cites it — through the availability API, or, when that is empty or
//! rate-limited, through the `/web/<timestamp>/<url>` redirect.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use url::Url;

use super::checker::{Checker, Read};

/// An archived copy of a page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub url: String,
    /// `YYYYMMDDhhmmss`.
    pub timestamp: String,
}

/// What the archive said about a dead or gone-looking page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Rescue {
    /// Archive lookups are turned off.
    Off,
    Found(Snapshot),
    /// The archive holds no usable copy.
    NoCopy,
    /// The archive could not be asked.
    Failed(String),
}

impl Snapshot {
    /// The capture date in words: `12 May 2019`.
    pub fn date(&self) -> Option<String> {
        let t = self.timestamp.as_bytes();
        if t.len() < 8 || !t[..8].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let year: i16 = self.timestamp[..4].parse().ok()?;
        let month: i8 = self.timestamp[4..6].parse().ok()?;
        let day: i8 = self.timestamp[6..8].parse().ok()?;
        let date = jiff::civil::Date::new(year, month, day).ok()?;
        Some(date.strftime("%-d %B %Y").to_string())
    }
}

/// The availability API's answer: `{"archived_snapshots": {"closest": {...}}}`, where
/// an empty `archived_snapshots` means no copy.
#[derive(Deserialize)]
struct Availability {
    #[serde(default)]
    archived_snapshots: Option<Snapshots>,
}

#[derive(Deserialize)]
struct Snapshots {
    closest: Option<Closest>,
}

#[derive(Deserialize)]
struct Closest {
    #[serde(default)]
    available: bool,
    url: String,
    timestamp: String,
    /// The archived page's HTTP status, as a string (`"200"`); lenient about numbers.
    #[serde(default)]
    status: Option<serde_json::Value>,
}

/// Find a snapshot of `target` near `date` (`YYYYMMDD`). `Ok(None)` means the archive
/// answered and has none; `Err` that it could not be asked (not worth caching).
pub(crate) async fn lookup(
    checker: &Checker,
    base: &Url,
    target: &str,
    date: Option<&str>,
) -> Result<Option<Snapshot>, String> {
    let api = match availability(checker, base, target, date).await {
        Ok(Some(s)) => return Ok(Some(s)),
        Ok(None) => Ok(None),
        Err(e) => Err(e),
    };
    // The API is rate-limited and sometimes answers empty for pages it holds.
    match web_redirect(checker, base, target, date).await {
        Ok(found) => Ok(found),
        Err(e) => api.map_err(|api_err| format!("{api_err}; {e}")).or(Err(e)),
    }
}

async fn availability(
    checker: &Checker,
    base: &Url,
    target: &str,
    date: Option<&str>,
) -> Result<Option<Snapshot>, String> {
    let mut api = join(base, "wayback/available")?;
    api.query_pairs_mut().append_pair("url", target);
    if let Some(d) = date {
        api.query_pairs_mut().append_pair("timestamp", d);
    }
    let body = checker.fetch_body(&api).await.map_err(|e| format!("the availability API: {e}"))?;
    let answer: Availability =
        serde_json::from_slice(&body).map_err(|e| format!("the availability API answered no JSON: {e}"))?;
    let Some(closest) = answer.archived_snapshots.and_then(|s| s.closest) else { return Ok(None) };
    let status = match &closest.status {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => "200".to_owned(),
    };
    // A capture of an error page rescues nothing.
    if !closest.available || !status.starts_with('2') {
        return Ok(None);
    }
    Ok(Some(Snapshot { url: closest.url, timestamp: closest.timestamp }))
}

/// The last capture of `target` on or before `date` (`YYYYMMDD`) that answered 200,
/// through the CDX API; `None` when there is none or the archive cannot say.
pub(crate) async fn latest_before(
    checker: &Checker,
    base: &Url,
    target: &str,
    date: &str,
) -> Option<Snapshot> {
    let mut api = join(base, "cdx/search/cdx").ok()?;
    api.query_pairs_mut()
        .append_pair("url", target)
        .append_pair("to", date)
        .append_pair("output", "json")
        .append_pair("fl", "timestamp,original")
        .append_pair("filter", "statuscode:200")
        .append_pair("limit", "-1");
    let body = checker.fetch_body(&api).await.ok()?;
    // `[["timestamp","original"],["20190512083000","http://…"]]`: a header row, then rows.
    let rows: Vec<Vec<String>> = serde_json::from_slice(&body).ok()?;
    let row = rows.into_iter().skip(1).next_back()?;
    let (timestamp, original) = (row.first()?.clone(), row.get(1)?.clone());
    (timestamp.len() >= 8 && timestamp[..8] <= *date).then(|| {
        let url =
            join(base, &format!("web/{timestamp}/{original}")).map(|u| u.to_string()).unwrap_or_default();
        Snapshot { url, timestamp }
    })
}

/// `/web/<timestamp>/<url>` without following the redirect: its `Location` names the
/// closest snapshot.
async fn web_redirect(
    checker: &Checker,
    base: &Url,
    target: &str,
    date: Option<&str>,
) -> Result<Option<Snapshot>, String> {
    // A bare `2` asks for the capture closest to the year 2000-and-something: the latest.
    let stamp = date.unwrap_or("2");
    let request = join(base, &format!("web/{stamp}/{target}"))?;
    let reply =
        checker.fetch(Method::GET, &request, Read::Headers).await.map_err(|e| format!("the archive: {e}"))?;
    match reply.status {
        300..=399 => {
            let Some(location) = reply.location else { return Ok(None) };
            let snapshot = request.join(&location).map_err(|e| format!("the archive's redirect: {e}"))?;
            Ok(timestamp_of(&snapshot).map(|timestamp| Snapshot { url: snapshot.to_string(), timestamp }))
        }
        200..=299 => {
            Ok(timestamp_of(&request).map(|timestamp| Snapshot { url: request.to_string(), timestamp }))
        }
        404 | 410 => Ok(None),
        s => Err(format!("the archive answered {s}")),
    }
}

/// The address of a snapshot's raw archived bytes, without the archive's page chrome:
/// `/web/<timestamp>id_/<url>`.
pub fn raw_url(snapshot: &Snapshot) -> Option<Url> {
    let url = Url::parse(&snapshot.url).ok()?;
    let path = url.path();
    let at = path.find(&format!("/{}", snapshot.timestamp))? + 1 + snapshot.timestamp.len();
    let rest = &path[at..];
    // The stamp may carry a modifier already (`id_`, `if_`): replace it.
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '_');
    let mut raw = url.clone();
    raw.set_path(&format!("{}id_{rest}", &path[..at]));
    Some(raw)
}

/// The capture timestamp in a `/web/<timestamp>/…` URL.
fn timestamp_of(url: &Url) -> Option<String> {
    let mut segments = url.path_segments()?;
    segments.find(|s| *s == "web")?;
    let stamp = segments.next()?;
    let digits: String = stamp.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() >= 8).then_some(digits)
}

fn join(base: &Url, path: &str) -> Result<Url, String> {
    let mut b = base.clone();
    if !b.path().ends_with('/') {
        b.set_path(&format!("{}/", b.path()));
    }
    b.join(path).map_err(|e| format!("archive URL: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snapshot_dates_read_as_words() {
        let s = Snapshot { url: String::new(), timestamp: "20190512083000".into() };
        assert_eq!(s.date().as_deref(), Some("12 May 2019"));
        assert_eq!(Snapshot { url: String::new(), timestamp: "2019".into() }.date(), None);
    }

    #[test]
    fn web_urls_name_their_timestamp() {
        let u = Url::parse("https://web.archive.org/web/20100311022015/http://www.columbia.edu/").unwrap();
        assert_eq!(timestamp_of(&u).as_deref(), Some("20100311022015"));
        let u = Url::parse("https://web.archive.org/web/20100311022015id_/http://x.org/").unwrap();
        assert_eq!(timestamp_of(&u).as_deref(), Some("20100311022015"));
        assert_eq!(timestamp_of(&Url::parse("https://web.archive.org/save/x").unwrap()), None);
    }

    #[test]
    fn raw_copies_are_asked_for_with_id_() {
        let s = Snapshot {
            url: "http://archive.org/wait/web/20190513101500/http://example.org/a?b=1".into(),
            timestamp: "20190513101500".into(),
        };
        let raw = raw_url(&s).unwrap();
        assert_eq!(raw.as_str(), "http://archive.org/wait/web/20190513101500id_/http://example.org/a?b=1");
        let s = Snapshot { url: "https://web.archive.org/web/20190513101500if_/https://x.org/".into(), ..s };
        assert_eq!(
            raw_url(&s).unwrap().as_str(),
            "https://web.archive.org/web/20190513101500id_/https://x.org/"
        );
    }

    #[test]
    fn cdx_rows_read_after_their_header() {
        let rows: Vec<Vec<String>> =
            serde_json::from_str(r#"[["timestamp","original"],["20190512083000","http://x.org/"]]"#).unwrap();
        assert_eq!(rows.into_iter().skip(1).next_back().unwrap()[0], "20190512083000");
    }

    #[test]
    fn archive_paths_join_under_the_base() {
        let base = Url::parse("http://127.0.0.1:9/archive").unwrap();
        assert_eq!(
            join(&base, "wayback/available").unwrap().as_str(),
            "http://127.0.0.1:9/archive/wayback/available"
        );
        let u =
            join(&Url::parse("https://web.archive.org").unwrap(), "web/2019/https://x.org/a?b=1").unwrap();
        assert_eq!(u.as_str(), "https://web.archive.org/web/2019/https://x.org/a?b=1");
    }

    #[test]
    fn availability_json_with_empty_snapshots_means_none() {
        let a: Availability = serde_json::from_str(r#"{"url":"x","archived_snapshots":{}}"#).unwrap();
        assert!(a.archived_snapshots.and_then(|s| s.closest).is_none());
    }
}
