//! What the extension keeps in the browser's local extension storage, versioned so that an
//! update never loses it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::letters::Details;

/// The storage format this build writes.
pub const SETTINGS_VERSION: u32 = 1;

/// The storage key.
pub const SETTINGS_KEY: &str = "settings";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub version: u32,
    /// The letter language the person chose, by form language (`de` → `en`).
    pub locale_by_lang: BTreeMap<String, String>,
    /// The person's optional details.
    pub details: Details,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            locale_by_lang: BTreeMap::new(),
            details: Details::default(),
        }
    }
}

impl Settings {
    /// The remembered letter language for forms in `lang` (`None`: the form's language).
    pub fn remembered_locale(&self, lang: Option<&str>) -> Option<&str> {
        self.locale_by_lang
            .get(lang.unwrap_or(""))
            .map(String::as_str)
    }

    pub fn remember_locale(&mut self, lang: Option<&str>, locale: &str) {
        self.locale_by_lang
            .insert(lang.unwrap_or("").to_string(), locale.to_string());
    }
}
