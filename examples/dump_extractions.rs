//! Everything the shared extractions find in some files, one line per fact: each date
//! mention with all its fields, each footnote's dates, each citing sentence's statement
//! date, every name word and spelling (neighbours, confirmation) the name extraction
//! finds, the name gate's verdict and the variant groups with their words. Two builds
//! that print the same dump extract the same things, which is a far finer check than
//! equal findings when making an extraction faster.
//!
//! Usage: `cargo run --release --example dump_extractions -- [--markdown|--text] PATH...`
//! (directories are read one level deep; the grammar follows the file name unless forced).

use std::io::Write;
use std::path::PathBuf;

use citelint::document::dates::statement_date;
use citelint::document::names::may_have_variants;
use citelint::document::{Document, Format};

fn main() {
    let mut forced = None;
    let mut paths: Vec<PathBuf> = Vec::new();
    for arg in std::env::args().skip(1) {
        match arg.as_str() {
            "--markdown" => forced = Some(Format::Markdown),
            "--text" => forced = Some(Format::Text),
            _ => {
                let path = PathBuf::from(arg);
                if path.is_dir() {
                    let mut inner: Vec<PathBuf> = std::fs::read_dir(&path)
                        .expect("readable directory")
                        .map(|e| e.expect("directory entry").path())
                        .filter(|p| p.is_file())
                        .collect();
                    inner.sort();
                    paths.extend(inner);
                } else {
                    paths.push(path);
                }
            }
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else { continue };
        let doc = Document::parse(&text, forced.unwrap_or_else(|| Format::from_path(path)));
        writeln!(out, "# {}", path.display()).unwrap();
        let dates = doc.dates();
        for (i, m) in dates.mentions.iter().enumerate() {
            writeln!(
                out,
                "date {i} {:?} {:?} {:?} {:?} {:?} {:?} q={} a={} before={:?}",
                m.span,
                &text[m.span.clone()],
                m.start,
                m.end,
                m.precision,
                m.problem,
                m.quoted,
                m.accessed,
                m.preceded_by
            )
            .unwrap();
        }
        for (i, note) in dates.notes.iter().enumerate() {
            let (accessed, own): (Vec<usize>, Vec<usize>) =
                note.mentions.clone().partition(|&k| dates.mentions[k].accessed);
            writeln!(out, "note {i} {own:?} {accessed:?} {:?}", note.undated_marker).unwrap();
        }
        writeln!(out, "last-updated {:?}", dates.last_updated).unwrap();
        let mut previous = None;
        for c in &doc.citations {
            if previous == Some(&c.sentence_span) {
                continue;
            }
            previous = Some(&c.sentence_span);
            writeln!(
                out,
                "statement {:?} {:?}",
                c.sentence_span,
                statement_date(&doc, dates, &c.sentence_span)
            )
            .unwrap();
        }
        writeln!(out, "gate {}", may_have_variants(&doc)).unwrap();
        let names = doc.names();
        for t in &names.tokens {
            writeln!(
                out,
                "name {:?} {:?} spelling={} note={:?} in={:?}",
                t.span,
                &text[t.span.clone()],
                t.spelling,
                t.note,
                t.name
            )
            .unwrap();
        }
        for (i, s) in names.spellings.iter().enumerate() {
            writeln!(out, "spelling {i} {s:?}").unwrap();
        }
        let variants = doc.name_variants();
        let found = &variants.names;
        for group in &variants.groups {
            let spelled: Vec<&str> = group.iter().map(|&i| found.spellings[i].key.as_str()).collect();
            writeln!(out, "group {spelled:?}").unwrap();
            for &i in group {
                for &t in &found.spellings[i].tokens {
                    let t = &found.tokens[t];
                    writeln!(out, "  word {:?} note={:?} in={:?}", t.span, t.note, t.name).unwrap();
                }
            }
        }
    }
}
