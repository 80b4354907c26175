//! The website's letter composer, as pure decisions: which Meta form a choice of platform leads
//! to, which letter language to start with, and the letter as the person shapes it. The same
//! catalogue and rendering as the extension's popup ([`super::letters`]); the web layer
//! (`src/web/composer.rs`) only draws a [`Composer`] and feeds it the person's choices.

use super::data::{FormKind, Letter, Platform, FORMS};
use super::letters::{self, Details};
use super::locale;

/// What the person objects to, as the composer offers it: the objection form of Facebook or of
/// Instagram (their own information), or the form for information Meta got from elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    Facebook,
    Instagram,
    ThirdPartyData,
}

impl Target {
    /// In the order the composer lists them.
    pub const ALL: [Target; 3] = [Target::Facebook, Target::Instagram, Target::ThirdPartyData];

    /// The name used in the page (`value` of the platform choice, `?platform=` in links).
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Facebook => "facebook",
            Target::Instagram => "instagram",
            Target::ThirdPartyData => "third-party-data",
        }
    }

    pub fn parse(name: &str) -> Option<Target> {
        Target::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(name.trim()))
    }

    /// Which of Meta's forms takes the letter.
    pub fn form(self) -> FormKind {
        match self {
            Target::Facebook | Target::Instagram => FormKind::AiObjection,
            Target::ThirdPartyData => FormKind::ThirdPartyData,
        }
    }

    /// Where that form lives (the third-party-data form is on Facebook's help centre only).
    pub fn platform(self) -> Platform {
        match self {
            Target::Instagram => Platform::Instagram,
            Target::Facebook | Target::ThirdPartyData => Platform::Facebook,
        }
    }

    /// The address of the newest form we know for this choice (from `src/rules/forms.toml`).
    pub fn form_url(self) -> Option<String> {
        form_url(self.form(), self.platform())
    }
}

/// The address of the newest known form of a kind on a platform, as Meta links it.
pub fn form_url(form: FormKind, platform: Platform) -> Option<String> {
    let newest = FORMS
        .iter()
        .filter(|rule| rule.kind == form)
        .flat_map(|rule| rule.known.iter())
        .filter(|known| known.platform == platform)
        .max_by_key(|known| known.year)?;
    Some(match platform {
        Platform::Facebook => format!("https://www.facebook.com/help/contact/{}", newest.id),
        Platform::Instagram => format!("https://help.instagram.com/contact/{}", newest.id),
    })
}

/// The letter language for one language tag (`de-AT`, `pt-BR`, `nn`…), if we have letters in it.
pub fn locale_for(tag: &str) -> Option<&'static str> {
    locale::letter_locale(tag, &letters::locales())
}

/// The letter language to start with: the first of the browser's preferred languages
/// (`navigator.languages`, most preferred first) that we have letters in, else English.
pub fn initial_locale(preferred: &[String]) -> &'static str {
    preferred
        .iter()
        .find_map(|tag| locale_for(tag))
        .unwrap_or(letters::FALLBACK_LOCALE)
}

/// What the composer starts from: the page's address may preselect a platform, language and
/// reason (`composer.html?platform=instagram&lang=de&reason=family`), e.g. from the guide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Start {
    pub platform: Option<String>,
    pub lang: Option<String>,
    pub reason: Option<String>,
    /// The browser's preferred languages, most preferred first.
    pub preferred: Vec<String>,
    /// Today's date (`YYYY-MM-DD`), for `{date}`.
    pub today: String,
}

/// The composer's state: everything the page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composer {
    pub target: Target,
    /// The letters' language.
    pub locale: &'static str,
    /// The chosen letter's id (its reason).
    pub letter: String,
    pub details: Details,
    pub today: String,
    /// The letter as it stands in the page, with the person's edits.
    pub text: String,
    /// Whether the person edited the letter by hand.
    pub edited: bool,
}

impl Composer {
    pub fn new(start: &Start) -> Composer {
        let target = start
            .platform
            .as_deref()
            .and_then(Target::parse)
            .unwrap_or(Target::Facebook);
        let mut composer = Composer {
            target,
            locale: letters::FALLBACK_LOCALE,
            letter: String::new(),
            details: Details::default(),
            today: start.today.clone(),
            text: String::new(),
            edited: false,
        };
        composer.details.residence = letters::preselect_residence("", &[], &start.preferred)
            .unwrap_or_default()
            .to_string();
        let asked = start.lang.as_deref().and_then(locale_for);
        let locale = asked.unwrap_or_else(|| initial_locale(&start.preferred));
        composer.locale = composer
            .locales()
            .into_iter()
            .find(|l| *l == locale)
            .unwrap_or(letters::FALLBACK_LOCALE);
        let reason = start
            .reason
            .as_deref()
            .filter(|id| composer.choices().iter().any(|l| l.id == *id))
            .map(str::to_string);
        let id = reason.unwrap_or_else(|| composer.first_letter());
        composer.select_letter(&id);
        composer
    }

    /// The letter languages for the chosen form, in catalogue order.
    pub fn locales(&self) -> Vec<&'static str> {
        letters::locales_for(self.target.form())
    }

    /// The reasons to choose from: the letters for the chosen form in the chosen language.
    pub fn choices(&self) -> Vec<Letter> {
        letters::letters_for(self.target.form(), self.locale)
    }

    /// The address of Meta's form for the chosen platform.
    pub fn form_url(&self) -> Option<String> {
        self.target.form_url()
    }

    fn first_letter(&self) -> String {
        self.choices()
            .first()
            .map(|l| l.id.to_string())
            .unwrap_or_default()
    }

    /// Chooses the platform. The letter starts afresh: the same reason where the form has it,
    /// else the form's first.
    pub fn select_target(&mut self, target: Target) {
        self.target = target;
        if !self.locales().contains(&self.locale) {
            self.locale = letters::FALLBACK_LOCALE;
        }
        let id = self.keep_or_first();
        self.select_letter(&id);
    }

    /// Switches the letters' language, keeping the reason. Unknown languages change nothing.
    pub fn select_locale(&mut self, locale: &str) {
        let Some(found) = self.locales().into_iter().find(|l| *l == locale) else {
            return;
        };
        self.locale = found;
        let id = self.keep_or_first();
        self.select_letter(&id);
    }

    fn keep_or_first(&self) -> String {
        if self.choices().iter().any(|l| l.id == self.letter) {
            self.letter.clone()
        } else {
            self.first_letter()
        }
    }

    /// Chooses a reason: the letter shows rendered with the person's details. Unknown ids
    /// change nothing.
    pub fn select_letter(&mut self, id: &str) {
        let Some(letter) = self.choices().into_iter().find(|l| l.id == id) else {
            return;
        };
        self.text = letters::render(letter.body, self.locale, &self.details, &self.today);
        self.letter = letter.id.to_string();
        self.edited = false;
    }

    /// The person typed one of their details (`name`, `country`, `account`). The letter follows
    /// unless they edited it by hand.
    pub fn set_detail(&mut self, key: &str, value: &str) {
        self.details.set(key, value.to_string());
        if !self.edited {
            let id = self.letter.clone();
            self.select_letter(&id);
        }
    }

    /// Whether the chosen letter states facts that may not be true for everyone.
    pub fn states_facts(&self) -> bool {
        letters::find_letter(self.locale, &self.letter).is_some_and(|l| l.facts)
    }

    /// Whether the person must still say where they live before copying (the letter cites that
    /// country's law).
    pub fn needs_residence(&self) -> bool {
        self.details.law().is_none()
    }

    /// The person edited the letter.
    pub fn edit(&mut self, text: &str) {
        if text != self.text {
            self.text = text.to_string();
            self.edited = true;
        }
    }
}
