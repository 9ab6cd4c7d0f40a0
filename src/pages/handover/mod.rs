//! Assignment and handover on the case screen (issue #18): who holds the case, from its signed
//! workflow log checked with WebCrypto; taking an unassigned case; handing it over with a note;
//! and, on the receiver's phone, the offer with its note to accept or decline. Every step is a
//! signed entry appended through the case editor (the session's normal save path). Entries the
//! rules do not count are listed with why, never shown as valid.

pub mod form;
pub mod my_cases;
pub mod shift;
pub mod team_view;

use crate::case_editor::CaseEditor;
use crate::i18n::{use_i18n, I18n};
use crate::session::use_session;
use form::HandoverForm;
use leptos::prelude::*;
use senda_core::case::Case;
use senda_core::dates::iso_date;
use senda_core::workflow::entry::WorkflowEntry;
use senda_core::workflow::handover::{Assignment, OfferOutcome, Step};
use senda_core::workflow::permission::Action;
use senda_core::workflow::role::Role;
use team_view::TeamView;

/// The string key of a role's name (cases area).
pub fn role_name_key(role: Role) -> &'static str {
    match role {
        Role::Coordinator => "roles.name.coordinator",
        Role::Supervisor => "roles.name.supervisor",
        Role::Caseworker => "roles.name.caseworker",
        Role::Volunteer => "roles.name.volunteer",
    }
}

/// How a device is named on screen: this phone, or a member's role and fingerprint's first
/// groups (the member list holds no names), or unknown.
pub fn who(i18n: I18n, team: &TeamView, device: &str) -> String {
    if device == team.me {
        return i18n.tr("handover.this_phone");
    }
    match team.member(device) {
        Some(m) => {
            let short: Vec<&str> = m.fingerprint.split('-').take(2).collect();
            format!("{} · {}", i18n.tr(role_name_key(m.role)), short.join(" "))
        }
        None => i18n.tr("handover.unknown_member"),
    }
}

/// The handover card of a stored case on a phone in a team.
#[component]
pub fn HandoverCard(editor: CaseEditor) -> impl IntoView {
    let session = use_session();
    let team = RwSignal::new(None::<Option<TeamView>>);
    leptos::task::spawn_local(async move {
        let view = TeamView::load(&session).await;
        let _ = team.try_set(Some(view));
    });
    move || match team.get() {
        Some(Some(view)) => view! { <HandoverPanel editor team=view /> }.into_any(),
        Some(None) => view! { <NoTeamList /> }.into_any(),
        None => ().into_any(),
    }
}

#[component]
fn NoTeamList() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card handover" aria-labelledby="handover-title">
            <h2 id="handover-title">{i18n.t("handover.title")}</h2>
            <p class="hint">{i18n.t("handover.no_list")}</p>
        </section>
    }
}

#[component]
fn HandoverPanel(editor: CaseEditor, team: TeamView) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let team = StoredValue::new(team);
    let log = Memo::new(move |_| editor.case.with(|c| c.workflow()));
    let assignment = RwSignal::new(None::<Assignment>);
    // Checked again whenever the log changes (a step here, or one a sync brought).
    Effect::new(move |_| {
        // Read, not only tracked: a memo never read is never computed, so never changes.
        log.with(|_| ());
        let case = editor.case.get_untracked();
        let view = team.get_value();
        leptos::task::spawn_local(async move {
            let a = view.assignment(&case).await;
            let _ = assignment.try_set(Some(a));
        });
    });
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<&'static str>);
    let form_open = RwSignal::new(false);

    // Signs `steps` in order, each checked by the rules after the ones before it, and appends
    // them all through the editor; any refusal leaves the case as it was, with why.
    let act = move |steps: Vec<Step>, done: &'static str| {
        busy.set(true);
        error.set(None);
        note.set(None);
        leptos::task::spawn_local(async move {
            let view = team.get_value();
            let mut draft: Case = editor.case.get_untracked();
            let mut entries: Vec<WorkflowEntry> = Vec::new();
            let mut failed = None;
            for step in steps {
                let entry = match view.sign(&draft, step).await {
                    Ok(e) => e,
                    Err(key) => {
                        failed = Some(key.to_owned());
                        break;
                    }
                };
                if let Err(key) = view.accepts(&draft, &entry).await {
                    failed = Some(key);
                    break;
                }
                draft.add_workflow_entry(
                    entry.clone(),
                    crate::session::now(),
                    &session.worker_label(),
                );
                entries.push(entry);
            }
            match failed {
                Some(key) => error.set(Some(key)),
                None => {
                    editor.change(move |c, now, by| {
                        for e in entries {
                            c.add_workflow_entry(e, now, by);
                        }
                    });
                    form_open.set(false);
                    note.set(Some(done));
                }
            }
            busy.set(false);
        });
    };

    let body = move || {
        let Some(a) = assignment.get() else {
            return view! { <p class="loading">{i18n.t("handover.checking")}</p> }.into_any();
        };
        let view = team.get_value();
        let me = view.me.clone();
        let holder_line = match &a.holder {
            Some(h) => who(i18n, &view, h),
            None => i18n.tr("handover.nobody"),
        };
        let mine = a.holder.as_deref() == Some(me.as_str());
        let offer = a.offer.clone();
        let offered_to_me = offer.as_ref().is_some_and(|o| o.to == me);
        let offered_by_me = offer.as_ref().is_some_and(|o| o.from == me);
        let can_take = a.holder.is_none() && offer.is_none() && session.may(Action::EditCase);
        let can_offer = (mine || can_take) && offer.is_none() && session.may(Action::HandOver);
        let receivers: Vec<_> = view
            .receivers()
            .into_iter()
            .map(|m| {
                let label = who(i18n, &view, &m.device);
                (m, label)
            })
            .collect();
        let offer_view = offer.clone().map(|o| {
            let from = who(i18n, &view, &o.from);
            let to = who(i18n, &view, &o.to);
            let id = o.id.clone();
            let (id2, id3) = (id.clone(), id.clone());
            view! {
                <div class="handover-offer" data-handover="offer">
                    <p><strong>{i18n.tr_with("handover.offer.line", &[("from", &from), ("to", &to)])}</strong></p>
                    <NoteView note=o.note.clone() />
                    {offered_to_me.then(|| view! {
                        <button class="button primary wide" type="button" disabled=move || busy.get()
                            on:click=move |_| act(vec![Step::Accept { offer: id.clone() }], "handover.done.accepted")>
                            {i18n.t("handover.offer.accept")}
                        </button>
                        <button class="button quiet wide" type="button" disabled=move || busy.get()
                            on:click=move |_| act(vec![Step::Decline { offer: id2.clone() }], "handover.done.declined")>
                            {i18n.t("handover.offer.decline")}
                        </button>
                    })}
                    {offered_by_me.then(|| view! {
                        <p class="hint">{i18n.t("handover.offer.waiting")}</p>
                        <button class="button quiet wide" type="button" disabled=move || busy.get()
                            on:click=move |_| act(vec![Step::Withdraw { offer: id3.clone() }], "handover.done.withdrawn")>
                            {i18n.t("handover.offer.withdraw")}
                        </button>
                    })}
                </div>
            }
        });
        let me_take = me.clone();
        let me_offer = me.clone();
        let past = a.past.clone();
        let refused = a.refused.clone();
        let waiting = a.waiting.len();
        view! {
            <p class="handover-holder" data-handover="holder">
                <span>{i18n.t("handover.holder")} ": "</span>
                <strong>{holder_line}</strong>
            </p>
            {offer_view}
            {(can_take && !form_open.get()).then(|| view! {
                <button class="button wide" type="button" disabled=move || busy.get()
                    on:click=move |_| act(vec![Step::Assign { to: me_take.clone() }], "handover.done.taken")>
                    {i18n.t("handover.take")}
                </button>
            })}
            {(can_offer && !form_open.get()).then(|| view! {
                <button class="button primary wide" type="button" on:click=move |_| form_open.set(true)>
                    {i18n.t("handover.open_form")}
                </button>
            })}
            {(can_offer && form_open.get()).then(|| {
                let me = me_offer.clone();
                let holds = mine;
                let on_send = Callback::new(move |(to, note): (String, senda_core::workflow::handover::HandoverNote)| {
                    // An unassigned case is taken first, then offered: two signed steps.
                    let mut steps = Vec::new();
                    if !holds {
                        steps.push(Step::Assign { to: me.clone() });
                    }
                    steps.push(Step::Offer { to, note });
                    act(steps, "handover.done.offered");
                });
                view! {
                    <HandoverForm receivers=receivers.clone() on_send on_cancel=Callback::new(move |_| form_open.set(false)) busy=busy.read_only() />
                }
            })}
            {(!past.is_empty()).then(|| view! {
                <details class="handover-past">
                    <summary>{i18n.t("handover.past")}</summary>
                    <ul>{past.into_iter().map(|p| {
                        let key = match p.outcome {
                            OfferOutcome::Accepted => "handover.past.accepted",
                            OfferOutcome::Declined => "handover.past.declined",
                            OfferOutcome::Withdrawn => "handover.past.withdrawn",
                        };
                        let from = who(i18n, &view, &p.from);
                        let to = who(i18n, &view, &p.to);
                        view! { <li>{i18n.tr_with(key, &[("from", &from), ("to", &to)])}</li> }
                    }).collect_view()}</ul>
                </details>
            })}
            {(!refused.is_empty()).then(|| view! {
                <div class="notice warn" role="note" data-handover="refused">
                    <p><strong>{i18n.t("handover.refused.title")}</strong></p>
                    <ul>{refused.into_iter().map(|(_, why)| view! {
                        <li>{i18n.tr(&format!("handover.refused.{}", why.id()))}</li>
                    }).collect_view()}</ul>
                </div>
            })}
            {(waiting > 0).then(|| view! { <p class="hint">{i18n.t("handover.waiting_offer")}</p> })}
        }
        .into_any()
    };
    view! {
        <section class="card handover" aria-labelledby="handover-title" data-handover="card">
            <h2 id="handover-title">{i18n.t("handover.title")}</h2>
            {body}
            {move || error.get().map(|key| view! { <p class="notice" role="alert">{i18n.tr(&key)}</p> })}
            {move || note.get().map(|key| view! { <p class="notice ok" role="status">{i18n.t(key)}</p> })}
        </section>
    }
}

/// A handover note as the receiver reads it.
#[component]
pub fn NoteView(note: senda_core::workflow::handover::HandoverNote) -> impl IntoView {
    let i18n = use_i18n();
    let pending = note.pending.clone();
    let deadlines = note.deadlines.clone();
    view! {
        <dl class="handover-note facts" data-handover="note">
            <dt>{i18n.t("handover.note.pending")}</dt>
            <dd>{if pending.is_empty() {
                i18n.tr("handover.note.none").into_any()
            } else {
                view! { <ul>{pending.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }.into_any()
            }}</dd>
            <dt>{i18n.t("handover.note.deadlines")}</dt>
            <dd>{if deadlines.is_empty() {
                i18n.tr("handover.note.none").into_any()
            } else {
                view! { <ul>{deadlines.into_iter().map(|d| view! { <li>{d.what} " — " <time datetime=iso_date(d.due)>{iso_date(d.due)}</time></li> }).collect_view()}</ul> }.into_any()
            }}</dd>
            <dt>{i18n.t("handover.note.child_told")}</dt>
            <dd>{note.child_told}</dd>
        </dl>
    }
}
