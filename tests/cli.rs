//! End-to-end tests of the `citelint` binary: commands, formats, flags, configuration,
//! walking and exit codes.

mod support;

use support::shared_dir as shared;

use support::cli::{CLEAN, FLAWED, Scratch, WARNING_ONLY, findings, json, run};

#[test]
fn clean_profile_exits_zero_with_a_summary() {
    let s = Scratch::new();
    s.write("clean.txt", CLEAN);
    let (code, stdout, stderr) = run(s.cmd().arg("clean.txt"));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(stderr, "checked 1 file (2 citations, 2 footnotes): no findings\n");
}

#[test]
fn findings_at_the_fail_level_exit_one() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, _, stderr) = run(s.cmd().arg("flawed.txt"));
    assert_eq!(code, 1);
    assert_eq!(stderr, "checked 1 file (4 citations, 4 footnotes): 1 error, 2 warnings, 0 info\n");
}

#[test]
fn fail_on_sets_the_severity_that_fails() {
    let s = Scratch::new();
    s.write("warn.txt", WARNING_ONLY);
    assert_eq!(run(s.cmd().arg("warn.txt")).0, 1, "warnings fail by default");
    assert_eq!(run(s.cmd().args(["warn.txt", "--fail-on", "error"])).0, 0);
    assert_eq!(run(s.cmd().args(["warn.txt", "--fail-on", "info"])).0, 1);
    let (code, _, stderr) = run(s.cmd().args(["warn.txt", "--fail-on", "fatal"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("fatal"), "{stderr}");
}

#[test]
fn bare_paths_run_the_check_command() {
    let s = Scratch::new();
    s.write("p/flawed.txt", FLAWED);
    let bare = run(s.cmd().args(["p", "--format", "json"]));
    let explicit = run(s.cmd().args(["check", "p", "--format", "json"]));
    assert_eq!(bare, explicit);
    assert_eq!(bare.0, 1);
}

#[test]
fn no_paths_checks_the_current_directory() {
    let s = Scratch::new();
    s.write("sub/flawed.txt", FLAWED);
    let (code, stdout, _) = run(s.cmd().args(["--format", "json"]));
    assert_eq!(code, 1);
    assert!(findings(&json(&stdout)).iter().all(|(_, path, _)| path == "sub/flawed.txt"));
}

#[test]
fn a_file_named_several_ways_is_checked_once() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, once, _) = run(s.cmd().args(["flawed.txt", "--format", "json"]));
    assert_eq!(code, 1);
    let named = ["./flawed.txt", "flawed.txt", ".", "./"];
    let (code, stdout, stderr) = run(s.cmd().args(named).args(["--format", "json"]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(findings(&json(&stdout)), findings(&json(&once)));
    let (_, _, stderr) = run(s.cmd().args(named));
    assert!(stderr.starts_with("checked 1 file "), "{stderr}");
}

#[test]
fn human_report_renders_each_finding_with_its_source() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, stdout, _) = run(s.cmd().args(["flawed.txt", "--color", "never"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("human", stdout);
}

#[test]
fn json_report_matches_the_contract() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, stdout, stderr) = run(s.cmd().args(["flawed.txt", "--format", "json"]));
    assert_eq!(code, 1);
    assert_eq!(stderr, "", "machine formats print no summary line");
    insta::assert_snapshot!("json", stdout);
}

#[test]
fn github_report_is_workflow_commands() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, stdout, _) = run(s.cmd().args(["flawed.txt", "--format", "github"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("github", stdout);
}

#[test]
fn sarif_report_snapshot() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, stdout, _) = run(s.cmd().args(["flawed.txt", "--format", "sarif"]));
    assert_eq!(code, 1);
    // The rule catalogue grows as rules land; the snapshot covers the results.
    let mut log = json(&stdout);
    let rules = log["runs"][0]["tool"]["driver"]["rules"].take();
    assert!(rules.as_array().is_some_and(|r| !r.is_empty()));
    log["runs"][0]["tool"]["driver"]["version"] = "[version]".into();
    log["runs"][0]["tool"]["driver"]["semanticVersion"] = "[version]".into();
    insta::assert_snapshot!("sarif", serde_json::to_string_pretty(&log).unwrap());
}

#[test]
fn json_columns_count_characters_on_a_multibyte_line() {
    let s = Scratch::new();
    s.write("hy.txt", "Title\n\nՀայաստան, Россия и Азербайджан.[7] Ok.[1]\n\n[1] Letter, 29 April 2010.\n");
    let (_, stdout, _) = run(s.cmd().args(["hy.txt", "--format", "json"]));
    let report = json(&stdout);
    let f = &report["findings"][0];
    assert_eq!(f["rule"], "missing-footnote");
    let line = "Հայաստան, Россия и Азербайджան.[7] Ok.[1]";
    let chars_before = line[..line.find("[7]").unwrap()].chars().count() as u64;
    assert_eq!(f["line"], 3);
    assert_eq!(f["column"], chars_before + 1);
    assert_eq!(f["end_column"], chars_before + 4);
    // Offsets stay in bytes.
    let text = std::fs::read_to_string(s.path().join("hy.txt")).unwrap();
    assert_eq!(f["offset"], text.find("[7]").unwrap() as u64);
    assert_eq!(f["length"], 3);
    assert_ne!(f["offset"], f["column"], "the line is multibyte, so bytes and chars differ");
}

#[test]
fn select_runs_only_the_named_rules() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, stdout, _) =
        run(s.cmd().args(["flawed.txt", "--format", "json", "--select", "unused-footnote"]));
    assert_eq!(code, 1);
    let rules: Vec<String> = findings(&json(&stdout)).into_iter().map(|f| f.0).collect();
    assert_eq!(rules, ["unused-footnote"]);
}

#[test]
fn ignore_drops_the_named_rules() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (_, stdout, _) =
        run(s.cmd().args(["flawed.txt", "--format", "json", "--ignore", "missing-footnote,footnote-order"]));
    let rules: Vec<String> = findings(&json(&stdout)).into_iter().map(|f| f.0).collect();
    assert_eq!(rules, ["unused-footnote"]);
}

#[test]
fn unknown_rule_in_select_is_a_usage_error_with_a_suggestion() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, stdout, stderr) = run(s.cmd().args(["flawed.txt", "--select", "missing-fotnote"]));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("unknown rule `missing-fotnote` (did you mean `missing-footnote`?)"), "{stderr}");
    assert_eq!(run(s.cmd().args(["flawed.txt", "--ignore", "nonsense"])).0, 2);
}

#[test]
fn config_sets_severities_and_turns_rules_off() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    s.write(
        "citelint.toml",
        "[rules]\nmissing-footnote = \"off\"\nunused-footnote = \"error\"\nfootnote-order = \"info\"\n",
    );
    let (code, stdout, _) = run(s.cmd().args(["flawed.txt", "--format", "json"]));
    assert_eq!(code, 1);
    let report = json(&stdout);
    let got: Vec<(&str, &str)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["severity"].as_str().unwrap()))
        .collect();
    assert_eq!(got, [("footnote-order", "info"), ("unused-footnote", "error")]);
    // --fail-on error still fails: the config raised unused-footnote to an error.
    assert_eq!(run(s.cmd().args(["flawed.txt", "--fail-on", "error"])).0, 1);
}

#[test]
fn config_is_found_in_a_parent_directory() {
    let s = Scratch::new();
    s.write("citelint.toml", "[rules]\nunused-footnote = \"off\"\n");
    s.write("a/b/warn.txt", WARNING_ONLY);
    let mut cmd = s.cmd();
    cmd.current_dir(s.path().join("a/b"));
    assert_eq!(run(cmd.arg("warn.txt")).0, 0);
    assert_eq!(run(s.cmd().args(["a/b/warn.txt", "--no-config"])).0, 1);
}

#[test]
fn select_on_the_command_line_beats_config_off() {
    let s = Scratch::new();
    s.write("citelint.toml", "[rules]\nunused-footnote = \"off\"\n");
    s.write("warn.txt", WARNING_ONLY);
    assert_eq!(run(s.cmd().arg("warn.txt")).0, 0);
    assert_eq!(run(s.cmd().args(["warn.txt", "--select", "unused-footnote"])).0, 1);
}

#[test]
fn config_verify_with_links_offline_says_no_source_is_verified() {
    let s = Scratch::new();
    s.write("citelint.toml", "[sources]\nverify = true\n");
    s.write("warn.txt", WARNING_ONLY);
    let (code, _, stderr) = run(s.cmd().args(["warn.txt", "--offline"]));
    assert_eq!(code, 1);
    assert!(stderr.contains("no source is verified"), "{stderr}");
    let (_, _, stderr) = run(s.cmd().args(["warn.txt", "--offline", "--quiet"]));
    assert!(!stderr.contains("no source is verified"), "{stderr}");
}

#[test]
fn explicit_config_path_is_used() {
    let s = Scratch::new();
    s.write("conf/strict.toml", "[rules]\nunused-footnote = \"off\"\n");
    s.write("warn.txt", WARNING_ONLY);
    assert_eq!(run(s.cmd().args(["warn.txt", "--config", "conf/strict.toml"])).0, 0);
    let (code, _, stderr) = run(s.cmd().args(["warn.txt", "--config", "conf/missing.toml"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("conf/missing.toml"), "{stderr}");
}

#[test]
fn unknown_config_key_is_shown_at_its_span() {
    let s = Scratch::new();
    s.write("clean.txt", CLEAN);
    s.write(
        "citelint.toml",
        "[rules]\nunused-footnote = \"off\"\n\n[files]\ninclude = [\"*.txt\"]\nexlude = []\n",
    );
    let (code, stdout, stderr) = run(s.cmd().arg("clean.txt"));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    insta::assert_snapshot!("config_unknown_key", stderr);
}

#[test]
fn bad_severity_in_config_is_shown_at_its_value() {
    let s = Scratch::new();
    s.write("clean.txt", CLEAN);
    s.write("citelint.toml", "[rules]\nunused-footnote = \"fatal\"\n");
    let (code, _, stderr) = run(s.cmd().arg("clean.txt"));
    assert_eq!(code, 2);
    assert!(stderr.contains("unknown variant `fatal`"), "{stderr}");
    assert!(stderr.contains("citelint.toml:2:19"), "the label points at the value: {stderr}");
}

#[test]
fn config_include_and_exclude_choose_walked_files() {
    let s = Scratch::new();
    s.write("citelint.toml", "[files]\ninclude = [\"**/*.prof\"]\nexclude = [\"drafts/**\"]\n");
    s.write("p/a.prof", WARNING_ONLY);
    s.write("p/b.txt", WARNING_ONLY);
    s.write("p/drafts/c.prof", WARNING_ONLY);
    let (_, stdout, _) = run(s.cmd().args(["p", "--format", "json"]));
    let paths: Vec<String> = findings(&json(&stdout)).into_iter().map(|f| f.1).collect();
    assert_eq!(paths, ["p/a.prof"]);
    // A bare directory name excludes the directory, as in a .gitignore.
    s.write("citelint.toml", "[files]\ninclude = [\"**/*.prof\"]\nexclude = [\"drafts\"]\n");
    let (_, stdout, _) = run(s.cmd().args(["p", "--format", "json"]));
    let paths: Vec<String> = findings(&json(&stdout)).into_iter().map(|f| f.1).collect();
    assert_eq!(paths, ["p/a.prof"]);
    // A file named on the command line is checked even when excluded.
    let (_, stdout, _) = run(s.cmd().args(["p/drafts/c.prof", "--format", "json"]));
    assert_eq!(findings(&json(&stdout)).len(), 1);
}

#[test]
fn stdin_is_read_under_the_given_name() {
    let s = Scratch::new();
    let (code, stdout, _) = run(s
        .cmd()
        .args(["-", "--stdin-filename", "drafts/armenia.txt", "--format", "json"])
        .write_stdin(FLAWED));
    assert_eq!(code, 1);
    let report = json(&stdout);
    assert!(findings(&report).iter().all(|(_, path, _)| path == "drafts/armenia.txt"));
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn stdin_filename_alone_reads_stdin_and_picks_the_format() {
    let s = Scratch::new();
    // As text, `[3]` is a citation with no note; as Markdown it is not a footnote marker.
    let text = "T\n\nSaid.[3]\n";
    let (code, stdout, _) =
        run(s.cmd().args(["--stdin-filename", "a.txt", "--format", "json"]).write_stdin(text));
    assert_eq!((code, findings(&json(&stdout)).len()), (1, 1));
    let (code, stdout, _) =
        run(s.cmd().args(["--stdin-filename", "a.md", "--format", "json"]).write_stdin(text));
    assert_eq!((code, findings(&json(&stdout)).len()), (0, 0));
    let (code, _, _) = run(s
        .cmd()
        .args(["--stdin-filename", "a.md", "--input-format", "text", "--format", "json"])
        .write_stdin(text));
    assert_eq!(code, 1, "--input-format overrides the name");
}

#[test]
fn stdin_without_a_name_is_shown_as_stdin() {
    let s = Scratch::new();
    let (_, stdout, _) = run(s.cmd().args(["-", "--format", "json"]).write_stdin("T\n\nSaid.[3]\n"));
    assert_eq!(findings(&json(&stdout))[0].1, "<stdin>");
}

#[test]
fn walk_respects_gitignore_and_skips_binaries_with_a_note() {
    let s = Scratch::new();
    s.write(".gitignore", "ignored/\nscratch.txt\n");
    s.write("profiles/a.txt", WARNING_ONLY);
    s.write("profiles/scratch.txt", WARNING_ONLY);
    s.write("ignored/b.txt", WARNING_ONLY);
    s.write("profiles/image.md", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".as_slice());
    s.write("profiles/notes.rs", "fn main() {}");
    let (code, stdout, stderr) = run(s.cmd().args([".", "--format", "json"]));
    assert_eq!(code, 1, "{stderr}");
    let report = json(&stdout);
    let paths: Vec<String> = findings(&report).into_iter().map(|f| f.1).collect();
    assert_eq!(paths, ["profiles/a.txt"]);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(report["summary"]["skipped"], 1);
    assert!(stderr.contains("note: skipped binary file profiles/image.md"), "{stderr}");
}

#[test]
fn output_order_does_not_depend_on_parallelism() {
    let s = Scratch::new();
    for name in ["m", "c", "x", "a", "k", "b", "z", "e"] {
        s.write(&format!("dir/{name}.txt"), FLAWED);
        s.write(&format!("dir/sub/{name}.txt"), WARNING_ONLY);
    }
    let one = run(s.cmd().args(["dir", "--format", "json"]).env("RAYON_NUM_THREADS", "1"));
    let many = run(s.cmd().args(["dir", "--format", "json"]).env("RAYON_NUM_THREADS", "8"));
    assert_eq!(one, many);
    let report = json(&one.1);
    let got = findings(&report);
    let mut sorted = got.clone();
    sorted.sort_by(|a, b| (&a.1, a.2).cmp(&(&b.1, b.2)));
    assert_eq!(got, sorted, "files in path order, findings by position");
    assert_eq!(report["summary"]["files"], 16);
}

#[test]
fn quiet_prints_findings_without_a_summary() {
    let s = Scratch::new();
    s.write("warn.txt", WARNING_ONLY);
    let (code, stdout, stderr) = run(s.cmd().args(["warn.txt", "--quiet"]));
    assert_eq!(code, 1);
    assert!(stdout.contains("unused-footnote"));
    assert_eq!(stderr, "");
}

#[test]
fn color_always_colours_and_never_does_not() {
    let s = Scratch::new();
    s.write("warn.txt", WARNING_ONLY);
    let (_, coloured, _) = run(s.cmd().args(["warn.txt", "--color", "always"]));
    assert!(coloured.contains('\x1b'));
    let (_, plain, _) = run(s.cmd().args(["warn.txt", "--color", "never"]));
    assert!(!plain.contains('\x1b'));
    // Piped output under `auto` is not a terminal: no colour, NO_COLOR or not.
    let (_, auto, _) = run(s.cmd().arg("warn.txt").env("NO_COLOR", "1"));
    assert_eq!(auto, plain);
}

#[test]
fn rules_lists_every_rule_with_its_default_severity() {
    let s = Scratch::new();
    let (code, stdout, _) = run(s.cmd().arg("rules"));
    assert_eq!(code, 0);
    for rule in citelint::rules::REGISTRY {
        let line = stdout.lines().find(|l| l.split_whitespace().next() == Some(rule.name)).unwrap();
        assert!(line.contains(rule.default_severity.as_str()) && line.contains(rule.summary), "{line}");
    }
    assert_eq!(stdout.lines().count(), citelint::rules::REGISTRY.len());
}

#[test]
fn explain_prints_the_rule_docs() {
    let s = Scratch::new();
    let (code, stdout, _) = run(s.cmd().args(["explain", "unused-footnote"]));
    assert_eq!(code, 0);
    assert!(stdout.starts_with("# unused-footnote\n\nDefault severity: warning."), "{stdout}");
    for section in ["## What it does", "## Why is this bad?", "## Example"] {
        assert!(stdout.contains(&format!("\n{section}\n")), "{stdout}");
    }
}

#[test]
fn explain_of_an_unknown_rule_suggests_the_closest() {
    let s = Scratch::new();
    let (code, stdout, stderr) = run(s.cmd().args(["explain", "footnote-ordr"]));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("did you mean `footnote-order`"), "{stderr}");
}

#[test]
fn link_flags_are_accepted() {
    let s = Scratch::new();
    s.write("clean.txt", CLEAN);
    let (code, _, stderr) = run(s.cmd().args([
        "clean.txt",
        "--offline",
        "--timeout",
        "3",
        "--retries",
        "1",
        "--concurrency",
        "4",
        "--allow-private",
    ]));
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(run(s.cmd().args(["clean.txt", "--timeout", "soon"])).0, 2);
}

/// What GitHub code scanning needs of a SARIF upload (its documented required and
/// used properties), checked field by field.
#[test]
fn sarif_log_has_what_github_code_scanning_requires() {
    let s = Scratch::new();
    s.write("a/flawed.txt", FLAWED);
    s.write("b/warn two.txt", WARNING_ONLY);
    s.write("b/flawed.txt", FLAWED);
    let (_, stdout, _) = run(s.cmd().args(["a", "b", "--format", "sarif"]));
    let log = json(&stdout);
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let run = &runs[0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "citelint");
    assert!(driver["version"].as_str().is_some_and(|v| !v.is_empty()));
    // The package's repository when Cargo.toml names one; no guessed address otherwise.
    let repository = Some(env!("CARGO_PKG_REPOSITORY")).filter(|r| !r.is_empty());
    assert_eq!(driver.get("informationUri").and_then(|u| u.as_str()), repository);
    let levels = ["none", "note", "warning", "error"];
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), citelint::rules::REGISTRY.len());
    for (rule, info) in rules.iter().zip(citelint::rules::REGISTRY) {
        assert_eq!(rule["id"], info.name, "ids are the stable rule names, in catalogue order");
        assert!(rule["name"].as_str().unwrap().chars().all(|c| c.is_ascii_alphanumeric()));
        for text in
            [&rule["shortDescription"]["text"], &rule["fullDescription"]["text"], &rule["help"]["text"]]
        {
            assert!(text.as_str().is_some_and(|t| !t.trim().is_empty()), "{rule}");
        }
        assert!(rule["help"]["markdown"].as_str().unwrap().contains("## What it does"));
        assert!(levels.contains(&rule["defaultConfiguration"]["level"].as_str().unwrap()));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 7, "3 from each flawed profile, 1 from the other");
    let mut fingerprints = std::collections::HashSet::new();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(levels.contains(&r["level"].as_str().unwrap()));
        assert!(!r["message"]["text"].as_str().unwrap().is_empty());
        let locations = r["locations"].as_array().unwrap();
        assert_eq!(locations.len(), 1);
        let phys = &locations[0]["physicalLocation"];
        let uri = phys["artifactLocation"]["uri"].as_str().unwrap();
        assert!(!uri.starts_with('/') && !uri.contains(':') && !uri.contains(' '), "{uri}");
        assert_eq!(phys["artifactLocation"]["uriBaseId"], "%SRCROOT%");
        let region = &phys["region"];
        let (sl, sc) = (region["startLine"].as_u64().unwrap(), region["startColumn"].as_u64().unwrap());
        let (el, ec) = (region["endLine"].as_u64().unwrap(), region["endColumn"].as_u64().unwrap());
        assert!(sl >= 1 && sc >= 1 && (el, ec) >= (sl, sc), "{region}");
        for related in r["relatedLocations"].as_array().into_iter().flatten() {
            assert!(related["physicalLocation"]["region"]["startLine"].as_u64().unwrap() >= 1);
            assert!(related["message"]["text"].is_string());
        }
        let fp = r["partialFingerprints"].as_object().unwrap();
        assert!(!fp.is_empty());
        assert!(fingerprints.insert(format!("{uri} {fp:?}")), "fingerprints tell results apart");
    }
    let uris: Vec<&str> = results
        .iter()
        .map(|r| r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().unwrap())
        .collect();
    assert!(uris.contains(&"b/warn%20two.txt"), "{uris:?}");
}

#[test]
fn human_report_clips_long_paragraphs_around_the_finding() {
    let s = Scratch::new();
    let paragraph = "In 2010, Armenia told the Monitor that it supports the treaty and values the idea of \
        transparency and confidence-building measures, but “cannot become a member of the Mine Ban Treaty \
        at this moment.”[2] Armenia participated in the 1996–1997 Ottawa Process that created the Mine Ban \
        Treaty, but did not attend the Oslo negotiations. Armenia was present at the treaty’s signing \
        conference as an observer.[1]";
    s.write(
        "long.txt",
        format!("Mine Ban Policy\n\n{paragraph}\n\n[1] Statement of Armenia, 21 June 2021.\n"),
    );
    let (code, stdout, _) = run(s.cmd().args(["long.txt", "--select", "missing-footnote"]));
    assert_eq!(code, 1);
    assert!(stdout.lines().all(|l| l.chars().count() <= 100), "{stdout}");
    insta::assert_snapshot!("human_long_line", stdout);
}

#[test]
fn armenia_profile_reports_its_missing_notes() {
    let Some(shared) = shared() else {
        eprintln!("notice: shared/ not found (set CITELINT_SHARED); skipping the Armenia profile check");
        return;
    };
    let s = Scratch::new();
    let profile = shared.join("profiles/armenia-mine-ban-policy.txt");
    let (code, stdout, _) =
        run(s.cmd().arg(&profile).args(["--format", "json", "--select", "missing-footnote"]));
    assert_eq!(code, 1);
    let report = json(&stdout);
    let notes: Vec<&str> =
        report["findings"].as_array().unwrap().iter().map(|f| f["note"].as_str().unwrap()).collect();
    assert_eq!(notes, ["4", "8", "14", "16", "18", "22"]);
}
