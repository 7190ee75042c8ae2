//! The language of a source: a declared tag (`en-GB`, `es_ES`, `fr`) reduced to its
//! primary subtag, or a guess from the main text when nothing is declared.

use super::model::{Language, LanguageOrigin};

/// A declared language tag, or `None` when the value is not one (`x-default`, `*`, empty).
pub(crate) fn declared(raw: &str, origin: LanguageOrigin) -> Option<Language> {
    let raw = raw.trim();
    let primary = raw.split(['-', '_', ',', ';', ' ']).next()?.to_ascii_lowercase();
    let valid = (2..=3).contains(&primary.len()) && primary.bytes().all(|b| b.is_ascii_lowercase());
    valid.then(|| Language { code: primary, raw: raw.to_owned(), origin })
}

/// Guess the language of `text` from its first 8 KiB, when the guess is reliable.
pub(crate) fn detect(text: &str) -> Option<Language> {
    let end = text.char_indices().nth(8 * 1024).map_or(text.len(), |(i, _)| i);
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 40 {
        return None;
    }
    let info = whatlang::detect(sample).filter(whatlang::Info::is_reliable)?;
    let iso3 = info.lang().code();
    Some(Language {
        code: iso639_1(iso3).unwrap_or(iso3).to_owned(),
        raw: iso3.to_owned(),
        origin: LanguageOrigin::Detected { confidence: info.confidence() as f32 },
    })
}

/// ISO 639-3 → 639-1 for the languages whatlang knows (those with a two-letter code).
fn iso639_1(iso3: &str) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("afr", "af"),
        ("aka", "ak"),
        ("amh", "am"),
        ("ara", "ar"),
        ("aze", "az"),
        ("bel", "be"),
        ("ben", "bn"),
        ("bul", "bg"),
        ("cat", "ca"),
        ("ces", "cs"),
        ("cmn", "zh"),
        ("dan", "da"),
        ("deu", "de"),
        ("ell", "el"),
        ("eng", "en"),
        ("epo", "eo"),
        ("est", "et"),
        ("fin", "fi"),
        ("fra", "fr"),
        ("guj", "gu"),
        ("heb", "he"),
        ("hin", "hi"),
        ("hrv", "hr"),
        ("hun", "hu"),
        ("hye", "hy"),
        ("ind", "id"),
        ("ita", "it"),
        ("jav", "jv"),
        ("jpn", "ja"),
        ("kan", "kn"),
        ("kat", "ka"),
        ("khm", "km"),
        ("kor", "ko"),
        ("lat", "la"),
        ("lav", "lv"),
        ("lit", "lt"),
        ("mal", "ml"),
        ("mar", "mr"),
        ("mkd", "mk"),
        ("mya", "my"),
        ("nep", "ne"),
        ("nld", "nl"),
        ("nob", "nb"),
        ("ori", "or"),
        ("pan", "pa"),
        ("pes", "fa"),
        ("pol", "pl"),
        ("por", "pt"),
        ("ron", "ro"),
        ("rus", "ru"),
        ("sin", "si"),
        ("slk", "sk"),
        ("slv", "sl"),
        ("sna", "sn"),
        ("spa", "es"),
        ("srp", "sr"),
        ("swe", "sv"),
        ("tam", "ta"),
        ("tel", "te"),
        ("tgl", "tl"),
        ("tha", "th"),
        ("tuk", "tk"),
        ("tur", "tr"),
        ("ukr", "uk"),
        ("urd", "ur"),
        ("uzb", "uz"),
        ("vie", "vi"),
        ("yid", "yi"),
        ("zul", "zu"),
        ("sqi", "sq"),
        ("bos", "bs"),
        ("isl", "is"),
        ("kaz", "kk"),
        ("mon", "mn"),
        ("gle", "ga"),
        ("eus", "eu"),
        ("glg", "gl"),
        ("cym", "cy"),
        ("tir", "ti"),
        ("som", "so"),
        ("swa", "sw"),
        ("yor", "yo"),
        ("ibo", "ig"),
        ("hau", "ha"),
    ];
    TABLE.iter().find(|(three, _)| *three == iso3).map(|(_, two)| *two)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_tags_reduce_to_their_primary_subtag() {
        let l = declared("es_ES", LanguageOrigin::HtmlLang).unwrap();
        assert_eq!((l.code.as_str(), l.raw.as_str()), ("es", "es_ES"));
        assert_eq!(declared("EN-gb", LanguageOrigin::HtmlLang).unwrap().code, "en");
        assert_eq!(declared("x-default", LanguageOrigin::HtmlLang), None);
        assert_eq!(declared("", LanguageOrigin::HtmlLang), None);
    }

    #[test]
    fn spanish_prose_is_detected_as_spanish() {
        let text = "El Ministerio de Relaciones Exteriores informó que el gobierno no tiene planes de \
                    adherirse a la convención sobre la prohibición de minas antipersonal este año.";
        let l = detect(text).unwrap();
        assert_eq!(l.code, "es");
        assert!(matches!(l.origin, LanguageOrigin::Detected { .. }));
    }

    #[test]
    fn too_little_text_gives_no_guess() {
        assert_eq!(detect("Click here"), None);
    }
}
