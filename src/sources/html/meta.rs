//! Metadata candidates of an HTML page: `<meta>` tags (Highwire `citation_*`, Dublin
//! Core, OpenGraph and `article:*`, and other names in common use), microdata, JSON-LD
//! ([`super::jsonld`]), `<time>` elements, `<title>` and the first `<h1>`; the declared
//! language. Published and modified dates go to separate lists and never cross.

use scraper::{ElementRef, Html};

use super::{collapse_whitespace, collapsed_text, html_element, jsonld, small_text};
use crate::sources::dates::parse_date;
use crate::sources::language;
use crate::sources::model::{Candidate, DateCandidate, Extraction, LanguageOrigin, Origin, push_unique};

/// What a metadata field says about the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Field {
    Title,
    Published,
    Modified,
    Author,
    Language,
}

/// Everything found, before ordering.
#[derive(Default)]
pub(super) struct Found {
    pub titles: Vec<Candidate>,
    pub published: Vec<DateCandidate>,
    pub modified: Vec<DateCandidate>,
    pub authors: Vec<Candidate>,
    pub languages: Vec<(String, LanguageOrigin)>,
}

impl Found {
    /// Record `raw` as `field`, found at `origin`. Empty values, dates that do not parse,
    /// and authors that are links are dropped.
    pub fn add(&mut self, field: Field, origin: Origin, raw: &str) {
        let value = collapse_whitespace(raw);
        if value.is_empty() || value.len() > 1000 {
            return;
        }
        match field {
            Field::Title => push_unique(&mut self.titles, Candidate { value, origin }),
            Field::Published | Field::Modified => {
                let Some(date) = parse_date(&value) else { return };
                let list = if field == Field::Published { &mut self.published } else { &mut self.modified };
                push_unique(list, DateCandidate { date, origin, raw: value });
            }
            Field::Author => {
                if let Some(value) = author_name(&value) {
                    push_unique(&mut self.authors, Candidate { value, origin });
                }
            }
            Field::Language => self.languages.push((value, language_origin(origin))),
        }
    }
}

fn language_origin(origin: Origin) -> LanguageOrigin {
    match origin {
        Origin::Meta(name) if name == "content-language" => LanguageOrigin::ContentLanguage,
        Origin::Meta(name) | Origin::DublinCore(name) | Origin::OpenGraph(name) | Origin::JsonLd(name) => {
            LanguageOrigin::Meta(name)
        }
        _ => LanguageOrigin::HtmlLang,
    }
}

/// "By Jane Doe" → "Jane Doe"; profile URLs and e-mail addresses are not names.
fn author_name(value: &str) -> Option<String> {
    let v = value.trim();
    let v = [
        "By ", "by ", "BY ", "Von ", "von ", "Vom ", "vom ", "Par ", "par ", "Por ", "por ", "Author:",
        "Autor:", "Autor ",
    ]
    .iter()
    .find_map(|p| v.strip_prefix(p))
    .unwrap_or(v)
    .trim_start_matches([':', ' '])
    .trim();
    let is_link =
        v.starts_with("http://") || v.starts_with("https://") || v.starts_with("www.") || v.contains('@');
    (!v.is_empty() && !is_link && v.chars().count() <= 200).then(|| v.to_owned())
}

pub(super) fn collect(doc: &Html, url: &str, out: &mut Extraction) {
    let mut found = Found::default();
    let mut title_element = None;
    let mut first_h1 = None;
    let (mut times, mut bylines) = (0, 0);
    for node in doc.root_element().descendants() {
        let Some(e) = html_element(node) else { continue };
        match e.value().name() {
            "html" => {
                if let Some(lang) = e.attr("lang").or_else(|| e.attr("xml:lang")) {
                    found.languages.push((lang.to_owned(), LanguageOrigin::HtmlLang));
                }
            }
            "meta" => meta_tag(e, &mut found),
            "script"
                if e.attr("type").is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
            {
                jsonld::collect(&e.text().collect::<String>(), &mut found);
            }
            "title" if title_element.is_none() => title_element = Some(collapsed_text(e)),
            "h1" if first_h1.is_none() => first_h1 = Some(collapsed_text(e)).filter(|t| !t.is_empty()),
            "time" if times < 5 => {
                times += 1;
                time_element(e, &mut found);
            }
            _ => {
                microdata(e, &mut found);
                if bylines < 3
                    && let Some(name) = byline(e)
                {
                    bylines += 1;
                    found.add(Field::Author, Origin::Byline, &name);
                }
            }
        }
    }
    if let Some((_, raw)) = crate::sources::dates::url_date(url) {
        found.add(Field::Published, Origin::UrlPath, &raw.replace('/', "-"));
    }
    if let Some(t) = title_element {
        found.add(Field::Title, Origin::TitleElement, &t);
    }
    if let Some(h1) = first_h1 {
        found.add(Field::Title, Origin::FirstH1, &h1);
    }
    finish(found, out);
}

/// Order each list by how much its origins are trusted (stable: document order within
/// an origin) and pick the declared language.
fn finish(mut found: Found, out: &mut Extraction) {
    found.titles.sort_by_key(|c| rank(&c.origin));
    found.authors.sort_by_key(|c| rank(&c.origin));
    found.published.sort_by_key(|c| rank(&c.origin));
    found.modified.sort_by_key(|c| rank(&c.origin));
    out.titles = found.titles;
    out.authors = found.authors;
    out.published = found.published;
    out.modified = found.modified;
    let lang_rank = |o: &LanguageOrigin| match o {
        LanguageOrigin::HtmlLang => 0,
        LanguageOrigin::ContentLanguage => 1,
        _ => 2,
    };
    found.languages.sort_by_key(|(_, o)| lang_rank(o));
    out.language = found.languages.into_iter().find_map(|(raw, origin)| language::declared(&raw, origin));
}

fn rank(o: &Origin) -> u8 {
    match o {
        Origin::CitationTitle
        | Origin::CitationPublicationDate
        | Origin::CitationDate
        | Origin::CitationAuthor => 0,
        Origin::JsonLd(_) => 1,
        Origin::Microdata(_) => 2,
        Origin::DublinCore(_) => 3,
        Origin::OpenGraph(_) | Origin::ArticlePublishedTime | Origin::ArticleModifiedTime => 4,
        Origin::Meta(_) => 5,
        Origin::Byline => 6,
        Origin::TimeElement | Origin::UrlPath => 6,
        Origin::TitleElement => 7,
        Origin::FirstH1 => 8,
        Origin::PdfInfo(_) | Origin::Xmp(_) => 9,
    }
}

fn meta_tag(e: ElementRef, found: &mut Found) {
    let Some(content) = e.attr("content") else { return };
    if let Some(equiv) = e.attr("http-equiv") {
        if equiv.trim().eq_ignore_ascii_case("content-language") {
            found.add(Field::Language, Origin::Meta("content-language".into()), content);
        }
        return;
    }
    if let Some(prop) = e.attr("itemprop") {
        microdata_value(prop, content, found);
    }
    for key in [e.attr("name"), e.attr("property")].into_iter().flatten() {
        if let Some((field, origin)) = classify(key) {
            found.add(field, origin, content);
        }
    }
}

/// What a `<meta name|property>` says, and the origin it is recorded under.
fn classify(key: &str) -> Option<(Field, Origin)> {
    use Field::*;
    let k = key.trim().to_ascii_lowercase();
    let dc = || Origin::DublinCore(key.trim().to_owned());
    let meta = || Origin::Meta(k.clone());
    Some(match k.as_str() {
        "citation_title" => (Title, Origin::CitationTitle),
        "citation_publication_date" => (Published, Origin::CitationPublicationDate),
        "citation_date" => (Published, Origin::CitationDate),
        "citation_online_date" | "citation_cover_date" => (Published, meta()),
        "citation_author" => (Author, Origin::CitationAuthor),
        "citation_language" => (Language, meta()),
        "dc.title" | "dcterms.title" => (Title, dc()),
        "dc.date" | "dc.date.issued" | "dc.date.created" | "dc.date.published" | "dcterms.issued"
        | "dcterms.created" | "dcterms.date" | "dcterms.available" => (Published, dc()),
        "dc.date.modified" | "dcterms.modified" => (Modified, dc()),
        "dc.creator" | "dcterms.creator" | "dc.contributor.author" => (Author, dc()),
        "dc.language" | "dcterms.language" => (Language, dc()),
        "og:title" => (Title, Origin::OpenGraph(k.clone())),
        "og:locale" => (Language, Origin::OpenGraph(k.clone())),
        "og:updated_time" => (Modified, Origin::OpenGraph(k.clone())),
        "og:published_time" | "og:article:published_time" => (Published, Origin::OpenGraph(k.clone())),
        "og:article:modified_time" => (Modified, Origin::OpenGraph(k.clone())),
        "article:published_time" | "article:published" => (Published, Origin::ArticlePublishedTime),
        "article:modified_time" | "article:modified" => (Modified, Origin::ArticleModifiedTime),
        "article:author" | "og:article:author" => (Author, Origin::OpenGraph(k.clone())),
        "twitter:title" | "parsely-title" | "sailthru.title" => (Title, meta()),
        "pubdate" | "publishdate" | "publish-date" | "publish_date" | "publication_date" | "date"
        | "article.published" | "parsely-pub-date" | "sailthru.date" | "created" | "dc.date.issued.iso" => {
            (Published, meta())
        }
        "last-modified" | "lastmod" | "article.updated" | "revised" | "modified" => (Modified, meta()),
        "author" | "parsely-author" | "sailthru.author" | "byl" | "dc.author" => (Author, meta()),
        "language" | "content-language" => (Language, meta()),
        _ => return None,
    })
}

/// `itemprop` values of schema.org microdata on any element.
fn microdata(e: ElementRef, found: &mut Found) {
    let Some(prop) = e.attr("itemprop") else { return };
    let value = e.attr("content").or_else(|| e.attr("datetime"));
    match value {
        Some(v) => microdata_value(prop, v, found),
        None if prop.split_whitespace().any(|p| p == "headline" || p == "author" || p == "datePublished") => {
            let name = e.descendent_elements().take(256).find(|c| c.attr("itemprop") == Some("name"));
            let text = match name {
                Some(name) if prop.contains("author") => small_text(name, 256, 1000),
                _ => small_text(e, 256, 1000),
            };
            if let Some(text) = text {
                microdata_value(prop, &text, found);
            }
        }
        None => {}
    }
}

fn microdata_value(prop: &str, value: &str, found: &mut Found) {
    for p in prop.split_whitespace() {
        let field = match p {
            "headline" => Field::Title,
            "datePublished" | "dateCreated" => Field::Published,
            "dateModified" => Field::Modified,
            "author" | "creator" => Field::Author,
            "inLanguage" => Field::Language,
            _ => continue,
        };
        found.add(field, Origin::Microdata(p.to_owned()), value);
    }
}

/// A short byline: the text of `<a rel="author">` or of an element with a class naming
/// the author or byline (not a biography or an avatar).
fn byline(e: ElementRef) -> Option<String> {
    let el = e.value();
    let by_rel =
        el.name() == "a" && el.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r == "author"));
    let by_class = el.classes().any(|c| {
        let c = c.to_ascii_lowercase();
        (c.contains("author") || c.contains("byline"))
            && !["bio", "avatar", "image", "img", "photo", "desc", "about", "box", "list"]
                .iter()
                .any(|w| c.contains(w))
    });
    if !by_rel && !by_class {
        return None;
    }
    // A byline is short; a page can wrap everything in an element named "author-page".
    let text = small_text(e, 64, 200)?;
    let words = text.split_whitespace().count();
    // Not a name: a date or a duration ("Veröffentlicht am 19.10.19", "01:30 Min."), a
    // form label ("Name *"), a separator, a single letter.
    let digits = text.chars().filter(char::is_ascii_digit).count();
    let odd = text.contains(['*', '|', '»', '@', '©']);
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    ((1..=8).contains(&words) && text.chars().count() <= 80 && digits < 3 && !odd && letters >= 3)
        .then_some(text)
}

/// `<time datetime>` (or its text): a modification date when it says so (itemprop,
/// class or the words around it), else a publication date.
fn time_element(e: ElementRef, found: &mut Found) {
    let value = e.attr("datetime").map(str::to_owned).unwrap_or_else(|| collapsed_text(e));
    if let Some(prop) = e.attr("itemprop") {
        microdata_value(prop, &value, found);
        return;
    }
    let class = e.attr("class").unwrap_or("").to_ascii_lowercase();
    let lead = e
        .prev_sibling()
        .and_then(|s| s.value().as_text().map(|t| t.to_ascii_lowercase()))
        .unwrap_or_default();
    let modified = ["updat", "modif", "revis"].iter().any(|w| class.contains(w) || lead.contains(w));
    let field = if modified { Field::Modified } else { Field::Published };
    found.add(field, Origin::TimeElement, &value);
}

#[cfg(test)]
mod tests;
