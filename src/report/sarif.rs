//! SARIF 2.1.0, shaped for GitHub code scanning: the whole rule catalogue as the driver's
//! rules (ids are the rule names), one result per finding, columns in code points.

use std::collections::HashMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::span_positions;
use crate::check::Outcome;
use crate::rules::{REGISTRY, Severity};
use crate::source::LineIndex;

pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Where users read about the tool: the package's repository, when Cargo.toml names
/// one. SARIF makes the field optional, and a guessed address would send readers nowhere.
fn information_uri() -> Option<&'static str> {
    Some(env!("CARGO_PKG_REPOSITORY")).filter(|repo| !repo.is_empty())
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Build the SARIF log for `outcome`.
pub fn log(outcome: &Outcome) -> Value {
    let rules: Vec<Value> = REGISTRY
        .iter()
        .map(|r| {
            let docs = r.docs_text();
            json!({
                "id": r.name,
                "name": pascal_case(r.name),
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": first_paragraph(&docs) },
                "help": { "text": docs, "markdown": docs },
                "defaultConfiguration": { "level": level(r.default_severity) },
            })
        })
        .collect();
    let rule_index: HashMap<&str, usize> = REGISTRY.iter().enumerate().map(|(i, r)| (r.name, i)).collect();

    let mut results = Vec::new();
    let cwd = std::env::current_dir().ok();
    for file in &outcome.files {
        let index = LineIndex::new(&file.source);
        let artifact = artifact_location(&file.path, cwd.as_deref());
        // Fingerprints must tell apart two identical findings in one file.
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for f in &file.findings {
            let (start, end) = span_positions(&index, &file.source, f);
            let location = |start: crate::source::Position, end: crate::source::Position| {
                json!({
                    "artifactLocation": artifact,
                    "region": {
                        "startLine": start.line,
                        "startColumn": start.column,
                        "endLine": end.line,
                        "endColumn": end.column,
                    }
                })
            };
            let related: Vec<Value> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let (rs, re) = (
                        index.position(&file.source, r.span.start),
                        index.position(&file.source, r.span.end),
                    );
                    json!({
                        "id": i,
                        "physicalLocation": location(rs, re),
                        "message": { "text": r.message },
                    })
                })
                .collect();
            let hash = fingerprint(f.rule, &file.source[f.span.clone()], &f.message);
            let n = seen.entry(hash).or_default();
            *n += 1;
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index.get(f.rule).copied().unwrap_or(0),
                "level": level(f.severity),
                "message": { "text": match &f.help {
                    Some(help) => format!("{}\nhelp: {help}", f.message),
                    None => f.message.clone(),
                } },
                "locations": [ { "physicalLocation": location(start, end) } ],
                "partialFingerprints": { "citelint/v1": format!("{hash:016x}:{n}") },
            });
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            results.push(result);
        }
    }

    let notifications: Vec<Value> = outcome
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": e.to_string() },
                "locations": [ { "physicalLocation": {
                    "artifactLocation": artifact_location(e.path(), cwd.as_deref())
                } } ],
            })
        })
        .collect();

    let mut driver = json!({
        "name": "citelint",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(uri) = information_uri() {
        driver["informationUri"] = uri.into();
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [ {
            "tool": { "driver": driver },
            "invocations": [ {
                "executionSuccessful": outcome.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            } ],
            "columnKind": "unicodeCodePoints",
            "results": results,
        } ],
    })
}

pub fn write(outcome: &Outcome, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(outcome))?;
    writeln!(out)
}

/// Where a file is: relative to the checkout root (`%SRCROOT%`, the working directory)
/// when it can be, else an absolute `file://` URI.
fn artifact_location(path: &str, cwd: Option<&std::path::Path>) -> Value {
    let p = std::path::Path::new(path);
    if !p.is_absolute() {
        return json!({ "uri": uri(path), "uriBaseId": "%SRCROOT%" });
    }
    match cwd.and_then(|c| p.strip_prefix(c).ok()) {
        Some(rel) => json!({ "uri": uri(&rel.to_string_lossy()), "uriBaseId": "%SRCROOT%" }),
        None => json!({ "uri": format!("file://{}", uri(path)) }),
    }
}

/// A path as a relative URI reference: forward slashes, reserved characters escaped.
fn uri(path: &str) -> String {
    let path = path.replace('\\', "/");
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// `missing-footnote` → `MissingFootnote`, SARIF's human-readable rule name.
fn pascal_case(name: &str) -> String {
    name.split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
        })
        .collect()
}

/// The docs' first paragraph after the `## What it does` heading.
fn first_paragraph(docs: &str) -> String {
    docs.lines()
        .map(str::trim)
        .skip_while(|l| l.is_empty() || l.starts_with('#'))
        .take_while(|l| !l.is_empty() && !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// FNV-1a over the rule, the flagged text and the message: stable when lines move.
fn fingerprint(rule: &str, flagged: &str, message: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [rule, "\0", flagged, "\0", message] {
        for b in part.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_escape_spaces_and_keep_slashes() {
        assert_eq!(uri("profiles/my file.txt"), "profiles/my%20file.txt");
        assert_eq!(uri("a\\b.md"), "a/b.md");
        assert_eq!(uri("Հ.txt"), "%D5%80.txt");
    }

    #[test]
    fn absolute_paths_are_made_relative_to_the_working_directory_when_inside_it() {
        let cwd = std::path::Path::new("/repo");
        assert_eq!(
            artifact_location("/repo/p/a.txt", Some(cwd)),
            json!({ "uri": "p/a.txt", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location("/elsewhere/a b.txt", Some(cwd)),
            json!({ "uri": "file:///elsewhere/a%20b.txt" })
        );
    }

    #[test]
    fn rule_names_become_pascal_case() {
        assert_eq!(pascal_case("missing-footnote"), "MissingFootnote");
    }

    #[test]
    fn full_description_is_the_first_paragraph() {
        let docs = " ## What it does\n Flags a thing\n that is bad.\n\n ## Why is this bad?\n x\n";
        assert_eq!(first_paragraph(docs), "Flags a thing that is bad.");
    }
}
