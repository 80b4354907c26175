//! The letter catalogue: which letters a form gets, in which language, and rendering them with
//! the person's details.

use super::data::{FormKind, Letter, LETTER_IDS, LETTER_LOCALES, PIECE_END};
use super::template;

/// Used when we have no letters in the form's language.
pub const FALLBACK_LOCALE: &str = "en";

/// A detail is cut to this many characters before it goes into a letter.
pub const MAX_DETAIL_CHARS: usize = 200;

/// The person's optional details. Empty strings mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    pub name: String,
    pub country: String,
    /// Username or email of the account.
    pub account: String,
    /// The date to write; empty means today (the caller passes today's date separately).
    pub date: String,
}

impl Details {
    /// The details a person edits, by placeholder name (the date is always today's).
    pub fn editable(&self) -> [(&'static str, &str); 3] {
        [
            ("name", &self.name),
            ("country", &self.country),
            ("account", &self.account),
        ]
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
            "country" => self.country = value,
            "account" => self.account = value,
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
    if LETTER_IDS.iter().any(|(_, f)| *f == form) {
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
        .map_while(|(id, form)| {
            Some(Letter {
                locale,
                id,
                title: pieces.next()?,
                description: pieces.next()?,
                form: *form,
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

/// Renders a letter body with the person's details. `today` fills `{date}` when the person gave
/// no date.
pub fn render(body: &str, details: &Details, today: &str) -> String {
    let value = |name: &str| {
        let raw = match name {
            "name" => details.name.as_str(),
            "country" => details.country.as_str(),
            "account" => details.account.as_str(),
            "date" if details.date.trim().is_empty() => today,
            "date" => details.date.as_str(),
            _ => "",
        };
        Some(template::clean_value(raw, MAX_DETAIL_CHARS))
    };
    template::render(body, &value)
}
