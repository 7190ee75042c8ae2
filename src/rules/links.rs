//! The link rules: `dead-link`, `unverified-link` and `redirected-link` (built from the
//! link checker's verdicts, see `crate::links`) and `malformed-url` (a document rule: it
//! needs no network and works offline).

use super::{Context, Diagnostic, Finding, Rule, RuleInfo, Severity, declare_rule, sort_findings};
use crate::document::Document;
use crate::document::urls::UrlOccurrence;
use crate::links::{Landing, LinkRun, Rescue, UrlCheck, Verdict};

declare_rule! {
    /// ## What it does
    /// Flags a link that is certainly dead: the server says 404 Not Found or 410 Gone,
    /// the host does not exist, the connection is refused, or the redirects go round in
    /// a loop. Transient failures are retried first and never count as dead. The help
    /// names an archived copy from the Wayback Machine, the one closest to the date of
    /// the footnote that cites the link, when there is one.
    ///
    /// ## Why is this bad?
    /// A footnote's link is the reader's way to the source. A dead one breaks the chain
    /// of provenance: the claim can no longer be checked.
    ///
    /// ## Example
    /// ```text
    /// [4] “Report on mine clearance,” 12 May 2019, https://example.org/report.pdf.
    /// ```
    /// The page is gone; cite the archived copy beside it:
    /// ```text
    /// [4] “Report on mine clearance,” 12 May 2019, https://example.org/report.pdf,
    /// archived at https://web.archive.org/web/20190513000000/https://example.org/report.pdf.
    /// ```
    pub struct DeadLink => "dead-link", Error, "a link that is certainly dead (404, 410, no such host, refused, redirect loop)" in links;
}

declare_rule! {
    /// ## What it does
    /// Flags a link the checker could not confirm either way after its retries:
    /// timeouts, server errors (5xx) and rate limits (429) that persist, pages behind a
    /// login (401, 403) or a bot wall, and links whose address lies in a private network
    /// (not fetched unless `--allow-private`).
    ///
    /// ## Why is this bad?
    /// It may be fine, or the source may be gone; a person has to look. Reporting it
    /// apart from `dead-link` keeps a flaky server from failing the build as an error.
    ///
    /// ## Example
    /// ```text
    /// [7] Letter to the Monitor, 3 June 2021, https://slow.example.gov/letter.pdf.
    /// ```
    /// Open it in a browser. If it works and the site refuses robots, accept its status
    /// or exclude it:
    /// ```toml
    /// [links]
    /// accept = [403]
    /// exclude = ["^https://slow\\.example\\.gov/"]
    /// ```
    pub struct UnverifiedLink => "unverified-link", Warning, "a link that could not be confirmed (timeouts, 5xx or 429 after retries, 401/403)" in links;
}

declare_rule! {
    /// ## What it does
    /// Flags a link that permanently redirects (301, 308) to another address (info), and
    /// — as a warning — a deep link that any redirect (301, 302, 303, 307 or 308) lands on
    /// the site's front page (`/`, `/en/`, `/index.html`, `/en/home`), on an address that
    /// says `404` or `notfound`, or on a page titled "not found" (a soft 404: the page is
    /// gone though the server answers 200).
    ///
    /// ## Why is this bad?
    /// A moved page still works today, but the redirect may not survive the next site
    /// redesign; cite where the source lives now. A deep link that lands on the front
    /// page no longer shows the source at all.
    ///
    /// ## Example
    /// ```text
    /// [9] http://example.org/reports/2019/landmines.html
    /// ```
    /// It permanently redirects to the new address; cite that:
    /// ```text
    /// [9] https://www.example.org/publications/landmines-2019
    /// ```
    pub struct RedirectedLink => "redirected-link", Info, "a permanent redirect; warning when a deep link lands on the site's front page or a \"not found\" page" in links;
}

declare_rule! {
    /// ## What it does
    /// Flags a URL that does not parse: an invalid port, a broken IPv6 address, an
    /// impossible host name. The message gives the parser's reason.
    ///
    /// ## Why is this bad?
    /// No reader can follow it, and it usually hides a typo made while copying the link.
    ///
    /// ## Example
    /// ```text
    /// [2] Statement, 5 May 2020, http://example.org:80800/statement.
    /// ```
    /// Fix the typo:
    /// ```text
    /// [2] Statement, 5 May 2020, http://example.org:8080/statement.
    /// ```
    pub struct MalformedUrl => "malformed-url", Error, "a URL that does not parse";
}

impl Rule for MalformedUrl {
    fn check(&self, doc: &Document, cx: &mut Context) {
        for occ in doc.urls() {
            let Some(reason) = occ.parse_error() else { continue };
            let mut d = Diagnostic::new(occ.span.clone(), format!("malformed URL: {reason}"))
                .help("fix the URL; copying it again from the source usually does");
            if let Some(label) = &occ.footnote {
                d = d.note(label.clone());
            }
            cx.report(d);
        }
    }
}

/// The severities the link rules run at (`None`: off), read once per run.
pub struct Severities {
    pub dead: Option<Severity>,
    pub unverified: Option<Severity>,
    pub redirected: Option<Severity>,
}

impl Severities {
    pub fn new(severity_of: &impl Fn(&RuleInfo) -> Option<Severity>) -> Self {
        Severities {
            dead: severity_of(&DeadLink::INFO),
            unverified: severity_of(&UnverifiedLink::INFO),
            redirected: severity_of(&RedirectedLink::INFO),
        }
    }

    /// Whether any link rule is on (if none is, no request need be sent).
    pub fn any(&self) -> bool {
        self.dead.is_some() || self.unverified.is_some() || self.redirected.is_some()
    }
}

/// The link findings of a run, one list per file (parallel to `files`, each sorted by
/// position): for every written URL the checker answered, the finding its check calls
/// for, at the severity `severities` gives.
pub fn findings(files: &[Vec<UrlOccurrence>], run: &LinkRun, severities: &Severities) -> Vec<Vec<Finding>> {
    files
        .iter()
        .zip(&run.answers)
        .map(|(occurrences, answers)| {
            let mut out: Vec<Finding> = occurrences
                .iter()
                .zip(answers)
                .filter_map(|(occ, answer)| {
                    let answer = answer.as_ref()?;
                    finding(occ, &run.checks[answer.check], &answer.rescue, severities)
                })
                .collect();
            sort_findings(&mut out);
            out
        })
        .collect()
}

/// The finding, if any, for one occurrence of a URL with this outcome.
pub fn finding(
    occ: &UrlOccurrence,
    outcome: &UrlCheck,
    rescue: &Rescue,
    severities: &Severities,
) -> Option<Finding> {
    let (info, severity, message, help) = match outcome.verdict {
        Verdict::Alive => {
            let severity = severities.redirected?;
            let to = outcome.final_url().unwrap_or_default();
            match &outcome.landing {
                Some(landing) => {
                    let message = match landing {
                        Landing::FrontPage => {
                            format!("redirects to the site's front page {to}: the page is probably gone")
                        }
                        Landing::NotFoundUrl => {
                            format!("redirects to {to}, an address that says the page was not found")
                        }
                        Landing::SoftNotFound(title) => format!("redirects to {to}, a page titled “{title}”"),
                    };
                    // A gone page deserves more than the rule's info default.
                    (&RedirectedLink::INFO, severity.max(Severity::Warning), message, rescue_help(rescue))
                }
                None => {
                    let moved = outcome.moved_to()?;
                    let message = format!("permanently redirects to {moved}");
                    (&RedirectedLink::INFO, severity, message, format!("cite {moved} instead"))
                }
            }
        }
        Verdict::Dead => {
            let mut message = format!("dead link: {}", outcome.reason);
            if let Some(to) = outcome.final_url() {
                message.push_str(&format!(" (after redirecting to {to})"));
            }
            (&DeadLink::INFO, severities.dead?, message, rescue_help(rescue))
        }
        Verdict::Unverified => {
            let message = format!("could not verify this link: {}", outcome.reason);
            let help = "open it in a browser; if it works, add its status to `[links] accept` or the URL to `[links] exclude`";
            (&UnverifiedLink::INFO, severities.unverified?, message, help.to_owned())
        }
        Verdict::Refused => {
            let message = format!("link not checked: {}", outcome.reason);
            let help = "links into loopback, private or link-local networks are not fetched; pass --allow-private to check them";
            (&UnverifiedLink::INFO, severities.unverified?, message, help.to_owned())
        }
    };
    Some(Finding {
        rule: info.name,
        severity,
        span: occ.span.clone(),
        message,
        help: Some(help),
        note: occ.footnote.clone(),
        related: Vec::new(),
    })
}

fn rescue_help(rescue: &Rescue) -> String {
    match rescue {
        Rescue::Found(s) => match s.date() {
            Some(date) => {
                format!("an archived copy from {date} is at {}; cite it beside the original", s.url)
            }
            None => format!("an archived copy is at {}; cite it beside the original", s.url),
        },
        Rescue::NoCopy => {
            "the Wayback Machine holds no copy; find where the source moved, or cite another".to_owned()
        }
        Rescue::Failed(why) => {
            format!("the archive could not be asked ({why}); look for an archived copy by hand")
        }
        Rescue::Off => "find where the source moved, or cite an archived copy".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::urls::extract_from_text;
    use crate::links::{Hop, Snapshot};
    use crate::rules::test_support::{check_markdown, check_text, flagged};

    #[test]
    fn unparseable_urls_are_flagged_with_the_reason() {
        let text =
            "Title\n\nSaid.[1]\n\n[1] Statement, http://example.org:80800/s and https://fine.example.org/.\n";
        let found = check_text(&MalformedUrl::INFO, text);
        assert_eq!(flagged(text, &found), ["http://example.org:80800/s"]);
        assert_eq!(found[0].message, "malformed URL: invalid port number");
        assert_eq!(found[0].note.as_deref(), Some("1"));
    }

    #[test]
    fn well_formed_urls_pass() {
        let text = "See <https://example.org/a_(b)>, [x](https://x.org/?q=1#f) and www.example.com.\n";
        assert!(check_markdown(&MalformedUrl::INFO, text).is_empty());
    }

    fn occurrence() -> UrlOccurrence {
        let mut occ = extract_from_text("See: https://example.org/deep/page", &[]).remove(0);
        occ.footnote = Some("3".into());
        occ
    }

    fn defaults() -> Severities {
        Severities {
            dead: Some(Severity::Error),
            unverified: Some(Severity::Warning),
            redirected: Some(Severity::Info),
        }
    }

    #[test]
    fn dead_link_help_names_the_snapshot() {
        let outcome = UrlCheck::new(Verdict::Dead, Some(404), "404 Not Found");
        let snapshot = Snapshot {
            url: "https://web.archive.org/web/20190512000000/x".into(),
            timestamp: "20190512000000".into(),
        };
        let f = finding(&occurrence(), &outcome, &Rescue::Found(snapshot), &defaults()).unwrap();
        assert_eq!((f.rule, f.severity, f.note.as_deref()), ("dead-link", Severity::Error, Some("3")));
        assert_eq!(f.message, "dead link: 404 Not Found");
        assert!(
            f.help.unwrap().contains("from 12 May 2019 is at https://web.archive.org/web/20190512000000/x")
        );
    }

    #[test]
    fn redirect_to_the_front_page_is_a_warning_even_though_the_rule_is_info() {
        let mut outcome = UrlCheck::new(Verdict::Alive, Some(200), "200 OK");
        outcome.redirects = vec![Hop { status: 302, to: "https://example.org/".into() }];
        outcome.landing = Some(Landing::FrontPage);
        let f = finding(&occurrence(), &outcome, &Rescue::NoCopy, &defaults()).unwrap();
        assert_eq!((f.rule, f.severity), ("redirected-link", Severity::Warning));
        let off = Severities { redirected: None, ..defaults() };
        assert!(finding(&occurrence(), &outcome, &Rescue::NoCopy, &off).is_none());
    }

    #[test]
    fn temporary_redirects_alone_are_not_reported() {
        let mut outcome = UrlCheck::new(Verdict::Alive, Some(200), "200 OK");
        outcome.redirects = vec![Hop { status: 302, to: "https://example.org/deep/page?lang=en".into() }];
        assert!(finding(&occurrence(), &outcome, &Rescue::Off, &defaults()).is_none());
        outcome.redirects.insert(0, Hop { status: 301, to: "https://www.example.org/deep/page".into() });
        let f = finding(&occurrence(), &outcome, &Rescue::Off, &defaults()).unwrap();
        assert_eq!(f.message, "permanently redirects to https://www.example.org/deep/page");
        assert_eq!(f.severity, Severity::Info);
    }
}
