//! `name-mismatch`: one person, place or organisation spelled two ways.

use std::collections::{HashMap, HashSet};

use super::{Context, Diagnostic, Rule, RuleSettings, declare_rule};
use crate::document::names::Names;
use crate::document::{Document, Span};
use crate::strings::normalize_whitespace;

mod authors;

declare_rule! {
    /// ## What it does
    /// Finds a name written two ways in one document: in a sentence and the footnote it
    /// cites (`Iham Aliyev` / `Ilham Aliyev`), or across the document (`Pashinyan` /
    /// `Pashinian` / `Pachinyan`, `José Martínez` / `Jose Martinez`). Names are compared
    /// word by word: two spellings are variants when they differ only in diacritics, or
    /// when they start alike and are one letter added, dropped, replaced or swapped
    /// apart. What stands beside a word decides how much that takes:
    ///
    /// - beside the same other word (`Iham Aliyev` / `Ilham Aliyev`, `Duncan, Alistair`
    ///   / `Duncan, Alastair`), one edit is enough for words of four letters or more —
    ///   except a replaced letter in a word of four (`John Smith` and `Joan Smith` are
    ///   two people);
    /// - always beside other names, never the same ones, the words belong to different
    ///   people (`Alexander Ivanov` / `Alexandre Bigot`; in author lists `Palmiter RD` /
    ///   `Palmier K`, `Colvin, Michael` / `Bariche, Michel`) and are not compared;
    /// - otherwise (a surname on its own) the words need six letters or more, and a
    ///   replaced letter only counts where transliterations differ (`y`/`i`, `s`/`c`,
    ///   `k`/`c`: `Pashinyan` / `Pashinian` / `Pachinyan`, but not `Walker` / `Walter`),
    ///   and a doubled letter not at all (`Jugend` / Estonian `Juugend`).
    ///
    /// A word capitalised only where any word is (opening a sentence, in a heading) is
    /// compared only with a word known to be a name (`Later` / `Latter` are not).
    ///
    /// **Romanisations** of one name several letters apart are found by their
    /// consonants and confirmed letter by letter:
    /// `-yan` / `-ian`, `k` / `g`, `kh` / `h`, `ch` / `tch`, single and double letters,
    /// `y` / `i` / `j`, `-sky` / `-ski` / `-skyy`, `-ov` / `-off`, a vowel or silent `h`
    /// dropped (`Sargsyan` / `Sarkisian` / `Sarkissian`, `Kocharyan` / `Kotcharian`,
    /// `Hovhannisyan` / `Hovannisian`). A different vowel inside (`Hussein` / `Husain`,
    /// `Julian` / `Julien`) counts only where the Double Metaphone codes of the two agree
    /// and they stand beside the same word; a different first or last letter (`Kowalski` / `Kowalska`)
    /// is another name.
    ///
    /// **A surname that stands alone** does not hide a typo: a surname written on its
    /// own as a person (`said Sargsyan`, `President Sargsyan`, `According to Mirzoyan`,
    /// `Kuleba did not say`) and a spelling a letter away written once, where the other
    /// is written more often, are flagged in either direction (`Serzh Sargsyam` beside
    /// `said Sargsyan`; `According to Mirzoybn` beside `Ararat Mirzoyan`). A last letter
    /// replaced counts unless both are vowels (`Aliyev` / `Aliyef`), and so does a
    /// consonant added at the end (`Zarif` / `Zarifw`) or doubled (`Bauman` / `Baumann`)
    /// — but not a vowel, `s` or `n`, the endings of another word.
    ///
    /// **Authors across notes**: two notes that cite one source (the same URL or the
    /// same quoted title) must write its author alike; beside the same source even a
    /// short word one letter off is flagged (`John Smith` / `Jon Smith`).
    ///
    /// **Translations are not variants**: a word written only in phrases of another
    /// language (told by their function words: `Marinha do Brasil`, `Département
    /// fédéral des affaires étrangères`) is not compared with a word of an English
    /// phrase (`Brazil`, `Federal Department`) unless the two stand beside the same
    /// word — a person's name is not translated (`Entretien avec Ilham Aliyev` /
    /// `Iham Aliyev` is still flagged).
    ///
    /// All spellings of one name are one finding, which labels every place.
    ///
    /// Never flagged: demonyms and adjectives (`Armenia` / `Armenian`), gendered
    /// surnames (`Aliyev` / `Aliyeva`, `Kowalski` / `Kowalska`), plurals and possessives,
    /// different people who share a surname, and words that are simply different
    /// (`Lachin` / `Latin`, `Iran` / `Iraq`). Case alone is not a spelling difference.
    /// Body text inside quotation marks is not compared: a quotation keeps its source's
    /// spelling, which the editor must not change. So the Armenia profile's quoted
    /// “Lachin and Kalabjari Districts” is not flagged against `Kalbajar` — and it
    /// would not be anyway: the two are two edits apart (a swap and an added letter),
    /// beyond what tells a typo from a different name.
    ///
    /// The help suggests the footnote's spelling when a sentence and the footnote it
    /// cites disagree (the footnote names the source), else the spelling used most.
    /// Configure known variants and preferred forms:
    /// ```toml
    /// [names]
    /// accept = [["Pashinyan", "Pashinian"]]
    /// canonical = ["Ilham Aliyev"]
    /// ```
    ///
    /// ## Why is this bad?
    /// A misspelled name is a factual error in the eyes of the reader, and two spellings
    /// make a search of the document miss half the mentions. When the sentence and its
    /// source disagree, the sentence is almost always the one that drifted.
    ///
    /// ## Example
    /// ```text
    /// However, according to Azerbaijan’s president Iham Aliyev, the accuracy of these maps does not exceed 25%.[20]
    ///
    /// [20] President of the Republic of Azerbaijan, “The CNN Turk TV channel has interviewed Ilham Aliyev,” 14 August 2021.
    /// ```
    /// Spell the name as the source does:
    /// ```text
    /// However, according to Azerbaijan’s president Ilham Aliyev, the accuracy of these maps does not exceed 25%.[20]
    /// ```
    pub struct NameMismatch => "name-mismatch", Warning, "one person or place spelled two ways (body vs its footnote, or across the document)";
}

impl Rule for NameMismatch {
    fn check(&self, doc: &Document, cx: &mut Context) {
        // Most documents spell every name one way: then nothing below is needed, and a
        // cheap gate spares even the extraction of names.
        let variants = doc.name_variants();
        let (names, groups) = (&variants.names, &variants.groups);
        let authors = authors::author_variants(doc);
        if groups.is_empty() && authors.is_empty() {
            return;
        }
        let prefs = Preferences::new(cx.settings());
        let mut reported = Reported::default();
        if !groups.is_empty() {
            let cited = cited_notes(doc, names);
            for group in groups {
                check_group(doc, names, group, &prefs, &cited, &mut reported, cx);
            }
        }
        for v in authors {
            let key = |s: &Span| doc.slice(s).to_lowercase();
            let accepted =
                prefs.class.get(&key(&v.word)).is_some_and(|c| prefs.class.get(&key(&v.other)) == Some(c));
            if accepted || reported.words.contains(&v.word) || reported.words.contains(&v.other) {
                continue;
            }
            let other_label = &doc.footnotes[v.other_note].label;
            let d = Diagnostic::new(
                v.word.clone(),
                format!(
                    "the author “{}” is written “{}” in footnote [{other_label}], which cites the same source",
                    normalize_whitespace(doc.slice(&v.author)),
                    normalize_whitespace(doc.slice(&v.other_author)),
                ),
            )
            .help(format!(
                "write the author as the source does, in every note that cites it; if both spellings are right, \
                 list “{}” and “{}” under [names] accept",
                doc.slice(&v.word),
                doc.slice(&v.other)
            ))
            .note(doc.footnotes[v.note].label.clone())
            .related(v.other.clone(), format!("written “{}” here", doc.slice(&v.other)));
            cx.report(d);
        }
    }
}

/// What the findings of one document have shown.
#[derive(Default)]
struct Reported {
    /// Pairs of names: `Jose Martinez` / `José Martínez` differ in two words but are one
    /// mistake, one finding.
    names: HashSet<(Span, Span)>,
    /// The words a finding points at or labels, so an author's finding repeats none.
    words: HashSet<Span>,
}

/// `[names]` settings keyed by lower-case spelling.
struct Preferences {
    class: HashMap<String, usize>,
    canonical: HashSet<String>,
}

impl Preferences {
    fn new(settings: &RuleSettings) -> Self {
        let key = |w: &str| w.to_lowercase();
        let mut class = HashMap::new();
        for (id, group) in settings.names_accept.iter().enumerate() {
            let split: Vec<Vec<&str>> = group.iter().map(|e| e.split_whitespace().collect()).collect();
            let width = split.first().map_or(0, Vec::len);
            let aligned = split.iter().all(|w| w.len() == width);
            for entry in &split {
                for (p, w) in entry.iter().enumerate() {
                    // Multi-word entries are aligned word by word; words that are equal in
                    // every entry need no class.
                    if aligned && split.iter().all(|e| e[p] == *w) {
                        continue;
                    }
                    if aligned || entry.len() == 1 {
                        class.insert(key(w), id * 64 + p);
                    }
                }
            }
        }
        let canonical = settings.names_canonical.iter().flat_map(|c| c.split_whitespace().map(key)).collect();
        Preferences { class, canonical }
    }

    fn class_of(&self, names: &Names, s: usize) -> (bool, usize) {
        match self.class.get(&names.spellings[s].key) {
            Some(&c) => (true, c),
            None => (false, s),
        }
    }
}

/// For each name token in the body, the footnotes its sentence cites (Ibid. resolved).
fn cited_notes(doc: &Document, names: &Names) -> Vec<Vec<(usize, String)>> {
    let cits = &doc.citations;
    let targets = doc.ibid_targets();
    names
        .tokens
        .iter()
        .map(|t| {
            if t.note.is_some() {
                return Vec::new();
            }
            let x = t.span.start;
            let from = cits.partition_point(|c| c.sentence_span.end <= x);
            cits[from..]
                .iter()
                .take_while(|c| c.sentence_span.start <= x)
                .filter(|c| c.sentence_span.contains(&x))
                .filter_map(|c| Some((targets[doc.footnote_position(&c.label)?]?, c.label.clone())))
                .collect()
        })
        .collect()
}

fn check_group(
    doc: &Document,
    names: &Names,
    group: &[usize],
    prefs: &Preferences,
    cited: &[Vec<(usize, String)>],
    reported: &mut Reported,
    cx: &mut Context,
) {
    let classes: HashSet<_> = group.iter().map(|&s| prefs.class_of(names, s)).collect();
    if classes.len() < 2 {
        return;
    }
    // A body token of one spelling in a sentence whose cited footnote holds another.
    let mut from_note: Option<(usize, usize, String)> = None;
    // Per spelling, the first of its words in each footnote.
    let in_note: Vec<HashMap<usize, usize>> = group
        .iter()
        .map(|&b| {
            let mut m = HashMap::new();
            for &tb in names.spellings[b].tokens.iter().rev() {
                if let Some(n) = names.tokens[tb].note {
                    m.insert(n, tb);
                }
            }
            m
        })
        .collect();
    'outer: for &a in group {
        for &ta in &names.spellings[a].tokens {
            for (note, label) in &cited[ta] {
                for (bi, &b) in group.iter().enumerate() {
                    if prefs.class_of(names, a) == prefs.class_of(names, b) {
                        continue;
                    }
                    if let Some(&tb) = in_note[bi].get(note) {
                        from_note = Some((ta, tb, label.clone()));
                        break 'outer;
                    }
                }
            }
        }
    }
    let count = |s: usize| names.spellings[s].tokens.len();
    let canonical = group.iter().copied().find(|&s| prefs.canonical.contains(&names.spellings[s].key));
    let majority = group.iter().copied().max_by_key(|&s| count(s)).filter(|&m| {
        group
            .iter()
            .filter(|&&s| prefs.class_of(names, s) != prefs.class_of(names, m))
            .all(|&s| count(s) < count(m))
    });
    let preferred = canonical
        .or(from_note.as_ref().map(|(_, tb, _)| names.tokens[*tb].spelling))
        .or(majority)
        .unwrap_or(group[0]);
    let why = if canonical.is_some() {
        "the canonical spelling in the configuration".to_owned()
    } else if let Some((_, _, label)) = &from_note {
        format!("the spelling of the source in footnote [{label}]")
    } else if majority.is_some() {
        format!("the spelling used most ({} times)", count(preferred))
    } else {
        "or the other: both are used as often".to_owned()
    };
    let name_of = |t: usize| normalize_whitespace(doc.slice(&names.tokens[t].name));
    let word_of = |s: usize| doc.slice(&names.tokens[names.spellings[s].tokens[0]].span);
    let pref_class = prefs.class_of(names, preferred);
    // One finding per group, however many spellings it has: the editor sees every
    // place of every other spelling in it (three spellings of one minister are one
    // defect). It points at the sentence that disagrees with its own footnote if there
    // is one, else at the first other spelling.
    let others: Vec<usize> =
        group.iter().copied().filter(|&s| prefs.class_of(names, s) != pref_class).collect();
    let Some(&first_other) =
        others.iter().min_by_key(|&&s| names.tokens[names.spellings[s].tokens[0]].span.start)
    else {
        return;
    };
    let (primary, other, where_) = match &from_note {
        Some((ta, tb, label)) => (*ta, *tb, format!("in footnote [{label}], which this sentence cites")),
        None => {
            let where_ = if canonical.is_none() && majority.is_none() {
                "in this document"
            } else {
                "elsewhere in this document"
            };
            (names.spellings[first_other].tokens[0], names.spellings[preferred].tokens[0], where_.to_owned())
        }
    };
    if !reported.names.insert((names.tokens[primary].name.clone(), names.tokens[other].name.clone())) {
        return;
    }
    let primary_spelling = names.tokens[primary].spelling;
    let also: Vec<String> =
        others.iter().filter(|&&s| s != primary_spelling).map(|&s| format!("“{}”", word_of(s))).collect();
    let verb =
        if canonical.is_none() && majority.is_none() && from_note.is_none() { "is also" } else { "is" };
    let mut message = format!("“{}” {verb} spelled “{}” {where_}", name_of(primary), name_of(other));
    if !also.is_empty() {
        message.push_str(&format!(", and written {} too", also.join(" and ")));
    }
    let right = if also.is_empty() { "both spellings are" } else { "the spellings are all" };
    let mut d = Diagnostic::new(names.tokens[primary].span.clone(), message).help(format!(
        "use “{}”, {why}; if {right} right, list them under [names] accept",
        word_of(preferred)
    ));
    if let Some(n) = names.tokens[other].note.or(names.tokens[primary].note) {
        d = d.note(doc.footnotes[n].label.clone());
    }
    let label = |d: Diagnostic, t: usize, what: &str| -> Diagnostic {
        d.related(names.tokens[t].span.clone(), format!("{what} “{}” here", doc.slice(&names.tokens[t].span)))
    };
    d = label(d, other, "spelled");
    // The first word of every other spelling in the group, then the other places of the
    // spellings that differ from the preferred one, in text order.
    for &v in group {
        let first = names.spellings[v].tokens[0];
        if v != primary_spelling && first != other && prefs.class_of(names, v) == pref_class {
            d = label(d, first, "spelled");
        }
    }
    let mut places: Vec<usize> = others
        .iter()
        .flat_map(|&s| names.spellings[s].tokens.iter().copied())
        .filter(|&t| t != primary && t != other)
        .collect();
    places.sort_by_key(|&t| names.tokens[t].span.start);
    for &t in places.iter().take(MAX_PLACES) {
        let what = if names.tokens[t].spelling == primary_spelling { "also" } else { "spelled" };
        d = label(d, t, what);
    }
    reported.words.insert(d.span.clone());
    reported.words.extend(d.related.iter().map(|r| r.span.clone()));
    cx.report(d);
}

/// The places of other spellings a finding labels, beyond the first two.
const MAX_PLACES: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::rules::test_support::{check_text, flagged};
    use crate::rules::{Finding, run};

    fn check(text: &str) -> Vec<Finding> {
        check_text(&NameMismatch::INFO, text)
    }

    fn check_with(text: &str, settings: &RuleSettings) -> Vec<Finding> {
        let doc = Document::parse(text, Format::Text);
        run(&doc, settings, |r| (r.name == "name-mismatch").then_some(r.default_severity))
    }

    #[test]
    fn a_sentence_and_its_footnote_spelling_a_name_differently_is_flagged() {
        let t = "T\n\nHowever, according to Azerbaijan’s president Iham Aliyev, the maps are poor.[20]\n\n\
                 [20] President of the Republic of Azerbaijan, “The CNN Turk TV channel has interviewed Ilham Aliyev,” 14 August 2021.\n";
        let found = check(t);
        assert_eq!(flagged(t, &found), ["Iham"]);
        assert_eq!(
            found[0].message,
            "“Iham Aliyev” is spelled “Ilham Aliyev” in footnote [20], which this sentence cites"
        );
        assert!(found[0].help.as_deref().unwrap().contains("“Ilham”"));
        assert_eq!(&t[found[0].related[0].span.clone()], "Ilham");
        assert_eq!(found[0].note.as_deref(), Some("20"));
    }

    #[test]
    fn the_majority_spelling_is_suggested_and_every_variant_labelled() {
        let t = "T\n\nNikol Pashinyan spoke. Pashinyan said so. Later Pashinian agreed, and Pachinyan too.\n";
        let found = check(t);
        // Three spellings of one name are one defect: one finding, every place labelled.
        assert_eq!(flagged(t, &found), ["Pashinian"]);
        assert_eq!(
            found[0].message,
            "“Pashinian” is spelled “Nikol Pashinyan” elsewhere in this document, and written “Pachinyan” too"
        );
        assert!(found[0].help.as_deref().unwrap().contains("“Pashinyan”, the spelling used most (2 times)"));
        let labelled: Vec<_> = found[0].related.iter().map(|r| (r.span.start, &t[r.span.clone()])).collect();
        assert_eq!(
            labelled,
            [(t.find("Pashinyan").unwrap(), "Pashinyan"), (t.find("Pachinyan").unwrap(), "Pachinyan")]
        );
    }

    #[test]
    fn romanisations_several_edits_apart_are_one_finding_with_every_place() {
        let t = "T\n\nSerzh Sargsyan spoke in 2010.[1] Sargsyan said so. Later Sarkisian agreed, and \
                 Serzh Sarkissian signed.[1]\n\n[1] Interview with Serzh Sargsyan, 2 May 2010.\n";
        let found = check(t);
        assert_eq!(flagged(t, &found), ["Sarkisian"], "{found:?}");
        assert!(
            found[0].message.contains("in footnote [1], which this sentence cites"),
            "{}",
            found[0].message
        );
        assert!(found[0].message.contains("written “Sarkissian” too"), "{}", found[0].message);
        let labelled: Vec<_> = found[0].related.iter().map(|r| &t[r.span.clone()]).collect();
        assert!(labelled.contains(&"Sarkissian") && labelled.contains(&"Sargsyan"), "{labelled:?}");
    }

    #[test]
    fn a_changed_letter_in_a_surname_is_flagged_when_the_surname_also_stands_alone() {
        let t = "T\n\nTalks go on, said Sargsyan. President Sargsyan agreed. Serzh Sargsyam spoke.\n";
        assert_eq!(flagged(t, &check(t)), ["Sargsyam"]);
        let t = "T\n\nAliyev: no maps\n\nLater, said Aliyev, maps were shared. Aliyev agreed. Ilham Aliyef repeated it.\n";
        assert_eq!(flagged(t, &check(t)), ["Aliyef"]);
        // Two surnames written once each are two people.
        let t = "T\n\nSaid Walker, talks go on. John Walter agreed.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
    }

    #[test]
    fn names_in_another_language_are_translations_not_variants() {
        let t = "T\n\nThe Federal Department of Foreign Affairs said in 2021 that funding went on.[1] The \
                 Brazilian Navy cleared mines in Brazil.[2]\n\n\
                 [1] Département fédéral des affaires étrangères, “Rapport annuel de la Direction du développement \
                 et de la coopération,” 2021.\n\n\
                 [2] Marinha do Brasil, “Relatório,” 2021; Direktion für Entwicklung und Zusammenarbeit, \
                 “Jahresbericht, Departement für auswärtige Angelegenheiten,” 2021.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
        // A person's name is not translated: beside the same given name it is compared.
        let t =
            "T\n\nPresident Iham Aliyev said so.[1]\n\n[1] Entretien avec Ilham Aliyev, Le Monde, 2021.\n";
        assert_eq!(flagged(t, &check(t)), ["Iham"]);
    }

    #[test]
    fn two_people_with_one_given_name_are_not_variants_whatever_its_accents() {
        let t = "T\n\nAmbassador María Fernández spoke. Maria Zakharova answered.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
    }

    #[test]
    fn a_word_in_a_phrase_of_any_language_does_not_make_a_translation_a_variant() {
        let t = "T\n\nAccording to the Lebanon Mine Action Center, clearance went on.[1]\n\n\
                 [1] Centre libanais d’action contre les mines (Lebanon Mine Action Center), “Rapport annuel,” 2022.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
    }

    #[test]
    fn a_letter_added_at_the_end_is_a_typo_unless_an_ending_adds_it() {
        let t = "T\n\nAmbassador Javad Zarifw said so.[1]\n\n[1] Interview with Javad Zarif, 2021.\n";
        assert_eq!(flagged(t, &check(t)), ["Zarifw"]);
        let t =
            "T\n\nIlham Aliyev and Mehriban Aliyeva; Armenia and the Armenian army; Iraq and Iraqi units.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
    }

    #[test]
    fn diacritics_are_a_variant_spelling() {
        let t = "T\n\nJosé Martínez said so. Jose Martinez said it again. José Martínez agreed.\n";
        assert_eq!(flagged(t, &check(t)), ["Jose"]);
    }

    #[test]
    fn look_alike_but_different_names_pass() {
        let t = "T\n\nArmenia and Armenian troops; Azerbaijan’s and Azerbaijani units; Ilham Aliyev and \
                 Mehriban Aliyeva; Heydar Aliyev; the Smiths and Smith; Lachin and Latin; Iran and Iraq; \
                 John Smith and Joan Smith.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
    }

    #[test]
    fn quoted_body_spellings_are_the_sources_own() {
        let t = "T\n\nMines were laid in Kalbajar. It said “mines in the Kalbajar and Kalbajr Districts.”\n";
        assert!(check(t).is_empty());
    }

    #[test]
    fn accepted_variants_and_canonical_spellings_are_honoured() {
        let t = "T\n\nNikol Pashinyan spoke. Pashinian agreed. Pashinian said so.\n";
        let accept = RuleSettings {
            names_accept: vec![vec!["Pashinyan".into(), "Pashinian".into()]],
            ..Default::default()
        };
        assert!(check_with(t, &accept).is_empty());
        let canonical =
            RuleSettings { names_canonical: vec!["Nikol Pashinyan".into()], ..Default::default() };
        let found = check_with(t, &canonical);
        assert_eq!(flagged(t, &found), ["Pashinian"]);
        assert!(found[0].help.as_deref().unwrap().contains("canonical"));
    }
}
