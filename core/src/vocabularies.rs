//! One vocabulary per enum a person picks from: every value in the order screens offer them,
//! its stable code (as stored and as a form's value) and the message key of its name. Screens
//! build their choices from here; no view writes its own table of codes and keys.

use crate::case::{
    AgeBasis, ChildAssent, ClosureReason, ConsentGiver, ConsentPurpose, DocumentHolder,
    DocumentKind, IndicatorAnswer, Relationship, RiskLevel, Sex,
};
use crate::vocabulary::{AccompanimentStatus, Country};

/// An enum with a fixed list of values, a stable code and a name for each.
pub trait Vocabulary: Copy + PartialEq + Send + Sync + 'static {
    /// Every value, in the order screens offer them.
    const ALL: &'static [Self];
    /// The stable code: the stored form of the value and the value of its `<option>`.
    fn code(self) -> &'static str;
    /// The message key of the value's name in the interface strings.
    fn name_key(self) -> &'static str;
    /// The value with this code, if any.
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|v| v.code() == code)
    }
}

/// Implements `Vocabulary` from one list of `Variant => "code", "message.key"`.
macro_rules! vocabulary {
    ($ty:ident { $($variant:ident => $code:literal, $key:literal;)+ }) => {
        impl Vocabulary for $ty {
            const ALL: &'static [Self] = &[$($ty::$variant),+];
            fn code(self) -> &'static str {
                match self { $($ty::$variant => $code),+ }
            }
            fn name_key(self) -> &'static str {
                match self { $($ty::$variant => $key),+ }
            }
        }
    };
}

/// Implements `Vocabulary` for an enum that already has its list and codes, adding the names.
macro_rules! names {
    ($ty:ident { $($variant:ident => $key:literal;)+ }) => {
        impl Vocabulary for $ty {
            const ALL: &'static [Self] = &$ty::ALL;
            fn code(self) -> &'static str {
                $ty::code(self)
            }
            fn name_key(self) -> &'static str {
                match self { $($ty::$variant => $key),+ }
            }
        }
    };
}

vocabulary!(RiskLevel {
    High => "high", "risk.high";
    Medium => "medium", "risk.medium";
    Low => "low", "risk.low";
});

vocabulary!(Sex {
    Female => "female", "case.sex.female";
    Male => "male", "case.sex.male";
    Intersex => "intersex", "case.sex.intersex";
    PrefersNotToSay => "prefers_not_to_say", "case.sex.prefers_not_to_say";
});

vocabulary!(AgeBasis {
    StatedByChild => "stated_by_child", "case.age_basis.stated_by_child";
    Document => "document", "case.age_basis.document";
    Assessment => "assessment", "case.age_basis.assessment";
    PresumedMinor => "presumed_minor", "case.age_basis.presumed_minor";
});

vocabulary!(AccompanimentStatus {
    NotYetKnown => "not_yet_known", "case.accompaniment.not_yet_known";
    Unaccompanied => "unaccompanied", "case.accompaniment.unaccompanied";
    Separated => "separated", "case.accompaniment.separated";
    Accompanied => "accompanied", "case.accompaniment.accompanied";
});

vocabulary!(Relationship {
    Parent => "parent", "case.rel.parent";
    Grandparent => "grandparent", "case.rel.grandparent";
    Sibling => "sibling", "case.rel.sibling";
    OtherRelative => "other_relative", "case.rel.other_relative";
    LegalGuardian => "legal_guardian", "case.rel.legal_guardian";
    Unrelated => "unrelated", "case.rel.unrelated";
});

vocabulary!(DocumentKind {
    BirthCertificate => "birth_certificate", "case.doc.birth_certificate";
    NationalIdentityCard => "national_identity_card", "case.doc.national_identity_card";
    Passport => "passport", "case.doc.passport";
    MigrationDocument => "migration_document", "case.doc.migration_document";
    Other => "other", "case.doc.other";
});

vocabulary!(DocumentHolder {
    Child => "child", "case.holder.child";
    AccompanyingAdult => "accompanying_adult", "case.holder.accompanying_adult";
    Authority => "authority", "case.holder.authority";
    ElsewhereOrUnknown => "elsewhere_or_unknown", "case.holder.elsewhere_or_unknown";
});

vocabulary!(ClosureReason {
    GoalsMet => "goals_met", "case.closure.goals_met";
    Transferred => "transferred", "case.closure.transferred";
    TurnedEighteen => "turned_eighteen", "case.closure.turned_eighteen";
    ChildLeft => "child_left", "case.closure.child_left";
    Death => "death", "case.closure.death";
    Other => "other", "case.closure.other";
});

vocabulary!(ConsentGiver {
    Child => "child", "scr.giver.child";
    Parent => "parent", "scr.giver.parent";
    Guardian => "guardian", "scr.giver.guardian";
    AppointedRepresentative => "appointed_representative", "scr.giver.appointed_representative";
    ChildProtectionAuthority => "child_protection_authority", "scr.giver.child_protection_authority";
});

vocabulary!(ChildAssent {
    NotSought => "not_sought", "scr.assent.not_sought";
    Assented => "assented", "scr.assent.assented";
    Declined => "declined", "scr.assent.declined";
});

names!(IndicatorAnswer {
    Yes => "scr.answer.yes";
    No => "scr.answer.no";
    DontKnow => "scr.answer.dont_know";
});

names!(ConsentPurpose {
    Services => "scr.purpose.services";
    Referral => "scr.purpose.referral";
    InformationSharing => "scr.purpose.information_sharing";
    FamilyTracing => "scr.purpose.family_tracing";
});

impl Vocabulary for Country {
    const ALL: &'static [Self] = &Country::ALL;
    fn code(self) -> &'static str {
        Country::code(self)
    }
    fn name_key(self) -> &'static str {
        Country::name_key(self)
    }
    fn from_code(code: &str) -> Option<Country> {
        Country::from_code(code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Serialize;
    use std::collections::BTreeSet;

    /// Codes are unique, read back, and are exactly what storage holds; names are keys.
    fn check<T: Vocabulary + Serialize + std::fmt::Debug>(what: &str) {
        let codes: BTreeSet<&str> = T::ALL.iter().map(|v| v.code()).collect();
        assert_eq!(codes.len(), T::ALL.len(), "{what}: duplicate codes");
        let keys: BTreeSet<&str> = T::ALL.iter().map(|v| v.name_key()).collect();
        assert_eq!(keys.len(), T::ALL.len(), "{what}: duplicate name keys");
        for v in T::ALL {
            assert_eq!(T::from_code(v.code()), Some(*v), "{what}: {v:?}");
            let stored = serde_json::to_string(v).expect("serialises");
            assert_eq!(stored, format!("\"{}\"", v.code()), "{what}: {v:?} is stored otherwise");
        }
        assert_eq!(T::from_code("no_such_code"), None, "{what}");
    }

    #[test]
    fn every_vocabulary_round_trips_through_its_stored_codes() {
        check::<RiskLevel>("risk level");
        check::<Sex>("sex");
        check::<AgeBasis>("age basis");
        check::<AccompanimentStatus>("accompaniment");
        check::<Relationship>("relationship");
        check::<DocumentKind>("document kind");
        check::<DocumentHolder>("document holder");
        check::<ClosureReason>("closure reason");
        check::<ConsentGiver>("consent giver");
        check::<ChildAssent>("child assent");
        check::<IndicatorAnswer>("indicator answer");
        check::<ConsentPurpose>("consent purpose");
        check::<Country>("country");
    }

    #[test]
    fn risk_levels_are_offered_highest_first() {
        assert_eq!(RiskLevel::ALL, [RiskLevel::High, RiskLevel::Medium, RiskLevel::Low]);
    }
}
