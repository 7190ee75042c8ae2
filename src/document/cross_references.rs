//! Cross-references between notes (`see note 45`, `notes 3–5 above`, `supra note 7`):
//! where a text points to a note of this document. `broken-cross-reference` checks that
//! the note exists; "Ibid." resolution needs to know a note that is nothing but one.

use std::sync::LazyLock;

use regex::Regex;

use super::Span;

/// One number of a cross-reference: the note it names and where the digits are.
#[derive(Debug, PartialEq, Eq)]
pub struct CrossReference {
    pub label: String,
    pub span: Span,
    /// Where the whole reference (`see note 3 above`) ends.
    pub end: usize,
}

/// The opening of a possible reference: an optional `see`/`cf.`/`supra`/`infra` and the
/// word `note(s)`/`footnote(s)` or the abbreviation `n.`/`nn.`. The numbers and what
/// follows them are read by hand, because which of them count depends on the wording.
static OPENING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<pre>see(?:\s+also)?|cf\.|supra|infra),?\s+)?(?:(?P<word>footnotes?|notes?)\s+|(?P<abbr>nn?\.)\s*)[0-9]",
    )
    .expect("the cross-reference pattern compiles")
});

/// Every note reference in `region` of `text` (see the rule's docs for what counts).
pub fn cross_references(text: &str, region: &Span) -> Vec<CrossReference> {
    let s = &text[region.clone()];
    let mut out = Vec::new();
    // The pattern has no literal to anchor on, so its search walks the whole region
    // (most regions hold no reference at all); a linear scan for what every match needs
    // rejects those first.
    if !may_hold_reference(s) {
        return out;
    }
    let mut from = 0;
    while let Some(m) = OPENING.captures_at(s, from) {
        let whole = m.get(0).expect("group 0 always matches");
        let digits_at = whole.end() - 1;
        from = whole.end();
        let plural = match (m.name("word"), m.name("abbr")) {
            (Some(w), _) => w.as_str().ends_with(['s', 'S']),
            (_, Some(a)) => a.as_str().eq_ignore_ascii_case("nn."),
            _ => false,
        };
        let Some((numbers, after)) = numbers(s, digits_at, plural) else { continue };
        let (post, end) = pointer_after(s, after);
        let inside = m.name("pre").is_some() || post;
        if !inside || (!post && names_other_document(&s[after..])) {
            continue;
        }
        from = end;
        for span in numbers {
            out.push(CrossReference {
                label: s[span.clone()].to_owned(),
                span: region.start + span.start..region.start + span.end,
                end: region.start + end,
            });
        }
    }
    out
}

/// Whether `s` has what every match of [`OPENING`] ends with: `note`/`notes` (any case,
/// `ſ` for `s` as `(?i)` allows), white space and a digit, or `n.`, optional white space
/// and a digit. False means the pattern cannot match anywhere in `s`. Both forms start
/// with an `n`, which `memchr` finds fast; two bytes after it rule out almost every one.
pub fn may_hold_reference(s: &str) -> bool {
    let bytes = s.as_bytes();
    let digit_next = |t: &str| t.starts_with(|c: char| c.is_ascii_digit());
    memchr::memchr2_iter(b'n', b'N', bytes).any(|i| {
        match bytes.get(i + 1) {
            // `n` and `.` are one byte each, so `i + 2` is a char boundary.
            Some(b'.') => digit_next(s[i + 2..].trim_start()),
            Some(b'o' | b'O') if bytes.get(i + 2..i + 4).is_some_and(|w| w.eq_ignore_ascii_case(b"te")) => {
                let rest = &s[i + 4..];
                let after = rest.strip_prefix(['s', 'S', '\u{17f}']).unwrap_or(rest);
                let trimmed = after.trim_start();
                trimmed.len() < after.len() && digit_next(trimmed)
            }
            _ => false,
        }
    })
}

/// The numbers from `at`: one for `note`, a list or range (`3, 4 and 5`, `3–5`) for
/// `notes`. Returns their spans and where the list ends; `None` when the digits run on
/// into a word (`3rd`) or are too long to be a note number.
fn numbers(s: &str, at: usize, plural: bool) -> Option<(Vec<Span>, usize)> {
    let first = number(s, at)?;
    let mut spans = vec![first.clone()];
    let mut end = first.end;
    if !plural {
        return Some((spans, end));
    }
    loop {
        // Separators may stack (`3, and 4`); at least one must come before the next number.
        let mut rest = &s[end..];
        let mut separated = false;
        loop {
            let trimmed = rest.trim_start();
            match [",", "and", "or", "to", "&", "–", "—", "-"]
                .iter()
                .find_map(|sep| trimmed.strip_prefix(sep))
            {
                Some(r) => {
                    rest = r;
                    separated = true;
                }
                None => {
                    rest = trimmed;
                    break;
                }
            }
        }
        let next_at = s.len() - rest.len();
        let Some(next) = number(s, next_at).filter(|_| separated) else { break };
        end = next.end;
        spans.push(next);
    }
    Some((spans, end))
}

/// The digits at `at`, if they form a whole number of at most six digits.
fn number(s: &str, at: usize) -> Option<Span> {
    let len = s[at..].bytes().take_while(u8::is_ascii_digit).count();
    let end = at + len;
    let runs_on = s[end..].chars().next().is_some_and(char::is_alphanumeric);
    (len > 0 && len <= 6 && !runs_on).then_some(at..end)
}

/// Whether `above`/`below`/`supra`/`infra` follows (after an optional comma), and where
/// the reference ends.
fn pointer_after(s: &str, at: usize) -> (bool, usize) {
    let rest = s[at..].trim_start_matches([' ', ',']);
    for word in ["above", "below", "supra", "infra"] {
        let Some(head) = rest.get(..word.len()) else { continue };
        let tail = &rest[word.len()..];
        if head.eq_ignore_ascii_case(word) && !tail.starts_with(char::is_alphanumeric) {
            return (true, s.len() - tail.len());
        }
    }
    (false, at)
}

/// `see note 3 of the report`, `see note 3 in Smith (2019)`: a note of another text.
fn names_other_document(after: &str) -> bool {
    let mut words = after.split_whitespace();
    after.starts_with(char::is_whitespace) && words.next().is_some_and(|w| w == "of" || w == "in")
}

/// Whether a note consists of nothing but a cross-reference (`See note 3.`): it names no
/// source of its own.
pub fn is_only_cross_reference(text: &str, note: &Span) -> bool {
    let refs = cross_references(text, note);
    let Some(last) = refs.last() else { return false };
    let first_start = refs[0].span.start;
    let head = &text[note.start..first_start];
    let tail = &text[last.end..note.end];
    // What precedes the first number is the opening (`See also notes`) by construction.
    let opening_only = head.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || ",.".contains(c));
    opening_only && tail.trim_matches(|c: char| c.is_whitespace() || ".,;".contains(c)).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn the_prefilter_never_hides_a_match(s in "([0-9 .,\t\n\u{a0}éſ]|[nN][oO][tT][eE]|note|n|N|nn|see |cf\\. |abc){0,30}") {
            proptest::prop_assert!(may_hold_reference(&s) || OPENING.find(&s).is_none());
        }
    }

    #[test]
    fn the_prefilter_keeps_every_opening_form() {
        for s in ["see note 3", "NOTES\t4", "footnote\u{a0}5", "noteſ 6", "n.7", "nn. 8", "x n.\n9"] {
            assert!(OPENING.is_match(s) && may_hold_reference(s), "{s}");
        }
        for s in ["In July 2018, 1,318 mines.", "n 3", "note3", "the 4", "no. 5"] {
            assert!(!may_hold_reference(s), "{s}");
        }
    }

    #[test]
    fn a_note_of_only_a_reference_is_recognised() {
        let t = "See note 3 above.";
        assert!(is_only_cross_reference(t, &(0..t.len())));
        let t = "Statement of Veridia, 2020; see note 3.";
        assert!(!is_only_cross_reference(t, &(0..t.len())));
    }
}
