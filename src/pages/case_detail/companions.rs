//! Two small list editors of the child's profile: the adults travelling with the child (by
//! relationship, verified or not — never names) and the identity documents that exist (what
//! and who holds it — never numbers).

use crate::case_editor::CaseEditor;
use crate::components::choice_field::ChoiceField;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::case::{
    AccompanyingAdult, DocumentHeld, DocumentHolder, DocumentKind, Relationship,
};

#[component]
pub fn AccompanyingAdults(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let adults = move || editor.case.with(|c| c.profile().accompaniment.with.clone());
    let edit = move |i: usize, change: Box<dyn FnOnce(&mut AccompanyingAdult)>| {
        editor.edit_profile(move |p| {
            if let Some(adult) = p.accompaniment.with.get_mut(i) {
                change(adult);
            }
        });
    };
    view! {
        <fieldset class="list-field">
            <legend>{i18n.t("case.with")}</legend>
            {move || adults().into_iter().enumerate().map(|(i, adult)| view! {
                <div class="list-row">
                    <ChoiceField label="case.relationship" value=Signal::stored(Some(adult.relationship))
                        on_pick=Callback::new(move |r: Option<Relationship>| if let Some(r) = r { edit(i, Box::new(move |a| a.relationship = r)) }) />
                    <label class="choice">
                        <input type="checkbox" prop:checked=adult.verified on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            edit(i, Box::new(move |a| a.verified = on));
                        } />
                        <span>{i18n.t("case.verified")}</span>
                    </label>
                    <button class="button quiet" type="button" on:click=move |_| editor.edit_profile(move |p| {
                        if i < p.accompaniment.with.len() {
                            p.accompaniment.with.remove(i);
                        }
                    })>{i18n.t("case.remove")}</button>
                </div>
            }).collect_view()}
            <button class="button quiet" type="button" on:click=move |_| editor.edit_profile(|p| {
                p.accompaniment.with.push(AccompanyingAdult { relationship: Relationship::Parent, verified: false })
            })>{i18n.t("case.add_adult")}</button>
        </fieldset>
    }
}

#[component]
pub fn DocumentsHeld(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let documents = move || editor.case.with(|c| c.profile().documents.clone());
    let edit = move |i: usize, change: Box<dyn FnOnce(&mut DocumentHeld)>| {
        editor.edit_profile(move |p| {
            if let Some(document) = p.documents.get_mut(i) {
                change(document);
            }
        });
    };
    view! {
        <fieldset class="list-field">
            <legend>{i18n.t("case.documents")}</legend>
            <p class="hint">{i18n.t("case.documents_hint")}</p>
            {move || documents().into_iter().enumerate().map(|(i, document)| view! {
                <div class="list-row">
                    <ChoiceField label="case.document_kind" value=Signal::stored(Some(document.kind))
                        on_pick=Callback::new(move |k: Option<DocumentKind>| if let Some(k) = k { edit(i, Box::new(move |d| d.kind = k)) }) />
                    <ChoiceField label="case.held_by" value=Signal::stored(Some(document.held_by))
                        on_pick=Callback::new(move |h: Option<DocumentHolder>| if let Some(h) = h { edit(i, Box::new(move |d| d.held_by = h)) }) />
                    <button class="button quiet" type="button" on:click=move |_| editor.edit_profile(move |p| {
                        if i < p.documents.len() {
                            p.documents.remove(i);
                        }
                    })>{i18n.t("case.remove")}</button>
                </div>
            }).collect_view()}
            <button class="button quiet" type="button" on:click=move |_| editor.edit_profile(|p| {
                p.documents.push(DocumentHeld { kind: DocumentKind::BirthCertificate, held_by: DocumentHolder::Child })
            })>{i18n.t("case.add_document")}</button>
        </fieldset>
    }
}
