//! The Word reader (`.docx`): the package's XML parts read from its zip archive, rendered
//! to the text rules read — paragraphs apart by a blank line, each note reference `[n]`,
//! then each footnote and endnote as a `[n] text` paragraph, numbered as Word shows them
//! — so that sentences, names, dates and URLs read as in a plain profile. That text is
//! all a report can show ([`View::rendered_only`]); [`Places`](super::Places) name the
//! paragraph, in the body or in its note, that a finding is in.
//!
//! A document whose notes are typed (`[n]` markers and a `[n] …` notes list, as pasted
//! profiles have) is read by the plain-text reader on the rendered text. Parts are read
//! within bounds ([`package`]); a file that is no readable Word document (corrupt,
//! encrypted, another kind of zip) is a [`ReadError::Unreadable`] naming why.

mod package;
mod styles;
mod walk;

use rustc_hash::FxHashMap;

use super::rendered::{Builder, NoteStyle};
use super::{ReadError, View};
use crate::document::Format;
use package::{Package, Relationships};
use styles::Styles;
use walk::{NoteKind, Refs, Walk};

/// Open a `.docx` file's bytes.
pub fn open(bytes: &[u8]) -> Result<View, ReadError> {
    let mut pkg = Package::open(bytes)?;
    let root = rels(&mut pkg, "_rels/.rels", "")?;
    let main = root.by_type.get("officeDocument").cloned().unwrap_or_else(|| "word/document.xml".into());
    let Some(body) = pkg.text_part(&main)? else {
        return Err(ReadError::Unreadable(format!(
            "no {main} in the zip archive: it is not a Word document"
        )));
    };
    let (folder, file) = main.rsplit_once('/').unwrap_or(("", main.as_str()));
    let folder = if folder.is_empty() { String::new() } else { format!("{folder}/") };
    let doc_rels = rels(&mut pkg, &format!("{folder}_rels/{file}.rels"), &folder)?;
    let part_of = |kind: &str, default: &str| {
        doc_rels.by_type.get(kind).cloned().unwrap_or_else(|| format!("{folder}{default}"))
    };
    let styles = match pkg.text_part(&part_of("styles", "styles.xml"))? {
        Some(xml) => Styles::parse(&xml),
        None => Styles::default(),
    };
    let mut refs = Refs::default();
    if let Some(xml) = pkg.text_part(&part_of("settings", "settings.xml"))? {
        refs.formats = note_formats(&xml);
    }
    let mut notes = Vec::new();
    for (kind, name, default) in
        [(NoteKind::Footnote, "footnotes", "footnotes.xml"), (NoteKind::Endnote, "endnotes", "endnotes.xml")]
    {
        let path = part_of(name, default);
        let Some(xml) = pkg.text_part(&path)? else { continue };
        let (part_folder, part_file) = path.rsplit_once('/').unwrap_or(("", path.as_str()));
        let part_folder = if part_folder.is_empty() { String::new() } else { format!("{part_folder}/") };
        let links = rels(&mut pkg, &format!("{part_folder}_rels/{part_file}.rels"), &part_folder)?.external;
        let index = index_notes(&xml).map_err(|e| ReadError::Unreadable(format!("{path}: {e}")))?;
        notes.push(NotesPart { kind, path, xml, links, index });
    }

    let mut b = Builder::unmapped();
    let mut walk = Walk {
        b: &mut b,
        links: &doc_rels.external,
        styles: &styles,
        refs: &mut refs,
        note: None,
        paragraphs: 0,
    };
    walk.run(&body, Some("document")).map_err(|e| ReadError::Unreadable(format!("{main}: {e}")))?;

    // The notes, in the order their references number them, then any nothing refers to.
    let anchored = !refs.order.is_empty() || notes.iter().any(|p| !p.index.is_empty());
    let mut written: Vec<(NoteKind, String)> = Vec::new();
    let referenced = refs.order.clone();
    for (kind, id, label) in &referenced {
        let Some(part) = notes.iter().find(|p| p.kind == *kind) else { continue };
        let Some(range) = part.index.get(id) else { continue };
        write_note(&mut b, part, range.clone(), label, &styles, &mut refs)?;
        written.push((*kind, id.clone()));
    }
    for part in &notes {
        let mut unreferenced: Vec<(&String, &std::ops::Range<usize>)> =
            part.index.iter().filter(|(id, _)| !written.contains(&(part.kind, (*id).clone()))).collect();
        unreferenced.sort_by_key(|(_, r)| r.start);
        for (id, range) in unreferenced {
            write_note(&mut b, part, range.clone(), &format!("id{id}"), &styles, &mut refs)?;
        }
    }
    let style = if anchored { NoteStyle::Anchored } else { NoteStyle::Typed };
    Ok(View::rendered_only(Format::Docx, b.finish(style)))
}

/// One notes part: its kind, text, hyperlinks and where each note is in it.
struct NotesPart {
    kind: NoteKind,
    path: String,
    xml: String,
    links: FxHashMap<String, String>,
    /// Note id → its element's byte range in `xml` (separators left out).
    index: FxHashMap<String, std::ops::Range<usize>>,
}

fn write_note(
    b: &mut Builder,
    part: &NotesPart,
    range: std::ops::Range<usize>,
    label: &str,
    styles: &Styles,
    refs: &mut Refs,
) -> Result<(), ReadError> {
    // The note's mark is in its first paragraph, even when the note is empty.
    b.begin_paragraph(super::Place { note: Some(label.to_owned()), paragraph: 1 });
    b.open_note(label, 0..0);
    let mut walk = Walk { b, links: &part.links, styles, refs, note: Some(label.to_owned()), paragraphs: 0 };
    walk.run(&part.xml[range], None).map_err(|e| ReadError::Unreadable(format!("{}: {e}", part.path)))?;
    b.close_note();
    Ok(())
}

/// The relationships of a part, empty when it has none.
fn rels(pkg: &mut Package, path: &str, folder: &str) -> Result<Relationships, ReadError> {
    match pkg.text_part(path)? {
        Some(xml) => {
            Relationships::parse(&xml, folder).map_err(|e| ReadError::Unreadable(format!("{path}: {e}")))
        }
        None => Ok(Relationships::default()),
    }
}

/// Each `w:footnote`/`w:endnote` of a notes part and its byte range; separators (those
/// with a `w:type`) are not notes.
fn index_notes(xml: &str) -> Result<FxHashMap<String, std::ops::Range<usize>>, String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut out = FxHashMap::default();
    let mut open: Option<(Option<String>, usize, u32)> = None;
    let mut depth = 0u32;
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader
            .read_event()
            .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                let name = e.local_name().into_inner();
                if open.is_none() && matches!(name, "footnote" | "endnote") {
                    let id =
                        walk::attr(&e, "id").filter(|_| walk::attr(&e, "type").is_none_or(|t| t == "normal"));
                    open = Some((id, before, depth));
                }
            }
            Event::End(_) => {
                if let Some((id, start, d)) = &open
                    && *d == depth
                {
                    if let Some(id) = id {
                        out.entry(id.clone()).or_insert(*start..reader.buffer_position() as usize);
                    }
                    open = None;
                }
                depth = depth.saturating_sub(1);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(out)
}

/// The number formats of footnotes and endnotes (`w:footnotePr`, `w:endnotePr` in
/// `settings.xml`).
fn note_formats(xml: &str) -> FxHashMap<NoteKind, (String, u32)> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = false;
    let mut out: FxHashMap<NoteKind, (String, u32)> = FxHashMap::default();
    let mut within: Option<NoteKind> = None;
    while let Ok(event) = reader.read_event() {
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                "footnotePr" => within = Some(NoteKind::Footnote),
                "endnotePr" => within = Some(NoteKind::Endnote),
                "numFmt" | "numStart" => {
                    let Some(kind) = within else { continue };
                    let entry = out.entry(kind).or_insert_with(|| match kind {
                        NoteKind::Footnote => ("decimal".into(), 1),
                        NoteKind::Endnote => ("lowerRoman".into(), 1),
                    });
                    let Some(val) = walk::attr(&e, "val") else { continue };
                    if e.local_name().into_inner() == "numFmt" {
                        entry.0 = val;
                    } else if let Ok(n) = val.parse() {
                        entry.1 = n;
                    }
                }
                _ => {}
            },
            Event::End(e) if matches!(e.local_name().into_inner(), "footnotePr" | "endnotePr") => {
                within = None
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}
