//! `citelint source URL`: what verification reads in a source, against a server on
//! 127.0.0.1, and from the cache on a second run (even offline).

mod support;

use std::path::Path;

use assert_cmd::Command;
use support::server::{Response, Server};

fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out =
        Command::cargo_bin("citelint").unwrap().current_dir(dir).arg("source").args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_source_shows_its_metadata_with_origins_and_its_text() {
    let page =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sources/citation-meta.html"))
            .unwrap();
    let server = Server::start("127.0.0.1", move |r| match r.target.as_str() {
        "/journal" => Response::ok().header("Content-Type", "text/html").body(page.clone()),
        _ => Response::status(404),
    });
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}/journal", server.addr.port());
    let (code, out, err) = run(dir.path(), &[&url, "--allow-private"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("“Mine action in the South Caucasus”  (citation_title)"), "{out}");
    assert!(out.contains("2019/05/12  (citation_publication_date)"), "{out}");
    assert!(
        out.contains("2020-01-03  (dcterms.modified)") || out.contains("(article:modified_time)"),
        "{out}"
    );
    assert!(out.contains("Armenia is not in a position to"), "{out}");
    assert!(!out.contains("from the cache"), "{out}");
    assert_eq!(server.counters.requests(), 1);

    // Again, offline: the cache answers, and says so.
    let (code, out, err) = run(dir.path(), &[&url, "--offline", "--json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["extraction"]["titles"][0]["value"], "Mine action in the South Caucasus");
    assert_eq!(json["checked_on"]["on"], "live");
    assert_eq!(server.counters.requests(), 1);
}

#[test]
fn a_source_that_cannot_be_read_is_an_error() {
    let server = Server::start("127.0.0.1", |_| Response::status(404));
    let dir = tempfile::tempdir().unwrap();
    let url = format!("http://127.0.0.1:{}/gone", server.addr.port());
    let (code, _, err) = run(dir.path(), &[&url, "--allow-private", "--no-archive"]);
    assert_eq!(code, 2);
    assert!(err.contains("/gone"), "{err}");
    let (code, _, err) = run(dir.path(), &[&url, "--offline"]);
    assert_eq!(code, 2);
    assert!(err.contains("not in the cache"), "{err}");
}
