//! Looking up the procedure's texts by id as the screens show them: a phase's or step's title,
//! an item's instruction, a question option's label — and the id itself where the texts lack
//! it, so a gap in a translation shows as an id rather than as nothing.

use super::texts::ProcedureTexts;

impl ProcedureTexts {
    /// The title of a phase, or its id.
    pub fn phase_title(&self, id: &str) -> String {
        self.phases.get(id).map_or_else(|| id.to_owned(), |p| p.title.clone())
    }

    /// The title of a step, or its id.
    pub fn step_title(&self, id: &str) -> String {
        self.steps.get(id).map_or_else(|| id.to_owned(), |s| s.title.clone())
    }

    /// The instruction of an item, or its id.
    pub fn instruction(&self, item: &str) -> String {
        self.items.get(item).map_or_else(|| item.to_owned(), |t| t.instruction.clone())
    }

    /// The label of option `option` of a question item, or the option's id.
    pub fn option_label(&self, item: &str, option: &str) -> String {
        self.items
            .get(item)
            .and_then(|t| t.options.get(option).cloned())
            .unwrap_or_else(|| option.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use crate::locale::Locale;
    use crate::procedure::texts;

    #[test]
    fn known_ids_give_their_text_and_unknown_ones_show_the_id() {
        let es = texts(Locale::Es).expect("es").texts;
        let (phase, step) = ("first_contact", "first_contact.safety");
        let item = "first_contact.introduction.language";
        assert_eq!(es.phase_title(phase), es.phases[phase].title);
        assert_eq!(es.step_title(step), es.steps[step].title);
        assert_eq!(es.instruction(item), es.items[item].instruction);
        let (code, label) = es.items[item].options.iter().next().expect("a question with options");
        assert_eq!(&es.option_label(item, code), label);
        assert_eq!(es.phase_title("no.such"), "no.such");
        assert_eq!(es.step_title("no.such"), "no.such");
        assert_eq!(es.instruction("no.such"), "no.such");
        assert_eq!(es.option_label(item, "no_such_option"), "no_such_option");
        assert_eq!(es.option_label("no.such", "yes"), "yes");
    }
}
