//! Suppression comments of a Markdown document: parsing and lookup by position.

use std::collections::HashMap;

use super::slice;
use crate::document::Span;
use crate::rules::{self, Finding, UnusedSuppression};
use crate::source::LineIndex;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Directive {
    Disable,
    Enable,
    DisableLine,
    DisableNextLine,
    DisableFile,
}

impl Directive {
    fn parse(word: &str) -> Option<Directive> {
        Some(match word {
            "citelint-disable" => Directive::Disable,
            "citelint-enable" => Directive::Enable,
            "citelint-disable-line" => Directive::DisableLine,
            "citelint-disable-next-line" => Directive::DisableNextLine,
            "citelint-disable-file" => Directive::DisableFile,
            _ => return None,
        })
    }
}

/// One suppression comment: the rules it names (or `all`) and which of them suppressed something.
struct Comment {
    span: Span,
    directive: Directive,
    /// The known rules it names, each with a used flag; empty with `all`.
    rules: Vec<(&'static str, bool)>,
    all: bool,
    all_used: bool,
}

/// The suppression comments of a document, indexed for lookups by position.
pub(super) struct Comments {
    list: Vec<Comment>,
    /// Findings about the comments themselves (unknown directive or rule).
    problems: Vec<Finding>,
    /// Region switches (`disable`/`enable`) in order: (position, comment index).
    switches: Vec<(usize, usize)>,
    /// Line number → comments that cover that line.
    lines: HashMap<usize, Vec<usize>>,
    file: Vec<usize>,
    /// Built on the first line directive.
    line_index: Option<LineIndex>,
}

impl Comments {
    /// The comments at `spans` of `text`.
    pub(super) fn parse(text: &str, spans: &[Span]) -> Comments {
        let mut c = Comments {
            list: Vec::new(),
            problems: Vec::new(),
            switches: Vec::new(),
            lines: HashMap::new(),
            file: Vec::new(),
            line_index: None,
        };
        for span in spans {
            c.add(text, span.clone());
        }
        c
    }

    fn add(&mut self, text: &str, span: Span) {
        let raw = slice(text, &span);
        let inner = raw.strip_prefix("<!--").unwrap_or(raw);
        let inner = inner.strip_suffix("-->").unwrap_or(inner).trim();
        let mut words = inner.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty());
        let Some(word) = words.next().filter(|w| w.starts_with("citelint-")) else { return };
        let Some(directive) = Directive::parse(word) else {
            self.problems.push(unused_finding(
                span,
                format!("unknown directive `{word}`"),
                "use citelint-disable, citelint-enable, citelint-disable-line, \
                 citelint-disable-next-line or citelint-disable-file"
                    .into(),
            ));
            return;
        };
        let mut rules = Vec::new();
        let mut named = false;
        for name in words {
            named = true;
            match rules::lookup(name) {
                Some(info) => rules.push((info.name, false)),
                None => self.problems.push(unused_finding(
                    span.clone(),
                    format!("unknown rule `{name}` in a suppression comment"),
                    rules::unknown_rule_help(name),
                )),
            }
        }
        // Only unknown names: the comment suppresses nothing, and has been reported.
        if named && rules.is_empty() {
            return;
        }
        let index = self.list.len();
        match directive {
            Directive::Disable | Directive::Enable => self.switches.push((span.end, index)),
            Directive::DisableFile => self.file.push(index),
            Directive::DisableLine | Directive::DisableNextLine => {
                let lines = self.line_index.get_or_insert_with(|| LineIndex::new(text));
                let end_line = lines.line_of(span.end.saturating_sub(1));
                let line = if directive == Directive::DisableLine { end_line } else { end_line + 1 };
                self.lines.entry(line).or_default().push(index);
            }
        }
        self.list.push(Comment { span, directive, rules, all: !named, all_used: false });
    }

    /// The comment that suppresses `finding`, marking it used.
    pub(super) fn suppressing(&mut self, finding: &Finding) -> Option<Span> {
        let mut found = None;
        let mut candidates: Vec<usize> = self.file.clone();
        if let Some(lines) = &self.line_index {
            let line = lines.line_of(finding.span.start);
            candidates.extend(self.lines.get(&line).into_iter().flatten());
        }
        if let Some(i) = self.region(finding) {
            candidates.push(i);
        }
        for i in candidates {
            if self.list[i].directive != Directive::Enable && self.mark(i, finding.rule) {
                found.get_or_insert_with(|| self.list[i].span.clone());
            }
        }
        found
    }

    /// The last `disable`/`enable` before the finding that concerns its rule.
    fn region(&self, finding: &Finding) -> Option<usize> {
        let before = self.switches.partition_point(|&(pos, _)| pos <= finding.span.start);
        self.switches[..before]
            .iter()
            .rev()
            .map(|&(_, i)| i)
            .find(|&i| self.list[i].all || self.list[i].rules.iter().any(|(r, _)| *r == finding.rule))
    }

    /// Whether comment `i` covers `rule`; if so, record that it was used.
    fn mark(&mut self, i: usize, rule: &str) -> bool {
        let c = &mut self.list[i];
        if c.all {
            c.all_used = true;
            return true;
        }
        match c.rules.iter_mut().find(|(r, _)| *r == rule) {
            Some((_, used)) => {
                *used = true;
                true
            }
            None => false,
        }
    }

    pub(super) fn unused(mut self, ran: &dyn Fn(&str) -> bool) -> Vec<Finding> {
        for c in &mut self.list {
            if c.directive == Directive::Enable {
                continue;
            }
            for (rule, used) in &mut c.rules {
                *used |= !ran(rule);
            }
            let name = match c.directive {
                Directive::Disable => "citelint-disable",
                Directive::DisableLine => "citelint-disable-line",
                Directive::DisableNextLine => "citelint-disable-next-line",
                Directive::DisableFile => "citelint-disable-file",
                Directive::Enable => unreachable!("skipped above"),
            };
            let unused: Vec<&str> = c.rules.iter().filter(|(_, used)| !used).map(|(r, _)| *r).collect();
            let nothing = if c.all { !c.all_used } else { unused.len() == c.rules.len() };
            let message = if nothing {
                format!("this `{name}` comment suppresses nothing")
            } else if !unused.is_empty() {
                format!("`{name}` suppresses nothing for {}", quoted_list(&unused))
            } else {
                continue;
            };
            let help = if unused.len() < c.rules.len() {
                "remove the rules that no longer occur from the comment"
            } else {
                "remove the comment: the finding it silenced is gone"
            };
            self.problems.push(unused_finding(c.span.clone(), message, help.into()));
        }
        rules::sort_findings(&mut self.problems);
        self.problems
    }
}

fn unused_finding(span: Span, message: String, help: String) -> Finding {
    Finding {
        rule: UnusedSuppression::INFO.name,
        severity: UnusedSuppression::INFO.default_severity,
        span,
        message,
        help: Some(help),
        note: None,
        related: Vec::new(),
    }
}

fn quoted_list(names: &[&str]) -> String {
    names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}
