//! What a source answers to what the documents claim about it: each quotation found or
//! not (with the closest passage), each title among the source's titles or not, each
//! date agreeing with the source's publication (or modification) date or not, each
//! person's name spelled as the source spells it or not.
//!
//! Only a plain contradiction is a mismatch. A source that names no title, gives no
//! date or never names the person says nothing either way.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    DateCandidate, Extraction, NormalizedText, Origin, QuoteMatch, SourceDate, find_quote, title_similarity,
};
use crate::strings::edit_distance;

/// A title matches a candidate this similar or more (shared words over the longer
/// title, site names aside; see [`title_similarity`]).
pub const TITLE_MATCH: f32 = 0.6;

/// How far into a source's text its visible heading may be.
const HEADING_CHARS: usize = 2000;

/// What the documents ask of one source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Questions {
    /// Quotations of sentences citing it.
    pub quotes: Vec<String>,
    /// Titles notes give it.
    pub titles: Vec<String>,
    /// Dates notes give it.
    pub dates: Vec<SourceDate>,
    /// People's names (`Irina Kovač`) in the notes and the sentences citing it.
    pub names: Vec<String>,
}

impl Questions {
    pub fn is_empty(&self) -> bool {
        self.quotes.is_empty() && self.titles.is_empty() && self.dates.is_empty() && self.names.is_empty()
    }

    /// Add what is not asked yet.
    pub fn merge(&mut self, other: Questions) {
        fn add<T: PartialEq>(into: &mut Vec<T>, from: Vec<T>) {
            for x in from {
                if !into.contains(&x) {
                    into.push(x);
                }
            }
        }
        add(&mut self.quotes, other.quotes);
        add(&mut self.titles, other.titles);
        add(&mut self.dates, other.dates);
        add(&mut self.names, other.names);
    }
}

/// Whether a quotation is in the source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum QuoteAnswer {
    Found,
    /// Not in the source: the closest passage and how close it is (0..1).
    NotFound {
        closest: String,
        similarity: f32,
    },
    /// Nothing to look for (only punctuation or an ellipsis).
    NoWords,
}

/// Whether a title is among the source's titles.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TitleAnswer {
    Matches,
    /// None of the candidates is close: each with its origin, and the best similarity.
    Differs {
        candidates: Vec<(String, String)>,
        best: f32,
    },
    /// The source declares no title.
    NoTitle,
}

/// Whether a date agrees with the source's dates.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum DateAnswer {
    /// It agrees with a publication or modification date, from this origin.
    Agrees(String),
    /// It disagrees with the publication dates the source declares (the value as written
    /// and its origin) and matches no modification date.
    Differs { published: Vec<(String, String)> },
    /// The source declares no publication date worth comparing.
    NoDate,
}

/// Whether a person's name is spelled as in the source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum NameAnswer {
    Same,
    /// The source never writes the surname so, but writes this form of it.
    SpelledOtherwise(String),
    /// The source does not name the person.
    Absent,
}

/// Where a source was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "on", rename_all = "lowercase")]
pub enum CheckedOn {
    /// The page itself, at this address (after redirects).
    Live { url: String },
    /// An archived copy: its address and capture date.
    Archive { url: String, date: String },
}

/// What a source answered.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answers {
    pub checked_on: CheckedOn,
    /// Why its text cannot be checked; then only the metadata answers count.
    pub unverifiable: Option<String>,
    /// The source's language code (`en`, `es`), declared or detected.
    pub language: Option<String>,
    /// Each quotation asked (none when the text is unverifiable).
    pub quotes: BTreeMap<String, QuoteAnswer>,
    pub titles: BTreeMap<String, TitleAnswer>,
    pub dates: BTreeMap<SourceDate, DateAnswer>,
    /// Each name asked (none when the text is unverifiable).
    pub names: BTreeMap<String, NameAnswer>,
}

impl Answers {
    /// A source that could not be read at all.
    pub fn unread(checked_on: CheckedOn, why: String) -> Answers {
        Answers {
            checked_on,
            unverifiable: Some(why),
            language: None,
            quotes: BTreeMap::new(),
            titles: BTreeMap::new(),
            dates: BTreeMap::new(),
            names: BTreeMap::new(),
        }
    }
}

/// Answer `q` from what a source's body gave.
pub fn answer(q: &Questions, e: &Extraction, checked_on: CheckedOn) -> Answers {
    let unverifiable = e.unverifiable.as_ref().map(super::describe_unverifiable);
    let readable = unverifiable.is_none();
    let text = NormalizedText::new(&e.text);
    let quotes = if readable {
        q.quotes.iter().map(|quote| (quote.clone(), answer_quote(quote, &text))).collect()
    } else {
        BTreeMap::new()
    };
    // People are named in the text and in the author metadata.
    let authors: Vec<&str> = e.authors.iter().map(|a| a.value.as_str()).collect();
    let named = format!("{}\n\n{}", authors.join("\n"), e.text);
    let names = if readable {
        q.names.iter().map(|n| (n.clone(), answer_name(n, &named))).collect()
    } else {
        BTreeMap::new()
    };
    Answers {
        checked_on,
        unverifiable,
        language: e.language.as_ref().map(|l| l.code.clone()),
        quotes,
        titles: q.titles.iter().map(|t| (t.clone(), answer_title(t, e))).collect(),
        dates: q.dates.iter().map(|d| (*d, answer_date(*d, e))).collect(),
        names,
    }
}

fn answer_quote(quote: &str, text: &NormalizedText) -> QuoteAnswer {
    match find_quote(quote, text) {
        QuoteMatch::Found { .. } => QuoteAnswer::Found,
        QuoteMatch::NotFound { closest, similarity } => QuoteAnswer::NotFound { closest, similarity },
        QuoteMatch::NoWords => QuoteAnswer::NoWords,
    }
}

fn answer_title(title: &str, e: &Extraction) -> TitleAnswer {
    let candidates: Vec<&super::Candidate> =
        e.titles.iter().filter(|c| !super::is_placeholder_title(&c.value)).collect();
    if candidates.is_empty() {
        return TitleAnswer::NoTitle;
    }
    let best = candidates.iter().map(|c| title_similarity(title, &c.value)).fold(0.0f32, f32::max);
    if best >= TITLE_MATCH {
        return TitleAnswer::Matches;
    }
    // A document's visible heading is a title too, and metadata often says something
    // else (a PDF's Info title is whatever the word processor put there).
    let head = &e.text[..e.text.floor_char_boundary(HEADING_CHARS)];
    if matches!(find_quote(title, &NormalizedText::new(head)), QuoteMatch::Found { .. }) {
        return TitleAnswer::Matches;
    }
    TitleAnswer::Differs {
        candidates: grouped(candidates.iter().map(|c| (c.value.as_str(), &c.origin)), |v| v.to_lowercase()),
        best,
    }
}

/// Origins whose dates only hint at publication: a date in the address, a byline's.
/// They may confirm a footnote's date, never contradict it.
fn is_hint(origin: &Origin) -> bool {
    matches!(origin, Origin::UrlPath | Origin::Byline)
}

fn answer_date(date: SourceDate, e: &Extraction) -> DateAnswer {
    let agrees = |c: &&DateCandidate| dates_agree(date, c.date);
    if let Some(c) = e.published.iter().chain(&e.modified).find(agrees) {
        return DateAnswer::Agrees(origin_name(&c.origin));
    }
    let strong: Vec<&DateCandidate> = e.published.iter().filter(|c| !is_hint(&c.origin)).collect();
    if strong.is_empty() {
        return DateAnswer::NoDate;
    }
    // One line per calendar date, however many tags write it.
    let mut published: Vec<(String, String)> = Vec::new();
    let mut seen: Vec<SourceDate> = Vec::new();
    for c in &strong {
        if seen.contains(&c.date) {
            continue;
        }
        seen.push(c.date);
        let origins: Vec<String> =
            strong.iter().filter(|o| o.date == c.date).map(|o| origin_name(&o.origin)).collect();
        published.push((written_date(c.date), origins.join(", ")));
    }
    DateAnswer::Differs { published }
}

/// A date in words, at its precision: `12 May 2019`, `May 2019`, `2019`.
pub fn written_date(d: SourceDate) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = d.month.and_then(|m| MONTHS.get(usize::from(m).checked_sub(1)?));
    match (d.day, month) {
        (Some(day), Some(m)) => format!("{day} {m} {}", d.year),
        (None, Some(m)) => format!("{m} {}", d.year),
        _ => d.year.to_string(),
    }
}

/// Values with the origins that give them, one entry per value as `key` tells them
/// apart, in the order they first come.
fn grouped<'a>(
    values: impl Iterator<Item = (&'a str, &'a Origin)>,
    key: impl Fn(&str) -> String,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String, Vec<String>)> = Vec::new();
    for (value, origin) in values {
        let k = key(value);
        match out.iter_mut().find(|(_, seen, _)| *seen == k) {
            Some((_, _, origins)) => origins.push(origin_name(origin)),
            None => out.push((value.to_owned(), k, vec![origin_name(origin)])),
        }
    }
    out.into_iter().map(|(value, _, origins)| (value, origins.join(", "))).collect()
}

/// Whether two dates agree at the precision both give: to the day within one day (time
/// zones move a date by one), else the month, else the year.
pub fn dates_agree(a: SourceDate, b: SourceDate) -> bool {
    if a.year != b.year && (a.day.is_none() || b.day.is_none()) {
        return false;
    }
    match (a.month, a.day, b.month, b.day) {
        (Some(am), Some(ad), Some(bm), Some(bd)) => {
            let day = |y: i16, m: u8, d: u8| jiff::civil::Date::new(y, m as i8, d as i8).ok();
            match (day(a.year, am, ad), day(b.year, bm, bd)) {
                (Some(x), Some(y)) => (x - y).get_days().abs() <= 1,
                _ => false,
            }
        }
        (Some(am), _, Some(bm), _) => a.year == b.year && am == bm,
        _ => a.year == b.year,
    }
}

/// The surname (the name's last word) as the source writes it. Case and diacritics aside:
/// a page that drops the háček spells nothing differently.
fn answer_name(name: &str, text: &str) -> NameAnswer {
    let Some(surname) = name.split_whitespace().last() else { return NameAnswer::Absent };
    let fold = |w: &str| crate::document::names::fold(w);
    let wanted = fold(surname);
    if wanted.chars().count() < 4 {
        return NameAnswer::Absent;
    }
    let mut variant: Option<String> = None;
    for word in text.split(|c: char| !c.is_alphabetic() && c != '-' && c != '\'') {
        if !word.starts_with(char::is_uppercase) {
            continue;
        }
        let folded = fold(word);
        if folded == wanted {
            return NameAnswer::Same;
        }
        if variant.is_none()
            && folded.chars().next() == wanted.chars().next()
            && close_spelling(&folded, &wanted)
        {
            variant = Some(word.to_owned());
        }
    }
    variant.map_or(NameAnswer::Absent, NameAnswer::SpelledOtherwise)
}

/// A spelling one edit away for surnames up to eight letters, two for longer ones.
fn close_spelling(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let allowed = if la.max(lb) > 8 { 2 } else { 1 };
    la.abs_diff(lb) <= allowed && edit_distance(a, b) <= allowed
}

/// An origin in words, as reports show it (`citation_title`, `og:title`, `<title>`).
pub fn origin_name(origin: &Origin) -> String {
    match origin {
        Origin::CitationTitle => "citation_title".into(),
        Origin::CitationPublicationDate => "citation_publication_date".into(),
        Origin::CitationDate => "citation_date".into(),
        Origin::CitationAuthor => "citation_author".into(),
        Origin::DublinCore(name) | Origin::OpenGraph(name) | Origin::Meta(name) => name.clone(),
        Origin::ArticlePublishedTime => "article:published_time".into(),
        Origin::ArticleModifiedTime => "article:modified_time".into(),
        Origin::JsonLd(field) => format!("JSON-LD {field}"),
        Origin::Microdata(prop) => format!("microdata {prop}"),
        Origin::TimeElement => "<time datetime>".into(),
        Origin::Byline => "byline".into(),
        Origin::UrlPath => "the address".into(),
        Origin::TitleElement => "<title>".into(),
        Origin::FirstH1 => "<h1>".into(),
        Origin::PdfInfo(key) => format!("PDF Info {key}"),
        Origin::Xmp(prop) => format!("XMP {prop}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(year: i16, month: Option<u8>, day: Option<u8>) -> SourceDate {
        SourceDate { year, month, day }
    }

    #[test]
    fn dates_agree_to_the_day_within_one_else_at_the_coarser_precision() {
        assert!(dates_agree(d(2022, Some(3), Some(12)), d(2022, Some(3), Some(13))));
        assert!(!dates_agree(d(2022, Some(3), Some(12)), d(2022, Some(3), Some(14))));
        assert!(dates_agree(d(2022, Some(12), Some(31)), d(2023, Some(1), Some(1))));
        assert!(dates_agree(d(2022, Some(3), None), d(2022, Some(3), Some(30))));
        assert!(!dates_agree(d(2022, Some(3), None), d(2022, Some(4), Some(1))));
        assert!(dates_agree(d(2022, None, None), d(2022, Some(7), Some(1))));
        assert!(!dates_agree(d(2021, None, None), d(2022, Some(7), Some(1))));
    }

    #[test]
    fn a_surname_spelled_otherwise_is_told_from_one_not_named() {
        let text = "Foreign Minister Irina Kovač addressed parliament. Kovac said it again.";
        assert_eq!(answer_name("Irena Kovač", text), NameAnswer::Same);
        assert_eq!(answer_name("Irena Kovach", text), NameAnswer::SpelledOtherwise("Kovač".into()));
        assert_eq!(answer_name("Ana Ruiz", text), NameAnswer::Absent);
        // One letter is enough to tell "Aliyev" from "Aliev", not "Ruiz" from "Ruth".
        assert_eq!(
            answer_name("Ilham Aliyev", "President Aliev spoke."),
            NameAnswer::SpelledOtherwise("Aliev".into())
        );
        assert_eq!(answer_name("Ana Ruiz", "Ruth Smith"), NameAnswer::Absent);
    }
}
