//! The letter catalogue (`src/letters/`) and rendering letters with the person's details.

use objection::core::data::{FormKind, Law, Letter};
use objection::core::letters::{
    all as all_letters, best_locale, country_name, find_letter, law_piece, letters_for, locales,
    locales_for, preselect_locale, render, residences, with_law, Details, FALLBACK_LOCALE,
    MAX_DETAIL_CHARS, OTHER,
};
use objection::core::template;

const TODAY: &str = "1 June 2025";

/// Details with every field given.
fn all_details() -> Details {
    Details {
        name: "Ann Example".to_string(),
        residence: "IE".to_string(),
        account: "ann.example@example.com".to_string(),
        date: "2 July 2025".to_string(),
        own: "I run a small photography club and post our members' pictures.".to_string(),
        country: String::new(),
    }
}

/// The value `details` gives a placeholder in a letter of `locale`, as `render` uses it.
fn value_of<'a>(details: &'a Details, locale: &str, placeholder: &str) -> &'a str {
    match placeholder {
        "name" => &details.name,
        "country" => country_name(locale, &details.residence),
        "account" => &details.account,
        "date" => &details.date,
        "own" => &details.own,
        other => panic!("unknown placeholder {other}"),
    }
}

/// The reason ids of `src/letters/order.txt`, in order.
fn reason_order() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/src/letters/order.txt");
    std::fs::read_to_string(path)
        .expect("order.txt is readable")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// How the letters of a locale name Meta's Accounts Center: German letters by Meta's German
/// name, British ones by Meta UK's spelling, every other locale with Meta's English name (most
/// after a local name, in brackets).
fn accounts_center(locale: &str) -> &'static str {
    match locale {
        "de" => "Kontenübersicht",
        "en-gb" => "Accounts Centre",
        _ => "Accounts Center",
    }
}

/// What is wrong with the layout of a rendered letter.
fn layout_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    for bad in ["{", "}", "[", "]", "  ", " ,", " .", "\n\n\n"] {
        if text.contains(bad) {
            problems.push(format!("contains {bad:?}"));
        }
    }
    if text.trim() != text {
        problems.push("white space at the start or end".to_string());
    }
    problems
}

fn name(letter: &Letter) -> String {
    format!("{}/{}", letter.locale, letter.id)
}

// ---------------------------------------------------------------------------------------------
// The catalogue

#[test]
fn there_are_letters_in_english_and_german() {
    let all = locales();
    assert!(all.contains(&"en"), "{all:?}");
    assert!(all.contains(&"de"), "{all:?}");
    assert!(!reason_order().is_empty());
}

#[test]
fn every_locale_has_every_reason_in_order_txt() {
    let order = reason_order();
    let mut missing = Vec::new();
    for locale in locales() {
        for id in &order {
            if find_letter(locale, id).is_none() {
                missing.push(format!("{locale}/{id}.txt"));
            }
        }
    }
    assert!(missing.is_empty(), "missing letters: {missing:?}");
}

#[test]
fn every_letter_is_a_reason_of_order_txt() {
    let order = reason_order();
    for letter in &all_letters() {
        assert!(
            order.iter().any(|id| id == letter.id),
            "{} is not listed in order.txt",
            name(letter)
        );
    }
}

#[test]
fn every_translation_uses_the_placeholders_of_the_english_letter() {
    let mut failures = Vec::new();
    for letter in all_letters().iter().filter(|l| l.locale != FALLBACK_LOCALE) {
        let Some(english) = find_letter(FALLBACK_LOCALE, letter.id) else {
            failures.push(format!("{}: no English letter of that id", name(letter)));
            continue;
        };
        let mut mine = template::placeholders_used(letter.body);
        let mut theirs = template::placeholders_used(english.body);
        mine.sort_unstable();
        theirs.sort_unstable();
        if mine != theirs {
            failures.push(format!("{}: {mine:?}, English: {theirs:?}", name(letter)));
        }
        if letter.form != english.form {
            failures.push(format!(
                "{}: form {:?}, English: {:?}",
                name(letter),
                letter.form,
                english.form
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_form_has_letters_in_every_locale() {
    for locale in locales() {
        for form in [FormKind::AiObjection, FormKind::ThirdPartyData] {
            assert!(
                !letters_for(form, locale).is_empty(),
                "no {} letter in {locale}",
                form.as_str()
            );
        }
    }
}

#[test]
fn locales_for_a_form_are_those_that_have_letters_for_it() {
    for form in [FormKind::AiObjection, FormKind::ThirdPartyData] {
        let with_letters: Vec<&str> = locales()
            .into_iter()
            .filter(|l| !letters_for(form, l).is_empty())
            .collect();
        assert_eq!(locales_for(form), with_letters, "{}", form.as_str());
    }
}

#[test]
fn every_letter_passes_the_template_check_under_every_law() {
    for letter in &all_letters() {
        for law in Law::ALL {
            let body = with_law(letter.body, letter.locale, law);
            let problems = template::check(&body);
            assert!(
                problems.is_empty(),
                "{} ({}): {problems:?}",
                name(letter),
                law.as_str()
            );
        }
    }
}

#[test]
fn every_letter_has_a_short_title_and_description() {
    for letter in &all_letters() {
        let title = letter.title.chars().count();
        let description = letter.description.chars().count();
        assert!(
            (1..=40).contains(&title),
            "{}: title has {title} characters",
            name(letter)
        );
        assert!(
            (1..=90).contains(&description),
            "{}: description has {description} characters",
            name(letter)
        );
    }
}

#[test]
fn every_letter_is_plain_text() {
    for letter in &all_letters() {
        for text in [letter.title, letter.description, letter.body] {
            assert!(
                !text.contains(['<', '>']),
                "{}: markup in {text:?}",
                name(letter)
            );
        }
    }
}

/// Every residence a person can choose: each listed country, and another country.
fn every_residence() -> Vec<&'static str> {
    residences()
        .iter()
        .map(|r| r.code)
        .chain(std::iter::once(OTHER))
        .collect()
}

/// The article of the right a letter under `law` must cite: Art. 21 GDPR and UK GDPR, art. 18
/// LGPD, Art. 30 of the Swiss act; none for another country.
fn article(law: Law) -> Option<&'static str> {
    match law {
        Law::Gdpr | Law::Uk => Some("21"),
        Law::Lgpd => Some("18"),
        Law::Ch => Some("30"),
        Law::None => None,
    }
}

/// What is wrong with how `text`, a letter of `locale` under `law`, names the law: it must name
/// that law and no other (another law's name inside this law's own name does not count: "GDPR"
/// in "UK GDPR"), cite the article of the right, and, for another country, name no law at all.
fn law_problems(text: &str, locale: &str, law: Law) -> Vec<String> {
    let mut problems = Vec::new();
    let own = law_piece(locale, law, "name");
    let masked = if own.is_empty() {
        text.to_string()
    } else {
        if !text.contains(own) {
            problems.push(format!("does not name {own:?}"));
        }
        text.replace(own, "\u{0}")
    };
    for other in Law::ALL.into_iter().filter(|l| *l != law) {
        let name = law_piece(locale, other, "name");
        if !name.is_empty() && masked.contains(name) {
            problems.push(format!("names {name:?} ({})", other.as_str()));
        }
    }
    if let Some(a) = article(law) {
        if !text.contains(a) {
            problems.push(format!("does not cite article {a}"));
        }
    }
    problems
}

#[test]
fn every_law_has_a_name_in_every_locale_and_another_country_none() {
    for locale in locales() {
        for law in Law::ALL {
            let name = law_piece(locale, law, "name");
            assert_eq!(
                name.is_empty(),
                law == Law::None,
                "{locale}: the name of {}",
                law.as_str()
            );
        }
    }
}

#[test]
fn every_letter_language_with_every_residence_and_reason_names_that_law_and_no_other() {
    let mut failures = Vec::new();
    let mut rendered = 0;
    for letter in &all_letters() {
        for residence in every_residence() {
            for details in [
                Details {
                    residence: residence.to_string(),
                    ..Details::default()
                },
                Details {
                    residence: residence.to_string(),
                    ..all_details()
                },
            ] {
                let law = details.law().expect("a residence we list");
                let text = render(letter.body, letter.locale, &details, TODAY);
                rendered += 1;
                let what = format!("{} in {residence}", name(letter));
                // Own words (up to 600 characters) come on top of the bounds.
                let length = text.chars().count() - details.own.chars().count();
                if !(300..=2_400).contains(&length) {
                    failures.push(format!("{what}: {length} characters"));
                }
                for problem in layout_problems(&text).into_iter().chain(law_problems(
                    &text,
                    letter.locale,
                    law,
                )) {
                    failures.push(format!("{what}: {problem}"));
                }
                let country = country_name(letter.locale, residence);
                if !details.account.is_empty() && !country.is_empty() && !text.contains(country) {
                    failures.push(format!("{what}: does not name the country {country:?}"));
                }
                let phrase = accounts_center(letter.locale);
                if !text.contains(phrase) {
                    failures.push(format!("{what}: does not mention {phrase:?}"));
                }
            }
        }
    }
    assert_eq!(rendered, 28 * 7 * 34 * 2);
    failures.dedup();
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_letter_renders_cleanly_with_and_without_details() {
    let mut failures = Vec::new();
    for letter in &all_letters() {
        for (what, details) in [
            ("no details", Details::default()),
            ("all details", all_details()),
        ] {
            let text = render(letter.body, letter.locale, &details, TODAY);
            let length = text.chars().count() - details.own.chars().count();
            if !(300..=2_400).contains(&length) {
                failures.push(format!("{} ({what}): {length} characters", name(letter)));
            }
            for problem in layout_problems(&text) {
                failures.push(format!("{} ({what}): {problem}", name(letter)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Rendering with details

#[test]
fn with_all_details_every_value_appears() {
    let details = all_details();
    for letter in &all_letters() {
        let text = render(letter.body, letter.locale, &details, TODAY);
        for placeholder in template::placeholders_used(letter.body) {
            let value = value_of(&details, letter.locale, placeholder);
            assert!(
                text.contains(value),
                "{}: {{{placeholder}}} = {value:?} missing from:\n{text}",
                name(letter)
            );
        }
    }
}

#[test]
fn with_no_details_no_placeholder_remains() {
    for letter in &all_letters() {
        let text = render(letter.body, letter.locale, &Details::default(), TODAY);
        for placeholder in template::PLACEHOLDERS {
            assert!(
                !text.contains(&format!("{{{placeholder}}}")),
                "{}: {{{placeholder}}} left in:\n{text}",
                name(letter)
            );
        }
        assert!(
            !text.contains("()") && !text.contains("( )"),
            "{}: empty parentheses in:\n{text}",
            name(letter)
        );
    }
}

#[test]
fn each_detail_alone_renders_cleanly() {
    let all = all_details();
    for letter in &all_letters() {
        for placeholder in template::placeholders_used(letter.body) {
            let mut details = Details::default();
            let value = value_of(&all, letter.locale, placeholder).to_string();
            match placeholder {
                "name" => details.name = value.clone(),
                "country" => details.residence = all.residence.clone(),
                "account" => details.account = value.clone(),
                "own" => details.own = value.clone(),
                _ => details.date = value.clone(),
            }
            let text = render(letter.body, letter.locale, &details, TODAY);
            assert!(
                text.contains(&value),
                "{}: only {{{placeholder}}} given, {value:?} missing from:\n{text}",
                name(letter)
            );
            let problems = layout_problems(&text);
            assert!(
                problems.is_empty(),
                "{}: only {{{placeholder}}}: {problems:?}",
                name(letter)
            );
        }
    }
}

#[test]
fn the_date_defaults_to_today() {
    let body = "Date: {date}[, {name}]";
    assert_eq!(
        render(body, "en", &Details::default(), TODAY),
        "Date: 1 June 2025"
    );
    let details = Details {
        date: "  ".to_string(),
        ..Details::default()
    };
    assert_eq!(render(body, "en", &details, TODAY), "Date: 1 June 2025");
    assert_eq!(
        render(body, "en", &all_details(), TODAY),
        "Date: 2 July 2025, Ann Example"
    );
}

/// The built-in letters that use `{name}`.
fn letters_with_name() -> Vec<Letter> {
    let found: Vec<_> = all_letters()
        .into_iter()
        .filter(|l| template::placeholders_used(l.body).contains(&"name"))
        .collect();
    assert!(!found.is_empty(), "no letter uses {{name}}");
    found
}

#[test]
fn markup_in_a_detail_comes_out_as_the_same_literal_text() {
    let details = Details {
        name: "<b>Ann</b> & <script>alert(1)</script>".to_string(),
        ..Details::default()
    };
    for letter in letters_with_name() {
        let text = render(letter.body, letter.locale, &details, TODAY);
        assert!(
            text.contains("<b>Ann</b> & <script>alert(1)</script>"),
            "{}:\n{text}",
            name(&letter)
        );
        assert!(!text.contains("&lt;") && !text.contains("&amp;"));
    }
}

#[test]
fn control_characters_and_line_breaks_in_a_detail_become_single_spaces() {
    let details = Details {
        name: "\n Ann\r\n\r\nB.\tExample\u{7}Jr\u{0}  ".to_string(),
        ..Details::default()
    };
    for letter in letters_with_name() {
        let text = render(letter.body, letter.locale, &details, TODAY);
        assert!(
            text.contains("Ann B. Example Jr"),
            "{}:\n{text}",
            name(&letter)
        );
        assert!(
            !text.contains(['\r', '\t', '\u{7}', '\u{0}']),
            "{}: control character left",
            name(&letter)
        );
        assert!(
            layout_problems(&text).is_empty(),
            "{}: {:?}",
            name(&letter),
            layout_problems(&text)
        );
    }
}

#[test]
fn an_over_long_detail_is_cut_to_the_maximum_characters() {
    // Two bytes a character: the cut counts characters, not bytes.
    let details = Details {
        name: "é".repeat(MAX_DETAIL_CHARS * 3),
        ..Details::default()
    };
    let exact = "é".repeat(MAX_DETAIL_CHARS);
    let over = "é".repeat(MAX_DETAIL_CHARS + 1);
    for letter in letters_with_name() {
        let text = render(letter.body, letter.locale, &details, TODAY);
        assert!(text.contains(&exact), "{}: detail missing", name(&letter));
        assert!(!text.contains(&over), "{}: detail not cut", name(&letter));
    }
    assert_eq!(
        render("[{name}]", "en", &details, TODAY).chars().count(),
        MAX_DETAIL_CHARS
    );
}

#[test]
fn a_detail_of_only_white_space_counts_as_not_given() {
    let details = Details {
        name: " \n\t ".to_string(),
        ..Details::default()
    };
    assert_eq!(
        render("Hello[ {name}],\nBye", "en", &details, TODAY),
        "Hello,\nBye"
    );
}

// ---------------------------------------------------------------------------------------------
// Templates

fn ann(name: &str) -> Option<String> {
    (name == "name").then(|| "Ann".to_string())
}

#[test]
fn an_unknown_placeholder_stays_literal() {
    assert_eq!(template::render("Hi {foo} [{name}]", &ann), "Hi {foo} Ann");
    assert_eq!(template::render("[{foo} {name}]", &ann), "{foo} Ann");
    assert_eq!(template::render("{ name}", &ann), "{ name}");
}

#[test]
fn an_unmatched_bracket_stays_literal() {
    assert_eq!(template::render("a [b {name}", &ann), "a [b Ann");
    assert_eq!(template::render("a ]b[ {name}", &ann), "a ]b[ Ann");
    assert_eq!(
        template::render("[no placeholder]", &ann),
        "[no placeholder]"
    );
}

#[test]
fn an_optional_passage_is_kept_or_dropped_whole() {
    let none = |_: &str| None;
    assert_eq!(
        template::render("Hello[ {name}], you", &ann),
        "Hello Ann, you"
    );
    assert_eq!(template::render("Hello[ {name}], you", &none), "Hello, you");
    assert_eq!(
        template::render("I object[, {name},] now.", &none),
        "I object now."
    );
    // A passage with two placeholders needs both.
    assert_eq!(template::render("X[ {name} of {country}] Y", &ann), "X Y");
}

#[test]
fn a_line_holding_only_a_dropped_passage_disappears() {
    let none = |_: &str| None;
    assert_eq!(
        template::render("Hello,\n[Account: {account}]\nBye", &none),
        "Hello,\nBye"
    );
    assert_eq!(
        template::render("Kind regards,\n[{name}]", &none),
        "Kind regards,"
    );
    assert_eq!(template::render("A\n\n[{account}]\n\nB", &none), "A\n\nB");
}

#[test]
fn check_accepts_a_good_template() {
    assert_eq!(
        template::check("On {date}[, {name}] objects[ ({country})]."),
        Vec::<String>::new()
    );
}

#[test]
fn check_reports_an_unknown_placeholder() {
    let problems = template::check("Hello [{foo}].");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("unknown placeholder {foo}")),
        "{problems:?}"
    );
}

#[test]
fn check_reports_nested_brackets() {
    let problems = template::check("Hello [a [{name}] b].");
    assert!(
        problems.iter().any(|p| p.contains("nested")),
        "{problems:?}"
    );
}

#[test]
fn check_reports_a_bracket_without_placeholder() {
    let problems = template::check("Hello [just text].");
    assert!(
        problems.iter().any(|p| p.contains("no placeholder")),
        "{problems:?}"
    );
    let problems = template::check("Hello ] there.");
    assert!(!problems.is_empty(), "a lone ']'");
    let problems = template::check("Hello [{name} there.");
    assert!(!problems.is_empty(), "a '[' without ']'");
}

#[test]
fn check_reports_a_placeholder_outside_brackets() {
    for name in ["name", "country", "account"] {
        let problems = template::check(&format!("Hello {{{name}}}."));
        assert!(
            problems.iter().any(|p| p.contains("outside")),
            "{{{name}}}: {problems:?}"
        );
    }
}

#[test]
fn placeholders_used_lists_each_once_in_order_of_use() {
    assert_eq!(
        template::placeholders_used("{date} [{country}] [{name}] [{country}] {foo}"),
        vec!["date", "country", "name"]
    );
    assert!(template::placeholders_used("no placeholders").is_empty());
}

// ---------------------------------------------------------------------------------------------
// Choosing the locale

#[test]
fn best_locale_finds_a_language_with_or_without_region() {
    assert_eq!(best_locale("de"), Some("de"));
    assert_eq!(best_locale("de-at"), Some("de"));
    assert_eq!(best_locale("DE"), Some("de"));
    assert_eq!(best_locale("en-gb").map(|l| &l[..2]), Some("en"));
    assert_eq!(best_locale("xx"), None);
    assert_eq!(best_locale(""), None);
}

#[test]
fn preselect_falls_back_to_english() {
    if best_locale("fr").is_none() {
        assert_eq!(preselect_locale(Some("fr"), None), "en");
    }
    assert_eq!(preselect_locale(Some("xx"), None), FALLBACK_LOCALE);
    assert_eq!(preselect_locale(None, None), FALLBACK_LOCALE);
    assert_eq!(FALLBACK_LOCALE, "en");
}

#[test]
fn preselect_prefers_the_remembered_then_the_form_language() {
    assert_eq!(preselect_locale(Some("de"), None), "de");
    assert_eq!(preselect_locale(Some("de"), Some("en")), "en");
    assert_eq!(preselect_locale(Some("en"), Some("de")), "de");
    // A remembered locale we have no letters in is ignored.
    assert_eq!(preselect_locale(Some("de"), Some("xx")), "de");
}
