//! The child's minimum data: who the child says they are, their age and its basis, who they
//! travel with, and where they were met and are now. Nothing more is recorded about the child.

use crate::vocabulary::{AccompanimentStatus, Country};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The child's identifying and situational data, kept to the minimum the procedure needs
/// (SOURCES b5, "Identity" and "Family & care status"). Every field may stay empty: the
/// volunteer first-contact flow records no identity at all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildProfile {
    /// The names the child gives, to address them by name and find their case again. Not
    /// checked against documents: the child's word is recorded as given.
    pub given_names: String,
    /// A name the case is known by when the child gives no name or the name must not be
    /// written down (safety); lets the case be found without recording identity.
    pub alias: String,
    /// Sex as the child describes it: some services (health, shelter placement) depend on it.
    pub sex: Option<Sex>,
    /// Gender in the child's own words — never assumed; ask which term they use (SOURCES c8).
    pub gender_in_own_words: String,
    /// Age and how it is known: who is a child, which age band and which national rules apply
    /// (SOURCES c10) all depend on it.
    pub age: Age,
    /// Nationality as the child states it, unverified: feeds the statelessness screening, which
    /// must not assume the parents' or the birth country's nationality (SOURCES c3).
    pub nationality_stated: String,
    /// Languages the child speaks, in their own naming (indigenous languages often have no
    /// code): an interpreter is a due-process guarantee (SOURCES c9).
    pub languages: Vec<String>,
    /// Which identity documents exist and who holds them — never their numbers. Documents kept
    /// by an adult are a trafficking indicator; none at all is a statelessness one.
    pub documents: Vec<DocumentHeld>,
    /// Whether the child is unaccompanied, separated or accompanied, and by whom: it decides
    /// guardianship, tracing and referral (SOURCES c1).
    pub accompaniment: Accompaniment,
    /// Where the child was first met: decides which country's pathway and authorities apply.
    pub first_contact: FirstContact,
    /// Where the child is now and in whose care: needed to follow up and to act in an emergency.
    pub current_care: CareArrangement,
}

impl ChildProfile {
    /// True when nothing at all has been recorded about the child.
    pub fn is_blank(&self) -> bool {
        let blank = |s: &str| s.trim().is_empty();
        blank(&self.given_names)
            && blank(&self.alias)
            && self.sex.is_none()
            && blank(&self.gender_in_own_words)
            && self.age.is_blank()
            && blank(&self.nationality_stated)
            && self.languages.iter().all(|l| blank(l))
            && self.documents.is_empty()
            && self.accompaniment == Accompaniment::default()
            && self.first_contact.country.is_none()
            && blank(&self.first_contact.place)
            && self.current_care.kind.is_none()
            && blank(&self.current_care.place)
    }
}

/// Sex as the child describes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Female,
    Male,
    Intersex,
    /// The child chose not to say; recorded so that nobody asks again.
    PrefersNotToSay,
}

/// What is known of the child's age.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Age {
    /// Age in whole years as recorded when the case was opened: most children in transit have
    /// no document, so the stated age is often all there is.
    pub stated_years: Option<u8>,
    /// Date of birth when known: ages the record correctly as time passes (turning 18).
    pub date_of_birth: Option<NaiveDate>,
    /// How the age is known: a presumed minor is protected as a child until assessed.
    pub basis: Option<AgeBasis>,
    /// Why the case goes on although the stated age is over 17 (for example presumed minor
    /// pending an age assessment): Senda is for children, so an adult age needs a reason.
    pub reason_over_17: String,
}

impl Age {
    fn is_blank(&self) -> bool {
        self.stated_years.is_none()
            && self.date_of_birth.is_none()
            && self.basis.is_none()
            && self.reason_over_17.trim().is_empty()
    }
}

/// How the child's age is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgeBasis {
    /// The child (or their companion) said so.
    StatedByChild,
    /// Read from a document the child holds or that was seen.
    Document,
    /// Established by a formal, multidisciplinary age assessment.
    Assessment,
    /// In doubt, treated as a minor: the benefit of the doubt the standards require.
    PresumedMinor,
}

/// An identity document that exists, without its number.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DocumentHeld {
    /// What the document is: a birth certificate bears on nationality, a passport on travel.
    pub kind: DocumentKind,
    /// Who has it: a document held by someone other than the child is a warning sign.
    pub held_by: DocumentHolder,
}

/// Kinds of identity document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    BirthCertificate,
    NationalIdentityCard,
    Passport,
    /// A visa, permit, asylum-seeker card or similar issued in a transit or destination country.
    MigrationDocument,
    Other,
}

/// Who holds a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentHolder {
    Child,
    AccompanyingAdult,
    /// Retained by an authority (migration, police, a shelter).
    Authority,
    /// The child says it exists but not where, or someone else has it.
    ElsewhereOrUnknown,
}

/// The child's accompaniment status and the adults with them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accompaniment {
    /// Unaccompanied, separated, accompanied or not yet known.
    pub status: AccompanimentStatus,
    /// The adults travelling with the child, by relationship only (no names: tracing records
    /// are a separate step with their own consent).
    pub with: Vec<AccompanyingAdult>,
}

/// An adult travelling with the child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AccompanyingAdult {
    /// The relationship the child or the adult states.
    pub relationship: Relationship,
    /// Whether the relationship has been verified: an unverified claim is a trafficking
    /// indicator to keep in view.
    pub verified: bool,
}

/// An adult's relationship to the child.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    Parent,
    Grandparent,
    /// An adult brother or sister.
    Sibling,
    OtherRelative,
    /// A guardian by law or custom who is not a relative.
    LegalGuardian,
    /// An adult with no family or legal tie to the child.
    Unrelated,
}

/// Where the child was first met.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FirstContact {
    /// The RCM country of first contact: selects the country's pathway and authorities.
    pub country: Option<Country>,
    /// The place as a town, border post or facility name — never a street address.
    pub place: String,
}

/// Where the child is now and in whose care.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CareArrangement {
    /// The kind of care: a child in a migration facility must be moved out (SOURCES c1).
    pub kind: Option<CareKind>,
    /// The town or facility where the child can be found for follow-up — never a street address.
    pub place: String,
}

/// Kinds of care arrangement.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareKind {
    /// With a parent or the usual legal or customary caregiver.
    WithParentOrCaregiver,
    /// With other relatives.
    KinshipCare,
    FosterFamily,
    /// A shelter, reception centre or residential care home.
    ShelterOrReceptionCentre,
    /// A migration station or other closed facility: children must never be deprived of
    /// liberty for migration reasons, so this must lead to action.
    MigrationFacility,
    Hospital,
    /// No fixed place: still travelling or living on their own.
    NoFixedPlace,
    Other,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_profile_is_blank_and_any_recorded_fact_is_not() {
        assert!(ChildProfile::default().is_blank());
        let whitespace_only = ChildProfile {
            given_names: "  ".into(),
            languages: vec![" ".into()],
            ..ChildProfile::default()
        };
        assert!(whitespace_only.is_blank());

        let with_alias = ChildProfile { alias: "Estrella".into(), ..ChildProfile::default() };
        assert!(!with_alias.is_blank());

        let mut with_age = ChildProfile::default();
        with_age.age.stated_years = Some(12);
        assert!(!with_age.is_blank());

        let mut with_status = ChildProfile::default();
        with_status.accompaniment.status = AccompanimentStatus::Unaccompanied;
        assert!(!with_status.is_blank());

        let mut with_country = ChildProfile::default();
        with_country.first_contact.country = Some(Country::Guatemala);
        assert!(!with_country.is_blank());
    }

    #[test]
    fn enums_are_stored_in_snake_case() {
        let doc = DocumentHeld {
            kind: DocumentKind::BirthCertificate,
            held_by: DocumentHolder::AccompanyingAdult,
        };
        assert_eq!(
            serde_json::to_string(&doc).ok().as_deref(),
            Some(r#"{"kind":"birth_certificate","held_by":"accompanying_adult"}"#)
        );
        assert_eq!(
            serde_json::to_string(&AgeBasis::PresumedMinor).ok().as_deref(),
            Some("\"presumed_minor\"")
        );
    }
}
