//! The citation dialog and the new-case form: opening them, typing in them, checking what
//! was typed and turning it into an effect.

use super::message;
use crate::case::{
    check_id, parse_claims, parse_claims_text, Case, CaseEdit, CaseError, Categories,
    ClaimsTextError, InventionClaim, ReportLang,
};
use crate::model::{Date, DateError};
use crate::tui::action::{CaseDraft, CitationDraft, Effect, InputKey, JobKind};
use crate::tui::input::TextInput;
use crate::tui::state::{Form, FormField, Overlay, Screen, State};

pub(super) fn open_cite(s: &mut State) {
    let target = match s.screen {
        Screen::Document if !s.document.id.is_empty() => {
            Some((s.document.corpus.clone(), s.document.id.clone()))
        }
        Screen::Results => s
            .results
            .selected()
            .map(|h| (h.corpus.clone(), h.id.clone())),
        _ => None,
    };
    let Some((corpus, id)) = target else {
        return;
    };
    if s.case.is_none() {
        message(s, s.strings().need_case);
        return;
    }
    // The passage: the line of the current match, when the viewer is on one.
    let passage = match (s.screen, s.document.current_match) {
        (Screen::Document, Some(m)) => s
            .document
            .matches
            .get(m)
            .and_then(|&l| s.document.lines.get(l))
            .map(|l| l.text.chars().take(400).collect::<String>())
            .unwrap_or_default(),
        _ => String::new(),
    };
    let existing = s.case.as_ref().and_then(|c| c.citation(&id));
    let category = existing
        .map(|c| c.categories.to_string())
        .unwrap_or_default();
    let claims = existing
        .map(|c| crate::case::format_claims(&c.claims))
        .unwrap_or_default();
    let note = existing.and_then(|c| c.note.clone()).unwrap_or_default();
    let mut form = Form::new(
        &id,
        vec![
            (FormField::Category, TextInput::single(&category)),
            (FormField::Claims, TextInput::single(&claims)),
            (FormField::Passage, TextInput::single(&passage)),
            (FormField::Note, {
                let mut t = TextInput::new(true);
                t.set_text(&note);
                t
            }),
        ],
    );
    form.target = Some((corpus, id));
    s.overlay = Some(Overlay::Cite(form));
}

pub(super) fn case_form() -> Form {
    Form::new(
        "",
        vec![
            (FormField::Name, TextInput::single("")),
            (FormField::Title, TextInput::single("")),
            (FormField::Client, TextInput::single("")),
            (FormField::Cutoff, TextInput::single("")),
            (FormField::Language, TextInput::single("en")),
            (FormField::Disclosure, TextInput::new(true)),
        ],
    )
}

/// Claims as the case form shows them: `1. …` paragraphs separated by blank lines, the
/// form [`parse_claims_text`] reads back.
fn claims_text(claims: &[InventionClaim]) -> String {
    claims
        .iter()
        .map(|c| format!("{}. {}", c.number, c.text))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The case form prefilled with the subject of `case`, to change it (no name field: a
/// case keeps its name), with its claims (a new case gets them once it exists).
pub(super) fn edit_case_form(case: &Case) -> Form {
    let mut disclosure = TextInput::new(true);
    disclosure.set_text(case.disclosure.as_deref().unwrap_or_default());
    let cutoff = case.cutoff.map(|d| d.to_string()).unwrap_or_default();
    let mut form = Form::new(
        &case.id,
        vec![
            (FormField::Title, TextInput::single(&case.title)),
            (
                FormField::Client,
                TextInput::single(case.client.as_deref().unwrap_or_default()),
            ),
            (FormField::Cutoff, TextInput::single(&cutoff)),
            (FormField::Language, TextInput::single(case.language.code())),
            (FormField::Disclosure, disclosure),
            (FormField::Claims, {
                let mut t = TextInput::new(true);
                t.set_text(&claims_text(&case.claims));
                t
            }),
        ],
    );
    form.editing = Some(case.id.clone());
    form
}

pub(super) fn form_input(s: &mut State, key: InputKey) -> Vec<Effect> {
    let Some(Overlay::Cite(form) | Overlay::CaseForm(form)) = &mut s.overlay else {
        return Vec::new();
    };
    let n = form.fields.len();
    let multiline = form.fields[form.focus].1.is_multiline();
    match key {
        InputKey::Submit => return submit_form(s),
        InputKey::Complete => form.focus = (form.focus + 1) % n,
        InputKey::Down if !multiline => form.focus = (form.focus + 1) % n,
        InputKey::Up if !multiline => form.focus = (form.focus + n - 1) % n,
        other => form.fields[form.focus].1.apply(other),
    }
    Vec::new()
}

fn submit_form(s: &mut State) -> Vec<Effect> {
    let strings = s.strings();
    let case_id = s.case.as_ref().map(|c| c.id.clone());
    let (result, kind) = match &mut s.overlay {
        Some(Overlay::Cite(form)) => (check_citation(form, case_id), JobKind::Cite),
        Some(Overlay::CaseForm(form)) => (check_case(form, strings), JobKind::Case),
        _ => return Vec::new(),
    };
    match result {
        Err(e) => {
            if let Some(Overlay::Cite(f) | Overlay::CaseForm(f)) = &mut s.overlay {
                f.error = Some(e.to_string());
            }
            Vec::new()
        }
        Ok(make) => {
            s.overlay = None;
            vec![make(s.issue(kind))]
        }
    }
}

type MakeEffect = Box<dyn FnOnce(u64) -> Effect>;

/// What is wrong with a filled-in form, shown under it.
#[derive(Debug, thiserror::Error)]
enum FormError {
    #[error("no open case")]
    NoOpenCase,
    /// The title is empty; carries the field's label and the colon of the UI's language.
    #[error("{0}{1} ?")]
    NoTitle(&'static str, &'static str),
    /// A cutoff that is not ten characters long.
    #[error("`{0}`: YYYY-MM-DD")]
    CutoffShape(String),
    #[error(transparent)]
    Cutoff(#[from] DateError),
    #[error("`{0}`: en, fr, es, pt, ar")]
    Language(String),
    /// A bad case id, category or claim list.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// Claims that do not read as numbered paragraphs; carries the field's label.
    #[error("{0}: {1}")]
    ClaimsText(&'static str, ClaimsTextError),
}

fn check_citation(form: &Form, case: Option<String>) -> Result<MakeEffect, FormError> {
    let (Some(case), Some((corpus, doc_id))) = (case, form.target.clone()) else {
        return Err(FormError::NoOpenCase);
    };
    let categories = form.value(FormField::Category);
    Categories::parse(&categories)?;
    let claims_text = form.value(FormField::Claims);
    let claims = if claims_text.is_empty() {
        Vec::new()
    } else {
        parse_claims(&claims_text)?
    };
    let draft = CitationDraft {
        case,
        corpus,
        doc_id,
        categories,
        claims,
        passage: form.value(FormField::Passage),
        note: form.value(FormField::Note),
    };
    Ok(Box::new(move |gen| Effect::Cite { gen, draft }))
}

/// The fields shared by the new-case and edit-case forms, checked.
struct Subject {
    title: String,
    client: Option<String>,
    cutoff: Option<Date>,
    language: ReportLang,
    disclosure: Option<String>,
    /// The claims typed (`None`: the field is empty).
    claims: Option<Vec<InventionClaim>>,
}

fn check_case(form: &Form, s: &crate::tui::strings::Strings) -> Result<MakeEffect, FormError> {
    if let Some(id) = form.editing.clone() {
        let v = check_subject(form, s)?;
        // The disclosure as typed, not trimmed, so that an untouched one is not a change.
        let disclosure = v.disclosure.and_then(|_| {
            form.fields
                .iter()
                .find(|(k, _)| *k == FormField::Disclosure)
                .map(|(_, i)| i.text())
        });
        // Every field is sent; the library journals only those that differ from the case.
        let edit = CaseEdit {
            title: Some(v.title),
            client: Some(v.client),
            disclosure: Some(disclosure),
            cutoff: Some(v.cutoff),
            language: Some(v.language),
            priority_date: None,
            filing_date: None,
        };
        let claims = v.claims;
        return Ok(Box::new(move |gen| Effect::EditCase {
            gen,
            id,
            edit,
            claims,
        }));
    }
    let id = form.value(FormField::Name);
    check_id(&id)?;
    let v = check_subject(form, s)?;
    let draft = CaseDraft {
        id,
        title: v.title,
        client: v.client,
        cutoff: v.cutoff,
        language: v.language,
        disclosure: v.disclosure,
    };
    Ok(Box::new(move |gen| Effect::CreateCase { gen, draft }))
}

fn check_subject(form: &Form, s: &crate::tui::strings::Strings) -> Result<Subject, FormError> {
    let title = form.value(FormField::Title);
    if title.is_empty() {
        return Err(FormError::NoTitle(s.title, s.colon));
    }
    let cutoff_text = form.value(FormField::Cutoff);
    let cutoff = if cutoff_text.is_empty() {
        None
    } else if cutoff_text.len() == 10 {
        Some(Date::parse(&cutoff_text)?)
    } else {
        return Err(FormError::CutoffShape(cutoff_text));
    };
    let lang_text = form.value(FormField::Language);
    let language = ReportLang::parse(&lang_text).ok_or(FormError::Language(lang_text))?;
    let opt = |t: String| Some(t).filter(|t| !t.is_empty());
    let claims = match opt(form.value(FormField::Claims)) {
        Some(text) => Some(
            parse_claims_text(text.as_bytes()).map_err(|e| FormError::ClaimsText(s.claims, e))?,
        ),
        None => None,
    };
    Ok(Subject {
        claims,
        title,
        client: opt(form.value(FormField::Client)),
        cutoff,
        language,
        disclosure: opt(form.value(FormField::Disclosure)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::strings::UiLang;

    fn case_form_with(values: &[(FormField, &str)]) -> Form {
        let mut form = case_form();
        for (field, value) in values {
            if let Some((_, input)) = form.fields.iter_mut().find(|(k, _)| k == field) {
                input.set_text(value);
            }
        }
        form
    }

    fn refused(form: &Form) -> FormError {
        match check_case(form, UiLang::Fr.strings()) {
            Err(e) => e,
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn each_refusal_is_its_own_variant_with_its_message() {
        let fr = UiLang::Fr.strings();
        let e = refused(&case_form_with(&[(FormField::Name, "pump")]));
        assert!(matches!(e, FormError::NoTitle(..)), "{e:?}");
        assert_eq!(e.to_string(), "Titre\u{a0}: ?");

        let named = [(FormField::Name, "pump"), (FormField::Title, "Pump")];
        let e = refused(&case_form_with(&[
            named[0],
            named[1],
            (FormField::Cutoff, "2024"),
        ]));
        assert!(
            matches!(&e, FormError::CutoffShape(c) if c == "2024"),
            "{e:?}"
        );
        assert_eq!(e.to_string(), "`2024`: YYYY-MM-DD");
        let e = refused(&case_form_with(&[
            named[0],
            named[1],
            (FormField::Cutoff, "2024-13-01"),
        ]));
        assert!(matches!(e, FormError::Cutoff(_)), "{e:?}");
        let e = refused(&case_form_with(&[
            named[0],
            named[1],
            (FormField::Language, "de"),
        ]));
        assert!(matches!(&e, FormError::Language(l) if l == "de"), "{e:?}");
        assert_eq!(e.to_string(), "`de`: en, fr, es, pt, ar");
        let e = refused(&case_form_with(&[(FormField::Name, "a/b"), named[1]]));
        assert!(matches!(e, FormError::Case(CaseError::BadId(_))), "{e:?}");
        assert!(check_case(&case_form_with(&named), fr).is_ok());

        let cite = Form::new("US1", Vec::new());
        let e = match check_citation(&cite, None) {
            Err(e) => e,
            Ok(_) => panic!("accepted"),
        };
        assert!(matches!(e, FormError::NoOpenCase), "{e:?}");
        assert_eq!(e.to_string(), "no open case");
    }
}
