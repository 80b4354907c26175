//! Text folding for matching: lower case, accents removed, punctuation turned into spaces.
//!
//! Shared by the core and by `build.rs` (which checks that the patterns in the rule file are
//! already folded), so it depends on nothing but `std`.

/// Folds `text` for comparison: lower case, Latin accents removed (é → e, ł → l, ß → ss, æ → ae),
/// every run of characters that are not letters or digits turned into one space, and one space
/// added at each end so that whole words can be found with `" word "`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push(' ');
    let mut last_space = true;
    for c in text.chars().map(lower) {
        if is_combining_mark(c) {
            continue;
        }
        let (a, b) = base_letters(c);
        for ch in [Some(a), b].into_iter().flatten() {
            if is_word(ch) {
                out.push(ch);
                last_space = false;
            } else if !last_space {
                out.push(' ');
                last_space = true;
            }
        }
    }
    if !last_space {
        out.push(' ');
    }
    out
}

/// The lower-case form of a letter of the Latin, Greek and Cyrillic scripts (the scripts of the
/// forms' languages); every other character as it is. The same as the first character of
/// `char::to_lowercase` in those scripts (tested), without the standard library's tables of the
/// whole of Unicode, which would weigh more in the WebAssembly than this file.
fn lower(c: char) -> char {
    let n = c as u32;
    let to = match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => n + 32,
        0x130 => 0x69,
        0x178 => 0xFF,
        0x100..=0x137 | 0x14A..=0x177 | 0x1E00..=0x1E95 | 0x1EA0..=0x1EFF if n % 2 == 0 => n + 1,
        0x139..=0x148 | 0x179..=0x17E if n % 2 == 1 => n + 1,
        0x218..=0x21F if n % 2 == 0 => n + 1,
        0x1E9E => 0xDF,
        0x386 => 0x3AC,
        0x388..=0x38A => n + 37,
        0x38C => 0x3CC,
        0x38E..=0x38F => n + 63,
        0x391..=0x3A1 | 0x3A3..=0x3AB => n + 32,
        0x400..=0x40F => n + 80,
        0x410..=0x42F => n + 32,
        0x460..=0x481 | 0x48A..=0x4BF | 0x4D0..=0x52F if n % 2 == 0 => n + 1,
        0x4C0 => 0x4CF,
        0x4C1..=0x4CE if n % 2 == 1 => n + 1,
        _ => n,
    };
    char::from_u32(to).unwrap_or(c)
}

/// Whether `c` is part of a word (a letter or a digit) rather than punctuation, a symbol or
/// space. Exact for the Latin, Greek and Cyrillic scripts (tested against the standard library);
/// of other scripts, every character outside their punctuation and symbol blocks counts as a
/// letter, which is all that matching needs.
fn is_word(c: char) -> bool {
    let n = c as u32;
    match n {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x80..=0xBF => matches!(n, 0xAA | 0xB2 | 0xB3 | 0xB5 | 0xB9 | 0xBA | 0xBC..=0xBE),
        0xD7 | 0xF7 => false,
        0x2C2..=0x2C5 | 0x2D2..=0x2DF | 0x2E5..=0x2EB | 0x2ED | 0x2EF..=0x2FF => false,
        0x300..=0x36F | 0x375 | 0x37E | 0x384 | 0x385 | 0x387 | 0x3F6 => false,
        0x482..=0x489 => false,
        0x2000..=0x206F | 0x20A0..=0x20FF => false,
        0x2190..=0x245F | 0x2500..=0x2BFF => false,
        0x3000..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x303D..=0x303F => false,
        0xD800..=0xF8FF => false, // surrogates (never a char) and private use
        0xFE10..=0xFE6F | 0xFF00..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => {
            false
        }
        0xFFF0..=0xFFFF | 0x1F000..=0x1FBFF => false,
        _ => true,
    }
}

/// Combining diacritical marks (as in decomposed "é" = "e" + U+0301) are dropped.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// The base letter(s) of an accented Latin or Greek letter; other characters stay as they are.
fn base_letters(c: char) -> (char, Option<char>) {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ĥ' | 'ħ' => 'h',
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ĵ' => 'j',
        'ķ' => 'k',
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => 'l',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ŗ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => 's',
        'ţ' | 'ť' | 'ŧ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ŵ' => 'w',
        'ý' | 'ÿ' | 'ŷ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ά' => 'α',
        'έ' => 'ε',
        'ή' => 'η',
        'ί' | 'ϊ' | 'ΐ' => 'ι',
        'ό' => 'ο',
        'ύ' | 'ϋ' | 'ΰ' => 'υ',
        'ώ' => 'ω',
        'ς' => 'σ',
        'ß' => return ('s', Some('s')),
        'æ' => return ('a', Some('e')),
        'œ' => return ('o', Some('e')),
        'þ' => return ('t', Some('h')),
        other => other,
    };
    (base, None)
}

/// Whether folded `text` contains the folded `pattern`: whole words, or the start of a word when
/// the pattern ends in `*`.
pub fn contains_pattern(folded_text: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(stem) => folded_text.contains(&format!(" {stem}")),
        None => folded_text.contains(&format!(" {pattern} ")),
    }
}

/// Whether `pattern` is already in folded form (what the rule file must hold).
pub fn is_folded_pattern(pattern: &str) -> bool {
    let stem = pattern.strip_suffix('*').unwrap_or(pattern);
    !stem.is_empty() && fold(stem).trim() == stem
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(ranges: &[(u32, u32)]) -> impl Iterator<Item = char> + '_ {
        ranges
            .iter()
            .flat_map(|&(a, b)| a..=b)
            .filter_map(char::from_u32)
    }

    /// Latin (Basic, Latin-1, Extended-A, the Romanian letters of Extended-B, Extended
    /// Additional), modern Greek and Cyrillic: `lower` is the standard library's lower case.
    #[test]
    fn lower_is_unicode_lower_case_in_the_forms_scripts() {
        let ranges = [
            (0, 0x17F),
            (0x218, 0x21B),
            (0x386, 0x3CE),
            (0x400, 0x52F),
            (0x1E00, 0x1EFF),
        ];
        for c in chars(&ranges) {
            let want = c.to_lowercase().next().unwrap_or(c);
            assert_eq!(lower(c), want, "U+{:04X}", c as u32);
        }
    }

    /// The same scripts, their modifier letters, and general punctuation: `is_word` is the
    /// standard library's `is_alphanumeric` (unassigned code points aside, and combining marks,
    /// which `fold` drops before it asks).
    #[test]
    fn is_word_is_unicode_alphanumeric_in_the_forms_scripts() {
        let unassigned = [
            0x378, 0x379, 0x380, 0x381, 0x382, 0x383, 0x38B, 0x38D, 0x3A2,
        ];
        let ranges = [
            (0, 0x52F),
            (0x1E00, 0x1EFF),
            (0x2000, 0x206F),
            (0x20A0, 0x20C0),
        ];
        let asked = |c: &char| !unassigned.contains(&(*c as u32)) && !is_combining_mark(*c);
        for c in chars(&ranges).filter(asked) {
            assert_eq!(is_word(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn folds_capitals_of_every_script_we_serve() {
        assert_eq!(fold("ŻÓŁĆ, ŞİR: ΆΈΉ ЁЖ ẞ!"), " zolc sir αεη ёж ss ");
        assert_eq!(fold("Ώ Ș Ț Ő"), " ω s t o ");
    }
}
