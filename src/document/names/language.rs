//! Which language a phrase is in, told by its function words: `Ministerio de Defensa
//! Nacional`, `Département fédéral des affaires étrangères`, `Marinha do Brasil`,
//! `Direktion für Entwicklung und Zusammenarbeit`. An organisation's name in another
//! language beside its English name (`Brasil` / `Brazil`, `Département` /
//! `Department`) is a translation, not a misspelling.
//!
//! A phrase is the text between punctuation (commas, semicolons, colons, brackets,
//! quotation marks, full stops, line ends). Each lower-case function word votes for the
//! languages it belongs to (`de` for French, Spanish, Portuguese and Dutch; `des` for
//! French); the languages with the most votes are the phrase's. A phrase without a
//! function word is in any language: `Yerevan`, `Aliyev`, a title of names alone.

use super::Span;

/// Languages as bits.
const EN: u8 = 1;
const FR: u8 = 2;
const ES: u8 = 4;
const PT: u8 = 8;
const DE: u8 = 16;
const IT: u8 = 32;
const NL: u8 = 64;

/// A phrase without a function word: any language.
pub(super) const ANY: u8 = u8::MAX;

/// The languages a lower-case function word belongs to; 0 for other words.
fn votes(word: &str) -> u8 {
    match word {
        "of" | "the" | "and" | "for" | "on" | "to" | "with" | "by" | "from" | "at" | "is" | "was"
        | "were" | "said" | "that" | "this" | "which" | "has" | "have" | "been" | "are" | "its" | "their" => {
            EN
        }
        "in" => EN | DE | NL | IT,
        "per" => EN | IT,
        "des" | "du" | "les" | "et" | "pour" | "au" | "aux" | "sur" | "dans" | "une" | "est" | "avec"
        | "par" | "le" => FR,
        "la" => FR | ES | IT,
        "de" => FR | ES | PT | NL,
        "en" => FR | ES | NL,
        "del" | "los" | "las" | "el" | "y" | "contra" | "por" => ES,
        "para" | "uma" => ES | PT,
        "con" => ES | IT,
        "do" | "da" | "dos" | "em" | "na" | "com" => PT,
        "das" => PT | DE,
        "e" => PT | IT,
        "der" | "die" | "und" | "für" | "von" | "den" | "dem" | "im" | "zur" | "zum" | "mit" | "auf"
        | "bei" | "ein" | "eine" => DE,
        "della" | "delle" | "dei" | "degli" | "il" | "nel" | "di" => IT,
        "het" | "voor" | "van" | "een" | "op" => NL,
        _ => 0,
    }
}

/// The phrases of `region` in text order, each as its end (a byte offset in the text)
/// and its languages.
///
/// Read byte by byte: a phrase ends at an ASCII mark (`,` `;` `:` brackets `"` `.` `?`
/// `!` a line end) or a quotation mark (`“` `”` `«` `»`); words are runs of ASCII
/// letters and of other characters but General Punctuation and the no-break space.
pub(super) fn phrases(text: &str, region: &Span) -> Vec<(usize, u8)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut scores = [0u16; 7];
    let mut word: Option<usize> = None;
    let mut i = region.start;
    while i < region.end {
        let b = bytes[i];
        // What the byte is: part of a word, or a gap of `len` bytes that may end a phrase.
        let (len, ends) = match b {
            b'a'..=b'z' | b'A'..=b'Z' => (0, false),
            b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'"' | b'.' | b'?' | b'!' | b'\n' => (1, true),
            0..=0x7f => (1, false),
            // General Punctuation (U+2000–U+206F): dashes, spaces, quotation marks.
            0xe2 if matches!(bytes.get(i + 1), Some(0x80 | 0x81)) => {
                (3, matches!(bytes.get(i + 2), Some(0x9c | 0x9d)))
            }
            // No-break space, and « ».
            0xc2 if matches!(bytes.get(i + 1), Some(0xa0 | 0xab | 0xbb)) => {
                (2, bytes.get(i + 1) != Some(&0xa0))
            }
            _ => (0, false),
        };
        if len == 0 {
            word.get_or_insert(i);
            i += 1;
            continue;
        }
        if let Some(start) = word.take() {
            vote(&text[start..i], &mut scores);
        }
        if ends {
            out.push((i, verdict(&scores)));
            scores = [0; 7];
        }
        i += len;
    }
    if let Some(start) = word.take() {
        vote(&text[start..region.end], &mut scores);
    }
    out.push((region.end, verdict(&scores)));
    out
}

/// Counts a word's votes: only a short word in lower case can be a function word.
fn vote(w: &str, scores: &mut [u16; 7]) {
    if w.len() > 6 || !w.as_bytes()[0].is_ascii_lowercase() {
        return;
    }
    let v = votes(w);
    if v == 0 {
        return;
    }
    for (bit, score) in scores.iter_mut().enumerate() {
        if v & (1 << bit) != 0 {
            *score += 1;
        }
    }
}

/// The languages with the most votes; [`ANY`] if no word voted.
fn verdict(scores: &[u16; 7]) -> u8 {
    let best = scores.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return ANY;
    }
    scores.iter().enumerate().filter(|(_, s)| **s == best).fold(0, |m, (bit, _)| m | 1 << bit)
}

/// The languages of the phrase holding `at`, from [`phrases`] of its region.
pub(super) fn at(phrases: &[(usize, u8)], at: usize) -> u8 {
    let i = phrases.partition_point(|(end, _)| *end <= at);
    phrases.get(i).map_or(ANY, |p| p.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(s: &str) -> u8 {
        let p = phrases(s, &(0..s.len()));
        at(&p, 0)
    }

    #[test]
    fn phrases_are_told_by_their_function_words() {
        assert_eq!(of("Département fédéral des affaires étrangères"), FR);
        assert_eq!(of("Direktion für Entwicklung und Zusammenarbeit"), DE);
        assert_eq!(of("Marinha do Brasil"), PT);
        assert_eq!(of("Informe de gestión del Ministerio de Defensa"), ES);
        assert_eq!(of("The Federal Department of Foreign Affairs said so"), EN);
        assert_eq!(of("Ministerio de Defensa"), FR | ES | PT | NL);
        assert_eq!(of("Ilham Aliyev"), ANY);
    }

    #[test]
    fn punctuation_ends_a_phrase() {
        let s = "Interview with Ilham Aliyev, Marinha do Brasil, Yerevan";
        let p = phrases(s, &(0..s.len()));
        assert_eq!(at(&p, s.find("Ilham").unwrap()), EN);
        assert_eq!(at(&p, s.find("Brasil").unwrap()), PT);
        assert_eq!(at(&p, s.find("Yerevan").unwrap()), ANY);
    }
}
