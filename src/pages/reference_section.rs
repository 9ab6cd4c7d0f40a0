//! One section of the normative framework: its paragraphs, each with its sources, and those the
//! sources could not confirm marked as such.

use crate::base_path::BasePath;
use crate::components::area_page::use_page_title;
use crate::components::notices::ContentProblem;
use crate::i18n::use_i18n;
use crate::reference_content::use_reference_content;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ReferenceSectionPage() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    let params = use_params_map();
    let content = use_reference_content();
    use_page_title("nav.reference");
    view! {
        <article class="area">
            <nav class="crumbs"><a href=base.href("/reference")>{i18n.t("nav.reference")}</a></nav>
            {move || {
                let id = params.read().get("section").unwrap_or_default();
                match content.get() {
                    None => view! { <p class="loading">{i18n.t("ref.loading")}</p> }.into_any(),
                    Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
                    Some(Ok(content)) => match content.framework.section(&id) {
                        None => view! { <p class="notice" role="alert">{i18n.t("ref.unknown_section")}</p> }.into_any(),
                        Some(section) => {
                            let paragraphs = section
                                .paragraphs
                                .iter()
                                .map(|p| {
                                    let sources = p.sources.iter().map(|s| view! { <li>{content.source_label(s)}</li> }).collect_view();
                                    view! {
                                        <section class="guidance" class:unverified=p.unverified id=p.id.replace('.', "-")>
                                            {p.unverified.then(|| view! {
                                                <p class="chips"><span class="chip warn">{i18n.t("ref.unverified")}</span></p>
                                            })}
                                            <p>{p.text.to_owned()}</p>
                                            <details>
                                                <summary>{i18n.t("guide.sources")} " (" {p.sources.len()} ")"</summary>
                                                <ul class="sources">{sources}</ul>
                                            </details>
                                        </section>
                                    }
                                })
                                .collect_view();
                            view! {
                                <p class="eyebrow">{i18n.t("ref.framework")}</p>
                                <h1>{section.title.to_owned()}</h1>
                                <div class="items">{paragraphs}</div>
                            }
                            .into_any()
                        }
                    },
                }
            }}
        </article>
    }
}
