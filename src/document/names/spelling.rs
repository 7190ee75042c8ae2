//! How a name word is spelled for comparison: its key (case and apostrophe style aside),
//! its letters folded (diacritics aside), and the initials and names written beside it
//! that tell two people of one surname apart.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::Span;

/// A word's spelling, case and apostrophe style aside.
pub(super) fn spelling_key(written: &str) -> String {
    if written.is_ascii() {
        return written.to_ascii_lowercase();
    }
    written.nfc().map(|c| if c == '’' { '\'' } else { c }).collect::<String>().to_lowercase()
}

/// [`spelling_key`] into a reused buffer: most words are ASCII and need no allocation.
pub(super) fn spelling_key_into(written: &str, out: &mut String) {
    out.clear();
    if written.is_ascii() {
        out.push_str(written);
        out.make_ascii_lowercase();
    } else {
        out.push_str(&spelling_key(written));
    }
}

/// Transliteration folding: diacritics and a few special letters to their base.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_each(s, |c| out.push(c));
    out
}

/// [`fold`], letter by letter.
pub(super) fn fold_each(s: &str, mut push: impl FnMut(char)) {
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

/// Initials and names written beside a name outside its run, as in author lists:
/// `Palmiter RD`, `Reichard, S.H.`, `D.M. Richardson`, `Schmidt, Sarah`, `Colvin, Michael`.
/// A name across a comma counts only for a `lone` word: in `Ilham Aliyev, Yerevan`
/// the comma ends a full name, and the place after it is no given name.
pub(super) fn attached(text: &str, word: &Span, region: &Span, lone: bool) -> Vec<String> {
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
