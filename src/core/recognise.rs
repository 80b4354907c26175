//! Is this page one of Meta's AI objection forms, in which language, and which field takes the
//! reason? Pure: a page report in, a verdict with its reasons out.

use serde::Serialize;

use super::data::{FormKind, FormRule, HostRule, Platform, FORMS, HOSTS};
use super::fold::{contains_pattern, fold};
use super::report::{FieldKind, FieldReport, PageReport};

/// The verdict on a page.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
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
    /// The field that takes the reason, when there is one.
    pub field: Option<FieldChoice>,
    /// Why, in plain words, step by step.
    pub why: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// The form number is one we know.
    KnownId,
    /// Unknown number, but the title or a heading says what the form is.
    Title,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldChoice {
    pub index: u32,
    /// The shim's reference to the element (see [`FieldReport::reference`]).
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: FieldKind,
    /// The field's `name` and `id` as reported: with `kind` and `value_length`, what tells that
    /// the box is still the same one when the popup writes later (see `fill::Expect`).
    pub name: String,
    pub id: String,
    pub value_length: u32,
    pub max_length: Option<u32>,
    pub why: String,
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

fn host_matches(host: &str, rule: &HostRule) -> bool {
    host == rule.domain
        || host
            .strip_suffix(rule.domain)
            .is_some_and(|sub| sub.ends_with('.') && sub.len() > 1)
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
    let subdomain_lang = locale_code(first_label).filter(|_| first_label.contains(['-', '_']));
    Some(ContactUrl {
        platform,
        form_id: (*id).to_string(),
        subdomain_lang,
    })
}

/// Turns a locale like `de_DE`, `de-de`, `pt-BR` or `en` into our code: the language in lower
/// case, keeping the region only where letters differ by it (`pt-br`, `en-gb`).
pub fn locale_code(locale: &str) -> Option<String> {
    let mut parts = locale.trim().split(['_', '-']);
    let lang = parts.next()?.to_ascii_lowercase();
    if !(2..=3).contains(&lang.len()) || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let region = parts
        .next()
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    Some(match (lang.as_str(), region.as_str()) {
        ("pt", "br") | ("en", "gb") => format!("{lang}-{region}"),
        ("nn" | "no", _) => "nb".to_string(),
        _ => lang,
    })
}

fn title_match(rule: &FormRule, texts: &[String]) -> Option<&'static str> {
    rule.title.iter().find_map(|t| {
        texts
            .iter()
            .any(|text| t.groups().all(|mut g| g.any(|p| contains_pattern(text, p))))
            .then_some(t.lang)
    })
}

fn any_word(rule_lists: &[super::data::Words], folded: &str) -> Option<&'static str> {
    rule_lists
        .iter()
        .flat_map(|w| w.patterns())
        .find(|p| contains_pattern(folded, p))
}

fn label_weight(source: &str) -> u32 {
    match source {
        "for" | "wrap" | "aria-labelledby" | "aria-label" => 3,
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

/// Chooses the field for the reason: the one whose label says it asks for the reason, never one
/// whose label says it is something else (additional information, search, email, name…).
fn choose_field(rule: &FormRule, fields: &[FieldReport]) -> Result<FieldChoice, String> {
    let mut best: Option<(u32, &FieldReport, &str)> = None;
    let mut spare: Vec<&FieldReport> = Vec::new();
    for f in fields {
        if !f.visible || f.disabled || f.read_only || !text_input(f) {
            continue;
        }
        let mut avoided = false;
        let mut score = 0;
        let mut matched = "";
        for label in &f.labels {
            let folded = fold(&label.text);
            if any_word(rule.avoid, &folded).is_some() {
                avoided = true;
                break;
            }
            if let Some(word) = any_word(rule.reason, &folded) {
                let s = label_weight(&label.source) * 10 + u32::from(f.kind.multiline()) * 5;
                if s > score {
                    score = s;
                    matched = word;
                }
            }
        }
        if avoided {
            continue;
        }
        if score > 0 {
            if best.is_none_or(|(s, _, _)| score > s) {
                best = Some((score, f, matched));
            }
        } else if f.kind.multiline() {
            spare.push(f);
        }
    }
    let choice = |f: &FieldReport, why: String| FieldChoice {
        index: f.index,
        reference: f.reference.clone(),
        kind: f.kind,
        name: f.name.clone(),
        id: f.id.clone(),
        value_length: f.value_length,
        max_length: f.max_length,
        why,
    };
    if let Some((_, f, word)) = best {
        return Ok(choice(
            f,
            format!("its label asks for the reason (\u{201c}{word}\u{201d})"),
        ));
    }
    match spare.as_slice() {
        [only] => Ok(choice(
            only,
            "it is the only free text box on the form".to_string(),
        )),
        [] => Err("no visible text box on the page asks for the reason".to_string()),
        _ => Err("several text boxes, and none of their labels asks for the reason".to_string()),
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
    let hidden_id = report
        .hidden_value("support_form_id")
        .filter(|v| v.bytes().all(|b| b.is_ascii_digit()));
    let known = [hidden_id, Some(url.form_id.as_str())]
        .into_iter()
        .flatten()
        .find_map(|id| {
            FORMS
                .iter()
                .find_map(|rule| rule.known.iter().find(|k| k.id == id).map(|k| (rule, k)))
        });
    let texts: Vec<String> = std::iter::once(&report.title)
        .chain(report.headings.iter())
        .map(|t| fold(t))
        .collect();
    let by_title: Vec<(&FormRule, &'static str)> = FORMS
        .iter()
        .filter_map(|rule| title_match(rule, &texts).map(|lang| (rule, lang)))
        .collect();
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
    verdict.locale = [
        report
            .hidden_value("support_form_locale_id")
            .and_then(locale_code),
        locale_code(&report.lang),
        url.subdomain_lang.clone(),
        title_lang(rule.kind).map(str::to_string),
    ]
    .into_iter()
    .flatten()
    .next();
    verdict.lang = verdict
        .locale
        .as_ref()
        .map(|l| l.split('-').next().unwrap_or(l).to_string());
    match choose_field(rule, &report.fields) {
        Ok(choice) => {
            verdict.why.push(format!(
                "field {} takes the reason: {}",
                choice.index, choice.why
            ));
            verdict.field = Some(choice);
        }
        Err(why) => verdict.why.push(why),
    }
    verdict
}
