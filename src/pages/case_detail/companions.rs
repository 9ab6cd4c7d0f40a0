//! Two small list editors of the child's profile: the adults travelling with the child (by
//! relationship, verified or not — never names) and the identity documents that exist (what
//! and who holds it — never numbers).

use crate::case_editor::CaseEditor;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::case::{
    AccompanyingAdult, DocumentHeld, DocumentHolder, DocumentKind, Relationship,
};

const RELATIONSHIPS: [(Relationship, &str, &str); 6] = [
    (Relationship::Parent, "parent", "case.rel.parent"),
    (Relationship::Grandparent, "grandparent", "case.rel.grandparent"),
    (Relationship::Sibling, "sibling", "case.rel.sibling"),
    (Relationship::OtherRelative, "other_relative", "case.rel.other_relative"),
    (Relationship::LegalGuardian, "legal_guardian", "case.rel.legal_guardian"),
    (Relationship::Unrelated, "unrelated", "case.rel.unrelated"),
];

const KINDS: [(DocumentKind, &str, &str); 5] = [
    (DocumentKind::BirthCertificate, "birth_certificate", "case.doc.birth_certificate"),
    (
        DocumentKind::NationalIdentityCard,
        "national_identity_card",
        "case.doc.national_identity_card",
    ),
    (DocumentKind::Passport, "passport", "case.doc.passport"),
    (DocumentKind::MigrationDocument, "migration_document", "case.doc.migration_document"),
    (DocumentKind::Other, "other", "case.doc.other"),
];

const HOLDERS: [(DocumentHolder, &str, &str); 4] = [
    (DocumentHolder::Child, "child", "case.holder.child"),
    (DocumentHolder::AccompanyingAdult, "accompanying_adult", "case.holder.accompanying_adult"),
    (DocumentHolder::Authority, "authority", "case.holder.authority"),
    (
        DocumentHolder::ElsewhereOrUnknown,
        "elsewhere_or_unknown",
        "case.holder.elsewhere_or_unknown",
    ),
];

/// The value (for `<option>`) of `item` in `table`.
fn value_of<T: PartialEq + Copy>(
    table: &[(T, &'static str, &'static str)],
    item: T,
) -> &'static str {
    table.iter().find(|(t, _, _)| *t == item).map_or("", |(_, v, _)| v)
}

/// The item whose value is `value` in `table`.
fn item_of<T: Copy>(table: &[(T, &'static str, &'static str)], value: &str) -> Option<T> {
    table.iter().find(|(_, v, _)| *v == value).map(|(t, _, _)| *t)
}

/// A labelled select over one of the tables above.
#[component]
fn RowSelect<T: PartialEq + Copy + Send + Sync + 'static>(
    label: &'static str,
    table: &'static [(T, &'static str, &'static str)],
    value: T,
    on_pick: Callback<T>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{i18n.t(label)}</span>
            <select prop:value=value_of(table, value) on:change=move |ev| {
                if let Some(item) = item_of(table, &event_target_value(&ev)) {
                    on_pick.run(item);
                }
            }>
                {table.iter().map(|(_, v, k)| view! { <option value=*v>{i18n.t(k)}</option> }).collect_view()}
            </select>
        </label>
    }
}

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
                    <RowSelect label="case.relationship" table=&RELATIONSHIPS value=adult.relationship
                        on_pick=Callback::new(move |r| edit(i, Box::new(move |a| a.relationship = r))) />
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
                    <RowSelect label="case.document_kind" table=&KINDS value=document.kind
                        on_pick=Callback::new(move |k| edit(i, Box::new(move |d| d.kind = k))) />
                    <RowSelect label="case.held_by" table=&HOLDERS value=document.held_by
                        on_pick=Callback::new(move |h| edit(i, Box::new(move |d| d.held_by = h))) />
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
