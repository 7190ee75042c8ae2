//! The Word reader on real `.docx` files (`shared/corpus/formats/docx/**`, from pandoc's,
//! mammoth's, Apache POI's, docx2python's and Aspose's test suites: native footnotes and
//! endnotes, tracked changes, field codes, hyperlinks in notes), on packages built here,
//! and on hostile ones; and a directory of text, HTML and Word files checked together.

mod support;

use std::io::{Cursor, Write};
use std::path::Path;

use citelint::Format;
use citelint::document::readers::{self, ReadError, View};
use support::cli::{Scratch, json, run};
use support::readers::{corpus, pairs, rules, structure};
use zip::write::SimpleFileOptions;

fn open_file(path: &Path) -> View {
    readers::open(std::fs::read(path).unwrap(), Format::Docx)
        .unwrap_or_else(|e| panic!("{}: {e:?}", path.display()))
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// The text of a pandoc `.native` AST, its `Str`s joined by single spaces (enough to
/// compare a paragraph's words).
fn native_words(path: &Path) -> String {
    let native = std::fs::read_to_string(path).unwrap();
    let mut words = Vec::new();
    for part in native.split("Str \"").skip(1) {
        words.push(part.split('"').next().unwrap().to_owned());
    }
    words.join(" ")
}

/// A corpus file, the labels it cites, and its notes' labels and texts.
type Case = (&'static str, &'static [&'static str], &'static [(&'static str, &'static str)]);

/// The notes of every corpus file, as MANIFEST.tsv and the `.native` files describe them:
/// footnotes numbered 1, 2…, endnotes i, ii… as Word shows them.
#[test]
fn every_note_of_the_corpus_is_found_with_its_text() {
    let Some(corpus) = corpus() else { return };
    let d = corpus.join("docx");
    let cases: &[Case] = &[
        (
            "pandoc/notes.docx",
            &["1", "i"],
            &[("1", "My note."), ("i", "This is an endnote at the end of the document.")],
        ),
        (
            "pandoc/golden-notes.docx",
            &["1", "2"],
            &[("1", "My note."), ("2", "This is an endnote at the end of the document.")],
        ),
        ("pandoc/link_in_notes.docx", &["1"], &[("1", "http://wikipedia.org/")]),
        ("mammoth/footnotes.docx", &["1", "2"], &[("1", "A tachyon walks into a bar."), ("2", "Fin.")]),
        ("mammoth/footnote-hyperlink.docx", &["1"], &[("1", "Example <http://www.example.com>")]),
        (
            "aspose/Footnotes-and-endnotes.docx",
            &["i", "1", "ii", "2"],
            &[
                ("i", "Add test endnote"),
                ("1", "Add test footnote"),
                ("ii", "Add second column test endnote"),
                ("2", "Add test footnote"),
            ],
        ),
        (
            "docx2python/example.docx",
            &["1", "2", "i", "ii"],
            &[
                ("1", "First footnote"),
                ("2", "Second footnote"),
                ("i", "First endnote"),
                ("ii", "Second endnote"),
            ],
        ),
        ("poi/Bug54849.docx", &["1", "i"], &[("1", "Footnote_sdt"), ("i", "Endnote Endnote_sdt")]),
        ("poi/endnotes.docx", &["i"], &[("i", "XXX")]),
        ("poi/footnotes.docx", &["1"], &[("1", "snoska")]),
        ("poi/form_footnotes.docx", &["1"], &[("1", "testdoc       test phrase")]),
        ("pandoc/comments.docx", &[], &[]),
        ("pandoc/cross_reference.docx", &[], &[]),
        ("pandoc/instrText_hyperlink.docx", &[], &[]),
        ("pandoc/links.docx", &[], &[]),
        ("pandoc/mendeley_citations.docx", &[], &[]),
        ("pandoc/metadata.docx", &[], &[]),
        ("pandoc/track_changes_deletion.docx", &[], &[]),
        ("pandoc/track_changes_insertion.docx", &[], &[]),
        ("pandoc/track_changes_scrubbed_metadata.docx", &[], &[]),
        ("mammoth/comments.docx", &[], &[]),
        ("aspose/Bibliography.docx", &[], &[]),
        ("aspose/Bibliography-sources.docx", &[], &[]),
    ];
    for (file, cited, notes) in cases {
        let view = open_file(&d.join(file));
        assert_eq!(structure(&view), (strings(cited), pairs(notes)), "{file}");
    }
    let word = corpus.join("html-word/ckeditor4-7269Test_with_footnote/7269Test-with-footnote.docx");
    let view = open_file(&word);
    assert_eq!(structure(&view).1, pairs(&[("1", "A simple footnote"), ("2", "Another simple footnote")]));
}

/// Every finding on the corpus: none. Each file's notes are all cited and well formed
/// (corpus README: no Word-written file has a reference without its note), and none
/// states a dated fact against a dated source.
#[test]
fn the_corpus_has_no_findings() {
    let Some(corpus) = corpus() else { return };
    let mut files = Vec::new();
    let mut stack = vec![corpus.join("docx")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e == "docx") {
                files.push(p);
            }
        }
    }
    assert_eq!(files.len(), 23);
    for f in files {
        assert_eq!(rules(&open_file(&f)), [], "{}", f.display());
    }
}

#[test]
fn tracked_changes_read_as_accepted() {
    let Some(corpus) = corpus() else { return };
    let d = corpus.join("docx/pandoc");
    for name in ["track_changes_deletion", "track_changes_insertion"] {
        let view = open_file(&d.join(format!("{name}.docx")));
        let text = view.document().text.split_whitespace().collect::<Vec<_>>().join(" ");
        // pandoc's `_accept` AST: deleted text gone, inserted text in.
        assert_eq!(text, native_words(&d.join(format!("{name}_accept.native"))), "{name}");
    }
    let deleted = open_file(&d.join("track_changes_deletion.docx"));
    let reject = native_words(&d.join("track_changes_deletion_reject.native"));
    assert!(reject.contains("excessively modified"));
    assert!(!deleted.document().text.contains("excessively"));
}

#[test]
fn field_codes_are_not_text_and_hyperlink_fields_show_their_address() {
    let Some(corpus) = corpus() else { return };
    let d = corpus.join("docx/pandoc");
    let view = open_file(&d.join("instrText_hyperlink.docx"));
    let doc = view.document();
    assert!(!doc.text.contains("HYPERLINK"));
    let urls: Vec<String> = doc.urls().iter().map(|u| u.href().into_owned()).collect();
    // instrText_hyperlink.native: the two links' targets.
    assert_eq!(
        urls,
        [
            "https://books.google.com/books?id=sp_Zcb9ot90C&lpg=PR4&hl=zh-CN&pg=PA19",
            "https://books.google.ae/books?id=dlc0DwAAQBAJ&lpg=PT29&hl=zh-CN&pg=PT26"
        ]
    );
    let native = std::fs::read_to_string(d.join("instrText_hyperlink.native")).unwrap();
    for u in &urls {
        assert!(native.contains(u.as_str()), "{u}");
    }
    // Mendeley's citation fields: their JSON instruction is not text.
    let view = open_file(&d.join("mendeley_citations.docx"));
    assert!(!view.document().text.contains("CSL_CITATION"));
    // A hyperlink in a note: its relationship is in footnotes.xml.rels, and the address
    // belongs to the note.
    let view = open_file(&d.join("link_in_notes.docx"));
    let doc = view.document();
    let found: Vec<(String, Option<String>)> =
        doc.urls().iter().map(|u| (u.raw.clone(), u.footnote.clone())).collect();
    assert_eq!(found, [("http://wikipedia.org/".into(), Some("1".into()))]);
}

#[test]
fn comments_are_not_text() {
    let Some(corpus) = corpus() else { return };
    let view = open_file(&corpus.join("docx/pandoc/comments.docx"));
    let native = std::fs::read_to_string(corpus.join("docx/pandoc/comments_no_comments.native")).unwrap();
    let words = view.document().text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!words.is_empty());
    for w in words.split(' ').filter(|w| w.chars().all(char::is_alphabetic)) {
        assert!(native.contains(w), "{w} is not in the document without its comments");
    }
}

// ---- packages built here ----

const CONTENT_TYPES: &str =
    r#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
const ROOT_RELS: &str = r#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn zip(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, options).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn body(paragraphs: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="r"><w:body>{paragraphs}</w:body></w:document>"#
    )
}

fn docx(document: &str, footnotes: Option<&str>) -> Vec<u8> {
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("word/document.xml", document.as_bytes()),
    ];
    if let Some(f) = footnotes {
        parts.push(("word/footnotes.xml", f.as_bytes()));
    }
    zip(&parts)
}

fn read(bytes: Vec<u8>) -> Result<View, ReadError> {
    readers::open(bytes, Format::Docx)
}

fn unreadable(bytes: Vec<u8>) -> String {
    match read(bytes) {
        Err(ReadError::Unreadable(why)) => why,
        other => panic!("expected Unreadable, got {:?}", other.map(|v| v.source)),
    }
}

#[test]
fn a_missing_note_and_typed_notes_in_word() {
    let doc = body(
        r#"<w:p><w:r><w:t>Said.</w:t></w:r><w:r><w:footnoteReference w:id="2"/></w:r><w:r><w:t xml:space="preserve"> Again.</w:t></w:r><w:r><w:footnoteReference w:id="3"/></w:r></w:p>"#,
    );
    let notes = r#"<w:footnotes xmlns:w="w"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Letter, 2 May 2019.</w:t></w:r></w:p></w:footnote></w:footnotes>"#;
    let view = read(docx(&doc, Some(notes))).unwrap();
    assert_eq!(view.document().text, "Said.[1] Again.[2]\n\n[1] Letter, 2 May 2019.");
    assert_eq!(rules(&view), [("missing-footnote".into(), Some("2".into()))]);
    assert_eq!(view.places().at(0).map(|p| p.paragraph), Some(1));

    let typed =
        body(r#"<w:p><w:r><w:t>Said.[1]</w:t></w:r></w:p><w:p><w:r><w:t>[2]Letter, 2019.</w:t></w:r></w:p>"#);
    let view = read(docx(&typed, None)).unwrap();
    let mut found = rules(&view);
    found.sort();
    assert_eq!(
        found,
        [
            ("malformed-footnote".into(), Some("2".into())),
            ("missing-footnote".into(), Some("1".into())),
            ("unused-footnote".into(), Some("2".into()))
        ]
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_expands() {
    // 32 MiB of zeros compress to about 32 KiB: a thousand to one.
    let zeros = vec![b'0'; 32 << 20];
    let bytes = zip(&[("_rels/.rels", ROOT_RELS.as_bytes()), ("word/document.xml", &zeros)]);
    assert!(bytes.len() < 1 << 20);
    let why = unreadable(bytes);
    assert!(why.contains("word/document.xml expands"), "{why}");
}

#[test]
fn a_header_that_lies_about_the_size_reads_no_further_than_the_bound() {
    let zeros = vec![b' '; 8 << 20];
    let mut bytes = zip(&[("_rels/.rels", ROOT_RELS.as_bytes()), ("word/document.xml", &zeros)]);
    // Rewrite the uncompressed size of word/document.xml (local header and central
    // directory) to 100 bytes.
    let name = b"word/document.xml";
    let mut at = 0;
    while let Some(k) = bytes[at..].windows(name.len()).position(|w| w == name) {
        let pos = at + k;
        if pos >= 30 && bytes[pos - 30..pos - 26] == [0x50, 0x4b, 0x03, 0x04] {
            bytes[pos - 8..pos - 4].copy_from_slice(&100u32.to_le_bytes());
        }
        if pos >= 46 && bytes[pos - 46..pos - 42] == [0x50, 0x4b, 0x01, 0x02] {
            bytes[pos - 22..pos - 18].copy_from_slice(&100u32.to_le_bytes());
        }
        at = pos + 1;
    }
    // Either the read stops at the declared size (and the checksum fails) or at the
    // bound: an error, never 8 MiB of spaces read as a document.
    let why = unreadable(bytes);
    assert!(!why.is_empty());
}

#[test]
fn xml_entities_are_not_expanded() {
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;"><!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;"><!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;"><!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;"><!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;"><!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>A &lol9; B &amp; C&#8220;</w:t></w:r></w:p></w:body></w:document>"#;
    let view = read(docx(laughs, None)).unwrap();
    assert_eq!(view.document().text, "A  B & C“");
}

#[test]
fn deep_nesting_is_read_without_overflow() {
    let n = 100_000;
    let deep = body(&format!(
        "<w:p>{}<w:r><w:t>deep</w:t></w:r>{}</w:p>",
        "<w:sdt><w:sdtContent>".repeat(n),
        "</w:sdtContent></w:sdt>".repeat(n)
    ));
    let view = read(docx(&deep, None)).unwrap();
    assert_eq!(view.document().text, "deep");
    // Unclosed too.
    let open = body(&format!("<w:p>{}<w:t>x</w:t>", "<w:r>".repeat(n)));
    let unclosed = read(docx(&open, None)).map(|v| v.document().text.to_owned());
    assert_eq!(unclosed.ok().as_deref(), Some("x"));
}

#[test]
fn files_that_are_not_word_documents_say_why() {
    // Not a zip at all.
    assert!(unreadable(b"PK\x03\x04 truncated".to_vec()).contains("not a zip archive"));
    assert!(unreadable(b"{\\rtf1 hello}".to_vec()).contains("not a zip archive"));
    // A zip without a document.
    let why = unreadable(zip(&[("hello.txt", b"hi")]));
    assert!(why.contains("no word/document.xml"), "{why}");
    // A spreadsheet.
    let xlsx_rels = ROOT_RELS.replace("word/document.xml", "xl/workbook.xml");
    let why = unreadable(zip(&[
        ("_rels/.rels", xlsx_rels.as_bytes()),
        ("xl/workbook.xml", b"<workbook xmlns=\"x\"><sheets/></workbook>"),
    ]));
    assert!(why.contains("not a Word document"), "{why}");
    // Malformed XML.
    let why = unreadable(docx("<w:document><w:body><w:p attr=\"unclosed></w:body>", None));
    assert!(why.contains("word/document.xml: malformed XML"), "{why}");
    // An encrypted .docx is an OLE compound file holding an EncryptedPackage stream.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 504]);
    ole.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert!(unreadable(ole).contains("encrypted"));
}

#[test]
fn a_truncated_corpus_file_is_unreadable() {
    let Some(corpus) = corpus() else { return };
    let bytes = std::fs::read(corpus.join("docx/pandoc/notes.docx")).unwrap();
    for cut in [bytes.len() / 2, bytes.len() - 30] {
        assert!(matches!(read(bytes[..cut].to_vec()), Err(ReadError::Unreadable(_))), "cut at {cut}");
    }
}

/// A walk checks `.txt`, `.html` and `.docx` alike; a corrupt `.docx` is an error naming
/// the file (exit 2) while the others are still reported.
#[test]
fn a_walk_checks_text_html_and_word_and_names_a_corrupt_file() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let dir = Scratch::new();
    dir.write("profiles/a.txt", std::fs::read(fixtures.join("broken-profile.txt")).unwrap());
    dir.write("profiles/b.html", std::fs::read(fixtures.join("formats/broken-profile.pandoc.html")).unwrap());
    dir.write("profiles/c.docx", std::fs::read(fixtures.join("formats/broken-profile.pandoc.docx")).unwrap());
    dir.write("profiles/d.docx", b"this is not a zip");
    let (code, stdout, stderr) = run(dir.cmd().args(["check", "--offline", "--format", "json", "profiles"]));
    assert_eq!(code, 2, "{stderr}");
    let report = json(&stdout);
    let mut paths: Vec<&str> =
        report["findings"].as_array().unwrap().iter().map(|f| f["path"].as_str().unwrap()).collect();
    paths.dedup();
    assert_eq!(paths, ["profiles/a.txt", "profiles/b.html", "profiles/c.docx"]);
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0]["path"], "profiles/d.docx");
    assert!(errors[0]["message"].as_str().unwrap().contains("not a zip archive"), "{}", errors[0]);
    // A Word finding names its paragraph and note.
    let word: Vec<&serde_json::Value> =
        report["findings"].as_array().unwrap().iter().filter(|f| f["path"] == "profiles/c.docx").collect();
    assert!(word.iter().all(|f| f["paragraph"].as_u64().is_some()));
    assert!(word.iter().any(|f| f["in_note"] == "1" && f["rule"] == "source-after-update"));

    // The human report says where, and names the broken file.
    let (code, stdout, stderr) = run(dir.cmd().args(["check", "--offline", "profiles"]));
    assert_eq!(code, 2);
    assert!(stdout.contains("in paragraph 5"), "{stdout}");
    assert!(stdout.contains("in footnote [1], paragraph 1"), "{stdout}");
    assert!(format!("{stdout}{stderr}").contains("profiles/d.docx"), "{stderr}");
}
