//! The rule engine: the [`Rule`] trait, the registry of every rule, and [`Finding`].
//!
//! A rule looks at one parsed [`Document`] and reports [`Diagnostic`]s through a
//! [`Context`]. It never names itself or picks its severity: the context stamps each
//! diagnostic with the rule's registered name and the severity the user configured.

mod ambiguous_ibid;
mod broken_cross_reference;
mod date_mismatch;
mod duplicate_footnote;
mod footnote_order;
mod invalid_date;
pub mod links;
mod malformed_footnote;
mod missing_footnote;
mod name_mismatch;
mod source_after_update;
pub mod sources;
mod undated_source;
mod unrecognised_notes;
mod unused_footnote;
mod unused_suppression;

pub use unused_suppression::UnusedSuppression;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::document::{Document, Span};

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "info" => Ok(Severity::Info),
            "warning" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(format!("unknown severity `{other}` (expected error, warning or info)")),
        }
    }
}

/// Where a rule gets its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Runs on one parsed document at a time.
    Document,
    /// Produced by the link stage from the verdicts on every URL of the run.
    Links,
    /// Produced by the suppression stage, which alone sees which suppressions were used.
    Suppressions,
    /// Produced by the source verification stage (`--verify-sources`) from what each
    /// cited source says.
    Sources,
}

/// A rule of the catalogue. Implementations live one per file in this module.
pub trait Rule: Sync {
    /// Look at `doc` and report what is wrong through `cx`.
    fn check(&self, doc: &Document, cx: &mut Context);
}

/// What the registry knows of a rule.
pub struct RuleInfo {
    /// Stable kebab-case name, used in config, JSON, SARIF and suppressions.
    pub name: &'static str,
    pub default_severity: Severity,
    /// One line for `citelint rules`.
    pub summary: &'static str,
    /// The Markdown documentation `citelint explain` prints.
    pub docs: &'static str,
    pub scope: Scope,
    /// The check, for [`Scope::Document`] rules.
    pub rule: Option<&'static dyn Rule>,
}

/// Declare a rule's type and its registry entry from its documentation.
///
/// The doc comment is the rule's documentation (`## What it does`, `## Why is this bad?`,
/// `## Example`); `citelint explain` prints it as written. A rule declared with
/// `in links` or `in suppressions` has no per-document check: the link stage or the
/// suppression stage makes its findings.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $ty:ident => $name:literal, $severity:ident, $summary:literal;
    ) => {
        $crate::rules::declare_rule!(@info $(#[doc = $doc])* $vis $ty, $name, $severity, $summary,
            $crate::rules::Scope::Document, Some(&$ty));
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $ty:ident => $name:literal, $severity:ident, $summary:literal in links;
    ) => {
        $crate::rules::declare_rule!(@info $(#[doc = $doc])* $vis $ty, $name, $severity, $summary,
            $crate::rules::Scope::Links, None);
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $ty:ident => $name:literal, $severity:ident, $summary:literal in suppressions;
    ) => {
        $crate::rules::declare_rule!(@info $(#[doc = $doc])* $vis $ty, $name, $severity, $summary,
            $crate::rules::Scope::Suppressions, None);
    };
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $ty:ident => $name:literal, $severity:ident, $summary:literal in sources;
    ) => {
        $crate::rules::declare_rule!(@info $(#[doc = $doc])* $vis $ty, $name, $severity, $summary,
            $crate::rules::Scope::Sources, None);
    };
    (@info $(#[doc = $doc:literal])* $vis:vis $ty:ident, $name:literal, $severity:ident, $summary:literal,
        $scope:expr, $rule:expr) => {
        $(#[doc = $doc])*
        $vis struct $ty;

        impl $ty {
            pub const INFO: $crate::rules::RuleInfo = $crate::rules::RuleInfo {
                name: $name,
                default_severity: $crate::rules::Severity::$severity,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                scope: $scope,
                rule: $rule,
            };
        }
    };
}
pub(crate) use declare_rule;

/// Every rule, in catalogue order.
pub static REGISTRY: &[RuleInfo] = &[
    missing_footnote::MissingFootnote::INFO,
    unused_footnote::UnusedFootnote::INFO,
    duplicate_footnote::DuplicateFootnote::INFO,
    footnote_order::FootnoteOrder::INFO,
    ambiguous_ibid::AmbiguousIbid::INFO,
    malformed_footnote::MalformedFootnote::INFO,
    broken_cross_reference::BrokenCrossReference::INFO,
    name_mismatch::NameMismatch::INFO,
    date_mismatch::DateMismatch::INFO,
    invalid_date::InvalidDate::INFO,
    source_after_update::SourceAfterUpdate::INFO,
    undated_source::UndatedSource::INFO,
    links::DeadLink::INFO,
    links::UnverifiedLink::INFO,
    links::RedirectedLink::INFO,
    links::MalformedUrl::INFO,
    sources::QuoteNotInSource::INFO,
    sources::SourceTitleMismatch::INFO,
    sources::SourceDateMismatch::INFO,
    sources::SourceNameMismatch::INFO,
    sources::UnverifiableSource::INFO,
    unused_suppression::UnusedSuppression::INFO,
    unrecognised_notes::UnrecognisedNotes::INFO,
];

/// Look a rule up by its name.
pub fn lookup(name: &str) -> Option<&'static RuleInfo> {
    REGISTRY.iter().find(|r| r.name == name)
}

/// The registered rule name closest to `name`, if it is close enough to be a typo.
pub fn suggest(name: &str) -> Option<&'static str> {
    crate::strings::closest(name, REGISTRY.iter().map(|r| r.name))
}

/// "unknown rule `x`" with a "did you mean" when a rule name is close.
pub fn unknown_rule_message(name: &str) -> String {
    format!("unknown rule `{name}` ({})", unknown_rule_help(name))
}

/// What to say after an unknown rule name: the rule probably meant, or where the names
/// are listed.
pub fn unknown_rule_help(name: &str) -> String {
    match suggest(name) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "`citelint rules` lists them".to_owned(),
    }
}

impl RuleInfo {
    /// The rule's documentation without the space each `///` line leaves at its start,
    /// as `citelint explain` prints it.
    pub fn docs_text(&self) -> String {
        self.docs.lines().map(|l| l.strip_prefix(' ').unwrap_or(l)).fold(String::new(), |mut s, l| {
            s.push_str(l);
            s.push('\n');
            s
        })
    }
}

/// A problem a rule found, before the context stamps it with a name and severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    /// The footnote label the finding is about.
    pub note: Option<String>,
    /// Other places involved (the footnote, the other spelling).
    pub related: Vec<Related>,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Diagnostic { span, message: message.into(), help: None, note: None, related: Vec::new() }
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, label: impl Into<String>) -> Self {
        self.note = Some(label.into());
        self
    }

    pub fn related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Related { span, message: message.into() });
        self
    }
}

/// Another place a finding involves, in the same file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Related {
    pub span: Span,
    pub message: String,
}

/// A reported problem: a diagnostic stamped with its rule and severity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub note: Option<String>,
    pub related: Vec<Related>,
}

/// Options rules read from the configuration (`[names]` and the like).
#[derive(Clone, Debug, Default)]
pub struct RuleSettings {
    /// `[names] accept`: groups of spellings that are all acceptable.
    pub names_accept: Vec<Vec<String>>,
    /// `[names] canonical`: preferred spellings.
    pub names_canonical: Vec<String>,
}

/// Receives a rule's diagnostics and stamps them.
pub struct Context<'r> {
    rule: &'static str,
    severity: Severity,
    settings: &'r RuleSettings,
    out: &'r mut Vec<Finding>,
}

impl<'r> Context<'r> {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        settings: &'r RuleSettings,
        out: &'r mut Vec<Finding>,
    ) -> Self {
        Context { rule, severity, settings, out }
    }

    /// The configured options rules may read.
    pub fn settings(&self) -> &RuleSettings {
        self.settings
    }

    pub fn report(&mut self, d: Diagnostic) {
        self.out.push(Finding {
            rule: self.rule,
            severity: self.severity,
            span: d.span,
            message: d.message,
            help: d.help,
            note: d.note,
            related: d.related,
        });
    }
}

/// Run every document rule that `severity_of` enables on `doc`; findings come back
/// sorted by position (then rule name) so output is deterministic.
pub fn run(
    doc: &Document,
    settings: &RuleSettings,
    severity_of: impl Fn(&RuleInfo) -> Option<Severity>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    for info in REGISTRY {
        let (Some(rule), Some(severity)) = (info.rule, severity_of(info)) else { continue };
        let mut cx = Context::new(info.name, severity, settings, &mut findings);
        rule.check(doc, &mut cx);
    }
    sort_findings(&mut findings);
    findings
}

/// Order findings by position, then rule name, then message.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.span.start, a.span.end, a.rule, &a.message).cmp(&(b.span.start, b.span.end, b.rule, &b.message))
    });
}

#[cfg(test)]
pub(crate) mod test_support {
    //! Helpers for the rule tests at the bottom of each rule file (and other unit tests).
    use super::*;
    use crate::document::Format;

    pub use crate::document::test_support::shared_dir;

    /// A finding of `rule` on the `nth` occurrence of `needle` in `text`, as a rule would
    /// report it (for tests of what happens to findings after the rules).
    pub fn finding_at(
        rule: &'static str,
        severity: Severity,
        text: &str,
        needle: &str,
        nth: usize,
    ) -> Finding {
        let start = text.match_indices(needle).nth(nth).expect("needle in text").0;
        Finding {
            rule,
            severity,
            span: start..start + needle.len(),
            message: format!("{needle} is wrong"),
            help: None,
            note: None,
            related: Vec::new(),
        }
    }

    /// Run one rule on a text profile and return its findings.
    pub fn check_text(info: &RuleInfo, text: &str) -> Vec<Finding> {
        check(info, text, Format::Text)
    }

    pub fn check_markdown(info: &RuleInfo, text: &str) -> Vec<Finding> {
        check(info, text, Format::Markdown)
    }

    pub fn check(info: &RuleInfo, text: &str, format: Format) -> Vec<Finding> {
        let doc = Document::parse(text, format);
        run(&doc, &RuleSettings::default(), |r| (r.name == info.name).then_some(info.default_severity))
    }

    /// The flagged text of each finding.
    pub fn flagged<'a>(text: &'a str, findings: &[Finding]) -> Vec<&'a str> {
        findings.iter().map(|f| &text[f.span.clone()]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_names_are_unique_kebab_case() {
        let mut names: Vec<_> = REGISTRY.iter().map(|r| r.name).collect();
        for n in &names {
            assert!(n.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{n}");
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), REGISTRY.len());
    }

    #[test]
    fn every_rule_documents_what_why_and_example() {
        for r in REGISTRY {
            for section in ["## What it does", "## Why is this bad?", "## Example"] {
                assert!(r.docs.contains(section), "{} lacks {section}", r.name);
            }
        }
    }
}
