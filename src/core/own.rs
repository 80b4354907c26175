//! The person's own letters: checking them, and exporting and importing them as a file.
//! An import is all or nothing: any problem, and nothing changes.

use serde::{Deserialize, Serialize};

use super::data::FormKind;

/// At most this many own letters.
pub const MAX_OWN_LETTERS: usize = 200;
/// A title has at most this many characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// A letter has at most this many characters.
pub const MAX_BODY_CHARS: usize = 10_000;
/// An import file has at most this many bytes.
pub const MAX_IMPORT_BYTES: usize = 2_000_000;
/// The name written into export files, so that other JSON files are recognised as such.
pub const EXPORT_FORMAT: &str = "objection-helper-letters";
/// The export format this build writes and reads.
pub const EXPORT_VERSION: u32 = 1;

/// A letter the person wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnLetter {
    /// `own-<number>`, unique among the person's letters.
    pub id: String,
    pub title: String,
    /// The letter, with the same `{placeholders}` and `[optional passages]` as built-in ones.
    pub body: String,
    /// Which form it is for.
    pub form: FormKind,
    /// The letter's language, when the person said.
    pub locale: String,
}

/// What is wrong with a letter, for the person to read (the web layer puts it into words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterProblem {
    /// The person already has [`MAX_OWN_LETTERS`] letters.
    TooManyLetters {
        max: usize,
    },
    NoTitle,
    TitleTooLong {
        max: usize,
    },
    NoText,
    TextTooLong {
        max: usize,
    },
}

/// Checks a letter the person wrote or imported.
pub fn check_letter(title: &str, body: &str) -> Result<(), LetterProblem> {
    if title.trim().is_empty() {
        return Err(LetterProblem::NoTitle);
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(LetterProblem::TitleTooLong {
            max: MAX_TITLE_CHARS,
        });
    }
    if body.trim().is_empty() {
        return Err(LetterProblem::NoText);
    }
    if body.chars().count() > MAX_BODY_CHARS {
        return Err(LetterProblem::TextTooLong {
            max: MAX_BODY_CHARS,
        });
    }
    Ok(())
}

/// A fresh id that none of `letters` has: one more than the highest, or (when that is the
/// largest number there is) the smallest free one.
pub fn next_id(letters: &[OwnLetter]) -> String {
    let numbers = || {
        letters
            .iter()
            .filter_map(|l| l.id.strip_prefix("own-")?.parse::<u64>().ok())
    };
    let highest = numbers().max().unwrap_or(0);
    let n = match highest.checked_add(1) {
        Some(n) => n,
        // The smallest number not taken (among the first len + 1, one is free).
        None => (1u64..)
            .find(|&free| numbers().all(|taken| taken != free))
            .unwrap_or(1),
    };
    format!("own-{n}")
}

/// Saves a letter: a new one (no `id`) is added, an existing one replaced. Trims the title.
pub fn save_letter(
    letters: &mut Vec<OwnLetter>,
    id: Option<&str>,
    title: &str,
    body: &str,
    form: FormKind,
    locale: &str,
) -> Result<String, LetterProblem> {
    check_letter(title, body)?;
    let letter = OwnLetter {
        id: String::new(),
        title: title.trim().to_string(),
        body: body.to_string(),
        form,
        locale: locale.to_string(),
    };
    if let Some(existing) = id.and_then(|id| letters.iter_mut().find(|l| l.id == id)) {
        let id = existing.id.clone();
        *existing = OwnLetter {
            id: id.clone(),
            ..letter
        };
        return Ok(id);
    }
    if letters.len() >= MAX_OWN_LETTERS {
        return Err(LetterProblem::TooManyLetters {
            max: MAX_OWN_LETTERS,
        });
    }
    let id = next_id(letters);
    letters.push(OwnLetter {
        id: id.clone(),
        ..letter
    });
    Ok(id)
}

/// Removes a letter; returns it, so that the web layer can offer to undo.
pub fn delete_letter(letters: &mut Vec<OwnLetter>, id: &str) -> Option<OwnLetter> {
    let at = letters.iter().position(|l| l.id == id)?;
    Some(letters.remove(at))
}

/// The export file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportFile {
    pub format: String,
    pub version: u32,
    pub letters: Vec<ExportedLetter>,
}

/// A letter in an export file (ids are not exported: they are given anew on import).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportedLetter {
    pub title: String,
    pub body: String,
    pub form: FormKind,
    pub locale: String,
}

/// The export file for the person's letters.
pub fn export(letters: &[OwnLetter]) -> ExportFile {
    ExportFile {
        format: EXPORT_FORMAT.to_string(),
        version: EXPORT_VERSION,
        letters: letters
            .iter()
            .map(|l| ExportedLetter {
                title: l.title.clone(),
                body: l.body.clone(),
                form: l.form,
                locale: l.locale.clone(),
            })
            .collect(),
    }
}

/// Why an import changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge { max: usize },
    /// Not JSON, or not the shape of an export file.
    Malformed,
    /// Not an export file of this extension.
    NotOurs,
    /// Written by a newer version of the extension.
    FutureVersion { version: u32 },
    /// One letter (1-based position) is not valid.
    BadLetter {
        position: usize,
        problem: LetterProblem,
    },
    /// Importing would exceed [`MAX_OWN_LETTERS`].
    TooMany { max: usize },
    /// The file holds no letters.
    Empty,
}

/// The first check, before the file is even parsed.
pub fn check_import_size(bytes: usize) -> Result<(), ImportProblem> {
    if bytes > MAX_IMPORT_BYTES {
        Err(ImportProblem::TooLarge {
            max: MAX_IMPORT_BYTES,
        })
    } else {
        Ok(())
    }
}

/// A loosely typed export file, as parsed: every field may be missing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RawExport {
    pub format: Option<String>,
    pub version: Option<u32>,
    pub letters: Option<Vec<RawLetter>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RawLetter {
    pub title: Option<String>,
    pub body: Option<String>,
    pub form: Option<FormKind>,
    pub locale: Option<String>,
}

/// Imports letters into `existing`: returns the new list and how many were added, or why nothing
/// changes. Letters the person already has (same title, text, form and language) are not added
/// twice.
pub fn import(
    existing: &[OwnLetter],
    file: RawExport,
) -> Result<(Vec<OwnLetter>, usize), ImportProblem> {
    if file.format.as_deref() != Some(EXPORT_FORMAT) {
        return Err(ImportProblem::NotOurs);
    }
    match file.version {
        None => return Err(ImportProblem::Malformed),
        Some(v) if v > EXPORT_VERSION => return Err(ImportProblem::FutureVersion { version: v }),
        Some(_) => {}
    }
    let raw = file.letters.ok_or(ImportProblem::Malformed)?;
    if raw.is_empty() {
        return Err(ImportProblem::Empty);
    }
    let mut letters = existing.to_vec();
    let mut added = 0;
    for (i, r) in raw.into_iter().enumerate() {
        let title = r.title.unwrap_or_default();
        let body = r.body.unwrap_or_default();
        let form = r.form.unwrap_or(FormKind::AiObjection);
        check_letter(&title, &body).map_err(|problem| ImportProblem::BadLetter {
            position: i + 1,
            problem,
        })?;
        let locale = r.locale.unwrap_or_default();
        let locale = if locale.len() <= 8 {
            locale
        } else {
            String::new()
        };
        // Only letters the person had before count as already there: two equal letters in one
        // file are both imported, so that export and import give back exactly what was exported.
        if existing.iter().any(|l| {
            l.title == title.trim() && l.body == body && l.form == form && l.locale == locale
        }) {
            continue;
        }
        if letters.len() >= MAX_OWN_LETTERS {
            return Err(ImportProblem::TooMany {
                max: MAX_OWN_LETTERS,
            });
        }
        let id = next_id(&letters);
        letters.push(OwnLetter {
            id,
            title: title.trim().to_string(),
            body,
            form,
            locale,
        });
        added += 1;
    }
    Ok((letters, added))
}
