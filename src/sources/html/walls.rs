//! Pages whose HTML does not hold the text a reader sees: rendered by scripts, or hidden
//! behind a consent wall or a paywall. Judged conservatively — a flagged page is not
//! checked at all — so each verdict needs both a thin main text and a positive sign.

use scraper::Html;

use super::jsonld;
use super::main_text::MainText;
use super::{html_element, small_text};
use crate::sources::model::Unverifiable;

/// Signs read off the whole document.
#[derive(Default)]
struct Signs {
    /// Bytes of inline scripts and the number of external ones.
    inline_script_bytes: usize,
    external_scripts: usize,
    /// Lower-cased text of `<noscript>` elements.
    noscript: String,
    /// An empty mount point of a script framework (`<div id="root"></div>`).
    empty_app_root: bool,
    /// Lower-cased text of the whole body, scripts and styles left out (capped).
    body_text: String,
    /// schema.org `isAccessibleForFree: false`, or an element named for a paywall.
    paywall_marker: bool,
    /// Characters of text inside elements named for cookies or consent, or dialogs.
    consent_chars: usize,
}

const MAX_BODY_TEXT: usize = 64 * 1024;

pub(super) fn judge(doc: &Html, main: &MainText, url: &str) -> Option<Unverifiable> {
    let signs = read_signs(doc);
    let main_chars = main.text.chars().count();
    if script_rendered(&signs, main_chars, main.visible_chars) {
        return Some(Unverifiable::ScriptRendered);
    }
    if consent_wall(&signs, main_chars, main.visible_chars, url) || paywall(&signs, main_chars) {
        return Some(Unverifiable::ConsentOrPaywall);
    }
    None
}

fn script_rendered(s: &Signs, main_chars: usize, visible_chars: usize) -> bool {
    if main_chars >= 200 || visible_chars >= 500 {
        return false;
    }
    let asks_for_js = s.noscript.contains("javascript") || s.noscript.contains("enable js");
    let heavy = s.inline_script_bytes >= 20 * visible_chars.max(100) || s.external_scripts >= 3;
    asks_for_js || (s.empty_app_root && (s.external_scripts > 0 || s.inline_script_bytes > 0)) || heavy
}

/// A consent wall: the page is a consent host's, or consent text is most of what the
/// page shows. A cookie banner over an article is neither.
fn consent_wall(s: &Signs, main_chars: usize, visible_chars: usize, url: &str) -> bool {
    // Consent hosts (consent.google.com, guce.yahoo.com, consent.example.de) and cookie
    // walls by name; a path merely mentioning consent (`/informed-consent-forms`) is not one.
    let host_path = url.split_once("://").map_or(url, |(_, rest)| rest).to_ascii_lowercase();
    let host = host_path.split(['/', '?', '#']).next().unwrap_or("");
    let consent_url = host.starts_with("consent.")
        || host.contains(".consent.")
        || host.starts_with("guce.")
        || host_path
            .split(['/', '?'])
            .any(|seg| matches!(seg, "cookiewall" | "cookie-wall" | "consent-wall"));
    const PHRASES: &[&str] = &[
        "cookie",
        "consent",
        "accept all",
        "reject all",
        "manage preferences",
        "privacy settings",
        "before you continue",
        "we value your privacy",
        "your privacy choices",
        "alle akzeptieren",
        "zustimmen",
        "einwilligung",
        "tout accepter",
        "nous respectons votre vie privée",
        "aceptar todo",
    ];
    let phrases = PHRASES.iter().filter(|p| s.body_text.contains(*p)).count();
    let mostly_consent = s.consent_chars * 2 >= visible_chars.max(1) && s.consent_chars > 0;
    (consent_url && phrases >= 1 && main_chars < 1500)
        || (phrases >= 2 && mostly_consent && main_chars < 1000)
}

fn paywall(s: &Signs, main_chars: usize) -> bool {
    const PHRASES: &[&str] = &[
        "subscribe to continue reading",
        "subscribe to read",
        "subscribers only",
        "for subscribers",
        "already a subscriber",
        "to continue reading",
        "log in to continue",
        "sign in to continue reading",
        "create a free account to continue",
        "abonnieren sie",
        "jetzt abonnieren",
        "réservé aux abonnés",
        "exclusivo para suscriptores",
    ];
    let says_so = PHRASES.iter().any(|p| s.body_text.contains(p));
    main_chars < 1200 && says_so && (s.paywall_marker || main_chars < 600)
}

fn read_signs(doc: &Html) -> Signs {
    let mut s = Signs::default();
    let mut stack = vec![(*doc.root_element(), false)];
    while let Some((node, in_consent)) = stack.pop() {
        if let Some(t) = node.value().as_text() {
            if s.body_text.len() < MAX_BODY_TEXT {
                s.body_text.push_str(&t.to_lowercase());
                s.body_text.push(' ');
            }
            continue;
        }
        let mut consent = in_consent;
        if let Some(e) = html_element(node) {
            let el = e.value();
            match el.name() {
                "script" => {
                    if el.attr("src").is_some() {
                        s.external_scripts += 1;
                    }
                    let text: String = e.text().collect();
                    if el.attr("type").is_some_and(|t| t.contains("ld+json")) {
                        s.paywall_marker |= jsonld::not_free(&text);
                    } else {
                        s.inline_script_bytes += text.len();
                    }
                    continue;
                }
                "noscript" => {
                    if s.noscript.len() < MAX_BODY_TEXT {
                        s.noscript.push_str(&e.text().collect::<String>().to_lowercase());
                    }
                    continue;
                }
                "style" | "template" | "head" => continue,
                _ => {
                    let names = format!("{} {}", el.attr("class").unwrap_or(""), el.id().unwrap_or(""))
                        .to_lowercase();
                    s.paywall_marker |= names.contains("paywall") || names.contains("regwall");
                    let mount = matches!(
                        el.id(),
                        Some("root" | "app" | "__next" | "__nuxt" | "___gatsby" | "svelte")
                    );
                    s.empty_app_root |= mount && small_text(e, 64, 0).is_some_and(|t| t.is_empty());
                    let role = el.attr("role").unwrap_or("");
                    let named = ["cookie", "consent", "gdpr", "onetrust", "didomi", "cmp-", "privacy-banner"]
                        .iter()
                        .any(|w| names.contains(w));
                    if !in_consent && (named || role == "dialog" || role == "alertdialog") {
                        consent = true;
                        s.consent_chars += e
                            .text()
                            .map(|t| t.split_whitespace().map(|w| w.chars().count() + 1).sum::<usize>())
                            .sum::<usize>();
                    }
                }
            }
        }
        stack.extend(node.children().rev().map(|c| (c, consent)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(html: &str, url: &str) -> Option<Unverifiable> {
        let doc = Html::parse_document(html);
        let main = super::super::main_text::extract(&doc);
        judge(&doc, &main, url)
    }

    const ARTICLE: &str = "<p>The minister addressed parliament on mine action, saying that the clearance \
        of the border areas would continue through the year, with funding from the state budget and from \
        international donors, and that the country would report on its progress in due course.</p>";

    #[test]
    fn an_empty_app_shell_with_scripts_is_script_rendered() {
        let html = "<html><body><div id=\"root\"></div><script src=\"/app.js\"></script></body></html>";
        assert_eq!(verdict(html, "https://example.org/"), Some(Unverifiable::ScriptRendered));
    }

    #[test]
    fn a_noscript_plea_on_a_thin_page_is_script_rendered() {
        let html =
            "<body><noscript>Please enable JavaScript to view this page.</noscript><p>Loading…</p></body>";
        assert_eq!(verdict(html, "https://example.org/"), Some(Unverifiable::ScriptRendered));
    }

    #[test]
    fn a_real_article_with_scripts_and_a_noscript_is_not_flagged() {
        let html = format!(
            "<body><noscript>Enable JavaScript for comments</noscript><script src=a.js></script>\
             <script src=b.js></script><script src=c.js></script><article>{ARTICLE}{ARTICLE}</article></body>"
        );
        assert_eq!(verdict(&html, "https://example.org/"), None);
    }

    #[test]
    fn a_consent_wall_is_flagged_but_an_article_with_a_cookie_banner_is_not() {
        let wall = "<body><div class=\"consent\"><h1>Before you continue</h1><p>We use cookies and data to \
                    deliver our services.</p><button>Reject all</button><button>Accept all</button></div></body>";
        assert_eq!(
            verdict(wall, "https://consent.example.com/?continue=x"),
            Some(Unverifiable::ConsentOrPaywall)
        );
        let banner = format!(
            "<body><div id=\"cookie-banner\">We use cookies. <button>Accept all</button> \
             <button>Reject all</button> Consent settings</div><article>{ARTICLE}</article></body>"
        );
        assert_eq!(verdict(&banner, "https://example.org/news"), None);
        let forms = format!("<body><h1>Consent forms</h1><p>Download the consent form.</p>{ARTICLE}</body>");
        assert_eq!(verdict(&forms, "https://example.org/consent/forms"), None);
    }

    #[test]
    fn a_paywall_needs_a_thin_text_and_a_paywall_sign() {
        let wall = "<body><h1>Title</h1><p>The first lines of the story.</p><div class=\"paywall\">Subscribe to \
                    continue reading. Already a subscriber? Log in.</div></body>";
        assert_eq!(verdict(wall, "https://news.example.com/a"), Some(Unverifiable::ConsentOrPaywall));
        let open = format!(
            "<body><article>{ARTICLE}{ARTICLE}{ARTICLE}{ARTICLE}</article><p>Already a subscriber? Log in.</p></body>"
        );
        assert_eq!(verdict(&open, "https://news.example.com/a"), None);
    }
}
