//! Source extraction measured against the shared corpus of real pages and PDFs
//! (`corpus/formats/pages`, `corpus/formats/pdf`): main-text recall and precision
//! against Readability's and the article-extraction benchmark's expected text,
//! trafilatura's with/without snippets, metadata against the annotated titles, dates
//! and authors, no page flagged unverifiable, and PDF text against the expected text.
//! Run with `--nocapture` to see the tables. Skips with a notice when `shared/` is absent.

use std::io::Read;
use std::path::{Path, PathBuf};

use citelint::sources::{
    Extraction, Fetched, Limits, NormalizedText, QuoteMatch, SourceDate, Unverifiable, extract, find_quote,
    parse_date, title_similarity,
};

fn verbose() -> bool {
    std::env::var_os("CITELINT_SOURCES_VERBOSE").is_some()
}

fn formats() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CITELINT_SHARED").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")),
    ];
    let found = candidates.into_iter().flatten().map(|p| p.join("corpus/formats")).find(|p| p.is_dir());
    if found.is_none() {
        eprintln!(
            "notice: shared/corpus/formats not found (set CITELINT_SHARED); source corpus tests skipped"
        );
    }
    found
}

fn dirs(path: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(path)
        .map(|r| r.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    out.sort();
    out
}

fn extract_html(bytes: &[u8], url: &str) -> Extraction {
    extract(&Fetched { url, content_type: Some("text/html"), body: bytes }, &Limits::default())
}

fn gunzip(path: &Path) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path).unwrap()).read_to_end(&mut out).unwrap();
    out
}

/// The visible text of an HTML fragment, a line break at each block element.
fn html_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let mut out = String::new();
    for node in doc.root_element().descendants() {
        if let Some(t) = node.value().as_text() {
            out.push_str(t);
        } else if let Some(e) = node.value().as_element()
            && matches!(
                e.name(),
                "p" | "div"
                    | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "br"
                    | "td"
                    | "tr"
                    | "pre"
                    | "blockquote"
                    | "figcaption"
                    | "dt"
                    | "dd"
                    | "section"
            )
        {
            out.push('\n');
        }
    }
    out
}

/// Sentences of at least four words (cut after `.`, `!`, `?` and at line breaks).
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        for word in line.split_whitespace() {
            current.push_str(word);
            current.push(' ');
            if word.ends_with(['.', '!', '?']) && word.chars().count() > 3 {
                out.push(std::mem::take(&mut current));
            }
        }
        out.push(current);
    }
    out.into_iter().filter(|s| s.split_whitespace().count() >= 4).map(|s| s.trim().to_owned()).collect()
}

fn found(quote: &str, source: &NormalizedText) -> bool {
    matches!(find_quote(quote, source), QuoteMatch::Found { .. })
}

/// Recall (share of expected sentences found in ours) and precision (share of our
/// sentences, by characters, found in the expected text).
fn compare(expected: &str, ours: &str) -> (usize, usize, usize, usize) {
    let ours_n = NormalizedText::new(ours);
    let expected_n = NormalizedText::new(expected);
    let gt = sentences(expected);
    let recalled = gt.iter().filter(|s| found(s, &ours_n)).count();
    let mine = sentences(ours);
    let total_chars: usize = mine.iter().map(|s| s.len()).sum();
    let precise_chars: usize = mine.iter().filter(|s| found(s, &expected_n)).map(|s| s.len()).sum();
    (recalled, gt.len(), precise_chars, total_chars)
}

#[derive(Default)]
struct Tally {
    recalled: usize,
    expected: usize,
    precise: usize,
    ours: usize,
    pages: usize,
    page_recall_sum: f64,
}

impl Tally {
    fn add(&mut self, (r, e, p, o): (usize, usize, usize, usize)) {
        self.recalled += r;
        self.expected += e;
        self.precise += p;
        self.ours += o;
        self.pages += 1;
        self.page_recall_sum += if e == 0 { 1.0 } else { r as f64 / e as f64 };
    }
    fn recall(&self) -> f64 {
        self.recalled as f64 / self.expected.max(1) as f64
    }
    fn precision(&self) -> f64 {
        self.precise as f64 / self.ours.max(1) as f64
    }
    fn print(&self, name: &str) {
        println!(
            "{name:<12} pages {:>3}  sentence recall {:.3} (mean per page {:.3})  precision {:.3}",
            self.pages,
            self.recall(),
            self.page_recall_sum / self.pages.max(1) as f64,
            self.precision()
        );
    }
}

#[test]
fn main_text_recovers_the_expected_article_text() {
    let Some(formats) = formats() else { return };
    let pages = formats.join("pages");
    let mut readability = Tally::default();
    for dir in dirs(&pages.join("readability")) {
        let source = std::fs::read(dir.join("source.html")).unwrap();
        let expected = html_text(&std::fs::read_to_string(dir.join("expected.html")).unwrap());
        let out = extract_html(&source, "https://example.com/");
        let c = compare(&expected, &out.text);
        if verbose() {
            println!(
                "  readability/{}: {}/{} recall, {}/{} precise",
                dir.file_name().unwrap().to_string_lossy(),
                c.0,
                c.1,
                c.2,
                c.3
            );
        }
        readability.add(c);
    }
    let mut aeb = Tally::default();
    for dir in dirs(&pages.join("aeb")) {
        let source = gunzip(&dir.join("source.html.gz"));
        let truth: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("ground-truth.json")).unwrap()).unwrap();
        let entry = truth.as_object().unwrap().values().next().unwrap();
        let url = entry["url"].as_str().unwrap_or("https://example.com/");
        let out = extract_html(&source, url);
        let c = compare(entry["articleBody"].as_str().unwrap_or(""), &out.text);
        if verbose() {
            println!(
                "  aeb/{}: {}/{} recall, {}/{} precise",
                &dir.file_name().unwrap().to_string_lossy()[..8],
                c.0,
                c.1,
                c.2,
                c.3
            );
        }
        aeb.add(c);
    }
    readability.print("readability");
    aeb.print("aeb");
    assert!(readability.recall() >= 0.90, "readability recall {:.3}", readability.recall());
    assert!(aeb.recall() >= 0.90, "aeb recall {:.3}", aeb.recall());
    assert!(readability.precision() >= 0.80, "readability precision {:.3}", readability.precision());
    assert!(aeb.precision() >= 0.75, "aeb precision {:.3}", aeb.precision());
}

struct Trafilatura {
    url: String,
    source: Vec<u8>,
    eval: serde_json::Value,
}

fn trafilatura(formats: &Path) -> Vec<Trafilatura> {
    dirs(&formats.join("pages/trafilatura"))
        .into_iter()
        .map(|dir| {
            let eval: serde_json::Value =
                serde_json::from_slice(&std::fs::read(dir.join("evaldata.json")).unwrap()).unwrap();
            let (url, eval) =
                eval.as_object().unwrap().iter().next().map(|(k, v)| (k.clone(), v.clone())).unwrap();
            Trafilatura { url, source: std::fs::read(dir.join("source.html")).unwrap(), eval }
        })
        .collect()
}

fn strings(v: &serde_json::Value) -> Vec<String> {
    v.as_array().map(|a| a.iter().filter_map(|s| s.as_str().map(str::to_owned)).collect()).unwrap_or_default()
}

/// Lower case, whitespace runs as one space, soft hyphens out: trafilatura's snippets
/// are substrings (often cut inside a word), so they are compared as substrings.
fn squeeze(s: &str) -> String {
    s.replace('\u{ad}', "").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[test]
fn trafilatura_snippets_are_kept_and_boilerplate_left_out() {
    let Some(formats) = formats() else { return };
    let (mut with, mut with_found, mut without, mut without_kept) = (0, 0, 0, 0);
    for page in trafilatura(&formats) {
        let out = extract_html(&page.source, &page.url);
        let text = squeeze(&out.text);
        let found = |s: &str| text.contains(&squeeze(s));
        for s in strings(&page.eval["with"]) {
            with += 1;
            if found(&s) {
                with_found += 1;
            } else if verbose() {
                println!("  missing in {}: {s}", page.url);
            }
        }
        for s in strings(&page.eval["without"]) {
            without += 1;
            if found(&s) {
                without_kept += 1;
                if verbose() {
                    println!("  kept in {}: {s}", page.url);
                }
            }
        }
    }
    println!(
        "trafilatura  'with' snippets found {with_found}/{with} ({:.3}); 'without' snippets wrongly kept {without_kept}/{without} ({:.3})",
        with_found as f64 / with as f64,
        without_kept as f64 / without as f64
    );
    assert!(with_found as f64 >= 0.90 * with as f64);
    assert!(without_kept as f64 <= 0.25 * without as f64);
}

/// What a metadata check scored: hits by the first candidate, by any candidate, of how
/// many expected values.
#[derive(Default)]
struct Hits {
    first: usize,
    any: usize,
    of: usize,
}

impl Hits {
    fn add(&mut self, first: bool, any: bool) {
        self.of += 1;
        self.first += usize::from(first);
        self.any += usize::from(any);
    }
    fn print(&self, what: &str) {
        println!(
            "  {what:<28} first candidate {:>3}/{:<3}  any candidate {:>3}/{:<3}",
            self.first, self.of, self.any, self.of
        );
    }
    fn any_share(&self) -> f64 {
        self.any as f64 / self.of.max(1) as f64
    }
}

fn title_hits(hits: &mut Hits, expected: &str, out: &Extraction) {
    if expected.trim().is_empty() {
        return;
    }
    let ok = |v: &str| title_similarity(expected, v) >= 0.8;
    hits.add(out.titles.first().is_some_and(|c| ok(&c.value)), out.titles.iter().any(|c| ok(&c.value)));
}

fn date_hits(hits: &mut Hits, expected: &str, out: &Extraction) {
    let Some(want) = parse_date(expected) else { return };
    let same = |d: &SourceDate| d.year == want.year && d.month == want.month && d.day == want.day;
    let any = out.published.iter().any(|c| same(&c.date));
    if !any && verbose() {
        let got: Vec<String> = out.published.iter().map(|c| format!("{} ({:?})", c.raw, c.origin)).collect();
        let modified: Vec<String> = out.modified.iter().map(|c| c.raw.clone()).collect();
        println!("  date {expected}: published {got:?} modified {modified:?}");
    }
    hits.add(out.published.first().is_some_and(|c| same(&c.date)), any);
}

fn author_hits(hits: &mut Hits, expected: &str, out: &Extraction) {
    let names: Vec<&str> = expected.split(';').map(str::trim).filter(|n| !n.is_empty()).collect();
    if names.is_empty() {
        return;
    }
    // A candidate naming one of several authors ("David K. Li" of "David K. Li and Doha
    // Madani") counts.
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let ok = |v: &str| {
        names.iter().any(|n| {
            let (cand, want) = (words(v), words(n));
            !cand.is_empty() && (cand == want || (cand.len() >= 2 && cand.iter().all(|w| want.contains(w))))
        })
    };
    let any = out.authors.iter().any(|c| ok(&c.value));
    if !any && verbose() {
        let got: Vec<String> = out.authors.iter().map(|c| format!("{} ({:?})", c.value, c.origin)).collect();
        println!("  author {expected}: {got:?}");
    }
    hits.add(out.authors.first().is_some_and(|c| ok(&c.value)), any);
}

fn language_hits(hits: &mut Hits, expected: &str, out: &Extraction) {
    let want = expected.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    if want.is_empty() {
        return;
    }
    let ok = out.language.as_ref().is_some_and(|l| l.code == want);
    if !ok && verbose() {
        println!("  language {expected}: {:?}", out.language);
    }
    hits.add(ok, ok);
}

/// `  title: 'x',` lines of metascraper's AVA snapshots.
fn snapshot_field(md: &str, field: &str) -> Option<String> {
    let prefix = format!("{field}: ");
    md.lines().find_map(|l| {
        let v = l.trim().strip_prefix(&prefix)?.trim_end_matches(',');
        (v != "null").then(|| v.trim_matches(['\'', '`', '"']).replace("\\'", "'"))
    })
}

#[test]
fn metadata_candidates_include_the_annotated_title_date_and_author() {
    let Some(formats) = formats() else { return };
    let pages = formats.join("pages");
    let (mut titles, mut dates, mut authors) = (Hits::default(), Hits::default(), Hits::default());
    let mut languages = Hits::default();
    for page in trafilatura(&formats) {
        let out = extract_html(&page.source, &page.url);
        title_hits(&mut titles, page.eval["title"].as_str().unwrap_or(""), &out);
        date_hits(&mut dates, page.eval["date"].as_str().unwrap_or(""), &out);
        author_hits(&mut authors, page.eval["author"].as_str().unwrap_or(""), &out);
    }
    for dir in dirs(&pages.join("readability")) {
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.join("expected-metadata.json")).unwrap()).unwrap();
        let out = extract_html(&std::fs::read(dir.join("source.html")).unwrap(), "https://example.com/");
        title_hits(&mut titles, meta["title"].as_str().unwrap_or(""), &out);
        date_hits(&mut dates, meta["publishedTime"].as_str().unwrap_or(""), &out);
        language_hits(&mut languages, meta["lang"].as_str().unwrap_or(""), &out);
    }
    for (sub, file, input) in [
        ("metascraper", "index.js.md", "input.html"),
        ("metascraper-citation", "snapshot-section.md", "source.html"),
    ] {
        for dir in dirs(&pages.join(sub)) {
            let Ok(md) = std::fs::read_to_string(dir.join(file)) else { continue };
            let Ok(html) = std::fs::read(dir.join(input)).or_else(|_| {
                std::fs::read_dir(&dir)
                    .unwrap()
                    .flatten()
                    .map(|e| e.path())
                    .find(|p| p.extension().is_some_and(|x| x == "html"))
                    .map(std::fs::read)
                    .unwrap()
            }) else {
                continue;
            };
            let out = extract_html(&html, "https://example.com/");
            title_hits(&mut titles, &snapshot_field(&md, "title").unwrap_or_default(), &out);
            date_hits(&mut dates, &snapshot_field(&md, "date").unwrap_or_default(), &out);
            author_hits(&mut authors, &snapshot_field(&md, "author").unwrap_or_default(), &out);
            language_hits(&mut languages, &snapshot_field(&md, "lang").unwrap_or_default(), &out);
        }
    }
    println!("metadata (trafilatura, readability, metascraper, metascraper-citation):");
    titles.print("title (similarity >= 0.8)");
    dates.print("published date (same day)");
    authors.print("author (same words)");
    languages.print("language (primary subtag)");
    assert!(titles.any_share() >= 0.90, "titles {}/{}", titles.any, titles.of);
    assert!(dates.any_share() >= 0.70, "dates {}/{}", dates.any, dates.of);
    assert!(authors.any_share() >= 0.50, "authors {}/{}", authors.any, authors.of);
    assert!(languages.any_share() >= 0.90, "languages {}/{}", languages.any, languages.of);
}

#[test]
fn no_corpus_page_is_flagged_unverifiable() {
    let Some(formats) = formats() else { return };
    let pages = formats.join("pages");
    let mut flagged = Vec::new();
    let mut checked = 0;
    for sub in ["readability", "aeb", "trafilatura", "metascraper", "metascraper-citation"] {
        for dir in dirs(&pages.join(sub)) {
            let Some(file) = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).find(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.ends_with(".html") && name != "expected.html" || name.ends_with(".html.gz")
            }) else {
                continue;
            };
            let bytes = if file.extension().is_some_and(|e| e == "gz") {
                gunzip(&file)
            } else {
                std::fs::read(&file).unwrap()
            };
            let out = extract_html(&bytes, "https://example.com/article");
            checked += 1;
            if let Some(why) = out.unverifiable {
                flagged.push(format!("{}: {why:?}", dir.display()));
            }
        }
    }
    println!("unverifiable verdicts on {checked} real pages: {}", flagged.len());
    assert!(checked > 200, "only {checked} pages found");
    assert!(flagged.is_empty(), "{flagged:#?}");
}

/// Length of the longest common subsequence of two word lists (bit-parallel, Hyyrö:
/// V' = (V + (V & M)) | (V & !M), the answer is the count of zero bits among a's).
fn lcs(a: &[&str], b: &[&str]) -> usize {
    use std::collections::HashMap;
    let blocks = a.len().div_ceil(64).max(1);
    let mut masks: HashMap<&str, Vec<u64>> = HashMap::new();
    for (i, w) in a.iter().enumerate() {
        masks.entry(w).or_insert_with(|| vec![0; blocks])[i / 64] |= 1 << (i % 64);
    }
    let mut v = vec![u64::MAX; blocks];
    for w in b {
        let Some(m) = masks.get(w) else { continue };
        let mut carry = false;
        for k in 0..blocks {
            let u = v[k] & m[k];
            let (sum, c1) = v[k].overflowing_add(u);
            let (sum, c2) = sum.overflowing_add(u64::from(carry));
            carry = c1 || c2;
            v[k] = sum | (v[k] & !m[k]);
        }
    }
    (0..a.len()).filter(|&i| v[i / 64] & (1 << (i % 64)) == 0).count()
}

#[test]
fn lcs_counts_words_in_order() {
    assert_eq!(lcs(&["a", "b", "c", "d"], &["b", "x", "d", "a"]), 2);
    let long: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
    let a: Vec<&str> = long.iter().map(String::as_str).collect();
    let b: Vec<&str> = a.iter().copied().filter(|w| !w.ends_with('7')).collect();
    assert_eq!(lcs(&a, &b), b.len());
}

/// Lower-cased words with letters or digits, punctuation stripped from their ends.
fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn pdfs(formats: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for dir in dirs(&formats.join("pdf")) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            if e.path().extension().is_some_and(|x| x == "pdf") {
                out.push(e.path());
            }
        }
    }
    out.sort();
    out
}

fn extract_pdf(path: &Path) -> Extraction {
    let body = std::fs::read(path).unwrap();
    extract(
        &Fetched { url: "https://example.com/a.pdf", content_type: Some("application/pdf"), body: &body },
        &Limits::default(),
    )
}

/// Share of `expected`'s words that `ours` has, in any order (as a multiset).
fn bag_share(expected: &str, ours: &str) -> usize {
    let mut have: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for w in words(ours) {
        *have.entry(w).or_default() += 1;
    }
    words(expected)
        .into_iter()
        .filter(|w| {
            have.get_mut(w).is_some_and(|n| {
                let left = *n > 0;
                *n = n.saturating_sub(1);
                left
            })
        })
        .count()
}

/// Share of `expected`'s words that `ours` has in the same order.
fn in_order_share(expected: &str, ours: &str) -> (usize, usize) {
    let (e, o) = (words(expected), words(ours));
    let e: Vec<&str> = e.iter().map(String::as_str).collect();
    let o: Vec<&str> = o.iter().map(String::as_str).collect();
    (lcs(&e, &o), e.len())
}

#[test]
fn pdf_text_recovers_the_expected_words_in_order() {
    let Some(formats) = formats() else { return };
    let pdftotext = std::process::Command::new("pdftotext").arg("-v").output().is_ok();
    let (mut got, mut of, mut got_p, mut of_p, mut bag_p) = (0, 0, 0, 0, 0);
    for path in pdfs(&formats) {
        let out = extract_pdf(&path);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut line = format!(
            "  {name:<45} {:<28}",
            format!("{:?}", out.unverifiable.as_ref().map(|u| format!("{u:?}")))
        );
        let expected = path.with_file_name(format!("{name}.txt"));
        if let Ok(t) = std::fs::read_to_string(&expected) {
            let (g, o) = in_order_share(t.trim_start_matches('\u{feff}'), &out.text);
            line += &format!(" pdfbox {g:>5}/{o:<5}");
            got += g;
            of += o;
        }
        if pdftotext {
            let p = std::process::Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
            if p.status.success() {
                let theirs = String::from_utf8_lossy(&p.stdout);
                let (g, o) = in_order_share(&theirs, &out.text);
                let bag = bag_share(&theirs, &out.text);
                line += &format!(" pdftotext {g:>5}/{o:<5} (any order {bag:>5})");
                bag_p += bag;
                got_p += g;
                of_p += o;
            }
        }
        println!("{line}");
    }
    println!(
        "pdf words recovered in order: pdfbox expectations {got}/{of} ({:.3})",
        got as f64 / of.max(1) as f64
    );
    if pdftotext {
        println!(
            "pdf words recovered in order: pdftotext {got_p}/{of_p} ({:.3})",
            got_p as f64 / of_p.max(1) as f64
        );
        let share = bag_p as f64 / of_p.max(1) as f64;
        println!("pdf words recovered in any order: pdftotext {bag_p}/{of_p} ({share:.3})");
    }
    assert!(got as f64 >= 0.85 * of as f64, "{got}/{of}");
}

#[test]
fn pdf_metadata_matches_what_the_corpus_says_each_file_holds() {
    let Some(formats) = formats() else { return };
    let pdf = |name: &str| extract_pdf(&formats.join("pdf").join(name));
    let titles = |e: &Extraction| e.titles.iter().map(|c| c.value.clone()).collect::<Vec<_>>();

    let ftc = pdf("pdfbox/PDFBOX-3038-001033-p2.pdf");
    assert!(ftc.authors.iter().any(|a| a.value == "Federal Trade Commission"), "{:?}", ftc.authors);
    assert!(
        titles(&ftc).contains(&"THE COMPETITIVE IMPLICATIONS OF GENERIC BIOLOGICS".to_owned()),
        "{:?}",
        ftc.titles
    );
    let hello = pdf("pdfbox/hello3.pdf");
    assert!(titles(&hello).iter().any(|t| t.contains("محمد")), "{:?}", hello.titles);
    assert!(hello.authors.iter().any(|a| a.value == "Brian Carrier"));
    // Junk Info titles are not title candidates.
    assert!(!titles(&pdf("pdfbox/rotation.pdf")).iter().any(|t| t.contains("Document1")));
    assert!(!titles(&pdf("pdfbox/PDFBOX-3110-poems-beads.pdf")).iter().any(|t| t.ends_with(".pages")));
    let reportlab = pdf("py-pdf-sample-files/inline-image.pdf");
    assert!(
        reportlab.titles.is_empty() && reportlab.authors.is_empty(),
        "{:?} {:?}",
        reportlab.titles,
        reportlab.authors
    );
    let empty = pdf("py-pdf-sample-files/pdflatex-outline.pdf");
    assert!(empty.titles.is_empty() && empty.authors.is_empty());
    // The encrypted file is unverifiable, never an empty text to compare against.
    let locked = pdf("py-pdf-sample-files/libreoffice-writer-password.pdf");
    assert!(matches!(locked.unverifiable, Some(Unverifiable::Malformed(_))), "{:?}", locked.unverifiable);
    // Creation dates come from the Info dictionary or XMP, as the files-json records them.
    let crazy = pdf("py-pdf-sample-files/crazyones-pdfa.pdf");
    let want = parse_date("2023-04-23").unwrap();
    assert!(crazy.published.iter().any(|d| d.date == want), "{:?}", crazy.published);
    assert!(crazy.text.contains("Crazy Ones") || crazy.text.contains("crazy ones"), "{}", crazy.text);
}
