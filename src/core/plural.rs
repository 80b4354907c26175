//! Plural forms of the interface's messages: a message about a number (`charCount`) is CLDR's
//! "other" form, and keys with a category's suffix (`charCount_one`, `charCount_few`…) hold the
//! others. Shared by the core and by `build.rs`, which writes each form after its message in the
//! embedded text, after [`PLURAL_MARK`] and the category's letter; so it depends on nothing.

/// Comes before each plural form of a message in the embedded text.
pub const PLURAL_MARK: char = '\u{2}';

/// A number's plural category in a language (CLDR's cardinal categories), as the browser's
/// `Intl.PluralRules` tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The categories besides "other", with their key suffix and the letter that marks them in the
/// embedded text.
pub const PLURALS: [(Plural, &str, char); 5] = [
    (Plural::Zero, "zero", 'z'),
    (Plural::One, "one", 'o'),
    (Plural::Two, "two", 't'),
    (Plural::Few, "few", 'f'),
    (Plural::Many, "many", 'm'),
];

impl Plural {
    /// The category named as `Intl.PluralRules.prototype.select` names it (`"few"`); anything
    /// else is "other".
    pub fn from_cldr(name: &str) -> Plural {
        PLURALS
            .iter()
            .find(|(_, suffix, _)| *suffix == name)
            .map_or(Plural::Other, |(plural, _, _)| *plural)
    }

    /// The letter that marks this form in the text; none for "other" (the message itself).
    pub fn mark(self) -> Option<char> {
        PLURALS
            .iter()
            .find(|(plural, _, _)| *plural == self)
            .map(|(_, _, mark)| *mark)
    }
}

/// The message a plural form's key belongs to (`charCount` for `charCount_few`), if the key has a
/// category's suffix.
pub fn plural_base(key: &str) -> Option<&str> {
    let (base, suffix) = key.rsplit_once('_')?;
    PLURALS.iter().any(|(_, s, _)| *s == suffix).then_some(base)
}
