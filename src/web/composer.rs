//! The website's letter composer (`www/composer.html`): draws the core's [`Composer`] into the
//! page and feeds it the person's choices. The page holds the labels (the site is in English);
//! this adds the languages, the reasons and the letter. It never calls an extension API: the
//! website runs in any browser, as an ordinary page.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement, HtmlInputElement, HtmlTextAreaElement};

use crate::core::composer::{Composer, Start, Target};
use crate::core::fill::field_length;

use crate::core::letters;
use crate::core::ui::{self, Msg};

use super::dom::{
    add, document, el, on, residence_options, set, set_value, target, value, Listening,
};
use super::{copy_text, today};

struct Page {
    composer: Composer,
    listeners: Vec<EventListener>,
}

impl Listening for Page {
    fn listeners(&mut self) -> &mut Vec<EventListener> {
        &mut self.listeners
    }
}

type Shared = Rc<RefCell<Page>>;

/// What the page must hold for the composer; without any of them it stays hidden.
struct Parts {
    root: Element,
    lang: Element,
    platforms: Element,
    reasons: Element,
    details: Element,
    output: Element,
    count: Element,
    copy: Element,
    link: Element,
    status: Element,
}

/// What a button of the composer does. The page holds the buttons, named by `data-action`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Action {
    /// Copy the letter.
    Copy,
}

impl Action {
    /// The button's `data-action`, which the page and tests use.
    fn as_str(self) -> &'static str {
        match self {
            Action::Copy => "copy",
        }
    }

    /// The CSS selector of the button.
    fn selector(self) -> String {
        format!("[data-action=\"{}\"]", self.as_str())
    }
}

fn parts(doc: &Document) -> Option<Parts> {
    let find = |selector: &str| doc.query_selector(selector).ok().flatten();
    Some(Parts {
        root: find("#composer")?,
        lang: find("select[name=\"lang\"]")?,
        platforms: find("#platform")?,
        reasons: find("#reasons")?,
        details: find("#details")?,
        output: find("[data-output]")?,
        count: find("#count")?,
        copy: find(&Action::Copy.selector())?,
        link: find("[data-form-link]")?,
        status: find("#status")?,
    })
}

/// Entry point, called by composer.js once the WebAssembly module is loaded. Returns whether
/// the composer is on the page.
#[wasm_bindgen(js_name = startComposer)]
pub fn start_composer() -> bool {
    let Some(doc) = document() else { return false };
    let Some(p) = parts(&doc) else { return false };
    let page = Rc::new(RefCell::new(Page {
        composer: Composer::new(&start()),
        listeners: Vec::new(),
    }));

    let composer = page.borrow().composer.clone();
    // Where the person lives (the page holds `select#residence`, the own-words box `#own` and the
    // note `#truth`; an older page without them still works).
    if let Some(select) = doc.get_element_by_id("residence") {
        let words = [tr(Msg::ResidenceChoose), tr(Msg::ResidenceOther)];
        residence_options(
            &doc,
            &select,
            &composer.details.residence,
            names_locale(),
            &words,
        );
        on(&page, &select, "change", |page, e| {
            let Some(code) = target(e).map(|t| value(&t)) else {
                return;
            };
            if letters::law_of(&code).is_some() {
                page.borrow_mut().composer.set_detail("residence", &code);
                draw(page, false);
            }
        });
    }
    if let Some(own) = doc.get_element_by_id("own") {
        set_value(&own, "");
        on(&page, &own, "input", |page, e| {
            let Some(words) = target(e).map(|t| value(&t)) else {
                return;
            };
            page.borrow_mut().composer.set_detail("own", &words);
            draw(page, false);
        });
    }
    let lang = page_lang();
    for (locale, name) in super::language_list(&lang, &composer.locales()) {
        let option = el(&doc, "option", "", Some(&name));
        set(&option, "value", &locale);
        add(&p.lang, &option);
    }
    if let Ok(details) = doc.query_selector_all("[data-detail]") {
        for i in 0..details.length() {
            if let Some(input) = details.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                set_value(&input, "");
            }
        }
    }

    on(&page, &p.platforms, "change", |page, e| {
        let Some(chosen) = target(e).and_then(|t| Target::parse(&value(&t))) else {
            return;
        };
        page.borrow_mut().composer.select_target(chosen);
        draw(page, true);
    });
    on(&page, &p.lang, "change", |page, e| {
        let Some(locale) = target(e).map(|t| value(&t)) else {
            return;
        };
        page.borrow_mut().composer.select_locale(&locale);
        draw(page, true);
    });
    // One listener for every reason: the list is redrawn when the language or form changes.
    on(&page, &p.reasons, "change", |page, e| {
        let Some(id) = target(e).map(|t| value(&t)) else {
            return;
        };
        page.borrow_mut().composer.select_letter(&id);
        draw(page, false);
    });
    on(&page, &p.details, "input", |page, e| {
        let Some(input) = target(e) else { return };
        let Some(key) = input.get_attribute("data-detail") else {
            return;
        };
        page.borrow_mut().composer.set_detail(&key, &value(&input));
        draw(page, false);
    });
    on(&page, &p.output, "input", |page, e| {
        let Some(text) = target(e).map(|t| value(&t)) else {
            return;
        };
        page.borrow_mut().composer.edit(&text);
        draw(page, false);
    });
    on(&page, &p.copy, "click", |page, _| act(page, Action::Copy));

    draw(&page, true);
    let _ = p.root.remove_attribute("hidden");
    set(&p.root, "data-ready", "");
    true
}

fn act(page: &Shared, action: Action) {
    match action {
        Action::Copy => {
            if page.borrow().composer.needs_residence() {
                if let Some(p) = document().as_ref().and_then(parts) {
                    p.status.set_text_content(Some(&tr(Msg::ResidenceNeeded)));
                }
                if let Some(select) = document().and_then(|d| d.get_element_by_id("residence")) {
                    if let Some(h) = select.dyn_ref::<HtmlElement>() {
                        let _ = h.focus();
                    }
                }
                return;
            }
            let text = page.borrow().composer.text.clone();
            wasm_bindgen_futures::spawn_local(async move { copy(&text).await });
        }
    }
}

/// The platform, language and reason asked for in the page's address, the browser's languages,
/// and today's date.
fn start() -> Start {
    let Some(window) = web_sys::window() else {
        return Start::default();
    };
    let search = window.location().search().unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    let param = |name: &str| params.as_ref().and_then(|p| p.get(name));
    let preferred = window
        .navigator()
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    // The letter's language: as the address asks, else the page's own language.
    let lang = param("lang").or_else(|| Some(page_lang()).filter(|l| !l.is_empty()));
    Start {
        platform: param("platform"),
        lang,
        reason: param("reason"),
        preferred,
        today: today(),
    }
}

/// Shows the composer's state. `reasons`: the list of reasons is redrawn too (after a change of
/// language or form).
fn draw(page: &Shared, reasons: bool) {
    let Some(doc) = document() else { return };
    let Some(p) = parts(&doc) else { return };
    let c = page.borrow().composer.clone();

    set(&p.root, "data-platform", c.target.as_str());
    set(&p.root, "data-form", c.target.form().as_str());
    set(&p.root, "data-lang", c.locale);
    set(&p.root, "data-reason", &c.letter);
    set_value(&p.lang, c.locale);
    if let Ok(radios) = p.platforms.query_selector_all("input[name=\"platform\"]") {
        for i in 0..radios.length() {
            if let Some(r) = radios
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                r.set_checked(r.value() == c.target.as_str());
            }
        }
    }

    if reasons {
        p.reasons.set_text_content(None);
        set(&p.reasons, "lang", c.locale);
        for letter in c.choices() {
            let label = el(&doc, "label", "letter", None);
            set(&label, "data-letter", letter.id);
            let radio = el(&doc, "input", "", None);
            set(&radio, "type", "radio");
            set(&radio, "name", "letter");
            set(&radio, "value", letter.id);
            add(&label, &radio);
            let text = el(&doc, "span", "letter-text", None);
            add(&text, &el(&doc, "span", "letter-title", Some(letter.title)));
            add(
                &text,
                &el(&doc, "span", "letter-desc", Some(letter.description)),
            );
            add(&label, &text);
            add(&p.reasons, &label);
        }
    }
    if let Ok(radios) = p.reasons.query_selector_all("input[name=\"letter\"]") {
        for i in 0..radios.length() {
            if let Some(r) = radios
                .item(i)
                .and_then(|n| n.dyn_into::<HtmlInputElement>().ok())
            {
                r.set_checked(r.value() == c.letter);
            }
        }
    }

    // The letter is written only when it differs, so the caret stays where the person types. A
    // new letter makes an earlier "Copied" untrue, so the status goes.
    if let Some(area) = p.output.dyn_ref::<HtmlTextAreaElement>() {
        if area.value() != c.text {
            area.set_value(&c.text);
            p.status.set_text_content(None);
        }
    }
    set(&p.output, "lang", c.locale);
    p.count.set_text_content(Some(&count_text(&c.text)));
    if let Some(truth) = doc.get_element_by_id("truth") {
        if c.states_facts() {
            let _ = truth.remove_attribute("hidden");
        } else {
            set(&truth, "hidden", "");
        }
    }

    match c.form_url() {
        Some(url) => {
            set(&p.link, "href", &url);
            let _ = p.link.remove_attribute("aria-disabled");
        }
        None => {
            let _ = p.link.remove_attribute("href");
            set(&p.link, "aria-disabled", "true");
        }
    }
    p.link.set_text_content(Some(&link_text(c.target)));
}

fn link_text(target: Target) -> String {
    tr(match target {
        Target::Facebook => Msg::OpenFormFacebook,
        Target::Instagram => Msg::OpenFormInstagram,
        Target::ThirdPartyData => Msg::OpenFormThirdPartyData,
    })
}

/// "1,234 characters", counted the way a form field counts them.
fn count_text(text: &str) -> String {
    super::counted(
        &page_ui_locale(),
        Msg::CharCount,
        field_length(text) as usize,
        &[],
    )
}

/// The page's language (`<html lang>`: `de`, `pt-BR`…); the site has a page per language.
fn page_lang() -> String {
    document()
        .and_then(|d| d.document_element())
        .and_then(|h| h.get_attribute("lang"))
        .unwrap_or_default()
}

/// The interface locale of the page's language.
fn page_ui_locale() -> String {
    ui::ui_locale(&page_lang()).to_string()
}

/// An interface message in the page's language.
fn tr(msg: Msg) -> String {
    ui::message(&page_ui_locale(), msg, &[])
}

/// The letters' locale closest to the page's language, in which countries are named.
fn names_locale() -> &'static str {
    letters::best_locale(&page_lang().to_ascii_lowercase()).unwrap_or(letters::FALLBACK_LOCALE)
}

/// Copies the letter and says so; where the browser refuses, selects it for copying by hand.
async fn copy(text: &str) {
    let ok = copy_text(text).await.as_bool().unwrap_or(false);
    let Some(doc) = document() else { return };
    let Some(p) = parts(&doc) else { return };
    if ok {
        p.status.set_text_content(Some(&tr(Msg::NoticeCopied)));
    } else {
        p.status.set_text_content(Some(&tr(Msg::NoticeCopyFailed)));
        if let Some(area) = p.output.dyn_ref::<HtmlTextAreaElement>() {
            let _ = area.unchecked_ref::<HtmlElement>().focus();
            area.select();
        }
    }
}
