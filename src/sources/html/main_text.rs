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

mod select;
use select::{ancestors, select};

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

impl Block {
    /// Prose, as opposed to a caption, a button or a list of links.
    fn is_prose(&self) -> bool {
        self.chars >= 40 && self.link_chars * 10 < self.chars * 3
    }
}

pub(super) fn extract(doc: &Html) -> MainText {
    let root = body(doc);
    let loose = blocks(root, None);
    let visible_chars = loose.iter().map(|b| b.chars).sum();
    // An element holding half the page's prose is never dropped for its class or id
    // (`<div class="above-footer">` around a whole article).
    let mut prose: FxHashMap<NodeId, usize> = FxHashMap::default();
    for b in loose.iter().filter(|b| b.is_prose()) {
        for node in ancestors(doc, b.container, 100) {
            *prose.entry(node.id()).or_default() += b.chars;
        }
    }
    let total = prose.get(&root.id()).copied().unwrap_or(0);
    let protected: FxHashSet<NodeId> =
        prose.iter().filter(|(_, p)| **p * 2 >= total).map(|(id, _)| *id).collect();
    let strict = blocks(root, Some(&protected));
    let mut text = select(doc, &strict);
    if text.chars().count() < 500 {
        let loose = select(doc, &loose);
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

/// Cut the subtree at `root` into text blocks, skipping boilerplate (and, with a
/// `protected` set, elements whose class or id names boilerplate, unless protected).
fn blocks(root: NodeRef<'_, Node>, protected: Option<&FxHashSet<NodeId>>) -> Vec<Block> {
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
        let strict = protected.is_some_and(|p| !p.contains(&node.id()));
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

#[cfg(test)]
mod tests;
