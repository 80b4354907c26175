//! The background worker's part: the content script reports the page, the core recognises it,
//! and the toolbar icon shows whether this is the form.

use wasm_bindgen::prelude::*;

use crate::core::recognise::recognise;
use crate::core::report::PageReport;

use super::{from_js, set_badge, t, t_with};

/// Called by background.js for each report the content script sends.
#[wasm_bindgen(js_name = onPageReport)]
pub async fn on_page_report(tab: i32, report: JsValue) {
    let report: PageReport = from_js(&report).unwrap_or_default();
    let verdict = recognise(&report.bounded());
    let (badge, title) = match verdict.platform.filter(|_| verdict.form.is_some()) {
        Some(platform) => (
            "\u{2713}",
            t_with(
                "badgeRecognised",
                &[t(&format!("platform_{}", platform.as_str()))],
            ),
        ),
        None => ("", t("extName")),
    };
    // A closed tab cannot be marked; nothing to do then.
    let _ = set_badge(tab, badge, &title).await;
}
