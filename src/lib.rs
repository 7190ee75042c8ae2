//! citelint: a linter for citations and provenance in policy-profile documents.
//!
//! [`check::run`] checks a set of files and directories as a pipeline of named stages
//! (see `docs/architecture.md`); [`check::lint_str`] lints one source string;
//! [`report::render`] renders the outcome in any output format. The `citelint` binary
//! is a thin command line over these.

pub mod baseline;
pub mod check;
pub mod config;
pub mod document;
pub mod git;
pub mod links;
pub mod report;
pub mod rules;
pub mod source;
pub mod sources;
pub mod strings;
pub mod suppress;

pub use crate::check::{FileReport, Outcome, Plan, Summary, lint_str};
pub use crate::config::Options;
pub use crate::document::{Document, Format};
pub use crate::rules::{Finding, Severity};
pub use crate::source::SourceError;
