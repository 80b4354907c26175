//! Letter templates: text with `{placeholder}`s and `[optional passages]`.
//!
//! Shared by the core (rendering) and `build.rs` (strict checks of the built-in letters), so it
//! depends on nothing but `std`. Rendering is lenient, because the person's own letters may hold
//! any text: an unknown `{word}` or an unmatched bracket is kept as written.

/// The placeholders a letter may use, the same in every language: the person's details, their
/// own words (`own`), and, in a complaint to an authority, when they objected (`sent`) and where
/// (`platform`).
pub const PLACEHOLDERS: [&str; 7] = [
    "name", "country", "account", "date", "own", "sent", "platform",
];

/// The placeholders only a complaint uses; they may stand outside an optional passage there.
pub const COMPLAINT_ONLY: [&str; 2] = ["sent", "platform"];

/// The pieces of a law a letter may name (`{law.<key>}`), in the order of each locale's
/// `law.toml` comment; `build.rs` and `core::data` both count by it.
pub const LAW_KEYS: [&str; 11] = [
    "name",
    "object",
    "basis",
    "burden",
    "deadline",
    "erase",
    "restrict",
    "sensitive",
    "public",
    "child",
    "complaint",
];

/// How a letter names a piece of the law it cites: `{law.object}`.
pub const LAW_TOKEN: &str = "{law.";

/// Replaces every `{law.<key>}` in `template` by `piece(key)`. An empty piece takes the space
/// before it away with it ("I object {law.object} to" reads "I object to"); an unknown key stays
/// as written.
pub fn expand_law<'a>(template: &str, piece: &dyn Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(at) = rest.find(LAW_TOKEN) {
        let after = &rest[at + LAW_TOKEN.len()..];
        let Some((key, tail)) = after.split_once('}') else {
            break;
        };
        match piece(key) {
            Some(value) => {
                out.push_str(&rest[..at]);
                if value.is_empty() {
                    if out.ends_with(' ') {
                        out.pop();
                    }
                } else {
                    out.push_str(value);
                }
            }
            None => out.push_str(&rest[..at + LAW_TOKEN.len() + key.len() + 1]),
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Var(&'a str),
    /// An optional passage, kept only when all its placeholders have values.
    Optional(Vec<Piece<'a>>),
}

/// Splits `text` into text and known placeholders. Unknown `{…}` stay text.
fn pieces_without_brackets(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if PLACEHOLDERS.contains(&&after[..close]) => {
                if open > 0 {
                    out.push(Piece::Text(&rest[..open]));
                }
                out.push(Piece::Var(&after[..close]));
                rest = &after[close + 1..];
            }
            _ => {
                out.push(Piece::Text(&rest[..=open]));
                rest = after;
            }
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Parses a template. A `[` … `]` pair that holds a placeholder is an optional passage; any other
/// bracket is plain text.
fn parse(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let close = after
            .find([']', '['])
            .filter(|&i| after[i..].starts_with(']'));
        match close {
            Some(close) => {
                let inner = pieces_without_brackets(&after[..close]);
                if inner.iter().any(|p| matches!(p, Piece::Var(_))) {
                    out.extend(pieces_without_brackets(&rest[..open]));
                    out.push(Piece::Optional(inner));
                } else {
                    out.extend(pieces_without_brackets(&rest[..=open + close + 1]));
                }
                rest = &after[close + 1..];
            }
            None => {
                out.extend(pieces_without_brackets(&rest[..=open]));
                rest = after;
            }
        }
    }
    out.extend(pieces_without_brackets(rest));
    out
}

/// Marks where a dropped passage stood, so that a line holding nothing else can be removed.
const DROPPED: char = '\u{E000}';

/// Renders a template. `value` gives a placeholder's value (already cleaned, see
/// [`clean_value`]); `None` or an empty value drops every optional passage that uses it.
/// A required placeholder without a value renders as nothing.
pub fn render(template: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let lookup = |name: &str| value(name).filter(|v| !v.is_empty());
    let mut raw = String::with_capacity(template.len() + 64);
    for piece in parse(template) {
        match piece {
            Piece::Text(t) => raw.push_str(&t.replace(DROPPED, "")),
            Piece::Var(name) => raw.push_str(&lookup(name).unwrap_or_default()),
            Piece::Optional(inner) => {
                let complete = inner.iter().all(|p| match p {
                    Piece::Var(name) => lookup(name).is_some(),
                    _ => true,
                });
                if complete {
                    for p in inner {
                        match p {
                            Piece::Text(t) => raw.push_str(t),
                            Piece::Var(name) => raw.push_str(&lookup(name).unwrap_or_default()),
                            Piece::Optional(_) => {}
                        }
                    }
                } else {
                    raw.push(DROPPED);
                }
            }
        }
    }
    tidy(&raw)
}

/// Removes lines that held only dropped passages, double spaces, spaces left before a comma or a
/// full stop, trailing spaces, more than one blank line in a row, and blank space at both ends.
fn tidy(raw: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    for line in raw.split('\n') {
        let had_drop = line.contains(DROPPED);
        let line = line.replace(DROPPED, "");
        if had_drop && line.trim().is_empty() {
            continue;
        }
        let mut out = String::with_capacity(line.len());
        for c in line.trim_end().chars() {
            if c == ' ' && out.ends_with(' ') {
                continue;
            }
            if matches!(c, ',' | '.') && out.ends_with(' ') && had_drop {
                out.pop();
            }
            out.push(c);
        }
        lines.push(out);
    }
    let mut text = String::with_capacity(raw.len());
    let mut blank_run = 0;
    for line in lines {
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 {
                continue;
            }
        } else {
            blank_run = 0;
        }
        text.push_str(&line);
        text.push('\n');
    }
    text.trim().to_string()
}

/// Cleans a personal detail before it goes into a letter: control characters and line breaks
/// become spaces, runs of white space one space, the ends trimmed, at most `max_chars` characters.
pub fn clean_value(value: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(value.len().min(max_chars * 4));
    for c in value.chars() {
        let c = if c.is_control() || c.is_whitespace() {
            ' '
        } else {
            c
        };
        if c == DROPPED {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim_end();
    trimmed
        .chars()
        .take(max_chars)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// Strict checks for a built-in letter: every `{…}` is a known placeholder, every bracket belongs
/// to an optional passage that holds a placeholder, passages do not nest, and only `{date}` stands
/// outside a passage. Returns what is wrong, in words.
pub fn check(template: &str) -> Vec<String> {
    check_with(template, &["date"])
}

/// [`check`] for a template whose placeholders `free` may stand outside a passage.
pub fn check_with(template: &str, free: &[&str]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut depth = 0;
    let mut passage_has_var = false;
    let mut chars = template.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '[' => {
                if depth > 0 {
                    problems.push(format!("nested '[' at byte {i}"));
                }
                depth += 1;
                passage_has_var = false;
            }
            ']' => {
                if depth == 0 {
                    problems.push(format!("']' without '[' at byte {i}"));
                } else if !passage_has_var {
                    problems.push(format!(
                        "optional passage ending at byte {i} has no placeholder"
                    ));
                }
                depth = 0;
            }
            '{' => {
                let rest = &template[i + 1..];
                match rest.find('}') {
                    Some(end) => {
                        let name = &rest[..end];
                        if !PLACEHOLDERS.contains(&name) {
                            problems.push(format!("unknown placeholder {{{name}}}"));
                        } else if depth == 0 && !free.contains(&name) {
                            problems.push(format!(
                                "{{{name}}} stands outside an optional passage [..]"
                            ));
                        }
                        passage_has_var = true;
                        let closing = i + 1 + end;
                        while chars.next_if(|&(j, _)| j <= closing).is_some() {}
                    }
                    None => problems.push(format!("'{{' without '}}' at byte {i}")),
                }
            }
            '}' => problems.push(format!("'}}' without '{{' at byte {i}")),
            _ => {}
        }
    }
    if depth > 0 {
        problems.push("'[' without ']'".to_string());
    }
    problems
}

/// The placeholders a template uses, in order of first use, each once.
pub fn placeholders_used(template: &str) -> Vec<&'static str> {
    let mut used: Vec<&'static str> = Vec::new();
    for (at, _) in template.match_indices('{') {
        let rest = template.get(at + 1..).unwrap_or_default();
        let named = |name: &&&str| {
            rest.strip_prefix(**name)
                .is_some_and(|after| after.starts_with('}'))
        };
        if let Some(&name) = PLACEHOLDERS.iter().find(named) {
            if !used.contains(&name) {
                used.push(name);
            }
        }
    }
    used
}
