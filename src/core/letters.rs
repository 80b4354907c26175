//! The letter catalogue: which letters a form gets, in which language, and rendering them with
//! the person's details.

use super::data::{
    FormKind, Law, Letter, Residence, LAW_KEYS, LETTER_IDS, LETTER_LOCALES, PIECE_END, RESIDENCES,
};
use super::fold::fold;
use super::template;

/// Used when we have no letters in the form's language.
pub const FALLBACK_LOCALE: &str = "en";

/// A detail is cut to this many characters before it goes into a letter.
pub const MAX_DETAIL_CHARS: usize = 200;

/// The person's own words are cut to this many characters.
pub const MAX_OWN_CHARS: usize = 600;

/// The residence of a person who lives in none of the countries listed.
pub const OTHER: &str = "other";

/// The person's optional details. Empty strings mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    pub name: String,
    /// Where the person lives: a code of [`residences`], [`OTHER`], or empty (not chosen yet).
    /// It decides the law a letter cites, and the letter names the country (`{country}`).
    pub residence: String,
    /// Username or email of the account.
    pub account: String,
    /// The date to write; empty means today (the caller passes today's date separately).
    pub date: String,
    /// The free-text country of versions before the residence choice, kept as it was stored;
    /// it became [`Details::residence`] where it named a country we know.
    pub country: String,
    /// A sentence or two in the person's own words that the letter carries (`{own}`). Kept with
    /// the letter being written, not with the saved details.
    pub own: String,
}

impl Details {
    /// The details a person edits and saves, by name (the date is always today's).
    pub fn editable(&self) -> [(&'static str, &str); 3] {
        [
            ("name", &self.name),
            ("account", &self.account),
            ("residence", &self.residence),
        ]
    }

    /// The law the letters cite for this residence (`None`: not chosen yet).
    pub fn law(&self) -> Option<Law> {
        law_of(&self.residence)
    }

    /// One detail by placeholder name ("" for other names).
    pub fn get(&self, key: &str) -> &str {
        self.editable()
            .into_iter()
            .find(|(k, _)| *k == key)
            .map_or("", |(_, v)| v)
    }

    /// These details (as shown, perhaps being typed) after another page saved `now` over
    /// `before`: each detail left as it was saved follows `now`; one changed here and not saved
    /// yet stays as typed.
    pub fn follow(&self, before: &Details, now: &Details) -> Details {
        let mut out = self.clone();
        for (key, value) in now.editable() {
            if self.get(key) == before.get(key) {
                out.set(key, value.to_string());
            }
        }
        out
    }

    /// Sets one detail by placeholder name; other names change nothing.
    pub fn set(&mut self, key: &str, value: String) {
        match key {
            "name" => self.name = value,
            "residence" => self.residence = value,
            "account" => self.account = value,
            "own" => self.own = value,
            _ => {}
        }
    }
}

/// The locales we have letters in, in catalogue order.
pub fn locales() -> Vec<&'static str> {
    LETTER_LOCALES.iter().map(|(locale, _)| *locale).collect()
}

/// The locales with letters for `form`, in catalogue order. Every locale has every letter id
/// (`build.rs` refuses a locale that lacks one), so this needs only the ids' forms, not the text.
pub fn locales_for(form: FormKind) -> Vec<&'static str> {
    if LETTER_IDS.iter().any(|(_, f, _)| *f == form) {
        locales()
    } else {
        Vec::new()
    }
}

/// Every built-in letter, locale by locale, each locale's in catalogue order.
pub fn all() -> Vec<Letter> {
    LETTER_LOCALES
        .iter()
        .flat_map(|(locale, _)| of_locale(locale))
        .collect()
}

/// A locale's letters in catalogue order (none for a locale we do not have). Its text holds
/// title, description and body of each letter, each ended by [`PIECE_END`].
fn of_locale(locale: &str) -> Vec<Letter> {
    let Some((locale, text)) = LETTER_LOCALES.iter().find(|(l, _)| *l == locale) else {
        return Vec::new();
    };
    let mut pieces = text.split(PIECE_END);
    LETTER_IDS
        .iter()
        .map_while(|(id, form, facts)| {
            Some(Letter {
                locale,
                id,
                title: pieces.next()?,
                description: pieces.next()?,
                form: *form,
                facts: *facts,
                body: pieces.next()?,
            })
        })
        .collect()
}

/// The locale of ours that best fits a form language like `de`, `pt-br` or `en-gb`: the exact
/// locale, else its language without the region, else another region of the same language.
pub fn best_locale(lang: &str) -> Option<&'static str> {
    super::locale::best(lang, &locales())
}

/// The locale to preselect: the one the person chose before for forms in this language, else the
/// form's language, else English.
pub fn preselect_locale(form_lang: Option<&str>, remembered: Option<&str>) -> &'static str {
    remembered
        .and_then(|r| locales().into_iter().find(|l| *l == r))
        .or_else(|| form_lang.and_then(best_locale))
        .unwrap_or(FALLBACK_LOCALE)
}

/// The built-in letters for a form in a locale, in catalogue order.
pub fn letters_for(form: FormKind, locale: &str) -> Vec<Letter> {
    of_locale(locale)
        .into_iter()
        .filter(|l| l.form == form)
        .collect()
}

/// One built-in letter.
pub fn find_letter(locale: &str, id: &str) -> Option<Letter> {
    of_locale(locale).into_iter().find(|l| l.id == id)
}

/// A locale's pieces after its letters: the complaint, the law pieces, the countries and the
/// languages (see `build.rs`), or `None` for a locale we do not have.
fn extras(locale: &str) -> Option<std::iter::Skip<std::str::Split<'static, char>>> {
    let (_, text) = LETTER_LOCALES.iter().find(|(l, _)| *l == locale)?;
    Some(text.split(PIECE_END).skip(LETTER_IDS.len() * 3))
}

/// The complaint to an authority in `locale` (else English): title and body, with
/// `{law.<key>}`, `{sent}` and `{platform}`.
pub fn complaint(locale: &str) -> (&'static str, &'static str) {
    let mut pieces = extras(locale)
        .or_else(|| extras(FALLBACK_LOCALE))
        .into_iter()
        .flatten();
    (
        pieces.next().unwrap_or_default(),
        pieces.next().unwrap_or_default(),
    )
}

/// A piece of `law` in `locale` (else English): `key` is one of [`LAW_KEYS`] ("" for another).
pub fn law_piece(locale: &str, law: Law, key: &str) -> &'static str {
    let Some(k) = LAW_KEYS.iter().position(|k| *k == key) else {
        return "";
    };
    let at = 2 + law as usize * LAW_KEYS.len() + k;
    extras(locale)
        .or_else(|| extras(FALLBACK_LOCALE))
        .and_then(|mut p| p.nth(at))
        .unwrap_or_default()
}

/// The countries a person may live in, named in `locale` (else English), in its alphabetical
/// order: code and name pairs after the law pieces.
pub fn countries(locale: &str) -> Vec<(&'static str, &'static str)> {
    let mut pieces = extras(locale)
        .or_else(|| extras(FALLBACK_LOCALE))
        .into_iter()
        .flatten()
        .skip(2 + Law::ALL.len() * LAW_KEYS.len());
    let mut out = Vec::with_capacity(RESIDENCES.len());
    while let (Some(code), Some(name)) = (pieces.next(), pieces.next()) {
        out.push((code, name));
    }
    out
}

/// A country's name in `locale` ("" for a code we do not list).
pub fn country_name(locale: &str, code: &str) -> &'static str {
    countries(locale)
        .into_iter()
        .find(|(c, _)| *c == code)
        .map_or("", |(_, name)| name)
}

/// Every country a person may live in, by code order.
pub fn residences() -> &'static [Residence] {
    RESIDENCES
}

/// A listed country by its code (`IE`; any case).
pub fn residence(code: &str) -> Option<&'static Residence> {
    RESIDENCES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The law for a residence: `None` while the person has not chosen one.
pub fn law_of(residence_code: &str) -> Option<Law> {
    if residence_code == OTHER {
        return Some(Law::None);
    }
    residence(residence_code).map(|r| r.law)
}

/// The law a letter cites before the person has said where they live: the one its language
/// suggests. Only for showing a letter; the popup and the composer ask before it is used.
pub fn default_law(locale: &str) -> Law {
    match locale {
        "en-gb" => Law::Uk,
        "pt-br" => Law::Lgpd,
        _ => Law::Gdpr,
    }
}

/// The listed country a text names: its code (`ie`, `IE`) or its name in any of our languages
/// ("Irland", "Éire"), as a form's country field or an earlier version's free text holds it.
pub fn residence_from_text(text: &str) -> Option<&'static str> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    if let Some(r) = residence(text) {
        return Some(r.code);
    }
    let folded = fold(text);
    let folded = folded.trim();
    LETTER_LOCALES.iter().find_map(|(locale, _)| {
        countries(locale)
            .into_iter()
            .find(|(_, name)| fold(name).trim() == folded)
            .map(|(code, _)| code)
    })
}

/// The residence to preselect: the one the person chose before, else the one the form's own
/// country field names, else the region of the browser's first language that names a listed
/// country (`en-IE` → `IE`). `None`: the person chooses.
pub fn preselect_residence(
    remembered: &str,
    form_countries: &[String],
    browser_langs: &[String],
) -> Option<&'static str> {
    if let Some(r) = residence(remembered) {
        return Some(r.code);
    }
    if remembered == OTHER {
        return Some(OTHER);
    }
    form_countries
        .iter()
        .find_map(|t| residence_from_text(t))
        .or_else(|| {
            browser_langs.iter().find_map(|tag| {
                let region = tag.split(['-', '_']).skip(1).find(|p| p.len() == 2)?;
                residence(region).map(|r| r.code)
            })
        })
}

/// Replaces the `{law.<key>}` of `body` with the pieces of `law` in `locale`.
pub fn with_law(body: &str, locale: &str, law: Law) -> String {
    let piece = |key: &str| LAW_KEYS.contains(&key).then(|| law_piece(locale, law, key));
    template::expand_law(body, &piece)
}

/// Renders a letter body in `locale` with the person's details: the law of their residence
/// (else [`default_law`]), the country named in the letter's language, their own words. `today`
/// fills `{date}` when the person gave no date.
pub fn render(body: &str, locale: &str, details: &Details, today: &str) -> String {
    let law = details.law().unwrap_or_else(|| default_law(locale));
    let country = country_name(locale, &details.residence);
    let value = |name: &str| {
        let (raw, max) = match name {
            "name" => (details.name.as_str(), MAX_DETAIL_CHARS),
            "country" => (country, MAX_DETAIL_CHARS),
            "account" => (details.account.as_str(), MAX_DETAIL_CHARS),
            "own" => (details.own.as_str(), MAX_OWN_CHARS),
            "date" if details.date.trim().is_empty() => (today, MAX_DETAIL_CHARS),
            "date" => (details.date.as_str(), MAX_DETAIL_CHARS),
            _ => ("", 0),
        };
        Some(template::clean_value(raw, max))
    };
    template::render(&with_law(body, locale, law), &value)
}

/// The complaint to the authority of the person's residence, in `locale`: `sent` is the date of
/// the objection, `platform` its name. `None` where there is no authority (another country).
pub fn render_complaint(
    locale: &str,
    details: &Details,
    sent: &str,
    platform: &str,
    today: &str,
) -> Option<String> {
    let law = residence(&details.residence)?.law;
    let (_, body) = complaint(locale);
    let value = |name: &str| {
        let raw = match name {
            "name" => details.name.as_str(),
            "account" => details.account.as_str(),
            "sent" => sent,
            "platform" => platform,
            "date" => today,
            _ => "",
        };
        Some(template::clean_value(raw, MAX_DETAIL_CHARS))
    };
    Some(template::render(&with_law(body, locale, law), &value))
}
