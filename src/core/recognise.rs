//! Is this page one of Meta's AI objection forms, in which language, and which field takes the
//! reason? Pure: a page report in, a verdict with its reasons out.

use super::data::{
    FormKind, FormRule, HostRule, Platform, TitleRule, Words, FORMS, HOSTS, OPTIONAL,
};
use super::fold::{contains_pattern, fold};
use super::locale::page_locale;
use super::report::{FieldKind, FieldReport, Label, PageReport};

/// The verdict on a page.
#[derive(Debug, Clone, PartialEq)]
pub struct Recognition {
    /// `None`: not one of the forms.
    pub form: Option<FormKind>,
    pub platform: Option<Platform>,
    /// The form's number (from Meta's hidden input or the URL).
    pub form_id: Option<String>,
    /// How the form was recognised.
    pub basis: Option<Basis>,
    /// The year of the form version, for known form numbers.
    pub year: Option<u16>,
    /// The form's language, a lower-case code like `pl`, when known.
    pub lang: Option<String>,
    /// The form's locale where letters may differ by region (`en-gb`, `pt-br`), else the same as
    /// `lang`.
    pub locale: Option<String>,
    /// The field that takes the reason, when the core is sure of one.
    pub field: Option<FieldChoice>,
    /// When it is not sure: the boxes that may take the reason, in page order, for the person to
    /// choose from. Empty when `field` is set or when no box may take it.
    pub candidates: Vec<FieldChoice>,
    /// The country the form's own country field names, when the person chose one there (a
    /// code of `letters::residences`): it preselects where they live.
    pub residence: Option<&'static str>,
    /// Why, in plain words, step by step.
    pub why: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// The form number is one we know.
    KnownId,
    /// Unknown number, but the title or a heading says what the form is.
    Title,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldChoice {
    pub index: u32,
    /// The shim's reference to the element (see [`FieldReport::reference`]).
    pub reference: String,
    pub kind: FieldKind,
    /// The field's `name` and `id` as reported: with `kind` and `value_length`, what tells that
    /// the box is still the same one when the popup writes later (see `fill::Expect`).
    pub name: String,
    pub id: String,
    pub value_length: u32,
    pub max_length: Option<u32>,
    /// What a person reads as the box's label (empty when it has none).
    pub label: String,
    /// The box has the keyboard focus, or the pointer is over it, in the page.
    pub pointed: bool,
    pub why: String,
}

impl FieldChoice {
    /// What identifies the box across visits to the same form, for remembering the person's
    /// choice: Meta's numeric field id where it has one (generated ids such as `u_0_5` change
    /// with each load), else its name, else its place among the candidates.
    pub fn key(&self, position: usize) -> String {
        if !self.id.is_empty() && self.id.bytes().all(|b| b.is_ascii_digit()) {
            format!("id:{}", self.id)
        } else if !self.name.is_empty() {
            format!("name:{}", self.name)
        } else {
            format!("at:{position}")
        }
    }
}

/// A help-centre contact URL on one of Meta's hosts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactUrl {
    pub platform: Platform,
    pub form_id: String,
    /// Language from a locale subdomain like `de-de.facebook.com`.
    pub subdomain_lang: Option<String>,
}

/// The host of an `https://` URL, lower case, without port; `None` for anything else.
fn https_host_and_path(url: &str) -> Option<(String, &str)> {
    let rest = url.trim().strip_prefix("https://")?;
    let end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = &rest[..end];
    if authority.contains('@') {
        return None;
    }
    let host = authority
        .split(':')
        .next()?
        .trim_end_matches('.')
        .to_ascii_lowercase();
    // A host name is letters, digits, dots and hyphens; anything else is a trick, not Meta's host.
    if host.is_empty()
        || !host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
    {
        return None;
    }
    let path_end = rest[end..].find(['?', '#']).map_or(rest.len(), |i| end + i);
    Some((host, &rest[end..path_end]))
}

/// Whether `host` is `domain` or one of its subdomains.
fn host_on(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1)
}

fn host_matches(host: &str, rule: &HostRule) -> bool {
    host_on(host, rule.domain)
}

/// The platform whose site `url` is on (any page of `facebook.com` or `instagram.com` and their
/// subdomains), for the popup off the form.
pub fn site_platform(url: &str) -> Option<Platform> {
    let (host, _) = https_host_and_path(url)?;
    if host_on(&host, "facebook.com") {
        Some(Platform::Facebook)
    } else if host_on(&host, "instagram.com") {
        Some(Platform::Instagram)
    } else {
        None
    }
}

/// Whether `url` is a page of Facebook's or Instagram's help centre at all (the hosts the
/// extension may look at).
pub fn is_meta_host(url: &str) -> bool {
    https_host_and_path(url).is_some_and(|(host, _)| HOSTS.iter().any(|r| host_matches(&host, r)))
}

/// Reads a contact-form URL: `https://<any>.facebook.com/help/contact/<digits>` (also with a
/// prefix such as `/help/instagram/contact/…`) or `https://help.instagram.com/contact/<digits>`.
pub fn parse_contact_url(url: &str) -> Option<ContactUrl> {
    let (host, path) = https_host_and_path(url)?;
    let rule = HOSTS.iter().find(|r| host_matches(&host, r))?;
    if !path.starts_with(rule.path_prefix) {
        return None;
    }
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let at = segments
        .iter()
        .position(|s| s.eq_ignore_ascii_case("contact"))?;
    let id = segments.get(at + 1)?;
    if id.is_empty() || id.len() > 24 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let platform = if segments[..at]
        .iter()
        .any(|s| s.eq_ignore_ascii_case("instagram"))
    {
        Platform::Instagram
    } else {
        rule.platform
    };
    let first_label = host.split('.').next().unwrap_or_default();
    let subdomain_lang = page_locale(first_label).filter(|_| first_label.contains(['-', '_']));
    Some(ContactUrl {
        platform,
        form_id: (*id).to_string(),
        subdomain_lang,
    })
}

fn title_match(rule: &FormRule, texts: &[String], lang: Option<&str>) -> Option<&'static str> {
    let matches = |t: &&TitleRule| {
        texts
            .iter()
            .any(|text| t.groups().all(|mut g| g.any(|p| contains_pattern(text, p))))
    };
    // The page's own language first: a word of one language may be an ordinary word of another.
    rule.title
        .iter()
        .filter(|t| Some(t.lang) == lang)
        .chain(rule.title.iter().filter(|t| Some(t.lang) != lang))
        .find(matches)
        .map(|t| t.lang)
}

/// The lists of the page's language; all of them when the page's language has none.
fn lists_for(lists: &'static [Words], lang: Option<&str>) -> Vec<&'static Words> {
    let own: Vec<&Words> = lists.iter().filter(|w| Some(w.lang) == lang).collect();
    if own.is_empty() {
        lists.iter().collect()
    } else {
        own
    }
}

fn any_word(lists: &[&'static Words], folded: &str) -> Option<&'static str> {
    lists
        .iter()
        .flat_map(|w| w.patterns())
        .find(|p| contains_pattern(folded, p))
}

/// Whether a label carries the "optional" marker of `lang` (of any language when `lang` has no
/// list), such as "(optional)" or "(facultatif)".
pub fn has_optional_marker(lang: &str, label: &str) -> bool {
    any_word(&lists_for(OPTIONAL, Some(lang)), &fold(label)).is_some()
}

/// How much a label's source tells about the box: what a person reads next to it counts most.
fn label_weight(source: &str) -> u32 {
    match source {
        "for" | "wrap" | "before" | "row" | "aria-labelledby" | "aria-label" => 3,
        "placeholder" => 2,
        _ => 1,
    }
}

fn text_input(f: &FieldReport) -> bool {
    match f.kind {
        FieldKind::Input => matches!(f.input_type.to_ascii_lowercase().as_str(), "" | "text"),
        _ => true,
    }
}

/// The field ids that Meta's `support_form_hidden_fields` marks as hidden (`{"<id>":true,…}`):
/// rows a choice has not revealed yet.
fn hidden_rows(report: &PageReport) -> Vec<String> {
    let Some(value) = report.hidden_value("support_form_hidden_fields") else {
        return Vec::new();
    };
    let compact: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    compact
        .split(',')
        .filter_map(|entry| {
            let (key, flag) = entry.trim_matches(['{', '}']).split_once(':')?;
            let key = key.trim_matches('"');
            (flag == "true" && !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()))
                .then(|| key.to_string())
        })
        .collect()
}

/// The position of the form that holds Meta's hidden form number, when it is in a `<form>`.
fn objection_form(report: &PageReport) -> Option<u32> {
    report
        .hidden
        .iter()
        .find(|h| h.name == "support_form_id" || h.name == "form_id")
        .and_then(|h| h.form)
}

/// A box that may take the reason, with what speaks for and against it.
struct Weighed<'a> {
    field: &'a FieldReport,
    /// The reason word its best label holds, with that label's weight.
    reason: Option<(u32, &'static str)>,
    required: bool,
    optional: bool,
    label: String,
}

/// The outcome of weighing the boxes.
enum Choice {
    Sure(FieldChoice),
    Unsure(Vec<FieldChoice>),
    None(String),
}

fn field_choice(w: &Weighed, why: String) -> FieldChoice {
    let f = w.field;
    FieldChoice {
        index: f.index,
        reference: f.reference.clone(),
        kind: f.kind,
        name: f.name.clone(),
        id: f.id.clone(),
        value_length: f.value_length,
        max_length: f.max_length,
        label: w.label.clone(),
        pointed: f.focused || f.hovered,
        why,
    }
}

/// Chooses the field for the reason. A box whose label says it is something else (additional
/// information, search, email, name…) never takes it; a box in another form than Meta's (the
/// email-code layer after Send), or in a row Meta keeps hidden, is not looked at. Among the
/// rest, the box whose label asks for the reason; else the only free-text box; else the one
/// box that is required where the others are optional. When nothing tells them apart, the
/// person chooses.
fn choose_field(rule: &FormRule, report: &PageReport, lang: Option<&str>) -> (Choice, Vec<String>) {
    let reason_words = lists_for(rule.reason, lang);
    let avoid_words = lists_for(rule.avoid, lang);
    let optional_words = lists_for(OPTIONAL, lang);
    let hidden = hidden_rows(report);
    let page_form = objection_form(report);
    let mut notes = Vec::new();
    let mut weighed: Vec<Weighed> = Vec::new();
    for f in &report.fields {
        if !f.visible || f.disabled || f.read_only || !text_input(f) {
            continue;
        }
        if page_form.is_some() && f.form != page_form {
            notes.push(format!(
                "field {} is outside Meta's form (a layer such as the email-code step)",
                f.index
            ));
            continue;
        }
        if !f.id.is_empty() && hidden.contains(&f.id) {
            notes.push(format!("field {} is in a row Meta keeps hidden", f.index));
            continue;
        }
        let mut w = Weighed {
            field: f,
            reason: None,
            required: f.required,
            optional: false,
            label: String::new(),
        };
        let mut avoided = None;
        // The row around a box, and a description, may hold text meant for the whole row or
        // form: they rule a box out only when nothing closer labels it.
        let loose = |l: &Label| matches!(l.source.as_str(), "row" | "nearby" | "aria-describedby");
        let only_loose = f.labels.iter().all(loose);
        for label in &f.labels {
            let folded = fold(&label.text);
            if let Some(word) =
                any_word(&avoid_words, &folded).filter(|_| only_loose || !loose(label))
            {
                avoided = Some(word);
                break;
            }
            if any_word(&optional_words, &folded).is_some() {
                w.optional = true;
            }
            if w.label.is_empty() && label.source != "aria-describedby" {
                w.label = label.text.clone();
            }
            if let Some(word) = any_word(&reason_words, &folded) {
                let weight = label_weight(&label.source);
                if w.reason.is_none_or(|(best, _)| weight > best) {
                    w.reason = Some((weight, word));
                }
            }
        }
        if let Some(word) = avoided {
            notes.push(format!(
                "field {} is not for the reason (its label says \u{201c}{word}\u{201d})",
                f.index
            ));
            continue;
        }
        // A one-line box is only taken when its label asks for the reason.
        if w.reason.is_some() || f.kind.multiline() {
            weighed.push(w);
        }
    }
    let signals = |w: &Weighed| {
        let mut s = Vec::new();
        if w.required {
            s.push("it is required");
        }
        if w.optional {
            s.push("its label says it is optional");
        }
        s.join(", ")
    };
    // 1. Labels that ask for the reason; the most telling label wins, a required box before an
    //    optional one, a free-text box before a one-line one.
    let rank = |w: &Weighed| {
        let (weight, _) = w.reason.unwrap_or((0, ""));
        (
            weight,
            u32::from(w.required) + u32::from(!w.optional),
            u32::from(w.field.kind.multiline()),
        )
    };
    // The best first and the next best second, the rest in page order (no sort: a sort costs
    // more code in the WebAssembly than this).
    let mut asked: Vec<&Weighed> = weighed.iter().filter(|w| w.reason.is_some()).collect();
    for place in 0..asked.len().min(2) {
        let best = (place..asked.len()).fold(place, |b, i| {
            if rank(asked[i]) > rank(asked[b]) {
                i
            } else {
                b
            }
        });
        asked.swap(place, best);
    }
    match asked.as_slice() {
        [] => {}
        [one] => {
            let word = one.reason.map(|(_, w)| w).unwrap_or_default();
            let why = format!("its label asks for the reason (\u{201c}{word}\u{201d})");
            return (Choice::Sure(field_choice(one, why)), notes);
        }
        [first, second, ..] if rank(first) > rank(second) => {
            let word = first.reason.map(|(_, w)| w).unwrap_or_default();
            let mut why = format!("its label asks for the reason (\u{201c}{word}\u{201d})");
            let s = signals(first);
            if !s.is_empty() {
                why.push_str(&format!("; {s}"));
            }
            why.push_str(&format!(", before field {}", second.field.index));
            return (Choice::Sure(field_choice(first, why)), notes);
        }
        several => {
            notes.push(format!(
                "{} boxes have labels that ask for the reason, and nothing tells them apart",
                several.len()
            ));
            let list = weighed
                .iter()
                .filter(|w| w.reason.is_some())
                .map(|w| field_choice(w, "its label asks for the reason".to_string()))
                .collect();
            return (Choice::Unsure(list), notes);
        }
    }
    // 2. No label asks for it: free-text boxes only.
    let free: Vec<&Weighed> = weighed
        .iter()
        .filter(|w| w.field.kind.multiline())
        .collect();
    match free.as_slice() {
        [] => (
            Choice::None("no visible text box on the page asks for the reason".to_string()),
            notes,
        ),
        [only] => (
            Choice::Sure(field_choice(
                only,
                "it is the only free text box on the form".to_string(),
            )),
            notes,
        ),
        several => {
            // The one required box among optional ones (or the one not marked optional).
            let required: Vec<&&Weighed> = several.iter().filter(|w| w.required).collect();
            let unmarked: Vec<&&Weighed> = several.iter().filter(|w| !w.optional).collect();
            let single = match (required.as_slice(), unmarked.as_slice()) {
                ([one], _) => Some((*one, "it is the only required free text box")),
                ([], [one]) => Some((*one, "the other free text boxes say they are optional")),
                _ => None,
            };
            if let Some((one, why)) = single {
                return (Choice::Sure(field_choice(one, why.to_string())), notes);
            }
            notes.push(format!(
                "{} free text boxes, and none of their labels asks for the reason",
                several.len()
            ));
            let list = several
                .iter()
                .map(|w| field_choice(w, "a free text box on the form".to_string()))
                .collect();
            (Choice::Unsure(list), notes)
        }
    }
}

/// Decides what the page is.
pub fn recognise(report: &PageReport) -> Recognition {
    let mut verdict = Recognition {
        form: None,
        platform: None,
        form_id: None,
        basis: None,
        year: None,
        lang: None,
        locale: None,
        field: None,
        candidates: Vec::new(),
        residence: None,
        why: Vec::new(),
    };
    let Some(url) = parse_contact_url(&report.url) else {
        verdict.why.push(if is_meta_host(&report.url) {
            "a Facebook or Instagram page, but not a help-centre contact form".to_string()
        } else {
            "not a page of Facebook's or Instagram's help centre".to_string()
        });
        return verdict;
    };
    let hidden_id = ["support_form_id", "form_id"]
        .into_iter()
        .filter_map(|name| report.hidden_value(name))
        .find(|v| v.bytes().all(|b| b.is_ascii_digit()));
    let known = [hidden_id, Some(url.form_id.as_str())]
        .into_iter()
        .flatten()
        .find_map(|id| {
            FORMS
                .iter()
                .find_map(|rule| rule.known.iter().find(|k| k.id == id).map(|k| (rule, k)))
        });
    // On m.facebook.com the form's id is its English title, in every language.
    let texts: Vec<String> = std::iter::once(&report.title)
        .chain(report.headings.iter())
        .chain(report.forms.iter().map(|f| &f.id))
        .map(|t| fold(t))
        .collect();
    let page_lang = [
        report
            .hidden_value("support_form_locale_id")
            .and_then(page_locale),
        page_locale(&report.lang),
        url.subdomain_lang.clone(),
    ]
    .into_iter()
    .flatten()
    .next();
    let page_lang_only = page_lang
        .as_deref()
        .map(|l| l.split('-').next().unwrap_or(l).to_string());
    let mut by_title: Vec<(&FormRule, &'static str)> = FORMS
        .iter()
        .filter_map(|rule| {
            title_match(rule, &texts, page_lang_only.as_deref()).map(|lang| (rule, lang))
        })
        .collect();
    // A title read in the page's own language outweighs one read in another language (a
    // Maltese "dritt" is a right, not German "Dritte"): the others count only when none is.
    if by_title
        .iter()
        .any(|(_, l)| Some(*l) == page_lang_only.as_deref())
    {
        by_title.retain(|(_, l)| Some(*l) == page_lang_only.as_deref());
    }
    // The language the title was written in, by the rule of the form that is chosen below.
    let title_lang = |kind: FormKind| {
        by_title
            .iter()
            .find(|(r, _)| r.kind == kind)
            .map(|(_, l)| *l)
    };
    let rule = if let Some((rule, k)) = known {
        verdict.basis = Some(Basis::KnownId);
        verdict.form_id = Some(k.id.to_string());
        verdict.year = Some(k.year);
        verdict.platform = Some(k.platform);
        verdict.why.push(format!(
            "form number {} is Meta's {} form ({})",
            k.id,
            rule.kind.as_str(),
            k.year
        ));
        rule
    } else {
        // The third-party form's title may also speak of objecting: the more specific rule wins.
        let chosen = by_title
            .iter()
            .find(|(r, _)| r.kind == FormKind::ThirdPartyData)
            .or(by_title.first());
        let Some((rule, lang)) = chosen else {
            verdict.why.push(format!(
                "help-centre form {} is not one we know, and its title does not say it is an objection to AI at Meta",
                url.form_id
            ));
            return verdict;
        };
        verdict.basis = Some(Basis::Title);
        verdict.form_id = Some(hidden_id.unwrap_or(&url.form_id).to_string());
        verdict.platform = Some(url.platform);
        verdict.why.push(format!(
            "its title says it is the {} form ({lang})",
            rule.kind.as_str()
        ));
        rule
    };
    verdict.form = Some(rule.kind);
    verdict.locale = page_lang.or(title_lang(rule.kind).map(str::to_string));
    verdict.lang = verdict
        .locale
        .as_ref()
        .map(|l| l.split('-').next().unwrap_or(l).to_string());
    // The form's own country field: a drop-down in Meta's form whose chosen option names a
    // country we know (by code or by name in any of our languages).
    let page_form = objection_form(report);
    verdict.residence = report
        .selected
        .iter()
        .filter(|s| page_form.is_none() || s.form == page_form)
        .find_map(|s| {
            // A code only in capitals: a lower-case "de" is more likely a language.
            let code = s.value.len() == 2 && s.value.bytes().all(|b| b.is_ascii_uppercase());
            code.then(|| crate::core::letters::residence(&s.value).map(|r| r.code))
                .flatten()
                .or_else(|| crate::core::letters::residence_from_text(&s.text))
        });
    if let Some(code) = verdict.residence {
        verdict
            .why
            .push(format!("the form's country field says {code}"));
    }
    let (choice, notes) = choose_field(rule, report, verdict.lang.as_deref());
    verdict.why.extend(notes);
    match choice {
        Choice::Sure(choice) => {
            verdict.why.push(format!(
                "field {} takes the reason: {}",
                choice.index, choice.why
            ));
            verdict.field = Some(choice);
        }
        Choice::Unsure(list) => {
            verdict.why.push(format!(
                "the person chooses among fields {}",
                list.iter()
                    .map(|c| c.index.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            verdict.candidates = list;
        }
        Choice::None(why) => verdict.why.push(why),
    }
    verdict
}
