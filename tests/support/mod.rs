//! What the integration tests share: a scratch directory and a way to run the binary
//! (`cli`), an HTTP server on 127.0.0.1 (`server`), the shared folder of real documents,
//! and the footnote part of the rule catalogue. Each test file includes this module and
//! uses what it needs.

#![allow(dead_code)]

pub mod cli;
pub mod readers;
pub mod server;

use std::path::PathBuf;

/// The shared folder (real profiles, corpus, peers' tests): as `CITELINT_SHARED` names
/// it, else `../shared` beside the clone; `None` on a fresh clone without it (the test
/// then skips with a notice).
pub fn shared_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CITELINT_SHARED").map(PathBuf::from),
        Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_dir())
}

/// The footnote part of the rule catalogue, whose findings the acceptance tests assert
/// exactly.
pub const FOOTNOTE_RULES: &[&str] = &[
    "missing-footnote",
    "unused-footnote",
    "duplicate-footnote",
    "footnote-order",
    "ambiguous-ibid",
    "malformed-footnote",
    "broken-cross-reference",
];
