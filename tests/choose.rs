//! Which box takes the letter, from what the page shows beyond words: where the box stands
//! (Meta's form or a layer after Send), rows Meta keeps hidden, required and optional boxes, and
//! the person's own choice when nothing tells the boxes apart.

use objection::core::popup::{box_memory_key, still_drawing, KnownFill, Model, Notice, Phase};
use objection::core::recognise::{recognise, Recognition};
use objection::core::report::{FieldKind, FieldReport, FormReport, HiddenInput, Label, PageReport};
use objection::core::settings::Settings;

const FB_2025: &str = "https://m.facebook.com/help/contact/712876720715583";

fn label(source: &str, text: &str) -> Label {
    Label {
        source: source.to_string(),
        text: text.to_string(),
    }
}

fn field(index: u32, kind: FieldKind, labels: Vec<Label>) -> FieldReport {
    FieldReport {
        index,
        reference: format!("e{index}"),
        kind,
        input_type: if kind == FieldKind::Input { "text" } else { "" }.to_string(),
        id: format!("48000000000000{index}"),
        labels,
        visible: true,
        form: Some(0),
        ..FieldReport::default()
    }
}

fn hidden(name: &str, value: &str, form: Option<u32>) -> HiddenInput {
    HiddenInput {
        name: name.to_string(),
        value: value.to_string(),
        form,
    }
}

/// m.facebook.com's objection form as the shim reads it: each label is the bare text before
/// its box, and the form's id is its English title.
fn mobile(fields: Vec<FieldReport>) -> PageReport {
    PageReport {
        url: FB_2025.to_string(),
        lang: "en".to_string(),
        title: "Facebook".to_string(),
        hidden: vec![
            hidden("form_id", "712876720715583", Some(0)),
            hidden("support_form_id", "712876720715583", Some(0)),
            hidden("support_form_locale_id", "en_GB", Some(0)),
        ],
        forms: vec![FormReport {
            id: "Object to Your Information Being Used for AI at Meta".to_string(),
        }],
        fields,
        ..PageReport::default()
    }
}

fn chosen(r: &Recognition) -> Option<u32> {
    r.field.as_ref().map(|f| f.index)
}

const REASON: &str = "Please tell us how this processing impacts you";
const OTHER: &str = "Any other information that could help us review your objection";

fn email() -> FieldReport {
    let mut f = field(0, FieldKind::Input, vec![label("before", "Email address")]);
    f.input_type = "email".to_string();
    f.value_length = 18;
    f
}

#[test]
fn bare_text_labels_on_m_facebook_choose_the_reason_box_not_the_one_after_it() {
    let r = recognise(&mobile(vec![
        email(),
        field(
            1,
            FieldKind::Textarea,
            vec![label("before", REASON), label("row", REASON)],
        ),
        field(
            2,
            FieldKind::Textarea,
            vec![label("before", OTHER), label("row", OTHER)],
        ),
    ]));
    assert_eq!(chosen(&r), Some(1), "{:?}", r.why);
    assert!(r.candidates.is_empty());
}

#[test]
fn the_english_form_id_of_m_facebook_names_an_unknown_form_in_any_language() {
    let mut page = mobile(vec![field(
        0,
        FieldKind::Textarea,
        vec![label(
            "before",
            "Kerro, miten tämä käsittely vaikuttaa sinuun",
        )],
    )]);
    page.url = "https://m.facebook.com/help/contact/1000000000000001".to_string();
    page.hidden = vec![hidden("support_form_locale_id", "fi_FI", Some(0))];
    let r = recognise(&page);
    assert_eq!(
        r.form.map(|f| f.as_str()),
        Some("ai-objection"),
        "{:?}",
        r.why
    );
    assert_eq!(r.lang.as_deref(), Some("fi"));
    assert_eq!(chosen(&r), Some(0));
}

#[test]
fn the_form_number_in_m_facebooks_form_id_input_is_known() {
    let mut page = mobile(vec![field(
        0,
        FieldKind::Textarea,
        vec![label("before", REASON)],
    )]);
    page.url = "https://m.facebook.com/help/contact/1000000000000001".to_string();
    page.forms.clear();
    page.hidden = vec![hidden("form_id", "712876720715583", None)];
    let r = recognise(&page);
    assert_eq!(r.form_id.as_deref(), Some("712876720715583"), "{:?}", r.why);
}

#[test]
fn a_box_in_a_layer_after_send_never_takes_the_letter() {
    let mut code = field(
        2,
        FieldKind::Textarea,
        vec![label("before", "Please explain why")],
    );
    code.form = Some(1);
    let mut reason = field(1, FieldKind::Textarea, vec![label("before", REASON)]);
    reason.value_length = 400;
    let r = recognise(&mobile(vec![email(), reason, code]));
    assert_eq!(chosen(&r), Some(1), "{:?}", r.why);
    // With the reason box gone, the layer's box is still not taken.
    let mut code = field(2, FieldKind::Textarea, vec![]);
    code.form = Some(1);
    let r = recognise(&mobile(vec![email(), code]));
    assert_eq!(chosen(&r), None, "{:?}", r.why);
    assert!(r.candidates.is_empty());
}

#[test]
fn a_row_meta_keeps_hidden_is_not_filled() {
    let mut page = mobile(vec![
        field(1, FieldKind::Textarea, vec![]),
        field(2, FieldKind::Textarea, vec![]),
    ]);
    page.hidden.push(hidden(
        "support_form_hidden_fields",
        r#"{"480000000000001": true, "480000000000002":false}"#,
        Some(0),
    ));
    let r = recognise(&page);
    assert_eq!(chosen(&r), Some(2), "{:?}", r.why);
}

#[test]
fn the_required_box_wins_over_an_optional_one_when_no_label_asks_for_the_reason() {
    let mut first = field(1, FieldKind::Textarea, vec![label("before", "Your text")]);
    first.required = true;
    let second = field(
        2,
        FieldKind::Textarea,
        vec![label("before", "Notes (optional)")],
    );
    let r = recognise(&mobile(vec![second.clone(), first.clone()]));
    assert_eq!(chosen(&r), Some(1), "{:?}", r.why);
    assert!(r.field.as_ref().is_some_and(|f| f.why.contains("required")));
    // Without the required flag, the optional marker alone still tells them apart.
    first.required = false;
    let r = recognise(&mobile(vec![first, second]));
    assert_eq!(chosen(&r), Some(1), "{:?}", r.why);
    assert!(r.field.as_ref().is_some_and(|f| f.why.contains("optional")));
}

#[test]
fn a_row_text_does_not_rule_out_a_box_whose_own_label_is_clear() {
    let r = recognise(&mobile(vec![field(
        1,
        FieldKind::Textarea,
        vec![
            label("before", REASON),
            label("row", &format!("{REASON} {OTHER}")),
        ],
    )]));
    assert_eq!(chosen(&r), Some(1), "{:?}", r.why);
}

fn two_unlabelled() -> PageReport {
    let mut second = field(2, FieldKind::Textarea, vec![]);
    second.focused = true;
    mobile(vec![field(1, FieldKind::Textarea, vec![]), second])
}

#[test]
fn when_nothing_tells_two_boxes_apart_the_person_chooses() {
    let r = recognise(&two_unlabelled());
    assert_eq!(chosen(&r), None, "{:?}", r.why);
    assert_eq!(r.candidates.len(), 2);
    assert!(
        r.candidates[1].pointed,
        "the box in focus in the page is marked"
    );
    assert!(!r.candidates[0].pointed);
    assert_eq!(r.candidates[0].key(0), "id:480000000000001");
}

#[test]
fn the_popup_asks_then_fills_the_box_the_person_picked_and_keeps_it_on_rereading() {
    let verdict = recognise(&two_unlabelled());
    let mut m = Model::loading().loaded(
        verdict.clone(),
        false,
        &Settings::default(),
        "2026-12-04",
        &["en-IE".into()],
    );
    assert_eq!(m.phase, Phase::Form);
    assert_eq!(m.notice, Some(Notice::ChooseBox));
    assert_eq!(m.target(), None, "no box before the person picks one");
    assert!(matches!(m.request_fill_known(), KnownFill::ReadPage));
    assert_eq!(m.request_fill(verdict.clone(), false), None);
    assert_eq!(m.notice, Some(Notice::ChooseBox));
    let key = m.candidates()[1].0.clone();
    assert!(m.pick(&key));
    assert_eq!(m.notice, None);
    assert_eq!(m.target().map(|t| t.index), Some(2));
    // The page read again while the popup is open: the choice stays.
    assert!(!m.refreshed(verdict.clone(), |_, _| unreachable!("same form")));
    assert_eq!(m.target().map(|t| t.index), Some(2));
    assert_eq!(m.request_fill(verdict, false), Some(2));
    assert!(!m.pick("id:nothing"));
}

#[test]
fn the_choice_is_remembered_per_form_number_and_locale() {
    let verdict = recognise(&two_unlabelled());
    assert_eq!(
        box_memory_key(&verdict).as_deref(),
        Some("712876720715583|en-gb")
    );
}

#[test]
fn a_form_still_drawing_is_waited_for_not_reported_missing() {
    let empty = mobile(vec![]);
    let verdict = recognise(&empty);
    assert!(verdict.form.is_some());
    assert!(still_drawing(&empty, &verdict, 0));
    assert!(!still_drawing(&empty, &verdict, 60_000), "patience ends");
    let mut m = Model::loading().loaded(
        verdict.clone(),
        false,
        &Settings::default(),
        "2026-12-04",
        &["en-IE".into()],
    );
    m.set_drawing(true);
    assert_eq!(
        (m.phase, m.notice.clone()),
        (Phase::Form, Some(Notice::Drawing))
    );
    // The box appears: the popup shows it without being opened again.
    let drawn = mobile(vec![field(
        1,
        FieldKind::Textarea,
        vec![label("before", REASON)],
    )]);
    let fresh = recognise(&drawn);
    assert!(!still_drawing(&drawn, &fresh, 1_000));
    assert!(m.refreshed(fresh, |_, _| unreachable!("same form")));
    m.set_drawing(false);
    assert_eq!((m.phase, m.notice.clone()), (Phase::Form, None));
    assert_eq!(m.target().map(|t| t.index), Some(1));
    // A contact page still without any box is "loading", then "not the form".
    let blank = PageReport {
        url: "https://www.facebook.com/help/contact/1000000000000001".to_string(),
        ..PageReport::default()
    };
    let verdict = recognise(&blank);
    let mut m = Model::loading().loaded(
        verdict.clone(),
        false,
        &Settings::default(),
        "2026-12-04",
        &["en-IE".into()],
    );
    m.set_drawing(still_drawing(&blank, &verdict, 100));
    assert_eq!(m.phase, Phase::Loading);
    m.set_drawing(still_drawing(&blank, &verdict, 10_000));
    assert_eq!(
        (m.phase, m.notice),
        (Phase::NoForm, Some(Notice::NotTheForm))
    );
}

#[test]
fn a_look_alike_host_is_never_metas() {
    for url in [
        "https://www.facebook.com-privacy-centre.help/help/contact/712876720715583",
        "https://facebook.com.evil.example/help/contact/712876720715583",
        "https://help.instagram.com.example/contact/767264225370182",
        "https://wwwfacebook.com/help/contact/712876720715583",
    ] {
        let mut page = mobile(vec![field(
            1,
            FieldKind::Textarea,
            vec![label("before", REASON)],
        )]);
        page.url = url.to_string();
        let r = recognise(&page);
        assert_eq!(r.form, None, "{url}: {:?}", r.why);
        assert!(!still_drawing(&page, &r, 0), "{url}");
    }
}

#[test]
fn a_title_read_in_the_pages_own_language_outweighs_another_languages_reading() {
    // Maltese "dritt" is a right; German "Dritte" are third parties.
    let mut page = mobile(vec![field(
        1,
        FieldKind::Textarea,
        vec![label("before", "Spjega kif jaffettwak dan l-ipproċessar")],
    )]);
    page.url = "https://www.facebook.com/help/contact/1000000000000001".to_string();
    page.forms.clear();
    page.lang = "mt".to_string();
    page.hidden = vec![hidden("support_form_locale_id", "mt_MT", Some(0))];
    page.title = "Dritt ta' oġġezzjoni: l-ipproċessar tad-data tiegħek għall-AI f'Meta".to_string();
    let r = recognise(&page);
    assert_eq!(
        r.form.map(|f| f.as_str()),
        Some("ai-objection"),
        "{:?}",
        r.why
    );
    assert_eq!(chosen(&r), Some(1));
}

#[test]
fn the_popup_remembers_the_letter_its_language_and_edits_for_the_same_form_only() {
    let page = mobile(vec![field(
        1,
        FieldKind::Textarea,
        vec![label("before", REASON)],
    )]);
    let verdict = recognise(&page);
    let mut m = Model::loading().loaded(
        verdict.clone(),
        false,
        &Settings::default(),
        "2026-12-04",
        &["en-IE".into()],
    );
    m.select_locale("de");
    m.select_letter("family");
    m.edit("Mein eigener Text.");
    let memory = m.memory().expect("a form");
    let mut again = Model::loading().loaded(
        verdict.clone(),
        false,
        &Settings::default(),
        "2026-12-04",
        &["en-IE".into()],
    );
    again.recall(&memory);
    assert_eq!((again.locale, again.letter.as_str()), ("de", "family"));
    assert_eq!(
        (again.text.as_str(), again.edited),
        ("Mein eigener Text.", true)
    );
    assert_eq!(again.phase, Phase::Form);
    // After a fill whose box still holds our text: the letter is in the form, with Undo.
    let filled = objection::core::popup::Memory {
        filled: true,
        ..memory.clone()
    };
    let mut holding = page.clone();
    holding.fields[0].value_length = 640;
    let holding = recognise(&holding);
    let mut after = Model::loading().loaded(
        holding,
        true,
        &Settings::default(),
        "2026-12-04",
        &["en-IE".into()],
    );
    after.recall(&filled);
    assert_eq!(
        (after.phase, after.notice.clone()),
        (Phase::Filled, Some(Notice::Filled))
    );
    assert!(after.can_undo);
    // The person emptied the box since: not "filled" any more.
    let mut emptied = Model::loading().loaded(
        verdict.clone(),
        true,
        &Settings::default(),
        "2026-12-04",
        &["en-IE".into()],
    );
    emptied.recall(&filled);
    assert_eq!(emptied.phase, Phase::Form);
    // Another form on the same tab starts afresh.
    let mut other_page = page.clone();
    other_page.hidden[1].value = "767264225370182".to_string();
    other_page.hidden[0].value = "767264225370182".to_string();
    let other = recognise(&other_page);
    let mut fresh = Model::loading().loaded(
        other,
        false,
        &Settings::default(),
        "2026-12-04",
        &["en-IE".into()],
    );
    let before = fresh.clone();
    fresh.recall(&memory);
    assert_eq!(fresh, before);
}

#[test]
fn details_typed_here_stay_while_the_others_follow_another_pages_save() {
    use objection::core::letters::Details;
    let d = |name: &str, account: &str| Details {
        name: name.to_string(),
        account: account.to_string(),
        ..Details::default()
    };
    let saved_before = d("Ann", "");
    let here = d("Ann", "ann.typing");
    let now = d("Anna", "");
    assert_eq!(here.follow(&saved_before, &now), d("Anna", "ann.typing"));
    assert_eq!(now.get("name"), "Anna");
    assert_eq!(now.get("nothing"), "");
}
