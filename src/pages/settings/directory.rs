//! Settings: the organisation directory — the local services listed on this phone, adding and
//! removing one, exporting the list as a file to share, and importing a shared file: checked
//! whole (a bad file is refused with its reason and changes nothing; one over 2 MB is not even
//! read), its effect previewed (added, unchanged, and every changed field side by side) and
//! merged only once the worker confirms.

use crate::components::erased::{change, click, dyn_text, dyn_view};
use crate::directory_store;
use crate::download::{offer_download, read_file};
use crate::i18n::use_i18n;
use crate::session::now;
use crate::vault::crypto::random_bytes;
use leptos::prelude::*;
use senda_core::dates::iso_date;
use senda_core::screening::{
    AgeRange, Directory, FieldValue, OrgChange, Organisation, ServiceKind, MAX_FILE_BYTES,
};
use senda_core::vocabulary::Country;

fn kind_key(kind: ServiceKind) -> &'static str {
    match kind {
        ServiceKind::ChildProtection => "directory.kind.child_protection",
        ServiceKind::Asylum => "directory.kind.asylum",
        ServiceKind::Migration => "directory.kind.migration",
        ServiceKind::AntiTrafficking => "directory.kind.anti_trafficking",
        ServiceKind::Gbv => "directory.kind.gbv",
        ServiceKind::Health => "directory.kind.health",
        ServiceKind::Psychosocial => "directory.kind.psychosocial",
        ServiceKind::Legal => "directory.kind.legal",
        ServiceKind::Shelter => "directory.kind.shelter",
        ServiceKind::Disability => "directory.kind.disability",
        ServiceKind::Education => "directory.kind.education",
        ServiceKind::Other => "directory.kind.other",
    }
}

#[derive(Clone)]
enum Status {
    None,
    Done(&'static str),
    Refused(String),
    Preview(Directory, String, Vec<OrgChange>),
}

/// A field's value in the worker's words.
fn field_value(i18n: crate::i18n::I18n, value: &FieldValue) -> String {
    match value {
        FieldValue::Text(t) if t.is_empty() => i18n.tr("directory.changes_empty"),
        FieldValue::Text(t) => t.clone(),
        FieldValue::Kind(k) => i18n.tr(kind_key(*k)),
        FieldValue::Country(c) => i18n.tr(c.name_key()),
    }
}

/// Every changed entry as a table: the field, what this phone has, what the file brings.
fn changes_view(i18n: crate::i18n::I18n, changes: Vec<OrgChange>) -> impl IntoView {
    changes
        .into_iter()
        .map(|c| {
            let caption = i18n.tr_with("directory.changes_title", &[("name", &c.name)]);
            let rows = c
                .fields
                .into_iter()
                .map(|f| {
                    view! {
                        <tr>
                            <th scope="row">{i18n.tr(f.label)}</th>
                            <td class="before">{field_value(i18n, &f.before)}</td>
                            <td class="after">{field_value(i18n, &f.after)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <table class="directory-changes">
                    <caption>{caption}</caption>
                    <thead><tr>
                        <th scope="col">{i18n.tr("directory.changes_field")}</th>
                        <th scope="col">{i18n.tr("directory.changes_before")}</th>
                        <th scope="col">{i18n.tr("directory.changes_after")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view()
}

#[component]
pub fn DirectorySettings() -> impl IntoView {
    let i18n = use_i18n();
    let directory = RwSignal::new(directory_store::load());
    let status = RwSignal::new(Status::None);
    let store = move |next: Directory| {
        if directory_store::save(&next) {
            directory.set(next);
            true
        } else {
            status.set(Status::Refused(i18n.tr("directory.storage_failed")));
            false
        }
    };
    let export = move || {
        let file = directory.with_untracked(Directory::to_file);
        let name = format!("senda-directory-{}.json", iso_date(now().date_naive()));
        let _ = offer_download(file.as_bytes(), &name, "application/json");
    };
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(picked) = input.files().and_then(|list| list.get(0)) else { return };
        input.set_value("");
        if picked.size() > MAX_FILE_BYTES as f64 {
            let why = format!(
                "{} {}",
                i18n.tr("directory.refused"),
                i18n.tr("directory.error.too_large")
            );
            status.set(Status::Refused(why));
            return;
        }
        leptos::task::spawn_local(async move {
            let text = read_file(&picked).await.ok().and_then(|b| String::from_utf8(b).ok());
            let next = match text.map(|t| Directory::from_file(&t)) {
                None => Status::Refused(i18n.tr("directory.unreadable")),
                Some(Err(e)) => {
                    let mut why =
                        format!("{} {}", i18n.tr("directory.refused"), i18n.tr(e.message_key()));
                    if let Some(n) = e.entry() {
                        why = format!(
                            "{why} {}",
                            i18n.tr_with("directory.entry", &[("n", &n.to_string())])
                        );
                    }
                    Status::Refused(why)
                }
                Some(Ok(incoming)) => {
                    let p = directory.with_untracked(|d| d.preview(&incoming));
                    let list = |names: &[String]| {
                        if names.is_empty() {
                            "0".to_owned()
                        } else {
                            format!("{} ({})", names.len(), names.join(", "))
                        }
                    };
                    let text = i18n.tr_with(
                        "directory.preview",
                        &[
                            ("added", &list(&p.added)),
                            ("changed", &list(&p.changed)),
                            ("unchanged", &p.unchanged.to_string()),
                        ],
                    );
                    Status::Preview(incoming, text, p.changes)
                }
            };
            status.set(next);
        });
    };
    let confirm = move || {
        if let Status::Preview(incoming, _, _) = status.get_untracked() {
            let mut next = directory.get_untracked();
            next.merge(incoming);
            if store(next) {
                status.set(Status::Done("directory.imported"));
            }
        }
    };
    view! {
        <section class="card directory-settings" aria-labelledby="directory-title">
            <h2 id="directory-title">{i18n.t("directory.title")}</h2>
            <p class="hint">{i18n.t("directory.intro")}</p>
            <p class="directory-count" data-phone-state="">{dyn_text(move || i18n.tr_with("directory.count", &[("count", &directory.with(|d| d.organisations.len()).to_string())]))}</p>
            {dyn_view(move || {
                let orgs = directory.get().organisations;
                if orgs.is_empty() {
                    return view! { <p class="hint" data-phone-state="">{i18n.t("directory.empty")}</p> }.into_any();
                }
                view! {
                    <ul class="directory-list" data-phone-state="">
                        {orgs.into_iter().map(|o| {
                            let id = o.id.clone();
                            view! {
                                <li>
                                    <strong>{o.name}</strong>
                                    <span class="hint">" · " {i18n.tr(kind_key(o.kind))} " · " {i18n.tr(o.country.name_key())}</span>
                                    {(!o.offers.is_empty()).then(|| view! { <p class="hint">{o.offers}</p> })}
                                    <button class="button quiet" type="button" on:click=click(move || {
                                        let mut next = directory.get_untracked();
                                        if next.remove(&id) { store(next); }
                                    })>{i18n.t("directory.remove")}</button>
                                </li>
                            }
                            .into_any()
                        }).collect_view()}
                    </ul>
                }
                .into_any()
            })}
            {view! { <AddService directory store=StoredValue::new(store) /> }.into_any()}
            <p class="actions">
                <button class="button quiet" type="button" on:click=click(export)>{i18n.t("directory.export")}</button>
            </p>
            <label class="field">
                <span>{i18n.t("directory.import")}</span>
                <input type="file" accept=".json,application/json" on:change=change(pick) />
            </label>
            {dyn_view(move || match status.get() {
                Status::None => ().into_any(),
                Status::Done(key) => view! { <p class="notice subtle" role="status">{i18n.tr(key)}</p> }.into_any(),
                Status::Refused(why) => view! { <p class="form-error directory-refused" role="alert">{why}</p> }.into_any(),
                Status::Preview(_, text, changes) => view! {
                    <div class="notice directory-preview" role="status">
                        <p>{text}</p>
                        {changes_view(i18n, changes)}
                        <p class="actions">
                            <button class="button primary" type="button" on:click=click(confirm)>{i18n.t("directory.import_confirm")}</button>
                            <button class="button quiet" type="button" on:click=click(move || status.set(Status::None))>{i18n.t("directory.import_cancel")}</button>
                        </p>
                    </div>
                }.into_any(),
            })}
        </section>
    }
}

/// A form to add one service; the entry gets a random id so that shared copies update it.
#[component]
fn AddService(
    directory: RwSignal<Directory>,
    store: StoredValue<impl Fn(Directory) -> bool + Send + Sync + 'static>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fields: [RwSignal<String>; 6] = std::array::from_fn(|_| RwSignal::new(String::new()));
    let [name, offers, address, phone, hours, languages] = fields;
    let kind = RwSignal::new(String::from("gbv"));
    let country = RwSignal::new(String::from("MX"));
    let ages = [RwSignal::new(String::new()), RwSignal::new(String::new())];
    let problem = RwSignal::new(None::<&'static str>);
    let save = move || {
        let Ok(bytes) = random_bytes::<8>() else { return };
        let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        let age = |s: RwSignal<String>| s.get_untracked().trim().parse::<u8>().ok();
        let org = Organisation {
            id,
            name: name.get_untracked().trim().to_owned(),
            kind: ServiceKind::from_code(&kind.get_untracked()).unwrap_or(ServiceKind::Other),
            country: Country::from_code(&country.get_untracked()).unwrap_or(Country::Mexico),
            offers: offers.get_untracked().trim().to_owned(),
            address: address.get_untracked().trim().to_owned(),
            phone: phone.get_untracked().trim().to_owned(),
            hours: hours.get_untracked().trim().to_owned(),
            languages: languages
                .get_untracked()
                .split(',')
                .map(|l| l.trim().to_owned())
                .filter(|l| !l.is_empty())
                .collect(),
            ages: age(ages[0]).zip(age(ages[1])).map(|(from, to)| AgeRange { from, to }),
        };
        let mut next = directory.get_untracked();
        match next.upsert(org) {
            Err(p) => problem.set(Some(
                senda_core::screening::DirectoryError::BadEntry { index: 1, problem: p }
                    .message_key(),
            )),
            Ok(()) => {
                if store.with_value(|s| s(next)) {
                    problem.set(None);
                    for f in fields {
                        f.set(String::new());
                    }
                }
            }
        }
    };
    let text_field = |label: &'static str, value: RwSignal<String>| {
        view! {
            <label class="field"><span>{i18n.t(label)}</span><input translate="no" spellcheck="false" {crate::components::private_text::autocorrect_off()} autocapitalize="off" autocomplete="off" type="text" bind:value=value /></label>
        }
    };
    view! {
        <details class="directory-add">
            <summary>{i18n.t("directory.add")}</summary>
            {text_field("directory.name", name)}
            <label class="field">
                <span>{i18n.t("directory.kind")}</span>
                <select on:change=change(move |ev| kind.set(event_target_value(&ev)))>
                    {ServiceKind::ALL.into_iter().map(|k| view! { <option value=k.code() selected=k == ServiceKind::Gbv>{i18n.tr(kind_key(k))}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">
                <span>{i18n.t("directory.country")}</span>
                <select on:change=change(move |ev| country.set(event_target_value(&ev)))>
                    {Country::ALL.into_iter().map(|c| view! { <option value=c.code() selected=c == Country::Mexico>{i18n.tr(c.name_key())}</option> }).collect_view()}
                </select>
            </label>
            {text_field("directory.offers", offers)}
            {text_field("directory.address", address)}
            {text_field("directory.phone", phone)}
            {text_field("directory.hours", hours)}
            {text_field("directory.languages", languages)}
            <div class="field-row">
                <label class="field"><span>{i18n.t("directory.ages_from")}</span><input type="number" min="0" max="17" bind:value=ages[0] /></label>
                <label class="field"><span>{i18n.t("directory.ages_to")}</span><input type="number" min="0" max="17" bind:value=ages[1] /></label>
            </div>
            {dyn_view(move || problem.get().map(|key| view! { <p class="form-error" role="alert">{i18n.tr(key)}</p> }.into_any()).unwrap_or_else(|| ().into_any()))}
            <button class="button primary" type="button" on:click=click(save)>{i18n.t("directory.save")}</button>
        </details>
    }
}
