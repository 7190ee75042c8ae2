//! Note styles beyond GFM's, found per document. First the notes lists: a paragraph or
//! list item opening with a marker (`[4] …`, `\[4\] …`, `<sup>4</sup> …`, `^4^ …`,
//! `⁴ …`, after any anchors `<a name="n4"></a>`), a numbered list (`4.`, `4)`) under a
//! notes heading, an item opening with an anchor that a body link points to. Then the
//! body's markers of the styles those lists use: a document with a `[n]` notes list has
//! its `[n]` markers read, one with `<sup>` notes its `<sup>` markers, and a numbered list
//! is reached by any of them. A document that mixes styles is read in each.
//!
//! A numbered list under a References heading is often a bibliography nothing cites: it
//! is taken as the notes list only when the body cites two of its numbers (one, when it
//! has one).

use rustc_hash::{FxHashMap, FxHashSet};

use super::anchors::{anchor_targets, skip_anchors};
use super::markers::{Marker, Source, Style};
use crate::document::readers::text::notes::{
    ends_notes, is_exponent_context, is_notes_heading, numbered_marker,
};
use crate::document::sentences::{boundaries, sentence_at};
use crate::document::{Block, BlockKind, Citation, Footnote, Span};

/// A list item as the parser saw it.
#[derive(Clone, Debug)]
pub(super) struct Item {
    /// From its list marker to its end.
    pub span: Span,
    pub ordered: bool,
    /// Which list it is in (lists numbered in document order).
    pub list: usize,
}

/// What the styles beyond GFM's add to a document.
#[derive(Debug, Default)]
pub(super) struct Found {
    pub footnotes: Vec<Footnote>,
    pub citations: Vec<Citation>,
    /// Per body block: whether it is part of a note (and so no body block).
    pub in_note: Vec<bool>,
}

/// How a note was recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Marked(Style),
    /// An item of a numbered list under the notes heading that is this block.
    Numbered(usize),
    /// An item or paragraph opening with an anchor a body link points to.
    Anchored,
}

/// Where a note starts.
#[derive(Debug)]
struct Start {
    label: String,
    marker: Span,
    text_start: usize,
    kind: Kind,
    block: usize,
    item: Option<usize>,
}

/// How far past a note's number a marker opening a line inside it may go and still open
/// the next note (as in the text reader).
const MAX_NOTE_STEP: u64 = 10;

/// Find the notes lists and markers of the styles beyond GFM's. `gfm` are the document's
/// GFM notes, whose labels a marker set off by a space may name too.
pub(super) fn read(src: &Source, blocks: &[Block], items: &[Item], gfm: &[Footnote]) -> Found {
    let text = src.text;
    let item_of = first_blocks(blocks, items);
    let targets = anchor_targets(src);
    let mut heading_like = vec![false; blocks.len()];
    // The notes heading each block is under, if any.
    let mut under = vec![None; blocks.len()];
    let mut starts: Vec<Start> = Vec::new();
    let mut notes_heading: Option<usize> = None;
    for (bi, block) in blocks.iter().enumerate() {
        let s = &text[block.span.clone()];
        let heading = matches!(block.kind, BlockKind::Heading | BlockKind::Title)
            || (!s.contains('\n') && (is_notes_heading(s) || ends_notes(s)));
        if heading {
            notes_heading = is_notes_heading(s).then_some(bi);
            heading_like[bi] = true;
            under[bi] = notes_heading;
            continue;
        }
        under[bi] = notes_heading;
        if block.kind == BlockKind::Paragraph
            && let Some(start) = note_start(src, items, &targets, bi, block, item_of[bi], notes_heading)
        {
            let style = match start.kind {
                Kind::Marked(style) => Some(style),
                _ => None,
            };
            let from = start.text_start;
            starts.push(start);
            if let Some(style) = style {
                split_lines(src, &block.span, from, style, &mut starts);
            }
        }
        // Hard-wrapped text runs heading lines into the paragraphs around them (an ordered
        // list may interrupt a paragraph, a line of stars may not): the last one counts.
        for line in s.lines().skip(1).filter(|l| l.len() <= 64) {
            if is_notes_heading(line) {
                notes_heading = Some(bi);
            } else if ends_notes(line) {
                notes_heading = None;
            }
        }
    }

    empty_items(text, blocks, items, &item_of, &under, &mut starts);
    drop_stray_numbers(&mut starts);
    let extents = extents(text, blocks, items, &heading_like, &starts);
    // Blocks inside each note (by index into `starts`): the one its marker is in, and
    // those that start before its text ends.
    let mut owner: Vec<Option<usize>> = vec![None; blocks.len()];
    for (j, (s, end)) in starts.iter().zip(&extents).enumerate() {
        let first = blocks.partition_point(|b| b.span.end <= s.marker.start);
        for (bi, block) in blocks.iter().enumerate().skip(first) {
            let holds_marker = block.span.start <= s.marker.start && s.marker.start < block.span.end;
            if !holds_marker && block.span.start < s.marker.start {
                continue;
            }
            if !holds_marker && block.span.start >= *end {
                break;
            }
            owner[bi].get_or_insert(j);
        }
    }

    // The body's markers, outside every note found so far.
    let scannable = |bi: usize| matches!(blocks[bi].kind, BlockKind::Paragraph | BlockKind::Heading);
    let mut markers: Vec<(usize, Marker)> = Vec::new();
    for bi in (0..blocks.len()).filter(|&bi| owner[bi].is_none() && scannable(bi)) {
        markers.extend(src.markers_in(&blocks[bi].span).into_iter().map(|m| (bi, m)));
    }

    // A numbered list is the notes list when the body cites it.
    let mut groups: FxHashMap<usize, FxHashSet<&str>> = FxHashMap::default();
    for s in &starts {
        if let Kind::Numbered(h) = s.kind {
            groups.entry(h).or_default().insert(s.label.as_str());
        }
    }
    // Lists whose numbers collide (a References list and a Notes list, both from 1)
    // cannot both be the notes: the one the body cites most is, unless explicit notes
    // already hold its numbers.
    let mut ranked: Vec<(usize, usize)> = groups
        .iter()
        .map(|(&h, labels)| {
            let cited: FxHashSet<&str> = markers
                .iter()
                .filter(|(bi, m)| plausible(text, &blocks[*bi].span, m))
                .flat_map(|(_, m)| m.labels.iter().map(|(l, _)| l.as_str()))
                .filter(|l| labels.contains(l))
                .collect();
            (h, cited.len())
        })
        .filter(|&(h, cited)| cited >= groups[&h].len().min(2))
        .collect();
    ranked.sort_by_key(|&(h, cited)| (std::cmp::Reverse(cited), h));
    let mut taken: FxHashSet<&str> = gfm.iter().map(|f| f.label.as_str()).collect();
    taken.extend(starts.iter().filter(|s| !matches!(s.kind, Kind::Numbered(_))).map(|s| s.label.as_str()));
    let mut active_groups: FxHashSet<usize> = FxHashSet::default();
    for (h, _) in ranked {
        if groups[&h].iter().any(|l| taken.contains(l)) {
            continue;
        }
        taken.extend(groups[&h].iter().copied());
        active_groups.insert(h);
    }
    let active = |s: &Start| match s.kind {
        Kind::Numbered(h) => active_groups.contains(&h),
        _ => true,
    };
    // The blocks of a numbered list that is no notes list are body text.
    for bi in 0..blocks.len() {
        if let Some(j) = owner[bi]
            && !active(&starts[j])
        {
            owner[bi] = None;
            if scannable(bi) {
                markers.extend(src.markers_in(&blocks[bi].span).into_iter().map(|m| (bi, m)));
            }
        }
    }
    markers.sort_by_key(|(_, m)| m.span.start);

    let mut found = Found { in_note: owner.iter().map(Option::is_some).collect(), ..Found::default() };
    let mut styles: FxHashSet<Style> = FxHashSet::default();
    let mut every_style = false;
    for (s, end) in starts.iter().zip(&extents) {
        if !active(s) {
            continue;
        }
        match s.kind {
            Kind::Marked(style) => drop(styles.insert(style)),
            Kind::Numbered(_) | Kind::Anchored => every_style = true,
        }
        let text_span = trimmed(text, s.text_start..(*end).max(s.text_start));
        let text_span = if text_span.is_empty() { s.text_start..s.text_start } else { text_span };
        found.footnotes.push(Footnote { label: s.label.clone(), marker_span: s.marker.clone(), text_span });
    }
    let labels: FxHashSet<&str> = found.footnotes.iter().chain(gfm).map(|f| f.label.as_str()).collect();
    let mut bounds: Option<(usize, Vec<usize>)> = None;
    for (bi, m) in markers {
        if !(every_style || styles.contains(&m.style)) {
            continue;
        }
        let block = &blocks[bi].span;
        if !plausible(text, block, &m) {
            continue;
        }
        if set_off(text, block, &m) && !m.labels.iter().all(|(l, _)| labels.contains(l.as_str())) {
            continue;
        }
        if bounds.as_ref().is_none_or(|(b, _)| *b != bi) {
            bounds = Some((bi, boundaries(text, block)));
        }
        let Some((_, block_bounds)) = &bounds else { continue };
        let sentence = sentence_at(text, block, block_bounds, m.span.start);
        for (label, span) in m.labels {
            found.citations.push(Citation { label, span, sentence_span: sentence.clone() });
        }
    }
    found
}

/// The note `block` opens, if it opens one: with a marker (after any anchors), as an
/// item of a numbered list under the notes heading `notes_heading`, or with an anchor a
/// body link points to.
fn note_start(
    src: &Source,
    items: &[Item],
    targets: &FxHashMap<String, String>,
    bi: usize,
    block: &Block,
    item: Option<usize>,
    notes_heading: Option<usize>,
) -> Option<Start> {
    let text = src.text;
    let (pos, anchors) = skip_anchors(src, block.span.start, block.span.end);
    if let Some(m) = src.marker_at(pos, block.span.end).filter(|m| opens_note(text, m)) {
        let label = m.labels[0].0.clone();
        return Some(Start {
            label,
            marker: m.span.clone(),
            text_start: m.span.end,
            kind: Kind::Marked(m.style),
            block: bi,
            item,
        });
    }
    if let (Some(it), Some(h)) = (item, notes_heading)
        && items[it].ordered
        && let Some((label, marker)) = item_number(text, &items[it])
    {
        // Encyclopedia dumps open each note with a `^` back-reference.
        let body = &text[pos..block.span.end];
        let after_caret = body.strip_prefix('^').map_or(body, str::trim_start);
        let text_start = block.span.end - after_caret.len();
        return Some(Start { label, marker, text_start, kind: Kind::Numbered(h), block: bi, item });
    }
    let label = anchors.iter().find_map(|(_, id)| targets.get(id))?;
    let marker = anchors[0].0.start..anchors.last().map_or(pos, |a| a.0.end);
    Some(Start { label: label.clone(), marker, text_start: pos, kind: Kind::Anchored, block: bi, item })
}

/// Whether a marker opening a paragraph or line opens a note: one label, and not `[4]:`,
/// the opening of a link reference definition (one the parser did not accept — a quote
/// inside its title — shows as text, but is still no note).
fn opens_note(text: &str, m: &Marker) -> bool {
    m.labels.len() == 1
        && !(matches!(m.style, Style::Bracket | Style::Escaped) && text[m.span.end..].starts_with(':'))
}

/// Whether a marker may be a citation whatever the notes: a raised bare number right
/// after a number, a unit or a one-letter name is an exponent (`10²`, `km²`, `x^2^`).
fn plausible(text: &str, block: &Span, m: &Marker) -> bool {
    if !m.bare {
        return true;
    }
    let from = text.floor_char_boundary(m.span.start.saturating_sub(16).max(block.start));
    !is_exponent_context(&text[from..m.span.start])
}

/// Whether a marker stands apart from the text before it (`… enough. [7] In …`, a `⁰`
/// alone on a line); such a marker is a citation only when it names notes.
fn set_off(text: &str, block: &Span, m: &Marker) -> bool {
    m.span.start > block.start && text[..m.span.start].ends_with(char::is_whitespace)
}

/// More notes inside a note's paragraph: lines opening with a marker of its style that
/// continues its numbering (notes written without blank lines between them).
fn split_lines(src: &Source, block: &Span, from: usize, style: Style, starts: &mut Vec<Start>) {
    let text = src.text;
    let mut at = from;
    while let Some(k) = text[at..block.end].find('\n') {
        let line = at + k + 1;
        at = line;
        let indent = text[line..block.end].bytes().take_while(|b| *b == b' ').count();
        if indent > 3 {
            continue;
        }
        let Some(m) = src.marker_at(line + indent, block.end) else { continue };
        let running = starts.last().and_then(|s| s.label.parse::<u64>().ok());
        let next = m.labels[0].0.parse::<u64>().ok();
        let continues = matches!((running, next), (Some(r), Some(n)) if r < n && n <= r + MAX_NOTE_STEP);
        if m.style == style && opens_note(text, &m) && continues {
            let Some(last) = starts.last() else { return };
            let (block, item) = (last.block, last.item);
            let label = m.labels[0].0.clone();
            starts.push(Start {
                label,
                marker: m.span.clone(),
                text_start: m.span.end,
                kind: Kind::Marked(style),
                block,
                item,
            });
        }
    }
}

/// The number a list item is written with (`12.`, `12)`) and the marker's span.
fn item_number(text: &str, item: &Item) -> Option<(String, Span)> {
    let at = item.span.start;
    let line_end = text[at..item.span.end].find('\n').map_or(item.span.end, |k| at + k);
    let (label, marker) = numbered_marker(&text[at..line_end])?;
    Some((label.to_owned(), at + marker.start..at + marker.end))
}

/// Empty items of a numbered notes list (`14.` alone): empty notes. They hold no block,
/// so the loop over blocks did not meet them.
fn empty_items(
    text: &str,
    blocks: &[Block],
    items: &[Item],
    item_of: &[Option<usize>],
    under: &[Option<usize>],
    starts: &mut Vec<Start>,
) {
    let with_block: FxHashSet<usize> = item_of.iter().flatten().copied().collect();
    // Only in a list that holds notes: an empty item elsewhere is a stray number.
    let lists: FxHashSet<usize> = starts.iter().filter_map(|s| s.item).map(|it| items[it].list).collect();
    let mut added = false;
    for (it, item) in items.iter().enumerate() {
        let empty =
            text[item.span.clone()].trim().bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b')');
        if !item.ordered || !empty || with_block.contains(&it) || !lists.contains(&item.list) {
            continue;
        }
        // The block before the item says which heading it is under.
        let Some(before) = blocks.partition_point(|b| b.span.start < item.span.start).checked_sub(1) else {
            continue;
        };
        let (Some(h), Some((label, marker))) = (under[before], item_number(text, item)) else { continue };
        let end = marker.end;
        starts.push(Start {
            label,
            marker,
            text_start: end,
            kind: Kind::Numbered(h),
            block: before,
            item: Some(it),
        });
        added = true;
    }
    if added {
        starts.sort_by_key(|s| s.marker.start);
    }
}

/// Drop the items of a numbered notes list that break its numbering: notes count up a
/// little at a time (a number may repeat, a duplicate note), and a `7.` after `133.` is
/// a stray line of a hard-wrapped dump that the parser took for an item.
fn drop_stray_numbers(starts: &mut Vec<Start>) {
    let mut highest: FxHashMap<usize, u64> = FxHashMap::default();
    starts.retain(|s| {
        let (Kind::Numbered(h), Ok(n)) = (s.kind, s.label.parse::<u64>()) else { return true };
        let top = highest.entry(h).or_insert(n);
        let fits = *top <= n && n <= *top + MAX_NOTE_STEP;
        if fits {
            *top = n;
        }
        fits
    });
}

/// Where each note's text ends: at the next note, at the end of its list item (or a
/// heading line a hard-wrapped dump ran into it), or, for a paragraph note, after the
/// paragraphs that follow it up to the next heading.
fn extents(
    text: &str,
    blocks: &[Block],
    items: &[Item],
    heading_like: &[bool],
    starts: &[Start],
) -> Vec<usize> {
    let mut out = Vec::with_capacity(starts.len());
    for (j, s) in starts.iter().enumerate() {
        let next = starts.get(j + 1).map_or(usize::MAX, |n| n.marker.start);
        let end = match s.item {
            Some(it) => items[it].span.end.min(next),
            None => {
                let mut end = blocks[s.block].span.end;
                for (bi, b) in blocks.iter().enumerate().skip(s.block + 1) {
                    if heading_like[bi] || b.span.start >= next {
                        break;
                    }
                    end = b.span.end;
                }
                end.min(next)
            }
        };
        out.push(cut_at_heading_line(text, s.text_start, end.max(s.text_start)));
    }
    out
}

/// `end`, or the start of the first line after `from` that is a heading.
fn cut_at_heading_line(text: &str, from: usize, end: usize) -> usize {
    let mut at = from;
    while let Some(k) = text[at..end].find('\n') {
        let line = at + k + 1;
        let line_end = text[line..end].find('\n').map_or(end, |k| line + k);
        let s = &text[line..line_end];
        if s.len() <= 64 && (ends_notes(s) || is_notes_heading(s)) {
            return line;
        }
        at = line;
    }
    end
}

/// For each block, the list item it is the first block of (the innermost).
fn first_blocks(blocks: &[Block], items: &[Item]) -> Vec<Option<usize>> {
    let mut out = vec![None; blocks.len()];
    for (it, item) in items.iter().enumerate() {
        let bi = blocks.partition_point(|b| b.span.start < item.span.start);
        if blocks.get(bi).is_some_and(|b| b.span.start < item.span.end) {
            out[bi] = Some(it);
        }
    }
    out
}

fn trimmed(text: &str, span: Span) -> Span {
    let s = &text[span.clone()];
    let lead = s.len() - s.trim_start().len();
    span.start + lead..span.start + lead + s.trim().len()
}

#[cfg(test)]
mod tests;
