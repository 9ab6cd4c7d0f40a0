//! An action that cannot be taken back (delete, wipe, an unencrypted export) behind a question:
//! first its button, then the question with "yes" and "cancel".

use crate::i18n::use_i18n;
use leptos::prelude::*;

#[component]
pub fn ConfirmAction(
    /// Key of the button's words; also names the question for screen readers.
    label: &'static str,
    /// Key of the question that says what will happen.
    question: &'static str,
    /// Key of the words of the button that does it.
    yes: &'static str,
    /// Classes of the first button (`button quiet`, `button danger-quiet`).
    button_class: &'static str,
    /// Runs when the worker says yes.
    on_yes: UnsyncCallback<()>,
    /// Runs when the question opens (e.g. to clear an earlier result).
    #[prop(optional)]
    on_open: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(false);
    move || {
        if asking.get() {
            view! {
                <div class="confirm" role="alertdialog" aria-label=i18n.t(label)>
                    <p><strong>{i18n.t(question)}</strong></p>
                    <div class="actions">
                        <button class="button danger" type="button" on:click=move |_| {
                            asking.set(false);
                            on_yes.run(());
                        }>{i18n.t(yes)}</button>
                        <button class="button quiet" type="button" on:click=move |_| asking.set(false)>
                            {i18n.t("case.cancel")}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        } else {
            view! {
                <button class=button_class type="button" on:click=move |_| {
                    if let Some(open) = on_open {
                        open.run(());
                    }
                    asking.set(true);
                }>{i18n.t(label)}</button>
            }
            .into_any()
        }
    }
}
