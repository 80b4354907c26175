//! The record of objections in storage (`record`, its own key): read entry by entry, with what
//! cannot be read kept exactly as it was and written back.

use wasm_bindgen::JsValue;

use crate::core::raw::Raw;
use crate::core::record::{Entry, RECORD_KEY};
use crate::core::ui::Msg;

use super::{from_js, js_of, storage_get, storage_set, t, to_js};

/// What Meta showed after the Send of `e`, in words: that it asked for the email code, that it
/// showed its confirmation.
pub fn marks(e: &Entry) -> Vec<String> {
    [
        (e.code, Msg::RecordCode),
        (e.confirmed, Msg::RecordConfirmed),
    ]
    .into_iter()
    .filter(|(shown, _)| *shown)
    .map(|(_, key)| t(key))
    .collect()
}

/// The record as stored: the entries this version reads, and those it cannot (kept as they were).
#[derive(Debug, Clone, Default)]
pub struct Record {
    pub entries: Vec<Entry>,
    kept: Vec<Raw>,
}

/// Reads the record (an empty one where there is none or storage cannot be read).
pub async fn read() -> Record {
    let mut record = Record::default();
    let Ok(v) = storage_get(RECORD_KEY).await else {
        return record;
    };
    let Some(Raw::List(items)) = from_js::<Raw>(&v) else {
        return record;
    };
    for item in items {
        match from_js::<Entry>(&js_of(&item)) {
            Some(entry) if !entry.platform.is_empty() => record.entries.push(entry),
            _ => record.kept.push(item),
        }
    }
    record
}

/// Applies `change` to the record as stored now (read anew, so that what another page wrote
/// meanwhile stays) and writes it back when `change` says it changed something.
pub async fn update(change: impl FnOnce(&mut Vec<Entry>) -> bool) -> Option<Record> {
    // One change at a time here (the worker hears a Send and the page reports after it at once):
    // two would read the same record, and the later write would drop the earlier change.
    super::one_at_a_time(&WRITING, apply(change)).await
}

thread_local! {
    static WRITING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

async fn apply(change: impl FnOnce(&mut Vec<Entry>) -> bool) -> Option<Record> {
    let mut record = read().await;
    if !change(&mut record.entries) {
        return Some(record);
    }
    let list = js_sys::Array::new();
    for e in &record.entries {
        list.push(&to_js(e).unwrap_or(JsValue::NULL));
    }
    for raw in &record.kept {
        list.push(&js_of(raw));
    }
    storage_set(RECORD_KEY, list.into()).await.ok()?;
    Some(record)
}
