//! The child's minimum data as a form: each field writes through the case model on input, and
//! autosave keeps it. Every field is labelled; choices are native selects for screen readers.

use crate::case_editor::CaseEditor;
use crate::i18n::use_i18n;
use crate::pages::case_detail::companions::{AccompanyingAdults, DocumentsHeld};
use leptos::prelude::*;
use senda_core::case::{AgeBasis, ChildProfile, Sex};
use senda_core::vocabulary::{AccompanimentStatus, Country};

/// A labelled one-line text field bound to one string of the profile.
#[component]
fn TextField(
    editor: CaseEditor,
    label: &'static str,
    get: fn(&ChildProfile) -> String,
    set: fn(&mut ChildProfile, String),
    #[prop(optional)] input_type: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{i18n.t(label)}</span>
            <input
                type=input_type.unwrap_or("text")
                autocomplete="off"
                prop:value=move || editor.case.with(|c| get(c.profile()))
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    editor.edit_profile(|p| set(p, value));
                }
            />
        </label>
    }
}

/// A labelled select over `options` (value, message key), bound to one choice of the profile.
#[component]
fn ChoiceField(
    editor: CaseEditor,
    label: &'static str,
    options: Vec<(&'static str, &'static str)>,
    get: fn(&ChildProfile) -> &'static str,
    set: fn(&mut ChildProfile, &str),
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{i18n.t(label)}</span>
            <select
                prop:value=move || editor.case.with(|c| get(c.profile()))
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    editor.edit_profile(|p| set(p, &value));
                }
            >
                {options.into_iter().map(|(value, key)| view! { <option value=value>{i18n.t(key)}</option> }).collect_view()}
            </select>
        </label>
    }
}

const SEXES: [(Sex, &str, &str); 4] = [
    (Sex::Female, "female", "case.sex.female"),
    (Sex::Male, "male", "case.sex.male"),
    (Sex::Intersex, "intersex", "case.sex.intersex"),
    (Sex::PrefersNotToSay, "prefers_not_to_say", "case.sex.prefers_not_to_say"),
];

const AGE_BASES: [(AgeBasis, &str, &str); 4] = [
    (AgeBasis::StatedByChild, "stated_by_child", "case.age_basis.stated_by_child"),
    (AgeBasis::Document, "document", "case.age_basis.document"),
    (AgeBasis::Assessment, "assessment", "case.age_basis.assessment"),
    (AgeBasis::PresumedMinor, "presumed_minor", "case.age_basis.presumed_minor"),
];

const ACCOMPANIMENT: [(AccompanimentStatus, &str, &str); 4] = [
    (AccompanimentStatus::NotYetKnown, "not_yet_known", "case.accompaniment.not_yet_known"),
    (AccompanimentStatus::Unaccompanied, "unaccompanied", "case.accompaniment.unaccompanied"),
    (AccompanimentStatus::Separated, "separated", "case.accompaniment.separated"),
    (AccompanimentStatus::Accompanied, "accompanied", "case.accompaniment.accompanied"),
];

fn with_unset(
    unset: &'static str,
    rest: impl Iterator<Item = (&'static str, &'static str)>,
) -> Vec<(&'static str, &'static str)> {
    std::iter::once(("", unset)).chain(rest).collect()
}

#[component]
pub fn ProfileForm(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let over_17 =
        move || editor.case.with(|c| c.profile().age.stated_years.is_some_and(|y| y > 17));
    view! {
        <section class="card case-section">
            <h2>{i18n.t("case.section.child")}</h2>
            <TextField editor label="case.given_names" get=|p| p.given_names.clone() set=|p, v| p.given_names = v />
            <TextField editor label="case.alias" get=|p| p.alias.clone() set=|p, v| p.alias = v />
            <ChoiceField editor label="case.sex"
                options=with_unset("case.sex.unset", SEXES.iter().map(|(_, v, k)| (*v, *k)))
                get=|p| SEXES.iter().find(|(s, _, _)| Some(*s) == p.sex).map_or("", |(_, v, _)| v)
                set=|p, v| p.sex = SEXES.iter().find(|(_, value, _)| *value == v).map(|(s, _, _)| *s) />
            <TextField editor label="case.gender" get=|p| p.gender_in_own_words.clone() set=|p, v| p.gender_in_own_words = v />
            <div class="field-row">
                <TextField editor label="case.age" input_type="number"
                    get=|p| p.age.stated_years.map(|y| y.to_string()).unwrap_or_default()
                    set=|p, v| p.age.stated_years = v.trim().parse().ok() />
                <TextField editor label="case.dob" input_type="date"
                    get=|p| p.age.date_of_birth.map(|d| d.to_string()).unwrap_or_default()
                    set=|p, v| p.age.date_of_birth = v.parse().ok() />
            </div>
            <ChoiceField editor label="case.age_basis"
                options=with_unset("case.age_basis.unset", AGE_BASES.iter().map(|(_, v, k)| (*v, *k)))
                get=|p| AGE_BASES.iter().find(|(b, _, _)| Some(*b) == p.age.basis).map_or("", |(_, v, _)| v)
                set=|p, v| p.age.basis = AGE_BASES.iter().find(|(_, value, _)| *value == v).map(|(b, _, _)| *b) />
            <Show when=over_17>
                <TextField editor label="case.reason_over_17" get=|p| p.age.reason_over_17.clone() set=|p, v| p.age.reason_over_17 = v />
            </Show>
            <TextField editor label="case.nationality" get=|p| p.nationality_stated.clone() set=|p, v| p.nationality_stated = v />
            <TextField editor label="case.languages"
                get=|p| p.languages.join(", ")
                set=|p, v| p.languages = v.split(',').map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect() />
            <ChoiceField editor label="case.accompaniment"
                options=ACCOMPANIMENT.iter().map(|(_, v, k)| (*v, *k)).collect()
                get=|p| ACCOMPANIMENT.iter().find(|(s, _, _)| *s == p.accompaniment.status).map_or("not_yet_known", |(_, v, _)| v)
                set=|p, v| if let Some((s, _, _)) = ACCOMPANIMENT.iter().find(|(_, value, _)| *value == v) { p.accompaniment.status = *s } />
            <AccompanyingAdults editor />
            <DocumentsHeld editor />
            <ChoiceField editor label="case.country"
                options=with_unset("case.country.unset", Country::ALL.iter().map(|c| (c.code(), c.name_key())))
                get=|p| p.first_contact.country.map_or("", Country::code)
                set=|p, v| p.first_contact.country = Country::from_code(v) />
            <TextField editor label="case.place" get=|p| p.first_contact.place.clone() set=|p, v| p.first_contact.place = v />
            <TextField editor label="case.care_place" get=|p| p.current_care.place.clone() set=|p, v| p.current_care.place = v />
        </section>
    }
}
