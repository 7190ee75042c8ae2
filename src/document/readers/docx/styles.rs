//! Paragraph styles that make headings (`word/styles.xml`): Word names them `heading 1` …
//! `heading 9` and `Title` whatever the document's language, and its style ids follow the
//! language (`Heading1`, `berschrift1`), so the names decide.

use quick_xml::Reader;
use quick_xml::events::Event;
use rustc_hash::FxHashMap;

use super::walk::attr;
use crate::document::BlockKind;

#[derive(Debug, Default)]
pub struct Styles {
    /// Style id → heading kind and level (the title is level 0).
    headings: FxHashMap<String, (BlockKind, u8)>,
}

impl Styles {
    /// Read `styles.xml`; a part that does not parse yields what was read before the fault.
    pub fn parse(xml: &str) -> Styles {
        let mut styles = Styles::default();
        let mut reader = Reader::from_str(xml);
        reader.config_mut().check_end_names = false;
        let mut current: Option<String> = None;
        while let Ok(event) = reader.read_event() {
            match event {
                Event::Start(e) | Event::Empty(e) => match e.local_name().into_inner() {
                    "style" => current = attr(&e, "styleId"),
                    "name" => {
                        if let (Some(id), Some(name)) = (&current, attr(&e, "val"))
                            && let Some(h) = heading_of_name(&name)
                        {
                            styles.headings.insert(id.clone(), h);
                        }
                    }
                    _ => {}
                },
                Event::End(e) if e.local_name().into_inner() == "style" => current = None,
                Event::Eof => break,
                _ => {}
            }
        }
        styles
    }

    /// The heading kind and level of a paragraph style; without `styles.xml`, Word's
    /// English style ids (`Heading1`, `Title`) are taken at their word.
    pub fn heading(&self, style_id: &str) -> Option<(BlockKind, u8)> {
        self.headings.get(style_id).copied().or_else(|| heading_of_name(style_id))
    }
}

/// `heading 2` → a level-2 heading; `Title` → the title.
fn heading_of_name(name: &str) -> Option<(BlockKind, u8)> {
    let lower = name.to_ascii_lowercase();
    if lower == "title" {
        return Some((BlockKind::Title, 0));
    }
    if lower == "subtitle" {
        return Some((BlockKind::Heading, 2));
    }
    let level = lower.strip_prefix("heading")?.trim();
    let level: u8 = level.parse().ok().filter(|l| (1..=9).contains(l))?;
    Some((BlockKind::Heading, level))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_known_by_style_name() {
        let xml = r#"<w:styles xmlns:w="w"><w:style w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style>
            <w:style w:styleId="Titel"><w:name w:val="Title"/></w:style><w:style w:styleId="Body"><w:name w:val="Body Text"/></w:style></w:styles>"#;
        let s = Styles::parse(xml);
        assert_eq!(s.heading("berschrift1"), Some((BlockKind::Heading, 1)));
        assert_eq!(s.heading("Titel"), Some((BlockKind::Title, 0)));
        assert_eq!(s.heading("Body"), None);
        assert_eq!(s.heading("Heading3"), Some((BlockKind::Heading, 3)));
    }
}
