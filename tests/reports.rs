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

/// Stored values kept aside are read into `raw::Raw` and typed values out of it with `raw::read`: for every
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
