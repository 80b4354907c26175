//! The person's own letters: saving, deleting, export and import (all or nothing). Storage
//! versions and damaged storage: `tests/storage.rs`.

use objection::core::data::FormKind;
use objection::core::own::{
    check_import_size, delete_letter, export, import, next_id, save_letter, ImportProblem,
    LetterProblem, OwnLetter, RawExport, MAX_BODY_CHARS, MAX_IMPORT_BYTES, MAX_OWN_LETTERS,
    MAX_TITLE_CHARS,
};

fn letter(id: &str, title: &str) -> OwnLetter {
    OwnLetter {
        id: id.into(),
        title: title.into(),
        body: format!("I object. {title}"),
        form: FormKind::AiObjection,
        locale: "en".into(),
    }
}

fn raw(json: &str) -> RawExport {
    serde_json::from_str(json).expect("parses as a loose export")
}

#[test]
fn saving_adds_with_a_fresh_id_and_editing_replaces() {
    let mut letters = vec![letter("own-7", "A")];
    let id = save_letter(
        &mut letters,
        None,
        "  B ",
        "Text [{name}]",
        FormKind::ThirdPartyData,
        "de",
    )
    .expect("valid");
    assert_eq!(id, "own-8");
    assert_eq!(letters[1].title, "B", "title trimmed");
    assert_eq!(letters[1].form, FormKind::ThirdPartyData);
    let same = save_letter(
        &mut letters,
        Some("own-7"),
        "A2",
        "New text",
        FormKind::AiObjection,
        "en",
    )
    .expect("valid");
    assert_eq!(same, "own-7");
    assert_eq!(letters.len(), 2);
    assert_eq!(
        (letters[0].title.as_str(), letters[0].body.as_str()),
        ("A2", "New text")
    );
    assert_eq!(next_id(&[]), "own-1");
    assert_eq!(
        next_id(&[letter("own-x", "odd"), letter("own-3", "c")]),
        "own-4"
    );
}

#[test]
fn invalid_letters_are_refused_and_change_nothing() {
    let mut letters = vec![letter("own-1", "A")];
    let before = letters.clone();
    let long_title = "t".repeat(MAX_TITLE_CHARS + 1);
    let long_body = "b".repeat(MAX_BODY_CHARS + 1);
    for (title, body, problem) in [
        (" ", "x", LetterProblem::NoTitle),
        (
            long_title.as_str(),
            "x",
            LetterProblem::TitleTooLong {
                max: MAX_TITLE_CHARS,
            },
        ),
        ("T", "  \n", LetterProblem::NoText),
        (
            "T",
            long_body.as_str(),
            LetterProblem::TextTooLong {
                max: MAX_BODY_CHARS,
            },
        ),
    ] {
        assert_eq!(
            save_letter(&mut letters, None, title, body, FormKind::AiObjection, ""),
            Err(problem)
        );
        assert_eq!(letters, before);
    }
    let mut full: Vec<OwnLetter> = (1..=MAX_OWN_LETTERS)
        .map(|i| letter(&format!("own-{i}"), &format!("L{i}")))
        .collect();
    assert_eq!(
        save_letter(&mut full, None, "One more", "x", FormKind::AiObjection, ""),
        Err(LetterProblem::TooManyLetters {
            max: MAX_OWN_LETTERS
        })
    );
}

#[test]
fn deleting_returns_the_letter_for_undo() {
    let mut letters = vec![letter("own-1", "A"), letter("own-2", "B")];
    let gone = delete_letter(&mut letters, "own-1").expect("was there");
    assert_eq!(gone.title, "A");
    assert_eq!(letters.len(), 1);
    assert_eq!(delete_letter(&mut letters, "own-9"), None);
}

#[test]
fn export_and_import_round_trip_exactly() {
    let letters = vec![
        letter("own-1", "Mine"),
        OwnLetter {
            id: "own-2".into(),
            title: "Zweiter".into(),
            body: "Ich widerspreche.\n\n[{name}]\n\u{202e}RTL, <b>markup</b>, \u{301}combining"
                .into(),
            form: FormKind::ThirdPartyData,
            locale: "de".into(),
        },
    ];
    let file = export(&letters);
    let text = serde_json::to_string_pretty(&file).expect("serialises");
    let (imported, added) = import(&[], raw(&text)).expect("imports");
    assert_eq!(added, 2);
    assert_eq!(
        imported, letters,
        "the same letters, ids given anew in the same order"
    );
    // Importing the same file again adds nothing twice.
    let (again, added) = import(&imported, raw(&text)).expect("imports");
    assert_eq!((again.len(), added), (2, 0));
}

/// Equal letters in one file, and letters differing only in their language, used to be merged on
/// import, so that an export did not come back whole (the round-trip property in
/// `tests/properties.rs` needs every letter back).
#[test]
fn equal_letters_in_one_file_and_other_languages_are_all_imported() {
    let mut letters = vec![letter("own-1", "Same"), letter("own-2", "Same")];
    letters.push(OwnLetter {
        id: "own-3".into(),
        locale: "de".into(),
        ..letter("own-3", "Same")
    });
    let text = serde_json::to_string(&export(&letters)).expect("serialises");
    let (imported, added) = import(&[], raw(&text)).expect("imports");
    assert_eq!((imported.clone(), added), (letters, 3));
    let (again, added) = import(&imported, raw(&text)).expect("imports");
    assert_eq!(
        (again, added),
        (imported, 0),
        "what is there is not added twice"
    );
}

#[test]
fn bad_imports_say_why_and_change_nothing() {
    let existing = vec![letter("own-1", "A")];
    let cases: Vec<(&str, ImportProblem)> = vec![
        (r#"{"letters": []}"#, ImportProblem::NotOurs),
        (
            r#"{"format": "something-else", "version": 1, "letters": []}"#,
            ImportProblem::NotOurs,
        ),
        (
            r#"{"format": "objection-helper-letters", "letters": []}"#,
            ImportProblem::Malformed,
        ),
        (
            r#"{"format": "objection-helper-letters", "version": 1}"#,
            ImportProblem::Malformed,
        ),
        (
            r#"{"format": "objection-helper-letters", "version": 9, "letters": []}"#,
            ImportProblem::FutureVersion { version: 9 },
        ),
        (
            r#"{"format": "objection-helper-letters", "version": 1, "letters": []}"#,
            ImportProblem::Empty,
        ),
        (
            r#"{"format": "objection-helper-letters", "version": 1, "letters": [
                {"title": "Good", "body": "Fine", "form": "ai-objection"},
                {"title": "", "body": "No title", "form": "ai-objection"}]}"#,
            ImportProblem::BadLetter {
                position: 2,
                problem: LetterProblem::NoTitle,
            },
        ),
    ];
    for (json, want) in cases {
        assert_eq!(import(&existing, raw(json)), Err(want), "{json}");
    }
    // Wrong types do not even parse as an export: the web layer reports them as malformed.
    assert!(serde_json::from_str::<RawExport>(r#"{"format": 5}"#).is_err());
    assert!(serde_json::from_str::<RawExport>(
        r#"{"format": "objection-helper-letters", "version": 1, "letters": [{"title": 1}]}"#
    )
    .is_err());
    assert_eq!(check_import_size(MAX_IMPORT_BYTES), Ok(()));
    assert_eq!(
        check_import_size(MAX_IMPORT_BYTES + 1),
        Err(ImportProblem::TooLarge {
            max: MAX_IMPORT_BYTES
        })
    );
    // An import that would pass the limit of letters imports none of them.
    let many: Vec<String> = (0..MAX_OWN_LETTERS)
        .map(|i| format!(r#"{{"title": "T{i}", "body": "B{i}", "form": "ai-objection"}}"#))
        .collect();
    let json = format!(
        r#"{{"format": "objection-helper-letters", "version": 1, "letters": [{}]}}"#,
        many.join(",")
    );
    assert_eq!(
        import(&existing, raw(&json)),
        Err(ImportProblem::TooMany {
            max: MAX_OWN_LETTERS
        })
    );
}
