//! The grammar of written dates (nom) and their check against the calendar (jiff).

use jiff::civil::{Date, Weekday};
use nom::branch::alt;
use nom::character::complete::char;
use nom::combinator::opt;
use nom::{IResult, Parser};

use super::{Precision, Ymd};

/// The parsed shape of a date before it gets a span.
#[derive(Clone, Copy, Debug)]
pub(super) struct Raw {
    pub(super) start: Ymd,
    pub(super) end: Ymd,
    pub(super) precision: Precision,
    pub(super) weekday: Option<Weekday>,
}

impl Raw {
    fn single(y: i16, m: u8, d: u8, precision: Precision) -> Raw {
        let ymd = Ymd { year: y, month: m, day: d };
        Raw { start: ymd, end: ymd, precision, weekday: None }
    }

    fn range(start: Ymd, end: Ymd, precision: Precision) -> Raw {
        Raw { start, end, precision, weekday: None }
    }

    /// Check the date against the calendar.
    pub(super) fn problem(&self) -> Option<String> {
        for ymd in [self.start, self.end] {
            if self.precision == Precision::Day
                && let Some(p) = impossible_day(ymd)
            {
                return Some(p);
            }
        }
        if self.start.key(self.precision) > self.end.key(self.precision) {
            return Some("the range ends before it starts".to_owned());
        }
        if let (Some(wd), Precision::Day) = (self.weekday, self.precision) {
            let s = self.start;
            if let Ok(date) = Date::new(s.year, s.month as i8, s.day as i8)
                && date.weekday() != wd
            {
                return Some(format!(
                    "{} {} {} was a {}, not a {}",
                    s.day,
                    MONTHS[usize::from(s.month) - 1].0,
                    s.year,
                    weekday_name(date.weekday()),
                    weekday_name(wd)
                ));
            }
        }
        None
    }
}

fn impossible_day(ymd: Ymd) -> Option<String> {
    if Date::new(ymd.year, ymd.month as i8, ymd.day as i8).is_ok() {
        return None;
    }
    let month = MONTHS.get(usize::from(ymd.month).wrapping_sub(1))?.0;
    let days = Date::new(ymd.year, ymd.month as i8, 1).ok()?.days_in_month();
    Some(if ymd.month == 2 && ymd.day == 29 {
        format!("{} is not a leap year", ymd.year)
    } else {
        format!("{month} {} has {days} days", ymd.year)
    })
}

fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Monday => "Monday",
        Weekday::Tuesday => "Tuesday",
        Weekday::Wednesday => "Wednesday",
        Weekday::Thursday => "Thursday",
        Weekday::Friday => "Friday",
        Weekday::Saturday => "Saturday",
        Weekday::Sunday => "Sunday",
    }
}

const MONTHS: [(&str, &str); 12] = [
    ("January", "Jan"),
    ("February", "Feb"),
    ("March", "Mar"),
    ("April", "Apr"),
    ("May", "May"),
    ("June", "Jun"),
    ("July", "Jul"),
    ("August", "Aug"),
    ("September", "Sep"),
    ("October", "Oct"),
    ("November", "Nov"),
    ("December", "Dec"),
];

type Res<'a, T> = IResult<&'a str, T>;

/// The run of ASCII letters that opens `s`, as every name of a month or a weekday is;
/// read by bytes, where nom's `take_while1` decoded each character.
fn letters(s: &str) -> Res<'_, &str> {
    match s.bytes().take_while(u8::is_ascii_alphabetic).count() {
        0 => Err(nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Alpha))),
        n => Ok((&s[n..], &s[..n])),
    }
}

/// The month `word` names (1–12), and whether it is abbreviated (and may take a `.`).
fn month_named(word: &str) -> Option<(u8, bool)> {
    match name_of_day(word.as_bytes())? {
        DayName::Month(m, abbreviated) => Some((m, abbreviated)),
        DayName::Weekday(_) => None,
    }
}

/// What a word that may open or sit inside a date names.
enum DayName {
    /// A month (1–12), and whether abbreviated.
    Month(u8, bool),
    Weekday(Weekday),
}

/// The month or weekday `word` names, if any: `June`, `Jun`, `Sept`, `Friday`.
///
/// One `match` on the bytes, which compiles to a switch on the length and then a few
/// integer compares: every year's chain of words and every date is read through this,
/// and searching the name tables compared strings one by one.
fn name_of_day(word: &[u8]) -> Option<DayName> {
    use DayName::{Month as M, Weekday as W};
    Some(match word {
        b"January" => M(1, false),
        b"Jan" => M(1, true),
        b"February" => M(2, false),
        b"Feb" => M(2, true),
        b"March" => M(3, false),
        b"Mar" => M(3, true),
        b"April" => M(4, false),
        b"Apr" => M(4, true),
        b"May" => M(5, false),
        b"June" => M(6, false),
        b"Jun" => M(6, true),
        b"July" => M(7, false),
        b"Jul" => M(7, true),
        b"August" => M(8, false),
        b"Aug" => M(8, true),
        b"September" => M(9, false),
        b"Sep" | b"Sept" => M(9, true),
        b"October" => M(10, false),
        b"Oct" => M(10, true),
        b"November" => M(11, false),
        b"Nov" => M(11, true),
        b"December" => M(12, false),
        b"Dec" => M(12, true),
        b"Monday" => W(Weekday::Monday),
        b"Tuesday" => W(Weekday::Tuesday),
        b"Wednesday" => W(Weekday::Wednesday),
        b"Thursday" => W(Weekday::Thursday),
        b"Friday" => W(Weekday::Friday),
        b"Saturday" => W(Weekday::Saturday),
        b"Sunday" => W(Weekday::Sunday),
        _ => return None,
    })
}

fn month(s: &str) -> Res<'_, u8> {
    let (rest, word) = letters(s)?;
    match month_named(word) {
        Some((m, abbreviated)) => Ok((after_month(rest, abbreviated), m)),
        None => Err(nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Tag))),
    }
}

/// What follows a month's name: an abbreviation may take a `.`.
fn after_month(rest: &str, abbreviated: bool) -> &str {
    if abbreviated { rest.strip_prefix('.').unwrap_or(rest) } else { rest }
}

/// A run of `min..=max` ASCII digits not followed by another, and its value; read by
/// bytes, as every date is tried with several of these.
fn number(min: usize, max: usize) -> impl Fn(&str) -> Res<'_, u32> {
    move |s| {
        let n = s.bytes().take_while(u8::is_ascii_digit).count();
        if !(min..=max).contains(&n) {
            return Err(nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Digit)));
        }
        let value = s.bytes().take(n).fold(0, |v, d| v * 10 + u32::from(d - b'0'));
        Ok((&s[n..], value))
    }
}

/// What may follow the digits of a day: `21st`, `2nd`, `3rd`, `4th`.
fn is_day_suffix(word: &[u8]) -> bool {
    matches!(word, b"st" | b"nd" | b"rd" | b"th")
}

fn day(s: &str) -> Res<'_, u8> {
    let (rest, d) = number(1, 2)(s)?;
    // A suffix is two ASCII bytes, so the rest starts on a character after it.
    let rest = match rest.as_bytes().first_chunk::<2>() {
        Some(pair) if is_day_suffix(pair) => &rest[2..],
        _ => rest,
    };
    if (1..=31).contains(&d) {
        Ok((rest, d as u8))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Verify)))
    }
}

fn year(s: &str) -> Res<'_, i16> {
    let (rest, y) = number(4, 4)(s)?;
    Ok((rest, y as i16))
}

/// One to three characters of white space (more are left for what follows).
fn ws(s: &str) -> Res<'_, &str> {
    // By bytes: a no-break space is the two bytes C2 A0, the others one each.
    let b = s.as_bytes();
    let mut len = 0;
    for _ in 0..3 {
        len += match b.get(len..) {
            Some([b' ' | b'\n' | b'\r' | b'\t', ..]) => 1,
            Some([0xC2, 0xA0, ..]) => 2,
            _ => break,
        };
    }
    match len {
        0 => Err(nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Space))),
        _ => Ok((&s[len..], &s[..len])),
    }
}

fn dash(s: &str) -> Res<'_, char> {
    let rest = skip_ws(s);
    // By bytes, as `ws`: most dates are tried for a dash that is not there.
    let d = match rest.as_bytes() {
        [b'-', ..] => '-',
        [0xE2, 0x80, 0x93, ..] => '–',
        [0xE2, 0x80, 0x94, ..] => '—',
        _ => return Err(nom::Err::Error(nom::error::Error::new(rest, nom::error::ErrorKind::Char))),
    };
    Ok((skip_ws(&rest[d.len_utf8()..]), d))
}

/// What [`ws`] leaves, or all of `s` if it opens with no white space: `opt(ws)` without
/// building the error it discards.
fn skip_ws(s: &str) -> &str {
    ws(s).map_or(s, |(rest, _)| rest)
}

/// `, ` or a space between the day/month part and the year.
fn year_sep(s: &str) -> Res<'_, ()> {
    let (rest, _) = ws(s.strip_prefix(',').unwrap_or(s))?;
    Ok((rest, ()))
}

/// The forms that open with a day, the day read once for all: `8–12 May 2019` first,
/// then `21 June 2021` and `30 April–2 May 2019`.
fn day_led(s: &str) -> Res<'_, Raw> {
    let (rest, d1) = day(s)?;
    if let Ok((rest, (_, d2, _, m, _, y))) = (dash, day, ws, month, year_sep, year).parse(rest) {
        return Ok((rest, range_days(y, m, d1, m, d2)));
    }
    let (rest, (_, m1)) = (ws, month).parse(rest)?;
    // `30 April–2 May 2019`
    if let Ok((rest, (_, d2, _, m2, _, y))) = (dash, day, ws, month, year_sep, year).parse(rest) {
        return Ok((rest, range_days(y, m1, d1, m2, d2)));
    }
    let (rest, (_, y)) = (year_sep, year).parse(rest)?;
    Ok((rest, Raw::single(y, m1, d1, Precision::Day)))
}

fn mdy(s: &str) -> Res<'_, Raw> {
    let (rest, m) = month(s)?;
    mdy_rest(m, rest)
}

/// What follows the month `m` in `June 21, 2021` and `June 8–12, 2021`.
fn mdy_rest(m: u8, s: &str) -> Res<'_, Raw> {
    let (rest, (_, d1)) = (ws, day).parse(s)?;
    if let Ok((rest, (_, d2, _, y))) = (dash, day, year_sep, year).parse(rest) {
        return Ok((rest, range_days(y, m, d1, m, d2)));
    }
    let (rest, (_, y)) = (year_sep, year).parse(rest)?;
    Ok((rest, Raw::single(y, m, d1, Precision::Day)))
}

/// What follows the month `m1` in `June 2021` and `September–November 2020`.
fn month_year_rest(m1: u8, s: &str) -> Res<'_, Raw> {
    if let Ok((rest, (_, m2, _, y))) = (dash, month, ws, year).parse(s) {
        let start = Ymd { year: y, month: m1, day: 0 };
        return Ok((rest, Raw::range(start, Ymd { month: m2, ..start }, Precision::Month)));
    }
    let (rest, (_, y)) = (ws, year).parse(s)?;
    Ok((rest, Raw::single(y, m1, 0, Precision::Month)))
}

/// The forms that open with a month, the month read once for all.
fn month_led(m: u8, s: &str) -> Res<'_, Raw> {
    alt((|r| mdy_rest(m, r), |r| month_year_rest(m, r))).parse(s)
}

fn iso(s: &str) -> Res<'_, Raw> {
    let (rest, (y, _, m, _, d)) = (year, char('-'), number(2, 2), char('-'), number(2, 2)).parse(s)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return Err(nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Verify)));
    }
    Ok((rest, Raw::single(y, m as u8, d as u8, Precision::Day)))
}

fn years(s: &str) -> Res<'_, Raw> {
    let (rest, y1) = year(s)?;
    if let Ok((rest, (_, y2))) = (dash, year).parse(rest) {
        return Ok((rest, year_range(y1, y2)));
    }
    // `1996–97`: two digits that continue the century.
    if let Ok((rest, (_, yy))) = (alt((char('–'), char('—'))), number(2, 2)).parse(rest) {
        let y2 = y1 - y1 % 100 + yy as i16;
        return Ok((rest, year_range(y1, y2)));
    }
    Ok((rest, Raw::single(y1, 0, 0, Precision::Year)))
}

fn year_range(y1: i16, y2: i16) -> Raw {
    Raw::range(Ymd { year: y1, month: 0, day: 0 }, Ymd { year: y2, month: 0, day: 0 }, Precision::Year)
}

fn range_days(y: i16, m1: u8, d1: u8, m2: u8, d2: u8) -> Raw {
    Raw::range(Ymd { year: y, month: m1, day: d1 }, Ymd { year: y, month: m2, day: d2 }, Precision::Day)
}

/// Where the chain of date words that ends at a year begins: `head` runs up to the year,
/// and the result is the leftmost offset in it from which only words that can come before
/// a year inside a date lead up to the year.
///
/// Every form [`parse_at`] accepts contains a year: four ASCII digits, no digit after.
/// Before the first one it has only these words, each a maximal run of its class: a
/// weekday or a month name (ASCII letters; an abbreviation may take a `.`, and inside a
/// date the word before a name is white space or a dash), a day (one or two digits, then
/// perhaps `st`, `nd`, `rd` or `th`), white space ([`ws`]), `,` and dashes ([`dash`]).
/// Walking left from a year over such words, the walk stops only at text no date can
/// hold before its first year, so a date whose first year is this one cannot start left
/// of where the walk stops. The walk allows more than the grammar (any number of words in
/// any order), which only costs a few needless tries.
pub(super) fn chain_start(head: &str) -> usize {
    let b = head.as_bytes();
    let mut at = b.len();
    loop {
        let step = match &b[..at] {
            [.., b' ' | b'\t' | b'\n' | b'\r' | b',' | b'-'] => 1,
            // No-break space, en dash, em dash.
            [.., 0xC2, 0xA0] => 2,
            [.., 0xE2, 0x80, 0x93 | 0x94] => 3,
            [.., b'0'..=b'9'] => match b[..at].iter().rev().take_while(|c| c.is_ascii_digit()).count() {
                n @ (1 | 2) => n,
                _ => 0,
            },
            [.., b'.' | b'a'..=b'z' | b'A'..=b'Z'] => {
                let end = if b[at - 1] == b'.' { at - 1 } else { at };
                let word_start = end - b[..end].iter().rev().take_while(|c| c.is_ascii_alphabetic()).count();
                let word = &b[word_start..end];
                let suffix = end == at
                    && is_day_suffix(word)
                    && word_start.checked_sub(1).is_some_and(|i| b[i].is_ascii_digit());
                if suffix || name_of_day(word).is_some() { at - word_start } else { 0 }
            }
            _ => 0,
        };
        if step == 0 {
            return at;
        }
        at -= step;
    }
}

/// A date at the start of `s`: its length in bytes and shape.
pub(super) fn parse_at(s: &str) -> Option<(usize, Raw)> {
    let (rest, raw) = match leading_digits(s) {
        0 => {
            // A weekday or a month opens the date: the word is read once and tells which.
            let (rest, word) = letters(s).ok()?;
            match name_of_day(word.as_bytes())? {
                DayName::Weekday(wd) => {
                    let (rest, _) = (opt(char(',')), ws).parse(rest).ok()?;
                    let (rest, mut raw) = match leading_digits(rest) {
                        1 | 2 => day_led(rest),
                        4 => iso(rest),
                        0 => mdy(rest),
                        _ => return None,
                    }
                    .ok()?;
                    raw.weekday = Some(wd);
                    (rest, raw)
                }
                DayName::Month(m, abbreviated) => month_led(m, after_month(rest, abbreviated)).ok()?,
            }
        }
        1 | 2 => day_led(s).ok()?,
        4 => alt((iso, years)).parse(s).ok()?,
        _ => return None,
    };
    Some((s.len() - rest.len(), raw))
}

/// How many ASCII digits open `s`. A day is one or two digits and a year four, neither
/// followed by a digit, so this count tells which forms can open here: trying only those
/// finds what one `alt` over every form would, in the same order.
fn leading_digits(s: &str) -> usize {
    s.bytes().take_while(u8::is_ascii_digit).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_month_and_weekday_name_is_known_and_nothing_else() {
        for (i, (full, abbr)) in MONTHS.iter().enumerate() {
            let m = i as u8 + 1;
            assert_eq!(month_named(full), Some((m, false)), "{full}");
            assert_eq!(month_named(abbr), Some((m, full != abbr)), "{abbr}");
            assert!(!matches!(name_of_day(full.as_bytes()), Some(DayName::Weekday(_))), "{full}");
        }
        assert_eq!(month_named("Sept"), Some((9, true)));
        for w in [Weekday::Monday, Weekday::Tuesday, Weekday::Wednesday, Weekday::Thursday] {
            assert!(matches!(name_of_day(weekday_name(w).as_bytes()), Some(DayName::Weekday(x)) if x == w));
            assert_eq!(month_named(weekday_name(w)), None);
        }
        for w in [Weekday::Friday, Weekday::Saturday, Weekday::Sunday] {
            assert!(matches!(name_of_day(weekday_name(w).as_bytes()), Some(DayName::Weekday(x)) if x == w));
        }
        for word in ["", "Ju", "Junes", "june", "JUNE", "Septe", "Mon", "Fri", "Mayday", "Dece"] {
            assert!(name_of_day(word.as_bytes()).is_none(), "{word}");
        }
    }

    #[test]
    fn the_widest_date_lies_within_its_years_chain() {
        let nbsp3 = "\u{a0}\u{a0}\u{a0}";
        let dash = format!("{nbsp3}–{nbsp3}");
        let widest =
            format!("Wednesday,{nbsp3}10th{nbsp3}September{dash}30th{nbsp3}September,{nbsp3}2019 and more");
        let (len, raw) = parse_at(&widest).expect("the widest form parses");
        let year = widest.find("2019").expect("the date has a year");
        assert_eq!(chain_start(&widest[..year]), 0);
        assert_eq!(len, year + 4);
        assert_eq!(raw.precision, Precision::Day);
        // One more character of white space anywhere ends the date before its year.
        let wider = widest.replacen(nbsp3, &format!("{nbsp3} "), 1);
        assert_eq!(parse_at(&wider).map(|(len, _)| len), None);
    }

    #[test]
    fn the_chain_stops_at_words_no_date_holds_before_its_year() {
        for (head, start) in [
            ("in the year ", "in the year".len()),
            ("p. 12 Sept. ", "p.".len()),
            ("On Friday, 2nd–3rd Feb. ", "On".len()),
            ("2018–", "2018".len()),
            ("Junes 1 ", "Junes".len()),
            ("May 2019, ", "May 2019".len()),
            ("", 0),
        ] {
            assert_eq!(chain_start(head), start, "{head:?}");
        }
    }
}
