//! The web layer: translates between the browser and the core. No decisions here.

mod background;
mod composer;
mod dom;
mod options;
mod popup;

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
    #[wasm_bindgen(js_name = setBadge, catch)]
    async fn set_badge(tab: i32, text: &str, title: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = copyText)]
    async fn copy_text(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = uiLanguage)]
    fn ui_language() -> String;
    #[wasm_bindgen(js_name = openOptions)]
    fn open_options();
    #[wasm_bindgen(js_name = downloadText)]
    fn download_text(name: &str, text: &str);
}

use crate::core::settings::{self, Loaded, Settings, StoredSettings, SETTINGS_KEY};

/// Reads the settings, bringing older versions up to date (and saving them so).
async fn read_settings() -> (Settings, Loaded) {
    let stored = match storage_get(SETTINGS_KEY).await {
        Ok(v) if v.is_undefined() || v.is_null() => None,
        Ok(v) => Some(serde_wasm_bindgen::from_value::<StoredSettings>(v).map_err(|_| ())),
        Err(_) => Some(Err(())),
    };
    let (settings, loaded) = settings::load(stored);
    if matches!(loaded, Loaded::Migrated { .. }) {
        write_settings(&settings, loaded).await;
    }
    (settings, loaded)
}

/// Saves the settings, unless what is stored must not be written over (see [`Loaded::may_save`]).
/// Returns whether they were saved.
async fn write_settings(settings: &Settings, loaded: Loaded) -> bool {
    if !loaded.may_save() {
        return false;
    }
    match to_js(settings) {
        Some(v) => storage_set(SETTINGS_KEY, v).await.is_ok(),
        None => false,
    }
}

/// Plain JavaScript objects (not `Map`s), as storage and JSON need.
fn to_js<T: serde::Serialize>(value: &T) -> Option<JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .ok()
}

thread_local! {
    /// The interface's locale, from the browser's language (once per page).
    static UI_LOCALE: &'static str = crate::core::ui::ui_locale(&ui_language());
}

/// A message of the interface in the browser's language, with `$1`, `$2`… replaced.
fn message(key: &str, substitutions: Vec<String>) -> String {
    UI_LOCALE.with(|locale| crate::core::ui::message(locale, key, &substitutions))
}

/// A message of the interface in the browser's language.
fn t(key: &str) -> String {
    message(key, Vec::new())
}

/// A message with substitutions (`$1`, `$2`… in messages.json).
fn t_with(key: &str, subs: &[String]) -> String {
    message(key, subs.to_vec())
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
