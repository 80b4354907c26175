//! What the extension keeps in the browser's local extension storage, versioned so that an
//! update never loses it.
//!
//! Versions: 1 (language choices and details), 2 (adds the person's own letters).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::letters::Details;
use super::own::OwnLetter;

/// The storage format this build writes.
pub const SETTINGS_VERSION: u32 = 2;

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
    /// The person's own letters.
    pub letters: Vec<OwnLetter>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            locale_by_lang: BTreeMap::new(),
            details: Details::default(),
            letters: Vec::new(),
        }
    }
}

/// Settings as stored by any version: every field may be missing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StoredSettings {
    pub version: Option<u32>,
    pub locale_by_lang: Option<BTreeMap<String, String>>,
    pub details: Option<Details>,
    pub letters: Option<Vec<OwnLetter>>,
}

/// How loading went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Loaded {
    /// Nothing stored yet.
    Fresh,
    /// Stored by this version.
    Current,
    /// Stored by an older version and brought up to date (save to keep it so).
    Migrated { from: u32 },
    /// Stored by a newer version: read what we understand, and never write over it.
    Newer { version: u32 },
    /// Stored, but not readable: never write over it without asking.
    Unreadable,
}

impl Loaded {
    /// Whether saving may replace what is stored.
    pub fn may_save(self) -> bool {
        matches!(
            self,
            Loaded::Fresh | Loaded::Current | Loaded::Migrated { .. }
        )
    }
}

/// Brings stored settings of any version up to this one. `None`: nothing stored;
/// `Some(Err(()))`: something stored that could not be read at all.
pub fn load(stored: Option<Result<StoredSettings, ()>>) -> (Settings, Loaded) {
    let s = match stored {
        None => return (Settings::default(), Loaded::Fresh),
        Some(Err(())) => return (Settings::default(), Loaded::Unreadable),
        Some(Ok(s)) => s,
    };
    let version = s.version.unwrap_or(1);
    let settings = Settings {
        version: SETTINGS_VERSION,
        locale_by_lang: s.locale_by_lang.unwrap_or_default(),
        details: s.details.unwrap_or_default(),
        letters: s.letters.unwrap_or_default(),
    };
    let loaded = match version {
        v if v == SETTINGS_VERSION => Loaded::Current,
        v if v > SETTINGS_VERSION => Loaded::Newer { version: v },
        v => Loaded::Migrated { from: v },
    };
    (settings, loaded)
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
