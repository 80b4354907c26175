//! A test per rule of `src/rules/forms.toml`: every host, every known form number, every title,
//! reason and avoid pattern, and the language and field rules of recognition. The data-driven
//! tests iterate the embedded rules, so a rule added to the file is covered without a new test.

use objection::core::data::{FormKind, FormRule, Platform, TitleRule, FORMS, HOSTS};
use objection::core::recognise::{parse_contact_url, recognise, Basis, Recognition};
use objection::core::report::{FieldKind, FieldReport, HiddenInput, Label, PageReport};

/// A form number that is in no `known` list.
const UNKNOWN_ID: &str = "1000000000000001";

/// A page report; every field is visible, enabled and writable, `index` is its position, and an
/// `input` has type `text`.
fn page(
    url: &str,
    lang: &str,
    title: &str,
    headings: &[&str],
    hidden: &[(&str, &str)],
    fields: &[(FieldKind, &[&str])],
) -> PageReport {
    PageReport {
        url: url.to_string(),
        lang: lang.to_string(),
        title: title.to_string(),
        headings: headings.iter().map(|h| h.to_string()).collect(),
        hidden: hidden
            .iter()
            .map(|(name, value)| HiddenInput {
                name: name.to_string(),
                value: value.to_string(),
                form: None,
            })
            .collect(),
        fields: fields
            .iter()
            .enumerate()
            .map(|(i, (kind, labels))| FieldReport {
                index: i as u32,
                kind: *kind,
                input_type: if *kind == FieldKind::Input {
                    "text"
                } else {
                    ""
                }
                .to_string(),
                labels: labels
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

/// The contact-form URL of a form number on a platform's usual host.
fn contact_url(platform: Platform, id: &str) -> String {
    match platform {
        Platform::Facebook => format!("https://www.facebook.com/help/contact/{id}"),
        Platform::Instagram => format!("https://help.instagram.com/contact/{id}"),
    }
}

/// A word a pattern matches: the pattern itself, or for a prefix pattern (`widersprech*`) the
/// stem with a plausible ending of the language (`widersprechen`).
fn word(pattern: &str, lang: &str) -> String {
    match pattern.strip_suffix('*') {
        None => pattern.to_string(),
        Some(stem) => {
            let ending = match lang {
                "de" | "nl" => "en",
                "it" => "e",
                "pl" => "u",
                "sv" => "ar",
                // Hungarian "kérése*" (request) is "keresés" (search) plus an accent.
                "hu" => "d",
                _ => "s",
            };
            format!("{stem}{ending}")
        }
    }
}

/// A page title for a rule's language: the first pattern of each group, or of each group but
/// `skip`.
fn title_from(rule: &TitleRule, skip: Option<usize>) -> String {
    let words: Vec<String> = rule
        .groups()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .filter_map(|(_, mut g)| g.next())
        .map(|first| word(first, rule.lang))
        .collect();
    format!("{} | Meta", words.join(" "))
}

fn first_known_url(rule: &FormRule) -> String {
    let k = rule
        .known
        .first()
        .unwrap_or_else(|| panic!("{} has a known form number", rule.kind.as_str()));
    contact_url(k.platform, k.id)
}

fn chosen(r: &Recognition) -> Option<u32> {
    r.field.as_ref().map(|f| f.index)
}

fn rule(kind: FormKind) -> &'static FormRule {
    FORMS
        .iter()
        .find(|r| r.kind == kind)
        .expect("the rule is in forms.toml")
}

const REASON_EN: &str = "Please tell us how this processing impacts you";

/// An AI-objection page (known form) with the given fields.
fn objection_page(fields: &[(FieldKind, &[&str])]) -> PageReport {
    page(
        &first_known_url(rule(FormKind::AiObjection)),
        "en",
        "Object to Your Information Being Used for AI at Meta",
        &[],
        &[],
        fields,
    )
}

// ---------------------------------------------------------------------------------------------
// Hosts

#[test]
fn every_host_rule_accepts_its_contact_urls_with_subdomains() {
    assert!(!HOSTS.is_empty());
    for host in HOSTS {
        for sub in ["", "www.", "m.", "web.", "de-de.", "fr-fr."] {
            let url = format!(
                "https://{sub}{}{}contact/12345",
                host.domain, host.path_prefix
            );
            let got = parse_contact_url(&url).unwrap_or_else(|| panic!("{url} is a contact URL"));
            assert_eq!(got.platform, host.platform, "{url}");
            assert_eq!(got.form_id, "12345", "{url}");
            let want_lang = match sub {
                "de-de." => Some("de".to_string()),
                "fr-fr." => Some("fr".to_string()),
                _ => None,
            };
            assert_eq!(got.subdomain_lang, want_lang, "{url}");
        }
    }
}

#[test]
fn facebook_contact_urls_are_recognised() {
    for url in [
        "https://facebook.com/help/contact/6359191084165019",
        "https://www.facebook.com/help/contact/6359191084165019",
        "https://m.facebook.com/help/contact/6359191084165019",
        "https://web.facebook.com/help/contact/6359191084165019?locale=en_GB",
        "https://de-de.facebook.com/help/contact/6359191084165019#top",
        "https://fr-fr.facebook.com/help/contact/6359191084165019/",
        "https://WWW.FACEBOOK.COM/help/contact/6359191084165019",
        "https://www.facebook.com:443/help/contact/6359191084165019",
    ] {
        let got = parse_contact_url(url).unwrap_or_else(|| panic!("{url} is a contact URL"));
        assert_eq!(got.platform, Platform::Facebook, "{url}");
        assert_eq!(got.form_id, "6359191084165019", "{url}");
    }
}

#[test]
fn instagram_contact_urls_are_recognised_on_both_hosts() {
    for url in [
        "https://help.instagram.com/contact/233964459562201",
        "https://help.instagram.com/contact/233964459562201?helpref=faq_content",
        "https://www.facebook.com/help/instagram/contact/233964459562201",
        "https://m.facebook.com/help/instagram/contact/233964459562201",
    ] {
        let got = parse_contact_url(url).unwrap_or_else(|| panic!("{url} is a contact URL"));
        assert_eq!(got.platform, Platform::Instagram, "{url}");
        assert_eq!(got.form_id, "233964459562201", "{url}");
    }
}

#[test]
fn look_alike_and_malformed_urls_are_not_contact_urls() {
    for url in [
        "https://facebook.com.example.com/help/contact/6359191084165019",
        "https://evilfacebook.com/help/contact/6359191084165019",
        "https://www.evilfacebook.com/help/contact/6359191084165019",
        "http://www.facebook.com/help/contact/6359191084165019",
        "https://www.facebook.com@example.com/help/contact/1",
        "https://user:pw@www.facebook.com/help/contact/1",
        "https://www.facebook.com:443@example.com/help/contact/1",
        "https://www.facebook.com/help/contact/abc",
        "https://www.facebook.com/help/contact/123abc",
        "https://www.facebook.com/help/contact/",
        "https://www.facebook.com/help/contactx/1",
        "https://www.facebook.com/contact/1",
        "https://www.facebook.com/help/1",
        "https://help.instagram.com/233964459562201",
        "https://help.instagram.com/help/233964459562201",
        "https://instagram.com/contact/233964459562201",
        "https://evilhelp.instagram.com.example.com/contact/1",
        "https://help.instagram.com.example.com/contact/1",
        "ftp://www.facebook.com/help/contact/1",
        "www.facebook.com/help/contact/1",
        "",
    ] {
        assert_eq!(
            parse_contact_url(url),
            None,
            "{url} must not be a contact URL"
        );
    }
}

#[test]
fn every_host_rule_rejects_look_alike_hosts() {
    for host in HOSTS {
        let path = format!("{}contact/1", host.path_prefix);
        for url in [
            format!("https://{}.example.com{path}", host.domain),
            format!("https://evil{}{path}", host.domain),
            format!("http://{}{path}", host.domain),
            format!("https://{}@example.com{path}", host.domain),
            format!("https://{}{}contactx/1", host.domain, host.path_prefix),
        ] {
            assert_eq!(
                parse_contact_url(&url),
                None,
                "{url} must not be a contact URL"
            );
        }
    }
}

#[test]
fn a_look_alike_host_with_a_known_title_is_not_recognised() {
    let r = recognise(&page(
        "https://facebook.com.example.com/help/contact/6359191084165019",
        "en",
        "Object to Your Information Being Used for AI at Meta",
        &[],
        &[("support_form_id", "6359191084165019")],
        &[(FieldKind::Textarea, &[REASON_EN])],
    ));
    assert_eq!(r.form, None, "{:?}", r.why);
    assert_eq!(r.field, None);
}

// ---------------------------------------------------------------------------------------------
// Known form numbers

#[test]
fn the_unknown_test_id_is_really_unknown() {
    assert!(FORMS
        .iter()
        .flat_map(|r| r.known)
        .all(|k| k.id != UNKNOWN_ID));
}

#[test]
fn every_known_form_id_is_recognised_by_url_alone() {
    for rule in FORMS {
        for k in rule.known {
            let url = contact_url(k.platform, k.id);
            let r = recognise(&page(&url, "", "", &[], &[], &[]));
            assert_eq!(r.form, Some(rule.kind), "{url}: {:?}", r.why);
            assert_eq!(r.basis, Some(Basis::KnownId), "{url}");
            assert_eq!(r.platform, Some(k.platform), "{url}");
            assert_eq!(r.year, Some(k.year), "{url}");
            assert_eq!(r.form_id.as_deref(), Some(k.id), "{url}");
        }
    }
}

#[test]
fn every_known_form_id_is_recognised_by_hidden_input_alone() {
    for rule in FORMS {
        for k in rule.known {
            // The URL names an unknown form (and the other platform's host): the hidden input wins.
            let other = match k.platform {
                Platform::Facebook => Platform::Instagram,
                Platform::Instagram => Platform::Facebook,
            };
            let url = contact_url(other, UNKNOWN_ID);
            let r = recognise(&page(&url, "", "", &[], &[("support_form_id", k.id)], &[]));
            assert_eq!(r.form, Some(rule.kind), "{}: {:?}", k.id, r.why);
            assert_eq!(r.basis, Some(Basis::KnownId), "{}", k.id);
            assert_eq!(r.platform, Some(k.platform), "{}", k.id);
            assert_eq!(r.year, Some(k.year), "{}", k.id);
            assert_eq!(r.form_id.as_deref(), Some(k.id), "{}", k.id);
        }
    }
}

#[test]
fn an_unknown_form_id_without_a_matching_title_is_not_recognised() {
    let r = recognise(&page(
        &contact_url(Platform::Facebook, UNKNOWN_ID),
        "en",
        "Report a hacked account",
        &["My account was hacked"],
        &[("support_form_id", UNKNOWN_ID)],
        &[(FieldKind::Textarea, &[REASON_EN])],
    ));
    assert_eq!(r.form, None, "{:?}", r.why);
    assert_eq!(r.field, None);
}

#[test]
fn a_non_numeric_hidden_form_id_is_ignored() {
    let known = rule(FormKind::AiObjection).known[0].id;
    let r = recognise(&page(
        &contact_url(Platform::Facebook, UNKNOWN_ID),
        "",
        "",
        &[],
        &[("support_form_id", &format!("{known}x"))],
        &[],
    ));
    assert_eq!(r.form, None, "{:?}", r.why);
}

// ---------------------------------------------------------------------------------------------
// Titles

#[test]
fn every_title_rule_recognises_an_unknown_form_by_its_title() {
    let mut failures = Vec::new();
    for rule in FORMS {
        for t in rule.title {
            let title = title_from(t, None);
            // In the page's language, as Meta serves it: a title may be written alike in two
            // languages (Maltese and Italian "terzi", Slovak and Czech "tretich").
            let r = recognise(&page(
                &contact_url(Platform::Facebook, UNKNOWN_ID),
                t.lang,
                &title,
                &[],
                &[],
                &[],
            ));
            if r.form != Some(rule.kind)
                || r.basis != Some(Basis::Title)
                || r.lang.as_deref() != Some(t.lang)
                || r.form_id.as_deref() != Some(UNKNOWN_ID)
            {
                failures.push(format!(
                    "{} {}: {title:?} gave form {:?}, basis {:?}, lang {:?} ({:?})",
                    rule.kind.as_str(),
                    t.lang,
                    r.form,
                    r.basis,
                    r.lang,
                    r.why
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_title_rule_needs_every_group() {
    let mut failures = Vec::new();
    for rule in FORMS {
        for t in rule.title {
            for skip in 0..t.groups().count() {
                let title = title_from(t, Some(skip));
                let r = recognise(&page(
                    &contact_url(Platform::Facebook, UNKNOWN_ID),
                    "",
                    &title,
                    &[],
                    &[],
                    &[(FieldKind::Textarea, &[])],
                ));
                if r.form.is_some() {
                    failures.push(format!(
                        "{} {} without group {skip}: {title:?} gave {:?} ({:?})",
                        rule.kind.as_str(),
                        t.lang,
                        r.form,
                        r.why
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_title_rule_matches_a_heading_when_the_title_is_just_facebook() {
    for rule in FORMS {
        for t in rule.title {
            let heading = title_from(t, None);
            let r = recognise(&page(
                &contact_url(Platform::Facebook, UNKNOWN_ID),
                "",
                "Facebook",
                &["Help Centre", &heading],
                &[],
                &[],
            ));
            assert_eq!(
                r.form,
                Some(rule.kind),
                "{} {}: heading {heading:?}: {:?}",
                rule.kind.as_str(),
                t.lang,
                r.why
            );
            assert_eq!(r.basis, Some(Basis::Title));
        }
    }
    let r = recognise(&page(
        &contact_url(Platform::Facebook, UNKNOWN_ID),
        "en",
        "Facebook",
        &["Object to Your Information Being Used for AI at Meta"],
        &[],
        &[],
    ));
    assert_eq!(r.form, Some(FormKind::AiObjection), "{:?}", r.why);
}

#[test]
fn a_title_matching_both_forms_is_the_third_party_form() {
    // The third-party form's title may also speak of objecting: the more specific rule wins.
    let r = recognise(&page(
        &contact_url(Platform::Facebook, UNKNOWN_ID),
        "en",
        "Object to third party information being used for AI at Meta",
        &[],
        &[],
        &[],
    ));
    assert_eq!(r.form, Some(FormKind::ThirdPartyData), "{:?}", r.why);
}

#[test]
fn title_words_match_whole_words_only() {
    // "ai" inside "said", "object" inside "objectively": no match.
    let r = recognise(&page(
        &contact_url(Platform::Facebook, UNKNOWN_ID),
        "en",
        "He said objectively",
        &[],
        &[],
        &[],
    ));
    assert_eq!(r.form, None, "{:?}", r.why);
}

#[test]
fn title_matching_ignores_case_and_accents() {
    let r = recognise(&page(
        &contact_url(Platform::Facebook, UNKNOWN_ID),
        "",
        "WIDERSPRUCH gegen die Nutzung deiner Informationen für KI bei Meta",
        &[],
        &[],
        &[],
    ));
    assert_eq!(r.form, Some(FormKind::AiObjection), "{:?}", r.why);
    let r = recognise(&page(
        &contact_url(Platform::Facebook, UNKNOWN_ID),
        "",
        "Künstliche Intelligenz: Einwände",
        &[],
        &[],
        &[],
    ));
    assert_eq!(r.form, Some(FormKind::AiObjection), "{:?}", r.why);
}

// ---------------------------------------------------------------------------------------------
// Reason and avoid words

#[test]
fn every_reason_pattern_wins_over_an_avoided_textarea_before_it() {
    let mut failures = Vec::new();
    let mut cases = 0;
    for rule in FORMS {
        let url = first_known_url(rule);
        for reason in rule.reason {
            let avoid = rule
                .avoid
                .iter()
                .find(|a| a.lang == reason.lang)
                .expect("avoid words in the same language");
            for r_pat in reason.patterns() {
                let reason_label = format!("{}:", word(r_pat, reason.lang));
                for a_pat in avoid.patterns() {
                    cases += 1;
                    let avoid_label = format!("{}:", word(a_pat, reason.lang));
                    // The reason field is a one-line input: it is only chosen through its label,
                    // and the avoided textarea would outrank it if the avoid rule did not hold.
                    let report = page(
                        &url,
                        reason.lang,
                        "",
                        &[],
                        &[],
                        &[
                            (FieldKind::Textarea, &[&avoid_label]),
                            (FieldKind::Input, &[&reason_label]),
                        ],
                    );
                    let r = recognise(&report);
                    let why_ok = r
                        .field
                        .as_ref()
                        .is_some_and(|f| f.why.starts_with("its label asks for the reason"));
                    if chosen(&r) != Some(1) || !why_ok {
                        failures.push(format!(
                            "{} {}: reason {reason_label:?} after avoided {avoid_label:?}: got {:?}",
                            rule.kind.as_str(),
                            reason.lang,
                            r.field
                        ));
                    }
                }
            }
        }
    }
    assert!(cases > 0);
    assert!(
        failures.is_empty(),
        "{} of {cases} cases wrong:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_reason_pattern_picks_its_textarea_among_several() {
    let mut failures = Vec::new();
    for rule in FORMS {
        let url = first_known_url(rule);
        for reason in rule.reason {
            for r_pat in reason.patterns() {
                let label = word(r_pat, reason.lang);
                // Two text boxes: without the reason label, neither would be chosen.
                let r = recognise(&page(
                    &url,
                    reason.lang,
                    "",
                    &[],
                    &[],
                    &[(FieldKind::Textarea, &[]), (FieldKind::Textarea, &[&label])],
                ));
                if chosen(&r) != Some(1) {
                    failures.push(format!(
                        "{} {}: {label:?}: got {:?} ({:?})",
                        rule.kind.as_str(),
                        reason.lang,
                        r.field,
                        r.why
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_field_labelled_only_with_an_avoid_pattern_is_never_chosen() {
    let mut failures = Vec::new();
    for rule in FORMS {
        let url = first_known_url(rule);
        for avoid in rule.avoid {
            for a_pat in avoid.patterns() {
                let label = word(a_pat, avoid.lang);
                for kind in [
                    FieldKind::Textarea,
                    FieldKind::Input,
                    FieldKind::Contenteditable,
                ] {
                    // The only text box on the form: it would be taken as such if not avoided.
                    let r = recognise(&page(&url, avoid.lang, "", &[], &[], &[(kind, &[&label])]));
                    if r.form != Some(rule.kind) || r.field.is_some() {
                        failures.push(format!(
                            "{} {}: {kind:?} labelled {label:?}: form {:?}, field {:?}",
                            rule.kind.as_str(),
                            avoid.lang,
                            r.form,
                            r.field
                        ));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn an_avoid_label_wins_over_a_reason_label_on_the_same_field() {
    let r = recognise(&objection_page(&[(
        FieldKind::Textarea,
        &[REASON_EN, "Additional information (optional)"],
    )]));
    assert_eq!(r.field, None, "{:?}", r.why);
}

#[test]
fn a_single_unlabelled_textarea_is_taken_but_several_are_not() {
    let r = recognise(&objection_page(&[(FieldKind::Textarea, &[])]));
    assert_eq!(chosen(&r), Some(0), "{:?}", r.why);
    let r = recognise(&objection_page(&[
        (FieldKind::Textarea, &[]),
        (FieldKind::Contenteditable, &[]),
    ]));
    assert_eq!(chosen(&r), None, "{:?}", r.why);
    let r = recognise(&objection_page(&[(FieldKind::Input, &[])]));
    assert_eq!(
        chosen(&r),
        None,
        "an unlabelled one-line input is not the reason box"
    );
}

// ---------------------------------------------------------------------------------------------
// Language

#[test]
fn hidden_locale_wins_over_html_lang_and_subdomain() {
    let id = rule(FormKind::AiObjection).known[0].id;
    let r = recognise(&page(
        &format!("https://de-de.facebook.com/help/contact/{id}"),
        "it",
        "",
        &[],
        &[("support_form_locale_id", "fr_FR")],
        &[],
    ));
    assert_eq!(r.lang.as_deref(), Some("fr"), "{:?}", r.why);
    assert_eq!(r.locale.as_deref(), Some("fr"));
}

#[test]
fn html_lang_wins_over_subdomain() {
    let id = rule(FormKind::AiObjection).known[0].id;
    let r = recognise(&page(
        &format!("https://de-de.facebook.com/help/contact/{id}"),
        "it",
        "",
        &[],
        &[],
        &[],
    ));
    assert_eq!(r.lang.as_deref(), Some("it"), "{:?}", r.why);
}

#[test]
fn subdomain_gives_the_language_when_nothing_else_does() {
    let id = rule(FormKind::AiObjection).known[0].id;
    let r = recognise(&page(
        &format!("https://de-de.facebook.com/help/contact/{id}"),
        "",
        "",
        &[],
        &[],
        &[],
    ));
    assert_eq!(r.lang.as_deref(), Some("de"), "{:?}", r.why);
}

#[test]
fn english_in_britain_keeps_its_region() {
    let id = rule(FormKind::AiObjection).known[0].id;
    let r = recognise(&page(
        &contact_url(Platform::Facebook, id),
        "en",
        "",
        &[],
        &[("support_form_locale_id", "en_GB")],
        &[],
    ));
    assert_eq!(r.lang.as_deref(), Some("en"), "{:?}", r.why);
    assert_eq!(r.locale.as_deref(), Some("en-gb"));
}

#[test]
fn brazilian_portuguese_keeps_its_region() {
    let id = rule(FormKind::AiObjection).known[0].id;
    let r = recognise(&page(
        &contact_url(Platform::Facebook, id),
        "",
        "",
        &[],
        &[("support_form_locale_id", "pt_BR")],
        &[],
    ));
    assert_eq!(r.lang.as_deref(), Some("pt"), "{:?}", r.why);
    assert_eq!(r.locale.as_deref(), Some("pt-br"));
}

#[test]
fn other_regions_are_dropped_from_the_locale() {
    let id = rule(FormKind::AiObjection).known[0].id;
    let r = recognise(&page(
        &contact_url(Platform::Facebook, id),
        "de-AT",
        "",
        &[],
        &[],
        &[],
    ));
    assert_eq!(r.locale.as_deref(), Some("de"), "{:?}", r.why);
    assert_eq!(r.lang.as_deref(), Some("de"));
}

// ---------------------------------------------------------------------------------------------
// Fields that can never take the reason

#[test]
fn invisible_disabled_and_read_only_fields_are_never_chosen() {
    type Spoil = fn(&mut FieldReport);
    let spoilers: [(&str, Spoil); 3] = [
        ("invisible", |f| f.visible = false),
        ("disabled", |f| f.disabled = true),
        ("read-only", |f| f.read_only = true),
    ];
    for (what, spoil) in spoilers {
        // Alone: nothing is chosen.
        let mut report = objection_page(&[(FieldKind::Textarea, &[REASON_EN])]);
        spoil(&mut report.fields[0]);
        let r = recognise(&report);
        assert_eq!(r.field, None, "{what}: {:?}", r.why);
        // Before a usable unlabelled textarea: that one is chosen instead.
        let mut report = objection_page(&[
            (FieldKind::Textarea, &[REASON_EN]),
            (FieldKind::Textarea, &[]),
        ]);
        spoil(&mut report.fields[0]);
        let r = recognise(&report);
        assert_eq!(chosen(&r), Some(1), "{what}: {:?}", r.why);
    }
}

#[test]
fn email_search_and_password_inputs_are_never_chosen() {
    for input_type in ["email", "search", "password", "EMAIL"] {
        let mut report = objection_page(&[(FieldKind::Input, &[REASON_EN])]);
        report.fields[0].input_type = input_type.to_string();
        let r = recognise(&report);
        assert_eq!(r.field, None, "type {input_type}: {:?}", r.why);

        let mut report = objection_page(&[
            (FieldKind::Input, &[REASON_EN]),
            (FieldKind::Input, &[REASON_EN]),
        ]);
        report.fields[0].input_type = input_type.to_string();
        let r = recognise(&report);
        assert_eq!(chosen(&r), Some(1), "type {input_type}: {:?}", r.why);
    }
}

#[test]
fn a_text_input_with_a_reason_label_is_chosen() {
    for input_type in ["", "text", "TEXT"] {
        let mut report = objection_page(&[(FieldKind::Input, &[REASON_EN])]);
        report.fields[0].input_type = input_type.to_string();
        let r = recognise(&report);
        assert_eq!(chosen(&r), Some(0), "type {input_type:?}: {:?}", r.why);
    }
}

#[test]
fn a_backslash_or_odd_character_in_the_host_is_not_metas_host() {
    for url in [
        "https://evil.com\\.facebook.com/help/contact/712876720715583",
        "https://evil.com\\@www.facebook.com/help/contact/712876720715583",
        "https://www.face book.com/help/contact/712876720715583",
        "https:///help/contact/712876720715583",
    ] {
        assert_eq!(
            objection::core::recognise::parse_contact_url(url),
            None,
            "{url}"
        );
    }
}
