//! The element tree of a tokenized document, as a browser would roughly build it: each
//! start tag opens an element, an end tag closes the nearest open element of its name
//! (and those inside it), and the few implied ends that matter for text are applied (a
//! block closes an open `<p>`, an `<li>` the previous `<li>`…). No recursion and no scan
//! of the whole stack: a hostile file nested 100,000 deep costs linear time.

use rustc_hash::FxHashMap;

use super::tokens::{Kind, Tag, Tokens};

/// No element: the parent of a root.
pub const NONE: u32 = u32::MAX;

/// How deep an implied end (a block closing an open `<p>`) is looked for.
const IMPLIED_DEPTH: usize = 256;

#[derive(Clone, Debug)]
pub struct Element {
    pub tag: Tag,
    pub parent: u32,
    /// The start tag's token.
    pub start: u32,
    /// The token just past the element's content (its end tag, the token that implied
    /// its end, or the end of the document).
    pub end: u32,
}

#[derive(Debug, Default)]
pub struct Tree {
    pub elements: Vec<Element>,
    /// For each token, the element its start tag opens (or [`NONE`]).
    pub of_token: Vec<u32>,
    /// Elements closed before each token is read, innermost first, as `(token, element)`
    /// in token order; an element without content is not listed.
    pub closes: Vec<(u32, u32)>,
}

impl Tree {
    pub fn build(tokens: &Tokens) -> Tree {
        let mut b = Builder { tree: Tree::default(), stack: Vec::new(), open: FxHashMap::default() };
        b.tree.of_token = vec![NONE; tokens.tokens.len()];
        for (i, token) in tokens.tokens.iter().enumerate() {
            let i = i as u32;
            match token.kind {
                Kind::Start { tag, self_closing, .. } => b.start(i, tag, self_closing),
                Kind::End { tag } => b.end(i, tag),
                Kind::Text { .. } | Kind::Comment => {}
            }
        }
        let n = tokens.tokens.len() as u32;
        while !b.stack.is_empty() {
            b.pop(n);
        }
        b.tree
    }

    /// The element's ancestors, nearest first, at most `limit` of them.
    pub fn ancestors(&self, e: u32, limit: usize) -> impl Iterator<Item = u32> + '_ {
        std::iter::successors(Some(self.elements[e as usize].parent), |&p| {
            (p != NONE).then(|| self.elements[p as usize].parent)
        })
        .take_while(|&p| p != NONE)
        .take(limit)
    }

    /// Whether `inner` lies inside `outer` (or is it).
    pub fn contains(&self, outer: u32, inner: u32) -> bool {
        let (o, i) = (&self.elements[outer as usize], &self.elements[inner as usize]);
        o.start <= i.start && i.start < o.end.max(o.start + 1)
    }

    /// The elements inside `e`, in document order.
    pub fn descendants(&self, e: u32) -> impl Iterator<Item = u32> + '_ {
        let end = self.elements[e as usize].end;
        (e + 1..self.elements.len() as u32).take_while(move |&d| self.elements[d as usize].start < end)
    }
}

struct Builder {
    tree: Tree,
    stack: Vec<u32>,
    /// How many elements of each name are open: an end tag whose name is not open is
    /// dropped at once instead of searching the stack.
    open: FxHashMap<Tag, u32>,
}

impl Builder {
    fn is_open(&self, tag: Tag) -> bool {
        self.open.get(&tag).is_some_and(|&n| n > 0)
    }

    fn tag_at(&self, depth_from_top: usize) -> Option<Tag> {
        let i = self.stack.len().checked_sub(depth_from_top + 1)?;
        Some(self.tree.elements[self.stack[i] as usize].tag)
    }

    /// Close the nearest open element matching `is`, unless an element matching `stop`
    /// comes first; returns whether one was closed. An implied end is looked for only
    /// [`IMPLIED_DEPTH`] deep: a search that stops at `stop` closes nothing, and must not
    /// cost the stack's depth each time.
    fn close_nearest(&mut self, at: u32, is: impl Fn(Tag) -> bool, stop: impl Fn(Tag) -> bool) -> bool {
        let mut depth = 0;
        while let Some(tag) = self.tag_at(depth) {
            if depth > IMPLIED_DEPTH {
                return false;
            }
            if is(tag) {
                for _ in 0..=depth {
                    self.pop(at);
                }
                return true;
            }
            if stop(tag) {
                return false;
            }
            depth += 1;
        }
        false
    }

    fn start(&mut self, i: u32, tag: Tag, self_closing: bool) {
        let scope = |t: Tag| matches!(t, Tag::Table | Tag::Td | Tag::Html | Tag::Body);
        // The body ends the head, whether or not `</head>` was written.
        if tag == Tag::Body && self.is_open(Tag::Head) {
            self.close_explicit(i, |t| t == Tag::Head);
        }
        if tag.is_block() && tag != Tag::Html && tag != Tag::Body && self.is_open(Tag::P) {
            self.close_nearest(i, |t| t == Tag::P, scope);
        }
        match tag {
            Tag::Li if self.is_open(Tag::Li) => {
                self.close_nearest(i, |t| t == Tag::Li, |t| scope(t) || matches!(t, Tag::Ol | Tag::Ul));
            }
            Tag::Dt | Tag::Dd if self.is_open(Tag::Dt) || self.is_open(Tag::Dd) => {
                self.close_nearest(i, |t| matches!(t, Tag::Dt | Tag::Dd), |t| scope(t) || t == Tag::Dl);
            }
            Tag::Td | Tag::Tr if self.is_open(Tag::Td) => {
                self.close_nearest(i, |t| t == Tag::Td, |t| matches!(t, Tag::Table | Tag::Tr));
                if tag == Tag::Tr && self.is_open(Tag::Tr) {
                    self.close_nearest(i, |t| t == Tag::Tr, |t| t == Tag::Table);
                }
            }
            Tag::Tr if self.is_open(Tag::Tr) => {
                self.close_nearest(i, |t| t == Tag::Tr, |t| t == Tag::Table);
            }
            Tag::A if self.is_open(Tag::A) => {
                self.close_nearest(i, |t| t == Tag::A, scope);
            }
            Tag::H(_) if self.tag_at(0).is_some_and(|t| matches!(t, Tag::H(_))) => {
                self.pop(i);
            }
            _ => {}
        }
        let parent = self.stack.last().copied().unwrap_or(NONE);
        let e = self.tree.elements.len() as u32;
        self.tree.elements.push(Element { tag, parent, start: i, end: i + 1 });
        self.tree.of_token[i as usize] = e;
        // `/>` closes any element here (XHTML habits: `<a name="x"/>`), not only void ones.
        if !tag.is_void() && !self_closing {
            self.stack.push(e);
            *self.open.entry(tag).or_insert(0) += 1;
        }
    }

    fn end(&mut self, i: u32, tag: Tag) {
        if matches!(tag, Tag::H(_)) {
            if (1..=6).any(|n| self.is_open(Tag::H(n))) {
                self.close_explicit(i, |t| matches!(t, Tag::H(_)));
            }
            return;
        }
        if self.is_open(tag) {
            self.close_explicit(i, |t| t == tag);
        }
    }

    /// An end tag whose element is open closes it and everything inside it: every
    /// element searched past is closed, so the search costs nothing over a run.
    fn close_explicit(&mut self, at: u32, is: impl Fn(Tag) -> bool) {
        while let Some(e) = self.stack.last().copied() {
            let tag = self.tree.elements[e as usize].tag;
            self.pop(at);
            if is(tag) {
                return;
            }
        }
    }

    fn pop(&mut self, at: u32) {
        let Some(e) = self.stack.pop() else { return };
        let el = &mut self.tree.elements[e as usize];
        el.end = at;
        if let Some(n) = self.open.get_mut(&el.tag) {
            *n = n.saturating_sub(1);
        }
        self.tree.closes.push((at, e));
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    fn shape(src: &str) -> Vec<(Tag, u32)> {
        let tokens = tokenize(src);
        let tree = Tree::build(&tokens);
        tree.elements.iter().map(|e| (e.tag, e.parent)).collect()
    }

    #[test]
    fn a_block_closes_an_open_paragraph_and_an_item_the_previous_item() {
        assert_eq!(shape("<p>a<div>b</div>"), [(Tag::P, NONE), (Tag::Div, NONE)]);
        assert_eq!(shape("<ol><li>a<li>b</ol>"), [(Tag::Ol, NONE), (Tag::Li, 0), (Tag::Li, 0)]);
        assert_eq!(shape("<ol><li>a<ol><li>b</ol></ol>")[3], (Tag::Li, 2));
    }

    #[test]
    fn an_end_tag_with_nothing_to_close_is_dropped() {
        assert_eq!(shape("<b>a</i></b>c"), [(Tag::Other(0), NONE)]);
    }

    #[test]
    fn deep_nesting_builds_in_linear_time() {
        let n = 100_000;
        let src = format!("{}{}{}", "<div>".repeat(n), "</span>".repeat(n), "</div>".repeat(n));
        let tree = Tree::build(&tokenize(&src));
        assert_eq!(tree.elements.len(), n);
        assert_eq!(tree.ancestors(n as u32 - 1, 64).count(), 64);
    }
}
