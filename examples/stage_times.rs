//! Where the time of a check goes, stage by stage, on one thread: parsing, the shared
//! extractions (dates, names, URLs) and each document rule. For finding what to speed
//! up; `bench/throughput.sh` measures the whole command.
//!
//! Usage: `cargo run --release --example stage_times -- DIR`

use std::time::{Duration, Instant};

use citelint::document::{Document, Format};
use citelint::rules::{REGISTRY, RuleSettings, run};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: stage_times DIR");
    let mut sources = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("readable directory") {
        let path = entry.expect("directory entry").path();
        if let Ok(text) = std::fs::read_to_string(&path) {
            sources.push((Format::from_path(&path), text));
        }
    }
    let bytes: usize = sources.iter().map(|(_, s)| s.len()).sum();
    let settings = RuleSettings::default();
    let mut stages: Vec<(String, Duration)> = Vec::new();
    let mut add = |name: &str, d: Duration| match stages.iter_mut().find(|(n, _)| n == name) {
        Some((_, t)) => *t += d,
        None => stages.push((name.to_owned(), d)),
    };
    for (format, text) in &sources {
        let t = Instant::now();
        let doc = Document::parse(text, *format);
        add("parse", t.elapsed());
        let t = Instant::now();
        doc.dates();
        add("dates()", t.elapsed());
        let t = Instant::now();
        doc.name_variants();
        add("name_variants()", t.elapsed());
        let t = Instant::now();
        doc.urls();
        add("urls()", t.elapsed());
        for info in REGISTRY.iter().filter(|i| i.rule.is_some()) {
            let t = Instant::now();
            run(&doc, &settings, |r| (r.name == info.name).then_some(r.default_severity));
            add(info.name, t.elapsed());
        }
    }
    let total: Duration = stages.iter().map(|(_, d)| *d).sum();
    println!("{} files, {:.1} MB, one thread", sources.len(), bytes as f64 / 1e6);
    for (name, d) in &stages {
        println!(
            "{name:<26} {:>8.3} s {:>5.1}% {:>8.1} MB/s",
            d.as_secs_f64(),
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
            bytes as f64 / 1e6 / d.as_secs_f64()
        );
    }
    println!("{:<26} {:>8.3} s", "total", total.as_secs_f64());
}
