//! schema.org JSON-LD blocks: `headline`, `name` (of creative works only: an
//! Organization's or a BreadcrumbList's name is no title), `datePublished`/`dateCreated`,
//! `dateModified`, `author`/`creator` (strings, objects with a `name`, arrays of either)
//! and `inLanguage`, looked for in top-level arrays, `@graph` arrays and `mainEntity`.

use serde_json::Value;

use super::meta::{Field, Found};
use crate::sources::model::Origin;

pub(super) fn collect(script: &str, found: &mut Found) {
    let Some(value) = parse_lenient(script) else { return };
    visit(&value, found, 0);
}

/// Whether the block says the page is not free to read (`isAccessibleForFree: false`).
pub(super) fn not_free(script: &str) -> bool {
    fn find(v: &Value, depth: usize) -> bool {
        match v {
            Value::Object(map) => {
                let flagged = match map.get("isAccessibleForFree") {
                    Some(Value::Bool(b)) => !b,
                    Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("false"),
                    _ => false,
                };
                flagged || (depth < 6 && map.values().any(|v| find(v, depth + 1)))
            }
            Value::Array(items) => depth < 6 && items.iter().any(|v| find(v, depth + 1)),
            _ => false,
        }
    }
    parse_lenient(script).is_some_and(|v| find(&v, 0))
}

/// Parse a script's JSON, forgiving the wrappers pages put around it (HTML comments,
/// CDATA markers).
fn parse_lenient(script: &str) -> Option<Value> {
    let s = script.trim();
    if let Ok(v) = serde_json::from_str(s) {
        return Some(v);
    }
    let mut cleaned = s;
    for wrapper in ["<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"] {
        cleaned = cleaned.trim().trim_start_matches(wrapper).trim_end_matches(wrapper);
    }
    serde_json::from_str(cleaned.trim().trim_end_matches(';')).ok()
}

fn visit(v: &Value, found: &mut Found, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().take(100).for_each(|i| visit(i, found, depth + 1)),
        Value::Object(map) => {
            if let Some(graph) = map.get("@graph") {
                visit(graph, found, depth + 1);
            }
            let work = is_creative_work(map.get("@type"));
            if let Some(Value::String(h)) = map.get("headline") {
                found.add(Field::Title, origin("headline"), h);
            }
            if work && let Some(Value::String(n)) = map.get("name") {
                found.add(Field::Title, origin("name"), n);
            }
            for (key, field) in [
                ("datePublished", Field::Published),
                ("dateCreated", Field::Published),
                ("dateModified", Field::Modified),
                ("inLanguage", Field::Language),
            ] {
                if let Some(Value::String(s)) = map.get(key) {
                    found.add(field, origin(key), s);
                }
            }
            for key in ["author", "creator"] {
                if let Some(a) = map.get(key) {
                    authors(a, key, found, 0);
                }
            }
            if let Some(main) = map.get("mainEntity") {
                visit(main, found, depth + 1);
            }
        }
        _ => {}
    }
}

fn authors(v: &Value, key: &str, found: &mut Found, depth: usize) {
    match v {
        Value::String(s) => found.add(Field::Author, origin(key), s),
        Value::Array(items) if depth < 2 => {
            items.iter().take(50).for_each(|i| authors(i, key, found, depth + 1))
        }
        Value::Object(map) => match map.get("name") {
            Some(Value::String(name)) => found.add(Field::Author, origin(key), name),
            Some(other) if depth < 2 => authors(other, key, found, depth + 1),
            _ => {}
        },
        _ => {}
    }
}

fn origin(field: &str) -> Origin {
    Origin::JsonLd(field.to_owned())
}

/// Whether `@type` names a creative work whose `name` is its title.
fn is_creative_work(t: Option<&Value>) -> bool {
    const WORKS: &[&str] = &[
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "SocialMediaPosting",
        "ScholarlyArticle",
        "TechArticle",
        "Report",
        "CreativeWork",
        "WebPage",
        "ItemPage",
        "AboutPage",
        "Legislation",
        "PressRelease",
        "Book",
        "Chapter",
        "Thesis",
        "Dataset",
        "Guide",
        "Review",
        "Speech",
    ];
    let named =
        |s: &str| WORKS.contains(&s.trim_start_matches("schema:").trim_start_matches("http://schema.org/"));
    match t {
        Some(Value::String(s)) => named(s),
        Some(Value::Array(items)) => items.iter().any(|i| i.as_str().is_some_and(named)),
        _ => false,
    }
}
