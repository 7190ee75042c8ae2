//! citelint: a linter for citations and provenance in policy-profile documents.

pub mod baseline;
pub mod document;
pub mod report;
pub mod rules;
pub mod suppress;
