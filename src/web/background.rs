//! The background worker's part: the content script reports the page, the core recognises it,
//! and the toolbar icon shows whether this is the form.

use wasm_bindgen::prelude::*;

use crate::core::recognise::recognise;
use crate::core::report::PageReport;

use crate::core::ui::Msg;

use super::{from_js, platform_msg, set_badge, t, t_with};

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
}
