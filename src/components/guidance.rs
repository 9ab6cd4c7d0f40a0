//! One checklist item's guidance as the Guide gives it: the instruction, what never to do, the
//! why, whether to verify locally, and its sources one tap away. Plain text only: content is
//! never rendered as HTML.

use crate::base_path::BasePath;
use crate::content::GuideContent;
use crate::i18n::I18n;
use leptos::prelude::*;
use senda_core::procedure::Item;
use senda_core::reference::Segment;

/// The guidance of `item`, in the content's locale; labels in the interface language.
pub fn item_guidance(content: &GuideContent, item: &Item, i18n: I18n) -> AnyView {
    view! { <li class="guidance">{guidance_body(content, item, i18n)}</li> }.into_any()
}

/// The guidance itself, for a container of the caller's (the case's procedure adds controls).
pub fn guidance_body(content: &GuideContent, item: &Item, i18n: I18n) -> AnyView {
    let Some(text) = content.texts.items.get(&item.id) else {
        // The content tests make this impossible; show the id rather than nothing.
        return view! { <p>{item.id.clone()}</p> }.into_any();
    };
    let sources: Vec<String> = item
        .sources
        .iter()
        .map(|id| match content.sources.get(id) {
            Some(s) => match s.year {
                Some(year) => format!("{} — {}, {}", s.title, s.issuer, year),
                None => format!("{} — {}", s.title, s.issuer),
            },
            None => id.clone(),
        })
        .collect();
    let requirement =
        if item.required { i18n.tr("guide.required") } else { i18n.tr("guide.optional") };
    view! {
            <p class="instruction">{linked_text(content, &text.instruction)}</p>
            <p class="chips">
                <span class="chip">{requirement}</span>
                {item.when.is_some().then(|| view! { <span class="chip">{i18n.tr("guide.conditional")}</span> })}
                {item.verify_locally.then(|| view! { <span class="chip warn">{i18n.tr("guide.verify_locally")}</span> })}
            </p>
            {text.never.clone().map(|never| view! {
                <p class="never" role="note" aria-label=i18n.tr("guide.never")>{never}</p>
            })}
            <details>
                <summary>{i18n.tr("guide.why")}</summary>
                <p>{text.why.clone()}</p>
                {text.verify_note.clone().map(|note| view! { <p class="verify-note">{note}</p> })}
            </details>
            <details>
                <summary>{i18n.tr("guide.sources")} " (" {sources.len()} ")"</summary>
                <ul class="sources">
                    {sources.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}
                </ul>
            </details>
    }
    .into_any()
}

/// `text` with the glossary's terms linked to their entries; the core finds them, so no view
/// knows any term.
pub fn linked_text(content: &GuideContent, text: &str) -> AnyView {
    let Some(glossary) = &content.glossary else { return text.to_owned().into_any() };
    let base = expect_context::<BasePath>();
    glossary
        .link_terms(text)
        .into_iter()
        .map(|segment| match segment {
            Segment::Plain(t) => t.to_owned().into_any(),
            Segment::Term { text, id } => view! {
                <a class="term" href=base.href(&format!("/reference/glossary/{id}"))>{text.to_owned()}</a>
            }
            .into_any(),
        })
        .collect_view()
        .into_any()
}
