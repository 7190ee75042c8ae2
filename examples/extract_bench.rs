//! Throughput of source extraction and quotation search, single-threaded.
//!
//! `cargo run --release --example extract_bench [PASSES]` extracts every page of
//! `shared/corpus/formats/pages` (HTML) and every PDF of `shared/corpus/formats/pdf`
//! (found as `CITELINT_SHARED` or `../shared`; the repository's own fixtures otherwise)
//! PASSES times (default 3) and prints MB/s; then indexes 1 MB of extracted text once
//! and searches it for 50 quotations (25 present, 25 with one word changed).

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use citelint::sources::{Fetched, Limits, NormalizedText, QuoteMatch, extract, find_quote};

fn shared_formats() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CITELINT_SHARED").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")),
    ];
    candidates.into_iter().flatten().map(|p| p.join("corpus/formats")).find(|p| p.is_dir())
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn load(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).unwrap();
    if path.extension().is_some_and(|e| e == "gz") {
        let mut out = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..]).read_to_end(&mut out).unwrap();
        out
    } else {
        bytes
    }
}

fn corpus() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sources");
    let root = shared_formats().unwrap_or_else(|| {
        eprintln!("notice: shared/corpus/formats not found; measuring the repository's fixtures only");
        fixtures.clone()
    });
    let mut paths = Vec::new();
    files_under(&root, &mut paths);
    let is_page = |p: &Path| {
        let name = p.file_name().unwrap().to_string_lossy();
        p.to_string_lossy().contains("/pages/")
            && !name.starts_with("expected")
            && (name.ends_with(".html") || name.ends_with(".html.gz"))
            || (root == fixtures && name.ends_with(".html"))
    };
    let html = paths.iter().filter(|p| is_page(p)).map(|p| load(p)).collect();
    let pdf = paths.iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")).map(|p| load(p)).collect();
    (html, pdf)
}

fn throughput(label: &str, bodies: &[Vec<u8>], content_type: &str, passes: usize) -> Vec<String> {
    let limits = Limits::default();
    let bytes: usize = bodies.iter().map(Vec::len).sum();
    let mut texts = Vec::new();
    let started = Instant::now();
    for pass in 0..passes {
        for body in bodies {
            let out = extract(
                &Fetched { url: "https://example.org/a", content_type: Some(content_type), body },
                &limits,
            );
            if pass == 0 {
                texts.push(out.text);
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    let mb = (bytes * passes) as f64 / 1e6;
    println!(
        "{label:<5} {:>4} files, {:>6.2} MB x {passes}: {:>7.3} s, {:>6.2} MB/s, {:>6.2} ms/file",
        bodies.len(),
        bytes as f64 / 1e6,
        secs,
        mb / secs,
        secs * 1e3 / (bodies.len() * passes) as f64
    );
    texts
}

fn quote_search(texts: &[String]) {
    let mut source = String::new();
    while source.len() < 1_000_000 {
        for t in texts {
            source.push_str(t);
            source.push_str("\n\n");
        }
        if texts.iter().all(String::is_empty) {
            return;
        }
    }
    let cut = (0..=1_000_000).rev().find(|&i| source.is_char_boundary(i)).unwrap_or(0);
    source.truncate(cut);
    let started = Instant::now();
    let index = NormalizedText::new(&source);
    let build = started.elapsed();
    let words: Vec<&str> = source.split_whitespace().collect();
    let mut rng = fastrand::Rng::with_seed(7);
    let mut quotes = Vec::new();
    for i in 0..50 {
        let len = rng.usize(8..30);
        let start = rng.usize(0..words.len() - len);
        let mut q: Vec<String> = words[start..start + len].iter().map(|w| (*w).to_owned()).collect();
        if i % 2 == 1 {
            q[len / 2] = "zebrafish".to_owned();
        }
        quotes.push(q.join(" "));
    }
    let started = Instant::now();
    let mut found = 0;
    let mut slowest = Duration::ZERO;
    for q in &quotes {
        let t = Instant::now();
        if matches!(find_quote(q, &index), QuoteMatch::Found { .. }) {
            found += 1;
        }
        slowest = slowest.max(t.elapsed());
    }
    let search = started.elapsed();
    println!(
        "quote search: {:.2} MB source, {} words indexed in {:.1} ms; 50 quotations ({found} found) in {:.2} ms \
         ({:.3} ms each, slowest {:.3} ms)",
        source.len() as f64 / 1e6,
        index.word_count(),
        build.as_secs_f64() * 1e3,
        search.as_secs_f64() * 1e3,
        search.as_secs_f64() * 1e3 / 50.0,
        slowest.as_secs_f64() * 1e3
    );
}

fn main() {
    let passes = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(3);
    let (html, pdf) = corpus();
    let texts = throughput("html", &html, "text/html", passes);
    throughput("pdf", &pdf, "application/pdf", passes);
    quote_search(&texts);
}
