//! The grammar of written dates (nom) and their check against the calendar (jiff).

use jiff::civil::{Date, Weekday};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while_m_n, take_while1};
use nom::character::complete::{char, satisfy};
use nom::combinator::{not, opt, peek};
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
            if self.precision == Precision::Day {
                if let Some(p) = impossible_day(ymd) {
                    return Some(p);
                }
            }
        }
        if self.start.key(self.precision) > self.end.key(self.precision) {
            return Some("the range ends before it starts".to_owned());
        }
        if let (Some(wd), Precision::Day) = (self.weekday, self.precision) {
            let s = self.start;
            if let Ok(date) = Date::new(s.year, s.month as i8, s.day as i8) {
                if date.weekday() != wd {
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

fn month(s: &str) -> Res<'_, u8> {
    let (rest, word) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(s)?;
    // Every name of a month opens with its distinct abbreviation: one month to compare.
    let i = MONTHS.iter().position(|(_, a)| word.starts_with(a));
    match i.map(|i| (i, MONTHS[i])) {
        Some((i, (full, _))) if word == full => Ok((rest, i as u8 + 1)),
        Some((i, (_, abbr))) if word == abbr || (i == 8 && word == "Sept") => {
            let (rest, _) = opt(char('.')).parse(rest)?;
            Ok((rest, i as u8 + 1))
        }
        _ => Err(nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Tag))),
    }
}

fn weekday(s: &str) -> Res<'_, Weekday> {
    const DAYS: [(&str, Weekday); 7] = [
        ("Monday", Weekday::Monday),
        ("Tuesday", Weekday::Tuesday),
        ("Wednesday", Weekday::Wednesday),
        ("Thursday", Weekday::Thursday),
        ("Friday", Weekday::Friday),
        ("Saturday", Weekday::Saturday),
        ("Sunday", Weekday::Sunday),
    ];
    let (rest, word) = take_while1(|c: char| c.is_ascii_alphabetic()).parse(s)?;
    match DAYS.iter().find(|(name, _)| *name == word) {
        Some((_, w)) => Ok((rest, *w)),
        None => Err(nom::Err::Error(nom::error::Error::new(s, nom::error::ErrorKind::Tag))),
    }
}

fn number(min: usize, max: usize) -> impl Fn(&str) -> Res<'_, u32> {
    move |s| {
        let (rest, d) = take_while_m_n(min, max, |c: char| c.is_ascii_digit()).parse(s)?;
        let (rest, _) = not(peek(satisfy(|c| c.is_ascii_digit()))).parse(rest)?;
        Ok((rest, d.parse().unwrap_or(0)))
    }
}

fn day(s: &str) -> Res<'_, u8> {
    let (rest, d) = number(1, 2)(s)?;
    let (rest, _) = opt(alt((tag("st"), tag("nd"), tag("rd"), tag("th")))).parse(rest)?;
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

fn ws(s: &str) -> Res<'_, &str> {
    take_while_m_n(1, 3, |c: char| c == ' ' || c == '\u{a0}' || c == '\n' || c == '\r' || c == '\t').parse(s)
}

fn dash(s: &str) -> Res<'_, char> {
    let (rest, _) = opt(ws).parse(s)?;
    let (rest, d) = alt((char('–'), char('-'), char('—'))).parse(rest)?;
    let (rest, _) = opt(ws).parse(rest)?;
    Ok((rest, d))
}

/// `, ` or a space between the day/month part and the year.
fn year_sep(s: &str) -> Res<'_, ()> {
    let (rest, _) = opt(char(',')).parse(s)?;
    let (rest, _) = ws(rest)?;
    Ok((rest, ()))
}

fn dmy(s: &str) -> Res<'_, Raw> {
    let (rest, (d1, _, m1)) = (day, ws, month).parse(s)?;
    // `30 April–2 May 2019`
    if let Ok((rest, (_, d2, _, m2, _, y))) = (dash, day, ws, month, year_sep, year).parse(rest) {
        return Ok((rest, range_days(y, m1, d1, m2, d2)));
    }
    let (rest, (_, y)) = (year_sep, year).parse(rest)?;
    Ok((rest, Raw::single(y, m1, d1, Precision::Day)))
}

fn day_range(s: &str) -> Res<'_, Raw> {
    let (rest, (d1, _, d2, _, m, _, y)) = (day, dash, day, ws, month, year_sep, year).parse(s)?;
    Ok((rest, range_days(y, m, d1, m, d2)))
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

/// The forms that open with a month, the month read once for both.
fn month_led(s: &str) -> Res<'_, Raw> {
    let (rest, m) = month(s)?;
    alt((|r| mdy_rest(m, r), |r| month_year_rest(m, r))).parse(rest)
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

/// The most bytes a date can run before its first year.
///
/// Every form [`parse_at`] accepts contains a year: four ASCII digits with white space,
/// a dash or the start of the input before them and no digit after. The longest run before
/// the first one is a weekday and a day range across two months, each part at its widest:
/// `Wednesday` 9, `,` 1, white space 6 (three no-break spaces), day 4 (`30th`), white space
/// 6, `September` 9, dash 15 (white space, `–`, white space), day 4, white space 6,
/// `September` 9, `,` 1 and white space 6: 76 bytes. The other forms lead with less (a day
/// range or a month-day range 45, a month range 39, a year or ISO date 0). So a scan need
/// only try the starts at most this far before a four-digit number.
pub(super) const MAX_YEAR_OFFSET: usize = 76;

/// A date at the start of `s`: its length in bytes and shape.
pub(super) fn parse_at(s: &str) -> Option<(usize, Raw)> {
    // The forms are tried by what opens them: a day is one or two digits and a year four
    // (neither followed by a digit), so each alternative left out here fails at once, and
    // the order within each group is the order of one `alt` over all of them.
    let (rest, raw) = match s.bytes().take_while(u8::is_ascii_digit).count() {
        1 | 2 => alt((day_range, dmy)).parse(s).ok()?,
        4 => alt((iso, years)).parse(s).ok()?,
        0 => {
            let dated = |s| alt((day_range, dmy, mdy, iso)).parse(s);
            if let Ok((rest, (wd, _, _, mut raw))) = (weekday, opt(char(',')), ws, dated).parse(s) {
                raw.weekday = Some(wd);
                return Some((s.len() - rest.len(), raw));
            }
            month_led(s).ok()?
        }
        _ => return None,
    };
    Some((s.len() - rest.len(), raw))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_widest_date_has_its_year_at_the_largest_offset() {
        let nbsp3 = "\u{a0}\u{a0}\u{a0}";
        let dash = format!("{nbsp3}–{nbsp3}");
        let widest =
            format!("Wednesday,{nbsp3}10th{nbsp3}September{dash}30th{nbsp3}September,{nbsp3}2019 and more");
        let (len, raw) = parse_at(&widest).expect("the widest form parses");
        assert_eq!(widest.find("2019"), Some(MAX_YEAR_OFFSET));
        assert_eq!(len, MAX_YEAR_OFFSET + 4);
        assert_eq!(raw.precision, Precision::Day);
        // One more character of white space anywhere ends the date before its year.
        let wider = widest.replacen(nbsp3, &format!("{nbsp3} "), 1);
        assert_eq!(parse_at(&wider).map(|(len, _)| len), None);
    }
}
