//! citelint: a linter for citations and provenance in policy-profile documents.

pub mod document;
pub mod links;
pub mod rules;
