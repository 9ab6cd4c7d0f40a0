//! What the handover and shift screens read from what a person typed or from a case: the note
//! from the form's fields, and a case's next open deadline for the shift view.
use super::handover::{HandoverNote, NoteDeadline};
use crate::case::{Case, CaseSummary};
use crate::dates::parse_iso_date;
use crate::procedure::deadlines::DeadlineStatus;
use crate::procedure::progress::{DeadlineRow, DueRow};
use chrono::NaiveDate;

/// Why the typed note cannot be sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteProblem {
    /// A deadline row has what without a date, a date without what, or a date that is not one.
    DeadlineRow,
    /// What the child was told is blank.
    ChildTold,
}

/// The note from the form: one pending thing a line (blank lines left out), deadline rows of
/// (what, `YYYY-MM-DD`) with blank rows left out and a half-filled row refused, never dropped.
pub fn note_from_typed(
    pending: &str,
    rows: &[(String, String)],
    child_told: &str,
) -> Result<HandoverNote, NoteProblem> {
    let pending: Vec<String> =
        pending.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    let mut deadlines = Vec::new();
    for (what, due) in rows {
        let (what, due) = (what.trim(), due.trim());
        match (what.is_empty(), due.is_empty()) {
            (true, true) => {}
            (false, false) => {
                let due = NaiveDate::parse_from_str(due, "%Y-%m-%d")
                    .map_err(|_| NoteProblem::DeadlineRow)?;
                deadlines.push(NoteDeadline { what: what.to_owned(), due });
            }
            _ => return Err(NoteProblem::DeadlineRow),
        }
    }
    let note = HandoverNote { pending, deadlines, child_told: child_told.trim().to_owned() };
    if note.is_complete() {
        Ok(note)
    } else {
        Err(NoteProblem::ChildTold)
    }
}

/// The earliest dated deadline of a case not yet met (open or overdue), from its progress rows.
/// "As soon as possible" has no date to be late against (the engine never marks it overdue), so
/// it is left out rather than shown as overdue since the day it started.
pub fn next_open_deadline(rows: &[DeadlineRow]) -> Option<NaiveDate> {
    rows.iter()
        .filter(|r| matches!(r.status, DeadlineStatus::Open | DeadlineStatus::Overdue { .. }))
        .filter_map(|r| match &r.due {
            DueRow::On(d) => parse_iso_date(d),
            _ => None,
        })
        .min()
}

/// The shift view's line of a case.
pub fn shift_case(
    case: &Case,
    next_deadline: Option<NaiveDate>,
    holder: Option<String>,
) -> super::handover::ShiftCase {
    let summary = CaseSummary::of(case);
    super::handover::ShiftCase {
        case: case.id().to_string(),
        open: summary.open,
        next_deadline,
        risk: summary.risk,
        holder,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_are_left_out_and_half_filled_rows_refused() {
        let rows =
            vec![("BIA".to_owned(), "2026-12-10".to_owned()), (String::new(), " ".to_owned())];
        let note =
            note_from_typed("llamar\n\n consulado ", &rows, "Que otra persona la acompañará")
                .unwrap();
        assert_eq!(note.pending, ["llamar", "consulado"]);
        assert_eq!(note.deadlines[0].due, NaiveDate::from_ymd_opt(2026, 12, 10).unwrap());
        let half = vec![("BIA".to_owned(), String::new())];
        assert_eq!(note_from_typed("", &half, "x"), Err(NoteProblem::DeadlineRow));
        let bad_date = vec![("BIA".to_owned(), "10/12/2026".to_owned())];
        assert_eq!(note_from_typed("", &bad_date, "x"), Err(NoteProblem::DeadlineRow));
        assert_eq!(note_from_typed("a", &[], "  "), Err(NoteProblem::ChildTold));
    }

    #[test]
    fn the_next_deadline_is_the_earliest_not_yet_met() {
        use crate::procedure::deadlines::DeadlineBasis;
        let row = |due: DueRow, status| DeadlineRow {
            id: "x".into(),
            due,
            basis: DeadlineBasis::Sourced,
            status,
        };
        let met =
            DeadlineStatus::Met { on: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(), late: false };
        let rows = vec![
            row(DueRow::On("2026-01-01".into()), met),
            row(DueRow::On("2026-03-05".into()), DeadlineStatus::Open),
            row(DueRow::On("2026-02-01".into()), DeadlineStatus::Overdue { days_late: 3 }),
            row(DueRow::WaitingFor("bia".into()), DeadlineStatus::Open),
            row(DueRow::Asap("2025-12-01".into()), DeadlineStatus::Open),
            row(DueRow::On("2026-01-15".into()), DeadlineStatus::Waived),
        ];
        assert_eq!(next_open_deadline(&rows), NaiveDate::from_ymd_opt(2026, 2, 1));
        assert_eq!(next_open_deadline(&rows[..1]), None);
    }

    #[test]
    fn every_refusal_has_its_words_on_the_case_screen_in_every_locale() {
        use crate::workflow::handover::HandoverRefusal as R;
        use crate::workflow::signed::SignatureProblem as P;
        let all = [
            R::Signature(P::UnknownSigner),
            R::Signature(P::SignerRemoved),
            R::Signature(P::BadSignature),
            R::DuplicateId,
            R::OtherCase,
            R::NotPermitted,
            R::NotTheHolder,
            R::AlreadyOffered,
            R::BadReceiver,
            R::NoteIncomplete,
            R::NotTheReceiver,
            R::NotTheSender,
            R::OfferClosed,
        ];
        for file in [
            include_str!("../../../content/ui/cases/es.json"),
            include_str!("../../../content/ui/cases/en.json"),
            include_str!("../../../content/ui/cases/fr.json"),
        ] {
            let strings: serde_json::Value = serde_json::from_str(file).unwrap();
            for r in all {
                let key = format!("handover.refused.{}", r.id());
                assert!(strings["strings"][&key].is_string(), "{key} missing");
            }
        }
    }
}
