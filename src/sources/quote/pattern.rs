//! A quotation as a search pattern: pieces between ellipses, each a list of words and
//! gaps. Editorial brackets become wildcards: `[the]` standing alone is a gap of up to a
//! few words, `produce[d]` or `[T]he` is a word with a few letters of any kind (or none)
//! where the brackets are, `[sic]` and `[emphasis added]` are nothing.

use super::normalize::{self, PLACEHOLDER_BASE, is_placeholder};

/// Text between two ellipses.
#[derive(Debug, PartialEq)]
pub(super) struct Piece {
    /// Never starts or ends with a gap.
    pub elements: Vec<Element>,
}

impl Piece {
    pub fn words(&self) -> usize {
        self.elements.iter().filter(|e| matches!(e, Element::Word(_))).count()
    }
}

#[derive(Debug, PartialEq)]
pub(super) enum Element {
    Word(WordPattern),
    /// Up to this many source words (a bracketed insertion replaced them, or nothing).
    Gap(u8),
}

#[derive(Debug, PartialEq)]
pub(super) enum WordPattern {
    Exact(String),
    /// Literal parts with a wildcard of at most `wild[i]` characters between part `i`
    /// and part `i + 1`.
    Affix {
        parts: Vec<String>,
        wild: Vec<usize>,
    },
}

impl WordPattern {
    pub fn matches(&self, word: &str) -> bool {
        match self {
            WordPattern::Exact(w) => w == word,
            WordPattern::Affix { parts, wild } => affix_matches(parts, wild, word),
        }
    }

    /// The word as best guessed without brackets, for similarity when nothing matched.
    pub fn literal(&self) -> String {
        match self {
            WordPattern::Exact(w) => w.clone(),
            WordPattern::Affix { parts, .. } => parts.concat(),
        }
    }
}

fn affix_matches(parts: &[String], wild: &[usize], word: &str) -> bool {
    let Some(rest) = word.strip_prefix(parts[0].as_str()) else { return false };
    if parts.len() == 1 {
        return rest.is_empty();
    }
    let max = wild[0];
    rest.char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(rest.len()))
        .take_while(|&i| rest[..i].chars().count() <= max)
        .any(|i| affix_matches(&parts[1..], &wild[1..], &rest[i..]))
}

/// Cut a quotation into pieces at ellipses and turn brackets into wildcards.
pub(super) fn parse(quote: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut current = String::new();
    let mut brackets: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(c) = quote[i..].chars().next() {
        if let Some(len) = ellipsis_at(&quote[i..]) {
            pieces.push(piece(&current, &brackets));
            current.clear();
            i += len;
            continue;
        }
        if c == '['
            && let Some(close) = quote[i + 1..].find(']')
            && brackets.len() < 0x1000
        {
            let content = &quote[i + 1..i + 1 + close];
            current.push(char::from_u32(PLACEHOLDER_BASE + brackets.len() as u32).unwrap_or(' '));
            brackets.push(content.to_owned());
            i += close + 2;
            continue;
        }
        current.push(c);
        i += c.len_utf8();
    }
    pieces.push(piece(&current, &brackets));
    pieces
}

/// The length of an ellipsis at the start of `s`: `…`, `...`, `. . .`, or one of those in
/// square or round brackets.
fn ellipsis_at(s: &str) -> Option<usize> {
    let bare = |s: &str| -> Option<usize> {
        if s.starts_with('…') {
            Some('…'.len_utf8())
        } else if s.starts_with("...") {
            Some(s.len() - s.trim_start_matches('.').len())
        } else if s.starts_with(". . .") {
            Some(5)
        } else {
            None
        }
    };
    if let Some(n) = bare(s) {
        return Some(n);
    }
    let (open, close) = match s.chars().next()? {
        '[' => ('[', ']'),
        '(' => ('(', ')'),
        _ => return None,
    };
    let inner = &s[open.len_utf8()..];
    let lead = inner.len() - inner.trim_start().len();
    let n = bare(&inner[lead..])?;
    let after = &inner[lead + n..];
    let trail = after.len() - after.trim_start().len();
    after[trail..].starts_with(close).then(|| open.len_utf8() + lead + n + trail + close.len_utf8())
}

fn piece(text: &str, brackets: &[String]) -> Piece {
    let mut elements: Vec<Element> = Vec::new();
    normalize::tokenize(text, true, |t| {
        let placeholders: Vec<usize> = t
            .word
            .chars()
            .filter(|&c| is_placeholder(c))
            .map(|c| (c as u32 - PLACEHOLDER_BASE) as usize)
            .collect();
        if placeholders.is_empty() {
            elements.push(Element::Word(WordPattern::Exact(t.word)));
            return;
        }
        if t.word.chars().all(is_placeholder) {
            let words: usize = placeholders.iter().map(|&b| gap_for(&brackets[b])).sum();
            if words > 0 {
                match elements.last_mut() {
                    Some(Element::Gap(n)) => *n = n.saturating_add(words.min(255) as u8),
                    _ => elements.push(Element::Gap(words.min(255) as u8)),
                }
            }
            return;
        }
        let mut parts = vec![String::new()];
        let mut wild = Vec::new();
        for c in t.word.chars() {
            if is_placeholder(c) {
                let content = &brackets[(c as u32 - PLACEHOLDER_BASE) as usize];
                wild.push(normalize::fold(content).chars().count() + 3);
                parts.push(String::new());
            } else if let Some(last) = parts.last_mut() {
                last.push(c);
            }
        }
        elements.push(Element::Word(WordPattern::Affix { parts, wild }));
    });
    while matches!(elements.last(), Some(Element::Gap(_))) {
        elements.pop();
    }
    let lead = elements.iter().take_while(|e| matches!(e, Element::Gap(_))).count();
    elements.drain(..lead);
    Piece { elements }
}

/// How many source words a standalone insertion may stand for: none for `[sic]` and
/// `[emphasis added]`, else its own words and two more.
fn gap_for(content: &str) -> usize {
    let lower = content.trim().to_lowercase();
    if lower == "sic" || lower == "sic!" || lower.starts_with("emphasis") {
        return 0;
    }
    let mut words = 0;
    normalize::tokenize(content, false, |_| words += 1);
    words + 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(w: &str) -> Element {
        Element::Word(WordPattern::Exact(w.into()))
    }

    #[test]
    fn ellipses_of_every_form_cut_pieces() {
        for q in ["one … two", "one...two", "one [...] two", "one […] two", "one . . . two", "one (…) two"]
        {
            let p = parse(q);
            assert_eq!(p.len(), 2, "{q}");
            assert_eq!(p[0].elements, [exact("one")], "{q}");
            assert_eq!(p[1].elements, [exact("two")], "{q}");
        }
    }

    #[test]
    fn a_standalone_insertion_is_a_gap_and_sic_is_nothing() {
        let p = parse("[The minister] said [the] plan [sic] was final");
        assert_eq!(
            p[0].elements,
            [exact("said"), Element::Gap(3), exact("plan"), exact("was"), exact("final")]
        );
    }

    #[test]
    fn an_attached_insertion_is_a_wildcard_inside_the_word() {
        let p = parse("produce[d]");
        let Element::Word(w) = &p[0].elements[0] else { panic!("{p:?}") };
        assert!(w.matches("produced"));
        assert!(w.matches("produce"));
        assert!(w.matches("produces"));
        assert!(!w.matches("product"));
        let p = parse("[T]he");
        let Element::Word(w) = &p[0].elements[0] else { panic!("{p:?}") };
        assert!(w.matches("the") && w.matches("he"));
        assert!(!w.matches("hey"));
    }

    #[test]
    fn an_unclosed_bracket_is_punctuation() {
        assert_eq!(parse("a [b")[0].elements, [exact("a"), exact("b")]);
    }
}
