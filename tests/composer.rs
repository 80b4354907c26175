//! The website's composer: form addresses per platform, the starting language, and the letter as
//! the person changes platform, language, reason, details and text.

use objection::core::composer::{form_url, initial_locale, locale_for, Composer, Start, Target};
use objection::core::data::{FormKind, Platform};
use objection::core::letters::{self, find_letter, render, Details};
use objection::core::recognise::parse_contact_url;

fn start(preferred: &[&str]) -> Start {
    Start {
        preferred: preferred.iter().map(|s| s.to_string()).collect(),
        today: "2026-05-20".to_string(),
        ..Start::default()
    }
}

fn body(locale: &str, id: &str) -> &'static str {
    find_letter(locale, id).expect("letter exists").body
}

#[test]
fn each_platform_leads_to_the_newest_known_form() {
    assert_eq!(
        Target::Facebook.form_url().as_deref(),
        Some("https://www.facebook.com/help/contact/712876720715583")
    );
    assert_eq!(
        Target::Instagram.form_url().as_deref(),
        Some("https://help.instagram.com/contact/767264225370182")
    );
    assert_eq!(
        Target::ThirdPartyData.form_url().as_deref(),
        Some("https://www.facebook.com/help/contact/510058597920541")
    );
    // There is no third-party-data form on Instagram's help centre.
    assert_eq!(
        form_url(FormKind::ThirdPartyData, Platform::Instagram),
        None
    );
}

#[test]
fn the_form_addresses_are_the_forms_the_extension_recognises() {
    for target in Target::ALL {
        let url = target.form_url().expect("a form for every choice");
        let parsed = parse_contact_url(&url).expect("a help-centre contact address");
        assert_eq!(parsed.platform, target.platform(), "{url}");
    }
}

#[test]
fn platform_names_round_trip_and_unknown_ones_are_refused() {
    for target in Target::ALL {
        assert_eq!(Target::parse(target.as_str()), Some(target));
    }
    assert_eq!(Target::parse(" Instagram "), Some(Target::Instagram));
    assert_eq!(Target::parse("whatsapp"), None);
    assert_eq!(Target::parse(""), None);
    assert_eq!(Target::ThirdPartyData.form(), FormKind::ThirdPartyData);
    assert_eq!(Target::Instagram.form(), FormKind::AiObjection);
}

#[test]
fn language_tags_map_to_our_locales() {
    assert_eq!(locale_for("de-AT"), Some("de"));
    assert_eq!(locale_for("de_DE"), Some("de"));
    assert_eq!(locale_for("pt-BR"), Some("pt-br"));
    assert_eq!(locale_for("pt-PT"), Some("pt"));
    assert_eq!(locale_for("en-GB"), Some("en-gb"));
    assert_eq!(locale_for("en-US"), Some("en"));
    assert_eq!(locale_for("nn-NO"), Some("nb"));
    assert_eq!(locale_for("no"), Some("nb"));
    assert_eq!(locale_for("ga-IE"), Some("ga"));
    assert_eq!(locale_for("tr-TR"), None);
    assert_eq!(locale_for(""), None);
}

#[test]
fn the_first_preferred_language_we_have_wins_else_english() {
    assert_eq!(initial_locale(&["fr-FR".into(), "en".into()]), "fr");
    assert_eq!(
        initial_locale(&["tr".into(), "ja".into(), "sv-SE".into()]),
        "sv"
    );
    assert_eq!(initial_locale(&["tr".into()]), "en");
    assert_eq!(initial_locale(&[]), "en");
}

#[test]
fn a_new_composer_shows_the_first_reason_for_facebook_in_the_browser_language() {
    let c = Composer::new(&start(&["de-DE", "de", "en"]));
    assert_eq!(c.target, Target::Facebook);
    assert_eq!(c.locale, "de");
    let first = letters::letters_for(FormKind::AiObjection, "de")[0];
    assert_eq!(c.letter, first.id);
    // The browser's region (de-DE) preselects where the person lives, and so the law.
    assert_eq!(c.details.residence, "DE");
    let in_germany = Details {
        residence: "DE".into(),
        ..Details::default()
    };
    assert_eq!(
        c.text,
        render(first.body, first.locale, &in_germany, "2026-05-20")
    );
    // A browser whose language names no region leaves the choice to the person.
    assert!(Composer::new(&start(&["de", "en"])).needs_residence());
    assert!(!c.edited);
    assert_eq!(c.locales().len(), 28);
    assert_eq!(c.choices().len(), 6, "six reasons for the objection form");
}

#[test]
fn the_address_may_preselect_platform_language_and_reason() {
    let c = Composer::new(&Start {
        platform: Some("instagram".into()),
        lang: Some("it".into()),
        reason: Some("family".into()),
        ..start(&["de"])
    });
    assert_eq!(
        (c.target, c.locale, c.letter.as_str()),
        (Target::Instagram, "it", "family")
    );
    assert_eq!(
        c.text,
        render(body("it", "family"), "it", &Details::default(), "")
    );
    // Nonsense in the address is ignored, not an error.
    let c = Composer::new(&Start {
        platform: Some("<script>".into()),
        lang: Some("xx".into()),
        reason: Some("../etc".into()),
        ..start(&["nl"])
    });
    assert_eq!((c.target, c.locale), (Target::Facebook, "nl"));
    assert_eq!(
        c.letter,
        letters::letters_for(FormKind::AiObjection, "nl")[0].id
    );
    // A reason of the other form does not fit the chosen platform.
    let c = Composer::new(&Start {
        reason: Some("third-party".into()),
        ..start(&["en"])
    });
    assert_ne!(c.letter, "third-party");
}

#[test]
fn switching_language_keeps_the_reason_and_changes_the_text() {
    let mut c = Composer::new(&start(&["en"]));
    c.select_letter("creator");
    c.select_locale("de");
    assert_eq!((c.locale, c.letter.as_str()), ("de", "creator"));
    let de = c.text.clone();
    c.select_locale("fr");
    assert_eq!((c.locale, c.letter.as_str()), ("fr", "creator"));
    assert_ne!(c.text, de);
    assert_eq!(
        c.text,
        render(body("fr", "creator"), "fr", &Details::default(), "")
    );
    c.select_locale("klingon");
    assert_eq!(c.locale, "fr", "an unknown language changes nothing");
}

#[test]
fn the_third_party_data_form_gets_its_own_letter_and_back() {
    let mut c = Composer::new(&start(&["pl"]));
    c.select_letter("sensitive");
    c.select_target(Target::ThirdPartyData);
    assert_eq!(c.locale, "pl");
    assert_eq!(c.letter, "third-party");
    assert_eq!(c.choices().len(), 1);
    assert_eq!(
        c.locales().len(),
        28,
        "the third-party letter in every language"
    );
    assert_eq!(
        c.text,
        render(body("pl", "third-party"), "pl", &Details::default(), "")
    );
    c.select_target(Target::Instagram);
    assert_eq!(
        c.letter,
        letters::letters_for(FormKind::AiObjection, "pl")[0].id
    );
    c.select_letter("professional");
    c.select_target(Target::Facebook);
    assert_eq!(c.letter, "professional", "same form, same reason");
}

#[test]
fn unknown_reasons_change_nothing() {
    let mut c = Composer::new(&start(&["en"]));
    let before = c.clone();
    c.select_letter("nope");
    c.select_letter("third-party"); // not a reason of the objection form
    assert_eq!(c, before);
}

#[test]
fn details_go_into_the_letter_until_the_person_edits_it() {
    let mut c = Composer::new(&start(&["en"]));
    c.set_detail("name", "Ana <b>Silva</b>");
    c.set_detail("residence", "PT");
    c.set_detail("account", "ana");
    assert!(c.text.contains("Ana <b>Silva</b>"), "{}", c.text);
    assert!(c.text.contains("Portugal"));
    let details = Details {
        name: "Ana <b>Silva</b>".into(),
        residence: "PT".into(),
        account: "ana".into(),
        ..Details::default()
    };
    assert_eq!(c.text, render(body("en", &c.letter), "en", &details, ""));
    // Details survive a change of language.
    c.select_locale("es");
    assert!(c.text.contains("Ana <b>Silva</b>"));

    c.edit("My own words.");
    assert!(c.edited);
    c.set_detail("account", "ana.silva");
    assert_eq!(c.text, "My own words.", "typed text is not written over");
    assert_eq!(c.details.account, "ana.silva");
    // Choosing a reason again starts afresh, with every detail.
    c.select_letter("short");
    assert!(!c.edited);
    assert!(c.text.contains("ana.silva"));
}

#[test]
fn an_edit_to_the_same_text_is_no_edit() {
    let mut c = Composer::new(&start(&["en"]));
    let text = c.text.clone();
    c.edit(&text);
    assert!(!c.edited);
}
