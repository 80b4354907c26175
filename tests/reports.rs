//! Recognition over page-report fixtures (`tests/reports/*.json`): each file holds a report and
//! the expected verdict (form, platform, language, reason field).

use objection::core::recognise::recognise;
use objection::core::report::PageReport;
use serde_json::Value;

#[test]
fn every_report_fixture_gets_its_expected_verdict() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reports");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("tests/reports exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "expected the report fixtures, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable fixture");
        let case: Value = serde_json::from_str(&text).expect("valid JSON");
        let report: PageReport =
            serde_json::from_value(case["report"].clone()).expect("report matches the format");
        let expect = &case["expect"];
        let got = recognise(&report);
        let got_form = got.form.map(|f| f.as_str().to_string());
        let got_platform = got.platform.map(|p| p.as_str().to_string());
        let got_field = got.field.as_ref().map(|f| u64::from(f.index));
        let want_form = expect["form"].as_str().map(str::to_string);
        let want_platform = expect["platform"].as_str().map(str::to_string);
        let want_lang = expect["lang"].as_str().map(str::to_string);
        let want_field = expect["field"].as_u64();
        let got_lang = got
            .lang
            .as_ref()
            .map(|l| l.split('-').next().unwrap_or(l).to_string());
        let mut wrong = Vec::new();
        if got_form != want_form {
            wrong.push(format!("form {got_form:?} != {want_form:?}"));
        }
        if want_form.is_some() {
            if got_platform != want_platform {
                wrong.push(format!("platform {got_platform:?} != {want_platform:?}"));
            }
            if got_lang != want_lang {
                wrong.push(format!("lang {got_lang:?} != {want_lang:?}"));
            }
            if got_field != want_field {
                wrong.push(format!("field {got_field:?} != {want_field:?}"));
            }
            // Where the report names its fields, the choice carries the shim's reference.
            if let Some(want_ref) = expect["ref"].as_str() {
                let got_ref = got.field.as_ref().map(|f| f.reference.as_str());
                if got_ref != Some(want_ref) {
                    wrong.push(format!("ref {got_ref:?} != {want_ref:?}"));
                }
            }
        }
        if !wrong.is_empty() {
            failures.push(format!(
                "{}: {}\n    why: {:?}",
                path.file_name().unwrap_or_default().to_string_lossy(),
                wrong.join(", "),
                got.why
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures wrong:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

/// The extension reads the shim's reports through `raw::read` (no serde_wasm_bindgen): for every
/// fixture it gives what serde_json gives, and a report of the wrong shape is `None`.
#[test]
fn reports_read_through_raw_match_serde_json() {
    use objection::core::raw::{read, Raw};
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reports");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir)
        .expect("tests/reports exists")
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).expect("readable fixture");
        let case: Value = serde_json::from_str(&text).expect("valid JSON");
        let want: PageReport = serde_json::from_value(case["report"].clone()).expect("a report");
        let raw: Raw = serde_json::from_value(case["report"].clone()).expect("plain data");
        let got: Option<PageReport> = read(&raw);
        assert_eq!(got.as_ref(), Some(&want), "{}", entry.path().display());
        seen += 1;
    }
    assert!(seen >= 40);
    let wrong: Raw = serde_json::from_str(r#"{"fields": "not a list"}"#).expect("plain data");
    assert_eq!(read::<PageReport>(&wrong), None);
    let wrong: Raw =
        serde_json::from_str(r#"{"fields": [{"kind": "select"}]}"#).expect("plain data");
    assert_eq!(read::<PageReport>(&wrong), None);
}

/// What the extension hands the browser is written through `raw::write` (no serde_wasm_bindgen):
/// for every report fixture, the person's letters as exported, and a flattened argument with an
/// enum, maps and numbers of every sign, it gives what serde_json gives.
#[test]
fn values_written_through_raw_match_serde_json() {
    use objection::core::own::{export, OwnLetter};
    use objection::core::raw::{write, Raw};
    use serde::Serialize;
    use std::collections::BTreeMap;

    // serde_json's objects sort their keys; `write` keeps the order of the fields.
    fn sorted(raw: Raw) -> Raw {
        match raw {
            Raw::List(items) => Raw::List(items.into_iter().map(sorted).collect()),
            Raw::Object(entries) => {
                let mut entries: Vec<_> =
                    entries.into_iter().map(|(k, v)| (k, sorted(v))).collect();
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                Raw::Object(entries)
            }
            other => other,
        }
    }
    fn same<T: Serialize>(value: &T, what: &str) {
        let want: Raw =
            serde_json::from_value(serde_json::to_value(value).expect("JSON")).expect("plain data");
        assert_eq!(write(value).map(sorted), Some(want), "{what}");
    }

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/reports");
    for entry in std::fs::read_dir(dir)
        .expect("tests/reports exists")
        .flatten()
    {
        let text = std::fs::read_to_string(entry.path()).expect("readable fixture");
        let case: Value = serde_json::from_str(&text).expect("valid JSON");
        let report: PageReport = serde_json::from_value(case["report"].clone()).expect("a report");
        same(&report, &entry.path().display().to_string());
    }
    let letters = vec![OwnLetter {
        id: "own-1".into(),
        title: "Mine \"quoted\"".into(),
        body: "Dear …\n[{name}]".into(),
        form: objection::core::data::FormKind::ThirdPartyData,
        locale: "de".into(),
    }];
    same(&export(&letters), "export");

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Newtype(i8),
        Tuple(u8, i64),
        Struct { x: f64 },
    }
    #[derive(Serialize)]
    struct Inner {
        index: u32,
        #[serde(rename = "ref")]
        reference: String,
    }
    #[derive(Serialize)]
    struct Arg {
        #[serde(flatten)]
        inner: Inner,
        #[serde(skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        none: Option<u8>,
        shapes: Vec<Shape>,
        map: BTreeMap<String, (char, bool)>,
        negative: i32,
    }
    same(
        &Arg {
            inner: Inner {
                index: 3,
                reference: "f1/s2/e3".into(),
            },
            text: None,
            none: None,
            shapes: vec![
                Shape::Unit,
                Shape::Newtype(-4),
                Shape::Tuple(7, -9),
                Shape::Struct { x: 1.5 },
            ],
            map: BTreeMap::from([("k".to_string(), ('é', true))]),
            negative: -2,
        },
        "flattened argument",
    );
    // A map whose keys are not text has no plain-data form.
    assert_eq!(write(&BTreeMap::from([(1u8, 2u8)])), None);
}
