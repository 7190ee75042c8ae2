//! Walk a WordprocessingML part (the body, or one footnote or endnote) and write its text
//! to a [`Builder`]: paragraphs apart by a blank line, `[n]` for each note reference, a
//! hyperlink's address after its text when the text does not show it.
//!
//! What Word shows is text; what it does not show is not: text deleted in a tracked
//! change (`w:del`, `w:delText`, `w:moveFrom`), field instructions (`w:instrText`, the
//! code between a field's begin and separate marks), the fallback copy of alternate
//! content, the note's own mark inside the note. The XML is read as a stream of events:
//! no entity is expanded but the five predefined ones and character references, no DTD
//! is read, and nesting costs counters, not a stack per element.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use rustc_hash::FxHashMap;

use super::styles::Styles;
use crate::document::BlockKind;
use crate::document::readers::Place;
use crate::document::readers::rendered::Builder;

/// Footnotes or endnotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum NoteKind {
    Footnote,
    Endnote,
}

/// The note references met so far and the label each shows.
#[derive(Debug, Default)]
pub struct Refs {
    /// `(kind, id, label)` in the order first referenced.
    pub order: Vec<(NoteKind, String, String)>,
    counters: FxHashMap<NoteKind, u32>,
    pub formats: FxHashMap<NoteKind, (String, u32)>,
}

impl Refs {
    /// The label of a reference to note `id`: the next number in the kind's format, or
    /// `custom` when the author typed a mark of their own.
    fn label(&mut self, kind: NoteKind, id: &str, custom: Option<String>) -> String {
        if let Some((_, _, label)) = self.order.iter().find(|(k, i, _)| *k == kind && i == id) {
            return label.clone();
        }
        let label = match custom {
            Some(mark) => mark,
            None => {
                let n = self.counters.entry(kind).or_insert(0);
                *n += 1;
                let (format, start) =
                    self.formats.get(&kind).cloned().unwrap_or_else(|| default_format(kind));
                format_number(*n - 1 + start.max(1), &format)
            }
        };
        self.order.push((kind, id.to_owned(), label.clone()));
        label
    }
}

fn default_format(kind: NoteKind) -> (String, u32) {
    match kind {
        NoteKind::Footnote => ("decimal".into(), 1),
        NoteKind::Endnote => ("lowerRoman".into(), 1),
    }
}

/// `n` as Word numbers notes in `format` (`w:numFmt`).
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "lowerLetter" | "upperLetter" => {
            // a … z, aa … zz, aaa …: Word repeats the letter.
            let letter = (b'a' + ((n - 1) % 26) as u8) as char;
            let s: String = std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect();
            if format == "upperLetter" { s.to_uppercase() } else { s }
        }
        "chicago" => {
            let mark = ["*", "†", "‡", "§"][((n - 1) % 4) as usize];
            mark.repeat(((n - 1) / 4 + 1) as usize)
        }
        _ => n.to_string(),
    }
}

fn roman(mut n: u32) -> String {
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in NUMERALS {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    out
}

/// A field being read: its instruction, and once its result starts, the address it links
/// to and where its result starts in the rendered text.
struct Field {
    instruction: String,
    in_result: bool,
    link: Option<(String, usize)>,
}

/// What a part's walk needs to know and where it writes.
pub struct Walk<'w, 'b> {
    pub b: &'w mut Builder<'b>,
    /// The part's external relationships (hyperlink ids to addresses).
    pub links: &'w FxHashMap<String, String>,
    pub styles: &'w Styles,
    pub refs: &'w mut Refs,
    /// The note whose text this is, if any (its label).
    pub note: Option<String>,
    /// Paragraphs with text written so far in this part (or note).
    pub paragraphs: usize,
}

/// Why a part could not be walked.
pub type WalkError = String;

impl Walk<'_, '_> {
    /// Walk `xml`. When `root` is given, the first element must have that local name (a
    /// body part is `document`: an `.xlsx`'s workbook is not).
    pub fn run(&mut self, xml: &str, root: Option<&str>) -> Result<(), WalkError> {
        let mut reader = Reader::from_str(xml);
        let config = reader.config_mut();
        config.check_end_names = false;
        config.trim_text(false);
        let mut s = State::default();
        let mut seen_root = root.is_none();
        loop {
            let event = reader
                .read_event()
                .map_err(|e| format!("malformed XML at byte {}: {e}", reader.error_position()))?;
            match event {
                Event::Start(e) => {
                    if !seen_root {
                        let name = e.local_name().into_inner().to_owned();
                        if Some(name.as_str()) != root {
                            return Err(format!("its main part is <{name}>, not a Word document"));
                        }
                        seen_root = true;
                    }
                    self.start(&e, &mut s, false);
                }
                Event::Empty(e) => self.start(&e, &mut s, true),
                Event::End(e) => self.end(e.local_name().into_inner(), &mut s),
                Event::Text(t) => self.text(&t.xml10_content(), &mut s),
                Event::CData(t) => self.text(&t.xml10_content(), &mut s),
                Event::GeneralRef(r) => {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c),
                        _ => match &*r {
                            "amp" => Some('&'),
                            "lt" => Some('<'),
                            "gt" => Some('>'),
                            "quot" => Some('"'),
                            "apos" => Some('\''),
                            // No other entity is expanded (no DTD is read).
                            _ => None,
                        },
                    };
                    if let Some(c) = c {
                        self.text(c.encode_utf8(&mut [0; 4]), &mut s);
                    }
                }
                Event::Eof => break,
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
        if !seen_root {
            return Err("it has no Word document in it".into());
        }
        Ok(())
    }

    fn start(&mut self, e: &BytesStart, s: &mut State, empty: bool) {
        let name = e.local_name().into_inner();
        match name {
            "p" if !empty => {
                self.b.block_break();
                s.para_start = self.b.len();
                let place = Place { note: self.note.clone(), paragraph: self.paragraphs + 1 };
                self.b.begin_paragraph(place);
            }
            "pPr" if !empty => s.ppr = true,
            "pStyle" if s.ppr && self.note.is_none() => {
                if let Some((kind, level)) = attr(e, "val").and_then(|v| self.styles.heading(&v)) {
                    // The first top-level heading is the title when no Title style came first.
                    let kind = if kind == BlockKind::Title || (level == 1 && !s.titled) {
                        BlockKind::Title
                    } else {
                        BlockKind::Heading
                    };
                    s.titled = true;
                    self.b.begin_heading(kind);
                    s.heading = true;
                }
            }
            "del" | "moveFrom" if !empty => s.hidden += 1,
            "Fallback" if !empty => s.hidden += 1,
            "t" if !empty => s.t = true,
            "instrText" if !empty => s.instr = true,
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => {
                    s.fields.push(Field { instruction: String::new(), in_result: false, link: None })
                }
                Some("separate") => {
                    let at = self.b.len();
                    if let Some(f) = s.fields.last_mut() {
                        f.in_result = true;
                        f.link = hyperlink_of(&f.instruction).map(|url| (url, at));
                    }
                }
                Some("end") => {
                    if let Some(f) = s.fields.pop()
                        && f.in_result
                        && let Some((url, at)) = f.link
                    {
                        self.show_address(&url, at);
                    }
                }
                _ => {}
            },
            "fldSimple" if !empty => {
                let link = attr(e, "instr").and_then(|i| hyperlink_of(&i)).map(|url| (url, self.b.len()));
                s.fields.push(Field { instruction: String::new(), in_result: true, link });
            }
            "hyperlink" if !empty => {
                let url = attr(e, "id").and_then(|id| self.links.get(&id).cloned());
                s.hyperlinks.push(url.map(|u| (u, self.b.len())));
            }
            _ if s.hidden > 0 || s.in_instruction() => {}
            "tab" | "ptab" => self.b.text(" ", 0..0, false),
            "br" | "cr" => self.b.line_break(),
            "noBreakHyphen" => self.b.text("-", 0..0, false),
            "footnoteReference" | "endnoteReference" => {
                let kind = if name == "footnoteReference" { NoteKind::Footnote } else { NoteKind::Endnote };
                let id = attr(e, "id").unwrap_or_default();
                if attr(e, "customMarkFollows").is_some_and(|v| v == "1" || v == "true") {
                    s.custom_mark = Some((kind, id));
                } else {
                    let label = self.refs.label(kind, &id, None);
                    self.b.citation(&label, 0..0);
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str, s: &mut State) {
        match name {
            "p" => {
                if s.heading {
                    self.b.end_heading();
                    s.heading = false;
                }
                if self.b.len() > s.para_start {
                    self.paragraphs += 1;
                }
                self.b.block_break();
            }
            "pPr" => s.ppr = false,
            "del" | "moveFrom" | "Fallback" => s.hidden = s.hidden.saturating_sub(1),
            "t" => s.t = false,
            "instrText" => s.instr = false,
            "fldSimple" => {
                if let Some(Field { link: Some((url, at)), .. }) = s.fields.pop() {
                    self.show_address(&url, at);
                }
            }
            "hyperlink" => {
                if let Some(Some((url, at))) = s.hyperlinks.pop() {
                    self.show_address(&url, at);
                }
            }
            _ => {}
        }
    }

    fn text(&mut self, text: &str, s: &mut State) {
        if s.hidden > 0 {
            return;
        }
        if s.instr {
            if let Some(f) = s.fields.last_mut()
                && !f.in_result
                && f.instruction.len() < 4096
            {
                f.instruction.push_str(text);
            }
            return;
        }
        if !s.t || s.in_instruction() {
            return;
        }
        if let Some((kind, id)) = s.custom_mark.take() {
            let label = self.refs.label(kind, &id, Some(text.trim().to_owned()));
            self.b.citation(&label, 0..0);
            return;
        }
        self.b.text(text, 0..0, false);
    }

    /// After a link's text, its address when the text does not show it.
    fn show_address(&mut self, url: &str, text_start: usize) {
        let web = ["http://", "https://", "ftp://"]
            .iter()
            .any(|p| url.get(..p.len()).is_some_and(|u| u.eq_ignore_ascii_case(p)));
        if !web || url.contains(|c: char| c.is_whitespace() || c == '<' || c == '>') {
            return;
        }
        let shown = &self.b.rendered()[text_start.min(self.b.len())..];
        if !shown.contains(url) && !shown.contains(url.trim_end_matches('/')) {
            self.b.annotation(&format!("<{url}>"), 0..0);
        }
    }
}

#[derive(Default)]
struct State {
    /// Inside deleted text or alternate content's fallback.
    hidden: u32,
    t: bool,
    instr: bool,
    ppr: bool,
    heading: bool,
    titled: bool,
    para_start: usize,
    fields: Vec<Field>,
    hyperlinks: Vec<Option<(String, usize)>>,
    custom_mark: Option<(NoteKind, String)>,
}

impl State {
    /// Inside a field's instruction (its code, not its result).
    fn in_instruction(&self) -> bool {
        self.fields.iter().any(|f| !f.in_result)
    }
}

/// An attribute's value by local name (`w:val` → `val`).
pub fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().into_inner() == name)
        .and_then(|a| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok().map(|v| v.into_owned()))
}

/// The address of a `HYPERLINK "https://…"` field instruction (not of `\l` bookmarks).
fn hyperlink_of(instruction: &str) -> Option<String> {
    let rest = instruction.trim_start();
    let head = rest.get(..9)?;
    if !head.eq_ignore_ascii_case("HYPERLINK") {
        return None;
    }
    let rest = rest[9..].trim_start();
    let url = match rest.strip_prefix('"') {
        Some(quoted) => quoted.split('"').next()?,
        None => rest.split_whitespace().next()?,
    };
    (!url.is_empty() && !url.starts_with('\\')).then(|| url.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_numbered_as_word_shows_them() {
        assert_eq!(format_number(4, "lowerRoman"), "iv");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(5, "chicago"), "**");
        assert_eq!(format_number(7, "decimal"), "7");
    }

    #[test]
    fn hyperlink_fields_name_their_address() {
        assert_eq!(
            hyperlink_of(" HYPERLINK \"https://a.example/x\" \\o \"tip\"").as_deref(),
            Some("https://a.example/x")
        );
        assert_eq!(hyperlink_of("HYPERLINK \\l \"_Toc1\""), None);
        assert_eq!(hyperlink_of("PAGE"), None);
    }
}
