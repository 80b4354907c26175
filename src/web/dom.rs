//! Small helpers for building the extension's pages with web-sys.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

use crate::core::letters::{self, Details};
use crate::core::ui::Msg;

pub fn document() -> Option<Document> {
    web_sys::window()?.document()
}

/// A new element with a class and text.
pub fn el(doc: &Document, tag: &str, class: &str, text: Option<&str>) -> Element {
    // Creating an element with a fixed, valid tag name does not fail.
    let e = doc
        .create_element(tag)
        .unwrap_or_else(|_| doc.create_element("div").expect("div"));
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if let Some(text) = text {
        e.set_text_content(Some(text));
    }
    e
}

pub fn set(e: &Element, name: &str, value: &str) {
    let _ = e.set_attribute(name, value);
}

pub fn add(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// A labelled text input or textarea: `<label for=id>` and the field, in a `div.field`.
pub fn labelled(
    doc: &Document,
    tag: &str,
    id: &str,
    label: &str,
    value: &str,
) -> (Element, Element) {
    let wrap = el(doc, "div", "field", None);
    let l = el(doc, "label", "", Some(label));
    set(&l, "for", id);
    add(&wrap, &l);
    let field = el(doc, tag, "", None);
    set(&field, "id", id);
    set_value(&field, value);
    add(&wrap, &field);
    (wrap, field)
}

/// The labelled inputs for the person's details: `(key, wrapper, input)` for each, with
/// `data-detail=<key>` on the input.
pub fn detail_inputs(doc: &Document, details: &Details) -> Vec<(&'static str, Element, Element)> {
    details
        .editable()
        .into_iter()
        .map(|(key, current)| {
            if key == "residence" {
                let (wrap, select) = residence_field(doc, current);
                set(&select, "data-detail", key);
                return (key, wrap, select);
            }
            let label = super::t(detail_msg(key));
            let (wrap, input) = labelled(doc, "input", &format!("detail-{key}"), &label, current);
            set(&input, "data-detail", key);
            set(&input, "autocomplete", "off");
            (key, wrap, input)
        })
        .collect()
}

/// A detail's label (`detail_*`), by placeholder name (see [`Details::editable`]).
fn detail_msg(key: &str) -> Msg {
    match key {
        "account" => Msg::DetailAccount,
        _ => Msg::DetailName,
    }
}

/// Fills a residence `select`: an empty first choice while none is chosen (`words[0]`), the
/// countries named in `locale` in its alphabetical order, another country last (`words[1]`).
pub fn residence_options(
    doc: &Document,
    select: &Element,
    current: &str,
    locale: &str,
    words: &[String; 2],
) {
    select.set_text_content(None);
    let option = |value: &str, text: &str| {
        let o = el(doc, "option", "", Some(text));
        set(&o, "value", value);
        if value == current {
            set(&o, "selected", "");
        }
        add(select, &o);
    };
    if letters::law_of(current).is_none() {
        option("", &words[0]);
    }
    for (code, name) in letters::countries(locale) {
        option(code, name);
    }
    option(letters::OTHER, &words[1]);
}

/// "Where do you live?": `select#residence[name=residence]` with the countries named in the
/// interface's language and in its alphabetical order, "Another country" last, and an empty first
/// choice while none is chosen; a hint says why it matters. Returns the wrapper and the select.
pub fn residence_field(doc: &Document, current: &str) -> (Element, Element) {
    let wrap = el(doc, "div", "field residence", None);
    let label = el(doc, "label", "", Some(&super::t(Msg::ResidenceLabel)));
    set(&label, "for", "residence");
    add(&wrap, &label);
    let select = el(doc, "select", "", None);
    set(&select, "id", "residence");
    set(&select, "name", "residence");
    set(&select, "aria-describedby", "residence-hint");
    let words = [
        super::t(Msg::ResidenceChoose),
        super::t(Msg::ResidenceOther),
    ];
    residence_options(doc, &select, current, super::names_locale(), &words);
    add(&wrap, &select);
    let hint = el(doc, "p", "hint", Some(&super::t(Msg::ResidenceHint)));
    set(&hint, "id", "residence-hint");
    add(&wrap, &hint);
    (wrap, select)
}

/// The value of an input, textarea or select.
pub fn value(e: &Element) -> String {
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(t) = e.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

pub fn set_value(e: &Element, v: &str) {
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        i.set_value(v);
    } else if let Some(t) = e.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(v);
    } else if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        s.set_value(v);
    }
}

/// A `<select>` with `(value, label)` options, one of them selected.
pub fn select(doc: &Document, id: &str, options: &[(String, String)], selected: &str) -> Element {
    let s = el(doc, "select", "", None);
    set(&s, "id", id);
    for (v, label) in options {
        let o = el(doc, "option", "", Some(label));
        set(&o, "value", v);
        if v == selected {
            set(&o, "selected", "");
        }
        add(&s, &o);
    }
    s
}

/// Moves the keyboard focus to the first element matching `selector`.
pub fn focus(doc: &Document, selector: &str) {
    if let Some(target) = doc.query_selector(selector).ok().flatten() {
        if let Some(target) = target.dyn_ref::<web_sys::HtmlElement>() {
            let _ = target.focus();
        }
    }
}

/// Scrolls `e` into view when it is not wholly in view: lined up with the top of the view when
/// it is above, with the bottom when below (the least scrolling). The popup's notices stand
/// above the letter, so they come in at the top, clear of its action bar at the bottom.
pub fn bring_into_view(e: &Element) {
    let rect = e.get_bounding_client_rect();
    let height = web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .unwrap_or(f64::MAX);
    if rect.top() < 0.0 {
        e.scroll_into_view_with_bool(true);
    } else if rect.bottom() > height {
        e.scroll_into_view_with_bool(false);
    }
}

/// The event's target as an element.
pub fn target(e: &web_sys::Event) -> Option<Element> {
    e.target().and_then(|t| t.dyn_into::<Element>().ok())
}

/// A page's state that keeps the event listeners of its current drawing (dropped on redraw).
pub trait Listening {
    fn listeners(&mut self) -> &mut Vec<EventListener>;
}

/// Listens to `event` on `target` for as long as the current drawing lasts; `f` gets the page's
/// state and the event.
pub fn on<S: Listening + 'static>(
    state: &Rc<RefCell<S>>,
    target: &Element,
    event: &'static str,
    f: impl Fn(&Rc<RefCell<S>>, &web_sys::Event) + 'static,
) {
    let handle = state.clone();
    let listener = EventListener::new(target, event, move |e| f(&handle, e));
    state.borrow_mut().listeners().push(listener);
}
