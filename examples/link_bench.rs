//! The link-checking benchmark: generate profiles whose footnotes cite URLs on 50
//! loopback hosts and serve those hosts (each response delayed); `bench/links.sh` runs
//! `citelint check` and lychee against them, end to end.
//!
//! ```text
//! link_bench generate DIR [--profiles 1000] [--urls 2000] [--hosts 50] [--port 8000]
//! link_bench serve [--hosts 50] [--port 8000] [--delay-ms 20] [--control 7999]
//! ```
//! The server counts requests; `GET http://127.0.0.1:<control>/count` reads the count
//! and `/reset` zeroes it.

#[path = "../tests/support/server.rs"]
mod server;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use server::{Counters, Response};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, default: u64| -> u64 {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .map_or(default, |v| v.parse().expect(name))
    };
    match args.first().map(String::as_str) {
        Some("generate") => generate(
            Path::new(args.get(1).expect("DIR")),
            flag("--profiles", 1000) as usize,
            flag("--urls", 2000) as usize,
            flag("--hosts", 50) as usize,
            flag("--port", 8000) as u16,
        ),
        Some("serve") => serve(
            flag("--hosts", 50) as usize,
            flag("--port", 8000) as u16,
            Duration::from_millis(flag("--delay-ms", 20)),
            flag("--control", 7999) as u16,
        ),
        _ => eprintln!("usage: link_bench generate DIR | serve (see the source)"),
    }
}

/// `profiles` plain-text profiles of 10 cited notes each; note `n` of all of them, in
/// order, cites URL `n % urls`, so each URL is cited `profiles * 10 / urls` times.
fn generate(dir: &Path, profiles: usize, urls: usize, hosts: usize, port: u16) {
    std::fs::create_dir_all(dir).unwrap();
    let mut n = 0;
    for p in 0..profiles {
        let mut body = format!("Country {p}: Mine Ban Policy\n\nLast updated: 12 May 2024\n\n");
        let mut notes = String::new();
        for j in 1..=10 {
            let u = n % urls;
            n += 1;
            let host = u % hosts + 1;
            // What the sentence quotes and the note's title and date are on the served page
            // (see `page`), so a verifying run has everything to check and nothing to find.
            body.push_str(&format!(
                "Country {p} said in Geneva that “the treaty remains central to policy {u} of the government.”[{j}] "
            ));
            notes.push_str(&format!(
                "[{j}] Ministry of Foreign Affairs, “Statement {u} on the treaty,” 21 June 2021, http://127.0.0.{host}:{port}/doc/{u}/statement.\n\n"
            ));
        }
        let text = format!("{body}\n\n{notes}");
        std::fs::write(dir.join(format!("profile-{p:04}.txt")), text).unwrap();
    }
    println!(
        "wrote {profiles} profiles citing {n} times {urls} distinct URLs on {hosts} hosts to {}",
        dir.display()
    );
}

/// The page of URL `u`: a statement of about 30 KB, as ministries publish them, with
/// its title and date in the metadata and the sentence the profiles quote in its text.
fn page(u: usize) -> String {
    let mut filler = String::new();
    for i in 0..60 {
        filler.push_str(&format!(
            "<p>Paragraph {i} of statement {u}: the delegation recalled the obligations of the convention, \
             the progress of clearance in the affected districts, the assistance given to survivors \
             and the cooperation with international organisations over the reporting period, and it \
             thanked the states that supported its programmes.</p>\n"
        ));
    }
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Statement {u} on the treaty | Ministry of Foreign Affairs</title>\
         <meta name=\"citation_publication_date\" content=\"2021-06-21\"></head><body><nav><a href=\"/\">Home</a></nav>\
         <article><h1>Statement {u} on the treaty</h1><p>The minister said that the treaty remains central to policy {u} of the government.</p>\
         {filler}</article><footer>Ministry of Foreign Affairs</footer></body></html>"
    )
}

fn serve(hosts: usize, port: u16, delay: Duration, control: u16) {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    let counters = Arc::new(Counters::default());
    runtime.block_on(async {
        for h in 1..=hosts {
            let addr: SocketAddr = format!("127.0.0.{h}:{port}").parse().unwrap();
            let listener =
                tokio::net::TcpListener::bind(addr).await.expect("bind (Linux routes 127/8 to lo)");
            let handler: server::Handler = Arc::new(move |r| {
                let u: usize = r.target.split('/').nth(2).and_then(|s| s.parse().ok()).unwrap_or(0);
                Response::ok().html(&page(u)).delay(delay)
            });
            tokio::spawn(server::serve(listener, handler, Arc::clone(&counters)));
        }
        let c = Arc::clone(&counters);
        let control_handler: server::Handler = Arc::new(move |r| {
            if r.target == "/reset" {
                c.requests.store(0, Ordering::SeqCst);
                c.log.lock().unwrap().clear();
            }
            Response::ok().body(format!("{}\n", c.requests()))
        });
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", control)).await.unwrap();
        eprintln!(
            "serving 127.0.0.1..127.0.0.{hosts}:{port}, {} ms per response; control on :{control}",
            delay.as_millis()
        );
        server::serve(listener, control_handler, Arc::new(Counters::default())).await;
    });
}
