//! The background worker's part: the content script reports the page, the core recognises it,
//! and the toolbar icon shows whether this is the form.

use wasm_bindgen::prelude::*;

use crate::core::popup::Memory;
use crate::core::recognise::recognise;
use crate::core::record;
use crate::core::report::PageReport;

use crate::core::ui::Msg;

use super::{from_js, platform_msg, session_get, set_badge, t, t_with, today};

/// Called by background.js for each report the content script sends, with the address the
/// browser gives for the sender (a page cannot pass itself off as another by what it reports).
#[wasm_bindgen(js_name = onPageReport)]
pub async fn on_page_report(tab: i32, url: String, report: JsValue) {
    let mut report = from_js::<PageReport>(&report).unwrap_or_default().bounded();
    report.url = url;
    let verdict = recognise(&report);
    let (badge, title) = match verdict.platform.filter(|_| verdict.form.is_some()) {
        Some(platform) => (
            "\u{2713}",
            t_with(Msg::BadgeRecognised, &[t(platform_msg(platform))]),
        ),
        None => ("", t(Msg::ExtName)),
    };
    // A closed tab cannot be marked; nothing to do then.
    let _ = set_badge(tab, badge, &title).await;
    // After a Send in this tab: Meta's code step or its confirmation, marked on the record.
    let now = js_sys::Date::now();
    let watching = super::record::read()
        .await
        .entries
        .iter()
        .any(|e| e.tab == tab && now - e.at < record::WATCH_MS);
    if watching {
        let _ =
            super::record::update(|entries| record::after_send(entries, tab, &report, now)).await;
    }
}

/// Called by background.js when the person pressed Send on the form we filled in tab `tab`: the
/// objection goes into the record (on a page the core recognises as one of the forms only), with
/// the letter language the popup chose for that tab.
#[wasm_bindgen(js_name = onSent)]
pub async fn on_sent(tab: i32, url: String, report: JsValue, text: String) {
    let mut report = from_js::<PageReport>(&report).unwrap_or_default().bounded();
    report.url = url;
    let verdict = recognise(&report);
    let locale = match session_get(&format!("popup:{tab}")).await {
        Ok(v) => from_js::<Memory>(&v).map(|m| m.locale).unwrap_or_default(),
        Err(_) => String::new(),
    };
    let text: String = text.chars().take(20_000).collect();
    let Some(entry) = record::on_send(
        &verdict,
        &report,
        &text,
        &today(),
        &locale,
        js_sys::Date::now(),
        tab,
    ) else {
        return;
    };
    let _ = super::record::update(|entries| {
        entries.push(entry);
        true
    })
    .await;
}
