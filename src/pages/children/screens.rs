//! The child-facing screens: choose a language (each named in itself) and an age band, then one
//! topic per screen with its pictogram, next/back, and read aloud with the sentence being
//! spoken highlighted. Their words come from the children's content in the chosen language, not
//! from the staff interface. In child mode, idleness brings them back to the start.

use crate::child_content::{use_child_content, ChildContent};
use crate::child_mode::use_child_mode;
use crate::components::notices::ContentProblem;
use crate::i18n::use_i18n;
use crate::speech::{self, Spoken};
use leptos::prelude::*;
use senda_core::child::content::{Band, ChildLanguage, Screen, TopicDef};
use senda_core::ui_text::{fill, Review};
use wasm_bindgen::JsCast;

/// Where the child is: nothing chosen yet, or a band and a screen number (the end screen is one
/// past the last topic).
#[derive(Clone, Copy)]
struct Place {
    language: RwSignal<ChildLanguage>,
    band: RwSignal<Option<Band>>,
    index: RwSignal<usize>,
}

/// Reading aloud: the sentence being spoken, and whether the language had no voice.
#[derive(Clone, Copy)]
struct Reader {
    speaking: RwSignal<Option<u32>>,
    active: RwSignal<bool>,
    no_voice: RwSignal<bool>,
}

impl Reader {
    fn stop(self) {
        speech::stop();
        self.active.set(false);
        self.speaking.set(None);
        self.no_voice.set(false);
    }
}

fn default_language() -> ChildLanguage {
    let staff = use_i18n().locale.get_untracked();
    ChildLanguage::from_code(staff.code()).unwrap_or(ChildLanguage::Es)
}

/// `embedded`: shown inside the staff page (headings one level down, the page keeps its title).
#[component]
pub fn ChildScreens(#[prop(optional)] embedded: bool) -> impl IntoView {
    let level = if embedded { "2" } else { "1" };
    let child_mode = use_child_mode();
    let start_language = default_language();
    let place = Place {
        language: RwSignal::new(start_language),
        band: RwSignal::new(None),
        index: RwSignal::new(0),
    };
    let reader = Reader {
        speaking: RwSignal::new(None),
        active: RwSignal::new(false),
        no_voice: RwSignal::new(false),
    };
    let content = use_child_content(place.language.into());

    // Idle in child mode: forget where the child was, back to the very start.
    Effect::new(move |prev: Option<u32>| {
        let n = child_mode.resets.get();
        if prev.is_some_and(|p| p != n) {
            reader.stop();
            place.band.set(None);
            place.index.set(0);
            place.language.set(start_language);
        }
        n
    });
    // A new screen: stop reading and take the focus to its heading for screen readers.
    Effect::new(move |prev: Option<(Option<Band>, usize)>| {
        let now = (place.band.get(), place.index.get());
        if prev.is_some_and(|p| p != now) {
            reader.stop();
            focus_heading();
        }
        now
    });
    Effect::new(move |_| {
        if embedded {
            return;
        }
        if let Some(Ok(c)) = content.get() {
            document().set_title(&format!("{} · Senda", c.texts.ui("title")));
        }
    });
    on_cleanup(speech::stop);

    view! {
        <section class="child" lang=move || place.language.get().code()>
            {move || match content.get() {
                None => view! { <p class="loading">"…"</p> }.into_any(),
                Some(Err(e)) => view! { <ContentProblem error=e /> }.into_any(),
                Some(Ok(c)) => match place.band.get() {
                    None => start_screen(c, place, level).into_any(),
                    Some(band) => topic_screen(c, band, place, reader, level).into_any(),
                },
            }}
        </section>
    }
}

fn focus_heading() {
    request_animation_frame(|| {
        let heading = document().query_selector(".child-screen .child-title").ok().flatten();
        if let Some(h) = heading.and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = h.focus();
        }
    });
}

/// A screen's title: the page's heading in child mode, one level down inside the staff page.
fn title(level: &'static str, inner: AnyView) -> AnyView {
    if level == "1" {
        view! { <h1 class="child-title" tabindex="-1">{inner}</h1> }.into_any()
    } else {
        view! { <h2 class="child-title" tabindex="-1">{inner}</h2> }.into_any()
    }
}

/// The review status of this language's texts, shown on every child screen.
fn review_line(c: &ChildContent) -> impl IntoView {
    let label = match c.texts.review {
        Review::Reviewed => c.texts.ui("review.reviewed").to_owned(),
        Review::Draft => c.texts.ui("review.draft").to_owned(),
    };
    let state = if c.texts.review == Review::Reviewed { "reviewed" } else { "draft" };
    view! {
        <p class="child-review" data-review=state>
            <strong>{label}</strong>
            " — "
            {c.texts.review_note.clone()}
        </p>
    }
}

fn start_screen(c: ChildContent, place: Place, level: &'static str) -> impl IntoView {
    let ui = |k: &str| c.texts.ui(k).to_owned();
    view! {
        <div class="child-screen child-start">
            {title(level, ui("title").into_any())}
            <fieldset class="choice-group child-languages">
                <legend>{ui("choose_language")}</legend>
                {ChildLanguage::ALL.into_iter().map(|l| view! {
                    <label class="choice" lang=l.code()>
                        <input type="radio" name="child-language" value=l.code()
                            prop:checked=move || place.language.get() == l
                            on:change=move |_| place.language.set(l) />
                        <span>{l.native_name()}</span>
                    </label>
                }).collect_view()}
            </fieldset>
            <p class="child-question">{ui("choose_age")}</p>
            <ul class="child-bands">
                {Band::ALL.into_iter().map(|b| {
                    let label = ui(&format!("band.{}", b.id()));
                    view! {
                        <li>
                            <button class="button child-band" type="button" data-band=b.id()
                                on:click=move |_| { place.index.set(0); place.band.set(Some(b)); }>
                                {label}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {review_line(&c)}
        </div>
    }
}

fn topic_screen(
    c: ChildContent,
    band: Band,
    place: Place,
    reader: Reader,
    level: &'static str,
) -> impl IntoView {
    let topics: Vec<&TopicDef> = c.structure.topics_for(band).collect();
    let total = topics.len();
    let i = place.index.get().min(total);
    let ui = |k: &str| c.texts.ui(k).to_owned();
    let back = move |_| {
        if i == 0 {
            place.band.set(None)
        } else {
            place.index.set(i - 1)
        }
    };
    let home = move |_| place.band.set(None);
    let nav = view! {
        <div class="child-nav">
            <button class="button quiet" type="button" on:click=back>{ui("back")}</button>
            {(i < total).then(|| view! {
                <button class="button primary" type="button" on:click=move |_| place.index.set(i + 1)>{ui("next")}</button>
            })}
        </div>
    };
    let body = match topics.get(i).and_then(|t| c.texts.screen(&t.id, band).map(|s| (*t, s))) {
        Some((topic, screen)) => topic_body(&c, topic, screen, band, reader, level).into_any(),
        None => view! {
            {title(level, ui("end_title").into_any())}
            <p class="child-text">{ui("end_text")}</p>
        }
        .into_any(),
    };
    let step =
        fill(&ui("step"), &[("n", &(i + 1).min(total).to_string()), ("total", &total.to_string())]);
    view! {
        <div class="child-screen" data-topic=topics.get(i).map(|t| t.id.clone()).unwrap_or_else(|| "end".into())>
            <div class="child-top">
                <button class="button quiet child-home" type="button" on:click=home>{ui("home")}</button>
                <span class="child-step">{step}</span>
            </div>
            {body}
            {nav}
            {review_line(&c)}
        </div>
    }
}

fn topic_body(
    c: &ChildContent,
    topic: &TopicDef,
    screen: &Screen,
    band: Band,
    reader: Reader,
    level: &'static str,
) -> impl IntoView {
    let child_mode = use_child_mode();
    let ui = |k: &str| c.texts.ui(k).to_owned();
    // Everything read aloud, in order: the title, the text, then the lines for the child.
    let sentences: Vec<String> =
        std::iter::once(&screen.title).chain(&screen.text).chain(&screen.child).cloned().collect();
    let sentence = move |k: usize, s: String| {
        view! {
            <span class="sentence" class:spoken=move || reader.speaking.get() == Some(k as u32)>{s}</span>
            " "
        }
    };
    let text_from = 1;
    let child_from = 1 + screen.text.len();
    let lang = c.language.code();
    let all = sentences.clone();
    let read = move |_| {
        if reader.active.get_untracked() {
            reader.stop();
            return;
        }
        reader.no_voice.set(false);
        reader.active.set(true);
        child_mode.touch();
        let all = all.clone();
        leptos::task::spawn_local(async move {
            let on_sentence = move |k: u32| {
                let _ = reader.speaking.try_set(Some(k));
                child_mode.touch();
            };
            let outcome = speech::speak(lang, &all, on_sentence).await;
            let _ = reader.active.try_set(false);
            let _ = reader.speaking.try_set(None);
            if matches!(outcome, Spoken::NoVoice | Spoken::Unsupported) {
                let _ = reader.no_voice.try_set(true);
            }
        });
    };
    let (read_label, stop_label, no_voice) = (ui("read_aloud"), ui("stop"), ui("no_voice"));
    view! {
        <svg class="pictogram" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
            {topic.pictogram.iter().map(|d| view! { <path d=d.clone() /> }).collect_view()}
        </svg>
        {(band == Band::Under6).then(|| view! { <p class="child-audience">{ui("for_caregiver")}</p> })}
        {title(level, sentence(0, sentences[0].clone()).into_any())}
        <p class="child-text">
            {screen.text.iter().enumerate().map(|(k, s)| sentence(text_from + k, s.clone())).collect_view()}
        </p>
        {(!screen.child.is_empty()).then(|| view! {
            <div class="child-lines">
                <p class="child-audience">{ui("for_child")}</p>
                <p class="child-text">
                    {screen.child.iter().enumerate().map(|(k, s)| sentence(child_from + k, s.clone())).collect_view()}
                </p>
            </div>
        })}
        <button class="button child-read" type="button" on:click=read>
            <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                <path d="M4 9v6h4l5 4V5L8 9zM16 9a4 4 0 010 6M18.5 6.5a8 8 0 010 11" />
            </svg>
            {move || if reader.active.get() { stop_label.clone() } else { read_label.clone() }}
        </button>
        {move || reader.no_voice.get().then(|| view! { <p class="notice child-no-voice" role="status">{no_voice.clone()}</p> })}
    }
}
