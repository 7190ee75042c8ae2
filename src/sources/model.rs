//! What an extraction yields: the text, metadata candidates with where each came from, and
//! why a source cannot be trusted. Everything serialises, so extractions can be cached
//! and printed as JSON.

use serde::{Deserialize, Serialize};

use super::dates::SourceDate;

/// Which extractor read the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    Html,
    Pdf,
    Text,
}

/// Where a metadata value was found. Candidates come in the order of these origins'
/// reliability: scholarly `citation_*` tags first, the page's `<title>` and first `<h1>`
/// last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    CitationTitle,
    CitationPublicationDate,
    CitationDate,
    CitationAuthor,
    /// A Dublin Core element or term (`DC.title`, `dcterms.issued`), as named in the page.
    DublinCore(String),
    /// An OpenGraph property (`og:title`).
    OpenGraph(String),
    ArticlePublishedTime,
    ArticleModifiedTime,
    /// A schema.org field of a JSON-LD block (`headline`, `datePublished`, `author`).
    JsonLd(String),
    /// A schema.org microdata property (`itemprop="datePublished"`).
    Microdata(String),
    /// Another `<meta name>` in common use (`author`, `pubdate`, `parsely-pub-date`).
    Meta(String),
    TimeElement,
    /// A byline in the page: `<a rel="author">`, an element whose class names the author.
    Byline,
    /// The date in the URL's path (`/2019/12/30/`).
    UrlPath,
    TitleElement,
    FirstH1,
    /// A key of the PDF's Info dictionary (`Title`, `CreationDate`).
    PdfInfo(String),
    /// A property of the PDF's XMP metadata (`dc:title`, `xmp:CreateDate`).
    Xmp(String),
}

/// A metadata value and where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    pub value: String,
    pub origin: Origin,
}

/// A date found in metadata: the calendar date, where it was found, and the value as
/// written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateCandidate {
    pub date: SourceDate,
    pub origin: Origin,
    pub raw: String,
}

/// Where a language came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageOrigin {
    /// `<html lang>` (or `xml:lang`).
    HtmlLang,
    /// `<meta http-equiv="content-language">`.
    ContentLanguage,
    /// `<meta name="language">`, `DC.language`, `og:locale`, JSON-LD `inLanguage`.
    Meta(String),
    /// The PDF catalog's `/Lang`.
    PdfLang,
    /// XMP `dc:language`.
    Xmp,
    /// Guessed from the main text (whatlang), with its confidence.
    Detected { confidence: f32 },
}

/// The language of a source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Language {
    /// ISO 639-1 code where one exists (`en`, `es`), else ISO 639-3 (`ast`).
    pub code: String,
    /// The tag as declared (`en-GB`, `es_ES`), or the detector's ISO 639-3 code.
    pub raw: String,
    pub origin: LanguageOrigin,
}

/// Where the character encoding of an HTML or text body came from, in the order they
/// are consulted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CharsetOrigin {
    Bom,
    Header,
    Meta,
    Detected,
}

/// The encoding a body was decoded with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charset {
    /// The WHATWG encoding name (`UTF-8`, `windows-1252`).
    pub name: String,
    pub origin: CharsetOrigin,
}

/// Why the text of a source cannot be trusted for checks. A rule reports these as
/// "unverifiable", never as a mismatch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unverifiable {
    /// The page's text is written by scripts; the HTML holds almost none of it.
    ScriptRendered,
    /// A cookie-consent wall or a paywall stands where the text should be.
    ConsentOrPaywall,
    /// A PDF whose pages are images only.
    NoTextLayer,
    /// Neither HTML, PDF nor text (the media type).
    UnsupportedType(String),
    /// The body could not be parsed (an encrypted or broken PDF), with the reason.
    Malformed(String),
    /// The body is larger than [`super::Limits::max_body_bytes`].
    TooLarge,
    /// The parser did not finish within [`super::Limits::time_limit`].
    TimedOut,
    /// The body holds no text at all.
    Empty,
}

/// What a fetched body says.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Extraction {
    pub kind: SourceKind,
    /// The main text: paragraphs separated by blank lines.
    pub text: String,
    pub titles: Vec<Candidate>,
    /// Publication dates; never a modification date.
    pub published: Vec<DateCandidate>,
    pub modified: Vec<DateCandidate>,
    pub authors: Vec<Candidate>,
    /// Declared, or detected from the text when nothing is declared.
    pub language: Option<Language>,
    /// HTML and text only.
    pub charset: Option<Charset>,
    pub unverifiable: Option<Unverifiable>,
}

impl Extraction {
    pub(crate) fn new(kind: SourceKind) -> Self {
        Extraction {
            kind,
            text: String::new(),
            titles: Vec::new(),
            published: Vec::new(),
            modified: Vec::new(),
            authors: Vec::new(),
            language: None,
            charset: None,
            unverifiable: None,
        }
    }

    pub(crate) fn unreadable(kind: SourceKind, why: Unverifiable) -> Self {
        Extraction { unverifiable: Some(why), ..Extraction::new(kind) }
    }
}

/// Push `c` unless an equal candidate is already there.
pub(crate) fn push_unique<T: PartialEq>(list: &mut Vec<T>, c: T) {
    if !list.contains(&c) {
        list.push(c);
    }
}
