//! Each language's own tests: `tests/rules/<lang>.toml` lists titles, labels and markers as people
//! see them on Meta's forms in that language, and what recognition must make of each. A file per
//! language, so a translator reviews the words (`src/rules/words/<lang>.toml`) and their tests
//! side by side.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use objection::core::data::{FormKind, Platform, FORMS};
use objection::core::recognise::{has_optional_marker, recognise, Basis, Recognition};
use objection::core::report::{FieldKind, FieldReport, Label, PageReport};

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Samples {
    /// Titles of other help-centre forms: never recognised as one of ours.
    other_titles: Vec<String>,
    #[serde(rename = "ai-objection")]
    ai_objection: FormSamples,
    #[serde(rename = "third-party-data")]
    third_party_data: FormSamples,
    optional: Optional,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FormSamples {
    /// Titles of this form (with a number we do not know): recognised by the words.
    titles: Vec<String>,
    /// Labels of the box that takes the letter.
    reason: Vec<String>,
    /// Labels of the form's other boxes: never take the letter.
    not_reason: Vec<String>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Optional {
    /// Labels carrying the language's "optional" marker.
    marked: Vec<String>,
    /// Labels without it.
    unmarked: Vec<String>,
}

fn samples() -> BTreeMap<String, Samples> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(&dir).expect("tests/rules exists").flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let lang = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let text = fs::read_to_string(&path).expect("readable");
        let parsed: Samples =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.insert(lang, parsed);
    }
    out
}

/// A page in `lang` at form number `id` on Facebook, with textareas labelled as given (`None`:
/// no label), each labelled the way Meta's desktop rows do (`<label for>`).
fn page(lang: &str, id: &str, title: &str, boxes: &[Option<&str>]) -> PageReport {
    PageReport {
        url: format!("https://www.facebook.com/help/contact/{id}"),
        lang: lang.to_string(),
        title: title.to_string(),
        fields: boxes
            .iter()
            .enumerate()
            .map(|(i, label)| FieldReport {
                index: i as u32,
                reference: format!("e{i}"),
                kind: FieldKind::Textarea,
                labels: label
                    .iter()
                    .map(|t| Label {
                        source: "for".to_string(),
                        text: t.to_string(),
                    })
                    .collect(),
                visible: true,
                ..FieldReport::default()
            })
            .collect(),
        ..PageReport::default()
    }
}

fn known_id(kind: FormKind) -> &'static str {
    let rule = FORMS.iter().find(|r| r.kind == kind).expect("rule");
    rule.known
        .iter()
        .find(|k| k.platform == Platform::Facebook)
        .expect("a Facebook number")
        .id
}

const UNKNOWN_ID: &str = "1000000000000001";

fn chosen(r: &Recognition) -> Option<u32> {
    r.field.as_ref().map(|f| f.index)
}

fn forms(s: &Samples) -> [(FormKind, &FormSamples); 2] {
    [
        (FormKind::AiObjection, &s.ai_objection),
        (FormKind::ThirdPartyData, &s.third_party_data),
    ]
}

#[test]
fn every_letter_language_has_its_samples() {
    let all = samples();
    for lang in [
        "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "is", "it",
        "lt", "lv", "mt", "nb", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
    ] {
        let s = all
            .get(lang)
            .unwrap_or_else(|| panic!("tests/rules/{lang}.toml is missing"));
        for (kind, f) in forms(s) {
            assert!(
                f.titles.len() >= 2 && f.reason.len() >= 2 && f.not_reason.len() >= 2,
                "{lang} {}: at least two titles, reason labels and other labels",
                kind.as_str()
            );
        }
        assert!(
            s.other_titles.len() >= 3,
            "{lang}: at least three other forms"
        );
        assert!(!s.optional.marked.is_empty(), "{lang}: an optional marker");
    }
}

#[test]
fn titles_recognise_their_form_by_words_alone() {
    for (lang, s) in samples() {
        for (kind, f) in forms(&s) {
            for title in &f.titles {
                let label = f.reason[0].as_str();
                // As the document title, and as a heading under a bare "Facebook" title.
                let as_title = page(&lang, UNKNOWN_ID, title, &[Some(label)]);
                let mut as_heading = page(&lang, UNKNOWN_ID, "Facebook", &[Some(label)]);
                as_heading.headings = vec!["Facebook".to_string(), title.clone()];
                for p in [as_title, as_heading] {
                    let r = recognise(&p);
                    assert_eq!(
                        (r.form, r.basis),
                        (Some(kind), Some(Basis::Title)),
                        "{lang}: title {title:?} should be the {} form: {:?}",
                        kind.as_str(),
                        r.why
                    );
                    assert_eq!(r.lang.as_deref(), Some(lang.as_str()), "{lang}: {title:?}");
                }
            }
        }
    }
}

#[test]
fn other_forms_are_not_recognised() {
    for (lang, s) in samples() {
        for title in &s.other_titles {
            let r = recognise(&page(&lang, UNKNOWN_ID, title, &[Some("x")]));
            assert_eq!(r.form, None, "{lang}: {title:?} is not ours: {:?}", r.why);
        }
    }
}

#[test]
fn reason_labels_take_the_letter_before_or_after_another_box() {
    for (lang, s) in samples() {
        for (kind, f) in forms(&s) {
            let id = known_id(kind);
            for reason in &f.reason {
                for other in &f.not_reason {
                    for (boxes, want) in [
                        ([Some(other.as_str()), Some(reason.as_str())], 1),
                        ([Some(reason.as_str()), Some(other.as_str())], 0),
                    ] {
                        let r = recognise(&page(&lang, id, "Facebook", &boxes));
                        assert_eq!(
                            chosen(&r),
                            Some(want),
                            "{lang} {}: {reason:?} beside {other:?}: {:?}",
                            kind.as_str(),
                            r.why
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn other_labels_never_take_the_letter_even_alone() {
    for (lang, s) in samples() {
        for (kind, f) in forms(&s) {
            for other in &f.not_reason {
                let r = recognise(&page(&lang, known_id(kind), "Facebook", &[Some(other)]));
                assert!(
                    r.field.is_none() && r.candidates.is_empty(),
                    "{lang} {}: {other:?} must never take the letter: {:?}",
                    kind.as_str(),
                    r.why
                );
            }
        }
    }
}

#[test]
fn optional_markers_are_read() {
    for (lang, s) in samples() {
        for label in &s.optional.marked {
            assert!(
                has_optional_marker(&lang, label),
                "{lang}: {label:?} is marked optional"
            );
        }
        for label in &s.optional.unmarked {
            assert!(
                !has_optional_marker(&lang, label),
                "{lang}: {label:?} is not marked optional"
            );
        }
    }
}
