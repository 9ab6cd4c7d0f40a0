//! Who counts as a child or an adolescent under the law of the country where the case is
//! handled (SOURCES c10): 12 in Mexico and El Salvador, 13 in Guatemala; elsewhere the split is
//! not confirmed. Everyone under 18 is a child (CRC art. 1), and an age in doubt is presumed a
//! minor — never an adult.

use crate::procedure::{AgeBand, ChildAge};
use crate::vocabulary::Country;

/// A national legal split between childhood and adolescence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NationalThreshold {
    pub country: Country,
    /// Adolescence starts at this age.
    pub adolescent_from: u8,
    pub sources: &'static [&'static str],
}

/// The thresholds SOURCES c10 confirms; other countries' are UNVERIFIED and so not here.
pub const THRESHOLDS: [NationalThreshold; 3] = [
    NationalThreshold { country: Country::Mexico, adolescent_from: 12, sources: &["S62", "S61"] },
    NationalThreshold { country: Country::ElSalvador, adolescent_from: 12, sources: &["S62"] },
    NationalThreshold { country: Country::Guatemala, adolescent_from: 13, sources: &["S62"] },
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeStage {
    /// A child below the country's adolescence threshold.
    Child,
    /// An adolescent under the country's law.
    Adolescent,
    /// Under 18, in a country whose child/adolescent split Senda's sources do not confirm.
    Minor,
    /// 18 or over by the recorded age.
    Adult,
}

/// How the law of the case's country reads the child's age.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgeReading {
    pub stage: AgeStage,
    /// The age is in doubt, so the child is presumed a minor.
    pub presumed_minor: bool,
    /// The national split applied, if the country has a confirmed one.
    pub threshold: Option<NationalThreshold>,
}

pub fn threshold(country: Option<Country>) -> Option<NationalThreshold> {
    THRESHOLDS.into_iter().find(|t| Some(t.country) == country)
}

/// Reads `age` under the law of `country`. With the age in doubt, the worker's estimate picks
/// child or adolescent; with no estimate, the doubt is between adolescent and adult, which the
/// Mexican and Salvadoran rule settles as adolescent.
pub fn read_age(age: ChildAge, country: Option<Country>) -> AgeReading {
    let threshold = threshold(country);
    let split = |years: u8| match threshold {
        Some(t) if years < t.adolescent_from => AgeStage::Child,
        Some(_) => AgeStage::Adolescent,
        None => AgeStage::Minor,
    };
    let stage = match age {
        ChildAge::Years(years) if years >= 18 => AgeStage::Adult,
        ChildAge::Years(years) => split(years),
        ChildAge::Unknown { apparent_band } => match (apparent_band, threshold) {
            (_, None) => AgeStage::Minor,
            (Some(AgeBand::UnderSix | AgeBand::SixToEleven), Some(_)) => AgeStage::Child,
            (Some(AgeBand::TwelveToSeventeen) | None, Some(_)) => AgeStage::Adolescent,
        },
    };
    AgeReading { stage, presumed_minor: age.in_doubt(), threshold }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn national_thresholds_split_child_and_adolescent() {
        let cases = [
            (Some(Country::Mexico), 11, AgeStage::Child),
            (Some(Country::Mexico), 12, AgeStage::Adolescent),
            (Some(Country::ElSalvador), 12, AgeStage::Adolescent),
            (Some(Country::Guatemala), 12, AgeStage::Child),
            (Some(Country::Guatemala), 13, AgeStage::Adolescent),
            (Some(Country::Honduras), 12, AgeStage::Minor),
            (None, 9, AgeStage::Minor),
            (Some(Country::Mexico), 18, AgeStage::Adult),
        ];
        for (country, years, stage) in cases {
            let reading = read_age(ChildAge::Years(years), country);
            assert_eq!(reading.stage, stage, "{country:?} {years}");
            assert!(!reading.presumed_minor);
        }
    }

    #[test]
    fn an_age_in_doubt_is_presumed_a_minor_never_an_adult() {
        let unknown = ChildAge::Unknown { apparent_band: None };
        for country in Country::ALL {
            let reading = read_age(unknown, Some(country));
            assert!(reading.presumed_minor);
            assert_ne!(reading.stage, AgeStage::Adult, "{country:?}");
        }
        assert_eq!(read_age(unknown, Some(Country::Mexico)).stage, AgeStage::Adolescent);
        let small = ChildAge::Unknown { apparent_band: Some(AgeBand::SixToEleven) };
        assert_eq!(read_age(small, Some(Country::Guatemala)).stage, AgeStage::Child);
        assert_eq!(read_age(small, Some(Country::Panama)).stage, AgeStage::Minor);
    }
}
