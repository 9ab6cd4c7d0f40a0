//! The flowchart of one phase, laid out as numbered boxes joined by arrows and ready to draw as
//! SVG: each step's title wrapped to the box, conditional steps marked, and where a case stands
//! (done, under way, open, not applicable, the step on screen). Pure layout: no drawing here.

use super::model::Phase;

/// The drawing's width in SVG user units; the view scales it to the screen, so a 320 px phone
/// shows it at about this size and nothing scrolls sideways.
pub const WIDTH: u32 = 320;
/// Room for the step number (or tick) left of the title.
const TEXT_X: u32 = 52;
/// Characters per title line that fit the box at the view's 14-unit font.
const LINE_CHARS: usize = 30;
const LINE_HEIGHT: u32 = 18;
const PADDING: u32 = 12;
/// Vertical room between two boxes, where the arrow goes.
const GAP: u32 = 26;
const MARGIN: u32 = 4;

/// Where a case stands on one step, as the flowchart shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepMark {
    /// The Guide without a case: nothing to mark.
    Reference,
    /// Applies; nothing resolved yet.
    Open,
    /// Applies; some items resolved.
    UnderWay,
    /// Applies; every item resolved.
    Done,
    /// Does not apply to this child (its condition is not met): drawn faded.
    NotApplicable,
}

impl StepMark {
    /// The mark of an applicable step with `resolved` of `total` items resolved, or of a step the
    /// engine left out because it does not apply (`None`).
    pub fn of(progress: Option<(usize, usize)>) -> StepMark {
        match progress {
            None => StepMark::NotApplicable,
            Some((0, _)) => StepMark::Open,
            Some((resolved, total)) if resolved >= total => StepMark::Done,
            Some(_) => StepMark::UnderWay,
        }
    }

    /// Stable name for styling and tests.
    pub fn code(self) -> &'static str {
        match self {
            StepMark::Reference => "reference",
            StepMark::Open => "open",
            StepMark::UnderWay => "under-way",
            StepMark::Done => "done",
            StepMark::NotApplicable => "not-applicable",
        }
    }
}

/// One step's box.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    pub step: String,
    /// 1-based position in the phase.
    pub number: usize,
    pub y: u32,
    pub height: u32,
    /// The title, wrapped to the box.
    pub lines: Vec<String>,
    /// The step applies only under a condition (drawn dashed).
    pub conditional: bool,
    pub mark: StepMark,
    /// The step the worker has on screen (drawn highlighted).
    pub current: bool,
}

/// An arrow from the bottom of one box to the top of the next, at the drawing's centre line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arrow {
    pub from_y: u32,
    pub to_y: u32,
}

/// A phase's flowchart in SVG user units.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Flowchart {
    pub width: u32,
    pub height: u32,
    pub nodes: Vec<Node>,
    pub arrows: Vec<Arrow>,
}

impl Flowchart {
    /// The box's left edge and width; every box spans the drawing.
    pub const BOX_X: u32 = MARGIN;
    pub const BOX_WIDTH: u32 = WIDTH - 2 * MARGIN;
    pub const TEXT_X: u32 = TEXT_X;
    pub const LINE_HEIGHT: u32 = LINE_HEIGHT;
    pub const PADDING: u32 = PADDING;

    /// Lays out `phase`: `title` gives a step's title in the reader's language, `mark` where the
    /// case stands on it, `current` the step on screen (if it is in this phase).
    pub fn of_phase(
        phase: &Phase,
        title: impl Fn(&str) -> String,
        mark: impl Fn(&str) -> StepMark,
        current: Option<&str>,
    ) -> Flowchart {
        let mut nodes = Vec::with_capacity(phase.steps.len());
        let mut arrows = Vec::new();
        let mut y = MARGIN;
        for (i, step) in phase.steps.iter().enumerate() {
            if i > 0 {
                arrows.push(Arrow { from_y: y - GAP, to_y: y });
            }
            let lines = wrap(&title(&step.id), LINE_CHARS);
            let height = 2 * PADDING + LINE_HEIGHT * lines.len().max(1) as u32;
            nodes.push(Node {
                step: step.id.clone(),
                number: i + 1,
                y,
                height,
                lines,
                conditional: step.when.is_some(),
                mark: mark(&step.id),
                current: current == Some(step.id.as_str()),
            });
            y += height + GAP;
        }
        let height = nodes.last().map_or(2 * MARGIN, |n| n.y + n.height + MARGIN);
        Flowchart { width: WIDTH, height, nodes, arrows }
    }

    /// The highlighted node, if the step on screen is in this phase.
    pub fn current(&self) -> Option<&Node> {
        self.nodes.iter().find(|n| n.current)
    }
}

/// Breaks `text` into lines of at most `max` characters at spaces; a word longer than a line is
/// cut, so no line ever overflows its box.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word: Vec<char> = word.chars().collect();
        while word.len() > max {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(word.drain(..max).collect());
        }
        let word: String = word.into_iter().collect();
        if word.is_empty() {
            continue;
        }
        let needed = if line.is_empty() {
            word.chars().count()
        } else {
            line.chars().count() + 1 + word.chars().count()
        };
        if needed > max && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::procedure::procedure;

    fn bia() -> &'static Phase {
        procedure().unwrap().phases.iter().find(|p| p.id == "bia").unwrap()
    }

    #[test]
    fn wrapping_keeps_every_word_and_no_line_is_too_long() {
        let text = "Evaluación del interés superior: elementos de la Observación General 14";
        let lines = wrap(text, 20);
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(lines[0], "Evaluación del");
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_rather_than_overflowing() {
        assert_eq!(
            wrap("ab interinstitucionalidad cd", 8),
            ["ab", "interins", "titucion", "alidad", "cd"]
        );
        assert!(wrap("", 10).is_empty());
        assert_eq!(wrap("  uno   dos  ", 10), vec!["uno dos"]);
    }

    #[test]
    fn boxes_follow_each_other_with_an_arrow_between_each_pair() {
        let phase = bia();
        let chart = Flowchart::of_phase(phase, |id| id.to_owned(), |_| StepMark::Reference, None);
        assert_eq!(chart.nodes.len(), phase.steps.len());
        assert_eq!(chart.arrows.len(), phase.steps.len() - 1);
        for (pair, arrow) in chart.nodes.windows(2).zip(&chart.arrows) {
            assert_eq!(arrow.from_y, pair[0].y + pair[0].height);
            assert_eq!(arrow.to_y, pair[1].y);
            assert!(arrow.to_y > arrow.from_y);
        }
        let last = chart.nodes.last().unwrap();
        assert_eq!(chart.height, last.y + last.height + MARGIN);
        assert_eq!(
            chart.nodes.iter().map(|n| n.number).collect::<Vec<_>>(),
            (1..=phase.steps.len()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_long_title_makes_a_taller_box_and_pushes_the_rest_down() {
        let phase = bia();
        let long = "una frase bastante larga que no cabe en una sola línea de la caja del paso";
        let chart = Flowchart::of_phase(
            phase,
            |id| if id == "bia.hearing" { long.into() } else { "corto".into() },
            |_| StepMark::Reference,
            None,
        );
        let short = &chart.nodes[0];
        let tall = chart.nodes.iter().find(|n| n.step == "bia.hearing").unwrap();
        assert_eq!(short.lines.len(), 1);
        assert!(tall.lines.len() >= 3);
        assert_eq!(tall.height, short.height + (tall.lines.len() as u32 - 1) * LINE_HEIGHT);
    }

    #[test]
    fn conditional_steps_are_marked_and_only_the_current_step_is_highlighted() {
        let chart =
            Flowchart::of_phase(bia(), |id| id.to_owned(), |_| StepMark::Open, Some("bia.views"));
        let short = chart.nodes.iter().find(|n| n.step == "bia.short").unwrap();
        assert!(short.conditional, "the short BIA applies only when the case is urgent");
        assert!(!chart.nodes[0].conditional);
        assert_eq!(chart.current().map(|n| n.step.as_str()), Some("bia.views"));
        assert_eq!(chart.nodes.iter().filter(|n| n.current).count(), 1);
        let elsewhere =
            Flowchart::of_phase(bia(), |id| id.to_owned(), |_| StepMark::Open, Some("bid.panel"));
        assert!(elsewhere.current().is_none(), "a step of another phase highlights nothing here");
    }

    #[test]
    fn marks_follow_the_items_resolved() {
        assert_eq!(StepMark::of(None), StepMark::NotApplicable);
        assert_eq!(StepMark::of(Some((0, 3))), StepMark::Open);
        assert_eq!(StepMark::of(Some((1, 3))), StepMark::UnderWay);
        assert_eq!(StepMark::of(Some((3, 3))), StepMark::Done);
    }
}
