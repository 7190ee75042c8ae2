//! The HTML report in a real browser: headless Chromium renders it to a PNG and dumps the
//! DOM after load, and the test checks every finding is there, highlighted, in colour.
//!
//! Skips with a notice where Chromium is not installed (`apt-get install chromium`).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::shared_dir as shared;

use citelint::document::{Document, Format, Markers};
use citelint::report::html::{HtmlFile, render};
use citelint::rules::{Finding, Related, RuleSettings, Severity, run};

fn chromium() -> Option<PathBuf> {
    let candidates = [std::env::var("CITELINT_CHROMIUM").ok(), Some("/usr/bin/chromium".into())];
    candidates.into_iter().flatten().map(PathBuf::from).find(|p| p.exists())
}

/// A profile written for this test: findings of every severity, a related span, an empty
/// span, overlapping findings, and text that needs escaping.
const SYNTHETIC: &str = "Mine Ban Policy: Armenia <excerpt>\n\n\
President Iham Aliyev said mines were “laid & left”.[1] Ilham Aliyev later denied it.[2]\n\n\
[1] Interview with Ilham Aliyev, Baku, 14 August 2021.\n\n\
[2]Statement, undated.\n";

fn synthetic_findings(src: &str) -> Vec<Finding> {
    let at = |needle: &str| {
        let s = src.find(needle).expect("needle in synthetic profile");
        s..s + needle.len()
    };
    let f = |rule, severity, span, message: &str| Finding {
        rule,
        severity,
        span,
        message: message.into(),
        help: Some("see `citelint explain`".into()),
        note: None,
        related: vec![],
    };
    let mut name = f(
        "name-mismatch",
        Severity::Warning,
        at("Iham Aliyev"),
        "“Iham Aliyev” is spelled “Ilham Aliyev” in footnote [1]",
    );
    let other = at("Ilham Aliyev, Baku").start;
    name.related.push(Related {
        span: other..other + "Ilham Aliyev".len(),
        message: "the footnote's spelling".into(),
    });
    let empty = at("[2]Statement").start + 3;
    vec![
        name,
        // Overlaps the name finding: "Aliyev said mines".
        f("date-mismatch", Severity::Error, at("Aliyev said mines"), "overlapping finding"),
        f("malformed-footnote", Severity::Warning, empty..empty, "no space after the footnote marker"),
        f("undated-source", Severity::Info, at("Statement, undated."), "footnote [2] has no date"),
    ]
}

struct Input {
    path: String,
    source: String,
    format: Format,
    extra: fn(&str) -> Vec<Finding>,
}

fn inputs() -> Vec<Input> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let demo = std::fs::read_to_string(manifest.join("fixtures/html/editor-demo.txt")).expect("fixture");
    let mut inputs = vec![
        Input {
            path: "fixtures/html/editor-demo.txt".into(),
            source: demo,
            format: Format::Text,
            extra: |_| vec![],
        },
        Input {
            path: "synthetic/armenia-excerpt.txt".into(),
            source: SYNTHETIC.into(),
            format: Format::Text,
            extra: synthetic_findings,
        },
    ];
    match shared().map(|s| s.join("profiles/armenia-mine-ban-policy.txt")) {
        Some(p) if p.is_file() => inputs.push(Input {
            path: "shared/profiles/armenia-mine-ban-policy.txt".into(),
            source: std::fs::read_to_string(p).expect("shared profile"),
            format: Format::Text,
            extra: |_| vec![],
        }),
        _ => eprintln!("note: shared/ not found; the real Armenia profile is left out of the page"),
    }
    inputs
}

/// Run Chromium with the flags that keep it off the network and out of the home folder,
/// killing it if it hangs.
fn run_chromium(bin: &Path, profile_dir: &Path, args: &[String]) -> std::process::Output {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile_dir.display()))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start chromium");
    let deadline = Instant::now() + Duration::from_secs(120);
    // Read stdout on a thread so a large DOM cannot fill the pipe and stall the browser.
    let mut stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).map(|_| buf)
    });
    loop {
        if child.try_wait().expect("wait for chromium").is_some() {
            break;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("chromium output");
    std::process::Output { stdout: reader.join().expect("reader").expect("read stdout"), ..out }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn strip_tags(s: &str) -> String {
    s.split('<')
        .enumerate()
        .map(|(i, part)| if i == 0 { part } else { part.split_once('>').map_or("", |(_, t)| t) })
        .collect()
}

/// The opening tag that contains `at`, and the index just past it (quotes respected).
fn tag_around(dom: &str, at: usize) -> (&str, usize) {
    let start = dom[..at].rfind('<').expect("tag start");
    let mut quote = None;
    for (i, c) in dom[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return (&dom[start..start + i + 1], start + i + 1),
            _ => {}
        }
    }
    panic!("unterminated tag at {start}");
}

/// The content of the `<mark>` element whose opening tag ends at `from`, nested marks
/// included.
fn element_content(dom: &str, from: usize) -> &str {
    let mut depth = 0usize;
    let mut at = from;
    loop {
        let close = dom[at..].find("</mark>").expect("element is closed");
        let next = at + dom[at..].find("<mark").map_or(close, |open| open.min(close));
        if dom[next..].starts_with("</mark>") {
            if depth == 0 {
                return &dom[from..next];
            }
            depth -= 1;
            at = next + "</mark>".len();
        } else {
            depth += 1;
            at = tag_around(dom, next + 1).1;
        }
    }
}

#[test]
fn the_report_renders_in_chromium_with_every_finding_highlighted() {
    let Some(bin) = chromium() else {
        eprintln!("note: chromium not installed (apt-get install chromium); skipping the browser test");
        return;
    };
    let inputs = inputs();
    let docs: Vec<Document> = inputs.iter().map(|i| Document::parse(&i.source, i.format)).collect();
    let findings: Vec<Vec<Finding>> = inputs
        .iter()
        .zip(&docs)
        .map(|(input, doc)| {
            let mut f = run(doc, &RuleSettings::default(), |r| Some(r.default_severity));
            f.extend((input.extra)(&input.source));
            f
        })
        .collect();
    // The fixture exercises the footnote rules: missing [4] and [6], unused [7], duplicate
    // [3], [3] cited before [2].
    let rules: Vec<&str> = findings[0].iter().map(|f| f.rule).collect();
    for rule in ["missing-footnote", "unused-footnote", "duplicate-footnote", "footnote-order"] {
        assert!(rules.contains(&rule), "fixture lacks {rule}: {rules:?}");
    }
    let markers: Vec<Markers> = docs.iter().map(Document::markers).collect();
    let files: Vec<HtmlFile> = inputs
        .iter()
        .zip(&markers)
        .zip(&findings)
        .map(|((i, m), f)| HtmlFile { path: &i.path, source: &i.source, findings: f, markers: m })
        .collect();
    let page = render(&files);

    let dir = tempfile::tempdir().expect("temp dir");
    let html = dir.path().join("report.html");
    std::fs::write(&html, &page).expect("write page");
    let url = format!("file://{}", html.display());

    // (a) A screenshot an editor would see.
    let png = dir.path().join("report.png");
    let out = run_chromium(
        &bin,
        &dir.path().join("profile-shot"),
        &[format!("--screenshot={}", png.display()), "--window-size=1280,2000".into(), url.clone()],
    );
    assert!(png.is_file(), "no screenshot; chromium said: {}", String::from_utf8_lossy(&out.stderr));
    if let Ok(keep) = std::env::var("CITELINT_KEEP_SCREENSHOT") {
        // For looking at the page by hand: the PNG, and the page beside it.
        std::fs::copy(&png, &keep).expect("keep screenshot");
        std::fs::copy(&html, Path::new(&keep).with_extension("html")).expect("keep page");
    }
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&png).unwrap()));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("buffer size")];
    let frame = reader.next_frame(&mut buf).expect("PNG frame");
    assert_eq!((frame.width, frame.height), (1280, 2000));
    let channels = frame.color_type.samples();
    let pixels: Vec<&[u8]> = buf[..frame.buffer_size()].chunks(channels).collect();
    let near =
        |rgb: [u8; 3]| pixels.iter().filter(|p| p.iter().zip(rgb).all(|(&a, b)| a.abs_diff(b) <= 4)).count();
    // The highlight backgrounds, each blended onto white: each severity shows up in colour.
    for (name, rgb) in [("error", [251, 223, 222]), ("warning", [255, 237, 194]), ("info", [226, 239, 251])] {
        let n = near(rgb);
        assert!(n > 150, "{name} highlights cover only {n} pixels of the screenshot");
    }
    assert!(near([246, 248, 250]) > 100_000, "the sidebar is not drawn");

    // (b) The DOM after load has every finding, with its rule and its text.
    // Opened at a finding's anchor, the script selects it and shows its detail panel.
    let out =
        run_chromium(&bin, &dir.path().join("profile-dom"), &["--dump-dom".into(), format!("{url}#f1-d0")]);
    let dom = String::from_utf8(out.stdout).expect("DOM is UTF-8");
    assert!(dom.contains("<main>"), "no DOM; chromium said: {}", String::from_utf8_lossy(&out.stderr));
    let total: usize = findings.iter().map(Vec::len).sum();
    assert_eq!(dom.matches(" data-rule=\"").count(), total);
    for (i, (input, found)) in inputs.iter().zip(&findings).enumerate() {
        for (j, f) in found.iter().enumerate() {
            let id = format!("id=\"f{i}-d{j}\"");
            assert_eq!(dom.matches(&id).count(), 1, "{id} in {}", input.path);
            let (tag, after) = tag_around(&dom, dom.find(&id).unwrap());
            assert!(tag.starts_with("<mark "), "{tag}");
            assert!(tag.contains(&format!("data-rule=\"{}\"", f.rule)), "{tag}");
            assert!(tag.contains(&format!("sev-{}", f.severity)), "{tag}");
            // The element's text is the flagged text, or its beginning where another
            // finding's element interrupts it and a continuation piece carries the rest.
            let flagged = &input.source[f.span.clone()];
            let shown = unescape(&strip_tags(element_content(&dom, after)));
            assert_eq!(shown.is_empty(), flagged.is_empty(), "{}: {flagged:?}", input.path);
            if dom.contains(&format!("data-part-of=\"f{i}-d{j}\"")) {
                assert!(flagged.starts_with(&shown), "{}: shows {shown:?}, flags {flagged:?}", input.path);
            } else {
                assert_eq!(shown, flagged, "{}", input.path);
            }
        }
    }
    let (panel, after) = tag_around(&dom, dom.find("id=\"detail\"").expect("detail panel"));
    assert!(!panel.contains("hidden"), "the script did not open the panel: {panel}");
    let panel_text = strip_tags(&dom[after..after + dom[after..].find("</aside>").unwrap()]);
    assert!(
        panel_text.contains(&format!("{} · {}", findings[1][0].severity, findings[1][0].rule)),
        "{panel_text}"
    );
    assert!(unescape(&panel_text).contains(&findings[1][0].message), "{panel_text}");
    assert!(dom.contains("<mark class=\"finding sev-warning selected\" id=\"f1-d0\""));
    // Citations link to their footnote and the footnote back to its first citation.
    assert!(dom.contains("<a class=\"cite\" id=\"f0-c0\" href=\"#f0-n0\""));
    assert!(dom.contains("<a class=\"note-marker\" id=\"f0-n0\" href=\"#f0-c0\""));
}
