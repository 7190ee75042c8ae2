//! `.pre-commit-hooks.yaml` is valid: the fields pre-commit reads, with values that match
//! this crate (binary name, file types) and the documented intent of each hook.
//!
//! Running a hook's entry through the binary on staged-like file lists is an end-to-end
//! test of the CLI and lives in tests/workflow.rs.

use std::path::Path;

use regex::Regex;
use serde::Deserialize;

/// A hook as pre-commit's manifest schema defines it; unknown keys are typos.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Hook {
    id: String,
    name: String,
    entry: String,
    language: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    files: Option<String>,
    #[serde(default)]
    exclude: Option<String>,
    #[serde(default)]
    types: Vec<String>,
    #[serde(default)]
    types_or: Vec<String>,
    #[serde(default)]
    exclude_types: Vec<String>,
    #[serde(default)]
    args: Vec<String>,
    #[serde(default)]
    additional_dependencies: Vec<String>,
    #[serde(default)]
    always_run: Option<bool>,
    #[serde(default)]
    fail_fast: Option<bool>,
    #[serde(default)]
    pass_filenames: Option<bool>,
    #[serde(default)]
    require_serial: Option<bool>,
    #[serde(default)]
    stages: Option<Vec<String>>,
    #[serde(default)]
    verbose: Option<bool>,
    #[serde(default)]
    language_version: Option<String>,
    #[serde(default)]
    log_file: Option<String>,
    #[serde(default)]
    minimum_pre_commit_version: Option<String>,
}

/// The stage names of pre-commit 3.2 and later.
const STAGES: &[&str] = &[
    "pre-commit",
    "pre-merge-commit",
    "pre-push",
    "prepare-commit-msg",
    "commit-msg",
    "post-checkout",
    "post-commit",
    "post-merge",
    "post-rewrite",
    "manual",
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn hooks() -> Vec<Hook> {
    let text = std::fs::read_to_string(root().join(".pre-commit-hooks.yaml")).expect("manifest at the root");
    serde_norway::from_str(&text).expect("manifest parses as a list of hooks")
}

fn hook(id: &str) -> Hook {
    hooks().into_iter().find(|h| h.id == id).unwrap_or_else(|| panic!("no hook {id}"))
}

/// The binary that `language: rust` installs: the crate's `[[bin]]` name.
fn binary_name() -> String {
    let manifest: toml::Value =
        toml::from_str(&std::fs::read_to_string(root().join("Cargo.toml")).unwrap()).unwrap();
    manifest["bin"].as_array().expect("[[bin]]")[0]["name"].as_str().unwrap().to_owned()
}

#[test]
fn the_manifest_declares_the_two_hooks_with_unique_ids() {
    let ids: Vec<String> = hooks().into_iter().map(|h| h.id).collect();
    assert_eq!(ids, ["citelint", "citelint-links"]);
}

#[test]
fn every_hook_builds_the_crate_and_runs_its_binary_on_the_given_files() {
    for h in hooks() {
        assert_eq!(h.language, "rust", "{}", h.id);
        assert!(!h.name.is_empty() && h.description.as_deref().is_some_and(|d| !d.is_empty()), "{}", h.id);
        let words: Vec<&str> = h.entry.split_whitespace().collect();
        assert_eq!(words[..2], [binary_name().as_str(), "check"], "{}", h.id);
        assert_eq!(h.pass_filenames, Some(true), "{}", h.id);
        assert_eq!(h.always_run, None, "{}: a hook with nothing to check must not run", h.id);
        assert!(h.args.is_empty() && h.additional_dependencies.is_empty(), "{}", h.id);
        assert!(h.exclude.is_none() && h.types_or.is_empty() && h.exclude_types.is_empty(), "{}", h.id);
        assert_eq!(h.types, ["text"], "{}", h.id);
        assert!(h.fail_fast.is_none() && h.verbose.is_none(), "{}", h.id);
        assert!(h.language_version.is_none() && h.log_file.is_none(), "{}", h.id);
    }
}

#[test]
fn the_file_pattern_selects_profiles_only() {
    for h in hooks() {
        let pattern = Regex::new(h.files.as_deref().expect("files pattern")).expect("pattern compiles");
        // pre-commit matches with Python's re.search on the repository-relative path.
        for path in ["x.txt", "a/b.md", "profiles/armenia-mine-ban-policy.txt", "c.markdown", "D.MD"] {
            assert!(pattern.is_match(path), "{}: {path} should be checked", h.id);
        }
        for path in ["x.rs", "notes.txt.bak", "a/md", "README.mdx", "Cargo.toml", "b.md/x.json"] {
            assert!(!pattern.is_match(path), "{}: {path} should not be checked", h.id);
        }
    }
}

#[test]
fn the_offline_hook_runs_at_commit_time_without_the_network() {
    let h = hook("citelint");
    assert!(h.entry.split_whitespace().any(|w| w == "--offline"), "{}", h.entry);
    // No stages: every stage, pre-commit included. Files split across processes is fine:
    // offline checks are per file.
    assert!(h.stages.is_none(), "{:?}", h.stages);
    assert_ne!(h.require_serial, Some(true));
}

#[test]
fn the_links_hook_never_blocks_a_commit_and_runs_in_one_process() {
    let h = hook("citelint-links");
    assert!(!h.entry.contains("--offline"), "{}", h.entry);
    let stages = h.stages.expect("explicit stages");
    assert_eq!(stages, ["pre-push", "manual"]);
    // One process sees every URL once and keeps the concurrency limit.
    assert_eq!(h.require_serial, Some(true));
}

#[test]
fn stage_names_need_a_pre_commit_that_knows_them() {
    for h in hooks() {
        for s in h.stages.iter().flatten() {
            assert!(STAGES.contains(&s.as_str()), "{}: unknown stage {s}", h.id);
        }
        let version = h.minimum_pre_commit_version.expect("minimum_pre_commit_version");
        let parts: Vec<u32> = version.split('.').map(|p| p.parse().unwrap()).collect();
        assert!(parts >= vec![3, 2, 0], "{}: stage names like pre-push need pre-commit 3.2", h.id);
    }
}
