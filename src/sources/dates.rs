//! Calendar dates out of metadata values: ISO 8601 dates and date-times (with offsets),
//! PDF dates (`D:20190512…`), `May 12, 2019`, `12 May 2019`, `12.05.2019`.
//!
//! A date-time keeps the calendar date it was written with: `2019-05-12T23:30-05:00` is
//! 12 May, the day the source's own clock showed, which is what a footnote would cite.

use serde::{Deserialize, Serialize};

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A calendar date to year, month or day precision. `day` is set only with `month`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SourceDate {
    pub year: i16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl SourceDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// A date that exists in the proleptic Gregorian calendar, years 1000–2999.
    fn checked(year: i64, month: Option<i64>, day: Option<i64>) -> Option<SourceDate> {
        if !(1000..=2999).contains(&year) {
            return None;
        }
        let year = year as i16;
        match (month, day) {
            (None, _) => Some(SourceDate { year, month: None, day: None }),
            (Some(m), None) if (1..=12).contains(&m) => {
                Some(SourceDate { year, month: Some(m as u8), day: None })
            }
            (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d) => {
                jiff::civil::Date::new(year, m as i8, d as i8).ok()?;
                Some(SourceDate { year, month: Some(m as u8), day: Some(d as u8) })
            }
            _ => None,
        }
    }
}

/// The date a URL's path carries (`/2019/12/30/`, `/2019-12-30-title`, `/20191230/`),
/// with the matched part; years 1990–2099 only, so article ids are not read as dates.
pub(crate) fn url_date(url: &str) -> Option<(SourceDate, String)> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<i64>().ok()).flatten()
    };
    for (i, seg) in segments.iter().enumerate() {
        if let Some(year) = num(seg, 4).filter(|y| (1990..=2099).contains(y)) {
            let month = segments.get(i + 1).and_then(|m| num(m, 2).or_else(|| num(m, 1)));
            let day = segments.get(i + 2).and_then(|d| num(d, 2).or_else(|| num(d, 1)));
            if let Some(month) = month {
                let date = SourceDate::checked(year, Some(month), day);
                let raw = segments[i..(i + if day.is_some() { 3 } else { 2 })].join("/");
                if let Some(date) = date.or_else(|| SourceDate::checked(year, Some(month), None)) {
                    return Some((date, raw));
                }
            }
            continue;
        }
        let head: String = seg.chars().take(10).collect();
        if head.len() == 10
            && head.as_bytes()[4] == b'-'
            && head.as_bytes()[7] == b'-'
            && let Some(date) =
                parse_year_first(&head).filter(|d| d.day.is_some() && (1990..=2099).contains(&d.year))
        {
            return Some((date, head));
        }
        if let Some(compact) = num(seg, 8) {
            let (y, m, d) = (compact / 10000, compact / 100 % 100, compact % 100);
            if (1990..=2099).contains(&y)
                && let Some(date) = SourceDate::checked(y, Some(m), Some(d))
            {
                return Some((date, (*seg).to_owned()));
            }
        }
    }
    None
}

/// Parse a metadata value into a calendar date, or `None` when it holds no unambiguous
/// date (`05/12/2019` could be May or December).
pub fn parse_date(raw: &str) -> Option<SourceDate> {
    let s = raw.trim();
    let s = s.strip_prefix("D:").unwrap_or(s);
    if s.len() >= 4 && s.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        // `2012 Nov 26`: a year first, then a month name.
        let year_only = parse_year_first(s).filter(|d| d.month.is_none());
        return match year_only.and_then(|_| parse_words(s)) {
            Some(d) => Some(d),
            None => parse_year_first(s),
        };
    }
    parse_words(s).or_else(|| parse_day_first_numeric(s))
}

/// `2019`, `2019-05`, `2019-05-12…`, `2019/05/12`, `20190512…` (compact ISO, PDF dates).
fn parse_year_first(s: &str) -> Option<SourceDate> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = b.get(r)?;
        if part.iter().all(u8::is_ascii_digit) { std::str::from_utf8(part).ok()?.parse().ok() } else { None }
    };
    let year = num(0..4)?;
    match b.get(4) {
        None => SourceDate::checked(year, None, None),
        Some(b'-' | b'/' | b'.') => {
            let sep = b[4];
            let month = num(5..7)?;
            if b.get(7) == Some(&sep) {
                let day = num(8..10)?;
                if b.get(10).is_some_and(u8::is_ascii_digit) {
                    return None;
                }
                SourceDate::checked(year, Some(month), Some(day))
            } else if b.get(7).is_some_and(u8::is_ascii_digit) {
                None
            } else {
                SourceDate::checked(year, Some(month), None)
            }
        }
        Some(c) if c.is_ascii_digit() => {
            // Compact: YYYYMM or YYYYMMDD, then a time or an offset.
            let month = num(4..6)?;
            match num(6..8) {
                Some(day) => SourceDate::checked(year, Some(month), Some(day)),
                None if b.len() == 6 || !b[6].is_ascii_digit() => {
                    SourceDate::checked(year, Some(month), None)
                }
                None => None,
            }
        }
        // `2019 年`, `2019, Geneva`: a year alone.
        Some(c) if !c.is_ascii_alphanumeric() => SourceDate::checked(year, None, None),
        _ => None,
    }
}

/// `12.05.2019` (the dotted day-first form); slashed numeric dates are left alone unless
/// the day is beyond 12, since `05/12/2019` is read both ways.
fn parse_day_first_numeric(s: &str) -> Option<SourceDate> {
    let first: String = s.chars().take_while(|c| !c.is_whitespace() && *c != 'T').collect();
    for sep in ['.', '/', '-'] {
        let parts: Vec<&str> = first.split(sep).collect();
        if parts.len() != 3
            || parts[2].len() != 4
            || !parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        {
            continue;
        }
        let (a, b, y) = (parts[0].parse().ok()?, parts[1].parse().ok()?, parts[2].parse().ok()?);
        return match sep {
            '.' => SourceDate::checked(y, Some(b), Some(a)),
            _ if a > 12 && b <= 12 => SourceDate::checked(y, Some(b), Some(a)),
            _ if b > 12 && a <= 12 => SourceDate::checked(y, Some(a), Some(b)),
            _ => None,
        };
    }
    None
}

/// Dates with a month name: `May 12, 2019`, `12 May 2019`, `Sun, 12 May 2019 10:00 GMT`,
/// `12th of May 2019`, `May 2019`, `12. Mai 2019`.
fn parse_words(s: &str) -> Option<SourceDate> {
    let tokens: Vec<&str> = s.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
    let m = tokens.iter().position(|t| month_number(t).is_some())?;
    let month = month_number(tokens[m])?;
    let year = tokens.iter().find(|t| t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()))?.parse().ok()?;
    let day_at = |i: usize| tokens.get(i).and_then(|t| day_number(t));
    let before = m.checked_sub(1).and_then(|i| {
        if matches!(tokens[i].to_lowercase().as_str(), "of" | "de") { i.checked_sub(1) } else { Some(i) }
    });
    let day = day_at(m + 1).or_else(|| before.and_then(day_at));
    SourceDate::checked(year, Some(month), day)
}

/// `12`, `12th`, `1st` → the day of the month.
fn day_number(t: &str) -> Option<i64> {
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// English, French, German and Spanish month names and their common abbreviations.
fn month_number(t: &str) -> Option<i64> {
    const MONTHS: [&[&str]; 12] = [
        &["january", "jan", "janvier", "januar", "enero"],
        &["february", "feb", "février", "fevrier", "februar", "febrero"],
        &["march", "mar", "mars", "märz", "marz", "marzo"],
        &["april", "apr", "avril", "abril"],
        &["may", "mai", "mayo"],
        &["june", "jun", "juin", "juni", "junio"],
        &["july", "jul", "juillet", "juli", "julio"],
        &["august", "aug", "août", "aout", "agosto"],
        &["september", "sep", "sept", "septembre", "septiembre"],
        &["october", "oct", "octobre", "oktober", "octubre"],
        &["november", "nov", "novembre", "noviembre"],
        &["december", "dec", "décembre", "decembre", "dezember", "diciembre"],
    ];
    let lower = t.to_lowercase();
    MONTHS.iter().position(|names| names.contains(&lower.as_str())).map(|i| i as i64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i16, m: u8, d: u8) -> Option<SourceDate> {
        Some(SourceDate { year: y, month: Some(m), day: Some(d) })
    }

    #[test]
    fn iso_dates_and_datetimes_keep_their_written_calendar_day() {
        assert_eq!(parse_date("2019-05-12"), ymd(2019, 5, 12));
        assert_eq!(parse_date("2019-05-12T23:30:00-05:00"), ymd(2019, 5, 12));
        assert_eq!(parse_date("2019-05-12T01:00:00+09:00"), ymd(2019, 5, 12));
        assert_eq!(parse_date(" 2019/05/12 "), ymd(2019, 5, 12));
        assert_eq!(parse_date("2019-05").map(|d| d.precision()), Some(Precision::Month));
        assert_eq!(parse_date("2019").map(|d| d.precision()), Some(Precision::Year));
    }

    #[test]
    fn pdf_and_compact_dates_parse() {
        assert_eq!(parse_date("D:20190512093000+02'00'"), ymd(2019, 5, 12));
        assert_eq!(parse_date("D:20190512"), ymd(2019, 5, 12));
        assert_eq!(parse_date("20190512"), ymd(2019, 5, 12));
    }

    #[test]
    fn dates_with_month_names_parse_in_either_order() {
        assert_eq!(parse_date("May 12, 2019"), ymd(2019, 5, 12));
        assert_eq!(parse_date("12 May 2019"), ymd(2019, 5, 12));
        assert_eq!(parse_date("Sun, 12 May 2019 10:00:00 GMT"), ymd(2019, 5, 12));
        assert_eq!(parse_date("12th of May 2019"), ymd(2019, 5, 12));
        assert_eq!(parse_date("12. März 2019"), ymd(2019, 3, 12));
        assert_eq!(parse_date("2012 Nov 26"), ymd(2012, 11, 26));
        assert_eq!(parse_date("April 2023").map(|d| d.precision()), Some(Precision::Month));
    }

    #[test]
    fn dotted_dates_are_day_first_and_ambiguous_slashes_are_refused() {
        assert_eq!(parse_date("12.05.2019"), ymd(2019, 5, 12));
        assert_eq!(parse_date("25/05/2019"), ymd(2019, 5, 25));
        assert_eq!(parse_date("05/12/2019"), None);
    }

    #[test]
    fn dates_in_url_paths_are_found_but_ids_are_not_dates() {
        let d = |u: &str| url_date(u).map(|(d, _)| d);
        assert_eq!(d("https://www.politico.com/news/2019/12/30/mark-meadows-090838"), ymd(2019, 12, 30));
        assert_eq!(d("https://example.org/blog/2020-01-23-title"), ymd(2020, 1, 23));
        assert_eq!(d("https://example.org/2023/10/a-story").map(|d| d.precision()), Some(Precision::Month));
        assert_eq!(d("https://example.org/archive/20191230/x"), ymd(2019, 12, 30));
        assert_eq!(d("https://www.zdnet.de/88298335/facebook"), None);
        assert_eq!(d("https://example.org/i7484_1.html"), None);
        assert_eq!(d("https://example.org/1200/34/56"), None);
    }

    #[test]
    fn impossible_or_empty_values_are_not_dates() {
        assert_eq!(parse_date("2019-02-30"), None);
        assert_eq!(parse_date("2019-13-01"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("1563"), SourceDate::checked(1563, None, None));
        assert_eq!(parse_date("123456789012"), None);
    }
}
