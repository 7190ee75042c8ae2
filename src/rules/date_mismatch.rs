//! `date-mismatch`: the citing sentence's statement date disagrees with its footnote's
//! dates.

use super::{Context, Diagnostic, Rule, declare_rule};
use crate::document::dates::{DateMention, Dates, is_event, statement_date};
use crate::document::{Document, Span};
use crate::strings::normalize_whitespace;

declare_rule! {
    /// ## What it does
    /// Compares the date a sentence gives a reported statement or publication with the
    /// dates of the footnote it cites. The statement date is the one that scopes what
    /// was said: a sentence opening `On 12 June 2021,` or `In June 2021,` whose verb
    /// reports (`announced`, `stated`, `told`), or a date right after a reporting verb
    /// or a statement noun (`told reporters on 3 May 2019`, `a report released on 18
    /// October 2020`, `a letter dated 13 September 2022`). Dates that are the subject
    /// matter (`during the 1992–1994 conflict`, `a deadline of 1 January 2030`, `by
    /// 2026`, `since March 2018`) and dates inside quotations are not compared. A sentence
    /// that goes on with the previous one's statement (`It added that…`) takes its date.
    ///
    /// Dates that are what was said rather than when are never the statement date: a
    /// date after a modal or a word of planning or projection in its clause (`said that
    /// it would report in 2023`, `plans to publish by 2025`, `expected in 2026`) or
    /// inside a reported clause (`stated that the report was released on 3 May 2019`).
    /// A sentence that also gives one of its footnote's dates agrees with it (`adopted
    /// in 1997 and amended in 2019`, citing a 2019 source).
    ///
    /// **An event after its source.** A date the sentence gives an event, whatever the
    /// verb (`destroyed in March 2020`, `presented on 3 June 2021`, `In 2022, the army
    /// consumed…`), that lies after every date of every footnote it cites, at the
    /// coarser precision of the two, is flagged too: the source cannot report what had
    /// not yet happened. Plans, projections and deadlines (`would`, `plans`, `expected`,
    /// `deadline`), bounds and spans (`by`, `until`, `since`, `from`, `between`),
    /// bracketed dates, dates after `et al.`, quoted dates and dates after the
    /// sentence's last marker are not events; an undated footnote is not compared.
    ///
    /// Dates agree at the coarser precision: `June 2021` agrees with `21 June 2021`,
    /// `10 May 2019` with `8–12 May 2019`. A footnote agrees when any of its dates
    /// does; "accessed …" dates are not the source's. `Ibid.` and `Id.` resolve to the
    /// footnote they repeat. A sentence citing several footnotes is flagged only when
    /// none of them agrees, and not at all when one of them is undated or missing.
    ///
    /// ## Why is this bad?
    /// When the sentence and its source disagree on when something was said, one of them
    /// is wrong — usually a date mistyped in the sentence, or a footnote pasted from a
    /// neighbouring statement — and the reader cannot tell which.
    ///
    /// ## Example
    /// ```text
    /// On 12 June 2021, the ministry announced the exchange.[19]
    ///
    /// [19] Joshua Kucera, “Armenia and Azerbaijan exchange detainees,” Eurasianet, 12 July 2021.
    /// ```
    /// Check the source and correct whichever date is wrong:
    /// ```text
    /// [19] Joshua Kucera, “Armenia and Azerbaijan exchange detainees,” Eurasianet, 12 June 2021.
    /// ```
    pub struct DateMismatch => "date-mismatch", Warning, "the citing sentence's statement date disagrees with its footnote's dates";
}

impl Rule for DateMismatch {
    fn check(&self, doc: &Document, cx: &mut Context) {
        let dates = doc.dates();
        let targets = doc.ibid_targets();
        let mut i = 0;
        while i < doc.citations.len() {
            // The citations of one sentence are checked together.
            let sentence = doc.citations[i].sentence_span.clone();
            let mut j = i;
            while j < doc.citations.len() && doc.citations[j].sentence_span == sentence {
                j += 1;
            }
            check_sentence(doc, dates, targets, &sentence, &doc.citations[i..j], cx);
            i = j;
        }
    }
}

fn check_sentence(
    doc: &Document,
    dates: &Dates,
    targets: &[Option<usize>],
    sentence: &Span,
    citations: &[crate::document::Citation],
    cx: &mut Context,
) {
    // The footnotes the sentence cites, `Ibid.` resolved. A missing footnote is another
    // rule's finding; without it nothing is compared.
    let mut cited: Vec<(&str, usize)> = Vec::with_capacity(citations.len());
    for citation in citations {
        let Some(pos) = doc.footnote_position(&citation.label) else { return };
        let Some(target) = targets[pos] else { return };
        cited.push((citation.label.as_str(), target));
    }
    let said = statement_date(doc, dates, sentence);
    if !said.is_some_and(|said| check_statement(doc, dates, sentence, said, &cited, cx)) {
        // What a marker supports comes before it: a date after the sentence's last
        // marker belongs to what follows (a list, a heading run into the sentence).
        let supported = sentence.start..citations.iter().map(|c| c.span.start).max().unwrap_or(sentence.end);
        check_events(doc, dates, &supported, said, &cited, cx);
    }
}

/// The statement date against the cited footnotes' dates; whether it reported.
fn check_statement(
    doc: &Document,
    dates: &Dates,
    sentence: &Span,
    said: usize,
    cited: &[(&str, usize)],
    cx: &mut Context,
) -> bool {
    let said = &dates.mentions[said];
    // An impossible date is `invalid-date`'s finding; comparing it says nothing more.
    if said.problem.is_some() {
        return false;
    }
    let own = |target: usize| dates.source_dates(&dates.notes[target]).filter(|d| d.problem.is_none());
    let mut sources: Vec<(&str, usize, Vec<&DateMention>)> = Vec::new();
    for &(label, target) in cited {
        // Most footnotes agree: their dates are listed only for a finding.
        let mut dated = false;
        for d in own(target) {
            if d.agrees_with(said) {
                return false;
            }
            dated = true;
        }
        if !dated {
            return false;
        }
        sources.push((label, target, own(target).collect()));
    }
    // A sentence that also gives its footnote's date agrees with it (`adopted in 1997
    // and amended in 2019`, citing a 2019 source).
    let mentions = &dates.mentions[dates.within(sentence)];
    let gives_a_source_date = mentions
        .iter()
        .filter(|m| !m.quoted && m.span.end <= sentence.end)
        .any(|m| sources.iter().any(|(_, _, own)| own.iter().any(|d| d.agrees_with(m))));
    if gives_a_source_date {
        return false;
    }
    let Some((label, target, own)) = sources.first() else { return false };
    let written = |d: &DateMention| normalize_whitespace(doc.slice(&d.span));
    let noted: Vec<String> = own.iter().map(|d| written(d)).collect();
    let via = if doc.footnotes[*target].label != *label {
        format!(" (which repeats footnote [{}])", doc.footnotes[*target].label)
    } else {
        String::new()
    };
    let mut d = Diagnostic::new(
        said.span.clone(),
        format!(
            "the sentence dates this {}, but footnote [{label}]{via} is dated {}",
            written(said),
            noted.join(", ")
        ),
    )
    .note(label.to_string())
    .help(format!(
        "check the source: correct the date in the sentence, or cite the footnote for the {} statement",
        written(said)
    ));
    for (label, _, own) in &sources {
        for date in own.iter().take(3) {
            d = d.related(date.span.clone(), format!("footnote [{label}] is dated {}", written(date)));
        }
    }
    cx.report(d);
    true
}

/// An event the sentence dates (before its last marker: `sentence` ends there) after
/// every date of every footnote it cites: the source cannot report what had not yet
/// happened.
/// The statement date (`said`) is when the source spoke, not an event: it is
/// `check_statement`'s to compare.
fn check_events(
    doc: &Document,
    dates: &Dates,
    sentence: &Span,
    said: Option<usize>,
    cited: &[(&str, usize)],
    cx: &mut Context,
) {
    let own =
        |target: usize| dates.source_dates(&dates.notes[target]).filter(|d| d.problem.is_none() && !d.quoted);
    // An undated footnote says nothing of when its source was written.
    if cited.is_empty()
        || cited.iter().any(|&(_, t)| dates.notes[t].undated_marker.is_some() || own(t).next().is_none())
    {
        return;
    }
    for i in dates.within(sentence) {
        let event = &dates.mentions[i];
        if Some(i) == said || event.span.end > sentence.end {
            continue;
        }
        // Most dates are not after their sources: they are read as events only if so.
        if !cited.iter().all(|&(_, t)| own(t).all(|d| event.is_after(d)))
            || !is_event(doc, dates, sentence, i)
        {
            continue;
        }
        let written = |d: &DateMention| normalize_whitespace(doc.slice(&d.span));
        let (label, target) = cited[0];
        let mut noted: Vec<String> = own(target).map(written).collect();
        // A note may give one date twice (published, and archived the same day).
        noted.dedup();
        let mut d = Diagnostic::new(
            event.span.clone(),
            format!(
                "the sentence dates this {}, after its source: footnote [{label}] is dated {}",
                written(event),
                noted.join(", ")
            ),
        )
        .note(label.to_string())
        .help("a source cannot report what had not yet happened: check the date in the sentence, or cite the source that reports the event");
        for &(label, target) in cited {
            for date in own(target).take(3) {
                d = d.related(date.span.clone(), format!("footnote [{label}] is dated {}", written(date)));
            }
        }
        cx.report(d);
        return;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::test_support::{check_text, flagged};

    fn check(text: &str) -> Vec<crate::rules::Finding> {
        check_text(&DateMismatch::INFO, text)
    }

    #[test]
    fn statement_date_that_disagrees_with_the_footnote_is_flagged() {
        let t = "T\n\nOn 12 June 2021, the ministry announced the exchange.[1]\n\n\
                 [1] Joshua Kucera, “Exchange,” Eurasianet, 12 July 2021.\n";
        let found = check(t);
        assert_eq!(flagged(t, &found), ["12 June 2021"]);
        assert_eq!(found[0].note.as_deref(), Some("1"));
        assert_eq!(&t[found[0].related[0].span.clone()], "12 July 2021");
        assert!(found[0].message.contains("12 July 2021"));
    }

    #[test]
    fn coarser_precision_and_ranges_agree() {
        let t = "T\n\nIn June 2021, Armenia stated that it values the treaty.[1] Armenia told the \
                 meeting on 10 May 2019 that it would attend.[2]\n\n\
                 [1] Statement of Armenia, 21 June 2021.\n\n[2] Meeting report, 8–12 May 2019.\n";
        assert!(check(t).is_empty());
    }

    #[test]
    fn access_dates_do_not_count_as_the_source_date() {
        let t = "T\n\nIn June 2021, Armenia stated so.[1]\n\n[1] “Statement,” 2 May 2020, accessed 3 June 2021.\n";
        assert_eq!(flagged(t, &check(t)), ["June 2021"]);
    }

    #[test]
    fn ibid_resolves_to_the_footnote_it_repeats() {
        let t = "T\n\nIt was said.[1] In 2010, Armenia told the Monitor so.[2] In 2011, it told the Monitor again.[3]\n\n\
                 [1] Letter from Armen Yedigarian, 29 April 2010.\n\n[2] Ibid.\n\n[3] Ibid., p. 2.\n";
        let found = check(t);
        assert_eq!(flagged(t, &found), ["2011"]);
        assert!(found[0].message.contains("repeats footnote [1]"), "{}", found[0].message);
    }

    #[test]
    fn subject_matter_dates_undated_and_missing_notes_are_not_compared() {
        let t = "T\n\nArmenia used mines during the 1992–1994 conflict.[1] In 2019, Armenia said so.[2] \
                 On 3 May 2019, it stated this.[9]\n\n[1] Letter, 29 April 2010.\n\n[2] Fenix Insight, undated.\n";
        assert!(check(t).is_empty());
    }

    #[test]
    fn a_sentence_citing_several_notes_passes_when_one_agrees() {
        let t =
            "T\n\nIn 2010, Armenia told the Monitor so.[1][2]\n\n[1] Letter, 2009.\n\n[2] Letter, 2010.\n";
        assert!(check(t).is_empty());
        let t =
            "T\n\nIn 2012, Armenia told the Monitor so.[1][2]\n\n[1] Letter, 2009.\n\n[2] Letter, 2010.\n";
        assert_eq!(check(t)[0].related.len(), 2);
    }

    #[test]
    fn an_event_dated_after_its_source_is_flagged_whatever_the_verb() {
        let t = "T\n\nArmenia destroyed 1,200 stockpiled mines in June 2021.[1] The report was presented on \
                 3 June 2021.[2] The army recorded 40 casualties in 2022.[3]\n\n\
                 [1] Article 7 Report, 30 April 2021.\n\n[2] Letter, May 2021.\n\n[3] Interview, 2021.\n";
        let found = check(t);
        assert_eq!(flagged(t, &found), ["June 2021", "3 June 2021", "2022"]);
        assert_eq!(
            found[0].message,
            "the sentence dates this June 2021, after its source: footnote [1] is dated 30 April 2021"
        );
        assert_eq!(&t[found[0].related[0].span.clone()], "30 April 2021");
    }

    #[test]
    fn events_before_or_with_their_source_pass_at_the_coarser_precision() {
        let t = "T\n\nArmenia destroyed its stockpile in May 2021.[1] It cleared 5 km² in 2021.[2] Mines \
                 were laid in 1993.[3] It adopted the law in 1997 and amended it in 2019.[4]\n\n\
                 [1] Article 7 Report, 2 May 2021.\n\n[2] Letter, 30 April 2021.\n\n[3] Report, 2004.\n\n\
                 [4] Law on Mines, 2019.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
    }

    #[test]
    fn plans_projections_bounds_and_undated_sources_are_not_compared() {
        let t = "T\n\nArmenia said that it would complete clearance in 2023.[1] The operator projected \
                 clearance in 2024.[1] It plans to finish by 2025.[1] Completion is expected in 2026.[1] \
                 In 2027, Armenia will report again.[1] It cleared the area in 2022.[2] The survey \
                 (conducted in 2024) found mines.[1]\n\n[1] Statement, 3 May 2021.\n\n[2] Letter, undated.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
    }

    #[test]
    fn a_date_after_a_modal_or_in_a_reported_clause_is_not_the_statement_date() {
        let t = "T\n\nThe ministry said that it would report on 3 May 2023.[1] It stated that the report \
                 was released on 18 October 2020.[2]\n\n[1] Statement, 2 May 2021.\n\n[2] Letter, 2021.\n";
        // Neither date is when it was said; the second is an event before its source.
        assert!(check(t).is_empty(), "{:?}", check(t));
    }

    #[test]
    fn a_sentence_that_gives_its_footnotes_date_agrees_with_it() {
        let t = "T\n\nIn 2018, Armenia reported that the law adopted in 2015 was amended in 2017.[1]\n\n\
                 [1] Article 7 Report, 2017.\n";
        assert!(check(t).is_empty(), "{:?}", check(t));
        let t =
            "T\n\nIn 2018, Armenia reported that the law was amended.[1]\n\n[1] Article 7 Report, 2017.\n";
        assert_eq!(flagged(t, &check(t)), ["2018"]);
    }

    #[test]
    fn ibid_chains_stop_at_a_missing_note() {
        let t = "T\n\nA.[1] B.[3]\n\n[1] X, 2001.\n\n[3] Ibid.\n";
        let doc = Document::parse(t, crate::document::Format::Text);
        assert_eq!(doc.ibid_targets(), [Some(0), None]);
    }
}
