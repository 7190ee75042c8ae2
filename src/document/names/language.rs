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

/// Whether `c` ends a phrase.
fn ends_phrase(c: char) -> bool {
    matches!(
        c,
        ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '.' | '?' | '!' | '\n' | '“' | '”' | '«' | '»'
    )
}

/// The phrases of `region` in text order, each as its end (a byte offset in the text)
/// and its languages.
pub(super) fn phrases(text: &str, region: &Span) -> Vec<(usize, u8)> {
    let mut out = Vec::new();
    let mut scores = [0u16; 7];
    let mut word_start: Option<usize> = None;
    let close_word = |start: Option<usize>, end: usize, scores: &mut [u16; 7]| {
        let Some(s) = start else { return };
        let w = &text[s..end];
        if w.len() <= 6 && w.chars().next().is_some_and(char::is_lowercase) {
            let v = votes(w);
            for (bit, score) in scores.iter_mut().enumerate() {
                if v & (1 << bit) != 0 {
                    *score += 1;
                }
            }
        }
    };
    for (i, c) in text[region.clone()].char_indices() {
        let at = region.start + i;
        if c.is_alphabetic() {
            word_start.get_or_insert(at);
            continue;
        }
        close_word(word_start.take(), at, &mut scores);
        if ends_phrase(c) {
            out.push((at, verdict(&scores)));
            scores = [0; 7];
        }
    }
    close_word(word_start.take(), region.end, &mut scores);
    out.push((region.end, verdict(&scores)));
    out
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
