//! The generated fixture corpus (tests/corpus/generate.mjs), as the reports the page shim gives
//! for its pages: every page style, language (tests/corpus/locales/*.json), field order, form
//! number and form, each in every wording variant (all title and reason wordings; the second
//! title wording with typographic punctuation), every known form number and both hosts a form is
//! served from; plus the pages that must not be claimed (other help-centre forms at unknown
//! numbers, a look-alike host) and the objection page with Meta's email-code layer after Send.
//! The generator draws one variant of each combination as a real page; this test checks them all.
//!
//! The reports follow what extension/shim.js reads on these pages. A label text is reported once,
//! under the first source that finds it, so a `<label for>` row, a `<div>` label and
//! m.facebook.com's bare text + `<br/>` all give one `before` label; the contenteditable box,
//! whose label stands outside its row, gives only `aria-labelledby`. tests/browser/corpus.test.mjs
//! runs the real shim on the generated pages and checks it reads them so (`expect.fields`).
//! Keep this model in step with the generator.

use std::collections::BTreeMap;
use std::io::Write;

use objection::core::recognise::recognise;
use objection::core::report::{FieldKind, FieldReport, FormReport, HiddenInput, Label, PageReport};
use serde::Deserialize;

const LOCALES: [&str; 28] = [
    "bg", "cs", "da", "de", "el", "en", "en-gb", "es", "et", "fi", "fr", "ga", "hr", "hu", "is",
    "it", "lt", "lv", "mt", "nb", "nl", "pl", "pt", "pt-br", "ro", "sk", "sl", "sv",
];
const EMAIL: &str = "person@example.org";
const LOOKALIKE_HOST: &str = "www.facebook.com-privacy-centre.help";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wording {
    meta_locale: String,
    html_lang: String,
    ai_objection: AiObjection,
    third_party_data: ThirdPartyData,
    optional: String,
    required: String,
    code_layer: CodeLayer,
    other_forms: Vec<OtherForm>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AiObjection {
    title: String,
    title_variants: Vec<String>,
    email: String,
    reason: String,
    reason_variants: Vec<String>,
    other: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ThirdPartyData {
    title: String,
    title_variants: Vec<String>,
    first_name: String,
    last_name: String,
    email: String,
    prompts: String,
    reason: String,
}

#[derive(Deserialize)]
struct CodeLayer {
    text: String,
}

#[derive(Deserialize)]
struct OtherForm {
    title: String,
    fields: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    DesktopFor,
    DesktopDiv,
    MobileBr,
    React,
    Contenteditable,
    Shadow,
}

const STYLES: [Style; 6] = [
    Style::DesktopFor,
    Style::DesktopDiv,
    Style::MobileBr,
    Style::React,
    Style::Contenteditable,
    Style::Shadow,
];

impl Style {
    fn name(self) -> &'static str {
        match self {
            Style::DesktopFor => "desktop-for",
            Style::DesktopDiv => "desktop-div",
            Style::MobileBr => "mobile-br",
            Style::React => "react",
            Style::Contenteditable => "contenteditable",
            Style::Shadow => "shadow",
        }
    }
}

const ORDERS: [&str; 4] = ["alone", "reason-other", "other-reason", "required"];
const FORMS: [&str; 2] = ["ai-objection", "third-party-data"];

/// The form numbers the core knows (src/rules/forms.toml), with their platform.
fn known_ids(form: &str) -> &'static [(&'static str, &'static str)] {
    if form == "ai-objection" {
        &[
            ("712876720715583", "facebook"),
            ("767264225370182", "instagram"),
            ("6359191084165019", "facebook"),
        ]
    } else {
        &[("510058597920541", "facebook")]
    }
}

/// A text box of the form (intro rows and the country select are not text boxes).
#[derive(Clone)]
struct Row {
    testid: &'static str,
    kind: FieldKind,
    label: String,
    value: &'static str,
    required: bool,
}

/// One page, before the shim reads it.
struct Page {
    name: String,
    /// The name without the style, host and wording: what the same finding has in common.
    group: String,
    style: Style,
    url: String,
    html_lang: String,
    meta_locale: String,
    /// The form's title as its heading shows it.
    title: String,
    /// The English internal title (m.facebook.com's `<form id>`).
    internal: String,
    form_id: String,
    platform: &'static str,
    rows: Vec<Row>,
    /// The email-code layer's text, when the page has that layer.
    code_layer: Option<String>,
    /// `(form, lang)` when the page must be recognised.
    expect: Option<(&'static str, String)>,
}

fn input(testid: &'static str, label: &str, value: &'static str) -> Row {
    Row {
        testid,
        kind: FieldKind::Input,
        label: label.to_string(),
        value,
        required: false,
    }
}

fn text_box(testid: &'static str, label: String, kind: FieldKind, required: bool) -> Row {
    Row {
        testid,
        kind,
        label,
        value: "",
        required,
    }
}

/// The URL of a form number on a host.
fn url(host: &str, form_id: &str) -> String {
    if host == "help.instagram.com" {
        format!("https://{host}/contact/{form_id}")
    } else {
        format!("https://{host}/help/contact/{form_id}")
    }
}

/// The hosts a form on `platform` is served from in `style`: facebook.com both as www. and as a
/// locale subdomain (`de-de.facebook.com`).
fn hosts(style: Style, platform: &str, w: &Wording) -> Vec<String> {
    if style == Style::MobileBr {
        vec!["m.facebook.com".to_string()]
    } else if platform == "instagram" {
        vec!["help.instagram.com".to_string()]
    } else {
        vec![
            "www.facebook.com".to_string(),
            format!(
                "{}.facebook.com",
                w.meta_locale.to_lowercase().replace('_', "-")
            ),
        ]
    }
}

/// The text boxes of an objection or third-party-data form, in page order.
/// With `typo`, in typographic punctuation (see [`typographic`]).
fn form_rows(
    w: &Wording,
    form: &str,
    order: &str,
    reason_label: &str,
    style: Style,
    typo: bool,
) -> Vec<Row> {
    let tp = form == "third-party-data";
    let t = |text: &str| {
        if typo {
            typographic(text)
        } else {
            text.to_string()
        }
    };
    let mut rows = Vec::new();
    if tp {
        rows.push(input("first-name", &t(&w.third_party_data.first_name), ""));
        rows.push(input("last-name", &t(&w.third_party_data.last_name), ""));
        rows.push(input("email", &t(&w.third_party_data.email), EMAIL));
    } else {
        rows.push(input("email", &t(&w.ai_objection.email), EMAIL));
    }
    let required = order == "required";
    let mark = |label: &str, marker: &str| {
        if required {
            format!("{label} {marker}")
        } else {
            label.to_string()
        }
    };
    let reason_kind = if style == Style::Contenteditable {
        FieldKind::Contenteditable
    } else {
        FieldKind::Textarea
    };
    let reason = text_box(
        "reason",
        mark(&t(reason_label), &w.required),
        reason_kind,
        required,
    );
    let other_label = if tp {
        &w.third_party_data.prompts
    } else {
        &w.ai_objection.other
    };
    let other = text_box(
        if tp { "prompts" } else { "other" },
        mark(&t(other_label), &w.optional),
        FieldKind::Textarea,
        false,
    );
    match order {
        "alone" => rows.push(reason),
        "reason-other" => rows.extend([reason, other]),
        "other-reason" => rows.extend([other, reason]),
        // The form's own order: the objection form asks for the reason first, the third-party
        // form for the prompts first.
        _ if tp => rows.extend([other, reason]),
        _ => rows.extend([reason, other]),
    }
    rows
}

/// The second title wording of a form comes with typographic punctuation all over the form:
/// curly apostrophes, and no-break spaces before ? : ; ! (the shim reads them as spaces).
fn typographic(text: &str) -> String {
    let mut out = text.replace('\'', "\u{2019}");
    for mark in ['?', ':', ';', '!'] {
        out = out.replace(&format!(" {mark}"), &format!("\u{a0}{mark}"));
    }
    out
}

/// White space as the shim leaves it: runs of it (no-break spaces too) as one space, none at
/// either end.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Adds a label as the shim does: a text is reported once, under the first source that finds it.
fn add(labels: &mut Vec<Label>, source: &str, text: &str) {
    let text = squash(text);
    if !text.is_empty() && !labels.iter().any(|l| l.text == text) {
        labels.push(Label {
            source: source.to_string(),
            text,
        });
    }
}

/// The labels the shim reads for a box of the form in `style`.
fn labels(style: Style, row: &Row) -> Vec<Label> {
    let mut out = Vec::new();
    match (style, row.kind) {
        // The editor's label stands in the block before its row: nothing before the box in the
        // row, no row text; only aria-labelledby names it.
        (_, FieldKind::Contenteditable) => add(&mut out, "aria-labelledby", &row.label),
        // `<label for>` just before the box: the text before it, the label, the row.
        (Style::DesktopFor | Style::React | Style::Shadow | Style::Contenteditable, _) => {
            add(&mut out, "before", &row.label);
            add(&mut out, "for", &row.label);
            add(&mut out, "row", &row.label);
        }
        // A `<div>` label, or bare text + <br/>: the text before the box, and its row.
        (Style::DesktopDiv | Style::MobileBr, _) => {
            add(&mut out, "before", &row.label);
            add(&mut out, "row", &row.label);
        }
    }
    out
}

/// The report the shim gives for a page, and the position of the reason box in it.
fn report(page: &Page) -> (PageReport, Option<u32>) {
    let style = page.style;
    let mobile = style == Style::MobileBr;
    let field = |row: &Row, labels: Vec<Label>, form: Option<u32>, n: usize| FieldReport {
        kind: row.kind,
        input_type: if row.kind == FieldKind::Input {
            if row.testid == "search" {
                "search"
            } else {
                "text"
            }
            .to_string()
        } else {
            String::new()
        },
        name: match (row.kind, row.testid) {
            (FieldKind::Contenteditable, _) => String::new(),
            (_, "email") => "email".to_string(),
            (_, "code") => "code".to_string(),
            (_, "search") => String::new(),
            _ => format!("Field{}", field_id(n)),
        },
        id: match (row.kind, row.testid) {
            (_, "code" | "search") => String::new(),
            _ => field_id(n),
        },
        labels,
        visible: true,
        value_length: row.value.chars().count() as u32,
        required: row.required,
        form,
        ..FieldReport::default()
    };
    // The shim reads the document first, then each open shadow root.
    let mut document = Vec::new();
    let mut shadow = Vec::new();
    if !mobile {
        let search = if page.platform == "instagram" {
            "Search Instagram"
        } else {
            "Search Facebook"
        };
        let row = input("search", search, "");
        let mut l = Vec::new();
        add(&mut l, "aria-label", search);
        add(&mut l, "placeholder", search);
        document.push((field(&row, l, None, usize::MAX), false));
    }
    for (n, row) in page.rows.iter().enumerate() {
        let f = field(row, labels(style, row), Some(0), n);
        let place = if style == Style::Shadow {
            &mut shadow
        } else {
            &mut document
        };
        place.push((f, row.testid == "reason"));
    }
    let mut forms = vec![FormReport {
        id: if mobile {
            page.internal.clone()
        } else {
            "u_0_7_Qx".to_string()
        },
    }];
    if let Some(text) = &page.code_layer {
        let row = input("code", "", "");
        let mut l = Vec::new();
        add(&mut l, "before", text);
        document.push((field(&row, l, Some(1), usize::MAX), false));
        forms.push(FormReport {
            id: "u_0_k_Cd".to_string(),
        });
    }
    let mut fields = Vec::new();
    let mut reason = None;
    for (i, (mut f, is_reason)) in document.into_iter().chain(shadow).enumerate() {
        f.index = i as u32;
        f.reference = format!("e{}", i + 1);
        if is_reason {
            reason = Some(f.index);
        }
        fields.push(f);
    }
    let hidden_state = if mobile {
        "[]".to_string()
    } else {
        let entries: Vec<String> = (0..page.rows.len())
            .map(|n| format!("\"{}\":false", field_id(n)))
            .collect();
        format!("{{{}}}", entries.join(","))
    };
    let hide = |name: &str, value: &str| HiddenInput {
        name: name.to_string(),
        value: value.to_string(),
        form: Some(0),
    };
    let mut hidden = Vec::new();
    if mobile {
        hidden.push(hide("form_id", &page.form_id));
    }
    hidden.push(hide("support_form_id", &page.form_id));
    hidden.push(hide("support_form_locale_id", &page.meta_locale));
    hidden.push(hide("support_form_hidden_fields", &hidden_state));
    let mut headings = Vec::new();
    if mobile {
        headings.push("Facebook".to_string());
    }
    headings.push(squash(&page.title));
    // The React pages' document title is the site's; only the heading names the form.
    let title = match (style, page.platform) {
        (Style::React, "instagram") => "Instagram Help Center".to_string(),
        (Style::React, _) => "Facebook".to_string(),
        _ => squash(&page.title),
    };
    let report = PageReport {
        url: page.url.clone(),
        lang: page.html_lang.clone(),
        title,
        headings,
        hidden,
        fields,
        forms,
        selected: Vec::new(),
        overlays: Vec::new(),
        loading: false,
    };
    (report, reason)
}

/// A 15-digit field id in Meta's shape.
fn field_id(n: usize) -> String {
    format!("48{:013}", n.min(9_999_999))
}

/// An unknown form number (not in src/rules/forms.toml): 15 or 16 digits.
fn unknown_id(n: usize) -> String {
    if n % 2 == 0 {
        format!("9{:014}", 31_415_926_535 + n as u64)
    } else {
        format!("1{:015}", 27_182_818_284 + n as u64)
    }
}

fn lang_of(w: &Wording) -> String {
    w.html_lang.clone()
}

/// Every page of the corpus, in every wording, form number and host variant.
fn corpus(words: &BTreeMap<&str, Wording>) -> (Vec<Page>, usize) {
    let mut pages = Vec::new();
    let mut combinations = 0;
    let en = &words["en"];
    for form in FORMS {
        let tp = form == "third-party-data";
        for style in STYLES {
            let mobile = style == Style::MobileBr;
            for locale in LOCALES {
                let w = &words[locale];
                for order in ORDERS {
                    for id in ["known", "unknown"] {
                        combinations += 1;
                        let (titles, reasons, internal) = if tp {
                            let t = &w.third_party_data;
                            (
                                [&[t.title.clone()][..], &t.title_variants].concat(),
                                vec![t.reason.clone()],
                                en.third_party_data.title.clone(),
                            )
                        } else {
                            let a = &w.ai_objection;
                            (
                                [&[a.title.clone()][..], &a.title_variants].concat(),
                                [&[a.reason.clone()][..], &a.reason_variants].concat(),
                                en.ai_objection.title.clone(),
                            )
                        };
                        let numbers: Vec<(String, &str)> = if id == "known" {
                            known_ids(form)
                                .iter()
                                .filter(|(_, p)| !mobile || *p == "facebook")
                                .map(|(i, p)| (i.to_string(), *p))
                                .collect()
                        } else if !tp && !mobile {
                            vec![
                                (unknown_id(pages.len()), "facebook"),
                                (unknown_id(pages.len() + 1), "instagram"),
                            ]
                        } else {
                            vec![(unknown_id(pages.len()), "facebook")]
                        };
                        for (form_id, platform) in &numbers {
                            for host in hosts(style, platform, w) {
                                for (t, title) in titles.iter().enumerate() {
                                    let typo = t == 1;
                                    let title = &if typo {
                                        typographic(title)
                                    } else {
                                        title.clone()
                                    };
                                    for reason in &reasons {
                                        pages.push(Page {
                                            group: format!("form/{form}/{locale}/{order}, title \u{201c}{title}\u{201d}, reason \u{201c}{reason}\u{201d}"),
                                            name: format!(
                                                "form/{form}/{}/{locale}/{order}/{id} at {host}, title \u{201c}{title}\u{201d}, reason \u{201c}{reason}\u{201d}",
                                                style.name()
                                            ),
                                            style,
                                            url: url(&host, form_id),
                                            html_lang: w.html_lang.clone(),
                                            meta_locale: w.meta_locale.clone(),
                                            title: title.clone(),
                                            internal: internal.clone(),
                                            form_id: form_id.clone(),
                                            platform,
                                            rows: form_rows(w, form, order, reason, style, typo),
                                            code_layer: None,
                                            expect: Some((form, lang_of(w))),
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    // Other help-centre forms at unknown numbers: not claimed.
    for style in STYLES {
        for locale in LOCALES {
            let w = &words[locale];
            for (i, other) in w.other_forms.iter().enumerate() {
                combinations += 1;
                let last = other.fields.len().saturating_sub(1);
                let rows: Vec<Row> = other
                    .fields
                    .iter()
                    .enumerate()
                    .map(|(n, label)| {
                        let long = label.chars().count() > 32
                            || label
                                .trim_end()
                                .ends_with(['?', '\u{ff1f}', ';', '\u{37e}'])
                            || n == last;
                        let kind = if long {
                            FieldKind::Textarea
                        } else {
                            FieldKind::Input
                        };
                        text_box("field", label.clone(), kind, false)
                    })
                    .collect();
                let platforms: &[&str] = if style == Style::MobileBr {
                    &["facebook"]
                } else {
                    &["facebook", "instagram"]
                };
                for platform in platforms {
                    for host in hosts(style, platform, w) {
                        let form_id = unknown_id(pages.len());
                        pages.push(Page {
                            group: format!(
                                "other-form/{locale}/{i} \u{201c}{}\u{201d}",
                                other.title
                            ),
                            name: format!("other-form/{}/{locale}/{i} at {host}", style.name()),
                            style,
                            url: url(&host, &form_id),
                            html_lang: w.html_lang.clone(),
                            meta_locale: w.meta_locale.clone(),
                            title: other.title.clone(),
                            internal: en.other_forms[i].title.clone(),
                            form_id,
                            platform,
                            rows: rows.clone(),
                            code_layer: None,
                            expect: None,
                        });
                    }
                }
            }
        }
    }
    // The objection form with Meta's email-code layer after Send; and on a look-alike host.
    for style in STYLES {
        for locale in LOCALES {
            let w = &words[locale];
            let a = &w.ai_objection;
            let titles = [&[a.title.clone()][..], &a.title_variants].concat();
            let reasons = [&[a.reason.clone()][..], &a.reason_variants].concat();
            for order in ORDERS {
                combinations += 2;
                for (form_id, platform) in known_ids("ai-objection") {
                    if style == Style::MobileBr && *platform != "facebook" {
                        continue;
                    }
                    for (t, title) in titles.iter().enumerate() {
                        let typo = t == 1;
                        let title = &if typo {
                            typographic(title)
                        } else {
                            title.clone()
                        };
                        for reason in &reasons {
                            for lookalike in [false, true] {
                                let host = if lookalike {
                                    LOOKALIKE_HOST.to_string()
                                } else {
                                    hosts(style, platform, w).remove(0)
                                };
                                let kind = if lookalike { "lookalike" } else { "after-send" };
                                pages.push(Page {
                                    group: format!("{kind}/{locale}/{order}, title \u{201c}{title}\u{201d}, reason \u{201c}{reason}\u{201d}"),
                                    name: format!(
                                        "{kind}/{}/{locale}/{order} at {host}, title \u{201c}{title}\u{201d}, reason \u{201c}{reason}\u{201d}",
                                        style.name()
                                    ),
                                    style,
                                    url: url(&host, form_id),
                                    html_lang: w.html_lang.clone(),
                                    meta_locale: w.meta_locale.clone(),
                                    title: title.clone(),
                                    internal: en.ai_objection.title.clone(),
                                    form_id: form_id.to_string(),
                                    platform,
                                    rows: form_rows(w, "ai-objection", order, reason, style, typo),
                                    code_layer: (!lookalike).then(|| w.code_layer.text.clone()),
                                    expect: (!lookalike).then(|| ("ai-objection", lang_of(w))),
                                });
                            }
                        }
                    }
                }
            }
        }
    }
    (pages, combinations)
}

/// What is wrong with the verdict on a page.
struct Finding {
    /// Short names of what went wrong: `not recognised`, `wrong form`, `platform`, `lang`,
    /// `wrong box`, `asks the person`, `claimed`.
    kinds: Vec<&'static str>,
    /// Said with labels, not field positions, so that it reads the same in every style.
    text: String,
    /// The core's reasons.
    why: String,
}

fn check(page: &Page) -> Option<Finding> {
    let (report, reason) = report(page);
    let got = recognise(&report);
    let label = |i: Option<u32>| match i.and_then(|i| report.fields.get(i as usize)) {
        Some(f) => match f.labels.first() {
            Some(l) => format!("the box \u{201c}{}\u{201d}", l.text),
            None => "an unlabelled box".to_string(),
        },
        None => "no box".to_string(),
    };
    let mut kinds = Vec::new();
    let mut wrong = Vec::new();
    let form = got.form.map(|f| f.as_str());
    match &page.expect {
        None => {
            if form.is_some() {
                kinds.push("claimed");
                wrong.push(format!("claimed as {form:?}"));
            }
        }
        Some(_) if form.is_none() => {
            kinds.push("not recognised");
            wrong.push("not recognised".to_string());
        }
        Some((want_form, want_lang)) => {
            if form != Some(*want_form) {
                kinds.push("wrong form");
                wrong.push(format!("form {form:?}, not {want_form}"));
            }
            let platform = got.platform.map(|p| p.as_str());
            if platform != Some(page.platform) {
                kinds.push("platform");
                wrong.push(format!("platform {platform:?}, not {}", page.platform));
            }
            if got.lang.as_deref() != Some(want_lang.as_str()) {
                kinds.push("lang");
                wrong.push(format!("lang {:?}, not {want_lang}", got.lang));
            }
            if !got.candidates.is_empty() {
                let list: Vec<String> = got
                    .candidates
                    .iter()
                    .map(|c| label(Some(c.index)))
                    .collect();
                kinds.push("asks the person");
                wrong.push(format!(
                    "asks the person to choose among {}",
                    list.join(", ")
                ));
            } else if got.field.as_ref().map(|f| f.index) != reason {
                kinds.push("wrong box");
                wrong.push(format!(
                    "chose {}, not the reason box ({})",
                    label(got.field.as_ref().map(|f| f.index)),
                    label(reason)
                ));
            }
        }
    }
    (!wrong.is_empty()).then(|| Finding {
        kinds,
        text: wrong.join("; "),
        why: got.why.join(" / "),
    })
}

/// How many findings are listed in full when the test fails.
const LISTED: usize = 150;

#[test]
fn the_generated_corpus_is_recognised() {
    check_corpus(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/locales"));
}

/// The same pages in a held-out second wording set (tests/corpus/holdout/*.json), written
/// without reading the rules and never tuned against them.
#[test]
fn the_held_out_corpus_is_recognised() {
    check_corpus(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/corpus/holdout"));
}

/// Builds every page from the wording files in `dir` and checks the verdict on each.
fn check_corpus(dir: &str) {
    let words: BTreeMap<&str, Wording> = LOCALES
        .iter()
        .map(|code| {
            let path = format!("{dir}/{code}.json");
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            let w: Wording = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
            (*code, w)
        })
        .collect();
    let (pages, combinations) = corpus(&words);
    // Per kind of page and language: pages checked, and what went wrong how often.
    let mut tally: BTreeMap<String, (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    // The same wrong verdict in several styles, hosts and form numbers is one finding: grouped,
    // with the first page that shows it and the core's reasons there.
    let mut findings: BTreeMap<String, (usize, String, String)> = BTreeMap::new();
    let mut failed = 0;
    // The verdicts, worked out on every core (the pages are many, each is quick).
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let chunk = pages.len().div_ceil(threads).max(1);
    let verdicts: Vec<Option<Finding>> = std::thread::scope(|s| {
        let handles: Vec<_> = pages
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a checking thread panicked"))
            .collect()
    });
    for (page, verdict) in pages.iter().zip(verdicts) {
        let mut parts = page.group.split([',', ' ']).next().unwrap_or("").split('/');
        let kind = parts.next().unwrap_or("");
        let what = if kind == "form" {
            let form = parts.next().unwrap_or("");
            format!("{form} {}", parts.next().unwrap_or(""))
        } else {
            format!("{kind} {}", parts.next().unwrap_or(""))
        };
        let entry = tally.entry(what).or_default();
        entry.0 += 1;
        if let Some(f) = verdict {
            failed += 1;
            for k in &f.kinds {
                *entry.1.entry(k).or_default() += 1;
            }
            let finding = findings
                .entry(format!("{}: {}", page.group, f.text))
                .or_insert((0, page.name.clone(), f.why));
            finding.0 += 1;
        }
    }
    // Straight to stderr, past the test harness's capture: the size of the corpus is always shown.
    let _ = writeln!(
        std::io::stderr(),
        "corpus {dir}: {combinations} combinations (form × style × locale × order × id, plus negatives), \
         {} page reports checked (every wording, form number and host variant), {failed} wrong",
        pages.len()
    );
    let by_language: Vec<String> = tally
        .iter()
        .filter(|(_, (_, wrong))| !wrong.is_empty())
        .map(|(what, (n, wrong))| {
            let kinds: Vec<String> = wrong.iter().map(|(k, c)| format!("{k} {c}")).collect();
            format!("  {what}: of {n}, {}", kinds.join(", "))
        })
        .collect();
    let listed: Vec<String> = findings
        .iter()
        .take(LISTED)
        .map(|(key, (n, first, why))| {
            format!("  {n}\u{d7} {key}\n      e.g. {first}\n      why: {why}")
        })
        .collect();
    assert!(
        failed == 0,
        "{failed} of {} page reports wrong.\nBy page kind and language:\n{}\n{} distinct findings{}:\n{}",
        pages.len(),
        by_language.join("\n"),
        findings.len(),
        if findings.len() > LISTED {
            format!(" (the first {LISTED})")
        } else {
            String::new()
        },
        listed.join("\n")
    );
}
