//! How fast the readers are: the same profiles read as plain text, as HTML (pandoc's
//! footnote markup) and as `.docx` (Word's native footnotes), both written here from each
//! plain-text profile, so that every format carries the same words, citations and notes.
//! For each format: bytes per second and time per profile to open and parse, and with
//! the document rules too; and the ratio to plain text.
//!
//! `cargo run --release --example reader_bench -- DIR [REPEATS [FORMAT]]` (DIR holds
//! `*.txt` profiles, e.g. from `gen_profiles`; `bench/readers.sh` does both; FORMAT reads
//! only that format, for a profiler). Instruction counts, which the machine's load does
//! not change: `valgrind --tool=callgrind --toggle-collect=reader_bench::read_all
//! target/release/examples/reader_bench DIR 1 FORMAT`.

use std::fmt::Write as _;
use std::io::{Cursor, Write as _};
use std::time::{Duration, Instant};

use citelint::document::readers;
use citelint::{Document, Format, Options, check};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: reader_bench DIR [REPEATS]");
    let repeats: usize = args.next().map_or(5, |r| r.parse().expect("REPEATS is a number"));
    let only = args.next().map(|f| Format::from_name(&f).expect("FORMAT: text, html or docx"));
    let mut texts = Vec::new();
    let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("DIR").flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        texts.push(std::fs::read_to_string(p).expect("UTF-8 profile"));
    }
    assert!(!texts.is_empty(), "no .txt profiles in {dir}");
    let inputs: Vec<(Format, Vec<Vec<u8>>)> = vec![
        (Format::Text, texts.iter().map(|t| t.as_bytes().to_vec()).collect()),
        (Format::Html, texts.iter().map(|t| to_html(t).into_bytes()).collect()),
        (Format::Docx, texts.iter().map(|t| to_docx(t)).collect()),
    ];
    // The same document in every format: as many citations and notes.
    for (format, files) in &inputs[1..] {
        for (i, bytes) in files.iter().enumerate().take(20) {
            let text = readers::open(inputs[0].1[i].clone(), Format::Text).unwrap();
            let other = readers::open(bytes.clone(), *format).unwrap();
            let (a, b) = (text.document(), other.document());
            assert_eq!(
                (a.citations.len(), a.footnotes.len()),
                (b.citations.len(), b.footnotes.len()),
                "{format:?} #{i}"
            );
        }
    }
    let offline = Options { links: None, ..Options::default() };
    println!("{} profiles, best of {repeats} runs, one thread", texts.len());
    println!(
        "{:<6} {:>9} {:>12} {:>11} {:>8} {:>14} {:>8}",
        "format", "MB", "read MB/s", "read µs", "× text", "+rules µs", "× text"
    );
    let mut base = None;
    for (format, files) in &inputs {
        if only.is_some_and(|o| o != *format) {
            continue;
        }
        let bytes: usize = files.iter().map(Vec::len).sum();
        let read = best(repeats, || read_all(files, *format));
        let ruled = best(repeats, || read_and_check_all(files, *format, &offline));
        let per = |d: Duration| d.as_secs_f64() * 1e6 / files.len() as f64;
        let (base_read, base_ruled) = *base.get_or_insert((per(read), per(ruled)));
        println!(
            "{:<6} {:>9.2} {:>12.1} {:>11.1} {:>8.2} {:>14.1} {:>8.2}",
            format.name(),
            bytes as f64 / 1e6,
            bytes as f64 / 1e6 / read.as_secs_f64(),
            per(read),
            per(read) / base_read,
            per(ruled),
            per(ruled) / base_ruled,
        );
    }
}

/// Open and parse every file (a function of its own, for `valgrind --toggle-collect`).
#[inline(never)]
fn read_all(files: &[Vec<u8>], format: Format) {
    for f in files {
        let view = readers::open(f.clone(), format).unwrap();
        std::hint::black_box(view.document().citations.len());
    }
}

/// Open, parse and run the document rules on every file.
#[inline(never)]
fn read_and_check_all(files: &[Vec<u8>], format: Format, options: &Options) {
    for f in files {
        let view = readers::open(f.clone(), format).unwrap();
        std::hint::black_box(check::rules(&view.document(), options).len());
    }
}

fn best(repeats: usize, mut f: impl FnMut()) -> Duration {
    (0..repeats.max(1))
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The profile as pandoc writes HTML from Markdown footnotes: headings, paragraphs with
/// `footnote-ref` links, and a `footnotes` section with back links. Lines are wrapped
/// at 72 columns, as pandoc wraps them.
fn to_html(text: &str) -> String {
    let doc = Document::parse(text, Format::Text);
    let mut out = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n<title>profile</title>\n<style>body { margin: 0 auto; }</style>\n</head>\n<body>\n",
    );
    for b in &doc.blocks {
        let (open, close) = match b.kind {
            citelint::document::BlockKind::Title => ("<h1>", "</h1>"),
            citelint::document::BlockKind::Heading => ("<h2>", "</h2>"),
            _ => ("<p>", "</p>"),
        };
        let mut para = String::new();
        let mut at = b.span.start;
        for c in doc.citations.iter().filter(|c| b.span.start <= c.span.start && c.span.end <= b.span.end) {
            para.push_str(&escape(&text[at..c.span.start]));
            let n = &c.label;
            let _ = write!(
                para,
                "<a href=\"#fn{n}\" class=\"footnote-ref\" id=\"fnref{n}\" role=\"doc-noteref\"><sup>{n}</sup></a>"
            );
            at = c.span.end;
        }
        para.push_str(&escape(&text[at..b.span.end]));
        out.push_str(open);
        out.push_str(&wrap(&para));
        out.push_str(close);
        out.push('\n');
    }
    out.push_str(
        "<section class=\"footnotes footnotes-end-of-document\" role=\"doc-endnotes\">\n<hr />\n<ol>\n",
    );
    for f in &doc.footnotes {
        let n = &f.label;
        let body = wrap(&escape(doc.slice(&f.text_span)));
        let _ = writeln!(
            out,
            "<li id=\"fn{n}\" role=\"doc-endnote\"><p>{body}<a href=\"#fnref{n}\" class=\"footnote-back\" role=\"doc-backlink\">↩︎</a></p></li>"
        );
    }
    out.push_str("</ol>\n</section>\n</body>\n</html>\n");
    out
}

fn wrap(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 64);
    let mut col = 0;
    for word in s.split(' ') {
        if col > 0 && col + word.len() > 72 {
            out.push('\n');
            col = 0;
        } else if col > 0 {
            out.push(' ');
            col += 1;
        }
        out.push_str(word);
        col += word.len();
    }
    out
}

/// The profile as a `.docx` with native footnotes, as pandoc writes one.
fn to_docx(text: &str) -> Vec<u8> {
    let doc = Document::parse(text, Format::Text);
    let run = |s: &str| format!("<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>", escape(s));
    let mut body = String::new();
    let mut ids = std::collections::HashMap::new();
    for b in &doc.blocks {
        let style = match b.kind {
            citelint::document::BlockKind::Title => "Title",
            citelint::document::BlockKind::Heading => "Heading2",
            _ => "BodyText",
        };
        let _ = write!(body, "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>");
        let mut at = b.span.start;
        for c in doc.citations.iter().filter(|c| b.span.start <= c.span.start && c.span.end <= b.span.end) {
            body.push_str(&run(&text[at..c.span.start]));
            let next = ids.len() + 1;
            let id = *ids.entry(c.label.clone()).or_insert(next);
            let _ = write!(
                body,
                "<w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>"
            );
            at = c.span.end;
        }
        body.push_str(&run(&text[at..b.span.end]));
        body.push_str("</w:p>");
    }
    let mut notes = String::from(
        "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>",
    );
    for f in &doc.footnotes {
        let Some(id) = ids.get(&f.label) else { continue };
        let _ = write!(
            notes,
            "<w:footnote w:id=\"{id}\"><w:p><w:pPr><w:pStyle w:val=\"FootnoteText\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnoteRef/></w:r>{}</w:p></w:footnote>",
            run(&format!(" {}", doc.slice(&f.text_span)))
        );
    }
    const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
    let parts = [
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>".to_owned()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>".to_owned()),
        ("word/_rels/document.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/></Relationships>".to_owned()),
        ("word/document.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {NS}><w:body>{body}</w:body></w:document>")),
        ("word/footnotes.xml", format!("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:footnotes {NS}>{notes}</w:footnotes>")),
    ];
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(name, options).unwrap();
        w.write_all(data.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}
