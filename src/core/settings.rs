//! What the extension keeps in the browser's local extension storage, versioned so that an
//! update never loses it.
//!
//! Versions: 1 (language choices and details), 2 (adds the person's own letters), 3 (adds the
//! residence among the details; a free-text country of earlier versions becomes it where it
//! names a country we know, and stays stored as it was).
//!
//! Stored data is read entry by entry: each own letter, each language choice and each detail on
//! its own. What cannot be read is kept aside exactly as it was ([`Kept`]) and written back
//! untouched with every save, the person is told ([`Stored::problems`]), and nothing replaces it
//! unless the person chose to discard it ([`Stored::discard`]). Data written by a newer version
//! is read as far as this version understands it and never written over.

use super::data::FormKind;
use super::letters::{self, Details};
use super::own::{next_id, OwnLetter};
use super::raw::Raw;

/// The storage format this build writes.
pub const SETTINGS_VERSION: u32 = 3;

/// The storage key.
pub const SETTINGS_KEY: &str = "settings";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub version: u32,
    /// The letter language the person chose, by form language (`de` → `en`), each form language
    /// once, in the order they were first chosen (a list: a map's code would cost more in the
    /// WebAssembly than these few entries could ever save).
    pub locale_by_lang: Vec<(String, String)>,
    /// The person's optional details.
    pub details: Details,
    /// The person's own letters.
    pub letters: Vec<OwnLetter>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            locale_by_lang: Vec::new(),
            details: Details::default(),
            letters: Vec::new(),
        }
    }
}

/// How loading went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loaded {
    /// Nothing stored yet.
    Fresh,
    /// Stored by this version.
    Current,
    /// Stored by an older version and brought up to date (save to keep it so).
    Migrated { from: u32 },
    /// Stored by a newer version: read what we understand, and never write over it.
    Newer { version: u32 },
    /// Stored, but not readable as settings at all (or with a version that is no version):
    /// read what can be read, and never write over it without asking.
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

/// One part of the settings (letters, language choices or details) as far as it could not be
/// read, exactly as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Part {
    /// The whole part, when it was not the list or object it should be.
    pub whole: Option<Raw>,
    /// The entries that could not be read: key and value (letters have no key: empty).
    pub entries: Vec<(String, Raw)>,
}

impl Part {
    /// How many things could not be read (a whole part counts as one).
    pub fn count(&self) -> usize {
        self.entries.len() + usize::from(self.whole.is_some())
    }

    fn has_key(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _)| k == key)
    }
}

/// What could not be read, kept aside to be written back untouched.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kept {
    /// The stored value, when it was not settings at all.
    pub whole: Option<Raw>,
    pub letters: Part,
    pub locale_by_lang: Part,
    pub details: Part,
    /// Entries of the settings this version does not know (kept, and not worth a word).
    pub other: Vec<(String, Raw)>,
}

/// What the person is told about their stored data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StorageProblem {
    /// Nothing could be read as settings; it is kept as it is.
    Unreadable,
    /// Written by a newer version: shown as far as understood, never written over.
    Newer { version: u32 },
    /// This many own letters could not be read; they are kept untouched.
    Letters { count: usize },
    /// This many language choices could not be read.
    Languages { count: usize },
    /// This many details could not be read.
    Details { count: usize },
}

/// Why settings were not saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaveRefused {
    /// What is stored is unreadable or from a newer version: it is not written over.
    NotOurs,
    /// Saving would replace something that could not be read (a detail, a language choice, or
    /// a whole part): the person has to discard it first.
    WouldReplaceKept,
}

/// How the stored settings were read, and what of them is kept aside.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub loaded: Loaded,
    pub kept: Kept,
}

impl Default for Stored {
    fn default() -> Self {
        Stored {
            loaded: Loaded::Fresh,
            kept: Kept::default(),
        }
    }
}

const KEY_VERSION: &str = "version";
const KEY_LOCALES: &str = "localeByLang";
const KEY_DETAILS: &str = "details";
const KEY_LETTERS: &str = "letters";

/// Reads an own letter, or `None` when it is not one.
fn read_letter(raw: &Raw) -> Option<OwnLetter> {
    let text = |key: &str| raw.get(key).and_then(Raw::as_str).map(str::to_string);
    let form = FormKind::parse(raw.get("form").and_then(Raw::as_str)?)?;
    let locale = match raw.get("locale") {
        None | Some(Raw::Null) => String::new(),
        Some(l) => l.as_str()?.to_string(),
    };
    Some(OwnLetter {
        id: text("id")?,
        title: text("title")?,
        body: text("body")?,
        form,
        locale,
    })
}

/// Splits a part that should be an object into what can be read and what cannot.
fn read_object(raw: Option<&Raw>, part: &mut Part, mut read: impl FnMut(&str, &Raw) -> bool) {
    match raw {
        None | Some(Raw::Null) => {}
        Some(Raw::Object(entries)) => {
            for (k, v) in entries {
                if !read(k, v) {
                    part.entries.push((k.clone(), v.clone()));
                }
            }
        }
        Some(other) => part.whole = Some(other.clone()),
    }
}

/// Brings stored settings of any version up to this one, entry by entry. `None`: nothing
/// stored; `Some(Err(()))`: the storage could not be read at all.
pub fn load(stored: Option<Result<Raw, ()>>) -> (Settings, Stored) {
    let mut settings = Settings::default();
    let mut kept = Kept::default();
    let raw = match stored {
        None => return (settings, Stored::default()),
        Some(Err(())) => {
            let loaded = Loaded::Unreadable;
            return (settings, Stored { loaded, kept });
        }
        Some(Ok(Raw::Object(entries))) => entries,
        Some(Ok(other)) => {
            kept.whole = Some(other);
            let loaded = Loaded::Unreadable;
            return (settings, Stored { loaded, kept });
        }
    };
    let object = Raw::Object(raw);
    let loaded = match object.get(KEY_VERSION) {
        None => Loaded::Migrated { from: 1 },
        Some(v) => match v.as_u32() {
            Some(v) if v == SETTINGS_VERSION => Loaded::Current,
            Some(v) if v > SETTINGS_VERSION => Loaded::Newer { version: v },
            Some(v) if v > 0 => Loaded::Migrated { from: v },
            _ => Loaded::Unreadable,
        },
    };
    read_object(object.get(KEY_LOCALES), &mut kept.locale_by_lang, |k, v| {
        v.as_str()
            .map(|v| settings.remember_locale(Some(k), v))
            .is_some()
    });
    read_object(object.get(KEY_DETAILS), &mut kept.details, |k, v| {
        let Some(v) = v.as_str() else { return false };
        let d = &mut settings.details;
        let slot = match k {
            "name" => &mut d.name,
            "country" => &mut d.country,
            "account" => &mut d.account,
            "date" => &mut d.date,
            "residence" => &mut d.residence,
            _ => return false,
        };
        *slot = v.to_string();
        true
    });
    let d = &mut settings.details;
    if d.residence.is_empty() {
        if let Some(code) = letters::residence_from_text(&d.country) {
            d.residence = code.to_string();
        }
    }
    match object.get(KEY_LETTERS) {
        None | Some(Raw::Null) => {}
        Some(Raw::List(items)) => {
            for item in items {
                match read_letter(item) {
                    Some(letter) => settings.letters.push(letter),
                    None => kept.letters.entries.push((String::new(), item.clone())),
                }
            }
            unique_ids(&mut settings.letters);
        }
        Some(other) => kept.letters.whole = Some(other.clone()),
    }
    if let Raw::Object(entries) = object {
        kept.other = entries
            .into_iter()
            .filter(|(k, _)| {
                ![KEY_VERSION, KEY_LOCALES, KEY_DETAILS, KEY_LETTERS].contains(&k.as_str())
            })
            .collect();
    }
    (settings, Stored { loaded, kept })
}

/// A letter without an id, or with one an earlier letter has, gets one no other letter has.
fn unique_ids(letters: &mut [OwnLetter]) {
    for i in 0..letters.len() {
        let id = &letters[i].id;
        if id.is_empty() || letters[..i].iter().any(|l| l.id == *id) {
            letters[i].id = next_id(letters);
        }
    }
}

fn letter_raw(l: &OwnLetter) -> Raw {
    Raw::Object(vec![
        ("id".into(), Raw::str(&l.id)),
        ("title".into(), Raw::str(&l.title)),
        ("body".into(), Raw::str(&l.body)),
        ("form".into(), Raw::str(l.form.as_str())),
        ("locale".into(), Raw::str(&l.locale)),
    ])
}

/// A part that should be an object: what was read, then what was kept aside. Refuses when a
/// readable entry would replace a kept one.
fn write_object(read: Vec<(String, Raw)>, kept: &Part) -> Result<Raw, SaveRefused> {
    if let Some(whole) = &kept.whole {
        return if read.is_empty() {
            Ok(whole.clone())
        } else {
            Err(SaveRefused::WouldReplaceKept)
        };
    }
    if read.iter().any(|(k, _)| kept.has_key(k)) {
        return Err(SaveRefused::WouldReplaceKept);
    }
    Ok(Raw::Object(
        read.into_iter()
            .chain(kept.entries.iter().cloned())
            .collect(),
    ))
}

impl Stored {
    /// Whether saving may replace what is stored.
    pub fn may_save(&self) -> bool {
        self.loaded.may_save()
    }

    /// What to tell the person about their stored data (nothing when all is well).
    pub fn problems(&self) -> Vec<StorageProblem> {
        let mut out = Vec::new();
        match self.loaded {
            Loaded::Unreadable => out.push(StorageProblem::Unreadable),
            Loaded::Newer { version } => out.push(StorageProblem::Newer { version }),
            _ => {}
        }
        let k = &self.kept;
        let counts = [
            k.letters.count(),
            k.locale_by_lang.count(),
            k.details.count(),
        ];
        let [letters, languages, details] = counts;
        if letters > 0 {
            out.push(StorageProblem::Letters { count: letters });
        }
        if languages > 0 {
            out.push(StorageProblem::Languages { count: languages });
        }
        if details > 0 {
            out.push(StorageProblem::Details { count: details });
        }
        out
    }

    /// Whether the person may choose to discard what could not be read: when something could
    /// not be read, and it is not data of a newer version (that one stays as it is).
    pub fn can_discard(&self) -> bool {
        !matches!(self.loaded, Loaded::Newer { .. }) && !self.problems().is_empty()
    }

    /// The person confirmed: what could not be read goes at the next save, which may now replace
    /// what is stored. Does nothing for data of a newer version.
    pub fn discard(&mut self) {
        if self.can_discard() {
            self.kept = Kept::default();
            self.loaded = Loaded::Current;
        }
    }

    /// What to store for `settings`: the readable settings with everything kept aside, exactly
    /// as it was. Refuses when saving is not allowed or would replace something kept aside.
    pub fn to_store(&self, settings: &Settings) -> Result<Raw, SaveRefused> {
        if !self.may_save() || self.kept.whole.is_some() {
            return Err(SaveRefused::NotOurs);
        }
        let k = &self.kept;
        let locales = write_object(
            settings
                .locale_by_lang
                .iter()
                .map(|(lang, locale)| (lang.clone(), Raw::str(locale)))
                .collect(),
            &k.locale_by_lang,
        )?;
        let d = &settings.details;
        let details = write_object(
            [
                ("name", &d.name),
                ("country", &d.country),
                ("account", &d.account),
                ("date", &d.date),
                ("residence", &d.residence),
            ]
            .into_iter()
            // An empty detail is no detail: it leaves a kept one of the same name alone.
            .filter(|(key, value)| !(value.is_empty() && k.details.has_key(key)))
            .filter(|(_, value)| !(value.is_empty() && k.details.whole.is_some()))
            .map(|(key, value)| (key.to_string(), Raw::str(value)))
            .collect(),
            &k.details,
        )?;
        let letters = match &k.letters.whole {
            Some(whole) if settings.letters.is_empty() => whole.clone(),
            Some(_) => return Err(SaveRefused::WouldReplaceKept),
            None => Raw::List(
                settings
                    .letters
                    .iter()
                    .map(letter_raw)
                    .chain(k.letters.entries.iter().map(|(_, v)| v.clone()))
                    .collect(),
            ),
        };
        let mut out = vec![
            (
                KEY_VERSION.to_string(),
                Raw::UInt(u64::from(SETTINGS_VERSION)),
            ),
            (KEY_LOCALES.to_string(), locales),
            (KEY_DETAILS.to_string(), details),
            (KEY_LETTERS.to_string(), letters),
        ];
        out.extend(k.other.iter().cloned());
        Ok(Raw::Object(out))
    }
}

impl Settings {
    /// The remembered letter language for forms in `lang` (`None`: the form's language).
    pub fn remembered_locale(&self, lang: Option<&str>) -> Option<&str> {
        let lang = lang.unwrap_or("");
        self.locale_by_lang
            .iter()
            .find(|(l, _)| l == lang)
            .map(|(_, locale)| locale.as_str())
    }

    pub fn remember_locale(&mut self, lang: Option<&str>, locale: &str) {
        let lang = lang.unwrap_or("");
        match self.locale_by_lang.iter_mut().find(|(l, _)| l == lang) {
            Some((_, kept)) => *kept = locale.to_string(),
            None => self
                .locale_by_lang
                .push((lang.to_string(), locale.to_string())),
        }
    }
}
