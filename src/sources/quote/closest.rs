//! The passage of a source closest to a quotation that was not found: the window of as
//! many words as the quotation that shares the most words with it (one pass over the
//! source, counts updated as the window slides), scored by the share of the quotation's
//! words it holds in the quotation's order.

use super::pattern::{Element, Piece, WordPattern};
use super::{NormalizedText, QuoteMatch};

pub(super) fn closest(pieces: &[Piece], source: &NormalizedText) -> QuoteMatch {
    let patterns: Vec<&WordPattern> = pieces
        .iter()
        .flat_map(|p| &p.elements)
        .filter_map(|e| match e {
            Element::Word(w) => Some(w),
            Element::Gap(_) => None,
        })
        .collect();
    let n = source.tokens.len();
    if n == 0 || patterns.is_empty() {
        return QuoteMatch::NotFound { closest: String::new(), similarity: 0.0 };
    }
    let len = patterns.len().min(n);
    let start = best_window(&patterns, source, len);
    let window: Vec<&str> = (start..start + len).map(|t| source.word(t)).collect();
    let similarity = ordered_share(&patterns, &window) as f32 / patterns.len() as f32;
    let span = source.span(start, start + len - 1);
    QuoteMatch::NotFound { closest: source.text[span].to_owned(), similarity }
}

/// The start of the `len`-word window holding the most of the quotation's words (as a
/// multiset); the earliest among equals.
fn best_window(patterns: &[&WordPattern], source: &NormalizedText, len: usize) -> usize {
    // Slot of each source word id that the quotation uses, and how often it uses it.
    let mut slot_of: Vec<u32> = vec![u32::MAX; source.words.len()];
    let mut need: Vec<u32> = Vec::new();
    for p in patterns {
        let Some(id) = source.id_of(&p.literal()) else { continue };
        let slot = &mut slot_of[id as usize];
        if *slot == u32::MAX {
            *slot = need.len() as u32;
            need.push(0);
        }
        need[*slot as usize] += 1;
    }
    if need.is_empty() {
        return 0;
    }
    let mut have = vec![0u32; need.len()];
    let slot = |t: usize| slot_of[source.tokens[t].id as usize];
    let (mut shared, mut best, mut best_at) = (0u32, 0u32, 0usize);
    for t in 0..source.tokens.len() {
        let s = slot(t);
        if s != u32::MAX {
            let s = s as usize;
            if have[s] < need[s] {
                shared += 1;
            }
            have[s] += 1;
        }
        if t >= len {
            let s = slot(t - len);
            if s != u32::MAX {
                let s = s as usize;
                have[s] -= 1;
                if have[s] < need[s] {
                    shared -= 1;
                }
            }
        }
        if t + 1 >= len && shared > best {
            best = shared;
            best_at = t + 1 - len;
        }
    }
    best_at
}

/// The longest common subsequence of the quotation's word patterns and the window's
/// words.
fn ordered_share(patterns: &[&WordPattern], window: &[&str]) -> usize {
    let mut row = vec![0usize; window.len() + 1];
    for p in patterns {
        let mut diagonal = 0;
        for (j, w) in window.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if p.matches(w) { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[window.len()]
}
