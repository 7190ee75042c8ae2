//! "Ibid.", "Ibidem" and "Id.": which note repeats the source of which. Several rules
//! need it (`ambiguous-ibid` flags broken chains; `date-mismatch` and `name-mismatch`
//! compare a sentence with the source its "Ibid." note stands for; `undated-source`
//! leaves such notes alone), so the document computes it once.

use rustc_hash::FxHashMap;

use super::cross_references::is_only_cross_reference;
use super::{Document, Footnote, Format, Span};

/// What comes before a note: for numbered labels note `[n-1]` (the number the reader
/// sees), for named labels the previous definition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreviousNote {
    /// It is the first note.
    None,
    /// Note `[n-1]` does not exist; its label.
    Missing(String),
    /// Index into `footnotes`.
    Note(usize),
}

impl<'a> Document<'a> {
    /// Whether a note opens with "Ibid."/"Ibidem"/"Id." (it repeats the previous source).
    pub fn is_ibid(&self, note: &Footnote) -> bool {
        self.ibid_word(note).is_some()
    }

    /// The "Ibid."/"Ibidem"/"Id." that opens a note: its span, with the period if there
    /// is one. Markdown emphasis around it (`*Ibid.*`) is looked through.
    pub fn ibid_word(&self, note: &Footnote) -> Option<Span> {
        let text = self.slice(&note.text_span);
        let body = match self.format {
            Format::Markdown => text.trim_start_matches(['*', '_']),
            Format::Text | Format::Html | Format::Docx => text,
        };
        // Most notes name a source: one byte tells them from "Ibid." and "Id.".
        if !matches!(body.as_bytes().first(), Some(b'I' | b'i')) {
            return None;
        }
        let start = note.text_span.start + (text.len() - body.len());
        let word_len = body.bytes().take_while(u8::is_ascii_alphabetic).count();
        let word = &body[..word_len];
        let rest = &body[word_len..];
        let dotted = rest.starts_with('.');
        let ibid = word.eq_ignore_ascii_case("ibid") || word.eq_ignore_ascii_case("ibidem");
        // "Id" is also a word; only "Id." (or "id.") followed by a break is the citation form.
        let id = (word == "Id" || word == "id")
            && dotted
            && rest[1..].chars().next().is_none_or(|c| c.is_whitespace() || ",;:*_".contains(c));
        if !(ibid || id) {
            return None;
        }
        let len = word_len + usize::from(dotted);
        Some(start..start + len)
    }

    /// The note before `footnotes[index]`, as an "Ibid." in it would mean it.
    pub fn previous_note(&self, index: usize) -> PreviousNote {
        match self.footnotes[index].label.parse::<u64>() {
            Ok(n) if n <= 1 => PreviousNote::None,
            Ok(n) => self
                .numbered_notes()
                .get(&(n - 1))
                .map_or(PreviousNote::Missing((n - 1).to_string()), |&p| PreviousNote::Note(p)),
            Err(_) if index == 0 => PreviousNote::None,
            Err(_) => PreviousNote::Note(index - 1),
        }
    }

    /// Numeric label → index of the first footnote with it (so `04` and `4` meet), built
    /// on first use: most documents have no "Ibid." at all.
    fn numbered_notes(&self) -> &FxHashMap<u64, usize> {
        self.numbered_notes.get_or_init(|| {
            let mut out = FxHashMap::with_capacity_and_hasher(self.footnotes.len(), Default::default());
            for (i, note) in self.footnotes.iter().enumerate() {
                if let Ok(n) = note.label.parse::<u64>() {
                    out.entry(n).or_insert(i);
                }
            }
            out
        })
    }

    /// For every footnote (by index into `footnotes`), the footnote whose source it gives:
    /// itself, or for "Ibid."/"Id." the note it repeats ([`Document::previous_note`]),
    /// following chains of "Ibid.". `None` where the chain breaks (no earlier note, or a
    /// missing, empty or cross-reference-only one). A target that cites several sources
    /// is still returned: the source is one of them. Computed once, on first use.
    pub fn ibid_targets(&self) -> &[Option<usize>] {
        self.ibid_targets.get_or_init(|| self.resolve_ibids())
    }

    /// One pass: each chain is walked once, whatever its length.
    fn resolve_ibids(&self) -> Vec<Option<usize>> {
        let n = self.footnotes.len();
        let mut memo: Vec<Option<Option<usize>>> = vec![None; n];
        let mut targets = Vec::with_capacity(n);
        let mut path = Vec::new();
        for start in 0..n {
            path.clear();
            let mut pos = start;
            let result = loop {
                let note = &self.footnotes[pos];
                if self.ibid_word(note).is_none() {
                    if pos == start {
                        break Some(pos);
                    }
                    // The source itself; a note reached through "Ibid." must give one.
                    let unusable =
                        note.text_span.is_empty() || is_only_cross_reference(self.text, &note.text_span);
                    break if unusable { None } else { Some(pos) };
                }
                // Only "Ibid." notes are memoised: their target does not depend on where
                // the walk started.
                if let Some(known) = memo[pos] {
                    break known;
                }
                // Each step goes to a lower number or an earlier note, so this ends; the
                // bound guards documents whose labels mix numbers and names.
                if path.len() > n {
                    break None;
                }
                path.push(pos);
                match self.previous_note(pos) {
                    PreviousNote::Note(p) => pos = p,
                    PreviousNote::None | PreviousNote::Missing(_) => break None,
                }
            };
            for &p in &path {
                memo[p] = Some(result);
            }
            targets.push(result);
        }
        targets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(notes: &str) -> String {
        let cites: String = (1..=notes.matches("\n[").count()).map(|n| format!("S{n}.[{n}] ")).collect();
        format!("Title\n\n{cites}\n{notes}")
    }

    #[test]
    fn ibid_targets_follow_chains_to_the_source() {
        let text = profile("\n[1] Letter, 2020.\n\n[2] Ibid.\n\n[3] Ibid., p. 4.\n\n[4] Email, 2021.\n");
        let doc = Document::parse(&text, Format::Text);
        assert_eq!(doc.ibid_targets(), [Some(0), Some(0), Some(0), Some(3)]);
        let text = profile("\n[2] Ibid.\n");
        assert_eq!(Document::parse(&text, Format::Text).ibid_targets(), [None]);
        let text = profile("\n[1] See note 3.\n\n[2] Ibid.\n\n[3]\n\n[4] Ibid.\n");
        assert_eq!(Document::parse(&text, Format::Text).ibid_targets(), [Some(0), None, Some(2), None]);
    }

    #[test]
    fn only_the_citation_forms_of_id_count() {
        let text = profile("\n[1] Letter, 2020.\n\n[2] Id. at 4.\n\n[3] Ida Lenz, 2021.\n\n[4] *Ibid.*\n");
        let doc = Document::parse(&text, Format::Text);
        let ibid: Vec<bool> = doc.footnotes.iter().map(|n| doc.is_ibid(n)).collect();
        assert_eq!(ibid, [false, true, false, false]);
        let md = "A.[^a] B.[^b]\n\n[^a]: Letter, 2020.\n[^b]: *Ibid.*\n";
        let doc = Document::parse(md, Format::Markdown);
        assert_eq!(doc.ibid_word(&doc.footnotes[1]).map(|s| &md[s]), Some("Ibid."));
    }

    #[test]
    fn the_note_before_is_the_number_before_or_the_definition_before() {
        let text = profile("\n[1] A, 2020.\n\n[3] B, 2021.\n\n[4] C, 2022.\n");
        let doc = Document::parse(&text, Format::Text);
        assert_eq!(doc.previous_note(0), PreviousNote::None);
        assert_eq!(doc.previous_note(1), PreviousNote::Missing("2".into()));
        assert_eq!(doc.previous_note(2), PreviousNote::Note(1));
        let md = "A.[^x] B.[^y]\n\n[^x]: A.\n[^y]: B.\n";
        let doc = Document::parse(md, Format::Markdown);
        assert_eq!(doc.previous_note(1), PreviousNote::Note(0));
    }
}
