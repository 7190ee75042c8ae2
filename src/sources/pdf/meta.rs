//! PDF metadata: the XMP packet (`dc:title`, `dc:creator`, `xmp:CreateDate`,
//! `xmp:ModifyDate`, `prism:publicationDate`, `dc:language`) and the Info dictionary
//! (`Title`, `Author`, `CreationDate`, `ModDate`), and the catalog's `/Lang`.
//! Placeholder titles ("untitled", "Microsoft Word - Document1", file names) and
//! placeholder authors are dropped.

use lopdf::{Dictionary, Document};

use crate::sources::dates::parse_date;
use crate::sources::language;
use crate::sources::model::{Candidate, DateCandidate, Extraction, LanguageOrigin, Origin, push_unique};
use crate::sources::title::is_placeholder_title;

const MAX_XMP_BYTES: usize = 1 << 20;

pub(super) fn collect(doc: &Document, out: &mut Extraction) {
    let catalog = doc.catalog().ok();
    if let Some(xmp) = catalog.and_then(|c| xmp_packet(doc, c)) {
        xmp_fields(&xmp, out);
    }
    if let Some(info) = info(doc) {
        for (key, value) in info.iter() {
            let Ok(text) = doc.dereference(value).map(|(_, v)| v).and_then(lopdf::decode_text_string) else {
                continue;
            };
            let key = String::from_utf8_lossy(key).into_owned();
            match key.as_str() {
                "Title" => add_title(out, &text, Origin::PdfInfo(key)),
                "Author" => add_author(out, &text, Origin::PdfInfo(key)),
                "CreationDate" => add_date(&mut out.published, &text, Origin::PdfInfo(key)),
                "ModDate" => add_date(&mut out.modified, &text, Origin::PdfInfo(key)),
                _ => {}
            }
        }
    }
    let lang =
        catalog.and_then(|c| c.get_deref(b"Lang", doc).ok()).and_then(|l| lopdf::decode_text_string(l).ok());
    if let Some(l) = lang.and_then(|l| language::declared(&l, LanguageOrigin::PdfLang)) {
        out.language = Some(l);
    }
}

fn info(doc: &Document) -> Option<&Dictionary> {
    let info = doc.trailer.get(b"Info").ok()?;
    doc.dereference(info).ok()?.1.as_dict().ok()
}

fn xmp_packet(doc: &Document, catalog: &Dictionary) -> Option<String> {
    let stream = catalog.get_deref(b"Metadata", doc).ok()?.as_stream().ok()?;
    let bytes =
        if stream.dict.has(b"Filter") { stream.decompressed_content().ok()? } else { stream.content.clone() };
    if bytes.len() > MAX_XMP_BYTES {
        return None;
    }
    Some(String::from_utf8_lossy(&bytes).trim_start_matches('\u{feff}').to_owned())
}

fn add_title(out: &mut Extraction, raw: &str, origin: Origin) {
    let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if !is_placeholder_title(&value) {
        push_unique(&mut out.titles, Candidate { value, origin });
    }
}

fn add_author(out: &mut Extraction, raw: &str, origin: Origin) {
    let value = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = value.to_lowercase();
    const PLACEHOLDERS: &[&str] = &[
        "",
        "anonymous",
        "unknown",
        "user",
        "admin",
        "administrator",
        "owner",
        "author",
        "default",
        "nobody",
    ];
    if !PLACEHOLDERS.contains(&lower.as_str()) && value.chars().count() <= 200 {
        push_unique(&mut out.authors, Candidate { value, origin });
    }
}

fn add_date(list: &mut Vec<DateCandidate>, raw: &str, origin: Origin) {
    if let Some(date) = parse_date(raw) {
        push_unique(list, DateCandidate { date, origin, raw: raw.trim().to_owned() });
    }
}

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// The XMP properties we read, by namespace and local name.
fn xmp_prefix(ns: &str) -> Option<&'static str> {
    Some(match ns {
        "http://purl.org/dc/elements/1.1/" => "dc",
        "http://ns.adobe.com/xap/1.0/" => "xmp",
        "http://ns.adobe.com/pdf/1.3/" => "pdf",
        "http://prismstandard.org/namespaces/basic/2.0/"
        | "http://prismstandard.org/namespaces/basic/3.0/" => "prism",
        _ => return None,
    })
}

fn xmp_fields(xml: &str, out: &mut Extraction) {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 100_000, ..Default::default() };
    let Ok(tree) = roxmltree::Document::parse_with_options(xml, opts) else { return };
    for node in tree.descendants().filter(|n| n.is_element()) {
        // Properties written as attributes of rdf:Description.
        if node.tag_name().namespace() == Some(RDF) && node.tag_name().name() == "Description" {
            for a in node.attributes() {
                if let Some(prefix) = a.namespace().and_then(xmp_prefix) {
                    xmp_property(out, prefix, a.name(), a.value());
                }
            }
            continue;
        }
        let Some(prefix) = node.tag_name().namespace().and_then(xmp_prefix) else { continue };
        let name = node.tag_name().name();
        // A simple value, or the items of an rdf:Alt / rdf:Seq / rdf:Bag.
        let items: Vec<&str> = node
            .descendants()
            .filter(|n| n.tag_name().namespace() == Some(RDF) && n.tag_name().name() == "li")
            .filter_map(|n| n.text())
            .collect();
        if items.is_empty() {
            if let Some(t) = node.text() {
                xmp_property(out, prefix, name, t);
            }
        } else {
            for item in items {
                xmp_property(out, prefix, name, item);
            }
        }
    }
    if out.language.is_none()
        && let Some(l) = tree
            .descendants()
            .find(|n| {
                n.tag_name().name() == "language"
                    && xmp_prefix(n.tag_name().namespace().unwrap_or("")) == Some("dc")
            })
            .and_then(|n| n.descendants().filter_map(|d| d.text()).map(str::trim).find(|t| !t.is_empty()))
    {
        out.language = language::declared(l, LanguageOrigin::Xmp);
    }
}

fn xmp_property(out: &mut Extraction, prefix: &str, name: &str, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let origin = Origin::Xmp(format!("{prefix}:{name}"));
    match (prefix, name) {
        ("dc", "title") | ("pdf", "Title") => add_title(out, value, origin),
        ("dc", "creator") | ("pdf", "Author") => add_author(out, value, origin),
        ("xmp", "CreateDate") | ("prism", "publicationDate") | ("prism", "coverDate") | ("dc", "date") => {
            add_date(&mut out.published, value, origin)
        }
        ("xmp", "ModifyDate") => add_date(&mut out.modified, value, origin),
        _ => {}
    }
}
