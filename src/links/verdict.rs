//! What checking one URL found out: the verdict, why, and the redirect chain.

use serde::{Deserialize, Serialize};

/// The checker's conclusion about one URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// It answered with a success (possibly after redirects).
    Alive,
    /// Certainly gone: 404, 410, no such host, connection refused, a redirect loop.
    Dead,
    /// Could not be confirmed either way: timeouts, 5xx or 429 after retries, 401/403,
    /// bot walls.
    Unverified,
    /// Not fetched because the address policy refuses its address.
    Refused,
}

/// One redirect: the status that sent us on and where to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hop {
    pub status: u16,
    pub to: String,
}

impl Hop {
    pub fn is_permanent(&self) -> bool {
        matches!(self.status, 301 | 308)
    }
}

/// Why a redirect's landing page looks like the page is gone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "detail")]
pub enum Landing {
    /// A deep link lands on the site's front page.
    FrontPage,
    /// The landing URL says "404" or "not found".
    NotFoundUrl,
    /// The landing page's title says it was not found.
    SoftNotFound(String),
}

/// What checking one distinct URL found: the verdict, why, and the redirects.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UrlCheck {
    pub verdict: Verdict,
    /// Status of the last response, when there was one.
    pub status: Option<u16>,
    /// Why, in words: `404 Not Found`, `timed out after 20 s`, `redirect loop`.
    pub reason: String,
    /// The redirects followed, in order.
    pub redirects: Vec<Hop>,
    /// For an alive URL reached through redirects: why the landing page looks wrong.
    pub landing: Option<Landing>,
    /// Requests this check sent.
    #[serde(skip)]
    pub requests: u32,
}

impl UrlCheck {
    pub fn new(verdict: Verdict, status: Option<u16>, reason: impl Into<String>) -> Self {
        UrlCheck { verdict, status, reason: reason.into(), redirects: Vec::new(), landing: None, requests: 0 }
    }

    /// Where the redirects end.
    pub fn final_url(&self) -> Option<&str> {
        self.redirects.last().map(|h| h.to.as_str())
    }

    /// Where the URL has permanently moved: the end of the run of permanent redirects it
    /// opens with (a later temporary hop, to a login or a language page, is no new
    /// address to cite).
    pub fn moved_to(&self) -> Option<&str> {
        self.redirects.iter().take_while(|h| h.is_permanent()).last().map(|h| h.to.as_str())
    }
}

/// A status code with its reason phrase: `404 Not Found`.
pub fn describe_status(code: u16) -> String {
    match reqwest::StatusCode::from_u16(code).ok().and_then(|s| s.canonical_reason()) {
        Some(reason) => format!("{code} {reason}"),
        None => code.to_string(),
    }
}
