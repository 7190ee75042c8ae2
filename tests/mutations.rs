//! Mutation test of the document rules: a deterministic generator writes clean profiles
//! in the style of the bundled ones (a title, `Last updated:`, paragraphs citing `[n]` in
//! order, the notes below), every one of which must pass every document rule without a
//! finding; then single defects of a dozen kinds are put into each, one at a time, and
//! the rule that promises to find each kind must find it where it was put.
//!
//! The profiles vary per seed: the country, the officials (Armenian, Russian, Ukrainian,
//! Arabic, Persian and Spanish names, and a treaty meeting's President whose name has
//! diacritics), each named in full in a sentence and in a note and by surname alone in
//! another sentence; statements dated in the sentence and in the note; events dated
//! before the note that reports them; dates that are the subject matter (`since 2008`,
//! `by 2026`, `expected in 2027`); a news article cited twice by two notes with the same
//! author; an organisation named in Spanish or French in a note beside the English name
//! the prose uses; an `Ibid.`; a note cited twice.
//!
//! `mutants_are_found_by_their_rule` prints a table (kind, rule, mutants, detected,
//! recall, extra findings) and the extra findings, and asserts a recall of at least 0.95
//! for every kind. A mutant counts as found when the kind's rule reports a finding whose
//! span overlaps the mutated text (for a defect put into a note, the span or a labelled
//! related place: the rule puts a sentence/note disagreement on the sentence and labels
//! the note), or, for the footnote rules, a finding that names the mutated label.
//!
//! Everything is in-process and offline: `Document::parse` and `rules::run` with every
//! document rule at its default severity (link rules need the network and do not run).

use std::cmp::Ordering;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use citelint::document::{Document, Format};
use citelint::rules::{Finding, RuleSettings, run};

/// Clean profiles generated (one per seed).
const SEEDS: u64 = 100;
/// Mutants of each kind tried per clean profile (fewer when it has fewer places).
const PER_KIND: usize = 2;
/// The recall every kind must reach.
const MIN_RECALL: f64 = 0.95;

// ---------------------------------------------------------------------------------------
// A small deterministic PRNG (xorshift64*).

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut r = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03);
        if r.0 == 0 {
            r.0 = 1;
        }
        for _ in 0..8 {
            r.next();
        }
        r
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        assert!(n > 0);
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------
// Dates.

const MONTHS: [&str; 12] = [
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Prec {
    Year,
    Month,
    Day,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Date {
    y: i64,
    m: u32,
    d: u32,
    prec: Prec,
}

fn leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in(y: i64, m: u32) -> u32 {
    match m {
        2 if leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    fn day(y: i64, m: u32, d: u32) -> Date {
        assert!((1..=12).contains(&m) && d >= 1 && d <= days_in(y, m), "{y}-{m}-{d}");
        Date { y, m, d, prec: Prec::Day }
    }

    fn month(y: i64, m: u32) -> Date {
        assert!((1..=12).contains(&m));
        Date { y, m, d: 1, prec: Prec::Month }
    }

    fn year(y: i64) -> Date {
        Date { y, m: 1, d: 1, prec: Prec::Year }
    }

    /// A random valid day in year `y` (days up to 28, so any month will do).
    fn random_in(r: &mut Rng, y: i64) -> Date {
        Date::day(y, r.range(1, 12) as u32, r.range(1, 28) as u32)
    }

    fn text(self) -> String {
        match self.prec {
            Prec::Day => format!("{} {} {}", self.d, MONTHS[self.m as usize - 1], self.y),
            Prec::Month => format!("{} {}", MONTHS[self.m as usize - 1], self.y),
            Prec::Year => self.y.to_string(),
        }
    }

    fn with_prec(self, prec: Prec) -> Date {
        Date { prec, ..self }
    }

    fn key(self, prec: Prec) -> (i64, u32, u32) {
        (self.y, if prec >= Prec::Month { self.m } else { 0 }, if prec == Prec::Day { self.d } else { 0 })
    }

    /// Order at the coarser of the two precisions (`June 2021` equals `21 June 2021`).
    fn cmp_coarse(self, other: Date) -> Ordering {
        let p = self.prec.min(other.prec);
        self.key(p).cmp(&other.key(p))
    }

    fn add_days(self, n: u32) -> Date {
        let (mut y, mut m, mut d) = (self.y, self.m, self.d + n);
        while d > days_in(y, m) {
            d -= days_in(y, m);
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
        }
        Date { y, m, d, prec: self.prec }
    }

    fn add_months(self, n: u32) -> Date {
        let total = self.y * 12 + (self.m as i64 - 1) + n as i64;
        let (y, m) = (total.div_euclid(12), total.rem_euclid(12) as u32 + 1);
        Date { y, m, d: self.d.min(days_in(y, m)), prec: self.prec }
    }
}

// ---------------------------------------------------------------------------------------
// What profiles are made of.

#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    Armenian,
    Russian,
    Ukrainian,
    Arabic,
    Persian,
    Spanish,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Lang {
    English,
    Spanish,
    French,
}

struct Country {
    name: &'static str,
    formal: &'static str,
    adj: &'static str,
    capital: &'static str,
    group: Group,
    lang: Lang,
    tld: &'static str,
}

const fn country(
    name: &'static str,
    formal: &'static str,
    adj: &'static str,
    capital: &'static str,
    group: Group,
    lang: Lang,
    tld: &'static str,
) -> Country {
    Country { name, formal, adj, capital, group, lang, tld }
}

const COUNTRIES: &[Country] = &[
    country(
        "Armenia",
        "the Republic of Armenia",
        "Armenian",
        "Yerevan",
        Group::Armenian,
        Lang::English,
        "am",
    ),
    country("Ukraine", "Ukraine", "Ukrainian", "Kyiv", Group::Ukrainian, Lang::English, "ua"),
    country("Russia", "the Russian Federation", "Russian", "Moscow", Group::Russian, Lang::English, "ru"),
    country("Iran", "the Islamic Republic of Iran", "Iranian", "Tehran", Group::Persian, Lang::English, "ir"),
    country("Afghanistan", "Afghanistan", "Afghan", "Kabul", Group::Persian, Lang::English, "af"),
    country(
        "Jordan",
        "the Hashemite Kingdom of Jordan",
        "Jordanian",
        "Amman",
        Group::Arabic,
        Lang::English,
        "jo",
    ),
    country("Egypt", "the Arab Republic of Egypt", "Egyptian", "Cairo", Group::Arabic, Lang::English, "eg"),
    country("Syria", "the Syrian Arab Republic", "Syrian", "Damascus", Group::Arabic, Lang::English, "sy"),
    country("Lebanon", "the Lebanese Republic", "Lebanese", "Beirut", Group::Arabic, Lang::French, "lb"),
    country("Morocco", "the Kingdom of Morocco", "Moroccan", "Rabat", Group::Arabic, Lang::French, "ma"),
    country(
        "Colombia",
        "the Republic of Colombia",
        "Colombian",
        "Bogotá",
        Group::Spanish,
        Lang::Spanish,
        "co",
    ),
    country("Peru", "the Republic of Peru", "Peruvian", "Lima", Group::Spanish, Lang::Spanish, "pe"),
    country("Chile", "the Republic of Chile", "Chilean", "Santiago", Group::Spanish, Lang::Spanish, "cl"),
    country("Ecuador", "the Republic of Ecuador", "Ecuadorian", "Quito", Group::Spanish, Lang::Spanish, "ec"),
    country(
        "Mexico",
        "the United Mexican States",
        "Mexican",
        "Mexico City",
        Group::Spanish,
        Lang::Spanish,
        "mx",
    ),
    country("Spain", "the Kingdom of Spain", "Spanish", "Madrid", Group::Spanish, Lang::Spanish, "es"),
];

const ARMENIAN: &[(&str, &str)] = &[
    ("Ararat", "Mirzoyan"),
    ("Suren", "Papikyan"),
    ("Nikol", "Pashinyan"),
    ("Armen", "Grigoryan"),
    ("Zohrab", "Mnatsakanyan"),
    ("Vahagn", "Khachaturyan"),
    ("Edmon", "Marukyan"),
    ("Davit", "Tonoyan"),
    ("Tigran", "Sargsyan"),
    ("Alen", "Simonyan"),
    ("Anahit", "Manasyan"),
    ("Vostanik", "Adoyan"),
    ("Ani", "Avetisyan"),
    ("Armen", "Yedigaryan"),
];
const RUSSIAN: &[(&str, &str)] = &[
    ("Sergei", "Lavrov"),
    ("Sergei", "Shoigu"),
    ("Maria", "Zakharova"),
    ("Dmitry", "Peskov"),
    ("Vasily", "Nebenzya"),
    ("Mikhail", "Ulyanov"),
    ("Alexander", "Grushko"),
    ("Dmitry", "Polyansky"),
    ("Vladimir", "Medinsky"),
    ("Andrei", "Rudenko"),
    ("Konstantin", "Gavrilov"),
    ("Leonid", "Slutsky"),
];
const UKRAINIAN: &[(&str, &str)] = &[
    ("Dmytro", "Kuleba"),
    ("Oleksii", "Reznikov"),
    ("Rustem", "Umerov"),
    ("Andrii", "Sybiha"),
    ("Denys", "Shmyhal"),
    ("Iryna", "Vereshchuk"),
    ("Oleksandr", "Kubrakov"),
    ("Ihor", "Klymenko"),
    ("Serhiy", "Kyslytsya"),
    ("Mykhailo", "Podolyak"),
    ("Volodymyr", "Zelensky"),
    ("Oleksandr", "Syrsky"),
];
const ARABIC: &[(&str, &str)] = &[
    ("Ayman", "Safadi"),
    ("Sameh", "Shoukry"),
    ("Faisal", "Mekdad"),
    ("Nasser", "Bourita"),
    ("Omar", "Hilale"),
    ("Bassam", "Sabbagh"),
    ("Yousef", "Huneiti"),
    ("Badr", "Abdelatty"),
    ("Riad", "Malki"),
    ("Najib", "Mikati"),
    ("Khaled", "Khiari"),
];
const PERSIAN: &[(&str, &str)] = &[
    ("Hossein", "Amir-Abdollahian"),
    ("Abbas", "Araghchi"),
    ("Kazem", "Gharibabadi"),
    ("Nasser", "Kanaani"),
    ("Esmaeil", "Baghaei"),
    ("Majid", "Takht-Ravanchi"),
    ("Saeid", "Iravani"),
    ("Javad", "Zarif"),
    ("Mohammad", "Mokhber"),
    ("Ali", "Shamkhani"),
];
const SPANISH: &[(&str, &str)] = &[
    ("Álvaro", "Leyva"),
    ("Iván", "Velásquez"),
    ("Alicia", "Bárcena"),
    ("Marcelo", "Ebrard"),
    ("Gustavo", "Petro"),
    ("Luis", "Murillo"),
    ("Andrés", "Ramírez"),
    ("Mónica", "Jiménez"),
    ("Ramón", "Jáuregui"),
    ("Sebastián", "Piñera"),
    ("Javier", "Olaechea"),
    ("Margarita", "Robles"),
    ("José", "Albares"),
    ("Carlos", "Holguín"),
];
/// Presidents of a treaty meeting: names with diacritics, in every profile.
const PRESIDENTS: &[(&str, &str)] = &[
    ("Hélène", "Duchêne"),
    ("Jérôme", "Bonnafont"),
    ("Félix", "Baumann"),
    ("Thomas", "Göbel"),
    ("Ángel", "Losada"),
    ("Björn", "Lindström"),
    ("María", "Fernández"),
    ("Raúl", "Castañeda"),
    ("François", "Rivasseau"),
    ("Inés", "Pérez"),
];
/// Foreign officials who comment on the profile's country: (given, surname, adjective,
/// role).
const FOREIGN: &[(&str, &str, &str, &str)] = &[
    ("Sergei", "Lavrov", "Russian", "Foreign Minister"),
    ("Maria", "Zakharova", "Russian", "Foreign Ministry spokeswoman"),
    ("Mikhail", "Ulyanov", "Russian", "Ambassador"),
    ("Dmitry", "Polyansky", "Russian", "Ambassador"),
    ("Dmytro", "Kuleba", "Ukrainian", "Foreign Minister"),
    ("Andrii", "Sybiha", "Ukrainian", "Foreign Minister"),
    ("Ayman", "Safadi", "Jordanian", "Foreign Minister"),
    ("Sameh", "Shoukry", "Egyptian", "Foreign Minister"),
    ("Nasser", "Bourita", "Moroccan", "Foreign Minister"),
    ("Hossein", "Amir-Abdollahian", "Iranian", "Foreign Minister"),
    ("Abbas", "Araghchi", "Iranian", "Foreign Minister"),
    ("Álvaro", "Leyva", "Colombian", "Foreign Minister"),
    ("Alicia", "Bárcena", "Mexican", "Foreign Minister"),
    ("Ararat", "Mirzoyan", "Armenian", "Foreign Minister"),
    ("Jeyhun", "Bayramov", "Azerbaijani", "Foreign Minister"),
    ("Hikmet", "Hajiyev", "Azerbaijani", "presidential aide"),
];

fn pool(group: Group) -> &'static [(&'static str, &'static str)] {
    match group {
        Group::Armenian => ARMENIAN,
        Group::Russian => RUSSIAN,
        Group::Ukrainian => UKRAINIAN,
        Group::Arabic => ARABIC,
        Group::Persian => PERSIAN,
        Group::Spanish => SPANISH,
    }
}

const ROLES: &[&str] = &[
    "Foreign Minister",
    "Deputy Foreign Minister",
    "{Defence} Minister",
    "Deputy {Defence} Minister",
    "Ambassador",
];

const OUTLETS: &[(&str, &str)] = &[
    ("Eurasianet", "eurasianet.example"),
    ("OC Media", "oc-media.example"),
    ("Reuters", "reuters.example"),
    ("Al Jazeera", "aljazeera.example"),
    ("Kyiv Independent", "kyivindependent.example"),
    ("Tehran Times", "tehrantimes.example"),
    ("El Tiempo", "eltiempo.example"),
    ("Jordan Times", "jordantimes.example"),
];

const ORDINALS: [&str; 10] = [
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
    "Twentieth",
    "Twenty-First",
    "Twenty-Second",
];

/// The Meeting of States Parties held in November of `y` (the 13th in 2015).
fn msp(y: i64) -> String {
    format!("{} Meeting of States Parties", ORDINALS[(y - 2015) as usize])
}

#[derive(Clone, Debug)]
struct Person {
    given: String,
    surname: String,
}

impl Person {
    fn full(&self) -> String {
        format!("{} {}", self.given, self.surname)
    }
}

// ---------------------------------------------------------------------------------------
// The generator: segments that remember what they are, rendered with their spans.

#[derive(Clone, Copy, Debug)]
enum Role {
    /// The date a reported statement was made; the note it cites carries this date. With
    /// the sentence's pattern, for the report.
    Statement(Date, &'static str),
    /// The date of an event the cited note reports; the note is dated this or later.
    Event(Date, &'static str),
    /// Any other date (accession, note dates, subject matter).
    Other,
}

enum Seg {
    T(String),
    /// A person: the full name or the surname alone.
    Name {
        p: usize,
        full: bool,
    },
    /// The author of a source two notes cite; `second` is the later note.
    Author {
        p: usize,
        second: bool,
    },
    Date {
        date: Date,
        role: Role,
    },
    Cite(usize),
}

#[derive(Default)]
struct S(Vec<Seg>);

fn s() -> S {
    S::default()
}

impl S {
    fn t(mut self, text: impl Into<String>) -> S {
        self.0.push(Seg::T(text.into()));
        self
    }
    fn full(mut self, p: usize) -> S {
        self.0.push(Seg::Name { p, full: true });
        self
    }
    fn sur(mut self, p: usize) -> S {
        self.0.push(Seg::Name { p, full: false });
        self
    }
    fn author(mut self, p: usize, second: bool) -> S {
        self.0.push(Seg::Author { p, second });
        self
    }
    fn date(mut self, date: Date, role: Role) -> S {
        self.0.push(Seg::Date { date, role });
        self
    }
    fn cite(mut self, note: usize) -> S {
        self.0.push(Seg::Cite(note));
        self
    }
}

struct Note {
    segs: S,
    ibid: bool,
    /// The note's own date (none for `Ibid.`).
    date: Option<Date>,
}

enum Block {
    Heading(&'static str),
    Para(Vec<S>),
}

#[derive(Clone, Debug)]
enum Anchor {
    Name { p: usize, full: bool, note: bool, surname: Range<usize> },
    Author { p: usize, second: bool, surname: Range<usize> },
    Date { date: Date, role: Role, note: bool },
    Cite { label: usize },
}

#[derive(Clone, Debug)]
struct NoteSite {
    label: usize,
    /// From the marker to the start of the next note (the whole entry and the blank line).
    span: Range<usize>,
    ibid: bool,
    cited: usize,
}

/// A clean profile and the places mutations can go.
struct Profile {
    seed: u64,
    text: String,
    people: Vec<Person>,
    anchors: Vec<(Range<usize>, Anchor)>,
    notes: Vec<NoteSite>,
    last_updated: Date,
}

struct Gen<'c> {
    r: Rng,
    c: &'c Country,
    people: Vec<Person>,
    notes: Vec<Note>,
    defence: &'static str,
    centre: &'static str,
    ly: i64,
}

impl Gen<'_> {
    fn note(&mut self, segs: S, date: Date) -> usize {
        self.notes.push(Note { segs, ibid: false, date: Some(date) });
        self.notes.len() - 1
    }

    fn ibid(&mut self) -> usize {
        self.notes.push(Note { segs: s().t("Ibid."), ibid: true, date: None });
        self.notes.len() - 1
    }

    fn add_person(&mut self, given: &str, surname: &str) -> Option<usize> {
        let key = fold(surname).to_lowercase();
        let clash = self.people.iter().any(|p| {
            let other = fold(&p.surname).to_lowercase();
            distance(&key, &other) <= 3 || p.given == surname || p.surname == given
        });
        if clash {
            return None;
        }
        self.people.push(Person { given: given.to_owned(), surname: surname.to_owned() });
        Some(self.people.len() - 1)
    }

    /// A person from `people` who does not look like anyone already in the profile.
    fn pick_person(&mut self, people: &[(&str, &str)]) -> usize {
        loop {
            let (g, s) = *self.r.pick(people);
            if let Some(p) = self.add_person(g, s) {
                return p;
            }
        }
    }

    fn year(&mut self, back_from: i64, back_to: i64) -> i64 {
        self.ly - self.r.range(back_from, back_to)
    }

    /// A random day in a year `back_from..=back_to` years before the last update's.
    fn date(&mut self, back_from: i64, back_to: i64) -> Date {
        let y = self.year(back_from, back_to);
        Date::random_in(&mut self.r, y)
    }

    fn role(&mut self, taken: &mut Vec<&'static str>) -> String {
        loop {
            let r = *self.r.pick(ROLES);
            if !taken.contains(&r) {
                taken.push(r);
                return r.replace("{Defence}", self.defence);
            }
        }
    }

    fn clause(&mut self) -> String {
        let c = self.c.name;
        let since = self.r.range(1995, 2012);
        let by = self.ly + self.r.range(1, 5);
        let clauses = [
            "the government values the treaty and its humanitarian aims".to_owned(),
            format!("{c} cannot join the treaty while the conflict over its border remains unresolved"),
            format!("the armed forces have not used antipersonnel mines since {since}"),
            format!("{c} supports the universalization of the treaty"),
            "no new mines had been laid along the border".to_owned(),
            format!("the remaining stockpile would be destroyed by {by}"),
            format!("a national mine action authority would be established in {by}"),
            "mine clearance remains a humanitarian priority for the government".to_owned(),
        ];
        self.r.pick(&clauses).clone()
    }
}

fn thousands(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

fn generate(seed: u64) -> Profile {
    let mut r = Rng::new(seed);
    let c = r.pick(COUNTRIES);
    let ly = r.range(2023, 2024);
    let last_updated = Date::random_in(&mut r, ly);
    let defence = if r.chance(50) { "Defence" } else { "Defense" };
    // A US-spelling profile says "Center"; the Lebanon Mine Action Center is named so.
    let centre =
        if c.name == "Lebanon" || (defence == "Defense" && r.chance(70)) { "Center" } else { "Centre" };
    let mut g = Gen { r, c, people: Vec::new(), notes: Vec::new(), defence, centre, ly };
    let (name, adj, cap, tld) = (c.name, c.adj, c.capital, c.tld);

    // The people: two officials of the country, a foreign official, a meeting's
    // President, and a journalist whose article two notes cite.
    let a = g.pick_person(pool(c.group));
    let b = g.pick_person(pool(c.group));
    let foreign: Vec<_> = FOREIGN.iter().filter(|f| f.2 != adj).collect();
    let (f, f_adj, f_role) = loop {
        let &&(gv, sn, fa, fr) = g.r.pick(&foreign);
        if let Some(p) = g.add_person(gv, sn) {
            break (p, fa, fr);
        }
    };
    let pr = g.pick_person(PRESIDENTS);
    let j = g.pick_person(pool(c.group));
    let mut taken = Vec::new();
    let (role_a, role_b) = (g.role(&mut taken), g.role(&mut taken));

    let mut blocks = Vec::new();

    // Accession (no citation).
    let acceded = Date::day(g.r.range(1997, 2003), g.r.range(1, 12) as u32, g.r.range(1, 28) as u32);
    let force = Date::day(acceded.add_months(6).y, acceded.add_months(6).m, 1);
    let intro = if g.r.chance(70) {
        s().t(format!("{} acceded to the Mine Ban Treaty on ", capitalise(c.formal)))
            .date(acceded, Role::Other)
            .t(" and became a State Party on ")
            .date(force, Role::Other)
            .t(".")
    } else {
        s().t(format!("{} has not acceded to the Mine Ban Treaty.", capitalise(c.formal)))
    };
    blocks.push(Block::Para(vec![intro]));

    // The country's statement (month in the sentence, day in the note), cited twice.
    let y = g.year(1, 6);
    let dc = Date::day(y, g.r.range(5, 6) as u32, g.r.range(1, 28) as u32);
    let by = g.ly + g.r.range(1, 5);
    let nc = g.note(
        s().t(format!("Statement of {name}, Mine Ban Treaty intersessional meetings, Geneva, "))
            .date(dc, Role::Other)
            .t("."),
        dc,
    );
    let mut p1 = vec![
        s().t("In ")
            .date(dc.with_prec(Prec::Month), Role::Statement(dc, "In <month>, <country> told the meetings"))
            .t(format!(", {name} told the intersessional meetings that it would complete clearance in {by}."))
            .cite(nc),
    ];
    if g.r.chance(60) {
        p1.push(s().t(format!("{name} repeated this commitment at the same meetings.")).cite(nc));
    }
    // Official A: a dated statement with the full name.
    let da = g.date(1, 6);
    let clause = g.clause();
    let (sentence, note) = match g.r.below(4) {
        0 => (
            s().t("On ")
                .date(da, Role::Statement(da, "On <day>, <official> stated/said"))
                .t(format!(", {role_a} "))
                .full(a),
            s().t("Interview with ")
                .full(a)
                .t(format!(", {role_a}, {name} Ministry of Foreign Affairs, {cap}, "))
                .date(da, Role::Other)
                .t("."),
        ),
        1 => (
            s().t(format!("{role_a} "))
                .full(a)
                .t(" told reporters on ")
                .date(da, Role::Statement(da, "<official> told reporters on <day>")),
            s().t(format!("{name} Ministry of Foreign Affairs, “{role_a} "))
                .full(a)
                .t(" meets the ICBL delegation,” ")
                .date(da, Role::Other)
                .t(format!(", https://mfa.{tld}.example/news/{}-{}-{}.", da.y, da.m, da.d)),
        ),
        2 => (
            s().t("In ")
                .date(da.with_prec(Prec::Month), Role::Statement(da, "In <month>, <official> stated/said"))
                .t(format!(", {role_a} "))
                .full(a),
            s().t("Email from ")
                .full(a)
                .t(format!(", {role_a}, {name} Ministry of Foreign Affairs, "))
                .date(da, Role::Other)
                .t("."),
        ),
        _ => (
            s().t("On ")
                .date(da, Role::Statement(da, "On <day>, <official> stated/said"))
                .t(format!(", {role_a} "))
                .full(a),
            s().t("Statement by ")
                .full(a)
                .t(format!(", {role_a}, Mine Ban Treaty intersessional meetings, Geneva, "))
                .date(da, Role::Other)
                .t("."),
        ),
    };
    let verb = if g.r.chance(50) { " stated that " } else { " said that " };
    let na = g.note(note, da);
    let mut sentence = sentence;
    if !matches!(sentence.0.last(), Some(Seg::Date { .. })) {
        sentence = sentence.t(verb);
    } else {
        sentence = sentence.t(" that ");
    }
    p1.push(sentence.t(format!("{clause}.")).cite(na));
    g.r.shuffle(&mut p1[..]);
    // Keep the country's first citation of its statement before the repeat.
    p1.sort_by_key(|sen| {
        sen.0.iter().any(|seg| matches!(seg, Seg::T(t) if t.contains("repeated this commitment")))
    });
    blocks.push(Block::Para(p1));

    // The foreign official.
    let df = g.date(1, 5);
    let fclause = g.r.pick(&[
        "had laid new mines along the border",
        "was hiding the size of its stockpile",
        "had not shared its minefield maps",
    ]);
    let nf = g.note(
        s().t(format!("{f_adj} Ministry of Foreign Affairs, “Remarks by {} ", capitalise(f_role)))
            .full(f)
            .t(",” ")
            .date(df, Role::Other)
            .t(format!(", https://mfa.example/{}/remarks-{}.", df.y, df.m * 100 + df.d)),
        df,
    );
    let df2 = df.add_days(g.r.range(3, 40) as u32);
    let (outlet, domain) = *g.r.pick(OUTLETS);
    let nf2 = g
        .note(s().t("Interview with ").full(f).t(format!(", {outlet}, ")).date(df2, Role::Other).t("."), df2);
    let f_lone = if g.r.chance(50) {
        s().sur(f).t(" did not say where the mines had been found.").cite(nf2)
    } else {
        s().t("According to ").sur(f).t(", the claim rested on reports from the border districts.").cite(nf2)
    };
    blocks.push(Block::Para(vec![
        s().t("On ")
            .date(df, Role::Statement(df, "On <day>, <foreign official> said"))
            .t(format!(", {f_adj} {f_role} "))
            .full(f)
            .t(format!(" said that {name} {fclause}."))
            .cite(nf),
        f_lone,
    ]));

    blocks.push(Block::Heading(if g.r.chance(50) {
        "Production, transfer, and stockpiling"
    } else {
        "Stockpile destruction"
    }));
    // Stockpile destruction: an event in a month, reported the next year.
    let ye = g.year(2, 6);
    let ev = Date::month(ye, g.r.range(1, 12) as u32);
    let report = Date::day(ye + 1, 4, 30);
    let form = if g.r.chance(50) { format!(" (for calendar year {ye})") } else { String::new() };
    let ne1 = g.note(
        s().t(format!("{name}, Mine Ban Treaty Article 7 Report{form}, Form F, "))
            .date(report, Role::Other)
            .t("."),
        report,
    );
    let mines = thousands(g.r.range(120, 9000));
    let e1 = s()
        .t(format!("{name} destroyed {mines} stockpiled antipersonnel mines in "))
        .date(ev, Role::Event(report, "<country> destroyed mines in <month>"))
        .t(".")
        .cite(ne1);
    // Official B: a letter, then the surname alone citing `Ibid.` or an interview.
    let db = g.date(1, 6);
    let clause = g.clause();
    let nb = g.note(
        s().t("Letter from ")
            .full(b)
            .t(format!(", {role_b}, {name} Ministry of Foreign Affairs, "))
            .date(db, Role::Other)
            .t("."),
        db,
    );
    let mut b_sentences = vec![
        s().t("In a letter to the Monitor dated ")
            .date(db, Role::Statement(db, "In a letter dated <day>, <official> said"))
            .t(format!(", {role_b} "))
            .full(b)
            .t(format!(" said that {clause}."))
            .cite(nb),
    ];
    let finish = g.ly + g.r.range(1, 4);
    if g.r.chance(60) {
        let ib = g.ibid();
        b_sentences.push(
            s().t("According to ")
                .sur(b)
                .t(format!(", the ministry plans to finish the technical survey by {finish}."))
                .cite(ib),
        );
    } else {
        let db2 = g.date(1, 5);
        let nb2 = g.note(
            s().t("Interview with ").full(b).t(format!(", {role_b}, {cap}, ")).date(db2, Role::Other).t("."),
            db2,
        );
        b_sentences
            .push(s().sur(b).t(format!(" said that the technical survey would end in {finish}.")).cite(nb2));
    }
    let mut p3 = Vec::new();
    if g.r.chance(50) {
        p3.push(e1);
        p3.extend(b_sentences);
    } else {
        p3.extend(b_sentences);
        p3.push(e1);
    }
    blocks.push(Block::Para(p3));

    blocks.push(Block::Heading("Mine clearance"));
    // Clearance in a year, reported the next.
    let ye2 = g.year(2, 6);
    let rep2 = Date::day(ye2 + 1, g.r.range(1, 4) as u32, g.r.range(1, 28) as u32);
    let ne2 = g.note(
        s().t(format!("{adj} National Mine Action {centre}, “Annual report {ye2},” "))
            .date(rep2, Role::Other)
            .t(format!(", https://nmac.{tld}.example/report-{ye2}.pdf.")),
        rep2,
    );
    let km = format!("{}.{}", g.r.range(1, 40), g.r.range(1, 9));
    let mut p4 = vec![
        s().t("In ")
            .date(Date::year(ye2), Role::Event(rep2, "In <year>, <country> cleared land"))
            .t(format!(", {name} cleared {km} square kilometers of contaminated land."))
            .cite(ne2),
    ];
    // An organisation named in Spanish or French in the note, in English in the prose.
    let ye4 = g.year(2, 6);
    let rep4 = Date::day(ye4 + 1, g.r.range(1, 6) as u32, g.r.range(1, 28) as u32);
    let (foreign_name, english, title, lead) = translated_org(&mut g, ye4);
    let n4 = g.note(
        s().t(format!("{foreign_name} ({english}), “{title},” "))
            .date(rep4, Role::Other)
            .t(format!(", https://www.{}.example/{ye4}.", tld)),
        rep4,
    );
    p4.push(
        s().t(lead)
            .date(Date::year(ye4), Role::Event(rep4, "According to the <org>, … in <year>"))
            .t(".")
            .cite(n4),
    );
    // A date that is the subject matter: a plan, after the note's date.
    if g.r.chance(80) {
        let dp = g.date(1, 4);
        let expected = g.ly + g.r.range(1, 4);
        let np = g.note(
            s().t(format!("{adj} National Mine Action {centre}, “Draft national strategy,” "))
                .date(dp, Role::Other)
                .t("."),
            dp,
        );
        let sentence = if g.r.chance(50) {
            format!("A new national mine action strategy is expected in {expected}.")
        } else {
            format!("The {centre} plans to finish the national survey by {expected}.")
        };
        p4.push(s().t(sentence).cite(np));
    }
    blocks.push(Block::Para(p4));

    // Official A by surname alone; the Meeting of States Parties and its President.
    let mut p5 = Vec::new();
    let da2 = g.date(1, 6);
    let clause = g.clause();
    if g.r.chance(50) {
        let n = g.note(
            s().t("Email from ")
                .full(a)
                .t(format!(", {role_a}, {name} Ministry of Foreign Affairs, "))
                .date(da2, Role::Other)
                .t("."),
            da2,
        );
        p5.push(
            s().t("In ")
                .date(
                    da2.with_prec(Prec::Month),
                    Role::Statement(da2, "In <month>, <surname> told the Monitor"),
                )
                .t(", ")
                .sur(a)
                .t(format!(" told the Monitor that {clause}."))
                .cite(n),
        );
    } else {
        let n = g.note(
            s().t("Interview with ").full(a).t(format!(", {role_a}, {cap}, ")).date(da2, Role::Other).t("."),
            da2,
        );
        p5.push(s().t("According to ").sur(a).t(format!(", {clause}.")).cite(n));
    }
    let ym = g.year(1, 6);
    let dm = Date::day(ym, 11, g.r.range(15, 28) as u32);
    let nm =
        g.note(s().t(format!("Statement of {name}, {}, Geneva, ", msp(ym))).date(dm, Role::Other).t("."), dm);
    p5.push(
        s().t(format!("{name} attended the {} in Geneva in ", msp(ym)))
            .date(dm.with_prec(Prec::Month), Role::Event(dm, "<country> attended the MSP in <month>"))
            .t(".")
            .cite(nm),
    );
    let yp = g.year(1, 6);
    let dp = Date::day(yp, 11, g.r.range(15, 28) as u32);
    let np = g.note(
        s().t("Statement by Ambassador ")
            .full(pr)
            .t(format!(", President of the {}, Geneva, ", msp(yp)))
            .date(dp, Role::Other)
            .t("."),
        dp,
    );
    p5.push(
        s().t(format!("At the {} in ", msp(yp)))
            .date(dp.with_prec(Prec::Month), Role::Other)
            .t(", its President, Ambassador ")
            .full(pr)
            .t(format!(", called on {name} to do more.")),
    );
    // The citation goes after the sentence: the mention is the sentence's.
    p5.last_mut().unwrap().0.push(Seg::Cite(np));
    let dp2 = dp.add_days(g.r.range(20, 90) as u32);
    let np2 = g.note(
        s().t("Letter from Ambassador ")
            .full(pr)
            .t(format!(" to the {name} Ministry of Foreign Affairs, "))
            .date(dp2, Role::Other)
            .t("."),
        dp2,
    );
    p5.push(
        s().sur(pr)
            .t(format!(" wrote to the {adj} government again in "))
            .date(dp2.with_prec(Prec::Month), Role::Event(dp2, "<surname> wrote again in <month>"))
            .t(".")
            .cite(np2),
    );
    blocks.push(Block::Para(p5));

    blocks.push(Block::Heading(if g.r.chance(50) { "Casualties" } else { "Use" }));
    // An event on a day, reported a few days later.
    let de = g.date(1, 5);
    let dr = de.add_days(g.r.range(0, 3) as u32);
    let (outlet3, domain3) = *g.r.pick(OUTLETS);
    let ne3 = g.note(
        s().t(format!("{outlet3}, “Deminers destroy antitank mines near {cap},” "))
            .date(dr, Role::Other)
            .t(format!(", https://{domain3}/{}/{}/mines-{}.", dr.y, dr.m, tld)),
        dr,
    );
    let mut p6 = vec![
        s().t("On ")
            .date(de, Role::Event(dr, "On <day>, deminers destroyed mines"))
            .t(format!(", deminers found and destroyed {} antitank mines near {cap}.", g.r.range(3, 90)))
            .cite(ne3),
    ];
    // A news article two notes cite, by the journalist.
    let ys = g.year(1, 5);
    let injured = Date::month(ys, g.r.range(1, 11) as u32);
    let published = Date::day(ys, injured.m + g.r.range(0, 1) as u32, g.r.range(1, 28) as u32);
    let title = format!("Mine incidents in the border districts of {name}");
    let url = format!("https://{domain}/{ys}/{}/mine-incidents", published.m);
    let first = s()
        .author(j, false)
        .t(format!(", “{title},” {outlet}, "))
        .date(published, Role::Other)
        .t(format!(", {url}."));
    let second = match g.r.below(3) {
        0 => s()
            .author(j, true)
            .t(format!(", “{title},” {outlet}, "))
            .date(published, Role::Other)
            .t(format!(", {url}.")),
        1 => s().author(j, true).t(format!(", “{title},” {outlet}, ")).date(published, Role::Other).t("."),
        _ => {
            s().author(j, true).t(format!(", {outlet}, ")).date(published, Role::Other).t(format!(", {url}."))
        }
    };
    let ns1 = g.note(first, published);
    let ns2 = g.note(second, published);
    p6.push(
        s().t(format!("Local media reported that {} civilians were injured by mines in ", g.r.range(2, 40)))
            .date(injured, Role::Event(published, "Local media reported injuries in <month>"))
            .t(".")
            .cite(ns1),
    );
    blocks.push(Block::Para(p6));
    blocks.push(Block::Para(vec![
        s().t(format!("There have been no confirmed reports of new mine use by {adj} forces.")).cite(nm),
        s().t("The same article found that most of the victims were farmers.").cite(ns2),
    ]));

    render(seed, g, blocks, last_updated)
}

/// A ministry or organisation's name in Spanish or French, its English name, a report
/// title, and a sentence that cites the report up to the year it reports on.
fn translated_org(g: &mut Gen, y: i64) -> (String, String, String, String) {
    let defence = g.defence;
    let hectares = thousands(g.r.range(40, 3000));
    let land =
        |english: &str| format!("According to the {english}, {hectares} hectares of land were released in ");
    match g.c.lang {
        Lang::Spanish => {
            let orgs = [
                ("Ministerio de Defensa".to_owned(), format!("Ministry of {defence}")),
                ("Ministerio de Relaciones Exteriores".to_owned(), "Ministry of Foreign Affairs".to_owned()),
            ];
            let (es, en) = g.r.pick(&orgs).clone();
            let lead = land(&en);
            (es, en, format!("Informe de gestión {y}"), lead)
        }
        Lang::French => {
            let mut orgs = vec![
                ("Ministère de la Défense".to_owned(), format!("Ministry of {defence}")),
                ("Ministère des Affaires étrangères".to_owned(), "Ministry of Foreign Affairs".to_owned()),
            ];
            if g.c.name == "Lebanon" {
                orgs.push((
                    "Centre libanais d’action contre les mines".to_owned(),
                    "Lebanon Mine Action Center".to_owned(),
                ));
            }
            let (fr, en) = g.r.pick(&orgs).clone();
            let lead = land(&en);
            (fr, en, format!("Rapport annuel {y}"), lead)
        }
        Lang::English => {
            let (injured, treated) = (g.r.range(3, 90), g.r.range(3, 90));
            let mut orgs = vec![
                (
                    "Comité international de la Croix-Rouge",
                    "International Committee of the Red Cross",
                    format!(
                        "According to the International Committee of the Red Cross, {injured} people were injured by mines in "
                    ),
                ),
                (
                    "Médecins Sans Frontières",
                    "Doctors Without Borders",
                    format!("Doctors Without Borders treated {treated} mine survivors in "),
                ),
            ];
            // The GICHD's English name says "Centre": a profile that writes "Center"
            // elsewhere does not cite it, as a mix of the two spellings is worth a look.
            if g.centre == "Centre" {
                let en = "Geneva International Centre for Humanitarian Demining";
                orgs.push(("Centre international de déminage humanitaire de Genève", en, land(en)));
            }
            let (fr, en, lead) = g.r.pick(&orgs).clone();
            (fr.to_owned(), en.to_owned(), format!("Mine action in {} {y}", g.c.name), lead)
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn render(seed: u64, g: Gen, blocks: Vec<Block>, last_updated: Date) -> Profile {
    let Gen { mut r, c, people, notes, .. } = g;
    // Labels in order of first citation.
    let mut label_of: HashMap<usize, usize> = HashMap::new();
    let mut cited: HashMap<usize, usize> = HashMap::new();
    for block in &blocks {
        if let Block::Para(sentences) = block {
            for seg in sentences.iter().flat_map(|s| &s.0) {
                if let Seg::Cite(n) = seg {
                    let next = label_of.len() + 1;
                    label_of.entry(*n).or_insert(next);
                    *cited.entry(*n).or_default() += 1;
                }
            }
        }
    }
    assert_eq!(label_of.len(), notes.len(), "seed {seed}: every note is cited");
    for (i, note) in notes.iter().enumerate() {
        if note.ibid {
            assert!(i > 0 && label_of[&i] == label_of[&(i - 1)] + 1, "seed {seed}: Ibid. follows its note");
        }
        if let Some(d) = note.date {
            assert_ne!(d.cmp_coarse(last_updated), Ordering::Greater, "seed {seed}: note after Last updated");
        }
    }

    let titles = [
        "Mine Ban Policy".to_owned(),
        format!("Landmine Policy of {}", c.formal),
        format!("{}: Mine Ban Policy", c.name),
        "Mine Action and Mine Ban Policy".to_owned(),
    ];
    let mut text = format!("{}\n\nLast updated: {}\n\n\n", r.pick(&titles), last_updated.text());
    let mut anchors = Vec::new();
    let write = |text: &mut String, anchors: &mut Vec<(Range<usize>, Anchor)>, segs: &S, note: bool| {
        for seg in &segs.0 {
            let start = text.len();
            match seg {
                Seg::T(t) => text.push_str(t),
                Seg::Name { p, full } => {
                    let person = &people[*p];
                    if *full {
                        text.push_str(&person.given);
                        text.push(' ');
                    }
                    let at = text.len();
                    text.push_str(&person.surname);
                    let surname = at..text.len();
                    anchors.push((start..text.len(), Anchor::Name { p: *p, full: *full, note, surname }));
                }
                Seg::Author { p, second } => {
                    let person = &people[*p];
                    text.push_str(&person.given);
                    text.push(' ');
                    let at = text.len();
                    text.push_str(&person.surname);
                    let surname = at..text.len();
                    anchors.push((start..text.len(), Anchor::Author { p: *p, second: *second, surname }));
                }
                Seg::Date { date, role } => {
                    text.push_str(&date.text());
                    anchors.push((start..text.len(), Anchor::Date { date: *date, role: *role, note }));
                }
                Seg::Cite(n) => {
                    write!(text, "[{}]", label_of[n]).unwrap();
                    anchors.push((start..text.len(), Anchor::Cite { label: label_of[n] }));
                }
            }
        }
    };
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            text.push_str("\n\n");
        }
        match block {
            Block::Heading(h) => text.push_str(h),
            Block::Para(sentences) => {
                for (k, sentence) in sentences.iter().enumerate() {
                    if k > 0 {
                        text.push(' ');
                    }
                    write(&mut text, &mut anchors, sentence, false);
                }
            }
        }
    }
    text.push_str("\n\n");
    let mut order: Vec<usize> = (0..notes.len()).collect();
    order.sort_by_key(|n| label_of[n]);
    let mut sites = Vec::new();
    for (k, &n) in order.iter().enumerate() {
        let start = text.len();
        write!(text, "[{}] ", label_of[&n]).unwrap();
        write(&mut text, &mut anchors, &notes[n].segs, true);
        text.push_str(if k + 1 == order.len() { "\n" } else { "\n\n" });
        sites.push(NoteSite {
            label: label_of[&n],
            span: start..text.len(),
            ibid: notes[n].ibid,
            cited: cited[&n],
        });
    }
    Profile { seed, text, people, anchors, notes: sites, last_updated }
}

// ---------------------------------------------------------------------------------------
// Spelling helpers.

fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            'Á' | 'À' | 'Â' | 'Ä' | 'Å' => 'A',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'Í' | 'Î' => 'I',
            'Ó' | 'Ö' | 'Ø' => 'O',
            'Ú' | 'Ü' => 'U',
            'Ñ' => 'N',
            other => other,
        })
        .collect()
}

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb)).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// One letter replaced, added or dropped, never the first (the rule's documented anchor:
/// variants start alike), never a mere diacritic change, and never a form the rule
/// documents as another word (see [`documented_other_word`]). Says where the edit is.
fn typo(r: &mut Rng, word: &str) -> (String, String) {
    let chars: Vec<char> = word.chars().collect();
    let inner: Vec<usize> = (1..chars.len()).filter(|&i| chars[i].is_lowercase()).collect();
    loop {
        let i = *r.pick(&inner);
        let letter = (b'a' + r.below(26) as u8) as char;
        let mut out = chars.clone();
        let (op, at) = match r.below(3) {
            0 => {
                if fold(&chars[i].to_string()) == letter.to_string() {
                    continue;
                }
                out[i] = letter;
                ("replaced", i)
            }
            1 => {
                if chars.len() <= 4 {
                    continue;
                }
                out.remove(i);
                ("dropped", i)
            }
            _ => {
                let at = if r.chance(20) { chars.len() } else { i };
                out.insert(at, letter);
                ("added", at)
            }
        };
        let out: String = out.into_iter().collect();
        if out == word || documented_other_word(word, &out) {
            continue;
        }
        let place = if at + 1 >= chars.len() { ", last letter" } else { "" };
        return (out, format!("{op}{place}"));
    }
}

/// Whether `a` and `b` are a pair name-mismatch documents as two words, which it never
/// flags: one the other with an ending added (a vowel, `s` or `n` at the end: plurals,
/// gendered surnames and demonyms, `Aliyev` / `Aliyeva`, `Armenia` / `Armenian`), or the
/// last vowel replaced by another (`Kowalski` / `Kowalska`, `Marina` / `Marine`).
fn documented_other_word(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let vowel = |c: char| "aeiouy".contains(c);
    let (ca, cb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (long, short) = if ca.len() > cb.len() { (&ca, &cb) } else { (&cb, &ca) };
    let ending_added = long.len() == short.len() + 1
        && long.starts_with(short)
        && (vowel(long[short.len()]) || matches!(long[short.len()], 's' | 'n'));
    let ending_swap = ca.len() == cb.len()
        && ca[..ca.len() - 1] == cb[..cb.len() - 1]
        && vowel(ca[ca.len() - 1])
        && vowel(cb[cb.len() - 1]);
    ending_added || ending_swap
}

/// Every single transliteration change of `word`: (what, result).
fn transliterations(word: &str) -> Vec<(&'static str, String)> {
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    let vowel = |c: char| "aeiou".contains(c);
    let mut out = Vec::new();
    let with = |i: usize, del: usize, ins: &str| -> String {
        let mut s: String = chars[..i].iter().collect();
        s.push_str(ins);
        s.extend(&chars[i + del..]);
        s
    };
    if word.ends_with("yan") {
        out.push(("-yan→-ian", with(n - 3, 3, "ian")));
    } else if word.ends_with("ian") {
        out.push(("-ian→-yan", with(n - 3, 3, "yan")));
    }
    if word.ends_with("sky") {
        out.push(("-sky→-ski", with(n - 3, 3, "ski")));
    }
    for i in 1..n {
        let c = chars[i];
        let prev = chars[i - 1];
        let next = chars.get(i + 1).copied();
        if c == 'k' && next != Some('h') {
            out.push(("k→g", with(i, 1, "g")));
        }
        if c == 'g' && next != Some('h') {
            out.push(("g→k", with(i, 1, "k")));
        }
        if c == 's' && prev != 's' && next != Some('s') && next != Some('h') && prev != '-' {
            out.push(("s→ss", with(i, 1, "ss")));
        }
        if c == 's' && next == Some('s') {
            out.push(("ss→s", with(i, 1, "")));
        }
        // `y→i` inside the word (`-yan→-ian` and `-sky→-ski` are their own).
        if c == 'y' && i + 3 != n && i + 1 != n {
            out.push(("y→i", with(i, 1, "i")));
        }
        // A vowel dropped inside the word, not in its first two letters (`Abdollahian` /
        // `Abdolahian`), leaving five letters or more.
        if vowel(c) && i >= 2 && i + 1 < n && n > 5 && prev != '-' && chars[i + 1] != '-' {
            out.push(("vowel dropped", with(i, 1, "")));
        }
    }
    out.retain(|(_, w)| w != word);
    out
}

/// A transliteration variant: one change, or two of different kinds (two edits or more;
/// only in words of six letters or more: two changes in five letters make another name).
/// The kind of change is drawn first, then its place, so that the kinds with many places
/// (a dropped vowel) do not crowd out the others.
fn transliterate(r: &mut Rng, word: &str, changes: usize, first: Option<&str>) -> Option<(String, String)> {
    fn pick_kind(
        r: &mut Rng,
        options: Vec<(&'static str, String)>,
        not: &str,
    ) -> Option<(&'static str, String)> {
        let mut kinds: Vec<&str> = options.iter().map(|(k, _)| *k).filter(|k| *k != not).collect();
        kinds.sort_unstable();
        kinds.dedup();
        if kinds.is_empty() {
            return None;
        }
        let kind = *r.pick(&kinds);
        let of_kind: Vec<_> = options.into_iter().filter(|(k, _)| *k == kind).collect();
        Some(r.pick(&of_kind).clone())
    }
    if changes == 2 && word.chars().count() < 6 {
        return None;
    }
    for _ in 0..20 {
        let options =
            transliterations(word).into_iter().filter(|(k, _)| first.is_none_or(|f| f == *k)).collect();
        let (what, once) = pick_kind(r, options, "")?;
        if changes == 1 {
            return Some((once, what.to_owned()));
        }
        let Some((what2, twice)) = pick_kind(r, transliterations(&once), what) else { continue };
        if distance(&twice.to_lowercase(), &word.to_lowercase()) >= 2 {
            return Some((twice, format!("{what} + {what2}")));
        }
    }
    None
}

// ---------------------------------------------------------------------------------------
// Mutations.

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    DeleteNote,
    TypoFullName,
    TypoLoneSurname,
    TranslitOne,
    TranslitTwo,
    StatementDate,
    EventAfterNote,
    DuplicateNote,
    UncitedNote,
    ImpossibleDate,
    Diacritics,
    SameSourceAuthor,
}

const KINDS: [Kind; 12] = [
    Kind::DeleteNote,
    Kind::TypoFullName,
    Kind::TypoLoneSurname,
    Kind::TranslitOne,
    Kind::TranslitTwo,
    Kind::StatementDate,
    Kind::EventAfterNote,
    Kind::DuplicateNote,
    Kind::UncitedNote,
    Kind::ImpossibleDate,
    Kind::Diacritics,
    Kind::SameSourceAuthor,
];

impl Kind {
    fn rule(self) -> &'static str {
        match self {
            Kind::DeleteNote => "missing-footnote",
            Kind::DuplicateNote => "duplicate-footnote",
            Kind::UncitedNote => "unused-footnote",
            Kind::StatementDate | Kind::EventAfterNote => "date-mismatch",
            Kind::ImpossibleDate => "invalid-date",
            _ => "name-mismatch",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::DeleteNote => "a  cited note deleted",
            Kind::TypoFullName => "b1 surname typo, full name",
            Kind::TypoLoneSurname => "b2 surname typo, standing alone",
            Kind::TranslitOne => "c1 transliteration, 1 change",
            Kind::TranslitTwo => "c2 transliteration, 2 changes",
            Kind::StatementDate => "d  statement date changed",
            Kind::EventAfterNote => "e  event after its note",
            Kind::DuplicateNote => "f  note number duplicated",
            Kind::UncitedNote => "g  only citation removed",
            Kind::ImpossibleDate => "h  impossible date",
            Kind::Diacritics => "i  diacritics dropped",
            Kind::SameSourceAuthor => "j  same source, author respelled",
        }
    }
}

#[derive(Clone, Debug)]
enum Target {
    /// A finding naming this footnote label.
    Label(usize),
    /// A finding whose span overlaps this; with `related`, a related span counts too.
    Span { span: Range<usize>, related: bool },
}

struct Mutant {
    kind: Kind,
    seed: u64,
    text: String,
    target: Target,
    /// What was changed, for the report.
    what: String,
    /// The sort of change and place, for the report's breakdown of each kind.
    tag: String,
}

fn splice(text: &str, at: Range<usize>, new: &str) -> (String, Range<usize>) {
    let mut out = String::with_capacity(text.len() + new.len());
    out.push_str(&text[..at.start]);
    out.push_str(new);
    out.push_str(&text[at.end..]);
    (out, at.start..at.start + new.len())
}

/// The line of `text` around `span` (a sentence's paragraph can be long: a window).
fn context(text: &str, span: &Range<usize>) -> String {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..].find('\n').map_or(text.len(), |i| span.end + i);
    let mut from = line_start.max(span.start.saturating_sub(90));
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let mut to = line_end.min(span.end + 90);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    format!(
        "{}{}⟦{}⟧{}{}",
        if from > line_start { "…" } else { "" },
        &text[from..span.start],
        &text[span.clone()],
        &text[span.end..to],
        if to < line_end { "…" } else { "" }
    )
}

fn mutants(p: &Profile) -> Vec<Mutant> {
    let mut out = Vec::new();
    for kind in KINDS {
        let mut r = Rng::new(p.seed * 1000 + kind as u64 + 1);
        let mut seen = HashSet::new();
        for _ in 0..PER_KIND * 4 {
            if seen.len() >= PER_KIND {
                break;
            }
            if let Some(m) = mutate(p, kind, &mut r)
                && seen.insert(m.text.clone())
            {
                out.push(m);
            }
        }
    }
    out
}

fn mutate(p: &Profile, kind: Kind, r: &mut Rng) -> Option<Mutant> {
    let text = &p.text;
    let mutant = |text: String, target: Target, tag: String, what: String| {
        Some(Mutant { kind, seed: p.seed, text, target, what, tag })
    };
    let names = |want: &dyn Fn(&Anchor) -> bool| -> Vec<(Range<usize>, Anchor)> {
        p.anchors.iter().filter(|(_, a)| want(a)).cloned().collect()
    };
    match kind {
        Kind::DeleteNote => {
            // Not a note an `Ibid.` repeats: deleting it is also ambiguous-ibid's finding.
            let sites: Vec<_> = p
                .notes
                .iter()
                .enumerate()
                .filter(|(i, _)| !p.notes.get(i + 1).is_some_and(|n| n.ibid))
                .map(|(_, n)| n)
                .collect();
            let n = *r.pick(&sites);
            let (t, _) = splice(text, n.span.clone(), "");
            let tag = if n.cited > 1 { "a note cited twice" } else { "a note cited once" };
            mutant(t, Target::Label(n.label), tag.to_owned(), format!("deleted note [{}]", n.label))
        }
        Kind::TypoFullName | Kind::TypoLoneSurname | Kind::TranslitOne | Kind::TranslitTwo => {
            let full = match kind {
                Kind::TypoFullName => Some(true),
                Kind::TypoLoneSurname => Some(false),
                _ => None,
            };
            let mut sites = names(
                &|a| matches!(a, Anchor::Name { note: false, full: f, .. } if full.is_none_or(|w| w == *f)),
            );
            // A transliteration: its kind first (from those the names allow), then a name
            // that allows it, so that every kind is tried, not mostly dropped vowels.
            let surname_of = |a: &Anchor| match a {
                Anchor::Name { surname, .. } => text[surname.clone()].to_owned(),
                _ => unreachable!(),
            };
            let mut first = None;
            if full.is_none() {
                let mut kinds: Vec<&str> = sites
                    .iter()
                    .flat_map(|(_, a)| transliterations(&surname_of(a)))
                    .map(|(k, _)| k)
                    .collect();
                kinds.sort_unstable();
                kinds.dedup();
                let kind = *r.pick(&kinds);
                sites.retain(|(_, a)| transliterations(&surname_of(a)).iter().any(|(k, _)| *k == kind));
                first = Some(kind);
            }
            let (_, Anchor::Name { surname, full, .. }) = r.pick(&sites).clone() else { unreachable!() };
            let old = &text[surname.clone()];
            let (new, how) = match kind {
                Kind::TypoFullName | Kind::TypoLoneSurname => {
                    let (w, op) = typo(r, old);
                    (w, format!("one letter {op}"))
                }
                Kind::TranslitOne => transliterate(r, old, 1, first)?,
                _ => transliterate(r, old, 2, first)?,
            };
            let (t, span) = splice(text, surname, &new);
            let place = if full { "full name" } else { "surname alone" };
            mutant(
                t.clone(),
                Target::Span { span: span.clone(), related: false },
                format!("{how}, {place}"),
                format!("{old} → {new} ({how}, {place}): {}", context(&t, &span)),
            )
        }
        Kind::StatementDate => {
            let sites = names(&|a| matches!(a, Anchor::Date { role: Role::Statement(..), note: false, .. }));
            let (span, Anchor::Date { date, role: Role::Statement(noted, pattern), .. }) =
                r.pick(&sites).clone()
            else {
                unreachable!()
            };
            let (new, changed) = loop {
                let candidate = match (date.prec, r.below(3)) {
                    (Prec::Day, 0) => (Date { d: r.range(1, 28) as u32, ..date }, "day"),
                    (Prec::Day | Prec::Month, 1) => {
                        (Date { m: r.range(1, 12) as u32, d: date.d.min(28), ..date }, "month")
                    }
                    _ => (Date { y: date.y - r.range(1, 2), d: date.d.min(28), ..date }, "year"),
                };
                if candidate.0.cmp_coarse(noted) != Ordering::Equal {
                    break candidate;
                }
            };
            let (t, span) = splice(text, span, &new.text());
            mutant(
                t.clone(),
                Target::Span { span: span.clone(), related: false },
                format!("{pattern}, {changed} changed"),
                format!("{} → {} (note: {}): {}", date.text(), new.text(), noted.text(), context(&t, &span)),
            )
        }
        Kind::EventAfterNote => {
            let sites = names(&|a| matches!(a, Anchor::Date { role: Role::Event(..), note: false, .. }));
            let (span, Anchor::Date { date, role: Role::Event(noted, pattern), .. }) = r.pick(&sites).clone()
            else {
                unreachable!()
            };
            let new = match date.prec {
                Prec::Year => Date::year(noted.y + r.range(1, 2)),
                Prec::Month => {
                    let base = if noted.prec >= Prec::Month {
                        Date::month(noted.y, noted.m)
                    } else {
                        Date::month(noted.y, 12)
                    };
                    base.add_months(r.range(1, 3) as u32)
                }
                Prec::Day => noted.add_days(r.range(1, 20) as u32).with_prec(Prec::Day),
            };
            assert_eq!(new.cmp_coarse(noted), Ordering::Greater);
            let (t, span) = splice(text, span, &new.text());
            mutant(
                t.clone(),
                Target::Span { span: span.clone(), related: false },
                pattern.to_owned(),
                format!("{} → {} (note: {}): {}", date.text(), new.text(), noted.text(), context(&t, &span)),
            )
        }
        Kind::DuplicateNote => {
            let sites: Vec<_> = p
                .notes
                .iter()
                .enumerate()
                .filter(|(i, n)| !n.ibid && !p.notes.get(i + 1).is_some_and(|n| n.ibid))
                .map(|(_, n)| n)
                .collect();
            let n = *r.pick(&sites);
            let entry = text[n.span.clone()].trim_end();
            let body = entry.split_once("] ").unwrap().1;
            let (other, tag) = if r.chance(50) {
                (body.to_owned(), "the same note twice")
            } else {
                let d = Date::random_in(r, p.last_updated.y - 1);
                (format!("Response to Monitor questionnaire, {}.", d.text()), "another note, same number")
            };
            let new = format!("[{}] {other}", n.label);
            let (t, span) = if n.span.end == text.len() {
                let (t, s) = splice(text, text.len()..text.len(), &format!("\n{new}\n"));
                (t, s.start + 1..s.end - 1)
            } else {
                let (t, s) = splice(text, n.span.end..n.span.end, &format!("{new}\n\n"));
                (t, s.start..s.end - 2)
            };
            let _ = span;
            mutant(t, Target::Label(n.label), tag.to_owned(), format!("note [{}] twice: {new}", n.label))
        }
        Kind::UncitedNote => {
            let sites: Vec<_> = p.notes.iter().filter(|n| n.cited == 1).collect();
            let n = *r.pick(&sites);
            let (span, _) = p
                .anchors
                .iter()
                .find(|(_, a)| matches!(a, Anchor::Cite { label } if *label == n.label))?
                .clone();
            let (t, at) = splice(text, span, "");
            mutant(
                t.clone(),
                Target::Label(n.label),
                String::new(),
                format!("citation of [{}] removed: {}", n.label, context(&t, &at)),
            )
        }
        Kind::ImpossibleDate => {
            let sites = names(&|a| matches!(a, Anchor::Date { date, .. } if date.prec == Prec::Day));
            let (span, Anchor::Date { date, note, .. }) = r.pick(&sites).clone() else { unreachable!() };
            let new = match date.m {
                2 => Date { d: if leap(date.y) { 30 } else { r.range(29, 30) as u32 }, ..date },
                4 | 6 | 9 | 11 => Date { d: 31, ..date },
                _ => Date { m: *r.pick(&[4, 6, 9, 11]), d: 31, ..date },
            };
            assert!(new.d > days_in(new.y, new.m));
            let (t, span) = splice(text, span, &new.text());
            mutant(
                t.clone(),
                Target::Span { span: span.clone(), related: false },
                format!("in a {}", if note { "note" } else { "sentence" }),
                format!(
                    "{} → {} (in a {}): {}",
                    date.text(),
                    new.text(),
                    if note { "note" } else { "sentence" },
                    context(&t, &span)
                ),
            )
        }
        Kind::Diacritics => {
            let sites: Vec<_> = p
                .anchors
                .iter()
                .filter(|(s, a)| {
                    matches!(a, Anchor::Name { .. }) && fold(&text[s.clone()]) != text[s.clone()]
                })
                .cloned()
                .collect();
            let (span, Anchor::Name { note, full, .. }) = r.pick(&sites).clone() else { unreachable!() };
            let old = &text[span.clone()];
            let new = fold(old);
            let (t, span) = splice(text, span, &new);
            mutant(
                t.clone(),
                Target::Span { span: span.clone(), related: note },
                format!(
                    "in a {}, {}",
                    if note { "note" } else { "sentence" },
                    if full { "full name" } else { "surname alone" }
                ),
                format!(
                    "{old} → {new} (in a {}): {}",
                    if note { "note" } else { "sentence" },
                    context(&t, &span)
                ),
            )
        }
        Kind::SameSourceAuthor => {
            let (_, Anchor::Author { surname, .. }) =
                p.anchors.iter().find(|(_, a)| matches!(a, Anchor::Author { second: true, .. }))?.clone()
            else {
                unreachable!()
            };
            let old = &text[surname.clone()];
            let (new, how) = match r.below(4) {
                0 => {
                    let (w, op) = typo(r, old);
                    (w, format!("one letter {op}"))
                }
                1 => transliterate(r, old, 1, None)?,
                2 => transliterate(r, old, 2, None)?,
                _ if fold(old) != old => (fold(old), "diacritics dropped".to_owned()),
                _ => transliterate(r, old, 2, None)?,
            };
            let (t, span) = splice(text, surname, &new);
            mutant(
                t.clone(),
                Target::Span { span: span.clone(), related: true },
                how.clone(),
                format!("{old} → {new} ({how}): {}", context(&t, &span)),
            )
        }
    }
}

// ---------------------------------------------------------------------------------------
// Running the rules.

fn lint(text: &str) -> Vec<Finding> {
    let doc = Document::parse(text, Format::Text);
    run(&doc, &RuleSettings::default(), |r| Some(r.default_severity))
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn hits(f: &Finding, m: &Mutant) -> bool {
    if f.rule != m.kind.rule() {
        return false;
    }
    match &m.target {
        Target::Label(l) => f.note.as_deref() == Some(l.to_string().as_str()),
        Target::Span { span, related } => {
            overlaps(&f.span, span) || (*related && f.related.iter().any(|r| overlaps(&r.span, span)))
        }
    }
}

fn describe(text: &str, f: &Finding) -> String {
    format!("{} at “{}”: {}", f.rule, &text[f.span.clone()], f.message)
}

fn profiles() -> Vec<Profile> {
    (1..=SEEDS).map(generate).collect()
}

/// Run `f` over `items` on two threads (the machine has two cores), keeping the order.
fn par_map<T: Sync, U: Send>(items: &[T], f: impl Fn(&T) -> U + Sync) -> Vec<U> {
    let mid = items.len().div_ceil(2);
    let (left, right) = items.split_at(mid);
    std::thread::scope(|scope| {
        let f = &f;
        let h = scope.spawn(move || right.iter().map(f).collect::<Vec<_>>());
        let mut out: Vec<U> = left.iter().map(f).collect();
        out.extend(h.join().unwrap());
        out
    })
}

// ---------------------------------------------------------------------------------------
// The tests.

#[test]
fn the_generator_writes_distinct_profiles_with_every_kind_of_place() {
    let profiles = profiles();
    // `MUTATIONS_PRINT_SEED=7 cargo test --test mutations -- --nocapture` shows a profile,
    // its mutants and what the rules say of each.
    if let Some(seed) = std::env::var("MUTATIONS_PRINT_SEED").ok().and_then(|s| s.parse::<u64>().ok()) {
        let p = generate(seed);
        eprintln!("{}", p.text);
        for m in mutants(&p) {
            eprintln!("\n{} — {}", m.kind.name(), m.what);
            let changed = m.text.lines().filter(|l| !p.text.lines().any(|c| c == *l));
            for line in changed {
                eprintln!("  > {line}");
            }
            for f in lint(&m.text) {
                eprintln!("  {}{}", if hits(&f, &m) { "found: " } else { "other: " }, describe(&m.text, &f));
            }
        }
    }
    let distinct: HashSet<&str> = profiles.iter().map(|p| p.text.as_str()).collect();
    assert!(distinct.len() >= 80, "only {} distinct clean profiles", distinct.len());
    let countries: HashSet<&str> =
        profiles.iter().map(|p| COUNTRIES.iter().find(|c| p.text.contains(c.name)).unwrap().name).collect();
    assert!(countries.len() >= 12, "{countries:?}");
    for p in &profiles {
        // Every person is named in full in a sentence and in a note, and by surname alone
        // in a sentence (the journalist only in the notes of the article cited twice).
        for (i, person) in p.people.iter().enumerate() {
            let at = |full: bool, note: bool| {
                p.anchors.iter().any(|(_, a)| matches!(a, Anchor::Name { p: q, full: f, note: n, .. } if *q == i && *f == full && *n == note))
            };
            let author =
                p.anchors.iter().filter(|(_, a)| matches!(a, Anchor::Author { p: q, .. } if *q == i)).count();
            assert!(
                (at(true, false) && at(true, true) && at(false, false)) || author == 2,
                "seed {}: {} is not named in all three places\n{}",
                p.seed,
                person.full(),
                p.text
            );
        }
        assert!(
            p.anchors
                .iter()
                .any(|(s, a)| matches!(a, Anchor::Name { .. })
                    && fold(&p.text[s.clone()]) != p.text[s.clone()])
        );
    }
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for m in profiles.iter().flat_map(mutants) {
        *counts.entry(m.kind).or_default() += 1;
    }
    for kind in KINDS {
        assert!(counts.get(&kind).copied().unwrap_or(0) >= 80, "{kind:?}: {counts:?}");
    }
}

#[test]
fn clean_profiles_have_no_findings() {
    let profiles = profiles();
    let results = par_map(&profiles, |p| (p.seed, lint(&p.text)));
    let mut failures = String::new();
    let mut failed = 0;
    for ((seed, findings), p) in results.iter().zip(&profiles) {
        if findings.is_empty() {
            continue;
        }
        failed += 1;
        writeln!(failures, "seed {seed}:").unwrap();
        for f in findings {
            writeln!(failures, "  {}\n    in: {}", describe(&p.text, f), context(&p.text, &f.span)).unwrap();
        }
    }
    if failed > 0 {
        let first = profiles.iter().zip(&results).find(|(_, (_, f))| !f.is_empty()).unwrap().0;
        panic!(
            "{failed} of {} clean profiles have findings:\n{failures}\nthe first such profile (seed {}):\n{}",
            profiles.len(),
            first.seed,
            first.text
        );
    }
}

#[derive(Default)]
struct Tally {
    mutants: usize,
    detected: usize,
    /// Findings other than the expected one, and how many of them the clean profile has
    /// too (those are the clean profile's false positives, reported by the test above).
    extra: usize,
    inherited: usize,
    missed: Vec<String>,
    extras: Vec<String>,
    /// Per sort of change: (mutants, detected).
    by_tag: BTreeMap<String, (usize, usize)>,
}

/// How many misses and extra findings of each kind to print
/// (`MUTATIONS_VERBOSE=1`: all).
fn shown() -> usize {
    if std::env::var_os("MUTATIONS_VERBOSE").is_some() { usize::MAX } else { 15 }
}

#[test]
fn mutants_are_found_by_their_rule() {
    let profiles = profiles();
    let clean: HashMap<u64, HashSet<(&str, String)>> =
        par_map(&profiles, |p| (p.seed, lint(&p.text).into_iter().map(|f| (f.rule, f.message)).collect()))
            .into_iter()
            .collect();
    let all: Vec<Mutant> = profiles.iter().flat_map(mutants).collect();
    let results = par_map(&all, |m| lint(&m.text));
    let mut table: BTreeMap<Kind, Tally> = BTreeMap::new();
    for (m, findings) in all.iter().zip(&results) {
        let t = table.entry(m.kind).or_default();
        t.mutants += 1;
        let (found, extra): (Vec<&Finding>, Vec<&Finding>) = findings.iter().partition(|f| hits(f, m));
        let tag = t.by_tag.entry(m.tag.clone()).or_default();
        tag.0 += 1;
        if found.is_empty() {
            t.missed.push(format!("seed {}: {}", m.seed, m.what));
        } else {
            t.detected += 1;
            tag.1 += 1;
        }
        t.extra += extra.len();
        for f in extra {
            if clean[&m.seed].contains(&(f.rule, f.message.clone())) {
                t.inherited += 1;
                continue;
            }
            t.extras.push(format!(
                "seed {} [{}]:\n      {}\n      in: {}",
                m.seed,
                m.what,
                describe(&m.text, f),
                context(&m.text, &f.span)
            ));
        }
    }

    let mut report = String::new();
    writeln!(
        report,
        "\n{:<34} {:<19} {:>7} {:>8} {:>6} {:>6} {:>9}",
        "kind", "rule", "mutants", "detected", "recall", "extra", "(new)"
    )
    .unwrap();
    let mut failing = Vec::new();
    for kind in KINDS {
        let t = &table[&kind];
        let recall = t.detected as f64 / t.mutants as f64;
        writeln!(
            report,
            "{:<34} {:<19} {:>7} {:>8} {:>6.3} {:>6} {:>9}",
            kind.name(),
            kind.rule(),
            t.mutants,
            t.detected,
            recall,
            t.extra,
            t.extra - t.inherited
        )
        .unwrap();
        if recall < MIN_RECALL {
            failing.push(format!("{} ({recall:.3})", kind.name().trim()));
        }
    }
    let clean_findings: usize = clean.values().map(HashSet::len).sum();
    writeln!(
        report,
        "clean profiles: {}, findings on them: {clean_findings}; \"extra\" counts every finding but the \
         expected one, \"(new)\" those the clean profile does not have",
        profiles.len()
    )
    .unwrap();
    for kind in KINDS {
        let t = &table[&kind];
        if !t.missed.is_empty() {
            writeln!(report, "\nmissed, {} ({} of {}):", kind.name(), t.missed.len(), t.mutants).unwrap();
            for (tag, (n, found)) in &t.by_tag {
                writeln!(report, "  {found:>3} of {n:>3} found: {tag}").unwrap();
            }
            for line in t.missed.iter().take(shown()) {
                writeln!(report, "  {line}").unwrap();
            }
        }
        if !t.extras.is_empty() {
            writeln!(report, "\nnew extra findings, {} ({}):", kind.name(), t.extras.len()).unwrap();
            for line in t.extras.iter().take(shown()) {
                writeln!(report, "  {line}").unwrap();
            }
        }
    }
    eprintln!("{report}");
    assert!(failing.is_empty(), "recall below {MIN_RECALL} for: {}", failing.join(", "));
}
