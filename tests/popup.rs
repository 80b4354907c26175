//! The popup's state machine and the fill plan, without a browser.

use objection::core::data::FormKind;
use objection::core::fill::{check_read_back, field_length, plan_fill, FillStep, ReadBack};
use objection::core::popup::{KnownFill, Model, Notice, Phase};
use objection::core::recognise::recognise;
use objection::core::report::{FieldKind, FieldReport, HiddenInput, Label, PageReport};
use objection::core::settings::Settings;

fn form_report(url: &str, locale: &str, value_length: u32, max_length: Option<u32>) -> PageReport {
    PageReport {
        url: url.to_string(),
        lang: String::new(),
        title: "Object to Your Information Being Used for AI at Meta".to_string(),
        headings: vec![],
        hidden: vec![HiddenInput {
            name: "support_form_locale_id".into(),
            value: locale.into(),
            form: None,
        }],
        fields: vec![
            FieldReport {
                index: 0,
                kind: FieldKind::Input,
                input_type: "email".into(),
                labels: vec![Label {
                    source: "for".into(),
                    text: "Email address".into(),
                }],
                visible: true,
                ..FieldReport::default()
            },
            FieldReport {
                index: 1,
                kind: FieldKind::Textarea,
                labels: vec![Label {
                    source: "for".into(),
                    text: "Please tell us how this processing impacts you".into(),
                }],
                visible: true,
                value_length,
                max_length,
                ..FieldReport::default()
            },
        ],
        ..PageReport::default()
    }
}

const FB_2025: &str = "https://www.facebook.com/help/contact/712876720715583";

fn loaded(locale: &str, remembered: Option<&str>) -> Model {
    let verdict = recognise(&form_report(FB_2025, locale, 0, None));
    let mut settings = Settings::default();
    if let Some(r) = remembered {
        settings.remember_locale(verdict.lang.as_deref(), r);
    }
    Model::loading().loaded(verdict, false, &settings, "2026-11-22", &["en-IE".into()])
}

#[test]
fn a_recognised_form_shows_the_first_letter_in_the_forms_language() {
    let m = loaded("de_DE", None);
    assert_eq!(m.phase, Phase::Form);
    assert_eq!(m.form(), Some(FormKind::AiObjection));
    assert_eq!(m.locale, "de");
    assert_eq!(m.letter, "short");
    assert!(m.text.contains("DSGVO"), "German letter: {}", m.text);
    assert_eq!(m.notice, None);
}

#[test]
fn a_language_we_lack_falls_back_to_english_and_a_remembered_choice_wins() {
    assert_eq!(loaded("ja_JP", None).locale, "en");
    assert_eq!(loaded("de_DE", Some("en")).locale, "en");
    assert_eq!(
        loaded("de_DE", Some("xx")).locale,
        "de",
        "an unknown remembered locale is ignored"
    );
    let uk = if objection::core::letters::locales().contains(&"en-gb") {
        "en-gb"
    } else {
        "en"
    };
    assert_eq!(
        loaded("en_GB", None).locale,
        uk,
        "UK forms get UK letters where we have them"
    );
}

#[test]
fn another_page_is_no_form_and_says_so() {
    let verdict = recognise(&PageReport {
        url: "https://example.com/".into(),
        ..PageReport::default()
    });
    let m = Model::loading().loaded(
        verdict,
        false,
        &Settings::default(),
        "2026-11-22",
        &["en-IE".into()],
    );
    assert_eq!(m.phase, Phase::NoForm);
    assert_eq!(m.notice, Some(Notice::NotTheForm));
    assert_eq!(
        Model::loading().unreadable().notice,
        Some(Notice::CannotReadPage)
    );
}

#[test]
fn switching_language_keeps_the_reason_and_editing_is_kept() {
    let mut m = loaded("de_DE", None);
    m.select_letter("family");
    m.select_locale("en");
    assert_eq!((m.locale, m.letter.as_str()), ("en", "family"));
    assert!(m.text.contains("GDPR"));
    m.select_locale("xx");
    assert_eq!(m.locale, "en", "an unknown language changes nothing");
    m.edit("My own words.");
    assert!(m.edited);
    assert_eq!(m.text, "My own words.");
}

#[test]
fn fill_writes_into_the_reason_field_and_checks_the_read_back() {
    let mut m = loaded("en_US", None);
    let fresh = recognise(&form_report(FB_2025, "en_US", 0, None));
    assert_eq!(m.request_fill(fresh, false), Some(1));
    let text = m.text.clone();
    m.written(Some(&text));
    assert_eq!(
        (m.phase, m.notice.clone()),
        (Phase::Filled, Some(Notice::Filled))
    );
    assert!(m.can_undo);
    m.written(Some(""));
    assert_eq!(
        (m.phase, m.notice.clone()),
        (Phase::Error, Some(Notice::PageRemoved))
    );
    m.written(Some("something else"));
    assert_eq!(m.notice, Some(Notice::PageChanged));
    m.written(None);
    assert_eq!(m.notice, Some(Notice::FieldGone));
}

#[test]
fn text_in_the_field_is_never_replaced_without_asking() {
    let mut m = loaded("en_US", None);
    let fresh = recognise(&form_report(FB_2025, "en_US", 20, None));
    assert_eq!(m.request_fill(fresh.clone(), false), None);
    assert_eq!(
        (m.phase, m.notice.clone()),
        (Phase::ConfirmReplace, Some(Notice::HasText { chars: 20 }))
    );
    m.cancel();
    assert_eq!(m.phase, Phase::Form);
    assert_eq!(m.request_fill(fresh, true), Some(1));
}

#[test]
fn a_letter_longer_than_the_field_is_never_cut() {
    let mut m = loaded("en_US", None);
    let length = field_length(&m.text);
    let fresh = recognise(&form_report(FB_2025, "en_US", 0, Some(100)));
    assert_eq!(m.request_fill(fresh, false), None);
    assert_eq!(m.notice, Some(Notice::TooLong { limit: 100, length }));
    assert_eq!(m.phase, Phase::Form);
    // The person shortens the letter in the preview; then it is written, whole.
    let short: String = m.text.chars().take(90).collect();
    m.edit(&short);
    let fresh = recognise(&form_report(FB_2025, "en_US", 0, Some(100)));
    assert_eq!(m.request_fill(fresh, false), Some(1));
    m.written(Some(&short));
    assert_eq!(m.phase, Phase::Filled);
}

#[test]
fn the_shim_gets_the_fields_reference_and_a_redrawn_box_is_read_again() {
    let mut report = form_report(FB_2025, "en_US", 0, None);
    report.fields[1].reference = "f3/s9/e12".into();
    let mut m = loaded("en_US", None);
    assert_eq!(m.request_fill(recognise(&report), false), Some(1));
    let target = m.target().expect("a target");
    assert_eq!((target.index, target.reference.as_str()), (1, "f3/s9/e12"));
    // The box went away; the page drew a new one that holds the letter.
    m.written(None);
    assert_eq!(m.notice, Some(Notice::FieldGone));
    report.fields[1].reference = "f3/s9/e44".into();
    assert_eq!(m.redrawn(recognise(&report)), Some(1));
    assert_eq!(m.target().map(|t| t.reference), Some("f3/s9/e44".into()));
    let text = m.text.clone();
    m.written_redrawn(Some(&text));
    assert_eq!(m.phase, Phase::Filled);
    assert!(!m.can_undo, "what the old box held is gone with it");
    // A redrawn box without the letter is an error, not a success.
    m.written_redrawn(Some(""));
    assert_eq!(m.notice, Some(Notice::PageRemoved));
    report.fields.clear();
    assert_eq!(m.redrawn(recognise(&report)), None);
}

#[test]
fn reports_without_references_still_parse() {
    let old = r#"{"url":"https://www.facebook.com/help/contact/712876720715583","fields":[{"index":0,"kind":"textarea","visible":true}]}"#;
    let report: PageReport = serde_json::from_str(old).expect("an older report parses");
    assert_eq!(report.fields[0].reference, "");
    let new = r#"{"fields":[{"index":0,"ref":"f1/e2","kind":"textarea"}]}"#;
    let report: PageReport = serde_json::from_str(new).expect("a report with references parses");
    assert_eq!(report.fields[0].reference, "f1/e2");
}

#[test]
fn no_field_and_empty_letter_are_explained() {
    let mut report = form_report(FB_2025, "en_US", 0, None);
    report.fields.clear();
    let verdict = recognise(&report);
    let mut m = Model::loading().loaded(
        verdict.clone(),
        false,
        &Settings::default(),
        "",
        &["en-IE".into()],
    );
    assert_eq!(
        (m.phase, m.notice.clone()),
        (Phase::Form, Some(Notice::NoReasonField))
    );
    assert_eq!(m.request_fill(verdict, false), None);
    assert_eq!(m.phase, Phase::Error);
    let mut m = loaded("en_US", None);
    m.edit("   \n ");
    assert_eq!(
        m.request_fill(recognise(&form_report(FB_2025, "en_US", 0, None)), false),
        None
    );
    assert_eq!(m.notice, Some(Notice::EmptyLetter));
}

#[test]
fn undo_reports_whether_the_old_text_is_back() {
    let mut m = loaded("en_US", None);
    m.undone(Some("I wrote this."), Some("I wrote this."));
    assert_eq!(
        (m.phase, m.notice.clone()),
        (Phase::Form, Some(Notice::Undone))
    );
    m.undone(Some(""), Some("\n"));
    assert_eq!(
        m.notice,
        Some(Notice::Undone),
        "an empty editor counts as empty"
    );
    m.undone(Some("I wrote this."), Some("Another text"));
    assert_eq!(m.notice, Some(Notice::UndoFailed));
    m.undone(None, None);
    assert_eq!(m.notice, Some(Notice::UndoFailed));
}

#[test]
fn fill_plan_steps() {
    let verdict = recognise(&form_report(FB_2025, "en_US", 0, Some(50)));
    assert_eq!(
        plan_fill(&verdict, "short text", false),
        FillStep::Write { index: 1 }
    );
    assert_eq!(plan_fill(&verdict, " ", false), FillStep::EmptyLetter);
    assert_eq!(
        plan_fill(&verdict, &"x".repeat(51), false),
        FillStep::TooLong {
            index: 1,
            limit: 50,
            length: 51
        }
    );
    // maxlength counts UTF-16 units, as the browser does: "😀" is two.
    assert_eq!(field_length("😀é"), 3);
}

#[test]
fn read_back_tolerates_what_rich_text_boxes_do_to_line_breaks() {
    let letter = "Hello,\n\nI object.\n\nKind regards,";
    assert_eq!(check_read_back(letter, Some(letter)), ReadBack::Kept);
    assert_eq!(
        check_read_back(
            letter,
            Some("Hello,\n\n\n\n\nI object.\n\n\n\n\nKind regards,\n")
        ),
        ReadBack::Kept
    );
    assert_eq!(
        check_read_back(
            letter,
            Some("Hello,\r\n\r\nI object.\u{a0}\r\n\r\nKind regards,")
        ),
        ReadBack::Kept
    );
    assert_eq!(
        check_read_back(letter, Some("Hello,\n\nI object.")),
        ReadBack::Changed
    );
    assert_eq!(check_read_back(letter, Some(" \n")), ReadBack::Removed);
    assert_eq!(check_read_back(letter, None), ReadBack::Missing);
}

#[test]
fn fill_goes_in_with_one_call_when_the_page_is_as_read_and_carries_what_the_box_must_be() {
    let mut model = loaded("en_GB", None);
    let KnownFill::Write { target, expect } = model.request_fill_known() else {
        panic!("an empty reason box is written at once");
    };
    assert_eq!(target.index, 1);
    assert_eq!(expect.kind, FieldKind::Textarea);
    assert_eq!(expect.value_length, 0);
    assert_eq!(model.phase, Phase::Loading);
}

#[test]
fn fill_from_the_page_as_read_still_asks_before_replacing_text_and_rereads_without_a_field() {
    let verdict = recognise(&form_report(FB_2025, "en_GB", 12, None));
    let mut model = Model::loading().loaded(
        verdict,
        false,
        &Settings::default(),
        "2026-11-22",
        &["en-IE".into()],
    );
    assert_eq!(model.request_fill_known(), KnownFill::Decided);
    assert_eq!(model.phase, Phase::ConfirmReplace);

    let mut report = form_report(FB_2025, "en_GB", 0, None);
    report.fields.truncate(1);
    let mut model = Model::loading().loaded(
        recognise(&report),
        false,
        &Settings::default(),
        "2026-11-22",
        &["en-IE".into()],
    );
    assert_eq!(model.request_fill_known(), KnownFill::ReadPage);
}

/// Languages are listed by their name in the interface language, with their own name where it
/// helps, and never with brackets in brackets.
#[test]
fn language_labels_add_the_own_name_where_it_helps() {
    use objection::core::popup::language_label;
    assert_eq!(
        language_label("en", "de", "German", "Deutsch"),
        "German (Deutsch)"
    );
    assert_eq!(
        language_label("en", "en-gb", "British English", "English (UK)"),
        "British English"
    );
    assert_eq!(
        language_label("de_AT", "de", "Deutsch", "Deutsch"),
        "Deutsch"
    );
    assert_eq!(
        language_label(
            "de",
            "en-gb",
            "Englisch (Vereinigtes Königreich)",
            "English (UK)"
        ),
        "Englisch (Vereinigtes Königreich) \u{2013} English (UK)"
    );
    assert_eq!(
        language_label("pt_BR", "pt", "Português (Portugal)", "Português"),
        "Português (Portugal)"
    );
    assert_eq!(language_label("fr", "el", "", "Ελληνικά"), "Ελληνικά");
}
