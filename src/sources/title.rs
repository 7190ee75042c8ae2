//! Title matching: how well a footnote's title names a source's title, by word tokens,
//! ignoring case, punctuation, the quotes around a cited title and the ` | Site name`
//! that `<title>` elements carry; and which title values are placeholders, not titles.

use unicode_normalization::UnicodeNormalization;

/// Similarity in 0..=1 of a footnote's title and a candidate title: the share of words
/// the two have in common, measured against the longer of the two, maximised over the
/// candidate's parts when it is split by ` | `, ` - `, ` – `, ` — `, ` :: `, ` · `, ` » `
/// (so the site name a `<title>` carries before or after the title costs nothing).
pub fn title_similarity(footnote_title: &str, candidate: &str) -> f32 {
    let wanted = tokens(footnote_title);
    if wanted.is_empty() {
        return 0.0;
    }
    let parts = split_site_name(candidate);
    let mut best = 0.0f32;
    for start in 0..parts.len() {
        let mut run = Vec::new();
        for part in &parts[start..] {
            run.extend(tokens(part));
            best = best.max(overlap(&wanted, &run));
        }
    }
    best
}

/// Whether a metadata title is a placeholder or a file name rather than a title:
/// "untitled", "Microsoft Word - Document1", "Erlkönig.pages", "Slide 1".
pub fn is_placeholder_title(title: &str) -> bool {
    let t = title.trim().to_lowercase();
    let t = strip_producer_prefix(&t);
    if t.chars().filter(|c| c.is_alphanumeric()).count() == 0 {
        return true;
    }
    const PLACEHOLDERS: &[&str] = &[
        "untitled",
        "untitled document",
        "no title",
        "title",
        "document",
        "anonymous",
        "unknown",
        "none",
        "null",
        "powerpoint presentation",
        "presentation",
        "new document",
        "blank",
        "default",
        "page",
    ];
    if PLACEHOLDERS.contains(&t) {
        return true;
    }
    let numbered = |word: &str| {
        t.strip_prefix(word)
            .is_some_and(|n| n.trim_start_matches([' ', '-', '_']).chars().all(|c| c.is_ascii_digit()))
    };
    if ["document", "doc", "slide", "untitled", "book", "sheet"].iter().any(|w| numbered(w)) {
        return true;
    }
    looks_like_file_name(t)
}

/// "microsoft word - x" → "x": what Word's PDF printer puts before the file name.
fn strip_producer_prefix(t: &str) -> &str {
    for prefix in ["microsoft word - ", "microsoft powerpoint - ", "microsoft excel - ", "word - "] {
        if let Some(rest) = t.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    t
}

fn looks_like_file_name(t: &str) -> bool {
    const EXTENSIONS: &[&str] = &[
        "doc", "docx", "pdf", "pages", "indd", "tex", "dvi", "rtf", "odt", "ppt", "pptx", "xls", "xlsx",
        "qxd", "qxp", "txt", "wpd", "ps", "eps", "html", "htm", "key", "numbers", "fm", "p65", "pub",
    ];
    let Some((stem, ext)) = t.rsplit_once('.') else { return false };
    (!stem.is_empty() && EXTENSIONS.contains(&ext.trim())) || (t.contains(['\\', '/']) && !t.contains(' '))
}

/// Split a `<title>` at the separators sites put between the title and their name. A
/// bare hyphen counts only with spaces around it, so "mine-action" stays whole.
fn split_site_name(title: &str) -> Vec<&str> {
    let mut parts = vec![title];
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " « ", " • "] {
        parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
    }
    parts.retain(|p| !p.trim().is_empty());
    if parts.is_empty() { vec![title] } else { parts }
}

/// Lower-cased NFC word tokens.
pub(crate) fn tokens(s: &str) -> Vec<String> {
    s.nfc()
        .collect::<String>()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Shared tokens (as multisets) over the longer list's length.
fn overlap(a: &[String], b: &[String]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut left: Vec<&String> = b.iter().collect();
    let mut shared = 0usize;
    for t in a {
        if let Some(i) = left.iter().position(|x| *x == t) {
            left.swap_remove(i);
            shared += 1;
        }
    }
    shared as f32 / a.len().max(b.len()) as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quoted_footnote_title_matches_a_title_element_with_a_site_suffix() {
        let s = title_similarity(
            "“Foreign Minister addresses parliament on mine action,”",
            "Foreign Minister addresses parliament on mine action | Ministry of Foreign Affairs",
        );
        assert_eq!(s, 1.0);
    }

    #[test]
    fn a_site_prefix_is_ignored_too() {
        assert_eq!(title_similarity("Annual Report 2019", "ICBL — Annual Report 2019"), 1.0);
    }

    #[test]
    fn a_different_title_scores_low_and_a_partial_one_in_between() {
        let other = title_similarity("Landmine Monitor 2010", "Cluster Munition Monitor 2012");
        assert!(other < 0.5, "{other}");
        let partial = title_similarity("Mine action in Armenia", "Mine action in Armenia and Azerbaijan");
        assert!(partial > 0.5 && partial < 1.0, "{partial}");
    }

    #[test]
    fn hyphenated_words_are_not_split_as_site_names() {
        assert_eq!(
            split_site_name("Anti-personnel mines - Wikipedia"),
            ["Anti-personnel mines", "Wikipedia"]
        );
    }

    #[test]
    fn empty_titles_are_not_similar_to_anything() {
        assert_eq!(title_similarity("", "Anything"), 0.0);
        assert_eq!(title_similarity("“,”", "Anything"), 0.0);
    }

    #[test]
    fn placeholders_and_file_names_are_not_titles() {
        for junk in
            ["Microsoft Word - Document1", "untitled", "Erlkönig.pages", "Untitled-3", "  ", "report_v2.docx"]
        {
            assert!(is_placeholder_title(junk), "{junk}");
        }
        for real in
            ["Landmine Monitor Report 2010", "Microsoft Word - Annual Report on Mine Action", "Dr. No"]
        {
            assert!(!is_placeholder_title(real), "{real}");
        }
    }
}
