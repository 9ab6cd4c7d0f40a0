//! The case list's word about backups: a reminder when there is none of these cases, or the
//! last one is older than the chosen interval and cases changed since; and the way to the
//! backup screen.

use crate::base_path::BasePath;
use crate::i18n::use_i18n;
use crate::session::{now, use_session};
use leptos::prelude::*;
use senda_core::backup::{BackupLog, BackupReminder};

#[component]
pub fn BackupReminderNotice() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let base = expect_context::<BasePath>();
    let log = RwSignal::new(None::<BackupLog>);
    leptos::task::spawn_local(async move {
        let stored = session.backup_log().await;
        let _ = log.try_set(Some(stored));
    });
    let reminder = move || {
        let latest = session.summaries().with(|all| all.iter().map(|s| s.updated_at).max());
        log.get().map_or(BackupReminder::NotDue, |l| l.reminder(latest, now()))
    };
    move || {
        let text = match reminder() {
            BackupReminder::NotDue => return None,
            BackupReminder::NeverMade => i18n.tr("backup.reminder.never"),
            BackupReminder::Overdue { days } => {
                i18n.tr_with("backup.reminder.overdue", &[("days", &days.to_string())])
            }
        };
        Some(view! {
            <aside class="notice backup-reminder" role="status">
                <p>{text}</p>
                <a class="button quiet" href=base.href("/cases/backup")>{i18n.t("backup.reminder.action")}</a>
            </aside>
        })
    }
}

/// The way to the backup screen, under the case list.
#[component]
pub fn BackupLink() -> impl IntoView {
    let i18n = use_i18n();
    let base = expect_context::<BasePath>();
    view! { <a class="button quiet wide backup-link" href=base.href("/cases/backup")>{i18n.t("backup.link")}</a> }
}
