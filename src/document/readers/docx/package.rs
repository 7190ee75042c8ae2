//! A Word package: the zip archive, its parts read within bounds, and the relationships
//! that name them. Every way a file can fail to be a readable `.docx` becomes a
//! [`ReadError::Unreadable`] with a reason a person can act on.

use std::io::{Cursor, Read};

use rustc_hash::FxHashMap;
use zip::ZipArchive;
use zip::result::ZipError;

use crate::document::readers::ReadError;

/// No part is read past this many bytes, whatever its header says.
pub const MAX_PART: u64 = 64 * 1024 * 1024;
/// Nor all parts together.
pub const MAX_TOTAL: u64 = 128 * 1024 * 1024;
/// A part over 1 MiB may expand at most this many times its compressed size (Word's XML
/// compresses about 10:1; a zip bomb, thousands to one).
pub const MAX_RATIO: u64 = 200;
const RATIO_FREE: u64 = 1024 * 1024;

/// The first bytes of an OLE compound file: a Word 97–2003 `.doc`, or an encrypted
/// `.docx` (its package is stored encrypted inside one).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub struct Package<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Bytes read so far from all parts.
    read: u64,
}

fn unreadable(reason: impl Into<String>) -> ReadError {
    ReadError::Unreadable(reason.into())
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, ReadError> {
        if bytes.starts_with(&OLE_MAGIC) {
            let encrypted = utf16_contains(bytes, "EncryptedPackage");
            return Err(unreadable(if encrypted {
                "the document is encrypted (password-protected); save a copy without a password"
            } else {
                "this is a Word 97-2003 document (.doc), not .docx; save it as .docx"
            }));
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| match e {
            ZipError::InvalidArchive(_) | ZipError::Io(_) => {
                unreadable("not a zip archive, so not a .docx (or a truncated one)")
            }
            e => unreadable(format!("corrupt zip archive: {e}")),
        })?;
        Ok(Package { zip, read: 0 })
    }

    /// The bytes of part `name`, `None` when the archive has no such part; an error when
    /// it cannot be read or would expand past the bounds.
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let Some(index) = self.zip.index_for_name(name) else { return Ok(None) };
        let mut file = match self.zip.by_index(index) {
            Ok(f) => f,
            Err(ZipError::UnsupportedArchive(what)) => {
                return Err(unreadable(format!("{name}: {what} (an encrypted zip entry?)")));
            }
            Err(e) => return Err(unreadable(format!("{name}: {e}"))),
        };
        if file.encrypted() {
            return Err(unreadable(format!("{name} is encrypted")));
        }
        let compressed = file.compressed_size();
        let limit = MAX_PART
            .min(MAX_TOTAL.saturating_sub(self.read))
            .min(compressed.saturating_mul(MAX_RATIO).max(RATIO_FREE));
        if file.size() > limit {
            return Err(too_large(name, file.size(), compressed));
        }
        let mut out = Vec::with_capacity(file.size().min(limit) as usize);
        // The header may lie: stop one byte past the limit whatever it says.
        let got = (&mut file)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| unreadable(format!("{name}: corrupt zip entry: {e}")))?;
        if got as u64 > limit {
            return Err(too_large(name, got as u64, compressed));
        }
        self.read += got as u64;
        Ok(Some(out))
    }

    /// Part `name` as text (UTF-8, or UTF-16 with a byte order mark).
    pub fn text_part(&mut self, name: &str) -> Result<Option<String>, ReadError> {
        let Some(bytes) = self.part(name)? else { return Ok(None) };
        if let Some((encoding, len)) = encoding_rs::Encoding::for_bom(&bytes) {
            let (text, bad) = encoding.decode_without_bom_handling(&bytes[len..]);
            if bad {
                return Err(unreadable(format!("{name}: not valid {}", encoding.name())));
            }
            return Ok(Some(text.into_owned()));
        }
        String::from_utf8(bytes).map(Some).map_err(|_| unreadable(format!("{name}: not valid UTF-8")))
    }
}

fn too_large(name: &str, size: u64, compressed: u64) -> ReadError {
    unreadable(format!(
        "{name} expands to {} MiB from {} KiB, past what a document needs (a zip bomb?)",
        size / (1024 * 1024),
        compressed / 1024
    ))
}

/// Whether `bytes` holds `needle` in UTF-16LE (the stream names of an OLE file).
fn utf16_contains(bytes: &[u8], needle: &str) -> bool {
    let wide: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
    memchr::memmem::find(bytes, &wide).is_some()
}

/// A part's relationships: id → target, and the first target of each type (by the
/// type's last path segment: `footnotes`, `hyperlink`…).
#[derive(Debug, Default)]
pub struct Relationships {
    /// External targets (web addresses) by id.
    pub external: FxHashMap<String, String>,
    /// Internal targets by type, resolved against the part's folder.
    pub by_type: FxHashMap<String, String>,
}

impl Relationships {
    /// Read a `.rels` part; `base` is the folder its part is in (`word/`).
    pub fn parse(xml: &str, base: &str) -> Result<Relationships, String> {
        let mut rels = Relationships::default();
        let mut reader = quick_xml::Reader::from_str(xml);
        reader.config_mut().check_end_names = false;
        loop {
            let event = reader.read_event().map_err(|e| format!("malformed XML: {e}"))?;
            let e = match &event {
                quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => e,
                quick_xml::events::Event::Eof => break,
                _ => continue,
            };
            if e.local_name().into_inner() != "Relationship" {
                continue;
            }
            let (mut id, mut target, mut kind, mut external) = (None, None, None, false);
            for attr in e.attributes().flatten() {
                let value =
                    attr.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned());
                match attr.key.local_name().into_inner() {
                    "Id" => id = value,
                    "Target" => target = value,
                    "Type" => kind = value,
                    "TargetMode" => external = value.is_some_and(|v| v.eq_ignore_ascii_case("External")),
                    _ => {}
                }
            }
            let (Some(id), Some(target)) = (id, target) else { continue };
            if external {
                rels.external.insert(id, target);
            } else if let Some(kind) = kind {
                let kind = kind.rsplit('/').next().unwrap_or_default().to_owned();
                let path = resolve(base, &target);
                rels.by_type.entry(kind).or_insert(path);
            }
        }
        Ok(rels)
    }
}

/// A relationship's target as a path in the archive.
fn resolve(base: &str, target: &str) -> String {
    if let Some(absolute) = target.strip_prefix('/') {
        return absolute.to_owned();
    }
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relationship_targets_resolve_against_their_folder() {
        assert_eq!(resolve("word/", "footnotes.xml"), "word/footnotes.xml");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word/", "/word/x.xml"), "word/x.xml");
        assert_eq!(resolve("word/", "../customXml/item1.xml"), "customXml/item1.xml");
    }

    #[test]
    fn relationships_split_web_addresses_from_parts() {
        let xml = r#"<?xml version="1.0"?><Relationships xmlns="x">
            <Relationship Id="rId1" Type="http://x/relationships/footnotes" Target="footnotes.xml"/>
            <Relationship Id="rId9" Type="http://x/relationships/hyperlink" Target="https://a.example/?q=1&amp;r=2" TargetMode="External"/>
            </Relationships>"#;
        let rels = Relationships::parse(xml, "word/").unwrap();
        assert_eq!(rels.by_type["footnotes"], "word/footnotes.xml");
        assert_eq!(rels.external["rId9"], "https://a.example/?q=1&r=2");
    }

    #[test]
    fn an_ole_file_is_named_for_what_it_is() {
        let mut bytes = OLE_MAGIC.to_vec();
        bytes.extend([0u8; 64]);
        let Err(ReadError::Unreadable(why)) = Package::open(&bytes).map(|_| ()) else { panic!() };
        assert!(why.contains(".doc"), "{why}");
        bytes.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let Err(ReadError::Unreadable(why)) = Package::open(&bytes).map(|_| ()) else { panic!() };
        assert!(why.contains("encrypted"), "{why}");
    }
}
