//! Which spellings of name words are variants of one another, found without comparing
//! every pair: candidates share a key of a deletion neighbourhood.

use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::Names;
use super::transliteration::{Romanised, consonant_key, romanised};

/// How two spellings of one length class differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Edit {
    /// One letter replaced, at this position.
    Substitution(usize),
    /// One letter more or less.
    Indel,
    /// Two neighbouring letters swapped.
    Transposition,
}

/// The single edit between `a` and `b`, if they are one edit apart.
fn one_edit(a: &[char], b: &[char]) -> Option<Edit> {
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    match a.len() as isize - b.len() as isize {
        0 => {
            if p == a.len() {
                return None;
            }
            if a[p + 1..] == b[p + 1..] {
                return Some(Edit::Substitution(p));
            }
            let swapped = p + 1 < a.len() && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..];
            swapped.then_some(Edit::Transposition)
        }
        1 => (a[p + 1..] == b[p..]).then_some(Edit::Indel),
        -1 => (b[p + 1..] == a[p..]).then_some(Edit::Indel),
        _ => None,
    }
}

/// Whether the longer of two words one letter apart has that letter doubled.
fn doubled(a: &[char], b: &[char]) -> bool {
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    let p = long.iter().zip(short).take_while(|(x, y)| x == y).count();
    (p > 0 && long[p] == long[p - 1]) || long.get(p + 1) == Some(&long[p])
}

/// Letters that transliterations of one name swap (`Pashinyan` / `Pashinian`,
/// `Pashinyan` / `Pachinyan`); other replaced letters make another name without a
/// shared neighbour to say otherwise (`Walker` / `Walter`, `Julian` / `Julien`).
fn transliteration(a: char, b: char) -> bool {
    const PAIRS: &[(char, char)] =
        &[('i', 'y'), ('c', 'k'), ('s', 'z'), ('s', 'c'), ('j', 'y'), ('v', 'w'), ('j', 'i')];
    PAIRS.iter().any(|&(p, q)| (a, b) == (p, q) || (a, b) == (q, p))
}

/// Shortest word (in letters) compared without a shared neighbour.
const STRONG_LEN: usize = 6;
/// Shortest word compared at all.
pub(super) const MIN_LEN: usize = 4;
/// A deletion key shared by more words than this is degenerate; skipping it keeps the
/// comparison linear.
const BUCKET_CAP: usize = 32;

/// What the two spellings of a pair alone say about it: the conditions of
/// [`Names::are_variants`] that need nothing but the strings. `None` means the pair is
/// never a variant, whatever its context; the name gate
/// ([`super::gate::may_have_variants`]) relies on that.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Likeness {
    /// The same letters once diacritics are folded (`Martínez` / `Martinez`).
    Folded,
    /// One letter replaced, in words of five letters or more.
    Substitution { strong: bool, transliteration: bool },
    /// One letter doubled or undoubled (`Mohamed` / `Mohammed`).
    Doubled,
    /// One letter added or dropped (not a doubling), or two neighbours swapped; at the
    /// end only a letter no ending adds.
    Indel { strong: bool },
    /// Two romanisations of one name, however many letters apart (`Sargsyan` /
    /// `Sarkisian`), by the string test of [`romanised`].
    Romanisation { strong: bool },
    /// The same consonants, a vowel inside different, and the same Double Metaphone code
    /// (`Hussein` / `Husain`, `Julian` / `Julien`): a variant only beside the same word.
    Sounds,
}

/// The [`Likeness`] of two different spellings (their keys differ) given by the letters
/// of their folded keys. Unless equal once folded, the words must start alike and be one
/// edit apart, or romanisations of one name ([`romanised`]). An ending makes a different
/// word: a vowel, `s` or `n` added (`Armenia` / `Armenian`, `Aliyev` / `Aliyeva`,
/// plurals) or a last vowel replaced (`Kowalski` / `Kowalska`); another consonant added
/// at the end or doubled is a typo ([`typo_at_the_end`]). A replaced letter needs five
/// letters or more, whatever the context.
pub(super) fn likeness(x: &[char], y: &[char]) -> Option<Likeness> {
    if x == y {
        return Some(Likeness::Folded);
    }
    let short = x.len().min(y.len());
    if short < MIN_LEN || x[0] != y[0] {
        return None;
    }
    let strong = short >= STRONG_LEN;
    if x.starts_with(y) || y.starts_with(x) {
        return typo_at_the_end(x, y, strong);
    }
    let by_edit = one_edit(x, y).map(|edit| match edit {
        // A last letter replaced makes another word when both are vowels (`Kowalski` /
        // `Kowalska`, `Marina` / `Marine`): endings of gender, number and case. Else it is
        // a typo like any other (`Sargsyan` / `Sargsyam`, `Araghchi` / `Araghchn`).
        Edit::Substitution(p) if short >= 5 && (p + 1 < x.len() || !(vowel(x[p]) && vowel(y[p]))) => {
            Some(Likeness::Substitution { strong, transliteration: transliteration(x[p], y[p]) })
        }
        Edit::Substitution(_) => None,
        Edit::Indel if doubled(x, y) => Some(Likeness::Doubled),
        Edit::Indel | Edit::Transposition => Some(Likeness::Indel { strong }),
    });
    match by_edit {
        Some(likeness) => likeness.or_else(|| romanisation(x, y, strong)),
        None => romanisation(x, y, strong),
    }
}

/// [`Likeness::Romanisation`] or [`Likeness::Sounds`], if the two words are
/// romanisations of one name (see [`romanised`]).
fn romanisation(x: &[char], y: &[char], strong: bool) -> Option<Likeness> {
    match romanised(x, y)? {
        Romanised::Letters => Some(Likeness::Romanisation { strong }),
        Romanised::Sounds => Some(Likeness::Sounds),
    }
}

/// How the longer of two words, one the other's start, is it with one letter added:
/// a last consonant doubled (`Bauman` / `Baumann`), or a letter no ending adds (`Zarif`
/// / `Zarifw`, `Rivasseau` / `Rivasseaur`). A vowel, `s` or `n` added is an ending
/// (`Aliyev` / `Aliyeva`, `Armenia` / `Armenian`, `Smith` / `Smiths`, `Iraq` / `Iraqi`):
/// another word.
fn typo_at_the_end(x: &[char], y: &[char], strong: bool) -> Option<Likeness> {
    let (long, short) = if x.len() > y.len() { (x, y) } else { (y, x) };
    let [.., last] = short else { return None };
    if long.len() != short.len() + 1 || short.len() < 5 {
        return None;
    }
    let added = long[short.len()];
    if vowel(added) || added == 's' {
        return None;
    }
    if added == *last {
        return Some(Likeness::Doubled);
    }
    (added != 'n').then_some(Likeness::Indel { strong })
}

/// Vowels, `y` among them: the letters that end words of another gender or number.
fn vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Whether a word of this many letters (folded) is compared at all: [`candidate_pairs`]
/// leaves the others out, so they are in no group.
pub(super) fn compared(letters: usize) -> bool {
    (MIN_LEN..=40).contains(&letters)
}

impl Names {
    /// Whether two spellings are variants of one name.
    ///
    /// The words must differ (not in case alone) and be alike by their letters alone
    /// ([`likeness`]), and one of the two must be confirmed as a name (capitalised
    /// mid-sentence or beside another name word somewhere). Words never beside the same
    /// word are not compared when they are written only in phrases of different
    /// languages (a translation), nor when neither is ever written alone (two people).
    /// Then diacritics-only differences are variants (`Martínez` / `Martinez`), and what
    /// stands beside the words decides the rest: a shared neighbour (`Iham Aliyev` /
    /// `Ilham Aliyev`) or a lone surname that stands for a person with a typo written
    /// once (`said Sargsyan` / `Serzh Sargsyam`) makes one edit a variant; long words
    /// need neither for a letter added, dropped or swapped, a transliteration's letter
    /// replaced or a romanisation; a doubled letter and a vowel told apart by sound alone
    /// always need one — `John Smith` and `Joan Smith` are two people.
    pub fn are_variants(&self, a: usize, b: usize) -> bool {
        let (sa, sb) = (&self.spellings[a], &self.spellings[b]);
        if sa.key == sb.key {
            return false;
        }
        let x: Vec<char> = sa.folded.chars().collect();
        let y: Vec<char> = sb.folded.chars().collect();
        let Some(likeness) = likeness(&x, &y) else { return false };
        // Two words capitalised only where common words are (`Later` / `Latter`).
        if !sa.confirmed && !sb.confirmed {
            return false;
        }
        let context = sa.neighbours.iter().any(|n| sb.neighbours.binary_search(n).is_ok());
        // Written only in phrases of different languages, never beside the same word: a
        // name and its translation (`Marinha do Brasil` / `Brazil`, `Département
        // fédéral` / `Federal Department`).
        if !context && sa.languages & sb.languages == 0 {
            return false;
        }
        // Always written beside other names, never the same ones: two people
        // (`Alexander Ivanov`, `Alexandre Bigot`; `Palmiter RD`, `Palmier K`; `María
        // Fernández`, `Maria Zakharova`).
        if !context && !sa.alone && !sb.alone {
            return false;
        }
        if likeness == Likeness::Folded {
            return true;
        }
        // A surname that stands for a person on its own (`said Sargsyan`, `According to
        // Mirzoyan`), and a spelling a letter away written once where the other is
        // written more: the lone form does not hide the typo, nor the full name a typo
        // of the lone form (`Serzh Sargsyam`, `According to Mirzoybn`).
        let lone = (sa.alone && sa.personal) || (sb.alone && sb.personal);
        let (na, nb) = (sa.tokens.len(), sb.tokens.len());
        let lone_typo = lone && na.min(nb) == 1 && na.max(nb) >= 2;
        match likeness {
            Likeness::Folded => true,
            Likeness::Substitution { strong, transliteration } => {
                (strong && transliteration) || context || lone_typo
            }
            // A doubled letter (`Jugend` / Estonian `Juugend`, `Mohamed` / `Mohammed`) is
            // how languages and transliterations differ: it needs a shared neighbour, or a
            // person's surname.
            Likeness::Doubled | Likeness::Sounds => context || lone_typo,
            Likeness::Indel { strong } | Likeness::Romanisation { strong } => strong || context || lone_typo,
        }
    }

    /// Groups of spellings that are variants of one another (each of two or more), in
    /// order of first appearance.
    pub fn variant_groups(&self) -> Vec<Vec<usize>> {
        self.variant_groups_counted().0
    }

    /// [`Self::variant_groups`] and the number of pairs compared (see [`candidate_pairs`]).
    pub(crate) fn variant_groups_counted(&self) -> (Vec<Vec<usize>>, usize) {
        let mut parent: Vec<usize> = (0..self.spellings.len()).collect();
        let mut compared = 0;
        let letters: Vec<Vec<char>> = self.spellings.iter().map(|s| s.folded.chars().collect()).collect();
        // Romanisations are found by their consonants: every pair `romanised` accepts
        // shares a consonant key, whether by its letters or by its sound (a pair sharing
        // only a Double Metaphone code never passes the skeleton test, and codes cost
        // ten times as much to make).
        let consonants = |w: &[char], keys: &mut Vec<u64>| keys.extend(consonant_key(w));
        candidate_pairs(letters.iter().map(Vec::as_slice), consonants, |a, b| {
            compared += 1;
            if self.are_variants(a, b) {
                let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                parent[ra.max(rb)] = ra.min(rb);
            }
        });
        let mut groups: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
        for i in 0..self.spellings.len() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(i);
        }
        let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
        out.sort_by_key(|g| g.iter().map(|&s| self.tokens[self.spellings[s].tokens[0]].span.start).min());
        (out, compared)
    }
}

/// Calls `pair(a, b)` once for each pair of words (indices into `letters`, each the
/// letters of a folded key) that share a key of the deletion neighbourhood (each word and
/// each of it with one letter deleted) or one of the keys `more_keys` gives a word
/// (its sounds, for romanisations), and returns whether some key was skipped as
/// crowded. Two words one edit apart, or
/// equal, always share a key, so no pair of unrelated words is ever compared and the
/// cost grows with the number of words, not its square. Words not [`compared`] are
/// left out.
pub(super) fn candidate_pairs<'a>(
    letters: impl Iterator<Item = &'a [char]>,
    mut more_keys: impl FnMut(&[char], &mut Vec<u64>),
    mut pair: impl FnMut(usize, usize),
) -> bool {
    // Keys sorted rather than hashed into buckets: one allocation instead of one per key.
    let mut keys: Vec<(u64, usize)> = Vec::new();
    let mut more = Vec::new();
    for (i, chars) in letters.enumerate() {
        if !compared(chars.len()) {
            continue;
        }
        keys.push((deletion_key(chars, None), i));
        for skip in 0..chars.len() {
            keys.push((deletion_key(chars, Some(skip)), i));
        }
        more_keys(chars, &mut more);
        keys.extend(more.drain(..).map(|k| (k, i)));
    }
    keys.sort_unstable();
    let mut crowded = false;
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for bucket in keys.chunk_by(|x, y| x.0 == y.0) {
        if bucket.len() > BUCKET_CAP {
            crowded = true;
            continue;
        }
        for (n, &(_, a)) in bucket.iter().enumerate() {
            for &(_, b) in &bucket[n + 1..] {
                if a != b {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (a, b) in pairs {
        pair(a, b);
    }
    crowded
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

fn deletion_key(chars: &[char], skip: Option<usize>) -> u64 {
    let mut h = FxHasher::default();
    for (i, c) in chars.iter().enumerate() {
        if Some(i) != skip {
            c.hash(&mut h);
        }
    }
    h.finish()
}

/// A plain profile with `people` distinct two-word names, each cited with its own
/// footnote, for benchmarks of the name check (`synthetic_profile(5000)`). Every
/// hundredth name reappears misspelled in its footnote, so the check has work to do.
pub fn synthetic_profile(people: usize) -> String {
    const SYL: &[&str] = &[
        "ka", "ri", "mo", "ta", "ne", "lo", "vi", "sa", "du", "ze", "pa", "go", "ha", "ni", "ru", "be",
        "sho", "lin", "var", "tem", "dor", "yan", "ev", "ov",
    ];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut word = |n: usize| -> String {
        let mut w: String = (0..n).map(|_| SYL[(next() % SYL.len() as u64) as usize]).collect();
        if let Some(f) = w.get_mut(0..1) {
            f.make_ascii_uppercase();
        }
        w
    };
    let mut body = String::from("Synthetic Profile\n\nLast updated: 2 January 2024\n\n");
    let mut notes = String::new();
    for i in 1..=people {
        let (first, last) = (word(2), word(3));
        body.push_str(&format!(
            "On 3 May 2019, {first} {last} told the Monitor that work continued.[{i}]\n\n"
        ));
        let cited = if i % 100 == 0 {
            format!("{first} {}", last.replacen('a', "e", 1))
        } else {
            format!("{first} {last}")
        };
        notes.push_str(&format!("[{i}] Interview with {cited}, Yerevan, 3 May 2019.\n\n"));
    }
    body + &notes
}
