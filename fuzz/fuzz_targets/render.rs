//! Any template and any details: rendering never panics, replaces every placeholder of a
//! well-formed template, keeps markup as text, and stays within its length bounds.
#![no_main]

use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use objection::core::letters::{all as all_letters, render, Details, MAX_DETAIL_CHARS};
use objection::core::own::check_letter;
use objection::core::template::{self, clean_value, PLACEHOLDERS};

#[derive(Arbitrary, Debug)]
struct Input {
    template: String,
    name: String,
    country: String,
    account: String,
    date: String,
    today: String,
    builtin: u16,
}

fuzz_target!(|input: Input| {
    let details = Details {
        name: input.name,
        country: input.country,
        account: input.account,
        date: input.date,
    };
    let _ = check_letter(&input.template, &input.template);
    let _ = template::placeholders_used(&input.template);
    let problems = template::check(&input.template);

    let out = render(&input.template, &details, &input.today);
    assert!(
        !out.contains('\u{E000}'),
        "no internal marker reaches the letter"
    );
    let uses: usize = PLACEHOLDERS
        .iter()
        .map(|p| input.template.matches(&format!("{{{p}}}")).count())
        .sum();
    assert!(
        out.chars().count() <= input.template.chars().count() + uses * MAX_DETAIL_CHARS,
        "a letter grows by at most one detail's length per placeholder"
    );
    let values = [
        &details.name,
        &details.country,
        &details.account,
        &details.date,
        &input.today,
    ];
    let braces_in_values = values.iter().any(|v| v.contains(['{', '}']));
    if problems.is_empty() && !braces_in_values {
        for p in PLACEHOLDERS {
            assert!(
                !out.contains(&format!("{{{p}}}")),
                "{{{p}}} left in {out:?}"
            );
        }
    }

    // A built-in letter with these details: the name stands in it as written (cleaned), as text.
    let letters = all_letters();
    if letters.is_empty() {
        return;
    }
    let letter = &letters[usize::from(input.builtin) % letters.len()];
    let out = render(letter.body, &details, &input.today);
    for p in PLACEHOLDERS {
        let cleaned: Vec<String> = values
            .iter()
            .map(|v| clean_value(v, MAX_DETAIL_CHARS))
            .collect();
        if !cleaned.iter().any(|v| v.contains(['{', '}'])) {
            assert!(
                !out.contains(&format!("{{{p}}}")),
                "{{{p}}} left in a built-in letter"
            );
        }
    }
    let name = clean_value(&details.name, MAX_DETAIL_CHARS);
    if !name.is_empty() && letter.body.contains("{name}") {
        assert!(
            out.contains(&name),
            "the name {name:?} is in the letter as written"
        );
    }
});
