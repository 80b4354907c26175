//! One table of language aliases (`core::locale`) behind every choice of locale: the interface's,
//! the letters', and a page's.

use objection::core::locale::{page_locale, ui_name};

#[test]
fn letter_locales_name_their_interface_locale() {
    for (letters, ui) in [
        ("de", "de"),
        ("pt", "pt_PT"),
        ("pt-br", "pt_BR"),
        ("en-gb", "en_GB"),
    ] {
        assert_eq!(ui_name(letters), ui, "{letters}");
    }
}

#[test]
fn a_page_locale_keeps_its_region_only_where_letters_differ_by_it() {
    for (page, want) in [
        ("de_DE", Some("de")),
        ("pt-BR", Some("pt-br")),
        ("pt_PT", Some("pt")),
        ("en_GB", Some("en-gb")),
        ("en_US", Some("en")),
        ("nn_NO", Some("nb")),
        ("no", Some("nb")),
        ("nb_NO", Some("nb")),
        ("x", None),
        ("", None),
        ("de1", None),
    ] {
        assert_eq!(page_locale(page).as_deref(), want, "{page}");
    }
}
