//! The fill plan: may we write now, must we ask first, and did the text stay in the field?

use serde::Serialize;

use super::recognise::{FieldChoice, Recognition};
use super::report::FieldKind;

/// What to do when the person presses Fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FillStep {
    /// Write the letter into the field.
    Write { index: u32 },
    /// The field holds text already: ask before replacing it.
    ConfirmReplace { index: u32, existing_chars: u32 },
    /// The field takes fewer characters than the letter has: tell the person, write nothing.
    TooLong { index: u32, limit: u32, length: u32 },
    /// There is no field to write into.
    NoField,
    /// There is nothing to write.
    EmptyLetter,
}

/// Characters as a field counts them (UTF-16 code units, like `maxlength` and `value.length`).
pub fn field_length(text: &str) -> u32 {
    u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX)
}

/// What the field must still look like for a write planned from an earlier page report: the
/// shim writes only if the box at `index` has the same kind, name and id and holds text of the
/// same length as when the page was read (else it answers `stale`, and the popup reads the page
/// again). This lets Fill take one round trip to the page, without ever writing into a box that
/// changed since.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Expect {
    pub kind: FieldKind,
    pub name: String,
    pub id: String,
    pub value_length: u32,
}

impl Expect {
    pub fn of(field: &FieldChoice) -> Expect {
        Expect {
            kind: field.kind,
            name: field.name.clone(),
            id: field.id.clone(),
            value_length: field.value_length,
        }
    }
}

/// Decides the next step for filling `text`. `replace_confirmed` is true once the person has
/// agreed to replace what the field holds.
pub fn plan_fill(recognition: &Recognition, text: &str, replace_confirmed: bool) -> FillStep {
    let Some(field) = &recognition.field else {
        return FillStep::NoField;
    };
    if text.trim().is_empty() {
        return FillStep::EmptyLetter;
    }
    let length = field_length(text);
    if let Some(limit) = field.max_length.filter(|&m| m < length) {
        return FillStep::TooLong {
            index: field.index,
            limit,
            length,
        };
    }
    if field.value_length > 0 && !replace_confirmed {
        return FillStep::ConfirmReplace {
            index: field.index,
            existing_chars: field.value_length,
        };
    }
    FillStep::Write { index: field.index }
}

/// What reading the field back found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadBack {
    /// The letter is in the field.
    Kept,
    /// The field is empty: the page removed the text.
    Removed,
    /// The field holds something else: the page changed the text.
    Changed,
    /// The field is gone from the page.
    Missing,
}

/// Text as compared after a fill: line endings, non-breaking spaces, zero-width characters and
/// trailing spaces on lines do not count (rich-text boxes change them).
fn comparable(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace(['\r'], "\n");
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            l.chars()
                .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}'))
                .map(|c| if c == '\u{a0}' { ' ' } else { c })
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect();
    let joined = lines.join("\n");
    // Rich-text boxes may turn one blank line between paragraphs into two.
    let mut out = String::with_capacity(joined.len());
    for c in joined.trim().chars() {
        if c == '\n' && out.ends_with("\n\n") {
            continue;
        }
        out.push(c);
    }
    out
}

/// Compares what the field holds (`None`: the field is gone) with the letter that was written.
pub fn check_read_back(expected: &str, actual: Option<&str>) -> ReadBack {
    match actual {
        None => ReadBack::Missing,
        Some(a) if a.trim().is_empty() => ReadBack::Removed,
        Some(a) if comparable(a) == comparable(expected) => ReadBack::Kept,
        Some(_) => ReadBack::Changed,
    }
}
