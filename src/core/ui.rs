//! The interface's words in the person's language. The messages are the browser's own format,
//! `extension/_locales/<locale>/messages.json`, embedded by `build.rs`: the built extension ships
//! only the few messages its manifest needs in `_locales`, and everything else comes from here, so
//! that the interface's 28 languages are packed together with the letters.

use super::data::{PIECE_END, UI_LOCALES};
pub use super::plural::Plural;
use super::plural::PLURAL_MARK;

pub use super::data::Msg;

/// The interface's language where the browser's is not one of ours.
pub const UI_FALLBACK: &str = "en";

/// The interface locale for a browser language such as `de-AT`, `pt-BR`, `en-GB` or `nb`:
/// the exact locale where we have it, else the language alone, else English (see
/// [`super::locale::ui_locale`]).
pub fn ui_locale(lang: &str) -> &'static str {
    let have = UI_LOCALES.iter().map(|(locale, _)| *locale);
    super::locale::ui_locale(lang, have).unwrap_or(UI_FALLBACK)
}

/// Message `msg` in `locale` (else in English), with `$1`, `$2`… replaced by `substitutions` as
/// the browser's `i18n.getMessage` does (`$$` is a dollar sign).
pub fn message(locale: &str, msg: Msg, substitutions: &[String]) -> String {
    counted(locale, msg, Plural::Other, substitutions)
}

/// Message `msg` in the form for a number of category `plural` (`$1` is that number, written as
/// the language writes it): "1 character", "2 characters"; in Polish "1 znak", "2 znaki",
/// "5 znaków". A locale without that form uses the message itself.
pub fn counted(locale: &str, msg: Msg, plural: Plural, substitutions: &[String]) -> String {
    let index = msg as usize;
    let lookup = |name: &str| {
        UI_LOCALES
            .iter()
            .find(|(locale, _)| *locale == name)
            .and_then(|(_, messages)| messages.split(PIECE_END).nth(index))
            .filter(|m| !m.is_empty())
    };
    let piece = lookup(locale)
        .or_else(|| lookup(UI_FALLBACK))
        .unwrap_or_default();
    let mut forms = piece.split(PLURAL_MARK);
    let other = forms.next().unwrap_or_default();
    let text = plural
        .mark()
        .and_then(|mark| forms.find_map(|f| f.strip_prefix(mark)))
        .unwrap_or(other);
    substitute(text, substitutions)
}

fn substitute(text: &str, substitutions: &[String]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('$') => {
                chars.next();
                out.push('$');
            }
            Some(d @ '1'..='9') => {
                chars.next();
                let n = d as usize - '1' as usize;
                if let Some(s) = substitutions.get(n) {
                    out.push_str(s);
                }
            }
            _ => out.push('$'),
        }
    }
    out
}

/// The interface locales, as named in `_locales`.
pub fn ui_locales() -> impl Iterator<Item = &'static str> {
    UI_LOCALES.iter().map(|(locale, _)| *locale)
}
