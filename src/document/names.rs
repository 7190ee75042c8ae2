//! Proper names in prose and footnotes (people, places, organisations), and which
//! spellings of them are variants of one another.
//!
//! A name is a run of capitalised words (`Ilham Aliyev`, `Ministry of Foreign Affairs`)
//! with titles (`President`, `Col.`), initials (`J.`), sentence-opening function words
//! and common words (a capitalised word the document also writes in lower case) left
//! out; possessives (`Azerbaijan’s`) are reduced to the name. Each word of a name is a
//! [`NameToken`]; spellings are compared word by word, so `Iham Aliyev` / `Ilham
//! Aliyev` and `Pashinyan` / `Pashinian` are found alike.
//!
//! Body text inside quotation marks is not read: a quotation reproduces its source's
//! spelling, which an editor must not "correct". Quoted titles in footnotes are read:
//! they are the source's own spelling, the best authority there is.
//!
//! This file extracts the name words of a document. Beside it, `words.rs` reads words,
//! `runs.rs` finds the names among them with the fixed words of `word_lists.rs`,
//! `spelling.rs` keys and folds a name word, `variants.rs` groups the spellings of one
//! name, and `gate.rs` tells cheaply whether a document can have such a group at all.

use std::ops::Range;

use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::char::is_combining_mark;

use super::dates::{in_spans, quoted_regions};
use super::{BlockKind, Document, Span};

mod gate;
mod language;
mod runs;
mod spelling;
mod transliteration;
mod variants;
mod word_lists;
mod words;
use gate::Suspects;
pub use gate::may_have_variants;
use runs::{Vocabulary, is_sentence_initial, runs};
pub use spelling::fold;
use spelling::{attached, spelling_key, spelling_key_into};
pub use variants::synthetic_profile;
use word_lists::is_connector;

/// One word of a proper name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameToken {
    /// The word as written, possessive left out.
    pub span: Span,
    /// Index into [`Names::spellings`].
    pub spelling: usize,
    /// The footnote (index into `Document::footnotes`) the word is in, if any.
    pub note: Option<usize>,
    /// The whole name the word belongs to (`Iham Aliyev` for `Iham`).
    pub name: Span,
}

/// One distinct spelling of a name word, case aside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Spelling {
    /// Lower-case NFC form.
    pub key: String,
    /// `key` with diacritics removed: `jose` for `José`.
    pub folded: String,
    /// Indices into [`Names::tokens`], in text order.
    pub tokens: Vec<usize>,
    /// What stands beside it in a name: the other words (`aliyev` for `ilham`), the
    /// initials of an author list (`#rd` in `Palmiter RD`), the given name after a comma
    /// (`sarah` in `Schmidt, Sarah`), each folded (`martinez` for `Martínez`). Ids of
    /// the document's distinct strings, sorted.
    neighbours: Vec<u32>,
    /// Whether it is ever written on its own, with nothing beside it.
    alone: bool,
    /// Whether, written on its own, it is somewhere a person: after a title or beside a
    /// verb of saying (`President Aliyev`, `said Mirzoyan`, `Pashinyan told`).
    personal: bool,
    /// Whether it is capitalised somewhere a common word would not be: mid-sentence,
    /// or beside another name word.
    confirmed: bool,
    /// The languages of the phrases it is written in, as bits (see `language.rs`):
    /// `Brasil` in `Marinha do Brasil` is Portuguese, `Brazil` in an English sentence
    /// English. Phrases of any language (no function word) count only for a word
    /// written in no other: then it is of any language.
    languages: u8,
}

/// Every name word of a document, computed once and shared by the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub tokens: Vec<NameToken>,
    pub spellings: Vec<Spelling>,
}

/// Distinct strings of one document (spelling keys, initials, given names) as small
/// ids, so each is hashed and stored once.
#[derive(Default)]
struct Interner {
    ids: FxHashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&i) = self.ids.get(s) {
            return i;
        }
        let i = self.ids.len() as u32;
        self.ids.insert(s.to_owned(), i);
        i
    }
}

/// Extract the name words of `doc` (body blocks and footnotes; ignored regions skipped).
pub fn extract(doc: &Document) -> Names {
    extract_from(doc, &regions(doc), Vocabulary::new(doc.text))
}

/// Variant spellings of names in a document, and the name words they were found among.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameVariants {
    /// The name words of the document, or of enough of it: every word of every spelling
    /// in `groups` is here.
    pub names: Names,
    /// Groups of variant spellings (indices into `names.spellings`), as
    /// [`Names::variant_groups`] finds them.
    pub groups: Vec<Vec<usize>>,
}

/// Find the variant spellings of `doc`, reading as little of it as they need.
///
/// Most documents spell every name one way, and the name gate ([`may_have_variants`])
/// tells so without extracting names. When it finds suspect forms, only the regions that
/// write them are read: a spelling's words, what stands beside them and whether it is
/// confirmed as a name all come from the regions it is written in, so its groups are
/// those of the whole document, and the spellings of the regions left out are in no
/// group (each would be a suspect). Many suspects for the length of the text, or a
/// crowded comparison, and the whole document is read.
pub fn variant_spellings(doc: &Document) -> NameVariants {
    let names = match gate::suspects(doc) {
        Suspects::None => return NameVariants::default(),
        // Each form is searched for in the whole text: within a budget.
        Suspects::Forms(forms) if forms.len().saturating_mul(doc.text.len()) <= MAX_SEARCHED => {
            let all = regions(doc);
            let mut read = vec![false; all.len()];
            let text = doc.text;
            for form in forms {
                // A word of this form: a letter or mark after it would make it part of
                // a longer word.
                for at in words::whole_words(text, form, |c| !c.is_alphabetic() && !is_combining_mark(c)) {
                    let r = all.partition_point(|(span, _)| span.end <= at);
                    if all.get(r).is_some_and(|(span, _)| span.start <= at) {
                        read[r] = true;
                    }
                }
            }
            let regions: Vec<_> =
                all.into_iter().zip(read).filter_map(|(r, read)| read.then_some(r)).collect();
            extract_from(doc, &regions, Vocabulary::searching(text))
        }
        Suspects::Forms(_) | Suspects::Any => extract(doc),
    };
    let groups = names.variant_groups();
    NameVariants { names, groups }
}

/// The bytes the search for suspect forms may read (each form reads the whole text):
/// past it, reading the whole document costs less.
const MAX_SEARCHED: usize = 16 << 20;

/// The name words of `regions` (sorted, disjoint regions of `doc`, each with its
/// footnote if any).
fn extract_from<'t>(
    doc: &Document<'t>,
    regions: &[(Span, Option<usize>)],
    mut vocabulary: Vocabulary<'t>,
) -> Names {
    // A capitalised word seen only where any word is capitalised — opening a sentence, in
    // a heading — may be a common word (`Evaluation`, `Later`): it is confirmed as a name
    // only if it is also capitalised mid-sentence or beside another name word somewhere.
    let heading: FxHashSet<usize> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading | BlockKind::Title))
        .map(|b| b.span.start)
        .collect();
    let mut strings = Interner::default();
    let mut key = String::new();
    // Every run's words, flat; per word its interned key (`u32::MAX` for a connector);
    // per run its region, footnote and range of words.
    let mut words: Vec<Span> = Vec::with_capacity(doc.text.len() / 32);
    let mut ids: Vec<u32> = Vec::with_capacity(doc.text.len() / 32);
    let mut all_runs: Vec<(usize, Range<usize>)> = Vec::new();
    let mut bounds: Vec<Range<usize>> = Vec::new();
    let mut confirmed: Vec<bool> = Vec::new();
    for (r, (region, _)) in regions.iter().enumerate() {
        bounds.clear();
        runs(doc, region, &mut vocabulary, &mut words, &mut bounds);
        for w in &words[ids.len()..] {
            let written = &doc.text[w.clone()];
            ids.push(if is_connector(written) {
                u32::MAX
            } else {
                spelling_key_into(written, &mut key);
                strings.id(&key)
            });
        }
        for run in bounds.drain(..) {
            let run_ids = &ids[run.clone()];
            let names_in_run = run_ids.iter().filter(|&&i| i != u32::MAX).count();
            for (w, &id) in words[run.clone()].iter().zip(run_ids) {
                if id == u32::MAX {
                    continue;
                }
                let mid = names_in_run > 1 || !is_sentence_initial(doc.text, region, w);
                if mid && !heading.contains(&region.start) {
                    let id = id as usize;
                    if confirmed.len() <= id {
                        confirmed.resize(id + 1, false);
                    }
                    confirmed[id] = true;
                }
            }
            all_runs.push((r, run));
        }
    }

    let mut names = Names::default();
    // Interned key → spelling index, in order of first appearance outside quotations.
    let mut spelling_of: Vec<u32> = Vec::new();
    let mut key_of: Vec<u32> = Vec::new();
    let mut neighbours: Vec<Vec<u32>> = Vec::new();
    let mut quotes: (usize, Vec<Span>) = (usize::MAX, Vec::new());
    // The phrases of the region being read, with their languages.
    let mut phrases: (usize, Vec<(usize, u8)>) = (usize::MAX, Vec::new());
    // What stands beside one token, in a buffer reused for every token.
    let mut beside: Vec<u32> = Vec::new();
    for (r, run) in all_runs {
        let (region, note) = &regions[r];
        let note = *note;
        if quotes.0 != region.start {
            let q = if note.is_none() { quoted_regions(doc.text, region) } else { Vec::new() };
            quotes = (region.start, q);
        }
        let quotes = &quotes.1;
        if phrases.0 != region.start {
            phrases = (region.start, language::phrases(doc.text, region));
        }
        let run_words = &words[run.clone()];
        let languages = run_words.first().map_or(language::ANY, |w| language::at(&phrases.1, w.start));
        let name = run_words.first().map_or(0, |w| w.start)..run_words.last().map_or(0, |w| w.end);
        let first = names.tokens.len();
        for (word, &id) in run_words.iter().zip(&ids[run]) {
            let word = word.clone();
            if id == u32::MAX || in_spans(quotes, word.start) {
                continue;
            }
            let idx = id as usize;
            if spelling_of.len() <= idx {
                spelling_of.resize(idx + 1, u32::MAX);
            }
            if spelling_of[idx] == u32::MAX {
                spelling_of[idx] = names.spellings.len() as u32;
                let key = spelling_key(&doc.text[word.clone()]);
                let folded = fold(&key);
                names.spellings.push(Spelling {
                    confirmed: confirmed.get(idx).copied().unwrap_or(false),
                    key,
                    folded,
                    tokens: Vec::new(),
                    neighbours: Vec::new(),
                    alone: false,
                    personal: false,
                    languages: 0,
                });
                // Neighbours are compared folded: `José Martínez` and `Jose Martinez`
                // stand beside the same word.
                key_of.push(strings.id(&names.spellings[names.spellings.len() - 1].folded));
                neighbours.push(Vec::new());
            }
            let spelling = spelling_of[idx] as usize;
            // A phrase of any language says nothing: the definite ones are kept.
            if languages != language::ANY {
                names.spellings[spelling].languages |= languages;
            }
            names.spellings[spelling].tokens.push(names.tokens.len());
            names.tokens.push(NameToken { span: word, spelling, note, name: name.clone() });
        }
        // Words next to each other in one name are each other's context.
        let run_tokens = first..names.tokens.len();
        for i in run_tokens.clone() {
            let t = &names.tokens[i];
            beside.clear();
            beside.extend(
                attached(doc.text, &t.span, region, run_tokens.len() == 1)
                    .iter()
                    .map(|s| strings.id(&fold(s))),
            );
            if i > first {
                beside.push(key_of[names.tokens[i - 1].spelling]);
            }
            if i + 1 < run_tokens.end {
                beside.push(key_of[names.tokens[i + 1].spelling]);
            }
            let sp = t.spelling;
            names.spellings[sp].alone |= beside.is_empty();
            // Initials or a given name beside a word make it a name even where any word is
            // capitalised: `Gallaher, James` opening a reference.
            names.spellings[sp].confirmed |= !beside.is_empty();
            if beside.is_empty() && !names.spellings[sp].personal {
                names.spellings[sp].personal = stands_for_a_person(doc.text, region, &t.span);
            }
            neighbours[sp].extend(&beside);
        }
    }
    for (sp, mut n) in names.spellings.iter_mut().zip(neighbours) {
        if sp.languages == 0 {
            sp.languages = language::ANY;
        }
        n.sort_unstable();
        n.dedup();
        n.shrink_to_fit();
        sp.neighbours = n;
        sp.tokens.shrink_to_fit();
    }
    names.tokens.shrink_to_fit();
    names.spellings.shrink_to_fit();
    names
}

/// Whether the lone name word at `word` stands where a person's name does: after a
/// title (`President Aliyev`, left out of the name) or `according to`, or beside a verb
/// of saying (`said Mirzoyan`, `Pashinyan told`, `Kuleba did not say`).
fn stands_for_a_person(text: &str, region: &Span, word: &Span) -> bool {
    const SAYING: &[&str] = &[
        "said",
        "says",
        "stated",
        "states",
        "told",
        "tells",
        "added",
        "noted",
        "announced",
        "wrote",
        "argued",
        "claimed",
        "explained",
        "replied",
        "insisted",
        "declared",
        "asked",
        "warned",
        "confirmed",
        "did",
        "declined",
    ];
    let is_word = |c: char| c.is_alphabetic() || c == '.';
    let before = text[region.start..word.start].trim_end_matches([' ', '\u{a0}', ',']);
    let previous = &before
        [before.char_indices().rev().find(|&(_, c)| !is_word(c)).map_or(0, |(i, c)| i + c.len_utf8())..];
    let after = text[word.end..region.end].trim_start_matches(['’', '\'', ' ', '\u{a0}', ',']);
    let after =
        after.strip_prefix('s').filter(|_| text[word.end..].starts_with(['’', '\''])).unwrap_or(after);
    let next = &after[..after.find(|c: char| !c.is_alphabetic()).unwrap_or(after.len())];
    word_lists::is_title(previous.trim_end_matches('.'))
        || SAYING.iter().any(|s| s.eq_ignore_ascii_case(previous))
        || SAYING.contains(&next)
        || before
            .get(before.len().saturating_sub(12)..)
            .is_some_and(|t| t.eq_ignore_ascii_case("according to"))
}

/// Where names are read: body blocks (not the `Last updated:` line) and footnote texts
/// (with the footnote's index), in text order.
fn regions(doc: &Document) -> Vec<(Span, Option<usize>)> {
    let mut regions: Vec<(Span, Option<usize>)> = unordered_regions(doc).collect();
    regions.sort_by_key(|r| r.0.start);
    regions
}

/// The [`regions`] in no particular order, for a reader that needs no order (the gate
/// collects a set of words) and spares the list and its sorting.
fn unordered_regions<'d>(doc: &'d Document<'_>) -> impl Iterator<Item = (Span, Option<usize>)> + 'd {
    let blocks =
        doc.blocks.iter().filter(|b| b.kind != BlockKind::LastUpdated).map(|b| (b.span.clone(), None));
    blocks.chain(doc.footnotes.iter().enumerate().map(|(i, f)| (f.text_span.clone(), Some(i))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn words(text: &str) -> Vec<&str> {
        let doc = Document::parse(text, Format::Text);
        doc.names().tokens.iter().map(|t| &text[t.span.clone()]).collect()
    }

    fn groups(text: &str) -> Vec<Vec<String>> {
        let doc = Document::parse(text, Format::Text);
        let n = doc.names();
        n.variant_groups().iter().map(|g| g.iter().map(|&s| n.spellings[s].key.clone()).collect()).collect()
    }

    #[test]
    fn titles_initials_possessives_and_sentence_openers_are_left_out() {
        let t = "T\n\nHowever, Azerbaijan’s president said so. Interview with Col. Vostanik Adoyan \
                 and President Ilham Aliyev and J. Smith of the Ministry of Defense.\n";
        assert_eq!(
            words(t),
            ["Azerbaijan", "Vostanik", "Adoyan", "Ilham", "Aliyev", "Smith", "Ministry", "Defense"]
        );
    }

    #[test]
    fn quoted_body_text_urls_and_acronyms_are_not_names() {
        let t = "T\n\nIt said “Kalabjari District” was mined, see https://example.org/Lachin and UNSC.\n";
        assert!(words(t).is_empty(), "{:?}", words(t));
    }

    #[test]
    fn a_misspelled_first_name_beside_the_same_surname_is_a_variant() {
        let t = "T\n\nPresident Iham Aliyev said so.[1]\n\n[1] “Interview with Ilham Aliyev,” 2021.\n";
        assert_eq!(groups(t), [["iham", "ilham"]]);
    }

    #[test]
    fn transliterations_and_diacritics_are_variants() {
        let t = "T\n\nPashinyan met Pashinian and Pachinyan. José Martínez met Jose Martinez.\n";
        assert_eq!(
            groups(t),
            [vec!["pashinyan", "pashinian", "pachinyan"], vec!["josé", "jose"], vec!["martínez", "martinez"]]
        );
    }

    #[test]
    fn demonyms_gendered_pairs_plurals_and_different_words_are_not_variants() {
        let t = "T\n\nArmenia and Armenian troops, Azerbaijan and Azerbaijani units, Ilham Aliyev and \
                 Mehriban Aliyeva, the Smiths and Smith, Lachin and Latin, Iran and Iraq, John Smith \
                 and Joan Smith, Heydar Aliyev, Kowalski and Kowalska.\n";
        assert!(groups(t).is_empty(), "{:?}", groups(t));
    }

    #[test]
    fn people_in_author_lists_with_other_initials_or_given_names_are_different_people() {
        let t = "T\n\nHanahan D, Palmiter RD (2007). Fini JB, Palmier K (2012). Bariche, Michel; \
                 Colvin, Michael; Clout, Michael. Alexander Ivanov and Alexandre Bigot. Walker and Walter.\n";
        assert!(groups(t).is_empty(), "{:?}", groups(t));
    }

    #[test]
    fn one_author_spelled_two_ways_in_a_reference_list_is_a_variant() {
        let t = "T\n\nDuncan, Alistair, Art deco (1988). Duncan, Alastair, Art Nouveau (1994).\n";
        assert_eq!(groups(t), [["alistair", "alastair"]]);
    }

    #[test]
    fn words_capitalised_only_where_common_words_are_are_not_compared() {
        let t = "T\n\nEvaluations\n\nLatter parts came first. Later, it rained. Evaluatiuns followed.\n";
        assert!(groups(t).is_empty(), "{:?}", groups(t));
    }

    #[test]
    fn doubled_letters_and_apostrophe_styles_alone_are_not_variants() {
        let t = "T\n\nJugend in Finland, Juugend in Estonia. L’architettura and L'architettura.\n";
        assert!(groups(t).is_empty(), "{:?}", groups(t));
    }

    #[test]
    fn comparisons_grow_linearly_with_the_number_of_names() {
        let small = synthetic_profile(1000);
        let large = synthetic_profile(5000);
        let (ds, dl) = (Document::parse(&small, Format::Text), Document::parse(&large, Format::Text));
        let (_, cs) = ds.names().variant_groups_counted();
        let (gl, cl) = dl.names().variant_groups_counted();
        // Quadratic comparison would be 25 times the work; linear is about 5.
        assert!(cl < cs * 8 + 1000, "{cs} → {cl}");
        assert!(cl < 5000 * 20, "{cl}");
        assert!(gl.len() >= 40, "the misspellings planted every hundredth name are found: {}", gl.len());
    }
}
