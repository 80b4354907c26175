//! Any bytes as the page shim's report: parsing, bounding, recognition, the fill plan, reading
//! back, and the popup's state machine never panic, and stay within their bounds.
#![no_main]

use libfuzzer_sys::fuzz_target;
use objection::core::fill::{check_read_back, plan_fill, FillStep};
use objection::core::popup::Model;
use objection::core::recognise::recognise;
use objection::core::report::{PageReport, MAX_FIELDS, MAX_HEADINGS, MAX_LABELS, MAX_TEXT};
use objection::core::settings::Settings;

fuzz_target!(|data: &[u8]| {
    let Ok(report) = serde_json::from_slice::<PageReport>(data) else {
        return;
    };
    let report = report.bounded();
    assert!(report.url.len() <= MAX_TEXT && report.title.len() <= MAX_TEXT);
    assert!(report.headings.len() <= MAX_HEADINGS && report.fields.len() <= MAX_FIELDS);
    assert!(report.fields.iter().all(|f| f.labels.len() <= MAX_LABELS));
    assert_eq!(
        report.clone().bounded(),
        report,
        "bounding twice changes nothing"
    );

    let verdict = recognise(&report);
    if let Some(field) = &verdict.field {
        assert!(verdict.form.is_some(), "a field is only chosen on a form");
        assert!(
            report.fields.iter().any(|f| f.index == field.index),
            "the chosen field is one of the page's"
        );
    }
    let text = report.headings.first().cloned().unwrap_or_default();
    for confirmed in [false, true] {
        match plan_fill(&verdict, &text, confirmed) {
            FillStep::Write { index } | FillStep::ConfirmReplace { index, .. } => {
                assert_eq!(verdict.field.as_ref().map(|f| f.index), Some(index));
            }
            _ => {}
        }
    }
    let back = report.title.as_str();
    let _ = check_read_back(&text, Some(back));
    let _ = check_read_back(back, Some(&text));

    let mut settings = Settings::default();
    settings.remember_locale(verdict.lang.as_deref(), &report.lang);
    let mut model = Model::loading().loaded(verdict.clone(), true, &settings, "2025-06-01");
    let locales = model.locales();
    if let Some(l) = locales.get(report.headings.len() % locales.len().max(1)) {
        model.select_locale(l);
    }
    model.edit(&text);
    let _ = model.request_fill(verdict.clone(), false);
    let _ = model.request_fill(verdict, true);
    model.written(Some(back));
    model.undone(Some(&text), Some(back));
    model.cancel();
    model.copied(true);
});
