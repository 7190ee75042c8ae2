//! Which elements of an HTML document are notes, which links cite them, which links lead
//! back from a note, and which links name a web address to show.
//!
//! Notes are found by the markup the tools write — Word's `mso-element:footnote` divisions,
//! LibreOffice's `sdfootnote1` divisions, list items of a `footnotes` section (pandoc,
//! GitHub, markdown-it), ARIA and EPUB note roles — and by where citation links lead: a
//! link marked as a note reference (Word's `mso-footnote-id`, a `footnote-ref` class,
//! `role=doc-noteref`) or set in `<sup>` cites the element its fragment names, and that
//! element's block is a note. Links are matched to notes by the fragment of their address,
//! whatever precedes it (Internet Explorer made Word's `#_ftn1` absolute). A marked link
//! whose fragment names nothing cites a missing note.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::tokens::{AttrName, Kind, Tag, Tokens};
use super::tree::{NONE, Tree};

/// How far up the tree a note container is looked for.
const NOTE_DEPTH: usize = 64;

/// What an element is to the reader, when it is more than its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Role {
    /// A note: rendered as `[label] text`; `marker` is the source of its mark.
    Note { label: String, marker: Range<usize> },
    /// A link citing a note, rendered `[label]` (its content is not text).
    Citation { label: String, src: Range<usize> },
    /// A link from a note back to its citation: not part of the note's text.
    BackLink,
    /// A link to a web address; shown after the link's text when the text does not show
    /// it, so that the address reaches the link checks.
    Link { url: String, src: Range<usize> },
}

/// The roles of a document's elements.
#[derive(Debug, Default)]
pub struct Notes {
    pub roles: FxHashMap<u32, Role>,
}

impl Notes {
    /// Whether any note or citation was found (else typed `[n]` notes are looked for).
    pub fn anchored(&self) -> bool {
        self.roles.values().any(|r| matches!(r, Role::Note { .. } | Role::Citation { .. }))
    }
}

/// A view of one element's attributes.
struct El<'a> {
    tokens: &'a Tokens,
    tree: &'a Tree,
    e: u32,
}

impl<'a> El<'a> {
    fn attr(&self, name: AttrName) -> Option<&'a str> {
        let start = self.tree.elements[self.e as usize].start as usize;
        self.tokens.attr(&self.tokens.tokens[start], name).map(|a| a.value.as_str())
    }

    fn attr_span(&self, name: AttrName) -> Option<Range<usize>> {
        let start = self.tree.elements[self.e as usize].start as usize;
        self.tokens.attr(&self.tokens.tokens[start], name).map(|a| a.span.clone())
    }
}

/// What an element's attributes say, read once per element.
mod flag {
    /// Word's `mso-element: footnote|endnote`, or LibreOffice's `sdfootnote3` division.
    pub const NOTE: u16 = 1;
    /// `role=doc-footnote|doc-endnote`, `epub:type=footnote|endnote|rearnote`.
    pub const NOTE_ROLE: u16 = 2;
    /// A section or list of notes (`class=footnotes`, `role=doc-endnotes`…).
    pub const NOTES_LIST: u16 = 4;
    /// A link marked as a note reference (`mso-footnote-id`, `role=doc-noteref`…).
    pub const REF: u16 = 8;
    /// A class that marks a note reference (on a link or its content).
    pub const REF_CLASS: u16 = 16;
    /// A link back from a note (`footnote-back`, `role=doc-backlink`).
    pub const BACK: u16 = 32;
    pub const HREF: u16 = 64;
}

/// The flags of one start tag's attributes.
fn flags_of(tag: Tag, attrs: &[super::tokens::Attr]) -> u16 {
    let mut f = 0;
    let any = |v: &str, words: &[&str]| {
        v.split_ascii_whitespace().any(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
    };
    for a in attrs {
        let v = a.value.as_str();
        match a.name {
            AttrName::Class => {
                if any(v, REF_CLASSES) {
                    f |= flag::REF | flag::REF_CLASS;
                }
                if any(v, NOTES_CLASSES) {
                    f |= flag::NOTES_LIST;
                }
                if any(v, &["footnote-back", "footnote-backref"]) {
                    f |= flag::BACK;
                }
            }
            AttrName::Role => {
                if any(v, &["doc-footnote", "doc-endnote"]) {
                    f |= flag::NOTE_ROLE;
                }
                if any(v, &["doc-endnotes", "doc-footnotes", "doc-footnote"]) {
                    f |= flag::NOTES_LIST;
                }
                if any(v, &["doc-noteref"]) {
                    f |= flag::REF;
                }
                if any(v, &["doc-backlink"]) {
                    f |= flag::BACK;
                }
            }
            AttrName::EpubType => {
                if any(v, &["footnote", "endnote", "rearnote"]) {
                    f |= flag::NOTE_ROLE;
                }
                if any(v, &["footnotes", "endnotes", "rearnotes"]) {
                    f |= flag::NOTES_LIST;
                }
                if any(v, &["noteref"]) {
                    f |= flag::REF;
                }
            }
            AttrName::Style => {
                for decl in v.split(';') {
                    let Some((k, val)) = decl.split_once(':') else { continue };
                    let (k, val) = (k.trim(), val.trim());
                    if k.eq_ignore_ascii_case("mso-element")
                        && (val.eq_ignore_ascii_case("footnote") || val.eq_ignore_ascii_case("endnote"))
                    {
                        f |= flag::NOTE;
                    }
                    if k.eq_ignore_ascii_case("mso-footnote-id") || k.eq_ignore_ascii_case("mso-endnote-id") {
                        f |= flag::REF;
                    }
                }
            }
            AttrName::Id if tag == Tag::Div && is_libreoffice_note_id(v) => f |= flag::NOTE,
            AttrName::DataFootnoteRef => f |= flag::REF,
            AttrName::Href => f |= flag::HREF,
            _ => {}
        }
    }
    f
}

/// Classes of a link or its content that mark a note reference.
const REF_CLASSES: &[&str] = &[
    "footnote-ref",
    "footnoteref",
    "footnote-reference",
    "noteref",
    "sdfootnoteanc",
    "sdendnoteanc",
    "msofootnotereference",
    "msoendnotereference",
];

/// Classes of a section or list holding notes.
const NOTES_CLASSES: &[&str] = &["footnotes", "endnotes", "footnote-list", "notes"];

/// Find the notes, citations, back links and links of a document.
pub fn analyse(source: &str, tokens: &Tokens, tree: &Tree) -> Notes {
    let a = Analysis::new(source, tokens, tree);
    a.run()
}

struct Analysis<'a> {
    source: &'a str,
    tokens: &'a Tokens,
    tree: &'a Tree,
    /// `id`s, and `name`s of links, to their element (the first one wins).
    ids: FxHashMap<&'a str, u32>,
    /// Elements that are notes.
    notes: Vec<bool>,
    /// Each element's [`flag`]s.
    flags: Vec<u16>,
}

impl<'a> Analysis<'a> {
    fn new(source: &'a str, tokens: &'a Tokens, tree: &'a Tree) -> Self {
        let mut ids = FxHashMap::default();
        let mut flags = Vec::with_capacity(tree.elements.len());
        for (e, el) in tree.elements.iter().enumerate() {
            let tok = &tokens.tokens[el.start as usize];
            flags.push(flags_of(el.tag, tokens.attrs(tok)));
            for attr in tokens.attrs(tok) {
                let named = attr.name == AttrName::Id || (attr.name == AttrName::Name && el.tag == Tag::A);
                if named && !attr.value.is_empty() {
                    ids.entry(attr.value.as_str()).or_insert(e as u32);
                }
            }
        }
        Analysis { source, tokens, tree, ids, notes: vec![false; tree.elements.len()], flags }
    }

    fn el(&self, e: u32) -> El<'a> {
        El { tokens: self.tokens, tree: self.tree, e }
    }

    fn tag(&self, e: u32) -> Tag {
        self.tree.elements[e as usize].tag
    }

    /// The note `e` is in (or is), if any.
    fn note_of(&self, e: u32) -> Option<u32> {
        std::iter::once(e).chain(self.tree.ancestors(e, NOTE_DEPTH)).find(|&x| self.notes[x as usize])
    }

    fn run(mut self) -> Notes {
        self.structural_notes();
        let anchors: Vec<u32> = (0..self.tree.elements.len() as u32)
            .filter(|&e| self.tag(e) == Tag::A && self.has(e, flag::HREF))
            .collect();
        // Citations outside notes first: where they lead may make notes of plain blocks.
        let mut cites: FxHashMap<u32, Option<u32>> = FxHashMap::default();
        for &e in &anchors {
            if self.note_of(e).is_none()
                && let Some(target) = self.citation(e)
            {
                cites.insert(e, target);
            }
        }
        self.notes_lists_of_cited_items(&cites);
        // Links inside notes: back to a citation, or citing another note.
        let mut near = rustc_hash::FxHashSet::default();
        for &c in cites.keys() {
            near.insert(c);
            near.extend(self.tree.ancestors(c, 3));
        }
        let mut back = Vec::new();
        for &e in &anchors {
            if self.note_of(e).is_none() || cites.contains_key(&e) {
                continue;
            }
            if self.leads_to_citation(e, &near, &cites) {
                back.push(e);
            } else if let Some(target) = self.citation(e) {
                cites.insert(e, target);
            }
        }
        self.roles(&anchors, &cites, &back)
    }

    fn has(&self, e: u32, f: u16) -> bool {
        self.flags[e as usize] & f != 0
    }

    /// Elements the tools mark as notes.
    fn structural_notes(&mut self) {
        for e in 0..self.tree.elements.len() as u32 {
            let tag = self.tag(e);
            let marked = self.has(e, flag::NOTE);
            let role = self.has(e, flag::NOTE_ROLE) && (tag == Tag::Li || !self.has_items(e));
            let item = tag == Tag::Li && self.in_notes_list(e);
            if (marked || role || item) && self.note_of(e).is_none() {
                self.notes[e as usize] = true;
            }
        }
    }

    /// Whether list item `e` is in a list inside a notes section.
    fn in_notes_list(&self, e: u32) -> bool {
        let parent = self.tree.elements[e as usize].parent;
        if parent == NONE || !matches!(self.tag(parent), Tag::Ol | Tag::Ul) {
            return false;
        }
        std::iter::once(parent).chain(self.tree.ancestors(parent, 8)).any(|x| self.has(x, flag::NOTES_LIST))
    }

    fn has_items(&self, e: u32) -> bool {
        self.tree.descendants(e).any(|d| self.tag(d) == Tag::Li)
    }

    /// Whether link `e` is marked as a note reference (by itself or its content).
    fn marked(&self, e: u32) -> bool {
        self.has(e, flag::REF) || self.tree.descendants(e).take(16).any(|d| self.has(d, flag::REF_CLASS))
    }

    /// Whether link `e` is set in superscript (inside `<sup>` or holding one).
    fn superscript(&self, e: u32) -> bool {
        self.tree.ancestors(e, 3).any(|p| self.tag(p) == Tag::Sup)
            || self.tree.descendants(e).take(4).any(|d| self.tag(d) == Tag::Sup)
    }

    /// The fragment of a link's address: what follows its `#`.
    fn fragment(&self, e: u32) -> Option<&'a str> {
        let href = self.el(e).attr(AttrName::Href)?;
        let (_, frag) = href.split_once('#')?;
        (!frag.is_empty()).then_some(frag)
    }

    /// Whether `e` cites a note: `Some(Some(note))`, or `Some(None)` for a citation whose
    /// note does not exist; `None` when it is no citation.
    fn citation(&mut self, e: u32) -> Option<Option<u32>> {
        let frag = self.fragment(e)?;
        let relative = self.el(e).attr(AttrName::Href).is_some_and(|h| h.starts_with('#'));
        let marked = self.marked(e);
        let cites = marked || (relative && self.superscript(e));
        // An absolute address names an element here only when the link says it cites.
        let target = if relative || marked { self.ids.get(frag).copied() } else { None };
        match target {
            Some(t) if self.tree.contains(e, t) => None,
            Some(t) => match self.note_of(t) {
                Some(note) => Some(Some(note)),
                None if cites => {
                    let note = self.block_of(t);
                    self.notes[note as usize] = true;
                    Some(Some(note))
                }
                None => None,
            },
            None if cites && label_like(&self.visible(e)).is_some() => Some(None),
            None => None,
        }
    }

    /// The note a cited element stands for: itself when it is a block, else the block
    /// it is in.
    fn block_of(&self, t: u32) -> u32 {
        if self.tag(t).is_block() && !matches!(self.tag(t), Tag::Body | Tag::Html) {
            return t;
        }
        self.tree
            .ancestors(t, NOTE_DEPTH)
            .find(|&p| self.tag(p).is_block() && !matches!(self.tag(p), Tag::Body | Tag::Html))
            .unwrap_or(t)
    }

    /// When a cited note is a list item, its list is a notes list: the other items are
    /// notes too (uncited ones are reported as such).
    fn notes_lists_of_cited_items(&mut self, cites: &FxHashMap<u32, Option<u32>>) {
        let mut lists: Vec<u32> = cites
            .values()
            .flatten()
            .filter(|&&n| self.tag(n) == Tag::Li)
            .map(|&n| self.tree.elements[n as usize].parent)
            .filter(|&p| p != NONE)
            .collect();
        lists.sort_unstable();
        lists.dedup();
        for list in lists {
            let items: Vec<u32> = self
                .tree
                .descendants(list)
                .filter(|&d| self.tag(d) == Tag::Li && self.tree.elements[d as usize].parent == list)
                .collect();
            for item in items {
                if self.note_of(item).is_none() {
                    self.notes[item as usize] = true;
                }
            }
        }
    }

    /// Whether link `e` (in a note) leads to a citation: it is the note's way back. A
    /// citation's `sup` (around it or inside it) stands for it.
    fn leads_to_citation(
        &self,
        e: u32,
        near: &rustc_hash::FxHashSet<u32>,
        cites: &FxHashMap<u32, Option<u32>>,
    ) -> bool {
        let Some(frag) = self.fragment(e) else { return false };
        let Some(&t) = self.ids.get(frag) else {
            return self.has(e, flag::BACK);
        };
        near.contains(&t) || self.tree.ancestors(t, 3).any(|p| cites.contains_key(&p))
    }

    /// The visible text of an element, up to 64 bytes.
    fn visible(&self, e: u32) -> String {
        let el = &self.tree.elements[e as usize];
        let mut out = String::new();
        for tok in &self.tokens.tokens[el.start as usize + 1..el.end as usize] {
            for p in self.tokens.pieces(tok) {
                match &p.decoded {
                    Some(d) => out.push_str(d),
                    None => out.push_str(self.source_text(p.raw.clone())),
                }
            }
            if out.len() > 64 {
                break;
            }
        }
        out
    }

    fn source_text(&self, raw: Range<usize>) -> &'a str {
        self.source.get(raw).unwrap_or("")
    }

    /// Where the visible text of an element is written, or its start tag when it shows
    /// none.
    fn text_span(&self, e: u32) -> Range<usize> {
        let el = &self.tree.elements[e as usize];
        let inside = &self.tokens.tokens[el.start as usize + 1..el.end as usize];
        let mut pieces = inside.iter().filter(|t| matches!(t.kind, Kind::Text { .. }));
        let first = pieces.next();
        match first {
            Some(first) => {
                let last = pieces.next_back().unwrap_or(first);
                first.span.start..last.span.end
            }
            None => self.tokens.tokens[el.start as usize].span.clone(),
        }
    }

    fn roles(&self, anchors: &[u32], cites: &FxHashMap<u32, Option<u32>>, back: &[u32]) -> Notes {
        let mut roles = FxHashMap::default();
        // Each note's first back link, first citation, and number in its list.
        let mut backs: FxHashMap<u32, u32> = FxHashMap::default();
        for &b in back {
            if let Some(n) = self.note_of(b) {
                backs.entry(n).and_modify(|x| *x = (*x).min(b)).or_insert(b);
            }
        }
        let mut first_cite: FxHashMap<u32, u32> = FxHashMap::default();
        for (&c, note) in cites {
            if let Some(n) = note {
                first_cite.entry(*n).and_modify(|x| *x = (*x).min(c)).or_insert(c);
            }
        }
        let numbers = self.item_numbers();
        // Notes first: citations take their note's label.
        let mut ordinal = 0;
        let mut labels: FxHashMap<u32, String> = FxHashMap::default();
        for e in 0..self.tree.elements.len() as u32 {
            if !self.notes[e as usize] {
                continue;
            }
            ordinal += 1;
            let own_back = backs.get(&e).copied();
            let from_back =
                own_back.and_then(|b| label_like(&self.visible(b)).map(|l| (l, self.text_span(b))));
            let (label, marker) = match from_back {
                Some((label, span)) => (label, span),
                None => {
                    let label = numbers
                        .get(&e)
                        .map(i64::to_string)
                        .or_else(|| first_cite.get(&e).and_then(|&c| label_like(&self.visible(c))))
                        .or_else(|| self.id_number(e))
                        .unwrap_or_else(|| ordinal.to_string());
                    (label, self.tokens.tokens[self.tree.elements[e as usize].start as usize].span.clone())
                }
            };
            labels.insert(e, label.clone());
            roles.insert(e, Role::Note { label, marker });
        }
        for (&c, note) in cites {
            let label = match note {
                Some(n) => labels[n].clone(),
                None => label_like(&self.visible(c)).unwrap_or_default(),
            };
            roles.insert(c, Role::Citation { label, src: self.text_span(c) });
        }
        for &b in back {
            roles.insert(b, Role::BackLink);
        }
        for &e in anchors {
            if roles.contains_key(&e) {
                continue;
            }
            let el = self.el(e);
            let Some(href) = el.attr(AttrName::Href) else { continue };
            let href = href.trim();
            let absolute = ["http://", "https://", "ftp://"]
                .iter()
                .any(|p| href.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)));
            if absolute && !href.contains(|c: char| c.is_whitespace() || c == '>' || c == '<') {
                let src = el.attr_span(AttrName::Href).unwrap_or(0..0);
                roles.insert(e, Role::Link { url: href.to_owned(), src });
            }
        }
        Notes { roles }
    }

    /// The number each item of an ordered list shows (`<ol start>`, `<li value>`), counted
    /// as a browser does.
    fn item_numbers(&self) -> FxHashMap<u32, i64> {
        let mut next: FxHashMap<u32, i64> = FxHashMap::default();
        let mut out = FxHashMap::default();
        for (d, el) in self.tree.elements.iter().enumerate() {
            let list = el.parent;
            if el.tag != Tag::Li || list == NONE || self.tag(list) != Tag::Ol {
                continue;
            }
            let n = next.entry(list).or_insert_with(|| {
                self.el(list).attr(AttrName::Start).and_then(|s| s.trim().parse().ok()).unwrap_or(1)
            });
            if let Some(v) = self.el(d as u32).attr(AttrName::Value).and_then(|v| v.trim().parse().ok()) {
                *n = v;
            }
            out.insert(d as u32, *n);
            *n += 1;
        }
        out
    }

    /// The number ending an element's id (`ftn3`, `fn-3`, `sdfootnote3`).
    fn id_number(&self, e: u32) -> Option<String> {
        let id = self.el(e).attr(AttrName::Id)?;
        let digits = id.bytes().rev().take_while(u8::is_ascii_digit).count();
        (digits > 0 && digits <= 6)
            .then(|| id[id.len() - digits..].trim_start_matches('0').to_owned())
            .filter(|d| !d.is_empty())
    }
}

/// LibreOffice's note divisions: `sdfootnote3`, `sdendnote3`.
fn is_libreoffice_note_id(id: &str) -> bool {
    ["sdfootnote", "sdendnote"]
        .iter()
        .any(|p| id.strip_prefix(p).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
}

/// A note's mark as a label: `[3]`, `3`, `(3)`, `iv`, `*` → `3`, `3`, `3`, `iv`, `*`.
pub fn label_like(visible: &str) -> Option<String> {
    // A mark is short: `[12]`, `(iv)`, `*`.
    if visible.len() > 48 {
        return None;
    }
    let t = visible.trim_matches(|c: char| c.is_whitespace());
    let t = t
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .or_else(|| t.strip_prefix('(').and_then(|t| t.strip_suffix(')')))
        .unwrap_or(t);
    let t = t.trim().trim_end_matches('.');
    let ok = !t.is_empty()
        && t.chars().count() <= 10
        && t.chars().all(|c| c.is_alphanumeric() || "*†‡§¶#".contains(c));
    ok.then(|| t.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_read_as_labels() {
        assert_eq!(label_like(" [12] ").as_deref(), Some("12"));
        assert_eq!(label_like("(1)").as_deref(), Some("1"));
        assert_eq!(label_like("iv").as_deref(), Some("iv"));
        assert_eq!(label_like("↩︎"), None);
        assert_eq!(label_like("a longer piece of text"), None);
    }

    #[test]
    fn libreoffice_note_ids() {
        assert!(is_libreoffice_note_id("sdfootnote12"));
        assert!(is_libreoffice_note_id("sdendnote1"));
        assert!(!is_libreoffice_note_id("sdfootnote1anc"));
    }
}
