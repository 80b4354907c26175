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
use crate::core::popup::language_name;

use super::dom::{add, document, el, on, set, set_value, target, value, Listening};
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
    for locale in composer.locales() {
        let option = el(&doc, "option", "", Some(language_name(locale)));
        set(&option, "value", locale);
        set(&option, "lang", locale);
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
    Start {
        platform: param("platform"),
        lang: param("lang"),
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
    p.link.set_text_content(Some(link_text(c.target)));
}

fn link_text(target: Target) -> &'static str {
    match target {
        Target::Facebook => "Open Facebook\u{2019}s objection form",
        Target::Instagram => "Open Instagram\u{2019}s objection form",
        Target::ThirdPartyData => "Open Meta\u{2019}s form for third-party information",
    }
}

/// "1,234 characters", counted the way a form field counts them.
fn count_text(text: &str) -> String {
    let n = field_length(text);
    if n == 1 {
        "1 character".to_string()
    } else {
        format!("{} characters", group_thousands(n))
    }
}

fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Copies the letter and says so; where the browser refuses, selects it for copying by hand.
async fn copy(text: &str) {
    let ok = copy_text(text).await.as_bool().unwrap_or(false);
    let Some(doc) = document() else { return };
    let Some(p) = parts(&doc) else { return };
    if ok {
        p.status.set_text_content(Some(
            "Copied. Now open the form, click into the box that asks how the processing affects \
             you, and paste the letter there.",
        ));
    } else {
        p.status.set_text_content(Some(
            "Your browser did not let us copy. The letter is selected: copy it with Ctrl+C \
             (\u{2318}+C on a Mac), or press and hold on a phone and choose Copy.",
        ));
        if let Some(area) = p.output.dyn_ref::<HtmlTextAreaElement>() {
            let _ = area.unchecked_ref::<HtmlElement>().focus();
            area.select();
        }
    }
}
