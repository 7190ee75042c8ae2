//! URLs in a document: bare URLs, Markdown links and autolinks, HTML `href`/`src`
//! attributes and `doi:` names, each with the span where it is written.
//!
//! One left-to-right pass over the text, skipping the regions the parser marked as not
//! prose (code, comments). Bare URLs follow GFM's autolink rules for where they end:
//! trailing sentence punctuation is not part of the URL, a closing bracket or quote is
//! only when the URL opened it (`…/wiki/Ottawa_Treaty_(1997)` keeps its parenthesis).

use std::borrow::Cow;
use std::sync::LazyLock;

use memchr::memmem::Finder;
use url::Url;

use super::{Document, Format, Span};

/// One place a URL is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlOccurrence {
    /// The URL as written (for `doi:10.…`, the whole name; for `<…>`, without brackets).
    pub span: Span,
    /// The text of `span`.
    pub raw: String,
    /// How `raw` reads as an absolute URL.
    form: Form,
    /// The label of the footnote the URL is written in, if any.
    pub footnote: Option<String>,
    /// The date (`YYYYMMDD`) of the source that cites the URL, used to pick the archived
    /// copy closest to what the author saw. [`extract`] leaves it `None`; the caller fills
    /// it from the footnote's dates.
    pub date: Option<String>,
    /// Written in Markdown with backslash escapes, which read as the character they
    /// escape (`a\_b` is `a_b`); not in an autolink `<…>`, where CommonMark keeps them.
    escaped: bool,
}

/// How a written URL reads as an absolute one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Form {
    /// As it is written.
    Absolute,
    /// `www.…`, which means `http://www.…`.
    Www,
    /// `doi:10.…`, whose name (from this byte of `raw` on) is at `https://doi.org/`.
    Doi(usize),
    /// An HTML attribute value, where `&amp;` stands for `&`.
    Attribute,
    /// `<…>`: as it is written, backslashes included.
    Autolink,
}

impl UrlOccurrence {
    /// The absolute URL the text names, before parsing: `www.` gets `http://`, `doi:`
    /// becomes `https://doi.org/…`, `&amp;` in HTML attributes is decoded, a Markdown
    /// escape is the character it escapes.
    pub fn href(&self) -> Cow<'_, str> {
        let href = self.written_href();
        if self.escaped { Cow::Owned(unescape(&href)) } else { href }
    }

    fn written_href(&self) -> Cow<'_, str> {
        match self.form {
            Form::Absolute | Form::Autolink => Cow::Borrowed(&self.raw),
            Form::Www => Cow::Owned(format!("http://{}", self.raw)),
            Form::Doi(name) => Cow::Owned(format!("https://doi.org/{}", &self.raw[name..])),
            Form::Attribute if self.raw.contains("&amp;") => Cow::Owned(self.raw.replace("&amp;", "&")),
            Form::Attribute => Cow::Borrowed(&self.raw),
        }
    }

    /// The URL it names, or the `url` crate's reason it does not parse. Parsed on each
    /// call: extraction does not parse, since most callers need no more than the text and
    /// parsing was half of its time.
    pub fn url(&self) -> Result<Url, String> {
        parse(&self.href())
    }

    /// Why the URL does not parse (what [`url`](Self::url) would say), or `None` if it
    /// does. Cheaper than `url`: a URL plainly well formed is not parsed.
    pub fn parse_error(&self) -> Option<String> {
        let href = self.href();
        if certainly_parses(&href) { None } else { parse(&href).err() }
    }
}

/// URLs longer than this are left to the parser: bounding the length is what rules out
/// the parser's one failure after the host, a serialization over 4 GB (at worst each byte
/// is percent-encoded into three), and real URLs are far shorter.
const MAX_CERTAIN_LEN: usize = 1 << 16;

/// Whether `Url::parse(s)` certainly succeeds, decided without parsing: `s` is
/// `http://` or `https://` (any case), an ASCII domain name, an optional port and
/// printable ASCII after it. A `false` decides nothing. Sound because, in the `url`
/// crate (2.5, idna 1; the tests parse every accepted URL of the corpus and of random
/// adversarial ones to catch a change):
/// - nothing is trimmed or removed (no white space or control characters), and the
///   scheme is followed by exactly two slashes and a host character, so the authority
///   is what follows them up to the first `/`, `?` or `#`: the host, `:` and the port;
///   it holds no `@`, so no user name;
/// - the host has no `%` to percent-decode, and domain-to-ASCII maps labels of ASCII
///   letters, digits and hyphens to themselves lower-cased, failing none (hyphens are
///   not checked for URLs, lengths are not verified), unless a label starts with
///   `xn--` and so is decoded as Punycode, which may fail; no label is empty;
/// - the host is an IPv4 address, which may fail to parse, only if its last label is
///   a number (decimal, octal `0…` or hex `0x…`): one starting with a letter is not;
/// - a port of at most five digits and at most 65535 is valid;
/// - path, query and fragment never fail: what is not allowed is percent-encoded.
fn certainly_parses(s: &str) -> bool {
    let Some(scheme) = ["https://", "http://"].into_iter().find(|p| starts_with_ignore_case(s, p)) else {
        return false;
    };
    if s.len() > MAX_CERTAIN_LEN {
        return false;
    }
    let rest = &s.as_bytes()[scheme.len()..];
    // The host, in one pass: where it ends and whether each label is fine.
    let mut label_start = 0;
    let mut end = 0;
    while let Some(&c) = rest.get(end) {
        if c == b'.' {
            if !fine_label(&rest[label_start..end]) {
                return false;
            }
            label_start = end + 1;
        } else if !(c.is_ascii_alphanumeric() || c == b'-') {
            break;
        }
        end += 1;
    }
    let last = &rest[label_start..end];
    if !fine_label(last) || !last[0].is_ascii_alphabetic() {
        return false;
    }
    let mut rest = &rest[end..];
    if let Some(port) = rest.strip_prefix(b":") {
        let digits = port.iter().take_while(|c| c.is_ascii_digit()).count();
        let valid = (1..=5).contains(&digits)
            && port[..digits].iter().fold(0u32, |n, &d| n * 10 + u32::from(d - b'0')) <= 65535;
        if !valid {
            return false;
        }
        rest = &port[digits..];
    }
    let ends_authority = rest.first().is_none_or(|c| matches!(c, b'/' | b'?' | b'#'));
    // Tested without stopping early, which lets the compiler test many bytes at once.
    ends_authority && rest.iter().fold(true, |graphic, c| graphic & c.is_ascii_graphic())
}

/// Whether a host label of ASCII letters, digits and hyphens maps to itself: it is not
/// empty and not Punycode.
fn fine_label(label: &[u8]) -> bool {
    !label.is_empty() && !label.get(..4).is_some_and(|p| p.eq_ignore_ascii_case(b"xn--"))
}

/// Every URL written in `doc`'s prose, in document order.
pub fn extract(doc: &Document) -> Vec<UrlOccurrence> {
    let mut found =
        Scanner::new(doc.text, &doc.ignored, doc.citations.iter().map(|c| c.span.start).collect()).run();
    if doc.format == Format::Markdown {
        for occ in &mut found {
            occ.escaped = !matches!(occ.form, Form::Autolink | Form::Attribute) && has_escape(&occ.raw);
        }
    }
    // Footnotes are in document order, so the one holding a URL is found by bisection.
    for occ in &mut found {
        let at = occ.span.start;
        let i = doc.footnotes.partition_point(|f| f.marker_span.start <= at);
        if i > 0 {
            let note = &doc.footnotes[i - 1];
            if at < note.text_span.end.max(note.marker_span.end) {
                occ.footnote = Some(note.label.clone());
            }
        }
    }
    found
}

/// Every URL in `text`, skipping `ignored` regions (sorted, disjoint); for callers
/// without a parsed document.
pub fn extract_from_text(text: &str, ignored: &[Span]) -> Vec<UrlOccurrence> {
    Scanner::new(text, ignored, Vec::new()).run()
}

/// What a bare URL or `doi:` name starts with, matched ignoring ASCII case; each holds a
/// `:`, which is what [`Scanner::next_start`] searches for. No two can start at the same
/// place.
const COLON_PREFIXES: [&str; 6] = ["doi:", "https://", "http://", "ftp://", "file://", "mailto:"];

/// What may start at a place [`Scanner::next_start`] finds.
enum Start {
    /// `<`: an autolink or an HTML tag.
    Angle,
    /// `](`: a Markdown link destination.
    Destination,
    /// `www.` or one of [`COLON_PREFIXES`].
    Bare(&'static str),
}

/// The `](` before a Markdown link destination, searched ahead of the scan (see
/// [`Scanner::next_start`]).
static DESTINATION: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"]("));
/// The `w.` that ends a `www.` written in lower case, searched ahead of the scan: few
/// periods follow a `w`, and stopping at every period made up most of the scan's stops.
static W_DOT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"w."));

/// Where a needle next occurs, searched again only once the scan has passed it.
struct Ahead {
    finder: &'static Finder<'static>,
    next: Option<usize>,
}

impl Ahead {
    fn new(finder: &'static Finder<'static>, bytes: &[u8]) -> Self {
        Ahead { finder, next: finder.find(bytes) }
    }

    /// The first occurrence at or after `from`.
    fn at_or_after(&mut self, bytes: &[u8], from: usize) -> Option<usize> {
        if self.next.is_some_and(|n| n < from) {
            self.next = self.finder.find(&bytes[from..]).map(|k| from + k);
        }
        self.next
    }
}

/// The bare URL prefix whose `:` or `.` is at `at`, if it starts at or after `from`, and
/// where it starts.
fn prefix_around(bytes: &[u8], at: usize, from: usize) -> Option<(usize, &'static str)> {
    let written = |prefix: &'static str, mark_offset: usize| {
        let start = at.checked_sub(mark_offset).filter(|&start| start >= from)?;
        let written = bytes.get(start..start + prefix.len())?;
        written.eq_ignore_ascii_case(prefix.as_bytes()).then_some((start, prefix))
    };
    if bytes[at] == b'.' {
        return written("www.", 3);
    }
    COLON_PREFIXES.iter().find_map(|&prefix| written(prefix, prefix.find(':')?))
}

/// An HTML tag is searched for its attributes only this far, so that a stray `<` in
/// prose costs little.
const MAX_TAG_LEN: usize = 4096;

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    ignored: &'a [Span],
    /// Starts of citation markers, sorted: a bare URL ends where a marker begins
    /// (`…/report.pdf[4]`).
    citations: Vec<usize>,
    out: Vec<UrlOccurrence>,
    /// After an HTML tag with a URL attribute: where the tag ends and where its URLs
    /// start in `out`, so that `<a href="X">X</a>` reports X once.
    after_tag: Option<(usize, usize)>,
    /// The next [`DESTINATION`] and [`W_DOT`].
    destinations: Ahead,
    w_dots: Ahead,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str, ignored: &'a [Span], mut citations: Vec<usize>) -> Self {
        citations.sort_unstable();
        let bytes = text.as_bytes();
        Scanner {
            text,
            bytes,
            ignored,
            citations,
            out: Vec::new(),
            after_tag: None,
            destinations: Ahead::new(&DESTINATION, bytes),
            w_dots: Ahead::new(&W_DOT, bytes),
        }
    }

    /// The first place at or after `from` where a URL, tag or Markdown link destination
    /// may start. Found through the bytes each must contain (the `:` of a scheme or
    /// `doi:`, the `w.` or `W.` of `www.`, `<`, `](`) with `memchr`, which skips prose far
    /// faster than testing every byte: a byte-by-byte search for the prefixes' first
    /// letters stopped at a large share of all letters. Starts come out in order although
    /// a prefix starts before its mark: the letters before a mark hold no other mark.
    fn next_start(&mut self, from: usize) -> Option<(usize, Start)> {
        let bytes = self.bytes;
        let mut pos = from;
        loop {
            let destination = self.destinations.at_or_after(bytes, pos);
            // A `w.` may end a `www.` whose period is at `pos`.
            let dot = self.w_dots.at_or_after(bytes, pos.saturating_sub(1)).map(|w| w + 1);
            let end = destination.into_iter().chain(dot).min().unwrap_or(bytes.len());
            // `W` is rare enough in prose to be searched for itself, sparing a pass for `W.`.
            let mut at = match memchr::memchr3(b':', b'<', b'W', &bytes[pos..end]) {
                Some(k) => pos + k,
                None if destination == Some(end) => return Some((end, Start::Destination)),
                None if dot == Some(end) => end,
                None => return None,
            };
            match bytes[at] {
                b'<' => return Some((at, Start::Angle)),
                b'W' if bytes.get(at + 1) == Some(&b'.') => at += 1,
                b'W' => {
                    pos = at + 1;
                    continue;
                }
                _ => {}
            }
            if let Some((start, prefix)) = prefix_around(bytes, at, from) {
                return Some((start, Start::Bare(prefix)));
            }
            pos = at + 1;
        }
    }

    fn run(mut self) -> Vec<UrlOccurrence> {
        // Scanning resumes at `i`: what a URL or tag consumed is not searched again.
        let mut i = 0;
        let mut next_ignored = 0;
        while let Some((at, start)) = self.next_start(i) {
            // Skip regions that are not prose.
            while next_ignored < self.ignored.len() && self.ignored[next_ignored].end <= at {
                next_ignored += 1;
            }
            if let Some(r) = self.ignored.get(next_ignored)
                && r.start <= at
            {
                i = r.end;
                continue;
            }
            let next = match start {
                Start::Angle => self.angle(at),
                Start::Destination => self.destination(at),
                Start::Bare(prefix) => self.bare(at, prefix),
            };
            i = next.unwrap_or(0).max(at + 1);
        }
        self.out
    }

    fn occurrence(&self, span: Span, form: Form) -> UrlOccurrence {
        let raw = self.text[span.clone()].to_owned();
        UrlOccurrence { span, raw, form, footnote: None, date: None, escaped: false }
    }

    fn push(&mut self, span: Span, form: Form) {
        let occ = self.occurrence(span, form);
        self.out.push(occ);
    }

    /// A bare URL, `www.` name or `doi:` name written with `prefix` at `i`; returns where
    /// scanning resumes.
    fn bare(&mut self, i: usize, prefix: &str) -> Option<usize> {
        if !self.left_boundary(i) {
            return None;
        }
        if prefix == "doi:" {
            return self.doi(i);
        }
        let body_start = i + prefix.len();
        // `http://`, `http://.` or `mailto:` alone name nothing.
        // `file:///path` has an empty host.
        let opens = |c: char| may_open_host(c) || (prefix == "file://" && c == '/');
        if !self.text[body_start..].chars().next().is_some_and(opens) {
            return Some(body_start);
        }
        let end = self.bare_end(body_start);
        if end <= body_start {
            return Some(body_start);
        }
        // `www.` needs a domain after it; `mailto:` an address.
        let body = &self.text[body_start..end];
        if (prefix == "www." && !body.contains('.')) || (prefix == "mailto:" && !body.contains('@')) {
            return Some(end);
        }
        let occ = self.occurrence(i..end, if prefix == "www." { Form::Www } else { Form::Absolute });
        let after_tag = self.after_tag.take();
        if after_tag.is_some_and(|(tag_end, first)| tag_end == i && self.repeats_tag(first, &occ)) {
            return Some(end);
        }
        self.out.push(occ);
        Some(end)
    }

    /// Whether `occ`, written right after an HTML tag whose URLs start at `first` in
    /// `out` (nothing was found between), names the last of them that parses. Only here
    /// does extraction parse, and only in this rare case.
    fn repeats_tag(&self, first: usize, occ: &UrlOccurrence) -> bool {
        let Some(href) = self.out[first..].iter().rev().find_map(|o| o.url().ok()) else { return false };
        occ.url().is_ok_and(|u| u.as_str() == href.as_str())
    }

    /// `doi:10.1000/182` (a space after the colon is allowed) → `https://doi.org/10.1000/182`.
    fn doi(&mut self, i: usize) -> Option<usize> {
        let mut j = i + "doi:".len();
        while self.bytes.get(j) == Some(&b' ') {
            j += 1;
        }
        let name = &self.text[j..];
        let digits = name.strip_prefix("10.")?.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || name.as_bytes().get(3 + digits) != Some(&b'/') {
            return None;
        }
        let end = self.bare_end(j);
        if end <= j + 4 + digits {
            return None;
        }
        self.push(i..end, Form::Doi(j - i));
        Some(end)
    }

    /// Whether a URL may start at `i`: not glued to a word (`_http://`, `xwww.`).
    fn left_boundary(&self, i: usize) -> bool {
        let Some(prev) = self.text[..i].chars().next_back() else { return true };
        !(prev.is_alphanumeric() || matches!(prev, '_' | '.' | '/' | '-' | '%' | '+'))
    }

    /// Where a bare URL whose body starts at `from` ends: at white space, `<`, `>`, a
    /// citation marker or wide punctuation, then trimmed of trailing punctuation and of
    /// closing brackets and quotes it did not open.
    fn bare_end(&self, from: usize) -> usize {
        let marker = self.citations.partition_point(|&c| c < from);
        let limit = self.citations.get(marker).copied().unwrap_or(self.bytes.len());
        let mut end = from;
        while end < limit {
            // Letters, digits and slashes, most of a URL, end none: skipped a run at a time,
            // on bytes, for speed.
            end += self.bytes[end..limit]
                .iter()
                .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'/')
                .count();
            if end == limit {
                break;
            }
            let Some(c) = self.text[end..].chars().next() else { break };
            let ends = c.is_whitespace()
                || c.is_control()
                || ends_bare_url(c)
                // A footnote reference or the end of a Markdown link's text.
                || (c == '[' && self.bytes.get(end + 1) == Some(&b'^'))
                || (c == ']' && self.bytes.get(end + 1) == Some(&b'('));
            if ends {
                break;
            }
            end += c.len_utf8();
        }
        trim_trailing(&self.text[from..end]) + from
    }

    /// `<scheme:…>` autolinks and HTML tags with `href`/`src`.
    fn angle(&mut self, i: usize) -> Option<usize> {
        let rest = &self.text[i + 1..];
        let first = rest.chars().next()?;
        if !first.is_ascii_alphabetic() {
            return None;
        }
        let scheme_len = rest.bytes().take_while(|b| b.is_ascii_alphanumeric() || b"+.-".contains(b)).count();
        if rest.as_bytes().get(scheme_len) == Some(&b':') {
            return self.autolink(i);
        }
        self.tag(i)
    }

    fn autolink(&mut self, i: usize) -> Option<usize> {
        let start = i + 1;
        let len =
            self.text[start..].find(|c: char| c == '>' || c == '<' || c.is_whitespace() || c.is_control())?;
        if self.bytes.get(start + len) != Some(&b'>') {
            return None;
        }
        let raw = &self.text[start..start + len];
        let scheme = raw.split(':').next().unwrap_or_default().to_ascii_lowercase();
        if !matches!(scheme.as_str(), "http" | "https" | "ftp" | "file" | "mailto") {
            return None;
        }
        self.push(start..start + len, Form::Autolink);
        Some(start + len + 1)
    }

    /// An HTML tag: report absolute URLs in its `href` and `src` attributes.
    fn tag(&mut self, i: usize) -> Option<usize> {
        let window_end = self.text.floor_char_boundary(i + MAX_TAG_LEN);
        let window = &self.text[i..window_end];
        // Find the tag's end, skipping quoted attribute values; a new `<` outside quotes
        // means this was no tag.
        let mut quote = None;
        let mut end = None;
        for (k, b) in window.bytes().enumerate().skip(1) {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => {
                    end = Some(i + k);
                    break;
                }
                (None, b'<') => return None,
                _ => {}
            }
        }
        let end = end?;
        let first = self.out.len();
        for (span, value) in url_attributes(self.text, i, end) {
            if has_scheme(value) {
                self.push(span, Form::Attribute);
            }
        }
        self.after_tag = (self.out.len() > first).then_some((end + 1, first));
        Some(end + 1)
    }

    /// A Markdown link destination after `](`, absolute URLs only (relative ones need a
    /// base the linter does not know).
    fn destination(&mut self, i: usize) -> Option<usize> {
        let mut start = i + 2;
        while self.bytes.get(start).is_some_and(|b| *b == b' ' || *b == b'\t') {
            start += 1;
        }
        let (span, resume) = if self.bytes.get(start) == Some(&b'<') {
            let len = self.text[start + 1..].find(['>', '\n', '<'])?;
            if self.bytes.get(start + 1 + len) != Some(&b'>') {
                return None;
            }
            (start + 1..start + 1 + len, start + len + 2)
        } else {
            let mut depth = 0usize;
            let mut end = start;
            for (k, c) in self.text[start..].char_indices() {
                if c.is_whitespace() || c.is_control() {
                    break;
                }
                if c == '(' {
                    depth += 1;
                } else if c == ')' {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                end = start + k + c.len_utf8();
            }
            (start..end, end)
        };
        let raw = &self.text[span.clone()];
        if !has_scheme(raw) {
            return Some(resume);
        }
        // `[http://x](http://x)`: the link text repeats the destination; report it once.
        if let Some(last) = self.out.last()
            && last.span.end == i
            && last.raw == raw
        {
            self.out.pop();
        }
        self.push(span, Form::Absolute);
        Some(resume)
    }
}

/// Whether `c` may be the first character of a host: letters, digits, an IPv6 bracket,
/// or a symbol of an internationalized name (`http://✪df.ws`).
fn may_open_host(c: char) -> bool {
    c.is_alphanumeric() || c == '[' || (!c.is_ascii() && !c.is_whitespace() && !ends_bare_url(c))
}

/// Characters that end a bare URL outright: angle brackets, the backtick, and the wide
/// punctuation of CJK text (`。`, `，`, `｜`, `）`).
fn ends_bare_url(c: char) -> bool {
    matches!(c, '<' | '>' | '`' | '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}' | '\u{ff3b}'..='\u{ff40}' | '\u{ff5b}'..='\u{ff65}')
}

/// The length of `s` once trailing punctuation and unmatched closers are removed.
fn trim_trailing(s: &str) -> usize {
    // Brackets and quotes are counted only once one ends the URL (most end in a letter,
    // digit or slash), over all of `s`, then kept up to date while trimming so that a run
    // of closers costs one pass.
    let mut balance: Option<Balance> = None;
    let mut end = s.len();
    while let Some(c) = s[..end].chars().next_back() {
        if c == ']'
            && let Some(open) = editorial_mark(&s[..end])
        {
            end = open;
            continue;
        }
        let strip = match c {
            '.' | ',' | ':' | ';' | '!' | '?' | '*' | '_' | '~' | '|' | '\u{2026}' | '\u{bb}'
            | '\u{203a}' => true,
            ')' | ']' | '}' | '"' | '\'' | '\u{201d}' | '\u{2019}' => {
                balance.get_or_insert_with(|| Balance::of(s)).unmatched(c)
            }
            _ => false,
        };
        if !strip {
            break;
        }
        if let Some(balance) = &mut balance {
            balance.tally(c, -1);
        }
        end -= c.len_utf8();
    }
    end
}

/// Openers minus closers of each kind of bracket and curly quote in a URL, and how many
/// straight quotes it holds: whether a closer or quote at its end belongs to it.
#[derive(Default)]
struct Balance {
    paren: isize,
    square: isize,
    curly: isize,
    dquote: isize,
    squote: isize,
    curly_d: isize,
    curly_s: isize,
}

impl Balance {
    fn of(s: &str) -> Self {
        let mut balance = Balance::default();
        for c in s.chars() {
            balance.tally(c, 1);
        }
        balance
    }

    /// Count `c` `times` times (negative: remove it).
    fn tally(&mut self, c: char, times: isize) {
        match c {
            '(' => self.paren += times,
            ')' => self.paren -= times,
            '[' => self.square += times,
            ']' => self.square -= times,
            '{' => self.curly += times,
            '}' => self.curly -= times,
            '"' => self.dquote += times,
            '\'' => self.squote += times,
            '\u{201c}' => self.curly_d += times,
            '\u{201d}' => self.curly_d -= times,
            '\u{2018}' => self.curly_s += times,
            '\u{2019}' => self.curly_s -= times,
            _ => {}
        }
    }

    /// Whether the closer or quote `c` ending the URL was not opened in it.
    fn unmatched(&self, c: char) -> bool {
        match c {
            ')' => self.paren < 0,
            ']' => self.square < 0,
            '}' => self.curly < 0,
            '"' => self.dquote % 2 == 1,
            '\'' => self.squote % 2 == 1,
            '\u{201d}' => self.curly_d < 0,
            '\u{2019}' => self.curly_s < 0,
            _ => false,
        }
    }
}

/// Where a trailing citation marker or editorial mark glued to a URL opens:
/// `…/page[54]`, `…/home/[full_citation_needed]`, `…[dead link]`. A URL's own brackets
/// (`…/blah_[other]`) stay.
fn editorial_mark(s: &str) -> Option<usize> {
    let open = s.rfind('[')?;
    let inner = &s[open + 1..s.len() - 1];
    let lower = inner.to_ascii_lowercase();
    let is_marker = (1..=6).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit());
    (is_marker || lower.contains("needed") || lower.contains("dead link") || lower.contains("dead_link"))
        .then_some(open)
}

/// The `href` and `src` attribute values of the tag in `text[start..=end]`, with spans.
fn url_attributes(text: &str, start: usize, end: usize) -> Vec<(Span, &str)> {
    let tag = &text[start..end];
    let bytes = tag.as_bytes();
    let mut out = Vec::new();
    let mut k = 1;
    while k < bytes.len() {
        if !tag.is_char_boundary(k) {
            k += 1;
            continue;
        }
        let rest = &tag[k..];
        let name = ["href", "src"].into_iter().find(|n| starts_with_ignore_case(rest, n));
        let preceded_by_space = bytes[k - 1].is_ascii_whitespace();
        let Some(name) = name.filter(|_| preceded_by_space) else {
            k += 1;
            continue;
        };
        let mut j = k + name.len();
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            k = j.max(k + 1);
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let (vs, ve) = match bytes.get(j) {
            Some(&q @ (b'"' | b'\'')) => {
                let Some(len) = tag[j + 1..].find(q as char) else { break };
                (j + 1, j + 1 + len)
            }
            Some(_) => {
                let len =
                    tag[j..].find(|c: char| c.is_ascii_whitespace() || c == '>').unwrap_or(tag.len() - j);
                (j, j + len)
            }
            None => break,
        };
        out.push((start + vs..start + ve, &tag[vs..ve]));
        k = ve + 1;
    }
    out
}

/// Whether `s` opens with a URL scheme (`https:`, `mailto:`), i.e. is absolute.
/// Whether `s` holds a Markdown backslash escape (a backslash before ASCII punctuation).
fn has_escape(s: &str) -> bool {
    memchr::memchr_iter(b'\\', s.as_bytes())
        .any(|i| s.as_bytes().get(i + 1).is_some_and(u8::is_ascii_punctuation))
}

/// `s` with each Markdown escape read as the character it escapes.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek().is_some_and(char::is_ascii_punctuation) {
            out.extend(chars.next());
            continue;
        }
        out.push(c);
    }
    out
}

fn has_scheme(s: &str) -> bool {
    let Some(colon) = s.find(':') else { return false };
    let scheme = &s[..colon];
    scheme.len() >= 2
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b"+.-".contains(&b))
}

fn parse(s: &str) -> Result<Url, String> {
    Url::parse(s).map_err(|e| e.to_string())
}

fn starts_with_ignore_case(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn urls(text: &str) -> Vec<String> {
        extract_from_text(text, &[]).into_iter().map(|o| o.raw).collect()
    }

    fn normalized(text: &str) -> Vec<String> {
        extract_from_text(text, &[])
            .into_iter()
            .map(|o| o.url().map(String::from).unwrap_or_else(|e| e))
            .collect()
    }

    #[test]
    fn trailing_sentence_punctuation_is_not_part_of_the_url() {
        assert_eq!(urls("See http://example.org/report.pdf."), ["http://example.org/report.pdf"]);
        assert_eq!(
            urls("At http://example.org/a, and https://x.org/b; then"),
            ["http://example.org/a", "https://x.org/b"]
        );
        assert_eq!(urls("Really http://example.com/123!!!"), ["http://example.com/123"]);
    }

    #[test]
    fn balanced_parentheses_stay_in_the_url() {
        let t = "(see https://en.wikipedia.org/wiki/Ottawa_Treaty_(1997)).";
        assert_eq!(urls(t), ["https://en.wikipedia.org/wiki/Ottawa_Treaty_(1997)"]);
    }

    #[test]
    fn stray_closing_bracket_or_quote_is_not_part_of_the_url() {
        assert_eq!(urls("(at http://d-portal.org)"), ["http://d-portal.org"]);
        assert_eq!(urls("“Report,” “http://example.org/r”"), ["http://example.org/r"]);
        assert_eq!(
            urls("‘http://example.org/r’ and \"http://example.org/q\""),
            ["http://example.org/r", "http://example.org/q"]
        );
        assert_eq!(urls("http://foo.com/blah_\"quoted\""), ["http://foo.com/blah_\"quoted\""]);
    }

    #[test]
    fn citation_marks_glued_to_a_url_are_not_part_of_it() {
        assert_eq!(urls("tools like www.AgInjuryNews.org[54] to"), ["www.AgInjuryNews.org"]);
        assert_eq!(
            urls("http://badc.nerc.ac.uk/home/[full_citation_needed]"),
            ["http://badc.nerc.ac.uk/home/"]
        );
        assert_eq!(urls("http://example.org/a.[12]"), ["http://example.org/a"]);
        assert_eq!(urls("|url=http://example.org/h/| date"), ["http://example.org/h/"]);
    }

    #[test]
    fn doi_names_become_doi_org_urls() {
        assert_eq!(
            normalized("Cited as doi:10.1016/S0140-6736(20)30183-5."),
            ["https://doi.org/10.1016/S0140-6736(20)30183-5"]
        );
        assert_eq!(normalized("DOI: 10.1000/182"), ["https://doi.org/10.1000/182"]);
        assert!(urls("doi:11.1/x and doi:10.x/y").is_empty());
    }

    #[test]
    fn markdown_links_and_autolinks_are_found() {
        let t = "A [report](https://example.org/r.pdf \"Title\") and <https://example.org/a>. \
                 [x](<https://example.org/with space>) [rel](../local.md) [frag](#top)";
        assert_eq!(
            urls(t),
            ["https://example.org/r.pdf", "https://example.org/a", "https://example.org/with space"]
        );
        assert!(extract_from_text(t, &[])[2].url().is_ok(), "the url crate percent-encodes the space");
    }

    #[test]
    fn link_text_repeating_its_destination_is_reported_once() {
        let t = "[https://example.org/a](https://example.org/a) and <a href=\"https://x.org/b\">https://x.org/b</a>";
        let found = extract_from_text(t, &[]);
        assert_eq!(found.len(), 2);
        assert_eq!(&t[found[0].span.clone()], "https://example.org/a");
        assert_eq!(found[0].span.start, t.find("](").unwrap() + 2);
        assert_eq!(found[1].span.start, t.find("https://x.org").unwrap());
    }

    #[test]
    fn html_href_keeps_its_trailing_period_and_decodes_entities() {
        let t =
            "<a href=\"https://www.example.com/smth.\">link</a> <img src='https://x.org/i.png?a=1&amp;b=2'>";
        assert_eq!(normalized(t), ["https://www.example.com/smth.", "https://x.org/i.png?a=1&b=2"]);
    }

    #[test]
    fn url_before_a_footnote_marker_ends_at_the_marker() {
        assert_eq!(
            urls("https://github.com/glowkeeper/ReportAid)[^1], more"),
            ["https://github.com/glowkeeper/ReportAid"]
        );
        let text = "Title\n\nIt is at http://example.org/page[1] here.\n\n[1] Note.\n";
        let doc = Document::parse(text, Format::Text);
        let raws: Vec<_> = extract(&doc).into_iter().map(|o| o.raw).collect();
        assert_eq!(raws, ["http://example.org/page"]);
    }

    #[test]
    fn urls_inside_ignored_regions_are_skipped() {
        let t = "`http://127.0.0.1/inline` and https://example.com";
        let code: Span = 0..25;
        let found = extract_from_text(t, std::slice::from_ref(&code));
        assert_eq!(found.iter().map(|o| o.raw.as_str()).collect::<Vec<_>>(), ["https://example.com"]);
    }

    #[test]
    fn urls_in_footnotes_carry_the_footnote_label() {
        let text = "Title\n\nSaid.[1]\n\n[1] Statement, 2 May 2020, http://example.org/s.\n\n[2] See www.example.org/t.\n";
        let doc = Document::parse(text, Format::Text);
        let found = extract(&doc);
        let got: Vec<_> = found.iter().map(|o| (o.raw.as_str(), o.footnote.as_deref())).collect();
        assert_eq!(got, [("http://example.org/s", Some("1")), ("www.example.org/t", Some("2"))]);
        assert_eq!(found[1].url().unwrap().as_str(), "http://www.example.org/t");
    }

    #[test]
    fn malformed_urls_carry_the_parse_error() {
        let found = extract_from_text("Port http://example.com:99999/x and http://[::1/x", &[]);
        assert_eq!(found[0].url(), Err("invalid port number".to_owned()));
        assert_eq!(found[1].raw, "http://[::1/x");
        assert!(found[1].url().is_err());
    }

    #[test]
    fn things_that_are_no_urls_are_not_extracted() {
        for t in [
            "http://",
            "http://.",
            "_http://example.com",
            "the www. prefix",
            "mailto: someone",
            "a <b>bold</b> word",
        ] {
            assert!(urls(t).is_empty(), "{t}");
        }
    }

    #[test]
    fn plainly_well_formed_urls_are_known_to_parse_without_parsing() {
        for s in [
            "https://example.org/a?b=1#c",
            "HTTP://Example.ORG:8080/x",
            "http://www.example.com",
            "https://doi.org/10.1016/S0140-6736(20)30183-5",
            "http://a-b.c--d.org/%zz\\{}|^`",
            "https://localhost:65535?q",
        ] {
            assert!(certainly_parses(s), "{s}");
        }
    }

    #[test]
    fn urls_the_fast_path_cannot_vouch_for_are_left_to_the_parser() {
        for s in [
            "http://example.org:80800/",
            "http://example.org:65536/",
            "http://1.2.3.999/",
            "http://a.0x1f/",
            "http://example.123/",
            "http://xn--zz.org/",
            "http://a.XN--80ak6aa92e/",
            "http://user@example.org/",
            "http://exa mple.org/",
            "http://例え.jp/",
            "http://a..b/",
            "http://example.org./",
            "https://[::1]/",
            "http://%41.org/",
            "http:///example.org/",
            "ftp://example.org/",
            "http://example.org/a b",
            "http://example.org/é",
        ] {
            assert!(!certainly_parses(s), "{s}");
        }
    }

    /// A URL that the fast path often accepts, with parts that a parser may reject:
    /// numeric last labels (`256`, `0x1f`, `017`), Punycode, ports too large or not
    /// numbers, `%`, `\`, `@`, spaces, controls and non-ASCII characters.
    fn adversarial_url() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let scheme =
            prop_oneof![6 => "(http|https|HtTpS)://", 1 => r"(http|https)(:/|:///|:\\\\)", 1 => "ftp://"];
        let label = prop_oneof![
            8 => "[a-zA-Z][a-zA-Z0-9-]{0,6}",
            2 => "(xn|XN|Xn)--[a-z0-9-]{0,6}",
            2 => "[0-9]{1,4}",
            2 => "0[xX][0-9a-fA-F]{0,4}",
            1 => "[a-zA-Z0-9-]{0,3}",
            1 => r"[a-zA-Z0-9-]{0,3}([%@_ é\\\t:\[\]]|%[0-9a-fA-F]{2})[a-zA-Z0-9]{0,2}",
        ];
        let host = (prop::collection::vec(label, 1..4), prop::bool::weighted(0.1))
            .prop_map(|(labels, dot)| labels.join(".") + if dot { "." } else { "" });
        let port = prop_oneof![4 => "", 2 => ":[0-9]{1,5}", 1 => ":[0-9]{6}", 1 => ":[0-9]{0,2}[a-z ]?"];
        let rest = prop_oneof![
            2 => "",
            4 => "[/?#][!-~]{0,20}",
            2 => r"[/?#\\ ][ -~%\\é\t\n\x00\x{80}-\x{10FFFF}]{0,10}",
        ];
        (scheme, host, port, rest).prop_map(|(s, h, p, r)| format!("{s}{h}{p}{r}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]
        #[test]
        fn what_the_fast_path_accepts_parses(s in adversarial_url()) {
            if certainly_parses(&s) {
                proptest::prop_assert!(Url::parse(&s).is_ok(), "{s:?}: {:?}", Url::parse(&s));
            }
        }
    }

    #[test]
    fn markdown_escapes_in_a_url_read_as_the_character_they_escape() {
        let text = "Said.[^1]\n\n[^1]: See https://example.org/a\\_b, [the page](https://example.org/c\\_d) \
                    and <https://example.org/e\\_f>.\n";
        let doc = Document::parse(text, Format::Markdown);
        let hrefs: Vec<String> = doc.urls().iter().map(|u| u.href().into_owned()).collect();
        // CommonMark keeps a backslash in an autolink as it is.
        assert_eq!(
            hrefs,
            ["https://example.org/a_b", "https://example.org/c_d", "https://example.org/e\\_f"]
        );
        assert_eq!(doc.urls()[0].url().map(|u| u.to_string()), Ok("https://example.org/a_b".to_owned()));
        // Plain text has no escapes.
        let doc = Document::parse("T\n\nSee https://example.org/a\\_b.\n", Format::Text);
        assert_eq!(doc.urls()[0].href(), "https://example.org/a\\_b");
    }

    #[test]
    fn cjk_punctuation_ends_a_url() {
        assert_eq!(urls("参照：https://example.org/a。次"), ["https://example.org/a"]);
        assert_eq!(urls("｜http://google.com｜bar"), ["http://google.com"]);
    }

    proptest::proptest! {
        #[test]
        fn any_text_yields_urls_on_char_boundaries(
            text in "(http://|https://|www\\.|doi:10\\.1/|<a href=\"|<|>|\\]\\(|[()\\[\\]\"'.,;:!?“”’ \n]|[a-zé]{1,3}|[\\u{3000}-\\u{303f}]|\\PC){0,40}"
        ) {
            let code: Span = 0..2;
            let ignored: Vec<Span> = if text.len() > 4 && text.is_char_boundary(2) { vec![code] } else { Vec::new() };
            for occ in extract_from_text(&text, &ignored) {
                proptest::prop_assert!(text.is_char_boundary(occ.span.start) && text.is_char_boundary(occ.span.end));
                proptest::prop_assert_eq!(&text[occ.span.clone()], occ.raw.as_str());
                proptest::prop_assert!(occ.span.start >= ignored.first().map_or(0, |r| r.end));
            }
        }
    }

    #[test]
    fn odd_input_never_panics() {
        for t in [
            "<",
            "<a",
            "<a href=",
            "<a href=\"",
            "](",
            "](<",
            "doi:",
            "doi:10.",
            "www.",
            "h",
            "é<é",
            "<a\u{e9}>",
            "http://é",
        ] {
            let _ = urls(t);
        }
        let long = format!("http://a.org/{}", ")".repeat(10_000));
        assert_eq!(urls(&long), ["http://a.org/"]);
    }
}
