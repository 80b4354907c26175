//! The options page: the person's details, their own letters, export and import.
//! Every check and change of the letters is the core's (`core::own`); this page only draws.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, HtmlInputElement};

use crate::core::data::FormKind;
use crate::core::letters::{self, Details};
use crate::core::own::{self, ImportProblem, LetterProblem, OwnLetter, RawExport};
use crate::core::record::{self, Entry};
use crate::core::settings::{Settings, Stored};
use crate::core::ui::Msg;

use super::dom::{
    add, detail_inputs, document, el, focus, labelled, on, select, set, target, value, Listening,
};
use super::{
    download_text, form_name_msg, from_js, not_saved_text, on_settings_changed, read_settings,
    storage_state, storage_texts, t, t_count, t_with, to_js, ui_language, update_settings,
    write_settings, UpdateError,
};

/// A letter being written or edited.
#[derive(Clone)]
struct Draft {
    id: Option<String>,
    title: String,
    body: String,
    form: FormKind,
    locale: String,
}

struct Page {
    settings: Settings,
    /// How the settings were loaded, and what of them could not be read (kept aside).
    stored: Stored,
    /// The person asked to delete what could not be read, and is asked to confirm.
    confirm_discard: bool,
    draft: Option<Draft>,
    /// A message and its tone (`ok`, `error`), shown in the live region.
    notice: Option<(String, &'static str)>,
    /// The card (its id) where the notice belongs: the one the person last clicked or typed in,
    /// or the one whose change it reports. It is shown at the card's foot, beside what caused
    /// it, never over it.
    notice_at: Option<String>,
    /// The next notice answers something the person just did: it is brought into view once.
    reveal: bool,
    /// The letter just deleted, for Undo.
    deleted: Option<OwnLetter>,
    listeners: Vec<EventListener>,
    focus: Option<&'static str>,
    /// The record of the person's objections.
    record: Vec<Entry>,
}

type Shared = Rc<RefCell<Page>>;

impl Listening for Page {
    fn listeners(&mut self) -> &mut Vec<EventListener> {
        &mut self.listeners
    }
}

/// Starts the options page (see [`super::start_page`]).
pub(super) async fn start_options() {
    let (settings, stored) = read_settings().await;
    let page = Rc::new(RefCell::new(Page {
        settings,
        stored,
        confirm_discard: false,
        draft: None,
        notice: None,
        notice_at: None,
        reveal: false,
        deleted: None,
        listeners: Vec::new(),
        focus: None,
        record: super::record::read().await.entries,
    }));
    follow_the_person(&page);
    render(&page);
    // Another open page (the popup, another options page) saved: show what is stored now,
    // keeping the letter being written here as typed (the draft follows the editor).
    let follow = page.clone();
    let changed = Closure::<dyn FnMut()>::new(move || {
        let page = follow.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (settings, stored) = read_settings().await;
            {
                let mut p = page.borrow_mut();
                // This page's own save: it shows that already, and a redraw would only move
                // things under the person's pointer.
                if p.settings == settings && p.stored == stored {
                    return;
                }
                p.settings = settings;
                p.stored = stored;
            }
            render(&page);
        });
    });
    on_settings_changed(&changed);
    changed.forget(); // the page lives as long as the listener
}

/// Notes which card the person works in (clicks, typing, a choice, a chosen file), before the
/// card's own handlers run, so that what they cause is said there and brought into view. Listens
/// on the page root, which lives as long as the page.
fn follow_the_person(page: &Shared) {
    let Some(root) = document().and_then(|d| d.get_element_by_id("options")) else {
        return;
    };
    // Not "change": a text box sends it when it loses focus, after what the person did next.
    for event in ["click", "input"] {
        let page = page.clone();
        let listener = EventListener::new_with_options(
            &root,
            event,
            EventListenerOptions::run_in_capture_phase(),
            move |e| {
                let card = target(e)
                    .and_then(|t| t.closest("#options > section[id]").ok().flatten())
                    .map(|card| card.id());
                if let (Some(card), Ok(mut p)) = (card, page.try_borrow_mut()) {
                    p.notice_at = Some(card);
                    p.reveal = true;
                }
            },
        );
        listener.forget();
    }
}

/// Shows the notice: its words in the live region (`#options-notice`, which stays in place and
/// out of sight, so that screen readers announce it), and what the eye sees (`#notice-shown`,
/// with Undo after a deletion) at the foot of its card, or at the end of the page. Brings it
/// into view when it answers what the person just did.
fn show_notice(page: &Shared, doc: &Document) {
    if let Some(old) = doc.get_element_by_id("notice-shown") {
        old.remove();
    }
    let (notice, deleted, at, reveal) = {
        let mut p = page.borrow_mut();
        let reveal = std::mem::take(&mut p.reveal);
        (
            p.notice.clone(),
            p.deleted.is_some(),
            p.notice_at.clone(),
            reveal,
        )
    };
    if let Some(status) = doc.get_element_by_id("options-notice") {
        let said = notice.as_ref().map(|(text, _)| text.as_str());
        if status.text_content().as_deref() != said {
            status.set_text_content(said);
        }
    }
    let Some((text, tone)) = notice else { return };
    let shown = el(doc, "div", "notice-shown", None);
    set(&shown, "id", "notice-shown");
    let p = el(doc, "p", &format!("notice {tone}"), Some(&text));
    if deleted {
        add(
            &p,
            &button(
                page,
                doc,
                Action::UndoDelete,
                "linkish",
                &t(Msg::ActionUndo),
            ),
        );
    }
    add(&shown, &p);
    let card = at.and_then(|id| doc.get_element_by_id(&id));
    let Some(parent) = card.or_else(|| doc.get_element_by_id("options")) else {
        return;
    };
    add(&parent, &shown);
    if reveal {
        super::dom::bring_into_view(&shown);
    }
}

/// What a change that was refused or not saved tells the person.
fn update_error_text<E>(e: UpdateError<E>, rejected: impl FnOnce(E) -> String) -> String {
    match e {
        UpdateError::Rejected(e) => rejected(e),
        UpdateError::NotSaved(why) => not_saved_text(why),
    }
}

/// What a button of the options page does.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    NewLetter,
    /// A new letter starting from the built-in letter chosen in `#start-letter`.
    FromBuiltin,
    /// Edit the own letter with this id.
    Edit(String),
    CancelEdit,
    SaveLetter,
    /// Delete what could not be read of the stored data (asks first).
    Discard,
    DiscardCancel,
    DiscardConfirm,
    /// Delete the own letter with this id.
    Delete(String),
    UndoDelete,
    Export,
    /// The record of objections as a text file.
    ExportRecord,
    /// Delete the recorded objection with this key ([`entry_key`]).
    DeleteRecord(String),
    CopyComplaint,
}

impl Action {
    /// The button's `data-action`, which tests and styles use.
    fn as_str(&self) -> &'static str {
        match self {
            Action::NewLetter => "new-letter",
            Action::FromBuiltin => "from-builtin",
            Action::Edit(_) => "edit",
            Action::CancelEdit => "cancel-edit",
            Action::SaveLetter => "save-letter",
            Action::Discard => "discard",
            Action::DiscardCancel => "discard-cancel",
            Action::DiscardConfirm => "discard-confirm",
            Action::Delete(_) => "delete",
            Action::UndoDelete => "undo-delete",
            Action::Export => "export",
            Action::ExportRecord => "export-record",
            Action::DeleteRecord(_) => "delete-record",
            Action::CopyComplaint => "copy-complaint",
        }
    }
}

fn button(page: &Shared, doc: &Document, action: Action, class: &str, label: &str) -> Element {
    let b = el(doc, "button", class, Some(label));
    set(&b, "type", "button");
    set(&b, "data-action", action.as_str());
    on(page, &b, "click", move |page, _| {
        let page = page.clone();
        let action = action.clone();
        wasm_bindgen_futures::spawn_local(async move { act(&page, action).await });
    });
    b
}

fn letter_problem(p: &LetterProblem) -> String {
    match p {
        LetterProblem::TooManyLetters { max } => t_count(Msg::LetterTooMany, *max, &[]),
        LetterProblem::NoTitle => t(Msg::LetterNoTitle),
        LetterProblem::TitleTooLong { max } => t_count(Msg::LetterTitleTooLong, *max, &[]),
        LetterProblem::NoText => t(Msg::LetterNoText),
        LetterProblem::TextTooLong { max } => t_count(Msg::LetterTextTooLong, *max, &[]),
    }
}

fn import_problem(p: &ImportProblem) -> String {
    match p {
        ImportProblem::TooLarge { max } => t_with(Msg::ImportTooLarge, &[(max / 1000).to_string()]),
        ImportProblem::Malformed => t(Msg::ImportMalformed),
        ImportProblem::NotOurs => t(Msg::ImportNotOurs),
        ImportProblem::FutureVersion { .. } => t(Msg::ImportFuture),
        ImportProblem::BadLetter { position, problem } => t_with(
            Msg::ImportBadLetter,
            &[position.to_string(), letter_problem(problem)],
        ),
        ImportProblem::TooMany { max } => t_count(Msg::ImportTooMany, *max, &[]),
        ImportProblem::Empty => t(Msg::ImportEmpty),
    }
}

fn form_options() -> Vec<(String, String)> {
    [FormKind::AiObjection, FormKind::ThirdPartyData]
        .iter()
        .map(|f| (f.as_str().to_string(), t(form_name_msg(*f))))
        .collect()
}

fn locale_options() -> Vec<(String, String)> {
    super::ui_language_list(&letters::locales())
}

fn render(page: &Shared) {
    let Some(doc) = document() else { return };
    let Some(root) = doc.get_element_by_id("options") else {
        return;
    };
    page.borrow_mut().listeners.clear();
    let (settings, stored, draft) = {
        let p = page.borrow();
        (p.settings.clone(), p.stored.clone(), p.draft.clone())
    };
    set(&root, "data-storage", storage_state(&stored));
    root.set_text_content(None);
    let header = el(&doc, "header", "top", None);
    let logo = el(&doc, "img", "logo", None);
    set(&logo, "src", "icons/icon-48.png");
    set(&logo, "alt", "");
    add(&header, &logo);
    add(&header, &el(&doc, "h1", "", Some(&t(Msg::OptionsTitle))));
    add(&root, &header);
    add(&root, &el(&doc, "p", "intro", Some(&t(Msg::OptionsIntro))));
    if let Some(section) = storage_section(page, &doc, &stored) {
        add(&root, &section);
    }

    add(&root, &details_section(page, &doc, &settings.details));
    add(
        &root,
        &letters_section(page, &doc, &settings, draft.as_ref()),
    );
    add(&root, &transfer_section(page, &doc));
    let record = page.borrow().record.clone();
    add(&root, &record_section(page, &doc, &record, &settings));
    let about = el(&doc, "section", "card", None);
    set(&about, "id", "about");
    set(&about, "aria-labelledby", "about-heading");
    let h = el(&doc, "h2", "", Some(&t(Msg::AboutTitle)));
    set(&h, "id", "about-heading");
    add(&about, &h);
    add(&about, &super::about(&doc));
    add(&root, &about);
    show_notice(page, &doc);
    if let Some(selector) = page.borrow_mut().focus.take() {
        focus(&doc, selector);
    }
}

/// What could not be read of the stored data, and the way to delete it (asked twice).
fn storage_section(page: &Shared, doc: &Document, stored: &Stored) -> Option<Element> {
    let notes = storage_texts(stored);
    if notes.is_empty() {
        return None;
    }
    let section = el(doc, "section", "card storage", None);
    set(&section, "id", "storage");
    for note in &notes {
        add(&section, &el(doc, "p", "notice warn", Some(note)));
    }
    if stored.can_discard() {
        if page.borrow().confirm_discard {
            let ask = el(doc, "div", "confirm", None);
            set(&ask, "role", "group");
            set(&ask, "aria-label", &t(Msg::DiscardConfirm));
            add(&ask, &el(doc, "p", "", Some(&t(Msg::DiscardConfirm))));
            let row = el(doc, "div", "actions", None);
            add(
                &row,
                &button(
                    page,
                    doc,
                    Action::DiscardConfirm,
                    "danger",
                    &t(Msg::ActionDiscardConfirm),
                ),
            );
            add(
                &row,
                &button(
                    page,
                    doc,
                    Action::DiscardCancel,
                    "",
                    &t(Msg::ActionDiscardCancel),
                ),
            );
            add(&ask, &row);
            add(&section, &ask);
        } else {
            add(
                &section,
                &el(doc, "p", "hint", Some(&t(Msg::StorageDiscardHint))),
            );
            let row = el(doc, "div", "actions", None);
            add(
                &row,
                &button(page, doc, Action::Discard, "", &t(Msg::ActionDiscardUnread)),
            );
            add(&section, &row);
        }
    }
    Some(section)
}

/// The person confirmed: what could not be read is deleted, and the readable settings saved.
async fn discard(page: &Shared) {
    // What is stored now, read anew: only what still cannot be read is deleted.
    let (settings, mut stored) = read_settings().await;
    stored.discard();
    let saved = write_settings(&settings, &stored).await;
    let mut p = page.borrow_mut();
    p.confirm_discard = false;
    p.deleted = None;
    match saved {
        Ok(()) => {
            p.settings = settings;
            p.stored = stored;
            p.notice = Some((t(Msg::DiscardDone), "ok"));
            p.focus = Some("[data-action=new-letter]");
        }
        Err(why) => p.notice = Some((not_saved_text(why), "error")),
    }
}

/// The details card's id (a notice about a detail is shown there).
const DETAILS_CARD: &str = "details-card";

fn details_section(page: &Shared, doc: &Document, details: &Details) -> Element {
    let section = el(doc, "section", "card", None);
    set(&section, "id", DETAILS_CARD);
    set(&section, "aria-labelledby", "details-heading");
    let h = el(doc, "h2", "", Some(&t(Msg::DetailsTitle)));
    set(&h, "id", "details-heading");
    add(&section, &h);
    add(&section, &el(doc, "p", "hint", Some(&t(Msg::DetailsHint))));
    for (key, wrap, input) in detail_inputs(doc, details) {
        on(page, &input, "change", move |page, e| {
            let v = super::dom::target(e).map(|t| value(&t)).unwrap_or_default();
            page.borrow_mut().settings.details.set(key, v.clone());
            let page = page.clone();
            wasm_bindgen_futures::spawn_local(async move {
                // Only this detail changes in what is stored.
                let saved = update_settings(|s| {
                    s.details.set(key, v);
                    Ok::<_, ()>(())
                })
                .await;
                let mut p = page.borrow_mut();
                // Said at the details, without scrolling there: the person may have moved on
                // (the change arrives when the field loses focus).
                p.notice_at = Some(DETAILS_CARD.to_string());
                p.reveal = false;
                p.notice = Some(match saved {
                    Ok((settings, stored, ())) => {
                        p.settings = settings;
                        p.stored = stored;
                        (t(Msg::DetailsSaved), "ok")
                    }
                    Err(e) => (update_error_text(e, |()| t(Msg::NotSaved)), "error"),
                });
                if key == "residence" {
                    // The authority to complain to follows where the person lives.
                    p.focus = Some("#residence");
                    drop(p);
                    render(&page);
                } else {
                    drop(p);
                    render_notice_only(&page);
                }
            });
        });
        add(&section, &wrap);
    }
    section
}

/// Redraws only the notice, so that typing in the details is not interrupted.
fn render_notice_only(page: &Shared) {
    if let Some(doc) = document() {
        show_notice(page, &doc);
    }
}

fn letters_section(
    page: &Shared,
    doc: &Document,
    settings: &Settings,
    draft: Option<&Draft>,
) -> Element {
    let section = el(doc, "section", "card", None);
    set(&section, "id", "letters-card");
    set(&section, "aria-labelledby", "letters-heading");
    let h = el(doc, "h2", "", Some(&t(Msg::YourLetters)));
    set(&h, "id", "letters-heading");
    add(&section, &h);
    let list = el(doc, "ul", "own-letters", None);
    set(&list, "id", "own-letters");
    if settings.letters.is_empty() {
        add(&section, &el(doc, "p", "hint", Some(&t(Msg::NoOwnLetters))));
    }
    for letter in &settings.letters {
        let item = el(doc, "li", "own-letter", None);
        set(&item, "data-own-letter", &letter.id);
        let text = el(doc, "div", "letter-text", None);
        add(&text, &el(doc, "span", "letter-title", Some(&letter.title)));
        let meta = format!(
            "{} \u{b7} {}",
            t(form_name_msg(letter.form)),
            super::language_label(&letter.locale)
        );
        add(
            &text,
            &el(
                doc,
                "span",
                "letter-desc",
                Some(meta.trim_end_matches(" \u{b7} ")),
            ),
        );
        add(&item, &text);
        let edit = button(
            page,
            doc,
            Action::Edit(letter.id.clone()),
            "",
            &t(Msg::ActionEdit),
        );
        set(
            &edit,
            "aria-label",
            &t_with(Msg::ActionEditNamed, std::slice::from_ref(&letter.title)),
        );
        add(&item, &edit);
        let delete = button(
            page,
            doc,
            Action::Delete(letter.id.clone()),
            "",
            &t(Msg::ActionDelete),
        );
        set(
            &delete,
            "aria-label",
            &t_with(Msg::ActionDeleteNamed, std::slice::from_ref(&letter.title)),
        );
        add(&item, &delete);
        add(&list, &item);
    }
    add(&section, &list);
    match draft {
        Some(d) => add(&section, &editor(page, doc, d)),
        None => {
            let row = el(doc, "div", "actions", None);
            add(
                &row,
                &button(
                    page,
                    doc,
                    Action::NewLetter,
                    "primary",
                    &t(Msg::ActionNewLetter),
                ),
            );
            add(&section, &row);
            let start = el(doc, "div", "row start-from", None);
            let label = el(doc, "label", "", Some(&t(Msg::StartFrom)));
            set(&label, "for", "start-letter");
            add(&start, &label);
            let mut choices = Vec::new();
            for locale in letters::locales() {
                for form in [FormKind::AiObjection, FormKind::ThirdPartyData] {
                    for l in letters::letters_for(form, locale) {
                        choices.push((
                            format!("{locale}/{}", l.id),
                            format!("{} \u{b7} {}", super::language_label(locale), l.title),
                        ));
                    }
                }
            }
            let mine = letters::best_locale(&ui_language()).unwrap_or(letters::FALLBACK_LOCALE);
            add(
                &start,
                &select(doc, "start-letter", &choices, &format!("{mine}/short")),
            );
            add(
                &start,
                &button(page, doc, Action::FromBuiltin, "", &t(Msg::ActionStartFrom)),
            );
            add(&section, &start);
        }
    }
    section
}

fn editor(page: &Shared, doc: &Document, d: &Draft) -> Element {
    let box_ = el(doc, "div", "editor", None);
    set(&box_, "id", "editor");
    set(&box_, "role", "group");
    set(&box_, "aria-label", &t(Msg::EditorTitle));
    add(&box_, &el(doc, "h3", "", Some(&t(Msg::EditorTitle))));
    let (title, title_input) =
        labelled(doc, "input", "letter-title", &t(Msg::LetterTitle), &d.title);
    set(&title_input, "maxlength", &own::MAX_TITLE_CHARS.to_string());
    add(&box_, &title);
    let row = el(doc, "div", "row", None);
    let form_label = el(doc, "label", "", Some(&t(Msg::LetterForm)));
    set(&form_label, "for", "letter-form");
    add(&row, &form_label);
    add(
        &row,
        &select(doc, "letter-form", &form_options(), d.form.as_str()),
    );
    let locale_label = el(doc, "label", "", Some(&t(Msg::LetterLanguage)));
    set(&locale_label, "for", "letter-locale");
    add(&row, &locale_label);
    add(
        &row,
        &select(doc, "letter-locale", &locale_options(), &d.locale),
    );
    add(&box_, &row);
    let (body, body_area) = labelled(doc, "textarea", "letter-body", &t(Msg::LetterBody), &d.body);
    set(&body_area, "rows", "14");
    set(&body_area, "aria-describedby", "letter-body-hint");
    add(&box_, &body);
    let hint = el(doc, "p", "hint", Some(&t(Msg::LetterBodyHint)));
    set(&hint, "id", "letter-body-hint");
    add(&box_, &hint);
    // What the placeholders do: the letter as it reads with the person's details, as they type.
    let shown = el(doc, "div", "rendered", None);
    add(&shown, &el(doc, "p", "hint", Some(&t(Msg::LetterRendered))));
    let rendered = el(doc, "pre", "sent-text", None);
    set(&rendered, "id", "letter-rendered");
    set(&rendered, "aria-live", "off");
    add(&shown, &rendered);
    add(&box_, &shown);
    let draw = |page: &Shared| {
        let details = page.borrow().settings.details.clone();
        let locale = read_field("letter-locale");
        let text = letters::render(
            &read_field("letter-body"),
            &locale,
            &details,
            &super::today(),
        );
        if let Some(e) = document().and_then(|d| d.get_element_by_id("letter-rendered")) {
            e.set_text_content(Some(&text));
        }
    };
    on(page, &body_area, "input", move |page, _| draw(page));
    let rendered_text = letters::render(
        &d.body,
        &d.locale,
        &page.borrow().settings.details,
        &super::today(),
    );
    rendered.set_text_content(Some(&rendered_text));
    let row = el(doc, "div", "actions", None);
    add(
        &row,
        &button(
            page,
            doc,
            Action::SaveLetter,
            "primary",
            &t(Msg::ActionSave),
        ),
    );
    add(
        &row,
        &button(page, doc, Action::CancelEdit, "", &t(Msg::ActionCancelEdit)),
    );
    add(&box_, &row);
    // The draft follows what is typed, so that any redraw (an import, a save in another open
    // page) keeps it as the person left it.
    on(page, &box_, "input", |page, _| {
        if let Some(draft) = page.borrow_mut().draft.as_mut() {
            draft.title = read_field("letter-title");
            draft.body = read_field("letter-body");
            draft.locale = read_field("letter-locale");
            draft.form = FormKind::parse(&read_field("letter-form")).unwrap_or(draft.form);
        }
    });
    box_
}

fn transfer_section(page: &Shared, doc: &Document) -> Element {
    let section = el(doc, "section", "card", None);
    set(&section, "id", "transfer-card");
    set(&section, "aria-labelledby", "transfer-heading");
    let h = el(doc, "h2", "", Some(&t(Msg::TransferTitle)));
    set(&h, "id", "transfer-heading");
    add(&section, &h);
    add(&section, &el(doc, "p", "hint", Some(&t(Msg::TransferHint))));
    let row = el(doc, "div", "actions", None);
    add(
        &row,
        &button(page, doc, Action::Export, "", &t(Msg::ActionExport)),
    );
    let label = el(doc, "label", "file-button", Some(&t(Msg::ActionImport)));
    set(&label, "for", "import-file");
    let input = el(doc, "input", "visually-hidden", None);
    set(&input, "type", "file");
    set(&input, "id", "import-file");
    set(&input, "accept", ".json,application/json");
    on(page, &input, "change", |page, e| {
        let Some(input) = super::dom::target(e).and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        let page = page.clone();
        wasm_bindgen_futures::spawn_local(async move { import_file(&page, file).await });
    });
    add(&row, &label);
    add(&row, &input);
    add(&section, &row);
    section
}

async fn import_file(page: &Shared, file: web_sys::File) {
    let notice = match read_import(&file).await {
        // Merged into the letters as stored now, read anew.
        Ok(raw) => match update_settings(|s| {
            own::import(&s.letters, raw).map(|(letters, added)| {
                s.letters = letters;
                added
            })
        })
        .await
        {
            Ok((settings, stored, added)) => {
                let mut p = page.borrow_mut();
                p.settings = settings;
                p.stored = stored;
                (t_count(Msg::ImportDone, added, &[]), "ok")
            }
            Err(e) => (update_error_text(e, |p| import_problem(&p)), "error"),
        },
        Err(problem) => (import_problem(&problem), "error"),
    };
    {
        let mut p = page.borrow_mut();
        p.deleted = None;
        p.notice = Some(notice);
    }
    render(page);
}

/// Reads an import file; it is checked against the stored letters when it is merged.
async fn read_import(file: &web_sys::File) -> Result<RawExport, ImportProblem> {
    own::check_import_size(file.size() as usize)?;
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| ImportProblem::Malformed)?;
    let text = text.as_string().ok_or(ImportProblem::Malformed)?;
    own::check_import_size(text.len())?;
    let parsed = js_sys::JSON::parse(&text).map_err(|_| ImportProblem::Malformed)?;
    from_js(&parsed).ok_or(ImportProblem::Malformed)
}

fn read_field(id: &str) -> String {
    document()
        .and_then(|d| d.get_element_by_id(id))
        .map(|e| value(&e))
        .unwrap_or_default()
}

/// What names a recorded objection for deleting it: when and where it was sent.
fn entry_key(e: &Entry) -> String {
    format!("{}|{}|{}", e.at as u64, e.platform, e.form)
}

/// The record of objections: each one with its date, platform, form, language and what Meta
/// showed after Send, the text folded away; export and delete; and, if Meta refuses, the data
/// protection authority of where the person lives with a complaint they can send.
fn record_section(page: &Shared, doc: &Document, record: &[Entry], settings: &Settings) -> Element {
    let section = el(doc, "section", "card", None);
    set(&section, "id", "record");
    set(&section, "aria-labelledby", "record-heading");
    let h = el(doc, "h2", "", Some(&t(Msg::RecordTitle)));
    set(&h, "id", "record-heading");
    add(&section, &h);
    if record.is_empty() {
        add(&section, &el(doc, "p", "hint", Some(&t(Msg::RecordEmpty))));
    }
    let list = el(doc, "ul", "record-list", None);
    let newest = record::newest_first(record);
    for e in &newest {
        let item = el(doc, "li", "", None);
        set(&item, "data-record", "");
        set(&item, "data-platform", &e.platform);
        set(&item, "data-form", &e.form);
        set(&item, "data-date", &e.date);
        let platform = e
            .platform()
            .map(|p| t(super::platform_msg(p)))
            .unwrap_or_default();
        let mut line = t_with(Msg::RecordSent, &[platform, super::ui_date(&e.date)]);
        if let Some(form) = e.form() {
            line.push_str(" \u{b7} ");
            line.push_str(&t(form_name_msg(form)));
        }
        if !e.locale.is_empty() {
            line.push_str(" \u{b7} ");
            line.push_str(&super::language_label(&e.locale));
        }
        add(&item, &el(doc, "p", "", Some(&line)));
        for mark in super::record::marks(e) {
            add(
                &item,
                &el(doc, "p", "hint", Some(&format!("\u{2713} {mark}"))),
            );
        }
        let text = el(doc, "details", "", None);
        add(&text, &el(doc, "summary", "", Some(&t(Msg::RecordText))));
        let body = el(doc, "pre", "sent-text", Some(&e.text));
        set(&body, "lang", &e.locale);
        add(&text, &body);
        add(&item, &text);
        add(
            &item,
            &button(
                page,
                doc,
                Action::DeleteRecord(entry_key(e)),
                "linkish",
                &t(Msg::RecordDelete),
            ),
        );
        add(&list, &item);
    }
    add(&section, &list);
    if !record.is_empty() {
        add(
            &section,
            &button(page, doc, Action::ExportRecord, "", &t(Msg::RecordExport)),
        );
    }

    // If Meta refuses: the authority of where the person lives, and a complaint to send it.
    let refused = el(doc, "div", "refused", None);
    set(&refused, "id", "refused");
    add(&refused, &el(doc, "h3", "", Some(&t(Msg::RefusedTitle))));
    let details = &settings.details;
    match letters::residence(&details.residence) {
        Some(r) => {
            set(&refused, "data-authority", r.code);
            add(
                &refused,
                &el(
                    doc,
                    "p",
                    "",
                    Some(&t_with(Msg::RefusedAuthority, &[r.authority.to_string()])),
                ),
            );
            let a = el(doc, "a", "link", Some(&t(Msg::RefusedOpen)));
            set(&a, "href", r.complaint);
            set(&a, "target", "_blank");
            set(&a, "rel", "noopener noreferrer");
            add(&refused, &a);
            let latest = newest.first();
            let locale = latest
                .map(|e| e.locale.as_str())
                .filter(|l| !l.is_empty())
                .and_then(letters::best_locale)
                .unwrap_or_else(|| super::names_locale());
            // The day the objection was sent, written as the letter's language writes dates.
            let sent = latest
                .map(|e| super::format_date(locale, &e.date))
                .unwrap_or_default();
            let platform = latest
                .and_then(|e| e.platform())
                .map(|p| t(super::platform_msg(p)))
                .unwrap_or_else(|| t(Msg::PlatformFacebook));
            let draft =
                letters::render_complaint(locale, details, &sent, &platform, &super::today())
                    .unwrap_or_default();
            let (wrap, area) = super::dom::labelled(
                doc,
                "textarea",
                "complaint",
                &t(Msg::ComplaintLabel),
                &draft,
            );
            set(&area, "rows", "10");
            set(&area, "lang", locale);
            add(&refused, &wrap);
            add(
                &refused,
                &button(page, doc, Action::CopyComplaint, "", &t(Msg::ComplaintCopy)),
            );
        }
        None => add(
            &refused,
            &el(doc, "p", "hint", Some(&t(Msg::RefusedNoAuthority))),
        ),
    }
    add(&section, &refused);
    section
}

/// The record as text, newest first, for the person to keep.
fn record_text(record: &[Entry]) -> String {
    let newest = record::newest_first(record);
    let mut out = format!("{}\n\n", t(Msg::RecordTitle));
    for e in newest {
        let platform = e
            .platform()
            .map(|p| t(super::platform_msg(p)))
            .unwrap_or_default();
        let form = e.form().map(|f| t(form_name_msg(f))).unwrap_or_default();
        out.push_str(&format!(
            "{} \u{b7} {platform} \u{b7} {form} \u{b7} {}\n",
            e.date, e.form_id
        ));
        for mark in super::record::marks(e) {
            out.push_str(&format!("{mark}\n"));
        }
        out.push_str(&format!("\n{}\n\n----------\n\n", e.text));
    }
    out
}

async fn act(page: &Shared, action: Action) {
    // A notice answers the last thing the person did; an earlier one ("Letter saved") does not
    // stay while they do the next.
    if !matches!(action, Action::UndoDelete) {
        let mut p = page.borrow_mut();
        p.notice = None;
        // Undo belongs to its notice: once that is gone, the deleted letter is gone too.
        p.deleted = None;
    }
    match action {
        Action::ExportRecord => {
            let text = record_text(&page.borrow().record);
            super::download_text(&format!("objections-{}.txt", super::today()), &text);
            return;
        }
        Action::DeleteRecord(key) => {
            let updated = super::record::update(|entries| {
                let before = entries.len();
                entries.retain(|e| entry_key(e) != key);
                entries.len() != before
            })
            .await;
            let mut p = page.borrow_mut();
            if let Some(r) = updated {
                p.record = r.entries;
                p.notice = Some((t(Msg::RecordDeleted), "ok"));
            } else {
                p.notice = Some((t(Msg::NotSaved), "error"));
            }
            p.focus = Some("#record-heading");
        }
        Action::CopyComplaint => {
            let text = document()
                .and_then(|d| d.get_element_by_id("complaint"))
                .map(|e| value(&e))
                .unwrap_or_default();
            let ok = super::copy_text(&text).await.as_bool().unwrap_or(false);
            page.borrow_mut().notice = Some(if ok {
                (t(Msg::NoticeCopied), "ok")
            } else {
                (t(Msg::NoticeCopyFailed), "error")
            });
        }
        Action::NewLetter => {
            let mut p = page.borrow_mut();
            p.draft = Some(Draft {
                id: None,
                title: String::new(),
                body: String::new(),
                form: FormKind::AiObjection,
                locale: letters::FALLBACK_LOCALE.to_string(),
            });
            p.focus = Some("#letter-title");
        }
        Action::FromBuiltin => {
            let choice = read_field("start-letter");
            let (locale, id) = choice.split_once('/').unwrap_or_default();
            if let Some(l) = letters::find_letter(locale, id) {
                let mut p = page.borrow_mut();
                p.draft = Some(Draft {
                    id: None,
                    title: l.title.to_string(),
                    body: l.body.to_string(),
                    form: l.form,
                    locale: l.locale.to_string(),
                });
                p.focus = Some("#letter-title");
            }
        }
        Action::Edit(id) => {
            let mut p = page.borrow_mut();
            let letter = p.settings.letters.iter().find(|l| l.id == id).cloned();
            if let Some(l) = letter {
                p.draft = Some(Draft {
                    id: Some(l.id),
                    title: l.title,
                    body: l.body,
                    form: l.form,
                    locale: l.locale,
                });
                p.focus = Some("#letter-title");
            }
        }
        Action::CancelEdit => {
            let mut p = page.borrow_mut();
            p.draft = None;
            p.focus = Some("[data-action=new-letter]");
        }
        Action::SaveLetter => save_draft(page).await,
        Action::Discard => {
            let mut p = page.borrow_mut();
            p.confirm_discard = true;
            p.focus = Some("[data-action=discard-cancel]");
        }
        Action::DiscardCancel => {
            let mut p = page.borrow_mut();
            p.confirm_discard = false;
            p.focus = Some("[data-action=discard]");
        }
        Action::DiscardConfirm => discard(page).await,
        Action::Delete(id) => {
            page.borrow_mut().draft = None;
            let saved =
                update_settings(|s| Ok::<_, ()>(own::delete_letter(&mut s.letters, &id))).await;
            let mut p = page.borrow_mut();
            match saved {
                Err(e) => p.notice = Some((update_error_text(e, |()| t(Msg::NotSaved)), "error")),
                Ok((settings, stored, gone)) => {
                    p.notice = gone.as_ref().map(|l| {
                        (
                            t_with(Msg::LetterDeleted, std::slice::from_ref(&l.title)),
                            "ok",
                        )
                    });
                    p.deleted = gone;
                    p.settings = settings;
                    p.stored = stored;
                    p.focus = Some("[data-action=undo-delete]");
                }
            }
        }
        Action::UndoDelete => {
            let deleted = page.borrow().deleted.clone();
            let saved = update_settings(|s| {
                if let Some(l) = deleted {
                    if !s.letters.iter().any(|x| x.id == l.id) {
                        s.letters.push(l);
                    }
                }
                Ok::<_, ()>(())
            })
            .await;
            let mut p = page.borrow_mut();
            match saved {
                Ok((settings, stored, ())) => {
                    p.settings = settings;
                    p.stored = stored;
                    p.deleted = None;
                    p.notice = Some((t(Msg::LetterRestored), "ok"));
                }
                Err(e) => p.notice = Some((update_error_text(e, |()| t(Msg::NotSaved)), "error")),
            }
        }
        Action::Export => {
            let file = own::export(&page.borrow().settings.letters);
            let text = to_js(&file)
                .and_then(|v| {
                    js_sys::JSON::stringify_with_replacer_and_space(
                        &v,
                        &JsValue::NULL,
                        &JsValue::from(2),
                    )
                    .ok()
                })
                .and_then(|s| s.as_string());
            let mut p = page.borrow_mut();
            match text {
                Some(text) => {
                    download_text("objection-letters.json", &text);
                    p.notice = Some((t_count(Msg::ExportDone, file.letters.len(), &[]), "ok"));
                }
                None => p.notice = Some((t(Msg::ExportFailed), "error")),
            }
        }
    }
    render(page);
}

async fn save_draft(page: &Shared) {
    let Some(draft) = page.borrow().draft.clone() else {
        return;
    };
    let title = read_field("letter-title");
    let body = read_field("letter-body");
    let form = FormKind::parse(&read_field("letter-form")).unwrap_or(FormKind::AiObjection);
    let locale = read_field("letter-locale");
    let draft_now = Draft {
        title: title.clone(),
        body: body.clone(),
        form,
        locale: locale.clone(),
        ..draft.clone()
    };
    // Added to, or changed in, the letters as stored now (read anew): letters saved meanwhile in
    // another page stay.
    let saved = update_settings(|s| {
        own::save_letter(
            &mut s.letters,
            draft.id.as_deref(),
            &title,
            &body,
            form,
            &locale,
        )
    })
    .await;
    let mut p = page.borrow_mut();
    match saved {
        Ok((settings, stored, _)) => {
            p.settings = settings;
            p.stored = stored;
            p.draft = None;
            p.deleted = None;
            p.notice = Some((t(Msg::LetterSaved), "ok"));
            p.focus = Some("[data-action=new-letter]");
        }
        Err(UpdateError::Rejected(problem)) => {
            p.draft = Some(draft_now);
            p.notice = Some((letter_problem(&problem), "error"));
            p.focus = Some("#letter-title");
        }
        Err(UpdateError::NotSaved(why)) => {
            p.draft = Some(draft_now);
            p.notice = Some((not_saved_text(why), "error"));
        }
    }
}
