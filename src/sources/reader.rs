//! The verification stage's page reader: it asks the link run for the pages of the
//! sources with questions, answers the questions from each page as it arrives (so no
//! page is held longer than its reading), keeps the reading in the cache, and answers
//! from the cache what it read within `max-age`.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::cache::{Reading, ReadingCache};
use super::verify::{Answers, CheckedOn, Questions, answer};
use super::{Fetched, Limits, extract};
use crate::links::{self, Page, PageReader};

/// Reads the sources of a run; [`Verifier::finish`] gives every source's answers.
pub struct Verifier {
    questions: BTreeMap<String, Questions>,
    cache: ReadingCache,
    limits: Limits,
    answers: Mutex<BTreeMap<String, Answers>>,
    warnings: Mutex<Vec<String>>,
}

impl Verifier {
    /// A reader for `questions` (by check key), answering at once those whose reading
    /// the cache holds.
    pub fn new(questions: BTreeMap<String, Questions>, cache: ReadingCache, limits: Limits) -> Verifier {
        let mut answers = BTreeMap::new();
        for (key, q) in &questions {
            if let Some(reading) = cache.get(key) {
                answers.insert(key.clone(), answer(q, &reading.extraction, reading.checked_on));
            }
        }
        Verifier { questions, cache, limits, answers: Mutex::new(answers), warnings: Mutex::new(Vec::new()) }
    }

    /// How many sources have questions.
    pub fn questions_asked(&self) -> usize {
        self.questions.len()
    }

    /// How many sources were answered from the cache before any request.
    pub fn answered(&self) -> usize {
        self.answers.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Every source's answers, and the problems worth telling (a cache not written),
    /// taken out once the link run is over.
    pub fn finish(&self) -> (BTreeMap<String, Answers>, Vec<String>) {
        (
            std::mem::take(&mut *self.answers.lock().unwrap_or_else(|e| e.into_inner())),
            std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner())),
        )
    }

    fn keep(&self, key: &str, answers: Answers) {
        self.answers.lock().unwrap_or_else(|e| e.into_inner()).insert(key.to_owned(), answers);
    }
}

/// Read a page: extract its text and metadata, and say where it was read.
pub fn reading_of(key: &str, page: &Page<'_>, limits: &Limits) -> Reading {
    let mut extraction =
        extract(&Fetched { url: page.url, content_type: page.content_type, body: page.body }, limits);
    if page.truncated && extraction.unverifiable.is_none() {
        extraction.unverifiable = Some(super::Unverifiable::TooLarge);
    }
    let checked_on = match page.archived {
        Some(s) => {
            CheckedOn::Archive { url: s.url.clone(), date: s.date().unwrap_or_else(|| s.timestamp.clone()) }
        }
        None => CheckedOn::Live { url: page.url.to_owned() },
    };
    Reading::new(key, checked_on, page.body, page.content_type, page.truncated, extraction)
}

impl PageReader for Verifier {
    fn wants(&self, key: &str) -> bool {
        self.questions.contains_key(key)
            && !self.answers.lock().unwrap_or_else(|e| e.into_inner()).contains_key(key)
    }

    fn max_body(&self) -> usize {
        self.limits.max_body_bytes
    }

    fn read(&self, key: &str, page: Page<'_>) {
        let Some(questions) = self.questions.get(key) else { return };
        let reading = reading_of(key, &page, &self.limits);
        // An archived "not found" page is not the source.
        if page.archived.is_some()
            && reading.extraction.titles.iter().any(|t| links::says_not_found(&t.value))
        {
            let why = format!("the page is gone and its archived copy {} is a \"not found\" page", page.url);
            self.keep(key, Answers::unread(reading.checked_on, why));
            return;
        }
        if let Err(e) = self.cache.put(&reading) {
            self.warnings.lock().unwrap_or_else(|e| e.into_inner()).push(e);
        }
        self.keep(key, answer(questions, &reading.extraction, reading.checked_on));
    }

    fn unread(&self, key: &str, why: &str) {
        if self.questions.contains_key(key) {
            self.keep(key, Answers::unread(CheckedOn::Live { url: key.to_owned() }, why.to_owned()));
        }
    }
}

/// Reads one source whole (`citelint source URL`): its reading, from the cache when it
/// is fresh there, else read through the link checker (politeness, address policy,
/// archive and all), and kept in the cache.
pub fn read_one(
    href: &str,
    settings: &links::LinkSettings,
    limits: &Limits,
) -> Result<(Reading, bool), String> {
    let key = links::url_key(href).ok_or_else(|| format!("`{href}` is not an http(s) URL"))?;
    let cache = ReadingCache::beside(settings.cache_path.as_deref(), settings.max_age.alive);
    if let Some(reading) = cache.get(&key) {
        return Ok((reading, true));
    }
    let one = std::sync::Arc::new(One { key: key.clone(), limits: limits.clone(), got: Mutex::new(None) });
    let occurrences = crate::document::urls::extract_from_text(href, &[]);
    let run = links::check(&[occurrences], settings, Some(one.clone())).map_err(|e| e.to_string())?;
    let got = one.got.lock().unwrap_or_else(|e| e.into_inner()).take();
    match got {
        Some(Ok(reading)) => {
            cache.put(&reading)?;
            Ok((reading, false))
        }
        Some(Err(why)) => Err(why),
        None => Err(match run.checks.first() {
            Some(check) => format!("the page could not be read: {}", check.reason),
            None => "the page could not be read".to_owned(),
        }),
    }
}

/// The reader of [`read_one`].
struct One {
    key: String,
    limits: Limits,
    got: Mutex<Option<Result<Reading, String>>>,
}

impl PageReader for One {
    fn wants(&self, key: &str) -> bool {
        key == self.key
    }

    fn max_body(&self) -> usize {
        self.limits.max_body_bytes
    }

    fn read(&self, key: &str, page: Page<'_>) {
        *self.got.lock().unwrap_or_else(|e| e.into_inner()) = Some(Ok(reading_of(key, &page, &self.limits)));
    }

    fn unread(&self, _key: &str, why: &str) {
        *self.got.lock().unwrap_or_else(|e| e.into_inner()) = Some(Err(why.to_owned()));
    }
}
