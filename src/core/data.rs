//! The embedded data: form rules from `src/rules/forms.toml` and letters from `src/letters/`,
//! turned into statics by `build.rs`.

use std::str::Split;

use serde::{Deserialize, Serialize};

/// Which of Meta's forms a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FormKind {
    /// "Object to your information being used for AI at Meta" (the person's own information).
    AiObjection,
    /// Data-subject rights for third-party information used for AI at Meta.
    ThirdPartyData,
}

impl FormKind {
    /// The name used in the popup contract (`data-form`).
    pub fn as_str(self) -> &'static str {
        match self {
            FormKind::AiObjection => "ai-objection",
            FormKind::ThirdPartyData => "third-party-data",
        }
    }

    /// The form named `name` as [`FormKind::as_str`] writes it.
    pub fn parse(name: &str) -> Option<FormKind> {
        [FormKind::AiObjection, FormKind::ThirdPartyData]
            .into_iter()
            .find(|f| f.as_str() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Platform {
    Facebook,
    Instagram,
}

impl Platform {
    /// The name used in the popup contract (`data-platform`).
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
        }
    }
}

/// Where Meta's help-centre contact forms are served.
#[derive(Debug)]
pub struct HostRule {
    pub platform: Platform,
    /// Matches this host and every subdomain of it.
    pub domain: &'static str,
    /// The path must start with this and contain `contact/<digits>`.
    pub path_prefix: &'static str,
}

#[derive(Debug)]
pub struct KnownForm {
    pub id: &'static str,
    pub platform: Platform,
    pub year: u16,
}

/// Ends each piece of the embedded text that the core finds by counting (an interface message;
/// a letter's title, description and body) and separates the patterns of a list in [`Words`]
/// and [`TitleRule`]. `build.rs` checks that no piece holds it (patterns are folded text).
pub const PIECE_END: char = '\u{1}';
/// Separates the groups of a [`TitleRule`].
const GROUP_END: char = '\u{2}';

/// One language's title rule: the text must contain a pattern of every group.
#[derive(Debug)]
pub struct TitleRule {
    pub lang: &'static str,
    /// The groups, one string (smaller in the WebAssembly than slices of slices): read it with
    /// [`TitleRule::groups`].
    pub joined: &'static str,
}

impl TitleRule {
    /// The groups, each a list of patterns.
    pub fn groups(&self) -> impl Iterator<Item = Split<'static, char>> {
        self.joined.split(GROUP_END).map(|g| g.split(PIECE_END))
    }
}

/// One language's list of label patterns.
#[derive(Debug)]
pub struct Words {
    pub lang: &'static str,
    /// The patterns, one string: read it with [`Words::patterns`].
    pub joined: &'static str,
}

impl Words {
    /// The patterns (none for an empty list, which `joined` writes as "").
    pub fn patterns(&self) -> impl Iterator<Item = &'static str> {
        self.joined.split(PIECE_END).filter(|p| !p.is_empty())
    }
}

#[derive(Debug)]
pub struct FormRule {
    pub kind: FormKind,
    pub known: &'static [KnownForm],
    pub title: &'static [TitleRule],
    pub reason: &'static [Words],
    pub avoid: &'static [Words],
}

/// The law a letter cites, decided by where the person lives (the pieces of each are in
/// `src/letters/<locale>/law.toml`, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Law {
    /// The GDPR: the European Union and the EEA.
    Gdpr,
    /// The UK GDPR.
    Uk,
    /// Switzerland's revised Federal Act on Data Protection.
    Ch,
    /// Brazil's LGPD.
    Lgpd,
    /// Another country: the letter cites no law.
    None,
}

impl Law {
    pub const ALL: [Law; 5] = [Law::Gdpr, Law::Uk, Law::Ch, Law::Lgpd, Law::None];

    /// The name of its section in `law.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Law::Gdpr => "gdpr",
            Law::Uk => "uk",
            Law::Ch => "ch",
            Law::Lgpd => "lgpd",
            Law::None => "none",
        }
    }
}

pub use super::template::LAW_KEYS;

/// Where a person may live (`src/rules/residences.toml`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Residence {
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    pub law: Law,
    /// The data protection authority, as it names itself.
    pub authority: &'static str,
    pub authority_en: &'static str,
    pub site: &'static str,
    /// Where a person starts a complaint.
    pub complaint: &'static str,
}

/// A built-in letter, as written in `src/letters/<locale>/<id>.txt` (made on demand from
/// [`LETTER_IDS`] and [`LETTER_LOCALES`] by `core::letters`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Letter {
    pub locale: &'static str,
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub form: FormKind,
    /// It states facts that may not be true for everyone (`facts: yes`): the person is asked to
    /// send it only if they are.
    pub facts: bool,
    /// With `{law.<key>}` for the pieces of the law (see [`super::letters::render`]).
    pub body: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/data.rs"));
