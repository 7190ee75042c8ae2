//! The link checker against servers on 127.0.0.1 that each test starts: verdicts,
//! retries, redirects, the address policy, politeness, the cache and archive rescue.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use citelint::Options;
use citelint::check::check_links;
use citelint::document::urls::{UrlOccurrence, extract_from_text};
use citelint::links::{ArchiveSettings, LinkSettings, LinkStats};
use citelint::rules::{Finding, Severity};
use support::server::{Body, Response, Server};

/// Short timeouts and backoffs so the suite stays quick; loopback allowed.
fn settings() -> LinkSettings {
    LinkSettings {
        timeout: Duration::from_secs(3),
        connect_timeout: Duration::from_secs(1),
        retries: 2,
        backoff: Duration::from_millis(10),
        retry_after_cap: Duration::from_secs(3),
        min_interval: Duration::ZERO,
        allow_private: true,
        cache_path: None,
        archive: None,
        progress: false,
        ..LinkSettings::default()
    }
}

fn occurrences(urls: &[String]) -> Vec<UrlOccurrence> {
    let text = urls.join("\n");
    let found = extract_from_text(&text, &[]);
    assert_eq!(found.len(), urls.len(), "every test URL is extracted: {urls:?}");
    found
}

/// What the link stage made of a run's files: findings per file, and the checker's counts.
struct Checked {
    findings: Vec<Vec<Finding>>,
    stats: LinkStats,
    warnings: Vec<String>,
}

/// The link stage over `files` with every link rule at its default severity.
fn check_files(files: &[Vec<UrlOccurrence>], settings: &LinkSettings) -> Checked {
    let options = Options { links: Some(settings.clone()), ..Options::default() };
    let stage = check_links(files, &[], &options).expect("the checker starts");
    Checked { findings: stage.findings, stats: stage.stats.unwrap_or_default(), warnings: stage.warnings }
}

fn run(urls: &[String], settings: &LinkSettings) -> Checked {
    check_files(&[occurrences(urls)], settings)
}

fn findings(urls: &[String], settings: &LinkSettings) -> Vec<Finding> {
    run(urls, settings).findings.remove(0)
}

fn rules(found: &[Finding]) -> Vec<(&'static str, Severity)> {
    found.iter().map(|f| (f.rule, f.severity)).collect()
}

fn methods(server: &Server) -> Vec<String> {
    server.counters.seen().into_iter().map(|(m, _)| m).collect()
}

#[test]
fn page_answering_200_is_alive() {
    let server = Server::start("127.0.0.1", |_| Response::ok());
    let run = run(&[server.url("/report.pdf")], &settings());
    assert!(run.findings[0].is_empty(), "{:?}", run.findings);
    assert_eq!(methods(&server), ["HEAD"]);
    assert_eq!(run.stats.requests, 1);
}

#[test]
fn head_refused_with_405_is_asked_again_with_get() {
    let server =
        Server::start(
            "127.0.0.1",
            |r| if r.method == "HEAD" { Response::status(405) } else { Response::ok() },
        );
    assert!(findings(&[server.url("/a")], &settings()).is_empty());
    assert_eq!(methods(&server), ["HEAD", "GET"]);
}

#[test]
fn permanent_redirect_chain_to_a_page_reports_the_new_address() {
    let server = Server::start("127.0.0.1", |r| match r.target.as_str() {
        "/old" => Response::redirect(301, "/older"),
        "/older" => Response::redirect(301, "/new/report"),
        _ => Response::ok(),
    });
    let found = findings(&[server.url("/old")], &settings());
    assert_eq!(rules(&found), [("redirected-link", Severity::Info)]);
    assert_eq!(found[0].message, format!("permanently redirects to {}", server.url("/new/report")));
    assert_eq!(
        found[0].help.as_deref(),
        Some(format!("cite {} instead", server.url("/new/report")).as_str())
    );
}

#[test]
fn deep_link_redirected_to_the_front_page_is_a_warning() {
    let server = Server::start("127.0.0.1", |r| match r.target.as_str() {
        "/reports/2019/mines.html" => Response::redirect(302, "/"),
        _ => Response::ok(),
    });
    let found = findings(&[server.url("/reports/2019/mines.html")], &settings());
    assert_eq!(rules(&found), [("redirected-link", Severity::Warning)]);
    assert!(found[0].message.contains("front page"), "{}", found[0].message);
}

#[test]
fn deep_link_landing_on_a_soft_404_page_is_a_warning() {
    let server = Server::start("127.0.0.1", |r| match r.target.as_str() {
        "/news/item-17" => Response::redirect(301, "/news/archive"),
        _ => Response::ok()
            .html("<html><head><title>Page not found | Ministry</title></head><body>…</body></html>"),
    });
    let found = findings(&[server.url("/news/item-17")], &settings());
    assert_eq!(rules(&found), [("redirected-link", Severity::Warning)]);
    assert!(found[0].message.contains("“Page not found | Ministry”"), "{}", found[0].message);
}

#[test]
fn redirect_loop_is_dead() {
    let server = Server::start("127.0.0.1", |r| match r.target.as_str() {
        "/a" => Response::redirect(301, "/b"),
        _ => Response::redirect(308, "/a"),
    });
    let found = findings(&[server.url("/a")], &settings());
    assert_eq!(rules(&found), [("dead-link", Severity::Error)]);
    assert!(found[0].message.contains("redirect loop"), "{}", found[0].message);
    assert_eq!(server.counters.requests(), 2);
}

#[test]
fn not_found_and_gone_are_dead_after_get_confirms_them() {
    let server = Server::start("127.0.0.1", |r| match r.target.as_str() {
        "/missing" => Response::status(404),
        _ => Response::status(410),
    });
    let found = findings(&[server.url("/missing"), server.url("/gone")], &settings());
    assert_eq!(rules(&found), [("dead-link", Severity::Error), ("dead-link", Severity::Error)]);
    assert_eq!(found[0].message, "dead link: 404 Not Found");
    assert_eq!(found[1].message, "dead link: 410 Gone");
    assert_eq!(server.counters.requests(), 4, "HEAD then GET for each");
}

#[test]
fn two_server_errors_then_success_is_alive() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&calls);
    let server = Server::start("127.0.0.1", move |_| {
        if c.fetch_add(1, Ordering::SeqCst) < 2 { Response::status(500) } else { Response::ok() }
    });
    assert!(findings(&[server.url("/flaky")], &settings()).is_empty());
    assert_eq!(server.counters.requests(), 3);
}

#[test]
fn rate_limit_with_retry_after_is_waited_out_then_alive() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = Arc::clone(&calls);
    let server = Server::start("127.0.0.1", move |_| {
        if c.fetch_add(1, Ordering::SeqCst) == 0 {
            Response::status(429).header("Retry-After", "1")
        } else {
            Response::ok()
        }
    });
    let started = Instant::now();
    assert!(findings(&[server.url("/busy")], &settings()).is_empty());
    let arrivals = server.counters.arrivals();
    assert_eq!(arrivals.len(), 2);
    assert!(arrivals[1] - arrivals[0] >= Duration::from_millis(950), "Retry-After honoured");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn persistent_503_is_unverified_after_the_retries() {
    let server = Server::start("127.0.0.1", |_| Response::status(503));
    let found = findings(&[server.url("/down")], &settings());
    assert_eq!(rules(&found), [("unverified-link", Severity::Warning)]);
    assert_eq!(found[0].message, "could not verify this link: 503 Service Unavailable after 3 attempts");
    assert_eq!(server.counters.requests(), 3);
}

#[test]
fn response_slower_than_the_timeout_is_unverified() {
    let server = Server::start("127.0.0.1", |_| Response::ok().delay(Duration::from_secs(5)));
    let s = LinkSettings { timeout: Duration::from_millis(300), retries: 1, ..settings() };
    let started = Instant::now();
    let found = findings(&[server.url("/slow")], &s);
    assert_eq!(rules(&found), [("unverified-link", Severity::Warning)]);
    assert!(found[0].message.contains("no answer within 300 ms after 2 attempts"), "{}", found[0].message);
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn connection_refused_is_dead() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let found = findings(&[format!("http://127.0.0.1:{port}/x")], &settings());
    assert_eq!(rules(&found), [("dead-link", Severity::Error)]);
    assert_eq!(found[0].message, "dead link: connection refused");
}

#[test]
fn public_looking_name_resolving_to_loopback_is_refused_without_allow_private() {
    let server = Server::start("127.0.0.1", |_| Response::ok());
    let s = LinkSettings {
        allow_private: false,
        resolve_overrides: vec![("public.example".into(), server.addr)],
        ..settings()
    };
    let url = format!("http://public.example:{}/page", server.addr.port());
    let found = findings(&[url.clone(), server.url("/literal")], &s);
    assert_eq!(
        rules(&found),
        [("unverified-link", Severity::Warning), ("unverified-link", Severity::Warning)]
    );
    assert_eq!(
        found[0].message,
        "link not checked: public.example resolves to 127.0.0.1, a loopback address"
    );
    assert_eq!(found[1].message, "link not checked: 127.0.0.1 is a loopback address");
    assert!(found[0].help.as_deref().unwrap().contains("--allow-private"));
    assert_eq!(server.counters.requests(), 0);
    // The same links are checked when private addresses are allowed.
    let allowed = LinkSettings { allow_private: true, ..s };
    assert!(findings(&[url], &allowed).is_empty());
    assert_eq!(server.counters.requests(), 1);
}

#[test]
fn redirect_from_a_public_name_to_loopback_is_refused_on_that_hop() {
    let target = Server::start("127.0.0.1", |_| Response::ok());
    let secret = target.url("/secret");
    let hidden = format!("http://internal.example:{}/admin", target.addr.port());
    let front = Server::start("127.0.0.1", move |r| {
        if r.target == "/to-literal" {
            Response::redirect(302, &secret)
        } else {
            Response::redirect(302, &hidden)
        }
    });
    // `trusted.example` is exempt (as a public site would be); the hops it redirects to are not.
    let s = LinkSettings {
        allow_private: false,
        allow_hosts: vec!["trusted.example".into()],
        resolve_overrides: vec![
            ("trusted.example".into(), front.addr),
            ("internal.example".into(), target.addr),
        ],
        ..settings()
    };
    let port = front.addr.port();
    let urls = [
        format!("http://trusted.example:{port}/to-literal"),
        format!("http://trusted.example:{port}/to-name"),
    ];
    let found = findings(&urls, &s);
    assert_eq!(
        rules(&found),
        [("unverified-link", Severity::Warning), ("unverified-link", Severity::Warning)]
    );
    assert!(found[0].message.ends_with("127.0.0.1 is a loopback address"), "{}", found[0].message);
    assert!(
        found[1].message.ends_with("internal.example resolves to 127.0.0.1, a loopback address"),
        "{}",
        found[1].message
    );
    assert_eq!(front.counters.requests(), 2);
    assert_eq!(target.counters.requests(), 0, "nothing reached the private address");
}

#[test]
fn a_one_gigabyte_body_is_not_downloaded() {
    let server = Server::start("127.0.0.1", |r| {
        if r.method == "HEAD" {
            Response::status(405)
        } else {
            Response { body: Body::Endless(1 << 30), ..Response::ok() }
        }
    });
    let started = Instant::now();
    assert!(findings(&[server.url("/dump.iso")], &settings()).is_empty());
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    // Give the server a moment to notice the closed connection.
    std::thread::sleep(Duration::from_millis(200));
    let sent = server.counters.body_bytes();
    assert!(sent < 64 << 20, "the server sent {sent} bytes");
}

#[test]
fn second_run_answers_from_the_cache_without_a_request() {
    let dir = tempfile::tempdir().unwrap();
    let server =
        Server::start(
            "127.0.0.1",
            |r| if r.target == "/dead" { Response::status(404) } else { Response::ok() },
        );
    let s = LinkSettings { cache_path: Some(dir.path().join("cache")), ..settings() };
    let urls: Vec<String> = (0..5).map(|i| server.url(&format!("/page/{i}"))).collect();
    let first = run(&urls, &s);
    assert_eq!((first.stats.cache_hits, first.stats.requests), (0, 5));
    let second = run(&urls, &s);
    assert_eq!((second.stats.cache_hits, second.stats.requests), (5, 0));
    assert_eq!(server.counters.requests(), 5);
    assert!(second.warnings.is_empty(), "{:?}", second.warnings);
    // Dead verdicts are checked again.
    let dead = [server.url("/dead")];
    run(&dead, &s);
    let again = run(&dead, &s);
    assert_eq!(again.stats.cache_hits, 0);
    assert_eq!(rules(&again.findings[0]), [("dead-link", Severity::Error)]);
}

#[test]
fn corrupt_cache_is_reported_and_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cache");
    std::fs::write(&path, b"\x00garbage").unwrap();
    let server = Server::start("127.0.0.1", |_| Response::ok());
    let s = LinkSettings { cache_path: Some(path), ..settings() };
    let first = run(&[server.url("/a")], &s);
    assert_eq!(first.warnings.len(), 1);
    assert!(first.warnings[0].contains("rebuilding"), "{:?}", first.warnings);
    let second = run(&[server.url("/a")], &s);
    assert!(second.warnings.is_empty());
    assert_eq!(second.stats.cache_hits, 1);
}

#[test]
fn requests_to_one_host_stay_within_the_per_host_limit_and_interval() {
    let server = Server::start("127.0.0.1", |_| Response::ok().delay(Duration::from_millis(100)));
    let urls: Vec<String> = (0..20).map(|i| server.url(&format!("/p{i}"))).collect();
    let s = LinkSettings { per_host: 3, concurrency: 64, ..settings() };
    assert!(findings(&urls, &s).is_empty());
    assert_eq!(server.counters.requests(), 20);
    assert_eq!(server.counters.max_in_flight(), 3, "the limit is reached and never passed");

    let spaced = Server::start("127.0.0.1", |_| Response::ok());
    let urls: Vec<String> = (0..6).map(|i| spaced.url(&format!("/q{i}"))).collect();
    let s = LinkSettings { per_host: 4, min_interval: Duration::from_millis(60), ..settings() };
    findings(&urls, &s);
    // Requests leave 60 ms apart; what the server sees also carries each connection's
    // set-up time, which a loaded machine stretches for one request and not the next. So
    // the whole run must take its five intervals, and no two requests may arrive together
    // (without the interval all six arrive within a few milliseconds).
    let arrivals = spaced.counters.arrivals();
    let span = arrivals[arrivals.len() - 1] - arrivals[0];
    assert!(span >= Duration::from_millis(5 * 55), "six requests within {span:?}");
    for pair in arrivals.windows(2) {
        assert!(pair[1] - pair[0] >= Duration::from_millis(25), "requests {:?} apart", pair[1] - pair[0]);
    }
}

#[test]
fn same_url_with_different_fragments_is_checked_once_and_reported_at_each_place() {
    let server = Server::start("127.0.0.1", |_| Response::status(404));
    let urls = [server.url("/doc#intro"), server.url("/doc#part-2"), server.url("/doc")];
    let run = run(&urls, &settings());
    assert_eq!(run.stats.distinct_urls, 1);
    assert_eq!(run.findings[0].len(), 3);
    assert_eq!(server.counters.requests(), 2, "one HEAD and one GET for the one URL");
}

#[test]
fn a_url_written_again_in_several_files_is_counted_and_reported_at_each_place() {
    let server = Server::start("127.0.0.1", |_| Response::status(404));
    let gone = server.url("/gone");
    let text = format!("{gone} mailto:a@example.org http://example.org:80800/x {gone} mailto:a@example.org");
    let file = extract_from_text(&text, &[]);
    assert_eq!(file.len(), 5);
    let run = check_files(&[file.clone(), file], &settings());
    assert_eq!((run.stats.occurrences, run.stats.skipped, run.stats.distinct_urls), (4, 4, 1));
    let places: Vec<Vec<_>> =
        run.findings.iter().map(|f| f.iter().map(|f| (f.rule, f.span.start)).collect()).collect();
    let at = text.rfind(&gone).unwrap();
    assert_eq!(places, vec![vec![("dead-link", 0), ("dead-link", at)]; 2]);
}

#[test]
fn other_schemes_are_skipped_and_not_flagged() {
    let text = "mailto:someone@example.org ftp://ftp.example.org/pub file:///etc/passwd";
    let occurrences = extract_from_text(text, &[]);
    assert_eq!(occurrences.len(), 3);
    let run = check_files(&[occurrences], &settings());
    assert!(run.findings[0].is_empty());
    assert_eq!((run.stats.skipped, run.stats.requests), (3, 0));
}

#[test]
fn credentials_are_not_sent_and_the_user_agent_names_citelint() {
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let s2 = Arc::clone(&seen);
    let server = Server::start("127.0.0.1", move |r| {
        s2.lock()
            .unwrap()
            .push((r.header("authorization").map(str::to_owned), r.header("user-agent").map(str::to_owned)));
        Response::ok()
    });
    let url = format!("http://alice:secret@{}/private", server.addr);
    assert!(findings(&[url], &settings()).is_empty());
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, None);
    assert!(seen[0].1.as_deref().unwrap().starts_with("citelint/"), "{:?}", seen[0].1);
}

#[test]
fn excluded_urls_are_not_requested_and_accepted_statuses_pass() {
    let server = Server::start("127.0.0.1", |_| Response::status(403));
    let s =
        LinkSettings { exclude: vec![regex::Regex::new("/skip").unwrap()], accept: vec![403], ..settings() };
    assert!(findings(&[server.url("/skip/me"), server.url("/forbidden")], &s).is_empty());
    assert_eq!(server.counters.seen(), [("HEAD".to_owned(), "/forbidden".to_owned())]);
}

#[test]
fn bot_wall_is_unverified_not_dead() {
    let server = Server::start("127.0.0.1", |_| Response::status(403).header("cf-mitigated", "challenge"));
    let found = findings(&[server.url("/article")], &settings());
    assert_eq!(rules(&found), [("unverified-link", Severity::Warning)]);
    assert!(found[0].message.contains("bot wall"), "{}", found[0].message);
}

/// A dead page on one server, a fake Wayback Machine on another.
fn archive_case(api: &'static str) -> (Server, Server, LinkSettings, Vec<UrlOccurrence>) {
    let site = Server::start("127.0.0.1", |_| Response::status(404));
    let archive = Server::start("127.0.0.1", move |r| {
        if r.target.starts_with("/wayback/available") {
            let body = api.replace("{TS}", "20190513101500");
            return Response::ok().header("Content-Type", "application/json").body(body);
        }
        if let Some(rest) = r.target.strip_prefix("/web/20190512/") {
            return Response::redirect(302, &format!("/web/20190513101500/{rest}"));
        }
        Response::status(404)
    });
    let s = LinkSettings { archive: Some(ArchiveSettings { base_url: archive.url("") }), ..settings() };
    let mut occ = occurrences(&[site.url("/report.pdf")]);
    occ[0].date = Some("20190512".into());
    (site, archive, s, occ)
}

#[test]
fn archive_api_names_the_snapshot_closest_to_the_citing_date() {
    let (site, archive, s, occ) = archive_case(
        r#"{"url":"x","archived_snapshots":{"closest":{"status":"200","available":true,"url":"http://web.archive.org/web/{TS}/x","timestamp":"{TS}"}}}"#,
    );
    let run = check_files(&[occ], &s);
    let f = &run.findings[0];
    assert_eq!(rules(f), [("dead-link", Severity::Error)]);
    assert_eq!(
        f[0].help.as_deref(),
        Some(
            "an archived copy from 13 May 2019 is at http://web.archive.org/web/20190513101500/x; cite it beside the original"
        )
    );
    let seen = archive.counters.seen();
    assert_eq!(seen.len(), 1);
    let target = &seen[0].1;
    assert!(target.contains("timestamp=20190512"), "{target}");
    assert!(
        target.contains(&format!("url=http%3A%2F%2F127.0.0.1%3A{}%2Freport.pdf", site.addr.port())),
        "{target}"
    );
    assert_eq!(run.stats.archive_lookups, 1);
}

#[test]
fn empty_archive_api_answer_falls_back_to_the_web_redirect() {
    let (site, archive, s, occ) = archive_case(r#"{"url":"x","archived_snapshots":{}}"#);
    let run = check_files(&[occ], &s);
    let help = run.findings[0][0].help.clone().unwrap();
    let snapshot = format!("{}/web/20190513101500/{}", archive.url(""), site.url("/report.pdf"));
    assert_eq!(
        help,
        format!("an archived copy from 13 May 2019 is at {snapshot}; cite it beside the original")
    );
    assert_eq!(archive.counters.requests(), 2);
    assert_eq!(run.stats.archive_requests, 2);
}

#[test]
fn a_snapshot_of_an_error_page_rescues_nothing() {
    let (_site, _archive, s, occ) = archive_case(
        r#"{"archived_snapshots":{"closest":{"status":"404","available":true,"url":"http://web.archive.org/web/{TS}/x","timestamp":"{TS}"}}}"#,
    );
    let run = check_files(&[occ], &s);
    // The API's copy is an error page, so the /web/ fallback is asked and names its own.
    assert!(run.findings[0][0].help.as_deref().unwrap().contains("/web/20190513101500/"));
}

#[test]
fn archive_lookups_are_cached_and_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let (_site, archive, s, occ) = archive_case(r#"{"archived_snapshots":{}}"#);
    let s = LinkSettings { cache_path: Some(dir.path().join("cache")), ..s };
    check_files(std::slice::from_ref(&occ), &s);
    let asked = archive.counters.requests();
    let again = check_files(std::slice::from_ref(&occ), &s);
    assert_eq!(archive.counters.requests(), asked, "the second lookup came from the cache");
    assert_eq!(again.stats.archive_lookups, 0);
    assert!(again.findings[0][0].help.as_deref().unwrap().contains("/web/20190513101500/"));

    let off = LinkSettings { archive: None, cache_path: None, ..s };
    let run = check_files(&[occ], &off);
    assert_eq!(archive.counters.requests(), asked);
    assert_eq!(
        run.findings[0][0].help.as_deref(),
        Some("find where the source moved, or cite an archived copy")
    );
}

#[test]
fn disabled_link_rules_send_no_request() {
    let server = Server::start("127.0.0.1", |_| Response::status(404));
    let options = Options {
        links: Some(settings()),
        ignore: vec!["dead-link", "unverified-link", "redirected-link"],
        ..Options::default()
    };
    let stage = check_links(&[occurrences(&[server.url("/x")])], &[], &options).unwrap();
    assert!(stage.findings[0].is_empty());
    assert_eq!(server.counters.requests(), 0);
}

#[test]
fn a_move_that_keeps_the_path_costs_no_title_request() {
    let server = Server::start("127.0.0.1", |r| match r.target.as_str() {
        "/reports/mines" => Response::redirect(301, "/reports/mines/"),
        _ => Response::ok().html("<title>Not found</title>"),
    });
    let found = findings(&[server.url("/reports/mines")], &settings());
    assert_eq!(rules(&found), [("redirected-link", Severity::Info)]);
    assert_eq!(methods(&server), ["HEAD", "HEAD"]);
}

#[test]
fn a_deep_link_any_redirect_lands_on_a_gone_page_is_a_warning() {
    for status in [301, 302, 303, 307, 308] {
        let server = Server::start("127.0.0.1", move |r| match r.target.as_str() {
            "/reports/2019/front.html" => Response::redirect(status, "/"),
            "/reports/2019/url.html" => Response::redirect(status, "/errors/404.html"),
            "/reports/2019/title.html" => Response::redirect(status, "/reports/archive"),
            "/reports/archive" => Response::ok()
                .html("<html><head><title>Page not found | Ministry</title></head><body>…</body></html>"),
            _ => Response::ok(),
        });
        let urls = ["front", "url", "title"].map(|p| server.url(&format!("/reports/2019/{p}.html")));
        let found = findings(&urls, &settings());
        assert_eq!(
            rules(&found),
            [("redirected-link", Severity::Warning); 3],
            "{status}: {:?}",
            found.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
    }
}
