//! The child's minimum data as a form: each field writes through the case model on input, and
//! autosave keeps it. Every field is labelled; choices are native selects for screen readers.

use crate::case_editor::CaseEditor;
use crate::components::choice_field::ChoiceField;
use crate::i18n::use_i18n;
use crate::pages::case_detail::companions::{AccompanyingAdults, DocumentsHeld};
use leptos::prelude::*;
use senda_core::case::ChildProfile;
use senda_core::vocabulary::AccompanimentStatus;

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
            <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off"
                type=input_type.unwrap_or("text")
                prop:value=move || editor.case.with(|c| get(c.profile()))
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    editor.edit_profile(|p| set(p, value));
                }
            />
        </label>
    }
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
            <ChoiceField label="case.sex" unset="case.sex.unset"
                value=Signal::derive(move || editor.case.with(|c| c.profile().sex))
                on_pick=Callback::new(move |v| editor.edit_profile(move |p| p.sex = v)) />
            <TextField editor label="case.gender" get=|p| p.gender_in_own_words.clone() set=|p, v| p.gender_in_own_words = v />
            <div class="field-row">
                <TextField editor label="case.age" input_type="number"
                    get=|p| p.age.stated_years.map(|y| y.to_string()).unwrap_or_default()
                    set=|p, v| p.age.stated_years = v.trim().parse().ok() />
                <TextField editor label="case.dob" input_type="date"
                    get=|p| p.age.date_of_birth.map(|d| d.to_string()).unwrap_or_default()
                    set=|p, v| p.age.date_of_birth = v.parse().ok() />
            </div>
            <ChoiceField label="case.age_basis" unset="case.age_basis.unset"
                value=Signal::derive(move || editor.case.with(|c| c.profile().age.basis))
                on_pick=Callback::new(move |v| editor.edit_profile(move |p| p.age.basis = v)) />
            <Show when=over_17>
                <TextField editor label="case.reason_over_17" get=|p| p.age.reason_over_17.clone() set=|p, v| p.age.reason_over_17 = v />
            </Show>
            <TextField editor label="case.nationality" get=|p| p.nationality_stated.clone() set=|p, v| p.nationality_stated = v />
            <TextField editor label="case.languages"
                get=|p| p.languages.join(", ")
                set=|p, v| p.languages = v.split(',').map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect() />
            <ChoiceField label="case.accompaniment"
                value=Signal::derive(move || editor.case.with(|c| Some(c.profile().accompaniment.status)))
                on_pick=Callback::new(move |v: Option<AccompanimentStatus>| if let Some(s) = v { editor.edit_profile(move |p| p.accompaniment.status = s) }) />
            <AccompanyingAdults editor />
            <DocumentsHeld editor />
            <ChoiceField label="case.country" unset="case.country.unset"
                value=Signal::derive(move || editor.case.with(|c| c.profile().first_contact.country))
                on_pick=Callback::new(move |v| editor.edit_profile(move |p| p.first_contact.country = v)) />
            <TextField editor label="case.place" get=|p| p.first_contact.place.clone() set=|p, v| p.first_contact.place = v />
            <TextField editor label="case.care_place" get=|p| p.current_care.place.clone() set=|p, v| p.current_care.place = v />
        </section>
    }
}
