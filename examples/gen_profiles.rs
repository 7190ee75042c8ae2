//! Writes N synthetic country profiles for benchmarks: deterministic, ~10 KB each, with a
//! realistic mix of citations, footnotes, dates, names and URLs; every fifth misspells a
//! name its note spells right.
//!
//! `cargo run --release --example gen_profiles -- OUT_DIR N`

use std::fmt::Write as _;
use std::path::PathBuf;

/// A small deterministic generator (SplitMix64): the same N gives the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const COUNTRIES: &[&str] =
    &["Veridia", "Marovia", "Castellan", "Ostrava Republic", "Kalmar", "Arvenia", "Tessaly", "Norland"];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const PEOPLE: &[&str] = &[
    "Anna Petrosyan",
    "Davit Harutyunyan",
    "Col. Vostan Arakelyan",
    "Maria Lindqvist",
    "José Martínez",
    "Samir Haddad",
    "Olga Ivanova",
    "Tomas Novak",
];
/// How an editor misspells each of `PEOPLE` (a letter transliterated, dropped, doubled
/// or its diacritic lost): every fifth profile names someone so in one sentence while
/// its note spells them right, as a real profile may ("Iham" / "Ilham Aliyev").
const MISSPELLED: &[&str] = &[
    "Anna Petrosian",
    "Davit Harutiunyan",
    "Col. Vostan Arakelian",
    "Maria Lindquist",
    "José Martinez",
    "Samir Hadad",
    "Olga Ivanowa",
    "Tomas Nowak",
];
const VERBS: &[&str] = &["stated", "reported", "told the Monitor", "announced", "confirmed", "declared"];
const TOPICS: &[&str] = &[
    "that it has never produced or exported antipersonnel mines",
    "that clearance of the northern border districts would be completed within five years",
    "that its stockpile had been reduced by 1,318 mines during the reporting period",
    "its support for the universalization of the Mine Ban Treaty",
    "that survey teams had released 12 square kilometers of suspected hazardous area",
    "that victim assistance services had reached 240 survivors in rural areas",
];
const HEADINGS: &[&str] = &[
    "Production, transfer, and stockpiling",
    "Use",
    "Mine clearance",
    "Victim assistance",
    "Transparency reporting",
];
const SOURCES: &[&str] = &[
    "Statement of {c}, Mine Ban Treaty intersessional meetings, Geneva, {d}.",
    "Letter from {p}, Ministry of Foreign Affairs of {c}, {d}.",
    "Interview with {p}, Ministry of Defense, {d}.",
    "Email from {p}, National Mine Action Authority of {c}, {d}.",
    "{c} Ministry of Defense, “Demining operations continue in the border districts,” {d}, https://mod.{h}.example/news/{n}.",
    "Response to Monitor questionnaire by {p}, {d}.",
    "{c}, Article 7 Report, Form D, {d}.",
];

fn date(rng: &mut Rng) -> (String, usize, usize) {
    let year = 2005 + rng.below(19);
    let month = rng.below(12);
    let day = 1 + rng.below(28);
    (format!("{day} {} {year}", MONTHS[month]), year, month)
}

fn profile(seed: u64) -> String {
    let mut rng = Rng(seed);
    let country = rng.pick(COUNTRIES);
    let host = country.split(' ').next().unwrap_or(country).to_lowercase();
    let mut body = String::new();
    let mut notes = String::new();
    let mut n = 0;
    let mut last = (String::new(), 0, 0);
    let _ = write!(body, "Mine Ban Policy\n\nLast updated: 14 December 2024\n\n");
    while body.len() + notes.len() < 9_500 {
        if rng.below(6) == 0 {
            let _ = write!(body, "{}\n\n", rng.pick(HEADINGS));
        }
        let sentences = 2 + rng.below(4);
        for _ in 0..sentences {
            n += 1;
            // Now and then a note repeats the previous source ("Ibid."), and the sentence
            // citing it reports the same statement date; otherwise a fresh source whose
            // date the sentence agrees with, as in a consistent profile.
            let ibid = n > 1 && rng.below(10) == 0;
            if !ibid {
                last = date(&mut rng);
            }
            let (d, year, month) = &last;
            let who = rng.below(PEOPLE.len());
            let person = PEOPLE[who];
            let written = if seed.is_multiple_of(5) && n == 3 { MISSPELLED[who] } else { person };
            let _ = write!(
                body,
                "In {} {year}, {written} of {country} {} {}.[{n}] ",
                MONTHS[*month],
                rng.pick(VERBS),
                rng.pick(TOPICS)
            );
            if ibid {
                let _ = write!(notes, "[{n}] Ibid.\n\n");
                continue;
            }
            let source = rng
                .pick(SOURCES)
                .replace("{c}", country)
                .replace("{p}", person)
                .replace("{d}", d)
                .replace("{h}", &host)
                .replace("{n}", &(seed * 1000 + n as u64).to_string());
            let _ = write!(notes, "[{n}] {source}\n\n");
        }
        body.push_str("\n\n");
    }
    body.push_str(&notes);
    body
}

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(out), Some(count)) = (args.next(), args.next()) else {
        eprintln!("usage: gen_profiles OUT_DIR N");
        std::process::exit(2);
    };
    let Ok(count) = count.parse::<u64>() else {
        eprintln!("N must be a whole number, not {count:?}");
        std::process::exit(2);
    };
    let out = PathBuf::from(out);
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("cannot create {}: {e}", out.display());
        std::process::exit(2);
    }
    for i in 0..count {
        let path = out.join(format!("profile-{i:05}.txt"));
        if let Err(e) = std::fs::write(&path, profile(i)) {
            eprintln!("cannot write {}: {e}", path.display());
            std::process::exit(2);
        }
    }
}
