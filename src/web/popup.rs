//! The popup: draws the core's [`Model`] and feeds it the person's clicks and the page's answers.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::future::TimeoutFuture;
use serde::Deserialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

use crate::core::composer::form_url;
use crate::core::data::{FormKind, Platform};
use crate::core::fill::{field_length, Expect};
use crate::core::letters;
use crate::core::popup::{
    box_memory_key, next_steps, off_form_links, still_drawing, FieldTarget, KnownFill, Memory,
    Model, NextStep, Notice, Phase,
};
use crate::core::raw::Raw;
use crate::core::recognise::{parse_contact_url, recognise, site_platform, Recognition};
use crate::core::record::{self, Entry};
use crate::core::report::PageReport;
use crate::core::settings::{Settings, Stored};
use crate::core::ui::Msg;

use super::dom::{
    add, detail_inputs, document, el, focus, on, residence_field, set, set_value, target, value,
    Listening,
};
use super::{
    browser_languages, call_shim, copy_text, form_title_msg, from_js, js_of, language_label,
    on_settings_changed, open_options, platform_msg, read_settings, session_get, session_set,
    storage_get, storage_set, storage_state, storage_texts, t, t_count, t_with, tab_url,
    target_tab, to_js, today, ui_date, ui_language_list, ui_number, update_settings,
};
use crate::core::letters::Details;

/// How long after writing we read the field back: long enough for a page's own scripts to react.
const READ_BACK_MS: u32 = 500;

struct App {
    tab: i32,
    /// The platform whose site the tab shows (from the browser's URL of the tab), if any.
    site: Option<Platform>,
    model: Model,
    settings: Settings,
    /// How the settings were loaded, and what of them could not be read (kept aside).
    stored: Stored,
    listeners: Vec<EventListener>,
    /// What gets the keyboard focus after the next redraw (a CSS selector).
    focus: Option<&'static str>,
    /// The next drawing answers something the person did (Fill, Copy, Undo): its notice is
    /// brought into view. Redraws of the popup's own (the page read again) leave the view be.
    reveal: bool,
    /// When the popup first read the page (ms since the epoch), for its patience with a form
    /// that is still drawing.
    started: f64,
    /// The record of the person's objections (for the checklist and what comes after Send).
    record: Vec<Entry>,
}

type Shared = Rc<RefCell<App>>;

impl Listening for App {
    fn listeners(&mut self) -> &mut Vec<EventListener> {
        &mut self.listeners
    }
}

/// What the shim answers to write, read and undo.
#[derive(Deserialize, Default)]
#[serde(default)]
struct ShimAnswer {
    ok: bool,
    /// The box no longer matches what the write expected (see `fill::Expect`).
    stale: bool,
    /// Undo: the box changed since our write; nothing was undone.
    changed: bool,
    value: Option<String>,
    expected: Option<String>,
}

/// Starts the popup (see [`super::start_page`]).
pub(super) async fn start_popup() {
    let app = Rc::new(RefCell::new(App {
        tab: -1,
        site: None,
        model: Model::loading(),
        settings: Settings::default(),
        stored: Stored::default(),
        listeners: Vec::new(),
        focus: None,
        reveal: false,
        started: js_sys::Date::now(),
        record: Vec::new(),
    }));
    render(&app);
    load(&app).await;
    render(&app);
    follow_settings(&app);
    watch(&app).await;
}

/// Another open page (the options page) saved the settings: the popup shows the details and own
/// letters as stored now; the letter follows unless the person edited it.
fn follow_settings(app: &Shared) {
    let app = app.clone();
    let changed = Closure::<dyn FnMut()>::new(move || {
        let app = app.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let (settings, stored) = read_settings().await;
            {
                let mut a = app.borrow_mut();
                if a.settings == settings && a.stored == stored {
                    return; // the popup's own save
                }
                a.model.own = settings.letters.clone();
                // A detail the person is typing here (not saved yet) stays as typed.
                let details = a
                    .model
                    .details
                    .follow(&a.settings.details, &settings.details);
                if details != a.model.details {
                    a.model.set_details(details);
                }
                a.settings = settings;
                a.stored = stored;
            }
            render(&app);
        });
    });
    on_settings_changed(&changed);
    changed.forget(); // the popup lives as long as the listener
}

/// How often the popup reads the page again while it is open.
const REREAD_MS: u32 = 800;

/// Reads the page again while the popup is open, so that rows revealed by a choice, boxes drawn
/// late and a page still loading are seen; redraws only when what the popup shows changed.
async fn watch(app: &Shared) {
    loop {
        TimeoutFuture::new(REREAD_MS).await;
        let (tab, waiting) = {
            let a = app.borrow();
            (
                a.tab,
                matches!(a.model.phase, Phase::Form | Phase::NoForm | Phase::Loading),
            )
        };
        if tab < 0 {
            return;
        }
        if !waiting {
            continue;
        }
        let url = tab_url(tab).await.as_string().unwrap_or_default();
        if parse_contact_url(&url).is_none() {
            continue;
        }
        let Some(report) = page_report_at(tab, &url).await else {
            continue;
        };
        let verdict = recognise(&report);
        let changed = {
            let mut a = app.borrow_mut();
            let undo = can_undo(&report, &verdict);
            let (settings, today) = (a.settings.clone(), today());
            let waited = (js_sys::Date::now() - a.started).max(0.0) as u32;
            let drawing = still_drawing(&report, &verdict, waited);
            let was = (a.model.phase, a.model.notice.clone());
            let changed = a.model.refreshed(verdict, |m, v| {
                m.loaded(v, undo, &settings, &today, &browser_languages())
            });
            a.model.set_drawing(drawing);
            changed || was != (a.model.phase, a.model.notice.clone())
        };
        if changed {
            remembered_box(app).await;
            render(app);
        }
    }
}

/// Picks the box the person chose before for this form and language, when the core is unsure.
async fn remembered_box(app: &Shared) {
    let key = {
        let a = app.borrow();
        if a.model.candidates().is_empty() || a.model.picked.is_some() {
            return;
        }
        a.model.recognition.as_ref().and_then(box_memory_key)
    };
    let Some(key) = key else { return };
    let boxes = read_boxes().await;
    if let Some((_, chosen)) = boxes.iter().find(|(k, _)| *k == key) {
        app.borrow_mut().model.pick(chosen);
    }
}

/// Where each form's chosen box is remembered: its own storage entry (form number and locale to
/// the box's key), written only by the chooser, so no other page's save can overwrite it.
const BOXES_KEY: &str = "boxes";

async fn read_boxes() -> Vec<(String, String)> {
    let Ok(v) = storage_get(BOXES_KEY).await else {
        return Vec::new();
    };
    match from_js::<Raw>(&v) {
        Some(Raw::Object(entries)) => entries
            .into_iter()
            .filter_map(|(k, v)| match v {
                Raw::Str(s) => Some((k, s)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Remembers the person's choice of box (reading the entry anew first, so that a choice made
/// meanwhile in another window is kept).
async fn remember_box(form: String, chosen: String) {
    let mut boxes = read_boxes().await;
    boxes.retain(|(k, _)| *k != form);
    boxes.push((form, chosen));
    let raw = Raw::Object(boxes.into_iter().map(|(k, v)| (k, Raw::Str(v))).collect());
    let _ = storage_set(BOXES_KEY, js_of(&raw)).await;
}

/// Asks the shim for a fresh report of the page.
async fn page_report(tab: i32) -> Option<PageReport> {
    let url = tab_url(tab).await.as_string().unwrap_or_default();
    page_report_at(tab, &url).await
}

/// A fresh report of the page, whose address is the one the browser gives for the tab: a page
/// cannot make itself look like another by what it reports.
async fn page_report_at(tab: i32, url: &str) -> Option<PageReport> {
    let v = call_shim(tab, "report", JsValue::NULL).await.ok()?;
    let mut report = from_js::<PageReport>(&v).map(PageReport::bounded)?;
    report.url = url.to_string();
    Some(report)
}

fn can_undo(report: &PageReport, verdict: &Recognition) -> bool {
    verdict
        .field
        .as_ref()
        .and_then(|f| report.fields.iter().find(|r| r.index == f.index))
        .is_some_and(|f| f.can_undo)
}

async fn load(app: &Shared) {
    let tab = target_tab().await.as_f64().map_or(-1, |n| n as i32);
    let (settings, stored) = read_settings().await;
    let url = tab_url(tab).await.as_string().unwrap_or_default();
    let record = super::record::read().await.entries;
    let model = Model::loading();
    // Only Meta's help-centre contact pages are read; no script goes into any other page.
    let model = if parse_contact_url(&url).is_none() {
        let verdict = recognise(&PageReport {
            url: url.clone(),
            ..PageReport::default()
        });
        model.loaded(verdict, false, &settings, &today(), &browser_languages())
    } else {
        match page_report_at(tab, &url).await {
            Some(report) => {
                let verdict = recognise(&report);
                let undo = can_undo(&report, &verdict);
                let drawing = still_drawing(&report, &verdict, 0);
                let mut model =
                    model.loaded(verdict, undo, &settings, &today(), &browser_languages());
                model.set_drawing(drawing);
                model
            }
            None => model.unreadable(),
        }
    };
    {
        let mut a = app.borrow_mut();
        a.tab = tab;
        a.site = site_platform(&url);
        a.settings = settings;
        a.stored = stored;
        a.model = model;
        a.record = record;
    }
    remembered_box(app).await;
    // What the popup showed on this tab before it was closed (the letter, its language, edits).
    if let Ok(v) = session_get(&memory_key(tab)).await {
        if let Some(memory) = from_js::<Memory>(&v) {
            app.borrow_mut().model.recall(&memory);
        }
    }
}

fn memory_key(tab: i32) -> String {
    format!("popup:{tab}")
}

/// Remembers what the popup shows for its tab (see [`Memory`]), without waiting.
fn remember(app: &Shared) {
    let (tab, memory) = {
        let a = app.borrow();
        (a.tab, a.model.memory())
    };
    let Some(value) = memory.as_ref().and_then(to_js) else {
        return;
    };
    if tab >= 0 {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = session_set(&memory_key(tab), value).await;
        });
    }
}

/// Redraws after the current event handler has returned (its listener is replaced by the redraw).
fn rerender(app: &Shared) {
    let app = app.clone();
    wasm_bindgen_futures::spawn_local(async move { render(&app) });
}

fn notice_text(n: &Notice) -> (String, &'static str) {
    let (text, tone) = match n {
        Notice::NotTheForm => (t(Msg::NoticeNotTheForm), "info"),
        Notice::CannotReadPage => (t(Msg::NoticeCannotRead), "warn"),
        Notice::NoReasonField => (t(Msg::NoticeNoField), "warn"),
        Notice::TooLong { limit, length } => (
            t_count(
                Msg::NoticeTooLong,
                *length as usize,
                &[ui_number(*limit as usize)],
            ),
            "warn",
        ),
        Notice::EmptyLetter => (t(Msg::NoticeEmpty), "warn"),
        Notice::Drawing => (t(Msg::NoticeDrawing), "info"),
        Notice::ChooseBox => (t(Msg::NoticeChooseBox), "warn"),
        Notice::HasText { chars } => (t_count(Msg::NoticeHasText, *chars as usize, &[]), "warn"),
        Notice::Filled => (t(Msg::NoticeFilled), "ok"),
        Notice::PageRemoved => (t(Msg::NoticePageRemoved), "error"),
        Notice::PageChanged => (t(Msg::NoticePageChanged), "error"),
        Notice::FieldGone => (t(Msg::NoticeFieldGone), "error"),
        Notice::Undone => (t(Msg::NoticeUndone), "ok"),
        Notice::UndoFailed => (t(Msg::NoticeUndoFailed), "error"),
        Notice::UndoWouldLose => (t(Msg::NoticeUndoWouldLose), "warn"),
        Notice::Copied => (t(Msg::NoticeCopied), "ok"),
        Notice::CopyFailed => (t(Msg::NoticeCopyFailed), "error"),
        Notice::ChooseResidence => (t(Msg::ResidenceNeeded), "warn"),
    };
    (text, tone)
}

fn render(app: &Shared) {
    let Some(doc) = document() else { return };
    let Some(root) = doc.get_element_by_id("app") else {
        return;
    };
    // A redraw while the person is in a text box of the popup keeps them there.
    let active = doc
        .active_element()
        .filter(|e| !e.id().is_empty())
        .map(|e| {
            let area = e.dyn_ref::<web_sys::HtmlTextAreaElement>();
            let sel =
                area.and_then(|a| Some((a.selection_start().ok()??, a.selection_end().ok()??)));
            (e.id(), sel)
        });
    app.borrow_mut().listeners.clear();
    remember(app);
    let model = app.borrow().model.clone();
    let verdict = model.recognition.as_ref();
    set(&root, "data-state", model.phase.as_str());
    for (name, value) in [
        (
            "data-form",
            verdict.and_then(|r| r.form).map(FormKind::as_str),
        ),
        (
            "data-platform",
            verdict.and_then(|r| r.platform).map(Platform::as_str),
        ),
        ("data-lang", verdict.and_then(|r| r.lang.as_deref())),
    ] {
        match value.filter(|_| model.form().is_some()) {
            Some(v) => set(&root, name, v),
            None => {
                let _ = root.remove_attribute(name);
            }
        }
    }
    root.set_text_content(None);

    let header = el(&doc, "header", "top", None);
    let logo = el(&doc, "img", "logo", None);
    set(&logo, "src", "icons/icon-32.png");
    set(&logo, "alt", "");
    add(&header, &logo);
    add(&header, &el(&doc, "h1", "brand", Some(&t(Msg::ExtName))));
    add(&root, &header);

    let status = el(&doc, "section", "status", None);
    add(&root, &status);
    match (model.phase, verdict.and_then(|r| r.form.zip(r.platform))) {
        (Phase::Loading, _) => {
            let key = if model.drawing {
                Msg::LoadingForm
            } else {
                Msg::Loading
            };
            add(&status, &el(&doc, "p", "headline", Some(&t(key))));
        }
        (Phase::NoForm, _) | (_, None) => {
            add(
                &status,
                &el(&doc, "p", "headline", Some(&t(Msg::NoFormTitle))),
            );
            if let Some(n) = &model.notice {
                let p = el(&doc, "p", "detail", Some(&notice_text(n).0));
                set(&p, "id", "notice");
                add(&status, &p);
            }
            let site = app.borrow().site;
            add(&root, &form_links(&doc, site));
        }
        (_, Some((form, platform))) => {
            let headline = t_with(form_title_msg(form), &[t(platform_msg(platform))]);
            add(&status, &el(&doc, "p", "headline", Some(&headline)));
            let lang = verdict
                .and_then(|r| r.locale.as_deref())
                .map(language_label)
                .filter(|n| !n.is_empty());
            let detail = match lang {
                Some(name) => t_with(Msg::FormLanguage, &[name]),
                None => t(Msg::FormLanguageUnknown),
            };
            add(&status, &el(&doc, "p", "detail", Some(&detail)));
            if let Some(n) = &model.notice {
                let (text, tone) = notice_text(n);
                let p = el(&doc, "p", &format!("notice {tone}"), Some(&text));
                set(&p, "id", "notice");
                add(&status, &p);
            }
            if matches!(model.phase, Phase::Form | Phase::Error) {
                add(&root, &compose(app, &doc, &model));
            }
            add(&root, &actions(app, &doc, &model));
            if model.phase == Phase::Filled {
                if let Some(verdict) = verdict {
                    add(&root, &after_send(&doc, verdict, &app.borrow().record));
                }
            }
        }
    }
    if model.phase != Phase::Loading {
        let (record, site) = {
            let a = app.borrow();
            (a.record.clone(), a.site)
        };
        add(&root, &checklist(app, &doc, &record, site));
    }
    // What could not be read of the person's stored data: said in every state, never hidden.
    let (storage, notes) = {
        let a = app.borrow();
        (storage_state(&a.stored), storage_texts(&a.stored))
    };
    set(&root, "data-storage", storage);
    if !notes.is_empty() {
        let box_ = el(&doc, "div", "notice warn storage", None);
        set(&box_, "id", "storage-notice");
        for note in &notes {
            add(&box_, &el(&doc, "p", "", Some(note)));
        }
        add(&root, &box_);
    }
    let footer = el(&doc, "footer", "privacy", None);
    add(&footer, &el(&doc, "p", "", Some(&t(Msg::FooterPrivacy))));
    add(&footer, &super::about(&doc));
    add(&root, &footer);
    let more = button(
        app,
        &doc,
        Action::Options,
        "linkish",
        &t(Msg::ActionOptions),
    );
    add(&root, &more);
    // The live region outside the redrawn part stays in the page, so screen readers announce
    // each new state's message once.
    if let Some(announce) = doc.get_element_by_id("announce") {
        let said = status.text_content().unwrap_or_default();
        if announce.text_content().unwrap_or_default() != said {
            announce.set_text_content(Some(&said));
        }
    }
    // The answer to what the person did is brought into view, wherever they had scrolled.
    let reveal = std::mem::take(&mut app.borrow_mut().reveal);
    if let Some(selector) = app.borrow_mut().focus.take() {
        focus(&doc, selector);
    } else if let Some((id, sel)) = active {
        if let Some(e) = doc.get_element_by_id(&id) {
            if let Some(h) = e.dyn_ref::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
            if let (Some(a), Some((start, end))) =
                (e.dyn_ref::<web_sys::HtmlTextAreaElement>(), sel)
            {
                let _ = a.set_selection_range(start, end);
            }
        }
    }
    if reveal {
        if let Some(notice) = doc.get_element_by_id("notice") {
            super::dom::bring_into_view(&notice);
        }
    }
}

/// What comes after Send for this form (see [`next_steps`]), once the letter is in it.
fn after_send(doc: &Document, verdict: &Recognition, record: &[Entry]) -> Element {
    let section = el(doc, "section", "next", None);
    set(&section, "aria-labelledby", "next-title");
    let h = el(doc, "h2", "", Some(&t(Msg::NextTitle)));
    set(&h, "id", "next-title");
    add(&section, &h);
    let objected: Vec<Platform> = record.iter().filter_map(Entry::platform).collect();
    let list = el(doc, "ul", "", None);
    for step in next_steps(verdict, &objected) {
        let (key, text) = match step {
            NextStep::Code => ("code", t(Msg::NextCode)),
            NextStep::Email => ("email", t(Msg::NextEmail)),
            NextStep::GoingForward => ("going-forward", t(Msg::NextForward)),
            NextStep::AccountsCenter => ("accounts-center", t(Msg::NextAccounts)),
            NextStep::OtherPlatform(p) => (
                "other-platform",
                t_with(Msg::NextOther, &[t(platform_msg(p))]),
            ),
            NextStep::CountryField => ("country-field", t(Msg::NextCountry)),
            NextStep::ThirdPartyFields => ("third-party-fields", t(Msg::NextThirdParty)),
        };
        let item = el(doc, "li", "", Some(&text));
        set(&item, "data-step", key);
        add(&list, &item);
    }
    add(&section, &list);
    section
}

/// The record as a checklist, on every page: the objection to AI at Meta per platform, with the
/// date it was sent, or "not yet" with a link to the form; a way to the whole record.
fn checklist(app: &Shared, doc: &Document, record: &[Entry], site: Option<Platform>) -> Element {
    let section = el(doc, "section", "record", None);
    set(&section, "aria-labelledby", "record-title");
    let h = el(doc, "h2", "", Some(&t(Msg::RecordTitle)));
    set(&h, "id", "record-title");
    add(&section, &h);
    let list = el(doc, "ul", "", None);
    let order = off_form_links(site).map(|(p, _)| p);
    for (platform, entry) in record::checklist(record, order) {
        let name = t(platform_msg(platform));
        let item = el(doc, "li", "", None);
        set(&item, "data-platform", platform.as_str());
        match entry {
            Some(e) => {
                set(&item, "data-record", "");
                set(&item, "data-form", &e.form);
                set(&item, "data-date", &e.date);
                set(&item, "class", "done");
                let mut text = t_with(Msg::RecordSent, &[name, ui_date(&e.date)]);
                for mark in super::record::marks(e) {
                    text.push_str(" \u{b7} ");
                    text.push_str(&mark);
                }
                add(&item, &el(doc, "span", "", Some(&text)));
            }
            None => {
                set(&item, "class", "todo");
                add(
                    &item,
                    &el(doc, "span", "", Some(&t_with(Msg::RecordNotYet, &[name]))),
                );
                if let Some(href) = form_url(FormKind::AiObjection, platform) {
                    let a = el(
                        doc,
                        "a",
                        "",
                        Some(&t(match platform {
                            Platform::Facebook => Msg::LinkFacebook,
                            Platform::Instagram => Msg::LinkInstagram,
                        })),
                    );
                    set(&a, "href", &href);
                    set(&a, "target", "_blank");
                    set(&a, "rel", "noopener noreferrer");
                    add(&item, &a);
                }
            }
        }
        add(&list, &item);
    }
    add(&section, &list);
    add(
        &section,
        &button(app, doc, Action::Options, "linkish", &t(Msg::RecordMore)),
    );
    section
}

/// The objection forms, off the form: the platform of the site first, the other with a word
/// that it needs the person logged in there (see [`off_form_links`]); large targets.
fn form_links(doc: &Document, site: Option<Platform>) -> Element {
    let nav = el(doc, "nav", "links", None);
    set(&nav, "aria-label", &t(Msg::LinksLabel));
    add(&nav, &el(doc, "p", "", Some(&t(Msg::LinksIntro))));
    // Where the person can find the forms: the newest we know (`src/rules/forms.toml`).
    for (platform, needs_login) in off_form_links(site) {
        let Some(href) = form_url(FormKind::AiObjection, platform) else {
            continue;
        };
        let key = match platform {
            Platform::Facebook => Msg::LinkFacebook,
            Platform::Instagram => Msg::LinkInstagram,
        };
        let a = el(doc, "a", "link", None);
        set(&a, "href", &href);
        set(&a, "target", "_blank");
        set(&a, "rel", "noopener noreferrer");
        set(&a, "data-platform", platform.as_str());
        add(&a, &el(doc, "span", "link-title", Some(&t(key))));
        if needs_login {
            let hint = t_with(Msg::LinkNeedsLogin, &[t(platform_msg(platform))]);
            add(&a, &el(doc, "span", "link-hint", Some(&hint)));
        }
        add(&nav, &a);
    }
    nav
}

fn compose(app: &Shared, doc: &Document, model: &Model) -> Element {
    let section = el(doc, "section", "compose", None);
    let form = model.form().unwrap_or(FormKind::AiObjection);
    let candidates = model.candidates();
    if !candidates.is_empty() {
        add(&section, &box_chooser(app, doc, model, &candidates));
    }

    let lang_row = el(doc, "div", "field", None);
    let lang_label = el(doc, "label", "", Some(&t(Msg::LetterLanguage)));
    set(&lang_label, "for", "locale");
    add(&lang_row, &lang_label);
    let select = el(doc, "select", "", None);
    set(&select, "id", "locale");
    set(&select, "name", "locale");
    for (locale, name) in ui_language_list(&model.locales()) {
        let option = el(doc, "option", "", Some(&name));
        set(&option, "value", &locale);
        if locale == model.locale {
            set(&option, "selected", "");
        }
        add(&select, &option);
    }
    on(app, &select, "change", |app, e| {
        let Some(locale) = target(e).map(|t| value(&t)) else {
            return;
        };
        let lang = {
            let mut a = app.borrow_mut();
            a.model.select_locale(&locale);
            let lang = a.model.recognition.as_ref().and_then(|r| r.lang.clone());
            a.settings.remember_locale(lang.as_deref(), &locale);
            a.focus = Some("#locale");
            lang
        };
        save_in_background(move |s| s.remember_locale(lang.as_deref(), &locale));
        rerender(app);
    });
    add(&lang_row, &select);
    add(&section, &lang_row);

    // Where the person lives decides the law the letter cites.
    let (residence, residence_select) = residence_field(doc, &model.details.residence);
    on(app, &residence_select, "change", |app, e| {
        let Some(code) = target(e).map(|t| value(&t)) else {
            return;
        };
        if letters::law_of(&code).is_none() {
            return;
        }
        {
            let mut a = app.borrow_mut();
            a.model.set_residence(&code);
            a.settings.details.residence = code.clone();
            a.focus = Some("#residence");
        }
        save_in_background(move |s| s.details.residence = code);
        remember(app);
        rerender(app);
    });
    add(&section, &residence);

    let fieldset = el(doc, "fieldset", "letters", None);
    set(&fieldset, "lang", model.locale);
    add(
        &fieldset,
        &el(doc, "legend", "", Some(&t(Msg::ChooseReason))),
    );
    for letter in letters::letters_for(form, model.locale) {
        let choice = letter_choice(app, doc, letter.id, letter.title, letter.description, model);
        add(&fieldset, &choice);
    }
    let own = model.own_letters();
    if !own.is_empty() {
        add(
            &fieldset,
            &el(doc, "p", "group", Some(&t(Msg::YourLetters))),
        );
        for letter in own {
            let desc = t(Msg::OwnLetterDescription);
            let choice = letter_choice(app, doc, &letter.id, &letter.title, &desc, model);
            add(&fieldset, &choice);
        }
    }
    add(&section, &fieldset);

    // With a letter that states facts: send it only if they are true; the person's own words.
    let truth = el(doc, "p", "note truth", Some(&t(Msg::TruthNote)));
    set(&truth, "id", "truth");
    if !model.states_facts() {
        set(&truth, "hidden", "");
    }
    add(&section, &truth);
    let own = el(doc, "div", "field own", None);
    let own_label = el(doc, "label", "", Some(&t(Msg::OwnLabel)));
    set(&own_label, "for", "own");
    add(&own, &own_label);
    let own_box = el(doc, "textarea", "", None);
    set(&own_box, "id", "own");
    set(&own_box, "name", "own");
    set(&own_box, "rows", "2");
    set(&own_box, "lang", model.locale);
    set(&own_box, "aria-describedby", "own-hint");
    set_value(&own_box, &model.details.own);
    on(app, &own_box, "input", |app, e| {
        let Some(words) = target(e).map(|t| value(&t)) else {
            return;
        };
        let text = {
            let mut a = app.borrow_mut();
            let mut details = a.model.details.clone();
            details.own = words;
            a.model.set_details(details);
            a.model.text.clone()
        };
        show_preview(&text);
        remember(app);
    });
    add(&own, &own_box);
    let own_hint = el(doc, "p", "hint", Some(&t(Msg::OwnHint)));
    set(&own_hint, "id", "own-hint");
    add(&own, &own_hint);
    add(&section, &own);

    let preview_label = el(doc, "label", "", Some(&t(Msg::PreviewLabel)));
    set(&preview_label, "for", "preview");
    add(&section, &preview_label);
    let preview = el(doc, "textarea", "preview", None);
    set(&preview, "id", "preview");
    set(&preview, "rows", "9");
    set(&preview, "lang", model.locale);
    set(&preview, "aria-describedby", "count");
    set_value(&preview, &model.text);
    let count = el(doc, "p", "count", Some(&count_text(&model.text)));
    set(&count, "id", "count");
    let count_handle = count.clone();
    on(app, &preview, "input", move |app, e| {
        let Some(text) = target(e).map(|t| value(&t)) else {
            return;
        };
        count_handle.set_text_content(Some(&count_text(&text)));
        app.borrow_mut().model.edit(&text);
        remember(app);
    });
    add(&section, &preview);
    add(&section, &count);
    add(&section, &details_section(app, doc, &model.details));
    section
}

/// When the core is not sure which box takes the reason: the candidates, by their labels (or
/// their place), the one in focus or under the pointer in the page marked; the person picks.
fn box_chooser(
    app: &Shared,
    doc: &Document,
    model: &Model,
    candidates: &[(String, &crate::core::recognise::FieldChoice)],
) -> Element {
    let fieldset = el(doc, "fieldset", "boxes", None);
    set(&fieldset, "id", "boxes");
    add(&fieldset, &el(doc, "legend", "", Some(&t(Msg::ChooseBox))));
    let total = candidates.len();
    for (n, (key, c)) in candidates.iter().enumerate() {
        let label = el(doc, "label", "box", None);
        set(&label, "data-box", key);
        let radio = el(doc, "input", "", None);
        set(&radio, "type", "radio");
        set(&radio, "name", "box");
        set(&radio, "value", key);
        if model.picked.as_deref() == Some(key.as_str()) {
            set(&radio, "checked", "");
        }
        let key = key.clone();
        on(app, &radio, "change", move |app, _| {
            let (tab, memory, target) = {
                let mut a = app.borrow_mut();
                a.model.pick(&key);
                a.focus = Some("input[name=box]:checked");
                let memory = a.model.recognition.as_ref().and_then(box_memory_key);
                (a.tab, memory, a.model.target())
            };
            let chosen = key.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(target) = target {
                    let _ = call_shim(tab, "mark", shim_arg(&target, None, None)).await;
                }
                if let Some(form) = memory {
                    remember_box(form, chosen).await;
                }
            });
            rerender(app);
        });
        add(&label, &radio);
        let text = el(doc, "span", "letter-text", None);
        let place = t_with(Msg::BoxNumber, &[(n + 1).to_string(), total.to_string()]);
        let title = if c.label.is_empty() {
            place.clone()
        } else {
            c.label.clone()
        };
        add(&text, &el(doc, "span", "letter-title", Some(&title)));
        let mut desc = if c.label.is_empty() {
            String::new()
        } else {
            place
        };
        if c.pointed {
            if !desc.is_empty() {
                desc.push_str(" \u{b7} ");
            }
            desc.push_str(&t(Msg::BoxPointed));
            set(&label, "data-pointed", "");
        }
        if !desc.is_empty() {
            add(&text, &el(doc, "span", "letter-desc", Some(&desc)));
        }
        add(&label, &text);
        add(&fieldset, &label);
    }
    fieldset
}

/// One letter in the list: a radio button with the title and a one-line description.
fn letter_choice(
    app: &Shared,
    doc: &Document,
    id: &str,
    title: &str,
    desc: &str,
    model: &Model,
) -> Element {
    let label = el(doc, "label", "letter", None);
    set(&label, "data-letter", id);
    let radio = el(doc, "input", "", None);
    set(&radio, "type", "radio");
    set(&radio, "name", "letter");
    set(&radio, "value", id);
    if id == model.letter {
        set(&radio, "checked", "");
    }
    let id = id.to_string();
    // Only the preview changes: no redraw, so arrow keys keep moving through the list.
    on(app, &radio, "change", move |app, _| {
        let (text, facts) = {
            let mut a = app.borrow_mut();
            a.model.select_letter(&id);
            (a.model.text.clone(), a.model.states_facts())
        };
        show_preview(&text);
        if let Some(truth) = document().and_then(|d| d.get_element_by_id("truth")) {
            if facts {
                let _ = truth.remove_attribute("hidden");
            } else {
                set(&truth, "hidden", "");
            }
        }
        remember(app);
    });
    add(&label, &radio);
    let text = el(doc, "span", "letter-text", None);
    add(&text, &el(doc, "span", "letter-title", Some(title)));
    add(&text, &el(doc, "span", "letter-desc", Some(desc)));
    add(&label, &text);
    label
}

/// The person's optional details, folded away until opened; the preview follows as they type,
/// and they are saved when a field is left.
fn details_section(app: &Shared, doc: &Document, details: &Details) -> Element {
    let section = el(doc, "details", "my-details", None);
    let given = [&details.name, &details.account]
        .iter()
        .any(|v| !v.is_empty());
    if given {
        set(&section, "open", "");
    }
    add(
        &section,
        &el(doc, "summary", "", Some(&t(Msg::DetailsTitle))),
    );
    add(&section, &el(doc, "p", "hint", Some(&t(Msg::DetailsHint))));
    // (Where the person lives is asked above, beside the letter's language.)
    for (key, wrap, input) in detail_inputs(doc, details)
        .into_iter()
        .filter(|(key, _, _)| *key != "residence")
    {
        on(app, &input, "input", |app, _| {
            let text = {
                let mut a = app.borrow_mut();
                let details = read_details(a.model.details.clone());
                a.model.set_details(details);
                a.model.text.clone()
            };
            show_preview(&text);
        });
        on(app, &input, "change", move |app, _| {
            let v = {
                let mut a = app.borrow_mut();
                a.settings.details = a.model.details.clone();
                a.model.details.get(key).to_string()
            };
            // Only this detail changes in what is stored.
            save_in_background(move |s| s.details.set(key, v));
        });
        add(&section, &wrap);
    }
    section
}

/// The details as typed in the popup's fields, over `details` (the residence and own words are
/// read elsewhere).
fn read_details(mut details: Details) -> Details {
    for key in ["name", "account"] {
        let typed = document()
            .and_then(|d| d.get_element_by_id(&format!("detail-{key}")))
            .map(|e| value(&e))
            .unwrap_or_default();
        details.set(key, typed);
    }
    details
}

/// What a button of the popup does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    Fill,
    /// Fill, replacing the text the box has (the person confirmed).
    Replace,
    Cancel,
    Options,
    Undo,
    /// Undo, losing what changed in the box since the fill (the person confirmed).
    UndoAnyway,
    Copy,
}

impl Action {
    /// The button's `data-action`, which tests and styles use.
    fn as_str(self) -> &'static str {
        match self {
            Action::Fill => "fill",
            Action::Replace => "replace",
            Action::Cancel => "cancel",
            Action::Options => "options",
            Action::Undo => "undo",
            Action::UndoAnyway => "undo-anyway",
            Action::Copy => "copy",
        }
    }
}

fn button(app: &Shared, doc: &Document, action: Action, class: &str, label: &str) -> Element {
    let b = el(doc, "button", class, Some(label));
    set(&b, "type", "button");
    set(&b, "data-action", action.as_str());
    on(app, &b, "click", move |app, _| {
        let app = app.clone();
        wasm_bindgen_futures::spawn_local(async move { act(&app, action).await });
    });
    b
}

fn actions(app: &Shared, doc: &Document, model: &Model) -> Element {
    let row = el(doc, "div", "actions", None);
    let has_field = model
        .recognition
        .as_ref()
        .is_some_and(|r| r.field.is_some());
    let mut buttons: Vec<Element> = Vec::new();
    match model.phase {
        Phase::Form | Phase::Error => {
            let label = if model.phase == Phase::Error {
                t(Msg::ActionRetry)
            } else {
                t(Msg::ActionFill)
            };
            let fill = button(app, doc, Action::Fill, "primary", &label);
            if !has_field && model.phase == Phase::Form {
                set(&fill, "disabled", "");
            }
            buttons.push(fill);
        }
        Phase::ConfirmReplace => {
            if model.undo_asked.is_some() {
                let label = t(Msg::ActionUndoAnyway);
                buttons.push(button(app, doc, Action::UndoAnyway, "primary", &label));
            } else {
                buttons.push(button(
                    app,
                    doc,
                    Action::Replace,
                    "primary",
                    &t(Msg::ActionReplace),
                ));
            }
            buttons.push(button(app, doc, Action::Cancel, "", &t(Msg::ActionCancel)));
        }
        _ => {}
    }
    if model.can_undo && model.undo_asked.is_none() {
        buttons.push(button(app, doc, Action::Undo, "", &t(Msg::ActionUndo)));
    }
    buttons.push(button(app, doc, Action::Copy, "", &t(Msg::ActionCopy)));
    for b in &buttons {
        add(&row, b);
    }
    row
}

/// Puts a letter into the preview and its count, without redrawing the popup.
fn show_preview(text: &str) {
    let Some(doc) = document() else { return };
    if let Some(area) = doc.get_element_by_id("preview") {
        set_value(&area, text);
    }
    if let Some(count) = doc.get_element_by_id("count") {
        count.set_text_content(Some(&count_text(text)));
    }
}

/// "N characters", as a form field counts them.
fn count_text(text: &str) -> String {
    t_count(Msg::CharCount, field_length(text) as usize, &[])
}

/// Saves one change of the settings without waiting: applied to what is stored now, read anew,
/// so that what another page saved meanwhile stays (a failed save of a choice is not worth
/// interrupting for; `write_settings` never writes over data it may not).
fn save_in_background(change: impl FnOnce(&mut Settings) + 'static) {
    wasm_bindgen_futures::spawn_local(async move {
        let _ = update_settings(|s| {
            change(s);
            Ok::<_, ()>(())
        })
        .await;
    });
}

async fn act(app: &Shared, action: Action) {
    if matches!(action, Action::Fill | Action::Replace | Action::Copy) {
        keep_residence(app);
    }
    match action {
        Action::Fill => fill(app, false).await,
        Action::Replace => fill(app, true).await,
        Action::Cancel => app.borrow_mut().model.cancel(),
        Action::Options => {
            open_options();
            return;
        }
        Action::Undo => undo(app, false).await,
        Action::UndoAnyway => undo(app, true).await,
        Action::Copy => {
            if app.borrow_mut().model.needs_residence() {
                app.borrow_mut().reveal = true;
                render(app);
                return;
            }
            let text = app.borrow().model.text.clone();
            let ok = copy_text(&text).await.as_bool().unwrap_or(false);
            app.borrow_mut().model.copied(ok);
        }
    }
    // After the redraw, the keyboard focus goes to the first button of the new state, and the
    // answer (the notice) is brought into view.
    {
        let mut a = app.borrow_mut();
        a.focus = Some(".actions button:not([disabled])");
        a.reveal = true;
    }
    render(app);
}

/// The letter goes out with the residence preselected for the person (from the form or the
/// browser): using it is choosing it, so it is kept as if they had picked it.
fn keep_residence(app: &Shared) {
    let code = {
        let mut a = app.borrow_mut();
        let code = a.model.details.residence.clone();
        if code.is_empty() || a.settings.details.residence == code {
            return;
        }
        a.settings.details.residence = code.clone();
        code
    };
    save_in_background(move |s| s.details.residence = code);
}

fn answer(v: Result<JsValue, JsValue>) -> ShimAnswer {
    v.ok().and_then(|v| from_js(&v)).unwrap_or_default()
}

async fn fill(app: &Shared, confirmed: bool) {
    let tab = app.borrow().tab;
    // Usually one call to the page: the write, planned from the page as the popup read it and
    // made only if the box is still as it was. Replacing the person's text always reads anew.
    if !confirmed {
        let known = app.borrow_mut().model.request_fill_known();
        match known {
            KnownFill::Write { target, expect } => {
                if write_and_check(app, tab, &target, Some(expect)).await {
                    return;
                }
            }
            KnownFill::Decided => return,
            KnownFill::ReadPage => {}
        }
    }
    let Some(report) = page_report(tab).await else {
        let mut a = app.borrow_mut();
        a.model.phase = Phase::Error;
        a.model.notice = Some(Notice::CannotReadPage);
        return;
    };
    let write = app
        .borrow_mut()
        .model
        .request_fill(recognise(&report), confirmed);
    let (Some(_), Some(target)) = (write, app.borrow().model.target()) else {
        return;
    };
    render(app);
    write_and_check(app, tab, &target, None).await;
}

/// Writes the letter into the field, reads it back a moment later and tells the model.
/// Returns false, having done nothing, when the box did not match `expect`.
async fn write_and_check(
    app: &Shared,
    tab: i32,
    target: &FieldTarget,
    expect: Option<Expect>,
) -> bool {
    let text = app.borrow().model.text.clone();
    let arg = shim_arg(target, Some(&text), expect);
    let written = answer(call_shim(tab, "write", arg).await);
    if written.stale {
        return false;
    }
    render(app);
    if !written.ok {
        app.borrow_mut().model.written(None);
        return true;
    }
    TimeoutFuture::new(READ_BACK_MS).await;
    let read_back = read_field(tab, target).await;
    if read_back.is_some() {
        app.borrow_mut().model.written(read_back.as_deref());
        return true;
    }
    // The box is gone: the page may have drawn its form anew. Read the page again.
    let again = match page_report(tab).await {
        Some(report) => app.borrow_mut().model.redrawn(recognise(&report)),
        None => None,
    };
    let target = again.and_then(|_| app.borrow().model.target());
    match target {
        Some(target) => {
            let now = read_field(tab, &target).await;
            app.borrow_mut().model.written_redrawn(now.as_deref());
        }
        None => app.borrow_mut().model.written(None),
    }
    true
}

async fn read_field(tab: i32, target: &FieldTarget) -> Option<String> {
    let read = answer(call_shim(tab, "read", shim_arg(target, None, None)).await);
    if read.ok {
        read.value
    } else {
        None
    }
}

async fn undo(app: &Shared, force: bool) {
    let (tab, target) = {
        let a = app.borrow();
        (a.tab, a.model.target())
    };
    let Some(target) = target else { return };
    let arg = shim_arg(&target, None, None);
    if force {
        // The person agreed to lose what changed in the box since the fill.
        let _ = js_sys::Reflect::set(&arg, &"force".into(), &JsValue::TRUE);
    }
    let undone = answer(call_shim(tab, "undo", arg).await);
    if undone.changed {
        app.borrow_mut().model.undo_refused();
        return;
    }
    TimeoutFuture::new(READ_BACK_MS).await;
    let now = read_field(tab, &target).await;
    let expected = if undone.ok { undone.expected } else { None };
    app.borrow_mut()
        .model
        .undone(expected.as_deref(), now.as_deref());
}

/// The argument of a shim call: `{ index, ref, text?, expect? }`.
#[derive(serde::Serialize)]
struct ShimArg<'a> {
    #[serde(flatten)]
    target: &'a FieldTarget,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expect: Option<Expect>,
}

fn shim_arg(target: &FieldTarget, text: Option<&str>, expect: Option<Expect>) -> JsValue {
    // A plain object (a flattened struct would otherwise become a `Map`, which does not survive
    // the trip into the page).
    to_js(&ShimArg {
        target,
        text,
        expect,
    })
    .unwrap_or(JsValue::NULL)
}
