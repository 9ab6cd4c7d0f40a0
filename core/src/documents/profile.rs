//! The parts of a document about the case itself: its header (number, dates, status, risk) and
//! the child's recorded data, in full for the registration record and in brief elsewhere.

use super::{case_ref, risk_key, Row, Section, Text};
use crate::case::{AgeBasis, CareKind, Case, Sex};
use crate::dates::iso_date;
use crate::vocabularies::Vocabulary;
use crate::vocabulary::Country;

fn row(label: &'static str, value: Text) -> Row {
    Row { label: Text::Key(label), value }
}

/// The words as recorded, or "not recorded".
fn plain(s: &str) -> Text {
    if s.trim().is_empty() {
        Text::Key("doc.not_recorded")
    } else {
        Text::Plain(s.trim().to_owned())
    }
}

fn key_or_blank(key: Option<&'static str>) -> Text {
    key.map(Text::Key).unwrap_or(Text::Key("doc.not_recorded"))
}

pub(super) fn header(case: &Case) -> Section {
    let status = if case.status().is_closed() { "cases.closed" } else { "doc.status.open" };
    Section {
        heading: Text::Key("doc.section.case"),
        rows: vec![
            row("doc.case_number", Text::Plain(case_ref(case))),
            row("doc.opened_on", Text::Plain(iso_date(case.created_at().date_naive()))),
            row("doc.status", Text::Key(status)),
            row("doc.risk", Text::Key(risk_key(case.risk().level()))),
        ],
    }
}

/// Every field of the child's minimum data (registration record).
pub(super) fn full(case: &Case) -> Section {
    let p = case.profile();
    let mut rows = vec![
        row("case.given_names", plain(&p.given_names)),
        row("case.alias", plain(&p.alias)),
        row("case.sex", key_or_blank(p.sex.map(Sex::name_key))),
        row("case.gender", plain(&p.gender_in_own_words)),
    ];
    rows.extend(summary_rows(case));
    rows.push(row("case.reason_over_17", plain(&p.age.reason_over_17)));
    let adults: Vec<Row> = p
        .accompaniment
        .with
        .iter()
        .map(|a| Row {
            label: Text::Key("case.with"),
            value: Text::KeyWith(
                if a.verified { "doc.adult_verified" } else { "doc.adult_unverified" },
                vec![("relationship", Text::Key(a.relationship.name_key()))],
            ),
        })
        .collect();
    rows.extend(adults);
    rows.extend(p.documents.iter().map(|d| Row {
        label: Text::Key("case.documents"),
        value: Text::KeyWith(
            "doc.id_document",
            vec![
                ("kind", Text::Key(d.kind.name_key())),
                ("holder", Text::Key(d.held_by.name_key())),
            ],
        ),
    }));
    if p.documents.is_empty() {
        rows.push(row("case.documents", Text::Key("doc.not_recorded")));
    }
    Section { heading: Text::Key("case.section.child"), rows }
}

/// What every other document needs of the child: how to address them, age, nationality,
/// languages, accompaniment, where they were met and are now.
pub(super) fn summary(case: &Case) -> Section {
    let p = case.profile();
    let name = if p.alias.trim().is_empty() { &p.given_names } else { &p.alias };
    let mut rows = vec![row("doc.known_as", plain(name))];
    rows.extend(summary_rows(case));
    Section { heading: Text::Key("case.section.child"), rows }
}

fn summary_rows(case: &Case) -> Vec<Row> {
    let p = case.profile();
    vec![
        row(
            "case.age",
            p.age
                .stated_years
                .map(|y| Text::Plain(y.to_string()))
                .unwrap_or(Text::Key("doc.not_recorded")),
        ),
        row(
            "case.dob",
            p.age
                .date_of_birth
                .map(|d| Text::Plain(iso_date(d)))
                .unwrap_or(Text::Key("doc.not_recorded")),
        ),
        row("case.age_basis", key_or_blank(p.age.basis.map(AgeBasis::name_key))),
        row("case.nationality", plain(&p.nationality_stated)),
        row("case.languages", plain(&p.languages.join(", "))),
        row("case.accompaniment", Text::Key(p.accompaniment.status.name_key())),
        row("case.country", key_or_blank(p.first_contact.country.map(Country::name_key))),
        row("case.place", plain(&p.first_contact.place)),
        row("doc.care", key_or_blank(p.current_care.kind.map(care_key))),
        row("case.care_place", plain(&p.current_care.place)),
    ]
}

fn care_key(c: CareKind) -> &'static str {
    match c {
        CareKind::WithParentOrCaregiver => "doc.care.with_parent_or_caregiver",
        CareKind::KinshipCare => "doc.care.kinship_care",
        CareKind::FosterFamily => "doc.care.foster_family",
        CareKind::ShelterOrReceptionCentre => "doc.care.shelter_or_reception_centre",
        CareKind::MigrationFacility => "doc.care.migration_facility",
        CareKind::Hospital => "doc.care.hospital",
        CareKind::NoFixedPlace => "doc.care.no_fixed_place",
        CareKind::Other => "doc.care.other",
    }
}
