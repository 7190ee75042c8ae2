//! Choosing the main text among a page's blocks: readability's scoring of the blocks'
//! ancestors, then recall-minded additions (the best element's prose-holding siblings,
//! its twins elsewhere in the page, and the element holding most of the page's prose).

use ego_tree::{NodeId, NodeRef};
use rustc_hash::{FxHashMap, FxHashSet};
use scraper::{Html, Node};

use super::Block;
use crate::sources::html::html_element;

#[derive(Default, Clone, Copy)]
struct Totals {
    chars: usize,
    link_chars: usize,
}

/// Score the blocks' ancestors, pick the best one and its siblings, render their blocks.
pub(super) fn select(doc: &Html, blocks: &[Block]) -> String {
    let mut totals: FxHashMap<NodeId, Totals> = FxHashMap::default();
    let mut scores: FxHashMap<NodeId, f32> = FxHashMap::default();
    for b in blocks {
        for node in ancestors(doc, b.container, 100) {
            let t = totals.entry(node.id()).or_default();
            t.chars += b.chars;
            t.link_chars += b.link_chars;
        }
    }
    for b in blocks.iter().filter(|b| b.chars >= 25) {
        let commas = b.text.chars().filter(|c| matches!(c, ',' | '，' | '、')).count();
        let score = 1.0 + commas as f32 + (b.chars as f32 / 100.0).min(3.0);
        let skip = usize::from(b.paragraph);
        for (level, node) in ancestors(doc, b.container, 6).skip(skip).take(5).enumerate() {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                n => n as f32 * 3.0,
            };
            *scores.entry(node.id()).or_insert_with(|| initial_score(node)) += score / divider;
        }
    }
    let density = |id: &NodeId| totals.get(id).map_or(0.0, |t| t.link_chars as f32 / t.chars.max(1) as f32);
    let finals: FxHashMap<NodeId, f32> =
        scores.iter().map(|(id, s)| (*id, s * (1.0 - density(id)))).collect();
    let Some((&top, &top_score)) = finals.iter().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0))) else {
        return render(doc, blocks, None);
    };
    let top = climb(doc, top, top_score, &finals);
    let top_score = finals.get(&top).copied().unwrap_or(top_score);
    let mut chosen = vec![top];
    if let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()) {
        let threshold = (top_score * 0.2).max(10.0);
        for sibling in parent.children().filter(|s| s.id() != top) {
            let id = sibling.id();
            let t = totals.get(&id).copied().unwrap_or_default();
            let scored = finals.get(&id).is_some_and(|&s| s >= threshold);
            let prose = t.chars >= 80 && density(&id) < 0.25;
            if scored || prose {
                chosen.push(id);
            }
        }
    }
    chosen.extend(twins(doc, top, &totals));
    chosen.extend(prose_holder(doc, blocks, &chosen));
    let text = render(doc, blocks, Some(&chosen));
    let all_prose: usize = blocks.iter().filter(|b| b.link_chars * 2 <= b.chars).map(|b| b.chars).sum();
    if text.chars().count() < 250 && all_prose > text.chars().count() {
        return render(doc, blocks, None);
    }
    text
}

/// Elements elsewhere in the page with the top element's tag and classes that hold
/// prose: an article cut by advertisements into several `<div class="story-text">`.
fn twins(doc: &Html, top: NodeId, totals: &FxHashMap<NodeId, Totals>) -> Vec<NodeId> {
    let Some(e) = doc.tree.get(top).and_then(html_element) else { return Vec::new() };
    let Some(class) = e.value().attr("class").map(str::trim).filter(|c| !c.is_empty()) else {
        return Vec::new();
    };
    let tag = e.value().name();
    doc.root_element()
        .descendants()
        .filter(|n| n.id() != top)
        .filter_map(html_element)
        .filter(|t| t.value().name() == tag && t.value().attr("class").map(str::trim) == Some(class))
        .filter(|t| totals.get(&t.id()).is_some_and(|x| x.chars >= 80 && x.link_chars * 4 < x.chars))
        .map(|t| t.id())
        .collect()
}

/// When what was chosen holds less than half of the page's prose, the smallest element
/// holding three fifths of it (a page of many small text columns, whose best-scored
/// element was a long author biography).
fn prose_holder(doc: &Html, blocks: &[Block], chosen: &[NodeId]) -> Option<NodeId> {
    let inside = descendants_of(doc, chosen);
    let mut prose: FxHashMap<NodeId, usize> = FxHashMap::default();
    let (mut total, mut covered) = (0, 0);
    for b in blocks.iter().filter(|b| b.is_prose()) {
        total += b.chars;
        if inside.contains(&b.container) {
            covered += b.chars;
        }
        for node in ancestors(doc, b.container, 100) {
            *prose.entry(node.id()).or_default() += b.chars;
        }
    }
    if covered * 2 >= total {
        return None;
    }
    prose
        .into_iter()
        .filter(|(_, p)| p * 5 >= total * 3)
        .min_by_key(|(id, p)| (*p, std::cmp::Reverse(*id)))
        .map(|(id, _)| id)
}

/// The nodes under any of `nodes` (themselves included). A subtree already marked is
/// not walked again, so nested choices (twins inside twins) cost one walk in all.
fn descendants_of(doc: &Html, nodes: &[NodeId]) -> FxHashSet<NodeId> {
    let mut marked = FxHashSet::default();
    let mut stack: Vec<NodeRef<'_, Node>> = nodes.iter().filter_map(|&id| doc.tree.get(id)).collect();
    while let Some(node) = stack.pop() {
        if marked.insert(node.id()) {
            stack.extend(node.children());
        }
    }
    marked
}

/// Move the top candidate up when the article is spread over several elements:
/// to the nearest ancestor holding three of the other strong candidates, or to an
/// ancestor that scores higher than the candidate (before the scores fall below a
/// third), and past wrappers with a single child.
fn climb(doc: &Html, mut top: NodeId, top_score: f32, finals: &FxHashMap<NodeId, f32>) -> NodeId {
    let is_body =
        |n: &NodeRef<'_, Node>| html_element(*n).is_none_or(|e| matches!(e.value().name(), "body" | "html"));
    let mut strong: Vec<(NodeId, f32)> = finals
        .iter()
        .filter(|(id, s)| **id != top && **s >= top_score * 0.75)
        .map(|(id, s)| (*id, *s))
        .collect();
    strong.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    strong.truncate(4);
    if strong.len() >= 3 {
        let holds = |ancestor: NodeId| {
            strong.iter().filter(|(id, _)| ancestors(doc, *id, 100).any(|a| a.id() == ancestor)).count()
        };
        if let Some(common) =
            ancestors(doc, top, 100).skip(1).take_while(|n| !is_body(n)).find(|n| holds(n.id()) >= 3)
        {
            top = common.id();
        }
    }
    let mut last = finals.get(&top).copied().unwrap_or(top_score);
    let threshold = last / 3.0;
    for parent in ancestors(doc, top, 100).skip(1).take_while(|n| !is_body(n)) {
        let Some(&score) = finals.get(&parent.id()) else { continue };
        if score < threshold {
            break;
        }
        if score > last {
            top = parent.id();
            break;
        }
        last = score;
    }
    while let Some(parent) = doc.tree.get(top).and_then(|n| n.parent()).filter(|p| !is_body(p)) {
        if parent.children().filter(|c| html_element(*c).is_some()).count() != 1 {
            break;
        }
        top = parent.id();
    }
    top
}

/// `node` and its ancestors, nearest first, at most `limit`.
pub(super) fn ancestors(doc: &Html, id: NodeId, limit: usize) -> impl Iterator<Item = NodeRef<'_, Node>> {
    std::iter::successors(doc.tree.get(id), |n| n.parent()).take(limit)
}

/// Readability's head start by tag and by class/id words.
fn initial_score(node: NodeRef<'_, Node>) -> f32 {
    let Some(e) = html_element(node) else { return 0.0 };
    let by_tag = match e.value().name() {
        "div" | "article" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    let names = format!("{} {}", e.value().attr("class").unwrap_or(""), e.value().id().unwrap_or(""))
        .to_ascii_lowercase();
    const POSITIVE: &[&str] = &[
        "article", "body", "content", "entry", "hentry", "h-entry", "main", "page", "post", "text", "blog",
        "story",
    ];
    const NEGATIVE: &[&str] = &[
        "hidden",
        "banner",
        "combx",
        "comment",
        "com-",
        "contact",
        "foot",
        "masthead",
        "media",
        "meta",
        "outbrain",
        "promo",
        "related",
        "scroll",
        "share",
        "shoutbox",
        "sidebar",
        "skyscraper",
        "sponsor",
        "shopping",
        "tags",
        "tool",
        "widget",
    ];
    let mut weight = 0.0;
    if POSITIVE.iter().any(|w| names.contains(w)) {
        weight += 25.0;
    }
    if NEGATIVE.iter().any(|w| names.contains(w)) {
        weight -= 25.0;
    }
    by_tag + weight
}

/// The blocks under `chosen` (all blocks when `None`), mostly-link blocks left out, as
/// paragraphs.
fn render(doc: &Html, blocks: &[Block], chosen: Option<&[NodeId]>) -> String {
    let inside: Option<FxHashSet<NodeId>> = chosen.map(|chosen| {
        chosen
            .iter()
            .filter_map(|&id| doc.tree.get(id))
            .flat_map(|n| n.descendants())
            .map(|n| n.id())
            .collect()
    });
    let mut out = String::new();
    for b in blocks {
        if b.link_chars * 2 > b.chars {
            continue;
        }
        if inside.as_ref().is_some_and(|set| !set.contains(&b.container)) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&b.text);
    }
    out
}
