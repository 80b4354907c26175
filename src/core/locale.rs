//! Language tags and our locales, in one place: the tags browsers, pages and links give
//! (`de-AT`, `pt_BR`, `nn`), the letters' locales (`de`, `pt-br`) and the interface's, as
//! `_locales` names them (`de`, `pt_BR`, `pt_PT`). Pure string work on the lists the caller has,
//! so that `build.rs` can include it too (for [`ui_name`]).

/// Languages we have under another code: Norwegian (`no`) and Nynorsk (`nn`) get Bokmål (`nb`).
pub const ALIASES: &[(&str, &str)] = &[("no", "nb"), ("nn", "nb")];

/// The region a language means without one, where our locales differ by region: Portuguese
/// alone is European Portuguese (the letters' `pt`, the interface's `pt_PT`).
pub const DEFAULT_REGION: &[(&str, &str)] = &[("pt", "PT")];

/// The regions whose letters differ from their language's (`pt-br`, `en-gb`), as letter
/// locales: a page in one of them keeps its region.
pub const LETTER_REGIONS: &[&str] = &["pt-br", "en-gb"];

/// The language of a tag, in lower case: `de` for `de-AT`, `DE_de` or ` de `.
pub fn language(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// The code we have a language under (`nb` for `no` and `nn`), else the language itself.
pub fn alias(lang: &str) -> &str {
    ALIASES
        .iter()
        .find(|(from, _)| *from == lang)
        .map_or(lang, |(_, to)| to)
}

/// The interface locale (`_locales` folder) that goes with a letter locale: `pt_BR` for `pt-br`,
/// `pt_PT` for `pt`, `de` for `de`.
pub fn ui_name(letter_locale: &str) -> String {
    match letter_locale.split_once('-') {
        Some((lang, region)) => format!("{lang}_{}", region.to_ascii_uppercase()),
        None => match DEFAULT_REGION.iter().find(|(l, _)| *l == letter_locale) {
            Some((lang, region)) => format!("{lang}_{region}"),
            None => letter_locale.to_string(),
        },
    }
}

/// The interface locale of `have` for a browser language such as `de-AT`, `pt-BR`, `en-GB` or
/// `nb`: the exact locale where we have it, else the language alone (Portuguese: the European
/// variant; Norwegian: Bokmål), else none.
pub fn ui_locale<'a>(tag: &str, have: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    let wanted = tag.trim().replace('-', "_");
    let find = |name: &str| have.clone().find(|l| l.eq_ignore_ascii_case(name));
    if let Some(exact) = find(&wanted) {
        return Some(exact);
    }
    let lang = language(&wanted);
    let lang = alias(&lang);
    match DEFAULT_REGION.iter().find(|(l, _)| *l == lang) {
        Some((lang, region)) => find(&format!("{lang}_{region}")),
        None => find(lang),
    }
}

/// A page's locale like `de_DE`, `de-de`, `pt-BR` or `en` as our code: the language in lower
/// case (aliased), keeping the region only where letters differ by it (`pt-br`, `en-gb`).
pub fn page_locale(locale: &str) -> Option<String> {
    let mut parts = locale.trim().split(['_', '-']);
    let lang = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let region = parts
        .next()
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let regional = format!("{lang}-{region}");
    Some(if LETTER_REGIONS.contains(&regional.as_str()) {
        regional
    } else {
        alias(&lang).to_string()
    })
}

/// The letter locale of `have` that best fits a lower-case form language like `de`, `pt-br` or
/// `en-gb`: the exact locale, else its language without the region, else another region of the
/// same language.
pub fn best<'a>(lang: &str, have: &[&'a str]) -> Option<&'a str> {
    let lang = lang.to_ascii_lowercase();
    let base = lang.split('-').next().unwrap_or_default();
    have.iter()
        .find(|l| **l == lang)
        .or_else(|| have.iter().find(|l| **l == base))
        .or_else(|| have.iter().find(|l| l.split('-').next() == Some(base)))
        .copied()
}

/// The letter locale of `have` for any language tag (`de-AT`, `pt_BR`, `nn`…), aliases
/// included.
pub fn letter_locale<'a>(tag: &str, have: &[&'a str]) -> Option<&'a str> {
    let tag = tag.trim().replace('_', "-").to_ascii_lowercase();
    if tag.is_empty() {
        return None;
    }
    let lang = language(&tag);
    let aliased = alias(&lang);
    best(if aliased != lang { aliased } else { &tag }, have)
}
