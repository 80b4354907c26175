//! The facts the page shim reports about a page. Nothing here is trusted: every string may be
//! anything the page chose, and every list may be empty or huge.

use serde::{Deserialize, Serialize};

/// What the page shim saw on a page (see `docs/formats.md`).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct PageReport {
    pub url: String,
    /// The `lang` attribute of `<html>`.
    pub lang: String,
    /// `document.title`.
    pub title: String,
    /// Texts of headings, in order.
    pub headings: Vec<String>,
    /// Meta's hidden inputs that say which form this is: `support_form_id`,
    /// `support_form_locale_id`, `support_form_hidden_fields` and (m.facebook.com) `form_id`.
    pub hidden: Vec<HiddenInput>,
    /// Every text box on the page, in document order.
    pub fields: Vec<FieldReport>,
    /// The page's `<form>` elements that hold a text box or one of Meta's hidden inputs, in
    /// document order; fields and hidden inputs name theirs by position here.
    pub forms: Vec<FormReport>,
    /// The chosen option of each drop-down list (the form's own country field among them).
    pub selected: Vec<Selected>,
    /// The visible parts of the page outside Meta's form, directly in `<body>`: where Meta draws
    /// its email-code step and its confirmation after Send.
    pub overlays: Vec<Overlay>,
    /// The document has not finished loading (`document.readyState` is `loading`).
    pub loading: bool,
}

/// A `<form>` element of the page.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct FormReport {
    /// Its `id` attribute. On m.facebook.com this is the form's English internal title (for
    /// example "Object to Your Information Being Used for AI at Meta"), whatever the language.
    pub id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct HiddenInput {
    pub name: String,
    pub value: String,
    /// The form it belongs to (a position in [`PageReport::forms`]), if any.
    pub form: Option<u32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    #[default]
    Textarea,
    Input,
    Contenteditable,
}

impl FieldKind {
    /// Whether the box takes several lines of text.
    pub fn multiline(self) -> bool {
        !matches!(self, FieldKind::Input)
    }
}

/// A visible part of the page outside Meta's form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Overlay {
    /// Its text, up to 300 characters.
    pub text: String,
    /// The visible text boxes in it.
    pub inputs: u32,
    /// The buttons in it.
    pub buttons: u32,
}

/// A drop-down list's chosen option.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Selected {
    pub value: String,
    pub text: String,
    pub form: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct FieldReport {
    /// Position in the shim's list of fields.
    pub index: u32,
    /// The shim's name for the element, with the frames and shadow roots on the way to it
    /// (`f12/s40/e57`); write, read and undo act on exactly that element. Empty in reports from
    /// before frames and shadow roots were looked into.
    #[serde(rename = "ref")]
    pub reference: String,
    pub kind: FieldKind,
    /// The `type` of an `<input>`; empty for other kinds.
    #[serde(rename = "type")]
    pub input_type: String,
    pub name: String,
    pub id: String,
    pub labels: Vec<Label>,
    pub visible: bool,
    /// Characters of text in the field now, not counting white space around it.
    pub value_length: u32,
    /// The field's `maxlength`, when it has one.
    pub max_length: Option<u32>,
    pub disabled: bool,
    pub read_only: bool,
    /// The shim wrote into this field and remembers what it held before.
    pub can_undo: bool,
    /// `required` or `aria-required="true"`.
    pub required: bool,
    /// The form it belongs to (a position in [`PageReport::forms`]), if any.
    pub form: Option<u32>,
    /// It has the keyboard focus in the page.
    pub focused: bool,
    /// The pointer is over it in the page.
    pub hovered: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
pub struct Label {
    /// Where the text came from: `before` (the text a person reads just before the box), `for`,
    /// `wrap` (a label around it), `row` (the row or cell it stands in), `aria-labelledby`,
    /// `aria-label`, `aria-describedby`, `placeholder`, or `nearby` (reports of older shims).
    pub source: String,
    pub text: String,
}

/// Reports are cut to these sizes before any work, so a huge page costs little.
pub const MAX_TEXT: usize = 2_000;
pub const MAX_HEADINGS: usize = 40;
pub const MAX_FIELDS: usize = 500;
pub const MAX_LABELS: usize = 12;

fn cut(s: &mut String) {
    if s.len() > MAX_TEXT {
        let mut end = MAX_TEXT;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

impl PageReport {
    /// Cuts every list and text to the sizes above.
    pub fn bounded(mut self) -> PageReport {
        cut(&mut self.url);
        cut(&mut self.lang);
        cut(&mut self.title);
        self.headings.truncate(MAX_HEADINGS);
        self.headings.iter_mut().for_each(cut);
        self.hidden.truncate(MAX_HEADINGS);
        for h in &mut self.hidden {
            cut(&mut h.name);
            cut(&mut h.value);
        }
        self.forms.truncate(MAX_FIELDS);
        for f in &mut self.forms {
            cut(&mut f.id);
        }
        self.selected.truncate(MAX_HEADINGS);
        for o in &mut self.selected {
            cut(&mut o.value);
            cut(&mut o.text);
        }
        self.overlays.truncate(MAX_HEADINGS);
        self.overlays.iter_mut().for_each(|o| cut(&mut o.text));
        self.fields.truncate(MAX_FIELDS);
        for f in &mut self.fields {
            cut(&mut f.reference);
            cut(&mut f.input_type);
            cut(&mut f.name);
            cut(&mut f.id);
            f.labels.truncate(MAX_LABELS);
            for l in &mut f.labels {
                cut(&mut l.source);
                cut(&mut l.text);
            }
        }
        self
    }

    /// The value of a hidden `support_form_*` input.
    pub fn hidden_value(&self, name: &str) -> Option<&str> {
        self.hidden
            .iter()
            .find(|h| h.name == name)
            .map(|h| h.value.trim())
            .filter(|v| !v.is_empty())
    }
}
