//! Inputs that cannot be checked: missing, unreadable, binary, not UTF-8, empty
//! directories. Each is reported by path, the rest of the run goes on, and the exit code
//! is 2. Also: arbitrary text never panics any report.

mod support;

use support::cli::{CLEAN, FLAWED, Scratch, findings, json, run};

#[test]
fn nonexistent_path_is_an_error_naming_it() {
    let s = Scratch::new();
    let (code, stdout, stderr) = run(s.cmd().arg("nowhere.txt"));
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert!(stderr.contains("nowhere.txt: no such file or directory"), "{stderr}");
}

#[test]
fn good_paths_are_still_reported_beside_bad_ones() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    s.write("clean.txt", CLEAN);
    let (code, stdout, stderr) =
        run(s.cmd().args(["flawed.txt", "missing.txt", "clean.txt", "--format", "json"]));
    assert_eq!(code, 2, "an unreadable path makes the run an error even with findings");
    let report = json(&stdout);
    assert_eq!(report["summary"]["files"], 2);
    assert_eq!(report["summary"]["unreadable"], 1);
    assert!(findings(&report).iter().all(|(_, p, _)| p == "flawed.txt"));
    assert!(!findings(&report).is_empty());
    assert_eq!(report["errors"][0]["path"], "missing.txt");
    assert!(stderr.contains("missing.txt"), "{stderr}");
}

#[test]
fn human_report_shows_findings_and_the_error() {
    let s = Scratch::new();
    s.write("flawed.txt", FLAWED);
    let (code, stdout, stderr) = run(s.cmd().args(["flawed.txt", "gone.md"]));
    assert_eq!(code, 2);
    assert!(stdout.contains("missing-footnote"));
    assert!(stderr.contains("gone.md: no such file or directory"), "{stderr}");
    assert!(stderr.ends_with("; 1 path not checked\n"), "{stderr}");
}

#[test]
fn invalid_utf8_names_the_file_and_byte_offset() {
    let s = Scratch::new();
    let mut bytes = b"Title\n\nCaf".to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28]); // a lead byte followed by a non-continuation
    bytes.extend_from_slice(b" said.[1]\n");
    s.write("latin1.txt", &bytes);
    s.write("clean.txt", CLEAN);
    let (code, stdout, stderr) = run(s.cmd().args(["latin1.txt", "clean.txt", "--format", "json"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("latin1.txt: invalid UTF-8 at byte 10 (line 3)"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(json(&stdout)["summary"]["files"], 1);
}

#[test]
fn invalid_utf8_on_stdin_names_the_stdin_file() {
    let s = Scratch::new();
    let (code, _, stderr) =
        run(s.cmd().args(["-", "--stdin-filename", "x.md"]).write_stdin(b"ok\n\xFF".as_slice()));
    assert_eq!(code, 2);
    assert!(stderr.contains("x.md: invalid UTF-8 at byte 3 (line 2)"), "{stderr}");
}

#[test]
fn binary_file_named_explicitly_is_an_error() {
    let s = Scratch::new();
    s.write("blob.txt", b"PK\x03\x04\0\0binary".as_slice());
    let (code, _, stderr) = run(s.cmd().arg("blob.txt"));
    assert_eq!(code, 2);
    assert!(stderr.contains("blob.txt: is a binary file"), "{stderr}");
}

#[test]
fn directory_without_profiles_is_a_clear_error() {
    let s = Scratch::new();
    s.write("empty/readme.rs", "fn main() {}");
    let (code, _, stderr) = run(s.cmd().arg("empty"));
    assert_eq!(code, 2);
    assert!(
        stderr
            .contains("empty: no profiles found (looked for *.txt, *.md, *.markdown, *.html, *.htm, *.docx)"),
        "{stderr}"
    );
}

#[test]
fn path_through_a_regular_file_is_an_io_error_even_for_root() {
    // Root reads everything, so permissions cannot make a file unreadable in CI; a path
    // whose parent is a file fails with ENOTDIR for every user.
    let s = Scratch::new();
    s.write("clean.txt", CLEAN);
    let (code, stdout, stderr) = run(s.cmd().args(["clean.txt/inner.txt", "clean.txt", "--format", "json"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("clean.txt/inner.txt"), "{stderr}");
    assert_eq!(json(&stdout)["summary"]["files"], 1);
}

#[cfg(target_os = "linux")]
#[test]
fn read_failure_after_open_is_reported() {
    // /proc/self/mem opens for every user but reading its first page fails (EIO): a real
    // read error, not a missing file.
    let s = Scratch::new();
    let (code, _, stderr) = run(s.cmd().arg("/proc/self/mem"));
    assert_eq!(code, 2);
    assert!(stderr.contains("/proc/self/mem: cannot read"), "{stderr}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_reported_and_the_rest_checked() {
    use std::os::unix::fs::PermissionsExt;
    let s = Scratch::new();
    let locked = s.write("locked.txt", CLEAN);
    s.write("flawed.txt", FLAWED);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&locked).is_ok() {
        eprintln!("notice: running as root (permissions do not stop reads); skipping the chmod 000 check");
        return;
    }
    let (code, stdout, stderr) = run(s.cmd().args(["locked.txt", "flawed.txt", "--format", "json"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("locked.txt: cannot read"), "{stderr}");
    assert_eq!(json(&stdout)["summary"]["files"], 1);
}

#[test]
fn empty_file_is_fine() {
    let s = Scratch::new();
    s.write("empty.txt", "");
    let (code, _, stderr) = run(s.cmd().arg("empty.txt"));
    assert_eq!(code, 0);
    assert_eq!(
        stderr,
        "note: empty.txt: no citations or footnotes found\nchecked 1 file (0 citations, 0 footnotes): no findings\n"
    );
}

mod never_panics {
    use citelint::report::{OutputFormat, ReportOptions, render};
    use citelint::source::STDIN_NAME;
    use citelint::{FileReport, Options, Outcome, lint_str};
    use proptest::prelude::*;

    use citelint::document::{Document, Format};

    fn outcome(text: &str, format: Format) -> Outcome {
        let findings = lint_str(text, format, &Options::default());
        Outcome {
            files: vec![FileReport {
                path: STDIN_NAME.into(),
                source: text.to_owned(),
                format,
                places: Default::default(),
                findings,
                citations: 0,
                footnotes: 0,
                // As a check that keeps sources for the HTML report has them.
                markers: Document::parse(text, format).markers(),
                suppressed: Vec::new(),
                baselined: Vec::new(),
                is_config: false,
            }],
            ..Outcome::default()
        }
    }

    fn render_all(o: &Outcome) {
        for format in [
            OutputFormat::Human,
            OutputFormat::Json,
            OutputFormat::Sarif,
            OutputFormat::Github,
            OutputFormat::Gitlab,
            OutputFormat::Html,
        ] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            render(o, format, &ReportOptions::default(), &mut out, &mut err).unwrap();
        }
    }

    proptest! {
        #[test]
        fn any_text_lints_and_renders_in_every_format(
            text in "(\\PC|\n|\r|\\[[0-9]{1,3}\\]|\\[\\^[a-z]{1,3}\\]:? |“|”|Հ){0,200}"
        ) {
            render_all(&outcome(&text, Format::Text));
            render_all(&outcome(&text, Format::Markdown));
        }
    }
}

#[test]
fn machine_formats_carry_path_errors_too() {
    let s = Scratch::new();
    s.write("clean.txt", CLEAN);
    let (code, stdout, _) = run(s.cmd().args(["clean.txt", "lost,file.txt", "--format", "github"]));
    assert_eq!(code, 2);
    assert_eq!(
        stdout,
        "::error file=lost%2Cfile.txt,title=citelint::lost,file.txt: no such file or directory\n"
    );
    let (code, stdout, _) = run(s.cmd().args(["clean.txt", "lost.txt", "--format", "sarif"]));
    assert_eq!(code, 2);
    let invocation = &json(&stdout)["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert_eq!(note["message"]["text"], "lost.txt: no such file or directory");
    assert_eq!(note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "lost.txt");
}
