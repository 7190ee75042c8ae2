//! Imports run one way: no two top-level modules of `src/` import each other, directly or
//! through others, and the library does not contain the command line. The graph is read
//! from the source as `../shared/tools/modgraph.py` reads it: an edge `a -> b` is any
//! `crate::b` path in a file of module `a` (test code left out).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Module → the modules it names, with one file that names each.
type Graph = BTreeMap<String, BTreeMap<String, String>>;

fn module_of(rel: &Path) -> String {
    let top = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    match top.as_str() {
        "lib.rs" | "main.rs" => "<root>".to_owned(),
        t => t.strip_suffix(".rs").unwrap_or(t).to_owned(),
    }
}

/// The non-test code of a file: line comments dropped, and everything from the first
/// `#[cfg(test)]` on (test modules sit at the bottom of a file).
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// The top-level modules a file's code names: `crate::name` paths and the names of
/// `use crate::{a, b::c}` groups.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ident =
        |s: &str| -> String { s.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect() };
    for (i, _) in code.match_indices("crate::") {
        let preceded = code[..i].chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        if preceded {
            continue;
        }
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = &group[..group.find("};").or_else(|| group.find('}')).unwrap_or(group.len())];
            for part in inner.split(',') {
                let name = ident(part.trim());
                if !name.is_empty() {
                    out.insert(name);
                }
            }
        } else {
            let name = ident(rest);
            if !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn graph(src: &Path) -> Graph {
    let mut graph = Graph::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().unwrap().to_string_lossy();
            if !name.ends_with(".rs") || name == "tests.rs" {
                continue;
            }
            let rel = path.strip_prefix(src).unwrap();
            let module = module_of(rel);
            let text = std::fs::read_to_string(&path).unwrap();
            for target in named_modules(&code(&text)) {
                if target != module && target != "self" && target != "super" {
                    graph
                        .entry(module.clone())
                        .or_default()
                        .entry(target)
                        .or_insert_with(|| rel.display().to_string());
                }
            }
        }
    }
    graph
}

/// Strongly connected sets of two or more modules (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g Graph,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    impl<'g> Walk<'g> {
        fn visit(&mut self, v: &'g str) {
            let n = self.index.len();
            self.index.insert(v, n);
            self.low.insert(v, n);
            self.stack.push(v);
            self.on_stack.insert(v);
            for w in self.graph.get(v).into_iter().flat_map(|t| t.keys()) {
                let w = w.as_str();
                if !self.index.contains_key(w) {
                    self.visit(w);
                    let low = self.low[v].min(self.low[w]);
                    self.low.insert(v, low);
                } else if self.on_stack.contains(w) {
                    let low = self.low[v].min(self.index[w]);
                    self.low.insert(v, low);
                }
            }
            if self.low[v] == self.index[v] {
                let mut set = Vec::new();
                while let Some(w) = self.stack.pop() {
                    self.on_stack.remove(w);
                    set.push(w.to_owned());
                    if w == v {
                        break;
                    }
                }
                if set.len() > 1 {
                    set.sort();
                    self.found.push(set);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    let nodes: BTreeSet<&str> = graph
        .iter()
        .flat_map(|(m, t)| std::iter::once(m.as_str()).chain(t.keys().map(String::as_str)))
        .collect();
    for v in nodes {
        if !walk.index.contains_key(v) {
            walk.visit(v);
        }
    }
    walk.found
}

#[test]
fn no_two_modules_import_each_other() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let graph = graph(&src);
    let found = cycles(&graph);
    let mut explain = Vec::new();
    for set in &found {
        let mut edges = Vec::new();
        for a in set {
            for b in set {
                if let Some(file) = graph.get(a).and_then(|t| t.get(b)) {
                    edges.push(format!("{a} -> {b} ({file})"));
                }
            }
        }
        explain.push(format!("cycle {set:?}: {}", edges.join(", ")));
    }
    assert!(found.is_empty(), "modules import each other:\n{}", explain.join("\n"));
}

#[test]
fn the_library_has_no_command_line() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    assert!(!lib.contains("mod cli"), "src/lib.rs declares the CLI module; it belongs to the binary");
    let importers: Vec<String> =
        graph(&src).into_iter().filter(|(_, t)| t.contains_key("cli")).map(|(m, _)| m).collect();
    assert!(importers.is_empty(), "modules import the CLI: {importers:?}");
}

#[test]
fn a_planted_cycle_is_found() {
    // The checker itself: two modules naming each other, and one that only imports.
    let mut g = Graph::new();
    g.entry("a".into()).or_default().insert("b".into(), "a.rs".into());
    g.entry("b".into()).or_default().insert("a".into(), "b.rs".into());
    g.entry("c".into()).or_default().insert("a".into(), "c.rs".into());
    assert_eq!(cycles(&g), [vec!["a".to_owned(), "b".to_owned()]]);
    let named =
        named_modules("use crate::{rules::Finding, source};\nlet x = crate::document::Span::default();");
    assert_eq!(named.into_iter().collect::<Vec<_>>(), ["document", "rules", "source"]);
}
