//! What a document says about its sources, to be checked against the sources themselves
//! (`--verify-sources`): for each source a note cites by URL, the title it quotes and the
//! date it gives; and the quotations of the sentences that cite each note.

use super::dates::quoted_regions;
use super::{BlockKind, Document, Span};

/// One source a note cites by URL. A note citing several sources separates them with
/// `;`; each part with a URL is a source of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceClaim {
    /// Index into `footnotes`.
    pub note: usize,
    /// Index into [`Document::urls`]: the part's first URL.
    pub url: usize,
    /// The part of the note that names this source.
    pub part: Span,
    /// The title the part quotes (`“Minister addresses parliament,”`): the words inside
    /// the quotation marks, without the trailing comma or period.
    pub title: Option<Span>,
    /// The source's date as the part gives it: index into `dates().mentions` (access
    /// dates and dates inside the title are not the source's).
    pub date: Option<usize>,
}

/// A quotation in a sentence that cites notes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quotation {
    /// The quoted words, inside the quotation marks.
    pub span: Span,
    /// The notes the sentence cites, by index into `footnotes`, an "Ibid." resolved to the
    /// note it repeats: the quotation is expected in the source of one of them.
    pub notes: Vec<usize>,
}

/// Every source claim and quotation of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claims {
    pub sources: Vec<SourceClaim>,
    pub quotations: Vec<Quotation>,
}

/// The fewest words a quotation needs to be checked: one or two quoted words are a term
/// the sentence uses (“production”), not a passage of the source.
const MIN_QUOTED_WORDS: usize = 3;

impl Document<'_> {
    /// What the document says about its sources, computed on each call (only
    /// `--verify-sources` asks, once per document).
    pub fn claims(&self) -> Claims {
        Claims { sources: self.source_claims(), quotations: self.quotations() }
    }

    fn source_claims(&self) -> Vec<SourceClaim> {
        let urls = self.urls();
        let dates = self.dates();
        let mut out = Vec::new();
        for (note, footnote) in self.footnotes.iter().enumerate() {
            let in_note: Vec<usize> = (0..urls.len())
                .filter(|&u| urls[u].footnote.as_deref() == Some(footnote.label.as_str()))
                .filter(|&u| footnote.text_span.contains(&urls[u].span.start))
                .collect();
            if in_note.is_empty() {
                continue;
            }
            let note_dates = dates.notes.get(note);
            for part in source_parts(self.text, &footnote.text_span) {
                let Some(&url) = in_note.iter().find(|&&u| part.contains(&urls[u].span.start)) else {
                    continue;
                };
                let title = title_in(self.text, &part);
                let date = note_dates.and_then(|n| {
                    dates.mentions[n.mentions.clone()]
                        .iter()
                        .position(|m| {
                            part.contains(&m.span.start)
                                && !m.accessed
                                && !m.quoted
                                && title.as_ref().is_none_or(|t| !t.contains(&m.span.start))
                        })
                        .map(|i| n.mentions.start + i)
                });
                out.push(SourceClaim { note, url, part, title, date });
            }
        }
        out
    }

    fn quotations(&self) -> Vec<Quotation> {
        let targets = self.ibid_targets();
        let mut out: Vec<Quotation> = Vec::new();
        let mut i = 0;
        while i < self.citations.len() {
            // The citations closing one sentence (`…region.”[1][2]`) cite together.
            let sentence = self.citations[i].sentence_span.clone();
            let mut notes = Vec::new();
            while i < self.citations.len() && self.citations[i].sentence_span == sentence {
                if let Some(pos) = self.footnote_position(&self.citations[i].label) {
                    let source = targets.get(pos).copied().flatten().unwrap_or(pos);
                    if !notes.contains(&source) {
                        notes.push(source);
                    }
                }
                i += 1;
            }
            let in_body = self
                .blocks
                .iter()
                .any(|b| b.kind == BlockKind::Paragraph && b.span.contains(&sentence.start));
            if notes.is_empty() || !in_body {
                continue;
            }
            for quoted in quoted_regions(self.text, &sentence) {
                let Some(inner) = inside_marks(self.text, &quoted) else { continue };
                if self.is_ignored(inner.start)
                    || self.slice(&inner).split_whitespace().count() < MIN_QUOTED_WORDS
                {
                    continue;
                }
                // A quotation closes a sentence that an earlier citation also covers.
                if out.last().is_some_and(|q| q.span == inner) {
                    continue;
                }
                out.push(Quotation { span: inner, notes: notes.clone() });
            }
        }
        out
    }
}

/// The parts of a note, split at `;` outside quotation marks and brackets.
fn source_parts(text: &str, note: &Span) -> Vec<Span> {
    let mut parts = Vec::new();
    let mut start = note.start;
    let (mut depth, mut curly, mut straight) = (0usize, false, false);
    for (i, c) in text[note.clone()].char_indices() {
        match c {
            '“' => curly = true,
            '”' => curly = false,
            '"' => straight = !straight,
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ';' if depth == 0 && !curly && !straight => {
                parts.push(start..note.start + i);
                start = note.start + i + 1;
            }
            _ => {}
        }
    }
    parts.push(start..note.end);
    parts
}

/// The title a source part quotes: its first quotation of two words or more that ends
/// with a comma or period inside the marks (`“Title,”`) or is followed by a comma
/// (`“Title”,`), as titles are written in notes.
fn title_in(text: &str, part: &Span) -> Option<Span> {
    for quoted in quoted_regions(text, part) {
        let Some(inner) = inside_marks(text, &quoted) else { continue };
        let words = &text[inner.clone()];
        let punctuated_inside = words.ends_with([',', '.']);
        let comma_after = text[quoted.end..].starts_with(',');
        if !(punctuated_inside || comma_after) || words.split_whitespace().count() < 2 {
            continue;
        }
        let trimmed = words.trim_end_matches([',', '.']).trim_end();
        return Some(inner.start..inner.start + trimmed.len());
    }
    None
}

/// The span inside a quotation's marks, trimmed; `None` for an unclosed or empty one.
fn inside_marks(text: &str, quoted: &Span) -> Option<Span> {
    let s = &text[quoted.clone()];
    let open = s.chars().next()?.len_utf8();
    let close = match s.chars().next_back()? {
        '”' | '"' if s.len() > open => s.chars().next_back()?.len_utf8(),
        _ => return None,
    };
    let inner = quoted.start + open..quoted.end - close;
    let raw = &text[inner.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    (!trimmed.is_empty()).then(|| inner.start + lead..inner.start + lead + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    const PROFILE: &str = "Title\n\n\
        In June 2021, Armenia said it values the treaty but the decision is linked to “the security environment in our region” and “reciprocity.”[1]\n\n\
        The minister spoke of “a regional conference on mine action” in parliament.[2] Later it repeated “the same words again.”[3]\n\n\
        [1] Ministry of Foreign Affairs, “Statement on the Mine Ban Treaty,” 21 June 2021, https://mfa.example/statement; and Interview with Ana Ruiz, 3 May 2021.\n\n\
        [2] Ministry, “Minister addresses parliament”, 14 March 2022, https://mfa.example/news (accessed 3 June 2024).\n\n\
        [3] Ibid.\n";

    fn claims() -> (Document<'static>, Claims) {
        let doc = Document::parse(PROFILE, Format::Text);
        let claims = doc.claims();
        (doc, claims)
    }

    #[test]
    fn each_source_with_a_url_claims_its_title_and_date() {
        let (doc, claims) = claims();
        let got: Vec<(&str, Option<&str>, Option<&str>)> = claims
            .sources
            .iter()
            .map(|c| {
                let date = c.date.map(|d| doc.slice(&doc.dates().mentions[d].span));
                (doc.urls()[c.url].raw.as_str(), c.title.as_ref().map(|t| doc.slice(t)), date)
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "https://mfa.example/statement",
                    Some("Statement on the Mine Ban Treaty"),
                    Some("21 June 2021")
                ),
                ("https://mfa.example/news", Some("Minister addresses parliament"), Some("14 March 2022")),
            ]
        );
    }

    #[test]
    fn quotations_of_three_words_or_more_are_checked_against_the_cited_notes() {
        let (doc, claims) = claims();
        let got: Vec<(&str, &[usize])> =
            claims.quotations.iter().map(|q| (doc.slice(&q.span), q.notes.as_slice())).collect();
        assert_eq!(
            got,
            [
                ("the security environment in our region", &[0][..]),
                ("a regional conference on mine action", &[1][..]),
                // "Ibid." in note 3 repeats note 2's source.
                ("the same words again.", &[1][..]),
            ]
        );
    }

    #[test]
    fn notes_split_into_sources_at_semicolons_outside_quotes() {
        let text = "a “x; y” b; c (d; e); f";
        let parts: Vec<&str> = source_parts(text, &(0..text.len())).into_iter().map(|p| &text[p]).collect();
        assert_eq!(parts, ["a “x; y” b", " c (d; e)", " f"]);
    }
}
