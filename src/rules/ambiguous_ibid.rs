//! `ambiguous-ibid`: "Ibid."/"Id." whose preceding footnote is missing, absent or unclear.
//! Which note an "Ibid." repeats is the document's to say (`crate::document::ibid`).

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::cross_references::is_only_cross_reference;
use crate::document::ibid::PreviousNote;
use crate::document::{Document, Footnote};

declare_rule! {
    /// ## What it does
    /// Flags a footnote that is, or opens with, `Ibid.`, `Ibidem` or `Id.` (`Ibid., p. 5`)
    /// when the note it repeats cannot be told:
    ///
    /// - it is the first note, so nothing comes before it;
    /// - the note before it does not exist (cited but missing, or never written);
    /// - the note before it is empty;
    /// - the note before it cites several sources (separated by `;`, or a further
    ///   `See …` sentence), so "the same source" could be any of them;
    /// - the note before it is only a cross-reference (`See note 3.`) and names no
    ///   source of its own.
    ///
    /// "The note before" note `[n]` is note `[n-1]` for numbered notes (the number the
    /// reader sees), and the previous footnote in document order for named labels. An
    /// "Ibid." after another "Ibid." repeats what that one repeats; only the first of such
    /// a chain is flagged when the chain is broken. "Ibid." later inside a note is left
    /// alone: it may refer to a source of that same note.
    ///
    /// ## Why is this bad?
    /// "Ibid." means "the source of the note just before". When that note is gone,
    /// empty or cites several sources, the reader cannot tell which source supports the
    /// sentence. It typically happens when notes are deleted, moved or merged.
    ///
    /// ## Example
    /// ```text
    /// [5] Letter from Armen Yedigarian, 29 April 2010; and interview with Col.
    /// Vostanik Adoyan, Yerevan, 25 February 2004.
    ///
    /// [6] Ibid.
    /// ```
    /// Name the source again:
    /// ```text
    /// [6] Letter from Armen Yedigarian, 29 April 2010.
    /// ```
    pub struct AmbiguousIbid => "ambiguous-ibid", Warning, "\"Ibid.\"/\"Id.\" whose preceding footnote is missing, empty, only a cross-reference or cites several sources";
}

impl Rule for AmbiguousIbid {
    fn check(&self, doc: &Document, cx: &mut Context) {
        for (index, note) in doc.footnotes.iter().enumerate() {
            let Some(word) = doc.ibid_word(note) else { continue };
            let what = doc.slice(&word).to_owned();
            let d = match doc.previous_note(index) {
                PreviousNote::None => Diagnostic::new(
                    word,
                    format!("“{what}” opens the first note: there is no earlier note to repeat"),
                )
                .help("write out the source in full"),
                PreviousNote::Missing(label) => {
                    let d = Diagnostic::new(
                        word,
                        format!("“{what}” repeats note [{label}], which does not exist"),
                    )
                    .help(format!("write out the source in full, or restore note [{label}]"));
                    match doc.citations.iter().find(|c| c.label == label) {
                        Some(c) => d.related(c.span.clone(), format!("[{label}] is cited here")),
                        None => d,
                    }
                }
                PreviousNote::Note(p) => {
                    let prev = &doc.footnotes[p];
                    let Some(problem) = unclear(doc, prev) else { continue };
                    Diagnostic::new(word, format!("“{what}” repeats note [{}], which {problem}", prev.label))
                        .related(prev.marker_span.clone(), format!("this note {problem}"))
                        .help("write out the source this note means in full")
                }
            };
            cx.report(d.note(note.label.clone()));
        }
    }
}

/// Why the note an "Ibid." repeats leaves the source unclear, or `None` when it is fine
/// (including when it is an "Ibid." itself: the chain is judged at its first link).
fn unclear(doc: &Document, prev: &Footnote) -> Option<&'static str> {
    if prev.text_span.is_empty() {
        return Some("is empty");
    }
    if doc.is_ibid(prev) {
        return None;
    }
    if is_only_cross_reference(doc.text, &prev.text_span) {
        return Some("only points to another note");
    }
    if several_sources(doc.slice(&prev.text_span)) {
        return Some("cites several sources");
    }
    None
}

/// Whether a note cites more than one source: a `;` outside quotes and brackets, or a
/// later sentence opening with "See".
fn several_sources(note: &str) -> bool {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut straight = false;
    for (i, c) in note.char_indices() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            '"' => straight = !straight,
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ';' if depth == 0 && !quoted && !straight && !note[i + 1..].trim().is_empty() => return true,
            '.' if i > 0 => {
                let next = note[i + 1..].trim_start();
                if next.len() < note.len() - i - 1 && next.starts_with("See") {
                    return true;
                }
            }
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::test_support::{check_markdown, check_text, flagged};

    fn profile(notes: &str) -> String {
        let cites: String = (1..=notes.matches("\n[").count()).map(|n| format!("S{n}.[{n}] ")).collect();
        format!("Title\n\n{cites}\n{notes}")
    }

    #[test]
    fn ibid_after_a_single_source_passes() {
        let text = profile("\n[1] Letter from Ana Ruiz, 4 June 2021.\n\n[2] Ibid., p. 5.\n\n[3] Ibid.\n");
        assert!(check_text(&AmbiguousIbid::INFO, &text).is_empty());
    }

    #[test]
    fn ibid_in_the_first_note_is_flagged() {
        let text = profile("\n[1] Ibid.\n");
        let found = check_text(&AmbiguousIbid::INFO, &text);
        assert_eq!(flagged(&text, &found), ["Ibid."]);
        assert_eq!(found[0].note.as_deref(), Some("1"));
    }

    #[test]
    fn ibid_after_a_missing_note_is_flagged_and_points_at_its_citation() {
        let text = "T\n\nA.[1] B.[2] C.[3]\n\n[1] Letter, 2020.\n\n[3] Ibidem, pp. 7–13.\n";
        let found = check_text(&AmbiguousIbid::INFO, text);
        assert_eq!(flagged(text, &found), ["Ibidem"]);
        assert_eq!(&text[found[0].related[0].span.clone()], "[2]");
    }

    #[test]
    fn ibid_after_several_sources_is_flagged_once_per_chain() {
        let text = profile(
            "\n[1] Letter from Ana Ruiz, 4 June 2021; and interview with Col. Ito, 2 May 2020.\n\n\
             [2] Id. at 4.\n\n[3] Ibid.\n",
        );
        let found = check_text(&AmbiguousIbid::INFO, &text);
        assert_eq!(flagged(&text, &found), ["Id."]);
        assert_eq!(&text[found[0].related[0].span.clone()], "[1]");
    }

    #[test]
    fn ibid_after_a_cross_reference_or_an_empty_note_is_flagged() {
        let text = profile("\n[1] Letter, 2020.\n\n[2] See note 1.\n\n[3] Ibid.\n\n[4]\n\n[5] ibid\n");
        assert_eq!(flagged(&text, &check_text(&AmbiguousIbid::INFO, &text)), ["Ibid.", "ibid"]);
    }

    proptest::proptest! {
        #[test]
        fn any_notes_are_checked_without_panicking(body in "(Ibid|Id|ibidem|é|\\.|,|;|_|\\*|“|” | |\n\n\\[[0-3]\\]|See note 1){0,30}") {
            let text = format!("T\n\nA.[1] B.[2]\n\n[1]{body}");
            check_text(&AmbiguousIbid::INFO, &text);
            let doc = Document::parse(&text, Format::Text);
            let targets = doc.ibid_targets();
            proptest::prop_assert_eq!(targets.len(), doc.footnotes.len());
        }
    }

    #[test]
    fn words_that_only_start_like_ibid_pass() {
        let text = profile("\n[1] Ida Lenz, 2020.\n\n[2] Identity card, 2021.\n\n[3] Id est a note.\n");
        assert!(check_text(&AmbiguousIbid::INFO, &text).is_empty());
    }

    #[test]
    fn named_labels_look_at_the_previous_definition() {
        let text = "A.[^a] B.[^b]\n\n[^a]: Letter, 2020; and email, 2021.\n[^b]: *Ibid.*\n";
        let found = check_markdown(&AmbiguousIbid::INFO, text);
        assert_eq!(flagged(text, &found), ["Ibid."]);
    }

    /// A Markdown document assembled by hand: `(label, note text)` definitions, one a line.
    fn markdown_notes(notes: &[(&str, &str)]) -> String {
        notes.iter().map(|(label, text)| format!("[^{label}]: {text}\n")).collect()
    }

    fn assembled(text: &str) -> Document<'_> {
        let mut footnotes = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let colon = line.find("]: ").expect("a definition line");
            let body = line.trim_end();
            footnotes.push(Footnote {
                label: line[2..colon].to_owned(),
                marker_span: at..at + colon + 2,
                text_span: at + colon + 3..at + body.len(),
            });
            at += line.len();
        }
        Document::new(text, Format::Markdown, vec![], vec![], footnotes, vec![], vec![])
    }

    #[test]
    fn named_labels_repeat_the_previous_definition_whatever_the_parser() {
        let text =
            markdown_notes(&[("a", "Letter, 2020; and email, 2021."), ("b", "*Ibid.*"), ("c", "_Id._ at 3")]);
        let doc = assembled(&text);
        let mut found = Vec::new();
        let settings = crate::rules::RuleSettings::default();
        let mut cx = Context::new("ambiguous-ibid", crate::rules::Severity::Warning, &settings, &mut found);
        AmbiguousIbid.check(&doc, &mut cx);
        assert_eq!(flagged(&text, &found), ["Ibid."]);
        assert_eq!(doc.ibid_targets()[2], Some(0));
    }
}
