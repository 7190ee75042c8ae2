//! Where users run citelint, end to end through the binary: baselines for CI gating,
//! suppressions (Markdown comments and `[[ignore]]` entries), unused suppressions, the
//! HTML and GitLab reports, `--changed-since`, `init`, completions and the man page, and
//! the pre-commit hook's entry on staged-like file lists.

mod support;

use std::fs;
use std::path::Path;
use std::process::{Command as StdCommand, Stdio};

use support::cli::{CLEAN, FLAWED, Scratch, WARNING_ONLY, findings, json, run};

/// Profile with one missing footnote ([3]) and nothing else.
const ONE_MISSING: &str = "\
Mine Ban Policy

Armenia has not acceded to the Mine Ban Treaty.[1] It voted for Resolution 77/63.[3]

[1] Statement of Armenia, Geneva, 21 June 2021.
";

fn rules_of(report: &serde_json::Value) -> Vec<String> {
    findings(report).into_iter().map(|(rule, _, _)| rule).collect()
}

// ---- Baselines ------------------------------------------------------------------------

#[test]
fn write_baseline_records_findings_and_exits_zero() {
    let s = Scratch::new();
    s.write("p/flawed.txt", FLAWED);
    let (code, _, stderr) = run(s.cmd().args(["p", "--write-baseline", "baseline.json"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("wrote baseline baseline.json (3 findings)"), "{stderr}");
    let baseline = json(&fs::read_to_string(s.path().join("baseline.json")).unwrap());
    assert_eq!(baseline["version"], 1);
    let mut rules: Vec<&str> =
        baseline["findings"].as_array().unwrap().iter().map(|e| e["rule"].as_str().unwrap()).collect();
    rules.sort();
    assert_eq!(rules, ["footnote-order", "missing-footnote", "unused-footnote"]);
    // No temporary file is left beside it.
    let names: Vec<String> =
        fs::read_dir(s.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn baselined_findings_stay_quiet_after_an_edit_above_them() {
    let s = Scratch::new();
    s.write("p/flawed.txt", FLAWED);
    assert_eq!(run(s.cmd().args(["p", "--write-baseline", "baseline.json"])).0, 0);
    // A new paragraph above every finding moves them all down by two lines.
    let edited = FLAWED.replacen(
        "\nArmenia has not",
        "\nA paragraph added later, citing nothing at all.\n\nArmenia has not",
        1,
    );
    assert_ne!(edited, FLAWED);
    s.write("p/flawed.txt", &edited);
    let (code, stdout, stderr) = run(s.cmd().args(["p", "--baseline", "baseline.json"]));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert!(stderr.ends_with("no findings; 3 baselined\n"), "{stderr}");
    assert!(!stderr.contains("stale"), "{stderr}");
}

#[test]
fn a_new_finding_fails_despite_the_baseline() {
    let s = Scratch::new();
    s.write("p/flawed.txt", FLAWED);
    assert_eq!(run(s.cmd().args(["p", "--write-baseline", "baseline.json"])).0, 0);
    // A new paragraph: the old findings' context (which stops at blank lines) is unchanged.
    let edited = FLAWED.replace("\n\n[1] Statement", "\n\nArmenia abstained in 2023.[9]\n\n[1] Statement");
    assert_ne!(edited, FLAWED);
    s.write("p/flawed.txt", &edited);
    let (code, stdout, _) = run(s.cmd().args(["p", "--baseline", "baseline.json", "--format", "json"]));
    assert_eq!(code, 1);
    let report = json(&stdout);
    let new: Vec<_> = report["findings"].as_array().unwrap().iter().map(|f| f["message"].clone()).collect();
    assert_eq!(new, [serde_json::json!("footnote [9] is cited but does not exist")]);
    assert_eq!(report["summary"]["baselined"], 3);
}

#[test]
fn baseline_entries_that_no_longer_match_are_listed() {
    let s = Scratch::new();
    s.write("p/flawed.txt", FLAWED);
    assert_eq!(run(s.cmd().args(["p", "--write-baseline", "baseline.json"])).0, 0);
    // Note 3 is added: the missing-footnote finding is gone, and [4] is still unused.
    let fixed = FLAWED.replace("[4] Interview", "[3] Vote, UNGA, 7 December 2022.\n\n[4] Interview");
    s.write("p/flawed.txt", &fixed);
    let (code, _, stderr) = run(s.cmd().args(["p", "--baseline", "baseline.json"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "stale baseline entry: p/flawed.txt: missing-footnote “[3]”: footnote [3] is cited but does not exist"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("1 baseline entry no longer matches a finding"), "{stderr}");

    let (_, stdout, _) = run(s.cmd().args(["p", "--baseline", "baseline.json", "--format", "json"]));
    let stale = json(&stdout)["stale_baseline"].clone();
    assert_eq!(stale.as_array().unwrap().len(), 1, "{stale}");
    assert_eq!(stale[0]["rule"], "missing-footnote");
    assert_eq!(stale[0]["path"], "p/flawed.txt");
    assert_eq!(stale[0]["missing"], 1);

    // Rewriting the baseline prunes it.
    assert_eq!(run(s.cmd().args(["p", "--write-baseline", "baseline.json"])).0, 0);
    let (_, _, stderr) = run(s.cmd().args(["p", "--baseline", "baseline.json"]));
    assert!(!stderr.contains("stale"), "{stderr}");
}

#[test]
fn writing_a_baseline_for_some_files_keeps_the_entries_of_the_others() {
    let s = Scratch::new();
    s.write("p/a.txt", FLAWED);
    s.write("p/b.txt", WARNING_ONLY);
    assert_eq!(run(s.cmd().args(["p", "--write-baseline", "baseline.json"])).0, 0);
    s.write("p/a.txt", CLEAN);
    // A pre-commit style run on one file rewrites that file's entries only.
    assert_eq!(run(s.cmd().args(["p/a.txt", "--write-baseline", "baseline.json"])).0, 0);
    let baseline = json(&fs::read_to_string(s.path().join("baseline.json")).unwrap());
    let paths: Vec<&str> =
        baseline["findings"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["p/b.txt"]);
    assert_eq!(run(s.cmd().args(["p", "--baseline", "baseline.json"])).0, 0);
}

#[test]
fn a_stale_entry_of_an_unchecked_file_is_listed_only_for_a_whole_collection_run() {
    let s = Scratch::new();
    s.write("p/a.txt", FLAWED);
    s.write("p/b.txt", WARNING_ONLY);
    assert_eq!(run(s.cmd().args(["p", "--write-baseline", "baseline.json"])).0, 0);
    fs::remove_file(s.path().join("p/b.txt")).unwrap();
    let (_, _, stderr) = run(s.cmd().args(["p/a.txt", "--baseline", "baseline.json"]));
    assert!(!stderr.contains("stale"), "a run on one file says nothing of the others: {stderr}");
    let (_, _, stderr) = run(s.cmd().args(["p", "--baseline", "baseline.json"]));
    assert!(stderr.contains("stale baseline entry: p/b.txt: unused-footnote"), "{stderr}");
}

#[test]
fn a_corrupt_or_missing_baseline_is_an_error() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, _, stderr) = run(s.cmd().args(["flawed.txt", "--baseline", "nope.json"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("cannot read baseline nope.json"), "{stderr}");
    s.write("bad.json", "{\"version\": 1, \"findings\": 3}");
    let (code, _, stderr) = run(s.cmd().args(["flawed.txt", "--baseline", "bad.json"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("not a valid citelint baseline"), "{stderr}");
}

#[test]
fn baseline_and_write_baseline_together_accept_new_findings_and_show_them() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    assert_eq!(run(s.cmd().args(["flawed.txt", "--write-baseline", "b.json"])).0, 0);
    s.write(
        "flawed.txt",
        FLAWED.replace("\n\n[1] Statement", "\n\nArmenia abstained in 2023.[9]\n\n[1] Statement"),
    );
    let (code, stdout, _) = run(s.cmd().args([
        "flawed.txt",
        "--baseline",
        "b.json",
        "--write-baseline",
        "b.json",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0);
    assert_eq!(rules_of(&json(&stdout)), ["missing-footnote"], "the new finding is shown");
    assert_eq!(run(s.cmd().args(["flawed.txt", "--baseline", "b.json"])).0, 0, "and now recorded");
}

// ---- Suppressions ---------------------------------------------------------------------

const IGNORE_CONFIG: &str = r#"[[ignore]]
path = "p/one.txt"
rule = "missing-footnote"
text = "[3]"
reason = "Note 3 was withdrawn; the print edition keeps the marker."
"#;

#[test]
fn an_ignore_entry_suppresses_its_finding_and_the_reason_is_echoed() {
    let s = Scratch::new();
    s.write("p/one.txt", ONE_MISSING);
    s.write("citelint.toml", IGNORE_CONFIG);
    let (code, stdout, stderr) = run(s.cmd().arg("p"));
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "suppressed: p/one.txt:3:82: missing-footnote: footnote [3] is cited but does not exist \
         ([[ignore]] entry 1): Note 3 was withdrawn; the print edition keeps the marker.\n\
         checked 1 file (2 citations, 1 footnote): no findings; 1 suppressed\n"
    );

    let (_, stdout, _) = run(s.cmd().args(["p", "--format", "json"]));
    let report = json(&stdout);
    assert_eq!(report["findings"], serde_json::json!([]));
    assert_eq!(report["summary"]["suppressed"], 1);
    let suppressed = &report["suppressed"][0];
    assert_eq!(suppressed["rule"], "missing-footnote");
    assert_eq!(suppressed["path"], "p/one.txt");
    assert_eq!(suppressed["line"], 3);
    assert_eq!(suppressed["by"], "ignore");
    assert_eq!(suppressed["ignore_entry"], 1);
    assert_eq!(suppressed["reason"], "Note 3 was withdrawn; the print edition keeps the marker.");
}

#[test]
fn ignore_entries_match_paths_relative_to_the_config_file() {
    let s = Scratch::new();
    s.write("p/one.txt", ONE_MISSING);
    s.write("citelint.toml", IGNORE_CONFIG);
    // Run from p/: the file is reported as one.txt but the entry names p/one.txt.
    let (code, _, stderr) = run(s.cmd().current_dir(s.path().join("p")).arg("one.txt"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.ends_with("1 suppressed\n"), "{stderr}");
}

#[test]
fn an_ignore_entry_that_suppresses_nothing_is_reported_at_its_line_in_the_config() {
    let s = Scratch::new();
    s.write("p/one.txt", CLEAN);
    s.write("citelint.toml", format!("[rules]\nunused-footnote = \"warning\"\n\n{IGNORE_CONFIG}"));
    let (code, stdout, stderr) = run(s.cmd().args(["p", "--format", "json"]));
    assert_eq!(code, 0, "unused-suppression is info by default: {stderr}");
    assert_eq!(findings(&json(&stdout)), [("unused-suppression".to_owned(), "citelint.toml".to_owned(), 4)]);
    let report = json(&stdout);
    assert!(
        report["findings"][0]["message"].as_str().unwrap().contains("[[ignore]] entry 1"),
        "{}",
        report["findings"][0]["message"]
    );
    assert_eq!(report["summary"]["files"], 1, "the config file is not counted as a checked profile");

    // Its severity is configurable like any rule's…
    s.write("citelint.toml", format!("[rules]\nunused-suppression = \"error\"\n\n{IGNORE_CONFIG}"));
    let (code, stdout, _) = run(s.cmd().args(["p"]));
    assert_eq!(code, 1);
    assert!(stdout.contains("citelint.toml:4"), "{stdout}");
    assert!(stdout.contains("suppresses nothing"), "{stdout}");
    // …and it can be turned off.
    s.write("citelint.toml", format!("[rules]\nunused-suppression = \"off\"\n\n{IGNORE_CONFIG}"));
    let (code, stdout, _) = run(s.cmd().args(["p", "--fail-on", "info"]));
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn an_ignore_entry_for_a_rule_that_did_not_run_is_not_unused() {
    let s = Scratch::new();
    s.write("p/one.txt", CLEAN);
    s.write("citelint.toml", IGNORE_CONFIG);
    let (code, stdout, _) = run(s.cmd().args(["p", "--ignore", "missing-footnote", "--fail-on", "info"]));
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn an_ignore_entry_for_a_file_not_checked_is_reported_only_for_a_collection_run() {
    let s = Scratch::new();
    s.write("p/other.txt", CLEAN);
    s.write("citelint.toml", IGNORE_CONFIG);
    let (_, stdout, _) = run(s.cmd().args(["p/other.txt", "--format", "json"]));
    assert_eq!(findings(&json(&stdout)), []);
    let (_, stdout, _) = run(s.cmd().args(["p", "--format", "json"]));
    let report = json(&stdout);
    assert_eq!(rules_of(&report), ["unused-suppression"]);
    assert!(report["findings"][0]["message"].as_str().unwrap().contains("matches no checked file"));
}

#[test]
fn an_ignore_entry_with_an_unknown_rule_is_a_config_error_at_the_entry() {
    let s = Scratch::new();
    s.write("one.txt", CLEAN);
    s.write("citelint.toml", "[[ignore]]\npath = \"one.txt\"\nrule = \"missing-fotnote\"\n");
    let (code, _, stderr) = run(s.cmd().arg("one.txt"));
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown rule `missing-fotnote`"), "{stderr}");
    assert!(stderr.contains("did you mean `missing-footnote`"), "{stderr}");
    assert!(stderr.contains("citelint.toml:1:1"), "{stderr}");
}

const MD_SUPPRESSED: &str = "\
# Mine Ban Policy

<!-- citelint-disable-next-line missing-footnote -->
Armenia voted in favor of Resolution 77/63.[^vote]

Armenia has not acceded to the treaty.[^statement] It says so each year.[^letter]

<!-- citelint-disable-next-line unused-footnote -->
[^statement]: Statement of Armenia, Geneva, 21 June 2021.
";

#[test]
fn markdown_comments_suppress_findings_and_unused_ones_are_reported() {
    let s = Scratch::new();
    s.write("p/profile.md", MD_SUPPRESSED);
    let (code, stdout, stderr) = run(s.cmd().args([
        "p",
        "--format",
        "json",
        "--select",
        "missing-footnote,unused-footnote,unused-suppression",
    ]));
    assert_eq!(code, 1, "{stderr}");
    let report = json(&stdout);
    // [^vote] is suppressed; [^letter] is not; the unused-footnote comment covers a note
    // that is cited, so it suppresses nothing.
    assert_eq!(
        findings(&report),
        [
            ("missing-footnote".to_owned(), "p/profile.md".to_owned(), 6),
            ("unused-suppression".to_owned(), "p/profile.md".to_owned(), 8),
        ]
    );
    assert_eq!(report["summary"]["suppressed"], 1);
    assert_eq!(report["suppressed"][0]["rule"], "missing-footnote");
    assert_eq!(report["suppressed"][0]["by"], "comment");
    assert_eq!(report["suppressed"][0]["comment_line"], 3);
    assert_eq!(report["suppressed"][0]["line"], 4);
    assert_eq!(report["suppressed"][0]["reason"], serde_json::Value::Null);
}

#[test]
fn a_link_rule_suppression_is_not_unused_when_links_are_not_checked() {
    let s = Scratch::new();
    let text = "# P\n\n<!-- citelint-disable-next-line dead-link -->\nSee <https://example.org/gone>.[^a]\n\n\
                [^a]: Statement of Armenia, Geneva, 21 June 2021.\n";
    s.write("p.md", text);
    let (code, stdout, stderr) = run(s.cmd().args(["p.md", "--offline", "--fail-on", "info"]));
    assert_eq!((code, stdout.as_str()), (0, ""), "{stderr}");
    // A rule that ran and found nothing: the same comment for missing-footnote is stale.
    s.write("p.md", text.replace("dead-link", "missing-footnote"));
    let (code, stdout, _) = run(s.cmd().args(["p.md", "--offline", "--fail-on", "info"]));
    assert_eq!(code, 1);
    assert!(stdout.contains("unused-suppression") && stdout.contains("suppresses nothing"), "{stdout}");
}

// ---- Reports --------------------------------------------------------------------------

#[test]
fn html_report_is_one_page_with_the_findings() {
    let s = Scratch::new();
    s.write("p/flawed.txt", FLAWED);
    s.write("p/clean.txt", CLEAN);
    let (code, stdout, stderr) = run(s.cmd().args(["p", "--format", "html"]));
    assert_eq!(code, 1, "{stderr}");
    s.write("report.html", &stdout);
    assert!(stdout.starts_with("<!DOCTYPE html>"), "{}", &stdout[..80.min(stdout.len())]);
    assert!(stdout.trim_end().ends_with("</html>"));
    for message in [
        "footnote [3] is cited but does not exist",
        "footnote [2] is first cited after footnote [4]",
        "flawed.txt",
        // A file without findings is shown too, with its text.
        "clean.txt",
        "It says so each year.",
    ] {
        assert!(stdout.contains(message), "page lacks {message}");
    }
    // Citations link to their notes and back in both files (the check kept their
    // markers for the page): clean.txt is the first file, flawed.txt the second.
    for link in
        ["href=\"#f0-n0\"", "id=\"f0-n1\" href=\"#f0-c1\"", "href=\"#f1-n0\"", "id=\"f1-n0\" href=\"#f1-c0\""]
    {
        assert!(stdout.contains(link), "page lacks {link}");
    }
    // Self-contained: no external stylesheet, script or image.
    for external in ["<link ", "src=\"http", "href=\"http", "@import"] {
        assert!(!stdout.contains(external), "page loads {external}");
    }
}

#[test]
fn gitlab_report_snapshot() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, stdout, _) = run(s.cmd().args(["flawed.txt", "--format", "gitlab"]));
    assert_eq!(code, 1);
    let issues = json(&stdout);
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), 3);
    let mut prints: Vec<&str> = issues.iter().map(|i| i["fingerprint"].as_str().unwrap()).collect();
    prints.sort();
    prints.dedup();
    assert_eq!(prints.len(), 3, "fingerprints are unique");
    insta::assert_snapshot!("gitlab", stdout);
}

#[test]
fn summary_comes_after_the_findings_on_a_shared_pipe() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let log = s.path().join("both.log");
    let file = fs::File::create(&log).unwrap();
    let status = StdCommand::new(env!("CARGO_BIN_EXE_citelint"))
        .current_dir(s.path())
        .arg("flawed.txt")
        .stdout(Stdio::from(file.try_clone().unwrap()))
        .stderr(Stdio::from(file))
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let both = fs::read_to_string(&log).unwrap();
    let summary = both.find("checked 1 file").expect("summary");
    let last_finding = both.rfind("unused-footnote").expect("a finding");
    assert!(last_finding < summary, "{both}");
    assert!(both.ends_with("0 info\n"), "{both}");
}

// ---- --changed-since ------------------------------------------------------------------

fn git(dir: &Path, args: &[&str]) {
    let out = StdCommand::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

fn have_git() -> bool {
    let ok = StdCommand::new("git").arg("--version").output().is_ok_and(|o| o.status.success());
    if !ok {
        eprintln!("note: git not found; skipping");
    }
    ok
}

#[test]
fn changed_since_checks_changed_and_untracked_profiles_only() {
    if !have_git() {
        return;
    }
    let s = Scratch::new();
    s.write("p/unchanged.txt", FLAWED);
    s.write("p/edited.txt", CLEAN);
    s.write("p/deleted.txt", FLAWED);
    s.write("p/committed.txt", CLEAN);
    s.write(".gitignore", "p/ignored.txt\n");
    git(s.path(), &["init", "-q", "-b", "main"]);
    git(s.path(), &["add", "-A"]);
    git(s.path(), &["commit", "-qm", "start"]);
    git(s.path(), &["tag", "start"]);
    // A commit since the revision, an unstaged edit, a deletion, an untracked file and an
    // ignored one.
    s.write("p/committed.txt", FLAWED);
    git(s.path(), &["commit", "-qam", "later"]);
    s.write("p/edited.txt", WARNING_ONLY);
    fs::remove_file(s.path().join("p/deleted.txt")).unwrap();
    s.write("p/new.txt", ONE_MISSING);
    s.write("p/ignored.txt", FLAWED);

    let (code, stdout, stderr) = run(s.cmd().args(["p", "--changed-since", "start", "--format", "json"]));
    assert_eq!(code, 1, "{stderr}");
    let report = json(&stdout);
    let mut paths: Vec<String> = findings(&report).into_iter().map(|(_, p, _)| p).collect();
    paths.dedup();
    assert_eq!(paths, ["p/committed.txt", "p/edited.txt", "p/new.txt"]);
    assert_eq!(report["summary"]["files"], 3);

    // Only among the given paths.
    let (_, stdout, _) = run(s.cmd().args(["p/new.txt", "--changed-since", "start", "--format", "json"]));
    assert_eq!(json(&stdout)["summary"]["files"], 1);

    // Nothing changed since HEAD but the working-tree edits and untracked files.
    let (_, stdout, _) = run(s.cmd().args(["p", "--changed-since", "HEAD", "--format", "json"]));
    assert_eq!(json(&stdout)["summary"]["files"], 2);
}

#[test]
fn changed_since_a_bad_revision_or_outside_a_repository_is_an_error() {
    if !have_git() {
        return;
    }
    let s = Scratch::new();
    s.write("p/a.txt", CLEAN);
    let (code, _, stderr) = run(s
        .cmd()
        .args(["p", "--changed-since", "main"])
        .env("GIT_CEILING_DIRECTORIES", s.path().parent().unwrap()));
    assert_eq!(code, 2);
    assert!(stderr.contains("not inside a git repository"), "{stderr}");

    git(s.path(), &["init", "-q", "-b", "main"]);
    git(s.path(), &["add", "-A"]);
    git(s.path(), &["commit", "-qm", "start"]);
    let (code, _, stderr) = run(s.cmd().args(["p", "--changed-since", "no-such-branch"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown revision `no-such-branch`"), "{stderr}");
    let (code, _, stderr) = run(s.cmd().args(["p", "--changed-since", "--output=x"]));
    assert_eq!(code, 2, "{stderr}");
    assert!(!s.path().join("x").exists(), "a revision is never read as a git option");
}

// ---- init, completions, man -----------------------------------------------------------

#[test]
fn init_writes_a_config_the_checker_reads_and_refuses_to_overwrite() {
    let s = Scratch::new();
    s.write("a.txt", FLAWED);
    let (code, _, stderr) = run(s.cmd().arg("init"));
    assert_eq!(code, 0, "{stderr}");
    let written = fs::read_to_string(s.path().join("citelint.toml")).unwrap();
    assert!(written.contains("missing-footnote") && written.contains("[links]"), "{written}");
    // The defaults it writes give the same report as no config at all.
    let with = run(s.cmd().args(["a.txt", "--format", "json"]));
    let without = run(s.cmd().args(["a.txt", "--format", "json", "--no-config"]));
    assert_eq!(with, without);

    s.write("citelint.toml", "# mine\n");
    let (code, _, stderr) = run(s.cmd().arg("init"));
    assert_eq!(code, 2);
    assert!(stderr.contains("already exists") && stderr.contains("--force"), "{stderr}");
    assert_eq!(fs::read_to_string(s.path().join("citelint.toml")).unwrap(), "# mine\n");
    assert_eq!(run(s.cmd().args(["init", "--force"])).0, 0);
    assert_eq!(fs::read_to_string(s.path().join("citelint.toml")).unwrap(), written);
    assert_eq!(run(s.cmd().args(["init", "conf/other.toml"])).0, 2, "no such directory");
}

#[test]
fn completions_cover_every_shell_and_subcommand() {
    let s = Scratch::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, stdout, stderr) = run(s.cmd().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {stderr}");
        for word in ["check", "explain", "init", "baseline", "changed-since"] {
            assert!(stdout.contains(word), "{shell} completions lack {word}");
        }
    }
    assert_eq!(run(s.cmd().args(["completions", "tcsh"])).0, 2);
}

#[test]
fn man_page_is_roff_naming_the_subcommands() {
    let s = Scratch::new();
    let (code, stdout, _) = run(s.cmd().arg("man"));
    assert_eq!(code, 0);
    assert!(stdout.lines().any(|l| l.starts_with(".TH citelint 1")), "{stdout}");
    assert!(stdout.contains(".SH NAME") && stdout.contains(".SH SUBCOMMANDS"), "{stdout}");
    for sub in ["check", "rules", "explain", "init", "completions"] {
        assert!(stdout.contains(sub), "man page lacks {sub}");
    }
    assert_eq!(run(s.cmd().arg("manpage")).1, stdout);
}

// ---- pre-commit -----------------------------------------------------------------------

/// The `citelint` hook's entry and file pattern, from the manifest.
fn hook() -> (Vec<String>, regex::Regex) {
    #[derive(serde::Deserialize)]
    struct Hook {
        id: String,
        entry: String,
        files: String,
    }
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml")).unwrap();
    // Other keys are validated by tests/precommit_manifest.rs.
    let hooks: Vec<Hook> = serde_norway::from_str(&text).unwrap();
    let hook = hooks.into_iter().find(|h| h.id == "citelint").expect("citelint hook");
    (hook.entry.split_whitespace().map(str::to_owned).collect(), regex::Regex::new(&hook.files).unwrap())
}

/// Run the hook as pre-commit would on `staged`: keep the files its pattern selects; with
/// none left the hook does not run (None); else run its entry (the binary in place of
/// its first word) with them.
fn run_hook(s: &Scratch, staged: &[&str]) -> Option<(i32, String, String)> {
    let (entry, files) = hook();
    let selected: Vec<&str> = staged.iter().copied().filter(|f| files.is_match(f)).collect();
    if selected.is_empty() {
        return None;
    }
    let mut cmd = s.cmd();
    assert_eq!(entry[0], "citelint");
    cmd.args(&entry[1..]).args(&selected);
    Some(run(&mut cmd))
}

#[test]
fn the_pre_commit_hook_passes_a_clean_profile_and_fails_a_broken_one() {
    let s = Scratch::new();
    s.write("profiles/clean.txt", CLEAN);
    s.write("profiles/broken.txt", FLAWED);
    s.write("profiles/other-broken.md", "# x\n\nSaid.[^9]\n");
    s.write("src/main.rs", "fn main() {}\n");

    let (code, stdout, stderr) = run_hook(&s, &["profiles/clean.txt", "src/main.rs"]).expect("hook runs");
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(stderr, "checked 1 file (2 citations, 2 footnotes): no findings\n", "only the given file");

    let (code, stdout, stderr) = run_hook(&s, &["profiles/broken.txt"]).expect("hook runs");
    assert_eq!(code, 1);
    assert!(stdout.contains("footnote [3] is cited but does not exist"), "{stdout}");
    assert!(stdout.contains("profiles/broken.txt"), "{stdout}");
    assert!(!stdout.contains("other-broken"), "files not staged are not checked: {stdout}");
    assert!(stderr.starts_with("checked 1 file "), "{stderr}");
}

#[test]
fn the_pre_commit_hook_does_not_run_without_profiles_among_the_staged_files() {
    let s = Scratch::new();
    s.write("profiles/broken.txt", FLAWED);
    assert!(run_hook(&s, &["src/main.rs", "Cargo.toml", "README.mdx", "notes.txt.bak"]).is_none());
}
