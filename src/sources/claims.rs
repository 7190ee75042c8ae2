//! A document's claims about its sources, owned and keyed by URL, so they outlive the
//! document: the questions put to each source ([`Questions`]) and the places in the file
//! that a mismatch is reported at.

use std::collections::BTreeMap;

use super::verify::Questions;
use super::{SourceDate, language};
use crate::document::{Document, Span};
use crate::links;

/// One source of one note, as the verification stage sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedSource {
    /// The URL's check key (see [`links::url_key`]).
    pub key: String,
    /// The note's label.
    pub note: String,
    /// The URL as written.
    pub url: Span,
    pub title: Option<(String, Span)>,
    /// The date: as a calendar date, as written, and where.
    pub date: Option<(SourceDate, String, Span)>,
    /// People the note part and the sentences citing the note name: the name as written
    /// and where.
    pub names: Vec<(String, Span)>,
}

/// A quotation of a sentence citing notes with URLs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClaimedQuote {
    pub text: String,
    pub span: Span,
    /// The check keys of the sources of the notes the sentence cites; the quotation is
    /// expected in one of them.
    pub keys: Vec<String>,
    /// The labels of those notes.
    pub notes: Vec<String>,
}

/// Every claim of one file, with spans into the text findings point into.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileClaims {
    /// The document's language, when it can be told (a quotation translated from a
    /// source in another language cannot match it word for word).
    pub language: Option<String>,
    pub sources: Vec<ClaimedSource>,
    pub quotes: Vec<ClaimedQuote>,
}

/// Words that make a capitalised run an institution or a document, not a person.
const NOT_PERSONAL: &[&str] = &[
    "Affairs",
    "Agency",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Bureau",
    "Center",
    "Centre",
    "Commission",
    "Committee",
    "Conference",
    "Convention",
    "Council",
    "Court",
    "Department",
    "Embassy",
    "Forces",
    "Foundation",
    "Fund",
    "Government",
    "Group",
    "Institute",
    "League",
    "Meeting",
    "Ministry",
    "Mission",
    "Monitor",
    "Nations",
    "Office",
    "Organization",
    "Organisation",
    "Parliament",
    "Parties",
    "Party",
    "Programme",
    "Program",
    "Republic",
    "Report",
    "Service",
    "States",
    "Treaty",
    "Union",
    "University",
];

impl FileClaims {
    /// The claims of `doc` about sources it cites by a URL the link stage checks.
    pub fn of(doc: &Document) -> FileClaims {
        let claims = doc.claims();
        let urls = doc.urls();
        let dates = doc.dates();
        let names = doc.names();
        let person = |span: &Span| {
            let words: Vec<&str> = doc.slice(span).split_whitespace().collect();
            (2..=4).contains(&words.len()) && !words.iter().any(|w| NOT_PERSONAL.contains(w))
        };
        let mut name_spans: Vec<Span> =
            names.tokens.iter().map(|t| t.name.clone()).filter(|s| person(s)).collect();
        name_spans.sort_by_key(|s| (s.start, s.end));
        name_spans.dedup();
        let names_in = |region: &Span| -> Vec<(String, Span)> {
            name_spans
                .iter()
                .filter(|s| region.start <= s.start && s.end <= region.end)
                .map(|s| (crate::strings::normalize_whitespace(doc.slice(s)), s.clone()))
                .collect()
        };
        // The sentences citing each note, for the names they write.
        let mut citing: BTreeMap<usize, Vec<Span>> = BTreeMap::new();
        for c in &doc.citations {
            if let Some(pos) = doc.footnote_position(&c.label) {
                let target = doc.ibid_targets().get(pos).copied().flatten().unwrap_or(pos);
                citing.entry(target).or_default().push(c.sentence_span.clone());
            }
        }
        let mut sources = Vec::new();
        let mut keys_of_note: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for claim in &claims.sources {
            let url = &urls[claim.url];
            let Some(key) = links::url_key(&url.href()) else { continue };
            keys_of_note.entry(claim.note).or_default().push(key.clone());
            let mut people = names_in(&claim.part);
            for sentence in citing.get(&claim.note).into_iter().flatten() {
                people.extend(names_in(sentence));
            }
            people.dedup_by(|a, b| a.1 == b.1);
            let date = claim.date.map(|i| &dates.mentions[i]).map(|m| {
                let precise = |v: u8| (v > 0).then_some(v);
                let start = m.start;
                let date =
                    SourceDate { year: start.year, month: precise(start.month), day: precise(start.day) };
                (date, crate::strings::normalize_whitespace(doc.slice(&m.span)), m.span.clone())
            });
            sources.push(ClaimedSource {
                key,
                note: doc.footnotes[claim.note].label.clone(),
                url: url.span.clone(),
                title: claim.title.as_ref().map(|t| (doc.slice(t).to_owned(), t.clone())),
                date,
                names: people,
            });
        }
        let quotes = claims
            .quotations
            .iter()
            .filter_map(|q| {
                let keys: Vec<String> =
                    q.notes.iter().flat_map(|n| keys_of_note.get(n).into_iter().flatten().cloned()).collect();
                (!keys.is_empty()).then(|| ClaimedQuote {
                    text: doc.slice(&q.span).to_owned(),
                    span: q.span.clone(),
                    keys,
                    notes: q.notes.iter().map(|&n| doc.footnotes[n].label.clone()).collect(),
                })
            })
            .collect();
        let language = (!sources.is_empty()).then(|| language::detect(doc.text)).flatten().map(|l| l.code);
        FileClaims { language, sources, quotes }
    }

    /// What this file asks of each source, by check key.
    pub fn questions(&self) -> BTreeMap<String, Questions> {
        let mut out: BTreeMap<String, Questions> = BTreeMap::new();
        for s in &self.sources {
            let q = out.entry(s.key.clone()).or_default();
            q.merge(Questions {
                titles: s.title.iter().map(|(t, _)| t.clone()).collect(),
                dates: s.date.iter().map(|(d, ..)| *d).collect(),
                names: s.names.iter().map(|(n, _)| n.clone()).collect(),
                quotes: Vec::new(),
            });
        }
        for quote in &self.quotes {
            for key in &quote.keys {
                out.entry(key.clone())
                    .or_default()
                    .merge(Questions { quotes: vec![quote.text.clone()], ..Questions::default() });
            }
        }
        out
    }

    /// Move every span with `to_source` (from a rendered text to the file's own).
    pub fn move_spans(&mut self, to_source: impl Fn(Span) -> Span) {
        for s in &mut self.sources {
            s.url = to_source(s.url.clone());
            if let Some((_, span)) = &mut s.title {
                *span = to_source(span.clone());
            }
            if let Some((_, _, span)) = &mut s.date {
                *span = to_source(span.clone());
            }
            for (_, span) in &mut s.names {
                *span = to_source(span.clone());
            }
        }
        for q in &mut self.quotes {
            q.span = to_source(q.span.clone());
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sources.is_empty() && self.quotes.is_empty()
    }
}
