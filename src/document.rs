//! The document model: what a profile is made of, as byte spans into its text.
//!
//! Readers (`readers/`: plain profiles, Markdown, HTML, Word) build it; what more than one rule needs
//! is derived here once and cached on the [`Document`]. Readers are total: any UTF-8
//! input yields a document. Nothing from the parsing libraries leaks out of this module;
//! rules see `Range<usize>` and `&str`.

pub(crate) mod bytes;
pub mod claims;
pub mod cross_references;
pub mod dates;
pub mod ibid;
pub mod names;
pub mod readers;
pub mod sentences;
pub mod urls;

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// A byte range into the document's text, always on char boundaries.
pub type Span = Range<usize>;

/// Which reader a source is read with. Each has a name (for `--input-format` and the
/// config) and the file extensions that choose it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// A plain-text profile: `[n]` markers and a `[n] …` notes list.
    Text,
    /// Markdown with GFM footnotes: `[^label]` and `[^label]: …`.
    Markdown,
    /// HTML (Word, LibreOffice, pandoc or hand-written): rules read its rendered text.
    Html,
    /// A Word `.docx` package: rules read its rendered text, which is also what reports show.
    Docx,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: &[Format] = &[Format::Text, Format::Markdown, Format::Html, Format::Docx];

    /// The name `--input-format` and the config take.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Docx => "docx",
        }
    }

    /// The extensions (lower case, without the dot) a directory walk picks up for this
    /// format and that choose it for a file.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt"],
            Format::Markdown => &["md", "markdown"],
            Format::Html => &["html", "htm"],
            Format::Docx => &["docx"],
        }
    }

    /// The format called `name`.
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The format of a file with this extension (any case), if one claims it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.extensions().iter().any(|e| ext.eq_ignore_ascii_case(e)))
    }

    /// Whether its files are text a NUL byte would make binary (packed formats hold NULs).
    pub fn is_text(self) -> bool {
        match self {
            Format::Text | Format::Markdown => true,
            // A NUL in HTML is the reader's to judge; a Word package is zipped.
            Format::Html | Format::Docx => false,
        }
    }

    /// The format a file name implies; text when no format claims its extension.
    pub fn from_path(path: &Path) -> Format {
        path.extension().and_then(|e| e.to_str()).and_then(Format::from_extension).unwrap_or(Format::Text)
    }
}

/// What a block of the body is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Title,
    /// The `Last updated: <date>` line.
    LastUpdated,
    Heading,
    Paragraph,
}

/// A block of the body (everything that is not a footnote).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub span: Span,
}

/// A footnote marker in the body: `[4]`, `[^ramirez-interview]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// The label as written (`"4"`, `"ramirez-interview"`).
    pub label: String,
    /// The marker itself; for `[3, 4]` each label gets the span of its own digits.
    pub span: Span,
    /// The sentence the marker closes or sits in.
    pub sentence_span: Span,
}

/// An entry of the notes list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Footnote {
    pub label: String,
    /// The marker that opens the note: `[4]`, `[^4]:`.
    pub marker_span: Span,
    /// The note's text after the marker, trimmed of surrounding white space (may be
    /// empty, then it is the empty range right after the marker).
    pub text_span: Span,
}

/// A parsed document. Every element carries byte spans into `text`.
#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub format: Format,
    /// Body blocks in document order (title, last-updated line, headings, paragraphs).
    pub blocks: Vec<Block>,
    /// Citations in document order.
    pub citations: Vec<Citation>,
    /// Footnotes in document order (duplicates kept: a rule reports them).
    pub footnotes: Vec<Footnote>,
    /// Regions that are not prose (code spans and blocks, HTML comments), sorted and
    /// disjoint. Extractors of dates, names and URLs skip them.
    pub ignored: Vec<Span>,
    /// HTML comments (Markdown only), sorted: where suppression comments live.
    pub comments: Vec<Span>,
    /// Label (normalised for Markdown) → first footnote with it. FxHash: rules look up
    /// every citation, and SipHash was a visible share of the footnote rules' time.
    footnote_index: FxHashMap<String, usize>,
    /// Dates and names, extracted once on first use and shared by every rule.
    dates: OnceLock<dates::Dates>,
    names: OnceLock<names::Names>,
    name_variants: OnceLock<names::NameVariants>,
    urls: OnceLock<Vec<urls::UrlOccurrence>>,
    /// "Ibid." resolution (see [`ibid`]).
    ibid_targets: OnceLock<Vec<Option<usize>>>,
    numbered_notes: OnceLock<FxHashMap<u64, usize>>,
}

impl<'a> Document<'a> {
    /// Parse `text` with the grammar of `format`. Never fails.
    pub fn parse(text: &'a str, format: Format) -> Document<'a> {
        readers::read(text, format)
    }

    /// Assemble a document from its parts; parsers call this last.
    pub(crate) fn new(
        text: &'a str,
        format: Format,
        blocks: Vec<Block>,
        citations: Vec<Citation>,
        footnotes: Vec<Footnote>,
        ignored: Vec<Span>,
        comments: Vec<Span>,
    ) -> Document<'a> {
        let mut footnote_index = FxHashMap::with_capacity_and_hasher(footnotes.len(), Default::default());
        for (i, note) in footnotes.iter().enumerate() {
            footnote_index.entry(normalize_label(&note.label, format)).or_insert(i);
        }
        Document {
            text,
            format,
            blocks,
            citations,
            footnotes,
            ignored,
            comments,
            footnote_index,
            dates: OnceLock::new(),
            names: OnceLock::new(),
            name_variants: OnceLock::new(),
            urls: OnceLock::new(),
            ibid_targets: OnceLock::new(),
            numbered_notes: OnceLock::new(),
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: &Span) -> &'a str {
        &self.text[span.clone()]
    }

    /// The first footnote with this label (GFM labels match case-insensitively).
    pub fn footnote(&self, label: &str) -> Option<&Footnote> {
        self.footnote_position(label).map(|i| &self.footnotes[i])
    }

    /// Index into `footnotes` of the first footnote with this label.
    pub fn footnote_position(&self, label: &str) -> Option<usize> {
        match self.format {
            // Plain labels are their own key: look up without building one (rules ask for
            // every citation).
            Format::Text | Format::Html | Format::Docx => self.footnote_index.get(label).copied(),
            Format::Markdown => self.footnote_index.get(&normalize_label(label, self.format)).copied(),
        }
    }

    /// The profile's `Last updated:` block, if any.
    pub fn last_updated(&self) -> Option<&Block> {
        self.blocks.iter().find(|b| b.kind == BlockKind::LastUpdated)
    }

    /// Every date of the document, extracted on first use.
    pub fn dates(&self) -> &dates::Dates {
        self.dates.get_or_init(|| dates::extract(self))
    }

    /// Every proper name of the document, extracted on first use.
    pub fn names(&self) -> &names::Names {
        self.names.get_or_init(|| names::extract(self))
    }

    /// Variant spellings of names and the name words they were found among, computed on
    /// first use: names are extracted only where a cheap gate finds words alike enough
    /// (see [`names::variant_spellings`]).
    pub fn name_variants(&self) -> &names::NameVariants {
        self.name_variants.get_or_init(|| names::variant_spellings(self))
    }

    /// Every URL of the document, in order, extracted on first use: `malformed-url` and
    /// the link stage share one extraction.
    pub fn urls(&self) -> &[urls::UrlOccurrence] {
        self.urls.get_or_init(|| urls::extract(self))
    }

    /// The document's URLs, each carrying the date of the footnote it is written in (the
    /// note's first source date, `YYYYMMDD`): archive lookups pick the copy closest to it.
    pub fn dated_urls(&self) -> Vec<urls::UrlOccurrence> {
        let mut urls = self.urls().to_vec();
        if urls.iter().all(|u| u.footnote.is_none()) {
            return urls;
        }
        let dates = self.dates();
        for occ in &mut urls {
            let Some(label) = &occ.footnote else { continue };
            let Some(pos) = self.footnote_position(label) else { continue };
            if let Some(mention) = dates.notes.get(pos).and_then(|n| dates.source_dates(n).next()) {
                let d = mention.start;
                occ.date = Some(format!("{:04}{:02}{:02}", d.year, d.month.max(1), d.day.max(1)));
            }
        }
        urls
    }

    /// The citation and footnote markers with their labels, in document order.
    pub fn markers(&self) -> Markers {
        Markers {
            citations: self.citations.iter().map(|c| (c.span.clone(), c.label.clone())).collect(),
            footnotes: self.footnotes.iter().map(|f| (f.marker_span.clone(), f.label.clone())).collect(),
        }
    }

    /// Whether `offset` lies in a region that is not prose.
    pub fn is_ignored(&self, offset: usize) -> bool {
        let i = self.ignored.partition_point(|r| r.end <= offset);
        self.ignored.get(i).is_some_and(|r| r.start <= offset)
    }
}

/// A document's citation and footnote markers with their labels: what the HTML report
/// links, kept after the document is dropped so that no file is parsed twice.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Markers {
    /// Citation markers (`[4]`) and their labels.
    pub citations: Vec<(Span, String)>,
    /// Footnote markers and their labels.
    pub footnotes: Vec<(Span, String)>,
}

/// The key footnotes are matched by: GFM folds labels ([`fold_label`]), plain profiles
/// match them as written.
pub fn normalize_label(label: &str, format: Format) -> String {
    match format {
        Format::Text | Format::Html | Format::Docx => label.to_owned(),
        Format::Markdown => fold_label(label),
    }
}

/// A label as GFM matches it: case folded, inner white space collapsed.
pub fn fold_label(label: &str) -> String {
    crate::strings::normalize_whitespace(label).to_lowercase()
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for unit tests across the crate.

    /// The shared folder of real documents (as `CITELINT_SHARED` names it, or `../shared`
    /// beside the checkout), if there is one; tests that need it skip with a notice
    /// without it.
    pub fn shared_dir() -> Option<std::path::PathBuf> {
        let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        [std::env::var("CITELINT_SHARED").ok().map(Into::into), Some(manifest.join("../shared"))]
            .into_iter()
            .flatten()
            .find(|p: &std::path::PathBuf| p.is_dir())
    }
}
