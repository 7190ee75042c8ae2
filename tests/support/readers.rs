//! What the reader tests share: the shared corpus of real HTML and Word files, and a
//! document's structure and findings in the form they compare.

use std::path::PathBuf;

use citelint::document::readers::View;
use citelint::{Options, check};

/// `shared/corpus/formats`, or `None` (with a notice) where it is absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = super::shared_dir()?.join("corpus/formats");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: {} is absent", dir.display());
        None
    }
}

/// Citation labels, and each note's label and text.
pub fn structure(view: &View) -> (Vec<String>, Vec<(String, String)>) {
    let doc = view.document();
    (
        doc.citations.iter().map(|c| c.label.clone()).collect(),
        doc.footnotes.iter().map(|n| (n.label.clone(), doc.slice(&n.text_span).to_owned())).collect(),
    )
}

/// Each finding of the document rules (links offline) as its rule and footnote.
pub fn rules(view: &View) -> Vec<(String, Option<String>)> {
    let doc = view.document();
    let offline = Options { links: None, ..Options::default() };
    check::rules(&doc, &offline).into_iter().map(|f| (f.rule.to_owned(), f.note)).collect()
}

/// Owned pairs from borrowed ones, to compare with a document's.
pub fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect()
}
