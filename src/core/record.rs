//! The record of the person's objections, on their device only: when they press Send on one of
//! Meta's forms after a fill, which form, when, in which language and with which text; then
//! whether Meta asked for the code it emailed and showed its confirmation.

use serde::{Deserialize, Serialize};

use super::data::{FormKind, Platform};
use super::recognise::Recognition;
use super::report::{Overlay, PageReport};

/// The storage key of the record (its own key: no other save can overwrite it).
pub const RECORD_KEY: &str = "record";

/// How long after Send the page is watched for Meta's code step and confirmation.
pub const WATCH_MS: f64 = 2.0 * 60.0 * 60.0 * 1000.0;

/// One objection the person sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Entry {
    /// `facebook` or `instagram`.
    pub platform: String,
    /// `ai-objection` or `third-party-data`.
    pub form: String,
    /// Meta's form number.
    pub form_id: String,
    /// The day it was sent, `YYYY-MM-DD`.
    pub date: String,
    /// The letter's language (`de`, `pt-br`…), when the popup chose it.
    pub locale: String,
    /// What the reason box held when the person pressed Send.
    pub text: String,
    /// Meta asked for the code it sent by email.
    pub code: bool,
    /// Meta showed its confirmation on the page.
    pub confirmed: bool,
    /// When it was sent (ms since the epoch) and in which tab: the page is watched there for a
    /// while after Send.
    pub at: f64,
    pub tab: i32,
    /// The texts of what stood outside Meta's form when it was sent (a cookie banner is not a
    /// confirmation).
    pub before: Vec<String>,
}

impl Entry {
    pub fn platform(&self) -> Option<Platform> {
        [Platform::Facebook, Platform::Instagram]
            .into_iter()
            .find(|p| p.as_str() == self.platform)
    }

    pub fn form(&self) -> Option<FormKind> {
        FormKind::parse(&self.form)
    }

    /// Which of two entries was sent first: by day, then by the moment.
    fn order(a: &&Entry, b: &&Entry) -> std::cmp::Ordering {
        a.date.cmp(&b.date).then(a.at.total_cmp(&b.at))
    }
}

/// The entries, the one sent last first.
pub fn newest_first(entries: &[Entry]) -> Vec<&Entry> {
    let mut out: Vec<&Entry> = entries.iter().collect();
    out.sort_by(|a, b| Entry::order(b, a));
    out
}

/// The entry for a Send the content script saw, on a page the core recognised as one of the
/// forms; `None` on any other page or with an empty box.
pub fn on_send(
    verdict: &Recognition,
    report: &PageReport,
    text: &str,
    today: &str,
    locale: &str,
    now_ms: f64,
    tab: i32,
) -> Option<Entry> {
    let form = verdict.form?;
    let platform = verdict.platform?;
    if text.trim().is_empty() {
        return None;
    }
    Some(Entry {
        platform: platform.as_str().to_string(),
        form: form.as_str().to_string(),
        form_id: verdict.form_id.clone().unwrap_or_default(),
        date: today.to_string(),
        locale: locale.to_string(),
        text: text.to_string(),
        code: false,
        confirmed: false,
        at: now_ms,
        tab,
        before: report.overlays.iter().map(|o| o.text.clone()).collect(),
    })
}

/// What appeared outside Meta's form since Send: a box for the emailed code, or a notice with a
/// button and no box (Meta's confirmation that the objection applies going forward). Only the
/// entry sent last in `tab`, within [`WATCH_MS`], is marked. Returns whether anything changed.
pub fn after_send(entries: &mut [Entry], tab: i32, report: &PageReport, now_ms: f64) -> bool {
    let Some(entry) = entries
        .iter_mut()
        .filter(|e| e.tab == tab && now_ms - e.at < WATCH_MS && now_ms >= e.at)
        .max_by(|a, b| a.at.total_cmp(&b.at))
    else {
        return false;
    };
    let new: Vec<&Overlay> = report
        .overlays
        .iter()
        .filter(|o| !entry.before.contains(&o.text))
        .collect();
    let code = new.iter().any(|o| o.inputs > 0);
    let confirmed = new
        .iter()
        .any(|o| o.inputs == 0 && o.buttons > 0 && !o.text.trim().is_empty());
    let before = (entry.code, entry.confirmed);
    entry.code |= code;
    entry.confirmed |= confirmed;
    before != (entry.code, entry.confirmed)
}

/// The objection to AI at Meta per platform, for the checklist: each platform in `order` with
/// its latest entry, if any.
pub fn checklist(entries: &[Entry], order: [Platform; 2]) -> [(Platform, Option<&Entry>); 2] {
    order.map(|p| {
        let latest = entries
            .iter()
            .filter(|e| e.platform() == Some(p) && e.form() == Some(FormKind::AiObjection))
            .max_by(Entry::order);
        (p, latest)
    })
}
