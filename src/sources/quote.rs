//! Finding a quotation in a source's text.
//!
//! Both go through one normalisation ([`normalize`]); the source is indexed once
//! ([`NormalizedText`]: its words, and where each distinct word occurs) so that many
//! quotations can be searched cheaply. A quotation is cut at ellipses (`…`, `...`,
//! `[…]`, `[...]`) into pieces that must all occur, in order; a bracketed insertion
//! stands for anything or nothing: `[the]` alone for up to a few words, `produce[d]`
//! inside a word for a few letters (so it matches `produced` and `produce`), `[sic]` for
//! nothing. When the quotation is not found, the closest passage of the source (a window
//! of its length with the most words in common) is returned with a similarity in 0..=1.

mod closest;
mod normalize;
mod pattern;

use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use pattern::{Element, Piece, WordPattern};

/// A source text, normalised and indexed once for many quotations.
pub struct NormalizedText<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    /// The distinct words, by id.
    words: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, u32>,
    /// Token indices of each word id, ascending.
    occurrences: Vec<Vec<u32>>,
}

#[derive(Clone, Copy, Debug)]
struct Token {
    id: u32,
    start: u32,
    end: u32,
    /// See [`normalize::RawToken::split`].
    split: u32,
}

impl<'a> NormalizedText<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut n = NormalizedText {
            text,
            tokens: Vec::with_capacity(text.len() / 6),
            words: Vec::new(),
            ids: FxHashMap::default(),
            occurrences: Vec::new(),
        };
        normalize::tokenize(text, false, |t| {
            let id = match n.ids.get(t.word.as_str()) {
                Some(&id) => id,
                None => {
                    let id = n.words.len() as u32;
                    let word: Box<str> = t.word.into_boxed_str();
                    n.ids.insert(word.clone(), id);
                    n.words.push(word);
                    n.occurrences.push(Vec::new());
                    id
                }
            };
            n.occurrences[id as usize].push(n.tokens.len() as u32);
            n.tokens.push(Token { id, start: t.start as u32, end: t.end as u32, split: t.split as u32 });
        });
        n
    }

    /// The text as given.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// How many words the text has.
    pub fn word_count(&self) -> usize {
        self.tokens.len()
    }

    fn word(&self, token: usize) -> &str {
        &self.words[self.tokens[token].id as usize]
    }

    fn id_of(&self, word: &str) -> Option<u32> {
        self.ids.get(word).copied()
    }

    fn span(&self, first: usize, last: usize) -> Range<usize> {
        self.tokens[first].start as usize..self.tokens[last].end as usize
    }
}

/// Whether and where a quotation occurs in a source.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum QuoteMatch {
    /// Every piece occurs, in order; the span runs from the first word of the first
    /// piece to the last word of the last, in bytes of [`NormalizedText::text`].
    Found { span_in_source: Range<usize> },
    /// The passage of the source most like the quotation, and how alike (0..=1: the
    /// share of the quotation's words found there in the quotation's order).
    NotFound { closest: String, similarity: f32 },
    /// The quotation holds no word to look for (only punctuation or ellipses).
    NoWords,
}

/// Look for `quote` in `source`.
pub fn find_quote(quote: &str, source: &NormalizedText) -> QuoteMatch {
    let pieces = pattern::parse(quote);
    if pieces.iter().all(|p| p.words() == 0) {
        return QuoteMatch::NoWords;
    }
    let mut cursor = 0usize;
    let mut first = None;
    let mut last = 0;
    for piece in pieces.iter().filter(|p| p.words() > 0) {
        match find_piece(piece, source, cursor) {
            Some(found) => {
                first.get_or_insert(found.start);
                last = found.end - 1;
                cursor = found.end;
            }
            None => return closest::closest(&pieces, source),
        }
    }
    match first {
        Some(first) => QuoteMatch::Found { span_in_source: source.span(first, last) },
        None => QuoteMatch::NoWords,
    }
}

/// The leftmost occurrence of `piece` starting at token `from` or later, as a range of
/// token indices.
fn find_piece(piece: &Piece, source: &NormalizedText, from: usize) -> Option<Range<usize>> {
    let elements = &piece.elements;
    let mut budget = 200_000u32;
    let mut try_at = |start: usize| match_at(elements, 0, source, start, &mut budget).map(|end| start..end);
    match &elements[0] {
        Element::Word(WordPattern::Exact(word)) => {
            let starts = match source.id_of(word) {
                Some(id) => &source.occurrences[id as usize][..],
                None => &[][..],
            };
            let begin = starts.partition_point(|&t| (t as usize) < from);
            let direct = starts[begin..].iter().find_map(|&t| try_at(t as usize));
            // The first word may be the front half of a word the source hyphenated
            // across a line.
            direct.or_else(|| {
                (from..source.tokens.len()).filter(|&t| source.tokens[t].split > 0).find_map(try_at)
            })
        }
        _ => (from..source.tokens.len()).find_map(try_at),
    }
}

/// Match `elements[at..]` against the source from token `token`; the token index after
/// the match. Gaps backtrack; `budget` bounds the work a pathological quotation can cause.
fn match_at(
    elements: &[Element],
    at: usize,
    source: &NormalizedText,
    token: usize,
    budget: &mut u32,
) -> Option<usize> {
    if *budget == 0 {
        return None;
    }
    *budget -= 1;
    let Some(element) = elements.get(at) else { return Some(token) };
    match element {
        Element::Gap(max) => (0..=*max as usize)
            .take_while(|skip| token + skip <= source.tokens.len())
            .find_map(|skip| match_at(elements, at + 1, source, token + skip, budget)),
        Element::Word(pattern) => {
            let t = source.tokens.get(token)?;
            let word = source.word(token);
            if pattern.matches(word)
                && let Some(end) = match_at(elements, at + 1, source, token + 1, budget)
            {
                return Some(end);
            }
            // "well-known" against a source's `well-\nknown`: two quoted words, one token.
            let split = t.split as usize;
            if split > 0
                && let Some(Element::Word(second)) = elements.get(at + 1)
                && pattern.matches(&word[..split])
                && second.matches(&word[split..])
            {
                return match_at(elements, at + 2, source, token + 1, budget);
            }
            None
        }
    }
}

#[cfg(test)]
mod tests;
