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

use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::bytes::{AsciiSet, ascii_letters_end, with_lowercase};
use super::dates::{in_spans, quoted_regions};
use super::{BlockKind, Document, Span};

mod gate;
mod variants;
use gate::Suspects;
pub use gate::may_have_variants;
pub use variants::synthetic_profile;

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
    /// (`sarah` in `Schmidt, Sarah`). Ids of the document's distinct strings, sorted.
    neighbours: Vec<u32>,
    /// Whether it is ever written on its own, with nothing beside it.
    alone: bool,
    /// Whether it is capitalised somewhere a common word would not be: mid-sentence,
    /// or beside another name word.
    confirmed: bool,
}

/// Every name word of a document, computed once and shared by the rules.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub tokens: Vec<NameToken>,
    pub spellings: Vec<Spelling>,
}

/// Capitalised words that open sentences and are not names.
const STOP: &str = "The A An In On At By For From To Of With Without However According This That These Those \
    It Its As If When While Since After Before During Although Though Moreover Furthermore \
    Later Earlier Also But And Or Nor So Yet We I You He She They Our Their His Her My Your \
    There Here What Which Who Whom Why How Where Some Many Most Several All Each Every No Not \
    Other Such Both Either Neither Because Thus Therefore Hence Meanwhile Finally First Second \
    Third Then Now Today One Two Three Another Any Even Only Just Still Instead Indeed Yes Let \
    See Ibid Id Op Letter Statement Interview Email Response Presentation Note Notes January \
    February March April May June July August September October November December Monday \
    Tuesday Wednesday Thursday Friday Saturday Sunday Last Updated Who's It's Don't Isn't \
    Can't I'm We're";

/// Titles before a name; they are not part of its spelling.
const TITLES: &str = "President Prime Minister Col Colonel Gen General Lt Lieutenant Maj Major Capt Captain Sgt \
    Sergeant Dr Mr Mrs Ms Prof Professor Rev Sir Dame Lord Lady Amb Ambassador Sen Senator Rep \
    Gov Governor Judge Justice King Queen Prince Princess Sheikh Emir Pope Saint St Deputy \
    Chairman Chairwoman Secretary Director Head Chief Commander Admiral Marshal Mayor Speaker";

/// Lower-case words that may sit inside a name: `Ministry of Defense`, `Luis de Góngora`.
const CONNECTORS: &str = "of the de da di del della van von der den bin ibn du dos das y";

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
                for at in gate::whole_words(text, form, |c| !c.is_alphabetic() && !is_combining_mark(c)) {
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
                let mid = names_in_run > 1 || !opens_sentence(doc.text, region, w);
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
        let run_words = &words[run.clone()];
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
                });
                key_of.push(id);
                neighbours.push(Vec::new());
            }
            let spelling = spelling_of[idx] as usize;
            names.spellings[spelling].tokens.push(names.tokens.len());
            names.tokens.push(NameToken { span: word, spelling, note, name: name.clone() });
        }
        // Words next to each other in one name are each other's context.
        let run_tokens = first..names.tokens.len();
        for i in run_tokens.clone() {
            let t = &names.tokens[i];
            beside.clear();
            beside.extend(
                attached(doc.text, &t.span, region, run_tokens.len() == 1).iter().map(|s| strings.id(s)),
            );
            if i > first {
                beside.push(key_of[names.tokens[i - 1].spelling]);
            }
            if i + 1 < run_tokens.end {
                beside.push(key_of[names.tokens[i + 1].spelling]);
            }
            let sp = t.spelling;
            names.spellings[sp].alone |= beside.is_empty();
            neighbours[sp].extend(&beside);
        }
    }
    for (sp, mut n) in names.spellings.iter_mut().zip(neighbours) {
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

/// Whether `word` opens a sentence (or its region): nothing but opening punctuation
/// between it and a sentence end, unless that end is an initial or a title's period.
fn opens_sentence(text: &str, region: &Span, word: &Span) -> bool {
    let head = text[region.start..word.start].trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '“' | '"' | '‘' | '(' | '[' | '*' | '_' | '#' | '>' | '-' | '•')
    });
    match head.chars().next_back() {
        None => true,
        Some('.') => !ends_with_abbreviation(head),
        Some(c) => matches!(c, '!' | '?' | ':' | ';' | '|' | ']' | ')'),
    }
}

/// A word's spelling, case and apostrophe style aside.
fn spelling_key(written: &str) -> String {
    if written.is_ascii() {
        return written.to_ascii_lowercase();
    }
    written.nfc().map(|c| if c == '’' { '\'' } else { c }).collect::<String>().to_lowercase()
}

/// [`spelling_key`] into a reused buffer: most words are ASCII and need no allocation.
fn spelling_key_into(written: &str, out: &mut String) {
    out.clear();
    if written.is_ascii() {
        out.push_str(written);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&spelling_key(written));
    }
}

/// Initials and names written beside a name outside its run, as in author lists:
/// `Palmiter RD`, `Reichard, S.H.`, `D.M. Richardson`, `Schmidt, Sarah`, `Colvin, Michael`.
/// A name across a comma counts only for a `lone` word: in `Ilham Aliyev, Yerevan`
/// the comma ends a full name, and the place after it is no given name.
fn attached(text: &str, word: &Span, region: &Span, lone: bool) -> Vec<String> {
    let mut out = Vec::new();
    let after = &text[word.end..region.end];
    let (comma, rest) = match after.strip_prefix(',') {
        Some(r) => (true, r),
        None => (false, after),
    };
    let rest = rest.trim_start();
    if rest.len() < after.len() - usize::from(comma) || comma {
        if let Some(i) = initials(rest) {
            out.push(i);
        } else if comma && lone {
            let given: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
            if given.chars().next().is_some_and(char::is_uppercase)
                && given.chars().skip(1).all(char::is_lowercase)
            {
                out.push(given.to_lowercase());
            }
        }
    }
    let before = text[region.start..word.start].trim_end_matches([' ', '\u{a0}', '\n', '\r', '\t']);
    if let Some(head) = before.strip_suffix(',').filter(|_| lone) {
        // `Colvin, Michael`: the surname before the comma.
        let surname: String = head
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        if surname.chars().next().is_some_and(char::is_uppercase) {
            out.push(spelling_key(&surname));
        }
    }
    if before.ends_with('.') {
        let start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_uppercase() || c == '.'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        if let Some(i) = initials(&before[start..]) {
            out.push(i);
        }
    }
    out
}

/// `RD`, `S.H.`, `K`: one to three capitals (dotted or not) ending the word.
fn initials(s: &str) -> Option<String> {
    let run_len =
        s.char_indices().find(|&(_, c)| !(c.is_uppercase() || c == '.')).map_or(s.len(), |(i, _)| i);
    let run = &s[..run_len];
    let letters = run.chars().filter(|c| c.is_alphabetic());
    let ends = s[run_len..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    ((1..=3).contains(&letters.clone().count()) && ends)
        .then(|| format!("#{}", letters.collect::<String>().to_lowercase()))
}

/// Every word the document writes in lower case (so its capitalised form is no name):
/// the runs of alphabetic chars that start with a lower-case one.
fn lowercase_words(text: &str) -> FxHashSet<&str> {
    // Sized for a typical vocabulary up front: growing the set was a visible cost.
    let mut set = FxHashSet::with_capacity_and_hasher(text.len() / 16, Default::default());
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < text.len() {
        let b = bytes[pos];
        // Most words are ASCII letters ending on an ASCII byte: read without decoding.
        if b.is_ascii() {
            if !b.is_ascii_alphabetic() {
                pos += 1;
                continue;
            }
            let end = ascii_letters_end(bytes, pos, text.len());
            if bytes.get(end).is_none_or(u8::is_ascii) {
                if b.is_ascii_lowercase() {
                    set.insert(&text[pos..end]);
                }
                pos = end;
                continue;
            }
        }
        let rest = &text[pos..];
        let len = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
        match rest[..len].chars().next() {
            Some(first) => {
                if first.is_lowercase() {
                    set.insert(&rest[..len]);
                }
                pos += len;
            }
            None => pos += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    set
}

/// Whether `w` is in `list`, through a set built once per list.
fn listed(set: &'static OnceLock<FxHashSet<&'static str>>, list: &'static str, w: &str) -> bool {
    set.get_or_init(|| list.split_whitespace().collect()).contains(w)
}

fn is_stop(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    listed(&SET, STOP, w)
}

fn is_title(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    listed(&SET, TITLES, w)
}

/// Whether `w` is a title or a stop word, in one lookup: the name gate leaves out both.
fn is_title_or_stop(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    SET.get_or_init(|| TITLES.split_whitespace().chain(STOP.split_whitespace()).collect()).contains(w)
}

fn is_connector(w: &str) -> bool {
    static SET: OnceLock<FxHashSet<&str>> = OnceLock::new();
    listed(&SET, CONNECTORS, w)
}

/// Transliteration folding: diacritics and a few special letters to their base.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_each(s, |c| out.push(c));
    out
}

/// [`fold`], letter by letter.
fn fold_each(s: &str, mut push: impl FnMut(char)) {
    if s.is_ascii() {
        s.chars().for_each(push);
        return;
    }
    for c in s.nfd().filter(|c| !is_combining_mark(*c)) {
        match c {
            'ø' => push('o'),
            'ł' => push('l'),
            'đ' => push('d'),
            'ı' => push('i'),
            'ß' => "ss".chars().for_each(&mut push),
            'æ' => "ae".chars().for_each(&mut push),
            'œ' => "oe".chars().for_each(&mut push),
            _ => push(c),
        }
    }
}

/// The maximal runs of name words in `region`, each a list of word spans (connectors
/// included, titles and initials left out), appended to `words` with their ranges in
/// `out`.
fn runs<'t>(
    doc: &Document<'t>,
    region: &Span,
    vocabulary: &mut Vocabulary<'t>,
    words: &mut Vec<Span>,
    out: &mut Vec<Range<usize>>,
) {
    let text = doc.text;
    let Vocabulary { run, pending, .. } = vocabulary;
    let (mut run, mut pending) = (std::mem::take(run), std::mem::take(pending));
    let mut last_end = region.start;
    let mut pos = region.start;
    // Runs go into one flat list of words, each run a range of it: one allocation per
    // document rather than one per run.
    let mut flush = |run: &mut Vec<Span>, pending: &mut Vec<Span>, out: &mut Vec<Range<usize>>| {
        pending.clear();
        if !run.is_empty() {
            let start = words.len();
            words.append(run);
            out.push(start..words.len());
        }
    };
    let bytes = text.as_bytes();
    while pos < region.end {
        // Most chars are ASCII, read without decoding.
        let c = match bytes[pos] {
            b if b.is_ascii() => char::from(b),
            _ => match text[pos..region.end].chars().next() {
                Some(c) => c,
                None => break,
            },
        };
        if !c.is_alphabetic() {
            pos += c.len_utf8();
            continue;
        }
        let word = word_at(text, pos, region.end);
        pos = word.end;
        // A lower-case word outside a run only ends the (empty) run: most words are such,
        // and need nothing more read.
        if run.is_empty() && c.is_lowercase() {
            last_end = word.end;
            continue;
        }
        // Only spaces (or one line break) between words keep a name together.
        // One pass over the gap: it is read for every word.
        let (mut lines, mut dots, mut spaces_only) = (0, 0, true);
        for c in text[last_end..word.start].chars() {
            match c {
                '\n' => lines += 1,
                '.' => dots += 1,
                ' ' | '\u{a0}' => {}
                _ => spaces_only = false,
            }
        }
        let joined = spaces_only && lines <= 1 && dots <= 1;
        last_end = word.end;
        if !joined || dots > 0 && !ends_with_abbreviation(&text[..word.start]) {
            flush(&mut run, &mut pending, out);
        }
        if doc.is_ignored(word.start) || !in_prose(text, &word, region) {
            flush(&mut run, &mut pending, out);
            continue;
        }
        let w = &text[word.clone()];
        let (w, possessive) = strip_possessive(w);
        let word = word.start..word.start + w.len();
        let first = w.chars().next().unwrap_or(' ');
        if first.is_lowercase() {
            if !run.is_empty() && is_connector(w) {
                pending.push(word);
            } else {
                flush(&mut run, &mut pending, out);
            }
            continue;
        }
        // Initials and titles stand beside a name without being part of its spelling.
        let kind = vocabulary.kind(w);
        if kind == Kind::Title {
            flush(&mut run, &mut pending, out);
            continue;
        }
        if text[word.end..].starts_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() == 1 {
            continue;
        }
        if kind == Kind::Other {
            flush(&mut run, &mut pending, out);
            continue;
        }
        run.append(&mut pending);
        run.push(word);
        if possessive {
            flush(&mut run, &mut pending, out);
        }
    }
    flush(&mut run, &mut pending, out);
    // The buffers, empty, serve the next region.
    (vocabulary.run, vocabulary.pending) = (run, pending);
}

/// What a capitalised word (possessive left out) is to a name, by its letters and the
/// document's vocabulary alone.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A title ([`is_title`]), which stands before a name.
    Title,
    /// No name word: not [`name_shaped`], a stop word or a word the document also
    /// writes in lower case.
    Other,
    /// A name word.
    Name,
}

/// What [`runs`] needs of the whole document: its lower-case words, and the [`Kind`] of
/// each capitalised word, found once per distinct word (a name recurs, and classifying
/// it took four set lookups). Also the buffers of a run, kept from region to region.
struct Vocabulary<'t> {
    text: &'t str,
    lower: Lower<'t>,
    kinds: FxHashMap<&'t str, Kind>,
    run: Vec<Span>,
    pending: Vec<Span>,
}

/// How a [`Vocabulary`] tells whether the document writes a word in lower case.
enum Lower<'t> {
    /// From the set of its [`lowercase_words`].
    Set(FxHashSet<&'t str>),
    /// By searching the text for the word, up to this many more times, then from the
    /// set: when a few regions are read, a few searches cost less than the set, and the
    /// bound keeps the work linear in the text.
    Search(usize),
}

impl<'t> Vocabulary<'t> {
    fn new(text: &'t str) -> Self {
        Vocabulary::with(text, Lower::Set(lowercase_words(text)))
    }

    /// A vocabulary for reading a few regions: it searches rather than builds a set.
    fn searching(text: &'t str) -> Self {
        Vocabulary::with(text, Lower::Search(MAX_SEARCHES))
    }

    fn with(text: &'t str, lower: Lower<'t>) -> Self {
        let (kinds, run, pending) = (FxHashMap::default(), Vec::new(), Vec::new());
        Vocabulary { text, lower, kinds, run, pending }
    }

    fn kind(&mut self, w: &'t str) -> Kind {
        let Vocabulary { text, lower, kinds, .. } = self;
        *kinds.entry(w).or_insert_with(|| {
            if is_title(w) {
                return Kind::Title;
            }
            if !name_shaped(w) || is_stop(w) {
                return Kind::Other;
            }
            let common = with_lowercase(w, |lowered| match lower {
                Lower::Search(left) if *left > 0 => {
                    *left -= 1;
                    gate::written_in_lower_case(text, lowered)
                }
                Lower::Search(_) => {
                    let set = lowercase_words(text);
                    let common = set.contains(lowered);
                    *lower = Lower::Set(set);
                    common
                }
                Lower::Set(set) => set.contains(lowered),
            });
            if common { Kind::Other } else { Kind::Name }
        })
    }
}

/// See [`Lower::Search`].
const MAX_SEARCHES: usize = 64;

/// Whether a word that starts with a capital (possessive left out, not a title) may be
/// a name word by its letters alone: two letters or more, not all capitals (an acronym),
/// not mixed case, no lower-case part after a hyphen. Stop words ([`is_stop`]) are
/// name-shaped but no names; the rest (a common word, an initial) depends on the document.
fn name_shaped(w: &str) -> bool {
    let bytes = w.as_bytes();
    if bytes.iter().all(u8::is_ascii_alphabetic) {
        // Most words are ASCII letters, every letter upper or lower case: such a word has
        // a lower-case letter and none before a capital (mixed case) if it is capitals
        // followed by lower case, to its end.
        let capitals = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
        return bytes.len() >= 2
            && capitals < bytes.len()
            && bytes[capitals..].iter().all(u8::is_ascii_lowercase);
    }
    // One pass over the letters: this runs for every distinct capitalised word.
    let (mut letters, mut lower, mut mixed, mut hyphen_lower, mut digit) = (0, false, false, false, false);
    let mut prev = ' ';
    for c in w.chars() {
        letters += usize::from(c.is_alphabetic());
        let is_lower = c.is_lowercase();
        lower |= is_lower;
        // `GitHub`, `SlovenÅ` (mojibake): mixed case is an identifier or broken text.
        mixed |= prev.is_lowercase() && c.is_uppercase();
        hyphen_lower |= prev == '-' && is_lower;
        digit |= c.is_ascii_digit();
        prev = c;
    }
    letters >= 2 && lower && !mixed && !hyphen_lower && !digit
}

/// A word starting at `pos`: letters and marks, with inner `-`, `'`, `’` followed by a
/// letter.
fn word_at(text: &str, pos: usize, end: usize) -> Span {
    // Most words are ASCII letters to their end: those need no decoding, and are crossed
    // eight bytes at a time.
    let bytes = text.as_bytes();
    let mut i = ascii_letters_end(bytes, pos, end);
    if i == end || bytes[i].is_ascii() && !matches!(bytes[i], b'-' | b'\'') {
        return pos..i;
    }
    let from = i;
    let mut chars = text[from..end].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        let ok = c.is_alphabetic()
            || is_combining_mark(c)
            || (matches!(c, '-' | '\'' | '’') && chars.peek().is_some_and(|(_, n)| n.is_alphabetic()));
        if !ok {
            break;
        }
        i = from + off + c.len_utf8();
    }
    pos..i
}

/// Not part of a URL, path, e-mail address, identifier or number.
fn in_prose(text: &str, word: &Span, region: &Span) -> bool {
    let before = text[region.start..word.start].chars().next_back();
    let after = text[word.end..region.end].chars().next();
    const BAD_BEFORE: AsciiSet = AsciiSet::new(b"/@#_\\=:.<>`*$%&~|");
    const BAD_AFTER: AsciiSet = AsciiSet::new(b"/@_\\=<>`(|");
    let bad_before = before.is_some_and(|c| c.is_alphanumeric() || BAD_BEFORE.contains(c));
    let bad_after = after.is_some_and(|c| c.is_alphanumeric() || BAD_AFTER.contains(c))
        || text[word.end..region.end].starts_with('.')
            && text[word.end + 1..region.end].starts_with(|c: char| c.is_alphanumeric());
    !bad_before && !bad_after
}

fn strip_possessive(w: &str) -> (&str, bool) {
    for suffix in ["’s", "'s"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if !stem.is_empty() {
                return (stem, true);
            }
        }
    }
    (w, false)
}

fn ends_with_abbreviation(head: &str) -> bool {
    let head = head.trim_end().strip_suffix('.').unwrap_or("");
    let word = head.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    word.chars().count() == 1 || is_title(word)
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

    proptest::proptest! {
        /// The byte-level reader of lower-case words finds what splitting the text on
        /// every char that is no letter finds (the definition it replaced).
        #[test]
        fn lower_case_words_are_the_alphabetic_runs_that_open_in_lower_case(
            text in "([a-zA-Z]{1,12}|[ .,’'-]|é|É|ſ|İ|\\u{212a}|ß|\u{301}|\u{a0}|Σ|1|\n){0,40}",
        ) {
            let by_chars: FxHashSet<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
                .collect();
            proptest::prop_assert_eq!(lowercase_words(&text), by_chars);
        }
    }

    #[test]
    fn a_searching_vocabulary_classifies_words_as_the_whole_set_does() {
        let text = "Salt and pepper. Pepper, Salt, Mine and mine: Ilham Aliyev said so. Said Aliyev’s aide.";
        let words = ["Salt", "Pepper", "Mine", "Ilham", "Aliyev", "Said", "President", "The", "Aide"];
        let mut whole = Vocabulary::new(text);
        // Two searches, then the set: both ways are asked.
        let mut searching = Vocabulary::with(text, Lower::Search(2));
        for w in words {
            assert!(whole.kind(w) == searching.kind(w), "{w}");
        }
        assert!(matches!(searching.lower, Lower::Set(_)));
        let kinds: Vec<bool> = words.iter().map(|w| whole.kind(w) == Kind::Name).collect();
        assert_eq!(kinds, [true, false, false, true, true, false, false, false, false]);
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
