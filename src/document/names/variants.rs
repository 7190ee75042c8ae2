//! Which spellings of name words are variants of one another, found without comparing
//! every pair: candidates share a key of a deletion neighbourhood.

use std::hash::{Hash, Hasher};

use super::{FxHasher, FxMap, FxSet, Names};

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
const MIN_LEN: usize = 4;
/// A deletion key shared by more words than this is degenerate; skipping it keeps the
/// comparison linear.
const BUCKET_CAP: usize = 32;

impl Names {
    /// Whether two spellings are variants of one name.
    ///
    /// One of the two must be confirmed as a name (capitalised mid-sentence or beside
    /// another name word somewhere). Diacritics-only differences then always are
    /// variants (`Martínez` / `Martinez`). Otherwise the
    /// words must start alike, be one edit apart (a letter added, dropped, replaced or two
    /// swapped), and not differ at the end only: a suffix (`Armenia` / `Armenian`,
    /// `Aliyev` / `Aliyeva`, plurals) or a last letter (`Kowalski` / `Kowalska`) makes a
    /// different word. Short words (4–5 letters) need a shared neighbour (`Iham Aliyev`
    /// / `Ilham Aliyev`), and then only a letter added, dropped or swapped — `John Smith`
    /// and `Joan Smith` are two people.
    pub fn are_variants(&self, a: usize, b: usize) -> bool {
        let (sa, sb) = (&self.spellings[a], &self.spellings[b]);
        if sa.key == sb.key {
            return false;
        }
        // Two words capitalised only where common words are (`Later` / `Latter`).
        if !sa.confirmed && !sb.confirmed {
            return false;
        }
        if sa.folded == sb.folded {
            return true;
        }
        let x: Vec<char> = sa.folded.chars().collect();
        let y: Vec<char> = sb.folded.chars().collect();
        let short = x.len().min(y.len());
        if short < MIN_LEN || x[0] != y[0] || x.starts_with(&y) || y.starts_with(&x) {
            return false;
        }
        let Some(edit) = one_edit(&x, &y) else { return false };
        if edit == Edit::Substitution(x.len() - 1) {
            return false;
        }
        let strong = short >= STRONG_LEN;
        let context = sa.neighbours.iter().any(|n| sb.neighbours.binary_search(n).is_ok());
        // Always written beside other names, never the same ones: two people
        // (`Alexander Ivanov`, `Alexandre Bigot`; `Palmiter RD`, `Palmier K`).
        if !context && !sa.alone && !sb.alone {
            return false;
        }
        match edit {
            Edit::Substitution(p) => {
                (strong && (context || transliteration(x[p], y[p]))) || (context && short >= 5)
            }
            // A doubled letter (`Jugend` / Estonian `Juugend`, `Mohamed` / `Mohammed`) is
            // how languages and transliterations differ: it needs a shared neighbour.
            Edit::Indel if doubled(&x, &y) => context,
            Edit::Indel | Edit::Transposition => strong || context,
        }
    }

    /// Groups of spellings that are variants of one another (each of two or more), in
    /// order of first appearance.
    pub fn variant_groups(&self) -> Vec<Vec<usize>> {
        self.variant_groups_counted().0
    }

    /// [`Self::variant_groups`] and the number of pairs compared. Candidates come from
    /// a deletion neighbourhood (each spelling and each of it with one letter deleted):
    /// two words one edit apart always share a key, so no pair of unrelated words is
    /// ever compared and the cost grows with the number of words, not its square.
    pub(crate) fn variant_groups_counted(&self) -> (Vec<Vec<usize>>, usize) {
        let mut buckets: FxMap<u64, Vec<usize>> = FxMap::default();
        for (i, s) in self.spellings.iter().enumerate() {
            let chars: Vec<char> = s.folded.chars().collect();
            if chars.len() < MIN_LEN || chars.len() > 40 {
                continue;
            }
            buckets.entry(deletion_key(&chars, None)).or_default().push(i);
            for skip in 0..chars.len() {
                buckets.entry(deletion_key(&chars, Some(skip))).or_default().push(i);
            }
        }
        let mut parent: Vec<usize> = (0..self.spellings.len()).collect();
        let mut compared = 0;
        let mut seen: FxSet<(usize, usize)> = FxSet::default();
        for bucket in buckets.values() {
            if bucket.len() < 2 || bucket.len() > BUCKET_CAP {
                continue;
            }
            for (n, &a) in bucket.iter().enumerate() {
                for &b in &bucket[n + 1..] {
                    if a == b || !seen.insert((a.min(b), a.max(b))) {
                        continue;
                    }
                    compared += 1;
                    if self.are_variants(a, b) {
                        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
                        parent[ra.max(rb)] = ra.min(rb);
                    }
                }
            }
        }
        let mut groups: FxMap<usize, Vec<usize>> = FxMap::default();
        for i in 0..self.spellings.len() {
            let root = find(&mut parent, i);
            groups.entry(root).or_default().push(i);
        }
        let mut out: Vec<Vec<usize>> = groups.into_values().filter(|g| g.len() > 1).collect();
        out.sort_by_key(|g| g.iter().map(|&s| self.tokens[self.spellings[s].tokens[0]].span.start).min());
        (out, compared)
    }
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
