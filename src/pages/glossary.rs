//! The glossary: every harmonised term A–Z, and one term's page with its definition, its names
//! in Spanish, English and French, its sources and related terms. Addressable as
//! /reference/glossary/:term so checklists and search can link to it.

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::notices::ContentProblem;
use crate::i18n::use_i18n;
use crate::reference_content::{use_reference_content, ReferenceContent};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

#[component]
pub fn GlossaryPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let content = use_reference_content();
    use_page_title("ref.glossary");
    view! {
        <article class="area">
            <nav class="crumbs"><a href=base.href("/reference")>{i18n.t("nav.reference")}</a></nav>
            <h1>{i18n.t("ref.glossary")}</h1>
            <p class="lead">{i18n.t("ref.glossary_lead")}</p>
            {move || match content.get() {
                None => view! { <p class="loading">{i18n.t("ref.loading")}</p> }.into_any(),
                Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
                Some(Ok(content)) => {
                    let base = base.clone();
                    let terms = content
                        .glossary()
                        .alphabetical()
                        .into_iter()
                        .map(|(def, text)| view! {
                            <li><a class="term-link" href=base.href(&format!("/reference/glossary/{}", def.id))>{text.term.clone()}</a></li>
                        })
                        .collect_view();
                    view! {
                        <ul class="term-list">{terms}</ul>
                        <aside class="notice subtle">
                            <strong>{i18n.t("guide.draft_notice")}</strong>
                            <p>{content.glossary().texts.review_note.clone()}</p>
                        </aside>
                    }
                    .into_any()
                }
            }}
        </article>
    }
}

#[component]
pub fn GlossaryTermPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let params = use_params_map();
    let content = use_reference_content();
    use_page_title("ref.glossary");
    view! {
        <article class="area">
            <nav class="crumbs">
                <a href=base.href("/reference")>{i18n.t("nav.reference")}</a>
                " › "
                <a href=base.href("/reference/glossary")>{i18n.t("ref.glossary")}</a>
            </nav>
            {move || {
                let id = params.read().get("term").unwrap_or_default();
                match content.get() {
                    None => view! { <p class="loading">{i18n.t("ref.loading")}</p> }.into_any(),
                    Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
                    Some(Ok(content)) => term_view(content, &id),
                }
            }}
        </article>
    }
}

fn term_view(content: Arc<ReferenceContent>, id: &str) -> AnyView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let Some((def, text)) = content.glossary().term(id) else {
        return view! { <p class="notice" role="alert">{i18n.t("ref.unknown_term")}</p> }
            .into_any();
    };
    let others = content
        .glossaries
        .iter()
        .filter(|(l, _)| *l != content.locale)
        .filter_map(|(l, g)| g.term(id).map(|(_, t)| (*l, t.term.clone())))
        .map(|(l, term)| view! { <li><span lang=l.code()>{term}</span> " (" {l.native_name()} ")"</li> })
        .collect_view();
    let related = def
        .related
        .iter()
        .filter_map(|r| content.glossary().term(r))
        .map(|(d, t)| view! { <li><a class="term-link" href=base.href(&format!("/reference/glossary/{}", d.id))>{t.term.clone()}</a></li> })
        .collect_view();
    let sources =
        def.sources.iter().map(|s| view! { <li>{content.source_label(s)}</li> }).collect_view();
    view! {
        <p class="eyebrow">{i18n.t("ref.glossary")}</p>
        <h1 class="term-heading">{text.term.clone()}</h1>
        <p class="definition">{text.definition.clone()}</p>
        <section class="guidance">
            <h2>{i18n.t("ref.other_languages")}</h2>
            <ul class="plain-list">{others}</ul>
        </section>
        {(!def.related.is_empty()).then(|| view! {
            <section class="guidance">
                <h2>{i18n.t("ref.related")}</h2>
                <ul class="term-list">{related}</ul>
            </section>
        })}
        <details class="guidance">
            <summary>{i18n.t("guide.sources")} " (" {def.sources.len()} ")"</summary>
            <ul class="sources">{sources}</ul>
        </details>
        <p class="hint review-note">{content.glossary().texts.review_note.clone()}</p>
    }
    .into_any()
}
