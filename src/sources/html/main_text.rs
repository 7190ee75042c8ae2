//! The main text of a page, readability-style: drop what is never content (scripts,
//! navigation, asides, footers, forms' controls, hidden elements, cookie banners, and
//! elements whose class or id says they are boilerplate), cut the rest into text
//! blocks, score the blocks' ancestors by how much prose they hold (length, commas, few
//! links), take the best-scoring element with its prose-holding siblings, and render its
//! blocks as paragraphs separated by blank lines.
//!
//! Recall comes first: a quotation missing from the extracted text would be reported as
//! missing from the source, while a leftover menu line costs nothing. So the class/id
//! filter is retried off when it leaves little text, and a page whose best element is
//! thin falls back to all its prose.

use ego_tree::{NodeId, NodeRef};
use rustc_hash::{FxHashMap, FxHashSet};
use scraper::{ElementRef, Html, Node};

use super::html_element;

pub(super) struct MainText {
    pub text: String,
    /// Characters of all the page's visible text blocks, boilerplate included.
    pub visible_chars: usize,
}

/// A run of text between block boundaries.
struct Block {
    text: String,
    chars: usize,
    link_chars: usize,
    /// The nearest block-level element holding the text.
    container: NodeId,
    /// Whether `container` is itself paragraph-like (its score goes to its parent).
    paragraph: bool,
}

pub(super) fn extract(doc: &Html) -> MainText {
    let root = body(doc);
    let strict = blocks(root, true);
    let visible_chars = blocks(root, false).iter().map(|b| b.chars).sum();
    let mut text = select(doc, &strict);
    if text.chars().count() < 500 {
        let loose = select(doc, &blocks(root, false));
        if loose.chars().count() > text.chars().count() {
            text = loose;
        }
    }
    MainText { text, visible_chars }
}

fn body(doc: &Html) -> NodeRef<'_, Node> {
    let root = doc.root_element();
    root.children().find(|c| html_element(*c).is_some_and(|e| e.value().name() == "body")).unwrap_or(*root)
}

/// Cut the subtree at `root` into text blocks, skipping boilerplate (and, when `strict`,
/// elements whose class or id names boilerplate).
fn blocks(root: NodeRef<'_, Node>, strict: bool) -> Vec<Block> {
    let mut out = Vec::new();
    let mut buf = String::new();
    let mut buf_links = 0usize;
    let mut containers: Vec<(NodeId, bool)> = vec![(root.id(), false)];
    let (mut links, mut pre, mut article) = (0usize, 0usize, 0usize);
    let mut stack: Vec<(NodeRef<'_, Node>, bool)> = vec![(root, false)];
    let flush =
        |buf: &mut String, buf_links: &mut usize, containers: &[(NodeId, bool)], out: &mut Vec<Block>| {
            let text = tidy(buf);
            if !text.is_empty() {
                let (container, paragraph) = containers[containers.len() - 1];
                let chars = text.chars().count();
                out.push(Block { text, chars, link_chars: (*buf_links).min(chars), container, paragraph });
            }
            buf.clear();
            *buf_links = 0;
        };
    while let Some((node, opened)) = stack.pop() {
        if let Some(t) = node.value().as_text() {
            let before = buf.len();
            push_text(&mut buf, t, pre > 0);
            if links > 0 {
                buf_links += buf[before..].chars().count();
            }
            continue;
        }
        let Some(e) = html_element(node) else {
            if node.value().is_document() || node.value().is_fragment() {
                stack.extend(node.children().rev().map(|c| (c, false)));
            }
            continue;
        };
        let tag = e.value().name();
        if opened {
            match tag {
                "a" => links = links.saturating_sub(1),
                "pre" => pre = pre.saturating_sub(1),
                "article" | "main" => article = article.saturating_sub(1),
                _ => {}
            }
            if is_block(tag) {
                flush(&mut buf, &mut buf_links, &containers, &mut out);
                containers.pop();
            }
            continue;
        }
        if node.id() != root.id() && skipped(e, tag, strict, article > 0) {
            continue;
        }
        match tag {
            "br" => buf.push('\n'),
            "a" => links += 1,
            "pre" => pre += 1,
            "article" | "main" => article += 1,
            _ => {}
        }
        if is_block(tag) {
            flush(&mut buf, &mut buf_links, &containers, &mut out);
            containers.push((node.id(), is_paragraph(tag)));
        }
        stack.push((node, true));
        stack.extend(node.children().rev().map(|c| (c, false)));
    }
    flush(&mut buf, &mut buf_links, &containers, &mut out);
    out
}

/// Append a text node, collapsing whitespace outside `<pre>`.
fn push_text(buf: &mut String, t: &str, pre: bool) {
    if pre {
        buf.push_str(t);
        return;
    }
    for (i, word) in t.split(|c: char| c.is_whitespace()).enumerate() {
        if i > 0 && !buf.ends_with([' ', '\n']) && !buf.is_empty() {
            buf.push(' ');
        }
        buf.push_str(word);
    }
}

/// Trim each line and drop empty ones.
fn tidy(buf: &str) -> String {
    let lines: Vec<&str> = buf.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    lines.join("\n")
}

fn is_block(tag: &str) -> bool {
    matches!(
        tag,
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// Elements whose text is one paragraph: their score goes to the element around them.
fn is_paragraph(tag: &str) -> bool {
    matches!(
        tag,
        "p" | "li"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "pre"
            | "blockquote"
            | "dd"
            | "dt"
            | "td"
            | "th"
            | "figcaption"
            | "caption"
            | "address"
            | "summary"
    )
}

/// Whether an element's subtree is never main text.
fn skipped(e: ElementRef, tag: &str, strict: bool, in_article: bool) -> bool {
    if matches!(
        tag,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "nav"
            | "aside"
            | "footer"
            | "button"
            | "select"
            | "option"
            | "textarea"
            | "input"
            | "label"
            | "dialog"
            | "head"
            | "title"
            | "meta"
            | "link"
    ) {
        return true;
    }
    if tag == "header" && !in_article {
        return true;
    }
    let el = e.value();
    if el.attr("hidden").is_some() || el.attr("aria-hidden").is_some_and(|v| v.trim() == "true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let s: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(role) = el.attr("role") {
        let role = role.trim().to_ascii_lowercase();
        if matches!(
            role.as_str(),
            "navigation"
                | "contentinfo"
                | "complementary"
                | "search"
                | "dialog"
                | "alertdialog"
                | "menu"
                | "menubar"
        ) || (role == "banner" && !in_article)
        {
            return true;
        }
    }
    strict && !matches!(tag, "body" | "article" | "main" | "a") && unlikely(e)
}

/// Readability's idea of an unlikely candidate, by class and id.
fn unlikely(e: ElementRef) -> bool {
    let el = e.value();
    let names = format!("{} {}", el.attr("class").unwrap_or(""), el.id().unwrap_or("")).to_ascii_lowercase();
    if names.trim().is_empty() {
        return false;
    }
    const BOILERPLATE: &[&str] = &[
        "-ad-",
        "ad-break",
        "agegate",
        "banner",
        "breadcrumb",
        "combx",
        "comment",
        "community",
        "consent",
        "cookie",
        "cover-wrap",
        "disqus",
        "extra",
        "footer",
        "gdpr",
        "header",
        "legends",
        "masthead",
        "menu",
        "modal",
        "navbar",
        "newsletter",
        "onetrust",
        "pager",
        "pagination",
        "popup",
        "promo",
        "related",
        "remark",
        "replies",
        "rss",
        "share",
        "shoutbox",
        "sidebar",
        "skip-link",
        "skyscraper",
        "social",
        "sponsor",
        "subscribe",
        "supplemental",
        "yom-remote",
    ];
    const CONTENT: &[&str] =
        &["article", "body", "column", "content", "main", "shadow", "story", "post-text"];
    BOILERPLATE.iter().any(|b| names.contains(b)) && !CONTENT.iter().any(|c| names.contains(c))
}

#[derive(Default, Clone, Copy)]
struct Totals {
    chars: usize,
    link_chars: usize,
}

/// Score the blocks' ancestors, pick the best one and its siblings, render their blocks.
fn select(doc: &Html, blocks: &[Block]) -> String {
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
    let text = render(doc, blocks, Some(&chosen));
    let all_prose: usize = blocks.iter().filter(|b| b.link_chars * 2 <= b.chars).map(|b| b.chars).sum();
    if text.chars().count() < 250 && all_prose > text.chars().count() {
        return render(doc, blocks, None);
    }
    text
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
fn ancestors(doc: &Html, id: NodeId, limit: usize) -> impl Iterator<Item = NodeRef<'_, Node>> {
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

#[cfg(test)]
mod tests;
