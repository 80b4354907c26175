//! The person's stored data: versions, migration, and damaged storage read entry by entry.
//! Fixtures in `tests/storage/*.json` are what a browser's storage could hold.
//!
//! The rules: keep whatever can be read, tell the person what could not, write back what could
//! not be read exactly as it was, never write over data of a newer version, and replace
//! something unreadable only after the person chose to discard it.

use objection::core::data::FormKind;
use objection::core::letters::Details;
use objection::core::own::{delete_letter, save_letter};
use objection::core::raw::{Raw, MAX_DEPTH};
use objection::core::settings::{
    load, Loaded, SaveRefused, Settings, StorageProblem, Stored, SETTINGS_VERSION,
};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/storage/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn parse(json: &str) -> Raw {
    serde_json::from_str(json).expect("the fixture is JSON")
}

fn load_json(json: &str) -> (Settings, Stored) {
    load(Some(Ok(parse(json))))
}

/// Saves through JSON text, as the browser's storage would, and reads it back.
fn save_and_reload(settings: &Settings, stored: &Stored) -> (Raw, Settings, Stored) {
    let written = stored.to_store(settings).expect("saving is allowed");
    let text = serde_json::to_string(&written).expect("serialises");
    let (s, st) = load_json(&text);
    (parse(&text), s, st)
}

fn json(raw: &Raw) -> String {
    serde_json::to_string(raw).expect("serialises")
}

#[test]
fn nothing_stored_is_a_fresh_start_that_may_be_saved() {
    let (s, stored) = load(None);
    assert_eq!(s, Settings::default());
    assert_eq!(stored.loaded, Loaded::Fresh);
    assert!(stored.problems().is_empty());
    assert!(stored.to_store(&s).is_ok());
}

#[test]
fn version_1_settings_migrate_without_losing_anything() {
    let (s, stored) = load_json(&fixture("v1.json"));
    assert_eq!(stored.loaded, Loaded::Migrated { from: 1 });
    assert!(stored.may_save());
    assert!(stored.problems().is_empty());
    assert_eq!(s.version, SETTINGS_VERSION);
    assert_eq!(s.remembered_locale(Some("de")), Some("en"));
    assert_eq!(
        s.details,
        Details {
            name: "Ann".into(),
            country: "Malta".into(),
            // Version 3: the free-text country became where the person lives.
            residence: "MT".into(),
            ..Details::default()
        }
    );
    assert!(s.letters.is_empty());
    let (_, again, stored) = save_and_reload(&s, &stored);
    assert_eq!((again, stored.loaded), (s, Loaded::Current));
}

#[test]
fn current_settings_round_trip_through_storage() {
    let mut s = Settings::default();
    save_letter(
        &mut s.letters,
        None,
        "Mine",
        "I object.",
        FormKind::AiObjection,
        "en",
    )
    .expect("valid");
    s.details.account = "ann@example.com".into();
    s.details.date = "2025-06-01".into();
    s.remember_locale(Some("pl"), "en");
    s.remember_locale(None, "de");
    let (_, back, stored) = save_and_reload(&s, &Stored::default());
    assert_eq!((back, stored.loaded), (s, Loaded::Current));
    assert!(stored.problems().is_empty());
}

#[test]
fn newer_settings_are_read_as_far_as_understood_and_never_written() {
    let (s, mut stored) = load_json(&fixture("newer.json"));
    assert_eq!(stored.loaded, Loaded::Newer { version: 7 });
    assert!(!stored.may_save());
    assert_eq!(
        s.letters.len(),
        1,
        "the letter this version understands is shown"
    );
    assert_eq!(s.letters[0].title, "Kept");
    assert_eq!(s.remembered_locale(Some("de")), Some("en"));
    assert_eq!(
        stored.problems(),
        vec![
            StorageProblem::Newer { version: 7 },
            StorageProblem::Letters { count: 1 },
            StorageProblem::Languages { count: 1 },
        ]
    );
    assert_eq!(stored.to_store(&s), Err(SaveRefused::NotOurs));
    // Data of a newer version is not ours to discard.
    assert!(!stored.can_discard());
    stored.discard();
    assert_eq!(stored.to_store(&s), Err(SaveRefused::NotOurs));
}

#[test]
fn a_version_that_is_no_version_is_read_but_not_written_until_discarded() {
    let (s, mut stored) = load_json(&fixture("bad-version.json"));
    assert_eq!(stored.loaded, Loaded::Unreadable);
    assert_eq!(s.letters.len(), 1, "what can be read is kept");
    assert_eq!(s.details.name, "Ann");
    assert_eq!(stored.problems(), vec![StorageProblem::Unreadable]);
    assert_eq!(stored.to_store(&s), Err(SaveRefused::NotOurs));
    assert!(stored.can_discard());
    stored.discard();
    let (_, back, stored) = save_and_reload(&s, &stored);
    assert_eq!((back, stored.loaded), (s, Loaded::Current));
}

#[test]
fn storage_that_is_not_settings_is_kept_whole_until_discarded() {
    for text in [
        fixture("not-an-object.json"),
        "\"oops\"".into(),
        "42".into(),
    ] {
        let (s, mut stored) = load_json(&text);
        assert_eq!(s, Settings::default());
        assert_eq!(stored.loaded, Loaded::Unreadable);
        assert_eq!(stored.kept.whole, Some(parse(&text)));
        assert_eq!(stored.to_store(&s), Err(SaveRefused::NotOurs));
        stored.discard();
        assert!(
            stored.to_store(&s).is_ok(),
            "after discarding, saving starts afresh"
        );
    }
    let (_, stored) = load(Some(Err(())));
    assert_eq!(stored.loaded, Loaded::Unreadable);
    assert_eq!(stored.problems(), vec![StorageProblem::Unreadable]);
    assert_eq!(
        stored.to_store(&Settings::default()),
        Err(SaveRefused::NotOurs)
    );
}

#[test]
fn damaged_entries_are_kept_aside_and_the_rest_is_read() {
    let (s, stored) = load_json(&fixture("corrupt-entries.json"));
    // (Written by version 2: read and brought up to date.)
    assert_eq!(stored.loaded, Loaded::Migrated { from: 2 });
    let titles: Vec<&str> = s.letters.iter().map(|l| l.title.as_str()).collect();
    assert_eq!(titles, ["Readable", "Also readable"]);
    assert_eq!(s.remembered_locale(Some("de")), Some("en"));
    assert_eq!(s.remembered_locale(Some("pl")), Some("pl"));
    assert_eq!(s.remembered_locale(Some("fr")), None);
    assert_eq!(s.details.name, "Ann");
    assert_eq!(s.details.account, "ann@example.com");
    assert_eq!(
        s.details.country, "",
        "a country that is a list is not read"
    );
    assert_eq!(
        stored.problems(),
        vec![
            StorageProblem::Letters { count: 4 },
            StorageProblem::Languages { count: 1 },
            StorageProblem::Details { count: 2 },
        ]
    );
    assert!(stored.may_save(), "saving keeps what could not be read");
    assert!(stored.can_discard());
}

/// The unreadable entries of `corrupt-entries.json`, as they stand in the file.
fn unreadable_entries(original: &Raw) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Raw::List(letters)) = original.get("letters") {
        for (i, l) in letters.iter().enumerate() {
            if ![0, 4].contains(&i) {
                out.push(json(l));
            }
        }
    }
    for (part, key) in [
        ("localeByLang", "fr"),
        ("details", "country"),
        ("details", "shoeSize"),
    ] {
        let v = original
            .get(part)
            .and_then(|p| p.get(key))
            .expect("in the fixture");
        out.push(format!("{key}:{}", json(v)));
    }
    out.push(format!(
        "theme:{}",
        json(original.get("theme").expect("in the fixture"))
    ));
    out
}

fn entries_in(written: &Raw) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Raw::List(letters)) = written.get("letters") {
        out.extend(letters.iter().map(json));
    }
    for part in ["localeByLang", "details"] {
        if let Some(Raw::Object(entries)) = written.get(part) {
            out.extend(entries.iter().map(|(k, v)| format!("{k}:{}", json(v))));
        }
    }
    if let Some(theme) = written.get("theme") {
        out.push(format!("theme:{}", json(theme)));
    }
    out
}

#[test]
fn after_edits_the_unreadable_entries_are_still_stored_exactly() {
    let text = fixture("corrupt-entries.json");
    let original = parse(&text);
    let (mut s, stored) = load_json(&text);
    // The person adds a letter, deletes one, edits another, changes details and a language.
    save_letter(
        &mut s.letters,
        None,
        "New",
        "Mine.",
        FormKind::AiObjection,
        "en",
    )
    .expect("ok");
    delete_letter(&mut s.letters, "own-1").expect("there");
    save_letter(
        &mut s.letters,
        Some("own-4"),
        "Edited",
        "Bitte.",
        FormKind::ThirdPartyData,
        "de",
    )
    .expect("ok");
    s.details.account = "ann@example.org".into();
    s.remember_locale(Some("it"), "en");
    let (written, back, stored_back) = save_and_reload(&s, &stored);
    let now = entries_in(&written);
    for entry in unreadable_entries(&original) {
        assert!(now.contains(&entry), "{entry} is stored as it was: {now:?}");
    }
    assert_eq!(back, s, "what was read and edited reads back the same");
    assert_eq!(
        stored_back.kept, stored.kept,
        "what was kept aside stays aside"
    );
    // And once more: saving what was read back changes nothing.
    assert_eq!(stored_back.to_store(&back), Ok(written));
}

#[test]
fn saving_never_replaces_an_unreadable_entry_of_the_same_name() {
    let (s, stored) = load_json(&fixture("corrupt-entries.json"));
    let mut named = s.clone();
    named.details.country = "Malta".into();
    // (A country we know becomes where the person lives when read back.)
    named.details.residence = "MT".into();
    assert_eq!(stored.to_store(&named), Err(SaveRefused::WouldReplaceKept));
    let mut chosen = s.clone();
    chosen.remember_locale(Some("fr"), "en");
    assert_eq!(stored.to_store(&chosen), Err(SaveRefused::WouldReplaceKept));
    // After the person discards what could not be read, both save, and nothing of it is left.
    let mut stored = stored;
    stored.discard();
    let mut both = named;
    both.remember_locale(Some("fr"), "en");
    let (written, back, after) = save_and_reload(&both, &stored);
    assert_eq!(back, both);
    assert!(after.problems().is_empty());
    assert!(written.get("theme").is_none());
}

#[test]
fn a_part_of_the_wrong_shape_is_kept_whole() {
    let (mut s, stored) = load_json(&fixture("partial.json"));
    assert_eq!(stored.loaded, Loaded::Migrated { from: 2 });
    assert_eq!(s, Settings::default());
    assert_eq!(
        stored.problems(),
        vec![
            StorageProblem::Letters { count: 1 },
            StorageProblem::Details { count: 1 },
        ]
    );
    // Choosing a language is saved beside the kept parts.
    s.remember_locale(Some("de"), "en");
    let (written, back, _) = save_and_reload(&s, &stored);
    assert_eq!(back, s);
    assert_eq!(written.get("details"), Some(&Raw::str("Ann Example")));
    let original = parse(&fixture("partial.json"));
    assert_eq!(written.get("letters"), original.get("letters"));
    // A letter or a detail would replace a kept part: refused.
    let mut more = s.clone();
    save_letter(&mut more.letters, None, "A", "B", FormKind::AiObjection, "").expect("ok");
    assert_eq!(stored.to_store(&more), Err(SaveRefused::WouldReplaceKept));
    let mut named = s;
    named.details.name = "Ann".into();
    assert_eq!(stored.to_store(&named), Err(SaveRefused::WouldReplaceKept));
}

#[test]
fn letters_without_an_id_or_with_the_same_one_get_their_own() {
    let (s, stored) = load_json(&fixture("duplicate-ids.json"));
    assert!(stored.problems().is_empty());
    let ids: Vec<&str> = s.letters.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["own-1", "own-2", "own-3"]);
    assert_eq!(s.letters[2].form, FormKind::ThirdPartyData);
    assert_eq!(s.letters[2].locale, "");
}

#[test]
fn storage_nested_too_deeply_is_unreadable_and_left_alone() {
    let deep = format!(
        "{{\"version\": 2, \"letters\": {}{}}}",
        "[".repeat(MAX_DEPTH + 5),
        "]".repeat(MAX_DEPTH + 5)
    );
    assert!(serde_json::from_str::<Raw>(&deep).is_err());
    // The web layer reports such a value as unreadable storage.
    let (_, stored) = load(Some(Err(())));
    assert!(!stored.may_save());
    let shallow = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(serde_json::from_str::<Raw>(&shallow).is_ok());
}

#[test]
fn numbers_keep_their_kind_and_keys_their_order() {
    let text = r#"{"b":1,"a":-2,"c":2.5,"d":18446744073709551615,"e":[null,true,"x"]}"#;
    let raw = parse(text);
    assert_eq!(json(&raw), text);
    assert_eq!(Raw::Float(2.0).as_u32(), Some(2));
    assert_eq!(Raw::Float(2.5).as_u32(), None);
    assert_eq!(Raw::Int(-1).as_u32(), None);
}

/// Found while reviewing how ids are repaired on load: after `own-18446744073709551615` (the largest number), the
/// next id was the same one again, so two letters shared an id.
#[test]
fn ids_stay_unique_even_after_the_largest_number() {
    let text = r#"{"version": 2, "letters": [
        {"id": "own-18446744073709551615", "title": "A", "body": "a", "form": "ai-objection"},
        {"id": "own-18446744073709551615", "title": "B", "body": "b", "form": "ai-objection"},
        {"id": "own-1", "title": "C", "body": "c", "form": "ai-objection"}
    ]}"#;
    let (mut s, _) = load_json(text);
    let ids: Vec<&str> = s.letters.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["own-18446744073709551615", "own-2", "own-1"]);
    let id = save_letter(&mut s.letters, None, "D", "d", FormKind::AiObjection, "").expect("ok");
    assert_eq!(id, "own-3", "a new letter takes the smallest free number");
}
