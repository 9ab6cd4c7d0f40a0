//! Short lessons per phase of the procedure, drawn from the procedure content itself: which step comes first, and which "never" belongs to a step, each answered with the guide's why and its sources.

use crate::procedure::{Procedure, ProcedureTexts};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// Which of these steps comes first in the phase?
    FirstStep,
    /// Which "never" belongs to this step (its title)?
    Never { step: String },
}

/// One multiple-choice question with its answer, the why and the sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LessonQuestion {
    pub id: String,
    pub prompt: Prompt,
    pub options: Vec<String>,
    /// Index of the right option.
    pub answer: usize,
    pub why: String,
    pub sources: Vec<String>,
}

/// The questions of one phase, with its title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    pub phase: String,
    pub title: String,
    pub questions: Vec<LessonQuestion>,
}

/// Puts `right` among `others` at a position that varies with `seed`; returns the options and
/// where the right one is.
fn place(right: String, others: Vec<String>, seed: usize) -> (Vec<String>, usize) {
    let mut options = others;
    let at = seed % (options.len() + 1);
    options.insert(at, right);
    (options, at)
}

/// How many "never" questions each phase gets at most.
const NEVERS_PER_PHASE: usize = 2;

pub fn lessons(procedure: &Procedure, texts: &ProcedureTexts) -> Vec<Lesson> {
    // Every item with a "never", with its phase, for the wrong options of other phases.
    let mut nevers: Vec<(&str, &str, &str)> = Vec::new();
    for phase in &procedure.phases {
        for step in &phase.steps {
            for item in &step.items {
                if let Some(never) = texts.items.get(&item.id).and_then(|t| t.never.as_deref()) {
                    nevers.push((phase.id.as_str(), step.id.as_str(), never));
                }
            }
        }
    }
    let mut out = Vec::new();
    for (p, phase) in procedure.phases.iter().enumerate() {
        let mut questions = Vec::new();
        let titled: Vec<_> =
            phase.steps.iter().filter(|s| texts.steps.contains_key(&s.id)).collect();
        if let (Some(first), true) = (titled.first(), titled.len() >= 2) {
            if let Some(item) = first.items.first() {
                let others =
                    titled[1..].iter().take(2).map(|s| texts.steps[&s.id].title.clone()).collect();
                let (options, answer) = place(texts.steps[&first.id].title.clone(), others, p + 1);
                questions.push(LessonQuestion {
                    id: format!("{}.first", phase.id),
                    prompt: Prompt::FirstStep,
                    options,
                    answer,
                    why: texts.items.get(&item.id).map(|t| t.why.clone()).unwrap_or_default(),
                    sources: item.sources.clone(),
                });
            }
        }
        let own = phase.steps.iter().flat_map(|s| s.items.iter().map(move |i| (s, i)));
        for (n, (step, item)) in own
            .filter(|(_, i)| texts.items.get(&i.id).is_some_and(|t| t.never.is_some()))
            .take(NEVERS_PER_PHASE)
            .enumerate()
        {
            let text = &texts.items[&item.id];
            let elsewhere: Vec<&(&str, &str, &str)> =
                nevers.iter().filter(|(ph, _, _)| *ph != phase.id).collect();
            if elsewhere.len() < 2 {
                continue;
            }
            let start = (p * 7 + n * 3) % elsewhere.len();
            let others = (0..2).map(|k| elsewhere[(start + k * 5) % elsewhere.len()].2.to_owned());
            let others: Vec<String> = others.collect();
            if others[0] == others[1] {
                continue;
            }
            let (options, answer) = place(text.never.clone().unwrap_or_default(), others, p + n);
            questions.push(LessonQuestion {
                id: format!("{}.never", item.id),
                prompt: Prompt::Never {
                    step: texts.steps.get(&step.id).map(|s| s.title.clone()).unwrap_or_default(),
                },
                options,
                answer,
                why: text.why.clone(),
                sources: item.sources.clone(),
            });
        }
        if !questions.is_empty() {
            let title = texts.phases.get(&phase.id).map(|t| t.title.clone()).unwrap_or_default();
            out.push(Lesson { phase: phase.id.clone(), title, questions });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::locale::Locale;
    use crate::sources::sources;

    #[test]
    fn every_phase_has_a_lesson_whose_answers_come_from_the_procedure_with_sources() {
        let procedure = crate::procedure::procedure().expect("procedure parses");
        let known = sources().expect("sources parse");
        let mut counts = Vec::new();
        for locale in [Locale::Es, Locale::En, Locale::Fr] {
            let texts = crate::procedure::texts(locale).expect("texts parse").texts;
            let all = lessons(procedure, texts);
            assert_eq!(all.len(), procedure.phases.len(), "{locale:?}: a phase has no lesson");
            let mut n = 0;
            for lesson in &all {
                assert!(!lesson.title.is_empty());
                for q in &lesson.questions {
                    n += 1;
                    assert!(q.options.len() >= 2, "{}", q.id);
                    let mut distinct = q.options.clone();
                    distinct.sort();
                    distinct.dedup();
                    assert_eq!(distinct.len(), q.options.len(), "{}: repeated option", q.id);
                    assert!(!q.why.is_empty(), "{}", q.id);
                    assert!(!q.sources.is_empty(), "{}", q.id);
                    for s in &q.sources {
                        assert!(known.contains(s), "{}: {s}", q.id);
                    }
                    let right = &q.options[q.answer];
                    match &q.prompt {
                        Prompt::FirstStep => {
                            let phase =
                                procedure.phases.iter().find(|p| p.id == lesson.phase).unwrap();
                            assert_eq!(right, &texts.steps[&phase.steps[0].id].title, "{}", q.id);
                        }
                        Prompt::Never { .. } => {
                            let item = q.id.trim_end_matches(".never");
                            assert_eq!(Some(right), texts.items[item].never.as_ref(), "{}", q.id);
                        }
                    }
                }
            }
            counts.push(n);
        }
        assert!(counts[0] >= 10, "{counts:?}");
        assert!(counts.windows(2).all(|w| w[0] == w[1]), "locales differ: {counts:?}");
    }
}
