//! The popup as a pure state machine: what it shows, and what happens on each event. The web
//! layer draws a [`Model`] and feeds it events; it makes no decisions of its own.

use serde::Serialize;

use super::data::FormKind;
use super::fill::{check_read_back, plan_fill, Expect, FillStep, ReadBack};
use super::letters::{self, Details};
use super::own::OwnLetter;
use super::recognise::Recognition;
use super::settings::Settings;

/// The popup's state, as named in the test contract (`data-state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Phase {
    Loading,
    NoForm,
    Form,
    ConfirmReplace,
    Filled,
    Error,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Loading => "loading",
            Phase::NoForm => "no-form",
            Phase::Form => "form",
            Phase::ConfirmReplace => "confirm-replace",
            Phase::Filled => "filled",
            Phase::Error => "error",
        }
    }
}

/// A message for the person. The web layer turns it into words in the interface language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Notice {
    /// The page is not one of the forms.
    NotTheForm,
    /// We may not or could not look at the page (a browser page, a closed tab…).
    CannotReadPage,
    /// The form is there, but no box for the reason (not logged in, not loaded yet…).
    NoReasonField,
    /// The field takes fewer characters than the letter has.
    TooLong {
        limit: u32,
        length: u32,
    },
    /// The letter is empty.
    EmptyLetter,
    /// The field holds text the person wrote.
    HasText {
        chars: u32,
    },
    /// The letter is in the field; the person reviews it and presses Send.
    Filled,
    /// The page emptied the field after we wrote the letter.
    PageRemoved,
    /// The page changed the text after we wrote it.
    PageChanged,
    /// The field disappeared from the page.
    FieldGone,
    /// What the field held before is back.
    Undone,
    /// Undo could not put the old text back exactly.
    UndoFailed,
    Copied,
    CopyFailed,
}

/// The field the shim writes into, reads and restores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldTarget {
    pub index: u32,
    #[serde(rename = "ref")]
    pub reference: String,
}

/// Everything the popup shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Model {
    pub phase: Phase,
    pub recognition: Option<Recognition>,
    /// The letters' language.
    pub locale: &'static str,
    /// The chosen letter's id.
    pub letter: String,
    /// The letter as it stands in the preview, with the person's edits.
    pub text: String,
    /// Whether the person edited the preview.
    pub edited: bool,
    pub details: Details,
    /// The person's own letters, offered beside the built-in ones.
    pub own: Vec<OwnLetter>,
    pub today: String,
    pub notice: Option<Notice>,
    /// Whether the field can be put back as it was before our last write.
    pub can_undo: bool,
}

impl Model {
    pub fn loading() -> Model {
        Model {
            phase: Phase::Loading,
            recognition: None,
            locale: letters::FALLBACK_LOCALE,
            letter: String::new(),
            text: String::new(),
            edited: false,
            details: Details::default(),
            own: Vec::new(),
            today: String::new(),
            notice: None,
            can_undo: false,
        }
    }

    /// The page could not be read at all.
    pub fn unreadable(self) -> Model {
        Model {
            phase: Phase::NoForm,
            notice: Some(Notice::CannotReadPage),
            ..self
        }
    }

    /// The page was read and recognised (or not). `settings` hold the person's details, own
    /// letters and the letter language they chose before for forms in this language.
    pub fn loaded(
        self,
        recognition: Recognition,
        can_undo: bool,
        settings: &Settings,
        today: &str,
    ) -> Model {
        let remembered = settings.remembered_locale(recognition.lang.as_deref());
        let Some(form) = recognition.form else {
            return Model {
                phase: Phase::NoForm,
                notice: Some(Notice::NotTheForm),
                recognition: Some(recognition),
                ..self
            };
        };
        let locale = letters::preselect_locale(recognition.locale.as_deref(), remembered);
        let notice = recognition.field.is_none().then_some(Notice::NoReasonField);
        let mut model = Model {
            phase: Phase::Form,
            recognition: Some(recognition),
            locale,
            details: settings.details.clone(),
            own: settings.letters.clone(),
            today: today.to_string(),
            notice,
            can_undo,
            ..self
        };
        model.select_letter(&first_letter(form, locale));
        model
    }

    pub fn form(&self) -> Option<FormKind> {
        self.recognition.as_ref().and_then(|r| r.form)
    }

    /// The locales with letters for this form.
    pub fn locales(&self) -> Vec<&'static str> {
        letters::locales_for(self.form().unwrap_or(FormKind::AiObjection))
    }

    /// Switches the letters' language, keeping the same reason where that language has it.
    pub fn select_locale(&mut self, locale: &str) {
        let Some(found) = self.locales().into_iter().find(|l| *l == locale) else {
            return;
        };
        self.locale = found;
        let form = self.form().unwrap_or(FormKind::AiObjection);
        let id = if letters::find_letter(found, &self.letter).is_some()
            || self.letter.starts_with("own-")
        {
            self.letter.clone()
        } else {
            first_letter(form, found)
        };
        self.select_letter(&id);
    }

    /// The person's own letters for this form.
    pub fn own_letters(&self) -> Vec<&OwnLetter> {
        let form = self.form().unwrap_or(FormKind::AiObjection);
        self.own.iter().filter(|l| l.form == form).collect()
    }

    /// Chooses a letter (built-in, or one of the person's own); the preview shows it rendered
    /// with the person's details.
    pub fn select_letter(&mut self, id: &str) {
        let body = match letters::find_letter(self.locale, id) {
            Some(letter) => letter.body,
            None => match self.own.iter().find(|l| l.id == id) {
                Some(own) => own.body.as_str(),
                None => return,
            },
        };
        self.text = letters::render(body, &self.details, &self.today);
        self.letter = id.to_string();
        self.edited = false;
    }

    /// The person changed their details: the preview follows unless they edited it.
    pub fn set_details(&mut self, details: Details) {
        self.details = details;
        if !self.edited {
            let id = self.letter.clone();
            self.select_letter(&id);
        }
    }

    /// The person edited the preview.
    pub fn edit(&mut self, text: &str) {
        self.text = text.to_string();
        self.edited = true;
    }

    /// The person pressed Fill (or Replace, `confirmed`). `fresh` is the page as it is now.
    /// Returns the field to write into, or `None` when the model now shows why not.
    pub fn request_fill(&mut self, fresh: Recognition, confirmed: bool) -> Option<u32> {
        let step = plan_fill(&fresh, &self.text, confirmed);
        self.can_undo = false;
        self.recognition = Some(fresh);
        let (phase, notice, write) = match step {
            FillStep::Write { index } => (Phase::Loading, None, Some(index)),
            FillStep::ConfirmReplace { existing_chars, .. } => (
                Phase::ConfirmReplace,
                Some(Notice::HasText {
                    chars: existing_chars,
                }),
                None,
            ),
            FillStep::TooLong { limit, length, .. } => {
                (Phase::Form, Some(Notice::TooLong { limit, length }), None)
            }
            FillStep::NoField => (Phase::Error, Some(Notice::NoReasonField), None),
            FillStep::EmptyLetter => (Phase::Form, Some(Notice::EmptyLetter), None),
        };
        self.phase = phase;
        self.notice = notice;
        write
    }

    /// The person pressed Fill: plans it from the page as it was read when the popup opened (or
    /// at the last fill), so that the letter goes in with one call to the page. The write carries
    /// an [`Expect`]: if the box changed meanwhile, the shim writes nothing and the popup reads the
    /// page again ([`Model::request_fill`]).
    pub fn request_fill_known(&mut self) -> KnownFill {
        let Some(known) = self.recognition.clone() else {
            return KnownFill::ReadPage;
        };
        let Some(expect) = known.field.as_ref().map(Expect::of) else {
            return KnownFill::ReadPage;
        };
        match (self.request_fill(known, false), self.target()) {
            (Some(_), Some(target)) => KnownFill::Write { target, expect },
            _ => KnownFill::Decided,
        }
    }

    /// The person declined to replace their text.
    pub fn cancel(&mut self) {
        self.phase = Phase::Form;
        self.notice = None;
    }

    /// We wrote the letter and read the field back about half a second later (`None`: gone).
    pub fn written(&mut self, read_back: Option<&str>) {
        self.settle(read_back, read_back.is_some());
    }

    /// The field we wrote into left the page (`None` from [`Model::written`]'s read-back), and the
    /// page was read again: a page that draws its form anew after each change puts a new box in
    /// its place. Returns the field to read now, when the fresh page has one for the reason.
    pub fn redrawn(&mut self, fresh: Recognition) -> Option<u32> {
        let index = fresh.field.as_ref().map(|f| f.index)?;
        self.recognition = Some(fresh);
        Some(index)
    }

    /// What the new box found by [`Model::redrawn`] holds. Undo is not offered: the box we wrote
    /// into, and with it what it held before, is gone.
    pub fn written_redrawn(&mut self, read_back: Option<&str>) {
        self.settle(read_back, false);
    }

    fn settle(&mut self, read_back: Option<&str>, undoable: bool) {
        let (phase, notice) = match check_read_back(&self.text, read_back) {
            ReadBack::Kept => (Phase::Filled, Notice::Filled),
            ReadBack::Removed => (Phase::Error, Notice::PageRemoved),
            ReadBack::Changed => (Phase::Error, Notice::PageChanged),
            ReadBack::Missing => (Phase::Error, Notice::FieldGone),
        };
        self.can_undo = undoable;
        self.phase = phase;
        self.notice = Some(notice);
    }

    /// The reason field as the shim knows it: `{ index, ref }` for write, read and undo.
    pub fn target(&self) -> Option<FieldTarget> {
        self.recognition
            .as_ref()
            .and_then(|r| r.field.as_ref())
            .map(|f| FieldTarget {
                index: f.index,
                reference: f.reference.clone(),
            })
    }

    /// We put back what the field held: `expected` is that text, `read_back` what it holds now.
    pub fn undone(&mut self, expected: Option<&str>, read_back: Option<&str>) {
        let restored = match (expected, read_back) {
            (Some(e), Some(r)) if e.trim().is_empty() => r.trim().is_empty(),
            (Some(e), r) => check_read_back(e, r) == ReadBack::Kept,
            (None, _) => false,
        };
        self.can_undo = false;
        self.phase = Phase::Form;
        self.notice = Some(if restored {
            Notice::Undone
        } else {
            Notice::UndoFailed
        });
    }

    pub fn copied(&mut self, ok: bool) {
        self.notice = Some(if ok {
            Notice::Copied
        } else {
            Notice::CopyFailed
        });
    }
}

fn first_letter(form: FormKind, locale: &str) -> String {
    letters::letters_for(form, locale)
        .first()
        .map(|l| l.id.to_string())
        .unwrap_or_default()
}

/// What to do on Fill, from the page as last read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KnownFill {
    /// Write into the field `target`, if it still matches `expect`.
    Write { target: FieldTarget, expect: Expect },
    /// Nothing to write now (the person is asked, or told why); the model says what.
    Decided,
    /// The page as last read had no field: read it again.
    ReadPage,
}

/// Names of the languages in the languages themselves, for the language list.
pub fn language_name(locale: &str) -> &'static str {
    match locale {
        "bg" => "Български",
        "cs" => "Čeština",
        "da" => "Dansk",
        "de" => "Deutsch",
        "el" => "Ελληνικά",
        "en" => "English",
        "en-gb" => "English (UK)",
        "es" => "Español",
        "et" => "Eesti",
        "fi" => "Suomi",
        "fr" => "Français",
        "ga" => "Gaeilge",
        "hr" => "Hrvatski",
        "hu" => "Magyar",
        "is" => "Íslenska",
        "it" => "Italiano",
        "lt" => "Lietuvių",
        "lv" => "Latviešu",
        "mt" => "Malti",
        "nb" => "Norsk bokmål",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "pt" => "Português",
        "pt-br" => "Português (Brasil)",
        "ro" => "Română",
        "sk" => "Slovenčina",
        "sl" => "Slovenščina",
        "sv" => "Svenska",
        _ => "",
    }
}
