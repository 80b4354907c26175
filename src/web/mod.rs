//! The web layer: translates between the browser and the core. No decisions here.

mod background;
#[cfg(feature = "website")]
mod composer;
mod dom;
mod options;
mod popup;
mod record;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/extension/browser.js")]
extern "C" {
    #[wasm_bindgen(js_name = targetTab)]
    async fn target_tab() -> JsValue;
    #[wasm_bindgen(js_name = tabUrl)]
    async fn tab_url(tab: i32) -> JsValue;
    #[wasm_bindgen(js_name = callShim, catch)]
    async fn call_shim(tab: i32, op: &str, arg: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = storageGet, catch)]
    async fn storage_get(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = storageSet, catch)]
    async fn storage_set(key: &str, value: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = sessionGet, catch)]
    async fn session_get(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = sessionSet, catch)]
    async fn session_set(key: &str, value: JsValue) -> Result<JsValue, JsValue>;
    /// Calls `callback` whenever another page changes the stored settings.
    #[wasm_bindgen(js_name = onSettingsChanged)]
    fn on_settings_changed(callback: &Closure<dyn FnMut()>);
    #[wasm_bindgen(js_name = setBadge, catch)]
    async fn set_badge(tab: i32, text: &str, title: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = copyText)]
    async fn copy_text(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = uiLanguage)]
    fn ui_language() -> String;
    #[wasm_bindgen(js_name = extVersion)]
    fn ext_version() -> String;
    #[wasm_bindgen(js_name = formatDate)]
    fn format_date(ui: &str, day: &str) -> String;
    #[wasm_bindgen(js_name = languageNames)]
    fn language_names(ui: &str, codes: Vec<String>) -> Vec<String>;
    fn alphabetical(ui: &str, names: Vec<String>) -> Vec<u32>;
    #[wasm_bindgen(js_name = openOptions)]
    fn open_options();
    #[wasm_bindgen(js_name = downloadText)]
    fn download_text(name: &str, text: &str);
}

/// Entry point of the extension's pages, called by app.js once the WebAssembly module is loaded:
/// the popup (`#app`) or the options page (`#options`), titled in the interface's language.
#[wasm_bindgen(js_name = startPage)]
pub async fn start_page() {
    let Some(doc) = dom::document() else { return };
    if let Some(html) = doc.document_element() {
        dom::set(&html, "lang", &ui_language());
    }
    if doc.get_element_by_id("app").is_some() {
        doc.set_title(&t(Msg::ExtName));
        popup::start_popup().await;
    } else if doc.get_element_by_id("options").is_some() {
        doc.set_title(&t(Msg::OptionsTitle));
        options::start_options().await;
    }
}

use crate::core::data::{FormKind, Platform};
use crate::core::raw::Raw;
use crate::core::settings::{
    self, Loaded, SaveRefused, Settings, StorageProblem, Stored, SETTINGS_KEY,
};
use crate::core::ui::Msg;

/// A typed value (page report, shim answer, import file, a stored value kept as [`Raw`]) read
/// out of a JavaScript value by serde-wasm-bindgen; `None` when it has another shape. [`Raw`]
/// refuses nesting deeper than [`crate::core::raw::MAX_DEPTH`].
fn from_js<T: serde::de::DeserializeOwned>(v: &JsValue) -> Option<T> {
    serde_wasm_bindgen::from_value(v.clone()).ok()
}

/// Reads the settings entry by entry (the core keeps aside what it cannot read), bringing older
/// versions up to date (and saving them so).
async fn read_settings() -> (Settings, Stored) {
    let stored = match storage_get(SETTINGS_KEY).await {
        Ok(v) if v.is_undefined() || v.is_null() => None,
        Ok(v) => Some(from_js::<Raw>(&v).ok_or(())),
        Err(_) => Some(Err(())),
    };
    let (settings, stored) = settings::load(stored);
    if matches!(stored.loaded, Loaded::Migrated { .. }) {
        // A failed save here only means the migration runs again next time.
        let _ = write_settings(&settings, &stored).await;
    }
    (settings, stored)
}

/// Why settings were not saved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NotSaved {
    /// The core refused (see [`Stored::to_store`]).
    Refused(SaveRefused),
    /// The browser's storage failed.
    Failed,
}

/// Saves the settings together with everything the core kept aside, unless what is stored must
/// not be written over.
async fn write_settings(settings: &Settings, stored: &Stored) -> Result<(), NotSaved> {
    let raw = stored.to_store(settings).map_err(NotSaved::Refused)?;
    let value = js_of(&raw);
    storage_set(SETTINGS_KEY, value)
        .await
        .map(|_| ())
        .map_err(|_| NotSaved::Failed)
}

/// Why a change of the settings was not saved.
#[derive(Debug, Clone, PartialEq, Eq)]
enum UpdateError<E> {
    /// The change itself was refused (an invalid letter, a bad import): nothing was written.
    Rejected(E),
    NotSaved(NotSaved),
}

/// Applies one change to the settings as they are stored now, read anew, and saves them: what
/// another open page (the popup, another options page) saved meanwhile is kept, and only the part
/// this change touches is written differently. Returns the settings as saved, for the page to
/// show, and what the change returned.
async fn update_settings<R, E>(
    change: impl FnOnce(&mut Settings) -> Result<R, E>,
) -> Result<(Settings, Stored, R), UpdateError<E>> {
    // One change at a time in this page: two at once (a detail left as the next is typed) would
    // each read the same settings, and the later write would drop the earlier change.
    one_at_a_time(&SAVING, async {
        let (mut settings, stored) = read_settings().await;
        let out = change(&mut settings).map_err(UpdateError::Rejected)?;
        write_settings(&settings, &stored)
            .await
            .map_err(UpdateError::NotSaved)?;
        Ok((settings, stored, out))
    })
    .await
}

thread_local! {
    /// A change of the settings is being saved by this page.
    static SAVING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `work` once no other work under the same `busy` flag runs in this page (a read, a change
/// and a write of one stored entry must not interleave with another's).
async fn one_at_a_time<T>(
    busy: &'static std::thread::LocalKey<std::cell::Cell<bool>>,
    work: impl std::future::Future<Output = T>,
) -> T {
    while busy.with(|b| b.replace(true)) {
        gloo_timers::future::TimeoutFuture::new(5).await;
    }
    let done = work.await;
    busy.with(|b| b.set(false));
    done
}

/// A failed save, in words.
fn not_saved_text(why: NotSaved) -> String {
    match why {
        NotSaved::Refused(SaveRefused::WouldReplaceKept) => t(Msg::NotSavedKept),
        _ => t(Msg::NotSaved),
    }
}

/// What the person is told about their stored data, in words.
fn storage_texts(stored: &Stored) -> Vec<String> {
    stored
        .problems()
        .into_iter()
        .map(|p| match p {
            StorageProblem::Unreadable => t(Msg::StorageUnreadable),
            StorageProblem::Newer { .. } => t(Msg::StorageNewer),
            StorageProblem::Letters { count } => {
                t_with(Msg::StorageUnreadLetters, &[count.to_string()])
            }
            StorageProblem::Languages { count } => {
                t_with(Msg::StorageUnreadLanguages, &[count.to_string()])
            }
            StorageProblem::Details { count } => {
                t_with(Msg::StorageUnreadDetails, &[count.to_string()])
            }
        })
        .collect()
}

/// The state of the stored data, for tests and styles (`data-storage`).
fn storage_state(stored: &Stored) -> &'static str {
    match stored.loaded {
        Loaded::Newer { .. } => "newer",
        Loaded::Unreadable => "unreadable",
        _ if !stored.problems().is_empty() => "kept",
        _ => "ok",
    }
}

/// A value as plain JavaScript data (objects, arrays, strings, numbers, booleans, null), as
/// storage, messages and JSON need: serde-wasm-bindgen's JSON-compatible serializer (maps as
/// plain objects, missing values as null); `None` for what plain data cannot hold.
fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Option<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
}

/// A stored value, written back as it was read.
fn js_of(raw: &Raw) -> JsValue {
    to_js(raw).unwrap_or(JsValue::NULL)
}

thread_local! {
    /// The interface's locale, from the browser's language (once per page).
    static UI_LOCALE: &'static str = crate::core::ui::ui_locale(&ui_language());
}

/// The letters' locale closest to the interface's (`pt_PT` → `pt`): the language countries and
/// languages are named in.
fn names_locale() -> &'static str {
    UI_LOCALE.with(|locale| {
        crate::core::letters::best_locale(&locale.replace('_', "-").to_ascii_lowercase())
            .unwrap_or(crate::core::letters::FALLBACK_LOCALE)
    })
}

/// The letters' languages `codes`, named in the interface language `ui` (with their own name
/// where it helps, `core::popup::language_label`) in its alphabetical order; where the browser
/// cannot name languages, by their own names in the order given.
fn language_list(ui: &str, codes: &[&str]) -> Vec<(String, String)> {
    use crate::core::popup::{language_label, language_name};
    let names = language_names(ui, codes.iter().map(|c| c.to_string()).collect());
    if names.len() != codes.len() {
        return codes
            .iter()
            .map(|c| (c.to_string(), language_name(c).to_string()))
            .collect();
    }
    let labels: Vec<String> = codes
        .iter()
        .zip(&names)
        .map(|(code, name)| language_label(ui, code, name, language_name(code)))
        .collect();
    // One name (a letter's language) needs no order, and no Intl.Collator.
    let order = if labels.len() > 1 {
        alphabetical(ui, labels.clone())
    } else {
        vec![0]
    };
    order
        .into_iter()
        .filter_map(|i| {
            let i = i as usize;
            Some((codes.get(i)?.to_string(), labels.get(i)?.clone()))
        })
        .collect()
}

/// [`language_list`] in the interface's language.
fn ui_language_list(codes: &[&str]) -> Vec<(String, String)> {
    UI_LOCALE.with(|locale| language_list(locale, codes))
}

/// Who made this, its version, and the privacy statement (packaged as `privacy.html`): at the foot
/// of the popup and in the options page's About card.
fn about(doc: &web_sys::Document) -> web_sys::Element {
    let p = dom::el(doc, "p", "about", None);
    let text = format!(
        "{} {} \u{b7} {} ",
        t(Msg::ExtName),
        t_with(Msg::AboutVersion, &[ext_version()]),
        t(Msg::AboutNotMeta)
    );
    dom::add(&p, &dom::el(doc, "span", "", Some(&text)));
    let a = dom::el(doc, "a", "", Some(&t(Msg::AboutPrivacy)));
    dom::set(&a, "href", "privacy.html");
    dom::set(&a, "target", "_blank");
    dom::set(&a, "hreflang", "en");
    dom::add(&p, &a);
    p
}

/// A day (`YYYY-MM-DD`) as written in the interface's language.
fn ui_date(day: &str) -> String {
    UI_LOCALE.with(|locale| format_date(locale, day))
}

/// One language's name in the interface's language.
fn language_label(code: &str) -> String {
    ui_language_list(&[code])
        .pop()
        .map(|(_, name)| name)
        .unwrap_or_default()
}

/// The browser's preferred languages, most preferred first (`en-IE`, `de`…).
fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| {
            w.navigator()
                .languages()
                .iter()
                .filter_map(|v| v.as_string())
                .collect()
        })
        .unwrap_or_default()
}

/// A message of the interface in the browser's language, with `$1`, `$2`… replaced.
fn message(msg: Msg, substitutions: &[String]) -> String {
    UI_LOCALE.with(|locale| crate::core::ui::message(locale, msg, substitutions))
}

/// A message of the interface in the browser's language.
fn t(msg: Msg) -> String {
    message(msg, &[])
}

/// A message with substitutions (`$1`, `$2`… in messages.json).
fn t_with(msg: Msg, subs: &[String]) -> String {
    message(msg, subs)
}

/// A number's plural category in the language `tag` (`pl`, `pt-BR`), as the browser's
/// `Intl.PluralRules` tells it.
fn plural_category(tag: &str, n: usize) -> crate::core::ui::Plural {
    thread_local! {
        /// The last language's rules: a page counts in one language, often (each keystroke).
        static RULES: std::cell::RefCell<Option<(String, js_sys::Intl::PluralRules)>> =
            const { std::cell::RefCell::new(None) };
    }
    let category = RULES.with(|cell| {
        let mut cached = cell.borrow_mut();
        if cached.as_ref().is_none_or(|(t, _)| t != tag) {
            let locales = js_sys::Array::of1(&JsValue::from_str(tag));
            let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
            *cached = Some((tag.to_string(), rules));
        }
        cached
            .as_ref()
            .and_then(|(_, rules)| rules.select(n as f64).as_string())
            .unwrap_or_default()
    });
    crate::core::ui::Plural::from_cldr(&category)
}

/// A number as the language `tag` writes it ("1,010", "1.010", "1 010"), by the browser's Intl.
fn digits(tag: &str, n: usize) -> String {
    js_sys::Number::from(n as f64)
        .to_locale_string(tag)
        .as_string()
        .unwrap_or_else(|| n.to_string())
}

/// The language tag of an interface locale (`pt_BR` → `pt-BR`).
fn locale_tag(locale: &str) -> String {
    locale.replace('_', "-")
}

/// A number as the interface's language writes it.
fn ui_number(n: usize) -> String {
    UI_LOCALE.with(|locale| digits(&locale_tag(locale), n))
}

/// A message about `n` things in the form the interface's language uses for that number, `$1`
/// being `n` and `$2`… `more`.
fn t_count(msg: Msg, n: usize, more: &[String]) -> String {
    UI_LOCALE.with(|locale| counted(locale, msg, n, more))
}

/// [`t_count`] in the interface locale `locale` (`pt_BR`; the website's page language).
fn counted(locale: &str, msg: Msg, n: usize, more: &[String]) -> String {
    let tag = locale_tag(locale);
    let mut subs = vec![digits(&tag, n)];
    subs.extend_from_slice(more);
    crate::core::ui::counted(locale, msg, plural_category(&tag, n), &subs)
}

/// The platform's name (`platform_*`).
fn platform_msg(platform: Platform) -> Msg {
    match platform {
        Platform::Facebook => Msg::PlatformFacebook,
        Platform::Instagram => Msg::PlatformInstagram,
    }
}

/// The form's name, as the options page lists it (`formName_*`).
fn form_name_msg(form: FormKind) -> Msg {
    match form {
        FormKind::AiObjection => Msg::FormNameAiObjection,
        FormKind::ThirdPartyData => Msg::FormNameThirdPartyData,
    }
}

/// The popup's headline for a recognised form, with the platform's name as `$1`
/// (`formTitle_*`).
fn form_title_msg(form: FormKind) -> Msg {
    match form {
        FormKind::AiObjection => Msg::FormTitleAiObjection,
        FormKind::ThirdPartyData => Msg::FormTitleThirdPartyData,
    }
}

/// Today's date as `YYYY-MM-DD`.
fn today() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}
