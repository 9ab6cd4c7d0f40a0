//! Practice progress kept on the phone with no name: one row per finished attempt (scenario and score per skill), what to practise next, and the facilitator's anonymous CSV of a group passing one phone around.

use super::feedback::{Feedback, Skill};
use serde::{Deserialize, Serialize};

/// One finished attempt: which scenario and the percent per skill, in [`Skill::ALL`] order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attempt {
    pub scenario: String,
    pub scores: [u32; 4],
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub attempts: Vec<Attempt>,
}

impl Progress {
    /// Reads stored progress; anything unreadable starts afresh (there is nothing real to lose).
    pub fn load(raw: Option<&str>) -> Progress {
        raw.and_then(|r| serde_json::from_str::<Progress>(r).ok())
            .map(|mut p| {
                p.attempts.retain(|a| a.scores.iter().all(|s| *s <= 100));
                p
            })
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"attempts\":[]}".to_owned())
    }

    pub fn record(&mut self, scenario: &str, feedback: &Feedback) {
        let scores = Skill::ALL.map(|s| feedback.score(s).percent());
        self.attempts.push(Attempt { scenario: scenario.to_owned(), scores });
    }

    /// The best attempt at `scenario`, as its lowest skill percent.
    pub fn best(&self, scenario: &str) -> Option<u32> {
        self.attempts
            .iter()
            .filter(|a| a.scenario == scenario)
            .map(|a| a.scores.iter().copied().min().unwrap_or(0))
            .max()
    }

    /// How many different scenarios have been done at least once.
    pub fn done(&self) -> usize {
        let mut ids: Vec<&str> = self.attempts.iter().map(|a| a.scenario.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    }

    /// The skill with the lowest average over all attempts: what to practise next.
    pub fn weakest(&self) -> Option<Skill> {
        if self.attempts.is_empty() {
            return None;
        }
        Skill::ALL
            .into_iter()
            .min_by_key(|s| self.attempts.iter().map(|a| a.scores[*s as usize]).sum::<u32>())
    }

    /// The facilitator's anonymous table: one line per attempt, numbered, no name or time.
    pub fn csv(&self) -> String {
        let mut out = String::from("attempt,scenario");
        for skill in Skill::ALL {
            out.push(',');
            out.push_str(skill.code());
        }
        out.push('\n');
        for (i, a) in self.attempts.iter().enumerate() {
            let scores: Vec<String> = a.scores.iter().map(u32::to_string).collect();
            out.push_str(&format!("{},{},{}\n", i + 1, a.scenario, scores.join(",")));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempt(scenario: &str, scores: [u32; 4]) -> Attempt {
        Attempt { scenario: scenario.into(), scores }
    }

    #[test]
    fn progress_round_trips_and_unreadable_storage_starts_afresh() {
        let p = Progress { attempts: vec![attempt("a", [100, 50, 75, 100])] };
        assert_eq!(Progress::load(Some(&p.to_json())), p);
        assert_eq!(Progress::load(Some("{not json")), Progress::default());
        assert_eq!(Progress::load(None), Progress::default());
        let bad = r#"{"attempts":[{"scenario":"a","scores":[101,0,0,0]}]}"#;
        assert!(Progress::load(Some(bad)).attempts.is_empty());
    }

    #[test]
    fn best_done_weakest_and_an_anonymous_csv() {
        let p = Progress {
            attempts: vec![
                attempt("a", [100, 50, 40, 100]),
                attempt("a", [100, 80, 60, 100]),
                attempt("b", [100, 100, 20, 90]),
            ],
        };
        assert_eq!(p.best("a"), Some(60));
        assert_eq!(p.best("c"), None);
        assert_eq!(p.done(), 2);
        assert_eq!(p.weakest(), Some(Skill::Protection));
        assert_eq!(
            p.csv(),
            "attempt,scenario,identification,screening,protection,referral\n\
             1,a,100,50,40,100\n2,a,100,80,60,100\n3,b,100,100,20,90\n"
        );
    }
}
