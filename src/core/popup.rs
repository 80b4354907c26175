//! The popup as a pure state machine: what it shows, and what happens on each event. The web
//! layer draws a [`Model`] and feeds it events; it makes no decisions of its own.

use serde::{Deserialize, Serialize};

use super::data::{FormKind, Platform};
use super::fill::{check_read_back, plan_fill, Expect, FillStep, ReadBack};
use super::fold::fold;
use super::letters::{self, Details};
use super::own::OwnLetter;
use super::recognise::{parse_contact_url, FieldChoice, Recognition};
use super::report::PageReport;
use super::settings::Settings;

/// The popup's state, as named in the test contract (`data-state`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
    /// The form is still drawing its boxes: the popup waits and reads it again.
    Drawing,
    /// Several boxes may take the reason: the person chooses one.
    ChooseBox,
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
    /// The box changed since the letter was filled in: undo would throw those changes away.
    UndoWouldLose,
    Copied,
    CopyFailed,
    /// Fill or Copy before the person said where they live: the letter cites that country's law.
    ChooseResidence,
}

/// The field the shim writes into, reads and restores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldTarget {
    pub index: u32,
    #[serde(rename = "ref")]
    pub reference: String,
}

/// Everything the popup shows.
#[derive(Debug, Clone, PartialEq)]
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
    /// The key ([`FieldChoice::key`]) of the box the person chose among the candidates.
    pub picked: Option<String>,
    /// The page may still be drawing the form: the popup reads it again before it says that
    /// something is missing.
    pub drawing: bool,
    /// The person is asked whether to undo although the box changed since the fill; the phase
    /// to go back to if they decline.
    pub undo_asked: Option<Phase>,
}

/// What the popup remembers for a tab while the browser runs (Chrome closes the popup as soon as
/// the person clicks the page): on which form, the letter chosen, its language, the letter as
/// edited, and whether it was filled in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Memory {
    /// The form's number and locale ([`box_memory_key`]).
    pub form: String,
    pub letter: String,
    pub locale: String,
    /// The letter as the person edited it; empty when not edited.
    pub text: String,
    pub filled: bool,
    /// Where the person said they live, for this letter.
    pub residence: String,
    /// Their own words for the letter.
    pub own: String,
}

/// How long the popup waits for a form that is still drawing before it says what it found.
pub const DRAWING_PATIENCE_MS: u32 = 5_000;

/// Whether a page may still be drawing the form, `waited_ms` after the popup first read it: a
/// help-centre contact page that is still loading, that has no text box yet, or that is one of
/// our forms without any box for the reason yet. Such a page is read again, not reported as
/// missing something.
pub fn still_drawing(report: &PageReport, verdict: &Recognition, waited_ms: u32) -> bool {
    waited_ms < DRAWING_PATIENCE_MS
        && parse_contact_url(&report.url).is_some()
        && (report.loading
            || report.fields.is_empty()
            || (verdict.form.is_some() && verdict.field.is_none() && verdict.candidates.is_empty()))
}

/// Where the person's choice of box is remembered: per form number and locale.
pub fn box_memory_key(verdict: &Recognition) -> Option<String> {
    let id = verdict.form_id.as_deref()?;
    Some(format!("{id}|{}", verdict.locale.as_deref().unwrap_or("")))
}

/// The candidate with `key`, as the field to write into.
fn apply_pick(verdict: &mut Recognition, key: &str) -> bool {
    if verdict.field.is_some() {
        return false;
    }
    let Some(found) = verdict
        .candidates
        .iter()
        .enumerate()
        .find(|(i, c)| c.key(*i) == key)
        .map(|(_, c)| c.clone())
    else {
        return false;
    };
    verdict
        .why
        .push(format!("the person chose field {}", found.index));
    verdict.field = Some(FieldChoice {
        why: "the person chose it".to_string(),
        ..found
    });
    true
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
            picked: None,
            drawing: false,
            undo_asked: None,
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
        browser_langs: &[String],
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
        let notice = field_notice(&recognition);
        let mut details = settings.details.clone();
        let from_form: Vec<String> = recognition
            .residence
            .iter()
            .map(|c| c.to_string())
            .collect();
        details.residence =
            letters::preselect_residence(&details.residence, &from_form, browser_langs)
                .unwrap_or_default()
                .to_string();
        let mut model = Model {
            phase: Phase::Form,
            recognition: Some(recognition),
            locale,
            details,
            own: settings.letters.clone(),
            today: today.to_string(),
            notice,
            can_undo,
            ..self
        };
        model.select_letter(&first_letter(form, locale));
        model
    }

    /// The page may (`true`) or may no longer be drawing the form (see [`still_drawing`]).
    pub fn set_drawing(&mut self, drawing: bool) {
        self.drawing = drawing;
        match self.phase {
            Phase::NoForm | Phase::Loading
                if self.recognition.as_ref().is_some_and(|r| r.form.is_none()) =>
            {
                if drawing {
                    self.phase = Phase::Loading;
                } else if self.phase == Phase::Loading {
                    self.phase = Phase::NoForm;
                    self.notice = Some(Notice::NotTheForm);
                }
            }
            Phase::Form => {
                let waiting = matches!(self.notice, Some(Notice::NoReasonField | Notice::Drawing));
                if waiting {
                    self.notice = Some(if drawing {
                        Notice::Drawing
                    } else {
                        Notice::NoReasonField
                    });
                }
            }
            _ => {}
        }
    }

    /// The page as read again while the popup is open. Returns `true` when what the popup shows
    /// changed. Only while the person is choosing: never during a fill, its question or its
    /// outcome. A page that became one of our forms, or another one, starts the popup anew
    /// (through `reload`); the same form keeps the person's letter, edits and choice of box.
    pub fn refreshed(
        &mut self,
        mut fresh: Recognition,
        reload: impl FnOnce(Model, Recognition) -> Model,
    ) -> bool {
        if !matches!(self.phase, Phase::Form | Phase::NoForm | Phase::Loading) {
            return false;
        }
        if let Some(key) = self.picked.clone() {
            apply_pick(&mut fresh, &key);
        }
        if self.recognition.as_ref() == Some(&fresh) {
            return false;
        }
        let same_form = self.recognition.as_ref().is_some_and(|r| {
            r.form.is_some() && r.form == fresh.form && r.form_id == fresh.form_id
        });
        if same_form {
            if matches!(
                self.notice,
                None | Some(Notice::NoReasonField | Notice::Drawing | Notice::ChooseBox)
            ) {
                self.notice = field_notice(&fresh);
            }
            self.recognition = Some(fresh);
        } else {
            let me = std::mem::replace(self, Model::loading());
            *self = reload(me, fresh);
        }
        true
    }

    /// What to remember for this tab, on a recognised form.
    pub fn memory(&self) -> Option<Memory> {
        self.form()?;
        Some(Memory {
            form: self.recognition.as_ref().and_then(box_memory_key)?,
            letter: self.letter.clone(),
            locale: self.locale.to_string(),
            text: if self.edited {
                self.text.clone()
            } else {
                String::new()
            },
            filled: self.phase == Phase::Filled
                || (self.can_undo && self.notice == Some(Notice::Filled)),
            residence: self.details.residence.clone(),
            own: self.details.own.clone(),
        })
    }

    /// The popup opens again on the same tab: the letter, its language and the person's edits
    /// come back when the tab still shows the same form; after a fill whose box still holds our
    /// text, the popup says the letter is in the form and offers Undo.
    pub fn recall(&mut self, memory: &Memory) {
        let same_form = self
            .recognition
            .as_ref()
            .and_then(box_memory_key)
            .is_some_and(|k| k == memory.form);
        if !same_form || self.phase != Phase::Form {
            return;
        }
        if letters::law_of(&memory.residence).is_some() {
            self.details.residence = memory.residence.clone();
        }
        self.details.own = memory.own.clone();
        self.select_locale(&memory.locale);
        self.select_letter(&memory.letter);
        if !memory.text.is_empty() {
            self.edit(&memory.text);
        }
        // Still filled only while the box holds text we wrote (the person may have emptied it).
        let box_holds_text = self
            .recognition
            .as_ref()
            .and_then(|r| r.field.as_ref())
            .is_some_and(|f| f.value_length > 0);
        if memory.filled && self.can_undo && box_holds_text {
            self.phase = Phase::Filled;
            self.notice = Some(Notice::Filled);
        }
    }

    /// The person chose one of the candidate boxes (by its [`FieldChoice::key`]).
    pub fn pick(&mut self, key: &str) -> bool {
        let Some(verdict) = self.recognition.as_mut() else {
            return false;
        };
        verdict.field = None;
        if !apply_pick(verdict, key) {
            return false;
        }
        self.picked = Some(key.to_string());
        if self.notice == Some(Notice::ChooseBox) {
            self.notice = None;
        }
        true
    }

    /// The candidates, each with its key, for the chooser.
    pub fn candidates(&self) -> Vec<(String, &FieldChoice)> {
        self.recognition
            .as_ref()
            .map(|r| {
                r.candidates
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (c.key(i), c))
                    .collect()
            })
            .unwrap_or_default()
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
        self.text = letters::render(body, self.locale, &self.details, &self.today);
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
    pub fn request_fill(&mut self, mut fresh: Recognition, confirmed: bool) -> Option<u32> {
        if self.needs_residence() {
            return None;
        }
        if let Some(key) = self.picked.clone() {
            apply_pick(&mut fresh, &key);
        }
        let step = plan_fill(&fresh, &self.text, confirmed);
        let choose = !fresh.candidates.is_empty();
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
            FillStep::NoField if choose => (Phase::Form, Some(Notice::ChooseBox), None),
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
        if self.needs_residence() {
            return KnownFill::Decided;
        }
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

    /// Whether the person must still say where they live before the letter goes anywhere (the
    /// letter cites that country's law; a letter of their own needs no law). Says so when it is.
    pub fn needs_residence(&mut self) -> bool {
        let built_in = letters::find_letter(self.locale, &self.letter).is_some();
        let missing = built_in && self.details.law().is_none();
        if missing {
            self.phase = Phase::Form;
            self.notice = Some(Notice::ChooseResidence);
        }
        missing
    }

    /// The person said where they live (a code of `letters::residences`, or `letters::OTHER`):
    /// the letter follows unless they edited it by hand.
    pub fn set_residence(&mut self, code: &str) {
        self.details.residence = code.to_string();
        if self.notice == Some(Notice::ChooseResidence) && self.details.law().is_some() {
            self.notice = self.recognition.as_ref().and_then(field_notice);
        }
        if !self.edited {
            let id = self.letter.clone();
            self.select_letter(&id);
        }
    }

    /// Whether the chosen letter states facts that may not be true for everyone.
    pub fn states_facts(&self) -> bool {
        letters::find_letter(self.locale, &self.letter).is_some_and(|l| l.facts)
    }

    /// The person declined to replace their text.
    pub fn cancel(&mut self) {
        if let Some(back) = self.undo_asked.take() {
            self.phase = back;
            self.notice = (back == Phase::Filled).then_some(Notice::Filled);
            return;
        }
        self.phase = Phase::Form;
        self.notice = None;
    }

    /// The shim did not undo: the box changed since our fill. The person is asked first, in the
    /// same confirm state as before replacing their text.
    pub fn undo_refused(&mut self) {
        if self.undo_asked.is_none() {
            self.undo_asked = Some(self.phase);
        }
        self.phase = Phase::ConfirmReplace;
        self.notice = Some(Notice::UndoWouldLose);
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
        self.undo_asked = None;
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

/// What the popup says about the reason box of a recognised form: nothing when there is one,
/// a question when the person must choose, else that there is none (yet).
fn field_notice(verdict: &Recognition) -> Option<Notice> {
    if verdict.field.is_some() {
        None
    } else if verdict.candidates.is_empty() {
        Some(Notice::NoReasonField)
    } else {
        Some(Notice::ChooseBox)
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

/// The forms offered off the form, in order, each with whether to say that the person must be
/// logged in to that platform: on Facebook, Facebook's form first (they are logged in there) and
/// Instagram's second; on Instagram the other way round; elsewhere both, plainly.
pub fn off_form_links(site: Option<Platform>) -> [(Platform, bool); 2] {
    match site {
        Some(Platform::Instagram) => [(Platform::Instagram, false), (Platform::Facebook, true)],
        Some(Platform::Facebook) => [(Platform::Facebook, false), (Platform::Instagram, true)],
        None => [(Platform::Facebook, false), (Platform::Instagram, false)],
    }
}

/// A letter language as the interface lists it: `name`, its name in the interface language `ui`,
/// followed by `own`, its name in itself, where that helps: for another language ("German
/// (Deutsch)"), not for a variety of the interface's own ("British English"). A name that
/// already holds brackets takes the own name after a dash, not brackets in brackets
/// ("Englisch (Vereinigtes Königreich) – English (UK)").
pub fn language_label(ui: &str, code: &str, name: &str, own: &str) -> String {
    let language = |tag: &str| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    if name.is_empty() {
        return own.to_string();
    }
    if own.is_empty() || fold(own) == fold(name) || language(code) == language(ui) {
        return name.to_string();
    }
    if name.contains('(') || own.contains('(') {
        format!("{name} \u{2013} {own}")
    } else {
        format!("{name} ({own})")
    }
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

/// What the popup says comes after Send, for the form at hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NextStep {
    /// Meta may ask for a code it emailed (the 2024 forms and Brazil's; it expires in about an
    /// hour).
    Code,
    /// A confirmation by email follows.
    Email,
    /// The objection applies from then on ("going forward").
    GoingForward,
    /// One objection per Accounts Center.
    AccountsCenter,
    /// The other platform's form, where the record has no objection there yet.
    OtherPlatform(Platform),
    /// The 2024 form's country field, which we never fill.
    CountryField,
    /// The third-party form's choice and name fields, which we never fill.
    ThirdPartyFields,
}

/// The steps after Send for `verdict`'s form, given the platforms the person already objected on.
pub fn next_steps(verdict: &Recognition, objected: &[Platform]) -> Vec<NextStep> {
    let mut steps = Vec::new();
    let Some(form) = verdict.form else {
        return steps;
    };
    if form == FormKind::ThirdPartyData {
        steps.push(NextStep::ThirdPartyFields);
    } else if verdict.year == Some(2024) {
        steps.push(NextStep::CountryField);
    }
    // The code step was seen on the 2024 forms and on Brazil's; on others Meta may still ask.
    steps.extend([NextStep::Code, NextStep::Email, NextStep::GoingForward]);
    if form == FormKind::AiObjection {
        steps.push(NextStep::AccountsCenter);
        let other = match verdict.platform {
            Some(Platform::Instagram) => Platform::Facebook,
            _ => Platform::Instagram,
        };
        if !objected.contains(&other) {
            steps.push(NextStep::OtherPlatform(other));
        }
    }
    steps
}
