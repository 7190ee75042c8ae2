//! Link checking through the binary, against a server on 127.0.0.1 the test starts: the
//! findings land on the footnote that cites the URL, a second run answers from the
//! cache, `--offline` sends nothing, and loopback is refused without `--allow-private`.

mod support;

use assert_cmd::Command;
use serde_json::Value;
use support::server::{Response, Server};

fn profile(ok: &str, gone: &str) -> String {
    format!(
        "Mine Ban Policy\n\nLast updated: 22 December 2023\n\n\
         Veridia reported its stockpile destroyed.[1] It published the survey.[2]\n\n\
         [1] Veridia Ministry of Defense, “Stockpile destruction completed,” 3 May 2021, {ok}.\n\n\
         [2] Veridia Mine Action Centre, “Survey results,” 14 June 2022, {gone}.\n"
    )
}

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("citelint")
        .unwrap()
        .current_dir(dir)
        .args(["check", "profile.txt", "--format", "json", "--no-archive"])
        .args(args)
        .output()
        .unwrap();
    let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!("{e}: {}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
    });
    (out.status.code().unwrap(), json)
}

fn rules(report: &Value) -> Vec<(String, String, u64)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap().to_owned(),
                f["note"].as_str().unwrap_or("").to_owned(),
                f["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn dead_source_link_is_reported_at_its_footnote_and_cached() {
    let server =
        Server::start(
            "127.0.0.1",
            |r| if r.target == "/ok" { Response::ok() } else { Response::status(404) },
        );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profile.txt"), profile(&server.url("/ok"), &server.url("/gone")))
        .unwrap();

    let (code, report) = run(dir.path(), &["--allow-private", "--cache", "links.cache"]);
    assert_eq!(code, 1);
    assert_eq!(rules(&report), [("dead-link".to_owned(), "2".to_owned(), 9)]);
    assert_eq!(report["summary"]["links"], 2);
    let first = server.counters.requests();
    assert!(first >= 2, "both URLs were asked for: {first}");

    // The alive verdict is cached; the dead one is checked again.
    let (_, report) = run(dir.path(), &["--allow-private", "--cache", "links.cache"]);
    assert_eq!(rules(&report), [("dead-link".to_owned(), "2".to_owned(), 9)]);
    assert_eq!(report["summary"]["link_cache_hits"], 1);
    let seen = server.counters.seen();
    assert!(seen[first..].iter().all(|(_, path)| path == "/gone"), "{seen:?}");
}

#[test]
fn offline_sends_no_request() {
    let server = Server::start("127.0.0.1", |_| Response::status(404));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profile.txt"), profile(&server.url("/a"), &server.url("/b"))).unwrap();
    let (code, report) = run(dir.path(), &["--allow-private", "--offline"]);
    assert_eq!(code, 0);
    assert!(rules(&report).is_empty());
    assert_eq!(server.counters.requests(), 0);
}

#[test]
fn loopback_links_are_refused_without_allow_private() {
    let server = Server::start("127.0.0.1", |_| Response::status(404));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("profile.txt"), profile(&server.url("/a"), &server.url("/b"))).unwrap();
    let (_, report) = run(dir.path(), &["--no-cache"]);
    assert_eq!(server.counters.requests(), 0, "nothing reaches a loopback address");
    // Refused links are not confirmed dead: the report says they could not be checked.
    for (rule, _, _) in rules(&report) {
        assert_ne!(rule, "dead-link");
    }
}
