//! The Reference section: offline search over the Guide, the framework and the glossary, then
//! the framework's sections and the way into the glossary.

use crate::base_path::BasePath;
use crate::components::area_page::AreaPage;
use crate::components::notices::ContentProblem;
use crate::content::use_guide_content;
use crate::i18n::use_i18n;
use crate::reference_content::{use_reference_content, ReferenceContent};
use leptos::prelude::*;
use senda_core::reference::{
    guide_entries, reference_entries, SearchEntry, SearchIndex, SearchTarget,
};
use std::sync::Arc;

/// Where a search hit leads, under the deployment base.
pub fn target_href(base: &BasePath, target: &SearchTarget) -> String {
    match target {
        SearchTarget::Term(id) => base.href(&format!("/reference/glossary/{id}")),
        SearchTarget::Framework(id) => base.href(&format!("/reference/framework/{id}")),
        SearchTarget::Step { phase, step } => {
            base.href(&format!("/guide/{phase}#{}", step.replace('.', "-")))
        }
    }
}

#[component]
pub fn ReferencePage() -> impl IntoView {
    let i18n = use_i18n();
    let content = use_reference_content();
    view! {
        <AreaPage title="nav.reference" lead="reference.lead">
            {move || match content.get() {
                None => view! { <p class="loading">{i18n.t("ref.loading")}</p> }.into_any(),
                Some(Ok(content)) => view! {
                    <ReferenceSearch content=content.clone() />
                    <ReferenceIndex content />
                }
                .into_any(),
                Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
            }}
        </AreaPage>
    }
}

/// The index as a memo's value: the same index is equal to itself, no deep comparison.
#[derive(Clone)]
struct SharedIndex(Arc<SearchIndex>);

impl PartialEq for SharedIndex {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

#[component]
fn ReferenceSearch(content: Arc<ReferenceContent>) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    // The Guide's content is asked for only when the search is used (its field focused), so a
    // visit to the Reference does not wait on it (two requests fewer); it joins the index once
    // it is there, and the reference is searchable at once.
    let wants_guide = RwSignal::new(false);
    let guide = RwSignal::new(None::<Vec<SearchEntry>>);
    let index = Memo::new(move |_| {
        let mut entries = reference_entries(&content.framework, content.glossary());
        if let Some(steps) = guide.get() {
            entries.extend(steps);
        }
        SharedIndex(Arc::new(SearchIndex::new(entries)))
    });
    let query = RwSignal::new(String::new());
    let results = move || {
        let q = query.get();
        if q.trim().is_empty() {
            return ().into_any();
        }
        let index = index.get();
        let hits = index.0.search(&q, 30);
        if hits.is_empty() {
            return view! { <p class="notice subtle" role="status">{i18n.t("ref.no_results")}</p> }
                .into_any();
        }
        let count = hits.len().to_string();
        let rows = hits
            .into_iter()
            .map(|hit| {
                let kind = match hit.target {
                    SearchTarget::Term(_) => "ref.kind.term",
                    SearchTarget::Framework(_) => "ref.kind.framework",
                    SearchTarget::Step { .. } => "ref.kind.guide",
                };
                view! {
                    <li>
                        <a class="result-card" href=target_href(&base, &hit.target)>
                            <span class="chip">{i18n.tr(kind)}</span>
                            <strong>{hit.title.clone()}</strong>
                        </a>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="hint" role="status">{i18n.tr_with("ref.results", &[("n", &count)])}</p>
            <ul class="results">{rows}</ul>
        }
        .into_any()
    };
    view! {
        <search class="reference-search">
            <label class="field">
                <span>{i18n.t("ref.search_label")}</span>
                <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type="search" placeholder=i18n.t("ref.search_placeholder") bind:value=query on:focus=move |_| wants_guide.set(true) />
            </label>
        </search>
        {move || wants_guide.get().then(|| view! { <GuideEntries into=guide /> })}
        <div class="search-results">{results}</div>
    }
}

/// Loads the Guide's content (in the interface language) and puts its steps' search entries
/// into `into`. Renders nothing.
#[component]
fn GuideEntries(into: RwSignal<Option<Vec<SearchEntry>>>) -> impl IntoView {
    let guide = use_guide_content();
    Effect::new(move |_| {
        if let Some(Ok(g)) = guide.get() {
            into.set(Some(guide_entries(&g.procedure, &g.texts)));
        }
    });
}

#[component]
fn ReferenceIndex(content: Arc<ReferenceContent>) -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let sections = content
        .framework
        .sections()
        .into_iter()
        .map(|s| {
            view! {
                <li><a class="phase-card" href=base.href(&format!("/reference/framework/{}", s.id))>
                    <span class="phase-text"><strong>{s.title.to_owned()}</strong></span>
                </a></li>
            }
        })
        .collect_view();
    let terms = content.glossary().structure.terms.len().to_string();
    view! {
        <section class="card-list">
            <h2>{i18n.t("ref.glossary")}</h2>
            <a class="section-card" href=base.href("/reference/glossary")>
                <span class="section-card-text">
                    <strong>{i18n.t("ref.glossary_open")}</strong>
                    <span>{i18n.tr_with("ref.glossary_count", &[("n", &terms)])}</span>
                </span>
            </a>
        </section>
        <section>
            <h2>{i18n.t("ref.framework")}</h2>
            <p class="hint">{i18n.t("ref.framework_lead")}</p>
            <ul class="phase-list">{sections}</ul>
        </section>
        <aside class="notice subtle">
            <strong>{i18n.t("guide.draft_notice")}</strong>
            <p>{content.framework.texts.review_note.clone()}</p>
        </aside>
    }
}
