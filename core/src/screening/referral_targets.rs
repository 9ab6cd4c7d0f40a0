//! Whom to refer to for an action: the public bodies of that kind in the child's country (from
//! the pathways, marked where a source does not confirm them), then the services the
//! organisation's own directory lists, each with what it offers and how to reach it.

use super::directory::Directory;
use super::model::ServiceKind;
use super::pathways::Pathways;
use crate::vocabulary::Country;

/// One body or service to refer to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub name: String,
    /// Whether a source confirms the body's role (a directory entry is the organisation's own).
    pub confirmed: bool,
    /// What a directory entry offers and how to reach it, joined by " · "; empty for a body.
    pub detail: String,
}

/// The targets for one kind of service in one country, and what to say when there are none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Targets {
    pub targets: Vec<Target>,
    /// A national competence (child protection, asylum, migration, anti-trafficking) with no
    /// body named in the pathways for this country: the screen says so.
    pub no_national_body: bool,
    /// A local service with nothing in the directory: the screen suggests adding one.
    pub add_to_directory: bool,
}

/// Whether the State holds this competence (its bodies come from the pathways, not the directory).
pub fn is_national(kind: ServiceKind) -> bool {
    matches!(
        kind,
        ServiceKind::ChildProtection
            | ServiceKind::Asylum
            | ServiceKind::Migration
            | ServiceKind::AntiTrafficking
    )
}

/// The bodies and services of `kind` in `country`: the pathways' first, then the directory's.
pub fn referral_targets(
    pathways: &Pathways,
    directory: &Directory,
    country: Country,
    kind: ServiceKind,
) -> Targets {
    let mut targets: Vec<Target> = pathways
        .bodies(country, kind)
        .into_iter()
        .map(|b| Target { name: b.name.clone(), confirmed: b.confirmed, detail: String::new() })
        .collect();
    let national = is_national(kind);
    let no_national_body = targets.is_empty() && national;
    targets.extend(directory.services(country, kind).into_iter().map(|o| {
        let detail = [&o.offers, &o.address, &o.phone, &o.hours]
            .into_iter()
            .filter(|t| !t.is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(" · ");
        Target { name: o.name.clone(), confirmed: true, detail }
    }));
    let add_to_directory = targets.is_empty() && !national;
    Targets { targets, no_national_body, add_to_directory }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::screening::directory::Organisation;

    fn service(name: &str, kind: ServiceKind, country: Country) -> Organisation {
        Organisation {
            id: name.to_lowercase(),
            name: name.into(),
            kind,
            country,
            offers: "Atención psicológica".into(),
            address: String::new(),
            phone: String::new(),
            hours: "L-V 9-17".into(),
            languages: vec![],
            ages: None,
        }
    }

    #[test]
    fn national_bodies_come_first_then_the_directory_with_its_details() {
        let pathways = super::super::content_tests::pathways();
        let directory = Directory {
            organisations: vec![
                service("Refugio Local", ServiceKind::ChildProtection, Country::Mexico),
                service("Elsewhere", ServiceKind::ChildProtection, Country::Belize),
            ],
        };
        let found =
            referral_targets(&pathways, &directory, Country::Mexico, ServiceKind::ChildProtection);
        let bodies = pathways.bodies(Country::Mexico, ServiceKind::ChildProtection);
        assert!(!bodies.is_empty());
        assert_eq!(
            found.targets.len(),
            bodies.len() + 1,
            "the other country's service is left out"
        );
        for (target, body) in found.targets.iter().zip(&bodies) {
            assert_eq!(
                (&target.name, target.confirmed, target.detail.as_str()),
                (&body.name, body.confirmed, "")
            );
        }
        let last = found.targets.last().expect("the directory entry");
        assert_eq!(
            (last.name.as_str(), last.confirmed, last.detail.as_str()),
            ("Refugio Local", true, "Atención psicológica · L-V 9-17")
        );
        assert!(!found.no_national_body && !found.add_to_directory);
    }

    #[test]
    fn with_nothing_to_offer_the_screen_is_told_which_gap_it_is() {
        let pathways = super::super::content_tests::pathways();
        let empty = Directory { organisations: vec![] };
        let local = referral_targets(&pathways, &empty, Country::Mexico, ServiceKind::Shelter);
        assert!(local.targets.is_empty() && local.add_to_directory && !local.no_national_body);
        let none = Pathways { countries: vec![] };
        let national = referral_targets(&none, &empty, Country::Mexico, ServiceKind::Asylum);
        assert!(national.targets.is_empty() && national.no_national_body);
        assert!(!national.add_to_directory);
    }
}
