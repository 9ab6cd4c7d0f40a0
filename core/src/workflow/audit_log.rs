//! The audit chain as a case's workflow log holds it: which chain actions a change of the case
//! recorded, this device's next entry after its last one in the log, and the highest entry
//! number a phone has seen of each device's chain (`known_heads`, kept in its vault).
use super::audit::{ChainAction, ChainEntry, EntryBody};
use super::entry::WorkflowEntry;
use super::handover::Step;
use super::review::PanelAct;
use crate::case::{AuditAction, AuditEvent};
use std::collections::BTreeMap;

/// The highest entry number seen of each device's chain, per case: `case → device → seq`.
pub type KnownHeads = BTreeMap<String, BTreeMap<String, u64>>;

/// The chain action of a workflow record (`None` for a chain entry itself).
pub fn action_of(entry: &WorkflowEntry) -> Option<ChainAction> {
    Some(match entry {
        WorkflowEntry::Handover(e) => match e.body.step {
            Step::Accept { .. } | Step::Decline { .. } => ChainAction::HandoverAnswered,
            Step::Assign { .. } | Step::Offer { .. } | Step::Withdraw { .. } => {
                ChainAction::HandedOver
            }
        },
        WorkflowEntry::ReviewRequest(_) => ChainAction::ReviewRequested,
        WorkflowEntry::ReviewDecision(_) => ChainAction::ReviewDecided,
        WorkflowEntry::Panel(p) => match p.body.act {
            PanelAct::Undertaking => ChainAction::PanelUndertaking,
            PanelAct::Vote { .. } => ChainAction::PanelVoted,
        },
        WorkflowEntry::Transfer(_) => ChainAction::TransferredOut,
        WorkflowEntry::TransferReceipt(_) => ChainAction::TransferReceived,
        WorkflowEntry::Audit(_) => return None,
    })
}

/// The chain actions of one change of a case, in order: the trail events it appended
/// (`new_events`) and the workflow records it appended (`new_entries`). A trail event that
/// stands for a workflow record (`AuditAction::Workflow`) is named by the record itself, which
/// says more (an offer or an answer, an undertaking or a vote); an edit the trail folded into
/// the same worker's edit session appended nothing, so it appends no entry either.
pub fn actions_of_change(
    new_events: &[AuditEvent],
    new_entries: &[WorkflowEntry],
) -> Vec<ChainAction> {
    let mut out: Vec<ChainAction> = new_events
        .iter()
        .filter(|e| !matches!(e.action, AuditAction::Workflow(_)))
        .map(|e| ChainAction::Case(e.action))
        .collect();
    out.extend(new_entries.iter().filter_map(action_of));
    out
}

/// `device`'s last entry in the log for `case` (the highest number; a chain has one writer).
pub fn last_entry<'a>(
    log: &'a [WorkflowEntry],
    case: &str,
    device: &str,
) -> Option<&'a ChainEntry> {
    WorkflowEntry::chain(log)
        .filter(|e| e.body.device == device && e.body.case == case)
        .max_by_key(|e| e.body.seq)
}

/// The next entry of `device`'s chain for `case`: after its last one in `log`, and numbered
/// above `head`, the highest of its entries this phone has seen. A number once used is never
/// used again: if an older copy of the case came back (a restored backup) without the device's
/// last entries, the next entry leaves their numbers out, and the history shows them missing
/// rather than two different entries with one number.
pub fn next_body(
    log: &[WorkflowEntry],
    case: &str,
    device: &str,
    head: Option<u64>,
    at: i64,
    action: ChainAction,
) -> EntryBody {
    let mut body = EntryBody::next(case, device, last_entry(log, case, device), at, action);
    if let Some(head) = head.filter(|h| body.seq <= *h) {
        body.seq = head + 1;
    }
    body
}

/// Raises `heads` to the entries seen (only ever up: an entry once seen and then gone is
/// missing). Returns whether anything changed.
pub fn raise_heads<'a>(
    heads: &mut BTreeMap<String, u64>,
    entries: impl IntoIterator<Item = &'a ChainEntry>,
) -> bool {
    let mut changed = false;
    for e in entries {
        match heads.get_mut(&e.body.device) {
            Some(head) if *head >= e.body.seq => {}
            Some(head) => {
                *head = e.body.seq;
                changed = true;
            }
            None => {
                heads.insert(e.body.device.clone(), e.body.seq);
                changed = true;
            }
        }
    }
    changed
}

#[cfg(test)]
#[path = "audit_log_tests.rs"]
mod tests;
