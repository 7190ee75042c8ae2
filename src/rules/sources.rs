//! The source rules: `quote-not-in-source`, `source-title-mismatch`,
//! `source-date-mismatch`, `source-name-mismatch` and `unverifiable-source`. They run
//! only with `--verify-sources`: the verification stage reads each cited page (or its
//! archived copy) and answers what the notes claim (`crate::sources::verify`); these
//! rules turn the answers into findings at the places that make the claims.

use std::collections::BTreeMap;

use super::{Finding, RuleInfo, Severity, declare_rule, sort_findings};
use crate::sources::claims::{ClaimedQuote, ClaimedSource, FileClaims};
use crate::sources::verify::{Answers, CheckedOn, DateAnswer, NameAnswer, QuoteAnswer, TitleAnswer};

declare_rule! {
    /// ## What it does
    /// With `--verify-sources`, flags a quotation in a sentence whose cited source does
    /// not contain it. The source is the page (or PDF) the cited note links to, or its
    /// archived copy when the page is gone. Before comparing, case, curly and straight
    /// quotes, dashes, white space, soft hyphens and words hyphenated at a line break are
    /// set aside; `…`, `...` and `[…]` split a quotation into pieces that must appear in
    /// order, and an insertion such as `[the]` or `produce[d]` matches the source's word.
    /// A quotation found in the source of another note the same sentence cites is fine.
    /// The help shows the closest passage of the source and how alike it is.
    ///
    /// Nothing is reported when a source could not be read (`unverifiable-source` says
    /// why) or is in another language than the profile (a translated quotation cannot
    /// match word for word).
    ///
    /// ## Why is this bad?
    /// A quotation the source does not contain is a misquotation: a word changed in
    /// editing, two statements run together, or a source that changed since it was cited.
    ///
    /// ## Example
    /// ```text
    /// Armenia said it “cannot join the treaty at this moment.”[2]
    ///
    /// [2] Ministry of Foreign Affairs, “Statement,” 29 April 2010, https://mfa.example/2010/04/29.
    /// ```
    /// The page says "cannot become a member of the Mine Ban Treaty at this moment":
    /// ```text
    /// Armenia said it “cannot become a member of the Mine Ban Treaty at this moment.”[2]
    /// ```
    pub struct QuoteNotInSource => "quote-not-in-source", Warning, "a quotation not found in the cited source (live or archived)" in sources;
}

declare_rule! {
    /// ## What it does
    /// With `--verify-sources`, flags a footnote whose quoted title (`“Minister addresses
    /// parliament,”`) matches none of the cited source's titles: its `citation_title`,
    /// Dublin Core and OpenGraph titles, JSON-LD headline, `<title>`, first `<h1>`, or a
    /// PDF's Info and XMP titles. Titles are compared by their words, case and
    /// punctuation aside, and a site name that `<title>` carries (`… | Ministry`) costs
    /// nothing. A source that declares no title says nothing either way.
    ///
    /// ## Why is this bad?
    /// The title is how a reader finds the source again when the link dies; a wrong one
    /// points at another document.
    ///
    /// ## Example
    /// ```text
    /// [3] Ministry, “Minister speaks on demining,” 12 March 2022, https://mfa.example/news/77.
    /// ```
    /// The page is titled "Foreign Minister addresses parliament on mine action":
    /// ```text
    /// [3] Ministry, “Foreign Minister addresses parliament on mine action,” 12 March 2022, https://mfa.example/news/77.
    /// ```
    pub struct SourceTitleMismatch => "source-title-mismatch", Warning, "the footnote's title is none of the cited source's titles" in sources;
}

declare_rule! {
    /// ## What it does
    /// With `--verify-sources`, flags a footnote whose date disagrees with the
    /// publication date the cited source declares (`citation_publication_date`,
    /// `article:published_time`, JSON-LD `datePublished`, Dublin Core, `<time>`, a PDF's
    /// creation date) by more than a day, at the precision both give. A footnote date that
    /// matches the source's modification date is fine, and so is a source that declares
    /// no publication date; a date only in the page's address or byline never makes a
    /// finding.
    ///
    /// ## Why is this bad?
    /// The date tells which version of a statement or report is meant; a wrong one sends
    /// the reader to another day's statement, or hides that the source changed.
    ///
    /// ## Example
    /// ```text
    /// [3] Ministry, “Minister addresses parliament,” 14 March 2022, https://mfa.example/news/77.
    /// ```
    /// The page was published on 12 March 2022:
    /// ```text
    /// [3] Ministry, “Minister addresses parliament,” 12 March 2022, https://mfa.example/news/77.
    /// ```
    pub struct SourceDateMismatch => "source-date-mismatch", Warning, "the footnote's date is not the cited source's publication date" in sources;
}

declare_rule! {
    /// ## What it does
    /// With `--verify-sources`, flags a person named in a footnote, or in a sentence
    /// citing it, whose surname the cited source writes otherwise: the source never
    /// writes the surname as the profile does, but writes a form one letter away (two for
    /// long names). Case and diacritics aside (a page that drops a háček spells nothing
    /// differently); a source that does not name the person says nothing either way.
    ///
    /// ## Why is this bad?
    /// A misspelt name makes the person hard to find and the profile look careless; the
    /// source is the authority on how the person is written.
    ///
    /// ## Example
    /// ```text
    /// Foreign Minister Irena Kovach told parliament…[3]
    /// ```
    /// The source writes "Irina Kovač":
    /// ```text
    /// Foreign Minister Irina Kovač told parliament…[3]
    /// ```
    pub struct SourceNameMismatch => "source-name-mismatch", Warning, "a person's name spelled otherwise in the cited source" in sources;
}

declare_rule! {
    /// ## What it does
    /// With `--verify-sources`, says why a cited source could not be checked: its page
    /// is written by scripts, a consent wall or paywall stands where the text should be,
    /// a PDF has no text layer, the type is neither HTML, PDF nor text, the page is gone
    /// and no archived copy could be read, or the source is in another language than the
    /// profile (its quotations are then not compared). Never a mismatch: only that a
    /// person must look.
    ///
    /// ## Why is this bad?
    /// It is not bad in itself; it marks the sources whose quotations, titles and dates
    /// were not verified, so that a clean run is not mistaken for a verified one.
    ///
    /// ## Example
    /// ```text
    /// [5] “Dashboard,” 2023, https://app.example.org/#/mines.
    /// ```
    /// The dashboard is drawn by scripts. Cite the report it is built from, or check the
    /// figures by hand.
    pub struct UnverifiableSource => "unverifiable-source", Info, "why a cited source could not be checked (script-rendered, consent wall, no text layer, other language)" in sources;
}

/// The severities the source rules run at (`None`: off), read once per run.
pub struct Severities {
    pub quote: Option<Severity>,
    pub title: Option<Severity>,
    pub date: Option<Severity>,
    pub name: Option<Severity>,
    pub unverifiable: Option<Severity>,
}

impl Severities {
    pub fn new(severity_of: &impl Fn(&RuleInfo) -> Option<Severity>) -> Self {
        Severities {
            quote: severity_of(&QuoteNotInSource::INFO),
            title: severity_of(&SourceTitleMismatch::INFO),
            date: severity_of(&SourceDateMismatch::INFO),
            name: severity_of(&SourceNameMismatch::INFO),
            unverifiable: severity_of(&UnverifiableSource::INFO),
        }
    }

    /// Whether any source rule is on (if none is, no page need be read).
    pub fn any(&self) -> bool {
        [self.quote, self.title, self.date, self.name, self.unverifiable].iter().any(Option::is_some)
    }
}

/// The source findings of one file, sorted by position.
pub fn findings(
    claims: &FileClaims,
    answers: &BTreeMap<String, Answers>,
    severities: &Severities,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut push = |info: &RuleInfo, severity: Option<Severity>, f: Finding| {
        if let Some(severity) = severity {
            out.push(Finding { rule: info.name, severity, ..f });
        }
    };
    for source in &claims.sources {
        let Some(a) = answers.get(&source.key) else { continue };
        let other_language = other_language(claims, a);
        if let Some(why) = &a.unverifiable {
            let message = format!("could not check this source: {why}");
            push(&UnverifiableSource::INFO, severities.unverifiable, at_url(source, message, &a.checked_on));
        } else if let Some(language) = other_language {
            let message = format!(
                "the source is in another language ({language}) than the profile: its quotations and title were not compared"
            );
            push(&UnverifiableSource::INFO, severities.unverifiable, at_url(source, message, &a.checked_on));
        }
        if let Some((title, span)) = &source.title
            && other_language.is_none()
            && let Some(TitleAnswer::Differs { candidates, .. }) = a.titles.get(title)
        {
            let listed: Vec<String> = candidates.iter().map(|(v, o)| format!("“{v}” ({o})")).collect();
            let f = finding(
                span.clone(),
                format!("the title of footnote [{}] is none of the source's titles", source.note),
                format!(
                    "the source is titled {}; correct the title, or cite the page that bears it",
                    listed.join(", ")
                ),
                source,
                &a.checked_on,
            );
            push(&SourceTitleMismatch::INFO, severities.title, f);
        }
        if let Some((date, written, span)) = &source.date
            && let Some(DateAnswer::Differs { published }) = a.dates.get(date)
        {
            let listed: Vec<String> = published.iter().map(|(v, o)| format!("{v} ({o})")).collect();
            let f = finding(
                span.clone(),
                format!(
                    "footnote [{}] dates the source {written}, but the source says it was published {}",
                    source.note,
                    published.first().map_or("", |(v, _)| v.as_str())
                ),
                format!(
                    "the source's publication dates: {}; correct the date, or cite the version of that date",
                    listed.join("; ")
                ),
                source,
                &a.checked_on,
            );
            push(&SourceDateMismatch::INFO, severities.date, f);
        }
        for (name, span) in &source.names {
            let Some(NameAnswer::SpelledOtherwise(seen)) = a.names.get(name) else { continue };
            let surname = name.split_whitespace().last().unwrap_or(name);
            let f = finding(
                span.clone(),
                format!(
                    "“{name}”: the source of footnote [{}] writes the surname “{seen}”, never “{surname}”",
                    source.note
                ),
                "check the spelling against the source; if both are right, list them under [names] accept"
                    .to_owned(),
                source,
                &a.checked_on,
            );
            push(&SourceNameMismatch::INFO, severities.name, f);
        }
    }
    for quote in &claims.quotes {
        if let Some((passage, similarity, source, on)) = misquoted(claims, quote, answers) {
            let notes: Vec<String> = quote.notes.iter().map(|n| format!("[{n}]")).collect();
            let help = if passage.is_empty() {
                "check the quotation against the source".to_owned()
            } else {
                format!(
                    "the closest passage of the source ({:.0}% alike) reads “{passage}”; check the quotation against it",
                    similarity * 100.0
                )
            };
            let message = format!("this quotation is not in the source of footnote {}", notes.join(", "));
            push(
                &QuoteNotInSource::INFO,
                severities.quote,
                finding(quote.span.clone(), message, help, source, on),
            );
        }
    }
    sort_findings(&mut out);
    out
}

/// When no source a quotation's sentence cites contains it, and every one of them was
/// read and compared: the closest passage of them all, how alike it is, and its source.
fn misquoted<'a>(
    claims: &'a FileClaims,
    quote: &ClaimedQuote,
    answers: &'a BTreeMap<String, Answers>,
) -> Option<(&'a str, f32, &'a ClaimedSource, &'a CheckedOn)> {
    let mut closest: Option<(&str, f32, &ClaimedSource, &CheckedOn)> = None;
    for key in &quote.keys {
        let a = answers.get(key)?;
        let source = claims.sources.iter().find(|s| &s.key == key)?;
        // Not readable or not comparable: say nothing rather than guess.
        if a.unverifiable.is_some() || other_language(claims, a).is_some() {
            return None;
        }
        let QuoteAnswer::NotFound { closest: passage, similarity } = a.quotes.get(&quote.text)? else {
            return None;
        };
        if closest.is_none_or(|c| *similarity > c.1) {
            closest = Some((passage, *similarity, source, &a.checked_on));
        }
    }
    closest
}

/// The source's language when it is known and differs from the profile's.
fn other_language<'a>(claims: &FileClaims, a: &'a Answers) -> Option<&'a str> {
    match (&claims.language, &a.language) {
        (Some(profile), Some(source)) if profile != source => Some(source),
        _ => None,
    }
}

/// A finding at `span` with the source as the related place.
fn finding(
    span: crate::document::Span,
    message: String,
    help: String,
    source: &ClaimedSource,
    on: &CheckedOn,
) -> Finding {
    Finding {
        rule: "",
        severity: Severity::Info,
        span,
        message,
        help: Some(help),
        note: Some(source.note.clone()),
        related: vec![super::Related { span: source.url.clone(), message: checked_on(on) }],
    }
}

fn at_url(source: &ClaimedSource, message: String, on: &CheckedOn) -> Finding {
    let help = match on {
        CheckedOn::Archive { url, date } => {
            format!("the archived copy of {date} was read ({url}); check the source by hand")
        }
        CheckedOn::Live { .. } => {
            "check the source by hand, or cite a version of it that can be read".to_owned()
        }
    };
    Finding {
        rule: "",
        severity: Severity::Info,
        span: source.url.clone(),
        message,
        help: Some(help),
        note: Some(source.note.clone()),
        related: Vec::new(),
    }
}

/// Where the source was read, as a related label says it.
fn checked_on(on: &CheckedOn) -> String {
    match on {
        CheckedOn::Live { .. } => "the source, as read now".to_owned(),
        CheckedOn::Archive { url, date } => format!("checked on the archived copy of {date}: {url}"),
    }
}
