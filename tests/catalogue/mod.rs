//! The footnote part of the rule catalogue, whose findings the acceptance tests assert
//! exactly.

pub const FOOTNOTE_RULES: &[&str] = &[
    "missing-footnote",
    "unused-footnote",
    "duplicate-footnote",
    "footnote-order",
    "ambiguous-ibid",
    "malformed-footnote",
    "broken-cross-reference",
];
