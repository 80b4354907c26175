//! Reads the data files (form rules, letters, interface messages), checks them, and writes them out as Rust statics
//! that `src/core/data.rs` includes. A mistake in a data file stops the build with a message
//! naming the file and what is wrong.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[path = "src/core/fold.rs"]
#[allow(dead_code)]
mod fold;
#[path = "src/core/locale.rs"]
#[allow(dead_code)]
mod locale;
#[path = "src/core/plural.rs"]
#[allow(dead_code)]
mod plural;
use plural::{plural_base, PLURALS, PLURAL_MARK};
#[path = "src/core/template.rs"]
#[allow(dead_code)]
mod template;

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleFile {
    host: Vec<Host>,
    form: Vec<Form>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Host {
    platform: String,
    domain: String,
    path_prefix: String,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Form {
    kind: String,
    known: Vec<Known>,
}

/// One language's words (`src/rules/words/<lang>.toml`).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct LangWords {
    optional: Vec<String>,
    #[serde(rename = "ai-objection")]
    ai_objection: FormWords,
    #[serde(rename = "third-party-data")]
    third_party_data: FormWords,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct FormWords {
    title: Vec<Vec<String>>,
    reason: Vec<String>,
    avoid: Vec<String>,
}

impl LangWords {
    fn of(&self, kind: &str) -> &FormWords {
        match kind {
            "third-party-data" => &self.third_party_data,
            _ => &self.ai_objection,
        }
    }
}

/// Every `<lang>.toml` of `dir`, by language.
fn read_words(dir: &Path) -> BTreeMap<String, LangWords> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut out = BTreeMap::new();
    let entries =
        fs::read_dir(dir).unwrap_or_else(|e| fail(&dir.display().to_string(), &e.to_string()));
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let origin = path.display().to_string();
        println!("cargo:rerun-if-changed={origin}");
        let lang = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if lang.len() != 2 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
            fail(&origin, "the file name must be a two-letter language code");
        }
        let text = fs::read_to_string(&path).unwrap_or_else(|e| fail(&origin, &e.to_string()));
        let words: LangWords =
            toml::from_str(&text).unwrap_or_else(|e| fail(&origin, &e.to_string()));
        check_patterns(&origin, &words.optional);
        for (kind, w) in [
            ("ai-objection", &words.ai_objection),
            ("third-party-data", &words.third_party_data),
        ] {
            if w.title.is_empty() || w.title.iter().any(|g| g.is_empty()) {
                fail(&origin, &format!("{kind} title: empty group"));
            }
            if w.reason.is_empty() || w.avoid.is_empty() {
                fail(
                    &origin,
                    &format!("{kind}: reason and avoid need at least one pattern each"),
                );
            }
            check_patterns(
                &origin,
                w.title.iter().flatten().chain(&w.reason).chain(&w.avoid),
            );
        }
        out.insert(lang, words);
    }
    out
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Known {
    id: String,
    platform: String,
    year: u16,
}

fn platform(name: &str, origin: &str) -> &'static str {
    match name {
        "facebook" => "Platform::Facebook",
        "instagram" => "Platform::Instagram",
        other => fail(
            origin,
            &format!("unknown platform {other:?} (facebook or instagram)"),
        ),
    }
}

fn form_kind(name: &str, origin: &str) -> &'static str {
    match name {
        "ai-objection" => "FormKind::AiObjection",
        "third-party-data" => "FormKind::ThirdPartyData",
        other => fail(
            origin,
            &format!("unknown form {other:?} (ai-objection or third-party-data)"),
        ),
    }
}

fn fail(origin: &str, message: &str) -> ! {
    panic!("\n\n{origin}: {message}\n\n")
}

fn check_patterns<'a>(origin: &str, patterns: impl IntoIterator<Item = &'a String>) {
    for p in patterns {
        if !fold::is_folded_pattern(p) {
            fail(
                origin,
                &format!(
                    "pattern {p:?} is not folded; write it as {:?}",
                    fold::fold(p).trim()
                ),
            );
        }
    }
}

/// A list of patterns as one string, separated by PIECE_END (`data::Words`). Patterns are
/// folded text (`check_patterns`), so they never hold PIECE_END or GROUP_END.
fn words_joined(list: &[String]) -> String {
    list.join(&PIECE_END.to_string())
}

fn rules_code(path: &Path, langs: &BTreeMap<String, LangWords>) -> String {
    let origin = path.display().to_string();
    let text = fs::read_to_string(path).unwrap_or_else(|e| fail(&origin, &e.to_string()));
    let rules: RuleFile = toml::from_str(&text).unwrap_or_else(|e| fail(&origin, &e.to_string()));
    let mut code = String::from("pub static HOSTS: &[HostRule] = &[\n");
    for h in &rules.host {
        if !h.path_prefix.starts_with('/') || h.domain.contains('/') {
            fail(&origin, &format!("host {:?}: bad domain or path", h.domain));
        }
        let _ = writeln!(
            code,
            "    HostRule {{ platform: {}, domain: {:?}, path_prefix: {:?} }},",
            platform(&h.platform, &origin),
            h.domain,
            h.path_prefix
        );
    }
    code.push_str("];\n\npub static FORMS: &[FormRule] = &[\n");
    let mut ids = std::collections::BTreeSet::new();
    for f in &rules.form {
        let kind = form_kind(&f.kind, &origin);
        let mut known = String::new();
        for k in &f.known {
            if k.id.is_empty() || !k.id.bytes().all(|b| b.is_ascii_digit()) || !ids.insert(&k.id) {
                fail(
                    &origin,
                    &format!("form id {:?} is not digits or is listed twice", k.id),
                );
            }
            let _ = write!(
                known,
                "KnownForm {{ id: {:?}, platform: {}, year: {} }}, ",
                k.id,
                platform(&k.platform, &origin),
                k.year
            );
        }
        let mut title = String::new();
        let mut reason = String::new();
        let mut avoid = String::new();
        for (lang, words) in langs {
            let w = words.of(&f.kind);
            let gs: Vec<String> = w.title.iter().map(|g| words_joined(g)).collect();
            let _ = write!(
                title,
                "TitleRule {{ lang: {lang:?}, joined: {:?} }}, ",
                gs.join(&GROUP_END.to_string())
            );
            let _ = write!(
                reason,
                "Words {{ lang: {lang:?}, joined: {:?} }}, ",
                words_joined(&w.reason)
            );
            let _ = write!(
                avoid,
                "Words {{ lang: {lang:?}, joined: {:?} }}, ",
                words_joined(&w.avoid)
            );
        }
        let _ = writeln!(
            code,
            "    FormRule {{ kind: {kind}, known: &[{known}], title: &[{title}], reason: &[{reason}], avoid: &[{avoid}] }},"
        );
    }
    code.push_str("];\n\npub static OPTIONAL: &[Words] = &[\n");
    for (lang, words) in langs {
        let _ = writeln!(
            code,
            "    Words {{ lang: {lang:?}, joined: {:?} }},",
            words_joined(&words.optional)
        );
    }
    code.push_str("];\n");
    code
}

struct Letter {
    locale: String,
    id: String,
    title: String,
    description: String,
    form: &'static str,
    /// The letter states facts that may not be true for everyone (`facts: yes`).
    facts: bool,
    body: String,
}

/// The laws a letter may cite, in the order of `core::data::Law`, and the pieces each locale's
/// `law.toml` gives for each (see `src/letters/en/law.toml`).
const LAWS: [&str; 5] = ["gdpr", "uk", "ch", "lgpd", "none"];
use template::LAW_KEYS;

/// One locale's law pieces, law by law in [`LAWS`] order, each in [`LAW_KEYS`] order.
fn read_law(path: &Path) -> Vec<Vec<String>> {
    let origin = path.display().to_string();
    println!("cargo:rerun-if-changed={origin}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| fail(&origin, &e.to_string()));
    let table: BTreeMap<String, BTreeMap<String, String>> =
        toml::from_str(&text).unwrap_or_else(|e| fail(&origin, &e.to_string()));
    let mut names: Vec<&String> = table.keys().collect();
    names.sort();
    let mut wanted: Vec<&str> = LAWS.to_vec();
    wanted.sort_unstable();
    if names.iter().map(|n| n.as_str()).collect::<Vec<_>>() != wanted {
        fail(
            &origin,
            &format!("needs exactly the sections {LAWS:?}, has {names:?}"),
        );
    }
    LAWS.iter()
        .map(|law| {
            let pieces = &table[*law];
            if let Some(extra) = pieces.keys().find(|k| !LAW_KEYS.contains(&k.as_str())) {
                fail(
                    &origin,
                    &format!("[{law}]: unknown key {extra:?} (keys: {LAW_KEYS:?})"),
                );
            }
            LAW_KEYS
                .iter()
                .map(|key| {
                    let piece = pieces
                        .get(*key)
                        .unwrap_or_else(|| fail(&origin, &format!("[{law}] has no {key:?}")));
                    if piece.contains(['{', '}', '[', ']', '\n']) || piece.trim() != piece {
                        fail(
                            &origin,
                            &format!(
                                "[{law}] {key}: no brackets, line breaks or spaces at the ends"
                            ),
                        );
                    }
                    piece.clone()
                })
                .collect()
        })
        .collect()
}

/// One locale's `names.toml` (written by tools/names.mjs): the countries, a list of [code, name]
/// in the locale's alphabetical order.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Names {
    countries: Vec<(String, String)>,
}

/// `src/rules/residences.toml`.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ResidenceFile {
    residence: Vec<Residence>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct Residence {
    code: String,
    law: String,
    authority: String,
    authority_en: String,
    site: String,
    complaint: String,
}

fn read_residences(path: &Path) -> Vec<Residence> {
    let origin = path.display().to_string();
    println!("cargo:rerun-if-changed={origin}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| fail(&origin, &e.to_string()));
    let file: ResidenceFile =
        toml::from_str(&text).unwrap_or_else(|e| fail(&origin, &e.to_string()));
    let mut seen = std::collections::BTreeSet::new();
    for r in &file.residence {
        if r.code.len() != 2 || !r.code.bytes().all(|b| b.is_ascii_uppercase()) {
            fail(
                &origin,
                &format!("{:?} is not an ISO 3166-1 alpha-2 code", r.code),
            );
        }
        if !seen.insert(r.code.clone()) {
            fail(&origin, &format!("{} is listed twice", r.code));
        }
        if !LAWS[..4].contains(&r.law.as_str()) {
            fail(
                &origin,
                &format!("{}: law {:?} is not one of {:?}", r.code, r.law, &LAWS[..4]),
            );
        }
        for url in [&r.site, &r.complaint] {
            if !url.starts_with("https://") || url.contains(char::is_whitespace) {
                fail(
                    &origin,
                    &format!("{}: {url:?} is not an https address", r.code),
                );
            }
        }
        if r.authority.is_empty() || r.authority_en.is_empty() {
            fail(
                &origin,
                &format!("{}: the authority needs its names", r.code),
            );
        }
    }
    file.residence
}

/// The Rust name of a law (`core::data::Law`).
fn law_variant(law: &str) -> &'static str {
    match law {
        "gdpr" => "Law::Gdpr",
        "uk" => "Law::Uk",
        "ch" => "Law::Ch",
        "lgpd" => "Law::Lgpd",
        _ => "Law::None",
    }
}

/// Checks that `names` names every residence once.
fn check_names(origin: &str, names: &Names, codes: &[&str]) {
    let mut have: Vec<&str> = names.countries.iter().map(|(c, _)| c.as_str()).collect();
    have.sort_unstable();
    let mut want = codes.to_vec();
    want.sort_unstable();
    if have != want || names.countries.iter().any(|(_, n)| n.is_empty()) {
        fail(
            origin,
            &format!("countries must name exactly {want:?} (run node tools/names.mjs)"),
        );
    }
}

/// A letter file (`<id>.txt`, `complaint.txt`): its header and its body, trimmed.
fn read_header_and_body(path: &Path) -> (String, String, String) {
    let origin = path.display().to_string();
    println!("cargo:rerun-if-changed={origin}");
    let text = fs::read_to_string(path).unwrap_or_else(|e| fail(&origin, &e.to_string()));
    let text = text.replace("\r\n", "\n");
    let (head, body) = text
        .split_once("\n---\n")
        .unwrap_or_else(|| fail(&origin, "no line '---' between the header and the letter"));
    (origin.clone(), head.to_string(), body.trim().to_string())
}

/// A locale's complaint to an authority (`complaint.txt`): title and body.
fn read_complaint(path: &Path) -> (String, String) {
    let (origin, head, body) = read_header_and_body(path);
    let title = head
        .trim()
        .strip_prefix("title:")
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| fail(&origin, "the header is one line 'title: …'"));
    (title, body)
}

fn parse_letter(path: &Path, locale: &str, id: &str) -> Letter {
    let (origin, head, body) = read_header_and_body(path);
    let mut letter = Letter {
        locale: locale.to_string(),
        id: id.to_string(),
        title: String::new(),
        description: String::new(),
        form: "FormKind::AiObjection",
        facts: false,
        body,
    };
    for line in head.lines().filter(|l| !l.trim().is_empty()) {
        let (key, value) = line.split_once(':').unwrap_or_else(|| {
            fail(
                &origin,
                &format!("header line {line:?} is not 'key: value'"),
            )
        });
        let value = value.trim().to_string();
        match key.trim() {
            "title" => letter.title = value,
            "description" => letter.description = value,
            "form" => letter.form = form_kind(&value, &origin),
            "facts" if value == "yes" => letter.facts = true,
            other => fail(&origin, &format!("unknown header key {other:?}")),
        }
    }
    if letter.title.is_empty() || letter.description.is_empty() {
        fail(&origin, "the header needs a title and a description");
    }
    if let Some(p) = template::COMPLAINT_ONLY
        .iter()
        .find(|p| letter.body.contains(&format!("{{{p}}}")))
    {
        fail(&origin, &format!("{{{p}}} belongs in complaint.txt only"));
    }
    letter
}

/// Checks a template as every law renders it: the law's pieces in, then the template check, and
/// no `{law.…}` left.
fn check_laws(origin: &str, body: &str, law: &[Vec<String>], free: &[&str]) {
    for (name, pieces) in LAWS.iter().zip(law) {
        let piece = |key: &str| {
            LAW_KEYS
                .iter()
                .position(|k| *k == key)
                .map(|i| pieces[i].as_str())
        };
        let expanded = template::expand_law(body, &piece);
        if let Some(at) = expanded.find(template::LAW_TOKEN) {
            let token: String = expanded[at..].chars().take(30).collect();
            fail(origin, &format!("unknown law piece {token:?}"));
        }
        let problems = template::check_with(&expanded, free);
        if !problems.is_empty() {
            fail(
                origin,
                &format!("with the law {name}: {}", problems.join("; ")),
            );
        }
    }
}

fn read_letters(dir: &Path) -> Vec<Letter> {
    let order_file = dir.join("order.txt");
    let origin = order_file.display().to_string();
    println!("cargo:rerun-if-changed={origin}");
    let order_text =
        fs::read_to_string(&order_file).unwrap_or_else(|e| fail(&origin, &e.to_string()));
    let order: Vec<&str> = order_text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut letters = Vec::new();
    let mut locales: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| fail(&dir.display().to_string(), &e.to_string()))
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    locales.sort();
    for locale_dir in locales {
        let locale = locale_dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let mut ids: Vec<String> = fs::read_dir(&locale_dir)
            .unwrap_or_else(|e| fail(&locale_dir.display().to_string(), &e.to_string()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .filter_map(|p| p.file_stem().and_then(|n| n.to_str()).map(str::to_string))
            .filter(|id| id != "complaint")
            .collect();
        ids.sort();
        let mut wanted: Vec<String> = order.iter().map(|s| s.to_string()).collect();
        wanted.sort();
        if ids != wanted {
            fail(
                &locale_dir.display().to_string(),
                &format!("has letters {ids:?}, but order.txt lists {wanted:?}"),
            );
        }
        for id in &order {
            letters.push(parse_letter(
                &locale_dir.join(format!("{id}.txt")),
                &locale,
                id,
            ));
        }
    }
    letters
}

/// Messages only the browser or the JavaScript shows (the manifest; app.js when the WebAssembly
/// cannot start), which the WebAssembly does not carry.
const BROWSER_ONLY: [&str; 3] = ["extDescription", "extShortName", "startFailed"];

/// The interface's messages (`extension/_locales/<locale>/messages.json`, the browser's own
/// format): one sorted key list, and per locale the messages in that order ("" where a locale
/// lacks one, which falls back to English at run time).
fn read_ui(dir: &Path) -> Vec<(String, BTreeMap<String, String>)> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut locales: Vec<(String, BTreeMap<String, String>)> = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| fail(&dir.display().to_string(), &e.to_string()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    entries.sort();
    for path in entries {
        let file = path.join("messages.json");
        println!("cargo:rerun-if-changed={}", file.display());
        let origin = file.display().to_string();
        let text = fs::read_to_string(&file).unwrap_or_else(|e| fail(&origin, &e.to_string()));
        let json: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| fail(&origin, &e.to_string()));
        let Some(object) = json.as_object() else {
            fail(&origin, "is not a JSON object")
        };
        let mut messages = BTreeMap::new();
        for (key, entry) in object {
            let Some(message) = entry.get("message").and_then(|m| m.as_str()) else {
                fail(&origin, &format!("{key} has no \"message\""))
            };
            if !BROWSER_ONLY.contains(&key.as_str()) {
                messages.insert(key.clone(), message.to_string());
            }
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        locales.push((name, messages));
    }
    if !locales.iter().any(|(name, _)| name == "en") {
        fail(&dir.display().to_string(), "has no en/messages.json")
    }
    locales
}

/// All text (letters and interface) goes into one string, language by language, so that each
/// language's words lie together in the WebAssembly and compress well in the extension's zip; the
/// statics point into it (`cut`, checked at compile time).
struct Text {
    text: String,
}

impl Text {
    fn cut(&mut self, piece: &str) -> String {
        let start = self.text.len();
        self.text.push_str(piece);
        format!("cut({start}, {})", self.text.len())
    }
}

/// Ends each interface message and each letter's title, description and body in the text, and
/// separates the patterns of a form rule (`core::data::PIECE_END`).
const PIECE_END: char = '\u{1}';
/// Separates the pattern groups of a title rule (`core::data`).
const GROUP_END: char = '\u{2}';

/// The message whose plural form `key` is (`charCount_one` → `charCount`), if it is one.
fn plural_of<'a>(key: &'a str, english: &BTreeMap<String, String>) -> Option<&'a str> {
    plural_base(key).filter(|base| english.contains_key(*base))
}

/// Appends `piece` and PIECE_END to `joined`; a piece holding PIECE_END itself stops the build.
fn push_piece(joined: &mut String, piece: &str, origin: &str, what: &str) {
    if piece.contains(PIECE_END) {
        fail(origin, &format!("{what} contains the character U+0001"));
    }
    joined.push_str(piece);
    joined.push(PIECE_END);
}

/// The letter ids in catalogue order (every locale has each, `read_letters` checks) and the form
/// each is for, which must be the same in every locale.
fn letter_ids(letters: &[Letter]) -> Vec<String> {
    let mut ids: Vec<(&str, &str, bool)> = Vec::new();
    for l in letters {
        match ids.iter().find(|(id, _, _)| *id == l.id) {
            Some((_, form, facts)) if *form != l.form || *facts != l.facts => fail(
                &format!("src/letters/{}/{}.txt", l.locale, l.id),
                &format!(
                    "its form or 'facts:' differs from the other locales' {} letters",
                    l.id
                ),
            ),
            Some(_) => {}
            None => ids.push((&l.id, l.form, l.facts)),
        }
    }
    ids.iter()
        .map(|(id, form, facts)| format!("    ({id:?}, {form}, {facts}),\n"))
        .collect()
}

/// The Rust name of a message key: `actionCancel` is `ActionCancel`, `platform_facebook` is
/// `PlatformFacebook`.
fn msg_variant(key: &str) -> String {
    let mut name = String::new();
    for part in key.split('_') {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars);
        }
    }
    name
}

/// The message keys as an enum (`core::ui::Msg`), so that a wrong key does not compile: each
/// variant's discriminant is its message's place in every locale's text.
fn msg_code(keys: &[&String]) -> String {
    let origin = "extension/_locales/en/messages.json";
    let mut names = std::collections::BTreeSet::new();
    let mut code = String::from(
        "/// An interface message, from `extension/_locales/en/messages.json` (the manifest's \
         own messages aside); its discriminant is its place in [`UI_LOCALES`]' text.\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Msg {\n",
    );
    let mut all = String::new();
    let mut key_arms = String::new();
    for (n, k) in keys.iter().enumerate() {
        let name = msg_variant(k);
        if name.is_empty()
            || !name.bytes().all(|b| b.is_ascii_alphanumeric())
            || !name.as_bytes()[0].is_ascii_alphabetic()
            || !names.insert(name.clone())
        {
            fail(
                origin,
                &format!("message key {k:?} does not make a unique Rust name ({name:?})"),
            );
        }
        let _ = writeln!(code, "    {name} = {n},");
        let _ = write!(all, "Msg::{name}, ");
        let _ = writeln!(key_arms, "            Msg::{name} => {k:?},");
    }
    let _ = write!(
        code,
        "}}\n\nimpl Msg {{\n    \
         /// Every message, in key order (for tests).\n    \
         #[doc(hidden)]\n    \
         pub const ALL: [Msg; {}] = [{all}];\n\n    \
         /// The message's key in messages.json (for tests; the WebAssembly does not need it).\n    \
         #[doc(hidden)]\n    \
         pub fn key(self) -> &'static str {{\n        match self {{\n{key_arms}        }}\n    }}\n}}\n",
        keys.len()
    );
    code
}

/// What a locale has besides its letters: its law pieces, its complaint, its names.
struct LocaleExtras {
    law: Vec<Vec<String>>,
    complaint: (String, String),
    names: Names,
}

fn text_code(
    letters: &[Letter],
    extras: &BTreeMap<String, LocaleExtras>,
    ui: &[(String, BTreeMap<String, String>)],
) -> String {
    let mut text = Text {
        text: String::new(),
    };
    let mut letter_code = Vec::new();
    let mut ui_code: BTreeMap<&str, String> = BTreeMap::new();
    let english = ui
        .iter()
        .find(|(name, _)| name == "en")
        .map(|(_, m)| m.clone())
        .unwrap_or_default();
    // The messages; a plural form (`charCount_one`) goes with its message.
    let keys: Vec<&String> = english
        .keys()
        .filter(|k| plural_of(k, &english).is_none())
        .collect();
    for (name, messages) in ui {
        for k in messages.keys() {
            if !english.contains_key(k) && plural_of(k, &english).is_none() {
                fail(
                    &format!("extension/_locales/{name}/messages.json"),
                    &format!("{k} is neither an English message nor a plural form of one"),
                );
            }
        }
    }
    // A locale's messages in key order, each followed by PIECE_END (no table of slices: the core
    // finds message n by counting separators, which costs nothing next to drawing a page). A
    // message's plural forms follow it, each after PLURAL_MARK and its category's letter.
    let ui_entry = |text: &mut Text, name: &str, messages: &BTreeMap<String, String>| {
        let mut joined = String::new();
        for k in &keys {
            let message = messages.get(*k).map_or("", String::as_str);
            let mut piece = message.to_string();
            for (_, category, mark) in PLURALS {
                // A form that reads as the message itself need not be carried: it is the
                // fallback (Hungarian's singular after a number, a label such as "Zeichen: $1").
                let form = messages.get(&format!("{k}_{category}"));
                if let Some(form) = form.filter(|f| f.as_str() != message) {
                    if form.contains(PLURAL_MARK) || form.is_empty() {
                        fail(name, &format!("{k}_{category} is empty or holds U+0002"));
                    }
                    piece.push(PLURAL_MARK);
                    piece.push(mark);
                    piece.push_str(form);
                }
            }
            push_piece(&mut joined, &piece, name, &format!("message {k}"));
        }
        format!("    ({name:?}, {}),\n", text.cut(&joined))
    };
    let mut locales: Vec<&str> = letters.iter().map(|l| l.locale.as_str()).collect();
    locales.dedup();
    for locale in locales {
        // The locale's letters in catalogue order: title, description and body, each ended by
        // PIECE_END (the core finds letter n by counting, as it finds messages).
        let mut joined = String::new();
        for l in letters.iter().filter(|l| l.locale == locale) {
            let origin = format!("src/letters/{locale}/{}.txt", l.id);
            for (what, piece) in [
                ("title", &l.title),
                ("description", &l.description),
                ("letter", &l.body),
            ] {
                push_piece(&mut joined, piece, &origin, what);
            }
        }
        // Then the complaint, the law pieces, the countries and the languages (`core::letters`
        // counts its way to them).
        let origin = format!("src/letters/{locale}");
        let x = &extras[locale];
        push_piece(&mut joined, &x.complaint.0, &origin, "complaint title");
        push_piece(&mut joined, &x.complaint.1, &origin, "complaint");
        for piece in x.law.iter().flatten() {
            push_piece(&mut joined, piece, &origin, "law piece");
        }
        for (code, name) in &x.names.countries {
            push_piece(&mut joined, code, &origin, "code");
            push_piece(&mut joined, name, &origin, "name");
        }
        letter_code.push(format!("    ({locale:?}, {}),\n", text.cut(&joined)));
        let dir = locale::ui_name(locale);
        if let Some((name, messages)) = ui.iter().find(|(name, _)| *name == dir) {
            let entry = ui_entry(&mut text, name, messages);
            ui_code.insert(name.as_str(), entry);
        }
    }
    for (name, messages) in ui {
        if !ui_code.contains_key(name.as_str()) {
            let entry = ui_entry(&mut text, name, messages);
            ui_code.insert(name.as_str(), entry);
        }
    }
    let mut code = format!("static TEXT: &str = {:?};\n\n", text.text);
    code.push_str(
        "/// A piece of [`TEXT`]; the bounds are checked when the crate compiles.\n\
         const fn cut(start: usize, end: usize) -> &'static str {\n    \
         TEXT.split_at(end).0.split_at(start).1\n}\n\n",
    );
    code.push_str(
        "/// The built-in letters' ids in catalogue order, and the form each is for.\n\
         pub static LETTER_IDS: &[(&str, FormKind, bool)] = &[\n",
    );
    code.extend(letter_ids(letters));
    code.push_str(
        "];\n\n/// Per locale, its letters in catalogue order: title, description and body of \
         each, each ended by U+0001; then the complaint's title and body, the law pieces (law by \
         law, key by key), and code and name of each country in the locale's alphabetical \
         order.\npub static LETTER_LOCALES: &[(&str, &str)] = &[\n",
    );
    code.extend(letter_code);
    code.push_str("];\n\n");
    code.push_str(&msg_code(&keys));
    code.push_str("\npub static UI_LOCALES: &[(&str, &str)] = &[\n");
    code.extend(ui_code.into_values());
    code.push_str("];\n");
    code
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = root.join("src/rules/forms.toml");
    let letters = root.join("src/letters");
    println!("cargo:rerun-if-changed={}", rules.display());
    println!("cargo:rerun-if-changed={}", letters.display());
    if let Ok(entries) = fs::read_dir(&letters) {
        for e in entries.flatten() {
            println!("cargo:rerun-if-changed={}", e.path().display());
        }
    }
    let langs = read_words(&root.join("src/rules/words"));
    let letters_read = read_letters(&letters);
    // Every language of the letters has its words, so a form in that language is recognised.
    for l in &letters_read {
        let lang = l.locale.split('-').next().unwrap_or_default();
        if !langs.contains_key(lang) {
            fail(
                "src/rules/words",
                &format!("letters are in {:?}, but there is no {lang}.toml", l.locale),
            );
        }
    }
    let residences = read_residences(&root.join("src/rules/residences.toml"));
    let codes: Vec<&str> = residences.iter().map(|r| r.code.as_str()).collect();
    let mut locales: Vec<&str> = letters_read.iter().map(|l| l.locale.as_str()).collect();
    locales.dedup();
    let mut extras = BTreeMap::new();
    for locale in &locales {
        let dir = letters.join(locale);
        let law = read_law(&dir.join("law.toml"));
        for l in letters_read.iter().filter(|l| l.locale == *locale) {
            check_laws(
                &format!("src/letters/{locale}/{}.txt", l.id),
                &l.body,
                &law,
                &["date"],
            );
        }
        let complaint = read_complaint(&dir.join("complaint.txt"));
        check_laws(
            &format!("src/letters/{locale}/complaint.txt"),
            &complaint.1,
            &law,
            &["date", "sent", "platform"],
        );
        let names_path = dir.join("names.toml");
        let origin = names_path.display().to_string();
        println!("cargo:rerun-if-changed={origin}");
        let text =
            fs::read_to_string(&names_path).unwrap_or_else(|e| fail(&origin, &e.to_string()));
        let names: Names = toml::from_str(&text).unwrap_or_else(|e| fail(&origin, &e.to_string()));
        check_names(&origin, &names, &codes);
        extras.insert(
            locale.to_string(),
            LocaleExtras {
                law,
                complaint,
                names,
            },
        );
    }
    let mut code = rules_code(&rules, &langs);
    code.push('\n');
    code.push_str(&text_code(
        &letters_read,
        &extras,
        &read_ui(&root.join("extension/_locales")),
    ));
    code.push_str("\n/// Where a person may live (`src/rules/residences.toml`), by code.\npub static RESIDENCES: &[Residence] = &[\n");
    for r in &residences {
        let _ = writeln!(
            code,
            "    Residence {{ code: {:?}, law: {}, authority: {:?}, authority_en: {:?}, site: {:?}, complaint: {:?} }},",
            r.code,
            law_variant(&r.law),
            r.authority,
            r.authority_en,
            r.site,
            r.complaint
        );
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("data.rs");
    fs::write(&out, code).expect("write generated data");
}
