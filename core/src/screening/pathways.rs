//! The national bodies of each RCM country a referral can go to (`content/screening/pathways.json`,
//! from SOURCES f): child protection, asylum, migration and anti-trafficking, by name only —
//! no invented contacts — each confirmed by a source or marked to verify locally.

use super::model::ServiceKind;
use crate::vocabulary::Country;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pathways {
    pub countries: Vec<CountryPathway>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountryPathway {
    pub country: Country,
    pub bodies: Vec<Body>,
}

/// A national body, named as the sources name it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    pub id: String,
    pub kind: ServiceKind,
    pub name: String,
    /// Whether a source confirms this body's role; if not, the app says to verify locally.
    pub confirmed: bool,
    pub sources: Vec<String>,
}

impl Pathways {
    pub fn parse(json: &str) -> Result<Pathways, String> {
        serde_json::from_str(json).map_err(|e| format!("content/screening/pathways.json: {e}"))
    }

    /// The bodies of `kind` in `country`, in content order (confirmed first as written).
    pub fn bodies(&self, country: Country, kind: ServiceKind) -> Vec<&Body> {
        self.countries
            .iter()
            .filter(|c| c.country == country)
            .flat_map(|c| &c.bodies)
            .filter(|b| b.kind == kind)
            .collect()
    }
}
