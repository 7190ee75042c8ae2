//! A cheap necessary condition for variant spellings, checked before names are
//! extracted: almost every document spells every name one way, and then the full
//! extraction (sentence openers, neighbours, quotations) is not needed. When some words
//! are alike, the gate names them ([`suspects`]), and names are extracted only from the
//! regions that write them ([`super::variant_spellings`]).
//!
//! [`may_have_variants`] is false only if [`Names::variant_groups`] of the document is
//! empty. Why, condition by condition:
//!
//! - Every spelling of [`extract`] comes from a name token, and every name token is a
//!   word of a region (see [`regions`]) as [`runs`] segments it: [`word_at`] from a
//!   position `p` whose char is alphabetic. `runs` reaches `p` either by skipping a
//!   non-alphabetic char or from the end of the word before — and a word never ends
//!   before an alphabetic char. So the char before `p` is not alphabetic, or `p` opens
//!   the region. A token's first char is not lower case (lower-case words are skipped
//!   or connectors, which are never spellings), and [`strip_possessive`] never empties
//!   a word. The gate reads the word at every such `p` whose char is alphabetic and not
//!   lower case, possessive left out: a superset of the tokens' written forms. It reads
//!   the regions in any order ([`unordered_regions`]), as it only collects a set. Most
//!   words it reads with [`ascii_word`]: ASCII letters ending at the region's end, on
//!   an ASCII byte other than `-` and `'`, or on a possessive `s` that ends so, which is
//!   the word `word_at` reads and `strip_possessive` stems; the rest with those two.
//! - A token is no title, [`name_shaped`] and no stop word ([`is_title`] and
//!   [`is_stop`]); the gate keeps only such forms, asking both lists in one lookup
//!   ([`is_title_or_stop`]). It does not look at the rest of `runs`' conditions
//!   (ignored regions, URLs, quotations, sentence openers), which only remove tokens
//!   or spellings' confirmation.
//! - A group is a set of spellings joined by pairs that [`candidate_pairs`] hands out,
//!   and it leaves out words that are not [`compared`] (fewer than four letters, or
//!   more than 40, once folded): the gate leaves them out too. An ASCII form's key and
//!   folded letters are the form in lower case, as many as its bytes: the gate leaves
//!   out ASCII words of fewer than four bytes as soon as it reads them.
//! - Spellings are keyed by [`spelling_key`] and compared on the letters of [`fold`] of
//!   the key, as here. [`Names::are_variants`] is false if the keys are equal or unless
//!   [`likeness`] of the letters is some; the gate asks both of its pairs of forms (a
//!   spelling may have several forms, and a pair of spellings then several pairs of
//!   forms: each of them is alike).
//! - Alike words start with the same letter ([`likeness`] asks it, and equal letters
//!   start alike). The gate compares every pair of forms of one first letter when
//!   they are few; else it takes the pairs [`candidate_pairs`] hands out for them:
//!   those one edit apart or equal share a key of the deletion neighbourhood, and
//!   romanisations of one name share a [`consonant_key`], which the gate adds (the
//!   extraction adds their Double Metaphone codes too, which [`likeness`] never needs). A
//!   key of the deletion neighbourhood holds the same or more words here than in the
//!   extraction, so a key the gate finds not crowded is not crowded there, and the gate
//!   sees all its pairs; a key crowded here may not be there, and then the gate opens.
//! - A token is no common word: its lower-case form is not among [`lowercase_words`].
//!   So a spelling has a form that is not; for the few forms of alike pairs, the gate
//!   asks the same by searching the text ([`written_in_lower_case`]).
//!
//! [`Names::variant_groups`]: super::Names::variant_groups
//! [`Names::are_variants`]: super::Names::are_variants
//! [`extract`]: super::extract
//! [`runs`]: super::runs::runs
//! [`regions`]: super::regions
//! [`word_at`]: super::words::word_at
//! [`strip_possessive`]: super::words::strip_possessive
//! [`ascii_word`]: super::words::ascii_word
//! [`name_shaped`]: super::runs::name_shaped
//! [`is_title`]: super::word_lists::is_title
//! [`is_stop`]: super::word_lists::is_stop
//! [`is_title_or_stop`]: super::word_lists::is_title_or_stop
//! [`unordered_regions`]: super::unordered_regions
//! [`spelling_key`]: super::spelling::spelling_key
//! [`fold`]: super::spelling::fold
//! [`compared`]: super::variants::compared
//! [`candidate_pairs`]: super::variants::candidate_pairs
//! [`likeness`]: super::variants::likeness
//! [`consonant_key`]: super::transliteration::consonant_key
//! [`lowercase_words`]: super::words::lowercase_words
//! [`written_in_lower_case`]: super::words::written_in_lower_case

use std::ops::Range;

use rustc_hash::FxHashSet;

use super::runs::name_shaped;
use super::spelling::{fold_each, spelling_key_into};
use super::transliteration::consonant_key;
use super::variants::{MIN_LEN, candidate_pairs, compared, likeness};
use super::word_lists::is_title_or_stop;
use super::words::{ascii_word, form_hash, strip_possessive, word_at, written_in_lower_case};
use super::{Document, unordered_regions};
use crate::document::bytes::{HIGH_BITS, ascii_in, with_lowercase};

mod forms;
use forms::DistinctForms;

/// Whether `doc` may have variant spellings of a name: false only if
/// [`super::Names::variant_groups`] is empty (see the module documentation).
pub fn may_have_variants(doc: &Document) -> bool {
    !matches!(suspects(doc), Suspects::None)
}

/// Which written forms of `doc` may be variant spellings of a name.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Suspects<'t> {
    /// None: [`super::Names::variant_groups`] of the document is empty.
    None,
    /// These forms, each once: every spelling of a variant group is written only in
    /// them. They are the forms of the pairs the gate finds alike and named, and every
    /// other form of their keys (see [`suspects`]).
    Forms(Vec<&'t str>),
    /// Any form: too many words alike to tell pairs apart (a crowded key, or more than
    /// [`MAX_SUSPECTS`] keys in named pairs).
    Any,
}

/// The forms that may be variant spellings (see the module documentation): a group's
/// spellings are pairwise alike and named, so each has a form in a pair the gate finds
/// alike and named; a spelling is written in every form of its key, and those forms are
/// all among the gate's (a key's forms have the same letters and length, so are equally
/// compared, and are names only if name-shaped and not titles or stop words).
pub(crate) fn suspects<'t>(doc: &Document<'t>) -> Suspects<'t> {
    let text = doc.text;
    let bytes = text.as_bytes();
    // Words are kept as 32-bit spans.
    if u32::try_from(text.len()).is_err() {
        return Suspects::Any;
    }
    // Distinct written forms of the words that may be name tokens: each occurrence is
    // only delimited and hashed here, each distinct form classified once below.
    let mut forms = DistinctForms::new(text);
    for (region, _) in unordered_regions(doc) {
        let (start, end) = (region.start, region.end);
        let mut pos = start;
        while let Some(next) = next_capital(bytes, pos, end) {
            pos = next;
            let (opens, len) = if bytes[pos].is_ascii() {
                (true, 1)
            } else {
                let c = text[pos..end].chars().next().unwrap_or(' ');
                (alphabetic(c) && !c.is_lowercase(), c.len_utf8())
            };
            let after_letter = pos > start
                && match bytes[pos - 1] {
                    b if b.is_ascii() => b.is_ascii_alphabetic(),
                    _ => text[start..pos].chars().next_back().is_some_and(alphabetic),
                };
            if !opens || after_letter {
                pos += len;
                continue;
            }
            let (word, hash) = match ascii_word(bytes, pos, end) {
                Some(found) => {
                    pos = found.after;
                    // An ASCII word's folded key is as long as it is: a short one is
                    // never compared, and is not even looked up.
                    if found.word.len() < MIN_LEN {
                        continue;
                    }
                    (found.word, found.hash)
                }
                None => {
                    let word = word_at(text, pos, end);
                    pos = word.end;
                    let w = strip_possessive(&text[word.clone()]).0;
                    (word.start..word.start + w.len(), form_hash(w.as_bytes()))
                }
            };
            forms.insert(word, hash);
        }
    }

    // The forms that are compared at all, with their keys and folded letters. Forms of
    // one key are not merged: a pair of them is told apart by the key.
    // Sized for every form up front (a key of an ASCII form is as long as it): growing
    // them was a visible cost.
    let mut keys = String::with_capacity(forms.bytes);
    let mut letters = Vec::with_capacity(forms.bytes);
    let mut spellings: Vec<Candidate> = Vec::with_capacity(forms.len);
    let mut key = String::new();
    for w in forms.iter() {
        if !name_shaped(w) || is_title_or_stop(w) {
            continue;
        }
        let (key_from, from) = (keys.len(), letters.len());
        if w.is_ascii() {
            // The key of an ASCII form is it in lower case, and its folded letters are
            // the key's: no buffer, no decoding.
            if !compared(w.len()) {
                continue;
            }
            keys.push_str(w);
            keys[key_from..].make_ascii_lowercase();
            letters.extend(keys[key_from..].bytes().map(char::from));
        } else {
            spelling_key_into(w, &mut key);
            fold_each(&key, |c| letters.push(c));
            if !compared(letters.len() - from) {
                letters.truncate(from);
                continue;
            }
            keys.push_str(&key);
        }
        spellings.push(Candidate { form: w, key: key_from..keys.len(), letters: from..letters.len() });
    }

    // Alike words start with the same letter: each first letter's few words are compared
    // pair by pair, cheaper than a deletion neighbourhood; many go through one.
    spellings.sort_unstable_by_key(|s| letters[s.letters.start]);
    let mut alike: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    for group in spellings.chunk_by(|a, b| letters[a.letters.start] == letters[b.letters.start]) {
        let mut compare = |a: usize, b: usize| {
            let (a_, b_) = (&group[a], &group[b]);
            if keys[a_.key.clone()] != keys[b_.key.clone()]
                && likeness(&letters[a_.letters.clone()], &letters[b_.letters.clone()]).is_some()
            {
                alike.push((offset + a, offset + b));
            }
        };
        if group.len() <= FEW {
            for a in 0..group.len() {
                for b in a + 1..group.len() {
                    compare(a, b);
                }
            }
        } else if candidate_pairs(group.iter().map(|s| &letters[s.letters.clone()]), skeleton, compare) {
            return Suspects::Any;
        }
        offset += group.len();
    }

    // Whether a form is not a common word, once per form: a search of the text each, so
    // past `MAX_SUSPECTS` keys of named pairs the gate stops and any form may be a variant.
    let mut named: Vec<Option<bool>> = vec![None; spellings.len()];
    let mut is_named = |s: usize| {
        *named[s]
            .get_or_insert_with(|| !with_lowercase(spellings[s].form, |w| written_in_lower_case(text, w)))
    };
    let mut suspect_keys: FxHashSet<&str> = FxHashSet::default();
    for (a, b) in alike {
        if is_named(a) && is_named(b) {
            suspect_keys.extend([a, b].map(|s| &keys[spellings[s].key.clone()]));
            if suspect_keys.len() > MAX_SUSPECTS {
                return Suspects::Any;
            }
        }
    }
    if suspect_keys.is_empty() {
        return Suspects::None;
    }
    Suspects::Forms(
        spellings.iter().filter(|s| suspect_keys.contains(&keys[s.key.clone()])).map(|s| s.form).collect(),
    )
}

/// The key romanisations of one name share (see [`consonant_key`]): the gate finds every
/// pair [`likeness`] calls romanisations.
fn skeleton(w: &[char], keys: &mut Vec<u64>) {
    keys.extend(consonant_key(w));
}

/// Up to this many keys of named alike pairs make [`Suspects::Forms`]; more, and the
/// document is read whole, which costs less than telling so many apart.
const MAX_SUSPECTS: usize = 64;

/// Up to this many words of one first letter are compared pair by pair: the work stays
/// linear in the number of words.
const FEW: usize = 32;

/// A written form the gate compares.
struct Candidate<'t> {
    form: &'t str,
    /// Its key, in the gate's string of keys.
    key: Range<usize>,
    /// The letters of its folded key, in the gate's list of letters.
    letters: Range<usize>,
}

/// The first position in `pos..end` that may open a capitalised word: an ASCII capital
/// or any non-ASCII byte. Prose is mostly lower case; this skips it eight bytes at a time.
fn next_capital(bytes: &[u8], pos: usize, end: usize) -> Option<usize> {
    // Whole chunks need no bounds checks.
    let mut chunks = bytes[pos..end].chunks_exact(8);
    for (k, chunk) in chunks.by_ref().enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let hits = (ascii_in(x, b'A', b'Z') | x) & HIGH_BITS;
        if hits != 0 {
            return Some(pos + 8 * k + hits.trailing_zeros() as usize / 8);
        }
    }
    let rest = chunks.remainder();
    let at = end - rest.len();
    rest.iter().position(|&b| b.is_ascii_uppercase() || !b.is_ascii()).map(|off| at + off)
}

/// [`char::is_alphabetic`], answered at once for General Punctuation (quotation marks,
/// dashes, spaces), the non-ASCII chars prose has most and which hold no letter; the
/// Unicode tables cost hundreds of instructions a char.
fn alphabetic(c: char) -> bool {
    !('\u{2000}'..='\u{206f}').contains(&c) && c.is_alphabetic()
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::document::names::{Names, synthetic_profile, variant_spellings};
    use crate::document::{Format, Span};

    /// Whether the gate is open on `text` read as `format`, and whether it must be; and
    /// that [`variant_spellings`], reading only the regions that write suspect forms,
    /// finds the groups of the whole document, word for word.
    fn gate_and_groups(text: &str, format: Format) -> (bool, bool) {
        let doc = Document::parse(text, format);
        let names = doc.names();
        let groups = names.variant_groups();
        let found = variant_spellings(&doc);
        assert_eq!(described(&found.names, &found.groups), described(names, &groups), "{format:?} {text:?}");
        (may_have_variants(&doc), !groups.is_empty())
    }

    /// A name word as the rule reads it: span, footnote, whole name.
    type Word = (Span, Option<usize>, Span);

    /// Groups as the rule reads them: per spelling its key and its words (span, footnote,
    /// whole name).
    fn described(names: &Names, groups: &[Vec<usize>]) -> Vec<Vec<(String, Vec<Word>)>> {
        let words = |s: usize| {
            let tokens = names.spellings[s].tokens.iter().map(|&t| &names.tokens[t]);
            tokens.map(|t| (t.span.clone(), t.note, t.name.clone())).collect()
        };
        groups
            .iter()
            .map(|g| g.iter().map(|&s| (names.spellings[s].key.clone(), words(s))).collect())
            .collect()
    }

    #[test]
    fn variants_are_found_reading_only_the_regions_that_write_suspect_forms() {
        let t = "Armenia\n\nPresident Ilham Aliyev met Nikol Pashinyan in Moscow.[1]\n\n\
                 The Ministry of Defense of Armenia reported clearance in Tavush.[2]\n\n\
                 According to Iham Aliyev, the maps are not accurate.[3]\n\n\
                 [1] Reuters, “Aliyev and Pashinyan meet,” 2 May 2021.\n\n\
                 [2] Ministry of Defense of Armenia, statement, 3 May 2021.\n\n\
                 [3] “Interview with Ilham Aliyev,” CNN Turk, 14 August 2021.\n";
        let doc = Document::parse(t, Format::Text);
        let found = doc.name_variants();
        let keys: Vec<Vec<&str>> = found
            .groups
            .iter()
            .map(|g| g.iter().map(|&s| found.names.spellings[s].key.as_str()).collect())
            .collect();
        assert_eq!(keys, [["ilham", "iham"]]);
        // Only the first and third paragraphs and note 3 write `Ilham` or `Iham`.
        let read: Vec<&str> = found.names.tokens.iter().map(|tok| &t[tok.span.clone()]).collect();
        assert_eq!(
            read,
            ["Ilham", "Aliyev", "Nikol", "Pashinyan", "Moscow", "Iham", "Aliyev", "Ilham", "Aliyev", "Turk"]
        );
        assert!(doc.names().tokens.len() > read.len() + 6, "{:?}", doc.names().tokens);
    }

    fn files(dir: &Path) -> Vec<(PathBuf, String)> {
        let mut out: Vec<(PathBuf, String)> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?)))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn the_gate_is_open_on_every_document_with_variant_spellings() {
        let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![manifest.join("fixtures"), manifest.join("fixtures/provenance")];
        match crate::document::test_support::shared_dir() {
            Some(s) => dirs.extend([s.join("corpus/real"), s.join("profiles")]),
            None => eprintln!("note: shared folder not found; checking the fixtures only"),
        }
        let (mut checked, mut with_groups) = (0, 0);
        for dir in &dirs {
            // How often the gate lets a document through, per folder (`--nocapture`).
            let (mut parses, mut opened, mut grouped) = (0, 0, 0);
            for (path, text) in files(dir) {
                for format in [Format::Text, Format::Markdown] {
                    let (open, groups) = gate_and_groups(&text, format);
                    assert!(
                        open || !groups,
                        "{} ({format:?}) has variant spellings behind a closed gate",
                        path.display()
                    );
                    parses += 1;
                    opened += usize::from(open);
                    grouped += usize::from(groups);
                }
            }
            eprintln!(
                "{}: gate open on {opened} of {parses} parses (as text and as Markdown), {grouped} with variant groups",
                dir.display()
            );
            checked += parses;
            with_groups += grouped;
        }
        for people in [10, 100, 250, 1000] {
            let (open, groups) = gate_and_groups(&synthetic_profile(people), Format::Text);
            assert!(open || !groups, "synthetic profile of {people}");
            with_groups += usize::from(groups);
        }
        assert!(with_groups > 0, "some document of {checked} has variant spellings");
    }

    #[test]
    fn a_document_with_many_alike_names_is_read_whole() {
        // Every name its own spelling, and many alike: telling pairs apart would search
        // the text for thousands of forms (a test of each for being a common word).
        let (large, small) = (synthetic_profile(5000), synthetic_profile(10));
        assert_eq!(suspects(&Document::parse(&large, Format::Text)), Suspects::Any);
        assert_eq!(suspects(&Document::parse(&small, Format::Text)), Suspects::None);
    }

    #[test]
    fn the_gate_is_closed_on_documents_that_spell_every_name_one_way() {
        let t = "T\n\nIlham Aliyev met Nikol Pashinyan in Moscow.[1] Later, Aliyev said so.\n\n\
                 [1] “Aliyev and Pashinyan meet,” Reuters, 2 May 2021.\n";
        assert_eq!(gate_and_groups(t, Format::Text), (false, false));
        let t =
            "T\n\nThe Ministry of Defense said so. Ministries met.[1]\n\n[1] Ministry of Defence, 2020.\n";
        let doc = Document::parse(t, Format::Text);
        assert!(may_have_variants(&doc), "Defense / Defence are alike: the gate lets them through");
        // `Latter` is a common word here: no pair with it can be a variant.
        let t = "T\n\nLater, the latter came. Latter parts came first.\n";
        assert_eq!(gate_and_groups(t, Format::Text), (false, false));
    }

    #[test]
    fn capitals_are_found_eight_bytes_at_a_time_as_one_at_a_time() {
        let text = "abcdefghijklmnopQrstuvwxyz0123456789 abcdéfgh @[`{ ABCZ az";
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            let slow = bytes[start..]
                .iter()
                .position(|&b| b.is_ascii_uppercase() || !b.is_ascii())
                .map(|o| start + o);
            assert_eq!(next_capital(bytes, start, bytes.len()), slow, "from {start}");
        }
    }

    #[test]
    fn general_punctuation_holds_no_letter() {
        for c in '\u{2000}'..='\u{206f}' {
            assert_eq!(alphabetic(c), c.is_alphabetic(), "{c:?}");
        }
        assert!(alphabetic('é') && !alphabetic('’') && !alphabetic('1'));
    }

    proptest::proptest! {
        #[test]
        fn the_gate_is_open_whenever_a_generated_document_has_variant_spellings(
            body in proptest::collection::vec(WORDS, 1..60),
            notes in proptest::collection::vec(WORDS, 0..30),
        ) {
            let text = format!("T\n\n{}[1]\n\n[1] {}\n", body.concat(), notes.concat());
            for format in [Format::Text, Format::Markdown] {
                let (open, groups) = gate_and_groups(&text, format);
                proptest::prop_assert!(open || !groups, "{:?} {:?}", format, text);
            }
        }
    }

    /// Words and separators the generated documents are made of: names and their
    /// variants (case, diacritics, apostrophes, possessives, hyphens), common words in
    /// both cases, titles, initials, quotations, code and URLs.
    const WORDS: &str = "(Pashinyan|Pashinian|Pachinyan|Iham|Ilham|Aliyev|Aliyeva|José|Jose|Jose\u{301}|\
        Martínez|Martinez|Walker|Walter|Later|Latter|latter|O’Neil|O'Neil|Neil’s|Smith-Jones|\
        Smith-jones|ALIYEV|McDonald|Mcdonald|Col\\.|J\\.|President|However|Duncan|Alistair|Alastair|\
        RD|K|of|the|de|and|said|[“”\"‘’]|https://x\\.org/Ilham|`Iham`|[ ,.;:()\\n-]|\u{a0}|[a-zé]{1,4}|\
        [A-ZÉ][a-zé]{2,6}) ?";
}
