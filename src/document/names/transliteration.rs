//! Romanisations of one name: `Sargsyan` / `Sarkisian`, `Kocharyan` / `Kotcharian`,
//! `Zelensky` / `Zelenskyy` / `Zelenskiy`, `Lavrov` / `Lavroff`, `Hovhannisyan` /
//! `Hovannisian`. Such spellings are often two or three edits apart, beyond what tells
//! a typo from another name by edit distance alone.
//!
//! Two spellings are compared when their *skeletons* — the letters with the differences
//! transliteration schemes make folded together — have the same consonants (see
//! [`consonant_key`]). They are romanisations of one name when the skeletons are equal,
//! or one is the other with one or two vowels or a silent `h` added inside (not first,
//! not last). Skeletons whose consonants agree but a vowel inside differs (`Hussein` /
//! `Husain`, and `Julian` / `Julien`) are told by an established phonetic scheme, Double
//! Metaphone (the `rphonetic` crate): they count only if it codes them alike (which
//! `Kowalski` / `Kowalska` or `Marina` / `Marine`, also coded alike, never reach: their
//! last letters differ), and then only beside the same other word. Double Metaphone
//! alone would not do: it codes `Kyslytsya` KLTS and `Kisslytsya` KSLTS, `Sybiha` SPH and
//! `Sibha` SP, and `Julian` / `Julien` alike.
//!
//! The skeleton folds:
//!
//! - `y`, `i` and `j` (`-yan` / `-ian`, `-sky` / `-ski` / `-skyy` / `-skij`);
//! - `k`, `c`, `g` and `q` (`Sargsyan` / `Sarkisian`), `ck` and `gh` to `k`, `kh` to
//!   `h`, `ph` to `f`, `tch` and `ch` to one sound, `sh` and `zh` each to one;
//! - `z` to `s`, `w` to `v`, and a final `ff` to `v` (`Lavroff`);
//! - doubled letters to one (`Petrossian` / `Petrosyan`); hyphens and apostrophes go.
//!
//! What it never folds: a different vowel (left to Double Metaphone, above), a
//! different last letter (`Kowalski` / `Kowalska`), a different first letter, or an
//! added consonant. Those are other names as often as other spellings.

use std::sync::LazyLock;

use rphonetic::DoubleMetaphone;

/// Longest word whose skeleton is made (longer words are not compared; see
/// [`super::variants::compared`]).
const MAX: usize = 48;

/// Most letters one skeleton may have beyond the other (vowels or `h` added inside).
const MAX_ADDED: usize = 2;

/// A word's skeleton, in a buffer of its own: ASCII bytes, at most [`MAX`].
struct Skeleton {
    bytes: [u8; MAX],
    len: usize,
}

impl Skeleton {
    /// The skeleton of a word's folded letters, or `None` if one is not a Latin letter
    /// (a hyphen or an apostrophe aside) or the word is too long.
    fn of(w: &[char]) -> Option<Skeleton> {
        let mut s = Skeleton { bytes: [0; MAX], len: 0 };
        let mut i = 0;
        while i < w.len() {
            let c = w[i];
            if c == '-' || c == '\'' {
                i += 1;
                continue;
            }
            if !c.is_ascii_lowercase() {
                return None;
            }
            let next = w.get(i + 1).copied();
            let (sound, step) = match (c, next) {
                ('t', Some('c')) if w.get(i + 2) == Some(&'h') => (b'C', 3),
                ('c', Some('h')) => (b'C', 2),
                ('s', Some('h')) => (b'S', 2),
                ('z', Some('h')) => (b'Z', 2),
                ('k', Some('h')) => (b'h', 2),
                ('g', Some('h')) | ('c', Some('k')) => (b'k', 2),
                ('p', Some('h')) => (b'f', 2),
                ('f', Some('f')) if i + 2 == w.len() => (b'v', 2),
                ('x', _) => {
                    s.push(b'k')?;
                    (b's', 1)
                }
                _ => (class(c), 1),
            };
            s.push(sound)?;
            i += step;
        }
        Some(s)
    }

    /// Appends a sound, unless it repeats the last one (doubled letters are one).
    fn push(&mut self, b: u8) -> Option<()> {
        if self.len > 0 && self.bytes[self.len - 1] == b {
            return Some(());
        }
        *self.bytes.get_mut(self.len)? = b;
        self.len += 1;
        Some(())
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// The letter a single letter stands for in a skeleton.
fn class(c: char) -> u8 {
    match c {
        'y' | 'i' | 'j' => b'i',
        'k' | 'c' | 'g' | 'q' => b'k',
        'z' => b's',
        'w' => b'v',
        _ => c as u8,
    }
}

/// Letters a transliteration adds or leaves out inside a word.
fn droppable(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'h')
}

/// How two words are romanisations of one name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Romanised {
    /// By their letters: same first letter, equal skeletons or one the other with up to
    /// two vowels or `h` added inside (`Sargsyan` / `Sarkisian`).
    Letters,
    /// By their consonants and their sound: the skeletons' consonants are the same but a
    /// vowel inside differs (`Hussein` / `Husain`, `Mohammad` / `Muhammad`, but also
    /// `Julian` / `Julien`), and the two share a Double Metaphone code. Other names as
    /// often as other spellings: [`super::Names::are_variants`] asks for more.
    Sounds,
}

/// Whether two different words (folded letters) are romanisations of one name (see
/// [`Romanised`]). Necessary for it: equal [`consonant_key`]s.
pub(super) fn romanised(x: &[char], y: &[char]) -> Option<Romanised> {
    // Cheap refusals first: the name gate asks this of many pairs.
    if x.first() != y.first() || x.len().abs_diff(y.len()) > MAX_ADDED + 3 {
        return None;
    }
    let (Some(&lx), Some(&ly)) = (x.last(), y.last()) else { return None };
    if lx.is_ascii_lowercase() && ly.is_ascii_lowercase() && class(lx) != class(ly) && lx != 'f' && ly != 'f'
    {
        return None;
    }
    let (Some(a), Some(b)) = (Skeleton::of(x), Skeleton::of(y)) else { return None };
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > MAX_ADDED || long.last() != short.last() || short.len() < 2 {
        return None;
    }
    if added_inside(long, short) {
        return Some(Romanised::Letters);
    }
    // Shorter words with other vowels are other words too often (`Nego` / `Nigo`).
    let long_enough = x.len().min(y.len()) >= 6;
    (long_enough && consonants(long).eq(consonants(short)) && sound_alike(x, y)).then_some(Romanised::Sounds)
}

/// Whether `long` is `short` with letters added inside ([`droppable`] ones).
fn added_inside(long: &[u8], short: &[u8]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < long.len() {
        if j < short.len() && long[i] == short[j] {
            i += 1;
            j += 1;
        } else if i > 0 && i + 1 < long.len() && droppable(long[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    j == short.len()
}

/// A skeleton's first letter, last letter and the others but the [`droppable`] ones.
fn consonants(s: &[u8]) -> impl Iterator<Item = u8> + '_ {
    s.iter().enumerate().filter(|&(i, &b)| i == 0 || i + 1 == s.len() || !droppable(b)).map(|(_, &b)| b)
}

/// A key equal for any two words [`romanised`] accepts: the skeleton's [`consonants`].
/// The name gate buckets words by it, and so does the extraction.
pub(super) fn consonant_key(w: &[char]) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let s = Skeleton::of(w)?;
    let bytes = s.as_bytes();
    let mut h = rustc_hash::FxHasher::default();
    // Tagged, so a key never equals a key of another kind in one bucket list.
    0xc0_u8.hash(&mut h);
    for b in consonants(bytes) {
        b.hash(&mut h);
    }
    Some(h.finish())
}

static ENCODER: LazyLock<DoubleMetaphone> = LazyLock::new(|| DoubleMetaphone::new(Some(12)));

/// The Double Metaphone codes of a word (primary and alternate, which may be equal), or
/// `None` when it has a letter the encoder does not read or no code.
fn codes(w: &[char]) -> Option<[String; 2]> {
    if !w.iter().all(|c| c.is_ascii_lowercase() || *c == '-' || *c == '\'') {
        return None;
    }
    let word: String = w.iter().collect();
    let codes = ENCODER.double_metaphone(&word);
    let (primary, alternate) = (codes.primary(), codes.alternate());
    (!primary.is_empty()).then_some([primary, alternate])
}

/// Whether two words share a Double Metaphone code.
pub(super) fn sound_alike(x: &[char], y: &[char]) -> bool {
    let (Some(a), Some(b)) = (codes(x), codes(y)) else { return false };
    b.iter().any(|code| !code.is_empty() && a.contains(code))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn letters(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn alike(a: &str, b: &str) -> bool {
        let (x, y) = (letters(a), letters(b));
        let r = romanised(&x, &y);
        if r.is_some() {
            assert_eq!(consonant_key(&x), consonant_key(&y), "{a} / {b}");
        }
        r == Some(Romanised::Letters)
    }

    #[test]
    fn romanisations_of_one_name_are_alike() {
        for (a, b) in [
            ("sargsyan", "sarkisian"),
            ("sargsyan", "sarkissian"),
            ("kocharyan", "kotcharian"),
            ("mnatsakanyan", "mnatsakanian"),
            ("zelensky", "zelenskyy"),
            ("zelensky", "zelenskiy"),
            ("aliyev", "aliev"),
            ("ghukasyan", "gukasian"),
            ("petrosyan", "petrossian"),
            ("lavrov", "lavroff"),
            ("shoigu", "shoygu"),
            ("kuleba", "kouleba"),
            ("rouhani", "rohani"),
            ("abdollahian", "abdolahian"),
            ("hovhannisyan", "hovannisian"),
            ("mirzoyan", "mirzoian"),
            ("dostoevsky", "dostoyevski"),
            ("kyslytsya", "kisslytsya"),
            ("sybiha", "sibha"),
            ("mikati", "migti"),
        ] {
            assert!(alike(a, b), "{a} / {b}");
            assert!(alike(b, a), "{b} / {a}");
        }
    }

    #[test]
    fn vowels_that_differ_inside_need_the_sound_too() {
        for (a, b) in [("hussein", "husain"), ("mohammad", "muhammad"), ("julian", "julien")] {
            assert_eq!(romanised(&letters(a), &letters(b)), Some(Romanised::Sounds), "{a} / {b}");
        }
    }

    #[test]
    fn other_names_and_other_words_are_not() {
        for (a, b) in [
            ("kowalski", "kowalska"),
            ("alexander", "alexandre"),
            ("marina", "marine"),
            ("ministry", "ministerio"),
            ("ahmad", "ahmed"),
            ("walker", "walter"),
            ("hussein", "husain"),
            ("armenia", "armenian"),
            ("lachin", "latin"),
            ("yerevan", "erevan"),
            ("national", "nacional"),
            ("defence", "defensa"),
            ("presidential", "presidencial"),
        ] {
            assert!(!alike(a, b), "{a} / {b}");
        }
    }
}
