//! The documents page's small forms for what the model documents need beyond the checklist: the
//! interview's people and language, BID panel members, case conferences, BID reviews and what was
//! explained before each consent. Each writes through the case model's audited methods; a refused
//! record changes nothing and says why.

use crate::case_editor::CaseEditor;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use senda_core::case::{
    AgreedAction, BidReview, CaseConference, ConsentPurpose, InterviewDetails, PanelMember,
    ReviewOutcome,
};

fn date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

fn purpose_key(p: ConsentPurpose) -> &'static str {
    match p {
        ConsentPurpose::Services => "scr.purpose.services",
        ConsentPurpose::Referral => "scr.purpose.referral",
        ConsentPurpose::InformationSharing => "scr.purpose.information_sharing",
        ConsentPurpose::FamilyTracing => "scr.purpose.family_tracing",
    }
}

/// A labelled text input bound to a signal.
#[component]
fn Field(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] kind: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="field">
            <span>{i18n.t(label)}</span>
            <input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type=kind.unwrap_or("text") bind:value=value />
        </label>
    }
}

#[component]
pub fn CaseworkForms(editor: CaseEditor) -> impl IntoView {
    let i18n = use_i18n();
    // What the last attempt came to: a confirmation or the reason it was refused.
    let said = RwSignal::new(None::<(bool, &'static str)>);
    let outcome = move |r: Result<(), senda_core::case::ActionRefused>| {
        said.set(Some(match r {
            Ok(()) => (true, "cw.saved"),
            Err(_) => (false, "cw.refused"),
        }));
    };

    let interview = editor.case.with_untracked(|c| c.casework().interview.clone());
    let (interviewer, interpreter, language) = (
        RwSignal::new(interview.interviewer),
        RwSignal::new(interview.interpreter),
        RwSignal::new(interview.language),
    );
    let save_interview = move |_| {
        let details = InterviewDetails {
            interviewer: interviewer.get_untracked(),
            interpreter: interpreter.get_untracked(),
            language: language.get_untracked(),
        };
        editor.change(move |c, now, by| c.record_interview(details, now, by));
        outcome(Ok(()));
    };

    let (member, expertise, signed) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let add_member = move |_| {
        let m = PanelMember {
            name: member.get_untracked(),
            expertise: expertise.get_untracked(),
            undertaking_signed_on: date(&signed.get_untracked()),
        };
        let r = editor.try_change(move |c, now, by| c.add_panel_member(m, now, by));
        if r.is_ok() {
            member.set(String::new());
            expertise.set(String::new());
            signed.set(String::new());
        }
        outcome(r);
    };

    let (held, attended, decided) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (what, who, by_when) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let add_conference = move |_| {
        let Some(held_on) = date(&held.get_untracked()) else {
            return outcome(Err(senda_core::case::ActionRefused::BlankCasework));
        };
        let actions = if what.with_untracked(|w| w.trim().is_empty()) {
            vec![]
        } else {
            vec![AgreedAction {
                what: what.get_untracked(),
                who: who.get_untracked(),
                by: date(&by_when.get_untracked()),
            }]
        };
        let conference = CaseConference {
            held_on,
            attended: attended
                .get_untracked()
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            decided: decided.get_untracked(),
            actions,
        };
        let r = editor.try_change(move |c, now, by| c.add_conference(conference, now, by));
        if r.is_ok() {
            for s in [held, attended, decided, what, who, by_when] {
                s.set(String::new());
            }
        }
        outcome(r);
    };

    let (reviewed, changed, revised, revision, next) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(false),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let add_review = move |_| {
        let Some(held_on) = date(&reviewed.get_untracked()) else {
            return outcome(Err(senda_core::case::ActionRefused::BlankCasework));
        };
        let review = BidReview {
            held_on,
            what_changed: changed.get_untracked(),
            outcome: if revised.get_untracked() {
                ReviewOutcome::Revised
            } else {
                ReviewOutcome::Confirmed
            },
            revised_decision: revision.get_untracked(),
            next_review: date(&next.get_untracked()),
        };
        let r = editor.try_change(move |c, now, by| c.add_bid_review(review, now, by));
        if r.is_ok() {
            for s in [reviewed, changed, revision, next] {
                s.set(String::new());
            }
        }
        outcome(r);
    };

    let purpose = RwSignal::new(ConsentPurpose::Referral);
    let explained = RwSignal::new(editor.case.with_untracked(|c| {
        c.casework()
            .consent_explanations
            .get(&ConsentPurpose::Referral)
            .cloned()
            .unwrap_or_default()
    }));
    let save_explained = move |_| {
        let (p, text) = (purpose.get_untracked(), explained.get_untracked());
        editor.change(move |c, now, by| c.record_consent_explanation(p, &text, now, by));
        outcome(Ok(()));
    };

    view! {
        <section class="card casework-forms" aria-labelledby="casework-title">
            <h2 id="casework-title">{i18n.t("cw.title")}</h2>
            <p class="hint">{i18n.t("cw.hint")}</p>
            <details>
                <summary>{i18n.t("doc.section.interview")}</summary>
                <Field label="doc.interview.interviewer" value=interviewer />
                <Field label="doc.interview.interpreter" value=interpreter />
                <Field label="doc.interview.language" value=language />
                <button class="button quiet" type="button" on:click=save_interview>{i18n.t("cw.save")}</button>
            </details>
            <details>
                <summary>{i18n.t("cw.panel_add")}</summary>
                <Field label="doc.panel.member" value=member />
                <Field label="doc.panel.expertise" value=expertise />
                <Field label="cw.signed_on" value=signed kind="date" />
                <button class="button quiet" type="button" on:click=add_member>{i18n.t("cw.panel_add")}</button>
            </details>
            <details>
                <summary>{i18n.t("cw.conference_add")}</summary>
                <Field label="doc.conference.held_on" value=held kind="date" />
                <label class="field">
                    <span>{i18n.t("cw.attended")}</span>
                    <textarea translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" rows="3" bind:value=attended></textarea>
                </label>
                <Field label="doc.conference.decided" value=decided />
                <Field label="doc.conference.action" value=what />
                <Field label="cw.action_who" value=who />
                <Field label="cw.action_by" value=by_when kind="date" />
                <button class="button quiet" type="button" on:click=add_conference>{i18n.t("cw.conference_add")}</button>
            </details>
            <details>
                <summary>{i18n.t("cw.review_add")}</summary>
                <Field label="doc.review.held_on" value=reviewed kind="date" />
                <Field label="doc.review.what_changed" value=changed />
                <label class="choice">
                    <input type="checkbox" bind:checked=revised />
                    <span>{i18n.t("doc.review.revised")}</span>
                </label>
                <Field label="doc.review.revised_decision" value=revision />
                <Field label="doc.review.next_review" value=next kind="date" />
                <button class="button quiet" type="button" on:click=add_review>{i18n.t("cw.review_add")}</button>
            </details>
            <details>
                <summary>{i18n.t("doc.consent.explained")}</summary>
                <label class="field">
                    <span>{i18n.t("doc.consent.purpose")}</span>
                    <select on:change=move |ev| {
                        let code = event_target_value(&ev);
                        if let Some(p) = ConsentPurpose::ALL.into_iter().find(|p| p.code() == code) {
                            purpose.set(p);
                            explained.set(editor.case.with_untracked(|c| c.casework().consent_explanations.get(&p).cloned().unwrap_or_default()));
                        }
                    }>
                        {ConsentPurpose::ALL.into_iter().map(|p| view! {
                            <option value=p.code() selected=p == ConsentPurpose::Referral>{i18n.t(purpose_key(p))}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="field">
                    <span>{i18n.t("doc.consent.explained")}</span>
                    <textarea translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" rows="3" bind:value=explained></textarea>
                </label>
                <button class="button quiet" type="button" on:click=save_explained>{i18n.t("cw.save")}</button>
            </details>
            {move || said.get().map(|(ok, key)| if ok {
                view! { <p class="notice subtle" role="status">{i18n.t(key)}</p> }.into_any()
            } else {
                view! { <p class="notice" role="alert">{i18n.t(key)}</p> }.into_any()
            })}
        </section>
    }
}
