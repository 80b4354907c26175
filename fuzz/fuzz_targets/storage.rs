//! Any bytes as stored settings or as an import file: reading never panics; what is kept aside
//! is written back exactly; an import either fails and changes nothing, or adds valid letters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use objection::core::own::{self, check_letter, RawExport};
use objection::core::raw::Raw;
use objection::core::settings::{load, Settings};

fuzz_target!(|data: &[u8]| {
    if let Ok(raw) = serde_json::from_slice::<Raw>(data) {
        let (settings, stored) = load(Some(Ok(raw)));
        let _ = stored.problems();
        let ids: std::collections::BTreeSet<&str> =
            settings.letters.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(
            ids.len(),
            settings.letters.len(),
            "every letter has its own id"
        );
        assert!(!ids.contains(""));
        if let Ok(written) = stored.to_store(&settings) {
            let (again, stored_again) = load(Some(Ok(written.clone())));
            assert_eq!(again, settings, "what was read reads back the same");
            assert_eq!(
                stored_again.kept, stored.kept,
                "what was kept aside stays as it was"
            );
            assert_eq!(
                stored_again.to_store(&again),
                Ok(written),
                "saving is stable"
            );
        }
    }
    if let Ok(file) = serde_json::from_slice::<RawExport>(data) {
        let existing: Vec<own::OwnLetter> = Settings::default().letters;
        if let Ok((letters, added)) = own::import(&existing, file) {
            assert_eq!(letters.len(), existing.len() + added);
            assert!(letters
                .iter()
                .all(|l| check_letter(&l.title, &l.body).is_ok()));
        }
    }
});
