//! `--verify-sources` through the binary, against a server on 127.0.0.1 the test starts
//! (and a stand-in for the web archive on it): quotations, titles, dates and names
//! checked in HTML pages and PDFs, unreadable sources reported as such, dead pages read
//! from their archived copies, one request per source, and a second run answered from
//! the cache.

mod support;

use std::path::Path;
use std::sync::Arc;

use assert_cmd::Command;
use serde_json::Value;
use support::server::{Request, Response, Server};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sources").join(name)).unwrap()
}

const JOURNAL_QUOTE: &str = "Armenia is not in a position to join the Mine Ban Treaty at this time";

/// The journal page with its quotation changed (a later edit of the page).
fn edited_journal() -> Vec<u8> {
    String::from_utf8(fixture("citation-meta.html"))
        .unwrap()
        .replace("not in a position to\njoin", "not in a position to\naccede to")
        .into_bytes()
}

/// Serves the sources the profiles cite; the archive stand-in holds a copy of `/gone`
/// (the journal page as it was) and of `/moved` (already edited).
fn server() -> Server {
    let port = Arc::new(std::sync::OnceLock::<u16>::new());
    let p = Arc::clone(&port);
    let handler = move |r: &Request| -> Response {
        let base = format!("http://127.0.0.1:{}", p.get().copied().unwrap_or(0));
        let html =
            |body: Vec<u8>| Response::ok().header("Content-Type", "text/html; charset=utf-8").body(body);
        let pdf = |body: Vec<u8>| Response::ok().header("Content-Type", "application/pdf").body(body);
        match r.target.as_str() {
            "/journal" => html(fixture("citation-meta.html")),
            "/edited" => html(edited_journal()),
            "/statement.pdf" => pdf(fixture("text.pdf")),
            "/scanned.pdf" => pdf(fixture("image-only.pdf")),
            "/app" => html(fixture("script-rendered.html")),
            "/consent" => html(fixture("consent-wall.html")),
            t if t.starts_with("/wayback/available") => {
                // `/older`'s closest copy was taken after its footnote's date.
                let (page, stamp) = if t.contains("gone") {
                    ("gone", "20190513000000")
                } else if t.contains("older") {
                    ("older", "20190601000000")
                } else {
                    ("moved", "20190513000000")
                };
                let json = format!(
                    r#"{{"archived_snapshots":{{"closest":{{"available":true,"status":"200","timestamp":"{stamp}","url":"{base}/web/{stamp}/{base}/{page}"}}}}}}"#
                );
                Response::ok().header("Content-Type", "application/json").body(json)
            }
            // The last capture of `/older` before 12 May 2019, which the CDX API names.
            t if t.starts_with("/cdx/search/cdx") && t.contains("older") && t.contains("to=20190512") => {
                let json = format!(r#"[["timestamp","original"],["20190510000000","{base}/older"]]"#);
                Response::ok().header("Content-Type", "application/json").body(json)
            }
            t if t.starts_with("/web/20190513000000id_/") && t.ends_with("/gone") => {
                html(fixture("citation-meta.html"))
            }
            t if t.starts_with("/web/20190513000000id_/") && t.ends_with("/moved") => html(edited_journal()),
            t if t.starts_with("/web/20190510000000id_/") && t.ends_with("/older") => {
                html(fixture("citation-meta.html"))
            }
            t if t.starts_with("/web/20190601000000id_/") && t.ends_with("/older") => html(edited_journal()),
            _ => Response::status(404),
        }
    };
    let server = Server::start("127.0.0.1", handler);
    port.set(server.addr.port()).unwrap();
    server
}

/// A profile citing the server's pages; `{base}` is the server's address.
fn profile(base: &str, body: &str, notes: &str) -> String {
    format!("Mine Ban Policy\n\nLast updated: 22 December 2023\n\n{body}\n\n{notes}").replace("{base}", base)
}

const CLEAN_BODY: &str = "\
In May 2019, the Foreign Minister said that “Armenia is not in a position to join the Mine Ban Treaty at this time.”[1] \
A statement of the ministry repeated that “Armenia is not in a position to join the Mine Ban Treaty at this time.”[2] \
Anna Hakobyan wrote about demining of border areas.[3] The journal's account of the statement was archived.[4] \
It said that “Armenia is not in a position to join the Mine Ban Treaty at this time.”[5]";

const CLEAN_NOTES: &str = "\
[1] Anna Hakobyan, “Mine action in the South Caucasus,” Journal of Demining Studies, 12 May 2019, {base}/journal.

[2] Ministry of Foreign Affairs, “Statement of the Ministry of Foreign Affairs,” 29 April 2010, {base}/statement.pdf.

[3] Anna Hakobyan, “Mine action in the South Caucasus,” 3 January 2020, {base}/journal.

[4] Anna Hakobyan, “Mine action in the South Caucasus,” 12 May 2019, {base}/gone.

[5] Anna Hakobyan, “Mine action in the South Caucasus,” 12 May 2019, {base}/older.
";

const BROKEN_BODY: &str = "\
The Foreign Minister said that “Armenia is not in a position to accede to the Mine Ban Treaty now.”[1] \
The journal, by Anna Hakobian, covered the South Caucasus.[2] \
The dashboard shows the figures.[3] The cookie page hides them.[4] The scanned letter says so.[5] \
The archived account said that “Armenia is not in a position to join the Mine Ban Treaty at this time.”[6]";

const BROKEN_NOTES: &str = "\
[1] Anna Hakobyan, “Mine action in the South Caucasus,” 12 May 2019, {base}/journal.

[2] Anna Hakobian, “Landmine survey results for the year,” 20 June 2019, {base}/journal.

[3] “Dashboard,” 2023, {base}/app.

[4] “Figures,” 2023, {base}/consent.

[5] “Letter,” 2010, {base}/scanned.pdf.

[6] Anna Hakobyan, “Mine action in the South Caucasus,” 12 May 2019, {base}/moved.
";

fn run(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "json", "--allow-private", "--verify-sources"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{stderr}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code().unwrap(), json, stderr)
}

/// `(rule, note, flagged text)` of every finding of a file.
fn findings(report: &Value, text: &str) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let (at, len) = (f["offset"].as_u64().unwrap() as usize, f["length"].as_u64().unwrap() as usize);
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["note"].as_str().unwrap_or("").to_owned(),
                text[at..at + len].to_owned(),
            )
        })
        .collect()
}

fn setup(body: &str, notes: &str, server: &Server) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let base = format!("http://127.0.0.1:{}", server.addr.port());
    let text = profile(&base, body, notes);
    std::fs::write(dir.path().join("profile.txt"), &text).unwrap();
    std::fs::write(dir.path().join("citelint.toml"), format!("[links]\narchive-url = \"{base}/\"\n"))
        .unwrap();
    (dir, text)
}

#[test]
fn correct_quotes_titles_dates_and_names_give_no_finding() {
    let server = server();
    let (dir, text) = setup(CLEAN_BODY, CLEAN_NOTES, &server);
    let (code, report, stderr) = run(dir.path(), &["profile.txt", "--no-cache"]);
    let found = findings(&report, &text);
    // The pages at `/gone` and `/older` are dead: that is the link rule's finding, and
    // their archived copies are what the quotations were checked in (for `/older`, the
    // copy from before its footnote's date, not the closest, later one, which was edited).
    let port = server.addr.port();
    let dead = |note: &str, page: &str| {
        ("dead-link".to_owned(), note.to_owned(), format!("http://127.0.0.1:{port}/{page}"))
    };
    assert_eq!(found, [dead("4", "gone"), dead("5", "older")], "{stderr}");
    assert!(server.counters.seen().iter().any(|(_, t)| t.starts_with("/web/20190510000000id_/")));
    assert_eq!(code, 1);
    // Notes 1 and 3 cite one page: four sources.
    assert_eq!(report["summary"]["sources_verified"], 4);
    // One request per source (the archive's answers aside): GET, never HEAD then GET.
    let seen = server.counters.seen();
    for page in ["/journal", "/statement.pdf"] {
        assert_eq!(seen.iter().filter(|(_, t)| t == page).count(), 1, "{seen:?}");
        assert!(seen.iter().all(|(m, t)| t != page || m == "GET"), "{seen:?}");
    }
}

#[test]
fn misquotes_titles_dates_names_and_unreadable_sources_are_reported() {
    let server = server();
    let (dir, text) = setup(BROKEN_BODY, BROKEN_NOTES, &server);
    let (_, report, stderr) = run(dir.path(), &["profile.txt", "--no-cache"]);
    let mut found: Vec<(String, String, String)> =
        findings(&report, &text).into_iter().filter(|(rule, ..)| rule != "undated-source").collect();
    found.sort();
    let f = |rule: &str, note: &str, flagged: &str| (rule.to_owned(), note.to_owned(), flagged.to_owned());
    let mut want = vec![
        f("quote-not-in-source", "1", "Armenia is not in a position to accede to the Mine Ban Treaty now."),
        f("source-title-mismatch", "2", "Landmine survey results for the year"),
        f("source-date-mismatch", "2", "20 June 2019"),
        f("source-name-mismatch", "2", "Anna Hakobian"),
        f("source-name-mismatch", "2", "Anna Hakobian"),
        f("unverifiable-source", "3", &format!("http://127.0.0.1:{}/app", server.addr.port())),
        f("unverifiable-source", "4", &format!("http://127.0.0.1:{}/consent", server.addr.port())),
        f("unverifiable-source", "5", &format!("http://127.0.0.1:{}/scanned.pdf", server.addr.port())),
        f("quote-not-in-source", "6", &format!("{JOURNAL_QUOTE}.")),
        // The profile spells the author two ways: the document rule sees that too.
        f("name-mismatch", "1", "Hakobyan"),
        f("dead-link", "6", &format!("http://127.0.0.1:{}/moved", server.addr.port())),
    ];
    want.sort();
    assert_eq!(found, want, "{stderr}");

    let all = report["findings"].as_array().unwrap();
    let by_rule = |rule: &str, note: &str| {
        all.iter()
            .find(|f| f["rule"] == rule && f["note"] == note)
            .unwrap_or_else(|| panic!("{rule} [{note}]"))
    };
    // The evidence: the closest passage, the titles and dates with their origins, the
    // archived copy.
    let quote = by_rule("quote-not-in-source", "1");
    assert!(
        quote["help"].as_str().unwrap().contains("not in a position to join the Mine Ban Treaty"),
        "{quote}"
    );
    let title = by_rule("source-title-mismatch", "2");
    assert!(
        title["help"]
            .as_str()
            .unwrap()
            .contains("“Mine action in the South Caucasus” (citation_title, DC.title, og:title, <h1>)"),
        "{title}"
    );
    let date = by_rule("source-date-mismatch", "2");
    assert!(
        date["help"]
            .as_str()
            .unwrap()
            .contains("12 May 2019 (citation_publication_date, DC.date.issued, article:published_time)"),
        "{date}"
    );
    let archived = by_rule("quote-not-in-source", "6");
    let related = archived["related"][0]["message"].as_str().unwrap();
    assert!(related.contains("archived copy of 13 May 2019"), "{archived}");
    let unread = by_rule("unverifiable-source", "3");
    assert!(unread["message"].as_str().unwrap().contains("scripts"), "{unread}");
}

#[test]
fn a_second_run_within_max_age_reads_nothing_again() {
    let server = server();
    let (dir, text) = setup(CLEAN_BODY, CLEAN_NOTES, &server);
    let (_, first, _) = run(dir.path(), &["profile.txt"]);
    let requests = server.counters.requests();
    let (_, second, stderr) = run(dir.path(), &["profile.txt"]);
    assert_eq!(findings(&second, &text), findings(&first, &text), "{stderr}");
    let again: Vec<_> = server.counters.seen().into_iter().skip(requests).collect();
    // Only the dead pages are asked again (a dead verdict is never trusted from the cache).
    assert!(again.iter().all(|(_, t)| t == "/gone" || t == "/older"), "{again:?}");
    assert!(dir.path().join(".citelint-cache.sources").is_dir());
}

#[test]
fn verification_is_refused_offline() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.txt"), "T\n").unwrap();
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "p.txt", "--verify-sources", "--offline"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--offline"));
}
