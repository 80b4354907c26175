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
    for c in text.chars().flat_map(char::to_lowercase) {
        if is_combining_mark(c) {
            continue;
        }
        let (a, b) = base_letters(c);
        for ch in [Some(a), b].into_iter().flatten() {
            if ch.is_alphanumeric() {
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
