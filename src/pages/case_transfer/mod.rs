//! Transfer to another organisation (`/cases/:id/transfer`, a role that may transfer cases out):
//! the child's consents checked first (each refusal with its reason, and the consent panel to
//! record one; nothing is sent), then the receiving team's partner card pasted, its fingerprint
//! shown big and confirmed as compared in person, the case sealed for that team's phone and
//! delivered; the signed record kept in the case's log with whether the receipt came back.

use crate::base_path::BasePath;
use crate::case_editor::CaseEditor;
use crate::components::area_page::use_page_title;
use crate::components::case_bits::SessionBar;
use crate::components::case_frame::{CaseLoader, SaveIndicator};
use crate::components::vault_gate::VaultGate;
use crate::i18n::use_i18n;
use crate::pages::case_screening::referrals::ConsentPanel;
use crate::session::{now, use_session};
use crate::sync::transfer::{card_fingerprint, send, statuses};
use leptos::prelude::*;
use senda_core::case::CaseSummary;
use senda_core::dates::short_date_time;
use senda_core::workflow::partner_card::PartnerCard;
use senda_core::workflow::permission::Action;
use senda_core::workflow::transfer::{TransferRefused, TransferStatus, TRANSFER_CONSENTS};

#[component]
pub fn CaseTransferPage() -> impl IntoView {
    use_page_title("transfer.page_title");
    view! {
        <article translate="no" class="area case-page">
            <VaultGate>
                <SessionBar />
                <CaseLoader screen=|editor| view! { <TransferScreen editor /> }.into_any() />
            </VaultGate>
        </article>
    }
}

fn refusal_key(refused: TransferRefused) -> String {
    format!("workflow.transfer.{}", refused.id())
}

#[component]
fn TransferScreen(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let summary = Memo::new(move |_| editor.case.with(CaseSummary::of));
    let back = base.href(&format!("/cases/{}", summary.get_untracked().id));
    let allowed = move || session.in_team().get() && session.may(Action::TransferOut);
    let shown = RwSignal::new(Vec::<Shown>::new());
    let log_len = Memo::new(move |_| editor.case.with(|c| c.workflow_len()));
    Effect::new(move |_| {
        log_len.track();
        refresh_log(editor, session, shown);
    });
    view! {
        <nav class="crumbs"><a href=back>{i18n.t("transfer.back")}</a></nav>
        <header class="case-header">
            <p class="eyebrow">{move || { let l = summary.get().label; if l.is_empty() { i18n.tr("cases.no_name") } else { l } }}</p>
            <h1>{i18n.t("transfer.title")}</h1>
            <SaveIndicator state=editor.save_state />
        </header>
        <Show when=allowed fallback=move || view! { <p class="notice" role="alert">{i18n.t("workflow.transfer.not_permitted")}</p> }>
            <p class="lead">{i18n.t("transfer.lead")}</p>
            <TransferLog shown />
            <ConsentCheck editor shown />
        </Show>
    }
}

/// The consents first; with both in force (and the case open), the receiving team.
#[component]
fn ConsentCheck(editor: CaseEditor, shown: RwSignal<Vec<Shown>>) -> impl IntoView {
    let i18n = use_i18n();
    let missing = Memo::new(move |_| {
        editor.case.with(|c| {
            let mut out: Vec<TransferRefused> = TRANSFER_CONSENTS
                .into_iter()
                .filter(|p| c.consent_in_force(*p, now()).is_none())
                .map(TransferRefused::WithoutConsent)
                .collect();
            if out.is_empty() && c.status().is_closed() {
                out.push(TransferRefused::CaseClosed);
            }
            out
        })
    });
    view! {
        <section class="card case-section transfer-consent" aria-labelledby="transfer-consent-title">
            <h2 id="transfer-consent-title">{i18n.t("transfer.consent_title")}</h2>
            {move || {
                let list = missing.get();
                if list.is_empty() {
                    view! { <p class="notice ok" data-transfer="consent-ok">{i18n.t("transfer.consent_ok")}</p> }.into_any()
                } else {
                    view! {
                        <div class="notice warn" role="alert" data-transfer="refused">
                            <strong>{i18n.t("transfer.refused")}</strong>
                            <ul>{list.into_iter().map(|r| view! { <li>{i18n.tr(&refusal_key(r))}</li> }).collect_view()}</ul>
                        </div>
                    }.into_any()
                }
            }}
        </section>
        <Show when=move || missing.with(|m| m.iter().any(|r| matches!(r, TransferRefused::WithoutConsent(_))))>
            <ConsentPanel editor />
        </Show>
        <Show when=move || missing.with(Vec::is_empty)>
            <Receiver editor shown />
        </Show>
    }
}

/// The receiving team's partner card, its fingerprint compared in person, and sending.
#[component]
fn Receiver(editor: CaseEditor, shown: RwSignal<Vec<Shown>>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let text = RwSignal::new(String::new());
    let card = RwSignal::new(None::<(PartnerCard, String)>);
    let compared = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let done = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let read = move |_| {
        error.set(None);
        compared.set(false);
        card.set(None);
        let Ok(parsed) = PartnerCard::parse(&text.get_untracked()) else {
            error.set(Some(i18n.tr("transfer.error.bad_card")));
            return;
        };
        leptos::task::spawn_local(async move {
            match card_fingerprint(&parsed).await {
                Ok(fingerprint) => card.set(Some((parsed, fingerprint))),
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
        });
    };
    let transfer = move |_| {
        let Some((partner, _)) = card.get_untracked() else { return };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        let case = editor.case.get_untracked();
        let was_compared = compared.get_untracked();
        leptos::task::spawn_local(async move {
            let team = session.team().await.ok().flatten();
            let role = session.role().get_untracked();
            let outcome = match (team, role) {
                (Some(team), Some(role)) => {
                    send(&team, &case, role, &partner, was_compared, now()).await
                }
                _ => Err(crate::sync::transfer::TransferError::Refused(
                    TransferRefused::NotPermitted,
                )),
            };
            match outcome {
                Ok(entry) => {
                    editor.change(move |c, now, by| {
                        c.add_workflow_entry(entry, now, by);
                    });
                    refresh_log(editor, session, shown);
                    done.set(true);
                    card.set(None);
                    text.set(String::new());
                }
                Err(crate::sync::transfer::TransferError::Refused(r)) => {
                    error.set(Some(i18n.tr(&refusal_key(r))))
                }
                Err(e) => error.set(Some(i18n.tr(e.message_key()))),
            }
            let _ = busy.try_set(false);
        });
    };
    view! {
        <section class="card case-section transfer-receiver" aria-labelledby="transfer-receiver-title">
            <h2 id="transfer-receiver-title">{i18n.t("transfer.receiver_title")}</h2>
            <p class="hint">{i18n.t("transfer.receiver_hint")}</p>
            {move || done.get().then(|| view! { <p class="notice ok" role="status" data-transfer="sent">{i18n.t("transfer.sent")}</p> })}
            <label class="field">
                <span>{i18n.t("transfer.card")}</span>
                <textarea class="partner-card-input" rows="4" translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" bind:value=text></textarea>
            </label>
            <button class="button wide" type="button" on:click=read>{i18n.t("transfer.read_card")}</button>
            {move || error.get().map(|e| view! { <p class="notice warn" role="alert">{e}</p> })}
            {move || card.get().map(|(_, fingerprint)| view! {
                <p class="hint">{i18n.t("transfer.compare")}</p>
                <p class="big-fingerprint" data-transfer="fingerprint"><code translate="no">{fingerprint.replace('-', " ")}</code></p>
                <label class="choice transfer-compared">
                    <input type="checkbox" prop:checked=move || compared.get() on:change=move |ev| compared.set(event_target_checked(&ev)) />
                    <span>{i18n.t("transfer.compared")}</span>
                </label>
                <p class="hint">{i18n.t("transfer.what_goes")}</p>
                <button class="button primary wide" type="button" on:click=transfer disabled=move || busy.get()>
                    {i18n.t("transfer.send")}
                </button>
            })}
        </section>
    }
}

/// A transfer as shown: whether it came to this team, and its status.
type Shown = (bool, TransferStatus);

/// Checks the case's transfers again (WebCrypto) into `shown`; an older check finishing late
/// never replaces a newer one's longer list.
fn refresh_log(editor: CaseEditor, session: crate::session::Session, shown: RwSignal<Vec<Shown>>) {
    let case = editor.case.get_untracked();
    leptos::task::spawn_local(async move {
        let team = session.team().await.ok().flatten().map(|t| t.db).unwrap_or_default();
        let found: Vec<Shown> =
            statuses(&case).await.into_iter().map(|t| (t.body.to_team == team, t)).collect();
        let newer = shown.try_with_untracked(|s| s.len() > found.len()).unwrap_or(true);
        if !newer {
            let _ = shown.try_set(found);
        }
    });
}

/// The case's transfers as its log shows them, signatures checked.
#[component]
fn TransferLog(shown: RwSignal<Vec<Shown>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let list = shown.get();
        (!list.is_empty()).then(|| view! {
            <section class="card case-section transfer-log" aria-labelledby="transfer-log-title">
                <h2 id="transfer-log-title">{i18n.t("transfer.log_title")}</h2>
                <ul class="transfer-records">
                    {list.into_iter().map(|(came_here, t)| {
                        let sent = if came_here {
                            i18n.tr_with("transfer.log_came", &[("date", &short_date_time(t.body.at))])
                        } else {
                            i18n.tr_with("transfer.log_sent", &[("date", &short_date_time(t.body.at)), ("fingerprint", &t.body.to_fingerprint.replace('-', " "))])
                        };
                        let state = match (&t.received, t.signed) {
                            (_, false) => view! { <p class="notice warn" role="alert">{i18n.t("transfer.error.record")}</p> }.into_any(),
                            (Some(r), true) => {
                                let key = if came_here { "transfer.log_accepted" } else { "transfer.log_received" };
                                view! { <p class="chip consent-ok" data-transfer="received">{i18n.tr_with(key, &[("date", &short_date_time(r.at))])}</p> }.into_any()
                            }
                            (None, true) => view! { <p class="chip" data-transfer="waiting">{i18n.t("transfer.log_waiting")}</p> }.into_any(),
                        };
                        view! { <li><p>{sent}</p>{state}</li> }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
