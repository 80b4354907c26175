//! Property tests (proptest): the core never panics on what a page or a person can give it, keeps
//! within its bounds, and treats every text as text.
//!
//! Strings are drawn from arbitrary Unicode and from a pool of awkward pieces: right-to-left and
//! override marks, combining characters, NUL and other controls, zero-width characters, the
//! core's own internal marker, placeholders and brackets, and markup. Some are made huge, and
//! some lists very long. Cases per test are kept small enough for `cargo test` in debug mode.

use objection::core::data::FormKind;
use objection::core::fill::{check_read_back, field_length, plan_fill, FillStep, ReadBack};
use objection::core::letters::{
    all as all_letters, country_name, default_law, render, residences, with_law, Details,
    MAX_DETAIL_CHARS, MAX_OWN_CHARS, OTHER,
};
use objection::core::own::{
    self, check_import_size, check_letter, export, import, save_letter, OwnLetter, RawExport,
    MAX_BODY_CHARS, MAX_IMPORT_BYTES,
};
use objection::core::popup::{Model, Phase};
use objection::core::raw::Raw;
use objection::core::recognise::recognise;
use objection::core::report::{
    FieldKind, FieldReport, HiddenInput, Label, PageReport, MAX_FIELDS, MAX_HEADINGS, MAX_LABELS,
    MAX_TEXT,
};
use objection::core::settings::{load, Settings, Stored};
use objection::core::template::{clean_value, PLACEHOLDERS};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Pieces that have broken text handling elsewhere.
const AWKWARD: &[&str] = &[
    "\u{200f}",               // right-to-left mark
    "\u{202e}",               // right-to-left override
    "\u{2066}",               // left-to-right isolate
    "e\u{301}",               // combining acute accent
    "\u{301}\u{301}\u{301}",  // combining marks with nothing to combine with
    "\u{0}",                  // NUL
    "\u{7}\u{1b}[31m",        // bell, escape sequence
    "\u{200b}\u{feff}\u{a0}", // zero-width space, byte order mark, no-break space
    "\u{E000}",               // the core's own marker for dropped passages
    "\r\n",
    "\r",
    "\n\n\n",
    "\u{2028}", // line separator
    "{name}",
    "{country}",
    "{date}",
    "{account}",
    "{nam",
    "[",
    "]",
    "[{name}]",
    "[[{country}]]",
    "<script>alert(1)</script>",
    "<b>bold</b>",
    "&amp;&lt;",
    "\"'`",
    "👩🏽‍💻",
    "ﷺ",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "مرحبا",
    "שלום",
    "https://www.facebook.com/help/contact/712876720715583",
    "support_form_id",
    "Object to your information being used for AI at Meta",
    "Widerspruch",
    "reason",
    "Grund",
    " ",
    "\t",
];

/// A string of arbitrary characters and awkward pieces.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => any::<String>(),
        4 => proptest::sample::select(AWKWARD).prop_map(str::to_string),
    ];
    prop::collection::vec(piece, 0..6).prop_map(|v| v.concat())
}

/// Now and then a huge string.
fn maybe_huge() -> impl Strategy<Value = String> {
    prop_oneof![
        9 => text(),
        1 => (text(), 1_000usize..20_000).prop_map(|(t, n)| {
            let t = if t.is_empty() { "x".to_string() } else { t };
            t.repeat(n).chars().take(60_000).collect()
        }),
    ]
}

fn url() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::sample::select(
            &[
                "https://www.facebook.com/help/contact/712876720715583",
                "https://help.instagram.com/contact/767264225370182",
                "https://de-de.facebook.com/help/contact/6359191084165019",
                "https://www.facebook.com/help/contact/1266",
                "https://www.facebook.com/help/contact/99999",
                "https://evil.example/help/contact/712876720715583",
                "https://www.facebook.com@evil.example/help/contact/1",
            ][..]
        )
        .prop_map(str::to_string),
        text(),
        (text(), text()).prop_map(|(a, b)| format!("https://{a}.facebook.com/help/contact/{b}")),
    ]
}

fn label() -> impl Strategy<Value = Label> {
    (
        proptest::sample::select(&["for", "wrap", "aria-label", "placeholder", "nearby", ""][..]),
        text(),
    )
        .prop_map(|(source, text)| Label {
            source: source.to_string(),
            text,
        })
}

fn field() -> impl Strategy<Value = FieldReport> {
    (
        any::<u32>(),
        proptest::sample::select(
            &[
                FieldKind::Textarea,
                FieldKind::Input,
                FieldKind::Contenteditable,
            ][..],
        ),
        prop_oneof![Just(String::new()), Just("text".to_string()), text()],
        (text(), text()),
        prop::collection::vec(label(), 0..4),
        any::<(bool, bool, bool, bool)>(),
        any::<u32>(),
        any::<Option<u32>>(),
    )
        .prop_map(
            |(index, kind, input_type, (name, id), labels, flags, value_length, max_length)| {
                FieldReport {
                    index,
                    kind,
                    input_type,
                    name,
                    id,
                    labels,
                    visible: !flags.0,
                    value_length,
                    max_length,
                    disabled: flags.1 && flags.2,
                    read_only: flags.2 && flags.3,
                    can_undo: flags.3,
                    reference: format!("e{index}"),
                    required: flags.0 && flags.3,
                    form: max_length.map(|m| m % 3),
                    focused: flags.1,
                    hovered: flags.2,
                }
            },
        )
}

/// A page report; sometimes with huge lists (one item repeated).
fn report() -> impl Strategy<Value = PageReport> {
    (
        url(),
        prop_oneof![Just("de".to_string()), Just("pt-BR".to_string()), text()],
        maybe_huge(),
        prop::collection::vec(maybe_huge(), 0..4),
        prop::collection::vec(
            (
                prop_oneof![
                    Just("support_form_id".to_string()),
                    Just("support_form_locale_id".to_string()),
                    text()
                ],
                prop_oneof![
                    Just("712876720715583".to_string()),
                    Just("de_DE".to_string()),
                    text()
                ],
            )
                .prop_map(|(name, value)| HiddenInput {
                    form: (value.len() % 2 == 0).then_some(0),
                    name,
                    value,
                }),
            0..3,
        ),
        prop::collection::vec(field(), 0..5),
        prop_oneof![8 => Just(0usize), 1 => 1usize..3_000],
    )
        .prop_map(|(url, lang, title, headings, hidden, mut fields, repeat)| {
            let mut headings = headings;
            if repeat > 0 {
                if let Some(f) = fields.first().cloned() {
                    let mut f = f;
                    f.labels =
                        std::iter::repeat_n(f.labels.first().cloned().unwrap_or_default(), 30)
                            .collect();
                    fields.extend(std::iter::repeat_n(f, repeat));
                }
                headings.extend(std::iter::repeat_n(title.clone(), repeat));
            }
            PageReport {
                url,
                lang,
                title,
                headings,
                hidden,
                fields,
                ..PageReport::default()
            }
        })
}

/// Any JSON value, nested a little.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<u64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(|f| json!(f)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        proptest::sample::select(
                            &[
                                "url",
                                "lang",
                                "title",
                                "headings",
                                "hidden",
                                "fields",
                                "index",
                                "kind",
                                "type",
                                "labels",
                                "visible",
                                "valueLength",
                                "maxLength",
                                "name",
                                "value",
                                "text",
                                "source",
                                "version",
                                "localeByLang",
                                "details",
                                "letters",
                                "id",
                                "body",
                                "form",
                                "locale",
                                "format",
                                "country",
                                "account",
                                "date",
                            ][..]
                        )
                        .prop_map(str::to_string),
                        text(),
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

fn check_bounded(r: &PageReport) {
    let texts = [&r.url, &r.lang, &r.title];
    assert!(texts.iter().all(|t| t.len() <= MAX_TEXT));
    assert!(r.headings.len() <= MAX_HEADINGS && r.hidden.len() <= MAX_HEADINGS);
    assert!(r.headings.iter().all(|h| h.len() <= MAX_TEXT));
    assert!(r.fields.len() <= MAX_FIELDS);
    for f in &r.fields {
        assert!(f.labels.len() <= MAX_LABELS);
        assert!(f.labels.iter().all(|l| l.text.len() <= MAX_TEXT));
        assert!(f.name.len() <= MAX_TEXT && f.id.len() <= MAX_TEXT);
    }
}

/// Recognition, the fill plan and reading back, for one bounded report.
fn check_report(report: &PageReport, letter: &str) {
    check_bounded(report);
    assert_eq!(
        &report.clone().bounded(),
        report,
        "bounding twice changes nothing"
    );
    let verdict = recognise(report);
    assert!(!verdict.why.is_empty(), "every verdict says why");
    if let Some(field) = &verdict.field {
        assert!(verdict.form.is_some());
        let f = report
            .fields
            .iter()
            .find(|f| f.index == field.index)
            .expect("the chosen field is on the page");
        assert!(f.visible && !f.disabled && !f.read_only);
    }
    for confirmed in [false, true] {
        match plan_fill(&verdict, letter, confirmed) {
            FillStep::Write { index } => {
                let field = verdict.field.as_ref().expect("a field to write into");
                assert_eq!(field.index, index);
                assert!(
                    confirmed || field.value_length == 0,
                    "never replaces text unasked"
                );
                assert!(field.max_length.is_none_or(|m| m >= field_length(letter)));
            }
            FillStep::ConfirmReplace { existing_chars, .. } => {
                assert!(!confirmed && existing_chars > 0)
            }
            FillStep::TooLong { limit, length, .. } => assert!(limit < length),
            FillStep::EmptyLetter => assert!(letter.trim().is_empty()),
            FillStep::NoField => assert!(verdict.field.is_none()),
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn page_reports_are_bounded_and_recognised_without_panic(r in report(), letter in text()) {
        let bounded = r.bounded();
        check_report(&bounded, &letter);
    }

    #[test]
    fn any_json_as_a_page_report_is_refused_or_recognised(v in json_value(), letter in text()) {
        if let Ok(r) = serde_json::from_value::<PageReport>(v) {
            check_report(&r.bounded(), &letter);
        }
    }

    #[test]
    fn huge_counts_in_a_report_are_cut(n in 0usize..50_000, value_length in any::<u64>()) {
        // A report with huge lists and numbers out of range, as JSON.
        let field = json!({"index": n, "kind": "textarea", "labels": [{"source": "for", "text": "Reason"}],
                           "visible": true, "valueLength": value_length, "maxLength": n});
        let v = json!({
            "url": "https://www.facebook.com/help/contact/712876720715583",
            "headings": vec!["Objection"; n.min(5_000)],
            "fields": vec![field; n.min(5_000)],
        });
        match serde_json::from_value::<PageReport>(v) {
            Ok(r) => check_report(&r.bounded(), "I object."),
            Err(_) => prop_assert!(value_length > u64::from(u32::MAX), "only numbers out of range refuse"),
        }
    }

    #[test]
    fn reading_back_the_written_text_finds_it(letter in text()) {
        let expected = if letter.trim().is_empty() { ReadBack::Removed } else { ReadBack::Kept };
        prop_assert_eq!(check_read_back(&letter, Some(&letter)), expected);
        // Rich-text boxes change line endings and no-break spaces: still the letter.
        let rich = letter
            .replace("\r\n", "\n")
            .replace('\n', "\r\n")
            .replace(' ', "\u{a0}");
        if !rich.trim().is_empty() && !letter.trim().is_empty() {
            prop_assert_eq!(check_read_back(&letter, Some(&rich)), ReadBack::Kept);
        }
        prop_assert_eq!(check_read_back(&letter, None), ReadBack::Missing);
    }
}

/// An event the popup can receive.
#[derive(Debug, Clone)]
enum Event {
    Locale(usize),
    Letter(usize),
    Own(usize),
    Details(Details),
    Edit(String),
    Fill(bool),
    Written(Option<String>),
    Undone(Option<String>, Option<String>),
    Cancel,
    Copied(bool),
}

fn details() -> impl Strategy<Value = Details> {
    (maybe_huge(), text(), text(), text(), text(), 0..40usize).prop_map(
        |(name, country, account, date, own, r)| {
            let codes: Vec<&str> = residences().iter().map(|r| r.code).collect();
            Details {
                name,
                country,
                account,
                date,
                own,
                // A listed country, another country, nothing, or what storage may hold.
                residence: match r {
                    0 => String::new(),
                    1 => OTHER.to_string(),
                    2 => "zz".to_string(),
                    n => codes[n % codes.len()].to_string(),
                },
            }
        },
    )
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        any::<usize>().prop_map(Event::Locale),
        any::<usize>().prop_map(Event::Letter),
        any::<usize>().prop_map(Event::Own),
        details().prop_map(Event::Details),
        maybe_huge().prop_map(Event::Edit),
        any::<bool>().prop_map(Event::Fill),
        proptest::option::of(text()).prop_map(Event::Written),
        (proptest::option::of(text()), proptest::option::of(text()))
            .prop_map(|(a, b)| Event::Undone(a, b)),
        Just(Event::Cancel),
        any::<bool>().prop_map(Event::Copied),
    ]
}

fn own_letter() -> impl Strategy<Value = OwnLetter> {
    (
        text(),
        text(),
        maybe_huge(),
        any::<bool>(),
        proptest::sample::select(&["", "en", "de", "pt-br", "ga"][..]),
    )
        .prop_map(|(id, title, body, third, locale)| OwnLetter {
            id,
            title,
            body,
            form: if third {
                FormKind::ThirdPartyData
            } else {
                FormKind::AiObjection
            },
            locale: locale.to_string(),
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    #[test]
    fn the_popup_survives_any_sequence_of_events(
        r in report(),
        own in prop::collection::vec(own_letter(), 0..4),
        d in details(),
        events in prop::collection::vec(event(), 0..12),
    ) {
        let r = r.bounded();
        let verdict = recognise(&r);
        let settings = Settings { details: d, letters: own, ..Settings::default() };
        let mut model = Model::loading().loaded(verdict.clone(), false, &settings, "2025-06-01", &["en-IE".into()]);
        for e in events {
            match e {
                Event::Locale(i) => {
                    let locales = model.locales();
                    model.select_locale(locales.get(i % locales.len().max(1)).copied().unwrap_or("xx"));
                }
                Event::Letter(i) => {
                    let letters = all_letters();
                    let id = letters.get(i % letters.len().max(1)).map(|l| l.id).unwrap_or("none");
                    model.select_letter(id);
                }
                Event::Own(i) => {
                    let id = model.own.get(i % model.own.len().max(1)).map(|l| l.id.clone());
                    model.select_letter(&id.unwrap_or_default());
                }
                Event::Details(d) => model.set_details(d),
                Event::Edit(t) => model.edit(&t),
                Event::Fill(confirmed) => {
                    if let Some(index) = model.request_fill(verdict.clone(), confirmed) {
                        prop_assert_eq!(model.phase, Phase::Loading);
                        prop_assert_eq!(verdict.field.as_ref().map(|f| f.index), Some(index));
                    }
                }
                Event::Written(back) => {
                    model.written(back.as_deref());
                    prop_assert!(model.notice.is_some(), "the person is told how filling went");
                    if model.phase == Phase::Filled {
                        prop_assert!(back.is_some());
                    }
                }
                Event::Undone(a, b) => model.undone(a.as_deref(), b.as_deref()),
                Event::Cancel => model.cancel(),
                Event::Copied(ok) => model.copied(ok),
            }
            if !model.edited {
                prop_assert!(!model.text.contains('\u{E000}'), "no internal marker in a letter");
            }
        }
    }
}

/// Checks one rendering of a letter body with `details`.
fn check_render(
    body: &str,
    details: &Details,
    today: &str,
    strict: bool,
) -> Result<(), TestCaseError> {
    let out = render(body, "en", details, today);
    prop_assert!(!out.contains('\u{E000}'), "no internal marker in {:?}", out);
    // The law's pieces go in first (those of where the person lives, else the letter language's).
    let law = details.law().unwrap_or_else(|| default_law("en"));
    let body = &with_law(body, "en", law);
    let uses = |p: &str| body.matches(&format!("{{{p}}}")).count();
    let most: usize = PLACEHOLDERS
        .iter()
        .map(|p| {
            uses(p)
                * if *p == "own" {
                    MAX_OWN_CHARS
                } else {
                    MAX_DETAIL_CHARS
                }
        })
        .sum();
    prop_assert!(
        out.chars().count() <= body.chars().count() + most,
        "a letter grows by at most one detail per placeholder"
    );
    let values = [
        details.name.as_str(),
        country_name("en", &details.residence),
        &details.account,
        &details.date,
        today,
    ];
    let mut cleaned: Vec<String> = values
        .iter()
        .map(|v| clean_value(v, MAX_DETAIL_CHARS))
        .collect();
    cleaned.push(clean_value(&details.own, MAX_OWN_CHARS));
    for v in &cleaned {
        prop_assert!(v.chars().count() <= MAX_OWN_CHARS);
        prop_assert!(
            !v.contains(['\n', '\r', '\u{0}']),
            "a detail stays on one line"
        );
    }
    if strict && !cleaned.iter().any(|v| v.contains(['{', '}'])) {
        for p in PLACEHOLDERS {
            prop_assert!(
                !out.contains(&format!("{{{p}}}")),
                "{{{}}} left in {:?}",
                p,
                out
            );
        }
    }
    // The core writes plain text: it adds no markup of its own, escapes nothing, interprets
    // nothing. Markup in a detail stands in the letter as the very characters typed.
    if !body.contains(['<', '&']) && !cleaned.iter().any(|v| v.contains(['<', '&'])) {
        prop_assert!(!out.contains(['<', '&']), "no markup from the core");
    }
    let name = &cleaned[0];
    if strict && !name.is_empty() && body.contains("{name}") {
        prop_assert!(
            out.contains(name.as_str()),
            "the name {:?} is in the letter as typed",
            name
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn every_letter_renders_any_details_as_text(d in details(), today in text()) {
        let letters = all_letters();
        prop_assert!(!letters.is_empty());
        for letter in letters {
            check_render(letter.body, &d, &today, true)?;
        }
    }

    #[test]
    fn a_name_with_markup_stays_text_in_every_letter(
        before in text(),
        tag in proptest::sample::select(&["<b>", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "&lt;", "&#x3c;"][..]),
        after in text(),
    ) {
        let d = Details { name: format!("{before}{tag}{after}"), ..Details::default() };
        let name = clean_value(&d.name, MAX_DETAIL_CHARS);
        for letter in all_letters().iter().filter(|l| l.body.contains("{name}")) {
            let out = render(letter.body, letter.locale, &d, "2025-06-01");
            prop_assert!(out.contains(&name), "{:?} not verbatim in {} {}", name, letter.locale, letter.id);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn any_template_renders_without_panic(body in maybe_huge(), d in details(), today in text()) {
        let strict = objection::core::template::check(&body).is_empty();
        check_render(&body, &d, &today, strict)?;
    }
}

/// Own letters as the person could have saved them (valid titles and texts).
fn saved_letters() -> impl Strategy<Value = Vec<OwnLetter>> {
    prop::collection::vec(own_letter(), 0..12).prop_map(|drafts| {
        let mut letters = Vec::new();
        for d in drafts {
            let body: String = d.body.chars().take(MAX_BODY_CHARS - 1).collect();
            let title: String = d
                .title
                .chars()
                .filter(|c| !c.is_whitespace())
                .take(80)
                .collect();
            let title = if title.is_empty() {
                "T".to_string()
            } else {
                title
            };
            let body = if body.trim().is_empty() {
                format!("x{body}")
            } else {
                body
            };
            save_letter(&mut letters, None, &title, &body, d.form, &d.locale)
                .expect("a valid letter is saved");
        }
        letters
    })
}

/// What the options page does with an import file over what is stored: check the size, parse,
/// import, and store only on success. Returns what is stored afterwards.
fn import_into_storage(storage: &Raw, text: &str) -> (Raw, Result<usize, own::ImportProblem>) {
    let (mut settings, stored) = load(Some(Ok(storage.clone())));
    let outcome = check_import_size(text.len())
        .and_then(|()| {
            serde_json::from_str::<RawExport>(text).map_err(|_| own::ImportProblem::Malformed)
        })
        .and_then(|raw| import(&settings.letters, raw));
    match outcome {
        Ok((letters, added)) => {
            settings.letters = letters;
            let written = stored.to_store(&settings).expect("saving is allowed");
            (written, Ok(added))
        }
        Err(problem) => (storage.clone(), Err(problem)),
    }
}

/// The letters' content, without the ids (an import gives new ones).
fn content(letters: &[OwnLetter]) -> Vec<(String, String, FormKind, String)> {
    letters
        .iter()
        .map(|l| (l.title.clone(), l.body.clone(), l.form, l.locale.clone()))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn export_then_import_gives_back_exactly_the_letters(letters in saved_letters()) {
        prop_assume!(!letters.is_empty());
        let text = serde_json::to_string_pretty(&export(&letters)).expect("serialises");
        prop_assert!(check_import_size(text.len()).is_ok() || text.len() > MAX_IMPORT_BYTES);
        let file: RawExport = serde_json::from_str(&text).expect("an export parses");
        let (imported, added) = import(&[], file.clone()).expect("an export imports");
        prop_assert_eq!(added, letters.len());
        prop_assert_eq!(content(&imported), content(&letters));
        // Into the letters it came from, nothing is added twice.
        let (same, added) = import(&letters, file).expect("imports");
        prop_assert_eq!(added, 0);
        prop_assert_eq!(same, letters);
    }

    #[test]
    fn a_failed_import_changes_nothing_stored(
        letters in saved_letters(),
        damage in 0usize..7,
        junk in json_value(),
    ) {
        // Storage with the person's letters and an entry that could not be read.
        let settings = Settings { letters, ..Settings::default() };
        let mut storage = Stored::default().to_store(&settings).expect("saves");
        if let Raw::Object(entries) = &mut storage {
            entries.push(("fromElsewhere".into(), Raw::List(vec![Raw::Null, Raw::Float(2.5)])));
        }
        let before = serde_json::to_string(&storage).expect("serialises");
        let mut file = serde_json::to_value(export(&settings.letters)).expect("serialises");
        match damage {
            0 => file = junk,
            1 => file["version"] = json!(2),
            2 => file["format"] = json!("something-else"),
            3 => file["letters"] = json!([{"title": "ok", "body": "ok", "form": "ai-objection"}, {"title": "", "body": "x"}]),
            4 => file["letters"] = json!([{"title": "x", "body": "y".repeat(MAX_BODY_CHARS + 1), "form": "ai-objection"}]),
            5 => file["padding"] = json!("x".repeat(MAX_IMPORT_BYTES)),
            _ => file["letters"] = json!([]),
        }
        let text = if damage == 0 { format!("{{{file}") } else { file.to_string() };
        let (after, outcome) = import_into_storage(&storage, &text);
        prop_assert!(outcome.is_err(), "a damaged file is refused");
        prop_assert_eq!(serde_json::to_string(&after).expect("serialises"), before);
        // The same file undamaged imports, and keeps what could not be read.
        let good = serde_json::to_string(&export(&settings.letters)).expect("serialises");
        let (after, outcome) = import_into_storage(&storage, &good);
        prop_assert_eq!(outcome.is_ok(), !settings.letters.is_empty(), "only an empty export is refused");
        prop_assert_eq!(after.get("fromElsewhere"), storage.get("fromElsewhere"));
    }

    #[test]
    fn an_import_larger_than_allowed_is_refused_before_reading(extra in 1usize..1_000_000) {
        prop_assert!(check_import_size(MAX_IMPORT_BYTES + extra).is_err());
        prop_assert!(check_import_size(MAX_IMPORT_BYTES).is_ok());
    }

    #[test]
    fn any_json_as_an_import_file_is_refused_or_valid(v in json_value()) {
        if let Ok(raw) = serde_json::from_value::<RawExport>(v) {
            if let Ok((letters, added)) = import(&[], raw) {
                prop_assert_eq!(letters.len(), added);
                for l in &letters {
                    prop_assert!(check_letter(&l.title, &l.body).is_ok());
                }
            }
        }
    }

    #[test]
    fn any_json_as_stored_settings_loads_and_saves_back_what_it_kept(v in json_value()) {
        let text = serde_json::to_string(&v).expect("serialises");
        let raw: Raw = serde_json::from_str(&text).expect("any JSON is a Raw");
        let (settings, stored) = load(Some(Ok(raw)));
        let _ = stored.problems();
        let ids: std::collections::BTreeSet<&str> = settings.letters.iter().map(|l| l.id.as_str()).collect();
        prop_assert_eq!(ids.len(), settings.letters.len(), "every letter has its own id");
        prop_assert!(!ids.contains(""));
        if let Ok(written) = stored.to_store(&settings) {
            let (again, stored_again) = load(Some(Ok(written.clone())));
            prop_assert_eq!(&again, &settings);
            prop_assert_eq!(&stored_again.kept, &stored.kept);
            prop_assert_eq!(stored_again.to_store(&again), Ok(written));
        }
    }

    #[test]
    fn stored_letters_of_any_content_round_trip(letters in prop::collection::vec(own_letter(), 0..8)) {
        // Ids as the core gives them; any title and text, even ones the editor would refuse.
        let mut letters = letters;
        for (i, l) in letters.iter_mut().enumerate() {
            l.id = format!("own-{}", i + 1);
        }
        let settings = Settings { letters, ..Settings::default() };
        let written = Stored::default().to_store(&settings).expect("saves");
        let text = serde_json::to_string(&written).expect("serialises");
        let (back, stored) = load(Some(Ok(serde_json::from_str(&text).expect("parses"))));
        prop_assert_eq!(back, settings);
        prop_assert!(stored.problems().is_empty());
    }
}
