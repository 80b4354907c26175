//! The interface in every language: each `_locales/<locale>/messages.json` has every message of
//! the English one, with the same substitutions, and within the stores' limits.

use std::collections::BTreeMap;

use serde_json::Value;

const LOCALES: [&str; 28] = [
    "bg", "cs", "da", "de", "el", "en", "en_GB", "es", "et", "fi", "fr", "ga", "hr", "hu", "is",
    "it", "lt", "lv", "mt", "nb", "nl", "pl", "pt_BR", "pt_PT", "ro", "sk", "sl", "sv",
];

fn messages(locale: &str) -> BTreeMap<String, String> {
    let path = format!(
        "{}/extension/_locales/{locale}/messages.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let object = json
        .as_object()
        .unwrap_or_else(|| panic!("{path}: not an object"));
    object
        .iter()
        .map(|(k, v)| {
            let message = v["message"]
                .as_str()
                .unwrap_or_else(|| panic!("{path}: {k} has no message"));
            (k.clone(), message.to_string())
        })
        .collect()
}

/// The `$1`, `$2`… in a message, sorted (translations may reorder them).
fn substitutions(message: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let bytes = message.as_bytes();
    for i in 0..bytes.len() {
        if bytes[i] == b'$' {
            let digits: String = message[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            found.push(format!("${digits}"));
        }
    }
    found.sort();
    found
}

use objection::core::plural::plural_base;

#[test]
fn every_locale_has_every_message_with_the_same_substitutions() {
    let english = messages("en");
    let mut problems = Vec::new();
    for locale in LOCALES {
        let m = messages(locale);
        // Plural forms differ by language (tests/browser/plurals.test.mjs checks them by CLDR).
        for key in english.keys().filter(|k| plural_base(k).is_none()) {
            match m.get(key) {
                None => problems.push(format!("{locale}: missing {key}")),
                Some(text) if text.trim().is_empty() => {
                    problems.push(format!("{locale}: {key} is empty"))
                }
                Some(text) if substitutions(text) != substitutions(&english[key]) => {
                    problems.push(format!(
                        "{locale}: {key} has {:?}, English {:?}",
                        substitutions(text),
                        substitutions(&english[key])
                    ))
                }
                Some(_) => {}
            }
        }
        for key in m.keys().filter(|k| !english.contains_key(*k)) {
            // A plural form (`charCount_few`) has the substitutions of its message.
            match plural_base(key).and_then(|base| english.get(base)) {
                None => problems.push(format!("{locale}: {key} is not an English message")),
                Some(base) if substitutions(&m[key]) != substitutions(base) => problems.push(
                    format!("{locale}: {key} has other substitutions than its message"),
                ),
                Some(_) => {}
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_locale_fits_the_stores_limits_and_keeps_literal_placeholders() {
    let mut problems = Vec::new();
    for locale in LOCALES {
        let m = messages(locale);
        let len = |k: &str| m.get(k).map_or(0, |v| v.chars().count());
        if len("extName") > 75 {
            problems.push(format!("{locale}: extName longer than 75"));
        }
        if len("extDescription") > 132 {
            problems.push(format!(
                "{locale}: extDescription longer than 132 ({})",
                len("extDescription")
            ));
        }
        if len("extShortName") > 12 {
            problems.push(format!("{locale}: extShortName longer than 12"));
        }
        let hint = m.get("letterBodyHint").cloned().unwrap_or_default();
        for token in ["{name}", "{country}", "{account}", "{date}"] {
            if !hint.contains(token) {
                problems.push(format!("{locale}: letterBodyHint lacks {token}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The interface's messages are embedded in the core (`core::ui`): the browser's language picks
/// the locale as the browser's own i18n would, with English behind every gap.
#[test]
fn the_browser_language_picks_the_interface_locale() {
    use objection::core::ui::ui_locale;
    for (lang, want) in [
        ("de", "de"),
        ("de-AT", "de"),
        ("en-US", "en"),
        ("en-GB", "en_GB"),
        ("pt-BR", "pt_BR"),
        ("pt-PT", "pt_PT"),
        ("pt", "pt_PT"),
        ("nb-NO", "nb"),
        ("no", "nb"),
        ("ga-IE", "ga"),
        ("zh-CN", "en"),
        ("", "en"),
        ("../../etc", "en"),
    ] {
        assert_eq!(ui_locale(lang), want, "{lang}");
    }
    let all: Vec<&str> = objection::core::ui::ui_locales().collect();
    assert_eq!(all, LOCALES.to_vec());
}

#[test]
fn embedded_messages_are_the_locale_files_with_substitutions_as_the_browser_makes_them() {
    use objection::core::ui::{message, Msg};
    // Only the browser (the manifest) or app.js (when the WebAssembly cannot start) shows these;
    // the WebAssembly does not carry them.
    let browser_only = ["extDescription", "extShortName", "startFailed"];
    let embedded: Vec<&str> = Msg::ALL.iter().map(|m| m.key()).collect();
    for (key, _) in messages("en") {
        if plural_base(&key).is_some() {
            continue;
        }
        assert_eq!(
            embedded.contains(&key.as_str()),
            !browser_only.contains(&key.as_str()),
            "en {key}: embedded only if not the browser's own"
        );
    }
    for locale in LOCALES {
        let files = messages(locale);
        for msg in Msg::ALL {
            let text = &files[msg.key()];
            if !text.contains('$') {
                assert_eq!(&message(locale, msg, &[]), text, "{locale} {}", msg.key());
            }
        }
    }
    let en = messages("en");
    let too_long = &en["noticeTooLong"];
    let shown = message("en", Msg::NoticeTooLong, &["6001".into(), "5000".into()]);
    assert_eq!(shown, too_long.replace("$1", "6001").replace("$2", "5000"));
    assert!(!shown.contains('$'));
}

/// A message about a number takes the form for its plural category, from the locale's own file;
/// a category the locale has no form for takes the message itself.
#[test]
fn counted_messages_take_the_form_of_their_plural_category() {
    use objection::core::ui::{counted, message, Msg, Plural};
    let one = |locale: &str, n: &str| counted(locale, Msg::CharCount, Plural::One, &[n.into()]);
    assert_eq!(one("en", "1"), "1 character");
    assert_eq!(
        counted("en", Msg::CharCount, Plural::Other, &["2".into()]),
        "2 characters"
    );
    // English has no "few": the message itself.
    assert_eq!(
        counted("en", Msg::CharCount, Plural::Few, &["3".into()]),
        "3 characters"
    );
    assert_eq!(message("en", Msg::CharCount, &["7".into()]), "7 characters");
    let categories = [
        ("zero", Plural::Zero),
        ("one", Plural::One),
        ("two", Plural::Two),
        ("few", Plural::Few),
        ("many", Plural::Many),
    ];
    for locale in LOCALES {
        let files = messages(locale);
        for msg in Msg::ALL {
            for (name, plural) in categories {
                let Some(form) = files.get(&format!("{}_{name}", msg.key())) else {
                    continue;
                };
                let subs = ["12".to_string(), "34".to_string()];
                let want = form.replace("$1", "12").replace("$2", "34");
                assert_eq!(
                    counted(locale, msg, plural, &subs),
                    want,
                    "{locale} {}_{name}",
                    msg.key()
                );
            }
        }
    }
    assert_eq!(Plural::from_cldr("few"), Plural::Few);
    assert_eq!(Plural::from_cldr("anything"), Plural::Other);
}
